//! Reading calq's own audit output back: the JSON Lines of `calq audit -f jsonl` (one
//! document a line) or the JSON of `calq audit -f json` and `report.json`, so that the shards
//! of a corpus audited on several machines make one report (`calq report --merge`) without
//! auditing anything again.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use serde::Deserialize;

use crate::document::Language;
use crate::document::lang::known_code;
use crate::engine::DocumentReport;
use crate::finding::Finding;
use crate::mt::{Assessment, Evidence, Verdict};
use crate::report::NotAudited;
use crate::rules::{self, Applicability, Severity};

/// A document as `calq audit` writes it, with owned strings where the report holds static
/// ones (rule codes, language codes). Fields this calq does not know are ignored: DESIGN.md
/// lets a later calq add fields to its output, and its shards must still merge.
#[derive(Deserialize)]
struct Written {
    path: String,
    id: Option<String>,
    language: WrittenLanguage,
    mt: WrittenAssessment,
    findings: Vec<WrittenFinding>,
}

#[derive(Deserialize)]
struct WrittenLanguage {
    code: String,
    confidence: f64,
}

#[derive(Deserialize)]
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

/// The JSON of `calq audit -f json` (and `report.json`): its documents and the inputs it
/// could not audit are read back.
#[derive(Deserialize)]
struct WrittenRun {
    version: u32,
    documents: Vec<serde_json::Value>,
    #[serde(default)]
    not_audited: Vec<NotAudited>,
    #[serde(default)]
    summary: Option<WrittenSummary>,
}

#[derive(Deserialize)]
struct WrittenSummary {
    /// Every input not audited; `not_audited` lists only the first
    /// [`crate::report::NOT_AUDITED_LISTED`].
    #[serde(default)]
    not_audited: usize,
}

/// What the JSON of one run holds.
pub struct Run {
    /// Each document, or the reason it could not be read.
    pub documents: Vec<Result<DocumentReport, String>>,
    /// The inputs that run listed as not audited.
    pub not_audited: Vec<NotAudited>,
    /// Inputs that run counted as not audited without listing them.
    pub unlisted: usize,
}

/// One document of `calq audit -f jsonl` output, or why the line is not one (the JSON
/// error, or a rule or language code this calq does not know).
pub fn document(line: &str) -> Result<DocumentReport, String> {
    let written: Written = serde_json::from_str(line).map_err(|e| e.to_string())?;
    from_written(written)
}

/// The documents of `calq audit -f json` output (or a report's `report.json`), each a
/// result or the reason it could not be read, and the inputs that run did not audit.
pub fn run(text: &str) -> Result<Run, String> {
    let run: WrittenRun = serde_json::from_str(text)
        .map_err(|e| format!("not the output of `calq audit -f json`: {e}"))?;
    if run.version != crate::render::SCHEMA_VERSION {
        return Err(format!(
            "written in JSON schema version {}; this calq reads version {}",
            run.version,
            crate::render::SCHEMA_VERSION
        ));
    }
    let listed = run.not_audited.len();
    Ok(Run {
        documents: run
            .documents
            .into_iter()
            .map(|value| {
                serde_json::from_value::<Written>(value)
                    .map_err(|e| format!("a document that calq did not write: {e}"))
                    .and_then(from_written)
            })
            .collect(),
        not_audited: run.not_audited,
        unlisted: run
            .summary
            .map_or(0, |s| s.not_audited.saturating_sub(listed)),
    })
}

/// The text of a shard's bytes: gzip (`.gz`, found by its magic bytes) is decompressed, and a
/// UTF-8 byte-order mark (which editors and PowerShell's redirection add) is dropped, so it
/// does not cost the first line.
pub fn shard_text(bytes: Vec<u8>) -> Result<String, String> {
    let bytes = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(&bytes[..]), &mut out)
            .map_err(|e| format!("a gzip file that cannot be decompressed: {e}"))?;
        out
    } else {
        bytes
    };
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text, so not `calq audit -f json` or `-f jsonl` output (byte {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

/// Consecutive lines that are not calq documents, at the start of a JSON Lines shard, after
/// which the file is taken not to be calq's output at all (an article, a corpus): one
/// message for the file instead of one per line.
pub const PROBE_LINES: usize = 3;

/// Finds documents read from more than one shard: the same path and JSONL id (overlapping
/// shards, or a shard copied under another name). Repeats within one shard are the audit's
/// own (a corpus may repeat an id) and are kept. Also notes ids that an earlier shard had
/// under another path: kept (ids need not be unique across files), but worth a warning.
/// Each document costs a 128-bit hash and a shard number (or two), not its path.
#[derive(Default)]
pub struct Repeats {
    earlier: HashMap<u128, usize>,
    earlier_ids: HashMap<u128, usize>,
    current: Vec<(u128, Option<u128>)>,
    /// Inputs not audited that `-f json` shards listed, by input.
    earlier_not_audited: HashMap<u128, usize>,
    current_not_audited: Vec<u128>,
    shard: usize,
    /// Documents dropped as repeats, and the first: its title and the shards.
    pub repeated: usize,
    pub repeated_example: Option<(String, usize, usize)>,
    /// Documents kept whose id an earlier shard had under another path, and the first.
    pub shared_ids: usize,
    pub shared_id_example: Option<(String, usize, usize)>,
    /// The current folder, asked once ([`same_path`]).
    here: std::sync::OnceLock<Option<std::path::PathBuf>>,
}

/// What to do with a document read from a shard.
#[derive(Debug, PartialEq, Eq)]
pub enum Seen {
    /// Not in an earlier shard: report it.
    New,
    /// An earlier shard had it: leave it out.
    Repeat,
}

impl Repeats {
    /// Starts shard number `shard` (0-based, in the order named): what the shards before it
    /// held is now "earlier".
    pub fn next_shard(&mut self, shard: usize) {
        for (key, id) in self.current.drain(..) {
            self.earlier.entry(key).or_insert(self.shard);
            if let Some(id) = id {
                self.earlier_ids.entry(id).or_insert(self.shard);
            }
        }
        for key in self.current_not_audited.drain(..) {
            self.earlier_not_audited.entry(key).or_insert(self.shard);
        }
        self.shard = shard;
    }

    /// An input a `-f json` shard lists as not audited: `Repeat` when an earlier shard listed
    /// it (a copied shard), so that it is listed and counted once.
    pub fn check_not_audited(&mut self, item: &NotAudited) -> Seen {
        let key = hash128(&item.input);
        if self.earlier_not_audited.contains_key(&key) {
            return Seen::Repeat;
        }
        self.current_not_audited.push(key);
        Seen::New
    }

    pub fn check(&mut self, report: &DocumentReport) -> Seen {
        let here = self
            .here
            .get_or_init(|| std::env::current_dir().ok())
            .as_deref();
        let key = hash128(&(same_path(&report.path, here), &report.id));
        if let Some(&first) = self.earlier.get(&key) {
            self.repeated += 1;
            self.repeated_example
                .get_or_insert_with(|| (title(report), first, self.shard));
            return Seen::Repeat;
        }
        let id = report.id.as_ref().map(hash128);
        if let Some(&first) = id.and_then(|id| self.earlier_ids.get(&id)) {
            self.shared_ids += 1;
            self.shared_id_example
                .get_or_insert_with(|| (title(report), first, self.shard));
        }
        self.current.push((key, id));
        Seen::New
    }
}

/// A document's path as the same file whichever way a shard spelled it: `./c.jsonl`,
/// `c.jsonl` and the absolute path under the current folder (`here`) are one file, as they
/// are to `calq audit`.
fn same_path<'a>(path: &'a str, here: Option<&std::path::Path>) -> std::borrow::Cow<'a, str> {
    let mut rest = path;
    while let Some(r) = rest.strip_prefix("./") {
        rest = r.trim_start_matches('/');
    }
    if std::path::Path::new(rest).is_absolute()
        && let Some(here) = here
        && let Ok(inside) = std::path::Path::new(rest).strip_prefix(here)
    {
        return std::borrow::Cow::Owned(inside.to_string_lossy().into_owned());
    }
    std::borrow::Cow::Borrowed(rest)
}

fn title(report: &DocumentReport) -> String {
    match &report.id {
        Some(id) => format!("{} [{id}]", report.path),
        None => report.path.clone(),
    }
}

/// Two 64-bit SipHashes of `value` with different salts: collisions between a corpus's
/// documents are then out of reach (a single 64-bit hash would make one likely somewhere
/// in billions of documents, silently dropping an article).
fn hash128(value: &impl Hash) -> u128 {
    let half = |salt: u8| {
        let mut h = std::hash::DefaultHasher::new();
        salt.hash(&mut h);
        value.hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
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

    #[test]
    fn one_file_spelled_three_ways_is_one_path() {
        let here = std::env::current_dir().expect("cwd");
        let absolute = here.join("c.jsonl").to_string_lossy().into_owned();
        for spelling in ["c.jsonl", "./c.jsonl", ".//./c.jsonl", absolute.as_str()] {
            assert_eq!(same_path(spelling, Some(&here)), "c.jsonl", "{spelling}");
        }
        assert_eq!(
            same_path("/elsewhere/c.jsonl", Some(&here)),
            "/elsewhere/c.jsonl"
        );
        assert_eq!(same_path("../c.jsonl", Some(&here)), "../c.jsonl");
        assert_eq!(same_path(&absolute, None), absolute);
    }
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

    /// DESIGN.md: "adding fields is fine", so a later calq's shards still merge.
    #[test]
    fn fields_this_calq_does_not_know_are_ignored() {
        let report = audited("The the talks in Kiev went on.");
        let mut value = serde_json::to_value(&report).expect("json");
        value["new_signal"] = serde_json::json!({"x": 1});
        value["language"]["script"] = "Latn".into();
        value["findings"][0]["new_field"] = true.into();
        let back = document(&value.to_string()).expect("read back");
        assert_eq!(back.findings, report.findings);
    }

    #[test]
    fn a_run_gives_back_its_inputs_not_audited() {
        let text = r#"{"version": 1, "documents": [],
            "not_audited": [{"input": "a.jsonl:2", "reason": "not a JSON object"}],
            "summary": {"documents": 0, "not_audited": 3}}"#;
        let run = run(text).expect("read");
        assert_eq!(run.not_audited.len(), 1);
        assert_eq!(run.not_audited[0].input, "a.jsonl:2");
        assert_eq!(run.unlisted, 2);
    }

    #[test]
    fn shard_text_takes_gzip_and_a_byte_order_mark() {
        use std::io::Write as _;
        assert_eq!(
            shard_text(b"\xef\xbb\xbf{}\n".to_vec()).expect("text"),
            "{}\n"
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all("\u{feff}{}\n".as_bytes()).expect("gzip");
        assert_eq!(
            shard_text(gz.finish().expect("gzip")).expect("text"),
            "{}\n"
        );
        let err = shard_text(vec![0x1f, 0x8b, 0, 1]).expect_err("damaged gzip");
        assert!(err.contains("gzip"), "{err}");
        let err = shard_text(b"ok \xff".to_vec()).expect_err("not UTF-8");
        assert!(err.contains("not UTF-8"), "{err}");
    }

    #[test]
    fn documents_repeated_across_shards_are_found_and_repeats_within_one_kept() {
        let doc = |path: &str, id: Option<&str>| DocumentReport {
            path: path.into(),
            id: id.map(str::to_owned),
            language: Language::UNKNOWN,
            mt: Assessment::unscored(),
            findings: Vec::new(),
            origin: Default::default(),
        };
        let mut r = Repeats::default();
        r.next_shard(0);
        assert_eq!(r.check(&doc("c.jsonl", Some("1"))), Seen::New);
        // The audit itself wrote this twice (a corpus repeating an id): kept.
        assert_eq!(r.check(&doc("c.jsonl", Some("1"))), Seen::New);
        assert_eq!(r.check(&doc("a.txt", None)), Seen::New);
        r.next_shard(1);
        assert_eq!(r.check(&doc("c.jsonl", Some("1"))), Seen::Repeat);
        assert_eq!(r.check(&doc("a.txt", None)), Seen::Repeat);
        assert_eq!(r.check(&doc("c.jsonl", Some("2"))), Seen::New);
        assert_eq!(r.check(&doc("a.txt", Some("1"))), Seen::New);
        // Same id under another path: kept, and noted.
        assert_eq!(r.check(&doc("d.jsonl", Some("1"))), Seen::New);
        assert_eq!(r.repeated, 2);
        assert_eq!(r.repeated_example, Some(("c.jsonl [1]".to_owned(), 0, 1)));
        assert_eq!(r.shared_ids, 2);
        let item = NotAudited {
            input: "c.jsonl:4".into(),
            reason: "not a JSON object".into(),
        };
        assert_eq!(r.check_not_audited(&item), Seen::New);
        r.next_shard(2);
        assert_eq!(r.check_not_audited(&item), Seen::Repeat);
    }
}
