//! The desktop shell: a driver around hearth-app.
//!
//! This crate is the only one that knows about Tauri, notify-rust, the keychain stores and
//! D-Bus. It decides nothing: what the operating system says becomes a
//! [`hearth_app::desktop::DesktopEvent`], what hearth-app answers ([`Effect`]s) is carried out
//! by `effects`, and the UI's commands go through one IPC command (`rpc`) to
//! `hearth_app::api::dispatch`. What only the desktop can do for hearth-app's rules (keychain,
//! login item, dialogs, the release feed) is `port::TauriDesktop`.

pub mod commands;
mod desktop_loop;
mod effects;
mod exchange_watch;
mod keychain;
mod login_item;
mod notifier;
mod port;
mod rendering;
mod system_lock;
mod tray;
mod tray_host;
mod updates;

use std::process::ExitCode;
use std::time::Instant;

use hearth_app::desktop::{DesktopEvent, Effect};
use hearth_app::{ApiError, DATA_DIR_ENV, Hearth, SystemClock, resolve_data_dir};
use tauri::{AppHandle, Manager, Runtime, WindowEvent};
use tauri_plugin_window_state::StateFlags;
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::prelude::*;

pub use port::TauriDesktop;

/// Label of the one window.
pub const MAIN_WINDOW: &str = "main";

/// What every command and event reaches through managed state: Hearth, or the reason it could
/// not open (the window explains it instead of the app crashing, for example a data folder
/// written by a newer Hearth).
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

/// Hands one event to hearth-app's rules and carries out what they answer. Runs on the blocking
/// pool's thread it is called from (rules may touch the disk).
pub(crate) fn handle_event<R: Runtime>(app: &AppHandle<R>, event: DesktopEvent) {
    let effects = {
        let shell = app.state::<Shell>();
        let Ok(hearth) = shell.hearth() else {
            // Without Hearth, only showing the window (which explains why) makes sense.
            if matches!(event, DesktopEvent::LaunchedAgain | DesktopEvent::Tray(_)) {
                effects::apply(app, vec![Effect::ShowWindow]);
            }
            return;
        };
        hearth.on_desktop_event(event, &SystemClock, &TauriDesktop::new(app.clone()))
    };
    effects::apply(app, effects);
}

/// Sends an event from an async context: the rules run on the blocking pool.
pub(crate) fn send_event<R: Runtime>(app: &AppHandle<R>, event: DesktopEvent) {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || handle_event(&app, event));
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

/// How long a blocking-pool thread waits for more work before it ends. The pool runs the UI's
/// commands; tokio's default (10 s) kept the threads of a burst of calls waking as they wound
/// down long after the page was idle.
const BLOCKING_KEEP_ALIVE: std::time::Duration = std::time::Duration::from_secs(1);

/// The async runtime Tauri runs on: as Tauri's own, but with two workers (Hearth's async work is
/// a D-Bus watcher and a few dialogs) and a short-lived blocking pool.
fn async_runtime() -> Option<tokio::runtime::Runtime> {
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_keep_alive(BLOCKING_KEEP_ALIVE)
        .enable_all()
        .build()
    {
        Ok(runtime) => {
            tauri::async_runtime::set(runtime.handle().clone());
            Some(runtime)
        }
        Err(error) => {
            tracing::warn!(%error, "could not build the async runtime; using Tauri's default");
            None
        }
    }
}

/// Runs the desktop app until the user quits.
pub fn run() -> ExitCode {
    init_logging();
    hearth_app::forbid_core_dumps();
    hearth_app::private_files();
    tracing::debug!("process started");
    // Kept until the app ends: Tauri runs its async work on it.
    let _runtime = async_runtime();
    let result = tauri::Builder::default()
        // Single instance first: a second Hearth would fire every reminder twice. The second
        // launch exits before it opens anything and this one shows its window.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            send_event(app, DesktopEvent::LaunchedAgain)
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
            tracing::debug!("setup");
            // Opened here, after the single-instance plugin has let this process through, so a
            // second launch never touches the databases.
            let hearth = resolve_data_dir(None, std::env::var_os(DATA_DIR_ENV))
                .and_then(|data_dir| Hearth::open(&data_dir));
            tracing::debug!("data folder open");
            if let Err(error) = &hearth {
                tracing::error!(%error, "Hearth could not open its data folder");
            }
            app.manage(Shell::new(hearth));
            app.manage(desktop_loop::LookNow::default());
            app.manage(exchange_watch::ExchangeWatch::default());
            rendering::prefer_software_painting(app.handle());
            tray::create(app.handle())?;
            tracing::debug!("tray created");
            // The window is created visible (WebKitGTK under X paints nothing in a window created
            // hidden); the rules hide or minimise it when the login item started Hearth.
            handle_event(
                app.handle(),
                DesktopEvent::Started {
                    minimised: login_item::started_minimised(),
                },
            );
            system_lock::spawn(app.handle().clone());
            desktop_loop::spawn(app.handle().clone());
            updates::check_at_start(app.handle());
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::CloseRequested { api, .. } = event
                && window.label() == MAIN_WINDOW
            {
                api.prevent_close();
                send_event(window.app_handle(), DesktopEvent::CloseRequested);
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
