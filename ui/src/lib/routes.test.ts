import { describe, expect, it } from 'vitest';
import { ROUTES, hashFor, isBreatheShortcut, screenForShortcut, screenFromHash } from './routes';

describe('screenFromHash', () => {
  it('finds known screens and sends everything else to Today', () => {
    expect(screenFromHash('#/about')).toBe('about');
    expect(screenFromHash('#about')).toBe('about');
    expect(screenFromHash('#/about?x=1')).toBe('about');
    expect(screenFromHash('')).toBe('today');
    expect(screenFromHash('#/nowhere')).toBe('today');
  });

  it('round-trips every route through its hash', () => {
    for (const route of ROUTES) expect(screenFromHash(hashFor(route.screen))).toBe(route.screen);
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
