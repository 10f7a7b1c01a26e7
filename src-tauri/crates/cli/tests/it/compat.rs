//! What the first release wrote still works: its data folder opens (and is made private), its
//! key file's recovery key works until a passphrase change issues a new one, and its backups and
//! exports restore and import. The folder in `tests/fixtures/first-release` was written by it.

use std::path::{Path, PathBuf};

use crate::support::*;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/first-release")
}

/// A copy of the first release's data folder and files, with its passphrase as `pass`.
fn first_release() -> Fixture {
    let fixture = Fixture::new();
    std::fs::create_dir(fixture.data()).unwrap();
    for name in ["journal.key", "journal.sqlite3"] {
        std::fs::copy(
            fixture_dir().join("data").join(name),
            fixture.data().join(name),
        )
        .unwrap();
    }
    std::fs::copy(fixture_dir().join("pass"), fixture.file("pass")).unwrap();
    std::fs::copy(
        fixture_dir().join("recovery-key.txt"),
        fixture.file("recovery"),
    )
    .unwrap();
    fixture
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_first_releases_journal_opens_is_made_private_and_verifies() {
    let fixture = first_release();
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(fixture.data(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = fixture.run(&["journal", "list", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 3);
    assert_eq!(mode(&fixture.data()), 0o700);
    assert_eq!(mode(&fixture.data().join("journal.sqlite3")), 0o600);
    let verify = fixture.run(&["journal", "verify"]);
    assert!(verify.status.success(), "{}", text(&verify.stderr));
}

/// The first release let escape sequences into text and authors; they are shown, never obeyed.
#[test]
fn escape_sequences_from_the_first_release_never_reach_the_terminal_raw() {
    let fixture = first_release();
    let id = {
        let out = fixture.run(&["journal", "search", "bell", "--json"]);
        let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        found[0]["id"].as_str().unwrap().to_owned()
    };
    for args in [
        vec!["journal", "list"],
        vec!["journal", "list", "--json"],
        vec!["journal", "show", &id],
        vec!["journal", "show", &id, "--json"],
        vec!["journal", "search", "bell"],
    ] {
        let out = fixture.run(&args);
        assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
        for raw in [&[0x1b][..], &[0x07], &[0xc2, 0x9b]] {
            assert!(!contains(&out.stdout, raw), "{args:?} printed {raw:?} raw");
        }
        let shown = text(&out.stdout);
        assert!(
            shown.contains("\\x1b") || shown.contains("\\u001b"),
            "{args:?}: {shown}"
        );
    }
}

/// A passphrase change of a format 1 journal cannot carry the old recovery key over (it was
/// never stored, only used); a new one is printed once and the old one opens nothing new.
#[test]
fn changing_the_passphrase_of_a_first_release_journal_issues_a_new_recovery_key() {
    let fixture = first_release();
    let out = fixture.run(&[
        "journal",
        "passwd",
        "--new-passphrase-file",
        fixture.file("new-pass").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let new_key = text(&out.stdout).trim().to_owned();
    assert_eq!(new_key.split('-').count(), 13, "{new_key}");
    assert!(
        text(&out.stderr).contains("new recovery key"),
        "{}",
        text(&out.stderr)
    );
    std::fs::write(fixture.file("new-recovery"), format!("{new_key}\n")).unwrap();
    let recover = |key_file: &str| {
        fixture.run(&[
            "journal",
            "recover",
            "--recovery-key-file",
            fixture.file(key_file).to_str().unwrap(),
            "--new-passphrase-file",
            fixture.file("pass").to_str().unwrap(),
        ])
    };
    assert_eq!(recover("recovery").status.code(), Some(3));
    assert!(recover("new-recovery").status.success());
    assert_eq!(fixture.ids("pass").unwrap().len(), 3);
}

/// Recovering a format 1 journal uses its recovery key, so that key keeps working.
#[test]
fn recovering_a_first_release_journal_keeps_its_recovery_key() {
    let fixture = first_release();
    for new in ["new-pass", "pass"] {
        let out = fixture.run(&[
            "journal",
            "recover",
            "--recovery-key-file",
            fixture.file("recovery").to_str().unwrap(),
            "--new-passphrase-file",
            fixture.file(new).to_str().unwrap(),
        ]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "no new recovery key is printed");
    }
    let key = std::fs::read_to_string(fixture.data().join("journal.key")).unwrap();
    assert!(key.contains("\"format\": 2"), "{key}");
}

#[test]
fn the_first_releases_backup_restores_and_its_export_imports() {
    let fixture = Fixture::new();
    std::fs::copy(fixture_dir().join("pass"), fixture.file("pass")).unwrap();
    let backup = fixture_dir().join("v1.hearth-backup");
    let out = fixture.run(&["journal", "restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(fixture.ids("pass").unwrap().len(), 2);

    // A format 1 backup cut after its key line is refused, not restored as an empty journal.
    let bytes = std::fs::read(&backup).unwrap();
    let second = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(1)
        .unwrap()
        .0;
    let cut = fixture.file("cut.hearth-backup");
    std::fs::write(&cut, &bytes[..=second]).unwrap();
    let elsewhere = Fixture::new();
    std::fs::copy(fixture_dir().join("pass"), elsewhere.file("pass")).unwrap();
    let out = elsewhere.run(&["journal", "restore", cut.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("cut short"),
        "{}",
        text(&out.stderr)
    );
    assert!(!elsewhere.data().join("journal.sqlite3").exists());

    elsewhere.init();
    let export = fixture_dir().join("v1-export.json");
    let out = elsewhere.run(&["journal", "import", export.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(elsewhere.ids("pass").unwrap().len(), 2);
}
