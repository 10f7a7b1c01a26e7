import { clearMocks } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import type { DisplayPreferences } from './bindings';
import { display, loadDisplay, saveDisplay } from './display.svelte';
import { mockCore } from './mock-core';

afterEach(() => clearMocks());

describe('display preferences', () => {
  it('keep a change made while the first read was still on its way', async () => {
    let answerRead: (value: { ok: DisplayPreferences }) => void = () => {};
    const read = new Promise<{ ok: DisplayPreferences }>((resolve) => (answerRead = resolve));
    mockCore({
      display_get: () => read,
      display_set: ({ preferences }) => ({ ok: preferences }),
    });
    const loading = loadDisplay();
    await saveDisplay({ theme: 'dark' });
    expect(document.documentElement.dataset.theme).toBe('dark');
    // The read answers late, with what was saved before the change.
    answerRead({ ok: { theme: 'light', reduceMotion: false, sound: false } });
    await loading;
    expect(display.theme).toBe('dark');
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(display.loaded).toBe(true);
  });
});
