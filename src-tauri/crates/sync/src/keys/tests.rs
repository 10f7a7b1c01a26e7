//! Unit tests for `keys`.

use super::*;

#[test]
fn a_key_sealed_to_a_device_opens_only_there_and_only_for_its_context() {
    let (alice, bob) = (DeviceSecret::new().unwrap(), DeviceSecret::new().unwrap());
    let secret = Secret32::random().unwrap();
    let sealed = alice.public().seal(&secret, b"epoch 1").unwrap();
    assert_eq!(alice.open(&sealed, b"epoch 1").unwrap(), secret);
    assert_eq!(alice.open(&sealed, b"epoch 2"), Err(KeyError::WrongKey));
    assert_eq!(bob.open(&sealed, b"epoch 1"), Err(KeyError::WrongKey));
}

#[test]
fn signatures_verify_with_the_public_half_only() {
    let (alice, bob) = (DeviceSecret::new().unwrap(), DeviceSecret::new().unwrap());
    let signature = alice.sign(b"segment");
    assert!(alice.public().verify(b"segment", &signature));
    assert!(!alice.public().verify(b"segmenT", &signature));
    assert!(!bob.public().verify(b"segment", &signature));
}

#[test]
fn secrets_never_print() {
    let secret = DeviceSecret::new().unwrap();
    let shown = format!("{secret:?}");
    assert!(shown.contains("<redacted>"), "{shown}");
    let json = serde_json::to_string(&secret).unwrap();
    let back: DeviceSecret = serde_json::from_str(&json).unwrap();
    assert_eq!(back.public(), secret.public());
}
