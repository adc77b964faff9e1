//! Whether a block reads as a sentence of prose: it opens like a sentence, ends with a full
//! stop, question or exclamation mark, and has a finite verb. The block classifier asks this
//! of blocks with few stopwords, which are not page furniture when they read so: news copy
//! full of names, titles and figures ("Shares of Acme rose 4.2% to $31.50 on Tuesday.") has
//! few function words, while menus, captions, tags and credits have no sentence shape or no
//! verb. Nothing here classifies; `blocks` decides what the answer means.

/// Whitespace-separated tokens a block needs before it can read as a sentence.
const MIN_TOKENS: usize = 6;

/// Auxiliaries and modals: finite whatever their subject.
const AUXILIARIES: &[&str] = &[
    "are", "can", "could", "did", "does", "had", "has", "is", "may", "might", "must", "shall",
    "should", "was", "were", "will", "would",
];

/// Irregular past tenses and frequent present-tense forms of the verbs news copy reports
/// with (the regular past is told by its `-ed`). Sorted for a binary search.
const VERBS: &[&str] = &[
    "adds", "ate", "beat", "became", "began", "bought", "broke", "brought", "built", "came",
    "caught", "chose", "cut", "drew", "drove", "employs", "expects", "faces", "fell", "flew",
    "fought", "found", "gave", "got", "grew", "held", "hit", "holds", "kept", "knew", "leads",
    "led", "left", "lost", "made", "makes", "meant", "met", "owns", "paid", "plans", "put", "quit",
    "ran", "remains", "rose", "said", "sank", "sat", "saw", "says", "sees", "sent", "set", "shot",
    "shows", "shut", "slid", "sold", "spent", "spoke", "stood", "struck", "swung", "takes",
    "thought", "threw", "told", "took", "wants", "went", "won", "wore", "wrote",
];

/// Words ending in `-ed` that are not verbs, so not taken for a regular past tense.
const NOT_PAST: &[&str] = &[
    "bleed", "breed", "embed", "exceed", "hundred", "indeed", "kindred", "proceed", "succeed",
    "unsaid",
];

/// Whether `text` (one block, trimmed) reads as prose: at least [`MIN_TOKENS`] tokens, a
/// first letter or digit that is upper-case or a digit (after opening quotes or brackets),
/// a last mark that ends a sentence (before closing quotes or brackets), and a finite verb
/// among its lower-case words after the first.
pub fn reads_as_sentence(text: &str) -> bool {
    let text = text.trim();
    let opens = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let closes = text
        .trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with(['.', '!', '?']);
    if !opens || !closes || text.split_whitespace().nth(MIN_TOKENS - 1).is_none() {
        return false;
    }
    text.split_whitespace()
        .skip(1)
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .any(is_finite_verb)
}

/// A lower-case word that is an auxiliary, a listed verb form or a regular past tense (five
/// letters or more ending in `-ed`: "rose" is listed, "red" and "bed" are not verbs).
fn is_finite_verb(word: &str) -> bool {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || word.is_empty() {
        return false;
    }
    AUXILIARIES.binary_search(&word).is_ok()
        || VERBS.binary_search(&word).is_ok()
        || (word.len() >= 5 && word.ends_with("ed") && NOT_PAST.binary_search(&word).is_err())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_lower_case_and_unique() {
        for list in [AUXILIARIES, VERBS, NOT_PAST] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
            assert!(
                list.iter()
                    .all(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
            );
        }
    }

    #[test]
    fn news_sentences_full_of_names_and_figures_read_as_prose() {
        for text in [
            "Shares of Tallow Mills rose 4.2% to $31.50 on Tuesday, Nasdaq data showed.",
            "Deputy Mayor Ines Falk, Treasurer Rob Hale and Harbour Master Una Lind will attend.",
            "Grant, 52, a former central bank deputy governor, replaces Holm, who held the post since 2019.",
            "The Social Union won 41 of 150 seats, the Green Alliance 23 and the Liberal Centre 14.",
            "\"Quarterly revenue climbed 3.1% to $1.84 billion,\" CFO Lena Dahl told analysts.",
            "2023 revenue: $4.1 billion, up 7% from 2022, the company reported.",
        ] {
            assert!(reads_as_sentence(text), "{text}");
        }
    }

    #[test]
    fn furniture_does_not_read_as_prose() {
        for text in [
            "Home | World | Business | Markets | Sport | Culture",
            "Share on Facebook",
            "Photo: Kim Lee/AFP via Getty Images.",
            "Tags: floods, council, harbour, budget, elections, Vallora.",
            "Reporting by Sam Ortiz; Editing by Kim Lee",
            "Elena Marsh, Prime Minister-designate, in Vallora on June 4, 2024.",
            "prices of bread, milk and eggs in 2023 compared to 2022, 2021 and 2020 rose.",
            "One hundred and twenty.",
        ] {
            assert!(!reads_as_sentence(text), "{text}");
        }
    }
}
