//! `hearth-cli journal …`: set up, write, read, search and look after the encrypted journal.

use std::io::{BufRead as _, Read as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use hearth_app::dto::Entry;
use hearth_app::input::{EntryKind, EntryQuery, NewEntry, SearchOrder, TEXT_MAX_BYTES};
use hearth_app::{
    ApiError, ApiErrorKind, Clock as _, ExportedEntry, Journal, KdfStrength, PlainFormat,
    SystemClock, change_passphrase, init_journal, recover_journal, restore_journal,
};

use crate::output::{self, Failure, terminal_safe};
use crate::secret;

/// Set to 1 to use the minimum key-derivation cost instead of calibrating (tests, slow
/// machines); the minimum is still 64 MiB and 3 passes of Argon2id.
const KDF_FLOOR_ENV: &str = "HEARTH_KDF_FLOOR";

#[derive(Subcommand)]
pub enum JournalCommand {
    /// Create the journal. Prints the recovery key, and nothing else, on stdout: keep it safe.
    Init,
    /// Write entries. Prints each new entry's id on its own line once it is saved.
    Add(AddArgs),
    /// Replace an entry's text (its author, kind, tags and times stay).
    Edit(EditArgs),
    /// Delete an entry for good.
    Delete { id: String },
    /// The newest entries.
    List {
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// One entry by id.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search, newest first.
    Search {
        query: String,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Order by how well entries match instead of by date.
        #[arg(long)]
        relevance: bool,
        #[arg(long)]
        json: bool,
    },
    /// Change the passphrase (asks for the current one as usual). The notebook is re-encrypted
    /// under a new key, so the old passphrase opens nothing written afterwards.
    Passwd {
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: PathBuf,
    },
    /// Set a new passphrase with the recovery key, when the passphrase is forgotten.
    Recover {
        #[arg(long, value_name = "FILE")]
        recovery_key_file: PathBuf,
        #[arg(long, value_name = "FILE")]
        new_passphrase_file: PathBuf,
    },
    /// Run the integrity checks and read every entry; exits 0 when the journal is healthy.
    Verify,
    /// Write a verified, encrypted backup (it opens with your passphrase).
    Backup {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Replace the journal with a backup; the journal it replaces is kept beside it.
    Restore { path: PathBuf },
    /// Export every entry: encrypted like a backup, unless --plaintext is given.
    Export {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Write readable text. Anyone who can open the file can read every entry.
        #[arg(long)]
        plaintext: bool,
        /// Format of a plaintext export.
        #[arg(long, value_enum, requires = "plaintext", default_value = "markdown")]
        format: ExportFormat,
    },
    /// Add the entries of a JSON export (entries already present are skipped).
    Import { path: PathBuf },
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum ExportFormat {
    Markdown,
    Json,
}

#[derive(Args)]
#[command(group = clap::ArgGroup::new("source").required(true).args(["text", "file", "stdin_lines"]))]
pub struct AddArgs {
    /// Who wrote it.
    #[arg(long, default_value = "us")]
    author: String,
    /// note, three_good_things, check_in, reflection, appreciation or self_check.
    #[arg(long, default_value = "note", value_parser = parse_kind)]
    kind: EntryKind,
    #[arg(long = "tag", value_name = "TAG")]
    tags: Vec<String>,
    /// How you feel, 1 to 5.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    mood: Option<u8>,
    /// How close you feel, 1 to 5.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    closeness: Option<u8>,
    /// The entry's text.
    #[arg(long)]
    text: Option<String>,
    /// Read the entry's text from a file.
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
    /// Every line on stdin becomes its own entry (blank lines are skipped); unlocks once.
    #[arg(long)]
    stdin_lines: bool,
}

#[derive(Args)]
#[command(group = clap::ArgGroup::new("source").required(true).args(["text", "file"]))]
pub struct EditArgs {
    id: String,
    /// The new text.
    #[arg(long)]
    text: Option<String>,
    /// Read the new text from a file.
    #[arg(long, value_name = "PATH")]
    file: Option<PathBuf>,
}

fn parse_kind(name: &str) -> Result<EntryKind, String> {
    EntryKind::parse(name).ok_or_else(|| {
        let names: Vec<&str> = EntryKind::ALL.iter().map(|kind| kind.as_str()).collect();
        format!("unknown kind; use one of {}", names.join(", "))
    })
}

fn strength() -> KdfStrength {
    match std::env::var(KDF_FLOOR_ENV).as_deref() {
        Ok("1") => KdfStrength::Floor,
        _ => KdfStrength::Calibrated,
    }
}

pub fn run(
    command: JournalCommand,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
) -> Result<ExitCode, Failure> {
    match command {
        JournalCommand::Init => {
            let passphrase = secret::passphrase(passphrase_file, true)?;
            let recovery = init_journal(data_dir, &passphrase, strength())?;
            output::line(recovery.as_str())?;
        }
        JournalCommand::Add(args) => add(args, data_dir, passphrase_file)?,
        JournalCommand::Edit(args) => {
            let text = match (&args.text, &args.file) {
                (Some(text), _) => text.clone(),
                (None, Some(path)) => read_text_file(path)?,
                (None, None) => return Err(ApiError::internal("edit source").into()),
            };
            let mut journal = unlock(data_dir, passphrase_file)?;
            let saved = journal.edit_text(&args.id, text, SystemClock.now())?;
            output::line(&saved.id)?;
        }
        JournalCommand::Delete { id } => {
            unlock(data_dir, passphrase_file)?.delete(&id, SystemClock.now())?;
            output::note(&format!("Deleted {id}."));
        }
        JournalCommand::List { limit, json } => {
            let journal = unlock(data_dir, passphrase_file)?;
            let query = EntryQuery {
                limit,
                ..EntryQuery::default()
            };
            print_entries(&journal.find(&query)?, json)?;
        }
        JournalCommand::Show { id, json } => {
            let journal = unlock(data_dir, passphrase_file)?;
            let entry = journal.entry(&id)?;
            if json {
                output::json(&exported(&entry))?;
            } else {
                output::line(&format!(
                    "{}  {}  {}  {}",
                    entry.id,
                    entry.created_at,
                    terminal_safe(&entry.author, false),
                    kind_name(&entry)
                ))?;
                if !entry.tags.is_empty() {
                    output::line(&format!(
                        "tags: {}",
                        terminal_safe(&entry.tags.join(", "), false)
                    ))?;
                }
                output::line("")?;
                output::line(&terminal_safe(&entry.text, true))?;
            }
        }
        JournalCommand::Search {
            query,
            limit,
            relevance,
            json,
        } => {
            if query.trim().is_empty() {
                return Err(
                    ApiError::new(ApiErrorKind::InvalidInput, "the search query is empty").into(),
                );
            }
            let journal = unlock(data_dir, passphrase_file)?;
            let order = if relevance {
                SearchOrder::Relevance
            } else {
                SearchOrder::Newest
            };
            let query = EntryQuery {
                text: Some(query),
                order,
                limit,
                ..EntryQuery::default()
            };
            print_entries(&journal.find(&query)?, json)?;
        }
        JournalCommand::Passwd {
            new_passphrase_file,
        } => {
            let old = secret::passphrase(passphrase_file, false)?;
            let new = hearth_app::Passphrase::new(secret::first_line(
                &new_passphrase_file,
                "new passphrase",
            )?);
            let rekeyed = change_passphrase(data_dir, &old, &new, strength())?;
            output::note(
                "The passphrase has been changed and the notebook re-encrypted under a new key. \
                 Backups made before now still open with the old passphrase (and the recovery key).",
            );
            print_new_recovery_key(rekeyed.new_recovery_key.as_ref().map(|key| key.as_str()))?;
        }
        JournalCommand::Recover {
            recovery_key_file,
            new_passphrase_file,
        } => {
            let recovery = secret::first_line(&recovery_key_file, "recovery key")?;
            let new = hearth_app::Passphrase::new(secret::first_line(
                &new_passphrase_file,
                "new passphrase",
            )?);
            recover_journal(data_dir, &recovery, &new, strength())?;
            output::note(
                "The journal has a new passphrase and was re-encrypted under a new key; the \
                 recovery key stays the same.",
            );
        }
        JournalCommand::Verify => {
            let journal = unlock(data_dir, passphrase_file)?;
            let problems = journal.verify()?;
            if !problems.is_empty() {
                for problem in &problems {
                    output::note(problem);
                }
                return Err(ApiError::new(
                    ApiErrorKind::Storage,
                    format!(
                        "the journal failed its integrity checks ({} problems)",
                        problems.len()
                    ),
                )
                .into());
            }
            output::line("the journal is healthy")?;
        }
        JournalCommand::Backup { out } => {
            let report = unlock(data_dir, passphrase_file)?.backup(&out)?;
            output::line(&format!(
                "backed up {} entries to {} (verified)",
                report.entries,
                terminal_safe(&report.path.display().to_string(), false)
            ))?;
        }
        JournalCommand::Restore { path } => {
            let passphrase = secret::passphrase(passphrase_file, false)?;
            let report = restore_journal(data_dir, &path, &passphrase, SystemClock.now())?;
            if report.earlier_passphrase {
                output::note(
                    "This backup was made before the passphrase was last changed: the notebook \
                     now opens with the passphrase it had then (the one just used). Change it \
                     again with hearth-cli journal passwd if you like.",
                );
            }
            output::line(&format!(
                "restored {} entries from {}",
                report.entries,
                terminal_safe(&path.display().to_string(), false)
            ))?;
        }
        JournalCommand::Export {
            out,
            plaintext,
            format,
        } => {
            let journal = unlock(data_dir, passphrase_file)?;
            let shown = terminal_safe(&out.display().to_string(), false).into_owned();
            if plaintext {
                let format = match format {
                    ExportFormat::Markdown => PlainFormat::Markdown,
                    ExportFormat::Json => PlainFormat::Json,
                };
                let count = journal.export_plain(&out, format)?;
                output::note(&format!(
                    "Warning: {shown} is not encrypted. Anyone who can open it can read all {count} entries."
                ));
                output::line(&format!("exported {count} entries to {shown}"))?;
            } else {
                let report = journal.backup(&out)?;
                output::line(&format!(
                    "exported {} entries, encrypted, to {shown}",
                    report.entries
                ))?;
            }
        }
        JournalCommand::Import { path } => {
            let (added, skipped) = unlock(data_dir, passphrase_file)?.import_json(&path)?;
            output::line(&format!(
                "imported {added} entries ({skipped} were already here)"
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A recovery key made at a passphrase change (a journal from the first release): printed on
/// stdout, one line, like `init`, with a note on stderr.
fn print_new_recovery_key(key: Option<&str>) -> Result<(), Failure> {
    if let Some(key) = key {
        output::line(key)?;
        output::note(
            "This notebook was set up by an earlier Hearth, so it now has a new recovery key \
             (printed above); the old one no longer opens it. Keep the new one somewhere safe.",
        );
    }
    Ok(())
}

fn unlock(data_dir: &Path, passphrase_file: Option<&Path>) -> Result<Journal, ApiError> {
    Journal::unlock(data_dir, &secret::passphrase(passphrase_file, false)?)
}

fn add(args: AddArgs, data_dir: &Path, passphrase_file: Option<&Path>) -> Result<(), Failure> {
    let entry = |text: String| NewEntry {
        text,
        kind: args.kind,
        author: args.author.clone(),
        mood: args.mood,
        closeness: args.closeness,
        tags: args.tags.clone(),
        occurrence: None,
        score: None,
    };
    let mut texts: Vec<String> = Vec::new();
    if let Some(text) = &args.text {
        texts.push(text.clone());
    } else if let Some(path) = &args.file {
        texts.push(read_text_file(path)?);
    }
    // Validate before asking for the passphrase, so a mistake costs no unlock.
    for text in &texts {
        entry(text.clone()).validated().map_err(ApiError::from)?;
    }
    let mut journal = unlock(data_dir, passphrase_file)?;
    let clock = SystemClock;
    if args.stdin_lines {
        let mut stdin = std::io::stdin().lock();
        let mut number = 0;
        while let Some(line) = bounded_line(&mut stdin, &mut number)? {
            if line.trim().is_empty() {
                continue;
            }
            let saved = journal.add(entry(line), clock.now())?;
            output::line(&saved.id)?;
        }
    } else {
        for text in texts {
            let saved = journal.add(entry(text), clock.now())?;
            output::line(&saved.id)?;
        }
    }
    Ok(())
}

/// The next line of `input` without its line ending, read through the bound of one entry, so
/// a huge line or an endless stream (`/dev/zero`) is refused rather than filling memory.
fn bounded_line(
    input: &mut impl std::io::BufRead,
    number: &mut usize,
) -> Result<Option<String>, ApiError> {
    let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
    let mut bytes = Vec::new();
    let limit = u64::try_from(TEXT_MAX_BYTES).unwrap_or(u64::MAX) + 2;
    let read = input
        .by_ref()
        .take(limit)
        .read_until(b'\n', &mut bytes)
        .map_err(|error| invalid(format!("could not read stdin: {error}")))?;
    if read == 0 {
        return Ok(None);
    }
    *number += 1;
    while bytes.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        bytes.pop();
    }
    if bytes.len() > TEXT_MAX_BYTES {
        return Err(invalid(format!(
            "line {number} of stdin is longer than an entry may be ({TEXT_MAX_BYTES} bytes); \
             the lines before it were saved"
        )));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| invalid(format!("line {number} of stdin is not UTF-8 text")))
}

fn read_text_file(path: &Path) -> Result<String, ApiError> {
    let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
    let max = u64::try_from(TEXT_MAX_BYTES).unwrap_or(u64::MAX);
    let bytes = hearth_app::read_bounded(path, max).map_err(|error| match error {
        hearth_app::ReadError::TooLarge { .. } => invalid(format!(
            "{} is larger than an entry may be ({TEXT_MAX_BYTES} bytes)",
            path.display()
        )),
        other => invalid(format!("could not read {}: {other}", path.display())),
    })?;
    String::from_utf8(bytes).map_err(|_| invalid(format!("{} is not UTF-8 text", path.display())))
}

/// The JSON shape scripts see: the same as a JSON export's entries.
fn exported(entry: &Entry) -> ExportedEntry {
    ExportedEntry {
        id: entry.id.clone(),
        created_at: entry.created_at.clone(),
        edited_at: entry.edited_at.clone(),
        author: entry.author.clone(),
        kind: kind_name(entry),
        mood: entry.mood,
        closeness: entry.closeness,
        tags: entry.tags.clone(),
        occurrence: entry.occurrence.clone(),
        text: entry.text.clone(),
        score: entry.score,
    }
}

fn kind_name(entry: &Entry) -> String {
    serde_json::to_value(entry.kind)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn print_entries(entries: &[Entry], json: bool) -> Result<(), Failure> {
    if json {
        let list: Vec<ExportedEntry> = entries.iter().map(exported).collect();
        return output::json(&list);
    }
    for entry in entries {
        let first_line = entry.text.lines().next().unwrap_or("");
        let preview: String = first_line.chars().take(60).collect();
        let ellipsis = if preview.len() < entry.text.len() {
            "…"
        } else {
            ""
        };
        output::line(&format!(
            "{}  {}  {}  {}  {}{ellipsis}",
            entry.id,
            entry.created_at,
            terminal_safe(&entry.author, false),
            kind_name(entry),
            terminal_safe(&preview, false)
        ))?;
    }
    Ok(())
}
