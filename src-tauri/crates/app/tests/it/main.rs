//! hearth-app's integration tests as one binary: the API exercised the way the shell and the
//! CLI call it, the commands through a fake desktop, and the desktop's rules on a fixed clock.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests stop at the first surprise.

mod commands;
mod content;
mod desktop;
mod insights;
mod practices;
mod support;
mod sync;
