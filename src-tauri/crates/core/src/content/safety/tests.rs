//! Unit tests for `safety`.

use crate::content::{ContentSource, parse_content_file};

pub(crate) const SAFETY: &str = r#"
[safety]
statement = "Hearth is for couples who both feel safe."
short = "For couples who both feel safe."
tender = "Skip any card. If you are afraid of your partner, see Where to turn."
emergency = "If you are in danger now, call your local emergency number."
check_note = "Checked on the dates shown, and again before every release."

[safety.directory]
name = "A directory"
website = "https://directory.example.org"
summary = "Services in many countries."
checked = "2026-11-30"

[[safety.service]]
country = "Somewhere"
language = "en"
name = "A helpline"
reach = "Call 0800 000 000, free, 24 hours."
website = "https://helpline.example.org"
emergency = "999"
checked = "2026-11-30"
"#;

fn problems(text: &str) -> Vec<String> {
    let (_, errors) = parse_content_file(ContentSource {
        file: "safety.toml",
        text,
    });
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn a_complete_safety_table_parses_with_its_dates() {
    let (file, errors) = parse_content_file(ContentSource {
        file: "safety.toml",
        text: SAFETY,
    });
    assert_eq!(errors, vec![]);
    let safety = file.safety.expect("a safety table");
    assert_eq!(safety.services.len(), 1);
    assert_eq!(safety.services[0].region, None);
    assert_eq!(safety.services[0].emergency.as_deref(), Some("999"));
    assert_eq!(safety.directory.checked.to_string(), "2026-11-30");
}

#[test]
fn each_safety_mistake_is_named_by_line_and_field() {
    let cases = [
        (
            "call your local emergency number",
            "ring someone",
            "safety.toml:6: safety.emergency: must tell people in danger now",
        ),
        (
            "https://helpline.example.org",
            "helpline.example.org",
            "safety.toml:20: safety.service[0].website: must be a full https:// address",
        ),
        (
            "\"999\"\nchecked = \"2026-11-30\"",
            "\"999\"\nchecked = \"last week\"",
            "safety.toml:22: safety.service[0].checked: must be the day it was last checked",
        ),
        (
            "language = \"en\"",
            "language = \"English\"",
            "safety.toml:17: safety.service[0].language: must be a language tag",
        ),
    ];
    for (from, to, expected) in cases {
        let text = SAFETY.replace(from, to);
        assert_ne!(text, SAFETY, "{from} did not apply");
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{from}: {found:?}");
        assert!(found[0].starts_with(expected), "{}", found[0]);
    }
    let no_services = SAFETY
        .split("[[safety.service]]")
        .next()
        .unwrap_or_default();
    let found = problems(no_services);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("safety.toml:2: safety.service: needs between 1 and"),
        "{}",
        found[0]
    );
}
