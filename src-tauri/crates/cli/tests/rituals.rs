//! `hearth-cli rituals` as a black box: the contract in the README, with the computer's zone set
//! through `TZ` so clock changes are exercised.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Command, Output};

struct Data(tempfile::TempDir);

impl Data {
    fn new() -> Self {
        Self(tempfile::tempdir().unwrap())
    }

    fn run(&self, zone: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_hearth-cli"))
            .args(args)
            .env("HEARTH_DATA_DIR", self.0.path())
            .env("TZ", zone)
            .output()
            .unwrap()
    }

    fn ok(&self, zone: &str, args: &[&str]) -> String {
        let out = self.run(zone, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    fn json(&self, zone: &str, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(zone, args)).unwrap()
    }
}

const NEW_YORK: &str = "America/New_York";

#[test]
fn add_prints_the_id_and_occurrences_follow_the_contract() {
    let data = Data::new();
    let id = data.ok(
        NEW_YORK,
        &[
            "rituals",
            "add",
            "--title",
            "Night owls",
            "--rrule",
            "FREQ=DAILY",
            "--start",
            "2026-03-01T02:30",
            "--practice",
            "nightly_reflection",
        ],
    );
    let id = id.trim();
    assert_eq!(id.len(), 26, "{id}");
    let walk = data.ok(
        NEW_YORK,
        &[
            "rituals",
            "add",
            "--title",
            "Sunday walk",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=SU",
            "--start",
            "2026-03-01T10:00",
            "--tz",
            "Europe/London",
            "--remind-before",
            "15",
        ],
    );

    let list = data.json(NEW_YORK, &["rituals", "list", "--json"]);
    assert_eq!(list[0]["id"], id);
    assert_eq!(list[0]["tz"], NEW_YORK, "floating: the computer's zone");
    assert_eq!(list[0]["floating"], true);
    assert_eq!(list[1]["tz"], "Europe/London");
    assert_eq!(list[1]["reminders"], serde_json::json!([0, 15]));

    // 8 March 2026: New York springs forward; 02:30 does not exist and happens at 03:30.
    let found = data.json(
        NEW_YORK,
        &[
            "rituals",
            "occurrences",
            "--from",
            "2026-03-07",
            "--to",
            "2026-03-08",
            "--json",
        ],
    );
    let rows: Vec<(String, String, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["title"].as_str().unwrap().to_owned(),
                o["start_local"].as_str().unwrap().to_owned(),
                o["start_utc"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "Night owls".into(),
                "2026-03-07T02:30:00".into(),
                "2026-03-07T07:30:00Z".into()
            ),
            (
                "Night owls".into(),
                "2026-03-08T03:30:00".into(),
                "2026-03-08T07:30:00Z".into()
            ),
            (
                "Sunday walk".into(),
                "2026-03-08T10:00:00".into(),
                "2026-03-08T10:00:00Z".into()
            ),
        ]
    );
    assert_eq!(found[2]["ritual_id"], walk.trim());
    assert_eq!(found[2]["tz"], "Europe/London");
    assert_eq!(found[0]["tz"], NEW_YORK);

    // Travelling: the floating ritual keeps 02:30 wall time in Tokyo; the pinned one keeps
    // its London instant.
    let tokyo = data.json(
        "Asia/Tokyo",
        &[
            "rituals",
            "occurrences",
            "--from",
            "2026-03-08",
            "--to",
            "2026-03-08",
            "--json",
        ],
    );
    let starts: Vec<&str> = tokyo
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["start_local"].as_str().unwrap())
        .collect();
    assert!(starts.contains(&"2026-03-08T02:30:00"), "{starts:?}");
}

#[test]
fn bad_input_exits_4_naming_the_problem_and_adds_nothing() {
    let data = Data::new();
    for (args, names) in [
        (
            vec!["--rrule", "FREQ=HOURLY", "--start", "2026-03-01T10:00"],
            "FREQ=HOURLY",
        ),
        (vec!["--rrule", "FREQ=DAILY", "--start", "soon"], "start"),
        (
            vec![
                "--rrule",
                "FREQ=DAILY",
                "--start",
                "2026-03-01T10:00",
                "--tz",
                "Mars/Base",
            ],
            "tz",
        ),
        (
            vec![
                "--rrule",
                "FREQ=DAILY",
                "--start",
                "2026-03-01T10:00",
                "--duration",
                "0",
            ],
            "duration",
        ),
    ] {
        let mut full = vec!["rituals", "add", "--title", "x"];
        full.extend(args);
        let out = data.run("UTC", &full);
        assert_eq!(out.status.code(), Some(4), "{full:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(names), "{full:?}: {stderr}");
        assert_eq!(stderr.trim().lines().count(), 1);
    }
    let both = data.run(
        "UTC",
        &[
            "rituals",
            "add",
            "--title",
            "x",
            "--rrule",
            "FREQ=DAILY",
            "--start",
            "2026-03-01T10:00",
            "--tz",
            "UTC",
            "--floating",
        ],
    );
    assert_eq!(
        both.status.code(),
        Some(2),
        "--tz and --floating together is a usage error"
    );
    let out = data.run(
        "UTC",
        &[
            "rituals",
            "occurrences",
            "--from",
            "2026-03-08",
            "--to",
            "2026-03-01",
        ],
    );
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(
        data.json("UTC", &["rituals", "list", "--json"]),
        serde_json::json!([])
    );
}
