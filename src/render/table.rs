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
            let rows: Vec<[String; 5]> = report
                .findings
                .iter()
                .map(|f| {
                    let mut message = one_line(&f.message).into_owned();
                    if let Some(s) = &f.suggestion {
                        message.push_str(&format!(" → {}", suggestion_text(s, 40)));
                    }
                    [
                        format!("{}:{}", f.line, f.column),
                        f.code.to_owned(),
                        f.severity.name().to_owned(),
                        cell_text(&f.text, 40),
                        message,
                    ]
                })
                .collect();
            let (text_width, message_width) = flowing_widths(&rows, self.width);
            let mut b = Builder::default();
            b.push_record(["line:col", "code", "severity", "text", "message"]);
            for (row, f) in rows.iter().zip(&report.findings) {
                b.push_record([
                    row[0].clone(),
                    self.paint(&row[1], "1"),
                    self.severity(f.severity),
                    wrap_cell(&row[3], text_width),
                    wrap_cell(&row[4], message_width),
                ]);
            }
            let mut table = b.build();
            // The cells are wrapped at spaces above, to widths measured in characters; this
            // only acts where characters are wider than one column (CJK), narrowing the
            // widest column until the table fits.
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

/// Columns a rounded five-column table spends on borders and padding: six bars and a space
/// on each side of every cell.
const TABLE_FRAME: usize = 6 + 2 * 5;

/// The widths of the text and message columns for `rows` in a table of `width` columns,
/// in characters. The first three columns are short and kept whole; the text and message
/// share what is left, the text taking no more than a third of it (but at least 10) unless
/// the message needs less. tabled's own wrapping narrowed the widest column first, so the
/// message shrank to the width of the text column, which was mostly empty (34 and 33
/// columns at 100; 14 and 13 at 60), and its `keep_words` still cut words and began lines
/// with a space.
fn flowing_widths(rows: &[[String; 5]], width: usize) -> (usize, usize) {
    let widest = |i: usize, header: &str| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([header.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let fixed = widest(0, "line:col") + widest(1, "code") + widest(2, "severity");
    let (text, message) = (widest(3, "text"), widest(4, "message"));
    let room = width.saturating_sub(TABLE_FRAME + fixed);
    if text + message <= room {
        return (text, message);
    }
    let text_width = text.min((room / 3).max(10));
    let message_width = room.saturating_sub(text_width).max(10);
    if message < message_width {
        return (
            text.min(room.saturating_sub(message)).max(text_width),
            message,
        );
    }
    (text_width, message_width)
}

/// `cell` wrapped at spaces into lines of at most `width` characters (a longer word is cut),
/// or as it is when it fits.
fn wrap_cell(cell: &str, width: usize) -> String {
    if cell.chars().count() <= width {
        return cell.to_owned();
    }
    wrap(cell, width, "").join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str, message: &str) -> [String; 5] {
        [
            "14:430".into(),
            "QT005".into(),
            "warning".into(),
            text.into(),
            message.into(),
        ]
    }

    #[test]
    fn text_and_message_share_the_room_the_message_taking_most() {
        let rows = [
            row(
                "” de-escalation “",
                &"quoted fragment in mid-sentence ".repeat(3),
            ),
            row("Kiev", "short"),
        ];
        // 100 columns: 16 of frame, 21 for the first three columns, 63 for the others, of
        // which the text needs 17.
        assert_eq!(flowing_widths(&rows, 100), (17, 46));
        assert_eq!(flowing_widths(&rows, 60), (10, 13));
        // Everything fits: natural widths.
        assert_eq!(flowing_widths(&rows, 200), (17, 96));
        // A short message leaves the rest to the text.
        let rows = [row(&"word ".repeat(8), "a short message here")];
        assert_eq!(flowing_widths(&rows, 70), (13, 20));
        // Too narrow for anything: still at least 10 each (the frame overflows).
        assert_eq!(flowing_widths(&rows, 20), (10, 10));
    }

    #[test]
    fn cells_wrap_at_spaces_without_leading_spaces() {
        assert_eq!(
            wrap_cell("quoted fragment in mid-sentence starts with a capital", 16),
            "quoted fragment\nin mid-sentence\nstarts with a\ncapital"
        );
        assert_eq!(wrap_cell("not  never", 10), "not  never");
        assert_eq!(wrap_cell("`Significant`", 8), "`Signifi\ncant`");
    }
}
