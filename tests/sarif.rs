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
             cls = jsonschema.validators.validator_for(schema)\n\
             cls(schema, format_checker=cls.FORMAT_CHECKER).validate(log)\n\
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
fn jsonl_results_point_at_the_flagged_text_in_the_record_line_and_html_at_the_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("c.jsonl");
    // Escapes before the findings take more characters in the line than in the text.
    let lines = [
        r#"{"id": "a", "text": "Clean text."}"#,
        "",
        r#"{"id": "b", "text": "First line.\nTalks in in Kiev."}"#,
        r#"{"id": 7, "text": "The the end."}"#,
        r#"  {"meta": {"text": "x"}, "text": "Caf\u00e9 \"Le Monde\" \ud83d\ude00 \u00ab\u00a0Oui\u00a0\u00bb said said Riabkov.", "id": "c"}"#,
    ];
    std::fs::write(&corpus, lines.join("\n") + "\n").expect("write");
    let log = sarif(&[&corpus, &root().join("tests/fixtures/article.html")]);
    let mut found = BTreeMap::new();
    let mut checked = 0;
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
        let line = region["startLine"].as_u64().expect("startLine");
        assert_eq!(region["endLine"], line, "one line: {r}");
        let column =
            |key: &str| usize::try_from(region[key].as_u64().expect("column")).expect("usize");
        let (start, end) = (column("startColumn"), column("endColumn"));
        // The region's characters in the file are the flagged text as JSON writes it.
        let physical = lines[usize::try_from(line).expect("usize") - 1];
        let written: String = physical.chars().skip(start - 1).take(end - start).collect();
        let decoded: String =
            serde_json::from_str(&format!("\"{written}\"")).expect("a JSON string's content");
        assert_eq!(decoded, r["properties"]["text"]["flagged"], "{r}");
        checked += 1;
        found.insert(
            (
                id.to_owned(),
                r["ruleId"].as_str().unwrap_or_default().to_owned(),
            ),
            (line, r["properties"]["text"]["line"].clone(), written),
        );
    }
    assert!(checked >= 4, "{found:?}");
    // Record `b` is on line 3 (after a blank line); its repeated word is on its text's line 2.
    assert_eq!(
        found.get(&("b".to_owned(), "GR001".to_owned())),
        Some(&(3, Value::from(2), "in in".to_owned())),
        "{found:?}"
    );
    assert_eq!(
        found.get(&("7".to_owned(), "GR001".to_owned())),
        Some(&(4, Value::from(1), "The the".to_owned())),
        "{found:?}"
    );
    assert_eq!(
        found
            .get(&("c".to_owned(), "GR001".to_owned()))
            .map(|f| f.2.as_str()),
        Some("said said"),
        "{found:?}"
    );
    // The region of « Oui » is its escapes as written in the line.
    assert_eq!(
        found
            .get(&("c".to_owned(), "QT004".to_owned()))
            .map(|f| (f.0, f.2.as_str())),
        Some((5, r"\u00ab\u00a0Oui\u00a0\u00bb")),
        "{found:?}"
    );
    // Each document's verdict is placed: on its record's line, or the page's first line.
    let verdicts: Vec<&Value> = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .filter(|r| r["ruleId"] == "calq/mt-verdict")
        .collect();
    let placed: Vec<u64> = verdicts
        .iter()
        .filter_map(|r| r["locations"][0]["physicalLocation"]["region"]["startLine"].as_u64())
        .collect();
    assert_eq!(placed, [1, 3, 4, 5, 1], "{verdicts:?}");
    // A plain-text file's verdict: its first line.
    let log = sarif(&[&root().join("tests/fixtures/original.txt")]);
    let verdict = log["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["ruleId"] == "calq/mt-verdict")
        .expect("a verdict");
    assert_eq!(
        verdict["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 1})
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
