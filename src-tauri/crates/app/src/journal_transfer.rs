//! Plaintext export (Markdown, JSON) and JSON import of the notebook.
//!
//! An export is written privately and atomically; Hearth warns before writing one, since anyone
//! who can open the file reads every entry. An import is read through a bound, checked
//! completely (every rule a new entry keeps, times in range) and written in one transaction, so
//! a bad file changes nothing and names the entry at fault.

use std::io::Write as _;
use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use hearth_core::{Entry, EntryKind, EntryQuery, NewEntry};
use serde::{Deserialize, Serialize};

use crate::journal::{Journal, storage};
use crate::{ApiError, ApiErrorKind};

const EXPORT_FORMAT: &str = "hearth-journal-export";
const EXPORT_VERSION: u32 = 1;
/// Imports larger than this are refused while reading (about a million typical entries).
const IMPORT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Plain formats for an unencrypted export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainFormat {
    Markdown,
    Json,
}

/// One entry in a JSON export (and in `hearth-cli --json` output): snake_case fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedEntry {
    pub id: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub author: String,
    pub kind: String,
    pub mood: Option<u8>,
    pub closeness: Option<u8>,
    pub tags: Vec<String>,
    pub occurrence: Option<String>,
    pub text: String,
    /// Only self-checks have a score; older exports have no such field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    format: String,
    version: u32,
    entries: Vec<ExportedEntry>,
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl From<&Entry> for ExportedEntry {
    fn from(entry: &Entry) -> Self {
        Self {
            id: entry.id.clone(),
            created_at: time(entry.created_at),
            edited_at: entry.edited_at.map(time),
            author: entry.body.author.clone(),
            kind: entry.body.kind.as_str().to_owned(),
            mood: entry.body.mood,
            closeness: entry.body.closeness,
            tags: entry.body.tags.clone(),
            occurrence: entry.body.occurrence.clone(),
            text: entry.body.text.clone(),
            score: entry.body.score,
        }
    }
}

impl ExportedEntry {
    /// Back to a domain entry, applying every rule a new entry must keep.
    fn into_entry(self, index: usize) -> Result<Entry, ApiError> {
        let invalid = |problem: String| {
            ApiError::new(
                ApiErrorKind::InvalidInput,
                format!("entry {}: {problem}", index + 1),
            )
        };
        let parse_time = |time: &str| {
            let at = DateTime::parse_from_rfc3339(time)
                .map(|at| at.with_timezone(&Utc))
                .map_err(|_| invalid(format!("\"{}\" is not an RFC 3339 time", clip(time))))?;
            if !hearth_store::entry_time_in_range(at) {
                let (first, last) = hearth_store::ENTRY_TIME_RANGE;
                return Err(invalid(format!(
                    "\"{}\" is outside the years {first} to {last} a notebook holds",
                    clip(time)
                )));
            }
            Ok(at)
        };
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !id_ok {
            return Err(invalid(
                "the id must be 1 to 64 letters, digits, - or _".into(),
            ));
        }
        let kind = EntryKind::parse(&self.kind)
            .ok_or_else(|| invalid(format!("\"{}\" is not an entry kind", clip(&self.kind))))?;
        let body = NewEntry {
            text: self.text,
            kind,
            author: self.author,
            mood: self.mood,
            closeness: self.closeness,
            tags: self.tags,
            occurrence: self.occurrence,
            score: self.score,
        }
        .validated()
        .map_err(|error| invalid(error.to_string()))?;
        Ok(Entry {
            id: self.id,
            created_at: parse_time(&self.created_at)?,
            edited_at: self.edited_at.as_deref().map(parse_time).transpose()?,
            body,
        })
    }
}

/// Reads a JSON export into entries, applying every rule a new entry keeps; the first problem
/// names the entry (by position) and the field.
pub fn parse_export(bytes: &[u8]) -> Result<Vec<Entry>, ApiError> {
    let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
    let file: ExportFile = serde_json::from_slice(bytes).map_err(|error| {
        invalid(format!(
            "not a Hearth JSON export (line {}, column {}: {})",
            error.line(),
            error.column(),
            error.classify_message()
        ))
    })?;
    if file.format != EXPORT_FORMAT || file.version != EXPORT_VERSION {
        return Err(invalid(format!(
            "not a version {EXPORT_VERSION} Hearth export"
        )));
    }
    file.entries
        .into_iter()
        .enumerate()
        .map(|(index, entry)| entry.into_entry(index))
        .collect()
}

/// A short, safe echo of user-supplied text for error messages (no control characters).
fn clip(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .take(40)
        .collect()
}

/// Refuses to overwrite an existing file.
pub(crate) fn refuse_existing(path: &Path) -> Result<(), ApiError> {
    if path.exists() {
        return Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("{} already exists; choose a new file name", path.display()),
        ));
    }
    Ok(())
}

/// Writes a file privately and atomically, naming it on failure.
pub(crate) fn write_file(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), ApiError> {
    hearth_store::durable::write_atomically(path, write).map_err(|error| {
        ApiError::new(
            ApiErrorKind::Storage,
            format!("{} was not saved: {error}", path.display()),
        )
    })
}

/// Reads a file from outside: a regular file of at most `max` bytes, named on failure.
pub(crate) fn read_input(path: &Path, max: u64) -> Result<Vec<u8>, ApiError> {
    hearth_store::durable::read_bounded(path, max).map_err(|error| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("could not read {}: {error}", path.display()),
        )
    })
}

impl Journal {
    /// Writes every entry, oldest first, unencrypted. Callers must have warned the user.
    pub fn export_plain(&self, out: &Path, format: PlainFormat) -> Result<usize, ApiError> {
        refuse_existing(out)?;
        let (mut entries, unreadable) = self.db.find_with_unreadable(&EntryQuery {
            limit: u32::MAX,
            ..EntryQuery::default()
        })?;
        if !unreadable.is_empty() {
            return Err(ApiError::new(
                ApiErrorKind::Damaged,
                format!(
                    "{} entries cannot be read, so the export would be incomplete; run \
                     hearth-cli journal verify to see which, then edit or delete them",
                    unreadable.len()
                ),
            ));
        }
        entries.reverse();
        let text = match format {
            PlainFormat::Json => {
                let file = ExportFile {
                    format: EXPORT_FORMAT.to_owned(),
                    version: EXPORT_VERSION,
                    entries: entries.iter().map(ExportedEntry::from).collect(),
                };
                serde_json::to_string_pretty(&file).map_err(storage)? + "\n"
            }
            PlainFormat::Markdown => markdown(&entries),
        };
        write_file(out, |file| file.write_all(text.as_bytes()))?;
        Ok(entries.len())
    }

    /// Adds the entries of one of our JSON exports. All entries are checked first and written
    /// in one transaction, so a bad file changes nothing. Returns (added, already present).
    pub fn import_json(&mut self, path: &Path) -> Result<(usize, usize), ApiError> {
        let bytes = read_input(path, IMPORT_MAX_BYTES)?;
        let entries = parse_export(&bytes).map_err(|error| {
            ApiError::new(error.kind, format!("{}: {}", path.display(), error.message))
        })?;
        Ok(self.db.insert_existing(&entries)?)
    }
}

trait ClassifyMessage {
    fn classify_message(&self) -> &'static str;
}

impl ClassifyMessage for serde_json::Error {
    fn classify_message(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "could not be read",
            serde_json::error::Category::Syntax => "not valid JSON",
            serde_json::error::Category::Data => "a field is missing, unknown or of the wrong type",
            serde_json::error::Category::Eof => "the file ends too early",
        }
    }
}

fn markdown(entries: &[Entry]) -> String {
    let mut text = String::from("# Our Hearth journal\n");
    for entry in entries {
        let body = &entry.body;
        text.push_str(&format!(
            "\n## {} · {} · {}\n\n",
            entry.created_at.format("%Y-%m-%d %H:%M UTC"),
            body.author,
            body.kind.as_str().replace('_', " ")
        ));
        if let Some(mood) = body.mood {
            text.push_str(&format!("Mood {mood}/5. "));
        }
        if let Some(closeness) = body.closeness {
            text.push_str(&format!("Closeness {closeness}/5. "));
        }
        if !body.tags.is_empty() {
            text.push_str(&format!("Tags: {}.", body.tags.join(", ")));
        }
        if body.mood.is_some() || body.closeness.is_some() || !body.tags.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(body.text.trim_end());
        text.push('\n');
    }
    text
}
