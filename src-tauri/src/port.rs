//! What only the desktop can do for hearth-app's rules: the keychain, the login item, the
//! system's file dialogs and file manager, the release feed, tray icons. Each method does the
//! one thing asked and decides nothing; they block, and run on the blocking pool.

use std::path::{Path, PathBuf};

use hearth_app::desktop::{DesktopPort, FileFilter, KeychainUnavailable};
use hearth_app::dto::settings::UpdateCheck;
use hearth_app::{ApiError, ApiErrorKind};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_dialog::{Dialog, FileDialogBuilder, FilePath};
use zeroize::Zeroizing;

use crate::{Shell, keychain, login_item, tray_host, updates};

/// The desktop, for one command or event.
pub struct TauriDesktop<R: Runtime> {
    app: AppHandle<R>,
}

impl<R: Runtime> TauriDesktop<R> {
    pub fn new(app: AppHandle<R>) -> Self {
        Self { app }
    }

    fn file_dialog(&self, filter: FileFilter) -> Result<FileDialogBuilder<R>, ApiError> {
        let dialog = self.app.try_state::<Dialog<R>>().ok_or_else(|| {
            ApiError::new(
                ApiErrorKind::Storage,
                "File dialogs are not available here; nothing was exported or imported.",
            )
        })?;
        Ok(dialog.file().add_filter(filter.name, filter.extensions))
    }
}

fn local_path(path: FilePath) -> Result<PathBuf, ApiError> {
    path.into_path().map_err(|_| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            "That location is not a file on this computer.",
        )
    })
}

impl<R: Runtime> DesktopPort for TauriDesktop<R> {
    fn keychain_get(
        &self,
        account: &str,
    ) -> Result<Option<Zeroizing<Vec<u8>>>, KeychainUnavailable> {
        keychain::get(account)
    }

    fn keychain_set(&self, account: &str, secret: &[u8]) -> Result<(), KeychainUnavailable> {
        keychain::set(account, secret)
    }

    fn keychain_delete(&self, account: &str) -> Result<(), KeychainUnavailable> {
        keychain::delete(account)
    }

    fn set_start_at_login(&self, on: bool) -> Result<(), ApiError> {
        login_item::apply(&self.app, on)
    }

    fn check_for_update(&self) -> Result<UpdateCheck, ApiError> {
        tauri::async_runtime::block_on(updates::check(&self.app))
    }

    fn install_update(&self) -> Result<(), ApiError> {
        tauri::async_runtime::block_on(updates::install(&self.app))
    }

    fn choose_save_path(
        &self,
        suggested_name: &str,
        filter: FileFilter,
    ) -> Result<Option<PathBuf>, ApiError> {
        self.file_dialog(filter)?
            .set_file_name(suggested_name)
            .blocking_save_file()
            .map(local_path)
            .transpose()
    }

    fn choose_open_path(&self, filter: FileFilter) -> Result<Option<PathBuf>, ApiError> {
        self.file_dialog(filter)?
            .blocking_pick_file()
            .map(local_path)
            .transpose()
    }

    fn choose_folder(&self) -> Result<Option<PathBuf>, ApiError> {
        use tauri_plugin_dialog::DialogExt as _;
        self.app
            .dialog()
            .file()
            .set_title("Choose the folder the two computers share")
            .blocking_pick_folder()
            .map(local_path)
            .transpose()
    }

    fn open_folder(&self, path: &Path) -> Result<(), ApiError> {
        use tauri_plugin_opener::OpenerExt as _;
        self.app
            .opener()
            .open_path(path.display().to_string(), None::<&str>)
            .map_err(|error| {
                ApiError::new(
                    ApiErrorKind::Storage,
                    format!("The data folder could not be opened ({error})."),
                )
            })
    }

    /// Logs the start-up time, and prints a marker on stdout for the start-up benchmark when
    /// `HEARTH_BENCH_STAMP` is set.
    fn first_paint(&self) {
        let elapsed = self.app.state::<Shell>().started.elapsed();
        tracing::info!(millis = elapsed.as_millis(), "first paint");
        if std::env::var_os("HEARTH_BENCH_STAMP").is_some() {
            println!("hearth-first-paint");
        }
    }

    fn tray_host(&self) -> bool {
        tray_host::present()
    }
}
