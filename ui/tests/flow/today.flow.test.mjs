// @ts-check
// UI flows in headless Debian Chromium against the built UI (ui/dist), with the IPC mocked
// by the fixture the tidy test keeps identical to what the Rust API returns.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { artifacts, fail, flowSuite, ok, openWithCore, quietToday, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */

const here = fileURLToPath(new URL('.', import.meta.url));
const patterns = JSON.parse(await readFile(join(here, '../fixtures/breathing-patterns.json'), 'utf8'));

const suite = flowSuite({ before, after });

/** Waits (within 10 s) until `check()` holds in Node; the mock's record lives here. */
async function waitFor(check) {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the core to be called');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A page whose core answers from the fixtures (a quiet Today) and records every command; with
 * `failWith`, every command is refused with that error.
 * @param {{ colorScheme?: string, failWith?: import('../../src/lib/bindings').ApiError | null }} [options]
 */
async function openApp({ colorScheme = 'light', failWith = null } = {}) {
  const dir = '/home/sam/.local/share/app.hearth.desktop';
  /** @type {MockCore} */
  const answers = {
    ...quietToday,
    breathing_patterns: () => ok(patterns),
    app_paths: () =>
      ok({
        dataDir: dir,
        scheduleDb: `${dir}/schedule.sqlite3`,
        journalDb: `${dir}/journal.sqlite3`,
        journalKey: `${dir}/journal.key`,
        backupsDir: `${dir}/backups`,
      }),
    app_first_paint: () => ok(null),
    occurrence_list: () => ok([]),
    occurrence_missed: () => ok([]),
  };
  /** @type {string[]} */
  const calls = [];
  const core = {
    /** @param {string} command @param {unknown} args */
    handle(command, args) {
      calls.push(command);
      if (failWith) return { error: failWith };
      const answer = /** @type {Record<string, (request: unknown) => unknown>} */ (answers)[command];
      return answer ? answer(args) : fail('internal', `no mock for ${command}`);
    },
  };
  const opened = await openWithCore(suite.browser, suite.server.url, core, {
    colorScheme,
    viewport: { width: 1040, height: 720 },
  });
  return { ...opened, calls };
}

describe('Today', () => {
  test('shows every breathing pattern from the core and reports its first paint once', async () => {
    const { page, context, errors, calls } = await openApp();
    const names = page.locator('ul[aria-label="Breathing patterns"] > li h3');
    await names.first().waitFor();
    assert.deepEqual(await names.allTextContents(), [...patterns.map((pattern) => pattern.name), 'Your own rhythm']);
    await waitFor(() => calls.includes('app_first_paint'));
    assert.equal(calls.filter((command) => command === 'app_first_paint').length, 1);
    assert.deepEqual(errors, []);
    await page.screenshot({ path: join(artifacts, 'flow-today-light.png'), fullPage: true });
    await context.close();
  });

  test('opens "Why it helps" from the keyboard and shows the source', async () => {
    const { page, context } = await openApp();
    const summary = page.locator('summary').first();
    await summary.waitFor();
    await summary.focus();
    await page.keyboard.press('Enter');
    const card = page.locator('article').first();
    await assert.doesNotReject(card.getByText(`Source: ${patterns[0].source}`).waitFor());
    await context.close();
  });

  test('has no serious or critical accessibility problems, light or dark', async () => {
    for (const colorScheme of ['light', 'dark']) {
      const { page, context } = await openApp({ colorScheme });
      await page.locator('article').first().waitFor();
      assert.deepEqual(await seriousViolations(page), [], `${colorScheme} mode`);
      if (colorScheme === 'dark') {
        await page.screenshot({ path: join(artifacts, 'flow-today-dark.png'), fullPage: true });
      }
      await context.close();
    }
  });

  test('explains an error from the core instead of showing an empty screen', async () => {
    const { page, context } = await openApp({ failWith: { kind: 'newer_version', message: 'update Hearth to open it' } });
    // Each section says what it could not read; the main panel names the cause.
    const alert = page.getByRole('alert').filter({ hasText: 'This data needs a newer Hearth' });
    await alert.waitFor();
    await page.getByRole('alert').filter({ hasText: "Today's rituals could not be read" }).waitFor();
    assert.match(await alert.textContent(), /update Hearth to open it/);
    await context.close();
  });
});

describe('Keyboard navigation', () => {
  test('the first Tab reaches a visible skip link that moves focus to the content', async () => {
    const { page, context } = await openApp();
    await page.locator('article').first().waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    assert.equal(await skip.evaluate((element) => element === document.activeElement), true);
    const box = await skip.boundingBox();
    assert.ok(box && box.y >= 0, 'the focused skip link is on screen');
    const outline = await skip.evaluate((element) => getComputedStyle(element).outlineStyle);
    assert.equal(outline, 'solid', 'focus is visible');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await context.close();
  });

  test('Ctrl+7 opens About with the data folder, Ctrl+1 comes back to Today', async () => {
    const { page, context } = await openApp();
    await page.locator('article').first().waitFor();
    await page.keyboard.press('Control+7');
    await page.getByRole('heading', { name: 'About Hearth', level: 1 }).waitFor();
    await page.getByText('/home/sam/.local/share/app.hearth.desktop', { exact: true }).waitFor();
    assert.equal(new URL(page.url()).hash, '#/about');
    assert.deepEqual(await seriousViolations(page), []);
    await page.keyboard.press('Control+1');
    await page.getByRole('heading', { name: 'Breathe together' }).waitFor();
    await context.close();
  });
});
