//! The hybrid logical clock: every change carries a [`Stamp`] (milliseconds of the wall clock,
//! a counter, the device), and stamps order every change of every device the same way
//! everywhere. A device's stamps only grow, even when its clock steps back, and a device that
//! has seen a change stamps what it does next later than it, so a computer whose clock is a day
//! behind cannot lose its partner's later edit to its own older one.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::DeviceId;

/// How far ahead of this computer's clock a partner's stamp is believed. A stamp further ahead
/// (a clock set years wrong) still orders its change, but does not drag this clock along.
pub const TRUST_AHEAD_MS: u64 = 30 * 24 * 60 * 60 * 1000;

/// When a change happened, in the order every computer agrees on.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Stamp {
    pub ms: u64,
    pub counter: u32,
    pub device: DeviceId,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.ms, self.counter, &self.device).cmp(&(other.ms, other.counter, &other.device))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A device's clock: the last stamp it gave or saw.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub ms: u64,
    pub counter: u32,
}

impl Clock {
    /// The stamp for a change made now (`now_ms`, the wall clock), later than every stamp this
    /// clock gave or saw.
    pub fn tick(&mut self, now_ms: u64, device: &DeviceId) -> Stamp {
        if now_ms > self.ms {
            self.ms = now_ms;
            self.counter = 0;
        } else {
            self.counter = self.counter.saturating_add(1);
        }
        Stamp {
            ms: self.ms,
            counter: self.counter,
            device: device.clone(),
        }
    }

    /// Takes a stamp that arrived into account, so the next tick is later than it.
    pub fn observe(&mut self, stamp: &Stamp, now_ms: u64) {
        if stamp.ms > now_ms.saturating_add(TRUST_AHEAD_MS) {
            return;
        }
        if (stamp.ms, stamp.counter) > (self.ms, self.counter) {
            self.ms = stamp.ms;
            self.counter = stamp.counter;
        }
    }
}

impl fmt::Display for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.ms, self.counter, self.device)
    }
}

impl fmt::Debug for Stamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stamp({self})")
    }
}

impl Stamp {
    /// Reads what [`Stamp`]'s `Display` wrote.
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.splitn(3, '.');
        let ms = parts.next()?.parse().ok()?;
        let counter = parts.next()?.parse().ok()?;
        let device = DeviceId::parse(parts.next()?)?;
        Some(Self {
            ms,
            counter,
            device,
        })
    }
}

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).ok_or_else(|| serde::de::Error::custom("not a stamp"))
    }
}

#[cfg(test)]
mod tests;
