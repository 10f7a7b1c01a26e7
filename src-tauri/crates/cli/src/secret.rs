//! Reading passphrases and recovery keys: from a file's first line, or typed without echo.
//! Never from a command-line argument, where other users could read it.

use std::io::{BufRead as _, IsTerminal as _};
use std::path::Path;

use hearth_app::{ApiError, ApiErrorKind, Passphrase};
use zeroize::Zeroizing;

/// The first line of `path`, without its line ending.
pub fn first_line(path: &Path, what: &str) -> Result<Zeroizing<String>, ApiError> {
    let file = std::fs::File::open(path).map_err(|error| {
        ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("could not read the {what} file {}: {error}", path.display()),
        )
    })?;
    let mut line = Zeroizing::new(String::new());
    // Cap the read: a passphrase file is one short line.
    std::io::BufReader::new(file)
        .take(4096)
        .read_line(&mut line)
        .map_err(|error| {
            ApiError::new(
                ApiErrorKind::InvalidInput,
                format!("could not read the {what} file {}: {error}", path.display()),
            )
        })?;
    while line.ends_with('\n') || line.ends_with('\r') {
        line.pop();
    }
    if line.is_empty() {
        return Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("the {what} file {} is empty", path.display()),
        ));
    }
    Ok(line)
}

use std::io::Read as _;

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
