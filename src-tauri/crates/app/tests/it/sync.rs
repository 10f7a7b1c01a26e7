//! Two computers through a shared folder (the folder stands in for what Syncthing or a cloud
//! drive carries): pairing with a code, entries, rituals and marks crossing both ways, files
//! that were tampered with, moved, replayed or rolled back refused by name while the rest
//! applies, two versions of an entry, a locked notebook, leaving.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, TimeZone as _, Utc};
use chrono_tz::Europe::Paris;
use hearth_app::dto::{OccurrenceAction, RitualInput, ScheduleInput};
use hearth_app::input::{EntryKind, EntryQuery, NewEntry};
use hearth_app::{ApiErrorKind, Hearth, KdfStrength, Passphrase, SyncReport};
use zeroize::Zeroizing;

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap() + Duration::minutes(minutes)
}

struct Computer {
    dir: tempfile::TempDir,
    hearth: Hearth,
}

fn computer() -> Computer {
    computer_from(at(0))
}

/// A computer whose clock reads `start` when its notebook is set up.
fn computer_from(start: DateTime<Utc>) -> Computer {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let passphrase = Passphrase::new(Zeroizing::new("correct horse battery".into()));
    hearth
        .journal()
        .set_up(&passphrase, KdfStrength::Floor, start)
        .unwrap();
    // The tests' clock jumps minutes between steps; the notebook stays open throughout.
    hearth
        .journal()
        .set_idle_lock(std::time::Duration::from_secs(86_400));
    Computer { dir, hearth }
}

impl Computer {
    fn write(&self, text: &str, now: DateTime<Utc>) -> String {
        self.hearth
            .journal()
            .with_journal(now, |j| {
                j.add(
                    NewEntry {
                        text: text.into(),
                        kind: EntryKind::Note,
                        author: "Ana".into(),
                        mood: None,
                        closeness: None,
                        tags: Vec::new(),
                        occurrence: None,
                        score: None,
                    },
                    now,
                )
            })
            .unwrap()
            .id
    }

    fn texts(&self, now: DateTime<Utc>) -> Vec<String> {
        let mut texts: Vec<String> = self
            .hearth
            .journal()
            .with_journal(now, |j| {
                j.find(&EntryQuery {
                    limit: 20_000,
                    ..EntryQuery::default()
                })
            })
            .unwrap()
            .into_iter()
            .map(|entry| entry.text)
            .collect();
        texts.sort();
        texts
    }

    fn sync(&self, now: DateTime<Utc>) -> SyncReport {
        self.hearth
            .journal()
            .with_journal(now, |j| self.hearth.sync_now(Some(j), now))
            .unwrap()
    }

    fn setup(&self, folder: &Path, now: DateTime<Utc>) {
        self.hearth
            .journal()
            .with_journal(now, |j| self.hearth.sync_setup(j, folder, now))
            .unwrap();
    }

    fn invite(&self, now: DateTime<Utc>) -> String {
        self.hearth
            .journal()
            .with_journal(now, |j| self.hearth.sync_invite(j, now))
            .unwrap()
    }

    fn join(
        &self,
        folder: &Path,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<SyncReport, hearth_app::ApiError> {
        self.hearth
            .journal()
            .with_journal(now, |j| self.hearth.sync_join(j, folder, code, now))
    }

    fn ritual(&self, title: &str, now: DateTime<Utc>) -> String {
        self.hearth
            .add_ritual(
                &RitualInput {
                    title: title.into(),
                    practice: None,
                    schedule: ScheduleInput::Rule {
                        rule: "FREQ=DAILY".into(),
                    },
                    start: "2026-12-01T20:00".into(),
                    tz: Some("Europe/Paris".into()),
                    duration_minutes: 30,
                    reminders: vec![0],
                    paused_until: None,
                },
                now,
            )
            .unwrap()
            .id
    }
}

/// Two computers paired through `folder`, each having synced once after pairing.
fn paired() -> (Computer, Computer, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = (computer(), computer());
    a.setup(folder.path(), at(1));
    let code = a.invite(at(2));
    b.join(folder.path(), &code, at(3)).unwrap();
    assert!(a.sync(at(4)).joined, "the inviter takes the partner in");
    b.sync(at(5));
    (a, b, folder)
}

fn segments_of(folder: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for device in std::fs::read_dir(folder.join("devices")).unwrap() {
        for file in std::fs::read_dir(device.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(prefix)
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn two_computers_pair_with_a_code_and_everything_crosses_both_ways() {
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = (computer(), computer());
    a.write("Before we paired, from Ana's computer.", at(1));
    let walk = a.ritual("Sunday walk", at(1));
    b.write("Before we paired, from Sam's computer.", at(1));
    a.setup(folder.path(), at(2));
    let code = a.invite(at(3));
    assert_eq!(code.len(), 14, "{code}");
    b.join(folder.path(), &code, at(4)).unwrap();
    a.sync(at(5));
    b.sync(at(6));
    let both = vec![
        "Before we paired, from Ana's computer.".to_owned(),
        "Before we paired, from Sam's computer.".to_owned(),
    ];
    assert_eq!(a.texts(at(7)), both);
    assert_eq!(b.texts(at(7)), both);
    assert_eq!(b.hearth.rituals().unwrap()[0].title, "Sunday walk");

    // Sam marks Ana's ritual done on his computer; Ana's computer counts it.
    b.hearth
        .act_on_occurrence(&walk, "2026-12-01T20:00", OccurrenceAction::Done, at(8))
        .unwrap();
    b.sync(at(9));
    a.sync(at(10));
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let occurrences = a.hearth.occurrences(day, day, Paris).unwrap();
    assert_eq!(
        occurrences[0].state,
        Some(hearth_app::dto::OccurrenceState::Done)
    );

    // Nothing in the folder reads in the clear.
    for path in segments_of(folder.path(), "") {
        let bytes = std::fs::read(&path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("Before we paired") && !text.contains("Sunday walk"),
            "{}",
            path.display()
        );
    }
    let status = a.hearth.sync_status(None).unwrap();
    assert!(status.paired && status.folder_reachable);
    assert_eq!(status.devices.len(), 1);
    assert_eq!(status.devices[0].calendar_received, 1, "Sam's mark");
}

#[test]
fn a_wrong_expired_or_used_code_pairs_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let (a, b, c) = (computer(), computer(), computer());
    a.setup(folder.path(), at(1));
    let code = a.invite(at(2));
    let wrong = b.join(folder.path(), "7KQ2-XW9D-M3TF", at(3)).unwrap_err();
    assert_eq!(wrong.kind, ApiErrorKind::WrongPassphrase, "{wrong:?}");
    let expired = b.join(folder.path(), &code, at(2 + 16)).unwrap_err();
    assert_eq!(expired.kind, ApiErrorKind::InvalidInput);
    assert!(expired.message.contains("expired"), "{expired:?}");
    b.join(folder.path(), &code, at(4)).unwrap();
    let used = c.join(folder.path(), &code, at(5)).unwrap_err();
    assert!(used.message.contains("already used"), "{used:?}");
    // A third computer with the folder and no code is not paired and reads nothing.
    assert!(!c.hearth.sync_status(None).unwrap().paired);
    let not_paired = c.hearth.sync_now(None, at(6)).unwrap_err();
    assert_eq!(not_paired.kind, ApiErrorKind::InvalidInput);
}

#[test]
fn tampered_moved_replayed_or_rolled_back_files_are_refused_by_name_and_the_rest_applies() {
    let (a, b, folder) = paired();
    a.write("First after pairing.", at(10));
    a.sync(at(11));
    let first = segments_of(folder.path(), "notebook-")
        .into_iter()
        .max()
        .unwrap();
    let original = std::fs::read(&first).unwrap();

    // Changed in the folder: refused by name, nothing applied; put back, it applies.
    let mut tampered = original.clone();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 1;
    std::fs::write(&first, &tampered).unwrap();
    let report = b.sync(at(12));
    assert_eq!(report.refused.len(), 1, "{report:?}");
    assert!(
        report.refused[0]
            .file
            .ends_with(&first.file_name().unwrap().to_string_lossy().into_owned())
    );
    assert!(
        report.refused[0].reason.contains("cut short or changed"),
        "{report:?}"
    );
    assert!(!b.texts(at(12)).contains(&"First after pairing.".to_owned()));
    std::fs::write(&first, &original).unwrap();
    let report = b.sync(at(13));
    assert!(report.refused.is_empty(), "{report:?}");
    assert!(b.texts(at(13)).contains(&"First after pairing.".to_owned()));
    assert!(
        b.hearth.sync_status(None).unwrap().refused.is_empty(),
        "the refusal is forgotten once applied"
    );

    // Replayed under the next number: its header says otherwise.
    let name = first.file_name().unwrap().to_string_lossy().into_owned();
    let seq: u64 = name["notebook-".len().."notebook-".len() + 12]
        .parse()
        .unwrap();
    let replay = first.with_file_name(format!("notebook-{:012}.hseg", seq + 1));
    std::fs::copy(&first, &replay).unwrap();
    let report = b.sync(at(14));
    assert!(
        report
            .refused
            .iter()
            .any(|r| r.reason.contains("does not match")),
        "{report:?}"
    );
    std::fs::remove_file(&replay).unwrap();

    // Moved into the partner's folder (as if Sam's computer wrote it): it does not verify.
    let b_dir = std::fs::read_dir(folder.path().join("devices"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|dir| Some(dir.as_path()) != first.parent())
        .unwrap();
    let b_next = std::fs::read_dir(&b_dir)
        .unwrap()
        .filter(|f| {
            f.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("notebook-")
        })
        .count() as u64
        + 1;
    std::fs::copy(&first, b_dir.join(format!("notebook-{b_next:012}.hseg"))).unwrap();
    let report = a.sync(at(15));
    assert!(
        report
            .refused
            .iter()
            .any(|r| r.reason.contains("cut short or changed")),
        "{report:?}"
    );

    // A conflict copy beside it is not read at all.
    std::fs::copy(
        &first,
        first.with_file_name(format!("{name}.sync-conflict-20261201-101010-ABCDEFG.hseg")),
    )
    .unwrap();
    let before = b.sync(at(16));
    assert!(
        before
            .refused
            .iter()
            .all(|r| !r.file.contains("sync-conflict")),
        "{before:?}"
    );

    // Rolled back: Ana's newest segment disappears after it was applied here.
    std::fs::remove_file(&first).unwrap();
    let report = b.sync(at(17));
    assert!(
        report
            .refused
            .iter()
            .any(|r| r.reason.contains("went back")),
        "{report:?}"
    );
    assert!(
        b.texts(at(17)).contains(&"First after pairing.".to_owned()),
        "nothing undone here"
    );
}

#[test]
fn concurrent_edits_show_two_versions_and_choosing_settles_both_computers() {
    let (a, b, _folder) = paired();
    let id = a.write("We walked to the lake.", at(10));
    a.sync(at(11));
    b.sync(at(12));
    let edit = |c: &Computer, text: &str, now| {
        c.hearth
            .journal()
            .with_journal(now, |j| j.edit_text(&id, text.into(), now))
            .unwrap();
    };
    edit(&a, "We walked to the lake and back.", at(13));
    edit(&b, "We walked to the lake at dawn.", at(14));
    a.sync(at(15));
    b.sync(at(16));
    a.sync(at(17));
    for c in [&a, &b] {
        let status = c
            .hearth
            .journal()
            .with_journal(at(18), |j| c.hearth.sync_status(Some(j)))
            .unwrap();
        assert_eq!(status.two_versions, Some(1));
        let versions = c
            .hearth
            .journal()
            .with_journal(at(18), |j| j.versions(&id))
            .unwrap();
        let mut texts: Vec<String> = versions
            .into_iter()
            .filter_map(|v| v.entry.map(|e| e.text))
            .collect();
        texts.sort();
        assert_eq!(
            texts,
            [
                "We walked to the lake and back.",
                "We walked to the lake at dawn."
            ]
        );
    }
    edit(&b, "We walked to the lake at dawn, and back.", at(19));
    b.sync(at(20));
    a.sync(at(21));
    for c in [&a, &b] {
        assert!(
            c.texts(at(22))
                .contains(&"We walked to the lake at dawn, and back.".to_owned())
        );
        let versions = c
            .hearth
            .journal()
            .with_journal(at(22), |j| j.versions(&id))
            .unwrap();
        assert_eq!(versions.len(), 1);
    }
}

#[test]
fn with_the_notebook_locked_the_calendar_still_travels_and_the_notebook_waits() {
    let (a, b, _folder) = paired();
    let walk = a.ritual("Evening tea", at(10));
    a.write("Written while Sam's notebook is locked.", at(10));
    a.sync(at(11));
    b.hearth.journal().lock();
    let report = b.hearth.sync_now(None, at(12)).unwrap();
    assert!(report.notebook_waits);
    assert!(b.hearth.rituals().unwrap().iter().any(|r| r.id == walk));
    let passphrase = Passphrase::new(Zeroizing::new("correct horse battery".into()));
    b.hearth.journal().unlock(&passphrase, at(13)).unwrap();
    b.sync(at(14));
    assert!(
        b.texts(at(14))
            .contains(&"Written while Sam's notebook is locked.".to_owned())
    );
}

#[test]
fn after_one_computer_leaves_what_follows_is_sealed_under_new_keys() {
    let (a, b, folder) = paired();
    b.hearth
        .journal()
        .with_journal(at(10), |j| b.hearth.sync_leave(Some(j), at(10)))
        .unwrap();
    assert!(!b.hearth.sync_status(None).unwrap().paired);
    a.sync(at(11));
    assert!(
        a.hearth.sync_status(None).unwrap().devices.is_empty(),
        "Sam's computer is no longer one of the couple's"
    );
    a.write("After Sam's computer left.", at(12));
    a.sync(at(13));
    let newest = segments_of(folder.path(), "notebook-")
        .into_iter()
        .max()
        .unwrap();
    let bytes = std::fs::read(newest).unwrap();
    let header = String::from_utf8_lossy(&bytes[..200]).into_owned();
    assert!(header.contains("\"epoch\":1"), "{header}");
    drop(b.dir);
}

fn epoch_of(segment: &Path) -> String {
    let bytes = std::fs::read(segment).unwrap();
    let header = String::from_utf8_lossy(&bytes[..200]).into_owned();
    let start = header.find("\"epoch\":").unwrap() + 8;
    header[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .collect()
}

fn unlock(computer: &Computer, now: DateTime<Utc>) {
    let passphrase = Passphrase::new(Zeroizing::new("correct horse battery".into()));
    computer.hearth.journal().unlock(&passphrase, now).unwrap();
}

#[test]
fn a_departure_seen_while_the_notebook_is_locked_waits_so_both_streams_change_keys_together() {
    let (a, b, folder) = paired();
    b.hearth
        .journal()
        .with_journal(at(10), |j| b.hearth.sync_leave(Some(j), at(10)))
        .unwrap();
    a.hearth.journal().lock();
    a.ritual("Walk after the leaving", at(11));
    a.hearth.sync_now(None, at(11)).unwrap();
    assert_eq!(
        a.hearth.sync_status(None).unwrap().devices.len(),
        1,
        "the departure waits for the notebook"
    );
    unlock(&a, at(12));
    a.write(
        "After Sam's computer left, written with the notebook open.",
        at(12),
    );
    a.ritual("Tea after the leaving", at(12));
    a.sync(at(13));
    assert!(a.hearth.sync_status(None).unwrap().devices.is_empty());
    let newest = |prefix: &str| {
        segments_of(folder.path(), prefix)
            .into_iter()
            .max_by_key(|path| path.file_name().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(epoch_of(&newest("calendar-")), "1");
    assert_eq!(epoch_of(&newest("notebook-")), "1");
}

#[test]
fn new_keys_taken_in_while_the_notebook_is_locked_open_the_notebook_once_it_is_unlocked() {
    // Three computers: Ana's (a), Sam's laptop (b) and Sam's desktop (c); the laptop leaves.
    let (a, b, folder) = paired();
    let c = computer();
    let code = a.invite(at(6));
    c.join(folder.path(), &code, at(7)).unwrap();
    assert!(a.sync(at(8)).joined);
    c.sync(at(9));
    b.hearth
        .journal()
        .with_journal(at(10), |j| b.hearth.sync_leave(Some(j), at(10)))
        .unwrap();
    a.sync(at(11));
    a.write("Sealed under the keys made after the laptop left.", at(12));
    a.sync(at(13));
    c.hearth.journal().lock();
    c.hearth.sync_now(None, at(14)).unwrap();
    unlock(&c, at(15));
    let report = c.sync(at(16));
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert!(
        c.texts(at(16))
            .contains(&"Sealed under the keys made after the laptop left.".to_owned())
    );
}

#[test]
fn the_desktop_watches_the_folder_and_its_looks_carry_changes_both_ways() {
    use hearth_app::desktop::{DesktopEvent, Effect};

    use crate::support::{FakeDesktop, FixedClock};

    let (a, b, folder) = paired();
    let desktop = FakeDesktop::default();
    let clock = FixedClock::new(at(20), Paris);
    let event =
        |c: &Computer, event: DesktopEvent| c.hearth.on_desktop_event(event, &clock, &desktop);
    let look = || DesktopEvent::Look {
        monotonic: std::time::Duration::from_secs(60),
        wall: Duration::seconds(60),
    };

    let started = event(&a, DesktopEvent::Started { minimised: false });
    let watched = folder.path().canonicalize().unwrap();
    assert!(
        started.contains(&Effect::WatchExchange(Some(watched))),
        "{started:?}"
    );

    // Written in the app (no command to sync): the next look writes it out.
    a.write("Written in the app on Ana's computer.", at(20));
    event(&a, look());
    let waiting = a
        .hearth
        .journal()
        .with_journal(at(20), |j| a.hearth.sync_status(Some(j)))
        .unwrap()
        .waiting_notebook;
    assert_eq!(waiting, Some(0));

    // The folder changed on Sam's computer: the watcher's event asks for a look, which applies it.
    assert_eq!(event(&b, DesktopEvent::ExchangeChanged), [Effect::LookNow]);
    let effects = event(&b, look());
    assert!(
        effects.contains(&Effect::Arrived),
        "the page is told, to read again: {effects:?}"
    );
    assert!(
        !event(&b, look()).contains(&Effect::Arrived),
        "nothing new, nothing told"
    );
    assert!(
        b.texts(at(21))
            .contains(&"Written in the app on Ana's computer.".to_owned())
    );
}

fn answer(author: &str, mood: u8, note: &str) -> hearth_app::dto::practices::CheckInAnswer {
    hearth_app::dto::practices::CheckInAnswer {
        author: author.into(),
        mood,
        closeness: 4,
        need: None,
        note: note.into(),
    }
}

impl Computer {
    fn check_in(&self, now: DateTime<Utc>) -> hearth_app::dto::sync::CheckInApart {
        self.hearth
            .journal()
            .with_journal(now, |j| self.hearth.check_in_apart(j, now.date_naive()))
            .unwrap()
    }

    fn send_check_in(
        &self,
        answer: hearth_app::dto::practices::CheckInAnswer,
        now: DateTime<Utc>,
    ) -> hearth_app::dto::sync::CheckInApart {
        self.hearth
            .journal()
            .with_journal(now, |j| {
                self.hearth.check_in_send(j, answer, now.date_naive(), now)
            })
            .unwrap()
    }

    fn check_in_texts(&self, now: DateTime<Utc>) -> Vec<String> {
        self.texts(now)
            .into_iter()
            .filter(|text| text.starts_with("Mood:"))
            .collect()
    }
}

#[test]
fn check_ins_answered_apart_open_on_both_computers_only_once_both_have_answered() {
    let (a, b, folder) = paired();
    let before = a.check_in(at(10));
    assert!(before.paired && !before.answered && !before.partner_answered);
    assert_eq!(before.round.as_deref(), Some("2026-12-01"));

    let sent = a.send_check_in(answer("Ana", 4, "Felt close at dinner."), at(10));
    assert!(sent.answered && !sent.partner_answered && sent.revealed.is_none());
    assert!(a.check_in_texts(at(10)).is_empty(), "not even here, yet");
    a.sync(at(11));
    b.sync(at(12));
    let waiting = b.check_in(at(12));
    assert!(!waiting.answered && waiting.partner_answered && waiting.revealed.is_none());
    assert!(
        b.check_in_texts(at(12)).is_empty(),
        "Ana's answer is sealed on Sam's computer"
    );
    for segment in segments_of(folder.path(), "notebook-") {
        let bytes = std::fs::read(segment).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("Felt close"));
    }
    let again = a.hearth.journal().with_journal(at(12), |j| {
        a.hearth
            .check_in_send(j, answer("Ana", 2, "Again"), at(12).date_naive(), at(12))
    });
    let error = again.expect_err("one answer a round");
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
    assert!(
        error.message.contains("already answered"),
        "{}",
        error.message
    );

    let both = b.send_check_in(answer("Sam", 3, "Tired but glad."), at(13));
    assert!(both.answered && both.partner_answered);
    assert!(both.revealed.is_none(), "Ana's key has not arrived yet");
    b.sync(at(14));
    a.sync(at(15));
    b.sync(at(16));
    for computer in [&a, &b] {
        let state = computer.check_in(at(17));
        let revealed = state.revealed.expect("revealed on both computers");
        assert_eq!(revealed.round, "2026-12-01");
        assert_eq!(revealed.entries.len(), 2);
        let texts = computer.check_in_texts(at(17));
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts.iter().any(|t| t.ends_with("Felt close at dinner.")));
        assert!(texts.iter().any(|t| t.ends_with("Tired but glad.")));
    }
    a.sync(at(18));
    b.sync(at(19));
    assert_eq!(a.check_in_texts(at(20)).len(), 2, "nothing made twice");
    assert_eq!(b.check_in_texts(at(20)).len(), 2);
    let ids = |computer: &Computer| {
        let revealed = computer.check_in(at(20)).revealed.unwrap();
        assert_eq!(
            revealed.entries[0].author,
            if std::ptr::eq(computer, &a) {
                "Ana"
            } else {
                "Sam"
            },
            "this computer's answer first"
        );
        let mut ids: Vec<String> = revealed.entries.into_iter().map(|e| e.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&a), ids(&b), "the same two entries on both computers");
}

fn rename(computer: &Computer, id: &str, title: &str, now: DateTime<Utc>) {
    let ritual = computer
        .hearth
        .rituals()
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    let input = RitualInput {
        title: title.into(),
        practice: None,
        schedule: ScheduleInput::Rule {
            rule: "FREQ=DAILY".into(),
        },
        start: "2026-12-01T20:00".into(),
        tz: Some("Europe/Paris".into()),
        duration_minutes: ritual.duration_minutes,
        reminders: vec![0],
        paused_until: None,
    };
    computer.hearth.update_ritual(id, &input, now).unwrap();
}

fn title(computer: &Computer, id: &str) -> String {
    computer
        .hearth
        .rituals()
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap()
        .title
}

#[test]
fn a_computer_whose_clock_is_a_day_off_either_way_loses_none_of_the_partners_edits() {
    for skew in [Duration::days(-1), Duration::days(1)] {
        // Ana's clock is a day off; Sam's is right. `at` is the real time.
        let a_at = |minutes: i64| at(minutes) + skew;
        // Paired while both clocks were right; then Ana's clock went wrong (the notebook asks
        // to be unlocked again when the clock jumps).
        let (a, b, _folder) = paired();
        unlock(&a, a_at(6));
        let walk = b.ritual("Walk", at(10));
        b.sync(at(11));
        a.sync(a_at(12));

        // Each edits after seeing the other's last edit: the later edit in real time wins on
        // both computers, whichever clock is wrong.
        rename(&b, &walk, "Walk by the river", at(13));
        b.sync(at(14));
        a.sync(a_at(15));
        assert_eq!(title(&a, &walk), "Walk by the river");
        rename(&a, &walk, "Long walk by the river", a_at(16));
        a.sync(a_at(17));
        b.sync(at(18));
        assert_eq!(title(&b, &walk), "Long walk by the river", "skew {skew}");
        rename(&b, &walk, "Sunday walk by the river", at(19));
        b.sync(at(20));
        a.sync(a_at(21));
        assert_eq!(title(&a, &walk), "Sunday walk by the river", "skew {skew}");
        assert_eq!(title(&b, &walk), "Sunday walk by the river");

        // Entries written on both sides at once all arrive; marks from both survive.
        a.write("Ana, with the wrong clock.", a_at(22));
        b.write("Sam, with the right clock.", at(22));
        b.hearth
            .act_on_occurrence(&walk, "2026-12-01T20:00", OccurrenceAction::Done, at(22))
            .unwrap();
        a.sync(a_at(23));
        b.sync(at(24));
        a.sync(a_at(25));
        for (computer, now) in [(&a, a_at(26)), (&b, at(26))] {
            let texts = computer.texts(now);
            assert!(
                texts.contains(&"Ana, with the wrong clock.".to_owned()),
                "skew {skew}"
            );
            assert!(
                texts.contains(&"Sam, with the right clock.".to_owned()),
                "skew {skew}"
            );
        }
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let on_a = a.hearth.occurrences(day, day, Paris).unwrap();
        assert_eq!(
            on_a[0].state,
            Some(hearth_app::dto::OccurrenceState::Done),
            "skew {skew}"
        );
    }
}

#[test]
fn a_notebook_of_ten_thousand_entries_reaches_the_other_computer_complete() {
    let (a, b, _folder) = paired();
    for batch in 0..10 {
        let entries: Vec<NewEntry> = (batch * 1000..(batch + 1) * 1000)
            .map(|n| NewEntry {
                text: format!("Entry number {n}, about the walk and the tea afterwards."),
                kind: EntryKind::Note,
                author: if n % 2 == 0 { "Ana" } else { "Sam" }.into(),
                mood: Some(3),
                closeness: None,
                tags: vec!["walk".into()],
                occurrence: None,
                score: None,
            })
            .collect();
        let now = at(10) + Duration::seconds(batch);
        a.hearth
            .journal()
            .with_journal(now, |j| j.add_all(entries, now))
            .unwrap();
    }
    let sent = a.sync(at(11));
    assert!(sent.written >= 5, "{sent:?}");
    let received = b.sync(at(12));
    assert!(received.refused.is_empty(), "{:?}", received.refused);
    assert_eq!(received.changes, 10_000);
    let texts = b.texts(at(13));
    assert_eq!(texts.len(), 10_000);
    assert!(
        texts.contains(&"Entry number 9999, about the walk and the tea afterwards.".to_owned())
    );
}

#[test]
fn an_answer_copied_into_another_computers_folder_does_not_pair_it() {
    let folder = tempfile::tempdir().unwrap();
    let (a, b) = (computer(), computer());
    a.setup(folder.path(), at(1));
    let code = a.invite(at(2));
    b.join(folder.path(), &code, at(3)).unwrap();
    // Someone with the folder but not the code copies Sam's answer under a device of their own.
    let answer = segments_of(folder.path(), "join-").pop().unwrap();
    let stranger = folder
        .path()
        .join("devices")
        .join("aaaaaaaaaaaaaaaaaaaaaaaaaa");
    std::fs::create_dir_all(&stranger).unwrap();
    std::fs::copy(&answer, stranger.join(answer.file_name().unwrap())).unwrap();
    let report = a.sync(at(4));
    assert!(report.joined);
    assert!(
        report
            .refused
            .iter()
            .any(|r| r.file.starts_with("aaaaaaaaaaaaaaaaaaaaaaaaaa/")),
        "{:?}",
        report.refused
    );
    let devices = a.hearth.sync_status(None).unwrap().devices;
    assert_eq!(devices.len(), 1);
    assert_ne!(devices[0].device, "aaaaaaaaaaaaaaaaaaaaaaaaaa");
}

#[test]
fn the_app_and_the_cli_writing_to_one_paired_notebook_at_once_wait_for_each_other() {
    let (a, b, _folder) = paired();
    // A second process on the same data folder, as the CLI is beside the running app: each
    // save on a paired computer reads the outgoing sequence and then writes, which must wait
    // for the other writer's lock instead of failing with "database is locked".
    let cli = Computer {
        dir: tempfile::tempdir().unwrap(),
        hearth: Hearth::open(a.dir.path()).unwrap(),
    };
    unlock(&cli, at(6));
    cli.hearth
        .journal()
        .set_idle_lock(std::time::Duration::from_secs(86_400));
    std::thread::scope(|scope| {
        for (name, computer) in [("app", &a), ("cli", &cli)] {
            scope.spawn(move || {
                for n in 0..150 {
                    computer.write(&format!("{name} entry {n}"), at(7));
                }
            });
        }
    });
    assert_eq!(a.texts(at(8)).len(), 300);
    a.sync(at(9));
    let received = b.sync(at(10));
    assert!(received.refused.is_empty(), "{:?}", received.refused);
    assert_eq!(
        b.texts(at(11)).len(),
        300,
        "every entry from both writers travels once"
    );
}

#[test]
fn an_opener_drafted_on_your_own_stays_on_that_computer_and_is_never_an_entry() {
    let (a, b, _folder) = paired();
    let draft = hearth_app::dto::Draft {
        text: "I have been missing us a little lately.".into(),
        kind: EntryKind::Reflection,
        author: String::new(),
        tags: Vec::new(),
    };
    a.hearth
        .journal()
        .with_journal(at(6), |j| j.save_draft("alone", &draft, at(6)))
        .unwrap();
    a.sync(at(7));
    b.sync(at(8));
    let kept = a
        .hearth
        .journal()
        .with_journal(at(9), |j| j.draft("alone"))
        .unwrap();
    assert_eq!(kept.unwrap().draft.text, draft.text);
    assert!(a.texts(at(9)).is_empty(), "not an entry here");
    assert!(b.texts(at(9)).is_empty(), "nothing arrived there");
    let there = b
        .hearth
        .journal()
        .with_journal(at(9), |j| j.draft("alone"))
        .unwrap();
    assert!(there.is_none(), "the draft never travels");
}
