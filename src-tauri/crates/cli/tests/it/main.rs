//! `hearth-cli`'s integration tests as one binary: the built CLI run as a black box.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests stop at the first surprise.

mod backup;
mod cli;
mod compat;
mod crash;
mod hardening;
mod journal;
mod rituals;
mod support;
mod sync;
