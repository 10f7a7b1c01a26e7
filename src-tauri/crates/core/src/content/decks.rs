//! Raw form and checks of a `[[deck]]` table. Hearth's decks must give every card a level and a
//! topic and every deck a why with an evidence label; the couple's own decks need only names
//! and card texts (a card without a level is light, one without a topic is `general`).

use std::collections::HashSet;

use serde::Deserialize;
use toml::Spanned;

use super::{DeckPlace, NAME_MAX_CHARS, Origin, Report, SUMMARY_MAX_CHARS, WHY_MAX_CHARS};
use crate::deck::{Card, Deck, LEVEL_LIGHT, LEVEL_MAX, Topic};

const CARD_MAX_CHARS: usize = 300;
const CARDS_MAX: usize = 500;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDeck {
    id: Spanned<String>,
    name: Spanned<String>,
    summary: Spanned<String>,
    why: Option<Spanned<String>>,
    source: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    practice: Option<Spanned<String>>,
    opt_in: Option<bool>,
    tender: Option<bool>,
    cards: Spanned<Vec<Spanned<RawCard>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCard {
    text: Spanned<String>,
    level: Option<Spanned<u8>>,
    topic: Option<Spanned<String>>,
}

impl Report<'_> {
    pub(super) fn deck(&mut self, path: &str, raw: Spanned<RawDeck>) -> Option<Deck> {
        let errors_before = self.errors.len();
        let raw = raw.into_inner();
        let id = self.id(path, &raw.id, "our-questions");
        let name = self.text(&format!("{path}.name"), &raw.name, NAME_MAX_CHARS);
        let summary = self.text(&format!("{path}.summary"), &raw.summary, SUMMARY_MAX_CHARS);
        let why = match &raw.why {
            Some(why) => self.text(&format!("{path}.why"), why, WHY_MAX_CHARS),
            None if self.origin == Origin::Hearth => {
                let problem = "needs a why: in plain words, why this deck may help";
                self.error_at(raw.id.span().start, &format!("{path}.why"), problem);
                None
            }
            None => None,
        };
        let source = self.source(path, raw.source.as_ref());
        let evidence = self.evidence(
            path,
            raw.evidence.as_ref(),
            raw.source.as_ref(),
            raw.id.span().start,
        );
        let practice = raw
            .practice
            .as_ref()
            .and_then(|name| self.practice(path, name));
        let list = raw.cards.get_ref();
        if list.is_empty() || list.len() > CARDS_MAX {
            let problem = format!(
                "needs between 1 and {CARDS_MAX} cards, found {}",
                list.len()
            );
            self.error_at(raw.cards.span().start, &format!("{path}.cards"), &problem);
        }
        let mut cards = Vec::with_capacity(list.len());
        let mut places = Vec::with_capacity(list.len());
        let mut texts = HashSet::new();
        for (index, card) in list.iter().enumerate() {
            let card = card.get_ref();
            let field = format!("{path}.cards[{index}]");
            let Some(text) = self.text(&format!("{field}.text"), &card.text, CARD_MAX_CHARS) else {
                continue;
            };
            let Some(level) = self.level(&field, card) else {
                continue;
            };
            let Some(topic) = self.topic(&field, card) else {
                continue;
            };
            if !texts.insert(text.clone()) {
                self.error_at(
                    card.text.span().start,
                    &format!("{field}.text"),
                    "repeats an earlier card of this deck",
                );
                continue;
            }
            places.push((
                self.line_at(card.text.span().start),
                format!("{field}.text"),
            ));
            cards.push(Card::new(text, level, topic));
        }
        if self.errors.len() > errors_before {
            return None;
        }
        self.places.push(DeckPlace {
            file: self.source.file.to_owned(),
            id: id.to_owned(),
            cards: places,
        });
        Some(Deck {
            id: id.to_owned(),
            name: name?,
            summary: summary?,
            why,
            source,
            evidence,
            practice,
            opt_in: raw.opt_in.unwrap_or(false),
            tender: raw.tender.unwrap_or(false),
            cards,
            user_made: false,
        })
    }

    /// A card's level: required in Hearth's decks, light when the couple's own card has none.
    fn level(&mut self, field: &str, card: &RawCard) -> Option<u8> {
        let Some(value) = &card.level else {
            if self.origin == Origin::Couple {
                return Some(LEVEL_LIGHT);
            }
            let problem = "needs a level: 1 (light), 2 (deeper) or 3 (deep)";
            self.error_at(card.text.span().start, &format!("{field}.level"), problem);
            return None;
        };
        let level = *value.get_ref();
        if (LEVEL_LIGHT..=LEVEL_MAX).contains(&level) {
            return Some(level);
        }
        let problem = format!("must be 1 (light), 2 (deeper) or {LEVEL_MAX} (deep), not {level}");
        self.error_at(value.span().start, &format!("{field}.level"), &problem);
        None
    }

    /// A card's topic, one of [`Topic::ALL`]: required in Hearth's decks (and never `general`,
    /// which is for the couple's cards that name none), `general` when the couple's has none.
    fn topic(&mut self, field: &str, card: &RawCard) -> Option<Topic> {
        let Some(value) = &card.topic else {
            if self.origin == Origin::Couple {
                return Some(Topic::General);
            }
            let problem = format!("needs a topic: {}", topic_names());
            self.error_at(card.text.span().start, &format!("{field}.topic"), &problem);
            return None;
        };
        let found = Topic::parse(value.get_ref().trim());
        let problem = match found {
            None => Topic::not_one_of(),
            Some(Topic::General) if self.origin == Origin::Hearth => format!(
                "\"general\" is for the couple's own cards; pick what this card is about: {}",
                topic_names()
            ),
            Some(topic) => return Some(topic),
        };
        self.error_at(value.span().start, &format!("{field}.topic"), &problem);
        None
    }
}

/// Every topic a card of Hearth's may carry, comma-separated.
fn topic_names() -> String {
    let names: Vec<&str> = Topic::ALL
        .iter()
        .filter(|topic| **topic != Topic::General)
        .map(|topic| topic.as_str())
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests;
