//! The insights report against real databases, with hand-computed expectations: local weeks in
//! Paris across the spring clock change, gaps where nothing was recorded, a locked journal.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;
use hearth_app::dto::insights::InsightsRange;
use hearth_app::dto::{OccurrenceAction, Partners, RitualInput};
use hearth_app::input::{EntryKind, NewEntry};
use hearth_app::{Hearth, KdfStrength, Passphrase};
use zeroize::Zeroizing;

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn passphrase() -> Passphrase {
    Passphrase::new(Zeroizing::new("correct horse battery".into()))
}

fn check_in(author: &str, mood: u8, closeness: u8) -> NewEntry {
    NewEntry {
        text: "A good day.".into(),
        kind: EntryKind::CheckIn,
        author: author.into(),
        mood: Some(mood),
        closeness: Some(closeness),
        tags: Vec::new(),
        occurrence: None,
        score: None,
    }
}

fn entry(kind: EntryKind, author: &str, score: Option<u8>) -> NewEntry {
    NewEntry {
        text: "words".into(),
        kind,
        author: author.into(),
        mood: None,
        closeness: None,
        tags: Vec::new(),
        occurrence: None,
        score,
    }
}

/// Thursday 2 April 2026, 14:00 in Paris (CEST since Sunday 29 March).
const NOW: &str = "2026-04-02T12:00:00Z";

fn hearth_with_a_month() -> (tempfile::TempDir, Hearth) {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let journal = hearth.journal();
    journal
        .set_up(
            &passphrase(),
            KdfStrength::Floor,
            at("2026-03-01T08:00:00Z"),
        )
        .unwrap();
    journal.set_idle_lock(std::time::Duration::from_secs(3600 * 24 * 60));
    journal
        .with_journal(at("2026-03-01T08:00:00Z"), |j| {
            j.set_partners(
                &Partners {
                    names: vec!["Ana".into(), "Sam".into()],
                    colours: vec!["sage".into(), "plum".into()],
                    pronouns: Vec::new(),
                },
                at("2026-03-01T08:00:00Z"),
            )
        })
        .unwrap();
    // (instant, entry), in the order written.
    let written = [
        // Week of Monday 9 March.
        ("2026-03-10T19:00:00Z", check_in("Ana", 4, 3)),
        ("2026-03-12T19:00:00Z", check_in("Ana", 2, 5)),
        ("2026-03-12T19:05:00Z", check_in("Sam", 3, 3)),
        (
            "2026-03-15T18:00:00Z",
            entry(EntryKind::SelfCheck, "Ana", Some(70)),
        ),
        // Week of 16 March: nothing at all.
        // Sunday 29 March 23:30 CEST (21:30Z) is still the week of Monday 23 March...
        ("2026-03-29T21:30:00Z", check_in("Sam", 5, 4)),
        (
            "2026-03-29T21:31:00Z",
            entry(EntryKind::SelfCheck, "Sam", Some(40)),
        ),
        // ...and 00:30 CEST on Monday 30 March (22:30Z the day before) is the next week.
        ("2026-03-29T22:30:00Z", check_in("Sam", 1, 2)),
        (
            "2026-03-31T20:00:00Z",
            entry(EntryKind::ThreeGoodThings, "Ana", None),
        ),
        (
            "2026-04-01T20:00:00Z",
            entry(EntryKind::Appreciation, "Sam", None),
        ),
        (
            "2026-04-02T11:00:00Z",
            entry(EntryKind::SelfCheck, "Ana", Some(65)),
        ),
    ];
    for (when, new) in written {
        journal
            .with_journal(at(when), |j| j.add(new, at(when)))
            .unwrap();
    }
    // Outside the journal: phones-off hours and breathing sessions.
    hearth
        .start_phones_off(60, at("2026-03-11T18:00:00Z"))
        .unwrap();
    hearth
        .start_phones_off(30, at("2026-03-31T18:00:00Z"))
        .unwrap();
    hearth
        .start_breathing("box", 5, None, at("2026-03-24T07:00:00Z"))
        .unwrap();
    // Stopped after 2 minutes 30 seconds: counts 2 whole minutes.
    hearth.stop_breathing(at("2026-03-24T07:02:30Z")).unwrap();
    hearth
        .start_breathing("box", 10, None, at("2026-04-01T07:00:00Z"))
        .unwrap();
    // A daily ritual since 23 March, kept three times this week.
    let ritual = hearth
        .add_ritual(
            &RitualInput {
                title: "Tea together".into(),
                practice: Some(hearth_app::dto::Practice::CheckIn),
                schedule: hearth_app::dto::ScheduleInput::Rule {
                    rule: "FREQ=DAILY".into(),
                },
                start: "2026-03-23T08:00".into(),
                tz: None,
                duration_minutes: 15,
                reminders: vec![0],
                paused_until: None,
            },
            at("2026-03-22T08:00:00Z"),
        )
        .unwrap();
    for key in [
        "2026-03-25T08:00",
        "2026-03-30T08:00",
        "2026-03-31T08:00",
        "2026-04-02T08:00",
    ] {
        hearth
            .act_on_occurrence(
                &ritual.id,
                key,
                OccurrenceAction::Done,
                at("2026-04-02T09:00:00Z"),
            )
            .unwrap();
    }
    (dir, hearth)
}

#[test]
fn a_month_buckets_each_partner_by_local_week_across_the_clock_change() {
    let (_dir, hearth) = hearth_with_a_month();
    let report = hearth
        .insights(InsightsRange::Month, at(NOW), Paris)
        .unwrap();
    assert!(report.journal_unlocked);
    let starts: Vec<&str> = report.buckets.iter().map(|b| b.start.as_str()).collect();
    assert_eq!(
        starts,
        [
            "2026-03-02",
            "2026-03-09",
            "2026-03-16",
            "2026-03-23",
            "2026-03-30"
        ]
    );
    assert_eq!(report.buckets[4].label, "30 Mar");
    let ana = &report.partners[0];
    assert_eq!((ana.name.as_str(), ana.colour.as_str()), ("Ana", "sage"));
    // Ana: 4 and 2 in the week of 9 March: mood 3.0, closeness (3 + 5) / 2 = 4.0.
    assert_eq!(ana.mood, [None, Some(3.0), None, None, None]);
    assert_eq!(ana.closeness, [None, Some(4.0), None, None, None]);
    let sam = &report.partners[1];
    assert_eq!(sam.mood, [None, Some(3.0), None, Some(5.0), Some(1.0)]);
    assert_eq!(sam.closeness, [None, Some(3.0), None, Some(4.0), Some(2.0)]);
    assert_eq!(
        report.self_check,
        [None, Some(70.0), None, Some(40.0), Some(65.0)]
    );
    assert_eq!(report.phones_off_minutes, [0, 60, 0, 0, 30]);
    assert_eq!(report.breathing_minutes, [0, 0, 0, 2, 10]);
    assert_eq!((report.check_in_count, report.self_check_count), (5, 3));
    let kept: Vec<(u32, u32)> = report.rituals.iter().map(|w| (w.kept, w.planned)).collect();
    // The ritual began on Monday 23 March: nothing planned before that week.
    assert_eq!(kept, [(0, 0), (0, 0), (0, 0), (1, 7), (3, 7)]);

    let look = &report.look_back;
    assert_eq!(look.week_start, "2026-03-30");
    assert_eq!(look.check_ins, Some(1));
    assert_eq!(look.good_things, Some(1));
    assert_eq!(look.appreciations, Some(1));
    assert_eq!((look.phones_off_minutes, look.breathing_minutes), (30, 10));
    assert_eq!(look.rituals_kept.len(), 1);
    assert_eq!(
        (
            look.rituals_kept[0].title.as_str(),
            look.rituals_kept[0].kept
        ),
        ("Tea together", 3)
    );
    // The week had a check-in, a phones-off hour, breathing and good things: a walk next.
    assert_eq!(look.suggestion, hearth_app::dto::Practice::WalkQuestions);
}

#[test]
fn the_week_is_seven_local_days_and_the_all_range_starts_at_the_first_record() {
    let (_dir, hearth) = hearth_with_a_month();
    let week = hearth
        .insights(InsightsRange::Week, at(NOW), Paris)
        .unwrap();
    let labels: Vec<&str> = week.buckets.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Fri 27", "Sat 28", "Sun 29", "Mon 30", "Tue 31", "Wed 1", "Thu 2"
        ]
    );
    // Sam's two check-ins of the clock-change night fall on Sunday and Monday.
    assert_eq!(
        week.partners[1].mood,
        [None, None, Some(5.0), Some(1.0), None, None, None]
    );
    assert_eq!(week.breathing_minutes, [0, 0, 0, 0, 0, 10, 0]);
    assert_eq!(week.rituals.len(), 1, "the week range shows this week only");

    let all = hearth.insights(InsightsRange::All, at(NOW), Paris).unwrap();
    // The first record is Ana's check-in on 10 March: weeks from Monday 9 March.
    assert_eq!(
        all.buckets.first().map(|b| b.start.as_str()),
        Some("2026-03-09")
    );
    assert_eq!(all.buckets.len(), 4);
}

#[test]
fn a_locked_journal_shows_only_what_lives_outside_it() {
    let (_dir, hearth) = hearth_with_a_month();
    hearth.journal().lock();
    let report = hearth
        .insights(InsightsRange::Month, at(NOW), Paris)
        .unwrap();
    assert!(!report.journal_unlocked);
    assert!(report.partners.is_empty());
    assert!(report.self_check.is_empty());
    assert_eq!((report.check_in_count, report.self_check_count), (0, 0));
    assert_eq!(report.phones_off_minutes, [0, 60, 0, 0, 30]);
    assert_eq!(report.breathing_minutes, [0, 0, 0, 2, 10]);
    assert_eq!(report.look_back.check_ins, None);
    assert_eq!(report.look_back.good_things, None);
    // Locked counts are unknown, not zero: the suggestion does not ask for a check-in.
    assert_eq!(
        report.look_back.suggestion,
        hearth_app::dto::Practice::WalkQuestions
    );
}

#[test]
fn an_empty_hearth_reports_zeros_and_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let report = hearth.insights(InsightsRange::All, at(NOW), Paris).unwrap();
    assert_eq!(report.buckets.len(), 1);
    assert!(report.rituals.is_empty());
    assert_eq!(report.phones_off_minutes, [0]);
    assert_eq!(
        report.look_back.suggestion,
        hearth_app::dto::Practice::PhonesOffHour
    );
}
