// The real Hearth window driven through tauri-driver and WebKitWebDriver: shared by the
// real-app tests and the practices benchmark. Needs an X server and a D-Bus session.
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
    server.on('error', reject);
  });
}

/** Parent pid and state of a running process, or null once it has ended (zombies count as ended). */
function processInfo(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return state === 'Z' ? null : { parent: Number(parent) };
  } catch {
    return null;
  }
}

/** The program a running process was started as, or null once it has ended. */
function programOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0];
  } catch {
    return null;
  }
}

/** Every process started under `pid` (children, their children...), found through /proc. */
function descendantsOf(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = processInfo(entry);
    if (info) children.set(info.parent, [...(children.get(info.parent) ?? []), Number(entry)]);
  }
  const found = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Polls `predicate` (it may return a promise) every 100 ms until it holds. */
export async function waitFor(predicate, what, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** X ids of the mapped windows titled exactly "Hearth". */
export function visibleHearthWindows() {
  try {
    return execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Hearth$'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
  } catch {
    return []; // xdotool exits 1 when nothing matches
  }
}

/** Asks every Hearth window to close, as its close button does, without waiting for what follows. */
export function requestClose() {
  for (const window of visibleHearthWindows()) {
    execFileSync('python3', [join(root, 'tests/e2e/close_window.py'), window]);
  }
}

/** Asks every Hearth window to close, as its close button does, and waits for it to hide to the tray. */
export async function closeWindows() {
  requestClose();
  await waitFor(() => visibleHearthWindows().length === 0, 'the window to hide');
}

/**
 * Starts the stand-in StatusNotifier host (`src-tauri/examples/fake_tray_host.rs`) on the
 * session bus in `env`, so the desktop shows tray icons; resolves once it owns its name.
 */
export async function startTrayHost(env) {
  const binary = process.env.HEARTH_TRAY_HOST ?? join(root, 'target/debug/examples/fake_tray_host');
  const host = spawn(binary, [], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolveReady, rejectReady) => {
    let said = '';
    host.stdout.on('data', (chunk) => {
      said += chunk;
      if (said.includes('ready')) resolveReady(undefined);
    });
    host.on('exit', (code) => rejectReady(new Error(`the tray host stopped (${code})`)));
    host.on('error', (error) => rejectReady(new Error(`the tray host could not start (${binary}): ${error.message}`)));
  });
  return host;
}

/** The StatusNotifier items registered with the stand-in host (`dbus-send`). */
export function registeredTrayItems(env) {
  const reply = execFileSync('dbus-send', ['--session', '--print-reply', '--dest=org.kde.StatusNotifierWatcher',
    '/StatusNotifierWatcher', 'org.freedesktop.DBus.Properties.Get', 'string:org.kde.StatusNotifierWatcher',
    'string:RegisteredStatusNotifierItems'], { env, encoding: 'utf8' });
  return [...reply.matchAll(/string "([^"]+)"/g)].map((match) => match[1]);
}

/**
 * Starts tauri-driver and a session on `binary` with `env`; resolves to helpers bound to that
 * session. `close()` ends the session and the driver.
 */
export async function startApp({ binary, env }) {
  const port = await freePort();
  const nativePort = await freePort();
  const driverUrl = `http://127.0.0.1:${port}`;
  const driver = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let attempt = 0; ; attempt += 1) {
    try {
      await fetch(`${driverUrl}/status`);
      break;
    } catch (error) {
      if (attempt > 100) throw error;
      await sleep(100);
    }
  }

  async function webdriver(method, path, body) {
    // A bound on every call: a webview that stops answering fails the test instead of hanging it.
    const response = await fetch(`${driverUrl}${path}`, {
      signal: AbortSignal.timeout(60000),
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${path}: ${JSON.stringify(json.value)}`);
    return json.value;
  }

  const session = await webdriver('POST', '/session', {
    capabilities: { alwaysMatch: { browserName: 'wry', 'tauri:options': { application: binary } } },
  });
  const id = session.sessionId;
  await webdriver('POST', `/session/${id}/timeouts`, { implicit: 15000 });

  /** Finds an element, retrying while the page is between two loads (lock reloads it). */
  async function find(selector) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const element = await webdriver('POST', `/session/${id}/element`, { using: 'css selector', value: selector });
        return element[ELEMENT];
      } catch (error) {
        if (attempt > 50 || !/no such frame|unload/.test(String(error))) throw error;
        await sleep(200);
      }
    }
  }

  /** The text of the element `selector` finds now, finding it again if the page redrew it between the two calls. */
  async function textOf(selector) {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await webdriver('GET', `/session/${id}/element/${await find(selector)}/text`);
      } catch (error) {
        if (attempt > 50 || !/stale element/.test(String(error))) throw error;
        await sleep(100);
      }
    }
  }

  return {
    id,
    webdriver,
    find,
    textOf,
    async click(selector) {
      await webdriver('POST', `/session/${id}/element/${await find(selector)}/click`, {});
    },
    async type(selector, text) {
      await webdriver('POST', `/session/${id}/element/${await find(selector)}/value`, { text });
    },
    /** Polls an element's text until it matches `pattern` (for text that arrives after a call). */
    async waitForText(selector, pattern, timeoutMs = 15000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const text = await textOf(selector);
        if (pattern.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`${selector} says "${text}", not ${pattern}`);
        await sleep(100);
      }
    },
    /** Runs `script` in the page (WebDriver execute/sync) and returns its value. */
    run(script, args = []) {
      return webdriver('POST', `/session/${id}/execute/sync`, { script, args });
    },
    /** Calls one of Hearth's commands from the page, through the one IPC command. */
    core(cmd, payload = {}) {
      return webdriver('POST', `/session/${id}/execute/sync`, {
        script: 'return window.__TAURI_INTERNALS__.invoke("rpc", { cmd: arguments[0], payload: arguments[1] });',
        args: [cmd, payload],
      });
    },
    /** Hides the window as its close button does, then brings it back as a second launch does. */
    async hideFor(milliseconds) {
      await closeWindows();
      await sleep(milliseconds);
      await this.launchAgain();
    },
    /** Launches Hearth again, as the menu entry does: it hands over, and the window shows. */
    async launchAgain() {
      const second = spawn(binary, [], { env, stdio: 'ignore' });
      const exited = new Promise((resolveExit) => second.on('exit', resolveExit));
      const code = await Promise.race([exited, sleep(15000).then(() => 'still running')]);
      if (code === 'still running') second.kill();
      if (code !== 0) throw new Error(`the second launch did not hand over and exit (${code})`);
      await waitFor(() => visibleHearthWindows().length > 0, 'the window to show again');
    },
    /** Kills the app with SIGKILL, as a crash would, and waits until it is gone. */
    async killApp() {
      const apps = descendantsOf(driver.pid).filter((pid) => programOf(pid) === binary);
      if (apps.length !== 1) throw new Error(`expected one app under the driver, found ${apps.length}`);
      process.kill(apps[0], 'SIGKILL');
      await waitFor(() => processInfo(apps[0]) === null, 'the killed app to be gone');
    },
    /**
     * Ends the session, the driver and the app. Hearth may rightly stay running once its window
     * closes (close-to-tray keeps it for reminders); left behind, it would keep this test file's
     * output open and its runner waiting. So everything started under the driver is ended:
     * SIGTERM at once, SIGKILL for whatever is still there 10 s later.
     */
    async close() {
      const started = descendantsOf(driver.pid);
      await webdriver('DELETE', `/session/${id}`).catch(() => {});
      driver.kill();
      const running = () => started.filter((pid) => processInfo(pid) !== null);
      const signal = (name) => {
        for (const pid of running()) {
          try {
            process.kill(pid, name);
          } catch {
            // Ended in between.
          }
        }
      };
      signal('SIGTERM');
      await waitFor(() => running().length === 0, 'the app to end', 10000).catch(() => signal('SIGKILL'));
      await waitFor(() => running().length === 0, 'the app and its driver to end', 10000);
    },
  };
}

const PHASE_WORDS = { inhale: 'In', top_up: 'A little more', hold: 'Hold', exhale: 'Out', rest: 'Rest' };

/**
 * The phase word the core's rule gives `elapsed` ms into a session of `pattern`, and the ms
 * until that phase ends.
 */
export function phaseWordAt(pattern, elapsed) {
  let offset = elapsed % pattern.cycleMillis;
  for (const phase of pattern.phases) {
    if (offset < phase.millis) return { word: PHASE_WORDS[phase.kind], edgeIn: phase.millis - offset };
    offset -= phase.millis;
  }
  throw new Error('no phase');
}
