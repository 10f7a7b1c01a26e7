//! House rules about the code's shape: ARCHITECTURE.md names every module and only modules that
//! exist; only hearth-store speaks SQL; commands stay thin; journal text stays out of logs and
//! error messages; practice ids and rule syntax stay in the core.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use super::{cargo_metadata, files_with_extension, repo_root};

/// Rust source files of a crate's `src/` that are modules of their own (sibling `tests.rs`
/// files are named by the module they test).
fn modules_under(src: &Path) -> BTreeSet<PathBuf> {
    files_with_extension(src, &["rs"])
        .into_iter()
        .filter(|path| path.file_name().is_some_and(|name| name != "tests.rs"))
        .map(|path| path.strip_prefix(src).unwrap().to_path_buf())
        .collect()
}

/// The code map's sections: a `### ` heading naming a crate folder in backticks, and every
/// backticked `*.rs` path under it.
fn code_map_sections(architecture: &str) -> Vec<(String, Vec<String>)> {
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for line in architecture.lines() {
        if let Some(heading) = line.strip_prefix("### ") {
            let folder = heading
                .split('`')
                .nth(1)
                .filter(|name| name.ends_with('/'))
                .map(str::to_owned);
            if let Some(folder) = folder {
                sections.push((folder, Vec::new()));
            } else {
                sections.push((String::new(), Vec::new()));
            }
            continue;
        }
        if line.starts_with("## ") {
            sections.push((String::new(), Vec::new()));
            continue;
        }
        let Some((_, names)) = sections.last_mut() else {
            continue;
        };
        for (index, part) in line.split('`').enumerate() {
            let is_path = part.ends_with(".rs")
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_/.".contains(c));
            if index % 2 == 1 && is_path {
                names.push(part.to_owned());
            }
        }
    }
    sections.retain(|(folder, _)| !folder.is_empty());
    sections
}

#[test]
fn architecture_names_every_module_and_only_modules_that_exist() {
    let root = repo_root();
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let sections = code_map_sections(&architecture);
    let crates = [
        "src-tauri/",
        "src-tauri/crates/core/",
        "src-tauri/crates/store/",
        "src-tauri/crates/app/",
        "src-tauri/crates/cli/",
        "src-tauri/crates/sync/",
    ];
    let mut problems = Vec::new();
    for folder in crates {
        let Some((_, names)) = sections.iter().find(|(name, _)| name == folder) else {
            problems.push(format!("no code map section for `{folder}`"));
            continue;
        };
        let src = root.join(folder).join("src");
        for name in names {
            let exists = src.join(name).is_file() || root.join(folder).join(name).is_file();
            if !exists {
                problems.push(format!("{folder}: `{name}` is named but does not exist"));
            }
        }
        let named: BTreeSet<PathBuf> = names.iter().map(PathBuf::from).collect();
        for module in modules_under(&src) {
            let with_src = Path::new("src").join(&module);
            if !named.contains(&module) && !named.contains(&with_src) {
                problems.push(format!(
                    "{folder}: `{}` is not in the code map",
                    module.display()
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "ARCHITECTURE.md's code map is out of step with the code:\n{}",
        problems.join("\n")
    );
}

#[test]
fn only_the_store_speaks_sql() {
    let metadata = cargo_metadata("x86_64-unknown-linux-gnu");
    let members: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap())
        .collect();
    let mut speaking = Vec::new();
    for package in metadata["packages"].as_array().unwrap() {
        if !members.contains(package["id"].as_str().unwrap()) {
            continue;
        }
        let sql = package["dependencies"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|dependency| dependency["kind"].is_null())
            .any(|dependency| {
                let name = dependency["name"].as_str().unwrap();
                name == "rusqlite" || name == "rusqlite_migration"
            });
        if sql {
            speaking.push(package["name"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(
        speaking,
        ["hearth-store"],
        "only hearth-store may speak SQL"
    );
}

/// Each command handler in hearth-app's `api/` parses nothing and decides nothing: it calls a
/// use case and records effects. Bodies longer than this are doing a use case's work.
const HANDLER_MAX_LINES: usize = 25;

#[test]
fn commands_are_thin() {
    let root = repo_root();
    let mut long = Vec::new();
    for path in files_with_extension(&root.join("src-tauri/crates/app/src/api"), &["rs"]) {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let mut index = 0;
        while index < lines.len() {
            if let Some(rest) = lines[index].strip_prefix("pub(super) fn ") {
                let name = rest.split('(').next().unwrap_or(rest);
                let end = (index..lines.len()).find(|&at| lines[at] == "}").unwrap();
                if end - index + 1 > HANDLER_MAX_LINES {
                    long.push(format!("{name}: {} lines", end - index + 1));
                }
                index = end;
            }
            index += 1;
        }
    }
    assert!(
        long.is_empty(),
        "command handlers over {HANDLER_MAX_LINES} lines; move the work into a use case: {long:?}"
    );
    // The shell's side of the IPC is one command that hands everything to hearth-app.
    let shell = std::fs::read_to_string(root.join("src-tauri/src/commands.rs")).unwrap();
    assert_eq!(
        shell.matches("#[tauri::command]").count(),
        1,
        "the shell registers one command, rpc"
    );
}

/// Words that name journal text in the code that handles it.
const JOURNAL_TEXT_NAMES: &[&str] = &["text", "body", "draft", "answer"];

/// What comes just before a `format!` that builds an error message.
const ERROR_MAKERS: &[&str] = &["Error", "invalid(", "damaged(", "refuse(", "Err("];

/// The log calls in `source`, and the `format!` calls that build error messages, each as one
/// string. (Other `format!` calls write what the person asked for, such as an export.)
fn macro_calls<'a>(source: &'a str, macros: &[&str]) -> Vec<&'a str> {
    let mut calls = Vec::new();
    for name in macros {
        let mut from = 0;
        while let Some(found) = source[from..].find(name) {
            let start = from + found;
            let before = &source[source.floor_char_boundary(start.saturating_sub(80))..start];
            if *name == "format!(" && !ERROR_MAKERS.iter().any(|maker| before.contains(maker)) {
                from = start + name.len();
                continue;
            }
            let mut depth = 0usize;
            let mut end = start;
            for (offset, c) in source[start..].char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            end = start + offset;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            calls.push(&source[start..=end.max(start)]);
            from = start + name.len();
        }
    }
    calls
}

/// The code of a macro call: string literals reduced to their `{...}` interpolations, so the
/// words of a message ("text: too long") are not mistaken for the values it shows.
fn code_of(call: &str) -> String {
    let mut code = String::new();
    let (mut in_string, mut in_braces, mut escaped) = (false, false, false);
    for c in call.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                '{' => in_braces = true,
                '}' => {
                    in_braces = false;
                    code.push(' ');
                }
                _ if in_braces => code.push(c),
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else {
            code.push(c);
        }
    }
    code
}

fn names_journal_text(call: &str) -> bool {
    let code = code_of(call);
    let words = code.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
    words
        .into_iter()
        .any(|word| JOURNAL_TEXT_NAMES.contains(&word))
}

#[test]
fn no_log_or_error_message_carries_journal_text() {
    let root = repo_root();
    let journal_code = [
        "src-tauri/crates/app/src/journal.rs",
        "src-tauri/crates/app/src/journal_access.rs",
        "src-tauri/crates/app/src/journal_backup.rs",
        "src-tauri/crates/app/src/journal_session.rs",
        "src-tauri/crates/app/src/journal_transfer.rs",
        "src-tauri/crates/app/src/practices.rs",
        "src-tauri/crates/app/src/insights.rs",
        "src-tauri/crates/app/src/api/journal.rs",
        "src-tauri/crates/app/src/api/practices.rs",
        "src-tauri/crates/store/src/journal.rs",
        "src-tauri/crates/store/src/journal/copies.rs",
        "src-tauri/crates/store/src/journal/drafts_settings.rs",
        "src-tauri/crates/store/src/journal/rows.rs",
        "src-tauri/crates/store/src/journal/search.rs",
        "src-tauri/crates/core/src/journal.rs",
    ];
    let macros = [
        "format!(",
        "tracing::info!(",
        "tracing::warn!(",
        "tracing::error!(",
        "tracing::debug!(",
        "tracing::trace!(",
    ];
    let mut found = Vec::new();
    for relative in journal_code {
        let text = std::fs::read_to_string(root.join(relative)).unwrap();
        for call in macro_calls(&text, &macros) {
            if names_journal_text(call) {
                found.push(format!("{relative}: {call}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "a log or message names journal text (text, body, draft, answer):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_journal_text_check_finds_what_it_looks_for() {
    let source = r#"let a = invalid(format!("text: entry {id} is too long"));
        tracing::warn!(%error, len = entry.text.len(), "x");
        out.push_str(&format!("{}", body.text));"#;
    let calls = macro_calls(source, &["format!(", "tracing::warn!("]);
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(!names_journal_text(calls[0]));
    assert!(names_journal_text(calls[1]));
    assert!(names_journal_text(r#"format!("{}", entry.text)"#));
    assert!(names_journal_text(r#"format!("shown: {text}")"#));
}

/// Practice ids that are not also journal entry kinds (those are a vocabulary of their own).
const PRACTICE_ONLY_IDS: &[&str] = &[
    "walk_questions",
    "nightly_reflection",
    "phones_off_hour",
    "breathing_together",
    "eye_contact",
    "honest_openers",
    "reconnection_plan",
    "look_back",
];

#[test]
fn practice_ids_and_rule_syntax_stay_in_the_core() {
    let root = repo_root();
    let mut found = Vec::new();
    let rust_places = [
        "src-tauri/src",
        "src-tauri/crates/app/src",
        "src-tauri/crates/store/src",
        "src-tauri/crates/cli/src",
    ];
    for place in rust_places {
        for path in files_with_extension(&root.join(place), &["rs"]) {
            if path.file_name().is_some_and(|name| name == "tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let comment = |line: &&str| {
                let line = line.trim_start();
                line.starts_with("//") || line.starts_with("--")
            };
            for line in text.lines().filter(|line| !comment(line)) {
                let quoted_practice = PRACTICE_ONLY_IDS
                    .iter()
                    .any(|id| line.contains(&format!("\"{id}\"")));
                let rule = line.contains("FREQ=") || line.contains("TIMES_PER_WEEK=");
                if quoted_practice || rule {
                    found.push(format!("{}: {}", path.display(), line.trim()));
                }
            }
        }
    }
    let router = root.join("ui/src/lib/router.ts");
    let bindings = root.join("ui/src/lib/bindings.ts");
    for path in files_with_extension(&root.join("ui/src"), &["ts", "svelte"]) {
        let is_test = path.to_string_lossy().ends_with(".test.ts");
        if path == router || path == bindings || is_test {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for line in text.lines() {
            let quoted_practice = PRACTICE_ONLY_IDS
                .iter()
                .any(|id| line.contains(&format!("'{id}'")) || line.contains(&format!("\"{id}\"")));
            let rule = line.contains("FREQ=") || line.contains("TIMES_PER_WEEK=");
            if quoted_practice || rule {
                found.push(format!("{}: {}", path.display(), line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "practice ids belong to the core (Practice) and the UI's router; rule syntax to the \
         core:\n{}",
        found.join("\n")
    );
}

#[test]
fn every_invariant_names_a_check_that_exists() {
    let root = repo_root();
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let invariants = architecture
        .split("## Invariants")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap();
    let mut sources = String::new();
    for dir in ["src-tauri", "tests"] {
        for path in files_with_extension(&root.join(dir), &["rs"]) {
            sources.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    let mut problems = Vec::new();
    for item in invariants.split("\n- ").skip(1) {
        let title = item.split("**").nth(1).unwrap_or(item);
        if !item.contains("*Checked by*") {
            problems.push(format!("\"{title}\" does not say what checks it"));
        }
        for (index, part) in item.split('`').enumerate() {
            let is_test_path = part.contains("::")
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == ':');
            if index % 2 == 1 && is_test_path {
                let name = part.rsplit("::").next().unwrap();
                if !sources.contains(&format!("fn {name}(")) {
                    problems.push(format!("\"{title}\" names `{part}`, which does not exist"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
