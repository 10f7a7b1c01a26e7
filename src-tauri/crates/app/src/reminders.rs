//! Reminders: deciding what is due (with the ledger, so none goes out twice), the words of each
//! notice, quiet hours and the pause, and the rituals prepared for planning.

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use hearth_core::planner::{DEFAULT_GRACE, PlanInput, QuietHours, Reminder};
use hearth_core::ritual::{Practice, Ritual};
use hearth_store::ScheduleDb;

use crate::rituals::{invalid, not_found};
use crate::settings;
use crate::{ApiError, Hearth, dto};

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
    /// Quiet hours (`22:00-07:00`), if set.
    pub fn quiet_hours(&self) -> Result<Option<QuietHours>, ApiError> {
        settings::QUIET_HOURS.get(&*self.schedule_db()?)
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
        let quiet = match quiet {
            Some(quiet) => {
                let time = |field: &str, text: &str| {
                    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
                        invalid(format!("quiet hours: {field} must be a time like 22:00"))
                    })
                };
                Some(QuietHours {
                    start: time("start", &quiet.start)?,
                    end: time("end", &quiet.end)?,
                })
            }
            None => None,
        };
        settings::QUIET_HOURS.set(&*self.schedule_db()?, quiet.as_ref())?;
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
        settings::PAUSED_UNTIL.get(&*self.schedule_db()?)
    }

    /// Pauses reminders until `until` (none: resume now).
    pub fn pause_reminders(&self, until: Option<DateTime<Utc>>) -> Result<(), ApiError> {
        settings::PAUSED_UNTIL.set(&*self.schedule_db()?, until.as_ref())?;
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
        let quiet = settings::QUIET_HOURS.get(&*db)?;
        let paused_until = settings::PAUSED_UNTIL.get(&*db)?;
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
        if !settings::APP.get(&*db)?.unwrap_or_default().reminders {
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
