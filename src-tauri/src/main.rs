//! The `hearth` desktop binary: everything happens in the shell library.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    hearth_shell::run()
}
