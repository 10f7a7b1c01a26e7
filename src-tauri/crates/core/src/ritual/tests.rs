//! Unit tests for `ritual`.

use super::*;
use chrono::TimeZone;

pub(crate) fn ritual(rule: &str, start: &str, zone: Zone) -> Ritual {
    Ritual {
        id: "r1".into(),
        title: "Evening walk".into(),
        practice: Some(Practice::WalkQuestions),
        schedule: Schedule::Rule(Rule::parse(rule).unwrap()),
        start: NaiveDateTime::parse_from_str(start, "%Y-%m-%dT%H:%M").unwrap(),
        zone,
        duration_minutes: 45,
        reminders: vec![0],
        except: vec![],
        paused_until: None,
        archived: false,
        reminders_from: Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
    }
}

#[test]
fn floating_keeps_wall_time_and_pinned_keeps_the_instant_when_travelling() {
    let london: Tz = "Europe/London".parse().unwrap();
    let new_york: Tz = "America/New_York".parse().unwrap();
    let from = Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
    let to = from + chrono::Duration::days(2);
    let floating = ritual("FREQ=DAILY", "2026-01-01T21:00", Zone::Floating);
    let at_home = floating.occurrences(from, to, london);
    let away = floating.occurrences(from, to, new_york);
    assert_eq!(
        at_home[0]
            .start
            .with_timezone(&london)
            .format("%H:%M")
            .to_string(),
        "21:00"
    );
    assert_eq!(
        away[0]
            .start
            .with_timezone(&new_york)
            .format("%H:%M")
            .to_string(),
        "21:00"
    );
    assert_eq!(at_home[0].key, away[0].key, "the same occurrence by name");

    let pinned = ritual("FREQ=DAILY", "2026-01-01T21:00", Zone::Pinned(london));
    let home = pinned.occurrences(from, to, london);
    let travelling = pinned.occurrences(from, to, new_york);
    assert_eq!(home, travelling, "same instants wherever the computer is");
    assert_eq!(
        travelling[0]
            .start
            .with_timezone(&new_york)
            .format("%H:%M")
            .to_string(),
        "16:00"
    );
    assert_eq!(home.len(), 2, "no duplicates or skips");
}

#[test]
fn paused_and_archived_rituals_have_no_occurrences_in_their_time_off() {
    let zone: Tz = "Europe/Berlin".parse().unwrap();
    let from = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let to = from + chrono::Duration::days(5);
    let mut paused = ritual("FREQ=DAILY", "2026-01-01T09:00", Zone::Floating);
    paused.paused_until = NaiveDate::from_ymd_opt(2026, 6, 4);
    assert_eq!(paused.occurrences(from, to, zone).len(), 2);
    paused.archived = true;
    assert!(paused.occurrences(from, to, zone).is_empty());
}

#[test]
fn validation_names_the_field() {
    let base = ritual("FREQ=DAILY", "2026-01-01T09:00", Zone::Floating);
    let cases: Vec<(Ritual, &str)> = vec![
        (
            Ritual {
                title: "  ".into(),
                ..base.clone()
            },
            "title",
        ),
        (
            Ritual {
                title: "x".repeat(81),
                ..base.clone()
            },
            "title",
        ),
        (
            Ritual {
                duration_minutes: 0,
                ..base.clone()
            },
            "duration",
        ),
        (
            Ritual {
                reminders: vec![1, 2, 3, 4, 5, 6],
                ..base.clone()
            },
            "reminders",
        ),
        (
            Ritual {
                reminders: vec![LEAD_MAX_MINUTES + 1],
                ..base.clone()
            },
            "reminders",
        ),
        (
            Ritual {
                schedule: Schedule::TimesPerWeek {
                    times: 0,
                    remind_on: Weekday::Sun,
                },
                ..base.clone()
            },
            "schedule",
        ),
    ];
    for (ritual, field) in cases {
        assert_eq!(ritual.validated().unwrap_err().field, field);
    }
    let tidy = Ritual {
        reminders: vec![15, 0, 15],
        ..base
    }
    .validated()
    .unwrap();
    assert_eq!(tidy.reminders, vec![0, 15]);
}

#[test]
fn schedules_round_trip_through_their_stored_text() {
    for text in ["FREQ=WEEKLY;BYDAY=SU", "TIMES_PER_WEEK=3;REMIND_ON=FR"] {
        assert_eq!(Schedule::parse(text).unwrap().to_text(), text);
    }
    for bad in [
        "TIMES_PER_WEEK=9;REMIND_ON=FR",
        "TIMES_PER_WEEK=x",
        "FREQ=SECONDLY",
        "",
    ] {
        assert_eq!(Schedule::parse(bad).unwrap_err().field, "schedule", "{bad}");
    }
}

#[test]
fn a_prepared_count_rule_gives_the_same_occurrences() {
    let zone: Tz = "Europe/Berlin".parse().unwrap();
    let counted = ritual(
        "FREQ=WEEKLY;BYDAY=MO,TH;COUNT=37",
        "2026-01-05T07:00",
        Zone::Floating,
    );
    let from = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let to = from + chrono::Duration::days(400);
    let expected = counted.occurrences(from, to, zone);
    assert_eq!(expected.len(), 37);
    assert_eq!(counted.prepared().occurrences(from, to, zone), expected);
}

#[test]
fn times_a_week_occurs_weekly_on_the_reminder_day() {
    let zone: Tz = "Europe/Berlin".parse().unwrap();
    let mut flexible = ritual("FREQ=DAILY", "2026-06-01T10:00", Zone::Floating);
    flexible.schedule = Schedule::TimesPerWeek {
        times: 3,
        remind_on: Weekday::Fri,
    };
    let from = Utc.with_ymd_and_hms(2026, 6, 1, 0, 0, 0).unwrap();
    let found = flexible.occurrences(from, from + chrono::Duration::days(14), zone);
    assert_eq!(found.len(), 2);
    assert!(found.iter().all(|o| o.local.weekday() == Weekday::Fri));
}

#[test]
fn other_calendars_get_a_weekly_event_on_the_reminder_day_for_n_times_a_week() {
    let schedule = Schedule::parse("TIMES_PER_WEEK=3;REMIND_ON=FR").unwrap();
    assert_eq!(schedule.to_calendar_rrule(), "FREQ=WEEKLY;BYDAY=FR");
    let rule = Schedule::parse("FREQ=MONTHLY;BYDAY=-1FR").unwrap();
    assert_eq!(rule.to_calendar_rrule(), "FREQ=MONTHLY;BYDAY=-1FR");
}
