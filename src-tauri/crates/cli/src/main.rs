//! `hearth-cli`: Hearth on the command line, for people who like terminals and for scripts.
//!
//! Exit codes: 0 success; 2 bad usage (from clap); 3 wrong passphrase or recovery key; 4
//! invalid input or state (including content problems, a missing or damaged notebook, and a
//! notebook another Hearth has open); 141 when the reader of the output went away; 1 anything
//! else. Errors are one line on stderr.

mod content;
mod journal;
mod output;
mod rituals;
mod secret;
mod sync;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hearth_app::{
    ApiError, ApiErrorKind, Clock as _, DATA_DIR_ENV, Hearth, SystemClock, resolve_data_dir,
};
use output::Failure;

const EXIT_WRONG_PASSPHRASE: u8 = 3;
const EXIT_INVALID: u8 = 4;
/// What a shell reports for a program stopped by SIGPIPE (128 + 13).
const EXIT_READER_GONE: u8 = 141;

#[derive(Parser)]
#[command(
    name = "hearth-cli",
    version,
    about = "Hearth, a private companion for couples, on the command line."
)]
struct Cli {
    /// Data folder to use (default: $HEARTH_DATA_DIR, else the platform's app data folder).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Read the journal passphrase from the first line of FILE instead of prompting.
    #[arg(
        long,
        global = true,
        value_name = "FILE",
        env = "HEARTH_PASSPHRASE_FILE"
    )]
    passphrase_file: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check and list Hearth's content (practices, patterns, decks).
    #[command(subcommand)]
    Content(content::ContentCommand),
    /// The couple's encrypted journal.
    #[command(subcommand)]
    Journal(journal::JournalCommand),
    /// The ritual calendar: rituals and their occurrences (no passphrase needed).
    #[command(subcommand)]
    Rituals(rituals::RitualsCommand),
    /// Two computers: share the notebook and the rituals through an exchange folder.
    #[command(subcommand)]
    Sync(sync::SyncCommand),
    /// Show where Hearth keeps its data, creating the folder if needed.
    Paths,
    /// Fill a throwaway data folder's existing journal with a few weeks of sample data (two
    /// partners, check-ins, practices, rituals), ending now. For screenshots and demos.
    #[command(hide = true)]
    SampleData {
        /// How many weeks, ending with this one.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=12))]
        weeks: u32,
    },
}

fn main() -> ExitCode {
    hearth_app::forbid_core_dumps();
    hearth_app::private_files();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure::ReaderGone) => ExitCode::from(EXIT_READER_GONE),
        Err(Failure::Api(error)) => {
            output::note(&format!("hearth-cli: {}", error.message));
            ExitCode::from(exit_code(error.kind))
        }
    }
}

fn exit_code(kind: ApiErrorKind) -> u8 {
    match kind {
        ApiErrorKind::WrongPassphrase => EXIT_WRONG_PASSPHRASE,
        ApiErrorKind::InvalidInput
        | ApiErrorKind::Locked
        | ApiErrorKind::NotFound
        | ApiErrorKind::NoJournal
        | ApiErrorKind::JournalExists
        | ApiErrorKind::Damaged
        | ApiErrorKind::Busy => EXIT_INVALID,
        ApiErrorKind::Storage
        | ApiErrorKind::NewerVersion
        | ApiErrorKind::Network
        | ApiErrorKind::Internal => 1,
    }
}

fn data_dir(explicit: Option<PathBuf>) -> Result<PathBuf, ApiError> {
    resolve_data_dir(explicit, std::env::var_os(DATA_DIR_ENV))
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Content(command) => content::run(command),
        Command::Journal(command) => {
            let dir = data_dir(cli.data_dir)?;
            journal::run(command, &dir, cli.passphrase_file.as_deref())
        }
        Command::Rituals(command) => rituals::run(command, &data_dir(cli.data_dir)?),
        Command::Sync(command) => {
            let dir = data_dir(cli.data_dir)?;
            sync::run(command, &dir, cli.passphrase_file.as_deref())
        }
        Command::SampleData { weeks } => {
            let hearth = Hearth::open(&data_dir(cli.data_dir)?)?;
            let passphrase = secret::passphrase(cli.passphrase_file.as_deref(), false)?;
            let clock = SystemClock;
            hearth.journal().unlock(&passphrase, clock.now())?;
            hearth_app::sample::fill_recent_weeks(&hearth, clock.now(), clock.local_zone(), weeks)?;
            output::line(&format!("wrote {weeks} weeks of sample data"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Paths => {
            let hearth = Hearth::open(&data_dir(cli.data_dir)?)?;
            let paths = hearth.paths();
            output::line(&format!(
                "data folder\t{}",
                output::terminal_safe(&paths.data_dir, false)
            ))?;
            output::line(&format!(
                "schedule database\t{}",
                output::terminal_safe(&paths.schedule_db, false)
            ))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
