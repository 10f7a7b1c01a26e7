//! Unit tests for `ics`.

use super::*;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap()
}

fn ritual(schedule: &str, zone: Zone) -> Ritual {
    Ritual {
        id: "abc".into(),
        title: "Sunday walk, with questions".into(),
        practice: Some(Practice::WalkQuestions),
        schedule: Schedule::parse(schedule).unwrap(),
        start: NaiveDateTime::parse_from_str("2026-11-29T10:30", "%Y-%m-%dT%H:%M").unwrap(),
        zone,
        duration_minutes: 90,
        reminders: vec![0, 15],
        except: vec![NaiveDate::from_ymd_opt(2026, 12, 27).unwrap()],
        paused_until: None,
        archived: false,
        reminders_from: now(),
    }
}

#[test]
fn a_round_trip_keeps_rule_zone_length_reminders_and_exceptions() {
    let berlin = Zone::Pinned("Europe/Berlin".parse().unwrap());
    let originals = vec![
        ritual("FREQ=WEEKLY;BYDAY=SU", berlin),
        ritual("FREQ=MONTHLY;COUNT=6;BYDAY=-1FR", Zone::Floating),
        ritual("TIMES_PER_WEEK=3;REMIND_ON=FR", Zone::Floating),
    ];
    let text = export_ics(&originals, now());
    assert!(
        text.contains("DTSTART;TZID=Europe/Berlin:20261129T103000"),
        "{text}"
    );
    assert!(
        text.contains("DTSTART:20261129T103000"),
        "floating stays floating"
    );
    assert!(text.contains("RRULE:FREQ=WEEKLY;BYDAY=SU"));
    let (back, left_out) = parse_ics(&text, now()).unwrap();
    assert!(left_out.is_empty(), "{left_out:?}");
    for (original, back) in originals.iter().zip(&back) {
        assert_eq!(back.title, original.title);
        assert_eq!(back.schedule, original.schedule);
        assert_eq!(back.zone, original.zone);
        assert_eq!(back.start, original.start);
        assert_eq!(back.duration_minutes, 90);
        assert_eq!(back.reminders, vec![0, 15]);
        assert_eq!(back.except, original.except);
        assert_eq!(back.practice, original.practice);
    }
}

#[test]
fn events_hearth_cannot_keep_are_listed_with_a_reason() {
    let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n\
BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Dentist\r\nDTSTART:20261201T090000Z\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:2\r\nSUMMARY:Standup\r\nDTSTART;TZID=Europe/London:20261201T090000\r\nRRULE:FREQ=DAILY;BYHOUR=9,15\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:3\r\nSUMMARY:Holiday\r\nDTSTART;VALUE=DATE:20261224\r\nRRULE:FREQ=YEARLY\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:4\r\nSUMMARY:Date night\r\nDTSTART;TZID=America/New_York:20261204T190000\r\nDTEND;TZID=America/New_York:20261204T213000\r\nRRULE:FREQ=WEEKLY;BYDAY=FR;UNTIL=20270601T000000Z\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let (rituals, left_out) = parse_ics(text, now()).unwrap();
    assert_eq!(rituals.len(), 1);
    assert_eq!(rituals[0].title, "Date night");
    assert_eq!(rituals[0].duration_minutes, 150);
    assert_eq!(left_out.len(), 3);
    assert!(left_out[0].contains("Dentist") && left_out[0].contains("does not repeat"));
    assert!(left_out[1].contains("BYHOUR"));
    assert!(left_out[2].contains("all day"));
}

#[test]
fn unreadable_files_are_refused_whole() {
    for text in ["", "hello", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"] {
        assert_eq!(
            parse_ics(text, now()).unwrap_err().kind,
            ApiErrorKind::InvalidInput,
            "{text:?}"
        );
    }
}

/// Fuzzing, bounded: thousands of mutated exports and random rule strings never panic, and
/// each answer comes quickly.
#[test]
fn mutated_files_and_rules_never_panic() {
    let base = export_ics(&[ritual("FREQ=MONTHLY;BYDAY=2SU", Zone::Floating)], now());
    let bytes = base.as_bytes().to_vec();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let alphabet = b"FREQ=DAILYWEKMONTHBYDA;,-0123456789SUTHCOUNTILZ:\r\n";
    for round in 0..3000 {
        let mut mutated = bytes.clone();
        for _ in 0..(1 + next() % 8) {
            let at = usize::try_from(next() % mutated.len() as u64).unwrap();
            let with = alphabet[usize::try_from(next() % alphabet.len() as u64).unwrap()];
            match next() % 3 {
                0 => mutated[at] = with,
                1 => mutated.insert(at, with),
                _ => {
                    mutated.remove(at);
                }
            }
        }
        let text = String::from_utf8_lossy(&mutated);
        let started = std::time::Instant::now();
        let _ = parse_ics(&text, now());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "round {round}"
        );

        let rule: String = (0..(next() % 40))
            .map(|_| char::from(alphabet[usize::try_from(next() % alphabet.len() as u64).unwrap()]))
            .collect();
        if let Ok(rule) = Rule::parse(&rule) {
            let start =
                NaiveDateTime::parse_from_str("2026-01-31T23:30", "%Y-%m-%dT%H:%M").unwrap();
            let far = start + Duration::days(3650);
            let found = rule.occurrences(start, &[], start, far);
            assert!(found.len() <= hearth_core::recurrence::MAX_OCCURRENCES as usize);
        }
    }
}
