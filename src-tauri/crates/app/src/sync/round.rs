//! One round of the exchange: answers to an invitation accepted, a partner who left taken out
//! (and new keys made for what follows), what changed here written as sealed segments, and what
//! arrived applied, each segment whole or not at all. A segment that does not verify is named
//! with its reason and tried again next round (one still arriving is normal); the rest goes on.

use blake2::{Blake2b, Digest as _, digest::consts::U32};
use chrono::{DateTime, Utc};
use data_encoding::HEXLOWER;
use hearth_store::exchange::Exchange;
use hearth_store::sync::Applied;
use hearth_sync::Stream;
use hearth_sync::keys::StreamKey;
use hearth_sync::pairing::{Invitation, JoinRequest, PairingCode};
use hearth_sync::segment::{self, Expected, SegmentName};

use super::epochs::accept_keys;
use super::{CalendarSide, NotebookSide, Refusal, SyncReport, known, ms};
use crate::journal::Journal;
use crate::settings;
use crate::{ApiError, ApiErrorKind, Hearth};

pub(super) fn digest(bytes: &[u8]) -> String {
    HEXLOWER.encode(&Blake2b::<U32>::digest(bytes))
}

pub(super) fn latest(keys: &[StreamKey]) -> Option<&StreamKey> {
    keys.iter().max_by_key(|key| key.epoch)
}

pub(super) fn refusal(file: &str, reason: impl Into<String>, now: DateTime<Utc>) -> Refusal {
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

/// The largest deck file carried.
const DECK_MAX_BYTES: u64 = 1024 * 1024;
/// How old this device's temporary file must be before a round removes it as left behind.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(10 * 60);

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
        // A write killed halfway leaves its temporary file behind; the engine would carry it.
        exchange.remove_stale_temporaries(&side.device.id, now.into(), STALE_TEMPORARY)?;
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
            journal.as_deref_mut(),
            notebook.as_ref(),
            now,
            &mut report,
        )?;
        // What applying made to send at once (a check-in key once the partner's answer came).
        if let Some(journal) = journal {
            report.written += self.write_outgoing(
                &exchange,
                &side,
                Stream::Notebook,
                Some(journal),
                notebook.as_ref(),
            )?;
        }
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
                    segment::seal_json(&side.couple, &side.device, &name, &key, &outgoing.json)
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
