//! Where to turn, as the page shows it: the safety statement, the national services with the
//! day each was checked, the international directory, and whether this computer has shown the
//! notice once already.

use serde::Serialize;
use ts_rs::TS;

/// The safety content and this computer's first-run notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Safety {
    /// The calm statement in full.
    pub statement: String,
    /// The same in one or two sentences, for small places (beside the self-check's line).
    pub short: String,
    /// "If you are in danger now, call your local emergency number."
    pub emergency: String,
    /// How the services' details were checked.
    pub check_note: String,
    pub services: Vec<SafetyService>,
    pub directory: SafetyDirectory,
    /// The first-run notice was shown and put away on this computer (never shared).
    pub notice_seen: bool,
}

/// A national domestic-abuse service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SafetyService {
    pub country: String,
    pub region: Option<String>,
    pub name: String,
    /// Numbers to call or text, hours, cost, in words.
    pub reach: String,
    pub website: String,
    pub emergency: Option<String>,
    /// YYYY-MM-DD: the day its details were last checked.
    pub checked: String,
}

/// The international directory, for every other country.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SafetyDirectory {
    pub name: String,
    pub website: String,
    pub summary: String,
    /// YYYY-MM-DD.
    pub checked: String,
}
