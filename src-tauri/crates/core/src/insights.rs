//! Insights: how the couple's days and weeks went, in buckets of local days or weeks.
//!
//! Everything here works on local calendar dates, which the caller derives from instants in the
//! couple's zone; a week is Monday to Sunday. Missing data stays missing (`None` for averages),
//! so a chart can leave a gap instead of drawing a zero nobody recorded.

use chrono::{Datelike, Duration, NaiveDate};

use crate::phones_off::monday_of;
use crate::ritual::Practice;

/// How far back the insights look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    /// The last seven days, day by day.
    Week,
    /// The five weeks ending with this one (a little over a month), week by week.
    Month,
    /// Every week since the first thing recorded, up to `ALL_WEEKS_MAX`, week by week.
    All,
}

/// The most weeks "all" shows; older data is left out of the chart, not deleted.
pub const ALL_WEEKS_MAX: u32 = 104;
/// Weeks in the month range.
pub const MONTH_WEEKS: u32 = 5;

impl Range {
    /// Parses `week`, `month` or `all`.
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "week" => Some(Self::Week),
            "month" => Some(Self::Month),
            "all" => Some(Self::All),
            _ => None,
        }
    }
}

/// A span of local dates, `start` inclusive to `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Bucket {
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start <= date && date < self.end
    }

    /// Whether this bucket is one day (the week range) rather than a week.
    pub fn is_day(&self) -> bool {
        self.end - self.start == Duration::days(1)
    }
}

/// The buckets of `range`, oldest first, ending with the one holding `today`. `earliest` is the
/// local date of the oldest thing recorded (used by `All`; without it `All` shows this week).
pub fn buckets(range: Range, today: NaiveDate, earliest: Option<NaiveDate>) -> Vec<Bucket> {
    match range {
        Range::Week => (0..7)
            .rev()
            .map(|back| {
                let start = today - Duration::days(back);
                Bucket {
                    start,
                    end: start + Duration::days(1),
                }
            })
            .collect(),
        Range::Month => weeks_ending(monday_of(today), MONTH_WEEKS),
        Range::All => {
            let this_week = monday_of(today);
            let first = earliest.map_or(this_week, monday_of).min(this_week);
            let weeks = (this_week - first).num_weeks() + 1;
            let weeks = u32::try_from(weeks).unwrap_or(ALL_WEEKS_MAX);
            weeks_ending(this_week, weeks.clamp(1, ALL_WEEKS_MAX))
        }
    }
}

fn weeks_ending(last_monday: NaiveDate, weeks: u32) -> Vec<Bucket> {
    (0..weeks)
        .rev()
        .map(|back| {
            let start = last_monday - Duration::weeks(i64::from(back));
            Bucket {
                start,
                end: start + Duration::weeks(1),
            }
        })
        .collect()
}

/// The mean of the values falling in each bucket, or `None` where nothing was recorded.
pub fn average_in(points: &[(NaiveDate, f64)], buckets: &[Bucket]) -> Vec<Option<f64>> {
    buckets
        .iter()
        .map(|bucket| {
            let (sum, count) = points
                .iter()
                .filter(|(date, _)| bucket.contains(*date))
                .fold((0.0, 0u32), |(sum, count), (_, value)| {
                    (sum + value, count + 1)
                });
            (count > 0).then(|| sum / f64::from(count))
        })
        .collect()
}

/// The sum of the amounts falling in each bucket (zero where nothing happened: minutes not
/// spent are genuinely zero, unlike a mood nobody gave).
pub fn total_in(points: &[(NaiveDate, u32)], buckets: &[Bucket]) -> Vec<u32> {
    buckets
        .iter()
        .map(|bucket| {
            points
                .iter()
                .filter(|(date, _)| bucket.contains(*date))
                .fold(0u32, |sum, (_, amount)| sum.saturating_add(*amount))
        })
        .collect()
}

/// A short label for a bucket: `Mon 24` for a day, `24 Nov` for a week (its Monday).
pub fn bucket_label(bucket: &Bucket) -> String {
    if bucket.is_day() {
        format!("{} {}", bucket.start.format("%a"), bucket.start.day())
    } else {
        format!("{} {}", bucket.start.day(), bucket.start.format("%b"))
    }
}

/// What a week held, for the look-back's one suggestion. Journal counts are `None` while the
/// journal is locked (unknown, not zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WeekSignals {
    pub check_ins: Option<u32>,
    pub good_things: Option<u32>,
    pub phones_off_minutes: u32,
    pub breathing_minutes: u32,
}

/// One practice to try in the coming week: the first of check-in, phones-off hour, breathing
/// together and three good things that the week did not have; when it had them all, a walk
/// with a question. Never a judgement, just the next small thing.
pub fn suggest(signals: WeekSignals) -> Practice {
    if signals.check_ins == Some(0) {
        Practice::CheckIn
    } else if signals.phones_off_minutes == 0 {
        Practice::PhonesOffHour
    } else if signals.breathing_minutes == 0 {
        Practice::BreathingTogether
    } else if signals.good_things == Some(0) {
        Practice::ThreeGoodThings
    } else {
        Practice::WalkQuestions
    }
}

#[cfg(test)]
mod tests {
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
}
