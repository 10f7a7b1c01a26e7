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

use crate::breathing::BreathingPattern;
use crate::deck::Deck;
use crate::practices::{
    CheckInNeed, GuidedSession, PlanDay, PracticeGuide, Scale, SelfCheckQuestion,
};
use crate::safety::Safety;

mod checks;
mod decks;
mod evidence;
mod guided;
mod practices;
mod rituals_breathing;
mod safety;
mod similar;

pub use checks::{CARDS_MIN, DECKS_MIN, check_content};

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
    /// Guided sessions for two, in words, step by step.
    pub guided_sessions: Vec<GuidedSession>,
    /// Where to turn: the safety statement and services (from the first file that has one).
    pub safety: Option<Safety>,
}

/// A starting point for a ritual, offered in the editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RitualTemplate {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub why: String,
    pub source: Option<String>,
    /// How strong the ground under `why` is, in plain words.
    pub evidence: String,
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
pub(crate) const PHASES_MAX: usize = 8;
pub(crate) const PHASE_MIN_MILLIS: u32 = 500;
pub(crate) const PHASE_MAX_MILLIS: u32 = 30_000;
pub(crate) const CYCLE_MIN_MILLIS: u32 = 2_000;
pub(crate) const CYCLE_MAX_MILLIS: u32 = 60_000;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    breathing_pattern: Vec<Spanned<rituals_breathing::RawBreathingPattern>>,
    #[serde(default)]
    ritual_template: Vec<Spanned<rituals_breathing::RawRitualTemplate>>,
    #[serde(default)]
    deck: Vec<Spanned<decks::RawDeck>>,
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
    #[serde(default)]
    guided_session: Vec<Spanned<guided::RawGuidedSession>>,
    safety: Option<Spanned<safety::RawSafety>>,
}

/// The validated content of one file: the library's parts, before the checks that span files.
pub type ContentFile = ContentLibrary;

/// Whose content a file is: Hearth's own (every rule applies: levels, topics, evidence and
/// sources are required) or the couple's own deck files (only what a deck needs to work).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Hearth,
    Couple,
}

/// Where a valid deck and its cards sit in their file, for the checks that span decks.
#[derive(Debug, Clone)]
pub(crate) struct DeckPlace {
    pub file: String,
    /// The deck's id.
    pub id: String,
    /// One per card of the deck, in order: the line and field of its text.
    pub cards: Vec<(usize, String)>,
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

/// Parses and validates one file of Hearth's content. Entries that fail validation are left
/// out and reported; a file that is not valid TOML (or has unknown fields) yields no entries
/// and one error.
pub fn parse_content_file(source: ContentSource<'_>) -> (ContentFile, Vec<ContentError>) {
    let (file, errors, _) = parse_file(source, Origin::Hearth);
    (file, errors)
}

/// Parses one file as `origin`'s: the valid entries, the problems, and where each valid deck's
/// cards sit.
fn parse_file(
    source: ContentSource<'_>,
    origin: Origin,
) -> (ContentFile, Vec<ContentError>, Vec<DeckPlace>) {
    let mut report = Report {
        source,
        origin,
        errors: Vec::new(),
        places: Vec::new(),
    };
    let raw = match read_raw(source.text) {
        Ok(raw) => raw,
        Err((field, problem, span)) => {
            report.error_at(span.map_or(0, |span| span.start), &field, &problem);
            return (ContentFile::default(), report.errors, Vec::new());
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
        guided_sessions: each(
            &mut report,
            "guided_session",
            raw.guided_session,
            Report::guided_session,
        ),
        safety: raw.safety.and_then(|raw| report.safety(raw)),
    };
    (file, report.errors, report.places)
}

/// Parses every file and checks rules that span files (unique ids, plan days 1 to n). The
/// library holds all valid entries; the errors list every problem found, in file order.
pub fn load_library<'a>(
    sources: impl IntoIterator<Item = ContentSource<'a>>,
) -> (ContentLibrary, Vec<ContentError>) {
    let (library, errors, _) = load(sources);
    (library, errors)
}

/// [`load_library`], with where each kept deck's cards sit (for [`check_content`]).
fn load<'a>(
    sources: impl IntoIterator<Item = ContentSource<'a>>,
) -> (ContentLibrary, Vec<ContentError>, Vec<DeckPlace>) {
    let mut library = ContentLibrary::default();
    let mut errors = Vec::new();
    let mut places = Vec::new();
    let mut seen = HashSet::new();
    let mut plan_file = None;
    for source in sources {
        let (file, file_errors, file_places) = parse_file(source, Origin::Hearth);
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
        let kept_before = library.decks.len();
        let ids: Vec<String> = file.decks.iter().map(|deck| deck.id.clone()).collect();
        unique.keep(file.decks, &mut library.decks, "deck", |d| &d.id);
        for deck in &library.decks[kept_before..] {
            if let Some(index) = ids.iter().position(|id| *id == deck.id) {
                places.extend(file_places.get(index).cloned());
            }
        }
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
        unique.keep(
            file.guided_sessions,
            &mut library.guided_sessions,
            "guided_session",
            |session| &session.id,
        );
        if let Some(safety) = file.safety {
            if library.safety.is_some() {
                errors.push(ContentError {
                    file: source.file.to_owned(),
                    line: line_of(source.text, "[safety]"),
                    field: "safety".to_owned(),
                    problem: "another file already has the [safety] table; keep one".to_owned(),
                });
            } else {
                library.safety = Some(safety);
            }
        }
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
    (library, errors, places)
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
/// `[[deck]]` tables are read there, and only what a deck needs is required: a card without a
/// level is light, one without a topic is `general`, and why, evidence and source are
/// optional. A deck whose id is already taken, by Hearth or an earlier file, is reported and
/// left out. Every valid deck is kept.
pub fn load_user_decks<'a>(
    taken: &[Deck],
    sources: impl IntoIterator<Item = ContentSource<'a>>,
) -> (Vec<Deck>, Vec<ContentError>) {
    let mut decks: Vec<Deck> = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let (file, file_errors, _) = parse_file(source, Origin::Couple);
        errors.extend(file_errors);
        let others = file.breathing_patterns.len()
            + file.ritual_templates.len()
            + file.practice_guides.len()
            + file.scales.len()
            + file.check_in_needs.len()
            + file.self_check_questions.len()
            + file.plan_days.len()
            + file.guided_sessions.len()
            + usize::from(file.safety.is_some());
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

/// The first line that starts with `start` (after spaces), or 1.
fn line_of(text: &str, start: &str) -> usize {
    text.lines()
        .position(|line| line.trim_start().starts_with(start))
        .map_or(1, |index| index + 1)
}

struct Report<'a> {
    source: ContentSource<'a>,
    origin: Origin,
    errors: Vec<ContentError>,
    /// Where each valid deck of this file sits, in table order.
    places: Vec<DeckPlace>,
}

impl Report<'_> {
    fn error_at(&mut self, offset: usize, field: &str, problem: &str) {
        let line = self.line_at(offset);
        self.errors.push(ContentError {
            file: self.source.file.to_owned(),
            line,
            field: field.to_owned(),
            problem: problem.to_owned(),
        });
    }

    /// The 1-based line of a byte offset into the file.
    fn line_at(&self, offset: usize) -> usize {
        let end = offset.min(self.source.text.len());
        self.source.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
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

    /// Checks an optional `source`: in Hearth's content, one or more works as author and year
    /// (`Aron et al., 1997; Carrère & Gottman, 1999`).
    fn source(&mut self, path: &str, value: Option<&Spanned<String>>) -> Option<String> {
        let field = format!("{path}.source");
        let source = self.text(&field, value?, SOURCE_MAX_CHARS)?;
        if self.origin == Origin::Hearth && !evidence::names_author_and_year(&source) {
            let offset = value.map_or(0, |value| value.span().start);
            self.error_at(offset, &field, evidence::SOURCE_FORMAT);
            return None;
        }
        Some(source)
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
        let services = self
            .safety
            .as_ref()
            .map_or(0, |safety| safety.services.len());
        write!(
            f,
            "{} breathing patterns, {} ritual templates, {} decks ({cards} cards), {} practice \
             guides, {} self-check questions, a {}-day plan, {services} safety services",
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
mod tests;
