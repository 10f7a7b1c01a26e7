//! Unit tests for `phones_off`.

use super::*;
use chrono_tz::Europe::Paris;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .expect("valid instant")
        .with_timezone(&Utc)
}

fn hour(start: &str, minutes: u32, ended: Option<&str>) -> PhonesOffHour {
    PhonesOffHour {
        id: start.to_owned(),
        started_at: at(start),
        minutes,
        ended_at: ended.map(at),
    }
}

#[test]
fn the_countdown_follows_the_clock_and_stops_at_its_end() {
    let running = hour("2026-03-02T19:00:00Z", 60, None);
    let now = at("2026-03-02T19:20:30Z");
    assert!(running.running(now));
    assert_eq!(running.left_millis(now), 39 * 60_000 + 30_000);
    assert_eq!(running.kept(now), Duration::seconds(20 * 60 + 30));
    let later = at("2026-03-02T21:00:00Z");
    assert!(!running.running(later));
    assert_eq!(running.left_millis(later), 0);
    assert_eq!(running.kept(later), Duration::minutes(60));
    let early = hour("2026-03-02T19:00:00Z", 60, Some("2026-03-02T19:10:00Z"));
    assert!(!early.running(now));
    assert_eq!(early.kept(later), Duration::minutes(10));
    // A clock set back before the start keeps nothing rather than a negative time.
    assert_eq!(running.kept(at("2026-03-02T18:00:00Z")), Duration::zero());
}

#[test]
fn weeks_start_on_local_monday_and_empty_weeks_are_zero() {
    let hours = [
        // Sunday 23:30 in Paris (UTC+1): still the week of Monday 23 February.
        hour("2026-03-01T22:30:00Z", 60, Some("2026-03-01T23:30:00Z")),
        // Monday 00:30 in Paris: the week of 2 March.
        hour("2026-03-01T23:30:00Z", 45, Some("2026-03-02T00:15:00Z")),
        hour("2026-03-04T19:00:00Z", 60, Some("2026-03-04T19:30:00Z")),
        // Long ago: outside the weeks asked for.
        hour("2025-01-01T19:00:00Z", 60, Some("2025-01-01T20:00:00Z")),
    ];
    let now = at("2026-03-05T12:00:00Z");
    let totals = weekly_totals(&hours, now, &Paris, 3);
    let days: Vec<String> = totals.iter().map(|t| t.week_of.to_string()).collect();
    assert_eq!(days, vec!["2026-02-16", "2026-02-23", "2026-03-02"]);
    assert_eq!(
        totals.iter().map(|t| t.minutes).collect::<Vec<_>>(),
        vec![0, 60, 75]
    );
    assert_eq!(totals[2].hours_started, 2);
}
