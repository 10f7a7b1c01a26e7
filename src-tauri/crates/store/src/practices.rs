//! The practices' state in the schedule database: deck rounds and favourites, phones-off hours
//! and the reconnection plan's progress.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use hearth_core::phones_off::PhonesOffHour;
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use crate::schedule::sqlite;
use crate::{ScheduleDb, StoreError};

fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

fn instant(ms: i64) -> Result<DateTime<Utc>, StoreError> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .ok_or_else(|| StoreError::Corrupt {
            database: "schedule",
            what: "time".into(),
        })
}

fn read_hour(row: &rusqlite::Row<'_>) -> rusqlite::Result<(String, i64, u32, Option<i64>)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
}

fn to_hour(
    (id, started, minutes, ended): (String, i64, u32, Option<i64>),
) -> Result<PhonesOffHour, StoreError> {
    Ok(PhonesOffHour {
        id,
        started_at: instant(started)?,
        minutes,
        ended_at: ended.map(instant).transpose()?,
    })
}

const HOUR_COLUMNS: &str = "id, started_ms, minutes, ended_ms";

impl ScheduleDb {
    /// The keys of the cards of `deck_id` seen in its current round.
    pub fn deck_seen(&self, deck_id: &str) -> Result<HashSet<String>, StoreError> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT card_key FROM deck_seen WHERE deck_id = ?1")
            .map_err(sqlite)?;
        let keys = statement
            .query_map(params![deck_id], |row| row.get(0))
            .map_err(sqlite)?
            .collect::<Result<HashSet<String>, _>>()
            .map_err(sqlite)?;
        Ok(keys)
    }

    /// Records a drawn card as seen; `new_round` first forgets the round before it. One
    /// transaction, so a crash never leaves a half-reset round.
    pub fn mark_card_seen(
        &self,
        deck_id: &str,
        card_key: &str,
        new_round: bool,
    ) -> Result<(), StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        if new_round {
            tx.execute("DELETE FROM deck_seen WHERE deck_id = ?1", params![deck_id])
                .map_err(sqlite)?;
        }
        tx.execute(
            "INSERT OR IGNORE INTO deck_seen (deck_id, card_key) VALUES (?1, ?2)",
            params![deck_id, card_key],
        )
        .map_err(sqlite)?;
        tx.commit().map_err(sqlite)
    }

    /// Marks or unmarks a card as a favourite.
    pub fn set_favourite(
        &self,
        deck_id: &str,
        card_key: &str,
        favourite: bool,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if favourite {
            self.conn()
                .execute(
                    "INSERT OR IGNORE INTO deck_favourite (deck_id, card_key, at_ms)
                     VALUES (?1, ?2, ?3)",
                    params![deck_id, card_key, millis(now)],
                )
                .map_err(sqlite)?;
        } else {
            self.conn()
                .execute(
                    "DELETE FROM deck_favourite WHERE deck_id = ?1 AND card_key = ?2",
                    params![deck_id, card_key],
                )
                .map_err(sqlite)?;
        }
        Ok(())
    }

    /// The favourite cards of `deck_id`, newest first.
    pub fn favourites(&self, deck_id: &str) -> Result<Vec<String>, StoreError> {
        let mut statement = self
            .conn()
            .prepare_cached(
                "SELECT card_key FROM deck_favourite WHERE deck_id = ?1 ORDER BY at_ms DESC",
            )
            .map_err(sqlite)?;
        let keys = statement
            .query_map(params![deck_id], |row| row.get(0))
            .map_err(sqlite)?
            .collect::<Result<Vec<String>, _>>()
            .map_err(sqlite)?;
        Ok(keys)
    }

    /// Starts a phones-off hour unless one is already counting down at `hour.started_at`, in
    /// which case that one is returned unchanged (starting twice from the tray and the window
    /// keeps one hour).
    pub fn start_phones_off(&self, hour: &PhonesOffHour) -> Result<PhonesOffHour, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let running = tx
            .query_row(
                &format!(
                    "SELECT {HOUR_COLUMNS} FROM phones_off
                     WHERE ended_ms IS NULL AND started_ms + minutes * 60000 > ?1
                     ORDER BY started_ms DESC LIMIT 1"
                ),
                params![millis(hour.started_at)],
                read_hour,
            )
            .optional()
            .map_err(sqlite)?;
        if let Some(running) = running {
            return to_hour(running);
        }
        tx.execute(
            "INSERT INTO phones_off (id, started_ms, minutes) VALUES (?1, ?2, ?3)",
            params![hour.id, millis(hour.started_at), hour.minutes],
        )
        .map_err(sqlite)?;
        self.capture_hour(hour, hour.started_at)?;
        tx.commit().map_err(sqlite)?;
        Ok(hour.clone())
    }

    /// The hour counting down at `now`, if any.
    pub fn running_phones_off(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<PhonesOffHour>, StoreError> {
        self.conn()
            .query_row(
                &format!(
                    "SELECT {HOUR_COLUMNS} FROM phones_off
                     WHERE ended_ms IS NULL AND started_ms + minutes * 60000 > ?1
                     ORDER BY started_ms DESC LIMIT 1"
                ),
                params![millis(now)],
                read_hour,
            )
            .optional()
            .map_err(sqlite)?
            .map(to_hour)
            .transpose()
    }

    /// Ends the running hour early, at `now`. Returns it, or `None` when none was running.
    pub fn end_phones_off_early(
        &self,
        now: DateTime<Utc>,
    ) -> Result<Option<PhonesOffHour>, StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        let Some(mut hour) = self.running_phones_off(now)? else {
            return Ok(None);
        };
        self.conn()
            .execute(
                "UPDATE phones_off SET ended_ms = ?2, ended_early = 1
                 WHERE id = ?1 AND ended_ms IS NULL",
                params![hour.id, millis(now)],
            )
            .map_err(sqlite)?;
        hour.ended_at = Some(now);
        self.capture_hour(&hour, now)?;
        tx.commit().map_err(sqlite)?;
        Ok(Some(hour))
    }

    /// Closes every hour whose time ran out by `now` and returns them, each exactly once (the
    /// caller tells the couple the hour is over). Atomic, like the reminder ledger.
    pub fn finish_phones_off(&self, now: DateTime<Utc>) -> Result<Vec<PhonesOffHour>, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let finished = {
            let mut statement = tx
                .prepare_cached(&format!(
                    "UPDATE phones_off SET ended_ms = started_ms + minutes * 60000
                     WHERE ended_ms IS NULL AND started_ms + minutes * 60000 <= ?1
                     RETURNING {HOUR_COLUMNS}"
                ))
                .map_err(sqlite)?;
            statement
                .query_map(params![millis(now)], read_hour)
                .map_err(sqlite)?
                .collect::<Result<Vec<_>, _>>()
                .map_err(sqlite)?
        };
        let finished = finished
            .into_iter()
            .map(to_hour)
            .collect::<Result<Vec<_>, _>>()?;
        for hour in &finished {
            self.capture_hour(hour, now)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(finished)
    }

    /// Hours started at or after `since`, oldest first.
    pub fn phones_off_since(&self, since: DateTime<Utc>) -> Result<Vec<PhonesOffHour>, StoreError> {
        let mut statement = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {HOUR_COLUMNS} FROM phones_off WHERE started_ms >= ?1 ORDER BY started_ms"
            ))
            .map_err(sqlite)?;
        let rows = statement
            .query_map(params![millis(since)], read_hour)
            .map_err(sqlite)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sqlite)?;
        rows.into_iter().map(to_hour).collect()
    }

    /// The dates the plan's finished days were done on, day 1 first.
    pub fn plan_steps(&self) -> Result<Vec<NaiveDate>, StoreError> {
        let mut statement = self
            .conn()
            .prepare_cached("SELECT done_on FROM plan_step ORDER BY day")
            .map_err(sqlite)?;
        let rows = statement
            .query_map([], |row| row.get::<_, String>(0))
            .map_err(sqlite)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sqlite)?;
        rows.iter()
            .map(|text| {
                NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| StoreError::Corrupt {
                    database: "schedule",
                    what: "plan date".into(),
                })
            })
            .collect()
    }

    /// Records `day` as done on `on`. Refuses (returns false) when it is not the next day.
    pub fn finish_plan_day(
        &self,
        day: u32,
        on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        let inserted = self
            .conn()
            .execute(
                "INSERT INTO plan_step (day, done_on)
                 SELECT ?1, ?2 WHERE (SELECT count(*) FROM plan_step) = ?1 - 1",
                params![day, on.format("%Y-%m-%d").to_string()],
            )
            .map_err(sqlite)?;
        if inserted == 1
            && let (Some(device), Some(started)) = (self.paired_device()?, self.plan_started()?)
        {
            crate::sync::calendar::capture_plan_step(self.conn(), &device, started, day, on, now)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(inserted == 1)
    }

    /// When the plan was started, if it was.
    pub fn plan_started(&self) -> Result<Option<NaiveDate>, StoreError> {
        let text: Option<String> = self
            .conn()
            .query_row("SELECT on_date FROM plan_start WHERE id = 1", [], |row| {
                row.get(0)
            })
            .optional()
            .map_err(sqlite)?;
        text.map(|text| {
            NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| StoreError::Corrupt {
                database: "schedule",
                what: "the plan's start".into(),
            })
        })
        .transpose()
    }

    /// Starts the plan afresh on `on`: its progress is cleared.
    pub fn start_plan(&self, on: NaiveDate, now: DateTime<Utc>) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        self.write_plan_start(on)?;
        if let Some(device) = self.paired_device()? {
            crate::sync::calendar::capture_plan_started(self.conn(), &device, on, now)?;
        }
        tx.commit().map_err(sqlite)
    }

    pub(crate) fn write_plan_start(&self, on: NaiveDate) -> Result<(), StoreError> {
        self.conn()
            .execute_batch("DELETE FROM plan_step")
            .map_err(sqlite)?;
        self.conn()
            .execute(
                "INSERT INTO plan_start (id, on_date) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET on_date = excluded.on_date",
                params![on.format("%Y-%m-%d").to_string()],
            )
            .map_err(sqlite)?;
        Ok(())
    }

    fn paired_device(&self) -> Result<Option<hearth_sync::DeviceId>, StoreError> {
        crate::sync::self_device(self.conn(), "schedule")
    }

    fn capture_hour(&self, hour: &PhonesOffHour, now: DateTime<Utc>) -> Result<(), StoreError> {
        let Some(device) = self.paired_device()? else {
            return Ok(());
        };
        let row = crate::sync::calendar::HourRow {
            id: hour.id.clone(),
            started_ms: millis(hour.started_at),
            minutes: hour.minutes,
            ended_ms: hour.ended_at.map(millis),
            ended_early: hour.ended_at.is_some_and(|ended| ended < hour.ends_at()),
        };
        crate::sync::calendar::capture_phones_off(self.conn(), &device, &row, now)
    }

    fn capture_breathing_row(&self, started_ms: i64, now: DateTime<Utc>) -> Result<(), StoreError> {
        let Some(device) = self.paired_device()? else {
            return Ok(());
        };
        let row: Option<(i64, i64)> = self
            .conn()
            .query_row(
                "SELECT planned_ms, breathed_ms FROM breathing_log WHERE started_ms = ?1",
                params![started_ms],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
            .map_err(sqlite)?;
        match row {
            Some((planned, breathed)) => crate::sync::calendar::capture_breathing(
                self.conn(),
                &device,
                (started_ms, planned, breathed),
                now,
            ),
            None => Ok(()),
        }
    }

    /// Logs a breathing session as it starts, counted in full until `end_breathing` says
    /// otherwise. A second start at the same millisecond replaces the first.
    pub fn log_breathing(
        &self,
        started_at: DateTime<Utc>,
        planned_ms: u64,
    ) -> Result<(), StoreError> {
        let planned = i64::try_from(planned_ms.max(1)).unwrap_or(i64::MAX);
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        self.conn()
            .execute(
                "INSERT OR REPLACE INTO breathing_log (started_ms, planned_ms, breathed_ms)
                 VALUES (?1, ?2, ?2)",
                params![millis(started_at), planned],
            )
            .map_err(sqlite)?;
        self.capture_breathing_row(millis(started_at), started_at)?;
        tx.commit().map_err(sqlite)
    }

    /// Records how long the session begun at `started_at` really ran (capped at its plan).
    pub fn end_breathing(
        &self,
        started_at: DateTime<Utc>,
        breathed_ms: u64,
    ) -> Result<(), StoreError> {
        let breathed = i64::try_from(breathed_ms).unwrap_or(i64::MAX);
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        self.conn()
            .execute(
                "UPDATE breathing_log SET breathed_ms = min(?2, planned_ms) WHERE started_ms = ?1",
                params![millis(started_at), breathed],
            )
            .map_err(sqlite)?;
        // Stamped at the session's start plus what was breathed: when it ended.
        let ended = started_at + chrono::Duration::milliseconds(breathed);
        self.capture_breathing_row(millis(started_at), ended)?;
        tx.commit().map_err(sqlite)
    }

    /// Sessions begun at or after `since`: (start, milliseconds breathed), oldest first.
    pub fn breathing_since(
        &self,
        since: DateTime<Utc>,
    ) -> Result<Vec<(DateTime<Utc>, u64)>, StoreError> {
        let mut statement = self
            .conn()
            .prepare_cached(
                "SELECT started_ms, breathed_ms FROM breathing_log WHERE started_ms >= ?1
                 ORDER BY started_ms",
            )
            .map_err(sqlite)?;
        let rows = statement
            .query_map(params![millis(since)], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(sqlite)?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sqlite)?;
        rows.into_iter()
            .map(|(started, breathed)| {
                Ok((instant(started)?, u64::try_from(breathed).unwrap_or(0)))
            })
            .collect()
    }

    /// When the first phones-off hour or breathing session began, if any.
    pub fn first_practice_at(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let first: Option<i64> = self
            .conn()
            .query_row(
                "SELECT min(started_ms) FROM (SELECT started_ms FROM phones_off
                 UNION ALL SELECT started_ms FROM breathing_log)",
                [],
                |row| row.get(0),
            )
            .map_err(sqlite)?;
        first.map(instant).transpose()
    }
}

#[cfg(test)]
mod tests;
