//! Unit tests for `recurrence`.

use super::*;

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn expand(rule: &str, start: &str, from: &str, to: &str) -> Vec<String> {
    Rule::parse(rule)
        .unwrap()
        .occurrences(at(start), &[], at(from), at(to))
        .into_iter()
        .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
        .collect()
}

#[test]
fn weekly_on_sundays_and_every_other_week() {
    assert_eq!(
        expand(
            "FREQ=WEEKLY;BYDAY=SU",
            "2026-11-01T10:00",
            "2026-11-20T00:00",
            "2026-12-07T00:00"
        ),
        ["2026-11-22T10:00", "2026-11-29T10:00", "2026-12-06T10:00"]
    );
    assert_eq!(
        expand(
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
            "2026-11-03T19:00",
            "2026-11-01T00:00",
            "2026-12-01T00:00"
        ),
        [
            "2026-11-03T19:00",
            "2026-11-05T19:00",
            "2026-11-17T19:00",
            "2026-11-19T19:00"
        ]
    );
}

#[test]
fn monthly_by_day_of_month_skips_short_months_and_counts_from_the_end() {
    assert_eq!(
        expand(
            "FREQ=MONTHLY",
            "2026-01-31T08:00",
            "2026-01-01T00:00",
            "2026-06-01T00:00"
        ),
        ["2026-01-31T08:00", "2026-03-31T08:00", "2026-05-31T08:00"]
    );
    assert_eq!(
        expand(
            "FREQ=MONTHLY;BYMONTHDAY=-1",
            "2026-01-31T08:00",
            "2026-01-01T00:00",
            "2026-04-01T00:00"
        ),
        ["2026-01-31T08:00", "2026-02-28T08:00", "2026-03-31T08:00"]
    );
}

#[test]
fn monthly_on_the_nth_weekday_and_the_last_one() {
    assert_eq!(
        expand(
            "FREQ=MONTHLY;BYDAY=2SU",
            "2026-01-11T10:00",
            "2026-01-01T00:00",
            "2026-04-01T00:00"
        ),
        ["2026-01-11T10:00", "2026-02-08T10:00", "2026-03-08T10:00"]
    );
    assert_eq!(
        expand(
            "FREQ=MONTHLY;BYDAY=-1FR",
            "2026-01-30T18:00",
            "2026-01-01T00:00",
            "2026-04-01T00:00"
        ),
        ["2026-01-30T18:00", "2026-02-27T18:00", "2026-03-27T18:00"]
    );
}

#[test]
fn count_counts_from_the_start_even_when_the_window_is_later() {
    assert_eq!(
        expand(
            "FREQ=DAILY;COUNT=5",
            "2026-11-01T21:00",
            "2026-11-04T00:00",
            "2026-12-01T00:00"
        ),
        ["2026-11-04T21:00", "2026-11-05T21:00"]
    );
    assert_eq!(
        expand(
            "FREQ=DAILY;UNTIL=20261103",
            "2026-11-01T21:00",
            "2026-11-01T00:00",
            "2026-12-01T00:00"
        ),
        ["2026-11-01T21:00", "2026-11-02T21:00", "2026-11-03T21:00"]
    );
}

#[test]
fn exceptions_and_the_start_bound_are_respected() {
    let rule = Rule::parse("FREQ=DAILY").unwrap();
    let except = [NaiveDate::from_ymd_opt(2026, 11, 2).unwrap()];
    let got = rule.occurrences(
        at("2026-11-01T07:00"),
        &except,
        at("2026-10-01T00:00"),
        at("2026-11-04T00:00"),
    );
    assert_eq!(got, [at("2026-11-01T07:00"), at("2026-11-03T07:00")]);
}

#[test]
fn a_far_window_is_reached_without_walking_from_the_start() {
    let rule = Rule::parse("FREQ=DAILY").unwrap();
    let got = rule.occurrences(
        at("2000-01-01T07:00"),
        &[],
        at("2200-01-01T00:00"),
        at("2200-01-03T00:00"),
    );
    assert_eq!(got.len(), 2);
}

#[test]
fn rules_round_trip_and_bad_ones_are_refused_by_name() {
    for text in [
        "FREQ=WEEKLY;BYDAY=SU",
        "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=-1FR",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14",
        "FREQ=DAILY;UNTIL=20271231T235959",
    ] {
        assert_eq!(Rule::parse(text).unwrap().to_rrule(), text);
    }
    for (text, names) in [
        ("", "empty"),
        ("FREQ=HOURLY", "HOURLY"),
        ("FREQ=DAILY;BYHOUR=9", "BYHOUR"),
        ("FREQ=DAILY;BYSETPOS=1", "BYSETPOS"),
        ("FREQ=WEEKLY;BYDAY=XX", "XX"),
        ("FREQ=WEEKLY;BYDAY=2SU", "MONTHLY"),
        ("FREQ=DAILY;COUNT=0", "COUNT"),
        ("FREQ=DAILY;COUNT=20000", "COUNT"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20270101", "both"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY"),
        ("FREQ=DAILY;FREQ=DAILY", "twice"),
        ("INTERVAL=2", "FREQ is missing"),
        ("FREQ=DAILY;INTERVAL=x", "not a number"),
        ("FREQ=DAILY;UNTIL=tomorrow", "UNTIL"),
        // Found by the fuzzer: chrono alone reads a sign and a space as year -27.
        ("FREQ=DAILY;UNTIL=-027 101", "UNTIL=-027 101 is not a date"),
        ("FREQ=DAILY;UNTIL=+2027010", "not a date"),
        ("FREQ=DAILY;UNTIL=20270101T 12000", "not a date"),
    ] {
        let error = Rule::parse(text).unwrap_err().to_string();
        assert!(error.contains(names), "{text}: {error}");
    }
}

#[test]
fn gaps_move_forward_and_repeats_take_the_first() {
    let new_york: Tz = "America/New_York".parse().unwrap();
    // 2026-03-08 02:30 does not exist in New York: it happens at 03:30 EDT (07:30 UTC).
    assert_eq!(
        resolve_local(at("2026-03-08T02:30"), new_york).to_rfc3339(),
        "2026-03-08T07:30:00+00:00"
    );
    // 2026-11-01 01:30 happens twice: the first is EDT (05:30 UTC).
    assert_eq!(
        resolve_local(at("2026-11-01T01:30"), new_york).to_rfc3339(),
        "2026-11-01T05:30:00+00:00"
    );
    let lord_howe: Tz = "Australia/Lord_Howe".parse().unwrap();
    // Lord Howe springs forward 30 minutes at 02:00 on 2026-10-04: 02:15 becomes 02:45.
    let resolved = resolve_local(at("2026-10-04T02:15"), lord_howe);
    assert_eq!(
        resolved
            .with_timezone(&lord_howe)
            .format("%H:%M")
            .to_string(),
        "02:45"
    );
}
