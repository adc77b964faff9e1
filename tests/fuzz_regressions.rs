//! Replays every input under `tests/fuzz-regressions/<target>/` through the invariant checks
//! of the fuzz target of that name (`fuzz/src/checks.rs`, shared with `cargo fuzz`), so each
//! crash the fuzzers found stays fixed under a plain `cargo test`. The seed corpora under
//! `fuzz/corpus/` are replayed too: they are small, and they cover each target's input paths.
//!
//! To add a crash: copy libFuzzer's `fuzz/artifacts/<target>/crash-…` file into
//! `tests/fuzz-regressions/<target>/` under a name saying what it caught.

#[path = "../fuzz/src/checks.rs"]
#[allow(dead_code)]
mod checks;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Runs `check` on every file in the given folders; fails naming each input that panicked.
fn replay(target: &str, check: fn(&[u8])) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut failures = Vec::new();
    let mut count = 0;
    for dir in [
        root.join("tests/fuzz-regressions").join(target),
        root.join("fuzz/corpus").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths.into_iter().filter(|p| p.is_file()) {
            let bytes = std::fs::read(&path).expect("readable input");
            count += 1;
            if catch_unwind(AssertUnwindSafe(|| check(&bytes))).is_err() {
                failures.push(path.display().to_string());
            }
        }
    }
    assert!(count > 0, "no inputs for {target}");
    assert!(failures.is_empty(), "{target} fails on: {failures:#?}");
}

#[test]
fn document_inputs() {
    replay("document", checks::document);
}

#[test]
fn html_inputs() {
    replay("html", checks::html);
}

#[test]
fn glossary_inputs() {
    replay("glossary", checks::glossary);
}

#[test]
fn audit_inputs() {
    replay("audit", checks::audit);
}

#[test]
fn skeleton_inputs() {
    replay("skeleton", checks::skeleton);
}
