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
    is_english_bytes(word.as_bytes())
}

/// [`is_english`] of a word given as its UTF-8 bytes.
pub fn is_english_bytes(bytes: &[u8]) -> bool {
    // Block classification, language identification and the MT features ask this of every
    // word: the word is packed into an integer and looked up in a small open-addressed
    // table built at compile time (a binary search over the strings was 5% of a corpus run).
    if bytes.len() > KEY_LEN {
        return bytes.len() <= LONGEST
            && LONG
                .iter()
                .any(|w| bytes.eq_ignore_ascii_case(w.as_bytes()));
    }
    let key = key(bytes);
    let mut i = slot(key);
    loop {
        match TABLE[i] {
            0 => return false,
            k if k == key => return true,
            _ => i = (i + 1) & (SLOTS - 1),
        }
    }
}

/// The longest word that is looked up by its key, in bytes; longer ones are compared.
const KEY_LEN: usize = 8;

/// Slots of the lookup table: a power of two, at least twice the list.
const SLOTS: usize = 512;

/// A word of at most [`KEY_LEN`] bytes as one integer: its bytes with bit 0x20 set, then
/// zeros. Setting 0x20 lower-cases ASCII letters. A byte maps to a lower-case letter only
/// if it is that letter in either case, no byte maps to 0, and bytes outside ASCII stay
/// outside; so a word's key is a listed word's (all lower-case letters) exactly when the
/// two are equal ignoring ASCII case, and no key of a non-empty word is 0 (the empty slot).
const fn key(bytes: &[u8]) -> u64 {
    let mut key = 0u64;
    let mut i = 0;
    while i < bytes.len() && i < KEY_LEN {
        key |= ((bytes[i] | 0x20) as u64) << (8 * i);
        i += 1;
    }
    key
}

const fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 55) as usize & (SLOTS - 1)
}

/// Keys of the listed words of at most [`KEY_LEN`] bytes; 0 is an empty slot.
static TABLE: [u64; SLOTS] = {
    let mut slots = [0u64; SLOTS];
    let mut w = 0;
    while w < ENGLISH.len() {
        let word = ENGLISH[w].as_bytes();
        w += 1;
        if word.len() > KEY_LEN {
            continue;
        }
        let key = key(word);
        let mut i = slot(key);
        while slots[i] != 0 {
            i = (i + 1) & (SLOTS - 1);
        }
        slots[i] = key;
    }
    slots
};

/// The listed words longer than [`KEY_LEN`] bytes, compared in full.
const LONG: &[&str] = &["ourselves", "themselves"];

/// Bytes of the longest listed word.
const LONGEST: usize = 10;

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
    fn the_long_words_are_the_listed_words_over_the_key_length() {
        let long: Vec<&str> = ENGLISH
            .iter()
            .copied()
            .filter(|w| w.len() > KEY_LEN)
            .collect();
        assert_eq!(long, LONG);
        assert_eq!(ENGLISH.iter().map(|w| w.len()).max(), Some(LONGEST));
    }

    #[test]
    fn lookup_ignores_case() {
        assert!(is_english("The"));
        assert!(!is_english("Ukraine"));
    }

    #[test]
    fn lookup_finds_every_listed_word_and_nothing_else() {
        assert!(ENGLISH.len() * 2 <= SLOTS);
        for w in ENGLISH {
            assert!(is_english(w), "{w}");
            assert!(is_english(&w.to_uppercase()), "{w}");
            assert!(!is_english(&format!("{w}x")), "{w}x");
            assert!(!is_english(&format!("{w}\0")), "{w} with a NUL");
        }
        for w in [
            "",
            "th",
            "thee",
            "aboutt",
            "wouldn't",
            "é",
            "abcdefghijk",
            "@nd",
            "th@",
            "\0",
            "a\0",
            "themselvesx",
            "ourselve",
            "THEMSELVES!",
        ] {
            assert!(!is_english(w), "{w}");
        }
    }

    #[test]
    fn lookup_is_a_case_blind_match_against_the_list() {
        // The reference: lower-case the word if it is ASCII, then search the sorted list.
        let reference = |w: &str| {
            w.is_ascii()
                && ENGLISH
                    .binary_search(&w.to_ascii_lowercase().as_str())
                    .is_ok()
        };
        let alphabet = [
            'a', 'E', 'h', 'T', 's', 'o', 'N', '@', '`', '\'', ' ', '\0', 'é', 'z',
        ];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = words
                .iter()
                .flat_map(|w| alphabet.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        let listed = ENGLISH.iter().flat_map(|w| {
            [
                w.to_string(),
                w.to_uppercase(),
                format!("{w}@"),
                format!("{w}s"),
                w.replace('e', "E"),
            ]
        });
        for w in words.into_iter().chain(listed) {
            assert_eq!(is_english(&w), reference(&w), "{w:?}");
        }
    }
}
