//! Fuzz target: the changes a partner's segment holds, applied to a real calendar and notebook.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::sync_changes(data));
