//! The couple's own cards added from the page: one deck file Hearth keeps in the decks folder
//! (`decks/our-cards.toml`, the same format a couple can write by hand), so the cards load,
//! draw and travel to the other computer like any deck of their own.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{ApiError, ApiErrorKind, Hearth, USER_DECKS_DIR};

/// The file the page adds cards to.
pub const OWN_CARDS_FILE: &str = "our-cards.toml";
const DECK_ID: &str = "our-cards";
/// Room for years of additions, well under the 1 MiB a deck file may hold.
const CARDS_MAX: usize = 2000;
const TEXT_MAX_CHARS: usize = 300;
const FILE_MAX_BYTES: u64 = 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnFile {
    deck: Vec<OwnDeck>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnDeck {
    id: String,
    name: String,
    summary: String,
    cards: Vec<OwnCard>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OwnCard {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<u8>,
}

fn invalid(problem: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorKind::InvalidInput, problem)
}

/// The card's text as kept: trimmed, one line, no control characters, not too long.
fn checked_text(text: &str) -> Result<String, ApiError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid("text: write the card's question or idea"));
    }
    if text.chars().any(char::is_control) {
        return Err(invalid("text: one line, without control characters"));
    }
    let chars = text.chars().count();
    if chars > TEXT_MAX_CHARS {
        return Err(invalid(format!(
            "text: is {chars} characters; a card holds at most {TEXT_MAX_CHARS}"
        )));
    }
    Ok(text.to_owned())
}

/// What the file holds now: nothing yet, or the deck the page keeps. A file changed by hand
/// into something else is refused by name, never overwritten.
fn read(path: &Path) -> Result<OwnFile, ApiError> {
    let bytes = match hearth_store::durable::read_bounded(path, FILE_MAX_BYTES) {
        Ok(bytes) => bytes,
        Err(hearth_store::durable::ReadError::Io(error))
            if error.kind() == std::io::ErrorKind::NotFound =>
        {
            return Ok(OwnFile {
                deck: vec![OwnDeck {
                    id: DECK_ID.to_owned(),
                    name: "Our own cards".to_owned(),
                    summary: "Cards the two of you added.".to_owned(),
                    cards: Vec::new(),
                }],
            });
        }
        Err(error) => return Err(invalid(format!("{}: {error}", path.display()))),
    };
    let refused = || {
        invalid(format!(
            "{} was changed by hand and is not one deck Hearth can add to; add the card to that file yourself, or move the file away",
            path.display()
        ))
    };
    let text = String::from_utf8(bytes).map_err(|_| refused())?;
    let file: OwnFile = toml::from_str(&text).map_err(|_| refused())?;
    if file.deck.len() != 1 {
        return Err(refused());
    }
    Ok(file)
}

impl Hearth {
    /// Adds a card of the couple's own (level 1 light, 2 deeper, 3 deep) to their deck file,
    /// creating it the first time. Returns the deck's id.
    pub fn add_own_card(&self, text: &str, level: u8) -> Result<String, ApiError> {
        let text = checked_text(text)?;
        if !(1..=3).contains(&level) {
            return Err(invalid(format!(
                "level: 1 (light), 2 (deeper) or 3 (deep), not {level}"
            )));
        }
        let dir = self.data_dir().join(USER_DECKS_DIR);
        hearth_store::durable::private_dir(&dir)
            .map_err(|error| invalid(format!("{}: {error}", dir.display())))?;
        let path = dir.join(OWN_CARDS_FILE);
        let mut file = read(&path)?;
        let Some(deck) = file.deck.first_mut() else {
            return Err(invalid(format!("{}: no deck", path.display())));
        };
        if deck.cards.len() >= CARDS_MAX {
            return Err(invalid(format!(
                "your own deck holds {CARDS_MAX} cards already; start another file for more"
            )));
        }
        if deck.cards.iter().any(|card| card.text == text) {
            return Err(invalid("that card is in your own deck already"));
        }
        deck.cards.push(OwnCard {
            text,
            level: Some(level),
        });
        let id = deck.id.clone();
        let written =
            toml::to_string(&file).map_err(|error| ApiError::internal(&error.to_string()))?;
        let header = "# Cards the two of you added in Hearth (Practices, Question cards). You may edit\n# this file by hand; keep it one [[deck]].\n";
        hearth_store::durable::write_atomically(&path, |out| {
            std::io::Write::write_all(out, header.as_bytes())?;
            std::io::Write::write_all(out, written.as_bytes())
        })
        .map_err(|error| invalid(format!("{}: {error}", path.display())))?;
        Ok(id)
    }
}
