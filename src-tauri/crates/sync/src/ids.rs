//! Ids of devices and couples: 16 random bytes as 26 lowercase base32 letters and digits, so an
//! id is safe as a file or folder name on every system and never looks like anything else.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{RandomError, random};

const LEN: usize = 26;

fn valid(text: &str) -> bool {
    text.len() == LEN
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || (b'2'..=b'7').contains(&b))
}

fn fresh() -> Result<String, RandomError> {
    Ok(data_encoding::BASE32_NOPAD
        .encode(random::<16>()?.as_slice())
        .to_lowercase())
}

macro_rules! id_type {
    ($name:ident, $what:literal) => {
        #[doc = concat!("A ", $what, "'s id.")]
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            /// A new random id.
            pub fn new() -> Result<Self, RandomError> {
                fresh().map(Self)
            }

            /// Reads an id, refusing anything that is not one.
            pub fn parse(text: &str) -> Option<Self> {
                valid(text).then(|| Self(text.to_owned()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                Self::parse(&text)
                    .ok_or_else(|| serde::de::Error::custom(concat!("not a ", $what, " id")))
            }
        }
    };
}

id_type!(DeviceId, "device");
id_type!(CoupleId, "couple");

#[cfg(test)]
mod tests;
