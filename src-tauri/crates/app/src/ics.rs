//! Rituals to and from iCalendar (.ics) files, with the `icalendar` crate.
//!
//! Export: one VEVENT per ritual with DTSTART (with TZID when pinned; floating local time when
//! the ritual follows the computer, which is exactly RFC 5545's floating time), DURATION,
//! RRULE, EXDATE and a VALARM per reminder; Hearth's own details ride along as `X-HEARTH-*`
//! properties so a round trip keeps them. Import: every recurring VEVENT whose rule Hearth can
//! keep becomes a ritual; the rest are listed with the reason. The file is read and checked
//! completely before anything is written, and the rituals are added in one transaction, so a
//! failed import changes nothing.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use hearth_core::recurrence::Rule;
use hearth_core::ritual::{Practice, Ritual, Schedule, Zone};
use icalendar::{
    Alarm, Calendar, CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike,
};

use crate::{ApiError, ApiErrorKind, Hearth, dto};

/// Files larger than this are refused before parsing.
pub const IMPORT_MAX_BYTES: usize = 5 * 1024 * 1024;
/// At most this many events are read from one file.
pub const IMPORT_MAX_EVENTS: usize = 1000;
const UID_SUFFIX: &str = "@hearth";
const LOCAL: &str = "%Y%m%dT%H%M%S";

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorKind::InvalidInput, message)
}

/// `PT1H30M` style duration for `minutes`.
fn duration_text(minutes: u32) -> String {
    let (hours, minutes) = (minutes / 60, minutes % 60);
    match (hours, minutes) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    }
}

/// Minutes in an RFC 5545 duration (`PT30M`, `-PT15M`, `P1D`, `PT1H30M`, `P1W`); sign dropped.
/// A duration too large to count in minutes is `None`, like one that cannot be read.
fn parse_duration_minutes(text: &str) -> Option<i64> {
    let text = text.trim().trim_start_matches(['-', '+']);
    let rest = text.strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((days, time)) => (days, time),
        None => (rest, ""),
    };
    let mut minutes: i64 = 0;
    let mut number = String::new();
    for c in days.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            let n: i64 = number.parse().ok()?;
            number.clear();
            let unit: i64 = match c {
                'W' => 7 * 24 * 60,
                'D' => 24 * 60,
                _ => return None,
            };
            minutes = minutes.checked_add(n.checked_mul(unit)?)?;
        }
    }
    for c in time.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            let n: i64 = number.parse().ok()?;
            number.clear();
            let part = match c {
                'H' => n.checked_mul(60)?,
                'M' => n,
                'S' => n / 60,
                _ => return None,
            };
            minutes = minutes.checked_add(part)?;
        }
    }
    number.is_empty().then_some(minutes)
}

/// The calendar text for `rituals`.
pub fn export_ics(rituals: &[Ritual], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::new();
    calendar.name("Hearth rituals");
    for ritual in rituals {
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("{}{UID_SUFFIX}", ritual.id))
            .summary(&ritual.title)
            .timestamp(now);
        let start = ritual.start.format(LOCAL).to_string();
        let mut dtstart = icalendar::Property::new("DTSTART", &start);
        if let Zone::Pinned(tz) = ritual.zone {
            dtstart.add_parameter("TZID", tz.name());
        }
        event.append_property(dtstart.done());
        event.add_property("DURATION", duration_text(ritual.duration_minutes));
        if let Schedule::TimesPerWeek { .. } = ritual.schedule {
            event.add_property("X-HEARTH-SCHEDULE", ritual.schedule.to_text());
        }
        event.add_property("RRULE", ritual.schedule.to_calendar_rrule());
        for date in &ritual.except {
            let mut exdate = icalendar::Property::new(
                "EXDATE",
                date.and_time(ritual.start.time()).format(LOCAL).to_string(),
            );
            if let Zone::Pinned(tz) = ritual.zone {
                exdate.add_parameter("TZID", tz.name());
            }
            event.append_multi_property(exdate.done());
        }
        if let Some(practice) = ritual.practice {
            event.add_property("X-HEARTH-PRACTICE", practice.as_str());
        }
        if ritual.archived {
            event.add_property("X-HEARTH-ARCHIVED", "TRUE");
        }
        for &lead in &ritual.reminders {
            event.alarm(Alarm::display(
                &ritual.title,
                -Duration::minutes(i64::from(lead)),
            ));
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// What an import did: the rituals added and, for each event left out, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    pub added: Vec<dto::Ritual>,
    pub left_out: Vec<String>,
}

fn event_title(event: &icalendar::Event) -> String {
    let title: String = event
        .get_summary()
        .unwrap_or("an event without a title")
        .chars()
        .take(80)
        .collect();
    format!("\u{201c}{}\u{201d}", title.trim())
}

/// Components may nest this deep (VCALENDAR > VEVENT > VALARM is three; VTIMEZONE's parts are
/// three too). Deeper files are refused before parsing, which recurses once per level.
const MAX_NESTING: usize = 6;

/// The calendar text as RFC 5545 means it: without a byte-order mark, line endings made
/// `\r\n`-free, and folded lines (a line break followed by one space or tab) joined again.
/// Outlook and others fold with a tab; the parser only knows spaces.
fn unfolded(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = String::with_capacity(text.len());
    let mut lines = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for line in lines {
        match line.strip_prefix([' ', '\t']) {
            Some(continued) => out.push_str(continued),
            None => {
                out.push_str("\r\n");
                out.push_str(line);
            }
        }
    }
    out
}

/// Refuses a file whose components nest deeper than [`MAX_NESTING`] or do not balance.
fn check_nesting(text: &str) -> Result<(), ApiError> {
    let mut depth: usize = 0;
    let starts = |line: &str, word: &str| {
        line.get(..word.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(word))
    };
    for line in text.split("\r\n") {
        if starts(line, "BEGIN:") {
            depth += 1;
            if depth > MAX_NESTING {
                return Err(invalid(format!(
                    "the calendar file nests its parts more than {MAX_NESTING} deep; Hearth does \
                     not read it"
                )));
            }
        } else if starts(line, "END:") {
            depth = depth.saturating_sub(1);
        }
    }
    Ok(())
}

/// A TZID as an IANA zone: either one already, or a Windows zone name (as Outlook writes them,
/// `W. Europe Standard Time`) through CLDR's world-wide mapping.
fn zone_from_tzid(tzid: &str) -> Option<Tz> {
    let tzid = tzid.trim().trim_matches('"');
    tzid.parse::<Tz>()
        .ok()
        .or_else(|| localzone::win_zone_to_iana(tzid, None)?.parse().ok())
}

/// Reads `text` into rituals (not yet stored) and the reasons for each event left out.
pub fn parse_ics(text: &str, now: DateTime<Utc>) -> Result<(Vec<Ritual>, Vec<String>), ApiError> {
    if text.len() > IMPORT_MAX_BYTES {
        return Err(invalid(format!(
            "the calendar file is larger than {} MB",
            IMPORT_MAX_BYTES / (1024 * 1024)
        )));
    }
    let text = unfolded(text);
    check_nesting(&text)?;
    let calendar: Calendar = text.parse().map_err(|error: String| {
        let first: String = error
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(120)
            .collect();
        invalid(format!(
            "this is not a calendar file Hearth can read ({first})"
        ))
    })?;
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(CalendarComponent::as_event)
        .collect();
    if events.is_empty() {
        return Err(invalid("the calendar file holds no events"));
    }
    if events.len() > IMPORT_MAX_EVENTS {
        return Err(invalid(format!(
            "the calendar file holds {} events; Hearth reads at most {IMPORT_MAX_EVENTS} at a time",
            events.len()
        )));
    }
    let mut rituals = Vec::new();
    let mut left_out = Vec::new();
    for event in events {
        match ritual_from_event(event, now) {
            Ok(ritual) => rituals.push(ritual),
            Err(reason) => left_out.push(format!("{}: {reason}", event_title(event))),
        }
    }
    Ok((rituals, left_out))
}

fn ritual_from_event(event: &icalendar::Event, now: DateTime<Utc>) -> Result<Ritual, String> {
    let (start, zone) = match event.get_start() {
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Floating(at))) => (at, Zone::Floating),
        Some(DatePerhapsTime::DateTime(CalendarDateTime::Utc(at))) => {
            (at.naive_utc(), Zone::Pinned(Tz::UTC))
        }
        Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
            let tz = zone_from_tzid(&tzid).ok_or_else(|| {
                let shown: String = tzid.chars().filter(|c| !c.is_control()).take(60).collect();
                format!("its time zone \"{shown}\" is not one Hearth knows")
            })?;
            (date_time, Zone::Pinned(tz))
        }
        Some(DatePerhapsTime::Date(_)) => {
            return Err("it lasts all day; a ritual needs a start time".to_owned());
        }
        None => return Err("it has no start".to_owned()),
    };
    let schedule = match event.property_value("X-HEARTH-SCHEDULE") {
        Some(text) => Schedule::parse(text).map_err(|e| e.problem)?,
        None => {
            let rule = event
                .property_value("RRULE")
                .ok_or("it does not repeat; Hearth keeps rituals that come round")?;
            Schedule::Rule(Rule::parse(rule).map_err(|e| e.0)?)
        }
    };
    let duration = match (event.property_value("DURATION"), event.get_end()) {
        (Some(text), _) => parse_duration_minutes(text).ok_or("its DURATION cannot be read")?,
        (None, Some(DatePerhapsTime::DateTime(end))) => {
            let end = match end {
                CalendarDateTime::Floating(at) => at,
                CalendarDateTime::Utc(at) => at.naive_utc(),
                CalendarDateTime::WithTimezone { date_time, .. } => date_time,
            };
            (end - start).num_minutes()
        }
        _ => 30,
    };
    let duration = u32::try_from(duration.clamp(1, 24 * 60)).unwrap_or(30);
    let mut reminders: Vec<u32> = event
        .components()
        .iter()
        .filter(|c| c.component_kind() == "VALARM")
        .filter_map(|alarm| alarm.property_value("TRIGGER"))
        .filter_map(|trigger| {
            // Before the start (negative) or at it; alarms after the start are not reminders.
            let minutes = parse_duration_minutes(trigger)?;
            (trigger.trim().starts_with('-') || minutes == 0).then_some(minutes)
        })
        .filter_map(|m| u32::try_from(m).ok())
        .collect();
    reminders.sort_unstable();
    reminders.dedup();
    if reminders.is_empty() {
        reminders.push(0);
    }
    reminders.truncate(hearth_core::ritual::REMINDERS_MAX);
    let except = event
        .multi_properties()
        .get("EXDATE")
        .map(|list| {
            list.iter()
                .flat_map(|p| p.value().split(','))
                .filter_map(|v| {
                    let v = v.trim().trim_end_matches('Z');
                    NaiveDateTime::parse_from_str(v, LOCAL)
                        .map(|t| t.date())
                        .or_else(|_| NaiveDate::parse_from_str(v, "%Y%m%d"))
                        .ok()
                })
                .collect()
        })
        .unwrap_or_default();
    let title = event
        .get_summary()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or("Imported ritual");
    let title: String = title.chars().filter(|c| !c.is_control()).take(80).collect();
    let id = hearth_store::new_id().map_err(|e| e.to_string())?;
    Ritual {
        id,
        title,
        practice: event
            .property_value("X-HEARTH-PRACTICE")
            .and_then(Practice::parse),
        schedule,
        start,
        zone,
        duration_minutes: duration,
        reminders,
        except,
        paused_until: None,
        archived: event.property_value("X-HEARTH-ARCHIVED") == Some("TRUE"),
        reminders_from: now,
    }
    .validated()
    .map_err(|e| e.to_string())
}

impl Hearth {
    /// The calendar text for every ritual, or the one with `id`.
    pub fn export_ics(&self, id: Option<&str>, now: DateTime<Utc>) -> Result<String, ApiError> {
        let db = self.schedule_db()?;
        let rituals = match id {
            Some(id) => vec![db.ritual(id)?.ok_or_else(|| {
                let shown: String = id.chars().take(40).collect();
                ApiError::new(ApiErrorKind::NotFound, format!("no ritual with id {shown}"))
            })?],
            None => db.rituals()?,
        };
        Ok(export_ics(&rituals, now))
    }

    /// Writes the calendar file atomically (temporary file, fsync, rename); returns how many
    /// rituals it holds.
    pub fn export_ics_to(
        &self,
        path: &std::path::Path,
        id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<usize, ApiError> {
        let text = self.export_ics(id, now)?;
        let count = text.matches("BEGIN:VEVENT").count();
        crate::journal_transfer::write_file(path, |file| {
            std::io::Write::write_all(file, text.as_bytes())
        })?;
        Ok(count)
    }

    /// Reads a calendar file (at most 5 MB) and imports it; see [`Hearth::import_ics`].
    pub fn import_ics_from(
        &self,
        path: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<ImportReport, ApiError> {
        let bytes = crate::journal_transfer::read_input(path, IMPORT_MAX_BYTES as u64)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| invalid(format!("{} is not UTF-8 text", path.display())))?;
        self.import_ics(&text, now)
    }

    /// Adds the rituals in a calendar file, all in one transaction; returns what was added and
    /// what was left out, with reasons.
    pub fn import_ics(&self, text: &str, now: DateTime<Utc>) -> Result<ImportReport, ApiError> {
        let (rituals, left_out) = parse_ics(text, now)?;
        self.schedule_db()?.insert_rituals(&rituals, now)?;
        self.prepared.forget();
        Ok(ImportReport {
            added: rituals
                .iter()
                .map(|ritual| self.ritual_dto(ritual))
                .collect(),
            left_out,
        })
    }
}

#[cfg(test)]
mod tests;
