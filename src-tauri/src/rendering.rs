//! How the webview draws: in software, with damage tracking, rather than through GL compositing.
//!
//! Hearth's pages are still text and a slowly breathing shape. With WebKitGTK's accelerated
//! compositing, every change (a countdown's second, a step of the breathing shape) recomposites
//! the whole window; where GL is itself done in software (virtual machines, remote desktops,
//! Xvfb) that cost ~50 ms of CPU per change, so a once-a-second countdown kept ~6% of a core
//! busy. Painted in software, WebKit redraws only the changed area. Measured with
//! `make bench-practices`; the reasoning is in docs/decisions/0007.

use tauri::{Manager, Runtime};

/// Asks the main window's webview to paint without GPU compositing (Linux only).
pub fn prefer_software_painting<R: Runtime>(app: &tauri::AppHandle<R>) {
    #[cfg(target_os = "linux")]
    if let Some(window) = app.get_webview_window(crate::MAIN_WINDOW) {
        let applied = window.with_webview(|webview| {
            use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};
            if let Some(settings) = webview.inner().settings() {
                settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
            }
        });
        if let Err(error) = applied {
            tracing::warn!(%error, "could not reach the webview's settings");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = app;
}
