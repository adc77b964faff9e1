//! English function words, used for jusText-style stopword density of blocks (and later by
//! the MT detector's style features). Sorted so lookup is a binary search.

pub const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

/// Whether a word (any case) is an English function word.
pub fn is_english(word: &str) -> bool {
    // Lower-cased on the stack: block classification asks this of every word.
    let mut buf = [0u8; 10];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    if !word.is_ascii() {
        return false;
    }
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    std::str::from_utf8(lower).is_ok_and(|l| by_first_letter(l).binary_search(&l).is_ok())
}

/// The part of [`ENGLISH`] that starts with the word's first letter: a few entries to search
/// instead of all of them.
fn by_first_letter(word: &str) -> &'static [&'static str] {
    static INDEX: std::sync::OnceLock<[(usize, usize); 26]> = std::sync::OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index = [(0, 0); 26];
        for (slot, letter) in index.iter_mut().zip(b'a'..=b'z') {
            let from = ENGLISH.partition_point(|w| w.bytes().next() < Some(letter));
            let to = ENGLISH.partition_point(|w| w.bytes().next() <= Some(letter));
            *slot = (from, to);
        }
        index
    });
    let slot = word
        .bytes()
        .next()
        .and_then(|b| b.checked_sub(b'a'))
        .and_then(|i| index.get(usize::from(i)));
    slot.and_then(|&(from, to)| ENGLISH.get(from..to))
        .unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_sorted_unique_and_lowercase() {
        assert!(ENGLISH.windows(2).all(|w| w[0] < w[1]));
        assert!(
            ENGLISH
                .iter()
                .all(|w| w.chars().all(|c| c.is_ascii_lowercase()))
        );
    }

    #[test]
    fn lookup_ignores_case() {
        assert!(is_english("The"));
        assert!(!is_english("Ukraine"));
    }
}
