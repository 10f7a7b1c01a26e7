//! Unit tests for `hlc`.

use super::*;

fn device() -> DeviceId {
    DeviceId::new().unwrap()
}

#[test]
fn stamps_only_grow_even_when_the_clock_steps_back() {
    let me = device();
    let mut clock = Clock::default();
    let first = clock.tick(1_000, &me);
    let second = clock.tick(900, &me);
    let third = clock.tick(1_000, &me);
    assert!(first < second && second < third, "{first} {second} {third}");
    assert_eq!(clock.tick(2_000, &me).counter, 0);
}

#[test]
fn a_clock_a_day_behind_still_stamps_after_what_it_has_seen() {
    let (ahead, behind) = (device(), device());
    let day = 24 * 60 * 60 * 1000;
    let mut fast = Clock::default();
    let edit = fast.tick(10 * day, &ahead);
    let mut slow = Clock::default();
    slow.observe(&edit, 9 * day);
    assert!(slow.tick(9 * day, &behind) > edit);
}

#[test]
fn a_clock_years_wrong_orders_its_change_but_does_not_drag_others_along() {
    let (wrong, right) = (device(), device());
    let year = 365 * 24 * 60 * 60 * 1000;
    let mut broken = Clock::default();
    let far = broken.tick(50 * year, &wrong);
    let mut clock = Clock::default();
    clock.observe(&far, year);
    assert_eq!(clock.tick(year, &right).ms, year);
}

#[test]
fn stamps_round_trip_as_text_and_refuse_anything_else() {
    let stamp = Clock::default().tick(1_764_500_000_000, &device());
    assert_eq!(Stamp::parse(&stamp.to_string()), Some(stamp.clone()));
    let json = serde_json::to_string(&stamp).unwrap();
    assert_eq!(serde_json::from_str::<Stamp>(&json).unwrap(), stamp);
    for bad in ["", "1.2", "x.0.aaaaaaaaaaaaaaaaaaaaaaaaaa", "1.2.../etc"] {
        assert_eq!(Stamp::parse(bad), None, "{bad}");
    }
}
