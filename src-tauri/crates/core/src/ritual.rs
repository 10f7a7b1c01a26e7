//! Rituals: small practices a couple keeps on a rhythm, and their occurrences in time.
//!
//! A ritual's start is a local wall time. A floating ritual (the default) follows the computer's
//! zone, so a 21:00 reflection stays at 21:00 after travelling; a pinned one keeps its own zone,
//! so a call with family stays at the same instant wherever the computer is.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::recurrence::{ByDay, End, Frequency, Rule, resolve_local, weekday_code};

pub const TITLE_MAX_CHARS: usize = 80;
/// The years a ritual may start in: wide enough for any couple, narrow enough that every date
/// and instant the calendar computes from it stays far inside what the clock types can hold.
pub const START_YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;
pub const DURATION_MAX_MINUTES: u32 = 24 * 60;
pub const REMINDERS_MAX: usize = 5;
/// The earliest a reminder may come before its ritual: one week.
pub const LEAD_MAX_MINUTES: u32 = 7 * 24 * 60;

/// The practice a ritual opens, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Practice {
    WalkQuestions,
    NightlyReflection,
    PhonesOffHour,
    ThreeGoodThings,
    BreathingTogether,
    EyeContact,
    CheckIn,
    HonestOpeners,
    Appreciation,
    ReconnectionPlan,
    SelfCheck,
    LookBack,
    StateOfUs,
    OnYourOwn,
    StressTalk,
}

impl Practice {
    pub const ALL: [Self; 15] = [
        Self::WalkQuestions,
        Self::NightlyReflection,
        Self::PhonesOffHour,
        Self::ThreeGoodThings,
        Self::BreathingTogether,
        Self::EyeContact,
        Self::CheckIn,
        Self::HonestOpeners,
        Self::Appreciation,
        Self::ReconnectionPlan,
        Self::SelfCheck,
        Self::LookBack,
        Self::StateOfUs,
        Self::OnYourOwn,
        Self::StressTalk,
    ];

    /// The stable name used in storage, the CLI and content.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::WalkQuestions => "walk_questions",
            Self::NightlyReflection => "nightly_reflection",
            Self::PhonesOffHour => "phones_off_hour",
            Self::ThreeGoodThings => "three_good_things",
            Self::BreathingTogether => "breathing_together",
            Self::EyeContact => "eye_contact",
            Self::CheckIn => "check_in",
            Self::HonestOpeners => "honest_openers",
            Self::Appreciation => "appreciation",
            Self::ReconnectionPlan => "reconnection_plan",
            Self::SelfCheck => "self_check",
            Self::LookBack => "look_back",
            Self::StateOfUs => "state_of_us",
            Self::OnYourOwn => "on_your_own",
            Self::StressTalk => "stress_talk",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The problem text for a name that is not a practice: lists every valid name.
    pub fn not_one_of() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|p| p.as_str()).collect();
        format!("is not one of Hearth's practices ({})", names.join(", "))
    }
}

/// Which zone a ritual's wall time is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// The computer's zone, whatever it is at the time.
    Floating,
    /// Always this zone.
    Pinned(Tz),
}

/// How often a ritual comes round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    /// An RFC 5545 rule.
    Rule(Rule),
    /// N times a week on any days; a reminder comes on `remind_on` when the week's count is
    /// not met yet.
    TimesPerWeek { times: u8, remind_on: Weekday },
}

impl Schedule {
    /// The stored form: the RRULE text, or `TIMES_PER_WEEK=3;REMIND_ON=FR`.
    pub fn to_text(&self) -> String {
        match self {
            Self::Rule(rule) => rule.to_rrule(),
            Self::TimesPerWeek { times, remind_on } => {
                format!(
                    "TIMES_PER_WEEK={times};REMIND_ON={}",
                    weekday_code(*remind_on)
                )
            }
        }
    }

    /// The RRULE another calendar can follow: the rule itself, or for "N times a week" a weekly
    /// event on the reminder day (other calendars have no such rule).
    pub fn to_calendar_rrule(&self) -> String {
        self.expansion_rule().to_rrule()
    }

    /// Reads what [`Schedule::to_text`] wrote (or any supported RRULE).
    pub fn parse(text: &str) -> Result<Self, RitualError> {
        let text = text.trim();
        if let Some(rest) = text.strip_prefix("TIMES_PER_WEEK=") {
            let bad = || {
                refuse(
                    "schedule",
                    format!("\"{text}\" is not TIMES_PER_WEEK=N;REMIND_ON=DAY"),
                )
            };
            let (times, day) = rest.split_once(";REMIND_ON=").ok_or_else(bad)?;
            let times: u8 = times.parse().map_err(|_| bad())?;
            let remind_on = crate::recurrence::parse_weekday(day).ok_or_else(bad)?;
            if !(1..=7).contains(&times) {
                return Err(refuse("schedule", "times a week must be 1 to 7"));
            }
            return Ok(Self::TimesPerWeek { times, remind_on });
        }
        Rule::parse(text)
            .map(Self::Rule)
            .map_err(|error| refuse("schedule", error.0))
    }

    /// The rule occurrences are expanded with: the rule itself, or weekly on the reminder day.
    fn expansion_rule(&self) -> Rule {
        match self {
            Self::Rule(rule) => rule.clone(),
            Self::TimesPerWeek { remind_on, .. } => Rule {
                frequency: Frequency::Weekly,
                interval: 1,
                end: End::Never,
                by_day: vec![ByDay {
                    nth: None,
                    weekday: *remind_on,
                }],
                by_month_day: Vec::new(),
                by_month: Vec::new(),
                week_start: Weekday::Mon,
            },
        }
    }
}

/// A ritual as the couple set it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ritual {
    pub id: String,
    pub title: String,
    pub practice: Option<Practice>,
    pub schedule: Schedule,
    /// The first occurrence's local wall time (DTSTART).
    pub start: NaiveDateTime,
    pub zone: Zone,
    pub duration_minutes: u32,
    /// Minutes before the start each reminder comes; 0 is at the start. Sorted, no repeats.
    pub reminders: Vec<u32>,
    /// Local dates with no occurrence (EXDATE).
    pub except: Vec<NaiveDate>,
    /// No occurrences before this local date.
    pub paused_until: Option<NaiveDate>,
    pub archived: bool,
    /// When the schedule was set: reminders due before this are never sent (a ritual created or
    /// moved this afternoon does not remind about this morning).
    pub reminders_from: DateTime<Utc>,
}

/// One time a ritual happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub ritual_id: String,
    /// Local wall time of the start, `YYYY-MM-DDTHH:MM`: the occurrence's stable name.
    pub key: String,
    pub local: NaiveDateTime,
    pub zone: Tz,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The stable name of an occurrence that starts at local wall time `local`.
pub fn occurrence_key(local: NaiveDateTime) -> String {
    local.format("%Y-%m-%dT%H:%M").to_string()
}

/// Why a ritual was refused; names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct RitualError {
    pub field: &'static str,
    pub problem: String,
}

fn refuse(field: &'static str, problem: impl Into<String>) -> RitualError {
    RitualError {
        field,
        problem: problem.into(),
    }
}

impl Ritual {
    /// Checks every rule and returns the ritual in its stored form (title trimmed, reminders
    /// sorted without repeats, exceptions sorted).
    pub fn validated(mut self) -> Result<Self, RitualError> {
        self.title = self.title.trim().to_owned();
        if self.title.is_empty() || self.title.chars().count() > TITLE_MAX_CHARS {
            return Err(refuse(
                "title",
                format!("must be 1 to {TITLE_MAX_CHARS} characters"),
            ));
        }
        if self.title.chars().any(char::is_control) {
            return Err(refuse("title", "cannot hold control characters"));
        }
        if !(1..=DURATION_MAX_MINUTES).contains(&self.duration_minutes) {
            return Err(refuse(
                "duration",
                format!("must be 1 to {DURATION_MAX_MINUTES} minutes"),
            ));
        }
        self.reminders.sort_unstable();
        self.reminders.dedup();
        if self.reminders.len() > REMINDERS_MAX {
            return Err(refuse(
                "reminders",
                format!("at most {REMINDERS_MAX} per ritual"),
            ));
        }
        if self.reminders.iter().any(|&lead| lead > LEAD_MAX_MINUTES) {
            return Err(refuse(
                "reminders",
                "a reminder can come at most a week before",
            ));
        }
        if let Schedule::TimesPerWeek { times, .. } = self.schedule
            && !(1..=7).contains(&times)
        {
            return Err(refuse("schedule", "times a week must be 1 to 7"));
        }
        let years = START_YEARS;
        if !years.contains(&self.start.year()) {
            return Err(refuse(
                "start",
                format!(
                    "must be between the years {} and {}",
                    years.start(),
                    years.end()
                ),
            ));
        }
        if self.except.iter().any(|date| !years.contains(&date.year())) {
            return Err(refuse(
                "except",
                format!(
                    "skipped dates must be between the years {} and {}",
                    years.start(),
                    years.end()
                ),
            ));
        }
        if self.except.len() > 1000 {
            return Err(refuse("except", "at most 1000 skipped dates"));
        }
        self.except.sort_unstable();
        self.except.dedup();
        Ok(self)
    }

    /// The zone this ritual's wall times are read in, given the computer's zone.
    pub fn zone_in(&self, local_zone: Tz) -> Tz {
        match self.zone {
            Zone::Floating => local_zone,
            Zone::Pinned(zone) => zone,
        }
    }

    /// Occurrences that start in `[from, to)`, oldest first, skipping paused dates.
    pub fn occurrences(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        local_zone: Tz,
    ) -> Vec<Occurrence> {
        let zone = self.zone_in(local_zone);
        let duration = chrono::Duration::minutes(i64::from(self.duration_minutes));
        self.starts(from, to, local_zone)
            .into_iter()
            .map(|(local, start)| Occurrence {
                ritual_id: self.id.clone(),
                key: occurrence_key(local),
                local,
                zone,
                start,
                end: start + duration,
            })
            .collect()
    }

    /// The local wall time and instant of each occurrence starting in `[from, to)`: the cheap
    /// form the planner walks.
    pub fn starts(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        local_zone: Tz,
    ) -> Vec<(NaiveDateTime, DateTime<Utc>)> {
        if self.archived || to <= from {
            return Vec::new();
        }
        let zone = self.zone_in(local_zone);
        // A day either side covers any offset; instants are filtered exactly below.
        let day = chrono::Duration::days(1);
        let local_from = from.with_timezone(&zone).naive_local() - day;
        let local_to = to.with_timezone(&zone).naive_local() + day;
        let rule = match &self.schedule {
            Schedule::Rule(rule) => std::borrow::Cow::Borrowed(rule),
            other => std::borrow::Cow::Owned(other.expansion_rule()),
        };
        rule.occurrences(self.start, &self.except, local_from, local_to)
            .into_iter()
            .filter(|local| self.paused_until.is_none_or(|until| local.date() >= until))
            .filter_map(|local| {
                let start = resolve_local(local, zone);
                (start >= from && start < to).then_some((local, start))
            })
            .collect()
    }

    /// The ritual ready for repeated planning: a `COUNT` rule becomes the equivalent `UNTIL`
    /// rule (its last occurrence), so each query starts at its window instead of walking every
    /// occurrence since the start. The scheduler keeps prepared rituals until one changes.
    pub fn prepared(mut self) -> Self {
        if let Schedule::Rule(rule) = &self.schedule
            && let crate::recurrence::End::Count(_) = rule.end
        {
            let far = self.start + chrono::Duration::days(366 * 400);
            let last = rule
                .occurrences(self.start, &[], self.start, far)
                .last()
                .copied();
            let mut until = rule.clone();
            // No occurrence at all: an UNTIL before the start yields none, the same answer.
            until.end = End::Until(last.unwrap_or(self.start - chrono::Duration::minutes(1)));
            self.schedule = Schedule::Rule(until);
        }
        self
    }
}

/// The ISO week (year, number) a local date belongs to: weeks start on Monday.
pub fn iso_week(date: NaiveDate) -> (i32, u32) {
    let week = date.iso_week();
    (week.year(), week.week())
}

#[cfg(test)]
mod tests;
