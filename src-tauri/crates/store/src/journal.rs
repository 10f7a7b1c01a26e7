//! The journal database: SQLCipher, keyed with a raw 32-byte data key, holding every entry and
//! its full-text index inside the encrypted file.
//!
//! Open sequence: raw key as the first statement, a read of `sqlite_master` (a
//! wrong key fails here), a non-empty `cipher_version`, then WAL, `synchronous=FULL`, in-memory
//! temp store, secure delete, foreign keys, migrations. SQLCipher's memory security is left off:
//! it made every read and write about ten times slower (docs/decisions/0003).
//!
//! An entry's `seq` (the table's rowid and the full-text index's rowid) encodes its creation time:
//! `created_ms << 12 | n`. Newest-first is then rowid order, which the full-text index walks
//! backwards and stops after one page, and a date range is a rowid range (`rows`, `search`).
//!
//! The full-text index runs with FTS5's `secure-delete`: an edit or a delete removes the old
//! words from the index at once, instead of leaving delete markers that hold them until a merge.

use std::path::Path;

use chrono::{DateTime, Utc};
use hearth_core::{Entry, EntryQuery, NewEntry};
use rusqlite::{Connection, OpenFlags, OptionalExtension, params, params_from_iter, types::Value};
use rusqlite_migration::{M, Migrations};

use crate::journal_key::DataKey;
use crate::{StoreError, durable, migrate};

mod copies;
mod drafts_settings;
mod rows;
mod search;

use rows::{ENTRY_COLUMNS, insert, new_entry_id, parse_timestamp, read_entry, truncate_to_millis};
pub(crate) use rows::{body_values, timestamp};

/// Writes a whole entry row (an entry that arrived from the other computer).
pub(crate) fn insert_row(conn: &Connection, entry: &Entry) -> Result<usize, StoreError> {
    insert(conn, "INSERT", entry)
}
pub use rows::{ENTRY_TIME_RANGE, entry_time_in_range};
use search::find_sql;

const DATABASE: &str = "journal";

/// Journal schema steps, oldest first. Append; never edit a released step.
const STEPS: &[&str] = &[
    "
    CREATE TABLE entry (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        edited_at  TEXT,
        author     TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('note', 'three_good_things', 'check_in',
                                                 'reflection', 'appreciation', 'self_check')),
        mood       INTEGER CHECK (mood BETWEEN 1 AND 5),
        closeness  INTEGER CHECK (closeness BETWEEN 1 AND 5),
        tags       TEXT NOT NULL DEFAULT '[]',
        occurrence TEXT,
        text       TEXT NOT NULL
    ) STRICT;

    CREATE VIRTUAL TABLE entry_fts USING fts5(
        text, tags, content = 'entry', content_rowid = 'seq',
        tokenize = 'unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER entry_fts_insert AFTER INSERT ON entry BEGIN
        INSERT INTO entry_fts (rowid, text, tags) VALUES (new.seq, new.text, new.tags);
    END;
    CREATE TRIGGER entry_fts_delete AFTER DELETE ON entry BEGIN
        INSERT INTO entry_fts (entry_fts, rowid, text, tags)
            VALUES ('delete', old.seq, old.text, old.tags);
    END;
    CREATE TRIGGER entry_fts_update AFTER UPDATE ON entry BEGIN
        INSERT INTO entry_fts (entry_fts, rowid, text, tags)
            VALUES ('delete', old.seq, old.text, old.tags);
        INSERT INTO entry_fts (rowid, text, tags) VALUES (new.seq, new.text, new.tags);
    END;
",
    "
    -- Unsaved writing, one row per editor (the new-entry box, or an entry being edited), so a
    -- crash or a lock never loses it and it never touches the webview's storage.
    CREATE TABLE draft (
        slot       TEXT PRIMARY KEY,
        updated_at TEXT NOT NULL,
        body       TEXT NOT NULL
    ) STRICT;
    -- Settings that belong inside the encryption (the partners' names).
    CREATE TABLE journal_setting (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;
",
    "
    -- A self-check's score, 0 to 100, so the trend over weeks needs no parsing of text.
    ALTER TABLE entry ADD COLUMN score INTEGER CHECK (score BETWEEN 0 AND 100);
",
    "
    -- Edits and deletes take the old words out of the index at once (no delete markers that
    -- keep them until a merge), and one merge now clears what earlier edits left behind.
    INSERT INTO entry_fts (entry_fts, rank) VALUES ('secure-delete', 1);
    INSERT INTO entry_fts (entry_fts) VALUES ('optimize');
",
    crate::sync::TABLES,
    crate::sync::notebook::TABLES,
    crate::sync::check_in::TABLES,
    "
    -- Only a change of the words re-indexes an entry. The index's secure delete is costly, and
    -- recording an entry's version (every save once paired, every entry a partner's computer
    -- sends) changes neither its text nor its tags.
    DROP TRIGGER entry_fts_update;
    CREATE TRIGGER entry_fts_update AFTER UPDATE OF text, tags ON entry BEGIN
        INSERT INTO entry_fts (entry_fts, rowid, text, tags)
            VALUES ('delete', old.seq, old.text, old.tags);
        INSERT INTO entry_fts (rowid, text, tags) VALUES (new.seq, new.text, new.tags);
    END;
",
];

/// Settings for every journal connection (and the benchmark's unencrypted baseline, so the two
/// are compared like for like). A 32 MiB page cache keeps decrypted pages in memory.
const CONNECTION_SETTINGS: &str = "PRAGMA journal_mode = WAL;
     PRAGMA synchronous = FULL;
     PRAGMA temp_store = MEMORY;
     PRAGMA secure_delete = ON;
     PRAGMA foreign_keys = ON;
     PRAGMA cache_size = -32768;";

fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|s| M::up(s)).collect())
}

pub(crate) fn sqlite(source: rusqlite::Error) -> StoreError {
    StoreError::from_sqlite(DATABASE, source)
}

fn io(source: std::io::Error) -> StoreError {
    StoreError::Io {
        database: DATABASE,
        source,
    }
}

/// Runs `PRAGMA key` or `PRAGMA rekey` with the raw key, built in a zeroizing buffer and never
/// formatted.
fn set_key(conn: &Connection, pragma: &str, key: &DataKey) -> Result<(), StoreError> {
    let raw = key.sqlcipher_raw_key();
    let mut statement = zeroize::Zeroizing::new(String::with_capacity(80));
    statement.push_str("PRAGMA ");
    statement.push_str(pragma);
    statement.push_str(" = \"");
    statement.push_str(&raw);
    statement.push_str("\";");
    conn.execute_batch(&statement).map_err(sqlite)
}

/// An open, unlocked journal. Dropping it closes the connection; the key was handed to
/// SQLCipher and is not kept here.
pub struct JournalDb {
    conn: Connection,
}

impl std::fmt::Debug for JournalDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JournalDb").finish_non_exhaustive()
    }
}

/// The numbers of one check-in or self-check entry (never its text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub created_at: DateTime<Utc>,
    /// A self-check (its `score`); otherwise a check-in (`mood`, `closeness`).
    pub self_check: bool,
    pub author: String,
    pub mood: Option<u8>,
    pub closeness: Option<u8>,
    pub score: Option<u8>,
}

impl JournalDb {
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Opens the journal at `path` with `key`. The file must exist and hold a database: a
    /// missing or empty file beside a key file means the journal was lost, and is never quietly
    /// replaced by an empty one. A wrong key or a file that is not a journal gives
    /// `WrongKeyOrNotAJournal`.
    pub fn open(path: &Path, key: &DataKey) -> Result<Self, StoreError> {
        match std::fs::metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Missing { database: DATABASE });
            }
            Err(error) => return Err(io(error)),
            Ok(meta) if !meta.is_file() => return Err(StoreError::WrongKeyOrNotAJournal),
            Ok(meta) if meta.len() == 0 => return Err(StoreError::Empty { database: DATABASE }),
            Ok(_) => {}
        }
        durable::narrow(path, false);
        let db = Self::connect(path, key)?;
        if db.schema_version()? == 0 {
            // A file that opens with the key but holds no schema is not a journal Hearth wrote.
            return Err(StoreError::Empty { database: DATABASE });
        }
        db.upgrade()
    }

    /// Creates a new, empty journal at `path`, private from the start. `path` must not exist,
    /// or be an empty file Hearth just staged.
    pub fn create(path: &Path, key: &DataKey) -> Result<Self, StoreError> {
        match durable::create_private(path) {
            Ok(_) => {}
            Err(error)
                if error.kind() == std::io::ErrorKind::AlreadyExists
                    && std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) => {}
            Err(error) => return Err(io(error)),
        }
        let db = Self::connect(path, key)?.upgrade()?;
        durable::sync_dir(&durable::parent_of(path)).map_err(io)?;
        Ok(db)
    }

    /// Connects with the key and checks it: the raw key first, then a read that fails for a
    /// wrong key, then SQLCipher's version (empty for a plain SQLite build).
    fn connect(path: &Path, key: &DataKey) -> Result<Self, StoreError> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")
            .map_err(sqlite)?;
        set_key(&conn, "key", key)?;
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
            row.get::<_, i64>(0)
        })
        .map_err(|_| StoreError::WrongKeyOrNotAJournal)?;
        let version: String = conn
            .query_row("PRAGMA cipher_version", [], |row| row.get(0))
            .optional()
            .map_err(sqlite)?
            .unwrap_or_default();
        if version.is_empty() {
            return Err(StoreError::NotEncrypted);
        }
        Ok(Self { conn })
    }

    /// Applies the connection settings and brings the schema up to date.
    fn upgrade(mut self) -> Result<Self, StoreError> {
        self.conn
            .execute_batch(CONNECTION_SETTINGS)
            .map_err(sqlite)?;
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sqlite)?;
        // Every transaction takes the write lock when it begins: one that read first and then
        // wrote would get "database is locked" at once, without waiting, while another process
        // (the app and the CLI, two CLI commands) holds it.
        self.conn
            .set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
        migrate(&mut self.conn, DATABASE, &migrations())?;
        Ok(self)
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(sqlite)
    }

    /// The benchmark baseline: the same schema and settings on an unencrypted file.
    #[cfg(feature = "baseline")]
    pub fn open_unencrypted_baseline(path: &Path) -> Result<Self, StoreError> {
        let mut conn = Connection::open(path).map_err(sqlite)?;
        conn.execute_batch(CONNECTION_SETTINGS).map_err(sqlite)?;
        migrate(&mut conn, DATABASE, &migrations())?;
        Ok(Self { conn })
    }

    /// Merges the full-text index into one segment (what deletes did before secure-delete), for
    /// the benchmark's comparison. Never in the app.
    #[cfg(feature = "baseline")]
    pub fn optimize_index(&mut self) -> Result<(), StoreError> {
        self.conn
            .execute("INSERT INTO entry_fts (entry_fts) VALUES ('optimize')", [])
            .map(|_| ())
            .map_err(sqlite)
    }

    /// Saves a validated entry and returns it with its new id. The entry is durable (WAL,
    /// synchronous=FULL) when this returns.
    pub fn add(&mut self, body: NewEntry, now: DateTime<Utc>) -> Result<Entry, StoreError> {
        self.add_from_draft(body, now, None)
    }

    /// Saves an entry and, in the same transaction, removes the draft it was written in, so a
    /// crash leaves either the draft or the entry, never both and never neither.
    pub fn add_from_draft(
        &mut self,
        body: NewEntry,
        now: DateTime<Utc>,
        draft_slot: Option<&str>,
    ) -> Result<Entry, StoreError> {
        let entry = Entry {
            id: new_entry_id()?,
            created_at: truncate_to_millis(now),
            edited_at: None,
            body,
        };
        let tx = self.conn.unchecked_transaction().map_err(sqlite)?;
        insert(&tx, "INSERT", &entry)?;
        if let Some(slot) = draft_slot {
            tx.execute("DELETE FROM draft WHERE slot = ?1", params![slot])
                .map_err(sqlite)?;
        }
        self.capture_entry(&entry, now)?;
        tx.commit().map_err(sqlite)?;
        Ok(entry)
    }

    /// Saves several entries in one transaction (a check-in's two answers): all or none.
    pub fn add_all(
        &mut self,
        bodies: Vec<NewEntry>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Entry>, StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(sqlite)?;
        let mut saved = Vec::with_capacity(bodies.len());
        for body in bodies {
            let entry = Entry {
                id: new_entry_id()?,
                created_at: truncate_to_millis(now),
                edited_at: None,
                body,
            };
            insert(&tx, "INSERT", &entry)?;
            self.capture_entry(&entry, now)?;
            saved.push(entry);
        }
        tx.commit().map_err(sqlite)?;
        Ok(saved)
    }

    /// The numbers of the check-ins and self-checks written at or after `since`, oldest first,
    /// without their text: what the insights chart.
    pub fn measures_since(&self, since: DateTime<Utc>) -> Result<Vec<Measure>, StoreError> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT created_at, kind, author, mood, closeness, score FROM entry
                 WHERE kind IN ('check_in', 'self_check') AND created_at >= ?1
                 ORDER BY created_at",
            )
            .map_err(sqlite)?;
        let rows = statement
            .query_map(params![timestamp(since)], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<u8>>(3)?,
                    row.get::<_, Option<u8>>(4)?,
                    row.get::<_, Option<u8>>(5)?,
                ))
            })
            .map_err(sqlite)?;
        let mut measures = Vec::new();
        for row in rows {
            let (created_at, kind, author, mood, closeness, score) = row.map_err(sqlite)?;
            measures.push(Measure {
                created_at: parse_timestamp(&created_at)?,
                self_check: kind == "self_check",
                author,
                mood,
                closeness,
                score,
            });
        }
        Ok(measures)
    }

    /// When the oldest check-in or self-check was written, if any.
    pub fn first_measure_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let text: Option<String> = self
            .conn
            .query_row(
                "SELECT min(created_at) FROM entry WHERE kind IN ('check_in', 'self_check')",
                [],
                |row| row.get(0),
            )
            .map_err(sqlite)?;
        text.as_deref().map(parse_timestamp).transpose()
    }

    /// Replaces an entry's content, keeping its id and creation time.
    pub fn update(
        &mut self,
        id: &str,
        body: NewEntry,
        now: DateTime<Utc>,
    ) -> Result<Option<Entry>, StoreError> {
        self.update_from_draft(id, body, now, None)
    }

    /// Replaces an entry's content and removes the draft it was edited in, in one transaction.
    pub fn update_from_draft(
        &mut self,
        id: &str,
        body: NewEntry,
        now: DateTime<Utc>,
        draft_slot: Option<&str>,
    ) -> Result<Option<Entry>, StoreError> {
        let mut values = vec![Value::Text(id.to_owned()), Value::Text(timestamp(now))];
        values.extend(body_values(&body)?);
        let tx = self.conn.unchecked_transaction().map_err(sqlite)?;
        let changed = tx
            .execute(
                "UPDATE entry SET edited_at = ?2, author = ?3, kind = ?4, mood = ?5,
                        closeness = ?6, tags = ?7, occurrence = ?8, text = ?9, score = ?10
                 WHERE id = ?1",
                params_from_iter(values),
            )
            .map_err(sqlite)?;
        if changed == 0 {
            return Ok(None);
        }
        if let Some(slot) = draft_slot {
            tx.execute("DELETE FROM draft WHERE slot = ?1", params![slot])
                .map_err(sqlite)?;
        }
        let updated = self.entry(id)?;
        if let Some(entry) = &updated {
            self.capture_entry(entry, now)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(updated)
    }

    /// Deletes an entry. Secure delete overwrites its pages, and the index's secure-delete
    /// takes its words out of the full-text index in the same transaction.
    pub fn delete(&mut self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(sqlite)?;
        let removed = self
            .conn
            .execute("DELETE FROM entry WHERE id = ?1", params![id])
            .map_err(sqlite)?;
        if removed > 0 {
            self.capture_entry_deleted(id, now)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(removed > 0)
    }

    /// One entry by id.
    pub fn entry(&self, id: &str) -> Result<Option<Entry>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {ENTRY_COLUMNS} FROM entry WHERE id = ?1"),
                params![id],
                read_entry,
            )
            .optional()
            .map_err(sqlite)?
            .transpose()
    }

    /// Entries matching `query`, newest first unless relevance is asked for with words. A row
    /// that cannot be read (damaged by hand or by an older Hearth) is left out, so one bad row
    /// never hides the rest; `verify` names it.
    pub fn find(&self, query: &EntryQuery) -> Result<Vec<Entry>, StoreError> {
        let (entries, unreadable) = self.find_with_unreadable(query)?;
        if !unreadable.is_empty() {
            tracing::warn!(
                count = unreadable.len(),
                "journal rows left out as unreadable"
            );
        }
        Ok(entries)
    }

    /// Entries matching `query`, and the ids of matching rows that could not be read.
    pub fn find_with_unreadable(
        &self,
        query: &EntryQuery,
    ) -> Result<(Vec<Entry>, Vec<String>), StoreError> {
        let (sql, values) = find_sql(query);
        let mut statement = self.conn.prepare_cached(&sql).map_err(sqlite)?;
        let rows = statement
            .query_map(params_from_iter(values), |row| {
                Ok((row.get::<_, String>(0)?, read_entry(row)?))
            })
            .map_err(sqlite)?;
        let mut entries = Vec::new();
        let mut unreadable = Vec::new();
        for row in rows {
            match row.map_err(sqlite)? {
                (_, Ok(entry)) => entries.push(entry),
                (id, Err(_)) => unreadable.push(id),
            }
        }
        Ok((entries, unreadable))
    }

    /// The plan SQLite picks for `query`, one line per step, so tests can catch a search that
    /// sorts every match instead of walking the index newest first.
    pub fn explain_find(&self, query: &EntryQuery) -> Result<Vec<String>, StoreError> {
        let (sql, values) = find_sql(query);
        let mut statement = self
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .map_err(sqlite)?;
        let rows = statement
            .query_map(params_from_iter(values), |row| row.get::<_, String>(3))
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)
    }

    /// Adds entries that already have ids and times (an import), in one transaction. Entries
    /// whose id is already present are skipped. Returns (added, skipped).
    pub fn insert_existing(&mut self, entries: &[Entry]) -> Result<(usize, usize), StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(sqlite)?;
        let mut added = 0;
        for entry in entries {
            let inserted = insert(&tx, "INSERT OR IGNORE", entry)?;
            if inserted > 0 {
                self.capture_entry(entry, entry.edited_at.unwrap_or(entry.created_at))?;
            }
            added += inserted;
        }
        tx.commit().map_err(sqlite)?;
        Ok((added, entries.len() - added))
    }

    /// How many entries the journal holds.
    pub fn count(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM entry", [], |row| row.get(0))
            .map_err(sqlite)
    }
}

#[cfg(test)]
mod tests;
