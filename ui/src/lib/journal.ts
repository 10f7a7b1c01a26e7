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
