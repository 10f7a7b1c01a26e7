//! One round of the exchange: answers to an invitation accepted, a partner who left taken out
//! (and new keys made for what follows), what changed here written as sealed segments, and what
//! arrived applied, each segment whole or not at all. A segment that does not verify is named
//! with its reason and tried again next round (one still arriving is normal); the rest goes on.

use blake2::{Blake2b, Digest as _, digest::consts::U32};
use chrono::{DateTime, Utc};
use data_encoding::{BASE64, HEXLOWER};
use hearth_store::exchange::Exchange;
use hearth_store::sync::Applied;
use hearth_sync::keys::{SealedKey, Secret32, StreamKey};
use hearth_sync::pairing::{Invitation, JoinRequest, PairingCode};
use hearth_sync::segment::{self, Expected, SegmentName};
use hearth_sync::{DeviceId, Stream};
use serde::{Deserialize, Serialize};

use super::{CalendarSide, NotebookSide, Refusal, known, ms};
use crate::journal::Journal;
use crate::settings;
use crate::{ApiError, ApiErrorKind, Hearth};

/// The file a device that left writes.
pub(crate) const LEFT_FILE: &str = "left.json";
/// The largest deck file carried.
const DECK_MAX_BYTES: u64 = 1024 * 1024;

/// What a round did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyncReport {
    /// Segments written from this computer.
    pub written: u32,
    /// Segments applied from the partner's.
    pub applied: u32,
    /// Changes in them.
    pub changes: u64,
    /// Files not applied, with the reason.
    pub refused: Vec<Refusal>,
    /// The notebook is locked: its changes wait (in both directions) until it is opened.
    pub notebook_waits: bool,
    /// A partner's computer joined in this round.
    pub joined: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LeftNotice {
    device: DeviceId,
    at_ms: u64,
    signature: String,
}

fn left_message(couple: &str, device: &DeviceId, at_ms: u64) -> Vec<u8> {
    format!("hearth left v1|{couple}|{device}|{at_ms}").into_bytes()
}

/// The signed notice a device leaves behind when it leaves.
pub(crate) fn left_notice(side: &CalendarSide, now: DateTime<Utc>) -> Result<Vec<u8>, ApiError> {
    let at_ms = ms(now);
    let signature = side
        .device
        .sign(&left_message(side.couple.as_str(), &side.device.id, at_ms));
    serde_json::to_vec_pretty(&LeftNotice {
        device: side.device.id.clone(),
        at_ms,
        signature: BASE64.encode(&signature),
    })
    .map_err(|error| ApiError::internal(&error.to_string()))
}

/// New keys after someone left, sealed to each device that stays.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    epoch: u32,
    from: DeviceId,
    sealed: Vec<SealedFor>,
    signature: String,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SealedFor {
    device: DeviceId,
    calendar: SealedKey,
    notebook: Option<SealedKey>,
}

fn keys_context(epoch: u32, stream: Stream, from: &DeviceId) -> Vec<u8> {
    format!("hearth keys v1|{epoch}|{}|{from}", stream.as_str()).into_bytes()
}

fn keys_message(file: &KeysFile) -> Result<Vec<u8>, ApiError> {
    let sealed = serde_json::to_string(&file.sealed)
        .map_err(|error| ApiError::internal(&error.to_string()))?;
    Ok(format!("hearth keys file v1|{}|{}|{sealed}", file.epoch, file.from).into_bytes())
}

fn digest(bytes: &[u8]) -> String {
    HEXLOWER.encode(&Blake2b::<U32>::digest(bytes))
}

fn latest(keys: &[StreamKey]) -> Option<&StreamKey> {
    keys.iter().max_by_key(|key| key.epoch)
}

fn refusal(file: &str, reason: impl Into<String>, now: DateTime<Utc>) -> Refusal {
    Refusal {
        file: file.to_owned(),
        reason: reason.into(),
        at: now.to_rfc3339(),
    }
}

fn unreachable(side: &CalendarSide, error: &ApiError) -> ApiError {
    ApiError::new(
        ApiErrorKind::Storage,
        format!(
            "the exchange folder {} cannot be reached ({}); if it is on a drive or a stick, connect it",
            side.folder.display(),
            error.message
        ),
    )
}

impl Hearth {
    /// One round of the exchange. Without the notebook (locked), only the calendar travels.
    pub fn sync_now(
        &self,
        mut journal: Option<&mut Journal>,
        now: DateTime<Utc>,
    ) -> Result<SyncReport, ApiError> {
        let mut side = self.calendar_side()?.ok_or_else(super::not_paired)?;
        let exchange =
            Exchange::open(&side.folder).map_err(|error| unreachable(&side, &error.into()))?;
        if exchange.couple() != &side.couple {
            return Err(ApiError::new(
                ApiErrorKind::InvalidInput,
                format!(
                    "{} now holds another couple's exchange",
                    side.folder.display()
                ),
            ));
        }
        let mut report = SyncReport {
            notebook_waits: journal.is_none(),
            ..SyncReport::default()
        };
        let mut notebook = match journal.as_deref() {
            Some(journal) => settings::SYNC_NOTEBOOK.get_exact(journal.settings_table())?,
            None => None,
        };
        let before = (
            side.roster.clone(),
            side.calendar_keys.clone(),
            notebook.as_ref().map(|n| n.notebook_keys.clone()),
        );
        if let Some(notebook) = notebook.as_mut() {
            report.joined = accept_joins(&exchange, &mut side, notebook, now, &mut report.refused)?;
        }
        self.handle_departures(&exchange, &mut side, notebook.as_mut())?;
        accept_keys(
            &exchange,
            &side.clone(),
            &mut side.calendar_keys,
            notebook.as_mut(),
            &mut report.refused,
            now,
        );
        let after = (
            side.roster.clone(),
            side.calendar_keys.clone(),
            notebook.as_ref().map(|n| n.notebook_keys.clone()),
        );
        if before != after || report.joined {
            self.save_calendar_side(Some(&side))?;
        }
        if let (Some(journal), Some(notebook)) = (journal.as_deref_mut(), notebook.as_ref()) {
            settings::SYNC_NOTEBOOK.set(journal.settings_table(), Some(notebook))?;
        }
        if let Some(journal) = journal.as_deref_mut() {
            self.record_deck_files(journal, now)?;
        }
        report.written +=
            self.write_outgoing(&exchange, &side, Stream::Calendar, None, notebook.as_ref())?;
        if let Some(journal) = journal.as_deref_mut() {
            report.written += self.write_outgoing(
                &exchange,
                &side,
                Stream::Notebook,
                Some(journal),
                notebook.as_ref(),
            )?;
        }
        self.apply_incoming(
            &exchange,
            &side,
            journal,
            notebook.as_ref(),
            now,
            &mut report,
        )?;
        self.remember_refusals(&report.refused)?;
        Ok(report)
    }

    fn write_outgoing(
        &self,
        exchange: &Exchange,
        side: &CalendarSide,
        stream: Stream,
        journal: Option<&mut Journal>,
        notebook: Option<&NotebookSide>,
    ) -> Result<u32, ApiError> {
        let key = match stream {
            Stream::Calendar => latest(&side.calendar_keys).cloned(),
            Stream::Notebook => notebook.and_then(|n| latest(&n.notebook_keys)).cloned(),
        };
        let Some(key) = key else {
            return Ok(0);
        };
        let mut written = 0;
        let journal = journal.map(|j| &*j);
        loop {
            let outgoing = match (stream, journal) {
                (Stream::Calendar, _) => self.schedule_db()?.sync_outgoing()?,
                (Stream::Notebook, Some(journal)) => journal.db.sync_outgoing()?,
                (Stream::Notebook, None) => None,
            };
            let Some(outgoing) = outgoing else {
                break;
            };
            let name = SegmentName {
                device: side.device.id.clone(),
                stream,
                seq: outgoing.seq,
            };
            // Written before and not marked (Hearth stopped in between): the file stands.
            if !exchange.has_segment(&name) {
                let bytes =
                    segment::seal(&side.couple, &side.device, &name, &key, &outgoing.changes)
                        .map_err(|error| ApiError::internal(&error.to_string()))?;
                exchange.write_segment(&name, &bytes)?;
            }
            match (stream, journal) {
                (Stream::Calendar, _) => self.schedule_db()?.sync_written(outgoing.seq)?,
                (Stream::Notebook, Some(journal)) => journal.db.sync_written(outgoing.seq)?,
                (Stream::Notebook, None) => {}
            }
            written += 1;
        }
        Ok(written)
    }

    fn apply_incoming(
        &self,
        exchange: &Exchange,
        side: &CalendarSide,
        mut journal: Option<&mut Journal>,
        notebook: Option<&NotebookSide>,
        now: DateTime<Utc>,
        report: &mut SyncReport,
    ) -> Result<(), ApiError> {
        let mut decks_changed = Vec::new();
        let mut calendar_changed = false;
        for device in exchange.devices()? {
            if device == side.device.id {
                continue;
            }
            let Some(writer) = known(side, &device) else {
                continue; // not paired (yet): an answer to an invitation is read above
            };
            let segments = exchange.segments(&device)?;
            for stream in Stream::ALL {
                if stream == Stream::Notebook && journal.is_none() {
                    continue;
                }
                let mut through = match stream {
                    Stream::Calendar => self.schedule_db()?.sync_applied_through(&device)?,
                    Stream::Notebook => match journal.as_deref() {
                        Some(journal) => journal.db.sync_applied_through(&device)?,
                        None => continue,
                    },
                };
                let names: Vec<&SegmentName> = segments
                    .iter()
                    .filter(|name| name.stream == stream)
                    .collect();
                if names.last().map_or(through > 0, |last| last.seq < through) {
                    let file = format!("{device}/{}-…", stream.as_str());
                    report.refused.push(refusal(
                        &file,
                        "the partner's folder went back to an earlier state (restored from an old copy?); nothing was undone here",
                        now,
                    ));
                }
                let start = through;
                for name in names.into_iter().filter(|name| name.seq > start) {
                    if name.seq != through + 1 {
                        break; // an earlier one is still on its way
                    }
                    let file = format!("{device}/{}", name.file_name());
                    let bytes = exchange.read_segment(name)?;
                    let digest = digest(&bytes);
                    let keys = |epoch: u32| -> Option<StreamKey> {
                        match stream {
                            Stream::Calendar => side
                                .calendar_keys
                                .iter()
                                .find(|key| key.epoch == epoch)
                                .cloned(),
                            Stream::Notebook => notebook?
                                .notebook_keys
                                .iter()
                                .find(|key| key.epoch == epoch)
                                .cloned(),
                        }
                    };
                    let expected = Expected {
                        couple: &side.couple,
                        name,
                        writer,
                    };
                    let changes = match segment::open(&bytes, &expected, keys) {
                        Ok(changes) => changes,
                        Err(error) => {
                            report.refused.push(refusal(&file, error.to_string(), now));
                            break;
                        }
                    };
                    let outcome = match stream {
                        Stream::Calendar => self
                            .schedule_db()?
                            .apply_calendar_segment(&device, name.seq, &digest, &changes, now),
                        Stream::Notebook => match journal.as_deref_mut() {
                            Some(journal) => journal
                                .db
                                .apply_notebook_segment(&device, name.seq, &digest, &changes, now)
                                .map(|(outcome, decks)| {
                                    decks_changed.extend(decks);
                                    outcome
                                }),
                            None => break,
                        },
                    };
                    match outcome {
                        Ok(Applied::Applied { changes }) => {
                            through = name.seq;
                            report.applied += 1;
                            report.changes += changes as u64;
                            calendar_changed |= stream == Stream::Calendar;
                            self.forget_refusal(&file)?;
                        }
                        Ok(Applied::AlreadyApplied) => through = name.seq,
                        Ok(Applied::Replaced) => {
                            report.refused.push(refusal(&file, "a different file under a number already applied (replayed or replaced); not applied", now));
                            break;
                        }
                        Ok(Applied::Waiting) => break,
                        Err(error) => {
                            report
                                .refused
                                .push(refusal(&file, ApiError::from(error).message, now));
                            break;
                        }
                    }
                }
            }
        }
        if calendar_changed {
            self.prepared.forget();
        }
        if let Some(journal) = journal {
            self.write_deck_files(journal, &decks_changed)?;
        }
        Ok(())
    }

    fn decks_dir(&self) -> std::path::PathBuf {
        self.data_dir().join(crate::USER_DECKS_DIR)
    }

    /// Records the couple's own deck files as they are here now.
    fn record_deck_files(&self, journal: &mut Journal, now: DateTime<Utc>) -> Result<(), ApiError> {
        let dir = self.decks_dir();
        let mut present = Vec::new();
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten().take(1000) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !hearth_store::sync::deck_file_name_ok(&name) {
                    continue;
                }
                let Ok(bytes) = hearth_store::durable::read_bounded(&entry.path(), DECK_MAX_BYTES)
                else {
                    continue;
                };
                let Ok(text) = String::from_utf8(bytes) else {
                    continue;
                };
                journal.db.record_deck_file(&name, Some(&text), now)?;
                present.push(name);
            }
        }
        for (name, text) in journal.db.deck_files()? {
            if text.is_some() && !present.contains(&name) {
                journal.db.record_deck_file(&name, None, now)?;
            }
        }
        Ok(())
    }

    /// Writes deck files that arrived into the decks folder (or removes them).
    fn write_deck_files(&self, journal: &Journal, changed: &[String]) -> Result<(), ApiError> {
        if changed.is_empty() {
            return Ok(());
        }
        let dir = self.decks_dir();
        hearth_store::durable::private_dir(&dir).map_err(|error| {
            ApiError::new(ApiErrorKind::Storage, format!("{}: {error}", dir.display()))
        })?;
        for (name, text) in journal.db.deck_files()? {
            if !changed.contains(&name) {
                continue;
            }
            let path = dir.join(&name);
            let result = match text {
                Some(text) => crate::journal_transfer::write_file(&path, |out| {
                    std::io::Write::write_all(out, text.as_bytes())
                }),
                None => std::fs::remove_file(&path)
                    .or_else(|error| {
                        if error.kind() == std::io::ErrorKind::NotFound {
                            Ok(())
                        } else {
                            Err(error)
                        }
                    })
                    .map_err(|error| {
                        ApiError::new(
                            ApiErrorKind::Storage,
                            format!("{}: {error}", path.display()),
                        )
                    }),
            };
            result?;
        }
        Ok(())
    }

    /// Takes out of the roster every device that left, and starts new keys for what follows.
    fn handle_departures(
        &self,
        exchange: &Exchange,
        side: &mut CalendarSide,
        notebook: Option<&mut NotebookSide>,
    ) -> Result<(), ApiError> {
        let mut gone = Vec::new();
        for public in &side.roster {
            if public.id == side.device.id {
                continue;
            }
            let Ok(bytes) = exchange.read_file(&public.id, LEFT_FILE) else {
                continue;
            };
            let Ok(notice) = serde_json::from_slice::<LeftNotice>(&bytes) else {
                continue;
            };
            let signature: Option<[u8; 64]> = BASE64
                .decode(notice.signature.as_bytes())
                .ok()
                .and_then(|bytes| bytes.try_into().ok());
            let signed = signature.is_some_and(|signature| {
                notice.device == public.id
                    && public.verify(
                        &left_message(side.couple.as_str(), &notice.device, notice.at_ms),
                        &signature,
                    )
            });
            if signed {
                gone.push(public.id.clone());
            }
        }
        if gone.is_empty() {
            return Ok(());
        }
        side.roster.retain(|public| !gone.contains(&public.id));
        let epoch = side
            .calendar_keys
            .iter()
            .map(|key| key.epoch)
            .max()
            .unwrap_or(0)
            + 1;
        let random = |error: hearth_sync::RandomError| ApiError::internal(&error.to_string());
        let calendar = StreamKey::random(epoch).map_err(random)?;
        let notebook_key = match notebook {
            Some(notebook) => {
                let key = StreamKey::random(epoch).map_err(random)?;
                notebook.notebook_keys.push(key.clone());
                Some(key)
            }
            None => None,
        };
        side.calendar_keys.push(calendar.clone());
        let mut sealed = Vec::new();
        for public in side
            .roster
            .iter()
            .filter(|public| public.id != side.device.id)
        {
            let seal = |key: &Secret32, stream: Stream| {
                public.seal(key, &keys_context(epoch, stream, &side.device.id))
            };
            sealed.push(SealedFor {
                device: public.id.clone(),
                calendar: seal(&calendar.key, Stream::Calendar)
                    .map_err(|error| ApiError::internal(&error.to_string()))?,
                notebook: notebook_key
                    .as_ref()
                    .map(|key| seal(&key.key, Stream::Notebook))
                    .transpose()
                    .map_err(|error| ApiError::internal(&error.to_string()))?,
            });
        }
        let mut file = KeysFile {
            epoch,
            from: side.device.id.clone(),
            sealed,
            signature: String::new(),
        };
        file.signature = BASE64.encode(&side.device.sign(&keys_message(&file)?));
        let json = serde_json::to_vec_pretty(&file)
            .map_err(|error| ApiError::internal(&error.to_string()))?;
        exchange.write_file(&side.device.id, &format!("keys-{epoch}.json"), &json)?;
        tracing::info!(
            left = gone.len(),
            epoch,
            "a computer left; new keys for what follows"
        );
        Ok(())
    }
}

/// Answers to this computer's invitation: the first one made with the code joins the roster.
fn accept_joins(
    exchange: &Exchange,
    side: &mut CalendarSide,
    notebook: &mut NotebookSide,
    now: DateTime<Utc>,
    refused: &mut Vec<Refusal>,
) -> Result<bool, ApiError> {
    let Some(pending) = notebook.invitation.clone() else {
        return Ok(false);
    };
    let file = format!("invitation-{}.json", pending.id);
    let invitation: Option<Invitation> = exchange
        .read_file(&side.device.id, &file)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok());
    let (Some(invitation), Ok(code)) = (invitation, PairingCode::parse(&pending.code)) else {
        notebook.invitation = None;
        return Ok(false);
    };
    let key = invitation
        .answer_key(&code)
        .map_err(|error| ApiError::internal(&error.to_string()))?;
    let mut joined = false;
    for device in exchange.devices()? {
        if device == side.device.id || known(side, &device).is_some() {
            continue;
        }
        let answer_name = format!("join-{}.json", invitation.id);
        let Ok(bytes) = exchange.read_file(&device, &answer_name) else {
            continue;
        };
        let answer: JoinRequest = match serde_json::from_slice(&bytes) {
            Ok(answer) => answer,
            Err(error) => {
                refused.push(refusal(
                    &format!("{device}/{answer_name}"),
                    error.to_string(),
                    now,
                ));
                continue;
            }
        };
        match answer.open(&invitation, &key) {
            Ok(public) if !joined && public.id == device => {
                side.roster.push(public);
                joined = true;
            }
            Ok(_) => refused.push(refusal(
                &format!("{device}/{answer_name}"),
                "the code was already used by another computer",
                now,
            )),
            Err(error) => refused.push(refusal(
                &format!("{device}/{answer_name}"),
                error.to_string(),
                now,
            )),
        }
    }
    if joined || ms(now) > pending.expires_at_ms {
        exchange.remove_file(&side.device.id, &file)?;
        notebook.invitation = None;
    }
    Ok(joined)
}

/// New keys another device made after someone left: the ones sealed to this device.
fn accept_keys(
    exchange: &Exchange,
    side: &CalendarSide,
    calendar_keys: &mut Vec<StreamKey>,
    mut notebook: Option<&mut NotebookSide>,
    refused: &mut Vec<Refusal>,
    now: DateTime<Utc>,
) {
    for public in side
        .roster
        .iter()
        .filter(|public| public.id != side.device.id)
    {
        let Ok(names) = exchange.files(&public.id, "keys-") else {
            continue;
        };
        for name in names {
            let parsed: Option<KeysFile> = exchange
                .read_file(&public.id, &name)
                .ok()
                .and_then(|bytes| serde_json::from_slice(&bytes).ok());
            let Some(file) = parsed else {
                continue;
            };
            if calendar_keys.iter().any(|key| key.epoch == file.epoch) {
                continue;
            }
            let signature: Option<[u8; 64]> = BASE64
                .decode(file.signature.as_bytes())
                .ok()
                .and_then(|bytes| bytes.try_into().ok());
            let verified = file.from == public.id
                && signature.is_some_and(|signature| {
                    keys_message(&file).is_ok_and(|message| public.verify(&message, &signature))
                });
            if !verified {
                refused.push(refusal(
                    &format!("{}/{name}", public.id),
                    "new keys that do not verify",
                    now,
                ));
                continue;
            }
            let Some(mine) = file
                .sealed
                .iter()
                .find(|sealed| sealed.device == side.device.id)
            else {
                continue;
            };
            match side.device.open(
                &mine.calendar,
                &keys_context(file.epoch, Stream::Calendar, &file.from),
            ) {
                Ok(key) => calendar_keys.push(StreamKey {
                    epoch: file.epoch,
                    key,
                }),
                Err(error) => refused.push(refusal(
                    &format!("{}/{name}", public.id),
                    error.to_string(),
                    now,
                )),
            }
            if let (Some(notebook), Some(sealed)) =
                (notebook.as_deref_mut(), mine.notebook.as_ref())
                && let Ok(key) = side.device.open(
                    sealed,
                    &keys_context(file.epoch, Stream::Notebook, &file.from),
                )
                && !notebook.notebook_keys.iter().any(|k| k.epoch == file.epoch)
            {
                notebook.notebook_keys.push(StreamKey {
                    epoch: file.epoch,
                    key,
                });
            }
        }
    }
}
