//! The exchange folder two computers meet in, as files: Syncthing, a cloud drive or a USB stick
//! carries it; Hearth never talks to them.
//!
//! ```text
//! hearth-exchange.json          which couple, which format (a newer format is refused)
//! devices/<device id>/          one writer each: only that computer writes here
//!     calendar-<seq>.hseg       sealed segments, never changed once written
//!     notebook-<seq>.hseg
//!     invitation-<id>.json      while a pairing code is out
//!     join-<id>.json            a partner's answer to an invitation
//!     keys-<epoch>.json         new keys after someone left, sealed to each remaining device
//!     left.json                 a device that left
//! ```
//!
//! Readers take only the names they know and skip everything else: conflict copies
//! (`*.sync-conflict-*`, "conflicted copy"), partial and temporary files, `.stversions`,
//! `.stfolder`, anything a person left there. Every file is written under a temporary name,
//! synced and renamed, and read through a bound.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use hearth_sync::segment::{EXTENSION, FILE_MAX_BYTES, SegmentName};
use hearth_sync::{CoupleId, DeviceId};
use serde::{Deserialize, Serialize};

use crate::{StoreError, durable};

/// The file that marks a folder as a Hearth exchange.
pub const FORMAT_FILE: &str = "hearth-exchange.json";
const DEVICES: &str = "devices";
const FORMAT: u32 = 1;
/// The most small files (invitations, answers, keys) read.
const SMALL_FILE_MAX_BYTES: u64 = 64 * 1024;
/// The most devices and files looked at in one folder: more is not a Hearth exchange.
const ENTRIES_MAX: usize = 100_000;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormatFile {
    format: u32,
    couple: CoupleId,
    about: String,
}

fn problem(what: impl Into<String>) -> StoreError {
    StoreError::Exchange(what.into())
}

fn io(path: &Path, error: &dyn std::fmt::Display) -> StoreError {
    problem(format!("{}: {error}", path.display()))
}

/// An exchange folder.
#[derive(Debug, Clone)]
pub struct Exchange {
    root: PathBuf,
    couple: CoupleId,
}

impl Exchange {
    /// Starts a couple's exchange in `root`, an existing folder (empty, or already this
    /// couple's). Refuses a folder that is another couple's exchange.
    pub fn create(root: &Path, couple: &CoupleId) -> Result<Self, StoreError> {
        if !root.is_dir() {
            return Err(problem(format!("{} is not a folder", root.display())));
        }
        match Self::open(root) {
            Ok(found) if &found.couple == couple => return Ok(found),
            Ok(_) => {
                return Err(problem(format!(
                    "{} already holds another couple's Hearth exchange; choose an empty folder",
                    root.display()
                )));
            }
            Err(StoreError::Exchange(_)) if !root.join(FORMAT_FILE).exists() => {}
            Err(error) => return Err(error),
        }
        let file = FormatFile {
            format: FORMAT,
            couple: couple.clone(),
            about: "Hearth's exchange folder: everything here is sealed; keep it synced, do not edit it.".into(),
        };
        let json = serde_json::to_vec_pretty(&file).map_err(|error| problem(error.to_string()))?;
        let path = root.join(FORMAT_FILE);
        durable::write_atomically(&path, |out| out.write_all(&json))
            .map_err(|error| io(&path, &error))?;
        Ok(Self {
            root: root.to_path_buf(),
            couple: couple.clone(),
        })
    }

    /// Opens the exchange in `root`.
    pub fn open(root: &Path) -> Result<Self, StoreError> {
        let path = root.join(FORMAT_FILE);
        let bytes = match durable::read_bounded(&path, SMALL_FILE_MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(durable::ReadError::Io(error)) if error.kind() == std::io::ErrorKind::NotFound => {
                return Err(problem(format!(
                    "{} is not a Hearth exchange folder (or has not arrived here yet)",
                    root.display()
                )));
            }
            Err(error) => return Err(io(&path, &error)),
        };
        let couple = Self::parse_format(&bytes)
            .map_err(|error| problem(format!("{}: {error}", path.display())))?;
        Ok(Self {
            root: root.to_path_buf(),
            couple,
        })
    }

    /// Reads the format file's bytes: the couple, or why the folder cannot be used.
    pub fn parse_format(bytes: &[u8]) -> Result<CoupleId, StoreError> {
        #[derive(Deserialize)]
        struct Version {
            format: u32,
        }
        let version: Version =
            serde_json::from_slice(bytes).map_err(|_| problem("the format file is damaged"))?;
        if version.format > FORMAT {
            return Err(problem(
                "this exchange folder was made by a newer Hearth; update Hearth on this computer",
            ));
        }
        let file: FormatFile =
            serde_json::from_slice(bytes).map_err(|_| problem("the format file is damaged"))?;
        Ok(file.couple)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn couple(&self) -> &CoupleId {
        &self.couple
    }

    /// Whether Syncthing carries this folder (it leaves a `.stfolder` marker).
    pub fn is_syncthing(&self) -> bool {
        self.root.join(".stfolder").exists()
    }

    fn device_dir(&self, device: &DeviceId) -> PathBuf {
        self.root.join(DEVICES).join(device.as_str())
    }

    /// Makes this device's folder (and `devices/`) if needed.
    pub fn ensure_device_dir(&self, device: &DeviceId) -> Result<PathBuf, StoreError> {
        let dir = self.device_dir(device);
        std::fs::create_dir_all(&dir).map_err(|error| io(&dir, &error))?;
        Ok(dir)
    }

    fn names_in(dir: &Path) -> Result<Vec<String>, StoreError> {
        let entries = match std::fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(io(dir, &error)),
        };
        let mut names = Vec::new();
        for entry in entries.take(ENTRIES_MAX) {
            let entry = entry.map_err(|error| io(dir, &error))?;
            if let Some(name) = entry.file_name().to_str() {
                names.push(name.to_owned());
            }
        }
        names.sort();
        Ok(names)
    }

    /// Every device with a folder here (other names are skipped).
    pub fn devices(&self) -> Result<Vec<DeviceId>, StoreError> {
        Ok(Self::names_in(&self.root.join(DEVICES))?
            .iter()
            .filter_map(|name| DeviceId::parse(name))
            .collect())
    }

    /// A device's segments, by stream and number (other files are skipped).
    pub fn segments(&self, device: &DeviceId) -> Result<Vec<SegmentName>, StoreError> {
        let mut found: Vec<SegmentName> = Self::names_in(&self.device_dir(device))?
            .iter()
            .filter(|name| name.ends_with(EXTENSION))
            .filter_map(|name| SegmentName::parse(device, name))
            .collect();
        found.sort();
        Ok(found)
    }

    fn segment_path(&self, name: &SegmentName) -> PathBuf {
        self.device_dir(&name.device).join(name.file_name())
    }

    /// A segment's bytes, read through a bound; only a regular file is read.
    pub fn read_segment(&self, name: &SegmentName) -> Result<Vec<u8>, StoreError> {
        let path = self.segment_path(name);
        durable::read_bounded(&path, FILE_MAX_BYTES).map_err(|error| io(&path, &error))
    }

    /// Writes a segment of this device: a temporary name, synced, renamed, folder synced.
    pub fn write_segment(&self, name: &SegmentName, bytes: &[u8]) -> Result<(), StoreError> {
        self.ensure_device_dir(&name.device)?;
        let path = self.segment_path(name);
        durable::write_atomically(&path, |out| out.write_all(bytes))
            .map_err(|error| io(&path, &error))
    }

    /// Removes this device's temporary files left by a write that never finished (the app or
    /// the CLI killed mid-write) once they are older than `age`: younger ones may still be
    /// being written by the other process on this computer, at `now`. Returns how many went.
    pub fn remove_stale_temporaries(
        &self,
        device: &DeviceId,
        now: std::time::SystemTime,
        age: std::time::Duration,
    ) -> Result<usize, StoreError> {
        let dir = self.device_dir(device);
        let mut removed = 0;
        for name in Self::names_in(&dir)? {
            if !(name.starts_with('.') && name.ends_with(".tmp")) {
                continue;
            }
            let path = dir.join(&name);
            let stale = std::fs::symlink_metadata(&path)
                .ok()
                .filter(std::fs::Metadata::is_file)
                .and_then(|meta| meta.modified().ok())
                .and_then(|modified| now.duration_since(modified).ok())
                .is_some_and(|elapsed| elapsed >= age);
            if stale && std::fs::remove_file(&path).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Whether a segment of this device is in the folder already.
    pub fn has_segment(&self, name: &SegmentName) -> bool {
        self.segment_path(name).is_file()
    }

    /// The names of a device's small files that start with `prefix` and end in `.json`.
    pub fn files(&self, device: &DeviceId, prefix: &str) -> Result<Vec<String>, StoreError> {
        Ok(Self::names_in(&self.device_dir(device))?
            .into_iter()
            .filter(|name| {
                name.starts_with(prefix)
                    && name.ends_with(".json")
                    && name.len() <= 120
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'))
            })
            .collect())
    }

    /// A small file of a device, read through a bound.
    pub fn read_file(&self, device: &DeviceId, name: &str) -> Result<Vec<u8>, StoreError> {
        let path = self.device_dir(device).join(name);
        durable::read_bounded(&path, SMALL_FILE_MAX_BYTES).map_err(|error| io(&path, &error))
    }

    /// Writes a small file of this device, atomically.
    pub fn write_file(
        &self,
        device: &DeviceId,
        name: &str,
        bytes: &[u8],
    ) -> Result<(), StoreError> {
        let dir = self.ensure_device_dir(device)?;
        let path = dir.join(name);
        durable::write_atomically(&path, |out| out.write_all(bytes))
            .map_err(|error| io(&path, &error))
    }

    /// Removes a small file of this device (gone already is fine).
    pub fn remove_file(&self, device: &DeviceId, name: &str) -> Result<(), StoreError> {
        let path = self.device_dir(device).join(name);
        match std::fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(io(&path, &error)),
            _ => Ok(()),
        }
    }

    /// How many bytes the folder's Hearth files take (segments and small files).
    pub fn size(&self) -> Result<u64, StoreError> {
        let mut total = 0;
        for device in self.devices()? {
            for name in Self::names_in(&self.device_dir(&device))? {
                if let Ok(meta) = std::fs::metadata(self.device_dir(&device).join(name)) {
                    total += meta.len();
                }
            }
        }
        Ok(total)
    }
}

#[cfg(test)]
mod tests;
