//! Unit tests for `deck`.

use super::*;

fn deck(levels: &[u8]) -> Deck {
    Deck {
        id: "test".into(),
        name: "Test".into(),
        summary: "A test deck.".into(),
        why: None,
        source: None,
        evidence: None,
        practice: None,
        opt_in: false,
        tender: false,
        cards: levels
            .iter()
            .enumerate()
            .map(|(index, level)| Card::new(format!("Question {index}?"), *level, Topic::Play))
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
fn a_round_at_one_level_draws_only_that_level_and_ends_when_it_is_seen() {
    let deck = deck(&[3, 1, 2, 1, 3, 3]);
    let mut seen = HashSet::new();
    for pick in [5_u64, 0, 2] {
        let drawn = draw_within(&deck, &seen, Some(3), pick).expect("has deep cards");
        assert_eq!(drawn.card.level, 3);
        assert!(!drawn.new_round);
        assert!(seen.insert(drawn.card.key.clone()), "a card came twice");
        assert_eq!(round_progress(&deck, &seen, Some(3)).0, seen.len());
    }
    assert_eq!(round_progress(&deck, &seen, Some(3)), (3, 3));
    // Every deep card seen: the next deep draw starts a new round, though light ones are left.
    let next = draw_within(&deck, &seen, Some(3), 1).expect("has deep cards");
    assert!(next.new_round);
    assert_eq!(next.card.level, 3);
    // The light round is untouched by the deep one.
    let light = draw_within(&deck, &seen, Some(1), 0).expect("has light cards");
    assert_eq!((light.card.level, light.new_round), (1, false));
    assert_eq!(round_progress(&deck, &seen, None), (3, 6));
}

#[test]
fn a_level_the_deck_lacks_draws_nothing_and_levels_are_counted() {
    let deck = deck(&[1, 1, 3]);
    assert!(draw_within(&deck, &HashSet::new(), Some(2), 0).is_none());
    assert_eq!(cards_per_level(&deck), [2, 0, 1]);
    assert_eq!(
        (level_name(1), level_name(2), level_name(3)),
        ("light", "deeper", "deep")
    );
}

#[test]
fn topics_round_trip_by_name_and_unknown_names_list_the_choices() {
    for topic in Topic::ALL {
        assert_eq!(Topic::parse(topic.as_str()), Some(topic));
        let json = serde_json::to_string(&topic).expect("a name");
        assert_eq!(json, format!("\"{}\"", topic.as_str()));
    }
    assert_eq!(Topic::parse("gossip"), None);
    assert!(Topic::not_one_of().contains("inner-world, self, past"));
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
