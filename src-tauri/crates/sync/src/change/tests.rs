//! Unit tests for `change`.

use super::*;
use crate::DeviceId;
use crate::hlc::Clock;

#[test]
fn changes_round_trip_as_json_and_name_their_stream() {
    let stamp = Clock::default().tick(1_764_500_000_000, &DeviceId::new().unwrap());
    let changes = [
        Change::Ritual {
            id: "r1".into(),
            stamp: stamp.clone(),
            field: RitualField::Title("Walk".into()),
        },
        Change::Mark {
            ritual: "r1".into(),
            occurrence: "2026-12-06T10:00".into(),
            status: Some(MarkStatus::Done),
            stamp: stamp.clone(),
        },
        Change::Entry {
            entry: "e1".into(),
            version: "v1".into(),
            supersedes: vec![],
            stamp: stamp.clone(),
            body: None,
        },
    ];
    for change in &changes {
        let json = serde_json::to_string(change).unwrap();
        assert_eq!(
            &serde_json::from_str::<Change>(&json).unwrap(),
            change,
            "{json}"
        );
        assert_eq!(change.stamp(), &stamp);
    }
    assert_eq!(changes[0].stream(), Stream::Calendar);
    assert_eq!(changes[2].stream(), Stream::Notebook);
    let unknown = r#"{"change":"ritual_deleted","id":"r1","stamp":"1.0.aaaaaaaaaaaaaaaaaaaaaaaaaa","extra":1}"#;
    assert!(serde_json::from_str::<Change>(unknown).is_err());
}
