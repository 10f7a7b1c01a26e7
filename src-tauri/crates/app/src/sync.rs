//! Two computers: setting up the exchange folder, pairing in person with a one-time code,
//! leaving, and what the couple is told about it. The exchange itself (writing what changed
//! here, applying what arrived) is `sync/round.rs`.
//!
//! Which key protects what: the calendar's key (rituals, marks, the practices' history, which
//! the schedule database holds unencrypted already) and this device's own keys live beside the
//! schedule database, so reminders follow the partner while the notebook is locked; the
//! notebook's key lives inside the encrypted notebook. The folder holds only sealed files.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use hearth_store::exchange::Exchange;
use hearth_sync::keys::StreamKey;
use hearth_sync::pairing::{
    Invitation, InvitationSecret, JoinRequest, PairingCode, PairingError, PairingKey,
};
use hearth_sync::{CoupleId, DeviceId, DevicePublic, DeviceSecret};
use serde::{Deserialize, Serialize};

use crate::dto::sync as wire;
use crate::journal::Journal;
use crate::settings;
use crate::{ApiError, ApiErrorKind, Hearth};

mod check_in;
mod epochs;
pub use epochs::parse_exchange_file;
mod round;

pub use crate::dto::sync::{SyncRefusal as Refusal, SyncReport};

/// The most refusals remembered for the status page.
const REFUSALS_KEPT: usize = 50;

/// This computer's side of the pairing, beside the schedule database.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalendarSide {
    pub folder: PathBuf,
    pub couple: CoupleId,
    pub device: DeviceSecret,
    /// The calendar's keys, every epoch (old segments stay readable).
    pub calendar_keys: Vec<StreamKey>,
    /// Every device of the couple, this one included, as paired.
    pub roster: Vec<DevicePublic>,
}

/// This computer's side of the pairing inside the notebook.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotebookSide {
    pub notebook_keys: Vec<StreamKey>,
    /// A pairing code that is out, while it lasts.
    pub invitation: Option<PendingInvitation>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PendingInvitation {
    pub id: String,
    pub code: String,
    pub expires_at_ms: u64,
}

/// A slow look at the folder even when nothing announced a change (a watcher can miss events
/// on network and cloud drives). It runs inside a look the reminders make anyway.
const FALLBACK: chrono::Duration = chrono::Duration::minutes(5);

/// When the background exchange last ran, and whether the folder announced a change since.
#[derive(Debug, Default)]
pub(crate) struct Schedule {
    wanted: bool,
    last_round: Option<DateTime<Utc>>,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorKind::InvalidInput, message)
}

pub(crate) fn ms(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

fn pairing_error(error: PairingError) -> ApiError {
    match error {
        PairingError::WrongCode => ApiError::new(ApiErrorKind::WrongPassphrase, error.to_string()),
        PairingError::Random(_) | PairingError::Malformed(_) => {
            ApiError::new(ApiErrorKind::Storage, error.to_string())
        }
        _ => invalid(error.to_string()),
    }
}

fn not_paired() -> ApiError {
    invalid("this computer is not paired; set up the exchange folder or join one first")
}

impl Hearth {
    pub(crate) fn calendar_side(&self) -> Result<Option<CalendarSide>, ApiError> {
        settings::SYNC.get_exact(&*self.schedule_db()?)
    }

    pub(crate) fn save_calendar_side(&self, side: Option<&CalendarSide>) -> Result<(), ApiError> {
        settings::SYNC.set(&*self.schedule_db()?, side)
    }

    /// Where the exchange folder is, if this computer is paired (for the desktop to watch).
    pub fn exchange_folder(&self) -> Option<PathBuf> {
        self.calendar_side().ok().flatten().map(|side| side.folder)
    }

    /// This computer starts a couple's exchange in `folder`: new keys for the couple, this
    /// device's keys, everything already here recorded for the partner to start from.
    pub fn sync_setup(
        &self,
        journal: &mut Journal,
        folder: &Path,
        now: DateTime<Utc>,
    ) -> Result<SyncReport, ApiError> {
        if self.calendar_side()?.is_some() {
            return Err(invalid(
                "this computer is already paired; leave first to start another exchange",
            ));
        }
        let folder = folder
            .canonicalize()
            .map_err(|error| invalid(format!("{}: {error}", folder.display())))?;
        let couple = CoupleId::new().map_err(|error| ApiError::internal(&error.to_string()))?;
        let device = DeviceSecret::new().map_err(|error| ApiError::internal(&error.to_string()))?;
        let exchange = Exchange::create(&folder, &couple)?;
        exchange.ensure_device_dir(&device.id)?;
        let random = |error: hearth_sync::RandomError| ApiError::internal(&error.to_string());
        let side = CalendarSide {
            folder,
            couple,
            roster: vec![device.public()],
            device,
            calendar_keys: vec![StreamKey::random(0).map_err(random)?],
        };
        let notebook = NotebookSide {
            notebook_keys: vec![StreamKey::random(0).map_err(random)?],
            invitation: None,
        };
        self.pair_here(journal, &side, &notebook, now)?;
        self.sync_now(Some(journal), now)
    }

    /// Saves both sides and starts recording changes in both databases.
    fn pair_here(
        &self,
        journal: &mut Journal,
        side: &CalendarSide,
        notebook: &NotebookSide,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        settings::SYNC_NOTEBOOK.set(journal.settings_table(), Some(notebook))?;
        journal.db.sync_pair(&side.device.id, now)?;
        self.schedule_db()?.sync_pair(&side.device.id, now)?;
        self.save_calendar_side(Some(side))?;
        self.prepared.forget();
        Ok(())
    }

    /// A one-time code for the partner's computer, valid for 15 minutes and once.
    pub fn sync_invite(
        &self,
        journal: &mut Journal,
        now: DateTime<Utc>,
    ) -> Result<String, ApiError> {
        let side = self.calendar_side()?.ok_or_else(not_paired)?;
        let mut notebook: NotebookSide = settings::SYNC_NOTEBOOK
            .get_exact(journal.settings_table())?
            .unwrap_or_default();
        let exchange = Exchange::open(&side.folder)?;
        if let Some(old) = notebook.invitation.take() {
            exchange.remove_file(&side.device.id, &format!("invitation-{}.json", old.id))?;
        }
        let code = PairingCode::new().map_err(|error| ApiError::internal(&error.to_string()))?;
        let latest = |keys: &[StreamKey]| keys.iter().max_by_key(|key| key.epoch).cloned();
        let secret = InvitationSecret {
            couple: side.couple.clone(),
            inviter: side.device.public(),
            calendar: latest(&side.calendar_keys).ok_or_else(not_paired)?,
            notebook: latest(&notebook.notebook_keys).ok_or_else(not_paired)?,
        };
        let invitation = Invitation::new(&code, &secret, ms(now)).map_err(pairing_error)?;
        let json = serde_json::to_vec_pretty(&invitation)
            .map_err(|error| ApiError::internal(&error.to_string()))?;
        exchange.write_file(&side.device.id, &invitation.file_name(), &json)?;
        notebook.invitation = Some(PendingInvitation {
            id: invitation.id.clone(),
            code: code.display().to_string(),
            expires_at_ms: invitation.expires_at_ms,
        });
        settings::SYNC_NOTEBOOK.set(journal.settings_table(), Some(&notebook))?;
        Ok(code.display().to_string())
    }

    /// This computer joins the exchange in `folder` with the code shown on the partner's.
    pub fn sync_join(
        &self,
        journal: &mut Journal,
        folder: &Path,
        code: &str,
        now: DateTime<Utc>,
    ) -> Result<SyncReport, ApiError> {
        if self.calendar_side()?.is_some() {
            return Err(invalid(
                "this computer is already paired; leave first to join another exchange",
            ));
        }
        let code = PairingCode::parse(code).map_err(pairing_error)?;
        let folder = folder
            .canonicalize()
            .map_err(|error| invalid(format!("{}: {error}", folder.display())))?;
        let exchange = Exchange::open(&folder)?;
        let (invitation, secret, key) = open_invitation(&exchange, &code, now)?;
        // Used already: someone answered this invitation before.
        for device in exchange.devices()? {
            if !exchange
                .files(&device, &format!("join-{}", invitation.id))?
                .is_empty()
            {
                return Err(pairing_error(PairingError::Used));
            }
        }
        let device = DeviceSecret::new().map_err(|error| ApiError::internal(&error.to_string()))?;
        let answer =
            JoinRequest::new(&invitation, &key, device.public(), ms(now)).map_err(pairing_error)?;
        let json = serde_json::to_vec_pretty(&answer)
            .map_err(|error| ApiError::internal(&error.to_string()))?;
        exchange.write_file(&device.id, &answer.file_name(), &json)?;
        let side = CalendarSide {
            folder,
            couple: secret.couple.clone(),
            roster: vec![secret.inviter.clone(), device.public()],
            device,
            calendar_keys: vec![secret.calendar.clone()],
        };
        let notebook = NotebookSide {
            notebook_keys: vec![secret.notebook.clone()],
            invitation: None,
        };
        self.pair_here(journal, &side, &notebook, now)?;
        self.sync_now(Some(journal), now)
    }

    /// This computer leaves the exchange: it says so in the folder, stops recording and
    /// forgets the couple's keys. What was shared stays with the partner.
    pub fn sync_leave(
        &self,
        journal: Option<&mut Journal>,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let side = self.calendar_side()?.ok_or_else(not_paired)?;
        if let Ok(exchange) = Exchange::open(&side.folder) {
            let notice = epochs::left_notice(&side, now)?;
            exchange.write_file(&side.device.id, epochs::LEFT_FILE, &notice)?;
        }
        if let Some(journal) = journal {
            settings::SYNC_NOTEBOOK.set(journal.settings_table(), None)?;
            journal.db.sync_unpair()?;
        }
        self.schedule_db()?.sync_unpair()?;
        self.save_calendar_side(None)?;
        settings::SYNC_REFUSED.set(&*self.schedule_db()?, None)?;
        Ok(())
    }

    /// The folder changed: run a round at the next look.
    pub(crate) fn want_sync(&self) {
        if let Ok(mut schedule) = self.sync_schedule.lock() {
            schedule.wanted = true;
        }
    }

    /// In a look: runs a round when the folder changed, changes made here wait, or the slow
    /// look is due. Quietly: it does not keep the notebook open. Failures are logged (counts,
    /// never text) and tried again at the next look. True when something arrived and was
    /// applied.
    pub(crate) fn sync_if_due(&self, now: DateTime<Utc>) -> bool {
        if !matches!(self.calendar_side(), Ok(Some(_))) {
            return false;
        }
        let waiting = self
            .schedule_db()
            .is_ok_and(|db| db.sync_waiting().unwrap_or(0) > 0)
            || self
                .journal()
                .with_journal_quietly(now, |journal| journal.db.sync_waiting().unwrap_or(0) > 0)
                .unwrap_or(false);
        {
            let Ok(mut schedule) = self.sync_schedule.lock() else {
                return false;
            };
            let slow_look_due = schedule
                .last_round
                .is_none_or(|last| now - last >= FALLBACK || now < last);
            if !(schedule.wanted || waiting || slow_look_due) {
                return false;
            }
            schedule.wanted = false;
            schedule.last_round = Some(now);
        }
        let result = self
            .journal()
            .with_journal_quietly(now, |journal| self.sync_now(Some(journal), now))
            .unwrap_or_else(|| self.sync_now(None, now));
        match result {
            Ok(report) => {
                if report.applied > 0 || report.written > 0 || !report.refused.is_empty() {
                    tracing::info!(
                        written = report.written,
                        applied = report.applied,
                        refused = report.refused.len(),
                        "exchange round"
                    );
                }
                report.applied > 0
            }
            Err(error) => {
                tracing::warn!(kind = ?error.kind, "the exchange round did not run");
                false
            }
        }
    }

    pub(crate) fn remember_refusals(&self, refusals: &[Refusal]) -> Result<(), ApiError> {
        if refusals.is_empty() {
            return Ok(());
        }
        let db = self.schedule_db()?;
        let mut kept = settings::SYNC_REFUSED.get(&*db)?.unwrap_or_default();
        for refusal in refusals {
            kept.retain(|old| old.file != refusal.file);
            kept.push(refusal.clone());
        }
        let skip = kept.len().saturating_sub(REFUSALS_KEPT);
        settings::SYNC_REFUSED.set(&*db, Some(&kept[skip..].to_vec()))
    }

    pub(crate) fn forget_refusal(&self, file: &str) -> Result<(), ApiError> {
        let db = self.schedule_db()?;
        let mut kept = settings::SYNC_REFUSED.get(&*db)?.unwrap_or_default();
        let before = kept.len();
        kept.retain(|old| old.file != file);
        if kept.len() != before {
            settings::SYNC_REFUSED.set(&*db, Some(&kept))?;
        }
        Ok(())
    }

    /// Where things stand: this device, the partner's, what waits, what was refused.
    pub fn sync_status(&self, journal: Option<&Journal>) -> Result<wire::SyncStatus, ApiError> {
        let Some(side) = self.calendar_side()? else {
            return Ok(wire::SyncStatus::default());
        };
        let db = self.schedule_db()?;
        let calendar_peers = db.sync_peers()?;
        let notebook_peers = journal
            .map(|j| j.db.sync_peers())
            .transpose()?
            .unwrap_or_default();
        let notebook = journal
            .map(|j| settings::SYNC_NOTEBOOK.get(j.settings_table()))
            .transpose()?
            .flatten();
        let reachable = Exchange::open(&side.folder);
        let devices = side
            .roster
            .iter()
            .filter(|device| device.id != side.device.id)
            .map(|device| {
                let last = |peers: &[(String, u64, String)]| {
                    peers
                        .iter()
                        .find(|(id, _, _)| id == device.id.as_str())
                        .map(|(_, seq, at)| (*seq, at.clone()))
                };
                let calendar = last(&calendar_peers);
                let notebook = last(&notebook_peers);
                wire::SyncDevice {
                    device: device.id.to_string(),
                    calendar_received: calendar.as_ref().map_or(0, |(seq, _)| *seq),
                    notebook_received: notebook.as_ref().map_or(0, |(seq, _)| *seq),
                    last_received_at: [calendar, notebook]
                        .into_iter()
                        .flatten()
                        .map(|(_, at)| at)
                        .max(),
                }
            })
            .collect();
        Ok(wire::SyncStatus {
            paired: true,
            device: Some(side.device.id.to_string()),
            folder: Some(side.folder.display().to_string()),
            folder_reachable: reachable.is_ok(),
            syncthing: reachable.as_ref().is_ok_and(Exchange::is_syncthing),
            devices,
            waiting_calendar: db.sync_waiting()?,
            waiting_notebook: journal.map(|j| j.db.sync_waiting()).transpose()?,
            refused: settings::SYNC_REFUSED
                .get(&*db)?
                .unwrap_or_default()
                .into_iter()
                .collect(),
            two_versions: journal
                .map(|j| {
                    j.db.two_versions()
                        .map(|set| u32::try_from(set.len()).unwrap_or(u32::MAX))
                })
                .transpose()?,
            invitation_expires_at: notebook
                .and_then(|n| n.invitation)
                .and_then(|i| {
                    DateTime::<Utc>::from_timestamp_millis(
                        i64::try_from(i.expires_at_ms).unwrap_or(0),
                    )
                })
                .map(|at| at.to_rfc3339()),
        })
    }
}

/// Finds the invitation the code opens.
fn open_invitation(
    exchange: &Exchange,
    code: &PairingCode,
    now: DateTime<Utc>,
) -> Result<(Invitation, InvitationSecret, PairingKey), ApiError> {
    let mut expired = false;
    for device in exchange.devices()? {
        for name in exchange.files(&device, "invitation-")? {
            let Ok(invitation) =
                serde_json::from_slice::<Invitation>(&exchange.read_file(&device, &name)?)
            else {
                continue;
            };
            match invitation.open(code, ms(now)) {
                Ok((secret, key)) => return Ok((invitation, secret, key)),
                Err(PairingError::Expired) => expired = true,
                Err(PairingError::WrongCode) => {}
                Err(other) => return Err(pairing_error(other)),
            }
        }
    }
    Err(pairing_error(if expired {
        PairingError::Expired
    } else {
        PairingError::WrongCode
    }))
}

/// Whether `device` is one of the couple's, as paired.
pub(crate) fn known<'a>(side: &'a CalendarSide, device: &DeviceId) -> Option<&'a DevicePublic> {
    side.roster.iter().find(|public| &public.id == device)
}
