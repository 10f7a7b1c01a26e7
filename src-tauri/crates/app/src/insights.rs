//! The insights report: check-ins and self-checks from the journal (only while it is open), and
//! rituals kept, phones-off hours and breathing minutes from the schedule database (always),
//! bucketed by local day or week in the computer's zone. Also the weekly look-back.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;

use hearth_core::insights::{
    self, Bucket, Range, WeekSignals, average_in, bucket_label, buckets, total_in,
};
use hearth_core::phones_off::monday_of;
use hearth_core::recurrence::resolve_local;
use hearth_core::{EntryKind, EntryQuery};
use hearth_store::Measure;

use crate::dto::insights as wire;
use crate::{ApiError, Hearth, Journal};

/// Entries counted for the look-back at most (a week of three good things is far fewer).
const LOOK_BACK_ENTRIES_MAX: u32 = 1000;

fn local_date(at: DateTime<Utc>, zone: Tz) -> NaiveDate {
    at.with_timezone(&zone).date_naive()
}

fn start_of(date: NaiveDate, zone: Tz) -> DateTime<Utc> {
    resolve_local(date.and_time(NaiveTime::MIN), zone)
}

fn minutes(millis: u64) -> u32 {
    u32::try_from(millis / 60_000).unwrap_or(u32::MAX)
}

fn round_tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

fn averages(points: &[(NaiveDate, f64)], buckets: &[Bucket]) -> Vec<Option<f64>> {
    average_in(points, buckets)
        .into_iter()
        .map(|value| value.map(round_tenth))
        .collect()
}

/// What the journal contributes, read in one go while it is open.
struct JournalPart {
    measures: Vec<Measure>,
    partners: Vec<(String, String)>,
    first: Option<DateTime<Utc>>,
    good_things: u32,
    appreciations: u32,
}

impl Journal {
    fn insights_part(
        &self,
        since: DateTime<Utc>,
        week_start: DateTime<Utc>,
    ) -> Result<JournalPart, ApiError> {
        let partners = self
            .partners()?
            .map(|p| p.names.into_iter().zip(p.colours).collect())
            .unwrap_or_default();
        let count = |kind| -> Result<u32, ApiError> {
            let query = EntryQuery {
                kind: Some(kind),
                from: Some(week_start),
                limit: LOOK_BACK_ENTRIES_MAX,
                ..EntryQuery::default()
            };
            Ok(u32::try_from(self.find(&query)?.len()).unwrap_or(u32::MAX))
        };
        Ok(JournalPart {
            measures: self.db.measures_since(since)?,
            partners,
            first: self.db.first_measure_at()?,
            good_things: count(EntryKind::ThreeGoodThings)?,
            appreciations: count(EntryKind::Appreciation)?,
        })
    }
}

impl Hearth {
    /// The insights for `range` as of `now` in `zone`.
    pub fn insights(
        &self,
        range: wire::InsightsRange,
        now: DateTime<Utc>,
        zone: Tz,
    ) -> Result<wire::InsightsReport, ApiError> {
        let range_kind = Range::from(range);
        let today = local_date(now, zone);
        let this_monday = monday_of(today);
        let week_start = start_of(this_monday, zone);
        let oldest_shown = today - Duration::weeks(i64::from(insights::ALL_WEEKS_MAX));
        let since = start_of(monday_of(oldest_shown), zone);

        // The journal part is read only when it is open; a locked journal is not an error here.
        let journal = if self.journal().is_unlocked() {
            Some(
                self.journal()
                    .with_journal(now, |journal| journal.insights_part(since, week_start))?,
            )
        } else {
            None
        };
        let (phones_off, breathing, first_practice) = {
            let db = self.schedule_db()?;
            (
                db.phones_off_since(since)?,
                db.breathing_since(since)?,
                db.first_practice_at()?,
            )
        };
        let earliest = [first_practice, journal.as_ref().and_then(|part| part.first)]
            .into_iter()
            .flatten()
            .min()
            .map(|at| local_date(at, zone));
        let chart = buckets(range_kind, today, earliest);

        let phones_points: Vec<(NaiveDate, u32)> = phones_off
            .iter()
            .map(|hour| {
                let kept = hour.kept(now).num_minutes();
                (
                    local_date(hour.started_at, zone),
                    u32::try_from(kept).unwrap_or(0),
                )
            })
            .collect();
        let breathing_points: Vec<(NaiveDate, u32)> = breathing
            .iter()
            .map(|(at, millis)| (local_date(*at, zone), minutes(*millis)))
            .collect();

        let mut partners = Vec::new();
        let mut self_check_points = Vec::new();
        let mut check_in_count = 0;
        let mut self_check_count = 0;
        if let Some(part) = &journal {
            let first_bucket = chart.first().map(|b| b.start);
            let in_range = |m: &&Measure| {
                first_bucket.is_some_and(|start| local_date(m.created_at, zone) >= start)
            };
            for (name, colour) in &part.partners {
                let mine = |pick: fn(&Measure) -> Option<u8>| -> Vec<(NaiveDate, f64)> {
                    part.measures
                        .iter()
                        .filter(|m| !m.self_check && &m.author == name)
                        .filter_map(|m| {
                            pick(m).map(|v| (local_date(m.created_at, zone), f64::from(v)))
                        })
                        .collect()
                };
                partners.push(wire::PartnerSeries {
                    name: name.clone(),
                    colour: colour.clone(),
                    mood: averages(&mine(|m| m.mood), &chart),
                    closeness: averages(&mine(|m| m.closeness), &chart),
                });
            }
            self_check_points = part
                .measures
                .iter()
                .filter(|m| m.self_check)
                .filter_map(|m| {
                    m.score
                        .map(|s| (local_date(m.created_at, zone), f64::from(s)))
                })
                .collect();
            check_in_count = part
                .measures
                .iter()
                .filter(|m| !m.self_check)
                .filter(in_range)
                .count();
            self_check_count = part
                .measures
                .iter()
                .filter(|m| m.self_check)
                .filter(in_range)
                .count();
        }

        let weeks = if range_kind == Range::Week {
            1
        } else {
            u32::try_from(chart.len()).unwrap_or(1)
        };
        let (rituals, this_week) = self.rituals_by_week(weeks, now, zone)?;
        let this_week_bucket = [Bucket {
            start: this_monday,
            end: this_monday + Duration::weeks(1),
        }];
        let week_phones = total_in(&phones_points, &this_week_bucket)[0];
        let week_breathing = total_in(&breathing_points, &this_week_bucket)[0];
        let week_check_ins = journal.as_ref().map(|part| {
            let count = part
                .measures
                .iter()
                .filter(|m| !m.self_check && local_date(m.created_at, zone) >= this_monday)
                .count();
            u32::try_from(count).unwrap_or(u32::MAX)
        });
        let suggestion = insights::suggest(WeekSignals {
            check_ins: week_check_ins,
            good_things: journal.as_ref().map(|part| part.good_things),
            phones_off_minutes: week_phones,
            breathing_minutes: week_breathing,
        });

        Ok(wire::InsightsReport {
            range,
            journal_unlocked: journal.is_some(),
            buckets: chart
                .iter()
                .map(|bucket| wire::InsightsBucket {
                    start: bucket.start.format("%Y-%m-%d").to_string(),
                    label: bucket_label(bucket),
                })
                .collect(),
            partners,
            self_check: if journal.is_some() {
                averages(&self_check_points, &chart)
            } else {
                Vec::new()
            },
            phones_off_minutes: total_in(&phones_points, &chart),
            breathing_minutes: total_in(&breathing_points, &chart),
            rituals,
            check_in_count: u32::try_from(check_in_count).unwrap_or(u32::MAX),
            self_check_count: u32::try_from(self_check_count).unwrap_or(u32::MAX),
            look_back: wire::LookBack {
                week_start: this_monday.format("%Y-%m-%d").to_string(),
                rituals_kept: this_week.into_iter().filter(|r| r.kept > 0).collect(),
                check_ins: week_check_ins,
                good_things: journal.as_ref().map(|part| part.good_things),
                appreciations: journal.as_ref().map(|part| part.appreciations),
                phones_off_minutes: week_phones,
                breathing_minutes: week_breathing,
                suggestion,
            },
        })
    }

    /// All rituals' kept and planned per week (oldest first), and this week per ritual.
    fn rituals_by_week(
        &self,
        weeks: u32,
        now: DateTime<Utc>,
        zone: Tz,
    ) -> Result<(Vec<wire::RitualsWeek>, Vec<wire::RitualKept>), ApiError> {
        let progress = self.progress(weeks, now, zone)?;
        let titles: Vec<(String, String)> = self
            .schedule_db()?
            .rituals()?
            .into_iter()
            .map(|ritual| (ritual.id, ritual.title))
            .collect();
        let mut totals: Vec<wire::RitualsWeek> = Vec::new();
        let mut this_week = Vec::new();
        for ritual in &progress {
            for (index, week) in ritual.weeks.iter().enumerate() {
                if totals.len() <= index {
                    let start = NaiveDate::parse_from_str(&week.week_start, "%Y-%m-%d")
                        .map_err(|_| ApiError::internal("ritual week"))?;
                    totals.push(wire::RitualsWeek {
                        week_start: week.week_start.clone(),
                        label: bucket_label(&Bucket {
                            start,
                            end: start + Duration::weeks(1),
                        }),
                        kept: 0,
                        planned: 0,
                    });
                }
                totals[index].kept += week.kept;
                totals[index].planned += week.planned;
            }
            if let Some(week) = ritual.weeks.last() {
                let title = titles
                    .iter()
                    .find(|(id, _)| *id == ritual.ritual_id)
                    .map(|(_, title)| title.clone())
                    .unwrap_or_default();
                this_week.push(wire::RitualKept {
                    title,
                    kept: week.kept,
                    planned: week.planned,
                });
            }
        }
        Ok((totals, this_week))
    }
}
