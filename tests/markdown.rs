//! Markdown output (`calq audit --format markdown`, `report.md`) rendered by a real Markdown
//! renderer (pulldown-cmark, CommonMark, which passes raw HTML through as pandoc and
//! python-markdown do): hostile file names, JSONL ids and article text must come out as
//! text, never as elements, attributes or links that run script.

mod common;

use std::path::Path;

use common::{calq, report_into};

/// File name, id and text an attacker controls.
const HOSTILE_NAME: &str = "<iframe src=javascript:alert(1)>.txt";
const HOSTILE_ID: &str = "<script>alert(1)</script>`x`[y](javascript:alert(2))";
const HOSTILE_TEXT: &str = "The the talks «<img src=x onerror=alert(3)>» in in Kiev ended. \
<script>alert(4)</script> and [click](javascript:alert(5)) and <a href=\"javascript:x\" onclick=\"y\">z</a> &lt;b&gt; `code`\n";

fn corpus(dir: &Path) {
    std::fs::write(dir.join(HOSTILE_NAME), HOSTILE_TEXT).expect("write article");
    let record = serde_json::json!({"id": HOSTILE_ID, "text": HOSTILE_TEXT});
    std::fs::write(dir.join("corpus.jsonl"), format!("{record}\n")).expect("write corpus");
}

fn to_html(markdown: &str) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        pulldown_cmark::Parser::new_ext(markdown, pulldown_cmark::Options::ENABLE_TABLES),
    );
    html
}

/// Elements a Markdown rendering of calq's output may hold: headings, paragraphs, lists,
/// tables, emphasis and code. Anything else came from article text.
const ALLOWED: [&str; 17] = [
    "h1", "h2", "h3", "p", "ul", "li", "table", "thead", "tbody", "tr", "th", "td", "strong", "em",
    "code", "br", "hr",
];

fn check_safe(html: &str, what: &str) {
    for rest in html.split('<').skip(1) {
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert!(
            ALLOWED.contains(&name.to_ascii_lowercase().as_str()),
            "{what}: element <{name}> in the rendered Markdown:\n{html}"
        );
        let tag = rest.split('>').next().unwrap_or_default();
        assert!(
            !tag.contains('=') || tag.starts_with("th style=") || tag.starts_with("td style="),
            "{what}: attribute in <{tag}>:\n{html}"
        );
    }
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("href="), "{what}: a link in:\n{html}");
    // The hostile text is still there, as text.
    assert!(
        html.contains("&lt;script&gt;alert("),
        "{what}: text lost:\n{html}"
    );
}

#[test]
fn hostile_names_ids_and_text_render_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    corpus(dir.path());
    let run = calq()
        .args(["audit", "--format", "markdown"])
        .arg(dir.path())
        .output()
        .expect("calq runs");
    let markdown = String::from_utf8(run.stdout).expect("UTF-8");
    assert!(
        markdown.contains("onerror"),
        "a finding quotes the hostile text:\n{markdown}"
    );
    check_safe(&to_html(&markdown), "calq audit --format markdown");

    let out = dir.path().join("out");
    report_into(
        [
            dir.path().join(HOSTILE_NAME),
            dir.path().join("corpus.jsonl"),
        ],
        &out,
    );
    let report = std::fs::read_to_string(out.join("report.md")).expect("report.md");
    assert!(
        report.contains("iframe") && report.contains("script"),
        "{report}"
    );
    check_safe(&to_html(&report), "report.md");
}

#[test]
fn unescaped_markdown_would_fail_the_check() {
    // The check itself catches what it is meant to: raw HTML and links survive CommonMark.
    let html = to_html("a <img src=x onerror=alert(1)> [c](javascript:d)");
    assert!(html.contains("<img src=x onerror"));
    assert!(html.contains("href=\"javascript:d\""));
}

/// Every row of every table in report.md has as many cells as its header, and every column
/// has a name (tabled pads short rows, so a row with one value too many shows as a column
/// without a header).
#[test]
fn report_md_tables_are_rectangular() {
    let dir = tempfile::tempdir().expect("tempdir");
    let run = calq()
        .args(["report", "tests/fixtures", "--out"])
        .arg(dir.path())
        .output()
        .expect("calq runs");
    assert_eq!(run.status.code(), Some(0));
    let md = std::fs::read_to_string(dir.path().join("report.md")).expect("report.md");
    let cells = |line: &str| line.replace("\\|", "").matches('|').count();
    let mut header = None;
    let mut tables = 0;
    for line in md.lines() {
        if !line.starts_with('|') {
            header = None;
            continue;
        }
        match header {
            None => {
                header = Some(cells(line));
                tables += 1;
                let names: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
                assert!(
                    names.iter().all(|n| !n.is_empty()),
                    "a column without a name: {line}"
                );
            }
            Some(n) => assert_eq!(cells(line), n, "{line}"),
        }
    }
    assert!(tables >= 4, "{md}");
}
