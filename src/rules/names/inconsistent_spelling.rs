//! NM004 inconsistent-name-spelling: one name spelled two ways in one document, found without
//! a glossary by grouping the document's own capitalised words (`glossary::cluster`).

use std::borrow::Cow;

// foldhash, not SipHash: these maps are filled from every capitalised word of a document.
use foldhash::HashMap;

use super::match_case;
use super::probable_variant::probable_link;
use crate::document::{Span, in_address};
use crate::glossary::cluster;
use crate::glossary::matcher::{NameMatcher, fold, visible};
use crate::glossary::scheme;
use crate::rules::spelling::dictionary;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct InconsistentSpelling;

static META: RuleMeta = RuleMeta {
    code: "NM004",
    name: "inconsistent-name-spelling",
    family: Family::Names,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "One name spelled two ways in the same document",
    explanation: "\
## What it does
Groups the document's capitalised words by their transliteration key — the spelling with the
letters that English, French and German romanisations write differently made the same — with
no glossary: \"Surovikin\" and \"Sourovikine\" in one article are one general spelled two ways. Each occurrence of the rarer spelling is flagged,
with the commoner (or, on a tie, the first) as an unsafe fix. Names a glossary knows are left
to NM001–NM003, listed spellings and the unlisted ones NM002 and NM003 tie to a glossary
name alike (\"Zelenskyi\" gets Zelenskyy from NM003, not another spelling from here).

## Why it matters
A mixed article is usually an edited machine translation, or two sources pasted together:
the reader cannot tell whether one person is meant, and the spelling that came through from
French or German tells where the copy came from.

## What it lets pass
Anything but an exact match of keys: inflections (Soviet/Soviets), feminine forms
(Lavrov/Lavrova), different names one letter apart (Francis/Francois, Rybakov/Ryabkov), case
(KIEV/Kiev), words under five letters, and common words capitalised at the start of a
sentence, in US and British spelling (Travelers/Travellers: the dictionary knows their
lower-case forms).

## Example
`General Surovikin … Sourovikine said` → `Surovikin said` (unsafe fix)",
    bad_example: "General Gorbunov took command. Gorbounov said the front would hold.",
    good_example: "The Soviet army and the Soviets; Lavrov and Lavrova; Rybakov and Ryabkov.",
};

impl Check for InconsistentSpelling {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // Glossary matches and words are both in text order: one moving pointer finds the
        // matches a word overlaps, keeping the rule linear on a 10 MB single-line document.
        let listed = cx.name_matches();
        // Each distinct word form of the document is judged and folded once: whether its
        // stem is a candidate, and the stem's folded spelling.
        let doc = cx.doc;
        // A form with a soft hyphen or zero-width character inside ("Surovi\u{ad}kin") is
        // read without it (`matcher::is_invisible`); its occurrences' spans still run to
        // the word's end, so a fix replaces it whole.
        let shown: Vec<Option<String>> = doc
            .tokens
            .forms()
            .iter()
            .map(|f| match visible(doc.slice(f.first)) {
                Cow::Owned(text) => Some(text),
                Cow::Borrowed(_) => None,
            })
            .collect();
        // For each form: its stem, the stem folded, and how many bytes after the stem (a
        // possessive "'s") the word has.
        let judged: Vec<Option<(&str, String, usize)>> = doc
            .tokens
            .forms()
            .iter()
            .zip(&shown)
            .map(|(f, shown)| {
                let text = shown.as_deref().unwrap_or_else(|| doc.slice(f.first));
                let word = cluster::stem(text);
                cluster::is_candidate(word).then(|| (word, fold(word), text.len() - word.len()))
            })
            .collect();
        // Forms left out as capitalised common words ([`common_word`]) or as spellings of a
        // glossary name ([`claimed_by_glossary`]). The dictionary is
        // asked only about the forms whose spelling is in a cluster, and the words clustered
        // again without them: most documents have no cluster, and a look-up for every
        // candidate cost a fifth of the rule.
        let mut common = vec![false; judged.len()];
        let mut second_pass = false;
        let (words, by_fold, clusters) = loop {
            // Candidate words in text order, with their folded spelling.
            let mut words: Vec<(Span, &str, &str)> = Vec::new();
            // Each pass walks the words from the start, so the pointer starts again: a second
            // pass that kept the first's pointer at the end took listed names for the
            // document's own (new-user trial: `Zelensky` got NM001 and NM004 alike).
            let mut next_match = 0;
            let mut covered = |w: Span| {
                while listed
                    .get(next_match)
                    .is_some_and(|m| m.span.end <= w.start)
                {
                    next_match += 1;
                }
                listed
                    .get(next_match..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|m| m.span.start < w.end)
                    .any(|m| w.start < m.span.end)
            };
            // Occurrences and the fold of each candidate word (stem), borrowed from the
            // forms; sized for the candidate forms at once rather than grown through rehashes.
            let candidates = judged.iter().flatten().count();
            let mut counts: HashMap<&str, (usize, &str)> =
                HashMap::with_capacity_and_hasher(candidates, Default::default());
            for (&w, &id) in doc.words.iter().zip(doc.tokens.ids()) {
                let Some(Some((word, folded, after))) = judged.get(id as usize) else {
                    continue;
                };
                // A name in an address or file name is no spelling of the text's own.
                if !common.get(id as usize).copied().unwrap_or(false)
                    && !covered(w)
                    && !in_address(&doc.text, w)
                {
                    counts.entry(*word).or_insert((0, folded)).0 += 1;
                    words.push((Span::new(w.start, w.end - after), word, folded));
                }
            }
            // The words of each folded spelling, in text order: built once, so each cluster
            // costs only its own occurrences rather than a pass over every word.
            let mut by_fold: HashMap<&str, Vec<usize>> =
                HashMap::with_capacity_and_hasher(candidates, Default::default());
            for (i, w) in words.iter().enumerate() {
                by_fold.entry(w.2).or_default().push(i);
            }
            let clusters = cluster::cluster_folded(counts.iter().map(|(w, &(n, f))| (*w, f, n)));
            if second_pass || clusters.is_empty() {
                break (words, by_fold, clusters);
            }
            let in_cluster: std::collections::HashSet<String> = clusters
                .iter()
                .flat_map(|c| c.spellings.iter().map(|(f, _)| fold(f)))
                .collect();
            let english = dictionary::english();
            for (id, form) in judged.iter().enumerate() {
                if let Some((word, folded, _)) = form
                    && in_cluster.contains(folded)
                    && (common_word(english, word)
                        || cx.names().is_some_and(|n| claimed_by_glossary(n, word)))
                    && let Some(c) = common.get_mut(id)
                {
                    *c = true;
                    second_pass = true;
                }
            }
            if !second_pass {
                break (words, by_fold, clusters);
            }
        };
        let occurrences = |f: &str| by_fold.get(f).map_or(&[][..], Vec::as_slice);
        for c in clusters {
            let folded: Vec<String> = c.spellings.iter().map(|(f, _)| fold(f)).collect();
            let count = |f: &str| occurrences(f).len();
            let first = |f: &str| occurrences(f).first().copied().unwrap_or(usize::MAX);
            let Some(reference) = folded
                .iter()
                .max_by_key(|f| (count(f), std::cmp::Reverse(first(f))))
            else {
                continue;
            };
            let Some(&(_, house, _)) = words.get(first(reference)) else {
                continue;
            };
            let n = count(reference);
            let mut others: Vec<usize> = folded
                .iter()
                .filter(|f| *f != reference)
                .flat_map(|f| occurrences(f).iter().copied())
                .collect();
            others.sort_unstable();
            others.dedup();
            for &(span, word, _) in others.iter().filter_map(|&i| words.get(i)) {
                let guessed = scheme::guess(word, house);
                let how = match guessed {
                    Some(s) => format!(
                        "; `{word}` looks like {} {} romanisation",
                        crate::document::a_or_an(s.adjective()),
                        s.adjective()
                    ),
                    None => String::new(),
                };
                let message = format!(
                    "`{word}` and `{house}` (×{n}) spell one name two ways in this document{how}"
                );
                out.push(
                    Diagnostic::new(span, message)
                        .with_fix(match_case(word, house), Applicability::Unsafe)
                        .with_source_language(guessed.and_then(|s| s.source_language())),
                );
            }
        }
    }
}

/// A word that NM003 ties to a glossary name ("Zelenskyi" for Zelenskyy) or NM002 reads as
/// the Russian form of a listed place ("Dniepr" for Dnipro): those rules suggest the house
/// form, and this one, which suggests the document's other spelling ("Zelenskij"), would
/// contradict them on the same word (new-user trial). It is theirs, as listed names are.
fn claimed_by_glossary(names: &NameMatcher, word: &str) -> bool {
    probable_link(names, word).is_some() || names.russian_form(word).is_some()
}

/// A capitalised common word, not a name: the dictionary knows its lower-case form
/// ("Travelers" and "Travellers" starting sentences are one word in two spellings, US and
/// British, not a name spelled two ways). Names the dictionary lists capitalised ("Moscow")
/// have no lower-case form there and stay candidates.
fn common_word(english: Option<&dictionary::Lexicon>, word: &str) -> bool {
    english.is_some_and(|en| en.knows(&word.to_lowercase()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_the_rarer_spelling_with_the_commoner_as_fix() {
        let d = diagnostics(
            &InconsistentSpelling,
            "General Gorbunov took command. Gorbunov's staff agreed. Gorbounov said so.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].suggestion.as_deref(), Some("Gorbunov"));
        assert!(d[0].message.contains("(×2)"), "{}", d[0].message);
    }

    #[test]
    fn reads_through_invisible_characters_and_spans_the_whole_word() {
        let text = "General Gorbunov took command. Gorbunov's staff agreed. Gorbou\u{ad}nov's aide said so.";
        let d = diagnostics(&InconsistentSpelling, text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&text[d[0].span.start..d[0].span.end], "Gorbou\u{ad}nov");
        assert_eq!(d[0].suggestion.as_deref(), Some("Gorbunov"));
    }

    #[test]
    fn reads_through_a_zero_width_space_and_spans_the_whole_word() {
        // Newcomer's trial: `Gorbou\u{200b}nov` was two words, `Gorbou` and `nov`.
        let text = "General Gorbunov took command. Gorbunov's staff agreed. Gorbou\u{200b}nov's aide said so.";
        let d = diagnostics(&InconsistentSpelling, text);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(&text[d[0].span.start..d[0].span.end], "Gorbou\u{200b}nov");
        assert_eq!(d[0].suggestion.as_deref(), Some("Gorbunov"));
        // A space beside it still parts two words: nothing to compare.
        let text = "General Gorbunov took command. Gorbou\u{200b} nov's aide said so.";
        assert!(diagnostics(&InconsistentSpelling, text).is_empty());
    }

    #[test]
    fn on_a_tie_the_first_spelling_is_the_reference() {
        let d = diagnostics(
            &InconsistentSpelling,
            "Kolesnikow spoke first. Later Kolesnikov answered.",
        );
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].suggestion.as_deref(), Some("Kolesnikow"));
    }

    #[test]
    fn leaves_spellings_of_glossary_names_to_the_glossary_rules() {
        // New-user trial: NM003 said `Zelenskyi` → Zelenskyy and this rule `Zelenskyi` →
        // Zelenskij on the same word; `Dniepr` likewise got Dnipro and Dnjepr.
        use crate::rules::names::deprecated_name::DeprecatedName;
        use crate::rules::names::non_canonical_name::NonCanonicalName;
        use crate::rules::names::probable_variant::ProbableVariant;
        for (text, word, house) in [
            (
                "Zelenskij spoke. Zelenskij and Zelenskyi were also written.",
                "Zelenskyi",
                "Zelenskyy",
            ),
            (
                "Dnjepr was calm. Dnjepr and Dniepr were named.",
                "Dniepr",
                "Dnipro",
            ),
        ] {
            assert!(flagged(&InconsistentSpelling, text).is_empty(), "{text}");
            let glossary: Vec<_> = diagnostics(&ProbableVariant, text)
                .into_iter()
                .chain(diagnostics(&DeprecatedName, text))
                .chain(diagnostics(&NonCanonicalName, text))
                .filter(|d| &text[d.span.start..d.span.end] == word)
                .collect();
            assert!(!glossary.is_empty(), "{text}");
            assert!(
                glossary
                    .iter()
                    .all(|d| d.suggestion.as_deref() == Some(house)),
                "{glossary:?}"
            );
        }
        // A second pass (a common word or a glossary spelling left out) still leaves the
        // listed names out: `Zelensky` is listed, `Zelenskij` is NM003's.
        assert!(
            flagged(
                &InconsistentSpelling,
                "Zelensky spoke. Zelenskyy and Zelenskij met. Travelers and Travellers."
            )
            .is_empty()
        );
        // Names no glossary knows are still this rule's.
        assert_eq!(
            flagged(
                &InconsistentSpelling,
                "Gorbunov spoke. Gorbunov and Gorbounov met."
            ),
            ["Gorbounov"]
        );
    }

    #[test]
    fn lets_inflections_and_glossary_names_pass() {
        for text in [
            "The Soviet army and the Soviets marched. German and Germany.",
            "Lavrov met Lavrova. Rybakov met Ryabkov.",
            "KIEV and Kiev. Selensky met Zelensky.",
            "Gorbunov alone, Gorbunov again.",
            "Gorbunov spoke; see gorbounov.example/Gorbounov and Gorbounov_notes.txt.",
            // Common words starting sentences, in US and British spelling.
            "Travelers were stranded. Travellers from Kyiv waited too.",
            "Labeled boxes arrived. Labelled crates followed.",
        ] {
            assert!(flagged(&InconsistentSpelling, text).is_empty(), "{text}");
        }
    }
}
