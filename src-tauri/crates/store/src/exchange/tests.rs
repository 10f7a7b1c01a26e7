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
