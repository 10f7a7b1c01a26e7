//! Epochs of the couple's keys: the signed notice a computer leaves when it stops sharing, the
//! new stream keys the one that stays makes for what follows (sealed to each device that stays,
//! signed), and taking in new keys another device made. Both streams change keys together, so a
//! departure waits until the notebook is open.

use chrono::{DateTime, Utc};
use data_encoding::BASE64;
use hearth_store::exchange::Exchange;
use hearth_sync::keys::{SealedKey, Secret32, StreamKey};
use hearth_sync::{DeviceId, Stream};
use serde::{Deserialize, Serialize};

use super::round::refusal;
use super::{CalendarSide, NotebookSide, Refusal, ms};
use crate::{ApiError, Hearth};

/// The file a device that left writes.
pub(crate) const LEFT_FILE: &str = "left.json";

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

impl Hearth {
    /// Takes out of the roster every device that left, and starts new keys for what follows.
    pub(super) fn handle_departures(
        &self,
        exchange: &Exchange,
        side: &mut CalendarSide,
        notebook: Option<&mut NotebookSide>,
    ) -> Result<(), ApiError> {
        // Both streams change keys together: with the notebook locked, the departure waits (the
        // one who left forgot the keys and writes nothing more meanwhile).
        let Some(notebook) = notebook else {
            return Ok(());
        };
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
        let notebook_key = StreamKey::random(epoch).map_err(random)?;
        notebook.notebook_keys.push(notebook_key.clone());
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
                notebook: Some(
                    seal(&notebook_key.key, Stream::Notebook)
                        .map_err(|error| ApiError::internal(&error.to_string()))?,
                ),
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

/// New keys another device made after someone left: the ones sealed to this device.
pub(super) fn accept_keys(
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
            let has_calendar = calendar_keys.iter().any(|key| key.epoch == file.epoch);
            // Taken in while the notebook was locked: its key is taken in once it opens.
            let has_notebook = notebook.as_deref().is_none_or(|notebook| {
                notebook
                    .notebook_keys
                    .iter()
                    .any(|key| key.epoch == file.epoch)
            });
            if has_calendar && has_notebook {
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
            if !has_calendar {
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

/// Reads a small file of the exchange folder as each kind Hearth reads there (the format file,
/// an invitation, a join request, new keys, a leaving notice); how many kinds took it. Only for
/// the fuzz targets: every reader of the folder's small files, from raw bytes.
pub fn parse_exchange_file(bytes: &[u8]) -> usize {
    let format = hearth_store::exchange::Exchange::parse_format(bytes).is_ok();
    let invitation = serde_json::from_slice::<hearth_sync::pairing::Invitation>(bytes).is_ok();
    let join = serde_json::from_slice::<hearth_sync::pairing::JoinRequest>(bytes).is_ok();
    let keys = serde_json::from_slice::<KeysFile>(bytes)
        .ok()
        .is_some_and(|file| keys_message(&file).is_ok());
    let left = serde_json::from_slice::<LeftNotice>(bytes).is_ok();
    [format, invitation, join, keys, left]
        .into_iter()
        .filter(|taken| *taken)
        .count()
}
