//! Unit tests for `merge`.

use proptest::prelude::*;

use super::*;
use crate::DeviceId;
use crate::hlc::Clock;

fn stamps(n: usize) -> Vec<Stamp> {
    let device = DeviceId::new().unwrap();
    let mut clock = Clock::default();
    (0..n)
        .map(|i| clock.tick(1_000 + i as u64, &device))
        .collect()
}

#[test]
fn the_latest_write_wins_and_a_tie_is_no_change() {
    let s = stamps(2);
    assert!(newer(&s[1], Some(&s[0])));
    assert!(!newer(&s[0], Some(&s[1])));
    assert!(!newer(&s[0], Some(&s[0])));
    assert!(newer(&s[0], None));
}

#[test]
fn concurrent_edits_are_two_versions_and_choosing_makes_one() {
    let s = stamps(4);
    let none: Vec<String> = vec![];
    let base = vec!["a".to_owned()];
    let both = vec!["b".to_owned(), "c".to_owned()];
    let mut versions = vec![
        Version {
            id: "a",
            supersedes: &none,
            stamp: &s[0],
            deleted: false,
        },
        Version {
            id: "b",
            supersedes: &base,
            stamp: &s[1],
            deleted: false,
        },
        Version {
            id: "c",
            supersedes: &base,
            stamp: &s[2],
            deleted: false,
        },
    ];
    let (current, two) = shown(&heads(&versions));
    assert_eq!(current.map(|v| v.id), Some("c"));
    assert!(two);
    versions.push(Version {
        id: "d",
        supersedes: &both,
        stamp: &s[3],
        deleted: false,
    });
    let (current, two) = shown(&heads(&versions));
    assert_eq!(current.map(|v| v.id), Some("d"));
    assert!(!two);
}

#[test]
fn a_delete_concurrent_with_an_edit_keeps_the_edit() {
    let s = stamps(3);
    let none: Vec<String> = vec![];
    let base = vec!["a".to_owned()];
    let versions = [
        Version {
            id: "a",
            supersedes: &none,
            stamp: &s[0],
            deleted: false,
        },
        Version {
            id: "gone",
            supersedes: &base,
            stamp: &s[2],
            deleted: true,
        },
        Version {
            id: "edit",
            supersedes: &base,
            stamp: &s[1],
            deleted: false,
        },
    ];
    let (current, two) = shown(&heads(&versions));
    assert_eq!(current.map(|v| v.id), Some("edit"));
    assert!(two, "the couple is told the other computer deleted it");
    let only_delete = [versions[0].clone(), versions[1].clone()];
    assert_eq!(shown(&heads(&only_delete)), (None, false));
}

#[test]
fn done_outweighs_skipped_whoever_marked_it() {
    use MarkStatus::{Done, Skipped};
    assert_eq!(occurrence_status([Skipped, Done]), Some(Done));
    assert_eq!(occurrence_status([Skipped]), Some(Skipped));
    assert_eq!(occurrence_status([]), None);
}

proptest! {
    #[test]
    fn heads_do_not_depend_on_the_order_versions_arrive_in(order in Just((0..6usize).collect::<Vec<_>>()).prop_shuffle()) {
        let s = stamps(6);
        let sup: Vec<Vec<String>> = vec![
            vec![], vec!["v0".into()], vec!["v0".into()], vec!["v1".into()],
            vec!["v2".into(), "v3".into()], vec!["v1".into()],
        ];
        let ids: Vec<String> = (0..6).map(|i| format!("v{i}")).collect();
        let all: Vec<Version<'_>> = (0..6)
            .map(|i| Version { id: &ids[i], supersedes: &sup[i], stamp: &s[i], deleted: false })
            .collect();
        let shuffled: Vec<Version<'_>> = order.iter().map(|&i| all[i].clone()).collect();
        let expected: Vec<&str> = heads(&all).iter().map(|v| v.id).collect();
        let got: Vec<&str> = heads(&shuffled).iter().map(|v| v.id).collect();
        prop_assert_eq!(got, expected);
    }
}
