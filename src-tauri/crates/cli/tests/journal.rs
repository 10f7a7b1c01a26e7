//! `hearth-cli journal` as a black box, with the security brief's pass figures:
//! no plaintext on disk, a wrong passphrase changes nothing, kill -9 loses no acknowledged
//! entry, a passphrase change killed at any point leaves exactly one passphrase working.
//!
//! Journals here use the KDF floor (`HEARTH_KDF_FLOOR=1`: 64 MiB, 3 passes) so the many
//! unlocks stay quick; calibration itself is checked once.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests stop at the first surprise.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

const PASSPHRASE: &str = "correct horse battery staple";
const NEW_PASSPHRASE: &str = "a new and longer passphrase";

/// A temporary data folder with passphrase files beside it.
struct Fixture {
    dir: tempfile::TempDir,
}

impl Fixture {
    fn new() -> Self {
        let fixture = Self {
            dir: tempfile::tempdir().unwrap(),
        };
        std::fs::write(fixture.file("pass"), format!("{PASSPHRASE}\n")).unwrap();
        std::fs::write(fixture.file("new-pass"), format!("{NEW_PASSPHRASE}\n")).unwrap();
        std::fs::write(fixture.file("wrong-pass"), "not the passphrase\n").unwrap();
        fixture
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, passphrase_file: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_hearth-cli"));
        command
            .args(args)
            .env("HEARTH_DATA_DIR", self.data())
            .env("HEARTH_PASSPHRASE_FILE", self.file(passphrase_file))
            .env("HEARTH_KDF_FLOOR", "1");
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command("pass", args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    fn run_with(&self, passphrase_file: &str, args: &[&str]) -> Output {
        self.command(passphrase_file, args)
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Sets up the journal; returns the recovery key as printed.
    fn init(&self) -> String {
        let out = self.run(&["journal", "init"]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).trim().to_owned()
    }

    fn ids(&self, passphrase_file: &str) -> Option<Vec<String>> {
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
    fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A small seeded generator, so a failing run can be repeated.
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % bound
    }
}

fn runs(default: u32) -> u32 {
    std::env::var("HEARTH_CRASH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn init_prints_only_the_recovery_key() {
    let fixture = Fixture::new();
    let key = fixture.init();
    assert_eq!(key.lines().count(), 1);
    let groups: Vec<&str> = key.split('-').collect();
    assert_eq!(groups.len(), 13, "{key}");
    assert!(
        groups
            .iter()
            .all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_alphanumeric()))
    );

    let again = fixture.run(&["journal", "init"]);
    assert_eq!(again.status.code(), Some(4), "a second init is refused");
    assert!(text(&again.stderr).contains("already exists"));
}

#[test]
fn a_short_new_passphrase_is_refused_before_anything_is_written() {
    let fixture = Fixture::new();
    std::fs::write(fixture.file("short"), "abc\n").unwrap();
    let out = fixture.run_with("short", &["journal", "init"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("at least 8 characters"),
        "{}",
        text(&out.stderr)
    );
    assert!(!fixture.data().exists() || fixture.snapshot().is_empty());
}

#[test]
fn entries_are_written_listed_shown_and_searched_as_json() {
    let fixture = Fixture::new();
    fixture.init();
    let out = fixture.run(&[
        "journal",
        "add",
        "--text",
        "We watched the sunset from the hill",
        "--author",
        "Alex",
        "--kind",
        "appreciation",
        "--tag",
        "Evening",
        "--mood",
        "5",
        "--closeness",
        "4",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let id = text(&out.stdout).trim().to_owned();

    let out = fixture.run(&["journal", "show", &id, "--json"]);
    let entry: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(entry["id"], id.as_str());
    assert_eq!(entry["author"], "Alex");
    assert_eq!(entry["kind"], "appreciation");
    assert_eq!(entry["tags"], serde_json::json!(["evening"]));
    assert_eq!(entry["mood"], 5);
    assert_eq!(entry["text"], "We watched the sunset from the hill");
    let created = entry["created_at"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok(),
        "{created}"
    );

    let out = fixture.run(&["journal", "search", "sunse", "--json"]);
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(found.len(), 1);
    let out = fixture.run(&["journal", "search", "moonrise", "--json"]);
    assert_eq!(text(&out.stdout).trim(), "[]");

    let out = fixture.run(&["journal", "verify"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn stdin_lines_become_one_entry_each_in_order() {
    let fixture = Fixture::new();
    fixture.init();
    let mut child = fixture
        .command(
            "pass",
            &[
                "journal",
                "add",
                "--stdin-lines",
                "--kind",
                "three_good_things",
            ],
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"first good thing\n\nsecond good thing\nthird\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let printed: Vec<String> = text(&out.stdout).lines().map(str::to_owned).collect();
    assert_eq!(printed.len(), 3, "blank lines are skipped");
    let mut listed = fixture.ids("pass").unwrap();
    listed.reverse();
    assert_eq!(
        listed, printed,
        "newest first, so reversed they are in writing order"
    );
}

#[test]
fn a_wrong_passphrase_exits_3_and_changes_no_file() {
    let fixture = Fixture::new();
    fixture.init();
    fixture.run(&["journal", "add", "--text", "something private"]);
    let before = fixture.snapshot();
    for args in [
        &["journal", "list"][..],
        &["journal", "add", "--text", "x"],
        &["journal", "verify"],
    ] {
        let out = fixture.run_with("wrong-pass", args);
        assert_eq!(out.status.code(), Some(3), "{args:?}");
        assert!(
            text(&out.stderr).contains("did not open the journal"),
            "{}",
            text(&out.stderr)
        );
    }
    assert_eq!(
        fixture.snapshot(),
        before,
        "every file byte-identical, no -wal created"
    );
}

#[test]
fn hostile_input_gets_a_clear_error_and_never_a_panic() {
    let fixture = Fixture::new();
    fixture.init();
    let huge = fixture.file("huge.txt");
    std::fs::write(&huge, vec![b'a'; 1_000_001]).unwrap();
    let binary = fixture.file("binary.bin");
    std::fs::write(&binary, [0xff, 0xfe, 0x00, 0x80]).unwrap();
    std::fs::write(fixture.file("bad-recovery"), "ABCD-EFGH\n").unwrap();
    let long_id = "z".repeat(10_000);
    let bad_recovery = fixture.file("bad-recovery");
    let new_pass = fixture.file("new-pass");
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (
            vec!["journal", "add", "--file", huge.to_str().unwrap()],
            4,
            "larger than an entry",
        ),
        (
            vec!["journal", "add", "--file", binary.to_str().unwrap()],
            4,
            "not UTF-8",
        ),
        (vec!["journal", "add", "--text", "   "], 4, "text: is empty"),
        (
            vec!["journal", "add", "--text", "x", "--tag", "two words"],
            4,
            "tags:",
        ),
        (vec!["journal", "add", "--text", "x", "--mood", "9"], 2, ""),
        (
            vec!["journal", "add", "--text", "x", "--kind", "diary"],
            2,
            "",
        ),
        (vec!["journal", "show", &long_id], 4, "no entry with id"),
        (vec!["journal", "search", "  "], 4, "query is empty"),
        (vec!["journal", "search", "\"*:^()"], 0, ""),
        (
            vec![
                "journal",
                "recover",
                "--recovery-key-file",
                bad_recovery.to_str().unwrap(),
                "--new-passphrase-file",
                new_pass.to_str().unwrap(),
            ],
            4,
            "recovery key is not in the expected form",
        ),
    ];
    for (args, code, message) in cases {
        let out = fixture.run(&args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{:?}: {stderr}", &args[..2]);
        assert!(stderr.contains(message), "{:?}: {stderr}", &args[..2]);
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.lines().count() <= 3, "errors stay short: {stderr}");
    }
}

#[test]
fn without_a_journal_commands_say_how_to_set_one_up() {
    let fixture = Fixture::new();
    let out = fixture.run(&["journal", "list"]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("journal init"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn passwd_and_recover_swap_passphrases_and_keep_every_entry() {
    let fixture = Fixture::new();
    let recovery = fixture.init();
    fixture.run(&["journal", "add", "--text", "kept through every change"]);
    let ids = fixture.ids("pass").unwrap();

    let out = fixture.run(&[
        "journal",
        "passwd",
        "--new-passphrase-file",
        fixture.file("new-pass").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        fixture.ids("pass"),
        None,
        "the old passphrase no longer works"
    );
    assert_eq!(fixture.ids("new-pass").as_ref(), Some(&ids));

    std::fs::write(
        fixture.file("recovery"),
        format!("{}\n", recovery.to_lowercase()),
    )
    .unwrap();
    let out = fixture.run_with(
        "new-pass",
        &[
            "journal",
            "recover",
            "--recovery-key-file",
            fixture.file("recovery").to_str().unwrap(),
            "--new-passphrase-file",
            fixture.file("pass").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(fixture.ids("pass").as_ref(), Some(&ids));
    assert_eq!(fixture.ids("new-pass"), None);

    // A recovery key from another journal is refused with exit 3.
    let other = Fixture::new();
    let other_key = other.init();
    std::fs::write(fixture.file("other-recovery"), other_key).unwrap();
    let out = fixture.run(&[
        "journal",
        "recover",
        "--recovery-key-file",
        fixture.file("other-recovery").to_str().unwrap(),
        "--new-passphrase-file",
        fixture.file("new-pass").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
}

#[test]
fn a_crafted_key_file_with_absurd_kdf_settings_is_refused_fast() {
    let fixture = Fixture::new();
    fixture.init();
    let key_path = fixture.data().join("journal.key");
    let original = std::fs::read_to_string(&key_path).unwrap();
    for (from, to) in [
        ("\"memory_kib\": 65536", "\"memory_kib\": 4000000000"),
        ("\"passes\": 3", "\"passes\": 100000"),
    ] {
        std::fs::write(&key_path, original.replace(from, to)).unwrap();
        let started = Instant::now();
        let out = fixture.run(&["journal", "list"]);
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(1));
        assert!(
            text(&out.stderr).contains("outside the safe range"),
            "{}",
            text(&out.stderr)
        );
        // A whole process start and exit; the refusal itself is well under 50 ms (unit test).
        assert!(took < Duration::from_secs(2), "took {took:?}");
    }
}

#[test]
fn calibrated_setup_lands_in_the_unlock_window() {
    let fixture = Fixture::new();
    let out = fixture
        .command("pass", &["journal", "init"])
        .env_remove("HEARTH_KDF_FLOOR")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    let header: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(fixture.data().join("journal.key")).unwrap())
            .unwrap();
    assert!(header["kdf"]["memory_kib"].as_u64().unwrap() >= 65536);
    assert!(header["kdf"]["passes"].as_u64().unwrap() >= 3);
    // Unlock time is a benchmark figure, not asserted here; see the note in ARCHITECTURE.md.
    assert!(fixture.ids("pass").is_some());
}

/// Security brief, test 1 (the part that exists today): 1,000 entries with unique markers,
/// the writer killed with its WAL un-checkpointed; no marker appears in any file of the data
/// folder, in UTF-8 or UTF-16.
#[test]
fn no_plaintext_reaches_the_disk() {
    let fixture = Fixture::new();
    fixture.init();
    let markers: Vec<String> = (0..1000).map(|i| format!("qzmarker{i:04}x")).collect();
    let mut child = fixture
        .command("pass", &["journal", "add", "--stdin-lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    for marker in &markers {
        writeln!(stdin, "a private line with {marker} inside").unwrap();
    }
    stdin.flush().unwrap();
    let mut acknowledged = 0;
    for line in BufReader::new(child.stdout.take().unwrap()).lines() {
        line.unwrap();
        acknowledged += 1;
        if acknowledged == markers.len() {
            break;
        }
    }
    // Killed while the connection is still open: the WAL holds recent pages.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        fixture.data().join("journal.sqlite3-wal").exists(),
        "the WAL was left behind"
    );

    let needles: Vec<(String, Vec<u8>, Vec<u8>)> = ["qzmarker", "private line"]
        .iter()
        .map(|word| {
            let utf16: Vec<u8> = word.encode_utf16().flat_map(u16::to_le_bytes).collect();
            ((*word).to_owned(), word.as_bytes().to_vec(), utf16)
        })
        .collect();
    for (path, bytes) in fixture.snapshot() {
        for (word, utf8, utf16) in &needles {
            assert!(
                !contains(&bytes, utf8),
                "{word} found in {}",
                path.display()
            );
            assert!(
                !contains(&bytes, utf16),
                "{word} (UTF-16) found in {}",
                path.display()
            );
        }
        assert!(
            !bytes.starts_with(b"SQLite format 3"),
            "{} is plain SQLite",
            path.display()
        );
    }
    assert_eq!(fixture.ids("pass").unwrap().len(), markers.len());
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// Security brief, test 8: kill -9 during writes. The writer prints an id only after its commit
/// returns; after each kill, every acknowledged id is present and the integrity checks pass.
#[test]
fn kill_9_during_writes_loses_no_acknowledged_entry() {
    let fixture = Fixture::new();
    fixture.init();
    let mut random = Lcg(0x5eed_0001);
    let mut acknowledged: Vec<String> = Vec::new();
    let total_runs = runs(100);
    for run in 0..total_runs {
        let mut child: Child = fixture
            .command("pass", &["journal", "add", "--stdin-lines"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        // Feed lines from a thread so the writer never waits on us.
        let feeder = std::thread::spawn(move || {
            for i in 0.. {
                if writeln!(stdin, "run {run} line {i}").is_err() {
                    break;
                }
            }
        });
        let wanted = 1 + random.below(40);
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        let mut seen = 0;
        while seen < wanted {
            line.clear();
            if reader.read_line(&mut line).unwrap() == 0 {
                break;
            }
            acknowledged.push(line.trim().to_owned());
            seen += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        feeder.join().unwrap();
        // Ids printed after we stopped reading were acknowledged too; collect them.
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut reader, &mut rest);
        acknowledged.extend(rest.lines().map(str::to_owned));
    }
    let stored: std::collections::HashSet<String> =
        fixture.ids("pass").unwrap().into_iter().collect();
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|id| !stored.contains(*id))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged entries lost",
        lost.len(),
        acknowledged.len()
    );
    let out = fixture.run(&["journal", "verify"]);
    assert!(
        out.status.success(),
        "integrity after {total_runs} kills: {}",
        text(&out.stderr)
    );
    eprintln!(
        "kill -9: {total_runs} runs, {} acknowledged entries, 0 lost",
        acknowledged.len()
    );
}

/// Security brief, test 6: a passphrase change killed at random points leaves exactly one of
/// the old and new passphrases working, and the entries unchanged.
#[test]
fn a_passphrase_change_killed_at_any_point_leaves_exactly_one_working() {
    let fixture = Fixture::new();
    fixture.init();
    fixture.run(&["journal", "add", "--text", "survives every crash"]);
    let ids = fixture.ids("pass").unwrap();
    let mut random = Lcg(0x5eed_0002);
    let (mut old_won, mut new_won) = (0, 0);
    let total_runs = runs(100);
    let new_pass = fixture.file("new-pass");
    let old_pass = fixture.file("pass");
    // Time one uninterrupted change, so kill points spread over the whole run on any machine.
    let started = Instant::now();
    let out = fixture.run(&[
        "journal",
        "passwd",
        "--new-passphrase-file",
        new_pass.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let full_run = u64::try_from(started.elapsed().as_millis())
        .unwrap()
        .max(50);
    let mut current = "new-pass";
    for _ in 0..total_runs {
        let next = if current == "pass" {
            &new_pass
        } else {
            &old_pass
        };
        let mut child = fixture
            .command(
                current,
                &[
                    "journal",
                    "passwd",
                    "--new-passphrase-file",
                    next.to_str().unwrap(),
                ],
            )
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(random.below(full_run * 13 / 10)));
        let _ = child.kill();
        child.wait().unwrap();
        let by_old = fixture.ids("pass");
        let by_new = fixture.ids("new-pass");
        assert!(
            by_old.is_some() != by_new.is_some(),
            "exactly one must work: {by_old:?} {by_new:?}"
        );
        let working = if by_old.is_some() { "pass" } else { "new-pass" };
        assert_eq!(by_old.or(by_new).as_ref(), Some(&ids), "entries unchanged");
        if working == current {
            old_won += 1
        } else {
            new_won += 1
        }
        current = working;
        let mut names: Vec<String> = std::fs::read_dir(fixture.data())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| !name.ends_with(".tmp"))
            .collect();
        names.sort();
        assert_eq!(names, ["journal.key", "journal.sqlite3"]);
    }
    eprintln!(
        "passwd kill: {total_runs} runs over 0-{} ms, old kept {old_won}, new took {new_won}",
        full_run * 13 / 10
    );
    assert!(
        old_won > 0 && new_won > 0,
        "the kill points should cover both outcomes"
    );
}

fn entries_json(fixture: &Fixture, passphrase_file: &str) -> serde_json::Value {
    let out = fixture.run_with(
        passphrase_file,
        &["journal", "list", "--limit", "100000", "--json"],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn add_three(fixture: &Fixture) {
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

#[test]
fn a_backup_restores_exactly_and_keeps_the_journal_it_replaces() {
    let fixture = Fixture::new();
    fixture.init();
    add_three(&fixture);
    let before = entries_json(&fixture, "pass");
    let backup = fixture.file("journal.hearth-backup");
    let out = fixture.run(&["journal", "backup", "--out", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("backed up 3 entries"),
        "{}",
        text(&out.stdout)
    );

    let bytes = std::fs::read(&backup).unwrap();
    assert!(bytes.starts_with(b"HEARTH-JOURNAL-BACKUP 1\n"));
    assert!(!contains(&bytes, b"qzback"), "the backup is encrypted");

    let again = fixture.run(&["journal", "backup", "--out", backup.to_str().unwrap()]);
    assert_eq!(
        again.status.code(),
        Some(4),
        "an existing file is never overwritten"
    );

    fixture.run(&["journal", "add", "--text", "written after the backup"]);
    let out = fixture.run(&["journal", "restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(entries_json(&fixture, "pass"), before, "restored exactly");
    let kept: Vec<String> = std::fs::read_dir(fixture.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("journal.sqlite3.before-restore-"))
        .collect();
    assert_eq!(kept.len(), 1, "the replaced journal is kept: {kept:?}");
    assert!(fixture.run(&["journal", "verify"]).status.success());
}

#[test]
fn a_backup_restores_onto_a_new_computer_and_after_a_passphrase_change() {
    let fixture = Fixture::new();
    fixture.init();
    add_three(&fixture);
    let before = entries_json(&fixture, "pass");
    let backup = fixture.file("b.hearth-backup");
    assert!(
        fixture
            .run(&["journal", "backup", "--out", backup.to_str().unwrap()])
            .status
            .success()
    );

    // A fresh data folder with no journal: the backup's own passphrase opens it.
    let elsewhere = Fixture::new();
    let out = elsewhere.run(&["journal", "restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(entries_json(&elsewhere, "pass"), before);

    // The same journal after a passphrase change: today's passphrase opens the old backup.
    let new_pass = fixture.file("new-pass");
    assert!(
        fixture
            .run(&[
                "journal",
                "passwd",
                "--new-passphrase-file",
                new_pass.to_str().unwrap()
            ])
            .status
            .success()
    );
    let out = fixture.run_with(
        "new-pass",
        &["journal", "restore", backup.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(entries_json(&fixture, "new-pass"), before);

    // A wrong passphrase restores nothing.
    let snapshot = fixture.snapshot();
    let out = fixture.run_with(
        "wrong-pass",
        &["journal", "restore", backup.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(fixture.snapshot(), snapshot);

    // Something that is not a backup is named as such.
    let out = fixture.run_with(
        "new-pass",
        &["journal", "restore", fixture.file("pass").to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("is not a Hearth journal backup"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_json_export_imports_into_another_journal_exactly() {
    let fixture = Fixture::new();
    fixture.init();
    add_three(&fixture);
    let export = fixture.file("export.json");
    let refused = fixture.run(&[
        "journal",
        "export",
        "--out",
        export.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a plain format needs --plaintext"
    );

    let out = fixture.run(&[
        "journal",
        "export",
        "--out",
        export.to_str().unwrap(),
        "--plaintext",
        "--format",
        "json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("is not encrypted"),
        "a clear warning: {}",
        text(&out.stderr)
    );

    let other = Fixture::new();
    other.init();
    let out = other.run(&["journal", "import", export.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("imported 3 entries (0 were already here)"));
    assert_eq!(
        entries_json(&other, "pass"),
        entries_json(&fixture, "pass"),
        "ids and times kept"
    );
    let out = other.run(&["journal", "import", export.to_str().unwrap()]);
    assert!(text(&out.stdout).contains("imported 0 entries (3 were already here)"));
}

#[test]
fn a_bad_import_changes_nothing_and_names_the_entry() {
    let fixture = Fixture::new();
    fixture.init();
    add_three(&fixture);
    let before = entries_json(&fixture, "pass");
    let export = fixture.file("export.json");
    fixture.run(&[
        "journal",
        "export",
        "--out",
        export.to_str().unwrap(),
        "--plaintext",
        "--format",
        "json",
    ]);
    let mut file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    for entry in file["entries"].as_array_mut().unwrap() {
        let id = entry["id"].as_str().unwrap().to_owned();
        entry["id"] = serde_json::Value::String(format!("new{id}"));
    }
    file["entries"][1]["mood"] = serde_json::json!(9);
    let bad = fixture.file("bad.json");
    std::fs::write(&bad, serde_json::to_vec(&file).unwrap()).unwrap();
    let out = fixture.run(&["journal", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("entry 2: mood"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(entries_json(&fixture, "pass"), before, "nothing was added");

    std::fs::write(&bad, "{ \"format\": \"hearth-journal-export\", ").unwrap();
    let out = fixture.run(&["journal", "import", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
    assert!(
        text(&out.stderr).contains("not a Hearth JSON export"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn exports_are_encrypted_by_default_and_markdown_reads_well() {
    let fixture = Fixture::new();
    fixture.init();
    add_three(&fixture);
    let sealed = fixture.file("sealed.hearth-backup");
    assert!(
        fixture
            .run(&["journal", "export", "--out", sealed.to_str().unwrap()])
            .status
            .success()
    );
    assert!(!contains(&std::fs::read(&sealed).unwrap(), b"qzback"));

    let markdown = fixture.file("journal.md");
    let out = fixture.run(&[
        "journal",
        "export",
        "--out",
        markdown.to_str().unwrap(),
        "--plaintext",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&markdown).unwrap();
    assert!(written.starts_with("# Our Hearth journal\n"));
    assert!(written.contains("· Alex · appreciation"), "{written}");
    let picnic = written.find("qzback one").unwrap();
    let tea = written.find("qzback three").unwrap();
    assert!(picnic < tea, "oldest first");
}

/// Security brief: disk full. The data folder is moved onto a tmpfs with a little room left
/// (inside a private mount namespace, so no root and no cleanup are needed) and entries are
/// added until the disk is full. The add stops with a clear error, every entry whose id was
/// printed is still there, and the journal verifies clean on the full disk.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_stops_writing_with_a_clear_error_and_loses_nothing() {
    let fixture = Fixture::new();
    fixture.init();
    add_three(&fixture);
    let used: u64 = std::fs::read_dir(fixture.data())
        .unwrap()
        .map(|entry| entry.unwrap().metadata().unwrap().len())
        .sum();
    // Room for the files as they are plus about 200 KiB: a few dozen 4 KB entries.
    let size_kib = used / 1024 + 200;
    let line = "we walked and the rain came and we did not mind at all ".repeat(70);
    let mut lines = String::new();
    for i in 0..2000 {
        lines.push_str(&format!("{i} {line}\n"));
    }
    std::fs::write(fixture.file("lines"), lines).unwrap();

    let script = r#"
        set -u
        cp -a "$DATA" "$OUT/staged"
        mount -t tmpfs -o "size=${SIZE}k" tmpfs "$DATA"
        cp -a "$OUT/staged/." "$DATA/"
        "$CLI" journal add --stdin-lines < "$OUT/lines" > "$OUT/ids" 2> "$OUT/add-err"
        echo $? > "$OUT/add-rc"
        "$CLI" journal verify > "$OUT/verify" 2>&1
        echo $? > "$OUT/verify-rc"
        "$CLI" journal list --limit 100000 --json > "$OUT/list" 2> "$OUT/list-err"
        echo $? > "$OUT/list-rc"
        df -k "$DATA" | tail -1 > "$OUT/df"
    "#;
    let out = Command::new("unshare")
        .args(["--mount", "--map-root-user", "sh", "-c", script])
        .env("DATA", fixture.data())
        .env("OUT", fixture.dir.path())
        .env("SIZE", size_kib.to_string())
        .env("CLI", env!("CARGO_BIN_EXE_hearth-cli"))
        .env("HEARTH_DATA_DIR", fixture.data())
        .env("HEARTH_PASSPHRASE_FILE", fixture.file("pass"))
        .env("HEARTH_KDF_FLOOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "namespace: {}", text(&out.stderr));
    let read = |name: &str| std::fs::read_to_string(fixture.file(name)).unwrap();

    let add_err = read("add-err");
    assert_eq!(read("add-rc").trim(), "1", "stderr: {add_err}");
    assert!(
        add_err.contains("disk holding the journal database is full"),
        "names the problem: {add_err}"
    );
    assert_eq!(add_err.trim().lines().count(), 1, "one line: {add_err}");
    let printed: Vec<String> = read("ids").lines().map(str::to_owned).collect();
    assert!(
        !printed.is_empty() && printed.len() < 2000,
        "some entries fit before the disk filled: {}",
        printed.len()
    );
    assert_eq!(read("verify-rc").trim(), "0", "verify: {}", read("verify"));
    assert_eq!(read("list-rc").trim(), "0", "{}", read("list-err"));
    let listed: serde_json::Value = serde_json::from_str(&read("list")).unwrap();
    let listed: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["id"].as_str().unwrap())
        .collect();
    for id in &printed {
        assert!(listed.contains(&id.as_str()), "acknowledged {id} was lost");
    }
    assert_eq!(
        listed.len(),
        printed.len() + 3,
        "nothing half-written appears either"
    );
}

/// Security brief: no core dumps. A running `hearth-cli` holding an unlocked journal has a
/// core-file limit of zero (read from /proc while it waits for input).
#[cfg(target_os = "linux")]
#[test]
fn a_running_cli_cannot_leave_a_core_dump() {
    let fixture = Fixture::new();
    fixture.init();
    let mut child = fixture
        .command("pass", &["journal", "add", "--stdin-lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // One entry round-trips first, so the journal is unlocked when /proc is read.
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "a line before looking").unwrap();
    stdin.flush().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut id = String::new();
    stdout.read_line(&mut id).unwrap();
    assert!(!id.trim().is_empty());
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id())).unwrap();
    let core = limits
        .lines()
        .find(|line| line.starts_with("Max core file size"))
        .unwrap();
    let fields: Vec<&str> = core.split_whitespace().collect();
    assert_eq!(&fields[4..6], ["0", "0"], "{core}");
    drop(stdin);
    assert!(child.wait().unwrap().success());
}
