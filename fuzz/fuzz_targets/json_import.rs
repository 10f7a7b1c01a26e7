//! Fuzz target: a notebook JSON export.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| hearth_fuzz_harness::json_import(data));
