// Ritual schedules for people: the picker's choices turned into the rule the core stores
// (RFC 5545 RRULE, or TIMES_PER_WEEK=N;REMIND_ON=DAY), and any stored rule described in plain
// words ("Every Sunday at 10:00"). Nobody has to type a rule.

export type Day = 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU';

export const DAYS: readonly Day[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const DAY_NAMES: Record<Day, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

export const DAY_SHORT: Record<Day, string> = {
  MO: 'Mon',
  TU: 'Tue',
  WE: 'Wed',
  TH: 'Thu',
  FR: 'Fri',
  SA: 'Sat',
  SU: 'Sun',
};

export type Repeat = 'daily' | 'weekly' | 'monthly_day' | 'monthly_weekday' | 'times_per_week';

export interface SchedulePick {
  repeat: Repeat;
  /** Every N days/weeks/months. */
  interval: number;
  /** Weekly: which days. */
  days: Day[];
  /** Monthly on a day: 1-31, or -1 for the last day. */
  monthDay: number;
  /** Monthly on a weekday: 1-4, or -1 for the last. */
  nth: number;
  weekday: Day;
  /** Times a week: how many, and the day to remind when the week is not done yet. */
  times: number;
  remindOn: Day;
  end: 'never' | 'count' | 'until';
  count: number;
  /** YYYY-MM-DD. */
  until: string;
}

/** The two-letter day of a local date (YYYY-MM-DD). */
export function dayOf(date: string): Day {
  const [y = 1970, m = 1, d = 1] = date.split('-').map(Number);
  const index = (new Date(y, m - 1, d).getDay() + 6) % 7;
  return DAYS[index] ?? 'MO';
}

/** A sensible first pick for a ritual starting on `date`: weekly on that day. */
export function defaultPick(date: string): SchedulePick {
  const day = dayOf(date);
  return {
    repeat: 'weekly',
    interval: 1,
    days: [day],
    monthDay: Number(date.slice(8, 10)),
    nth: Math.min(4, Math.ceil(Number(date.slice(8, 10)) / 7)),
    weekday: day,
    times: 3,
    remindOn: day,
    end: 'never',
    count: 10,
    until: date,
  };
}

/** The stored rule for a pick. */
export function toRule(pick: SchedulePick): string {
  if (pick.repeat === 'times_per_week') {
    return `TIMES_PER_WEEK=${pick.times};REMIND_ON=${pick.remindOn}`;
  }
  const parts: string[] = [];
  switch (pick.repeat) {
    case 'daily':
      parts.push('FREQ=DAILY');
      break;
    case 'weekly':
      parts.push('FREQ=WEEKLY');
      break;
    default:
      parts.push('FREQ=MONTHLY');
  }
  if (pick.interval > 1) parts.push(`INTERVAL=${pick.interval}`);
  if (pick.end === 'count') parts.push(`COUNT=${pick.count}`);
  if (pick.end === 'until') parts.push(`UNTIL=${pick.until.replaceAll('-', '')}T235959`);
  if (pick.repeat === 'weekly') {
    const days = DAYS.filter((day) => pick.days.includes(day));
    parts.push(`BYDAY=${days.join(',')}`);
  } else if (pick.repeat === 'monthly_day') {
    parts.push(`BYMONTHDAY=${pick.monthDay}`);
  } else if (pick.repeat === 'monthly_weekday') {
    parts.push(`BYDAY=${pick.nth}${pick.weekday}`);
  }
  return parts.join(';');
}

function fields(rule: string): Map<string, string> {
  return new Map(
    rule
      .replace(/^RRULE:/, '')
      .split(';')
      .filter(Boolean)
      .map((part) => {
        const [name = '', value = ''] = part.split('=');
        return [name.toUpperCase(), value.toUpperCase()] as [string, string];
      }),
  );
}

/** The pick a stored rule came from, or null when the picker cannot show it (an imported rule). */
export function fromRule(rule: string, startDate: string): SchedulePick | null {
  const pick = defaultPick(startDate);
  const times = /^TIMES_PER_WEEK=(\d);REMIND_ON=(MO|TU|WE|TH|FR|SA|SU)$/.exec(rule);
  if (times) return { ...pick, repeat: 'times_per_week', times: Number(times[1]), remindOn: times[2] as Day };
  const f = fields(rule);
  const known = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY']);
  if ([...f.keys()].some((name) => !known.has(name))) return null;
  pick.interval = Number(f.get('INTERVAL') ?? 1);
  if (f.has('COUNT')) {
    pick.end = 'count';
    pick.count = Number(f.get('COUNT'));
  } else if (f.has('UNTIL')) {
    const until = f.get('UNTIL') ?? '';
    pick.end = 'until';
    pick.until = `${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}`;
  }
  const byDay = f.get('BYDAY');
  switch (f.get('FREQ')) {
    case 'DAILY':
      if (byDay || f.has('BYMONTHDAY')) return null;
      return { ...pick, repeat: 'daily' };
    case 'WEEKLY': {
      const days = (byDay ?? dayOf(startDate)).split(',');
      if (!days.every((day) => (DAYS as readonly string[]).includes(day))) return null;
      return { ...pick, repeat: 'weekly', days: days as Day[] };
    }
    case 'MONTHLY': {
      const monthDay = f.get('BYMONTHDAY');
      if (monthDay && !byDay && /^-?\d+$/.test(monthDay)) {
        return { ...pick, repeat: 'monthly_day', monthDay: Number(monthDay) };
      }
      const nth = byDay ? /^(-?\d)(MO|TU|WE|TH|FR|SA|SU)$/.exec(byDay) : null;
      if (nth && !monthDay) return { ...pick, repeat: 'monthly_weekday', nth: Number(nth[1]), weekday: nth[2] as Day };
      if (!byDay && !monthDay) return { ...pick, repeat: 'monthly_day', monthDay: Number(startDate.slice(8, 10)) };
      return null;
    }
    default:
      return null;
  }
}

function ordinal(n: number): string {
  if (n === -1) return 'last';
  return ['first', 'second', 'third', 'fourth', 'fifth'][n - 1] ?? `${n}th`;
}

function dayOfMonth(n: number): string {
  if (n === -1) return 'the last day';
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `the ${n}${suffix}`;
}

function listOf(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : `${n} ${many}`;
}

/** Plain words for a stored rule at `time` (HH:MM): "Every Sunday at 10:00". */
export function describe(rule: string, startDate: string, time: string): string {
  const pick = fromRule(rule, startDate);
  if (!pick) return `On a custom schedule at ${time}`;
  if (pick.repeat === 'times_per_week') {
    const how = pick.times === 1 ? 'Once a week' : pick.times === 2 ? 'Twice a week' : `${pick.times} times a week`;
    return `${how}, any day; a reminder on ${DAY_NAMES[pick.remindOn]} at ${time} if not yet`;
  }
  let text: string;
  switch (pick.repeat) {
    case 'daily':
      text = pick.interval === 1 ? 'Every day' : `Every ${plural(pick.interval, 'day', 'days')}`;
      break;
    case 'weekly': {
      const names = DAYS.filter((day) => pick.days.includes(day)).map((day) => DAY_NAMES[day]);
      const weekdays = ['MO', 'TU', 'WE', 'TH', 'FR'];
      const days =
        pick.days.length === 7
          ? 'day'
          : pick.days.length === 5 && weekdays.every((d) => pick.days.includes(d as Day))
            ? 'weekday'
            : listOf(names);
      text = pick.interval === 1 ? `Every ${days}` : `Every ${plural(pick.interval, 'week', 'weeks')} on ${listOf(names)}`;
      break;
    }
    case 'monthly_day':
      text = `${pick.interval === 1 ? 'Every month' : `Every ${plural(pick.interval, 'month', 'months')}`} on ${dayOfMonth(pick.monthDay)}`;
      break;
    default:
      text = `${pick.interval === 1 ? 'Every month' : `Every ${plural(pick.interval, 'month', 'months')}`} on the ${ordinal(pick.nth)} ${DAY_NAMES[pick.weekday]}`;
  }
  text += ` at ${time}`;
  if (pick.end === 'count') text += `, ${pick.count} times`;
  if (pick.end === 'until') text += `, until ${pick.until}`;
  return text;
}

export const PRACTICES: readonly { id: string; label: string }[] = [
  { id: 'walk_questions', label: 'A walk with deeper questions' },
  { id: 'nightly_reflection', label: 'Nightly reflection' },
  { id: 'phones_off_hour', label: 'Phones-off hour' },
  { id: 'three_good_things', label: 'Three good things' },
  { id: 'breathing_together', label: 'Breathing together' },
  { id: 'eye_contact', label: 'Eye contact' },
  { id: 'check_in', label: 'Check-in' },
  { id: 'honest_openers', label: 'Honest openers' },
  { id: 'appreciation', label: 'Appreciation note' },
  { id: 'reconnection_plan', label: 'Slow reconnection plan' },
  { id: 'self_check', label: 'Weekly self-check' },
  { id: 'look_back', label: 'Weekly look-back' },
];

/** The label of a practice id, or null. */
export function practiceLabel(id: string | null): string | null {
  return PRACTICES.find((practice) => practice.id === id)?.label ?? null;
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
