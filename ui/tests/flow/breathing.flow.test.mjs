// @ts-check
// Breathing together in headless Chromium with the page's clock under the test's control: the
// phase follows `now - start` exactly, survives a reload, and the shape only moves by transform.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { artifacts, flowSuite, openWithCore, quietTodayAnswer, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */

const patterns = JSON.parse(
  await readFile(fileURLToPath(new URL('../fixtures/breathing-patterns.json', import.meta.url)), 'utf8'),
);
const START = Date.parse('2026-11-26T20:00:00Z');

const suite = flowSuite({ before, after });

function mockCore() {
  const state = { session: null, stopped: 0, nextStart: START, now: () => START };
  /** @type {MockCore} */
  const answers = {
    breathing_patterns: () => ({ ok: patterns }),
    breathing_start: (args) => {
      const pattern = patterns.find((p) => p.id === args.patternId);
      const cycle = pattern.cycleMillis;
      state.session = {
        pattern,
        startedAtMs: state.nextStart,
        durationMs: Math.ceil((args.minutes * 60_000) / cycle) * cycle,
        pausedAtMs: null,
      };
      return { ok: state.session };
    },
    breathing_pause: (args) => {
      const session = state.session;
      if (!session) return { ok: null };
      if (args.pause) session.pausedAtMs ??= state.now();
      else if (session.pausedAtMs !== null) {
        session.startedAtMs += state.now() - session.pausedAtMs;
        session.pausedAtMs = null;
      }
      return { ok: { ...session } };
    },
    breathing_session: () => ({ ok: state.session }),
    breathing_stop: () => {
      state.session = null;
      state.stopped += 1;
      return { ok: null };
    },
    occurrence_list: () => ({ ok: [] }),
    occurrence_missed: () => ({ ok: [] }),
    app_first_paint: () => ({ ok: null }),
  };
  const handle = (command, args) => {
    const answer = answers[command];
    if (answer) return answer(args);
    return quietTodayAnswer(command) ?? { error: { kind: 'internal', message: `no mock for ${command}` } };
  };
  return { state, handle };
}

test('a session follows the clock, survives a reload, and ends when asked', async () => {
  const core = mockCore();
  // The page's clock is the test's: time moves only when the test moves it, and the timers the
  // session sets fire as it passes, as they would in real time.
  const { page, context, errors } = await openWithCore(suite.browser, suite.server.url, core, {
    prepare: (page) => page.clock.install({ time: START - 60_000 }),
  });
  await page.getByLabel('Session length').selectOption('1');
  let now = 0;
  core.state.now = () => START + now;
  const at = async (ms) => {
    await page.clock.runFor(ms - now);
    now = ms;
  };
  await page.clock.pauseAt(START);
  // "Six a minute": in for 4 s, out for 6 s.
  await page.getByRole('article', { name: 'Six a minute' }).getByRole('button', { name: 'Breathe together' }).click();
  const dialog = page.getByRole('dialog', { name: 'Six a minute, together' });
  await dialog.getByText('If you feel light-headed, let the rhythm go and breathe normally', { exact: false }).waitFor();
  await dialog.waitFor();
  await at(500);
  assert.equal(await dialog.locator('.word').textContent(), 'In');
  assert.equal(await dialog.locator('.count').textContent(), '4');
  await at(4_500);
  assert.equal(await dialog.locator('.word').textContent(), 'Out');
  assert.equal(await dialog.locator('.count').textContent(), '6');
  // The shape glides by its transform alone, in eased steps, to the out-breath's size.
  const glide = await dialog.locator('.shape').evaluate((shape) => {
    const [animation] = shape.getAnimations();
    const frames = /** @type {KeyframeEffect} */ (animation.effect).getKeyframes();
    return { duration: animation.effect.getTiming().duration, last: frames.at(-1).transform, props: Object.keys(frames[0]) };
  });
  assert.equal(glide.duration, 6000);
  assert.equal(glide.last, 'scale(0.6)');
  assert.deepEqual(
    glide.props.filter((key) => !['offset', 'easing', 'composite', 'computedOffset'].includes(key)),
    ['transform'],
  );
  await page.screenshot({ path: join(artifacts, 'flow-breathing.png') });

  // After the minute, it closes gently; nothing ticks on.
  await at(60_001);
  await page.getByText('That was 1 minute of breathing side by side.').waitFor({ timeout: 5000 });
  await page.getByRole('button', { name: 'Close' }).click();
  assert.equal(await page.getByRole('dialog').count(), 0);

  // A reload (the notebook locking, say) picks the rhythm up where it is: 22.5 s in is "In".
  core.state.nextStart = START + 60_001;
  await page.getByRole('article', { name: 'Six a minute' }).getByRole('button', { name: 'Breathe together' }).click();
  await page.getByRole('dialog').waitFor();
  await at(60_001 + 22_400);
  await page.reload();
  await page.getByRole('dialog').waitFor({ timeout: 5000 });
  await at(60_001 + 22_500);
  assert.equal(await page.locator('.session .word').textContent(), 'In');

  // Paused, the rhythm holds still however long it waits, and carries on from the same place.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByText('Paused', { exact: true }).waitFor();
  await at(60_001 + 22_500 + 30_000);
  assert.equal(await page.locator('.session .word').textContent(), 'In');
  await page.getByRole('button', { name: 'Carry on' }).click();
  await page.getByRole('button', { name: 'Pause' }).waitFor();
  await at(60_001 + 22_500 + 30_000 + 2_000);
  assert.equal(await page.locator('.session .word').textContent(), 'Out', '2.5 s into the in-breath, then 2 s more: out');

  // Ending early tells the core.
  await page.getByRole('button', { name: 'End session' }).click();
  assert.equal(core.state.stopped, 1);
  await page.getByRole('article', { name: 'Box' }).getByRole('button', { name: 'Breathe together' }).click();
  // axe waits on timers of its own, so the clock runs again for it.
  await page.clock.resume();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'End session' }).click();
  assert.equal(core.state.stopped, 2);
  assert.deepEqual(errors, []);
  await context.close();
});
