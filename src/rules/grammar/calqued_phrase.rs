//! GR005 calqued-phrase: a word-for-word translation from the list in
//! `glossaries/calques.toml` ("it is question of", "according to own"). The list is data;
//! this file is the engine and the list's hygiene tests.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

use crate::document::Span;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct CalquedPhrase;

static META: RuleMeta = RuleMeta {
    code: "GR005",
    name: "calqued-phrase",
    family: Family::Grammar,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A phrase translated word for word, as in \"it is question of\"",
    explanation: "\
## What it does
Flags phrases from the shipped list `glossaries/calques.toml`: word-for-word renderings of a
French or German expression that no English writer produces, such as \"it is question of\"
(`il est question de`), \"in the measure where\" (`dans la mesure où`), \"according to own
information\" (`nach eigenen Angaben`), \"the tenant of the Elysée\" (`le locataire de
l'Élysée`). Matching ignores case and accents and needs whole words. Each entry gives a
replacement and the source language it betrays.

## Why it matters
These phrases are the clearest sign that a sentence was translated and not edited, and
they read as nonsense or as a mistake to an English reader.

## What it lets pass
Everything not on the list. The list leaves out calques that are good English in some other
context (\"at the image of\", \"in the aim of\") and idioms English shares with the source
(\"according to him\", \"on the occasion of\").

## Example
`it is question of a new summit` → `there is talk of a new summit`",
    bad_example: "In Paris it is question of a new summit in the spring.",
    good_example: "In Paris it is a question of timing, according to him.",
};

/// The shipped calque list.
const DATA: &str = include_str!("../../../glossaries/calques.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    calque: Vec<Calque>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Calque {
    phrases: Vec<String>,
    suggestion: String,
    language: String,
    source: String,
}

/// The entries and an automaton over all their phrases; pattern `i` belongs to `owner[i]`.
struct List {
    calques: Vec<Calque>,
    owner: Vec<usize>,
    automaton: Option<AhoCorasick>,
}

fn list() -> &'static List {
    static LIST: OnceLock<List> = OnceLock::new();
    LIST.get_or_init(|| {
        // A malformed shipped file is caught by the hygiene tests; at run time the rule is
        // then silent rather than panicking.
        let calques = toml::from_str::<File>(DATA).map_or_else(|_| Vec::new(), |f| f.calque);
        let mut owner = Vec::new();
        let mut patterns = Vec::new();
        for (i, c) in calques.iter().enumerate() {
            for p in &c.phrases {
                owner.push(i);
                patterns.push(p.as_str());
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .ok();
        List {
            calques,
            owner,
            automaton,
        }
    })
}

impl Check for CalquedPhrase {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let list = list();
        let Some(automaton) = &list.automaton else {
            return;
        };
        let folded = cx.folded();
        let view = folded.text.as_str();
        for m in automaton.find_iter(view) {
            let word_char = |c: char| c.is_alphanumeric();
            let before = view.get(..m.start()).and_then(|s| s.chars().next_back());
            let after = view.get(m.end()..).and_then(|s| s.chars().next());
            let (before, after) = (before.is_some_and(word_char), after.is_some_and(word_char));
            if before || after {
                continue;
            }
            let Some(calque) = list
                .owner
                .get(m.pattern().as_usize())
                .map(|&i| &list.calques[i])
            else {
                continue;
            };
            let span = Span::new(
                folded.to_original(m.start()),
                folded.to_original_end(m.end()),
            );
            let language = (!calque.language.is_empty())
                .then(|| language_code(&calque.language))
                .flatten();
            out.push(
                Diagnostic::new(
                    span,
                    format!(
                        "`{}` is a word-for-word translation of `{}`",
                        cx.doc.slice(span),
                        calque.source
                    ),
                )
                .with_fix(calque.suggestion.clone(), Applicability::Unsafe)
                .with_source_language(language),
            );
        }
    }
}

/// The `'static` code for a language named in the data (diagnostics carry `&'static str`).
fn language_code(code: &str) -> Option<&'static str> {
    ["de", "es", "fr", "it", "ru"]
        .into_iter()
        .find(|c| *c == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn flags_listed_calques_ignoring_case_and_accents() {
        assert_eq!(
            flagged(&CalquedPhrase, "It is question of closing the mine."),
            ["It is question of"]
        );
        assert_eq!(
            flagged(&CalquedPhrase, "The new Tenant of the Élysée spoke."),
            ["Tenant of the Élysée"]
        );
        let d = diagnostics(&CalquedPhrase, "Sales fell 4%, according to own figures.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].source_language, Some("de"));
        assert_eq!(d[0].suggestion.as_deref(), Some("according to its own"));
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn lets_good_english_and_partial_words_pass() {
        for text in [
            "It is a question of money.",
            "It is questionable of course.",
            "According to him, the deal is off.",
            "According to owners, rents rose.",
            "The tenant of the flat above complained.",
            "Visit the Elysee and the Kremlin.",
        ] {
            assert!(flagged(&CalquedPhrase, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn data_is_well_formed_sorted_unique_and_folded() {
        let file: File = toml::from_str(DATA).expect("calques.toml parses");
        assert!(!file.calque.is_empty());
        let firsts: Vec<&str> = file.calque.iter().map(|c| c.phrases[0].as_str()).collect();
        assert!(
            firsts.windows(2).all(|w| w[0] < w[1]),
            "entries sorted: {firsts:?}"
        );
        let mut all = Vec::new();
        for c in &file.calque {
            assert!(!c.phrases.is_empty() && !c.suggestion.is_empty() && !c.source.is_empty());
            assert!(c.phrases.windows(2).all(|w| w[0] < w[1]), "{:?}", c.phrases);
            assert!(
                c.language.is_empty() || language_code(&c.language).is_some(),
                "{}",
                c.language
            );
            for p in &c.phrases {
                let folded = crate::glossary::matcher::folded_view(p).text;
                assert_eq!(p, &folded, "phrases are lower case without accents");
                assert_eq!(p.nfc().collect::<String>(), *p, "NFC: {p}");
                assert_eq!(
                    p.split_whitespace().collect::<Vec<_>>().join(" "),
                    *p,
                    "{p}"
                );
                all.push(p.as_str());
            }
            assert_eq!(
                c.source.nfc().collect::<String>(),
                c.source,
                "NFC: {}",
                c.source
            );
        }
        let n = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), n, "a phrase belongs to one entry only");
        assert_eq!(list().owner.len(), n, "every phrase is in the automaton");
    }
}
