//! The schedule database: plain SQLite (no key), readable while the journal is locked.

use std::path::Path;

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::{SettingsTable, StoreError};

/// File name of the schedule database inside the data folder.
pub const SCHEDULE_DB_FILE: &str = "schedule.sqlite3";

const DATABASE: &str = "schedule";

/// Migrations, oldest first. Never edit a released one: append a new step instead.
/// rusqlite_migration records the version in `PRAGMA user_version` and runs each step in a
/// transaction.
fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

const STEPS: &[&str] = &[
    "CREATE TABLE setting (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;",
    "CREATE TABLE ritual (
        id             TEXT PRIMARY KEY NOT NULL,
        title          TEXT NOT NULL,
        practice       TEXT,
        -- An RRULE, or TIMES_PER_WEEK=N;REMIND_ON=DAY.
        schedule       TEXT NOT NULL,
        -- Local wall time of the first occurrence, YYYY-MM-DDTHH:MM.
        start_local    TEXT NOT NULL,
        -- IANA zone when pinned; NULL when it floats with the computer's zone.
        tz             TEXT,
        duration_min   INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 1440),
        reminders      TEXT NOT NULL DEFAULT '[0]',
        except_dates   TEXT NOT NULL DEFAULT '[]',
        paused_until   TEXT,
        archived       INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
        reminders_from TEXT NOT NULL,
        created_at     TEXT NOT NULL
    ) STRICT;
    -- What happened to an occurrence; the key is its local start (or a date for rituals kept
    -- any day of the week).
    CREATE TABLE occurrence_log (
        ritual_id     TEXT NOT NULL,
        occurrence    TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('done', 'skipped', 'snoozed')),
        snoozed_until TEXT,
        at            TEXT NOT NULL,
        PRIMARY KEY (ritual_id, occurrence)
    ) STRICT;
    -- Every reminder decided, so none goes out twice.
    CREATE TABLE reminder_ledger (
        ritual_id  TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        reminder   TEXT NOT NULL,
        due        TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        outcome    TEXT NOT NULL CHECK (outcome IN ('on_time', 'late')),
        PRIMARY KEY (ritual_id, occurrence, reminder)
    ) STRICT;",
    "-- Cards seen in the current round of each deck (keys derive from the card's text).
    CREATE TABLE deck_seen (
        deck_id  TEXT NOT NULL,
        card_key TEXT NOT NULL,
        PRIMARY KEY (deck_id, card_key)
    ) STRICT, WITHOUT ROWID;
    CREATE TABLE deck_favourite (
        deck_id  TEXT NOT NULL,
        card_key TEXT NOT NULL,
        at_ms    INTEGER NOT NULL,
        PRIMARY KEY (deck_id, card_key)
    ) STRICT, WITHOUT ROWID;
    -- Phones-off hours; ended_ms stays NULL while one counts down.
    CREATE TABLE phones_off (
        id         TEXT PRIMARY KEY NOT NULL,
        started_ms INTEGER NOT NULL,
        minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
        ended_ms   INTEGER,
        ended_early INTEGER NOT NULL DEFAULT 0 CHECK (ended_early IN (0, 1))
    ) STRICT;
    CREATE INDEX phones_off_started ON phones_off (started_ms);
    -- The reconnection plan: the date each finished day was done on.
    CREATE TABLE plan_step (
        day     INTEGER PRIMARY KEY CHECK (day >= 1),
        done_on TEXT NOT NULL
    ) STRICT;",
    "-- Breathing sessions: when each began, how long it was planned for and how long the couple
    -- breathed (pauses excluded). Written at the start as if it will run to the end, so a
    -- session cut short by Hearth closing still counts what was planned.
    CREATE TABLE breathing_log (
        started_ms  INTEGER PRIMARY KEY,
        planned_ms  INTEGER NOT NULL CHECK (planned_ms > 0),
        breathed_ms INTEGER NOT NULL CHECK (breathed_ms BETWEEN 0 AND planned_ms)
    ) STRICT;",
    crate::sync::TABLES,
    crate::sync::calendar::TABLES,
];

/// The schema version this build writes.
const SCHEMA_VERSION: usize = STEPS.len();

/// An open connection to the schedule database.
pub struct ScheduleDb {
    conn: Connection,
}

impl std::fmt::Debug for ScheduleDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScheduleDb").finish_non_exhaustive()
    }
}

pub(crate) fn sqlite(source: rusqlite::Error) -> StoreError {
    StoreError::from_sqlite(DATABASE, source)
}

impl ScheduleDb {
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Changes whenever another connection (the CLI, say) commits to the database; callers
    /// that cache what they read compare it to know when to read again.
    pub fn data_version(&self) -> Result<i64, StoreError> {
        self.conn
            .pragma_query_value(None, "data_version", |row| row.get(0))
            .map_err(sqlite)
    }

    /// Opens (creating if needed) the schedule database at `path` and brings its schema up to
    /// date. Refuses a database whose schema is newer than this build knows. Two processes
    /// opening a new file at once (the app and the CLI) can find it busy in ways SQLite does not
    /// wait for (switching the file to WAL); such an open is tried again for up to 5 seconds.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
        loop {
            match Self::open_once(path) {
                Err(StoreError::Sqlite { source, .. })
                    if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                        && std::time::Instant::now() < deadline =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                opened => return opened,
            }
        }
    }

    fn open_once(path: &Path) -> Result<Self, StoreError> {
        let mut conn = Connection::open(path).map_err(sqlite)?;
        // Look before touching anything: a newer database must stay byte-identical.
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sqlite)?;
        if usize::try_from(version).map_or(true, |version| version > SCHEMA_VERSION) {
            return Err(StoreError::NewerSchema { database: DATABASE });
        }
        // Wait for another process's write instead of failing, from the first write (switching
        // a new file to WAL is one); every transaction takes the write lock when it begins, so
        // one that reads before it writes waits too instead of failing with "database is locked".
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sqlite)?;
        conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        // WAL lets the CLI read while the app writes; FULL sync because a lost reminder-ledger
        // row would mean a reminder fired twice.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(sqlite)?;
        crate::migrate(&mut conn, DATABASE, &migrations())?;
        tracing::debug!(path = %path.display(), "schedule database open");
        Ok(Self { conn })
    }

    /// The schema version this database is at.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .map_err(sqlite)
    }

    /// Reads one setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        SettingsTable::Schedule
            .read(&self.conn, key)
            .map_err(sqlite)
    }

    /// Writes one setting, replacing any earlier value.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        SettingsTable::Schedule
            .write(&self.conn, key, value)
            .map_err(sqlite)
    }
}

#[cfg(test)]
mod tests;
