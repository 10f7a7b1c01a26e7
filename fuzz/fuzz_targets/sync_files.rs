//! Fuzz target: the exchange folder's small files (format, invitation, join request, keys, leaving notice).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::sync_files(data));
