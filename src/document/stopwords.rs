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
    // Block classification, language identification and the MT features ask this of every
    // word: the word is packed into an integer on the stack and looked up in a small
    // open-addressed table (a binary search over the strings was 5% of a corpus run).
    if word.len() > MAX_LEN || !word.is_ascii() {
        return false;
    }
    let key = pack(word.bytes().map(|b| b.to_ascii_lowercase()));
    let table = table();
    let mut i = slot(key);
    loop {
        match table.get(i) {
            Some(&k) if k == key => return true,
            Some(&0) | None => return false,
            Some(_) => i = (i + 1) & (SLOTS - 1),
        }
    }
}

/// The longest function word, in bytes.
const MAX_LEN: usize = 10;

/// Slots of the lookup table: a power of two, at least twice the list.
const SLOTS: usize = 512;

/// A word of at most [`MAX_LEN`] bytes as one integer: its bytes after its length, so no two
/// words share a key and no key is 0 (the empty slot).
fn pack(bytes: impl Iterator<Item = u8>) -> u128 {
    let (mut key, mut len) = (0u128, 0u128);
    for b in bytes {
        key = (key << 8) | u128::from(b);
        len += 1;
    }
    key | (len + 1) << 120
}

fn slot(key: u128) -> usize {
    let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (mixed.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 55) as usize & (SLOTS - 1)
}

fn table() -> &'static [u128] {
    static TABLE: std::sync::OnceLock<Vec<u128>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = vec![0u128; SLOTS];
        for w in ENGLISH {
            let key = pack(w.bytes());
            let mut i = slot(key);
            while table[i] != 0 {
                i = (i + 1) & (SLOTS - 1);
            }
            table[i] = key;
        }
        table
    })
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

    #[test]
    fn lookup_finds_every_listed_word_and_nothing_else() {
        assert!(ENGLISH.len() * 2 <= SLOTS);
        assert!(ENGLISH.iter().all(|w| w.len() <= MAX_LEN));
        for w in ENGLISH {
            assert!(is_english(w), "{w}");
            assert!(is_english(&w.to_uppercase()), "{w}");
            assert!(!is_english(&format!("{w}x")), "{w}x");
            assert!(!is_english(&format!("{w}\0")), "{w} with a NUL");
        }
        for w in ["", "th", "thee", "aboutt", "wouldn't", "é", "abcdefghijk"] {
            assert!(!is_english(w), "{w}");
        }
    }
}
