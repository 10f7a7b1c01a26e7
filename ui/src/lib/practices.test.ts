import { describe, expect, it } from 'vitest';
import {
  clockText,
  durationText,
  hashForPractice,
  minutesLeftText,
  minutesText,
  untilLeftTextChanges,
  practicePageFromHash,
  weekLabel,
} from './practices';

describe('practices helpers', () => {
  it('reads the page from the hash and sends unknown pages to the hub', () => {
    expect(practicePageFromHash('#/practices/check-in')).toBe('check-in');
    expect(practicePageFromHash('#/practices/phones-off')).toBe('phones-off');
    expect(practicePageFromHash('#/practices')).toBeNull();
    expect(practicePageFromHash('#/practices/juggling')).toBeNull();
    expect(practicePageFromHash('#/today')).toBeNull();
  });

  it('opens every practice somewhere sensible', () => {
    expect(hashForPractice('breathing_together')).toBe('#/today');
    expect(hashForPractice('phones_off_hour')).toBe('#/practices/phones-off');
    expect(hashForPractice('nightly_reflection')).toBe('#/practices/decks');
    expect(hashForPractice('appreciation')).toBe('#/practices/good-things');
    expect(hashForPractice(null)).toBe('#/practices');
  });

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
