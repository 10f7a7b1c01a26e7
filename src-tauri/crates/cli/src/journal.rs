//! `hearth-cli journal …`: set up, write, read, search and look after the encrypted journal.

use std::io::{BufRead as _, Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Subcommand};
use hearth_app::dto::Entry;
use hearth_app::input::{EntryKind, EntryQuery, NewEntry, SearchOrder, TEXT_MAX_BYTES};
use hearth_app::{
    ApiError, ApiErrorKind, Clock as _, ExportedEntry, Journal, KdfStrength, PlainFormat,
    SystemClock, change_passphrase, init_journal, recover_journal, restore_journal,
};
use serde::Serialize;

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
    /// Change the passphrase (asks for the current one as usual).
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
    /// Run the integrity checks; exits 0 when the journal is healthy.
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

fn io_error(error: std::io::Error) -> ApiError {
    ApiError::new(
        ApiErrorKind::Internal,
        format!("could not write the output: {error}"),
    )
}

pub fn run(
    command: JournalCommand,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
) -> Result<ExitCode, ApiError> {
    match command {
        JournalCommand::Init => {
            let passphrase = secret::passphrase(passphrase_file, true)?;
            let recovery = init_journal(data_dir, &passphrase, strength())?;
            println!("{}", recovery.as_str());
        }
        JournalCommand::Add(args) => add(args, data_dir, passphrase_file)?,
        JournalCommand::List { limit, json } => {
            let journal = unlock(data_dir, passphrase_file)?;
            print_entries(
                &journal.find(&EntryQuery {
                    limit,
                    ..EntryQuery::default()
                })?,
                json,
            )?;
        }
        JournalCommand::Show { id, json } => {
            let journal = unlock(data_dir, passphrase_file)?;
            let entry = journal.entry(&id)?;
            if json {
                print_json(&exported(&entry))?;
            } else {
                println!(
                    "{}  {}  {}  {}",
                    entry.id,
                    entry.created_at,
                    entry.author,
                    kind_name(&entry)
                );
                if !entry.tags.is_empty() {
                    println!("tags: {}", entry.tags.join(", "));
                }
                println!();
                println!("{}", entry.text);
            }
        }
        JournalCommand::Search {
            query,
            limit,
            relevance,
            json,
        } => {
            if query.trim().is_empty() {
                return Err(ApiError::new(
                    ApiErrorKind::InvalidInput,
                    "the search query is empty",
                ));
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
            change_passphrase(data_dir, &old, &new, strength())?;
            eprintln!("The passphrase has been changed.");
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
            eprintln!("The journal has a new passphrase.");
        }
        JournalCommand::Verify => {
            let journal = unlock(data_dir, passphrase_file)?;
            let problems = journal.verify()?;
            if !problems.is_empty() {
                for problem in &problems {
                    eprintln!("{problem}");
                }
                return Err(ApiError::new(
                    ApiErrorKind::Storage,
                    format!(
                        "the journal failed its integrity checks ({} problems)",
                        problems.len()
                    ),
                ));
            }
            println!("the journal is healthy");
        }
        JournalCommand::Backup { out } => {
            let report = unlock(data_dir, passphrase_file)?.backup(&out)?;
            println!(
                "backed up {} entries to {} (verified)",
                report.entries,
                report.path.display()
            );
        }
        JournalCommand::Restore { path } => {
            let passphrase = secret::passphrase(passphrase_file, false)?;
            let report = restore_journal(data_dir, &path, &passphrase, SystemClock.now())?;
            println!(
                "restored {} entries from {}",
                report.entries,
                path.display()
            );
            if let Some(kept) = report.previous_kept_at {
                println!("the journal it replaced is kept at {}", kept.display());
            }
        }
        JournalCommand::Export {
            out,
            plaintext,
            format,
        } => {
            let journal = unlock(data_dir, passphrase_file)?;
            if plaintext {
                let format = match format {
                    ExportFormat::Markdown => PlainFormat::Markdown,
                    ExportFormat::Json => PlainFormat::Json,
                };
                let count = journal.export_plain(&out, format)?;
                eprintln!(
                    "Warning: {} is not encrypted. Anyone who can open it can read all {count} entries.",
                    out.display()
                );
                println!("exported {count} entries to {}", out.display());
            } else {
                let report = journal.backup(&out)?;
                println!(
                    "exported {} entries, encrypted, to {}",
                    report.entries,
                    out.display()
                );
            }
        }
        JournalCommand::Import { path } => {
            let (added, skipped) = unlock(data_dir, passphrase_file)?.import_json(&path)?;
            println!("imported {added} entries ({skipped} were already here)");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn unlock(data_dir: &Path, passphrase_file: Option<&Path>) -> Result<Journal, ApiError> {
    Journal::unlock(data_dir, &secret::passphrase(passphrase_file, false)?)
}

fn add(args: AddArgs, data_dir: &Path, passphrase_file: Option<&Path>) -> Result<(), ApiError> {
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
        entry(text.clone()).validated()?;
    }
    let mut journal = unlock(data_dir, passphrase_file)?;
    let mut stdout = std::io::stdout().lock();
    let clock = SystemClock;
    if args.stdin_lines {
        for line in std::io::stdin().lock().lines() {
            let line = line.map_err(|error| {
                ApiError::new(
                    ApiErrorKind::InvalidInput,
                    format!("could not read stdin: {error}"),
                )
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let saved = journal.add(entry(line), clock.now())?;
            writeln!(stdout, "{}", saved.id)
                .and_then(|()| stdout.flush())
                .map_err(io_error)?;
        }
    } else {
        for text in texts {
            let saved = journal.add(entry(text), clock.now())?;
            writeln!(stdout, "{}", saved.id)
                .and_then(|()| stdout.flush())
                .map_err(io_error)?;
        }
    }
    Ok(())
}

fn read_text_file(path: &Path) -> Result<String, ApiError> {
    let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
    let file = std::fs::File::open(path)
        .map_err(|error| invalid(format!("could not read {}: {error}", path.display())))?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so an oversized file is refused without reading it all.
    let limit = u64::try_from(TEXT_MAX_BYTES)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|error| invalid(format!("could not read {}: {error}", path.display())))?;
    if bytes.len() > TEXT_MAX_BYTES {
        return Err(invalid(format!(
            "{} is larger than an entry may be ({TEXT_MAX_BYTES} bytes)",
            path.display()
        )));
    }
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

fn print_json<T: Serialize>(value: &T) -> Result<(), ApiError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|error| ApiError::new(ApiErrorKind::Internal, error.to_string()))?;
    println!("{text}");
    Ok(())
}

fn print_entries(entries: &[Entry], json: bool) -> Result<(), ApiError> {
    if json {
        let list: Vec<ExportedEntry> = entries.iter().map(exported).collect();
        return print_json(&list);
    }
    for entry in entries {
        let first_line = entry.text.lines().next().unwrap_or("");
        let preview: String = first_line.chars().take(60).collect();
        let ellipsis = if preview.len() < entry.text.len() {
            "…"
        } else {
            ""
        };
        println!(
            "{}  {}  {}  {}  {preview}{ellipsis}",
            entry.id,
            entry.created_at,
            entry.author,
            kind_name(entry)
        );
    }
    Ok(())
}
