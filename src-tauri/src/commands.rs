//! The one IPC command. The UI sends `{ cmd, payload }`; hearth-app's command list decides what
//! runs ([`hearth_app::api::dispatch`]); the effects it asks for are carried out after. Runs
//! on the blocking pool, so neither the main thread nor the async workers wait on Argon2, the
//! disk or a file dialog.

use hearth_app::api::{Cx, dispatch};
use hearth_app::{ApiError, SystemClock};
use tauri::{AppHandle, Manager, Runtime, ipc::Invoke};

use crate::{Shell, TauriDesktop};

/// The invoke handler; shared by the app and the mock-runtime tests.
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![rpc]
}

/// Runs one of Hearth's commands.
#[tauri::command]
async fn rpc<R: Runtime>(
    app: AppHandle<R>,
    cmd: String,
    payload: Option<serde_json::Value>,
) -> Result<serde_json::Value, ApiError> {
    let payload = payload.unwrap_or_else(|| serde_json::json!({}));
    tauri::async_runtime::spawn_blocking(move || {
        let shell = app.state::<Shell>();
        let desktop = TauriDesktop::new(app.clone());
        let cx = Cx::new(shell.hearth.as_ref(), &desktop, &SystemClock);
        let started = std::time::Instant::now();
        let answer = dispatch(&cx, &cmd, payload);
        if hearth_app::api::command_may_be_logged(&cmd) {
            tracing::debug!(cmd, micros = started.elapsed().as_micros(), "command");
        }
        crate::effects::apply(&app, cx.take_effects());
        answer
    })
    .await
    .map_err(|_| ApiError::internal("a background task"))?
}
