//! Card decks: questions drawn one at a time, lighter cards first, none repeated until every
//! card of the deck has been seen once (a round). A couple can also choose one depth (light,
//! deeper or deep) for a round; then only cards of that level come up.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::ritual::Practice;

/// The lightest level a card may carry.
pub const LEVEL_LIGHT: u8 = 1;
/// The deepest level a card may carry (1 is light, 2 deeper, 3 deep).
pub const LEVEL_MAX: u8 = 3;

/// What a level is called, for people: 1 light, 2 deeper, 3 deep.
pub fn level_name(level: u8) -> &'static str {
    match level {
        1 => "light",
        2 => "deeper",
        _ => "deep",
    }
}

/// A deck of question cards, from content/ or from the couple's own files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deck {
    pub id: String,
    pub name: String,
    pub summary: String,
    /// Why the deck may help. Always there in Hearth's decks; optional in the couple's own.
    pub why: Option<String>,
    pub source: Option<String>,
    /// How strong the ground under `why` is, in plain words ("one small study with
    /// strangers", "our suggestion, not research"). Always there in Hearth's decks.
    pub evidence: Option<String>,
    pub practice: Option<Practice>,
    /// Hidden until the couple switches it on (closeness, intimacy).
    pub opt_in: bool,
    /// Its cards can open old hurts; the app shows the safety line with its why.
    pub tender: bool,
    pub cards: Vec<Card>,
    /// Whether the deck came from the couple's data folder rather than from Hearth.
    pub user_made: bool,
}

/// What a card is about: one of a fixed list, so cards can be chosen and counted by topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Topic {
    /// The couple's own cards that name no topic.
    #[serde(rename = "general")]
    General,
    #[serde(rename = "daily-life")]
    DailyLife,
    #[serde(rename = "appreciation")]
    Appreciation,
    #[serde(rename = "inner-world")]
    InnerWorld,
    #[serde(rename = "self")]
    Oneself,
    /// Life before the two of you: childhood, growing up, earlier years.
    #[serde(rename = "past")]
    Past,
    /// Remembering, mostly together.
    #[serde(rename = "memories")]
    Memories,
    #[serde(rename = "future")]
    Future,
    #[serde(rename = "dreams")]
    Dreams,
    #[serde(rename = "values")]
    Values,
    #[serde(rename = "money")]
    Money,
    /// Home and the work of keeping it: chores, space, routines.
    #[serde(rename = "home")]
    Home,
    #[serde(rename = "work")]
    Work,
    #[serde(rename = "health")]
    Health,
    #[serde(rename = "body")]
    Body,
    #[serde(rename = "family")]
    Family,
    #[serde(rename = "friends")]
    Friends,
    #[serde(rename = "play")]
    Play,
    #[serde(rename = "affection")]
    Affection,
    #[serde(rename = "intimacy")]
    Intimacy,
    #[serde(rename = "repair")]
    Repair,
    #[serde(rename = "conflict")]
    Conflict,
}

impl Topic {
    pub const ALL: [Self; 22] = [
        Self::General,
        Self::DailyLife,
        Self::Appreciation,
        Self::InnerWorld,
        Self::Oneself,
        Self::Past,
        Self::Memories,
        Self::Future,
        Self::Dreams,
        Self::Values,
        Self::Money,
        Self::Home,
        Self::Work,
        Self::Health,
        Self::Body,
        Self::Family,
        Self::Friends,
        Self::Play,
        Self::Affection,
        Self::Intimacy,
        Self::Repair,
        Self::Conflict,
    ];

    /// The name used in content files, the CLI and the UI.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::DailyLife => "daily-life",
            Self::Appreciation => "appreciation",
            Self::InnerWorld => "inner-world",
            Self::Oneself => "self",
            Self::Past => "past",
            Self::Memories => "memories",
            Self::Future => "future",
            Self::Dreams => "dreams",
            Self::Values => "values",
            Self::Money => "money",
            Self::Home => "home",
            Self::Work => "work",
            Self::Health => "health",
            Self::Body => "body",
            Self::Family => "family",
            Self::Friends => "friends",
            Self::Play => "play",
            Self::Affection => "affection",
            Self::Intimacy => "intimacy",
            Self::Repair => "repair",
            Self::Conflict => "conflict",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|topic| topic.as_str() == name)
    }

    /// The problem text for a name that is not a topic: lists every valid name.
    pub fn not_one_of() -> String {
        let names: Vec<&str> = Self::ALL.iter().map(|topic| topic.as_str()).collect();
        format!("is not one of the topics ({})", names.join(", "))
    }
}

/// One card. Its key is derived from its text, so editing a deck never confuses which cards
/// were already seen or marked as favourites (an edited card counts as a new one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub key: String,
    pub text: String,
    /// 1 (light) to [`LEVEL_MAX`] (deep).
    pub level: u8,
    pub topic: Topic,
}

impl Card {
    pub fn new(text: String, level: u8, topic: Topic) -> Self {
        Self {
            key: card_key(&text),
            text,
            level,
            topic,
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
    /// Every card of the round had been seen, so this draw starts a new round (forget what
    /// was seen).
    pub new_round: bool,
}

/// Draws the next card: among the cards not yet seen this round, the lightest level first, and
/// within it the one `pick` selects (a random number from the caller). Returns `None` only for
/// an empty deck.
pub fn draw<'a>(deck: &'a Deck, seen: &HashSet<String>, pick: u64) -> Option<Draw<'a>> {
    draw_within(deck, seen, None, pick)
}

/// Draws the next card of a round at one level (`Some(1)` light, `Some(2)` deeper, `Some(3)`
/// deep), or of the whole deck lightest first (`None`). A round at a level ends when every card
/// of that level has been seen; the next draw then starts a new round. Returns `None` when the
/// deck has no card at that level.
pub fn draw_within<'a>(
    deck: &'a Deck,
    seen: &HashSet<String>,
    level: Option<u8>,
    pick: u64,
) -> Option<Draw<'a>> {
    let round: Vec<&Card> = in_round(deck, level).collect();
    let unseen: Vec<&Card> = round
        .iter()
        .copied()
        .filter(|card| !seen.contains(&card.key))
        .collect();
    let (pool, new_round) = if unseen.is_empty() {
        (round, true)
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

/// The cards a round goes through: every card, or those of one level.
fn in_round(deck: &Deck, level: Option<u8>) -> impl Iterator<Item = &Card> {
    deck.cards
        .iter()
        .filter(move |card| level.is_none_or(|level| card.level == level))
}

/// How many of the deck's cards have been seen this round.
pub fn seen_in_round(deck: &Deck, seen: &HashSet<String>) -> usize {
    round_progress(deck, seen, None).0
}

/// A round's progress: (cards seen, cards in the round), for the whole deck (`None`) or for
/// one level.
pub fn round_progress(deck: &Deck, seen: &HashSet<String>, level: Option<u8>) -> (usize, usize) {
    in_round(deck, level).fold((0, 0), |(seen_count, total), card| {
        (
            seen_count + usize::from(seen.contains(&card.key)),
            total + 1,
        )
    })
}

/// How many cards the deck has at each level, lightest first.
pub fn cards_per_level(deck: &Deck) -> [usize; LEVEL_MAX as usize] {
    let mut counts = [0; LEVEL_MAX as usize];
    for card in &deck.cards {
        if let Some(count) = counts.get_mut(usize::from(card.level.saturating_sub(1))) {
            *count += 1;
        }
    }
    counts
}

#[cfg(test)]
mod tests;
