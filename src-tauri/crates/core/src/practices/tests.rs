//! Unit tests for `practices`.

use super::*;

fn questions() -> Vec<SelfCheckQuestion> {
    ["talk", "touch", "alone"]
        .iter()
        .zip([
            Practice::WalkQuestions,
            Practice::EyeContact,
            Practice::WalkQuestions,
        ])
        .map(|(id, suggestion)| SelfCheckQuestion {
            id: (*id).to_owned(),
            area: format!("Area {id}"),
            statement: format!("We {id}."),
            suggestion,
        })
        .collect()
}

fn answers(values: &[(&str, u8)]) -> BTreeMap<String, u8> {
    values
        .iter()
        .map(|(id, value)| ((*id).to_owned(), *value))
        .collect()
}

#[test]
fn scores_run_from_0_to_100_and_low_areas_bring_suggestions_once() {
    let all_low = answers(&[("talk", 1), ("touch", 1), ("alone", 1)]);
    let score = score_self_check(&questions(), &all_low).expect("valid");
    assert_eq!(score.percent, 0);
    assert_eq!(score.low, vec!["talk", "touch", "alone"]);
    assert_eq!(
        score.suggestions,
        vec![Practice::WalkQuestions, Practice::EyeContact]
    );
    let top = answers(&[("talk", 5), ("touch", 5), ("alone", 5)]);
    let score = score_self_check(&questions(), &top).expect("valid");
    assert_eq!((score.percent, score.low.len()), (100, 0));
    // (3-1 + 2-1 + 4-1) = 6 of 12 -> 50.
    let mixed = answers(&[("talk", 3), ("touch", 2), ("alone", 4)]);
    let score = score_self_check(&questions(), &mixed).expect("valid");
    assert_eq!(score.percent, 50);
    assert_eq!(score.suggestions, vec![Practice::EyeContact]);
    // 1 of 12 -> 8.33 -> 8; 5 of 12 -> 41.67 -> 42.
    let one = answers(&[("talk", 2), ("touch", 1), ("alone", 1)]);
    assert_eq!(
        score_self_check(&questions(), &one).map(|s| s.percent),
        Ok(8)
    );
    let five = answers(&[("talk", 3), ("touch", 3), ("alone", 2)]);
    assert_eq!(
        score_self_check(&questions(), &five).map(|s| s.percent),
        Ok(42)
    );
}

#[test]
fn every_bad_answer_set_is_named() {
    let q = questions();
    assert_eq!(
        score_self_check(&q, &answers(&[("talk", 3), ("touch", 3)])),
        Err(SelfCheckError::Missing("alone".into()))
    );
    assert_eq!(
        score_self_check(
            &q,
            &answers(&[("talk", 3), ("touch", 3), ("alone", 3), ("x", 1)])
        ),
        Err(SelfCheckError::Unknown("x".into()))
    );
    assert_eq!(
        score_self_check(&q, &answers(&[("talk", 0), ("touch", 3), ("alone", 3)])),
        Err(SelfCheckError::OutOfRange(0))
    );
    assert_eq!(
        score_self_check(&[], &BTreeMap::new()),
        Err(SelfCheckError::NoQuestions)
    );
}

#[test]
fn the_plan_moves_one_step_a_day_and_waits_without_counting_missed_days() {
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 3, d).expect("valid date");
    assert_eq!(plan_step(7, false, &[], day(1)), PlanStep::NotStarted);
    assert_eq!(plan_step(7, true, &[], day(1)), PlanStep::Ready { day: 1 });
    assert_eq!(
        plan_step(7, true, &[day(1)], day(1)),
        PlanStep::DoneToday { next: 2 }
    );
    // Ten days later the plan simply carries on at day 2.
    assert_eq!(
        plan_step(7, true, &[day(1)], day(11)),
        PlanStep::Ready { day: 2 }
    );
    let week: Vec<NaiveDate> = (1..=7).map(day).collect();
    assert_eq!(plan_step(7, true, &week, day(7)), PlanStep::Finished);
    // A clock set back does not offer a second step on the same day.
    assert_eq!(
        plan_step(7, true, &[day(5)], day(4)),
        PlanStep::DoneToday { next: 2 }
    );
}
