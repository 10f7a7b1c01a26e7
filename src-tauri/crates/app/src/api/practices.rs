//! Commands of the practices: breathing, guides, decks, check-ins, the self-check, notes, the
//! phones-off hour and the reconnection plan.

use serde::Deserialize;
use ts_rs::TS;

use super::{Cx, Nothing};
use crate::desktop::Effect;
use crate::dto::practices::{self as wire, CustomBreathing};
use crate::{ApiError, dto};

pub(super) fn breathing_patterns(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Vec<dto::BreathingPattern>, ApiError> {
    Ok(cx.hearth()?.breathing_patterns())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreathingStart {
    /// A pattern from content, or `custom` with `custom` set.
    pub pattern_id: String,
    pub minutes: u32,
    pub custom: Option<CustomBreathing>,
}

/// Starts a session; the plan and its start are kept here, not in the page.
pub(super) fn breathing_start(
    cx: &Cx<'_>,
    request: BreathingStart,
) -> Result<dto::BreathingSession, ApiError> {
    cx.hearth()?.start_breathing(
        &request.pattern_id,
        request.minutes,
        request.custom,
        cx.now(),
    )
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepairPauseStart {
    pub minutes: u32,
}

/// Starts the pause for when a talk gets too heated: a breathing session its page finds again
/// after a reload.
pub(super) fn repair_pause_start(
    cx: &Cx<'_>,
    request: RepairPauseStart,
) -> Result<dto::BreathingSession, ApiError> {
    cx.hearth()?.start_repair_pause(request.minutes, cx.now())
}

/// The session in progress, if any (after a reload or reopening the window).
pub(super) fn breathing_session(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Option<dto::BreathingSession>, ApiError> {
    cx.hearth()?.breathing_session(cx.now())
}

pub(super) fn breathing_stop(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    cx.hearth()?.stop_breathing(cx.now())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BreathingPause {
    /// Pause (true) or resume (false).
    pub pause: bool,
}

pub(super) fn breathing_pause(
    cx: &Cx<'_>,
    request: BreathingPause,
) -> Result<Option<dto::BreathingSession>, ApiError> {
    cx.hearth()?.pause_breathing(request.pause, cx.now())
}

pub(super) fn breathing_custom(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Option<CustomBreathing>, ApiError> {
    cx.hearth()?.custom_breathing()
}

pub(super) fn practice_guides(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Vec<wire::PracticeGuide>, ApiError> {
    Ok(cx.hearth()?.practice_guides())
}

pub(super) fn deck_list(cx: &Cx<'_>, _: Nothing) -> Result<wire::Decks, ApiError> {
    cx.hearth()?.decks()
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeckDraw {
    pub deck_id: String,
    /// A round at one level: 1 light, 2 deeper, 3 deep. Left out, the whole deck, lightest
    /// first.
    #[serde(default)]
    #[ts(optional)]
    pub level: Option<u8>,
}

/// Draws the next card (skipping is drawing again).
pub(super) fn deck_draw(cx: &Cx<'_>, request: DeckDraw) -> Result<wire::Card, ApiError> {
    cx.hearth()?.draw_card_at(&request.deck_id, request.level)
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeckFavourite {
    pub deck_id: String,
    pub card_key: String,
    pub favourite: bool,
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeckAddCard {
    pub text: String,
    /// 1 light, 2 deeper, 3 deep.
    pub level: u8,
}

/// Adds a card of the couple's own to their deck (`decks/our-cards.toml`); answers with the
/// decks as they now stand.
pub(super) fn deck_add_card(
    cx: &Cx<'_>,
    request: DeckAddCard,
) -> Result<crate::dto::practices::Decks, ApiError> {
    let hearth = cx.hearth()?;
    hearth.add_own_card(&request.text, request.level)?;
    hearth.decks()
}

pub(super) fn deck_favourite(cx: &Cx<'_>, request: DeckFavourite) -> Result<(), ApiError> {
    cx.hearth()?.set_favourite_card(
        &request.deck_id,
        &request.card_key,
        request.favourite,
        cx.now(),
    )
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DeckFavourites {
    pub deck_id: String,
}

pub(super) fn deck_favourites(
    cx: &Cx<'_>,
    request: DeckFavourites,
) -> Result<Vec<wire::Card>, ApiError> {
    cx.hearth()?.favourite_cards(&request.deck_id)
}

pub(super) fn check_in_form(cx: &Cx<'_>, _: Nothing) -> Result<wire::CheckInForm, ApiError> {
    cx.hearth()?.check_in_form()
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckInSave {
    pub answers: Vec<wire::CheckInAnswer>,
}

/// Saves one check-in entry per partner, both or neither.
pub(super) fn check_in_save(
    cx: &Cx<'_>,
    request: CheckInSave,
) -> Result<Vec<dto::Entry>, ApiError> {
    cx.hearth()?.save_check_in(request.answers, cx.now())
}

pub(super) fn self_check_questions(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Vec<wire::SelfCheckQuestion>, ApiError> {
    Ok(cx.hearth()?.self_check_questions())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SelfCheckSave {
    pub answer: wire::SelfCheckAnswer,
}

pub(super) fn self_check_save(
    cx: &Cx<'_>,
    request: SelfCheckSave,
) -> Result<wire::SelfCheckResult, ApiError> {
    cx.hearth()?.save_self_check(request.answer, cx.now())
}

pub(super) fn self_check_trend(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Vec<wire::SelfCheckPoint>, ApiError> {
    cx.hearth()?.self_check_trend(cx.now(), cx.zone())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoteLeave {
    pub from: String,
    /// The partner it is for: 1 or 2.
    pub to: u8,
    pub text: String,
}

pub(super) fn note_leave(cx: &Cx<'_>, request: NoteLeave) -> Result<dto::Entry, ApiError> {
    cx.hearth()?
        .leave_note(request.from, request.to, request.text, cx.now())
}

/// Notes waiting to be read (without their text).
pub(super) fn note_waiting(cx: &Cx<'_>, _: Nothing) -> Result<Vec<wire::WaitingNote>, ApiError> {
    cx.hearth()?.waiting_notes(cx.now())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoteRead {
    pub entry_id: String,
}

/// Opens a waiting note and remembers it as read.
pub(super) fn note_read(cx: &Cx<'_>, request: NoteRead) -> Result<dto::Entry, ApiError> {
    cx.hearth()?.read_note(&request.entry_id, cx.now())
}

pub(super) fn phones_off_status(cx: &Cx<'_>, _: Nothing) -> Result<wire::PhonesOff, ApiError> {
    cx.hearth()?.phones_off(cx.now(), cx.zone())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PhonesOffStart {
    pub minutes: u32,
}

/// Starts a phones-off hour; the loop keeps the tray's count and says when it ends.
pub(super) fn phones_off_start(
    cx: &Cx<'_>,
    request: PhonesOffStart,
) -> Result<wire::PhonesOffRun, ApiError> {
    let run = cx.hearth()?.start_phones_off(request.minutes, cx.now())?;
    cx.effect(Effect::LookNow);
    Ok(run)
}

/// Ends the running hour early.
pub(super) fn phones_off_end(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    cx.hearth()?.end_phones_off(cx.now())?;
    cx.effect(Effect::LookNow);
    Ok(())
}

pub(super) fn plan_status(cx: &Cx<'_>, _: Nothing) -> Result<wire::Plan, ApiError> {
    cx.hearth()?.plan(cx.now(), cx.zone())
}

/// Starts the plan, or starts it again from day 1.
pub(super) fn plan_start(cx: &Cx<'_>, _: Nothing) -> Result<wire::Plan, ApiError> {
    cx.hearth()?.start_plan(cx.now(), cx.zone())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanFinishDay {
    pub day: u32,
}

pub(super) fn plan_finish_day(cx: &Cx<'_>, request: PlanFinishDay) -> Result<wire::Plan, ApiError> {
    cx.hearth()?
        .finish_plan_day(request.day, cx.now(), cx.zone())
}

/// The guided sessions for two, from content.
pub(super) fn guided_sessions(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<Vec<wire::GuidedSession>, ApiError> {
    Ok(cx.hearth()?.guided_sessions())
}
