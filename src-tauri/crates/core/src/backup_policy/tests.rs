//! Unit tests for `backup_policy`.

use super::*;
use chrono::TimeZone;

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 21, 0, 0).unwrap() - Duration::days(n)
}

#[test]
fn a_backup_is_due_after_a_day_and_never_for_a_future_one() {
    assert!(backup_due(None, day(0)));
    assert!(!backup_due(Some(day(0) - Duration::hours(23)), day(0)));
    assert!(backup_due(Some(day(1)), day(0)));
    assert!(
        !backup_due(Some(day(-3)), day(0)),
        "a backup from the future"
    );
}

#[test]
fn sixty_daily_backups_keep_seven_days_and_four_weeks() {
    let times: Vec<_> = (0..60).map(day).collect();
    let remove: HashSet<usize> = backups_to_remove(&times).into_iter().collect();
    let kept: Vec<usize> = (0..60).filter(|i| !remove.contains(i)).collect();
    assert_eq!(&kept[..7], &[0, 1, 2, 3, 4, 5, 6], "the last seven days");
    assert_eq!(kept.len(), 11, "{kept:?}");
    let week = |i: usize| (times[i].iso_week().year(), times[i].iso_week().week());
    let daily_weeks: HashSet<_> = kept[..7].iter().map(|&i| week(i)).collect();
    let weekly: Vec<_> = kept[7..].iter().map(|&i| week(i)).collect();
    assert_eq!(
        weekly.iter().collect::<HashSet<_>>().len(),
        4,
        "four distinct weeks"
    );
    assert!(weekly.iter().all(|w| !daily_weeks.contains(w)));
    for &i in &kept[7..] {
        assert!(
            (0..i).all(|newer| week(newer) != week(i)),
            "{i} is the newest of its week"
        );
    }
}

#[test]
fn several_backups_on_one_day_keep_the_newest() {
    let times = vec![
        day(0),
        day(0) - Duration::hours(2),
        day(0) - Duration::hours(5),
    ];
    assert_eq!(backups_to_remove(&times), vec![1, 2]);
}

#[test]
fn few_backups_are_all_kept() {
    assert!(backups_to_remove(&[]).is_empty());
    assert!(backups_to_remove(&[day(3), day(0), day(40)]).is_empty());
}
