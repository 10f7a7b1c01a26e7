//! Rituals' use cases: add, edit, pause, archive, list occurrences, mark them done, skipped or
//! snoozed, and decide the reminders the scheduler sends. None of this needs the journal: it
//! works while the journal is locked and before it exists.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use hearth_core::planner::{DEFAULT_GRACE, OccurrenceStatus, PlanInput, QuietHours, Reminder};
use hearth_core::recurrence::resolve_local;
use hearth_core::ritual::{Occurrence, Practice, Ritual, Schedule, Zone};
use hearth_store::ScheduleDb;

use crate::dto;
use crate::{ApiError, ApiErrorKind, Hearth};

/// How long a snooze lasts.
pub const SNOOZE: Duration = Duration::minutes(10);
/// How far back the missed list looks.
pub const MISSED_DAYS: i64 = 7;
const QUIET_HOURS_SETTING: &str = "reminders.quiet_hours";
const PAUSED_SETTING: &str = "reminders.paused_until";

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorKind::InvalidInput, message)
}

fn not_found(id: &str) -> ApiError {
    let shown: String = id.chars().take(40).collect();
    ApiError::new(ApiErrorKind::NotFound, format!("no ritual with id {shown}"))
}

fn rfc3339(at: DateTime<Utc>) -> String {
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
    let practice = match input.practice.as_deref().map(str::trim) {
        None | Some("") | Some("none") => None,
        Some(name) => Some(Practice::parse(name).ok_or_else(|| {
            let shown: String = name.chars().take(40).collect();
            invalid(format!(
                "practice: \"{shown}\" is not one of Hearth's practices"
            ))
        })?),
    };
    let zone = match input.tz.as_deref().map(str::trim) {
        None | Some("") => Zone::Floating,
        Some(name) => Zone::Pinned(parse_zone(name)?),
    };
    Ok(Ritual {
        id,
        title: input.title.clone(),
        practice,
        schedule: Schedule::parse(&input.schedule)?,
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

impl From<&Ritual> for dto::Ritual {
    fn from(ritual: &Ritual) -> Self {
        Self {
            id: ritual.id.clone(),
            title: ritual.title.clone(),
            practice: ritual.practice.map(|p| p.as_str().to_owned()),
            schedule: ritual.schedule.to_text(),
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
    ritual: &Ritual,
    occurrence: &Occurrence,
    local_zone: Tz,
    status: Option<OccurrenceStatus>,
) -> dto::Occurrence {
    dto::Occurrence {
        ritual_id: ritual.id.clone(),
        title: ritual.title.clone(),
        practice: ritual.practice.map(|p| p.as_str().to_owned()),
        key: occurrence.key.clone(),
        start_local: local_text(occurrence.start.with_timezone(&local_zone).naive_local()),
        start: rfc3339(occurrence.start),
        end: rfc3339(occurrence.end),
        tz: occurrence.zone.name().to_owned(),
        state: state_of(status),
    }
}

/// One notification the scheduler shows: words written here, ids for its actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderNotice {
    pub summary: String,
    pub body: String,
    /// The ritual and occurrence, when the notice is about one (actions apply to it).
    pub ritual_id: Option<String>,
    pub occurrence: Option<String>,
    pub practice: Option<Practice>,
    pub late: bool,
}

/// What the scheduler should do now and when to look again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReminderRound {
    pub notices: Vec<ReminderNotice>,
    pub next_wake: Option<DateTime<Utc>>,
    /// For the tray: "Nightly reflection at 21:00".
    pub next_label: Option<String>,
    /// For the tray while a phones-off hour runs: "Phones off: 42 min left".
    pub phones_off_label: Option<String>,
}

fn clock_time(at: DateTime<Utc>, zone: Tz) -> String {
    at.with_timezone(&zone).format("%H:%M").to_string()
}

/// Words for the reminders decided in one round: one notice for a single reminder, one summary
/// for several, never a burst.
pub fn notices_for(on_time: &[Reminder], late: &[Reminder], zone: Tz) -> Vec<ReminderNotice> {
    let all: Vec<(&Reminder, bool)> = on_time
        .iter()
        .map(|r| (r, false))
        .chain(late.iter().map(|r| (r, true)))
        .collect();
    match all.as_slice() {
        [] => Vec::new(),
        [(reminder, late)] => {
            let at = clock_time(reminder.occurrence_start, zone);
            let lead = (reminder.occurrence_start - reminder.due).num_minutes();
            let body = if *late {
                format!(
                    "This was at {at} while Hearth was away. If there is still time, it is not too late."
                )
            } else if lead > 0 {
                format!("Starts at {at}, in {lead} minutes.")
            } else {
                "It is time. Start whenever you are both ready.".to_owned()
            };
            vec![ReminderNotice {
                summary: reminder.title.clone(),
                body,
                ritual_id: Some(reminder.key.ritual_id.clone()),
                occurrence: Some(reminder.key.occurrence.clone()),
                practice: reminder.practice,
                late: *late,
            }]
        }
        several => {
            let mut seen: Vec<String> = Vec::new();
            for (reminder, _) in several {
                let line = format!(
                    "{} ({})",
                    reminder.title,
                    clock_time(reminder.occurrence_start, zone)
                );
                if !seen.contains(&line) {
                    seen.push(line);
                }
            }
            vec![ReminderNotice {
                summary: format!("{} rituals came round", seen.len()),
                body: format!(
                    "{}. Open Hearth to start one or let it pass.",
                    seen.join(", ")
                ),
                ritual_id: None,
                occurrence: None,
                practice: None,
                late: several.iter().any(|(_, late)| *late),
            }]
        }
    }
}

/// The rituals prepared for planning, kept until one changes here or another process (the CLI)
/// commits to the schedule database.
#[derive(Debug, Default)]
pub(crate) struct PreparedRituals {
    cached: Mutex<Option<(i64, Arc<[Ritual]>)>>,
}

impl PreparedRituals {
    pub(crate) fn forget(&self) {
        if let Ok(mut cached) = self.cached.lock() {
            *cached = None;
        }
    }

    fn get(&self, schedule: &ScheduleDb) -> Result<Arc<[Ritual]>, ApiError> {
        let mut cached = self
            .cached
            .lock()
            .map_err(|_| ApiError::internal("ritual cache"))?;
        let version = schedule.data_version()?;
        if let Some((seen, rituals)) = cached.as_ref()
            && *seen == version
        {
            return Ok(Arc::clone(rituals));
        }
        let rituals: Arc<[Ritual]> = schedule
            .rituals()?
            .into_iter()
            .map(Ritual::prepared)
            .collect();
        *cached = Some((version, Arc::clone(&rituals)));
        Ok(rituals)
    }
}

impl Hearth {
    /// Every ritual, archived ones last.
    pub fn rituals(&self) -> Result<Vec<dto::Ritual>, ApiError> {
        let mut rituals = self.schedule_db()?.rituals()?;
        rituals.sort_by_key(|r| r.archived);
        Ok(rituals.iter().map(dto::Ritual::from).collect())
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
        Ok(dto::Ritual::from(&ritual))
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
        db.update_ritual(&ritual)?;
        self.prepared.forget();
        Ok(dto::Ritual::from(&ritual))
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
        db.update_ritual(&ritual)?;
        self.prepared.forget();
        Ok(dto::Ritual::from(&ritual))
    }

    /// Deletes a ritual with its history.
    pub fn delete_ritual(&self, id: &str) -> Result<(), ApiError> {
        if !self.schedule_db()?.delete_ritual(id)? {
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
                found.push(occurrence_dto(&ritual, &occurrence, local_zone, status));
            }
        }
        found.sort_by(|a, b| (&a.start, &a.title).cmp(&(&b.start, &b.title)));
        Ok(found)
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

    /// Quiet hours (`22:00-07:00`), if set.
    pub fn quiet_hours(&self) -> Result<Option<QuietHours>, ApiError> {
        quiet_hours_in(&*self.schedule_db()?)
    }

    /// Quiet hours as the UI shows them, if set.
    pub fn quiet_hours_window(&self) -> Result<Option<dto::QuietHours>, ApiError> {
        Ok(self.quiet_hours()?.map(|quiet| dto::QuietHours {
            start: quiet.start.format("%H:%M").to_string(),
            end: quiet.end.format("%H:%M").to_string(),
        }))
    }

    /// Sets quiet hours (local `HH:MM` to `HH:MM`), or clears them.
    pub fn set_quiet_hours_window(&self, quiet: Option<&dto::QuietHours>) -> Result<(), ApiError> {
        let text = match quiet {
            Some(quiet) => {
                let time = |field: &str, text: &str| {
                    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
                        invalid(format!("quiet hours: {field} must be a time like 22:00"))
                    })
                };
                let start = time("start", &quiet.start)?;
                let end = time("end", &quiet.end)?;
                format!("{}-{}", start.format("%H:%M"), end.format("%H:%M"))
            }
            None => String::new(),
        };
        self.schedule_db()?
            .set_setting(QUIET_HOURS_SETTING, &text)?;
        self.prepared.forget();
        Ok(())
    }

    /// The practice a ritual opens, if it has one.
    pub fn ritual_practice(&self, id: &str) -> Result<Option<Practice>, ApiError> {
        self.schedule_db()?
            .ritual(id)?
            .map(|ritual| ritual.practice)
            .ok_or_else(|| not_found(id))
    }

    /// Until when reminders are paused (from the tray), if they are.
    pub fn reminders_paused_until(&self) -> Result<Option<DateTime<Utc>>, ApiError> {
        paused_until_in(&*self.schedule_db()?)
    }

    /// Pauses reminders until `until` (none: resume now).
    pub fn pause_reminders(&self, until: Option<DateTime<Utc>>) -> Result<(), ApiError> {
        let text = until.map(rfc3339).unwrap_or_default();
        self.schedule_db()?.set_setting(PAUSED_SETTING, &text)?;
        Ok(())
    }

    /// Decides and records the reminders due at `now`, and when to look again. The scheduler
    /// shows the notices; each reminder is in the ledger before this returns, so it is shown at
    /// most once even if Hearth stops right after.
    pub fn due_reminders(
        &self,
        now: DateTime<Utc>,
        local_zone: Tz,
    ) -> Result<ReminderRound, ApiError> {
        let db = self.schedule_db()?;
        let quiet = quiet_hours_in(&db)?;
        let paused_until = paused_until_in(&db)?;
        let rituals = self.prepared.get(&db)?;
        let since = (now - DEFAULT_GRACE - Duration::days(2))
            .with_timezone(&local_zone)
            .date_naive();
        let plan = db.decide_reminders(now, since, |sent, log| {
            hearth_core::planner::plan(&PlanInput {
                rituals: &rituals,
                now,
                local_zone,
                grace: DEFAULT_GRACE,
                quiet,
                paused_until,
                sent,
                status: &log.status,
                week_done: &log.week_done,
            })
        })?;
        let next_label = plan
            .next_wake
            .zip(plan.next_title.as_ref())
            .map(|(at, title)| format!("{title} at {}", clock_time(at, local_zone)));
        let mut notices = notices_for(&plan.on_time, &plan.late, local_zone);
        // Reminders turned off: the round is still decided and recorded above, just not shown.
        if !crate::settings::app_settings_in(&db)?.reminders {
            notices.clear();
        }
        let mut next_wake = plan.next_wake;
        // Phones-off hours: tell the couple when one is over (once), and look again at its end
        // and at each whole minute left, so the tray's count stays true.
        for hour in db.finish_phones_off(now)? {
            if now - hour.ends_at() <= PHONES_OFF_END_GRACE {
                notices.push(phones_off_over(&hour));
            }
        }
        let phones_off_label = match db.running_phones_off(now)? {
            Some(hour) => {
                let left = hour.left_millis(now);
                let minutes_left = left.div_ceil(60_000);
                let tick =
                    now + Duration::milliseconds(i64::try_from(left % 60_000).unwrap_or(0).max(1));
                next_wake = Some(next_wake.map_or(tick, |at| at.min(tick)));
                Some(format!("Phones off: {minutes_left} min left"))
            }
            None => None,
        };
        Ok(ReminderRound {
            notices,
            next_wake,
            next_label,
            phones_off_label,
        })
    }
}

/// A phones-off hour that ended longer ago than this (Hearth was not running) ends quietly.
const PHONES_OFF_END_GRACE: Duration = Duration::hours(1);

fn phones_off_over(hour: &hearth_core::phones_off::PhonesOffHour) -> ReminderNotice {
    ReminderNotice {
        summary: "Your phones-off time is over".to_owned(),
        body: format!(
            "{} minutes, just the two of you. Your phones are there when you want them.",
            hour.minutes
        ),
        ritual_id: None,
        occurrence: None,
        practice: Some(Practice::PhonesOffHour),
        late: false,
    }
}

fn quiet_hours_in(db: &ScheduleDb) -> Result<Option<QuietHours>, ApiError> {
    let text = db.setting(QUIET_HOURS_SETTING)?;
    Ok(text.and_then(|text| parse_quiet_hours(&text)))
}

fn paused_until_in(db: &ScheduleDb) -> Result<Option<DateTime<Utc>>, ApiError> {
    let text = db.setting(PAUSED_SETTING)?;
    Ok(text
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

fn parse_quiet_hours(text: &str) -> Option<QuietHours> {
    let (start, end) = text.split_once('-')?;
    Some(QuietHours {
        start: NaiveTime::parse_from_str(start.trim(), "%H:%M").ok()?,
        end: NaiveTime::parse_from_str(end.trim(), "%H:%M").ok()?,
    })
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
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn zone() -> Tz {
        "Europe/Berlin".parse().unwrap()
    }

    fn at(text: &str) -> DateTime<Utc> {
        resolve_local(
            NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap(),
            zone(),
        )
    }

    fn input(title: &str, schedule: &str, start: &str) -> dto::RitualInput {
        dto::RitualInput {
            title: title.into(),
            practice: Some("nightly_reflection".into()),
            schedule: schedule.into(),
            start: start.into(),
            tz: None,
            duration_minutes: 20,
            reminders: vec![0],
            paused_until: None,
        }
    }

    fn hearth() -> (tempfile::TempDir, Hearth) {
        let dir = tempfile::tempdir().unwrap();
        let hearth = Hearth::open(dir.path()).unwrap();
        (dir, hearth)
    }

    #[test]
    fn added_rituals_list_their_occurrences_with_what_happened() {
        let (_dir, hearth) = hearth();
        let ritual = hearth
            .add_ritual(
                &input("Reflection", "FREQ=DAILY", "2026-11-01T21:00"),
                at("2026-11-20T12:00"),
            )
            .unwrap();
        hearth
            .add_ritual(
                &input("Walk", "FREQ=WEEKLY;BYDAY=SU", "2026-11-01T10:00"),
                at("2026-11-20T12:00"),
            )
            .unwrap();
        let from = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let to = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let found = hearth.occurrences(from, to, zone()).unwrap();
        let names: Vec<(String, String)> = found
            .iter()
            .map(|o| (o.title.clone(), o.start_local.clone()))
            .collect();
        assert_eq!(
            names,
            [
                ("Reflection".to_owned(), "2026-11-28T21:00".to_owned()),
                ("Walk".to_owned(), "2026-11-29T10:00".to_owned()),
                ("Reflection".to_owned(), "2026-11-29T21:00".to_owned()),
            ]
        );
        assert_eq!(found[0].start, "2026-11-28T20:00:00Z");
        hearth
            .act_on_occurrence(
                &ritual.id,
                "2026-11-28T21:00",
                dto::OccurrenceAction::Done,
                at("2026-11-28T21:30"),
            )
            .unwrap();
        let found = hearth.occurrences(from, to, zone()).unwrap();
        assert_eq!(found[0].state, Some(dto::OccurrenceState::Done));
        assert_eq!(
            hearth
                .act_on_occurrence(
                    "nope",
                    "2026-11-28T21:00",
                    dto::OccurrenceAction::Done,
                    at("2026-11-28T21:30")
                )
                .unwrap_err()
                .kind,
            ApiErrorKind::NotFound
        );
        assert_eq!(
            hearth
                .act_on_occurrence(
                    &ritual.id,
                    "soon",
                    dto::OccurrenceAction::Done,
                    at("2026-11-28T21:30")
                )
                .unwrap_err()
                .kind,
            ApiErrorKind::InvalidInput
        );
    }

    #[test]
    fn bad_input_is_refused_by_field() {
        let (_dir, hearth) = hearth();
        let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        for (bad, field) in [
            (input("", "FREQ=DAILY", "2026-11-01T21:00"), "title"),
            (input("x", "FREQ=HOURLY", "2026-11-01T21:00"), "schedule"),
            (input("x", "FREQ=DAILY", "tomorrow"), "start"),
            (
                dto::RitualInput {
                    tz: Some("Mars/Olympus".into()),
                    ..input("x", "FREQ=DAILY", "2026-11-01T21:00")
                },
                "tz",
            ),
            (
                dto::RitualInput {
                    practice: Some("juggling".into()),
                    ..input("x", "FREQ=DAILY", "2026-11-01T21:00")
                },
                "practice",
            ),
            (
                dto::RitualInput {
                    duration_minutes: 0,
                    ..input("x", "FREQ=DAILY", "2026-11-01T21:00")
                },
                "duration",
            ),
        ] {
            let error = hearth.add_ritual(&bad, now).unwrap_err();
            assert_eq!(error.kind, ApiErrorKind::InvalidInput);
            assert!(
                error.message.starts_with(field),
                "{field}: {}",
                error.message
            );
        }
        assert!(hearth.rituals().unwrap().is_empty(), "nothing half-written");
    }

    #[test]
    fn due_reminders_are_worded_once_and_recorded() {
        let (_dir, hearth) = hearth();
        hearth
            .add_ritual(
                &input("Nightly reflection", "FREQ=DAILY", "2026-11-01T21:00"),
                at("2026-11-26T12:00"),
            )
            .unwrap();
        let round = hearth
            .due_reminders(at("2026-11-26T20:00"), zone())
            .unwrap();
        assert!(round.notices.is_empty());
        assert_eq!(round.next_wake, Some(at("2026-11-26T21:00")));
        let round = hearth
            .due_reminders(at("2026-11-26T21:00"), zone())
            .unwrap();
        assert_eq!(round.notices.len(), 1);
        let notice = &round.notices[0];
        assert_eq!(notice.summary, "Nightly reflection");
        assert_eq!(notice.occurrence.as_deref(), Some("2026-11-26T21:00"));
        assert!(!notice.late);
        assert!(
            hearth
                .due_reminders(at("2026-11-26T21:00"), zone())
                .unwrap()
                .notices
                .is_empty()
        );
    }

    #[test]
    fn quiet_hours_and_pause_are_settings_with_checked_input() {
        let (_dir, hearth) = hearth();
        assert_eq!(hearth.quiet_hours().unwrap(), None);
        let window = |start: &str, end: &str| dto::QuietHours {
            start: start.into(),
            end: end.into(),
        };
        hearth
            .set_quiet_hours_window(Some(&window("22:00", "7:00")))
            .unwrap();
        assert!(hearth.quiet_hours().unwrap().is_some());
        assert_eq!(
            hearth.quiet_hours_window().unwrap(),
            Some(window("22:00", "07:00"))
        );
        let error = hearth
            .set_quiet_hours_window(Some(&window("late", "07:00")))
            .unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::InvalidInput);
        assert!(error.message.contains("start"), "{}", error.message);
        hearth.set_quiet_hours_window(None).unwrap();
        assert_eq!(hearth.quiet_hours().unwrap(), None);
        let until = Utc.with_ymd_and_hms(2026, 11, 27, 8, 0, 0).unwrap();
        hearth.pause_reminders(Some(until)).unwrap();
        assert_eq!(hearth.reminders_paused_until().unwrap(), Some(until));
        hearth.pause_reminders(None).unwrap();
        assert_eq!(hearth.reminders_paused_until().unwrap(), None);
    }

    #[test]
    fn a_ritual_added_by_another_process_is_planned_without_a_restart() {
        let (dir, hearth) = hearth();
        let round = hearth
            .due_reminders(at("2026-11-26T20:00"), zone())
            .unwrap();
        assert_eq!(round.next_wake, None);
        // The CLI, say: another connection to the same database.
        let other = Hearth::open(dir.path()).unwrap();
        other
            .add_ritual(
                &input("Reflection", "FREQ=DAILY", "2026-11-01T21:00"),
                at("2026-11-26T12:00"),
            )
            .unwrap();
        let round = hearth
            .due_reminders(at("2026-11-26T20:00"), zone())
            .unwrap();
        assert_eq!(round.next_wake, Some(at("2026-11-26T21:00")));
    }

    #[test]
    fn progress_counts_kept_out_of_planned_per_week_and_flexible_ones_any_day() {
        let (_dir, hearth) = hearth();
        let daily = hearth
            .add_ritual(
                &input("Tea", "FREQ=DAILY", "2026-11-01T08:00"),
                at("2026-11-01T00:00"),
            )
            .unwrap();
        let flexible = hearth
            .add_ritual(
                &input(
                    "Breathe",
                    "TIMES_PER_WEEK=3;REMIND_ON=FR",
                    "2026-11-01T18:00",
                ),
                at("2026-11-01T00:00"),
            )
            .unwrap();
        for (id, key) in [
            (&daily.id, "2026-11-16T08:00"),
            (&daily.id, "2026-11-24T08:00"),
            (&daily.id, "2026-11-26T08:00"),
            (&flexible.id, "2026-11-24"),
        ] {
            hearth
                .act_on_occurrence(id, key, dto::OccurrenceAction::Done, at("2026-11-26T09:00"))
                .unwrap();
        }
        let progress = hearth.progress(2, at("2026-11-26T12:00"), zone()).unwrap();
        let tea = &progress[0].weeks;
        assert_eq!(tea[0].week_start, "2026-11-16");
        assert_eq!((tea[0].kept, tea[0].planned), (1, 7));
        assert_eq!((tea[1].kept, tea[1].planned), (2, 7));
        let breathe = &progress[1].weeks;
        assert_eq!((breathe[1].kept, breathe[1].planned), (1, 3));
    }

    #[test]
    fn several_reminders_become_one_summary() {
        let (_dir, hearth) = hearth();
        for (title, start) in [("Walk", "2026-11-01T08:00"), ("Tea", "2026-11-01T12:00")] {
            hearth
                .add_ritual(&input(title, "FREQ=DAILY", start), at("2026-11-01T00:00"))
                .unwrap();
        }
        let round = hearth
            .due_reminders(at("2026-11-26T18:00"), zone())
            .unwrap();
        assert_eq!(round.notices.len(), 1);
        assert_eq!(round.notices[0].summary, "2 rituals came round");
        assert!(
            round.notices[0].body.contains("Walk (08:00), Tea (12:00)"),
            "{}",
            round.notices[0].body
        );
        assert!(round.notices[0].late);
    }

    #[test]
    fn reminders_turned_off_are_decided_but_not_shown_and_do_not_return_later() {
        let (_dir, hearth) = hearth();
        hearth
            .add_ritual(
                &input("Tea", "FREQ=DAILY", "2026-11-26T12:00"),
                at("2026-11-26T00:00"),
            )
            .unwrap();
        let mut settings = hearth.app_settings().unwrap();
        settings.reminders = false;
        hearth.set_app_settings(settings).unwrap();
        let quiet = hearth
            .due_reminders(at("2026-11-26T12:01"), zone())
            .unwrap();
        assert!(quiet.notices.is_empty());
        assert!(quiet.next_wake.is_some(), "the schedule still runs");
        settings.reminders = true;
        hearth.set_app_settings(settings).unwrap();
        let after = hearth
            .due_reminders(at("2026-11-26T12:02"), zone())
            .unwrap();
        assert!(
            after.notices.is_empty(),
            "the quiet one was recorded, not queued"
        );
        let tomorrow = hearth
            .due_reminders(at("2026-11-27T12:00"), zone())
            .unwrap();
        assert_eq!(tomorrow.notices.len(), 1);
    }
}
