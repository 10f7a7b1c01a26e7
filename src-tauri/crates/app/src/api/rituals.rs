//! Commands about the ritual calendar: rituals, their occurrences and marks, quiet hours, and
//! calendar files. Every change makes the reminder loop look again at once.

use serde::Deserialize;
use ts_rs::TS;

use super::{Cx, Nothing};
use crate::desktop::{Effect, FileFilter};
use crate::dto::settings::Transfer;
use crate::{ApiError, dto};

const CALENDAR: FileFilter = FileFilter {
    name: "Calendar",
    extensions: &["ics"],
};

pub(super) fn ritual_list(cx: &Cx<'_>, _: Nothing) -> Result<Vec<dto::Ritual>, ApiError> {
    cx.hearth()?.rituals()
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RitualAdd {
    pub ritual: dto::RitualInput,
}

pub(super) fn ritual_add(cx: &Cx<'_>, request: RitualAdd) -> Result<dto::Ritual, ApiError> {
    let added = cx.hearth()?.add_ritual(&request.ritual, cx.now())?;
    cx.effect(Effect::LookNow);
    Ok(added)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RitualUpdate {
    pub id: String,
    pub ritual: dto::RitualInput,
}

pub(super) fn ritual_update(cx: &Cx<'_>, request: RitualUpdate) -> Result<dto::Ritual, ApiError> {
    let updated = cx
        .hearth()?
        .update_ritual(&request.id, &request.ritual, cx.now())?;
    cx.effect(Effect::LookNow);
    Ok(updated)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RitualArchive {
    pub id: String,
    pub archived: bool,
}

pub(super) fn ritual_archive(cx: &Cx<'_>, request: RitualArchive) -> Result<dto::Ritual, ApiError> {
    let ritual = cx
        .hearth()?
        .archive_ritual(&request.id, request.archived, cx.now())?;
    cx.effect(Effect::LookNow);
    Ok(ritual)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RitualDelete {
    pub id: String,
}

pub(super) fn ritual_delete(cx: &Cx<'_>, request: RitualDelete) -> Result<(), ApiError> {
    cx.hearth()?.delete_ritual(&request.id, cx.now())?;
    cx.effect(Effect::LookNow);
    Ok(())
}

pub(super) fn ritual_templates(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Vec<dto::RitualTemplate>, ApiError> {
    Ok(cx.hearth()?.ritual_templates())
}

/// Each active ritual's last four weeks: kept out of planned.
pub(super) fn ritual_progress(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Vec<dto::RitualProgress>, ApiError> {
    cx.hearth()?.progress(4, cx.now(), cx.zone())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RitualStart {
    pub ritual_id: String,
}

/// Start on a ritual's card (where notifications carry no buttons): as Start on a reminder,
/// except that the page, already showing, moves itself to the practice.
pub(super) fn ritual_start(cx: &Cx<'_>, request: RitualStart) -> Result<(), ApiError> {
    let hearth = cx.hearth()?;
    let practice = hearth.ritual_practice(&request.ritual_id)?;
    for effect in crate::desktop::start(hearth, practice, cx.now()) {
        if !matches!(effect, Effect::ShowWindow | Effect::OpenPage(_)) {
            cx.effect(effect);
        }
    }
    Ok(())
}

/// Writes every ritual as an iCalendar file where the person chooses.
pub(super) fn ritual_export(cx: &Cx<'_>, _: Nothing) -> Result<Option<Transfer>, ApiError> {
    let hearth = cx.hearth()?;
    let name = format!(
        "hearth-rituals-{}.ics",
        cx.now().with_timezone(&cx.zone()).format("%Y-%m-%d")
    );
    let Some(path) = cx.desktop.choose_save_path(&name, CALENDAR)? else {
        return Ok(None);
    };
    let written = hearth.export_ics_to(&path, None, cx.now())?;
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: u32::try_from(written).unwrap_or(u32::MAX),
        left_out: Vec::new(),
    }))
}

/// Adds the rituals of an iCalendar file the person picks, all or none.
pub(super) fn ritual_import(cx: &Cx<'_>, _: Nothing) -> Result<Option<Transfer>, ApiError> {
    let hearth = cx.hearth()?;
    let Some(path) = cx.desktop.choose_open_path(CALENDAR)? else {
        return Ok(None);
    };
    let report = hearth.import_ics_from(&path, cx.now())?;
    cx.effect(Effect::LookNow);
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: u32::try_from(report.added.len()).unwrap_or(u32::MAX),
        left_out: report.left_out,
    }))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OccurrenceGet {
    pub ritual_id: String,
    /// The occurrence's key: its local start, `YYYY-MM-DDTHH:MM`.
    pub occurrence: String,
}

/// One occurrence, for the card a reminder's Open shows.
pub(super) fn occurrence_get(
    cx: &Cx<'_>,
    request: OccurrenceGet,
) -> Result<dto::Occurrence, ApiError> {
    cx.hearth()?
        .occurrence(&request.ritual_id, &request.occurrence, cx.zone())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OccurrenceList {
    /// The first local date, `YYYY-MM-DD`.
    pub from: String,
    /// The last local date, inclusive.
    pub to: String,
}

/// Occurrences on local dates `from` to `to`, in the computer's zone.
pub(super) fn occurrence_list(
    cx: &Cx<'_>,
    request: OccurrenceList,
) -> Result<Vec<dto::Occurrence>, ApiError> {
    let from = crate::parse_date("from", &request.from)?;
    let to = crate::parse_date("to", &request.to)?;
    cx.hearth()?.occurrences(from, to, cx.zone())
}

/// The last week's occurrences that passed with nothing recorded, newest first.
pub(super) fn occurrence_missed(cx: &Cx<'_>, _: Nothing) -> Result<Vec<dto::Occurrence>, ApiError> {
    cx.hearth()?.missed(cx.now(), cx.zone())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OccurrenceAct {
    pub ritual_id: String,
    pub occurrence: String,
    pub action: dto::OccurrenceAction,
}

/// Marks an occurrence done, skipped or snoozed, or clears the mark.
pub(super) fn occurrence_act(cx: &Cx<'_>, request: OccurrenceAct) -> Result<(), ApiError> {
    cx.hearth()?.act_on_occurrence(
        &request.ritual_id,
        &request.occurrence,
        request.action,
        cx.now(),
    )?;
    cx.effect(Effect::LookNow);
    Ok(())
}

pub(super) fn quiet_hours_get(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Option<dto::QuietHours>, ApiError> {
    cx.hearth()?.quiet_hours_window()
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuietHoursSet {
    /// The hours to keep quiet, or `null` for none.
    pub quiet: Option<dto::QuietHours>,
}

/// Sets or clears quiet hours; reminders re-plan at once.
pub(super) fn quiet_hours_set(
    cx: &Cx<'_>,
    request: QuietHoursSet,
) -> Result<Option<dto::QuietHours>, ApiError> {
    let hearth = cx.hearth()?;
    hearth.set_quiet_hours_window(request.quiet.as_ref())?;
    cx.effect(Effect::LookNow);
    hearth.quiet_hours_window()
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleDefault {
    /// The first occurrence's local date, `YYYY-MM-DD`.
    pub date: String,
}

/// The picker's first choice for a ritual starting on `date`: weekly on that day.
pub(super) fn schedule_default(
    _: &Cx<'_>,
    request: ScheduleDefault,
) -> Result<dto::SchedulePick, ApiError> {
    Ok(crate::schedule_words::default_pick(crate::parse_date(
        "date",
        &request.date,
    )?))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScheduleDescribe {
    pub schedule: dto::ScheduleInput,
    /// The first occurrence's local start, `YYYY-MM-DDTHH:MM`.
    pub start: String,
}

/// A schedule in plain words, as the editor shows it while choosing; a schedule that cannot be
/// kept is refused with the reason.
pub(super) fn schedule_describe(_: &Cx<'_>, request: ScheduleDescribe) -> Result<String, ApiError> {
    let schedule = crate::schedule_words::schedule_from_input(&request.schedule)?;
    let start = crate::rituals::parse_local("start", &request.start)?;
    Ok(crate::schedule_words::schedule_words(
        &schedule,
        start.date(),
        &start.format("%H:%M").to_string(),
    ))
}
