//! Commands about the notebook: setting it up, opening and locking it, writing and finding
//! entries, drafts, the partners' names, backups, passphrases, the keychain, export and import.

use serde::Deserialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use super::{Cx, Nothing};
use crate::desktop::{FileFilter, keychain};
use crate::dto::settings::Transfer;
use crate::dto::{self, ExportFormat};
use crate::{ApiError, KdfStrength, Passphrase, PlainFormat};

fn passphrase(text: String) -> Passphrase {
    Passphrase::new(Zeroizing::new(text))
}

pub(super) fn journal_status(cx: &Cx<'_>, _: Nothing) -> Result<dto::JournalStatus, ApiError> {
    Ok(cx.hearth()?.journal().status())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalSetUp {
    pub passphrase: String,
}

/// Sets up the journal and opens it; answers the recovery key, to show once.
pub(super) fn journal_set_up(cx: &Cx<'_>, request: JournalSetUp) -> Result<String, ApiError> {
    let recovery = cx.hearth()?.journal().set_up(
        &passphrase(request.passphrase),
        KdfStrength::Calibrated,
        cx.now(),
    )?;
    Ok(recovery.to_string())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalUnlock {
    pub passphrase: String,
}

pub(super) fn journal_unlock(cx: &Cx<'_>, request: JournalUnlock) -> Result<(), ApiError> {
    cx.hearth()?
        .journal()
        .unlock(&passphrase(request.passphrase), cx.now())
}

/// Locks now; the UI reloads itself afterwards so no text stays in the page.
pub(super) fn journal_lock(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    cx.hearth()?.journal().lock();
    Ok(())
}

/// Typing or reading in the notebook: pushes the idle lock back.
pub(super) fn journal_keep_alive(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    cx.hearth()?.journal().keep_alive(cx.now())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalAdd {
    pub entry: dto::NewEntry,
    /// The editor the entry was written in (`new`); its draft goes in the same step.
    pub draft_slot: Option<String>,
}

pub(super) fn journal_add(cx: &Cx<'_>, request: JournalAdd) -> Result<dto::Entry, ApiError> {
    let now = cx.now();
    cx.hearth()?.journal().with_journal(now, |journal| {
        journal.add_from_draft(request.entry.into(), now, request.draft_slot.as_deref())
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalUpdate {
    pub id: String,
    pub entry: dto::NewEntry,
    pub draft_slot: Option<String>,
}

pub(super) fn journal_update(cx: &Cx<'_>, request: JournalUpdate) -> Result<dto::Entry, ApiError> {
    let now = cx.now();
    cx.hearth()?.journal().with_journal(now, |journal| {
        journal.update_from_draft(
            &request.id,
            request.entry.into(),
            now,
            request.draft_slot.as_deref(),
        )
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalFind {
    pub query: dto::EntryQuery,
}

pub(super) fn journal_find(cx: &Cx<'_>, request: JournalFind) -> Result<Vec<dto::Entry>, ApiError> {
    let query = request.query.try_into()?;
    cx.hearth()?
        .journal()
        .with_journal(cx.now(), |journal| journal.find(&query))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalDelete {
    pub id: String,
}

pub(super) fn journal_delete(cx: &Cx<'_>, request: JournalDelete) -> Result<(), ApiError> {
    cx.hearth()?
        .journal()
        .with_journal(cx.now(), |journal| journal.delete(&request.id, cx.now()))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalVersions {
    pub id: String,
}

/// The versions of an entry two computers changed at the same time, to choose or combine.
pub(super) fn journal_versions(
    cx: &Cx<'_>,
    request: JournalVersions,
) -> Result<Vec<dto::EntryVersion>, ApiError> {
    cx.hearth()?
        .journal()
        .with_journal(cx.now(), |journal| journal.versions(&request.id))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalDraft {
    /// `new`, `edit:<entry id>`, or `alone` (one partner's private opener).
    pub slot: String,
}

pub(super) fn journal_draft(
    cx: &Cx<'_>,
    request: JournalDraft,
) -> Result<Option<dto::SavedDraft>, ApiError> {
    cx.hearth()?
        .journal()
        .with_journal(cx.now(), |journal| journal.draft(&request.slot))
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalSaveDraft {
    pub slot: String,
    pub draft: dto::Draft,
}

/// Keeps unsaved writing inside the encrypted journal (never in the webview).
pub(super) fn journal_save_draft(cx: &Cx<'_>, request: JournalSaveDraft) -> Result<(), ApiError> {
    let now = cx.now();
    cx.hearth()?.journal().with_journal(now, |journal| {
        journal.save_draft(&request.slot, &request.draft, now)
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalClearDraft {
    pub slot: String,
}

pub(super) fn journal_clear_draft(cx: &Cx<'_>, request: JournalClearDraft) -> Result<(), ApiError> {
    cx.hearth()?
        .journal()
        .with_journal(cx.now(), |journal| journal.clear_draft(&request.slot))
}

pub(super) fn journal_partners(cx: &Cx<'_>, _: Nothing) -> Result<Option<dto::Partners>, ApiError> {
    cx.hearth()?
        .journal()
        .with_journal(cx.now(), |journal| journal.partners())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalSetPartners {
    pub partners: dto::Partners,
}

pub(super) fn journal_set_partners(
    cx: &Cx<'_>,
    request: JournalSetPartners,
) -> Result<dto::Partners, ApiError> {
    cx.hearth()?.journal().with_journal(cx.now(), |journal| {
        journal.set_partners(&request.partners, cx.now())
    })
}

/// The idle lock and the backups (works while locked).
pub(super) fn journal_settings(cx: &Cx<'_>, _: Nothing) -> Result<dto::JournalSettings, ApiError> {
    Ok(cx.hearth()?.journal_settings())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalSetIdleLock {
    pub minutes: u32,
}

pub(super) fn journal_set_idle_lock(
    cx: &Cx<'_>,
    request: JournalSetIdleLock,
) -> Result<dto::JournalSettings, ApiError> {
    cx.hearth()?.set_idle_lock_minutes(request.minutes)
}

pub(super) fn journal_back_up_now(
    cx: &Cx<'_>,
    _: Nothing,
) -> Result<dto::JournalSettings, ApiError> {
    let hearth = cx.hearth()?;
    hearth.journal().backup_now(cx.now())?;
    Ok(hearth.journal_settings())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalRestore {
    /// A file name in the backups folder (never a path).
    pub name: String,
    pub passphrase: String,
}

/// Locks and replaces the journal with a backup from the backups folder; the UI reloads
/// afterwards and asks for the passphrase.
pub(super) fn journal_restore(
    cx: &Cx<'_>,
    request: JournalRestore,
) -> Result<dto::RestoreOutcome, ApiError> {
    let report =
        cx.hearth()?
            .journal()
            .restore(&request.name, &passphrase(request.passphrase), cx.now())?;
    Ok(dto::RestoreOutcome {
        entries: u32::try_from(report.entries).unwrap_or(u32::MAX),
        earlier_passphrase: report.earlier_passphrase,
    })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalChangePassphrase {
    pub current: String,
    pub new: String,
}

/// Changes the passphrase, re-encrypting the notebook under a new key (open or locked, it stays
/// as it was). A key remembered on this computer is replaced by the new one.
pub(super) fn journal_change_passphrase(
    cx: &Cx<'_>,
    request: JournalChangePassphrase,
) -> Result<dto::PassphraseChanged, ApiError> {
    let (current, new) = (passphrase(request.current), passphrase(request.new));
    let new_recovery_key = keychain::rekey(cx.hearth()?, cx.desktop, |journal| {
        journal.change_passphrase(&current, &new, KdfStrength::Calibrated)
    })?;
    Ok(dto::PassphraseChanged { new_recovery_key })
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct JournalRecover {
    pub recovery_key: String,
    pub new: String,
}

/// Sets a new passphrase with the recovery key (re-encrypting like a passphrase change).
pub(super) fn journal_recover(
    cx: &Cx<'_>,
    request: JournalRecover,
) -> Result<dto::PassphraseChanged, ApiError> {
    let recovery_key = Zeroizing::new(request.recovery_key);
    let new = passphrase(request.new);
    let new_recovery_key = keychain::rekey(cx.hearth()?, cx.desktop, |journal| {
        journal.recover(&recovery_key, &new, KdfStrength::Calibrated)
    })?;
    Ok(dto::PassphraseChanged { new_recovery_key })
}

pub(super) fn journal_keychain(cx: &Cx<'_>, _: Nothing) -> Result<dto::KeychainStatus, ApiError> {
    Ok(keychain::status(cx.hearth()?, cx.desktop))
}

pub(super) fn journal_remember(cx: &Cx<'_>, _: Nothing) -> Result<dto::KeychainStatus, ApiError> {
    keychain::remember(cx.hearth()?, cx.desktop, cx.now())
}

pub(super) fn journal_forget(cx: &Cx<'_>, _: Nothing) -> Result<dto::KeychainStatus, ApiError> {
    keychain::forget(cx.hearth()?, cx.desktop)
}

pub(super) fn journal_unlock_with_keychain(cx: &Cx<'_>, _: Nothing) -> Result<(), ApiError> {
    keychain::unlock(cx.hearth()?, cx.desktop, cx.now())
}

#[derive(Deserialize, TS)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NotebookExport {
    pub format: ExportFormat,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The local date for file names (`2026-11-30`).
fn stamp(cx: &Cx<'_>) -> String {
    cx.now()
        .with_timezone(&cx.zone())
        .format("%Y-%m-%d")
        .to_string()
}

const MARKDOWN_EXPORT: FileFilter = FileFilter {
    name: "Notebook export",
    extensions: &["md"],
};
const JSON_EXPORT: FileFilter = FileFilter {
    name: "Notebook export",
    extensions: &["json"],
};
const JSON_IMPORT: FileFilter = FileFilter {
    name: "Hearth notebook export",
    extensions: &["json"],
};

/// Writes every entry, unencrypted, where the person chooses (the UI warned first). Answers
/// `Locked` before any dialog opens when the notebook is not open; `None` when cancelled.
pub(super) fn notebook_export(
    cx: &Cx<'_>,
    request: NotebookExport,
) -> Result<Option<Transfer>, ApiError> {
    let journal = cx.hearth()?.journal();
    journal.with_journal(cx.now(), |_| Ok(()))?;
    let (format, filter) = match request.format {
        ExportFormat::Markdown => (PlainFormat::Markdown, MARKDOWN_EXPORT),
        ExportFormat::Json => (PlainFormat::Json, JSON_EXPORT),
    };
    let name = format!("hearth-notebook-{}.{}", stamp(cx), filter.extensions[0]);
    let Some(path) = cx.desktop.choose_save_path(&name, filter)? else {
        return Ok(None);
    };
    let written = journal.with_journal(cx.now(), |journal| journal.export_plain(&path, format))?;
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: count(written),
        left_out: Vec::new(),
    }))
}

/// Adds the entries of a JSON export the person picks; entries already here are skipped.
pub(super) fn notebook_import(cx: &Cx<'_>, _: Nothing) -> Result<Option<Transfer>, ApiError> {
    let journal = cx.hearth()?.journal();
    journal.with_journal(cx.now(), |_| Ok(()))?;
    let Some(path) = cx.desktop.choose_open_path(JSON_IMPORT)? else {
        return Ok(None);
    };
    let (added, skipped) = journal.with_journal(cx.now(), |journal| journal.import_json(&path))?;
    let left_out = if skipped > 0 {
        vec![format!("{skipped} entries were already in the notebook")]
    } else {
        Vec::new()
    };
    Ok(Some(Transfer {
        path: path.display().to_string(),
        count: count(added),
        left_out,
    }))
}
