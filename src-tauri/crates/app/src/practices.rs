//! Use cases of the practices: guides, card decks, check-ins, the weekly self-check,
//! appreciation notes, the phones-off hour, the reconnection plan and display preferences.
//!
//! What a partner writes goes to the journal (encrypted); what only describes the practice's
//! state (which cards were seen, phones-off times, plan progress) lives in the schedule database.

use chrono::{DateTime, Duration, Utc};
use chrono_tz::Tz;

use hearth_core::deck::{self, Deck};
use hearth_core::phones_off::{self, PhonesOffHour};
use hearth_core::practices::{PlanStep, plan_step, score_self_check};
use hearth_core::ritual::Practice;
use hearth_core::{EntryKind, EntryQuery, NewEntry};

use crate::dto::practices as wire;
use crate::settings;
use crate::{ApiError, ApiErrorKind, Hearth};

mod phones_off_and_plan;

/// Where the couple's own decks live, inside the data folder.
pub const USER_DECKS_DIR: &str = "decks";
/// Weeks of phones-off history shown.
pub const PHONES_OFF_WEEKS: u32 = 8;
/// How many read-note ids are remembered.
const NOTES_READ_KEPT: usize = 500;
/// The tag that addresses an appreciation note to partner 1 or 2.
const NOTE_FOR_TAG: &str = "for-partner-";

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorKind::InvalidInput, message)
}

fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

fn day_text(date: chrono::NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

impl Hearth {
    /// What each practice is and why it may help, in content order.
    pub fn practice_guides(&self) -> Vec<wire::PracticeGuide> {
        self.content
            .practice_guides
            .iter()
            .map(wire::PracticeGuide::from)
            .collect()
    }

    fn guide(&self, practice: Practice) -> Option<wire::PracticeGuide> {
        self.content
            .practice_guides
            .iter()
            .find(|guide| guide.practice == practice)
            .map(wire::PracticeGuide::from)
    }

    /// Hearth's decks and the couple's own (read from the data folder on every call, so a new
    /// file shows up without a restart), plus the problems found in the couple's files.
    fn all_decks(&self) -> (Vec<Deck>, Vec<String>) {
        let dir = self.data_dir.join(USER_DECKS_DIR);
        let (mine, problems) = crate::content_bundle::user_decks(&dir, &self.content.decks);
        let mut decks = self.content.decks.clone();
        decks.extend(mine);
        (decks, problems.iter().map(ToString::to_string).collect())
    }

    fn deck(&self, deck_id: &str) -> Result<Deck, ApiError> {
        self.all_decks()
            .0
            .into_iter()
            .find(|deck| deck.id == deck_id)
            .ok_or_else(|| {
                ApiError::new(
                    ApiErrorKind::NotFound,
                    format!("no deck called {}", clip(deck_id)),
                )
            })
    }

    /// Every deck with where its round stands.
    pub fn decks(&self) -> Result<wire::Decks, ApiError> {
        let (decks, problems) = self.all_decks();
        let db = self.schedule_db()?;
        let mut summaries = Vec::with_capacity(decks.len());
        for deck in &decks {
            let seen = db.deck_seen(&deck.id)?;
            let favourites = db.favourites(&deck.id)?;
            let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            summaries.push(wire::DeckSummary {
                id: deck.id.clone(),
                name: deck.name.clone(),
                summary: deck.summary.clone(),
                why: deck.why.clone(),
                source: deck.source.clone(),
                evidence: deck.evidence.clone(),
                practice: deck.practice,
                opt_in: deck.opt_in,
                tender: deck.tender,
                safety_note: self.tender_note(deck),
                cards: count(deck.cards.len()),
                cards_per_level: deck::cards_per_level(deck).map(count).to_vec(),
                seen_in_round: count(deck::seen_in_round(deck, &seen)),
                favourites: count(
                    deck.cards
                        .iter()
                        .filter(|card| favourites.contains(&card.key))
                        .count(),
                ),
                user_made: deck.user_made,
            });
        }
        Ok(wire::Decks {
            decks: summaries,
            problems,
            user_decks_dir: self.data_dir.join(USER_DECKS_DIR).display().to_string(),
        })
    }

    /// Draws the next card of a deck: unseen this round, lighter cards first. Skipping is
    /// drawing again; the skipped card counts as seen.
    pub fn draw_card(&self, deck_id: &str) -> Result<wire::Card, ApiError> {
        self.draw_card_at(deck_id, None)
    }

    /// Draws the next card of a round at one level (1 light, 2 deeper, 3 deep), or of the whole
    /// deck lightest first (`None`). A round at a level ends when each of its cards has come up
    /// once; the next draw then starts a new round.
    pub fn draw_card_at(&self, deck_id: &str, level: Option<u8>) -> Result<wire::Card, ApiError> {
        if let Some(level) = level.filter(|level| !(1..=deck::LEVEL_MAX).contains(level)) {
            return Err(invalid(format!(
                "level: a round is 1 (light), 2 (deeper) or 3 (deep), not {level}"
            )));
        }
        let deck = self.deck(deck_id)?;
        let mut pick = [0_u8; 8];
        getrandom::fill(&mut pick).map_err(|_| ApiError::internal("random numbers"))?;
        let db = self.schedule_db()?;
        let seen = db.deck_seen(&deck.id)?;
        let drawn =
            deck::draw_within(&deck, &seen, level, u64::from_le_bytes(pick)).ok_or_else(|| {
                let cards = level.map_or("cards".to_owned(), |level| {
                    format!("{} cards", deck::level_name(level))
                });
                invalid(format!("the deck {} has no {cards}", clip(deck_id)))
            })?;
        db.mark_card_seen(&deck.id, &drawn.card.key, drawn.new_round)?;
        let (seen_before, total) = deck::round_progress(&deck, &seen, level);
        let seen_now = if drawn.new_round { 1 } else { seen_before + 1 };
        let favourite = db.favourites(&deck.id)?.contains(&drawn.card.key);
        Ok(card_wire(
            &deck,
            drawn.card,
            favourite,
            (seen_now, total),
            drawn.new_round,
        ))
    }

    /// The guided sessions for two, from content, in content order.
    pub fn guided_sessions(&self) -> Vec<wire::GuidedSession> {
        self.content.guided_sessions.clone()
    }

    /// The safety line shown with a tender deck's why.
    fn tender_note(&self, deck: &Deck) -> Option<String> {
        let safety = self.content.safety.as_ref().filter(|_| deck.tender)?;
        Some(safety.tender.clone())
    }

    /// Marks or unmarks a card of a deck as a favourite.
    pub fn set_favourite_card(
        &self,
        deck_id: &str,
        card_key: &str,
        favourite: bool,
        now: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        let deck = self.deck(deck_id)?;
        if !deck.cards.iter().any(|card| card.key == card_key) {
            return Err(ApiError::new(
                ApiErrorKind::NotFound,
                format!("no card {} in this deck", clip(card_key)),
            ));
        }
        self.schedule_db()?
            .set_favourite(&deck.id, card_key, favourite, now)?;
        Ok(())
    }

    /// A deck's favourite cards, most recently marked first.
    pub fn favourite_cards(&self, deck_id: &str) -> Result<Vec<wire::Card>, ApiError> {
        let deck = self.deck(deck_id)?;
        let db = self.schedule_db()?;
        let seen = deck::seen_in_round(&deck, &db.deck_seen(&deck.id)?);
        Ok(db
            .favourites(&deck.id)?
            .iter()
            .filter_map(|key| deck.cards.iter().find(|card| &card.key == key))
            .map(|card| card_wire(&deck, card, true, (seen, deck.cards.len()), false))
            .collect())
    }

    /// The check-in's scales and needs.
    pub fn check_in_form(&self) -> Result<wire::CheckInForm, ApiError> {
        let scale = |id: &str| {
            self.content
                .scales
                .iter()
                .find(|scale| scale.id == id)
                .map(|scale| wire::Scale {
                    id: scale.id.clone(),
                    question: scale.question.clone(),
                    labels: scale.labels.clone(),
                })
                .ok_or_else(|| {
                    ApiError::new(
                        ApiErrorKind::Internal,
                        format!("the check-in's {id} scale is missing from Hearth's content"),
                    )
                })
        };
        Ok(wire::CheckInForm {
            mood: scale("mood")?,
            closeness: scale("closeness")?,
            needs: self
                .content
                .check_in_needs
                .iter()
                .map(|need| wire::CheckInNeed {
                    id: need.id.clone(),
                    label: need.label.clone(),
                })
                .collect(),
        })
    }

    /// Saves a check-in: one `check_in` entry per partner, both or neither.
    pub fn save_check_in(
        &self,
        answers: Vec<wire::CheckInAnswer>,
        now: DateTime<Utc>,
    ) -> Result<Vec<crate::dto::Entry>, ApiError> {
        if answers.is_empty() || answers.len() > 2 {
            return Err(invalid(
                "answers: a check-in has one or two partners' answers",
            ));
        }
        let form = self.check_in_form()?;
        let entries = answers
            .into_iter()
            .map(|answer| check_in_entry(&form, answer))
            .collect::<Result<Vec<_>, _>>()?;
        self.journal
            .with_journal(now, |journal| journal.add_all(entries, now))
    }

    /// The weekly self-check's statements.
    pub fn self_check_questions(&self) -> Vec<wire::SelfCheckQuestion> {
        self.content
            .self_check_questions
            .iter()
            .map(|question| wire::SelfCheckQuestion {
                id: question.id.clone(),
                area: question.area.clone(),
                statement: question.statement.clone(),
                suggestion: question.suggestion,
            })
            .collect()
    }

    /// Scores a self-check, saves it to the journal as a `self_check` entry and returns the
    /// score with suggestions for the areas that scored low.
    pub fn save_self_check(
        &self,
        answer: wire::SelfCheckAnswer,
        now: DateTime<Utc>,
    ) -> Result<wire::SelfCheckResult, ApiError> {
        let questions = &self.content.self_check_questions;
        let score =
            score_self_check(questions, &answer.answers).map_err(|e| invalid(e.to_string()))?;
        let mut text = format!("Weekly self-check: {} of 100\n", score.percent);
        for question in questions {
            let value = answer.answers.get(&question.id).copied().unwrap_or(0);
            text.push_str(&format!("\n{}: {value}/5", question.area));
        }
        if !answer.note.trim().is_empty() {
            text.push_str("\n\n");
            text.push_str(answer.note.trim());
        }
        let low_areas: Vec<String> = questions
            .iter()
            .filter(|question| score.low.contains(&question.id))
            .map(|question| question.area.clone())
            .collect();
        let entry = NewEntry {
            text,
            kind: EntryKind::SelfCheck,
            author: answer.author,
            mood: None,
            closeness: None,
            tags: Vec::new(),
            occurrence: None,
            score: Some(score.percent),
        };
        let saved = self
            .journal
            .with_journal(now, |journal| journal.add(entry, now))?;
        Ok(wire::SelfCheckResult {
            entry_id: saved.id,
            percent: score.percent,
            low_areas,
            suggestions: score
                .suggestions
                .iter()
                .filter_map(|practice| self.guide(*practice))
                .collect(),
        })
    }

    /// Self-check scores, oldest first, with the week each falls in (weeks start on Monday in
    /// `zone`). Needs the journal open.
    pub fn self_check_trend(
        &self,
        now: DateTime<Utc>,
        zone: Tz,
    ) -> Result<Vec<wire::SelfCheckPoint>, ApiError> {
        let query = EntryQuery {
            kind: Some(EntryKind::SelfCheck),
            limit: 200,
            ..EntryQuery::default()
        };
        let entries = self
            .journal
            .with_journal(now, |journal| journal.find(&query))?;
        let mut points: Vec<wire::SelfCheckPoint> = entries
            .into_iter()
            .filter_map(|entry| {
                let at = DateTime::parse_from_rfc3339(&entry.created_at).ok()?;
                let week = phones_off::monday_of(at.with_timezone(&zone).date_naive());
                Some(wire::SelfCheckPoint {
                    at: entry.created_at,
                    week_of: day_text(week),
                    author: entry.author,
                    percent: entry.score?,
                })
            })
            .collect();
        points.reverse();
        Ok(points)
    }

    /// Leaves an appreciation note for partner `to` (1 or 2), seen the next time they open
    /// Hearth.
    pub fn leave_note(
        &self,
        from: String,
        to: u8,
        text: String,
        now: DateTime<Utc>,
    ) -> Result<crate::dto::Entry, ApiError> {
        if !(1..=2).contains(&to) {
            return Err(invalid(format!(
                "to: a note is for partner 1 or 2, not {to}"
            )));
        }
        let entry = NewEntry {
            text,
            kind: EntryKind::Appreciation,
            author: from,
            mood: None,
            closeness: None,
            tags: vec![format!("{NOTE_FOR_TAG}{to}")],
            occurrence: None,
            score: None,
        };
        self.journal
            .with_journal(now, |journal| journal.add(entry, now))
    }

    /// Appreciation notes not yet read by the partner they are for, oldest first. Needs the
    /// journal open; the notes' text stays out of this list.
    pub fn waiting_notes(&self, now: DateTime<Utc>) -> Result<Vec<wire::WaitingNote>, ApiError> {
        self.journal.with_journal(now, |journal| {
            let partners = journal.partners()?.map(|p| p.names).unwrap_or_default();
            let read = settings::NOTES_READ
                .get(journal.settings_table())?
                .unwrap_or_default();
            let query = EntryQuery {
                kind: Some(EntryKind::Appreciation),
                limit: 100,
                ..EntryQuery::default()
            };
            let mut waiting: Vec<wire::WaitingNote> = journal
                .find(&query)?
                .into_iter()
                .filter(|entry| !read.contains(&entry.id))
                .filter_map(|entry| {
                    let to = entry
                        .tags
                        .iter()
                        .find_map(|tag| tag.strip_prefix(NOTE_FOR_TAG)?.parse::<usize>().ok())?;
                    Some(wire::WaitingNote {
                        entry_id: entry.id,
                        to: partners.get(to.checked_sub(1)?)?.clone(),
                        from: entry.author,
                        created_at: entry.created_at,
                    })
                })
                .collect();
            waiting.reverse();
            Ok(waiting)
        })
    }

    /// Opens a waiting note: returns it and remembers it as read.
    pub fn read_note(
        &self,
        entry_id: &str,
        now: DateTime<Utc>,
    ) -> Result<crate::dto::Entry, ApiError> {
        self.journal.with_journal(now, |journal| {
            let entry = journal.entry(entry_id)?;
            if entry.kind != crate::dto::EntryKind::Appreciation {
                return Err(invalid("this entry is not an appreciation note"));
            }
            let mut read = settings::NOTES_READ
                .get(journal.settings_table())?
                .unwrap_or_default();
            if !read.contains(&entry.id) {
                read.push(entry.id.clone());
            }
            let skip = read.len().saturating_sub(NOTES_READ_KEPT);
            settings::NOTES_READ.set(journal.settings_table(), Some(&read[skip..].to_vec()))?;
            Ok(entry)
        })
    }

    /// How Hearth looks and sounds.
    pub fn display_preferences(&self) -> Result<wire::DisplayPreferences, ApiError> {
        Ok(settings::DISPLAY
            .get(&*self.schedule_db()?)?
            .unwrap_or(wire::DisplayPreferences {
                theme: wire::Theme::System,
                reduce_motion: false,
                sound: false,
            }))
    }

    pub fn set_display_preferences(
        &self,
        preferences: wire::DisplayPreferences,
    ) -> Result<wire::DisplayPreferences, ApiError> {
        settings::DISPLAY.set(&*self.schedule_db()?, Some(&preferences))?;
        Ok(preferences)
    }

    /// The couple's own breathing rhythm, if they made one.
    pub fn custom_breathing(&self) -> Result<Option<wire::CustomBreathing>, ApiError> {
        settings::CUSTOM_BREATHING.get(&*self.schedule_db()?)
    }

    pub(crate) fn save_custom_breathing(
        &self,
        custom: wire::CustomBreathing,
    ) -> Result<(), ApiError> {
        settings::CUSTOM_BREATHING.set(&*self.schedule_db()?, Some(&custom))?;
        Ok(())
    }
}

/// A card as the UI sees it; `round` is (cards seen this round, this one included, cards in
/// the round).
fn card_wire(
    deck: &Deck,
    card: &deck::Card,
    favourite: bool,
    round: (usize, usize),
    new_round: bool,
) -> wire::Card {
    wire::Card {
        deck_id: deck.id.clone(),
        key: card.key.clone(),
        text: card.text.clone(),
        level: card.level,
        topic: card.topic,
        favourite,
        seen_in_round: u32::try_from(round.0).unwrap_or(u32::MAX),
        total: u32::try_from(round.1).unwrap_or(u32::MAX),
        new_round,
    }
}

fn run_wire(hour: &PhonesOffHour) -> wire::PhonesOffRun {
    wire::PhonesOffRun {
        started_at_ms: hour.started_at.timestamp_millis(),
        ends_at_ms: hour.ends_at().timestamp_millis(),
        minutes: hour.minutes,
    }
}

/// One partner's check-in answers as the entry they become: the scales in words, the need, the
/// note.
pub(crate) fn check_in_entry(
    form: &wire::CheckInForm,
    answer: wire::CheckInAnswer,
) -> Result<NewEntry, ApiError> {
    let label = |scale: &wire::Scale, value: u8| {
        usize::from(value)
            .checked_sub(1)
            .and_then(|index| scale.labels.get(index))
            .cloned()
            .ok_or_else(|| {
                invalid(format!(
                    "{}: must be between 1 and 5, not {value}",
                    scale.id
                ))
            })
    };
    let mut text = format!(
        "Mood: {} ({}/5)\nCloseness: {} ({}/5)",
        label(&form.mood, answer.mood)?,
        answer.mood,
        label(&form.closeness, answer.closeness)?,
        answer.closeness
    );
    if let Some(need) = &answer.need {
        let need = form
            .needs
            .iter()
            .find(|candidate| &candidate.id == need)
            .ok_or_else(|| invalid(format!("need: {} is not one of the needs", clip(need))))?;
        text.push_str(&format!("\nWhat would help: {}", need.label));
    }
    if !answer.note.trim().is_empty() {
        text.push_str("\n\n");
        text.push_str(answer.note.trim());
    }
    Ok(NewEntry {
        text,
        kind: EntryKind::CheckIn,
        author: answer.author,
        mood: Some(answer.mood),
        closeness: Some(answer.closeness),
        tags: Vec::new(),
        occurrence: None,
        score: None,
    })
}
