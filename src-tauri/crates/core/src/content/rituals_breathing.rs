//! Raw forms and validation of ritual templates and breathing patterns (with their phases)
//! from content files.

use serde::Deserialize;
use toml::Spanned;

use super::{
    CYCLE_MAX_MILLIS, CYCLE_MIN_MILLIS, NAME_MAX_CHARS, PHASE_MAX_MILLIS, PHASE_MIN_MILLIS,
    PHASES_MAX, Report, RitualTemplate, SUMMARY_MAX_CHARS, TITLE_MAX_CHARS,
};
use crate::breathing::{BreathingPattern, Phase, PhaseKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBreathingPattern {
    id: Spanned<String>,
    name: Spanned<String>,
    summary: Spanned<String>,
    why: Spanned<String>,
    source: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    phases: Vec<Spanned<RawPhase>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRitualTemplate {
    id: Spanned<String>,
    title: Spanned<String>,
    summary: Spanned<String>,
    why: Spanned<String>,
    source: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    practice: Option<Spanned<String>>,
    schedule: Spanned<String>,
    time: Spanned<String>,
    duration_minutes: Spanned<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPhase {
    kind: PhaseKind,
    seconds: Spanned<f64>,
}

impl Report<'_> {
    pub(super) fn ritual_template(
        &mut self,
        path: &str,
        raw: Spanned<RawRitualTemplate>,
    ) -> Option<RitualTemplate> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let id = self.id(path, &raw.id, "sunday-walk");
        let title = self.text(&format!("{path}.title"), &raw.title, TITLE_MAX_CHARS);
        let summary = self.text(&format!("{path}.summary"), &raw.summary, SUMMARY_MAX_CHARS);
        let checked = self.why(path, &raw.why, raw.source.as_ref(), raw.evidence.as_ref());
        let practice = match &raw.practice {
            Some(name) => {
                let found = crate::ritual::Practice::parse(name.get_ref());
                if found.is_none() {
                    self.error_at(
                        name.span().start,
                        &format!("{path}.practice"),
                        &crate::ritual::Practice::not_one_of(),
                    );
                }
                found
            }
            None => None,
        };
        let schedule = raw.schedule.get_ref().trim().to_owned();
        if let Err(error) = crate::ritual::Schedule::parse(&schedule) {
            self.error_at(
                raw.schedule.span().start,
                &format!("{path}.schedule"),
                &error.problem,
            );
        }
        let time = raw.time.get_ref().trim().to_owned();
        if chrono::NaiveTime::parse_from_str(&time, "%H:%M").is_err() {
            self.error_at(
                raw.time.span().start,
                &format!("{path}.time"),
                "must be a time of day like \"21:30\"",
            );
        }
        let duration = *raw.duration_minutes.get_ref();
        if !(1..=crate::ritual::DURATION_MAX_MINUTES).contains(&duration) {
            self.error_at(
                raw.duration_minutes.span().start,
                &format!("{path}.duration_minutes"),
                "must be between 1 and 1440",
            );
        }
        if self.errors.len() > errors_before {
            return None;
        }
        Some(RitualTemplate {
            id: id.to_owned(),
            title: title?,
            summary: summary?,
            why: checked.why?,
            source: checked.source,
            evidence: checked.evidence?,
            practice,
            schedule,
            time,
            duration_minutes: duration,
        })
    }

    pub(super) fn breathing_pattern(
        &mut self,
        path: &str,
        raw: Spanned<RawBreathingPattern>,
    ) -> Option<BreathingPattern> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();

        let id = self.id(path, &raw.id, "box-breathing");
        let name = self.text(&format!("{path}.name"), &raw.name, NAME_MAX_CHARS);
        let summary = self.text(&format!("{path}.summary"), &raw.summary, SUMMARY_MAX_CHARS);
        let checked = self.why(path, &raw.why, raw.source.as_ref(), raw.evidence.as_ref());
        let phases = self.phases(&format!("{path}.phases"), raw.id.span().start, &raw.phases);

        if self.errors.len() > errors_before {
            return None;
        }
        Some(BreathingPattern {
            id: id.to_owned(),
            name: name?,
            summary: summary?,
            why: checked.why?,
            source: checked.source,
            evidence: checked.evidence?,
            phases: phases?,
        })
    }

    /// Validates the phase list. List-wide problems are reported on the line of the first
    /// phase, or of the pattern's id when the list is empty.
    fn phases(
        &mut self,
        path: &str,
        pattern_offset: usize,
        list: &[Spanned<RawPhase>],
    ) -> Option<Vec<Phase>> {
        let errors_before = self.errors.len();
        let list_offset = list
            .first()
            .map_or(pattern_offset, |phase| phase.span().start);
        if list.is_empty() || list.len() > PHASES_MAX {
            let problem = format!(
                "needs between 1 and {PHASES_MAX} phases, found {}",
                list.len()
            );
            self.error_at(list_offset, path, &problem);
            return None;
        }
        let mut phases = Vec::with_capacity(list.len());
        for (index, phase) in list.iter().enumerate() {
            let phase = phase.get_ref();
            let seconds = *phase.seconds.get_ref();
            let millis = (seconds * 1000.0).round();
            let field = format!("{path}[{index}].seconds");
            let min = f64::from(PHASE_MIN_MILLIS) / 1000.0;
            let max = f64::from(PHASE_MAX_MILLIS) / 1000.0;
            if !seconds.is_finite() || !(min..=max).contains(&seconds) {
                let problem = format!("must be between {min} and {max} seconds, found {seconds}");
                self.error_at(phase.seconds.span().start, &field, &problem);
            } else if (seconds * 1000.0 - millis).abs() > 1e-6 {
                let problem = "must be a whole number of milliseconds (at most 3 decimals)";
                self.error_at(phase.seconds.span().start, &field, problem);
            } else {
                // In range and whole: the cast cannot truncate.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                phases.push(Phase {
                    kind: phase.kind,
                    millis: millis as u32,
                });
            }
        }
        if self.errors.len() > errors_before {
            return None;
        }
        let breathes_in = phases.iter().any(|phase| phase.kind.is_inhale());
        let breathes_out = phases.iter().any(|phase| phase.kind == PhaseKind::Exhale);
        if !breathes_in || !breathes_out {
            self.error_at(
                list_offset,
                path,
                "needs at least one inhale and one exhale",
            );
            return None;
        }
        if phases
            .first()
            .is_some_and(|phase| phase.kind == PhaseKind::TopUp)
        {
            self.error_at(list_offset, path, "a top_up must follow an inhale");
            return None;
        }
        let cycle: u32 = phases.iter().map(|phase| phase.millis).sum();
        if !(CYCLE_MIN_MILLIS..=CYCLE_MAX_MILLIS).contains(&cycle) {
            let problem = format!(
                "one cycle lasts {} s; it must last between {} and {} s",
                f64::from(cycle) / 1000.0,
                CYCLE_MIN_MILLIS / 1000,
                CYCLE_MAX_MILLIS / 1000
            );
            self.error_at(list_offset, path, &problem);
            return None;
        }
        Some(phases)
    }
}
