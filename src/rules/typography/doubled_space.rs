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
        let text = cx.doc.text.as_str();
        let article = Article::new(cx.doc);
        let mut run_start: Option<usize> = None;
        let mut run_chars = 0;
        let mut before: Option<(char, Option<char>)> = None; // last two non-space chars
        for (i, c) in text.char_indices() {
            if is_inline_space(c) {
                run_start.get_or_insert(i);
                run_chars += 1;
                continue;
            }
            if let (Some(start), Some((last, second))) = (run_start, before) {
                let inside = !c.is_whitespace() && !last.is_whitespace();
                if inside
                    && (2..=3).contains(&run_chars)
                    && !ends_sentence(last, second)
                    && article.contains(start)
                {
                    out.push(
                        Diagnostic::new(Span::new(start, i), "doubled space")
                            .with_fix(" ", Applicability::Safe),
                    );
                }
            }
            run_start = None;
            run_chars = 0;
            before = Some((c, before.map(|b| b.0)));
        }
    }
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
