//! Schedules for people: the picker's choices as a typed structure ([`dto::SchedulePick`]), the
//! schedule they make, the pick a stored schedule came from, and a schedule in plain words
//! ("Every Sunday at 10:00"). The one place this is done, so the ritual editor, the calendar,
//! the CLI and the tray all say the same thing, and nobody outside the core writes a rule.

use chrono::{Datelike as _, NaiveDate, NaiveTime, Weekday as ChronoWeekday};
use hearth_core::recurrence::{ByDay, End, Frequency, Rule};
use hearth_core::ritual::Schedule;

use crate::dto::{self, Repeat, ScheduleEnd, SchedulePick, Weekday};
use crate::{ApiError, ApiErrorKind};

impl From<ChronoWeekday> for Weekday {
    fn from(day: ChronoWeekday) -> Self {
        match day {
            ChronoWeekday::Mon => Self::Mo,
            ChronoWeekday::Tue => Self::Tu,
            ChronoWeekday::Wed => Self::We,
            ChronoWeekday::Thu => Self::Th,
            ChronoWeekday::Fri => Self::Fr,
            ChronoWeekday::Sat => Self::Sa,
            ChronoWeekday::Sun => Self::Su,
        }
    }
}

impl From<Weekday> for ChronoWeekday {
    fn from(day: Weekday) -> Self {
        match day {
            Weekday::Mo => Self::Mon,
            Weekday::Tu => Self::Tue,
            Weekday::We => Self::Wed,
            Weekday::Th => Self::Thu,
            Weekday::Fr => Self::Fri,
            Weekday::Sa => Self::Sat,
            Weekday::Su => Self::Sun,
        }
    }
}

fn day_name(day: Weekday) -> &'static str {
    match day {
        Weekday::Mo => "Monday",
        Weekday::Tu => "Tuesday",
        Weekday::We => "Wednesday",
        Weekday::Th => "Thursday",
        Weekday::Fr => "Friday",
        Weekday::Sa => "Saturday",
        Weekday::Su => "Sunday",
    }
}

const WEEK: [Weekday; 7] = [
    Weekday::Mo,
    Weekday::Tu,
    Weekday::We,
    Weekday::Th,
    Weekday::Fr,
    Weekday::Sa,
    Weekday::Su,
];

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorKind::InvalidInput, message)
}

/// A sensible first pick for a ritual starting on `date`: weekly on that day.
pub fn default_pick(date: NaiveDate) -> SchedulePick {
    let day = Weekday::from(date.weekday());
    let month_day = i8::try_from(date.day()).unwrap_or(1);
    SchedulePick {
        repeat: Repeat::Weekly,
        interval: 1,
        days: vec![day],
        month_day,
        nth: i8::try_from(date.day().div_ceil(7).min(4)).unwrap_or(1),
        weekday: day,
        times: 3,
        remind_on: day,
        end: ScheduleEnd::Never,
        count: 10,
        until: date.format("%Y-%m-%d").to_string(),
    }
}

/// The schedule a pick makes; the fields its `repeat` does not use are ignored.
pub fn schedule_from_pick(pick: &SchedulePick) -> Result<Schedule, ApiError> {
    if pick.repeat == Repeat::TimesPerWeek {
        if !(1..=7).contains(&pick.times) {
            return Err(invalid("schedule: times a week must be 1 to 7"));
        }
        return Ok(Schedule::TimesPerWeek {
            times: pick.times,
            remind_on: pick.remind_on.into(),
        });
    }
    if !(1..=999).contains(&pick.interval) {
        return Err(invalid("schedule: every 1 to 999 days, weeks or months"));
    }
    let end = match pick.end {
        ScheduleEnd::Never => End::Never,
        ScheduleEnd::Count => {
            if !(1..=hearth_core::recurrence::MAX_OCCURRENCES).contains(&pick.count) {
                return Err(invalid(
                    "schedule: a ritual can end after 1 to 10,000 times",
                ));
            }
            End::Count(pick.count)
        }
        ScheduleEnd::Until => {
            let until = NaiveDate::parse_from_str(&pick.until, "%Y-%m-%d")
                .map_err(|_| invalid("schedule: the end date must be a date like 2027-06-30"))?;
            End::Until(until.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default()))
        }
    };
    let day = |weekday: Weekday, nth: Option<i8>| ByDay {
        nth,
        weekday: weekday.into(),
    };
    let (frequency, by_day, by_month_day) = match pick.repeat {
        Repeat::Daily => (Frequency::Daily, Vec::new(), Vec::new()),
        Repeat::Weekly => {
            if pick.days.is_empty() {
                return Err(invalid("schedule: choose at least one day of the week"));
            }
            let days = WEEK
                .into_iter()
                .filter(|day| pick.days.contains(day))
                .map(|weekday| day(weekday, None))
                .collect();
            (Frequency::Weekly, days, Vec::new())
        }
        Repeat::MonthlyDay => {
            if pick.month_day == 0 || !(-1..=31).contains(&pick.month_day) {
                return Err(invalid(
                    "schedule: a day of the month is 1 to 31, or the last",
                ));
            }
            (Frequency::Monthly, Vec::new(), vec![pick.month_day])
        }
        Repeat::MonthlyWeekday => {
            if pick.nth == 0 || !(-1..=4).contains(&pick.nth) {
                return Err(invalid(
                    "schedule: the first to fourth, or the last, of the month",
                ));
            }
            (
                Frequency::Monthly,
                vec![day(pick.weekday, Some(pick.nth))],
                Vec::new(),
            )
        }
        Repeat::TimesPerWeek => return Err(ApiError::internal("schedule pick")),
    };
    Ok(Schedule::Rule(Rule {
        frequency,
        interval: pick.interval,
        end,
        by_day,
        by_month_day,
        by_month: Vec::new(),
        week_start: ChronoWeekday::Mon,
    }))
}

/// The pick a stored schedule came from, or `None` when the picker cannot show it (a rule from
/// a calendar file, say); `start` fills the fields the schedule leaves open.
pub fn pick_from_schedule(schedule: &Schedule, start: NaiveDate) -> Option<SchedulePick> {
    let mut pick = default_pick(start);
    let rule = match schedule {
        Schedule::TimesPerWeek { times, remind_on } => {
            pick.repeat = Repeat::TimesPerWeek;
            pick.times = *times;
            pick.remind_on = (*remind_on).into();
            return Some(pick);
        }
        Schedule::Rule(rule) => rule,
    };
    if !rule.by_month.is_empty() || rule.week_start != ChronoWeekday::Mon {
        return None;
    }
    pick.interval = rule.interval;
    match rule.end {
        End::Never => pick.end = ScheduleEnd::Never,
        End::Count(count) => {
            pick.end = ScheduleEnd::Count;
            pick.count = count;
        }
        End::Until(until) => {
            pick.end = ScheduleEnd::Until;
            pick.until = until.date().format("%Y-%m-%d").to_string();
        }
    }
    match (
        rule.frequency,
        rule.by_day.as_slice(),
        rule.by_month_day.as_slice(),
    ) {
        (Frequency::Daily, [], []) => pick.repeat = Repeat::Daily,
        (Frequency::Weekly, days, []) if days.iter().all(|day| day.nth.is_none()) => {
            pick.repeat = Repeat::Weekly;
            if !days.is_empty() {
                pick.days = days.iter().map(|day| day.weekday.into()).collect();
            }
        }
        (Frequency::Monthly, [], [month_day]) => {
            pick.repeat = Repeat::MonthlyDay;
            pick.month_day = *month_day;
        }
        (Frequency::Monthly, [], []) => pick.repeat = Repeat::MonthlyDay,
        (
            Frequency::Monthly,
            [
                ByDay {
                    nth: Some(nth),
                    weekday,
                },
            ],
            [],
        ) => {
            pick.repeat = Repeat::MonthlyWeekday;
            pick.nth = *nth;
            pick.weekday = (*weekday).into();
        }
        _ => return None,
    }
    Some(pick)
}

fn list_of(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn every(interval: u32, one: &str, many: &str) -> String {
    if interval == 1 {
        format!("Every {one}")
    } else {
        format!("Every {interval} {many}")
    }
}

fn ordinal(nth: i8) -> &'static str {
    match nth {
        -1 => "last",
        1 => "first",
        2 => "second",
        3 => "third",
        4 => "fourth",
        _ => "fifth",
    }
}

fn day_of_month(day: i8) -> String {
    if day == -1 {
        return "the last day".to_owned();
    }
    let suffix = match (day % 10, day) {
        (1, d) if d != 11 => "st",
        (2, d) if d != 12 => "nd",
        (3, d) if d != 13 => "rd",
        _ => "th",
    };
    format!("the {day}{suffix}")
}

/// A pick in plain words at `time` (`HH:MM`): "Every Sunday at 10:00".
pub fn pick_words(pick: &SchedulePick, time: &str) -> String {
    if pick.repeat == Repeat::TimesPerWeek {
        let how = match pick.times {
            1 => "Once a week".to_owned(),
            2 => "Twice a week".to_owned(),
            n => format!("{n} times a week"),
        };
        return format!(
            "{how}, any day; a reminder on {} at {time} if not yet",
            day_name(pick.remind_on)
        );
    }
    let mut text = match pick.repeat {
        Repeat::Daily => every(pick.interval, "day", "days"),
        Repeat::Weekly => {
            let names: Vec<&str> = WEEK
                .into_iter()
                .filter(|day| pick.days.contains(day))
                .map(day_name)
                .collect();
            let weekdays = WEEK[..5].iter().all(|day| pick.days.contains(day));
            if pick.interval == 1 {
                match names.len() {
                    7 => "Every day".to_owned(),
                    5 if weekdays => "Every weekday".to_owned(),
                    _ => format!("Every {}", list_of(&names)),
                }
            } else {
                format!(
                    "{} on {}",
                    every(pick.interval, "week", "weeks"),
                    list_of(&names)
                )
            }
        }
        Repeat::MonthlyDay => format!(
            "{} on {}",
            every(pick.interval, "month", "months"),
            day_of_month(pick.month_day)
        ),
        Repeat::MonthlyWeekday | Repeat::TimesPerWeek => format!(
            "{} on the {} {}",
            every(pick.interval, "month", "months"),
            ordinal(pick.nth),
            day_name(pick.weekday)
        ),
    };
    text.push_str(&format!(" at {time}"));
    match pick.end {
        ScheduleEnd::Never => {}
        ScheduleEnd::Count => text.push_str(&format!(", {} times", pick.count)),
        ScheduleEnd::Until => text.push_str(&format!(", until {}", pick.until)),
    }
    text
}

/// A stored schedule in plain words: the pick's words, or that it is a schedule of its own.
pub fn schedule_words(schedule: &Schedule, start: NaiveDate, time: &str) -> String {
    pick_from_schedule(schedule, start).map_or_else(
        || format!("On a custom schedule at {time}"),
        |pick| pick_words(&pick, time),
    )
}

/// The schedule of a ritual being saved: a pick, or a stored schedule kept as it was.
pub fn schedule_from_input(input: &dto::ScheduleInput) -> Result<Schedule, ApiError> {
    match input {
        dto::ScheduleInput::Pick { pick } => schedule_from_pick(pick),
        dto::ScheduleInput::Rule { rule } => {
            Schedule::parse(rule).map_err(|error| invalid(error.to_string()))
        }
    }
}

#[cfg(test)]
mod tests;
