//! What two computers exchange, as each database keeps it: the changes made here and not yet
//! written to the exchange folder (the outbox), the segments written, what was applied from
//! each other device, and this device's clock. The schedule database keeps the calendar
//! stream's, the journal the notebook stream's (inside its encryption), with the same tables.
//!
//! Changes are recorded in the same transaction as what they describe, so a change is never
//! made without being sent, nor sent without being made. A segment from another device is
//! applied in one transaction with its high-water mark: all of it or none, once.
//!
//! Nothing here runs until the computer is paired (`sync_self` holds this device's id).

use rusqlite::{Connection, OptionalExtension, params};

use hearth_sync::hlc::Clock;
use hearth_sync::{Change, DeviceId, Stamp};

use crate::StoreError;

pub(crate) mod calendar;
pub(crate) mod check_in;
pub(crate) mod notebook;

pub use check_in::{CheckInRound, check_in_entry_id};
pub use notebook::{SHARED_SETTINGS, deck_file_name_ok};

/// The tables both databases keep for their stream.
pub(crate) const TABLES: &str = "
    -- This device, once paired.
    CREATE TABLE sync_self (
        id     INTEGER PRIMARY KEY CHECK (id = 1),
        device TEXT NOT NULL
    ) STRICT;
    -- The hybrid logical clock: the last stamp given or seen.
    CREATE TABLE sync_clock (
        id      INTEGER PRIMARY KEY CHECK (id = 1),
        ms      INTEGER NOT NULL,
        counter INTEGER NOT NULL
    ) STRICT;
    -- Changes made here, waiting to be written into a segment.
    CREATE TABLE sync_outbox (
        n      INTEGER PRIMARY KEY AUTOINCREMENT,
        change TEXT NOT NULL
    ) STRICT;
    -- Segments of this device: which outbox rows each holds, and whether its file is written.
    CREATE TABLE sync_sent (
        seq     INTEGER PRIMARY KEY,
        first_n INTEGER NOT NULL,
        last_n  INTEGER NOT NULL,
        written INTEGER NOT NULL DEFAULT 0 CHECK (written IN (0, 1))
    ) STRICT;
    -- Segments applied from other devices, with a digest of each, so a different file under a
    -- number already applied (a replay, a rollback) is noticed.
    CREATE TABLE sync_applied (
        device     TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        digest     TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        PRIMARY KEY (device, seq)
    ) STRICT, WITHOUT ROWID;
";

/// The most changes one segment holds.
pub const SEGMENT_MAX_CHANGES: usize = 2_000;

/// A segment this device is to write: its number and its changes (the same ones again if an
/// earlier attempt did not finish).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub seq: u64,
    /// How many changes it holds.
    pub count: usize,
    /// Its changes as one JSON array, joined from the outbox's own text (each row checked to be
    /// a change): sending does not write every change out again.
    pub json: Vec<u8>,
}

#[cfg(test)]
impl Outgoing {
    /// Its changes read back as values (for the tests; sending seals `json` as it is).
    pub(crate) fn changes(&self) -> Result<Vec<Change>, serde_json::Error> {
        serde_json::from_slice(&self.json)
    }
}

/// What became of a segment from another device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Applied {
    /// Applied now.
    Applied { changes: usize },
    /// Applied before (the same file seen again).
    AlreadyApplied,
    /// An earlier segment of that device has not arrived yet; this one waits for it.
    Waiting,
    /// A different file under a number already applied: a replay or a rollback. Not applied.
    Replaced,
}

fn sqlite_error(database: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    move |source| StoreError::from_sqlite(database, source)
}

/// A change that does not fit what this database holds: refused with the reason.
pub(crate) fn refused(what: impl Into<String>) -> StoreError {
    StoreError::SyncRefused(what.into())
}

/// This device's id, if the database is paired.
pub(crate) fn self_device(
    conn: &Connection,
    database: &'static str,
) -> Result<Option<DeviceId>, StoreError> {
    let text: Option<String> = conn
        .query_row("SELECT device FROM sync_self WHERE id = 1", [], |row| {
            row.get(0)
        })
        .optional()
        .map_err(sqlite_error(database))?;
    Ok(text.as_deref().and_then(DeviceId::parse))
}

pub(crate) fn set_self_device(
    conn: &Connection,
    device: Option<&DeviceId>,
    database: &'static str,
) -> Result<(), StoreError> {
    let run = |sql: &str| conn.execute_batch(sql).map_err(sqlite_error(database));
    match device {
        Some(device) => {
            conn.execute(
                "INSERT INTO sync_self (id, device) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET device = excluded.device",
                params![device.as_str()],
            )
            .map_err(sqlite_error(database))?;
        }
        None => run(
            "DELETE FROM sync_self; DELETE FROM sync_outbox; DELETE FROM sync_sent;
             DELETE FROM sync_applied;",
        )?,
    }
    Ok(())
}

fn read_clock(conn: &Connection, database: &'static str) -> Result<Clock, StoreError> {
    Ok(conn
        .query_row(
            "SELECT ms, counter FROM sync_clock WHERE id = 1",
            [],
            |row| {
                Ok(Clock {
                    ms: u64::try_from(row.get::<_, i64>(0)?).unwrap_or(0),
                    counter: u32::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                })
            },
        )
        .optional()
        .map_err(sqlite_error(database))?
        .unwrap_or_default())
}

fn write_clock(conn: &Connection, clock: Clock, database: &'static str) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO sync_clock (id, ms, counter) VALUES (1, ?1, ?2)
         ON CONFLICT (id) DO UPDATE SET ms = excluded.ms, counter = excluded.counter",
        params![
            i64::try_from(clock.ms).unwrap_or(i64::MAX),
            i64::from(clock.counter)
        ],
    )
    .map_err(sqlite_error(database))?;
    Ok(())
}

/// A stamp for a change made now; call inside the transaction that makes the change.
pub(crate) fn tick(
    conn: &Connection,
    device: &DeviceId,
    now_ms: u64,
    database: &'static str,
) -> Result<Stamp, StoreError> {
    let mut clock = read_clock(conn, database)?;
    let stamp = clock.tick(now_ms, device);
    write_clock(conn, clock, database)?;
    Ok(stamp)
}

/// Takes the stamps of applied changes into account.
pub(crate) fn observe<'a>(
    conn: &Connection,
    stamps: impl IntoIterator<Item = &'a Stamp>,
    now_ms: u64,
    database: &'static str,
) -> Result<(), StoreError> {
    let mut clock = read_clock(conn, database)?;
    for stamp in stamps {
        clock.observe(stamp, now_ms);
    }
    write_clock(conn, clock, database)
}

/// Records a change to send; call inside the transaction that makes the change.
pub(crate) fn push(
    conn: &Connection,
    change: &Change,
    database: &'static str,
) -> Result<(), StoreError> {
    let text = serde_json::to_string(change).map_err(|error| refused(error.to_string()))?;
    conn.execute(
        "INSERT INTO sync_outbox (change) VALUES (?1)",
        params![text],
    )
    .map_err(sqlite_error(database))?;
    Ok(())
}

/// The next segment to write: one begun and not finished, or a new one with the oldest waiting
/// changes. None when nothing waits.
pub(crate) fn outgoing(
    conn: &Connection,
    database: &'static str,
) -> Result<Option<Outgoing>, StoreError> {
    let error = sqlite_error(database);
    let tx = conn.unchecked_transaction().map_err(&error)?;
    let begun: Option<(i64, i64, i64)> = tx
        .query_row(
            "SELECT seq, first_n, last_n FROM sync_sent WHERE written = 0 ORDER BY seq LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()
        .map_err(&error)?;
    let (seq, first, last) = match begun {
        Some(begun) => begun,
        None => {
            let after: i64 = tx
                .query_row(
                    "SELECT COALESCE(MAX(last_n), 0) FROM sync_sent",
                    [],
                    |row| row.get(0),
                )
                .map_err(&error)?;
            let range: Option<(i64, i64)> = tx
                .query_row(
                    "SELECT MIN(n), MAX(n) FROM (SELECT n FROM sync_outbox WHERE n > ?1
                     ORDER BY n LIMIT ?2)",
                    params![
                        after,
                        i64::try_from(SEGMENT_MAX_CHANGES).unwrap_or(i64::MAX)
                    ],
                    |row| Ok((row.get::<_, Option<i64>>(0)?, row.get::<_, Option<i64>>(1)?)),
                )
                .map(|(first, last)| first.zip(last))
                .map_err(&error)?;
            let Some((first, last)) = range else {
                return Ok(None);
            };
            let seq: i64 = tx
                .query_row(
                    "SELECT COALESCE(MAX(seq), 0) + 1 FROM sync_sent",
                    [],
                    |row| row.get(0),
                )
                .map_err(&error)?;
            tx.execute(
                "INSERT INTO sync_sent (seq, first_n, last_n) VALUES (?1, ?2, ?3)",
                params![seq, first, last],
            )
            .map_err(&error)?;
            (seq, first, last)
        }
    };
    let mut statement = tx
        .prepare("SELECT change FROM sync_outbox WHERE n BETWEEN ?1 AND ?2 ORDER BY n")
        .map_err(&error)?;
    let rows = statement
        .query_map(params![first, last], |row| row.get::<_, String>(0))
        .map_err(&error)?;
    let mut json = vec![b'['];
    let mut count = 0;
    for row in rows {
        let text = row.map_err(&error)?;
        // Read as a change (and dropped): a damaged or foreign row is named here and stays in
        // the outbox, instead of going out in a segment the partner would refuse for good.
        serde_json::from_str::<Change>(&text).map_err(|_| StoreError::Corrupt {
            database,
            what: "a change waiting to be sent".into(),
        })?;
        if count > 0 {
            json.push(b',');
        }
        json.extend_from_slice(text.as_bytes());
        count += 1;
    }
    json.push(b']');
    drop(statement);
    tx.commit().map_err(&error)?;
    Ok(Some(Outgoing {
        seq: u64::try_from(seq).unwrap_or(0),
        count,
        json,
    }))
}

/// The segment's file is in the folder for good: its changes leave the outbox.
pub(crate) fn written(
    conn: &Connection,
    seq: u64,
    database: &'static str,
) -> Result<(), StoreError> {
    let error = sqlite_error(database);
    let tx = conn.unchecked_transaction().map_err(&error)?;
    let seq = i64::try_from(seq).unwrap_or(i64::MAX);
    tx.execute(
        "UPDATE sync_sent SET written = 1 WHERE seq = ?1",
        params![seq],
    )
    .map_err(&error)?;
    tx.execute(
        "DELETE FROM sync_outbox WHERE n <= (SELECT last_n FROM sync_sent WHERE seq = ?1)",
        params![seq],
    )
    .map_err(&error)?;
    tx.commit().map_err(&error)
}

/// How many changes wait to be written.
pub(crate) fn waiting(conn: &Connection, database: &'static str) -> Result<u64, StoreError> {
    let count: i64 = conn
        .query_row("SELECT COUNT(*) FROM sync_outbox", [], |row| row.get(0))
        .map_err(sqlite_error(database))?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// The highest segment of `device` applied so far (0: none).
pub(crate) fn applied_through(
    conn: &Connection,
    device: &DeviceId,
    database: &'static str,
) -> Result<u64, StoreError> {
    let seq: i64 = conn
        .query_row(
            "SELECT COALESCE(MAX(seq), 0) FROM sync_applied WHERE device = ?1",
            params![device.as_str()],
            |row| row.get(0),
        )
        .map_err(sqlite_error(database))?;
    Ok(u64::try_from(seq).unwrap_or(0))
}

/// Decides whether a segment can be applied now, before reading its changes: applied before,
/// replaced, waiting for an earlier one, or next in line (None).
pub(crate) fn check_order(
    conn: &Connection,
    device: &DeviceId,
    seq: u64,
    digest: &str,
    database: &'static str,
) -> Result<Option<Applied>, StoreError> {
    let seen: Option<String> = conn
        .query_row(
            "SELECT digest FROM sync_applied WHERE device = ?1 AND seq = ?2",
            params![device.as_str(), i64::try_from(seq).unwrap_or(i64::MAX)],
            |row| row.get(0),
        )
        .optional()
        .map_err(sqlite_error(database))?;
    if let Some(seen) = seen {
        return Ok(Some(if seen == digest {
            Applied::AlreadyApplied
        } else {
            Applied::Replaced
        }));
    }
    let through = applied_through(conn, device, database)?;
    if seq <= through {
        // Below the high-water mark but never recorded: the device's numbering went back.
        return Ok(Some(Applied::Replaced));
    }
    if seq > through + 1 {
        return Ok(Some(Applied::Waiting));
    }
    Ok(None)
}

pub(crate) fn record_applied(
    conn: &Connection,
    device: &DeviceId,
    seq: u64,
    digest: &str,
    at: &str,
    database: &'static str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO sync_applied (device, seq, digest, applied_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            device.as_str(),
            i64::try_from(seq).unwrap_or(i64::MAX),
            digest,
            at
        ],
    )
    .map_err(sqlite_error(database))?;
    Ok(())
}

/// The other devices this database has applied segments from, with the last applied number
/// and when.
pub(crate) fn peers(
    conn: &Connection,
    database: &'static str,
) -> Result<Vec<(String, u64, String)>, StoreError> {
    let error = sqlite_error(database);
    let mut statement = conn
        .prepare(
            "SELECT device, MAX(seq), MAX(applied_at) FROM sync_applied GROUP BY device ORDER BY device",
        )
        .map_err(&error)?;
    let rows = statement
        .query_map([], |row| {
            Ok((
                row.get::<_, String>(0)?,
                u64::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                row.get::<_, String>(2)?,
            ))
        })
        .map_err(&error)?;
    rows.collect::<Result<_, _>>().map_err(&error)
}

macro_rules! stream_api {
    ($db:ty, $database:literal) => {
        impl $db {
            /// This device's id, once paired.
            pub fn sync_device(&self) -> Result<Option<DeviceId>, StoreError> {
                self_device(self.conn(), $database)
            }

            /// The next segment to write, if anything waits.
            pub fn sync_outgoing(&self) -> Result<Option<Outgoing>, StoreError> {
                outgoing(self.conn(), $database)
            }

            /// Segment `seq` is in the folder for good.
            pub fn sync_written(&self, seq: u64) -> Result<(), StoreError> {
                written(self.conn(), seq, $database)
            }

            /// How many changes made here wait to be written.
            pub fn sync_waiting(&self) -> Result<u64, StoreError> {
                waiting(self.conn(), $database)
            }

            /// The highest segment of `device` applied here.
            pub fn sync_applied_through(&self, device: &DeviceId) -> Result<u64, StoreError> {
                applied_through(self.conn(), device, $database)
            }

            /// Other devices: id, last segment applied, when.
            pub fn sync_peers(&self) -> Result<Vec<(String, u64, String)>, StoreError> {
                peers(self.conn(), $database)
            }

            /// Forgets pairing (leaving): nothing more is recorded or applied. What arrived
            /// stays.
            pub fn sync_unpair(&self) -> Result<(), StoreError> {
                set_self_device(self.conn(), None, $database)
            }
        }
    };
}

stream_api!(crate::ScheduleDb, "schedule");
stream_api!(crate::JournalDb, "journal");

impl crate::ScheduleDb {
    /// Pairs the calendar: from now on changes here are recorded, and everything the calendar
    /// already holds is recorded once, for the other computer to start from.
    pub fn sync_pair(
        &self,
        device: &DeviceId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(sqlite_error("schedule"))?;
        set_self_device(self.conn(), Some(device), "schedule")?;
        for ritual in self.rituals()? {
            calendar::capture_ritual(self.conn(), device, &ritual, None, now)?;
        }
        calendar::snapshot_facts(self, device, now)?;
        tx.commit().map_err(sqlite_error("schedule"))
    }
}

impl crate::JournalDb {
    /// Pairs the notebook: from now on changes here are recorded, and every entry and shared
    /// setting is recorded once, for the other computer to start from.
    pub fn sync_pair(
        &self,
        device: &DeviceId,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let tx = self
            .conn()
            .unchecked_transaction()
            .map_err(sqlite_error("journal"))?;
        set_self_device(self.conn(), Some(device), "journal")?;
        let entries = self.find(&hearth_core::EntryQuery {
            limit: u32::MAX,
            ..hearth_core::EntryQuery::default()
        })?;
        for entry in entries.iter().rev() {
            notebook::capture_version(
                self.conn(),
                device,
                &entry.id,
                Some(notebook::body_of(entry)),
                now,
            )?;
        }
        for key in notebook::SHARED_SETTINGS {
            if let Some(value) = self.setting(key)? {
                notebook::capture_setting(self.conn(), device, key, &value, now)?;
            }
        }
        tx.commit().map_err(sqlite_error("journal"))
    }
}

#[cfg(test)]
mod tests;
