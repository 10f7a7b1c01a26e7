//! Unit tests for `journal_session`.

use super::*;
use chrono::TimeZone;
use hearth_core::{EntryKind, EntryQuery, NewEntry};

fn at(seconds: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 20, 0, 0).unwrap() + chrono::Duration::seconds(seconds)
}

fn passphrase() -> Passphrase {
    Passphrase::new(Zeroizing::new("correct horse battery".into()))
}

fn note(text: &str) -> NewEntry {
    NewEntry {
        text: text.into(),
        kind: EntryKind::Note,
        author: "Sam".into(),
        mood: None,
        closeness: None,
        tags: vec![],
        occurrence: None,
        score: None,
    }
}

fn session() -> (tempfile::TempDir, JournalSession) {
    let dir = tempfile::tempdir().unwrap();
    let session = JournalSession::new(dir.path().to_owned(), DEFAULT_IDLE_LOCK);
    (dir, session)
}

#[test]
fn setup_opens_the_journal_and_lock_forgets_it() {
    let (_dir, session) = session();
    assert!(!session.status().set_up);
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    assert!(session.status().set_up && session.status().unlocked);
    session
        .with_journal(at(1), |journal| journal.add(note("hello"), at(1)))
        .unwrap();
    assert!(session.lock());
    let error = session.with_journal(at(2), |journal| journal.find(&EntryQuery::default()));
    assert_eq!(error.unwrap_err().kind, ApiErrorKind::Locked);
    assert!(!session.lock(), "locking twice is harmless");
}

#[test]
fn the_idle_lock_fires_at_the_timeout_and_activity_pushes_it_back() {
    let (_dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    assert!(!session.lock_if_idle(at(299)));
    session.keep_alive(at(200)).unwrap();
    assert_eq!(
        session.until_idle_lock(at(200)),
        Some(Duration::from_secs(300))
    );
    assert!(!session.lock_if_idle(at(499)));
    assert!(
        session.lock_if_idle(at(500)),
        "locks exactly at the timeout"
    );
    assert!(!session.status().unlocked);
    assert_eq!(session.until_idle_lock(at(501)), None);
}

#[test]
fn a_call_after_the_idle_time_is_refused_even_before_the_timer_runs() {
    let (_dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    let error = session.with_journal(at(301), |_| Ok(())).unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::Locked);
    assert!(!session.is_unlocked());
}

#[test]
fn a_clock_jumping_backwards_does_not_lock_or_extend_forever() {
    let (_dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(100))
        .unwrap();
    assert!(!session.lock_if_idle(at(-5000)));
    session.keep_alive(at(50)).unwrap();
    assert!(
        session.lock_if_idle(at(400)),
        "the later activity time was kept"
    );
}

#[test]
fn sleep_is_told_apart_from_a_long_nap_and_a_clock_change() {
    let minute = Duration::from_secs(60);
    assert!(
        !slept_between(minute, chrono::Duration::seconds(61)),
        "an ordinary nap"
    );
    assert!(
        !slept_between(minute, chrono::Duration::seconds(89)),
        "within the gap"
    );
    assert!(slept_between(minute, chrono::Duration::seconds(60 + 31)));
    assert!(
        slept_between(Duration::from_secs(2), chrono::Duration::hours(8)),
        "overnight"
    );
    assert!(
        !slept_between(minute, chrono::Duration::seconds(-3600)),
        "clock set back"
    );
}

#[test]
fn a_wrong_passphrase_keeps_it_locked() {
    let (_dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    session.lock();
    let wrong = Passphrase::new(Zeroizing::new("not it at all".into()));
    assert_eq!(
        session.unlock(&wrong, at(1)).unwrap_err().kind,
        ApiErrorKind::WrongPassphrase
    );
    assert!(!session.is_unlocked());
    session.unlock(&passphrase(), at(2)).unwrap();
    assert!(session.is_unlocked());
}

fn draft(text: &str) -> dto::Draft {
    dto::Draft {
        text: text.into(),
        kind: dto::EntryKind::Reflection,
        author: "Sam".into(),
        tags: vec!["walk".into()],
    }
}

#[test]
fn a_draft_survives_a_lock_and_leaves_when_its_entry_is_saved() {
    let (_dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    session
        .with_journal(at(1), |j| j.save_draft("new", &draft("half a"), at(1)))
        .unwrap();
    session.lock();
    assert_eq!(
        session
            .with_journal(at(2), |j| j.draft("new"))
            .unwrap_err()
            .kind,
        ApiErrorKind::Locked
    );
    session.unlock(&passphrase(), at(3)).unwrap();
    let kept = session
        .with_journal(at(3), |j| j.draft("new"))
        .unwrap()
        .unwrap();
    assert_eq!(kept.draft, draft("half a"));
    assert_eq!(kept.saved_at, "2026-11-26T20:00:01.000Z");
    session
        .with_journal(at(4), |j| {
            j.add_from_draft(note("half a"), at(4), Some("new"))
        })
        .unwrap();
    assert_eq!(
        session.with_journal(at(5), |j| j.draft("new")).unwrap(),
        None
    );
    // Empty text forgets a draft; a made-up slot is refused by name.
    session
        .with_journal(at(6), |j| j.save_draft("new", &draft("x"), at(6)))
        .unwrap();
    session
        .with_journal(at(7), |j| j.save_draft("new", &draft("  "), at(7)))
        .unwrap();
    assert_eq!(
        session.with_journal(at(8), |j| j.draft("new")).unwrap(),
        None
    );
    let error = session
        .with_journal(at(9), |j| j.save_draft("../x", &draft("y"), at(9)))
        .unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
    assert!(error.message.starts_with("draft:"), "{}", error.message);
}

#[test]
fn partners_are_kept_inside_the_journal_and_checked() {
    let (_dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    assert_eq!(session.with_journal(at(1), |j| j.partners()).unwrap(), None);
    let names = dto::Partners {
        names: vec![" Sam".into(), "Alex ".into()],
        colours: vec!["sage".into()],
        pronouns: vec!["he/him".into(), " they/them ".into()],
    };
    let saved = session
        .with_journal(at(2), |j| j.set_partners(&names, at(2)))
        .unwrap();
    assert_eq!(saved.names, vec!["Sam", "Alex"]);
    // The second colour was left out: it takes the palette's second default.
    assert_eq!(saved.colours, vec!["sage", "sky"]);
    assert_eq!(saved.pronouns, vec!["he/him", "they/them"]);
    session.lock();
    session.unlock(&passphrase(), at(3)).unwrap();
    assert_eq!(
        session.with_journal(at(4), |j| j.partners()).unwrap(),
        Some(saved.clone())
    );
    let long = "x".repeat(31);
    let refused = [
        (vec!["Sam", "sam"], vec![], vec![], "differ"),
        (
            vec!["Sam", "Alex"],
            vec!["sky", "sky"],
            vec![],
            "different colours",
        ),
        (
            vec!["Sam"],
            vec!["#ff0000"],
            vec![],
            "not one of the colours",
        ),
        (vec!["Sam"], vec![], vec![long.as_str()], "pronouns"),
        (vec!["Sam"], vec!["sky", "sage"], vec![], "at most"),
    ];
    for (names, colours, pronouns, problem) in refused {
        let partners = dto::Partners {
            names: names.into_iter().map(String::from).collect(),
            colours: colours.into_iter().map(String::from).collect(),
            pronouns: pronouns.into_iter().map(String::from).collect(),
        };
        let error = session
            .with_journal(at(5), |j| j.set_partners(&partners, at(5)))
            .unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::InvalidInput);
        assert!(error.message.contains(problem), "{}", error.message);
    }
    // Nothing refused was written: the saved partners stand.
    assert_eq!(
        session.with_journal(at(6), |j| j.partners()).unwrap(),
        Some(saved)
    );
}

#[test]
fn a_shorter_idle_lock_applies_at_once() {
    let (_dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    session.set_idle_lock(Duration::from_secs(60));
    assert_eq!(session.status().idle_lock_seconds, 60);
    assert!(session.lock_if_idle(at(60)));
}

#[test]
fn restore_by_name_locks_brings_the_backup_back_and_refuses_other_paths() {
    let (dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    session
        .with_journal(at(1), |j| j.add(note("before the backup"), at(1)))
        .unwrap();
    let report = session.backup_now(at(2)).unwrap();
    session
        .with_journal(at(3), |j| j.add(note("after the backup"), at(3)))
        .unwrap();
    let name = report
        .path
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert_eq!(crate::list_backups(dir.path())[0].name, name);

    for bad in [
        "../journal.key",
        "journal.key",
        "journal-2026.hearth-backup",
    ] {
        let error = session.restore(bad, &passphrase(), at(4)).unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::NotFound, "{bad}");
    }
    assert!(session.is_unlocked(), "a refused restore changes nothing");

    let restored = session.restore(&name, &passphrase(), at(5)).unwrap();
    assert_eq!(restored.entries, 1);
    assert!(restored.previous_kept_at.is_some());
    assert!(!session.is_unlocked(), "restoring locks");
    session.unlock(&passphrase(), at(6)).unwrap();
    let texts: Vec<String> = session
        .with_journal(at(6), |j| j.find(&EntryQuery::default()))
        .unwrap()
        .into_iter()
        .map(|e| e.text)
        .collect();
    assert_eq!(texts, vec!["before the backup"]);
}

#[test]
fn a_backup_after_a_passphrase_change_opens_with_the_new_passphrase() {
    let (dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    let new = Passphrase::new(Zeroizing::new("a brand new phrase".into()));
    session
        .change_passphrase(&passphrase(), &new, KdfStrength::Floor)
        .unwrap();
    assert!(session.is_unlocked(), "an open journal stays open");
    let report = session.backup_now(at(1)).unwrap();
    // Restore into an empty folder, where only the backup's own key file can be used.
    let elsewhere = tempfile::tempdir().unwrap();
    crate::restore_journal(elsewhere.path(), &report.path, &new, at(2)).unwrap();
    assert_eq!(
        crate::restore_journal(elsewhere.path(), &report.path, &passphrase(), at(3))
            .unwrap_err()
            .kind,
        ApiErrorKind::WrongPassphrase
    );
    drop(dir);
}

#[test]
fn a_remembered_data_key_opens_the_journal_and_a_wrong_one_touches_nothing() {
    let (dir, session) = session();
    session
        .set_up(&passphrase(), KdfStrength::Floor, at(0))
        .unwrap();
    session
        .with_journal(at(1), |j| j.add(note("remembered"), at(1)))
        .unwrap();
    let (id, key) = session.key_to_remember(at(2)).unwrap();
    assert_eq!(id, session.journal_id().unwrap());
    session.lock();
    assert_eq!(
        session.key_to_remember(at(3)).unwrap_err().kind,
        ApiErrorKind::Locked
    );

    let db = dir.path().join(crate::JOURNAL_DB_FILE);
    let before = std::fs::read(&db).unwrap();
    let mut wrong = *key;
    wrong[0] ^= 1;
    for bad in [&wrong[..], &key[..31]] {
        let error = session.unlock_with_data_key(bad, at(4)).unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::WrongPassphrase);
        assert!(
            error.message.contains("use the passphrase"),
            "{}",
            error.message
        );
    }
    assert!(!session.is_unlocked());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a wrong key changed the file"
    );

    session.unlock_with_data_key(&key[..], at(5)).unwrap();
    let found = session
        .with_journal(at(5), |j| j.find(&EntryQuery::default()))
        .unwrap();
    assert_eq!(found[0].text, "remembered");
}
