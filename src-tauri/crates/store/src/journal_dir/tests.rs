//! Tests of the journal's file replacement: every point a crash can stop it at settles to the
//! new pair, and the lock keeps replacements away from open journals.

use super::*;

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// A data folder with a live journal (`old-db` with its WAL, `old-key`), a staged pair and the
/// committed plan, as a replacement that keeps the old files aside leaves it at the commit.
fn committed(dir: &Path) -> (JournalDir, Replacement) {
    let journal = JournalDir::new(dir);
    write(&journal.db_path(), "old-db");
    write(&with_suffix(&journal.db_path(), "-wal"), "old-wal");
    write(&journal.key_path(), "old-key");
    let hold = journal.hold_exclusive().unwrap();
    let db = hold.stage("sqlite3").unwrap();
    let key = hold.stage("key").unwrap();
    write(&db, "new-db");
    write(&key, "new-key");
    let name = |p: &Path| p.file_name().unwrap().to_string_lossy().into_owned();
    let plan = Replacement {
        db: Some(name(&db)),
        key: Some(name(&key)),
        keep_db_as: Some("journal.sqlite3.before-restore-1".into()),
        keep_key_as: Some("journal.key.before-restore-1".into()),
    };
    write(
        &journal.pending_path(),
        &serde_json::to_string(&plan).unwrap(),
    );
    drop(hold);
    (journal, plan)
}

fn assert_replaced(dir: &Path, journal: &JournalDir) {
    assert_eq!(read(&journal.db_path()), "new-db");
    assert_eq!(read(&journal.key_path()), "new-key");
    assert!(!with_suffix(&journal.db_path(), "-wal").exists(), "old WAL");
    assert_eq!(
        read(&dir.join("journal.sqlite3.before-restore-1")),
        "old-db"
    );
    assert_eq!(
        read(&dir.join("journal.sqlite3.before-restore-1-wal")),
        "old-wal"
    );
    assert_eq!(read(&dir.join("journal.key.before-restore-1")), "old-key");
    assert!(!journal.pending_path().exists());
    let strays: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| is_stray(name))
        .collect();
    assert!(strays.is_empty(), "{strays:?}");
}

/// Each state a crash can leave after the commit (the plan written, some renames done) settles
/// to the new pair with the old one kept aside, whoever opens the journal next.
#[test]
fn every_crash_point_after_the_commit_settles_to_the_new_pair() {
    type Step = fn(&Path, &JournalDir, &Replacement);
    let steps: [(&str, Step); 6] = [
        ("nothing done", |_, _, _| {}),
        ("WAL moved aside", |dir, j, _| {
            std::fs::rename(
                with_suffix(&j.db_path(), "-wal"),
                dir.join("journal.sqlite3.before-restore-1-wal"),
            )
            .unwrap();
        }),
        ("database moved aside", |dir, j, _| {
            std::fs::rename(
                with_suffix(&j.db_path(), "-wal"),
                dir.join("journal.sqlite3.before-restore-1-wal"),
            )
            .unwrap();
            std::fs::rename(j.db_path(), dir.join("journal.sqlite3.before-restore-1")).unwrap();
        }),
        ("new database in place", |dir, j, plan| {
            std::fs::rename(
                with_suffix(&j.db_path(), "-wal"),
                dir.join("journal.sqlite3.before-restore-1-wal"),
            )
            .unwrap();
            std::fs::rename(j.db_path(), dir.join("journal.sqlite3.before-restore-1")).unwrap();
            std::fs::rename(dir.join(plan.db.as_ref().unwrap()), j.db_path()).unwrap();
        }),
        ("old key moved aside", |dir, j, plan| {
            std::fs::rename(
                with_suffix(&j.db_path(), "-wal"),
                dir.join("journal.sqlite3.before-restore-1-wal"),
            )
            .unwrap();
            std::fs::rename(j.db_path(), dir.join("journal.sqlite3.before-restore-1")).unwrap();
            std::fs::rename(dir.join(plan.db.as_ref().unwrap()), j.db_path()).unwrap();
            std::fs::rename(j.key_path(), dir.join("journal.key.before-restore-1")).unwrap();
        }),
        ("everything but the plan's removal", |dir, j, plan| {
            std::fs::rename(
                with_suffix(&j.db_path(), "-wal"),
                dir.join("journal.sqlite3.before-restore-1-wal"),
            )
            .unwrap();
            std::fs::rename(j.db_path(), dir.join("journal.sqlite3.before-restore-1")).unwrap();
            std::fs::rename(dir.join(plan.db.as_ref().unwrap()), j.db_path()).unwrap();
            std::fs::rename(j.key_path(), dir.join("journal.key.before-restore-1")).unwrap();
            std::fs::rename(dir.join(plan.key.as_ref().unwrap()), j.key_path()).unwrap();
        }),
    ];
    for (name, step) in steps {
        let dir = tempfile::tempdir().unwrap();
        let (journal, plan) = committed(dir.path());
        step(dir.path(), &journal, &plan);
        // The next opener finishes the job before it reads anything.
        drop(journal.hold_shared().unwrap());
        assert_replaced(dir.path(), &journal);
        // Settling again changes nothing.
        journal.hold_exclusive().unwrap().settle().unwrap();
        assert_replaced(dir.path(), &journal);
        eprintln!("settled after: {name}");
    }
}

/// A crash before the commit leaves the old pair, and the staged leftovers are tidied.
#[test]
fn a_crash_before_the_commit_keeps_the_old_pair_and_tidies_the_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let journal = JournalDir::new(dir.path());
    write(&journal.db_path(), "old-db");
    write(&journal.key_path(), "old-key");
    {
        let hold = journal.hold_exclusive().unwrap();
        write(&hold.stage("sqlite3").unwrap(), "half a copy");
        write(
            &dir.path().join(".journal.key.abcdefghij.tmp"),
            "half a key",
        );
    }
    drop(journal.hold_shared().unwrap());
    assert_eq!(read(&journal.db_path()), "old-db");
    assert_eq!(read(&journal.key_path()), "old-key");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(names.iter().all(|name| !is_stray(name)), "{names:?}");
}

#[test]
fn a_replacement_waits_for_nobody_and_refuses_while_the_journal_is_open() {
    let dir = tempfile::tempdir().unwrap();
    let journal = JournalDir::new(dir.path());
    let reader = journal.hold_shared().unwrap();
    let second_reader = journal.hold_shared().unwrap();
    assert!(matches!(journal.hold_exclusive(), Err(StoreError::Busy)));
    drop((reader, second_reader));
    let hold = journal.hold_exclusive().unwrap();
    assert!(matches!(
        JournalDir::new(dir.path()).hold_exclusive(),
        Err(StoreError::Busy)
    ));
    drop(hold);
    drop(journal.hold_exclusive().unwrap());
}

#[test]
fn a_damaged_or_strange_plan_is_refused_by_name_and_nothing_moves() {
    let dir = tempfile::tempdir().unwrap();
    let journal = JournalDir::new(dir.path());
    write(&journal.db_path(), "old-db");
    for plan in [
        "not json at all",
        r#"{"db": "../../etc/passwd", "key": null, "keep_db_as": null, "keep_key_as": null}"#,
        r#"{"db": "journal.key", "key": null, "keep_db_as": null, "keep_key_as": null}"#,
        r#"{"db": ".journal-staged-x", "extra": 1}"#,
    ] {
        write(&journal.pending_path(), plan);
        let error = journal.hold_exclusive().unwrap().settle().unwrap_err();
        assert!(error.to_string().contains("journal.pending"), "{error}");
        assert_eq!(read(&journal.db_path()), "old-db");
    }
    let hold = journal.hold_exclusive().unwrap();
    let strange = Replacement {
        db: Some("/tmp/elsewhere".into()),
        ..Replacement::default()
    };
    assert!(hold.commit(&strange).is_err());
}

#[cfg(unix)]
#[test]
fn the_lock_and_staged_files_are_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let journal = JournalDir::new(&data);
    let hold = journal.hold_exclusive().unwrap();
    let staged = hold.stage("sqlite3").unwrap();
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join(LOCK_FILE)), 0o600);
    assert_eq!(mode(&staged), 0o600);
}
