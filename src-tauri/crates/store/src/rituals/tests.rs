//! Unit tests for `rituals`.

use super::*;
use chrono::TimeZone;
use hearth_core::planner::{DEFAULT_GRACE, PlanInput, plan};
use hearth_core::recurrence::Rule;

fn ritual(id: &str) -> Ritual {
    Ritual {
        id: id.into(),
        title: "Nightly reflection".into(),
        practice: Some(Practice::NightlyReflection),
        schedule: Schedule::Rule(Rule::parse("FREQ=DAILY").unwrap()),
        start: NaiveDateTime::parse_from_str("2026-11-01T21:00", LOCAL).unwrap(),
        zone: Zone::Pinned("Europe/Berlin".parse().unwrap()),
        duration_minutes: 15,
        reminders: vec![0, 10],
        except: vec![NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()],
        paused_until: None,
        archived: false,
        reminders_from: Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(),
    }
}

fn db() -> (tempfile::TempDir, ScheduleDb) {
    let dir = tempfile::tempdir().unwrap();
    let db = ScheduleDb::open(&dir.path().join("s.sqlite3")).unwrap();
    (dir, db)
}

#[test]
fn rituals_round_trip_and_delete_takes_their_log_along() {
    let (_dir, db) = db();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    let mut first = ritual("a");
    db.insert_ritual(&first, now).unwrap();
    let mut flexible = ritual("b");
    flexible.zone = Zone::Floating;
    flexible.schedule = Schedule::parse("TIMES_PER_WEEK=3;REMIND_ON=FR").unwrap();
    flexible.practice = None;
    flexible.paused_until = NaiveDate::from_ymd_opt(2026, 12, 1);
    db.insert_ritual(&flexible, now).unwrap();
    assert_eq!(db.rituals().unwrap(), vec![first.clone(), flexible.clone()]);

    first.title = "Evening reflection".into();
    first.archived = true;
    assert!(
        db.update_ritual(&first, chrono::DateTime::UNIX_EPOCH)
            .unwrap()
    );
    assert_eq!(db.ritual("a").unwrap(), Some(first));
    assert!(
        !db.update_ritual(&ritual("nope"), chrono::DateTime::UNIX_EPOCH)
            .unwrap()
    );

    db.set_occurrence_status("b", "2026-11-25", Some(OccurrenceStatus::Done), now)
        .unwrap();
    assert!(db.delete_ritual("b", chrono::DateTime::UNIX_EPOCH).unwrap());
    assert!(!db.delete_ritual("b", chrono::DateTime::UNIX_EPOCH).unwrap());
    let log = db
        .occurrence_log(NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
        .unwrap();
    assert!(log.status.is_empty());
}

#[test]
fn statuses_and_week_counts_come_back_for_the_planner() {
    let (_dir, db) = db();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    db.insert_ritual(&ritual("a"), now).unwrap();
    let until = now + chrono::Duration::minutes(10);
    for (occurrence, status) in [
        ("2026-11-23T21:00", Some(OccurrenceStatus::Done)),
        ("2026-11-25T21:00", Some(OccurrenceStatus::Done)),
        ("2026-11-26T21:00", Some(OccurrenceStatus::Snoozed(until))),
        ("2026-11-22T21:00", Some(OccurrenceStatus::Skipped)),
        ("2026-11-22T21:00", None),
    ] {
        db.set_occurrence_status("a", occurrence, status, now)
            .unwrap();
    }
    let log = db
        .occurrence_log(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
        .unwrap();
    assert_eq!(log.status["a"].len(), 3);
    assert_eq!(
        log.status["a"]["2026-11-26T21:00"],
        OccurrenceStatus::Snoozed(until.with_timezone(&Utc))
    );
    assert_eq!(log.week_done["a"][&(2026, 48)], 2);
}

/// The ledger makes each reminder go out at most once, however often the scheduler asks,
/// and across a "restart" (a fresh connection).
#[test]
fn the_ledger_returns_each_reminder_once_across_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.sqlite3");
    let zone: Tz = "Europe/Berlin".parse().unwrap();
    let due = Utc.with_ymd_and_hms(2026, 11, 26, 20, 0, 0).unwrap(); // 21:00 in Berlin
    let since = NaiveDate::from_ymd_opt(2026, 11, 19).unwrap();
    let ask = |db: &ScheduleDb, now: DateTime<Utc>| {
        let rituals = db.rituals().unwrap();
        db.decide_reminders(now, since, |sent, log| {
            plan(&PlanInput {
                rituals: &rituals,
                now,
                local_zone: zone,
                grace: DEFAULT_GRACE,
                quiet: None,
                paused_until: None,
                sent,
                status: &log.status,
                week_done: &log.week_done,
            })
        })
        .unwrap()
    };
    {
        let db = ScheduleDb::open(&path).unwrap();
        let mut r = ritual("a");
        r.reminders_from = due - chrono::Duration::hours(1);
        db.insert_ritual(&r, due).unwrap();
        let first = ask(&db, due);
        let keys: Vec<&str> = first
            .on_time
            .iter()
            .map(|r| r.key.reminder.as_str())
            .collect();
        assert_eq!(keys, ["at-start"]);
        assert!(
            first.late.len() == 1,
            "the 10-minutes-before one is late by 10 minutes"
        );
        assert!(ask(&db, due).is_empty());
    }
    let reopened = ScheduleDb::open(&path).unwrap();
    assert!(ask(&reopened, due + chrono::Duration::seconds(30)).is_empty());
    assert_eq!(
        reopened
            .prune_ledger(NaiveDate::from_ymd_opt(2026, 11, 27).unwrap())
            .unwrap(),
        2
    );
}
