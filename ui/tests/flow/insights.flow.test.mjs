// @ts-check
// The insights and settings pages in headless Chromium against a mock core. The insights reports
// are the real core's output over sample data (ui/tests/fixtures/insights.json, kept equal to
// the Rust API by the tidy test). Every page is checked with axe in light and dark.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { artifacts, flowSuite, openWithCore, quietTodayAnswer, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const reports = JSON.parse(await readFile(fixture('insights.json'), 'utf8'));
const content = JSON.parse(await readFile(fixture('practices.json'), 'utf8'));

const suite = flowSuite({ before, after });
const ok = (value) => ({ ok: value });
const fail = (kind, message) => ({ error: { kind, message } });

/** A core answering insights from `reports[which]` (by range when unlocked), and settings. */
function mockCore({ which = 'month', unlocked = true } = {}) {
  const state = {
    calls: [],
    settings: { reminders: true, startAtLogin: false, closeToTray: true, checkForUpdates: false, closeExplained: false },
    display: { theme: 'system', reduceMotion: false, sound: false },
    /** @type {import('../../src/lib/bindings').QuietHours | null} */
    quiet: null,
    partners: { names: ['Ana', 'Sam'], colours: ['ember', 'sky'], pronouns: ['', ''] },
    idleLock: 15,
  };
  /** @type {MockCore} */
  const answers = {
    insights_get: (args) => {
      if (!['week', 'month', 'all'].includes(args.range)) return fail('invalid_input', 'range');
      return ok(which === 'month' ? reports[args.range] : reports[which]);
    },
    practice_guides: () => ok(content.guides),
    display_get: () => ok(state.display),
    display_set: (args) => {
      state.display = args.preferences;
      return ok(state.display);
    },
    settings_get: () => ok(state.settings),
    settings_set: (args) => {
      state.settings = args.settings;
      return ok(state.settings);
    },
    quiet_hours_get: () => ok(state.quiet),
    quiet_hours_set: (args) => {
      const time = /^\d\d:\d\d$/;
      if (args.quiet && !(time.test(args.quiet.start) && time.test(args.quiet.end)))
        return fail('invalid_input', 'quiet hours: start must be a time like 22:00');
      state.quiet = args.quiet;
      return ok(state.quiet);
    },
    app_paths: () =>
      ok({
        dataDir: '/home/ana/.local/share/app.hearth.desktop',
        journalDb: 'j',
        journalKey: 'k',
        backupsDir: 'b',
        scheduleDb: 's',
      }),
    journal_status: () => ok({ setUp: true, unlocked, idleLockSeconds: state.idleLock * 60 }),
    journal_settings: () =>
      unlocked
        ? ok({ idleLockMinutes: state.idleLock, idleLockChoices: [5, 15, 30, 60], lastBackup: null, backups: [] })
        : fail('locked', 'locked'),
    journal_set_idle_lock: (args) => {
      state.idleLock = args.minutes;
      return ok({ idleLockMinutes: state.idleLock, idleLockChoices: [5, 15, 30, 60], lastBackup: null, backups: [] });
    },
    journal_partners: () => (unlocked ? ok(state.partners) : fail('locked', 'locked')),
    journal_set_partners: (args) => {
      state.partners = { colours: [], pronouns: [], ...args.partners };
      return ok(state.partners);
    },
    notebook_export: (args) =>
      ok({ path: `/home/ana/hearth-notebook.${args.format === 'json' ? 'json' : 'md'}`, count: 42, leftOut: [] }),
    ritual_import: () => ok(null),
    update_check: () => ok({ current: '0.1.0', available: null, notes: null }),
  };
  const handle = async (command, args) => {
    state.calls.push([command, args]);
    const answer = answers[command];
    if (answer) return answer(args);
    return quietTodayAnswer(command) ?? fail('internal', `no mock for ${command}`);
  };
  return { state, handle };
}

const calls = (core, command) => core.state.calls.filter(([name]) => name === command).map(([, args]) => args);

async function open(core, hash, colorScheme = 'light') {
  return openWithCore(suite.browser, `${suite.server.url}${hash}`, core, {
    colorScheme,
    viewport: { width: 1040, height: 900 },
    prepare: (page) => page.emulateMedia({ reducedMotion: 'reduce' }),
  });
}

test('a brand-new Hearth invites a first check-in instead of drawing zeros', async () => {
  const { page, context, errors } = await open(mockCore({ which: 'empty' }), '#/insights');
  await page.getByRole('heading', { name: 'Nothing to draw yet' }).waitFor();
  assert.equal(await page.getByRole('img').count(), 0, 'no chart at all');
  assert.equal(await page.getByRole('link', { name: 'Do a first check-in' }).getAttribute('href'), '#/practices/check-in');
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-insights-empty.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`a month of data draws each partner, the rituals and the practices (${colorScheme})`, async () => {
    const core = mockCore();
    const { page, context, errors } = await open(core, '#/insights', colorScheme);
    const month = reports.month;
    await page.getByRole('heading', { name: 'This week so far' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), colorScheme);
    // The charts are images with a name and a description in words.
    const mood = page.getByRole('img', { name: 'Mood' });
    assert.match(await mood.getAttribute('aria-labelledby'), /mood-title mood-desc/);
    assert.match(await page.locator('#mood-desc').textContent(), /^Ana: \d\.\d out of 5 on average/);
    // One line per partner; the second is dashed so colour is not the only difference.
    assert.equal(await mood.locator('path.line').count(), 2);
    assert.equal(await mood.locator('path.line.second').count(), 1);
    const circles =
      month.partners[0].mood.filter((value) => value !== null).length +
      month.partners[1].mood.filter((value) => value !== null).length;
    assert.equal(await mood.locator('circle').count(), circles);
    // The same numbers as a table, for anyone who prefers one.
    await page.getByText('Show as a table').first().click();
    const firstRow = page.getByRole('table').first().getByRole('row').nth(1);
    assert.equal(await firstRow.getByRole('rowheader').textContent(), month.buckets[0].label);
    assert.equal((await firstRow.getByRole('cell').first().textContent()).trim(), month.partners[0].mood[0].toFixed(1));
    // Rituals: kept inside what was planned, never a red mark.
    const rituals = page.getByRole('img', { name: 'Rituals kept per week' });
    assert.equal(await rituals.locator('rect.planned').count(), month.rituals.filter((week) => week.planned > 0).length);
    // The look-back names what happened and one idea for next week.
    const suggestion = content.guides.find((guide) => guide.practice === month.lookBack.suggestion);
    await page.getByText(`An idea for the coming days: ${suggestion.name}.`).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: join(artifacts, `flow-insights-month-${colorScheme}.png`), fullPage: true });
    // This week: day by day.
    await page.getByLabel('This week', { exact: true }).check();
    await page.getByRole('img', { name: 'Phones-off minutes per day' }).waitFor();
    assert.deepEqual(
      calls(core, 'insights_get').map((args) => args.range),
      ['month', 'week'],
    );
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('with the notebook locked, the page says so and shows only what lives outside it', async () => {
  const { page, context, errors } = await open(mockCore({ which: 'locked', unlocked: false }), '#/insights');
  await page.getByText('The notebook is locked, so check-ins and self-checks stay hidden.').waitFor();
  assert.equal(await page.getByRole('heading', { name: 'How you felt' }).count(), 0);
  assert.equal(await page.getByRole('img', { name: 'Mood' }).count(), 0);
  await page.getByRole('img', { name: 'Phones-off minutes per week' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Open the notebook' }).getAttribute('href'), '#/journal');
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-insights-locked.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`settings apply at once and reach the core (${colorScheme})`, async () => {
    const core = mockCore();
    const { page, context, errors } = await open(core, '#/settings', colorScheme);
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await page.getByLabel('Look for a new version when Hearth starts').waitFor();
    assert.equal(
      await page.getByLabel('Look for a new version when Hearth starts').isChecked(),
      false,
      'update checks start off',
    );
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: join(artifacts, `flow-settings-${colorScheme}.png`), fullPage: true });
    // Theme: the page follows at once, and the core keeps it.
    const other = colorScheme === 'light' ? 'Dark' : 'Light';
    await page.getByLabel(other, { exact: true }).check();
    await page.waitForFunction((theme) => document.documentElement.dataset.theme === theme, other.toLowerCase());
    assert.equal(core.state.display.theme, other.toLowerCase());
    // Start at login and close to tray go through settings_set as a whole.
    await page.getByLabel('Start Hearth when I log in', { exact: false }).check();
    await page.getByText('Hearth will start, in the tray, when you log in.').first().waitFor();
    assert.deepEqual(core.state.settings, {
      reminders: true,
      startAtLogin: true,
      closeToTray: true,
      checkForUpdates: false,
      closeExplained: false,
    });
    // Quiet hours.
    await page.getByLabel('From').fill('22:00');
    await page.getByLabel('Until').fill('07:00');
    await page.getByRole('button', { name: 'Save quiet hours' }).click();
    await page.getByText('Quiet hours saved: no reminders from 22:00 to 07:00.').first().waitFor();
    assert.deepEqual(core.state.quiet, { start: '22:00', end: '07:00' });
    // Partners: colour and pronouns, kept in the notebook.
    await page.getByRole('group', { name: 'Sam: colour' }).getByLabel('Plum').check();
    await page.getByLabel('Pronouns (optional)').nth(1).fill('he/him');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved. Charts and check-ins use these now.').first().waitFor();
    assert.deepEqual(core.state.partners, { names: ['Ana', 'Sam'], colours: ['ember', 'plum'], pronouns: ['', 'he/him'] });
    // An export asks first, because the file is not encrypted.
    await page.getByRole('button', { name: 'Export the notebook as JSON…' }).click();
    await page.getByText('An export is not encrypted', { exact: false }).waitFor();
    assert.equal(calls(core, 'notebook_export').length, 0, 'nothing exported before the confirmation');
    await page.getByRole('button', { name: 'Choose where to save' }).click();
    await page.getByText('42 entries exported: /home/ana/hearth-notebook.json.').first().waitFor();
    assert.deepEqual(calls(core, 'notebook_export'), [{ format: 'json' }]);
    // A cancelled dialog says so and changes nothing.
    await page.getByRole('button', { name: 'Import rituals (.ics)…' }).click();
    await page.getByText('Nothing was imported.').first().waitFor();
    // Updates: only when asked.
    assert.equal(calls(core, 'update_check').length, 0, 'no update check until asked');
    await page.getByRole('button', { name: 'Check now' }).click();
    await page.getByText('Hearth 0.1.0 is the newest version.').first().waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('keyboard: Ctrl+5 and Ctrl+6 open Insights and Settings, and Ctrl+B starts breathing together', async () => {
  const core = mockCore();
  const patterns = JSON.parse(await readFile(fixture('breathing-patterns.json'), 'utf8'));
  const started = [];
  const handle = core.handle;
  core.handle = async (command, args) => {
    if (command === 'breathing_patterns') return ok(patterns);
    if (command === 'breathing_session') return ok(null);
    if (command === 'ritual_list' || command === 'occurrence_list' || command === 'occurrence_missed') return ok([]);
    if (command === 'breathing_start') {
      started.push(args);
      const pattern = patterns.find((p) => p.id === args.patternId);
      return ok({ pattern, startedAtMs: Date.now(), durationMs: args.minutes * 60_000, pausedAtMs: null });
    }
    return handle(command, args);
  };
  const { page, context } = await open(core, '#/about');
  await page.getByRole('heading', { name: 'About Hearth' }).waitFor();
  await page.keyboard.press('Control+5');
  await page.getByRole('heading', { name: 'Insights', level: 1 }).waitFor();
  await page.keyboard.press('Control+6');
  await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
  await page.keyboard.press('Control+b');
  for (let wait = 0; wait < 100 && started.length === 0; wait += 1) await page.waitForTimeout(20);
  assert.equal(started[0]?.patternId, patterns[0].id);
  assert.equal(new URL(page.url()).hash, '#/today');
  await context.close();
});
