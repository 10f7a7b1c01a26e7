//! The OS keychain through keyring-core and each platform's store (Secret Service, Keychain,
//! Credential Manager), built per call so a keychain that starts after Hearth is still found.
//! What to keep, replace or forget is hearth-app's rule (`desktop::keychain`); this only reads
//! and writes. Every call blocks; callers run on the blocking pool.

use std::sync::Arc;

use hearth_app::desktop::{KEYCHAIN_SERVICE, KeychainUnavailable};
use keyring_core::{CredentialStore, Entry, Error};
use zeroize::Zeroizing;

fn store() -> Result<Arc<CredentialStore>, Error> {
    #[cfg(all(unix, not(target_os = "macos")))]
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    #[cfg(target_os = "macos")]
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    #[cfg(target_os = "windows")]
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

fn unavailable(error: Error) -> KeychainUnavailable {
    KeychainUnavailable(error.to_string())
}

fn entry(account: &str) -> Result<Entry, KeychainUnavailable> {
    store()
        .and_then(|store| Entry::new_in_store(&store, KEYCHAIN_SERVICE, account))
        .map_err(unavailable)
}

pub fn get(account: &str) -> Result<Option<Zeroizing<Vec<u8>>>, KeychainUnavailable> {
    match entry(account)?.get_secret() {
        Ok(secret) => Ok(Some(Zeroizing::new(secret))),
        Err(Error::NoEntry) => Ok(None),
        Err(error) => Err(unavailable(error)),
    }
}

pub fn set(account: &str, secret: &[u8]) -> Result<(), KeychainUnavailable> {
    entry(account)?.set_secret(secret).map_err(unavailable)
}

pub fn delete(account: &str) -> Result<(), KeychainUnavailable> {
    match entry(account)?.delete_credential() {
        Ok(()) | Err(Error::NoEntry) => Ok(()),
        Err(error) => Err(unavailable(error)),
    }
}
