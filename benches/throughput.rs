//! Throughput of the audit on a fixed corpus built from the project's own fixtures
//! (`tests/fixtures`): every article, the HTML page's extracted text and the JSONL records,
//! repeated to about 512 KB. Run with `cargo bench --bench throughput`; divan prints the time
//! per pass and MB/s for each stage. `BENCH_CORPUS=target/corpus-10mb.jsonl` measures that
//! corpus instead.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark may stop on broken fixtures

use std::path::{Path, PathBuf};

use calq::document::{Document, Origin, html};
use calq::engine::{Engine, Settings};
use calq::glossary::GlossarySet;
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    divan::main();
}

/// About this many bytes of text in the corpus.
const CORPUS_BYTES: usize = 512 * 1024;

/// The fixture texts, in file-name order, repeated to [`CORPUS_BYTES`]; or, when
/// `BENCH_CORPUS` names a JSONL file (e.g. `target/corpus-10mb.jsonl`), its `text` fields.
fn corpus() -> Vec<String> {
    if let Ok(path) = std::env::var("BENCH_CORPUS") {
        let text = std::fs::read_to_string(&path).expect("BENCH_CORPUS is a readable file");
        return text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|line| {
                let v: serde_json::Value = serde_json::from_str(line).expect("JSON record");
                v["text"].as_str().expect("text").to_owned()
            })
            .collect();
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut texts = Vec::new();
    for file in files {
        let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("");
        let text = std::fs::read_to_string(&file).expect("fixtures are UTF-8");
        match ext {
            "txt" | "md" => texts.push(text),
            "html" | "htm" => texts.push(html::extract(&text)),
            "jsonl" => {
                for line in text.lines().filter(|l| !l.trim().is_empty()) {
                    let v: serde_json::Value = serde_json::from_str(line).expect("JSON record");
                    texts.push(v["text"].as_str().expect("text").to_owned());
                }
            }
            _ => {}
        }
    }
    assert!(!texts.is_empty(), "no fixtures found");
    let mut out = Vec::new();
    let mut bytes = 0;
    while bytes < CORPUS_BYTES {
        for t in &texts {
            bytes += t.len();
            out.push(t.clone());
        }
    }
    out
}

fn documents(texts: &[String]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document::new("bench", Some(i.to_string()), t.clone(), Origin::default()))
        .collect()
}

fn engine() -> Engine {
    let glossaries = GlossarySet::load(true, &[] as &[&Path]).expect("shipped glossaries");
    Engine::new(&Settings::default(), &glossaries).expect("default engine")
}

fn bytes(texts: &[String]) -> BytesCount {
    BytesCount::new(texts.iter().map(String::len).sum::<usize>())
}

/// The whole audit of each document, as `calq audit` does it on one thread: the document
/// model, every rule and the MT verdict.
#[divan::bench(sample_count = 10)]
fn audit(bencher: Bencher) {
    let texts = corpus();
    let engine = engine();
    bencher.counter(bytes(&texts)).bench(|| {
        let mut findings = 0;
        for (i, t) in texts.iter().enumerate() {
            let doc = Document::new("bench", Some(i.to_string()), t.clone(), Origin::default());
            findings += engine.audit(&doc).findings.len();
        }
        findings
    });
}

/// The document model alone: blocks, sentences, words, language.
#[divan::bench(sample_count = 10)]
fn document_model(bencher: Bencher) {
    let texts = corpus();
    bencher
        .counter(bytes(&texts))
        .bench(|| documents(divan::black_box(&texts)).len());
}

/// Every rule on ready documents, without the MT verdict.
#[divan::bench(sample_count = 10)]
fn rules(bencher: Bencher) {
    let texts = corpus();
    let docs = documents(&texts);
    let engine = engine();
    bencher
        .counter(bytes(&texts))
        .bench(|| docs.iter().map(|d| engine.findings(d).len()).sum::<usize>());
}

/// The MT verdict's parts on ready documents and findings: features, the model's score,
/// and the whole assessment (features, score, source language, evidence sentences).
#[divan::bench(args = ["features", "score", "assess"], sample_count = 10)]
fn mt(bencher: Bencher, part: &str) {
    let texts = corpus();
    let docs = documents(&texts);
    let engine = engine();
    let findings: Vec<_> = docs.iter().map(|d| engine.findings(d)).collect();
    let model = calq::mt::Model::embedded().expect("embedded model");
    let features: Vec<_> = docs
        .iter()
        .zip(&findings)
        .map(|(d, f)| calq::mt::features::extract(d, f))
        .collect();
    let bencher = bencher.counter(bytes(&texts));
    match part {
        "features" => bencher.bench(|| {
            docs.iter()
                .zip(&findings)
                .map(|(d, f)| calq::mt::features::extract(d, f).words)
                .sum::<usize>()
        }),
        "score" => bencher.bench(|| {
            features
                .iter()
                .map(|f| model.score(f).probability)
                .sum::<f64>()
        }),
        _ => bencher.bench(|| {
            docs.iter()
                .zip(&findings)
                .map(|(d, f)| {
                    calq::mt::assess(d, f, &[], &model)
                        .probability
                        .unwrap_or(0.0)
                })
                .sum::<f64>()
        }),
    }
}
