// The app's one router: every place a hash can lead (a screen, a practice's page, a ritual's
// card, the closing question), the hashes that lead there, and the keyboard shortcuts. The
// shell opens places by hash too (`#/open/<practice>`, `#/ritual/<id>/<occurrence>`,
// `#/closing`), so reloads and history keep the place.

import type { Practice } from './bindings';

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

/** The practices that have a page of their own under Practices, in the order the hub lists them. */
export type PracticePage =
  | 'check-in'
  | 'decks'
  | 'eye-contact'
  | 'good-things'
  | 'phones-off'
  | 'plan'
  | 'self-check'
  | 'state-of-us'
  | 'on-your-own'
  | 'stress-talk'
  | 'guided';

export const PRACTICE_PAGES: readonly { page: PracticePage; practice: Practice }[] = [
  { page: 'check-in', practice: 'check_in' },
  { page: 'decks', practice: 'walk_questions' },
  { page: 'eye-contact', practice: 'eye_contact' },
  { page: 'good-things', practice: 'three_good_things' },
  { page: 'phones-off', practice: 'phones_off_hour' },
  { page: 'plan', practice: 'reconnection_plan' },
  { page: 'self-check', practice: 'self_check' },
  { page: 'state-of-us', practice: 'state_of_us' },
  { page: 'on-your-own', practice: 'on_your_own' },
  { page: 'stress-talk', practice: 'stress_talk' },
];

/** Practice pages that are not a practice's home: guided sessions (a few of them, in words). */
export const OTHER_PRACTICE_PAGES: readonly PracticePage[] = ['guided'];

/**
 * Where each practice the core knows lives. A `Record` over the generated `Practice` type, so a
 * practice added in Rust fails the UI's type check until it has a place here.
 */
const PRACTICE_HOME: Record<Practice, string> = {
  breathing_together: '#/today',
  look_back: '#/insights',
  appreciation: '#/practices/good-things',
  three_good_things: '#/practices/good-things',
  nightly_reflection: '#/practices/decks',
  honest_openers: '#/practices/decks',
  walk_questions: '#/practices/decks',
  check_in: '#/practices/check-in',
  eye_contact: '#/practices/eye-contact',
  phones_off_hour: '#/practices/phones-off',
  reconnection_plan: '#/practices/plan',
  self_check: '#/practices/self-check',
  state_of_us: '#/practices/state-of-us',
  on_your_own: '#/practices/on-your-own',
  stress_talk: '#/practices/stress-talk',
};

/** Where a practice opens: its page, Today for breathing together, or the hub for none. */
export function hashForPractice(practice: Practice | null): string {
  return practice ? PRACTICE_HOME[practice] : '#/practices';
}

/** Practices the hub and the good-things page name on their own. */
export const BREATHING_TOGETHER: Practice = 'breathing_together';
export const APPRECIATION: Practice = 'appreciation';

/**
 * Whether a deck belongs on the question-cards page: the couple's own decks do, and so do decks
 * of practices that live there; a deck that serves a page of its own (eye contact's) stays there.
 */
export function deckOnCardsPage(practice: Practice | null): boolean {
  return practice === null || PRACTICE_HOME[practice] === '#/practices/decks';
}

function isPractice(name: string): name is Practice {
  return Object.hasOwn(PRACTICE_HOME, name);
}

/** Where a place is; `screen` is the navigation entry that shows as current. */
export type Place =
  | { kind: 'screen'; screen: Screen; practicePage: PracticePage | null }
  | { kind: 'ritual'; ritualId: string; occurrence: string }
  | { kind: 'closing' }
  /** `#/open/<practice>`: replace the hash with the practice's page. */
  | { kind: 'redirect'; hash: string };

function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** The place a location hash points at; unknown or empty hashes go to Today. */
export function placeFromHash(hash: string): Place {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  const [first = '', second, third] = parts;
  if (first === 'open' && second !== undefined && parts.length === 2) {
    return { kind: 'redirect', hash: isPractice(second) ? hashForPractice(second) : '#/practices' };
  }
  if (first === 'ritual' && second && third && parts.length === 3) {
    const ritualId = decoded(second);
    const occurrence = decoded(third);
    if (ritualId && occurrence) return { kind: 'ritual', ritualId, occurrence };
  }
  if (first === 'closing' && parts.length === 1) return { kind: 'closing' };
  const screen = ROUTES.find((route) => route.screen === first)?.screen ?? DEFAULT_SCREEN;
  const pages = [...PRACTICE_PAGES.map((link) => link.page), ...OTHER_PRACTICE_PAGES];
  const practicePage = screen === 'practices' ? (pages.find((page) => page === second) ?? null) : null;
  return { kind: 'screen', screen, practicePage };
}

export function hashFor(screen: Screen): string {
  return `#/${screen}`;
}

/** The hash of one ritual occurrence's card (the shell writes the same). */
export function hashForRitualCard(ritualId: string, occurrence: string): string {
  return `#/ritual/${encodeURIComponent(ritualId)}/${encodeURIComponent(occurrence)}`;
}

/** The screen a key press asks for (Ctrl/Cmd + digit), or null. */
export function screenForShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): Screen | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  return ROUTES.find((route) => route.shortcut === event.key)?.screen ?? null;
}

/** Ctrl (or Cmd) + B: start breathing together (Today, with the first pattern). */
export const BREATHE_SHORTCUT = 'b';
export const BREATHE_HASH = '#/today/breathe';

/** Ctrl+Shift plus this key leaves Hearth's window at once, from any page (see `leave.ts`). */
export const LEAVE_SHORTCUT = 'l';

/**
 * Whether a key press asks to leave now. The key's place counts as well as its letter, so the
 * shortcut works on every keyboard layout (on a Russian one that key types "д").
 */
export function isLeaveShortcut(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): boolean {
  const letter = event.key.toLowerCase() === LEAVE_SHORTCUT || event.code === 'KeyL';
  return (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey && letter;
}

/** Whether a key press asks to start breathing together. */
export function isBreatheShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === BREATHE_SHORTCUT;
}
