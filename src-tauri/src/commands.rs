//! Tauri commands: one-line adapters from IPC to hearth-app. No logic lives here.
//!
//! Every command is `async`; the ones that derive keys or touch the journal run on the blocking
//! pool (`on_blocking`), so neither the main thread nor the async workers wait on Argon2 or disk.

use chrono::{DateTime, Utc};
use hearth_app::dto::practices::{self, CustomBreathing};
use hearth_app::dto::settings::{AppSettings, Transfer, UpdateCheck};
use hearth_app::dto::{self, BreathingPattern, DataPaths, Entry, JournalStatus};
use hearth_app::{
    ApiError, ApiErrorKind, Clock as _, Hearth, KdfStrength, Passphrase, SystemClock,
};
use tauri::{AppHandle, Manager, Runtime, State, ipc::Invoke};
use zeroize::Zeroizing;

use crate::{Shell, keychain, login_item, transfer, updates};

/// The invoke handler with every command; shared by the app and the mock-runtime tests.
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        breathing_patterns,
        data_paths,
        report_first_paint,
        journal_status,
        journal_set_up,
        journal_unlock,
        journal_lock,
        journal_keep_alive,
        journal_add,
        journal_find,
        journal_delete,
        journal_update,
        journal_draft,
        journal_save_draft,
        journal_clear_draft,
        journal_partners,
        journal_set_partners,
        journal_settings,
        journal_set_idle_lock,
        journal_back_up_now,
        journal_restore,
        journal_change_passphrase,
        journal_recover,
        journal_keychain,
        journal_remember_on_device,
        journal_forget_on_device,
        journal_unlock_with_keychain,
        rituals_list,
        ritual_add,
        ritual_update,
        ritual_archive,
        ritual_delete,
        occurrences_between,
        occurrences_missed,
        occurrence_act,
        ritual_templates,
        rituals_progress,
        breathing_start,
        breathing_session,
        breathing_stop,
        breathing_pause,
        practice_guides,
        decks_list,
        deck_draw,
        deck_favourite,
        deck_favourites,
        check_in_form,
        check_in_save,
        self_check_questions,
        self_check_save,
        self_check_trend,
        note_leave,
        notes_waiting,
        note_read,
        phones_off_status,
        phones_off_start,
        phones_off_end,
        plan_status,
        plan_start,
        plan_finish_day,
        display_preferences,
        display_set_preferences,
        settings_get,
        settings_set,
        updates_check,
        updates_install,
        insights,
        data_folder_open,
        export_notebook,
        import_notebook,
        export_rituals,
        import_rituals,
        quiet_hours_get,
        quiet_hours_set,
        breathing_custom
    ]
}

/// Runs `work` on the blocking pool with the shell's state.
async fn on_blocking<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    work: impl FnOnce(&Shell) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tauri::async_runtime::spawn_blocking(move || work(&app.state::<Shell>()))
        .await
        .map_err(|_| ApiError::internal("a background task"))?
}

/// Runs `work` on the open journal on the blocking pool; the call counts as activity, and
/// `work` gets the time it was made. Answers `Locked` when the journal is locked.
async fn on_journal<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    work: impl FnOnce(&mut hearth_app::Journal, DateTime<Utc>) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    on_blocking(app, move |shell| {
        let now = SystemClock.now();
        shell
            .hearth()?
            .journal()
            .with_journal(now, |journal| work(journal, now))
    })
    .await
}

/// Runs a change to the rituals on the blocking pool, then wakes the reminder loop so it plans
/// with the change at once.
async fn on_rituals<R: Runtime, T: Send + 'static>(
    app: AppHandle<R>,
    work: impl FnOnce(&Hearth, DateTime<Utc>) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let handle = app.clone();
    let done = on_blocking(app, move |shell| work(shell.hearth()?, SystemClock.now())).await?;
    if let Some(wake) = handle.try_state::<crate::scheduler::SchedulerWake>() {
        wake.wake();
    }
    Ok(done)
}

/// The breathing patterns from content/.
#[tauri::command]
async fn breathing_patterns(shell: State<'_, Shell>) -> Result<Vec<BreathingPattern>, ApiError> {
    Ok(shell.hearth()?.breathing_patterns())
}

/// Where Hearth keeps its data.
#[tauri::command]
async fn data_paths(shell: State<'_, Shell>) -> Result<DataPaths, ApiError> {
    Ok(shell.hearth()?.paths())
}

/// Called once by the UI after its first real view is painted. Logs the start-up time, and
/// prints a marker line on stdout for the start-up benchmark when `HEARTH_BENCH_STAMP` is set.
#[tauri::command]
async fn report_first_paint(shell: State<'_, Shell>) -> Result<(), ApiError> {
    let elapsed = shell.started.elapsed();
    tracing::info!(millis = elapsed.as_millis(), "first paint");
    if std::env::var_os("HEARTH_BENCH_STAMP").is_some() {
        println!("hearth-first-paint");
    }
    Ok(())
}

/// Whether the journal is set up and unlocked.
#[tauri::command]
async fn journal_status(shell: State<'_, Shell>) -> Result<JournalStatus, ApiError> {
    Ok(shell.hearth()?.journal().status())
}

/// Sets up the journal; returns the recovery key to show once.
#[tauri::command]
async fn journal_set_up<R: Runtime>(
    app: AppHandle<R>,
    passphrase: String,
) -> Result<String, ApiError> {
    let passphrase = Passphrase::new(Zeroizing::new(passphrase));
    on_blocking(app, move |shell| {
        let recovery = shell.hearth()?.journal().set_up(
            &passphrase,
            KdfStrength::Calibrated,
            SystemClock.now(),
        )?;
        Ok(recovery.to_string())
    })
    .await
}

/// Unlocks the journal.
#[tauri::command]
async fn journal_unlock<R: Runtime>(app: AppHandle<R>, passphrase: String) -> Result<(), ApiError> {
    let passphrase = Passphrase::new(Zeroizing::new(passphrase));
    on_blocking(app, move |shell| {
        shell
            .hearth()?
            .journal()
            .unlock(&passphrase, SystemClock.now())
    })
    .await
}

/// Locks the journal now. The UI reloads itself afterwards so no text stays in the page.
#[tauri::command]
async fn journal_lock(shell: State<'_, Shell>) -> Result<(), ApiError> {
    shell.hearth()?.journal().lock();
    Ok(())
}

/// The user is active in the journal (typing, reading): push the idle lock back.
#[tauri::command]
async fn journal_keep_alive(shell: State<'_, Shell>) -> Result<(), ApiError> {
    shell.hearth()?.journal().keep_alive(SystemClock.now())
}

/// Saves a new entry, and forgets the draft it was written in (`draft_slot`), atomically.
#[tauri::command]
async fn journal_add<R: Runtime>(
    app: AppHandle<R>,
    entry: dto::NewEntry,
    draft_slot: Option<String>,
) -> Result<Entry, ApiError> {
    on_journal(app, move |journal, now| {
        journal.add_from_draft(entry.into(), now, draft_slot.as_deref())
    })
    .await
}

/// Replaces an entry's content, and forgets the draft it was edited in, atomically.
#[tauri::command]
async fn journal_update<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    entry: dto::NewEntry,
    draft_slot: Option<String>,
) -> Result<Entry, ApiError> {
    on_journal(app, move |journal, now| {
        journal.update_from_draft(&id, entry.into(), now, draft_slot.as_deref())
    })
    .await
}

/// The draft kept for an editor (`new` or `edit:<id>`), if any.
#[tauri::command]
async fn journal_draft<R: Runtime>(
    app: AppHandle<R>,
    slot: String,
) -> Result<Option<dto::SavedDraft>, ApiError> {
    on_journal(app, move |journal, _| journal.draft(&slot)).await
}

/// Keeps unsaved writing inside the encrypted journal (never in the webview).
#[tauri::command]
async fn journal_save_draft<R: Runtime>(
    app: AppHandle<R>,
    slot: String,
    draft: dto::Draft,
) -> Result<(), ApiError> {
    on_journal(app, move |journal, now| {
        journal.save_draft(&slot, &draft, now)
    })
    .await
}

/// Forgets the draft kept for an editor (the person chose to discard it).
#[tauri::command]
async fn journal_clear_draft<R: Runtime>(app: AppHandle<R>, slot: String) -> Result<(), ApiError> {
    on_journal(app, move |journal, _| journal.clear_draft(&slot)).await
}

/// The partners' names, or null before they are set.
#[tauri::command]
async fn journal_partners<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<dto::Partners>, ApiError> {
    on_journal(app, |journal, _| journal.partners()).await
}

/// Sets the partners' names; returns them as kept (trimmed).
#[tauri::command]
async fn journal_set_partners<R: Runtime>(
    app: AppHandle<R>,
    partners: dto::Partners,
) -> Result<dto::Partners, ApiError> {
    on_journal(app, move |journal, _| journal.set_partners(&partners)).await
}

/// The idle lock and the backups (works while locked).
#[tauri::command]
async fn journal_settings<R: Runtime>(app: AppHandle<R>) -> Result<dto::JournalSettings, ApiError> {
    on_blocking(app, move |shell| Ok(shell.hearth()?.journal_settings())).await
}

/// Changes the idle lock, in minutes (one of the offered choices).
#[tauri::command]
async fn journal_set_idle_lock<R: Runtime>(
    app: AppHandle<R>,
    minutes: u32,
) -> Result<dto::JournalSettings, ApiError> {
    on_blocking(app, move |shell| {
        shell.hearth()?.set_idle_lock_minutes(minutes)
    })
    .await
}

/// Makes a backup in the backups folder now; returns the settings with the new list.
#[tauri::command]
async fn journal_back_up_now<R: Runtime>(
    app: AppHandle<R>,
) -> Result<dto::JournalSettings, ApiError> {
    on_blocking(app, move |shell| {
        let hearth = shell.hearth()?;
        hearth.journal().backup_now(SystemClock.now())?;
        Ok(hearth.journal_settings())
    })
    .await
}

/// Locks and replaces the journal with a backup from the backups folder (by file name). The
/// UI reloads afterwards and asks for the passphrase.
#[tauri::command]
async fn journal_restore<R: Runtime>(
    app: AppHandle<R>,
    name: String,
    passphrase: String,
) -> Result<(), ApiError> {
    let passphrase = Passphrase::new(Zeroizing::new(passphrase));
    on_blocking(app, move |shell| {
        shell
            .hearth()?
            .journal()
            .restore(&name, &passphrase, SystemClock.now())
            .map(|_| ())
    })
    .await
}

/// Changes the passphrase, re-encrypting the notebook under a new key; the journal stays as it
/// is (open or locked). A key remembered on this computer is replaced by the new one. Answers a
/// new recovery key when one had to be made (show it once).
#[tauri::command]
async fn journal_change_passphrase<R: Runtime>(
    app: AppHandle<R>,
    current: String,
    new: String,
) -> Result<Option<String>, ApiError> {
    let current = Passphrase::new(Zeroizing::new(current));
    let new = Passphrase::new(Zeroizing::new(new));
    on_blocking(app, move |shell| {
        rekey_and_remember(shell, |journal| {
            journal.change_passphrase(&current, &new, KdfStrength::Calibrated)
        })
    })
    .await
}

/// Sets a new passphrase with the recovery key (re-encrypting like a passphrase change).
#[tauri::command]
async fn journal_recover<R: Runtime>(
    app: AppHandle<R>,
    recovery_key: String,
    new: String,
) -> Result<Option<String>, ApiError> {
    let recovery_key = Zeroizing::new(recovery_key);
    let new = Passphrase::new(Zeroizing::new(new));
    on_blocking(app, move |shell| {
        rekey_and_remember(shell, |journal| {
            journal.recover(&recovery_key, &new, KdfStrength::Calibrated)
        })
    })
    .await
}

/// Runs a re-keying; a key this computer remembered is replaced by the new one (or forgotten
/// if the keychain will not take it), so the old key opens nothing afterwards.
fn rekey_and_remember(
    shell: &Shell,
    change: impl FnOnce(&hearth_app::JournalSession) -> Result<hearth_app::Rekeyed, ApiError>,
) -> Result<Option<String>, ApiError> {
    let journal = shell.hearth()?.journal();
    let id = journal.journal_id()?;
    let remembered = keychain::status(&id) == keychain::Remembered::Yes;
    let rekeyed = change(journal)?;
    if remembered && keychain::remember(&id, &rekeyed.key.to_bytes()[..]).is_err() {
        let _ = keychain::forget(&id);
    }
    Ok(rekeyed.new_recovery_key.map(|key| key.to_string()))
}

/// Entries, newest first, narrowed by the query.
#[tauri::command]
async fn journal_find<R: Runtime>(
    app: AppHandle<R>,
    query: dto::EntryQuery,
) -> Result<Vec<Entry>, ApiError> {
    on_journal(app, move |journal, _| journal.find(&query.try_into()?)).await
}

/// Deletes an entry for good.
#[tauri::command]
async fn journal_delete<R: Runtime>(app: AppHandle<R>, id: String) -> Result<(), ApiError> {
    on_journal(app, move |journal, _| journal.delete(&id)).await
}

fn keychain_status(shell: &Shell) -> Result<dto::KeychainStatus, ApiError> {
    let Ok(id) = shell.hearth()?.journal().journal_id() else {
        return Ok(dto::KeychainStatus {
            available: false,
            remembered: false,
        });
    };
    let status = keychain::status(&id);
    Ok(dto::KeychainStatus {
        available: status != keychain::Remembered::Unavailable,
        remembered: status == keychain::Remembered::Yes,
    })
}

/// Whether a keychain answers and whether it remembers this notebook's key.
#[tauri::command]
async fn journal_keychain<R: Runtime>(app: AppHandle<R>) -> Result<dto::KeychainStatus, ApiError> {
    on_blocking(app, keychain_status).await
}

/// Keeps the open notebook's key in this computer's keychain.
#[tauri::command]
async fn journal_remember_on_device<R: Runtime>(
    app: AppHandle<R>,
) -> Result<dto::KeychainStatus, ApiError> {
    on_blocking(app, |shell| {
        let (id, key) = shell
            .hearth()?
            .journal()
            .key_to_remember(SystemClock.now())?;
        keychain::remember(&id, &key[..]).map_err(|error| keychain::unavailable(&error))?;
        keychain_status(shell)
    })
    .await
}

/// Removes the notebook's key from this computer's keychain.
#[tauri::command]
async fn journal_forget_on_device<R: Runtime>(
    app: AppHandle<R>,
) -> Result<dto::KeychainStatus, ApiError> {
    on_blocking(app, |shell| {
        let id = shell.hearth()?.journal().journal_id()?;
        keychain::forget(&id).map_err(|error| keychain::unavailable(&error))?;
        keychain_status(shell)
    })
    .await
}

/// Opens the notebook with the key remembered in this computer's keychain. A remembered key
/// that no longer opens it (another notebook was restored) is forgotten.
#[tauri::command]
async fn journal_unlock_with_keychain<R: Runtime>(app: AppHandle<R>) -> Result<(), ApiError> {
    on_blocking(app, |shell| {
        let hearth = shell.hearth()?;
        let id = hearth.journal().journal_id()?;
        let key = keychain::recall(&id)
            .map_err(|error| keychain::unavailable(&error))?
            .ok_or_else(|| {
                ApiError::new(
                    ApiErrorKind::NotFound,
                    "this computer does not remember the notebook's key; use the passphrase",
                )
            })?;
        let result = hearth
            .journal()
            .unlock_with_data_key(&key, SystemClock.now());
        if matches!(&result, Err(error) if error.kind == ApiErrorKind::WrongPassphrase) {
            let _ = keychain::forget(&id);
        }
        result
    })
    .await
}

/// Every ritual, archived ones last.
#[tauri::command]
async fn rituals_list<R: Runtime>(app: AppHandle<R>) -> Result<Vec<dto::Ritual>, ApiError> {
    on_blocking(app, |shell| shell.hearth()?.rituals()).await
}

/// Adds a ritual.
#[tauri::command]
async fn ritual_add<R: Runtime>(
    app: AppHandle<R>,
    ritual: dto::RitualInput,
) -> Result<dto::Ritual, ApiError> {
    on_rituals(app, move |hearth, now| hearth.add_ritual(&ritual, now)).await
}

/// Replaces a ritual's settings.
#[tauri::command]
async fn ritual_update<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    ritual: dto::RitualInput,
) -> Result<dto::Ritual, ApiError> {
    on_rituals(app, move |hearth, now| {
        hearth.update_ritual(&id, &ritual, now)
    })
    .await
}

/// Archives a ritual (or brings it back).
#[tauri::command]
async fn ritual_archive<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    archived: bool,
) -> Result<dto::Ritual, ApiError> {
    on_rituals(app, move |hearth, now| {
        hearth.archive_ritual(&id, archived, now)
    })
    .await
}

/// Deletes a ritual and its history.
#[tauri::command]
async fn ritual_delete<R: Runtime>(app: AppHandle<R>, id: String) -> Result<(), ApiError> {
    on_rituals(app, move |hearth, _| hearth.delete_ritual(&id)).await
}

/// Occurrences on local dates `from` to `to` (YYYY-MM-DD, inclusive), in the computer's zone.
#[tauri::command]
async fn occurrences_between<R: Runtime>(
    app: AppHandle<R>,
    from: String,
    to: String,
) -> Result<Vec<dto::Occurrence>, ApiError> {
    on_blocking(app, move |shell| {
        let from = hearth_app::parse_date("from", &from)?;
        let to = hearth_app::parse_date("to", &to)?;
        shell
            .hearth()?
            .occurrences(from, to, SystemClock.local_zone())
    })
    .await
}

/// The last week's occurrences that passed with nothing recorded, newest first.
#[tauri::command]
async fn occurrences_missed<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Vec<dto::Occurrence>, ApiError> {
    on_blocking(app, |shell| {
        let clock = SystemClock;
        shell.hearth()?.missed(clock.now(), clock.local_zone())
    })
    .await
}

/// Marks an occurrence done, skipped or snoozed, or clears it.
#[tauri::command]
async fn occurrence_act<R: Runtime>(
    app: AppHandle<R>,
    ritual_id: String,
    occurrence: String,
    action: dto::OccurrenceAction,
) -> Result<(), ApiError> {
    on_rituals(app, move |hearth, now| {
        hearth.act_on_occurrence(&ritual_id, &occurrence, action, now)
    })
    .await
}

/// Starting points for new rituals, from content/.
#[tauri::command]
async fn ritual_templates(shell: State<'_, Shell>) -> Result<Vec<dto::RitualTemplate>, ApiError> {
    Ok(shell.hearth()?.ritual_templates())
}

/// Each active ritual's last four weeks: kept out of planned.
#[tauri::command]
async fn rituals_progress<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Vec<dto::RitualProgress>, ApiError> {
    on_blocking(app, |shell| {
        let clock = SystemClock;
        shell.hearth()?.progress(4, clock.now(), clock.local_zone())
    })
    .await
}

/// Starts a breathing session (the plan and its start are kept here, not in the page); the
/// pattern `custom` takes the couple's own rhythm.
#[tauri::command]
async fn breathing_start<R: Runtime>(
    app: AppHandle<R>,
    pattern_id: String,
    minutes: u32,
    custom: Option<CustomBreathing>,
) -> Result<dto::BreathingSession, ApiError> {
    on_blocking(app, move |shell| {
        shell
            .hearth()?
            .start_breathing(&pattern_id, minutes, custom, SystemClock.now())
    })
    .await
}

/// The breathing session in progress, if any (after a reload or reopening the window).
#[tauri::command]
async fn breathing_session(
    shell: State<'_, Shell>,
) -> Result<Option<dto::BreathingSession>, ApiError> {
    shell.hearth()?.breathing_session(SystemClock.now())
}

/// Ends the breathing session.
#[tauri::command]
async fn breathing_stop(shell: State<'_, Shell>) -> Result<(), ApiError> {
    shell.hearth()?.stop_breathing(SystemClock.now())
}

/// Pauses (`pause: true`) or resumes the breathing session; answers it as it now stands.
#[tauri::command]
async fn breathing_pause(
    shell: State<'_, Shell>,
    pause: bool,
) -> Result<Option<dto::BreathingSession>, ApiError> {
    shell.hearth()?.pause_breathing(pause, SystemClock.now())
}

/// The couple's own breathing rhythm, if they made one.
#[tauri::command]
async fn breathing_custom<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Option<CustomBreathing>, ApiError> {
    on_blocking(app, |shell| shell.hearth()?.custom_breathing()).await
}

/// What each practice is and why it may help.
#[tauri::command]
async fn practice_guides(
    shell: State<'_, Shell>,
) -> Result<Vec<practices::PracticeGuide>, ApiError> {
    Ok(shell.hearth()?.practice_guides())
}

/// Every card deck, with the problems found in the couple's own deck files.
#[tauri::command]
async fn decks_list<R: Runtime>(app: AppHandle<R>) -> Result<practices::Decks, ApiError> {
    on_blocking(app, |shell| shell.hearth()?.decks()).await
}

/// Draws the next card of a deck (skipping is drawing again).
#[tauri::command]
async fn deck_draw<R: Runtime>(
    app: AppHandle<R>,
    deck_id: String,
) -> Result<practices::Card, ApiError> {
    on_blocking(app, move |shell| shell.hearth()?.draw_card(&deck_id)).await
}

/// Marks or unmarks a card as a favourite.
#[tauri::command]
async fn deck_favourite<R: Runtime>(
    app: AppHandle<R>,
    deck_id: String,
    card_key: String,
    favourite: bool,
) -> Result<(), ApiError> {
    on_blocking(app, move |shell| {
        shell
            .hearth()?
            .set_favourite_card(&deck_id, &card_key, favourite, SystemClock.now())
    })
    .await
}

/// A deck's favourite cards.
#[tauri::command]
async fn deck_favourites<R: Runtime>(
    app: AppHandle<R>,
    deck_id: String,
) -> Result<Vec<practices::Card>, ApiError> {
    on_blocking(app, move |shell| shell.hearth()?.favourite_cards(&deck_id)).await
}

/// The check-in's questions.
#[tauri::command]
async fn check_in_form(shell: State<'_, Shell>) -> Result<practices::CheckInForm, ApiError> {
    shell.hearth()?.check_in_form()
}

/// Saves a check-in to the journal: one entry per partner, both or neither.
#[tauri::command]
async fn check_in_save<R: Runtime>(
    app: AppHandle<R>,
    answers: Vec<practices::CheckInAnswer>,
) -> Result<Vec<Entry>, ApiError> {
    on_blocking(app, move |shell| {
        shell.hearth()?.save_check_in(answers, SystemClock.now())
    })
    .await
}

/// The weekly self-check's statements.
#[tauri::command]
async fn self_check_questions(
    shell: State<'_, Shell>,
) -> Result<Vec<practices::SelfCheckQuestion>, ApiError> {
    Ok(shell.hearth()?.self_check_questions())
}

/// Scores and saves a self-check.
#[tauri::command]
async fn self_check_save<R: Runtime>(
    app: AppHandle<R>,
    answer: practices::SelfCheckAnswer,
) -> Result<practices::SelfCheckResult, ApiError> {
    on_blocking(app, move |shell| {
        shell.hearth()?.save_self_check(answer, SystemClock.now())
    })
    .await
}

/// Self-check scores over the weeks, oldest first.
#[tauri::command]
async fn self_check_trend<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Vec<practices::SelfCheckPoint>, ApiError> {
    on_blocking(app, |shell| {
        let clock = SystemClock;
        shell
            .hearth()?
            .self_check_trend(clock.now(), clock.local_zone())
    })
    .await
}

/// Leaves an appreciation note for partner 1 or 2.
#[tauri::command]
async fn note_leave<R: Runtime>(
    app: AppHandle<R>,
    from: String,
    to: u8,
    text: String,
) -> Result<Entry, ApiError> {
    on_blocking(app, move |shell| {
        shell
            .hearth()?
            .leave_note(from, to, text, SystemClock.now())
    })
    .await
}

/// Appreciation notes waiting to be read (without their text).
#[tauri::command]
async fn notes_waiting<R: Runtime>(
    app: AppHandle<R>,
) -> Result<Vec<practices::WaitingNote>, ApiError> {
    on_blocking(app, |shell| {
        shell.hearth()?.waiting_notes(SystemClock.now())
    })
    .await
}

/// Opens a waiting note and remembers it as read.
#[tauri::command]
async fn note_read<R: Runtime>(app: AppHandle<R>, entry_id: String) -> Result<Entry, ApiError> {
    on_blocking(app, move |shell| {
        shell.hearth()?.read_note(&entry_id, SystemClock.now())
    })
    .await
}

/// The running phones-off hour, if any, and the weeks' totals.
#[tauri::command]
async fn phones_off_status<R: Runtime>(
    app: AppHandle<R>,
) -> Result<practices::PhonesOff, ApiError> {
    on_blocking(app, |shell| {
        let clock = SystemClock;
        shell.hearth()?.phones_off(clock.now(), clock.local_zone())
    })
    .await
}

/// Starts a phones-off hour; the reminder loop keeps the tray's count and says when it ends.
#[tauri::command]
async fn phones_off_start<R: Runtime>(
    app: AppHandle<R>,
    minutes: u32,
) -> Result<practices::PhonesOffRun, ApiError> {
    on_rituals(app, move |hearth, now| {
        hearth.start_phones_off(minutes, now)
    })
    .await
}

/// Ends the running phones-off hour early.
#[tauri::command]
async fn phones_off_end<R: Runtime>(app: AppHandle<R>) -> Result<(), ApiError> {
    on_rituals(app, |hearth, now| hearth.end_phones_off(now).map(|_| ())).await
}

/// The reconnection plan and today's step.
#[tauri::command]
async fn plan_status<R: Runtime>(app: AppHandle<R>) -> Result<practices::Plan, ApiError> {
    on_blocking(app, |shell| {
        let clock = SystemClock;
        shell.hearth()?.plan(clock.now(), clock.local_zone())
    })
    .await
}

/// Starts the plan, or starts it again from day 1.
#[tauri::command]
async fn plan_start<R: Runtime>(app: AppHandle<R>) -> Result<practices::Plan, ApiError> {
    on_blocking(app, |shell| {
        let clock = SystemClock;
        shell.hearth()?.start_plan(clock.now(), clock.local_zone())
    })
    .await
}

/// Marks today's step of the plan done.
#[tauri::command]
async fn plan_finish_day<R: Runtime>(
    app: AppHandle<R>,
    day: u32,
) -> Result<practices::Plan, ApiError> {
    on_blocking(app, move |shell| {
        let clock = SystemClock;
        shell
            .hearth()?
            .finish_plan_day(day, clock.now(), clock.local_zone())
    })
    .await
}

/// How Hearth looks and sounds.
#[tauri::command]
async fn display_preferences<R: Runtime>(
    app: AppHandle<R>,
) -> Result<practices::DisplayPreferences, ApiError> {
    on_blocking(app, |shell| shell.hearth()?.display_preferences()).await
}

/// Changes how Hearth looks and sounds; applies at once.
#[tauri::command]
async fn display_set_preferences<R: Runtime>(
    app: AppHandle<R>,
    preferences: practices::DisplayPreferences,
) -> Result<practices::DisplayPreferences, ApiError> {
    on_blocking(app, move |shell| {
        shell.hearth()?.set_display_preferences(preferences)
    })
    .await
}

/// How Hearth behaves on this computer (start at login, close to tray, update checks).
#[tauri::command]
async fn settings_get<R: Runtime>(app: AppHandle<R>) -> Result<AppSettings, ApiError> {
    on_blocking(app, |shell| shell.hearth()?.app_settings()).await
}

/// Saves the settings and applies them at once (the login item is written or removed here).
#[tauri::command]
async fn settings_set<R: Runtime>(
    app: AppHandle<R>,
    settings: AppSettings,
) -> Result<AppSettings, ApiError> {
    login_item::apply(&app, settings.start_at_login)?;
    on_blocking(app, move |shell| shell.hearth()?.set_app_settings(settings)).await
}

/// Asks the release feed for a newer version: the one network call Hearth makes, and only here
/// or at start-up when update checks are on.
#[tauri::command]
async fn updates_check<R: Runtime>(app: AppHandle<R>) -> Result<UpdateCheck, ApiError> {
    updates::check(&app).await
}

/// Downloads, verifies and installs the newer version, then restarts Hearth.
#[tauri::command]
async fn updates_install<R: Runtime>(app: AppHandle<R>) -> Result<(), ApiError> {
    updates::install(&app).await
}

/// The insights for `range` (`week`, `month` or `all`): what lives outside the journal always,
/// check-ins and self-checks only while it is open.
#[tauri::command]
async fn insights<R: Runtime>(
    app: AppHandle<R>,
    range: String,
) -> Result<hearth_app::dto::insights::InsightsReport, ApiError> {
    on_blocking(app, move |shell| {
        let clock = SystemClock;
        shell
            .hearth()?
            .insights(&range, clock.now(), clock.local_zone())
    })
    .await
}

/// Opens the data folder in the system's file manager.
#[tauri::command]
async fn data_folder_open<R: Runtime>(app: AppHandle<R>) -> Result<(), ApiError> {
    use tauri_plugin_opener::OpenerExt as _;
    let folder = app.state::<Shell>().hearth()?.paths().data_dir;
    app.opener()
        .open_path(folder, None::<&str>)
        .map_err(|error| {
            ApiError::new(
                ApiErrorKind::Storage,
                format!("The data folder could not be opened ({error})."),
            )
        })
}

/// Exports the notebook, unencrypted, as `markdown` or `json` to a file the person picks.
#[tauri::command]
async fn export_notebook<R: Runtime>(
    app: AppHandle<R>,
    format: String,
) -> Result<Option<Transfer>, ApiError> {
    let handle = app.clone();
    on_blocking(app, move |_| transfer::export_notebook(&handle, &format)).await
}

/// Imports a notebook JSON export the person picks.
#[tauri::command]
async fn import_notebook<R: Runtime>(app: AppHandle<R>) -> Result<Option<Transfer>, ApiError> {
    let handle = app.clone();
    on_blocking(app, move |_| transfer::import_notebook(&handle)).await
}

/// Exports the rituals as an iCalendar file the person picks.
#[tauri::command]
async fn export_rituals<R: Runtime>(app: AppHandle<R>) -> Result<Option<Transfer>, ApiError> {
    let handle = app.clone();
    on_blocking(app, move |_| transfer::export_rituals(&handle)).await
}

/// Imports rituals from an iCalendar file the person picks.
#[tauri::command]
async fn import_rituals<R: Runtime>(app: AppHandle<R>) -> Result<Option<Transfer>, ApiError> {
    let handle = app.clone();
    let imported = on_blocking(app.clone(), move |_| transfer::import_rituals(&handle)).await?;
    if let Some(wake) = app.try_state::<crate::scheduler::SchedulerWake>() {
        wake.wake();
    }
    Ok(imported)
}

/// Quiet hours (`22:00-07:00`), or an empty string.
#[tauri::command]
async fn quiet_hours_get<R: Runtime>(app: AppHandle<R>) -> Result<String, ApiError> {
    on_blocking(app, |shell| shell.hearth()?.quiet_hours_text()).await
}

/// Sets quiet hours (`HH:MM-HH:MM`; empty clears them); reminders re-plan at once.
#[tauri::command]
async fn quiet_hours_set<R: Runtime>(app: AppHandle<R>, text: String) -> Result<String, ApiError> {
    on_rituals(app, move |hearth, _| {
        hearth.set_quiet_hours(&text)?;
        hearth.quiet_hours_text()
    })
    .await
}
