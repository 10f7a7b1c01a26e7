// The notebook's flows in headless Chromium against the built UI: set up, write, search, lock,
// unlock. The IPC mock keeps its state in Node, so it survives the page reload that locking
// causes, the way the Rust core does.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { artifacts, launchChromium, serveDist, seriousViolations } from './harness.mjs';

const PASSPHRASE = 'otter lantern maple violin';

let server;
let baseUrl;
let browser;

before(async () => {
  server = await serveDist();
  baseUrl = server.url;
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A journal that behaves like the core's: locked until unlocked, refusing calls when locked. */
function mockCore() {
  const state = { setUp: false, unlocked: false, passphrase: null, entries: [], calls: [] };
  const fail = (kind, message) => ({ error: { kind, message } });
  const handle = (command, args) => {
    state.calls.push(command);
    switch (command) {
      case 'journal_status':
        return { ok: { setUp: state.setUp, unlocked: state.unlocked, idleLockSeconds: 300 } };
      case 'journal_set_up':
        if ([...args.passphrase].length < 8) return fail('invalid_input', 'the passphrase must be at least 8 characters');
        Object.assign(state, { setUp: true, unlocked: true, passphrase: args.passphrase });
        return { ok: 'ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST' };
      case 'journal_unlock':
        if (args.passphrase !== state.passphrase) return fail('wrong_passphrase', 'that passphrase did not open the journal');
        state.unlocked = true;
        return { ok: null };
      case 'journal_lock':
        state.unlocked = false;
        return { ok: null };
      case 'journal_delete':
        if (!state.unlocked) return fail('locked', 'the journal is locked');
        state.entries = state.entries.filter((entry) => entry.id !== args.id);
        return { ok: null };
      case 'journal_keep_alive':
      case 'journal_add':
      case 'journal_find': {
        if (!state.unlocked) return fail('locked', 'the journal is locked');
        if (command === 'journal_add') {
          const entry = { ...args.entry, id: `e${state.entries.length}`, createdAt: new Date().toISOString(),
            editedAt: null, occurrence: null };
          state.entries.unshift(entry);
          return { ok: entry };
        }
        if (command === 'journal_find') {
          const words = (args.query.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
          return { ok: state.entries.filter((e) => words.every((w) => e.text.toLowerCase().includes(w))) };
        }
        return { ok: null };
      }
      case 'breathing_patterns':
        return { ok: [] };
      case 'report_first_paint':
        return { ok: null };
      default:
        return fail('internal', `no mock for ${command}`);
    }
  };
  return { state, handle };
}

async function openNotebook(core) {
  const context = await browser.newContext({ viewport: { width: 1040, height: 760 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
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
  await page.goto(`${baseUrl}#/journal`);
  return { page, context, errors };
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
  assert.match(await page.locator('#strength').textContent(), /At least 8 characters/);
  await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await page.getByLabel('The same passphrase again').fill(`${PASSPHRASE}x`);
  assert.equal(await create.isDisabled(), true, 'a mismatch keeps the button off');
  await page.getByLabel('The same passphrase again').fill(PASSPHRASE);
  await create.click();

  // The recovery key is shown once and must be acknowledged.
  await page.getByRole('heading', { name: 'Keep this recovery key safe' }).waitFor();
  assert.match(await page.locator('.recovery-key code').textContent(), /^ABCD-EFGH/);
  const open = page.getByRole('button', { name: 'Open our notebook' });
  assert.equal(await open.isDisabled(), true);
  await page.getByLabel('I have saved the recovery key somewhere safe').check();
  await page.screenshot({ path: join(artifacts, 'flow-journal-recovery-key.png') });
  await open.click();

  // Write two entries; the empty state invites the first one.
  await page.getByText('Nothing written yet.', { exact: false }).waitFor();
  await page.getByLabel('Write something').fill('We walked to the harbour and talked about next summer.');
  await page.getByLabel('Written by').fill('Sam');
  await page.getByRole('button', { name: 'Save entry' }).click();
  await page.getByLabel('Write something').fill('Thank you for the soup when I was tired.');
  await page.getByLabel('Kind').selectOption('appreciation');
  await page.getByRole('button', { name: 'Save entry' }).click();
  const texts = page.locator('ul[aria-label="Entries"] .text');
  await page.waitForFunction(() => document.querySelectorAll('ul[aria-label="Entries"] li').length === 2);
  assert.equal(await texts.first().textContent(), 'Thank you for the soup when I was tired.', 'newest first');
  assert.equal(await page.getByLabel('Write something').inputValue(), '', 'the composer clears after saving');
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
  core.state.entries.unshift({ ...core.state.entries[0], id: 'again', text: 'Thank you for the soup when I was tired.' });

  // Lock: the page reloads and no entry text is left in it.
  await page.getByRole('button', { name: 'Lock now' }).click();
  await page.getByRole('heading', { name: 'Your notebook is locked' }).waitFor();
  const html = await page.content();
  assert.ok(!html.includes('harbour') && !html.includes('soup'), 'no decrypted text after locking');

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
