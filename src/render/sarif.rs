//! `sarif`: SARIF 2.1.0 (OASIS), so findings show up in code-review and CI tools (GitHub code
//! scanning, GitLab, VS Code's SARIF viewer). One run; the driver lists every rule; each
//! finding is a result whose region gives lines and character columns (`columnKind`
//! `unicodeCodePoints`) as well as the byte offset and length, and whose suggestion, if any,
//! is a fix. Streamed: the header at `begin`, results as documents arrive, the closing at
//! `end`.
//!
//! Regions refer to the text calq checked: for HTML input that is the extracted article text,
//! and for a JSONL record the record's `text` (the record's id is the result's logical
//! location).

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::Renderer;
use crate::engine::{DocumentReport, Finding, Summary};
use crate::report::end_position;
use crate::rules::{RULES, RuleMeta, Severity};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif {
    rule_index: HashMap<&'static str, usize>,
    written: usize,
}

impl Default for Sarif {
    fn default() -> Self {
        Sarif::new()
    }
}

impl Sarif {
    pub fn new() -> Sarif {
        Sarif {
            rule_index: RULES
                .iter()
                .enumerate()
                .map(|(i, r)| (r.meta().code, i))
                .collect(),
            written: 0,
        }
    }
}

pub fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn rule(m: &RuleMeta) -> Value {
    json!({
        "id": m.code,
        "name": m.name,
        "shortDescription": {"text": m.summary},
        "fullDescription": {"text": m.explanation},
        "help": {"text": m.explanation, "markdown": m.explanation},
        "defaultConfiguration": {"level": level(m.severity)},
        "properties": {"family": m.family.name(), "tags": [m.family.name()]},
    })
}

/// A path as a URI reference: relative paths stay relative (tools resolve them against the
/// checkout), absolute ones become `file://` URIs; separators are `/` and anything outside
/// the unreserved and path characters is percent-encoded (`:` too, so that a relative path
/// never reads as a scheme).
pub fn path_uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    let windows_drive = matches!(path.as_bytes(), [d, b':', b'/', ..] if d.is_ascii_alphabetic());
    if path.starts_with('/') {
        out.push_str("file://");
    } else if windows_drive {
        out.push_str("file:///");
    }
    for (i, b) in path.bytes().enumerate() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            );
        if keep || (windows_drive && i == 1) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Sarif {
    fn result(&self, report: &DocumentReport, uri: &str, f: &Finding) -> Value {
        let (end_line, end_column) = end_position(f);
        let mut location = json!({
            "physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": end_line,
                    "endColumn": end_column,
                    "byteOffset": f.start,
                    "byteLength": f.end - f.start,
                    "snippet": {"text": f.text},
                }
            }
        });
        if let Some(id) = &report.id {
            location["logicalLocations"] = json!([{"name": id, "kind": "object"}]);
        }
        let mut result = json!({
            "ruleId": f.code,
            "level": level(f.severity),
            "message": {"text": f.message},
            "locations": [location],
            "properties": {"family": f.family.name(), "rule": f.rule},
        });
        if let Some(&i) = self.rule_index.get(f.code) {
            result["ruleIndex"] = json!(i);
        }
        if let Some(suggestion) = &f.suggestion {
            let description = if suggestion.is_empty() {
                format!("Delete `{}`", f.text)
            } else {
                format!("Replace `{}` with `{suggestion}`", f.text)
            };
            result["fixes"] = json!([{
                "description": {"text": description},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri},
                    "replacements": [{
                        "deletedRegion": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": end_line,
                            "endColumn": end_column,
                            "byteOffset": f.start,
                            "byteLength": f.end - f.start,
                        },
                        "insertedContent": {"text": suggestion},
                    }]
                }]
            }]);
            if let Some(a) = f.applicability {
                result["properties"]["applicability"] = json!(a);
            }
        }
        result
    }
}

impl Renderer for Sarif {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        let rules: Vec<Value> = RULES.iter().map(|r| rule(r.meta())).collect();
        let driver = json!({
            "name": "calq",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        });
        let driver = serde_json::to_string(&driver).map_err(io::Error::other)?;
        write!(
            w,
            "{{\"$schema\":\"{SCHEMA}\",\"version\":\"2.1.0\",\"runs\":[{{\"tool\":{{\"driver\":{driver}}},\"columnKind\":\"unicodeCodePoints\",\"results\":["
        )
    }

    fn document(&mut self, w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        let uri = path_uri(&report.path);
        for f in &report.findings {
            let result = self.result(report, &uri, f);
            w.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *w, &result).map_err(io::Error::other)?;
            self.written += 1;
        }
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        writeln!(w, "\n]}}]}}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            path_uri("tests/fixtures/a b.txt"),
            "tests/fixtures/a%20b.txt"
        );
        assert_eq!(
            path_uri("/srv/news/é#1.txt"),
            "file:///srv/news/%C3%A9%231.txt"
        );
        assert_eq!(path_uri("C:\\news\\a.txt"), "file:///C:/news/a.txt");
        assert_eq!(path_uri("-"), "-");
        assert_eq!(path_uri("a:b.txt"), "a%3Ab.txt");
    }

    #[test]
    fn severities_map_to_sarif_levels() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
    }
}
