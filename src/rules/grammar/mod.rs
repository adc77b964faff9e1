//! `grammar` (GR): garbled phrasing — repeated words, double negation, calques — and the
//! clause splitting several of these rules share. Phrase lists live under `glossaries/`.

pub mod article_before_title;
pub mod calqued_phrase;
pub mod double_negation;
pub mod present_perfect_with_past_time;
pub mod repeated_word;
pub mod since_with_duration;

use crate::document::{Document, Span};

/// The words of each clause, in text order: every sentence cut wherever the gap between two
/// words holds clause punctuation (`, ; : ( ) [ ]`, a dash, a sentence end or a line break).
/// Quote marks do not cut: machine translation often wraps half a clause in quotes.
pub(crate) fn clauses(doc: &Document) -> Vec<&[Span]> {
    let mut out = Vec::new();
    for &sentence in &doc.sentences {
        let words = doc.words_in(sentence);
        let mut start = 0;
        for i in 1..=words.len() {
            let cut = i == words.len()
                || cuts_clause(doc.slice(Span::new(words[i - 1].end, words[i].start)));
            if cut {
                if let Some(clause) = words.get(start..i) {
                    out.push(clause);
                }
                start = i;
            }
        }
    }
    out
}

fn cuts_clause(gap: &str) -> bool {
    gap.contains([
        ',', ';', ':', '(', ')', '[', ']', '–', '—', '.', '!', '?', '\n', '\r', '…',
    ]) || gap.contains(" - ")
}

/// The word as lower-case ASCII-apostrophe text: "Don’t" → "don't".
pub(crate) fn lower(word: &str) -> String {
    // The grammar rules lower every word of every clause: skip the Unicode tables and the
    // second allocation when they cannot matter.
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    let lower = word.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_cut_at_punctuation_but_not_at_quotes() {
        let doc = Document::from_text(
            "He said, “we do not know” (yet) that they left – all of them. Then rain",
        );
        let got: Vec<Vec<&str>> = clauses(&doc)
            .iter()
            .map(|c| c.iter().map(|&w| doc.slice(w)).collect())
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
