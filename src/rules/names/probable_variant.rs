//! NM003 probable-name-variant: an unlisted spelling that the transliteration key ties to a
//! glossary name ("Stefanischina" for "Stefanishyna").

use strsim::levenshtein;

use super::{match_case, note};
use crate::document::Span;
use crate::glossary::matcher::fold;
use crate::glossary::{scheme, skeleton};
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct ProbableVariant;

static META: RuleMeta = RuleMeta {
    code: "NM003",
    name: "probable-name-variant",
    family: Family::Names,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "An unlisted spelling that looks like another romanisation of a glossary name",
    explanation: "\
## What it does
Reduces every capitalised word to a transliteration key, on which the English, French and
German romanisations of a Russian or Ukrainian name agree (sh/sch/ch/tch/zh/kh, z/s/ts,
ya/ia/ja, v/w/ff, -y/-iy/-ij). A word whose key matches a glossary name, and whose spelling
is within one edit of it once normalised, is flagged, with the house form as an unsafe fix.
The message names the scheme the spelling follows where its letters show it.

## Why it matters
Glossaries never list every spelling. Machine translation from German turns \"Stefanishyna\"
into \"Stefanischina\" and \"Zelensky\" into \"Selensky\"; each is both a house-style error and
evidence of the source language.

## What it lets pass
Different names that share consonants (Rybakov is not Ryabkov, Medvedchuk is not Medvedev),
feminine forms (Lavrova is not Lavrov), Polish spellings with Polish letters, lower-case
words, words of fewer than five letters, and listed spellings (NM001/NM002 report those).

## Example
`Olga Stefanischina` → `Olga Stefanishyna` (unsafe fix)",
    bad_example: "Vice Prime Minister Stefanischina spoke in Brussels.",
    good_example: "Rybakov and Lavrova spoke with Medvedev in Kiel.",
};

/// Letters that mark a Polish spelling, which is its own name, not a romanisation.
const POLISH: &[char] = &['ł', 'Ł', 'ś', 'Ś', 'ż', 'Ż', 'ź', 'Ź', 'ę', 'ą', 'ń', 'ć'];

impl Check for ProbableVariant {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(names) = cx.names() else { return };
        let listed = cx.name_matches();
        let mut next_listed = 0;
        for &word in &cx.doc.words {
            while listed
                .get(next_listed)
                .is_some_and(|m| m.span.end <= word.start)
            {
                next_listed += 1;
            }
            if listed
                .get(next_listed)
                .is_some_and(|m| m.span.start < word.end)
            {
                continue;
            }
            let text = cx.doc.slice(word);
            if text.chars().count() < 5
                || !text.chars().next().is_some_and(char::is_uppercase)
                || text.contains(POLISH)
            {
                continue;
            }
            let stem = text
                .strip_suffix("'s")
                .or_else(|| text.strip_suffix("’s"))
                .unwrap_or(text);
            let normalized = skeleton::normalize(&fold(stem));
            let best = names
                .anchors(&normalized)
                .iter()
                .filter_map(|a| distance(&normalized, &a.normalized).map(|d| (d, a)))
                .min_by_key(|(d, _)| *d);
            let Some((_, anchor)) = best else { continue };
            let Some(term) = names.term(anchor.term) else {
                continue;
            };
            let span = Span::new(word.start, word.start + stem.len());
            let how = match scheme::guess(stem, &anchor.replacement) {
                Some(s) => format!("probably a {} romanisation of", s.adjective()),
                None => "probably a variant of".to_owned(),
            };
            let message = format!("`{stem}` is {how} `{}`{}", anchor.replacement, note(term));
            out.push(
                Diagnostic::new(span, message)
                    .with_fix(match_case(stem, &anchor.replacement), Applicability::Unsafe),
            );
        }
    }
}

/// The edit distance between normalised spellings when they can be the same name: the same
/// grammatical gender (Lavrova is not Lavrov, Zelenska is not Zelensky), and within one edit —
/// none for short names, where one letter makes another word ("Wayne" is not "Vaino").
fn distance(token: &str, anchor: &str) -> Option<usize> {
    let feminine = |s: &str| s.ends_with(['a', 'A']);
    if feminine(token) != feminine(anchor) {
        return None;
    }
    let allowed = usize::from(anchor.chars().count() > 5);
    Some(levenshtein(token, anchor)).filter(|d| *d <= allowed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_unlisted_romanisations() {
        let d = diagnostics(
            &ProbableVariant,
            "Olga Stefanischina and Selensky's aides met.",
        );
        let got: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.message.as_str(), d.suggestion.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(
            got[0]
                .0
                .starts_with("`Stefanischina` is probably a German romanisation of `Stefanishyna`"),
            "{got:?}"
        );
        assert_eq!(got[1].1, "Zelenskyy");
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn lets_look_alikes_and_listed_spellings_pass() {
        for text in [
            "Rybakov met Lavrova and Medvedev in Kiel.",
            "Riabkov and Zelensky spoke in Kiev.",
            "Sergei Ryabkov spoke.",
            "Wałęsa spoke.",
            "selensky in lower case",
            "Carson and Kaiser and Sharon spoke.",
            "Wayne Hammel, a Human Rights officer.",
        ] {
            assert!(
                flagged(&ProbableVariant, text).is_empty(),
                "{text}: {:?}",
                flagged(&ProbableVariant, text)
            );
        }
    }
}
