//! The ritual calendar's types on the wire: rituals, their schedules as the picker shows them,
//! occurrences and progress.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Practice;

/// A ritual as the UI shows and edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Ritual {
    pub id: String,
    pub title: String,
    pub practice: Option<Practice>,
    /// The practice's name as content words it, or null.
    pub practice_name: Option<String>,
    /// The stored schedule, opaque to the UI: sent back as it is to keep it unchanged.
    pub schedule: String,
    /// The schedule in plain words: "Every Sunday at 10:00".
    pub schedule_words: String,
    /// The picker's choices the schedule came from, or null when the picker cannot show it
    /// (a rule from a calendar file).
    pub pick: Option<SchedulePick>,
    /// Local wall time of the first occurrence, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    /// The IANA zone when pinned; null when it follows the computer.
    pub tz: Option<String>,
    pub duration_minutes: u32,
    /// Minutes before the start; 0 is at the start.
    pub reminders: Vec<u32>,
    /// `YYYY-MM-DD`, or null.
    pub paused_until: Option<String>,
    pub archived: bool,
}

/// A starting point for a new ritual, from content/.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RitualTemplate {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub why: String,
    pub source: Option<String>,
    /// How strong the ground under `why` is, shown with it.
    pub evidence: String,
    pub practice: Option<Practice>,
    /// The template's schedule as the picker shows it.
    pub pick: SchedulePick,
    pub schedule_words: String,
    /// `HH:MM`.
    pub time: String,
    pub duration_minutes: u32,
}

/// A ritual as the UI sends it (new or edited).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RitualInput {
    pub title: String,
    pub practice: Option<Practice>,
    pub schedule: ScheduleInput,
    pub start: String,
    pub tz: Option<String>,
    pub duration_minutes: u32,
    pub reminders: Vec<u32>,
    pub paused_until: Option<String>,
}

/// A ritual's schedule as it is saved: chosen in the picker, or a stored one kept as it was.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ScheduleInput {
    Pick {
        pick: SchedulePick,
    },
    /// The ritual's `schedule` as it was (or a rule typed on the command line).
    Rule {
        rule: String,
    },
}

/// A day of the week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum Weekday {
    Mo,
    Tu,
    We,
    Th,
    Fr,
    Sa,
    Su,
}

/// How a picked schedule repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Repeat {
    Daily,
    Weekly,
    /// Monthly on a day of the month.
    MonthlyDay,
    /// Monthly on the first to fourth, or last, weekday.
    MonthlyWeekday,
    /// N times a week, any days.
    TimesPerWeek,
}

/// How a picked schedule ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ScheduleEnd {
    Never,
    Count,
    Until,
}

/// The ritual editor's schedule picker, every field at once (the UI keeps what was typed in
/// each while `repeat` changes); only the fields `repeat` uses count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SchedulePick {
    pub repeat: Repeat,
    /// Every N days, weeks or months.
    pub interval: u32,
    /// Weekly: which days.
    pub days: Vec<Weekday>,
    /// Monthly on a day: 1 to 31, or -1 for the last day.
    pub month_day: i8,
    /// Monthly on a weekday: 1 to 4, or -1 for the last.
    pub nth: i8,
    pub weekday: Weekday,
    /// Times a week, and the day to remind when the week is not done yet.
    pub times: u8,
    pub remind_on: Weekday,
    pub end: ScheduleEnd,
    pub count: u32,
    /// `YYYY-MM-DD`.
    pub until: String,
}

/// What happened to an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceState {
    Done,
    Skipped,
    Snoozed,
}

/// One time a ritual happens, in the computer's local time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Occurrence {
    pub ritual_id: String,
    pub title: String,
    pub practice: Option<Practice>,
    pub practice_name: Option<String>,
    /// The occurrence's stable name (its local start in the ritual's zone).
    pub key: String,
    /// Start in the computer's zone, `YYYY-MM-DDTHH:MM`.
    pub start_local: String,
    /// RFC 3339 in UTC.
    pub start: String,
    pub end: String,
    /// The zone the ritual's wall time is read in.
    pub tz: String,
    pub state: Option<OccurrenceState>,
}

/// How one ritual went in one week: kept out of planned (never a streak, never a failure mark).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WeekProgress {
    /// The Monday starting the week, `YYYY-MM-DD`.
    pub week_start: String,
    pub kept: u32,
    pub planned: u32,
}

/// A ritual's last weeks, oldest first; the last one is this week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RitualProgress {
    pub ritual_id: String,
    pub weeks: Vec<WeekProgress>,
}

/// What to do with an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OccurrenceAction {
    Done,
    Skip,
    /// Remind again in ten minutes.
    Snooze,
    /// Forget what was recorded.
    Clear,
}
