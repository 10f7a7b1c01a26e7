import { describe, expect, it } from 'vitest';
import { entryTime, throttle } from './journal';

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
    const touch = throttle(() => (calls += 1), 30_000, () => time);
    touch();
    touch();
    time = 29_999;
    touch();
    time = 30_000;
    touch();
    expect(calls).toBe(2);
  });
});
