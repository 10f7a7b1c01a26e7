//! Recurrence against an independent implementation, and the clock-change cases rituals must get right.
//!
//! `fixtures/recurrence.json` holds python-dateutil + zoneinfo expansions of 13 rules over two
//! years in six zones (`generate_recurrence.py` rebuilds it); ours must match every instant.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use hearth_core::recurrence::{Rule, resolve_local};

const ZONES: [&str; 6] = [
    "America/New_York",
    "Europe/London",
    "Europe/Berlin",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "America/Sao_Paulo",
];

fn local(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

#[test]
fn two_years_of_every_rule_kind_match_python_dateutil_in_six_zones() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/recurrence.json"
    ))
    .unwrap();
    let fixture: serde_json::Value = serde_json::from_str(&text).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 78);
    let mut compared = 0;
    let mut mismatches = Vec::new();
    for case in cases {
        let zone: Tz = case["zone"].as_str().unwrap().parse().unwrap();
        let rule = Rule::parse(case["rule"].as_str().unwrap()).unwrap();
        let ours: Vec<i64> = rule
            .occurrences(
                local(case["start"].as_str().unwrap()),
                &[],
                local(case["from"].as_str().unwrap()),
                local(case["to"].as_str().unwrap()),
            )
            .into_iter()
            .map(|at| resolve_local(at, zone).timestamp() / 60)
            .collect();
        let theirs: Vec<i64> = case["utc_minutes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_i64().unwrap())
            .collect();
        compared += theirs.len();
        if ours != theirs {
            let first = ours.iter().zip(&theirs).position(|(a, b)| a != b);
            mismatches.push(format!(
                "{} {} from {}: ours {} vs {} occurrences, first difference at {first:?}",
                case["zone"],
                case["rule"],
                case["start"],
                ours.len(),
                theirs.len()
            ));
        }
    }
    assert!(compared > 15_000, "{compared}");
    assert!(
        mismatches.is_empty(),
        "{} mismatches:\n{}",
        mismatches.len(),
        mismatches.join("\n")
    );
}

/// Days in 2026 on which `zone`'s UTC offset changes, found from the zone data itself.
fn change_days(zone: Tz) -> Vec<NaiveDate> {
    let mut days = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    while day.year() == 2026 {
        let offset = |hour| {
            let at = day.and_hms_opt(hour, 0, 0).unwrap();
            zone.offset_from_utc_datetime(&at).to_string()
        };
        if offset(0) != offset(23) {
            days.push(day);
        }
        day = day.succ_opt().unwrap();
    }
    days
}

/// On every clock-change day of 2026 in six zones, a daily ritual
/// happens exactly once; 09:00 stays 09:00; a time that does not exist moves forward by the gap;
/// a repeated time takes the first; weekly Mondays stay Mondays.
#[test]
fn clock_change_days_keep_one_occurrence_a_day_at_the_right_local_time() {
    for name in ZONES {
        let zone: Tz = name.parse().unwrap();
        let days = change_days(zone);
        if name == "America/Sao_Paulo" {
            assert!(days.is_empty(), "Brazil abolished DST in 2019: {days:?}");
        } else {
            assert_eq!(days.len(), 2, "{name}: {days:?}");
        }
        for start in [
            "00:30", "01:30", "02:00", "02:15", "02:30", "03:00", "09:00",
        ] {
            let rule = Rule::parse("FREQ=DAILY").unwrap();
            let first = local(&format!("2025-12-01T{start}"));
            for day in &days {
                let from = day.and_hms_opt(0, 0, 0).unwrap();
                let to = from + chrono::Duration::days(1);
                let found = rule.occurrences(first, &[], from, to);
                assert_eq!(found.len(), 1, "{name} {day} {start}");
                let instant = resolve_local(found[0], zone);
                let shown = instant.with_timezone(&zone).naive_local();
                let wall = found[0];
                match zone.from_local_datetime(&wall) {
                    chrono::LocalResult::Single(at) => assert_eq!(at.naive_local(), shown),
                    chrono::LocalResult::Ambiguous(earlier, later) => {
                        assert_eq!(instant, earlier.with_timezone(&Utc), "{name} {day} {start}");
                        assert!(earlier < later);
                    }
                    chrono::LocalResult::None => {
                        // Forward by the gap: later than asked, same day, by 30 or 60 minutes.
                        let moved = (shown - wall).num_minutes();
                        assert!([30, 60].contains(&moved), "{name} {day} {start}: {moved}");
                    }
                }
                if start == "09:00" {
                    assert_eq!((shown.hour(), shown.minute()), (9, 0), "{name} {day}");
                }
            }
        }
        let mondays = Rule::parse("FREQ=WEEKLY;BYDAY=MO").unwrap().occurrences(
            local("2026-01-05T08:00"),
            &[],
            local("2026-01-01T00:00"),
            local("2027-01-01T00:00"),
        );
        assert_eq!(mondays.len(), 52);
        for monday in mondays {
            let shown = resolve_local(monday, zone).with_timezone(&zone);
            assert_eq!(shown.weekday(), Weekday::Mon, "{name}");
            assert_eq!(shown.hour(), 8, "{name}");
        }
    }
}

#[test]
fn the_named_clock_change_cases_in_new_york() {
    let zone: Tz = "America/New_York".parse().unwrap();
    let rule = Rule::parse("FREQ=DAILY").unwrap();
    let on = |start: &str, day: &str| {
        let from = local(&format!("{day}T00:00"));
        let found = rule.occurrences(local(start), &[], from, from + chrono::Duration::days(1));
        assert_eq!(found.len(), 1);
        resolve_local(found[0], zone)
            .with_timezone(&zone)
            .format("%H:%M %Z")
            .to_string()
    };
    // Spring forward (8 March 2026): 02:30 happens once, at 03:30.
    assert_eq!(on("2026-01-01T02:30", "2026-03-08"), "03:30 EDT");
    // Fall back (1 November 2026): 01:30 happens once, the first time (still daylight time).
    assert_eq!(on("2026-01-01T01:30", "2026-11-01"), "01:30 EDT");
    assert_eq!(on("2026-01-01T09:00", "2026-03-08"), "09:00 EDT");
    assert_eq!(on("2026-01-01T09:00", "2026-11-01"), "09:00 EST");
}
