//! Check-ins answered apart, revealed together. Each partner's answer travels sealed under a key
//! of its own, made for that answer; the key travels only once the partner's own sealed answer
//! has arrived. Until then neither the partner's computer nor the folder holds the answer in a
//! form anyone can read, so no one reads the other's answer before giving their own.
//!
//! A round is named by the day it was opened (`YYYY-MM-DD`, the first answerer's local date); an
//! answer goes to a round the partner opened and this computer has not answered, else to today.

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::BASE64;

use crate::keys::Secret32;
use crate::{DeviceId, RandomError, random};

/// The largest sealed answer accepted (base64): an answer is a few lines and a note.
pub const SEALED_MAX_CHARS: usize = 64 * 1024;

/// Why a sealed answer could not be opened or made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckInError {
    #[error(transparent)]
    Random(#[from] RandomError),
    #[error("a check-in round is named by its date, YYYY-MM-DD")]
    Round,
    #[error("the sealed answer is damaged or too long")]
    Malformed,
    #[error("the answer does not open with the key its writer released")]
    DoesNotOpen,
}

/// Whether `round` is a round's name: a date written `YYYY-MM-DD`.
pub fn round_ok(round: &str) -> bool {
    let bytes = round.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

fn context(round: &str, device: &DeviceId) -> Vec<u8> {
    format!("hearth check-in v1|{round}|{device}").into_bytes()
}

/// Seals `plain` (the answer) for `round`, written by `device`, under `key`: base64 of the nonce
/// and the ciphertext. The round and the device are bound in, so a sealed answer cannot be
/// passed off as another round's or another device's.
pub fn seal(
    key: &Secret32,
    round: &str,
    device: &DeviceId,
    plain: &[u8],
) -> Result<String, CheckInError> {
    if !round_ok(round) {
        return Err(CheckInError::Round);
    }
    let nonce = random::<24>()?;
    let sealed = XChaCha20Poly1305::new(key.expose().into())
        .encrypt(
            &XNonce::from(*nonce),
            Payload {
                msg: plain,
                aad: &context(round, device),
            },
        )
        .map_err(|_| CheckInError::Malformed)?;
    let mut bytes = nonce.to_vec();
    bytes.extend_from_slice(&sealed);
    let text = BASE64.encode(&bytes);
    if text.len() > SEALED_MAX_CHARS {
        return Err(CheckInError::Malformed);
    }
    Ok(text)
}

/// Opens a sealed answer with the key its writer released.
pub fn open(
    key: &Secret32,
    round: &str,
    device: &DeviceId,
    sealed: &str,
) -> Result<Vec<u8>, CheckInError> {
    if !round_ok(round) {
        return Err(CheckInError::Round);
    }
    if sealed.len() > SEALED_MAX_CHARS {
        return Err(CheckInError::Malformed);
    }
    let bytes = BASE64
        .decode(sealed.as_bytes())
        .map_err(|_| CheckInError::Malformed)?;
    if bytes.len() < 24 + 16 {
        return Err(CheckInError::Malformed);
    }
    let (nonce, ciphertext) = bytes.split_at(24);
    let nonce: [u8; 24] = nonce.try_into().map_err(|_| CheckInError::Malformed)?;
    XChaCha20Poly1305::new(key.expose().into())
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: ciphertext,
                aad: &context(round, device),
            },
        )
        .map_err(|_| CheckInError::DoesNotOpen)
}

#[cfg(test)]
mod tests;
