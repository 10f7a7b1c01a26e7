//! Unit tests for `output`.

use super::*;

#[test]
fn control_and_bidi_characters_are_shown_not_obeyed() {
    assert_eq!(terminal_safe("plain words", false), "plain words");
    assert_eq!(
        terminal_safe("red \u{1b}[31m text\u{7}", false),
        "red \\x1b[31m text\\x07"
    );
    assert_eq!(terminal_safe("a\u{9b}2J b", false), "a\\x9b2J b");
    assert_eq!(
        terminal_safe("left \u{202e}thgir", false),
        "left \\u{202e}thgir"
    );
    assert_eq!(terminal_safe("two\nlines\tand", true), "two\nlines\tand");
    assert_eq!(terminal_safe("two\nlines", false), "two\\x0alines");
}
