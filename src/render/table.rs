//! `table`: the default terminal output — per document a header, a table of findings and an
//! MT line; colour only when asked for by the caller.

use std::io::{self, Write};

use tabled::builder::Builder;
use tabled::settings::peaker::PriorityMax;
use tabled::settings::{Style, Width};

use super::{Renderer, cell_text, counts_line, mt_evidence, mt_line, suggestion_text, title, wrap};
use crate::engine::{DocumentReport, Summary};
use crate::rules::Severity;
use crate::terminal::one_line;

pub struct Table {
    color: bool,
    /// Columns to wrap to (the terminal's width).
    width: usize,
}

impl Table {
    pub fn new(color: bool, width: usize) -> Self {
        Table { color, width }
    }

    fn paint(&self, text: &str, ansi: &str) -> String {
        if self.color {
            format!("\x1b[{ansi}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    fn severity(&self, s: Severity) -> String {
        let ansi = match s {
            Severity::Error => "1;31",
            Severity::Warning => "33",
            Severity::Info => "36",
        };
        self.paint(s.name(), ansi)
    }
}

impl Renderer for Table {
    fn document(&mut self, w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        let language = if report.language.is_known() {
            format!("{} {:.2}", report.language.code, report.language.confidence)
        } else {
            "language unknown".to_owned()
        };
        // Paths, record ids, messages (which quote the text) and MT reasons come from the
        // input: shown without their control characters.
        let heading = format!("{} ({language})", title(report));
        for (i, line) in wrap(&one_line(&heading), self.width, "  ")
            .iter()
            .enumerate()
        {
            let line = if i == 0 {
                self.paint(line, "1")
            } else {
                line.clone()
            };
            writeln!(w, "{line}")?;
        }
        if !report.findings.is_empty() {
            let mut b = Builder::default();
            b.push_record(["line:col", "code", "severity", "text", "message"]);
            for f in &report.findings {
                let mut message = one_line(&f.message).into_owned();
                if let Some(s) = &f.suggestion {
                    message.push_str(&format!(" → {}", suggestion_text(s, 40)));
                }
                b.push_record([
                    format!("{}:{}", f.line, f.column),
                    self.paint(f.code, "1"),
                    self.severity(f.severity),
                    cell_text(&f.text, 40),
                    message,
                ]);
            }
            let mut table = b.build();
            // The widest column (the message, as a rule) gets narrower first, until the table
            // fits the terminal.
            table.with(Style::rounded()).with(
                Width::wrap(self.width)
                    .keep_words(true)
                    .priority(PriorityMax::right()),
            );
            writeln!(w, "{table}")?;
        }
        let counts = counts_line(
            report.findings.len(),
            report.count(Severity::Error),
            report.count(Severity::Warning),
            report.count(Severity::Info),
        );
        let mt = format!("{} · {counts}", mt_line(report));
        for line in wrap(&one_line(&mt), self.width, "  ") {
            writeln!(w, "{line}")?;
        }
        for reason in mt_evidence(report) {
            for line in wrap(&one_line(&reason), self.width.saturating_sub(2), "    ") {
                writeln!(w, "  {}", self.paint(&line, "2"))?;
            }
        }
        writeln!(w)
    }

    fn end(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        if s.documents == 1 && s.not_audited == 0 {
            return Ok(());
        }
        let failed = if s.not_audited == 0 {
            String::new()
        } else {
            format!(
                " · {} input{} not audited (see the messages on standard error)",
                s.not_audited,
                if s.not_audited == 1 { "" } else { "s" }
            )
        };
        let line = format!(
            "{} document{} · {} · {} machine-translated{failed}",
            s.documents,
            if s.documents == 1 { "" } else { "s" },
            counts_line(s.findings, s.errors, s.warnings, s.infos),
            s.machine_translated
        );
        for line in wrap(&line, self.width, "  ") {
            writeln!(w, "{line}")?;
        }
        Ok(())
    }
}
