import { describe, expect, it } from 'vitest';
import { dayHeading, greeting } from './today';

describe('today', () => {
  it('greets by the hour it is given', () => {
    expect(greeting(new Date(2026, 10, 26, 3))).toBe('A quiet late hour');
    expect(greeting(new Date(2026, 10, 26, 9))).toBe('Good morning');
    expect(greeting(new Date(2026, 10, 26, 14))).toBe('Good afternoon');
    expect(greeting(new Date(2026, 10, 26, 21))).toBe('Good evening');
  });

  it('names the weekday, day and month', () => {
    expect(dayHeading(new Date(2026, 10, 26, 12), 'en-GB')).toBe('Thursday 26 November');
  });
});
