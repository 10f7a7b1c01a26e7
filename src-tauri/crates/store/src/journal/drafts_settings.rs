//! The journal's drafts (one per slot, replaced as people type) and its encrypted settings.

use super::*;
use crate::SettingsTable;

impl JournalDb {
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
        SettingsTable::Journal.read(&self.conn, key).map_err(sqlite)
    }

    /// Stores a setting inside the encrypted journal.
    pub fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        SettingsTable::Journal
            .write(&self.conn, key, value)
            .map_err(sqlite)
    }

    /// Stores several settings in one transaction: all of them or none.
    /// The partners' names and details reach the other computer once paired.
    pub fn set_settings(
        &mut self,
        pairs: &[(&str, &str)],
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction().map_err(sqlite)?;
        for (key, value) in pairs {
            SettingsTable::Journal
                .write(&tx, key, value)
                .map_err(sqlite)?;
        }
        self.capture_settings(pairs, now)?;
        tx.commit().map_err(sqlite)
    }
}
