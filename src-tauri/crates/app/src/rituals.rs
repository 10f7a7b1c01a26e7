//! Rituals' use cases: add, edit, pause, archive, list occurrences, mark them done, skipped or
//! snoozed, and decide the reminders the scheduler sends. None of this needs the journal: it
//! works while the journal is locked and before it exists.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use hearth_core::planner::OccurrenceStatus;
use hearth_core::recurrence::resolve_local;
use hearth_core::ritual::{Occurrence, Practice, Ritual, Schedule, Zone};

use crate::dto;
use crate::{ApiError, ApiErrorKind, Hearth};

/// How long a snooze lasts.
pub const SNOOZE: Duration = Duration::minutes(10);
/// How far back the missed list looks.
pub const MISSED_DAYS: i64 = 7;

pub(crate) fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorKind::InvalidInput, message)
}

pub(crate) fn not_found(id: &str) -> ApiError {
    let shown: String = id.chars().take(40).collect();
    ApiError::new(ApiErrorKind::NotFound, format!("no ritual with id {shown}"))
}

pub(crate) fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn local_text(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%dT%H:%M").to_string()
}

/// Parses `YYYY-MM-DDTHH:MM` naming the field on failure.
pub fn parse_local(field: &str, text: &str) -> Result<NaiveDateTime, ApiError> {
    NaiveDateTime::parse_from_str(text.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
        let shown: String = text.chars().take(40).collect();
        invalid(format!(
            "{field}: \"{shown}\" is not a local time like 2026-11-29T10:00"
        ))
    })
}

/// Parses `YYYY-MM-DD` naming the field on failure.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        let shown: String = text.chars().take(40).collect();
        invalid(format!(
            "{field}: \"{shown}\" is not a date like 2026-11-29"
        ))
    })
}

/// Parses an IANA zone name, naming the field on failure.
pub fn parse_zone(text: &str) -> Result<Tz, ApiError> {
    text.trim().parse::<Tz>().map_err(|_| {
        let shown: String = text.chars().take(60).collect();
        invalid(format!(
            "tz: \"{shown}\" is not an IANA time zone like Europe/Berlin"
        ))
    })
}

impl From<hearth_core::ritual::RitualError> for ApiError {
    fn from(error: hearth_core::ritual::RitualError) -> Self {
        invalid(error.to_string())
    }
}

/// Builds a validated ritual from what the UI or CLI sent.
pub fn ritual_from_input(
    id: String,
    input: &dto::RitualInput,
    reminders_from: DateTime<Utc>,
) -> Result<Ritual, ApiError> {
    let practice = input.practice;
    let zone = match input.tz.as_deref().map(str::trim) {
        None | Some("") => Zone::Floating,
        Some(name) => Zone::Pinned(parse_zone(name)?),
    };
    Ok(Ritual {
        id,
        title: input.title.clone(),
        practice,
        schedule: crate::schedule_words::schedule_from_input(&input.schedule)?,
        start: parse_local("start", &input.start)?,
        zone,
        duration_minutes: input.duration_minutes,
        reminders: input.reminders.clone(),
        except: Vec::new(),
        paused_until: input
            .paused_until
            .as_deref()
            .filter(|d| !d.trim().is_empty())
            .map(|d| parse_date("pausedUntil", d))
            .transpose()?,
        archived: false,
        reminders_from,
    }
    .validated()?)
}

impl Hearth {
    /// The name content gives a practice, if it has a guide.
    pub(crate) fn practice_name(&self, practice: Option<Practice>) -> Option<String> {
        let practice = practice?;
        self.content
            .practice_guides
            .iter()
            .find(|guide| guide.practice == practice)
            .map(|guide| guide.name.clone())
    }

    /// A ritual as the UI shows it: its schedule in words and as the picker's choices.
    pub(crate) fn ritual_dto(&self, ritual: &Ritual) -> dto::Ritual {
        let time = ritual.start.format("%H:%M").to_string();
        dto::Ritual {
            id: ritual.id.clone(),
            title: ritual.title.clone(),
            practice: ritual.practice,
            practice_name: self.practice_name(ritual.practice),
            schedule: ritual.schedule.to_text(),
            schedule_words: crate::schedule_words::schedule_words(
                &ritual.schedule,
                ritual.start.date(),
                &time,
            ),
            pick: crate::schedule_words::pick_from_schedule(&ritual.schedule, ritual.start.date()),
            start: local_text(ritual.start),
            tz: match ritual.zone {
                Zone::Floating => None,
                Zone::Pinned(tz) => Some(tz.name().to_owned()),
            },
            duration_minutes: ritual.duration_minutes,
            reminders: ritual.reminders.clone(),
            paused_until: ritual
                .paused_until
                .map(|d| d.format("%Y-%m-%d").to_string()),
            archived: ritual.archived,
        }
    }
}

fn state_of(status: Option<OccurrenceStatus>) -> Option<dto::OccurrenceState> {
    status.map(|status| match status {
        OccurrenceStatus::Done => dto::OccurrenceState::Done,
        OccurrenceStatus::Skipped => dto::OccurrenceState::Skipped,
        OccurrenceStatus::Snoozed(_) => dto::OccurrenceState::Snoozed,
    })
}

fn occurrence_dto(
    hearth: &Hearth,
    ritual: &Ritual,
    occurrence: &Occurrence,
    local_zone: Tz,
    status: Option<OccurrenceStatus>,
) -> dto::Occurrence {
    dto::Occurrence {
        ritual_id: ritual.id.clone(),
        title: ritual.title.clone(),
        practice: ritual.practice,
        practice_name: hearth.practice_name(ritual.practice),
        key: occurrence.key.clone(),
        start_local: local_text(occurrence.start.with_timezone(&local_zone).naive_local()),
        start: rfc3339(occurrence.start),
        end: rfc3339(occurrence.end),
        tz: occurrence.zone.name().to_owned(),
        state: state_of(status),
    }
}

impl Hearth {
    /// Every ritual, archived ones last.
    pub fn rituals(&self) -> Result<Vec<dto::Ritual>, ApiError> {
        let mut rituals = self.schedule_db()?.rituals()?;
        rituals.sort_by_key(|r| r.archived);
        Ok(rituals
            .iter()
            .map(|ritual| self.ritual_dto(ritual))
            .collect())
    }

    /// Adds a ritual; it reminds from now on, never about earlier occurrences.
    pub fn add_ritual(
        &self,
        input: &dto::RitualInput,
        now: DateTime<Utc>,
    ) -> Result<dto::Ritual, ApiError> {
        let ritual = ritual_from_input(hearth_store::new_id()?, input, now)?;
        self.schedule_db()?.insert_ritual(&ritual, now)?;
        self.prepared.forget();
        Ok(self.ritual_dto(&ritual))
    }

    /// Replaces a ritual's settings. A changed schedule reminds from now on.
    pub fn update_ritual(
        &self,
        id: &str,
        input: &dto::RitualInput,
        now: DateTime<Utc>,
    ) -> Result<dto::Ritual, ApiError> {
        let db = self.schedule_db()?;
        let old = db.ritual(id)?.ok_or_else(|| not_found(id))?;
        let mut ritual = ritual_from_input(id.to_owned(), input, old.reminders_from)?;
        ritual.except = old.except.clone();
        ritual.archived = old.archived;
        if ritual.schedule != old.schedule || ritual.start != old.start || ritual.zone != old.zone {
            ritual.reminders_from = now;
        }
        db.update_ritual(&ritual, now)?;
        self.prepared.forget();
        Ok(self.ritual_dto(&ritual))
    }

    /// Archives (or brings back) a ritual; archived rituals have no occurrences.
    pub fn archive_ritual(
        &self,
        id: &str,
        archived: bool,
        now: DateTime<Utc>,
    ) -> Result<dto::Ritual, ApiError> {
        let db = self.schedule_db()?;
        let mut ritual = db.ritual(id)?.ok_or_else(|| not_found(id))?;
        ritual.archived = archived;
        if !archived {
            ritual.reminders_from = now;
        }
        db.update_ritual(&ritual, now)?;
        self.prepared.forget();
        Ok(self.ritual_dto(&ritual))
    }

    /// Deletes a ritual with its history.
    pub fn delete_ritual(&self, id: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        if !self.schedule_db()?.delete_ritual(id, now)? {
            return Err(not_found(id));
        }
        self.prepared.forget();
        Ok(())
    }

    /// Occurrences starting on local dates `from` to `to` (inclusive) in the computer's zone,
    /// sorted by start, with what happened to each.
    pub fn occurrences(
        &self,
        from: NaiveDate,
        to: NaiveDate,
        local_zone: Tz,
    ) -> Result<Vec<dto::Occurrence>, ApiError> {
        if to < from {
            return Err(invalid("to: must not be before from"));
        }
        if (to - from).num_days() > 400 {
            return Err(invalid("to: at most 400 days at a time"));
        }
        let start = resolve_local(from.and_time(NaiveTime::MIN), local_zone);
        let end = resolve_local(
            (to + Duration::days(1)).and_time(NaiveTime::MIN),
            local_zone,
        );
        let db = self.schedule_db()?;
        let log = db.occurrence_log(from - Duration::days(2))?;
        let mut found = Vec::new();
        for ritual in db.rituals()? {
            let statuses = log.status.get(&ritual.id);
            for occurrence in ritual.occurrences(start, end, local_zone) {
                let status = statuses.and_then(|s| s.get(&occurrence.key)).copied();
                found.push(occurrence_dto(
                    self,
                    &ritual,
                    &occurrence,
                    local_zone,
                    status,
                ));
            }
        }
        found.sort_by(|a, b| (&a.start, &a.title).cmp(&(&b.start, &b.title)));
        Ok(found)
    }

    /// One occurrence of a ritual by its key (its local start), with what happened to it: the
    /// card a reminder's Open leads to.
    pub fn occurrence(
        &self,
        ritual_id: &str,
        key: &str,
        local_zone: Tz,
    ) -> Result<dto::Occurrence, ApiError> {
        let db = self.schedule_db()?;
        let ritual = db.ritual(ritual_id)?.ok_or_else(|| not_found(ritual_id))?;
        let day = NaiveDateTime::parse_from_str(key, "%Y-%m-%dT%H:%M")
            .map(|at| at.date())
            .or_else(|_| NaiveDate::parse_from_str(key, "%Y-%m-%d"))
            .map_err(|_| {
                invalid("occurrence: must be a local start like 2026-11-29T10:00 or a date")
            })?;
        let zone = ritual.zone_in(local_zone);
        let around =
            |days: i64| resolve_local((day + Duration::days(days)).and_time(NaiveTime::MIN), zone);
        let gone = || {
            let shown: String = key.chars().take(40).collect();
            ApiError::new(
                ApiErrorKind::NotFound,
                format!("{} has no occurrence at {shown}", ritual.title),
            )
        };
        let occurrence = ritual
            .occurrences(around(-1), around(2), local_zone)
            .into_iter()
            .find(|occurrence| occurrence.key == key)
            .ok_or_else(gone)?;
        let status = db
            .occurrence_log(day - Duration::days(2))?
            .status
            .get(&ritual.id)
            .and_then(|statuses| statuses.get(key))
            .copied();
        Ok(occurrence_dto(
            self,
            &ritual,
            &occurrence,
            local_zone,
            status,
        ))
    }

    /// Occurrences of the last week that ended with nothing recorded: the gentle "missed" list.
    pub fn missed(
        &self,
        now: DateTime<Utc>,
        local_zone: Tz,
    ) -> Result<Vec<dto::Occurrence>, ApiError> {
        let today = now.with_timezone(&local_zone).date_naive();
        let mut missed =
            self.occurrences(today - Duration::days(MISSED_DAYS), today, local_zone)?;
        let now_text = rfc3339(now);
        missed.retain(|o| o.state.is_none() && o.end <= now_text);
        missed.reverse();
        Ok(missed)
    }

    /// Records done, skipped or snoozed (ten minutes from `now`) for an occurrence, or clears it.
    pub fn act_on_occurrence(
        &self,
        ritual_id: &str,
        occurrence: &str,
        action: dto::OccurrenceAction,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let db = self.schedule_db()?;
        if db.ritual(ritual_id)?.is_none() {
            return Err(not_found(ritual_id));
        }
        let valid_key = NaiveDateTime::parse_from_str(occurrence, "%Y-%m-%dT%H:%M").is_ok()
            || NaiveDate::parse_from_str(occurrence, "%Y-%m-%d").is_ok();
        if !valid_key {
            return Err(invalid(
                "occurrence: must be a local start like 2026-11-29T10:00 or a date",
            ));
        }
        let status = match action {
            dto::OccurrenceAction::Done => Some(OccurrenceStatus::Done),
            dto::OccurrenceAction::Skip => Some(OccurrenceStatus::Skipped),
            dto::OccurrenceAction::Snooze => Some(OccurrenceStatus::Snoozed(now + SNOOZE)),
            dto::OccurrenceAction::Clear => None,
        };
        db.set_occurrence_status(ritual_id, occurrence, status, now)?;
        Ok(())
    }

    /// Each active ritual's last `weeks` weeks (Monday to Sunday, local), oldest first: how many
    /// occurrences were kept out of how many were planned ("N times a week" rituals plan N).
    pub fn progress(
        &self,
        weeks: u32,
        now: DateTime<Utc>,
        local_zone: Tz,
    ) -> Result<Vec<dto::RitualProgress>, ApiError> {
        use chrono::Datelike as _;
        let weeks = i64::from(weeks.clamp(1, hearth_core::insights::ALL_WEEKS_MAX));
        let today = now.with_timezone(&local_zone).date_naive();
        let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
        let first_monday = this_monday - Duration::weeks(weeks - 1);
        let db = self.schedule_db()?;
        let log = db.occurrence_log(first_monday)?;
        let mut all = Vec::new();
        for ritual in db.rituals()?.into_iter().filter(|r| !r.archived) {
            let statuses = log.status.get(&ritual.id);
            let mut list = Vec::new();
            for index in 0..weeks {
                let monday = first_monday + Duration::weeks(index);
                let start = resolve_local(monday.and_time(NaiveTime::MIN), local_zone);
                let end = resolve_local(
                    (monday + Duration::weeks(1)).and_time(NaiveTime::MIN),
                    local_zone,
                );
                let kept = statuses.map_or(0, |statuses| {
                    statuses
                        .iter()
                        .filter(|(key, status)| {
                            **status == OccurrenceStatus::Done
                                && key
                                    .get(..10)
                                    .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                                    .is_some_and(|d| d >= monday && d < monday + Duration::weeks(1))
                        })
                        .count()
                });
                let planned = match ritual.schedule {
                    Schedule::TimesPerWeek { times, .. } => usize::from(times),
                    Schedule::Rule(_) => ritual.occurrences(start, end, local_zone).len(),
                };
                list.push(dto::WeekProgress {
                    week_start: monday.format("%Y-%m-%d").to_string(),
                    kept: u32::try_from(kept).unwrap_or(u32::MAX),
                    planned: u32::try_from(planned).unwrap_or(u32::MAX),
                });
            }
            all.push(dto::RitualProgress {
                ritual_id: ritual.id.clone(),
                weeks: list,
            });
        }
        Ok(all)
    }
}

/// The local wall time (`YYYY-MM-DDTHH:MM:SS`) at which an RFC 3339 instant falls in the named
/// zone; `None` if either does not parse.
pub fn wall_time_in(instant: &str, zone: &str) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(instant).ok()?;
    let zone: Tz = zone.parse().ok()?;
    Some(
        at.with_timezone(&zone)
            .format("%Y-%m-%dT%H:%M:%S")
            .to_string(),
    )
}

/// The zone a pinned ritual keeps, or the computer's, as a name (for the CLI's output).
pub fn zone_name(ritual: &dto::Ritual, local_zone: Tz) -> String {
    ritual
        .tz
        .clone()
        .unwrap_or_else(|| local_zone.name().to_owned())
}

#[cfg(test)]
mod tests;
