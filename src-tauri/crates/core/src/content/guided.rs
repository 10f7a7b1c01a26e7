//! Raw form and checks of guided sessions: a name, a why with its evidence, and steps, each
//! with its text and how many seconds it lasts.

use serde::Deserialize;
use toml::Spanned;

use super::{NAME_MAX_CHARS, Report, SUMMARY_MAX_CHARS};
use crate::practices::{GuidedSession, GuidedStep};

const STEP_TEXT_MAX_CHARS: usize = 400;
/// A step lasts between 10 seconds and 10 minutes.
const STEP_SECONDS: std::ops::RangeInclusive<u32> = 10..=600;
const STEPS_MAX: usize = 30;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGuidedSession {
    id: Spanned<String>,
    name: Spanned<String>,
    summary: Spanned<String>,
    why: Spanned<String>,
    source: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    step: Spanned<Vec<Spanned<RawGuidedStep>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawGuidedStep {
    text: Spanned<String>,
    seconds: Spanned<u32>,
}

impl Report<'_> {
    pub(super) fn guided_session(
        &mut self,
        path: &str,
        raw: Spanned<RawGuidedSession>,
    ) -> Option<GuidedSession> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let id = self.id(path, &raw.id, "sitting-together").to_owned();
        let name = self.text(&format!("{path}.name"), &raw.name, NAME_MAX_CHARS);
        let summary = self.text(&format!("{path}.summary"), &raw.summary, SUMMARY_MAX_CHARS);
        let checked = self.why(path, &raw.why, raw.source.as_ref(), raw.evidence.as_ref());
        let count = raw.step.get_ref().len();
        if !(1..=STEPS_MAX).contains(&count) {
            self.error_at(
                raw.step.span().start,
                &format!("{path}.step"),
                &format!("needs between 1 and {STEPS_MAX} steps, found {count}"),
            );
        }
        let mut steps = Vec::with_capacity(count);
        for (index, step) in raw.step.into_inner().into_iter().enumerate() {
            let step_path = format!("{path}.step[{index}]");
            let step = step.into_inner();
            let text = self.text(
                &format!("{step_path}.text"),
                &step.text,
                STEP_TEXT_MAX_CHARS,
            );
            let seconds = *step.seconds.get_ref();
            if !STEP_SECONDS.contains(&seconds) {
                self.error_at(
                    step.seconds.span().start,
                    &format!("{step_path}.seconds"),
                    &format!(
                        "must be between {} and {} seconds",
                        STEP_SECONDS.start(),
                        STEP_SECONDS.end()
                    ),
                );
            }
            if let Some(text) = text {
                steps.push(GuidedStep { text, seconds });
            }
        }
        if self.errors.len() > errors_before {
            return None;
        }
        Some(GuidedSession {
            id,
            name: name?,
            summary: summary?,
            why: checked.why?,
            source: checked.source,
            evidence: checked.evidence?,
            steps,
        })
    }
}
