// Generated from src-tauri/crates/app/src/dto.rs by `make bindings`. Do not edit.

export type ApiErrorKind = "invalid_input" | "not_found" | "wrong_passphrase" | "locked" | "no_journal" | "journal_exists" | "storage" | "newer_version" | "internal";

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
durationMs: number, };

export type DataPaths = { dataDir: string, scheduleDb: string, journalDb: string, journalKey: string, backupsDir: string, };

export type JournalStatus = { setUp: boolean, unlocked: boolean, idleLockSeconds: number, };

export type EntryKind = "note" | "three_good_things" | "check_in" | "reflection" | "appreciation" | "self_check";

export type Entry = { id: string, createdAt: string, editedAt: string | null, author: string, kind: EntryKind, mood: number | null, closeness: number | null, tags: Array<string>, occurrence: string | null, text: string, };

export type NewEntry = { text: string, kind: EntryKind, author: string, mood: number | null, closeness: number | null, tags: Array<string>, };

export type SearchOrder = "newest" | "relevance";

export type EntryQuery = { text: string | null, kind: EntryKind | null, author: string | null, tag: string | null, from: string | null, until: string | null, order: SearchOrder, limit: number, };

export type Draft = { text: string, kind: EntryKind, author: string, tags: Array<string>, };

export type SavedDraft = { draft: Draft, savedAt: string, };

export type Partners = { names: Array<string>, };

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
