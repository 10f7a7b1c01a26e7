// @ts-check
// The notebook's flows in headless Chromium against the built UI: set up, write, search, lock,
// unlock. The IPC mock keeps its state in Node, so it survives the page reload that locking
// causes, the way the Rust core does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { artifacts, flowSuite, openWithCore, quietTodayAnswer, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */

const PASSPHRASE = 'otter lantern maple violin';

const suite = flowSuite({ before, after });

/** A journal that behaves like the core's: locked until unlocked, refusing calls when locked. */
function mockCore() {
  const state = {
    setUp: false,
    unlocked: false,
    passphrase: null,
    entries: [],
    calls: [],
    queries: [],
    drafts: {},
    partners: null,
    idleLockMinutes: 5,
    backups: [],
    restored: null,
    keychain: { available: false, remembered: false },
    /** Set up by the first release: a passphrase change issues a new recovery key. */
    firstRelease: false,
    /** @type {Record<string, string>} the passphrase each backup opens with */
    backupPassphrases: {},
  };
  const RECOVERY = 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST';
  const fail = (kind, message) => ({ error: { kind, message } });
  const settings = () => ({
    idleLockMinutes: state.idleLockMinutes,
    idleLockChoices: [1, 2, 5, 10, 15, 30, 60],
    backupsDir: '/home/sam/.local/share/app.hearth.desktop/backups',
    backups: state.backups,
  });
  const needsUnlock = new Set([
    'journal_keep_alive',
    'journal_add',
    'journal_update',
    'journal_find',
    'journal_delete',
    'journal_draft',
    'journal_save_draft',
    'journal_clear_draft',
    'journal_partners',
    'journal_set_partners',
    'journal_back_up_now',
  ]);
  /** @type {MockCore} */
  const answers = {
    journal_status: () => ({ ok: { setUp: state.setUp, unlocked: state.unlocked, idleLockSeconds: state.idleLockMinutes * 60 } }),
    journal_set_up: (args) => {
      if ([...args.passphrase].length < 8) return fail('invalid_input', 'the passphrase must be at least 8 characters');
      Object.assign(state, { setUp: true, unlocked: true, passphrase: args.passphrase });
      return { ok: RECOVERY };
    },
    journal_unlock: (args) => {
      if (args.passphrase !== state.passphrase) return fail('wrong_passphrase', 'that passphrase did not open the journal');
      state.unlocked = true;
      return { ok: null };
    },
    journal_lock: () => {
      state.unlocked = false;
      return { ok: null };
    },
    journal_recover: (args) => {
      if (args.recoveryKey.trim() !== RECOVERY) return fail('wrong_passphrase', 'that recovery key does not open this journal');
      state.passphrase = args.new;
      return { ok: { newRecoveryKey: null } };
    },
    journal_change_passphrase: (args) => {
      if (args.current !== state.passphrase) return fail('wrong_passphrase', 'that passphrase did not open the journal');
      state.passphrase = args.new;
      return { ok: { newRecoveryKey: state.firstRelease ? 'NEWK-EYAB-CDEF-GHIJ' : null } };
    },
    journal_delete: (args) => {
      state.entries = state.entries.filter((entry) => entry.id !== args.id);
      return { ok: null };
    },
    journal_keep_alive: () => ({ ok: null }),
    journal_add: (args) => {
      const entry = {
        score: null,
        ...args.entry,
        id: `e${state.calls.length}`,
        createdAt: new Date().toISOString(),
        editedAt: null,
        occurrence: null,
        twoVersions: false,
      };
      state.entries.unshift(entry);
      if (args.draftSlot) delete state.drafts[args.draftSlot];
      return { ok: entry };
    },
    journal_update: (args) => {
      const index = state.entries.findIndex((entry) => entry.id === args.id);
      if (index < 0) return fail('not_found', `no entry with id ${args.id}`);
      state.entries[index] = { ...state.entries[index], ...args.entry, editedAt: new Date().toISOString() };
      if (args.draftSlot) delete state.drafts[args.draftSlot];
      return { ok: state.entries[index] };
    },
    journal_find: (args) => {
      const query = args.query;
      state.queries.push(query);
      const words = (query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      return {
        ok: state.entries
          .filter((e) => words.every((w) => e.text.toLowerCase().includes(w)))
          .filter((e) => !query.kind || e.kind === query.kind)
          .filter((e) => !query.author || e.author === query.author)
          .filter((e) => !query.from || e.createdAt >= query.from)
          .filter((e) => !query.until || e.createdAt < query.until)
          .slice(0, query.limit),
      };
    },
    journal_draft: (args) => ({ ok: state.drafts[args.slot] ?? null }),
    journal_save_draft: (args) => {
      if (args.draft.text.trim()) state.drafts[args.slot] = { draft: args.draft, savedAt: new Date().toISOString() };
      else delete state.drafts[args.slot];
      return { ok: null };
    },
    journal_clear_draft: (args) => {
      delete state.drafts[args.slot];
      return { ok: null };
    },
    journal_partners: () => ({ ok: state.partners }),
    journal_set_partners: (args) => {
      const names = args.partners.names.map((name) => name.trim());
      if (names.length === 2 && names[0].toLowerCase() === names[1].toLowerCase()) {
        return fail('invalid_input', 'partners: the two names must differ');
      }
      state.partners = { names };
      return { ok: state.partners };
    },
    journal_settings: () => ({ ok: settings() }),
    journal_set_idle_lock: (args) => {
      state.idleLockMinutes = args.minutes;
      return { ok: settings() };
    },
    journal_back_up_now: () => {
      const name = `journal-${state.backups.length}.hearth-backup`;
      state.backups.unshift({ name, createdAt: new Date().toISOString(), bytes: 48_128 });
      state.backupPassphrases[name] = state.passphrase;
      return { ok: settings() };
    },
    journal_restore: (args) => {
      if (args.passphrase !== state.backupPassphrases[args.name])
        return fail('wrong_passphrase', 'that passphrase does not open this backup');
      const earlierPassphrase = args.passphrase !== state.passphrase;
      Object.assign(state, { unlocked: false, restored: args.name, passphrase: args.passphrase });
      return { ok: { entries: state.entries.length, earlierPassphrase } };
    },
    journal_keychain: () => ({ ok: state.keychain }),
    journal_remember: () => {
      if (!state.unlocked) return fail('locked', 'the journal is locked');
      state.keychain = { ...state.keychain, remembered: true };
      return { ok: state.keychain };
    },
    journal_forget: () => {
      state.keychain = { ...state.keychain, remembered: false };
      return { ok: state.keychain };
    },
    journal_unlock_with_keychain: () => {
      if (!state.keychain.remembered)
        return fail('not_found', 'this computer does not remember the notebook key; use the passphrase');
      state.unlocked = true;
      return { ok: null };
    },
    breathing_patterns: () => ({ ok: [] }),
    app_first_paint: () => ({ ok: null }),
  };
  const handle = (command, args) => {
    state.calls.push(command);
    if (needsUnlock.has(command) && !state.unlocked) return fail('locked', 'the journal is locked');
    const answer = answers[command];
    if (answer) return answer(args);
    return quietTodayAnswer(command) ?? fail('internal', `no mock for ${command}`);
  };
  return { state, handle };
}

/** Waits (in Node) until `predicate` holds, for state the mock core keeps. */
async function until(predicate, timeoutMs = 3000) {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${predicate}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const entryCount = (page, count) =>
  page.waitForFunction((n) => document.querySelectorAll('ul[aria-label="Entries"] li').length === n, count);

function openNotebook(core) {
  return openWithCore(suite.browser, `${suite.server.url}#/journal`, core);
}

test('set up, keep the recovery key, write, search, lock and unlock again', async () => {
  const core = mockCore();
  const { page, context, errors } = await openNotebook(core);

  // Set up: the button waits for a long-enough, matching passphrase.
  await page.getByRole('heading', { name: 'Your shared notebook' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  const create = page.getByRole('button', { name: 'Create our notebook' });
  await page.getByLabel('Passphrase', { exact: true }).fill('short');
  assert.equal(await create.isDisabled(), true);
  assert.match(await page.locator('#setup-strength').textContent(), /At least 8 characters/);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('The same passphrase again').fill(`${PASSPHRASE}x`);
  assert.equal(await create.isDisabled(), true, 'a mismatch keeps the button off');
  await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
  await create.click();

  // The recovery key is shown once and must be acknowledged.
  await page.getByRole('heading', { name: 'Keep this recovery key safe' }).waitFor();
  assert.match(await page.locator('.recovery-key code').textContent(), /^ABCD-EFGH/);
  const proceed = page.getByRole('button', { name: 'Continue' });
  assert.equal(await proceed.isDisabled(), true);
  await page.getByLabel('I have saved the recovery key somewhere safe').check();
  await page.screenshot({ path: join(artifacts, 'flow-journal-recovery-key.png') });
  await proceed.click();

  // Names: two that differ; the same name twice is refused by name.
  await page.getByRole('heading', { name: 'Who writes here?' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('Your name').fill('Sam');
  await page.getByLabel("Your partner's name", { exact: false }).fill('sam');
  await page.getByRole('button', { name: 'Open our notebook' }).click();
  await page.getByRole('alert').getByText('the two names must differ').waitFor();
  await page.getByLabel("Your partner's name", { exact: false }).fill('Alex');
  await page.getByRole('button', { name: 'Open our notebook' }).click();

  // Write two entries; the empty state invites the first one.
  await page.getByText('Nothing written yet.', { exact: false }).waitFor();
  const newEntry = page.getByRole('form', { name: 'New entry' });
  assert.deepEqual(await newEntry.getByLabel('Written by').locator('option').allTextContents(), ['Sam', 'Alex', 'Both of us']);
  await newEntry.getByLabel('Write something').fill('We walked to the harbour and talked about next summer.');
  await newEntry.getByLabel('Tags').fill('walk, summer');
  await newEntry.getByRole('button', { name: 'Save entry' }).click();
  await entryCount(page, 1);
  await newEntry.getByLabel('Write something').fill('Thank you for the soup when I was tired.');
  await newEntry.getByLabel('Written by').selectOption('Alex');
  await newEntry.getByLabel('Kind').selectOption('appreciation');
  // Ctrl+Enter saves too.
  await newEntry.getByLabel('Write something').press('Control+Enter');
  const texts = page.locator('ul[aria-label="Entries"] .text');
  await entryCount(page, 2);
  assert.equal(await texts.first().textContent(), 'Thank you for the soup when I was tired.', 'newest first');
  assert.equal(await newEntry.getByLabel('Write something').inputValue(), '', 'the composer clears after saving');
  assert.deepEqual(
    core.state.entries.map((e) => [e.author, e.kind, e.tags.join(' ')]),
    [
      ['Alex', 'appreciation', ''],
      ['Sam', 'note', 'walk summer'],
    ],
  );
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-journal-notebook.png'), fullPage: true });

  // Search as you type.
  await page.getByLabel('Search the notebook').fill('harbour');
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Entries"] li').length === 1);
  await page.getByLabel('Search the notebook').fill('zebra');
  await page.getByText('Nothing matches “zebra”.').waitFor();

  // Deleting asks first; "Keep it" keeps it.
  await page.getByLabel('Search the notebook').fill('');
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Entries"] li').length === 2);
  await page.getByRole('button', { name: 'Delete…' }).first().click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  assert.equal(await page.locator('ul[aria-label="Entries"] li').count(), 2);
  await page.getByRole('button', { name: 'Delete…' }).first().click();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('group', { name: 'Confirm deletion' }).getByRole('button', { name: 'Delete' }).click();
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Entries"] li').length === 1);
  core.state.entries.unshift({
    ...core.state.entries[0],
    id: 'again',
    kind: 'appreciation',
    author: 'Alex',
    tags: [],
    text: 'Thank you for the soup when I was tired.',
  });

  // Filters go to the core: kind and author.
  await page.getByLabel('Show kind').selectOption('appreciation');
  await entryCount(page, 1);
  assert.equal(core.state.queries.at(-1).kind, 'appreciation');
  await page.getByRole('button', { name: 'Show everything' }).click();
  await entryCount(page, 2);
  await page.getByLabel('Show entries written by').selectOption('Sam');
  await entryCount(page, 1);
  await page.getByLabel('From').fill('2026-11-01');
  await until(() => core.state.queries.at(-1).from);
  assert.match(
    core.state.queries.at(-1).from,
    /^2026-10-31T2\d:00:00\.000Z$|^2026-11-01T00:00:00\.000Z$/,
    'the day becomes its local midnight',
  );
  await page.getByRole('button', { name: 'Show everything' }).click();
  await entryCount(page, 2);

  // Edit keeps the entry and marks it edited; Escape leaves without saving.
  await page.getByRole('button', { name: 'Edit' }).first().click();
  const editForm = page.getByRole('form', { name: 'Edit entry' });
  await editForm.getByLabel('Edit this entry').fill('Thank you for the soup, and for the blanket.');
  await editForm.getByRole('button', { name: 'Save changes' }).click();
  await page.getByText('Thank you for the soup, and for the blanket.').waitFor();
  await page.getByText('(edited)').waitFor();

  // Lock: the page reloads and no entry text is left in it.
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Your notebook is locked' }).waitFor();
  const html = await page.content();
  assert.ok(!html.includes('harbour') && !html.includes('soup') && !html.includes('blanket'), 'no decrypted text after locking');

  // A wrong passphrase is named kindly; the right one opens it.
  await page.getByLabel('Passphrase').fill('otter lantern maple viola');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('alert').getByText('did not open the notebook', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Entries"] li').length === 2);

  assert.deepEqual(errors, []);
  assert.ok(!core.state.calls.includes('undefined'));
  // Nothing of the journal is kept in the webview's storage.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.equal(stored, '{}{}');
  await context.close();
});

test('when the core locks in the background, the notebook returns to the unlock screen', async () => {
  const core = mockCore();
  Object.assign(core.state, { setUp: true, unlocked: true, passphrase: PASSPHRASE });
  const { page, context } = await openNotebook(core);
  await page.getByText('Nothing written yet.', { exact: false }).waitFor();
  core.state.unlocked = false; // the idle lock fired in Rust
  await page.getByLabel('Write something').fill('a line that cannot be saved now');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByRole('heading', { name: 'Your notebook is locked' }).waitFor();
  await context.close();
});

test('a year ago today shows what the notebook holds from this day last year, and nothing on other days', async () => {
  const core = mockCore();
  Object.assign(core.state, { setUp: true, unlocked: true, passphrase: PASSPHRASE, partners: { names: ['Ana', 'Sam'] } });
  const now = new Date();
  // This day last year (29 February falls back to the 28th), in the evening.
  const lastMonthDays = new Date(now.getFullYear() - 1, now.getMonth() + 1, 0).getDate();
  const lastYear = new Date(now.getFullYear() - 1, now.getMonth(), Math.min(now.getDate(), lastMonthDays), 20, 30);
  const entry = (id, at, text) => ({
    id,
    createdAt: at.toISOString(),
    editedAt: null,
    author: 'Ana',
    kind: 'note',
    mood: null,
    closeness: null,
    tags: [],
    occurrence: null,
    text,
    score: null,
    twoVersions: false,
  });
  core.state.entries.push(
    entry('e1', new Date(now.getTime() - 60_000), 'qzyear today we planted bulbs'),
    entry('e2', new Date(lastYear.getTime() - 3 * 86_400_000), 'qzyear three days off a year ago'),
  );
  core.state.entries.push(entry('e3', lastYear, 'qzyear the first snow, a year ago'));
  const { page, context, errors } = await openNotebook(core);
  await page.getByText('qzyear today we planted bulbs').waitFor();
  const yearAgo = page.getByRole('region', { name: 'A year ago today' });
  await yearAgo.getByText('qzyear the first snow, a year ago').waitFor();
  assert.equal(await yearAgo.getByText('qzyear three days off a year ago').count(), 0);
  assert.equal(await yearAgo.getByText('qzyear today we planted bulbs').count(), 0);
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-journal-year-ago.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a draft is kept in the core while typing and comes back after a restart; discarding forgets it', async () => {
  const core = mockCore();
  Object.assign(core.state, { setUp: true, unlocked: true, passphrase: PASSPHRASE, partners: { names: ['Sam', 'Alex'] } });
  const { page, context } = await openNotebook(core);
  const newEntry = page.getByRole('form', { name: 'New entry' });
  await newEntry.getByLabel('Write something').fill('Half a thought about Sunday');
  await until(() => core.state.drafts.new);
  assert.equal(core.state.drafts.new.draft.text, 'Half a thought about Sunday');
  await page.getByText('Draft kept in the notebook.').waitFor();
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.equal(stored, '{}{}', 'drafts never touch the webview storage');

  // The window is reloaded (a restart): the draft comes back from the core.
  await page.reload();
  await page.getByText('Your unsaved writing from', { exact: false }).waitFor();
  assert.equal(await newEntry.getByLabel('Write something').inputValue(), 'Half a thought about Sunday');
  assert.deepEqual(await seriousViolations(page), []);

  // Typing and locking at once keeps the last words too.
  await newEntry.getByLabel('Write something').fill('Half a thought about Sunday, and Monday');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Your notebook is locked' }).waitFor();
  assert.equal(core.state.drafts.new.draft.text, 'Half a thought about Sunday, and Monday');

  await page.getByLabel('Passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByRole('button', { name: 'Discard draft' }).click();
  await until(() => !core.state.drafts.new);
  assert.equal(await newEntry.getByLabel('Write something').inputValue(), '');
  await context.close();
});

test('settings: lock time, back up now, restore with a confirmation, change the passphrase', async () => {
  const core = mockCore();
  Object.assign(core.state, { setUp: true, unlocked: true, passphrase: PASSPHRASE, partners: { names: ['Sam', 'Alex'] } });
  const { page, context, errors } = await openNotebook(core);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Backups' }).waitFor();
  await page.getByText('No backups yet.', { exact: false }).waitFor();
  await page.getByText('Hearth found no keychain on this computer', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByLabel('Lock the notebook after').selectOption('15');
  await page.getByText('now locks after 15 quiet minutes', { exact: false }).waitFor();
  await page.getByText('Locks itself after 15 quiet minutes.').waitFor();
  assert.equal(core.state.idleLockMinutes, 15);

  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.getByText('Backup made and checked.').waitFor();
  assert.equal(await page.locator('ul[aria-label="Backups"] li').count(), 1);
  await page.screenshot({ path: join(artifacts, 'flow-journal-settings.png'), fullPage: true });

  // Restore asks first and names what happens; "keep" changes nothing.
  await page.getByRole('button', { name: 'Restore…' }).click();
  const confirm = page.getByRole('form', { name: 'Confirm restore' });
  await confirm.getByText('The current notebook is not deleted', { exact: false }).waitFor();
  await confirm.getByRole('button', { name: 'Keep the notebook as it is' }).click();
  assert.equal(core.state.restored, null);

  // Change the passphrase: a wrong current one is named; the new one works afterwards.
  const NEW = 'heron quilt saffron drum';
  await page.getByLabel('Current passphrase').fill('not the one');
  await page.getByLabel('New passphrase').fill(NEW);
  await page.getByLabel('The same passphrase again').fill(NEW);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByRole('alert').getByText('The current passphrase is not right.').waitFor();
  // A notebook from the first release gets a new recovery key with the change, shown once.
  core.state.firstRelease = true;
  await page.getByLabel('Current passphrase').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Change passphrase' }).click();
  await page.getByText('Passphrase changed. Keep the new recovery key below', { exact: false }).waitFor();
  assert.equal(core.state.passphrase, NEW);
  const issued = page.getByRole('group', { name: 'New recovery key' });
  await issued.getByText('NEWK-EYAB-CDEF-GHIJ').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await issued.getByLabel('I have saved the recovery key somewhere safe').check();
  await issued.getByRole('button', { name: 'Continue' }).click();
  await issued.waitFor({ state: 'detached' });

  // The backup was made before the change: it opens with the passphrase it had then, and says so.
  await page.getByRole('button', { name: 'Restore…' }).click();
  await page.getByLabel('Passphrase for this backup').fill(NEW);
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await page.getByRole('alert').getByText('Try the one you used on the day it was made.', { exact: false }).waitFor();
  await page.getByLabel('Passphrase for this backup').fill(PASSPHRASE);
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await page.getByText('the notebook now opens with the passphrase it had then', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Open the restored notebook' }).click();
  await page.getByRole('heading', { name: 'Your notebook is locked' }).waitFor();
  assert.equal(core.state.restored, 'journal-0.hearth-backup');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a forgotten passphrase: the recovery key sets a new one and opens the notebook', async () => {
  const core = mockCore();
  Object.assign(core.state, { setUp: true, unlocked: false, passphrase: PASSPHRASE, partners: { names: ['Sam'] } });
  const { page, context } = await openNotebook(core);
  await page.getByRole('button', { name: 'Forgot the passphrase?' }).click();
  await page.getByRole('heading', { name: 'Back in with the recovery key' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  const NEW = 'plum harbour kite lantern';
  await page.getByLabel('Recovery key').fill('WXYZ-0000');
  await page.getByLabel('New passphrase').fill(NEW);
  await page.getByLabel('The same passphrase again').fill(NEW);
  await page.getByRole('button', { name: 'Set the new passphrase and open' }).click();
  await page.getByRole('alert').getByText('does not belong to this notebook', { exact: false }).waitFor();
  await page.getByLabel('Recovery key').fill('ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST');
  await page.getByRole('button', { name: 'Set the new passphrase and open' }).click();
  await page.getByRole('heading', { name: 'Our notebook' }).waitFor();
  assert.equal(core.state.passphrase, NEW);
  await context.close();
});

test('remember on this computer: one click opens the notebook after a lock, and it can be forgotten', async () => {
  const core = mockCore();
  Object.assign(core.state, {
    setUp: true,
    unlocked: true,
    passphrase: PASSPHRASE,
    partners: { names: ['Sam'] },
    keychain: { available: true, remembered: false },
  });
  const { page, context } = await openNotebook(core);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByText('Anyone who can use your account', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Remember on this computer' }).click();
  await page.getByText('Remembered.', { exact: false }).waitFor();
  assert.equal(core.state.keychain.remembered, true);

  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Your notebook is locked' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: "Open with this computer's keychain" }).click();
  await page.getByRole('heading', { name: 'Our notebook' }).waitFor();

  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Forget on this computer' }).click();
  await page.getByText('Forgotten.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Your notebook is locked' }).waitFor();
  assert.equal(await page.getByRole('button', { name: "Open with this computer's keychain" }).count(), 0);
  await context.close();
});
