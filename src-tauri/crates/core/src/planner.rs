//! The reminder planner: given the rituals, what was already sent and the time, which reminders
//! are due now, which are late, and when to look again. Pure: the scheduler loop in the shell
//! calls it through hearth-app, which writes the decisions to the reminder ledger in the same
//! transaction, so every reminder is sent at most once, across restarts too.
//!
//! Rules: a reminder due within the last minute is on time; one due earlier but within the grace
//! window (default 24 h: the computer slept, or Hearth was closed) is late and goes into one
//! summary with the others; older ones are never sent (the app lists missed occurrences).
//! Done or skipped occurrences remind no more. Reminders due in quiet hours wait for their end.
//! A clock that jumps forward finds the skipped reminders due (once); one that jumps back finds
//! nothing new, because the ledger already holds what was sent.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::recurrence::resolve_local;
use crate::ritual::{Practice, Ritual, Schedule, iso_week, occurrence_key};

/// A reminder due within this long is on time; older ones are late.
pub const ON_TIME: Duration = Duration::seconds(60);
/// Reminders missed by more than this are never sent.
pub const DEFAULT_GRACE: Duration = Duration::hours(24);
/// How far ahead the planner looks for the next wake-up.
pub const HORIZON: Duration = Duration::days(8);

/// Names one reminder of one occurrence: the ledger's key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ReminderKey {
    pub ritual_id: String,
    pub occurrence: String,
    /// `at-start`, `before-<minutes>`, or `snooze-<RFC 3339 time>`.
    pub reminder: String,
}

/// What the couple did with an occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OccurrenceStatus {
    Done,
    Skipped,
    /// Asked to be reminded again at this instant.
    Snoozed(DateTime<Utc>),
}

/// Local hours without notifications, `start` to `end` (may wrap past midnight).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuietHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl QuietHours {
    fn contains(&self, time: NaiveTime) -> bool {
        if self.start <= self.end {
            time >= self.start && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }

    /// `due`, or the end of the quiet hours it falls in.
    pub fn defer(&self, due: DateTime<Utc>, zone: Tz) -> DateTime<Utc> {
        let local = due.with_timezone(&zone).naive_local();
        if self.start == self.end || !self.contains(local.time()) {
            return due;
        }
        let mut end = local.date().and_time(self.end);
        if end <= local {
            end += Duration::days(1);
        }
        resolve_local(end, zone).max(due)
    }
}

/// One reminder to send (or that was due).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    pub key: ReminderKey,
    pub title: String,
    pub practice: Option<Practice>,
    pub occurrence_start: DateTime<Utc>,
    /// When it is due, after quiet hours.
    pub due: DateTime<Utc>,
}

/// Everything the planner needs; the app layer reads it from the schedule database.
#[derive(Debug)]
pub struct PlanInput<'a> {
    pub rituals: &'a [Ritual],
    pub now: DateTime<Utc>,
    pub local_zone: Tz,
    pub grace: Duration,
    pub quiet: Option<QuietHours>,
    /// Reminders are paused (from the tray) until this instant.
    pub paused_until: Option<DateTime<Utc>>,
    /// The ledger: reminders already decided.
    pub sent: &'a HashSet<ReminderKey>,
    /// Statuses by ritual id, then occurrence key.
    pub status: &'a HashMap<String, HashMap<String, OccurrenceStatus>>,
    /// Done counts by ritual id, then ISO week, for "N times a week" rituals.
    pub week_done: &'a HashMap<String, HashMap<(i32, u32), u32>>,
}

/// The planner's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub on_time: Vec<Reminder>,
    pub late: Vec<Reminder>,
    /// The next instant a reminder falls due, within the horizon.
    pub next_wake: Option<DateTime<Utc>>,
    /// The title of the ritual whose reminder that is.
    pub next_title: Option<String>,
}

impl Plan {
    /// Whether anything is to be sent now.
    pub fn is_empty(&self) -> bool {
        self.on_time.is_empty() && self.late.is_empty()
    }
}

/// Plans the reminders at `input.now`.
///
/// Cheap by construction (`make bench-planner`, budget 1 ms): each ritual is expanded
/// over the last day and the next, and further only when nothing is due in that span; keys
/// are built only for reminders that are due now.
pub fn plan(input: &PlanInput<'_>) -> Plan {
    let mut plan = Plan::default();
    let day = Duration::days(1);
    for ritual in input.rituals {
        let lead = Duration::minutes(i64::from(ritual.reminders.last().copied().unwrap_or(0)));
        let statuses = input.status.get(ritual.id.as_str());
        // Snoozes can outlive their occurrence's start, so look back one more day.
        let near = (input.now - input.grace - day, input.now + day + lead);
        let far = (near.1, input.now + HORIZON + lead);
        let mut future = false;
        for (from, to) in [near, far] {
            if future {
                break;
            }
            for (local, start) in ritual.starts(from, to, input.local_zone) {
                future |= plan_occurrence(input, ritual, statuses, local, start, &mut plan);
            }
        }
    }
    plan.on_time
        .sort_by(|a, b| (a.due, &a.key).cmp(&(b.due, &b.key)));
    plan.late
        .sort_by(|a, b| (a.due, &a.key).cmp(&(b.due, &b.key)));
    plan
}

/// Plans one occurrence's reminders; returns whether one of them lies in the future.
fn plan_occurrence(
    input: &PlanInput<'_>,
    ritual: &Ritual,
    statuses: Option<&HashMap<String, OccurrenceStatus>>,
    local: chrono::NaiveDateTime,
    start: DateTime<Utc>,
    plan: &mut Plan,
) -> bool {
    let status = statuses.and_then(|s| s.get(occurrence_key(local).as_str()).copied());
    if matches!(
        status,
        Some(OccurrenceStatus::Done | OccurrenceStatus::Skipped)
    ) {
        return false;
    }
    if let Schedule::TimesPerWeek { times, .. } = ritual.schedule {
        let done = input
            .week_done
            .get(ritual.id.as_str())
            .and_then(|weeks| weeks.get(&iso_week(local.date())))
            .copied()
            .unwrap_or(0);
        if done >= u32::from(times) {
            return false;
        }
    }
    let snooze = match status {
        Some(OccurrenceStatus::Snoozed(until)) => Some(until),
        _ => None,
    };
    let dues = ritual
        .reminders
        .iter()
        .map(|&lead| (Some(lead), start - Duration::minutes(i64::from(lead))))
        .chain(snooze.map(|until| (None, until)));
    let mut future = false;
    for (lead, due) in dues {
        if due < ritual.reminders_from {
            continue;
        }
        let due = input
            .quiet
            .map_or(due, |quiet| quiet.defer(due, input.local_zone));
        if input.paused_until.is_some_and(|until| due < until) {
            continue;
        }
        if due > input.now {
            future = true;
            if plan.next_wake.is_none_or(|next| due < next) {
                plan.next_wake = Some(due);
                plan.next_title = Some(ritual.title.clone());
            }
            continue;
        }
        if input.now - due > input.grace {
            continue;
        }
        let reminder = match lead {
            Some(0) => "at-start".to_owned(),
            Some(lead) => format!("before-{lead}"),
            None => format!(
                "snooze-{}",
                due.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            ),
        };
        let key = ReminderKey {
            ritual_id: ritual.id.clone(),
            occurrence: occurrence_key(local),
            reminder,
        };
        if input.sent.contains(&key) {
            continue;
        }
        let reminder = Reminder {
            key,
            title: ritual.title.clone(),
            practice: ritual.practice,
            occurrence_start: start,
            due,
        };
        if input.now - due <= ON_TIME {
            plan.on_time.push(reminder);
        } else {
            plan.late.push(reminder);
        }
    }
    future
}

#[cfg(test)]
mod tests;
