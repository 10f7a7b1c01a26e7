// @ts-check
// Shared by the flow tests: a static server for ui/dist, Debian's Chromium, the axe check, and
// the typed pieces every stand-in core is built from.
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */
/** @typedef {import('../../src/lib/bindings').ApiErrorKind} ApiErrorKind */
import AxeBuilder from '@axe-core/playwright';
import { mkdir, readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, '../../dist');
export const artifacts = join(here, '../../../artifacts');
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2' };

/** Serves ui/dist on a free loopback port; resolves to { url, close }. */
export async function serveDist() {
  const server = createServer(async (request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname));
    try {
      const body = await readFile(join(dist, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(null)));
  await mkdir(artifacts, { recursive: true });
  const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
}

/**
 * Registers the suite's before/after hooks: one static server and one browser for the file.
 * Returns an object whose `server` and `browser` are set once the suite starts.
 */
export function flowSuite({ before, after }) {
  const suite = { server: null, browser: null };
  before(async () => {
    suite.server = await serveDist();
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
    suite.server?.close();
  });
  return suite;
}

/** Debian's Chromium, headless, with nothing that reaches for the network. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** axe violations of serious or critical impact, one line each. */
export async function seriousViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => ['serious', 'critical'].includes(violation.impact))
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

/**
 * A page whose Tauri IPC is answered by `core.handle(command, args)` running in Node, so the
 * mock's state outlives reloads the way the Rust core's does. `handle` returns `{ ok }` or
 * `{ error: { kind, message } }`. `prepare(page)` runs before the first navigation.
 * @param {import('playwright-core').Browser} browser
 * @param {string} url
 * @param {{ handle: (command: string, args: any) => unknown }} core
 * @param {{ viewport?: { width: number, height: number }, colorScheme?: string,
 *   prepare?: (page: import('playwright-core').Page) => Promise<unknown> }} [options]
 */
export async function openWithCore(
  browser,
  url,
  core,
  { viewport = { width: 1040, height: 760 }, colorScheme = 'light', prepare } = {},
) {
  const context = await browser.newContext({ viewport, colorScheme: /** @type {'light' | 'dark'} */ (colorScheme) });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await prepare?.(page);
  await page.exposeFunction('__hearthCore', (command, args) => core.handle(command, args ?? {}));
  await page.addInitScript(() => {
    window.__TAURI_INTERNALS__ = {
      metadata: { currentWindow: { label: 'main' }, currentWebview: { label: 'main', windowLabel: 'main' } },
      transformCallback: () => 0,
      // Hearth's one IPC command: `rpc` with `{ cmd, payload }`; anything else is refused as
      // Tauri's ACL would.
      invoke: async (command, args) => {
        if (command !== 'rpc') throw `command ${command} not allowed`;
        const answer = await window.__hearthCore(args.cmd, args.payload);
        if ('error' in answer) throw answer.error;
        return answer.ok;
      },
    };
  });
  await page.goto(url);
  return { page, context, errors };
}

/**
 * Waits until `check()` (about the test's own state, such as a mock core's counters) holds,
 * polling every 20 ms, for at most `ms`.
 * @param {() => boolean} check @param {string} what
 */
export async function until(check, what, ms = 10000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

/**
 * A successful answer.
 * @template T
 * @param {T} value
 * @returns {{ ok: T }}
 */
export const ok = (value) => ({ ok: value });

/**
 * A refusal, as the core words them.
 * @param {ApiErrorKind} kind
 * @param {string} message
 */
export const fail = (kind, message) => ({ error: { kind, message } });

/**
 * Where to turn, as the real content gives it to a computer that has not shown the notice yet
 * (ui/tests/fixtures/practices.json, written from the core by `make bindings`).
 * @type {import('../../src/lib/bindings').Safety}
 */
export const safetyContent = JSON.parse(await readFile(join(here, '../fixtures/practices.json'), 'utf8')).safety;

/**
 * Answers for what Today reads besides breathing and rituals (the phones-off hour, the plan,
 * display preferences), as a quiet core with nothing running would give them.
 * @type {MockCore}
 */
export const quietToday = {
  phones_off_status: () => ok({ running: null, weeks: [], defaultMinutes: 60, minMinutes: 5, maxMinutes: 240 }),
  plan_status: () => ok({ state: 'not_started', currentDay: null, days: [] }),
  display_get: () => ok({ theme: 'system', reduceMotion: false, sound: false }),
  breathing_custom: () => ok(null),
  note_waiting: () => ok([]),
  check_in_apart: () => ok({ paired: false, round: null, answered: false, partnerAnswered: false, revealed: null }),
  journal_status: () => ok({ setUp: false, unlocked: false, idleLockSeconds: 300 }),
  // The first-run notice already put away, so other flows' pages are as they were.
  safety_get: () => ok({ ...safetyContent, noticeSeen: true }),
};

/**
 * The quiet Today answer for `command`, if it has one.
 * @param {string} command
 * @param {unknown} [args]
 */
export function quietTodayAnswer(command, args) {
  const answer = /** @type {Record<string, ((request: unknown) => unknown) | undefined>} */ (quietToday)[command];
  return answer?.(args);
}
