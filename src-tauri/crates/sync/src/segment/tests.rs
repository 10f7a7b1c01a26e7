//! Unit tests for `segment`: a sealed segment opens only where it belongs, as it was written.

use super::*;
use crate::hlc::Clock;
use crate::{MarkStatus, RitualField};

struct Fixture {
    couple: CoupleId,
    writer: DeviceSecret,
    key: StreamKey,
    name: SegmentName,
}

fn fixture() -> Fixture {
    let writer = DeviceSecret::new().unwrap();
    let name = SegmentName {
        device: writer.id.clone(),
        stream: Stream::Calendar,
        seq: 7,
    };
    Fixture {
        couple: CoupleId::new().unwrap(),
        writer,
        key: StreamKey::random(0).unwrap(),
        name,
    }
}

fn changes(writer: &DeviceSecret) -> Vec<Change> {
    let mut clock = Clock::default();
    vec![
        Change::Ritual {
            id: "r1".into(),
            stamp: clock.tick(1_000, &writer.id),
            field: RitualField::Title("Sunday walk".into()),
        },
        Change::Mark {
            ritual: "r1".into(),
            occurrence: "2026-12-06T10:00".into(),
            status: Some(MarkStatus::Done),
            stamp: clock.tick(1_001, &writer.id),
        },
    ]
}

fn open_as(f: &Fixture, bytes: &[u8], name: &SegmentName) -> Result<Vec<Change>, SegmentError> {
    let public = f.writer.public();
    let expected = Expected {
        couple: &f.couple,
        name,
        writer: &public,
    };
    open(bytes, &expected, |epoch| {
        (epoch == f.key.epoch).then(|| f.key.clone())
    })
}

#[test]
fn a_sealed_segment_opens_where_it_belongs_and_reveals_nothing_in_the_clear() {
    let f = fixture();
    let sealed = seal(&f.couple, &f.writer, &f.name, &f.key, &changes(&f.writer)).unwrap();
    assert_eq!(open_as(&f, &sealed, &f.name).unwrap(), changes(&f.writer));
    let text = String::from_utf8_lossy(&sealed);
    assert!(
        !text.contains("Sunday walk") && !text.contains("r1"),
        "{text}"
    );
}

#[test]
fn tampered_truncated_moved_replayed_or_foreign_segments_are_refused_by_name() {
    let f = fixture();
    let sealed = seal(&f.couple, &f.writer, &f.name, &f.key, &changes(&f.writer)).unwrap();
    let mut flipped = sealed.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 1;
    assert_eq!(
        open_as(&f, &flipped, &f.name),
        Err(SegmentError::DoesNotVerify)
    );
    assert_eq!(
        open_as(&f, &sealed[..sealed.len() - 10], &f.name),
        Err(SegmentError::DoesNotVerify)
    );
    let replayed = SegmentName {
        seq: 8,
        ..f.name.clone()
    };
    assert_eq!(
        open_as(&f, &sealed, &replayed),
        Err(SegmentError::Misplaced)
    );
    let other_stream = SegmentName {
        stream: Stream::Notebook,
        ..f.name.clone()
    };
    assert_eq!(
        open_as(&f, &sealed, &other_stream),
        Err(SegmentError::Misplaced)
    );
    // Moved into another device's folder: checked against that device's key, it fails.
    let other = DeviceSecret::new().unwrap();
    let moved = SegmentName {
        device: other.id.clone(),
        ..f.name.clone()
    };
    let other_public = other.public();
    let expected = Expected {
        couple: &f.couple,
        name: &moved,
        writer: &other_public,
    };
    assert_eq!(
        open(&sealed, &expected, |_| Some(f.key.clone())),
        Err(SegmentError::DoesNotVerify)
    );
    let another_couple = CoupleId::new().unwrap();
    let public = f.writer.public();
    let expected = Expected {
        couple: &another_couple,
        name: &f.name,
        writer: &public,
    };
    assert_eq!(
        open(&sealed, &expected, |_| Some(f.key.clone())),
        Err(SegmentError::OtherCouple)
    );
}

#[test]
fn a_newer_format_an_unknown_epoch_and_foreign_stamps_are_named() {
    let f = fixture();
    let mut newer = b"HEARTH-SEGMENT 2\n".to_vec();
    newer.extend_from_slice(&[0; 100]);
    assert_eq!(open_as(&f, &newer, &f.name), Err(SegmentError::NewerFormat));
    assert_eq!(
        open_as(&f, b"PK\x03\x04zip", &f.name),
        Err(SegmentError::NotASegment)
    );
    let later = StreamKey::random(3).unwrap();
    let sealed = seal(&f.couple, &f.writer, &f.name, &later, &changes(&f.writer)).unwrap();
    assert_eq!(
        open_as(&f, &sealed, &f.name),
        Err(SegmentError::UnknownEpoch(3))
    );
    // A change stamped by someone else cannot ride in this device's segment.
    let stranger = DeviceSecret::new().unwrap();
    let sealed = seal(&f.couple, &f.writer, &f.name, &f.key, &changes(&stranger)).unwrap();
    assert_eq!(
        open_as(&f, &sealed, &f.name),
        Err(SegmentError::ForeignChange)
    );
}

#[test]
fn only_segment_names_are_segments() {
    let device = DeviceId::new().unwrap();
    let name = SegmentName {
        device: device.clone(),
        stream: Stream::Notebook,
        seq: 42,
    };
    assert_eq!(SegmentName::parse(&device, &name.file_name()), Some(name));
    for other in [
        "notebook-000000000042.sync-conflict-20261130-101010-ABCDEFG.hseg",
        "notebook-000000000042 (conflicted copy).hseg",
        ".syncthing.notebook-000000000042.hseg.tmp",
        "notebook-000000000042.hseg.partial",
        "notebook-42.hseg",
        "journal-000000000042.hseg",
    ] {
        assert_eq!(SegmentName::parse(&device, other), None, "{other}");
    }
}
