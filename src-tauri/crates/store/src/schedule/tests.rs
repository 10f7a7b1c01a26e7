//! Unit tests for `schedule`.

use super::*;

#[test]
fn migrations_are_valid() {
    migrations().validate().unwrap();
}

#[test]
fn a_new_database_is_created_at_the_latest_version_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SCHEDULE_DB_FILE);
    let db = ScheduleDb::open(&path).unwrap();
    assert_eq!(db.schema_version().unwrap() as usize, SCHEMA_VERSION);
    let mode: String = db
        .conn
        .pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(path.exists());
}

#[test]
fn settings_survive_reopening_and_replace_older_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SCHEDULE_DB_FILE);
    {
        let db = ScheduleDb::open(&path).unwrap();
        assert_eq!(db.setting("theme").unwrap(), None);
        db.set_setting("theme", "light").unwrap();
        db.set_setting("theme", "dark").unwrap();
    }
    let db = ScheduleDb::open(&path).unwrap();
    assert_eq!(db.setting("theme").unwrap().as_deref(), Some("dark"));
}

#[test]
fn a_database_from_a_newer_hearth_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(SCHEDULE_DB_FILE);
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = ScheduleDb::open(&path).unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::NewerSchema {
                database: "schedule"
            }
        ),
        "{error:?}"
    );
    assert!(error.to_string().contains("newer version of Hearth"));
    let conn = Connection::open(&path).unwrap();
    let version: u32 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, 99);
    drop(conn);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn two_processes_creating_the_schedule_at_the_same_moment_both_open_it() {
    // The app and the CLI (or two CLI commands) started on a fresh data folder: one creates and
    // migrates, the other waits and finds the schema up to date instead of failing.
    for _ in 0..20 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schedule.sqlite3");
        let barrier = std::sync::Barrier::new(2);
        std::thread::scope(|scope| {
            let openers: Vec<_> = (0..2)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        ScheduleDb::open(&path).map(|db| db.schema_version().unwrap())
                    })
                })
                .collect();
            for opener in openers {
                assert_eq!(opener.join().unwrap().unwrap(), SCHEMA_VERSION as u32);
            }
        });
    }
}
