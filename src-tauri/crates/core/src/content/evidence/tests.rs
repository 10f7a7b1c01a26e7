//! Unit tests for `evidence`.

use super::*;
use crate::content::{ContentSource, parse_content_file};

const GUIDE: &str = r#"
[[practice]]
id = "eye_contact"
name = "Eye contact"
summary = "Look, quietly."
why = "Pairs of strangers who looked felt warmer."
source = "Kellerman et al., 1989"
evidence = "one small study with strangers"
minutes = 2
"#;

fn problems(text: &str) -> Vec<String> {
    let (_, errors) = parse_content_file(ContentSource {
        file: "practices.toml",
        text,
    });
    errors.iter().map(ToString::to_string).collect()
}

#[test]
fn labels_that_name_research_need_a_source_and_others_do_not() {
    assert!(claims_research("one diary study of couples"));
    assert!(claims_research("a review of mostly correlational research"));
    assert!(claims_research("a survey, not proof"));
    assert!(claims_research("a meta-analysis of trials"));
    assert!(!claims_research("our suggestion, not research"));
    assert!(!claims_research("clinical guidance, not a finding"));
    assert!(says_its_strength("clinical guidance, not a finding"));
    assert!(says_its_strength("our suggestion, not research"));
    assert!(!says_its_strength("strong"));
    assert!(!says_its_strength("research shows"));
}

#[test]
fn sources_name_authors_and_years() {
    for good in [
        "Aron et al., 1997",
        "Carrère & Gottman, 1999",
        "Algoe, Gable & Maisel, 2010",
        "Seligman et al., 2005; Mongrain & Anselmo-Matthews, 2012",
        "Smith, 2010a",
    ] {
        assert!(names_author_and_year(good), "{good}");
    }
    for bad in [
        "Aron 1997",
        "Aron et al.",
        ", 1997",
        "Aron, 97",
        "Aron, 1997; later",
    ] {
        assert!(!names_author_and_year(bad), "{bad}");
    }
}

#[test]
fn a_guide_with_an_honest_label_and_its_source_passes() {
    assert_eq!(problems(GUIDE), Vec::<String>::new());
    let ours = GUIDE
        .replace("source = \"Kellerman et al., 1989\"\n", "")
        .replace(
            "one small study with strangers",
            "our suggestion, not research",
        );
    assert_eq!(problems(&ours), Vec::<String>::new());
}

#[test]
fn a_missing_or_vague_label_or_a_research_label_without_source_is_named() {
    let missing = GUIDE.replace("evidence = \"one small study with strangers\"\n", "");
    assert_eq!(
        problems(&missing),
        vec![format!(
            "practices.toml:6: practice[0].evidence: {EVIDENCE_MISSING}"
        )]
    );
    let vague = GUIDE.replace("one small study with strangers", "well established");
    assert_eq!(
        problems(&vague),
        vec![format!(
            "practices.toml:8: practice[0].evidence: {EVIDENCE_VAGUE}"
        )]
    );
    let unsourced = GUIDE.replace("source = \"Kellerman et al., 1989\"\n", "");
    let found = problems(&unsourced);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "practices.toml:7: practice[0].source: is needed: the evidence label names research"
        ),
        "{}",
        found[0]
    );
    let badly_cited = GUIDE.replace("Kellerman et al., 1989", "Kellerman and friends");
    assert_eq!(
        problems(&badly_cited),
        vec![format!(
            "practices.toml:7: practice[0].source: {SOURCE_FORMAT}"
        )]
    );
}
