//! The notebook stream in the journal: entries as versions, the settings the couple shares and
//! their own deck files, recorded as they change here and applied as they arrive.
//!
//! Every entry keeps its versions (`entry_version`): a new entry is a version that supersedes
//! nothing, an edit supersedes the versions its writer saw, a delete is a version without a
//! body. The `entry` row shows the latest head that still has text; `heads` above one means
//! two versions to choose between. Nothing typed on either computer is dropped.

use std::collections::HashSet;

use chrono::{DateTime, SecondsFormat, Utc};
use hearth_core::{Entry, EntryKind, NewEntry};
use hearth_sync::merge::{Version, heads, newer, shown};
use hearth_sync::{Change, DeviceId, EntryBody, Stamp};
use rusqlite::{Connection, OptionalExtension, params};

use super::{Applied, check_order, observe, push, record_applied, refused, tick};
use crate::StoreError;
use crate::journal::{JournalDb, sqlite, timestamp};

const DATABASE: &str = "journal";

/// Settings that travel (the partners' names, colours and pronouns); the rest stay here.
pub const SHARED_SETTINGS: [&str; 2] = ["partners", "partners.details"];

/// The notebook's own tables, added by the journal's sync step.
pub(crate) const TABLES: &str = "
    -- Every version of every entry once paired; body NULL: deleted.
    CREATE TABLE entry_version (
        version    TEXT PRIMARY KEY,
        entry_id   TEXT NOT NULL,
        stamp      TEXT NOT NULL,
        supersedes TEXT NOT NULL,
        body       TEXT
    ) STRICT;
    CREATE INDEX entry_version_entry ON entry_version (entry_id);
    -- The version an entry row shows, and how many heads it has (two: two versions).
    ALTER TABLE entry ADD COLUMN version TEXT;
    ALTER TABLE entry ADD COLUMN heads INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE setting_stamp (
        key   TEXT PRIMARY KEY,
        stamp TEXT NOT NULL
    ) STRICT;
    -- The couple's own deck files as the paired computers agree on them; text NULL: removed.
    CREATE TABLE deck_file (
        file  TEXT PRIMARY KEY,
        text  TEXT,
        stamp TEXT NOT NULL
    ) STRICT;
";

fn millis(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

pub(crate) fn body_of(entry: &Entry) -> EntryBody {
    EntryBody {
        created_at: timestamp(entry.created_at),
        kind: entry.body.kind.as_str().to_owned(),
        author: entry.body.author.clone(),
        text: entry.body.text.clone(),
        mood: entry.body.mood,
        closeness: entry.body.closeness,
        tags: entry.body.tags.clone(),
        occurrence: entry.body.occurrence.clone(),
        score: entry.body.score,
    }
}

/// The body of an entry about to be written here.
pub(crate) fn body_new(entry: &NewEntry, now: DateTime<Utc>) -> EntryBody {
    EntryBody {
        created_at: timestamp(now),
        kind: entry.kind.as_str().to_owned(),
        author: entry.author.clone(),
        text: entry.text.clone(),
        mood: entry.mood,
        closeness: entry.closeness,
        tags: entry.tags.clone(),
        occurrence: entry.occurrence.clone(),
        score: entry.score,
    }
}

/// An entry from a version's body, checked with the rules every new entry keeps.
fn entry_of(
    id: &str,
    body: &EntryBody,
    edited_at: Option<DateTime<Utc>>,
) -> Result<Entry, StoreError> {
    let created_at = DateTime::parse_from_rfc3339(&body.created_at)
        .map(|at| at.with_timezone(&Utc))
        .map_err(|_| refused("an entry's time"))?;
    if !crate::entry_time_in_range(created_at) {
        return Err(refused(
            "an entry's time is outside the range the journal holds",
        ));
    }
    let new = NewEntry {
        text: body.text.clone(),
        kind: EntryKind::parse(&body.kind).ok_or_else(|| refused("an entry's kind"))?,
        author: body.author.clone(),
        mood: body.mood,
        closeness: body.closeness,
        tags: body.tags.clone(),
        occurrence: body.occurrence.clone(),
        score: body.score,
    }
    .validated()
    .map_err(|error| refused(format!("an entry from the other computer: {error}")))?;
    Ok(Entry {
        id: id.to_owned(),
        created_at,
        edited_at,
        body: new,
    })
}

struct StoredVersion {
    id: String,
    stamp: Stamp,
    supersedes: Vec<String>,
    body: Option<EntryBody>,
}

fn versions_of(conn: &Connection, entry: &str) -> Result<Vec<StoredVersion>, StoreError> {
    let mut statement = conn
        .prepare_cached(
            "SELECT version, stamp, supersedes, body FROM entry_version WHERE entry_id = ?1",
        )
        .map_err(sqlite)?;
    let rows = statement
        .query_map(params![entry], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
                row.get::<_, Option<String>>(3)?,
            ))
        })
        .map_err(sqlite)?;
    let damaged = || StoreError::Corrupt {
        database: DATABASE,
        what: "an entry's version".into(),
    };
    let mut versions = Vec::new();
    for row in rows {
        let (id, stamp, supersedes, body) = row.map_err(sqlite)?;
        versions.push(StoredVersion {
            id,
            stamp: Stamp::parse(&stamp).ok_or_else(damaged)?,
            supersedes: serde_json::from_str(&supersedes).map_err(|_| damaged())?,
            body: body
                .map(|body| serde_json::from_str(&body).map_err(|_| damaged()))
                .transpose()?,
        });
    }
    Ok(versions)
}

fn head_ids(versions: &[StoredVersion]) -> Vec<String> {
    let list: Vec<Version<'_>> = versions
        .iter()
        .map(|version| Version {
            id: &version.id,
            supersedes: &version.supersedes,
            stamp: &version.stamp,
            deleted: version.body.is_none(),
        })
        .collect();
    heads(&list)
        .into_iter()
        .map(|head| head.id.to_owned())
        .collect()
}

fn insert_version(
    conn: &Connection,
    entry: &str,
    version: &str,
    stamp: &Stamp,
    supersedes: &[String],
    body: Option<&EntryBody>,
) -> Result<bool, StoreError> {
    let supersedes =
        serde_json::to_string(supersedes).map_err(|error| refused(error.to_string()))?;
    let body = body
        .map(serde_json::to_string)
        .transpose()
        .map_err(|error| refused(error.to_string()))?;
    let inserted = conn
        .execute(
            "INSERT OR IGNORE INTO entry_version (version, entry_id, stamp, supersedes, body)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![version, entry, stamp.to_string(), supersedes, body],
        )
        .map_err(sqlite)?;
    Ok(inserted == 1)
}

/// Records a new version of `entry` made here: its body (none: deleted), superseding every head
/// this computer has. Call inside the transaction that wrote the entry row.
pub(crate) fn capture_version(
    conn: &Connection,
    device: &DeviceId,
    entry: &str,
    body: Option<EntryBody>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let supersedes = head_ids(&versions_of(conn, entry)?);
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    let version = crate::new_id()?;
    insert_version(conn, entry, &version, &stamp, &supersedes, body.as_ref())?;
    if body.is_some() {
        conn.execute(
            "UPDATE entry SET version = ?2, heads = 1 WHERE id = ?1",
            params![entry, version],
        )
        .map_err(sqlite)?;
    }
    push(
        conn,
        &Change::Entry {
            entry: entry.to_owned(),
            version,
            supersedes,
            stamp,
            body,
        },
        DATABASE,
    )
}

pub(crate) fn capture_setting(
    conn: &Connection,
    device: &DeviceId,
    key: &str,
    value: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    if !SHARED_SETTINGS.contains(&key) {
        return Ok(());
    }
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    conn.execute(
        "INSERT INTO setting_stamp (key, stamp) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET stamp = excluded.stamp",
        params![key, stamp.to_string()],
    )
    .map_err(sqlite)?;
    push(
        conn,
        &Change::Setting {
            key: key.to_owned(),
            value: value.to_owned(),
            stamp,
        },
        DATABASE,
    )
}

/// Whether a deck file name may be written into the decks folder: a plain `.toml` name.
pub fn deck_file_name_ok(name: &str) -> bool {
    name.ends_with(".toml")
        && name.len() <= 100
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

impl JournalDb {
    fn paired(&self) -> Result<Option<DeviceId>, StoreError> {
        super::self_device(self.conn(), DATABASE)
    }

    /// Records the entry just written (new or edited) for the other computer, if paired.
    pub(crate) fn capture_entry(
        &self,
        entry: &Entry,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        match self.paired()? {
            Some(device) => {
                capture_version(self.conn(), &device, &entry.id, Some(body_of(entry)), now)
            }
            None => Ok(()),
        }
    }

    /// Records that an entry was deleted here, if paired.
    pub(crate) fn capture_entry_deleted(
        &self,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        match self.paired()? {
            Some(device) => capture_version(self.conn(), &device, id, None, now),
            None => Ok(()),
        }
    }

    pub(crate) fn capture_settings(
        &self,
        pairs: &[(&str, &str)],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if let Some(device) = self.paired()? {
            for (key, value) in pairs {
                capture_setting(self.conn(), &device, key, value, now)?;
            }
        }
        Ok(())
    }

    /// Records one of the couple's deck files as it now is here (none: removed), if paired and
    /// if it differs from what the computers last agreed on.
    pub fn record_deck_file(
        &mut self,
        file: &str,
        text: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let Some(device) = self.paired()? else {
            return Ok(false);
        };
        if !deck_file_name_ok(file) {
            return Err(refused(format!("{file} is not a deck file name")));
        }
        let tx = self.conn_mut().transaction().map_err(sqlite)?;
        let known: Option<Option<String>> = tx
            .query_row(
                "SELECT text FROM deck_file WHERE file = ?1",
                params![file],
                |row| row.get(0),
            )
            .optional()
            .map_err(sqlite)?;
        if known.as_ref().map(Option::as_deref) == Some(text) || (known.is_none() && text.is_none())
        {
            return Ok(false);
        }
        let stamp = tick(&tx, &device, millis(now), DATABASE)?;
        tx.execute(
            "INSERT INTO deck_file (file, text, stamp) VALUES (?1, ?2, ?3)
             ON CONFLICT (file) DO UPDATE SET text = excluded.text, stamp = excluded.stamp",
            params![file, text, stamp.to_string()],
        )
        .map_err(sqlite)?;
        push(
            &tx,
            &Change::Deck {
                file: file.to_owned(),
                text: text.map(str::to_owned),
                stamp,
            },
            DATABASE,
        )?;
        tx.commit().map_err(sqlite)?;
        Ok(true)
    }

    /// The couple's deck files as the computers agree on them: name and text (none: removed).
    pub fn deck_files(&self) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let mut statement = self
            .conn()
            .prepare("SELECT file, text FROM deck_file ORDER BY file")
            .map_err(sqlite)?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)
    }

    /// Entries that have two versions to choose between.
    pub fn two_versions(&self) -> Result<HashSet<String>, StoreError> {
        let mut statement = self
            .conn()
            .prepare("SELECT id FROM entry WHERE heads > 1")
            .map_err(sqlite)?;
        let rows = statement.query_map([], |row| row.get(0)).map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)
    }

    /// The versions of an entry that nobody superseded, latest first: each with its text, or
    /// none where a computer deleted the entry.
    pub fn entry_heads(&self, id: &str) -> Result<Vec<(Stamp, Option<Entry>)>, StoreError> {
        let versions = versions_of(self.conn(), id)?;
        let ids = head_ids(&versions);
        let mut found = Vec::new();
        for head in ids {
            let Some(version) = versions.iter().find(|version| version.id == head) else {
                continue;
            };
            let entry = version
                .body
                .as_ref()
                .map(|body| entry_of(id, body, None))
                .transpose()?;
            found.push((version.stamp.clone(), entry));
        }
        Ok(found)
    }

    /// Makes an entry's row show what its versions make of it.
    fn project_entry(&self, id: &str) -> Result<(), StoreError> {
        let conn = self.conn();
        let versions = versions_of(conn, id)?;
        let list: Vec<Version<'_>> = versions
            .iter()
            .map(|version| Version {
                id: &version.id,
                supersedes: &version.supersedes,
                stamp: &version.stamp,
                deleted: version.body.is_none(),
            })
            .collect();
        let all_heads = heads(&list);
        let (winner, _) = shown(&all_heads);
        let Some(winner) = winner else {
            conn.execute("DELETE FROM entry WHERE id = ?1", params![id])
                .map_err(sqlite)?;
            return Ok(());
        };
        let Some(body) = versions
            .iter()
            .find(|version| version.id == winner.id)
            .and_then(|version| version.body.as_ref())
        else {
            return Ok(());
        };
        let edited_at = (!winner.supersedes.is_empty())
            .then(|| {
                DateTime::<Utc>::from_timestamp_millis(i64::try_from(winner.stamp.ms).unwrap_or(0))
            })
            .flatten();
        let entry = entry_of(id, body, edited_at)?;
        let exists: bool = conn
            .query_row(
                "SELECT count(*) FROM entry WHERE id = ?1",
                params![id],
                |row| row.get::<_, i64>(0),
            )
            .map_err(sqlite)?
            > 0;
        if exists {
            let mut values: Vec<rusqlite::types::Value> = vec![
                rusqlite::types::Value::Text(id.to_owned()),
                edited_at.map_or(rusqlite::types::Value::Null, |at| {
                    rusqlite::types::Value::Text(timestamp(at))
                }),
            ];
            values.extend(crate::journal::body_values(&entry.body)?);
            conn.execute(
                "UPDATE entry SET edited_at = ?2, author = ?3, kind = ?4, mood = ?5,
                        closeness = ?6, tags = ?7, occurrence = ?8, text = ?9, score = ?10
                 WHERE id = ?1",
                rusqlite::params_from_iter(values),
            )
            .map_err(sqlite)?;
        } else {
            crate::journal::insert_row(conn, &entry)?;
        }
        let living = all_heads.len();
        conn.execute(
            "UPDATE entry SET version = ?2, heads = ?3 WHERE id = ?1",
            params![id, winner.id, i64::try_from(living).unwrap_or(i64::MAX)],
        )
        .map_err(sqlite)?;
        Ok(())
    }

    /// Keeps a version of an entry made elsewhere (or a check-in answer revealed here) and shows
    /// the entry as its versions now stand.
    pub(super) fn apply_entry_version(
        &self,
        entry: &str,
        version: &str,
        supersedes: &[String],
        stamp: &Stamp,
        body: Option<&EntryBody>,
    ) -> Result<(), StoreError> {
        if let Some(body) = body {
            // Checked before it is kept: a version that could not be shown is refused.
            entry_of(entry, body, None)?;
        }
        if insert_version(self.conn(), entry, version, stamp, supersedes, body)? {
            self.project_entry(entry)?;
        }
        Ok(())
    }

    fn apply_notebook_change(
        &self,
        change: &Change,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        let conn = self.conn();
        match change {
            Change::Entry {
                entry,
                version,
                supersedes,
                stamp,
                body,
            } => {
                self.apply_entry_version(entry, version, supersedes, stamp, body.as_ref())?;
                Ok(None)
            }
            Change::CheckInSealed { .. } | Change::CheckInKey { .. } => {
                self.apply_check_in(change, now)?;
                Ok(None)
            }
            Change::Setting { key, value, stamp } => {
                if !SHARED_SETTINGS.contains(&key.as_str()) {
                    return Err(refused(format!(
                        "{key} is not a setting the computers share"
                    )));
                }
                let current: Option<String> = conn
                    .query_row(
                        "SELECT stamp FROM setting_stamp WHERE key = ?1",
                        params![key],
                        |row| row.get(0),
                    )
                    .optional()
                    .map_err(sqlite)?;
                if newer(stamp, current.as_deref().and_then(Stamp::parse).as_ref()) {
                    conn.execute(
                        "INSERT INTO setting_stamp (key, stamp) VALUES (?1, ?2)
                         ON CONFLICT (key) DO UPDATE SET stamp = excluded.stamp",
                        params![key, stamp.to_string()],
                    )
                    .map_err(sqlite)?;
                    self.set_setting(key, value)?;
                }
                Ok(None)
            }
            Change::Deck { file, text, stamp } => {
                if !deck_file_name_ok(file) {
                    return Err(refused(format!("{file} is not a deck file name")));
                }
                let current: Option<String> = conn
                    .query_row(
                        "SELECT stamp FROM deck_file WHERE file = ?1",
                        params![file],
                        |row| row.get(0),
                    )
                    .optional()
                    .map_err(sqlite)?;
                if newer(stamp, current.as_deref().and_then(Stamp::parse).as_ref()) {
                    conn.execute(
                        "INSERT INTO deck_file (file, text, stamp) VALUES (?1, ?2, ?3)
                         ON CONFLICT (file) DO UPDATE SET text = excluded.text, stamp = excluded.stamp",
                        params![file, text, stamp.to_string()],
                    )
                    .map_err(sqlite)?;
                    return Ok(Some(file.clone()));
                }
                Ok(None)
            }
            _ => Err(refused("a calendar change in the notebook stream")),
        }
    }

    /// Applies a segment of another device's notebook changes: all of them in one transaction,
    /// with the segment recorded as applied, or none. Returns what became of it and the deck
    /// files that changed (for the caller to write into the decks folder).
    pub fn apply_notebook_segment(
        &self,
        device: &DeviceId,
        seq: u64,
        digest: &str,
        changes: &[Change],
        now: DateTime<Utc>,
    ) -> Result<(Applied, Vec<String>), StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(
            self.conn(),
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(sqlite)?;
        if let Some(outcome) = check_order(&tx, device, seq, digest, DATABASE)? {
            return Ok((outcome, Vec::new()));
        }
        let mut decks = Vec::new();
        for change in changes {
            if let Some(file) = self.apply_notebook_change(change, now)? {
                decks.push(file);
            }
        }
        observe(
            &tx,
            changes.iter().map(Change::stamp),
            millis(now),
            DATABASE,
        )?;
        record_applied(
            &tx,
            device,
            seq,
            digest,
            &now.to_rfc3339_opts(SecondsFormat::Secs, true),
            DATABASE,
        )?;
        tx.commit().map_err(sqlite)?;
        Ok((
            Applied::Applied {
                changes: changes.len(),
            },
            decks,
        ))
    }
}
