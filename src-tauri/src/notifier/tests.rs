//! Unit tests for `notifier`.

use super::*;

#[test]
fn actions_map_to_choices() {
    assert_eq!(choice_for("default"), Some(NoticeChoice::Open));
    assert_eq!(choice_for("start"), Some(NoticeChoice::Start));
    assert_eq!(choice_for("snooze"), Some(NoticeChoice::Snooze));
    assert_eq!(choice_for("skip"), Some(NoticeChoice::Skip));
    assert_eq!(choice_for("__closed"), None);
}
