//! Unit tests for `insights`.

use super::*;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("valid date")
}

#[test]
fn the_week_range_is_the_last_seven_days_ending_today() {
    let days = buckets(Range::Week, date("2026-11-26"), None);
    assert_eq!(days.len(), 7);
    assert_eq!(days[0].start, date("2026-11-20"));
    assert_eq!(days[6].start, date("2026-11-26"));
    assert!(days.iter().all(Bucket::is_day));
    assert_eq!(bucket_label(&days[6]), "Thu 26");
}

#[test]
fn the_month_range_is_five_monday_weeks_across_a_year_end() {
    // Thursday 8 January 2026: its week began on Monday 5 January.
    let weeks = buckets(Range::Month, date("2026-01-08"), None);
    let starts: Vec<String> = weeks.iter().map(|w| w.start.to_string()).collect();
    assert_eq!(
        starts,
        [
            "2025-12-08",
            "2025-12-15",
            "2025-12-22",
            "2025-12-29",
            "2026-01-05"
        ]
    );
    // The week of 29 December 2025 holds New Year's Day 2026.
    assert!(weeks[3].contains(date("2026-01-01")));
    assert!(!weeks[3].contains(date("2026-01-05")));
    assert_eq!(bucket_label(&weeks[3]), "29 Dec");
}

#[test]
fn the_all_range_starts_at_the_week_of_the_first_record_and_is_capped() {
    let weeks = buckets(Range::All, date("2026-11-26"), Some(date("2026-10-01")));
    assert_eq!(weeks[0].start, date("2026-09-28"));
    assert_eq!(weeks.last().map(|w| w.start), Some(date("2026-11-23")));
    assert_eq!(weeks.len(), 9);
    // Nothing recorded yet: just this week.
    assert_eq!(buckets(Range::All, date("2026-11-26"), None).len(), 1);
    // Ten years of data: the last 104 weeks.
    let capped = buckets(Range::All, date("2026-11-26"), Some(date("2016-01-01")));
    assert_eq!(capped.len(), 104);
    assert_eq!(capped[103].start, date("2026-11-23"));
    // A record dated in the future (a clock set wrong) does not break the range.
    assert_eq!(
        buckets(Range::All, date("2026-11-26"), Some(date("2027-01-01"))).len(),
        1
    );
}

#[test]
fn averages_leave_gaps_where_nothing_was_recorded() {
    let weeks = buckets(Range::Month, date("2026-11-26"), None);
    // Weeks of 26 Oct, 2 Nov, 9 Nov, 16 Nov, 23 Nov.
    let moods = [
        (date("2026-10-26"), 4.0),
        (date("2026-11-01"), 2.0), // Sunday: still the week of 26 Oct
        (date("2026-11-02"), 5.0), // Monday: the next week
        (date("2026-11-25"), 3.0),
        (date("2026-11-26"), 4.0),
        (date("2026-10-25"), 1.0), // before the range: ignored
    ];
    assert_eq!(
        average_in(&moods, &weeks),
        [Some(3.0), Some(5.0), None, None, Some(3.5)]
    );
}

#[test]
fn totals_add_up_per_bucket_and_show_zero_for_empty_ones() {
    let days = buckets(Range::Week, date("2026-11-26"), None);
    let minutes = [
        (date("2026-11-20"), 60),
        (date("2026-11-20"), 30),
        (date("2026-11-26"), 15),
        (date("2026-11-27"), 99), // tomorrow (a skewed clock): outside
    ];
    assert_eq!(total_in(&minutes, &days), [90, 0, 0, 0, 0, 0, 15]);
    assert_eq!(
        total_in(
            &[(date("2026-11-26"), u32::MAX), (date("2026-11-26"), 5)],
            &days
        )[6],
        u32::MAX
    );
}

#[test]
fn ranges_parse_from_their_names_only() {
    assert_eq!(Range::parse("week"), Some(Range::Week));
    assert_eq!(Range::parse("month"), Some(Range::Month));
    assert_eq!(Range::parse("all"), Some(Range::All));
    assert_eq!(Range::parse("year"), None);
}

#[test]
fn the_suggestion_is_the_first_practice_the_week_did_not_have() {
    let full = WeekSignals {
        check_ins: Some(2),
        good_things: Some(3),
        phones_off_minutes: 60,
        breathing_minutes: 10,
    };
    assert_eq!(suggest(full), Practice::WalkQuestions);
    assert_eq!(
        suggest(WeekSignals {
            check_ins: Some(0),
            ..WeekSignals::default()
        }),
        Practice::CheckIn
    );
    assert_eq!(
        suggest(WeekSignals {
            phones_off_minutes: 0,
            ..full
        }),
        Practice::PhonesOffHour
    );
    assert_eq!(
        suggest(WeekSignals {
            breathing_minutes: 0,
            ..full
        }),
        Practice::BreathingTogether
    );
    assert_eq!(
        suggest(WeekSignals {
            good_things: Some(0),
            ..full
        }),
        Practice::ThreeGoodThings
    );
    // Locked journal: its counts are unknown, so they are not held against the week.
    assert_eq!(
        suggest(WeekSignals {
            check_ins: None,
            good_things: None,
            ..full
        }),
        Practice::WalkQuestions
    );
}
