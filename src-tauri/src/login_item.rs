//! Start at login: the OS's login item (an XDG autostart entry on Linux, a launch agent on
//! macOS, the Run key on Windows), written or removed by tauri-plugin-autostart. Hearth started
//! this way opens minimised to the tray.

use hearth_app::{ApiError, ApiErrorKind};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_autostart::{AutoLaunchManager, MacosLauncher};

/// The argument the login item passes, so Hearth starts in the tray without a window.
pub const MINIMISED_ARG: &str = "--minimised";

/// The plugin, set to pass `--minimised`.
pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_autostart::init(MacosLauncher::LaunchAgent, Some(vec![MINIMISED_ARG]))
}

/// Whether this process was started by the login item.
pub fn started_minimised() -> bool {
    std::env::args().any(|arg| arg == MINIMISED_ARG)
}

/// Writes the login item when `start_at_login` is on and removes it when off.
pub fn apply<R: Runtime>(app: &AppHandle<R>, start_at_login: bool) -> Result<(), ApiError> {
    let Some(launcher) = app.try_state::<AutoLaunchManager>() else {
        if !start_at_login {
            return Ok(());
        }
        return Err(ApiError::new(
            ApiErrorKind::Storage,
            "Starting at login is not available here; the setting was not saved.",
        ));
    };
    let written = launcher.is_enabled().unwrap_or(false);
    let result = match (start_at_login, written) {
        (true, false) => launcher.enable(),
        (false, true) => launcher.disable(),
        _ => Ok(()),
    };
    result.map_err(|error| {
        ApiError::new(
            ApiErrorKind::Storage,
            format!("Hearth could not change its login item ({error}); the setting was not saved."),
        )
    })
}
