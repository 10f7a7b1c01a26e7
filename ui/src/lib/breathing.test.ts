import phases from '../../tests/fixtures/breathing-phases.json';
import { describe, expect, it } from 'vitest';
import patterns from '../../tests/fixtures/breathing-patterns.json';
import type { BreathingPattern } from './bindings';
import { paceLabel, phaseAt, phaseWord, rhythmSentence, rhythmSteps, seconds, glideKeyframes } from './breathing';

const all = patterns as BreathingPattern[];
const byId = (id: string) => {
  const found = all.find((pattern) => pattern.id === id);
  if (!found) throw new Error(`fixture lacks ${id}`);
  return found;
};

describe('seconds', () => {
  it('drops trailing zeros and keeps real fractions', () => {
    expect(seconds(4000)).toBe('4');
    expect(seconds(2500)).toBe('2.5');
    expect(seconds(1234)).toBe('1.234');
  });
});

describe('rhythm', () => {
  it('reads the cyclic sigh as in, a little more, out', () => {
    expect(rhythmSteps(byId('cyclic-sigh'))).toEqual([
      { word: 'In', seconds: '2' },
      { word: 'A little more', seconds: '1' },
      { word: 'Out', seconds: '6' },
    ]);
  });

  it('gives screen readers one plain sentence', () => {
    expect(rhythmSentence(byId('resonance'))).toBe('In for 4 seconds, out for 6 seconds.');
    expect(rhythmSentence(byId('box'))).toBe('In for 4 seconds, hold for 4 seconds, out for 4 seconds, rest for 4 seconds.');
  });

  it('has a word for every phase kind', () => {
    for (const kind of ['inhale', 'top_up', 'hold', 'exhale', 'rest'] as const) {
      expect(phaseWord(kind).length).toBeGreaterThan(0);
    }
  });
});

describe('paceLabel', () => {
  it('says exact paces plainly and rounds the others with "about"', () => {
    expect(paceLabel(byId('resonance'))).toBe('6 breaths a minute');
    expect(paceLabel(byId('long-exhale'))).toBe('5 breaths a minute');
    expect(paceLabel(byId('box'))).toBe('about 3.8 breaths a minute');
    expect(paceLabel(byId('cyclic-sigh'))).toBe('about 6.7 breaths a minute');
  });
});

describe('phaseAt', () => {
  it('agrees with the core on every boundary of every pattern', () => {
    expect(phases.length).toBeGreaterThan(40);
    for (const sample of phases) {
      const pattern = (patterns as BreathingPattern[]).find((p) => p.id === sample.pattern)!;
      const at = phaseAt(pattern, sample.elapsed);
      expect(at, `${sample.pattern} at ${sample.elapsed}`).toMatchObject({
        index: sample.index,
        into: sample.into,
        left: sample.left,
        cycle: sample.cycle,
      });
    }
  });
});

describe('glideKeyframes', () => {
  it('steps from where the shape is now to the phase target, eased, ending exactly on time', () => {
    const frames = glideKeyframes(0.6, 1, 0, 4000, 125);
    expect(frames).toHaveLength(33); // 32 steps of 125 ms, then the end
    expect(frames[0]).toMatchObject({ offset: 0, transform: 'scale(0.6000)', easing: 'steps(1, end)' });
    expect(frames.at(-1)).toEqual({ offset: 1, transform: 'scale(1.0000)' });
    // Halfway through, an ease-in-out is halfway between.
    expect(frames[16]).toMatchObject({ offset: 0.5, transform: 'scale(0.8000)' });
    const scales = frames.map((frame) => Number(String(frame.transform).slice(6, -1)));
    for (let index = 1; index < scales.length; index += 1) expect(scales[index]).toBeGreaterThanOrEqual(scales[index - 1] ?? 0);
  });

  it('picks up mid-phase after a reload, and a phase already over is one still frame', () => {
    const frames = glideKeyframes(1, 0.6, 3000, 6000, 125);
    expect(frames[0]).toMatchObject({ offset: 0, transform: 'scale(0.8000)' });
    expect(frames).toHaveLength(25);
    expect(glideKeyframes(1, 0.6, 6000, 6000)).toEqual([
      { offset: 0, transform: 'scale(0.6000)', easing: 'steps(1, end)' },
      { offset: 1, transform: 'scale(0.6000)' },
    ]);
  });
});
