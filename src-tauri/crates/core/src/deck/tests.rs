//! Unit tests for `deck`.

use super::*;

fn deck(levels: &[u8]) -> Deck {
    Deck {
        id: "test".into(),
        name: "Test".into(),
        summary: "A test deck.".into(),
        why: None,
        source: None,
        practice: None,
        cards: levels
            .iter()
            .enumerate()
            .map(|(index, level)| Card::new(format!("Question {index}?"), *level))
            .collect(),
        user_made: false,
    }
}

#[test]
fn every_card_comes_once_per_round_lightest_first() {
    let deck = deck(&[3, 1, 2, 1, 2, 3]);
    let mut seen = HashSet::new();
    let mut levels = Vec::new();
    for pick in [7_u64, 3, 11, 0, 5, 9] {
        let drawn = draw(&deck, &seen, pick).expect("not empty");
        assert!(!drawn.new_round);
        assert!(seen.insert(drawn.card.key.clone()), "a card came twice");
        levels.push(drawn.card.level);
    }
    assert_eq!(levels, vec![1, 1, 2, 2, 3, 3]);
    assert_eq!(seen_in_round(&deck, &seen), 6);
    let next = draw(&deck, &seen, 4).expect("not empty");
    assert!(next.new_round);
    assert_eq!(next.card.level, 1);
}

#[test]
fn keys_follow_the_text_and_an_empty_deck_draws_nothing() {
    assert_eq!(card_key("a"), card_key("a"));
    assert_ne!(card_key("a"), card_key("b"));
    assert_eq!(card_key("").len(), 16);
    assert!(draw(&deck(&[]), &HashSet::new(), 1).is_none());
}

#[test]
fn seen_keys_of_removed_cards_do_not_block_a_round() {
    let deck = deck(&[1, 1]);
    let seen: HashSet<String> = [deck.cards[0].key.clone(), "gone".to_owned()].into();
    let drawn = draw(&deck, &seen, 0).expect("not empty");
    assert_eq!(drawn.card.key, deck.cards[1].key);
    assert!(!drawn.new_round);
}
