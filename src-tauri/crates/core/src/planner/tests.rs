//! Unit tests for `planner`.

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
    let mut h = Harness::since_today(vec![ritual("a", "FREQ=DAILY", "2026-11-01T21:00", vec![0])]);
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
    let mut h = Harness::since_today(vec![ritual("a", "FREQ=DAILY", "2026-11-01T21:00", vec![0])]);
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
    let mut h = Harness::since_today(vec![ritual("a", "FREQ=DAILY", "2026-11-01T22:30", vec![0])]);
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
