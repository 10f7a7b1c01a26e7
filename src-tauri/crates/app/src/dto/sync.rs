//! Two computers on the wire: where the pairing stands.

use serde::Serialize;
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

/// A file from the folder that was not applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
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
