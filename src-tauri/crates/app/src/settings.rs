//! Every setting Hearth keeps, in one list: its key, its type, how it is written and where it
//! lives. Settings that must be read while the journal is locked (reminders, the idle lock, how
//! Hearth looks) live in the schedule database; what says something about the couple (names,
//! which notes were read) lives in the journal, encrypted.
//!
//! A setting is a [`Setting<T>`]; `T`'s [`SettingValue`] says how it is written. Most are JSON;
//! a few keep the plain text the first release wrote (`15`, `22:00-07:00`, an RFC 3339 time, a
//! date), so old data folders read unchanged.

use std::marker::PhantomData;

use chrono::{DateTime, NaiveDate, NaiveTime, SecondsFormat, Utc};
use hearth_core::planner::QuietHours;
use hearth_store::{JournalDb, ScheduleDb, StoreError};
use serde::de::DeserializeOwned;

use crate::dto::practices::{CustomBreathing, DisplayPreferences};
use crate::dto::settings::AppSettings;
use crate::sync::{CalendarSide, NotebookSide, Refusal};
use crate::{ApiError, ApiErrorKind, Hearth};

/// A database's key-value settings table.
pub trait SettingsTable {
    fn read_raw(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn write_raw(&self, key: &str, value: &str) -> Result<(), StoreError>;
}

impl SettingsTable for ScheduleDb {
    fn read_raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.setting(key)
    }

    fn write_raw(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.set_setting(key, value)
    }
}

impl SettingsTable for JournalDb {
    fn read_raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.setting(key)
    }

    fn write_raw(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.set_setting(key, value)
    }
}

/// How a setting's value is written as text, and read back (`None`: it does not parse).
pub trait SettingValue: Sized {
    fn encode(&self) -> String;
    fn decode(text: &str) -> Option<Self>;
}

/// JSON, for settings that are structures.
macro_rules! json_setting_value {
    ($($type:ty),* $(,)?) => {$(
        impl SettingValue for $type {
            fn encode(&self) -> String {
                // These types hold only strings, numbers and booleans; serialising cannot fail.
                serde_json::to_string(self).unwrap_or_default()
            }

            fn decode(text: &str) -> Option<Self> {
                json(text)
            }
        }
    )*};
}

fn json<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_str(text).ok()
}

json_setting_value!(
    AppSettings,
    DisplayPreferences,
    CustomBreathing,
    PartnerDetails,
    Vec<String>,
    CalendarSide,
    NotebookSide,
    Vec<Refusal>,
);

impl SettingValue for u32 {
    fn encode(&self) -> String {
        self.to_string()
    }

    fn decode(text: &str) -> Option<Self> {
        text.trim().parse().ok()
    }
}

impl SettingValue for NaiveDate {
    fn encode(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }

    fn decode(text: &str) -> Option<Self> {
        NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
    }
}

impl SettingValue for DateTime<Utc> {
    fn encode(&self) -> String {
        self.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    fn decode(text: &str) -> Option<Self> {
        DateTime::parse_from_rfc3339(text.trim())
            .ok()
            .map(|at| at.with_timezone(&Utc))
    }
}

/// `22:00-07:00`.
impl SettingValue for QuietHours {
    fn encode(&self) -> String {
        format!(
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }

    fn decode(text: &str) -> Option<Self> {
        let (start, end) = text.split_once('-')?;
        Some(QuietHours {
            start: NaiveTime::parse_from_str(start.trim(), "%H:%M").ok()?,
            end: NaiveTime::parse_from_str(end.trim(), "%H:%M").ok()?,
        })
    }
}

/// The partners' colours and pronouns, beside their names.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PartnerDetails {
    pub colours: Vec<String>,
    pub pronouns: Vec<String>,
}

/// One setting: its key and the type of its value.
pub struct Setting<T> {
    pub key: &'static str,
    value: PhantomData<fn() -> T>,
}

impl<T: SettingValue> Setting<T> {
    const fn new(key: &'static str) -> Self {
        Self {
            key,
            value: PhantomData,
        }
    }

    /// The saved value; none when never saved, cleared, or no longer readable (written by a
    /// newer Hearth, say), so a setting never stops Hearth from starting.
    pub fn get(&self, table: &impl SettingsTable) -> Result<Option<T>, ApiError> {
        Ok(table.read_raw(self.key)?.and_then(|text| {
            let value = T::decode(&text);
            if value.is_none() && !text.is_empty() {
                tracing::warn!(
                    key = self.key,
                    "a saved setting does not parse; using the default"
                );
            }
            value
        }))
    }

    /// The saved value, refusing one that no longer parses (for settings whose loss would
    /// mislead, such as the partners' names).
    pub fn get_exact(&self, table: &impl SettingsTable) -> Result<Option<T>, ApiError> {
        match table.read_raw(self.key)? {
            None => Ok(None),
            Some(text) if text.is_empty() => Ok(None),
            Some(text) => T::decode(&text).map(Some).ok_or_else(|| {
                ApiError::new(
                    ApiErrorKind::Storage,
                    format!("the saved setting {} is damaged", self.key),
                )
            }),
        }
    }

    /// Saves the value, or clears the setting.
    pub fn set(&self, table: &impl SettingsTable, value: Option<&T>) -> Result<(), ApiError> {
        let text = value.map(SettingValue::encode).unwrap_or_default();
        Ok(table.write_raw(self.key, &text)?)
    }

    /// The key and the written value, for writing several settings in one transaction.
    pub fn pair(&self, value: &T) -> (&'static str, String) {
        (self.key, value.encode())
    }
}

// Kept in the schedule database: readable while the journal is locked.

/// Start at login, close to tray, update checks, reminders on or off.
pub const APP: Setting<AppSettings> = Setting::new("app.settings");
/// Minutes without use before the journal locks itself.
pub const IDLE_LOCK_MINUTES: Setting<u32> = Setting::new("journal.idle_lock_minutes");
/// Hours when reminders wait.
pub const QUIET_HOURS: Setting<QuietHours> = Setting::new("reminders.quiet_hours");
/// Until when reminders are paused from the tray.
pub const PAUSED_UNTIL: Setting<DateTime<Utc>> = Setting::new("reminders.paused_until");
/// Theme, calm visuals, sound.
pub const DISPLAY: Setting<DisplayPreferences> = Setting::new("display.preferences");
/// The couple's own breathing rhythm.
pub const CUSTOM_BREATHING: Setting<CustomBreathing> = Setting::new("breathing.custom");
/// Which version of the first-run safety notice this computer has shown and put away (1). Never
/// shared with the other computer.
pub const SAFETY_NOTICE_SEEN: Setting<u32> = Setting::new("safety.notice_seen");

/// Two computers: the folder, this device's keys, the calendar's keys and the couple's devices.
pub const SYNC: Setting<CalendarSide> = Setting::new("sync.calendar");
/// Files from the exchange folder that were not applied, and why (the most recent).
pub const SYNC_REFUSED: Setting<Vec<Refusal>> = Setting::new("sync.refused");

// Kept in the journal: encrypted.

/// The partners' names, one or two.
pub const PARTNERS: Setting<Vec<String>> = Setting::new("partners");
/// The partners' colours and pronouns.
pub const PARTNER_DETAILS: Setting<PartnerDetails> = Setting::new("partners.details");
/// Appreciation notes already read, newest last (the last 500).
pub const NOTES_READ: Setting<Vec<String>> = Setting::new("appreciation.read");
/// Two computers: the notebook's keys and a pairing code that is out.
pub const SYNC_NOTEBOOK: Setting<NotebookSide> = Setting::new("sync.notebook");

/// Every key, for the test that keeps them distinct.
#[cfg(test)]
const KEYS: &[&str] = &[
    APP.key,
    IDLE_LOCK_MINUTES.key,
    QUIET_HOURS.key,
    PAUSED_UNTIL.key,
    DISPLAY.key,
    CUSTOM_BREATHING.key,
    PARTNERS.key,
    PARTNER_DETAILS.key,
    NOTES_READ.key,
    SYNC.key,
    SYNC_REFUSED.key,
    SYNC_NOTEBOOK.key,
];

impl Hearth {
    /// Hearth's own settings on this computer, or the defaults for any never saved.
    pub fn app_settings(&self) -> Result<AppSettings, ApiError> {
        Ok(APP.get(&*self.schedule_db()?)?.unwrap_or_default())
    }

    /// Saves the settings as a whole and returns them.
    pub fn set_app_settings(&self, settings: AppSettings) -> Result<AppSettings, ApiError> {
        APP.set(&*self.schedule_db()?, Some(&settings))?;
        Ok(settings)
    }
}

#[cfg(test)]
mod tests;
