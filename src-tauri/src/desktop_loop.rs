//! The one loop that gives hearth-app's rules the time: it sends a `Look` event, and sleeps
//! until the rules say to look again (never more than a minute, because timers stop while the
//! computer sleeps) or until something asks it to look now (an edit, a snooze, waking up).
//! Each look carries how far the monotonic and the wall clock moved, so the rules can tell
//! sleep from a long nap.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use hearth_app::desktop::{DesktopEvent, LONGEST_NAP};
use hearth_app::{Clock as _, SystemClock};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Notify;

/// Wakes the loop now, and holds how long its next nap may be.
#[derive(Debug, Default, Clone)]
pub struct LookNow {
    notify: Arc<Notify>,
    nap: Arc<Mutex<Option<Duration>>>,
}

impl LookNow {
    pub fn wake(&self) {
        self.notify.notify_one();
    }
}

/// The rules' answer to a look: how long until the next one.
pub(crate) fn nap_for<R: Runtime>(app: &AppHandle<R>, nap: Duration) {
    if let Some(look) = app.try_state::<LookNow>()
        && let Ok(mut slot) = look.nap.lock()
    {
        *slot = Some(nap);
    }
}

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    let look = app.state::<LookNow>().inner().clone();
    tauri::async_runtime::spawn(async move {
        let mut last = (Instant::now(), SystemClock.now());
        loop {
            let now = (Instant::now(), SystemClock.now());
            let event = DesktopEvent::Look {
                monotonic: now.0 - last.0,
                wall: now.1 - last.1,
            };
            last = now;
            let handle = app.clone();
            if tauri::async_runtime::spawn_blocking(move || crate::handle_event(&handle, event))
                .await
                .is_err()
            {
                tracing::warn!("a look at the reminders stopped");
            }
            let nap = look
                .nap
                .lock()
                .ok()
                .and_then(|mut slot| slot.take())
                .unwrap_or(LONGEST_NAP)
                .min(LONGEST_NAP);
            tokio::select! {
                () = tokio::time::sleep(nap) => {}
                () = look.notify.notified() => {}
            }
        }
    });
}
