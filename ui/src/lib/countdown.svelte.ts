// The time left until something ends (a phones-off hour), as a screen shows it: one count at a
// time, started again whenever the screen reads the end afresh, stopped when it hides or goes.
import { countdown } from './practices';

export class Countdown {
  /** Milliseconds left, as last drawn. */
  left = $state(0);
  #stop = () => {};

  /**
   * Counts down to `endsAtMs`, stopping the count before; `onOver` runs once the time is up. With
   * no end (nothing running), it only stops.
   */
  follow(endsAtMs: number | null | undefined, onOver: () => void): void {
    this.stop();
    if (endsAtMs === null || endsAtMs === undefined) return;
    this.#stop = countdown(endsAtMs, (millis) => (this.left = millis), onOver);
  }

  /** Stops the count: the page is hidden (it follows again when shown) or gone. */
  stop(): void {
    this.#stop();
    this.#stop = () => {};
  }
}
