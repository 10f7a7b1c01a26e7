//! The UI's commands through `api::dispatch`, as the shell calls them, with a fake desktop:
//! JSON in, JSON or a named error out, effects collected for the shell.

use chrono::TimeZone as _;
use chrono_tz::Europe::London;
use hearth_app::api::{Cx, NAMES, dispatch};
use hearth_app::desktop::Effect;
use hearth_app::{ApiError, Hearth};
use serde_json::{Value, json};

use crate::support::{FakeDesktop, FixedClock};

struct Host {
    _dir: tempfile::TempDir,
    hearth: Result<Hearth, ApiError>,
    desktop: FakeDesktop,
    clock: FixedClock,
}

impl Host {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let hearth = Hearth::open(dir.path());
        Self {
            _dir: dir,
            hearth,
            desktop: FakeDesktop::default(),
            clock: FixedClock::new(
                chrono::Utc
                    .with_ymd_and_hms(2026, 11, 30, 18, 0, 0)
                    .unwrap(),
                London,
            ),
        }
    }

    /// Calls a command; answers its result and the effects it asked for.
    fn call(&self, name: &str, request: Value) -> (Result<Value, ApiError>, Vec<Effect>) {
        let cx = Cx::new(self.hearth.as_ref(), &self.desktop, &self.clock);
        let result = dispatch(&cx, name, request);
        (result, cx.take_effects())
    }

    fn ok(&self, name: &str, request: Value) -> Value {
        self.call(name, request).0.unwrap()
    }
}

const PASSPHRASE: &str = "correct horse battery";

#[test]
fn every_command_is_dispatched_by_name_and_strangers_are_refused() {
    let host = Host::new();
    assert!(NAMES.len() >= 70);
    assert!(
        NAMES.iter().all(|name| name.split('_').count() >= 2),
        "area_verb"
    );
    let (refused, _) = host.call("read_any_file", json!({}));
    let refused = refused.unwrap_err();
    assert_eq!(refused.kind, hearth_app::ApiErrorKind::NotFound);
    assert!(refused.message.contains("read_any_file"));
    // A request of the wrong shape is named, not guessed at.
    for (name, request, problem) in [
        ("journal_unlock", json!({}), "passphrase"),
        (
            "journal_unlock",
            json!({"passphrase": "x", "extra": 1}),
            "extra",
        ),
        ("insights_get", json!({"range": "year"}), "year"),
        ("journal_lock", json!({"unexpected": true}), "unexpected"),
    ] {
        let error = host.call(name, request).0.unwrap_err();
        assert_eq!(error.kind, hearth_app::ApiErrorKind::InvalidInput, "{name}");
        assert!(
            error.message.starts_with(name) && error.message.contains(problem),
            "{name}: {}",
            error.message
        );
    }
    // Commands that read content work before anything is set up.
    let patterns = host.ok("breathing_patterns", json!({}));
    assert!(patterns.as_array().unwrap().len() >= 4);
    assert!(patterns[0]["cycleMillis"].as_u64().is_some());
}

#[test]
fn a_notebook_is_set_up_written_found_and_locked_through_commands() {
    let host = Host::new();
    let recovery = host.ok("journal_set_up", json!({"passphrase": PASSPHRASE}));
    assert_eq!(recovery.as_str().unwrap().split('-').count(), 13);
    let entry = host.ok(
        "journal_add",
        json!({"entry": {"text": "tea by the window", "kind": "note", "author": "Sam",
                          "mood": null, "closeness": null, "tags": ["home"]},
               "draftSlot": null}),
    );
    assert_eq!(entry["text"], "tea by the window");
    let found = host.ok(
        "journal_find",
        json!({"query": {"text": "window", "limit": 10}}),
    );
    assert_eq!(found.as_array().unwrap().len(), 1);
    host.ok("journal_lock", json!({}));
    let locked = host
        .call("journal_find", json!({"query": {"limit": 10}}))
        .0
        .unwrap_err();
    assert_eq!(locked.kind, hearth_app::ApiErrorKind::Locked);
}

#[test]
fn changes_to_the_calendar_ask_the_loop_to_look_again() {
    let host = Host::new();
    let pick = host.ok("schedule_default", json!({"date": "2026-12-06"}));
    assert_eq!(pick["days"], json!(["SU"]));
    assert_eq!(
        host.ok(
            "schedule_describe",
            json!({"schedule": {"kind": "pick", "pick": pick}, "start": "2026-12-06T10:00"})
        ),
        "Every Sunday at 10:00"
    );
    assert_eq!(
        host.ok(
            "schedule_describe",
            json!({"schedule": {"kind": "rule", "rule": "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14"},
                "start": "2027-02-14T19:00"})
        ),
        "On a custom schedule at 19:00"
    );
    let ritual = json!({"ritual": {"title": "Walk", "practice": "walk_questions",
        "schedule": {"kind": "pick", "pick": pick}, "start": "2026-12-06T10:00", "tz": null,
        "durationMinutes": 60, "reminders": [0], "pausedUntil": null}});
    let (added, effects) = host.call("ritual_add", ritual);
    let added = added.unwrap();
    assert_eq!(added["scheduleWords"], "Every Sunday at 10:00");
    assert_eq!(added["practiceName"], "Questions for a walk");
    let id = added["id"].as_str().unwrap().to_owned();
    assert_eq!(effects, [Effect::LookNow]);
    let (_, effects) = host.call(
        "occurrence_act",
        json!({"ritualId": id, "occurrence": "2026-12-06T10:00", "action": "skip"}),
    );
    assert_eq!(effects, [Effect::LookNow]);
    let card = json!({"ritualId": id, "occurrence": "2026-12-06T10:00"});
    let occurrence = host.ok("occurrence_get", card);
    assert_eq!(occurrence["state"], "skipped");
    assert_eq!(occurrence["title"], "Walk");
    let (_, effects) = host.call("ritual_list", json!({}));
    assert!(effects.is_empty(), "reading changes nothing");
    let (quiet, effects) = host.call(
        "quiet_hours_set",
        json!({"quiet": {"start": "22:00", "end": "7:00"}}),
    );
    assert_eq!(quiet.unwrap(), json!({"start": "22:00", "end": "07:00"}));
    assert_eq!(effects, [Effect::LookNow]);
}

#[test]
fn settings_write_the_login_item_through_the_desktop() {
    let host = Host::new();
    let mut settings = host.ok("settings_get", json!({}));
    assert_eq!(settings["startAtLogin"], false);
    settings["startAtLogin"] = json!(true);
    host.ok("settings_set", json!({"settings": settings}));
    assert_eq!(*host.desktop.login_item.lock().unwrap(), Some(true));
    assert_eq!(host.ok("settings_get", json!({}))["startAtLogin"], true);
}

/// "Remember on this computer": remembered, replaced by the new key when the passphrase
/// changes (so the old one opens nothing), used to unlock, and forgotten when stale.
#[test]
fn the_keychain_follows_the_notebooks_key() {
    let host = Host::new();
    host.ok("journal_set_up", json!({"passphrase": PASSPHRASE}));
    assert_eq!(
        host.ok("journal_keychain", json!({})),
        json!({"available": true, "remembered": false})
    );
    host.ok("journal_remember", json!({}));
    let before = host
        .desktop
        .keychain
        .lock()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    let changed = host.ok(
        "journal_change_passphrase",
        json!({"current": PASSPHRASE, "new": "a different passphrase"}),
    );
    assert_eq!(changed["newRecoveryKey"], Value::Null);
    let after = host
        .desktop
        .keychain
        .lock()
        .unwrap()
        .values()
        .next()
        .unwrap()
        .clone();
    assert_ne!(before, after, "the remembered key was replaced");
    host.ok("journal_lock", json!({}));
    host.ok("journal_unlock_with_keychain", json!({}));
    assert_eq!(host.ok("journal_status", json!({}))["unlocked"], true);

    // A key that no longer opens the notebook (the old one, put back) is forgotten.
    let account = host
        .desktop
        .keychain
        .lock()
        .unwrap()
        .keys()
        .next()
        .unwrap()
        .clone();
    host.desktop
        .keychain
        .lock()
        .unwrap()
        .insert(account, before);
    assert_eq!(host.ok("journal_keychain", json!({}))["remembered"], false);
    assert!(host.desktop.keychain.lock().unwrap().is_empty());
}

#[test]
fn without_a_keychain_the_passphrase_still_works_and_the_reason_is_named() {
    let host = Host {
        desktop: FakeDesktop {
            no_keychain: true,
            ..FakeDesktop::default()
        },
        ..Host::new()
    };
    host.ok("journal_set_up", json!({"passphrase": PASSPHRASE}));
    assert_eq!(
        host.ok("journal_keychain", json!({})),
        json!({"available": false, "remembered": false})
    );
    let error = host.call("journal_remember", json!({})).0.unwrap_err();
    assert!(
        error.message.contains("the passphrase still works"),
        "{}",
        error.message
    );
}

#[test]
fn exports_go_where_the_dialog_says_and_a_cancelled_dialog_writes_nothing() {
    let host = Host::new();
    let out = tempfile::tempdir().unwrap();
    host.ok("journal_set_up", json!({"passphrase": PASSPHRASE}));
    assert_eq!(
        host.ok("notebook_export", json!({"format": "json"})),
        Value::Null
    );
    let path = out.path().join("notebook.json");
    *host.desktop.dialog_answer.lock().unwrap() = Some(path.clone());
    let done = host.ok("notebook_export", json!({"format": "markdown"}));
    assert_eq!(done["path"], path.display().to_string());
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Our Hearth journal")
    );
    let wrong = host
        .call("notebook_export", json!({"format": "pdf"}))
        .0
        .unwrap_err();
    assert!(wrong.message.contains("pdf"), "{}", wrong.message);
}

#[test]
fn an_open_failure_reaches_every_command_as_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let host = Host {
        hearth: Hearth::open(&file),
        ..Host::new()
    };
    let error = host.call("breathing_patterns", json!({})).0.unwrap_err();
    assert!(error.message.contains("a-file"), "{}", error.message);
}

#[test]
fn a_reminders_card_shows_one_occurrence_or_names_why_not() {
    let host = Host::new();
    let ritual = json!({"ritual": {"title": "Nightly reflection", "practice": "nightly_reflection",
        "schedule": {"kind": "rule", "rule": "FREQ=DAILY"}, "start": "2026-12-01T21:30",
        "tz": null, "durationMinutes": 15, "reminders": [0], "pausedUntil": null}});
    let id = host.ok("ritual_add", ritual)["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let card = host.ok(
        "occurrence_get",
        json!({"ritualId": id, "occurrence": "2026-12-03T21:30"}),
    );
    assert_eq!(card["startLocal"], "2026-12-03T21:30");
    assert_eq!(card["practice"], "nightly_reflection");
    assert_eq!(card["state"], Value::Null);

    let missing = |occurrence: &str| {
        host.call(
            "occurrence_get",
            json!({"ritualId": id, "occurrence": occurrence}),
        )
        .0
        .unwrap_err()
    };
    let off_schedule = missing("2026-12-03T10:00");
    assert_eq!(off_schedule.kind, hearth_app::ApiErrorKind::NotFound);
    assert!(
        off_schedule
            .message
            .contains("no occurrence at 2026-12-03T10:00"),
        "{off_schedule:?}"
    );
    assert_eq!(
        missing("the third").kind,
        hearth_app::ApiErrorKind::InvalidInput
    );
    let gone = host
        .call(
            "occurrence_get",
            json!({"ritualId": "nope", "occurrence": "2026-12-03T21:30"}),
        )
        .0
        .unwrap_err();
    assert_eq!(gone.kind, hearth_app::ApiErrorKind::NotFound);
}

#[test]
fn start_on_a_rituals_card_starts_a_phones_off_hour_and_leaves_the_page_to_the_ui() {
    let host = Host::new();
    let ritual = |title: &str, practice: &str| {
        json!({"ritual": {"title": title, "practice": practice,
            "schedule": {"kind": "rule", "rule": "FREQ=DAILY"}, "start": "2026-12-01T20:00",
            "tz": null, "durationMinutes": 60, "reminders": [0], "pausedUntil": null}})
    };
    let walk = host.ok("ritual_add", ritual("Walk", "walk_questions"));
    let (started, effects) = host.call("ritual_start", json!({"ritualId": walk["id"]}));
    started.unwrap();
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(
        host.ok("phones_off_status", json!({}))["running"],
        Value::Null
    );

    let hour = host.ok("ritual_add", ritual("Phones off", "phones_off_hour"));
    let (started, effects) = host.call("ritual_start", json!({"ritualId": hour["id"]}));
    started.unwrap();
    assert_eq!(effects, [Effect::LookNow]);
    assert_ne!(
        host.ok("phones_off_status", json!({}))["running"],
        Value::Null
    );
}
