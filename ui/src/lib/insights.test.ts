import { describe, expect, it } from 'vitest';
import fixtures from '../../tests/fixtures/insights.json';
import type { InsightsReport } from './bindings';
import {
  PLOT,
  describeMinutes,
  describeScale,
  describeScores,
  isEmpty,
  linePath,
  lookBackHighlights,
  minutesText,
  niceMax,
  xAt,
  xAxisLabels,
  yAt,
} from './insights';

const reports = fixtures as unknown as Record<string, InsightsReport>;

describe('chart geometry', () => {
  it('centres buckets across the plot and puts higher values higher', () => {
    expect(xAt(0, 2)).toBeCloseTo(PLOT.left + (PLOT.width - PLOT.left) / 4);
    expect(yAt(5, 1, 5)).toBe(PLOT.top);
    expect(yAt(1, 1, 5)).toBe(PLOT.height - PLOT.bottom);
    expect(yAt(99, 1, 5)).toBe(PLOT.top);
    expect(yAt(3, 3, 3)).toBe(PLOT.height - PLOT.bottom);
  });

  it('breaks the line where a week has no answer instead of drawing through it', () => {
    const path = linePath([3, null, 4, 5], 1, 5);
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(1);
    expect(linePath([null, null], 1, 5)).toBe('');
  });

  it('labels every bucket up to eight, then every few, always keeping the last', () => {
    expect(xAxisLabels(['a', 'b', 'c']).map((tick) => tick.label)).toEqual(['a', 'b', 'c']);
    const weeks = Array.from({ length: 20 }, (_, index) => `w${index}`);
    expect(xAxisLabels(weeks).map((tick) => tick.label)).toEqual(['w0', 'w3', 'w6', 'w9', 'w12', 'w15', 'w18', 'w19']);
    expect(xAxisLabels(['a'])[0]?.x).toBe(xAt(0, 1));
  });

  it('rounds the top of a bar chart up to a step, never below the floor', () => {
    expect(niceMax([0, 0], 30, 30)).toBe(30);
    expect(niceMax([150, 40], 30, 30)).toBe(150);
    expect(niceMax([151], 30, 30)).toBe(180);
  });
});

describe('text alternatives', () => {
  it('writes minutes the way people say them', () => {
    expect(minutesText(45)).toBe('45 min');
    expect(minutesText(60)).toBe('1 h');
    expect(minutesText(150)).toBe('2 h 30 min');
  });

  it('describes each partner from the core figures of a month', () => {
    const month = reports.month!;
    const labels = month.buckets.map((bucket) => bucket.label);
    const text = describeScale(month.partners, 'mood', labels);
    const ana = month.partners[0]!.mood.filter((v): v is number => v !== null);
    const mean = ana.reduce((sum, value) => sum + value, 0) / ana.length;
    expect(text).toContain(`Ana: ${mean.toFixed(1)} out of 5 on average`);
    expect(text).toContain('Sam:');
    expect(describeScale([{ name: 'Jo', colour: 'sky', mood: [null], closeness: [null] }], 'mood', ['x'])).toBe(
      'Jo has no answers in this range.',
    );
  });

  it('describes self-check scores out of 100, skipping gaps for the latest', () => {
    expect(describeScores([60, 70, null], ['a', 'b', 'c'])).toBe(
      'The self-check: 65 out of 100 on average; most recently 70 (b).',
    );
  });

  it('describes minutes with the total and the fullest bucket', () => {
    expect(describeMinutes([0, 90, 30], ['a', 'b', 'c'], 'phones-off time')).toBe(
      '2 h of phones-off time in this range; the most in b (1 h 30 min).',
    );
    expect(describeMinutes([0, 0], ['a', 'b'], 'breathing')).toBe('No breathing in this range yet.');
  });
});

describe('empty state and look-back', () => {
  it('calls a brand-new Hearth empty and a month of data not', () => {
    expect(isEmpty(reports.empty!)).toBe(true);
    expect(isEmpty(reports.month!)).toBe(false);
    // Locked, the journal part is missing but practices and rituals still count.
    expect(isEmpty(reports.locked!)).toBe(false);
  });

  it('lists only what happened this week', () => {
    const highlights = lookBackHighlights(reports.month!.lookBack);
    expect(highlights[0]).toMatch(/^Tea after work: \d+ times?$/);
    expect(highlights).toContain('4 check-ins');
    expect(highlights.some((h) => h.includes('phones away'))).toBe(false);
    expect(lookBackHighlights(reports.empty!.lookBack)).toEqual([]);
  });
});
