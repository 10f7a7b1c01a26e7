// The only module that talks to the Rust side. Every call is typed with the generated bindings
// and every failure becomes a HearthError with a kind the UI can switch on.
import { invoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  ApiErrorKind,
  BreathingPattern,
  DataPaths,
  Entry,
  EntryQuery,
  JournalStatus,
  NewEntry,
} from './bindings';

export class HearthError extends Error {
  readonly kind: ApiErrorKind;

  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.name = 'HearthError';
    this.kind = kind;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).kind === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

/** Turns whatever invoke rejected with into a HearthError. */
export function toHearthError(error: unknown): HearthError {
  if (error instanceof HearthError) return error;
  if (isApiError(error)) return new HearthError(error.kind, error.message);
  // Tauri itself rejects with a plain string (for example a refused permission).
  const message = typeof error === 'string' ? error : String(error);
  return new HearthError('internal', message);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toHearthError(error);
  }
}

export const api = {
  breathingPatterns: () => call<BreathingPattern[]>('breathing_patterns'),
  dataPaths: () => call<DataPaths>('data_paths'),
  reportFirstPaint: () => call<null>('report_first_paint'),
  journalStatus: () => call<JournalStatus>('journal_status'),
  /** Sets up the journal and opens it; resolves to the recovery key, shown once. */
  journalSetUp: (passphrase: string) => call<string>('journal_set_up', { passphrase }),
  journalUnlock: (passphrase: string) => call<null>('journal_unlock', { passphrase }),
  journalLock: () => call<null>('journal_lock'),
  journalKeepAlive: () => call<null>('journal_keep_alive'),
  journalAdd: (entry: NewEntry) => call<Entry>('journal_add', { entry }),
  journalFind: (query: EntryQuery) => call<Entry[]>('journal_find', { query }),
  journalDelete: (id: string) => call<null>('journal_delete', { id }),
};

/** Reloads the page, so nothing decrypted stays in it (after locking). */
export function reloadPage(): void {
  window.location.reload();
}
