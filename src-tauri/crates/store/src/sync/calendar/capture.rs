//! Recording the calendar's changes made on this computer, in the transaction that makes them:
//! a ritual's changed fields, its deletion, a mark, a phones-off hour, a breathing session, the
//! plan; and, on pairing, what the calendar already holds.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_core::ritual::Ritual;
use hearth_sync::{Change, DeviceId, MarkStatus, RitualField};
use rusqlite::Connection;

use super::super::{push, tick};
use super::{
    DATABASE, DELETED, day, field_json, millis, put_field, put_record_stamp, ritual_fields,
};
use crate::StoreError;
use crate::schedule::{ScheduleDb, sqlite};

/// Records the fields of `ritual` that differ from `before` (all of them for a new ritual).
pub(crate) fn capture_ritual(
    conn: &Connection,
    device: &DeviceId,
    ritual: &Ritual,
    before: Option<&Ritual>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let old = before.map(ritual_fields).unwrap_or_default();
    let changed: Vec<RitualField> = ritual_fields(ritual)
        .into_iter()
        .filter(|field| !old.contains(field))
        .collect();
    if changed.is_empty() {
        return Ok(());
    }
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    for field in changed {
        put_field(conn, &ritual.id, field.name(), &field_json(&field)?, &stamp)?;
        push(
            conn,
            &Change::Ritual {
                id: ritual.id.clone(),
                stamp: stamp.clone(),
                field,
            },
            DATABASE,
        )?;
    }
    Ok(())
}

pub(crate) fn capture_ritual_deleted(
    conn: &Connection,
    device: &DeviceId,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    put_field(conn, id, DELETED, "true", &stamp)?;
    push(
        conn,
        &Change::RitualDeleted {
            id: id.to_owned(),
            stamp,
        },
        DATABASE,
    )
}

pub(crate) fn capture_mark(
    conn: &Connection,
    device: &DeviceId,
    ritual: &str,
    occurrence: &str,
    status: Option<MarkStatus>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    push(
        conn,
        &Change::Mark {
            ritual: ritual.to_owned(),
            occurrence: occurrence.to_owned(),
            status,
            stamp,
        },
        DATABASE,
    )
}

/// A phones-off hour as it stands now.
pub(crate) struct HourRow {
    pub id: String,
    pub started_ms: i64,
    pub minutes: u32,
    pub ended_ms: Option<i64>,
    pub ended_early: bool,
}

pub(crate) fn capture_phones_off(
    conn: &Connection,
    device: &DeviceId,
    hour: &HourRow,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    put_record_stamp(conn, "phones_off", &hour.id, &stamp)?;
    push(
        conn,
        &Change::PhonesOff {
            id: hour.id.clone(),
            started_ms: hour.started_ms,
            minutes: hour.minutes,
            ended_ms: hour.ended_ms,
            ended_early: hour.ended_early,
            stamp,
        },
        DATABASE,
    )
}

pub(crate) fn capture_breathing(
    conn: &Connection,
    device: &DeviceId,
    (started_ms, planned_ms, breathed_ms): (i64, i64, i64),
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    put_record_stamp(conn, "breathing", &started_ms.to_string(), &stamp)?;
    push(
        conn,
        &Change::Breathing {
            started_ms,
            planned_ms,
            breathed_ms,
            stamp,
        },
        DATABASE,
    )
}

pub(crate) fn capture_plan_started(
    conn: &Connection,
    device: &DeviceId,
    on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    put_record_stamp(conn, "plan", "started", &stamp)?;
    push(conn, &Change::PlanStarted { on: day(on), stamp }, DATABASE)
}

pub(crate) fn capture_plan_step(
    conn: &Connection,
    device: &DeviceId,
    started_on: NaiveDate,
    number: u32,
    done_on: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let stamp = tick(conn, device, millis(now), DATABASE)?;
    push(
        conn,
        &Change::PlanStep {
            started_on: day(started_on),
            day: number,
            done_on: day(done_on),
            stamp,
        },
        DATABASE,
    )
}

/// Records what the calendar already holds besides rituals (marks made here, phones-off hours,
/// breathing sessions, the plan) when this computer is paired.
pub(crate) fn snapshot_facts(
    db: &ScheduleDb,
    device: &DeviceId,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let conn = db.conn();
    let marks: Vec<(String, String, String)> = {
        let mut statement = conn
            .prepare("SELECT ritual_id, occurrence, status FROM occurrence_log WHERE status IN ('done', 'skipped')")
            .map_err(sqlite)?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)?
    };
    for (ritual, occurrence, status) in marks {
        let status = if status == "done" {
            MarkStatus::Done
        } else {
            MarkStatus::Skipped
        };
        capture_mark(conn, device, &ritual, &occurrence, Some(status), now)?;
    }
    let hours: Vec<(String, i64, u32, Option<i64>, bool)> = {
        let mut statement = conn
            .prepare("SELECT id, started_ms, minutes, ended_ms, ended_early FROM phones_off")
            .map_err(sqlite)?;
        let rows = statement
            .query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)?
    };
    for (id, started_ms, minutes, ended_ms, ended_early) in hours {
        let row = HourRow {
            id,
            started_ms,
            minutes,
            ended_ms,
            ended_early,
        };
        capture_phones_off(conn, device, &row, now)?;
    }
    let sessions: Vec<(i64, i64, i64)> = {
        let mut statement = conn
            .prepare("SELECT started_ms, planned_ms, breathed_ms FROM breathing_log")
            .map_err(sqlite)?;
        let rows = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))
            .map_err(sqlite)?;
        rows.collect::<Result<_, _>>().map_err(sqlite)?
    };
    for session in sessions {
        capture_breathing(conn, device, session, now)?;
    }
    if let Some(started) = db.plan_started()? {
        capture_plan_started(conn, device, started, now)?;
        for (index, done_on) in db.plan_steps()?.into_iter().enumerate() {
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            capture_plan_step(conn, device, started, number, done_on, now)?;
        }
    }
    Ok(())
}
