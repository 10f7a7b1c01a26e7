// How Hearth looks and sounds: kept in the core (outside the journal), applied to the whole page
// at once. Reduced motion follows the system's setting or Hearth's own, whichever asks for it.
import { api } from './api';
import type { DisplayPreferences } from './bindings';

export const display = $state<DisplayPreferences & { loaded: boolean }>({
  reduceMotion: false,
  sound: false,
  loaded: false,
});

function apply() {
  document.documentElement.dataset.reduceMotion = display.reduceMotion ? 'true' : 'false';
}

/** Reads the preferences once; a failure keeps the defaults (calm is the default anyway). */
export async function loadDisplay(): Promise<void> {
  try {
    const preferences = await api.displayPreferences();
    display.reduceMotion = preferences.reduceMotion;
    display.sound = preferences.sound;
  } catch {
    // Defaults stay: system motion setting, no sound.
  }
  display.loaded = true;
  apply();
}

export async function saveDisplay(preferences: DisplayPreferences): Promise<void> {
  const saved = await api.displaySetPreferences(preferences);
  display.reduceMotion = saved.reduceMotion;
  display.sound = saved.sound;
  apply();
}

/** Whether animations should be still: Hearth's setting or the system's. */
export function motionReduced(): boolean {
  const system = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  return display.reduceMotion || system;
}
