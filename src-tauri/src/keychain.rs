//! "Remember on this computer": the journal's data key kept in the OS keychain (Secret Service
//! on Linux, Keychain on macOS, Credential Manager on Windows), so the notebook opens without
//! typing the passphrase. A convenience, not the boundary: anyone who can use this computer
//! account can then open the notebook, and the UI says so. When no keychain answers, Hearth
//! falls back to the passphrase and says why.
//!
//! The store is built on every call rather than once per process, so a keychain that starts
//! after Hearth (or comes back) is found. Every call blocks; commands run them on the blocking
//! pool.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error};
use zeroize::Zeroizing;

const SERVICE: &str = hearth_app::BUNDLE_IDENTIFIER;

fn store() -> Result<Arc<CredentialStore>, Error> {
    #[cfg(all(unix, not(target_os = "macos")))]
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    #[cfg(target_os = "macos")]
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    #[cfg(target_os = "windows")]
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

fn entry(journal_id: &str) -> Result<Entry, Error> {
    Entry::new_in_store(&store()?, SERVICE, &format!("journal-{journal_id}"))
}

/// Whether a keychain answers, and whether it holds this journal's key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remembered {
    Yes,
    No,
    /// No keychain answered (for example no Secret Service on a headless Linux).
    Unavailable,
}

/// Looks the journal's key up. `Ok(None)` when not remembered; an error when no keychain
/// answers.
pub fn recall(journal_id: &str) -> Result<Option<Zeroizing<Vec<u8>>>, Error> {
    match entry(journal_id)?.get_secret() {
        Ok(secret) => Ok(Some(Zeroizing::new(secret))),
        Err(Error::NoEntry) => Ok(None),
        Err(error) => Err(error),
    }
}

pub fn status(journal_id: &str) -> Remembered {
    match recall(journal_id) {
        Ok(Some(_)) => Remembered::Yes,
        Ok(None) => Remembered::No,
        Err(error) => {
            tracing::info!(%error, "no keychain available");
            Remembered::Unavailable
        }
    }
}

/// Keeps the journal's key in the keychain.
pub fn remember(journal_id: &str, key: &[u8]) -> Result<(), Error> {
    entry(journal_id)?.set_secret(key)
}

/// Removes the journal's key from the keychain; forgetting what was not kept is fine.
pub fn forget(journal_id: &str) -> Result<(), Error> {
    match entry(journal_id)?.delete_credential() {
        Ok(()) | Err(Error::NoEntry) => Ok(()),
        Err(error) => Err(error),
    }
}

/// The message shown when no keychain answers.
pub fn unavailable(error: &Error) -> hearth_app::ApiError {
    hearth_app::ApiError::new(
        hearth_app::ApiErrorKind::Storage,
        format!("this computer's keychain did not answer ({error}); the passphrase still works"),
    )
}
