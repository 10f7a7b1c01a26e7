//! Hearth's storage: the only crate that speaks SQL, and the only one that knows SQLCipher is
//! the cipher behind the journal.
//!
//! Two databases live in the data folder. The schedule database (`schedule.sqlite3`, not
//! encrypted) holds what reminders need while the journal is locked: settings, rituals, the
//! occurrence log, the reminder ledger, phones-off hours, where each card deck's round stands
//! and the reconnection plan's progress (none of it is anything a partner wrote). The journal
//! database (`journal.sqlite3`, SQLCipher) holds everything a partner writes; its data
//! key is wrapped in `journal.key` (see `journal_key`).

pub mod durable;
pub mod exchange;
mod journal;
mod journal_dir;
mod journal_key;
mod practices;
mod rituals;
mod schedule;
pub mod sync;

use rusqlite::Connection;
use rusqlite_migration::{MigrationDefinitionError, Migrations};

pub use journal::{ENTRY_TIME_RANGE, JournalDb, Measure, entry_time_in_range};
pub use journal_dir::{
    ExclusiveHold, JOURNAL_DB_FILE, JOURNAL_KEY_FILE, JournalDir, Replacement, SharedHold,
};
pub use journal_key::{DataKey, KdfParams, KeyError, KeyHeader, NewKeys, RecoveryKey, Rotation};
pub use rituals::OccurrenceLog;
pub use schedule::{SCHEDULE_DB_FILE, ScheduleDb};

/// Everything that can go wrong in storage. Messages carry no user text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer Hearth; opening it here could damage it.
    #[error(
        "the {database} database was created by a newer version of Hearth; update Hearth to open it"
    )]
    NewerSchema { database: &'static str },
    #[error("the {database} database does not exist yet")]
    Missing { database: &'static str },
    /// The file exists but holds nothing (a lost or interrupted copy).
    #[error("the {database} database file is empty")]
    Empty { database: &'static str },
    /// Another Hearth (the app or a `hearth-cli`) has the journal open.
    #[error(
        "the journal is open in another Hearth (the app or a hearth-cli); lock it or close it there, then try again"
    )]
    Busy,
    #[error("the journal could not be opened with this key, or the file is not a Hearth journal")]
    WrongKeyOrNotAJournal,
    #[error("the journal file is not encrypted; refusing to use it")]
    NotEncrypted,
    /// The exchange folder could not be used; the message names the folder and the problem.
    #[error("{0}")]
    Exchange(String),
    /// A change from the other computer that does not fit: the segment is not applied.
    #[error("{0}")]
    SyncRefused(String),
    #[error("the {database} database holds a damaged value ({what})")]
    Corrupt {
        database: &'static str,
        what: String,
    },
    /// SQLite could not write for lack of space; the transaction was rolled back.
    #[error(
        "the disk holding the {database} database is full; nothing was half-written. Free some space and try again"
    )]
    DiskFull { database: &'static str },
    #[error("could not open or update the {database} database: {source}")]
    Sqlite {
        database: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("could not write the {database} database's folder: {source}")]
    Io {
        database: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("could not update the {database} database's structure: {source}")]
    Migration {
        database: &'static str,
        #[source]
        source: rusqlite_migration::Error,
    },
    /// A value the store cannot hold (the message names it).
    #[error("{0}")]
    Unsupported(String),
    #[error("the system random number generator failed: {0}")]
    Random(String),
}

impl StoreError {
    /// Wraps a SQLite error, telling a full disk apart so the message can say so plainly.
    fn from_sqlite(database: &'static str, source: rusqlite::Error) -> Self {
        if source.sqlite_error_code() == Some(rusqlite::ErrorCode::DiskFull) {
            Self::DiskFull { database }
        } else {
            Self::Sqlite { database, source }
        }
    }
}

/// A new random id: 16 bytes from the system, lower-case base32 (26 characters).
pub fn new_id() -> Result<String, StoreError> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|error| StoreError::Random(error.to_string()))?;
    Ok(data_encoding::BASE32_NOPAD.encode(&bytes).to_lowercase())
}

/// Brings a database's schema up to date, refusing one from a newer Hearth.
/// A key-value settings table: the schedule database's, or the journal's (inside the
/// encryption). The same statements for both, on the table's fixed name.
#[derive(Clone, Copy)]
enum SettingsTable {
    Schedule,
    Journal,
}

impl SettingsTable {
    fn select(self) -> &'static str {
        match self {
            Self::Schedule => "SELECT value FROM setting WHERE key = ?1",
            Self::Journal => "SELECT value FROM journal_setting WHERE key = ?1",
        }
    }

    fn upsert(self) -> &'static str {
        match self {
            Self::Schedule => {
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            }
            Self::Journal => {
                "INSERT INTO journal_setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value"
            }
        }
    }

    /// Reads one setting.
    fn read(self, conn: &Connection, key: &str) -> Result<Option<String>, rusqlite::Error> {
        use rusqlite::OptionalExtension as _;
        conn.query_row(self.select(), [key], |row| row.get(0))
            .optional()
    }

    /// Writes one setting, replacing any earlier value.
    fn write(self, conn: &Connection, key: &str, value: &str) -> Result<(), rusqlite::Error> {
        conn.execute(self.upsert(), [key, value]).map(drop)
    }
}

fn migrate(
    conn: &mut Connection,
    database: &'static str,
    migrations: &Migrations<'_>,
) -> Result<(), StoreError> {
    // The version is read before the migration's transaction begins, so a second process
    // opening a new database at the same moment waits for the first one's migration and then
    // tries the same steps again, which fail on tables that now exist. Looking again finds the
    // schema up to date; any other failure is the first one.
    let first = match migrations.to_latest(conn) {
        Ok(()) => return Ok(()),
        Err(first) => first,
    };
    if migrations.to_latest(conn).is_ok() {
        return Ok(());
    }
    Err(first).map_err(|source| match source {
        rusqlite_migration::Error::MigrationDefinition(
            MigrationDefinitionError::DatabaseTooFarAhead,
        ) => StoreError::NewerSchema { database },
        source => StoreError::Migration { database, source },
    })
}
