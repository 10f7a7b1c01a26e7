// The app's screens and hash routing (#/today), so history and reloads keep the place.

export type Screen = 'today' | 'practices' | 'rituals' | 'journal' | 'insights' | 'settings' | 'about';

export interface Route {
  screen: Screen;
  label: string;
  /** Ctrl (or Cmd) plus this digit opens the screen. */
  shortcut: string;
}

export const ROUTES: readonly Route[] = [
  { screen: 'today', label: 'Today', shortcut: '1' },
  { screen: 'practices', label: 'Practices', shortcut: '2' },
  { screen: 'rituals', label: 'Rituals', shortcut: '3' },
  { screen: 'journal', label: 'Notebook', shortcut: '4' },
  { screen: 'insights', label: 'Insights', shortcut: '5' },
  { screen: 'settings', label: 'Settings', shortcut: '6' },
  { screen: 'about', label: 'About Hearth', shortcut: '7' },
];

export const DEFAULT_SCREEN: Screen = 'today';

/** The screen a location hash points at; unknown or empty hashes go to Today. */
export function screenFromHash(hash: string): Screen {
  const name = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  const route = ROUTES.find((candidate) => candidate.screen === name);
  return route ? route.screen : DEFAULT_SCREEN;
}

export function hashFor(screen: Screen): string {
  return `#/${screen}`;
}

/** The screen a key press asks for (Ctrl/Cmd + digit), or null. */
export function screenForShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): Screen | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  return ROUTES.find((route) => route.shortcut === event.key)?.screen ?? null;
}

/** Ctrl (or Cmd) + B: start breathing together (Today, with the first pattern). */
export const BREATHE_SHORTCUT = 'b';
export const BREATHE_HASH = '#/today/breathe';

/** Whether a key press asks to start breathing together. */
export function isBreatheShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === BREATHE_SHORTCUT;
}
