//! Check-ins answered apart, revealed together, in the journal. An answer given here is kept
//! sealed (`check_in_answer`) with its key and travels sealed; its key travels only once the
//! partner's sealed answer for the same round is here. When every answer of a round has its key,
//! each becomes a check-in entry in the notebook, with an id and a version made from the round
//! and the writer, so both computers make the same entries and nothing is sent twice.

use blake2::{Blake2b, Digest as _, digest::consts::U16};
use chrono::{DateTime, Days, NaiveDate, Utc};
use hearth_core::NewEntry;
use hearth_sync::check_in::{self, CheckInError};
use hearth_sync::keys::Secret32;
use hearth_sync::{Change, DeviceId, Stamp};
use rusqlite::{Connection, OptionalExtension, params};

use super::notebook::body_new;
use super::{push, refused, tick};
use crate::StoreError;
use crate::journal::{JournalDb, sqlite};

const DATABASE: &str = "journal";
/// How many days back an answer may join a round the partner opened.
const JOIN_DAYS: u64 = 3;

/// The table of sealed answers, added by the journal's check-in step.
pub(crate) const TABLES: &str = "
    -- Each device's answer to each round, sealed; key: this device's own, or the partner's
    -- once released. released: this device's key has been sent. revealed: entries made.
    CREATE TABLE check_in_answer (
        round    TEXT NOT NULL,
        device   TEXT NOT NULL,
        sealed   TEXT NOT NULL,
        key      TEXT,
        stamp    TEXT NOT NULL,
        released INTEGER NOT NULL DEFAULT 0,
        revealed INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (round, device)
    ) STRICT;
";

/// Where a round stands, seen from this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckInRound {
    /// The round's date, `YYYY-MM-DD`.
    pub round: String,
    /// This computer has answered.
    pub mine: bool,
    /// The partner's sealed answer has arrived.
    pub partner: bool,
    /// Every answer is open and in the notebook.
    pub revealed: bool,
    /// The notebook entries of the round once revealed, this computer's answer first.
    pub entries: Vec<String>,
}

/// The id (and the version) of the entry a round's answer becomes: the same on every computer.
pub fn check_in_entry_id(round: &str, device: &DeviceId) -> String {
    let digest = Blake2b::<U16>::digest(format!("hearth check-in entry|{round}|{device}"));
    data_encoding::BASE32_NOPAD.encode(&digest).to_lowercase()
}

fn millis(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

fn sealing(error: CheckInError) -> StoreError {
    refused(error.to_string())
}

impl JournalDb {
    fn paired_device(&self) -> Result<DeviceId, StoreError> {
        super::self_device(self.conn(), DATABASE)?.ok_or_else(|| {
            StoreError::Unsupported("check-ins answered apart need the two computers paired".into())
        })
    }

    /// The round an answer given on `today` joins: the latest one the partner opened in the last
    /// few days that this computer has not answered, else today's.
    pub fn check_in_round_for(&self, today: NaiveDate) -> Result<String, StoreError> {
        let me = self.paired_device()?;
        let since = today
            .checked_sub_days(Days::new(JOIN_DAYS))
            .unwrap_or(today)
            .format("%Y-%m-%d")
            .to_string();
        let open: Option<String> = self
            .conn()
            .query_row(
                "SELECT round FROM check_in_answer AS theirs
                 WHERE device != ?1 AND round >= ?2 AND NOT EXISTS (
                     SELECT 1 FROM check_in_answer AS mine
                     WHERE mine.round = theirs.round AND mine.device = ?1)
                 ORDER BY round DESC LIMIT 1",
                params![me.as_str(), since],
                |row| row.get(0),
            )
            .optional()
            .map_err(sqlite)?;
        Ok(open.unwrap_or_else(|| today.format("%Y-%m-%d").to_string()))
    }

    /// The rounds from `since` on, newest first.
    pub fn check_in_rounds(&self, since: NaiveDate) -> Result<Vec<CheckInRound>, StoreError> {
        let me = self.paired_device()?;
        let mut statement = self
            .conn()
            .prepare(
                "SELECT round, device, revealed FROM check_in_answer
                 WHERE round >= ?1 ORDER BY round DESC, device = ?2 DESC, device",
            )
            .map_err(sqlite)?;
        let rows = statement
            .query_map(
                params![since.format("%Y-%m-%d").to_string(), me.as_str()],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, i64>(2)? != 0,
                    ))
                },
            )
            .map_err(sqlite)?;
        let mut rounds: Vec<CheckInRound> = Vec::new();
        for row in rows {
            let (round, device, revealed) = row.map_err(sqlite)?;
            let Some(device) = DeviceId::parse(&device) else {
                continue;
            };
            if rounds.last().is_none_or(|last| last.round != round) {
                rounds.push(CheckInRound {
                    round: round.clone(),
                    mine: false,
                    partner: false,
                    revealed,
                    entries: Vec::new(),
                });
            }
            if let Some(current) = rounds.last_mut() {
                if device == me {
                    current.mine = true;
                } else {
                    current.partner = true;
                }
                current.revealed &= revealed;
                current.entries.push(check_in_entry_id(&round, &device));
            }
        }
        for round in &mut rounds {
            if !round.revealed {
                round.entries.clear();
            }
        }
        Ok(rounds)
    }

    /// Keeps this computer's answer to `round`, sealed, and sends it; if the partner's answer is
    /// already here, sends this answer's key too (and reveals the round once theirs arrives).
    pub fn check_in_answer(
        &self,
        round: &str,
        answer: NewEntry,
        now: DateTime<Utc>,
    ) -> Result<CheckInRound, StoreError> {
        let me = self.paired_device()?;
        let answer = answer
            .validated()
            .map_err(|error| StoreError::Unsupported(error.to_string()))?;
        let tx = rusqlite::Transaction::new_unchecked(
            self.conn(),
            rusqlite::TransactionBehavior::Immediate,
        )
        .map_err(sqlite)?;
        let answered: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM check_in_answer WHERE round = ?1 AND device = ?2)",
                params![round, me.as_str()],
                |row| row.get(0),
            )
            .map_err(sqlite)?;
        if answered {
            return Err(StoreError::Unsupported(format!(
                "this computer has already answered the check-in of {round}"
            )));
        }
        let body = serde_json::to_vec(&body_new(&answer, now))
            .map_err(|error| refused(error.to_string()))?;
        let key = Secret32::random().map_err(|error| StoreError::Random(error.0))?;
        let sealed = check_in::seal(&key, round, &me, &body).map_err(sealing)?;
        let stamp = tick(&tx, &me, millis(now), DATABASE)?;
        tx.execute(
            "INSERT INTO check_in_answer (round, device, sealed, key, stamp)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                round,
                me.as_str(),
                sealed,
                key.to_base64().as_str(),
                stamp.to_string()
            ],
        )
        .map_err(sqlite)?;
        push(
            &tx,
            &Change::CheckInSealed {
                round: round.to_owned(),
                sealed,
                stamp,
            },
            DATABASE,
        )?;
        self.release_and_reveal(&tx, &me, round, now)?;
        tx.commit().map_err(sqlite)?;
        let since = NaiveDate::parse_from_str(round, "%Y-%m-%d")
            .map_err(|_| StoreError::Unsupported("a check-in round is named by its date".into()))?;
        Ok(self
            .check_in_rounds(since)?
            .into_iter()
            .find(|found| found.round == round)
            .unwrap_or(CheckInRound {
                round: round.to_owned(),
                mine: true,
                partner: false,
                revealed: false,
                entries: Vec::new(),
            }))
    }

    /// Applies another device's sealed answer or released key (inside the segment's
    /// transaction).
    pub(super) fn apply_check_in(
        &self,
        change: &Change,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let conn = self.conn();
        let me = self.paired_device()?;
        let round = match change {
            Change::CheckInSealed {
                round,
                sealed,
                stamp,
            } => {
                if !check_in::round_ok(round) || sealed.len() > check_in::SEALED_MAX_CHARS {
                    return Err(refused("a check-in answer that is damaged or misnamed"));
                }
                conn.execute(
                    "INSERT OR IGNORE INTO check_in_answer (round, device, sealed, stamp)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![round, stamp.device.as_str(), sealed, stamp.to_string()],
                )
                .map_err(sqlite)?;
                round
            }
            Change::CheckInKey { round, key, stamp } => {
                if !check_in::round_ok(round) {
                    return Err(refused("a check-in key for a misnamed round"));
                }
                conn.execute(
                    "UPDATE check_in_answer SET key = ?3
                     WHERE round = ?1 AND device = ?2 AND key IS NULL",
                    params![round, stamp.device.as_str(), key.to_base64().as_str()],
                )
                .map_err(sqlite)?;
                round
            }
            _ => return Err(refused("not a check-in change")),
        };
        self.release_and_reveal(conn, &me, round, now)
    }

    /// Sends this computer's key for `round` once another device's answer is here, and makes
    /// the round's entries once every answer has its key.
    fn release_and_reveal(
        &self,
        conn: &Connection,
        me: &DeviceId,
        round: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let answers = answers(conn, round)?;
        let theirs = answers.iter().any(|answer| &answer.device != me);
        if let Some(mine) = answers.iter().find(|answer| &answer.device == me)
            && theirs
            && !mine.released
            && let Some(key) = &mine.key
        {
            let stamp = tick(conn, me, millis(now), DATABASE)?;
            push(
                conn,
                &Change::CheckInKey {
                    round: round.to_owned(),
                    key: key.clone(),
                    stamp,
                },
                DATABASE,
            )?;
            conn.execute(
                "UPDATE check_in_answer SET released = 1 WHERE round = ?1 AND device = ?2",
                params![round, me.as_str()],
            )
            .map_err(sqlite)?;
        }
        let complete = answers.len() >= 2 && answers.iter().all(|answer| answer.key.is_some());
        if !complete || answers.iter().all(|answer| answer.revealed) {
            return Ok(());
        }
        for answer in &answers {
            let Some(key) = &answer.key else {
                continue;
            };
            let plain =
                check_in::open(key, round, &answer.device, &answer.sealed).map_err(sealing)?;
            let body = serde_json::from_slice(&plain)
                .map_err(|_| refused("a check-in answer that is not an entry"))?;
            let id = check_in_entry_id(round, &answer.device);
            self.apply_entry_version(&id, &id, &[], &answer.stamp, Some(&body))?;
        }
        conn.execute(
            "UPDATE check_in_answer SET revealed = 1 WHERE round = ?1",
            params![round],
        )
        .map_err(sqlite)?;
        Ok(())
    }
}

struct Answer {
    device: DeviceId,
    sealed: String,
    key: Option<Secret32>,
    stamp: Stamp,
    released: bool,
    revealed: bool,
}

fn answers(conn: &Connection, round: &str) -> Result<Vec<Answer>, StoreError> {
    let mut statement = conn
        .prepare(
            "SELECT device, sealed, key, stamp, released, revealed FROM check_in_answer
             WHERE round = ?1 ORDER BY device",
        )
        .map_err(sqlite)?;
    let rows = statement
        .query_map(params![round], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get::<_, Option<String>>(2)?,
                row.get::<_, String>(3)?,
                row.get::<_, i64>(4)? != 0,
                row.get::<_, i64>(5)? != 0,
            ))
        })
        .map_err(sqlite)?;
    let mut found = Vec::new();
    for row in rows {
        let (device, sealed, key, stamp, released, revealed) = row.map_err(sqlite)?;
        let (Some(device), Some(stamp)) = (DeviceId::parse(&device), Stamp::parse(&stamp)) else {
            return Err(refused("a damaged check-in answer"));
        };
        let key = key
            .map(|key| Secret32::from_base64(&key))
            .transpose()
            .map_err(|error| refused(error.to_string()))?;
        found.push(Answer {
            device,
            sealed,
            key,
            stamp,
            released,
            revealed,
        });
    }
    Ok(found)
}
