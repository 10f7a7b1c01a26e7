//! Copies and checks of the journal: a compacted copy, a copy under a new key, a WAL checkpoint,
//! and an integrity check that names unreadable rows.

use super::*;

impl JournalDb {
    /// Writes a consistent, encrypted copy of the journal to `dest` with `VACUUM INTO`, never a
    /// file copy of the live database. `dest` must not exist, or be an empty file Hearth just
    /// created (a staged name); it is created private.
    pub fn vacuum_into(&self, dest: &Path) -> Result<(), StoreError> {
        let empty = std::fs::metadata(dest).is_ok_and(|meta| meta.is_file() && meta.len() == 0);
        if !empty {
            drop(durable::create_private(dest).map_err(io)?);
        }
        let text = dest.to_str().ok_or(StoreError::Corrupt {
            database: DATABASE,
            what: "the copy's path is not valid UTF-8".into(),
        })?;
        self.conn
            .execute("VACUUM INTO ?1", params![text])
            .map_err(sqlite)?;
        Ok(())
    }

    /// Writes a copy of the journal to `dest` encrypted under `new_key` instead of `key` (this
    /// journal's), checks it and returns its entry count. The copy is `VACUUM INTO` and then
    /// re-keyed on its own, so the live journal is untouched until the caller swaps the files.
    pub fn rekeyed_copy(
        &self,
        dest: &Path,
        key: &DataKey,
        new_key: &DataKey,
    ) -> Result<i64, StoreError> {
        self.vacuum_into(dest)?;
        {
            let copy = Self::connect(dest, key)?;
            // Re-keying rewrites every page; in rollback-journal mode it is one plain transaction.
            copy.conn
                .execute_batch("PRAGMA journal_mode = DELETE;")
                .map_err(sqlite)?;
            set_key(&copy.conn, "rekey", new_key)?;
        }
        let copy = Self::open(dest, new_key)?;
        let problems = copy.verify()?;
        let count = copy.count()?;
        if !problems.is_empty() || count != self.count()? {
            return Err(StoreError::Corrupt {
                database: DATABASE,
                what: format!(
                    "the re-encrypted copy did not match ({} problems, {count} entries)",
                    problems.len()
                ),
            });
        }
        copy.checkpoint()?;
        Ok(count)
    }

    /// Moves everything in the WAL into the main file and empties the WAL.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .map_err(sqlite)
    }

    /// The entries that cannot be read back (a damaged time, kind or tag list) or carry a time
    /// outside the range, one line each, naming the entry by id.
    fn unreadable_entries(&self) -> Result<Vec<String>, StoreError> {
        let mut statement = self
            .conn
            .prepare(&format!("SELECT {ENTRY_COLUMNS} FROM entry ORDER BY seq"))
            .map_err(sqlite)?;
        let rows = statement
            .query_map([], |row| Ok((row.get::<_, String>(0)?, read_entry(row)?)))
            .map_err(sqlite)?;
        let mut problems = Vec::new();
        for row in rows {
            let (id, entry) = row.map_err(sqlite)?;
            let id: String = id
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .take(64)
                .collect();
            match entry {
                Err(error) => problems.push(format!("entry {id} cannot be read ({error})")),
                Ok(entry)
                    if !entry_time_in_range(entry.created_at)
                        || !entry.edited_at.is_none_or(entry_time_in_range) =>
                {
                    problems.push(format!(
                        "entry {id} is dated outside {} to {}; edit or delete it",
                        ENTRY_TIME_RANGE.0, ENTRY_TIME_RANGE.1
                    ));
                }
                Ok(_) => {}
            }
        }
        Ok(problems)
    }

    /// Runs SQLite's and SQLCipher's integrity checks and reads every entry; returns every
    /// problem found (none when healthy), naming entries by id only.
    pub fn verify(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = self.unreadable_entries()?;
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
