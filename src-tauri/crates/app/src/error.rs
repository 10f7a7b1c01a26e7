//! The one error type every front end receives: a kind to switch on and a readable message.
//!
//! Messages name the problem and never carry journal text.

use serde::Serialize;
use ts_rs::TS;

/// What went wrong, in a form the UI can switch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ApiErrorKind {
    /// Input was refused; the message says which part and why.
    InvalidInput,
    /// The thing asked for does not exist (an entry id, say).
    NotFound,
    /// The passphrase or recovery key did not open the journal.
    WrongPassphrase,
    /// The journal is locked; unlock it first.
    Locked,
    /// There is no journal yet; it needs setting up first.
    NoJournal,
    /// A journal already exists here; setting up another would replace it.
    JournalExists,
    /// The notebook's files are missing or damaged (the message says which and what to do,
    /// usually restoring a backup).
    Damaged,
    /// Another Hearth (the app or a `hearth-cli`) has the notebook open; try again once it is
    /// locked or closed there.
    Busy,
    /// Reading or writing the data folder failed.
    Storage,
    /// The data was written by a newer Hearth.
    NewerVersion,
    /// A network call the user asked for (an update check) did not get through.
    Network,
    /// A bug in Hearth; the message is for a bug report.
    Internal,
}

/// The error every API call may return, serialised to the UI as `{ kind, message }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    pub kind: ApiErrorKind,
    pub message: String,
}

impl ApiError {
    pub fn new(kind: ApiErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    pub fn internal(what: &str) -> Self {
        Self::new(ApiErrorKind::Internal, format!("internal error in {what}"))
    }
}

impl From<hearth_store::StoreError> for ApiError {
    fn from(error: hearth_store::StoreError) -> Self {
        use hearth_store::StoreError;
        let kind = match error {
            StoreError::NewerSchema { .. } => ApiErrorKind::NewerVersion,
            StoreError::Missing { .. } => ApiErrorKind::NoJournal,
            StoreError::Empty { .. } | StoreError::Corrupt { .. } => ApiErrorKind::Damaged,
            StoreError::Busy => ApiErrorKind::Busy,
            StoreError::Unsupported(_) => ApiErrorKind::InvalidInput,
            _ => ApiErrorKind::Storage,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<hearth_store::KeyError> for ApiError {
    fn from(error: hearth_store::KeyError) -> Self {
        use hearth_store::KeyError;
        let kind = match error {
            KeyError::WrongPassphrase | KeyError::WrongRecoveryKey => ApiErrorKind::WrongPassphrase,
            KeyError::MalformedRecoveryKey => ApiErrorKind::InvalidInput,
            KeyError::Corrupt(_) | KeyError::KdfOutOfRange(_) => ApiErrorKind::Damaged,
            KeyError::Io(_) => ApiErrorKind::Storage,
            KeyError::Random(_) => ApiErrorKind::Internal,
        };
        Self::new(kind, error.to_string())
    }
}

impl From<hearth_core::EntryError> for ApiError {
    fn from(error: hearth_core::EntryError) -> Self {
        Self::new(ApiErrorKind::InvalidInput, error.to_string())
    }
}
