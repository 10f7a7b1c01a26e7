//! Unit tests for `system_lock`.

use super::lock_reason;

fn means_lock(interface: &str, member: &str, argument: Option<bool>) -> bool {
    lock_reason(interface, member, argument).is_some()
}

#[test]
fn only_a_lock_or_the_start_of_sleep_locks() {
    assert!(means_lock(
        "org.freedesktop.ScreenSaver",
        "ActiveChanged",
        Some(true)
    ));
    assert!(means_lock(
        "org.gnome.ScreenSaver",
        "ActiveChanged",
        Some(true)
    ));
    assert!(!means_lock(
        "org.freedesktop.ScreenSaver",
        "ActiveChanged",
        Some(false)
    ));
    assert!(means_lock(
        "org.freedesktop.login1.Manager",
        "PrepareForSleep",
        Some(true)
    ));
    assert!(
        !means_lock(
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            Some(false)
        ),
        "waking up does not lock again"
    );
    assert!(means_lock("org.freedesktop.login1.Session", "Lock", None));
    assert!(!means_lock(
        "org.freedesktop.login1.Session",
        "Unlock",
        None
    ));
    assert!(!means_lock(
        "org.example.Other",
        "ActiveChanged",
        Some(true)
    ));
}
