//! `hearth-cli rituals` as a black box: the contract in the README, with the computer's zone set
//! through `TZ` so clock changes are exercised.

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

#[test]
fn mark_records_done_skipped_or_nothing_and_names_an_occurrence_the_ritual_does_not_have() {
    let data = Data::new();
    let walk = data.ok(
        "UTC",
        &[
            "rituals",
            "add",
            "--title",
            "Sunday walk",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=SU",
            "--start",
            "2026-11-01T10:00",
        ],
    );
    let walk = walk.trim();
    let states = || {
        let list = data.json(
            "UTC",
            &[
                "rituals",
                "occurrences",
                "--from",
                "2026-11-01",
                "--to",
                "2026-11-15",
                "--json",
            ],
        );
        list.as_array()
            .unwrap()
            .iter()
            .map(|o| (o["key"].as_str().unwrap().to_owned(), o["state"].clone()))
            .collect::<Vec<_>>()
    };
    let keys: Vec<String> = states().into_iter().map(|(key, _)| key).collect();
    assert_eq!(
        keys,
        ["2026-11-01T10:00", "2026-11-08T10:00", "2026-11-15T10:00"]
    );

    let said = data.ok(
        "UTC",
        &["rituals", "mark", walk, "2026-11-01T10:00", "done"],
    );
    assert_eq!(said, "Sunday walk 2026-11-01T10:00: done\n");
    data.ok(
        "UTC",
        &["rituals", "mark", walk, "2026-11-08T10:00", "skipped"],
    );
    let marked = states();
    assert_eq!(marked[0].1, "done");
    assert_eq!(marked[1].1, "skipped");
    assert_eq!(marked[2].1, serde_json::Value::Null);

    // A Monday the walk does not have, an unknown ritual, a key that is not a time: named, and
    // nothing recorded.
    for (args, names, code) in [
        (
            vec![walk, "2026-11-09T10:00", "done"],
            "no occurrence at 2026-11-09T10:00",
            4,
        ),
        (vec!["nope", "2026-11-01T10:00", "done"], "nope", 4),
        (vec![walk, "Sunday", "done"], "occurrence", 4),
        (vec![walk, "2026-11-15T10:00", "maybe"], "maybe", 2),
    ] {
        let out = data.run("UTC", &[&["rituals", "mark"][..], &args].concat());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {stderr}");
        assert!(stderr.contains(names), "{args:?}: {stderr}");
    }
    assert_eq!(states(), marked);

    data.ok(
        "UTC",
        &["rituals", "mark", walk, "2026-11-01T10:00", "clear"],
    );
    assert_eq!(states()[0].1, serde_json::Value::Null);
}

/// The system Python with the `icalendar` package (Debian: python3-icalendar), an ICS parser
/// written independently of ours.
const PYTHON: &str = "/usr/bin/python3";

#[test]
fn an_export_reads_back_in_hearth_and_in_an_independent_parser() {
    let data = Data::new();
    let walk = data.ok(
        "Europe/Berlin",
        &[
            "rituals",
            "add",
            "--title",
            "Sunday walk",
            "--rrule",
            "FREQ=WEEKLY;BYDAY=SU",
            "--start",
            "2026-11-29T10:30",
            "--tz",
            "Europe/Berlin",
            "--duration",
            "90",
            "--practice",
            "walk_questions",
            "--remind-before",
            "15",
        ],
    );
    data.ok(
        "Europe/Berlin",
        &[
            "rituals",
            "add",
            "--title",
            "Three good things",
            "--rrule",
            "FREQ=DAILY;UNTIL=20270101",
            "--start",
            "2026-11-26T21:30",
        ],
    );
    let file = data.0.path().join("rituals.ics");
    let file_text = file.to_str().unwrap();
    data.ok(
        "Europe/Berlin",
        &["rituals", "export-ics", "--out", file_text],
    );

    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for event in cal.walk('VEVENT'):
    start = event.decoded('DTSTART')
    zone = getattr(start.tzinfo, 'zone', None) or getattr(start.tzinfo, 'key', None) or str(start.tzinfo)
    rule = event.get('RRULE').to_ical().decode()
    alarms = [str(a.get('TRIGGER').to_ical().decode()) for a in event.walk('VALARM')]
    minutes = int(event.decoded('DURATION').total_seconds() // 60)
    print('|'.join([str(event.get('SUMMARY')), start.strftime('%Y-%m-%dT%H:%M'), zone, rule, str(minutes), ','.join(alarms)]))
"#;
    let out = Command::new(PYTHON)
        .args(["-c", script, file_text])
        .output()
        .expect("/usr/bin/python3 runs (Debian: apt install python3-icalendar)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let walk_line: Vec<&str> = lines[0].split('|').collect();
    assert_eq!(
        walk_line[..5],
        [
            "Sunday walk",
            "2026-11-29T10:30",
            "Europe/Berlin",
            "FREQ=WEEKLY;BYDAY=SU",
            "90"
        ]
    );
    assert!(walk_line[5].contains("-PT15M"), "{}", walk_line[5]);
    let floating: Vec<&str> = lines[1].split('|').collect();
    assert_eq!(floating[1], "2026-11-26T21:30");
    assert_eq!(floating[2], "None", "floating time has no zone");
    assert!(
        floating[3].starts_with("FREQ=DAILY;UNTIL=20270101"),
        "{}",
        floating[3]
    );

    // Back into another Hearth: same rules and zones.
    let other = Data::new();
    let added = other.ok("Europe/Berlin", &["rituals", "import-ics", file_text]);
    assert_eq!(added.lines().count(), 2, "{added}");
    let list = other.json("Europe/Berlin", &["rituals", "list", "--json"]);
    assert_eq!(list[0]["title"], "Sunday walk");
    assert_eq!(list[0]["rrule"], "FREQ=WEEKLY;BYDAY=SU");
    assert_eq!(list[0]["tz"], "Europe/Berlin");
    assert_eq!(list[0]["floating"], false);
    assert_eq!(list[0]["reminders"], serde_json::json!([0, 15]));
    assert_eq!(list[1]["floating"], true);
    assert!(!walk.trim().is_empty());
}

#[test]
fn a_broken_calendar_file_changes_nothing_and_says_why() {
    let data = Data::new();
    let file = data.0.path().join("broken.ics");
    std::fs::write(&file, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:half").unwrap();
    let schedule = data.0.path().join("schedule.sqlite3");
    data.ok("UTC", &["rituals", "list"]);
    let before = std::fs::read(&schedule).unwrap();
    let out = data.run("UTC", &["rituals", "import-ics", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("not a calendar file"), "{stderr}");
    assert_eq!(
        std::fs::read(&schedule).unwrap(),
        before,
        "the database is byte-identical"
    );
    let missing = data.run("UTC", &["rituals", "import-ics", "/nonexistent/x.ics"]);
    assert_eq!(missing.status.code(), Some(4));
}
