//! `markdown`: a heading, the language and MT lines, and a pipe table per document.

use std::io::{self, Write};

use tabled::builder::Builder;
use tabled::settings::Style;

use super::{Renderer, cell_text, counts_line, mt_evidence, mt_line, suggestion_text, title};
use crate::engine::{DocumentReport, Summary};

pub struct Markdown;

/// Pipes and backticks would break the table or start code spans.
pub(super) fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('`', "\\`")
}

impl Renderer for Markdown {
    fn document(&mut self, w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        writeln!(w, "## {}\n", escape(&title(report)))?;
        writeln!(
            w,
            "Language: {} ({:.2}) · {} · {}\n",
            report.language.code,
            report.language.confidence,
            mt_line(report),
            counts_line(
                report.findings.len(),
                report.count(crate::rules::Severity::Error),
                report.count(crate::rules::Severity::Warning),
                report.count(crate::rules::Severity::Info),
            )
        )?;
        let evidence = mt_evidence(report);
        if !evidence.is_empty() {
            for line in &evidence {
                writeln!(w, "- {}", escape(line))?;
            }
            writeln!(w)?;
        }
        match findings_table(report) {
            Some(table) => writeln!(w, "{table}\n"),
            None => Ok(()),
        }
    }

    fn end(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        writeln!(
            w,
            "**Summary:** {} document{}, {}, {} machine-translated",
            s.documents,
            if s.documents == 1 { "" } else { "s" },
            counts_line(s.findings, s.errors, s.warnings, s.infos),
            s.machine_translated
        )
    }
}

/// The document's findings as a Markdown table, or `None` when it has none.
pub(super) fn findings_table(report: &DocumentReport) -> Option<String> {
    if report.findings.is_empty() {
        return None;
    }
    let mut b = Builder::default();
    b.push_record([
        "Line:Col",
        "Code",
        "Severity",
        "Text",
        "Message",
        "Suggestion",
    ]);
    for f in &report.findings {
        b.push_record([
            format!("{}:{}", f.line, f.column),
            format!("{} {}", f.code, f.rule),
            f.severity.to_string(),
            escape(&cell_text(&f.text, 60)),
            escape(&f.message),
            f.suggestion
                .as_deref()
                .map(|s| escape(&suggestion_text(s, 60)))
                .unwrap_or_default(),
        ]);
    }
    Some(b.build().with(Style::markdown()).to_string())
}
