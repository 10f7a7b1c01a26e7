//! Tells hearth-app the moment the desktop says the screen locked or the computer is about to
//! sleep (its rules lock the notebook before anyone can look), and when it woke (its rules look
//! at the reminders at once). The loop's sleep check stays as the fallback.
//!
//! Linux: the session bus's `ScreenSaver.ActiveChanged(true)` (GNOME, KDE, Xfce and others)
//! and the system bus's logind `PrepareForSleep(true)` and `Session.Lock`. Each bus is watched
//! by a task on the async runtime; a missing bus is logged and skipped. Other platforms rely on
//! the loop's sleep and idle checks for now.

use hearth_app::desktop::LockReason;
use tauri::{AppHandle, Runtime};

/// What a signal (interface, member, first boolean argument) says was locked, if anything.
pub fn lock_reason(interface: &str, member: &str, argument: Option<bool>) -> Option<LockReason> {
    match (interface, member, argument) {
        ("org.freedesktop.ScreenSaver" | "org.gnome.ScreenSaver", "ActiveChanged", Some(true)) => {
            Some(LockReason::ScreenLocked)
        }
        ("org.freedesktop.login1.Manager", "PrepareForSleep", Some(true)) => {
            Some(LockReason::AboutToSleep)
        }
        ("org.freedesktop.login1.Session", "Lock", _) => Some(LockReason::SessionLocked),
        _ => None,
    }
}

/// Whether a signal means the computer just woke up (reminders due while asleep are checked at
/// once rather than at the scheduler's next look).
pub fn means_resume(interface: &str, member: &str, argument: Option<bool>) -> bool {
    interface == "org.freedesktop.login1.Manager"
        && member == "PrepareForSleep"
        && argument == Some(false)
}

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    #[cfg(target_os = "linux")]
    linux::spawn(app);
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}

#[cfg(target_os = "linux")]
mod linux {
    use futures_util::StreamExt as _;
    use hearth_app::desktop::DesktopEvent;
    use tauri::{AppHandle, Runtime};
    use zbus::fdo::DBusProxy;
    use zbus::message::Type;
    use zbus::{Connection, MatchRule, Message, MessageStream};

    const SESSION_SIGNALS: &[(&str, &str)] = &[
        ("org.freedesktop.ScreenSaver", "ActiveChanged"),
        ("org.gnome.ScreenSaver", "ActiveChanged"),
    ];
    const SYSTEM_SIGNALS: &[(&str, &str)] = &[
        ("org.freedesktop.login1.Manager", "PrepareForSleep"),
        ("org.freedesktop.login1.Session", "Lock"),
    ];

    /// One task per bus on the async runtime. (zbus's blocking iterator kept a helper thread
    /// waking twice a second; the async stream sleeps until a message comes.)
    pub fn spawn<R: Runtime>(app: AppHandle<R>) {
        for (bus, signals) in [("session", SESSION_SIGNALS), ("system", SYSTEM_SIGNALS)] {
            let app = app.clone();
            tauri::async_runtime::spawn(async move {
                if let Err(error) = watch(bus, signals, &app).await {
                    tracing::info!(bus, %error, "not watching for lock signals on this bus");
                }
            });
        }
    }

    async fn watch<R: Runtime>(
        bus: &str,
        signals: &[(&str, &str)],
        app: &AppHandle<R>,
    ) -> zbus::Result<()> {
        let connection = if bus == "system" {
            Connection::system().await?
        } else {
            Connection::session().await?
        };
        let proxy = DBusProxy::new(&connection).await?;
        for (interface, member) in signals {
            let rule = MatchRule::builder()
                .msg_type(Type::Signal)
                .interface(*interface)?
                .member(*member)?
                .build();
            proxy.add_match_rule(rule).await?;
        }
        tracing::debug!(bus, "watching for lock signals");
        let mut stream = MessageStream::from(&connection);
        while let Some(message) = stream.next().await {
            let Ok(message) = message else { continue };
            if let Some(event) = classify(&message) {
                crate::send_event(app, event);
            }
        }
        Ok(())
    }

    /// The event a signal stands for, if it is one of ours.
    fn classify(message: &Message) -> Option<DesktopEvent> {
        let header = message.header();
        if header.message_type() != Type::Signal {
            return None;
        }
        let (interface, member) = (header.interface()?, header.member()?);
        let argument = message.body().deserialize::<bool>().ok();
        if let Some(reason) = super::lock_reason(interface.as_str(), member.as_str(), argument) {
            Some(DesktopEvent::Locked(reason))
        } else if super::means_resume(interface.as_str(), member.as_str(), argument) {
            Some(DesktopEvent::Resumed)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests;
