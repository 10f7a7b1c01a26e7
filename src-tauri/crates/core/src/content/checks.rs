//! The content checker: everything [`load_library`](super::load_library) checks, plus the rules
//! Hearth's content keeps as a whole: enough cards and decks, a safety table, varied openings
//! within a deck, and no two cards nearly the same. `make content-check`, `hearth-cli content
//! check` and the tidy test all run it.

use std::collections::HashMap;

use super::similar::{self, NEAR_SAME_BELOW_PERCENT};
use super::{ContentError, ContentLibrary, ContentSource, DeckPlace};

/// Hearth's content has at least this many cards…
pub const CARDS_MIN: usize = 400;
/// …across at least this many decks.
pub const DECKS_MIN: usize = 10;
/// How many first words make a card's opening.
const OPENING_WORDS: usize = 3;
/// At most one card in this many of a deck may share an opening (and always at least one).
const OPENING_SHARE: usize = 10;

/// Checks Hearth's content as a whole: the library and every problem found, each named by
/// file, line and field.
pub fn check_content<'a>(
    sources: impl IntoIterator<Item = ContentSource<'a>>,
) -> (ContentLibrary, Vec<ContentError>) {
    let sources: Vec<ContentSource<'a>> = sources.into_iter().collect();
    let (library, mut errors, places) = super::load(sources.iter().copied());
    let anywhere = |preferred: &str| {
        sources
            .iter()
            .find(|source| source.file.ends_with(preferred))
            .or(sources.first())
            .map_or_else(|| "content".to_owned(), |source| source.file.to_owned())
    };
    if library.safety.is_none() {
        errors.push(ContentError {
            file: anywhere("safety.toml"),
            line: 1,
            field: "safety".to_owned(),
            problem: "Hearth's content needs a [safety] table: the statement, the services, the \
                      directory and the emergency line (see content/README.md)"
                .to_owned(),
        });
    }
    errors.extend(volume(&library, &anywhere("decks.toml")));
    errors.extend(openings(&library, &places));
    errors.extend(near_copies(&library, &places));
    (library, errors)
}

/// At least [`CARDS_MIN`] cards across at least [`DECKS_MIN`] decks.
fn volume(library: &ContentLibrary, file: &str) -> Option<ContentError> {
    let decks = library.decks.len();
    let cards: usize = library.decks.iter().map(|deck| deck.cards.len()).sum();
    (decks < DECKS_MIN || cards < CARDS_MIN).then(|| ContentError {
        file: file.to_owned(),
        line: 1,
        field: "deck".to_owned(),
        problem: format!(
            "Hearth's decks hold {cards} cards in {decks} decks; they need at least {CARDS_MIN} \
             cards across at least {DECKS_MIN} decks"
        ),
    })
}

/// The place of each library deck, found by id.
fn place_of<'p>(places: &'p [DeckPlace], id: &str) -> Option<&'p DeckPlace> {
    places.iter().find(|place| place.id == id)
}

/// No more than a tenth of a deck's cards (and at least one) start with the same three words.
fn openings(library: &ContentLibrary, places: &[DeckPlace]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for deck in &library.decks {
        let Some(place) = place_of(places, &deck.id) else {
            continue;
        };
        let allowed = (deck.cards.len() / OPENING_SHARE).max(1);
        let mut by_opening: HashMap<String, Vec<usize>> = HashMap::new();
        for (index, card) in deck.cards.iter().enumerate() {
            let opening = similar::opening(&similar::normalise(&card.text), OPENING_WORDS);
            by_opening.entry(opening).or_default().push(index);
        }
        let mut crowded: Vec<(String, Vec<usize>)> = by_opening
            .into_iter()
            .filter(|(_, cards)| cards.len() > allowed)
            .collect();
        crowded.sort_by_key(|(_, cards)| cards[allowed]);
        for (opening, cards) in crowded {
            let Some((line, field)) = place.cards.get(cards[allowed]) else {
                continue;
            };
            errors.push(ContentError {
                file: place.file.clone(),
                line: *line,
                field: field.clone(),
                problem: format!(
                    "{} of this deck's {} cards begin \"{opening}\"; at most {allowed} may share \
                     their first {OPENING_WORDS} words, so begin this one differently",
                    cards.len(),
                    deck.cards.len()
                ),
            });
        }
    }
    errors
}

/// No two cards, in one deck or two, nearly the same (see [`NEAR_SAME_BELOW_PERCENT`]).
fn near_copies(library: &ContentLibrary, places: &[DeckPlace]) -> Vec<ContentError> {
    // Every card with its place, in content order.
    let mut cards = Vec::new();
    for deck in &library.decks {
        let Some(place) = place_of(places, &deck.id) else {
            continue;
        };
        for (card, (line, field)) in deck.cards.iter().zip(&place.cards) {
            cards.push((
                card.text.as_str(),
                place.file.as_str(),
                *line,
                field.as_str(),
            ));
        }
    }
    let texts: Vec<String> = cards
        .iter()
        .map(|(text, ..)| similar::normalise(text))
        .collect();
    similar::near_pairs(&texts)
        .into_iter()
        .map(|(first, second)| {
            let (text, file, line, _) = cards[first];
            let (_, later_file, later_line, later_field) = cards[second];
            ContentError {
                file: later_file.to_owned(),
                line: later_line,
                field: later_field.to_owned(),
                problem: format!(
                    "is nearly the same as \"{text}\" ({file}:{line}): fewer than \
                     {NEAR_SAME_BELOW_PERCENT} % of its letters differ; reword one of them"
                ),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests;
