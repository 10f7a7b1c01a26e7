//! Where to turn: the safety content as the page shows it, and the first-run notice shown once
//! per computer. Nothing here is written to the notebook or the exchange folder, or logged.

use crate::dto::safety::{Safety, SafetyDirectory, SafetyService};
use crate::{ApiError, ApiErrorKind, Hearth, settings};

/// The version of the first-run notice; a new wording worth showing again would raise it.
const NOTICE_VERSION: u32 = 1;

impl Hearth {
    /// The safety statement, services and directory from content, and whether this computer
    /// has shown the first-run notice.
    pub fn safety(&self) -> Result<Safety, ApiError> {
        let safety = self.content.safety.as_ref().ok_or_else(|| {
            ApiError::new(
                ApiErrorKind::Storage,
                "Hearth's content has no safety table; reinstall Hearth",
            )
        })?;
        let seen = settings::SAFETY_NOTICE_SEEN
            .get(&*self.schedule_db()?)?
            .is_some_and(|version| version >= NOTICE_VERSION);
        Ok(Safety {
            statement: safety.statement.clone(),
            short: safety.short.clone(),
            emergency: safety.emergency.clone(),
            check_note: safety.check_note.clone(),
            services: safety
                .services
                .iter()
                .map(|service| SafetyService {
                    country: service.country.clone(),
                    region: service.region.clone(),
                    name: service.name.clone(),
                    reach: service.reach.clone(),
                    website: service.website.clone(),
                    emergency: service.emergency.clone(),
                    checked: service.checked.format("%Y-%m-%d").to_string(),
                })
                .collect(),
            directory: SafetyDirectory {
                name: safety.directory.name.clone(),
                website: safety.directory.website.clone(),
                summary: safety.directory.summary.clone(),
                checked: safety.directory.checked.format("%Y-%m-%d").to_string(),
            },
            notice_seen: seen,
        })
    }

    /// The first-run notice was read and put away on this computer.
    pub fn mark_safety_notice_seen(&self) -> Result<(), ApiError> {
        settings::SAFETY_NOTICE_SEEN.set(&*self.schedule_db()?, Some(&NOTICE_VERSION))
    }
}
