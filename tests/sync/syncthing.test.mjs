// Hearth's exchange folder carried by two real Syncthing instances on loopback (no discovery, no
// relays), each instance holding the folder of one data folder, driven through the built CLI:
// pairing through the synced folder; entries, rituals and marks written on both sides while one
// instance is stopped, converging once it is back; conflict copies ignored; kill -9 of the CLI
// while it writes or applies, losing no acknowledged entry and applying no segment in part; and
// a 10,000-entry notebook reaching the second computer.
//
// Runs with `make sync-test` (HEARTH_CLI names the CLI; Syncthing comes from Debian's package,
// installed by scripts/setup-system.sh test). HEARTH_SYNC_KEEP=1 keeps the temporary folder.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WAIT_MS, syncthingPair, waitArrived, waitConnected, waitMirrored } from './syncthing.mjs';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const cli = resolve(process.env.HEARTH_CLI ?? join(root, 'target/debug/hearth-cli'));
const PASSPHRASE = 'heron quilt amber cello';
/** The most changes one segment holds (hearth-store's SEGMENT_MAX_CHANGES). */
const SEGMENT_MAX_CHANGES = Number(
  /pub const SEGMENT_MAX_CHANGES: usize = ([\d_]+);/
    .exec(readFileSync(join(root, 'src-tauri/crates/store/src/sync.rs'), 'utf8'))[1]
    .replaceAll('_', ''),
);
const byId = (x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Waits for a child process to end, collecting its output; kills it past the deadline. */
function finished(child, what) {
  return new Promise((resolvePromise, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${what} did not finish within ${WAIT_MS / 1000} s`));
    }, WAIT_MS);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** One computer: a data folder and its passphrase file, driven through the CLI. */
class Computer {
  constructor(name, base) {
    this.name = name;
    this.dir = join(base, `hearth-${name}`);
    this.data = join(this.dir, 'data');
    this.passphraseFile = join(this.dir, 'passphrase');
  }

  async create() {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.passphraseFile, `${PASSPHRASE}\n`);
    await this.ok(['journal', 'init']);
  }

  spawn(args) {
    return spawn(cli, args, {
      env: {
        ...process.env,
        HOME: this.dir,
        HEARTH_DATA_DIR: this.data,
        HEARTH_PASSPHRASE_FILE: this.passphraseFile,
        HEARTH_KDF_FLOOR: '1',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
  }

  /** Runs the CLI to its end: { code, signal, stdout, stderr }. */
  run(args, { input } = {}) {
    const child = this.spawn(args);
    const done = finished(child, `${this.name}: hearth-cli ${args.join(' ')}`);
    child.stdin.end(input ?? '');
    return done;
  }

  /** Runs the CLI, which must exit 0; its stdout. */
  async ok(args, options) {
    const out = await this.run(args, options);
    assert.equal(out.code, 0, `${this.name}: hearth-cli ${args.join(' ')} exited ${out.code ?? out.signal}: ${out.stderr}`);
    return out.stdout;
  }

  async add(text) {
    return (await this.ok(['journal', 'add', '--text', text])).trim();
  }

  async entries() {
    return JSON.parse(await this.ok(['journal', 'list', '--limit', '1000000', '--json'])).sort(byId);
  }

  async rituals() {
    return JSON.parse(await this.ok(['rituals', 'list', '--json'])).sort(byId);
  }

  async occurrences() {
    const list = JSON.parse(await this.ok(['rituals', 'occurrences', '--from', '2026-12-01', '--to', '2026-12-14', '--json']));
    return list.sort((x, y) => `${x.ritual_id} ${x.key}`.localeCompare(`${y.ritual_id} ${y.key}`));
  }

  async status() {
    return JSON.parse(await this.ok(['sync', 'status', '--json']));
  }

  /** One round, which must apply everything it found (exit 0); its report. */
  async syncNow() {
    return JSON.parse(await this.ok(['sync', 'now', '--json']));
  }
}

let base;
let st; // { a, b }: the two Syncthing instances
let ana; // on instance a's copy of "couple"
let sam; // on instance b's copy of "couple"
let anaDevice;

const kill = () => {
  st?.a.kill();
  st?.b.kill();
};
process.once('exit', kill);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    kill();
    process.exit(130);
  });
}

before(async () => {
  assert.ok(existsSync(cli), `${cli} is missing: build it with cargo build -p hearth-cli`);
  base = await mkdtemp(join(tmpdir(), 'hearth-syncthing-'));
  st = await syncthingPair(base, ['couple', 'big']);
  await st.a.start();
  await st.b.start();
  await waitConnected(st.a, st.b);
}, { timeout: 180000 });

after(async () => {
  await Promise.all([st?.a.stop(), st?.b.stop()]).catch(kill);
  kill();
  if (base && !process.env.HEARTH_SYNC_KEEP) await rm(base, { recursive: true, force: true });
  else if (base) console.log(`kept ${base}`);
}, { timeout: 60000 });

/**
 * Runs `sync now` on each computer in turn, then waits until Syncthing has carried the folder
 * both ways, until a round after such a wait writes and applies nothing anywhere. Every round
 * must exit 0. Returns how many rounds it took.
 */
async function converge(what, folderId = 'couple', computers = [ana, sam]) {
  const started = Date.now();
  for (let round = 1; ; round += 1) {
    assert.ok(round <= 20 && Date.now() - started < 3 * WAIT_MS, `${what}: no convergence after ${round - 1} rounds`);
    const reports = [];
    for (const computer of computers) reports.push(await computer.syncNow());
    await waitMirrored(st.a, st.b, folderId, what);
    if (round > 1 && reports.every((report) => report.written === 0 && report.applied === 0)) return round;
  }
}

/** Both computers hold the same entries, rituals and occurrences. */
async function assertSame(x, y) {
  const entries = await x.entries();
  assert.deepEqual(await y.entries(), entries, `${x.name} and ${y.name} hold different entries`);
  assert.deepEqual(await y.rituals(), await x.rituals(), `${x.name} and ${y.name} hold different rituals`);
  assert.deepEqual(await y.occurrences(), await x.occurrences(), `${x.name} and ${y.name} hold different occurrences`);
  return entries;
}

/** The file of `device` in `dir` (an exchange folder copy) whose name starts with `prefix`. */
async function fileOf(dir, device, prefix) {
  const names = (await readdir(join(dir, 'devices', device))).filter((name) => name.startsWith(prefix));
  assert.equal(names.length, 1, `expected one ${prefix}… of ${device}, found ${names.join(', ')}`);
  return `devices/${device}/${names[0]}`;
}

/** Pairs `inviter` (on instance a's copy of `folderId`) with `joiner` (on b's) through Syncthing. */
async function pair(inviter, joiner, folderId) {
  const [here, there] = [st.a.folders[folderId], st.b.folders[folderId]];
  const timeline = { setup: Date.now() };
  await inviter.ok(['sync', 'setup', '--folder', here]);
  timeline.setUp = Date.now();
  const code = await inviter.ok(['sync', 'invite']);
  assert.equal(code.trim().split('\n').length, 1, `the code is one line: ${code}`);
  const inviterDevice = (await inviter.status()).device;
  await waitArrived(st.a, st.b, folderId, 'hearth-exchange.json');
  await waitArrived(st.a, st.b, folderId, await fileOf(here, inviterDevice, 'invitation-'));
  await writeFile(join(joiner.dir, 'code'), code);
  timeline.join = Date.now();
  await joiner.ok(['sync', 'join', '--folder', there, '--code-file', join(joiner.dir, 'code')]);
  timeline.joined = Date.now();
  const joinerDevice = (await joiner.status()).device;
  await waitArrived(st.b, st.a, folderId, await fileOf(there, joinerDevice, 'join-'));
  timeline.takeIn = Date.now();
  const report = await inviter.syncNow();
  assert.equal(report.joined, true, `${inviter.name}'s sync now did not take ${joiner.name} in: ${JSON.stringify(report)}`);
  for (const [computer, other] of [
    [inviter, joinerDevice],
    [joiner, inviterDevice],
  ]) {
    const status = await computer.status();
    assert.equal(status.paired, true);
    assert.equal(status.syncthing, true, `${computer.name} sees the folder as Syncthing's`);
    assert.deepEqual(
      status.devices.map((device) => device.device),
      [other],
    );
  }
  return { inviterDevice, joinerDevice, timeline };
}

test('paired through the synced folder, entries, rituals and marks written on both sides while offline converge', async (t) => {
  ana = new Computer('ana', base);
  sam = new Computer('sam', base);
  await ana.create();
  await sam.create();
  ({ inviterDevice: anaDevice } = await pair(ana, sam, 'couple'));

  const early = await ana.add("Written on Ana's computer before Sam goes offline.");
  const doomed = await ana.add('A line Sam deletes while offline.');
  const samEarly = await sam.add("Written on Sam's computer before going offline.");
  await converge('before going offline');
  assert.deepEqual((await sam.entries()).map((entry) => entry.id).sort(), [early, doomed, samEarly].sort());

  // Offline: Sam's Syncthing is stopped while both write.
  await st.b.stop();
  const anaOffline = [await ana.add('Ana, offline, first.'), await ana.add('Ana, offline, second.')];
  const anaRitual = (
    await ana.ok(['rituals', 'add', '--title', 'Evening walk', '--rrule', 'FREQ=DAILY', '--start', '2026-12-01T20:00'])
  ).trim();
  await ana.ok(['journal', 'edit', early, '--text', 'Edited by Ana while Sam was offline.']);
  const samOffline = [await sam.add('Sam, offline, first.'), await sam.add('Sam, offline, second.')];
  const samRitual = (
    await sam.ok([
      'rituals',
      'add',
      '--title',
      'Sunday pancakes',
      '--rrule',
      'FREQ=WEEKLY;BYDAY=SU',
      '--start',
      '2026-12-06T09:00',
    ])
  ).trim();
  await sam.ok(['journal', 'delete', doomed]);
  // Marks, as a reminder's Done and Skip make them.
  await ana.ok(['rituals', 'mark', anaRitual, '2026-12-01T20:00', 'done']);
  await sam.ok(['rituals', 'mark', samRitual, '2026-12-06T09:00', 'skipped']);
  const [anaRound, samRound] = [await ana.syncNow(), await sam.syncNow()];
  assert.ok(anaRound.written > 0 && samRound.written > 0, 'both wrote segments while offline');
  assert.equal(samRound.applied, 0, 'nothing of Ana reached Sam while his Syncthing was stopped');
  assert.ok(!(await sam.entries()).some((entry) => anaOffline.includes(entry.id)));

  await st.b.start();
  await waitConnected(st.a, st.b);
  const rounds = await converge('after coming back online');
  const entries = await assertSame(ana, sam);
  assert.deepEqual(entries.map((entry) => entry.id).sort(), [early, samEarly, ...anaOffline, ...samOffline].sort());
  assert.equal(entries.find((entry) => entry.id === early).text, 'Edited by Ana while Sam was offline.');
  assert.deepEqual((await sam.rituals()).map((ritual) => ritual.id).sort(), [anaRitual, samRitual].sort());
  const marks = (await sam.occurrences()).filter((occurrence) => occurrence.state !== null);
  assert.deepEqual(
    marks.map((occurrence) => [occurrence.ritual_id, occurrence.key, occurrence.state]).sort(),
    [
      [anaRitual, '2026-12-01T20:00', 'done'],
      [samRitual, '2026-12-06T09:00', 'skipped'],
    ].sort(),
    'the marks made apart are on both computers',
  );
  for (const computer of [ana, sam]) {
    const status = await computer.status();
    assert.deepEqual(status.refused, [], `${computer.name} refused files`);
    assert.equal(status.waitingNotebook, 0);
    assert.equal(status.waitingCalendar, 0);
  }
  t.diagnostic(`converged in ${rounds} rounds of sync now after Sam's Syncthing came back`);
});

test('conflict copies injected by hand are ignored', async () => {
  const [here, there] = [st.a.folders.couple, st.b.folders.couple];
  await st.b.stop();
  const planted = await ana.add('Written while a conflict copy is planted.');
  assert.ok((await ana.syncNow()).written >= 1);
  const newest = (await readdir(join(here, 'devices', anaDevice)))
    .filter((name) => /^notebook-\d+\.hseg$/.test(name))
    .sort()
    .at(-1);
  const dir = `devices/${anaDevice}`;
  assert.ok(!existsSync(join(there, dir, newest)), `${newest} reached Sam's copy with his Syncthing stopped`);
  const stem = newest.replace(/\.hseg$/, '');
  const copies = [
    `${stem}.sync-conflict-20261201-120000-${st.b.id.slice(0, 7)}.hseg`,
    `${stem} (conflicted copy).hseg`,
    `${stem} (Sam's conflicted copy 2026-12-01).hseg`,
  ];
  for (const copy of copies) await copyFile(join(here, dir, newest), join(there, dir, copy));

  const before = await sam.entries();
  const report = await sam.syncNow(); // exit 0
  assert.deepEqual(
    {
      applied: report.applied,
      changes: report.changes,
      refused: report.refused,
    },
    { applied: 0, changes: 0, refused: [] },
  );
  assert.deepEqual(await sam.entries(), before, 'nothing applied from a conflict copy');

  await st.b.start();
  await waitConnected(st.a, st.b);
  await converge('with conflict copies in the folder');
  for (const copy of copies) assert.ok(existsSync(join(here, dir, copy)), `${copy} reached Ana's copy too`);
  const entries = await assertSame(ana, sam);
  assert.equal(entries.filter((entry) => entry.id === planted).length, 1, 'the entry arrived once, from its own segment');
  for (const computer of [ana, sam]) assert.deepEqual((await computer.status()).refused, []);
});

test('kill -9 of the CLI mid-write loses no acknowledged entry and applies no segment in part', async (t) => {
  // Ana writes entries (one `journal add` at a time, each printing the id once it is saved, and
  // now and then a batch through --stdin-lines, which prints each id as it is saved), some of
  // them killed at random moments, while `sync now` runs again and again on her side and is
  // killed at random moments (two in three); Sam applies what arrives meanwhile.
  const acknowledged = [];
  const killed = {
    adds: 0,
    batches: 0,
    syncs: 0,
    syncRuns: 0,
    leftSomething: 0,
  };
  const arriving = []; // Sam's refusals during the run: only segments still arriving
  const anaDir = join(st.a.folders.couple, 'devices', anaDevice);
  let writing = true;
  const writer = (async () => {
    // At least one single add and one batch must be killed. A batch is killed once it has
    // printed a random number of ids (its state, not the clock, so a fast machine cannot finish
    // it first); a single add at a random moment, and after the 30 planned writes, more tries
    // with an ever shorter delay until both kinds have been killed.
    try {
      for (let i = 0; i < 30 || killed.adds < 1 || killed.batches < 1; i += 1) {
        assert.ok(i < 80, `too many writes before both kinds were killed: ${JSON.stringify(killed)}`);
        const extra = i >= 30;
        const batch = extra ? killed.batches < 1 : i % 10 === 4; // i = 4, 14, 24
        const size = batch ? 1500 : 1;
        const args = batch
          ? ['journal', 'add', '--stdin-lines']
          : ['journal', 'add', '--text', `Written under kill -9, number ${i}.`];
        const child = ana.spawn(args);
        child.stdin.end(batch ? `${Array.from({ length: size }, (_, j) => `Batch ${i}, line ${j}.`).join('\n')}\n` : '');
        let timer;
        if (batch && i !== 24) {
          const killAfter = randomInt(1, size / 2); // ids printed
          let printed = 0;
          child.stdout.setEncoding('utf8').on('data', (chunk) => {
            printed += chunk.split('\n').length - 1;
            if (printed >= killAfter) child.kill('SIGKILL');
          });
        } else if (!batch && (extra || i % 4 === 3)) {
          const within = extra ? Math.max(5, Math.round(300 * 0.7 ** (i - 30))) : 300;
          timer = setTimeout(() => child.kill('SIGKILL'), randomInt(0, within));
        }
        const out = await finished(child, args.join(' '));
        clearTimeout(timer);
        const ids = out.stdout.split('\n').slice(0, -1); // whole lines only: each printed once saved
        if (out.signal === 'SIGKILL') killed[batch ? 'batches' : 'adds'] += 1;
        else {
          assert.equal(out.code, 0, `${args.join(' ')} exited ${out.code}: ${out.stderr}`);
          assert.equal(ids.length, size);
        }
        acknowledged.push(...ids);
      }
    } finally {
      writing = false;
    }
  })();
  const syncer = (async () => {
    let longest = 400; // the longest sync now seen to finish, in ms
    while (writing || killed.syncs < 6) {
      assert.ok(killed.syncRuns < 400, 'too many sync now runs');
      killed.syncRuns += 1;
      const before = new Set(await readdir(anaDir));
      const child = ana.spawn(['sync', 'now', '--json']);
      child.stdin.end();
      const started = Date.now();
      const timer = killed.syncRuns % 3 === 0 ? undefined : setTimeout(() => child.kill('SIGKILL'), randomInt(0, longest));
      const out = await finished(child, 'sync now');
      clearTimeout(timer);
      if (out.signal === 'SIGKILL') {
        killed.syncs += 1;
        if ((await readdir(anaDir)).some((name) => !before.has(name))) killed.leftSomething += 1;
      } else {
        assert.equal(out.code, 0, `Ana's sync now exited ${out.code}: ${out.stderr}`);
        longest = Math.max(longest, Date.now() - started);
      }
    }
  })();
  const reader = (async () => {
    while (writing) {
      const out = await sam.run(['sync', 'now', '--json']);
      if (out.code === 4) {
        for (const refusal of JSON.parse(out.stdout).refused) {
          assert.match(refusal.reason, /still arriving/, `Sam refused ${refusal.file}: ${refusal.reason}`);
          arriving.push(refusal.file);
        }
      } else assert.equal(out.code, 0, `Sam's sync now exited ${out.code}: ${out.stderr}`);
    }
  })();
  const results = await Promise.allSettled([writer, syncer, reader]);
  for (const result of results) if (result.status === 'rejected') throw result.reason;
  assert.ok(killed.syncs >= 6 && killed.adds >= 1 && killed.batches >= 1, JSON.stringify(killed));

  await converge('after kill -9 of sync now');
  const entries = await assertSame(ana, sam);
  const ids = new Set(entries.map((entry) => entry.id));
  assert.deepEqual(
    acknowledged.filter((id) => !ids.has(id)),
    [],
    'acknowledged entries lost',
  );
  const samStatus = await sam.status();
  assert.deepEqual(samStatus.refused, [], 'Sam still refuses files');
  const leftovers = (await readdir(anaDir)).filter((name) => name.endsWith('.tmp'));
  t.diagnostic(
    `${acknowledged.length} acknowledged entries; killed: ${killed.adds} journal add, ${killed.batches} journal add --stdin-lines, ` +
      `${killed.syncs} of ${killed.syncRuns} sync now (${killed.leftSomething} of them after writing into the folder); ` +
      `Sam saw ${arriving.length} segment(s) still arriving; temporary files left in Ana's device folder: ${leftovers.join(', ') || 'none'}`,
  );

  // A bulk of 3 segments' worth of entries, then kill -9 walked through writing them (Ana's
  // sync now, each attempt killed a little later than the one before: from 40 ms, so that even a
  // fast machine is caught at least once, a third more each time, with some jitter) and then
  // through applying them (Sam's), until an attempt finishes; after every kill Sam holds whole
  // segments only.
  const walkDelay = (attempt) => Math.round(40 * 1.33 ** attempt * (0.85 + Math.random() * 0.3));
  assert.equal((await ana.status()).waitingNotebook, 0);
  const count = 3 * SEGMENT_MAX_CHANGES;
  const lines = Array.from({ length: count }, (_, i) => `Bulk entry ${i}.`).join('\n');
  const bulk = new Set((await ana.ok(['journal', 'add', '--stdin-lines'], { input: `${lines}\n` })).trim().split('\n'));
  assert.equal(bulk.size, count);
  const segmentsBefore = new Set(await readdir(anaDir));
  const inFolder = async () => {
    const names = await readdir(anaDir);
    const segments = names.filter((name) => /^notebook-\d+\.hseg$/.test(name) && !segmentsBefore.has(name)).length;
    const temporary = names.filter((name) => name.endsWith('.tmp')).length;
    return { segments, temporary };
  };
  const written = [];
  for (let attempt = 0; ; attempt += 1) {
    assert.ok(attempt < 30, `Ana did not write the bulk segments: ${written.join(', ')}`);
    const child = ana.spawn(['sync', 'now', '--json']);
    child.stdin.end();
    const delay = walkDelay(attempt);
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    const out = await finished(child, 'sync now');
    clearTimeout(timer);
    const { segments, temporary } = await inFolder();
    const extra = temporary ? ` and ${temporary} temporary` : '';
    written.push(out.signal === 'SIGKILL' ? `${segments}${extra} (killed at ${delay} ms)` : `${segments}${extra}`);
    if (out.signal !== 'SIGKILL') {
      assert.equal(out.code, 0, `Ana's sync now exited ${out.code}: ${out.stderr}`);
      break;
    }
  }
  assert.equal((await inFolder()).segments, 3, `${count} entries in segments of ${SEGMENT_MAX_CHANGES}`);
  assert.equal((await ana.status()).waitingNotebook, 0);
  await waitMirrored(st.a, st.b, 'couple', 'the bulk segments');
  const held = async () => (await sam.entries()).filter((entry) => bulk.has(entry.id)).length;
  const observed = [];
  let kills = 0;
  let between = 0; // kills after which Sam held more segments than before, but not all
  let before = 0;
  for (let attempt = 0; ; attempt += 1) {
    assert.ok(attempt < 30, `Sam did not apply the bulk entries: ${observed.join(', ')}`);
    const child = sam.spawn(['sync', 'now', '--json']);
    child.stdin.end();
    const delay = walkDelay(attempt);
    const timer = setTimeout(() => child.kill('SIGKILL'), delay);
    const out = await finished(child, 'sync now');
    clearTimeout(timer);
    const holding = await held();
    observed.push(out.signal === 'SIGKILL' ? `${holding} (killed at ${delay} ms)` : `${holding}`);
    assert.equal(holding % SEGMENT_MAX_CHANGES, 0, `Sam holds ${holding} bulk entries after kill -9: a segment applied in part`);
    if (out.signal !== 'SIGKILL') {
      assert.equal(out.code, 0, `Sam's sync now exited ${out.code}: ${out.stderr}`);
      break;
    }
    kills += 1;
    if (holding > before && holding < count) between += 1;
    before = holding;
  }
  assert.equal(await held(), count);
  assert.ok(kills >= 1, 'no sync now was killed while applying');
  await converge('after kill -9 of Sam applying');
  await assertSame(ana, sam);
  assert.deepEqual((await sam.status()).refused, []);
  t.diagnostic(`Ana's new segments in the folder after each sync now: ${written.join(', ')}`);
  t.diagnostic(
    `Sam's bulk entries after each sync now (${kills} killed, ${between} between two segments): ${observed.join(', ')}`,
  );
});

test('a 10,000-entry notebook reaches the second computer complete', async (t) => {
  const count = 10_000;
  const ann = new Computer('ann-big', base);
  const ben = new Computer('ben-big', base);
  await ann.create();
  await ben.create();
  const lines = Array.from({ length: count }, (_, i) => `Entry ${i + 1} of a long notebook.`).join('\n');
  const ids = (await ann.ok(['journal', 'add', '--stdin-lines'], { input: `${lines}\n` })).trim().split('\n');
  assert.equal(new Set(ids).size, count);
  const own = [await ben.add("Ben's own entry."), await ben.add("Ben's second entry.")];

  const { timeline } = await pair(ann, ben, 'big');
  const notebook = new Set(ids);
  let rounds = 0;
  for (;;) {
    assert.ok(rounds < 10, "Ben's sync now did not bring the whole notebook");
    await waitMirrored(st.a, st.b, 'big', 'the long notebook');
    const held = (await ben.entries()).filter((entry) => notebook.has(entry.id)).length;
    if (held === count) break;
    rounds += 1;
    await ben.syncNow();
  }
  const complete = Date.now();
  await converge('the long notebook', 'big', [ann, ben]);
  const entries = await assertSame(ann, ben);
  assert.equal(entries.length, count + own.length);
  assert.ok(own.every((id) => entries.some((entry) => entry.id === id)));
  t.diagnostic(
    `10,000 entries: Ann's sync now that took Ben in → Ben complete ${seconds(complete - timeline.takeIn)} ` +
      `(Ben's sync now rounds after joining: ${rounds}); Ann's sync setup, which sealed them all → Ben complete ` +
      `${seconds(complete - timeline.setup)} (setup ${seconds(timeline.setUp - timeline.setup)}, ` +
      `Ben's join, applying what had arrived ${seconds(timeline.joined - timeline.join)})`,
  );
});
