// The release pipeline and installer configuration, checked without building anything: the
// workflow passes actionlint, signing keys never meet the UI build, the updater is configured
// but off by default, and the icons and desktop entry are what the installers need.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const requireFromUi = createRequire(join(root, 'ui/package.json'));
const { createLinter } = requireFromUi('actionlint');
const YAML = requireFromUi('yaml');

const read = (path) => readFileSync(join(root, path), 'utf8');
const workflowsDir = '.github/workflows';
const workflowFiles = readdirSync(join(root, workflowsDir)).filter((name) => /\.ya?ml$/.test(name));
const release = YAML.parse(read(`${workflowsDir}/release.yml`));
const tauriConfig = JSON.parse(read('tauri.conf.json'));
const lint = await createLinter();

test('every workflow passes actionlint', () => {
  assert.ok(workflowFiles.length > 0, 'no workflow found');
  for (const name of workflowFiles) {
    const problems = lint(read(`${workflowsDir}/${name}`), name);
    assert.deepEqual(
      problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`),
      [],
      `${name} has problems`,
    );
  }
});

test('actionlint catches a typo in the release workflow', () => {
  const broken = read(`${workflowsDir}/release.yml`).replace(
    'runs-on: ${{ matrix.runner }}',
    'runs-on: ${{ matrix.runer }}',
  );
  const problems = lint(broken, 'release.yml');
  assert.ok(
    problems.some((p) => p.message.includes('runer')),
    `expected the misspelt matrix key to be reported, got ${JSON.stringify(problems)}`,
  );
});

test('the release builds Linux, Windows and macOS installers into a draft release', () => {
  assert.deepEqual(Object.keys(release.on).sort(), ['push', 'workflow_dispatch']);
  assert.deepEqual(release.on.push.tags, ['v*']);
  const matrix = release.jobs.installers.strategy.matrix.include;
  assert.deepEqual(matrix.map((row) => row.name), ['Linux', 'Windows', 'macOS']);
  assert.match(matrix[0]['bundle-args'], /deb/);
  assert.match(matrix[0]['bundle-args'], /appimage/);
  assert.match(matrix[1]['bundle-args'], /nsis/);
  assert.match(matrix[2]['bundle-args'], /dmg/);
  const build = release.jobs.installers.steps.find((step) => String(step.uses).startsWith('tauri-apps/tauri-action'));
  assert.equal(build.with.releaseDraft, true);
  assert.equal(build.with.includeUpdaterJson, true);
});

test('signing keys reach only the bundling step, and no UI build runs there', () => {
  const steps = release.jobs.installers.steps;
  const withSecrets = steps.filter((step) => JSON.stringify(step.env ?? {}).includes('secrets.'));
  assert.deepEqual(
    withSecrets.map((step) => step.uses),
    ['tauri-apps/tauri-action@v0'],
    'only the tauri-action step may see secrets',
  );
  const uiBuild = steps.find((step) => step.name === 'Build the UI');
  assert.ok(uiBuild, 'the UI is built in its own step');
  assert.ok(steps.indexOf(uiBuild) < steps.indexOf(withSecrets[0]), 'the UI is built before the keys appear');
  assert.equal(release.env, undefined, 'no workflow-wide environment');
  assert.equal(release.jobs.installers.env, undefined, 'no job-wide environment');
  // With no beforeBuildCommand the bundler never starts a UI build next to the keys, and Vite
  // exposes only VITE_ variables to the page unless envPrefix widens it.
  assert.equal(tauriConfig.build.beforeBuildCommand, undefined);
  assert.doesNotMatch(read('ui/vite.config.ts'), /envPrefix/);
});

test('the updater is configured with a public key and an https feed, and builds its artifacts only in the release', () => {
  const updater = tauriConfig.plugins.updater;
  assert.match(Buffer.from(updater.pubkey, 'base64').toString('utf8'), /^untrusted comment: minisign public key/);
  assert.ok(updater.endpoints.length > 0);
  for (const endpoint of updater.endpoints) assert.match(endpoint, /^https:\/\/.+\/latest\.json$/);
  assert.equal(tauriConfig.bundle.createUpdaterArtifacts, undefined, 'local builds need no signing key');
  const releaseConfig = JSON.parse(read('.github/release.tauri.conf.json'));
  assert.equal(releaseConfig.bundle.createUpdaterArtifacts, true);
});

function pngSize(path) {
  const bytes = readFileSync(join(root, 'src-tauri', path));
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${path} is not a PNG`);
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

test('every bundled PNG icon has the size its name says, and none is a scaled (@2x) copy', () => {
  const pngs = tauriConfig.bundle.icon.filter((path) => path.endsWith('.png'));
  assert.deepEqual(
    pngs.map((path) => path.match(/(\d+)x\d+\.png$/)?.[1]),
    ['32', '64', '128', '256', '512'],
  );
  for (const path of pngs) {
    const side = Number(path.match(/(\d+)x\d+\.png$/)[1]);
    assert.deepEqual(pngSize(path), [side, side], path);
  }
  assert.deepEqual(pngSize('icons/tray-32x32.png'), [32, 32]);
  assert.deepEqual(pngSize('icons/tray-64x64.png'), [64, 64]);
  assert.match(read('src-tauri/src/tray.rs'), /include_image!\("icons\/tray-64x64\.png"\)/);
});

test("the Linux packages use Hearth's desktop entry, with a real category and both dependencies", () => {
  const { deb, rpm } = tauriConfig.bundle.linux;
  assert.equal(deb.desktopTemplate, 'linux/hearth.desktop');
  assert.equal(rpm.desktopTemplate, 'linux/hearth.desktop');
  assert.ok(deb.depends.includes('libayatana-appindicator3-1'));
  assert.ok(rpm.depends.includes('libayatana-appindicator-gtk3'));
  const entry = read('src-tauri/linux/hearth.desktop').split('\n');
  for (const line of ['[Desktop Entry]', 'Type=Application', 'Exec={{exec}}', 'Icon={{icon}}', 'Categories=Utility;']) {
    assert.ok(entry.includes(line), `the desktop entry lacks ${line}`);
  }
  for (const key of ['copyright', 'license', 'publisher', 'shortDescription', 'longDescription']) {
    assert.ok(tauriConfig.bundle[key], `bundle.${key} is empty`);
  }
  assert.equal(tauriConfig.identifier, 'app.hearth.desktop');
});
