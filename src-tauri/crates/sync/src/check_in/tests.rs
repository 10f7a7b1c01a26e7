//! Sealed check-in answers: open with their key, and with nothing else.

use super::*;

fn device() -> DeviceId {
    DeviceId::new().unwrap()
}

#[test]
fn an_answer_opens_with_its_key_for_its_round_and_writer_only() {
    let key = Secret32::random().unwrap();
    let (ana, sam) = (device(), device());
    let sealed = seal(&key, "2026-12-01", &ana, b"Mood: calm").unwrap();
    assert!(!sealed.contains("calm"));
    assert_eq!(
        open(&key, "2026-12-01", &ana, &sealed).unwrap(),
        b"Mood: calm"
    );
    let other = Secret32::random().unwrap();
    assert_eq!(
        open(&other, "2026-12-01", &ana, &sealed),
        Err(CheckInError::DoesNotOpen)
    );
    assert_eq!(
        open(&key, "2026-12-02", &ana, &sealed),
        Err(CheckInError::DoesNotOpen),
        "another round"
    );
    assert_eq!(
        open(&key, "2026-12-01", &sam, &sealed),
        Err(CheckInError::DoesNotOpen),
        "another writer"
    );
}

#[test]
fn damaged_long_or_misnamed_input_is_refused_by_name() {
    let key = Secret32::random().unwrap();
    let ana = device();
    assert_eq!(
        open(&key, "2026-12-01", &ana, "not base64!"),
        Err(CheckInError::Malformed)
    );
    assert_eq!(
        open(&key, "2026-12-01", &ana, "AAAA"),
        Err(CheckInError::Malformed)
    );
    let long = "A".repeat(SEALED_MAX_CHARS + 4);
    assert_eq!(
        open(&key, "2026-12-01", &ana, &long),
        Err(CheckInError::Malformed)
    );
    for round in ["2026-12-1", "../../etc", "2026_12_01", "", "2026-12-01x"] {
        assert!(!round_ok(round), "{round}");
        assert_eq!(seal(&key, round, &ana, b"x"), Err(CheckInError::Round));
    }
    assert!(round_ok("2026-12-01"));
}
