import { describe, expect, it } from 'vitest';
import {
  PRACTICE_PAGES,
  deckOnCardsPage,
  ROUTES,
  hashFor,
  hashForPractice,
  hashForRitualCard,
  isBreatheShortcut,
  isLeaveShortcut,
  placeFromHash,
  screenForShortcut,
} from './router';

const screenOf = (hash: string) => {
  const place = placeFromHash(hash);
  return place.kind === 'screen' ? place.screen : place.kind;
};

describe('placeFromHash', () => {
  it('finds known screens and sends everything else to Today', () => {
    expect(screenOf('#/about')).toBe('about');
    expect(screenOf('#about')).toBe('about');
    expect(screenOf('#/about?x=1')).toBe('about');
    expect(screenOf('')).toBe('today');
    expect(screenOf('#/nowhere')).toBe('today');
  });

  it('round-trips every route through its hash', () => {
    for (const route of ROUTES) expect(screenOf(hashFor(route.screen))).toBe(route.screen);
  });

  it('reads a practice page, and sends unknown pages to the hub', () => {
    expect(placeFromHash('#/practices/check-in')).toEqual({ kind: 'screen', screen: 'practices', practicePage: 'check-in' });
    expect(placeFromHash('#/practices/juggling')).toEqual({ kind: 'screen', screen: 'practices', practicePage: null });
    expect(placeFromHash('#/today/check-in')).toEqual({ kind: 'screen', screen: 'today', practicePage: null });
  });

  it("turns the shell's #/open/<practice> links into the practice's page", () => {
    expect(placeFromHash('#/open/phones_off_hour')).toEqual({ kind: 'redirect', hash: '#/practices/phones-off' });
    expect(placeFromHash('#/open/breathing_together')).toEqual({ kind: 'redirect', hash: '#/today' });
    expect(placeFromHash('#/open/juggling')).toEqual({ kind: 'redirect', hash: '#/practices' });
    expect(placeFromHash('#/open/__proto__')).toEqual({ kind: 'redirect', hash: '#/practices' });
  });

  it("reads a ritual's card as the shell writes it and as the UI links it", () => {
    const card = { kind: 'ritual', ritualId: 'r-1', occurrence: '2026-11-29T10:00' };
    expect(placeFromHash('#/ritual/r-1/2026-11-29T10:00')).toEqual(card);
    expect(placeFromHash(hashForRitualCard('r-1', '2026-11-29T10:00'))).toEqual(card);
    expect(screenOf('#/ritual/r-1')).toBe('today');
    expect(screenOf('#/ritual/%E0%A4%A/x')).toBe('today');
  });

  it('knows the closing question', () => {
    expect(placeFromHash('#/closing')).toEqual({ kind: 'closing' });
  });
});

describe('hashForPractice', () => {
  it('opens every practice somewhere sensible', () => {
    expect(hashForPractice('breathing_together')).toBe('#/today');
    expect(hashForPractice('phones_off_hour')).toBe('#/practices/phones-off');
    expect(hashForPractice('nightly_reflection')).toBe('#/practices/decks');
    expect(hashForPractice('appreciation')).toBe('#/practices/good-things');
    expect(hashForPractice(null)).toBe('#/practices');
  });

  it('leads every practice page to a place the router reads back as that page', () => {
    for (const link of PRACTICE_PAGES) {
      const place = placeFromHash(hashForPractice(link.practice));
      expect(place.kind === 'screen' && place.practicePage).toBe(link.page);
    }
  });
});

describe('screenForShortcut', () => {
  const key = (key: string, mods: Partial<KeyboardEvent> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });

  it('maps Ctrl or Cmd plus a digit to a screen', () => {
    expect(screenForShortcut(key('1', { ctrlKey: true }))).toBe('today');
    expect(screenForShortcut(key('2', { metaKey: true }))).toBe('practices');
    expect(screenForShortcut(key('3', { metaKey: true }))).toBe('rituals');
    expect(screenForShortcut(key('4', { metaKey: true }))).toBe('journal');
    expect(screenForShortcut(key('5', { ctrlKey: true }))).toBe('insights');
    expect(screenForShortcut(key('6', { ctrlKey: true }))).toBe('settings');
    expect(screenForShortcut(key('7', { ctrlKey: true }))).toBe('about');
  });

  it('ignores plain digits, Alt combinations and unknown digits', () => {
    expect(screenForShortcut(key('1'))).toBeNull();
    expect(screenForShortcut(key('1', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(screenForShortcut(key('9', { ctrlKey: true }))).toBeNull();
  });
});

describe('isBreatheShortcut', () => {
  const press = (key: string, mods: Partial<KeyboardEvent> = {}) => ({
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('is Ctrl or Cmd plus B, in either case, and nothing else', () => {
    expect(isBreatheShortcut(press('b', { ctrlKey: true }))).toBe(true);
    expect(isBreatheShortcut(press('B', { metaKey: true }))).toBe(true);
    expect(isBreatheShortcut(press('b'))).toBe(false);
    expect(isBreatheShortcut(press('b', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isBreatheShortcut(press('n', { ctrlKey: true }))).toBe(false);
  });
});

describe('isLeaveShortcut', () => {
  const press = (key: string, mods: Partial<KeyboardEvent> = {}) => ({
    key,
    code: `Key${key.toUpperCase()}`,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...mods,
  });

  it('is Ctrl or Cmd plus Shift plus L, and nothing else (Ctrl+L alone is left to text fields)', () => {
    expect(isLeaveShortcut(press('L', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isLeaveShortcut(press('l', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(isLeaveShortcut(press('l', { ctrlKey: true }))).toBe(false);
    expect(isLeaveShortcut(press('L', { shiftKey: true }))).toBe(false);
    expect(isLeaveShortcut(press('l', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe(false);
    expect(isBreatheShortcut(press('L', { ctrlKey: true, shiftKey: true }))).toBe(false);
  });

  it('works on any keyboard layout: the L key types another letter on a Russian one', () => {
    expect(isLeaveShortcut(press('Д', { code: 'KeyL', ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(isLeaveShortcut(press('Д', { code: 'KeyL', ctrlKey: true }))).toBe(false);
  });
});

describe('deckOnCardsPage', () => {
  it("keeps the couple's decks and the cards' practices, and leaves eye contact's deck on its page", () => {
    expect(deckOnCardsPage(null)).toBe(true);
    expect(deckOnCardsPage('walk_questions')).toBe(true);
    expect(deckOnCardsPage('nightly_reflection')).toBe(true);
    expect(deckOnCardsPage('eye_contact')).toBe(false);
  });
});
