//! calq: a translation-quality checker for English news articles.

/// Atomic file writes (temporary file renamed into place).
pub mod atomic;
/// Command-line definitions (clap derive).
pub mod cli;
/// `calq.toml` discovery, parsing and layering.
pub mod config;
/// The document model: text, blocks, sentences, words, language, positions.
pub mod document;
/// Rule selection, running rules, findings and summaries.
pub mod engine;
/// The crate's error type.
pub mod error;
/// A finding: a rule's diagnostic placed in a document (below the engine and the MT detector).
pub mod finding;
/// Applying fixes (`--fix`, `--diff`).
pub mod fix;
/// Glossaries: model, loading, shipped data, name matching.
pub mod glossary;
/// Expanding paths and reading files, HTML and JSONL corpora into documents.
pub mod input;
/// Reading calq's own audit output back, to merge the shards of a corpus into one report.
pub mod merge;
/// Machine-translation detector: features, model, verdict, evidence, training, evaluation.
pub mod mt;
/// Table, JSON, JSONL, Markdown, HTML and SARIF output.
pub mod render;
/// What editor reports show: article digests, tallies, ranking, highlight segments.
pub mod report;
/// Rules: the `Check` trait, metadata, registry, one file per rule.
pub mod rules;
/// The commands, wiring arguments to the library.
pub mod run;
/// Whether two paths name the same file (links count): outputs never overwrite inputs.
pub mod same_file;
/// Input text made safe to print on a terminal (no control characters).
pub mod terminal;

pub use error::{Error, Result};
