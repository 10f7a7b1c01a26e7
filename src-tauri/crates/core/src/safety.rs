//! Where to turn: Hearth's safety statement and the domestic-abuse services it points to, from
//! content/. Phone numbers change, so every service carries the date it was last checked, and
//! the content is checked again before each release.

use chrono::NaiveDate;

/// The safety content: one statement, shown at first run, in About, beside the self-check's
/// counselling line and with the decks that can open old hurts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Safety {
    /// The calm statement in full: Hearth is for couples where both feel safe, and where to
    /// turn when someone is afraid, hurt, threatened or controlled.
    pub statement: String,
    /// The same in one or two sentences, for small places.
    pub short: String,
    /// The line added to the "why" of decks marked `tender`.
    pub tender: String,
    /// "If you are in danger now, call your local emergency number."
    pub emergency: String,
    /// How the details below were checked and when they are checked again.
    pub check_note: String,
    /// National services, for the languages Hearth ships, in content order.
    pub services: Vec<Service>,
    /// One international directory, for every other country.
    pub directory: Directory,
}

/// A national domestic-abuse service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub country: String,
    /// A part of the country it serves, when it does not serve all of it.
    pub region: Option<String>,
    /// The language it answers in, as a BCP 47 tag (`en`).
    pub language: String,
    pub name: String,
    /// How to reach it, in words: numbers to call or text, hours, cost.
    pub reach: String,
    /// Its website, `https://`.
    pub website: String,
    /// The country's emergency number, when the service names one.
    pub emergency: Option<String>,
    /// The day these details were last checked.
    pub checked: NaiveDate,
}

/// An international directory of services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directory {
    pub name: String,
    pub website: String,
    pub summary: String,
    pub checked: NaiveDate,
}
