//! The CLI's safety figures: no plaintext on disk, kill -9 loses no
//! acknowledged entry, a passphrase change killed at any point leaves exactly one passphrase
//! working, a full disk loses nothing, no core dumps.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::*;

/// No plaintext on disk: 1,000 entries with unique markers,
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

/// Kill -9 during writes. The writer prints an id only after its commit
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

/// A passphrase change killed at random points leaves exactly one of
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
        assert_eq!(names, ["journal.key", "journal.lock", "journal.sqlite3"]);
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

/// Disk full. The data folder is moved onto a tmpfs with a little room left
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

/// No core dumps. A running `hearth-cli` holding an unlocked journal has a
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
