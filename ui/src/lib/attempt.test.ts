// Attempt: busy while the work runs, the problem in the error's or the caller's words, cleared by the next run.
import { describe, expect, it } from 'vitest';
import { HearthError } from './api';
import { Attempt } from './attempt.svelte';

describe('Attempt', () => {
  it('is busy while the work runs and says true when it is done', async () => {
    const attempt = new Attempt();
    let finish = () => {};
    const running = attempt.run(() => new Promise<void>((resolve) => (finish = resolve)));
    expect(attempt.busy).toBe(true);
    finish();
    expect(await running).toBe(true);
    expect(attempt.busy).toBe(false);
    expect(attempt.problem).toBe('');
  });

  it("keeps the error's message, or the caller's words for it, and says false", async () => {
    const attempt = new Attempt();
    expect(await attempt.run(() => Promise.reject(new HearthError('storage', 'The disk is full.')))).toBe(false);
    expect(attempt.problem).toBe('The disk is full.');
    expect(attempt.error?.kind).toBe('storage');
    expect(attempt.busy).toBe(false);
    const explained = await attempt.run(
      () => Promise.reject({ kind: 'wrong_passphrase', message: 'wrong' }),
      (error) => (error.kind === 'wrong_passphrase' ? 'Check for typos.' : error.message),
    );
    expect(explained).toBe(false);
    expect(attempt.problem).toBe('Check for typos.');
  });

  it('clears the last problem when a run starts', async () => {
    const attempt = new Attempt();
    await attempt.run(() => Promise.reject('refused'));
    expect(attempt.problem).toBe('refused');
    expect(attempt.error?.message).toBe('refused');
    const running = attempt.run(() => Promise.resolve());
    expect(attempt.problem).toBe('');
    expect(attempt.error).toBeNull();
    await running;
  });
});
