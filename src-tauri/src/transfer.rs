//! Export and import through the system's file dialogs, from Rust: the page gets no file-system
//! or dialog permission, only these commands. A cancelled dialog answers `None`.

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use hearth_app::dto::settings::Transfer;
use hearth_app::{ApiError, ApiErrorKind, Clock as _, Hearth, PlainFormat, SystemClock};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{Dialog, FileDialogBuilder, FilePath};

use crate::Shell;

fn no_dialogs() -> ApiError {
    ApiError::new(
        ApiErrorKind::Storage,
        "File dialogs are not available here; nothing was exported or imported.",
    )
}

fn local_path(path: FilePath) -> Result<PathBuf, ApiError> {
    path.into_path().map_err(|_| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            "That location is not a file on this computer.",
        )
    })
}

/// A file dialog showing only files that match `filter` (a name and its extensions).
fn file_dialog<R: Runtime>(
    app: &AppHandle<R>,
    filter: (&str, &[&str]),
) -> Result<FileDialogBuilder<R>, ApiError> {
    let dialog = app.try_state::<Dialog<R>>().ok_or_else(no_dialogs)?;
    Ok(dialog.file().add_filter(filter.0, filter.1))
}

/// Asks where to save, suggesting `name`; runs on the blocking pool (the dialog waits).
fn save_to<R: Runtime>(
    app: &AppHandle<R>,
    name: &str,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, ApiError> {
    file_dialog(app, filter)?
        .set_file_name(name)
        .blocking_save_file()
        .map(local_path)
        .transpose()
}

/// Asks which file to read.
fn open_from<R: Runtime>(
    app: &AppHandle<R>,
    filter: (&str, &[&str]),
) -> Result<Option<PathBuf>, ApiError> {
    file_dialog(app, filter)?
        .blocking_pick_file()
        .map(local_path)
        .transpose()
}

/// Answers `Locked` before any dialog opens when the notebook is not open.
fn notebook_open(hearth: &Hearth) -> Result<(), ApiError> {
    hearth.journal().with_journal(SystemClock.now(), |_| Ok(()))
}

fn stamp(now: DateTime<Utc>) -> String {
    now.with_timezone(&Local).format("%Y-%m-%d").to_string()
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Writes every notebook entry, unencrypted, as Markdown or JSON, where the person chooses.
pub fn export_notebook<R: Runtime>(
    app: &AppHandle<R>,
    format: &str,
) -> Result<Option<Transfer>, ApiError> {
    let (format, extension) = match format {
        "markdown" => (PlainFormat::Markdown, "md"),
        "json" => (PlainFormat::Json, "json"),
        other => {
            let shown: String = other.chars().take(20).collect();
            return Err(ApiError::new(
                ApiErrorKind::InvalidInput,
                format!("format: \"{shown}\" is not markdown or json"),
            ));
        }
    };
    let shell = app.state::<Shell>();
    let hearth = shell.hearth()?;
    notebook_open(hearth)?;
    let name = format!("hearth-notebook-{}.{extension}", stamp(SystemClock.now()));
    let Some(path) = save_to(app, &name, ("Notebook export", &[extension]))? else {
        return Ok(None);
    };
    let written = hearth
        .journal()
        .with_journal(SystemClock.now(), |journal| {
            journal.export_plain(&path, format)
        })?;
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: count(written),
        left_out: Vec::new(),
    }))
}

/// Adds the entries of a JSON export; entries already here are skipped.
pub fn import_notebook<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Transfer>, ApiError> {
    let shell = app.state::<Shell>();
    let hearth = shell.hearth()?;
    notebook_open(hearth)?;
    let Some(path) = open_from(app, ("Hearth notebook export", &["json"]))? else {
        return Ok(None);
    };
    let (added, skipped) = hearth
        .journal()
        .with_journal(SystemClock.now(), |journal| journal.import_json(&path))?;
    let left_out = if skipped > 0 {
        vec![format!("{skipped} entries were already in the notebook")]
    } else {
        Vec::new()
    };
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: count(added),
        left_out,
    }))
}

/// Writes every ritual as an iCalendar file.
pub fn export_rituals<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Transfer>, ApiError> {
    let shell = app.state::<Shell>();
    let hearth = shell.hearth()?;
    let now = SystemClock.now();
    let name = format!("hearth-rituals-{}.ics", stamp(now));
    let Some(path) = save_to(app, &name, ("Calendar", &["ics"]))? else {
        return Ok(None);
    };
    let written = hearth.export_ics_to(&path, None, now)?;
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: count(written),
        left_out: Vec::new(),
    }))
}

/// Adds the rituals of an iCalendar file, all or none.
pub fn import_rituals<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Transfer>, ApiError> {
    let shell = app.state::<Shell>();
    let hearth = shell.hearth()?;
    let Some(path) = open_from(app, ("Calendar", &["ics"]))? else {
        return Ok(None);
    };
    let report = hearth.import_ics_from(&path, SystemClock.now())?;
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: count(report.added.len()),
        left_out: report.left_out,
    }))
}
