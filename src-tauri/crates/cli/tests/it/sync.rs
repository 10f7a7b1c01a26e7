//! `hearth-cli sync` as a black box: two data folders meeting in one exchange folder (a plain
//! folder here; `tests/sync/` runs the same commands over two real Syncthing instances).

use std::path::Path;

use crate::support::{Fixture, text};

fn ok(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", text(&out.stderr));
    text(&out.stdout)
}

fn texts(fixture: &Fixture) -> Vec<String> {
    let out = fixture.run(&["journal", "list", "--limit", "1000", "--json"]);
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut texts: Vec<String> = entries
        .iter()
        .map(|e| e["text"].as_str().unwrap().to_owned())
        .collect();
    texts.sort();
    texts
}

/// Two paired data folders and their exchange folder.
pub fn paired() -> (Fixture, Fixture, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let (ana, sam) = (Fixture::new(), Fixture::new());
    ana.init();
    sam.init();
    let exchange = folder.path().to_str().unwrap();
    ok(&ana.run(&["sync", "setup", "--folder", exchange]));
    let code = ok(&ana.run(&["sync", "invite"]));
    assert_eq!(code.lines().count(), 1, "{code}");
    std::fs::write(sam.file("code"), &code).unwrap();
    ok(&sam.run(&[
        "sync",
        "join",
        "--folder",
        exchange,
        "--code-file",
        sam.file("code").to_str().unwrap(),
    ]));
    ok(&ana.run(&["sync", "now"]));
    (ana, sam, folder)
}

#[test]
fn entries_written_on_either_computer_reach_the_other() {
    let (ana, sam, _folder) = paired();
    ok(&ana.run(&["journal", "add", "--text", "Written on Ana's computer."]));
    ok(&sam.run(&["journal", "add", "--text", "Written on Sam's computer."]));
    ok(&ana.run(&["sync", "now"]));
    ok(&sam.run(&["sync", "now"]));
    ok(&ana.run(&["sync", "now"]));
    let both = vec![
        "Written on Ana's computer.".to_owned(),
        "Written on Sam's computer.".to_owned(),
    ];
    assert_eq!(texts(&ana), both);
    assert_eq!(texts(&sam), both);
    let status: serde_json::Value =
        serde_json::from_str(&ok(&sam.run(&["sync", "status", "--json"]))).unwrap();
    assert_eq!(status["paired"], true);
    assert_eq!(status["devices"].as_array().unwrap().len(), 1);
    assert_eq!(status["waitingNotebook"], 0);
}

#[test]
fn a_wrong_code_exits_3_and_a_code_on_the_command_line_is_not_taken() {
    let folder = tempfile::tempdir().unwrap();
    let (ana, sam) = (Fixture::new(), Fixture::new());
    ana.init();
    sam.init();
    let exchange = folder.path().to_str().unwrap();
    ok(&ana.run(&["sync", "setup", "--folder", exchange]));
    ok(&ana.run(&["sync", "invite"]));
    std::fs::write(sam.file("code"), "7KQ2-XW9D-M3TF\n").unwrap();
    let wrong = sam.run(&[
        "sync",
        "join",
        "--folder",
        exchange,
        "--code-file",
        sam.file("code").to_str().unwrap(),
    ]);
    assert_eq!(wrong.status.code(), Some(3), "{}", text(&wrong.stderr));
    assert!(text(&wrong.stderr).contains("does not open any invitation"));
    let argument = sam.run(&[
        "sync",
        "join",
        "--folder",
        exchange,
        "--code",
        "7KQ2-XW9D-M3TF",
    ]);
    assert_eq!(argument.status.code(), Some(2), "usage error");
    let status = ok(&sam.run(&["sync", "status"]));
    assert_eq!(status.trim(), "not paired");
}

#[test]
fn a_changed_segment_is_named_on_stderr_with_exit_4_and_the_rest_applies() {
    let (ana, sam, folder) = paired();
    ok(&ana.run(&["journal", "add", "--text", "One."]));
    ok(&ana.run(&["sync", "now"]));
    ok(&ana.run(&["journal", "add", "--text", "Two."]));
    ok(&ana.run(&[
        "rituals",
        "add",
        "--title",
        "Tea",
        "--rrule",
        "FREQ=DAILY",
        "--start",
        "2026-12-01T17:00",
    ]));
    ok(&ana.run(&["sync", "now"]));
    let newest = newest_notebook(folder.path());
    let mut bytes = std::fs::read(&newest).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&newest, &bytes).unwrap();
    let out = sam.run(&["sync", "now"]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains(newest.file_name().unwrap().to_str().unwrap()),
        "{}",
        text(&out.stderr)
    );
    assert!(
        texts(&sam).contains(&"One.".to_owned()),
        "the valid segment before it applied"
    );
    assert!(!texts(&sam).contains(&"Two.".to_owned()));
    let rituals = ok(&sam.run(&["rituals", "list"]));
    assert!(
        rituals.contains("Tea"),
        "the calendar is a stream of its own: {rituals}"
    );
}

fn newest_notebook(folder: &Path) -> std::path::PathBuf {
    let mut found = Vec::new();
    for device in std::fs::read_dir(folder.join("devices")).unwrap() {
        for file in std::fs::read_dir(device.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path
                .file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("notebook-")
            {
                found.push((std::fs::metadata(&path).unwrap().modified().unwrap(), path));
            }
        }
    }
    found.sort();
    found.pop().unwrap().1
}
