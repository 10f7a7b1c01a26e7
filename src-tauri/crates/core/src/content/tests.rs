//! Unit tests for `content`.

use super::*;
use crate::breathing::{Phase, PhaseKind};

const GOOD: &str = r#"
[[breathing_pattern]]
id = "resonance"
name = "Six a minute"
summary = "In for four, out for six."
why = "Slow breathing calms."
source = "Someone, 2020"
phases = [
  { kind = "inhale", seconds = 4 },
  { kind = "exhale", seconds = 6 },
]
evidence = "a review of small studies"
"#;

fn parse(text: &str) -> (ContentFile, Vec<ContentError>) {
    parse_content_file(ContentSource {
        file: "breathing.toml",
        text,
    })
}

/// Applies `from -> to` to `text` and checks that exactly one error names `field` on `line`.
fn assert_one_error(text: &str, from: &str, to: &str, field: &str, line: usize) -> ContentFile {
    let changed = text.replace(from, to);
    assert_ne!(changed, text, "case {from} did not apply");
    let (file, errors) = parse(&changed);
    assert_eq!(errors.len(), 1, "{from} -> {to}: {errors:?}");
    assert_eq!(errors[0].field, field, "{}", errors[0]);
    assert_eq!(errors[0].line, line, "{}", errors[0]);
    file
}

const TEMPLATE: &str = r#"
[[ritual_template]]
id = "sunday-walk"
title = "Sunday walk"
summary = "A slow walk."
why = "Walking side by side is easy."
practice = "walk_questions"
schedule = "FREQ=WEEKLY;BYDAY=SU"
time = "10:30"
duration_minutes = 45
evidence = "a few studies, with strangers; the walking is our suggestion"
source = "Aron et al., 1997"
"#;

#[test]
fn ritual_templates_parse_and_each_mistake_names_its_line_and_field() {
    let (file, errors) = parse(TEMPLATE);
    assert_eq!(errors, vec![]);
    assert_eq!(file.ritual_templates[0].schedule, "FREQ=WEEKLY;BYDAY=SU");
    assert_eq!(
        file.ritual_templates[0].practice,
        Some(crate::ritual::Practice::WalkQuestions)
    );
    for (from, to, field, line) in [
        (
            "FREQ=WEEKLY;BYDAY=SU",
            "FREQ=HOURLY",
            "ritual_template[0].schedule",
            8,
        ),
        ("\"10:30\"", "\"half ten\"", "ritual_template[0].time", 9),
        (
            "walk_questions",
            "juggling",
            "ritual_template[0].practice",
            7,
        ),
        ("= 45", "= 0", "ritual_template[0].duration_minutes", 10),
    ] {
        let file = assert_one_error(TEMPLATE, from, to, field, line);
        assert!(file.ritual_templates.is_empty(), "{to}");
    }
}

#[test]
fn a_valid_pattern_parses_into_millisecond_phases() {
    let (file, errors) = parse(GOOD);
    assert_eq!(errors, vec![]);
    let pattern = &file.breathing_patterns[0];
    assert_eq!(pattern.id, "resonance");
    assert_eq!(pattern.source.as_deref(), Some("Someone, 2020"));
    assert_eq!(
        pattern.phases,
        vec![
            Phase {
                kind: PhaseKind::Inhale,
                millis: 4000
            },
            Phase {
                kind: PhaseKind::Exhale,
                millis: 6000
            }
        ]
    );
}

#[test]
fn unknown_field_names_file_line_and_field() {
    let text = GOOD.replace("source = ", "sauce = ");
    let (file, errors) = parse(&text);
    assert!(file.breathing_patterns.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = &errors[0];
    assert_eq!(error.file, "breathing.toml");
    assert!(error.problem.contains("unknown field `sauce`"), "{error}");
    assert!(error.field.starts_with("breathing_pattern[0]"), "{error}");
    // The unknown key sits on line 7 of GOOD (line 1 is the empty first line).
    assert_eq!(error.line, 7, "{error}");
}

#[test]
fn wrong_type_names_the_exact_field() {
    let text = GOOD.replace("seconds = 6", "seconds = \"six\"");
    let (_, errors) = parse(&text);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].field, "breathing_pattern[0].phases[1].seconds",
        "{}",
        errors[0]
    );
    assert_eq!(errors[0].line, 10);
}

#[test]
fn syntax_error_reports_its_line() {
    let (_, errors) = parse("\n\n[[breathing_pattern]\nid = 1\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, 3, "{}", errors[0]);
    assert_eq!(errors[0].field, "document");
}

#[test]
fn out_of_range_phase_is_rejected_with_its_line_and_the_rest_kept() {
    let second = GOOD
        .replace("resonance", "other")
        .replace("seconds = 6", "seconds = 45");
    let text = format!("{GOOD}\n{second}");
    let (file, errors) = parse(&text);
    assert_eq!(file.breathing_patterns.len(), 1);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].field, "breathing_pattern[1].phases[1].seconds");
    assert_eq!(errors[0].line, 23, "{}", errors[0]);
    assert!(errors[0].problem.contains("between 0.5 and 30 seconds"));
}

#[test]
fn every_domain_rule_is_checked() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "id = \"resonance\"",
            "id = \"Resonance Breath\"",
            "breathing_pattern[0].id",
        ),
        (
            "name = \"Six a minute\"",
            "name = \"  \"",
            "breathing_pattern[0].name",
        ),
        (
            "seconds = 4 }",
            "seconds = 4.0001 }",
            "breathing_pattern[0].phases[0].seconds",
        ),
        (
            "{ kind = \"exhale\", seconds = 6 },",
            "",
            "breathing_pattern[0].phases",
        ),
        (
            "kind = \"inhale\", seconds = 4",
            "kind = \"top_up\", seconds = 4",
            "breathing_pattern[0].phases",
        ),
        (
            "seconds = 4 },\n  { kind = \"exhale\", seconds = 6 }",
            "seconds = 0.5 },\n  { kind = \"exhale\", seconds = 1 }",
            "breathing_pattern[0].phases",
        ),
    ];
    for (from, to, field) in cases {
        let text = GOOD.replace(from, to);
        assert_ne!(text, GOOD, "case {from} did not apply");
        let (file, errors) = parse(&text);
        assert!(
            file.breathing_patterns.is_empty(),
            "{from} -> {to} should be refused"
        );
        assert_eq!(errors.len(), 1, "{from} -> {to}: {errors:?}");
        assert_eq!(&errors[0].field, field, "{from} -> {to}: {}", errors[0]);
    }
}

#[test]
fn duplicate_ids_across_files_are_reported_and_the_first_kept() {
    let (library, errors) = load_library([
        ContentSource {
            file: "a.toml",
            text: GOOD,
        },
        ContentSource {
            file: "b.toml",
            text: GOOD,
        },
    ]);
    assert_eq!(library.breathing_patterns.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].to_string(),
        "b.toml:3: breathing_pattern.id: the id \"resonance\" is already used by another breathing_pattern"
    );
}

const DECK: &str = r#"
[[deck]]
id = "our-questions"
name = "Our questions"
summary = "Ones we wrote."
practice = "walk_questions"
cards = [
  { level = 1, topic = "play", text = "What made you laugh today?" },
  { level = 3, topic = "future", text = "What do you hope for us?" },
]
why = "Questions in turn help."
evidence = "our suggestion, not research"
"#;

#[test]
fn decks_parse_and_each_card_mistake_names_its_line() {
    let (file, errors) = parse(DECK);
    assert_eq!(errors, vec![]);
    let deck = &file.decks[0];
    assert_eq!(deck.cards.len(), 2);
    assert_eq!((deck.cards[0].level, deck.cards[1].level), (1, 3));
    assert_eq!(deck.practice, Some(crate::ritual::Practice::WalkQuestions));
    for (from, to, field, line) in [
        ("level = 3", "level = 4", "deck[0].cards[1].level", 9),
        (
            "\"What made you laugh today?\"",
            "\" \"",
            "deck[0].cards[0].text",
            8,
        ),
        (
            "\"What do you hope for us?\"",
            "\"What made you laugh today?\"",
            "deck[0].cards[1].text",
            9,
        ),
        ("\"walk_questions\"", "\"juggling\"", "deck[0].practice", 6),
    ] {
        let file = assert_one_error(DECK, from, to, field, line);
        assert!(file.decks.is_empty(), "{to}");
    }
}

#[test]
fn a_user_deck_folder_keeps_good_decks_and_reports_the_broken_file_by_line() {
    let (builtin, _) = load_library([ContentSource {
        file: "decks.toml",
        text: DECK,
    }]);
    let other = DECK.replace("our-questions", "mine");
    let broken = "[[deck]]\nid = \"broken\"\nname = \"Broken\"\nsummary = \"x\"\ncards = [\n  { txt = \"oops\" },\n]\n";
    let (decks, errors) = load_user_decks(
        &builtin.decks,
        [
            ContentSource {
                file: "decks/mine.toml",
                text: &other,
            },
            ContentSource {
                file: "decks/broken.toml",
                text: broken,
            },
            ContentSource {
                file: "decks/clash.toml",
                text: DECK,
            },
            ContentSource {
                file: "decks/extra.toml",
                text: GOOD,
            },
        ],
    );
    assert_eq!(decks.len(), 1);
    assert_eq!(decks[0].id, "mine");
    assert!(decks[0].user_made);
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(
        lines[0].starts_with("decks/broken.toml:6: deck[0].cards"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with("decks/clash.toml:3: deck.id"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("decks/extra.toml:1: document: only [[deck]]"),
        "{}",
        lines[2]
    );
}

#[test]
fn plan_days_must_run_from_one_without_gaps_and_scales_need_five_labels() {
    let day = |n: u32| {
        format!(
            "[[plan_day]]\nday = {n}\ntitle = \"Day {n}\"\npractice = \"check_in\"\ntext = \"Do it.\"\n"
        )
    };
    let good = format!("{}{}", day(2), day(1));
    let (library, errors) = load_library([ContentSource {
        file: "p.toml",
        text: &good,
    }]);
    assert_eq!(errors, vec![]);
    assert_eq!(
        library.plan_days.iter().map(|d| d.day).collect::<Vec<_>>(),
        vec![1, 2]
    );
    let gap = format!("{}{}", day(1), day(3));
    let (library, errors) = load_library([ContentSource {
        file: "p.toml",
        text: &gap,
    }]);
    assert!(library.plan_days.is_empty());
    assert_eq!(errors[0].field, "plan_day.day");
    let scale = "[[scale]]\nid = \"mood\"\nquestion = \"How are you?\"\nlabels = [\"a\", \"b\"]\n";
    let (file, errors) = parse(scale);
    assert!(file.scales.is_empty());
    assert_eq!(errors[0].field, "scale[0].labels");
    assert_eq!(errors[0].line, 4);
}

#[test]
fn an_empty_file_is_valid_and_empty() {
    let (file, errors) = parse("");
    assert!(errors.is_empty());
    assert!(file.breathing_patterns.is_empty());
}
