//! Fuzz target: an .ics file from another calendar.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::ics(data));
