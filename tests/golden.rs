//! Golden outputs for the fixture articles, one file per fixture and format under
//! tests/golden/. Rewrite them all with `UPDATE_GOLDENS=1 cargo test --test golden`.

mod common;

use common::{assert_golden, calq};

const FIXTURES: &[&str] = &[
    "original.txt",
    "mt-repost-fr.txt",
    "mt-repost-de.txt",
    "corpus.jsonl",
    "article.html",
];

fn run(fixture: &str, format: &str) -> String {
    let out = calq()
        .args([
            "audit",
            "--format",
            format,
            &format!("tests/fixtures/{fixture}"),
        ])
        .output()
        .expect("calq runs");
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{fixture}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn table_goldens() {
    for f in FIXTURES {
        assert_golden(&format!("{f}.table.txt"), &run(f, "table"));
    }
}

#[test]
fn json_goldens() {
    for f in FIXTURES {
        assert_golden(&format!("{f}.json"), &run(f, "json"));
    }
}

#[test]
fn markdown_goldens() {
    for f in FIXTURES {
        assert_golden(&format!("{f}.md"), &run(f, "markdown"));
    }
}
