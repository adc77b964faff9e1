//! Inputs that were not audited (too large, unreadable, bad JSONL lines, binary files, a
//! folder without articles) are listed with their reasons in every report file and counted
//! in the summaries, never dropped without a word.

mod common;

use std::path::Path;

use common::calq;

fn report(input: &Path, out: &Path, extra: &[&str]) -> (i32, [String; 3]) {
    let run = calq()
        .arg("report")
        .arg(input)
        .args(extra)
        .arg("--out")
        .arg(out)
        .output()
        .expect("calq runs");
    let files = ["index.html", "report.md", "report.json"]
        .map(|f| std::fs::read_to_string(out.join(f)).expect("report file written"));
    (run.status.code().unwrap_or(-1), files)
}

#[test]
fn every_input_not_audited_is_listed_with_its_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    std::fs::create_dir(&input).expect("mkdir");
    std::fs::write(input.join("a-ok.txt"), "Talks in in Kyiv went on.\n").expect("write");
    std::fs::write(input.join("b-big.txt"), "word ".repeat(1000)).expect("write");
    std::fs::write(input.join("c-binary.txt"), b"\x00\x01\x02 binary").expect("write");
    std::fs::write(
        input.join("d-corpus.jsonl"),
        "{\"id\": 1, \"text\": \"The the talks.\"}\nnot json at all\n{\"id\": 3}\n",
    )
    .expect("write");
    let out = dir.path().join("out");
    let (code, [html, md, json]) = report(&input, &out, &["--max-bytes", "3000"]);
    assert_eq!(code, 2, "input errors exit with 2");

    let json: serde_json::Value = serde_json::from_str(&json).expect("report.json");
    let listed = json["not_audited"].as_array().expect("not_audited list");
    let inputs: Vec<&str> = listed.iter().filter_map(|i| i["input"].as_str()).collect();
    assert_eq!(listed.len(), 4, "{listed:?}");
    assert_eq!(json["summary"]["not_audited"], 4);
    assert_eq!(json["summary"]["documents"], 2);
    let expect = [
        ("b-big.txt", "larger than the limit"),
        ("c-binary.txt", "skipped"),
        ("d-corpus.jsonl:2", "JSON"),
        ("d-corpus.jsonl:3", "text"),
    ];
    for (name, reason) in expect {
        let item = listed
            .iter()
            .find(|i| i["input"].as_str().is_some_and(|s| s.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} not listed in {inputs:?}"));
        assert!(
            item["reason"].as_str().is_some_and(|r| r.contains(reason)),
            "{name}: {item}"
        );
        assert!(html.contains(name), "index.html lists {name}");
        assert!(md.contains(name), "report.md lists {name}");
    }
    assert!(html.contains("4 inputs not audited"), "page heading");
    assert!(html.contains("<dt>Inputs not audited</dt><dd><a href=\"#not-audited\">4</a>"));
    assert!(html.contains("larger than the limit of 3000 bytes"));
    assert!(md.contains("**4 inputs not audited**"));
    assert!(md.contains("## Inputs not audited"));
}

/// An empty folder next to articles is listed; alone, it leaves nothing to report, and no
/// report is written (quick regression trial: a failed run replaced a good report with an
/// empty one).
#[test]
fn an_empty_folder_is_reported_not_shown_as_an_empty_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("empty");
    std::fs::create_dir(&input).expect("mkdir");
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Talks in Kyiv went on.\n").expect("write");
    let out = dir.path().join("out");
    let run = calq()
        .arg("report")
        .arg(&input)
        .arg(&article)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("calq runs");
    assert_eq!(run.status.code(), Some(2));
    let files = ["index.html", "report.md", "report.json"]
        .map(|f| std::fs::read_to_string(out.join(f)).expect("report file written"));
    let [html, md, json] = files;
    let json: serde_json::Value = serde_json::from_str(&json).expect("report.json");
    assert_eq!(json["summary"]["not_audited"], 1);
    assert_eq!(json["summary"]["documents"], 1);
    let reason = json["not_audited"][0]["reason"].as_str().expect("reason");
    assert!(reason.contains("no articles in this folder"), "{reason}");
    for page in [&html, &md] {
        assert!(page.contains("no articles in this folder"), "{page}");
        assert!(page.contains("1 input not audited"), "{page}");
    }

    let alone = dir.path().join("alone");
    let run = calq()
        .arg("report")
        .arg(&input)
        .arg("--out")
        .arg(&alone)
        .output()
        .expect("calq runs");
    assert_eq!(run.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("no articles in this folder"), "{stderr}");
    assert!(stderr.contains("nothing to report"), "{stderr}");
    assert!(!alone.exists(), "no report folder is left behind");
}

/// One document is "1 document", in the table's summary line (quick regression trial: "1
/// documents · …" when an input was not audited).
#[test]
fn summaries_say_one_document_in_the_singular() {
    let run = calq()
        .args(["audit", "tests/fixtures/original.txt", "no-such-file.txt"])
        .output()
        .expect("calq runs");
    assert_eq!(run.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.contains("1 document · "), "{stdout}");
    assert!(!stdout.contains("1 documents"), "{stdout}");
}
