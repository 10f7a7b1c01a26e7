// Two computers in the real app: two data folders paired through one exchange folder with the
// CLI (pairing is a folder dialog away, and the CLI's pairing is tested on its own), then two
// running Hearths, each in its own home and D-Bus session as on two machines. An entry written
// in one appears in the other's open notebook without a restart, and an entry edited on both
// while apart shows "Two versions" with both kept.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { root, startApp, waitFor } from './driver.mjs';

const binary = resolve(process.env.HEARTH_BIN ?? join(root, 'target/debug/hearth'));
const cli = resolve(process.env.HEARTH_CLI ?? join(root, 'target/debug/hearth-cli'));
const passphrase = 'wren harbour tulip oboe';

let base;
let folder;
const computers = {};

/** A computer: its own home, data folder and (for the second) its own D-Bus session. */
async function computer(name, ownBus) {
  const home = join(base, name);
  await mkdir(home, { recursive: true });
  const env = { ...process.env, HOME: home, HEARTH_DATA_DIR: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') };
  let bus;
  if (ownBus) {
    // One session bus per computer: Hearth's single-instance check would otherwise hand the
    // second launch over to the first.
    const [address, pid] = execFileSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1'], {
      encoding: 'utf8',
      timeout: 30000,
    })
      .trim()
      .split('\n');
    env.DBUS_SESSION_BUS_ADDRESS = address;
    bus = Number(pid);
  }
  const secret = join(home, 'passphrase');
  await writeFile(secret, `${passphrase}\n`);
  const run = (...args) =>
    execFileSync(cli, ['--data-dir', env.HEARTH_DATA_DIR, '--passphrase-file', secret, ...args], {
      env,
      encoding: 'utf8',
      timeout: 120000,
    }).trim();
  return { name, home, env, bus, run, app: null };
}

async function unlock(app) {
  await app.click('nav a[href="#/journal"]');
  await app.type('#unlock-passphrase', passphrase);
  await app.click('form button[type="submit"]');
  await app.find('form[aria-label="New entry"]');
}

/** The texts of the entries the notebook page shows now. */
function shownTexts(app) {
  return app.run(
    `return [...document.querySelectorAll('ul[aria-label="Entries"] li .text')].map((p) => p.textContent);`,
  );
}

/** Polls `read` until `check` holds on what it returns (the page changes on its own); returns it. */
async function waitUntil(read, check, what) {
  let value;
  await waitFor(async () => check((value = await read())), what, 90000);
  return value;
}

before(async () => {
  assert.ok(existsSync(binary), `build the app first: ${binary} is missing`);
  base = await mkdtemp(join(tmpdir(), 'hearth-e2e-two-'));
  folder = join(base, 'exchange');
  await mkdir(folder);
  const a = await computer('ana', false);
  const b = await computer('sam', true);
  computers.a = a;
  computers.b = b;
  for (const each of [a, b]) each.run('journal', 'init');
  a.run('sync', 'setup', '--folder', folder);
  const code = a.run('sync', 'invite');
  const codeFile = join(b.home, 'code');
  await writeFile(codeFile, `${code}\n`);
  b.run('sync', 'join', '--folder', folder, '--code-file', codeFile);
  a.run('sync', 'now');
  b.run('sync', 'now');
  // One entry both have, then edited on each while apart: two versions on both.
  const id = a.run('journal', 'add', '--author', 'Ana', '--text', 'qzboth our first walk by the river');
  a.run('sync', 'now');
  b.run('sync', 'now');
  a.run('journal', 'edit', id, '--text', 'qzboth our first walk by the river, in the rain (Ana)');
  b.run('journal', 'edit', id, '--text', 'qzboth our first walk by the river, and the tea after (Sam)');
  for (const each of [a, b, a, b]) each.run('sync', 'now');
  a.app = await startApp({ binary, env: a.env });
  b.app = await startApp({ binary, env: b.env });
  await unlock(a.app);
  await unlock(b.app);
}, { timeout: 240000 });

after(async () => {
  for (const each of Object.values(computers)) {
    await each.app?.close();
    if (each.bus) {
      try {
        process.kill(each.bus);
      } catch {
        // gone already
      }
    }
  }
  if (base) await rm(base, { recursive: true, force: true });
}, { timeout: 60000 });

test('an entry written on one computer appears in the other open notebook without a restart', async () => {
  const { a, b } = computers;
  await a.app.type('form[aria-label="New entry"] textarea', 'qzcross we planned the Sunday walk');
  await a.app.click('form[aria-label="New entry"] button[type="submit"]');
  await a.app.waitForText('ul[aria-label="Entries"] li .text', /qzcross we planned the Sunday walk/);
  // Ana's Hearth writes it to the folder, Sam's sees the folder change, applies it and tells
  // its page, which shows it: nobody reloads anything.
  const texts = await waitUntil(
    () => shownTexts(b.app),
    (shown) => shown.includes('qzcross we planned the Sunday walk'),
    "Ana's entry in Sam's open notebook",
  );
  assert.ok(texts.length >= 2, 'the earlier entry is still there');
  const png = await b.app.webdriver('GET', `/session/${b.app.id}/screenshot`);
  await mkdir(join(root, 'artifacts'), { recursive: true });
  await writeFile(join(root, 'artifacts/e2e-two-computers.png'), Buffer.from(png, 'base64'));
});

test('an entry edited on both computers while apart shows two versions, both kept', async () => {
  for (const each of [computers.a, computers.b]) {
    const marks = await waitUntil(
      () =>
        each.app.run(
          `return [...document.querySelectorAll('ul[aria-label="Entries"] li')]
             .filter((li) => li.textContent.includes('qzboth'))
             .map((li) => li.querySelector('.two')?.textContent ?? '');`,
        ),
      (found) => found.length === 1 && found[0] === 'Two versions',
      `"Two versions" on ${each.name}'s computer`,
    );
    assert.deepEqual(marks, ['Two versions']);
    await each.app.run(
      `[...document.querySelectorAll('ul[aria-label="Entries"] button.link')]
         .find((button) => button.textContent.startsWith('Choose a version'))
         .click();`,
    );
    await each.app.waitForText('#versions-heading', /Two versions of this entry/);
    const versions = await waitUntil(
      () => each.app.run('return document.querySelector("main").textContent;'),
      (text) => text.includes('in the rain (Ana)') && text.includes('and the tea after (Sam)'),
      `both versions on ${each.name}'s computer`,
    );
    assert.ok(versions.includes('in the rain (Ana)'));
  }
});
