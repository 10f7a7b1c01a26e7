//! A segment: one file of the exchange folder holding a batch of one device's changes in one
//! stream, sealed and signed.
//!
//! ```text
//! HEARTH-SEGMENT 1\n                        the magic line (a newer format is refused by name)
//! u16 big-endian length, then the header    JSON: couple, device, stream, seq, epoch, nonce
//! the sealed changes                        XChaCha20-Poly1305 (AAD: magic and header) over
//!                                           deflate(JSON array of changes)
//! 64 bytes                                  Ed25519 signature of everything before it
//! ```
//!
//! The name (`<stream>-<seq>.hseg` under `devices/<device>/`) must agree with the header, so a
//! segment moved to another device's folder, renamed to replay it as a later one, or taken from
//! another couple is refused. A segment that does not verify is applied not at all.

use std::io::{Read as _, Write as _};

use chacha20poly1305::XNonce;
use chacha20poly1305::aead::{Aead, Payload};
use data_encoding::BASE64;
use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use serde::{Deserialize, Serialize};

use crate::keys::StreamKey;
use crate::{Change, CoupleId, DeviceId, DevicePublic, DeviceSecret, RandomError, Stream, random};

const MAGIC: &[u8] = b"HEARTH-SEGMENT 1\n";
const MAGIC_PREFIX: &[u8] = b"HEARTH-SEGMENT ";
const SIGNATURE_BYTES: usize = 64;
const HEADER_MAX_BYTES: usize = 1024;
/// The most a segment may hold once opened: a bound on what a crafted file can make Hearth
/// allocate.
pub const PLAIN_MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The largest segment file read.
pub const FILE_MAX_BYTES: u64 = 64 * 1024 * 1024;
/// The file name ending of segments.
pub const EXTENSION: &str = "hseg";

/// Where a segment stands in the folder: whose it is, which stream, which number.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SegmentName {
    pub device: DeviceId,
    pub stream: Stream,
    pub seq: u64,
}

impl SegmentName {
    /// The file name inside the device's folder: `calendar-000000000042.hseg`.
    pub fn file_name(&self) -> String {
        format!("{}-{:012}.{EXTENSION}", self.stream.as_str(), self.seq)
    }

    /// Reads a file name in a device's folder; anything else (a conflict copy, a temporary or
    /// partial file, a note someone left) is not a segment.
    pub fn parse(device: &DeviceId, file_name: &str) -> Option<Self> {
        let stem = file_name.strip_suffix(&format!(".{EXTENSION}"))?;
        let (stream, seq) = stem.split_once('-')?;
        if seq.len() != 12 || !seq.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Self {
            device: device.clone(),
            stream: Stream::parse(stream)?,
            seq: seq.parse().ok()?,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    couple: CoupleId,
    device: DeviceId,
    stream: Stream,
    seq: u64,
    epoch: u32,
    nonce: String,
}

/// Why a segment was not applied. Each names what to tell the couple.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SegmentError {
    #[error("written by a newer Hearth; update Hearth on this computer to read it")]
    NewerFormat,
    #[error("not a Hearth segment")]
    NotASegment,
    #[error(
        "cut short or changed since it was written (if it is still arriving, it is tried again)"
    )]
    DoesNotVerify,
    #[error("its name does not match what it holds (moved, renamed or copied from elsewhere)")]
    Misplaced,
    #[error("belongs to another couple's exchange")]
    OtherCouple,
    #[error("sealed under keys of epoch {0}, which this computer does not have yet")]
    UnknownEpoch(u32),
    #[error("larger than Hearth reads")]
    TooLarge,
    #[error("holds a change stamped by another device")]
    ForeignChange,
    #[error("its content does not read: {0}")]
    Malformed(String),
    #[error(transparent)]
    Random(#[from] RandomError),
}

fn signed_part(bytes: &[u8]) -> Result<(&[u8], [u8; SIGNATURE_BYTES]), SegmentError> {
    let split = bytes
        .len()
        .checked_sub(SIGNATURE_BYTES)
        .ok_or(SegmentError::DoesNotVerify)?;
    let (body, signature) = bytes.split_at(split);
    let signature: [u8; SIGNATURE_BYTES] = signature
        .try_into()
        .map_err(|_| SegmentError::DoesNotVerify)?;
    Ok((body, signature))
}

/// Seals `changes` (all of `name.stream`, all stamped by this device) as a segment's bytes.
pub fn seal(
    couple: &CoupleId,
    device: &DeviceSecret,
    name: &SegmentName,
    key: &StreamKey,
    changes: &[Change],
) -> Result<Vec<u8>, SegmentError> {
    let json =
        serde_json::to_vec(changes).map_err(|error| SegmentError::Malformed(error.to_string()))?;
    seal_json(couple, device, name, key, &json)
}

/// Seals changes already written as one JSON array of [`Change`] (as the outbox keeps them), so
/// a large send does not read and write every change again.
pub fn seal_json(
    couple: &CoupleId,
    device: &DeviceSecret,
    name: &SegmentName,
    key: &StreamKey,
    json: &[u8],
) -> Result<Vec<u8>, SegmentError> {
    // The fast level: on a send of 10,000 entries the default level took two thirds of the
    // time (1.0 s against 0.34 s) for a folder a third smaller; fast still leaves the folder at
    // about a quarter of the notebook's JSON export (make bench-sync).
    let mut encoder = DeflateEncoder::new(Vec::with_capacity(json.len() / 4), Compression::fast());
    let plain = encoder
        .write_all(json)
        .and_then(|()| encoder.finish())
        .map_err(|error| SegmentError::Malformed(error.to_string()))?;
    let nonce = random::<24>()?;
    let header = Header {
        couple: couple.clone(),
        device: name.device.clone(),
        stream: name.stream,
        seq: name.seq,
        epoch: key.epoch,
        nonce: BASE64.encode(nonce.as_slice()),
    };
    let header =
        serde_json::to_vec(&header).map_err(|error| SegmentError::Malformed(error.to_string()))?;
    let length = u16::try_from(header.len()).map_err(|_| SegmentError::TooLarge)?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + 2 + header.len() + plain.len() + 16 + 64);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&length.to_be_bytes());
    bytes.extend_from_slice(&header);
    let aad = bytes.clone();
    let sealed = key
        .cipher()
        .encrypt(
            &XNonce::from(*nonce),
            Payload {
                msg: &plain,
                aad: &aad,
            },
        )
        .map_err(|_| SegmentError::Malformed("sealing failed".into()))?;
    bytes.extend_from_slice(&sealed);
    let signature = device.sign(&bytes);
    bytes.extend_from_slice(&signature);
    Ok(bytes)
}

/// What a reader knows that a segment must agree with.
pub struct Expected<'a> {
    pub couple: &'a CoupleId,
    pub name: &'a SegmentName,
    /// The device that wrote it, as it was paired.
    pub writer: &'a DevicePublic,
}

/// Opens a segment's bytes: checks the signature, the name, the couple and the seal, and reads
/// the changes. `keys` gives the stream's key for an epoch.
pub fn open(
    bytes: &[u8],
    expected: &Expected<'_>,
    keys: impl Fn(u32) -> Option<StreamKey>,
) -> Result<Vec<Change>, SegmentError> {
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > FILE_MAX_BYTES {
        return Err(SegmentError::TooLarge);
    }
    if !bytes.starts_with(MAGIC) {
        return Err(if bytes.starts_with(MAGIC_PREFIX) {
            SegmentError::NewerFormat
        } else {
            SegmentError::NotASegment
        });
    }
    let (body, signature) = signed_part(bytes)?;
    if !expected.writer.verify(body, &signature) {
        return Err(SegmentError::DoesNotVerify);
    }
    let rest = &body[MAGIC.len()..];
    let length = rest
        .get(..2)
        .map(|two| usize::from(u16::from_be_bytes([two[0], two[1]])))
        .ok_or(SegmentError::DoesNotVerify)?;
    if length > HEADER_MAX_BYTES {
        return Err(SegmentError::Malformed("the header is too long".into()));
    }
    let header_bytes = rest.get(2..2 + length).ok_or(SegmentError::DoesNotVerify)?;
    let header: Header = serde_json::from_slice(header_bytes)
        .map_err(|error| SegmentError::Malformed(format!("the header: {error}")))?;
    if &header.couple != expected.couple {
        return Err(SegmentError::OtherCouple);
    }
    if header.device != expected.name.device
        || header.stream != expected.name.stream
        || header.seq != expected.name.seq
        || expected.writer.id != header.device
    {
        return Err(SegmentError::Misplaced);
    }
    let key = keys(header.epoch).ok_or(SegmentError::UnknownEpoch(header.epoch))?;
    let nonce: [u8; 24] = BASE64
        .decode(header.nonce.as_bytes())
        .ok()
        .and_then(|nonce| nonce.try_into().ok())
        .ok_or_else(|| SegmentError::Malformed("the nonce".into()))?;
    let aad_len = MAGIC.len() + 2 + length;
    let (aad, sealed) = body.split_at(aad_len);
    let plain = key
        .cipher()
        .decrypt(&XNonce::from(nonce), Payload { msg: sealed, aad })
        .map_err(|_| SegmentError::DoesNotVerify)?;
    let mut json = Vec::new();
    DeflateDecoder::new(plain.as_slice())
        .take(PLAIN_MAX_BYTES + 1)
        .read_to_end(&mut json)
        .map_err(|error| SegmentError::Malformed(error.to_string()))?;
    if u64::try_from(json.len()).unwrap_or(u64::MAX) > PLAIN_MAX_BYTES {
        return Err(SegmentError::TooLarge);
    }
    let changes: Vec<Change> = serde_json::from_slice(&json)
        .map_err(|error| SegmentError::Malformed(error.to_string()))?;
    for change in &changes {
        if change.stream() != header.stream {
            return Err(SegmentError::Malformed(
                "a change of the other stream".into(),
            ));
        }
        if change.stamp().device != header.device {
            return Err(SegmentError::ForeignChange);
        }
    }
    Ok(changes)
}

#[cfg(test)]
mod tests;
