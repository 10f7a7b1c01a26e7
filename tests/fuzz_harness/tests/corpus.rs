//! Replays every committed fuzz input (`fuzz/corpus/<target>/` and `fuzz/regressions/<target>/`)
//! through its target on the ordinary toolchain, so a crash once found stays fixed and every
//! seed keeps working without libFuzzer.
#![allow(clippy::expect_used)] // A test stops at the first surprise.

use std::path::PathBuf;

fn fuzz_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

#[test]
fn every_committed_input_runs_through_its_target_without_a_panic() {
    let mut total = 0;
    for (name, target) in hearth_fuzz_harness::TARGETS {
        let mut count = 0;
        for folder in ["corpus", "regressions"] {
            let dir = fuzz_dir().join(folder).join(name);
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.expect("a readable corpus folder").path();
                let data = std::fs::read(&path).expect("a readable corpus file");
                target(&data);
                count += 1;
            }
        }
        assert!(count > 0, "no committed inputs for the {name} target");
        total += count;
    }
    eprintln!("{total} committed fuzz inputs replayed");
}
