//! `grammar` (GR): garbled phrasing — repeated words, double negation, calques — and the
//! clause splitting several of these rules share. Phrase lists live under `glossaries/`.

pub mod article_before_title;
pub mod calqued_phrase;
pub mod double_negation;
pub mod present_perfect_with_past_time;
pub mod repeated_word;
pub mod since_with_duration;

use crate::document::{Document, Span};
use crate::rules::Context;

/// The words of each clause, in text order, as ranges `(from, to)` of indexes into `doc.words`: every
/// sentence cut wherever the gap between two words holds clause punctuation (`, ; : ( ) [ ]`,
/// a dash, a sentence end or a line break). Quote marks do not cut: machine translation often
/// wraps half a clause in quotes. Computed once per document (`Context::clauses`).
pub(crate) fn clauses(doc: &Document) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut from = 0;
    for &sentence in &doc.sentences {
        // Sentences come in order and do not overlap: a scan on from the last one's words.
        let range = doc.word_range_after(from, sentence);
        from = range.end;
        let words = doc.words.get(range.clone()).unwrap_or(&[]);
        let mut start = 0;
        for i in 1..=words.len() {
            let cut = i == words.len()
                || cuts_clause(doc.slice(Span::new(words[i - 1].end, words[i].start)));
            if cut {
                // Kept per document in `Context`: two u32s are half a Range<usize>, and a
                // 10 MB document has hundreds of thousands of clauses.
                let index = |k: usize| u32::try_from(range.start + k).unwrap_or(u32::MAX);
                out.push((index(start), index(i)));
                start = i;
            }
        }
    }
    out
}

/// One clause: its words' spans and their lower-cased forms (`document::lower`), from the
/// document's tokens.
pub(crate) struct Clause<'a> {
    pub spans: &'a [Span],
    pub words: &'a [&'a str],
}

/// Every clause of the document with its lower-cased words, for the grammar rules: slices
/// of the document's words and of `Context::lower_words`, which three rules share.
pub(crate) fn clause_words<'a>(cx: &'a Context) -> impl Iterator<Item = Clause<'a>> + 'a {
    let (spans, words) = (&cx.doc.words, cx.lower_words());
    cx.clauses().iter().map(move |&(from, to)| {
        let r = from as usize..to as usize;
        Clause {
            spans: spans.get(r.clone()).unwrap_or(&[]),
            words: words.get(r).unwrap_or(&[]),
        }
    })
}

fn cuts_clause(gap: &str) -> bool {
    // Most gaps between words are one space; an ASCII gap is tested byte by byte (the
    // dashes and the ellipsis are not ASCII).
    if gap == " " {
        return false;
    }
    if gap.is_ascii() {
        return gap.bytes().any(|b| {
            matches!(
                b,
                b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'.' | b'!' | b'?' | b'\n' | b'\r'
            )
        }) || gap.contains(" - ");
    }
    cuts_clause_by_chars(gap)
}

/// [`cuts_clause`] for any gap, character by character.
fn cuts_clause_by_chars(gap: &str) -> bool {
    gap.contains([
        ',', ';', ':', '(', ')', '[', ']', '–', '—', '.', '!', '?', '\n', '\r', '…',
    ]) || gap.contains(" - ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_of_a_gap_is_the_character_test() {
        let mut seed = 0x2545_f491_4f6c_dd1d;
        for i in 0..50_000u64 {
            let every = [0, 3, 9][(i % 3) as usize];
            let gap = crate::document::segment::random_text(&mut seed, (i % 7) as usize, every);
            assert_eq!(cuts_clause(&gap), cuts_clause_by_chars(&gap), "{gap:?}");
        }
        for gap in [
            " ", " - ", "-", " – ", "…", ", ", " \u{a0}", "\"", " (", "- ",
        ] {
            assert_eq!(cuts_clause(gap), cuts_clause_by_chars(gap), "{gap:?}");
        }
    }

    #[test]
    fn clauses_cut_at_punctuation_but_not_at_quotes() {
        let doc = Document::from_text(
            "He said, “we do not know” (yet) that they left – all of them. Then rain",
        );
        let got: Vec<Vec<&str>> = clauses(&doc)
            .into_iter()
            .map(|(from, to)| {
                (from as usize..to as usize)
                    .map(|i| doc.slice(doc.words[i]))
                    .collect()
            })
            .collect();
        assert_eq!(
            got,
            [
                vec!["He", "said"],
                vec!["we", "do", "not", "know"],
                vec!["yet"],
                vec!["that", "they", "left"],
                vec!["all", "of", "them"],
                vec!["Then", "rain"],
            ]
        );
    }
}
