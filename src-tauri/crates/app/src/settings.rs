//! Hearth's own settings on this computer (start at login, close to tray, update checks), kept
//! in the schedule database so they are read before the journal is unlocked.

use hearth_store::ScheduleDb;

use crate::dto::settings::AppSettings;
use crate::{ApiError, Hearth};

const APP_SETTINGS: &str = "app.settings";

impl Hearth {
    /// The saved settings, or the defaults for any that were never saved. A saved copy that no
    /// longer parses (written by a newer Hearth, say) gives the defaults rather than an error.
    pub fn app_settings(&self) -> Result<AppSettings, ApiError> {
        app_settings_in(&*self.schedule_db()?)
    }

    /// Saves the settings as a whole and returns them.
    pub fn set_app_settings(&self, settings: AppSettings) -> Result<AppSettings, ApiError> {
        let text = serde_json::to_string(&settings).map_err(|_| ApiError::internal("settings"))?;
        self.schedule_db()?.set_setting(APP_SETTINGS, &text)?;
        Ok(settings)
    }
}

/// The settings as saved in `db` (for callers already holding the schedule database).
pub(crate) fn app_settings_in(db: &ScheduleDb) -> Result<AppSettings, ApiError> {
    Ok(db
        .setting(APP_SETTINGS)?
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_older_saved_copy_keeps_its_values_and_defaults_the_rest() {
        let saved: AppSettings = serde_json::from_str(r#"{"startAtLogin":true}"#).unwrap();
        assert_eq!(
            saved,
            AppSettings {
                reminders: true,
                start_at_login: true,
                close_to_tray: true,
                check_for_updates: false,
                close_explained: false,
            }
        );
    }

    #[test]
    fn an_unknown_field_is_refused_rather_than_dropped() {
        let error = serde_json::from_str::<AppSettings>(r#"{"checkForUpdate":true}"#)
            .unwrap_err()
            .to_string();
        assert!(error.contains("checkForUpdate"), "{error}");
    }
}
