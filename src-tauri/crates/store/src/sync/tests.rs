//! Unit tests for `sync`: what is recorded, how segments apply (once, whole, in order), and
//! that replicas receiving the same segments in any order, with repeats, end the same.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone as _, Utc};
use hearth_core::planner::OccurrenceStatus;
use hearth_core::ritual::{Ritual, Schedule, Zone};
use hearth_core::{EntryKind, EntryQuery, NewEntry};
use hearth_sync::{Change, DeviceId, RitualField};
use proptest::prelude::*;

use super::Applied;
use crate::journal_key::DataKey;
use crate::{JournalDb, ScheduleDb};

fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap() + Duration::minutes(minutes)
}

struct Replica {
    _dir: tempfile::TempDir,
    device: DeviceId,
    schedule: ScheduleDb,
    journal: JournalDb,
}

fn replica() -> Replica {
    let dir = tempfile::tempdir().unwrap();
    let schedule = ScheduleDb::open(&dir.path().join("schedule.sqlite3")).unwrap();
    let journal = JournalDb::create(
        &dir.path().join("journal.sqlite3"),
        &DataKey::random().unwrap(),
    )
    .unwrap();
    let device = DeviceId::new().unwrap();
    schedule.sync_pair(&device, at(0)).unwrap();
    journal.sync_pair(&device, at(0)).unwrap();
    Replica {
        _dir: dir,
        device,
        schedule,
        journal,
    }
}

fn ritual(id: &str, title: &str) -> Ritual {
    Ritual {
        id: id.into(),
        title: title.into(),
        practice: None,
        schedule: Schedule::parse("FREQ=DAILY").unwrap(),
        start: NaiveDateTime::parse_from_str("2026-12-01T20:00", "%Y-%m-%dT%H:%M").unwrap(),
        zone: Zone::Floating,
        duration_minutes: 30,
        reminders: vec![0],
        except: Vec::new(),
        paused_until: None,
        archived: false,
        reminders_from: at(0),
    }
}

fn note(text: &str) -> NewEntry {
    NewEntry {
        text: text.into(),
        kind: EntryKind::Note,
        author: "Ana".into(),
        mood: None,
        closeness: None,
        tags: Vec::new(),
        occurrence: None,
        score: None,
    }
}

/// A segment as it would travel: its writer, stream, number, digest and changes.
#[derive(Debug, Clone)]
struct Segment {
    device: DeviceId,
    calendar: bool,
    seq: u64,
    changes: Vec<Change>,
}

impl Segment {
    fn digest(&self) -> String {
        format!("{}:{}:{}", self.device, self.calendar, self.seq)
    }
}

/// Everything a replica has waiting, as segments (written at once).
fn drain(replica: &Replica) -> Vec<Segment> {
    let mut segments = Vec::new();
    while let Some(out) = replica.schedule.sync_outgoing().unwrap() {
        replica.schedule.sync_written(out.seq).unwrap();
        segments.push(Segment {
            device: replica.device.clone(),
            calendar: true,
            seq: out.seq,
            changes: out.changes().unwrap(),
        });
    }
    while let Some(out) = replica.journal.sync_outgoing().unwrap() {
        replica.journal.sync_written(out.seq).unwrap();
        segments.push(Segment {
            device: replica.device.clone(),
            calendar: false,
            seq: out.seq,
            changes: out.changes().unwrap(),
        });
    }
    segments
}

fn apply(replica: &Replica, segment: &Segment, now: DateTime<Utc>) -> Applied {
    if segment.calendar {
        replica
            .schedule
            .apply_calendar_segment(
                &segment.device,
                segment.seq,
                &segment.digest(),
                &segment.changes,
                now,
            )
            .unwrap()
    } else {
        replica
            .journal
            .apply_notebook_segment(
                &segment.device,
                segment.seq,
                &segment.digest(),
                &segment.changes,
                now,
            )
            .unwrap()
            .0
    }
}

/// Delivers `segments` in the given order, trying again those that had to wait, until nothing
/// more applies (as the folder is looked at again and again).
fn deliver(replica: &Replica, segments: &[Segment], now: DateTime<Utc>) {
    let own: Vec<&Segment> = segments
        .iter()
        .filter(|s| s.device != replica.device)
        .collect();
    loop {
        let mut progress = false;
        for segment in &own {
            if let Applied::Applied { .. } = apply(replica, segment, now) {
                progress = true;
            }
        }
        if !progress {
            break;
        }
    }
}

/// What a replica holds, in a form two replicas can be compared by.
fn state(replica: &Replica) -> (Vec<String>, BTreeMap<String, String>, Vec<String>) {
    let rituals = replica
        .schedule
        .rituals()
        .unwrap()
        .into_iter()
        .map(|r| format!("{}|{}|{}|{}", r.id, r.title, r.archived, r.duration_minutes))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let log = replica
        .schedule
        .occurrence_log(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        .unwrap();
    let marks = log
        .status
        .iter()
        .flat_map(|(ritual, statuses)| {
            statuses
                .iter()
                .filter(|(_, s)| !matches!(s, OccurrenceStatus::Snoozed(_)))
                .map(move |(occurrence, status)| {
                    (format!("{ritual}@{occurrence}"), format!("{status:?}"))
                })
        })
        .collect();
    let two = replica.journal.two_versions().unwrap();
    let mut entries: Vec<String> = replica
        .journal
        .find(&EntryQuery {
            limit: u32::MAX,
            ..EntryQuery::default()
        })
        .unwrap()
        .into_iter()
        .map(|e| format!("{}|{}|{}", e.id, e.body.text, two.contains(&e.id)))
        .collect();
    entries.sort();
    (rituals, marks, entries)
}

#[test]
fn pairing_records_what_is_there_once_and_every_change_after() {
    let dir = tempfile::tempdir().unwrap();
    let schedule = ScheduleDb::open(&dir.path().join("s")).unwrap();
    schedule
        .insert_ritual(&ritual("r1", "Walk"), at(0))
        .unwrap();
    assert_eq!(
        schedule.sync_outgoing().unwrap(),
        None,
        "nothing recorded before pairing"
    );
    let device = DeviceId::new().unwrap();
    schedule.sync_pair(&device, at(1)).unwrap();
    let first = schedule.sync_outgoing().unwrap().unwrap();
    assert_eq!(first.seq, 1);
    assert_eq!(
        first.changes().unwrap().len(),
        10,
        "every field of the ritual"
    );
    assert_eq!(first.count, 10);
    // Not written yet: asked again, the same segment comes back.
    assert_eq!(schedule.sync_outgoing().unwrap().unwrap(), first);
    schedule.sync_written(1).unwrap();
    assert_eq!(schedule.sync_waiting().unwrap(), 0);
    let mut walk = ritual("r1", "Sunday walk");
    walk.duration_minutes = 60;
    schedule.update_ritual(&walk, at(2)).unwrap();
    let second = schedule.sync_outgoing().unwrap().unwrap();
    assert_eq!(second.seq, 2);
    let second_changes = second.changes().unwrap();
    let fields: Vec<&RitualField> = second_changes
        .iter()
        .filter_map(|c| match c {
            Change::Ritual { field, .. } => Some(field),
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        [
            &RitualField::Title("Sunday walk".into()),
            &RitualField::DurationMinutes(60)
        ],
        "only what changed"
    );
}

#[test]
fn a_segment_applies_whole_and_once_in_order_and_a_replaced_one_is_refused() {
    let (a, b) = (replica(), replica());
    a.schedule
        .insert_ritual(&ritual("r1", "Walk"), at(1))
        .unwrap();
    let first = drain(&a);
    a.schedule
        .set_occurrence_status(
            "r1",
            "2026-12-01T20:00",
            Some(OccurrenceStatus::Done),
            at(2),
        )
        .unwrap();
    let second = drain(&a);
    assert_eq!(
        apply(&b, &second[0], at(3)),
        Applied::Waiting,
        "the first has not arrived"
    );
    assert!(matches!(
        apply(&b, &first[0], at(3)),
        Applied::Applied { .. }
    ));
    assert!(matches!(
        apply(&b, &second[0], at(3)),
        Applied::Applied { .. }
    ));
    assert_eq!(apply(&b, &second[0], at(4)), Applied::AlreadyApplied);
    let mut replaced = second[0].clone();
    replaced.changes.clear();
    assert_eq!(
        b.schedule
            .apply_calendar_segment(
                &a.device,
                replaced.seq,
                "another digest",
                &replaced.changes,
                at(4)
            )
            .unwrap(),
        Applied::Replaced
    );
    assert_eq!(b.schedule.rituals().unwrap()[0].title, "Walk");
    let log = b
        .schedule
        .occurrence_log(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
        .unwrap();
    assert_eq!(
        log.status["r1"]["2026-12-01T20:00"],
        OccurrenceStatus::Done,
        "the partner's mark counts"
    );
}

#[test]
fn a_change_that_does_not_fit_refuses_the_whole_segment() {
    let (a, b) = (replica(), replica());
    a.schedule
        .insert_ritual(&ritual("r1", "Walk"), at(1))
        .unwrap();
    let mut segment = drain(&a).remove(0);
    for change in &mut segment.changes {
        if let Change::Ritual {
            field: RitualField::Schedule(rule),
            ..
        } = change
        {
            *rule = "FREQ=HOURLY".into();
        }
    }
    let refused = b
        .schedule
        .apply_calendar_segment(
            &a.device,
            segment.seq,
            &segment.digest(),
            &segment.changes,
            at(2),
        )
        .unwrap_err();
    assert!(refused.to_string().contains("HOURLY"), "{refused}");
    assert!(
        b.schedule.rituals().unwrap().is_empty(),
        "nothing of it applied"
    );
    assert_eq!(b.schedule.sync_applied_through(&a.device).unwrap(), 0);
}

#[test]
fn concurrent_edits_of_an_entry_keep_both_versions_until_one_is_chosen() {
    let (mut a, mut b) = (replica(), replica());
    let entry = a
        .journal
        .add(note("We walked to the lake."), at(1))
        .unwrap();
    let shared = drain(&a);
    deliver(&b, &shared, at(2));
    a.journal
        .update_from_draft(
            &entry.id,
            note("We walked to the lake and back."),
            at(3),
            None,
        )
        .unwrap();
    b.journal
        .update_from_draft(
            &entry.id,
            note("We walked to the lake at dawn."),
            at(4),
            None,
        )
        .unwrap();
    let (from_a, from_b) = (drain(&a), drain(&b));
    deliver(&a, &from_b, at(5));
    deliver(&b, &from_a, at(5));
    assert_eq!(state(&a), state(&b));
    assert!(a.journal.two_versions().unwrap().contains(&entry.id));
    let texts: Vec<String> = a
        .journal
        .entry_heads(&entry.id)
        .unwrap()
        .into_iter()
        .filter_map(|(_, e)| e.map(|e| e.body.text))
        .collect();
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(texts.contains(&"We walked to the lake and back.".to_owned()));
    assert!(texts.contains(&"We walked to the lake at dawn.".to_owned()));
    // Combining on one computer settles it on both.
    a.journal
        .update_from_draft(
            &entry.id,
            note("We walked to the lake at dawn, and back."),
            at(6),
            None,
        )
        .unwrap();
    deliver(&b, &drain(&a), at(7));
    assert_eq!(state(&a), state(&b));
    assert!(b.journal.two_versions().unwrap().is_empty());
}

#[test]
fn a_partner_clock_a_day_behind_does_not_lose_the_later_edit() {
    let (a, b) = (replica(), replica());
    a.schedule
        .insert_ritual(&ritual("r1", "Walk"), at(0))
        .unwrap();
    deliver(&b, &drain(&a), at(1));
    // B's clock runs a day behind; B edits after seeing A's ritual, so its edit wins.
    b.schedule
        .update_ritual(&ritual("r1", "Evening walk"), at(-24 * 60))
        .unwrap();
    deliver(&a, &drain(&b), at(5));
    assert_eq!(a.schedule.rituals().unwrap()[0].title, "Evening walk");
}

#[derive(Debug, Clone)]
enum Op {
    AddRitual(usize, u8),
    Retitle(usize, u8),
    DeleteRitual(usize),
    Mark(usize, u8, bool),
    AddEntry(usize, u8),
    EditEntry(usize, u8),
    DeleteEntry(usize),
    Sync(usize, usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..3usize, 0..4u8).prop_map(|(r, n)| Op::AddRitual(r, n)),
        (0..3usize, 0..4u8).prop_map(|(r, n)| Op::Retitle(r, n)),
        (0..3usize).prop_map(Op::DeleteRitual),
        (0..3usize, 0..3u8, any::<bool>()).prop_map(|(r, d, done)| Op::Mark(r, d, done)),
        (0..3usize, 0..4u8).prop_map(|(r, n)| Op::AddEntry(r, n)),
        (0..3usize, 0..4u8).prop_map(|(r, n)| Op::EditEntry(r, n)),
        (0..3usize).prop_map(Op::DeleteEntry),
        (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Sync(from, to)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Three computers change things while apart and exchange some segments on the way; at
    /// the end every segment reaches every computer, in a shuffled order with repeats. All end
    /// with the same rituals, marks and entries (two versions included).
    #[test]
    fn replicas_end_the_same_whatever_order_segments_arrive_in(
        ops in proptest::collection::vec(op(), 1..30),
        order in Just((0..200usize).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let mut replicas = [replica(), replica(), replica()];
        let mut sent: Vec<Segment> = Vec::new();
        let mut minute = 1;
        for op in ops {
            minute += 1;
            let now = at(minute);
            match op {
                Op::AddRitual(r, n) => {
                    let id = format!("r{n}");
                    if replicas[r].schedule.ritual(&id).unwrap().is_none() {
                        replicas[r].schedule.insert_ritual(&ritual(&id, &format!("Ritual {n}")), now).unwrap();
                    }
                }
                Op::Retitle(r, n) => {
                    if let Some(mut found) = replicas[r].schedule.rituals().unwrap().into_iter().next() {
                        found.title = format!("Renamed {n} by {r}");
                        replicas[r].schedule.update_ritual(&found, now).unwrap();
                    }
                }
                Op::DeleteRitual(r) => {
                    if let Some(found) = replicas[r].schedule.rituals().unwrap().into_iter().next() {
                        replicas[r].schedule.delete_ritual(&found.id, now).unwrap();
                    }
                }
                Op::Mark(r, day, done) => {
                    if let Some(found) = replicas[r].schedule.rituals().unwrap().into_iter().next() {
                        let key = format!("2026-12-0{}T20:00", day + 1);
                        let status = if done { OccurrenceStatus::Done } else { OccurrenceStatus::Skipped };
                        replicas[r].schedule.set_occurrence_status(&found.id, &key, Some(status), now).unwrap();
                    }
                }
                Op::AddEntry(r, n) => {
                    replicas[r].journal.add(note(&format!("Entry {n} from {r}")), now).unwrap();
                }
                Op::EditEntry(r, n) => {
                    let journal = &mut replicas[r].journal;
                    let first = journal.find(&EntryQuery { limit: 1, ..EntryQuery::default() }).unwrap();
                    if let Some(entry) = first.first() {
                        journal.update_from_draft(&entry.id, note(&format!("Edit {n} by {r}")), now, None).unwrap();
                    }
                }
                Op::DeleteEntry(r) => {
                    let journal = &mut replicas[r].journal;
                    let first = journal.find(&EntryQuery { limit: 1, ..EntryQuery::default() }).unwrap();
                    if let Some(entry) = first.first() {
                        journal.delete(&entry.id, now).unwrap();
                    }
                }
                Op::Sync(from, to) => {
                    sent.extend(drain(&replicas[from]));
                    if from != to {
                        deliver(&replicas[to], &sent, now);
                    }
                }
            }
        }
        for replica in &replicas {
            sent.extend(drain(replica));
        }
        // Every segment to every computer, shuffled, each twice.
        let mut shuffled: Vec<Segment> = order
            .iter()
            .filter_map(|&i| sent.get(i % sent.len().max(1)).cloned())
            .collect();
        shuffled.extend(sent.iter().rev().cloned());
        let end = at(minute + 10);
        for replica in &replicas {
            deliver(replica, &shuffled, end);
        }
        let first = state(&replicas[0]);
        prop_assert_eq!(&state(&replicas[1]), &first);
        prop_assert_eq!(&state(&replicas[2]), &first);
    }
}

#[test]
fn the_outbox_sends_its_own_text_and_names_a_damaged_row() {
    let a = replica();
    a.schedule
        .insert_ritual(&ritual("r1", "Walk"), at(1))
        .unwrap();
    let out = a.schedule.sync_outgoing().unwrap().unwrap();
    let changes = out.changes().unwrap();
    assert_eq!(changes.len(), out.count);
    assert_eq!(
        serde_json::to_vec(&changes).unwrap(),
        out.json,
        "the joined rows are the array serde would write"
    );
    // Cut short, or whole JSON that is not a change: either would never open on the other side.
    for damaged in [r#"{"cut"#, r#"{"not":"a change"}"#] {
        a.schedule
            .conn()
            .execute(
                "UPDATE sync_outbox SET change = ?1 WHERE n = (SELECT MAX(n) FROM sync_outbox)",
                [damaged],
            )
            .unwrap();
        let error = a.schedule.sync_outgoing().unwrap_err().to_string();
        assert!(
            error.contains("a change waiting to be sent"),
            "{damaged}: {error}"
        );
    }
}
