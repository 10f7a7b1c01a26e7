// preventDefault: the default is stopped before the handler runs, and the handler gets the event.
import { describe, expect, it } from 'vitest';
import { preventDefault } from './events';

describe('preventDefault', () => {
  it('stops the default, then runs the handler with the event', () => {
    const event = new Event('submit', { cancelable: true });
    const seen: boolean[] = [];
    preventDefault((received: Event) => seen.push(received === event && received.defaultPrevented))(event);
    expect(seen).toEqual([true]);
    expect(event.defaultPrevented).toBe(true);
  });
});
