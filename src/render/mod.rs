//! Renderers: each takes finished reports and a writer and formats them. Renderers never
//! compute (counts and verdicts come from the engine); the engine never prints.

pub mod html;
mod json;
mod markdown;
pub mod report;
pub mod rules;
pub mod sarif;
mod table;

pub use json::SCHEMA_VERSION;

use std::io::{self, Write};

use crate::engine::{DocumentReport, Summary};
use crate::report::NotAudited;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One table per document, for a terminal.
    Table,
    /// One JSON object (schema version 1) with every document.
    Json,
    /// One JSON document object per line, written as each document is done.
    Jsonl,
    /// Headings and tables for pasting into tickets.
    Markdown,
    /// One self-contained page: summary, article table, highlighted text (as `calq report`).
    Html,
    /// SARIF 2.1.0, for code-review and CI tools.
    Sarif,
}

/// A streaming renderer: `begin`, then `document` once per document in input order, then
/// `end` with the run's totals.
pub trait Renderer {
    fn begin(&mut self, _w: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    fn document(&mut self, w: &mut dyn Write, report: &DocumentReport) -> io::Result<()>;
    /// `document` with the text the report's offsets point into, for renderers that show it
    /// (HTML). The run loop calls this one; by default the text is not needed.
    fn document_with_text(
        &mut self,
        w: &mut dyn Write,
        report: &DocumentReport,
        _text: &str,
    ) -> io::Result<()> {
        self.document(w, report)
    }
    /// An input that was not audited (called in input order, between documents). Reports
    /// list these; by default a renderer leaves them to the messages on standard error.
    fn not_audited(&mut self, _w: &mut dyn Write, _item: &NotAudited) -> io::Result<()> {
        Ok(())
    }
    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()>;
}

/// Writes nothing: for `--diff`, whose output is the diff itself.
pub struct Silent;

impl Renderer for Silent {
    fn document(&mut self, _w: &mut dyn Write, _report: &DocumentReport) -> io::Result<()> {
        Ok(())
    }
    fn end(&mut self, _w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}

/// The renderer for `format`; `color` and `width` (columns to wrap to) concern the table.
pub fn renderer(format: Format, color: bool, width: usize) -> Box<dyn Renderer> {
    match format {
        Format::Table => Box::new(table::Table::new(color, width)),
        Format::Json => Box::new(json::Json::default()),
        Format::Jsonl => Box::new(json::JsonLines::default()),
        Format::Markdown => Box::new(markdown::Markdown::default()),
        Format::Html => Box::new(html::Html::new()),
        Format::Sarif => Box::new(sarif::Sarif::new()),
    }
}

/// The document's name as shown to people: the path, with the JSONL id where there is one.
fn title(report: &DocumentReport) -> String {
    match &report.id {
        Some(id) => format!("{} [{id}]", report.path),
        None => report.path.clone(),
    }
}

/// The MT line of a document, e.g. "MT: machine-translated (p = 0.97, from fr)", or for a
/// document the detector did not judge, "MT: not judged, not-english (ru)".
fn mt_line(report: &DocumentReport) -> String {
    let mt = &report.mt;
    let Some(p) = mt.probability else {
        let mut line = format!("MT: not judged, {}", mt.verdict.name());
        if let Some(lang) = &mt.language {
            line.push_str(&format!(" ({lang})"));
        }
        return line;
    };
    let mut line = format!("MT: {} (p = {p:.2}", mt.verdict.name());
    if let Some(lang) = &mt.source_language {
        line.push_str(&format!(", from {lang}"));
    }
    line.push(')');
    line
}

/// A probability as a table cell: two decimals, or "–" for a document not judged.
fn probability_cell(p: Option<f64>) -> String {
    p.map_or_else(|| "–".to_owned(), |p| format!("{p:.2}"))
}

/// The MT verdict in words (the summary sentence), then the reasons behind it, one line
/// each, strongest first, e.g. "+2.70  4 passages of translated French page furniture";
/// reasons that carry no weight of their own (the source-language guess) have no number.
fn mt_evidence(report: &DocumentReport) -> Vec<String> {
    let mt = &report.mt;
    std::iter::once(mt.summary.clone())
        .filter(|s| !s.is_empty())
        .chain(mt.evidence.iter().map(|e| {
            if e.weight == 0.0 {
                e.detail.clone()
            } else {
                format!("{:+.2}  {}", e.weight, e.detail)
            }
        }))
        .collect()
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word gets a
/// line of its own, broken only if it alone is too long); each line after the first starts
/// with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut len = 0;
    let room = |first: bool| {
        if first {
            width
        } else {
            width.saturating_sub(indent.chars().count()).max(1)
        }
    };
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let mut word: Vec<char> = word.chars().collect();
        loop {
            let max = room(lines.is_empty());
            let need = if len == 0 {
                word.len()
            } else {
                len + 1 + word.len()
            };
            if need <= max {
                if len > 0 {
                    line.push(' ');
                }
                line.extend(word.iter());
                len = need;
                break;
            }
            if len > 0 {
                lines.push(std::mem::take(&mut line));
                len = 0;
                continue;
            }
            // A word longer than a whole line: cut it.
            let rest = word.split_off(max.min(word.len()));
            line.extend(word.iter());
            lines.push(std::mem::take(&mut line));
            word = rest;
            if word.is_empty() {
                break;
            }
        }
    }
    if len > 0 || lines.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == 0 { l } else { format!("{indent}{l}") })
        .collect()
}

/// "3 findings: 1 error, 2 warnings" (or "no findings").
fn counts_line(findings: usize, errors: usize, warnings: usize, infos: usize) -> String {
    if findings == 0 {
        return "no findings".into();
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let parts: Vec<String> = [(errors, "error"), (warnings, "warning"), (infos, "info")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| plural(n, w))
        .collect();
    format!("{}: {}", plural(findings, "finding"), parts.join(", "))
}

/// Flagged text for one table cell: control characters made visible, long text shortened.
/// A suggestion as shown to people: an empty one deletes the text.
fn suggestion_text(suggestion: &str, max_chars: usize) -> String {
    if suggestion.is_empty() {
        "(delete)".to_owned()
    } else {
        format!("`{}`", cell_text(suggestion, max_chars))
    }
}

fn cell_text(text: &str, max_chars: usize) -> String {
    let visible: String = text
        .chars()
        .map(|c| match c {
            '\n' => '⏎',
            '\r' | '\t' => ' ',
            c if crate::terminal::unprintable(c) => '\u{FFFD}',
            c => c,
        })
        .collect();
    if visible.chars().count() <= max_chars {
        return visible;
    }
    let mut short: String = visible.chars().take(max_chars.saturating_sub(1)).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_naturally() {
        assert_eq!(counts_line(0, 0, 0, 0), "no findings");
        assert_eq!(counts_line(3, 1, 2, 0), "3 findings: 1 error, 2 warnings");
        assert_eq!(counts_line(1, 0, 0, 1), "1 finding: 1 info");
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let text = "one two three four five six seven eight nine ten";
        let lines = wrap(text, 14, "  ");
        assert_eq!(
            lines,
            [
                "one two three",
                "  four five",
                "  six seven",
                "  eight nine",
                "  ten"
            ]
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 14));
        assert_eq!(wrap("abcdefghijkl", 5, ""), ["abcde", "fghij", "kl"]);
        assert_eq!(wrap("", 10, ""), [""]);
    }

    #[test]
    fn cells_are_single_line_and_bounded() {
        assert_eq!(cell_text("in\nin", 10), "in⏎in");
        assert_eq!(cell_text("abcdefgh", 5), "abcd…");
    }
}
