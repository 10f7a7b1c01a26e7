//! The content compiled into the binary, and checking a content folder on disk.

use std::path::Path;

use hearth_core::deck::Deck;
use hearth_core::{
    ContentError, ContentLibrary, ContentSource, check_content, load_library, load_user_decks,
};

use crate::{ApiError, ApiErrorKind};

/// Every `.toml` file under content/ at build time, as (relative path, text), sorted by path.
static EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_content.rs"));

/// The largest content file we read; real ones are a few kilobytes.
const MAX_CONTENT_FILE_BYTES: u64 = 1024 * 1024;

/// Parses the embedded content: every valid entry, plus the problems found.
pub fn embedded_content() -> (ContentLibrary, Vec<ContentError>) {
    load_library(
        EMBEDDED
            .iter()
            .map(|&(file, text)| ContentSource { file, text }),
    )
}

/// Runs the content checker over the embedded content: every rule of a single entry, plus the
/// rules Hearth's content keeps as a whole (enough cards, varied openings, no near copies, a
/// safety table). What `hearth-cli content check` reports without a folder.
pub fn check_embedded_content() -> Vec<ContentError> {
    check_content(
        EMBEDDED
            .iter()
            .map(|&(file, text)| ContentSource { file, text }),
    )
    .1
}

/// Parses content files given as (name, text) pairs, as the app and `content check` do:
/// the library and every problem found.
pub fn parse_content_texts(texts: &[(String, String)]) -> (ContentLibrary, Vec<ContentError>) {
    load_library(texts.iter().map(|(file, text)| ContentSource {
        file: file.as_str(),
        text: text.as_str(),
    }))
}

/// Checks every `.toml` file under `dir` (recursively) with the content checker. Returns the
/// problems found, each naming the file (relative to `dir`), line and field; an empty list
/// means the folder is valid.
pub fn check_content_dir(dir: &Path) -> Result<Vec<ContentError>, ApiError> {
    let (texts, mut errors) = content_dir_texts(dir)?;
    let (_, check_errors) = check_content(texts.iter().map(|(file, text)| ContentSource {
        file: file.as_str(),
        text: text.as_str(),
    }));
    errors.extend(check_errors);
    Ok(errors)
}

/// Reads the content in the `.toml` files under `dir` (recursively), as the app reads its own:
/// every valid entry, and the problems found.
pub fn load_content_dir(dir: &Path) -> Result<(ContentLibrary, Vec<ContentError>), ApiError> {
    let (texts, mut errors) = content_dir_texts(dir)?;
    let (library, load_errors) = parse_content_texts(&texts);
    errors.extend(load_errors);
    Ok((library, errors))
}

/// The `.toml` files of a content folder, or an error naming a path that is not a folder.
fn content_dir_texts(dir: &Path) -> Result<(Vec<NamedText>, Vec<ContentError>), ApiError> {
    if !dir.is_dir() {
        return Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("{} is not a folder", dir.display()),
        ));
    }
    read_toml_files(dir)
}

/// The couple's own decks from `dir` (the data folder's `decks` folder), checked against the
/// decks already known. A missing folder means no decks and no problems.
pub(crate) fn user_decks(dir: &Path, taken: &[Deck]) -> (Vec<Deck>, Vec<ContentError>) {
    if !dir.is_dir() {
        return (Vec::new(), Vec::new());
    }
    let (texts, mut errors) = match read_toml_files(dir) {
        Ok(read) => read,
        Err(error) => {
            let problem = ContentError {
                file: dir.display().to_string(),
                line: 1,
                field: "document".to_owned(),
                problem: error.to_string(),
            };
            return (Vec::new(), vec![problem]);
        }
    };
    let sources = texts.iter().map(|(file, text)| ContentSource {
        file: file.as_str(),
        text: text.as_str(),
    });
    let (decks, deck_errors) = load_user_decks(taken, sources);
    errors.extend(deck_errors);
    (decks, errors)
}

/// A file's path relative to its folder, and its text.
type NamedText = (String, String);

/// Every `.toml` file under `dir` (recursively), sorted by path relative to `dir`, as text.
/// Files too large or not UTF-8 become problems instead.
fn read_toml_files(dir: &Path) -> Result<(Vec<NamedText>, Vec<ContentError>), ApiError> {
    let mut files = Vec::new();
    collect_toml_files(dir, dir, &mut files)?;
    files.sort();
    let mut texts = Vec::with_capacity(files.len());
    let mut errors = Vec::new();
    for (name, path) in files {
        let problem = match hearth_store::durable::read_bounded(&path, MAX_CONTENT_FILE_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => {
                    texts.push((name, text));
                    continue;
                }
                Err(_) => "is not UTF-8 text".to_owned(),
            },
            Err(hearth_store::durable::ReadError::TooLarge { .. }) => {
                "is larger than 1 MiB; content files are limited to that".to_owned()
            }
            Err(error) => format!("could not be read: {error}"),
        };
        errors.push(ContentError {
            file: name,
            line: 1,
            field: "document".to_owned(),
            problem,
        });
    }
    Ok((texts, errors))
}

/// How deep a content folder is searched, and how many files are read from it at most.
const MAX_CONTENT_DEPTH: usize = 8;
const MAX_CONTENT_FILES: usize = 1000;

/// Collects the `.toml` files under `dir`, never following a link to a folder (a link back up
/// would loop for ever) and within a depth and count bound.
fn collect_toml_files(
    dir: &Path,
    root: &Path,
    out: &mut Vec<(String, std::path::PathBuf)>,
) -> Result<(), ApiError> {
    let read_error = |error: std::io::Error| {
        ApiError::new(
            ApiErrorKind::Storage,
            format!("could not read {}: {error}", dir.display()),
        )
    };
    let depth = dir
        .strip_prefix(root)
        .map_or(0, |rest| rest.components().count());
    if depth > MAX_CONTENT_DEPTH {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let entry = entry.map_err(read_error)?;
        let path = entry.path();
        let kind = entry.file_type().map_err(read_error)?;
        if kind.is_dir() {
            collect_toml_files(&path, root, out)?;
        } else if !kind.is_symlink() && path.extension().is_some_and(|ext| ext == "toml") {
            if out.len() >= MAX_CONTENT_FILES {
                return Err(ApiError::new(
                    ApiErrorKind::InvalidInput,
                    format!(
                        "{} holds more than {MAX_CONTENT_FILES} content files; Hearth reads at most that many",
                        root.display()
                    ),
                ));
            }
            let name = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((name, path));
        }
    }
    Ok(())
}
