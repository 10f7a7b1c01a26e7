//! Encrypted backups of the journal, and restoring one.
//!
//! A backup is one file: a first line naming the format, a second line of JSON holding the
//! journal's key file (public values only) with the length and BLAKE2b digest of the database
//! copy, then that copy (made with `VACUUM INTO`, verified before the file is renamed into
//! place). It opens with the passphrase that was current when it was made. Format 1 backups
//! (no length or digest) are still restored, with stricter checks.
//!
//! Restoring reads a backup through a bound, checks its length, digest, key and integrity, then
//! swaps the journal's files as one committed replacement (see `journal_access`), keeping what
//! it replaces beside it. It is refused while the journal is open in the app or another
//! `hearth-cli`.

use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use blake2::{Blake2b256, Digest as _};
use chrono::{DateTime, SecondsFormat, Utc};
use data_encoding::HEXLOWER;
use hearth_store::{DataKey, JournalDb, JournalDir, KeyError, KeyHeader, Replacement, StoreError};
use serde::{Deserialize, Serialize};

use crate::journal::{Journal, storage};
use crate::journal_access::{Passphrase, file_name, read_header};
use crate::journal_transfer::{refuse_existing, write_file};
use crate::{ApiError, ApiErrorKind};

const MAGIC_1: &[u8] = b"HEARTH-JOURNAL-BACKUP 1";
const MAGIC_2: &[u8] = b"HEARTH-JOURNAL-BACKUP 2";
/// The first two lines are read through this bound.
const HEAD_MAX_BYTES: u64 = 70_000;
/// SQLite's smallest page: a database copy is a whole number of these.
const PAGE_BYTES: u64 = 512;

/// The second line of a format 2 backup.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BackupHead {
    key: KeyHeader,
    db_bytes: u64,
    db_blake2b: String,
}

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub entries: i64,
    pub path: PathBuf,
    /// For a restore: where the journal it replaced was kept, if there was one.
    pub previous_kept_at: Option<PathBuf>,
    /// For a restore of this notebook from before its passphrase changed: the notebook now
    /// opens with the passphrase of that time (the one just typed).
    pub earlier_passphrase: bool,
}

/// The length and digest of a file's content.
fn digest_file(path: &Path) -> std::io::Result<(u64, String)> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Blake2b256::new();
    let mut buffer = vec![0u8; 64 * 1024];
    let mut total = 0u64;
    loop {
        let read = file.read(&mut buffer)?;
        if read == 0 {
            break;
        }
        hasher.update(&buffer[..read]);
        total += read as u64;
    }
    Ok((total, HEXLOWER.encode(&hasher.finalize())))
}

impl Journal {
    /// Writes a verified, encrypted backup to `out`. The copy is staged inside the data folder
    /// (private), never beside `out`.
    pub fn backup(&self, out: &Path) -> Result<BackupReport, ApiError> {
        refuse_existing(out)?;
        let (copy, file) = hearth_store::durable::create_temporary(&self.data_dir, "journal.copy")
            .map_err(storage)?;
        drop(file);
        let result = self.backup_via(&copy, out);
        let _ = std::fs::remove_file(&copy);
        result
    }

    fn backup_via(&self, copy: &Path, out: &Path) -> Result<BackupReport, ApiError> {
        self.db.vacuum_into(copy)?;
        let entries = verify_copy(copy, &self.key, Some(self.db.count()?)).map_err(|problem| {
            ApiError::new(
                ApiErrorKind::Storage,
                format!("the backup's copy {problem}; nothing was written"),
            )
        })?;
        let (db_bytes, db_blake2b) = digest_file(copy).map_err(storage)?;
        let head = serde_json::to_string(&BackupHead {
            key: self.header.clone(),
            db_bytes,
            db_blake2b,
        })
        .map_err(storage)?;
        let mut db = std::fs::File::open(copy).map_err(storage)?;
        write_file(out, |file| {
            file.write_all(MAGIC_2)?;
            file.write_all(b"\n")?;
            file.write_all(head.as_bytes())?;
            file.write_all(b"\n")?;
            let copied = std::io::copy(&mut (&mut db).take(db_bytes), file)?;
            if copied != db_bytes {
                return Err(std::io::Error::other(
                    "the copy changed while it was written",
                ));
            }
            Ok(())
        })?;
        Ok(BackupReport {
            entries,
            path: out.to_owned(),
            previous_kept_at: None,
            earlier_passphrase: false,
        })
    }
}

/// Opens a copy with the key, runs both integrity checks, and compares the entry count.
/// Problems come back as words to follow "the copy" or "the backup's notebook part".
fn verify_copy(copy: &Path, key: &DataKey, expected: Option<i64>) -> Result<i64, String> {
    let db = JournalDb::open(copy, key).map_err(|error| match error {
        StoreError::WrongKeyOrNotAJournal | StoreError::NotEncrypted => {
            "cannot be read with its key (it is damaged)".to_owned()
        }
        StoreError::Empty { .. } | StoreError::Missing { .. } => "is empty".to_owned(),
        other => format!("could not be opened ({other})"),
    })?;
    let problems = db.verify().map_err(|error| error.to_string())?;
    if !problems.is_empty() {
        return Err(format!(
            "failed its integrity checks ({} problems)",
            problems.len()
        ));
    }
    let count = db.count().map_err(|error| error.to_string())?;
    if let Some(expected) = expected
        && count != expected
    {
        return Err(format!("holds {count} entries instead of {expected}"));
    }
    Ok(count)
}

/// A backup file's parts: its key header, where its database starts, and (format 2) the
/// database's length and digest.
#[derive(Debug)]
pub struct BackupFile {
    header: KeyHeader,
    offset: u64,
    db: Option<(u64, String)>,
}

/// Reads a backup's first two lines through a bound, naming the file and the problem.
fn read_backup(path: &Path) -> Result<BackupFile, ApiError> {
    let shown = path.display();
    let unreadable = |error: &dyn std::fmt::Display| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("could not read {shown}: {error}"),
        )
    };
    let file = hearth_store::durable::open_regular(path).map_err(|e| unreadable(&e))?;
    let mut head = Vec::new();
    file.take(HEAD_MAX_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| unreadable(&e))?;
    parse_backup_head(&head)
        .map_err(|error| ApiError::new(error.kind, format!("{shown} {}", error.message)))
}

/// Reads the start of a backup file (its first two lines, within [`HEAD_MAX_BYTES`]): the key
/// header and where the database begins. Problems read as the end of a sentence that begins
/// with the file's name.
pub fn parse_backup_head(head: &[u8]) -> Result<BackupFile, ApiError> {
    let damaged = |problem: String| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("is a damaged Hearth journal backup: {problem}"),
        )
    };
    let mut lines = head.splitn(3, |byte| *byte == b'\n');
    let magic = lines.next().unwrap_or_default();
    if magic != MAGIC_1 && magic != MAGIC_2 {
        return Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            "is not a Hearth journal backup (it does not begin with Hearth's backup line)",
        ));
    }
    let (Some(second), Some(_)) = (lines.next(), lines.next()) else {
        return Err(damaged("it ends before its notebook part begins".into()));
    };
    let offset = (magic.len() + second.len() + 2) as u64;
    if magic == MAGIC_1 {
        let header = KeyHeader::parse(second)
            .map_err(|error| damaged(format!("its key line cannot be read ({error})")))?;
        return Ok(BackupFile {
            header,
            offset,
            db: None,
        });
    }
    let parsed: BackupHead = serde_json::from_slice(second)
        .map_err(|error| damaged(format!("its key line cannot be read ({error})")))?;
    let header = KeyHeader::parse(&serde_json::to_vec(&parsed.key).map_err(storage)?)
        .map_err(|error| damaged(format!("its key line cannot be read ({error})")))?;
    Ok(BackupFile {
        header,
        offset,
        db: Some((parsed.db_bytes, parsed.db_blake2b)),
    })
}

/// Copies the backup's database part to `staged`, checking its length and digest (format 2) or
/// its shape (format 1).
fn stage_database(path: &Path, backup: &BackupFile, staged: &Path) -> Result<(), ApiError> {
    let damaged = |problem: String| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            format!(
                "{} is a damaged Hearth journal backup: {problem}",
                path.display()
            ),
        )
    };
    let mut source = hearth_store::durable::open_regular(path).map_err(storage)?;
    std::io::Seek::seek(&mut source, std::io::SeekFrom::Start(backup.offset)).map_err(storage)?;
    let limit = backup
        .db
        .as_ref()
        .map_or(u64::MAX, |(bytes, _)| bytes.saturating_add(1));
    let mut target = std::fs::OpenOptions::new()
        .write(true)
        .open(staged)
        .map_err(storage)?;
    let copied = std::io::copy(&mut source.take(limit), &mut target).map_err(storage)?;
    target.sync_all().map_err(storage)?;
    drop(target);
    match &backup.db {
        Some((bytes, digest)) => {
            if copied < *bytes {
                return Err(damaged(format!(
                    "its notebook part is cut short ({copied} of {bytes} bytes)"
                )));
            }
            if copied > *bytes {
                return Err(damaged(
                    "it is longer than its notebook part should be".into(),
                ));
            }
            if digest_file(staged).map_err(storage)?.1 != *digest {
                return Err(damaged(
                    "its notebook part does not match its checksum".into(),
                ));
            }
        }
        None if copied == 0 || copied % PAGE_BYTES != 0 => {
            return Err(damaged(format!(
                "its notebook part is cut short or damaged ({copied} bytes)"
            )));
        }
        None => {}
    }
    Ok(())
}

/// Replaces the journal in `data_dir` with a backup, after checking it opens and is healthy.
/// The journal it replaces is kept beside it (`journal.sqlite3.before-restore-<time>`). Refused
/// while the journal is open in the app or another `hearth-cli`.
pub fn restore_journal(
    data_dir: &Path,
    backup_path: &Path,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
) -> Result<BackupReport, ApiError> {
    let backup = read_backup(backup_path)?;
    let journal = JournalDir::new(data_dir);
    let hold = journal.hold_exclusive()?;
    hold.settle()?;
    let current = if journal.key_path().exists() {
        Some(read_header(&journal)?)
    } else {
        None
    };
    let same_journal = current
        .as_ref()
        .is_some_and(|c| c.journal_id() == backup.header.journal_id());
    // The passphrase of the backup's day, or today's for this journal if the key is unchanged.
    let key = match backup.header.unlock_with_passphrase(passphrase.bytes()) {
        Ok(key) => key,
        Err(KeyError::WrongPassphrase) => match current.as_ref().filter(|_| same_journal) {
            Some(current) => {
                let key = current.unlock_with_passphrase(passphrase.bytes())?;
                if backup.header.wraps(&key) == Some(false) {
                    return Err(ApiError::new(
                        ApiErrorKind::WrongPassphrase,
                        "this backup was made before the notebook's passphrase was changed; \
                         type the passphrase it had then",
                    ));
                }
                key
            }
            None => return Err(KeyError::WrongPassphrase.into()),
        },
        Err(error) => return Err(error.into()),
    };
    let keep_current_key = same_journal
        && current
            .as_ref()
            .is_some_and(|current| match current.wraps(&key) {
                Some(wraps) => wraps,
                None => current
                    .unlock_with_passphrase(passphrase.bytes())
                    .is_ok_and(|k| k.key_id() == key.key_id()),
            });

    let staged = hold.stage("sqlite3")?;
    stage_database(backup_path, &backup, &staged)?;
    let entries = verify_copy(&staged, &key, None).map_err(|problem| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            format!(
                "{} is a damaged Hearth journal backup: its notebook part {problem}",
                backup_path.display()
            ),
        )
    })?;

    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let db_exists = journal.db_path().exists();
    let keep_db_as = db_exists.then(|| format!("journal.sqlite3.before-restore-{stamp}"));
    let mut plan = Replacement {
        db: Some(file_name(&staged)),
        keep_db_as: keep_db_as.clone(),
        ..Replacement::default()
    };
    if !keep_current_key {
        let staged_key = hold.stage("key")?;
        let json = serde_json::to_vec_pretty(&backup.header).map_err(storage)?;
        std::fs::write(&staged_key, json)
            .and_then(|()| std::fs::File::open(&staged_key)?.sync_all())
            .map_err(storage)?;
        plan.key = Some(file_name(&staged_key));
        plan.keep_key_as = journal
            .key_path()
            .exists()
            .then(|| format!("journal.key.before-restore-{stamp}"));
    }
    hold.commit(&plan)?;
    Ok(BackupReport {
        entries,
        path: journal.db_path(),
        previous_kept_at: keep_db_as.map(|name| data_dir.join(name)),
        earlier_passphrase: same_journal && !keep_current_key,
    })
}

/// Folder (inside the data folder) for automatic backups.
pub const BACKUP_DIR: &str = "backups";
const AUTO_PREFIX: &str = "journal-";
const AUTO_SUFFIX: &str = ".hearth-backup";
const AUTO_STAMP: &str = "%Y%m%dT%H%M%SZ";

/// The automatic backups in `dir`, with the times in their names. Other files are ignored.
fn automatic_backups(dir: &Path) -> Vec<(PathBuf, DateTime<Utc>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix(AUTO_PREFIX)?.strip_suffix(AUTO_SUFFIX)?;
            let at = chrono::NaiveDateTime::parse_from_str(stamp, AUTO_STAMP)
                .ok()?
                .and_utc();
            Some((entry.path(), at))
        })
        .collect()
}

/// The backups in the data folder's backups folder, newest first.
pub fn list_backups(data_dir: &Path) -> Vec<crate::dto::BackupInfo> {
    let mut all = automatic_backups(&data_dir.join(BACKUP_DIR));
    all.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
    all.into_iter()
        .filter_map(|(path, at)| {
            Some(crate::dto::BackupInfo {
                name: path.file_name()?.to_string_lossy().into_owned(),
                created_at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
                bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect()
}

/// The path of the backup called `name` in the backups folder. Only names Hearth gives its
/// backups are accepted, so the UI can never point a restore elsewhere.
pub fn backup_path(data_dir: &Path, name: &str) -> Result<PathBuf, ApiError> {
    let valid = name
        .strip_prefix(AUTO_PREFIX)
        .and_then(|rest| rest.strip_suffix(AUTO_SUFFIX))
        .is_some_and(|stamp| chrono::NaiveDateTime::parse_from_str(stamp, AUTO_STAMP).is_ok());
    let path = data_dir.join(BACKUP_DIR).join(name);
    if !valid || !path.is_file() {
        let shown: String = name.chars().take(60).collect();
        return Err(ApiError::new(
            ApiErrorKind::NotFound,
            format!("there is no backup called {shown} in the backups folder"),
        ));
    }
    Ok(path)
}

impl Journal {
    /// Makes the daily automatic backup if one is due, then removes old automatic backups
    /// beyond seven daily and four weekly ones. Returns the report when a backup was made.
    pub fn automatic_backup(
        &self,
        data_dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<Option<BackupReport>, ApiError> {
        let existing = automatic_backups(&data_dir.join(BACKUP_DIR));
        let newest = existing.iter().map(|(_, at)| *at).max();
        if !hearth_core::backup_policy::backup_due(newest, now) {
            return Ok(None);
        }
        self.backup_now(data_dir, now).map(Some)
    }

    /// Makes a backup in the backups folder now (named like the automatic ones and kept by the
    /// same rule), then removes old ones beyond seven daily and four weekly.
    pub fn backup_now(
        &self,
        data_dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<BackupReport, ApiError> {
        let dir = data_dir.join(BACKUP_DIR);
        hearth_store::durable::private_dir(&dir).map_err(storage)?;
        let name = format!("{AUTO_PREFIX}{}{AUTO_SUFFIX}", now.format(AUTO_STAMP));
        let report = self.backup(&dir.join(name))?;
        let mut all = automatic_backups(&dir);
        all.sort_by_key(|(_, at)| *at);
        let times: Vec<DateTime<Utc>> = all.iter().map(|(_, at)| *at).collect();
        for index in hearth_core::backup_policy::backups_to_remove(&times) {
            if let Err(error) = std::fs::remove_file(&all[index].0) {
                tracing::warn!(%error, "could not remove an old automatic backup");
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests;
