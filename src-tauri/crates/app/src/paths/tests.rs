//! Unit tests for `paths`.

use super::*;

#[test]
fn explicit_folder_wins_over_the_environment() {
    let dir = resolve_data_dir(Some("/a".into()), Some("/b".into())).unwrap();
    assert_eq!(dir, PathBuf::from("/a"));
}

#[test]
fn environment_is_used_when_nothing_explicit_is_given() {
    let dir = resolve_data_dir(None, Some("/b".into())).unwrap();
    assert_eq!(dir, PathBuf::from("/b"));
    let dir = resolve_data_dir(Some(PathBuf::new()), Some("/b".into())).unwrap();
    assert_eq!(dir, PathBuf::from("/b"));
}

#[test]
fn default_is_the_platform_data_folder_named_after_the_identifier() {
    let dir = resolve_data_dir(None, Some(OsString::new())).unwrap();
    assert!(dir.ends_with(BUNDLE_IDENTIFIER), "{}", dir.display());
}
