//! The journal's key file: a random data key, wrapped by the passphrase and by the recovery key.
//!
//! ```text
//! passphrase --Argon2id(m, t, p, salt)--> KEK --XChaCha20-Poly1305(AAD = header)--> data key
//! recovery key (256 random bits, shown once) --XChaCha20-Poly1305(AAD = header)--> data key
//! ```
//! A wrong passphrase is detected by the AEAD failing; there is no stored verifier. Changing the
//! passphrase re-wraps 32 bytes and replaces the file atomically. Every secret lives in a
//! zeroizing buffer and none has a printable Debug.

use std::fmt;
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::{BASE32_NOPAD, BASE64};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

/// Argon2id floor and caps (security brief): refuse weaker headers, and refuse absurd ones before
/// allocating, so a crafted file can neither weaken nor hang an unlock.
pub const KDF_MIN_MEMORY_KIB: u32 = 64 * 1024;
pub const KDF_MAX_MEMORY_KIB: u32 = 2 * 1024 * 1024;
pub const KDF_MIN_PASSES: u32 = 3;
pub const KDF_MAX_PASSES: u32 = 20;
pub const KDF_MAX_LANES: u32 = 16;

const FORMAT: u32 = 1;
const KEY_FILE_MAX_BYTES: u64 = 64 * 1024;
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
        "the journal's key file asks for key-derivation settings outside the safe range \
         ({0}); it may have been tampered with"
    )]
    KdfOutOfRange(String),
    #[error("could not read or write the journal's key file: {0}")]
    Io(#[from] std::io::Error),
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

/// 32 secret bytes: the key SQLCipher opens the journal with.
pub struct DataKey(Zeroizing<[u8; 32]>);

/// The 256-bit recovery key, shown once at setup.
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

impl DataKey {
    fn random() -> Result<Self, KeyError> {
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

    /// The SQLCipher raw-key pragma value, `x'<64 hex digits>'`, in a zeroizing string.
    pub(crate) fn sqlcipher_raw_key(&self) -> Zeroizing<String> {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut text = Zeroizing::new(String::with_capacity(67));
        text.push_str("x'");
        for byte in self.0.iter() {
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
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

    fn cipher(&self) -> Result<XChaCha20Poly1305, KeyError> {
        XChaCha20Poly1305::new_from_slice(self.0.as_slice())
            .map_err(|_| KeyError::Corrupt("bad key length".into()))
    }
}

/// Argon2id cost settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl KdfParams {
    /// The weakest settings Hearth accepts: 64 MiB, 3 passes, 1 lane.
    pub const FLOOR: Self = Self {
        memory_kib: KDF_MIN_MEMORY_KIB,
        passes: KDF_MIN_PASSES,
        lanes: 1,
    };

    /// Refuses settings below the floor or above the caps, before any memory is allocated.
    pub fn check(&self) -> Result<(), KeyError> {
        let Self {
            memory_kib,
            passes,
            lanes,
        } = *self;
        let problem = if !(KDF_MIN_MEMORY_KIB..=KDF_MAX_MEMORY_KIB).contains(&memory_kib) {
            format!("memory {memory_kib} KiB")
        } else if !(KDF_MIN_PASSES..=KDF_MAX_PASSES).contains(&passes) {
            format!("{passes} passes")
        } else if !(1..=KDF_MAX_LANES).contains(&lanes) {
            format!("{lanes} lanes")
        } else {
            return Ok(());
        };
        Err(KeyError::KdfOutOfRange(problem))
    }

    fn derive(&self, passphrase: &[u8], salt: &[u8]) -> Result<Zeroizing<[u8; 32]>, KeyError> {
        self.check()?;
        let params = Params::new(self.memory_kib, self.passes, self.lanes, Some(32))
            .map_err(|error| KeyError::KdfOutOfRange(error.to_string()))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase, salt, out.as_mut_slice())
            .map_err(|error| KeyError::Corrupt(error.to_string()))?;
        Ok(out)
    }

    /// Settings that make one derivation take about `target` on this machine, never below the
    /// floor: passes rise first (up to the cap), then memory.
    pub fn calibrate(target: Duration) -> Result<Self, KeyError> {
        let mut params = Self::FLOOR;
        let salt = [0u8; SALT_BYTES];
        let started = Instant::now();
        params.derive(b"calibration", &salt)?;
        let per_pass = started.elapsed().as_secs_f64() / f64::from(params.passes);
        if per_pass <= 0.0 {
            return Ok(params);
        }
        let wanted_passes = (target.as_secs_f64() / per_pass).round();
        if wanted_passes <= f64::from(KDF_MAX_PASSES) {
            // In range by the check above; the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let passes = wanted_passes.max(f64::from(KDF_MIN_PASSES)) as u32;
            params.passes = passes;
        } else {
            params.passes = KDF_MAX_PASSES;
            let scale = wanted_passes / f64::from(KDF_MAX_PASSES);
            let memory = (f64::from(params.memory_kib) * scale).min(f64::from(KDF_MAX_MEMORY_KIB));
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let memory = memory as u32;
            params.memory_kib = memory.max(KDF_MIN_MEMORY_KIB);
        }
        Ok(params)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wrapped {
    nonce: String,
    sealed: String,
}

/// The key file's content. Public values only: salts, settings, nonces and sealed keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyHeader {
    format: u32,
    journal_id: String,
    kdf: KdfParams,
    salt: String,
    passphrase: Wrapped,
    recovery: Wrapped,
}

/// What a new journal needs: the header to store, the data key, the recovery key to show.
pub struct NewKeys {
    pub header: KeyHeader,
    pub data_key: DataKey,
    pub recovery_key: RecoveryKey,
}

impl KeyHeader {
    /// Makes fresh keys for a new journal.
    pub fn create(passphrase: &[u8], kdf: KdfParams) -> Result<NewKeys, KeyError> {
        let data_key = DataKey::random()?;
        let recovery_key = RecoveryKey::random()?;
        let journal_id = BASE32_NOPAD
            .encode(random_bytes::<10>()?.as_slice())
            .to_lowercase();
        let salt = BASE64.encode(random_bytes::<SALT_BYTES>()?.as_slice());
        let mut header = Self {
            format: FORMAT,
            journal_id,
            kdf,
            salt,
            passphrase: Wrapped {
                nonce: String::new(),
                sealed: String::new(),
            },
            recovery: Wrapped {
                nonce: String::new(),
                sealed: String::new(),
            },
        };
        header.passphrase = header.seal_with_passphrase(&data_key, passphrase)?;
        header.recovery = seal(&recovery_key.cipher()?, &data_key, &header.aad("recovery"))?;
        Ok(NewKeys {
            header,
            data_key,
            recovery_key,
        })
    }

    /// The journal's public identifier (for file names and logs).
    pub fn journal_id(&self) -> &str {
        &self.journal_id
    }

    pub fn kdf(&self) -> KdfParams {
        self.kdf
    }

    /// Additional data bound to a sealed key. Both slots bind the format and the journal; the
    /// passphrase slot also binds its KDF settings and salt, so none of them can be swapped
    /// without the unwrap failing. The recovery slot does not, so a passphrase change leaves it
    /// valid without needing the recovery key.
    fn aad(&self, slot: &str) -> Vec<u8> {
        let mut aad = format!(
            "hearth-journal-key/{}/{}/{slot}",
            self.format, self.journal_id
        );
        if slot == "passphrase" {
            let KdfParams {
                memory_kib,
                passes,
                lanes,
            } = self.kdf;
            aad.push_str(&format!(
                "/argon2id/m={memory_kib}/t={passes}/p={lanes}/salt={}",
                self.salt
            ));
        }
        aad.into_bytes()
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
        let cipher = XChaCha20Poly1305::new_from_slice(kek.as_slice())
            .map_err(|_| KeyError::Corrupt("bad key length".into()))?;
        seal(&cipher, data_key, &self.aad("passphrase"))
    }

    fn check_shape(&self) -> Result<(), KeyError> {
        if self.format != FORMAT {
            return Err(KeyError::Corrupt(format!("unknown format {}", self.format)));
        }
        self.kdf.check()
    }

    /// Unwraps the data key with the passphrase.
    pub fn unlock_with_passphrase(&self, passphrase: &[u8]) -> Result<DataKey, KeyError> {
        self.check_shape()?;
        let kek = self.kdf.derive(passphrase, &self.salt_bytes()?)?;
        let cipher = XChaCha20Poly1305::new_from_slice(kek.as_slice())
            .map_err(|_| KeyError::Corrupt("bad key length".into()))?;
        open(&cipher, &self.passphrase, &self.aad("passphrase"))
    }

    /// Unwraps the data key with the recovery key.
    pub fn unlock_with_recovery_key(&self, recovery: &RecoveryKey) -> Result<DataKey, KeyError> {
        self.check_shape()?;
        open(&recovery.cipher()?, &self.recovery, &self.aad("recovery")).map_err(
            |error| match error {
                KeyError::WrongPassphrase => KeyError::WrongRecoveryKey,
                other => other,
            },
        )
    }

    /// A header for the same data key under a new passphrase, with a fresh salt and the given
    /// settings. The recovery slot is unchanged.
    pub fn with_new_passphrase(
        &self,
        data_key: &DataKey,
        new_passphrase: &[u8],
        kdf: KdfParams,
    ) -> Result<Self, KeyError> {
        let mut next = self.clone();
        next.kdf = kdf;
        next.salt = BASE64.encode(random_bytes::<SALT_BYTES>()?.as_slice());
        next.passphrase = next.seal_with_passphrase(data_key, new_passphrase)?;
        Ok(next)
    }

    /// Reads a key file, refusing oversized or malformed ones.
    pub fn read(path: &Path) -> Result<Self, KeyError> {
        let size = std::fs::metadata(path)?.len();
        if size > KEY_FILE_MAX_BYTES {
            return Err(KeyError::Corrupt(format!("{size} bytes is far too large")));
        }
        let bytes = std::fs::read(path)?;
        let header: Self =
            serde_json::from_slice(&bytes).map_err(|error| KeyError::Corrupt(error.to_string()))?;
        header.check_shape()?;
        Ok(header)
    }

    /// Writes the key file atomically: a temporary file in the same folder, fsync, rename over
    /// the old one, fsync the folder. After a crash the file is either the old or the new one.
    pub fn write_atomically(&self, path: &Path) -> Result<(), KeyError> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let json = serde_json::to_vec_pretty(self).map_err(|e| KeyError::Corrupt(e.to_string()))?;
        let mut temp = tempfile_in(dir)?;
        temp.1.write_all(&json)?;
        temp.1.sync_all()?;
        drop(temp.1);
        std::fs::rename(&temp.0, path)?;
        sync_dir(dir)?;
        remove_stale_temporaries(dir);
        Ok(())
    }
}

/// A uniquely named new file in `dir` (name, handle).
fn tempfile_in(dir: &Path) -> Result<(std::path::PathBuf, std::fs::File), KeyError> {
    for _ in 0..16 {
        let suffix = BASE32_NOPAD
            .encode(random_bytes::<5>()?.as_slice())
            .to_lowercase();
        let path = dir.join(format!(".journal.key.{suffix}.tmp"));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error.into()),
        }
    }
    Err(KeyError::Io(std::io::Error::other(
        "could not create a temporary key file",
    )))
}

/// Removes temporary key files an interrupted write left behind (they hold only public values).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".journal.key.") && name.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Makes a rename durable (no-op where folders cannot be opened, as on Windows).
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

fn seal(cipher: &XChaCha20Poly1305, data_key: &DataKey, aad: &[u8]) -> Result<Wrapped, KeyError> {
    let nonce_bytes = random_bytes::<24>()?;
    let nonce = XNonce::from(*nonce_bytes);
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: data_key.0.as_slice(),
                aad,
            },
        )
        .map_err(|_| KeyError::Corrupt("sealing failed".into()))?;
    Ok(Wrapped {
        nonce: BASE64.encode(nonce_bytes.as_slice()),
        sealed: BASE64.encode(&sealed),
    })
}

/// Opens a sealed data key; an authentication failure is reported as `WrongPassphrase` and
/// mapped by the caller to the right slot's error.
fn open(cipher: &XChaCha20Poly1305, wrapped: &Wrapped, aad: &[u8]) -> Result<DataKey, KeyError> {
    let nonce_bytes = BASE64
        .decode(wrapped.nonce.as_bytes())
        .map_err(|_| KeyError::Corrupt("nonce".into()))?;
    let nonce_array: [u8; 24] = nonce_bytes
        .try_into()
        .map_err(|_| KeyError::Corrupt("nonce length".into()))?;
    let sealed = BASE64
        .decode(wrapped.sealed.as_bytes())
        .map_err(|_| KeyError::Corrupt("sealed".into()))?;
    let plain = Zeroizing::new(
        cipher
            .decrypt(&XNonce::from(nonce_array), Payload { msg: &sealed, aad })
            .map_err(|_| KeyError::WrongPassphrase)?,
    );
    if plain.len() != 32 {
        return Err(KeyError::Corrupt("data key length".into()));
    }
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&plain);
    Ok(DataKey(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> NewKeys {
        KeyHeader::create(b"correct horse", KdfParams::FLOOR).unwrap()
    }

    #[test]
    fn the_passphrase_and_the_recovery_key_both_unwrap_the_same_data_key() {
        let keys = header();
        let by_passphrase = keys
            .header
            .unlock_with_passphrase(b"correct horse")
            .unwrap();
        let printed = keys.recovery_key.to_display();
        let recovery = RecoveryKey::parse(&printed.to_lowercase().replace('-', " ")).unwrap();
        let by_recovery = keys.header.unlock_with_recovery_key(&recovery).unwrap();
        assert_eq!(*by_passphrase.0, *keys.data_key.0);
        assert_eq!(*by_recovery.0, *keys.data_key.0);
    }

    #[test]
    fn a_wrong_passphrase_or_recovery_key_is_refused() {
        let keys = header();
        assert!(matches!(
            keys.header.unlock_with_passphrase(b"correct horsf"),
            Err(KeyError::WrongPassphrase)
        ));
        let other = RecoveryKey::random().unwrap();
        assert!(matches!(
            keys.header.unlock_with_recovery_key(&other),
            Err(KeyError::WrongRecoveryKey)
        ));
    }

    #[test]
    fn recovery_keys_print_as_thirteen_groups_of_four() {
        let keys = header();
        let printed = keys.recovery_key.to_display();
        let groups: Vec<&str> = printed.split('-').collect();
        assert_eq!(groups.len(), 13);
        assert!(groups.iter().all(|group| group.len() == 4));
        assert!(matches!(
            RecoveryKey::parse("ABCD-EFGH"),
            Err(KeyError::MalformedRecoveryKey)
        ));
        assert!(matches!(
            RecoveryKey::parse("!!!!"),
            Err(KeyError::MalformedRecoveryKey)
        ));
    }

    #[test]
    fn changing_the_passphrase_keeps_the_data_key_and_the_recovery_slot() {
        let keys = header();
        let next = keys
            .header
            .with_new_passphrase(&keys.data_key, b"new words", KdfParams::FLOOR)
            .unwrap();
        assert!(matches!(
            next.unlock_with_passphrase(b"correct horse"),
            Err(KeyError::WrongPassphrase)
        ));
        assert_eq!(
            *next.unlock_with_passphrase(b"new words").unwrap().0,
            *keys.data_key.0
        );
        assert_eq!(
            *next.unlock_with_recovery_key(&keys.recovery_key).unwrap().0,
            *keys.data_key.0
        );
    }

    #[test]
    fn swapping_the_kdf_settings_breaks_the_unwrap() {
        let keys = header();
        let mut tampered = keys.header.clone();
        tampered.kdf.passes = 4;
        assert!(matches!(
            tampered.unlock_with_passphrase(b"correct horse"),
            Err(KeyError::WrongPassphrase)
        ));
    }

    #[test]
    fn out_of_range_settings_are_refused_before_any_work() {
        for params in [
            KdfParams {
                memory_kib: 1024,
                ..KdfParams::FLOOR
            },
            KdfParams {
                memory_kib: u32::MAX,
                ..KdfParams::FLOOR
            },
            KdfParams {
                passes: 1,
                ..KdfParams::FLOOR
            },
            KdfParams {
                passes: 1000,
                ..KdfParams::FLOOR
            },
            KdfParams {
                lanes: 0,
                ..KdfParams::FLOOR
            },
            KdfParams {
                lanes: 64,
                ..KdfParams::FLOOR
            },
        ] {
            let keys = header();
            let mut crafted = keys.header.clone();
            crafted.kdf = params;
            let started = Instant::now();
            let error = crafted
                .unlock_with_passphrase(b"correct horse")
                .unwrap_err();
            assert!(
                matches!(error, KeyError::KdfOutOfRange(_)),
                "{params:?}: {error}"
            );
            assert!(
                started.elapsed() < Duration::from_millis(50),
                "{params:?} took too long"
            );
        }
    }

    #[test]
    fn the_key_file_round_trips_and_debug_output_hides_secrets() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.key");
        let keys = header();
        keys.header.write_atomically(&path).unwrap();
        assert_eq!(KeyHeader::read(&path).unwrap(), keys.header);
        assert_eq!(format!("{:?}", keys.data_key), "DataKey(<redacted>)");
        assert_eq!(
            format!("{:?}", keys.recovery_key),
            "RecoveryKey(<redacted>)"
        );
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn a_damaged_key_file_is_reported_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.key");
        std::fs::write(&path, b"{ not json").unwrap();
        assert!(matches!(KeyHeader::read(&path), Err(KeyError::Corrupt(_))));
    }
}
