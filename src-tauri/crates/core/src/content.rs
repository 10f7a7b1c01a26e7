//! Content files: TOML written by people, parsed into validated domain types.
//!
//! Parsing happens in two steps. Serde reads the text into raw types that keep each value's
//! position (`toml::Spanned`) and refuse unknown fields; then validation turns raw values into
//! domain types and reports every problem as `file:line: field: problem`. A broken entry is
//! dropped with an error while the rest of the content stays usable, so one typo never stops the
//! app from starting.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::breathing::{BreathingPattern, Phase, PhaseKind};

/// One content file handed in by the caller: its name (relative path, for messages) and text.
#[derive(Debug, Clone, Copy)]
pub struct ContentSource<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

/// A problem in a content file, precise enough for the person editing it to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {field}: {problem}")]
pub struct ContentError {
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    /// Dotted path to the field, such as `breathing_pattern[2].phases[0].seconds`.
    pub field: String,
    pub problem: String,
}

/// Everything the content folder provides, validated.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContentLibrary {
    pub breathing_patterns: Vec<BreathingPattern>,
    pub ritual_templates: Vec<RitualTemplate>,
}

/// A starting point for a ritual, offered in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualTemplate {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub why: String,
    pub source: Option<String>,
    pub practice: Option<crate::ritual::Practice>,
    /// Stored schedule text: an RRULE or `TIMES_PER_WEEK=N;REMIND_ON=DAY`.
    pub schedule: String,
    /// Local time of day, `HH:MM`.
    pub time: String,
    pub duration_minutes: u32,
}

impl ContentLibrary {
    /// The breathing pattern with this id, if any.
    pub fn breathing_pattern(&self, id: &str) -> Option<&BreathingPattern> {
        self.breathing_patterns
            .iter()
            .find(|pattern| pattern.id == id)
    }
}

/// Limits that keep content readable on screen and make bad files fail loudly.
const NAME_MAX_CHARS: usize = 40;
const TITLE_MAX_CHARS: usize = crate::ritual::TITLE_MAX_CHARS;
const SUMMARY_MAX_CHARS: usize = 140;
const WHY_MAX_CHARS: usize = 700;
const SOURCE_MAX_CHARS: usize = 160;
const PHASES_MAX: usize = 8;
const PHASE_MIN_MILLIS: u32 = 500;
const PHASE_MAX_MILLIS: u32 = 30_000;
const CYCLE_MIN_MILLIS: u32 = 2_000;
const CYCLE_MAX_MILLIS: u32 = 60_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    breathing_pattern: Vec<Spanned<RawBreathingPattern>>,
    #[serde(default)]
    ritual_template: Vec<Spanned<RawRitualTemplate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreathingPattern {
    id: Spanned<String>,
    name: Spanned<String>,
    summary: Spanned<String>,
    why: Spanned<String>,
    source: Option<Spanned<String>>,
    phases: Vec<Spanned<RawPhase>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRitualTemplate {
    id: Spanned<String>,
    title: Spanned<String>,
    summary: Spanned<String>,
    why: Spanned<String>,
    source: Option<Spanned<String>>,
    practice: Option<Spanned<String>>,
    schedule: Spanned<String>,
    time: Spanned<String>,
    duration_minutes: Spanned<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    kind: PhaseKind,
    seconds: Spanned<f64>,
}

/// The validated content of one file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ContentFile {
    pub breathing_patterns: Vec<BreathingPattern>,
    pub ritual_templates: Vec<RitualTemplate>,
}

/// Parses and validates one file. Entries that fail validation are left out and reported; a
/// file that is not valid TOML (or has unknown fields) yields no entries and one error.
pub fn parse_content_file(source: ContentSource<'_>) -> (ContentFile, Vec<ContentError>) {
    let mut report = Report {
        source,
        errors: Vec::new(),
    };
    let raw = match read_raw(source.text) {
        Ok(raw) => raw,
        Err((field, problem, span)) => {
            report.error_at(span.map_or(0, |span| span.start), &field, &problem);
            return (ContentFile::default(), report.errors);
        }
    };
    let mut file = ContentFile::default();
    for (index, raw_pattern) in raw.breathing_pattern.into_iter().enumerate() {
        let path = format!("breathing_pattern[{index}]");
        if let Some(pattern) = report.breathing_pattern(&path, raw_pattern) {
            file.breathing_patterns.push(pattern);
        }
    }
    for (index, raw_template) in raw.ritual_template.into_iter().enumerate() {
        let path = format!("ritual_template[{index}]");
        if let Some(template) = report.ritual_template(&path, raw_template) {
            file.ritual_templates.push(template);
        }
    }
    (file, report.errors)
}

/// Parses every file and checks rules that span files (unique ids). The library holds all valid
/// entries; the errors list every problem found, in file order.
pub fn load_library<'a>(
    sources: impl IntoIterator<Item = ContentSource<'a>>,
) -> (ContentLibrary, Vec<ContentError>) {
    let mut library = ContentLibrary::default();
    let mut errors = Vec::new();
    let mut seen_ids = HashSet::new();
    let mut seen_templates = HashSet::new();
    for source in sources {
        let (file, file_errors) = parse_content_file(source);
        errors.extend(file_errors);
        for template in file.ritual_templates {
            if seen_templates.insert(template.id.clone()) {
                library.ritual_templates.push(template);
            } else {
                errors.push(ContentError {
                    file: source.file.to_owned(),
                    line: line_of_id(source.text, &template.id),
                    field: "ritual_template.id".to_owned(),
                    problem: format!(
                        "the id \"{}\" is already used by another template",
                        template.id
                    ),
                });
            }
        }
        for pattern in file.breathing_patterns {
            if seen_ids.insert(pattern.id.clone()) {
                library.breathing_patterns.push(pattern);
            } else {
                errors.push(ContentError {
                    file: source.file.to_owned(),
                    line: line_of_id(source.text, &pattern.id),
                    field: "breathing_pattern.id".to_owned(),
                    problem: format!(
                        "the id \"{}\" is already used by another pattern",
                        pattern.id
                    ),
                });
            }
        }
    }
    (library, errors)
}

type RawError = (String, String, Option<Range<usize>>);

fn read_raw(text: &str) -> Result<RawFile, RawError> {
    let deserializer = toml::Deserializer::parse(text).map_err(|error| {
        (
            "document".to_owned(),
            error.message().to_owned(),
            error.span(),
        )
    })?;
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let field = readable_path(&error.path().to_string());
        let inner = error.into_inner();
        (field, inner.message().to_owned(), inner.span())
    })
}

/// serde_path_to_error sees the private keys `toml::Spanned` uses internally; drop them.
fn readable_path(path: &str) -> String {
    let cleaned: Vec<&str> = path
        .split('.')
        .filter(|part| !part.starts_with("$__"))
        .collect();
    let joined = cleaned.join(".");
    if joined.is_empty() || joined == "?" {
        "document".to_owned()
    } else {
        joined
    }
}

/// Best-effort line for a cross-file error: the line where `id = "<id>"` appears.
fn line_of_id(text: &str, id: &str) -> usize {
    let needle = format!("\"{id}\"");
    text.lines()
        .position(|line| line.trim_start().starts_with("id") && line.contains(&needle))
        .map_or(1, |index| index + 1)
}

struct Report<'a> {
    source: ContentSource<'a>,
    errors: Vec<ContentError>,
}

impl Report<'_> {
    fn error_at(&mut self, offset: usize, field: &str, problem: &str) {
        let end = offset.min(self.source.text.len());
        let line = self.source.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        self.errors.push(ContentError {
            file: self.source.file.to_owned(),
            line,
            field: field.to_owned(),
            problem: problem.to_owned(),
        });
    }

    /// Checks an entry's id (reported when malformed) and returns it.
    fn id<'r>(&mut self, path: &str, value: &'r Spanned<String>, example: &str) -> &'r str {
        let id = value.get_ref().as_str();
        if !is_valid_id(id) {
            let problem = format!(
                "must be lowercase letters and digits joined by single hyphens, like \"{example}\""
            );
            self.error_at(value.span().start, &format!("{path}.id"), &problem);
        }
        id
    }

    /// Checks an optional `source` (author, year).
    fn source(&mut self, path: &str, value: Option<&Spanned<String>>) -> Option<String> {
        value.and_then(|source| self.text(&format!("{path}.source"), source, SOURCE_MAX_CHARS))
    }

    /// Checks one text field; returns it trimmed when valid.
    fn text(&mut self, path: &str, value: &Spanned<String>, max_chars: usize) -> Option<String> {
        let text = value.get_ref().trim();
        let problem = if text.is_empty() {
            "must not be empty".to_owned()
        } else if text.chars().count() > max_chars {
            format!(
                "is {} characters long; the limit is {max_chars}",
                text.chars().count()
            )
        } else {
            return Some(text.to_owned());
        };
        self.error_at(value.span().start, path, &problem);
        None
    }

    fn ritual_template(
        &mut self,
        path: &str,
        raw: Spanned<RawRitualTemplate>,
    ) -> Option<RitualTemplate> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let id = self.id(path, &raw.id, "sunday-walk");
        let title = self.text(&format!("{path}.title"), &raw.title, TITLE_MAX_CHARS);
        let summary = self.text(&format!("{path}.summary"), &raw.summary, SUMMARY_MAX_CHARS);
        let why = self.text(&format!("{path}.why"), &raw.why, WHY_MAX_CHARS);
        let source = self.source(path, raw.source.as_ref());
        let practice = match &raw.practice {
            Some(name) => {
                let found = crate::ritual::Practice::parse(name.get_ref());
                if found.is_none() {
                    self.error_at(
                        name.span().start,
                        &format!("{path}.practice"),
                        "is not one of Hearth's practices (walk_questions, nightly_reflection, \
                         phones_off_hour, three_good_things, breathing_together, eye_contact, check_in)",
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
            why: why?,
            source,
            practice,
            schedule,
            time,
            duration_minutes: duration,
        })
    }

    fn breathing_pattern(
        &mut self,
        path: &str,
        raw: Spanned<RawBreathingPattern>,
    ) -> Option<BreathingPattern> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();

        let id = self.id(path, &raw.id, "box-breathing");
        let name = self.text(&format!("{path}.name"), &raw.name, NAME_MAX_CHARS);
        let summary = self.text(&format!("{path}.summary"), &raw.summary, SUMMARY_MAX_CHARS);
        let why = self.text(&format!("{path}.why"), &raw.why, WHY_MAX_CHARS);
        let source = self.source(path, raw.source.as_ref());
        let phases = self.phases(&format!("{path}.phases"), raw.id.span().start, &raw.phases);

        if self.errors.len() > errors_before {
            return None;
        }
        Some(BreathingPattern {
            id: id.to_owned(),
            name: name?,
            summary: summary?,
            why: why?,
            source,
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

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 40
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl fmt::Display for ContentLibrary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} breathing patterns", self.breathing_patterns.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[[breathing_pattern]]
id = "resonance"
name = "Six a minute"
summary = "In for four, out for six."
why = "Slow breathing calms."
source = "Someone, 2020"
phases = [
  { kind = "inhale", seconds = 4 },
  { kind = "exhale", seconds = 6 },
]
"#;

    fn parse(text: &str) -> (ContentFile, Vec<ContentError>) {
        parse_content_file(ContentSource {
            file: "breathing.toml",
            text,
        })
    }

    const TEMPLATE: &str = r#"
[[ritual_template]]
id = "sunday-walk"
title = "Sunday walk"
summary = "A slow walk."
why = "Walking side by side is easy."
practice = "walk_questions"
schedule = "FREQ=WEEKLY;BYDAY=SU"
time = "10:30"
duration_minutes = 45
"#;

    #[test]
    fn ritual_templates_parse_and_each_mistake_names_its_line_and_field() {
        let (file, errors) = parse(TEMPLATE);
        assert_eq!(errors, vec![]);
        assert_eq!(file.ritual_templates[0].schedule, "FREQ=WEEKLY;BYDAY=SU");
        assert_eq!(
            file.ritual_templates[0].practice,
            Some(crate::ritual::Practice::WalkQuestions)
        );
        for (from, to, field, line) in [
            (
                "FREQ=WEEKLY;BYDAY=SU",
                "FREQ=HOURLY",
                "ritual_template[0].schedule",
                8,
            ),
            ("\"10:30\"", "\"half ten\"", "ritual_template[0].time", 9),
            (
                "walk_questions",
                "juggling",
                "ritual_template[0].practice",
                7,
            ),
            ("= 45", "= 0", "ritual_template[0].duration_minutes", 10),
        ] {
            let (file, errors) = parse(&TEMPLATE.replace(from, to));
            assert!(file.ritual_templates.is_empty(), "{to}");
            assert_eq!(errors.len(), 1, "{errors:?}");
            assert_eq!(errors[0].field, field);
            assert_eq!(errors[0].line, line, "{field}");
        }
    }

    #[test]
    fn a_valid_pattern_parses_into_millisecond_phases() {
        let (file, errors) = parse(GOOD);
        assert_eq!(errors, vec![]);
        let pattern = &file.breathing_patterns[0];
        assert_eq!(pattern.id, "resonance");
        assert_eq!(pattern.source.as_deref(), Some("Someone, 2020"));
        assert_eq!(
            pattern.phases,
            vec![
                Phase {
                    kind: PhaseKind::Inhale,
                    millis: 4000
                },
                Phase {
                    kind: PhaseKind::Exhale,
                    millis: 6000
                }
            ]
        );
    }

    #[test]
    fn unknown_field_names_file_line_and_field() {
        let text = GOOD.replace("source = ", "sauce = ");
        let (file, errors) = parse(&text);
        assert!(file.breathing_patterns.is_empty());
        assert_eq!(errors.len(), 1, "{errors:?}");
        let error = &errors[0];
        assert_eq!(error.file, "breathing.toml");
        assert!(error.problem.contains("unknown field `sauce`"), "{error}");
        assert!(error.field.starts_with("breathing_pattern[0]"), "{error}");
        // The unknown key sits on line 7 of GOOD (line 1 is the empty first line).
        assert_eq!(error.line, 7, "{error}");
    }

    #[test]
    fn wrong_type_names_the_exact_field() {
        let text = GOOD.replace("seconds = 6", "seconds = \"six\"");
        let (_, errors) = parse(&text);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(
            errors[0].field, "breathing_pattern[0].phases[1].seconds",
            "{}",
            errors[0]
        );
        assert_eq!(errors[0].line, 10);
    }

    #[test]
    fn syntax_error_reports_its_line() {
        let (_, errors) = parse("\n\n[[breathing_pattern]\nid = 1\n");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3, "{}", errors[0]);
        assert_eq!(errors[0].field, "document");
    }

    #[test]
    fn out_of_range_phase_is_rejected_with_its_line_and_the_rest_kept() {
        let second = GOOD
            .replace("resonance", "other")
            .replace("seconds = 6", "seconds = 45");
        let text = format!("{GOOD}\n{second}");
        let (file, errors) = parse(&text);
        assert_eq!(file.breathing_patterns.len(), 1);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].field, "breathing_pattern[1].phases[1].seconds");
        assert_eq!(errors[0].line, 22, "{}", errors[0]);
        assert!(errors[0].problem.contains("between 0.5 and 30 seconds"));
    }

    #[test]
    fn every_domain_rule_is_checked() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "id = \"resonance\"",
                "id = \"Resonance Breath\"",
                "breathing_pattern[0].id",
            ),
            (
                "name = \"Six a minute\"",
                "name = \"  \"",
                "breathing_pattern[0].name",
            ),
            (
                "seconds = 4 }",
                "seconds = 4.0001 }",
                "breathing_pattern[0].phases[0].seconds",
            ),
            (
                "{ kind = \"exhale\", seconds = 6 },",
                "",
                "breathing_pattern[0].phases",
            ),
            (
                "kind = \"inhale\", seconds = 4",
                "kind = \"top_up\", seconds = 4",
                "breathing_pattern[0].phases",
            ),
            (
                "seconds = 4 },\n  { kind = \"exhale\", seconds = 6 }",
                "seconds = 0.5 },\n  { kind = \"exhale\", seconds = 1 }",
                "breathing_pattern[0].phases",
            ),
        ];
        for (from, to, field) in cases {
            let text = GOOD.replace(from, to);
            assert_ne!(text, GOOD, "case {from} did not apply");
            let (file, errors) = parse(&text);
            assert!(
                file.breathing_patterns.is_empty(),
                "{from} -> {to} should be refused"
            );
            assert_eq!(errors.len(), 1, "{from} -> {to}: {errors:?}");
            assert_eq!(&errors[0].field, field, "{from} -> {to}: {}", errors[0]);
        }
    }

    #[test]
    fn duplicate_ids_across_files_are_reported_and_the_first_kept() {
        let (library, errors) = load_library([
            ContentSource {
                file: "a.toml",
                text: GOOD,
            },
            ContentSource {
                file: "b.toml",
                text: GOOD,
            },
        ]);
        assert_eq!(library.breathing_patterns.len(), 1);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "b.toml:3: breathing_pattern.id: the id \"resonance\" is already used by another pattern"
        );
    }

    #[test]
    fn an_empty_file_is_valid_and_empty() {
        let (file, errors) = parse("");
        assert!(errors.is_empty());
        assert!(file.breathing_patterns.is_empty());
    }
}
