//! Tests of the key file: both slots, rotation, formats, caps and damage.

use std::time::{Duration, Instant};

use super::kdf::CALIBRATED_MAX_MEMORY_KIB;
use super::*;

fn header() -> NewKeys {
    KeyHeader::create(b"correct horse", KdfParams::FLOOR).unwrap()
}

fn same(a: &DataKey, b: &DataKey) -> bool {
    *a.0 == *b.0
}

#[test]
fn the_passphrase_and_the_recovery_key_both_unwrap_the_same_data_key() {
    let keys = header();
    let by_passphrase = keys
        .header
        .unlock_with_passphrase(b"correct horse")
        .unwrap();
    let printed = keys.recovery_key.to_display();
    let recovery = RecoveryKey::parse(&printed.to_lowercase().replace('-', " ")).unwrap();
    let by_recovery = keys.header.unlock_with_recovery_key(&recovery).unwrap();
    assert!(same(&by_passphrase, &keys.data_key));
    assert!(same(&by_recovery, &keys.data_key));
    assert_eq!(keys.header.wraps(&keys.data_key), Some(true));
    assert_eq!(keys.header.format(), 2);
}

#[test]
fn a_wrong_passphrase_or_recovery_key_is_refused() {
    let keys = header();
    assert!(matches!(
        keys.header.unlock_with_passphrase(b"correct horsf"),
        Err(KeyError::WrongPassphrase)
    ));
    let other = RecoveryKey::random().unwrap();
    assert!(matches!(
        keys.header.unlock_with_recovery_key(&other),
        Err(KeyError::WrongRecoveryKey)
    ));
}

#[test]
fn recovery_keys_print_as_thirteen_groups_of_four() {
    let keys = header();
    let printed = keys.recovery_key.to_display();
    let groups: Vec<&str> = printed.split('-').collect();
    assert_eq!(groups.len(), 13);
    assert!(groups.iter().all(|group| group.len() == 4));
    for bad in ["ABCD-EFGH", "!!!!", &"A".repeat(10_000)] {
        assert!(matches!(
            RecoveryKey::parse(bad),
            Err(KeyError::MalformedRecoveryKey)
        ));
    }
}

/// A passphrase change rotates the data key: the old passphrase, the old key file and the old
/// data key open nothing written afterwards, while the recovery key carries over.
#[test]
fn a_rotation_makes_a_new_data_key_for_the_same_recovery_key() {
    let keys = header();
    let rotation = keys
        .header
        .rotated(b"new words", KdfParams::FLOOR, None)
        .unwrap();
    assert!(rotation.new_recovery_key.is_none());
    let next = rotation.header;
    assert!(!same(&rotation.data_key, &keys.data_key));
    assert_eq!(next.journal_id(), keys.header.journal_id());
    assert_ne!(next.key_id(), keys.header.key_id());
    assert_eq!(next.wraps(&keys.data_key), Some(false));
    assert!(matches!(
        next.unlock_with_passphrase(b"correct horse"),
        Err(KeyError::WrongPassphrase)
    ));
    assert!(same(
        &next.unlock_with_passphrase(b"new words").unwrap(),
        &rotation.data_key
    ));
    assert!(same(
        &next.unlock_with_recovery_key(&keys.recovery_key).unwrap(),
        &rotation.data_key
    ));
    // The old file still opens only the old key with the old passphrase.
    assert!(same(
        &keys
            .header
            .unlock_with_passphrase(b"correct horse")
            .unwrap(),
        &keys.data_key
    ));
}

#[test]
fn a_format_1_file_is_read_and_rotated_into_format_2() {
    let old = format_1_header(b"correct horse", KdfParams::FLOOR).unwrap();
    let json = serde_json::to_vec(&old.header).unwrap();
    let parsed = KeyHeader::parse(&json).unwrap();
    assert_eq!(parsed.format(), 1);
    assert_eq!(parsed.key_id(), None);
    assert!(same(
        &parsed.unlock_with_passphrase(b"correct horse").unwrap(),
        &old.data_key
    ));
    assert!(same(
        &parsed.unlock_with_recovery_key(&old.recovery_key).unwrap(),
        &old.data_key
    ));

    // Changed with the recovery key at hand (a recovery): the same recovery key carries over.
    let recovered = parsed
        .rotated(b"new words", KdfParams::FLOOR, Some(&old.recovery_key))
        .unwrap();
    assert!(recovered.new_recovery_key.is_none());
    assert_eq!(recovered.header.format(), 2);
    assert!(same(
        &recovered
            .header
            .unlock_with_recovery_key(&old.recovery_key)
            .unwrap(),
        &recovered.data_key
    ));

    // Changed with the passphrase alone: the old recovery key cannot be carried over, so a new
    // one is made, and the old one opens nothing new.
    let changed = parsed
        .rotated(b"new words", KdfParams::FLOOR, None)
        .unwrap();
    let fresh = changed.new_recovery_key.as_ref().unwrap();
    assert!(same(
        &changed.header.unlock_with_recovery_key(fresh).unwrap(),
        &changed.data_key
    ));
    assert!(matches!(
        changed.header.unlock_with_recovery_key(&old.recovery_key),
        Err(KeyError::WrongRecoveryKey)
    ));
}

#[test]
fn swapping_the_kdf_settings_breaks_the_unwrap() {
    let keys = header();
    let mut tampered = keys.header.clone();
    tampered.kdf.passes = 4;
    tampered.check = Some(tampered.checksum().unwrap());
    assert!(matches!(
        tampered.unlock_with_passphrase(b"correct horse"),
        Err(KeyError::WrongPassphrase)
    ));
}

#[test]
fn settings_beyond_calibration_are_refused_before_any_work() {
    let too_much = [
        (1024, 3, 1),
        (u32::MAX, 3, 1),
        (2 * 1024 * 1024, 20, 1),
        (512 * 1024, 3, 1),
        (64 * 1024, 1, 1),
        (64 * 1024, 21, 1),
        (64 * 1024, 1000, 1),
        (64 * 1024, 3, 0),
        (64 * 1024, 3, 4),
        (256 * 1024, 20, 1),
    ];
    for (memory_kib, passes, lanes) in too_much {
        let keys = header();
        let mut crafted = keys.header.clone();
        crafted.kdf = KdfParams {
            memory_kib,
            passes,
            lanes,
        };
        crafted.check = Some(crafted.checksum().unwrap());
        let started = Instant::now();
        let error = crafted
            .unlock_with_passphrase(b"correct horse")
            .unwrap_err();
        assert!(
            matches!(error, KeyError::KdfOutOfRange(_)),
            "{:?}: {error}",
            crafted.kdf
        );
        // Refused before deriving: a derivation at these settings takes tens of seconds, so a
        // bound this loose still tells the two apart on a busy machine.
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "{:?} took too long",
            crafted.kdf
        );
        // The recovery key needs no derivation and still opens it.
        assert!(same(
            &crafted
                .unlock_with_recovery_key(&keys.recovery_key)
                .unwrap(),
            &keys.data_key
        ));
    }
    for fine in [(64 * 1024, 20, 1), (128 * 1024, 20, 1), (256 * 1024, 10, 1)] {
        let (memory_kib, passes, lanes) = fine;
        KdfParams {
            memory_kib,
            passes,
            lanes,
        }
        .check()
        .unwrap();
    }
}

#[test]
fn calibration_stays_within_what_is_accepted() {
    let params = KdfParams::calibrate(Duration::from_millis(50)).unwrap();
    params.check().unwrap();
    let long = KdfParams::calibrate(Duration::from_secs(600)).unwrap();
    long.check().unwrap();
    assert_eq!(long.passes, KDF_MAX_PASSES);
    assert_eq!(long.memory_kib, CALIBRATED_MAX_MEMORY_KIB);
}

#[test]
fn the_key_file_round_trips_privately_and_debug_output_hides_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.key");
    let keys = header();
    keys.header.write_atomically(&path).unwrap();
    assert_eq!(KeyHeader::read(&path).unwrap(), keys.header);
    assert_eq!(format!("{:?}", keys.data_key), "DataKey(<redacted>)");
    assert_eq!(
        format!("{:?}", keys.recovery_key),
        "RecoveryKey(<redacted>)"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// A damaged file says it is damaged, not that the passphrase was mistyped.
#[test]
fn damage_is_told_apart_from_a_wrong_passphrase() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.key");
    std::fs::write(&path, b"{ not json").unwrap();
    assert!(matches!(KeyHeader::read(&path), Err(KeyError::Corrupt(_))));

    let keys = header();
    let json = serde_json::to_string_pretty(&keys.header).unwrap();
    let sealed = keys.header.passphrase.sealed.clone();
    // One changed character of the sealed key, still valid base64 of the same length.
    let first = sealed.chars().next().unwrap();
    let swapped = if first == 'A' { 'B' } else { 'A' };
    let damaged = json.replacen(&sealed, &format!("{swapped}{}", &sealed[1..]), 1);
    std::fs::write(&path, damaged).unwrap();
    let error = KeyHeader::read(&path).unwrap_err();
    assert!(
        matches!(&error, KeyError::Corrupt(what) if what.contains("checksum")),
        "{error}"
    );

    // Devices and folders are refused without reading them.
    #[cfg(unix)]
    assert!(matches!(
        KeyHeader::read(Path::new("/dev/zero")),
        Err(KeyError::Corrupt(_))
    ));
    assert!(matches!(
        KeyHeader::read(dir.path()),
        Err(KeyError::Corrupt(_))
    ));
    let huge = dir.path().join("huge.key");
    std::fs::write(&huge, vec![b' '; 70_000]).unwrap();
    assert!(matches!(KeyHeader::read(&huge), Err(KeyError::Corrupt(_))));
}

#[test]
fn a_newer_format_is_named() {
    let keys = header();
    let mut value = serde_json::to_value(&keys.header).unwrap();
    value["format"] = serde_json::json!(7);
    let error = KeyHeader::parse(&serde_json::to_vec(&value).unwrap()).unwrap_err();
    assert!(error.to_string().contains("format 7"), "{error}");
}

/// A format 1 header, as the first release wrote it, for the tests that read old files.
fn format_1_header(passphrase: &[u8], kdf: KdfParams) -> Result<NewKeys, KeyError> {
    let data_key = DataKey::random()?;
    let recovery_key = RecoveryKey::random()?;
    let empty = Wrapped {
        nonce: String::new(),
        sealed: String::new(),
    };
    let mut header = KeyHeader {
        format: FORMAT_1,
        journal_id: "formatone".into(),
        key_id: None,
        kdf,
        salt: BASE64.encode(random_bytes::<SALT_BYTES>()?.as_slice()),
        passphrase: empty.clone(),
        recovery: RecoverySlot::Format1(empty),
        check: None,
    };
    header.passphrase = header.seal_with_passphrase(&data_key, passphrase)?;
    header.recovery = RecoverySlot::Format1(seal(
        &recovery_key.format_1_cipher(),
        &data_key,
        &header.recovery_aad(),
    )?);
    Ok(NewKeys {
        header,
        data_key,
        recovery_key,
    })
}
