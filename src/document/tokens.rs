//! The document's words as tokens, built once in `Document::new`: each word's per-document
//! interned form id, and per distinct form its lower-cased text. Rules that compare words
//! (grammar phrases, spelling, names) look a form up once per document and index by id
//! instead of lower-casing and hashing every occurrence again. Nothing here knows about rules.

use super::Span;

/// The distinct word forms of a document and, parallel to its words, the form of each.
#[derive(Debug, Default)]
pub struct Tokens {
    /// Form id of each word (parallel to `Document::words`).
    ids: Vec<u32>,
    /// The distinct forms, in order of first occurrence.
    forms: Vec<Form>,
}

/// One distinct word form (exact text) of a document.
#[derive(Debug)]
pub struct Form {
    /// The first occurrence of the form.
    pub first: Span,
    /// Lower-cased with ASCII apostrophes ("Don’t" → "don't"), as the grammar rules compare;
    /// `None` when that is the form itself (most words), which saves an allocation per form.
    lower: Option<Box<str>>,
}

impl Tokens {
    pub fn new(text: &str, words: &[Span]) -> Self {
        // foldhash: a word is hashed once per occurrence here, and SipHash showed in profiles.
        // Sized for an article's forms up front (about half its words) instead of growing
        // through rehashes; a very long document still grows past the cap.
        let capacity = (words.len() / 2).min(1 << 12);
        let mut index: foldhash::HashMap<&str, u32> =
            foldhash::HashMap::with_capacity_and_hasher(capacity, Default::default());
        let mut forms = Vec::new();
        let ids = words
            .iter()
            .map(|&w| {
                let word = text.get(w.start..w.end).unwrap_or("");
                *index.entry(word).or_insert_with(|| {
                    let already = !word.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80);
                    forms.push(Form {
                        first: w,
                        lower: (!already).then(|| lower(word).into_boxed_str()),
                    });
                    u32::try_from(forms.len() - 1).unwrap_or(u32::MAX)
                })
            })
            .collect();
        Tokens { ids, forms }
    }

    /// The form id of word `i`, if there is such a word.
    pub fn id(&self, i: usize) -> Option<usize> {
        self.ids.get(i).map(|&id| id as usize)
    }

    /// Form ids parallel to the document's words.
    pub fn ids(&self) -> &[u32] {
        &self.ids
    }

    /// The distinct forms; index them with [`Tokens::id`].
    pub fn forms(&self) -> &[Form] {
        &self.forms
    }

    /// The lower-cased form of word `i` of `text` (the document's text; "" if there is no
    /// such word). `Document::word_lower` passes the text.
    pub fn lower<'a>(&'a self, text: &'a str, i: usize) -> &'a str {
        let Some(form) = self.id(i).and_then(|id| self.forms.get(id)) else {
            return "";
        };
        match &form.lower {
            Some(lower) => lower,
            None => text.get(form.first.start..form.first.end).unwrap_or(""),
        }
    }
}

/// The word as lower-case ASCII-apostrophe text: "Don’t" → "don't".
pub fn lower(word: &str) -> String {
    // Skip the Unicode tables and the second allocation when they cannot matter.
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
    fn one_form_per_distinct_text_in_first_occurrence_order() {
        let text = "The cat and the Cat don’t";
        let words = [
            Span::new(0, 3),
            Span::new(4, 7),
            Span::new(8, 11),
            Span::new(12, 15),
            Span::new(16, 19),
            Span::new(20, 27),
        ];
        let t = Tokens::new(text, &words);
        assert_eq!(t.ids(), [0, 1, 2, 3, 4, 5]);
        let lowers: Vec<&str> = (0..6).map(|i| t.lower(text, i)).collect();
        assert_eq!(lowers, ["the", "cat", "and", "the", "cat", "don't"]);
        let t = Tokens::new(
            "a b a",
            &[Span::new(0, 1), Span::new(2, 3), Span::new(4, 5)],
        );
        assert_eq!(t.ids(), [0, 1, 0]);
        assert_eq!(t.forms().len(), 2);
        assert_eq!(t.lower("a b a", 9), "");
    }
}
