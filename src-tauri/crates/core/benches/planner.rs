//! Planner benchmark (budget 1 ms): planning the next wake-up over 500 rituals of
//! mixed rules, with a ledger of a day's reminders. Prints percentiles against the 1 ms budget.
//! Run with `make bench-planner`.
#![allow(clippy::unwrap_used, clippy::print_stdout)]

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use chrono::{NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use hearth_core::planner::{DEFAULT_GRACE, PlanInput, plan};
use hearth_core::recurrence::Rule;
use hearth_core::ritual::{Ritual, Schedule, Zone};

const RULES: [&str; 6] = [
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=SU",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH",
    "FREQ=MONTHLY;BYDAY=2SU",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=DAILY;COUNT=2000",
];

fn main() {
    let zone: Tz = "Europe/Berlin".parse().unwrap();
    let rituals: Vec<Ritual> = (0..500)
        .map(|i| Ritual {
            id: format!("r{i}"),
            title: format!("Ritual {i}"),
            practice: None,
            schedule: Schedule::Rule(Rule::parse(RULES[i % RULES.len()]).unwrap()),
            start: NaiveDateTime::parse_from_str(
                &format!(
                    "2024-01-{:02}T{:02}:{:02}",
                    1 + i % 28,
                    6 + i % 16,
                    (i * 7) % 60
                ),
                "%Y-%m-%dT%H:%M",
            )
            .unwrap(),
            zone: Zone::Floating,
            duration_minutes: 30,
            reminders: if i % 3 == 0 { vec![0, 15] } else { vec![0] },
            except: vec![],
            paused_until: None,
            archived: false,
            reminders_from: Utc.with_ymd_and_hms(2024, 1, 1, 0, 0, 0).unwrap(),
        })
        .map(Ritual::prepared)
        .collect();
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
    // The ledger as it would be: everything due in the last day already sent.
    let first = plan(&PlanInput {
        rituals: &rituals,
        now,
        local_zone: zone,
        grace: DEFAULT_GRACE,
        quiet: None,
        paused_until: None,
        sent: &HashSet::new(),
        status: &HashMap::new(),
        week_done: &HashMap::new(),
    });
    let sent: HashSet<_> = first
        .on_time
        .iter()
        .chain(&first.late)
        .map(|r| r.key.clone())
        .collect();
    let (status, week_done) = (HashMap::new(), HashMap::new());
    let mut samples = Vec::new();
    for round in 0..300 {
        let at = now + chrono::Duration::seconds(round);
        let started = Instant::now();
        let planned = plan(&PlanInput {
            rituals: &rituals,
            now: at,
            local_zone: zone,
            grace: DEFAULT_GRACE,
            quiet: None,
            paused_until: None,
            sent: &sent,
            status: &status,
            week_done: &week_done,
        });
        samples.push(started.elapsed());
        assert!(planned.next_wake.is_some());
    }
    samples.sort();
    let pick = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
    let ms = |d: Duration| format!("{:.3} ms", d.as_secs_f64() * 1000.0);
    println!("figure                                  value      budget");
    println!(
        "plan 500 rituals (ledger of {}), p50     {:>9}",
        sent.len(),
        ms(pick(0.5))
    );
    println!(
        "plan 500 rituals, p95                   {:>9}   budget <= 1 ms",
        ms(pick(0.95))
    );
}
