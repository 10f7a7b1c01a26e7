// Two real Syncthing instances on loopback for Hearth's sync tests (Debian's `syncthing`
// package): each generated with `syncthing generate`, its config.xml edited to listen and serve
// its REST API on 127.0.0.1 only, with global and local discovery, relays, NAT traversal, usage
// reporting and upgrades off, the other instance as a device with a static address, and the
// given folders shared between the two. Everything lives under one temporary folder.
//
// Waits poll a state with a deadline; nothing here sleeps a fixed time in place of waiting.
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

/** The longest any one wait lasts (generous: the machine has 2 shared cores). */
export const WAIT_MS = Number(process.env.HEARTH_SYNC_WAIT_MS ?? 120_000);

/**
 * Polls `probe` until it returns something truthy, and returns that. An error thrown by the
 * probe is remembered for the timeout message, unless it has `fatal` set: then it ends the wait.
 */
export async function waitFor(what, probe, { timeoutMs = WAIT_MS, intervalMs = 200, explain } = {}) {
  const started = Date.now();
  let lastError;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      lastError = undefined;
    } catch (error) {
      if (error?.fatal) throw error;
      lastError = error;
    }
    if (Date.now() - started > timeoutMs) {
      const why = lastError ? ` (last error: ${lastError.message})` : '';
      const more = explain ? `\n${await explain()}` : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${why}${more}`);
    }
    await sleep(intervalMs);
  }
}

function fatal(message) {
  return Object.assign(new Error(message), { fatal: true });
}

/** `count` distinct free TCP ports on 127.0.0.1 (all held open at once, then released). */
export async function freePorts(count) {
  const servers = [];
  try {
    for (let i = 0; i < count; i += 1) {
      const server = createServer();
      await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', resolve);
      });
      servers.push(server);
    }
    return servers.map((server) => server.address().port);
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/** Replaces the text of the one element `<tag>…</tag>` in `xml`; throws if it is not there once. */
function setElement(xml, tag, value) {
  const pattern = new RegExp(`<${tag}>[^<]*</${tag}>`, 'g');
  const found = xml.match(pattern) ?? [];
  if (found.length !== 1) throw new Error(`config.xml has ${found.length} <${tag}> elements, expected 1`);
  return xml.replace(pattern, `<${tag}>${value}</${tag}>`);
}

/** Sets attribute `name` in the opening tag at the start of `element`. */
function setAttribute(element, name, value) {
  const pattern = new RegExp(`^(<[a-z]+\\b[^>]*?\\s${name}=")[^"]*(")`);
  if (!pattern.test(element)) throw new Error(`no ${name}= attribute in ${element.slice(0, 80)}`);
  return element.replace(pattern, `$1${value}$2`);
}

const escapeXml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** One Syncthing instance: its home (config, keys, database, log) and its copies of the folders. */
export class Syncthing {
  constructor(name, root) {
    this.name = name;
    this.root = root;
    this.home = join(root, `syncthing-${name}`);
    this.log = join(this.home, 'syncthing.log');
    this.folders = {};
    this.process = null;
  }

  /** `syncthing generate`: keys and a default config.xml; reads the device id and API key. */
  async generate() {
    await promisify(execFile)('syncthing', ['generate', `--home=${this.home}`, '--no-default-folder'], {
      env: this.env(),
    });
    const xml = await readFile(join(this.home, 'config.xml'), 'utf8');
    const self = /<device id="([A-Z0-9-]{63})" name=/.exec(xml);
    if (!self) throw new Error(`no device id in ${this.home}/config.xml`);
    this.id = self[1];
    this.apiKey = randomBytes(18).toString('base64url');
  }

  env() {
    return {
      ...process.env,
      HOME: this.root, // nothing of Syncthing's outside the temporary folder
      STNODEFAULTFOLDER: '1',
      STNOUPGRADE: '1',
      STNORESTART: '1',
      // Syncthing itself, without the monitor process that `serve` otherwise starts it under.
      STMONITORED: 'yes',
    };
  }

  /**
   * Edits config.xml: loopback addresses, everything that reaches outside off, `peer` as a
   * device at its static address, and every folder in `folderIds` shared with it.
   */
  async configure(peer, folderIds, { rescanIntervalS = 10 } = {}) {
    const path = join(this.home, 'config.xml');
    let xml = await readFile(path, 'utf8');
    const options = {
      listenAddress: `tcp://127.0.0.1:${this.listenPort}`,
      globalAnnounceEnabled: 'false',
      localAnnounceEnabled: 'false',
      relaysEnabled: 'false',
      natEnabled: 'false',
      urAccepted: '-1',
      autoUpgradeIntervalH: '0',
      reconnectionIntervalS: '1',
      startBrowser: 'false',
      crashReportingEnabled: 'false',
      announceLANAddresses: 'false',
      // Syncthing lowers its own priority by default; on a loaded machine that starves it.
      setLowPriority: 'false',
    };
    for (const [tag, value] of Object.entries(options)) xml = setElement(xml, tag, value);
    xml = xml.replace(new RegExp(`(<device id="${this.id}" name=")[^"]*"`), `$1${this.name}"`);
    xml = xml.replace(/(<gui\b[^>]*>[\s\S]*?<address>)[^<]*(<\/address>)/, `$1127.0.0.1:${this.guiPort}$2`);
    xml = setElement(xml, 'apikey', this.apiKey);

    // The folder and device templates Syncthing generated, with every default it chose.
    const defaults = /<defaults>([\s\S]*?)<\/defaults>/.exec(xml)?.[1];
    const folderTemplate = /<folder\b[\s\S]*?<\/folder>/.exec(defaults ?? '')?.[0];
    const deviceTemplate = /<device id=""[\s\S]*?<\/device>/.exec(defaults?.replace(folderTemplate, '') ?? '')?.[0];
    if (!folderTemplate || !deviceTemplate) throw new Error(`no <defaults> templates in ${path}`);
    const member = (id) =>
      `<device id="${id}" introducedBy="">\n                <encryptionPassword></encryptionPassword>\n            </device>`;
    const folders = [];
    for (const id of folderIds) {
      const dir = join(this.root, `folder-${this.name}-${id}`);
      await mkdir(join(dir, '.stfolder'), { recursive: true });
      this.folders[id] = dir;
      let folder = folderTemplate.replace(
        /<device id="[^"]*" introducedBy="">[\s\S]*?<\/device>/,
        `${member(this.id)}\n            ${member(peer.id)}`,
      );
      for (const [name, value] of Object.entries({
        id,
        label: id,
        path: escapeXml(dir),
        type: 'sendreceive',
        rescanIntervalS: String(rescanIntervalS),
        fsWatcherEnabled: 'true',
        fsWatcherDelayS: '1',
      })) {
        folder = setAttribute(folder, name, value);
      }
      folders.push(folder);
    }
    let device = deviceTemplate.replace('<device id=""', `<device id="${peer.id}" name="${peer.name}"`);
    device = device.replace(/<address>[^<]*<\/address>/, `<address>tcp://127.0.0.1:${peer.listenPort}</address>`);
    xml = xml.replace(/(\n\s*<gui\b)/, `\n    ${folders.join('\n    ')}\n    ${device}$1`);
    await writeFile(path, xml);
  }

  get running() {
    return this.process !== null && this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Starts `syncthing serve` and waits until its REST API answers. */
  async start() {
    if (this.running) throw new Error(`${this.name}'s Syncthing is already running`);
    const log = openSync(this.log, 'a');
    try {
      this.process = spawn(
        'syncthing',
        ['serve', '--no-browser', '--no-restart', '--no-upgrade', `--home=${this.home}`, '--logflags=3'],
        // Its own process group, signalled as a whole (should a monitor process run after all).
        { env: this.env(), stdio: ['ignore', log, log], detached: true },
      );
    } finally {
      closeSync(log);
    }
    const child = this.process;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await waitFor(`${this.name}'s Syncthing to answer on 127.0.0.1:${this.guiPort}`, async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw fatal(`${this.name}'s Syncthing exited (${child.exitCode ?? child.signalCode}):\n${this.logTail()}`);
      }
      return (await this.rest('GET', '/rest/system/ping', 5_000))?.ping === 'pong';
    });
  }

  /**
   * Stops the instance: SIGTERM, then SIGKILL if it is still there after 30 s; returns once no
   * process of its group is left.
   */
  async stop() {
    if (!this.process) return;
    this.signal('SIGTERM');
    try {
      await waitFor(`${this.name}'s Syncthing to exit`, () => !this.groupAlive(), { timeoutMs: 30_000, intervalMs: 100 });
    } catch {
      this.signal('SIGKILL');
      await waitFor(`${this.name}'s Syncthing to die`, () => !this.groupAlive(), { intervalMs: 100 });
    }
    await this.exited;
    this.process = null; // its group id is free again: never signalled after this
  }

  /** Whether a live (not zombie) process of the instance's process group is left. */
  groupAlive() {
    if (!this.process) return false;
    const group = String(this.process.pid);
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let stat;
      try {
        stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      } catch {
        continue; // gone meanwhile
      }
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (pgrp === group && state !== 'Z') return true;
    }
    return false;
  }

  /** Ends the instance at once (test teardown). */
  kill() {
    if (this.process) this.signal('SIGKILL');
  }

  signal(name) {
    if (!this.process) return;
    try {
      process.kill(-this.process.pid, name);
    } catch (error) {
      if (error.code !== 'ESRCH') throw error;
    }
  }

  async rest(method, path, timeoutMs = 30_000) {
    const response = await fetch(`http://127.0.0.1:${this.guiPort}${path}`, {
      method,
      headers: { 'X-API-Key': this.apiKey },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`${this.name} ${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /** Whether this instance has a live connection to `peer`. */
  async connectedTo(peer) {
    const { connections } = await this.rest('GET', '/rest/system/connections');
    return connections?.[peer.id]?.connected === true;
  }

  /** Asks for a rescan of `folderId` now (the file watcher would notice too, later). */
  nudge(folderId) {
    if (!this.running) return;
    this.rest('POST', `/rest/db/scan?folder=${encodeURIComponent(folderId)}`, WAIT_MS).catch(() => {});
  }

  logTail(lines = 25) {
    try {
      return readFileSync(this.log, 'utf8')
        .trimEnd()
        .split('\n')
        .slice(-lines)
        .map((l) => `  ${this.name}| ${l}`)
        .join('\n');
    } catch {
      return `  ${this.name}| (no log)`;
    }
  }
}

/**
 * Two instances, `a` and `b`, configured for each other and sharing `folderIds`, not started.
 * Their copies of folder `id` are `a.folders[id]` and `b.folders[id]`.
 */
export async function syncthingPair(root, folderIds) {
  const a = new Syncthing('a', root);
  const b = new Syncthing('b', root);
  [a.listenPort, a.guiPort, b.listenPort, b.guiPort] = await freePorts(4);
  await a.generate();
  await b.generate();
  await a.configure(b, folderIds);
  await b.configure(a, folderIds);
  return { a, b };
}

/** Waits until both (running) instances are connected to each other. */
export async function waitConnected(a, b) {
  await waitFor(
    `Syncthing ${a.name} and ${b.name} to connect`,
    async () => (await a.connectedTo(b)) && (await b.connectedTo(a)),
    {
      intervalMs: 250,
      explain: () => `${a.logTail()}\n${b.logTail()}`,
    },
  );
}

/** Syncthing's own files in a folder, never compared. */
const syncthingOwn = (name) =>
  name === '.stfolder' ||
  name === '.stversions' ||
  name === '.stignore' ||
  /^\.syncthing\..*\.tmp$/.test(name) ||
  /^~syncthing~.*\.tmp$/.test(name);

/** Every file under `dir` but Syncthing's own, as relative path → SHA-256 of its bytes. */
export async function tree(dir) {
  const files = new Map();
  const walk = async (relative) => {
    let entries;
    try {
      entries = await readdir(join(dir, relative), { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOENT') return; // removed while we looked
      throw error;
    }
    for (const entry of entries) {
      if (syncthingOwn(entry.name)) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await walk(path);
      } else {
        try {
          files.set(
            path,
            createHash('sha256')
              .update(await readFile(join(dir, path)))
              .digest('hex'),
          );
        } catch (error) {
          if (error.code !== 'ENOENT') throw error;
        }
      }
    }
  };
  await walk('');
  return files;
}

function treeDifference(x, y) {
  const lines = [];
  for (const [path, hash] of x) if (y.get(path) !== hash) lines.push(`  ${y.has(path) ? 'differs' : 'only in a'}: ${path}`);
  for (const path of y.keys()) if (!x.has(path)) lines.push(`  only in b: ${path}`);
  return lines.join('\n');
}

/**
 * Waits until both copies of `folderId` hold the same files with the same bytes (Syncthing has
 * carried everything both ways). Asks both instances to rescan now and then, so a change is
 * not left to the watcher's delay alone.
 */
export async function waitMirrored(a, b, folderId, what = 'the exchange folder') {
  let nudged = 0;
  let last = [new Map(), new Map()];
  const started = Date.now();
  await waitFor(
    `${what}: Syncthing to carry ${folderId} both ways`,
    async () => {
      if (!a.running || !b.running) throw fatal(`waiting for ${folderId} to be mirrored while a Syncthing is stopped`);
      if (Date.now() - nudged > 5_000) {
        nudged = Date.now();
        a.nudge(folderId);
        b.nudge(folderId);
      }
      last = await Promise.all([tree(a.folders[folderId]), tree(b.folders[folderId])]);
      return treeDifference(...last) === '';
    },
    {
      explain: () => `${treeDifference(...last)}\n${a.logTail()}\n${b.logTail()}`,
    },
  );
  return Date.now() - started;
}

/** Waits until `relative` in `to`'s copy of `folderId` holds the same bytes as in `from`'s. */
export async function waitArrived(from, to, folderId, relative) {
  const expected = await readFile(join(from.folders[folderId], relative));
  from.nudge(folderId);
  let nudged = Date.now();
  await waitFor(
    `${relative} to arrive in ${to.name}'s copy of ${folderId}`,
    async () => {
      if (Date.now() - nudged > 5_000) {
        nudged = Date.now();
        from.nudge(folderId);
      }
      const found = await readFile(join(to.folders[folderId], relative)).catch(() => null);
      return found !== null && found.equals(expected);
    },
    { explain: () => `${from.logTail()}\n${to.logTail()}` },
  );
}
