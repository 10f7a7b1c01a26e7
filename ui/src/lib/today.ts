// Words for the Today screen's heading, from the date the caller passes in.

/** "Thursday 26 November" in the user's locale. */
export function dayHeading(now: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long' }).format(now);
}

/** A gentle greeting for the time of day. */
export function greeting(now: Date): string {
  const hour = now.getHours();
  if (hour < 5) return 'A quiet late hour';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}
