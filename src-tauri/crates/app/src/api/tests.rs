//! The lists in `api` that name commands name real ones: a misspelt name there would silently
//! stop a write from travelling, or a command from being kept out of the logs.

use super::{NAMES, SHARED_WRITES, UNLOGGED_COMMANDS};

#[test]
fn every_command_a_list_names_is_a_command() {
    for name in SHARED_WRITES.iter().chain(UNLOGGED_COMMANDS) {
        assert!(NAMES.contains(name), "{name} is not a command");
    }
}
