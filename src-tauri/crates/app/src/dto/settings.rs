//! Settings that shape Hearth itself on this computer (not the couple's rituals or words).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How Hearth behaves on this computer. Kept in the schedule database, outside the journal, so
/// it applies before the journal is unlocked. Fields missing from an older saved copy take their
/// defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct AppSettings {
    /// System notifications when a ritual comes round (on by default). Off, Hearth still
    /// records what came round, so turning them back on does not bring a flood of old ones.
    pub reminders: bool,
    /// Start Hearth, minimised to the tray, when the user logs in (off until chosen).
    pub start_at_login: bool,
    /// Closing the window keeps Hearth in the tray so reminders still fire (on by default).
    pub close_to_tray: bool,
    /// Look for a new version when Hearth starts. Off by default: Hearth makes no network call
    /// unless this is on or the user presses "Check now".
    pub check_for_updates: bool,
    /// The first close has explained that Hearth stays for reminders (and asked).
    pub close_explained: bool,
}

impl Default for AppSettings {
    fn default() -> Self {
        Self {
            reminders: true,
            start_at_login: false,
            close_to_tray: true,
            check_for_updates: false,
            close_explained: false,
        }
    }
}

/// What an update check found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateCheck {
    /// The version running now.
    pub current: String,
    /// A newer version, if the release feed offers one.
    pub available: Option<String>,
    /// The release's notes, as published.
    pub notes: Option<String>,
}

/// What an export or import did: the file, how many entries or rituals went through, and what
/// was left out (with reasons).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Transfer {
    pub path: String,
    pub count: u32,
    /// Entries already present (notebook import) or events that could not be read (calendar).
    pub left_out: Vec<String>,
}
