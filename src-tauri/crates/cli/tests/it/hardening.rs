//! The CLI tried as an attacker and a clumsy user would: old passphrases and key files after a
//! change, lost and damaged journals and backups, crafted input of every kind, readers that go
//! away, files that are not files, escape sequences, and the modes of everything written.

use std::io::Write as _;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::*;

fn code(out: &std::process::Output) -> Option<i32> {
    out.status.code()
}

/// After `passwd` or `recover`, neither the old passphrase, nor any old copy of the key file
/// (the one from a backup, or one kept by hand), opens anything written afterwards.
#[test]
fn a_changed_passphrase_locks_out_the_old_one_and_every_old_key_file() {
    for how in ["passwd", "recover"] {
        let fixture = Fixture::new();
        let recovery = fixture.init();
        std::fs::write(fixture.file("recovery"), format!("{recovery}\n")).unwrap();
        fixture.run(&["journal", "add", "--text", "before the change"]);
        let old_key = std::fs::read(fixture.data().join("journal.key")).unwrap();
        let backup = fixture.file("before.hearth-backup");
        assert!(
            fixture
                .run(&["journal", "backup", "--out", backup.to_str().unwrap()])
                .status
                .success()
        );
        let new_pass = fixture.file("new-pass");
        let out = match how {
            "passwd" => fixture.run(&[
                "journal",
                "passwd",
                "--new-passphrase-file",
                new_pass.to_str().unwrap(),
            ]),
            _ => fixture.run(&[
                "journal",
                "recover",
                "--recovery-key-file",
                fixture.file("recovery").to_str().unwrap(),
                "--new-passphrase-file",
                new_pass.to_str().unwrap(),
            ]),
        };
        assert!(out.status.success(), "{how}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("re-encrypted"),
            "{how}: {}",
            text(&out.stderr)
        );
        let add = fixture.run_with("new-pass", &["journal", "add", "--text", "qzafter secret"]);
        assert!(add.status.success(), "{}", text(&add.stderr));

        // The old passphrase against today's files.
        assert_eq!(code(&fixture.run(&["journal", "list"])), Some(3), "{how}");
        // The old key file put back by hand, with the old passphrase: it unwraps the old key,
        // which no longer opens the re-encrypted database.
        let key_path = fixture.data().join("journal.key");
        let today_key = std::fs::read(&key_path).unwrap();
        std::fs::write(&key_path, &old_key).unwrap();
        let out = fixture.run(&["journal", "list"]);
        assert!(
            !out.status.success(),
            "{how}: the old key file still opened it"
        );
        assert!(!contains(&out.stdout, b"qzafter"), "{how}");
        std::fs::write(&key_path, &today_key).unwrap();
        // The old backup (with the old key file inside) opens with the old passphrase, and
        // holds only what was written before the change.
        let elsewhere = Fixture::new();
        let out = elsewhere.run(&["journal", "restore", backup.to_str().unwrap()]);
        assert!(out.status.success(), "{how}: {}", text(&out.stderr));
        let listed = elsewhere.run(&["journal", "list"]);
        assert!(contains(&listed.stdout, b"before the change"));
        assert!(!contains(&listed.stdout, b"qzafter"), "{how}");
        let ids = fixture.ids("new-pass").unwrap();
        assert_eq!(ids.len(), 2, "{how}: nothing lost");
        // The recovery key still opens today's journal.
        let out = fixture.run(&[
            "journal",
            "recover",
            "--recovery-key-file",
            fixture.file("recovery").to_str().unwrap(),
            "--new-passphrase-file",
            fixture.file("pass").to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{how}: {}", text(&out.stderr));
        assert_eq!(fixture.ids("pass").unwrap().len(), 2);
    }
}

/// A missing or empty journal beside its key file is refused by name, with what to do, and is
/// never quietly replaced by an empty one.
#[test]
fn a_missing_or_empty_journal_is_refused_with_what_to_do() {
    let fixture = Fixture::new();
    fixture.init();
    fixture.run(&["journal", "add", "--text", "an entry"]);
    let db = fixture.data().join("journal.sqlite3");
    for (what, damage) in [
        (
            "missing",
            (|db: &Path| std::fs::remove_file(db).unwrap()) as fn(&Path),
        ),
        ("empty", |db: &Path| std::fs::write(db, b"").unwrap()),
    ] {
        damage(&db);
        for args in [
            &["journal", "list"][..],
            &["journal", "verify"],
            &["journal", "add", "--text", "x"],
        ] {
            let out = fixture.run(args);
            assert_eq!(
                code(&out),
                Some(4),
                "{what} {args:?}: {}",
                text(&out.stderr)
            );
            let stderr = text(&out.stderr);
            assert!(
                stderr.contains("missing or empty") && stderr.contains("Restore a backup"),
                "{what}: {stderr}"
            );
        }
        match what {
            "missing" => assert!(!db.exists(), "a missing journal was recreated"),
            _ => assert_eq!(
                std::fs::metadata(&db).unwrap().len(),
                0,
                "it was written to"
            ),
        }
    }
}

fn backup_of(fixture: &Fixture, name: &str) -> std::path::PathBuf {
    let path = fixture.file(name);
    let out = fixture.run(&["journal", "backup", "--out", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    path
}

/// Backups cut short, flipped, or not backups at all are refused by name, naming the file and
/// the problem, and change nothing.
#[test]
fn truncated_damaged_and_binary_backups_are_refused_by_name() {
    let fixture = Fixture::new();
    fixture.init();
    fixture.run(&["journal", "add", "--text", "kept safe"]);
    let whole = std::fs::read(backup_of(&fixture, "whole.hearth-backup")).unwrap();
    let first_line = whole.iter().position(|b| *b == b'\n').unwrap() + 1;
    let second_line = first_line
        + whole[first_line..]
            .iter()
            .position(|b| *b == b'\n')
            .unwrap()
        + 1;
    let mut flipped = whole.clone();
    let middle = second_line + (whole.len() - second_line) / 2;
    flipped[middle] ^= 0x40;
    let mut binary = vec![0u8; 4096];
    binary[..4].copy_from_slice(&[0x7f, b'E', b'L', b'F']);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "after-first-line",
            whole[..first_line].to_vec(),
            "ends before",
        ),
        (
            "after-second-line",
            whole[..second_line].to_vec(),
            "cut short",
        ),
        ("half", whole[..middle].to_vec(), "cut short"),
        ("flipped", flipped, "checksum"),
        ("binary", binary, "is not a Hearth journal backup"),
        (
            "header-not-utf8",
            {
                let mut bad = whole[..first_line].to_vec();
                bad.extend_from_slice(&[0xff, 0xfe, b'\n']);
                bad.extend_from_slice(&whole[second_line..]);
                bad
            },
            "key line cannot be read",
        ),
        ("empty", Vec::new(), "is not a Hearth journal backup"),
    ];
    let snapshot = fixture.snapshot();
    for (name, bytes, problem) in cases {
        let path = fixture.file(name);
        std::fs::write(&path, bytes).unwrap();
        let out = fixture.run(&["journal", "restore", path.to_str().unwrap()]);
        let stderr = text(&out.stderr);
        assert_eq!(code(&out), Some(4), "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(problem),
            "{name}: {stderr}"
        );
        assert!(
            !stderr.contains("SQL logic error") && !stderr.contains("valid UTF-8"),
            "{stderr}"
        );
        assert_eq!(
            fixture.snapshot(),
            snapshot,
            "{name} changed the data folder"
        );
    }
    // The whole backup still restores.
    let whole_path = fixture.file("whole.hearth-backup");
    let out = fixture.run(&["journal", "restore", whole_path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// A restore killed at any point leaves one whole journal: the one it replaces or the backup,
/// never a missing or empty one.
#[test]
fn a_restore_killed_at_any_point_leaves_one_whole_journal() {
    let fixture = Fixture::new();
    fixture.init();
    for i in 0..30 {
        fixture.run(&["journal", "add", "--text", &format!("in the backup {i}")]);
    }
    let backup = backup_of(&fixture, "b.hearth-backup");
    let in_backup = fixture.ids("pass").unwrap();
    fixture.run(&["journal", "add", "--text", "only in the live journal"]);
    let live = fixture.ids("pass").unwrap();
    let started = Instant::now();
    let out = fixture.run(&["journal", "restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let full_run = u64::try_from(started.elapsed().as_millis())
        .unwrap()
        .max(30);
    let mut random = Lcg(0x5eed_0003);
    let (mut before, mut after) = (0, 0);
    for _ in 0..runs(40) {
        // Start from the live journal each time.
        let restored = fixture.ids("pass").unwrap();
        if restored != live {
            fixture.run(&["journal", "add", "--text", "only in the live journal"]);
        }
        let expected_live = fixture.ids("pass").unwrap();
        let mut child = fixture
            .command("pass", &["journal", "restore", backup.to_str().unwrap()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(random.below(full_run * 12 / 10)));
        let _ = child.kill();
        child.wait().unwrap();
        let now = fixture
            .ids("pass")
            .expect("a journal opens after every kill");
        if now == expected_live {
            before += 1;
        } else {
            assert_eq!(now, in_backup, "neither the old journal nor the backup");
            after += 1;
        }
        let verify = fixture.run(&["journal", "verify"]);
        assert!(verify.status.success(), "{}", text(&verify.stderr));
    }
    eprintln!("restore kill: kept {before}, restored {after}");
}

/// While the app or another `hearth-cli` has the journal open, a restore or a passphrase
/// change is refused at once (it would pull the files from under it), and works afterwards.
#[test]
fn replacing_the_journal_is_refused_while_another_hearth_has_it_open() {
    let fixture = Fixture::new();
    fixture.init();
    let backup = backup_of(&fixture, "b.hearth-backup");
    let mut writer = fixture
        .command("pass", &["journal", "add", "--stdin-lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = writer.stdin.take().unwrap();
    let mut ids = std::io::BufReader::new(writer.stdout.take().unwrap());
    writeln!(input, "a line from the open writer").unwrap();
    let mut id = String::new();
    std::io::BufRead::read_line(&mut ids, &mut id).unwrap();
    assert!(!id.trim().is_empty(), "the writer saved its line");

    let snapshot = fixture.snapshot();
    let new_pass = fixture.file("new-pass");
    for args in [
        vec!["journal", "restore", backup.to_str().unwrap()],
        vec![
            "journal",
            "passwd",
            "--new-passphrase-file",
            new_pass.to_str().unwrap(),
        ],
    ] {
        let started = Instant::now();
        let out = fixture.run(&args);
        assert_eq!(code(&out), Some(4), "{args:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("open in another Hearth"),
            "{}",
            text(&out.stderr)
        );
        assert!(started.elapsed() < Duration::from_secs(10), "it waited");
    }
    drop(input);
    assert!(writer.wait().unwrap().success());
    assert_eq!(fixture.ids("pass").unwrap().len(), 1);
    let _ = snapshot;
    let out = fixture.run(&["journal", "restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Crafted rules, dates, calendars and imports get a clear error or are left out with a reason;
/// none crashes, and none leaves anything that breaks a later command.
#[test]
fn crafted_input_is_refused_by_name_and_never_crashes() {
    let fixture = Fixture::new();
    fixture.init();
    let rituals = |args: &[&str]| {
        let mut full = vec!["rituals", "add", "--title", "Walk"];
        full.extend_from_slice(args);
        fixture.run(&full)
    };
    for (args, problem) in [
        (
            vec![
                "--rrule",
                "FREQ=WEEKLY;BYDAY=€",
                "--start",
                "2026-12-06T10:00",
            ],
            "is not a weekday",
        ),
        (
            vec![
                "--rrule",
                "FREQ=MONTHLY;BYDAY=1ñ,2SU",
                "--start",
                "2026-12-06T10:00",
            ],
            "is not a weekday",
        ),
        (
            vec!["--rrule", "FREQ=DAILY", "--start=-262143-01-01T00:00"],
            "between the years",
        ),
        (
            vec!["--rrule", "FREQ=DAILY", "--start", "0001-01-01T00:00"],
            "between the years",
        ),
        (
            vec!["--rrule", "FREQ=DAILY", "--start", "9999-12-31T23:59"],
            "between the years",
        ),
    ] {
        let out = rituals(&args);
        assert_eq!(code(&out), Some(4), "{args:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(problem),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../fuzz/regressions");
    let out = fixture.run(&[
        "rituals",
        "import-ics",
        fuzz.join("ics/deeply-nested.ics").to_str().unwrap(),
    ]);
    assert_eq!(code(&out), Some(4), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("nests its parts"));
    let out = fixture.run(&[
        "rituals",
        "import-ics",
        fuzz.join("ics/overflowing-duration.ics").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("DURATION cannot be read"),
        "{}",
        text(&out.stderr)
    );

    let out = fixture.run(&[
        "journal",
        "import",
        fuzz.join("json_import/far-future-created-at.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&out), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("entry 1") && text(&out.stderr).contains("outside the years"),
        "{}",
        text(&out.stderr)
    );
    let out = fixture.run(&[
        "journal",
        "import",
        fuzz.join("json_import/escape-sequences.json")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code(&out), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("control character"),
        "{}",
        text(&out.stderr)
    );

    // Everything still works afterwards.
    for args in [
        &["journal", "list"][..],
        &["journal", "verify"],
        &["rituals", "list"],
    ] {
        let out = fixture.run(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    }
    let export = fixture.file("export.json");
    let out = fixture.run(&[
        "journal",
        "export",
        "--plaintext",
        "--format",
        "json",
        "--out",
        export.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

/// Every printing command whose reader has gone away ends quietly with 141, never a panic.
#[test]
fn every_printing_command_survives_a_reader_that_went_away() {
    let fixture = Fixture::new();
    fixture.init();
    for i in 0..3 {
        fixture.run(&["journal", "add", "--text", &format!("entry {i}")]);
    }
    let id = fixture.ids("pass").unwrap()[0].clone();
    fixture.run(&[
        "rituals",
        "add",
        "--title",
        "Walk",
        "--rrule",
        "FREQ=DAILY",
        "--start",
        "2026-11-29T10:00",
    ]);
    let commands: Vec<Vec<&str>> = vec![
        vec!["journal", "list"],
        vec!["journal", "list", "--json"],
        vec!["journal", "show", &id],
        vec!["journal", "show", &id, "--json"],
        vec!["journal", "search", "entry"],
        vec!["journal", "search", "entry", "--json"],
        vec!["journal", "verify"],
        vec!["rituals", "list"],
        vec!["rituals", "list", "--json"],
        vec![
            "rituals",
            "occurrences",
            "--from",
            "2026-11-29",
            "--to",
            "2026-12-29",
        ],
        vec![
            "rituals",
            "occurrences",
            "--from",
            "2026-11-29",
            "--to",
            "2026-12-29",
            "--json",
        ],
        vec!["content", "check"],
        vec!["content", "breathing"],
        vec!["paths"],
        vec!["--help"],
    ];
    for args in commands {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let out = fixture
            .command("pass", &args)
            .stdin(Stdio::null())
            .stdout(writer)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let stderr = text(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        // clap prints help itself and exits 0 or reports the closed pipe; either is quiet.
        if args != ["--help"] {
            assert_eq!(code(&out), Some(141), "{args:?}: {stderr}");
        }
    }
    // An add whose reader went away keeps what it saved and stops.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let mut child = fixture
        .command("pass", &["journal", "add", "--stdin-lines"])
        .stdin(Stdio::piped())
        .stdout(writer)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"first line\nsecond line\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(code(&out), Some(141), "{}", text(&out.stderr));
    assert_eq!(
        fixture.ids("pass").unwrap().len(),
        4,
        "the first line was saved, then it stopped"
    );
}

/// Files that are not regular files, endless streams and huge lines are refused at once, with
/// the file named, and nothing hangs.
#[test]
fn devices_fifos_and_endless_input_are_refused_without_hanging() {
    let fixture = Fixture::new();
    fixture.init();
    let fifo = fixture.file("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let fifo = fifo.to_str().unwrap();
    let cases: Vec<Vec<&str>> = vec![
        vec!["--passphrase-file", "/dev/zero", "journal", "list"],
        vec!["--passphrase-file", fifo, "journal", "list"],
        vec!["journal", "add", "--file", "/dev/zero"],
        vec!["journal", "add", "--file", fifo],
        vec!["journal", "import", fifo],
        vec!["journal", "import", "/dev/zero"],
        vec!["journal", "restore", fifo],
        vec!["journal", "restore", "/dev/zero"],
        vec!["rituals", "import-ics", fifo],
        vec!["rituals", "import-ics", "/dev/zero"],
        vec!["journal", "passwd", "--new-passphrase-file", fifo],
    ];
    for args in cases {
        let started = Instant::now();
        let out = fixture.run(&args);
        assert_eq!(code(&out), Some(4), "{args:?}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("not a regular file"),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(started.elapsed() < Duration::from_secs(10), "{args:?} hung");
    }
    // An endless stdin, and one huge line, are cut at one entry's size.
    for (name, input) in [
        ("/dev/zero", None),
        ("a 2 MiB line", Some(vec![b'x'; 2 * 1024 * 1024])),
    ] {
        let stdin = match &input {
            None => Stdio::from(std::fs::File::open("/dev/zero").unwrap()),
            Some(_) => Stdio::piped(),
        };
        let mut child = fixture
            .command("pass", &["journal", "add", "--stdin-lines"])
            .stdin(stdin)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(bytes) = input {
            let mut pipe = child.stdin.take().unwrap();
            std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            });
        }
        let out = child.wait_with_output().unwrap();
        assert_eq!(code(&out), Some(4), "{name}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains("longer than an entry may be"),
            "{name}: {}",
            text(&out.stderr)
        );
    }
    // A content folder with a FIFO named like a content file, and a link back to itself.
    let content = fixture.file("content");
    std::fs::create_dir(&content).unwrap();
    std::process::Command::new("mkfifo")
        .arg(content.join("decks.toml"))
        .status()
        .unwrap();
    std::os::unix::fs::symlink(&content, content.join("loop")).unwrap();
    let started = Instant::now();
    let out = fixture.run(&["content", "check", content.to_str().unwrap()]);
    assert_eq!(code(&out), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("decks.toml"),
        "{}",
        text(&out.stderr)
    );
    assert!(started.elapsed() < Duration::from_secs(10));
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Everything Hearth writes is private from its creation, whatever the umask: the data folder
/// 0700, and every file in it (write-ahead logs included) and every export 0600.
#[test]
fn every_created_path_is_private_whatever_the_umask() {
    let fixture = Fixture::new();
    let run = |args: &[&str]| {
        let command = fixture.command("pass", &[]);
        let program = command.get_program().to_owned();
        let mut shell = std::process::Command::new("sh");
        shell
            .arg("-c")
            .arg("umask 000; exec \"$0\" \"$@\"")
            .arg(program)
            .args(args)
            .envs(command.get_envs().filter_map(|(k, v)| v.map(|v| (k, v))))
            .stdin(Stdio::null());
        let out = shell.output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        out
    };
    run(&["journal", "init"]);
    run(&["journal", "add", "--text", "private"]);
    run(&[
        "rituals",
        "add",
        "--title",
        "Walk",
        "--rrule",
        "FREQ=DAILY",
        "--start",
        "2026-11-29T10:00",
    ]);
    let exports = fixture.file("exports");
    std::fs::create_dir(&exports).unwrap();
    let out_path = |name: &str| exports.join(name).to_str().unwrap().to_owned();
    run(&["journal", "backup", "--out", &out_path("b.hearth-backup")]);
    run(&[
        "journal",
        "export",
        "--plaintext",
        "--format",
        "json",
        "--out",
        &out_path("e.json"),
    ]);
    run(&[
        "journal",
        "export",
        "--plaintext",
        "--out",
        &out_path("e.md"),
    ]);
    run(&["rituals", "export-ics", "--out", &out_path("r.ics")]);

    // A writer holding the journal open, so its write-ahead log exists to be checked.
    let mut writer = fixture
        .command("pass", &["journal", "add", "--stdin-lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = writer.stdin.take().unwrap();
    writeln!(input, "keeps the log open").unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(writer.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert_eq!(mode(&fixture.data()), 0o700);
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(fixture.data()).unwrap() {
        let path = entry.unwrap().path();
        seen.push(path.file_name().unwrap().to_string_lossy().into_owned());
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    assert!(seen.iter().any(|n| n == "journal.sqlite3-wal"), "{seen:?}");
    assert!(seen.iter().any(|n| n == "schedule.sqlite3"), "{seen:?}");
    for entry in std::fs::read_dir(&exports).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
    drop(input);
    assert!(writer.wait().unwrap().success());
}

/// Text a partner wrote never reaches a terminal as escape sequences, and new text with them
/// is refused (journals from the first release may hold some: see `compat`).
#[test]
fn escape_sequences_are_refused_in_new_entries() {
    let fixture = Fixture::new();
    fixture.init();
    for (args, field) in [
        (vec!["journal", "add", "--text", "red \u{1b}[31m"], "text"),
        (
            vec![
                "journal",
                "add",
                "--text",
                "fine",
                "--author",
                "\u{1b}]0;x\u{7}",
            ],
            "author",
        ),
        (
            vec!["journal", "add", "--text", "fine", "--tag", "a\u{1b}b"],
            "tags",
        ),
    ] {
        let out = fixture.run(&args);
        assert_eq!(code(&out), Some(4), "{args:?}");
        let stderr = out.stderr.clone();
        assert!(
            !stderr.contains(&0x1b),
            "raw escape on stderr: {}",
            text(&stderr)
        );
        assert!(text(&stderr).contains(field), "{}", text(&stderr));
    }
    assert_eq!(fixture.ids("pass").unwrap().len(), 0);
}

/// Calendars from other programs import: a byte-order mark, lines folded with a tab, and
/// Windows time-zone names as Outlook writes them.
#[test]
fn calendars_from_other_programs_import() {
    let fixture = Fixture::new();
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../fuzz/corpus/ics");
    let out = fixture.run(&[
        "rituals",
        "import-ics",
        corpus.join("outlook.ics").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("1 added, 0 left out"),
        "{}",
        text(&out.stderr)
    );
    let out = fixture.run(&[
        "rituals",
        "import-ics",
        corpus.join("with-bom.ics").to_str().unwrap(),
    ]);
    assert!(
        text(&out.stderr).contains("3 added, 0 left out"),
        "{}",
        text(&out.stderr)
    );
    let listed: serde_json::Value =
        serde_json::from_slice(&fixture.run(&["rituals", "list", "--json"]).stdout).unwrap();
    let tea = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "Thursday tea")
        .unwrap();
    assert_eq!(tea["tz"], "Europe/Berlin");
    assert_eq!(tea["rrule"], "FREQ=WEEKLY;BYDAY=TH");
    assert_eq!(tea["start_local"], "2026-12-03T17:00:00");
    assert_eq!(tea["duration_minutes"], 30);
    assert_eq!(tea["reminders"], serde_json::json!([15]));
}
