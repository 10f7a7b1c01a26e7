//! House rules as tests: crate boundaries, module docs, content, generated files, UI seams.
//!
//! Generated files (`ui/src/lib/bindings.ts`, `ui/tests/fixtures/*.json`) are rewritten instead
//! of compared when `HEARTH_UPDATE_GENERATED=1` is set; `make bindings` does that.
#![allow(clippy::unwrap_used, clippy::expect_used)] // Tests stop at the first surprise.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use walkdir::WalkDir;

mod house;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// Files under `dir` with one of `extensions`, skipping build output and dependencies.
fn files_with_extension(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            !matches!(
                name.as_ref(),
                "target" | "node_modules" | "dist" | "gen" | ".git"
            )
        })
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| extensions.iter().any(|wanted| ext == *wanted))
        })
        .collect()
}

/// `cargo metadata` for the workspace, resolved for one target platform.
fn cargo_metadata(platform: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--offline", "--locked"])
        .args(["--filter-platform", platform, "--manifest-path"])
        .arg(repo_root().join("Cargo.toml"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Compares a generated file with what it should hold, or rewrites it on request.
fn check_generated(relative: &str, expected: &str) {
    let path = repo_root().join(relative);
    if std::env::var_os("HEARTH_UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "{relative} is stale: run `make bindings` (HEARTH_UPDATE_GENERATED=1 cargo test -p hearth-tidy)"
    );
}

#[test]
fn tauri_free_crates_never_depend_on_gui_or_desktop_libraries() {
    // This machine's platform only: other platforms' crates (macOS notification bindings, say)
    // are never downloaded here, and the Tauri-free crates have no platform-specific GUI parts.
    let rustc = Command::new("rustc").arg("-vV").output().unwrap();
    let host = String::from_utf8(rustc.stdout)
        .unwrap()
        .lines()
        .find_map(|line| line.strip_prefix("host: ").map(str::to_owned))
        .unwrap();
    let metadata = cargo_metadata(&host);

    let names: HashMap<&str, &str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    // Normal (non-dev, non-build) edges of the resolved graph, by package id.
    let mut edges: HashMap<&str, Vec<&str>> = HashMap::new();
    for node in metadata["resolve"]["nodes"].as_array().unwrap() {
        let id = node["id"].as_str().unwrap();
        let deps = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|dep| {
                dep["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null())
            })
            .map(|dep| dep["pkg"].as_str().unwrap())
            .collect();
        edges.insert(id, deps);
    }
    let forbidden = |name: &str| {
        name == "tauri"
            || name.starts_with("tauri-")
            || [
                "notify-rust",
                "keyring",
                "wry",
                "tao",
                "webkit2gtk",
                "gtk",
                "zbus",
            ]
            .contains(&name)
    };
    let tauri_free = ["hearth-core", "hearth-store", "hearth-app", "hearth-cli"];
    for (&id, &name) in &names {
        if !tauri_free.contains(&name) {
            continue;
        }
        let mut seen = BTreeSet::new();
        let mut stack = vec![id];
        while let Some(current) = stack.pop() {
            for &dep in edges.get(current).map(Vec::as_slice).unwrap_or_default() {
                if seen.insert(dep) {
                    stack.push(dep);
                }
            }
        }
        let bad: Vec<&str> = seen
            .iter()
            .map(|dep| names[dep])
            .filter(|n| forbidden(n))
            .collect();
        assert!(
            bad.is_empty(),
            "{name} must stay Tauri-free but depends on {bad:?}"
        );
    }
}

#[test]
fn every_rust_file_starts_with_a_module_doc_line() {
    let root = repo_root();
    let mut missing = Vec::new();
    for dir in ["src-tauri", "tests"] {
        for path in files_with_extension(&root.join(dir), &["rs"]) {
            let text = std::fs::read_to_string(&path).unwrap();
            let first = text
                .lines()
                .find(|line| !line.trim().is_empty())
                .unwrap_or("");
            if !first.starts_with("//!") {
                missing.push(path.strip_prefix(&root).unwrap().display().to_string());
            }
        }
    }
    assert!(
        missing.is_empty(),
        "these files need a `//!` line saying what they are for: {missing:?}"
    );
}

#[test]
fn no_ignored_or_should_panic_tests() {
    let root = repo_root();
    let needles = [concat!("#[", "ignore"), concat!("#[", "should_panic")];
    for dir in ["src-tauri", "tests"] {
        for path in files_with_extension(&root.join(dir), &["rs"]) {
            let text = std::fs::read_to_string(&path).unwrap();
            for needle in needles {
                assert!(!text.contains(needle), "{} uses {needle}]", path.display());
            }
        }
    }
}

#[test]
fn the_content_folder_is_valid() {
    let errors = hearth_app::check_content_dir(&repo_root().join("content")).unwrap();
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(lines.is_empty(), "content problems:\n{}", lines.join("\n"));
}

#[test]
fn typescript_bindings_are_fresh() {
    check_generated("ui/src/lib/bindings.ts", &hearth_app::typescript_bindings());
}

#[test]
fn ui_fixtures_match_what_the_api_returns() {
    let dir = tempfile_dir();
    let hearth = hearth_app::Hearth::open(&dir).unwrap();
    let json = serde_json::to_string_pretty(&hearth.breathing_patterns()).unwrap() + "\n";
    check_generated("ui/tests/fixtures/breathing-patterns.json", &json);
    let json = serde_json::to_string_pretty(&hearth.ritual_templates()).unwrap() + "\n";
    check_generated("ui/tests/fixtures/ritual-templates.json", &json);
    // The UI draws breathing phases itself each frame; it must agree with the core's rule.
    let (library, _) = hearth_app::embedded_content();
    let mut phases = Vec::new();
    for pattern in &library.breathing_patterns {
        let cycle = u64::from(pattern.cycle_millis());
        let mut samples: Vec<u64> = vec![0, 1, cycle - 1, cycle, 3 * cycle + 17, 3_600_017];
        let mut edge = 0;
        for phase in &pattern.phases {
            edge += u64::from(phase.millis);
            samples.extend([edge - 1, edge, edge + 1]);
        }
        for elapsed in samples {
            let at = pattern.phase_at(elapsed).unwrap();
            phases.push(serde_json::json!({
                "pattern": pattern.id, "elapsed": elapsed, "index": at.index,
                "into": at.into, "left": at.left, "cycle": at.cycle,
            }));
        }
    }
    let json = serde_json::to_string_pretty(&phases).unwrap() + "\n";
    check_generated("ui/tests/fixtures/breathing-phases.json", &json);
    // What the practices pages read, so the flow tests' mock core answers with real content.
    let cards: serde_json::Map<String, serde_json::Value> = library
        .decks
        .iter()
        .map(|deck| {
            let cards: Vec<_> = deck
                .cards
                .iter()
                .map(|card| serde_json::json!({ "key": card.key, "text": card.text, "level": card.level, "topic": card.topic }))
                .collect();
            (deck.id.clone(), serde_json::Value::Array(cards))
        })
        .collect();
    let practices = serde_json::json!({
        "guides": hearth.practice_guides(),
        "guidedSessions": hearth.guided_sessions(),
        "decks": hearth.decks().unwrap(),
        "cards": cards,
        "checkInForm": hearth.check_in_form().unwrap(),
        "selfCheckQuestions": hearth.self_check_questions(),
        // Where to turn, as a new computer reads it (the notice not yet seen).
        "safety": hearth.safety().unwrap(),
        // A plan not started reads the same at any instant.
        "plan": hearth.plan(chrono::DateTime::UNIX_EPOCH, chrono_tz::UTC).unwrap(),
    });
    let json = serde_json::to_string_pretty(&practices).unwrap() + "\n";
    let json = json.replace(
        &dir.display().to_string(),
        "/home/sam/.local/share/app.hearth.desktop",
    );
    check_generated("ui/tests/fixtures/practices.json", &json);
    std::fs::remove_dir_all(dir).unwrap();
}

/// What the insights page reads, from the real use cases over sample data: the flow tests'
/// mock core answers with these reports.
#[test]
fn insights_fixtures_match_what_the_api_returns() {
    use hearth_app::{KdfStrength, Passphrase};
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-26T18:00:00Z")
        .unwrap()
        .with_timezone(&chrono::Utc);
    let zone = chrono_tz::Europe::Paris;
    let empty_dir = tempfile_dir().join("empty");
    let empty = hearth_app::Hearth::open(&empty_dir).unwrap();
    let dir = tempfile_dir().join("sample");
    let hearth = hearth_app::Hearth::open(&dir).unwrap();
    let passphrase = Passphrase::new(zeroize::Zeroizing::new("correct horse battery".into()));
    let set_up_at = now - chrono::Duration::weeks(6);
    hearth
        .journal()
        .set_up(&passphrase, KdfStrength::Floor, set_up_at)
        .unwrap();
    hearth_app::sample::fill_recent_weeks(&hearth, now, zone, 5).unwrap();
    let mut reports = serde_json::Map::new();
    use hearth_app::dto::insights::InsightsRange;
    for (name, range) in [
        ("week", InsightsRange::Week),
        ("month", InsightsRange::Month),
        ("all", InsightsRange::All),
    ] {
        let report = hearth.insights(range, now, zone).unwrap();
        assert!(report.journal_unlocked);
        reports.insert(name.into(), serde_json::to_value(report).unwrap());
    }
    hearth.journal().lock();
    let locked = hearth.insights(InsightsRange::Month, now, zone).unwrap();
    assert!(!locked.journal_unlocked);
    reports.insert("locked".into(), serde_json::to_value(locked).unwrap());
    let nothing = empty.insights(InsightsRange::Month, now, zone).unwrap();
    reports.insert("empty".into(), serde_json::to_value(nothing).unwrap());
    let json = serde_json::to_string_pretty(&reports).unwrap() + "\n";
    check_generated("ui/tests/fixtures/insights.json", &json);
    drop((hearth, empty));
    std::fs::remove_dir_all(dir).unwrap();
    std::fs::remove_dir_all(empty_dir).unwrap();
}

/// The npm packages the built UI bundles (everything else in ui/package.json is a build or
/// test tool). The test below fails when the UI's source imports a package missing here.
const BUNDLED_NPM_PACKAGES: [&str; 4] = [
    "@fontsource-variable/fraunces",
    "@fontsource-variable/nunito",
    "@tauri-apps/api",
    "svelte",
];

/// The About page's list of bundled libraries and their licences: every crate the Linux desktop
/// binary links (normal dependencies of `hearth`, transitively) and the npm packages above.
#[test]
fn the_licence_list_names_every_bundled_library() {
    let root = repo_root();
    let metadata = cargo_metadata("x86_64-unknown-linux-gnu");
    let packages: HashMap<&str, &serde_json::Value> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|package| (package["id"].as_str().unwrap(), package))
        .collect();
    let nodes: HashMap<&str, &serde_json::Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|node| (node["id"].as_str().unwrap(), node))
        .collect();
    let shell = packages
        .values()
        .find(|package| package["name"] == "hearth")
        .unwrap()["id"]
        .as_str()
        .unwrap();
    let mut seen = BTreeSet::new();
    let mut queue = vec![shell];
    while let Some(id) = queue.pop() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|kind| kind["kind"].is_null());
            let dep_id = dep["pkg"].as_str().unwrap();
            if normal && seen.insert(dep_id) {
                queue.push(dep_id);
            }
        }
    }
    let mut crates: Vec<serde_json::Value> = seen
        .iter()
        .map(|id| packages[id])
        .filter(|package| package["source"].is_string())
        .map(|package| {
            serde_json::json!({
                "name": package["name"],
                "version": package["version"],
                "licence": package["license"].as_str().unwrap_or("see the crate"),
            })
        })
        .collect();
    crates.sort_by_key(|c| {
        (
            c["name"].as_str().unwrap().to_owned(),
            c["version"].as_str().unwrap().to_owned(),
        )
    });
    crates.dedup();

    let imported: BTreeSet<String> = WalkDir::new(root.join("ui/src"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy();
            (name.ends_with(".ts") || name.ends_with(".svelte")) && !name.ends_with(".test.ts")
        })
        .flat_map(|entry| {
            let text = std::fs::read_to_string(entry.path()).unwrap();
            text.lines()
                .filter_map(|line| {
                    let quoted = line.trim().strip_prefix("import ")?;
                    let start = quoted.find('\'')? + 1;
                    let spec = &quoted[start..start + quoted[start..].find('\'')?];
                    (!spec.starts_with('.')).then(|| {
                        let parts: Vec<&str> = spec.split('/').collect();
                        let take = if spec.starts_with('@') { 2 } else { 1 };
                        parts[..take.min(parts.len())].join("/")
                    })
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        imported,
        BUNDLED_NPM_PACKAGES
            .iter()
            .map(|p| (*p).to_owned())
            .collect(),
        "the UI imports a package the licence list does not name (or no longer imports one)"
    );
    let npm: Vec<serde_json::Value> = BUNDLED_NPM_PACKAGES
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(
                root.join("ui/node_modules").join(name).join("package.json"),
            )
            .unwrap();
            let package: serde_json::Value = serde_json::from_str(&text).unwrap();
            serde_json::json!({
                "name": name,
                "version": package["version"],
                "licence": package["license"],
            })
        })
        .collect();
    let shell_version = packages[shell]["version"].clone();
    let list = serde_json::json!({ "version": shell_version, "crates": crates, "packages": npm });
    let json = serde_json::to_string_pretty(&list).unwrap() + "\n";
    check_generated("ui/src/lib/licences.json", &json);
}

fn tempfile_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-tidy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn bundle_identifier_matches_the_tauri_config() {
    let text = std::fs::read_to_string(repo_root().join("tauri.conf.json")).unwrap();
    let config: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(config["identifier"], hearth_app::BUNDLE_IDENTIFIER);
    assert_eq!(config["app"]["withGlobalTauri"], false);
    assert_eq!(config["app"]["security"]["freezePrototype"], true);
    assert_eq!(config["app"]["security"]["csp"]["script-src"], "'self'");
}

#[test]
fn the_shell_config_is_a_symlink_to_the_top_level_config() {
    let link = repo_root().join("src-tauri/tauri.conf.json");
    let target = std::fs::read_link(&link).expect("src-tauri/tauri.conf.json is a symlink");
    assert_eq!(target, Path::new("../tauri.conf.json"));
}

#[test]
fn only_the_api_module_talks_to_tauri() {
    let root = repo_root();
    let api = root.join("ui/src/lib/api.ts");
    // The unit tests' stand-in core answers Tauri's mock IPC; only tests may import it.
    let mock_core = root.join("ui/src/lib/mock-core.ts");
    for path in files_with_extension(&root.join("ui/src"), &["ts", "svelte"]) {
        let is_test = path.to_string_lossy().ends_with(".test.ts");
        let text = std::fs::read_to_string(&path).unwrap();
        if !is_test {
            assert!(
                !text.contains("/mock-core"),
                "{} imports the tests' mock core",
                path.display()
            );
        }
        if path == api || path == mock_core || is_test {
            continue;
        }
        assert!(
            !text.contains("@tauri-apps/api") && !text.contains("__TAURI"),
            "{} reaches Tauri directly; go through ui/src/lib/api.ts",
            path.display()
        );
    }
}

#[test]
fn the_capability_grants_exactly_the_registered_commands() {
    let root = repo_root();
    let build = std::fs::read_to_string(root.join("src-tauri/build.rs")).unwrap();
    let list = build
        .split("COMMANDS: &[&str] = &[")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    let commands: BTreeSet<String> = list
        .split(',')
        .map(|s| s.trim().trim_matches('"'))
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();

    let handler = std::fs::read_to_string(root.join("src-tauri/src/commands.rs")).unwrap();
    let registered = handler
        .split("generate_handler![")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    let registered: BTreeSet<String> = registered
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    assert_eq!(
        commands, registered,
        "build.rs COMMANDS and generate_handler! disagree"
    );

    let text = std::fs::read_to_string(root.join("src-tauri/capabilities/main.json")).unwrap();
    let capability: serde_json::Value = serde_json::from_str(&text).unwrap();
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p.as_str()
                .unwrap()
                .trim_start_matches("allow-")
                .replace('-', "_")
        })
        .collect();
    assert_eq!(
        granted, commands,
        "the capability should grant exactly the app's own commands"
    );
}
