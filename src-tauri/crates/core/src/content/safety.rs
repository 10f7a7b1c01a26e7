//! Raw form and checks of the `[safety]` table: the statement, the national services with the
//! date each was checked, the international directory and the emergency line.

use serde::Deserialize;
use toml::Spanned;

use super::Report;
use crate::safety::{Directory, Safety, Service};

const STATEMENT_MAX_CHARS: usize = 900;
const SHORT_MAX_CHARS: usize = 240;
const TENDER_MAX_CHARS: usize = 400;
const LINE_MAX_CHARS: usize = 300;
const NAME_MAX_CHARS: usize = 90;
const PLACE_MAX_CHARS: usize = 60;
const REACH_MAX_CHARS: usize = 240;
const WEBSITE_MAX_CHARS: usize = 120;
const EMERGENCY_MAX_CHARS: usize = 20;
const SERVICES_MAX: usize = 60;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSafety {
    statement: Spanned<String>,
    short: Spanned<String>,
    tender: Spanned<String>,
    emergency: Spanned<String>,
    check_note: Spanned<String>,
    directory: Spanned<RawDirectory>,
    #[serde(default)]
    service: Vec<Spanned<RawService>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDirectory {
    name: Spanned<String>,
    website: Spanned<String>,
    summary: Spanned<String>,
    checked: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawService {
    country: Spanned<String>,
    region: Option<Spanned<String>>,
    language: Spanned<String>,
    name: Spanned<String>,
    reach: Spanned<String>,
    website: Spanned<String>,
    emergency: Option<Spanned<String>>,
    checked: Spanned<String>,
}

/// Whether `tag` looks like a BCP 47 language tag Hearth uses: `en`, `fr`, `pt-BR`.
fn is_language_tag(tag: &str) -> bool {
    let (language, region) = tag.split_once('-').unwrap_or((tag, ""));
    (2..=3).contains(&language.len())
        && language.bytes().all(|b| b.is_ascii_lowercase())
        && (region.is_empty()
            || (region.len() == 2 && region.bytes().all(|b| b.is_ascii_uppercase())))
}

impl Report<'_> {
    pub(super) fn safety(&mut self, raw: Spanned<RawSafety>) -> Option<Safety> {
        let errors_before = self.errors.len();
        let table_start = raw.span().start;
        let raw = raw.into_inner();
        let statement = self.text("safety.statement", &raw.statement, STATEMENT_MAX_CHARS);
        let short = self.text("safety.short", &raw.short, SHORT_MAX_CHARS);
        let tender = self.text("safety.tender", &raw.tender, TENDER_MAX_CHARS);
        let emergency = self.text("safety.emergency", &raw.emergency, LINE_MAX_CHARS);
        if emergency
            .as_ref()
            .is_some_and(|line| !line.to_lowercase().contains("emergency number"))
        {
            self.error_at(
                raw.emergency.span().start,
                "safety.emergency",
                "must tell people in danger now to call their local emergency number",
            );
        }
        let check_note = self.text("safety.check_note", &raw.check_note, LINE_MAX_CHARS);
        let directory = self.directory(raw.directory);
        if raw.service.is_empty() || raw.service.len() > SERVICES_MAX {
            let problem = format!(
                "needs between 1 and {SERVICES_MAX} [[safety.service]] tables, found {}",
                raw.service.len()
            );
            self.error_at(table_start, "safety.service", &problem);
        }
        let services: Vec<Option<Service>> = raw
            .service
            .into_iter()
            .enumerate()
            .map(|(index, service)| self.service(&format!("safety.service[{index}]"), service))
            .collect();
        if self.errors.len() > errors_before {
            return None;
        }
        Some(Safety {
            statement: statement?,
            short: short?,
            tender: tender?,
            emergency: emergency?,
            check_note: check_note?,
            services: services.into_iter().collect::<Option<Vec<_>>>()?,
            directory: directory?,
        })
    }

    fn directory(&mut self, raw: Spanned<RawDirectory>) -> Option<Directory> {
        let raw = raw.into_inner();
        let name = self.text("safety.directory.name", &raw.name, NAME_MAX_CHARS);
        let website = self.website("safety.directory.website", &raw.website);
        let summary = self.text("safety.directory.summary", &raw.summary, REACH_MAX_CHARS);
        let checked = self.checked("safety.directory.checked", &raw.checked);
        Some(Directory {
            name: name?,
            website: website?,
            summary: summary?,
            checked: checked?,
        })
    }

    fn service(&mut self, path: &str, raw: Spanned<RawService>) -> Option<Service> {
        let raw = raw.into_inner();
        let country = self.text(&format!("{path}.country"), &raw.country, PLACE_MAX_CHARS);
        let region = raw
            .region
            .as_ref()
            .map(|region| self.text(&format!("{path}.region"), region, PLACE_MAX_CHARS));
        let language = raw.language.get_ref().trim().to_owned();
        if !is_language_tag(&language) {
            self.error_at(
                raw.language.span().start,
                &format!("{path}.language"),
                "must be a language tag like \"en\" or \"pt-BR\"",
            );
        }
        let name = self.text(&format!("{path}.name"), &raw.name, NAME_MAX_CHARS);
        let reach = self.text(&format!("{path}.reach"), &raw.reach, REACH_MAX_CHARS);
        let website = self.website(&format!("{path}.website"), &raw.website);
        let emergency = raw
            .emergency
            .as_ref()
            .map(|number| self.text(&format!("{path}.emergency"), number, EMERGENCY_MAX_CHARS));
        let checked = self.checked(&format!("{path}.checked"), &raw.checked);
        Some(Service {
            country: country?,
            region: region.map_or(Some(None), |region| region.map(Some))?,
            language,
            name: name?,
            reach: reach?,
            website: website?,
            emergency: emergency.map_or(Some(None), |number| number.map(Some))?,
            checked: checked?,
        })
    }

    /// A website: `https://`, no spaces.
    fn website(&mut self, field: &str, value: &Spanned<String>) -> Option<String> {
        let website = self.text(field, value, WEBSITE_MAX_CHARS)?;
        let host = website.strip_prefix("https://").unwrap_or_default();
        if host.is_empty() || website.contains(char::is_whitespace) {
            let problem = "must be a full https:// address, like \"https://www.example.org\"";
            self.error_at(value.span().start, field, problem);
            return None;
        }
        Some(website)
    }

    /// The day details were last checked, `YYYY-MM-DD`.
    fn checked(&mut self, field: &str, value: &Spanned<String>) -> Option<chrono::NaiveDate> {
        let found = chrono::NaiveDate::parse_from_str(value.get_ref().trim(), "%Y-%m-%d").ok();
        if found.is_none() {
            let problem = "must be the day it was last checked, like \"2026-11-30\"";
            self.error_at(value.span().start, field, problem);
        }
        found
    }
}

#[cfg(test)]
pub(crate) mod tests;
