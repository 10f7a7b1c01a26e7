// How Hearth looks and sounds: kept in the core (outside the journal), applied to the whole page
// at once. Reduced motion follows the system's setting or Hearth's own, whichever asks for it;
// the theme is Hearth's choice, or the system's when it is "system".
import { api } from './api';
import type { DisplayPreferences, Theme } from './bindings';

export const display = $state<DisplayPreferences & { loaded: boolean }>({
  theme: 'system',
  reduceMotion: false,
  sound: false,
  loaded: false,
});

const darkQuery = () => window.matchMedia?.('(prefers-color-scheme: dark)');

/** The theme to paint: the chosen one, or the system's for "system". */
export function resolvedTheme(theme: Theme, systemDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemDark ? 'dark' : 'light';
  return theme;
}

function apply() {
  const root = document.documentElement;
  root.dataset.reduceMotion = display.reduceMotion ? 'true' : 'false';
  root.dataset.theme = resolvedTheme(display.theme, darkQuery()?.matches ?? false);
}

/** Paints the system's theme before anything loads, and follows the system when it changes. */
export function followSystemTheme(): void {
  apply();
  darkQuery()?.addEventListener?.('change', apply);
}

/** Saves made so far: a load that answers after a save must not undo it. */
let saves = 0;

/** Reads the preferences once; a failure keeps the defaults (calm is the default anyway). */
export async function loadDisplay(): Promise<void> {
  const before = saves;
  try {
    const preferences = await api.displayGet();
    // A change saved while this was on its way is newer than what was read.
    if (saves === before) {
      display.theme = preferences.theme;
      display.reduceMotion = preferences.reduceMotion;
      display.sound = preferences.sound;
    }
  } catch {
    // Defaults stay: system theme and motion setting, no sound.
  }
  display.loaded = true;
  apply();
}

/** Saves a change to the preferences and applies it at once. */
export async function saveDisplay(change: Partial<DisplayPreferences>): Promise<void> {
  saves += 1;
  const saved = await api.displaySet({
    preferences: {
      theme: display.theme,
      reduceMotion: display.reduceMotion,
      sound: display.sound,
      ...change,
    },
  });
  display.theme = saved.theme;
  display.reduceMotion = saved.reduceMotion;
  display.sound = saved.sound;
  apply();
}

/** Whether animations should be still: Hearth's setting or the system's. */
export function motionReduced(): boolean {
  const system = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  return display.reduceMotion || system;
}
