// Words and small rules for the journal screens.
import type { EntryKind } from './bindings';

export const KIND_LABELS: Record<EntryKind, string> = {
  note: 'Note',
  three_good_things: 'Three good things',
  check_in: 'Check-in',
  reflection: 'Reflection',
  appreciation: 'Appreciation',
  self_check: 'Self-check',
};

/** Kinds someone can pick when writing freely; the others come from their practices. */
export const WRITABLE_KINDS: EntryKind[] = ['note', 'three_good_things', 'appreciation', 'reflection'];

/** "Today, 20:15", "Yesterday, 08:02" or "Mon 23 Nov, 21:40", relative to `now`. */
export function entryTime(createdAt: string, now: Date, locale?: string): string {
  const at = new Date(createdAt);
  const clock = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((startOfDay(now) - startOfDay(at)) / 86_400_000);
  if (days === 0) return `Today, ${clock}`;
  if (days === 1) return `Yesterday, ${clock}`;
  const day = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: at.getFullYear() === now.getFullYear() ? undefined : 'numeric',
  }).format(at);
  return `${day}, ${clock}`;
}

/** Calls `action` at most once per `intervalMs`; used to tell the core someone is active. */
export function throttle(action: () => void, intervalMs: number, clock: () => number = Date.now): () => void {
  let last = -Infinity;
  return () => {
    const now = clock();
    if (now - last >= intervalMs) {
      last = now;
      action();
    }
  };
}

/** The author shown when both partners wrote an entry together. */
export const BOTH_OF_US = 'Both of us';

/** Who can be picked as an entry's author: each partner, then both together. */
export function authorChoices(names: string[]): string[] {
  return names.length > 1 ? [...names, BOTH_OF_US] : [...names];
}

/** The local midnight starting the day `day` ("YYYY-MM-DD", from a date field), as RFC 3339. */
export function startOfDay(day: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const at = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The local midnight ending the day `day` (the next day's start), as RFC 3339. */
export function endOfDay(day: string): string | null {
  const start = startOfDay(day);
  if (start === null) return null;
  const at = new Date(start);
  // Calendar arithmetic, so a 23- or 25-hour day (a clock change) still ends at midnight.
  return new Date(at.getFullYear(), at.getMonth(), at.getDate() + 1).toISOString();
}

/** "12 KB", "3.4 MB": a file size for people. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Runs `action` once `waitMs` have passed without another call; `flush` runs it now. */
export function debounce(action: () => void, waitMs: number): { call: () => void; flush: () => void; cancel: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return {
    call: () => {
      cancel();
      timer = setTimeout(() => {
        timer = undefined;
        action();
      }, waitMs);
    },
    flush: () => {
      if (timer !== undefined) {
        cancel();
        action();
      }
    },
    cancel,
  };
}

/** The same day one year before `now`, as "YYYY-MM-DD" (29 February falls back to the 28th). */
export function yearAgoDay(now: Date): string {
  const day = Math.min(now.getDate(), new Date(now.getFullYear() - 1, now.getMonth() + 1, 0).getDate());
  const at = new Date(now.getFullYear() - 1, now.getMonth(), day);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
