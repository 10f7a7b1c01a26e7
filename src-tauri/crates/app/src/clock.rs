//! The Clock port: the one place Hearth reads the wall clock.
//!
//! Everything else takes `now` as an argument, so tests can set the time (DST, suspend, clock
//! jumps) and nothing depends on when it happens to run. clippy.toml bans the clock elsewhere.

use chrono::{DateTime, Utc};

/// Where the current time comes from.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

/// The computer's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // The one sanctioned read of the wall clock.
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
