// @ts-check
// The pages the shell opens by hash, in headless Chromium against the built UI: a reminder's
// card (#/ritual/<id>/<occurrence>) with Start, Done, a snooze and Skip; the first close's
// question (#/closing); and a practice opened from a reminder (#/open/<practice>).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { artifacts, fail, flowSuite, ok, openWithCore, quietTodayAnswer, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */
/** @typedef {import('../../src/lib/bindings').Occurrence} Occurrence */

const suite = flowSuite({ before, after });

function mockCore() {
  /** @type {Occurrence} */
  const occurrence = {
    ritualId: 'r1',
    title: 'Phones-off hour',
    practice: 'phones_off_hour',
    practiceName: 'Phones-off hour',
    key: '2026-12-01T20:00',
    startLocal: '2026-12-01T20:00',
    start: '2026-12-01T19:00:00Z',
    end: '2026-12-01T20:00:00Z',
    tz: 'Europe/Paris',
    state: null,
  };
  const state = {
    occurrence,
    acted: /** @type {string[]} */ ([]),
    started: /** @type {string[]} */ ([]),
    closeChoice: /** @type {boolean[]} */ ([]),
  };
  /** @type {MockCore} */
  const answers = {
    occurrence_get: ({ ritualId, occurrence: key }) =>
      ritualId === 'r1' && key === occurrence.key ? ok(state.occurrence) : fail('not_found', `no ritual with id ${ritualId}`),
    occurrence_act: ({ action }) => {
      state.acted.push(action);
      const next = { done: 'done', skip: 'skipped', snooze: 'snoozed', clear: null }[action];
      state.occurrence = { ...state.occurrence, state: /** @type {Occurrence['state']} */ (next) };
      return ok(null);
    },
    ritual_start: ({ ritualId }) => {
      state.started.push(ritualId);
      return ok(null);
    },
    window_close_choice: ({ keepRunning }) => {
      state.closeChoice.push(keepRunning);
      return ok(null);
    },
    practice_guides: () =>
      ok([
        {
          practice: 'phones_off_hour',
          name: 'Phones-off hour',
          summary: 'An hour together.',
          why: '',
          source: null,
          evidence: '',
          minutes: 60,
        },
      ]),
    breathing_patterns: () => ok([]),
    occurrence_list: () => ok([]),
    occurrence_missed: () => ok([]),
    app_first_paint: () => ok(null),
  };
  /** @param {string} command @param {any} args */
  const handle = (command, args) => {
    const answer = /** @type {Record<string, (request: any) => unknown>} */ (answers)[command];
    if (answer) return answer(args);
    return quietTodayAnswer(command, args) ?? fail('internal', `no mock for ${command}`);
  };
  return { state, handle };
}

/** @param {ReturnType<typeof mockCore>} core @param {string} hash @param {string} [colorScheme] */
function open(core, hash, colorScheme = 'light') {
  return openWithCore(suite.browser, `${suite.server.url}${hash}`, core, { colorScheme });
}

test("a reminder's card snoozes, undoes, and starts the practice", async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/ritual/r1/2026-12-01T20:00', 'dark');
  const heading = page.getByRole('heading', { name: 'Phones-off hour', level: 1 });
  await heading.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'ritual-card-title');
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-ritual-card-dark.png'), fullPage: true });

  await page.getByRole('button', { name: 'In ten minutes' }).click();
  await page.getByText('A reminder comes again in ten minutes.', { exact: true }).first().waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Skip this time' }).waitFor();
  assert.deepEqual(core.state.acted, ['snooze', 'clear']);

  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForFunction(() => window.location.hash === '#/practices/phones-off');
  assert.deepEqual(core.state.started, ['r1']);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a card for a ritual that is gone says so and leads to the rituals', async () => {
  const core = mockCore();
  const { page, context } = await open(core, '#/ritual/gone/2026-12-01T20:00');
  await page.getByRole('alert').getByText('no ritual with id gone').waitFor();
  await page.getByRole('link', { name: 'See the rituals' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Try again' }).count(), 0);
  await context.close();
});

test('the first close explains, asks once, and goes back to where it was', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/rituals');
  await page.evaluate(() => {
    window.location.hash = '#/closing';
  });
  await page.getByRole('heading', { name: 'Hearth stays for your reminders' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'closing-title');
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-closing.png'), fullPage: true });
  await page.getByRole('button', { name: 'Keep running for reminders' }).click();
  await page.waitForFunction(() => window.location.hash === '#/rituals');
  assert.deepEqual(core.state.closeChoice, [true]);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a reminder's Start opens its practice's page through #/open", async () => {
  const core = mockCore();
  const { page, context } = await open(core, '#/open/phones_off_hour');
  await page.waitForFunction(() => window.location.hash === '#/practices/phones-off');
  await page.getByRole('link', { name: '← All practices' }).waitFor();
  await context.close();
});
