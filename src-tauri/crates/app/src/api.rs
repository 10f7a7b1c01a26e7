//! The commands the UI calls, declared once.
//!
//! [`commands!`] lists every command as `area::name(Request) -> Response`. From that one list
//! come [`dispatch`] (what the shell's single IPC command calls), [`NAMES`], and the TypeScript
//! in `ui/src/lib/bindings.ts`: every type the commands carry, the `Commands` map, the typed
//! client the UI calls and the `MockCore` type the UI's flow tests answer with. Adding a
//! command is one line here and one handler function of the same name in its area module; a
//! handler that is missing, or takes or returns other types, fails to compile, and a request
//! the UI builds wrongly fails the UI's type check.
//!
//! Names are `area_verb` (`journal_unlock`, `ritual_add`, `deck_draw`). Requests are camelCase
//! JSON objects and refuse unknown fields; a command without arguments takes [`Nothing`].

use std::cell::RefCell;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use ts_rs::TS;

use crate::desktop::{DesktopPort, Effect};
use crate::{ApiError, ApiErrorKind, Clock, Hearth, dto};

mod app;
mod journal;
mod practices;
mod rituals;
mod sync;
mod typescript;

#[cfg(test)]
mod tests;

pub use typescript::typescript_bindings;

/// The request of a command that takes no arguments: an empty object.
#[derive(Debug, Clone, Copy, Default, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Nothing {}

/// What a command can reach: Hearth (or why it could not open), the desktop's port and the
/// clock. Effects a command causes (look at the reminders again, hide the window) are
/// collected here for the shell to carry out after answering.
pub struct Cx<'a> {
    hearth: Result<&'a Hearth, &'a ApiError>,
    desktop: &'a dyn DesktopPort,
    clock: &'a dyn Clock,
    effects: RefCell<Vec<Effect>>,
}

impl<'a> Cx<'a> {
    pub fn new(
        hearth: Result<&'a Hearth, &'a ApiError>,
        desktop: &'a dyn DesktopPort,
        clock: &'a dyn Clock,
    ) -> Self {
        Self {
            hearth,
            desktop,
            clock,
            effects: RefCell::new(Vec::new()),
        }
    }

    /// Hearth, or the error that kept it from opening (the UI explains it).
    fn hearth(&self) -> Result<&'a Hearth, ApiError> {
        self.hearth.map_err(Clone::clone)
    }

    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    fn zone(&self) -> chrono_tz::Tz {
        self.clock.local_zone()
    }

    fn effect(&self, effect: Effect) {
        self.effects.borrow_mut().push(effect);
    }

    /// A command changed something the partner's computer shares: when paired, the loop looks
    /// at once and writes it out.
    fn changed(&self) {
        let paired = self
            .hearth
            .ok()
            .is_some_and(|hearth| hearth.exchange_folder().is_some());
        if paired && !self.effects.borrow().contains(&Effect::LookNow) {
            self.effect(Effect::LookNow);
        }
    }

    /// The effects collected so far (the shell applies them after the answer).
    pub fn take_effects(&self) -> Vec<Effect> {
        std::mem::take(&mut *self.effects.borrow_mut())
    }
}

/// Commands whose use is never logged, not even their name at debug level: that someone left
/// in a hurry is itself private.
const UNLOGGED_COMMANDS: &[&str] = &["window_leave_now"];

/// Whether the shell may log that `cmd` ran (its name and time; never its payload).
pub fn command_may_be_logged(cmd: &str) -> bool {
    !UNLOGGED_COMMANDS.contains(&cmd)
}

/// Every command the UI can call.
macro_rules! commands {
    ($then:ident) => {
        $then! {
            app::app_paths(Nothing) -> dto::DataPaths,
            app::app_first_paint(Nothing) -> (),
            app::settings_get(Nothing) -> dto::settings::AppSettings,
            app::settings_set(app::SettingsSet) -> dto::settings::AppSettings,
            app::display_get(Nothing) -> dto::practices::DisplayPreferences,
            app::display_set(app::DisplaySet) -> dto::practices::DisplayPreferences,
            app::update_check(Nothing) -> dto::settings::UpdateCheck,
            app::update_install(Nothing) -> (),
            app::data_folder_open(Nothing) -> (),
            app::insights_get(app::InsightsGet) -> dto::insights::InsightsReport,
            app::window_close_choice(app::WindowCloseChoice) -> (),
            app::window_leave_now(Nothing) -> (),
            app::safety_get(Nothing) -> dto::safety::Safety,
            app::safety_notice_seen(Nothing) -> dto::safety::Safety,
            journal::journal_status(Nothing) -> dto::JournalStatus,
            journal::journal_set_up(journal::JournalSetUp) -> String,
            journal::journal_unlock(journal::JournalUnlock) -> (),
            journal::journal_lock(Nothing) -> (),
            journal::journal_keep_alive(Nothing) -> (),
            journal::journal_add(journal::JournalAdd) -> dto::Entry,
            journal::journal_update(journal::JournalUpdate) -> dto::Entry,
            journal::journal_find(journal::JournalFind) -> Vec<dto::Entry>,
            journal::journal_delete(journal::JournalDelete) -> (),
            journal::journal_versions(journal::JournalVersions) -> Vec<dto::EntryVersion>,
            journal::journal_draft(journal::JournalDraft) -> Option<dto::SavedDraft>,
            journal::journal_save_draft(journal::JournalSaveDraft) -> (),
            journal::journal_clear_draft(journal::JournalClearDraft) -> (),
            journal::journal_partners(Nothing) -> Option<dto::Partners>,
            journal::journal_set_partners(journal::JournalSetPartners) -> dto::Partners,
            journal::journal_settings(Nothing) -> dto::JournalSettings,
            journal::journal_set_idle_lock(journal::JournalSetIdleLock) -> dto::JournalSettings,
            journal::journal_back_up_now(Nothing) -> dto::JournalSettings,
            journal::journal_restore(journal::JournalRestore) -> dto::RestoreOutcome,
            journal::journal_change_passphrase(journal::JournalChangePassphrase) -> dto::PassphraseChanged,
            journal::journal_recover(journal::JournalRecover) -> dto::PassphraseChanged,
            journal::journal_keychain(Nothing) -> dto::KeychainStatus,
            journal::journal_remember(Nothing) -> dto::KeychainStatus,
            journal::journal_forget(Nothing) -> dto::KeychainStatus,
            journal::journal_unlock_with_keychain(Nothing) -> (),
            journal::notebook_export(journal::NotebookExport) -> Option<dto::settings::Transfer>,
            journal::notebook_import(Nothing) -> Option<dto::settings::Transfer>,
            rituals::ritual_list(Nothing) -> Vec<dto::Ritual>,
            rituals::ritual_add(rituals::RitualAdd) -> dto::Ritual,
            rituals::ritual_update(rituals::RitualUpdate) -> dto::Ritual,
            rituals::ritual_archive(rituals::RitualArchive) -> dto::Ritual,
            rituals::ritual_delete(rituals::RitualDelete) -> (),
            rituals::ritual_templates(Nothing) -> Vec<dto::RitualTemplate>,
            rituals::ritual_progress(Nothing) -> Vec<dto::RitualProgress>,
            rituals::ritual_start(rituals::RitualStart) -> (),
            rituals::ritual_export(Nothing) -> Option<dto::settings::Transfer>,
            rituals::ritual_import(Nothing) -> Option<dto::settings::Transfer>,
            rituals::occurrence_list(rituals::OccurrenceList) -> Vec<dto::Occurrence>,
            rituals::occurrence_get(rituals::OccurrenceGet) -> dto::Occurrence,
            rituals::occurrence_missed(Nothing) -> Vec<dto::Occurrence>,
            rituals::occurrence_act(rituals::OccurrenceAct) -> (),
            rituals::schedule_default(rituals::ScheduleDefault) -> dto::SchedulePick,
            rituals::schedule_describe(rituals::ScheduleDescribe) -> String,
            rituals::quiet_hours_get(Nothing) -> Option<dto::QuietHours>,
            rituals::quiet_hours_set(rituals::QuietHoursSet) -> Option<dto::QuietHours>,
            practices::breathing_patterns(Nothing) -> Vec<dto::BreathingPattern>,
            practices::breathing_start(practices::BreathingStart) -> dto::BreathingSession,
            practices::repair_pause_start(practices::RepairPauseStart) -> dto::BreathingSession,
            practices::breathing_session(Nothing) -> Option<dto::BreathingSession>,
            practices::breathing_stop(Nothing) -> (),
            practices::breathing_pause(practices::BreathingPause) -> Option<dto::BreathingSession>,
            practices::breathing_custom(Nothing) -> Option<dto::practices::CustomBreathing>,
            practices::practice_guides(Nothing) -> Vec<dto::practices::PracticeGuide>,
            practices::guided_sessions(Nothing) -> Vec<dto::practices::GuidedSession>,
            practices::deck_list(Nothing) -> dto::practices::Decks,
            practices::deck_draw(practices::DeckDraw) -> dto::practices::Card,
            practices::deck_favourite(practices::DeckFavourite) -> (),
            practices::deck_add_card(practices::DeckAddCard) -> dto::practices::Decks,
            practices::deck_favourites(practices::DeckFavourites) -> Vec<dto::practices::Card>,
            practices::check_in_form(Nothing) -> dto::practices::CheckInForm,
            practices::check_in_save(practices::CheckInSave) -> Vec<dto::Entry>,
            practices::self_check_questions(Nothing) -> Vec<dto::practices::SelfCheckQuestion>,
            practices::self_check_save(practices::SelfCheckSave) -> dto::practices::SelfCheckResult,
            practices::self_check_trend(Nothing) -> Vec<dto::practices::SelfCheckPoint>,
            practices::note_leave(practices::NoteLeave) -> dto::Entry,
            practices::note_waiting(Nothing) -> Vec<dto::practices::WaitingNote>,
            practices::note_read(practices::NoteRead) -> dto::Entry,
            practices::phones_off_status(Nothing) -> dto::practices::PhonesOff,
            practices::phones_off_start(practices::PhonesOffStart) -> dto::practices::PhonesOffRun,
            practices::phones_off_end(Nothing) -> (),
            practices::plan_status(Nothing) -> dto::practices::Plan,
            practices::plan_start(Nothing) -> dto::practices::Plan,
            practices::plan_finish_day(practices::PlanFinishDay) -> dto::practices::Plan,
            sync::sync_status(Nothing) -> dto::sync::SyncStatus,
            sync::sync_setup(Nothing) -> Option<dto::sync::SyncStatus>,
            sync::sync_invite(Nothing) -> dto::sync::SyncInvitation,
            sync::sync_join(sync::SyncJoin) -> Option<dto::sync::SyncStatus>,
            sync::sync_now(Nothing) -> dto::sync::SyncReport,
            sync::sync_leave(Nothing) -> dto::sync::SyncStatus,
            sync::check_in_apart(Nothing) -> dto::sync::CheckInApart,
            sync::check_in_send(sync::CheckInSend) -> dto::sync::CheckInApart,
        }
    };
}
pub(crate) use commands;

/// Commands that change what two computers share (besides the calendar's, which already make
/// the loop look again): once paired, each is written to the exchange folder at once.
const SHARED_WRITES: &[&str] = &[
    "journal_add",
    "journal_update",
    "journal_delete",
    "journal_set_partners",
    "notebook_import",
    "check_in_save",
    "check_in_send",
    "self_check_save",
    "note_leave",
    "deck_add_card",
    "breathing_start",
    "repair_pause_start",
    "breathing_stop",
    "plan_start",
    "plan_finish_day",
    "phones_off_start",
    "phones_off_end",
];

fn parse_request<T: DeserializeOwned>(
    name: &str,
    payload: serde_json::Value,
) -> Result<T, ApiError> {
    serde_json::from_value(payload).map_err(|error| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("{name}: the request does not fit ({error})"),
        )
    })
}

fn to_json(value: impl serde::Serialize) -> Result<serde_json::Value, ApiError> {
    serde_json::to_value(value).map_err(|_| ApiError::internal("an answer's serialisation"))
}

macro_rules! dispatcher {
    ($( $area:ident :: $name:ident ( $request:ty ) -> $response:ty ),* $(,)?) => {
        /// Runs the command called `name` with its JSON request.
        pub fn dispatch(
            cx: &Cx<'_>,
            name: &str,
            payload: serde_json::Value,
        ) -> Result<serde_json::Value, ApiError> {
            match name {
                $(
                    stringify!($name) => {
                        let request: $request = parse_request(stringify!($name), payload)?;
                        let response: $response = $area::$name(cx, request)?;
                        if SHARED_WRITES.contains(&stringify!($name)) {
                            cx.changed();
                        }
                        to_json(response)
                    }
                )*
                other => {
                    let shown: String = other.chars().filter(|c| !c.is_control()).take(40).collect();
                    Err(ApiError::new(
                        ApiErrorKind::NotFound,
                        format!("there is no command called {shown}"),
                    ))
                }
            }
        }

        /// Every command's name, in the list's order.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}
commands!(dispatcher);
