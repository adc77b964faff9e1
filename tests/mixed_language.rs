//! A mostly English article with one line in another language (issue 16 item 1): its
//! language comes from the bulk of its text, and the English rules still run. And a mostly
//! foreign article still gets the English rules on its English blocks.

mod common;

use common::{calq, json};

/// (code, flagged text) of every finding, and the document's language code.
fn audit(text: &str) -> (String, Vec<(String, String)>) {
    let out = calq()
        .args(["audit", "--format=json", "-"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
    let v = json(&out.stdout);
    let doc = &v["documents"][0];
    let findings = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_default().to_owned();
            (s("code"), s("text"))
        })
        .collect();
    (
        doc["language"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        findings,
    )
}

/// Short blocks, as in issue 16: before the fix the Italian line, wherever it stood, made
/// this article French or Italian (confidence 0.07-0.12) and silenced every rule.
const ENGLISH: [&str; 3] = [
    "Talks in Kiev ended on Monday.",
    "The the government pledged 3,5 million for the repairs.",
    "One minister called it «bonjour» to a new era.",
];
const ITALIAN: &str = "Leggi anche: Zelensky incontra i leader europei a Bruxelles per \
discutere nuovi aiuti militari e finanziari";

#[test]
fn one_italian_furniture_line_leaves_an_english_article_english_with_all_its_findings() {
    let clean = ENGLISH.join("\n\n");
    let (language, expected) = audit(&clean);
    let codes: Vec<&str> = expected.iter().map(|(c, _)| c.as_str()).collect();
    for code in ["NM002", "GR001", "LC001", "QT004"] {
        assert!(codes.contains(&code), "{code} missing from {expected:?}");
    }
    assert_ne!(language, "it");
    for at in 0..=ENGLISH.len() {
        let mut blocks = ENGLISH.to_vec();
        blocks.insert(at, ITALIAN);
        let (language, got) = audit(&blocks.join("\n\n"));
        assert_eq!(language, "en", "Italian line at block {at}");
        // Every finding of the clean text, at the same text; the Italian line may add its own
        // (UT001 on the line, NM001 on its "Zelensky").
        let without_italian: Vec<_> = got
            .iter()
            .filter(|(_, t)| !ITALIAN.contains(t.as_str()))
            .collect();
        assert!(
            got.iter().any(|(c, _)| c == "UT001"),
            "the Italian line is flagged as untranslated: {got:?}"
        );
        assert_eq!(
            without_italian,
            expected.iter().collect::<Vec<_>>(),
            "Italian line at block {at}"
        );
    }
}

#[test]
fn english_rules_still_run_on_the_english_block_of_a_mostly_italian_article() {
    let italian = [ITALIAN; 3].join("\n\n");
    let text = format!("{italian}\n\nThe the government pledged 3,5 million for the repairs.");
    let (language, got) = audit(&text);
    assert_eq!(language, "it");
    let codes: Vec<&str> = got.iter().map(|(c, _)| c.as_str()).collect();
    assert!(codes.contains(&"GR001"), "{got:?}");
    assert!(codes.contains(&"LC001"), "{got:?}");
    // Nothing is flagged in the Italian blocks by rules written for English; UT002 marks the
    // document as Italian on its first line.
    assert!(
        got.iter()
            .all(|(c, t)| c == "UT002" || !t.contains("Zelensky")),
        "{got:?}"
    );
    assert!(codes.contains(&"UT002"), "{got:?}");
}
