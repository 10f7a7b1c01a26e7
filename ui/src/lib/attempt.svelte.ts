// One action a screen starts and waits for (a save, an unlock, reading what it shows): a busy
// flag while it runs, and the problem to show (as a `form-error` alert, or the error itself in an
// `ErrorPanel`) when it could not be done.
import { toHearthError, type HearthError } from './api';

export class Attempt {
  /** True while the work runs; the buttons that start it are disabled meanwhile. */
  busy = $state(false);
  /** Why the last run failed, or ''. Cleared when a run starts. */
  problem = $state('');
  /** The error the last run failed with, or null. Cleared when a run starts. */
  error = $state<HearthError | null>(null);

  /**
   * Runs `work`; true when it was done, false when it failed and `problem` says why (in
   * `explain`'s words when given, else the error's own message).
   */
  async run(work: () => Promise<unknown>, explain?: (error: HearthError) => string): Promise<boolean> {
    this.busy = true;
    this.problem = '';
    this.error = null;
    try {
      await work();
      return true;
    } catch (caught) {
      const error = toHearthError(caught);
      this.error = error;
      this.problem = explain ? explain(error) : error.message;
      return false;
    } finally {
      this.busy = false;
    }
  }
}
