//! Reading calq's own audit output back: the JSON Lines of `calq audit -f jsonl` (one
//! document a line) or the JSON of `calq audit -f json` and `report.json`, so that the shards
//! of a corpus audited on several machines make one report (`calq report --merge`) without
//! auditing anything again.

use serde::Deserialize;

use crate::document::Language;
use crate::document::lang::known_code;
use crate::engine::DocumentReport;
use crate::finding::Finding;
use crate::mt::{Assessment, Evidence, Verdict};
use crate::rules::{self, Applicability, Severity};

/// A document as `calq audit` writes it, with owned strings where the report holds static
/// ones (rule codes, language codes).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Written {
    path: String,
    id: Option<String>,
    language: WrittenLanguage,
    mt: WrittenAssessment,
    findings: Vec<WrittenFinding>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenLanguage {
    code: String,
    confidence: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenAssessment {
    verdict: Verdict,
    probability: Option<f64>,
    source_language: Option<String>,
    source_probability: Option<f64>,
    language: Option<String>,
    summary: String,
    evidence: Vec<Evidence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WrittenFinding {
    code: String,
    // The rule's name and family are taken from the rule the code names.
    #[serde(rename = "rule")]
    _rule: serde::de::IgnoredAny,
    #[serde(rename = "family")]
    _family: serde::de::IgnoredAny,
    severity: Severity,
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    text: String,
    message: String,
    suggestion: Option<String>,
    applicability: Option<Applicability>,
    #[serde(default)]
    source_language: Option<String>,
    #[serde(default)]
    policy: Option<String>,
}

/// The JSON of `calq audit -f json` (and `report.json`): only its documents are read back.
#[derive(Deserialize)]
struct WrittenRun {
    version: u32,
    documents: Vec<serde_json::Value>,
}

/// One document of `calq audit -f jsonl` output.
pub fn document(line: &str) -> Result<DocumentReport, String> {
    let written: Written = serde_json::from_str(line)
        .map_err(|e| format!("not a document of `calq audit -f jsonl` output: {e}"))?;
    from_written(written)
}

/// The documents of `calq audit -f json` output (or a report's `report.json`), each a
/// result or the reason it could not be read.
pub fn run(text: &str) -> Result<Vec<Result<DocumentReport, String>>, String> {
    let run: WrittenRun = serde_json::from_str(text)
        .map_err(|e| format!("not the output of `calq audit -f json`: {e}"))?;
    if run.version != crate::render::SCHEMA_VERSION {
        return Err(format!(
            "written in JSON schema version {}; this calq reads version {}",
            run.version,
            crate::render::SCHEMA_VERSION
        ));
    }
    Ok(run
        .documents
        .into_iter()
        .map(|value| {
            serde_json::from_value::<Written>(value)
                .map_err(|e| format!("a document that calq did not write: {e}"))
                .and_then(from_written)
        })
        .collect())
}

fn from_written(w: Written) -> Result<DocumentReport, String> {
    let code = |c: &str| known_code(c).ok_or_else(|| format!("unknown language code `{c}`"));
    let findings = w
        .findings
        .into_iter()
        .map(|f| {
            let meta = rules::find(&f.code)
                .filter(|r| r.meta().code == f.code)
                .ok_or_else(|| format!("unknown rule code `{}`", f.code))?
                .meta();
            Ok(Finding {
                code: meta.code,
                rule: meta.name,
                family: meta.family,
                severity: f.severity,
                start: f.start,
                end: f.end,
                line: f.line,
                column: f.column,
                text: f.text,
                message: f.message,
                suggestion: f.suggestion,
                applicability: f.applicability,
                source_language: f.source_language.as_deref().map(code).transpose()?,
                policy: f.policy,
                // Positions in a corpus file's lines are not in the audit output.
                record_columns: None,
            })
        })
        .collect::<Result<Vec<Finding>, String>>()?;
    Ok(DocumentReport {
        path: w.path,
        id: w.id,
        language: Language {
            code: code(&w.language.code)?,
            confidence: w.language.confidence,
        },
        mt: Assessment {
            verdict: w.mt.verdict,
            probability: w.mt.probability,
            source_language: w.mt.source_language,
            source_probability: w.mt.source_probability,
            language: w.mt.language,
            summary: w.mt.summary,
            evidence: w.mt.evidence,
        },
        findings,
        origin: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Engine;
    use crate::glossary::GlossarySet;

    fn audited(text: &str) -> DocumentReport {
        let glossaries = GlossarySet::load(true, &[] as &[std::path::PathBuf]).expect("glossaries");
        let engine = Engine::new(&crate::engine::Settings::default(), &glossaries).expect("engine");
        let mut doc = crate::document::Document::from_text(text);
        doc.path = "a.txt".into();
        engine.audit(&doc)
    }

    #[test]
    fn a_written_document_reads_back_the_same() {
        let report = audited(
            "The minister said in Kiev that the the talks were \u{201c}Useful\u{201d}. \
             Read also: the summit. He did not never agree, said Riabkov.",
        );
        assert!(report.findings.len() >= 3, "{:?}", report.findings);
        let line = serde_json::to_string(&report).expect("json");
        let back = document(&line).expect("read back");
        assert_eq!(serde_json::to_string(&back).expect("json"), line);
        assert_eq!(back.findings, report.findings);
        assert_eq!(back.mt, report.mt);
    }

    #[test]
    fn other_json_is_refused_with_a_reason() {
        assert!(document(r#"{"id": "x", "text": "An article."}"#).is_err());
        let mut value = serde_json::to_value(audited("Some text here.")).expect("json");
        value["findings"] = serde_json::json!([{
            "code": "ZZ999", "rule": "x", "family": "grammar", "severity": "warning",
            "start": 0, "end": 1, "line": 1, "column": 1, "text": "S", "message": "m",
            "suggestion": null, "applicability": null
        }]);
        let err = document(&value.to_string()).expect_err("unknown code");
        assert!(err.contains("ZZ999"), "{err}");
        assert!(run(r#"{"version": 99, "documents": []}"#).is_err());
    }
}
