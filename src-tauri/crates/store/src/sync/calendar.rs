//! The calendar stream in the schedule database: rituals field by field, each device's marks,
//! phones-off hours, breathing sessions and the plan, recorded as they change here and applied
//! as they arrive.
//!
//! A ritual is kept as its fields (`ritual_field`: value and stamp), each taking the latest
//! write; the `ritual` row the rest of Hearth reads is made from them. Each device's marks are
//! kept apart (`occurrence_mark`), so both partners' marks count.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use hearth_core::ritual::{Practice, Ritual, Schedule, Zone};
use hearth_sync::merge::newer;
use hearth_sync::{Change, DeviceId, MarkStatus, RitualField, Stamp};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Applied, check_order, observe, record_applied, refused};
use crate::StoreError;
use crate::schedule::{ScheduleDb, sqlite};

mod capture;

pub(crate) use capture::{
    HourRow, capture_breathing, capture_mark, capture_phones_off, capture_plan_started,
    capture_plan_step, capture_ritual, capture_ritual_deleted, snapshot_facts,
};

const DATABASE: &str = "schedule";
const LOCAL: &str = "%Y-%m-%dT%H:%M";
/// The pseudo-field a ritual's deletion is kept under.
const DELETED: &str = "deleted";

/// The calendar's own tables, added by the schedule database's sync step.
pub(crate) const TABLES: &str = "
    -- Each ritual's fields as the paired computers agree on them: value and stamp.
    CREATE TABLE ritual_field (
        ritual_id TEXT NOT NULL,
        field     TEXT NOT NULL,
        value     TEXT NOT NULL,
        stamp     TEXT NOT NULL,
        PRIMARY KEY (ritual_id, field)
    ) STRICT, WITHOUT ROWID;
    -- Other devices' marks, one per device and occurrence.
    CREATE TABLE occurrence_mark (
        ritual_id  TEXT NOT NULL,
        occurrence TEXT NOT NULL,
        device     TEXT NOT NULL,
        status     TEXT CHECK (status IN ('done', 'skipped')),
        stamp      TEXT NOT NULL,
        PRIMARY KEY (ritual_id, occurrence, device)
    ) STRICT, WITHOUT ROWID;
    -- The stamp of the latest write of other records (phones-off hours, breathing sessions,
    -- the plan's start).
    CREATE TABLE record_stamp (
        kind  TEXT NOT NULL,
        id    TEXT NOT NULL,
        stamp TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    ) STRICT, WITHOUT ROWID;
    -- When the reconnection plan was started (moved here from the settings).
    CREATE TABLE plan_start (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        on_date TEXT NOT NULL
    ) STRICT;
    INSERT INTO plan_start (id, on_date)
        SELECT 1, value FROM setting WHERE key = 'plan.started_on' AND value != '';
    DELETE FROM setting WHERE key = 'plan.started_on';
";

fn millis(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

fn day(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Every field of a ritual, as it travels.
pub(crate) fn ritual_fields(ritual: &Ritual) -> Vec<RitualField> {
    vec![
        RitualField::Title(ritual.title.clone()),
        RitualField::Practice(ritual.practice.map(|p| p.as_str().to_owned())),
        RitualField::Schedule(ritual.schedule.to_text()),
        RitualField::Start(ritual.start.format(LOCAL).to_string()),
        RitualField::Zone(match ritual.zone {
            Zone::Floating => None,
            Zone::Pinned(tz) => Some(tz.name().to_owned()),
        }),
        RitualField::DurationMinutes(ritual.duration_minutes),
        RitualField::Reminders(ritual.reminders.clone()),
        RitualField::PausedUntil(ritual.paused_until.map(day)),
        RitualField::Archived(ritual.archived),
        RitualField::Except(ritual.except.iter().copied().map(day).collect()),
    ]
}

fn field_stamp(conn: &Connection, ritual: &str, field: &str) -> Result<Option<Stamp>, StoreError> {
    let text: Option<String> = conn
        .query_row(
            "SELECT stamp FROM ritual_field WHERE ritual_id = ?1 AND field = ?2",
            params![ritual, field],
            |row| row.get(0),
        )
        .optional()
        .map_err(sqlite)?;
    Ok(text.as_deref().and_then(Stamp::parse))
}

fn put_field(
    conn: &Connection,
    ritual: &str,
    field: &str,
    value: &str,
    stamp: &Stamp,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO ritual_field (ritual_id, field, value, stamp) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (ritual_id, field) DO UPDATE SET value = excluded.value, stamp = excluded.stamp",
        params![ritual, field, value, stamp.to_string()],
    )
    .map_err(sqlite)?;
    Ok(())
}

fn field_json(field: &RitualField) -> Result<String, StoreError> {
    serde_json::to_string(field).map_err(|error| refused(error.to_string()))
}

fn record_stamp(conn: &Connection, kind: &str, id: &str) -> Result<Option<Stamp>, StoreError> {
    let text: Option<String> = conn
        .query_row(
            "SELECT stamp FROM record_stamp WHERE kind = ?1 AND id = ?2",
            params![kind, id],
            |row| row.get(0),
        )
        .optional()
        .map_err(sqlite)?;
    Ok(text.as_deref().and_then(Stamp::parse))
}

fn put_record_stamp(
    conn: &Connection,
    kind: &str,
    id: &str,
    stamp: &Stamp,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO record_stamp (kind, id, stamp) VALUES (?1, ?2, ?3)
         ON CONFLICT (kind, id) DO UPDATE SET stamp = excluded.stamp",
        params![kind, id, stamp.to_string()],
    )
    .map_err(sqlite)?;
    Ok(())
}

/// Whether a write stamped `stamp` to a record replaces what is kept, noting it if so.
fn claim(conn: &Connection, kind: &str, id: &str, stamp: &Stamp) -> Result<bool, StoreError> {
    if newer(stamp, record_stamp(conn, kind, id)?.as_ref()) {
        put_record_stamp(conn, kind, id, stamp)?;
        Ok(true)
    } else {
        Ok(false)
    }
}

fn parse_day(text: &str, what: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| refused(format!("{what}: not a date")))
}

/// The ritual the fields make, if they make one: alive (a write later than any deletion) with
/// a title, a schedule and a start. Fields never set take a new ritual's defaults.
fn ritual_from_fields(
    conn: &Connection,
    id: &str,
    reminders_from: DateTime<Utc>,
) -> Result<Option<Ritual>, StoreError> {
    let mut statement = conn
        .prepare_cached("SELECT field, value, stamp FROM ritual_field WHERE ritual_id = ?1")
        .map_err(sqlite)?;
    let rows = statement
        .query_map(params![id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })
        .map_err(sqlite)?;
    let mut deleted: Option<Stamp> = None;
    let mut latest: Option<Stamp> = None;
    let mut fields = Vec::new();
    for row in rows {
        let (name, value, stamp) = row.map_err(sqlite)?;
        let stamp = Stamp::parse(&stamp).ok_or_else(|| refused("a ritual field's stamp"))?;
        if name == DELETED {
            deleted = Some(stamp);
            continue;
        }
        if newer(&stamp, latest.as_ref()) {
            latest = Some(stamp);
        }
        let field: RitualField =
            serde_json::from_str(&value).map_err(|_| refused("a ritual field's value"))?;
        fields.push(field);
    }
    let alive =
        latest.is_some_and(|latest| deleted.as_ref().is_none_or(|deleted| &latest > deleted));
    if !alive {
        return Ok(None);
    }
    let (mut title, mut schedule, mut start) = (None, None, None);
    let mut ritual = Ritual {
        id: id.to_owned(),
        title: String::new(),
        practice: None,
        schedule: Schedule::TimesPerWeek {
            times: 1,
            remind_on: chrono::Weekday::Mon,
        },
        start: NaiveDateTime::default(),
        zone: Zone::Floating,
        duration_minutes: 30,
        reminders: vec![0],
        except: Vec::new(),
        paused_until: None,
        archived: false,
        reminders_from,
    };
    for field in fields {
        match field {
            RitualField::Title(text) => title = Some(text),
            RitualField::Practice(name) => {
                ritual.practice = name
                    .map(|name| {
                        Practice::parse(&name).ok_or_else(|| refused("a ritual's practice"))
                    })
                    .transpose()?;
            }
            RitualField::Schedule(text) => {
                schedule =
                    Some(Schedule::parse(&text).map_err(|error| refused(error.to_string()))?);
            }
            RitualField::Start(text) => {
                start = Some(
                    NaiveDateTime::parse_from_str(&text, LOCAL)
                        .map_err(|_| refused("a ritual's start"))?,
                );
            }
            RitualField::Zone(zone) => {
                ritual.zone = match zone {
                    None => Zone::Floating,
                    Some(name) => Zone::Pinned(
                        name.parse::<Tz>()
                            .map_err(|_| refused("a ritual's time zone"))?,
                    ),
                };
            }
            RitualField::DurationMinutes(minutes) => ritual.duration_minutes = minutes,
            RitualField::Reminders(leads) => ritual.reminders = leads,
            RitualField::PausedUntil(date) => {
                ritual.paused_until = date.map(|d| parse_day(&d, "paused until")).transpose()?;
            }
            RitualField::Archived(archived) => ritual.archived = archived,
            RitualField::Except(dates) => {
                ritual.except = dates
                    .iter()
                    .map(|d| parse_day(d, "a date taken out"))
                    .collect::<Result<_, _>>()?;
            }
        }
    }
    let (Some(title), Some(schedule), Some(start)) = (title, schedule, start) else {
        return Ok(None);
    };
    ritual.title = title;
    ritual.schedule = schedule;
    ritual.start = start;
    ritual
        .validated()
        .map(Some)
        .map_err(|error| refused(format!("a ritual from the other computer: {error}")))
}

impl ScheduleDb {
    /// Makes the `ritual` row match its fields after a change arrived.
    fn project_ritual(&self, id: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let existing = self.ritual(id)?;
        let reminders_from = existing
            .as_ref()
            .map_or(now, |ritual| ritual.reminders_from);
        match ritual_from_fields(self.conn(), id, reminders_from)? {
            Some(ritual) => {
                if existing.is_some() {
                    self.write_ritual(&ritual, None)?;
                } else {
                    self.write_ritual(&ritual, Some(now))?;
                }
            }
            None => {
                if existing.is_some() {
                    self.remove_ritual(id)?;
                }
            }
        }
        Ok(())
    }

    fn apply_calendar_change(&self, change: &Change, now: DateTime<Utc>) -> Result<(), StoreError> {
        let conn = self.conn();
        match change {
            Change::Ritual { id, stamp, field } => {
                if newer(stamp, field_stamp(conn, id, field.name())?.as_ref()) {
                    put_field(conn, id, field.name(), &field_json(field)?, stamp)?;
                    self.project_ritual(id, now)?;
                }
            }
            Change::RitualDeleted { id, stamp } => {
                if newer(stamp, field_stamp(conn, id, DELETED)?.as_ref()) {
                    put_field(conn, id, DELETED, "true", stamp)?;
                    self.project_ritual(id, now)?;
                }
            }
            Change::Mark {
                ritual,
                occurrence,
                status,
                stamp,
            } => {
                let current: Option<String> = conn
                    .query_row(
                        "SELECT stamp FROM occurrence_mark
                         WHERE ritual_id = ?1 AND occurrence = ?2 AND device = ?3",
                        params![ritual, occurrence, stamp.device.as_str()],
                        |row| row.get(0),
                    )
                    .optional()
                    .map_err(sqlite)?;
                if newer(stamp, current.as_deref().and_then(Stamp::parse).as_ref()) {
                    let status = status.map(|status| match status {
                        MarkStatus::Done => "done",
                        MarkStatus::Skipped => "skipped",
                    });
                    conn.execute(
                        "INSERT INTO occurrence_mark (ritual_id, occurrence, device, status, stamp)
                         VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (ritual_id, occurrence, device) DO UPDATE SET
                             status = excluded.status, stamp = excluded.stamp",
                        params![
                            ritual,
                            occurrence,
                            stamp.device.as_str(),
                            status,
                            stamp.to_string()
                        ],
                    )
                    .map_err(sqlite)?;
                }
            }
            Change::PhonesOff {
                id,
                started_ms,
                minutes,
                ended_ms,
                ended_early,
                stamp,
            } => {
                if !(1..=1440).contains(minutes) {
                    return Err(refused("a phones-off hour's length"));
                }
                if claim(conn, "phones_off", id, stamp)? {
                    conn.execute(
                        "INSERT INTO phones_off (id, started_ms, minutes, ended_ms, ended_early)
                         VALUES (?1, ?2, ?3, ?4, ?5)
                         ON CONFLICT (id) DO UPDATE SET started_ms = excluded.started_ms,
                             minutes = excluded.minutes, ended_ms = excluded.ended_ms,
                             ended_early = excluded.ended_early",
                        params![id, started_ms, minutes, ended_ms, ended_early],
                    )
                    .map_err(sqlite)?;
                }
            }
            Change::Breathing {
                started_ms,
                planned_ms,
                breathed_ms,
                stamp,
            } => {
                if *planned_ms <= 0 || !(0..=*planned_ms).contains(breathed_ms) {
                    return Err(refused("a breathing session's length"));
                }
                if claim(conn, "breathing", &started_ms.to_string(), stamp)? {
                    conn.execute(
                        "INSERT INTO breathing_log (started_ms, planned_ms, breathed_ms)
                         VALUES (?1, ?2, ?3)
                         ON CONFLICT (started_ms) DO UPDATE SET planned_ms = excluded.planned_ms,
                             breathed_ms = excluded.breathed_ms",
                        params![started_ms, planned_ms, breathed_ms],
                    )
                    .map_err(sqlite)?;
                }
            }
            Change::PlanStarted { on, stamp } => {
                let on = parse_day(on, "the plan's start")?;
                if claim(conn, "plan", "started", stamp)? {
                    self.write_plan_start(on)?;
                }
            }
            Change::PlanStep {
                started_on,
                day: number,
                done_on,
                ..
            } => {
                let started_on = parse_day(started_on, "the plan's start")?;
                let done_on = parse_day(done_on, "a plan day")?;
                if *number == 0 {
                    return Err(refused("a plan day's number"));
                }
                if self.plan_started()? == Some(started_on) {
                    conn.execute(
                        "INSERT INTO plan_step (day, done_on) VALUES (?1, ?2)
                         ON CONFLICT (day) DO UPDATE SET done_on = MIN(done_on, excluded.done_on)",
                        params![number, day(done_on)],
                    )
                    .map_err(sqlite)?;
                }
            }
            Change::Entry { .. }
            | Change::Setting { .. }
            | Change::Deck { .. }
            | Change::CheckInSealed { .. }
            | Change::CheckInKey { .. } => {
                return Err(refused("a notebook change in the calendar stream"));
            }
        }
        Ok(())
    }

    /// Applies a segment of another device's calendar changes: all of them in one transaction,
    /// with the segment recorded as applied, or none (the reason returned as an error).
    pub fn apply_calendar_segment(
        &self,
        device: &DeviceId,
        seq: u64,
        digest: &str,
        changes: &[Change],
        now: DateTime<Utc>,
    ) -> Result<Applied, StoreError> {
        let tx = rusqlite::Transaction::new_unchecked(self.conn(), TransactionBehavior::Immediate)
            .map_err(sqlite)?;
        if let Some(outcome) = check_order(&tx, device, seq, digest, DATABASE)? {
            return Ok(outcome);
        }
        for change in changes {
            self.apply_calendar_change(change, now)?;
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
        Ok(Applied::Applied {
            changes: changes.len(),
        })
    }
}
