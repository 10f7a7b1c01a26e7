//! Backups, restores, exports and imports through the CLI.

use crate::support::*;

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
    assert!(bytes.starts_with(b"HEARTH-JOURNAL-BACKUP 2\n"));
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

    // The same journal after a passphrase change: the change re-encrypted the notebook, so the
    // old backup does not open with today's passphrase, and says which one it needs.
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
    let snapshot = fixture.snapshot();
    let out = fixture.run_with(
        "new-pass",
        &["journal", "restore", backup.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(3), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("made before the notebook's passphrase was changed"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        fixture.snapshot(),
        snapshot,
        "a refused restore changes nothing"
    );
    // With the passphrase of its day it restores, says so, and that passphrase opens it again.
    let out = fixture.run(&["journal", "restore", backup.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("opens with the passphrase it had then"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(entries_json(&fixture, "pass"), before);
    assert_eq!(fixture.ids("new-pass"), None);
    fixture.run_with(
        "pass",
        &[
            "journal",
            "passwd",
            "--new-passphrase-file",
            new_pass.to_str().unwrap(),
        ],
    );

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
