//! Hearth's storage: the only crate that speaks SQL (and the only one that knows SQLCipher is
//! the cipher behind the journal, once the journal lands).
//!
//! Two databases live in the data folder. The schedule database (`schedule.sqlite3`, not
//! encrypted) holds what reminders need while the journal is locked: settings now; rituals, the
//! occurrence log, the reminder ledger and phones-off sessions as those features land. The
//! journal database will be SQLCipher and hold everything a partner writes.

mod schedule;

pub use schedule::{SCHEDULE_DB_FILE, ScheduleDb};

/// Everything that can go wrong in storage. Messages carry no user text.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database was written by a newer Hearth; opening it here could damage it.
    #[error(
        "the {database} database was created by a newer version of Hearth; update Hearth to open it"
    )]
    NewerSchema { database: &'static str },
    #[error("could not open or update the {database} database: {source}")]
    Sqlite {
        database: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("could not update the {database} database's structure: {source}")]
    Migration {
        database: &'static str,
        #[source]
        source: rusqlite_migration::Error,
    },
}
