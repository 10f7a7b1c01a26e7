//! Pairing in person. The first computer writes an [`Invitation`] into the folder: the couple's
//! stream keys and its own public keys, sealed under a key derived from a one-time code it shows
//! (12 characters, 60 random bits, through Argon2id: guessing it offline against the folder
//! would take longer than anyone has). The partner types the code on their computer, opens the
//! invitation and answers with a [`JoinRequest`] sealed under the same key, so only someone who
//! knew the code can add a device. The code expires after 15 minutes and serves once.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::BASE64;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::keys::StreamKey;
use crate::{CoupleId, DeviceId, DevicePublic, RandomError, random};

/// The key an invitation's code gives: it opens the invitation and seals the answer.
pub type PairingKey = XChaCha20Poly1305;

/// How long a code can be used.
pub const CODE_LIFETIME_MS: u64 = 15 * 60 * 1000;
const CODE_CHARS: usize = 12;
/// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const FORMAT: u32 = 1;
/// Argon2id over the code: 64 MiB, 3 passes (as the journal's floor).
const KDF_MEMORY_KIB: u32 = 64 * 1024;
const KDF_PASSES: u32 = 3;

/// Why pairing did not work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PairingError {
    #[error("that is not a pairing code: it has 12 letters and digits, like 7KQ2-XW9D-M3TF")]
    NotACode,
    #[error(
        "that code does not open any invitation in this folder; check it, or ask for a new one"
    )]
    WrongCode,
    #[error(
        "that code has expired (codes last 15 minutes), or the two computers' clocks disagree; check both clocks and ask for a new code"
    )]
    Expired,
    #[error("that code was already used to pair a computer; ask for a new one")]
    Used,
    #[error("written by a newer Hearth; update Hearth on this computer first")]
    NewerFormat,
    #[error("the invitation or answer does not read: {0}")]
    Malformed(String),
    #[error(transparent)]
    Random(#[from] RandomError),
}

/// A one-time pairing code.
pub struct PairingCode(Zeroizing<String>);

impl PairingCode {
    pub fn new() -> Result<Self, RandomError> {
        let bytes = random::<8>()?;
        let bits = u64::from_be_bytes(*bytes) >> 4; // 60 bits
        let code = (0..CODE_CHARS)
            .rev()
            .map(|index| {
                let five = usize::try_from((bits >> (index * 5)) & 31).unwrap_or(0);
                char::from(ALPHABET[five])
            })
            .collect();
        Ok(Self(Zeroizing::new(code)))
    }

    /// Reads a code as people type it: any case, with spaces or dashes, and the letters people
    /// mistake for digits (O, I, L) read as the digits.
    pub fn parse(text: &str) -> Result<Self, PairingError> {
        let mut code = Zeroizing::new(String::with_capacity(CODE_CHARS));
        for c in text.chars() {
            let c = match c.to_ascii_uppercase() {
                ' ' | '-' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(PairingError::NotACode);
            }
            code.push(c);
        }
        if code.len() != CODE_CHARS {
            return Err(PairingError::NotACode);
        }
        Ok(Self(code))
    }

    /// As shown: three groups of four.
    pub fn display(&self) -> Zeroizing<String> {
        Zeroizing::new(format!(
            "{}-{}-{}",
            &self.0[0..4],
            &self.0[4..8],
            &self.0[8..12]
        ))
    }

    fn cipher(&self, salt: &[u8]) -> Result<XChaCha20Poly1305, PairingError> {
        let params = Params::new(KDF_MEMORY_KIB, KDF_PASSES, 1, Some(32))
            .map_err(|error| PairingError::Malformed(error.to_string()))?;
        let mut key = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(self.0.as_bytes(), salt, key.as_mut_slice())
            .map_err(|error| PairingError::Malformed(error.to_string()))?;
        Ok(XChaCha20Poly1305::new((&*key).into()))
    }
}

/// What an invitation carries, once opened: everything the partner's computer needs to join.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitationSecret {
    pub couple: CoupleId,
    pub inviter: DevicePublic,
    pub calendar: StreamKey,
    pub notebook: StreamKey,
}

/// The invitation file, `devices/<inviter>/invitation-<id>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    pub format: u32,
    pub id: String,
    pub inviter: DeviceId,
    pub expires_at_ms: u64,
    salt: String,
    nonce: String,
    sealed: String,
}

/// The answer, `devices/<joiner>/join-<invitation id>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    pub format: u32,
    pub invitation: String,
    pub joiner: DeviceId,
    nonce: String,
    sealed: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Joined {
    device: DevicePublic,
    joined_at_ms: u64,
}

fn seal_json<T: Serialize>(
    cipher: &XChaCha20Poly1305,
    value: &T,
    aad: &[u8],
) -> Result<(String, String), PairingError> {
    let json = Zeroizing::new(
        serde_json::to_vec(value).map_err(|error| PairingError::Malformed(error.to_string()))?,
    );
    let nonce = random::<24>()?;
    let sealed = cipher
        .encrypt(&XNonce::from(*nonce), Payload { msg: &json, aad })
        .map_err(|_| PairingError::Malformed("sealing failed".into()))?;
    Ok((BASE64.encode(nonce.as_slice()), BASE64.encode(&sealed)))
}

fn open_json<T: DeserializeOwned>(
    cipher: &XChaCha20Poly1305,
    nonce: &str,
    sealed: &str,
    aad: &[u8],
) -> Result<T, PairingError> {
    let nonce: [u8; 24] = BASE64
        .decode(nonce.as_bytes())
        .ok()
        .and_then(|nonce| nonce.try_into().ok())
        .ok_or_else(|| PairingError::Malformed("the nonce".into()))?;
    let sealed = BASE64
        .decode(sealed.as_bytes())
        .map_err(|_| PairingError::Malformed("the sealed part".into()))?;
    let json = Zeroizing::new(
        cipher
            .decrypt(&XNonce::from(nonce), Payload { msg: &sealed, aad })
            .map_err(|_| PairingError::WrongCode)?,
    );
    serde_json::from_slice(&json).map_err(|error| PairingError::Malformed(error.to_string()))
}

fn invitation_aad(id: &str, inviter: &DeviceId, expires_at_ms: u64) -> Vec<u8> {
    format!("hearth invitation v1|{id}|{inviter}|{expires_at_ms}").into_bytes()
}

fn join_aad(invitation: &str, joiner: &DeviceId) -> Vec<u8> {
    format!("hearth join v1|{invitation}|{joiner}").into_bytes()
}

impl Invitation {
    /// Seals `secret` under `code` for 15 minutes from `now_ms`.
    pub fn new(
        code: &PairingCode,
        secret: &InvitationSecret,
        now_ms: u64,
    ) -> Result<Self, PairingError> {
        let id = DeviceId::new()?.to_string();
        let salt = random::<16>()?;
        let expires_at_ms = now_ms.saturating_add(CODE_LIFETIME_MS);
        let inviter = secret.inviter.id.clone();
        let cipher = code.cipher(salt.as_slice())?;
        let (nonce, sealed) = seal_json(
            &cipher,
            secret,
            &invitation_aad(&id, &inviter, expires_at_ms),
        )?;
        Ok(Self {
            format: FORMAT,
            id,
            inviter,
            expires_at_ms,
            salt: BASE64.encode(salt.as_slice()),
            nonce,
            sealed,
        })
    }

    pub fn file_name(&self) -> String {
        format!("invitation-{}.json", self.id)
    }

    /// Opens the invitation with the typed code, refusing it once expired.
    pub fn open(
        &self,
        code: &PairingCode,
        now_ms: u64,
    ) -> Result<(InvitationSecret, XChaCha20Poly1305), PairingError> {
        if self.format > FORMAT {
            return Err(PairingError::NewerFormat);
        }
        let salt = BASE64
            .decode(self.salt.as_bytes())
            .map_err(|_| PairingError::Malformed("the salt".into()))?;
        let cipher = code.cipher(&salt)?;
        let secret: InvitationSecret = open_json(
            &cipher,
            &self.nonce,
            &self.sealed,
            &invitation_aad(&self.id, &self.inviter, self.expires_at_ms),
        )?;
        if now_ms > self.expires_at_ms {
            return Err(PairingError::Expired);
        }
        if secret.inviter.id != self.inviter {
            return Err(PairingError::Malformed("the inviter does not match".into()));
        }
        Ok((secret, cipher))
    }

    /// The inviter's key for answers, from the code it still holds.
    pub fn answer_key(&self, code: &PairingCode) -> Result<XChaCha20Poly1305, PairingError> {
        let salt = BASE64
            .decode(self.salt.as_bytes())
            .map_err(|_| PairingError::Malformed("the salt".into()))?;
        code.cipher(&salt)
    }
}

impl JoinRequest {
    /// The joiner's answer, sealed under the invitation's key.
    pub fn new(
        invitation: &Invitation,
        key: &XChaCha20Poly1305,
        joiner: DevicePublic,
        now_ms: u64,
    ) -> Result<Self, PairingError> {
        let joined = Joined {
            device: joiner.clone(),
            joined_at_ms: now_ms,
        };
        let (nonce, sealed) = seal_json(key, &joined, &join_aad(&invitation.id, &joiner.id))?;
        Ok(Self {
            format: FORMAT,
            invitation: invitation.id.clone(),
            joiner: joiner.id,
            nonce,
            sealed,
        })
    }

    pub fn file_name(&self) -> String {
        format!("join-{}.json", self.invitation)
    }

    /// Opens an answer with the invitation's key: the new device's public keys, if the answer
    /// was made by someone who knew the code before it expired.
    pub fn open(
        &self,
        invitation: &Invitation,
        key: &XChaCha20Poly1305,
    ) -> Result<DevicePublic, PairingError> {
        if self.format > FORMAT {
            return Err(PairingError::NewerFormat);
        }
        if self.invitation != invitation.id {
            return Err(PairingError::Malformed(
                "an answer to another invitation".into(),
            ));
        }
        let joined: Joined = open_json(
            key,
            &self.nonce,
            &self.sealed,
            &join_aad(&self.invitation, &self.joiner),
        )?;
        if joined.device.id != self.joiner {
            return Err(PairingError::Malformed("the joiner does not match".into()));
        }
        if joined.joined_at_ms > invitation.expires_at_ms {
            return Err(PairingError::Expired);
        }
        Ok(joined.device)
    }
}

#[cfg(test)]
mod tests;
