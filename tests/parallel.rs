//! Corpus runs on several threads: the output (findings, MT verdicts, order, errors, exit
//! code) is the same for any `--jobs`.

mod common;

use std::path::Path;

use common::{calq, root};

/// Runs `calq audit` with `jobs` and returns (stdout, stderr, exit code).
fn audit(jobs: &str, args: &[&str]) -> (String, String, Option<i32>) {
    let out = calq()
        .arg("audit")
        .args(["--jobs", jobs])
        .args(args)
        .output()
        .expect("runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
        out.status.code(),
    )
}

fn assert_same_for_any_jobs(args: &[&str]) -> String {
    let one = audit("1", args);
    for jobs in ["2", "3"] {
        assert_eq!(
            one,
            audit(jobs, args),
            "--jobs {jobs} differs from --jobs 1"
        );
    }
    one.0
}

#[test]
fn fixture_corpus_gives_the_same_output_for_any_jobs() {
    let out = assert_same_for_any_jobs(&["-f", "jsonl", "tests/fixtures/corpus.jsonl"]);
    assert_eq!(out.lines().count(), 3);
}

#[test]
fn fixture_folder_gives_the_same_output_for_any_jobs() {
    for format in ["json", "table", "sarif"] {
        assert_same_for_any_jobs(&["-f", format, "tests/fixtures"]);
    }
}

/// A corpus long enough that workers finish out of order: every fixture text many times,
/// with blank and bad lines among them; documents come back in input order.
#[test]
fn a_long_corpus_keeps_input_order_and_errors_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut texts: Vec<String> = std::fs::read_dir(root().join("tests/fixtures"))
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 fixture"))
        .collect();
    texts.sort();
    texts.push("short".into());
    let mut corpus = String::new();
    for i in 0..120 {
        let text = &texts[i % texts.len()];
        let record = serde_json::json!({"id": format!("doc-{i}"), "text": text});
        corpus.push_str(&record.to_string());
        corpus.push('\n');
        if i % 37 == 5 {
            corpus.push_str("not json\n\n");
        }
    }
    let path = dir.path().join("long.jsonl");
    std::fs::write(&path, corpus).expect("write corpus");
    let path = path.display().to_string();

    let out = assert_same_for_any_jobs(&["-f", "jsonl", &path]);
    let ids: Vec<String> = out
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["id"].as_str().expect("id").to_owned()
        })
        .collect();
    let expected: Vec<String> = (0..120).map(|i| format!("doc-{i}")).collect();
    assert_eq!(ids, expected);
    let (_, stderr, code) = audit("2", &["-f", "jsonl", &path]);
    assert_eq!(code, Some(2), "bad lines make the exit code 2");
    assert_eq!(stderr.matches("not a JSON object").count(), 4, "{stderr}");
    assert!(
        !stderr.contains('\r'),
        "no progress bar in a pipe: {stderr:?}"
    );
}

#[test]
fn reports_are_the_same_for_any_jobs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let read = |d: &Path| {
        ["index.html", "report.md", "report.json"]
            .map(|f| std::fs::read_to_string(d.join(f)).expect("report file"))
    };
    let mut outputs = Vec::new();
    for jobs in ["1", "2"] {
        let out = dir.path().join(jobs);
        calq()
            .args(["report", "--jobs", jobs, "tests/fixtures", "--out"])
            .arg(&out)
            .assert()
            .success();
        outputs.push(read(&out));
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn jobs_must_be_at_least_one() {
    calq()
        .args(["audit", "--jobs", "0", "tests/fixtures/original.txt"])
        .assert()
        .code(2);
}
