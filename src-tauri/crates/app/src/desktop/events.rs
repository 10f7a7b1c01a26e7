//! Each desktop event's rule. Failures are logged (ids and counts only) and never stop the
//! desktop: a rule that cannot do its work does nothing, and the next look tries again.

use std::time::Duration;

use chrono::{DateTime, Utc};

use super::{DesktopEvent, DesktopPort, Effect, LockReason, NoticeChoice, TrayItem, TrayState};
use crate::dto::OccurrenceAction;
use crate::{Clock, Hearth, PHONES_OFF_DEFAULT_MINUTES, ReminderNotice, slept_between};

/// The longest the loop sleeps between looks: its timer stops while the computer sleeps, so
/// each look re-reads the wall clock and the zone, catching resume, clock changes and travel.
pub const LONGEST_NAP: Duration = Duration::from_secs(60);
/// Look a little after a due time, never before it.
const MARGIN: Duration = Duration::from_millis(2);
/// How long "Pause reminders" pauses them.
const PAUSE: chrono::Duration = chrono::Duration::hours(1);

/// The page a practice opens on: `#/open/<practice>`, which the UI's router resolves.
pub fn practice_page(practice: hearth_core::ritual::Practice) -> String {
    format!("#/open/{}", practice.as_str())
}

/// The card of one ritual's occurrence, with Start, Snooze and Skip.
pub fn ritual_card_page(ritual_id: &str, occurrence: &str) -> String {
    format!("#/ritual/{ritual_id}/{occurrence}")
}

/// The page that explains, on the first close, that Hearth stays for reminders.
pub const CLOSING_PAGE: &str = "#/closing";
const TODAY_PAGE: &str = "#/today";

fn logged<T>(result: Result<T, crate::ApiError>, what: &str) -> Option<T> {
    result
        .inspect_err(|error| tracing::warn!(%error, "{what}"))
        .ok()
}

pub(super) fn handle(
    hearth: &Hearth,
    event: DesktopEvent,
    clock: &dyn Clock,
    port: &dyn DesktopPort,
) -> Vec<Effect> {
    let now = clock.now();
    match event {
        DesktopEvent::Started { minimised } => started(hearth, minimised, port),
        DesktopEvent::Look { monotonic, wall } => look(hearth, monotonic, wall, clock),
        DesktopEvent::Notice { notice, choice } => notice_choice(hearth, &notice, choice, now),
        DesktopEvent::Tray(item) => tray(hearth, item, now),
        DesktopEvent::Locked(reason) => locked(hearth, reason),
        DesktopEvent::Resumed => vec![Effect::LookNow],
        DesktopEvent::CloseRequested => close_requested(hearth, port.tray_host()),
        DesktopEvent::LaunchedAgain => vec![Effect::ShowWindow],
        DesktopEvent::UpdateCheckDue => update_check(hearth, port),
        DesktopEvent::ExchangeChanged => {
            hearth.want_sync();
            vec![Effect::LookNow]
        }
    }
}

/// At start-up, when the couple turned update checks on: one check, and a notice if a newer
/// version is waiting. A failure is logged (no text of theirs is involved) and dropped.
fn update_check(hearth: &Hearth, port: &dyn DesktopPort) -> Vec<Effect> {
    if !hearth
        .app_settings()
        .is_ok_and(|settings| settings.check_for_updates)
    {
        return Vec::new();
    }
    match port.check_for_update() {
        Ok(check) => check
            .available
            .map(|version| {
                Effect::Notify(ReminderNotice {
                    summary: "A new Hearth is ready".to_owned(),
                    body: format!(
                        "Hearth {version} is ready. Open Settings in Hearth to install it."
                    ),
                    ritual_id: None,
                    occurrence: None,
                    practice: None,
                    late: false,
                })
            })
            .into_iter()
            .collect(),
        Err(error) => {
            tracing::info!(%error, "update check at start-up failed");
            Vec::new()
        }
    }
}

/// At start: the login item is written again when it should exist (an update or a move may
/// have left it pointing elsewhere), a key remembered for a notebook whose key changed is
/// forgotten, and a start by the login item goes to the tray, or to the taskbar where the
/// desktop shows no tray icons, so Hearth is never out of reach.
fn started(hearth: &Hearth, minimised: bool, port: &dyn DesktopPort) -> Vec<Effect> {
    if let Some(settings) = logged(hearth.app_settings(), "could not read the settings")
        && settings.start_at_login
        && let Err(error) = port.set_start_at_login(true)
    {
        tracing::warn!(%error, "could not repair the login item");
    }
    super::keychain::forget_if_stale(hearth, port);
    let mut effects: Vec<Effect> = hearth
        .exchange_folder()
        .map(|folder| Effect::WatchExchange(Some(folder)))
        .into_iter()
        .collect();
    effects.extend(match (minimised, port.tray_host()) {
        (false, _) => Vec::new(),
        (true, true) => vec![Effect::HideWindow],
        (true, false) => vec![Effect::MinimiseWindow],
    });
    effects
}

/// A look: lock after sleep or idleness, make the daily backup, decide reminders, set the tray,
/// and say when to look again.
fn look(
    hearth: &Hearth,
    monotonic: Duration,
    wall: chrono::Duration,
    clock: &dyn Clock,
) -> Vec<Effect> {
    let now = clock.now();
    let mut effects = Vec::new();
    let journal = hearth.journal();
    let locked = if slept_between(monotonic, wall) {
        journal.lock()
    } else {
        journal.lock_if_idle(now)
    };
    if locked {
        tracing::info!("journal locked (idle or slept)");
        effects.push(Effect::ReloadPage);
    } else if let Some(Some(report)) =
        logged(journal.backup_if_due(now), "the automatic backup failed")
    {
        tracing::info!(entries = report.entries, "automatic backup made");
    }
    // The partner's marks first, so this look already counts them.
    if hearth.sync_if_due(now) {
        effects.push(Effect::Arrived);
    }
    let round = logged(
        hearth.due_reminders(now, clock.local_zone()),
        "could not plan reminders",
    )
    .unwrap_or_default();
    effects.extend(round.notices.into_iter().map(Effect::Notify));
    effects.push(Effect::SetTray(tray_state(
        hearth,
        round.next_label.as_deref(),
        round.phones_off_label.as_deref(),
        now,
    )));
    let until = |at: DateTime<Utc>| (at - now).to_std().unwrap_or_default() + MARGIN;
    let mut nap = LONGEST_NAP;
    if let Some(at) = round.next_wake {
        nap = nap.min(until(at));
    }
    if let Some(left) = journal.until_idle_lock(now) {
        nap = nap.min(left + MARGIN);
    }
    effects.push(Effect::LookAgainIn(nap));
    effects
}

/// The tray's words for the next reminder, a running phones-off hour and the pause.
fn tray_state(
    hearth: &Hearth,
    next: Option<&str>,
    phones_off: Option<&str>,
    now: DateTime<Utc>,
) -> TrayState {
    let next = next.map_or_else(
        || "No reminders coming up".to_owned(),
        |label| format!("Next: {label}"),
    );
    let paused = paused(hearth, now);
    TrayState {
        tooltip: format!(
            "Hearth · {}",
            phones_off.map_or_else(|| next.clone(), |left| format!("{left} · {next}"))
        ),
        next,
        pause_item: if paused {
            "Resume reminders".to_owned()
        } else {
            "Pause reminders for an hour".to_owned()
        },
        phones_off_item: phones_off.map_or_else(
            || "Start a phones-off hour".to_owned(),
            |left| format!("{left} (end now)"),
        ),
    }
}

fn paused(hearth: &Hearth, now: DateTime<Utc>) -> bool {
    hearth
        .reminders_paused_until()
        .ok()
        .flatten()
        .is_some_and(|until| until > now)
}

/// A reminder's button.
fn notice_choice(
    hearth: &Hearth,
    notice: &ReminderNotice,
    choice: NoticeChoice,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    let ritual = notice
        .ritual_id
        .as_deref()
        .zip(notice.occurrence.as_deref());
    match (choice, ritual) {
        (NoticeChoice::Open, Some((ritual_id, occurrence))) => vec![
            Effect::ShowWindow,
            Effect::OpenPage(ritual_card_page(ritual_id, occurrence)),
        ],
        (NoticeChoice::Open, None) => match notice.practice {
            Some(practice) => vec![
                Effect::ShowWindow,
                Effect::OpenPage(practice_page(practice)),
            ],
            None => vec![Effect::ShowWindow, Effect::OpenPage(TODAY_PAGE.to_owned())],
        },
        (NoticeChoice::Start, _) => start(hearth, notice.practice, now),
        (NoticeChoice::Snooze | NoticeChoice::Skip, Some((ritual_id, occurrence))) => {
            let action = if choice == NoticeChoice::Snooze {
                OccurrenceAction::Snooze
            } else {
                OccurrenceAction::Skip
            };
            logged(
                hearth.act_on_occurrence(ritual_id, occurrence, action, now),
                "could not act on the reminder",
            );
            vec![Effect::LookNow]
        }
        (NoticeChoice::Snooze | NoticeChoice::Skip, None) => Vec::new(),
    }
}

/// Start on a reminder or a ritual's card: the practice's page opens, and a phones-off ritual
/// starts its hour at once (the phone is the point).
pub(crate) fn start(
    hearth: &Hearth,
    practice: Option<hearth_core::ritual::Practice>,
    now: DateTime<Utc>,
) -> Vec<Effect> {
    let mut effects = vec![Effect::ShowWindow];
    if practice == Some(hearth_core::ritual::Practice::PhonesOffHour) {
        logged(
            hearth.start_phones_off(PHONES_OFF_DEFAULT_MINUTES, now),
            "could not start the phones-off hour",
        );
        effects.push(Effect::LookNow);
    }
    effects.push(Effect::OpenPage(
        practice.map_or_else(|| TODAY_PAGE.to_owned(), practice_page),
    ));
    effects
}

fn tray(hearth: &Hearth, item: TrayItem, now: DateTime<Utc>) -> Vec<Effect> {
    match item {
        TrayItem::Open => vec![Effect::ShowWindow],
        TrayItem::Quit => vec![Effect::Quit],
        TrayItem::PauseOrResume => {
            let until = (!paused(hearth, now)).then(|| now + PAUSE);
            logged(hearth.pause_reminders(until), "could not pause reminders");
            vec![Effect::LookNow]
        }
        TrayItem::PhonesOff => {
            let done = match hearth.end_phones_off(now) {
                Ok(true) => Ok(()),
                Ok(false) => hearth
                    .start_phones_off(PHONES_OFF_DEFAULT_MINUTES, now)
                    .map(|_| ()),
                Err(error) => Err(error),
            };
            logged(done, "could not start or end the phones-off hour");
            vec![Effect::LookNow]
        }
    }
}

/// The desktop locked: lock the notebook at once, before anyone can look, and reload the page
/// if it was open.
fn locked(hearth: &Hearth, reason: LockReason) -> Vec<Effect> {
    let locked = hearth.journal().lock();
    if reason == LockReason::LeftNow {
        // Always a fresh page after leaving, and no log line: one would tell whoever reads the
        // logs that someone left in a hurry.
        return vec![Effect::ReloadPage];
    }
    if locked {
        tracing::info!(?reason, "journal locked by the desktop");
        vec![Effect::ReloadPage]
    } else {
        Vec::new()
    }
}

/// The window's close button. Hearth stays for reminders unless the couple said otherwise;
/// the first time, it says so and asks. Where the desktop shows no tray icons, the window is
/// minimised instead of hidden, so it can always be found again.
fn close_requested(hearth: &Hearth, tray_host: bool) -> Vec<Effect> {
    let settings = hearth.app_settings().unwrap_or_default();
    if !settings.close_to_tray {
        return vec![Effect::Quit];
    }
    if !settings.close_explained {
        return vec![
            Effect::ShowWindow,
            Effect::OpenPage(CLOSING_PAGE.to_owned()),
        ];
    }
    if tray_host {
        vec![Effect::HideWindow]
    } else {
        vec![Effect::MinimiseWindow]
    }
}

/// "Leave now" (the button atop where to turn, or Ctrl+Shift+L anywhere): the window leaves the
/// screen first (hidden where a tray shows Hearth, minimised where none does, so it can always
/// be found again) and goes to Today; then the notebook locks and the page reloads with nothing
/// decrypted in it. Nothing here waits: not for Hearth's data (it works even if the data folder
/// could not be opened) nor for work holding the notebook (the lock is an effect the shell runs
/// on). Deliberately not logged.
pub(crate) fn leave_now(tray_host: bool) -> Vec<Effect> {
    vec![
        if tray_host {
            Effect::HideWindow
        } else {
            Effect::MinimiseWindow
        },
        Effect::OpenPage(TODAY_PAGE.to_owned()),
        Effect::Lock(LockReason::LeftNow),
    ]
}

/// The answer on the closing page: keep Hearth running in the tray (hide the window) or quit,
/// remembered either way.
pub(crate) fn close_choice(
    hearth: &Hearth,
    keep_running: bool,
    tray_host: bool,
) -> Result<Vec<Effect>, crate::ApiError> {
    let mut settings = hearth.app_settings()?;
    settings.close_explained = true;
    settings.close_to_tray = keep_running;
    hearth.set_app_settings(settings)?;
    Ok(if !keep_running {
        vec![Effect::Quit]
    } else if tray_host {
        vec![Effect::HideWindow]
    } else {
        vec![Effect::MinimiseWindow]
    })
}
