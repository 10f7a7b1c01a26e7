// Insights and settings in the real Hearth binary (tauri-driver, WebKitWebDriver, Xvfb): a month
// of sample data written by the CLI into a fresh data folder, screenshots in light and dark,
// settings kept across a restart, the XDG autostart entry written and removed, kill -9 of the app
// while it saves (nothing saved is lost, the draft comes back), and closing the
// window quitting Hearth when close-to-tray is off.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  closeWindows,
  registeredTrayItems,
  requestClose,
  root,
  startApp,
  startTrayHost,
  visibleHearthWindows,
  waitFor,
} from './driver.mjs';

const binary = resolve(process.env.HEARTH_BIN ?? join(root, 'target/debug/hearth'));
const cli = resolve(process.env.HEARTH_CLI ?? join(root, 'target/debug/hearth-cli'));
const passphrase = 'heron quilt amber cello';

let home;
let env;
let app;
let cliArgs;

// The autostart plugin (auto-launch) writes under $HOME/.config, even when XDG_CONFIG_HOME says
// otherwise.
const autostartEntry = () => join(home, '.config', 'autostart', 'Hearth.desktop');

async function screenshot(name) {
  const png = await app.webdriver('GET', `/session/${app.id}/screenshot`);
  await mkdir(join(root, 'artifacts'), { recursive: true });
  await writeFile(join(root, 'artifacts', name), Buffer.from(png, 'base64'));
}

/** Opens a screen from the sidebar, as a person would, and waits for its heading. */
async function go(hash, heading) {
  await app.click(`nav a[href="${hash}"]`);
  await app.waitForText('main h1', heading);
}

async function unlock() {
  await go('#/journal', /./);
  await app.type('#unlock-passphrase', passphrase);
  await app.click('form button[type="submit"]');
  await app.find('form[aria-label="New entry"]');
}

const theme = () => app.run('return document.documentElement.dataset.theme;');
const checked = (label) =>
  app.run(
    `return [...document.querySelectorAll('label.check')].find((l) => l.textContent.includes(arguments[0]))?.querySelector('input').checked ?? null;`,
    [label],
  );
const toggle = (label) =>
  app.run(`[...document.querySelectorAll('label.check')].find((l) => l.textContent.includes(arguments[0])).querySelector('input').click();`, [label]);

before(async () => {
  assert.ok(existsSync(binary), `build the app first: ${binary} is missing`);
  home = await mkdtemp(join(tmpdir(), 'hearth-e2e-settings-'));
  env = { ...process.env, HOME: home, HEARTH_DATA_DIR: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') };
  const secret = join(home, 'passphrase');
  await writeFile(secret, `${passphrase}\n`);
  cliArgs = ['--data-dir', join(home, 'data'), '--passphrase-file', secret];
  execFileSync(cli, [...cliArgs, 'journal', 'init'], { env });
  execFileSync(cli, [...cliArgs, 'sample-data', '--weeks', '5'], { env });
  app = await startApp({ binary, env });
}, { timeout: 180000 });

after(async () => {
  await app?.close();
  if (home) await rm(home, { recursive: true, force: true });
}, { timeout: 60000 });

test('insights draw a month of sample data from the real core, in light and dark', async () => {
  await go('#/insights', /^Insights$/);
  await app.waitForText('main .notice.locked p', /notebook is locked/);
  await unlock();
  await go('#/insights', /^Insights$/);
  await app.waitForText('#look-back-heading', /This week so far/);
  const lines = await app.run('return document.querySelectorAll(\'svg[aria-labelledby="mood-title mood-desc"] path.line\').length;');
  assert.equal(lines, 2, 'one mood line per partner');
  assert.match(await app.textOf('#mood-desc'), /^Ana: \d\.\d out of 5 on average/);
  assert.equal(await theme(), 'light');
  await screenshot('e2e-insights-light.png');
  await app.run("document.getElementById('feelings-heading').scrollIntoView();");
  await screenshot('e2e-insights-charts-light.png');
  await go('#/settings', /^Settings$/);
  await screenshot('e2e-settings-light.png');
  await app.click('input[name="theme"][value="dark"]');
  for (let wait = 0; wait < 50 && (await theme()) !== 'dark'; wait += 1) await sleep(100);
  assert.equal(await theme(), 'dark');
  await screenshot('e2e-settings-dark.png');
  await go('#/insights', /^Insights$/);
  await app.waitForText('#look-back-heading', /This week so far/);
  await screenshot('e2e-insights-dark.png');
  await app.run("document.getElementById('feelings-heading').scrollIntoView();");
  await screenshot('e2e-insights-charts-dark.png');
});

test('settings are kept across a restart, and the login item is written and removed', async () => {
  await go('#/settings', /^Settings$/);
  await app.waitForText('#computer-heading', /On this computer/);
  assert.equal(existsSync(autostartEntry()), false, 'no login item until asked');
  await toggle('Start Hearth when I log in');
  await waitFor(() => existsSync(autostartEntry()), 'the XDG autostart entry');
  const entry = await readFile(autostartEntry(), 'utf8');
  assert.match(entry, /^Exec=.*hearth.* --minimised$/m, entry);
  await toggle('Keep Hearth in the tray');
  // The page says so once the core has saved it.
  await app.waitForText('main p.saved', /Closing the window now quits Hearth/);

  // Quit, lose the login item (a cleanup tool, a profile reset), and start again: the choices
  // come back from the schedule database, and the login item is written again.
  await app.close();
  await waitFor(() => visibleHearthWindows().length === 0, 'the old window to go', 15000);
  await rm(autostartEntry());
  app = await startApp({ binary, env });
  await waitFor(() => existsSync(autostartEntry()), 'the login item written again at start', 15000);
  for (let wait = 0; wait < 50 && (await theme()) !== 'dark'; wait += 1) await sleep(100);
  assert.equal(await theme(), 'dark', 'the theme applies before anything is unlocked');
  await go('#/settings', /^Settings$/);
  await app.waitForText('#computer-heading', /On this computer/);
  for (let wait = 0; wait < 50 && (await checked('Start Hearth when I log in')) === null; wait += 1) await sleep(100);
  assert.equal(await checked('Start Hearth when I log in'), true);
  assert.equal(await checked('Keep Hearth in the tray'), false);
  assert.equal(await checked('Look for a new version'), false, 'update checks stay off');

  await toggle('Start Hearth when I log in');
  await waitFor(() => !existsSync(autostartEntry()), 'the autostart entry to go');
  await app.close();
  app = null;
});

test('kill -9 of the app while it saves loses no saved entry and no kept draft, and it starts again', async (t) => {
  await waitFor(() => visibleHearthWindows().length === 0, 'no window left from before', 15000);
  app = await startApp({ binary, env });
  await unlock();
  const draft = 'qzcrash a draft kept before the crash';
  await app.type('form[aria-label="New entry"] textarea', draft);
  await waitFor(
    async () => (await app.core('journal_draft', { slot: 'new' }))?.draft.text === draft,
    'the core to keep the draft',
  );
  // The page saves entries one after another through the core, noting each id once the core
  // has answered; the app is killed while it is at it.
  await app.run(`
    window.__saved = [];
    (async () => {
      for (let i = 0; i < 2000; i += 1) {
        const entry = { text: 'Saved under kill -9, number ' + i + '.', kind: 'note', author: 'Ana',
          mood: null, closeness: null, tags: [] };
        const saved = await window.__TAURI_INTERNALS__.invoke('rpc', { cmd: 'journal_add', payload: { entry, draftSlot: null } });
        window.__saved.push(saved.id);
      }
    })();`);
  let acknowledged = [];
  await waitFor(async () => {
    acknowledged = await app.run('return window.__saved.slice();');
    return acknowledged.length >= 25;
  }, 'the page to have saved 25 entries', 60000);
  await app.killApp();
  await app.close();
  app = null;

  // The notebook as the CLI finds it: healthy, with every entry the core said it had saved.
  const verify = execFileSync(cli, [...cliArgs, 'journal', 'verify'], { env, encoding: 'utf8' });
  assert.match(verify, /the journal is healthy/);
  const listed = JSON.parse(
    execFileSync(cli, [...cliArgs, 'journal', 'list', '--limit', '1000000', '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 26 }),
  );
  const ids = new Set(listed.map((entry) => entry.id));
  assert.deepEqual(acknowledged.filter((id) => !ids.has(id)), [], 'saved entries lost');
  const underKill = listed.filter((entry) => entry.text.startsWith('Saved under kill -9')).length;
  assert.ok(underKill >= acknowledged.length, `${underKill} entries written under kill -9, ${acknowledged.length} acknowledged`);
  assert.ok(underKill < 2000, 'the app was killed while it was still saving');
  t.diagnostic(`killed after the page had seen ${acknowledged.length} entries saved; the notebook holds ${underKill}`);

  // Hearth starts again on the same data, and the draft is back in the editor.
  app = await startApp({ binary, env });
  await unlock();
  const editor = await app.find('form[aria-label="New entry"] textarea');
  await waitFor(
    async () => (await app.webdriver('GET', `/session/${app.id}/element/${editor}/property/value`)) === draft,
    'the draft back in the editor',
  );
  await app.close();
  app = null;
});

test('with close-to-tray off, closing the window quits Hearth', async () => {
  await waitFor(() => visibleHearthWindows().length === 0, 'no window left from before', 15000);
  // Its log (ids and counts only, never journal text) is kept, to explain a quit that hangs.
  const logPath = join(home, 'close-quit.log');
  const log = await open(logPath, 'w');
  const hearth = spawn(binary, [], { env: { ...env, HEARTH_LOG: 'debug' }, stdio: ['ignore', log.fd, log.fd] });
  const exited = new Promise((resolveExit) => hearth.on('exit', (code) => resolveExit(code)));
  await waitFor(() => visibleHearthWindows().length > 0, 'the window', 20000);
  await closeWindows();
  const code = await Promise.race([exited, sleep(15000).then(() => 'still running')]);
  if (code === 'still running') {
    // What every thread is doing, for whoever reads the failure.
    try {
      const stacks = execFileSync('gdb', ['-batch', '-p', String(hearth.pid), '-ex', 'thread apply all bt 12'],
        { encoding: 'utf8', timeout: 60000 });
      console.error(stacks);
    } catch (error) {
      // gdb may not attach (ptrace_scope); where each thread waits in the kernel still helps.
      console.error(`no thread stacks (${error.message}); kernel waits:`);
      for (const task of await readdir(`/proc/${hearth.pid}/task`).catch(() => [])) {
        const comm = await readFile(`/proc/${hearth.pid}/task/${task}/comm`, 'utf8').catch(() => '?');
        const wchan = await readFile(`/proc/${hearth.pid}/task/${task}/wchan`, 'utf8').catch(() => '?');
        console.error(`  ${task} ${comm.trim()}: ${wchan}`);
      }
    }
    hearth.kill();
    console.error(await readFile(logPath, 'utf8'));
  }
  await log.close();
  assert.equal(code, 0, 'Hearth quit when its window closed');
});

test('started by the login item, Hearth waits in the tray without a window', async () => {
  const trayHost = await startTrayHost(env);
  const hearth = spawn(binary, ['--minimised'], { env, stdio: 'ignore' });
  // Up once its icon is in the tray; by then the window it starts with has been hidden.
  await waitFor(() => registeredTrayItems(env).length > 0, 'the tray icon', 20000);
  await waitFor(() => visibleHearthWindows().length === 0, 'no window shown');
  assert.equal(hearth.exitCode, null, 'still running');
  // A second launch (the menu entry) brings the window up.
  const second = spawn(binary, [], { env, stdio: 'ignore' });
  await new Promise((resolveExit) => second.on('exit', resolveExit));
  await waitFor(() => visibleHearthWindows().length > 0, 'the window after a second launch', 15000);
  hearth.kill();
  await new Promise((resolveExit) => hearth.on('exit', resolveExit));
  trayHost.kill();
});

test('where no panel shows tray icons, keeping Hearth running minimises the window instead of hiding it', async () => {
  // This file's session has no StatusNotifier host, as GNOME without its AppIndicator extension.
  app = await startApp({ binary, env });
  await go('#/settings', /^Settings$/);
  await app.waitForText('#computer-heading', /On this computer/);
  await toggle('Keep Hearth in the tray');
  await app.waitForText('main p.saved', /Closing the window keeps Hearth in the tray/);
  requestClose();
  await app.waitForText('main h1', /Hearth stays for your reminders/);
  await app.click('section.closing button.primary');
  // The page goes back once the core answered, and the shell carries out the rule's effect
  // before it answers: by then the window has been minimised, not hidden, so it can be found.
  for (let wait = 0; wait < 100 && (await app.run('return window.location.hash;')) !== '#/settings'; wait += 1) {
    await sleep(100);
  }
  assert.equal(await app.run('return window.location.hash;'), '#/settings');
  assert.ok(visibleHearthWindows().length > 0, 'the window is still there to find');
  assert.equal(await app.webdriver('GET', `/session/${app.id}/title`), 'Hearth', 'and Hearth still runs');
  await app.close();
  app = null;
});
