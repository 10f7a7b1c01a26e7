//! The merge rules, as pure functions hearth-store applies: each gives the same answer whatever
//! order changes arrive in and however often, so both computers end in the same state.
//!
//! - Fields that are one value (a ritual's title, a shared setting): the latest stamp wins.
//! - Facts (marks, sessions, plan days): kept per device, or by the earliest, never dropped.
//! - Entries: versions; a version nobody supersedes is a head. One head is the entry; two are
//!   "two versions", shown until someone chooses or combines them. Nothing typed is dropped.

use std::collections::BTreeSet;

use crate::{MarkStatus, Stamp};

/// Whether a write stamped `incoming` replaces one stamped `current`.
pub fn newer(incoming: &Stamp, current: Option<&Stamp>) -> bool {
    current.is_none_or(|current| incoming > current)
}

/// One version of an entry, as far as choosing heads needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version<'a> {
    pub id: &'a str,
    pub supersedes: &'a [String],
    pub stamp: &'a Stamp,
    pub deleted: bool,
}

/// The versions nobody supersedes, latest first.
pub fn heads<'a>(versions: &[Version<'a>]) -> Vec<Version<'a>> {
    let superseded: BTreeSet<&str> = versions
        .iter()
        .flat_map(|version| version.supersedes.iter().map(String::as_str))
        .collect();
    let mut heads: Vec<Version<'a>> = versions
        .iter()
        .filter(|version| !superseded.contains(version.id))
        .cloned()
        .collect();
    heads.sort_by(|a, b| b.stamp.cmp(a.stamp).then_with(|| a.id.cmp(b.id)));
    heads.dedup_by(|a, b| a.id == b.id);
    heads
}

/// What an entry's heads make of it: the version shown (the latest head still holding text),
/// and whether there are two versions to choose between. All heads deleted: the entry is gone.
pub fn shown<'a>(heads: &[Version<'a>]) -> (Option<Version<'a>>, bool) {
    let living: Vec<&Version<'a>> = heads.iter().filter(|head| !head.deleted).collect();
    (
        living.first().map(|head| (*head).clone()),
        heads.len() > 1 && !living.is_empty(),
    )
}

/// What an occurrence counts as, from every device's mark: done if anyone did it, else skipped
/// if anyone skipped it.
pub fn occurrence_status(marks: impl IntoIterator<Item = MarkStatus>) -> Option<MarkStatus> {
    let mut status = None;
    for mark in marks {
        match mark {
            MarkStatus::Done => return Some(MarkStatus::Done),
            MarkStatus::Skipped => status = Some(MarkStatus::Skipped),
        }
    }
    status
}

#[cfg(test)]
mod tests;
