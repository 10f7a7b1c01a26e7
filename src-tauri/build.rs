//! Build script: generates Tauri's context and the permission for Hearth's one IPC command.

/// The webview reaches Hearth through one command, `rpc`; which commands exist is hearth-app's
/// command list (`hearth_app::api`). The one capability (capabilities/main.json) grants it.
const COMMANDS: &[&str] = &["rpc"];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))?;
    Ok(())
}
