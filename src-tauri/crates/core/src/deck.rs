//! Card decks: questions drawn one at a time, lighter cards first, none repeated until every
//! card of the deck has been seen once (a round).

use std::collections::HashSet;

use crate::ritual::Practice;

/// The deepest level a card may carry (1 is light).
pub const LEVEL_MAX: u8 = 3;

/// A deck of question cards, from content/ or from the couple's own files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub id: String,
    pub name: String,
    pub summary: String,
    pub why: Option<String>,
    pub source: Option<String>,
    pub practice: Option<Practice>,
    pub cards: Vec<Card>,
    /// Whether the deck came from the couple's data folder rather than from Hearth.
    pub user_made: bool,
}

/// One card. Its key is derived from its text, so editing a deck never confuses which cards
/// were already seen or marked as favourites (an edited card counts as a new one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub key: String,
    pub text: String,
    /// 1 (light) to [`LEVEL_MAX`] (deep).
    pub level: u8,
}

impl Card {
    pub fn new(text: String, level: u8) -> Self {
        Self {
            key: card_key(&text),
            text,
            level,
        }
    }
}

/// A stable key for a card's text: 64-bit FNV-1a, as 16 hex digits.
pub fn card_key(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// The outcome of a draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw<'a> {
    pub card: &'a Card,
    /// Every card had been seen, so this draw starts a new round (forget what was seen).
    pub new_round: bool,
}

/// Draws the next card: among the cards not yet seen this round, the lightest level first, and
/// within it the one `pick` selects (a random number from the caller). Returns `None` only for
/// an empty deck.
pub fn draw<'a>(deck: &'a Deck, seen: &HashSet<String>, pick: u64) -> Option<Draw<'a>> {
    let unseen: Vec<&Card> = deck
        .cards
        .iter()
        .filter(|card| !seen.contains(&card.key))
        .collect();
    let (pool, new_round) = if unseen.is_empty() {
        (deck.cards.iter().collect::<Vec<_>>(), true)
    } else {
        (unseen, false)
    };
    let lightest = pool.iter().map(|card| card.level).min()?;
    let level: Vec<&Card> = pool
        .into_iter()
        .filter(|card| card.level == lightest)
        .collect();
    let index = usize::try_from(pick % level.len() as u64).unwrap_or(0);
    Some(Draw {
        card: level[index],
        new_round,
    })
}

/// How many of the deck's cards have been seen this round.
pub fn seen_in_round(deck: &Deck, seen: &HashSet<String>) -> usize {
    deck.cards
        .iter()
        .filter(|card| seen.contains(&card.key))
        .count()
}

#[cfg(test)]
mod tests;
