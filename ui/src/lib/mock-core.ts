// For the UI's unit tests: answers Hearth's one IPC command from a typed stand-in core, so a
// test's answers fit the commands' real requests and responses (bindings.ts). Not bundled: only
// tests import it.
import { mockIPC } from '@tauri-apps/api/mocks';
import type { CommandName, MockCore } from './bindings';

/** One call the stand-in received. */
export type Call = { command: CommandName; request: unknown };

/**
 * Answers every call from `answers`; a command without an answer resolves to null. Returns the
 * calls received, in order.
 */
export function mockCore(answers: MockCore): Call[] {
  const calls: Call[] = [];
  mockIPC(async (tauriCommand, args) => {
    if (tauriCommand !== 'rpc') throw `command ${tauriCommand} not allowed`;
    const { cmd, payload } = args as { cmd: CommandName; payload: unknown };
    calls.push({ command: cmd, request: payload });
    const answer = (answers as Record<string, ((request: unknown) => unknown) | undefined>)[cmd];
    if (!answer) return null;
    const result = (await answer(payload)) as { ok: unknown } | { error: unknown };
    if ('error' in result) throw result.error;
    return result.ok;
  });
  return calls;
}
