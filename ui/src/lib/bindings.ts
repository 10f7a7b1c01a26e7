// Generated from src-tauri/crates/app/src/dto.rs by `make bindings`. Do not edit.

export type ApiErrorKind = "invalid_input" | "not_found" | "wrong_passphrase" | "locked" | "no_journal" | "journal_exists" | "damaged" | "busy" | "storage" | "newer_version" | "network" | "internal";

export type ApiError = { kind: ApiErrorKind, message: string, };

export type PhaseKind = "inhale" | "top_up" | "hold" | "exhale" | "rest";

export type Phase = { kind: PhaseKind, millis: number, };

export type BreathingPattern = { id: string, name: string, summary: string, why: string, source: string | null, phases: Array<Phase>, cycleMillis: number, breathsPerMinute: number, };

export type BreathingSession = { pattern: BreathingPattern, 
/**
 * Milliseconds since the Unix epoch.
 */
startedAtMs: number, 
/**
 * Whole cycles, at least the minutes chosen.
 */
durationMs: number, 
/**
 * When the session was paused, if it is (milliseconds since the Unix epoch); the UI then
 * shows the phase at `pausedAtMs - startedAtMs`.
 */
pausedAtMs: number | null, };

export type DataPaths = { dataDir: string, scheduleDb: string, journalDb: string, journalKey: string, backupsDir: string, };

export type JournalStatus = { setUp: boolean, unlocked: boolean, idleLockSeconds: number, };

export type EntryKind = "note" | "three_good_things" | "check_in" | "reflection" | "appreciation" | "self_check";

export type Entry = { id: string, createdAt: string, editedAt: string | null, author: string, kind: EntryKind, mood: number | null, closeness: number | null, tags: Array<string>, occurrence: string | null, text: string, 
/**
 * A self-check's score, 0 to 100.
 */
score: number | null, };

export type NewEntry = { text: string, kind: EntryKind, author: string, mood: number | null, closeness: number | null, tags: Array<string>, 
/**
 * A self-check's score, 0 to 100 (the self-check use case sets it; notes leave it out).
 */
score?: number, };

export type SearchOrder = "newest" | "relevance";

export type EntryQuery = { text: string | null, kind: EntryKind | null, author: string | null, tag: string | null, from: string | null, until: string | null, order: SearchOrder, limit: number, };

export type Draft = { text: string, kind: EntryKind, author: string, tags: Array<string>, };

export type SavedDraft = { draft: Draft, savedAt: string, };

export type Partners = { names: Array<string>, colours?: Array<string>, pronouns?: Array<string>, };

export type BackupInfo = { 
/**
 * The file name inside the backups folder; what `journal_restore` takes.
 */
name: string, createdAt: string, bytes: number, };

export type JournalSettings = { idleLockMinutes: number, 
/**
 * The choices offered for the idle lock, in minutes.
 */
idleLockChoices: Array<number>, backupsDir: string, 
/**
 * Newest first.
 */
backups: Array<BackupInfo>, };

export type KeychainStatus = { available: boolean, remembered: boolean, };

export type Ritual = { id: string, title: string, 
/**
 * One of the practice ids (`walk_questions`, `nightly_reflection`, ...), or null.
 */
practice: string | null, 
/**
 * An RRULE (`FREQ=WEEKLY;BYDAY=SU`) or `TIMES_PER_WEEK=3;REMIND_ON=FR`.
 */
schedule: string, 
/**
 * Local wall time of the first occurrence, `YYYY-MM-DDTHH:MM`.
 */
start: string, 
/**
 * The IANA zone when pinned; null when it follows the computer.
 */
tz: string | null, durationMinutes: number, 
/**
 * Minutes before the start; 0 is at the start.
 */
reminders: Array<number>, 
/**
 * `YYYY-MM-DD`, or null.
 */
pausedUntil: string | null, archived: boolean, };

export type RitualTemplate = { id: string, title: string, summary: string, why: string, source: string | null, practice: string | null, schedule: string, 
/**
 * `HH:MM`.
 */
time: string, durationMinutes: number, };

export type RitualInput = { title: string, practice: string | null, schedule: string, start: string, tz: string | null, durationMinutes: number, reminders: Array<number>, pausedUntil: string | null, };

export type OccurrenceState = "done" | "skipped" | "snoozed";

export type Occurrence = { ritualId: string, title: string, practice: string | null, 
/**
 * The occurrence's stable name (its local start in the ritual's zone).
 */
key: string, 
/**
 * Start in the computer's zone, `YYYY-MM-DDTHH:MM`.
 */
startLocal: string, 
/**
 * RFC 3339 in UTC.
 */
start: string, end: string, 
/**
 * The zone the ritual's wall time is read in.
 */
tz: string, state: OccurrenceState | null, };

export type OccurrenceAction = "done" | "skip" | "snooze" | "clear";

export type WeekProgress = { 
/**
 * The Monday starting the week, `YYYY-MM-DD`.
 */
weekStart: string, kept: number, planned: number, };

export type RitualProgress = { ritualId: string, weeks: Array<WeekProgress>, };

export type PracticeGuide = { 
/**
 * The practice's stable name (`eye_contact`, `check_in`...).
 */
practice: string, name: string, summary: string, why: string, source: string | null, minutes: number, };

export type DeckSummary = { id: string, name: string, summary: string, why: string | null, source: string | null, practice: string | null, cards: number, 
/**
 * Cards seen in the current round.
 */
seenInRound: number, favourites: number, 
/**
 * Whether the couple wrote it (a file in the data folder's decks folder).
 */
userMade: boolean, };

export type Decks = { decks: Array<DeckSummary>, 
/**
 * `file:line: field: problem`, one per mistake in the decks folder.
 */
problems: Array<string>, 
/**
 * Where the couple can put decks of their own.
 */
userDecksDir: string, };

export type Card = { deckId: string, key: string, text: string, 
/**
 * 1 (light) to 3 (deep).
 */
level: number, favourite: boolean, 
/**
 * Cards seen in this round so far, this one included, out of `total`.
 */
seenInRound: number, total: number, 
/**
 * This draw began a new round: every card had been seen.
 */
newRound: boolean, };

export type Scale = { id: string, question: string, labels: Array<string>, };

export type CheckInNeed = { id: string, label: string, };

export type CheckInForm = { mood: Scale, closeness: Scale, needs: Array<CheckInNeed>, };

export type CheckInAnswer = { author: string, mood: number, closeness: number, 
/**
 * A need's id from the form, if one was picked.
 */
need: string | null, 
/**
 * Free text, in their own words (may be empty).
 */
note: string, };

export type SelfCheckQuestion = { id: string, area: string, statement: string, suggestion: string, };

export type SelfCheckAnswer = { author: string, answers: { [key in string]: number }, 
/**
 * Anything to add, in their own words (may be empty).
 */
note: string, };

export type SelfCheckResult = { entryId: string, percent: number, 
/**
 * The areas answered low, by name.
 */
lowAreas: Array<string>, suggestions: Array<PracticeGuide>, };

export type SelfCheckPoint = { 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * The Monday of its week, YYYY-MM-DD, in the computer's zone.
 */
weekOf: string, author: string, percent: number, };

export type PhonesOffRun = { startedAtMs: number, endsAtMs: number, minutes: number, };

export type PhonesOffWeek = { 
/**
 * The Monday the week starts on, YYYY-MM-DD.
 */
weekOf: string, minutes: number, hoursStarted: number, };

export type PhonesOff = { running: PhonesOffRun | null, weeks: Array<PhonesOffWeek>, defaultMinutes: number, minMinutes: number, maxMinutes: number, };

export type PlanDay = { day: number, title: string, practice: string, text: string, 
/**
 * YYYY-MM-DD it was done on, if it was.
 */
doneOn: string | null, };

export type PlanState = "not_started" | "ready" | "done_today" | "finished";

export type Plan = { state: PlanState, 
/**
 * The day that is ready today, or that comes next.
 */
currentDay: number | null, days: Array<PlanDay>, };

export type Theme = "system" | "light" | "dark";

export type DisplayPreferences = { 
/**
 * Saved before themes existed: the system's.
 */
theme: Theme, 
/**
 * Calm visuals always, whatever the system says (the system's setting is honoured too).
 */
reduceMotion: boolean, 
/**
 * Soft tones in the practices (off until chosen).
 */
sound: boolean, };

export type CustomBreathing = { inhale: number, hold: number, exhale: number, rest: number, };

export type WaitingNote = { entryId: string, 
/**
 * The partner it is for.
 */
to: string, from: string, createdAt: string, };

export type InsightsBucket = { 
/**
 * First local date, `YYYY-MM-DD`.
 */
start: string, 
/**
 * Short label: `Thu 26` for a day, `23 Nov` for a week.
 */
label: string, };

export type PartnerSeries = { name: string, colour: string, mood: Array<number | null>, closeness: Array<number | null>, };

export type RitualKept = { title: string, kept: number, planned: number, };

export type RitualsWeek = { 
/**
 * The Monday, `YYYY-MM-DD`.
 */
weekStart: string, label: string, kept: number, planned: number, };

export type LookBack = { 
/**
 * The Monday of the week looked back on, `YYYY-MM-DD`.
 */
weekStart: string, 
/**
 * Rituals kept at least once this week.
 */
ritualsKept: Array<RitualKept>, 
/**
 * Journal counts; `null` while the journal is locked.
 */
checkIns: number | null, goodThings: number | null, appreciations: number | null, phonesOffMinutes: number, breathingMinutes: number, 
/**
 * The practice to try next (its stable name; the page shows its guide).
 */
suggestion: string, };

export type InsightsReport = { 
/**
 * `week`, `month` or `all`.
 */
range: string, 
/**
 * Whether the journal was open: check-ins and self-checks are only read then.
 */
journalUnlocked: boolean, buckets: Array<InsightsBucket>, 
/**
 * One series per partner (empty while locked or before partners are named).
 */
partners: Array<PartnerSeries>, 
/**
 * Self-check scores (0-100) averaged per bucket; empty while locked.
 */
selfCheck: Array<number | null>, phonesOffMinutes: Array<number>, breathingMinutes: Array<number>, 
/**
 * Kept and planned rituals per week (the week range has one: this week).
 */
rituals: Array<RitualsWeek>, 
/**
 * Check-ins and self-checks in the range (0 while locked), for the empty state.
 */
checkInCount: number, selfCheckCount: number, lookBack: LookBack, };

export type AppSettings = { 
/**
 * System notifications when a ritual comes round (on by default). Off, Hearth still
 * records what came round, so turning them back on does not bring a flood of old ones.
 */
reminders: boolean, 
/**
 * Start Hearth, minimised to the tray, when the user logs in (off until chosen).
 */
startAtLogin: boolean, 
/**
 * Closing the window keeps Hearth in the tray so reminders still fire (on by default).
 */
closeToTray: boolean, 
/**
 * Look for a new version when Hearth starts. Off by default: Hearth makes no network call
 * unless this is on or the user presses "Check now".
 */
checkForUpdates: boolean, };

export type UpdateCheck = { 
/**
 * The version running now.
 */
current: string, 
/**
 * A newer version, if the release feed offers one.
 */
available: string | null, 
/**
 * The release's notes, as published.
 */
notes: string | null, };

export type Transfer = { path: string, count: number, 
/**
 * Entries already present (notebook import) or events that could not be read (calendar).
 */
leftOut: Array<string>, };
