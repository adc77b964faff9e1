//! `markdown`: a heading, the language and MT lines, and a pipe table per document.

use std::io::{self, Write};

use tabled::builder::Builder;
use tabled::settings::Style;

use super::{Renderer, cell_text, counts_line, mt_evidence, mt_line, suggestion_text, title};
use crate::engine::{DocumentReport, Summary};
use crate::report::{NotAudited, NotAuditedList};

#[derive(Default)]
pub struct Markdown {
    not_audited: NotAuditedList,
}

/// Text for Markdown, shown as the characters it is and never read as markup: `<`, `>` and
/// `&` become entities (no raw HTML, no autolinks, no entity tricks reach a renderer), and
/// the characters that start code spans, links, emphasis or break a table (`` ` [ ] * _ | \ ``)
/// are backslash-escaped. Line breaks become spaces, so text stays in its heading or cell;
/// other control characters become U+FFFD. Everything else is left as it is, so the file
/// reads as plain text too.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '|' | '`' | '[' | ']' | '*' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

impl Renderer for Markdown {
    fn document(&mut self, w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        writeln!(w, "## {}\n", escape(&title(report)))?;
        writeln!(
            w,
            "Language: {} ({:.2}) · {} · {}\n",
            escape(report.language.code),
            report.language.confidence,
            escape(&mt_line(report)),
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

    fn not_audited(&mut self, _w: &mut dyn Write, item: &NotAudited) -> io::Result<()> {
        self.not_audited.add(item);
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, s: &Summary) -> io::Result<()> {
        super::report::not_audited_markdown(w, &self.not_audited)?;
        let failed = if s.not_audited == 0 {
            String::new()
        } else {
            format!(
                ", {} input{} not audited",
                s.not_audited,
                if s.not_audited == 1 { "" } else { "s" }
            )
        };
        writeln!(
            w,
            "**Summary:** {} document{}, {}, {} machine-translated{failed}",
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
            escape(&format!("{} {}", f.code, f.rule)),
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escape_keeps_markup_as_text() {
        assert_eq!(escape("plain words"), "plain words");
        assert_eq!(
            escape("<img src=x onerror=alert(1)> & `x` [a](javascript:b)"),
            "&lt;img src=x onerror=alert(1)&gt; &amp; \\`x\\` \\[a\\](javascript:b)"
        );
        assert_eq!(escape("a|b\\c\nd*e_f"), "a\\|b\\\\c d\\*e\\_f");
        assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
    }
}
