// Shared by the flow tests: a static server for ui/dist, Debian's Chromium, and the axe check.
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
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  await mkdir(artifacts, { recursive: true });
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
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
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run'],
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
 */
export async function openWithCore(browser, url, core, { viewport = { width: 1040, height: 760 }, colorScheme = 'light', prepare } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await prepare?.(page);
  await page.exposeFunction('__hearthCore', (command, args) => core.handle(command, args ?? {}));
  await page.addInitScript(() => {
    window.__TAURI_INTERNALS__ = {
      metadata: { currentWindow: { label: 'main' }, currentWebview: { label: 'main', windowLabel: 'main' } },
      transformCallback: () => 0,
      invoke: async (command, args) => {
        const answer = await window.__hearthCore(command, args);
        if ('error' in answer) throw answer.error;
        return answer.ok;
      },
    };
  });
  await page.goto(url);
  return { page, context, errors };
}

/**
 * Answers for what Today reads besides breathing and rituals (the phones-off hour, the plan,
 * display preferences), as a quiet core with nothing running would give them; `undefined` for
 * other commands.
 */
export function quietTodayAnswer(command) {
  switch (command) {
    case 'phones_off_status':
      return { ok: { running: null, weeks: [], defaultMinutes: 60, minMinutes: 5, maxMinutes: 240 } };
    case 'plan_status':
      return { ok: { state: 'not_started', currentDay: null, days: [] } };
    case 'display_preferences':
      return { ok: { theme: 'system', reduceMotion: false, sound: false } };
    case 'breathing_custom':
      return { ok: null };
    case 'notes_waiting':
      return { ok: [] };
    case 'journal_status':
      return { ok: { setUp: false, unlocked: false, idleLockSeconds: 300 } };
    default:
      return undefined;
  }
}
