//! Unit tests for `journal`.

use super::*;

fn entry(text: &str) -> NewEntry {
    NewEntry {
        text: text.into(),
        kind: EntryKind::Note,
        author: " Sam ".into(),
        mood: Some(4),
        closeness: None,
        tags: vec!["Walk".into(), "walk".into(), " sunday ".into()],
        occurrence: None,
        score: None,
    }
}

#[test]
fn partner_names_are_one_or_two_distinct_short_names() {
    let names = |list: &[&str]| list.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    assert_eq!(
        validated_partner_names(&names(&[" Sam ", "Alex"])).unwrap(),
        names(&["Sam", "Alex"])
    );
    assert_eq!(
        validated_partner_names(&names(&["Robin"])).unwrap(),
        names(&["Robin"])
    );
    for bad in [
        names(&[]),
        names(&["a", "b", "c"]),
        names(&["  "]),
        names(&["Sam", "sam"]),
        names(&[&"x".repeat(41)]),
        names(&["tab\there"]),
    ] {
        let error = validated_partner_names(&bad).unwrap_err();
        assert_eq!(error.field, "partners", "{bad:?}");
    }
}

#[test]
fn draft_slots_are_the_new_box_or_an_entry_being_edited() {
    assert!(is_draft_slot("new"));
    assert!(is_draft_slot("edit:abc123"));
    for bad in [
        "",
        "edit:",
        "edit:../x",
        "other",
        &format!("edit:{}", "a".repeat(65)),
    ] {
        assert!(!is_draft_slot(bad), "{bad}");
    }
}

#[test]
fn validation_normalises_author_and_tags() {
    let valid = entry("We walked by the river.").validated().unwrap();
    assert_eq!(valid.author, "Sam");
    assert_eq!(valid.tags, vec!["sunday", "walk"]);
}

#[test]
fn each_rule_names_its_field() {
    let cases: Vec<(NewEntry, &str)> = vec![
        (entry("   "), "text"),
        (entry(&"x".repeat(TEXT_MAX_BYTES + 1)), "text"),
        (entry("a\0b"), "text"),
        (
            NewEntry {
                author: "  ".into(),
                ..entry("t")
            },
            "author",
        ),
        (
            NewEntry {
                mood: Some(0),
                ..entry("t")
            },
            "mood",
        ),
        (
            NewEntry {
                closeness: Some(6),
                ..entry("t")
            },
            "closeness",
        ),
        (
            NewEntry {
                tags: vec!["two words".into()],
                ..entry("t")
            },
            "tags",
        ),
        (
            NewEntry {
                tags: (0..21).map(|i| format!("t{i}")).collect(),
                ..entry("t")
            },
            "tags",
        ),
        (
            NewEntry {
                occurrence: Some(String::new()),
                ..entry("t")
            },
            "occurrence",
        ),
    ];
    for (input, field) in cases {
        let error = input.validated().unwrap_err();
        assert_eq!(error.field, field, "{error}");
    }
}

#[test]
fn a_refusal_never_repeats_the_text() {
    let secret = "a very private sentence ".repeat(50_000);
    let error = entry(&secret).validated().unwrap_err();
    assert!(!error.to_string().contains("private"));
}

#[test]
fn kinds_round_trip_through_their_names() {
    for kind in EntryKind::ALL {
        assert_eq!(EntryKind::parse(kind.as_str()), Some(kind));
    }
    assert_eq!(EntryKind::parse("diary"), None);
}

#[test]
fn user_words_become_a_safe_prefix_query() {
    let query = |text: &str| EntryQuery {
        text: Some(text.into()),
        ..EntryQuery::default()
    };
    assert_eq!(
        query("river walk").fts_query().as_deref(),
        Some("\"river\" \"walk\"*")
    );
    assert_eq!(
        query("a\"b OR c").fts_query().as_deref(),
        Some("\"a\"\"b\" \"OR\" \"c\"*")
    );
    assert_eq!(query("   ").fts_query(), None);
    assert_eq!(EntryQuery::default().fts_query(), None);
}
