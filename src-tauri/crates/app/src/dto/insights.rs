//! The insights page's report: series per bucket (days or weeks), ready to draw.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How far back the insights look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InsightsRange {
    /// The last seven days, day by day.
    Week,
    /// The five weeks ending with this one, week by week.
    Month,
    /// Every week since the first thing recorded, week by week.
    All,
}

impl From<InsightsRange> for hearth_core::insights::Range {
    fn from(range: InsightsRange) -> Self {
        match range {
            InsightsRange::Week => Self::Week,
            InsightsRange::Month => Self::Month,
            InsightsRange::All => Self::All,
        }
    }
}

/// One bucket of the report's charts: a local day (week range) or a week starting Monday.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InsightsBucket {
    /// First local date, `YYYY-MM-DD`.
    pub start: String,
    /// Short label: `Thu 26` for a day, `23 Nov` for a week.
    pub label: String,
}

/// One partner's check-in answers, averaged per bucket (`null` where they gave none).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PartnerSeries {
    pub name: String,
    pub colour: String,
    pub mood: Vec<Option<f64>>,
    pub closeness: Vec<Option<f64>>,
}

/// How one ritual went in a week: kept out of planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RitualKept {
    pub title: String,
    pub kept: u32,
    pub planned: u32,
}

/// All rituals together in one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RitualsWeek {
    /// The Monday, `YYYY-MM-DD`.
    pub week_start: String,
    pub label: String,
    pub kept: u32,
    pub planned: u32,
}

/// The weekly look-back: this week so far, what went well and one practice to try next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LookBack {
    /// The Monday of the week looked back on, `YYYY-MM-DD`.
    pub week_start: String,
    /// Rituals kept at least once this week.
    pub rituals_kept: Vec<RitualKept>,
    /// Journal counts; `null` while the journal is locked.
    pub check_ins: Option<u32>,
    pub good_things: Option<u32>,
    pub appreciations: Option<u32>,
    pub phones_off_minutes: u32,
    pub breathing_minutes: u32,
    /// The practice to try next (the page shows its guide).
    pub suggestion: crate::dto::Practice,
}

/// Everything the insights page draws for one range.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct InsightsReport {
    /// `week`, `month` or `all`.
    pub range: InsightsRange,
    /// Whether the journal was open: check-ins and self-checks are only read then.
    pub journal_unlocked: bool,
    pub buckets: Vec<InsightsBucket>,
    /// One series per partner (empty while locked or before partners are named).
    pub partners: Vec<PartnerSeries>,
    /// Self-check scores (0-100) averaged per bucket; empty while locked.
    pub self_check: Vec<Option<f64>>,
    pub phones_off_minutes: Vec<u32>,
    pub breathing_minutes: Vec<u32>,
    /// Kept and planned rituals per week (the week range has one: this week).
    pub rituals: Vec<RitualsWeek>,
    /// Check-ins and self-checks in the range (0 while locked), for the empty state.
    pub check_in_count: u32,
    pub self_check_count: u32,
    pub look_back: LookBack,
}
