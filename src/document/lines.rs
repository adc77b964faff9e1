//! Line and column positions for byte offsets. `\n`, `\r\n` and a lone `\r` all end a line, so
//! text keeps its original line endings and spans never move.

/// A 1-based line and a 1-based column counted in characters (not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Byte offsets where each line starts.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        // The line-ending bytes found by a vectorised scan rather than a test of every byte.
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            match bytes.get(i..) {
                Some([b'\r', b'\n', ..]) => {}
                _ => starts.push(i + 1),
            }
        }
        LineIndex { starts }
    }

    /// The 0-based line number containing `offset` and that line's start offset.
    fn line_of(&self, offset: usize) -> (usize, usize) {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        (line, self.starts.get(line).copied().unwrap_or(0))
    }

    /// The 1-based line containing `offset`.
    pub fn line(&self, offset: usize) -> usize {
        self.line_of(offset).0 + 1
    }

    /// Line and column of one offset. Costs time proportional to the line's length; for many
    /// offsets in increasing order use a [`PositionCursor`].
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let (line, start) = self.line_of(offset);
        let column = text.get(start..offset).map_or(0, |s| s.chars().count());
        Position {
            line: line + 1,
            column: column + 1,
        }
    }

    pub fn cursor<'a>(&'a self, text: &'a str) -> PositionCursor<'a> {
        PositionCursor {
            index: self,
            text,
            line: usize::MAX,
            offset: 0,
            column: 0,
        }
    }
}

/// Computes positions for offsets visited in non-decreasing order in time linear in the text,
/// so a 10 MB single-line document with many findings stays fast.
pub struct PositionCursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    line: usize,
    offset: usize,
    column: usize,
}

impl PositionCursor<'_> {
    pub fn position(&mut self, offset: usize) -> Position {
        let (line, start) = self.index.line_of(offset);
        if line != self.line || offset < self.offset {
            self.line = line;
            self.offset = start;
            self.column = 0;
        }
        self.column += self
            .text
            .get(self.offset..offset)
            .map_or(0, |s| s.chars().count());
        self.offset = offset;
        Position {
            line: line + 1,
            column: self.column + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "ab\r\ncd\ref\ngh";
        let idx = LineIndex::new(text);
        let at = |o| idx.position(text, o);
        assert_eq!(at(0), Position { line: 1, column: 1 });
        assert_eq!(at(4), Position { line: 2, column: 1 });
        assert_eq!(at(7), Position { line: 3, column: 1 });
        assert_eq!(at(11), Position { line: 4, column: 2 });
    }

    #[test]
    fn line_starts_are_those_of_a_byte_by_byte_scan() {
        let by_bytes = |text: &str| {
            let bytes = text.as_bytes();
            let mut starts = vec![0];
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    starts.push(i + 1);
                }
            }
            starts
        };
        let alphabet = ['a', ' ', '\n', '\r', 'é', '\u{2028}', '\u{85}'];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for n in 0..20_000 {
            let text = crate::document::segment::random_text_of(&mut seed, n % 40, &alphabet);
            assert_eq!(LineIndex::new(&text).starts, by_bytes(&text), "{text:?}");
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "«Kyiv» été\nÜber";
        let idx = LineIndex::new(text);
        let e = text.find("été").unwrap_or(0);
        assert_eq!(idx.position(text, e), Position { line: 1, column: 8 });
        let mut cursor = idx.cursor(text);
        assert_eq!(cursor.position(e).column, 8);
        assert_eq!(cursor.position(e + 2).column, 9);
        let u = text.find("ber").unwrap_or(0);
        assert_eq!(cursor.position(u), Position { line: 2, column: 2 });
    }
}
