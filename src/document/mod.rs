//! The document model: source text, blocks (body vs page furniture), sentences, words, spans,
//! language, and line/column positions. Reading files and extracting HTML live in `decode`
//! and `html`; nothing here prints or knows about rules.

mod blocks;
pub mod decode;
pub mod html;
pub mod lang;
mod lines;
pub mod markdown;
mod normalize;
mod prose;
pub mod record;
pub mod segment;
mod sentences;
pub mod stopwords;
mod tokens;

use std::sync::OnceLock;

use serde::Serialize;

pub use blocks::{Block, BlockKind};
pub use lang::{Language, a_or_an, language_name};
pub use lines::{LineIndex, Position, PositionCursor};
pub use normalize::MappedText;
pub use tokens::{Form, Tokens, lower};

/// A half-open byte range `start..end` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

/// Where a document's text came from and what had to be done to read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    /// Invalid byte sequences were replaced by U+FFFD while decoding.
    pub lossy: bool,
    /// A byte-order mark was removed from the front (offsets count from after it).
    pub bom: bool,
    /// The text was extracted from HTML; offsets refer to the extracted text.
    pub html: bool,
    /// The text is Markdown (a `.md` file): its syntax is not prose ([`Document::markup`]).
    pub markdown: bool,
    /// For a JSONL record: its 1-based line in the file (offsets are into its `text`).
    pub record_line: Option<usize>,
    /// The record was read from a gzip stream (`.jsonl.gz`): its line has no place in the
    /// file's bytes.
    pub compressed: bool,
    /// For a JSONL record: where its `text` sits in that line, for columns of the file.
    pub record_text: Option<std::sync::Arc<record::RecordText>>,
}

/// One article ready for checking. Build it with [`Document::new`]; every derived view
/// (blocks, sentences, words, language) is computed once here so rules never repeat the work.
#[derive(Debug)]
pub struct Document {
    /// File path as given (or `-` for standard input).
    pub path: String,
    /// The JSONL record's `id`, for documents read from a corpus.
    pub id: Option<String>,
    pub text: String,
    pub origin: Origin,
    /// Fields of a JSONL record other than `id` and `text`, kept for reports.
    pub metadata: Option<serde_json::Map<String, serde_json::Value>>,
    pub blocks: Vec<Block>,
    pub sentences: Vec<Span>,
    pub words: Vec<Span>,
    /// The words' interned forms and their lower-cased text (parallel to `words`).
    pub tokens: Tokens,
    pub language: Language,
    /// Spans of markup that are not prose (Markdown's code, HTML and link syntax), sorted:
    /// findings touching them are dropped. Empty for plain text.
    pub markup: Vec<Span>,
    /// Markdown's references to invisible characters in prose (`Ki&shy;ev`), sorted: words
    /// and names are read through them (`markdown::Markup::hidden`). Empty for plain text.
    pub hidden: Vec<Span>,
    lines: LineIndex,
    nfc: OnceLock<MappedText>,
    block_languages: OnceLock<Vec<Language>>,
}

impl Document {
    pub fn new(path: impl Into<String>, id: Option<String>, text: String, origin: Origin) -> Self {
        let lines = LineIndex::new(&text);
        let mut blocks = blocks::split(&text);
        let mut sentences = Vec::new();
        for b in &blocks {
            sentences::split_into(&text, b.span, &mut sentences);
        }
        let markup = if origin.markdown {
            markdown::parse(&text)
        } else {
            markdown::Markup::default()
        };
        let mut words = segment::words(&text);
        segment::join_hidden_breaks(&text, &markup.hidden, &mut words);
        blocks::classify(&text, &mut blocks);
        let tokens = Tokens::new(&text, &words);
        let language = lang::detect_document(&text, &blocks, &words);
        Document {
            path: path.into(),
            id,
            text,
            origin,
            metadata: None,
            blocks,
            sentences,
            words,
            tokens,
            language,
            markup: markup.syntax,
            hidden: markup.hidden,
            lines,
            nfc: OnceLock::new(),
            block_languages: OnceLock::new(),
        }
    }

    /// A plain-text document with a path and nothing else: the usual way to build one in tests.
    pub fn from_text(text: &str) -> Self {
        Document::new("-", None, text.to_owned(), Origin::default())
    }

    /// The text under a span. Spans produced by this crate always lie on char boundaries;
    /// a foreign span that does not yields an empty string instead of panicking.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }

    /// The NFC-normalised text with a map back to byte offsets of `text`, built on first use.
    pub fn nfc(&self) -> &MappedText {
        self.nfc.get_or_init(|| MappedText::nfc(&self.text))
    }

    /// The language of each block (parallel to `blocks`), detected on first use: whatlang
    /// costs more than everything else in the document model, and few rules need it.
    pub fn block_languages(&self) -> &[Language] {
        self.block_languages.get_or_init(|| {
            self.blocks
                .iter()
                .map(|b| lang::detect(self.slice(b.span)))
                .collect()
        })
    }

    /// The blocks that look English by the cheap test of language identification (enough
    /// English function words), for running English rules on the English blocks of a
    /// document whose bulk is in another language.
    pub fn english_blocks(&self) -> Vec<Span> {
        self.blocks
            .iter()
            .map(|b| b.span)
            .filter(|&s| lang::looks_english(&self.text, self.words_in(s)))
            .collect()
    }

    /// The block containing a byte offset, if any.
    pub fn block_at(&self, offset: usize) -> Option<&Block> {
        let i = self.blocks.partition_point(|b| b.span.end <= offset);
        self.blocks
            .get(i)
            .filter(|b| b.span.start <= offset && offset < b.span.end)
    }

    /// The words (as spans) that lie inside `span`.
    pub fn words_in(&self, span: Span) -> &[Span] {
        self.words.get(self.word_range(span)).unwrap_or(&[])
    }

    /// Word `i` lower-cased with ASCII apostrophes (`document::lower`), from the tokens.
    pub fn word_lower(&self, i: usize) -> &str {
        self.tokens.lower(&self.text, i)
    }

    /// The indexes into `words` of the words that lie inside `span`.
    pub fn word_range(&self, span: Span) -> std::ops::Range<usize> {
        let from = self.words.partition_point(|w| w.start < span.start);
        let to = self.words.partition_point(|w| w.end <= span.end);
        from..to.max(from)
    }

    /// [`Document::word_range`] of a span when every word before `from` comes before the span
    /// (spans visited in order, `from` the end of the previous span's range): a scan forward
    /// from `from` instead of two binary searches of every word of the document.
    pub fn word_range_after(&self, from: usize, span: Span) -> std::ops::Range<usize> {
        let words = self.words.get(from..).unwrap_or(&[]);
        let start = from + words.iter().take_while(|w| w.start < span.start).count();
        let end = start
            + words
                .get(start - from..)
                .unwrap_or(&[])
                .iter()
                .take_while(|w| w.end <= span.end)
                .count();
        start..end
    }
}

/// The longest run of text without a space that [`in_address`] reads on each side of a word:
/// a longer run is no address an editor would fix by hand anyway, and the bound keeps a long
/// document without spaces linear.
const ADDRESS_REACH: usize = 200;

/// Whether the word at `span` is part of a web or e-mail address, an @handle or #hashtag, a
/// path or a file name rather than prose: its run of text without spaces holds `://`, `www.`
/// or `@`, or the word is joined to other letters or digits by `_`, `.`, `/` or `\`
/// (`kiev.example.com/Kiev/news`, `press@Kiev.gov.ua`, `Kiev_report.pdf`, `@Kiev`), or
/// hyphens lead from it to a file name's extension (`Kiev-report.pdf`). Otherwise a hyphen
/// ("Kiev-based"), an apostrophe or a full stop at the end of a sentence join nothing. Name rules
/// leave such words alone: their fixes would break the address.
pub fn in_address(text: &str, span: Span) -> bool {
    let (Some(head), Some(tail)) = (text.get(..span.start), text.get(span.end..)) else {
        return false;
    };
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut before = head.chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = tail.chars();
    let (a1, a2) = (after.next(), after.next());
    // Two capitalised words joined by a slash or a full stop are prose that lost a space, a
    // dateline or a pair of names ("Kiev.The talks", "Kiev/Reuters", "Lviv/Kiev"), not a
    // path or a file name.
    let capital = |c: Option<char>| c.is_some_and(char::is_uppercase);
    let joined_before = match b1 {
        Some('_' | '@' | '#') => true,
        Some(c @ ('.' | '/')) => {
            word(b2) && !capitalised_word_before(&head[..head.len() - c.len_utf8()])
        }
        Some('\\') => word(b2),
        _ => false,
    };
    let joined_after = match a1 {
        Some('_') => true,
        Some('.' | '/') => word(a2) && !capital(a2),
        Some('\\' | '@') => word(a2),
        _ => false,
    };
    if joined_before || joined_after || hyphenated_file_name(tail) {
        return true;
    }
    let run_start = head
        .char_indices()
        .rev()
        .take_while(|&(i, c)| span.start - i <= ADDRESS_REACH && !c.is_whitespace())
        .last()
        .map_or(span.start, |(i, _)| i);
    let run_end = span.end
        + tail
            .char_indices()
            .take_while(|&(i, c)| i <= ADDRESS_REACH && !c.is_whitespace())
            .last()
            .map_or(0, |(i, c)| i + c.len_utf8());
    // One pass over the run's bytes: `str::contains` sets up a substring search per call,
    // which cost more than the scan on runs this short (every capitalised word is tested).
    let run = text.get(run_start..run_end).unwrap_or("").as_bytes();
    (0..run.len()).any(|i| {
        let rest = &run[i..];
        rest.starts_with(b"@") || rest.starts_with(b"://") || rest.starts_with(b"www.")
    })
}

/// Whether `tail`, the text after a word, continues it into a file name through hyphens:
/// `-report.pdf` after "Kiev", `-2022_final.docx`. The hyphen-joined words must end in a
/// full stop and an extension that starts with a lower-case letter or a digit, as `.` joins
/// only then (above), so prose keeps its hyphens: "Kiev-based", "the Kiev-Moscow talks",
/// "Kiev-Moscow.The talks" (a lost space). An `_` already joins.
fn hyphenated_file_name(tail: &str) -> bool {
    if !tail.starts_with('-') {
        return false;
    }
    let mut chars = tail
        .char_indices()
        .take_while(|&(i, _)| i <= ADDRESS_REACH)
        .map(|(_, c)| c)
        .skip_while(|&c| c == '-' || c == '_' || c.is_alphanumeric());
    chars.next() == Some('.')
        && chars
            .next()
            .is_some_and(|c| c.is_alphanumeric() && !c.is_uppercase())
}

/// Whether `head` ends with a capitalised word that starts a run of text (after a space, an
/// opening bracket or quote, or at the start): "Lviv" in "in Lviv", not "org" in
/// "example.org" or "Kiev" in "x.Kiev".
fn capitalised_word_before(head: &str) -> bool {
    let Some(start) = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric())
        .last()
        .map(|(i, _)| i)
    else {
        return false;
    };
    let opens = |c: char| c.is_whitespace() || "([{\"'“‘«".contains(c);
    head[start..].chars().next().is_some_and(char::is_uppercase)
        && head[..start].chars().next_back().is_none_or(opens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_addresses_handles_and_file_names() {
        let text = "See https://www.odesa.example.org/Odesa/daily, write to desk@Odesa.example, \
                    open Odesa_budget.xlsx or Odesa.docx, follow @Odesa and #Odesa, or C:\\Odesa\\x; \
                    Lviv/Odesa. In Odesa's port, Odesa-based crews said: Odesa. (Odesa) \"Odesa\"";
        let mut got = Vec::new();
        let mut from = 0;
        while let Some(i) = text[from..].find("Odesa") {
            let span = Span::new(from + i, from + i + 5);
            got.push(in_address(text, span));
            from = span.end;
        }
        assert_eq!(
            got,
            [
                true, true, true, true, true, true, true, false, false, false, false, false, false
            ]
        );
        assert!(!in_address("Odesa", Span::new(0, 5)));
        assert!(!in_address("Odesa.", Span::new(0, 5)));
        assert!(in_address("x.Odesa", Span::new(2, 7)));
        assert!(in_address("example.org/Odesa", Span::new(12, 17)));
        assert!(in_address("see Odesa/news", Span::new(4, 9)));
        assert!(in_address("Visit Odesa.com today", Span::new(6, 11)));
        // Prose that lost a space, datelines and pairs of names (quick regression trial).
        for (text, start) in [
            ("Rain fell in Odesa.The talks ended.", 13),
            ("Sources: Odesa/Reuters. Talks ended.", 9),
            ("Odesa.Officials said.", 0),
            ("the Lviv/Odesa line", 9),
            ("(Lviv/Odesa)", 6),
        ] {
            assert!(!in_address(text, Span::new(start, start + 5)), "{text}");
        }
    }

    #[test]
    fn hyphen_joined_file_names_are_addresses_but_hyphenated_prose_is_not() {
        for (text, start) in [
            ("Open Odesa-report.pdf now.", 5),
            ("see Odesa-port_2022-final.docx", 4),
            ("(Odesa-report.pdf)", 1),
            ("the file Odesa--v2.txt.", 9),
        ] {
            assert!(in_address(text, Span::new(start, start + 5)), "{text}");
        }
        for (text, start) in [
            ("An Odesa-based crew.", 3),
            ("the Odesa-Lviv talks", 4),
            ("They met in Odesa-Lviv.", 12),
            ("They met in Odesa-Lviv.The talks ended.", 12),
            ("Odesa-", 0),
            ("Odesa - the port.", 0),
            ("Odesa-based.", 0),
        ] {
            assert!(!in_address(text, Span::new(start, start + 5)), "{text}");
        }
    }

    #[test]
    fn word_ranges_scanned_in_order_are_the_binary_searched_ones() {
        let doc = Document::from_text(
            "Read also\n\nThe minister said: \"No.\" Talks go on. Zürich – «Kyiv» 7,5 don't.\n\nEnd",
        );
        assert!(doc.sentences.len() > 3);
        let mut from = 0;
        // Every sentence in order, and every other one (skipped sentences in between).
        for step in [1, 2] {
            for &s in doc.sentences.iter().step_by(step) {
                let range = doc.word_range_after(from, s);
                assert_eq!(range, doc.word_range(s), "{s:?}");
                from = range.end;
            }
            from = 0;
        }
    }

    #[test]
    fn words_have_byte_spans_after_multibyte_text() {
        let doc = Document::from_text("Zürich – «Kyiv» 7,5 don't");
        let words: Vec<&str> = doc.words.iter().map(|&s| doc.slice(s)).collect();
        assert_eq!(words, ["Zürich", "Kyiv", "7,5", "don't"]);
    }

    #[test]
    fn block_lookup_and_words_in_block() {
        let doc = Document::from_text("First block here.\n\nSecond block there.");
        assert_eq!(doc.blocks.len(), 2);
        let second = doc.block_at(20).map(|b| doc.slice(b.span));
        assert_eq!(second, Some("Second block there."));
        let words: Vec<&str> = doc
            .words_in(doc.blocks[1].span)
            .iter()
            .map(|&s| doc.slice(s))
            .collect();
        assert_eq!(words, ["Second", "block", "there"]);
        assert!(doc.block_at(18).is_none());
        assert_eq!(
            doc.block_languages(),
            [Language::UNKNOWN, Language::UNKNOWN]
        );
    }

    #[test]
    fn slice_never_panics_on_a_bad_span() {
        let doc = Document::from_text("é");
        assert_eq!(doc.slice(Span::new(1, 2)), "");
        assert_eq!(doc.slice(Span::new(0, 99)), "");
    }
}
