// Calendar helpers for the ritual screens: local dates, weeks from Monday, the days a week or a
// month view shows, and day names for the schedule picker. Schedules themselves (the picker's
// choices, the stored rule, the plain words) are the core's: see schedule_default and
// schedule_describe.

import type { Weekday } from './bindings';

export const DAYS: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

export const DAY_SHORT: Record<Weekday, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};

/** The two-letter day of a local date (YYYY-MM-DD). */
export function dayOf(date: string): Weekday {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const index = (new Date(y, m - 1, d).getDay() + 6) % 7;
  return DAYS[index] ?? 'MO';
}

/** YYYY-MM-DD of a local date. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The Monday starting the week that holds `date`. */
export function weekStart(date: Date): Date {
  const start = new Date(date.getFullYear(), date.getMonth(), date.getDate());
  start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  return start;
}

/** The days shown for a week (7, from Monday) or a month (whole weeks covering it). */
export function calendarDays(anchor: Date, view: 'week' | 'month'): Date[] {
  const first = view === 'week' ? weekStart(anchor) : weekStart(new Date(anchor.getFullYear(), anchor.getMonth(), 1));
  const last =
    view === 'week'
      ? new Date(first.getFullYear(), first.getMonth(), first.getDate() + 6)
      : (() => {
          const end = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0);
          const monday = weekStart(end);
          return new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6);
        })();
  const days: Date[] = [];
  for (let day = first; day <= last; day = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1)) {
    days.push(day);
  }
  return days;
}
