// The only module that talks to the Rust side. Every call is typed with the generated bindings
// and every failure becomes a HearthError with a kind the UI can switch on.
import { invoke } from '@tauri-apps/api/core';
import type {
  ApiError,
  ApiErrorKind,
  BreathingPattern,
  BreathingSession,
  Card,
  CheckInAnswer,
  CheckInForm,
  CustomBreathing,
  DataPaths,
  Decks,
  AppSettings,
  DisplayPreferences,
  InsightsReport,
  Transfer,
  UpdateCheck,
  Draft,
  Entry,
  EntryQuery,
  JournalSettings,
  JournalStatus,
  KeychainStatus,
  NewEntry,
  Occurrence,
  OccurrenceAction,
  Ritual,
  RitualInput,
  RitualProgress,
  RitualTemplate,
  Partners,
  PhonesOff,
  PhonesOffRun,
  Plan,
  PracticeGuide,
  SavedDraft,
  SelfCheckAnswer,
  SelfCheckPoint,
  SelfCheckQuestion,
  SelfCheckResult,
  WaitingNote,
} from './bindings';

export class HearthError extends Error {
  readonly kind: ApiErrorKind;

  constructor(kind: ApiErrorKind, message: string) {
    super(message);
    this.name = 'HearthError';
    this.kind = kind;
  }
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ApiError).kind === 'string' &&
    typeof (value as ApiError).message === 'string'
  );
}

/** Turns whatever invoke rejected with into a HearthError. */
export function toHearthError(error: unknown): HearthError {
  if (error instanceof HearthError) return error;
  if (isApiError(error)) return new HearthError(error.kind, error.message);
  // Tauri itself rejects with a plain string (for example a refused permission).
  const message = typeof error === 'string' ? error : String(error);
  return new HearthError('internal', message);
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toHearthError(error);
  }
}

export const api = {
  breathingPatterns: () => call<BreathingPattern[]>('breathing_patterns'),
  /** Starts a session; the core keeps its plan and start instant. */
  breathingStart: (patternId: string, minutes: number, custom: CustomBreathing | null = null) =>
    call<BreathingSession>('breathing_start', { patternId, minutes, custom }),
  breathingCustom: () => call<CustomBreathing | null>('breathing_custom'),
  breathingSession: () => call<BreathingSession | null>('breathing_session'),
  breathingStop: () => call<null>('breathing_stop'),
  /** Pauses or resumes; resolves to the session as it now stands (null when none runs). */
  breathingPause: (pause: boolean) => call<BreathingSession | null>('breathing_pause', { pause }),
  dataPaths: () => call<DataPaths>('data_paths'),
  reportFirstPaint: () => call<null>('report_first_paint'),
  journalStatus: () => call<JournalStatus>('journal_status'),
  /** Sets up the journal and opens it; resolves to the recovery key, shown once. */
  journalSetUp: (passphrase: string) => call<string>('journal_set_up', { passphrase }),
  journalUnlock: (passphrase: string) => call<null>('journal_unlock', { passphrase }),
  journalLock: () => call<null>('journal_lock'),
  journalKeepAlive: () => call<null>('journal_keep_alive'),
  /** Saves an entry; when `draftSlot` is given, the draft it came from goes in the same step. */
  journalAdd: (entry: NewEntry, draftSlot: string | null = null) =>
    call<Entry>('journal_add', { entry, draftSlot }),
  journalUpdate: (id: string, entry: NewEntry, draftSlot: string | null = null) =>
    call<Entry>('journal_update', { id, entry, draftSlot }),
  journalFind: (query: EntryQuery) => call<Entry[]>('journal_find', { query }),
  journalDelete: (id: string) => call<null>('journal_delete', { id }),
  journalDraft: (slot: string) => call<SavedDraft | null>('journal_draft', { slot }),
  journalSaveDraft: (slot: string, draft: Draft) => call<null>('journal_save_draft', { slot, draft }),
  journalClearDraft: (slot: string) => call<null>('journal_clear_draft', { slot }),
  journalPartners: () => call<Partners | null>('journal_partners'),
  journalSetPartners: (partners: Partners) => call<Partners>('journal_set_partners', { partners }),
  journalSettings: () => call<JournalSettings>('journal_settings'),
  journalSetIdleLock: (minutes: number) => call<JournalSettings>('journal_set_idle_lock', { minutes }),
  journalBackUpNow: () => call<JournalSettings>('journal_back_up_now'),
  /** Locks and restores a backup from the backups folder; reload afterwards. */
  journalRestore: (name: string, passphrase: string) => call<null>('journal_restore', { name, passphrase }),
  journalChangePassphrase: (current: string, next: string) =>
    call<null>('journal_change_passphrase', { current, new: next }),
  journalRecover: (recoveryKey: string, next: string) =>
    call<null>('journal_recover', { recoveryKey, new: next }),
  journalKeychain: () => call<KeychainStatus>('journal_keychain'),
  journalRememberOnDevice: () => call<KeychainStatus>('journal_remember_on_device'),
  journalForgetOnDevice: () => call<KeychainStatus>('journal_forget_on_device'),
  journalUnlockWithKeychain: () => call<null>('journal_unlock_with_keychain'),
  ritualsList: () => call<Ritual[]>('rituals_list'),
  ritualTemplates: () => call<RitualTemplate[]>('ritual_templates'),
  ritualsProgress: () => call<RitualProgress[]>('rituals_progress'),
  ritualAdd: (ritual: RitualInput) => call<Ritual>('ritual_add', { ritual }),
  ritualUpdate: (id: string, ritual: RitualInput) => call<Ritual>('ritual_update', { id, ritual }),
  ritualArchive: (id: string, archived: boolean) => call<Ritual>('ritual_archive', { id, archived }),
  ritualDelete: (id: string) => call<null>('ritual_delete', { id }),
  /** Occurrences on local dates from..to (YYYY-MM-DD, inclusive). */
  occurrencesBetween: (from: string, to: string) => call<Occurrence[]>('occurrences_between', { from, to }),
  occurrencesMissed: () => call<Occurrence[]>('occurrences_missed'),
  occurrenceAct: (ritualId: string, occurrence: string, action: OccurrenceAction) =>
    call<null>('occurrence_act', { ritualId, occurrence, action }),
  practiceGuides: () => call<PracticeGuide[]>('practice_guides'),
  decksList: () => call<Decks>('decks_list'),
  deckDraw: (deckId: string) => call<Card>('deck_draw', { deckId }),
  deckFavourite: (deckId: string, cardKey: string, favourite: boolean) =>
    call<null>('deck_favourite', { deckId, cardKey, favourite }),
  deckFavourites: (deckId: string) => call<Card[]>('deck_favourites', { deckId }),
  checkInForm: () => call<CheckInForm>('check_in_form'),
  /** Saves one check_in entry per partner, both or neither. */
  checkInSave: (answers: CheckInAnswer[]) => call<Entry[]>('check_in_save', { answers }),
  selfCheckQuestions: () => call<SelfCheckQuestion[]>('self_check_questions'),
  selfCheckSave: (answer: SelfCheckAnswer) => call<SelfCheckResult>('self_check_save', { answer }),
  selfCheckTrend: () => call<SelfCheckPoint[]>('self_check_trend'),
  noteLeave: (from: string, to: number, text: string) => call<Entry>('note_leave', { from, to, text }),
  notesWaiting: () => call<WaitingNote[]>('notes_waiting'),
  noteRead: (entryId: string) => call<Entry>('note_read', { entryId }),
  phonesOffStatus: () => call<PhonesOff>('phones_off_status'),
  phonesOffStart: (minutes: number) => call<PhonesOffRun>('phones_off_start', { minutes }),
  phonesOffEnd: () => call<null>('phones_off_end'),
  planStatus: () => call<Plan>('plan_status'),
  planStart: () => call<Plan>('plan_start'),
  planFinishDay: (day: number) => call<Plan>('plan_finish_day', { day }),
  displayPreferences: () => call<DisplayPreferences>('display_preferences'),
  displaySetPreferences: (preferences: DisplayPreferences) =>
    call<DisplayPreferences>('display_set_preferences', { preferences }),
  /** `week`, `month` or `all`; journal series are empty while it is locked. */
  insights: (range: InsightsRange) => call<InsightsReport>('insights', { range }),
  settingsGet: () => call<AppSettings>('settings_get'),
  settingsSet: (settings: AppSettings) => call<AppSettings>('settings_set', { settings }),
  quietHoursGet: () => call<string>('quiet_hours_get'),
  /** `HH:MM-HH:MM`, or empty to clear; resolves to what was saved. */
  quietHoursSet: (text: string) => call<string>('quiet_hours_set', { text }),
  dataFolderOpen: () => call<null>('data_folder_open'),
  /** Each resolves to null when the person cancels the file dialog. */
  exportNotebook: (format: 'markdown' | 'json') => call<Transfer | null>('export_notebook', { format }),
  importNotebook: () => call<Transfer | null>('import_notebook'),
  exportRituals: () => call<Transfer | null>('export_rituals'),
  importRituals: () => call<Transfer | null>('import_rituals'),
  /** The one network call Hearth makes, and only when asked. */
  updatesCheck: () => call<UpdateCheck>('updates_check'),
  updatesInstall: () => call<null>('updates_install'),
};

export type InsightsRange = 'week' | 'month' | 'all';

/** Reloads the page, so nothing decrypted stays in it (after locking). */
export function reloadPage(): void {
  window.location.reload();
}
