//! Unit tests for `settings`.

use super::*;

#[test]
fn an_older_saved_copy_keeps_its_values_and_defaults_the_rest() {
    let saved: AppSettings = serde_json::from_str(r#"{"startAtLogin":true}"#).unwrap();
    assert_eq!(
        saved,
        AppSettings {
            reminders: true,
            start_at_login: true,
            close_to_tray: true,
            check_for_updates: false,
            close_explained: false,
        }
    );
}

#[test]
fn an_unknown_field_is_refused_rather_than_dropped() {
    let error = serde_json::from_str::<AppSettings>(r#"{"checkForUpdate":true}"#)
        .unwrap_err()
        .to_string();
    assert!(error.contains("checkForUpdate"), "{error}");
}

#[test]
fn every_setting_has_its_own_key() {
    let mut keys = KEYS.to_vec();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), KEYS.len(), "{KEYS:?}");
}

#[test]
fn values_the_first_release_wrote_still_read() {
    assert_eq!(u32::decode("15"), Some(15));
    let quiet = QuietHours::decode("22:00-07:00").unwrap();
    assert_eq!(quiet.encode(), "22:00-07:00");
    assert_eq!(
        NaiveDate::decode("2026-11-30").unwrap().encode(),
        "2026-11-30"
    );
    let paused = <DateTime<Utc>>::decode("2026-11-30T18:00:00Z").unwrap();
    assert_eq!(paused.encode(), "2026-11-30T18:00:00Z");
    // A cleared setting is written empty and reads as none.
    assert_eq!(QuietHours::decode(""), None);
    assert_eq!(<DateTime<Utc>>::decode(""), None);
}

#[test]
fn a_damaged_value_reads_as_the_default_or_is_refused_where_that_would_mislead() {
    let dir = tempfile::tempdir().unwrap();
    let db = ScheduleDb::open(&dir.path().join("schedule.db")).unwrap();
    assert_eq!(DISPLAY.get(&db).unwrap(), None);
    db.set_setting(DISPLAY.key, "{not json").unwrap();
    assert_eq!(DISPLAY.get(&db).unwrap(), None);
    let refused = DISPLAY.get_exact(&db).unwrap_err();
    assert_eq!(refused.kind, ApiErrorKind::Storage);
    assert!(refused.message.contains("display.preferences"), "{refused}");

    IDLE_LOCK_MINUTES.set(&db, Some(&30)).unwrap();
    assert_eq!(IDLE_LOCK_MINUTES.get(&db).unwrap(), Some(30));
    IDLE_LOCK_MINUTES.set(&db, None).unwrap();
    assert_eq!(IDLE_LOCK_MINUTES.get(&db).unwrap(), None);
}
