//! `spelling` (SP): words the English dictionary lacks, with suggestions; never glossary names.
//! The dictionary itself (shared with `untranslated`) lives in [`dictionary`], the choice of
//! words worth reporting in [`unknown`]; the quoted passages both families step around are
//! found here.

pub mod dictionary;
pub mod misspelled_word;
pub mod unknown;
pub mod unknown_word;

use crate::document::{Document, Span};

/// The quoted passages of a block (the text between the marks), in order: “…”, "…", «…»,
/// „…“ or „…”, ‹…›, and ‘…’ where the closing ’ is not an apostrophe. Quotes do not nest
/// here and an unclosed quote yields nothing: this is for stepping around quoted foreign
/// words, not for judging quote marks (that is the `quotes` family's job).
pub fn quoted_spans(doc: &Document, block: Span) -> Vec<Span> {
    let text = doc.slice(block);
    let mut out = Vec::new();
    let mut open: Option<(usize, &[char])> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match open {
            Some((start, closers)) if closers.contains(&c) => {
                let apostrophe = c == '’' && next.is_some_and(char::is_alphanumeric);
                if !apostrophe {
                    out.push(Span::new(block.start + start, block.start + i));
                    open = None;
                }
            }
            Some(_) => {}
            None => {
                let closers: &[char] = match c {
                    '“' => &['”', '“'],
                    '"' => &['"'],
                    '«' => &['»'],
                    '„' => &['“', '”'],
                    '‹' => &['›'],
                    '‘' => &['’'],
                    _ => continue,
                };
                open = Some((i + c.len_utf8(), closers));
            }
        }
    }
    out
}

/// The quoted passage around `span`, if any, among `quotes` (sorted and disjoint, as from
/// [`quoted_spans`]).
pub fn enclosing(quotes: &[Span], span: Span) -> Option<Span> {
    let i = quotes.partition_point(|q| q.end < span.end);
    quotes
        .get(i)
        .copied()
        .filter(|q| q.start <= span.start && span.end <= q.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<String> {
        let doc = Document::from_text(text);
        doc.blocks
            .iter()
            .flat_map(|b| quoted_spans(&doc, b.span))
            .map(|s| doc.slice(s).to_owned())
            .collect()
    }

    #[test]
    fn finds_each_quote_style() {
        assert_eq!(
            quoted("He said “not now” and «jamais» and „nie“ and \"never\"."),
            ["not now", "jamais", "nie", "never"]
        );
        assert_eq!(quoted("the ‘people’s war’ ended"), ["people’s war"]);
    }

    #[test]
    fn unclosed_quotes_and_apostrophes_yield_nothing() {
        assert!(quoted("It’s the minister’s view, “partly").is_empty());
    }
}
