//! The desktop shell: builds the Tauri app around hearth-app.
//!
//! This crate is the only one that knows about Tauri (and, later, notify-rust and keyring). It
//! wires windows, the tray and plugins, and exposes hearth-app through one-line commands.

pub mod commands;
mod idle_lock;
mod keychain;
mod login_item;
mod notifier;
mod rendering;
pub mod scheduler;
mod system_lock;
mod transfer;
mod tray;
mod updates;

use std::process::ExitCode;
use std::time::Instant;

use hearth_app::dto::settings::AppSettings;
use hearth_app::{ApiError, DATA_DIR_ENV, Hearth, resolve_data_dir};
use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::StateFlags;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

/// Label of the one window.
pub const MAIN_WINDOW: &str = "main";

/// What every command reaches through `State`: Hearth, or the reason it could not open.
///
/// Keeping the error (rather than exiting) lets the window explain what went wrong, for example
/// a data folder written by a newer Hearth.
pub struct Shell {
    hearth: Result<Hearth, ApiError>,
    started: Instant,
}

impl Shell {
    pub fn new(hearth: Result<Hearth, ApiError>) -> Self {
        Self {
            hearth,
            started: Instant::now(),
        }
    }

    /// Hearth, or the error that kept it from opening.
    pub fn hearth(&self) -> Result<&Hearth, ApiError> {
        self.hearth.as_ref().map_err(Clone::clone)
    }
}

/// Shows, unminimises and focuses the main window (tray "Open", a second launch).
pub fn show_main_window<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        // Each step can fail on exotic window managers; none of them is worth a crash.
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Locks the journal and, if it was open, reloads the page so no decrypted text stays in it.
pub(crate) fn lock_and_reload<R: Runtime>(app: &AppHandle<R>, reason: &str) -> bool {
    let shell = app.state::<Shell>();
    let Ok(hearth) = shell.hearth() else {
        return false;
    };
    let locked = hearth.journal().lock();
    if locked {
        reload_after_lock(app, reason);
    }
    locked
}

/// Reloads the page after the journal locked, so no decrypted text stays in it.
pub(crate) fn reload_after_lock<R: Runtime>(app: &AppHandle<R>, reason: &str) {
    tracing::info!(reason, "journal locked");
    if let Some(window) = app.get_webview_window(MAIN_WINDOW) {
        let _ = window.reload();
    }
}

/// Hearth's settings on this computer; the defaults when the data folder could not be read.
pub(crate) fn app_settings<R: Runtime>(app: &AppHandle<R>) -> AppSettings {
    app.state::<Shell>()
        .hearth()
        .and_then(|hearth| hearth.app_settings())
        .unwrap_or_default()
}

fn init_logging() {
    // Logs carry ids and counts, never journal text. HEARTH_LOG takes tracing's filter syntax.
    let filter = std::env::var("HEARTH_LOG")
        .ok()
        .and_then(|text| text.parse::<Targets>().ok())
        .unwrap_or_else(|| Targets::new().with_default(LevelFilter::WARN));
    let _ = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(std::io::stderr)
                .with_filter(filter),
        )
        .try_init();
}

/// Runs the desktop app until the user quits from the tray.
pub fn run() -> ExitCode {
    init_logging();
    hearth_app::forbid_core_dumps();
    hearth_app::private_files();
    tracing::debug!("process started");
    let result = tauri::Builder::default()
        // Single instance first: a second Hearth would fire every reminder twice. The second
        // launch exits before it opens anything and the first one comes to the front.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            show_main_window(app)
        }))
        // The window's size and place are restored, but never its visibility: Hearth decides
        // that itself (hidden when the login item started it).
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(StateFlags::all() & !StateFlags::VISIBLE)
                .build(),
        )
        .plugin(login_item::plugin())
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_updater::Builder::new().build())
        .invoke_handler(commands::handler())
        .setup(|app| {
            // Opened here, after the single-instance plugin has let this process through, so a
            // second launch never touches the databases.
            tracing::debug!("setup: started");
            let hearth = resolve_data_dir(None, std::env::var_os(DATA_DIR_ENV))
                .and_then(|data_dir| Hearth::open(&data_dir));
            if let Err(error) = &hearth {
                tracing::error!(%error, "Hearth could not open its data folder");
            }
            app.manage(Shell::new(hearth));
            app.manage(scheduler::SchedulerWake::default());
            tracing::debug!("setup: data folder open");
            rendering::prefer_software_painting(app.handle());
            tray::create(app.handle())?;
            tracing::debug!("setup: tray ready");
            idle_lock::spawn(app.handle().clone());
            system_lock::spawn(app.handle().clone());
            scheduler::spawn(app.handle().clone());
            updates::check_at_start(app.handle());
            // Started by the login item: straight to the tray. (The window is created visible and
            // hidden here: WebKitGTK under X paints nothing in a window created hidden.)
            if login_item::started_minimised()
                && let Some(window) = app.get_webview_window(MAIN_WINDOW)
            {
                let _ = window.hide();
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // Closing the window keeps Hearth in the tray so reminders still fire, unless the
            // couple turned that off; then closing quits.
            if let WindowEvent::CloseRequested { api, .. } = event
                && window.label() == MAIN_WINDOW
            {
                api.prevent_close();
                if app_settings(window.app_handle()).close_to_tray {
                    let _ = window.hide();
                } else {
                    window.app_handle().exit(0);
                }
            }
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(%error, "Hearth stopped with an error");
            eprintln!("Hearth could not start: {error}");
            ExitCode::FAILURE
        }
    }
}
