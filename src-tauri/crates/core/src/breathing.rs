//! Breathing patterns: a repeating cycle of timed phases that two people follow together.

use serde::{Deserialize, Serialize};

/// What the body does during one phase of a breathing cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// How strong the ground under `why` is, in plain words.
    pub evidence: String,
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
            evidence: "your own rhythm, not research".to_owned(),
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
mod tests;
