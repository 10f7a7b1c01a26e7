//! Tests of the ritual use cases and reminders against a real schedule database.
use super::*;
use chrono::TimeZone;
use hearth_core::recurrence::resolve_local;

fn zone() -> Tz {
    "Europe/Berlin".parse().unwrap()
}

fn at(text: &str) -> DateTime<Utc> {
    resolve_local(
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap(),
        zone(),
    )
}

fn input(title: &str, schedule: &str, start: &str) -> dto::RitualInput {
    dto::RitualInput {
        title: title.into(),
        practice: Some(dto::Practice::NightlyReflection),
        schedule: dto::ScheduleInput::Rule {
            rule: schedule.into(),
        },
        start: start.into(),
        tz: None,
        duration_minutes: 20,
        reminders: vec![0],
        paused_until: None,
    }
}

fn hearth() -> (tempfile::TempDir, Hearth) {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    (dir, hearth)
}

#[test]
fn added_rituals_list_their_occurrences_with_what_happened() {
    let (_dir, hearth) = hearth();
    let ritual = hearth
        .add_ritual(
            &input("Reflection", "FREQ=DAILY", "2026-11-01T21:00"),
            at("2026-11-20T12:00"),
        )
        .unwrap();
    hearth
        .add_ritual(
            &input("Walk", "FREQ=WEEKLY;BYDAY=SU", "2026-11-01T10:00"),
            at("2026-11-20T12:00"),
        )
        .unwrap();
    let from = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let found = hearth.occurrences(from, to, zone()).unwrap();
    let names: Vec<(String, String)> = found
        .iter()
        .map(|o| (o.title.clone(), o.start_local.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("Reflection".to_owned(), "2026-11-28T21:00".to_owned()),
            ("Walk".to_owned(), "2026-11-29T10:00".to_owned()),
            ("Reflection".to_owned(), "2026-11-29T21:00".to_owned()),
        ]
    );
    assert_eq!(found[0].start, "2026-11-28T20:00:00Z");
    hearth
        .act_on_occurrence(
            &ritual.id,
            "2026-11-28T21:00",
            dto::OccurrenceAction::Done,
            at("2026-11-28T21:30"),
        )
        .unwrap();
    let found = hearth.occurrences(from, to, zone()).unwrap();
    assert_eq!(found[0].state, Some(dto::OccurrenceState::Done));
    assert_eq!(
        hearth
            .act_on_occurrence(
                "nope",
                "2026-11-28T21:00",
                dto::OccurrenceAction::Done,
                at("2026-11-28T21:30")
            )
            .unwrap_err()
            .kind,
        ApiErrorKind::NotFound
    );
    assert_eq!(
        hearth
            .act_on_occurrence(
                &ritual.id,
                "soon",
                dto::OccurrenceAction::Done,
                at("2026-11-28T21:30")
            )
            .unwrap_err()
            .kind,
        ApiErrorKind::InvalidInput
    );
}

#[test]
fn bad_input_is_refused_by_field() {
    let (_dir, hearth) = hearth();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    for (bad, field) in [
        (input("", "FREQ=DAILY", "2026-11-01T21:00"), "title"),
        (input("x", "FREQ=HOURLY", "2026-11-01T21:00"), "schedule"),
        (input("x", "FREQ=DAILY", "tomorrow"), "start"),
        (
            dto::RitualInput {
                tz: Some("Mars/Olympus".into()),
                ..input("x", "FREQ=DAILY", "2026-11-01T21:00")
            },
            "tz",
        ),
        (
            dto::RitualInput {
                duration_minutes: 0,
                ..input("x", "FREQ=DAILY", "2026-11-01T21:00")
            },
            "duration",
        ),
    ] {
        let error = hearth.add_ritual(&bad, now).unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::InvalidInput);
        assert!(
            error.message.starts_with(field),
            "{field}: {}",
            error.message
        );
    }
    assert!(hearth.rituals().unwrap().is_empty(), "nothing half-written");
}

#[test]
fn due_reminders_are_worded_once_and_recorded() {
    let (_dir, hearth) = hearth();
    hearth
        .add_ritual(
            &input("Nightly reflection", "FREQ=DAILY", "2026-11-01T21:00"),
            at("2026-11-26T12:00"),
        )
        .unwrap();
    let round = hearth
        .due_reminders(at("2026-11-26T20:00"), zone())
        .unwrap();
    assert!(round.notices.is_empty());
    assert_eq!(round.next_wake, Some(at("2026-11-26T21:00")));
    let round = hearth
        .due_reminders(at("2026-11-26T21:00"), zone())
        .unwrap();
    assert_eq!(round.notices.len(), 1);
    let notice = &round.notices[0];
    assert_eq!(notice.summary, "Nightly reflection");
    assert_eq!(notice.occurrence.as_deref(), Some("2026-11-26T21:00"));
    assert!(!notice.late);
    assert!(
        hearth
            .due_reminders(at("2026-11-26T21:00"), zone())
            .unwrap()
            .notices
            .is_empty()
    );
}

#[test]
fn quiet_hours_and_pause_are_settings_with_checked_input() {
    let (_dir, hearth) = hearth();
    assert_eq!(hearth.quiet_hours().unwrap(), None);
    let window = |start: &str, end: &str| dto::QuietHours {
        start: start.into(),
        end: end.into(),
    };
    hearth
        .set_quiet_hours_window(Some(&window("22:00", "7:00")))
        .unwrap();
    assert!(hearth.quiet_hours().unwrap().is_some());
    assert_eq!(
        hearth.quiet_hours_window().unwrap(),
        Some(window("22:00", "07:00"))
    );
    let error = hearth
        .set_quiet_hours_window(Some(&window("late", "07:00")))
        .unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
    assert!(error.message.contains("start"), "{}", error.message);
    hearth.set_quiet_hours_window(None).unwrap();
    assert_eq!(hearth.quiet_hours().unwrap(), None);
    let until = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
    hearth.pause_reminders(Some(until)).unwrap();
    assert_eq!(hearth.reminders_paused_until().unwrap(), Some(until));
    hearth.pause_reminders(None).unwrap();
    assert_eq!(hearth.reminders_paused_until().unwrap(), None);
}

#[test]
fn a_ritual_added_by_another_process_is_planned_without_a_restart() {
    let (dir, hearth) = hearth();
    let round = hearth
        .due_reminders(at("2026-11-26T20:00"), zone())
        .unwrap();
    assert_eq!(round.next_wake, None);
    // The CLI, say: another connection to the same database.
    let other = Hearth::open(dir.path()).unwrap();
    other
        .add_ritual(
            &input("Reflection", "FREQ=DAILY", "2026-11-01T21:00"),
            at("2026-11-26T12:00"),
        )
        .unwrap();
    let round = hearth
        .due_reminders(at("2026-11-26T20:00"), zone())
        .unwrap();
    assert_eq!(round.next_wake, Some(at("2026-11-26T21:00")));
}

#[test]
fn progress_counts_kept_out_of_planned_per_week_and_flexible_ones_any_day() {
    let (_dir, hearth) = hearth();
    let daily = hearth
        .add_ritual(
            &input("Tea", "FREQ=DAILY", "2026-11-01T08:00"),
            at("2026-11-01T00:00"),
        )
        .unwrap();
    let flexible = hearth
        .add_ritual(
            &input(
                "Breathe",
                "TIMES_PER_WEEK=3;REMIND_ON=FR",
                "2026-11-01T18:00",
            ),
            at("2026-11-01T00:00"),
        )
        .unwrap();
    for (id, key) in [
        (&daily.id, "2026-11-16T08:00"),
        (&daily.id, "2026-11-24T08:00"),
        (&daily.id, "2026-11-26T08:00"),
        (&flexible.id, "2026-11-24"),
    ] {
        hearth
            .act_on_occurrence(id, key, dto::OccurrenceAction::Done, at("2026-11-26T09:00"))
            .unwrap();
    }
    let progress = hearth.progress(2, at("2026-11-26T12:00"), zone()).unwrap();
    let tea = &progress[0].weeks;
    assert_eq!(tea[0].week_start, "2026-11-16");
    assert_eq!((tea[0].kept, tea[0].planned), (1, 7));
    assert_eq!((tea[1].kept, tea[1].planned), (2, 7));
    let breathe = &progress[1].weeks;
    assert_eq!((breathe[1].kept, breathe[1].planned), (1, 3));
}

#[test]
fn several_reminders_become_one_summary() {
    let (_dir, hearth) = hearth();
    for (title, start) in [("Walk", "2026-11-01T08:00"), ("Tea", "2026-11-01T12:00")] {
        hearth
            .add_ritual(&input(title, "FREQ=DAILY", start), at("2026-11-01T00:00"))
            .unwrap();
    }
    let round = hearth
        .due_reminders(at("2026-11-26T18:00"), zone())
        .unwrap();
    assert_eq!(round.notices.len(), 1);
    assert_eq!(round.notices[0].summary, "2 rituals came round");
    assert!(
        round.notices[0].body.contains("Walk (08:00), Tea (12:00)"),
        "{}",
        round.notices[0].body
    );
    assert!(round.notices[0].late);
}

#[test]
fn reminders_turned_off_are_decided_but_not_shown_and_do_not_return_later() {
    let (_dir, hearth) = hearth();
    hearth
        .add_ritual(
            &input("Tea", "FREQ=DAILY", "2026-11-26T12:00"),
            at("2026-11-26T00:00"),
        )
        .unwrap();
    let mut settings = hearth.app_settings().unwrap();
    settings.reminders = false;
    hearth.set_app_settings(settings).unwrap();
    let quiet = hearth
        .due_reminders(at("2026-11-26T12:01"), zone())
        .unwrap();
    assert!(quiet.notices.is_empty());
    assert!(quiet.next_wake.is_some(), "the schedule still runs");
    settings.reminders = true;
    hearth.set_app_settings(settings).unwrap();
    let after = hearth
        .due_reminders(at("2026-11-26T12:02"), zone())
        .unwrap();
    assert!(
        after.notices.is_empty(),
        "the quiet one was recorded, not queued"
    );
    let tomorrow = hearth
        .due_reminders(at("2026-11-27T12:00"), zone())
        .unwrap();
    assert_eq!(tomorrow.notices.len(), 1);
}
