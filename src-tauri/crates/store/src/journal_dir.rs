//! The journal's files as one unit: who may open them, and how they are replaced together.
//!
//! The journal is two files that must match: `journal.key` (the wrapped data key) and
//! `journal.sqlite3` (encrypted with that key). Setting up, changing the passphrase (which
//! re-encrypts the database under a new key) and restoring a backup each replace one or both.
//! They do it like a small redo log:
//!
//! 1. the new files are written under staged names (`.journal-staged-<random>`) and fsynced;
//! 2. `journal.pending` names them and what to keep aside; writing it atomically is the commit;
//! 3. [`ExclusiveHold::settle`] carries the plan out (renames only) and removes the plan.
//!
//! Every opener settles first, so a crash at any point leaves either the old pair (before the
//! commit) or the new one (after), never a mix; a database's write-ahead log never meets a
//! database it does not belong to.
//!
//! `journal.lock` coordinates processes (the app and any `hearth-cli`): whoever reads or writes
//! the journal holds it shared; whoever replaces files holds it exclusively and gives up at once
//! when someone else has the journal open.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::{StoreError, durable};

/// The journal database's file name inside the data folder.
pub const JOURNAL_DB_FILE: &str = "journal.sqlite3";
/// The key file's name inside the data folder.
pub const JOURNAL_KEY_FILE: &str = "journal.key";
const LOCK_FILE: &str = "journal.lock";
const PENDING_FILE: &str = "journal.pending";
const STAGED_PREFIX: &str = ".journal-staged-";
const PENDING_MAX_BYTES: u64 = 4096;
/// How long an opener waits for a replacement in progress (re-encrypting a large journal takes
/// seconds) before saying the journal is busy.
const SHARED_WAIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(25);

const DATABASE: &str = "journal";

fn io(source: std::io::Error) -> StoreError {
    StoreError::Io {
        database: DATABASE,
        source,
    }
}

/// The replacement a commit describes. Every name is a plain file name in the data folder.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replacement {
    /// A staged database to become `journal.sqlite3`.
    pub db: Option<String>,
    /// A staged key file to become `journal.key`.
    pub key: Option<String>,
    /// Where to keep the database being replaced (with its WAL); without it, it is discarded.
    pub keep_db_as: Option<String>,
    /// Where to keep the key file being replaced; without it, it is discarded.
    pub keep_key_as: Option<String>,
}

impl Replacement {
    fn names(&self) -> impl Iterator<Item = &String> {
        [&self.db, &self.key, &self.keep_db_as, &self.keep_key_as]
            .into_iter()
            .flatten()
    }

    /// Names must be plain file names Hearth gives (never a path, never the live files).
    fn is_plausible(&self) -> bool {
        self.names().all(|name| {
            !name.is_empty()
                && !name.contains(['/', '\\'])
                && name != ".."
                && name != JOURNAL_DB_FILE
                && name != JOURNAL_KEY_FILE
                && (name.starts_with(STAGED_PREFIX) || name.contains(".before-restore-"))
        })
    }
}

/// The journal's files in one data folder.
#[derive(Debug, Clone)]
pub struct JournalDir {
    dir: PathBuf,
}

/// The journal held open: while this lives, nobody replaces its files.
#[derive(Debug)]
pub struct SharedHold {
    _file: File,
}

/// The journal held for replacing its files.
#[derive(Debug)]
pub struct ExclusiveHold {
    _file: File,
    dir: JournalDir,
}

impl JournalDir {
    pub fn new(dir: &Path) -> Self {
        Self {
            dir: dir.to_owned(),
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn key_path(&self) -> PathBuf {
        self.dir.join(JOURNAL_KEY_FILE)
    }

    pub fn db_path(&self) -> PathBuf {
        self.dir.join(JOURNAL_DB_FILE)
    }

    fn pending_path(&self) -> PathBuf {
        self.dir.join(PENDING_FILE)
    }

    fn lock_file(&self) -> Result<File, StoreError> {
        durable::private_dir(&self.dir).map_err(io)?;
        let path = self.dir.join(LOCK_FILE);
        match durable::create_private(&path) {
            Ok(file) => Ok(file),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => File::options()
                .read(true)
                .write(true)
                .open(&path)
                .map_err(io),
            Err(error) => Err(io(error)),
        }
    }

    /// Holds the journal for reading and writing entries, after finishing any replacement a
    /// crash interrupted. Waits a while for a replacement in progress, then says it is busy.
    pub fn hold_shared(&self) -> Result<SharedHold, StoreError> {
        let deadline = Instant::now() + SHARED_WAIT;
        loop {
            let file = self.lock_file()?;
            match file.try_lock_shared() {
                Ok(()) => {
                    if !self.pending_path().exists() {
                        if self.has_strays() {
                            // Leftovers of an interrupted replacement: tidy them if nobody else
                            // has the journal open; otherwise the next replacement will.
                            drop(file);
                            if let Ok(hold) = self.try_hold_exclusive() {
                                hold.settle()?;
                            }
                            continue;
                        }
                        return Ok(SharedHold { _file: file });
                    }
                    // A replacement was interrupted; finish it before anyone reads.
                    drop(file);
                    if let Ok(hold) = self.try_hold_exclusive() {
                        hold.settle()?;
                        continue;
                    }
                }
                Err(TryLockError::WouldBlock) => {}
                Err(TryLockError::Error(error)) => return Err(io(error)),
            }
            if Instant::now() >= deadline {
                return Err(StoreError::Busy);
            }
            std::thread::sleep(POLL);
        }
    }

    /// Holds the journal for replacing its files; `Busy` at once if anyone has it open.
    pub fn hold_exclusive(&self) -> Result<ExclusiveHold, StoreError> {
        self.try_hold_exclusive()
    }

    fn try_hold_exclusive(&self) -> Result<ExclusiveHold, StoreError> {
        let file = self.lock_file()?;
        match file.try_lock() {
            Ok(()) => Ok(ExclusiveHold {
                _file: file,
                dir: self.clone(),
            }),
            Err(TryLockError::WouldBlock) => Err(StoreError::Busy),
            Err(TryLockError::Error(error)) => Err(io(error)),
        }
    }

    fn has_strays(&self) -> bool {
        std::fs::read_dir(&self.dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|entry| is_stray(&entry.file_name().to_string_lossy()))
        })
    }
}

/// Temporary files an interrupted write or replacement can leave in the data folder.
fn is_stray(name: &str) -> bool {
    name.starts_with(STAGED_PREFIX) || (name.starts_with(".journal.") && name.ends_with(".tmp"))
}

impl ExclusiveHold {
    pub fn dir(&self) -> &JournalDir {
        &self.dir
    }

    /// A new staged file's path (`.journal-staged-<random>.<what>`), created empty and private.
    pub fn stage(&self, what: &str) -> Result<PathBuf, StoreError> {
        for _ in 0..16 {
            let name = format!(
                "{STAGED_PREFIX}{}.{what}",
                durable::random_suffix().map_err(io)?
            );
            let path = self.dir.dir.join(name);
            match durable::create_private(&path) {
                Ok(_) => return Ok(path),
                Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(error) => return Err(io(error)),
            }
        }
        Err(io(std::io::Error::other("no free staged name")))
    }

    /// Commits `plan` (its staged files complete and synced): writes the plan atomically, then
    /// carries it out. Once this returns, or once anyone opens the journal after a crash, the
    /// replacement has happened.
    pub fn commit(&self, plan: &Replacement) -> Result<(), StoreError> {
        if !plan.is_plausible() {
            return Err(StoreError::Unsupported(
                "a journal replacement named an unexpected file".into(),
            ));
        }
        let json = serde_json::to_vec(plan).map_err(|error| StoreError::Corrupt {
            database: DATABASE,
            what: error.to_string(),
        })?;
        durable::write_atomically(&self.dir.pending_path(), |file| {
            std::io::Write::write_all(file, &json)
        })
        .map_err(io)?;
        self.settle()
    }

    /// Finishes an interrupted replacement, if one was committed, and removes leftovers of one
    /// that was not. Each step checks whether it already happened, so settling twice is safe.
    pub fn settle(&self) -> Result<(), StoreError> {
        let pending = self.dir.pending_path();
        if pending.exists() {
            let bytes = durable::read_bounded(&pending, PENDING_MAX_BYTES).map_err(|error| {
                StoreError::Corrupt {
                    database: DATABASE,
                    what: format!("{PENDING_FILE}: {error}"),
                }
            })?;
            let plan: Replacement = serde_json::from_slice(&bytes)
                .ok()
                .filter(Replacement::is_plausible)
                .ok_or_else(|| StoreError::Corrupt {
                    database: DATABASE,
                    what: format!(
                        "{PENDING_FILE} (an interrupted change of the journal's files) is damaged; \
                         move it away and restore a backup if the journal does not open"
                    ),
                })?;
            self.carry_out(&plan).map_err(io)?;
            std::fs::remove_file(&pending).map_err(io)?;
            durable::sync_dir(self.dir.dir()).map_err(io)?;
        }
        self.remove_strays();
        Ok(())
    }

    fn carry_out(&self, plan: &Replacement) -> std::io::Result<()> {
        let here = |name: &str| self.dir.dir.join(name);
        let db = self.dir.db_path();
        let key = self.dir.key_path();
        if let Some(staged) = plan.db.as_deref().map(here).filter(|p| p.exists()) {
            match &plan.keep_db_as {
                Some(keep) if db.exists() && !here(keep).exists() => {
                    for suffix in ["-wal", "-shm", ""] {
                        rename_if_present(
                            &with_suffix(&db, suffix),
                            &with_suffix(&here(keep), suffix),
                        )?;
                    }
                }
                // The log and shared memory of the database being replaced must never meet the
                // new one: they belong to the old file.
                _ => {
                    for suffix in ["-wal", "-shm"] {
                        remove_if_present(&with_suffix(&db, suffix))?;
                    }
                }
            }
            std::fs::rename(&staged, &db)?;
        }
        if let Some(staged) = plan.key.as_deref().map(here).filter(|p| p.exists()) {
            if let Some(keep) = &plan.keep_key_as
                && key.exists()
                && !here(keep).exists()
            {
                std::fs::rename(&key, here(keep))?;
            }
            std::fs::rename(&staged, &key)?;
        }
        durable::sync_dir(self.dir.dir())
    }

    fn remove_strays(&self) {
        let Ok(entries) = std::fs::read_dir(self.dir.dir()) else {
            return;
        };
        for entry in entries.flatten() {
            if is_stray(&entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

impl Drop for ExclusiveHold {
    /// A replacement that stopped before its commit (a refused backup, a failed re-key) leaves
    /// no staged files behind. A committed one has settled already; an interrupted commit keeps
    /// its files for the next opener to settle.
    fn drop(&mut self) {
        if !self.dir.pending_path().exists() {
            self.remove_strays();
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut text = path.as_os_str().to_owned();
    text.push(suffix);
    PathBuf::from(text)
}

fn rename_if_present(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::rename(from, to) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn remove_if_present(path: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(path) {
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests;
