// @ts-check
// Two computers in headless Chromium against a mock core: Settings' "Two computers" section
// (start sharing, a pairing code, what was refused, leaving after a confirmation) and the
// notebook's "two versions" (keep one; the other computer follows). Axe in light and dark.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { artifacts, fail, flowSuite, ok, openWithCore, quietTodayAnswer, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */
/** @typedef {import('../../src/lib/bindings').SyncStatus} SyncStatus */
/** @typedef {import('../../src/lib/bindings').Entry} Entry */
/** @typedef {import('../../src/lib/bindings').CheckInApart} CheckInApart */

const content = JSON.parse(await readFile(fileURLToPath(new URL('../fixtures/practices.json', import.meta.url)), 'utf8'));

const suite = flowSuite({ before, after });

/** @type {SyncStatus} */
const unpaired = {
  paired: false,
  device: null,
  folder: null,
  folderReachable: false,
  syncthing: false,
  devices: [],
  waitingCalendar: 0,
  waitingNotebook: null,
  refused: [],
  twoVersions: null,
  invitationExpiresAt: null,
};

function mockCore() {
  const state = {
    /** @type {SyncStatus} */
    sync: { ...unpaired },
    calls: /** @type {string[]} */ ([]),
    /** @type {Entry[]} */
    entries: [
      {
        id: 'e1',
        createdAt: '2026-11-29T09:00:00.000Z',
        editedAt: '2026-11-30T09:00:00.000Z',
        author: 'Ana',
        kind: 'note',
        mood: null,
        closeness: null,
        tags: [],
        occurrence: null,
        text: 'We walked to the lake at dawn.',
        score: null,
        twoVersions: true,
      },
    ],
    updates: /** @type {string[]} */ ([]),
  };
  /** @type {MockCore} */
  const answers = {
    sync_status: () => ok(state.sync),
    sync_setup: () => {
      state.calls.push('setup');
      state.sync = {
        ...unpaired,
        paired: true,
        device: 'aaaaaaaaaaaaaaaaaaaaaaaaaa',
        folder: '/home/ana/Sync/hearth',
        folderReachable: true,
        syncthing: true,
        waitingNotebook: 0,
        twoVersions: 0,
      };
      return ok(state.sync);
    },
    sync_invite: () => ok({ code: '7KQ2-XW9D-M3TF', expiresAt: new Date(Date.now() + 15 * 60_000).toISOString() }),
    sync_now: () => {
      state.sync = {
        ...state.sync,
        devices: [
          {
            device: 'bbbbbbbbbbbbbbbbbbbbbbbbbb',
            calendarReceived: 2,
            notebookReceived: 3,
            lastReceivedAt: new Date().toISOString(),
          },
        ],
        refused: [
          {
            file: 'bbbb/notebook-000000000004.hseg',
            reason: 'cut short or changed since it was written',
            at: new Date().toISOString(),
          },
        ],
      };
      return ok({ written: 1, applied: 2, changes: 9, refused: state.sync.refused, notebookWaits: false, joined: false });
    },
    sync_leave: () => {
      state.calls.push('leave');
      state.sync = { ...unpaired };
      return ok(state.sync);
    },
    settings_get: () =>
      ok({ reminders: true, startAtLogin: false, closeToTray: true, checkForUpdates: false, closeExplained: true }),
    app_paths: () => {
      const dataDir = '/home/ana/.local/share/app.hearth.desktop';
      return ok({
        dataDir,
        scheduleDb: `${dataDir}/schedule.sqlite3`,
        journalDb: `${dataDir}/journal.sqlite3`,
        journalKey: `${dataDir}/journal.key`,
        backupsDir: `${dataDir}/backups`,
      });
    },
    quiet_hours_get: () => ok(null),
    journal_settings: () => fail('locked', 'the journal is locked'),
    journal_partners: () => ok({ names: ['Ana', 'Sam'], colours: ['ember', 'sky'], pronouns: ['', ''] }),
    journal_status: () => ok({ setUp: true, unlocked: true, idleLockSeconds: 900 }),
    journal_find: () => ok(state.entries),
    journal_draft: () => ok(null),
    journal_keep_alive: () => ok(null),
    journal_keychain: () => ok({ available: false, remembered: false }),
    journal_versions: () =>
      ok([
        { at: '2026-11-30T09:00:00Z', entry: { ...state.entries[0], text: 'We walked to the lake at dawn.' } },
        { at: '2026-11-30T08:30:00Z', entry: { ...state.entries[0], text: 'We walked to the lake and back.' } },
      ]),
    journal_update: ({ entry }) => {
      state.updates.push(entry.text);
      state.entries = [{ ...state.entries[0], text: entry.text, twoVersions: false }];
      return ok(state.entries[0]);
    },
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
  test(`two computers: start sharing, show a code, see what was refused, stop sharing (${colorScheme})`, async () => {
    const core = mockCore();
    const { page, context, errors } = await openWithCore(suite.browser, `${suite.server.url}#/settings`, core, { colorScheme });
    const section = page.getByRole('region', { name: 'Two computers' });
    await section.getByText('never a word you wrote', { exact: false }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await section.getByRole('button', { name: 'Start sharing from this computer…' }).click();
    await page.getByText('This computer now shares through the folder you chose.').first().waitFor();
    await section.getByText('which Syncthing keeps in step', { exact: false }).waitFor();
    await section.getByRole('button', { name: 'Show a pairing code' }).click();
    await section.getByRole('group', { name: 'Pairing code' }).getByText('7KQ2-XW9D-M3TF').waitFor();
    await section.getByRole('button', { name: 'Exchange now' }).click();
    const refused = section.getByRole('group', { name: 'Files not used' });
    await refused.getByText('cut short or changed', { exact: false }).waitFor();
    assert.deepEqual(await seriousViolations(page), []);
    await page.screenshot({ path: join(artifacts, `flow-two-computers-${colorScheme}.png`), fullPage: true });
    await section.getByRole('button', { name: 'Stop sharing…' }).click();
    const confirm = section.getByRole('group', { name: 'Stop sharing' });
    await confirm.getByText('What was already shared stays on your partner', { exact: false }).waitFor();
    await confirm.getByRole('button', { name: 'Keep sharing' }).click();
    assert.deepEqual(core.state.calls, ['setup'], 'nothing left before the confirmation');
    await section.getByRole('button', { name: 'Stop sharing…' }).click();
    await section.getByRole('group', { name: 'Stop sharing' }).getByRole('button', { name: 'Stop sharing' }).click();
    await section.getByRole('button', { name: 'Start sharing from this computer…' }).waitFor();
    assert.deepEqual(core.state.calls, ['setup', 'leave']);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('an entry changed on both computers shows two versions; keeping one settles it', async () => {
  const core = mockCore();
  const { page, context, errors } = await openWithCore(suite.browser, `${suite.server.url}#/journal`, core);
  await page.getByText('Two versions', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Choose a version…' }).click();
  const versions = page.getByRole('region', { name: 'Two versions of this entry' });
  await versions.getByText('We walked to the lake and back.').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-two-versions.png'), fullPage: true });
  await versions.getByRole('button', { name: 'Combine them…' }).click();
  await versions.getByLabel('Combined').fill('We walked to the lake at dawn, and back.');
  await versions.getByRole('button', { name: 'Keep the combined text' }).click();
  await page.getByText('We walked to the lake at dawn, and back.').waitFor();
  assert.deepEqual(core.state.updates, ['We walked to the lake at dawn, and back.']);
  assert.equal(await page.getByText('Two versions', { exact: true }).count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

/** @param {string} author @param {string} text @returns {Entry} */
const checkInEntry = (author, text) => ({
  id: `ci-${author}`,
  createdAt: '2026-12-01T19:00:00.000Z',
  editedAt: null,
  author,
  kind: 'check_in',
  mood: 4,
  closeness: 4,
  tags: [],
  occurrence: null,
  text,
  score: null,
  twoVersions: false,
});

test('a check-in answered apart is sealed, then opens with the partner’s when it arrives', async () => {
  const core = mockCore();
  /** @type {CheckInApart} */
  let apart = { paired: true, round: '2026-12-01', answered: false, partnerAnswered: true, revealed: null };
  /** @type {unknown[]} */
  const sent = [];
  const handle = core.handle;
  core.handle = (command, args) => {
    if (command === 'check_in_form') return ok(content.checkInForm);
    if (command === 'practice_guides') return ok(content.guides);
    if (command === 'check_in_apart') return ok(apart);
    if (command === 'check_in_send') {
      sent.push(args);
      apart = { ...apart, answered: true };
      return ok(apart);
    }
    return handle(command, args);
  };
  const { page, context, errors } = await openWithCore(suite.browser, `${suite.server.url}#/practices/check-in`, core);
  await page.getByRole('heading', { name: 'Your check-in' }).waitFor();
  assert.equal(await page.getByLabel('Each on our own computer').isChecked(), true);
  await page.getByText('Sam has answered. Their answer opens together with yours', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page
    .getByRole('group', { name: content.checkInForm.mood.question })
    .getByLabel(content.checkInForm.mood.labels[3], { exact: true })
    .check();
  await page.getByLabel('In your own words').fill('Glad we walked.');
  await page.getByRole('button', { name: 'Seal and send' }).click();
  await page.getByRole('heading', { name: 'Sealed and sent' }).waitFor();
  await page.getByText('You have both answered', { exact: false }).waitFor();
  assert.deepEqual(sent, [{ answer: { author: 'Ana', mood: 4, closeness: 3, need: null, note: 'Glad we walked.' } }]);
  assert.equal(await page.getByText('Tired but glad.').count(), 0, 'nothing of Sam’s shows before it opens');

  // Sam's key arrives: the app tells the page, which reads again.
  apart = {
    ...apart,
    revealed: {
      round: '2026-12-01',
      entries: [
        checkInEntry('Ana', 'Mood: Good (4/5)\n\nGlad we walked.'),
        checkInEntry('Sam', 'Mood: Okay (3/5)\n\nTired but glad.'),
      ],
    },
  };
  await page.evaluate(() => window.dispatchEvent(new Event('hearth-arrived')));
  const answers = page.getByRole('list', { name: 'Answers' });
  await answers.getByText('Tired but glad.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('heading', { name: 'Sealed and sent' }).count(), 0);
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-check-in-apart.png'), fullPage: true });

  await page.getByLabel('Together, at this computer').check();
  await page.getByRole('heading', { name: "Ana's turn" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
