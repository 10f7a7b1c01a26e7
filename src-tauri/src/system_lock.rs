//! Locks the journal the moment the desktop says the screen locked or the computer is about to
//! sleep, rather than noticing the lost time after waking (idle_lock.rs does that as a
//! fallback). Linux: the session bus's `ScreenSaver.ActiveChanged(true)` (GNOME, KDE, Xfce and
//! others) and the system bus's logind `PrepareForSleep(true)` and `Session.Lock`. Each bus is
//! watched by a task on the async runtime; a missing bus is logged and skipped.
//! Other platforms rely on the idle and sleep checks for now.

use tauri::{AppHandle, Runtime};

/// Whether a signal (interface, member, first boolean argument) means "lock now".
pub fn means_lock(interface: &str, member: &str, argument: Option<bool>) -> bool {
    match (interface, member) {
        ("org.freedesktop.ScreenSaver" | "org.gnome.ScreenSaver", "ActiveChanged") => {
            argument == Some(true)
        }
        ("org.freedesktop.login1.Manager", "PrepareForSleep") => argument == Some(true),
        ("org.freedesktop.login1.Session", "Lock") => true,
        _ => false,
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
            match classify(&message) {
                Some(true) => {
                    crate::lock_and_reload(app, "the desktop locked or is going to sleep");
                }
                Some(false) => {
                    if let Some(wake) =
                        tauri::Manager::try_state::<crate::scheduler::SchedulerWake>(app)
                    {
                        wake.wake();
                    }
                }
                None => {}
            }
        }
        Ok(())
    }

    /// `Some(true)`: lock now; `Some(false)`: just woke up; `None`: not ours.
    fn classify(message: &Message) -> Option<bool> {
        let header = message.header();
        if header.message_type() != Type::Signal {
            return None;
        }
        let (interface, member) = (header.interface()?, header.member()?);
        let argument = message.body().deserialize::<bool>().ok();
        if super::means_lock(interface.as_str(), member.as_str(), argument) {
            Some(true)
        } else if super::means_resume(interface.as_str(), member.as_str(), argument) {
            Some(false)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::means_lock;

    #[test]
    fn only_a_lock_or_the_start_of_sleep_locks() {
        assert!(means_lock(
            "org.freedesktop.ScreenSaver",
            "ActiveChanged",
            Some(true)
        ));
        assert!(means_lock(
            "org.gnome.ScreenSaver",
            "ActiveChanged",
            Some(true)
        ));
        assert!(!means_lock(
            "org.freedesktop.ScreenSaver",
            "ActiveChanged",
            Some(false)
        ));
        assert!(means_lock(
            "org.freedesktop.login1.Manager",
            "PrepareForSleep",
            Some(true)
        ));
        assert!(
            !means_lock(
                "org.freedesktop.login1.Manager",
                "PrepareForSleep",
                Some(false)
            ),
            "waking up does not lock again"
        );
        assert!(means_lock("org.freedesktop.login1.Session", "Lock", None));
        assert!(!means_lock(
            "org.freedesktop.login1.Session",
            "Unlock",
            None
        ));
        assert!(!means_lock(
            "org.example.Other",
            "ActiveChanged",
            Some(true)
        ));
    }
}
