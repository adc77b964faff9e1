//! `sarif`: SARIF 2.1.0 (OASIS), so findings show up in code-review and CI tools (GitHub code
//! scanning, GitLab, VS Code's SARIF viewer). One run; the driver lists every rule (each with
//! help that names its section of docs/rules.md) and the MT verdict descriptor. Streamed: the header at
//! `begin`, results as documents arrive, the invocation (inputs not audited) at `end`.
//!
//! Every region is a region of the file the result names ([`Place`]): for a plain-text file,
//! lines and character columns (`columnKind` `unicodeCodePoints`), with byte offsets and a
//! fix for the suggestion when the file's bytes are the text's (no BOM, no lossy decoding);
//! for a JSONL record, the record's line and the columns where the flagged text is written in
//! it (JSON escapes counted as the characters they take in the line), with the record's id as
//! the logical location; for HTML, the page without a region. Where the region is not the
//! text's, the text position is in the result's `properties.text` and there is no fix, so a
//! tool applying fixes never edits another record or the markup. Each finding has
//! `partialFingerprints` that survive reruns and lines moving; each document has an
//! informational MT-verdict result, placed on the record's line or the file's first line.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::Renderer;
use crate::engine::{DocumentReport, Finding, Summary};
use crate::report::{NotAudited, NotAuditedList, Place, end_position, fingerprints};
use crate::rules::{RULES, RuleMeta, Severity};

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub struct Sarif {
    rule_index: HashMap<&'static str, usize>,
    written: usize,
    not_audited: NotAuditedList,
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
            not_audited: NotAuditedList::default(),
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
        "help": {
            "text": format!("{} (`calq explain {}`; {})", m.explanation, m.code, help_anchor(m)),
            "markdown": format!("{}\n\n`calq explain {}`, or {} in calq's repository.", m.explanation, m.code, help_anchor(m)),
        },
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

/// Where a rule's documentation is: its section of docs/rules.md (`calq rules --format
/// markdown`) in calq's repository; `calq explain CODE` prints the same. Given in the rule's
/// help text, not as `helpUri`: SARIF wants an absolute URI there, and calq has no address
/// on the web to give (a relative one fails the schema's format check).
pub fn help_anchor(m: &RuleMeta) -> String {
    format!("{HELP_DOC}#{}-{}", m.code.to_ascii_lowercase(), m.name)
}

/// The rules' documentation in the repository (generated, kept in step by a test).
pub const HELP_DOC: &str = "docs/rules.md";

/// The descriptor of the per-document MT verdict results (not a rule: nothing to select).
pub const MT_VERDICT_ID: &str = "calq/mt-verdict";

impl Sarif {
    fn location(report: &DocumentReport, uri: &str, place: Place, f: Option<&Finding>) -> Value {
        let mut physical = json!({"artifactLocation": {"uri": uri}});
        match (place, f) {
            (Place::Text { bytes }, Some(f)) => {
                let (end_line, end_column) = end_position(f);
                let mut region = json!({
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": end_line,
                    "endColumn": end_column,
                    "snippet": {"text": f.text},
                });
                if bytes {
                    region["byteOffset"] = json!(f.start);
                    region["byteLength"] = json!(f.end - f.start);
                }
                physical["region"] = region;
            }
            // The flagged text as it is written in the record's line (JSON escapes and all),
            // where the engine could place it; else the record's whole line. Where in the
            // decoded text is in the result's properties.
            (Place::Record { line }, Some(f)) => {
                let mut region = json!({"startLine": line});
                if let Some((start, end)) = f.record_columns {
                    region["startColumn"] = json!(start);
                    region["endLine"] = json!(line);
                    region["endColumn"] = json!(end);
                }
                physical["region"] = region;
            }
            // The document's verdict: a JSONL record's whole line, which is the document.
            (Place::Record { line }, None) => physical["region"] = json!({"startLine": line}),
            // The verdict on a file: its first line, where viewers and code scanning can
            // place a result about the whole file (GitHub needs a `startLine`).
            (Place::Text { .. } | Place::Page, None) => {
                physical["region"] = json!({"startLine": 1});
            }
            // HTML findings: the page only (positions are in the extracted text, not the
            // markup).
            (Place::Page, Some(_)) => {}
        }
        let mut location = json!({"physicalLocation": physical});
        if let Some(id) = &report.id {
            location["logicalLocations"] = json!([{"name": id, "fullyQualifiedName": format!("{}[{id}]", report.path), "kind": "object"}]);
        }
        location
    }

    fn result(
        &self,
        report: &DocumentReport,
        uri: &str,
        place: Place,
        f: &Finding,
        fingerprint: &str,
    ) -> Value {
        let mut result = json!({
            "ruleId": f.code,
            "level": level(f.severity),
            "message": {"text": f.message},
            "locations": [Self::location(report, uri, place, Some(f))],
            "partialFingerprints": {"calqFinding/v1": fingerprint},
            "properties": {"family": f.family.name(), "rule": f.rule},
        });
        if let Some(&i) = self.rule_index.get(f.code) {
            result["ruleIndex"] = json!(i);
        }
        if !matches!(place, Place::Text { .. }) {
            // Positions in the checked text (the record's `text`, the page's extracted text).
            result["properties"]["text"] = json!({
                "line": f.line, "column": f.column, "start": f.start, "end": f.end, "flagged": f.text,
            });
        }
        if let Some(suggestion) = &f.suggestion {
            result["properties"]["suggestion"] = json!(suggestion);
            if let Some(a) = f.applicability {
                result["properties"]["applicability"] = json!(a);
            }
            // A fix only where its region is a region of the file: a tool applying it must not
            // edit another JSONL record or the page's markup.
            if place == (Place::Text { bytes: true }) {
                let (end_line, end_column) = end_position(f);
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
            }
        }
        result
    }

    /// The document's MT verdict as a result of its own: informational, no level, the
    /// verdict, probability, source language and (not English) language in its properties.
    fn verdict(report: &DocumentReport, uri: &str, place: Place) -> Value {
        let mt = &report.mt;
        json!({
            "ruleId": MT_VERDICT_ID,
            "kind": "informational",
            "level": "none",
            "message": {"text": if mt.summary.is_empty() { super::mt_line(report) } else { mt.summary.clone() }},
            "locations": [Self::location(report, uri, place, None)],
            "partialFingerprints": {"calqVerdict/v1": report.id.as_deref().unwrap_or("document")},
            "properties": {
                "mt": {
                    "verdict": mt.verdict.name(),
                    "probability": mt.probability,
                    "source_language": mt.source_language,
                    "source_probability": mt.source_probability,
                    "language": mt.language,
                    "summary": mt.summary,
                },
                "language": report.language.code,
            },
        })
    }

    fn write(&mut self, w: &mut dyn Write, result: &Value) -> io::Result<()> {
        w.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut *w, result).map_err(io::Error::other)?;
        self.written += 1;
        Ok(())
    }
}

impl Renderer for Sarif {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        let mut rules: Vec<Value> = RULES.iter().map(|r| rule(r.meta())).collect();
        rules.push(json!({
            "id": MT_VERDICT_ID,
            "name": "mt-verdict",
            "shortDescription": {"text": "The document's machine-translation verdict"},
            "fullDescription": {"text": "One informational result per document: whether it reads like machine translation (verdict, calibrated probability, likely source language), or why it was not judged (no text, not English, too short)."},
            "help": {
                "text": format!("{HELP_DOC}#machine-translation-verdict in calq's repository"),
                "markdown": format!("{HELP_DOC}#machine-translation-verdict in calq's repository."),
            },
            "defaultConfiguration": {"level": "none"},
            "properties": {"family": "mt", "tags": ["mt"]},
        }));
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
        let place = Place::of(report);
        let fingerprints = fingerprints(report);
        for (f, fingerprint) in report.findings.iter().zip(&fingerprints) {
            let result = self.result(report, &uri, place, f, fingerprint);
            self.write(w, &result)?;
        }
        self.write(w, &Self::verdict(report, &uri, place))
    }

    fn not_audited(&mut self, _w: &mut dyn Write, item: &NotAudited) -> io::Result<()> {
        self.not_audited.add(item);
        Ok(())
    }

    /// Closes the results, then says in the invocation whether every input was audited, with
    /// a notification per input that was not.
    fn end(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let notifications: Vec<Value> = self
            .not_audited
            .listed
            .iter()
            .map(|item| {
                json!({
                    "level": "error",
                    "message": {"text": format!("{}: {}", item.input, item.reason)},
                })
            })
            .collect();
        let invocation = json!({
            "executionSuccessful": self.not_audited.count == 0,
            "toolExecutionNotifications": notifications,
        });
        let invocation = serde_json::to_string(&invocation).map_err(io::Error::other)?;
        writeln!(w, "\n],\"invocations\":[{invocation}]}}]}}")
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
