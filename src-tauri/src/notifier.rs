//! System notifications for reminders, through notify-rust. Every call runs on a thread of its
//! own and nobody waits for it: an absent or hung notification server (D-Bus waits 25 s) stalls
//! neither the scheduler nor the UI. Notices carry ritual titles and times, never journal text.
//!
//! On Linux the notification offers Start, Snooze 10 min and Skip when it is about one ritual;
//! clicking it (the default action) opens Hearth on Today, Start opens the ritual's practice (and
//! for a phones-off ritual starts the hour).

use hearth_app::ReminderNotice;
use tauri::{AppHandle, Runtime};

const APP_NAME: &str = "Hearth";
/// The icon the installers put in the icon theme (`hicolor/*/apps/hearth.png`).
const ICON_NAME: &str = "hearth";
/// The installed desktop entry (`Hearth.desktop`), so the desktop attributes notices to Hearth.
#[cfg(all(unix, not(target_os = "macos")))]
const DESKTOP_ENTRY: &str = "Hearth";

/// What the person chose on a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Open,
    /// Start the ritual's practice (a phones-off ritual starts its hour).
    Start,
    Snooze,
    Skip,
}

/// The choice an action id stands for.
pub fn choice_for(action: &str) -> Option<Choice> {
    match action {
        "default" => Some(Choice::Open),
        "start" => Some(Choice::Start),
        "snooze" => Some(Choice::Snooze),
        "skip" => Some(Choice::Skip),
        _ => None,
    }
}

/// Shows `notice` without waiting; choices come back through `on_choice` (Linux).
pub fn show<R: Runtime>(
    app: AppHandle<R>,
    notice: ReminderNotice,
    on_choice: fn(&AppHandle<R>, &ReminderNotice, Choice),
) {
    on_notify_thread(move || {
        let mut notification = hearth_notification(&notice.summary, &notice.body);
        #[cfg(all(unix, not(target_os = "macos")))]
        {
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
                tracing::info!(late = notice.late, "reminder shown");
                #[cfg(all(unix, not(target_os = "macos")))]
                handle.wait_for_action(|action| {
                    if let Some(choice) = choice_for(action) {
                        on_choice(&app, &notice, choice);
                    }
                });
                #[cfg(not(all(unix, not(target_os = "macos"))))]
                {
                    let _ = (handle, on_choice, &app);
                }
            }
            Err(error) => tracing::warn!(%error, "the notification could not be shown"),
        }
    });
}

/// Runs `work` on a thread of its own that nobody waits for (a hung server stalls nothing).
fn on_notify_thread(work: impl FnOnce() + Send + 'static) {
    let spawned = std::thread::Builder::new()
        .name("hearth-notify".into())
        .spawn(work);
    if let Err(error) = spawned {
        tracing::warn!(%error, "could not start a notification thread");
    }
}

/// A notification from Hearth with its name, icon and (on Linux) desktop entry.
fn hearth_notification(summary: &str, body: &str) -> notify_rust::Notification {
    let mut notification = notify_rust::Notification::new();
    notification
        .appname(APP_NAME)
        .summary(summary)
        .body(body)
        .icon(ICON_NAME);
    #[cfg(all(unix, not(target_os = "macos")))]
    notification.hint(notify_rust::Hint::DesktopEntry(DESKTOP_ENTRY.into()));
    notification
}

/// Tells the couple a newer Hearth is ready (only sent when they turned update checks on).
pub fn update_waiting(version: &str) {
    let body = format!("Hearth {version} is ready. Open Settings in Hearth to install it.");
    on_notify_thread(move || {
        if let Err(error) = hearth_notification("A new Hearth is ready", &body).show() {
            tracing::warn!(%error, "the notification could not be shown");
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_map_to_choices() {
        assert_eq!(choice_for("default"), Some(Choice::Open));
        assert_eq!(choice_for("start"), Some(Choice::Start));
        assert_eq!(choice_for("snooze"), Some(Choice::Snooze));
        assert_eq!(choice_for("skip"), Some(Choice::Skip));
        assert_eq!(choice_for("__closed"), None);
    }
}
