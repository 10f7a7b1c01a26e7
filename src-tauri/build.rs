//! Build script: generates Tauri's context and the permissions for Hearth's own commands.

/// Every command the webview may call. Each gets an `allow-<name>` permission, and the one
/// capability (capabilities/main.json) grants exactly these.
const COMMANDS: &[&str] = &[
    "breathing_patterns",
    "data_paths",
    "report_first_paint",
    "journal_status",
    "journal_set_up",
    "journal_unlock",
    "journal_lock",
    "journal_keep_alive",
    "journal_add",
    "journal_find",
    "journal_delete",
    "journal_update",
    "journal_draft",
    "journal_save_draft",
    "journal_clear_draft",
    "journal_partners",
    "journal_set_partners",
    "journal_settings",
    "journal_set_idle_lock",
    "journal_back_up_now",
    "journal_restore",
    "journal_change_passphrase",
    "journal_recover",
    "journal_keychain",
    "journal_remember_on_device",
    "journal_forget_on_device",
    "journal_unlock_with_keychain",
    "rituals_list",
    "ritual_add",
    "ritual_update",
    "ritual_archive",
    "ritual_delete",
    "occurrences_between",
    "occurrences_missed",
    "occurrence_act",
    "ritual_templates",
    "rituals_progress",
    "breathing_start",
    "breathing_session",
    "breathing_stop",
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))?;
    Ok(())
}
