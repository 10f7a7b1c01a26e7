//! The journal database: SQLCipher, keyed with a raw 32-byte data key, holding every entry and
//! its full-text index inside the encrypted file.
//!
//! Open sequence (security brief): raw key as the first statement, a read of `sqlite_master` (a
//! wrong key fails here), a non-empty `cipher_version`, then WAL, `synchronous=FULL`, in-memory
//! temp store, secure delete, foreign keys, migrations. SQLCipher's memory security is left off:
//! it made every read and write about ten times slower (ARCHITECTURE.md, "Journal").
//!
//! An entry's `seq` (the table's rowid and the full-text index's rowid) encodes its creation time:
//! `created_ms << 16 | n`. Newest-first is then rowid order, which the full-text index walks
//! backwards and stops after one page, and a date range is a rowid range.

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use hearth_core::{Entry, EntryKind, EntryQuery, NewEntry, SearchOrder};
use rusqlite::{
    Connection, OpenFlags, OptionalExtension, Row, params, params_from_iter, types::Value,
};
use rusqlite_migration::{M, Migrations};

use crate::journal_key::{DataKey, sync_dir};
use crate::{StoreError, migrate};

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

fn sqlite(source: rusqlite::Error) -> StoreError {
    StoreError::from_sqlite(DATABASE, source)
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

const ENTRY_COLUMNS: &str = "entry.id, entry.created_at, entry.edited_at, entry.author, \
     entry.kind, entry.mood, entry.closeness, entry.tags, entry.occurrence, entry.text, entry.score";

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
    /// Opens the journal at `path` with `key`, creating an empty one when `create` is set and no
    /// file exists. A wrong key or a file that is not a journal gives `WrongKeyOrNotAJournal`.
    pub fn open(path: &Path, key: &DataKey, create: bool) -> Result<Self, StoreError> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        } else if !path.exists() {
            return Err(StoreError::Missing { database: DATABASE });
        }
        let mut conn = Connection::open_with_flags(path, flags).map_err(sqlite)?;
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")
            .map_err(sqlite)?;
        {
            let raw = key.sqlcipher_raw_key();
            // The key text is built in a zeroizing buffer and passed as-is; never formatted.
            let mut statement = zeroize::Zeroizing::new(String::with_capacity(80));
            statement.push_str("PRAGMA key = \"");
            statement.push_str(&raw);
            statement.push_str("\";");
            conn.execute_batch(&statement).map_err(sqlite)?;
        }
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
        conn.execute_batch(CONNECTION_SETTINGS).map_err(sqlite)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(sqlite)?;
        migrate(&mut conn, DATABASE, &migrations())?;
        if create && let Some(dir) = path.parent() {
            sync_dir(dir).map_err(|error| StoreError::Io {
                database: DATABASE,
                source: error,
            })?;
        }
        Ok(Self { conn })
    }

    /// The benchmark baseline: the same schema and settings on an unencrypted file.
    #[cfg(feature = "baseline")]
    pub fn open_unencrypted_baseline(path: &Path) -> Result<Self, StoreError> {
        let mut conn = Connection::open(path).map_err(sqlite)?;
        conn.execute_batch(CONNECTION_SETTINGS).map_err(sqlite)?;
        migrate(&mut conn, DATABASE, &migrations())?;
        Ok(Self { conn })
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
        let tx = self.conn.transaction().map_err(sqlite)?;
        insert(&tx, "INSERT", &entry)?;
        if let Some(slot) = draft_slot {
            tx.execute("DELETE FROM draft WHERE slot = ?1", params![slot])
                .map_err(sqlite)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(entry)
    }

    /// Saves several entries in one transaction (a check-in's two answers): all or none.
    pub fn add_all(
        &mut self,
        bodies: Vec<NewEntry>,
        now: DateTime<Utc>,
    ) -> Result<Vec<Entry>, StoreError> {
        let tx = self.conn.transaction().map_err(sqlite)?;
        let mut saved = Vec::with_capacity(bodies.len());
        for body in bodies {
            let entry = Entry {
                id: new_entry_id()?,
                created_at: truncate_to_millis(now),
                edited_at: None,
                body,
            };
            insert(&tx, "INSERT", &entry)?;
            saved.push(entry);
        }
        tx.commit().map_err(sqlite)?;
        Ok(saved)
    }

    /// Keeps unsaved writing for `slot` (replacing what was there).
    pub fn save_draft(&self, slot: &str, body: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO draft (slot, updated_at, body) VALUES (?1, ?2, ?3)
                 ON CONFLICT (slot) DO UPDATE SET updated_at = excluded.updated_at,
                                                  body = excluded.body",
                params![slot, timestamp(now), body],
            )
            .map_err(sqlite)?;
        Ok(())
    }

    /// The unsaved writing kept for `slot`, with when it was last kept.
    pub fn draft(&self, slot: &str) -> Result<Option<(String, DateTime<Utc>)>, StoreError> {
        let found: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT body, updated_at FROM draft WHERE slot = ?1",
                params![slot],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(sqlite)?;
        found
            .map(|(body, at)| Ok((body, parse_timestamp(&at)?)))
            .transpose()
    }

    /// Forgets the draft for `slot`. Returns whether there was one.
    pub fn clear_draft(&self, slot: &str) -> Result<bool, StoreError> {
        let removed = self
            .conn
            .execute("DELETE FROM draft WHERE slot = ?1", params![slot])
            .map_err(sqlite)?;
        Ok(removed > 0)
    }

    /// A setting kept inside the encrypted journal.
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT value FROM journal_setting WHERE key = ?1",
                params![key],
                |row| row.get(0),
            )
            .optional()
            .map_err(sqlite)
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

    /// Stores a setting inside the encrypted journal.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO journal_setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(sqlite)?;
        Ok(())
    }

    /// Stores several settings in one transaction: all of them or none.
    pub fn set_settings(&mut self, pairs: &[(&str, &str)]) -> Result<(), StoreError> {
        let tx = self.conn.transaction().map_err(sqlite)?;
        for (key, value) in pairs {
            tx.execute(
                "INSERT INTO journal_setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, value],
            )
            .map_err(sqlite)?;
        }
        tx.commit().map_err(sqlite)
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
        let tx = self.conn.transaction().map_err(sqlite)?;
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
        tx.commit().map_err(sqlite)?;
        self.entry(id)
    }

    /// Deletes an entry. Secure delete overwrites its pages, and the full-text index is
    /// optimised so no token of the text lingers in old index segments.
    pub fn delete(&mut self, id: &str) -> Result<bool, StoreError> {
        let tx = self.conn.transaction().map_err(sqlite)?;
        let removed = tx
            .execute("DELETE FROM entry WHERE id = ?1", params![id])
            .map_err(sqlite)?;
        if removed > 0 {
            tx.execute("INSERT INTO entry_fts (entry_fts) VALUES ('optimize')", [])
                .map_err(sqlite)?;
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

    /// Entries matching `query`, newest first unless relevance is asked for with words.
    pub fn find(&self, query: &EntryQuery) -> Result<Vec<Entry>, StoreError> {
        let (sql, values) = find_sql(query);
        let mut statement = self.conn.prepare_cached(&sql).map_err(sqlite)?;
        let rows = statement
            .query_map(params_from_iter(values), read_entry)
            .map_err(sqlite)?;
        let mut entries = Vec::new();
        for row in rows {
            entries.push(row.map_err(sqlite)??);
        }
        Ok(entries)
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

    /// Writes a consistent, encrypted copy of the journal to `dest` (which must not exist) with
    /// `VACUUM INTO`, never a file copy of the live database.
    pub fn vacuum_into(&self, dest: &Path) -> Result<(), StoreError> {
        let dest = dest.to_str().ok_or(StoreError::Corrupt {
            database: DATABASE,
            what: "the backup path is not valid UTF-8".into(),
        })?;
        self.conn
            .execute("VACUUM INTO ?1", params![dest])
            .map_err(sqlite)?;
        Ok(())
    }

    /// Moves everything in the WAL into the main file and empties the WAL.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(sqlite)
    }

    /// Adds entries that already have ids and times (an import), in one transaction. Entries
    /// whose id is already present are skipped. Returns (added, skipped).
    pub fn insert_existing(&mut self, entries: &[Entry]) -> Result<(usize, usize), StoreError> {
        let tx = self.conn.transaction().map_err(sqlite)?;
        let mut added = 0;
        for entry in entries {
            added += insert(&tx, "INSERT OR IGNORE", entry)?;
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

    /// Runs SQLite's and SQLCipher's integrity checks; returns every problem found (none when
    /// healthy).
    pub fn verify(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        let mut statement = self
            .conn
            .prepare("PRAGMA integrity_check")
            .map_err(sqlite)?;
        for row in statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(sqlite)?
        {
            let line = row.map_err(sqlite)?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut statement = self
            .conn
            .prepare("PRAGMA cipher_integrity_check")
            .map_err(sqlite)?;
        for row in statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(sqlite)?
        {
            problems.push(row.map_err(sqlite)?);
        }
        Ok(problems)
    }
}

/// The statement and values for a search: the page of matching `seq`s, then those entries.
fn find_sql(query: &EntryQuery) -> (String, Vec<Value>) {
    let mut conditions: Vec<String> = Vec::new();
    let mut values: Vec<Value> = Vec::new();
    let fts = query.fts_query();
    // Two steps: pick the page of matching `seq`s, then read just those entries. With words,
    // the full-text index drives the join (CROSS JOIN fixes the order) and hands out rowids
    // newest first, so a page of a word found in every entry reads one page of the index.
    let (mut inner, rowid) = match &fts {
        Some(fts) => {
            conditions.push("entry_fts MATCH ?".into());
            values.push(Value::Text(fts.clone()));
            (
                "SELECT entry.seq FROM entry_fts CROSS JOIN entry ON entry.seq = entry_fts.rowid"
                    .to_owned(),
                "entry_fts.rowid",
            )
        }
        None => ("SELECT entry.seq FROM entry".to_owned(), "entry.seq"),
    };
    if let Some(kind) = query.kind {
        conditions.push("entry.kind = ?".into());
        values.push(Value::Text(kind.as_str().into()));
    }
    if let Some(author) = &query.author {
        conditions.push("entry.author = ?".into());
        values.push(Value::Text(author.clone()));
    }
    if let Some(tag) = &query.tag {
        conditions.push("EXISTS (SELECT 1 FROM json_each(entry.tags) WHERE value = ?)".into());
        values.push(Value::Text(tag.trim().to_lowercase()));
    }
    if let Some(from) = query.from {
        conditions.push(format!("{rowid} >= ?"));
        values.push(Value::Integer(first_seq_at(from)));
    }
    if let Some(until) = query.until {
        conditions.push(format!("{rowid} < ?"));
        values.push(Value::Integer(first_seq_at(until)));
    }
    if !conditions.is_empty() {
        inner.push_str(" WHERE ");
        inner.push_str(&conditions.join(" AND "));
    }
    if fts.is_some() && query.order == SearchOrder::Relevance {
        inner.push_str(&format!(" ORDER BY bm25(entry_fts), {rowid} DESC"));
    } else {
        inner.push_str(&format!(" ORDER BY {rowid} DESC"));
    }
    inner.push_str(" LIMIT ?");
    values.push(Value::Integer(i64::from(query.limit.max(1))));
    // The outer query keeps the inner order by joining on the ranked page.
    let sql = format!(
        "WITH page(seq, rank) AS (SELECT seq, row_number() OVER () FROM ({inner}))
         SELECT {ENTRY_COLUMNS} FROM page JOIN entry ON entry.seq = page.seq ORDER BY page.rank"
    );

    (sql, values)
}

/// The seven columns every write takes from an entry's body, in table order: author, kind,
/// mood, closeness, tags, occurrence, text.
fn body_values(body: &NewEntry) -> Result<[Value; 8], StoreError> {
    let scale = |value: Option<u8>| value.map_or(Value::Null, |v| Value::Integer(i64::from(v)));
    Ok([
        Value::Text(body.author.clone()),
        Value::Text(body.kind.as_str().to_owned()),
        scale(body.mood),
        scale(body.closeness),
        Value::Text(tags_json(&body.tags)?),
        body.occurrence.clone().map_or(Value::Null, Value::Text),
        Value::Text(body.text.clone()),
        scale(body.score),
    ])
}

/// Entries created within the same millisecond get consecutive `seq`s in a block this big.
const SEQ_SLOTS_PER_MILLISECOND: i64 = 1 << 12;

/// The first `seq` an entry created at `at` can take; times far outside any journal's life
/// clamp to the ends (fine for search bounds; `insert` refuses them).
fn first_seq_at(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
        .saturating_mul(SEQ_SLOTS_PER_MILLISECOND)
}

/// Writes a whole entry with `verb` ("INSERT" or "INSERT OR IGNORE"); returns rows written.
/// Its `seq` is the first free slot in its creation millisecond, so rowid order is time order.
fn insert(conn: &Connection, verb: &str, entry: &Entry) -> Result<usize, StoreError> {
    let base = entry
        .created_at
        .timestamp_millis()
        .checked_mul(SEQ_SLOTS_PER_MILLISECOND)
        .filter(|base| base.checked_add(SEQ_SLOTS_PER_MILLISECOND).is_some())
        .ok_or_else(|| {
            StoreError::Unsupported(format!(
                "an entry dated {} is outside the range the journal can hold",
                timestamp(entry.created_at)
            ))
        })?;
    let seq: i64 = conn
        .prepare_cached("SELECT coalesce(max(seq) + 1, ?1) FROM entry WHERE seq >= ?1 AND seq < ?2")
        .and_then(|mut statement| {
            statement.query_row(params![base, base + SEQ_SLOTS_PER_MILLISECOND], |row| {
                row.get(0)
            })
        })
        .map_err(sqlite)?;
    if seq >= base + SEQ_SLOTS_PER_MILLISECOND {
        return Err(StoreError::Unsupported(format!(
            "more than {SEQ_SLOTS_PER_MILLISECOND} entries share the time {}",
            timestamp(entry.created_at)
        )));
    }
    let mut values = vec![
        Value::Integer(seq),
        Value::Text(entry.id.clone()),
        Value::Text(timestamp(entry.created_at)),
        entry
            .edited_at
            .map_or(Value::Null, |at| Value::Text(timestamp(at))),
    ];
    values.extend(body_values(&entry.body)?);
    conn.prepare_cached(&format!(
        "{verb} INTO entry (seq, id, created_at, edited_at, author, kind, mood, closeness, tags,
                            occurrence, text, score)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
    ))
    .and_then(|mut statement| statement.execute(params_from_iter(values)))
    .map_err(sqlite)
}

fn new_entry_id() -> Result<String, StoreError> {
    crate::new_id()
}

/// RFC 3339 in UTC with milliseconds: sorts as text, round-trips exactly.
fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| StoreError::Corrupt {
            database: DATABASE,
            what: "time".into(),
        })
}

fn truncate_to_millis(at: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(&timestamp(at))
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or(at)
}

fn tags_json(tags: &[String]) -> Result<String, StoreError> {
    serde_json::to_string(tags).map_err(|error| StoreError::Corrupt {
        database: DATABASE,
        what: error.to_string(),
    })
}

type RowResult = Result<Entry, StoreError>;

fn read_entry(row: &Row<'_>) -> rusqlite::Result<RowResult> {
    let corrupt = |what: &str| StoreError::Corrupt {
        database: DATABASE,
        what: what.to_owned(),
    };
    let parse_time = |text: String| {
        DateTime::parse_from_rfc3339(&text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| corrupt("time"))
    };
    let created: String = row.get(1)?;
    let edited: Option<String> = row.get(2)?;
    let kind: String = row.get(4)?;
    let tags: String = row.get(7)?;
    let built = (|| {
        Ok(Entry {
            id: row.get(0).map_err(sqlite)?,
            created_at: parse_time(created)?,
            edited_at: edited.map(parse_time).transpose()?,
            body: NewEntry {
                author: row.get(3).map_err(sqlite)?,
                kind: EntryKind::parse(&kind).ok_or_else(|| corrupt("kind"))?,
                mood: row.get(5).map_err(sqlite)?,
                closeness: row.get(6).map_err(sqlite)?,
                tags: serde_json::from_str(&tags).map_err(|_| corrupt("tags"))?,
                occurrence: row.get(8).map_err(sqlite)?,
                text: row.get(9).map_err(sqlite)?,
                score: row.get(10).map_err(sqlite)?,
            },
        })
    })();
    Ok(built)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal_key::{KdfParams, KeyHeader};
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 20, minute, 0).unwrap()
    }

    fn body(text: &str, kind: EntryKind, tags: &[&str]) -> NewEntry {
        NewEntry {
            text: text.into(),
            kind,
            author: "Sam".into(),
            mood: Some(4),
            closeness: Some(5),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            occurrence: None,
            score: None,
        }
    }

    fn query(text: Option<&str>) -> EntryQuery {
        EntryQuery {
            text: text.map(str::to_owned),
            limit: 50,
            ..EntryQuery::default()
        }
    }

    fn key() -> DataKey {
        KeyHeader::create(b"pass phrase", KdfParams::FLOOR)
            .unwrap()
            .data_key
    }

    #[test]
    fn entries_round_trip_and_list_newest_first() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let key = key();
        let first;
        {
            let mut db = JournalDb::open(&path, &key, true).unwrap();
            first = db
                .add(
                    body("a walk by the canal", EntryKind::Note, &["walk"]),
                    at(1),
                )
                .unwrap();
            db.add(
                body("three lovely things", EntryKind::ThreeGoodThings, &[]),
                at(2),
            )
            .unwrap();
        }
        let db = JournalDb::open(&path, &key, false).unwrap();
        assert_eq!(db.entry(&first.id).unwrap().unwrap(), first);
        let all = db.find(&query(None)).unwrap();
        assert_eq!(all.len(), 2);
        assert_eq!(all[0].body.text, "three lovely things");
        assert_eq!(db.count().unwrap(), 2);
        assert!(db.verify().unwrap().is_empty());
    }

    #[test]
    fn search_matches_words_prefixes_tags_and_filters() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = JournalDb::open(&dir.path().join("j"), &key(), true).unwrap();
        db.add(
            body(
                "We talked about the café by the river",
                EntryKind::Note,
                &["walk"],
            ),
            at(1),
        )
        .unwrap();
        db.add(
            body(
                "Grateful for the quiet evening",
                EntryKind::Appreciation,
                &[],
            ),
            at(2),
        )
        .unwrap();
        db.add(
            body("River swim, cold and bright", EntryKind::Note, &["summer"]),
            at(3),
        )
        .unwrap();

        let texts = |q: EntryQuery| -> Vec<String> {
            db.find(&q)
                .unwrap()
                .into_iter()
                .map(|e| e.body.text)
                .collect()
        };
        assert_eq!(texts(query(Some("river"))).len(), 2);
        assert_eq!(
            texts(query(Some("riv"))).len(),
            2,
            "the last word matches as a prefix"
        );
        assert_eq!(
            texts(query(Some("cafe"))),
            vec!["We talked about the café by the river"]
        );
        assert_eq!(
            texts(query(Some("summer"))),
            vec!["River swim, cold and bright"],
            "tags are searched"
        );
        assert_eq!(
            texts(query(Some("\" OR NEAR("))).len(),
            0,
            "operators are plain words"
        );
        let by_kind = EntryQuery {
            kind: Some(EntryKind::Appreciation),
            ..query(None)
        };
        assert_eq!(texts(by_kind), vec!["Grateful for the quiet evening"]);
        let by_tag = EntryQuery {
            tag: Some("Walk".into()),
            ..query(None)
        };
        assert_eq!(texts(by_tag).len(), 1);
        let by_date = EntryQuery {
            from: Some(at(2)),
            until: Some(at(3)),
            ..query(None)
        };
        assert_eq!(texts(by_date), vec!["Grateful for the quiet evening"]);
    }

    #[test]
    fn a_deleted_entry_is_gone_from_the_table_and_the_index() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = JournalDb::open(&dir.path().join("j"), &key(), true).unwrap();
        let entry = db
            .add(body("zanzibar holiday", EntryKind::Note, &[]), at(1))
            .unwrap();
        assert!(db.delete(&entry.id).unwrap());
        assert!(!db.delete(&entry.id).unwrap());
        assert_eq!(db.entry(&entry.id).unwrap(), None);
        assert!(db.find(&query(Some("zanzibar"))).unwrap().is_empty());
        assert!(db.verify().unwrap().is_empty());
    }

    #[test]
    fn an_edit_keeps_id_and_creation_time_and_reindexes() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = JournalDb::open(&dir.path().join("j"), &key(), true).unwrap();
        let entry = db
            .add(body("first draft", EntryKind::Note, &[]), at(1))
            .unwrap();
        let edited = db
            .update(
                &entry.id,
                body("second thoughts", EntryKind::Note, &[]),
                at(5),
            )
            .unwrap()
            .unwrap();
        assert_eq!(edited.created_at, entry.created_at);
        assert_eq!(edited.edited_at, Some(at(5)));
        assert!(db.find(&query(Some("draft"))).unwrap().is_empty());
        assert_eq!(db.find(&query(Some("thoughts"))).unwrap().len(), 1);
        assert_eq!(
            db.update("nope", body("x", EntryKind::Note, &[]), at(6))
                .unwrap(),
            None
        );
    }

    #[test]
    fn another_key_cannot_open_the_journal_and_the_file_is_not_plain_sqlite() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        {
            let mut db = JournalDb::open(&path, &key(), true).unwrap();
            db.add(body("marker-7d1f", EntryKind::Note, &[]), at(1))
                .unwrap();
        }
        let error = JournalDb::open(&path, &key(), false).unwrap_err();
        assert!(
            matches!(error, StoreError::WrongKeyOrNotAJournal),
            "{error:?}"
        );
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"));
        let plain = Connection::open(&path).unwrap();
        assert!(
            plain
                .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                    .get::<_, i64>(0))
                .is_err()
        );
    }

    /// Security brief, test 3: a flipped byte anywhere in the file is an error or is flagged by
    /// the integrity checks; it never reads back as different data. Seeded, so failures repeat.
    #[test]
    fn tampered_copies_never_read_silently() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("journal.sqlite3");
        let key = key();
        let original: Vec<Entry>;
        {
            let mut db = JournalDb::open(&path, &key, true).unwrap();
            for i in 0..300 {
                let text = format!("entry {i} about our week and the walk we took together");
                db.add(body(&text, EntryKind::Note, &["week"]), at(i % 60))
                    .unwrap();
            }
            original = db
                .find(&EntryQuery {
                    limit: 1000,
                    ..EntryQuery::default()
                })
                .unwrap();
        }
        let bytes = std::fs::read(&path).unwrap();
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let (mut errored, mut flagged) = (0, 0);
        for copy in 0..220 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let offset = usize::try_from(state % bytes.len() as u64).unwrap();
            let mut tampered = bytes.clone();
            tampered[offset] ^= 1 << (copy % 8);
            let copy_path = dir.path().join(format!("copy-{copy}.sqlite3"));
            std::fs::write(&copy_path, &tampered).unwrap();
            let outcome = JournalDb::open(&copy_path, &key, false).and_then(|db| {
                let entries = db.find(&EntryQuery {
                    limit: 1000,
                    ..EntryQuery::default()
                })?;
                Ok((entries, db.verify()?))
            });
            match outcome {
                Err(_) => errored += 1,
                Ok((_, problems)) if !problems.is_empty() => flagged += 1,
                Ok((entries, _)) => {
                    assert_eq!(entries, original, "byte {offset} changed data silently")
                }
            }
            std::fs::remove_file(&copy_path).unwrap();
        }
        assert!(
            errored + flagged > 0,
            "no copy was caught at all: {errored} {flagged}"
        );
    }

    #[test]
    fn vacuum_into_writes_an_encrypted_copy_that_opens_with_the_same_key() {
        let dir = tempfile::tempdir().unwrap();
        let key = key();
        let mut db = JournalDb::open(&dir.path().join("j"), &key, true).unwrap();
        db.add(body("qzcopy marker", EntryKind::Note, &[]), at(1))
            .unwrap();
        let copy = dir.path().join("copy");
        db.vacuum_into(&copy).unwrap();
        let bytes = std::fs::read(&copy).unwrap();
        assert!(!bytes.starts_with(b"SQLite format 3"));
        assert!(!bytes.windows(6).any(|w| w == b"qzcopy"));
        let reopened = JournalDb::open(&copy, &key, false).unwrap();
        assert_eq!(reopened.find(&query(Some("qzcopy"))).unwrap().len(), 1);
        assert!(reopened.verify().unwrap().is_empty());
    }

    #[test]
    fn importing_existing_entries_keeps_ids_and_skips_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let mut source = JournalDb::open(&dir.path().join("a"), &key(), true).unwrap();
        source
            .add(body("one", EntryKind::Note, &["x"]), at(1))
            .unwrap();
        source
            .add(body("two", EntryKind::Reflection, &[]), at(2))
            .unwrap();
        let entries = source.find(&query(None)).unwrap();
        let mut target = JournalDb::open(&dir.path().join("b"), &key(), true).unwrap();
        assert_eq!(target.insert_existing(&entries).unwrap(), (2, 0));
        assert_eq!(target.insert_existing(&entries).unwrap(), (0, 2));
        assert_eq!(target.find(&query(None)).unwrap(), entries);
    }

    /// Newest first is creation order even when older entries arrive later (an import), and
    /// entries sharing a millisecond keep the order they were written in.
    #[test]
    fn newest_first_follows_creation_time_not_arrival() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = JournalDb::open(&dir.path().join("j"), &key(), true).unwrap();
        db.add(body("middle river", EntryKind::Note, &[]), at(20))
            .unwrap();
        let older = Entry {
            id: "imported-older".into(),
            created_at: at(10),
            edited_at: None,
            body: body("oldest river", EntryKind::Note, &[]),
        };
        let newer = Entry {
            id: "imported-newer".into(),
            created_at: at(30),
            ..older.clone()
        };
        let newer = Entry {
            body: body("newest river", EntryKind::Note, &[]),
            ..newer
        };
        assert_eq!(db.insert_existing(&[newer, older]).unwrap(), (2, 0));
        db.add(
            body("same minute river, first", EntryKind::Note, &[]),
            at(25),
        )
        .unwrap();
        db.add(
            body("same minute river, second", EntryKind::Note, &[]),
            at(25),
        )
        .unwrap();
        let expected = [
            "newest river",
            "same minute river, second",
            "same minute river, first",
            "middle river",
            "oldest river",
        ];
        for text in [None, Some("river")] {
            let texts: Vec<String> = db
                .find(&query(text))
                .unwrap()
                .into_iter()
                .map(|e| e.body.text)
                .collect();
            assert_eq!(texts, expected, "query {text:?}");
        }
        let window = EntryQuery {
            from: Some(at(20)),
            until: Some(at(30)),
            ..query(Some("river"))
        };
        assert_eq!(db.find(&window).unwrap().len(), 3);
    }

    /// Query-plan snapshot (performance brief): newest-first pages walk the table or the
    /// full-text index in rowid order and sort only the page itself. A SQLite upgrade may
    /// reword these lines; a plan that sorts every match would add a second temp B-tree.
    #[test]
    fn newest_first_pages_never_sort_every_match() {
        let dir = tempfile::tempdir().unwrap();
        let db = JournalDb::open(&dir.path().join("j"), &key(), true).unwrap();
        let filtered = EntryQuery {
            kind: Some(EntryKind::Note),
            from: Some(at(1)),
            ..query(Some("river"))
        };
        for q in [query(None), query(Some("river")), filtered] {
            let plan = db.explain_find(&q).unwrap();
            let sorts = plan.iter().filter(|l| l.contains("TEMP B-TREE")).count();
            assert_eq!(sorts, 1, "{plan:#?}");
            assert_eq!(
                plan.last().map(String::as_str),
                Some("USE TEMP B-TREE FOR ORDER BY"),
                "{plan:#?}"
            );
            assert!(
                plan.iter()
                    .all(|l| !l.contains("SCAN entry_fts") || l.contains("INDEX 192")),
                "the index should hand out rowids newest first: {plan:#?}"
            );
        }
        let relevance = EntryQuery {
            order: SearchOrder::Relevance,
            ..query(Some("river"))
        };
        let plan = db.explain_find(&relevance).unwrap();
        assert_eq!(plan.iter().filter(|l| l.contains("TEMP B-TREE")).count(), 2);
    }

    #[test]
    fn an_entry_dated_beyond_the_range_is_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let mut db = JournalDb::open(&dir.path().join("j"), &key(), true).unwrap();
        let far = Entry {
            id: "far".into(),
            created_at: DateTime::<Utc>::MAX_UTC,
            edited_at: None,
            body: body("x", EntryKind::Note, &[]),
        };
        let error = db.insert_existing(&[far]).unwrap_err();
        assert!(error.to_string().contains("outside the range"), "{error}");
        assert_eq!(db.count().unwrap(), 0, "nothing half-written");
    }

    #[test]
    fn a_draft_is_kept_until_the_entry_it_became_is_saved() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let key = key();
        {
            let db = JournalDb::open(&path, &key, true).unwrap();
            db.save_draft("new", "half a thought", at(1)).unwrap();
            db.save_draft("new", "half a thought, now longer", at(2))
                .unwrap();
        }
        let mut db = JournalDb::open(&path, &key, false).unwrap();
        assert_eq!(
            db.draft("new").unwrap(),
            Some(("half a thought, now longer".to_owned(), at(2)))
        );
        assert_eq!(db.draft("edit:other").unwrap(), None);
        let entry = db
            .add_from_draft(
                body("half a thought, now longer", EntryKind::Note, &[]),
                at(3),
                Some("new"),
            )
            .unwrap();
        assert_eq!(db.draft("new").unwrap(), None);

        db.save_draft("edit", "changed my mind", at(4)).unwrap();
        // A failed edit (no such entry) keeps the draft.
        assert_eq!(
            db.update_from_draft("nope", body("x", EntryKind::Note, &[]), at(5), Some("edit"))
                .unwrap(),
            None
        );
        assert!(db.draft("edit").unwrap().is_some());
        db.update_from_draft(
            &entry.id,
            body("changed my mind", EntryKind::Note, &[]),
            at(5),
            Some("edit"),
        )
        .unwrap()
        .unwrap();
        assert_eq!(db.draft("edit").unwrap(), None);
        assert!(!db.clear_draft("edit").unwrap());
    }

    #[test]
    fn settings_inside_the_journal_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j");
        let key = key();
        {
            let db = JournalDb::open(&path, &key, true).unwrap();
            assert_eq!(db.setting("partners").unwrap(), None);
            db.set_setting("partners", "one").unwrap();
            db.set_setting("partners", "two").unwrap();
        }
        let db = JournalDb::open(&path, &key, false).unwrap();
        assert_eq!(db.setting("partners").unwrap().as_deref(), Some("two"));
    }

    #[test]
    fn opening_a_missing_journal_without_create_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let error = JournalDb::open(&dir.path().join("none"), &key(), false).unwrap_err();
        assert!(matches!(
            error,
            StoreError::Missing {
                database: "journal"
            }
        ));
    }
}
