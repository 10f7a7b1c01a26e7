//! Wire types of the practices: guides, decks and cards, check-ins, the self-check, the
//! phones-off hour, the reconnection plan and the display preferences.

use std::collections::BTreeMap;

pub use hearth_core::practices::{GuidedSession, GuidedStep};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What a practice is and why it may help.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PracticeGuide {
    pub practice: crate::dto::Practice,
    pub name: String,
    pub summary: String,
    pub why: String,
    pub source: Option<String>,
    /// How strong the ground under `why` is ("one small study with strangers", "our
    /// suggestion, not research"); shown with the why.
    pub evidence: String,
    pub minutes: u32,
}

impl From<&hearth_core::practices::PracticeGuide> for PracticeGuide {
    fn from(guide: &hearth_core::practices::PracticeGuide) -> Self {
        Self {
            practice: guide.practice,
            name: guide.name.clone(),
            summary: guide.summary.clone(),
            why: guide.why.clone(),
            source: guide.source.clone(),
            evidence: guide.evidence.clone(),
            minutes: guide.minutes,
        }
    }
}

/// A deck in the list of decks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DeckSummary {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub why: Option<String>,
    pub source: Option<String>,
    /// How strong the ground under `why` is; always there for Hearth's decks.
    pub evidence: Option<String>,
    pub practice: Option<crate::dto::Practice>,
    /// Hidden until the couple switches it on (closeness, intimacy).
    pub opt_in: bool,
    /// Its cards can open old hurts: `safety_note` goes with its why.
    pub tender: bool,
    /// The safety line for a tender deck ("skip any card… see Where to turn").
    pub safety_note: Option<String>,
    pub cards: u32,
    /// How many cards are light, deeper and deep (three numbers, in that order), so a round
    /// at a level is offered only where the deck has cards.
    pub cards_per_level: Vec<u32>,
    /// Cards seen in the current round.
    pub seen_in_round: u32,
    pub favourites: u32,
    /// Whether the couple wrote it (a file in the data folder's decks folder).
    pub user_made: bool,
}

/// Every deck, and the problems found in the couple's own deck files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Decks {
    pub decks: Vec<DeckSummary>,
    /// `file:line: field: problem`, one per mistake in the decks folder.
    pub problems: Vec<String>,
    /// Where the couple can put decks of their own.
    pub user_decks_dir: String,
}

/// A card, drawn or listed among the favourites.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub deck_id: String,
    pub key: String,
    pub text: String,
    /// 1 (light) to 3 (deep).
    pub level: u8,
    pub topic: hearth_core::deck::Topic,
    pub favourite: bool,
    /// Cards seen in this round so far, this one included, out of `total` (the deck's cards,
    /// or those of the level chosen for the round).
    pub seen_in_round: u32,
    pub total: u32,
    /// This draw began a new round: every card had been seen.
    pub new_round: bool,
}

/// A 1-to-5 scale with its five labels, lowest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Scale {
    pub id: String,
    pub question: String,
    pub labels: Vec<String>,
}

/// A need a partner can name in a check-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInNeed {
    pub id: String,
    pub label: String,
}

/// What the check-in asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CheckInForm {
    pub mood: Scale,
    pub closeness: Scale,
    pub needs: Vec<CheckInNeed>,
}

/// One partner's check-in answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckInAnswer {
    pub author: String,
    pub mood: u8,
    pub closeness: u8,
    /// A need's id from the form, if one was picked.
    pub need: Option<String>,
    /// Free text, in their own words (may be empty).
    pub note: String,
}

/// A statement of the weekly self-check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SelfCheckQuestion {
    pub id: String,
    pub area: String,
    pub statement: String,
    pub suggestion: crate::dto::Practice,
}

/// A self-check as answered: each question's id with 1 (not this week) to 5 (very much).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SelfCheckAnswer {
    pub author: String,
    pub answers: BTreeMap<String, u8>,
    /// Anything to add, in their own words (may be empty).
    pub note: String,
}

/// A saved self-check: its score and what to try for the areas that scored low.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SelfCheckResult {
    pub entry_id: String,
    pub percent: u8,
    /// The areas answered low, by name.
    pub low_areas: Vec<String>,
    pub suggestions: Vec<PracticeGuide>,
}

/// One point of the self-check trend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SelfCheckPoint {
    /// RFC 3339, UTC.
    pub at: String,
    /// The Monday of its week, YYYY-MM-DD, in the computer's zone.
    pub week_of: String,
    pub author: String,
    pub percent: u8,
}

/// A phones-off hour counting down. The UI draws the time left from `endsAtMs - now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhonesOffRun {
    #[ts(type = "number")]
    pub started_at_ms: i64,
    #[ts(type = "number")]
    pub ends_at_ms: i64,
    pub minutes: u32,
}

/// Minutes kept in one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhonesOffWeek {
    /// The Monday the week starts on, YYYY-MM-DD.
    pub week_of: String,
    pub minutes: u32,
    pub hours_started: u32,
}

/// The phones-off hour: the one running, if any, and the last weeks' totals (oldest first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhonesOff {
    pub running: Option<PhonesOffRun>,
    pub weeks: Vec<PhonesOffWeek>,
    pub default_minutes: u32,
    pub min_minutes: u32,
    pub max_minutes: u32,
}

/// One day of the reconnection plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlanDay {
    pub day: u32,
    pub title: String,
    pub practice: crate::dto::Practice,
    pub text: String,
    /// YYYY-MM-DD it was done on, if it was.
    pub done_on: Option<String>,
}

/// Where the plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PlanState {
    NotStarted,
    Ready,
    DoneToday,
    Finished,
}

/// The reconnection plan and today's step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub state: PlanState,
    /// The day that is ready today, or that comes next.
    pub current_day: Option<u32>,
    pub days: Vec<PlanDay>,
}

/// Light, dark, or whatever the system uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

/// How Hearth looks and sounds; kept outside the journal so it applies before unlocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DisplayPreferences {
    /// Saved before themes existed: the system's.
    #[serde(default)]
    pub theme: Theme,
    /// Calm visuals always, whatever the system says (the system's setting is honoured too).
    pub reduce_motion: bool,
    /// Soft tones in the practices (off until chosen).
    pub sound: bool,
}

/// A breathing rhythm of the couple's own, in seconds per phase (hold and rest may be 0).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CustomBreathing {
    pub inhale: f64,
    pub hold: f64,
    pub exhale: f64,
    pub rest: f64,
}

/// An appreciation note waiting for a partner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WaitingNote {
    pub entry_id: String,
    /// The partner it is for.
    pub to: String,
    pub from: String,
    pub created_at: String,
}
