import { clearMocks } from '@tauri-apps/api/mocks';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import patterns from '../../tests/fixtures/breathing-patterns.json';
import type { BreathingPattern, Occurrence } from '../lib/bindings';
import { mockCore } from '../lib/mock-core';
import Today from './Today.svelte';

afterEach(() => clearMocks());

describe('Today', () => {
  it('lists every breathing pattern the core returns, with its pace', async () => {
    mockCore({
      breathing_patterns: () => ({ ok: patterns as BreathingPattern[] }),
      occurrence_list: () => ({ ok: [] }),
      occurrence_missed: () => ({ ok: [] }),
    });
    render(Today);
    const list = await screen.findByRole('list', { name: 'Breathing patterns' });
    expect(await screen.findByText('Nothing planned today.', { exact: false })).toBeTruthy();
    // Hearth's patterns, then the couple's own rhythm.
    expect(list.querySelectorAll(':scope > li')).toHaveLength(patterns.length + 1);
    expect(screen.getByRole('heading', { name: 'Your own rhythm' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Six a minute' })).toBeTruthy();
    expect(screen.getByText('6 breaths a minute')).toBeTruthy();
  });

  it('explains a failure and offers to try again', async () => {
    const refused = () => ({ error: { kind: 'storage' as const, message: 'could not create the data folder /x' } });
    mockCore({ breathing_patterns: refused, occurrence_list: refused, occurrence_missed: refused, breathing_session: refused });
    render(Today);
    await screen.findByText('Hearth could not reach its data', { exact: false });
    const alerts = await screen.findAllByRole('alert');
    const panel = alerts.find((alert) => alert.textContent?.includes('Hearth could not reach its data'));
    expect(panel?.textContent).toContain('could not create the data folder /x');
    expect(screen.getAllByRole('button', { name: 'Try again' }).length).toBeGreaterThan(0);
  });
});

describe("Today's rituals", () => {
  it('lists today with Done and Skip, and records the choice in the core', async () => {
    const occurrence: Occurrence = {
      ritualId: 'r1',
      title: 'Evening walk',
      practice: 'walk_questions',
      practiceName: 'Questions for a walk',
      key: '2026-11-26T19:00',
      startLocal: '2026-11-26T19:00',
      start: '2026-11-26T18:00:00Z',
      end: '2026-11-26T18:45:00Z',
      tz: 'Europe/Berlin',
      state: null,
    };
    const calls = mockCore({
      occurrence_list: () => ({ ok: [occurrence] }),
      occurrence_missed: () => ({ ok: [] }),
      occurrence_act: () => {
        occurrence.state = 'done';
        return { ok: null };
      },
      breathing_patterns: () => ({ ok: patterns as BreathingPattern[] }),
    });
    render(Today);
    const list = await screen.findByRole('list', { name: "Today's rituals" });
    expect(list.textContent).toContain('Evening walk');
    expect(list.textContent).toContain('Questions for a walk');
    (await screen.findByRole('button', { name: 'Done' })).click();
    expect(await screen.findByText('Undo')).toBeTruthy();
    const act = calls.find((call) => call.command === 'occurrence_act');
    expect(act?.request).toMatchObject({ ritualId: 'r1', occurrence: '2026-11-26T19:00', action: 'done' });
  });
});
