//! Fuzz target: a ritual's schedule (RRULE or N times a week).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::rule(data));
