//! Backups, restore, export and import of the journal.
//!
//! A backup is one file: a first line naming the format, a second line holding the journal's
//! key file (public values only), then an encrypted copy of the database made with `VACUUM
//! INTO`. It opens with the passphrase that was current when it was made, or with today's
//! passphrase for the same journal. Every file is written to a temporary name, synced and then
//! renamed, so a crash leaves the old file or the new one, never half of one.

use std::io::{BufRead as _, Read as _, Write as _};
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use hearth_core::{Entry, EntryKind, EntryQuery, NewEntry};
use hearth_store::{DataKey, JournalDb, KeyError, KeyHeader};
use serde::{Deserialize, Serialize};

use crate::journal::{Journal, Passphrase, files, storage};
use crate::{ApiError, ApiErrorKind};

const BACKUP_MAGIC: &str = "HEARTH-JOURNAL-BACKUP 1";
const EXPORT_FORMAT: &str = "hearth-journal-export";
const EXPORT_VERSION: u32 = 1;
/// Imports larger than this are refused before reading (about a million typical entries).
const IMPORT_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// Plain formats for an unencrypted export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlainFormat {
    Markdown,
    Json,
}

/// One entry in a JSON export (and in `hearth-cli --json` output): snake_case fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedEntry {
    pub id: String,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub author: String,
    pub kind: String,
    pub mood: Option<u8>,
    pub closeness: Option<u8>,
    pub tags: Vec<String>,
    pub occurrence: Option<String>,
    pub text: String,
    /// Only self-checks have a score; older exports have no such field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportFile {
    format: String,
    version: u32,
    entries: Vec<ExportedEntry>,
}

fn time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl From<&Entry> for ExportedEntry {
    fn from(entry: &Entry) -> Self {
        Self {
            id: entry.id.clone(),
            created_at: time(entry.created_at),
            edited_at: entry.edited_at.map(time),
            author: entry.body.author.clone(),
            kind: entry.body.kind.as_str().to_owned(),
            mood: entry.body.mood,
            closeness: entry.body.closeness,
            tags: entry.body.tags.clone(),
            occurrence: entry.body.occurrence.clone(),
            text: entry.body.text.clone(),
            score: entry.body.score,
        }
    }
}

impl ExportedEntry {
    /// Back to a domain entry, applying every rule a new entry must keep.
    fn into_entry(self, index: usize) -> Result<Entry, ApiError> {
        let invalid = |problem: String| {
            ApiError::new(
                ApiErrorKind::InvalidInput,
                format!("entry {}: {problem}", index + 1),
            )
        };
        let parse_time = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .map(|at| at.with_timezone(&Utc))
                .map_err(|_| invalid(format!("\"{}\" is not an RFC 3339 time", clip(text))))
        };
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !id_ok {
            return Err(invalid(
                "the id must be 1 to 64 letters, digits, - or _".into(),
            ));
        }
        let kind = EntryKind::parse(&self.kind)
            .ok_or_else(|| invalid(format!("\"{}\" is not an entry kind", clip(&self.kind))))?;
        let body = NewEntry {
            text: self.text,
            kind,
            author: self.author,
            mood: self.mood,
            closeness: self.closeness,
            tags: self.tags,
            occurrence: self.occurrence,
            score: self.score,
        }
        .validated()
        .map_err(|error| invalid(error.to_string()))?;
        Ok(Entry {
            id: self.id,
            created_at: parse_time(&self.created_at)?,
            edited_at: self.edited_at.as_deref().map(parse_time).transpose()?,
            body,
        })
    }
}

/// A short, safe echo of user-supplied text for error messages.
fn clip(text: &str) -> String {
    text.chars().take(40).collect()
}

/// What a backup or restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub entries: i64,
    pub path: PathBuf,
    /// For a restore: where the journal it replaced was kept, if there was one.
    pub previous_kept_at: Option<PathBuf>,
}

/// Writes `bytes` to `path` atomically: temporary file beside it, fsync, rename, fsync folder.
pub(crate) fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>,
) -> Result<(), ApiError> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        write(&mut file)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        #[cfg(unix)]
        std::fs::File::open(&dir)?.sync_all()?;
        Ok::<(), std::io::Error>(())
    })();
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(ApiError::new(
            ApiErrorKind::Storage,
            format!("{} was not saved: {error}", path.display()),
        ));
    }
    Ok(())
}

fn refuse_existing(path: &Path) -> Result<(), ApiError> {
    if path.exists() {
        return Err(ApiError::new(
            ApiErrorKind::InvalidInput,
            format!("{} already exists; choose a new file name", path.display()),
        ));
    }
    Ok(())
}

impl Journal {
    /// Writes a verified, encrypted backup to `out`.
    pub fn backup(&self, out: &Path) -> Result<BackupReport, ApiError> {
        refuse_existing(out)?;
        let dir = out
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let copy = dir.join(format!(".hearth-backup-{}.db.tmp", std::process::id()));
        let _ = std::fs::remove_file(&copy);
        let result = self.backup_via(&copy, out);
        let _ = std::fs::remove_file(&copy);
        result
    }

    fn backup_via(&self, copy: &Path, out: &Path) -> Result<BackupReport, ApiError> {
        self.db.vacuum_into(copy)?;
        let entries = verify_copy(copy, &self.key, Some(self.db.count()?))?;
        let header = serde_json::to_string(&self.current_header()).map_err(storage)?;
        let mut db = std::fs::File::open(copy).map_err(storage)?;
        write_atomically(out, |file| {
            file.write_all(BACKUP_MAGIC.as_bytes())?;
            file.write_all(b"\n")?;
            file.write_all(header.as_bytes())?;
            file.write_all(b"\n")?;
            std::io::copy(&mut db, file)?;
            Ok(())
        })?;
        Ok(BackupReport {
            entries,
            path: out.to_owned(),
            previous_kept_at: None,
        })
    }

    /// Writes every entry, oldest first, unencrypted. Callers must have warned the user.
    pub fn export_plain(&self, out: &Path, format: PlainFormat) -> Result<usize, ApiError> {
        refuse_existing(out)?;
        let mut entries = self.db.find(&EntryQuery {
            limit: u32::MAX,
            ..EntryQuery::default()
        })?;
        entries.reverse();
        let text = match format {
            PlainFormat::Json => {
                let file = ExportFile {
                    format: EXPORT_FORMAT.to_owned(),
                    version: EXPORT_VERSION,
                    entries: entries.iter().map(ExportedEntry::from).collect(),
                };
                serde_json::to_string_pretty(&file).map_err(storage)? + "\n"
            }
            PlainFormat::Markdown => markdown(&entries),
        };
        write_atomically(out, |file| file.write_all(text.as_bytes()))?;
        Ok(entries.len())
    }

    /// Adds the entries of one of our JSON exports. All entries are checked first and written
    /// in one transaction, so a bad file changes nothing. Returns (added, already present).
    pub fn import_json(&mut self, path: &Path) -> Result<(usize, usize), ApiError> {
        let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
        let size = std::fs::metadata(path)
            .map_err(|error| invalid(format!("could not read {}: {error}", path.display())))?
            .len();
        if size > IMPORT_MAX_BYTES {
            return Err(invalid(format!(
                "{} is too large to import ({size} bytes)",
                path.display()
            )));
        }
        let bytes = std::fs::read(path)
            .map_err(|error| invalid(format!("could not read {}: {error}", path.display())))?;
        let file: ExportFile = serde_json::from_slice(&bytes).map_err(|error| {
            invalid(format!(
                "{} is not a Hearth JSON export (line {}, column {}: {})",
                path.display(),
                error.line(),
                error.column(),
                error.classify_message()
            ))
        })?;
        if file.format != EXPORT_FORMAT || file.version != EXPORT_VERSION {
            return Err(invalid(format!(
                "{} is not a version {EXPORT_VERSION} Hearth export",
                path.display()
            )));
        }
        let entries = file
            .entries
            .into_iter()
            .enumerate()
            .map(|(index, entry)| entry.into_entry(index))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(self.db.insert_existing(&entries)?)
    }
}

trait ClassifyMessage {
    fn classify_message(&self) -> &'static str;
}

impl ClassifyMessage for serde_json::Error {
    fn classify_message(&self) -> &'static str {
        match self.classify() {
            serde_json::error::Category::Io => "could not be read",
            serde_json::error::Category::Syntax => "not valid JSON",
            serde_json::error::Category::Data => "a field is missing, unknown or of the wrong type",
            serde_json::error::Category::Eof => "the file ends too early",
        }
    }
}

fn markdown(entries: &[Entry]) -> String {
    let mut text = String::from("# Our Hearth journal\n");
    for entry in entries {
        let body = &entry.body;
        text.push_str(&format!(
            "\n## {} · {} · {}\n\n",
            entry.created_at.format("%Y-%m-%d %H:%M UTC"),
            body.author,
            body.kind.as_str().replace('_', " ")
        ));
        if let Some(mood) = body.mood {
            text.push_str(&format!("Mood {mood}/5. "));
        }
        if let Some(closeness) = body.closeness {
            text.push_str(&format!("Closeness {closeness}/5. "));
        }
        if !body.tags.is_empty() {
            text.push_str(&format!("Tags: {}.", body.tags.join(", ")));
        }
        if body.mood.is_some() || body.closeness.is_some() || !body.tags.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(body.text.trim_end());
        text.push('\n');
    }
    text
}

/// Opens a copy with the key, runs both integrity checks, and compares the entry count.
fn verify_copy(copy: &Path, key: &DataKey, expected: Option<i64>) -> Result<i64, ApiError> {
    let db = JournalDb::open(copy, key, false)?;
    let problems = db.verify()?;
    if !problems.is_empty() {
        return Err(ApiError::new(
            ApiErrorKind::Storage,
            format!(
                "the copy failed its integrity checks ({} problems); nothing was replaced",
                problems.len()
            ),
        ));
    }
    let count = db.count()?;
    if let Some(expected) = expected
        && count != expected
    {
        return Err(ApiError::new(
            ApiErrorKind::Storage,
            format!("the copy holds {count} entries instead of {expected}; nothing was replaced"),
        ));
    }
    Ok(count)
}

/// Reads a backup file's header and the offset where its database starts.
fn read_backup(path: &Path) -> Result<(KeyHeader, u64), ApiError> {
    let invalid = |problem: String| ApiError::new(ApiErrorKind::InvalidInput, problem);
    let file = std::fs::File::open(path)
        .map_err(|error| invalid(format!("could not read {}: {error}", path.display())))?;
    let mut reader = std::io::BufReader::new(file).take(70_000);
    let mut magic = String::new();
    let mut header = String::new();
    reader.read_line(&mut magic).map_err(storage)?;
    reader.read_line(&mut header).map_err(storage)?;
    if magic.trim_end() != BACKUP_MAGIC || !header.ends_with('\n') {
        return Err(invalid(format!(
            "{} is not a Hearth journal backup",
            path.display()
        )));
    }
    let parsed: KeyHeader = serde_json::from_str(header.trim_end()).map_err(|_| {
        invalid(format!(
            "{} is a damaged Hearth journal backup",
            path.display()
        ))
    })?;
    Ok((parsed, (magic.len() + header.len()) as u64))
}

/// Replaces the journal in `data_dir` with a backup, after checking it opens and is healthy.
/// The journal it replaces is kept beside it (`journal.sqlite3.before-restore-<time>`).
pub fn restore_journal(
    data_dir: &Path,
    backup: &Path,
    passphrase: &Passphrase,
    now: DateTime<Utc>,
) -> Result<BackupReport, ApiError> {
    let (backup_header, offset) = read_backup(backup)?;
    let paths = files(data_dir);
    let current = if paths.key.exists() {
        Some(KeyHeader::read(&paths.key)?)
    } else {
        None
    };
    // The passphrase may be the one from the day of the backup, or today's for this journal.
    let key = match backup_header.unlock_with_passphrase(passphrase.bytes()) {
        Ok(key) => key,
        Err(KeyError::WrongPassphrase) => match &current {
            Some(current) if current.journal_id() == backup_header.journal_id() => {
                current.unlock_with_passphrase(passphrase.bytes())?
            }
            _ => return Err(KeyError::WrongPassphrase.into()),
        },
        Err(error) => return Err(error.into()),
    };

    std::fs::create_dir_all(data_dir).map_err(storage)?;
    let staged = data_dir.join(format!(".journal-restore-{}.tmp", std::process::id()));
    let _ = std::fs::remove_file(&staged);
    let result = (|| {
        let mut source = std::fs::File::open(backup).map_err(storage)?;
        std::io::Seek::seek(&mut source, std::io::SeekFrom::Start(offset)).map_err(storage)?;
        write_atomically(&staged, |file| std::io::copy(&mut source, file).map(|_| ()))?;
        let entries = verify_copy(&staged, &key, None)?;

        // Keep what is being replaced: the database with its WAL, and the key file if the
        // backup belongs to another journal.
        let stamp = now.format("%Y%m%dT%H%M%SZ");
        let mut kept = None;
        if paths.db.exists() {
            let aside = data_dir.join(format!("journal.sqlite3.before-restore-{stamp}"));
            for suffix in ["", "-wal", "-shm"] {
                let from = PathBuf::from(format!("{}{suffix}", paths.db.display()));
                if from.exists() {
                    std::fs::rename(&from, format!("{}{suffix}", aside.display()))
                        .map_err(storage)?;
                }
            }
            kept = Some(aside);
        }
        let same_journal = current
            .as_ref()
            .is_some_and(|c| c.journal_id() == backup_header.journal_id());
        if !same_journal {
            if paths.key.exists() {
                let aside = data_dir.join(format!("journal.key.before-restore-{stamp}"));
                std::fs::rename(&paths.key, aside).map_err(storage)?;
            }
            backup_header.write_atomically(&paths.key)?;
        }
        std::fs::rename(&staged, &paths.db).map_err(storage)?;
        #[cfg(unix)]
        std::fs::File::open(data_dir)
            .and_then(|dir| dir.sync_all())
            .map_err(storage)?;
        Ok(BackupReport {
            entries,
            path: paths.db.clone(),
            previous_kept_at: kept,
        })
    })();
    let _ = std::fs::remove_file(&staged);
    result
}

/// Folder (inside the data folder) for automatic backups.
pub const BACKUP_DIR: &str = "backups";
const AUTO_PREFIX: &str = "journal-";
const AUTO_SUFFIX: &str = ".hearth-backup";
const AUTO_STAMP: &str = "%Y%m%dT%H%M%SZ";

/// The automatic backups in `dir`, with the times in their names. Other files are ignored.
fn automatic_backups(dir: &Path) -> Vec<(PathBuf, DateTime<Utc>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let stamp = name.strip_prefix(AUTO_PREFIX)?.strip_suffix(AUTO_SUFFIX)?;
            let at = chrono::NaiveDateTime::parse_from_str(stamp, AUTO_STAMP)
                .ok()?
                .and_utc();
            Some((entry.path(), at))
        })
        .collect()
}

/// The backups in the data folder's backups folder, newest first.
pub fn list_backups(data_dir: &Path) -> Vec<crate::dto::BackupInfo> {
    let mut all = automatic_backups(&data_dir.join(BACKUP_DIR));
    all.sort_by_key(|(_, at)| std::cmp::Reverse(*at));
    all.into_iter()
        .filter_map(|(path, at)| {
            Some(crate::dto::BackupInfo {
                name: path.file_name()?.to_string_lossy().into_owned(),
                created_at: at.to_rfc3339_opts(SecondsFormat::Secs, true),
                bytes: std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            })
        })
        .collect()
}

/// The path of the backup called `name` in the backups folder. Only names Hearth gives its
/// backups are accepted, so the UI can never point a restore elsewhere.
pub fn backup_path(data_dir: &Path, name: &str) -> Result<PathBuf, ApiError> {
    let valid = name
        .strip_prefix(AUTO_PREFIX)
        .and_then(|rest| rest.strip_suffix(AUTO_SUFFIX))
        .is_some_and(|stamp| chrono::NaiveDateTime::parse_from_str(stamp, AUTO_STAMP).is_ok());
    let path = data_dir.join(BACKUP_DIR).join(name);
    if !valid || !path.is_file() {
        let shown: String = name.chars().take(60).collect();
        return Err(ApiError::new(
            ApiErrorKind::NotFound,
            format!("there is no backup called {shown} in the backups folder"),
        ));
    }
    Ok(path)
}

impl Journal {
    /// Makes the daily automatic backup if one is due, then removes old automatic backups
    /// beyond seven daily and four weekly ones. Returns the report when a backup was made.
    pub fn automatic_backup(
        &self,
        data_dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<Option<BackupReport>, ApiError> {
        let existing = automatic_backups(&data_dir.join(BACKUP_DIR));
        let newest = existing.iter().map(|(_, at)| *at).max();
        if !hearth_core::backup_policy::backup_due(newest, now) {
            return Ok(None);
        }
        self.backup_now(data_dir, now).map(Some)
    }

    /// Makes a backup in the backups folder now (named like the automatic ones and kept by the
    /// same rule), then removes old ones beyond seven daily and four weekly.
    pub fn backup_now(
        &self,
        data_dir: &Path,
        now: DateTime<Utc>,
    ) -> Result<BackupReport, ApiError> {
        let dir = data_dir.join(BACKUP_DIR);
        std::fs::create_dir_all(&dir).map_err(storage)?;
        let name = format!("{AUTO_PREFIX}{}{AUTO_SUFFIX}", now.format(AUTO_STAMP));
        let report = self.backup(&dir.join(name))?;
        let mut all = automatic_backups(&dir);
        all.sort_by_key(|(_, at)| *at);
        let times: Vec<DateTime<Utc>> = all.iter().map(|(_, at)| *at).collect();
        for index in hearth_core::backup_policy::backups_to_remove(&times) {
            if let Err(error) = std::fs::remove_file(&all[index].0) {
                tracing::warn!(%error, "could not remove an old automatic backup");
            }
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::{KdfStrength, init_journal};
    use chrono::TimeZone;
    use zeroize::Zeroizing;

    fn at(day: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 26, 21, 0, 0).unwrap() + chrono::Duration::days(day)
    }

    #[test]
    fn automatic_backups_come_daily_and_are_pruned_to_seven_days_and_four_weeks() {
        let dir = tempfile::tempdir().unwrap();
        let passphrase = Passphrase::new(Zeroizing::new("correct horse battery".into()));
        init_journal(dir.path(), &passphrase, KdfStrength::Floor).unwrap();
        let mut journal = Journal::unlock(dir.path(), &passphrase).unwrap();
        let entry = hearth_core::NewEntry {
            text: "kept safe".into(),
            kind: EntryKind::Note,
            author: "Sam".into(),
            mood: None,
            closeness: None,
            tags: vec![],
            occurrence: None,
            score: None,
        };
        journal.add(entry, at(0)).unwrap();

        assert!(
            journal
                .automatic_backup(dir.path(), at(0))
                .unwrap()
                .is_some()
        );
        assert!(
            journal
                .automatic_backup(dir.path(), at(0) + chrono::Duration::hours(23))
                .unwrap()
                .is_none()
        );
        // A stranger's file in the folder is never touched.
        let stranger = dir.path().join(BACKUP_DIR).join("notes.txt");
        std::fs::write(&stranger, "mine").unwrap();
        for day in 1..60 {
            assert!(
                journal
                    .automatic_backup(dir.path(), at(day))
                    .unwrap()
                    .is_some(),
                "day {day}"
            );
        }
        assert_eq!(automatic_backups(&dir.path().join(BACKUP_DIR)).len(), 11);
        assert!(stranger.exists());

        // The newest backup restores.
        drop(journal);
        let newest = automatic_backups(&dir.path().join(BACKUP_DIR))
            .into_iter()
            .max_by_key(|(_, at)| *at)
            .unwrap();
        let report = restore_journal(dir.path(), &newest.0, &passphrase, at(61)).unwrap();
        assert_eq!(report.entries, 1);
    }
}
