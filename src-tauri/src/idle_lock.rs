//! Locks the journal after the idle time and after the computer sleeps, even with the window
//! hidden, and reloads the page so no decrypted text stays in it. While the journal is open, it also makes the daily automatic
//! backup when one is due.
//!
//! The loop sleeps until the idle deadline, but never longer than a minute: tokio's timers stop
//! while the computer sleeps, so each wake-up re-reads the wall clock. While the journal is
//! locked it wakes once a minute.

use std::time::{Duration, Instant};

use hearth_app::{Clock as _, SystemClock, slept_between};
use tauri::{AppHandle, Manager, Runtime};

use crate::Shell;

const LONGEST_NAP: Duration = Duration::from_secs(60);
/// Wake a little after the deadline, so the check finds it passed.
const MARGIN: Duration = Duration::from_millis(250);

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut looked = (Instant::now(), SystemClock.now());
        loop {
            let nap = {
                let shell = app.state::<Shell>();
                let Ok(hearth) = shell.hearth() else { return };
                hearth
                    .journal()
                    .until_idle_lock(SystemClock.now())
                    .map_or(LONGEST_NAP, |left| left.min(LONGEST_NAP))
            };
            tokio::time::sleep(nap + MARGIN).await;
            let shell = app.state::<Shell>();
            let Ok(hearth) = shell.hearth() else { return };
            let now = (Instant::now(), SystemClock.now());
            // Monotonic time stops while the computer sleeps; the wall clock does not.
            let slept = slept_between(now.0 - looked.0, now.1 - looked.1);
            looked = now;
            let locked = if slept {
                crate::lock_and_reload(&app, "the computer slept")
            } else if hearth.journal().lock_if_idle(now.1) {
                crate::reload_after_lock(&app, "the idle time passed");
                true
            } else {
                false
            };
            if locked {
                continue;
            }
            let handle = app.clone();
            let backup = tauri::async_runtime::spawn_blocking(move || {
                let shell = handle.state::<Shell>();
                shell
                    .hearth()
                    .and_then(|hearth| hearth.journal().backup_if_due(SystemClock.now()))
            });
            match backup.await {
                Ok(Ok(Some(report))) => {
                    tracing::info!(entries = report.entries, "automatic backup made")
                }
                Ok(Ok(None)) => {}
                Ok(Err(error)) => tracing::warn!(%error, "the automatic backup failed"),
                Err(_) => tracing::warn!("the automatic backup task stopped"),
            }
        }
    });
}
