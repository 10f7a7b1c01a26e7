// Generated from src-tauri/crates/app/src/dto.rs by `make bindings`. Do not edit.

export type ApiErrorKind = "invalid_input" | "not_found" | "wrong_passphrase" | "locked" | "no_journal" | "journal_exists" | "storage" | "newer_version" | "internal";

export type ApiError = { kind: ApiErrorKind, message: string, };

export type PhaseKind = "inhale" | "top_up" | "hold" | "exhale" | "rest";

export type Phase = { kind: PhaseKind, millis: number, };

export type BreathingPattern = { id: string, name: string, summary: string, why: string, source: string | null, phases: Array<Phase>, cycleMillis: number, breathsPerMinute: number, };

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
