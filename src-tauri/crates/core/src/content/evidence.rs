//! Honest labels: every "why" in Hearth's content carries an `evidence` label that says how
//! strong the ground under it is, and a label that names research needs a `source` (author,
//! year) saying whose.

use toml::Spanned;

use super::{Origin, Report};

/// The longest evidence label; they are meant to be read at a glance.
const EVIDENCE_MAX_CHARS: usize = 120;

/// Words that make a label a claim about research, which then needs a source.
const RESEARCH_WORDS: [&str; 13] = [
    "study",
    "studies",
    "review",
    "reviews",
    "survey",
    "surveys",
    "trial",
    "trials",
    "replication",
    "replications",
    "experiment",
    "experiments",
    "meta-analysis",
];

/// Words that say a label is not a research finding.
const NOT_RESEARCH_WORDS: [&str; 2] = ["suggestion", "guidance"];

pub(super) const SOURCE_FORMAT: &str = "must name the author and the year, like \"Aron et al., \
     1997\"; separate several works with \";\"";

const EVIDENCE_MISSING: &str = "needs an evidence label saying how strong the ground under the \
     why is, like \"one small study with strangers\" or \"our suggestion, not research\"";

const EVIDENCE_VAGUE: &str = "must say how strong the ground is: name the research (one study, \
     a few studies, a review, a survey, a trial) or say it is clinical guidance or our suggestion";

/// The label's words, lowercase, split at anything but letters and hyphens.
fn words(label: &str) -> impl Iterator<Item = String> + '_ {
    label
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
}

/// Whether an evidence label claims research (and so needs a source).
pub(crate) fn claims_research(label: &str) -> bool {
    words(label).any(|word| RESEARCH_WORDS.contains(&word.as_str()))
}

/// Whether an evidence label says plainly what kind of ground it is: research, clinical
/// guidance or our own suggestion.
pub(crate) fn says_its_strength(label: &str) -> bool {
    claims_research(label) || words(label).any(|word| NOT_RESEARCH_WORDS.contains(&word.as_str()))
}

/// Whether `source` names one or more works as `author, year` (`Aron et al., 1997`,
/// `Algoe, Gable & Maisel, 2010; Algoe, 2012`, `Smith, 2010a`).
pub(crate) fn names_author_and_year(source: &str) -> bool {
    source.split(';').all(|work| {
        let Some((author, year)) = work.trim().rsplit_once(", ") else {
            return false;
        };
        let digits: String = year.chars().take_while(char::is_ascii_digit).collect();
        let rest = &year[digits.len()..];
        author.chars().any(char::is_alphabetic)
            && digits.len() == 4
            && (rest.is_empty()
                || (rest.len() == 1 && rest.chars().all(|c| c.is_ascii_lowercase())))
    })
}

/// A checked "why": its text, the source it names and how strong its ground is. `None` where
/// that part has a problem (reported) or, for the source, is left out.
pub(super) struct CheckedWhy {
    pub(super) why: Option<String>,
    pub(super) source: Option<String>,
    pub(super) evidence: Option<String>,
}

impl Report<'_> {
    /// Checks a "why" with its source and evidence label, as practices, ritual templates,
    /// breathing patterns and guided sessions carry them.
    pub(super) fn why(
        &mut self,
        path: &str,
        why: &Spanned<String>,
        source: Option<&Spanned<String>>,
        evidence: Option<&Spanned<String>>,
    ) -> CheckedWhy {
        CheckedWhy {
            why: self.text(&format!("{path}.why"), why, super::WHY_MAX_CHARS),
            source: self.source(path, source),
            evidence: self.evidence(path, evidence, source, why.span().start),
        }
    }

    /// Checks an entry's `evidence` label, and that a label naming research comes with a
    /// source. In Hearth's content the label is required; `anchor` is where to report it
    /// missing. The couple's own decks may leave it out or word it as they like.
    pub(super) fn evidence(
        &mut self,
        path: &str,
        label: Option<&Spanned<String>>,
        source: Option<&Spanned<String>>,
        anchor: usize,
    ) -> Option<String> {
        let field = format!("{path}.evidence");
        let Some(value) = label else {
            if self.origin == Origin::Hearth {
                self.error_at(anchor, &field, EVIDENCE_MISSING);
            }
            return None;
        };
        let text = self.text(&field, value, EVIDENCE_MAX_CHARS)?;
        if self.origin == Origin::Couple {
            return Some(text);
        }
        if !says_its_strength(&text) {
            self.error_at(value.span().start, &field, EVIDENCE_VAGUE);
            return None;
        }
        if claims_research(&text) && source.is_none() {
            let problem = format!(
                "is needed: the evidence label names research (\"{text}\"), so say whose, with \
                 author and year, like \"Aron et al., 1997\""
            );
            self.error_at(value.span().start, &format!("{path}.source"), &problem);
            return None;
        }
        Some(text)
    }
}

#[cfg(test)]
mod tests;
