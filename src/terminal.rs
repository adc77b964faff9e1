//! Text from the input made safe to print on a terminal. A file name, JSONL record id or
//! quoted passage may hold ESC, OSC, CR or other control characters that would move the
//! cursor, rewrite earlier lines, retitle the window or recolour the output; they are shown as
//! U+FFFD instead, as the Markdown renderer shows them. Escaping for a file format (HTML,
//! JSON, Markdown) is the renderers' business, not this module's.

use std::borrow::Cow;
use std::io::{self, Write};

/// A character that changes how a terminal shows what follows rather than showing itself:
/// the control characters (C0, DEL, C1) and the bidirectional overrides, embeddings, isolates
/// and marks, which can make a file name read backwards.
pub fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with line breaks and tabs as spaces and every other [`unprintable`] character as
/// U+FFFD: one line, printed as it reads. Borrowed when there is nothing to replace.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(unprintable) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if unprintable(c) => '\u{FFFD}',
                c => c,
            })
            .collect(),
    )
}

/// A writer for messages (standard error): passes text through with every control character
/// but the line feed and the tab replaced by U+FFFD, so a message quoting a hostile file name
/// cannot take over the terminal. Bytes that are not UTF-8 become U+FFFD too (calq's messages
/// are text, written one `str` piece per call).
pub struct Printable<W> {
    inner: W,
}

impl<W: Write> Printable<W> {
    pub fn new(inner: W) -> Self {
        Printable { inner }
    }
}

impl<W: Write> Write for Printable<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let safe = |c: char| !unprintable(c) || c == '\n' || c == '\t';
        if let Ok(text) = std::str::from_utf8(buf)
            && text.chars().all(safe)
        {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut out = String::with_capacity(buf.len());
        for chunk in buf.utf8_chunks() {
            out.extend(
                chunk
                    .valid()
                    .chars()
                    .map(|c| if safe(c) { c } else { '\u{FFFD}' }),
            );
            if !chunk.invalid().is_empty() {
                out.push('\u{FFFD}');
            }
        }
        self.inner.write_all(out.as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bidirectional_overrides_are_replaced() {
        // Quick regression trial: a record id with U+202E reached the terminal.
        assert_eq!(one_line("b\u{202e}txt.exe"), "b\u{FFFD}txt.exe");
        assert_eq!(one_line("a\u{2066}b\u{2069}"), "a\u{FFFD}b\u{FFFD}");
        assert!(matches!(one_line("Zürich «Kyiv» —"), Cow::Borrowed(_)));
    }

    #[test]
    fn control_characters_are_replaced_and_plain_text_borrowed() {
        assert!(matches!(one_line("Kyiv – Київ"), Cow::Borrowed(_)));
        assert_eq!(
            one_line("evil\u{1b}]0;pwned\u{7}\u{1b}[31mRED\r\nFAKE\u{9b}2J"),
            "evil\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}[31mRED  FAKE\u{FFFD}2J"
        );
    }

    #[test]
    fn messages_keep_their_lines_and_lose_escapes() {
        let mut out = Vec::new();
        let mut w = Printable::new(&mut out);
        let name = "a\u{1b}[2J\rb.txt";
        writeln!(w, "calq: error: {name}: no such file").expect("write");
        w.write_all(b"x\xFF\ty\n").expect("write");
        assert_eq!(
            String::from_utf8(out).expect("utf-8"),
            "calq: error: a\u{FFFD}[2J\u{FFFD}b.txt: no such file\nx\u{FFFD}\ty\n"
        );
    }
}
