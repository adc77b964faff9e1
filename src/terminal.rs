//! Text from the input made safe to print on a terminal. A file name, JSONL record id or
//! quoted passage may hold ESC, OSC, CR or other control characters that would move the
//! cursor, rewrite earlier lines, retitle the window or recolour the output; they are shown as
//! U+FFFD instead, as the Markdown renderer shows them. Escaping for a file format (HTML,
//! JSON, Markdown) is the renderers' business, not this module's.

use std::borrow::Cow;
use std::io::{self, Write};

/// `text` with line breaks and tabs as spaces and every other control character (C0, DEL,
/// C1) as U+FFFD: one line, printed as it reads. Borrowed when there is nothing to replace.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\n' | '\r' | '\t' => ' ',
                c if c.is_control() => '\u{FFFD}',
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
        let safe = |c: char| !c.is_control() || c == '\n' || c == '\t';
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
