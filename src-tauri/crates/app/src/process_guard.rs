//! Keeps decrypted text out of crash dumps (security brief: "disable core dumps"). Called first
//! thing by the desktop app and the CLI: the core-file size limit drops to zero, and on Linux
//! the process is marked not dumpable, which also stops other processes of the same user from
//! attaching a debugger to read its memory. Failures are logged, never fatal.

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
