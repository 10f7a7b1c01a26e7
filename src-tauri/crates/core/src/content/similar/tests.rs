//! Unit tests for `similar`.

use super::*;

/// The plain edit distance, to hold the banded one to.
fn full_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for i in 1..=a.len() {
        let mut current = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let substitute = previous[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            current[j] = substitute.min(previous[j] + 1).min(current[j - 1] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

#[test]
fn texts_are_compared_as_lowercase_words() {
    assert_eq!(
        normalise("  What's   YOUR favourite—thing, today? "),
        "whats your favourite thing today"
    );
    assert_eq!(normalise("I’m here…"), "im here");
    assert_eq!(opening("what is one thing", 3), "what is one");
    assert_eq!(opening("why", 3), "why");
}

#[test]
fn the_banded_distance_agrees_with_the_full_one_within_its_limit() {
    let words = [
        "",
        "a",
        "kitten",
        "sitting",
        "what made you laugh today",
        "what made you smile today",
        "what made you laugh tonight",
        "and one thing your family did",
    ];
    for a in words {
        for b in words {
            let full = full_distance(a, b);
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            for limit in 0..12 {
                let banded = distance_within(&x, &y, limit);
                let expected = (full <= limit).then_some(full);
                assert_eq!(banded, expected, "{a:?} {b:?} limit {limit}");
            }
        }
    }
}

#[test]
fn near_copies_are_paired_and_different_questions_are_not() {
    let texts: Vec<String> = [
        "What made you laugh today?",
        "What made you smile today?",
        "What is one thing your family did that you would like us to keep?",
        "What made you laugh tonight?",
        "And one thing your family did that you would like us to do differently?",
        "what made you laugh today",
    ]
    .iter()
    .map(|text| normalise(text))
    .collect();
    // The same words (0 %) and one word changed (19 %) are near; 20 % and 26 % are not.
    assert_eq!(near_pairs(&texts), vec![(0, 3), (0, 5), (3, 5)]);
    assert!(near_pairs(&[]).is_empty());
    assert!(near_pairs(&[String::new(), String::new()]).is_empty());
}

#[test]
fn seven_hundred_cards_are_compared_quickly() {
    // Made-up questions of realistic length from a fixed pseudo-random sequence, plus one
    // planted near copy.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |below: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % below
    };
    let mut texts: Vec<String> = (0..700)
        .map(|_| {
            let words: Vec<String> = (0..12)
                .map(|_| {
                    (0..2 + next(6))
                        .map(|_| char::from(b'a' + u8::try_from(next(26)).unwrap_or(0)))
                        .collect()
                })
                .collect();
            words.join(" ")
        })
        .collect();
    texts.push(texts[42].replacen(' ', "x", 1));
    let started = std::time::Instant::now();
    let pairs = near_pairs(&texts);
    assert_eq!(pairs, vec![(42, 700)]);
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}
