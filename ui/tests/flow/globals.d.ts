// What the flow tests put on the page's window: Tauri's IPC stand-in and the test's own hooks.
interface Window {
  __TAURI_INTERNALS__: unknown;
  __hearthCore: (command: string, args: unknown) => Promise<{ ok: unknown } | { error: unknown }>;
}
