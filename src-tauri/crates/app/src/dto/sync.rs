//! Two computers on the wire: where the pairing stands.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The partner's computer as this one knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncDevice {
    pub device: String,
    /// The last calendar and notebook segments applied from it.
    #[ts(type = "number")]
    pub calendar_received: u64,
    #[ts(type = "number")]
    pub notebook_received: u64,
    /// RFC 3339: when something from it was last applied here.
    pub last_received_at: Option<String>,
}

/// A file from the folder that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncRefusal {
    pub file: String,
    pub reason: String,
    pub at: String,
}

/// Where two computers stand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncStatus {
    pub paired: bool,
    pub device: Option<String>,
    pub folder: Option<String>,
    pub folder_reachable: bool,
    /// Syncthing carries the folder (it has Syncthing's marker).
    pub syncthing: bool,
    pub devices: Vec<SyncDevice>,
    /// Changes made here not yet written to the folder.
    #[ts(type = "number")]
    pub waiting_calendar: u64,
    /// None while the notebook is locked.
    #[ts(type = "number | null")]
    pub waiting_notebook: Option<u64>,
    pub refused: Vec<SyncRefusal>,
    /// Entries with two versions to choose between; none while the notebook is locked.
    pub two_versions: Option<u32>,
    /// RFC 3339: when the pairing code that is out expires.
    pub invitation_expires_at: Option<String>,
}

/// What one round of the exchange did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Segments written from this computer.
    pub written: u32,
    /// Segments applied from the partner's.
    pub applied: u32,
    /// Changes in them.
    #[ts(type = "number")]
    pub changes: u64,
    /// Files not applied, with the reason.
    pub refused: Vec<SyncRefusal>,
    /// The notebook is locked: its changes wait (both ways) until it is opened.
    pub notebook_waits: bool,
    /// A partner's computer joined in this round.
    pub joined: bool,
}

/// A pairing code for the partner's computer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SyncInvitation {
    pub code: String,
    /// RFC 3339.
    pub expires_at: String,
}

/// A check-in answered apart, each partner on their own computer, as this computer sees it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInApart {
    /// The two computers are paired; otherwise a check-in is answered together at one computer.
    pub paired: bool,
    /// The round an answer given now joins (`YYYY-MM-DD`): one the partner opened and this
    /// computer has not answered, else today's.
    pub round: Option<String>,
    /// This computer has answered that round; its answer waits, sealed.
    pub answered: bool,
    /// The partner's sealed answer to that round has arrived (it cannot be read yet).
    pub partner_answered: bool,
    /// The latest round of the last week whose answers are both open, with its entries.
    pub revealed: Option<RevealedCheckIn>,
}

/// A round of check-ins both partners answered, opened together.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RevealedCheckIn {
    pub round: String,
    pub entries: Vec<super::Entry>,
}
