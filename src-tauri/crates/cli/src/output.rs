//! Everything `hearth-cli` prints goes through here: text a partner or a file supplied is made
//! safe for a terminal, and a reader that has gone away (`hearth-cli journal list | head -1`)
//! ends the command quietly instead of a panic.

use std::borrow::Cow;
use std::io::Write as _;

use hearth_app::ApiError;

/// Why a command stopped: an error to report, or a reader of its output that went away.
#[derive(Debug)]
pub enum Failure {
    Api(ApiError),
    /// Stdout was closed by its reader (a broken pipe). Exits quietly with 141, as a program
    /// stopped by SIGPIPE would.
    ReaderGone,
}

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Self {
        Self::Api(error)
    }
}

fn written(result: std::io::Result<()>) -> Result<(), Failure> {
    match result {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Err(Failure::ReaderGone),
        Err(error) => Err(Failure::Api(ApiError::new(
            hearth_app::ApiErrorKind::Internal,
            format!("could not write the output: {error}"),
        ))),
    }
}

/// Prints one line on stdout (already made safe by the caller where it carries outside text)
/// and flushes it, so a line is out before the next piece of work starts.
pub fn line(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    written(
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.write_all(b"\n"))
            .and_then(|()| stdout.flush()),
    )
}

/// Prints a note on stderr, made safe for a terminal. A closed stderr is ignored.
pub fn note(text: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", terminal_safe(text, true));
}

/// Prints `value` as pretty JSON on stdout. serde_json escapes the C0 controls; the C1 controls
/// and bidirectional overrides, which it leaves raw, are escaped here too (still valid JSON,
/// the same value).
pub fn json<T: serde::Serialize>(value: &T) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|error| ApiError::new(hearth_app::ApiErrorKind::Internal, error.to_string()))?;
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if is_hidden_control(c) {
            escaped.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            escaped.push(c);
        }
    }
    line(&escaped)
}

/// Characters a terminal may act on instead of showing: C0 and C1 controls, DEL, and the
/// bidirectional overrides and isolates that can make text read differently from what it is.
fn is_hidden_control(c: char) -> bool {
    matches!(u32::from(c), 0x7f..=0x9f | 0x202a..=0x202e | 0x2066..=0x2069)
}

/// `text` with every control character shown as an escape (`\x1b`, `\u{202e}`) instead of
/// reaching the terminal raw. Line breaks and tabs stay when `keep_lines` is set.
pub fn terminal_safe(text: &str, keep_lines: bool) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !(keep_lines && matches!(c, '\n' | '\t'))) || is_hidden_control(c)
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            let code = u32::from(c);
            if code < 0x100 {
                safe.push_str(&format!("\\x{code:02x}"));
            } else {
                safe.push_str(&format!("\\u{{{code:x}}}"));
            }
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

#[cfg(test)]
mod tests;
