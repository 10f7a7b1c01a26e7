import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { HearthError, api, toHearthError } from './api';

afterEach(() => clearMocks());

describe('api', () => {
  it('calls the snake_case command and returns its value', async () => {
    const calls: string[] = [];
    mockIPC((command) => {
      calls.push(command);
      return { dataDir: '/d', scheduleDb: '/d/schedule.sqlite3' };
    });
    await expect(api.dataPaths()).resolves.toEqual({ dataDir: '/d', scheduleDb: '/d/schedule.sqlite3' });
    expect(calls).toEqual(['data_paths']);
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
