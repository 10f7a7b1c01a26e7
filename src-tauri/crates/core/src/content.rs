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
use crate::deck::Deck;
use crate::practices::{CheckInNeed, PlanDay, PracticeGuide, Scale, SelfCheckQuestion};

mod practices;

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
    pub decks: Vec<Deck>,
    pub practice_guides: Vec<PracticeGuide>,
    pub scales: Vec<Scale>,
    pub check_in_needs: Vec<CheckInNeed>,
    pub self_check_questions: Vec<SelfCheckQuestion>,
    /// The reconnection plan's days, 1 to n in order (empty when the days in content/ skip or
    /// repeat one; that is reported).
    pub plan_days: Vec<PlanDay>,
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
pub(crate) const NAME_MAX_CHARS: usize = 40;
const TITLE_MAX_CHARS: usize = crate::ritual::TITLE_MAX_CHARS;
pub(crate) const SUMMARY_MAX_CHARS: usize = 140;
pub(crate) const WHY_MAX_CHARS: usize = 700;
const SOURCE_MAX_CHARS: usize = 160;
const PHASES_MAX: usize = 8;
pub(crate) const PHASE_MIN_MILLIS: u32 = 500;
pub(crate) const PHASE_MAX_MILLIS: u32 = 30_000;
pub(crate) const CYCLE_MIN_MILLIS: u32 = 2_000;
pub(crate) const CYCLE_MAX_MILLIS: u32 = 60_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    breathing_pattern: Vec<Spanned<RawBreathingPattern>>,
    #[serde(default)]
    ritual_template: Vec<Spanned<RawRitualTemplate>>,
    #[serde(default)]
    deck: Vec<Spanned<practices::RawDeck>>,
    #[serde(default)]
    practice: Vec<Spanned<practices::RawPracticeGuide>>,
    #[serde(default)]
    scale: Vec<Spanned<practices::RawScale>>,
    #[serde(default)]
    check_in_need: Vec<Spanned<practices::RawNeed>>,
    #[serde(default)]
    self_check_question: Vec<Spanned<practices::RawSelfCheckQuestion>>,
    #[serde(default)]
    plan_day: Vec<Spanned<practices::RawPlanDay>>,
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
    pub decks: Vec<Deck>,
    pub practice_guides: Vec<PracticeGuide>,
    pub scales: Vec<Scale>,
    pub check_in_needs: Vec<CheckInNeed>,
    pub self_check_questions: Vec<SelfCheckQuestion>,
    pub plan_days: Vec<PlanDay>,
}

/// Validates each raw entry of one table with `check`, keeping the valid ones.
fn each<'a, R, T>(
    report: &mut Report<'a>,
    table: &str,
    raws: Vec<R>,
    mut check: impl FnMut(&mut Report<'a>, &str, R) -> Option<T>,
) -> Vec<T> {
    raws.into_iter()
        .enumerate()
        .filter_map(|(index, raw)| check(report, &format!("{table}[{index}]"), raw))
        .collect()
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
    let file = ContentFile {
        breathing_patterns: each(
            &mut report,
            "breathing_pattern",
            raw.breathing_pattern,
            Report::breathing_pattern,
        ),
        ritual_templates: each(
            &mut report,
            "ritual_template",
            raw.ritual_template,
            Report::ritual_template,
        ),
        decks: each(&mut report, "deck", raw.deck, Report::deck),
        practice_guides: each(
            &mut report,
            "practice",
            raw.practice,
            Report::practice_guide,
        ),
        scales: each(&mut report, "scale", raw.scale, Report::scale),
        check_in_needs: each(
            &mut report,
            "check_in_need",
            raw.check_in_need,
            Report::need,
        ),
        self_check_questions: each(
            &mut report,
            "self_check_question",
            raw.self_check_question,
            Report::self_check_question,
        ),
        plan_days: each(&mut report, "plan_day", raw.plan_day, Report::plan_day),
    };
    (file, report.errors)
}

/// Parses every file and checks rules that span files (unique ids, plan days 1 to n). The
/// library holds all valid entries; the errors list every problem found, in file order.
pub fn load_library<'a>(
    sources: impl IntoIterator<Item = ContentSource<'a>>,
) -> (ContentLibrary, Vec<ContentError>) {
    let mut library = ContentLibrary::default();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    let mut plan_file = None;
    for source in sources {
        let (file, file_errors) = parse_content_file(source);
        errors.extend(file_errors);
        let mut unique = Unique {
            source,
            seen: &mut seen,
            errors: &mut errors,
        };
        unique.keep(
            file.ritual_templates,
            &mut library.ritual_templates,
            "ritual_template",
            |t| &t.id,
        );
        unique.keep(
            file.breathing_patterns,
            &mut library.breathing_patterns,
            "breathing_pattern",
            |p| &p.id,
        );
        unique.keep(file.decks, &mut library.decks, "deck", |d| &d.id);
        unique.keep(
            file.practice_guides,
            &mut library.practice_guides,
            "practice",
            |g| g.practice.as_str(),
        );
        unique.keep(file.scales, &mut library.scales, "scale", |s| &s.id);
        unique.keep(
            file.check_in_needs,
            &mut library.check_in_needs,
            "check_in_need",
            |n| &n.id,
        );
        unique.keep(
            file.self_check_questions,
            &mut library.self_check_questions,
            "self_check_question",
            |q| &q.id,
        );
        if !file.plan_days.is_empty() {
            plan_file.get_or_insert(source.file.to_owned());
            library.plan_days.extend(file.plan_days);
        }
    }
    library.plan_days.sort_by_key(|day| day.day);
    let consecutive = library
        .plan_days
        .iter()
        .zip(1..)
        .all(|(day, expected)| day.day == expected);
    if let (false, Some(file)) = (consecutive, plan_file) {
        library.plan_days.clear();
        errors.push(ContentError {
            file,
            line: 1,
            field: "plan_day.day".to_owned(),
            problem: "the plan's days must run 1, 2, 3 and so on, each once".to_owned(),
        });
    }
    (library, errors)
}

/// Keeps the first entry with each id (per table) and reports the later ones.
struct Unique<'s, 'a> {
    source: ContentSource<'a>,
    seen: &'s mut HashSet<(&'static str, String)>,
    errors: &'s mut Vec<ContentError>,
}

impl Unique<'_, '_> {
    fn keep<T>(
        &mut self,
        items: Vec<T>,
        into: &mut Vec<T>,
        table: &'static str,
        id: impl Fn(&T) -> &str,
    ) {
        for item in items {
            let key = id(&item).to_owned();
            if self.seen.insert((table, key.clone())) {
                into.push(item);
            } else {
                self.errors.push(ContentError {
                    file: self.source.file.to_owned(),
                    line: line_of_id(self.source.text, &key),
                    field: format!("{table}.id"),
                    problem: format!("the id \"{key}\" is already used by another {table}"),
                });
            }
        }
    }
}

/// Reads the couple's own decks (the `.toml` files of the data folder's `decks` folder). Only
/// `[[deck]]` tables are read there; a deck whose id is already taken, by Hearth or an earlier
/// file, is reported and left out. Every valid deck is kept.
pub fn load_user_decks<'a>(
    taken: &[Deck],
    sources: impl IntoIterator<Item = ContentSource<'a>>,
) -> (Vec<Deck>, Vec<ContentError>) {
    let mut decks: Vec<Deck> = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let (file, file_errors) = parse_content_file(source);
        errors.extend(file_errors);
        let others = file.breathing_patterns.len()
            + file.ritual_templates.len()
            + file.practice_guides.len()
            + file.scales.len()
            + file.check_in_needs.len()
            + file.self_check_questions.len()
            + file.plan_days.len();
        if others > 0 {
            errors.push(ContentError {
                file: source.file.to_owned(),
                line: 1,
                field: "document".to_owned(),
                problem:
                    "only [[deck]] tables are read from the decks folder; the rest was left out"
                        .to_owned(),
            });
        }
        for mut deck in file.decks {
            let clash = taken.iter().chain(&decks).any(|other| other.id == deck.id);
            if clash {
                errors.push(ContentError {
                    file: source.file.to_owned(),
                    line: line_of_id(source.text, &deck.id),
                    field: "deck.id".to_owned(),
                    problem: format!(
                        "the id \"{}\" is already used by another deck; pick another",
                        deck.id
                    ),
                });
            } else {
                deck.user_made = true;
                decks.push(deck);
            }
        }
    }
    (decks, errors)
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
        let cards: usize = self.decks.iter().map(|deck| deck.cards.len()).sum();
        write!(
            f,
            "{} breathing patterns, {} ritual templates, {} decks ({cards} cards), {} practice \
             guides, {} self-check questions, a {}-day plan",
            self.breathing_patterns.len(),
            self.ritual_templates.len(),
            self.decks.len(),
            self.practice_guides.len(),
            self.self_check_questions.len(),
            self.plan_days.len()
        )
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

    /// Applies `from -> to` to `text` and checks that exactly one error names `field` on `line`.
    fn assert_one_error(text: &str, from: &str, to: &str, field: &str, line: usize) -> ContentFile {
        let changed = text.replace(from, to);
        assert_ne!(changed, text, "case {from} did not apply");
        let (file, errors) = parse(&changed);
        assert_eq!(errors.len(), 1, "{from} -> {to}: {errors:?}");
        assert_eq!(errors[0].field, field, "{}", errors[0]);
        assert_eq!(errors[0].line, line, "{}", errors[0]);
        file
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
            let file = assert_one_error(TEMPLATE, from, to, field, line);
            assert!(file.ritual_templates.is_empty(), "{to}");
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
            "b.toml:3: breathing_pattern.id: the id \"resonance\" is already used by another breathing_pattern"
        );
    }

    const DECK: &str = r#"
[[deck]]
id = "our-questions"
name = "Our questions"
summary = "Ones we wrote."
practice = "walk_questions"
cards = [
  { text = "What made you laugh today?" },
  { level = 3, text = "What do you hope for us?" },
]
"#;

    #[test]
    fn decks_parse_and_each_card_mistake_names_its_line() {
        let (file, errors) = parse(DECK);
        assert_eq!(errors, vec![]);
        let deck = &file.decks[0];
        assert_eq!(deck.cards.len(), 2);
        assert_eq!((deck.cards[0].level, deck.cards[1].level), (1, 3));
        assert_eq!(deck.practice, Some(crate::ritual::Practice::WalkQuestions));
        for (from, to, field, line) in [
            ("level = 3", "level = 4", "deck[0].cards[1].level", 9),
            (
                "\"What made you laugh today?\"",
                "\" \"",
                "deck[0].cards[0].text",
                8,
            ),
            (
                "\"What do you hope for us?\"",
                "\"What made you laugh today?\"",
                "deck[0].cards[1].text",
                9,
            ),
            ("\"walk_questions\"", "\"juggling\"", "deck[0].practice", 6),
        ] {
            let file = assert_one_error(DECK, from, to, field, line);
            assert!(file.decks.is_empty(), "{to}");
        }
    }

    #[test]
    fn a_user_deck_folder_keeps_good_decks_and_reports_the_broken_file_by_line() {
        let (builtin, _) = load_library([ContentSource {
            file: "decks.toml",
            text: DECK,
        }]);
        let other = DECK.replace("our-questions", "mine");
        let broken = "[[deck]]\nid = \"broken\"\nname = \"Broken\"\nsummary = \"x\"\ncards = [\n  { txt = \"oops\" },\n]\n";
        let (decks, errors) = load_user_decks(
            &builtin.decks,
            [
                ContentSource {
                    file: "decks/mine.toml",
                    text: &other,
                },
                ContentSource {
                    file: "decks/broken.toml",
                    text: broken,
                },
                ContentSource {
                    file: "decks/clash.toml",
                    text: DECK,
                },
                ContentSource {
                    file: "decks/extra.toml",
                    text: GOOD,
                },
            ],
        );
        assert_eq!(decks.len(), 1);
        assert_eq!(decks[0].id, "mine");
        assert!(decks[0].user_made);
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert!(
            lines[0].starts_with("decks/broken.toml:6: deck[0].cards"),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].starts_with("decks/clash.toml:3: deck.id"),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].starts_with("decks/extra.toml:1: document: only [[deck]]"),
            "{}",
            lines[2]
        );
    }

    #[test]
    fn plan_days_must_run_from_one_without_gaps_and_scales_need_five_labels() {
        let day = |n: u32| {
            format!(
                "[[plan_day]]\nday = {n}\ntitle = \"Day {n}\"\npractice = \"check_in\"\ntext = \"Do it.\"\n"
            )
        };
        let good = format!("{}{}", day(2), day(1));
        let (library, errors) = load_library([ContentSource {
            file: "p.toml",
            text: &good,
        }]);
        assert_eq!(errors, vec![]);
        assert_eq!(
            library.plan_days.iter().map(|d| d.day).collect::<Vec<_>>(),
            vec![1, 2]
        );
        let gap = format!("{}{}", day(1), day(3));
        let (library, errors) = load_library([ContentSource {
            file: "p.toml",
            text: &gap,
        }]);
        assert!(library.plan_days.is_empty());
        assert_eq!(errors[0].field, "plan_day.day");
        let scale =
            "[[scale]]\nid = \"mood\"\nquestion = \"How are you?\"\nlabels = [\"a\", \"b\"]\n";
        let (file, errors) = parse(scale);
        assert!(file.scales.is_empty());
        assert_eq!(errors[0].field, "scale[0].labels");
        assert_eq!(errors[0].line, 4);
    }

    #[test]
    fn an_empty_file_is_valid_and_empty() {
        let (file, errors) = parse("");
        assert!(errors.is_empty());
        assert!(file.breathing_patterns.is_empty());
    }
}
