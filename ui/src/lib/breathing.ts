// Plain words for breathing patterns: how a cycle reads and how fast it goes.
import type { BreathingPattern, PhaseKind } from './bindings';

const PHASE_WORDS: Record<PhaseKind, string> = {
  inhale: 'In',
  top_up: 'A little more',
  hold: 'Hold',
  exhale: 'Out',
  rest: 'Rest',
};

/** The word shown for a phase. */
export function phaseWord(kind: PhaseKind): string {
  return PHASE_WORDS[kind];
}

/** Seconds without trailing zeros: 4000 -> "4", 2500 -> "2.5". */
export function seconds(millis: number): string {
  return String(Number((millis / 1000).toFixed(3)));
}

/** One cycle as short steps, e.g. [{ word: 'In', seconds: '4' }, { word: 'Out', seconds: '6' }]. */
export function rhythmSteps(pattern: BreathingPattern): { word: string; seconds: string }[] {
  return pattern.phases.map((phase) => ({ word: phaseWord(phase.kind), seconds: seconds(phase.millis) }));
}

/** A sentence for screen readers: "In for 4 seconds, out for 6 seconds." */
export function rhythmSentence(pattern: BreathingPattern): string {
  const parts = pattern.phases.map((phase) => `${phaseWord(phase.kind).toLowerCase()} for ${seconds(phase.millis)} seconds`);
  const sentence = parts.join(', ');
  return sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.';
}

/** Pace in plain words: "6 breaths a minute", "about 4.6 breaths a minute". */
export function paceLabel(pattern: BreathingPattern): string {
  const rounded = Math.round(pattern.breathsPerMinute * 10) / 10;
  const exact = Math.abs(rounded - pattern.breathsPerMinute) < 1e-9;
  const number = Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
  return `${exact ? '' : 'about '}${number} ${rounded === 1 ? 'breath' : 'breaths'} a minute`;
}

export interface PhaseAt {
  index: number;
  kind: PhaseKind;
  /** Milliseconds into the phase, and left in it. */
  into: number;
  left: number;
  /** Whole cycles before this one. */
  cycle: number;
}

/** The phase `elapsedMs` after a session began: the core's rule, mirrored (a fixture keeps them equal). */
export function phaseAt(pattern: BreathingPattern, elapsedMs: number): PhaseAt | null {
  const cycleLength = pattern.cycleMillis;
  if (cycleLength <= 0 || elapsedMs < 0) return null;
  const cycle = Math.floor(elapsedMs / cycleLength);
  let offset = elapsedMs - cycle * cycleLength;
  for (const [index, phase] of pattern.phases.entries()) {
    if (offset < phase.millis) {
      return { index, kind: phase.kind, into: offset, left: phase.millis - offset, cycle };
    }
    offset -= phase.millis;
  }
  return null;
}

/** Milliseconds between two steps of the shape: 5 a second. Each step repaints the window, so
 * a stepped glide costs a fraction of a continuous one where rendering is done in software. */
export const GLIDE_STEP_MS = 200;

/** Ease in and out, 0..1 -> 0..1. */
function easeInOut(t: number): number {
  return t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2;
}

/**
 * Keyframes for the rest of a phase, `into` ms into a phase of `length` ms that moves the scale
 * from `from` to `to`: one keyframe per step, each held until the next (`steps(1, end)`), so the
 * shape moves in small eased steps and reaches `to` exactly at the phase's end.
 */
export function glideKeyframes(from: number, to: number, into: number, length: number, stepMs = GLIDE_STEP_MS): Keyframe[] {
  const left = Math.max(0, length - into);
  const scaleAt = (ms: number) => from + (to - from) * easeInOut(Math.min(1, Math.max(0, ms / Math.max(1, length))));
  const frames: Keyframe[] = [];
  for (let offset = 0; offset < left; offset += stepMs) {
    frames.push({
      offset: offset / Math.max(1, left),
      transform: `scale(${scaleAt(into + offset).toFixed(4)})`,
      easing: 'steps(1, end)',
    });
  }
  frames.push({ offset: 1, transform: `scale(${to.toFixed(4)})` });
  if (frames.length === 1) frames.unshift({ offset: 0, transform: `scale(${to.toFixed(4)})`, easing: 'steps(1, end)' });
  return frames;
}
