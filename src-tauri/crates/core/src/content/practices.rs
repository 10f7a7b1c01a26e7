//! Raw forms and checks for the practices' content: practice guides, check-in scales and needs,
//! self-check questions and the reconnection plan.

use serde::Deserialize;
use toml::Spanned;

use super::{NAME_MAX_CHARS, Report, SUMMARY_MAX_CHARS};
use crate::practices::{
    CHECK_IN_SCALES, CheckInNeed, PlanDay, PracticeGuide, Scale, SelfCheckQuestion,
};
use crate::ritual::Practice;

const LABEL_MAX_CHARS: usize = 60;
const STATEMENT_MAX_CHARS: usize = 200;
const PLAN_TEXT_MAX_CHARS: usize = 300;
const PLAN_DAYS_MAX: u32 = 60;
const GUIDE_MINUTES_MAX: u32 = 240;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPracticeGuide {
    id: Spanned<String>,
    name: Spanned<String>,
    summary: Spanned<String>,
    why: Spanned<String>,
    source: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    minutes: Spanned<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawScale {
    id: Spanned<String>,
    question: Spanned<String>,
    labels: Spanned<Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNeed {
    id: Spanned<String>,
    label: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSelfCheckQuestion {
    id: Spanned<String>,
    area: Spanned<String>,
    statement: Spanned<String>,
    suggestion: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPlanDay {
    day: Spanned<u32>,
    title: Spanned<String>,
    practice: Spanned<String>,
    text: Spanned<String>,
}

impl Report<'_> {
    /// A practice name, reported when unknown.
    pub(super) fn practice(&mut self, path: &str, name: &Spanned<String>) -> Option<Practice> {
        let found = Practice::parse(name.get_ref().trim());
        if found.is_none() {
            self.error_at(
                name.span().start,
                &format!("{path}.practice"),
                &Practice::not_one_of(),
            );
        }
        found
    }

    pub(super) fn practice_guide(
        &mut self,
        path: &str,
        raw: Spanned<RawPracticeGuide>,
    ) -> Option<PracticeGuide> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let practice = Practice::parse(raw.id.get_ref());
        if practice.is_none() {
            self.error_at(
                raw.id.span().start,
                &format!("{path}.id"),
                &Practice::not_one_of(),
            );
        }
        let name = self.text(&format!("{path}.name"), &raw.name, NAME_MAX_CHARS);
        let summary = self.text(&format!("{path}.summary"), &raw.summary, SUMMARY_MAX_CHARS);
        let checked = self.why(path, &raw.why, raw.source.as_ref(), raw.evidence.as_ref());
        let minutes = *raw.minutes.get_ref();
        if !(1..=GUIDE_MINUTES_MAX).contains(&minutes) {
            self.error_at(
                raw.minutes.span().start,
                &format!("{path}.minutes"),
                &format!("must be between 1 and {GUIDE_MINUTES_MAX}"),
            );
        }
        if self.errors.len() > errors_before {
            return None;
        }
        Some(PracticeGuide {
            practice: practice?,
            name: name?,
            summary: summary?,
            why: checked.why?,
            source: checked.source,
            evidence: checked.evidence?,
            minutes,
        })
    }

    pub(super) fn scale(&mut self, path: &str, raw: Spanned<RawScale>) -> Option<Scale> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let id = raw.id.get_ref().trim();
        if !CHECK_IN_SCALES.contains(&id) {
            let problem = format!("must be one of {}", CHECK_IN_SCALES.join(", "));
            self.error_at(raw.id.span().start, &format!("{path}.id"), &problem);
        }
        let question = self.text(
            &format!("{path}.question"),
            &raw.question,
            STATEMENT_MAX_CHARS,
        );
        let list = raw.labels.get_ref();
        if list.len() != 5 {
            let problem = format!("needs exactly 5 labels, lowest first; found {}", list.len());
            self.error_at(raw.labels.span().start, &format!("{path}.labels"), &problem);
        }
        let labels: Vec<Option<String>> = list
            .iter()
            .enumerate()
            .map(|(index, label)| {
                self.text(&format!("{path}.labels[{index}]"), label, LABEL_MAX_CHARS)
            })
            .collect();
        if self.errors.len() > errors_before {
            return None;
        }
        Some(Scale {
            id: id.to_owned(),
            question: question?,
            labels: labels.into_iter().collect::<Option<Vec<_>>>()?,
        })
    }

    pub(super) fn need(&mut self, path: &str, raw: Spanned<RawNeed>) -> Option<CheckInNeed> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let id = self.id(path, &raw.id, "time-together");
        let label = self.text(&format!("{path}.label"), &raw.label, LABEL_MAX_CHARS);
        if self.errors.len() > errors_before {
            return None;
        }
        Some(CheckInNeed {
            id: id.to_owned(),
            label: label?,
        })
    }

    pub(super) fn self_check_question(
        &mut self,
        path: &str,
        raw: Spanned<RawSelfCheckQuestion>,
    ) -> Option<SelfCheckQuestion> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let id = self.id(path, &raw.id, "deeper-talk");
        let area = self.text(&format!("{path}.area"), &raw.area, LABEL_MAX_CHARS);
        let statement = self.text(
            &format!("{path}.statement"),
            &raw.statement,
            STATEMENT_MAX_CHARS,
        );
        let suggestion = Practice::parse(raw.suggestion.get_ref().trim());
        if suggestion.is_none() {
            self.error_at(
                raw.suggestion.span().start,
                &format!("{path}.suggestion"),
                &Practice::not_one_of(),
            );
        }
        if self.errors.len() > errors_before {
            return None;
        }
        Some(SelfCheckQuestion {
            id: id.to_owned(),
            area: area?,
            statement: statement?,
            suggestion: suggestion?,
        })
    }

    pub(super) fn plan_day(&mut self, path: &str, raw: Spanned<RawPlanDay>) -> Option<PlanDay> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let day = *raw.day.get_ref();
        if !(1..=PLAN_DAYS_MAX).contains(&day) {
            let problem = format!("must be between 1 and {PLAN_DAYS_MAX}");
            self.error_at(raw.day.span().start, &format!("{path}.day"), &problem);
        }
        let title = self.text(&format!("{path}.title"), &raw.title, NAME_MAX_CHARS);
        let practice = self.practice(path, &raw.practice);
        let text = self.text(&format!("{path}.text"), &raw.text, PLAN_TEXT_MAX_CHARS);
        if self.errors.len() > errors_before {
            return None;
        }
        Some(PlanDay {
            day,
            title: title?,
            practice: practice?,
            text: text?,
        })
    }
}
