// The settings page's one status line, shared by its sections: what the last change did, or why
// it could not be made. Each new word replaces the last, done or refused.
import { toHearthError } from '../../lib/api';
import type { AppSettings } from '../../lib/bindings';

/** Saves a change to the app settings and says `message` once it is kept. */
export type ChangeSettings = (next: Partial<AppSettings>, message: string) => void;

export class SettingsStatus {
  /** The last thing done, for the live region. */
  said = $state('');
  /** Why the last thing could not be done. */
  problem = $state('');

  report(message: string) {
    this.problem = '';
    this.said = message;
  }

  refuse(caught: unknown) {
    this.said = '';
    this.problem = toHearthError(caught).message;
  }

  /** Runs one change and says what it did, or why it could not. */
  async attempt<T>(work: () => Promise<T>, message: (result: T) => string) {
    try {
      this.report(message(await work()));
    } catch (caught) {
      this.refuse(caught);
    }
  }
}
