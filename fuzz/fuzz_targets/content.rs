//! Fuzz target: a content TOML file.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::content(data));
