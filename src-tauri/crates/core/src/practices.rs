//! The practices' words from content/ (guides, check-in scales and needs, the weekly self-check,
//! the reconnection plan) and the small rules around them: scoring a self-check and where a
//! couple is in the plan.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::ritual::Practice;

/// What a practice is and why it may help, shown before starting it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PracticeGuide {
    pub practice: Practice,
    pub name: String,
    pub summary: String,
    pub why: String,
    pub source: Option<String>,
    /// How strong the ground under `why` is, in plain words ("a review of small studies",
    /// "clinical guidance, not a finding", "our suggestion, not research").
    pub evidence: String,
    /// A typical length, shown as a hint.
    pub minutes: u32,
}

/// A 1-to-5 scale of the check-in (`mood`, `closeness`), with a label for each step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scale {
    pub id: String,
    pub question: String,
    /// Exactly five labels, lowest first.
    pub labels: Vec<String>,
}

/// The scales a check-in asks, in this order.
pub const CHECK_IN_SCALES: [&str; 2] = ["mood", "closeness"];

/// One of the needs a partner can name in a check-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInNeed {
    pub id: String,
    pub label: String,
}

/// A statement of the weekly self-check, answered from 1 (not this week) to 5 (very much).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheckQuestion {
    pub id: String,
    /// A short name for what it looks at, shown in results and trends.
    pub area: String,
    pub statement: String,
    /// The practice suggested when this area scores low.
    pub suggestion: Practice,
}

/// One day of the slow reconnection plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDay {
    /// 1-based, consecutive.
    pub day: u32,
    pub title: String,
    pub practice: Practice,
    pub text: String,
}

/// An answer at or below this counts as low and brings a suggestion.
pub const SELF_CHECK_LOW: u8 = 2;

/// A scored self-check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelfCheckScore {
    /// 0 (every answer 1) to 100 (every answer 5).
    pub percent: u8,
    /// The ids of questions answered low, in question order.
    pub low: Vec<String>,
    /// Practices suggested for the low areas, without repeats, in question order.
    pub suggestions: Vec<Practice>,
}

/// Why a self-check could not be scored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SelfCheckError {
    #[error("answers: the question \"{0}\" has no answer")]
    Missing(String),
    #[error("answers: \"{0}\" is not one of this week's questions")]
    Unknown(String),
    #[error("answers: each answer is 1 to 5, not {0}")]
    OutOfRange(u8),
    #[error("answers: there are no self-check questions to answer")]
    NoQuestions,
}

/// Scores a self-check: every question answered once, 1 to 5.
pub fn score_self_check(
    questions: &[SelfCheckQuestion],
    answers: &BTreeMap<String, u8>,
) -> Result<SelfCheckScore, SelfCheckError> {
    if questions.is_empty() {
        return Err(SelfCheckError::NoQuestions);
    }
    if let Some(unknown) = answers
        .keys()
        .find(|id| !questions.iter().any(|question| &question.id == *id))
    {
        let shown: String = unknown.chars().take(40).collect();
        return Err(SelfCheckError::Unknown(shown));
    }
    let mut total = 0_u32;
    let mut low = Vec::new();
    let mut suggestions = Vec::new();
    for question in questions {
        let answer = *answers
            .get(&question.id)
            .ok_or_else(|| SelfCheckError::Missing(question.id.clone()))?;
        if !(1..=5).contains(&answer) {
            return Err(SelfCheckError::OutOfRange(answer));
        }
        total += u32::from(answer - 1);
        if answer <= SELF_CHECK_LOW {
            low.push(question.id.clone());
            if !suggestions.contains(&question.suggestion) {
                suggestions.push(question.suggestion);
            }
        }
    }
    let max = 4 * u32::try_from(questions.len()).unwrap_or(u32::MAX);
    // Rounded half up; total <= max, so the result is at most 100.
    let percent = u8::try_from((total * 200 + max) / (2 * max)).unwrap_or(100);
    Ok(SelfCheckScore {
        percent,
        low,
        suggestions,
    })
}

/// Where a couple stands in the reconnection plan today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStep {
    /// Not started.
    NotStarted,
    /// This day's step is ready.
    Ready { day: u32 },
    /// Today's step is done; `next` comes tomorrow.
    DoneToday { next: u32 },
    /// Every day is done.
    Finished,
}

/// The plan's step for `today`, given the dates each finished day was done on (in order). One
/// step a day at most; a missed day simply waits, it never counts against anyone.
pub fn plan_step(days: u32, started: bool, done_on: &[NaiveDate], today: NaiveDate) -> PlanStep {
    let done = u32::try_from(done_on.len()).unwrap_or(u32::MAX);
    if !started {
        PlanStep::NotStarted
    } else if done >= days {
        PlanStep::Finished
    } else if done_on.last().is_some_and(|last| *last >= today) {
        PlanStep::DoneToday { next: done + 1 }
    } else {
        PlanStep::Ready { day: done + 1 }
    }
}

#[cfg(test)]
mod tests;

/// A guided session for two, in words only: steps shown one after another, each for its time.
/// It crosses the IPC as it is.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct GuidedSession {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub why: String,
    pub source: Option<String>,
    /// How strong the ground under `why` is.
    pub evidence: String,
    pub steps: Vec<GuidedStep>,
}

/// One step of a guided session: what to do, and for how long.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GuidedStep {
    pub text: String,
    pub seconds: u32,
}
