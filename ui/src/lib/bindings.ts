// Generated from the command list in src-tauri/crates/app/src/api.rs and the types it carries,
// by `make bindings`. Do not edit.

export type ApiError = { kind: ApiErrorKind, message: string, };

export type ApiErrorKind = "invalid_input" | "not_found" | "wrong_passphrase" | "locked" | "no_journal" | "journal_exists" | "damaged" | "busy" | "storage" | "newer_version" | "network" | "internal";

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
checkForUpdates: boolean, 
/**
 * The first close has explained that Hearth stays for reminders (and asked).
 */
closeExplained: boolean, };

export type BackupInfo = { 
/**
 * The file name inside the backups folder; what `journal_restore` takes.
 */
name: string, createdAt: string, bytes: number, };

export type BreathingPattern = { id: string, name: string, summary: string, why: string, source: string | null, phases: Array<Phase>, cycleMillis: number, breathsPerMinute: number, };

export type BreathingPause = { 
/**
 * Pause (true) or resume (false).
 */
pause: boolean, };

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
pausedAtMs: number | null, 
/**
 * The pause for when a talk gets too heated (started by `repair_pause_start`).
 */
repairPause: boolean, };

export type BreathingStart = { 
/**
 * A pattern from content, or `custom` with `custom` set.
 */
patternId: string, minutes: number, custom: CustomBreathing | null, };

export type Card = { deckId: string, key: string, text: string, 
/**
 * 1 (light) to 3 (deep).
 */
level: number, topic: Topic, favourite: boolean, 
/**
 * Cards seen in this round so far, this one included, out of `total` (the deck's cards,
 * or those of the level chosen for the round).
 */
seenInRound: number, total: number, 
/**
 * This draw began a new round: every card had been seen.
 */
newRound: boolean, };

export type CheckInAnswer = { author: string, mood: number, closeness: number, 
/**
 * A need's id from the form, if one was picked.
 */
need: string | null, 
/**
 * Free text, in their own words (may be empty).
 */
note: string, };

export type CheckInApart = { 
/**
 * The two computers are paired; otherwise a check-in is answered together at one computer.
 */
paired: boolean, 
/**
 * The round an answer given now joins (`YYYY-MM-DD`): one the partner opened and this
 * computer has not answered, else today's.
 */
round: string | null, 
/**
 * This computer has answered that round; its answer waits, sealed.
 */
answered: boolean, 
/**
 * The partner's sealed answer to that round has arrived (it cannot be read yet).
 */
partnerAnswered: boolean, 
/**
 * The latest round of the last week whose answers are both open, with its entries.
 */
revealed: RevealedCheckIn | null, };

export type CheckInForm = { mood: Scale, closeness: Scale, needs: Array<CheckInNeed>, };

export type CheckInNeed = { id: string, label: string, };

export type CheckInSave = { answers: Array<CheckInAnswer>, };

export type CheckInSend = { answer: CheckInAnswer, };

export type CustomBreathing = { inhale: number, hold: number, exhale: number, rest: number, };

export type DataPaths = { dataDir: string, scheduleDb: string, journalDb: string, journalKey: string, backupsDir: string, };

export type DeckAddCard = { text: string, 
/**
 * 1 light, 2 deeper, 3 deep.
 */
level: number, };

export type DeckDraw = { deckId: string, 
/**
 * A round at one level: 1 light, 2 deeper, 3 deep. Left out, the whole deck, lightest
 * first.
 */
level?: number, };

export type DeckFavourite = { deckId: string, cardKey: string, favourite: boolean, };

export type DeckFavourites = { deckId: string, };

export type DeckSummary = { id: string, name: string, summary: string, why: string | null, source: string | null, 
/**
 * How strong the ground under `why` is; always there for Hearth's decks.
 */
evidence: string | null, practice: Practice | null, 
/**
 * Hidden until the couple switches it on (closeness, intimacy).
 */
optIn: boolean, 
/**
 * Its cards can open old hurts: `safety_note` goes with its why.
 */
tender: boolean, 
/**
 * The safety line for a tender deck ("skip any card… see Where to turn").
 */
safetyNote: string | null, cards: number, 
/**
 * How many cards are light, deeper and deep (three numbers, in that order), so a round
 * at a level is offered only where the deck has cards.
 */
cardsPerLevel: Array<number>, 
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

export type DisplaySet = { preferences: DisplayPreferences, };

export type Draft = { text: string, kind: EntryKind, author: string, tags: Array<string>, };

export type Entry = { id: string, createdAt: string, editedAt: string | null, author: string, kind: EntryKind, mood: number | null, closeness: number | null, tags: Array<string>, occurrence: string | null, text: string, 
/**
 * A self-check's score, 0 to 100.
 */
score: number | null, 
/**
 * Two computers changed it at the same time: two versions wait to be chosen between.
 */
twoVersions: boolean, };

export type EntryKind = "note" | "three_good_things" | "check_in" | "reflection" | "appreciation" | "self_check";

export type EntryQuery = { text: string | null, kind: EntryKind | null, author: string | null, tag: string | null, from: string | null, until: string | null, order: SearchOrder, limit: number, };

export type EntryVersion = { 
/**
 * RFC 3339.
 */
at: string, entry: Entry | null, };

export type ExportFormat = "markdown" | "json";

export type GuidedSession = { id: string, name: string, summary: string, why: string, source: string | null, 
/**
 * How strong the ground under `why` is.
 */
evidence: string, steps: Array<GuidedStep>, };

export type GuidedStep = { text: string, seconds: number, };

export type InsightsBucket = { 
/**
 * First local date, `YYYY-MM-DD`.
 */
start: string, 
/**
 * Short label: `Thu 26` for a day, `23 Nov` for a week.
 */
label: string, };

export type InsightsGet = { range: InsightsRange, };

export type InsightsRange = "week" | "month" | "all";

export type InsightsReport = { 
/**
 * `week`, `month` or `all`.
 */
range: InsightsRange, 
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

export type JournalAdd = { entry: NewEntry, 
/**
 * The editor the entry was written in (`new`); its draft goes in the same step.
 */
draftSlot: string | null, };

export type JournalChangePassphrase = { current: string, new: string, };

export type JournalClearDraft = { slot: string, };

export type JournalDelete = { id: string, };

export type JournalDraft = { 
/**
 * `new`, `edit:<entry id>`, or `alone` (one partner's private opener).
 */
slot: string, };

export type JournalFind = { query: EntryQuery, };

export type JournalRecover = { recoveryKey: string, new: string, };

export type JournalRestore = { 
/**
 * A file name in the backups folder (never a path).
 */
name: string, passphrase: string, };

export type JournalSaveDraft = { slot: string, draft: Draft, };

export type JournalSetIdleLock = { minutes: number, };

export type JournalSetPartners = { partners: Partners, };

export type JournalSetUp = { passphrase: string, };

export type JournalSettings = { idleLockMinutes: number, 
/**
 * The choices offered for the idle lock, in minutes.
 */
idleLockChoices: Array<number>, backupsDir: string, 
/**
 * Newest first.
 */
backups: Array<BackupInfo>, };

export type JournalStatus = { setUp: boolean, unlocked: boolean, idleLockSeconds: number, };

export type JournalUnlock = { passphrase: string, };

export type JournalUpdate = { id: string, entry: NewEntry, draftSlot: string | null, };

export type JournalVersions = { id: string, };

export type KeychainStatus = { available: boolean, remembered: boolean, };

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
 * The practice to try next (the page shows its guide).
 */
suggestion: Practice, };

export type NewEntry = { text: string, kind: EntryKind, author: string, mood: number | null, closeness: number | null, tags: Array<string>, 
/**
 * A self-check's score, 0 to 100 (the self-check use case sets it; notes leave it out).
 */
score?: number, };

export type NoteLeave = { from: string, 
/**
 * The partner it is for: 1 or 2.
 */
to: number, text: string, };

export type NoteRead = { entryId: string, };

export type NotebookExport = { format: ExportFormat, };

export type Nothing = Record<symbol, never>;

export type Occurrence = { ritualId: string, title: string, practice: Practice | null, practiceName: string | null, 
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

export type OccurrenceAct = { ritualId: string, occurrence: string, action: OccurrenceAction, };

export type OccurrenceAction = "done" | "skip" | "snooze" | "clear";

export type OccurrenceGet = { ritualId: string, 
/**
 * The occurrence's key: its local start, `YYYY-MM-DDTHH:MM`.
 */
occurrence: string, };

export type OccurrenceList = { 
/**
 * The first local date, `YYYY-MM-DD`.
 */
from: string, 
/**
 * The last local date, inclusive.
 */
to: string, };

export type OccurrenceState = "done" | "skipped" | "snoozed";

export type PartnerSeries = { name: string, colour: string, mood: Array<number | null>, closeness: Array<number | null>, };

export type Partners = { names: Array<string>, colours?: Array<string>, pronouns?: Array<string>, };

export type PassphraseChanged = { 
/**
 * A new recovery key, when the old one could not be carried over (a notebook set up by
 * the first release); shown once, as at setup.
 */
newRecoveryKey: string | null, };

export type Phase = { kind: PhaseKind, millis: number, };

export type PhaseKind = "inhale" | "top_up" | "hold" | "exhale" | "rest";

export type PhonesOff = { running: PhonesOffRun | null, weeks: Array<PhonesOffWeek>, defaultMinutes: number, minMinutes: number, maxMinutes: number, };

export type PhonesOffRun = { startedAtMs: number, endsAtMs: number, minutes: number, };

export type PhonesOffStart = { minutes: number, };

export type PhonesOffWeek = { 
/**
 * The Monday the week starts on, YYYY-MM-DD.
 */
weekOf: string, minutes: number, hoursStarted: number, };

export type Plan = { state: PlanState, 
/**
 * The day that is ready today, or that comes next.
 */
currentDay: number | null, days: Array<PlanDay>, };

export type PlanDay = { day: number, title: string, practice: Practice, text: string, 
/**
 * YYYY-MM-DD it was done on, if it was.
 */
doneOn: string | null, };

export type PlanFinishDay = { day: number, };

export type PlanState = "not_started" | "ready" | "done_today" | "finished";

export type Practice = "walk_questions" | "nightly_reflection" | "phones_off_hour" | "three_good_things" | "breathing_together" | "eye_contact" | "check_in" | "honest_openers" | "appreciation" | "reconnection_plan" | "self_check" | "look_back" | "state_of_us" | "on_your_own" | "stress_talk";

export type PracticeGuide = { practice: Practice, name: string, summary: string, why: string, source: string | null, 
/**
 * How strong the ground under `why` is ("one small study with strangers", "our
 * suggestion, not research"); shown with the why.
 */
evidence: string, minutes: number, };

export type QuietHours = { start: string, end: string, };

export type QuietHoursSet = { 
/**
 * The hours to keep quiet, or `null` for none.
 */
quiet: QuietHours | null, };

export type RepairPauseStart = { minutes: number, };

export type Repeat = "daily" | "weekly" | "monthly_day" | "monthly_weekday" | "times_per_week";

export type RestoreOutcome = { entries: number, 
/**
 * The backup was made before the passphrase was last changed: the notebook now opens
 * with the passphrase it had then (the one just typed).
 */
earlierPassphrase: boolean, };

export type RevealedCheckIn = { round: string, entries: Array<Entry>, };

export type Ritual = { id: string, title: string, practice: Practice | null, 
/**
 * The practice's name as content words it, or null.
 */
practiceName: string | null, 
/**
 * The stored schedule, opaque to the UI: sent back as it is to keep it unchanged.
 */
schedule: string, 
/**
 * The schedule in plain words: "Every Sunday at 10:00".
 */
scheduleWords: string, 
/**
 * The picker's choices the schedule came from, or null when the picker cannot show it
 * (a rule from a calendar file).
 */
pick: SchedulePick | null, 
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

export type RitualAdd = { ritual: RitualInput, };

export type RitualArchive = { id: string, archived: boolean, };

export type RitualDelete = { id: string, };

export type RitualInput = { title: string, practice: Practice | null, schedule: ScheduleInput, start: string, tz: string | null, durationMinutes: number, reminders: Array<number>, pausedUntil: string | null, };

export type RitualKept = { title: string, kept: number, planned: number, };

export type RitualProgress = { ritualId: string, weeks: Array<WeekProgress>, };

export type RitualStart = { ritualId: string, };

export type RitualTemplate = { id: string, title: string, summary: string, why: string, source: string | null, 
/**
 * How strong the ground under `why` is, shown with it.
 */
evidence: string, practice: Practice | null, 
/**
 * The template's schedule as the picker shows it.
 */
pick: SchedulePick, scheduleWords: string, 
/**
 * `HH:MM`.
 */
time: string, durationMinutes: number, };

export type RitualUpdate = { id: string, ritual: RitualInput, };

export type RitualsWeek = { 
/**
 * The Monday, `YYYY-MM-DD`.
 */
weekStart: string, label: string, kept: number, planned: number, };

export type Safety = { 
/**
 * The calm statement in full.
 */
statement: string, 
/**
 * The same in one or two sentences, for small places (beside the self-check's line).
 */
short: string, 
/**
 * "If you are in danger now, call your local emergency number."
 */
emergency: string, 
/**
 * How the services' details were checked.
 */
checkNote: string, services: Array<SafetyService>, directory: SafetyDirectory, 
/**
 * The first-run notice was shown and put away on this computer (never shared).
 */
noticeSeen: boolean, };

export type SafetyDirectory = { name: string, website: string, summary: string, 
/**
 * YYYY-MM-DD.
 */
checked: string, };

export type SafetyService = { country: string, region: string | null, name: string, 
/**
 * Numbers to call or text, hours, cost, in words.
 */
reach: string, website: string, emergency: string | null, 
/**
 * YYYY-MM-DD: the day its details were last checked.
 */
checked: string, };

export type SavedDraft = { draft: Draft, savedAt: string, };

export type Scale = { id: string, question: string, labels: Array<string>, };

export type ScheduleDefault = { 
/**
 * The first occurrence's local date, `YYYY-MM-DD`.
 */
date: string, };

export type ScheduleDescribe = { schedule: ScheduleInput, 
/**
 * The first occurrence's local start, `YYYY-MM-DDTHH:MM`.
 */
start: string, };

export type ScheduleEnd = "never" | "count" | "until";

export type ScheduleInput = { "kind": "pick", pick: SchedulePick, } | { "kind": "rule", rule: string, };

export type SchedulePick = { repeat: Repeat, 
/**
 * Every N days, weeks or months.
 */
interval: number, 
/**
 * Weekly: which days.
 */
days: Array<Weekday>, 
/**
 * Monthly on a day: 1 to 31, or -1 for the last day.
 */
monthDay: number, 
/**
 * Monthly on a weekday: 1 to 4, or -1 for the last.
 */
nth: number, weekday: Weekday, 
/**
 * Times a week, and the day to remind when the week is not done yet.
 */
times: number, remindOn: Weekday, end: ScheduleEnd, count: number, 
/**
 * `YYYY-MM-DD`.
 */
until: string, };

export type SearchOrder = "newest" | "relevance";

export type SelfCheckAnswer = { author: string, answers: { [key in string]: number }, 
/**
 * Anything to add, in their own words (may be empty).
 */
note: string, };

export type SelfCheckPoint = { 
/**
 * RFC 3339, UTC.
 */
at: string, 
/**
 * The Monday of its week, YYYY-MM-DD, in the computer's zone.
 */
weekOf: string, author: string, percent: number, };

export type SelfCheckQuestion = { id: string, area: string, statement: string, suggestion: Practice, };

export type SelfCheckResult = { entryId: string, percent: number, 
/**
 * The areas answered low, by name.
 */
lowAreas: Array<string>, suggestions: Array<PracticeGuide>, };

export type SelfCheckSave = { answer: SelfCheckAnswer, };

export type SettingsSet = { settings: AppSettings, };

export type SyncDevice = { device: string, 
/**
 * The last calendar and notebook segments applied from it.
 */
calendarReceived: number, notebookReceived: number, 
/**
 * RFC 3339: when something from it was last applied here.
 */
lastReceivedAt: string | null, };

export type SyncInvitation = { code: string, 
/**
 * RFC 3339.
 */
expiresAt: string, };

export type SyncJoin = { 
/**
 * The code shown on the partner's computer.
 */
code: string, };

export type SyncRefusal = { file: string, reason: string, at: string, };

export type SyncReport = { 
/**
 * Segments written from this computer.
 */
written: number, 
/**
 * Segments applied from the partner's.
 */
applied: number, 
/**
 * Changes in them.
 */
changes: number, 
/**
 * Files not applied, with the reason.
 */
refused: Array<SyncRefusal>, 
/**
 * The notebook is locked: its changes wait (both ways) until it is opened.
 */
notebookWaits: boolean, 
/**
 * A partner's computer joined in this round.
 */
joined: boolean, };

export type SyncStatus = { paired: boolean, device: string | null, folder: string | null, folderReachable: boolean, 
/**
 * Syncthing carries the folder (it has Syncthing's marker).
 */
syncthing: boolean, devices: Array<SyncDevice>, 
/**
 * Changes made here not yet written to the folder.
 */
waitingCalendar: number, 
/**
 * None while the notebook is locked.
 */
waitingNotebook: number | null, refused: Array<SyncRefusal>, 
/**
 * Entries with two versions to choose between; none while the notebook is locked.
 */
twoVersions: number | null, 
/**
 * RFC 3339: when the pairing code that is out expires.
 */
invitationExpiresAt: string | null, };

export type Theme = "system" | "light" | "dark";

export type Topic = "general" | "daily-life" | "appreciation" | "inner-world" | "self" | "past" | "memories" | "future" | "dreams" | "values" | "money" | "home" | "work" | "health" | "body" | "family" | "friends" | "play" | "affection" | "intimacy" | "repair" | "conflict";

export type Transfer = { path: string, count: number, 
/**
 * Entries already present (notebook import) or events that could not be read (calendar).
 */
leftOut: Array<string>, };

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

export type WaitingNote = { entryId: string, 
/**
 * The partner it is for.
 */
to: string, from: string, createdAt: string, };

export type WeekProgress = { 
/**
 * The Monday starting the week, `YYYY-MM-DD`.
 */
weekStart: string, kept: number, planned: number, };

export type Weekday = "MO" | "TU" | "WE" | "TH" | "FR" | "SA" | "SU";

export type WindowCloseChoice = { 
/**
 * Keep Hearth running in the tray for reminders (true), or quit when the window closes.
 */
keepRunning: boolean, };

/** Every command the UI can call: its request and its response. */
export type Commands = {
  app_paths: { request: Nothing; response: DataPaths };
  app_first_paint: { request: Nothing; response: null };
  settings_get: { request: Nothing; response: AppSettings };
  settings_set: { request: SettingsSet; response: AppSettings };
  display_get: { request: Nothing; response: DisplayPreferences };
  display_set: { request: DisplaySet; response: DisplayPreferences };
  update_check: { request: Nothing; response: UpdateCheck };
  update_install: { request: Nothing; response: null };
  data_folder_open: { request: Nothing; response: null };
  insights_get: { request: InsightsGet; response: InsightsReport };
  window_close_choice: { request: WindowCloseChoice; response: null };
  window_leave_now: { request: Nothing; response: null };
  safety_get: { request: Nothing; response: Safety };
  safety_notice_seen: { request: Nothing; response: Safety };
  journal_status: { request: Nothing; response: JournalStatus };
  journal_set_up: { request: JournalSetUp; response: string };
  journal_unlock: { request: JournalUnlock; response: null };
  journal_lock: { request: Nothing; response: null };
  journal_keep_alive: { request: Nothing; response: null };
  journal_add: { request: JournalAdd; response: Entry };
  journal_update: { request: JournalUpdate; response: Entry };
  journal_find: { request: JournalFind; response: Array<Entry> };
  journal_delete: { request: JournalDelete; response: null };
  journal_versions: { request: JournalVersions; response: Array<EntryVersion> };
  journal_draft: { request: JournalDraft; response: SavedDraft | null };
  journal_save_draft: { request: JournalSaveDraft; response: null };
  journal_clear_draft: { request: JournalClearDraft; response: null };
  journal_partners: { request: Nothing; response: Partners | null };
  journal_set_partners: { request: JournalSetPartners; response: Partners };
  journal_settings: { request: Nothing; response: JournalSettings };
  journal_set_idle_lock: { request: JournalSetIdleLock; response: JournalSettings };
  journal_back_up_now: { request: Nothing; response: JournalSettings };
  journal_restore: { request: JournalRestore; response: RestoreOutcome };
  journal_change_passphrase: { request: JournalChangePassphrase; response: PassphraseChanged };
  journal_recover: { request: JournalRecover; response: PassphraseChanged };
  journal_keychain: { request: Nothing; response: KeychainStatus };
  journal_remember: { request: Nothing; response: KeychainStatus };
  journal_forget: { request: Nothing; response: KeychainStatus };
  journal_unlock_with_keychain: { request: Nothing; response: null };
  notebook_export: { request: NotebookExport; response: Transfer | null };
  notebook_import: { request: Nothing; response: Transfer | null };
  ritual_list: { request: Nothing; response: Array<Ritual> };
  ritual_add: { request: RitualAdd; response: Ritual };
  ritual_update: { request: RitualUpdate; response: Ritual };
  ritual_archive: { request: RitualArchive; response: Ritual };
  ritual_delete: { request: RitualDelete; response: null };
  ritual_templates: { request: Nothing; response: Array<RitualTemplate> };
  ritual_progress: { request: Nothing; response: Array<RitualProgress> };
  ritual_start: { request: RitualStart; response: null };
  ritual_export: { request: Nothing; response: Transfer | null };
  ritual_import: { request: Nothing; response: Transfer | null };
  occurrence_list: { request: OccurrenceList; response: Array<Occurrence> };
  occurrence_get: { request: OccurrenceGet; response: Occurrence };
  occurrence_missed: { request: Nothing; response: Array<Occurrence> };
  occurrence_act: { request: OccurrenceAct; response: null };
  schedule_default: { request: ScheduleDefault; response: SchedulePick };
  schedule_describe: { request: ScheduleDescribe; response: string };
  quiet_hours_get: { request: Nothing; response: QuietHours | null };
  quiet_hours_set: { request: QuietHoursSet; response: QuietHours | null };
  breathing_patterns: { request: Nothing; response: Array<BreathingPattern> };
  breathing_start: { request: BreathingStart; response: BreathingSession };
  repair_pause_start: { request: RepairPauseStart; response: BreathingSession };
  breathing_session: { request: Nothing; response: BreathingSession | null };
  breathing_stop: { request: Nothing; response: null };
  breathing_pause: { request: BreathingPause; response: BreathingSession | null };
  breathing_custom: { request: Nothing; response: CustomBreathing | null };
  practice_guides: { request: Nothing; response: Array<PracticeGuide> };
  guided_sessions: { request: Nothing; response: Array<GuidedSession> };
  deck_list: { request: Nothing; response: Decks };
  deck_draw: { request: DeckDraw; response: Card };
  deck_favourite: { request: DeckFavourite; response: null };
  deck_add_card: { request: DeckAddCard; response: Decks };
  deck_favourites: { request: DeckFavourites; response: Array<Card> };
  check_in_form: { request: Nothing; response: CheckInForm };
  check_in_save: { request: CheckInSave; response: Array<Entry> };
  self_check_questions: { request: Nothing; response: Array<SelfCheckQuestion> };
  self_check_save: { request: SelfCheckSave; response: SelfCheckResult };
  self_check_trend: { request: Nothing; response: Array<SelfCheckPoint> };
  note_leave: { request: NoteLeave; response: Entry };
  note_waiting: { request: Nothing; response: Array<WaitingNote> };
  note_read: { request: NoteRead; response: Entry };
  phones_off_status: { request: Nothing; response: PhonesOff };
  phones_off_start: { request: PhonesOffStart; response: PhonesOffRun };
  phones_off_end: { request: Nothing; response: null };
  plan_status: { request: Nothing; response: Plan };
  plan_start: { request: Nothing; response: Plan };
  plan_finish_day: { request: PlanFinishDay; response: Plan };
  sync_status: { request: Nothing; response: SyncStatus };
  sync_setup: { request: Nothing; response: SyncStatus | null };
  sync_invite: { request: Nothing; response: SyncInvitation };
  sync_join: { request: SyncJoin; response: SyncStatus | null };
  sync_now: { request: Nothing; response: SyncReport };
  sync_leave: { request: Nothing; response: SyncStatus };
  check_in_apart: { request: Nothing; response: CheckInApart };
  check_in_send: { request: CheckInSend; response: CheckInApart };
};

export type CommandName = keyof Commands;

/** Sends one command and resolves to its response (or rejects with an ApiError). */
export type Caller = <K extends CommandName>(
  name: K,
  request: Commands[K]['request'],
) => Promise<Commands[K]['response']>;

/** What a stand-in core answers for one command: its response, or an error. */
export type MockAnswer<K extends CommandName> =
  | { ok: Commands[K]['response'] }
  | { error: ApiError };

/** A stand-in core for the UI's tests: answers for the commands a test needs. */
export type MockCore = {
  [K in CommandName]?: (
    request: Commands[K]['request'],
  ) => MockAnswer<K> | Promise<MockAnswer<K>>;
};

/** The typed client: one method per command, each taking its request. */
export function client(call: Caller) {
  return {
    appPaths: () => call('app_paths', {}),
    appFirstPaint: () => call('app_first_paint', {}),
    settingsGet: () => call('settings_get', {}),
    settingsSet: (request: SettingsSet) => call('settings_set', request),
    displayGet: () => call('display_get', {}),
    displaySet: (request: DisplaySet) => call('display_set', request),
    updateCheck: () => call('update_check', {}),
    updateInstall: () => call('update_install', {}),
    dataFolderOpen: () => call('data_folder_open', {}),
    insightsGet: (request: InsightsGet) => call('insights_get', request),
    windowCloseChoice: (request: WindowCloseChoice) => call('window_close_choice', request),
    windowLeaveNow: () => call('window_leave_now', {}),
    safetyGet: () => call('safety_get', {}),
    safetyNoticeSeen: () => call('safety_notice_seen', {}),
    journalStatus: () => call('journal_status', {}),
    journalSetUp: (request: JournalSetUp) => call('journal_set_up', request),
    journalUnlock: (request: JournalUnlock) => call('journal_unlock', request),
    journalLock: () => call('journal_lock', {}),
    journalKeepAlive: () => call('journal_keep_alive', {}),
    journalAdd: (request: JournalAdd) => call('journal_add', request),
    journalUpdate: (request: JournalUpdate) => call('journal_update', request),
    journalFind: (request: JournalFind) => call('journal_find', request),
    journalDelete: (request: JournalDelete) => call('journal_delete', request),
    journalVersions: (request: JournalVersions) => call('journal_versions', request),
    journalDraft: (request: JournalDraft) => call('journal_draft', request),
    journalSaveDraft: (request: JournalSaveDraft) => call('journal_save_draft', request),
    journalClearDraft: (request: JournalClearDraft) => call('journal_clear_draft', request),
    journalPartners: () => call('journal_partners', {}),
    journalSetPartners: (request: JournalSetPartners) => call('journal_set_partners', request),
    journalSettings: () => call('journal_settings', {}),
    journalSetIdleLock: (request: JournalSetIdleLock) => call('journal_set_idle_lock', request),
    journalBackUpNow: () => call('journal_back_up_now', {}),
    journalRestore: (request: JournalRestore) => call('journal_restore', request),
    journalChangePassphrase: (request: JournalChangePassphrase) => call('journal_change_passphrase', request),
    journalRecover: (request: JournalRecover) => call('journal_recover', request),
    journalKeychain: () => call('journal_keychain', {}),
    journalRemember: () => call('journal_remember', {}),
    journalForget: () => call('journal_forget', {}),
    journalUnlockWithKeychain: () => call('journal_unlock_with_keychain', {}),
    notebookExport: (request: NotebookExport) => call('notebook_export', request),
    notebookImport: () => call('notebook_import', {}),
    ritualList: () => call('ritual_list', {}),
    ritualAdd: (request: RitualAdd) => call('ritual_add', request),
    ritualUpdate: (request: RitualUpdate) => call('ritual_update', request),
    ritualArchive: (request: RitualArchive) => call('ritual_archive', request),
    ritualDelete: (request: RitualDelete) => call('ritual_delete', request),
    ritualTemplates: () => call('ritual_templates', {}),
    ritualProgress: () => call('ritual_progress', {}),
    ritualStart: (request: RitualStart) => call('ritual_start', request),
    ritualExport: () => call('ritual_export', {}),
    ritualImport: () => call('ritual_import', {}),
    occurrenceList: (request: OccurrenceList) => call('occurrence_list', request),
    occurrenceGet: (request: OccurrenceGet) => call('occurrence_get', request),
    occurrenceMissed: () => call('occurrence_missed', {}),
    occurrenceAct: (request: OccurrenceAct) => call('occurrence_act', request),
    scheduleDefault: (request: ScheduleDefault) => call('schedule_default', request),
    scheduleDescribe: (request: ScheduleDescribe) => call('schedule_describe', request),
    quietHoursGet: () => call('quiet_hours_get', {}),
    quietHoursSet: (request: QuietHoursSet) => call('quiet_hours_set', request),
    breathingPatterns: () => call('breathing_patterns', {}),
    breathingStart: (request: BreathingStart) => call('breathing_start', request),
    repairPauseStart: (request: RepairPauseStart) => call('repair_pause_start', request),
    breathingSession: () => call('breathing_session', {}),
    breathingStop: () => call('breathing_stop', {}),
    breathingPause: (request: BreathingPause) => call('breathing_pause', request),
    breathingCustom: () => call('breathing_custom', {}),
    practiceGuides: () => call('practice_guides', {}),
    guidedSessions: () => call('guided_sessions', {}),
    deckList: () => call('deck_list', {}),
    deckDraw: (request: DeckDraw) => call('deck_draw', request),
    deckFavourite: (request: DeckFavourite) => call('deck_favourite', request),
    deckAddCard: (request: DeckAddCard) => call('deck_add_card', request),
    deckFavourites: (request: DeckFavourites) => call('deck_favourites', request),
    checkInForm: () => call('check_in_form', {}),
    checkInSave: (request: CheckInSave) => call('check_in_save', request),
    selfCheckQuestions: () => call('self_check_questions', {}),
    selfCheckSave: (request: SelfCheckSave) => call('self_check_save', request),
    selfCheckTrend: () => call('self_check_trend', {}),
    noteLeave: (request: NoteLeave) => call('note_leave', request),
    noteWaiting: () => call('note_waiting', {}),
    noteRead: (request: NoteRead) => call('note_read', request),
    phonesOffStatus: () => call('phones_off_status', {}),
    phonesOffStart: (request: PhonesOffStart) => call('phones_off_start', request),
    phonesOffEnd: () => call('phones_off_end', {}),
    planStatus: () => call('plan_status', {}),
    planStart: () => call('plan_start', {}),
    planFinishDay: (request: PlanFinishDay) => call('plan_finish_day', request),
    syncStatus: () => call('sync_status', {}),
    syncSetup: () => call('sync_setup', {}),
    syncInvite: () => call('sync_invite', {}),
    syncJoin: (request: SyncJoin) => call('sync_join', request),
    syncNow: () => call('sync_now', {}),
    syncLeave: () => call('sync_leave', {}),
    checkInApart: () => call('check_in_apart', {}),
    checkInSend: (request: CheckInSend) => call('check_in_send', request),
  };
}
