//! Private, durable files: the one place Hearth creates folders and files, writes them
//! atomically, and reads files that came from outside through a bound.
//!
//! Folders are made `0700` and files `0600` as they are created (never fixed afterwards), so no
//! other account on the computer can read them for even a moment. Temporary files get random
//! names, are created exclusively (a planted file or link is never followed), and are removed
//! when a write fails. An atomic write is: temporary file beside the target, write, fsync,
//! rename over the target, fsync the folder; after a crash the target is the old file or the new
//! one, never half of either.

use std::fs::{File, OpenOptions};
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

/// Mode of every folder Hearth creates.
#[cfg(unix)]
const DIR_MODE: u32 = 0o700;
/// Mode of every file Hearth creates.
#[cfg(unix)]
const FILE_MODE: u32 = 0o600;

/// Creates `dir` (and missing parents) readable by this account only; an existing folder is
/// narrowed to this account too.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)?;
    narrow(dir, true);
    Ok(())
}

/// Narrows an existing path Hearth owns to this account (an older Hearth created some files
/// with the default mode). Failure is harmless: the file may belong to someone else on purpose.
pub fn narrow(path: &Path, is_dir: bool) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = if is_dir { DIR_MODE } else { FILE_MODE };
        if let Ok(meta) = std::fs::symlink_metadata(path)
            && !meta.file_type().is_symlink()
            && meta.permissions().mode() & 0o777 != mode
        {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, is_dir);
}

/// Creates a new file that must not exist yet, readable and writable by this account only.
pub fn create_private(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options.open(path)
}

/// Ten random lower-case letters and digits, for temporary names nobody can predict.
pub fn random_suffix() -> std::io::Result<String> {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).map_err(|error| std::io::Error::other(error.to_string()))?;
    Ok(data_encoding::BASE32_NOPAD.encode(&bytes)[..10].to_lowercase())
}

/// A new, empty, private file in `dir` named `.{stem}.<random>.tmp`; its path and handle.
pub fn create_temporary(dir: &Path, stem: &str) -> std::io::Result<(PathBuf, File)> {
    for _ in 0..16 {
        let path = dir.join(format!(".{stem}.{}.tmp", random_suffix()?));
        match create_private(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other(
        "could not find a free temporary name",
    ))
}

/// The folder a path lives in (`.` for a bare file name).
pub fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Writes `path` atomically through `write`: a private temporary file beside it, fsync, rename
/// over `path`, fsync the folder. On any error the temporary file is removed and `path` is as it
/// was.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let dir = parent_of(path);
    let stem = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_else(|| "hearth".to_owned());
    let (temp, mut file) = create_temporary(&dir, &stem)?;
    let result = (|| {
        write(&mut file)?;
        file.flush()?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)?;
        sync_dir(&dir)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

/// Makes renames and new names in `dir` durable (a no-op where folders cannot be opened, as on
/// Windows).
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Why a file from outside could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("it is not a regular file")]
    NotAFile,
    #[error("it is larger than {max} bytes")]
    TooLarge { max: u64 },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Opens a file Hearth did not write itself, refusing anything but a regular file (a FIFO, a
/// device like `/dev/zero`, a folder) without blocking on it.
pub fn open_regular(path: &Path) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    // Opening a FIFO for reading blocks until a writer appears; non-blocking returns at once,
    // and the type check below then refuses it.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let file = options.open(path)?;
    if !file.metadata()?.is_file() {
        return Err(ReadError::NotAFile);
    }
    Ok(file)
}

/// Reads a whole regular file of at most `max` bytes. The size is learnt by reading, never from
/// what the file system reports, so a file that grows while being read is still bounded.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_regular(path)?;
    let mut bytes = Vec::new();
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge { max });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
