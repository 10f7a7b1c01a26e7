//! Build script of the benchmark baseline: generates Tauri's context.
fn main() {
    tauri_build::build();
}
