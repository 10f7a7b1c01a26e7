//! Fuzz target: a segment file of the exchange folder.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::sync_segment(data));
