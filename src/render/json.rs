//! `json` (one object, schema version 1, streamed document by document) and `jsonl` (one
//! document object per line).

use std::io::{self, Write};

use super::Renderer;
use crate::engine::{DocumentReport, Summary};
use crate::report::{NotAudited, NotAuditedList};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Default)]
pub struct Json {
    written: usize,
    not_audited: NotAuditedList,
}

impl Renderer for Json {
    fn begin(&mut self, w: &mut dyn Write) -> io::Result<()> {
        write!(
            w,
            "{{\n  \"version\": {SCHEMA_VERSION},\n  \"documents\": ["
        )
    }

    fn document(&mut self, w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        let pretty = serde_json::to_string_pretty(report).map_err(io::Error::other)?;
        w.write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        for (i, line) in pretty.lines().enumerate() {
            if i > 0 {
                w.write_all(b"\n")?;
            }
            write!(w, "    {line}")?;
        }
        self.written += 1;
        Ok(())
    }

    fn not_audited(&mut self, _w: &mut dyn Write, item: &NotAudited) -> io::Result<()> {
        self.not_audited.add(item);
        Ok(())
    }

    /// Closes the documents, then lists the inputs not audited (`not_audited`: input and
    /// reason, the first [`crate::report::NOT_AUDITED_LISTED`]; `summary.not_audited` counts
    /// them all) before the summary.
    fn end(&mut self, w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        let close = if self.written == 0 { "]" } else { "\n  ]" };
        write!(w, "{close},\n  \"not_audited\": [")?;
        for (i, item) in self.not_audited.listed.iter().enumerate() {
            w.write_all(if i == 0 { b"\n    " } else { b",\n    " })?;
            serde_json::to_writer(&mut *w, item).map_err(io::Error::other)?;
        }
        let close = if self.not_audited.listed.is_empty() {
            "]"
        } else {
            "\n  ]"
        };
        let summary = serde_json::to_string(summary).map_err(io::Error::other)?;
        writeln!(w, "{close},\n  \"summary\": {summary}\n}}")
    }
}

/// Each line is serialised into a buffer kept between documents and written at once:
/// serde_json writes a report in hundreds of small pieces, each a call through `dyn Write`
/// when it writes to the output directly.
#[derive(Default)]
pub struct JsonLines {
    line: Vec<u8>,
}

impl Renderer for JsonLines {
    fn document(&mut self, w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        self.line.clear();
        serde_json::to_writer(&mut self.line, report).map_err(io::Error::other)?;
        self.line.push(b'\n');
        w.write_all(&self.line)
    }

    fn end(&mut self, _w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        Ok(())
    }
}
