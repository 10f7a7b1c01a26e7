//! `hearth-cli sync …`: two computers through an exchange folder (the contract is in the
//! README). Every command but `status` opens the notebook, whose key the exchange needs.
//!
//! `sync now` exits 0 when everything it found was applied, and 4 when something was refused
//! (each named on stderr with its reason) after applying everything valid.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use hearth_app::{ApiError, Clock as _, Hearth, Journal, SyncReport, SystemClock};

use crate::output::{self, Failure, terminal_safe};
use crate::{EXIT_INVALID, secret};

#[derive(Subcommand)]
pub enum SyncCommand {
    /// Start a couple's exchange in DIR (an empty folder that Syncthing, a cloud drive or a USB
    /// stick carries). This computer's notebook must exist.
    Setup {
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
    },
    /// Print a one-time pairing code (one line) for the partner's computer: it lasts 15
    /// minutes and serves once.
    Invite,
    /// Join the exchange in DIR with the code shown on the partner's computer, read from the
    /// first line of FILE (never from an argument).
    Join {
        #[arg(long, value_name = "DIR")]
        folder: PathBuf,
        #[arg(long, value_name = "FILE")]
        code_file: PathBuf,
    },
    /// Write what is new here and apply what arrived.
    Now {
        #[arg(long)]
        json: bool,
    },
    /// This device, the other devices and what was last received from each, what waits to be
    /// sent, open "two versions", refused files with reasons (JSON).
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Leave the exchange: this computer stops sharing; what it shared stays with the partner.
    Leave,
}

fn open(data_dir: &Path, passphrase_file: Option<&Path>) -> Result<(Hearth, Journal), ApiError> {
    let hearth = Hearth::open(data_dir)?;
    let passphrase = secret::passphrase(passphrase_file, false)?;
    let journal = Journal::unlock(data_dir, &passphrase)?;
    Ok((hearth, journal))
}

fn print_report(report: &SyncReport, json: bool) -> Result<ExitCode, Failure> {
    if json {
        output::json(report)?;
    } else {
        output::line(&format!(
            "wrote {} segment(s), applied {} ({} change(s))",
            report.written, report.applied, report.changes
        ))?;
    }
    for refused in &report.refused {
        output::note(&format!(
            "refused {}: {}",
            terminal_safe(&refused.file, false),
            terminal_safe(&refused.reason, false)
        ));
    }
    Ok(if report.refused.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    })
}

pub fn run(
    command: SyncCommand,
    data_dir: &Path,
    passphrase_file: Option<&Path>,
) -> Result<ExitCode, Failure> {
    let clock = SystemClock;
    match command {
        SyncCommand::Setup { folder } => {
            let (hearth, mut journal) = open(data_dir, passphrase_file)?;
            let report = hearth.sync_setup(&mut journal, &folder, clock.now())?;
            output::note(&format!(
                "This computer now shares through {}. On the partner's computer, run `hearth-cli sync join` with a code from `hearth-cli sync invite`.",
                terminal_safe(&folder.display().to_string(), false)
            ));
            print_report(&report, false)
        }
        SyncCommand::Invite => {
            let (hearth, mut journal) = open(data_dir, passphrase_file)?;
            let code = hearth.sync_invite(&mut journal, clock.now())?;
            output::line(&code)?;
            Ok(ExitCode::SUCCESS)
        }
        SyncCommand::Join { folder, code_file } => {
            let code = secret::first_line(&code_file, "the pairing code")?;
            let (hearth, mut journal) = open(data_dir, passphrase_file)?;
            let report = hearth.sync_join(&mut journal, &folder, &code, clock.now())?;
            print_report(&report, false)
        }
        SyncCommand::Now { json } => {
            let (hearth, mut journal) = open(data_dir, passphrase_file)?;
            let report = hearth.sync_now(Some(&mut journal), clock.now())?;
            print_report(&report, json)
        }
        SyncCommand::Status { json } => {
            let hearth = Hearth::open(data_dir)?;
            let journal = match passphrase_file {
                Some(file) => {
                    let passphrase = secret::passphrase(Some(file), false)?;
                    Some(Journal::unlock(data_dir, &passphrase)?)
                }
                None => None,
            };
            let status = hearth.sync_status(journal.as_ref())?;
            if json {
                output::json(&status)?;
            } else if !status.paired {
                output::line("not paired")?;
            } else {
                output::line(&format!(
                    "paired through {}",
                    terminal_safe(status.folder.as_deref().unwrap_or(""), false)
                ))?;
                for device in &status.devices {
                    output::line(&format!(
                        "partner {}: last received {}",
                        device.device,
                        device.last_received_at.as_deref().unwrap_or("nothing yet")
                    ))?;
                }
                output::line(&format!(
                    "waiting to send: {} calendar change(s)",
                    status.waiting_calendar
                ))?;
                for refused in &status.refused {
                    output::line(&format!(
                        "refused {}: {}",
                        terminal_safe(&refused.file, false),
                        terminal_safe(&refused.reason, false)
                    ))?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        SyncCommand::Leave => {
            let (hearth, mut journal) = open(data_dir, passphrase_file)?;
            hearth.sync_leave(Some(&mut journal), clock.now())?;
            output::note(
                "This computer has left the exchange. What it shared stays with the partner.",
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
