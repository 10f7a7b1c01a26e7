//! Unit tests for `ids`.

use super::*;

#[test]
fn new_ids_parse_back_and_nothing_else_does() {
    let id = DeviceId::new().unwrap();
    assert_eq!(DeviceId::parse(id.as_str()), Some(id.clone()));
    assert_ne!(DeviceId::new().unwrap(), id);
    for bad in [
        "",
        "../etc",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "abcdefghijklmnopqrstuvwxy1",
        "a",
    ] {
        assert_eq!(DeviceId::parse(bad), None, "{bad}");
    }
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(serde_json::from_str::<DeviceId>(&json).unwrap(), id);
    assert!(serde_json::from_str::<CoupleId>("\"../x\"").is_err());
}
