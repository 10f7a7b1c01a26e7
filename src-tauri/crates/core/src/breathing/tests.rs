//! Unit tests for `breathing`.

use super::*;

fn pattern(phases: &[(PhaseKind, u32)]) -> BreathingPattern {
    BreathingPattern {
        id: "test".into(),
        name: "Test".into(),
        summary: "s".into(),
        why: "w".into(),
        source: None,
        evidence: "e".into(),
        phases: phases
            .iter()
            .map(|&(kind, millis)| Phase { kind, millis })
            .collect(),
    }
}

#[test]
fn resonance_breathing_is_six_breaths_a_minute() {
    let p = pattern(&[(PhaseKind::Inhale, 4000), (PhaseKind::Exhale, 6000)]);
    assert_eq!(p.cycle_millis(), 10_000);
    assert!((p.breaths_per_minute() - 6.0).abs() < 1e-9);
}

#[test]
fn box_breathing_counts_every_phase_in_the_cycle() {
    let p = pattern(&[
        (PhaseKind::Inhale, 4000),
        (PhaseKind::Hold, 4000),
        (PhaseKind::Exhale, 4000),
        (PhaseKind::Rest, 4000),
    ]);
    assert_eq!(p.cycle_millis(), 16_000);
    assert!((p.breaths_per_minute() - 3.75).abs() < 1e-9);
}

#[test]
fn the_phase_comes_from_elapsed_time_with_exact_boundaries() {
    let pattern = BreathingPattern {
        id: "box".into(),
        name: "Box".into(),
        summary: "s".into(),
        why: "w".into(),
        source: None,
        evidence: "e".into(),
        phases: vec![
            Phase {
                kind: PhaseKind::Inhale,
                millis: 4000,
            },
            Phase {
                kind: PhaseKind::Hold,
                millis: 4000,
            },
            Phase {
                kind: PhaseKind::Exhale,
                millis: 4000,
            },
            Phase {
                kind: PhaseKind::Rest,
                millis: 4000,
            },
        ],
    };
    let at = |ms| pattern.phase_at(ms).unwrap();
    assert_eq!(at(0).kind, PhaseKind::Inhale);
    assert_eq!((at(3999).kind, at(3999).left), (PhaseKind::Inhale, 1));
    assert_eq!((at(4000).kind, at(4000).into), (PhaseKind::Hold, 0));
    assert_eq!(at(15_999).kind, PhaseKind::Rest);
    assert_eq!((at(16_000).kind, at(16_000).cycle), (PhaseKind::Inhale, 1));
    // Ten hours in, still exact: no accumulated drift.
    let late = at(36_000_000 + 8_000);
    assert_eq!(
        (late.kind, late.into, late.cycle),
        (PhaseKind::Exhale, 0, 2250)
    );
    assert_eq!(
        pattern.session_millis(1),
        64_000,
        "one minute rounds up to whole cycles"
    );
    assert_eq!(pattern.session_millis(4), 240_000);
}

#[test]
fn a_custom_rhythm_keeps_the_same_limits_as_hearths_own() {
    let box_like = BreathingPattern::custom(4.0, 2.0, 6.0, 0.0).expect("valid");
    let kinds: Vec<PhaseKind> = box_like.phases.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        vec![PhaseKind::Inhale, PhaseKind::Hold, PhaseKind::Exhale]
    );
    assert_eq!(box_like.cycle_millis(), 12_000);
    assert_eq!(box_like.id, CUSTOM_ID);
    for (inhale, hold, exhale, rest, problem) in [
        (
            0.0,
            0.0,
            6.0,
            0.0,
            "inhale: must be between 0.5 and 30 seconds, not 0",
        ),
        (
            4.0,
            0.2,
            6.0,
            0.0,
            "hold: must be between 0.5 and 30 seconds (or 0), not 0.2",
        ),
        (
            4.0,
            0.0,
            31.0,
            0.0,
            "exhale: must be between 0.5 and 30 seconds, not 31",
        ),
        (
            f64::NAN,
            0.0,
            6.0,
            0.0,
            "inhale: must be between 0.5 and 30 seconds, not NaN",
        ),
        (
            0.5,
            0.0,
            1.0,
            0.0,
            "one cycle lasts 1.5 s; it must last between 2 and 60 s",
        ),
        (
            30.0,
            30.0,
            30.0,
            0.0,
            "one cycle lasts 90 s; it must last between 2 and 60 s",
        ),
    ] {
        assert_eq!(
            BreathingPattern::custom(inhale, hold, exhale, rest),
            Err(problem.to_owned())
        );
    }
}

#[test]
fn pauses_stop_the_rhythm_and_resuming_picks_it_up_where_it_stopped() {
    let p = pattern(&[(PhaseKind::Inhale, 4000), (PhaseKind::Exhale, 6000)]);
    let start = 1_700_000_000_000_i64;
    let mut clock = SessionClock::new(start);
    assert_eq!(clock.elapsed(start + 3_000), 3_000);
    clock.pause(start + 3_000);
    // An hour paused: the rhythm stays two thirds into the first in-breath.
    assert_eq!(clock.elapsed(start + 3_603_000), 3_000);
    let held = p.phase_at(clock.elapsed(start + 3_603_000)).expect("phase");
    assert_eq!(
        (held.kind, held.into, held.left),
        (PhaseKind::Inhale, 3_000, 1_000)
    );
    clock.pause(start + 3_700_000); // pausing twice changes nothing
    clock.resume(start + 3_603_000);
    assert_eq!(clock.elapsed(start + 3_604_500), 4_500);
    let after = p.phase_at(clock.elapsed(start + 3_604_500)).expect("phase");
    assert_eq!((after.kind, after.into), (PhaseKind::Exhale, 500));
    assert_eq!(clock.shifted_start_ms(), start + 3_600_000);
    clock.resume(start + 9_999_999); // resuming twice changes nothing
    assert_eq!(clock.elapsed(start + 3_604_500), 4_500);
    // Several pauses add up; a clock set back reads 0 rather than wrapping.
    clock.pause(start + 3_610_000);
    clock.resume(start + 3_620_000);
    assert_eq!(clock.elapsed(start + 3_630_000), 20_000);
    assert_eq!(clock.elapsed(start - 5_000), 0);
}

#[test]
fn very_long_sessions_keep_exact_phases() {
    // Twenty minutes is the longest session; the rule holds far beyond it (a week of
    // milliseconds) with no drift: the phase depends only on elapsed mod cycle.
    let p = pattern(&[
        (PhaseKind::Inhale, 4_000),
        (PhaseKind::Hold, 4_000),
        (PhaseKind::Exhale, 4_000),
        (PhaseKind::Rest, 4_000),
    ]);
    let week = 7 * 24 * 3_600_000_u64;
    for elapsed in [
        20 * 60_000,
        week,
        week + 4_000,
        week + 15_999,
        u64::from(u32::MAX) * 16,
    ] {
        let at = p.phase_at(elapsed).expect("phase");
        let offset = elapsed % 16_000;
        assert_eq!(at.index, usize::try_from(offset / 4_000).expect("small"));
        assert_eq!(u64::from(at.into), offset % 4_000);
        assert_eq!(at.cycle, elapsed / 16_000);
    }
}
