//! The texts of the checkers' inputs (shared by the examples through `#[path]`): files or
//! directories (read recursively, in name order). In a `.jsonl` file (or `.jsonl.gz`) every
//! top-level string value of each line of at least `min_len` bytes is a text, named
//! `file:line:key`; any other file is one text, named by its path.

use std::io::Read;
use std::path::Path;

/// A file's text, gunzipped when its name ends in `.gz`; unreadable parts are reported on
/// stderr and left out.
fn read(path: &Path) -> String {
    let mut bytes = Vec::new();
    let ok = std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes));
    if let Err(e) = ok {
        eprintln!("{}: {e}", path.display());
        return String::new();
    }
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        if let Err(e) = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out) {
            eprintln!("{}: {e}", path.display());
        }
        bytes = out;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Calls `each(text, name)` for every text under `path`.
pub fn walk(path: &Path, min_len: usize, each: &mut dyn FnMut(&str, &str)) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            walk(&e, min_len, each);
        }
        return;
    }
    let name = path.display().to_string();
    let text = read(path);
    if name.ends_with(".jsonl") || name.ends_with(".jsonl.gz") {
        for (i, line) in text.lines().enumerate() {
            let Ok(serde_json::Value::Object(map)) = serde_json::from_str(line) else {
                continue;
            };
            for (key, value) in map {
                if let serde_json::Value::String(s) = value
                    && s.len() >= min_len
                {
                    each(&s, &format!("{name}:{}:{key}", i + 1));
                }
            }
        }
    } else {
        each(&text, &name);
    }
}
