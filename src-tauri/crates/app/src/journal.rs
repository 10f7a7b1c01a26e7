//! The unlocked journal's use cases: write, read, search, drafts, the partners' names.
//!
//! Getting in (setup, unlock, passphrase changes) is `journal_access`; backups, restore, export
//! and import are `journal_backup` and `journal_transfer`.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use hearth_core::journal::{
    AUTHOR_MAX_CHARS, TAGS_MAX, TEXT_MAX_BYTES, is_draft_slot, validated_partner_details,
    validated_partner_names,
};
use hearth_core::{EntryQuery, NewEntry};
use hearth_store::{DataKey, JournalDb, KeyHeader, SharedHold};
use zeroize::Zeroizing;

use crate::dto;
use crate::settings::{self, PartnerDetails};
use crate::{ApiError, ApiErrorKind};

pub(crate) fn storage(error: impl std::fmt::Display) -> ApiError {
    ApiError::new(ApiErrorKind::Storage, error.to_string())
}

/// An unlocked journal. Dropping it closes the database, forgets the key and lets others
/// replace the journal's files again.
#[derive(Debug)]
pub struct Journal {
    pub(crate) db: JournalDb,
    /// Kept while unlocked (zeroized on drop) to verify backups; SQLCipher holds it anyway.
    pub(crate) key: DataKey,
    pub(crate) header: KeyHeader,
    pub(crate) data_dir: PathBuf,
    /// Nobody replaces the journal's files while this is held.
    _hold: SharedHold,
}

impl Journal {
    pub(crate) fn opened(
        db: JournalDb,
        key: DataKey,
        header: KeyHeader,
        data_dir: &Path,
        hold: SharedHold,
    ) -> Self {
        Self {
            db,
            key,
            header,
            data_dir: data_dir.to_owned(),
            _hold: hold,
        }
    }

    /// This journal's id (names its keychain entry).
    pub fn journal_id(&self) -> &str {
        self.header.journal_id()
    }

    /// The data key's bytes, to keep in the OS keychain at the person's request.
    pub fn data_key_bytes(&self) -> Zeroizing<[u8; 32]> {
        self.key.to_bytes()
    }

    /// Saves a new entry; it is on disk when this returns.
    pub fn add(&mut self, entry: NewEntry, now: DateTime<Utc>) -> Result<dto::Entry, ApiError> {
        self.add_from_draft(entry, now, None)
    }

    /// Saves several new entries in one transaction: all of them or, on any error, none.
    pub fn add_all(
        &mut self,
        entries: Vec<NewEntry>,
        now: DateTime<Utc>,
    ) -> Result<Vec<dto::Entry>, ApiError> {
        let entries = entries
            .into_iter()
            .map(NewEntry::validated)
            .collect::<Result<Vec<_>, _>>()?;
        let saved = self.db.add_all(entries, now)?;
        Ok(saved.into_iter().map(dto::Entry::from).collect())
    }

    /// The journal's settings table (kept inside the encryption).
    pub(crate) fn settings_table(&self) -> &hearth_store::JournalDb {
        &self.db
    }

    /// Saves a new entry and removes the draft it was written in (one transaction).
    pub fn add_from_draft(
        &mut self,
        entry: NewEntry,
        now: DateTime<Utc>,
        draft_slot: Option<&str>,
    ) -> Result<dto::Entry, ApiError> {
        let entry = entry.validated()?;
        let slot = draft_slot.map(checked_slot).transpose()?;
        Ok(dto::Entry::from(self.db.add_from_draft(entry, now, slot)?))
    }

    /// Replaces an entry's content.
    pub fn update(
        &mut self,
        id: &str,
        entry: NewEntry,
        now: DateTime<Utc>,
    ) -> Result<dto::Entry, ApiError> {
        self.update_from_draft(id, entry, now, None)
    }

    /// Replaces an entry's content and removes the draft it was edited in (one transaction).
    pub fn update_from_draft(
        &mut self,
        id: &str,
        entry: NewEntry,
        now: DateTime<Utc>,
        draft_slot: Option<&str>,
    ) -> Result<dto::Entry, ApiError> {
        let entry = entry.validated()?;
        let slot = draft_slot.map(checked_slot).transpose()?;
        self.db
            .update_from_draft(id, entry, now, slot)?
            .map(dto::Entry::from)
            .ok_or_else(|| not_found(id))
    }

    /// Keeps unsaved writing for an editor. Empty text forgets the draft instead.
    pub fn save_draft(
        &mut self,
        slot: &str,
        draft: &dto::Draft,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let slot = checked_slot(slot)?;
        if draft.text.trim().is_empty() {
            self.db.clear_draft(slot)?;
            return Ok(());
        }
        let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
        let bytes = draft.text.len();
        if bytes > TEXT_MAX_BYTES {
            return Err(invalid(format!(
                "text: is {bytes} bytes; an entry holds at most {TEXT_MAX_BYTES} bytes"
            )));
        }
        if draft.author.chars().count() > AUTHOR_MAX_CHARS {
            return Err(invalid(format!(
                "author: must be at most {AUTHOR_MAX_CHARS} characters"
            )));
        }
        if draft.tags.len() > TAGS_MAX || draft.tags.iter().any(|t| t.chars().count() > 200) {
            return Err(invalid(format!("tags: at most {TAGS_MAX} short tags")));
        }
        let body = serde_json::to_string(draft).map_err(storage)?;
        self.db.save_draft(slot, &body, now)?;
        Ok(())
    }

    /// The draft kept for an editor, if any.
    pub fn draft(&self, slot: &str) -> Result<Option<dto::SavedDraft>, ApiError> {
        let slot = checked_slot(slot)?;
        let Some((body, saved_at)) = self.db.draft(slot)? else {
            return Ok(None);
        };
        let draft = serde_json::from_str(&body).map_err(|_| {
            ApiError::new(
                ApiErrorKind::Storage,
                "a kept draft is damaged and was skipped",
            )
        })?;
        Ok(Some(dto::SavedDraft {
            draft,
            saved_at: saved_at.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        }))
    }

    /// Forgets the draft kept for an editor.
    pub fn clear_draft(&mut self, slot: &str) -> Result<(), ApiError> {
        self.db.clear_draft(checked_slot(slot)?)?;
        Ok(())
    }

    /// The partners' names, or none before they are set.
    pub fn partners(&self) -> Result<Option<dto::Partners>, ApiError> {
        let Some(names) = settings::PARTNERS.get_exact(&self.db)? else {
            return Ok(None);
        };
        let details = settings::PARTNER_DETAILS.get(&self.db)?.unwrap_or_default();
        // Saved details that no longer fit (names changed elsewhere) fall back to defaults.
        let (colours, pronouns) =
            validated_partner_details(names.len(), &details.colours, &details.pronouns)
                .or_else(|_| validated_partner_details(names.len(), &[], &[]))
                .map_err(|error| ApiError::new(ApiErrorKind::Storage, error.to_string()))?;
        Ok(Some(dto::Partners {
            names,
            colours,
            pronouns,
        }))
    }

    /// Sets the partners' names (one or two).
    pub fn set_partners(
        &mut self,
        partners: &dto::Partners,
        now: DateTime<Utc>,
    ) -> Result<dto::Partners, ApiError> {
        let names = validated_partner_names(&partners.names)?;
        let (colours, pronouns) =
            validated_partner_details(names.len(), &partners.colours, &partners.pronouns)?;
        let details = settings::PARTNER_DETAILS.pair(&PartnerDetails {
            colours: colours.clone(),
            pronouns: pronouns.clone(),
        });
        let names_pair = settings::PARTNERS.pair(&names);
        self.db.set_settings(
            &[(names_pair.0, &names_pair.1), (details.0, &details.1)],
            now,
        )?;
        Ok(dto::Partners {
            names,
            colours,
            pronouns,
        })
    }

    /// Replaces an entry's text, keeping its author, kind, tags and numbers.
    pub fn edit_text(
        &mut self,
        id: &str,
        text: String,
        now: DateTime<Utc>,
    ) -> Result<dto::Entry, ApiError> {
        let current = self.db.entry(id)?.ok_or_else(|| not_found(id))?;
        self.update(
            id,
            NewEntry {
                text,
                ..current.body
            },
            now,
        )
    }

    /// Removes an entry and its text for good.
    pub fn delete(&mut self, id: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        if self.db.delete(id, now)? {
            Ok(())
        } else {
            Err(not_found(id))
        }
    }

    /// One entry by id.
    pub fn entry(&self, id: &str) -> Result<dto::Entry, ApiError> {
        self.db
            .entry(id)?
            .map(dto::Entry::from)
            .ok_or_else(|| not_found(id))
    }

    /// Entries matching the query (newest first unless relevance is asked for).
    pub fn find(&self, query: &EntryQuery) -> Result<Vec<dto::Entry>, ApiError> {
        let two = self.db.two_versions()?;
        Ok(self
            .db
            .find(query)?
            .into_iter()
            .map(|entry| {
                let two_versions = two.contains(&entry.id);
                dto::Entry {
                    two_versions,
                    ..dto::Entry::from(entry)
                }
            })
            .collect())
    }

    /// The versions of an entry two computers changed at the same time, latest first (one
    /// when there is nothing to choose).
    pub fn versions(&self, id: &str) -> Result<Vec<dto::EntryVersion>, ApiError> {
        let heads = self.db.entry_heads(id)?;
        if heads.is_empty() {
            return match self.db.entry(id)? {
                Some(entry) => Ok(vec![dto::EntryVersion {
                    at: entry
                        .edited_at
                        .unwrap_or(entry.created_at)
                        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                    entry: Some(dto::Entry::from(entry)),
                }]),
                None => Err(not_found(id)),
            };
        }
        Ok(heads
            .into_iter()
            .map(|(stamp, entry)| dto::EntryVersion {
                at: DateTime::<Utc>::from_timestamp_millis(i64::try_from(stamp.ms).unwrap_or(0))
                    .unwrap_or_default()
                    .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
                entry: entry.map(dto::Entry::from),
            })
            .collect())
    }

    /// Integrity problems found by SQLite and SQLCipher; empty when healthy.
    pub fn verify(&self) -> Result<Vec<String>, ApiError> {
        Ok(self.db.verify()?)
    }
}

fn checked_slot(slot: &str) -> Result<&str, ApiError> {
    if is_draft_slot(slot) {
        Ok(slot)
    } else {
        Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            "draft: the slot must be \"new\" or \"edit:<entry id>\"",
        ))
    }
}

fn not_found(id: &str) -> ApiError {
    // Ids are random letters and digits; cap what is echoed in case of hostile input.
    let shown: String = id.chars().take(40).collect();
    ApiError::new(ApiErrorKind::NotFound, format!("no entry with id {shown}"))
}
