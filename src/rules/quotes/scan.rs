//! The quote scan: one pass of a quote state machine over the whole document, pairing opening
//! and closing marks into [`QuoteRegion`]s (open and close spans, style, balanced or not).
//! The `quotes` rules read it, and any rule may ask whether a word is quoted
//! ([`QuoteScan::is_quoted`]) through `Context::quotes`. Nothing here reports findings.
//!
//! Which way a mark points is decided from its neighbours first, as CommonMark decides its
//! left- and right-flanking delimiters: `“` after a space and before a letter opens, `”` after
//! a letter and before a space or a comma closes. The glyph decides only where the position is
//! ambiguous (spaces on both sides, inside a word). So `” word “` — the marks of a French
//! source converted the wrong way round — pairs up as one reversed region, and a `“` that
//! ends a quote (German habit) is a reversed closing mark.
//!
//! State carries across blocks: news copy often puts one sentence per line, so a quotation
//! opened on one line may close three lines later. A new opening mark at the start of a block
//! while the same kind of quote is still open is the English convention for a quotation that
//! runs over several paragraphs (no closing mark at the end of each paragraph), not an
//! unclosed quote. Straight apostrophes (`'`) are never quote marks here: in English copy
//! they are nearly always apostrophes.

use crate::document::{Document, Span};

/// The kind of mark that opened a region (or, for a stray closing mark, that closed it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    /// `"…"`.
    Straight,
    /// `“…”` and `‘…’`: English curly quotes.
    English,
    /// Opened by a closing mark: `”…“`, `”…”`.
    Reversed,
    /// `„…“`, `„…”`, `‚…‘`: German, Polish, Czech, Romanian and other low-high styles.
    Low,
    /// `«…»`, `‹…›`: French, Russian, Italian, Spanish and Swiss guillemets.
    Guillemets,
    /// `»…«`, `›…‹`: German and Danish guillemets, pointing inwards.
    InwardGuillemets,
}

impl QuoteStyle {
    /// Styles no English copy uses.
    pub const fn is_foreign(self) -> bool {
        matches!(
            self,
            QuoteStyle::Low | QuoteStyle::Guillemets | QuoteStyle::InwardGuillemets
        )
    }
}

/// One quotation: its marks, the text between them, and how it was paired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteRegion {
    /// The opening mark; `None` for a closing mark nothing opened.
    pub open: Option<Span>,
    /// The closing mark; `None` when the quotation was never closed.
    pub close: Option<Span>,
    /// The quoted text between the marks. An unclosed quotation runs to the end of its block
    /// (or of the last block it spans); a stray closing mark's runs back to the previous quote
    /// mark in its block, or to the block's start.
    pub inner: Span,
    pub style: QuoteStyle,
    /// The opening and closing characters as written.
    pub open_char: Option<char>,
    pub close_char: Option<char>,
    /// The opening mark is a closing glyph (`”word`).
    pub open_reversed: bool,
    /// The closing mark is an English opening glyph (`word“`) ending an English quotation.
    pub close_reversed: bool,
    /// Ended by the next paragraph's opening mark: the multi-paragraph quotation convention.
    pub continued: bool,
    /// `‘ ’ ‚ ‹ ›`: a quotation inside a quotation.
    pub single: bool,
    /// Index (in [`QuoteScan::regions`]) of the innermost region containing this one.
    pub parent: Option<usize>,
}

impl QuoteRegion {
    /// Opened and closed, or continued in the next paragraph.
    pub fn balanced(&self) -> bool {
        self.continued || (self.open.is_some() && self.close.is_some())
    }

    /// The whole region, marks included.
    pub fn span(&self) -> Span {
        Span::new(
            self.open.map_or(self.inner.start, |s| s.start),
            self.close.map_or(self.inner.end, |s| s.end),
        )
    }

    /// Opened and closed within one block, so the region can be replaced as a whole.
    pub fn closed_in_block(&self, doc: &Document) -> bool {
        match (self.open, self.close) {
            (Some(o), Some(c)) => doc.block_at(o.start).is_some_and(|b| c.end <= b.span.end),
            _ => false,
        }
    }
}

/// Every quotation of a document, sorted by start.
#[derive(Debug, Default)]
pub struct QuoteScan {
    regions: Vec<QuoteRegion>,
}

impl QuoteScan {
    pub fn new(doc: &Document) -> Self {
        let mut scanner = Scanner::default();
        for (i, block) in doc.blocks.iter().enumerate() {
            scanner.block(doc, i, block.span);
        }
        scanner.finish(doc)
    }

    pub fn regions(&self) -> &[QuoteRegion] {
        &self.regions
    }

    /// The innermost region whose quoted text contains `offset`.
    pub fn region_at(&self, offset: usize) -> Option<&QuoteRegion> {
        let last = self.regions.partition_point(|r| r.inner.start <= offset);
        let mut i = last.checked_sub(1)?;
        loop {
            let r = self.regions.get(i)?;
            if offset < r.inner.end {
                return Some(r);
            }
            i = r.parent?;
        }
    }

    /// Whether the whole of `span` lies inside one quotation.
    pub fn is_quoted(&self, span: Span) -> bool {
        self.region_at(span.start)
            .is_some_and(|r| span.end <= r.inner.end)
    }
}

/// Where a mark stands relative to its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Position {
    /// Before a word, after a space or an opening bracket: `␣“word`.
    Open,
    /// After a word, before a space or punctuation: `word”␣`, `␣”,`.
    Close,
    /// Between punctuation: `.”“`, `,“word`.
    Both,
    /// Spaces (or block edges) on both sides: `␣”␣`.
    Free,
    /// Inside a word: `word"word`.
    Intra,
}

fn position(prev: Option<char>, next: Option<char>, after_next: Option<char>) -> Position {
    // No quotation starts with a comma or a closing bracket: `␣“,` closes, space and all.
    let punct_after = match next {
        Some(',' | ';' | ':' | '!' | '?' | ')' | ']' | '}') => true,
        Some('.') => after_next != Some('.'),
        _ => false,
    };
    if punct_after {
        return Position::Close;
    }
    // An opening bracket or a dash before a mark counts as a space: `(“ word”` opens.
    let space_before =
        prev.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '{' | '—' | '–' | '/'));
    let space_after = next.is_none_or(char::is_whitespace);
    match (space_before, space_after) {
        (true, true) => Position::Free,
        (true, false) => Position::Open,
        (false, true) => Position::Close,
        (false, false) => {
            let word_before = prev.is_some_and(char::is_alphanumeric);
            let word_after = next.is_some_and(char::is_alphanumeric);
            match (word_before, word_after) {
                (true, true) => Position::Intra,
                (true, false) => Position::Close,
                (false, true) if prev == Some('-') => Position::Open,
                _ => Position::Both,
            }
        }
    }
}

/// The quote characters the scanner knows, as glyphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Glyph {
    Straight,    // "
    Left,        // “
    Right,       // ”
    Low,         // „
    LeftGuil,    // «
    RightGuil,   // »
    LeftSingle,  // ‘
    RightSingle, // ’
    LowSingle,   // ‚
    LeftGuil1,   // ‹
    RightGuil1,  // ›
}

fn glyph(c: char) -> Option<Glyph> {
    Some(match c {
        '"' => Glyph::Straight,
        '\u{201C}' => Glyph::Left,
        '\u{201D}' => Glyph::Right,
        '\u{201E}' => Glyph::Low,
        '\u{00AB}' => Glyph::LeftGuil,
        '\u{00BB}' => Glyph::RightGuil,
        '\u{2018}' => Glyph::LeftSingle,
        '\u{2019}' => Glyph::RightSingle,
        '\u{201A}' => Glyph::LowSingle,
        '\u{2039}' => Glyph::LeftGuil1,
        '\u{203A}' => Glyph::RightGuil1,
        _ => return None,
    })
}

impl Glyph {
    const fn single(self) -> bool {
        matches!(
            self,
            Glyph::LeftSingle
                | Glyph::RightSingle
                | Glyph::LowSingle
                | Glyph::LeftGuil1
                | Glyph::RightGuil1
        )
    }
}

/// How `closer` (at `pos`) may end a quotation `opener` began: `None` when it cannot,
/// `Some(reversed)` when it can, `reversed` meaning an English opening glyph used to close.
fn closes(opener: Glyph, closer: Glyph, pos: Position) -> Option<bool> {
    use Glyph::*;
    let closing_side = matches!(pos, Position::Close | Position::Both);
    let not_open = pos != Position::Open;
    match (opener, closer) {
        (Straight | Left | Right | Low, Straight | Right) if not_open => Some(false),
        // German `„…“`; and `”…“`, a reversed pair, whose closing mark may stand free.
        (Low, Left) if not_open => Some(false),
        (Right, Left) if not_open && pos != Position::Intra => Some(true),
        (Straight | Left, Left) if closing_side => Some(true),
        (LeftGuil, RightGuil)
        | (RightGuil, LeftGuil)
        | (LeftGuil1, RightGuil1)
        | (RightGuil1, LeftGuil1)
            if not_open =>
        {
            Some(false)
        }
        (LeftSingle | LowSingle, RightSingle) if closing_side || pos == Position::Free => {
            Some(false)
        }
        (LowSingle, LeftSingle) if closing_side => Some(false),
        (LeftSingle, LeftSingle) if closing_side => Some(true),
        _ => None,
    }
}

/// What an unmatched mark does: open a region (of a style, reversed or not), stand as a stray
/// closing mark, or nothing (apostrophes).
enum Unmatched {
    Open(QuoteStyle, bool),
    Stray(QuoteStyle, bool),
    Ignore,
}

fn unmatched(g: Glyph, pos: Position, next: Option<char>) -> Unmatched {
    use Glyph::*;
    use Position::*;
    use QuoteStyle as S;
    match (g, pos) {
        (Straight, Close) => Unmatched::Stray(S::Straight, false),
        (Straight, _) => Unmatched::Open(S::Straight, false),
        (Left, Close) => Unmatched::Stray(S::English, true),
        // `‘90s`: an apostrophe written the wrong way round, not a quotation.
        (LeftSingle, _) if next.is_some_and(|c| c.is_ascii_digit()) => Unmatched::Ignore,
        (Left | LeftSingle, _) => Unmatched::Open(S::English, false),
        (Right, Open | Free) => Unmatched::Open(S::Reversed, true),
        (Right, _) => Unmatched::Stray(S::English, false),
        (Low, _) => Unmatched::Open(S::Low, false),
        (LowSingle, Open) if next.is_some_and(char::is_alphabetic) => {
            Unmatched::Open(S::Low, false)
        }
        (LeftGuil | LeftGuil1, Close) => Unmatched::Stray(S::Guillemets, false),
        (LeftGuil | LeftGuil1, _) => Unmatched::Open(S::Guillemets, false),
        (RightGuil | RightGuil1, Open) => Unmatched::Open(S::InwardGuillemets, false),
        (RightGuil | RightGuil1, _) => Unmatched::Stray(S::Guillemets, false),
        _ => Unmatched::Ignore,
    }
}

/// A region still open on the stack.
struct Open {
    glyph: Glyph,
    mark: Span,
    block: usize,
    region: QuoteRegion,
}

/// Deep enough for any real nesting; older entries are given up as unclosed.
const MAX_DEPTH: usize = 8;

/// What the scan of a block carries from one quote mark to the next.
struct MarkState {
    /// The character before the mark, or `None` at the start of the block and after a mark
    /// that opened a quotation.
    prev: Option<char>,
    /// Where a stray closing mark's region starts: after the previous mark in the block.
    last_mark_end: usize,
}

#[derive(Default)]
struct Scanner {
    stack: Vec<Open>,
    done: Vec<QuoteRegion>,
}

impl Scanner {
    fn block(&mut self, doc: &Document, index: usize, span: Span) {
        let text = doc.slice(span);
        let bytes = text.as_bytes();
        let mut at = MarkState {
            prev: None,
            last_mark_end: span.start,
        };
        // Only the marks are visited: a quote mark is `"` or starts with byte C2 or E2, and
        // the bytes of other characters are skipped. The character before a mark is `prev`,
        // decoded backwards, except right after another mark, which leaves `prev` as
        // [`Self::mark`] sets it. A test compares this with visiting every character
        // ([`Self::block_by_chars`]).
        let mut after_mark = usize::MAX;
        let mut cursor = 0;
        while cursor < bytes.len() {
            // The next such byte, found by a vectorised scan.
            match bytes
                .get(cursor..)
                .and_then(|rest| memchr::memchr3(b'"', 0xC2, 0xE2, rest))
            {
                Some(skip) => cursor += skip,
                None => break,
            }
            let i = cursor;
            let Some(c) = text.get(i..).and_then(|t| t.chars().next()) else {
                break;
            };
            cursor += c.len_utf8();
            let Some(g) = glyph(c) else {
                continue;
            };
            if i != after_mark {
                at.prev = text.get(..i).and_then(|t| t.chars().next_back());
            }
            after_mark = cursor;
            self.mark(doc, index, span, i, (c, g), &mut at);
        }
    }

    /// [`Self::block`] visiting every character, as it did before it skipped to the marks.
    #[cfg(test)]
    fn block_by_chars(&mut self, doc: &Document, index: usize, span: Span) {
        let text = doc.slice(span);
        let mut at = MarkState {
            prev: None,
            last_mark_end: span.start,
        };
        for (i, c) in text.char_indices() {
            match glyph(c) {
                Some(g) => self.mark(doc, index, span, i, (c, g), &mut at),
                None => at.prev = Some(c),
            }
        }
    }

    /// One quote mark `c` at byte `i` of the block at `span`.
    fn mark(
        &mut self,
        doc: &Document,
        index: usize,
        span: Span,
        i: usize,
        (c, g): (char, Glyph),
        state: &mut MarkState,
    ) {
        let text = doc.slice(span);
        let mut ahead = text.get(i + c.len_utf8()..).unwrap_or("").chars();
        let (next, after_next) = (ahead.next(), ahead.next());
        let at = span.start + i;
        let mark = Span::new(at, at + c.len_utf8());
        let pos = position(state.prev, next, after_next);
        state.prev = Some(c);
        if self.close(g, c, pos, mark) {
            state.last_mark_end = mark.end;
            return;
        }
        // The next mark sees an opening mark as a space: `“‘word` opens twice.
        state.prev = None;
        match unmatched(g, pos, next) {
            Unmatched::Open(style, reversed) => {
                self.continuation(doc, index, mark, pos);
                if self.stack.len() == MAX_DEPTH {
                    let oldest = self.stack.remove(0);
                    let end = doc.blocks.get(oldest.block).map_or(at, |b| b.span.end);
                    self.give_up(oldest, end.min(at));
                }
                self.stack.push(Open {
                    glyph: g,
                    mark,
                    block: index,
                    region: QuoteRegion {
                        open: Some(mark),
                        close: None,
                        inner: Span::new(mark.end, mark.end),
                        style,
                        open_char: Some(c),
                        close_char: None,
                        open_reversed: reversed,
                        close_reversed: false,
                        continued: false,
                        single: g.single(),
                        parent: None,
                    },
                });
            }
            Unmatched::Stray(style, reversed) => {
                state.prev = Some(c);
                self.done.push(QuoteRegion {
                    open: None,
                    close: Some(mark),
                    inner: Span::new(state.last_mark_end, mark.start),
                    style,
                    open_char: None,
                    close_char: Some(c),
                    open_reversed: false,
                    close_reversed: reversed,
                    continued: false,
                    single: g.single(),
                    parent: None,
                });
            }
            Unmatched::Ignore => {
                state.prev = Some(c);
                return;
            }
        }
        state.last_mark_end = mark.end;
    }

    /// Closes the innermost open region `g` can end; regions opened inside it are given up.
    fn close(&mut self, g: Glyph, c: char, pos: Position, mark: Span) -> bool {
        let found = self
            .stack
            .iter()
            .rposition(|o| closes(o.glyph, g, pos).is_some());
        let Some(k) = found else {
            return false;
        };
        while self.stack.len() > k + 1 {
            if let Some(inner) = self.stack.pop() {
                self.give_up(inner, mark.start);
            }
        }
        let Some(open) = self.stack.pop() else {
            return false;
        };
        let mut region = open.region;
        region.close = Some(mark);
        region.close_char = Some(c);
        region.close_reversed = closes(open.glyph, g, pos) == Some(true);
        region.inner.end = mark.start;
        self.done.push(region);
        true
    }

    /// An opening mark at the start of a block, while the same kind of quotation from an
    /// earlier block is open: the earlier one ran on into this paragraph.
    fn continuation(&mut self, doc: &Document, index: usize, mark: Span, pos: Position) {
        let at_block_start = doc
            .blocks
            .get(index)
            .is_some_and(|b| b.span.start == mark.start);
        let Some(top) = self.stack.last() else {
            return;
        };
        let same = doc.slice(top.mark) == doc.slice(mark);
        if !(at_block_start && pos == Position::Open && same && top.block < index) {
            return;
        }
        if let Some(open) = self.stack.pop() {
            let end = doc
                .blocks
                .get(index.saturating_sub(1))
                .map_or(mark.start, |b| b.span.end);
            let mut region = open.region;
            region.continued = true;
            region.inner.end = end.max(region.inner.start);
            self.done.push(region);
        }
    }

    fn give_up(&mut self, open: Open, end: usize) {
        let mut region = open.region;
        region.inner.end = end.max(region.inner.start);
        self.done.push(region);
    }

    fn finish(mut self, doc: &Document) -> QuoteScan {
        // Unclosed at the end: each runs to the end of its block, or of the last block an
        // unclosed quotation inside it reaches, so regions stay nested.
        let mut reach = 0;
        while let Some(open) = self.stack.pop() {
            let own = doc
                .blocks
                .get(open.block)
                .map_or(open.mark.end, |b| b.span.end);
            reach = reach.max(own);
            self.give_up(open, reach);
        }
        let mut regions = self.done;
        regions.sort_by(|a, b| (a.inner.start, b.inner.end).cmp(&(b.inner.start, a.inner.end)));
        let mut enclosing: Vec<usize> = Vec::new();
        for i in 0..regions.len() {
            let inner = regions[i].inner;
            while let Some(&p) = enclosing.last() {
                if inner.end <= regions[p].inner.end && inner.start >= regions[p].inner.start {
                    break;
                }
                enclosing.pop();
            }
            regions[i].parent = enclosing.last().copied();
            enclosing.push(i);
        }
        QuoteScan { regions }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (quoted text, balanced, style) of each region.
    fn scan(text: &str) -> Vec<(String, bool, QuoteStyle)> {
        let doc = Document::from_text(text);
        QuoteScan::new(&doc)
            .regions()
            .iter()
            .map(|r| (doc.slice(r.inner).to_owned(), r.balanced(), r.style))
            .collect()
    }

    #[test]
    fn visiting_only_the_marks_scans_as_visiting_every_character() {
        let alphabet = [
            '"', '“', '”', '„', '«', '»', '‘', '’', '‚', '‹', '›', 'a', 'Z', ' ', ' ', ',', '.',
            '(', '-', '—', '\n', 'é', '\u{a0}', '…', '!',
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for n in 0..20_000 {
            let text = crate::document::segment::random_text_of(&mut seed, n % 40, &alphabet);
            let doc = Document::from_text(&text);
            let mut by_chars = Scanner::default();
            for (i, block) in doc.blocks.iter().enumerate() {
                by_chars.block_by_chars(&doc, i, block.span);
            }
            let expected = by_chars.finish(&doc);
            assert_eq!(
                QuoteScan::new(&doc).regions(),
                expected.regions(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn pairs_english_and_straight_quotes() {
        assert_eq!(
            scan("He called it “frank” and \"useful\"."),
            [
                ("frank".to_owned(), true, QuoteStyle::English),
                ("useful".to_owned(), true, QuoteStyle::Straight)
            ]
        );
    }

    #[test]
    fn nested_quotes_have_parents() {
        let doc = Document::from_text("She said: “They told me ‘wait’ and I did.”");
        let q = QuoteScan::new(&doc);
        assert_eq!(q.regions().len(), 2);
        assert_eq!(q.regions()[1].parent, Some(0));
        let wait = doc.text.find("wait").expect("present");
        assert_eq!(q.region_at(wait).map(|r| r.single), Some(true));
        let did = doc.text.find("did").expect("present");
        assert_eq!(q.region_at(did).map(|r| r.single), Some(false));
        assert!(q.region_at(2).is_none());
        assert!(q.is_quoted(Span::new(did, did + 3)));
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(scan("It isn’t the students’ fault, it's the '90s.").is_empty());
        assert_eq!(scan("The ‘don’t panic’ line.")[0].0, "don’t panic");
    }

    #[test]
    fn reversed_marks_pair_up() {
        let doc = Document::from_text("He had no ” answer “ to give, and “a reply“ came.");
        let q = QuoteScan::new(&doc);
        let r = &q.regions()[0];
        assert_eq!(doc.slice(r.inner), " answer ");
        assert!(r.open_reversed && r.close_reversed && r.balanced());
        let r = &q.regions()[1];
        assert_eq!(doc.slice(r.inner), "a reply");
        assert!(!r.open_reversed && r.close_reversed);
    }

    #[test]
    fn a_bracket_before_counts_as_a_space() {
        let r = scan("the app (“ State and I” - Ed.) and -“dash”");
        assert_eq!(r.len(), 2);
        assert!(r.iter().all(|r| r.1 && r.2 == QuoteStyle::English), "{r:?}");
    }

    #[test]
    fn a_space_before_a_comma_still_closes() {
        let doc = Document::from_text("It must happen ” soon “, he said.");
        let q = QuoteScan::new(&doc);
        assert_eq!(q.regions().len(), 1);
        assert!(q.regions()[0].balanced());
    }

    #[test]
    fn foreign_styles() {
        assert_eq!(scan("the „Zeitenwende“ speech")[0].2, QuoteStyle::Low);
        assert_eq!(scan("the « bouclier » law")[0].2, QuoteStyle::Guillemets);
        assert_eq!(
            scan("the »Zeitenwende« speech")[0].2,
            QuoteStyle::InwardGuillemets
        );
        assert!(scan("the „Zeitenwende“ speech")[0].1);
    }

    #[test]
    fn multi_paragraph_quotation_is_balanced() {
        let text = "“The first part.\n\n“The second part.”\n\nAfter.";
        let regions = scan(text);
        assert_eq!(regions.len(), 2);
        assert!(regions.iter().all(|r| r.1), "{regions:?}");
    }

    #[test]
    fn quotation_across_one_sentence_lines() {
        let text = "“We will not stop.\nWe will go on,” she said.";
        let regions = scan(text);
        assert_eq!(regions.len(), 1);
        assert!(regions[0].1);
    }

    #[test]
    fn unclosed_and_stray_marks() {
        let r = scan("He said “we will go.\n\nNothing more.");
        assert_eq!(r, [("we will go.".to_owned(), false, QuoteStyle::English)]);
        let r = scan("Done. We will go,” he said.");
        assert_eq!(
            r,
            [("Done. We will go,".to_owned(), false, QuoteStyle::English)]
        );
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "\"",
            "“",
            "”",
            "„“”»«‹›‚‘’",
            "a\"b\"c\"",
            "« »",
            "\"\n\n\"",
        ] {
            let doc = Document::from_text(text);
            let q = QuoteScan::new(&doc);
            for r in q.regions() {
                assert!(r.inner.start <= r.inner.end && r.inner.end <= text.len());
            }
        }
        let deep = "“".repeat(50);
        assert!(QuoteScan::new(&Document::from_text(&deep)).regions().len() == 50);
    }
}
