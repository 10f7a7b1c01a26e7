import { describe, expect, it } from 'vitest';
import { calendarDays, dayOf, isoDate } from './schedule';

describe('calendar days', () => {
  it('cover a week from Monday and whole weeks around a month', () => {
    const week = calendarDays(new Date(2026, 10, 26), 'week').map(isoDate);
    expect(week[0]).toBe('2026-11-23');
    expect(week).toHaveLength(7);
    const month = calendarDays(new Date(2026, 10, 26), 'month').map(isoDate);
    expect(month[0]).toBe('2026-10-26');
    expect(month.at(-1)).toBe('2026-12-06');
    expect(month).toHaveLength(42);
    // A clock change inside the month does not skip or repeat a day (Europe/Paris, 25 October).
    const october = calendarDays(new Date(2026, 9, 10), 'month').map(isoDate);
    expect(new Set(october).size).toBe(october.length);
    expect(october).toContain('2026-10-25');
    expect(dayOf('2026-10-25')).toBe('SU');
  });
});
