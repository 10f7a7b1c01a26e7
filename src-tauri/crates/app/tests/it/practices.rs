//! The practices' use cases against real databases (SQLCipher journal, SQLite schedule).

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Duration, Utc};
use hearth_app::dto::practices::{CheckInAnswer, CustomBreathing, PlanState, SelfCheckAnswer};
use hearth_app::{ApiErrorKind, Hearth, KdfStrength, Passphrase, USER_DECKS_DIR};
use zeroize::Zeroizing;

fn at(minutes: i64) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-02T18:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
        + Duration::minutes(minutes)
}

fn open_with_journal() -> (tempfile::TempDir, Hearth) {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let passphrase = Passphrase::new(Zeroizing::new("correct horse battery".into()));
    hearth
        .journal()
        .set_up(&passphrase, KdfStrength::Floor, at(0))
        .unwrap();
    (dir, hearth)
}

#[test]
fn a_deck_never_repeats_a_card_until_its_round_ends_even_across_restarts() {
    let dir = tempfile::tempdir().unwrap();
    let total = {
        let hearth = Hearth::open(dir.path()).unwrap();
        let decks = hearth.decks().unwrap();
        decks
            .decks
            .iter()
            .find(|d| d.id == "honest-openers")
            .unwrap()
            .cards
    };
    let mut seen = HashSet::new();
    for draw in 0..total {
        // A new Hearth every few draws: the round is remembered in the schedule database.
        let hearth = Hearth::open(dir.path()).unwrap();
        let card = hearth.draw_card("honest-openers").unwrap();
        assert!(
            seen.insert(card.key.clone()),
            "card repeated at draw {draw}"
        );
        assert_eq!(card.seen_in_round, draw + 1);
        assert!(!card.new_round);
    }
    let hearth = Hearth::open(dir.path()).unwrap();
    let next = hearth.draw_card("honest-openers").unwrap();
    assert!(next.new_round, "every card seen, so a new round starts");
    assert_eq!(next.seen_in_round, 1);
    // Walk questions come lightest first.
    let first = hearth.draw_card("walk-questions").unwrap();
    assert_eq!(first.level, 1);
    // Favourites.
    hearth
        .set_favourite_card("walk-questions", &first.key, true, at(0))
        .unwrap();
    let favourites = hearth.favourite_cards("walk-questions").unwrap();
    assert_eq!(favourites.len(), 1);
    assert_eq!(favourites[0].text, first.text);
    assert_eq!(
        hearth
            .set_favourite_card("walk-questions", "nope", true, at(0))
            .unwrap_err()
            .kind,
        ApiErrorKind::NotFound
    );
    assert_eq!(
        hearth.draw_card("no-such-deck").unwrap_err().kind,
        ApiErrorKind::NotFound
    );
}

#[test]
fn a_round_at_one_depth_draws_only_that_level_and_decks_say_what_the_ui_shows() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let decks = hearth.decks().unwrap();
    let walk = decks
        .decks
        .iter()
        .find(|d| d.id == "walk-questions")
        .unwrap();
    let deep = walk.cards_per_level[2];
    assert_eq!(walk.cards_per_level.iter().sum::<u32>(), walk.cards);
    assert!(walk.evidence.is_some() && !walk.opt_in && !walk.tender);
    assert_eq!(walk.safety_note, None);
    let mut seen = HashSet::new();
    for draw in 0..deep {
        let card = hearth.draw_card_at("walk-questions", Some(3)).unwrap();
        assert_eq!(card.level, 3);
        assert!(
            seen.insert(card.key.clone()),
            "card repeated at draw {draw}"
        );
        assert_eq!((card.seen_in_round, card.total), (draw + 1, deep));
    }
    let again = hearth.draw_card_at("walk-questions", Some(3)).unwrap();
    assert!(again.new_round && again.level == 3);
    let error = hearth.draw_card_at("walk-questions", Some(4)).unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
    assert!(error.message.starts_with("level:"), "{}", error.message);
    // Decks that can open old hurts carry the safety line; opt-in decks say so.
    let openers = decks
        .decks
        .iter()
        .find(|d| d.id == "honest-openers")
        .unwrap();
    assert!(openers.tender);
    assert!(
        openers
            .safety_note
            .as_deref()
            .unwrap()
            .contains("Where to turn")
    );
    assert!(decks.decks.iter().any(|d| d.id == "intimacy" && d.opt_in));
    let guides = hearth.practice_guides();
    assert!(guides.iter().all(|guide| !guide.evidence.is_empty()));
}

#[test]
fn the_couples_own_decks_load_and_a_broken_file_is_named_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let decks_dir = dir.path().join(USER_DECKS_DIR);
    std::fs::create_dir_all(&decks_dir).unwrap();
    std::fs::write(
        decks_dir.join("ours.toml"),
        "[[deck]]\nid = \"ours\"\nname = \"Ours\"\nsummary = \"Questions we wrote.\"\n\
         cards = [\n  { text = \"Where shall we go in May?\" },\n]\n",
    )
    .unwrap();
    std::fs::write(
        decks_dir.join("broken.toml"),
        "[[deck]]\nid = \"broken\"\nname = \"Broken\"\nsummary = \"Oops\"\ncards = [\n  { text = \"Fine?\", level = 9 },\n]\n",
    )
    .unwrap();
    let decks = hearth.decks().unwrap();
    let ours = decks.decks.iter().find(|d| d.id == "ours").unwrap();
    assert!(ours.user_made);
    assert_eq!(ours.cards, 1);
    assert!(decks.decks.iter().any(|d| d.id == "nightly-reflection"));
    assert!(!decks.decks.iter().any(|d| d.id == "broken"));
    assert_eq!(decks.problems.len(), 1, "{:?}", decks.problems);
    assert!(
        decks.problems[0].starts_with("broken.toml:6: deck[0].cards[0].level"),
        "{}",
        decks.problems[0]
    );
    assert_eq!(
        hearth.draw_card("ours").unwrap().text,
        "Where shall we go in May?"
    );
}

#[test]
fn a_check_in_saves_both_answers_or_neither() {
    let (_dir, hearth) = open_with_journal();
    let answer = |author: &str, mood: u8, need: Option<&str>| CheckInAnswer {
        author: author.into(),
        mood,
        closeness: 4,
        need: need.map(Into::into),
        note: "  a long week  ".into(),
    };
    let saved = hearth
        .save_check_in(
            vec![answer("Ana", 2, Some("rest")), answer("Sam", 5, None)],
            at(1),
        )
        .unwrap();
    assert_eq!(saved.len(), 2);
    assert_eq!(saved[0].mood, Some(2));
    assert!(
        saved[0].text.contains("A bit flat (2/5)"),
        "{}",
        saved[0].text
    );
    assert!(saved[0].text.contains("Rest and quiet"));
    assert!(saved[0].text.ends_with("a long week"));
    // The second answer is bad: nothing of the first is written.
    let count_before = hearth.journal().with_journal(at(2), |j| {
        j.find(&hearth_app::input::EntryQuery {
            limit: 100,
            ..Default::default()
        })
        .map(|e| e.len())
    });
    for bad in [
        vec![answer("Ana", 3, None), answer("Sam", 6, None)],
        vec![answer("Ana", 3, None), answer("Sam", 3, Some("juggling"))],
        vec![answer("Ana", 3, None), answer(" ", 3, None)],
        vec![],
    ] {
        let error = hearth.save_check_in(bad, at(3)).unwrap_err();
        assert_eq!(error.kind, ApiErrorKind::InvalidInput, "{error}");
    }
    let count_after = hearth.journal().with_journal(at(4), |j| {
        j.find(&hearth_app::input::EntryQuery {
            limit: 100,
            ..Default::default()
        })
        .map(|e| e.len())
    });
    assert_eq!(count_before.unwrap(), count_after.unwrap());
    hearth.journal().lock();
    let locked = hearth
        .save_check_in(vec![answer("Ana", 3, None)], at(5))
        .unwrap_err();
    assert_eq!(locked.kind, ApiErrorKind::Locked);
}

#[test]
fn a_self_check_is_scored_saved_and_drawn_as_a_trend() {
    let (_dir, hearth) = open_with_journal();
    let questions = hearth.self_check_questions();
    assert!(questions.len() >= 5);
    let answers = |value: u8| -> BTreeMap<String, u8> {
        questions.iter().map(|q| (q.id.clone(), value)).collect()
    };
    let mut low = answers(4);
    low.insert(questions[1].id.clone(), 1);
    let result = hearth
        .save_self_check(
            SelfCheckAnswer {
                author: "Ana".into(),
                answers: low,
                note: String::new(),
            },
            at(0),
        )
        .unwrap();
    assert_eq!(result.low_areas, vec![questions[1].area.clone()]);
    assert_eq!(result.suggestions.len(), 1);
    assert_eq!(result.suggestions[0].practice, questions[1].suggestion);
    let week_later = at(7 * 24 * 60);
    // A week later the journal has locked itself; open it again.
    let passphrase = Passphrase::new(Zeroizing::new("correct horse battery".into()));
    hearth.journal().unlock(&passphrase, week_later).unwrap();
    hearth
        .save_self_check(
            SelfCheckAnswer {
                author: "Ana".into(),
                answers: answers(5),
                note: "better".into(),
            },
            week_later,
        )
        .unwrap();
    let trend = hearth
        .self_check_trend(week_later, chrono_tz::Europe::Paris)
        .unwrap();
    let figures: Vec<(String, u8)> = trend
        .iter()
        .map(|p| (p.week_of.clone(), p.percent))
        .collect();
    assert_eq!(
        figures,
        vec![
            ("2026-03-02".to_owned(), result.percent),
            ("2026-03-09".to_owned(), 100)
        ]
    );
    let missing = hearth
        .save_self_check(
            SelfCheckAnswer {
                author: "Ana".into(),
                answers: BTreeMap::new(),
                note: String::new(),
            },
            week_later,
        )
        .unwrap_err();
    assert_eq!(missing.kind, ApiErrorKind::InvalidInput);
    assert!(missing.message.contains("has no answer"), "{missing}");
}

#[test]
fn an_appreciation_note_waits_for_its_partner_until_read() {
    let (_dir, hearth) = open_with_journal();
    hearth
        .journal()
        .with_journal(at(0), |j| {
            j.set_partners(
                &hearth_app::dto::Partners {
                    names: vec!["Ana".into(), "Sam".into()],
                    colours: Vec::new(),
                    pronouns: Vec::new(),
                },
                at(0),
            )
        })
        .unwrap();
    let note = hearth
        .leave_note("Ana".into(), 2, "Thank you for the soup.".into(), at(1))
        .unwrap();
    let waiting = hearth.waiting_notes(at(2)).unwrap();
    assert_eq!(waiting.len(), 1);
    assert_eq!(
        (waiting[0].to.as_str(), waiting[0].from.as_str()),
        ("Sam", "Ana")
    );
    let read = hearth.read_note(&note.id, at(3)).unwrap();
    assert_eq!(read.text, "Thank you for the soup.");
    assert!(hearth.waiting_notes(at(4)).unwrap().is_empty());
    assert_eq!(
        hearth
            .leave_note("Ana".into(), 3, "x".into(), at(5))
            .unwrap_err()
            .kind,
        ApiErrorKind::InvalidInput
    );
}

#[test]
fn a_phones_off_hour_counts_down_in_the_core_and_says_once_when_it_is_over() {
    let dir = tempfile::tempdir().unwrap();
    let zone = chrono_tz::Europe::Paris;
    {
        let hearth = Hearth::open(dir.path()).unwrap();
        let run = hearth.start_phones_off(45, at(0)).unwrap();
        assert_eq!(run.ends_at_ms - run.started_at_ms, 45 * 60_000);
        assert_eq!(
            hearth.start_phones_off(300, at(1)).unwrap_err().kind,
            ApiErrorKind::InvalidInput
        );
    }
    // A restart (or a reload of the page) finds it still running.
    let hearth = Hearth::open(dir.path()).unwrap();
    let status = hearth.phones_off(at(20), zone).unwrap();
    assert_eq!(status.running.as_ref().map(|r| r.minutes), Some(45));
    let round = hearth.due_reminders(at(20), zone).unwrap();
    assert_eq!(
        round.phones_off_label.as_deref(),
        Some("Phones off: 25 min left")
    );
    assert!(round.next_wake.unwrap() <= at(21));
    let end = hearth
        .due_reminders(at(45) + Duration::seconds(1), zone)
        .unwrap();
    assert_eq!(end.notices.len(), 1);
    assert_eq!(end.notices[0].summary, "Your phones-off time is over");
    assert!(end.phones_off_label.is_none());
    let again = hearth.due_reminders(at(46), zone).unwrap();
    assert!(again.notices.is_empty(), "the end is told once");
    // Ended early: kept for the time it ran.
    hearth.start_phones_off(60, at(100)).unwrap();
    hearth.end_phones_off(at(110)).unwrap();
    let status = hearth.phones_off(at(120), zone).unwrap();
    assert!(status.running.is_none());
    let this_week = status.weeks.last().unwrap();
    assert_eq!((this_week.minutes, this_week.hours_started), (55, 2));
    assert!(
        hearth
            .due_reminders(at(200), zone)
            .unwrap()
            .notices
            .is_empty()
    );
}

#[test]
fn the_plan_moves_a_step_a_day_and_starts_again_gently() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let zone = chrono_tz::Europe::Paris;
    let plan = hearth.plan(at(0), zone).unwrap();
    assert_eq!(plan.state, PlanState::NotStarted);
    assert_eq!(plan.days.len(), 7);
    let plan = hearth.start_plan(at(0), zone).unwrap();
    assert_eq!((plan.state, plan.current_day), (PlanState::Ready, Some(1)));
    let plan = hearth.finish_plan_day(1, at(1), zone).unwrap();
    assert_eq!(
        (plan.state, plan.current_day),
        (PlanState::DoneToday, Some(2))
    );
    assert_eq!(plan.days[0].done_on.as_deref(), Some("2026-03-02"));
    assert_eq!(
        hearth.finish_plan_day(2, at(2), zone).unwrap_err().kind,
        ApiErrorKind::InvalidInput
    );
    let next_day = at(24 * 60);
    assert_eq!(hearth.plan(next_day, zone).unwrap().current_day, Some(2));
    let plan = hearth.start_plan(next_day, zone).unwrap();
    assert_eq!((plan.state, plan.current_day), (PlanState::Ready, Some(1)));
    assert!(plan.days.iter().all(|d| d.done_on.is_none()));
}

#[test]
fn a_custom_breathing_rhythm_is_checked_and_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    assert_eq!(hearth.custom_breathing().unwrap(), None);
    let rhythm = CustomBreathing {
        inhale: 5.0,
        hold: 0.0,
        exhale: 7.0,
        rest: 1.5,
    };
    let session = hearth
        .start_breathing("custom", 2, Some(rhythm), at(0))
        .unwrap();
    assert_eq!(session.pattern.cycle_millis, 13_500);
    assert_eq!(hearth.custom_breathing().unwrap(), Some(rhythm));
    let bad = CustomBreathing {
        exhale: 0.1,
        ..rhythm
    };
    let error = hearth
        .start_breathing("custom", 2, Some(bad), at(0))
        .unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
    assert!(error.message.starts_with("exhale:"), "{error}");
    assert_eq!(hearth.custom_breathing().unwrap(), Some(rhythm), "kept");
    assert_eq!(
        hearth
            .start_breathing("custom", 2, None, at(0))
            .unwrap_err()
            .kind,
        ApiErrorKind::InvalidInput
    );
}

#[test]
fn the_heated_talk_pause_breathes_the_first_rhythm_and_is_found_again_after_a_reload() {
    let dir = tempfile::tempdir().unwrap();
    let hearth = Hearth::open(dir.path()).unwrap();
    let first = hearth.breathing_patterns()[0].id.clone();
    let pause = hearth.start_repair_pause(20, at(0)).unwrap();
    assert!(pause.repair_pause);
    assert_eq!(pause.pattern.id, first);
    assert!(pause.duration_ms >= 20 * 60_000, "{}", pause.duration_ms);
    // What a reloaded page asks: the same pause, still marked as one.
    let found = hearth.breathing_session(at(5)).unwrap().unwrap();
    assert!(found.repair_pause);
    assert_eq!(found.started_at_ms, pause.started_at_ms);
    // Over once its time has run.
    let after = at(0) + Duration::milliseconds(i64::try_from(pause.duration_ms).unwrap());
    assert_eq!(hearth.breathing_session(after).unwrap(), None);
    // An ordinary session is not a pause, and the pause keeps the sessions' bounds.
    assert!(
        !hearth
            .start_breathing(&first, 5, None, at(60))
            .unwrap()
            .repair_pause
    );
    assert!(
        !hearth
            .breathing_session(at(61))
            .unwrap()
            .unwrap()
            .repair_pause
    );
    let error = hearth.start_repair_pause(21, at(61)).unwrap_err();
    assert_eq!(error.kind, ApiErrorKind::InvalidInput);
}

#[test]
fn where_to_turn_comes_from_content_and_the_notice_is_put_away_on_this_computer_only() {
    let (dir, hearth) = open_with_journal();
    let safety = hearth.safety().unwrap();
    assert!(!safety.notice_seen, "a new computer shows the notice");
    assert!(safety.statement.contains(&safety.emergency));
    assert!(safety.services.len() >= 5, "{:?}", safety.services);
    for service in &safety.services {
        assert!(service.website.starts_with("https://"), "{service:?}");
        assert_eq!(service.checked.len(), 10, "{service:?}");
    }
    assert!(safety.directory.website.starts_with("https://"));

    hearth.mark_safety_notice_seen().unwrap();
    assert!(hearth.safety().unwrap().notice_seen);
    drop(hearth);
    // Kept across a restart, in the schedule of this computer: not a setting the computers
    // share, and nothing in the notebook.
    let again = Hearth::open(dir.path()).unwrap();
    assert!(again.safety().unwrap().notice_seen);
    assert!(
        !hearth_store::sync::SHARED_SETTINGS.contains(&"safety.notice_seen"),
        "the notice is never shared"
    );
}

#[test]
fn cards_added_from_the_page_go_into_the_couples_own_deck_file_and_a_hand_edited_file_is_never_overwritten()
 {
    let (dir, hearth) = open_with_journal();
    let id = hearth
        .add_own_card("  What made you laugh this week?  ", 1)
        .unwrap();
    hearth
        .add_own_card("What do you hope we never stop doing?", 3)
        .unwrap();
    let decks = hearth.decks().unwrap();
    let ours = decks.decks.iter().find(|deck| deck.id == id).unwrap();
    assert!(ours.user_made);
    assert_eq!(ours.cards, 2);
    assert_eq!(ours.cards_per_level, vec![1, 0, 1]);
    assert!(decks.problems.is_empty(), "{:?}", decks.problems);
    let card = hearth.draw_card_at(&id, Some(3)).unwrap();
    assert_eq!(card.text, "What do you hope we never stop doing?");

    let refused = |text: &str, level: u8| hearth.add_own_card(text, level).unwrap_err();
    assert_eq!(refused("   ", 1).kind, ApiErrorKind::InvalidInput);
    assert!(refused("two\nlines", 1).message.contains("one line"));
    assert!(
        refused("What made you laugh this week?", 2)
            .message
            .contains("already")
    );
    assert!(refused("A fine question", 4).message.contains("level"));
    assert!(
        refused(&"a".repeat(301), 1)
            .message
            .contains("301 characters")
    );

    // Someone rewrote the file by hand into something else: refused by name, left as it was.
    let path = dir.path().join(USER_DECKS_DIR).join("our-cards.toml");
    std::fs::write(&path, "[[deck]]\nid = \"x\"\nname = \"X\"\nsummary = \"y\"\ncards = []\n[[deck]]\nid = \"z\"\nname = \"Z\"\nsummary = \"w\"\ncards = []\n").unwrap();
    let before = std::fs::read(&path).unwrap();
    let error = hearth.add_own_card("One more", 1).unwrap_err();
    assert!(
        error.message.contains("changed by hand"),
        "{}",
        error.message
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let folder = std::fs::metadata(path.parent().unwrap()).unwrap();
        assert_eq!(folder.permissions().mode() & 0o777, 0o700);
    }
}
