//! Hearth's pure domain: the practices and the content that describes them.
//!
//! Nothing here reads files, the clock or a database; callers hand in text and time. That keeps
//! every rule testable on any machine, with no WebKit and no SQLCipher.

pub mod backup_policy;
pub mod breathing;
pub mod content;
pub mod deck;
pub mod insights;
pub mod journal;
pub mod phones_off;
pub mod planner;
pub mod practices;
pub mod recurrence;
pub mod ritual;
pub mod safety;

pub use breathing::{BreathingPattern, Phase, PhaseKind, SessionClock};
pub use content::{
    ContentError, ContentLibrary, ContentSource, RitualTemplate, check_content, load_library,
    load_user_decks, parse_content_file,
};
pub use journal::{Entry, EntryError, EntryKind, EntryQuery, NewEntry, SearchOrder};
