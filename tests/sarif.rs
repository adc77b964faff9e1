//! SARIF against the official 2.1.0 schema (../shared/schemas/sarif-schema-2.1.0.json, read
//! with Python's `jsonschema`; skipped, saying so, when either is absent), results of a JSONL
//! corpus at their record's line, HTML results without a text region and no fixes outside
//! plain text, and fingerprints that stay the same across runs and when lines move.
#![allow(clippy::print_stderr)] // a skipped test says why on stderr

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{calq, root};
use serde_json::Value;

fn sarif(paths: &[&Path]) -> Value {
    let run = calq()
        .args(["audit", "--format", "sarif"])
        .args(paths)
        .output()
        .expect("calq runs");
    assert!(
        matches!(run.status.code(), Some(0..=2)),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    serde_json::from_slice(&run.stdout).expect("SARIF is JSON")
}

fn findings(log: &Value) -> Vec<&Value> {
    log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["ruleId"] != "calq/mt-verdict")
        .collect()
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema = root().join("../shared/schemas/sarif-schema-2.1.0.json");
    if !schema.exists() {
        eprintln!("skipped: {} is not beside this checkout", schema.display());
        return;
    }
    let has_jsonschema = std::process::Command::new("python3")
        .args(["-c", "import jsonschema"])
        .status()
        .is_ok_and(|s| s.success());
    if !has_jsonschema {
        eprintln!(
            "skipped: Python's jsonschema is not installed (apt-get install python3-jsonschema)"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("big.txt"), "word ".repeat(100)).expect("write");
    let fixtures = root().join("tests/fixtures");
    let log = sarif(&[&fixtures, &dir.path().join("missing.txt")]);
    let path = dir.path().join("log.sarif");
    std::fs::write(&path, serde_json::to_vec(&log).expect("JSON")).expect("write");
    let check = std::process::Command::new("python3")
        .args([
            "-c",
            "import json, sys, jsonschema\n\
             schema = json.load(open(sys.argv[1]))\n\
             log = json.load(open(sys.argv[2]))\n\
             jsonschema.validators.validator_for(schema)(schema).validate(log)\n\
             print('valid')",
        ])
        .arg(&schema)
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        check.status.success(),
        "not valid SARIF 2.1.0: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    // The run says an input was not audited.
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert!(
        invocation["toolExecutionNotifications"][0]["message"]["text"]
            .as_str()
            .is_some_and(|t| t.contains("missing.txt"))
    );
}

#[test]
fn jsonl_results_point_at_the_record_line_and_html_at_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("c.jsonl");
    std::fs::write(
        &corpus,
        "{\"id\": \"a\", \"text\": \"Clean text.\"}\n\n{\"id\": \"b\", \"text\": \"First line.\\nTalks in in Kiev.\"}\n{\"id\": 7, \"text\": \"The the end.\"}\n",
    )
    .expect("write");
    let log = sarif(&[&corpus, &root().join("tests/fixtures/article.html")]);
    let mut lines = BTreeMap::new();
    for r in findings(&log) {
        let location = &r["locations"][0];
        let uri = location["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .expect("uri");
        assert!(r.get("fixes").is_none(), "no fixes outside plain text: {r}");
        if uri.ends_with(".html") {
            assert!(location["physicalLocation"].get("region").is_none(), "{r}");
            assert!(r["properties"]["text"]["line"].is_u64());
            continue;
        }
        let id = location["logicalLocations"][0]["name"]
            .as_str()
            .expect("id");
        let region = &location["physicalLocation"]["region"];
        assert_eq!(
            region.as_object().map(|o| o.len()),
            Some(1),
            "only the line: {r}"
        );
        lines.insert(
            (
                id.to_owned(),
                r["ruleId"].as_str().unwrap_or_default().to_owned(),
            ),
            (
                region["startLine"].clone(),
                r["properties"]["text"]["line"].clone(),
            ),
        );
    }
    // Record `b` is on line 3 (after a blank line); its repeated word is on its text's line 2.
    assert_eq!(
        lines.get(&("b".to_owned(), "GR001".to_owned())),
        Some(&(Value::from(3), Value::from(2))),
        "{lines:?}"
    );
    assert_eq!(
        lines.get(&("7".to_owned(), "GR001".to_owned())),
        Some(&(Value::from(4), Value::from(1))),
        "{lines:?}"
    );
}

fn prints(log: &Value) -> Vec<(String, String)> {
    findings(log)
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap_or_default().to_owned(),
                r["partialFingerprints"]["calqFinding/v1"]
                    .as_str()
                    .expect("fingerprint")
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_survive_reruns_and_moved_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/mt-repost-fr.txt")).expect("fixture");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, &text).expect("write");
    let corpus = dir.path().join("c.jsonl");
    let record = serde_json::json!({"id": "r1", "text": text}).to_string();
    std::fs::write(&corpus, format!("{record}\n")).expect("write");

    let first = prints(&sarif(&[&file, &corpus]));
    assert!(first.len() > 10);
    let unique: std::collections::HashSet<&String> = first.iter().map(|(_, p)| p).collect();
    assert_eq!(unique.len(), first.len(), "fingerprints are distinct");
    assert_eq!(
        prints(&sarif(&[&file, &corpus])),
        first,
        "same on a second run"
    );

    // A paragraph inserted above every finding, and a record before the one checked.
    std::fs::write(&file, format!("A new first paragraph.\n\n{text}")).expect("write");
    let other = serde_json::json!({"id": "r0", "text": "Another article."}).to_string();
    std::fs::write(&corpus, format!("{other}\n{record}\n")).expect("write");
    let moved = sarif(&[&file, &corpus]);
    assert_eq!(prints(&moved), first, "same after lines moved");
    let lines: Vec<u64> = findings(&moved)
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64())
        .collect();
    assert!(
        lines.iter().all(|&l| l >= 2),
        "the lines did move: {lines:?}"
    );
}
