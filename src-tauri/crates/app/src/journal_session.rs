//! The journal as the desktop app holds it: locked or unlocked, with an idle auto-lock.
//!
//! Lock means forget: locking drops the open journal (closing the database and zeroizing the
//! key), and every journal call answers `Locked` until the next unlock. Times come in as
//! arguments, so the idle rule is tested with any clock.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use crate::dto;
use crate::journal_access::{KdfStrength, Passphrase, init_journal, journal_exists};
use crate::{ApiError, ApiErrorKind, Journal};

/// How much more wall time than monotonic time must pass between two looks at the clocks for
/// the computer to count as having slept (monotonic time stops during suspend).
pub const SLEEP_GAP: Duration = Duration::from_secs(30);

/// Whether the computer slept between two looks at the clocks: the wall clock moved on by more
/// than the monotonic clock plus [`SLEEP_GAP`]. A wall clock set back never counts.
pub fn slept_between(monotonic: Duration, wall: chrono::Duration) -> bool {
    wall.to_std().is_ok_and(|wall| wall > monotonic + SLEEP_GAP)
}

/// The default idle time before the journal locks itself.
pub const DEFAULT_IDLE_LOCK: Duration = Duration::from_secs(5 * 60);

enum State {
    Locked,
    Unlocked {
        journal: Box<Journal>,
        last_activity: DateTime<Utc>,
    },
}

/// The journal behind the desktop app's commands.
pub struct JournalSession {
    data_dir: PathBuf,
    /// Seconds; changed from the settings page while running.
    idle_lock_seconds: AtomicU64,
    state: Mutex<State>,
}

impl std::fmt::Debug for JournalSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalSession")
            .field("unlocked", &self.is_unlocked())
            .finish()
    }
}

fn locked() -> ApiError {
    ApiError::new(
        ApiErrorKind::Locked,
        "the journal is locked; unlock it to continue",
    )
}

impl JournalSession {
    pub fn new(data_dir: PathBuf, idle_lock: Duration) -> Self {
        Self {
            data_dir,
            idle_lock_seconds: AtomicU64::new(idle_lock.as_secs()),
            state: Mutex::new(State::Locked),
        }
    }

    /// How long the journal stays open without activity.
    pub fn idle_lock(&self) -> Duration {
        Duration::from_secs(self.idle_lock_seconds.load(Ordering::Relaxed))
    }

    /// Changes the idle time; takes effect at once (the idle loop re-reads it every nap).
    pub fn set_idle_lock(&self, idle_lock: Duration) {
        self.idle_lock_seconds
            .store(idle_lock.as_secs(), Ordering::Relaxed);
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave the state half-changed (every change is
        // one assignment), so a poisoned lock is still safe to use.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub fn is_unlocked(&self) -> bool {
        matches!(*self.state(), State::Unlocked { .. })
    }

    /// Whether a journal exists and whether it is open.
    pub fn status(&self) -> dto::JournalStatus {
        dto::JournalStatus {
            set_up: journal_exists(&self.data_dir),
            unlocked: self.is_unlocked(),
            idle_lock_seconds: u32::try_from(self.idle_lock().as_secs()).unwrap_or(u32::MAX),
        }
    }

    /// Sets up a new journal and opens it; returns the recovery key to show once.
    pub fn set_up(
        &self,
        passphrase: &Passphrase,
        strength: KdfStrength,
        now: DateTime<Utc>,
    ) -> Result<Zeroizing<String>, ApiError> {
        let recovery = init_journal(&self.data_dir, passphrase, strength)?;
        self.unlock(passphrase, now)?;
        Ok(recovery)
    }

    /// Opens the journal with its passphrase.
    pub fn unlock(&self, passphrase: &Passphrase, now: DateTime<Utc>) -> Result<(), ApiError> {
        // The slow key derivation runs before taking the lock, so other calls are not held up.
        let journal = Journal::unlock(&self.data_dir, passphrase)?;
        *self.state() = State::Unlocked {
            journal: Box::new(journal),
            last_activity: now,
        };
        Ok(())
    }

    /// Opens the journal with a data key kept in the OS keychain.
    pub fn unlock_with_data_key(&self, bytes: &[u8], now: DateTime<Utc>) -> Result<(), ApiError> {
        let key = hearth_store::DataKey::from_bytes(bytes).ok_or_else(|| {
            ApiError::new(
                ApiErrorKind::WrongPassphrase,
                "the key remembered on this computer is damaged; use the passphrase",
            )
        })?;
        let journal = Journal::unlock_with_data_key(&self.data_dir, key)?;
        *self.state() = State::Unlocked {
            journal: Box::new(journal),
            last_activity: now,
        };
        Ok(())
    }

    /// The open journal's id and data key, for "remember on this computer".
    pub fn key_to_remember(
        &self,
        now: DateTime<Utc>,
    ) -> Result<(String, Zeroizing<[u8; 32]>), ApiError> {
        self.with_journal(now, |journal| {
            Ok((journal.journal_id().to_owned(), journal.data_key_bytes()))
        })
    }

    /// The id of the journal on disk, locked or not (`NoJournal` before setup).
    pub fn journal_id(&self) -> Result<String, ApiError> {
        crate::journal_access::journal_id(&self.data_dir)
    }

    /// Locks now. Returns whether it was unlocked.
    pub fn lock(&self) -> bool {
        let previous = std::mem::replace(&mut *self.state(), State::Locked);
        matches!(previous, State::Unlocked { .. })
    }

    /// Locks if nothing happened for the idle time. Returns whether it locked.
    pub fn lock_if_idle(&self, now: DateTime<Utc>) -> bool {
        let idle = match &*self.state() {
            State::Unlocked { last_activity, .. } => self.idle_for(*last_activity, now),
            State::Locked => return false,
        };
        idle && self.lock()
    }

    /// How long until the idle lock would fire, if unlocked (zero when already due).
    pub fn until_idle_lock(&self, now: DateTime<Utc>) -> Option<Duration> {
        match &*self.state() {
            State::Unlocked { last_activity, .. } => {
                let since = (now - *last_activity).to_std().unwrap_or_default();
                Some(self.idle_lock().saturating_sub(since))
            }
            State::Locked => None,
        }
    }

    fn idle_for(&self, last_activity: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        // A clock that jumped backwards counts as no time passing.
        (now - last_activity)
            .to_std()
            .is_ok_and(|since| since >= self.idle_lock())
    }

    /// Makes the daily automatic backup when one is due and the journal is open. Not activity:
    /// it does not push the idle lock back.
    pub fn backup_if_due(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<crate::BackupReport>, ApiError> {
        match &*self.state() {
            State::Unlocked { journal, .. } => journal.automatic_backup(&self.data_dir, now),
            State::Locked => Ok(None),
        }
    }

    /// Makes a backup in the backups folder now.
    pub fn backup_now(&self, now: DateTime<Utc>) -> Result<crate::BackupReport, ApiError> {
        self.with_journal(now, |journal| journal.backup_now(&self.data_dir, now))
    }

    /// Locks the journal and replaces it with the backup called `name` from the backups
    /// folder. The journal it replaces is kept beside it. Unlock again afterwards.
    pub fn restore(
        &self,
        name: &str,
        passphrase: &Passphrase,
        now: DateTime<Utc>,
    ) -> Result<crate::BackupReport, ApiError> {
        let path = crate::journal_backup::backup_path(&self.data_dir, name)?;
        // Hold the state while restoring so nothing opens the journal halfway through.
        let mut state = self.state();
        *state = State::Locked;
        crate::restore_journal(&self.data_dir, &path, passphrase, now)
    }

    /// Changes the passphrase, re-encrypting the notebook under a new key (the journal may be
    /// open or locked; an open one stays open, on the new key).
    pub fn change_passphrase(
        &self,
        current: &Passphrase,
        new: &Passphrase,
        strength: KdfStrength,
    ) -> Result<crate::Rekeyed, ApiError> {
        self.rekey(|dir| crate::change_passphrase(dir, current, new, strength))
    }

    /// Sets a new passphrase with the recovery key (re-encrypting like a passphrase change).
    pub fn recover(
        &self,
        recovery_key: &str,
        new: &Passphrase,
        strength: KdfStrength,
    ) -> Result<crate::Rekeyed, ApiError> {
        self.rekey(|dir| crate::recover_journal(dir, recovery_key, new, strength))
    }

    /// Runs a re-keying with the journal closed (it replaces the journal's files, which needs
    /// nobody holding them open, this app included), then opens it again if it was open: on the
    /// new key when the change went through, on the old one when it did not.
    fn rekey(
        &self,
        change: impl FnOnce(&std::path::Path) -> Result<crate::Rekeyed, ApiError>,
    ) -> Result<crate::Rekeyed, ApiError> {
        let mut state = self.state();
        let reopen = match std::mem::replace(&mut *state, State::Locked) {
            State::Unlocked {
                journal,
                last_activity,
            } => Some((journal.data_key_bytes(), last_activity)),
            State::Locked => None,
        };
        let result = change(&self.data_dir);
        if let Some((old_key, last_activity)) = reopen {
            let key = match &result {
                Ok(rekeyed) => rekeyed.key.to_bytes(),
                Err(_) => old_key,
            };
            let reopened = hearth_store::DataKey::from_bytes(&key[..])
                .ok_or_else(|| ApiError::internal("re-keying"))
                .and_then(|key| Journal::unlock_with_data_key(&self.data_dir, key));
            match reopened {
                Ok(journal) => {
                    *state = State::Unlocked {
                        journal: Box::new(journal),
                        last_activity,
                    }
                }
                Err(error) => tracing::warn!(%error, "the notebook stayed locked after re-keying"),
            }
        }
        result
    }

    /// Counts as activity (typing, scrolling) without touching the journal.
    pub fn keep_alive(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        self.with_journal(now, |_| Ok(()))
    }

    /// Runs `work` on the open journal without counting it as activity (the background exchange
    /// with the partner's computer must not keep the notebook open); `None` when locked or due
    /// to lock.
    pub fn with_journal_quietly<T>(
        &self,
        now: DateTime<Utc>,
        work: impl FnOnce(&mut Journal) -> T,
    ) -> Option<T> {
        let mut state = self.state();
        match &mut *state {
            State::Unlocked {
                journal,
                last_activity,
            } if !self.idle_for(*last_activity, now) => Some(work(journal)),
            _ => None,
        }
    }

    /// Runs `work` on the open journal and counts it as activity; `Locked` when locked or when
    /// the idle time has already passed.
    pub fn with_journal<T>(
        &self,
        now: DateTime<Utc>,
        work: impl FnOnce(&mut Journal) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut state = self.state();
        let expired = match &*state {
            State::Unlocked { last_activity, .. } => self.idle_for(*last_activity, now),
            State::Locked => return Err(locked()),
        };
        if expired {
            *state = State::Locked;
            return Err(locked());
        }
        match &mut *state {
            State::Unlocked {
                journal,
                last_activity,
            } => {
                *last_activity = now.max(*last_activity);
                work(journal)
            }
            State::Locked => Err(locked()),
        }
    }
}

#[cfg(test)]
mod tests;
