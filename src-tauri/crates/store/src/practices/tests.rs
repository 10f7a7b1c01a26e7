//! Unit tests for `practices`.

#![allow(clippy::unwrap_used)]
use super::*;

fn db() -> (tempfile::TempDir, ScheduleDb) {
    let dir = tempfile::tempdir().unwrap();
    let db = ScheduleDb::open(&dir.path().join("schedule.sqlite3")).unwrap();
    (dir, db)
}

fn at(minute: i64) -> DateTime<Utc> {
    Utc.timestamp_opt(1_772_000_000 + minute * 60, 0).unwrap()
}

#[test]
fn a_round_is_remembered_until_reset_and_favourites_toggle() {
    let (_dir, db) = db();
    db.mark_card_seen("d", "a", false).unwrap();
    db.mark_card_seen("d", "b", false).unwrap();
    db.mark_card_seen("other", "a", false).unwrap();
    assert_eq!(db.deck_seen("d").unwrap().len(), 2);
    db.mark_card_seen("d", "c", true).unwrap();
    assert_eq!(db.deck_seen("d").unwrap(), HashSet::from(["c".to_owned()]));
    assert_eq!(db.deck_seen("other").unwrap().len(), 1);
    db.set_favourite("d", "a", true, at(0)).unwrap();
    db.set_favourite("d", "b", true, at(1)).unwrap();
    db.set_favourite("d", "a", true, at(2)).unwrap();
    assert_eq!(db.favourites("d").unwrap(), vec!["b", "a"]);
    db.set_favourite("d", "b", false, at(3)).unwrap();
    assert_eq!(db.favourites("d").unwrap(), vec!["a"]);
}

#[test]
fn one_hour_runs_at_a_time_and_each_ending_is_handed_out_once() {
    let (_dir, db) = db();
    let hour = |id: &str, minute: i64| PhonesOffHour {
        id: id.into(),
        started_at: at(minute),
        minutes: 60,
        ended_at: None,
    };
    assert_eq!(db.start_phones_off(&hour("one", 0)).unwrap().id, "one");
    // A second start while it runs returns the running one.
    assert_eq!(db.start_phones_off(&hour("two", 10)).unwrap().id, "one");
    assert_eq!(db.running_phones_off(at(59)).unwrap().unwrap().id, "one");
    assert!(db.finish_phones_off(at(59)).unwrap().is_empty());
    let finished = db.finish_phones_off(at(61)).unwrap();
    assert_eq!(finished.len(), 1);
    assert_eq!(finished[0].ended_at, Some(at(60)));
    assert!(db.finish_phones_off(at(62)).unwrap().is_empty());
    assert!(db.running_phones_off(at(61)).unwrap().is_none());
    db.start_phones_off(&hour("three", 100)).unwrap();
    let ended = db.end_phones_off_early(at(115)).unwrap().unwrap();
    assert_eq!(ended.id, "three");
    assert!(db.finish_phones_off(at(200)).unwrap().is_empty());
    let all = db.phones_off_since(at(0)).unwrap();
    let kept: Vec<i64> = all.iter().map(|h| h.kept(at(300)).num_minutes()).collect();
    assert_eq!(kept, vec![60, 15]);
}

#[test]
fn plan_days_are_recorded_in_order_only() {
    let (_dir, db) = db();
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    assert!(
        db.finish_plan_day(1, day(1), chrono::DateTime::UNIX_EPOCH)
            .unwrap()
    );
    assert!(
        !db.finish_plan_day(3, day(2), chrono::DateTime::UNIX_EPOCH)
            .unwrap()
    );
    assert!(
        !db.finish_plan_day(1, day(2), chrono::DateTime::UNIX_EPOCH)
            .unwrap()
    );
    assert!(
        db.finish_plan_day(2, day(4), chrono::DateTime::UNIX_EPOCH)
            .unwrap()
    );
    assert_eq!(db.plan_steps().unwrap(), vec![day(1), day(4)]);
    db.start_plan(day(9), chrono::DateTime::UNIX_EPOCH).unwrap();
    assert!(
        db.plan_steps().unwrap().is_empty(),
        "a fresh start clears the progress"
    );
    assert_eq!(db.plan_started().unwrap(), Some(day(9)));
}

#[test]
fn breathing_counts_in_full_until_ended_and_never_beyond_its_plan() {
    let (_dir, db) = db();
    assert_eq!(db.first_practice_at().unwrap(), None);
    db.log_breathing(at(10), 300_000).unwrap();
    db.log_breathing(at(60), 600_000).unwrap();
    db.log_breathing(at(120), 60_000).unwrap();
    db.end_breathing(at(60), 125_000).unwrap();
    db.end_breathing(at(120), 999_999_999).unwrap();
    assert_eq!(
        db.breathing_since(at(0)).unwrap(),
        [(at(10), 300_000), (at(60), 125_000), (at(120), 60_000)]
    );
    assert_eq!(db.breathing_since(at(61)).unwrap(), [(at(120), 60_000)]);
    assert_eq!(db.first_practice_at().unwrap(), Some(at(10)));
}
