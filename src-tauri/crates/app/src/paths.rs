//! Where Hearth keeps its data: one rule shared by the desktop app and the CLI.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::{ApiError, ApiErrorKind};

/// The bundle identifier; also the data folder's name. Must match tauri.conf.json (tidy test).
pub const BUNDLE_IDENTIFIER: &str = "app.hearth.desktop";

/// Environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "HEARTH_DATA_DIR";

/// Picks the data folder: an explicit choice (`--data-dir`) first, then `HEARTH_DATA_DIR`, then
/// the platform's app data folder for the bundle identifier (the same folder Tauri would pick:
/// `~/.local/share/<id>` on Linux, `~/Library/Application Support/<id>` on macOS,
/// `%APPDATA%\<id>` on Windows). Empty values count as unset.
pub fn resolve_data_dir(
    explicit: Option<PathBuf>,
    env_value: Option<OsString>,
) -> Result<PathBuf, ApiError> {
    if let Some(dir) = explicit.filter(|dir| !dir.as_os_str().is_empty()) {
        return Ok(dir);
    }
    if let Some(dir) = env_value.filter(|dir| !dir.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().join(BUNDLE_IDENTIFIER))
        .ok_or_else(|| {
            ApiError::new(
                ApiErrorKind::Storage,
                format!("could not find a home folder for Hearth's data; set {DATA_DIR_ENV}"),
            )
        })
}

#[cfg(test)]
mod tests;
