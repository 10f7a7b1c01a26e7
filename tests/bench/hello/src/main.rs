//! Baseline B: a minimal Tauri 2 window for Hearth's benchmarks (start-up time, memory, size).
//!
//! It mirrors how Hearth reports its first paint (a double requestAnimationFrame, then one IPC
//! call that prints a marker when `HEARTH_BENCH_STAMP` is set) and nothing else.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

#[tauri::command]
fn painted() {
    if std::env::var_os("HEARTH_BENCH_STAMP").is_some() {
        println!("hearth-first-paint");
    }
}

fn main() -> std::process::ExitCode {
    let result = tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![painted])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("hello could not start: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}
