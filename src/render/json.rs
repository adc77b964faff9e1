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
        w.write_all(if self.written == 0 {
            b"\n    "
        } else {
            b",\n    "
        })?;
        write_pretty(w, report, "    ")?;
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
            write_pretty(w, item, "    ")?;
        }
        let close = if self.not_audited.listed.is_empty() {
            "]"
        } else {
            "\n  ]"
        };
        write!(w, "{close},\n  \"summary\": ")?;
        write_pretty(w, summary, "  ")?;
        writeln!(w, "\n}}")
    }
}

/// `value` pretty-printed, its lines after the first indented by `indent` (the caller has
/// written the first line's indent), so that every part of the object has one layout.
fn write_pretty(w: &mut dyn Write, value: &impl serde::Serialize, indent: &str) -> io::Result<()> {
    let pretty = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            write!(w, "\n{indent}")?;
        }
        w.write_all(line.as_bytes())?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_of_the_object_is_pretty_printed() {
        let mut json = Json::default();
        let mut out = Vec::new();
        json.begin(&mut out).expect("begin");
        let item = NotAudited {
            input: "gone.txt".into(),
            reason: "no such file".into(),
        };
        json.not_audited(&mut out, &item).expect("not audited");
        let summary = Summary {
            not_audited: 1,
            ..Summary::default()
        };
        json.end(&mut out, &summary).expect("end");
        let text = String::from_utf8(out).expect("utf-8");
        assert!(
            text.contains(
                "\"not_audited\": [\n    {\n      \"input\": \"gone.txt\",\n      \"reason\": \"no such file\"\n    }\n  ],"
            ),
            "{text}"
        );
        assert!(
            text.contains("\"summary\": {\n    \"documents\": 0,\n"),
            "{text}"
        );
        assert!(text.ends_with("\n  }\n}\n"), "{text}");
        serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
    }
}
