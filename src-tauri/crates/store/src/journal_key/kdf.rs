//! Argon2id settings for the passphrase slot: the floor, the caps a key file may ask for, and
//! calibration to this machine.

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::{KeyError, SALT_BYTES};

/// Argon2id floor and caps. The caps are what calibration itself can produce, so a crafted key
/// file can neither weaken an unlock nor make one take more than a few seconds and 256 MiB.
pub const KDF_MIN_MEMORY_KIB: u32 = 64 * 1024;
pub const KDF_MAX_MEMORY_KIB: u32 = 256 * 1024;
pub const KDF_MIN_PASSES: u32 = 3;
pub const KDF_MAX_PASSES: u32 = 20;
/// The most work one unlock may ask for: memory times passes, in KiB (128 MiB x 20 passes).
pub const KDF_MAX_WORK_KIB: u64 = 128 * 1024 * 20;
/// Calibration raises memory no higher than this (at the most passes).
pub(crate) const CALIBRATED_MAX_MEMORY_KIB: u32 = 128 * 1024;

/// Argon2id cost settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
}

impl KdfParams {
    /// The weakest settings Hearth accepts: 64 MiB, 3 passes, 1 lane.
    pub const FLOOR: Self = Self {
        memory_kib: KDF_MIN_MEMORY_KIB,
        passes: KDF_MIN_PASSES,
        lanes: 1,
    };

    /// Refuses settings below the floor or beyond what calibration produces, before any memory
    /// is allocated.
    pub fn check(&self) -> Result<(), KeyError> {
        let Self {
            memory_kib,
            passes,
            lanes,
        } = *self;
        let problem = if !(KDF_MIN_MEMORY_KIB..=KDF_MAX_MEMORY_KIB).contains(&memory_kib) {
            format!("memory {memory_kib} KiB")
        } else if !(KDF_MIN_PASSES..=KDF_MAX_PASSES).contains(&passes) {
            format!("{passes} passes")
        } else if lanes != 1 {
            format!("{lanes} lanes")
        } else if u64::from(memory_kib) * u64::from(passes) > KDF_MAX_WORK_KIB {
            format!("{memory_kib} KiB x {passes} passes")
        } else {
            return Ok(());
        };
        Err(KeyError::KdfOutOfRange(problem))
    }

    pub(super) fn derive(
        &self,
        passphrase: &[u8],
        salt: &[u8],
    ) -> Result<Zeroizing<[u8; 32]>, KeyError> {
        self.check()?;
        let params = Params::new(self.memory_kib, self.passes, self.lanes, Some(32))
            .map_err(|error| KeyError::KdfOutOfRange(error.to_string()))?;
        let mut out = Zeroizing::new([0u8; 32]);
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
            .hash_password_into(passphrase, salt, out.as_mut_slice())
            .map_err(|error| KeyError::Corrupt(error.to_string()))?;
        Ok(out)
    }

    /// Settings that make one derivation take about `target` on this machine, never below the
    /// floor: passes rise first (up to the cap), then memory (up to 128 MiB).
    pub fn calibrate(target: Duration) -> Result<Self, KeyError> {
        let mut params = Self::FLOOR;
        let salt = [0u8; SALT_BYTES];
        let started = Instant::now();
        params.derive(b"calibration", &salt)?;
        let per_pass = started.elapsed().as_secs_f64() / f64::from(params.passes);
        if per_pass <= 0.0 {
            return Ok(params);
        }
        let wanted_passes = (target.as_secs_f64() / per_pass).round();
        if wanted_passes <= f64::from(KDF_MAX_PASSES) {
            // In range by the check above; the cast cannot truncate.
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let passes = wanted_passes.max(f64::from(KDF_MIN_PASSES)) as u32;
            params.passes = passes;
        } else {
            params.passes = KDF_MAX_PASSES;
            let scale = wanted_passes / f64::from(KDF_MAX_PASSES);
            let memory =
                (f64::from(params.memory_kib) * scale).min(f64::from(CALIBRATED_MAX_MEMORY_KIB));
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let memory = memory as u32;
            params.memory_kib = memory.max(KDF_MIN_MEMORY_KIB);
        }
        Ok(params)
    }
}
