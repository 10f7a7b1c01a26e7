//! Reading passphrases and recovery keys: from a file's first line, or typed without echo.
//! Never from a command-line argument, where other users could read it.

use std::io::IsTerminal as _;
use std::path::Path;

use hearth_app::{ApiError, ApiErrorKind, Passphrase};
use zeroize::Zeroizing;

/// The most a passphrase or recovery-key file is read of.
const SECRET_FILE_MAX_BYTES: u64 = 64 * 1024;

/// The first line of `path`, without its line ending. Only a small regular file is read: a
/// FIFO or a device (`/dev/zero`) is refused without waiting on it.
pub fn first_line(path: &Path, what: &str) -> Result<Zeroizing<String>, ApiError> {
    let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
    let bytes = Zeroizing::new(
        hearth_app::read_bounded(path, SECRET_FILE_MAX_BYTES).map_err(|error| {
            invalid(format!(
                "could not read the {what} file {}: {error}",
                path.display()
            ))
        })?,
    );
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    let line = Zeroizing::new(
        std::str::from_utf8(first)
            .map_err(|_| {
                invalid(format!(
                    "the {what} file {} is not UTF-8 text",
                    path.display()
                ))
            })?
            .to_owned(),
    );
    if line.is_empty() {
        return Err(invalid(format!(
            "the {what} file {} is empty",
            path.display()
        )));
    }
    Ok(line)
}

/// The journal passphrase: from the passphrase file when one is given, else typed at the
/// terminal (twice when `confirm` is set, for a new journal).
pub fn passphrase(file: Option<&Path>, confirm: bool) -> Result<Passphrase, ApiError> {
    if let Some(file) = file {
        return Ok(Passphrase::new(first_line(file, "passphrase")?));
    }
    if !std::io::stdin().is_terminal() {
        return Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            "no passphrase given: use --passphrase-file FILE (or HEARTH_PASSPHRASE_FILE), or run in a terminal",
        ));
    }
    let typed = prompt("Journal passphrase: ")?;
    if confirm {
        let again = prompt("The same passphrase again: ")?;
        if *typed != *again {
            return Err(ApiError::new(
                ApiErrorKind::InvalidInput,
                "the two passphrases differ",
            ));
        }
    }
    Ok(Passphrase::new(typed))
}

fn prompt(text: &str) -> Result<Zeroizing<String>, ApiError> {
    rpassword::prompt_password(text)
        .map(Zeroizing::new)
        .map_err(|error| {
            ApiError::new(
                ApiErrorKind::InvalidInput,
                format!("could not read the passphrase: {error}"),
            )
        })
}
