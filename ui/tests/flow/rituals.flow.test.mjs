// @ts-check
// The ritual calendar's flows in headless Chromium against the built UI: add a ritual with the
// schedule picker (no rule typing), see it in words and on the calendar, mark today's done,
// archive, delete after a confirmation. The mock core keeps its state in Node.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { artifacts, flowSuite, openWithCore, quietTodayAnswer, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */

const templates = JSON.parse(
  await readFile(fileURLToPath(new URL('../fixtures/ritual-templates.json', import.meta.url)), 'utf8'),
);

const suite = flowSuite({ before, after });

const pad = (n) => String(n).padStart(2, '0');
const isoDate = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** @type {import('../../src/lib/bindings').Weekday[]} */
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const dayOf = (/** @type {string} */ date) => DAYS[(new Date(`${date}T12:00`).getDay() + 6) % 7] ?? 'MO';
/** @type {{ practice: import('../../src/lib/bindings').Practice, name: string }[]} */
const GUIDES = [
  { practice: 'walk_questions', name: 'Questions for a walk' },
  { practice: 'phones_off_hour', name: 'Phones-off hour' },
  { practice: 'three_good_things', name: 'Three good things' },
];

/**
 * The mock core's words for a schedule. The real wording is the core's (tested in Rust); these
 * only show that the editor shows what the core answered, for the choices it sent.
 * @param {import('../../src/lib/bindings').ScheduleInput} schedule
 * @param {string} start
 */
function mockWords(schedule, start) {
  if (schedule.kind === 'rule') return `rule ${schedule.rule} at ${start.slice(11)}`;
  const { pick } = schedule;
  const days = DAYS.filter((day) => pick.days.includes(day)).join('+');
  return `${pick.repeat} ${days} at ${start.slice(11)}`;
}

function mockCore() {
  const state = { rituals: [], added: [], states: {}, acted: [] };
  const fail = (kind, message) => ({ error: { kind, message } });
  /** @type {MockCore} */
  const answers = {
    ritual_list: () => ({ ok: state.rituals }),
    ritual_templates: () => ({ ok: templates }),
    practice_guides: () => ({
      ok: GUIDES.map((guide) => ({ ...guide, summary: '', why: '', source: null, evidence: '', minutes: 10 })),
    }),
    schedule_default: ({ date }) => ({
      ok: {
        repeat: 'weekly',
        interval: 1,
        days: [dayOf(date)],
        monthDay: 1,
        nth: 1,
        weekday: dayOf(date),
        times: 3,
        remindOn: dayOf(date),
        end: 'never',
        count: 10,
        until: date,
      },
    }),
    schedule_describe: ({ schedule, start }) =>
      schedule.kind === 'pick' && schedule.pick.days.length === 0 && schedule.pick.repeat === 'weekly'
        ? fail('invalid_input', 'schedule: choose at least one day of the week')
        : { ok: mockWords(schedule, start) },
    ritual_add: (args) => {
      if (!args.ritual.title.trim()) return fail('invalid_input', 'title: must be 1 to 80 characters');
      const { schedule, ...rest } = args.ritual;
      const ritual = {
        id: `r${state.rituals.length + 1}`,
        archived: false,
        ...rest,
        practiceName: GUIDES.find((guide) => guide.practice === rest.practice)?.name ?? null,
        schedule: 'stored',
        scheduleWords: mockWords(schedule, rest.start),
        pick: schedule.kind === 'pick' ? schedule.pick : null,
      };
      state.added.push(args.ritual);
      state.rituals.push(ritual);
      return { ok: ritual };
    },
    ritual_archive: (args) => {
      const ritual = state.rituals.find((r) => r.id === args.id);
      ritual.archived = args.archived;
      return { ok: ritual };
    },
    ritual_delete: (args) => {
      state.rituals = state.rituals.filter((r) => r.id !== args.id);
      return { ok: null };
    },
    occurrence_list: (args) => {
      // Every active ritual once a day at its time: enough to see the calendar fill.
      const found = [];
      for (let day = new Date(`${args.from}T00:00`); isoDate(day) <= args.to; day.setDate(day.getDate() + 1)) {
        for (const ritual of state.rituals.filter((r) => !r.archived)) {
          const key = `${isoDate(day)}T${ritual.start.slice(11, 16)}`;
          found.push({
            ritualId: ritual.id,
            title: ritual.title,
            practice: ritual.practice,
            practiceName: ritual.practiceName,
            key,
            startLocal: key,
            start: new Date(key).toISOString(),
            end: new Date(key).toISOString(),
            tz: 'Europe/Paris',
            state: state.states[`${ritual.id}@${key}`] ?? null,
          });
        }
      }
      return { ok: found };
    },
    occurrence_missed: () => ({ ok: [] }),
    ritual_progress: () => {
      return {
        ok: state.rituals
          .filter((r) => !r.archived)
          .map((r) => ({
            ritualId: r.id,
            weeks: [
              { weekStart: '2026-11-02', kept: 1, planned: 2 },
              { weekStart: '2026-11-09', kept: 2, planned: 2 },
              { weekStart: '2026-11-16', kept: 0, planned: 2 },
              { weekStart: '2026-11-23', kept: 1, planned: 2 },
            ],
          })),
      };
    },
    occurrence_act: (args) => {
      state.acted.push(args);
      state.states[`${args.ritualId}@${args.occurrence}`] = args.action === 'clear' ? null : args.action;
      return { ok: null };
    },
    breathing_patterns: () => ({ ok: [] }),
    app_first_paint: () => ({ ok: null }),
  };
  const handle = (command, args) => {
    const answer = answers[command];
    if (answer) return answer(args);
    return quietTodayAnswer(command) ?? fail('internal', `no mock for ${command}`);
  };
  return { state, handle };
}

function open(core, { colorScheme = 'light', hash = '#/rituals' } = {}) {
  return openWithCore(suite.browser, `${suite.server.url}${hash}`, core, { viewport: { width: 1100, height: 800 }, colorScheme });
}

test('add a ritual with the picker, see it in words and on the calendar, archive and delete it', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core);
  await page.getByText('No rituals yet.', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByRole('button', { name: 'Add your first ritual' }).click();
  const form = page.getByRole('form', { name: 'New ritual' });
  await form.getByLabel('Name').fill('Sunday walk');
  await form.getByLabel('Practice').selectOption('walk_questions');
  await form.getByLabel('Starting').fill('2026-11-29'); // a Sunday
  await form.getByLabel('At', { exact: true }).fill('10:30');
  await form.getByRole('button', { name: 'Sun', exact: true }).click();
  await form.getByText('schedule: choose at least one day of the week').waitFor();
  assert.equal(await form.getByRole('button', { name: 'Add ritual' }).isDisabled(), true);
  await form.getByRole('button', { name: 'Wed', exact: true }).click();
  await form.getByRole('button', { name: 'Sun', exact: true }).click();
  await form.getByLabel('Also remind').selectOption('15');
  await form.getByText('weekly WE+SU at 10:30').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-rituals-editor.png'), fullPage: true });
  await form.getByRole('button', { name: 'Add ritual' }).click();

  await page.getByRole('heading', { name: 'Sunday walk' }).waitFor();
  const added = core.state.added[0];
  assert.equal(added.schedule.kind, 'pick');
  assert.deepEqual(added.schedule.kind === 'pick' && [...added.schedule.pick.days].sort(), ['SU', 'WE']);
  assert.deepEqual(
    { ...added, schedule: null },
    {
      title: 'Sunday walk',
      practice: 'walk_questions',
      schedule: null,
      start: '2026-11-29T10:30',
      tz: null,
      durationMinutes: 30,
      reminders: [0, 15],
      pausedUntil: null,
    },
  );
  await page.getByText('weekly WE+SU at 10:30', { exact: true }).waitFor();
  await page.getByText('Questions for a walk · 30 minutes').waitFor();
  await page.getByText('This week: 1 of 2 kept').waitFor();
  await page.getByRole('img', { name: 'Last 4 weeks: 1 of 2 kept; 2 of 2 kept; 2 planned; 1 of 2 kept' }).waitFor();
  const week = page.getByRole('list', { name: 'Calendar' });
  assert.equal(await week.locator(':scope > li').count(), 7);
  assert.equal(await week.getByText('Sunday walk').count(), 7, 'the mock puts it on every day');

  await page.getByRole('button', { name: 'Month' }).click();
  await page.waitForFunction(() => document.querySelectorAll('ol[aria-label="Calendar"] > li').length >= 35);
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-rituals-month.png'), fullPage: true });

  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByText('archived', { exact: false }).first().waitFor();
  assert.equal(core.state.rituals[0].archived, true);
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Keep it' }).click();
  assert.equal(core.state.rituals.length, 1);
  await page.getByRole('button', { name: 'Delete…' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await page.getByText('No rituals yet.', { exact: false }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("Today lists today's rituals; Done records it and can be undone", async () => {
  const core = mockCore();
  core.state.rituals.push({
    id: 'r1',
    title: 'Three good things',
    practice: 'three_good_things',
    practiceName: 'Three good things',
    schedule: 'FREQ=DAILY',
    scheduleWords: 'Every day at 21:30',
    pick: null,
    start: '2026-01-01T21:30',
    tz: null,
    durationMinutes: 10,
    reminders: [0],
    pausedUntil: null,
    archived: false,
  });
  const { page, context } = await open(core, { hash: '#/today', colorScheme: 'dark' });
  const list = page.getByRole('list', { name: "Today's rituals" });
  await list.getByText('Three good things').first().waitFor();
  await list.getByRole('button', { name: 'Done' }).click();
  await list.getByText('Done', { exact: true }).waitFor();
  assert.equal(core.state.acted[0].action, 'done');
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-today-rituals-dark.png'), fullPage: true });
  await list.getByRole('button', { name: 'Undo' }).click();
  await list.getByRole('button', { name: 'Done' }).waitFor();
  await context.close();
});

test('an idea from content fills the form and explains itself', async () => {
  const core = mockCore();
  const { page, context } = await open(core);
  await page.getByRole('button', { name: 'New ritual' }).click();
  const form = page.getByRole('form', { name: 'New ritual' });
  await form.getByRole('group', { name: 'Start from an idea' }).getByRole('button', { name: 'Phones-off hour' }).click();
  assert.equal(await form.getByLabel('Name').inputValue(), 'Phones-off hour');
  assert.equal(await form.getByLabel('Practice').inputValue(), 'phones_off_hour');
  await form.getByText('weekly TU+TH at 19:30').waitFor();
  await form.getByText('Research: Roberts & David, 2016').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await form.getByRole('button', { name: 'Add ritual' }).click();
  await page.getByRole('heading', { name: 'Phones-off hour' }).waitFor();
  const template = templates.find((candidate) => candidate.title === 'Phones-off hour');
  assert.deepEqual(core.state.added[0].schedule, { kind: 'pick', pick: template.pick });
  assert.equal(core.state.added[0].durationMinutes, 60);
  await context.close();
});
