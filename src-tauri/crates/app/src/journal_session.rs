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
            score: None,
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

    fn draft(text: &str) -> dto::Draft {
        dto::Draft {
            text: text.into(),
            kind: dto::EntryKind::Reflection,
            author: "Sam".into(),
            tags: vec!["walk".into()],
        }
    }

    #[test]
    fn a_draft_survives_a_lock_and_leaves_when_its_entry_is_saved() {
        let (_dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        session
            .with_journal(at(1), |j| j.save_draft("new", &draft("half a"), at(1)))
            .unwrap();
        session.lock();
        assert_eq!(
            session
                .with_journal(at(2), |j| j.draft("new"))
                .unwrap_err()
                .kind,
            ApiErrorKind::Locked
        );
        session.unlock(&passphrase(), at(3)).unwrap();
        let kept = session
            .with_journal(at(3), |j| j.draft("new"))
            .unwrap()
            .unwrap();
        assert_eq!(kept.draft, draft("half a"));
        assert_eq!(kept.saved_at, "2026-11-26T20:00:01.000Z");
        session
            .with_journal(at(4), |j| {
                j.add_from_draft(note("half a"), at(4), Some("new"))
            })
            .unwrap();
        assert_eq!(
            session.with_journal(at(5), |j| j.draft("new")).unwrap(),
            None
        );
        // Empty text forgets a draft; a made-up slot is refused by name.
        session
            .with_journal(at(6), |j| j.save_draft("new", &draft("x"), at(6)))
            .unwrap();
        session
            .with_journal(at(7), |j| j.save_draft("new", &draft("  "), at(7)))
            .unwrap();
        assert_eq!(
            session.with_journal(at(8), |j| j.draft("new")).unwrap(),
            None
        );
        let error = session
            .with_journal(at(9), |j| j.save_draft("../x", &draft("y"), at(9)))
            .unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::InvalidInput);
        assert!(error.message.starts_with("draft:"), "{}", error.message);
    }

    #[test]
    fn partners_are_kept_inside_the_journal_and_checked() {
        let (_dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        assert_eq!(session.with_journal(at(1), |j| j.partners()).unwrap(), None);
        let names = dto::Partners {
            names: vec![" Sam".into(), "Alex ".into()],
            colours: vec!["sage".into()],
            pronouns: vec!["he/him".into(), " they/them ".into()],
        };
        let saved = session
            .with_journal(at(2), |j| j.set_partners(&names))
            .unwrap();
        assert_eq!(saved.names, vec!["Sam", "Alex"]);
        // The second colour was left out: it takes the palette's second default.
        assert_eq!(saved.colours, vec!["sage", "sky"]);
        assert_eq!(saved.pronouns, vec!["he/him", "they/them"]);
        session.lock();
        session.unlock(&passphrase(), at(3)).unwrap();
        assert_eq!(
            session.with_journal(at(4), |j| j.partners()).unwrap(),
            Some(saved.clone())
        );
        let long = "x".repeat(31);
        let refused = [
            (vec!["Sam", "sam"], vec![], vec![], "differ"),
            (
                vec!["Sam", "Alex"],
                vec!["sky", "sky"],
                vec![],
                "different colours",
            ),
            (
                vec!["Sam"],
                vec!["#ff0000"],
                vec![],
                "not one of the colours",
            ),
            (vec!["Sam"], vec![], vec![long.as_str()], "pronouns"),
            (vec!["Sam"], vec!["sky", "sage"], vec![], "at most"),
        ];
        for (names, colours, pronouns, problem) in refused {
            let partners = dto::Partners {
                names: names.into_iter().map(String::from).collect(),
                colours: colours.into_iter().map(String::from).collect(),
                pronouns: pronouns.into_iter().map(String::from).collect(),
            };
            let error = session
                .with_journal(at(5), |j| j.set_partners(&partners))
                .unwrap_err();
            assert_eq!(error.kind, ApiErrorKind::InvalidInput);
            assert!(error.message.contains(problem), "{}", error.message);
        }
        // Nothing refused was written: the saved partners stand.
        assert_eq!(
            session.with_journal(at(6), |j| j.partners()).unwrap(),
            Some(saved)
        );
    }

    #[test]
    fn a_shorter_idle_lock_applies_at_once() {
        let (_dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        session.set_idle_lock(Duration::from_secs(60));
        assert_eq!(session.status().idle_lock_seconds, 60);
        assert!(session.lock_if_idle(at(60)));
    }

    #[test]
    fn restore_by_name_locks_brings_the_backup_back_and_refuses_other_paths() {
        let (dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        session
            .with_journal(at(1), |j| j.add(note("before the backup"), at(1)))
            .unwrap();
        let report = session.backup_now(at(2)).unwrap();
        session
            .with_journal(at(3), |j| j.add(note("after the backup"), at(3)))
            .unwrap();
        let name = report
            .path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert_eq!(crate::list_backups(dir.path())[0].name, name);

        for bad in [
            "../journal.key",
            "journal.key",
            "journal-2026.hearth-backup",
        ] {
            let error = session.restore(bad, &passphrase(), at(4)).unwrap_err();
            assert_eq!(error.kind, ApiErrorKind::NotFound, "{bad}");
        }
        assert!(session.is_unlocked(), "a refused restore changes nothing");

        let restored = session.restore(&name, &passphrase(), at(5)).unwrap();
        assert_eq!(restored.entries, 1);
        assert!(restored.previous_kept_at.is_some());
        assert!(!session.is_unlocked(), "restoring locks");
        session.unlock(&passphrase(), at(6)).unwrap();
        let texts: Vec<String> = session
            .with_journal(at(6), |j| j.find(&EntryQuery::default()))
            .unwrap()
            .into_iter()
            .map(|e| e.text)
            .collect();
        assert_eq!(texts, vec!["before the backup"]);
    }

    #[test]
    fn a_backup_after_a_passphrase_change_opens_with_the_new_passphrase() {
        let (dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        let new = Passphrase::new(Zeroizing::new("a brand new phrase".into()));
        session
            .change_passphrase(&passphrase(), &new, KdfStrength::Floor)
            .unwrap();
        assert!(session.is_unlocked(), "an open journal stays open");
        let report = session.backup_now(at(1)).unwrap();
        // Restore into an empty folder, where only the backup's own key file can be used.
        let elsewhere = tempfile::tempdir().unwrap();
        crate::restore_journal(elsewhere.path(), &report.path, &new, at(2)).unwrap();
        assert_eq!(
            crate::restore_journal(elsewhere.path(), &report.path, &passphrase(), at(3))
                .unwrap_err()
                .kind,
            ApiErrorKind::WrongPassphrase
        );
        drop(dir);
    }

    #[test]
    fn a_remembered_data_key_opens_the_journal_and_a_wrong_one_touches_nothing() {
        let (dir, session) = session();
        session
            .set_up(&passphrase(), KdfStrength::Floor, at(0))
            .unwrap();
        session
            .with_journal(at(1), |j| j.add(note("remembered"), at(1)))
            .unwrap();
        let (id, key) = session.key_to_remember(at(2)).unwrap();
        assert_eq!(id, session.journal_id().unwrap());
        session.lock();
        assert_eq!(
            session.key_to_remember(at(3)).unwrap_err().kind,
            ApiErrorKind::Locked
        );

        let db = dir.path().join(crate::JOURNAL_DB_FILE);
        let before = std::fs::read(&db).unwrap();
        let mut wrong = *key;
        wrong[0] ^= 1;
        for bad in [&wrong[..], &key[..31]] {
            let error = session.unlock_with_data_key(bad, at(4)).unwrap_err();
            assert_eq!(error.kind, ApiErrorKind::WrongPassphrase);
            assert!(
                error.message.contains("use the passphrase"),
                "{}",
                error.message
            );
        }
        assert!(!session.is_unlocked());
        assert_eq!(
            std::fs::read(&db).unwrap(),
            before,
            "a wrong key changed the file"
        );

        session.unlock_with_data_key(&key[..], at(5)).unwrap();
        let found = session
            .with_journal(at(5), |j| j.find(&EntryQuery::default()))
            .unwrap();
        assert_eq!(found[0].text, "remembered");
    }
}
