//! The shell's one IPC command through Tauri's mock runtime, with the real ACL from build.rs and
//! the capability: the IPC layer, permissions, the `{ cmd, payload }` envelope and serialisation
//! are exercised without a window. (Each command's own rules are tested in hearth-app.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests stop at the first surprise.

use hearth_app::Hearth;
use hearth_shell::{MAIN_WINDOW, Shell, commands};
use serde_json::json;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewUrl, WebviewWindow, WebviewWindowBuilder};

fn app_with(shell: Shell) -> (App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = mock_builder()
        .manage(shell)
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!("tauri.conf.json", test = true))
        .expect("mock app builds");
    let window = WebviewWindowBuilder::new(&app, MAIN_WINDOW, WebviewUrl::default())
        .build()
        .expect("mock window builds");
    (app, window)
}

fn request(command: &str, url: &str) -> InvokeRequest {
    request_with(command, url, serde_json::json!({}))
}

/// One of Hearth's commands, as the UI sends it: through `rpc`, named in the envelope.
fn request_with(command: &str, url: &str, payload: serde_json::Value) -> InvokeRequest {
    raw_request(
        "rpc",
        url,
        serde_json::json!({ "cmd": command, "payload": payload }),
    )
}

fn raw_request(tauri_command: &str, url: &str, body: serde_json::Value) -> InvokeRequest {
    InvokeRequest {
        cmd: tauri_command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: url.parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

#[test]
fn breathing_patterns_command_returns_the_content_as_camel_case_json() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    let response = get_ipc_response(&window, request("breathing_patterns", "tauri://localhost"))
        .expect("command succeeds");
    let value: serde_json::Value = response.deserialize().unwrap();
    let patterns = value.as_array().unwrap();
    assert!(patterns.len() >= 4);
    let resonance = patterns.iter().find(|p| p["id"] == "resonance").unwrap();
    assert_eq!(resonance["cycleMillis"], 10_000);
    assert_eq!(resonance["phases"][1]["kind"], "exhale");
}

#[test]
fn data_paths_command_reports_the_folder_it_was_opened_on() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    let response = get_ipc_response(&window, request("app_paths", "tauri://localhost")).unwrap();
    let value: serde_json::Value = response.deserialize().unwrap();
    assert_eq!(value["dataDir"], data.path().display().to_string());
}

#[test]
fn an_open_failure_reaches_the_ui_as_a_kind_and_message() {
    let data = tempfile::tempdir().unwrap();
    let file = data.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(&file)));
    let error = get_ipc_response(&window, request("breathing_patterns", "tauri://localhost"))
        .expect_err("opening failed, so the command fails");
    assert_eq!(error["kind"], "storage");
    assert!(
        error["message"].as_str().unwrap().contains("a-file"),
        "{error}"
    );
}

#[test]
fn a_remote_origin_cannot_call_commands() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    let error = get_ipc_response(
        &window,
        request("breathing_patterns", "https://example.com"),
    )
    .expect_err("remote origins are refused");
    assert!(error.to_string().contains("not allowed"), "{error}");
}

#[test]
fn a_command_that_does_not_exist_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    // Another Tauri command (a plugin's, say) is refused by the ACL.
    let error = get_ipc_response(
        &window,
        raw_request(
            "plugin:fs|read_file",
            "tauri://localhost",
            serde_json::json!({}),
        ),
    )
    .expect_err("other commands are refused");
    assert!(
        error.to_string().contains("not allowed") || error.to_string().contains("not found"),
        "{error}"
    );
    // A name not in Hearth's list is refused by hearth-app.
    let error = get_ipc_response(&window, request("read_any_file", "tauri://localhost"))
        .expect_err("unknown commands are refused");
    assert_eq!(error["kind"], "not_found", "{error}");
}

fn call(
    window: &WebviewWindow<MockRuntime>,
    command: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    get_ipc_response(window, request_with(command, "tauri://localhost", body))
        .map(|response| response.deserialize::<serde_json::Value>().unwrap())
}

#[test]
fn the_journal_is_set_up_written_searched_and_locked_through_ipc() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    let status = call(&window, "journal_status", serde_json::json!({})).unwrap();
    assert_eq!(status["setUp"], false);

    let short = call(
        &window,
        "journal_set_up",
        serde_json::json!({ "passphrase": "short" }),
    )
    .unwrap_err();
    assert_eq!(short["kind"], "invalid_input");

    let recovery = call(
        &window,
        "journal_set_up",
        serde_json::json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap();
    assert_eq!(recovery.as_str().unwrap().split('-').count(), 13);

    let entry = serde_json::json!({ "entry": {
        "text": "We cooked together", "kind": "three_good_things", "author": "Sam",
        "mood": 4, "closeness": null, "tags": ["Dinner"] } });
    let saved = call(&window, "journal_add", entry).unwrap();
    assert_eq!(saved["tags"], serde_json::json!(["dinner"]));
    assert_eq!(saved["kind"], "three_good_things");

    let query =
        serde_json::json!({ "query": { "text": "cook", "kind": null, "tag": null, "limit": 50 } });
    let found = call(&window, "journal_find", query.clone()).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);

    call(&window, "journal_lock", serde_json::json!({})).unwrap();
    let locked = call(&window, "journal_find", query).unwrap_err();
    assert_eq!(locked["kind"], "locked");

    let wrong = call(
        &window,
        "journal_unlock",
        serde_json::json!({ "passphrase": "not the one" }),
    )
    .unwrap_err();
    assert_eq!(wrong["kind"], "wrong_passphrase");
    call(
        &window,
        "journal_unlock",
        serde_json::json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap();
    assert_eq!(
        call(&window, "journal_status", serde_json::json!({})).unwrap()["unlocked"],
        true
    );

    let unknown_field = serde_json::json!({ "entry": { "text": "x", "kind": "note", "author": "a",
        "mood": null, "closeness": null, "tags": [], "secret": 1 } });
    assert!(
        call(&window, "journal_add", unknown_field).is_err(),
        "unknown fields are refused"
    );
}

/// Hostile or malformed input to the notebook's newer commands: each answers an error with a
/// kind the UI can act on, never a panic, and nothing reaches outside the data folder.
#[test]
fn drafts_settings_and_restore_refuse_hostile_input_by_name() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    let draft = |text: &str| json!({ "slot": "new", "draft": { "text": text, "kind": "note", "author": "Sam", "tags": [] } });
    // Before setup and while locked, journal calls say so.
    assert_eq!(
        call(&window, "journal_save_draft", draft("x")).unwrap_err()["kind"],
        "locked"
    );
    assert_eq!(
        call(
            &window,
            "journal_restore",
            json!({ "name": "x", "passphrase": "y" })
        )
        .unwrap_err()["kind"],
        "not_found"
    );
    call(
        &window,
        "journal_set_up",
        json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap();

    let huge = "x".repeat(1_000_001);
    let error = call(&window, "journal_save_draft", draft(&huge)).unwrap_err();
    assert_eq!(error["kind"], "invalid_input");
    assert!(
        error["message"].as_str().unwrap().starts_with("text:"),
        "{error}"
    );
    let bad_slot = json!({ "slot": "../../etc", "draft": { "text": "x", "kind": "note",
        "author": "Sam", "tags": [] } });
    assert_eq!(
        call(&window, "journal_save_draft", bad_slot).unwrap_err()["kind"],
        "invalid_input"
    );
    assert!(call(&window, "journal_save_draft", json!({ "slot": "new" })).is_err());
    call(&window, "journal_save_draft", draft("kept")).unwrap();
    assert_eq!(
        call(&window, "journal_draft", json!({ "slot": "new" })).unwrap()["draft"]["text"],
        "kept"
    );

    for names in [json!([]), json!(["a", "b", "c"]), json!(["x".repeat(41)])] {
        let error = call(
            &window,
            "journal_set_partners",
            json!({ "partners": { "names": names } }),
        )
        .unwrap_err();
        assert_eq!(error["kind"], "invalid_input", "{names}");
    }
    for minutes in [json!(0), json!(7), json!(-1), json!("5")] {
        assert!(
            call(
                &window,
                "journal_set_idle_lock",
                json!({ "minutes": minutes })
            )
            .is_err(),
            "{minutes}"
        );
    }
    for name in [
        "../journal.key",
        "/etc/passwd",
        "journal-x.hearth-backup",
        "",
    ] {
        let error = call(
            &window,
            "journal_restore",
            json!({ "name": name, "passphrase": "correct horse battery" }),
        )
        .unwrap_err();
        assert_eq!(error["kind"], "not_found", "{name}");
    }
    let query = json!({ "query": { "from": "not a time", "limit": 5 } });
    assert_eq!(
        call(&window, "journal_find", query).unwrap_err()["kind"],
        "invalid_input"
    );
    assert_eq!(
        call(&window, "journal_status", json!({})).unwrap()["unlocked"],
        true,
        "refused calls left the notebook open"
    );
}

#[test]
fn the_practices_refuse_hostile_input_by_name_and_never_half_save() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    // Locked (not even set up): whatever is written goes nowhere.
    let answer = |mood: u64| json!({ "author": "Ana", "mood": mood, "closeness": 3, "need": null, "note": "" });
    assert_eq!(
        call(&window, "check_in_save", json!({ "answers": [answer(3)] })).unwrap_err()["kind"],
        "locked"
    );
    call(
        &window,
        "journal_set_up",
        json!({ "passphrase": "correct horse battery" }),
    )
    .unwrap();
    for (command, body, kind) in [
        (
            "deck_draw",
            json!({ "deckId": "../../etc/passwd" }),
            "not_found",
        ),
        (
            "deck_draw",
            json!({ "deckId": "x".repeat(100_000) }),
            "not_found",
        ),
        (
            "deck_favourite",
            json!({ "deckId": "walk-questions", "cardKey": "nope", "favourite": true }),
            "not_found",
        ),
        ("phones_off_start", json!({ "minutes": 0 }), "invalid_input"),
        (
            "phones_off_start",
            json!({ "minutes": 100_000 }),
            "invalid_input",
        ),
        (
            "check_in_save",
            json!({ "answers": [answer(3), answer(9)] }),
            "invalid_input",
        ),
        (
            "self_check_save",
            json!({ "answer": { "author": "Ana", "answers": { "x": 3 }, "note": "" } }),
            "invalid_input",
        ),
        (
            "note_leave",
            json!({ "from": "Ana", "to": 7, "text": "hello" }),
            "invalid_input",
        ),
        (
            "note_read",
            json!({ "entryId": "no-such-entry" }),
            "not_found",
        ),
        ("plan_finish_day", json!({ "day": 4 }), "invalid_input"),
        (
            "breathing_start",
            json!({ "patternId": "custom", "minutes": 5, "custom": { "inhale": 1e308, "hold": 0, "exhale": 4, "rest": 0 } }),
            "invalid_input",
        ),
    ] {
        let error = call(&window, command, body).unwrap_err();
        assert_eq!(error["kind"], kind, "{command}: {error}");
    }
    // Malformed shapes are refused by deserialisation before reaching Hearth.
    assert!(call(&window, "phones_off_start", json!({ "minutes": -5 })).is_err());
    assert!(call(&window, "check_in_save", json!({ "answers": "all good" })).is_err());
    // Nothing of the refused check-in was written.
    let entries = call(&window, "journal_find", json!({ "query": { "limit": 50 } })).unwrap();
    assert_eq!(entries.as_array().unwrap().len(), 0);
}

#[test]
fn settings_start_with_updates_off_round_trip_and_refuse_what_cannot_apply() {
    let data = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(Shell::new(Hearth::open(data.path())));
    let defaults = call(&window, "settings_get", json!({})).unwrap();
    assert_eq!(
        defaults,
        json!({ "reminders": true, "startAtLogin": false, "closeToTray": true, "checkForUpdates": false, "closeExplained": false })
    );
    let chosen = json!({ "reminders": false, "startAtLogin": false, "closeToTray": false, "checkForUpdates": true, "closeExplained": true });
    assert_eq!(
        call(&window, "settings_set", json!({ "settings": chosen })).unwrap(),
        chosen
    );
    assert_eq!(call(&window, "settings_get", json!({})).unwrap(), chosen);
    // No login-item plugin in the mock runtime: turning it on fails by name, and nothing is saved.
    let error = call(
        &window,
        "settings_set",
        json!({ "settings": { "startAtLogin": true, "closeToTray": true, "checkForUpdates": false } }),
    )
    .unwrap_err();
    assert_eq!(error["kind"], "storage", "{error}");
    assert!(
        error["message"].as_str().unwrap().contains("login"),
        "{error}"
    );
    assert_eq!(call(&window, "settings_get", json!({})).unwrap(), chosen);
    // A misspelt setting is refused before it reaches Hearth.
    assert!(
        call(
            &window,
            "settings_set",
            json!({ "settings": { "checkForUpdate": true } })
        )
        .is_err()
    );
    assert_eq!(call(&window, "settings_get", json!({})).unwrap(), chosen);
}
