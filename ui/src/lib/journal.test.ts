import { describe, expect, it, vi } from 'vitest';
import {
  BOTH_OF_US,
  authorChoices,
  debounce,
  endOfDay,
  entryTime,
  formatBytes,
  startOfDay,
  throttle,
  yearAgoDay,
} from './journal';

describe('entryTime', () => {
  const now = new Date(2026, 10, 26, 21, 0);

  it('says today and yesterday in words', () => {
    expect(entryTime(new Date(2026, 10, 26, 20, 15).toISOString(), now, 'en-GB')).toBe('Today, 20:15');
    expect(entryTime(new Date(2026, 10, 25, 8, 2).toISOString(), now, 'en-GB')).toBe('Yesterday, 08:02');
  });

  it('names older days, with the year only when it differs', () => {
    // Punctuation between the parts varies with the ICU version, so check the parts.
    const thisYear = entryTime(new Date(2026, 10, 23, 21, 40).toISOString(), now, 'en-GB');
    expect(thisYear).toMatch(/^Mon,? 23 Nov, 21:40$/);
    const lastYear = entryTime(new Date(2025, 0, 2, 9, 0).toISOString(), now, 'en-GB');
    expect(lastYear).toMatch(/^Thu,? 2 Jan 2025, 09:00$/);
  });
});

describe('throttle', () => {
  it('lets one call through per interval', () => {
    let time = 0;
    let calls = 0;
    const touch = throttle(
      () => (calls += 1),
      30_000,
      () => time,
    );
    touch();
    touch();
    time = 29_999;
    touch();
    time = 30_000;
    touch();
    expect(calls).toBe(2);
  });
});

describe('authorChoices', () => {
  it('offers each partner and both together, or just the one person', () => {
    expect(authorChoices(['Sam', 'Alex'])).toEqual(['Sam', 'Alex', BOTH_OF_US]);
    expect(authorChoices(['Robin'])).toEqual(['Robin']);
  });
});

describe('startOfDay and endOfDay', () => {
  it('turn a picked day into the local midnights around it', () => {
    const start = new Date(startOfDay('2026-03-29') ?? '');
    const end = new Date(endOfDay('2026-03-29') ?? '');
    expect([start.getFullYear(), start.getMonth(), start.getDate(), start.getHours()]).toEqual([2026, 2, 29, 0]);
    expect([end.getMonth(), end.getDate(), end.getHours(), end.getMinutes()]).toEqual([2, 30, 0, 0]);
  });

  it('refuse what is not a day', () => {
    expect(startOfDay('')).toBeNull();
    expect(startOfDay('29/03/2026')).toBeNull();
    expect(endOfDay('yesterday')).toBeNull();
  });
});

describe('formatBytes', () => {
  it('reads like a person would say it', () => {
    expect(formatBytes(900)).toBe('900 bytes');
    expect(formatBytes(12_800)).toBe('13 KB');
    expect(formatBytes(3_565_158)).toBe('3.4 MB');
  });
});

describe('debounce', () => {
  it('runs once after the quiet time, and flush runs a pending call at once', () => {
    vi.useFakeTimers();
    let runs = 0;
    const saver = debounce(() => runs++, 500);
    saver.call();
    saver.call();
    vi.advanceTimersByTime(499);
    expect(runs).toBe(0);
    vi.advanceTimersByTime(1);
    expect(runs).toBe(1);
    saver.call();
    saver.flush();
    expect(runs).toBe(2);
    saver.flush();
    expect(runs).toBe(2);
    vi.useRealTimers();
  });
});

describe('yearAgoDay', () => {
  it('is the same day one year before', () => {
    expect(yearAgoDay(new Date(2026, 10, 30, 9))).toBe('2025-11-30');
    expect(yearAgoDay(new Date(2026, 0, 1, 0, 5))).toBe('2025-01-01');
  });
  it('falls back to 28 February from a leap day', () => {
    expect(yearAgoDay(new Date(2028, 1, 29, 12))).toBe('2027-02-28');
  });
});
