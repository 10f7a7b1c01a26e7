import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import patterns from '../../tests/fixtures/breathing-patterns.json';
import Today from './Today.svelte';

afterEach(() => clearMocks());

describe('Today', () => {
  it('lists every breathing pattern the core returns, with its pace', async () => {
    mockIPC((command) => (command === 'breathing_patterns' ? patterns : null));
    render(Today);
    const list = await screen.findByRole('list', { name: 'Breathing patterns' });
    expect(list.querySelectorAll(':scope > li')).toHaveLength(patterns.length);
    expect(screen.getByRole('heading', { name: 'Six a minute' })).toBeTruthy();
    expect(screen.getByText('6 breaths a minute')).toBeTruthy();
  });

  it('explains a failure and offers to try again', async () => {
    mockIPC(() => {
      throw { kind: 'storage', message: 'could not create the data folder /x' };
    });
    render(Today);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Hearth could not reach its data');
    expect(alert.textContent).toContain('could not create the data folder /x');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });
});
