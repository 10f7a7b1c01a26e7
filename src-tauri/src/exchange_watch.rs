//! Watches the exchange folder two computers meet in, and tells hearth-app's rules when
//! something in it changed (the partner's computer wrote, through Syncthing or a cloud drive).
//! The operating system's own notifications (inotify, FSEvents, ReadDirectoryChanges): nothing
//! polls, so an idle Hearth stays idle. Where events are lost (some network drives), the rules'
//! slow look every few minutes still finds what arrived.

use std::path::PathBuf;
use std::sync::Mutex;

use hearth_app::desktop::DesktopEvent;
use notify::{RecursiveMode, Watcher as _};
use tauri::{AppHandle, Manager, Runtime};

/// The watcher, while there is a folder to watch.
#[derive(Default)]
pub struct ExchangeWatch(Mutex<Option<notify::RecommendedWatcher>>);

/// Watches `folder` (none: stops watching).
pub fn watch<R: Runtime>(app: &AppHandle<R>, folder: Option<PathBuf>) {
    let Some(state) = app.try_state::<ExchangeWatch>() else {
        return;
    };
    let Ok(mut slot) = state.0.lock() else {
        return;
    };
    *slot = None;
    let Some(folder) = folder else {
        return;
    };
    let handle = app.clone();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if event.is_ok_and(|event| !event.kind.is_access()) {
            crate::send_event(&handle, DesktopEvent::ExchangeChanged);
        }
    });
    match watcher {
        Ok(mut watcher) => match watcher.watch(&folder, RecursiveMode::Recursive) {
            Ok(()) => *slot = Some(watcher),
            Err(error) => {
                tracing::warn!(%error, "could not watch the exchange folder; it is looked at every few minutes instead")
            }
        },
        Err(error) => {
            tracing::warn!(%error, "no file watcher; the exchange folder is looked at every few minutes instead")
        }
    }
}
