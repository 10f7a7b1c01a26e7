//! The fuzz targets' bodies: each takes raw bytes, feeds them to one parser of outside input the
//! way Hearth does, and then exercises what the parser accepted (expanding a rule, exporting a
//! calendar again), so a crash anywhere past the parser counts too. None of them may panic,
//! whatever the bytes.
//!
//! `fuzz/` runs them under libFuzzer (`make fuzz`); `tests/corpus.rs` replays every committed
//! input in `fuzz/corpus/` and `fuzz/regressions/` on the stable toolchain in `make test`.

use chrono::{DateTime, NaiveDate, TimeZone as _, Utc};
use chrono_tz::Tz;
use hearth_app::parsers;
use hearth_core::ritual::{Ritual, Zone};

/// The instant every target treats as now, so runs repeat exactly.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0)
        .single()
        .unwrap_or(DateTime::<Utc>::UNIX_EPOCH)
}

fn text(data: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(data)
}

/// Expands a ritual over two years in two zones, as the calendar and the planner do.
fn expand(ritual: &Ritual) {
    let from = now() - chrono::Duration::days(365);
    let to = now() + chrono::Duration::days(365);
    for zone in [Tz::Europe__London, Tz::Pacific__Chatham] {
        let _ = ritual.occurrences(from, to, zone);
    }
    let _ = ritual.clone().prepared();
}

/// A rule or schedule as typed in the ritual editor, the CLI's `--rrule`, or an .ics RRULE.
pub fn rule(data: &[u8]) {
    let text = text(data);
    if let Ok(rule) = parsers::Rule::parse(&text) {
        // A rule Hearth accepted must read back the same from its own words.
        let again = parsers::Rule::parse(&rule.to_rrule());
        assert!(
            again.is_ok_and(|again| again == rule),
            "round trip of {text:?}"
        );
    }
    if let Ok(schedule) = parsers::Schedule::parse(&text) {
        let start = NaiveDate::from_ymd_opt(2026, 3, 29)
            .and_then(|day| day.and_hms_opt(1, 30, 0))
            .unwrap_or_default();
        let ritual = Ritual {
            id: "fuzz".into(),
            title: "Fuzzed".into(),
            practice: None,
            schedule,
            start,
            zone: Zone::Floating,
            duration_minutes: 30,
            reminders: vec![0, 15],
            except: Vec::new(),
            paused_until: None,
            archived: false,
            reminders_from: now(),
        };
        if let Ok(ritual) = ritual.validated() {
            expand(&ritual);
        }
    }
}

/// An .ics file imported from another calendar.
pub fn ics(data: &[u8]) {
    let Ok((rituals, _left_out)) = parsers::parse_ics(&text(data), now()) else {
        return;
    };
    for ritual in &rituals {
        expand(ritual);
    }
    // What was imported exports again, and that export imports again.
    let exported = hearth_app::export_ics(&rituals, now());
    if !rituals.is_empty() {
        let again = parsers::parse_ics(&exported, now());
        assert!(
            again.is_ok_and(|(back, _)| back.len() == rituals.len()),
            "an imported calendar did not survive its own export"
        );
    }
}

/// A content TOML file (Hearth's own, or a couple's deck file in the data folder).
pub fn content(data: &[u8]) {
    let texts = [("fuzz.toml".to_owned(), text(data).into_owned())];
    let (library, problems) = parsers::parse_content_texts(&texts);
    for problem in &problems {
        let _ = problem.to_string();
    }
    for pattern in &library.breathing_patterns {
        let _ = pattern.breaths_per_minute();
    }
}

/// The journal's key file.
pub fn key_file(data: &[u8]) {
    if let Ok(header) = parsers::KeyHeader::parse(data) {
        // Opening by recovery key needs no key derivation, so it can run on every input.
        if let Ok(key) = parsers::RecoveryKey::parse(FUZZ_RECOVERY_KEY) {
            let _ = header.unlock_with_recovery_key(&key);
        }
        let _ = header.to_json_line();
        let _ = header.kdf().check();
    }
}

/// A fixed recovery key the key-file target tries on every header it can read.
const FUZZ_RECOVERY_KEY: &str = "AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH-IIII-JJJJ-KKKK-LLLL-MMMM";

/// A notebook JSON export being imported.
pub fn json_import(data: &[u8]) {
    let _ = parsers::parse_export(data);
}

/// The first lines of a backup file being restored.
pub fn backup_head(data: &[u8]) {
    let _ = parsers::parse_backup_head(data);
}

/// What the sync targets apply to: a real calendar and notebook, paired, made once per run.
struct SyncState {
    _dir: tempfile::TempDir,
    schedule: hearth_store::ScheduleDb,
    journal: hearth_store::JournalDb,
    couple: hearth_sync::CoupleId,
    partner: hearth_sync::DeviceSecret,
    key: hearth_sync::StreamKey,
    /// The next segment number each database expects from the partner.
    calendar_seq: u64,
    notebook_seq: u64,
}

fn sync_state() -> Option<std::sync::MutexGuard<'static, SyncState>> {
    static STATE: std::sync::OnceLock<Option<std::sync::Mutex<SyncState>>> =
        std::sync::OnceLock::new();
    let state = STATE.get_or_init(|| {
        let dir = tempfile::tempdir().ok()?;
        let schedule = hearth_store::ScheduleDb::open(&dir.path().join("schedule.sqlite3")).ok()?;
        let journal = hearth_store::JournalDb::create(
            &dir.path().join("journal.sqlite3"),
            &hearth_store::DataKey::from_bytes(&[7; 32])?,
        )
        .ok()?;
        let me = hearth_sync::DeviceId::new().ok()?;
        schedule.sync_pair(&me, now()).ok()?;
        journal.sync_pair(&me, now()).ok()?;
        Some(std::sync::Mutex::new(SyncState {
            _dir: dir,
            schedule,
            journal,
            couple: hearth_sync::CoupleId::new().ok()?,
            partner: hearth_sync::DeviceSecret::new().ok()?,
            key: hearth_sync::StreamKey::random(0).ok()?,
            calendar_seq: 1,
            notebook_seq: 1,
        }))
    });
    state.as_ref().map(|state| {
        state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    })
}

/// A segment file from the exchange folder, as raw bytes: the magic line, the header and its
/// length, the seal and the signature, checked against the partner it claims to come from.
pub fn sync_segment(data: &[u8]) {
    let Some(state) = sync_state() else {
        return;
    };
    let writer = state.partner.public();
    for stream in hearth_sync::Stream::ALL {
        let name = hearth_sync::segment::SegmentName {
            device: state.partner.id.clone(),
            stream,
            seq: 1,
        };
        let expected = hearth_sync::segment::Expected {
            couple: &state.couple,
            name: &name,
            writer: &writer,
        };
        let _ = hearth_sync::segment::open(data, &expected, |_| Some(state.key.clone()));
    }
}

/// The changes a segment holds once opened. The partner's computer holds the keys, so it can
/// send anything here: parsed, then applied to a real calendar and notebook, then read back.
pub fn sync_changes(data: &[u8]) {
    let Ok(changes) = serde_json::from_slice::<Vec<hearth_sync::Change>>(data) else {
        return;
    };
    let Some(mut state) = sync_state() else {
        return;
    };
    let partner = state.partner.id.clone();
    let (calendar, notebook): (Vec<_>, Vec<_>) = changes
        .into_iter()
        .partition(|change| change.stream() == hearth_sync::Stream::Calendar);
    let digest = format!("{:x}", data.len());
    let applied = |outcome: &hearth_store::sync::Applied| {
        matches!(outcome, hearth_store::sync::Applied::Applied { .. })
    };
    if let Ok(outcome) = state.schedule.apply_calendar_segment(
        &partner,
        state.calendar_seq,
        &digest,
        &calendar,
        now(),
    ) && applied(&outcome)
    {
        state.calendar_seq += 1;
    }
    if let Ok((outcome, _decks)) = state.journal.apply_notebook_segment(
        &partner,
        state.notebook_seq,
        &digest,
        &notebook,
        now(),
    ) && applied(&outcome)
    {
        state.notebook_seq += 1;
    }
    let _ = state.schedule.rituals();
    let _ = state.schedule.sync_outgoing();
    let _ = state.journal.find(&hearth_core::EntryQuery::default());
    let _ = state.journal.sync_outgoing();
}

/// A small file of the exchange folder: the format file, an invitation, a join request, new
/// keys or a leaving notice.
pub fn sync_files(data: &[u8]) {
    let _ = parsers::parse_exchange_file(data);
}

/// A target's body: bytes in, nothing out, never a panic.
pub type Target = fn(&[u8]);

/// Every target by the name of its corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("rule", rule),
    ("ics", ics),
    ("content", content),
    ("key_file", key_file),
    ("json_import", json_import),
    ("backup_head", backup_head),
    ("sync_segment", sync_segment),
    ("sync_changes", sync_changes),
    ("sync_files", sync_files),
];
