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
    // word: the word is packed into an integer on the stack and looked up in a small
    // open-addressed table (a binary search over the strings was 5% of a corpus run).
    let table = table();
    if bytes.len() > KEY_LEN {
        return table
            .long
            .iter()
            .any(|w| bytes.eq_ignore_ascii_case(w.as_bytes()));
    }
    let key = key(bytes);
    let mut i = slot(key);
    loop {
        match table.slots.get(i) {
            Some(&0) | None => return false,
            Some(&k) if k == key => return true,
            Some(_) => i = (i + 1) & (SLOTS - 1),
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
fn key(bytes: &[u8]) -> u64 {
    let mut buf = [0u8; KEY_LEN];
    for (d, &b) in buf.iter_mut().zip(bytes) {
        *d = b | 0x20;
    }
    u64::from_le_bytes(buf)
}

fn slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 55) as usize & (SLOTS - 1)
}

struct Table {
    /// Keys of the listed words of at most [`KEY_LEN`] bytes; 0 is an empty slot.
    slots: Vec<u64>,
    /// The longer listed words ("ourselves", "themselves").
    long: Vec<&'static str>,
}

fn table() -> &'static Table {
    static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut slots = vec![0u64; SLOTS];
        let mut long = Vec::new();
        for w in ENGLISH {
            if w.len() > KEY_LEN {
                long.push(*w);
                continue;
            }
            let key = key(w.as_bytes());
            let mut i = slot(key);
            while slots[i] != 0 {
                i = (i + 1) & (SLOTS - 1);
            }
            slots[i] = key;
        }
        Table { slots, long }
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
