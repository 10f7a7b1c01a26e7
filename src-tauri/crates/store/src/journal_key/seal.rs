//! The ciphers of the key file's slots: XChaCha20-Poly1305 under a passphrase's key, and the
//! recovery slot's sealed box to an X25519 public key (ECIES: a fresh key pair, the shared
//! secret, BLAKE2b to a key).

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use data_encoding::BASE64;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::{DataKey, KeyError, KeyHeader, SealedSlot, Wrapped, blake2b, random_bytes};

pub(super) fn decode_public(text: &str) -> Result<PublicKey, KeyError> {
    let bytes: [u8; 32] = BASE64
        .decode(text.as_bytes())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| KeyError::Corrupt("recovery public key".into()))?;
    Ok(PublicKey::from(bytes))
}

/// The symmetric key of a sealed box: BLAKE2b over the shared secret and both public keys.
fn sealed_box_key(
    shared: &[u8; 32],
    ephemeral: &PublicKey,
    recipient: &PublicKey,
) -> XChaCha20Poly1305 {
    let key = blake2b(&[
        b"hearth journal recovery seal v1",
        shared,
        ephemeral.as_bytes(),
        recipient.as_bytes(),
    ]);
    XChaCha20Poly1305::new(&(*key).into())
}

/// Seals the data key for the holder of `recipient`'s secret: a fresh X25519 key pair, the
/// shared secret, and XChaCha20-Poly1305 under a key derived from it (an ECIES sealed box).
pub(super) fn seal_to(
    recipient: &PublicKey,
    data_key: &DataKey,
    header: &KeyHeader,
) -> Result<SealedSlot, KeyError> {
    let ephemeral_secret = StaticSecret::from(*random_bytes::<32>()?);
    let ephemeral = PublicKey::from(&ephemeral_secret);
    let shared = ephemeral_secret.diffie_hellman(recipient);
    if !shared.was_contributory() {
        return Err(KeyError::Corrupt("recovery public key".into()));
    }
    let cipher = sealed_box_key(shared.as_bytes(), &ephemeral, recipient);
    let wrapped = seal(&cipher, data_key, &header.recovery_aad())?;
    Ok(SealedSlot {
        public: BASE64.encode(recipient.as_bytes()),
        ephemeral: BASE64.encode(ephemeral.as_bytes()),
        nonce: wrapped.nonce,
        sealed: wrapped.sealed,
    })
}

pub(super) fn open_sealed(
    secret: &StaticSecret,
    slot: &SealedSlot,
    aad: &[u8],
) -> Result<DataKey, KeyError> {
    let ephemeral = decode_public(&slot.ephemeral)?;
    let shared = secret.diffie_hellman(&ephemeral);
    if !shared.was_contributory() {
        return Err(KeyError::Corrupt("recovery slot".into()));
    }
    let cipher = sealed_box_key(shared.as_bytes(), &ephemeral, &PublicKey::from(secret));
    let wrapped = Wrapped {
        nonce: slot.nonce.clone(),
        sealed: slot.sealed.clone(),
    };
    open(&cipher, &wrapped, aad)
}

pub(super) fn seal(
    cipher: &XChaCha20Poly1305,
    data_key: &DataKey,
    aad: &[u8],
) -> Result<Wrapped, KeyError> {
    let nonce_bytes = random_bytes::<24>()?;
    let nonce = XNonce::from(*nonce_bytes);
    let sealed = cipher
        .encrypt(
            &nonce,
            Payload {
                msg: data_key.0.as_slice(),
                aad,
            },
        )
        .map_err(|_| KeyError::Corrupt("sealing failed".into()))?;
    Ok(Wrapped {
        nonce: BASE64.encode(nonce_bytes.as_slice()),
        sealed: BASE64.encode(&sealed),
    })
}

/// Opens a sealed data key; an authentication failure is reported as `WrongPassphrase` and
/// mapped by the caller to the right slot's error.
pub(super) fn open(
    cipher: &XChaCha20Poly1305,
    wrapped: &Wrapped,
    aad: &[u8],
) -> Result<DataKey, KeyError> {
    let nonce_bytes = BASE64
        .decode(wrapped.nonce.as_bytes())
        .map_err(|_| KeyError::Corrupt("nonce".into()))?;
    let nonce_array: [u8; 24] = nonce_bytes
        .try_into()
        .map_err(|_| KeyError::Corrupt("nonce length".into()))?;
    let sealed = BASE64
        .decode(wrapped.sealed.as_bytes())
        .map_err(|_| KeyError::Corrupt("sealed".into()))?;
    if sealed.len() != 32 + 16 {
        return Err(KeyError::Corrupt("sealed key length".into()));
    }
    let plain = Zeroizing::new(
        cipher
            .decrypt(&XNonce::from(nonce_array), Payload { msg: &sealed, aad })
            .map_err(|_| KeyError::WrongPassphrase)?,
    );
    let mut key = Zeroizing::new([0u8; 32]);
    key.copy_from_slice(&plain);
    Ok(DataKey(key))
}
