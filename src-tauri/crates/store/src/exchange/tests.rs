//! Unit tests for `exchange`: only known names are read, whatever the engine leaves beside them.

use super::*;
use hearth_sync::Stream;

#[test]
fn an_exchange_is_made_once_per_couple_and_a_newer_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let couple = CoupleId::new().unwrap();
    let made = Exchange::create(dir.path(), &couple).unwrap();
    assert_eq!(Exchange::open(dir.path()).unwrap().couple(), made.couple());
    assert!(
        Exchange::create(dir.path(), &couple).is_ok(),
        "again for the same couple"
    );
    let other = Exchange::create(dir.path(), &CoupleId::new().unwrap()).unwrap_err();
    assert!(other.to_string().contains("another couple"), "{other}");
    std::fs::write(dir.path().join(FORMAT_FILE), br#"{"format": 9}"#).unwrap();
    let newer = Exchange::open(dir.path()).unwrap_err();
    assert!(newer.to_string().contains("newer Hearth"), "{newer}");
    let empty = tempfile::tempdir().unwrap();
    assert!(
        Exchange::open(empty.path())
            .unwrap_err()
            .to_string()
            .contains("not a Hearth exchange")
    );
}

#[test]
fn conflict_copies_temporary_files_and_strangers_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let exchange = Exchange::create(dir.path(), &CoupleId::new().unwrap()).unwrap();
    let device = DeviceId::new().unwrap();
    let name = SegmentName {
        device: device.clone(),
        stream: Stream::Calendar,
        seq: 1,
    };
    exchange.write_segment(&name, b"sealed").unwrap();
    let folder = dir.path().join("devices").join(device.as_str());
    for stranger in [
        "calendar-000000000001.sync-conflict-20261130-101010-ABCDEFG.hseg",
        "calendar-000000000002 (conflicted copy).hseg",
        ".syncthing.calendar-000000000003.hseg.tmp",
        "notes.txt",
    ] {
        std::fs::write(folder.join(stranger), b"x").unwrap();
    }
    std::fs::create_dir_all(dir.path().join("devices/not-a-device")).unwrap();
    std::fs::create_dir_all(dir.path().join(".stversions")).unwrap();
    assert_eq!(exchange.devices().unwrap(), vec![device.clone()]);
    assert_eq!(exchange.segments(&device).unwrap(), vec![name.clone()]);
    assert_eq!(exchange.read_segment(&name).unwrap(), b"sealed");
    assert!(!exchange.is_syncthing());
    std::fs::create_dir(dir.path().join(".stfolder")).unwrap();
    assert!(exchange.is_syncthing());
}

#[test]
fn temporary_files_left_by_a_killed_write_are_removed_once_old_and_fresh_ones_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let exchange = Exchange::create(dir.path(), &CoupleId::new().unwrap()).unwrap();
    let device = DeviceId::new().unwrap();
    let folder = exchange.ensure_device_dir(&device).unwrap();
    let left = folder.join(".calendar-000000000004.hseg.k3j5h2m9qa.tmp");
    let fresh = folder.join(".calendar-000000000005.hseg.p0o9i8u7y6.tmp");
    let segment = folder.join("calendar-000000000001.hseg");
    for path in [&left, &fresh, &segment] {
        std::fs::write(path, b"half").unwrap();
    }
    // "Now" is when the fresh file was written; the other two are an hour older.
    let now = std::fs::metadata(&fresh).unwrap().modified().unwrap();
    let an_hour_ago = now - std::time::Duration::from_secs(3600);
    for path in [&left, &segment] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(an_hour_ago)
            .unwrap();
    }
    let removed = exchange
        .remove_stale_temporaries(&device, now, std::time::Duration::from_secs(600))
        .unwrap();
    assert_eq!(removed, 1);
    assert!(!left.exists(), "the old temporary file is gone");
    assert!(
        fresh.exists(),
        "a write that may still be going on is left alone"
    );
    assert!(segment.exists(), "finished segments are never touched");
}
