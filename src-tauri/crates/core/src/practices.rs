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
mod tests {
    use super::*;

    fn questions() -> Vec<SelfCheckQuestion> {
        ["talk", "touch", "alone"]
            .iter()
            .zip([
                Practice::WalkQuestions,
                Practice::EyeContact,
                Practice::WalkQuestions,
            ])
            .map(|(id, suggestion)| SelfCheckQuestion {
                id: (*id).to_owned(),
                area: format!("Area {id}"),
                statement: format!("We {id}."),
                suggestion,
            })
            .collect()
    }

    fn answers(values: &[(&str, u8)]) -> BTreeMap<String, u8> {
        values
            .iter()
            .map(|(id, value)| ((*id).to_owned(), *value))
            .collect()
    }

    #[test]
    fn scores_run_from_0_to_100_and_low_areas_bring_suggestions_once() {
        let all_low = answers(&[("talk", 1), ("touch", 1), ("alone", 1)]);
        let score = score_self_check(&questions(), &all_low).expect("valid");
        assert_eq!(score.percent, 0);
        assert_eq!(score.low, vec!["talk", "touch", "alone"]);
        assert_eq!(
            score.suggestions,
            vec![Practice::WalkQuestions, Practice::EyeContact]
        );
        let top = answers(&[("talk", 5), ("touch", 5), ("alone", 5)]);
        let score = score_self_check(&questions(), &top).expect("valid");
        assert_eq!((score.percent, score.low.len()), (100, 0));
        // (3-1 + 2-1 + 4-1) = 6 of 12 -> 50.
        let mixed = answers(&[("talk", 3), ("touch", 2), ("alone", 4)]);
        let score = score_self_check(&questions(), &mixed).expect("valid");
        assert_eq!(score.percent, 50);
        assert_eq!(score.suggestions, vec![Practice::EyeContact]);
        // 1 of 12 -> 8.33 -> 8; 5 of 12 -> 41.67 -> 42.
        let one = answers(&[("talk", 2), ("touch", 1), ("alone", 1)]);
        assert_eq!(
            score_self_check(&questions(), &one).map(|s| s.percent),
            Ok(8)
        );
        let five = answers(&[("talk", 3), ("touch", 3), ("alone", 2)]);
        assert_eq!(
            score_self_check(&questions(), &five).map(|s| s.percent),
            Ok(42)
        );
    }

    #[test]
    fn every_bad_answer_set_is_named() {
        let q = questions();
        assert_eq!(
            score_self_check(&q, &answers(&[("talk", 3), ("touch", 3)])),
            Err(SelfCheckError::Missing("alone".into()))
        );
        assert_eq!(
            score_self_check(
                &q,
                &answers(&[("talk", 3), ("touch", 3), ("alone", 3), ("x", 1)])
            ),
            Err(SelfCheckError::Unknown("x".into()))
        );
        assert_eq!(
            score_self_check(&q, &answers(&[("talk", 0), ("touch", 3), ("alone", 3)])),
            Err(SelfCheckError::OutOfRange(0))
        );
        assert_eq!(
            score_self_check(&[], &BTreeMap::new()),
            Err(SelfCheckError::NoQuestions)
        );
    }

    #[test]
    fn the_plan_moves_one_step_a_day_and_waits_without_counting_missed_days() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("valid date");
        assert_eq!(plan_step(7, false, &[], day(1)), PlanStep::NotStarted);
        assert_eq!(plan_step(7, true, &[], day(1)), PlanStep::Ready { day: 1 });
        assert_eq!(
            plan_step(7, true, &[day(1)], day(1)),
            PlanStep::DoneToday { next: 2 }
        );
        // Ten days later the plan simply carries on at day 2.
        assert_eq!(
            plan_step(7, true, &[day(1)], day(11)),
            PlanStep::Ready { day: 2 }
        );
        let week: Vec<NaiveDate> = (1..=7).map(day).collect();
        assert_eq!(plan_step(7, true, &week, day(7)), PlanStep::Finished);
        // A clock set back does not offer a second step on the same day.
        assert_eq!(
            plan_step(7, true, &[day(5)], day(4)),
            PlanStep::DoneToday { next: 2 }
        );
    }
}
