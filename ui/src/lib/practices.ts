// Plain helpers for the practices pages: clock text and small labels. Where each practice
// lives is the router's (router.ts).

/** A countdown as m:ss, or h:mm:ss from an hour up. Never negative. */
export function clockText(millis: number): string {
  const total = Math.max(0, Math.ceil(millis / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * Time left of a phones-off hour, calmly: whole minutes ("42 min"), and seconds only in the last
 * minute ("35 s"). Never negative.
 */
export function minutesLeftText(millis: number): string {
  if (millis > 60_000) return `${Math.ceil(millis / 60_000)} min`;
  return `${Math.max(0, Math.ceil(millis / 1000))} s`;
}

/** Milliseconds until `minutesLeftText` changes (plus 1, so the wake lands just after). */
export function untilLeftTextChanges(millis: number): number {
  if (millis > 60_000) return (millis % 60_000 || 60_000) + 1;
  return (millis % 1000 || 1000) + 1;
}

/**
 * Counts down to `endsAtMs` while the page is visible: calls `onLeft` now and each time
 * `minutesLeftText` would change, and `onOver` once the time is up. Nothing is scheduled while
 * the page is hidden (callers start again when it shows). Returns a function that stops it.
 */
export function countdown(endsAtMs: number, onLeft: (millis: number) => void, onOver: () => void): () => void {
  let timer = 0;
  const tick = () => {
    if (document.hidden) return;
    const left = endsAtMs - Date.now();
    if (left <= 0) {
      onOver();
      return;
    }
    onLeft(left);
    timer = window.setTimeout(tick, untilLeftTextChanges(left));
  };
  tick();
  return () => window.clearTimeout(timer);
}

/** "2 Mar" for a week's Monday (YYYY-MM-DD), read as a local date. */
export function weekLabel(weekOf: string): string {
  const [year, month, day] = weekOf.split('-').map(Number);
  const date = new Date(year ?? 1970, (month ?? 1) - 1, day ?? 1);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
}

/** Minutes as "1 h 15 min", "45 min" or "none". */
export function minutesText(minutes: number): string {
  if (minutes <= 0) return 'none';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Eye-contact lengths offered, in seconds (30 s to 4 min). */
export const EYE_CONTACT_SECONDS = [30, 60, 90, 120, 180, 240] as const;

/** "30 seconds", "1 minute", "1½ minutes". */
export function durationText(seconds: number): string {
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = seconds / 60;
  const whole = Math.floor(minutes);
  const half = minutes - whole >= 0.5 ? '½' : '';
  return `${whole}${half} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/**
 * The deck a pause hands back a card from (an id in content/decks.toml). Its practice's decks,
 * the ones for harder talks, offer the pause.
 */
export const REPAIR_DECK = 'repair';
