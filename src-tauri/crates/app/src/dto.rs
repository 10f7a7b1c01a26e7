//! Types that cross the IPC boundary to the web UI, and their generated TypeScript.
//!
//! Field names are camelCase on the wire. `ui/src/lib/bindings.ts` is generated from these types
//! by `make bindings`; the tidy test fails when it is stale.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{ApiError, ApiErrorKind};
pub use hearth_core::EntryKind;
pub use hearth_core::breathing::PhaseKind;
pub use hearth_core::ritual::Practice;

pub mod insights;
pub mod practices;
mod rituals;
pub mod safety;
pub mod settings;
pub mod sync;

pub use rituals::*;

/// One timed phase of a breathing cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Phase {
    pub kind: PhaseKind,
    pub millis: u32,
}

/// A breathing pattern as the UI shows and paces it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BreathingPattern {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub why: String,
    pub source: Option<String>,
    pub phases: Vec<Phase>,
    pub cycle_millis: u32,
    pub breaths_per_minute: f64,
}

/// A breathing session in progress: the plan and its start live in the core, so closing the
/// window or reloading the page does not lose the rhythm. The UI draws the phase from
/// `now - startedAtMs` every frame.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BreathingSession {
    pub pattern: BreathingPattern,
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub started_at_ms: i64,
    /// Whole cycles, at least the minutes chosen.
    #[ts(type = "number")]
    pub duration_ms: u64,
    /// When the session was paused, if it is (milliseconds since the Unix epoch); the UI then
    /// shows the phase at `pausedAtMs - startedAtMs`.
    #[ts(type = "number | null")]
    pub paused_at_ms: Option<i64>,
    /// The pause for when a talk gets too heated (started by `repair_pause_start`).
    pub repair_pause: bool,
}

/// The formats a notebook is exported in (not encrypted; the UI warns first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Markdown,
    Json,
}

/// Hours when reminders wait (they come at the end), local `HH:MM` to `HH:MM`; the end may be
/// the next morning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuietHours {
    pub start: String,
    pub end: String,
}

/// What a restore did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RestoreOutcome {
    pub entries: u32,
    /// The backup was made before the passphrase was last changed: the notebook now opens
    /// with the passphrase it had then (the one just typed).
    pub earlier_passphrase: bool,
}

/// What a passphrase change or a recovery did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PassphraseChanged {
    /// A new recovery key, when the old one could not be carried over (a notebook set up by
    /// the first release); shown once, as at setup.
    pub new_recovery_key: Option<String>,
}

/// Where Hearth keeps its data on this computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DataPaths {
    pub data_dir: String,
    pub schedule_db: String,
    pub journal_db: String,
    pub journal_key: String,
    pub backups_dir: String,
}

/// Whether the journal exists and is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalStatus {
    pub set_up: bool,
    pub unlocked: bool,
    pub idle_lock_seconds: u32,
}

/// A journal entry as the UI shows it. Times are RFC 3339 in UTC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    pub id: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub author: String,
    pub kind: EntryKind,
    pub mood: Option<u8>,
    pub closeness: Option<u8>,
    pub tags: Vec<String>,
    pub occurrence: Option<String>,
    pub text: String,
    /// A self-check's score, 0 to 100.
    pub score: Option<u8>,
    /// Two computers changed it at the same time: two versions wait to be chosen between.
    pub two_versions: bool,
}

/// One version of an entry that two computers changed at the same time: when it was made and
/// what it says, or none where a computer deleted the entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct EntryVersion {
    /// RFC 3339.
    pub at: String,
    pub entry: Option<Entry>,
}

/// A new entry as the UI sends it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewEntry {
    pub text: String,
    pub kind: EntryKind,
    pub author: String,
    pub mood: Option<u8>,
    pub closeness: Option<u8>,
    pub tags: Vec<String>,
    /// A self-check's score, 0 to 100 (the self-check use case sets it; notes leave it out).
    #[serde(default)]
    #[ts(optional)]
    pub score: Option<u8>,
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchOrder {
    #[default]
    Newest,
    /// Best match first; only meaningful with words.
    Relevance,
}

/// Which entries the UI wants: newest first, optionally narrowed by words and filters. `from`
/// and `until` are RFC 3339 instants (the UI turns the days a person picks into local
/// midnights); `until` is exclusive.
#[derive(Debug, Clone, PartialEq, Eq, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
pub struct EntryQuery {
    pub text: Option<String>,
    pub kind: Option<EntryKind>,
    pub author: Option<String>,
    pub tag: Option<String>,
    pub from: Option<String>,
    pub until: Option<String>,
    pub order: SearchOrder,
    pub limit: u32,
}

/// Unsaved writing in one editor, kept inside the encrypted journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draft {
    pub text: String,
    pub kind: EntryKind,
    pub author: String,
    pub tags: Vec<String>,
}

/// A kept draft and when it was last kept (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SavedDraft {
    pub draft: Draft,
    pub saved_at: String,
}

/// The people who write in the journal: one or two names, in the order they were given, each
/// with a colour (for charts) and optional pronouns. Colours and pronouns may be left out when
/// saving; they then keep their defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Partners {
    pub names: Vec<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub colours: Vec<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub pronouns: Vec<String>,
}

/// One backup file in the backups folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BackupInfo {
    /// The file name inside the backups folder; what `journal_restore` takes.
    pub name: String,
    pub created_at: String,
    #[ts(type = "number")]
    pub bytes: u64,
}

/// "Remember on this computer": whether a keychain answers and whether it holds the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeychainStatus {
    pub available: bool,
    pub remembered: bool,
}

/// The journal's settings page: the idle lock and the backups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JournalSettings {
    pub idle_lock_minutes: u32,
    /// The choices offered for the idle lock, in minutes.
    pub idle_lock_choices: Vec<u32>,
    pub backups_dir: String,
    /// Newest first.
    pub backups: Vec<BackupInfo>,
}

impl From<NewEntry> for hearth_core::NewEntry {
    fn from(entry: NewEntry) -> Self {
        Self {
            text: entry.text,
            kind: entry.kind,
            author: entry.author,
            mood: entry.mood,
            closeness: entry.closeness,
            tags: entry.tags,
            occurrence: None,
            score: entry.score,
        }
    }
}

impl TryFrom<EntryQuery> for hearth_core::EntryQuery {
    type Error = ApiError;

    fn try_from(query: EntryQuery) -> Result<Self, ApiError> {
        let instant = |field: &str, text: Option<String>| {
            text.map(|text| {
                chrono::DateTime::parse_from_rfc3339(&text)
                    .map(|at| at.with_timezone(&chrono::Utc))
                    .map_err(|_| {
                        let shown: String = text.chars().take(40).collect();
                        ApiError::new(
                            ApiErrorKind::InvalidInput,
                            format!("{field}: \"{shown}\" is not an RFC 3339 time"),
                        )
                    })
            })
            .transpose()
        };
        Ok(Self {
            from: instant("from", query.from)?,
            until: instant("until", query.until)?,
            text: query.text,
            kind: query.kind,
            author: query.author.filter(|author| !author.trim().is_empty()),
            tag: query.tag.filter(|tag| !tag.trim().is_empty()),
            order: match query.order {
                SearchOrder::Newest => hearth_core::SearchOrder::Newest,
                SearchOrder::Relevance => hearth_core::SearchOrder::Relevance,
            },
            // A page is at most 500 entries; the UI asks for more as it scrolls.
            limit: query.limit.clamp(1, 500),
        })
    }
}

impl From<hearth_core::Entry> for Entry {
    fn from(entry: hearth_core::Entry) -> Self {
        let time = |at: chrono::DateTime<chrono::Utc>| {
            at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        };
        Self {
            id: entry.id,
            created_at: time(entry.created_at),
            edited_at: entry.edited_at.map(time),
            author: entry.body.author,
            kind: entry.body.kind,
            mood: entry.body.mood,
            closeness: entry.body.closeness,
            tags: entry.body.tags,
            occurrence: entry.body.occurrence,
            text: entry.body.text,
            score: entry.body.score,
            two_versions: false,
        }
    }
}

impl From<&hearth_core::BreathingPattern> for BreathingPattern {
    fn from(pattern: &hearth_core::BreathingPattern) -> Self {
        Self {
            id: pattern.id.clone(),
            name: pattern.name.clone(),
            summary: pattern.summary.clone(),
            why: pattern.why.clone(),
            source: pattern.source.clone(),
            phases: pattern
                .phases
                .iter()
                .map(|phase| Phase {
                    kind: phase.kind,
                    millis: phase.millis,
                })
                .collect(),
            cycle_millis: pattern.cycle_millis(),
            breaths_per_minute: pattern.breaths_per_minute(),
        }
    }
}
