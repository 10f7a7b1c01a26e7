//! The one loop that gives hearth-app's rules the time: it sends a `Look` event, and sleeps
//! until the rules say to look again (never more than a minute, because timers stop while the
//! computer sleeps) or until something asks it to look now (an edit, a snooze, waking up).
//! Each look carries how far the monotonic and the wall clock moved, so the rules can tell
//! sleep from a long nap.
//!
//! A thread of its own, asleep on a condition variable between looks: an idle Hearth wakes once
//! a minute here and nowhere else (no async timer, no worker handing off to a blocking pool).

use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use hearth_app::desktop::{DesktopEvent, LONGEST_NAP};
use hearth_app::{Clock as _, SystemClock};
use tauri::{AppHandle, Manager, Runtime};

#[derive(Debug, Default)]
struct Asked {
    /// Look again at once.
    now: bool,
    /// How long the next nap may be, as the rules said after the last look.
    nap: Option<Duration>,
}

/// Wakes the loop now, and holds how long its next nap may be.
#[derive(Debug, Default, Clone)]
pub struct LookNow {
    asked: Arc<(Mutex<Asked>, Condvar)>,
}

impl LookNow {
    pub fn wake(&self) {
        let (lock, wakeup) = &*self.asked;
        if let Ok(mut asked) = lock.lock() {
            asked.now = true;
            wakeup.notify_one();
        }
    }

    fn set_nap(&self, nap: Duration) {
        if let Ok(mut asked) = self.asked.0.lock() {
            asked.nap = Some(nap);
        }
    }

    /// Sleeps until the nap the rules asked for is over (at most `LONGEST_NAP`) or until woken.
    fn sleep(&self) {
        let (lock, wakeup) = &*self.asked;
        let Ok(mut asked) = lock.lock() else {
            std::thread::sleep(LONGEST_NAP);
            return;
        };
        let nap = asked.nap.take().unwrap_or(LONGEST_NAP).min(LONGEST_NAP);
        let until = Instant::now() + nap;
        while !asked.now {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            asked = match wakeup.wait_timeout(asked, left) {
                Ok((guard, _)) => guard,
                Err(_) => return,
            };
        }
        asked.now = false;
    }
}

/// The rules' answer to a look: how long until the next one.
pub(crate) fn nap_for<R: Runtime>(app: &AppHandle<R>, nap: Duration) {
    if let Some(look) = app.try_state::<LookNow>() {
        look.set_nap(nap);
    }
}

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    let look = app.state::<LookNow>().inner().clone();
    let spawned = std::thread::Builder::new()
        .name("hearth-look".into())
        .spawn(move || {
            let mut last = (Instant::now(), SystemClock.now());
            loop {
                let now = (Instant::now(), SystemClock.now());
                let event = DesktopEvent::Look {
                    monotonic: now.0 - last.0,
                    wall: now.1 - last.1,
                };
                last = now;
                crate::handle_event(&app, event);
                look.sleep();
            }
        });
    if let Err(error) = spawned {
        tracing::error!(%error, "could not start the reminder loop");
    }
}
