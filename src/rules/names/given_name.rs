//! NM005 non-canonical-given-name: a listed person's given name spelled another way directly
//! before the surname ("Dmitriy Peskov", "Sergej Ryabkov" for "Dmitry Peskov", "Sergei
//! Ryabkov").

use super::{match_case, note, stem};
use crate::document::{Span, in_address};
use crate::glossary::matcher::{Form, GivenName, NameMatcher, visible};
use crate::glossary::scheme::{self, Scheme};
use crate::glossary::{Kind, skeleton};
use crate::rules::names::probable_variant::probable_link;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct NonCanonicalGivenName;

static META: RuleMeta = RuleMeta {
    code: "NM005",
    name: "non-canonical-given-name",
    family: Family::Names,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A listed person's given name spelled another way before the surname",
    explanation: "\
## What it does
Looks at the word directly before a listed person's surname (the house form, a listed
variant or a probable variant such as \"Peskow\"). When that word is another romanisation of
the given name in the person's canonical form — \"Dmitriy\" or \"Dmitrij\" for \"Dmitry\",
\"Sergej\" or \"Sergeï\" for \"Sergei\" — it is flagged with the canonical given name as the fix
(safe when the two spellings agree once romanisation is set aside, unsafe otherwise).

## Why it matters
Glossaries list full names, but copy spells the first name the way its source language does:
a German or French romanisation of the first name is as much a house-style error as one of
the surname, and as telling of machine translation.

## What it lets pass
A given name standing alone (\"Sergej\" may be anyone), another person's given name before
the surname (\"Olga Peskova\", \"Yelena Peskov\"), the canonical given name of any listed
person with that surname (\"Vitali Klitschko\" and \"Wladimir Klitschko\"), and a different
name (\"Dmytro\" is the Ukrainian form, not a spelling of \"Dmitry\").

## Example
`Dmitriy Peskov said` → `Dmitry Peskov said`",
    bad_example: "Kremlin spokesman Dmitriy Peskov said the talks were over.",
    good_example: "Kremlin spokesman Dmitry Peskov said so; Sergej, a driver, agreed.",
};

/// How far a given name may be from the canonical one (see
/// `skeleton::distance_within_language`): glides written or not and ё as "e" or "o", never
/// another vowel or consonant, nor another language's form of the name ("Oleksiy" is not a
/// spelling of "Aleksey").
const ALLOWED: f32 = 0.75;

impl Check for NonCanonicalGivenName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let Some(names) = cx.names() else { return };
        let listed = cx.name_matches();
        let mut cursor = super::ListedCursor::new(listed);
        let words = &cx.doc.words;
        for (i, pair) in words.windows(2).enumerate() {
            let (given, surname) = (pair[0], pair[1]);
            let text = cx.doc.slice(given);
            let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
            // Most words are not capitalised: that is tested first.
            if !capital(text) || !capital(cx.doc.slice(surname)) {
                continue;
            }
            let between = cx.doc.text.get(given.end..surname.start).unwrap_or("\n");
            if between.is_empty() || !between.chars().all(|c| c == ' ' || c == '\u{a0}') {
                continue;
            }
            // Read through a soft hyphen or zero-width character (`matcher::is_invisible`);
            // the finding still spans the whole word.
            let shown = visible(text);
            let text = &*shown;
            let normalized = skeleton::normalized_word(text);
            let normalized = &*normalized;
            let candidates = names.given_names(normalized);
            // Near a listed given name at all, before looking the surname up.
            if !candidates
                .iter()
                .any(|g| skeleton::distance_within_language(normalized, &g.normalized) <= ALLOWED)
            {
                continue;
            }
            // A given name inside a listed full name ("Wolodymyr Selenskyj") is NM001's; one
            // in an address is not prose.
            if cursor.covers(given) || in_address(&cx.doc.text, given) {
                continue;
            }
            // The surname's term: a listed name that is exactly the next word, else a
            // probable variant of a person's surname.
            let listed_here = cursor
                .ahead(given)
                .iter()
                .take_while(|m| m.span.start <= surname.start)
                .find(|m| m.span.start == surname.start)
                .filter(|m| !cx.doc.slice(m.span).contains(' '));
            let term = match listed_here {
                Some(m) => Some(m.term).filter(|_| m.form == Form::Canonical || !m.kept),
                None if i + 1 < words.len() => {
                    probable_link(names, &visible(cx.doc.slice(surname))).map(|l| l.term)
                }
                None => None,
            };
            let Some(surname_key) = term
                .and_then(|t| names.term(t))
                .filter(|t| t.kind == Kind::Person)
                .and_then(|t| t.surname())
                .map(skeleton::fold_key)
            else {
                continue;
            };
            if let Some(d) = judge(names, text, normalized, candidates, &surname_key, given) {
                out.push(d);
            }
        }
    }
}

/// The finding for `text` before a surname whose key is `surname`, if it misspells the given
/// name of a listed person with that surname and is not the given name of another.
fn judge(
    names: &NameMatcher,
    text: &str,
    normalized: &str,
    candidates: &[GivenName],
    surname: &str,
    span: Span,
) -> Option<Diagnostic> {
    let lower = |s: &str| s.to_lowercase();
    let same_person: Vec<&GivenName> = candidates.iter().filter(|g| g.surname == surname).collect();
    // The given name of a listed person with this surname (the glossary may list several
    // Klitschkos), spelled exactly.
    if same_person
        .iter()
        .any(|g| lower(&g.name) == lower(stem(text)))
    {
        return None;
    }
    let (distance, best) = same_person
        .iter()
        .map(|g| {
            let d = skeleton::distance_within_language(normalized, &g.normalized);
            (d, *g)
        })
        .filter(|(d, _)| *d <= ALLOWED)
        .min_by(|a, b| a.0.total_cmp(&b.0))?;
    let term = names.term(best.term)?;
    let message = format!(
        "`{text}` is a variant of `{}`, the given name of `{}`{}",
        best.name,
        term.canonical,
        note(term)
    );
    let applicability = if distance == 0.0 {
        Applicability::Safe
    } else {
        Applicability::Unsafe
    };
    // The scheme the spelling points to is evidence of the source language, as for NM003.
    let language = scheme::guess(stem(text), &best.name).and_then(Scheme::source_language);
    Some(
        Diagnostic::new(span, message)
            .with_fix(match_case(text, &best.name), applicability)
            .with_source_language(language)
            .with_policy(term.policy.as_deref()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn reads_a_given_name_through_a_soft_hyphen() {
        let text = "Dmit\u{ad}riy Peskov said so; Dmitriy Pes\u{ad}kov too.";
        let d = diagnostics(&NonCanonicalGivenName, text);
        let got = crate::rules::test_util::texts_and_suggestions(text, &d);
        assert_eq!(
            got,
            [
                ("Dmit\u{ad}riy", Some("Dmitry")),
                ("Dmitriy", Some("Dmitry"))
            ],
            "{d:?}"
        );
    }

    #[test]
    fn reads_a_given_name_through_a_zero_width_space() {
        // Newcomer's trial: `Dmit\u{200b}riy` was two words, and `riy` no given name.
        let text =
            "Dmit\u{200b}riy Peskov said so; Dmitriy Pes\u{200b}kov too; Dmit\u{200b} riy Peskov.";
        let d = diagnostics(&NonCanonicalGivenName, text);
        let got = crate::rules::test_util::texts_and_suggestions(text, &d);
        assert_eq!(
            got,
            [
                ("Dmit\u{200b}riy", Some("Dmitry")),
                ("Dmitriy", Some("Dmitry"))
            ],
            "{d:?}"
        );
    }

    #[test]
    fn flags_given_names_before_a_listed_surname() {
        for (text, given, fix) in [
            ("Dmitriy Peskov said so.", "Dmitriy", "Dmitry"),
            ("Dmitrij Peskow sagte das.", "Dmitrij", "Dmitry"),
            ("Sergej Ryabkov spoke.", "Sergej", "Sergei"),
            // "Sergeï Ryabkov" is the full name with a mark, NM001's; here the surname is
            // a listed variant.
            ("Sergeï Rjabkow spoke.", "Sergeï", "Sergei"),
            ("Serguei Riabkov's aide.", "Serguei", "Sergei"),
            ("SERGEJ RYABKOV", "SERGEJ", "SERGEI"),
        ] {
            let d = diagnostics(&NonCanonicalGivenName, text);
            assert_eq!(d.len(), 1, "{text}: {d:?}");
            assert_eq!(&text[d[0].span.start..d[0].span.end], given, "{text}");
            assert_eq!(d[0].suggestion.as_deref(), Some(fix), "{text}");
        }
        let d = diagnostics(&NonCanonicalGivenName, "Dmitriy Peskov said so.");
        assert!(
            d[0].message.starts_with(
                "`Dmitriy` is a variant of `Dmitry`, the given name of `Dmitry Peskov`"
            ),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].applicability, Some(Applicability::Safe));
        // The scheme of the spelling is evidence of the source language; English is none.
        assert_eq!(d[0].source_language, None);
        let d = diagnostics(&NonCanonicalGivenName, "Sergueï Rjabkow spoke.");
        assert_eq!(d[0].source_language, Some("fr"), "{d:?}");
    }

    #[test]
    fn lets_standalone_and_other_given_names_pass() {
        for text in [
            "Dmitry Peskov and Sergei Ryabkov spoke.",
            "Sergej, a driver, agreed. Dmitriy left.",
            "Sergej\nRyabkov spoke.",
            "Sergej, Ryabkov said.",
            "Sergey Lavrov spoke.",
            "Dmytro Peskov, a namesake, spoke.",
            "Olga Ryabkov spoke.",
            "Dmitriy Ivanov spoke.",
            // Another language's form of the given name, not a spelling of it.
            "Oleksei Navalny spoke.",
            // Listed full-name variants: NM001 reports them whole.
            "Sergey Ryabkov spoke.",
            "Wolodymyr Selenskyj spoke.",
            "Files: archive/Dmitriy Peskov.pdf and @Dmitriy Peskov.",
        ] {
            let got = flagged(&NonCanonicalGivenName, text);
            assert!(got.is_empty(), "{text}: {got:?}");
        }
    }
}
