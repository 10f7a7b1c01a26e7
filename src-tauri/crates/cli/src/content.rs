//! The `content` subcommands: check a content folder, and list the breathing patterns and the
//! decks with their cards.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use hearth_app::{
    check_content_dir, check_embedded_content, embedded_content, level_name, load_content_dir,
};
use serde::Serialize;

use crate::EXIT_INVALID;
use crate::output::{self, Failure};

#[derive(Subcommand)]
pub enum ContentCommand {
    /// Validate the TOML files in a content folder (default: the content built into Hearth).
    ///
    /// Runs every rule of the content checker: each entry's fields, levels, topics, evidence
    /// labels and sources, a safety table, at least 400 cards across 10 decks, varied openings
    /// and no two cards nearly the same. Exits 0 when valid; otherwise prints one
    /// `file:line: field: problem` line per mistake on stderr and exits 4.
    Check {
        /// Folder to check, searched recursively for .toml files.
        dir: Option<PathBuf>,
    },
    /// List the breathing patterns built into Hearth.
    Breathing,
    /// List every deck (id and name) with its cards (level, topic and text), one deck per block.
    ///
    /// Reads the content built into Hearth, or the .toml files of `--dir`. Problems in those
    /// files are printed on stderr, and the command then exits 4 after listing the valid decks.
    Decks {
        /// Print JSON: a list of decks, each with `id`, `name` and `cards` (`text`, `level`,
        /// `topic`).
        #[arg(long)]
        json: bool,
        /// A content folder to read instead of the built-in content.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// A deck as `content decks --json` prints it.
#[derive(Serialize)]
struct DeckListing<'a> {
    id: &'a str,
    name: &'a str,
    cards: Vec<CardListing<'a>>,
}

#[derive(Serialize)]
struct CardListing<'a> {
    text: &'a str,
    level: u8,
    topic: &'static str,
}

pub fn run(command: ContentCommand) -> Result<ExitCode, Failure> {
    match command {
        ContentCommand::Check { dir } => check(dir),
        ContentCommand::Breathing => {
            for pattern in embedded_content().0.breathing_patterns {
                output::line(&format!(
                    "{}\t{}\t{:.1} breaths/min\t{}",
                    pattern.id,
                    pattern.name,
                    pattern.breaths_per_minute(),
                    pattern.summary
                ))?;
            }
            Ok(ExitCode::SUCCESS)
        }
        ContentCommand::Decks { json, dir } => decks(json, dir),
    }
}

fn check(dir: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let (checked, errors) = match &dir {
        Some(dir) => (dir.display().to_string(), check_content_dir(dir)?),
        None => ("the built-in content".to_owned(), check_embedded_content()),
    };
    let checked = output::terminal_safe(&checked, false).into_owned();
    if errors.is_empty() {
        output::line(&format!("{checked}: no problems found"))?;
        return Ok(ExitCode::SUCCESS);
    }
    for error in &errors {
        output::note(&error.to_string());
    }
    let plural = if errors.len() == 1 { "" } else { "s" };
    output::note(&format!(
        "{checked}: {} problem{plural} found",
        errors.len()
    ));
    Ok(ExitCode::from(EXIT_INVALID))
}

fn decks(json: bool, dir: Option<PathBuf>) -> Result<ExitCode, Failure> {
    let (library, problems) = match &dir {
        Some(dir) => load_content_dir(dir)?,
        None => embedded_content(),
    };
    let listings: Vec<DeckListing<'_>> = library
        .decks
        .iter()
        .map(|deck| DeckListing {
            id: &deck.id,
            name: &deck.name,
            cards: deck
                .cards
                .iter()
                .map(|card| CardListing {
                    text: &card.text,
                    level: card.level,
                    topic: card.topic.as_str(),
                })
                .collect(),
        })
        .collect();
    if json {
        output::json(&listings)?;
    } else {
        print_blocks(&listings)?;
    }
    for problem in &problems {
        output::note(&problem.to_string());
    }
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_INVALID)
    })
}

/// One block per deck: `id<TAB>name (N cards)`, then a line per card (`level name<TAB>topic
/// <TAB>text`, indented), then a blank line between decks.
fn print_blocks(listings: &[DeckListing<'_>]) -> Result<(), Failure> {
    for (index, deck) in listings.iter().enumerate() {
        if index > 0 {
            output::line("")?;
        }
        let plural = if deck.cards.len() == 1 { "" } else { "s" };
        output::line(&format!(
            "{}\t{} ({} card{plural})",
            output::terminal_safe(deck.id, false),
            output::terminal_safe(deck.name, false),
            deck.cards.len()
        ))?;
        for card in &deck.cards {
            output::line(&format!(
                "  {} {}\t{}\t{}",
                card.level,
                level_name(card.level),
                card.topic,
                output::terminal_safe(card.text, false)
            ))?;
        }
    }
    Ok(())
}
