//! Where a JSONL record's `text` sits in its physical line, so that a position in the decoded
//! text can be given as a column of the file (SARIF regions). Only the mapping lives here;
//! reading records is `input`'s, and writing regions the SARIF renderer's.
//!
//! Inside a JSON string an escape (`\n`, `\"`, `\u00e9`, a surrogate pair `\ud83d\ude00`)
//! takes more characters in the line than the one character it stands for in the text; every
//! other character is the same in both. So the line column of a text offset is the column
//! where the string starts, plus the characters of the text before the offset, plus the
//! extra characters of the escapes before it.

/// The `text` member's string in its line: where it starts and where its escapes are.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordText {
    /// Characters of the line before the string's first character (after its opening quote).
    column: usize,
    /// For each escape, in order: the text's byte offset just after the character it stands
    /// for, and the extra line characters of the escapes up to and including it.
    escapes: Vec<(usize, usize)>,
}

impl RecordText {
    /// Finds the top-level `text` member of a JSONL line that parsed as a JSON object (the
    /// last one, as the parser keeps it) and notes its escapes. `lead` is the number of
    /// characters of the physical line before `line` (whitespace trimmed off); `text` is the
    /// decoded string, for a check that the escapes were read as the parser read them.
    /// `None` where that check fails: then there is no column, never a wrong one.
    pub fn locate(line: &str, lead: usize, text: &str) -> Option<RecordText> {
        let (start, end) = text_member(line.as_bytes())?;
        let content = line.get(start..end)?;
        let mut escapes = Vec::new();
        let (mut decoded, mut extra, mut i) = (0, 0, 0);
        let bytes = content.as_bytes();
        while i < bytes.len() {
            let Some(slash) = memchr::memchr(b'\\', bytes.get(i..)?) else {
                decoded += bytes.len() - i;
                break;
            };
            decoded += slash;
            i += slash;
            // (line characters, text bytes) of the escape: all its characters are ASCII.
            let (raw, len) = match bytes.get(i + 1)? {
                b'u' => {
                    let high = hex4(content.get(i + 2..i + 6)?)?;
                    let low = content
                        .get(i + 6..i + 8)
                        .filter(|s| *s == "\\u")
                        .and_then(|_| hex4(content.get(i + 8..i + 12)?));
                    match low {
                        Some(low)
                            if (0xD800..0xDC00).contains(&high)
                                && (0xDC00..0xE000).contains(&low) =>
                        {
                            (12, 4)
                        }
                        _ => (6, char::from_u32(high)?.len_utf8()),
                    }
                }
                _ => (2, 1),
            };
            decoded += len;
            extra += raw - 1;
            escapes.push((decoded, extra));
            i += raw;
        }
        if decoded != text.len() {
            return None;
        }
        Some(RecordText {
            column: lead + line.get(..start)?.chars().count(),
            escapes,
        })
    }

    /// Columns of text offsets in the line, for spans visited in non-decreasing order of
    /// their start (as findings are sorted), in time linear in the text.
    pub fn columns<'a>(&'a self, text: &'a str) -> Columns<'a> {
        Columns {
            record: self,
            text,
            offset: 0,
            chars: 0,
        }
    }

    /// Extra line characters of the escapes that end at or before `offset`.
    fn extra(&self, offset: usize) -> usize {
        let i = self.escapes.partition_point(|e| e.0 <= offset);
        i.checked_sub(1)
            .and_then(|i| self.escapes.get(i))
            .map_or(0, |e| e.1)
    }
}

/// See [`RecordText::columns`].
pub struct Columns<'a> {
    record: &'a RecordText,
    text: &'a str,
    /// The last start visited, and the text's characters before it.
    offset: usize,
    chars: usize,
}

impl Columns<'_> {
    /// The 1-based line columns of a span of the text: its first character, and the one just
    /// past its end (SARIF's exclusive `endColumn`). `None` for a span off the text.
    pub fn span(&mut self, start: usize, end: usize) -> Option<(usize, usize)> {
        if start < self.offset {
            (self.offset, self.chars) = (0, 0);
        }
        self.chars += self.text.get(self.offset..start)?.chars().count();
        self.offset = start;
        let end_chars = self.chars + self.text.get(start..end)?.chars().count();
        let column = |chars: usize, offset: usize| {
            self.record.column + chars + self.record.extra(offset) + 1
        };
        Some((column(self.chars, start), column(end_chars, end)))
    }
}

/// The value of four hex digits.
fn hex4(s: &str) -> Option<u32> {
    (s.len() == 4)
        .then(|| u32::from_str_radix(s, 16).ok())
        .flatten()
}

/// The byte range of the last top-level `text` member's string content (inside its quotes)
/// in a line holding one JSON object; `None` if there is none or the line is not one object.
fn text_member(b: &[u8]) -> Option<(usize, usize)> {
    let mut i = skip_space(b, 0);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    let mut found = None;
    loop {
        i = skip_space(b, i);
        match b.get(i)? {
            b'}' => return found,
            b',' => {
                i += 1;
                continue;
            }
            b'"' => {}
            _ => return None,
        }
        let key_end = string_end(b, i)?;
        let key = b.get(i..=key_end)?;
        let is_text = key == b"\"text\""
            || (key.contains(&b'\\')
                && serde_json::from_slice::<String>(key).is_ok_and(|k| k == "text"));
        i = skip_space(b, key_end + 1);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i = skip_space(b, i + 1);
        let value_end = value_end(b, i)?;
        if is_text && b.get(i) == Some(&b'"') {
            found = Some((i + 1, value_end - 1));
        }
        i = value_end;
    }
}

fn skip_space(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
    {
        i += 1;
    }
    i
}

/// The index of the closing quote of the string whose opening quote is at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    let mut j = i + 1;
    loop {
        // Jumps to the next quote or backslash: a record's text is most of its line.
        j += memchr::memchr2(b'"', b'\\', b.get(j..)?)?;
        match b.get(j)? {
            b'"' => return Some(j),
            _ => j += 2,
        }
    }
}

/// The index just past the JSON value that starts at `i`.
fn value_end(b: &[u8], i: usize) -> Option<usize> {
    match b.get(i)? {
        b'"' => string_end(b, i).map(|j| j + 1),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match b.get(j)? {
                    b'"' => j = string_end(b, j)?,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.checked_sub(1)?;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while b
                .get(j)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
            {
                j += 1;
            }
            (j > i).then_some(j)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The characters of `line` between two 1-based columns (end exclusive).
    fn between(line: &str, (start, end): (usize, usize)) -> String {
        line.chars().skip(start - 1).take(end - start).collect()
    }

    /// Locates the text of a JSONL line as `input` reads it, and the line columns of the
    /// first occurrence of `needle` in the decoded text.
    fn columns_of(line: &str, needle: &str) -> (usize, usize) {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
        let text = value["text"].as_str().expect("text");
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        let record = RecordText::locate(trimmed.trim_end(), lead, text).expect("located");
        let start = text.find(needle).expect("needle in text");
        record
            .columns(text)
            .span(start, start + needle.len())
            .expect("span")
    }

    #[test]
    fn columns_point_at_the_escaped_text_in_the_line() {
        let line = r#"{"id": 1, "text": "Caf\u00e9 \"in\"\nTalks in in Kiev."}"#;
        let cols = columns_of(line, "in in");
        assert_eq!(between(line, cols), "in in");
        let cols = columns_of(line, "\"in\"\nTalks");
        assert_eq!(between(line, cols), r#"\"in\"\nTalks"#);
        let cols = columns_of(line, "Café");
        assert_eq!(between(line, cols), r"Caf\u00e9");
        // Literal non-ASCII characters are one column each, as in the decoded text.
        let line = "{\"text\": \"«\u{a0}Kiev\u{a0}» in in 🙂 x\", \"id\": \"a\"}";
        assert_eq!(between(line, columns_of(line, "in in")), "in in");
        // A surrogate pair is one character of the text and twelve of the line.
        let line = r#"{"text": "\ud83d\ude00 the the end", "id": "a"}"#;
        assert_eq!(between(line, columns_of(line, "the the")), "the the");
        assert_eq!(
            between(line, columns_of(line, "\u{1F600}")),
            r"\ud83d\ude00"
        );
    }

    #[test]
    fn only_the_top_level_text_member_counts() {
        // `text` keys inside other members are not the record's text; an escaped key is.
        let line = r#"  {"meta": {"text": "no no"}, "list": ["text", {"a": "}"}], "n": -1.5e3, "t\u0065xt": "yes in in yes"}"#;
        assert_eq!(between(line, columns_of(line, "in in")), "in in");
        // The parser keeps the last of two `text` members.
        let line = r#"{"text": "first first", "id": 1, "text": "second in in"}"#;
        assert_eq!(between(line, columns_of(line, "in in")), "in in");
    }

    #[test]
    fn spans_may_come_in_any_order_and_off_the_text_is_none() {
        let text = "a\nb in in c";
        let record = RecordText::locate(r#"{"text":"a\nb in in c"}"#, 0, text).expect("located");
        let mut columns = record.columns(text);
        assert_eq!(columns.span(4, 9), Some((15, 20)));
        assert_eq!(columns.span(0, 1), Some((10, 11)));
        assert_eq!(columns.span(3, 4), Some((14, 15)));
        assert_eq!(columns.span(3, 99), None);
        // A text that does not match the line (not what the parser read) has no columns.
        assert!(RecordText::locate(r#"{"text":"abc"}"#, 0, "abcd").is_none());
        assert!(RecordText::locate(r#"{"id":"abc"}"#, 0, "abc").is_none());
        assert!(RecordText::locate(r#"["text","abc"]"#, 0, "abc").is_none());
    }
}
