//! Process-wide guards, called first thing by the desktop app and the CLI. Failures are logged,
//! never fatal.
//!
//! - Decrypted text stays out of crash dumps: the core-file size limit drops to zero, and on
//!   Linux the process is marked not dumpable, which also stops other processes of the same
//!   user from attaching a debugger to read its memory.
//! - Files are private from their creation: the file-mode mask becomes `077`, so everything the
//!   process creates (SQLite's write-ahead logs, the webview's storage, exports) is readable by
//!   this account only, even where Hearth does not set the mode itself.

/// Forbids core dumps of this process (Unix); does nothing elsewhere.
pub fn forbid_core_dumps() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, Rlimit, setrlimit};
        let none = Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        if let Err(error) = setrlimit(Resource::Core, none) {
            tracing::warn!(%error, "could not turn core dumps off");
        }
    }
    #[cfg(any(target_os = "linux", target_os = "android"))]
    {
        use rustix::process::{DumpableBehavior, set_dumpable_behavior};
        if let Err(error) = set_dumpable_behavior(DumpableBehavior::NotDumpable) {
            tracing::warn!(%error, "could not mark the process not dumpable");
        }
    }
}

/// Makes every file and folder this process creates private to this account (Unix).
pub fn private_files() {
    #[cfg(unix)]
    {
        use rustix::fs::Mode;
        rustix::process::umask(Mode::from_raw_mode(0o077));
    }
}
