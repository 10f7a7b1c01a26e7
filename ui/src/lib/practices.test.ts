import { afterEach, describe, expect, it, vi } from 'vitest';
import { clockText, countdown, durationText, minutesLeftText, minutesText, untilLeftTextChanges, weekLabel } from './practices';

describe('practices helpers', () => {
  it('writes countdowns without going below zero', () => {
    expect(clockText(0)).toBe('0:00');
    expect(clockText(-5000)).toBe('0:00');
    expect(clockText(59_001)).toBe('1:00');
    expect(clockText(42 * 60_000 + 5000)).toBe('42:05');
    expect(clockText(3_600_000 + 62_000)).toBe('1:01:02');
  });

  it('counts a phones-off hour in minutes, and in seconds only at the very end', () => {
    expect(minutesLeftText(45 * 60_000)).toBe('45 min');
    expect(minutesLeftText(44 * 60_000 + 1)).toBe('45 min');
    expect(minutesLeftText(60_001)).toBe('2 min');
    expect(minutesLeftText(60_000)).toBe('60 s');
    expect(minutesLeftText(1)).toBe('1 s');
    expect(minutesLeftText(-3)).toBe('0 s');
    expect(untilLeftTextChanges(44 * 60_000 + 1)).toBe(2);
    expect(untilLeftTextChanges(45 * 60_000)).toBe(60_001);
    expect(untilLeftTextChanges(30_500)).toBe(501);
  });

  it('writes minutes, lengths and weeks plainly', () => {
    expect(minutesText(0)).toBe('none');
    expect(minutesText(45)).toBe('45 min');
    expect(minutesText(60)).toBe('1 h');
    expect(minutesText(75)).toBe('1 h 15 min');
    expect(durationText(30)).toBe('30 seconds');
    expect(durationText(60)).toBe('1 minute');
    expect(durationText(90)).toBe('1½ minutes');
    expect(durationText(240)).toBe('4 minutes');
    expect(weekLabel('2026-03-02')).toBe('2 Mar');
  });
});

describe('countdown', () => {
  afterEach(() => vi.useRealTimers());

  it('wakes only when the shown minutes change, and says once when the time is up', () => {
    vi.useFakeTimers({ now: 0 });
    const seen: number[] = [];
    let over = 0;
    countdown(
      3 * 60_000 + 500,
      (left) => seen.push(left),
      () => (over += 1),
    );
    expect(seen).toEqual([180_500]);
    vi.advanceTimersByTime(501); // the shown "4 min" becomes "3 min"
    expect(seen).toEqual([180_500, 179_999]);
    vi.advanceTimersByTime(120_000);
    expect(seen.length).toBe(4); // 2 min, then 1 min (seconds from here)
    vi.advanceTimersByTime(60_000);
    expect(over).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(over).toBe(1);
  });

  it('stops when asked', () => {
    vi.useFakeTimers({ now: 0 });
    let calls = 0;
    const stop = countdown(
      10 * 60_000,
      () => (calls += 1),
      () => {},
    );
    stop();
    vi.advanceTimersByTime(20 * 60_000);
    expect(calls).toBe(1);
  });
});
