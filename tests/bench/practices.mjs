// Breathing and phones-off figures from the real app under Xvfb (run inside xvfb-run and
// dbus-run-session; `make bench-practices` does). Prints each figure next to its budget:
//   * phase accuracy: how long after each scheduled phase change the first frame showing it was
//     drawn, over a whole session, and whether that grows over time (drift);
//   * the first frame after the window was hidden for a while shows the core's phase;
//   * CPU of the whole process tree (app + WebKit processes) while breathing, against a naive
//     page that animates width/height from setInterval in the same webview, while the
//     phones-off countdown is on screen, and while hidden with a session running (with the
//     number of animation frames run while hidden, which must be 0).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeWindows, phaseWordAt, root, startApp, startTrayHost, visibleHearthWindows, waitFor } from '../e2e/driver.mjs';

const { values: options } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    'cpu-seconds': { type: 'string', default: '300' },
    hidden: { type: 'string', default: '60' },
    pattern: { type: 'string', default: 'box' },
    stage: { type: 'string', default: 'all' },
  },
});
const sessionMinutes = Number(options.minutes);
const cpuSeconds = Number(options['cpu-seconds']);
const hiddenSeconds = Number(options.hidden);
const binary = resolve(process.env.HEARTH_BIN ?? join(root, 'target/release/hearth'));
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const FRAME_MS = 1000 / 60;

const home = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
const env = { ...process.env, HOME: home, HEARTH_DATA_DIR: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config') };
// A panel that shows tray icons, so closing the window hides it as on most desktops.
const trayHost = await startTrayHost(env);
const app = await startApp({ binary, env });
// The first close would ask whether Hearth should keep running; answer as in Settings.
const settings = await app.core('settings_get');
await app.core('settings_set', { settings: { ...settings, closeExplained: true } });

/** Every process whose executable is `binary`, then all their descendants. */
async function processTree() {
  const pids = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const exe = await readlink(`/proc/${name}/exe`).catch(() => '');
    if (exe === binary) pids.push(Number(name));
  }
  const tree = [];
  const stack = [...pids];
  while (stack.length > 0) {
    const pid = stack.pop();
    tree.push(pid);
    for (const task of await readdir(`/proc/${pid}/task`).catch(() => [])) {
      const children = await readFile(`/proc/${pid}/task/${task}/children`, 'utf8').catch(() => '');
      stack.push(...children.split(/\s+/).filter(Boolean).map(Number));
    }
  }
  return tree;
}

async function ticks(pids) {
  let total = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
    if (!stat) continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    total += Number(fields[11]) + Number(fields[12]);
  }
  return total;
}

/** Percent of one core the app's process tree used over `seconds`. */
async function cpuPercent(seconds) {
  const pids = await processTree();
  const before = await ticks(pids);
  const started = Date.now();
  await sleep(seconds * 1000);
  const elapsed = (Date.now() - started) / 1000;
  return ((await ticks(pids)) - before) / TICKS_PER_SECOND / elapsed * 100;
}

/** Wraps requestAnimationFrame in the page: counts frames (hidden or not) and logs each new
 * phase word with the wall time of the frame that first showed it. */
const INSTRUMENT = `
  window.__bench = { hidden: 0, visible: 0, changes: [], last: null, first: null, frameAt: 0 };
  const original = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) => original((time) => {
    if (document.hidden) window.__bench.hidden += 1; else window.__bench.visible += 1;
    window.__bench.frameAt = Date.now();
    callback(time);
  });
  // When the phase word changes in the DOM: if that happened while a frame was being prepared
  // (the page changes it in a frame callback), that frame paints it; otherwise the next one.
  const session = document.querySelector('.session');
  new MutationObserver(() => {
    const word = session.querySelector('.word')?.textContent ?? null;
    if (word === window.__bench.last) return;
    window.__bench.last = word;
    const now = Date.now();
    if (now - window.__bench.frameAt <= 4) window.__bench.changes.push({ word, at: window.__bench.frameAt });
    else original(() => window.__bench.changes.push({ word, at: Date.now() }));
  }).observe(session, { subtree: true, childList: true, characterData: true });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) return;
    original(() => {
      window.__bench.first ??= { word: document.querySelector('.session .word')?.textContent, at: Date.now() };
    });
  });`;

async function startBreathing(minutes) {
  await app.run("window.location.hash = '#/today';");
  await app.find('ul[aria-label="Breathing patterns"]');
  const session = await app.core('breathing_start', { patternId: options.pattern, minutes, custom: null });
  await reload();
  await app.find('.session .word');
  return session;
}

/** Reloads the page (Today picks the core's session up again) and lets it settle. */
async function reload() {
  await app.run('setTimeout(() => window.location.reload(), 0);');
  await sleep(1500);
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const fmt = (value, digits = 1) => value.toFixed(digits);

try {
  const stages = options.stage === 'all' ? ['accuracy', 'hidden', 'cpu'] : options.stage.split(',');
  if (stages.includes('accuracy')) {
  // 1. Phase accuracy over a whole session.
  const session = await startBreathing(sessionMinutes);
  await app.run(INSTRUMENT);
  console.log(`breathing "${options.pattern}" for ${sessionMinutes} min: measuring phase changes…`);
  await sleep(session.durationMs - (Date.now() - session.startedAtMs) - 2000);
  const bench = await app.run('return window.__bench;');
  const edges = [];
  let edge = session.startedAtMs;
  for (let cycle = 0; edge < session.startedAtMs + session.durationMs; cycle += 1) {
    for (const phase of session.pattern.phases) {
      edge += phase.millis;
      edges.push(edge);
    }
  }
  const lateness = [];
  for (const change of bench.changes.slice(1)) {
    const nearest = edges.reduce((best, at) => (Math.abs(at - change.at) < Math.abs(best - change.at) ? at : best));
    lateness.push({ at: nearest, late: change.at - nearest });
  }
  const lates = lateness.map((entry) => entry.late);
  const window = Math.max(1, Math.floor(lates.length / 5));
  const mean = (list) => list.reduce((sum, value) => sum + value, 0) / Math.max(1, list.length);
  const drift = mean(lates.slice(-window)) - mean(lates.slice(0, window));
  const late = lates.filter((value) => value > FRAME_MS).length;
  console.log(`phase changes observed: ${lates.length} (scheduled in the window: ${edges.filter((at) => at < Date.now()).length})`);
  console.log(`  first frame after each change: p50 ${fmt(percentile(lates, 50))} ms, p99 ${fmt(percentile(lates, 99))} ms, max ${fmt(Math.max(...lates))} ms  (budget: within one frame, ${fmt(FRAME_MS)} ms)`);
  console.log(`  changes later than one frame: ${late}; earliest ${fmt(Math.min(...lates))} ms (negative would be early)`);
  console.log(`  drift, last fifth minus first fifth of the session: ${fmt(drift, 2)} ms  (budget: none accumulating)`);
  console.log(`  animation frames requested by script: ${bench.visible} visible, ${bench.hidden} hidden`);

  }
  if (stages.includes('hidden')) {
  // 2. Hidden for a while, then the first frame back.
  const again = await startBreathing(Math.min(20, Math.ceil(hiddenSeconds / 60) + 2));
  await app.run(INSTRUMENT);
  await closeWindows();
  const hiddenCpu = await cpuPercent(hiddenSeconds);
  const second = spawn(binary, [], { env, stdio: 'ignore' });
  await new Promise((resolveExit) => second.on('exit', resolveExit));
  await waitFor(() => visibleHearthWindows().length > 0, 'the window to show again');
  let back;
  for (let attempt = 0; attempt < 50 && !back?.first; attempt += 1) {
    back = await app.run('return window.__bench;');
    await sleep(100);
  }
  const expected = phaseWordAt(again.pattern, back.first.at - again.startedAtMs);
  console.log(`after ${hiddenSeconds} s hidden: first frame shows "${back.first.word}", the core's phase is "${expected.word}" (${fmt(expected.edgeIn, 0)} ms before its next change)`);
  console.log(`  animation frames run while hidden: ${back.hidden}  (budget: 0); CPU of the tree while hidden: ${fmt(hiddenCpu, 2)}% of a core`);

  }
  if (stages.includes('cpu')) {
  // 3. CPU: breathing against a naive page, and the phones-off countdown.
  await startBreathing(Math.min(20, Math.ceil(cpuSeconds / 60) + 1));
  await sleep(2000);
  const breathingCpu = await cpuPercent(cpuSeconds);
  await app.core('breathing_stop');
  await reload();
  await app.find('ul[aria-label="Breathing patterns"]');
  await app.run(`
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;left:40px;top:40px;background:#a9432d;border-radius:50%;z-index:99';
    document.body.append(box);
    const start = Date.now();
    setInterval(() => {
      const size = 200 + 150 * Math.sin((Date.now() - start) / 1600);
      box.style.width = size + 'px';
      box.style.height = size + 'px';
    }, 16);`);
  await sleep(2000);
  const naiveCpu = await cpuPercent(cpuSeconds);
  await reload(); // the naive page's interval goes with the old page
  await app.run("window.location.hash = '#/practices/phones-off';");
  await app.click('form.card button.primary');
  await app.find('.running .clock');
  await sleep(2000);
  const phonesOffCpu = await cpuPercent(cpuSeconds);
  console.log(`CPU of the process tree over ${cpuSeconds} s (percent of one core):`);
  console.log(`  breathing session: ${fmt(breathingCpu, 2)}%  (budget: <= 15%, <= 0.35 x naive)`);
  console.log(`  naive setInterval width/height page: ${fmt(naiveCpu, 2)}%  -> ratio ${fmt(breathingCpu / naiveCpu, 2)}`);
  console.log(`  phones-off countdown on screen: ${fmt(phonesOffCpu, 2)}%  (budget: <= 2%)`);
  }
} finally {
  await app.close();
  trayHost.kill();
  await rm(home, { recursive: true, force: true });
}
