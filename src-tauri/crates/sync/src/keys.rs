//! Keys. Each stream of the couple has a random 256-bit key, numbered by epoch: leaving starts a
//! new epoch, so what follows is sealed under keys the one who left never had. Each device has
//! an Ed25519 key that signs what it writes and an X25519 key that new stream keys are sealed to.
//! Secrets live in zeroizing buffers and print as `<redacted>`.

use std::fmt;

use blake2::{Blake2b, Digest as _, digest::consts::U32};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::BASE64;
use ed25519_dalek::{Signature, Signer as _, SigningKey, Verifier as _, VerifyingKey};
use serde::{Deserialize, Serialize};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use crate::{DeviceId, RandomError, random};

/// Why a key could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error(transparent)]
    Random(#[from] RandomError),
    #[error("{0} is not a key")]
    Malformed(&'static str),
    #[error("the sealed key does not open with this device's key")]
    WrongKey,
}

fn decode32(text: &str, what: &'static str) -> Result<[u8; 32], KeyError> {
    BASE64
        .decode(text.as_bytes())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(KeyError::Malformed(what))
}

/// 32 secret bytes, kept in the clear only in memory.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret32(Zeroizing<[u8; 32]>);

impl Secret32 {
    pub fn random() -> Result<Self, RandomError> {
        Ok(Self(random::<32>()?))
    }

    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    pub fn expose(&self) -> &[u8; 32] {
        &self.0
    }

    /// For storing inside an encrypted store or a sealed slot only.
    pub fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(BASE64.encode(self.0.as_slice()))
    }

    pub fn from_base64(text: &str) -> Result<Self, KeyError> {
        let mut bytes = decode32(text, "a secret")?;
        let secret = Self::from_bytes(bytes);
        zeroize::Zeroize::zeroize(&mut bytes);
        Ok(secret)
    }
}

impl fmt::Debug for Secret32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl Serialize for Secret32 {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_base64())
    }
}

impl<'de> Deserialize<'de> for Secret32 {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Zeroizing::new(String::deserialize(deserializer)?);
        Self::from_base64(&text).map_err(serde::de::Error::custom)
    }
}

/// One stream's key at one epoch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StreamKey {
    pub epoch: u32,
    pub key: Secret32,
}

impl StreamKey {
    pub fn random(epoch: u32) -> Result<Self, RandomError> {
        Ok(Self {
            epoch,
            key: Secret32::random()?,
        })
    }

    pub(crate) fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.key.expose().into())
    }
}

/// A device's own secrets: its signing key and its agreement key.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceSecret {
    pub id: DeviceId,
    signing: Secret32,
    agreement: Secret32,
}

/// What others know of a device: its id and its two public keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DevicePublic {
    pub id: DeviceId,
    /// Ed25519, base64.
    pub verify: String,
    /// X25519, base64.
    pub agree: String,
}

impl DeviceSecret {
    pub fn new() -> Result<Self, RandomError> {
        Ok(Self {
            id: DeviceId::new()?,
            signing: Secret32::random()?,
            agreement: Secret32::random()?,
        })
    }

    fn signing_key(&self) -> SigningKey {
        SigningKey::from_bytes(self.signing.expose())
    }

    fn agreement_key(&self) -> StaticSecret {
        StaticSecret::from(*self.agreement.expose())
    }

    pub fn public(&self) -> DevicePublic {
        DevicePublic {
            id: self.id.clone(),
            verify: BASE64.encode(self.signing_key().verifying_key().as_bytes()),
            agree: BASE64.encode(PublicKey::from(&self.agreement_key()).as_bytes()),
        }
    }

    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing_key().sign(message).to_bytes()
    }

    /// Opens a key sealed to this device with [`DevicePublic::seal`].
    pub fn open(&self, sealed: &SealedKey, context: &[u8]) -> Result<Secret32, KeyError> {
        let ephemeral = PublicKey::from(decode32(&sealed.ephemeral, "an ephemeral key")?);
        let secret = self.agreement_key();
        let shared = secret.diffie_hellman(&ephemeral);
        if !shared.was_contributory() {
            return Err(KeyError::WrongKey);
        }
        let cipher = box_cipher(shared.as_bytes(), &ephemeral, &PublicKey::from(&secret));
        let nonce: [u8; 24] = BASE64
            .decode(sealed.nonce.as_bytes())
            .ok()
            .and_then(|bytes| bytes.try_into().ok())
            .ok_or(KeyError::Malformed("a nonce"))?;
        let bytes = BASE64
            .decode(sealed.sealed.as_bytes())
            .map_err(|_| KeyError::Malformed("a sealed key"))?;
        let plain = Zeroizing::new(
            cipher
                .decrypt(
                    &XNonce::from(nonce),
                    Payload {
                        msg: &bytes,
                        aad: context,
                    },
                )
                .map_err(|_| KeyError::WrongKey)?,
        );
        let array: [u8; 32] = plain
            .as_slice()
            .try_into()
            .map_err(|_| KeyError::Malformed("a sealed key"))?;
        Ok(Secret32::from_bytes(array))
    }
}

/// A key sealed to one device's agreement key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealedKey {
    pub ephemeral: String,
    pub nonce: String,
    pub sealed: String,
}

fn box_cipher(
    shared: &[u8; 32],
    ephemeral: &PublicKey,
    recipient: &PublicKey,
) -> XChaCha20Poly1305 {
    let mut hash = Blake2b::<U32>::new();
    hash.update(b"hearth sync key seal v1");
    hash.update(shared);
    hash.update(ephemeral.as_bytes());
    hash.update(recipient.as_bytes());
    let key = Zeroizing::new(<[u8; 32]>::from(hash.finalize()));
    XChaCha20Poly1305::new((&*key).into())
}

impl DevicePublic {
    pub fn verifying_key(&self) -> Result<VerifyingKey, KeyError> {
        VerifyingKey::from_bytes(&decode32(&self.verify, "a verifying key")?)
            .map_err(|_| KeyError::Malformed("a verifying key"))
    }

    pub fn verify(&self, message: &[u8], signature: &[u8; 64]) -> bool {
        self.verifying_key().is_ok_and(|key| {
            key.verify(message, &Signature::from_bytes(signature))
                .is_ok()
        })
    }

    /// Seals `secret` so only this device can open it; `context` is bound in (who sealed it,
    /// for which epoch) so a sealed key cannot be moved to another purpose.
    pub fn seal(&self, secret: &Secret32, context: &[u8]) -> Result<SealedKey, KeyError> {
        let recipient = PublicKey::from(decode32(&self.agree, "an agreement key")?);
        let ephemeral_secret = StaticSecret::from(*random::<32>()?);
        let ephemeral = PublicKey::from(&ephemeral_secret);
        let shared = ephemeral_secret.diffie_hellman(&recipient);
        if !shared.was_contributory() {
            return Err(KeyError::Malformed("an agreement key"));
        }
        let cipher = box_cipher(shared.as_bytes(), &ephemeral, &recipient);
        let nonce = random::<24>()?;
        let sealed = cipher
            .encrypt(
                &XNonce::from(*nonce),
                Payload {
                    msg: secret.expose(),
                    aad: context,
                },
            )
            .map_err(|_| KeyError::Malformed("a key to seal"))?;
        Ok(SealedKey {
            ephemeral: BASE64.encode(ephemeral.as_bytes()),
            nonce: BASE64.encode(nonce.as_slice()),
            sealed: BASE64.encode(&sealed),
        })
    }
}

#[cfg(test)]
mod tests;
