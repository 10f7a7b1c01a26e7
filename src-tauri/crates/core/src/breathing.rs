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
}
