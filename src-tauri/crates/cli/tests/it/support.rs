//! Helpers the test modules share: a temporary data folder with passphrase files beside it,
//! and small utilities.
//!
//! Journals here use the KDF floor (`HEARTH_KDF_FLOOR=1`: 64 MiB, 3 passes) so the many
//! unlocks stay quick; calibration itself is checked once.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub const PASSPHRASE: &str = "correct horse battery staple";

pub const NEW_PASSPHRASE: &str = "a new and longer passphrase";

/// A temporary data folder with passphrase files beside it.
pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    pub fn new() -> Self {
        let fixture = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(fixture.file("pass"), format!("{PASSPHRASE}\n")).unwrap();
        std::fs::write(fixture.file("new-pass"), format!("{NEW_PASSPHRASE}\n")).unwrap();
        std::fs::write(fixture.file("wrong-pass"), "not the passphrase\n").unwrap();
        fixture
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn command(&self, passphrase_file: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hearth-cli"));
        command
            .args(args)
            .env("HEARTH_DATA_DIR", self.data())
            .env("HEARTH_PASSPHRASE_FILE", self.file(passphrase_file))
            .env("HEARTH_KDF_FLOOR", "1");
        command
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.command("pass", args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    pub fn run_with(&self, passphrase_file: &str, args: &[&str]) -> Output {
        self.command(passphrase_file, args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Sets up the journal; returns the recovery key as printed.
    pub fn init(&self) -> String {
        let out = self.run(&["journal", "init"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).trim().to_owned()
    }

    pub fn ids(&self, passphrase_file: &str) -> Option<Vec<String>> {
        let out = self.run_with(
            passphrase_file,
            &["journal", "list", "--limit", "100000", "--json"],
        );
        if !out.status.success() {
            return None;
        }
        let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        Some(
            entries
                .iter()
                .map(|e| e["id"].as_str().unwrap().to_owned())
                .collect(),
        )
    }

    /// Every file in the data folder, with its bytes.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        std::fs::read_dir(self.data())
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .map(|path| {
                let bytes = std::fs::read(&path).unwrap();
                (path, bytes)
            })
            .collect()
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A small seeded generator, so a failing run can be repeated.
pub struct Lcg(pub u64);

impl Lcg {
    pub fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

pub fn runs(default: u32) -> u32 {
    std::env::var("HEARTH_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

pub fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

pub fn entries_json(fixture: &Fixture, passphrase_file: &str) -> serde_json::Value {
    let out = fixture.run_with(
        passphrase_file,
        &["journal", "list", "--limit", "100000", "--json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

pub fn add_three(fixture: &Fixture) {
    for args in [
        &["--text", "qzback one: the picnic", "--tag", "summer"][..],
        &[
            "--text",
            "qzback two: a hard talk that went well",
            "--kind",
            "reflection",
            "--mood",
            "3",
        ],
        &[
            "--text",
            "qzback three: thank you for the tea",
            "--kind",
            "appreciation",
            "--author",
            "Alex",
        ],
    ] {
        let mut full = vec!["journal", "add"];
        full.extend_from_slice(args);
        let out = fixture.run(&full);
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
}
