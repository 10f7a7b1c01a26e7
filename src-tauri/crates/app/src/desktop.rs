//! The desktop's rules, without a desktop: what Hearth does when time passes, a reminder's
//! button is pressed, the tray is used, the screen locks or the window is closed.
//!
//! The shell turns what the operating system says into a [`DesktopEvent`], hands it to
//! [`Hearth::on_desktop_event`], and carries out the [`Effect`]s that come back (show a
//! notification, open a page, reload it, set the tray, look again at a time). It decides
//! nothing itself. The few things only the desktop can do for the rules (the keychain, the
//! login item, file dialogs, the release feed) come through the [`DesktopPort`] it implements,
//! so every rule here runs in a test on a fixed clock with a fake port.

use std::path::{Path, PathBuf};
use std::time::Duration;

use zeroize::Zeroizing;

use crate::dto::settings::UpdateCheck;
use crate::{ApiError, Clock, Hearth, ReminderNotice};

mod events;
pub(crate) mod keychain;

pub use events::{CLOSING_PAGE, LONGEST_NAP, practice_page, ritual_card_page};
pub(crate) use events::{close_choice, leave_now, start};
pub use keychain::KEYCHAIN_SERVICE;

/// What the operating system said, in Hearth's words. A closed set: the shell has nothing else
/// to report and no rule of its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DesktopEvent {
    /// Hearth started (`minimised`: by the login item).
    Started { minimised: bool },
    /// The loop's timer fired or something asked it to look now. `monotonic` and `wall` are
    /// how far each clock moved since the last look (monotonic time stops while the computer
    /// sleeps; the wall clock does not).
    Look {
        monotonic: Duration,
        wall: chrono::Duration,
    },
    /// A button (or the body) of a reminder was pressed.
    Notice {
        notice: ReminderNotice,
        choice: NoticeChoice,
    },
    /// A tray menu item was chosen.
    Tray(TrayItem),
    /// The desktop locked the screen, the session, or is about to sleep.
    Locked(LockReason),
    /// The computer woke from sleep.
    Resumed,
    /// The window's close button.
    CloseRequested,
    /// A second launch of Hearth (it hands over to this one and exits).
    LaunchedAgain,
    /// Hearth has started and settled: time for the one update check, if the couple turned
    /// update checks on.
    UpdateCheckDue,
    /// Something changed in the exchange folder (the partner's computer wrote, through
    /// Syncthing or a cloud drive).
    ExchangeChanged,
}

/// What was pressed on a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeChoice {
    /// The notice itself: where buttons exist (Linux) it opens Today; where they do not
    /// (Windows, macOS) it opens the ritual's card with Start, Snooze and Skip.
    Open,
    Start,
    Snooze,
    Skip,
}

/// The tray menu's items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayItem {
    /// The icon itself, or "Open Hearth".
    Open,
    /// "Pause reminders for an hour" / "Resume reminders".
    PauseOrResume,
    /// "Start a phones-off hour" / "… (end now)".
    PhonesOff,
    Quit,
}

/// Why the desktop locked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockReason {
    ScreenLocked,
    SessionLocked,
    AboutToSleep,
    /// Leave now: the person needed Hearth off the screen at once. Never logged.
    LeftNow,
}

/// What the shell must do. A closed set, carried out in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Show a system notification (titles and times only, never journal text).
    Notify(ReminderNotice),
    ShowWindow,
    HideWindow,
    MinimiseWindow,
    /// Bring the window up on a page (a hash route the UI's router knows).
    OpenPage(String),
    /// Reload the page, so nothing decrypted stays in it (after a lock).
    ReloadPage,
    /// Lock the notebook off the caller's path (a `Locked` event the shell sends on), so what
    /// comes before it (a window leaving the screen) never waits for work holding the notebook.
    Lock(LockReason),
    /// Set the tray's texts.
    SetTray(TrayState),
    /// Look again (a `Look` event) after this long at most.
    LookAgainIn(Duration),
    /// Look again now (something changed the plan: a ritual, a mark, a snooze).
    LookNow,
    /// Watch this exchange folder for changes (none: stop watching).
    WatchExchange(Option<PathBuf>),
    /// Something from the partner's computer was applied: tell the page (a `hearth-arrived`
    /// event on its window), so what it shows is read again without a restart.
    Arrived,
    Quit,
}

/// The tray's changing texts, worded here so the CLI, the tray and the UI agree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayState {
    /// "Next: Nightly reflection at 21:30", or that none is coming up.
    pub next: String,
    /// The pause item's words.
    pub pause_item: String,
    /// The phones-off item's words.
    pub phones_off_item: String,
    /// The tooltip: the time left of a phones-off hour first, then the next reminder.
    pub tooltip: String,
}

/// A file type for the system's file dialogs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileFilter {
    pub name: &'static str,
    pub extensions: &'static [&'static str],
}

/// No keychain answered (for example no Secret Service on a headless Linux); the message
/// says why, for the person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeychainUnavailable(pub String);

/// What only the desktop can do for Hearth's rules. The shell implements it; tests fake it.
pub trait DesktopPort {
    /// The secret kept in the OS keychain under `account`, if any.
    fn keychain_get(
        &self,
        account: &str,
    ) -> Result<Option<Zeroizing<Vec<u8>>>, KeychainUnavailable>;
    fn keychain_set(&self, account: &str, secret: &[u8]) -> Result<(), KeychainUnavailable>;
    /// Removes the secret; removing one that was never kept is fine.
    fn keychain_delete(&self, account: &str) -> Result<(), KeychainUnavailable>;
    /// Writes the login item (pointing at this Hearth) or removes it.
    fn set_start_at_login(&self, on: bool) -> Result<(), ApiError>;
    /// Asks the release feed for a newer version (a network call, only when asked).
    fn check_for_update(&self) -> Result<UpdateCheck, ApiError>;
    /// Downloads, checks and installs the newer version, then restarts Hearth.
    fn install_update(&self) -> Result<(), ApiError>;
    /// The system's save dialog; `None` when the person cancels.
    fn choose_save_path(
        &self,
        suggested_name: &str,
        filter: FileFilter,
    ) -> Result<Option<PathBuf>, ApiError>;
    /// The system's open dialog; `None` when the person cancels.
    fn choose_open_path(&self, filter: FileFilter) -> Result<Option<PathBuf>, ApiError>;
    /// The system's folder dialog; `None` when the person cancels.
    fn choose_folder(&self) -> Result<Option<PathBuf>, ApiError>;
    /// Opens a folder in the system's file manager.
    fn open_folder(&self, path: &Path) -> Result<(), ApiError>;
    /// The UI painted its first real view (start-up measurement).
    fn first_paint(&self);
    /// Whether the desktop shows tray icons (a StatusNotifier host on Linux). Without one, a
    /// hidden window could not be found again, so Hearth minimises instead.
    fn tray_host(&self) -> bool;
}

impl Hearth {
    /// Applies Hearth's desktop rules to one event and says what the shell must do.
    pub fn on_desktop_event(
        &self,
        event: DesktopEvent,
        clock: &dyn Clock,
        port: &dyn DesktopPort,
    ) -> Vec<Effect> {
        events::handle(self, event, clock, port)
    }
}
