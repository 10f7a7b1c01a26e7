//! The journal as the desktop app holds it: locked or unlocked, with an idle auto-lock.
//!
//! Lock means forget: locking drops the open journal (closing the database and zeroizing the
//! key), and every journal call answers `Locked` until the next unlock. Times come in as
//! arguments, so the idle rule is tested with any clock.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use zeroize::Zeroizing;

use crate::dto;
use crate::journal::{KdfStrength, Passphrase, init_journal, journal_exists};
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
    idle_lock: Duration,
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
            idle_lock,
            state: Mutex::new(State::Locked),
        }
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
            idle_lock_seconds: u32::try_from(self.idle_lock.as_secs()).unwrap_or(u32::MAX),
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
                Some(self.idle_lock.saturating_sub(since))
            }
            State::Locked => None,
        }
    }

    fn idle_for(&self, last_activity: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        // A clock that jumped backwards counts as no time passing.
        (now - last_activity)
            .to_std()
            .is_ok_and(|since| since >= self.idle_lock)
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

    /// Counts as activity (typing, scrolling) without touching the journal.
    pub fn keep_alive(&self, now: DateTime<Utc>) -> Result<(), ApiError> {
        self.with_journal(now, |_| Ok(()))
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
mod tests {
    use super::*;
    use chrono::TimeZone;
    use hearth_core::{EntryKind, EntryQuery, NewEntry};

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 20, 0, 0).unwrap() + chrono::Duration::seconds(seconds)
    }

    fn passphrase() -> Passphrase {
        Passphrase::new(Zeroizing::new("correct horse battery".into()))
    }

    fn note(text: &str) -> NewEntry {
        NewEntry {
            text: text.into(),
            kind: EntryKind::Note,
            author: "Sam".into(),
            mood: None,
            closeness: None,
            tags: vec![],
            occurrence: None,
        }
    }

    fn session() -> (tempfile::TempDir, JournalSession) {
        let dir = tempfile::tempdir().unwrap();
        let session = JournalSession::new(dir.path().to_owned(), DEFAULT_IDLE_LOCK);
        (dir, session)
    }

    #[test]
    fn setup_opens_the_journal_and_lock_forgets_it() {
        let (_dir, session) = session();
        assert!(!session.status().set_up);
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        assert!(session.status().set_up && session.status().unlocked);
        session
            .with_journal(at(1), |journal| journal.add(note("hello"), at(1)))
            .unwrap();
        assert!(session.lock());
        let error = session.with_journal(at(2), |journal| journal.find(&EntryQuery::default()));
        assert_eq!(error.unwrap_err().kind, ApiErrorKind::Locked);
        assert!(!session.lock(), "locking twice is harmless");
    }

    #[test]
    fn the_idle_lock_fires_at_the_timeout_and_activity_pushes_it_back() {
        let (_dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        assert!(!session.lock_if_idle(at(299)));
        session.keep_alive(at(200)).unwrap();
        assert_eq!(
            session.until_idle_lock(at(200)),
            Some(Duration::from_secs(300))
        );
        assert!(!session.lock_if_idle(at(499)));
        assert!(
            session.lock_if_idle(at(500)),
            "locks exactly at the timeout"
        );
        assert!(!session.status().unlocked);
        assert_eq!(session.until_idle_lock(at(501)), None);
    }

    #[test]
    fn a_call_after_the_idle_time_is_refused_even_before_the_timer_runs() {
        let (_dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        let error = session.with_journal(at(301), |_| Ok(())).unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::Locked);
        assert!(!session.is_unlocked());
    }

    #[test]
    fn a_clock_jumping_backwards_does_not_lock_or_extend_forever() {
        let (_dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(100))
            .unwrap();
        assert!(!session.lock_if_idle(at(-5000)));
        session.keep_alive(at(50)).unwrap();
        assert!(
            session.lock_if_idle(at(400)),
            "the later activity time was kept"
        );
    }

    #[test]
    fn sleep_is_told_apart_from_a_long_nap_and_a_clock_change() {
        let minute = Duration::from_secs(60);
        assert!(
            !slept_between(minute, chrono::Duration::seconds(61)),
            "an ordinary nap"
        );
        assert!(
            !slept_between(minute, chrono::Duration::seconds(89)),
            "within the gap"
        );
        assert!(slept_between(minute, chrono::Duration::seconds(60 + 31)));
        assert!(
            slept_between(Duration::from_secs(2), chrono::Duration::hours(8)),
            "overnight"
        );
        assert!(
            !slept_between(minute, chrono::Duration::seconds(-3600)),
            "clock set back"
        );
    }

    #[test]
    fn a_wrong_passphrase_keeps_it_locked() {
        let (_dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        session.lock();
        let wrong = Passphrase::new(Zeroizing::new("not it at all".into()));
        assert_eq!(
            session.unlock(&wrong, at(1)).unwrap_err().kind,
            ApiErrorKind::WrongPassphrase
        );
        assert!(!session.is_unlocked());
        session.unlock(&passphrase(), at(2)).unwrap();
        assert!(session.is_unlocked());
    }
}
