//! Unit tests for `checks`.

use super::*;

/// A valid safety table, so these tests see only the deck rules they are about.
use crate::content::safety::tests::SAFETY;

/// A made-up card text: twelve words from a fixed pseudo-random sequence.
fn made_up(seed: u64) -> String {
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    let mut next = move |below: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    };
    let words: Vec<String> = (0..12)
        .map(|_| {
            (0..3 + next(5))
                .map(|_| char::from(b'a' + u8::try_from(next(26)).unwrap_or(0)))
                .collect()
        })
        .collect();
    format!("{}?", words.join(" "))
}

/// `decks` decks of `cards` made-up cards each, as one file.
fn decks_file(decks: usize, cards: usize) -> String {
    let mut text = String::new();
    for deck in 0..decks {
        text.push_str(&format!(
            "[[deck]]\nid = \"deck-{deck}\"\nname = \"Deck {deck}\"\nsummary = \"Made up.\"\n\
             why = \"A test.\"\nevidence = \"our suggestion, not research\"\ncards = [\n"
        ));
        for card in 0..cards {
            let seed = u64::try_from(deck * 1000 + card).unwrap_or(0);
            text.push_str(&format!(
                "  {{ level = 2, topic = \"play\", text = \"{}\" }},\n",
                made_up(seed)
            ));
        }
        text.push_str("]\n\n");
    }
    text
}

fn check(files: &[(&str, &str)]) -> Vec<String> {
    let (_, errors) = check_content(
        files
            .iter()
            .map(|&(file, text)| ContentSource { file, text }),
    );
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn enough_varied_cards_and_a_safety_table_pass() {
    let decks = decks_file(DECKS_MIN, CARDS_MIN / DECKS_MIN);
    assert_eq!(
        check(&[("decks.toml", &decks), ("safety.toml", SAFETY)]),
        Vec::<String>::new()
    );
}

#[test]
fn too_few_cards_or_decks_and_a_missing_safety_table_are_named() {
    let decks = decks_file(DECKS_MIN - 1, 50);
    assert_eq!(
        check(&[("decks.toml", &decks)]),
        vec![
            "decks.toml:1: safety: Hearth's content needs a [safety] table: the statement, the \
             services, the directory and the emergency line (see content/README.md)"
                .to_owned(),
            "decks.toml:1: deck: Hearth's decks hold 450 cards in 9 decks; they need at least \
             400 cards across at least 10 decks"
                .to_owned(),
        ]
    );
    let few = decks_file(DECKS_MIN, 39);
    let found = check(&[("decks.toml", &few), ("safety.toml", SAFETY)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("hold 390 cards in 10 decks"),
        "{}",
        found[0]
    );
}

#[test]
fn more_than_a_tenth_of_a_deck_opening_alike_is_named_at_the_card_that_tips_it() {
    let decks = decks_file(DECKS_MIN, 40);
    // Five cards of deck-3 now begin "what is one"; four (a tenth of 40) would be fine.
    let mut changed = decks.clone();
    for card in 0..5 {
        let text = made_up(3000 + card);
        changed = changed.replace(&text, &format!("What is one {text}"));
    }
    let found = check(&[("decks.toml", &changed), ("safety.toml", SAFETY)]);
    assert_eq!(found.len(), 1, "{found:?}");
    let line = changed
        .lines()
        .position(|line| line.contains(&made_up(3004)))
        .map_or(0, |index| index + 1);
    assert_eq!(
        found[0],
        format!(
            "decks.toml:{line}: deck[3].cards[4].text: 5 of this deck's 40 cards begin \"what is \
             one\"; at most 4 may share their first 3 words, so begin this one differently"
        )
    );
    let four = changed.replace(&format!("What is one {}", made_up(3004)), &made_up(3004));
    assert_eq!(
        check(&[("decks.toml", &four), ("safety.toml", SAFETY)]),
        Vec::<String>::new()
    );
}

#[test]
fn two_cards_nearly_the_same_are_named_at_the_later_one_with_the_earlier_place() {
    let decks = decks_file(DECKS_MIN, 40);
    let original = made_up(7005);
    let near = original.replacen(' ', "s ", 1).replacen('?', ".", 1);
    let changed = decks.replace(&made_up(9010), &near);
    let found = check(&[("decks.toml", &changed), ("safety.toml", SAFETY)]);
    assert_eq!(found.len(), 1, "{found:?}");
    let line_of = |text: &str| {
        changed
            .lines()
            .position(|line| line.contains(text))
            .map_or(0, |index| index + 1)
    };
    assert_eq!(
        found[0],
        format!(
            "decks.toml:{}: deck[9].cards[10].text: is nearly the same as \"{original}\" \
             (decks.toml:{}): fewer than 20 % of its letters differ; reword one of them",
            line_of(&near),
            line_of(&original)
        )
    );
}
