//! Check-ins answered apart, revealed together: each partner answers on their own computer; the
//! answer travels sealed and opens on both computers only once both have answered (the sealing
//! and the release of keys are hearth-store's and hearth-sync's).

use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::dto::practices::CheckInAnswer;
use crate::dto::sync::{CheckInApart, RevealedCheckIn};
use crate::journal::Journal;
use crate::practices::check_in_entry;
use crate::{ApiError, Hearth};

/// How far back a revealed round is still shown.
const REVEALED_DAYS: u64 = 7;

impl Hearth {
    /// Where the check-in answered apart stands on `today` (the local date).
    pub fn check_in_apart(
        &self,
        journal: &Journal,
        today: NaiveDate,
    ) -> Result<CheckInApart, ApiError> {
        if self.calendar_side()?.is_none() {
            return Ok(CheckInApart::default());
        }
        let round = journal.db.check_in_round_for(today)?;
        let since = today
            .checked_sub_days(Days::new(REVEALED_DAYS))
            .unwrap_or(today);
        let rounds = journal.db.check_in_rounds(since)?;
        let current = rounds.iter().find(|found| found.round == round);
        let revealed = match rounds.iter().find(|found| found.revealed) {
            Some(found) => Some(RevealedCheckIn {
                round: found.round.clone(),
                entries: found
                    .entries
                    .iter()
                    .map(|id| journal.entry(id))
                    .collect::<Result<_, _>>()?,
            }),
            None => None,
        };
        Ok(CheckInApart {
            paired: true,
            answered: current.is_some_and(|found| found.mine),
            partner_answered: current.is_some_and(|found| found.partner),
            round: Some(round),
            revealed,
        })
    }

    /// Keeps this computer's answer, sealed until the partner has answered too, and sends it.
    pub fn check_in_send(
        &self,
        journal: &mut Journal,
        answer: CheckInAnswer,
        today: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<CheckInApart, ApiError> {
        if self.calendar_side()?.is_none() {
            return Err(super::not_paired());
        }
        let entry = check_in_entry(&self.check_in_form()?, answer)?;
        let round = journal.db.check_in_round_for(today)?;
        journal.db.check_in_answer(&round, entry, now)?;
        self.check_in_apart(journal, today)
    }
}
