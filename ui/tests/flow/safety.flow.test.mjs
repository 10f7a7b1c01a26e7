// @ts-check
// Where to turn, in headless Chromium against the built UI: the safety notice on Today at first
// run (put away once, kept in About), About's list of services in light and dark, the self-check's
// line, the breathing session's and check-in's gentle lines, and leaving at once.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import {
  artifacts,
  fail,
  flowSuite,
  ok,
  openWithCore,
  quietTodayAnswer,
  safetyContent,
  seriousViolations,
  until,
} from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */

const suite = flowSuite({ before, after });

function mockCore() {
  const state = { noticeSeen: false, seenCalls: 0, reads: 0, leaves: 0 };
  /** @type {MockCore} */
  const answers = {
    safety_get: () => {
      state.reads += 1;
      return ok({ ...safetyContent, noticeSeen: state.noticeSeen });
    },
    safety_notice_seen: () => {
      state.noticeSeen = true;
      state.seenCalls += 1;
      return ok({ ...safetyContent, noticeSeen: true });
    },
    window_leave_now: () => {
      state.leaves += 1;
      return ok(null);
    },
    breathing_patterns: () => ok([]),
    breathing_session: () => ok(null),
    practice_guides: () => ok([]),
    occurrence_list: () => ok([]),
    occurrence_missed: () => ok([]),
    ritual_list: () => ok([]),
    app_first_paint: () => ok(null),
    app_paths: () =>
      ok({
        dataDir: '/home/sam/.local/share/app.hearth.desktop',
        journalDb: '/home/sam/.local/share/app.hearth.desktop/journal.sqlite3',
        journalKey: '/home/sam/.local/share/app.hearth.desktop/journal.key',
        backupsDir: '/home/sam/.local/share/app.hearth.desktop/backups',
        scheduleDb: '/home/sam/.local/share/app.hearth.desktop/schedule.sqlite3',
      }),
  };
  /** @param {string} command @param {any} args */
  const handle = (command, args) => {
    const answer = /** @type {Record<string, (request: any) => unknown>} */ (answers)[command];
    if (answer) return answer(args);
    return quietTodayAnswer(command, args) ?? fail('internal', `no mock for ${command}`);
  };
  return { state, handle };
}

for (const colorScheme of ['light', 'dark']) {
  test(`the safety notice shows once at first run and stays in About (${colorScheme})`, async () => {
    const core = mockCore();
    const { page, context, errors } = await openWithCore(suite.browser, `${suite.server.url}#/today`, core, { colorScheme });
    const notice = page.getByRole('region', { name: 'Before you begin' });
    await notice.waitFor();
    await notice.getByText(safetyContent.short).waitFor();
    await notice.getByText('Where to turn', { exact: true }).click();
    await notice.getByText(safetyContent.services[0].name).waitFor();
    assert.ok((await notice.textContent())?.includes(safetyContent.emergency), 'the emergency line is there');
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: join(artifacts, `flow-safety-notice-${colorScheme}.png`), fullPage: true });
    await notice.getByRole('button', { name: 'Understood' }).click();
    await notice.waitFor({ state: 'detached' });
    assert.equal(core.state.seenCalls, 1);

    // Put away for good on this computer: a reload does not bring it back.
    const readsBefore = core.state.reads;
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Once the page has asked again and drawn what it was told (two frames later), no notice.
    await until(() => core.state.reads > readsBefore, 'the page to ask again');
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    assert.equal(await page.getByRole('region', { name: 'Before you begin' }).count(), 0);

    // About keeps it: every service with the day it was checked, the directory, the emergency line.
    await page.evaluate(() => {
      window.location.hash = '#/about';
    });
    const about = page.getByRole('region', { name: 'Where to turn' });
    await about.getByText(safetyContent.statement).waitFor();
    for (const service of safetyContent.services) {
      await about.getByText(service.reach).waitFor();
    }
    await about.getByText(safetyContent.directory.name).waitFor();
    assert.match(await about.textContent(), new RegExp(`checked ${safetyContent.services[0].checked}`));
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: join(artifacts, `flow-safety-about-${colorScheme}.png`), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('leave now goes to Today at once, asks the core to lock and hide, and going back does not return', async () => {
  const core = mockCore();
  core.state.noticeSeen = true;
  const { page, context, errors } = await openWithCore(suite.browser, `${suite.server.url}#/today`, core);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.evaluate(() => {
    window.location.hash = '#/about';
  });
  const about = page.getByRole('region', { name: 'Where to turn' });
  const leave = about.getByRole('button', { name: 'Leave now' });
  await leave.waitFor();
  assert.equal(await leave.getAttribute('aria-keyshortcuts'), 'Control+Shift+L');
  assert.match((await leave.getAttribute('aria-describedby')) ?? '', /.+/, 'the hint describes the button');
  await leave.click();
  await page.waitForFunction(() => window.location.hash === '#/today');
  await about.waitFor({ state: 'detached' });
  await until(() => core.state.leaves === 1, 'the core to be asked');
  await page.goBack();
  assert.notEqual(await page.evaluate(() => window.location.hash), '#/about', 'the page that was left is not in the history');

  // The shortcut works from any page, even with the focus in a text field.
  await page.evaluate(() => {
    window.location.hash = '#/about';
  });
  await about.waitFor();
  await page.evaluate(() => {
    const field = document.createElement('textarea');
    field.id = 'typing-here';
    document.querySelector('main')?.append(field);
    field.focus();
  });
  await page.keyboard.type('half a sentence');
  await page.keyboard.press('Control+Shift+L');
  await page.waitForFunction(() => window.location.hash === '#/today');
  await until(() => core.state.leaves === 2, 'the core to be asked again');
  assert.deepEqual(errors, []);
  await context.close();
});
