//! The journal's use cases: set up, unlock, write, read, search, change the passphrase, recover.
//!
//! The journal lives in two files in the data folder: `journal.key` (the data key, wrapped by
//! the passphrase and by the recovery key) and `journal.sqlite3` (SQLCipher). A wrong passphrase
//! is caught by the key file alone, so the database is never touched on a failed unlock.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use hearth_core::journal::{
    AUTHOR_MAX_CHARS, TAGS_MAX, TEXT_MAX_BYTES, is_draft_slot, validated_partner_details,
    validated_partner_names,
};
use hearth_core::{EntryQuery, NewEntry};
use hearth_store::{DataKey, JournalDb, KdfParams, KeyHeader, RecoveryKey};
use zeroize::Zeroizing;

use crate::dto;
use crate::{ApiError, ApiErrorKind};

pub const JOURNAL_DB_FILE: &str = "journal.sqlite3";
pub const JOURNAL_KEY_FILE: &str = "journal.key";

/// The shortest passphrase accepted for a new journal, in characters.
pub const PASSPHRASE_MIN_CHARS: usize = 8;
const PASSPHRASE_MAX_BYTES: usize = 1024;

/// How long one unlock should take on this machine (security brief: 0.5 to 1.0 s).
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

pub(crate) struct JournalFiles {
    pub(crate) key: PathBuf,
    pub(crate) db: PathBuf,
}

pub(crate) fn files(data_dir: &Path) -> JournalFiles {
    JournalFiles {
        key: data_dir.join(JOURNAL_KEY_FILE),
        db: data_dir.join(JOURNAL_DB_FILE),
    }
}

fn no_journal() -> ApiError {
    ApiError::new(
        ApiErrorKind::NoJournal,
        "there is no journal here yet; set one up first (hearth-cli journal init)",
    )
}

fn read_header(data_dir: &Path) -> Result<KeyHeader, ApiError> {
    let files = files(data_dir);
    if !files.key.exists() {
        return Err(no_journal());
    }
    Ok(KeyHeader::read(&files.key)?)
}

pub(crate) fn storage(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ApiErrorKind::Storage, error.to_string())
}

/// Whether a journal has been set up in `data_dir`.
pub fn journal_exists(data_dir: &Path) -> bool {
    files(data_dir).key.exists()
}

/// Sets up a new journal and returns the recovery key, printable, to show exactly once.
///
/// The key file is written first and the database second, so a crash in between leaves a
/// journal with no entries, which the next unlock completes.
pub fn init_journal(
    data_dir: &Path,
    passphrase: &Passphrase,
    strength: KdfStrength,
) -> Result<Zeroizing<String>, ApiError> {
    passphrase.check_new()?;
    let files = files(data_dir);
    if files.key.exists() {
        return Err(ApiError::new(
            ApiErrorKind::JournalExists,
            "a journal already exists here; unlock it instead, or choose another data folder",
        ));
    }
    if files.db.exists() {
        return Err(ApiError::new(
            ApiErrorKind::JournalExists,
            format!(
                "{} exists without its key file {JOURNAL_KEY_FILE}; move it elsewhere before \
                 setting up a new journal",
                files.db.display()
            ),
        ));
    }
    std::fs::create_dir_all(data_dir).map_err(storage)?;
    let keys = KeyHeader::create(passphrase.bytes(), strength.params()?)?;
    keys.header.write_atomically(&files.key)?;
    drop(JournalDb::open(&files.db, &keys.data_key, true)?);
    tracing::info!(journal = keys.header.journal_id(), "journal set up");
    Ok(keys.recovery_key.to_display())
}

/// An unlocked journal. Dropping it closes the database; the key is not kept.
#[derive(Debug)]
pub struct Journal {
    pub(crate) db: JournalDb,
    /// Kept while unlocked (zeroized on drop) to verify backups; SQLCipher holds it anyway.
    pub(crate) key: DataKey,
    pub(crate) header: KeyHeader,
    pub(crate) data_dir: PathBuf,
}

impl Journal {
    /// Unlocks the journal with its passphrase.
    pub fn unlock(data_dir: &Path, passphrase: &Passphrase) -> Result<Self, ApiError> {
        let header = read_header(data_dir)?;
        let key = header.unlock_with_passphrase(passphrase.bytes())?;
        let db = JournalDb::open(&files(data_dir).db, &key, true)?;
        Ok(Self {
            db,
            key,
            header,
            data_dir: data_dir.to_owned(),
        })
    }

    /// Opens the journal with a data key kept in the OS keychain. A key that no longer opens it
    /// (another journal was restored here) is refused as a wrong passphrase would be, and
    /// nothing is touched.
    pub fn unlock_with_data_key(data_dir: &Path, key: DataKey) -> Result<Self, ApiError> {
        let header = read_header(data_dir)?;
        let db = JournalDb::open(&files(data_dir).db, &key, false).map_err(|error| match error {
            hearth_store::StoreError::WrongKeyOrNotAJournal => ApiError::new(
                ApiErrorKind::WrongPassphrase,
                "the key remembered on this computer no longer opens this notebook; use the passphrase",
            ),
            other => other.into(),
        })?;
        Ok(Self {
            db,
            key,
            header,
            data_dir: data_dir.to_owned(),
        })
    }

    /// This journal's id (names its keychain entry).
    pub fn journal_id(&self) -> &str {
        self.header.journal_id()
    }

    /// The data key's bytes, to keep in the OS keychain at the person's request.
    pub fn data_key_bytes(&self) -> Zeroizing<[u8; 32]> {
        self.key.to_bytes()
    }

    /// Saves a new entry; it is on disk when this returns.
    pub fn add(&mut self, entry: NewEntry, now: DateTime<Utc>) -> Result<dto::Entry, ApiError> {
        self.add_from_draft(entry, now, None)
    }

    /// Saves several new entries in one transaction: all of them or, on any error, none.
    pub fn add_all(
        &mut self,
        entries: Vec<NewEntry>,
        now: DateTime<Utc>,
    ) -> Result<Vec<dto::Entry>, ApiError> {
        let entries = entries
            .into_iter()
            .map(NewEntry::validated)
            .collect::<Result<Vec<_>, _>>()?;
        let saved = self.db.add_all(entries, now)?;
        Ok(saved.into_iter().map(dto::Entry::from).collect())
    }

    /// A setting kept inside the encryption.
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>, ApiError> {
        Ok(self.db.setting(key)?)
    }

    pub(crate) fn set_setting(&mut self, key: &str, value: &str) -> Result<(), ApiError> {
        Ok(self.db.set_setting(key, value)?)
    }

    /// Saves a new entry and removes the draft it was written in (one transaction).
    pub fn add_from_draft(
        &mut self,
        entry: NewEntry,
        now: DateTime<Utc>,
        draft_slot: Option<&str>,
    ) -> Result<dto::Entry, ApiError> {
        let entry = entry.validated()?;
        let slot = draft_slot.map(checked_slot).transpose()?;
        Ok(dto::Entry::from(self.db.add_from_draft(entry, now, slot)?))
    }

    /// Replaces an entry's content.
    pub fn update(
        &mut self,
        id: &str,
        entry: NewEntry,
        now: DateTime<Utc>,
    ) -> Result<dto::Entry, ApiError> {
        self.update_from_draft(id, entry, now, None)
    }

    /// Replaces an entry's content and removes the draft it was edited in (one transaction).
    pub fn update_from_draft(
        &mut self,
        id: &str,
        entry: NewEntry,
        now: DateTime<Utc>,
        draft_slot: Option<&str>,
    ) -> Result<dto::Entry, ApiError> {
        let entry = entry.validated()?;
        let slot = draft_slot.map(checked_slot).transpose()?;
        self.db
            .update_from_draft(id, entry, now, slot)?
            .map(dto::Entry::from)
            .ok_or_else(|| not_found(id))
    }

    /// Keeps unsaved writing for an editor. Empty text forgets the draft instead.
    pub fn save_draft(
        &mut self,
        slot: &str,
        draft: &dto::Draft,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let slot = checked_slot(slot)?;
        if draft.text.trim().is_empty() {
            self.db.clear_draft(slot)?;
            return Ok(());
        }
        let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
        if draft.text.len() > TEXT_MAX_BYTES {
            return Err(invalid(format!(
                "text: is {} bytes; an entry holds at most {TEXT_MAX_BYTES} bytes",
                draft.text.len()
            )));
        }
        if draft.author.chars().count() > AUTHOR_MAX_CHARS {
            return Err(invalid(format!(
                "author: must be at most {AUTHOR_MAX_CHARS} characters"
            )));
        }
        if draft.tags.len() > TAGS_MAX || draft.tags.iter().any(|t| t.chars().count() > 200) {
            return Err(invalid(format!("tags: at most {TAGS_MAX} short tags")));
        }
        let body = serde_json::to_string(draft).map_err(storage)?;
        self.db.save_draft(slot, &body, now)?;
        Ok(())
    }

    /// The draft kept for an editor, if any.
    pub fn draft(&self, slot: &str) -> Result<Option<dto::SavedDraft>, ApiError> {
        let slot = checked_slot(slot)?;
        let Some((body, saved_at)) = self.db.draft(slot)? else {
            return Ok(None);
        };
        let draft = serde_json::from_str(&body).map_err(|_| {
            ApiError::new(
                ApiErrorKind::Storage,
                "a kept draft is damaged and was skipped",
            )
        })?;
        Ok(Some(dto::SavedDraft {
            draft,
            saved_at: saved_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }))
    }

    /// Forgets the draft kept for an editor.
    pub fn clear_draft(&mut self, slot: &str) -> Result<(), ApiError> {
        self.db.clear_draft(checked_slot(slot)?)?;
        Ok(())
    }

    /// The partners' names, or none before they are set.
    pub fn partners(&self) -> Result<Option<dto::Partners>, ApiError> {
        let Some(text) = self.db.setting(PARTNERS_SETTING)? else {
            return Ok(None);
        };
        let names: Vec<String> = serde_json::from_str(&text)
            .map_err(|_| ApiError::new(ApiErrorKind::Storage, "the partners' names are damaged"))?;
        let details: PartnerDetails = self
            .db
            .setting(PARTNER_DETAILS_SETTING)?
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default();
        // Saved details that no longer fit (names changed elsewhere) fall back to defaults.
        let (colours, pronouns) =
            validated_partner_details(names.len(), &details.colours, &details.pronouns)
                .or_else(|_| validated_partner_details(names.len(), &[], &[]))
                .map_err(|error| ApiError::new(ApiErrorKind::Storage, error.to_string()))?;
        Ok(Some(dto::Partners {
            names,
            colours,
            pronouns,
        }))
    }

    /// Sets the partners' names (one or two).
    pub fn set_partners(&mut self, partners: &dto::Partners) -> Result<dto::Partners, ApiError> {
        let names = validated_partner_names(&partners.names)?;
        let (colours, pronouns) =
            validated_partner_details(names.len(), &partners.colours, &partners.pronouns)?;
        let details = serde_json::to_string(&PartnerDetails {
            colours: colours.clone(),
            pronouns: pronouns.clone(),
        })
        .map_err(storage)?;
        let text = serde_json::to_string(&names).map_err(storage)?;
        self.db.set_settings(&[
            (PARTNERS_SETTING, &text),
            (PARTNER_DETAILS_SETTING, &details),
        ])?;
        Ok(dto::Partners {
            names,
            colours,
            pronouns,
        })
    }

    /// Removes an entry and its text for good.
    pub fn delete(&mut self, id: &str) -> Result<(), ApiError> {
        if self.db.delete(id)? {
            Ok(())
        } else {
            Err(not_found(id))
        }
    }

    /// One entry by id.
    pub fn entry(&self, id: &str) -> Result<dto::Entry, ApiError> {
        self.db
            .entry(id)?
            .map(dto::Entry::from)
            .ok_or_else(|| not_found(id))
    }

    /// Entries matching the query (newest first unless relevance is asked for).
    pub fn find(&self, query: &EntryQuery) -> Result<Vec<dto::Entry>, ApiError> {
        Ok(self
            .db
            .find(query)?
            .into_iter()
            .map(dto::Entry::from)
            .collect())
    }

    /// The key file as it is on disk now (the passphrase may have changed since unlocking, in
    /// the app or through the CLI), or the one read at unlock if the file is unreadable or
    /// belongs to another journal. Backups carry it, so they open with today's passphrase.
    pub(crate) fn current_header(&self) -> KeyHeader {
        match KeyHeader::read(&files(&self.data_dir).key) {
            Ok(header) if header.journal_id() == self.header.journal_id() => header,
            _ => self.header.clone(),
        }
    }

    /// Integrity problems found by SQLite and SQLCipher; empty when healthy.
    pub fn verify(&self) -> Result<Vec<String>, ApiError> {
        Ok(self.db.verify()?)
    }
}

const PARTNERS_SETTING: &str = "partners";
/// Colours and pronouns, beside the names (kept apart so older journals read unchanged).
const PARTNER_DETAILS_SETTING: &str = "partners.details";

#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct PartnerDetails {
    colours: Vec<String>,
    pronouns: Vec<String>,
}

fn checked_slot(slot: &str) -> Result<&str, ApiError> {
    if is_draft_slot(slot) {
        Ok(slot)
    } else {
        Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            "draft: the slot must be \"new\" or \"edit:<entry id>\"",
        ))
    }
}

fn not_found(id: &str) -> ApiError {
    // Ids are random letters and digits; cap what is echoed in case of hostile input.
    let shown: String = id.chars().take(40).collect();
    ApiError::new(ApiErrorKind::NotFound, format!("no entry with id {shown}"))
}

/// The id of the journal in `data_dir`, read from its key file (works while locked).
pub fn journal_id(data_dir: &Path) -> Result<String, ApiError> {
    Ok(read_header(data_dir)?.journal_id().to_owned())
}

/// Changes the passphrase: re-wraps the data key and replaces the key file atomically. Entries
/// are untouched, and after a crash exactly one of the old and new passphrases works.
pub fn change_passphrase(
    data_dir: &Path,
    old: &Passphrase,
    new: &Passphrase,
    strength: KdfStrength,
) -> Result<(), ApiError> {
    new.check_new()?;
    let header = read_header(data_dir)?;
    let key = header.unlock_with_passphrase(old.bytes())?;
    let next = header.with_new_passphrase(&key, new.bytes(), strength.params()?)?;
    next.write_atomically(&files(data_dir).key)?;
    Ok(())
}

/// Sets a new passphrase using the recovery key, for when the passphrase is forgotten.
pub fn recover_journal(
    data_dir: &Path,
    recovery_key: &str,
    new: &Passphrase,
    strength: KdfStrength,
) -> Result<(), ApiError> {
    new.check_new()?;
    let header = read_header(data_dir)?;
    let recovery = RecoveryKey::parse(recovery_key)?;
    let key = header.unlock_with_recovery_key(&recovery)?;
    let next = header.with_new_passphrase(&key, new.bytes(), strength.params()?)?;
    next.write_atomically(&files(data_dir).key)?;
    Ok(())
}
