//! `hearth-cli`: Hearth on the command line, for people who like terminals and for scripts.
//!
//! Exit codes: 0 success; 2 bad usage (from clap); 4 content check found problems; 1 any other
//! error, printed as one line on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use hearth_app::{DATA_DIR_ENV, Hearth, check_content_dir, embedded_content, resolve_data_dir};

/// Exit code when a content check finds problems.
const EXIT_CONTENT_INVALID: u8 = 4;

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

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check and list Hearth's content (practices, patterns, decks).
    #[command(subcommand)]
    Content(ContentCommand),
    /// Show where Hearth keeps its data, creating the folder if needed.
    Paths,
}

#[derive(Subcommand)]
enum ContentCommand {
    /// Validate the TOML files in a content folder (default: the content built into Hearth).
    ///
    /// Exits 0 when valid; otherwise prints one `file:line: field: problem` line per mistake on
    /// stderr and exits 4.
    Check {
        /// Folder to check, searched recursively for .toml files.
        dir: Option<PathBuf>,
    },
    /// List the breathing patterns built into Hearth.
    Breathing,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("hearth-cli: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Content(ContentCommand::Check { dir }) => {
            let (checked, errors) = match &dir {
                Some(dir) => (dir.display().to_string(), check_content_dir(dir)?),
                None => ("the built-in content".to_owned(), embedded_content().1),
            };
            if errors.is_empty() {
                println!("{checked}: no problems found");
                return Ok(ExitCode::SUCCESS);
            }
            for error in &errors {
                eprintln!("{error}");
            }
            let plural = if errors.len() == 1 { "" } else { "s" };
            eprintln!("{checked}: {} problem{plural} found", errors.len());
            Ok(ExitCode::from(EXIT_CONTENT_INVALID))
        }
        Command::Content(ContentCommand::Breathing) => {
            for pattern in embedded_content().0.breathing_patterns {
                println!(
                    "{}\t{}\t{:.1} breaths/min\t{}",
                    pattern.id,
                    pattern.name,
                    pattern.breaths_per_minute(),
                    pattern.summary
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Paths => {
            let data_dir = resolve_data_dir(cli.data_dir, std::env::var_os(DATA_DIR_ENV))?;
            let hearth = Hearth::open(&data_dir)?;
            let paths = hearth.paths();
            println!("data folder\t{}", paths.data_dir);
            println!("schedule database\t{}", paths.schedule_db);
            Ok(ExitCode::SUCCESS)
        }
    }
}
