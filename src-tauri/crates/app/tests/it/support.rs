//! What the tests stand in for: a clock they set, and a desktop that records what it was asked
//! to do (the keychain is a map; dialogs answer with a path the test chose).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use hearth_app::desktop::{DesktopPort, FileFilter, KeychainUnavailable};
use hearth_app::dto::settings::UpdateCheck;
use hearth_app::{ApiError, ApiErrorKind, Clock};
use zeroize::Zeroizing;

/// A clock the test moves by hand.
pub struct FixedClock {
    now: Mutex<DateTime<Utc>>,
    zone: Tz,
}

impl FixedClock {
    pub fn new(now: DateTime<Utc>, zone: Tz) -> Self {
        Self {
            now: Mutex::new(now),
            zone,
        }
    }

    pub fn set(&self, now: DateTime<Utc>) {
        *self.now.lock().unwrap() = now;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.now.lock().unwrap()
    }

    fn local_zone(&self) -> Tz {
        self.zone
    }
}

/// A desktop that records: a keychain in memory (or none), the login item's state, the path
/// the next dialog answers with, and how often the UI reported its first paint.
#[derive(Default)]
pub struct FakeDesktop {
    pub keychain: Mutex<HashMap<String, Vec<u8>>>,
    pub no_keychain: bool,
    pub login_item: Mutex<Option<bool>>,
    pub login_item_writes: AtomicU32,
    pub dialog_answer: Mutex<Option<PathBuf>>,
    pub opened_folder: Mutex<Option<PathBuf>>,
    pub first_paints: AtomicU32,
    pub no_tray_host: bool,
}

impl FakeDesktop {
    fn keychain(
        &self,
    ) -> Result<std::sync::MutexGuard<'_, HashMap<String, Vec<u8>>>, KeychainUnavailable> {
        if self.no_keychain {
            return Err(KeychainUnavailable("no Secret Service in this test".into()));
        }
        Ok(self.keychain.lock().unwrap())
    }
}

impl DesktopPort for FakeDesktop {
    fn keychain_get(
        &self,
        account: &str,
    ) -> Result<Option<Zeroizing<Vec<u8>>>, KeychainUnavailable> {
        Ok(self.keychain()?.get(account).cloned().map(Zeroizing::new))
    }

    fn keychain_set(&self, account: &str, secret: &[u8]) -> Result<(), KeychainUnavailable> {
        self.keychain()?.insert(account.to_owned(), secret.to_vec());
        Ok(())
    }

    fn keychain_delete(&self, account: &str) -> Result<(), KeychainUnavailable> {
        self.keychain()?.remove(account);
        Ok(())
    }

    fn set_start_at_login(&self, on: bool) -> Result<(), ApiError> {
        *self.login_item.lock().unwrap() = Some(on);
        self.login_item_writes.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    fn check_for_update(&self) -> Result<UpdateCheck, ApiError> {
        Err(ApiError::new(ApiErrorKind::Network, "no network in tests"))
    }

    fn install_update(&self) -> Result<(), ApiError> {
        Err(ApiError::new(ApiErrorKind::Network, "no network in tests"))
    }

    fn choose_save_path(&self, _: &str, _: FileFilter) -> Result<Option<PathBuf>, ApiError> {
        Ok(self.dialog_answer.lock().unwrap().clone())
    }

    fn choose_open_path(&self, _: FileFilter) -> Result<Option<PathBuf>, ApiError> {
        Ok(self.dialog_answer.lock().unwrap().clone())
    }

    fn choose_folder(&self) -> Result<Option<PathBuf>, ApiError> {
        Ok(self.dialog_answer.lock().unwrap().clone())
    }

    fn open_folder(&self, path: &Path) -> Result<(), ApiError> {
        *self.opened_folder.lock().unwrap() = Some(path.to_owned());
        Ok(())
    }

    fn first_paint(&self) {
        self.first_paints.fetch_add(1, Ordering::Relaxed);
    }

    fn tray_host(&self) -> bool {
        !self.no_tray_host
    }
}
