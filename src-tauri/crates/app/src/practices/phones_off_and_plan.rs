//! The phones-off hour and the slow reconnection plan: their state lives in the schedule
//! database, so both work while the journal is locked.

use super::*;

impl Hearth {
    /// Starts a phones-off hour of `minutes` (5 to 240). Starting while one runs returns the
    /// running one.
    pub fn start_phones_off(
        &self,
        minutes: u32,
        now: DateTime<Utc>,
    ) -> Result<wire::PhonesOffRun, ApiError> {
        if !(phones_off::MINUTES_MIN..=phones_off::MINUTES_MAX).contains(&minutes) {
            return Err(invalid(format!(
                "minutes: a phones-off hour lasts {} to {} minutes, not {minutes}",
                phones_off::MINUTES_MIN,
                phones_off::MINUTES_MAX
            )));
        }
        let hour = PhonesOffHour {
            id: hearth_store::new_id()?,
            started_at: now,
            minutes,
            ended_at: None,
        };
        let running = self.schedule_db()?.start_phones_off(&hour)?;
        Ok(run_wire(&running))
    }

    /// Ends the running hour now; it still counts for the time it ran. Answers whether an hour
    /// was running.
    pub fn end_phones_off(&self, now: DateTime<Utc>) -> Result<bool, ApiError> {
        Ok(self.schedule_db()?.end_phones_off_early(now)?.is_some())
    }

    /// The running hour, if any, and the last weeks' totals.
    pub fn phones_off(&self, now: DateTime<Utc>, zone: Tz) -> Result<wire::PhonesOff, ApiError> {
        let db = self.schedule_db()?;
        let running = db.running_phones_off(now)?;
        let since = now - Duration::weeks(i64::from(PHONES_OFF_WEEKS) + 1);
        let hours = db.phones_off_since(since)?;
        let weeks = phones_off::weekly_totals(&hours, now, &zone, PHONES_OFF_WEEKS)
            .into_iter()
            .map(|week| wire::PhonesOffWeek {
                week_of: day_text(week.week_of),
                minutes: week.minutes,
                hours_started: week.hours_started,
            })
            .collect();
        Ok(wire::PhonesOff {
            running: running.as_ref().map(run_wire),
            weeks,
            default_minutes: phones_off::MINUTES_DEFAULT,
            min_minutes: phones_off::MINUTES_MIN,
            max_minutes: phones_off::MINUTES_MAX,
        })
    }

    /// The reconnection plan, with today's step (`zone` decides what "today" is).
    pub fn plan(&self, now: DateTime<Utc>, zone: Tz) -> Result<wire::Plan, ApiError> {
        let db = self.schedule_db()?;
        let started = db.plan_started()?.is_some();
        let done_on = db.plan_steps()?;
        let days = &self.content.plan_days;
        let total = u32::try_from(days.len()).unwrap_or(u32::MAX);
        let today = now.with_timezone(&zone).date_naive();
        let (state, current_day) = match plan_step(total, started, &done_on, today) {
            PlanStep::NotStarted => (wire::PlanState::NotStarted, None),
            PlanStep::Ready { day } => (wire::PlanState::Ready, Some(day)),
            PlanStep::DoneToday { next } => (wire::PlanState::DoneToday, Some(next)),
            PlanStep::Finished => (wire::PlanState::Finished, None),
        };
        Ok(wire::Plan {
            state,
            current_day,
            days: days
                .iter()
                .zip(0..)
                .map(|(day, index)| wire::PlanDay {
                    day: day.day,
                    title: day.title.clone(),
                    practice: day.practice,
                    text: day.text.clone(),
                    done_on: done_on.get(index).copied().map(day_text),
                })
                .collect(),
        })
    }

    /// Starts the plan afresh (also the gentle restart: progress is cleared).
    pub fn start_plan(&self, now: DateTime<Utc>, zone: Tz) -> Result<wire::Plan, ApiError> {
        {
            let today = now.with_timezone(&zone).date_naive();
            self.schedule_db()?.start_plan(today, now)?;
        }
        self.plan(now, zone)
    }

    /// Marks today's step done.
    pub fn finish_plan_day(
        &self,
        day: u32,
        now: DateTime<Utc>,
        zone: Tz,
    ) -> Result<wire::Plan, ApiError> {
        let plan = self.plan(now, zone)?;
        if plan.state != wire::PlanState::Ready || plan.current_day != Some(day) {
            return Err(invalid(format!(
                "day {day} is not today's step of the plan; reload to see where it stands"
            )));
        }
        let today = now.with_timezone(&zone).date_naive();
        self.schedule_db()?.finish_plan_day(day, today, now)?;
        self.plan(now, zone)
    }
}
