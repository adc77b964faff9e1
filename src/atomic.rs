//! Writing files so that an interrupted write never loses the old content: `--fix` and the
//! glossary commands write a temporary file in the same folder and rename it into place.

use std::io::Write;
use std::path::Path;

use crate::error::Error;

/// Writes `bytes` to `path` through a temporary file in the same folder, renamed into place,
/// keeping the old file's permissions: an interrupted write leaves the old file whole.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let io = |e| Error::io(path, e);
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
    if let Ok(meta) = std::fs::metadata(path) {
        std::fs::set_permissions(tmp.path(), meta.permissions()).map_err(io)?;
    }
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}
