//! The Clock port: the one place Hearth reads the wall clock.
//!
//! Everything else takes `now` as an argument, so tests can set the time (DST, suspend, clock
//! jumps) and nothing depends on when it happens to run. clippy.toml bans the clock elsewhere.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

/// Where the current time and the computer's time zone come from.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;

    /// The zone floating rituals follow.
    fn local_zone(&self) -> Tz {
        system_zone()
    }
}

/// The computer's zone: `TZ` when it names an IANA zone (so tests and people can choose),
/// else the system setting, else UTC.
pub fn system_zone() -> Tz {
    std::env::var("TZ")
        .ok()
        .and_then(|name| name.trim_start_matches(':').parse::<Tz>().ok())
        .or_else(|| {
            iana_time_zone::get_timezone()
                .ok()
                .and_then(|name| name.parse::<Tz>().ok())
        })
        .unwrap_or(Tz::UTC)
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
