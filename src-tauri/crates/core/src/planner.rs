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
/// Cheap by construction (performance brief G13, `make bench-planner`): each ritual is expanded
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
mod tests {
    use super::*;
    use crate::recurrence::Rule;
    use crate::ritual::Zone;
    use chrono::NaiveDateTime;

    const ZONE: &str = "Europe/Berlin";

    fn zone() -> Tz {
        ZONE.parse().unwrap()
    }

    fn local(text: &str) -> DateTime<Utc> {
        resolve_local(
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").unwrap(),
            zone(),
        )
    }

    fn ritual(id: &str, rule: &str, start: &str, reminders: Vec<u32>) -> Ritual {
        Ritual {
            id: id.into(),
            title: format!("Ritual {id}"),
            practice: None,
            schedule: Schedule::Rule(Rule::parse(rule).unwrap()),
            start: NaiveDateTime::parse_from_str(start, "%Y-%m-%dT%H:%M").unwrap(),
            zone: Zone::Floating,
            duration_minutes: 30,
            reminders,
            except: vec![],
            paused_until: None,
            archived: false,
            reminders_from: local("2026-01-01T00:00:00"),
        }
    }

    /// A scheduler over an injected clock with a recording notifier and a ledger that outlives
    /// "restarts": it is the app layer's loop without the database.
    struct Harness {
        rituals: Vec<Ritual>,
        sent: HashSet<ReminderKey>,
        status: HashMap<String, HashMap<String, OccurrenceStatus>>,
        week_done: HashMap<String, HashMap<(i32, u32), u32>>,
        quiet: Option<QuietHours>,
        paused_until: Option<DateTime<Utc>>,
        /// Each notification: the titles in it and whether it was late.
        notified: Vec<(Vec<String>, bool)>,
    }

    impl Harness {
        /// Rituals that have existed since long before the test.
        fn new(rituals: Vec<Ritual>) -> Self {
            Self::since(rituals, local("2026-01-01T00:00:00"))
        }

        /// Rituals set up this morning (26 November, 06:00), so yesterday's are not in play.
        fn since_today(rituals: Vec<Ritual>) -> Self {
            Self::since(rituals, local("2026-11-26T06:00:00"))
        }

        /// Rituals set up (or last rescheduled) at `since`.
        fn since(mut rituals: Vec<Ritual>, since: DateTime<Utc>) -> Self {
            for ritual in &mut rituals {
                ritual.reminders_from = since;
            }
            Self {
                rituals,
                sent: HashSet::new(),
                status: HashMap::new(),
                week_done: HashMap::new(),
                quiet: None,
                paused_until: None,
                notified: Vec::new(),
            }
        }

        fn set_status(&mut self, ritual: &str, occurrence: &str, status: OccurrenceStatus) {
            self.status
                .entry(ritual.to_owned())
                .or_default()
                .insert(occurrence.to_owned(), status);
        }

        fn set_week_done(&mut self, ritual: &str, week: (i32, u32), done: u32) {
            self.week_done
                .entry(ritual.to_owned())
                .or_default()
                .insert(week, done);
        }

        fn tick(&mut self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
            let plan = plan(&PlanInput {
                rituals: &self.rituals,
                now,
                local_zone: zone(),
                grace: DEFAULT_GRACE,
                quiet: self.quiet,
                paused_until: self.paused_until,
                sent: &self.sent,
                status: &self.status,
                week_done: &self.week_done,
            });
            let all: Vec<&Reminder> = plan.on_time.iter().chain(&plan.late).collect();
            if !all.is_empty() {
                self.notified.push((
                    all.iter().map(|r| r.title.clone()).collect(),
                    !plan.late.is_empty(),
                ));
            }
            for reminder in all {
                self.sent.insert(reminder.key.clone());
            }
            plan.next_wake
        }

        /// Runs the loop from `from` to `to` the way the shell does: wake at the next due time
        /// but at least once a minute.
        fn run(&mut self, from: DateTime<Utc>, to: DateTime<Utc>) {
            let mut now = from;
            while now <= to {
                let next = self.tick(now);
                let nap = next.map_or(Duration::seconds(60), |n| {
                    (n - now).clamp(Duration::zero(), Duration::seconds(60))
                });
                now += nap.max(Duration::milliseconds(250));
            }
        }
    }

    #[test]
    fn a_reminder_fires_once_on_time_and_never_again() {
        let mut h =
            Harness::since_today(vec![ritual("a", "FREQ=DAILY", "2026-11-01T21:00", vec![0])]);
        assert_eq!(
            h.tick(local("2026-11-26T20:00:00")),
            Some(local("2026-11-26T21:00:00"))
        );
        h.run(local("2026-11-26T20:59:00"), local("2026-11-26T21:30:00"));
        assert_eq!(h.notified, vec![(vec!["Ritual a".to_owned()], false)]);
        // A restart: a fresh planner with the same ledger sends nothing more.
        h.run(local("2026-11-26T21:31:00"), local("2026-11-26T21:40:00"));
        assert_eq!(h.notified.len(), 1);
    }

    #[test]
    fn due_during_suspend_fires_once_after_resume_marked_late() {
        let mut h =
            Harness::since_today(vec![ritual("a", "FREQ=DAILY", "2026-11-01T21:00", vec![0])]);
        h.tick(local("2026-11-26T20:50:00"));
        // Asleep from 20:50 to 23:10: the next look is after resume.
        h.tick(local("2026-11-26T23:10:00"));
        h.tick(local("2026-11-26T23:11:00"));
        assert_eq!(h.notified, vec![(vec!["Ritual a".to_owned()], true)]);
    }

    #[test]
    fn missed_while_closed_gives_one_summary_and_older_ones_are_not_sent() {
        let mut h = Harness::new(vec![
            ritual("a", "FREQ=DAILY", "2026-11-01T08:00", vec![0]),
            ritual("b", "FREQ=DAILY", "2026-11-01T12:00", vec![0, 30]),
            ritual("c", "FREQ=WEEKLY;BYDAY=MO", "2026-11-02T09:00", vec![0]),
        ]);
        // Closed since Monday 23 November; opened Thursday 26 November at 18:00.
        h.tick(local("2026-11-26T18:00:00"));
        assert_eq!(h.notified.len(), 1, "one summary, never a burst");
        let (titles, late) = &h.notified[0];
        assert!(late);
        // Within 24 h: a at 08:00, b at 11:30 and 12:00. Monday's c is older: not sent.
        assert_eq!(titles, &vec!["Ritual a", "Ritual b", "Ritual b"]);
        h.tick(local("2026-11-26T18:01:00"));
        assert_eq!(h.notified.len(), 1);
    }

    #[test]
    fn a_clock_jumping_forward_fires_the_skipped_once_and_back_refires_nothing() {
        let mut h = Harness::since_today(vec![
            ritual("a", "FREQ=DAILY", "2026-11-01T10:00", vec![0]),
            ritual("b", "FREQ=DAILY", "2026-11-01T11:00", vec![0]),
        ]);
        h.tick(local("2026-11-26T09:00:00"));
        h.tick(local("2026-11-26T12:00:00")); // jumped three hours ahead
        assert_eq!(h.notified.len(), 1);
        assert_eq!(h.notified[0].0.len(), 2);
        h.run(local("2026-11-26T09:30:00"), local("2026-11-26T12:30:00")); // set back again
        assert_eq!(h.notified.len(), 1, "nothing fires twice");
    }

    #[test]
    fn done_or_skipped_before_due_sends_nothing_and_snooze_comes_back() {
        let mut h = Harness::since_today(vec![
            ritual("a", "FREQ=DAILY", "2026-11-01T10:00", vec![0]),
            ritual("b", "FREQ=DAILY", "2026-11-01T10:00", vec![0]),
        ]);
        h.set_status("a", "2026-11-26T10:00", OccurrenceStatus::Done);
        h.set_status("b", "2026-11-26T10:00", OccurrenceStatus::Skipped);
        h.run(local("2026-11-26T09:55:00"), local("2026-11-26T10:30:00"));
        assert!(h.notified.is_empty());

        h.rituals.truncate(1);
        h.run(local("2026-11-27T09:59:00"), local("2026-11-27T10:00:30"));
        assert_eq!(h.notified.len(), 1);
        let until = local("2026-11-27T10:10:30");
        h.set_status("a", "2026-11-27T10:00", OccurrenceStatus::Snoozed(until));
        h.run(local("2026-11-27T10:00:31"), local("2026-11-27T10:10:00"));
        assert_eq!(h.notified.len(), 1, "quiet during the snooze");
        h.run(local("2026-11-27T10:10:01"), local("2026-11-27T10:20:00"));
        assert_eq!(h.notified.len(), 2, "the snooze came back once");
        assert!(!h.notified[1].1, "on time");
    }

    #[test]
    fn quiet_hours_hold_reminders_until_they_end() {
        let mut h =
            Harness::since_today(vec![ritual("a", "FREQ=DAILY", "2026-11-01T22:30", vec![0])]);
        h.quiet = Some(QuietHours {
            start: NaiveTime::from_hms_opt(22, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(7, 0, 0).unwrap(),
        });
        assert_eq!(
            h.tick(local("2026-11-26T22:00:00")),
            Some(local("2026-11-27T07:00:00"))
        );
        h.run(local("2026-11-26T22:00:00"), local("2026-11-27T06:59:00"));
        assert!(h.notified.is_empty());
        h.run(local("2026-11-27T07:00:00"), local("2026-11-27T07:05:00"));
        assert_eq!(h.notified.len(), 1);
    }

    #[test]
    fn lead_times_remind_early_and_a_new_ritual_does_not_remind_about_this_morning() {
        let early = ritual("a", "FREQ=DAILY", "2026-11-01T10:00", vec![0, 15]);
        let mut h = Harness::since(vec![early], local("2026-11-26T12:00:00"));
        h.tick(local("2026-11-26T12:00:00"));
        assert!(
            h.notified.is_empty(),
            "this morning's 10:00 is before the ritual existed"
        );
        assert_eq!(
            h.tick(local("2026-11-27T09:00:00")),
            Some(local("2026-11-27T09:45:00"))
        );
    }

    #[test]
    fn times_a_week_reminds_only_while_the_count_is_not_met_and_pause_holds_all() {
        let mut flexible = ritual("a", "FREQ=DAILY", "2026-11-02T18:00", vec![0]);
        flexible.schedule = Schedule::TimesPerWeek {
            times: 2,
            remind_on: chrono::Weekday::Thu,
        };
        let mut h = Harness::new(vec![flexible]);
        h.set_week_done("a", (2026, 48), 2);
        h.run(local("2026-11-26T17:59:00"), local("2026-11-26T18:05:00"));
        assert!(h.notified.is_empty(), "done twice this week already");
        h.set_week_done("a", (2026, 49), 1);
        h.paused_until = Some(local("2026-12-03T20:00:00"));
        h.run(local("2026-12-03T17:59:00"), local("2026-12-03T18:05:00"));
        assert!(h.notified.is_empty(), "reminders paused");
        h.paused_until = None;
        h.run(local("2026-12-10T17:59:00"), local("2026-12-10T18:05:00"));
        assert_eq!(h.notified.len(), 1);
    }
}
