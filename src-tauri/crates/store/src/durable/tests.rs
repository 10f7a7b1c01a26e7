//! Unit tests for `durable`.

use super::*;

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn atomic_writes_leave_the_new_content_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.txt");
    write_atomically(&target, |file| file.write_all(b"first")).unwrap();
    write_atomically(&target, |file| file.write_all(b"second")).unwrap();
    assert_eq!(std::fs::read(&target).unwrap(), b"second");
    let failed = write_atomically(&target, |file| {
        file.write_all(b"half")?;
        Err(std::io::Error::other("the disk went away"))
    });
    assert!(failed.is_err());
    assert_eq!(
        std::fs::read(&target).unwrap(),
        b"second",
        "old content kept"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    #[cfg(unix)]
    assert_eq!(mode(&target), 0o600);
}

#[cfg(unix)]
#[test]
fn folders_and_files_are_private_from_their_creation() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("a").join("b");
    private_dir(&data).unwrap();
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&dir.path().join("a")), 0o700);
    let file = data.join("f");
    drop(create_private(&file).unwrap());
    assert_eq!(mode(&file), 0o600);
    assert_eq!(
        create_private(&file).unwrap_err().kind(),
        std::io::ErrorKind::AlreadyExists
    );
}

#[cfg(unix)]
#[test]
fn bounded_reads_refuse_devices_fifos_folders_and_big_files() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        read_bounded(Path::new("/dev/zero"), 10),
        Err(ReadError::NotAFile)
    ));
    assert!(matches!(
        read_bounded(dir.path(), 10),
        Err(ReadError::NotAFile)
    ));
    let fifo = dir.path().join("fifo");
    rustix::fs::mkfifoat(
        rustix::fs::CWD,
        &fifo,
        rustix::fs::Mode::from_raw_mode(0o600),
    )
    .unwrap();
    let started = std::time::Instant::now();
    assert!(matches!(read_bounded(&fifo, 10), Err(ReadError::NotAFile)));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let big = dir.path().join("big");
    std::fs::write(&big, vec![b'x'; 11]).unwrap();
    assert!(matches!(
        read_bounded(&big, 10),
        Err(ReadError::TooLarge { max: 10 })
    ));
    assert_eq!(read_bounded(&big, 11).unwrap().len(), 11);
}
