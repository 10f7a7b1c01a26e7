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
mod tests;
