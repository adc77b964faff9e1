//! TY004 doubled-space: two or three spaces between words inside a sentence.

use crate::document::Span;
use crate::rules::typography::{Article, is_inline_space};
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct DoubledSpace;

static META: RuleMeta = RuleMeta {
    code: "TY004",
    name: "doubled-space",
    family: Family::Typography,
    severity: Severity::Warning,
    languages: &["*"],
    summary: "Two spaces between words inside a sentence",
    explanation: "\
## What it does
Flags two or three spaces in a row between two words of one line, and replaces them with
one. No-break and narrow no-break spaces count.

## Why it matters
Inside a sentence a doubled space is a slip: often the place where a word was deleted in
editing or dropped by machine translation, or where a no-break space of the source sat next
to an ordinary one.

## What it lets pass
Two spaces after a full stop, question mark, exclamation mark or colon (the typewriter
convention many writers keep), also after a closing quote or bracket that ends a sentence;
runs of four spaces or more (layout: tables, aligned columns); indentation and spaces at
the end of a line.

## Example
`the talks  ended on Monday` → `the talks ended on Monday`",
    bad_example: "The talks  ended on Monday.",
    good_example: "The talks ended.  Both sides left.  \"We are done.\"  Nothing more:  end.",
};

impl Check for DoubledSpace {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let article = Article::new(cx.doc);
        for span in doubled_spaces(&cx.doc.text) {
            if article.contains(span.start) {
                out.push(Diagnostic::new(span, "doubled space").with_fix(" ", Applicability::Safe));
            }
        }
    }
}

/// The runs of two or three inline spaces between two characters that are not whitespace,
/// where the one before does not end a sentence.
///
/// A finding needs two inline spaces in a row, which most texts have few of: the text is
/// scanned byte by byte for the inline spaces (a space, or the lead byte of one of the three
/// others), and only a run's neighbours are decoded. A test compares this with a scan
/// character by character.
fn doubled_spaces(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // A run of two inline spaces or more holds two ASCII spaces in a row or a non-ASCII
    // inline space: most texts have neither, which two vectorised scans tell faster than the
    // byte loop below (about 1% of an audit).
    let non_ascii_space = || {
        // U+00A0, U+202F and U+2009 in UTF-8.
        memchr::memchr2_iter(0xC2, 0xE2, bytes).any(|i| {
            matches!(
                bytes.get(i..),
                Some([0xC2, 0xA0, ..] | [0xE2, 0x80, 0xAF | 0x89, ..])
            )
        })
    };
    if memchr::memmem::find(bytes, b"  ").is_none() && !non_ascii_space() {
        return Vec::new();
    }
    // The length of the inline space at byte `i`, if one starts there. Continuation bytes
    // of other characters are never a space or one of these lead bytes.
    let space_at = |i: usize| -> Option<usize> {
        match bytes.get(i)? {
            b' ' => Some(1),
            0xC2 => text
                .get(i..i + 2)
                .filter(|s| *s == "\u{00A0}")
                .map(str::len),
            0xE2 => text
                .get(i..i + 3)
                .filter(|s| matches!(*s, "\u{202F}" | "\u{2009}"))
                .map(str::len),
            _ => None,
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let Some(len) = space_at(i) else {
            i += 1;
            continue;
        };
        let start = i;
        i += len;
        let mut run_chars = 1;
        while let Some(len) = space_at(i) {
            i += len;
            run_chars += 1;
        }
        if !(2..=3).contains(&run_chars) {
            continue;
        }
        // The character after the run (none at the end of the text), the one before it
        // (none at the start; never an inline space), and the last one before that which
        // is not an inline space.
        let (Some(next), Some(last)) = (
            text.get(i..).and_then(|t| t.chars().next()),
            text.get(..start).and_then(|t| t.chars().next_back()),
        ) else {
            continue;
        };
        let second = text
            .get(..start - last.len_utf8())
            .and_then(|t| t.trim_end_matches(is_inline_space).chars().next_back());
        if !next.is_whitespace() && !last.is_whitespace() && !ends_sentence(last, second) {
            out.push(Span::new(start, i));
        }
    }
    out
}

/// `.`, `?`, `!`, `:`, or a closing quote or bracket after one of them.
fn ends_sentence(last: char, second: Option<char>) -> bool {
    let stop = |c: char| matches!(c, '.' | '?' | '!' | ':' | '…');
    stop(last)
        || (matches!(last, '"' | '”' | '’' | '\'' | ')' | ']' | '»') && second.is_some_and(stop))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_doubled_spaces_between_words() {
        let d = diagnostics(&DoubledSpace, "the  talks,  in\u{00A0} Geneva");
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].span, Span::new(3, 5));
        assert_eq!(d[0].suggestion.as_deref(), Some(" "));
        assert_eq!(flagged(&DoubledSpace, "a   b"), ["   "]);
    }

    /// [`doubled_spaces`] as the rule scanned before: character by character, keeping the
    /// last two characters that are not inline spaces.
    fn doubled_spaces_by_chars(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut run_start: Option<usize> = None;
        let mut run_chars = 0;
        let mut before: Option<(char, Option<char>)> = None;
        for (i, c) in text.char_indices() {
            if is_inline_space(c) {
                run_start.get_or_insert(i);
                run_chars += 1;
                continue;
            }
            if let (Some(start), Some((last, second))) = (run_start, before) {
                let inside = !c.is_whitespace() && !last.is_whitespace();
                if inside && (2..=3).contains(&run_chars) && !ends_sentence(last, second) {
                    out.push(Span::new(start, i));
                }
            }
            run_start = None;
            run_chars = 0;
            before = Some((c, before.map(|b| b.0)));
        }
        out
    }

    #[test]
    fn the_byte_scan_finds_what_the_character_scan_found() {
        let alphabet = [
            ' ', ' ', 'a', '.', '"', '”', '\u{00A0}', '\u{202F}', '\u{2009}', '\u{2008}', '\n',
            '…', 'é', '\u{2029}', '?',
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for n in 0..60_000 {
            let text = crate::document::segment::random_text_of(&mut seed, n % 14, &alphabet);
            assert_eq!(
                doubled_spaces(&text),
                doubled_spaces_by_chars(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn lets_sentence_gaps_layout_and_edges_pass() {
        for text in [
            "It ended.  Then they left.",
            "Why?  Nobody knows!  Really.",
            "He said \"no.\"  Then left.",
            "Note:  see below.",
            "Name    Score",
            "  indented line",
            "trailing spaces  \nnext line",
        ] {
            assert!(flagged(&DoubledSpace, text).is_empty(), "{text}");
        }
    }
}
