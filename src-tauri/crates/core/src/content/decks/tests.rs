//! Unit tests for `decks`.

use crate::content::{ContentSource, load_user_decks, parse_content_file};
use crate::deck::Topic;

const DECK: &str = r#"
[[deck]]
id = "our-questions"
name = "Our questions"
summary = "Ones we wrote."
why = "Questions in turn help."
evidence = "our suggestion, not research"
opt_in = true
tender = true
cards = [
  { level = 1, topic = "play", text = "What made you laugh today?" },
  { level = 3, topic = "future", text = "What do you hope for us?" },
]
"#;

fn problems(text: &str) -> Vec<String> {
    let (_, errors) = parse_content_file(ContentSource {
        file: "decks.toml",
        text,
    });
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn hearths_decks_carry_levels_topics_evidence_and_switches() {
    let (file, errors) = parse_content_file(ContentSource {
        file: "decks.toml",
        text: DECK,
    });
    assert_eq!(errors, vec![]);
    let deck = &file.decks[0];
    assert!(deck.opt_in && deck.tender);
    assert_eq!(
        deck.evidence.as_deref(),
        Some("our suggestion, not research")
    );
    assert_eq!(
        deck.cards
            .iter()
            .map(|c| (c.level, c.topic))
            .collect::<Vec<_>>(),
        vec![(1, Topic::Play), (3, Topic::Future)]
    );
}

#[test]
fn hearths_cards_without_level_or_topic_or_with_a_wrong_one_are_named() {
    let cases = [
        (
            "level = 1, ",
            "",
            "decks.toml:11: deck[0].cards[0].level: needs a level",
        ),
        (
            "level = 3,",
            "level = 4,",
            "decks.toml:12: deck[0].cards[1].level: must be 1 (light)",
        ),
        (
            "topic = \"play\", ",
            "",
            "decks.toml:11: deck[0].cards[0].topic: needs a topic: daily-life",
        ),
        (
            "\"future\"",
            "\"gossip\"",
            "decks.toml:12: deck[0].cards[1].topic: is not one of the topics",
        ),
        (
            "\"future\"",
            "\"general\"",
            "decks.toml:12: deck[0].cards[1].topic: \"general\" is for the couple's own cards",
        ),
        (
            "why = \"Questions in turn help.\"\n",
            "",
            "decks.toml:3: deck[0].why: needs a why",
        ),
        (
            "evidence = \"our suggestion, not research\"\n",
            "",
            "decks.toml:3: deck[0].evidence: needs an evidence label",
        ),
    ];
    for (from, to, expected) in cases {
        let text = DECK.replacen(from, to, 1);
        assert_ne!(text, DECK, "{from} did not apply");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{from} -> {to}: {found:?}");
        assert!(found[0].starts_with(expected), "{}", found[0]);
    }
}

#[test]
fn the_couples_decks_stay_as_simple_as_before() {
    let simple = "[[deck]]\nid = \"ours\"\nname = \"Ours\"\nsummary = \"Ours.\"\n\
                  source = \"my aunt\"\ncards = [\n  { text = \"Where next?\" },\n  \
                  { text = \"What now?\", level = 2 },\n]\n";
    let (decks, errors) = load_user_decks(
        &[],
        [ContentSource {
            file: "decks/ours.toml",
            text: simple,
        }],
    );
    assert_eq!(errors, vec![]);
    let deck = &decks[0];
    assert_eq!(
        (deck.why.as_deref(), deck.evidence.as_deref()),
        (None, None)
    );
    assert_eq!(deck.source.as_deref(), Some("my aunt"));
    assert!(!deck.opt_in && !deck.tender);
    assert_eq!(
        deck.cards
            .iter()
            .map(|c| (c.level, c.topic))
            .collect::<Vec<_>>(),
        vec![(1, Topic::General), (2, Topic::General)]
    );
    // A topic they name is checked all the same.
    let named = simple.replace("level = 2", "level = 2, topic = \"gossip\"");
    let (decks, errors) = load_user_decks(
        &[],
        [ContentSource {
            file: "decks/ours.toml",
            text: &named,
        }],
    );
    assert!(decks.is_empty());
    assert_eq!(errors[0].field, "deck[0].cards[1].topic");
}
