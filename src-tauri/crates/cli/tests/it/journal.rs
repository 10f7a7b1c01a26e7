//! `hearth-cli journal` as a black box: setup, writing, reading, passphrases and hostile input.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

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

/// A key file edited by hand (absurd Argon2 settings) is refused at once, as damaged rather
/// than as a wrong passphrase. (A crafted file with a recomputed checksum is refused for its
/// settings, also before any work: `journal_key` unit tests.)
#[test]
fn a_crafted_key_file_with_absurd_kdf_settings_is_refused_fast() {
    let fixture = Fixture::new();
    fixture.init();
    let key_path = fixture.data().join("journal.key");
    let original = std::fs::read_to_string(&key_path).unwrap();
    for (from, to) in [
        ("\"memory_kib\": 65536", "\"memory_kib\": 2097152"),
        ("\"passes\": 3", "\"passes\": 20"),
    ] {
        assert!(original.contains(from), "{original}");
        std::fs::write(&key_path, original.replace(from, to)).unwrap();
        let started = Instant::now();
        let out = fixture.run(&["journal", "list"]);
        let took = started.elapsed();
        assert_eq!(out.status.code(), Some(4));
        assert!(
            text(&out.stderr).contains("damaged") && text(&out.stderr).contains("checksum"),
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
    // Unlock time is a benchmark figure, not asserted here; see `make bench-journal`.
    assert!(fixture.ids("pass").is_some());
}
