//! Recurrence rules (the RFC 5545 RRULE subset a ritual needs) expanded over a window of local
//! wall-clock time, plus the one place a wall time becomes an instant in a zone.
//!
//! Supported: `FREQ` DAILY, WEEKLY, MONTHLY or YEARLY; `INTERVAL`; `COUNT` or `UNTIL`; `BYDAY`
//! (with an ordinal such as `2SU` or `-1FR` for MONTHLY, and within a month for YEARLY with
//! `BYMONTH`); `BYMONTHDAY` (negative counts from the month's end); `BYMONTH`; `WKST`. Every
//! occurrence keeps DTSTART's time of day. Anything else (`BYHOUR`, `BYSETPOS`, ...) is refused
//! by name rather than half-understood.
//!
//! Why our own expander rather than the `rrule` crate (docs/decisions/0002): a query
//! here starts at the window, not at DTSTART, so planning 500 rituals stays far under a
//! millisecond, and wall time is resolved to instants by [`resolve_local`] with the RFC 5545
//! rules for gaps and repeated hours, where the crate has open DST issues. Both are checked
//! against python-dateutil expansions committed as fixtures.

use chrono::{
    DateTime, Datelike, Days, LocalResult, Months, NaiveDate, NaiveDateTime, Offset as _, TimeZone,
    Utc, Weekday,
};
use chrono_tz::Tz;

/// The most occurrences one rule may produce (`COUNT`), and the most periods one query walks.
pub const MAX_OCCURRENCES: u32 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// A weekday, with an ordinal inside a month (`2SU` is the second Sunday, `-1FR` the last
/// Friday) when `nth` is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByDay {
    pub nth: Option<i8>,
    pub weekday: Weekday,
}

/// How a rule ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Never,
    Count(u32),
    /// The last local wall time an occurrence may start at (inclusive).
    Until(NaiveDateTime),
}

/// A parsed, checked rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub frequency: Frequency,
    pub interval: u32,
    pub end: End,
    pub by_day: Vec<ByDay>,
    pub by_month_day: Vec<i8>,
    pub by_month: Vec<u32>,
    pub week_start: Weekday,
}

/// Why a rule was refused; names the part.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("rule: {0}")]
pub struct RuleError(pub String);

fn refuse(problem: impl Into<String>) -> RuleError {
    RuleError(problem.into())
}

/// A weekday from its two-letter RFC 5545 code (`MO` ... `SU`).
pub fn parse_weekday(code: &str) -> Option<Weekday> {
    weekday(code)
}

fn weekday(code: &str) -> Option<Weekday> {
    Some(match code {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// The two-letter RFC 5545 code of a weekday.
pub fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T, RuleError> {
    value
        .parse()
        .map_err(|_| refuse(format!("{name}={value} is not a number")))
}

fn parse_until(value: &str) -> Result<NaiveDateTime, RuleError> {
    let bad = || {
        refuse(format!(
            "UNTIL={value} is not a date (YYYYMMDD or YYYYMMDDTHHMMSS)"
        ))
    };
    let text = value.strip_suffix('Z').unwrap_or(value);
    // Only digits where digits belong: chrono alone would also take a sign or a space
    // ("-027 101"), which then reads back as a different date.
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let shaped = match text.split_once('T') {
        None => text.len() == 8 && digits(text),
        Some((day, time)) => day.len() == 8 && time.len() == 6 && digits(day) && digits(time),
    };
    if !shaped {
        return Err(bad());
    }
    if text.len() == 8 {
        let date = NaiveDate::parse_from_str(text, "%Y%m%d").map_err(|_| bad())?;
        return date.and_hms_opt(23, 59, 59).ok_or_else(bad);
    }
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").map_err(|_| bad())
}

impl Rule {
    /// Parses `FREQ=WEEKLY;BYDAY=SU` (an optional `RRULE:` prefix is allowed). `UNTIL` is read
    /// as local wall time; a trailing `Z` is accepted and read the same way, to the minute
    /// level of precision a ritual needs.
    pub fn parse(text: &str) -> Result<Self, RuleError> {
        let text = text.trim();
        let text = text.strip_prefix("RRULE:").unwrap_or(text);
        if text.is_empty() {
            return Err(refuse("is empty; it needs at least FREQ"));
        }
        if text.len() > 500 {
            return Err(refuse("is longer than 500 characters"));
        }
        let mut rule = Self {
            frequency: Frequency::Daily,
            interval: 1,
            end: End::Never,
            by_day: Vec::new(),
            by_month_day: Vec::new(),
            by_month: Vec::new(),
            week_start: Weekday::Mon,
        };
        let mut frequency = None;
        let mut seen: Vec<String> = Vec::new();
        for part in text.split(';').filter(|part| !part.is_empty()) {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| refuse(format!("\"{part}\" is not NAME=VALUE")))?;
            let name = name.to_ascii_uppercase();
            if seen.contains(&name) {
                return Err(refuse(format!("{name} appears twice")));
            }
            seen.push(name.clone());
            let value = value.to_ascii_uppercase();
            match name.as_str() {
                "FREQ" => {
                    frequency = Some(match value.as_str() {
                        "DAILY" => Frequency::Daily,
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        "YEARLY" => Frequency::Yearly,
                        other => {
                            return Err(refuse(format!(
                                "FREQ={other} is not supported; use DAILY, WEEKLY, MONTHLY or YEARLY"
                            )));
                        }
                    })
                }
                "INTERVAL" => {
                    rule.interval = number("INTERVAL", &value)?;
                    if !(1..=999).contains(&rule.interval) {
                        return Err(refuse("INTERVAL must be between 1 and 999"));
                    }
                }
                "COUNT" => {
                    let count: u32 = number("COUNT", &value)?;
                    if !(1..=MAX_OCCURRENCES).contains(&count) {
                        return Err(refuse(format!(
                            "COUNT must be between 1 and {MAX_OCCURRENCES}"
                        )));
                    }
                    rule.end = End::Count(count);
                }
                "UNTIL" => rule.end = End::Until(parse_until(&value)?),
                "BYDAY" => {
                    for item in value.split(',') {
                        if !item.is_ascii() {
                            return Err(refuse(format!("BYDAY: \"{item}\" is not a weekday")));
                        }
                        let (nth, code) = item.split_at(item.len().saturating_sub(2));
                        let weekday = weekday(code)
                            .ok_or_else(|| refuse(format!("BYDAY: \"{item}\" is not a weekday")))?;
                        let nth = if nth.is_empty() {
                            None
                        } else {
                            let n: i8 = number("BYDAY", nth.trim_start_matches('+'))?;
                            if n == 0 || !(-5..=5).contains(&n) {
                                return Err(refuse(format!(
                                    "BYDAY: \"{item}\" needs a position from -5 to 5, not 0"
                                )));
                            }
                            Some(n)
                        };
                        rule.by_day.push(ByDay { nth, weekday });
                    }
                }
                "BYMONTHDAY" => {
                    for item in value.split(',') {
                        let day: i8 = number("BYMONTHDAY", item)?;
                        if day == 0 || !(-31..=31).contains(&day) {
                            return Err(refuse(format!(
                                "BYMONTHDAY={item} is not a day of a month"
                            )));
                        }
                        rule.by_month_day.push(day);
                    }
                }
                "BYMONTH" => {
                    for item in value.split(',') {
                        let month: u32 = number("BYMONTH", item)?;
                        if !(1..=12).contains(&month) {
                            return Err(refuse(format!("BYMONTH={item} is not a month")));
                        }
                        rule.by_month.push(month);
                    }
                }
                "WKST" => {
                    rule.week_start = weekday(&value)
                        .ok_or_else(|| refuse(format!("WKST={value} is not a weekday")))?;
                }
                other => {
                    return Err(refuse(format!(
                        "{other} is not supported (a ritual happens once at its start time)"
                    )));
                }
            }
        }
        rule.frequency = frequency.ok_or_else(|| refuse("FREQ is missing"))?;
        if seen.iter().any(|n| n == "COUNT") && seen.iter().any(|n| n == "UNTIL") {
            return Err(refuse("COUNT and UNTIL cannot both be given"));
        }
        let ordinals = rule.by_day.iter().any(|d| d.nth.is_some());
        match rule.frequency {
            Frequency::Daily | Frequency::Weekly if ordinals => {
                return Err(refuse(
                    "BYDAY positions like 2SU need FREQ=MONTHLY or YEARLY",
                ));
            }
            Frequency::Yearly
                if (!rule.by_day.is_empty() || !rule.by_month_day.is_empty())
                    && rule.by_month.is_empty() =>
            {
                return Err(refuse(
                    "a yearly rule with BYDAY or BYMONTHDAY also needs BYMONTH",
                ));
            }
            Frequency::Weekly if !rule.by_month_day.is_empty() => {
                return Err(refuse("BYMONTHDAY does not go with FREQ=WEEKLY"));
            }
            _ => {}
        }
        rule.by_day.dedup();
        rule.by_month_day.sort_unstable();
        rule.by_month_day.dedup();
        rule.by_month.sort_unstable();
        rule.by_month.dedup();
        Ok(rule)
    }

    /// The rule as RRULE text, parts in a fixed order.
    pub fn to_rrule(&self) -> String {
        let mut parts = vec![format!(
            "FREQ={}",
            match self.frequency {
                Frequency::Daily => "DAILY",
                Frequency::Weekly => "WEEKLY",
                Frequency::Monthly => "MONTHLY",
                Frequency::Yearly => "YEARLY",
            }
        )];
        if self.interval != 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        match self.end {
            End::Never => {}
            End::Count(count) => parts.push(format!("COUNT={count}")),
            End::Until(until) => parts.push(format!("UNTIL={}", until.format("%Y%m%dT%H%M%S"))),
        }
        if !self.by_month.is_empty() {
            let months: Vec<String> = self.by_month.iter().map(u32::to_string).collect();
            parts.push(format!("BYMONTH={}", months.join(",")));
        }
        if !self.by_month_day.is_empty() {
            let days: Vec<String> = self.by_month_day.iter().map(i8::to_string).collect();
            parts.push(format!("BYMONTHDAY={}", days.join(",")));
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self
                .by_day
                .iter()
                .map(|d| {
                    format!(
                        "{}{}",
                        d.nth.map(|n| n.to_string()).unwrap_or_default(),
                        weekday_code(d.weekday)
                    )
                })
                .collect();
            parts.push(format!("BYDAY={}", days.join(",")));
        }
        if self.week_start != Weekday::Mon {
            parts.push(format!("WKST={}", weekday_code(self.week_start)));
        }
        parts.join(";")
    }

    /// Occurrences (local wall times) that start in `[from, to)`, oldest first, never before
    /// `start` (DTSTART) and never on an `except` date. At most [`MAX_OCCURRENCES`].
    pub fn occurrences(
        &self,
        start: NaiveDateTime,
        except: &[NaiveDate],
        from: NaiveDateTime,
        to: NaiveDateTime,
    ) -> Vec<NaiveDateTime> {
        let mut found = Vec::new();
        if to <= from {
            return found;
        }
        let time = start.time();
        let mut counted: u32 = 0;
        // With COUNT every occurrence since DTSTART must be counted, so the walk starts there;
        // otherwise it jumps to the period holding `from`.
        let mut period = match self.end {
            End::Count(_) => 0,
            _ => self.first_period_at_or_before(start.date(), from.date()),
        };
        let mut walked: u32 = 0;
        while let Some(first_day) = self.period_start(start.date(), period) {
            if first_day.and_time(time) >= to || walked > MAX_OCCURRENCES {
                break;
            }
            walked += 1;
            for day in self.days_in_period(start.date(), first_day) {
                let at = day.and_time(time);
                if at < start {
                    continue;
                }
                match self.end {
                    End::Count(count) => {
                        if counted >= count {
                            return found;
                        }
                        counted += 1;
                    }
                    End::Until(until) if at > until => return found,
                    _ => {}
                }
                if at >= to {
                    return found;
                }
                if at >= from && !except.contains(&day) {
                    found.push(at);
                    if found.len() >= MAX_OCCURRENCES as usize {
                        return found;
                    }
                }
            }
            period += u64::from(self.interval);
        }
        found
    }

    /// Index (in units of the frequency) of the first period to look at for `from`, a multiple
    /// of the interval counted from DTSTART's period.
    fn first_period_at_or_before(&self, start: NaiveDate, from: NaiveDate) -> u64 {
        if from <= start {
            return 0;
        }
        let units: i64 = match self.frequency {
            Frequency::Daily => (from - start).num_days(),
            Frequency::Weekly => {
                (week_start_of(from, self.week_start) - week_start_of(start, self.week_start))
                    .num_days()
                    / 7
            }
            Frequency::Monthly => months_between(start, from),
            Frequency::Yearly => i64::from(from.year() - start.year()),
        };
        let units = u64::try_from(units.max(0)).unwrap_or(0);
        let interval = u64::from(self.interval);
        units / interval * interval
    }

    /// The first day of period number `index` (daily: the day; weekly: the week's first day;
    /// monthly: the 1st; yearly: 1 January).
    fn period_start(&self, start: NaiveDate, index: u64) -> Option<NaiveDate> {
        let index32 = u32::try_from(index).ok()?;
        match self.frequency {
            Frequency::Daily => start.checked_add_days(Days::new(index)),
            Frequency::Weekly => {
                week_start_of(start, self.week_start).checked_add_days(Days::new(index * 7))
            }
            Frequency::Monthly => start.with_day(1)?.checked_add_months(Months::new(index32)),
            Frequency::Yearly => {
                NaiveDate::from_ymd_opt(start.year().checked_add(i32::try_from(index).ok()?)?, 1, 1)
            }
        }
    }

    /// Candidate days in the period starting at `first`, in order.
    fn days_in_period(&self, start: NaiveDate, first: NaiveDate) -> Vec<NaiveDate> {
        let month_ok =
            |day: &NaiveDate| self.by_month.is_empty() || self.by_month.contains(&day.month());
        match self.frequency {
            Frequency::Daily => {
                let weekday_ok = self.by_day.is_empty()
                    || self.by_day.iter().any(|d| d.weekday == first.weekday());
                let month_day_ok = self.by_month_day.is_empty()
                    || self
                        .by_month_day
                        .iter()
                        .any(|&d| month_day(first, d) == Some(first));
                if weekday_ok && month_day_ok && month_ok(&first) {
                    vec![first]
                } else {
                    Vec::new()
                }
            }
            Frequency::Weekly => {
                let wanted: Vec<Weekday> = if self.by_day.is_empty() {
                    vec![start.weekday()]
                } else {
                    self.by_day.iter().map(|d| d.weekday).collect()
                };
                (0..7)
                    .filter_map(|offset| first.checked_add_days(Days::new(offset)))
                    .filter(|day| wanted.contains(&day.weekday()) && month_ok(day))
                    .collect()
            }
            Frequency::Monthly => {
                if !month_ok(&first) {
                    return Vec::new();
                }
                self.days_in_month(start, first)
            }
            Frequency::Yearly => {
                let months: Vec<u32> = if self.by_month.is_empty() {
                    vec![start.month()]
                } else {
                    self.by_month.clone()
                };
                months
                    .into_iter()
                    .filter_map(|month| first.with_month(month))
                    .flat_map(|month_first| self.days_in_month(start, month_first))
                    .collect()
            }
        }
    }

    /// Days in the month starting at `first` picked by BYMONTHDAY and BYDAY (both: days that
    /// satisfy both), or DTSTART's day of the month when neither is given.
    fn days_in_month(&self, start: NaiveDate, first: NaiveDate) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = Vec::new();
        if self.by_day.is_empty() && self.by_month_day.is_empty() {
            days.extend(month_day(first, i8::try_from(start.day()).unwrap_or(1)));
        } else if self.by_day.is_empty() {
            days.extend(
                self.by_month_day
                    .iter()
                    .filter_map(|&d| month_day(first, d)),
            );
        } else {
            for by_day in &self.by_day {
                let matching = weekdays_in_month(first, by_day.weekday);
                match by_day.nth {
                    None => days.extend(matching),
                    Some(nth) => {
                        let index = if nth > 0 {
                            usize::try_from(nth - 1).ok()
                        } else {
                            matching.len().checked_sub(usize::from(nth.unsigned_abs()))
                        };
                        days.extend(index.and_then(|i| matching.get(i)).copied());
                    }
                }
            }
            if !self.by_month_day.is_empty() {
                days.retain(|day| {
                    self.by_month_day
                        .iter()
                        .any(|&d| month_day(first, d) == Some(*day))
                });
            }
        }
        days.sort_unstable();
        days.dedup();
        days
    }
}

fn week_start_of(day: NaiveDate, week_start: Weekday) -> NaiveDate {
    let back = (7 + day.weekday().num_days_from_monday() - week_start.num_days_from_monday()) % 7;
    day - Days::new(u64::from(back))
}

fn months_between(start: NaiveDate, later: NaiveDate) -> i64 {
    i64::from(later.year() - start.year()) * 12 + i64::from(later.month())
        - i64::from(start.month())
}

/// Day `d` of the month starting at `first` (negative: from the end), if it exists.
fn month_day(first: NaiveDate, d: i8) -> Option<NaiveDate> {
    let next = first.checked_add_months(Months::new(1))?;
    let length = u32::try_from((next - first).num_days()).ok()?;
    let day = if d > 0 {
        u32::try_from(d).ok()?
    } else {
        (length + 1).checked_sub(u32::from(d.unsigned_abs()))?
    };
    if day == 0 || day > length {
        return None;
    }
    first.with_day(day)
}

fn weekdays_in_month(first: NaiveDate, weekday: Weekday) -> Vec<NaiveDate> {
    let offset = (7 + weekday.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let mut day = first + Days::new(u64::from(offset));
    let mut days = Vec::new();
    while day.month() == first.month() {
        days.push(day);
        day = day + Days::new(7);
    }
    days
}

/// The instant a local wall time names in `zone`, by RFC 5545 section 3.3.5: a time in a gap
/// (clocks jumped forward) moves forward by the gap's length; a repeated time (clocks went back)
/// is its first occurrence.
pub fn resolve_local(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(at) => at.with_timezone(&Utc),
        LocalResult::Ambiguous(first, _) => first.with_timezone(&Utc),
        LocalResult::None => {
            // In a gap: read the wall time with the offset in force just before the gap.
            let before = local - chrono::Duration::hours(6);
            let offset = match zone.from_local_datetime(&before) {
                LocalResult::Single(at) | LocalResult::Ambiguous(at, _) => at.offset().fix(),
                LocalResult::None => zone.offset_from_utc_datetime(&local).fix(),
            };
            let utc = local - chrono::Duration::seconds(i64::from(offset.local_minus_utc()));
            Utc.from_utc_datetime(&utc)
        }
    }
}

#[cfg(test)]
mod tests;
