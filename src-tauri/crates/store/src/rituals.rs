//! Rituals, the occurrence log and the reminder ledger in the schedule database (not encrypted:
//! reminders must work while the journal is locked). Nothing here holds what a partner writes:
//! a skip note, if any, goes to the journal.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use hearth_core::planner::{OccurrenceStatus, Plan, ReminderKey};
use hearth_core::ritual::{Practice, Ritual, Schedule, Zone, iso_week};
use hearth_sync::MarkStatus;
use rusqlite::{OptionalExtension, Row, TransactionBehavior, params};

use crate::StoreError;
use crate::schedule::{ScheduleDb, sqlite};

const DATABASE: &str = "schedule";

fn corrupt(what: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        database: DATABASE,
        what: what.into(),
    }
}

fn timestamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| corrupt("time"))
}

const LOCAL: &str = "%Y-%m-%dT%H:%M";

const RITUAL_COLUMNS: &str = "id, title, practice, schedule, start_local, tz, duration_min, \
     reminders, except_dates, paused_until, archived, reminders_from";

fn read_ritual(row: &Row<'_>) -> rusqlite::Result<Result<Ritual, StoreError>> {
    let id: String = row.get(0)?;
    let title: String = row.get(1)?;
    let practice: Option<String> = row.get(2)?;
    let schedule: String = row.get(3)?;
    let start: String = row.get(4)?;
    let tz: Option<String> = row.get(5)?;
    let duration: u32 = row.get(6)?;
    let reminders: String = row.get(7)?;
    let except: String = row.get(8)?;
    let paused: Option<String> = row.get(9)?;
    let archived: bool = row.get(10)?;
    let reminders_from: String = row.get(11)?;
    Ok((|| {
        let zone = match tz {
            None => Zone::Floating,
            Some(name) => Zone::Pinned(name.parse::<Tz>().map_err(|_| corrupt("tz"))?),
        };
        let except: Vec<String> = serde_json::from_str(&except).map_err(|_| corrupt("except"))?;
        Ok(Ritual {
            id,
            title,
            practice: practice
                .map(|p| Practice::parse(&p).ok_or_else(|| corrupt("practice")))
                .transpose()?,
            schedule: Schedule::parse(&schedule).map_err(|e| corrupt(e.to_string()))?,
            start: NaiveDateTime::parse_from_str(&start, LOCAL).map_err(|_| corrupt("start"))?,
            zone,
            duration_minutes: duration,
            reminders: serde_json::from_str(&reminders).map_err(|_| corrupt("reminders"))?,
            except: except
                .iter()
                .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| corrupt("except")))
                .collect::<Result<_, _>>()?,
            paused_until: paused
                .map(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| corrupt("paused")))
                .transpose()?,
            archived,
            reminders_from: parse_time(&reminders_from)?,
        })
    })())
}

fn ritual_values(ritual: &Ritual) -> Result<Vec<rusqlite::types::Value>, StoreError> {
    use rusqlite::types::Value;
    let text = |s: String| Value::Text(s);
    Ok(vec![
        text(ritual.id.clone()),
        text(ritual.title.clone()),
        ritual
            .practice
            .map_or(Value::Null, |p| text(p.as_str().to_owned())),
        text(ritual.schedule.to_text()),
        text(ritual.start.format(LOCAL).to_string()),
        match ritual.zone {
            Zone::Floating => Value::Null,
            Zone::Pinned(tz) => text(tz.name().to_owned()),
        },
        Value::Integer(i64::from(ritual.duration_minutes)),
        text(serde_json::to_string(&ritual.reminders).map_err(|_| corrupt("reminders"))?),
        text(
            serde_json::to_string(
                &ritual
                    .except
                    .iter()
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .collect::<Vec<_>>(),
            )
            .map_err(|_| corrupt("except"))?,
        ),
        ritual
            .paused_until
            .map_or(Value::Null, |d| text(d.format("%Y-%m-%d").to_string())),
        Value::Integer(i64::from(ritual.archived)),
        text(timestamp(ritual.reminders_from)),
    ])
}

/// What the couple did with recent occurrences, as the planner wants it.
#[derive(Debug, Default)]
pub struct OccurrenceLog {
    /// By ritual id, then occurrence key.
    pub status: HashMap<String, HashMap<String, OccurrenceStatus>>,
    /// Done counts by ritual id, then ISO week of the occurrence's local date.
    pub week_done: HashMap<String, HashMap<(i32, u32), u32>>,
}

impl ScheduleDb {
    fn paired(&self) -> Result<Option<hearth_sync::DeviceId>, StoreError> {
        crate::sync::self_device(self.conn(), DATABASE)
    }

    /// Writes a ritual's row: a new one (`created`: when) or over the existing one. Records
    /// nothing for the other computer; callers do.
    pub(crate) fn write_ritual(
        &self,
        ritual: &Ritual,
        created: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        let mut values = ritual_values(ritual)?;
        match created {
            Some(now) => {
                values.push(rusqlite::types::Value::Text(timestamp(now)));
                self.conn()
                    .execute(
                        &format!(
                            "INSERT INTO ritual ({RITUAL_COLUMNS}, created_at)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
                        ),
                        rusqlite::params_from_iter(values),
                    )
                    .map_err(sqlite)?;
            }
            None => {
                self.conn()
                    .execute(
                        "UPDATE ritual SET title = ?2, practice = ?3, schedule = ?4, start_local = ?5,
                                tz = ?6, duration_min = ?7, reminders = ?8, except_dates = ?9,
                                paused_until = ?10, archived = ?11, reminders_from = ?12
                         WHERE id = ?1",
                        rusqlite::params_from_iter(values),
                    )
                    .map_err(sqlite)?;
            }
        }
        Ok(())
    }

    /// Removes a ritual's row with its ledger, and with its log and marks unless paired: then
    /// they stay, unseen (every query looks only at rituals that exist), so both computers hold
    /// the same history whichever order a deletion and a mark arrive in.
    pub(crate) fn remove_ritual(&self, id: &str) -> Result<bool, StoreError> {
        let tables: &[&str] = if self.paired()?.is_some() {
            &["reminder_ledger"]
        } else {
            &["reminder_ledger", "occurrence_log", "occurrence_mark"]
        };
        for table in tables {
            self.conn()
                .execute(
                    &format!("DELETE FROM {table} WHERE ritual_id = ?1"),
                    params![id],
                )
                .map_err(sqlite)?;
        }
        let removed = self
            .conn()
            .execute("DELETE FROM ritual WHERE id = ?1", params![id])
            .map_err(sqlite)?;
        Ok(removed > 0)
    }

    fn insert_one(&self, ritual: &Ritual, now: DateTime<Utc>) -> Result<(), StoreError> {
        self.write_ritual(ritual, Some(now))?;
        if let Some(device) = self.paired()? {
            crate::sync::calendar::capture_ritual(self.conn(), &device, ritual, None, now)?;
        }
        Ok(())
    }

    /// Adds a validated ritual.
    pub fn insert_ritual(&self, ritual: &Ritual, now: DateTime<Utc>) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        self.insert_one(ritual, now)?;
        tx.commit().map_err(sqlite)
    }

    /// Adds several validated rituals in one transaction: all of them or none.
    pub fn insert_rituals(&self, rituals: &[Ritual], now: DateTime<Utc>) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        for ritual in rituals {
            self.insert_one(ritual, now)?;
        }
        tx.commit().map_err(sqlite)
    }

    /// Replaces a ritual; returns whether it existed.
    pub fn update_ritual(&self, ritual: &Ritual, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        let Some(before) = self.ritual(&ritual.id)? else {
            return Ok(false);
        };
        self.write_ritual(ritual, None)?;
        if let Some(device) = self.paired()? {
            crate::sync::calendar::capture_ritual(
                self.conn(),
                &device,
                ritual,
                Some(&before),
                now,
            )?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(true)
    }

    /// Removes a ritual with its log and ledger; returns whether it existed.
    pub fn delete_ritual(&self, id: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        let removed = self.remove_ritual(id)?;
        if removed && let Some(device) = self.paired()? {
            crate::sync::calendar::capture_ritual_deleted(self.conn(), &device, id, now)?;
        }
        tx.commit().map_err(sqlite)?;
        Ok(removed)
    }

    pub fn ritual(&self, id: &str) -> Result<Option<Ritual>, StoreError> {
        self.conn()
            .query_row(
                &format!("SELECT {RITUAL_COLUMNS} FROM ritual WHERE id = ?1"),
                params![id],
                read_ritual,
            )
            .optional()
            .map_err(sqlite)?
            .transpose()
    }

    /// Every ritual in the order they were added.
    pub fn rituals(&self) -> Result<Vec<Ritual>, StoreError> {
        let mut statement = self
            .conn()
            .prepare(&format!(
                "SELECT {RITUAL_COLUMNS} FROM ritual ORDER BY created_at, rowid"
            ))
            .map_err(sqlite)?;
        let rows = statement.query_map([], read_ritual).map_err(sqlite)?;
        let mut rituals = Vec::new();
        for row in rows {
            rituals.push(row.map_err(sqlite)??);
        }
        Ok(rituals)
    }

    /// Records what happened to an occurrence (replacing an earlier status), or clears it.
    /// Done, skipped and clearing reach the other computer; a snooze is this computer's own.
    pub fn set_occurrence_status(
        &self,
        ritual_id: &str,
        occurrence: &str,
        status: Option<OccurrenceStatus>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn().unchecked_transaction().map_err(sqlite)?;
        let mark = match status {
            None => {
                self.conn()
                    .execute(
                        "DELETE FROM occurrence_log WHERE ritual_id = ?1 AND occurrence = ?2",
                        params![ritual_id, occurrence],
                    )
                    .map_err(sqlite)?;
                Some(None)
            }
            Some(status) => {
                let (name, until, mark) = match status {
                    OccurrenceStatus::Done => ("done", None, Some(Some(MarkStatus::Done))),
                    OccurrenceStatus::Skipped => ("skipped", None, Some(Some(MarkStatus::Skipped))),
                    OccurrenceStatus::Snoozed(until) => ("snoozed", Some(timestamp(until)), None),
                };
                self.conn()
                    .execute(
                        "INSERT INTO occurrence_log (ritual_id, occurrence, status, snoozed_until, at)
                         VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (ritual_id, occurrence) DO UPDATE SET
                             status = excluded.status, snoozed_until = excluded.snoozed_until,
                             at = excluded.at",
                        params![ritual_id, occurrence, name, until, timestamp(now)],
                    )
                    .map_err(sqlite)?;
                mark
            }
        };
        if let (Some(mark), Some(device)) = (mark, self.paired()?) {
            crate::sync::calendar::capture_mark(
                self.conn(),
                &device,
                ritual_id,
                occurrence,
                mark,
                now,
            )?;
        }
        tx.commit().map_err(sqlite)
    }

    /// Statuses of occurrences whose key (local time) is on or after `since` (a local date).
    pub fn occurrence_log(&self, since: NaiveDate) -> Result<OccurrenceLog, StoreError> {
        let mut statement = self
            .conn()
            .prepare_cached(
                "SELECT ritual_id, occurrence, status, snoozed_until FROM occurrence_log
                 WHERE occurrence >= ?1 AND ritual_id IN (SELECT id FROM ritual)",
            )
            .map_err(sqlite)?;
        let rows = statement
            .query_map(params![since.format("%Y-%m-%d").to_string()], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, Option<String>>(3)?,
                ))
            })
            .map_err(sqlite)?;
        let mut log = OccurrenceLog::default();
        for row in rows {
            let (ritual, occurrence, status, until) = row.map_err(sqlite)?;
            let status = match (status.as_str(), until) {
                ("done", _) => OccurrenceStatus::Done,
                ("skipped", _) => OccurrenceStatus::Skipped,
                ("snoozed", Some(until)) => OccurrenceStatus::Snoozed(parse_time(&until)?),
                _ => return Err(corrupt("occurrence status")),
            };
            log.status
                .entry(ritual)
                .or_default()
                .insert(occurrence, status);
        }
        drop(statement);
        // The partner's marks count too: done by anyone is done; skipped by anyone is skipped
        // unless someone did it (a snooze here gives way to either).
        let mut marks = self
            .conn()
            .prepare_cached(
                "SELECT ritual_id, occurrence, status FROM occurrence_mark
                 WHERE occurrence >= ?1 AND status IS NOT NULL AND ritual_id IN (SELECT id FROM ritual)",
            )
            .map_err(sqlite)?;
        let rows = marks
            .query_map(params![since.format("%Y-%m-%d").to_string()], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                ))
            })
            .map_err(sqlite)?;
        for row in rows {
            let (ritual, occurrence, status) = row.map_err(sqlite)?;
            let theirs = if status == "done" {
                OccurrenceStatus::Done
            } else {
                OccurrenceStatus::Skipped
            };
            let ours = log
                .status
                .entry(ritual)
                .or_default()
                .entry(occurrence)
                .or_insert(theirs);
            if theirs == OccurrenceStatus::Done || !matches!(*ours, OccurrenceStatus::Done) {
                *ours = theirs;
            }
        }
        for (ritual, statuses) in &log.status {
            for (occurrence, status) in statuses {
                if *status == OccurrenceStatus::Done
                    && let Some(date) = occurrence
                        .get(..10)
                        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                {
                    *log.week_done
                        .entry(ritual.clone())
                        .or_default()
                        .entry(iso_week(date))
                        .or_default() += 1;
                }
            }
        }
        Ok(log)
    }

    /// Decides which reminders to send, atomically: reads the ledger and the log, lets `plan`
    /// decide, and records every reminder it returns in the ledger before committing. A reminder
    /// in the ledger is never returned again, across restarts and clock changes.
    pub fn decide_reminders(
        &self,
        now: DateTime<Utc>,
        since: NaiveDate,
        plan: impl FnOnce(&HashSet<ReminderKey>, &OccurrenceLog) -> Plan,
    ) -> Result<Plan, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        let mut sent = HashSet::new();
        {
            let mut statement = tx
                .prepare_cached(
                    "SELECT ritual_id, occurrence, reminder FROM reminder_ledger
                     WHERE occurrence >= ?1",
                )
                .map_err(sqlite)?;
            let rows = statement
                .query_map(params![since.format("%Y-%m-%d").to_string()], |row| {
                    Ok(ReminderKey {
                        ritual_id: row.get(0)?,
                        occurrence: row.get(1)?,
                        reminder: row.get(2)?,
                    })
                })
                .map_err(sqlite)?;
            for row in rows {
                sent.insert(row.map_err(sqlite)?);
            }
        }
        let log = self.occurrence_log(since)?;
        let decided = plan(&sent, &log);
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO reminder_ledger
                         (ritual_id, occurrence, reminder, due, decided_at, outcome)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(sqlite)?;
            for (reminder, outcome) in decided
                .on_time
                .iter()
                .map(|r| (r, "on_time"))
                .chain(decided.late.iter().map(|r| (r, "late")))
            {
                insert
                    .execute(params![
                        reminder.key.ritual_id,
                        reminder.key.occurrence,
                        reminder.key.reminder,
                        timestamp(reminder.due),
                        timestamp(now),
                        outcome
                    ])
                    .map_err(sqlite)?;
            }
        }
        tx.commit().map_err(sqlite)?;
        Ok(decided)
    }

    /// Forgets ledger rows and log entries for occurrences before `before` (a local date).
    pub fn prune_ledger(&self, before: NaiveDate) -> Result<usize, StoreError> {
        self.conn()
            .execute(
                "DELETE FROM reminder_ledger WHERE occurrence < ?1",
                params![before.format("%Y-%m-%d").to_string()],
            )
            .map_err(sqlite)
    }
}

#[cfg(test)]
mod tests;
