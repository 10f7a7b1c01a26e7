//! Fuzz target: the first lines of a backup file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::backup_head(data));
