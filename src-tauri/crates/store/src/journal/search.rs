//! The search query: a page of matching `seq`s picked newest first (or by relevance), then
//! those entries, so a page never sorts every match.

use hearth_core::{EntryQuery, SearchOrder};
use rusqlite::types::Value;

use super::rows::{ENTRY_COLUMNS, first_seq_at};

/// The statement and values for a search: the page of matching `seq`s, then those entries.
pub(super) fn find_sql(query: &EntryQuery) -> (String, Vec<Value>) {
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
