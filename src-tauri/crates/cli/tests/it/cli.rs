//! hearth-cli as a black box: run the built binary, check exit codes, stdout and stderr.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn cli(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hearth-cli"));
    command.args(args).env_remove("HEARTH_DATA_DIR");
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("hearth-cli runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo_content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../content")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.path().is_file() {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn help_lists_the_commands() {
    let out = cli(&["--help"], &[]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    for word in ["content", "paths", "--data-dir"] {
        assert!(stdout.contains(word), "help lacks {word}:\n{stdout}");
    }
}

#[test]
fn content_check_of_the_repository_folder_exits_zero() {
    let out = cli(
        &["content", "check", repo_content_dir().to_str().unwrap()],
        &[],
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("no problems found"));
}

#[test]
fn content_check_without_a_folder_checks_the_built_in_content() {
    let out = cli(&["content", "check"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("built-in content"));
}

#[test]
fn content_check_on_a_broken_copy_exits_four_naming_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_content_dir(), dir.path());
    let path = dir.path().join("breathing.toml");
    let original = std::fs::read_to_string(&path).unwrap();
    // Break the second phase of the first pattern: a duration far too long.
    let broken = original.replacen(
        "{ kind = \"exhale\", seconds = 6 }",
        "{ kind = \"exhale\", seconds = 600 }",
        1,
    );
    assert_ne!(broken, original);
    let line = broken
        .lines()
        .position(|l| l.contains("seconds = 600"))
        .unwrap()
        + 1;
    std::fs::write(&path, broken).unwrap();

    let out = cli(&["content", "check", dir.path().to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(4));
    let stderr = text(&out.stderr);
    let expected = format!("breathing.toml:{line}: breathing_pattern[0].phases[1].seconds: ");
    assert!(
        stderr.lines().next().unwrap().starts_with(&expected),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem found"), "{stderr}");
}

#[test]
fn content_check_prints_one_line_per_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        "[[breathing_pattern]]\nid = \"x\"\nname = 1\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.toml"), "not toml at all").unwrap();
    let out = cli(&["content", "check", dir.path().to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(4));
    let stderr = text(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 5, "{stderr}");
    assert!(
        lines[0].starts_with("a.toml:3: breathing_pattern[0].name: "),
        "{stderr}"
    );
    assert!(lines[1].starts_with("b.toml:1: document: "), "{stderr}");
    // What the folder lacks as a whole: the safety table and enough decks.
    assert!(lines[2].starts_with("a.toml:1: safety: "), "{stderr}");
    assert!(lines[3].starts_with("a.toml:1: deck: "), "{stderr}");
    assert_eq!(
        lines[4],
        format!("{}: 4 problems found", dir.path().display())
    );
}

#[test]
fn content_decks_lists_every_deck_with_its_cards_as_text_and_as_json() {
    let out = cli(&["content", "decks"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let blocks: Vec<&str> = stdout.trim_end().split("\n\n").collect();
    assert!(blocks.len() >= 10, "{} decks", blocks.len());
    let walk = blocks
        .iter()
        .find(|block| block.starts_with("walk-questions\tQuestions for a walk ("))
        .unwrap();
    assert!(
        walk.lines().any(|line| line
            == "  1 light\tplay\tIf we had a free day with no plans at all, how would you spend it?"),
        "{walk}"
    );
    let out = cli(&["content", "decks", "--json"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let decks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let decks = decks.as_array().unwrap();
    assert_eq!(decks.len(), blocks.len());
    let cards: usize = decks
        .iter()
        .map(|deck| deck["cards"].as_array().unwrap().len())
        .sum();
    assert!(cards >= 400, "{cards} cards");
    let openers = decks
        .iter()
        .find(|deck| deck["id"] == "honest-openers")
        .unwrap();
    assert_eq!(openers["name"], "Honest openers");
    let card = &openers["cards"][0];
    assert_eq!(card.as_object().unwrap().len(), 3, "{card}");
    assert!(
        card["text"]
            .as_str()
            .unwrap()
            .starts_with("I have been feeling")
    );
    assert!((1..=3).contains(&card["level"].as_u64().unwrap()));
    assert_eq!(card["topic"], "affection");
}

#[test]
fn content_decks_reads_a_folder_and_names_its_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("decks.toml"),
        "[[deck]]\nid = \"ours\"\nname = \"Ours\"\nsummary = \"Ours.\"\nwhy = \"Because.\"\n\
         evidence = \"our suggestion, not research\"\ncards = [\n  \
         { level = 2, topic = \"money\", text = \"What is enough?\" },\n]\n\n\
         [[deck]]\nid = \"broken\"\nname = \"Broken\"\nsummary = \"x\"\nwhy = \"x\"\n\
         evidence = \"our suggestion, not research\"\ncards = [\n  { text = \"No level\" },\n]\n",
    )
    .unwrap();
    let folder = dir.path().to_str().unwrap();
    let out = cli(&["content", "decks", "--dir", folder], &[]);
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "ours\tOurs (1 card)\n  2 deeper\tmoney\tWhat is enough?\n"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("decks.toml:18: deck[1].cards[0].level: needs a level"),
        "{stderr}"
    );
    let out = cli(&["content", "decks", "--json", "--dir", folder], &[]);
    let decks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        decks,
        serde_json::json!([{ "id": "ours", "name": "Ours", "cards": [
            { "text": "What is enough?", "level": 2, "topic": "money" }
        ] }])
    );
}

#[test]
fn content_check_of_a_missing_folder_is_a_clear_error() {
    let out = cli(&["content", "check", "/no/such/folder"], &[]);
    assert_eq!(out.status.code(), Some(4), "invalid input exits 4");
    assert_eq!(
        text(&out.stderr).trim(),
        "hearth-cli: /no/such/folder is not a folder"
    );
}

#[test]
fn data_dir_option_and_environment_choose_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let by_env = dir.path().join("from-env");
    let by_flag = dir.path().join("from-flag");

    let out = cli(&["paths"], &[("HEARTH_DATA_DIR", &by_env)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&by_env.display().to_string()));
    assert!(by_env.join("schedule.sqlite3").is_file());

    // The flag wins over the environment, and is accepted after the subcommand too.
    let out = cli(
        &["paths", "--data-dir", by_flag.to_str().unwrap()],
        &[("HEARTH_DATA_DIR", &by_env)],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(&by_flag.display().to_string()));
    assert!(by_flag.join("schedule.sqlite3").is_file());
}

#[test]
fn breathing_lists_the_built_in_patterns() {
    let out = cli(&["content", "breathing"], &[]);
    assert!(out.status.success());
    let stdout = text(&out.stdout);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("resonance\t") && l.contains("6.0 breaths/min")),
        "{stdout}"
    );
}

#[test]
fn unknown_command_is_a_usage_error() {
    let out = cli(&["frobnicate"], &[]);
    assert_eq!(out.status.code(), Some(2));
}
