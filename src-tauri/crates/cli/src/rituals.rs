//! `hearth-cli rituals`: the ritual calendar from the command line (the contract is in the
//! README). Works without the journal: nothing here needs the passphrase.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use hearth_app::dto::{OccurrenceAction, Practice, RitualInput, ScheduleInput};
use hearth_app::{Clock as _, Hearth, SystemClock, parse_date, wall_time_in, zone_name};

use crate::output::{self, Failure, terminal_safe};

#[derive(Subcommand)]
pub enum RitualsCommand {
    /// Add a ritual; prints its id.
    Add {
        #[arg(long)]
        title: String,
        /// An RFC 5545 rule, like FREQ=WEEKLY;BYDAY=SU (or TIMES_PER_WEEK=3;REMIND_ON=FR).
        #[arg(long)]
        rrule: String,
        /// Local wall time of the first occurrence: YYYY-MM-DDTHH:MM.
        #[arg(long)]
        start: String,
        /// Keep this IANA zone wherever the computer is (pinned).
        #[arg(long, conflicts_with = "floating")]
        tz: Option<String>,
        /// Follow the computer's zone (the default).
        #[arg(long)]
        floating: bool,
        #[arg(long, default_value_t = 30, value_name = "MINUTES")]
        duration: u32,
        /// walk_questions, nightly_reflection, phones_off_hour, three_good_things,
        /// breathing_together, eye_contact or check_in.
        #[arg(long, value_name = "ID")]
        practice: Option<String>,
        /// A reminder this many minutes before, as well as the one at the start (repeatable).
        #[arg(long = "remind-before", value_name = "MINUTES")]
        remind_before: Vec<u32>,
    },
    /// List rituals.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Write every ritual (or one) to an iCalendar file any calendar can import.
    ExportIcs {
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        #[arg(long, value_name = "ID")]
        id: Option<String>,
    },
    /// Add the repeating events of an iCalendar file as rituals; lists what was left out, and
    /// why, on stderr. A file that cannot be read changes nothing.
    ImportIcs { path: PathBuf },
    /// Mark one occurrence done or skipped, or clear its mark, as the reminder's buttons do
    /// (KEY as `occurrences --json` prints it).
    Mark {
        /// The ritual's id.
        #[arg(value_name = "ID")]
        ritual: String,
        /// The occurrence's key: its local start (2026-11-29T10:00), or its date for a ritual
        /// kept a number of times a week.
        #[arg(value_name = "KEY")]
        occurrence: String,
        #[arg(value_enum)]
        mark: Mark,
    },
    /// Occurrences on local dates FROM to TO (inclusive), sorted by start.
    Occurrences {
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: String,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: String,
        #[arg(long)]
        json: bool,
    },
}

/// What `rituals mark` records.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Mark {
    Done,
    Skipped,
    /// Forget what was recorded.
    Clear,
}

pub fn run(command: RitualsCommand, data_dir: &Path) -> Result<ExitCode, Failure> {
    let hearth = Hearth::open(data_dir)?;
    let zone = SystemClock.local_zone();
    match command {
        RitualsCommand::Add {
            title,
            rrule,
            start,
            tz,
            floating: _,
            duration,
            practice,
            remind_before,
        } => {
            let mut reminders = vec![0];
            reminders.extend(remind_before);
            let ritual = hearth.add_ritual(
                &RitualInput {
                    title,
                    practice: practice.as_deref().map(parse_practice).transpose()?,
                    schedule: ScheduleInput::Rule { rule: rrule },
                    start,
                    tz,
                    duration_minutes: duration,
                    reminders,
                    paused_until: None,
                },
                SystemClock.now(),
            )?;
            output::line(&ritual.id)?;
        }
        RitualsCommand::List { json } => {
            let rituals = hearth.rituals()?;
            if json {
                let list: Vec<serde_json::Value> = rituals
                    .iter()
                    .map(|r| {
                        serde_json::json!({
                            "id": r.id,
                            "title": r.title,
                            "rrule": r.schedule,
                            "start_local": format!("{}:00", r.start),
                            "tz": zone_name(r, zone),
                            "floating": r.tz.is_none(),
                            "duration_minutes": r.duration_minutes,
                            "practice": r.practice,
                            "reminders": r.reminders,
                            "archived": r.archived,
                        })
                    })
                    .collect();
                output::json(&list)?;
            } else if rituals.is_empty() {
                output::line("No rituals yet. Add one with: hearth-cli rituals add --help")?;
            } else {
                for r in rituals {
                    let zone_text = r.tz.clone().unwrap_or_else(|| "floating".to_owned());
                    let archived = if r.archived { "\tarchived" } else { "" };
                    output::line(&format!(
                        "{}\t{}\t{}\t{}\t{}{archived}",
                        r.id,
                        terminal_safe(&r.title, false),
                        r.schedule,
                        r.start,
                        zone_text
                    ))?;
                }
            }
        }
        RitualsCommand::ExportIcs { out, id } => {
            let count = hearth.export_ics_to(&out, id.as_deref(), SystemClock.now())?;
            let plural = if count == 1 { "" } else { "s" };
            output::note(&format!(
                "{count} ritual{plural} written to {}",
                out.display()
            ));
        }
        RitualsCommand::ImportIcs { path } => {
            let report = hearth.import_ics_from(&path, SystemClock.now())?;
            for ritual in &report.added {
                output::line(&format!(
                    "{}\t{}",
                    ritual.id,
                    terminal_safe(&ritual.title, false)
                ))?;
            }
            for reason in &report.left_out {
                output::note(&format!("left out {reason}"));
            }
            output::note(&format!(
                "{} added, {} left out",
                report.added.len(),
                report.left_out.len()
            ));
        }
        RitualsCommand::Mark {
            ritual,
            occurrence,
            mark,
        } => {
            // Only an occurrence the ritual has: a mistyped key is named, not recorded.
            let found = hearth.occurrence(&ritual, &occurrence, zone)?;
            let (action, word) = match mark {
                Mark::Done => (OccurrenceAction::Done, "done"),
                Mark::Skipped => (OccurrenceAction::Skip, "skipped"),
                Mark::Clear => (OccurrenceAction::Clear, "no mark"),
            };
            hearth.act_on_occurrence(&ritual, &found.key, action, SystemClock.now())?;
            output::line(&format!(
                "{} {}: {word}",
                terminal_safe(&found.title, false),
                found.key
            ))?;
        }
        RitualsCommand::Occurrences { from, to, json } => {
            let from = parse_date("from", &from)?;
            let to = parse_date("to", &to)?;
            let found = hearth.occurrences(from, to, zone)?;
            if json {
                let list: Vec<serde_json::Value> = found
                    .iter()
                    .map(|o| {
                        serde_json::json!({
                            "ritual_id": o.ritual_id,
                            "title": o.title,
                            "key": o.key,
                            "start_local": wall_time_in(&o.start, &o.tz),
                            "tz": o.tz,
                            "start_utc": o.start,
                            "end_utc": o.end,
                            "state": o.state,
                        })
                    })
                    .collect();
                output::json(&list)?;
            } else {
                for o in found {
                    output::line(&format!(
                        "{}\t{}\t{}\t{}",
                        o.start_local,
                        terminal_safe(&o.title, false),
                        o.tz,
                        o.ritual_id
                    ))?;
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A practice by its stable name, as `--practice` takes it.
fn parse_practice(name: &str) -> Result<Practice, hearth_app::ApiError> {
    hearth_app::parse_practice(name)
}
