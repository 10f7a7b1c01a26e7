// Countdown: one count at a time, restarted by each follow, stopped by stop or by no end.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Countdown } from './countdown.svelte';

describe('Countdown', () => {
  afterEach(() => vi.useRealTimers());

  it('draws the time left, and only the latest end counts', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new Countdown();
    const over: string[] = [];
    clock.follow(90_000, () => over.push('first'));
    expect(clock.left).toBe(90_000);
    clock.follow(30_000, () => over.push('second'));
    expect(clock.left).toBe(30_000);
    vi.advanceTimersByTime(120_000);
    expect(over).toEqual(['second']);
  });

  it('stops when told, or when nothing runs any more', () => {
    vi.useFakeTimers({ now: 0 });
    const clock = new Countdown();
    let over = 0;
    clock.follow(5_000, () => (over += 1));
    clock.stop();
    clock.follow(5_000, () => (over += 1));
    clock.follow(null, () => (over += 1));
    vi.advanceTimersByTime(10_000);
    expect(over).toBe(0);
    expect(clock.left).toBe(5_000);
  });
});
