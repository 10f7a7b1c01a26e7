//! Carries out what hearth-app's rules asked for. Each step can fail on exotic window managers
//! or without a notification server; none of them is worth a crash, so failures are logged.

use hearth_app::desktop::{DesktopEvent, Effect};
use tauri::{AppHandle, Manager, Runtime};

use crate::MAIN_WINDOW;

pub(crate) fn apply<R: Runtime>(app: &AppHandle<R>, effects: Vec<Effect>) {
    let window = || app.get_webview_window(MAIN_WINDOW);
    for effect in effects {
        match effect {
            Effect::Notify(notice) => crate::notifier::show(app.clone(), notice),
            Effect::ShowWindow => {
                if let Some(window) = window() {
                    let _ = window.show();
                    let _ = window.unminimize();
                    let _ = window.set_focus();
                }
            }
            Effect::HideWindow => {
                if let Some(window) = window() {
                    let _ = window.hide();
                }
            }
            Effect::MinimiseWindow => {
                if let Some(window) = window() {
                    let _ = window.minimize();
                }
            }
            Effect::OpenPage(hash) => {
                if let Some(window) = window() {
                    // The hash comes from hearth-app's own page names; quoted as JSON anyway.
                    let quoted = serde_json::to_string(&hash).unwrap_or_default();
                    let _ = window.eval(format!("window.location.hash = {quoted}"));
                }
            }
            Effect::ReloadPage => {
                if let Some(window) = window() {
                    let _ = window.reload();
                }
            }
            Effect::Lock(reason) => crate::send_event(app, DesktopEvent::Locked(reason)),
            Effect::Arrived => {
                if let Some(window) = window() {
                    let _ = window.eval("window.dispatchEvent(new Event('hearth-arrived'))");
                }
            }
            Effect::SetTray(state) => crate::tray::show(app, &state),
            Effect::LookAgainIn(nap) => crate::desktop_loop::nap_for(app, nap),
            Effect::LookNow => {
                if let Some(look) = app.try_state::<crate::desktop_loop::LookNow>() {
                    look.wake();
                }
            }
            Effect::WatchExchange(folder) => crate::exchange_watch::watch(app, folder),
            Effect::Quit => app.exit(0),
        }
    }
}
