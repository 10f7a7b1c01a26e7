//! Fuzz target: the journal's key file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::key_file(data));
