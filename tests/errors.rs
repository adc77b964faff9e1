//! Every input error names the file (and the line where there is one), says what to do, and
//! exits with 2 without stopping the other inputs.

mod common;

use std::fs;
use std::path::Path;

use common::{calq, calq_unprivileged, set_mode, shared_tempdir};
use predicates::prelude::*;

fn file(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write");
    path.display().to_string()
}

/// Runs `calq ARGS`, expects exit 2 and every `needle` in standard error.
fn fails_with(args: &[&str], needles: &[&str]) {
    let out = calq().args(args).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    for needle in needles {
        assert!(
            stderr.contains(needle),
            "{args:?}: `{needle}` not in {stderr}"
        );
    }
}

#[test]
fn missing_files_and_empty_folders() {
    let dir = tempfile::tempdir().expect("tempdir");
    fails_with(
        &["audit", "no/such.txt"],
        &["no/such.txt", "check the path"],
    );
    let empty = dir.path().join("empty");
    fs::create_dir(&empty).expect("mkdir");
    let shown = empty.display().to_string();
    fails_with(&["audit", &shown], &[&shown, "no articles", ".txt"]);
}

#[test]
fn bad_jsonl_records_name_file_and_line_and_the_rest_is_audited() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = file(
        dir.path(),
        "c.jsonl",
        b"{\"id\":\"a\",\"text\":\"in in\"}\nnot json\n{\"id\":\"b\"}\n",
    );
    let out = calq()
        .args(["audit", "-f", "jsonl", &path])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains(&format!("{path}:2:")), "{stderr}");
    assert!(stderr.contains(&format!("{path}:3:")), "{stderr}");
    assert!(
        stderr.contains("`text`"),
        "says what a record needs: {stderr}"
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("GR001"));
}

#[test]
fn bad_configuration_glossary_and_model_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let article = file(dir.path(), "a.txt", b"Talks in in Kyiv.\n");
    let glossary = file(
        dir.path(),
        "g.toml",
        b"[glossary]\nname = \"x\"\nlanguage = \"en\"\n\n[[term]]\ncanonical = \"A\"\nkind = \"bogus\"\n",
    );
    fails_with(
        &["audit", "--glossary", &glossary, &article],
        &[&format!("{glossary}:"), "bogus", "calq glossary --help"],
    );
    let model = file(dir.path(), "m.json", b"{}");
    fails_with(&["audit", "--model", &model, &article], &[&model, "model"]);
    // The shipped model with its style scaling cut to ten features: refused when loaded,
    // naming the file, not scored with unstandardised features.
    let shipped = std::fs::read(common::root().join("models/mt-v1.json")).expect("model");
    let mut truncated: serde_json::Value = serde_json::from_slice(&shipped).expect("JSON");
    let style = truncated["scaling"]["style"]
        .as_object_mut()
        .expect("scaling.style");
    let keep: Vec<String> = style.keys().take(10).cloned().collect();
    style.retain(|k, _| keep.contains(k));
    let truncated = file(
        dir.path(),
        "truncated.json",
        &serde_json::to_vec(&truncated).expect("JSON"),
    );
    fails_with(
        &["audit", "--model", &truncated, &article],
        &[&truncated, "scaling", "truncated"],
    );
    file(dir.path(), "calq.toml", b"selekt = [\"GR\"]\n");
    let out = calq()
        .current_dir(dir.path())
        .args(["audit", "a.txt"])
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("calq.toml") && stderr.contains("line 1"),
        "{stderr}"
    );
    assert!(
        stderr.contains("expected one of"),
        "lists the keys: {stderr}"
    );
}

#[test]
fn bad_imports_name_file_and_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let csv = file(dir.path(), "t.csv", b"canonical,kind\nA,bogus\n");
    fails_with(
        &["glossary", "import", &csv],
        &[&format!("{csv}:2:"), "expected person, place, org or term"],
    );
    let tbx = file(dir.path(), "t.tbx", b"<martif><text><body><termEntry>");
    fails_with(&["glossary", "import", &tbx], &[&tbx]);
}

#[test]
fn unreadable_inputs_and_unwritable_outputs() {
    let dir = shared_tempdir();
    let secret = file(dir.path(), "secret.txt", b"in in\n");
    set_mode(Path::new(&secret), 0o000);
    calq_unprivileged()
        .args(["audit", &secret])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(&secret).and(predicate::str::contains("permissions")));
    fails_with(
        &[
            "audit",
            "-o",
            "/no/such/dir/out.txt",
            "tests/fixtures/original.txt",
        ],
        &["/no/such/dir/out.txt", "check the path"],
    );
}
