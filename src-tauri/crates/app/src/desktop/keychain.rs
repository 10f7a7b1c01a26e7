//! "Remember on this computer": the notebook's data key kept in the OS keychain, so it opens
//! without the passphrase. A convenience, not the boundary: anyone who can use this computer
//! account can then open the notebook, and the UI says so. The rules: a key the notebook no
//! longer uses (its passphrase changed, another notebook was restored) is forgotten, at start
//! and whenever it is looked up; a passphrase change replaces a remembered key with the new
//! one; no keychain means the passphrase, with the reason shown.

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use super::{DesktopPort, KeychainUnavailable};
use crate::dto::KeychainStatus;
use crate::{ApiError, ApiErrorKind, Hearth};

/// The service name keychain entries are kept under.
pub const KEYCHAIN_SERVICE: &str = crate::BUNDLE_IDENTIFIER;

fn account(journal_id: &str) -> String {
    format!("journal-{journal_id}")
}

fn unavailable(error: &KeychainUnavailable) -> ApiError {
    ApiError::new(
        ApiErrorKind::Storage,
        format!(
            "this computer's keychain did not answer ({}); the passphrase still works",
            error.0
        ),
    )
}

/// The remembered key, if it is still the notebook's; a stale one is forgotten on the way.
fn current_key(
    hearth: &Hearth,
    port: &dyn DesktopPort,
    journal_id: &str,
) -> Result<Option<Zeroizing<Vec<u8>>>, KeychainUnavailable> {
    let Some(key) = port.keychain_get(&account(journal_id))? else {
        return Ok(None);
    };
    match crate::key_is_current(hearth.data_dir(), &key) {
        Ok(Some(false)) => {
            tracing::info!("a remembered key no longer opens the notebook; forgotten");
            port.keychain_delete(&account(journal_id))?;
            Ok(None)
        }
        _ => Ok(Some(key)),
    }
}

/// At start: forgets a remembered key the notebook no longer uses.
pub(super) fn forget_if_stale(hearth: &Hearth, port: &dyn DesktopPort) {
    if let Ok(id) = hearth.journal().journal_id()
        && let Err(error) = current_key(hearth, port, &id)
    {
        tracing::info!(reason = %error.0, "no keychain to check");
    }
}

/// Whether a keychain answers and whether it remembers this notebook's key.
pub fn status(hearth: &Hearth, port: &dyn DesktopPort) -> KeychainStatus {
    let Ok(id) = hearth.journal().journal_id() else {
        return KeychainStatus {
            available: false,
            remembered: false,
        };
    };
    match current_key(hearth, port, &id) {
        Ok(key) => KeychainStatus {
            available: true,
            remembered: key.is_some(),
        },
        Err(error) => {
            tracing::info!(reason = %error.0, "no keychain available");
            KeychainStatus {
                available: false,
                remembered: false,
            }
        }
    }
}

/// Keeps the open notebook's key in the keychain.
pub fn remember(
    hearth: &Hearth,
    port: &dyn DesktopPort,
    now: DateTime<Utc>,
) -> Result<KeychainStatus, ApiError> {
    let (id, key) = hearth.journal().key_to_remember(now)?;
    port.keychain_set(&account(&id), &key[..])
        .map_err(|error| unavailable(&error))?;
    Ok(status(hearth, port))
}

/// Forgets the notebook's key.
pub fn forget(hearth: &Hearth, port: &dyn DesktopPort) -> Result<KeychainStatus, ApiError> {
    let id = hearth.journal().journal_id()?;
    port.keychain_delete(&account(&id))
        .map_err(|error| unavailable(&error))?;
    Ok(status(hearth, port))
}

/// Opens the notebook with the remembered key. One that no longer opens it is forgotten.
pub fn unlock(hearth: &Hearth, port: &dyn DesktopPort, now: DateTime<Utc>) -> Result<(), ApiError> {
    let id = hearth.journal().journal_id()?;
    let key = current_key(hearth, port, &id)
        .map_err(|error| unavailable(&error))?
        .ok_or_else(|| {
            ApiError::new(
                ApiErrorKind::NotFound,
                "this computer does not remember the notebook's key; use the passphrase",
            )
        })?;
    let result = hearth.journal().unlock_with_data_key(&key, now);
    if matches!(&result, Err(error) if error.kind == ApiErrorKind::WrongPassphrase) {
        let _ = port.keychain_delete(&account(&id));
    }
    result
}

/// Runs a re-keying (passphrase change or recovery); a key this computer remembered is
/// replaced by the new one (or forgotten if the keychain will not take it), so the old key
/// opens nothing afterwards. Answers a new recovery key when one had to be made.
pub fn rekey(
    hearth: &Hearth,
    port: &dyn DesktopPort,
    change: impl FnOnce(&crate::JournalSession) -> Result<crate::Rekeyed, ApiError>,
) -> Result<Option<String>, ApiError> {
    let journal = hearth.journal();
    let id = journal.journal_id()?;
    let remembered = matches!(port.keychain_get(&account(&id)), Ok(Some(_)));
    let rekeyed = change(journal)?;
    if remembered
        && port
            .keychain_set(&account(&id), &rekeyed.key.to_bytes()[..])
            .is_err()
    {
        let _ = port.keychain_delete(&account(&id));
    }
    Ok(rekeyed.new_recovery_key.map(|key| key.to_string()))
}
