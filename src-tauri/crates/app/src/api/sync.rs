//! Commands about two computers: where things stand, setting up the exchange folder (the
//! system's folder dialog), a pairing code, joining, a round now, leaving; check-ins answered
//! apart.

use serde::Deserialize;
use ts_rs::TS;

use super::{Cx, Nothing};
use crate::desktop::Effect;
use crate::dto::sync as wire;
use crate::{ApiError, Hearth};

fn status(cx: &Cx<'_>, hearth: &Hearth) -> Result<wire::SyncStatus, ApiError> {
    hearth
        .journal()
        .with_journal_quietly(cx.now(), |journal| hearth.sync_status(Some(journal)))
        .unwrap_or_else(|| hearth.sync_status(None))
}

pub(super) fn sync_status(cx: &Cx<'_>, _: Nothing) -> Result<wire::SyncStatus, ApiError> {
    status(cx, cx.hearth()?)
}

/// Starts an exchange in a folder the person picks (the notebook must be open). `None` when
/// the dialog was cancelled.
pub(super) fn sync_setup(cx: &Cx<'_>, _: Nothing) -> Result<Option<wire::SyncStatus>, ApiError> {
    let hearth = cx.hearth()?;
    hearth.journal().with_journal(cx.now(), |_| Ok(()))?;
    let Some(folder) = cx.desktop.choose_folder()? else {
        return Ok(None);
    };
    hearth.journal().with_journal(cx.now(), |journal| {
        hearth.sync_setup(journal, &folder, cx.now())
    })?;
    cx.effect(Effect::WatchExchange(hearth.exchange_folder()));
    status(cx, hearth).map(Some)
}

pub(super) fn sync_invite(cx: &Cx<'_>, _: Nothing) -> Result<wire::SyncInvitation, ApiError> {
    let hearth = cx.hearth()?;
    let code = hearth
        .journal()
        .with_journal(cx.now(), |journal| hearth.sync_invite(journal, cx.now()))?;
    let expires =
        cx.now() + chrono::Duration::milliseconds(hearth_sync::pairing::CODE_LIFETIME_MS as i64);
    Ok(wire::SyncInvitation {
        code,
        expires_at: expires.to_rfc3339(),
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SyncJoin {
    /// The code shown on the partner's computer.
    pub code: String,
}

/// Joins the exchange in a folder the person picks, with the partner's code. `None` when the
/// dialog was cancelled.
pub(super) fn sync_join(
    cx: &Cx<'_>,
    request: SyncJoin,
) -> Result<Option<wire::SyncStatus>, ApiError> {
    let hearth = cx.hearth()?;
    hearth_sync::pairing::PairingCode::parse(&request.code)
        .map_err(|error| ApiError::new(crate::ApiErrorKind::InvalidInput, error.to_string()))?;
    hearth.journal().with_journal(cx.now(), |_| Ok(()))?;
    let Some(folder) = cx.desktop.choose_folder()? else {
        return Ok(None);
    };
    hearth.journal().with_journal(cx.now(), |journal| {
        hearth.sync_join(journal, &folder, &request.code, cx.now())
    })?;
    cx.effect(Effect::WatchExchange(hearth.exchange_folder()));
    cx.effect(Effect::LookNow);
    status(cx, hearth).map(Some)
}

pub(super) fn sync_now(cx: &Cx<'_>, _: Nothing) -> Result<wire::SyncReport, ApiError> {
    let hearth = cx.hearth()?;
    let report = hearth
        .journal()
        .with_journal_quietly(cx.now(), |journal| hearth.sync_now(Some(journal), cx.now()))
        .unwrap_or_else(|| hearth.sync_now(None, cx.now()))?;
    cx.effect(Effect::LookNow);
    Ok(report)
}

pub(super) fn sync_leave(cx: &Cx<'_>, _: Nothing) -> Result<wire::SyncStatus, ApiError> {
    let hearth = cx.hearth()?;
    hearth
        .journal()
        .with_journal_quietly(cx.now(), |journal| {
            hearth.sync_leave(Some(journal), cx.now())
        })
        .unwrap_or_else(|| hearth.sync_leave(None, cx.now()))?;
    cx.effect(Effect::WatchExchange(None));
    status(cx, hearth)
}

fn today(cx: &Cx<'_>) -> chrono::NaiveDate {
    cx.now().with_timezone(&cx.zone()).date_naive()
}

/// Where today's check-in answered apart stands (the notebook must be open).
pub(super) fn check_in_apart(cx: &Cx<'_>, _: Nothing) -> Result<wire::CheckInApart, ApiError> {
    let hearth = cx.hearth()?;
    hearth.journal().with_journal(cx.now(), |journal| {
        hearth.check_in_apart(journal, today(cx))
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CheckInSend {
    pub answer: crate::dto::practices::CheckInAnswer,
}

/// Keeps this computer's check-in answer sealed until the partner's arrives, and sends it.
pub(super) fn check_in_send(
    cx: &Cx<'_>,
    request: CheckInSend,
) -> Result<wire::CheckInApart, ApiError> {
    let hearth = cx.hearth()?;
    hearth.journal().with_journal(cx.now(), |journal| {
        hearth.check_in_send(journal, request.answer, today(cx), cx.now())
    })
}
