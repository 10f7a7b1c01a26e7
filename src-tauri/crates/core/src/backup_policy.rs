//! Which automatic backups to keep: the newest of each of the last seven days that have one,
//! plus the newest of each of the four weeks before those. Everything else may go.

use std::collections::HashSet;

use chrono::{DateTime, Datelike, Duration, Utc};

pub const DAILY_KEPT: usize = 7;
pub const WEEKLY_KEPT: usize = 4;

/// How often an automatic backup is made.
pub fn backup_interval() -> Duration {
    Duration::hours(24)
}

/// Whether a new automatic backup is due. A newest backup dated in the future (the clock was
/// set back) does not make one due, so a wrong clock cannot cause a backup on every unlock.
pub fn backup_due(newest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    newest.is_none_or(|newest| newest <= now && now - newest >= backup_interval())
}

/// The positions in `times` of the backups to remove.
pub fn backups_to_remove(times: &[DateTime<Utc>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..times.len()).collect();
    order.sort_by(|&a, &b| times[b].cmp(&times[a]));
    let mut days = HashSet::new();
    let mut weeks_with_daily = HashSet::new();
    let mut weekly = HashSet::new();
    let mut remove = Vec::new();
    for index in order {
        let at = times[index];
        let day = at.date_naive();
        let week = (at.iso_week().year(), at.iso_week().week());
        let keep = if days.contains(&day) {
            false // an older backup of a day already kept
        } else if days.len() < DAILY_KEPT {
            days.insert(day);
            weeks_with_daily.insert(week);
            true
        } else {
            weekly.len() < WEEKLY_KEPT && !weeks_with_daily.contains(&week) && weekly.insert(week)
        };
        if !keep {
            remove.push(index);
        }
    }
    remove.sort_unstable();
    remove
}

#[cfg(test)]
mod tests;
