// Breathing together in headless Chromium with the page's clock under the test's control: the
// phase follows `now - start` exactly, survives a reload, and the shape only moves by transform.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { artifacts, launchChromium, openWithCore, serveDist, seriousViolations, quietTodayAnswer } from './harness.mjs';

const patterns = JSON.parse(
  await readFile(fileURLToPath(new URL('../fixtures/breathing-patterns.json', import.meta.url)), 'utf8'),
);
const START = Date.parse('2026-11-26T20:00:00Z');

let server;
let browser;

before(async () => {
  server = await serveDist();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

function mockCore() {
  const state = { session: null, stopped: 0 };
  const handle = (command, args) => {
    switch (command) {
      case 'breathing_patterns':
        return { ok: patterns };
      case 'breathing_start': {
        const pattern = patterns.find((p) => p.id === args.patternId);
        const cycle = pattern.cycleMillis;
        state.session = { pattern, startedAtMs: START, durationMs: Math.ceil((args.minutes * 60_000) / cycle) * cycle };
        return { ok: state.session };
      }
      case 'breathing_session':
        return { ok: state.session };
      case 'breathing_stop':
        state.session = null;
        state.stopped += 1;
        return { ok: null };
      case 'occurrences_between':
      case 'occurrences_missed':
        return { ok: [] };
      case 'report_first_paint':
        return { ok: null };
      default:
        return quietTodayAnswer(command) ?? { error: { kind: 'internal', message: `no mock for ${command}` } };
    }
  };
  return { state, handle };
}

test('a session follows the clock, survives a reload, and ends when asked', async () => {
  const core = mockCore();
  // Date.now() in the page is whatever the test sets; frames still come, so each one draws the
  // phase for that instant, as the real app does.
  const { page, context, errors } = await openWithCore(browser, server.url, core, {
    prepare: (page) => page.clock.setFixedTime(START - 60_000),
  });
  await page.getByLabel('Session length').selectOption('1');
  const at = async (ms) => {
    await page.clock.setFixedTime(START + ms);
    await page.waitForTimeout(120);
  };
  await page.clock.setFixedTime(START);
  // "Six a minute": in for 4 s, out for 6 s.
  await page.getByRole('article', { name: 'Six a minute' }).getByRole('button', { name: 'Breathe together' }).click();
  const dialog = page.getByRole('dialog', { name: 'Six a minute, together' });
  await dialog.waitFor();
  await at(500);
  assert.equal(await dialog.locator('.word').textContent(), 'In');
  assert.equal(await dialog.locator('.count').textContent(), '4');
  assert.deepEqual(await seriousViolations(page), []);
  await at(4_500);
  assert.equal(await dialog.locator('.word').textContent(), 'Out');
  assert.equal(await dialog.locator('.count').textContent(), '6');
  assert.match(await dialog.locator('.shape').getAttribute('style'), /transform: scale\(0\.6\)/);
  assert.match(await dialog.locator('.shape').getAttribute('style'), /transition: transform 5500ms/);
  await page.screenshot({ path: join(artifacts, 'flow-breathing.png') });

  // A reload (the notebook locking, say) picks the rhythm up where it is: 22.5 s in is "In".
  await at(22_400);
  await page.reload();
  await page.getByRole('dialog').waitFor();
  await at(22_500);
  assert.equal(await page.locator('.session .word').textContent(), 'In');

  // After the minute, it closes gently; nothing ticks on.
  await at(60_001);
  await page.getByText('That was 1 minute of breathing side by side.').waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);

  // Ending early tells the core.
  await page.getByRole('article', { name: 'Box' }).getByRole('button', { name: 'Breathe together' }).click();
  await page.getByRole('button', { name: 'End session' }).click();
  assert.equal(core.state.stopped, 1);
  assert.deepEqual(errors, []);
  await context.close();
});
