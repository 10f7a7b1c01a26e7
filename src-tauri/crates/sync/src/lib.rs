//! Two computers, one couple: what travels between them through an exchange folder that
//! Syncthing, a cloud drive or a USB stick carries, and how it merges. Pure: no files, no SQL and
//! no clock; hearth-store keeps the state and reads the folder, hearth-app decides when.
//!
//! - [`ids`]: device and couple ids, safe as file names.
//! - [`hlc`]: the hybrid logical clock every change is stamped with.
//! - [`change`]: the changes that travel, in two streams: the calendar (readable while the
//!   notebook is locked, so reminders follow the partner's marks) and the notebook.
//! - [`keys`]: the couple's stream keys and each device's signing and agreement keys.
//! - [`segment`]: a sealed, signed batch of changes, as one file of the folder.
//! - [`pairing`]: the one-time code, the invitation it opens and the join request.
//! - [`check_in`]: check-in answers sealed until both partners have answered.
//! - [`merge`]: the rules that make every computer reach the same state from the same changes,
//!   in any order, any number of times.

pub mod change;
pub mod check_in;
pub mod hlc;
pub mod ids;
pub mod keys;
pub mod merge;
pub mod pairing;
pub mod segment;

pub use change::{Change, EntryBody, MarkStatus, RitualField, Stream};
pub use hlc::Stamp;
pub use ids::{CoupleId, DeviceId};
pub use keys::{DevicePublic, DeviceSecret, StreamKey};

/// Random bytes from the operating system.
pub(crate) fn random<const N: usize>() -> Result<zeroize::Zeroizing<[u8; N]>, RandomError> {
    let mut bytes = zeroize::Zeroizing::new([0u8; N]);
    getrandom::fill(bytes.as_mut_slice()).map_err(|error| RandomError(error.to_string()))?;
    Ok(bytes)
}

/// The operating system gave no random bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the system's random source failed: {0}")]
pub struct RandomError(pub String);
