//! Tauri commands: one-line adapters from IPC to hearth-app. No logic lives here.

use hearth_app::ApiError;
use hearth_app::dto::{BreathingPattern, DataPaths};
use tauri::{Runtime, State, ipc::Invoke};

use crate::Shell;

/// The invoke handler with every command; shared by the app and the mock-runtime tests.
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![breathing_patterns, data_paths, report_first_paint]
}

/// The breathing patterns from content/.
#[tauri::command]
async fn breathing_patterns(shell: State<'_, Shell>) -> Result<Vec<BreathingPattern>, ApiError> {
    Ok(shell.hearth()?.breathing_patterns())
}

/// Where Hearth keeps its data.
#[tauri::command]
async fn data_paths(shell: State<'_, Shell>) -> Result<DataPaths, ApiError> {
    Ok(shell.hearth()?.paths())
}

/// Called once by the UI after its first real view is painted. Logs the start-up time, and
/// prints a marker line on stdout for the start-up benchmark when `HEARTH_BENCH_STAMP` is set.
#[tauri::command]
async fn report_first_paint(shell: State<'_, Shell>) -> Result<(), ApiError> {
    let elapsed = shell.started.elapsed();
    tracing::info!(millis = elapsed.as_millis(), "first paint");
    if std::env::var_os("HEARTH_BENCH_STAMP").is_some() {
        println!("hearth-first-paint");
    }
    Ok(())
}
