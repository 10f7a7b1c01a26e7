//! Journal entries: what a partner writes, and the rules every entry keeps before it is saved.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The largest entry text accepted, in bytes (about 1 MB).
pub const TEXT_MAX_BYTES: usize = 1_000_000;
pub const AUTHOR_MAX_CHARS: usize = 60;
pub const TAGS_MAX: usize = 20;
pub const TAG_MAX_CHARS: usize = 40;
/// Mood and closeness are answered on a 1 to 5 scale.
pub const SCALE: std::ops::RangeInclusive<u8> = 1..=5;

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Note,
    ThreeGoodThings,
    CheckIn,
    Reflection,
    Appreciation,
    SelfCheck,
}

impl EntryKind {
    pub const ALL: [Self; 6] = [
        Self::Note,
        Self::ThreeGoodThings,
        Self::CheckIn,
        Self::Reflection,
        Self::Appreciation,
        Self::SelfCheck,
    ];

    /// The stable name used in storage, the CLI and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::ThreeGoodThings => "three_good_things",
            Self::CheckIn => "check_in",
            Self::Reflection => "reflection",
            Self::Appreciation => "appreciation",
            Self::SelfCheck => "self_check",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

/// An entry as written, before it has an id and a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEntry {
    pub text: String,
    pub kind: EntryKind,
    pub author: String,
    pub mood: Option<u8>,
    pub closeness: Option<u8>,
    pub tags: Vec<String>,
    /// The ritual occurrence this entry belongs to, if any.
    pub occurrence: Option<String>,
    /// A self-check's score, 0 to 100.
    pub score: Option<u8>,
}

/// A saved entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub body: NewEntry,
}

/// Why an entry was refused. Names the field; never repeats the entry's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct EntryError {
    pub field: &'static str,
    pub problem: String,
}

fn refuse(field: &'static str, problem: impl Into<String>) -> EntryError {
    EntryError {
        field,
        problem: problem.into(),
    }
}

impl NewEntry {
    /// Checks every rule and returns the entry in its stored form: author trimmed, tags
    /// trimmed, lowercased, deduplicated and sorted.
    pub fn validated(mut self) -> Result<Self, EntryError> {
        if self.text.trim().is_empty() {
            return Err(refuse("text", "is empty; write something first"));
        }
        let bytes = self.text.len();
        if bytes > TEXT_MAX_BYTES {
            return Err(refuse(
                "text",
                format!("is {bytes} bytes; an entry holds at most {TEXT_MAX_BYTES} bytes"),
            ));
        }
        // Line breaks and tabs are writing; other control characters (escape sequences, bells)
        // are not, and could act on a terminal or a viewer that shows the entry.
        if let Some(c) = self
            .text
            .chars()
            .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        {
            return Err(refuse(
                "text",
                format!(
                    "contains a control character (U+{:04X}); only line breaks and tabs may be kept",
                    u32::from(c)
                ),
            ));
        }
        self.author = self.author.trim().to_owned();
        if self.author.is_empty() || self.author.chars().count() > AUTHOR_MAX_CHARS {
            return Err(refuse(
                "author",
                format!("must be 1 to {AUTHOR_MAX_CHARS} characters"),
            ));
        }
        if self.author.chars().any(char::is_control) {
            return Err(refuse("author", "cannot hold control characters"));
        }
        for (field, value) in [("mood", self.mood), ("closeness", self.closeness)] {
            if let Some(value) = value
                && !SCALE.contains(&value)
            {
                return Err(refuse(
                    field,
                    format!("must be between 1 and 5, not {value}"),
                ));
            }
        }
        if let Some(score) = self.score
            && score > 100
        {
            return Err(refuse(
                "score",
                format!("must be between 0 and 100, not {score}"),
            ));
        }
        let mut tags: Vec<String> = self
            .tags
            .iter()
            .map(|tag| tag.trim().to_lowercase())
            .collect();
        tags.sort();
        tags.dedup();
        if tags.len() > TAGS_MAX {
            return Err(refuse("tags", format!("at most {TAGS_MAX} tags per entry")));
        }
        for tag in &tags {
            let valid_chars = tag
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
            if tag.is_empty() || tag.chars().count() > TAG_MAX_CHARS || !valid_chars {
                return Err(refuse(
                    "tags",
                    format!(
                        "\"{tag}\" is not a tag: use 1 to {TAG_MAX_CHARS} letters, digits, - or _"
                    ),
                ));
            }
        }
        self.tags = tags;
        if let Some(occurrence) = &self.occurrence
            && (occurrence.is_empty()
                || occurrence.len() > 200
                || occurrence.chars().any(char::is_control))
        {
            return Err(refuse(
                "occurrence",
                "must be 1 to 200 characters, none of them control characters",
            ));
        }
        Ok(self)
    }
}

/// How search results are ordered.
/// The longest partner name accepted.
pub const PARTNER_NAME_MAX_CHARS: usize = 40;

/// Checks the partners' names: one name (someone using Hearth alone) or two, each 1 to 40
/// characters once trimmed, and not the same name twice. Returns them trimmed.
pub fn validated_partner_names(names: &[String]) -> Result<Vec<String>, EntryError> {
    let names: Vec<String> = names.iter().map(|name| name.trim().to_owned()).collect();
    if names.is_empty() || names.len() > 2 {
        return Err(refuse("partners", "give one or two names"));
    }
    for name in &names {
        if name.is_empty() || name.chars().count() > PARTNER_NAME_MAX_CHARS {
            return Err(refuse(
                "partners",
                format!("each name must be 1 to {PARTNER_NAME_MAX_CHARS} characters"),
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(refuse("partners", "a name cannot hold control characters"));
        }
    }
    if names.len() == 2 && names[0].to_lowercase() == names[1].to_lowercase() {
        return Err(refuse("partners", "the two names must differ"));
    }
    Ok(names)
}

/// The colours a partner can pick for charts and names (the UI maps each to a light and a dark
/// shade that both meet contrast).
pub const PARTNER_COLOURS: [&str; 5] = ["ember", "sky", "sage", "plum", "gold"];
/// Longest pronouns text, in characters.
pub const PRONOUNS_MAX_CHARS: usize = 30;

/// Checks each partner's colour and pronouns against `partners` names, filling what is missing
/// with defaults (the first two palette colours, no pronouns). Two partners need two colours.
pub fn validated_partner_details(
    partners: usize,
    colours: &[String],
    pronouns: &[String],
) -> Result<(Vec<String>, Vec<String>), EntryError> {
    if colours.len() > partners || pronouns.len() > partners {
        return Err(refuse(
            "partners",
            "give a colour and pronouns for each name at most",
        ));
    }
    let colours: Vec<String> = (0..partners)
        .map(|index| {
            colours
                .get(index)
                .map_or(
                    PARTNER_COLOURS[index % PARTNER_COLOURS.len()],
                    String::as_str,
                )
                .to_owned()
        })
        .collect();
    if let Some(colour) = colours
        .iter()
        .find(|c| !PARTNER_COLOURS.contains(&c.as_str()))
    {
        let shown: String = colour.chars().take(20).collect();
        return Err(refuse(
            "partners",
            format!(
                "\"{shown}\" is not one of the colours ({})",
                PARTNER_COLOURS.join(", ")
            ),
        ));
    }
    if colours.len() == 2 && colours[0] == colours[1] {
        return Err(refuse("partners", "pick two different colours"));
    }
    let pronouns: Vec<String> = (0..partners)
        .map(|index| pronouns.get(index).map_or("", |p| p.trim()).to_owned())
        .collect();
    for text in &pronouns {
        if text.chars().count() > PRONOUNS_MAX_CHARS || text.chars().any(char::is_control) {
            return Err(refuse(
                "partners",
                format!("pronouns are up to {PRONOUNS_MAX_CHARS} characters of plain text"),
            ));
        }
    }
    Ok((colours, pronouns))
}

/// The draft of one partner's opener ("on your own"): kept on this computer only, never an entry,
/// so it is not in the shared notebook and never travels to the other computer.
pub const ALONE_DRAFT_SLOT: &str = "alone";

/// Whether `slot` names a draft: `new` (the new-entry box), `edit:<entry id>`, or `alone`.
pub fn is_draft_slot(slot: &str) -> bool {
    slot == "new"
        || slot == ALONE_DRAFT_SLOT
        || slot.strip_prefix("edit:").is_some_and(|id| {
            !id.is_empty()
                && id.len() <= 64
                && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchOrder {
    #[default]
    Newest,
    Relevance,
}

/// Filters for listing and searching. Empty fields match everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntryQuery {
    /// Full-text words; every word must match (the last one as a prefix).
    pub text: Option<String>,
    pub kind: Option<EntryKind>,
    pub author: Option<String>,
    pub tag: Option<String>,
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
    pub order: SearchOrder,
    pub limit: u32,
}

impl EntryQuery {
    /// The full-text words as an FTS5 query: each word quoted (so operators in user text are
    /// just words), all required, the last one matching as a prefix for search-as-you-type.
    /// `None` when there are no words.
    pub fn fts_query(&self) -> Option<String> {
        let words: Vec<String> = self
            .text
            .as_deref()
            .unwrap_or("")
            .split_whitespace()
            .take(32)
            .map(|word| format!("\"{}\"", word.replace('"', "\"\"")))
            .collect();
        if words.is_empty() {
            return None;
        }
        Some(words.join(" ") + "*")
    }
}

#[cfg(test)]
mod tests;
