//! Tests of the journal database: entries, search, keys, copies and damage.
use super::*;
use crate::journal_key::{KdfParams, KeyHeader};
use chrono::TimeZone;
use hearth_core::{EntryKind, SearchOrder};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 20, minute, 0).unwrap()
}

fn body(text: &str, kind: EntryKind, tags: &[&str]) -> NewEntry {
    NewEntry {
        text: text.into(),
        kind,
        author: "Sam".into(),
        mood: Some(4),
        closeness: Some(5),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        occurrence: None,
        score: None,
    }
}

fn query(text: Option<&str>) -> EntryQuery {
    EntryQuery {
        text: text.map(str::to_owned),
        limit: 50,
        ..EntryQuery::default()
    }
}

fn key() -> DataKey {
    KeyHeader::create(b"pass phrase", KdfParams::FLOOR)
        .unwrap()
        .data_key
}

#[test]
fn entries_round_trip_and_list_newest_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let key = key();
    let first;
    {
        let mut db = JournalDb::create(&path, &key).unwrap();
        first = db
            .add(
                body("a walk by the canal", EntryKind::Note, &["walk"]),
                at(1),
            )
            .unwrap();
        db.add(
            body("three lovely things", EntryKind::ThreeGoodThings, &[]),
            at(2),
        )
        .unwrap();
    }
    let db = JournalDb::open(&path, &key).unwrap();
    assert_eq!(db.entry(&first.id).unwrap().unwrap(), first);
    let all = db.find(&query(None)).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].body.text, "three lovely things");
    assert_eq!(db.count().unwrap(), 2);
    assert!(db.verify().unwrap().is_empty());
}

#[test]
fn search_matches_words_prefixes_tags_and_filters() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    db.add(
        body(
            "We talked about the café by the river",
            EntryKind::Note,
            &["walk"],
        ),
        at(1),
    )
    .unwrap();
    db.add(
        body(
            "Grateful for the quiet evening",
            EntryKind::Appreciation,
            &[],
        ),
        at(2),
    )
    .unwrap();
    db.add(
        body("River swim, cold and bright", EntryKind::Note, &["summer"]),
        at(3),
    )
    .unwrap();

    let texts = |q: EntryQuery| -> Vec<String> {
        db.find(&q)
            .unwrap()
            .into_iter()
            .map(|e| e.body.text)
            .collect()
    };
    assert_eq!(texts(query(Some("river"))).len(), 2);
    assert_eq!(
        texts(query(Some("riv"))).len(),
        2,
        "the last word matches as a prefix"
    );
    assert_eq!(
        texts(query(Some("cafe"))),
        vec!["We talked about the café by the river"]
    );
    assert_eq!(
        texts(query(Some("summer"))),
        vec!["River swim, cold and bright"],
        "tags are searched"
    );
    assert_eq!(
        texts(query(Some("\" OR NEAR("))).len(),
        0,
        "operators are plain words"
    );
    let by_kind = EntryQuery {
        kind: Some(EntryKind::Appreciation),
        ..query(None)
    };
    assert_eq!(texts(by_kind), vec!["Grateful for the quiet evening"]);
    let by_tag = EntryQuery {
        tag: Some("Walk".into()),
        ..query(None)
    };
    assert_eq!(texts(by_tag).len(), 1);
    let by_date = EntryQuery {
        from: Some(at(2)),
        until: Some(at(3)),
        ..query(None)
    };
    assert_eq!(texts(by_date), vec!["Grateful for the quiet evening"]);
}

#[test]
fn a_deleted_entry_is_gone_from_the_table_and_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    let entry = db
        .add(body("zanzibar holiday", EntryKind::Note, &[]), at(1))
        .unwrap();
    assert!(db.delete(&entry.id, chrono::DateTime::UNIX_EPOCH).unwrap());
    assert!(!db.delete(&entry.id, chrono::DateTime::UNIX_EPOCH).unwrap());
    assert_eq!(db.entry(&entry.id).unwrap(), None);
    assert!(db.find(&query(Some("zanzibar"))).unwrap().is_empty());
    assert!(db.verify().unwrap().is_empty());
}

#[test]
fn an_edit_keeps_id_and_creation_time_and_reindexes() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    let entry = db
        .add(body("first draft", EntryKind::Note, &[]), at(1))
        .unwrap();
    let edited = db
        .update(
            &entry.id,
            body("second thoughts", EntryKind::Note, &[]),
            at(5),
        )
        .unwrap()
        .unwrap();
    assert_eq!(edited.created_at, entry.created_at);
    assert_eq!(edited.edited_at, Some(at(5)));
    assert!(db.find(&query(Some("draft"))).unwrap().is_empty());
    assert_eq!(db.find(&query(Some("thoughts"))).unwrap().len(), 1);
    assert_eq!(
        db.update("nope", body("x", EntryKind::Note, &[]), at(6))
            .unwrap(),
        None
    );
}

#[test]
fn another_key_cannot_open_the_journal_and_the_file_is_not_plain_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    {
        let mut db = JournalDb::create(&path, &key()).unwrap();
        db.add(body("marker-7d1f", EntryKind::Note, &[]), at(1))
            .unwrap();
    }
    let error = JournalDb::open(&path, &key()).unwrap_err();
    assert!(
        matches!(error, StoreError::WrongKeyOrNotAJournal),
        "{error:?}"
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let plain = Connection::open(&path).unwrap();
    assert!(
        plain
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err()
    );
}

/// A flipped byte anywhere in the file is an error or is flagged by
/// the integrity checks; it never reads back as different data. Seeded, so failures repeat.
#[test]
fn tampered_copies_never_read_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    let key = key();
    let original: Vec<Entry>;
    {
        let mut db = JournalDb::create(&path, &key).unwrap();
        for i in 0..300 {
            let text = format!("entry {i} about our week and the walk we took together");
            db.add(body(&text, EntryKind::Note, &["week"]), at(i % 60))
                .unwrap();
        }
        original = db
            .find(&EntryQuery {
                limit: 1000,
                ..EntryQuery::default()
            })
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut errored, mut flagged) = (0, 0);
    for copy in 0..220 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let offset = usize::try_from(state % bytes.len() as u64).unwrap();
        let mut tampered = bytes.clone();
        tampered[offset] ^= 1 << (copy % 8);
        let copy_path = dir.path().join(format!("copy-{copy}.sqlite3"));
        std::fs::write(&copy_path, &tampered).unwrap();
        let outcome = JournalDb::open(&copy_path, &key).and_then(|db| {
            let entries = db.find(&EntryQuery {
                limit: 1000,
                ..EntryQuery::default()
            })?;
            Ok((entries, db.verify()?))
        });
        match outcome {
            Err(_) => errored += 1,
            Ok((_, problems)) if !problems.is_empty() => flagged += 1,
            Ok((entries, _)) => {
                assert_eq!(entries, original, "byte {offset} changed data silently")
            }
        }
        std::fs::remove_file(&copy_path).unwrap();
    }
    assert!(
        errored + flagged > 0,
        "no copy was caught at all: {errored} {flagged}"
    );
}

#[test]
fn vacuum_into_writes_an_encrypted_copy_that_opens_with_the_same_key() {
    let dir = tempfile::tempdir().unwrap();
    let key = key();
    let mut db = JournalDb::create(&dir.path().join("j"), &key).unwrap();
    db.add(body("qzcopy marker", EntryKind::Note, &[]), at(1))
        .unwrap();
    let copy = dir.path().join("copy");
    db.vacuum_into(&copy).unwrap();
    let bytes = std::fs::read(&copy).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    assert!(!bytes.windows(6).any(|w| w == b"qzcopy"));
    let reopened = JournalDb::open(&copy, &key).unwrap();
    assert_eq!(reopened.find(&query(Some("qzcopy"))).unwrap().len(), 1);
    assert!(reopened.verify().unwrap().is_empty());
}

#[test]
fn importing_existing_entries_keeps_ids_and_skips_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let mut source = JournalDb::create(&dir.path().join("a"), &key()).unwrap();
    source
        .add(body("one", EntryKind::Note, &["x"]), at(1))
        .unwrap();
    source
        .add(body("two", EntryKind::Reflection, &[]), at(2))
        .unwrap();
    let entries = source.find(&query(None)).unwrap();
    let mut target = JournalDb::create(&dir.path().join("b"), &key()).unwrap();
    assert_eq!(target.insert_existing(&entries).unwrap(), (2, 0));
    assert_eq!(target.insert_existing(&entries).unwrap(), (0, 2));
    assert_eq!(target.find(&query(None)).unwrap(), entries);
}

/// Newest first is creation order even when older entries arrive later (an import), and
/// entries sharing a millisecond keep the order they were written in.
#[test]
fn newest_first_follows_creation_time_not_arrival() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    db.add(body("middle river", EntryKind::Note, &[]), at(20))
        .unwrap();
    let older = Entry {
        id: "imported-older".into(),
        created_at: at(10),
        edited_at: None,
        body: body("oldest river", EntryKind::Note, &[]),
    };
    let newer = Entry {
        id: "imported-newer".into(),
        created_at: at(30),
        ..older.clone()
    };
    let newer = Entry {
        body: body("newest river", EntryKind::Note, &[]),
        ..newer
    };
    assert_eq!(db.insert_existing(&[newer, older]).unwrap(), (2, 0));
    db.add(
        body("same minute river, first", EntryKind::Note, &[]),
        at(25),
    )
    .unwrap();
    db.add(
        body("same minute river, second", EntryKind::Note, &[]),
        at(25),
    )
    .unwrap();
    let expected = [
        "newest river",
        "same minute river, second",
        "same minute river, first",
        "middle river",
        "oldest river",
    ];
    for text in [None, Some("river")] {
        let texts: Vec<String> = db
            .find(&query(text))
            .unwrap()
            .into_iter()
            .map(|e| e.body.text)
            .collect();
        assert_eq!(texts, expected, "query {text:?}");
    }
    let window = EntryQuery {
        from: Some(at(20)),
        until: Some(at(30)),
        ..query(Some("river"))
    };
    assert_eq!(db.find(&window).unwrap().len(), 3);
}

/// Query-plan snapshot: newest-first pages walk the table or the
/// full-text index in rowid order and sort only the page itself. A SQLite upgrade may
/// reword these lines; a plan that sorts every match would add a second temp B-tree.
#[test]
fn newest_first_pages_never_sort_every_match() {
    let dir = tempfile::tempdir().unwrap();
    let db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    let filtered = EntryQuery {
        kind: Some(EntryKind::Note),
        from: Some(at(1)),
        ..query(Some("river"))
    };
    for q in [query(None), query(Some("river")), filtered] {
        let plan = db.explain_find(&q).unwrap();
        let sorts = plan.iter().filter(|l| l.contains("TEMP B-TREE")).count();
        assert_eq!(sorts, 1, "{plan:#?}");
        assert_eq!(
            plan.last().map(String::as_str),
            Some("USE TEMP B-TREE FOR ORDER BY"),
            "{plan:#?}"
        );
        assert!(
            plan.iter()
                .all(|l| !l.contains("SCAN entry_fts") || l.contains("INDEX 192")),
            "the index should hand out rowids newest first: {plan:#?}"
        );
    }
    let relevance = EntryQuery {
        order: SearchOrder::Relevance,
        ..query(Some("river"))
    };
    let plan = db.explain_find(&relevance).unwrap();
    assert_eq!(plan.iter().filter(|l| l.contains("TEMP B-TREE")).count(), 2);
}

#[test]
fn a_draft_is_kept_until_the_entry_it_became_is_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j");
    let key = key();
    {
        let db = JournalDb::create(&path, &key).unwrap();
        db.save_draft("new", "half a thought", at(1)).unwrap();
        db.save_draft("new", "half a thought, now longer", at(2))
            .unwrap();
    }
    let mut db = JournalDb::open(&path, &key).unwrap();
    assert_eq!(
        db.draft("new").unwrap(),
        Some(("half a thought, now longer".to_owned(), at(2)))
    );
    assert_eq!(db.draft("edit:other").unwrap(), None);
    let entry = db
        .add_from_draft(
            body("half a thought, now longer", EntryKind::Note, &[]),
            at(3),
            Some("new"),
        )
        .unwrap();
    assert_eq!(db.draft("new").unwrap(), None);

    db.save_draft("edit", "changed my mind", at(4)).unwrap();
    // A failed edit (no such entry) keeps the draft.
    assert_eq!(
        db.update_from_draft("nope", body("x", EntryKind::Note, &[]), at(5), Some("edit"))
            .unwrap(),
        None
    );
    assert!(db.draft("edit").unwrap().is_some());
    db.update_from_draft(
        &entry.id,
        body("changed my mind", EntryKind::Note, &[]),
        at(5),
        Some("edit"),
    )
    .unwrap()
    .unwrap();
    assert_eq!(db.draft("edit").unwrap(), None);
    assert!(!db.clear_draft("edit").unwrap());
}

#[test]
fn settings_inside_the_journal_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("j");
    let key = key();
    {
        let db = JournalDb::create(&path, &key).unwrap();
        assert_eq!(db.setting("partners").unwrap(), None);
        db.set_setting("partners", "one").unwrap();
        db.set_setting("partners", "two").unwrap();
    }
    let db = JournalDb::open(&path, &key).unwrap();
    assert_eq!(db.setting("partners").unwrap().as_deref(), Some("two"));
}

#[test]
fn opening_a_missing_journal_without_create_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let error = JournalDb::open(&dir.path().join("none"), &key()).unwrap_err();
    assert!(matches!(
        error,
        StoreError::Missing {
            database: "journal"
        }
    ));
}

/// Whether any block of the full-text index holds `word` (the index's pages are inside the
/// encryption, so this reads them through the open journal).
fn index_holds(db: &JournalDb, word: &str) -> bool {
    let mut statement = db.conn.prepare("SELECT block FROM entry_fts_data").unwrap();
    let blocks: Vec<Vec<u8>> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    blocks
        .iter()
        .any(|block| block.windows(word.len()).any(|w| w == word.as_bytes()))
}

/// Edits and deletes leave no old words in the index: secure-delete removes them at once
/// instead of leaving delete markers that carry them until a merge.
#[test]
fn edits_and_deletes_leave_no_old_words_in_the_index() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    for i in 0..50 {
        db.add(
            body(&format!("ordinary words {i}"), EntryKind::Note, &[]),
            at(1),
        )
        .unwrap();
    }
    let edited = db
        .add(body("vqzanzibarold holiday", EntryKind::Note, &[]), at(2))
        .unwrap();
    let deleted = db
        .add(body("vqkilimanjaro trip", EntryKind::Note, &[]), at(3))
        .unwrap();
    assert!(index_holds(&db, "vqzanzibarold") && index_holds(&db, "vqkilimanjaro"));
    db.update(
        &edited.id,
        body("a quieter week", EntryKind::Note, &[]),
        at(4),
    )
    .unwrap();
    assert!(
        db.delete(&deleted.id, chrono::DateTime::UNIX_EPOCH)
            .unwrap()
    );
    assert!(
        !index_holds(&db, "vqzanzibarold"),
        "the edit left the old word"
    );
    assert!(
        !index_holds(&db, "vqkilimanjaro"),
        "the delete left the word"
    );
    assert!(db.find(&query(Some("vqzanzibarold"))).unwrap().is_empty());
    assert_eq!(db.find(&query(Some("quieter"))).unwrap().len(), 1);
    assert!(db.verify().unwrap().is_empty());
}

#[test]
fn a_rekeyed_copy_opens_only_with_the_new_key_and_holds_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (old, new) = (key(), key());
    let mut db = JournalDb::create(&dir.path().join("j"), &old).unwrap();
    for i in 0..20 {
        db.add(
            body(&format!("river {i}"), EntryKind::Note, &["walk"]),
            at(i),
        )
        .unwrap();
    }
    let copy = dir.path().join("copy");
    assert_eq!(db.rekeyed_copy(&copy, &old, &new).unwrap(), 20);
    assert!(matches!(
        JournalDb::open(&copy, &old),
        Err(StoreError::WrongKeyOrNotAJournal)
    ));
    let reopened = JournalDb::open(&copy, &new).unwrap();
    assert_eq!(
        reopened.find(&query(Some("river"))).unwrap(),
        db.find(&query(Some("river"))).unwrap()
    );
    assert!(reopened.verify().unwrap().is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

/// A lost journal is never quietly replaced by an empty one.
#[test]
fn an_empty_or_schemaless_file_is_refused_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("journal.sqlite3");
    std::fs::write(&path, b"").unwrap();
    assert!(matches!(
        JournalDb::open(&path, &key()),
        Err(StoreError::Empty { .. })
    ));
    assert_eq!(std::fs::metadata(&path).unwrap().len(), 0, "not written to");
    // A file the key opens but that holds no schema is not a journal either.
    std::fs::remove_file(&path).unwrap();
    let key = key();
    {
        let conn = Connection::open(&path).unwrap();
        set_key(&conn, "key", &key).unwrap();
        conn.execute_batch("CREATE TABLE other (x); DROP TABLE other;")
            .unwrap();
    }
    assert!(matches!(
        JournalDb::open(&path, &key),
        Err(StoreError::Empty { .. })
    ));
    assert!(matches!(
        JournalDb::create(&path, &key),
        Err(StoreError::Io { .. })
    ));
}

/// A row an older Hearth let in with a time beyond 9999 reads again, is listed, and is named by
/// `verify`; a row that cannot be read at all is left out of lists and named too.
#[test]
fn damaged_or_far_dated_rows_are_named_by_verify_and_never_break_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    let good = db.add(body("fine", EntryKind::Note, &[]), at(1)).unwrap();
    let far = db.add(body("far", EntryKind::Note, &[]), at(2)).unwrap();
    let broken = db.add(body("broken", EntryKind::Note, &[]), at(3)).unwrap();
    db.conn
        .execute(
            "UPDATE entry SET created_at = '+10000-01-01T23:58:59.000Z' WHERE id = ?1",
            params![far.id],
        )
        .unwrap();
    db.conn
        .execute(
            "UPDATE entry SET tags = 'not json' WHERE id = ?1",
            params![broken.id],
        )
        .unwrap();
    let (listed, unreadable) = db.find_with_unreadable(&query(None)).unwrap();
    let texts: Vec<&str> = listed.iter().map(|e| e.body.text.as_str()).collect();
    assert_eq!(texts, ["far", "fine"]);
    assert_eq!(unreadable, std::slice::from_ref(&broken.id));
    let problems = db.verify().unwrap();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&far.id) && p.contains("dated outside"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains(&broken.id) && p.contains("cannot be read"))
    );
    assert!(!problems.iter().any(|p| p.contains(&good.id)));
    // Both can be deleted by id.
    assert!(
        db.delete(&far.id, chrono::DateTime::UNIX_EPOCH).unwrap()
            && db.delete(&broken.id, chrono::DateTime::UNIX_EPOCH).unwrap()
    );
    assert!(db.verify().unwrap().is_empty());
}

#[test]
fn entries_dated_outside_the_range_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut db = JournalDb::create(&dir.path().join("j"), &key()).unwrap();
    for year in [1899, 2200, 9999] {
        let far = Entry {
            id: format!("far{year}"),
            created_at: Utc.with_ymd_and_hms(year, 12, 31, 23, 59, 59).unwrap(),
            edited_at: None,
            body: body("x", EntryKind::Note, &[]),
        };
        let error = db.insert_existing(&[far]).unwrap_err();
        assert!(error.to_string().contains("outside the range"), "{error}");
    }
    assert_eq!(db.count().unwrap(), 0, "nothing half-written");
}
