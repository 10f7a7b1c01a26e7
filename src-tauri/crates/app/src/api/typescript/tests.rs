//! Unit tests for `typescript`.

use super::*;

#[test]
fn names_become_camel_case_methods() {
    assert_eq!(camel("journal_set_up"), "journalSetUp");
    assert_eq!(camel("app_paths"), "appPaths");
}

#[test]
fn every_command_and_the_types_it_carries_are_in_the_bindings() {
    let text = typescript_bindings();
    for name in super::super::NAMES {
        assert!(text.contains(&format!("  {name}: {{ request: ")), "{name}");
        assert!(text.contains(&format!("'{name}'")), "{name}");
    }
    for declared in [
        "type JournalUnlock",
        "type Entry ",
        "type ApiError ",
        "type Nothing",
    ] {
        assert!(text.contains(declared), "{declared}");
    }
}
