import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { HearthError, api, toHearthError } from './api';

afterEach(() => clearMocks());

describe('api', () => {
  it('sends the command by name through rpc, with its request, and returns its value', async () => {
    const calls: unknown[] = [];
    mockIPC((command, args) => {
      calls.push([command, args]);
      return { dataDir: '/d', scheduleDb: '/d/schedule.sqlite3' };
    });
    await expect(api.appPaths()).resolves.toEqual({ dataDir: '/d', scheduleDb: '/d/schedule.sqlite3' });
    await api.deckDraw({ deckId: 'walk-questions' });
    expect(calls).toEqual([
      ['rpc', { cmd: 'app_paths', payload: {} }],
      ['rpc', { cmd: 'deck_draw', payload: { deckId: 'walk-questions' } }],
    ]);
  });

  it('turns a { kind, message } rejection into a HearthError', async () => {
    mockIPC(() => {
      throw { kind: 'newer_version', message: 'update Hearth' };
    });
    const error = await api.breathingPatterns().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HearthError);
    expect(error).toMatchObject({ kind: 'newer_version', message: 'update Hearth' });
  });

  it('treats a plain string rejection from Tauri as internal', () => {
    expect(toHearthError('not allowed')).toMatchObject({ kind: 'internal', message: 'not allowed' });
  });
});
