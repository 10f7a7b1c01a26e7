// @ts-check
// Every practice in headless Chromium, with reduced motion emulated, against a mock core that
// answers with Hearth's real content (the fixture the tidy test keeps equal to the Rust API) and
// keeps its state across reloads, as the Rust core does. Each page is checked with axe.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { artifacts, flowSuite, openWithCore, seriousViolations } from './harness.mjs';
/** @typedef {import('../../src/lib/bindings').MockCore} MockCore */

const fixture = (name) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const content = JSON.parse(await readFile(fixture('practices.json'), 'utf8'));
const patterns = JSON.parse(await readFile(fixture('breathing-patterns.json'), 'utf8'));

const suite = flowSuite({ before, after });

const ok = (value) => ({ ok: value });
const fail = (kind, message) => ({ error: { kind, message } });

/** A core with the practices' state in Node memory; `calls` records [command, args]. */
function mockCore({ partners = ['Ana', 'Sam'], problems = [] } = {}) {
  const state = {
    calls: [],
    seen: {},
    favourites: {},
    entries: [],
    /** Drafts by slot, as the core keeps them outside the entries. */
    drafts: {},
    /** Cards added from the page, as the core keeps them in the couple's own deck file. */
    ownCards: [],
    notes: [],
    read: new Set(),
    phonesOff: null,
    hours: [],
    planStarted: false,
    planDone: [],
    display: { theme: 'system', reduceMotion: true, sound: false },
    breathing: null,
  };
  const ownDeck = () => ({
    ...content.decks.decks.find((deck) => deck.id === 'walk-questions'),
    id: 'our-cards',
    name: 'Our own cards',
    summary: 'Cards the two of you added.',
    why: null,
    source: null,
    evidence: null,
    practice: null,
    optIn: false,
    tender: false,
    safetyNote: null,
    cards: state.ownCards.length,
    cardsPerLevel: [1, 2, 3].map((level) => state.ownCards.filter((card) => card.level === level).length),
    userMade: true,
  });
  const decks = () => ({
    ...content.decks,
    problems,
    decks: [...content.decks.decks, ...(state.ownCards.length > 0 ? [ownDeck()] : [])].map((deck) => ({
      ...deck,
      seenInRound: (state.seen[deck.id] ?? []).length,
      favourites: (state.favourites[deck.id] ?? []).length,
    })),
  });
  const plan = () => {
    const today = new Date().toISOString().slice(0, 10);
    const done = state.planDone.length;
    const total = content.plan.days.length;
    let planState = 'not_started';
    let currentDay = null;
    if (state.planStarted) {
      if (done >= total) planState = 'finished';
      else if (state.planDone.at(-1) === today) [planState, currentDay] = ['done_today', done + 1];
      else [planState, currentDay] = ['ready', done + 1];
    }
    return {
      state: planState,
      currentDay,
      days: content.plan.days.map((day, index) => ({ ...day, doneOn: state.planDone[index] ?? null })),
    };
  };
  const phonesOff = () => {
    const running = state.phonesOff && state.phonesOff.endsAtMs > Date.now() ? state.phonesOff : null;
    const minutes = state.hours.reduce((sum, hour) => sum + hour.kept, 0);
    return {
      running,
      weeks: [
        { weekOf: '2026-11-16', minutes: 0, hoursStarted: 0 },
        { weekOf: '2026-11-23', minutes, hoursStarted: state.hours.length },
      ],
      defaultMinutes: 60,
      minMinutes: 5,
      maxMinutes: 240,
    };
  };
  const addEntry = (entry) => {
    const saved = {
      id: `e${state.entries.length + 1}`,
      createdAt: new Date().toISOString(),
      editedAt: null,
      occurrence: null,
      score: null,
      ...entry,
    };
    state.entries.push(saved);
    return saved;
  };
  /** @type {MockCore} */
  const answers = {
    practice_guides: () => ok(content.guides),
    guided_sessions: () => ok(content.guidedSessions),
    deck_list: () => ok(decks()),
    deck_draw: (args) => {
      const cards = args.deckId === 'our-cards' ? state.ownCards : content.cards[args.deckId];
      if (!cards) return fail('not_found', `no deck called ${args.deckId}`);
      let seen = state.seen[args.deckId] ?? [];
      let newRound = false;
      // A round at one level draws only that level's cards, as the core does.
      const round = args.level === undefined ? cards : cards.filter((card) => card.level === args.level);
      let pool = round.filter((card) => !seen.includes(card.key));
      if (pool.length === 0) [pool, seen, newRound] = [round, [], true];
      const lightest = Math.min(...pool.map((card) => card.level));
      const card = pool.find((candidate) => candidate.level === lightest);
      state.seen[args.deckId] = [...seen, card.key];
      return ok({
        deckId: args.deckId,
        key: card.key,
        text: card.text,
        level: card.level,
        topic: card.topic,
        favourite: (state.favourites[args.deckId] ?? []).includes(card.key),
        seenInRound: state.seen[args.deckId].length,
        total: cards.length,
        newRound,
      });
    },
    deck_add_card: (args) => {
      const own = state.ownCards;
      if (own.some((card) => card.text === args.text.trim()))
        return fail('invalid_input', 'that card is in your own deck already');
      own.push({ key: `own-${own.length}`, text: args.text.trim(), level: args.level, topic: null });
      return ok(decks());
    },
    deck_favourite: (args) => {
      const list = (state.favourites[args.deckId] ?? []).filter((key) => key !== args.cardKey);
      state.favourites[args.deckId] = args.favourite ? [args.cardKey, ...list] : list;
      return ok(null);
    },
    deck_favourites: (args) => {
      const cards = content.cards[args.deckId] ?? [];
      return ok(
        (state.favourites[args.deckId] ?? []).map((key) => {
          const card = cards.find((candidate) => candidate.key === key);
          return {
            deckId: args.deckId,
            key,
            text: card.text,
            level: card.level,
            topic: card.topic,
            favourite: true,
            seenInRound: 0,
            total: cards.length,
            newRound: false,
          };
        }),
      );
    },
    journal_status: () => ok({ setUp: true, unlocked: true, idleLockSeconds: 300 }),
    journal_partners: () => ok({ names: partners }),
    journal_add: (args) => ok(addEntry(args.entry)),
    journal_draft: (args) =>
      ok(state.drafts[args.slot] ? { draft: state.drafts[args.slot], savedAt: '2026-11-30T10:00:00Z' } : null),
    journal_save_draft: (args) => {
      if (args.draft.text.trim()) state.drafts[args.slot] = args.draft;
      else delete state.drafts[args.slot];
      return ok(null);
    },
    journal_clear_draft: (args) => {
      delete state.drafts[args.slot];
      return ok(null);
    },
    check_in_form: () => ok(content.checkInForm),
    check_in_save: (args) => {
      if (args.answers.some((answer) => answer.mood < 1 || answer.mood > 5))
        return fail('invalid_input', 'mood: must be between 1 and 5');
      return ok(
        args.answers.map((answer) =>
          addEntry({
            kind: 'check_in',
            author: answer.author,
            text: 'check-in',
            mood: answer.mood,
            closeness: answer.closeness,
            tags: [],
          }),
        ),
      );
    },
    self_check_questions: () => ok(content.selfCheckQuestions),
    self_check_save: (args) => {
      const questions = content.selfCheckQuestions;
      const total = questions.reduce((sum, q) => sum + (args.answer.answers[q.id] - 1), 0);
      const percent = Math.round((total * 100) / (4 * questions.length));
      const low = questions.filter((q) => args.answer.answers[q.id] <= 2);
      const suggestions = [...new Set(low.map((q) => q.suggestion))].map((id) => content.guides.find((g) => g.practice === id));
      const entry = addEntry({
        kind: 'self_check',
        author: args.answer.author,
        text: 'self-check',
        mood: null,
        closeness: null,
        tags: [],
        score: percent,
      });
      return ok({ entryId: entry.id, percent, lowAreas: low.map((q) => q.area), suggestions });
    },
    self_check_trend: () =>
      ok(
        state.entries
          .filter((e) => e.kind === 'self_check')
          .map((e) => ({ at: e.createdAt, weekOf: '2026-11-23', author: e.author, percent: e.score })),
      ),
    note_leave: (args) => {
      const entry = addEntry({
        kind: 'appreciation',
        author: args.from,
        text: args.text,
        mood: null,
        closeness: null,
        tags: [`for-partner-${args.to}`],
      });
      state.notes.push({ entryId: entry.id, to: partners[args.to - 1], from: args.from, createdAt: entry.createdAt });
      return ok(entry);
    },
    note_waiting: () => ok(state.notes.filter((note) => !state.read.has(note.entryId))),
    note_read: (args) => {
      state.read.add(args.entryId);
      return ok(state.entries.find((entry) => entry.id === args.entryId));
    },
    phones_off_status: () => ok(phonesOff()),
    phones_off_start: (args) => {
      if (args.minutes < 5 || args.minutes > 240) return fail('invalid_input', 'minutes: out of range');
      state.phonesOff ??= { startedAtMs: Date.now(), endsAtMs: Date.now() + args.minutes * 60_000, minutes: args.minutes };
      return ok(state.phonesOff);
    },
    phones_off_end: () => {
      if (state.phonesOff) state.hours.push({ kept: Math.round((Date.now() - state.phonesOff.startedAtMs) / 60_000) + 10 });
      state.phonesOff = null;
      return ok(null);
    },
    plan_status: () => ok(plan()),
    plan_start: () => {
      state.planStarted = true;
      state.planDone = [];
      return ok(plan());
    },
    plan_finish_day: (args) => {
      if (plan().currentDay !== args.day || plan().state !== 'ready') return fail('invalid_input', 'not today');
      state.planDone.push(new Date().toISOString().slice(0, 10));
      return ok(plan());
    },
    display_get: () => ok(state.display),
    display_set: (args) => {
      state.display = args.preferences;
      return ok(state.display);
    },
    breathing_patterns: () => ok(patterns),
    breathing_custom: () => ok(null),
    breathing_session: () => ok(state.breathing),
    breathing_start: (args) => {
      state.breathing = {
        pattern: { ...patterns[0], id: args.patternId },
        startedAtMs: Date.now(),
        durationMs: args.minutes * 60_000,
      };
      return ok(state.breathing);
    },
    repair_pause_start: (args) => {
      state.breathing = {
        pattern: patterns[0],
        startedAtMs: Date.now(),
        durationMs: args.minutes * 60_000,
        pausedAtMs: null,
        repairPause: true,
      };
      return ok(state.breathing);
    },
    breathing_stop: () => {
      state.breathing = null;
      return ok(null);
    },
    occurrence_list: () => ok([]),
    occurrence_missed: () => ok([]),
    app_first_paint: () => ok(null),
  };
  const handle = (command, args) => {
    state.calls.push([command, args]);
    const answer = answers[command];
    if (answer) return answer(args);
    return fail('internal', `no mock for ${command}`);
  };
  return { state, handle };
}

/** Opens Hearth at `hash` with reduced motion emulated. */
async function open(core, hash, options = {}) {
  const opened = await openWithCore(suite.browser, `${suite.server.url}${hash}`, core, {
    ...options,
    prepare: async (page) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await options.prepare?.(page);
    },
  });
  return opened;
}

const calls = (core, command) => core.state.calls.filter(([name]) => name === command).map(([, args]) => args);

test('the hub lists every practice with its length, and Hearth applies its calm-visuals setting', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices');
  const hub = page.getByRole('list', { name: 'Practices' });
  await hub.getByRole('heading', { name: 'Check-in' }).waitFor();
  for (const name of [
    'Breathing together',
    'Question cards',
    'Eye contact',
    'Good things and thanks',
    'Phones-off hour',
    'Slow reconnection',
    'Weekly self-check',
    'State of us',
    'On your own',
    "A talk about the day's stress",
    'Guided sessions',
  ]) {
    assert.equal(await hub.getByRole('heading', { name }).count(), 1, name);
  }
  assert.equal(await page.evaluate(() => document.documentElement.dataset.reduceMotion), 'true');
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-practices-hub.png'), fullPage: true });
  // Calm visuals off: the page follows at once, and the core keeps the choice.
  await page.getByLabel('Calm visuals', { exact: false }).uncheck();
  await page.waitForFunction(() => document.documentElement.dataset.reduceMotion === 'false');
  assert.deepEqual(core.state.display, { theme: 'system', reduceMotion: false, sound: false });
  await page.getByLabel('Soft tones in the practices', { exact: false }).check();
  for (let wait = 0; wait < 100 && calls(core, 'display_set').length < 2; wait += 1) await page.waitForTimeout(20);
  assert.deepEqual(calls(core, 'display_set').at(-1), { preferences: { theme: 'system', reduceMotion: false, sound: true } });
  await hub
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: 'Eye contact' }) })
    .getByRole('link', { name: 'Open' })
    .click();
  await page.getByRole('heading', { name: 'Eye contact', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/practices/eye-contact');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a check-in is answered privately in turn, revealed together and saved as two entries', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/check-in');
  await page.getByRole('heading', { name: "Ana's turn" }).waitFor();
  await page.getByText('No one ever has to share an answer', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByLabel(content.checkInForm.mood.labels[1]).check();
  await page.getByLabel(content.checkInForm.needs[1].label).check();
  await page.getByLabel('In your own words').fill('long week');
  await page.getByRole('button', { name: 'Hide my answers' }).click();
  await page.getByRole('heading', { name: 'Answers hidden' }).waitFor();
  assert.equal(await page.getByText('long week').count(), 0, "Ana's answer stays hidden");
  await page.getByRole('button', { name: "I'm Sam, ready" }).click();
  await page.getByRole('heading', { name: "Sam's turn" }).waitFor();
  await page.getByLabel(content.checkInForm.closeness.labels[4]).check();
  await page.getByRole('button', { name: 'Done' }).click();
  const answers = page.getByRole('list', { name: 'Answers' });
  await answers.waitFor();
  assert.match(await answers.textContent(), /long week/);
  assert.match(await answers.textContent(), new RegExp(content.checkInForm.closeness.labels[4]));
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Save to our notebook' }).click();
  await page.getByRole('heading', { name: 'Saved in your notebook' }).waitFor();
  const [saved] = calls(core, 'check_in_save');
  assert.deepEqual(
    saved.answers.map((a) => [a.author, a.mood, a.closeness, a.need]),
    [
      ['Ana', 2, 3, content.checkInForm.needs[1].id],
      ['Sam', 3, 5, null],
    ],
  );
  assert.deepEqual(errors, []);
  await context.close();
});

test('a locked notebook is explained instead of a form', async () => {
  const core = mockCore();
  const base = core.handle;
  core.handle = (command, args) =>
    command === 'journal_status' ? ok({ setUp: true, unlocked: false, idleLockSeconds: 300 }) : base(command, args);
  const { page, context } = await open(core, '#/practices/check-in');
  await page.getByText('The notebook is locked at the moment.', { exact: false }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Open the notebook' }).getAttribute('href'), '#/journal');
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('cards come lightest first without repeats, can be kept as favourites and answered in the notebook', async () => {
  const core = mockCore({ problems: ['mine.toml:6: deck[0].cards[0].level: must be 1 (light) to 3 (deep), not 9'] });
  const { page, context, errors } = await open(core, '#/practices/decks');
  await page.getByRole('button', { name: 'Questions for a walk' }).click();
  await page.getByRole('button', { name: 'Draw a card' }).click();
  const texts = [];
  for (let draw = 0; draw < 3; draw += 1) {
    const text = page.locator('#card-text');
    await text.waitFor();
    texts.push(await text.textContent());
    if (draw < 2) {
      await page.getByRole('button', { name: 'Next card' }).click();
      await page.waitForFunction((previous) => document.querySelector('#card-text')?.textContent !== previous, texts.at(-1));
    }
  }
  assert.equal(new Set(texts).size, 3, 'no repeats');
  const walk = content.cards['walk-questions'];
  for (const text of texts) assert.equal(walk.find((card) => card.text === text).level, 1, 'light cards first');
  await page.getByRole('button', { name: '☆ Keep as favourite' }).click();
  await page.getByRole('button', { name: '★ Favourite' }).waitFor();
  assert.deepEqual(core.state.favourites['walk-questions'].length, 1);
  await page.getByRole('button', { name: 'Write an answer' }).click();
  await page.getByLabel('Written by').selectOption('Both of us');
  await page.getByLabel('Your answer').fill('A day by the sea.');
  await page.getByRole('button', { name: 'Save to our notebook' }).click();
  await page.getByText('Your answer is in the notebook.').first().waitFor();
  const [added] = calls(core, 'journal_add');
  assert.equal(added.entry.kind, 'reflection');
  assert.equal(added.entry.author, 'Both of us');
  assert.equal(added.entry.text, `${texts[2]}\n\nA day by the sea.`);
  await page.getByText('Cards of your own').click();
  await page.getByText('mine.toml:6: deck[0].cards[0].level', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-practices-decks.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a round at one depth draws only that level; opt-in decks ask both first; tender decks say where to turn', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/decks');
  await page.getByRole('button', { name: 'Questions for a walk' }).click();
  const walk = content.cards['walk-questions'];
  const deep = walk.filter((card) => card.level === 3).length;
  await page.getByRole('button', { name: `Deep (${deep})` }).click();
  await page.getByRole('button', { name: 'Draw a card' }).click();
  await page.locator('#card-text').waitFor();
  assert.match(await page.locator('.drawn .level').textContent(), /^Deep · card 1 of/);
  const text = await page.locator('#card-text').textContent();
  assert.equal(walk.find((card) => card.text === text).level, 3, 'a deep card');
  assert.deepEqual(calls(core, 'deck_draw').at(-1), { deckId: 'walk-questions', level: 3 });

  // An opt-in deck asks both of you before any card, every visit.
  await page.getByRole('group', { name: 'Opt-in decks' }).getByRole('button', { name: 'Closeness' }).click();
  await page.getByRole('heading', { name: 'Both of you, today?' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Draw a card' }).count(), 0, 'no card before a yes');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'We both want this' }).click();
  await page.getByRole('button', { name: 'Draw a card' }).waitFor();

  // A tender deck's why says how strong its ground is, and where to turn.
  await page.getByRole('button', { name: 'Money' }).click();
  await page.getByText('Why this may help').click();
  const why = page.locator('details.why');
  assert.match(await why.textContent(), /What this rests on: /);
  const money = content.decks.decks.find((deck) => deck.id === 'money');
  await why.getByText(money.safetyNote, { exact: false }).waitFor();
  await why.getByRole('link', { name: 'Where to turn' }).waitFor();
  await page.screenshot({ path: join(artifacts, 'flow-practices-decks-depth.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a talk that gets too heated pauses for twenty minutes of slow breathing and comes back with a repair card', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/decks');
  const repair = content.decks.decks.find((deck) => deck.id === 'repair');
  await page.getByRole('button', { name: repair.name, exact: true }).click();
  await page.getByRole('button', { name: 'Too heated? Pause for 20 minutes' }).click();
  await page.getByRole('heading', { name: 'A pause, not an ending' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'pause-heading');
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Start the pause' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.deepEqual(calls(core, 'repair_pause_start').at(-1), { minutes: 20 });
  // A reload (a lock reloads the page) comes back to the pause the core is keeping.
  await page.reload();
  await dialog.waitFor();
  await page.getByRole('heading', { name: 'A pause, not an ending' }).waitFor({ state: 'attached' });
  assert.equal(calls(core, 'repair_pause_start').length, 1, 'not started again');
  // Today (where Leave now comes back) does not take the pause over: it points back to it.
  await page.goto(`${suite.server.url}#/today`);
  await page.getByText('Your pause is still running.').waitFor();
  assert.equal(await dialog.count(), 0, 'no breathing window on Today');
  await page.screenshot({ path: join(artifacts, 'flow-practices-pause-today.png') });
  await page.getByRole('link', { name: 'Back to it' }).click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'End session' }).click();
  await page.getByRole('heading', { name: 'Coming back' }).waitFor();
  const text = await page.locator('.repair-card').textContent();
  const card = content.cards.repair.find((candidate) => candidate.text === text);
  assert.ok(card, `${text} is a repair card`);
  assert.equal(card.level, 1, 'a light card to start again with');
  assert.deepEqual(calls(core, 'deck_draw').at(-1), { deckId: 'repair', level: 1 });
  await page.screenshot({ path: join(artifacts, 'flow-practices-pause.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('the state of us goes appreciations first, one topic in two timed turns, then one thing kept for the week', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/state-of-us');
  const guide = content.guides.find((each) => each.practice === 'state_of_us');
  await page.getByRole('heading', { name: guide.name, level: 1 }).waitFor();
  await page.getByRole('heading', { name: 'Appreciations first' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'On to one topic' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'step-heading');
  await page.getByText('Listen to understand, not to answer.').waitFor();
  await page.getByLabel('Each turn').selectOption('10');
  await page.getByRole('button', { name: 'Start the first turn' }).click();
  assert.equal(await page.getByRole('timer').textContent(), '10 min');
  await page.getByText('First speaker').waitFor();
  await page.getByRole('button', { name: 'This turn is done' }).click();
  await page.getByRole('button', { name: 'Swap: start the second turn' }).click();
  await page.getByText('Second speaker').waitFor();
  await page.getByRole('button', { name: 'This turn is done' }).click();
  await page.getByText('Both of you have been heard.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'On to this week' }).click();
  await page.getByLabel('What would help this week').fill('A walk on Wednesday.');
  await page.getByRole('button', { name: 'Keep it in our notebook' }).click();
  await page.getByText('Kept in your notebook.').waitFor();
  const [kept] = calls(core, 'journal_add');
  assert.equal(kept.entry.kind, 'reflection');
  assert.deepEqual(kept.entry.tags, ['state-of-us']);
  assert.match(kept.entry.text, /A walk on Wednesday\.$/);
  await page.screenshot({ path: join(artifacts, 'flow-practices-state-of-us.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('on your own: reflect, draft an opener kept privately (never an entry), and invite without pressure', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/on-your-own');
  await page.getByRole('heading', { name: 'Notice' }).waitFor();
  await page.getByRole('heading', { name: 'Draft an opener, privately' }).waitFor();
  await page.getByText('not in the shared notebook', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'I have been missing us a little lately.' }).click();
  const opener = page.getByLabel('Your opener');
  assert.equal(await opener.inputValue(), 'I have been missing us a little lately.');
  await opener.fill('I have been missing us a little lately. A walk on Sunday?');
  await page.getByRole('button', { name: 'Keep the draft' }).click();
  await page.getByText('Kept privately on this computer.').waitFor();
  assert.deepEqual(calls(core, 'journal_save_draft').at(-1), {
    slot: 'alone',
    draft: { text: 'I have been missing us a little lately. A walk on Sunday?', kind: 'reflection', author: '', tags: [] },
  });
  assert.deepEqual(calls(core, 'journal_add'), [], 'nothing written to the notebook');
  assert.deepEqual(await seriousViolations(page), []);
  // Back later: the draft is still there.
  await page.reload();
  await page.waitForFunction(() =>
    /** @type {HTMLTextAreaElement | null} */ (document.querySelector('textarea'))?.value.includes('A walk on Sunday?'),
  );
  await page.getByRole('heading', { name: 'Invite, without pressure' }).waitFor();
  await page.screenshot({ path: join(artifacts, 'flow-practices-on-your-own.png'), fullPage: true });
  await page.getByRole('button', { name: 'Clear it' }).click();
  await page.getByText('Cleared.').waitFor();
  assert.equal(core.state.drafts.alone, undefined);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a card of your own is added from the page and drawn from your own deck', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/decks');
  await page.getByText('Cards of your own').click();
  await page.getByLabel('A question or idea of your own').fill('What made you laugh this week?');
  await page.getByLabel('Depth of this card').selectOption('Light');
  await page.getByRole('button', { name: 'Add to our own cards' }).click();
  await page.getByRole('button', { name: 'Our own cards', exact: true }).click();
  await page.getByRole('button', { name: 'Draw a card' }).click();
  assert.equal(await page.locator('#card-text').textContent(), 'What made you laugh this week?');
  assert.deepEqual(calls(core, 'deck_add_card'), [{ text: 'What made you laugh this week?', level: 1 }]);
  // The same card again is refused by name.
  await page.getByLabel('A question or idea of your own').fill('What made you laugh this week?');
  await page.getByRole('button', { name: 'Add to our own cards' }).click();
  await page.getByRole('alert').getByText('that card is in your own deck already').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a guided session shows its steps one at a time at the pace content sets, with pause and next', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/guided', {
    prepare: (page) => page.clock.install({ time: new Date('2026-11-30T20:00:00Z') }),
  });
  const [session] = content.guidedSessions;
  const list = page.getByRole('list', { name: 'Guided sessions' });
  await list.getByRole('heading', { name: session.name }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await list.getByRole('listitem').filter({ hasText: session.name }).getByRole('button', { name: 'Begin' }).click();
  const heading = page.locator('#step-heading');
  await page.waitForFunction(() => document.activeElement?.id === 'step-heading');
  assert.equal(await heading.textContent(), `Step 1 of ${session.steps.length}`);
  assert.equal(await page.locator('.step').textContent(), session.steps[0].text);
  // The first step lasts its seconds, then the next one comes by itself.
  await page.clock.runFor(session.steps[0].seconds * 1000 + 1000);
  await page.waitForFunction((text) => document.querySelector('.step')?.textContent === text, session.steps[1].text);
  // Paused, time does not move it on.
  await page.getByRole('button', { name: 'Pause' }).click();
  assert.equal(await page.getByRole('timer').textContent(), 'Paused');
  await page.clock.runFor(session.steps[1].seconds * 1000 + 5000);
  assert.equal(await page.locator('.step').textContent(), session.steps[1].text);
  await page.getByRole('button', { name: 'Carry on' }).click();
  await page.getByRole('button', { name: 'Next step' }).click();
  assert.equal(await page.locator('.step').textContent(), session.steps[2].text);
  await page.screenshot({ path: join(artifacts, 'flow-practices-guided.png'), fullPage: true });
  for (let step = 3; step <= session.steps.length; step += 1) {
    await page.getByRole('button', { name: 'Next step' }).click();
  }
  await page.getByRole('heading', { name: `That was ${session.name.toLowerCase()}.` }).waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  await list.waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a talk about the day's stress: two timed turns with the listener's side shown gently", async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/stress-talk');
  const guide = content.guides.find((each) => each.practice === 'stress_talk');
  await page.getByRole('heading', { name: guide.name, level: 1 }).waitFor();
  await page.getByText("Take your partner's side for now", { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'Start the first turn' }).click();
  assert.equal(await page.getByRole('timer').textContent(), '10 min');
  await page.getByRole('button', { name: 'This turn is done' }).click();
  await page.getByLabel('Each turn').selectOption('15');
  await page.getByRole('button', { name: 'Swap: start the second turn' }).click();
  assert.equal(await page.getByRole('timer').textContent(), '15 min');
  await page.getByRole('button', { name: 'This turn is done' }).click();
  await page.getByText('you are carrying it together', { exact: false }).waitFor();
  await page.getByRole('link', { name: 'Why this may help' }).or(page.getByText('Why this may help')).first().waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('a handful of walk cards goes to paper with nothing else on the page', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/decks');
  // The system's print dialog is the desktop's; here the page only says it asked for one.
  await page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printed = 'yes';
    };
  });
  await page.getByRole('button', { name: 'Questions for a walk' }).click();
  await page.getByRole('button', { name: 'Print 6 cards to take along' }).click();
  await page.waitForFunction(() => document.body.dataset.printed === 'yes');
  const printed = await page.locator('.print-sheet .printed').allTextContents();
  assert.equal(printed.length, 6);
  const walk = content.cards['walk-questions'];
  for (const text of printed)
    assert.ok(
      walk.some((card) => card.text === text),
      text,
    );
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('nav.sidebar').isVisible(), false, 'no navigation on paper');
  assert.equal(await page.getByRole('link', { name: '← All practices' }).isVisible(), false, 'no links on paper');
  assert.equal(await page.getByRole('button', { name: 'Draw a card' }).isVisible(), false, 'no buttons on paper');
  assert.equal(await page.locator('.print-sheet').isVisible(), true);
  await page.screenshot({ path: join(artifacts, 'flow-practices-print.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('eye contact dims the screen for the chosen time, then asks one gentle question', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/eye-contact', {
    prepare: (page) => page.clock.install({ time: new Date('2026-11-26T20:00:00Z') }),
  });
  await page.clock.pauseAt(new Date('2026-11-26T20:00:05Z'));
  await page.getByLabel('30 seconds').check();
  await page.getByRole('button', { name: 'Begin' }).click();
  const dialog = page.getByRole('dialog', { name: 'Eye contact' });
  await dialog.waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'End now' }).evaluate((b) => b === document.activeElement), true);
  // The count changes just after each whole second.
  await page.clock.runFor(10_001);
  assert.equal((await dialog.locator('.left').textContent()).trim(), '0:20');
  // axe waits on timers of its own, so the clock runs again for it.
  await page.clock.resume();
  assert.deepEqual(await seriousViolations(page), []);
  await page.clock.runFor(20_000);
  await page.getByRole('heading', { name: 'Welcome back' }).waitFor();
  const question = await page.locator('.question').textContent();
  assert.ok(
    content.cards['after-eye-contact'].some((card) => card.text === question),
    question,
  );
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('three good things are saved for the chosen partner, and a note waits on Today until read', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/good-things');
  await page.getByRole('heading', { name: "Today's good things" }).waitFor();
  await page.getByLabel('Written by').selectOption('Sam');
  await page.getByRole('group', { name: 'Good thing 1' }).getByLabel('What went well').fill('Coffee in the sun');
  await page.getByRole('group', { name: 'Good thing 1' }).getByLabel('Why it happened').fill('We got up early');
  await page.getByRole('group', { name: 'Good thing 2' }).getByLabel('What went well').fill('A call with Mum');
  await page.getByRole('button', { name: 'Save to our notebook' }).click();
  await page.getByText('Saved for Sam.', { exact: false }).waitFor();
  const [added] = calls(core, 'journal_add');
  assert.deepEqual([added.entry.kind, added.entry.author], ['three_good_things', 'Sam']);
  assert.equal(added.entry.text, '1. Coffee in the sun\n   Why: We got up early\n2. A call with Mum');
  await page.getByLabel('Ana, for Sam').check();
  await page.getByLabel('Your note').fill('Thank you for the soup.');
  await page.getByRole('button', { name: 'Leave the note' }).click();
  await page.getByText('Your note is waiting for Sam.', { exact: false }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.goto(`${suite.server.url}#/today`);
  await page.getByText('A note from Ana is waiting for Sam.').waitFor();
  await page.getByRole('button', { name: 'Sam, read it' }).click();
  await page.getByText('Thank you for the soup.').waitFor();
  await page.reload();
  await page.getByRole('heading', { name: 'Breathe together' }).waitFor();
  assert.equal(await page.getByText('A note from Ana is waiting for Sam.').count(), 0, 'read notes stop waiting');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the phones-off hour is kept by the core: it survives a reload, ends early only when confirmed', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/phones-off');
  await page.getByLabel('How long').selectOption('45');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.getByRole('heading', { name: 'Phones away' }).waitFor();
  assert.match(await page.locator('.clock').textContent(), /^45 min left$/);
  await page.reload();
  await page.getByRole('heading', { name: 'Phones away' }).waitFor();
  assert.match(await page.locator('.clock').textContent(), /^4[45] min left$/);
  assert.equal(calls(core, 'phones_off_start').length, 1);
  // Something to do in the hour, from the deck that belongs to it.
  await page.getByRole('button', { name: 'An idea' }).click();
  const idea = await page.locator('.idea .text').textContent();
  assert.ok(
    content.cards['phones-off-ideas'].some((card) => card.text === idea),
    `${idea} is an idea for the hour`,
  );
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-practices-phones-off.png'), fullPage: true });
  await page.goto(`${suite.server.url}#/today`);
  await page.getByText('left', { exact: false }).first().waitFor();
  await page.goto(`${suite.server.url}#/practices/phones-off`);
  await page.getByRole('button', { name: 'End early' }).click();
  await page.getByRole('button', { name: 'Keep going' }).click();
  assert.equal(calls(core, 'phones_off_end').length, 0);
  await page.getByRole('button', { name: 'End early' }).click();
  await page.getByRole('button', { name: 'Yes, end it' }).click();
  await page.getByRole('button', { name: 'Start' }).waitFor();
  assert.equal(calls(core, 'phones_off_end').length, 1);
  const table = page.getByRole('table');
  await table.waitFor();
  assert.match(await table.textContent(), /10 min/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the plan offers one step a day and a gentle restart', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/plan');
  await page.getByRole('button', { name: 'Begin the plan' }).click();
  await page.getByRole('heading', { name: content.plan.days[0].title }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.getByRole('button', { name: 'We did it' }).click();
  await page.getByText("Today's step is done. This one is ready tomorrow.").waitFor();
  await page.getByRole('heading', { name: '1 of 7 days' }).waitFor();
  await page.getByRole('button', { name: 'Start again from day 1' }).click();
  await page.getByRole('button', { name: 'Keep my place' }).click();
  await page.getByRole('heading', { name: '1 of 7 days' }).waitFor();
  await page.getByRole('button', { name: 'Start again from day 1' }).click();
  await page.getByRole('button', { name: 'Start again', exact: true }).click();
  await page.getByRole('heading', { name: '0 of 7 days' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the self-check says it is not a diagnosis, scores the week and suggests practices for low areas', async () => {
  const core = mockCore();
  const { page, context, errors } = await open(core, '#/practices/self-check');
  await page.getByText('This is a reflection aid, not a test or a diagnosis.', { exact: false }).waitFor();
  await page.getByText('Your first check starts the line.').waitFor();
  const save = page.getByRole('button', { name: "Save this week's check" });
  const questions = content.selfCheckQuestions;
  for (const [index, question] of questions.entries()) {
    assert.equal(await save.isDisabled(), true, 'every statement needs an answer first');
    await page
      .getByRole('group', { name: question.statement })
      .getByLabel(index === 1 ? 'Not this week' : 'Mostly')
      .check();
  }
  assert.deepEqual(await seriousViolations(page), []);
  await save.click();
  await page.getByRole('heading', { name: /This week: \d+ of 100/ }).waitFor();
  const suggestions = page.getByRole('list', { name: 'Suggested practices' });
  const expected = content.guides.find((g) => g.practice === questions[1].suggestion).name;
  assert.match(await suggestions.textContent(), new RegExp(expected));
  await page.getByRole('table').waitFor();
  assert.deepEqual(await seriousViolations(page), []);
  await page.screenshot({ path: join(artifacts, 'flow-practices-self-check.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test('one partner alone gets a single turn and no note form', async () => {
  const core = mockCore({ partners: ['Ana'] });
  const { page, context } = await open(core, '#/practices/check-in');
  await page.getByRole('heading', { name: "Ana's turn" }).waitFor();
  await page.getByRole('button', { name: 'Done' }).click();
  await page.getByRole('list', { name: 'Answers' }).waitFor();
  await page.goto(`${suite.server.url}#/practices/good-things`);
  await page.getByText('Appreciation notes are for two', { exact: false }).waitFor();
  await context.close();
});

test('a rhythm of your own starts a breathing session with those seconds', async () => {
  const core = mockCore();
  const { page, context } = await open(core, '#/today');
  const form = page.getByRole('form', { name: 'Your own rhythm' });
  await form.getByLabel('In').fill('5');
  await form.getByLabel('Out').fill('7');
  await form.getByRole('button', { name: 'Breathe this rhythm' }).click();
  await page.getByRole('button', { name: 'End session' }).waitFor();
  const [start] = calls(core, 'breathing_start');
  assert.deepEqual([start.patternId, start.custom], ['custom', { inhale: 5, hold: 0, exhale: 7, rest: 0 }]);
  await context.close();
});

test("a notification's Start link (#/open/<practice>) lands on that practice's page", async () => {
  const core = mockCore();
  const { page, context } = await open(core, '#/open/phones_off_hour');
  await page.getByRole('heading', { name: 'Phones-off hour', level: 1 }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/practices/phones-off');
  await context.close();
});
