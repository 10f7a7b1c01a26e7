//! Tests of automatic backups and restores.
use super::*;
use crate::journal_access::{KdfStrength, init_journal};
use chrono::TimeZone;
use hearth_core::EntryKind;
use zeroize::Zeroizing;

fn at(day: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 21, 0, 0).unwrap() + chrono::Duration::days(day)
}

#[test]
fn automatic_backups_come_daily_and_are_pruned_to_seven_days_and_four_weeks() {
    let dir = tempfile::tempdir().unwrap();
    let passphrase = Passphrase::new(Zeroizing::new("correct horse battery".into()));
    init_journal(dir.path(), &passphrase, KdfStrength::Floor).unwrap();
    let mut journal = Journal::unlock(dir.path(), &passphrase).unwrap();
    let entry = hearth_core::NewEntry {
        text: "kept safe".into(),
        kind: EntryKind::Note,
        author: "Sam".into(),
        mood: None,
        closeness: None,
        tags: vec![],
        occurrence: None,
        score: None,
    };
    journal.add(entry, at(0)).unwrap();

    assert!(
        journal
            .automatic_backup(dir.path(), at(0))
            .unwrap()
            .is_some()
    );
    assert!(
        journal
            .automatic_backup(dir.path(), at(0) + chrono::Duration::hours(23))
            .unwrap()
            .is_none()
    );
    // A stranger's file in the folder is never touched.
    let stranger = dir.path().join(BACKUP_DIR).join("notes.txt");
    std::fs::write(&stranger, "mine").unwrap();
    for day in 1..60 {
        assert!(
            journal
                .automatic_backup(dir.path(), at(day))
                .unwrap()
                .is_some(),
            "day {day}"
        );
    }
    assert_eq!(automatic_backups(&dir.path().join(BACKUP_DIR)).len(), 11);
    assert!(stranger.exists());

    // The newest backup restores.
    drop(journal);
    let newest = automatic_backups(&dir.path().join(BACKUP_DIR))
        .into_iter()
        .max_by_key(|(_, at)| *at)
        .unwrap();
    let report = restore_journal(dir.path(), &newest.0, &passphrase, at(61)).unwrap();
    assert_eq!(report.entries, 1);
}
