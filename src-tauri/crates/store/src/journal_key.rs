//! The journal's key file: a random data key, wrapped by the passphrase and sealed for the
//! recovery key.
//!
//! ```text
//! passphrase --Argon2id(m, t, p, salt)--> KEK --XChaCha20-Poly1305(AAD = header)--> data key
//! recovery key (X25519 secret, shown once) <--sealed box to its public key-- data key
//! ```
//! A wrong passphrase is detected by the AEAD failing; there is no stored verifier. The
//! recovery slot is sealed to the recovery key's *public* half, so changing the passphrase can
//! rotate the data key and seal the new one for the same recovery key without knowing it.
//! Format 1 (the first release) wrapped the data key under the recovery key itself; it is still
//! read, and rewritten as format 2 at the next passphrase change.
//!
//! Format 2 also carries `key_id` (a one-way fingerprint of the data key, so a key kept in the
//! OS keychain can be told stale without opening the database) and `check` (a checksum of the
//! rest, so a damaged file is told apart from a mistyped passphrase). Every secret lives in a
//! zeroizing buffer and none has a printable Debug.

use std::fmt;
use std::path::Path;

use blake2::{Blake2b256, Digest as _};
use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::KeyInit;
use data_encoding::{BASE32_NOPAD, BASE64, HEXLOWER};
use serde::{Deserialize, Serialize};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::{Zeroize, Zeroizing};

use crate::durable;

mod kdf;
mod seal;

pub use kdf::*;
use seal::{decode_public, open, open_sealed, seal, seal_to};

const FORMAT_1: u32 = 1;
const FORMAT: u32 = 2;
pub(crate) const KEY_FILE_MAX_BYTES: u64 = 64 * 1024;
const SALT_BYTES: usize = 16;

/// Problems with the key file or with what was offered to open it.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "that passphrase did not open the journal; check for typos and Caps Lock, or set a new one with the recovery key"
    )]
    WrongPassphrase,
    #[error("that recovery key does not belong to this journal")]
    WrongRecoveryKey,
    #[error(
        "the recovery key is not in the expected form (52 letters and digits, dashes optional)"
    )]
    MalformedRecoveryKey,
    #[error("the journal's key file is damaged or not a Hearth key file: {0}")]
    Corrupt(String),
    #[error(
        "the journal's key file asks for key-derivation settings outside the range Hearth uses \
         ({0}); it may have been tampered with. The recovery key still opens the journal"
    )]
    KdfOutOfRange(String),
    #[error("could not read or write the journal's key file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

/// 32 secret bytes: the key SQLCipher opens the journal with.
pub struct DataKey(Zeroizing<[u8; 32]>);

/// The 256-bit recovery key, shown once at setup: an X25519 secret.
pub struct RecoveryKey(Zeroizing<[u8; 32]>);

impl fmt::Debug for DataKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DataKey(<redacted>)")
    }
}

impl fmt::Debug for RecoveryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RecoveryKey(<redacted>)")
    }
}

fn random_bytes<const N: usize>() -> Result<Zeroizing<[u8; N]>, KeyError> {
    let mut bytes = Zeroizing::new([0u8; N]);
    getrandom::fill(bytes.as_mut_slice()).map_err(|error| KeyError::Random(error.to_string()))?;
    Ok(bytes)
}

fn blake2b(parts: &[&[u8]]) -> Zeroizing<[u8; 32]> {
    let mut hasher = Blake2b256::new();
    for part in parts {
        // A length prefix keeps the parts from running into each other.
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    let mut out = Zeroizing::new([0u8; 32]);
    out.copy_from_slice(&hasher.finalize());
    out
}

impl DataKey {
    pub(crate) fn random() -> Result<Self, KeyError> {
        Ok(Self(random_bytes()?))
    }

    /// The key's bytes, for the OS keychain ("remember on this computer").
    pub fn to_bytes(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(*self.0)
    }

    /// A key from bytes kept in the OS keychain; `None` unless exactly 32 bytes.
    pub fn from_bytes(bytes: &[u8]) -> Option<Self> {
        let array: [u8; 32] = bytes.try_into().ok()?;
        Some(Self(Zeroizing::new(array)))
    }

    /// A one-way fingerprint of the key (16 base32 characters): names it without revealing it.
    pub fn key_id(&self) -> String {
        let digest = blake2b(&[b"hearth journal key id v1", self.0.as_slice()]);
        BASE32_NOPAD.encode(&digest[..10]).to_lowercase()
    }

    /// The SQLCipher raw-key pragma value, `x'<64 hex digits>'`, in a zeroizing string.
    pub(crate) fn sqlcipher_raw_key(&self) -> Zeroizing<String> {
        let mut text = Zeroizing::new(String::with_capacity(67));
        text.push_str("x'");
        text.push_str(&Zeroizing::new(HEXLOWER.encode(self.0.as_slice())));
        text.push('\'');
        text
    }
}

impl RecoveryKey {
    fn random() -> Result<Self, KeyError> {
        Ok(Self(random_bytes()?))
    }

    /// Printable form: 52 base32 characters in groups of four, like `ABCD-EFGH-…`.
    pub fn to_display(&self) -> Zeroizing<String> {
        let plain = Zeroizing::new(BASE32_NOPAD.encode(self.0.as_slice()));
        let mut grouped = Zeroizing::new(String::with_capacity(64));
        for (index, character) in plain.chars().enumerate() {
            if index > 0 && index % 4 == 0 {
                grouped.push('-');
            }
            grouped.push(character);
        }
        grouped
    }

    /// Reads a recovery key as printed, forgiving case, dashes and spaces.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        if text.len() > 256 {
            return Err(KeyError::MalformedRecoveryKey);
        }
        let cleaned: Zeroizing<String> = Zeroizing::new(
            text.chars()
                .filter(|c| !matches!(c, '-' | ' ' | '\t' | '\n' | '\r'))
                .map(|c| c.to_ascii_uppercase())
                .collect(),
        );
        let mut decoded = Zeroizing::new(
            BASE32_NOPAD
                .decode(cleaned.as_bytes())
                .map_err(|_| KeyError::MalformedRecoveryKey)?,
        );
        if decoded.len() != 32 {
            return Err(KeyError::MalformedRecoveryKey);
        }
        let mut bytes = Zeroizing::new([0u8; 32]);
        bytes.copy_from_slice(&decoded);
        decoded.zeroize();
        Ok(Self(bytes))
    }

    fn secret(&self) -> StaticSecret {
        StaticSecret::from(*self.0)
    }

    /// The public half, stored in format 2 key files.
    fn public(&self) -> PublicKey {
        PublicKey::from(&self.secret())
    }

    /// The format 1 recovery slot's cipher: the recovery key used directly.
    fn format_1_cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&(*self.0).into())
    }
}

/// A key sealed with a symmetric cipher: the passphrase slot (and format 1's recovery slot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapped {
    nonce: String,
    sealed: String,
}

/// The recovery slot: sealed to the recovery key's public half (format 2), or wrapped under the
/// recovery key itself (format 1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
enum RecoverySlot {
    Sealed(SealedSlot),
    Format1(Wrapped),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SealedSlot {
    /// The recovery key's public half.
    public: String,
    /// The sealer's one-time public key.
    ephemeral: String,
    nonce: String,
    sealed: String,
}

/// The key file's content. Public values only: salts, settings, nonces and sealed keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyHeader {
    format: u32,
    journal_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_id: Option<String>,
    kdf: KdfParams,
    salt: String,
    passphrase: Wrapped,
    recovery: RecoverySlot,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    check: Option<String>,
}

/// What a new journal needs: the header to store, the data key, the recovery key to show.
pub struct NewKeys {
    pub header: KeyHeader,
    pub data_key: DataKey,
    pub recovery_key: RecoveryKey,
}

/// A key file for a fresh data key (after a passphrase change or a recovery).
pub struct Rotation {
    pub header: KeyHeader,
    pub data_key: DataKey,
    /// A new recovery key, when the old one could not be carried over (a format 1 journal whose
    /// passphrase was changed without it); it must be shown once, as at setup.
    pub new_recovery_key: Option<RecoveryKey>,
}

impl KeyHeader {
    /// Makes fresh keys for a new journal.
    pub fn create(passphrase: &[u8], kdf: KdfParams) -> Result<NewKeys, KeyError> {
        let recovery_key = RecoveryKey::random()?;
        let journal_id = BASE32_NOPAD
            .encode(random_bytes::<10>()?.as_slice())
            .to_lowercase();
        let (header, data_key) = Self::sealed(journal_id, passphrase, kdf, &recovery_key.public())?;
        Ok(NewKeys {
            header,
            data_key,
            recovery_key,
        })
    }

    /// A format 2 header for a fresh data key of `journal_id`.
    fn sealed(
        journal_id: String,
        passphrase: &[u8],
        kdf: KdfParams,
        recovery_public: &PublicKey,
    ) -> Result<(Self, DataKey), KeyError> {
        let data_key = DataKey::random()?;
        let empty = Wrapped {
            nonce: String::new(),
            sealed: String::new(),
        };
        let mut header = Self {
            format: FORMAT,
            journal_id,
            key_id: Some(data_key.key_id()),
            kdf,
            salt: BASE64.encode(random_bytes::<SALT_BYTES>()?.as_slice()),
            passphrase: empty.clone(),
            recovery: RecoverySlot::Format1(empty),
            check: None,
        };
        header.passphrase = header.seal_with_passphrase(&data_key, passphrase)?;
        header.recovery = RecoverySlot::Sealed(seal_to(recovery_public, &data_key, &header)?);
        header.check = Some(header.checksum()?);
        Ok((header, data_key))
    }

    /// A header for a *new* data key under `new_passphrase`, for the same journal and the same
    /// recovery key. A format 2 header seals the new key for the recovery key it already names;
    /// a format 1 header needs the recovery key (`recovery`, as during a recovery) or else gets
    /// a new one, returned to be shown once.
    pub fn rotated(
        &self,
        new_passphrase: &[u8],
        kdf: KdfParams,
        recovery: Option<&RecoveryKey>,
    ) -> Result<Rotation, KeyError> {
        let (public, new_recovery_key) = match (&self.recovery, recovery) {
            (RecoverySlot::Sealed(slot), _) => (decode_public(&slot.public)?, None),
            (RecoverySlot::Format1(_), Some(key)) => (key.public(), None),
            (RecoverySlot::Format1(_), None) => {
                let fresh = RecoveryKey::random()?;
                (fresh.public(), Some(fresh))
            }
        };
        let (header, data_key) =
            Self::sealed(self.journal_id.clone(), new_passphrase, kdf, &public)?;
        Ok(Rotation {
            header,
            data_key,
            new_recovery_key,
        })
    }

    /// The journal's public identifier (for file names and logs).
    pub fn journal_id(&self) -> &str {
        &self.journal_id
    }

    /// The fingerprint of the data key this file wraps (format 2; `None` for format 1).
    pub fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }

    /// Whether `key` is the data key this file wraps, where the format says (format 2).
    pub fn wraps(&self, key: &DataKey) -> Option<bool> {
        self.key_id.as_deref().map(|id| id == key.key_id())
    }

    pub fn kdf(&self) -> KdfParams {
        self.kdf
    }

    /// The file format (1 or 2).
    pub fn format(&self) -> u32 {
        self.format
    }

    /// Additional data bound to the passphrase slot: format, journal, KDF settings and salt, so
    /// none of them can be swapped without the unwrap failing.
    fn passphrase_aad(&self) -> Vec<u8> {
        let KdfParams {
            memory_kib,
            passes,
            lanes,
        } = self.kdf;
        format!(
            "hearth-journal-key/{}/{}/passphrase/argon2id/m={memory_kib}/t={passes}/p={lanes}/salt={}",
            self.format, self.journal_id, self.salt
        )
        .into_bytes()
    }

    /// Additional data bound to the recovery slot: format and journal (not the passphrase's
    /// settings, so format 1's slot survives a passphrase change).
    fn recovery_aad(&self) -> Vec<u8> {
        format!(
            "hearth-journal-key/{}/{}/recovery",
            self.format, self.journal_id
        )
        .into_bytes()
    }

    fn salt_bytes(&self) -> Result<Vec<u8>, KeyError> {
        BASE64
            .decode(self.salt.as_bytes())
            .map_err(|_| KeyError::Corrupt("salt".into()))
    }

    fn seal_with_passphrase(
        &self,
        data_key: &DataKey,
        passphrase: &[u8],
    ) -> Result<Wrapped, KeyError> {
        let kek = self.kdf.derive(passphrase, &self.salt_bytes()?)?;
        let cipher = XChaCha20Poly1305::new(&(*kek).into());
        seal(&cipher, data_key, &self.passphrase_aad())
    }

    /// The checksum of everything but itself: tells a damaged file from a wrong passphrase. Not
    /// a security check (anyone can recompute it); the AEAD is.
    fn checksum(&self) -> Result<String, KeyError> {
        let mut bare = self.clone();
        bare.check = None;
        let json = serde_json::to_vec(&bare).map_err(|e| KeyError::Corrupt(e.to_string()))?;
        let digest = blake2b(&[b"hearth journal key file v2", &json]);
        Ok(HEXLOWER.encode(&digest[..16]))
    }

    /// Refuses a header whose parts do not fit its format, or whose checksum does not match.
    fn check_shape(&self) -> Result<(), KeyError> {
        let fits = match (self.format, &self.recovery) {
            (FORMAT_1, RecoverySlot::Format1(_)) => self.key_id.is_none() && self.check.is_none(),
            (FORMAT, RecoverySlot::Sealed(_)) => self.key_id.is_some() && self.check.is_some(),
            (FORMAT_1 | FORMAT, _) => false,
            (other, _) => {
                return Err(KeyError::Corrupt(format!(
                    "format {other} is not one this Hearth knows; a newer Hearth may have written it"
                )));
            }
        };
        if !fits {
            return Err(KeyError::Corrupt(format!(
                "its fields do not fit format {}",
                self.format
            )));
        }
        if self.format == FORMAT && self.check.as_deref() != Some(self.checksum()?.as_str()) {
            return Err(KeyError::Corrupt(
                "its checksum does not match (the file was changed or damaged)".into(),
            ));
        }
        Ok(())
    }

    /// Unwraps the data key with the passphrase.
    pub fn unlock_with_passphrase(&self, passphrase: &[u8]) -> Result<DataKey, KeyError> {
        self.check_shape()?;
        let kek = self.kdf.derive(passphrase, &self.salt_bytes()?)?;
        let cipher = XChaCha20Poly1305::new(&(*kek).into());
        open(&cipher, &self.passphrase, &self.passphrase_aad())
    }

    /// Unwraps the data key with the recovery key. Needs no key derivation, so it works even
    /// when the passphrase slot's settings are refused.
    pub fn unlock_with_recovery_key(&self, recovery: &RecoveryKey) -> Result<DataKey, KeyError> {
        self.check_shape()?;
        let opened = match &self.recovery {
            RecoverySlot::Format1(wrapped) => {
                open(&recovery.format_1_cipher(), wrapped, &self.recovery_aad())
            }
            RecoverySlot::Sealed(slot) => {
                if decode_public(&slot.public)? != recovery.public() {
                    return Err(KeyError::WrongRecoveryKey);
                }
                open_sealed(&recovery.secret(), slot, &self.recovery_aad())
            }
        };
        opened.map_err(|error| match error {
            KeyError::WrongPassphrase => KeyError::WrongRecoveryKey,
            other => other,
        })
    }

    /// Reads a header from JSON, refusing malformed ones.
    pub fn parse(bytes: &[u8]) -> Result<Self, KeyError> {
        let header: Self =
            serde_json::from_slice(bytes).map_err(|error| KeyError::Corrupt(error.to_string()))?;
        header.check_shape()?;
        Ok(header)
    }

    /// The header as one line of JSON (what backups carry).
    pub fn to_json_line(&self) -> Result<String, KeyError> {
        serde_json::to_string(self).map_err(|error| KeyError::Corrupt(error.to_string()))
    }

    /// Reads a key file, refusing anything but a small regular file holding a valid header.
    pub fn read(path: &Path) -> Result<Self, KeyError> {
        let bytes =
            durable::read_bounded(path, KEY_FILE_MAX_BYTES).map_err(|error| match error {
                durable::ReadError::Io(error) => KeyError::Io(error),
                other => KeyError::Corrupt(other.to_string()),
            })?;
        Self::parse(&bytes)
    }

    /// Writes the key file atomically (private temporary file, fsync, rename, fsync folder).
    /// After a crash the file is either the old or the new one.
    pub fn write_atomically(&self, path: &Path) -> Result<(), KeyError> {
        let json = serde_json::to_vec_pretty(self).map_err(|e| KeyError::Corrupt(e.to_string()))?;
        durable::write_atomically(path, |file| std::io::Write::write_all(file, &json))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
