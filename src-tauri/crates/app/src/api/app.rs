//! Commands about Hearth itself: where data lives, settings, looks, updates, insights, closing.

use serde::Deserialize;
use ts_rs::TS;

use super::{Cx, Nothing};
use crate::desktop::Effect;
use crate::dto::insights::{InsightsRange, InsightsReport};
use crate::dto::practices::DisplayPreferences;
use crate::dto::settings::{AppSettings, UpdateCheck};
use crate::{ApiError, dto};

pub(super) fn app_paths(cx: &Cx<'_>, _: Nothing) -> Result<dto::DataPaths, ApiError> {
    Ok(cx.hearth()?.paths())
}

/// The UI painted its first real view (the start-up benchmark reads this).
pub(super) fn app_first_paint(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    cx.desktop.first_paint();
    Ok(())
}

pub(super) fn settings_get(cx: &Cx<'_>, _: Nothing) -> Result<AppSettings, ApiError> {
    cx.hearth()?.app_settings()
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SettingsSet {
    pub settings: AppSettings,
}

/// Saves the settings and applies them at once: the login item is written or removed first,
/// so a setting the desktop refused is not saved; reminders turned on or off re-plan.
pub(super) fn settings_set(cx: &Cx<'_>, request: SettingsSet) -> Result<AppSettings, ApiError> {
    let hearth = cx.hearth()?;
    cx.desktop
        .set_start_at_login(request.settings.start_at_login)?;
    let saved = hearth.set_app_settings(request.settings)?;
    cx.effect(Effect::LookNow);
    Ok(saved)
}

pub(super) fn display_get(cx: &Cx<'_>, _: Nothing) -> Result<DisplayPreferences, ApiError> {
    cx.hearth()?.display_preferences()
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DisplaySet {
    pub preferences: DisplayPreferences,
}

pub(super) fn display_set(
    cx: &Cx<'_>,
    request: DisplaySet,
) -> Result<DisplayPreferences, ApiError> {
    cx.hearth()?.set_display_preferences(request.preferences)
}

/// Asks the release feed for a newer version: the one network call Hearth makes, and only
/// here or at start-up when update checks are on.
pub(super) fn update_check(cx: &Cx<'_>, _: Nothing) -> Result<UpdateCheck, ApiError> {
    cx.desktop.check_for_update()
}

pub(super) fn update_install(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    cx.desktop.install_update()
}

pub(super) fn data_folder_open(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    let folder = cx.hearth()?.data_dir().to_owned();
    cx.desktop.open_folder(&folder)
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InsightsGet {
    pub range: InsightsRange,
}

/// What lives outside the journal always; check-ins and self-checks only while it is open.
pub(super) fn insights_get(cx: &Cx<'_>, request: InsightsGet) -> Result<InsightsReport, ApiError> {
    cx.hearth()?.insights(request.range, cx.now(), cx.zone())
}

#[derive(Debug, Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WindowCloseChoice {
    /// Keep Hearth running in the tray for reminders (true), or quit when the window closes.
    pub keep_running: bool,
}

/// The answer on the page shown at the first close.
pub(super) fn window_close_choice(cx: &Cx<'_>, request: WindowCloseChoice) -> Result<(), ApiError> {
    let effects =
        crate::desktop::close_choice(cx.hearth()?, request.keep_running, cx.desktop.tray_host())?;
    for effect in effects {
        cx.effect(effect);
    }
    Ok(())
}

/// Leave now: the notebook locks and the window leaves the screen, to come back on Today.
pub(super) fn window_leave_now(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    for effect in crate::desktop::leave_now(cx.desktop.tray_host()) {
        cx.effect(effect);
    }
    Ok(())
}

/// Where to turn: the safety statement, services and directory, and whether this computer has
/// shown the first-run notice.
pub(super) fn safety_get(cx: &Cx<'_>, _: Nothing) -> Result<dto::safety::Safety, ApiError> {
    cx.hearth()?.safety()
}

/// The first-run notice was read and put away on this computer.
pub(super) fn safety_notice_seen(cx: &Cx<'_>, _: Nothing) -> Result<dto::safety::Safety, ApiError> {
    let hearth = cx.hearth()?;
    hearth.mark_safety_notice_seen()?;
    hearth.safety()
}
