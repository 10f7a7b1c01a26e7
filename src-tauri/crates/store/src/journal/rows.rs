//! How an entry maps to rows of the `entry` table and back: columns, `seq` slots, times.

use chrono::{DateTime, SecondsFormat, Utc};
use hearth_core::{Entry, EntryKind, NewEntry};
use rusqlite::{Connection, Row, params, params_from_iter, types::Value};

use super::{DATABASE, sqlite};
use crate::StoreError;

pub(super) const ENTRY_COLUMNS: &str = "entry.id, entry.created_at, entry.edited_at, entry.author, \
     entry.kind, entry.mood, entry.closeness, entry.tags, entry.occurrence, entry.text, entry.score";

/// The seven columns every write takes from an entry's body, in table order: author, kind,
/// mood, closeness, tags, occurrence, text.
pub(crate) fn body_values(body: &NewEntry) -> Result<[Value; 8], StoreError> {
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
pub(super) fn first_seq_at(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
        .saturating_mul(SEQ_SLOTS_PER_MILLISECOND)
}

/// Writes a whole entry with `verb` ("INSERT" or "INSERT OR IGNORE"); returns rows written.
/// Its `seq` is the first free slot in its creation millisecond, so rowid order is time order.
pub(super) fn insert(conn: &Connection, verb: &str, entry: &Entry) -> Result<usize, StoreError> {
    if !entry_time_in_range(entry.created_at) || !entry.edited_at.is_none_or(entry_time_in_range) {
        return Err(StoreError::Unsupported(format!(
            "an entry dated {} is outside the range the journal can hold ({} to {})",
            timestamp(entry.created_at),
            ENTRY_TIME_RANGE.0,
            ENTRY_TIME_RANGE.1
        )));
    }
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

pub(super) fn new_entry_id() -> Result<String, StoreError> {
    crate::new_id()
}

/// RFC 3339 in UTC with milliseconds: sorts as text, round-trips exactly.
pub(crate) fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads a time written by [`timestamp`]. Also reads the signed five-digit years chrono
/// writes beyond 9999, which an older Hearth let an import store, so such a row can still be
/// shown and fixed.
pub(super) fn parse_timestamp(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .or_else(|_| {
            chrono::NaiveDateTime::parse_from_str(
                text.strip_suffix('Z').unwrap_or("-"),
                "%Y-%m-%dT%H:%M:%S%.f",
            )
            .map(|t| t.and_utc())
        })
        .map_err(|_| StoreError::Corrupt {
            database: DATABASE,
            what: "time".into(),
        })
}

/// The times an entry may carry: from 1900 to the end of 2199. Wider than any journal's life,
/// narrow enough that every time sorts, prints and converts everywhere.
pub const ENTRY_TIME_RANGE: (i32, i32) = (1900, 2199);

/// Whether `at` lies within [`ENTRY_TIME_RANGE`].
pub fn entry_time_in_range(at: DateTime<Utc>) -> bool {
    use chrono::Datelike as _;
    (ENTRY_TIME_RANGE.0..=ENTRY_TIME_RANGE.1).contains(&at.year())
}

pub(super) fn truncate_to_millis(at: DateTime<Utc>) -> DateTime<Utc> {
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

pub(super) fn read_entry(row: &Row<'_>) -> rusqlite::Result<RowResult> {
    let corrupt = |what: &str| StoreError::Corrupt {
        database: DATABASE,
        what: what.to_owned(),
    };
    let parse_time = |text: String| parse_timestamp(&text);
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
