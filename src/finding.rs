//! A finding: one rule's diagnostic placed in a document, as every renderer writes it. It sits
//! below both the engine, which makes findings, and the MT detector, which reads them.

use serde::Serialize;

use crate::rules::{Applicability, Family, Severity};

/// One finding, as written by every renderer (DESIGN.md's JSON schema).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub rule: &'static str,
    pub family: Family,
    pub severity: Severity,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub message: String,
    pub suggestion: Option<String>,
    pub applicability: Option<Applicability>,
    /// The source language the finding is evidence of (a French romanisation, German page
    /// furniture), when it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_language: Option<&'static str>,
    /// For a name finding from a glossary with a `policy`: that policy, as DESIGN.md's
    /// glossary format says ("shown in reports").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// For a finding in a JSONL record: the 1-based columns of its text in the record's line
    /// of the file (the first character, and the one just past the end), where the JSON
    /// string's escapes make them differ from `column`. Not in the JSON output.
    #[serde(skip)]
    pub record_columns: Option<(usize, usize)>,
}

#[cfg(test)]
impl Finding {
    /// A warning of rule `code` on `text`, placed at the start of line 1 and naming no
    /// source language: what tests of the findings' readers start from (struct update
    /// syntax sets the rest).
    pub fn example(code: &'static str, family: Family, text: &str) -> Finding {
        Finding {
            code,
            rule: "test",
            family,
            severity: Severity::Warning,
            start: 0,
            end: text.len(),
            line: 1,
            column: 1,
            text: text.into(),
            message: String::new(),
            suggestion: None,
            applicability: None,
            source_language: None,
            policy: None,
            record_columns: None,
        }
    }
}
