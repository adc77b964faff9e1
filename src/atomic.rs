//! Writing files so that an interrupted write never loses the old content: `--fix` and the
//! glossary commands write a temporary file in the same folder and rename it into place.
//! Read-modify-write cycles (`calq glossary add`) hold a lock file beside the target, so two
//! runs at once cannot lose each other's change.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place,
/// keeping the old file's permissions: an interrupted write leaves the old file whole.
///
/// A symbolic link is followed first, so the file it points to gets the new content and the
/// link stays a link. A file with more than one hard link is refused: a rename would split it
/// from its other names (they would keep the old text), and writing into it in place could
/// leave it half-written if interrupted; which of its names should change is the user's call.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let target = resolve(path)?;
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let io = |e| Error::io(path, e);
    let existing = std::fs::metadata(&target).ok();
    // Renaming over a read-only file would succeed in a writable folder; a read-only file
    // is a request not to change it.
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::PermissionDenied,
            "the file is read-only; make it writable to change it",
        )));
    }
    if let Some(links) = existing.as_ref().map(hard_links).filter(|&n| n > 1) {
        return Err(io(std::io::Error::other(format!(
            "the file has {links} hard links, and replacing it would leave the other names with the old text; not changed (copy it to a file of its own first, or apply the change by hand)"
        ))));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".calq-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // Fault injection for the tests of interrupted writes: die as a killed process would,
    // after the new content is on disk but before it replaces the old file.
    if std::env::var_os("CALQ_TEST_CRASH_BEFORE_RENAME").is_some() {
        std::process::abort();
    }
    if let Some(meta) = &existing {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    Ok(())
}

/// Links followed before a chain of symbolic links is taken for a loop (Linux's limit).
const MAX_LINKS: usize = 40;

/// The file `path` stands for once symbolic links are followed: `path` itself when it is no
/// link (or does not exist), else the end of its chain of links, which may not exist yet (a
/// link to a file still to be created). Only the last component is followed: links among
/// the folders are resolved by the operating system, as the rename goes through them.
pub fn resolve(path: &Path) -> Result<PathBuf, Error> {
    let mut current = path.to_owned();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&current).map_err(|e| Error::io(path, e))?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(Error::io(
        path,
        std::io::Error::other("too many levels of symbolic links"),
    ))
}

#[cfg(unix)]
fn hard_links(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

/// Elsewhere the count is not available from the standard library: taken as one.
#[cfg(not(unix))]
fn hard_links(_meta: &std::fs::Metadata) -> u64 {
    1
}

/// The lock file of `path`: `.NAME.lock` in the same folder.
fn lock_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "calq".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.lock"))
}

/// An error about the lock, named after the file the user asked to change.
fn lock_error(path: &Path, lock: &Path, e: std::io::Error) -> Error {
    let message = format!("cannot lock it through {}: {e}", lock.display());
    Error::io(path, std::io::Error::new(e.kind(), message))
}

/// Runs `f` while holding an exclusive lock on `path`'s lock file, waiting for any other
/// calq that holds it. The lock file stays behind (empty): removing it would let a third
/// process lock a different file of the same name. The lock is released when `f` returns,
/// and by the operating system if the process dies.
pub fn locked<T>(path: &Path, f: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    // Beside the file itself, not a link to it: two links to one file share one lock.
    let lock = lock_path(&resolve(path)?);
    let file: File = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|e| lock_error(path, &lock, e))?;
    file.lock().map_err(|e| lock_error(path, &lock, e))?;
    let result = f();
    drop(file);
    result
}

/// Fault injection for the test of concurrent writers, called between reading a file and
/// writing it back: with CALQ_TEST_HOLD_LOCK_MS set, waits that long, so that without the
/// lock two processes' read-modify-write cycles would overlap.
pub fn test_pause() {
    if let Some(ms) = std::env::var_os("CALQ_TEST_HOLD_LOCK_MS")
        .and_then(|v| v.to_str().and_then(|v| v.parse::<u64>().ok()))
    {
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lock_file_sits_beside_the_target() {
        assert_eq!(
            lock_path(Path::new("g/names.toml")),
            Path::new("g/.names.toml.lock")
        );
        assert_eq!(lock_path(Path::new("x.toml")), Path::new(".x.toml.lock"));
    }

    #[test]
    fn locked_runs_the_closure_and_leaves_the_target_alone() {
        let dir = tempfile::tempdir().expect("tempdir");
        let target = dir.path().join("g.toml");
        let got = locked(&target, || Ok(41 + 1)).expect("locks");
        assert_eq!(got, 42);
        assert!(!target.exists());
        assert!(dir.path().join(".g.toml.lock").exists());
    }

    #[cfg(unix)]
    #[test]
    fn resolve_follows_chains_of_links_and_stops_at_loops() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("g.toml");
        std::fs::write(&file, "x").expect("write");
        symlink("g.toml", dir.path().join("one")).expect("symlink");
        symlink(dir.path().join("one"), dir.path().join("two")).expect("symlink");
        assert_eq!(resolve(&dir.path().join("two")).expect("resolves"), file);
        assert_eq!(resolve(&file).expect("resolves"), file);
        symlink("missing.toml", dir.path().join("dangling")).expect("symlink");
        assert_eq!(
            resolve(&dir.path().join("dangling")).expect("resolves"),
            dir.path().join("missing.toml")
        );
        symlink("loop", dir.path().join("loop")).expect("symlink");
        let e = resolve(&dir.path().join("loop")).expect_err("a loop");
        assert!(e.to_string().contains("too many levels"), "{e}");
    }
}
