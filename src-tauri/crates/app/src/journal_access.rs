//! Getting into the journal: set it up, unlock it, change the passphrase, recover it.
//!
//! The journal is two files that belong together, `journal.key` and `journal.sqlite3`, replaced
//! only as a pair through `hearth_store::JournalDir` (staged, committed, settled), so a crash at
//! any point leaves one working pair. A wrong passphrase is caught by the key file alone; the
//! database is never touched on a failed unlock.
//!
//! Changing the passphrase (or setting one with the recovery key) **rotates the data key**: the
//! database is re-encrypted under a new key, so neither the old passphrase nor any old copy of
//! the key file (a backup's, say) opens anything written afterwards. Backups made before still
//! open with the passphrase of their day and the recovery key; the UI says so.

use std::path::Path;
use std::time::Duration;

use hearth_store::{
    DataKey, JournalDb, JournalDir, KdfParams, KeyHeader, RecoveryKey, Replacement, StoreError,
};
use zeroize::Zeroizing;

use crate::journal::Journal;
use crate::{ApiError, ApiErrorKind};

/// The shortest passphrase accepted for a new journal, in characters.
pub const PASSPHRASE_MIN_CHARS: usize = 8;
const PASSPHRASE_MAX_BYTES: usize = 1024;

/// How long one unlock should take on this machine (0.5 to 1.0 s is the aim).
const UNLOCK_TARGET: Duration = Duration::from_millis(700);

/// A passphrase as typed. Zeroized when dropped; never printed.
pub struct Passphrase(Zeroizing<String>);

impl Passphrase {
    pub fn new(text: Zeroizing<String>) -> Self {
        Self(text)
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }

    /// Rules for a passphrase being chosen (not for one being tried).
    fn check_new(&self) -> Result<(), ApiError> {
        let chars = self.0.chars().count();
        if chars < PASSPHRASE_MIN_CHARS {
            return Err(ApiError::new(
                ApiErrorKind::InvalidInput,
                format!("the passphrase must be at least {PASSPHRASE_MIN_CHARS} characters"),
            ));
        }
        if self.0.len() > PASSPHRASE_MAX_BYTES {
            return Err(ApiError::new(
                ApiErrorKind::InvalidInput,
                format!("the passphrase must be at most {PASSPHRASE_MAX_BYTES} bytes"),
            ));
        }
        Ok(())
    }
}

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(<redacted>)")
    }
}

/// How much work turning a new passphrase into a key should take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfStrength {
    /// Measured on this machine so one unlock takes about 0.7 s (never below the floor).
    Calibrated,
    /// The floor: 64 MiB and 3 passes. For tests and very slow machines.
    Floor,
}

impl KdfStrength {
    fn params(self) -> Result<KdfParams, ApiError> {
        match self {
            Self::Calibrated => Ok(KdfParams::calibrate(UNLOCK_TARGET)?),
            Self::Floor => Ok(KdfParams::FLOOR),
        }
    }
}

fn no_journal() -> ApiError {
    ApiError::new(
        ApiErrorKind::NoJournal,
        "there is no journal here yet; set one up first (hearth-cli journal init)",
    )
}

/// The key file, read after any interrupted replacement has been finished.
pub(crate) fn read_header(journal: &JournalDir) -> Result<KeyHeader, ApiError> {
    if !journal.key_path().exists() {
        return Err(no_journal());
    }
    Ok(KeyHeader::read(&journal.key_path())?)
}

/// Opens the database of an existing journal, saying plainly when its file was lost.
pub(crate) fn open_db(journal: &JournalDir, key: &DataKey) -> Result<JournalDb, ApiError> {
    JournalDb::open(&journal.db_path(), key).map_err(|error| db_error(journal, error))
}

fn db_error(journal: &JournalDir, error: StoreError) -> ApiError {
    match error {
        StoreError::Missing { .. } | StoreError::Empty { .. } => lost(journal),
        other => other.into(),
    }
}

/// The message for a key file whose database is missing or empty.
fn lost(journal: &JournalDir) -> ApiError {
    ApiError::new(
        ApiErrorKind::Damaged,
        format!(
            "the notebook's file {} is missing or empty, although its key file is here; Hearth \
             will not start an empty notebook in its place. Restore a backup: in Hearth, \
             Settings, Notebook, Backups; or hearth-cli journal restore FILE (automatic backups \
             are in {})",
            journal.db_path().display(),
            journal.dir().join(crate::BACKUP_DIR).display()
        ),
    )
}

/// Whether a journal has been set up in `data_dir`.
pub fn journal_exists(data_dir: &Path) -> bool {
    JournalDir::new(data_dir).key_path().exists()
}

/// The id of the journal in `data_dir`, read from its key file (works while locked).
pub fn journal_id(data_dir: &Path) -> Result<String, ApiError> {
    let journal = JournalDir::new(data_dir);
    let _hold = journal.hold_shared()?;
    Ok(read_header(&journal)?.journal_id().to_owned())
}

/// Writes `header` to a new staged file and returns its name.
fn stage_key(hold: &hearth_store::ExclusiveHold, header: &KeyHeader) -> Result<String, ApiError> {
    let path = hold.stage("key")?;
    let json = serde_json::to_vec_pretty(header).map_err(|e| ApiError::internal(&e.to_string()))?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(&path)
        .map_err(crate::journal::storage)?;
    std::io::Write::write_all(&mut file, &json)
        .and_then(|()| file.sync_all())
        .map_err(crate::journal::storage)?;
    Ok(file_name(&path))
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Sets up a new journal and returns the recovery key, printable, to show exactly once.
///
/// The empty database and the key file are staged and committed together, so a crash leaves
/// either no journal or a complete one.
pub fn init_journal(
    data_dir: &Path,
    passphrase: &Passphrase,
    strength: KdfStrength,
) -> Result<Zeroizing<String>, ApiError> {
    passphrase.check_new()?;
    let journal = JournalDir::new(data_dir);
    let hold = journal.hold_exclusive()?;
    hold.settle()?;
    if journal.key_path().exists() {
        return Err(ApiError::new(
            ApiErrorKind::JournalExists,
            "a journal already exists here; unlock it instead, or choose another data folder",
        ));
    }
    if journal.db_path().exists() {
        return Err(ApiError::new(
            ApiErrorKind::JournalExists,
            format!(
                "{} exists without its key file {}; move it elsewhere before setting up a new \
                 journal",
                journal.db_path().display(),
                hearth_store::JOURNAL_KEY_FILE
            ),
        ));
    }
    let keys = KeyHeader::create(passphrase.bytes(), strength.params()?)?;
    let db = hold.stage("sqlite3")?;
    drop(JournalDb::create(&db, &keys.data_key)?);
    let key = stage_key(&hold, &keys.header)?;
    hold.commit(&Replacement {
        db: Some(file_name(&db)),
        key: Some(key),
        ..Replacement::default()
    })?;
    tracing::info!(journal = keys.header.journal_id(), "journal set up");
    Ok(keys.recovery_key.to_display())
}

impl Journal {
    /// Unlocks the journal with its passphrase.
    pub fn unlock(data_dir: &Path, passphrase: &Passphrase) -> Result<Self, ApiError> {
        let journal = JournalDir::new(data_dir);
        let hold = journal.hold_shared()?;
        let header = read_header(&journal)?;
        let key = header.unlock_with_passphrase(passphrase.bytes())?;
        let db = open_db(&journal, &key)?;
        Ok(Self::opened(db, key, header, data_dir, hold))
    }

    /// Opens the journal with a data key kept in the OS keychain. A key the key file no longer
    /// wraps (the passphrase was changed, or another journal was restored here) is refused as a
    /// wrong passphrase would be, and nothing is touched.
    pub fn unlock_with_data_key(data_dir: &Path, key: DataKey) -> Result<Self, ApiError> {
        let journal = JournalDir::new(data_dir);
        let hold = journal.hold_shared()?;
        let header = read_header(&journal)?;
        let stale = || {
            ApiError::new(
                ApiErrorKind::WrongPassphrase,
                "the key remembered on this computer no longer opens this notebook; use the passphrase",
            )
        };
        if header.wraps(&key) == Some(false) {
            return Err(stale());
        }
        let db = match JournalDb::open(&journal.db_path(), &key) {
            Err(StoreError::WrongKeyOrNotAJournal) => return Err(stale()),
            opened => opened.map_err(|error| db_error(&journal, error))?,
        };
        Ok(Self::opened(db, key, header, data_dir, hold))
    }
}

/// Whether `key` (kept in the OS keychain) is the one the journal's key file wraps now; `None`
/// when the format cannot tell (a format 1 key file).
pub fn key_is_current(data_dir: &Path, key: &[u8]) -> Result<Option<bool>, ApiError> {
    let journal = JournalDir::new(data_dir);
    let _hold = journal.hold_shared()?;
    let header = read_header(&journal)?;
    Ok(DataKey::from_bytes(key).map_or(Some(false), |key| header.wraps(&key)))
}

/// What a passphrase change or a recovery leaves behind.
#[derive(Debug)]
pub struct Rekeyed {
    /// The new data key (to reopen an open journal, or to remember on this computer).
    pub key: DataKey,
    /// A new recovery key, only when the old one could not be carried over (a journal set up
    /// by the first release, changed without its recovery key); show it once, as at setup.
    pub new_recovery_key: Option<Zeroizing<String>>,
}

/// How the old data key is reached for a rotation.
enum Access<'a> {
    Passphrase(&'a Passphrase),
    Recovery(&'a RecoveryKey),
}

/// Re-encrypts the journal under a new data key wrapped by `new`, and replaces the key file and
/// the database as one committed pair. Refused while the journal is open elsewhere.
fn rotate(
    data_dir: &Path,
    access: Access<'_>,
    new: &Passphrase,
    strength: KdfStrength,
) -> Result<Rekeyed, ApiError> {
    new.check_new()?;
    let journal = JournalDir::new(data_dir);
    let hold = journal.hold_exclusive()?;
    hold.settle()?;
    let header = read_header(&journal)?;
    let (old_key, recovery) = match access {
        Access::Passphrase(old) => (header.unlock_with_passphrase(old.bytes())?, None),
        Access::Recovery(key) => (header.unlock_with_recovery_key(key)?, Some(key)),
    };
    let rotation = header.rotated(new.bytes(), strength.params()?, recovery)?;
    let staged_db = hold.stage("sqlite3")?;
    {
        let db = open_db(&journal, &old_key)?;
        db.rekeyed_copy(&staged_db, &old_key, &rotation.data_key)?;
    }
    let staged_key = stage_key(&hold, &rotation.header)?;
    hold.commit(&Replacement {
        db: Some(file_name(&staged_db)),
        key: Some(staged_key),
        ..Replacement::default()
    })?;
    tracing::info!(journal = header.journal_id(), "journal re-keyed");
    Ok(Rekeyed {
        key: rotation.data_key,
        new_recovery_key: rotation.new_recovery_key.map(|key| key.to_display()),
    })
}

/// Changes the passphrase, rotating the data key (see the module notes). After a crash exactly
/// one of the old and new passphrases works, and no entry is lost.
pub fn change_passphrase(
    data_dir: &Path,
    old: &Passphrase,
    new: &Passphrase,
    strength: KdfStrength,
) -> Result<Rekeyed, ApiError> {
    rotate(data_dir, Access::Passphrase(old), new, strength)
}

/// Sets a new passphrase using the recovery key, for when the passphrase is forgotten; rotates
/// the data key like a passphrase change. The recovery key stays the same.
pub fn recover_journal(
    data_dir: &Path,
    recovery_key: &str,
    new: &Passphrase,
    strength: KdfStrength,
) -> Result<Rekeyed, ApiError> {
    let recovery = RecoveryKey::parse(recovery_key)?;
    rotate(data_dir, Access::Recovery(&recovery), new, strength)
}
