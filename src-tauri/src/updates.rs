//! Updates: Hearth asks its release feed for a new version only when the couple turned update
//! checks on (then once at start-up) or pressed "Check now". Nothing else here touches the
//! network.

use hearth_app::dto::settings::UpdateCheck;
use hearth_app::{ApiError, ApiErrorKind};
use tauri::{AppHandle, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

fn unreachable_feed(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(
        ApiErrorKind::Network,
        format!("Hearth could not reach its release page ({error}). Nothing was changed."),
    )
}

/// The newer version the release feed offers, if any.
async fn newer<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Update>, ApiError> {
    app.updater()
        .map_err(unreachable_feed)?
        .check()
        .await
        .map_err(unreachable_feed)
}

/// Asks the release feed whether a newer version exists.
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateCheck, ApiError> {
    let current = app.package_info().version.to_string();
    let update = newer(app).await?;
    Ok(UpdateCheck {
        current,
        available: update.as_ref().map(|update| update.version.clone()),
        notes: update.and_then(|update| update.body),
    })
}

/// Downloads the newer version, checks its signature against the public key in the config,
/// installs it and restarts Hearth. Answers `NotFound` when there is nothing newer.
pub async fn install<R: Runtime>(app: &AppHandle<R>) -> Result<(), ApiError> {
    let update = newer(app)
        .await?
        .ok_or_else(|| ApiError::new(ApiErrorKind::NotFound, "Hearth is already up to date."))?;
    update
        .download_and_install(|_, _| {}, || {})
        .await
        .map_err(|error| {
            ApiError::new(
                ApiErrorKind::Network,
                format!("The new version could not be installed ({error}). Hearth is unchanged."),
            )
        })?;
    app.restart()
}

/// At start-up: hands hearth-app's rules the chance to check for a newer version (they check
/// only when the couple turned update checks on), on the blocking pool.
pub fn check_at_start<R: Runtime>(app: &AppHandle<R>) {
    crate::send_event(app, hearth_app::desktop::DesktopEvent::UpdateCheckDue);
}
