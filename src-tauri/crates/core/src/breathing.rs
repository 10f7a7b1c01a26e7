//! Breathing patterns: a repeating cycle of timed phases that two people follow together.

use serde::Deserialize;

/// What the body does during one phase of a breathing cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhaseKind {
    /// Breathing in.
    Inhale,
    /// A short second breath in on top of the first, as in the cyclic sigh.
    TopUp,
    /// Holding the breath with full lungs.
    Hold,
    /// Breathing out.
    Exhale,
    /// Resting with empty lungs before the next breath.
    Rest,
}

impl PhaseKind {
    /// Whether this phase takes air in (counts towards "a breath").
    pub fn is_inhale(self) -> bool {
        matches!(self, PhaseKind::Inhale)
    }
}

/// One timed phase of a cycle. Durations are whole milliseconds so schedules add up exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Phase {
    pub kind: PhaseKind,
    pub millis: u32,
}

/// A validated breathing pattern, as read from content/.
#[derive(Debug, Clone, PartialEq)]
pub struct BreathingPattern {
    /// Stable identifier, lowercase words joined by hyphens (`resonance`, `cyclic-sigh`).
    pub id: String,
    pub name: String,
    /// One line shown in lists.
    pub summary: String,
    /// Why this helps, in plain words.
    pub why: String,
    /// Where the claim in `why` comes from (author, year), if research backs it.
    pub source: Option<String>,
    pub phases: Vec<Phase>,
}

impl BreathingPattern {
    /// Length of one full cycle in milliseconds.
    pub fn cycle_millis(&self) -> u32 {
        self.phases.iter().map(|phase| phase.millis).sum()
    }

    /// Breaths per minute, counting one breath per cycle.
    pub fn breaths_per_minute(&self) -> f64 {
        let cycle = f64::from(self.cycle_millis());
        if cycle == 0.0 { 0.0 } else { 60_000.0 / cycle }
    }
}

/// The id of the couple's own rhythm.
pub const CUSTOM_ID: &str = "custom";

impl BreathingPattern {
    /// A rhythm of the couple's own: seconds breathing in, holding, breathing out and resting
    /// (hold and rest may be 0, which leaves them out). Each phase that is there lasts 0.5 to
    /// 30 s in whole milliseconds, and a cycle 2 to 60 s, as for Hearth's own patterns.
    pub fn custom(inhale: f64, hold: f64, exhale: f64, rest: f64) -> Result<Self, String> {
        use crate::content::{
            CYCLE_MAX_MILLIS, CYCLE_MIN_MILLIS, PHASE_MAX_MILLIS, PHASE_MIN_MILLIS,
        };
        let mut phases = Vec::new();
        for (name, kind, seconds, optional) in [
            ("inhale", PhaseKind::Inhale, inhale, false),
            ("hold", PhaseKind::Hold, hold, true),
            ("exhale", PhaseKind::Exhale, exhale, false),
            ("rest", PhaseKind::Rest, rest, true),
        ] {
            if optional && seconds == 0.0 {
                continue;
            }
            let millis = (seconds * 1000.0).round();
            let in_range = seconds.is_finite()
                && (f64::from(PHASE_MIN_MILLIS)..=f64::from(PHASE_MAX_MILLIS)).contains(&millis);
            if !in_range {
                return Err(format!(
                    "{name}: must be between {} and {} seconds{}, not {seconds}",
                    f64::from(PHASE_MIN_MILLIS) / 1000.0,
                    PHASE_MAX_MILLIS / 1000,
                    if optional { " (or 0)" } else { "" }
                ));
            }
            // In range, so the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            phases.push(Phase {
                kind,
                millis: millis as u32,
            });
        }
        let cycle: u32 = phases.iter().map(|phase| phase.millis).sum();
        if !(CYCLE_MIN_MILLIS..=CYCLE_MAX_MILLIS).contains(&cycle) {
            return Err(format!(
                "one cycle lasts {} s; it must last between {} and {} s",
                f64::from(cycle) / 1000.0,
                CYCLE_MIN_MILLIS / 1000,
                CYCLE_MAX_MILLIS / 1000
            ));
        }
        let describe = |phase: &Phase| f64::from(phase.millis) / 1000.0;
        let summary = phases
            .iter()
            .map(|phase| format!("{}", describe(phase)))
            .collect::<Vec<_>>()
            .join(" · ");
        Ok(Self {
            id: CUSTOM_ID.to_owned(),
            name: "Our own rhythm".to_owned(),
            summary: format!("Seconds per phase: {summary}."),
            why: "A rhythm you set yourselves. Slow and comfortable is what matters.".to_owned(),
            source: None,
            phases,
        })
    }
}

/// A session's own clock: its start and the time spent paused, so the rhythm always reads
/// `now - start - paused` and picks up after a pause exactly where it stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionClock {
    /// Milliseconds since the Unix epoch.
    pub started_at_ms: i64,
    /// Time spent paused in pauses that have ended.
    pub paused_ms: u64,
    /// When the current pause began, if the session is paused.
    pub paused_since_ms: Option<i64>,
}

impl SessionClock {
    pub fn new(started_at_ms: i64) -> Self {
        Self {
            started_at_ms,
            paused_ms: 0,
            paused_since_ms: None,
        }
    }

    /// Breathing time at `now_ms`: wall time since the start, less every pause (a pause in
    /// progress counts up to now). A clock set back before the start reads 0.
    pub fn elapsed(&self, now_ms: i64) -> u64 {
        let until = self
            .paused_since_ms
            .map_or(now_ms, |since| since.min(now_ms));
        let wall = u64::try_from(until.saturating_sub(self.started_at_ms)).unwrap_or(0);
        wall.saturating_sub(self.paused_ms)
    }

    /// Pauses at `now_ms` (no change when already paused).
    pub fn pause(&mut self, now_ms: i64) {
        if self.paused_since_ms.is_none() {
            self.paused_since_ms = Some(now_ms.max(self.started_at_ms));
        }
    }

    /// Resumes at `now_ms` (no change when running).
    pub fn resume(&mut self, now_ms: i64) {
        if let Some(since) = self.paused_since_ms.take() {
            self.paused_ms += u64::try_from(now_ms.saturating_sub(since)).unwrap_or(0);
        }
    }

    /// The start instant that gives `elapsed` as `now - start` while running: what the UI
    /// subtracts from its clock.
    pub fn shifted_start_ms(&self) -> i64 {
        self.started_at_ms
            .saturating_add(i64::try_from(self.paused_ms).unwrap_or(i64::MAX))
    }
}

/// Where a breathing session is at some moment: computed from the time since it started, never
/// from counted ticks, so it cannot drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseAt {
    /// Index into the pattern's phases.
    pub index: usize,
    pub kind: PhaseKind,
    /// Milliseconds into this phase, and left in it.
    pub into: u32,
    pub left: u32,
    /// Whole cycles completed before this one.
    pub cycle: u64,
}

impl BreathingPattern {
    /// The phase `elapsed` milliseconds after the session started. `None` for a pattern with
    /// no time in its cycle (content validation never lets one through).
    pub fn phase_at(&self, elapsed: u64) -> Option<PhaseAt> {
        let cycle_length = u64::from(self.cycle_millis());
        if cycle_length == 0 {
            return None;
        }
        let cycle = elapsed / cycle_length;
        let mut offset = elapsed % cycle_length;
        for (index, phase) in self.phases.iter().enumerate() {
            let length = u64::from(phase.millis);
            if offset < length {
                let into = u32::try_from(offset).ok()?;
                return Some(PhaseAt {
                    index,
                    kind: phase.kind,
                    into,
                    left: phase.millis - into,
                    cycle,
                });
            }
            offset -= length;
        }
        None
    }

    /// How long a session of about `minutes` lasts: whole cycles, at least the minutes asked.
    pub fn session_millis(&self, minutes: u32) -> u64 {
        let cycle = u64::from(self.cycle_millis().max(1));
        let wanted = u64::from(minutes) * 60_000;
        wanted.div_ceil(cycle) * cycle
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(phases: &[(PhaseKind, u32)]) -> BreathingPattern {
        BreathingPattern {
            id: "test".into(),
            name: "Test".into(),
            summary: "s".into(),
            why: "w".into(),
            source: None,
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
}
