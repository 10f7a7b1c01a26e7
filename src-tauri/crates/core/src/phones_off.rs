//! The phones-off hour: a countdown kept by the core (so it outlives the window and reloads),
//! and the weekly totals of time kept.

use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};

/// The shortest and longest hour (in minutes) a couple can set.
pub const MINUTES_MIN: u32 = 5;
pub const MINUTES_MAX: u32 = 240;
pub const MINUTES_DEFAULT: u32 = 60;

/// One phones-off hour, running or over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhonesOffHour {
    pub id: String,
    pub started_at: DateTime<Utc>,
    pub minutes: u32,
    /// When it ended: at its planned end, or earlier when ended early. `None` while running.
    pub ended_at: Option<DateTime<Utc>>,
}

impl PhonesOffHour {
    /// The planned end.
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.started_at + Duration::minutes(i64::from(self.minutes))
    }

    /// Whether it is still counting down at `now`.
    pub fn running(&self, now: DateTime<Utc>) -> bool {
        self.ended_at.is_none() && now < self.ends_at()
    }

    /// Milliseconds left at `now` (0 once over).
    pub fn left_millis(&self, now: DateTime<Utc>) -> u64 {
        if self.ended_at.is_some() {
            return 0;
        }
        u64::try_from((self.ends_at() - now).num_milliseconds()).unwrap_or(0)
    }

    /// The time kept: from the start to the end (or to `now` while running), never more than
    /// planned and never negative (a clock set back).
    pub fn kept(&self, now: DateTime<Utc>) -> Duration {
        let end = self.ended_at.unwrap_or(now).min(self.ends_at());
        (end - self.started_at).max(Duration::zero())
    }
}

/// Minutes kept in one week (weeks start on Monday in the given zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekTotal {
    /// The Monday the week starts on.
    pub week_of: NaiveDate,
    pub minutes: u32,
    pub hours_started: u32,
}

/// The Monday of the week holding `date`.
pub fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// Totals for the `weeks` weeks ending with the one holding `now`, oldest first; weeks with no
/// hour show as zero. An hour counts in the week it started in.
pub fn weekly_totals<Z: TimeZone>(
    hours: &[PhonesOffHour],
    now: DateTime<Utc>,
    zone: &Z,
    weeks: u32,
) -> Vec<WeekTotal> {
    let this_week = monday_of(now.with_timezone(zone).date_naive());
    let mut totals: Vec<WeekTotal> = (0..weeks)
        .rev()
        .map(|back| WeekTotal {
            week_of: this_week - Duration::weeks(i64::from(back)),
            minutes: 0,
            hours_started: 0,
        })
        .collect();
    for hour in hours {
        let week = monday_of(hour.started_at.with_timezone(zone).date_naive());
        if let Some(total) = totals.iter_mut().find(|total| total.week_of == week) {
            total.minutes += u32::try_from(hour.kept(now).num_minutes()).unwrap_or(0);
            total.hours_started += 1;
        }
    }
    totals
}

#[cfg(test)]
mod tests;
