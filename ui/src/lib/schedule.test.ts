import { describe, expect, it } from 'vitest';
import { calendarDays, dayOf, defaultPick, describe as describeRule, fromRule, isoDate, toRule } from './schedule';

describe('toRule and fromRule', () => {
  it('build the rules the core stores and read them back', () => {
    const start = '2026-11-29'; // a Sunday
    const weekly = defaultPick(start);
    expect(weekly.days).toEqual(['SU']);
    expect(toRule(weekly)).toBe('FREQ=WEEKLY;BYDAY=SU');
    const cases = [
      { ...weekly, repeat: 'daily' as const },
      { ...weekly, interval: 2, days: ['TH' as const, 'TU' as const] },
      { ...weekly, repeat: 'monthly_day' as const, monthDay: -1, end: 'count' as const, count: 12 },
      { ...weekly, repeat: 'monthly_weekday' as const, nth: 2, weekday: 'SU' as const, end: 'until' as const, until: '2027-06-30' },
      { ...weekly, repeat: 'times_per_week' as const, times: 3, remindOn: 'FR' as const },
    ];
    const rules = cases.map(toRule);
    expect(rules).toEqual([
      'FREQ=DAILY',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH',
      'FREQ=MONTHLY;COUNT=12;BYMONTHDAY=-1',
      'FREQ=MONTHLY;UNTIL=20270630T235959;BYDAY=2SU',
      'TIMES_PER_WEEK=3;REMIND_ON=FR',
    ]);
    for (const rule of rules) {
      const pick = fromRule(rule, start);
      expect(pick, rule).not.toBeNull();
      expect(toRule(pick!)).toBe(rule);
    }
  });

  it('say so when an imported rule is beyond the picker', () => {
    expect(fromRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14', '2026-02-14')).toBeNull();
    expect(fromRule('FREQ=MONTHLY;BYDAY=MO,TU', '2026-02-14')).toBeNull();
  });
});

describe('describe', () => {
  it('reads like a person would say it', () => {
    expect(describeRule('FREQ=WEEKLY;BYDAY=SU', '2026-11-29', '10:00')).toBe('Every Sunday at 10:00');
    expect(describeRule('FREQ=DAILY', '2026-11-29', '21:30')).toBe('Every day at 21:30');
    expect(describeRule('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', '2026-11-30', '07:15')).toBe('Every weekday at 07:15');
    expect(describeRule('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', '2026-12-01', '19:00')).toBe(
      'Every 2 weeks on Tuesday and Thursday at 19:00',
    );
    expect(describeRule('FREQ=MONTHLY;BYDAY=-1FR', '2026-11-27', '18:00')).toBe('Every month on the last Friday at 18:00');
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=1;COUNT=6', '2026-12-01', '09:00')).toBe(
      'Every month on the 1st at 09:00, 6 times',
    );
    expect(describeRule('TIMES_PER_WEEK=2;REMIND_ON=FR', '2026-11-27', '18:00')).toBe(
      'Twice a week, any day; a reminder on Friday at 18:00 if not yet',
    );
    expect(describeRule('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=14', '2026-02-14', '19:00')).toBe(
      'On a custom schedule at 19:00',
    );
  });
});

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
