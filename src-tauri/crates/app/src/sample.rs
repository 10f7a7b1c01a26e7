//! Sample data: a believable few weeks for two partners, written through the same use cases the
//! app uses, with instants in the past. For the UI's fixtures, screenshots and demos; Hearth
//! itself never calls it. Deterministic: the same `now` gives the same data.

use crate::dto::Weekday;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use chrono_tz::Tz;
use hearth_core::journal::PARTNER_COLOURS;
use hearth_core::phones_off::monday_of;
use hearth_core::recurrence::resolve_local;
use hearth_core::{EntryKind, NewEntry};

use crate::dto::{OccurrenceAction, Partners, RitualInput};
use crate::{ApiError, Hearth};

/// The partners the sample writes as.
pub const SAMPLE_PARTNERS: [&str; 2] = ["Ana", "Sam"];

fn entry(kind: EntryKind, author: &str, text: &str) -> NewEntry {
    NewEntry {
        text: text.to_owned(),
        kind,
        author: author.to_owned(),
        mood: None,
        closeness: None,
        tags: Vec::new(),
        occurrence: None,
        score: None,
    }
}

/// Fills the `weeks` weeks ending with the one holding `now` (in `zone`): partners Ana and Sam,
/// check-ins most evenings, a self-check each Sunday, three good things twice a week,
/// phones-off hours, breathing sessions and two rituals with the days they were kept. The
/// journal must be unlocked; nothing is written for moments after `now`.
pub fn fill_recent_weeks(
    hearth: &Hearth,
    now: DateTime<Utc>,
    zone: Tz,
    weeks: u32,
) -> Result<(), ApiError> {
    let first_monday =
        monday_of(now.with_timezone(&zone).date_naive()) - Duration::weeks(i64::from(weeks) - 1);
    let at = |day: i64, hour: u32, minute: u32| {
        let time = NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or(NaiveTime::MIN);
        resolve_local((first_monday + Duration::days(day)).and_time(time), zone)
    };
    let journal = hearth.journal();
    // Days pass between the writes; the idle lock must not close the journal in between.
    let idle_lock = journal.idle_lock();
    journal.set_idle_lock(std::time::Duration::from_secs(
        u64::from(weeks + 1) * 7 * 86_400,
    ));
    let named_at = at(0, 7, 0).min(now);
    journal.with_journal(named_at, |j| {
        j.set_partners(
            &Partners {
                names: SAMPLE_PARTNERS.map(String::from).to_vec(),
                colours: vec![PARTNER_COLOURS[0].into(), PARTNER_COLOURS[1].into()],
                pronouns: vec!["she/her".into(), "he/him".into()],
            },
            named_at,
        )
    })?;
    let tea = hearth.add_ritual(
        &RitualInput {
            title: "Tea after work".into(),
            practice: Some(crate::dto::Practice::CheckIn),
            schedule: weekly_on(first_monday, &[Weekday::Mo, Weekday::We, Weekday::Fr]),
            start: format!("{}T18:30", first_monday.format("%Y-%m-%d")),
            tz: None,
            duration_minutes: 20,
            reminders: vec![0],
            paused_until: None,
        },
        at(0, 6, 0).min(now),
    )?;
    let walk = hearth.add_ritual(
        &RitualInput {
            title: "Sunday walk".into(),
            practice: Some(crate::dto::Practice::WalkQuestions),
            schedule: weekly_on(first_monday, &[Weekday::Su]),
            start: format!(
                "{}T10:30",
                (first_monday + Duration::days(6)).format("%Y-%m-%d")
            ),
            tz: None,
            duration_minutes: 45,
            reminders: vec![0],
            paused_until: None,
        },
        at(0, 6, 0).min(now),
    )?;

    let days = i64::from(weeks) * 7;
    for day in 0..days {
        let week = day / 7;
        let weekday = day % 7;
        // A gentle rise over the weeks, with ordinary ups and downs.
        let lift = u8::try_from((week * 2 / i64::from(weeks.max(1))).clamp(0, 1)).unwrap_or(0);
        let wobble = |seed: i64| u8::try_from((day * 7 + seed) % 3).unwrap_or(1);
        if (day * 5) % 7 != 3 {
            for (index, name) in SAMPLE_PARTNERS.iter().enumerate() {
                let when = at(day, 21, u32::try_from(index).unwrap_or(0) * 5);
                if when > now {
                    continue;
                }
                let seed = i64::try_from(index).unwrap_or(0) * 2;
                let mut check_in =
                    entry(EntryKind::CheckIn, name, "A quick check-in after dinner.");
                check_in.mood = Some((2 + lift + wobble(seed)).min(5));
                check_in.closeness = Some((2 + lift + wobble(seed + 1)).min(5));
                journal.with_journal(when, |j| j.add(check_in, when))?;
            }
        }
        if weekday == 6 {
            let when = at(day, 19, 0);
            if when <= now {
                let mut self_check =
                    entry(EntryKind::SelfCheck, "Ana", "Our week, looked at kindly.");
                self_check.score = Some(u8::try_from(55 + week * 6).unwrap_or(90).min(95));
                journal.with_journal(when, |j| j.add(self_check, when))?;
            }
        }
        if weekday == 2 || weekday == 5 {
            let when = at(day, 22, 0);
            if when <= now {
                let things = entry(
                    EntryKind::ThreeGoodThings,
                    SAMPLE_PARTNERS[usize::from(weekday == 5)],
                    "Soup, a long call with my sister, the light on the river.",
                );
                journal.with_journal(when, |j| j.add(things, when))?;
            }
        }
        if weekday == 4 || weekday == 6 {
            let when = at(day, 20, 0);
            if when <= now {
                hearth.start_phones_off(if weekday == 6 { 90 } else { 60 }, when)?;
            }
        }
        if weekday % 2 == 0 {
            let when = at(day, 7, 30);
            if when <= now {
                hearth.start_breathing("resonance", 5, None, when)?;
                let stop = when + Duration::minutes(3 + weekday);
                hearth.stop_breathing(stop.min(now))?;
            }
        }
        let kept_tea = matches!(weekday, 0 | 2 | 4) && (day % 5 != 1);
        let kept_walk = weekday == 6 && week % 3 != 1;
        let date = (first_monday + Duration::days(day)).format("%Y-%m-%d");
        for (kept, ritual, time) in [(kept_tea, &tea, "18:30"), (kept_walk, &walk, "10:30")] {
            let when = at(day, 23, 0);
            if kept && when <= now {
                hearth.act_on_occurrence(
                    &ritual.id,
                    &format!("{date}T{time}"),
                    OccurrenceAction::Done,
                    when,
                )?;
            }
        }
    }
    journal.with_journal(now, |_| Ok(()))?;
    journal.set_idle_lock(idle_lock);
    Ok(())
}

/// Weekly on `days`, as the picker would choose it.
fn weekly_on(start: chrono::NaiveDate, days: &[Weekday]) -> crate::dto::ScheduleInput {
    let mut pick = crate::schedule_words::default_pick(start);
    pick.days = days.to_vec();
    crate::dto::ScheduleInput::Pick { pick }
}
