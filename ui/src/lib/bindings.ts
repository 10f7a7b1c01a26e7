// Generated from src-tauri/crates/app/src/dto.rs by `make bindings`. Do not edit.

export type ApiErrorKind = "invalid_input" | "storage" | "newer_version" | "internal";

export type ApiError = { kind: ApiErrorKind, message: string, };

export type PhaseKind = "inhale" | "top_up" | "hold" | "exhale" | "rest";

export type Phase = { kind: PhaseKind, millis: number, };

export type BreathingPattern = { id: string, name: string, summary: string, why: string, source: string | null, phases: Array<Phase>, cycleMillis: number, breathsPerMinute: number, };

export type DataPaths = { dataDir: string, scheduleDb: string, };
