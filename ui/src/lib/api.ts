// The only module that talks to the Rust side. Every command goes through Hearth's one IPC
// command (`rpc`, with `{ cmd, payload }`); the typed client, its request and response types
// and the list of commands are generated from the Rust command list (bindings.ts), so a
// misspelt command or argument fails the type check. Every failure becomes a HearthError with a
// kind the UI can switch on.
import { invoke } from '@tauri-apps/api/core';
import { client, type ApiError, type ApiErrorKind, type Caller } from './bindings';

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

const call: Caller = async (name, request) => {
  try {
    return await invoke('rpc', { cmd: name, payload: request });
  } catch (error) {
    throw toHearthError(error);
  }
};

/** Every command, one method each, taking its request object. */
export const api = client(call);

/** Reloads the page, so nothing decrypted stays in it (after locking). */
export function reloadPage(): void {
  window.location.reload();
}
