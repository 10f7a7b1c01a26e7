//! System notifications through notify-rust. Every one is shown on a thread of its own that
//! nobody waits for: an absent or hung notification server (D-Bus waits 25 s) stalls neither
//! the loop nor the UI. The words come from hearth-app (titles and times, never journal text);
//! what the person presses goes back to hearth-app's rules as a `Notice` event.
//!
//! On Linux a notice about a ritual carries Start, Snooze 10 min and Skip; elsewhere
//! notifications carry no buttons here, and a click opens the ritual's card, which has them.

use hearth_app::ReminderNotice;
use hearth_app::desktop::{DesktopEvent, NoticeChoice};
use tauri::{AppHandle, Runtime};

const APP_NAME: &str = "Hearth";
/// The icon the installers put in the icon theme (`hicolor/*/apps/hearth.png`).
const ICON_NAME: &str = "hearth";
/// The installed desktop entry (`Hearth.desktop`), so the desktop attributes notices to Hearth.
#[cfg(all(unix, not(target_os = "macos")))]
const DESKTOP_ENTRY: &str = "Hearth";

/// What a notification's action id means.
pub fn choice_for(action: &str) -> Option<NoticeChoice> {
    match action {
        "default" => Some(NoticeChoice::Open),
        "start" => Some(NoticeChoice::Start),
        "snooze" => Some(NoticeChoice::Snooze),
        "skip" => Some(NoticeChoice::Skip),
        _ => None,
    }
}

/// Shows `notice` without waiting; what is pressed on it becomes a `Notice` event.
pub fn show<R: Runtime>(app: AppHandle<R>, notice: ReminderNotice) {
    let spawned = std::thread::Builder::new()
        .name("hearth-notify".into())
        .spawn(move || {
            let mut notification = notify_rust::Notification::new();
            notification
                .appname(APP_NAME)
                .summary(&notice.summary)
                .body(&notice.body)
                .icon(ICON_NAME);
            #[cfg(all(unix, not(target_os = "macos")))]
            {
                notification.hint(notify_rust::Hint::DesktopEntry(DESKTOP_ENTRY.into()));
                notification.action("default", "Open Hearth");
                if notice.ritual_id.is_some() {
                    notification
                        .action("start", "Start")
                        .action("snooze", "Snooze 10 min")
                        .action("skip", "Skip");
                }
            }
            match notification.show() {
                Ok(handle) => {
                    tracing::info!(late = notice.late, "notice shown");
                    handle.wait_for_action(|action| {
                        if let Some(choice) = choice_for(action) {
                            crate::handle_event(&app, DesktopEvent::Notice { notice, choice });
                        }
                    });
                }
                Err(error) => tracing::warn!(%error, "the notification could not be shown"),
            }
        });
    if let Err(error) = spawned {
        tracing::warn!(%error, "could not start a notification thread");
    }
}

#[cfg(test)]
mod tests;
