//! The reminder loop: one task that asks hearth-app which reminders are due, shows them, and
//! sleeps until the next one, but never longer than a minute, because tokio's timers stop
//! counting while the computer sleeps; each wake re-reads the wall clock and the zone, so
//! resume, clock jumps and travel are caught within a minute. An edit (or a notification's
//! Snooze) wakes it at once through `SchedulerWake`. Deciding and recording happen in one
//! transaction in hearth-app, so a reminder is shown at most once, across restarts too.

use std::sync::Arc;
use std::time::Duration;

use hearth_app::{Clock as _, ReminderNotice, SystemClock, dto::OccurrenceAction};
use tauri::{AppHandle, Manager, Runtime};
use tokio::sync::Notify;

use crate::Shell;
use crate::notifier::{self, Choice};

/// The longest nap between looks at the clock.
const LONGEST_NAP: Duration = Duration::from_secs(60);
/// Wake this much after a due time, never before it.
const MARGIN: Duration = Duration::from_millis(2);

/// Wakes the loop now (after an edit, a snooze, a resume).
#[derive(Debug, Default, Clone)]
pub struct SchedulerWake(Arc<Notify>);

impl SchedulerWake {
    pub fn wake(&self) {
        self.0.notify_one();
    }
}

pub fn spawn<R: Runtime>(app: AppHandle<R>) {
    let wake = app.state::<SchedulerWake>().inner().clone();
    tauri::async_runtime::spawn(async move {
        loop {
            let handle = app.clone();
            let round = tauri::async_runtime::spawn_blocking(move || {
                let shell = handle.state::<Shell>();
                let clock = SystemClock;
                shell
                    .hearth()
                    .and_then(|hearth| hearth.due_reminders(clock.now(), clock.local_zone()))
            })
            .await;
            let (next_wake, label, phones_off) = match round {
                Ok(Ok(round)) => {
                    for notice in round.notices {
                        notifier::show(app.clone(), notice, on_choice::<R>);
                    }
                    (round.next_wake, round.next_label, round.phones_off_label)
                }
                Ok(Err(error)) => {
                    tracing::warn!(%error, "could not plan reminders");
                    (None, None, None)
                }
                Err(_) => {
                    tracing::warn!("the reminder planning task stopped");
                    (None, None, None)
                }
            };
            crate::tray::show_next(&app, label.as_deref(), phones_off.as_deref());
            let nap = next_wake
                .and_then(|at| (at - SystemClock.now()).to_std().ok())
                .map_or(LONGEST_NAP, |left| (left + MARGIN).min(LONGEST_NAP));
            tokio::select! {
                () = tokio::time::sleep(nap) => {}
                () = wake.0.notified() => {}
            }
        }
    });
}

fn open_on<R: Runtime>(app: &AppHandle<R>, hash: &str) {
    crate::show_main_window(app);
    if let Some(window) = app.get_webview_window(crate::MAIN_WINDOW) {
        let _ = window.eval(format!("window.location.hash = '{hash}'"));
    }
}

/// Acts on a notification's button: open Hearth on Today, start the practice, or snooze or
/// skip the occurrence.
fn on_choice<R: Runtime>(app: &AppHandle<R>, notice: &ReminderNotice, choice: Choice) {
    let action = match choice {
        Choice::Open => {
            // Today lists the ritual with Done and Skip; its practice opens from there.
            open_on(app, "#/today");
            return;
        }
        Choice::Start => {
            if notice.practice.as_deref() == Some("phones_off_hour") {
                let shell = app.state::<Shell>();
                let started = shell.hearth().and_then(|hearth| {
                    hearth
                        .start_phones_off(hearth_app::PHONES_OFF_DEFAULT_MINUTES, SystemClock.now())
                });
                if let Err(error) = started {
                    tracing::warn!(%error, "could not start the phones-off hour");
                }
                app.state::<SchedulerWake>().wake();
            }
            // The page maps a practice to where it lives (ui/src/lib/practices.ts).
            let hash = notice.practice.as_deref().map_or_else(
                || "#/today".to_owned(),
                |practice| format!("#/open/{practice}"),
            );
            open_on(app, &hash);
            return;
        }
        Choice::Snooze => OccurrenceAction::Snooze,
        Choice::Skip => OccurrenceAction::Skip,
    };
    let (Some(ritual), Some(occurrence)) = (&notice.ritual_id, &notice.occurrence) else {
        return;
    };
    let shell = app.state::<Shell>();
    let done = shell
        .hearth()
        .and_then(|hearth| hearth.act_on_occurrence(ritual, occurrence, action, SystemClock.now()));
    match done {
        Ok(()) => app.state::<SchedulerWake>().wake(),
        Err(error) => tracing::warn!(%error, "could not act on the notification"),
    }
}
