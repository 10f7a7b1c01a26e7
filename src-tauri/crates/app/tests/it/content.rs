//! hearth-app's API, exercised the way the shell and the CLI call it.

use hearth_app::{ApiErrorKind, Hearth, check_content_dir, embedded_content};

#[test]
fn embedded_content_is_valid_and_has_the_four_starter_patterns() {
    let (library, errors) = embedded_content();
    assert!(errors.is_empty(), "{errors:?}");
    let ids: Vec<&str> = library
        .breathing_patterns
        .iter()
        .map(|p| p.id.as_str())
        .collect();
    for id in ["resonance", "long-exhale", "box", "cyclic-sigh"] {
        assert!(ids.contains(&id), "missing {id} in {ids:?}");
    }
}

#[test]
fn embedded_content_meets_every_minimum_the_practices_need() {
    use hearth_core::ritual::Practice;
    let (library, errors) = embedded_content();
    assert!(errors.is_empty(), "{errors:?}");
    let cards = |id: &str| {
        library
            .decks
            .iter()
            .find(|deck| deck.id == id)
            .map_or(0, |deck| deck.cards.len())
    };
    assert!(cards("nightly-reflection") >= 40, "nightly reflection deck");
    assert!(cards("walk-questions") >= 40, "walk deck");
    assert!(cards("honest-openers") >= 20, "openers deck");
    let walk = library
        .decks
        .iter()
        .find(|d| d.id == "walk-questions")
        .unwrap();
    for level in 1..=3 {
        assert!(
            walk.cards.iter().any(|card| card.level == level),
            "level {level}"
        );
    }
    // Every practice has a guide with its "why"; the check-in has both scales and some needs.
    for practice in Practice::ALL {
        assert!(
            library
                .practice_guides
                .iter()
                .any(|g| g.practice == practice),
            "no guide for {}",
            practice.as_str()
        );
    }
    let scales: Vec<&str> = library.scales.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(scales, vec!["mood", "closeness"]);
    assert!(library.check_in_needs.len() >= 5);
    assert!(library.self_check_questions.len() >= 5);
    assert_eq!(library.plan_days.len(), 7);
    assert!(library.ritual_templates.len() >= 5);
}

#[test]
fn opening_creates_the_data_folder_and_schedule_database() {
    let root = tempfile::tempdir().unwrap();
    let data_dir = root.path().join("nested/data");
    let hearth = Hearth::open(&data_dir).unwrap();
    assert!(data_dir.join("schedule.sqlite3").is_file());
    assert_eq!(hearth.paths().data_dir, data_dir.display().to_string());
    assert_eq!(
        hearth.schedule_schema_version().unwrap(),
        6,
        "through the sync steps"
    );
    assert!(hearth.content_problems().is_empty());
}

#[test]
fn breathing_patterns_serialise_in_camel_case_with_derived_figures() {
    let root = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(root.path()).unwrap();
    let patterns = hearth.breathing_patterns();
    let resonance = patterns.iter().find(|p| p.id == "resonance").unwrap();
    let json = serde_json::to_value(resonance).unwrap();
    assert_eq!(json["cycleMillis"], 10_000);
    assert_eq!(json["breathsPerMinute"], 6.0);
    assert_eq!(json["phases"][0]["kind"], "inhale");
    assert_eq!(json["phases"][1]["millis"], 6000);
}

#[test]
fn opening_on_a_file_instead_of_a_folder_is_a_storage_error_naming_the_path() {
    let root = tempfile::tempdir().unwrap();
    let file = root.path().join("not-a-folder");
    std::fs::write(&file, "x").unwrap();
    let error = Hearth::open(&file).unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::Storage);
    assert!(error.message.contains("not-a-folder"), "{}", error.message);
}

#[test]
fn checking_a_folder_reports_nested_files_relative_to_it() {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("decks")).unwrap();
    std::fs::write(
        root.path().join("decks/bad.toml"),
        "[[breathing_pattern]]\nid = 3\n",
    )
    .unwrap();
    std::fs::write(root.path().join("notes.md"), "not content").unwrap();
    let errors = check_content_dir(root.path()).unwrap();
    // The broken file by its line, then what the folder lacks as a whole.
    let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
    assert_eq!(
        fields,
        vec!["breathing_pattern[0].id", "safety", "deck"],
        "{errors:?}"
    );
    assert_eq!(errors[0].file, "decks/bad.toml");
    assert_eq!(errors[0].line, 2);
}

#[test]
fn the_built_in_content_passes_the_checker_with_its_decks_levels_and_safety() {
    assert_eq!(hearth_app::check_embedded_content(), vec![]);
    let (library, _) = embedded_content();
    let cards: usize = library.decks.iter().map(|deck| deck.cards.len()).sum();
    assert!(library.decks.len() >= 10 && cards >= 400, "{cards} cards");
    // Honest openers are never offered as light chat.
    let openers = library
        .decks
        .iter()
        .find(|deck| deck.id == "honest-openers")
        .unwrap();
    assert!(openers.cards.iter().all(|card| card.level > 1));
    // Closeness and intimacy wait to be switched on; decks that can open old hurts say so.
    for id in ["closeness", "intimacy"] {
        let deck = library.decks.iter().find(|deck| deck.id == id).unwrap();
        assert!(deck.opt_in && deck.tender, "{id}");
    }
    let safety = library.safety.as_ref().unwrap();
    assert!(safety.emergency.contains("local emergency number"));
    assert!(!safety.services.is_empty());
    assert!(safety.directory.website.starts_with("https://"));
}

#[test]
fn checking_something_that_is_not_a_folder_is_invalid_input() {
    let error = check_content_dir(std::path::Path::new("/definitely/not/here")).unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
}

#[test]
fn the_idle_lock_setting_is_one_of_the_choices_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let hearth = Hearth::open(dir.path()).unwrap();
        assert_eq!(hearth.journal_settings().idle_lock_minutes, 5);
        let error = hearth.set_idle_lock_minutes(7).unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::InvalidInput);
        assert!(error.message.contains("7 minutes"), "{}", error.message);
        let settings = hearth.set_idle_lock_minutes(15).unwrap();
        assert_eq!(settings.idle_lock_minutes, 15);
        assert_eq!(hearth.journal().status().idle_lock_seconds, 900);
        assert!(settings.backups.is_empty());
    }
    let reopened = Hearth::open(dir.path()).unwrap();
    assert_eq!(reopened.journal().status().idle_lock_seconds, 900);
}

#[test]
fn a_query_with_a_date_that_is_not_rfc_3339_names_the_field() {
    let query = hearth_app::dto::EntryQuery {
        from: Some("yesterday".into()),
        ..Default::default()
    };
    let error = hearth_app::input::EntryQuery::try_from(query).unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
    assert!(error.message.starts_with("from:"), "{}", error.message);
    let query = hearth_app::dto::EntryQuery {
        from: Some("2026-11-26T00:00:00+01:00".into()),
        until: Some("2026-11-27T00:00:00+01:00".into()),
        author: Some("  ".into()),
        ..Default::default()
    };
    let parsed = hearth_app::input::EntryQuery::try_from(query).unwrap();
    assert_eq!(
        parsed.from.unwrap().to_rfc3339(),
        "2026-11-25T23:00:00+00:00"
    );
    assert_eq!(
        parsed.author, None,
        "a blank author filter means any author"
    );
    assert_eq!(parsed.limit, 1, "the page size is clamped");
}

#[test]
fn ritual_templates_come_from_content_and_each_schedule_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let templates = hearth.ritual_templates();
    assert!(templates.len() >= 5, "{}", templates.len());
    let ids: Vec<&str> = templates.iter().map(|t| t.id.as_str()).collect();
    for wanted in [
        "sunday-walk",
        "nightly-reflection",
        "phones-off-hour",
        "three-good-things",
    ] {
        assert!(ids.contains(&wanted), "{wanted} missing from {ids:?}");
    }
    // Each one makes a valid ritual as it stands.
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T12:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    for template in &templates {
        let ritual = hearth
            .add_ritual(
                &hearth_app::dto::RitualInput {
                    title: template.title.clone(),
                    practice: template.practice,
                    schedule: hearth_app::dto::ScheduleInput::Pick {
                        pick: template.pick.clone(),
                    },
                    start: format!("2026-11-29T{}", template.time),
                    tz: None,
                    duration_minutes: template.duration_minutes,
                    reminders: vec![0],
                    paused_until: None,
                },
                now,
            )
            .unwrap();
        assert_eq!(ritual.title, template.title);
        assert_eq!(ritual.schedule_words, template.schedule_words);
        let picked = ritual.pick.as_ref().unwrap();
        assert_eq!(
            (picked.repeat, picked.interval),
            (template.pick.repeat, template.pick.interval)
        );
    }
    // Every template in content made it (none was left out for a schedule the picker lacks).
    let (library, _) = hearth_app::embedded_content();
    assert_eq!(templates.len(), library.ritual_templates.len());
}

#[test]
fn a_breathing_session_lives_in_the_core_until_it_ends_or_is_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let at = |seconds: i64| {
        chrono::DateTime::parse_from_rfc3339("2026-11-26T20:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc)
            + chrono::Duration::seconds(seconds)
    };
    assert_eq!(hearth.breathing_session(at(0)).unwrap(), None);
    let session = hearth.start_breathing("resonance", 1, None, at(0)).unwrap();
    assert_eq!(session.duration_ms, 60_000, "six 10-second cycles");
    assert_eq!(session.started_at_ms, at(0).timestamp_millis());
    // A reload asks again and gets the same start: the rhythm carries on.
    assert_eq!(
        hearth.breathing_session(at(30)).unwrap(),
        Some(session.clone())
    );
    assert_eq!(hearth.breathing_session(at(60)).unwrap(), None, "finished");
    // Paused for ten minutes, a one-minute session still has its 40 s to go afterwards.
    hearth
        .start_breathing("resonance", 1, None, at(100))
        .unwrap();
    let paused = hearth.pause_breathing(true, at(120)).unwrap().unwrap();
    assert_eq!(paused.paused_at_ms, Some(at(120).timestamp_millis()));
    assert!(
        hearth.breathing_session(at(700)).unwrap().is_some(),
        "kept while paused"
    );
    let resumed = hearth.pause_breathing(false, at(720)).unwrap().unwrap();
    assert_eq!(resumed.paused_at_ms, None);
    assert_eq!(
        resumed.started_at_ms,
        at(700).timestamp_millis(),
        "shifted by the pause"
    );
    assert!(hearth.breathing_session(at(759)).unwrap().is_some());
    assert_eq!(hearth.breathing_session(at(761)).unwrap(), None);
    assert_eq!(
        hearth.pause_breathing(true, at(800)).unwrap(),
        None,
        "nothing to pause"
    );
    hearth.start_breathing("box", 5, None, at(100)).unwrap();
    hearth.stop_breathing(at(130)).unwrap();
    assert_eq!(hearth.breathing_session(at(101)).unwrap(), None);
    for (id, minutes, kind) in [
        ("resonance", 0, ApiErrorKind::InvalidInput),
        ("resonance", 21, ApiErrorKind::InvalidInput),
        ("juggling", 5, ApiErrorKind::NotFound),
    ] {
        assert_eq!(
            hearth
                .start_breathing(id, minutes, None, at(0))
                .unwrap_err()
                .kind,
            kind
        );
    }
}
