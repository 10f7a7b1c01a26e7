//! What travels: each change names a record by a stable id and carries the [`Stamp`] it was
//! made at. Changes travel in two streams, each under its own key: the calendar (rituals and
//! what was done about them, and the practices' history, which the schedule database already
//! keeps unencrypted, so reminders can follow the partner while the notebook is locked) and the
//! notebook (entries, the partners' names, the couple's own decks: kept inside the journal).
//!
//! Values are carried as the databases keep them (a ritual's schedule as its rule text, times
//! as RFC 3339); hearth-store checks each with the same rules as a local change before applying.

use serde::{Deserialize, Serialize};

use crate::Stamp;

/// Which key, and which database, a change belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stream {
    Calendar,
    Notebook,
}

impl Stream {
    pub const ALL: [Self; 2] = [Self::Calendar, Self::Notebook];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Calendar => "calendar",
            Self::Notebook => "notebook",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|stream| stream.as_str() == text)
    }
}

/// One field of a ritual; each field takes the latest write on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    tag = "name",
    content = "value",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum RitualField {
    Title(String),
    Practice(Option<String>),
    /// The rule text, as `Schedule::to_text` writes it.
    Schedule(String),
    /// Local wall time of the first occurrence, `YYYY-MM-DDTHH:MM`.
    Start(String),
    /// The pinned zone, or none when it floats.
    Zone(Option<String>),
    DurationMinutes(u32),
    Reminders(Vec<u32>),
    /// `YYYY-MM-DD`, or none.
    PausedUntil(Option<String>),
    Archived(bool),
    /// Dates taken out of the schedule, `YYYY-MM-DD`.
    Except(Vec<String>),
}

impl RitualField {
    /// The field's name, the key its stamp is kept under.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Practice(_) => "practice",
            Self::Schedule(_) => "schedule",
            Self::Start(_) => "start",
            Self::Zone(_) => "zone",
            Self::DurationMinutes(_) => "duration_minutes",
            Self::Reminders(_) => "reminders",
            Self::PausedUntil(_) => "paused_until",
            Self::Archived(_) => "archived",
            Self::Except(_) => "except",
        }
    }
}

/// What a partner recorded about one occurrence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkStatus {
    Done,
    Skipped,
}

/// An entry's content at one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryBody {
    /// RFC 3339, UTC: when the entry was first written (it keeps its place in the notebook).
    pub created_at: String,
    pub kind: String,
    pub author: String,
    pub text: String,
    pub mood: Option<u8>,
    pub closeness: Option<u8>,
    pub tags: Vec<String>,
    pub occurrence: Option<String>,
    pub score: Option<u8>,
}

/// One change to one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case", deny_unknown_fields)]
pub enum Change {
    // The calendar stream.
    /// One field of a ritual (a new ritual sends every field).
    Ritual {
        id: String,
        stamp: Stamp,
        field: RitualField,
    },
    /// A ritual deleted, with its history; a later write brings it back.
    RitualDeleted { id: String, stamp: Stamp },
    /// What this device recorded about an occurrence; none undoes it. Each device's marks are
    /// kept apart, so both partners' marks survive.
    Mark {
        ritual: String,
        occurrence: String,
        status: Option<MarkStatus>,
        stamp: Stamp,
    },
    /// A phones-off hour, as it stands (started, and when it ended if it has).
    PhonesOff {
        id: String,
        started_ms: i64,
        minutes: u32,
        ended_ms: Option<i64>,
        ended_early: bool,
        stamp: Stamp,
    },
    /// A breathing session this device ran.
    Breathing {
        started_ms: i64,
        planned_ms: i64,
        breathed_ms: i64,
        stamp: Stamp,
    },
    /// The reconnection plan was started (or started again) on this date, `YYYY-MM-DD`.
    PlanStarted { on: String, stamp: Stamp },
    /// A day of the plan done, for the plan started on `started_on`.
    PlanStep {
        started_on: String,
        day: u32,
        done_on: String,
        stamp: Stamp,
    },

    // The notebook stream.
    /// A version of an entry. `supersedes` names the versions it replaces (those the writer
    /// saw); a version nobody supersedes is a head, and two heads are "two versions". No body:
    /// the entry was deleted.
    Entry {
        entry: String,
        version: String,
        supersedes: Vec<String>,
        stamp: Stamp,
        body: Option<EntryBody>,
    },
    /// A setting the couple shares (the partners' names, colours and pronouns), as JSON text.
    Setting {
        key: String,
        value: String,
        stamp: Stamp,
    },
    /// One of the couple's own deck files, or none when it was removed.
    Deck {
        file: String,
        text: Option<String>,
        stamp: Stamp,
    },
    /// This device's answer to a check-in round, sealed under a key of its own (see
    /// [`crate::check_in`]); the writer is the stamp's device.
    CheckInSealed {
        round: String,
        sealed: String,
        stamp: Stamp,
    },
    /// The key of this device's answer to `round`, released once the partner's answer arrived.
    CheckInKey {
        round: String,
        key: crate::keys::Secret32,
        stamp: Stamp,
    },
}

impl Change {
    /// The stream the change travels in.
    pub fn stream(&self) -> Stream {
        match self {
            Self::Ritual { .. }
            | Self::RitualDeleted { .. }
            | Self::Mark { .. }
            | Self::PhonesOff { .. }
            | Self::Breathing { .. }
            | Self::PlanStarted { .. }
            | Self::PlanStep { .. } => Stream::Calendar,
            Self::Entry { .. }
            | Self::Setting { .. }
            | Self::Deck { .. }
            | Self::CheckInSealed { .. }
            | Self::CheckInKey { .. } => Stream::Notebook,
        }
    }

    pub fn stamp(&self) -> &Stamp {
        match self {
            Self::Ritual { stamp, .. }
            | Self::RitualDeleted { stamp, .. }
            | Self::Mark { stamp, .. }
            | Self::PhonesOff { stamp, .. }
            | Self::Breathing { stamp, .. }
            | Self::PlanStarted { stamp, .. }
            | Self::PlanStep { stamp, .. }
            | Self::Entry { stamp, .. }
            | Self::Setting { stamp, .. }
            | Self::Deck { stamp, .. }
            | Self::CheckInSealed { stamp, .. }
            | Self::CheckInKey { stamp, .. } => stamp,
        }
    }
}

#[cfg(test)]
mod tests;
