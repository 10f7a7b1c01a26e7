// The app's screens and hash routing (#/today), so history and reloads keep the place.

export type Screen = 'today' | 'practices' | 'rituals' | 'journal' | 'about';

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
  { screen: 'about', label: 'About Hearth', shortcut: '5' },
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
