// The real Hearth binary in a real window, driven through tauri-driver and WebKitWebDriver.
// Run inside an X server and a D-Bus session (the Makefile uses xvfb-run and dbus-run-session).
// HEARTH_BIN names the binary to test; a screenshot lands in artifacts/.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ELEMENT,
  phaseWordAt,
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
const patterns = JSON.parse(await readFile(join(root, 'ui/tests/fixtures/breathing-patterns.json'), 'utf8'));

let home;
let env;
let notifications;
let trayHost;
let app;

// Helpers bound to the running app's WebDriver session.
const webdriver = (...args) => app.webdriver(...args);
const find = (selector) => app.find(selector);
const click = (selector) => app.click(selector);
const type = (selector, text) => app.type(selector, text);
const textOf = (selector) => app.textOf(selector);
const waitForText = (...args) => app.waitForText(...args);
const run = (...args) => app.run(...args);
const core = (...args) => app.core(...args);
const hideFor = (milliseconds) => app.hideFor(milliseconds);

before(async () => {
  assert.ok(existsSync(binary), `build the app first: ${binary} is missing`);
  home = await mkdtemp(join(tmpdir(), 'hearth-e2e-'));
  env = { ...process.env, HOME: home, HEARTH_DATA_DIR: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') };
  // A real notification server on this test's session bus: dunst, drawing on the Xvfb screen.
  notifications = spawn('dunst', [], { env, stdio: 'ignore' });
  // A real Secret Service on this test's own session bus: GNOME Keyring with a fresh login
  // keyring, unlocked (the password comes on stdin), so "remember on this computer" is tested
  // against the real thing and no unlock prompt appears.
  execFileSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    env,
    input: 'hearth-e2e-keyring',
    timeout: 30000,
  });
  // A panel that shows tray icons (a stand-in StatusNotifier host), as KDE and most desktops have.
  trayHost = await startTrayHost(env);
  app = await startApp({ binary, env });
}, { timeout: 180000 });

after(async () => {
  await app?.close();
  notifications?.kill();
  trayHost?.kill();
  if (home) await rm(home, { recursive: true, force: true });
}, { timeout: 60000 });

test('the real app opens on Today and lists the breathing patterns from content/', async () => {
  const id = app.id;
  assert.equal(await webdriver('GET', `/session/${id}/title`), 'Hearth');

  const list = await webdriver('POST', `/session/${id}/element`, {
    using: 'css selector',
    value: 'ul[aria-label="Breathing patterns"]',
  });
  const headings = await webdriver('POST', `/session/${id}/element/${list[ELEMENT]}/elements`, {
    using: 'css selector',
    value: 'li h3',
  });
  const names = [];
  for (const heading of headings) {
    names.push(await webdriver('GET', `/session/${id}/element/${heading[ELEMENT]}/text`));
  }
  assert.deepEqual(names, [...patterns.map((pattern) => pattern.name), 'Your own rhythm']);

  const png = await webdriver('GET', `/session/${id}/screenshot`);
  await mkdir(join(root, 'artifacts'), { recursive: true });
  await writeFile(join(root, 'artifacts/e2e-today.png'), Buffer.from(png, 'base64'));
});

test('HEARTH_DATA_DIR decides where the app keeps its data', async () => {
  assert.ok(existsSync(join(home, 'data', 'schedule.sqlite3')));
  const id = app.id;
  const link = await webdriver('POST', `/session/${id}/element`, { using: 'css selector', value: 'a[href="#/about"]' });
  await webdriver('POST', `/session/${id}/element/${link[ELEMENT]}/click`, {});
  const code = await webdriver('POST', `/session/${id}/element`, { using: 'css selector', value: 'dl dd code' });
  assert.equal(await webdriver('GET', `/session/${id}/element/${code[ELEMENT]}/text`), join(home, 'data'));
});

test('the notebook is set up, written in, locked and unlocked in the real app', async () => {
  const passphrase = 'otter lantern maple violin';
  await click('a[href="#/journal"]');
  await type('#setup-passphrase', passphrase);
  await type('#setup-repeat', passphrase);
  await click('form button[type="submit"]');
  const key = await textOf('.recovery-key code');
  assert.match(key, /^([A-Z2-7]{4}-){12}[A-Z2-7]{4}$/, 'a real recovery key from the core');
  await click('input[type="checkbox"]');
  await click('.card button.primary');
  await type('form.partners input', 'Sam');
  await click('form.partners button[type="submit"]');

  await type('form[aria-label="New entry"] textarea', 'qzreal we baked bread together');
  await click('form[aria-label="New entry"] button[type="submit"]');
  assert.equal(await textOf('ul[aria-label="Entries"] li .text'), 'qzreal we baked bread together');
  assert.match(await textOf('ul[aria-label="Entries"] li .meta'), /Sam/);
  const png = await webdriver('GET', `/session/${app.id}/screenshot`);
  await writeFile(join(root, 'artifacts/e2e-notebook.png'), Buffer.from(png, 'base64'));

  // A draft: typed, kept by the core, never saved as an entry.
  await type('form[aria-label="New entry"] textarea', 'qzdraft half a thought');
  await waitFor(
    async () => (await core('journal_draft', { slot: 'new' }))?.draft.text === 'qzdraft half a thought',
    'the core to keep the draft',
  );

  // On disk, everything is encrypted: the words are in no file under the test's home, which
  // holds the data folder and the webview's own storage and caches.
  for (const file of await filesUnder(home)) {
    const bytes = await readFile(file);
    for (const marker of ['qzreal', 'qzdraft']) {
      assert.ok(!bytes.includes(marker), `${file} holds ${marker} in plain text`);
      assert.ok(!bytes.includes(Buffer.from(marker, 'utf16le')), `${file} holds ${marker} as UTF-16`);
    }
  }

  await click('header button.lock');
  await find('#unlock-passphrase');
  const page = await webdriver('GET', `/session/${app.id}/source`);
  assert.ok(!page.includes('qzreal') && !page.includes('qzdraft'), 'no decrypted text in the page after locking');
  await type('#unlock-passphrase', passphrase);
  await click('form button[type="submit"]');
  assert.equal(await textOf('ul[aria-label="Entries"] li .text'), 'qzreal we baked bread together');
  const draft = await webdriver('GET',
    `/session/${app.id}/element/${await find('form[aria-label="New entry"] textarea')}/property/value`);
  assert.equal(draft, 'qzdraft half a thought', 'the draft came back from the encrypted notebook');

  // The desktop says the screen locked (the signal GNOME, KDE and Xfce send on the session
  // bus): the notebook locks at once and the page reloads.
  execFileSync('dbus-send', ['--session', '--type=signal', '/org/freedesktop/ScreenSaver',
    'org.freedesktop.ScreenSaver.ActiveChanged', 'boolean:true']);
  await find('#unlock-passphrase');
  const afterSignal = await webdriver('GET', `/session/${app.id}/source`);
  assert.ok(!afterSignal.includes('qzreal'), 'no decrypted text after the screen locked');

  // Remember on this computer, in the real GNOME Keyring: after a lock, one click opens it.
  await type('#unlock-passphrase', passphrase);
  await click('form button[type="submit"]');
  await click('.tabs button:nth-child(2)');
  await click('section[aria-labelledby="device-heading"] .row button');
  await waitForText('section[aria-labelledby="device-heading"] p[role="status"]', /^Remembered\./);
  await click('header button.lock');
  await click('.keychain button');
  assert.equal(await textOf('ul[aria-label="Entries"] li .text'), 'qzreal we baked bread together');
});

/** Every regular file under `dir`, recursively. */
async function filesUnder(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(path)));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

test('the first close explains and asks; keeping Hearth running hides it to the tray', async () => {
  assert.ok(visibleHearthWindows().length > 0, 'the Hearth window is on screen');
  await run("window.location.hash = '#/rituals';");
  requestClose();
  await waitForText('main h1', /Hearth stays for your reminders/);
  assert.ok(visibleHearthWindows().length > 0, 'the window stays while it asks');
  await click('section.closing button.primary');
  await waitFor(() => visibleHearthWindows().length === 0, 'the window to hide to the tray');
  // Still running (the webview answers), back where it was, and its icon is in the tray.
  assert.equal(await webdriver('GET', `/session/${app.id}/title`), 'Hearth');
  assert.equal(await run('return window.location.hash;'), '#/rituals');
  assert.ok(registeredTrayItems(env).length > 0, 'Hearth registered a tray icon with the host');
});

test('a second launch hands over to the first and exits without touching the data', async () => {
  const env = { ...process.env, HOME: home, HEARTH_DATA_DIR: join(home, 'second-data'), XDG_CONFIG_HOME: join(home, 'config') };
  const second = spawn(binary, [], { env, stdio: 'ignore' });
  const code = await Promise.race([
    new Promise((resolveExit) => second.on('exit', (exitCode) => resolveExit(exitCode))),
    sleep(15000).then(() => 'still running'),
  ]);
  if (code === 'still running') second.kill();
  assert.equal(code, 0, 'the second instance should exit on its own');
  assert.equal(existsSync(join(home, 'second-data')), false, 'the second instance opened no data folder');
  // The first instance still answers, and came back to the front.
  assert.equal(await webdriver('GET', `/session/${app.id}/title`), 'Hearth');
  await waitFor(() => visibleHearthWindows().length > 0, 'the first window to show again');
});

test('leave now locks the notebook and takes the window off the screen; it comes back on Today', async () => {
  if (!(await core('journal_status')).unlocked) await core('journal_unlock_with_keychain');
  assert.equal((await core('journal_status')).unlocked, true, 'the notebook is open to begin with');
  await run("window.location.hash = '#/about'; window.__beforeLeaving = true;");
  await click('button[aria-keyshortcuts="Control+Shift+L"]');
  await waitFor(() => visibleHearthWindows().length === 0, 'the window to leave the screen');
  assert.ok(registeredTrayItems(env).length > 0, 'hidden to the tray, where it can be found');
  // Then the notebook locks and the page reloads on Today. A script sent while the page
  // reloads may fail, which is "not yet".
  const reloadedOnToday = () =>
    run('return [window.__beforeLeaving === true, window.location.hash];').then(
      ([old, hash]) => !old && hash === '#/today',
      () => false,
    );
  await waitFor(reloadedOnToday, 'a fresh page on Today');
  await waitFor(async () => (await core('journal_status')).unlocked === false, 'the notebook to lock');
  await app.launchAgain();
  assert.equal(await run('return window.location.hash;'), '#/today', 'back on Today, not on the page that was left');
  await find('main h1');
});

test('a breathing session draws no frames while hidden and the right phase on the first frame back', async () => {
  await run("window.location.hash = '#/today';");
  await click('ul[aria-label="Breathing patterns"] li:first-child button.start');
  await find('.session .word');
  // Count animation frames and note the first visible frame's word, from inside the page.
  await run(`
    window.__frames = { hidden: 0, visible: 0, first: null };
    const original = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => original((time) => {
      if (document.hidden) window.__frames.hidden += 1; else window.__frames.visible += 1;
      callback(time);
    });
    document.addEventListener('visibilitychange', () => {
      if (document.hidden) return;
      // Registered after the session's own handler, so this frame callback runs after its draw.
      original(() => {
        window.__frames.first ??= { word: document.querySelector('.session .word')?.textContent, at: Date.now() };
      });
    });`);
  const session = await core('breathing_session');
  assert.ok(session, 'the core holds the session');
  await hideFor(3000);
  let frames;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    frames = await run('return window.__frames;');
    if (frames.first) break;
    await sleep(100);
  }
  assert.ok(frames.first, 'a frame was drawn after the window came back');
  assert.equal(frames.hidden, 0, 'no animation frame ran while the window was hidden');
  const expected = phaseWordAt(session.pattern, frames.first.at - session.startedAtMs);
  // A frame that lands within a few ms of a phase edge may fairly show either side of it.
  if (expected.edgeIn > 20) assert.equal(frames.first.word, expected.word);
  await click('.session .controls button:last-child');
});

test('the phones-off hour keeps counting in the core across a reload and a hidden window', async () => {
  await run("window.location.hash = '#/practices/phones-off';");
  // The page draws after the core answers; set the length once the choice is there.
  await find('.length select');
  await run("const s = document.querySelector('.length select'); s.value = '15'; s.dispatchEvent(new Event('change'));");
  await click('form.card button.primary');
  await waitForText('.running .clock', /^15 min/);
  const status = () => core('phones_off_status');
  const started = (await status()).running;
  assert.equal(started.minutes, 15);
  /** The page shows the minutes the core's end instant leaves, at the moment it is read. */
  async function showsCoreTime() {
    const shown = await textOf('.running .clock');
    const { running } = await status();
    assert.equal(running.endsAtMs, started.endsAtMs, 'the same hour, still running');
    const minutes = Math.ceil((running.endsAtMs - Date.now()) / 60_000);
    assert.ok([minutes, minutes + 1].includes(Number.parseInt(shown, 10)), `${shown} vs ${minutes} min`);
  }
  await run('window.__beforeReload = true; setTimeout(() => window.location.reload(), 0);');
  // A script sent while the page navigates may fail; that is "not yet", not an answer.
  const reloaded = () => run('return window.__beforeReload === true;').then((old) => old !== true, () => false);
  await waitFor(reloaded, 'the page to reload');
  await find('.running .clock');
  await showsCoreTime();
  await hideFor(2500);
  await showsCoreTime();
  await click('.running button');
  await click('.running .row button:first-of-type');
  await find('form.card button.primary');
  assert.equal((await status()).running, null, 'ended early');
});

/** The notifications dunst has shown so far (`dunstctl history`), newest first. */
function shownNotifications() {
  try {
    const history = JSON.parse(execFileSync('dunstctl', ['history'], { env, encoding: 'utf8' }));
    return (history.data?.[0] ?? []).map((n) => ({ summary: n.summary.data, body: n.body.data, app: n.appname.data }));
  } catch {
    return [];
  }
}

test('a ritual due a minute ahead arrives once, on time, through the real notification server', async (t) => {
  // Start at a full minute more than 65 s away, in the computer's zone (the app's too): the
  // scheduler naps at most 60 s, so it has looked at the new ritual before it is due and then
  // sleeps until exactly then. (A ritual added from the app itself wakes it at once.)
  const due = new Date(Math.ceil((Date.now() + 65_000) / 60_000) * 60_000);
  const pad = (n) => String(n).padStart(2, '0');
  const start = `${due.getFullYear()}-${pad(due.getMonth() + 1)}-${pad(due.getDate())}T${pad(due.getHours())}:${pad(due.getMinutes())}`;
  // Added from the CLI while the app runs: the app sees the change without a restart.
  execFileSync(cli, ['rituals', 'add', '--title', 'Evening tea', '--rrule', 'FREQ=DAILY', '--start', start,
    '--practice', 'check_in'], { env });
  // dunst keeps shown notifications in its history once they close; close them as they come.
  let seenAt = null;
  let seen = [];
  const deadline = due.getTime() + 10_000;
  while (Date.now() < deadline) {
    execFileSync('dunstctl', ['close-all'], { env });
    seen = shownNotifications().filter((n) => n.summary === 'Evening tea');
    if (seen.length > 0 && seenAt === null) seenAt = Date.now();
    if (seenAt !== null && Date.now() > seenAt + 3_000) break;
    await sleep(50);
  }
  assert.ok(seenAt !== null, 'the reminder arrived');
  assert.equal(seen.length, 1, 'exactly once');
  assert.equal(seen[0].app, 'Hearth');
  assert.match(seen[0].body, /It is time/);
  const late = seenAt - due.getTime();
  t.diagnostic(`reminder seen ${late} ms after its due time`);
  assert.ok(late >= 0, `never early (${late} ms)`);
  assert.ok(late < 1_500, `on time: ${late} ms after it was due (polling adds up to 50 ms)`);
});
