//! Grouping a text's own proper nouns into spellings of one name, with no glossary: words whose
//! normalised spelling (`skeleton::normalize`, on which the romanisation schemes agree) is the
//! same — "Surovikin" and "Sourovikine", "Kolesnikov" and "Kolesnikow". Without a glossary
//! anchor nothing confirms a looser match, so none is made: one edit apart would tie
//! "Francis" to "Francois" and "Soviet" to "Soviets". Used by NM004 within a document and by
//! `calq glossary suggest` over a corpus.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::matcher::fold;
use super::skeleton;
use crate::document::stopwords;

/// Several spellings of what is probably one name, most frequent first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub spellings: Vec<(String, usize)>,
}

impl Cluster {
    pub fn total(&self) -> usize {
        self.spellings.iter().map(|(_, n)| n).sum()
    }
}

/// The word without a possessive ending.
pub fn stem(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// A word that may be a name worth grouping: capitalised (not all capitals), five letters or
/// more, letters only, and not an English function word.
pub fn is_candidate(word: &str) -> bool {
    // Most words start with an ASCII character that is not a capital: its byte rules them out.
    if word
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return false;
    }
    // Most words are ASCII: there a character is a byte and its classes are ASCII's.
    if word.is_ascii() {
        let b = word.as_bytes();
        return b.len() >= 5
            && b[0].is_ascii_uppercase()
            && b.iter().all(u8::is_ascii_alphabetic)
            && b[1..].iter().any(u8::is_ascii_lowercase)
            && !stopwords::is_english_bytes(b);
    }
    is_candidate_by_chars(word)
}

/// [`is_candidate`] for any word, character by character.
fn is_candidate_by_chars(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.len() >= 5
        && word.chars().count() >= 5
        && word.chars().all(char::is_alphabetic)
        && chars.any(char::is_lowercase)
        && !stopwords::is_english(word)
}

/// The normalised spelling used for grouping (remembered per thread: `skeleton::normalized_word`).
pub fn normalized(word: &str) -> String {
    skeleton::normalized_word(word).to_string()
}

/// Groups spelling counts (surface form → occurrences) into clusters of two or more
/// spellings. Spellings that differ only in case or accents count as one.
pub fn cluster<S: BuildHasher>(counts: &HashMap<String, usize, S>) -> Vec<Cluster> {
    let folded: Vec<(&str, String, usize)> = counts
        .iter()
        .map(|(form, &n)| (form.as_str(), fold(form), n))
        .collect();
    cluster_folded(folded.iter().map(|(form, f, n)| (*form, f.as_str(), *n)))
}

/// [`cluster`] of spelling counts given as `(surface form, its fold (matcher::fold), count)`,
/// each surface form once, in any order: for NM004, which has folded its words already.
pub fn cluster_folded<'a>(counts: impl Iterator<Item = (&'a str, &'a str, usize)>) -> Vec<Cluster> {
    // The commonest surface form of each folded spelling stands for it. (The result does not
    // depend on the order of the counts: ties are broken by the spellings and clusters
    // sorted.) Spellings are borrowed and copied only into the clusters kept: most
    // documents have dozens of candidate words and no cluster at all (NM004 runs this on
    // every document).
    let mut by_fold: foldhash::HashMap<&str, (&str, usize, usize)> =
        foldhash::HashMap::with_capacity_and_hasher(counts.size_hint().0, Default::default());
    for (form, folded, n) in counts {
        let e = by_fold.entry(folded).or_insert((form, 0, 0));
        e.1 += n;
        if n > e.2 || (n == e.2 && form < e.0) {
            (e.0, e.2) = (form, n);
        }
    }
    let mut by_key: foldhash::HashMap<std::rc::Rc<str>, Vec<(&str, usize)>> =
        foldhash::HashMap::with_capacity_and_hasher(by_fold.len(), Default::default());
    for (form, n, _) in by_fold.into_values() {
        by_key
            .entry(skeleton::normalized_word(form))
            .or_default()
            .push((form, n));
    }
    let mut out: Vec<Cluster> = by_key
        .into_values()
        .filter(|g| g.len() > 1)
        .map(|mut spellings| {
            spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
            let spellings = spellings.into_iter().map(|(f, n)| (f.to_owned(), n));
            Cluster {
                spellings: spellings.collect(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.total()
            .cmp(&a.total())
            .then_with(|| a.spellings.cmp(&b.spellings))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clusters(words: &[(&str, usize)]) -> Vec<Vec<String>> {
        let counts: HashMap<String, usize> =
            words.iter().map(|(w, n)| (w.to_string(), *n)).collect();
        cluster(&counts)
            .into_iter()
            .map(|c| c.spellings.into_iter().map(|(f, _)| f).collect())
            .collect()
    }

    #[test]
    fn groups_romanisations_of_one_name() {
        let got = clusters(&[
            ("Surovikin", 3),
            ("Sourovikine", 1),
            ("Prigozhin", 2),
            ("Prigoschin", 1),
            ("Moscow", 4),
        ]);
        assert_eq!(
            got,
            [
                vec!["Surovikin", "Sourovikine"],
                vec!["Prigozhin", "Prigoschin"]
            ]
        );
    }

    #[test]
    fn keeps_inflections_case_and_other_names_apart() {
        let got = clusters(&[
            ("Soviet", 2),
            ("Soviets", 1),
            ("German", 1),
            ("Germany", 1),
            ("Ukrainian", 1),
            ("Ukrainians", 1),
            ("Lavrov", 1),
            ("Lavrova", 1),
            ("Rybakov", 1),
            ("Ryabkov", 1),
            ("KIEV", 1),
            ("Kiev", 1),
            ("Francis", 1),
            ("Francois", 1),
        ]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn the_ascii_candidate_test_is_the_character_test() {
        let letters = ['a', 'K', 'z', 'Q', 'é', 'Ü', '\'', '1', ' ', 'ß'];
        let mut words = vec![String::new()];
        for _ in 0..6 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() == words.last().map_or(0, |l| l.chars().count()))
                .flat_map(|w| letters.iter().map(move |c| format!("{w}{c}")))
                .collect();
            words.extend(longer);
        }
        words.extend(
            [
                "There",
                "THERE",
                "Theirs",
                "Ourselves",
                "Themselves",
                "Zürich",
            ]
            .map(String::from),
        );
        for w in &words {
            assert_eq!(is_candidate(w), is_candidate_by_chars(w), "{w:?}");
        }
    }

    #[test]
    fn candidates_are_capitalised_names() {
        assert!(is_candidate("Selensky"));
        assert!(!is_candidate("selensky"));
        assert!(!is_candidate("NATO"));
        assert!(!is_candidate("Kiev"));
        assert!(!is_candidate("Their"));
        assert_eq!(stem("Selensky's"), "Selensky");
    }
}
