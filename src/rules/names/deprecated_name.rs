//! NM002 deprecated-name: a form the house style dropped on a dated policy ("Kiev" for
//! "Kyiv" since 2019), and the Russian form of a place whose house form is Ukrainian
//! ("Chernigov" for "Chernihiv"), found without being listed (`glossary::russian_form`).

use std::borrow::Cow;

use super::{listed_fix, listed_variants, match_case, note};
use crate::document::{Span, in_address};
use crate::glossary::matcher::{NameMatcher, visible};
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct DeprecatedName;

static META: RuleMeta = RuleMeta {
    code: "NM002",
    name: "deprecated-name",
    family: Family::Names,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A name in a form the house style dropped on a dated policy",
    explanation: "\
## What it does
Flags a variant of a glossary term that carries a `since` date — a policy change such as
\"Kyiv, not Kiev, since 2019-08-14\" — and suggests the current form. The policy applies from
that day (today's date, UTC): before it the variant is still the house form and is not
flagged. Phrases listed in the term's `keep` (\"chicken Kiev\", \"Kievan Rus\") are left alone.

For a place whose house form is a Ukrainian romanisation, its Russian form is found without
being listed: the house form is rewritten by the regular correspondences of the two languages
(h for g, i for o or e in a closed syllable, y for i, -e for -o, -ia for -iya or -ye, -ske
for -skoye), and a word that is a spelling of the result in any scheme (\"Tschernigow\",
\"Charkow\") is flagged, with the correspondences that matched in the message and the house
form as an unsafe fix. A term keeps a form by listing it, or a phrase with it, in `keep`.

## Why it matters
Deprecated place names are a policy question, not a translation error: an English original
from an agency that had not yet switched (AFP wrote \"Kiev\" into 2022) still needs the house
form before publication. calq therefore reports them apart from NM001 and does not count
them as machine-translation evidence.

## Example
`talks in Kiev` → `talks in Kyiv`",
    bad_example: "Officials in Kiev and Chernigov said the talks would go on.",
    good_example: "Officials in Kyiv said the talks would go on over chicken Kiev.",
};

impl Check for DeprecatedName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let start = out.len();
        for v in listed_variants(cx).filter(|v| v.is_policy_deviation()) {
            let since = v.term.since.as_deref().unwrap_or_default();
            let (found, house) = (v.found, &v.name.replacement);
            let message = format!(
                "`{found}`: the house form is `{house}` since {since}{}",
                note(v.term)
            );
            out.push(
                Diagnostic::new(v.name.span, message)
                    .with_fix(match_case(found, house), listed_fix(found))
                    .with_policy(v.term.policy.as_deref()),
            );
        }
        russian_forms(cx, out);
        out[start..].sort_by_key(|d| d.span.start);
    }
}

/// The unlisted Russian forms of Ukrainian places, each distinct word judged once.
fn russian_forms(cx: &Context, out: &mut Vec<Diagnostic>) {
    let Some(names) = cx.names() else { return };
    let listed = cx.name_matches();
    let mut cursor = super::ListedCursor::new(listed);
    let mut seen: foldhash::HashMap<&str, bool> = foldhash::HashMap::default();
    for &word in &cx.doc.words {
        // Most words are not capitalised: that is tested before the listed names.
        let text = cx.doc.slice(word);
        if !text.chars().next().is_some_and(char::is_uppercase)
            || cursor.covers(word)
            || in_address(&cx.doc.text, word)
        {
            continue;
        }
        // A soft hyphen or zero-width character inside ("Khar\u{ad}kov") is read through
        // (see `matcher::is_invisible`); the span still runs to the word's end.
        let shown = visible(text);
        let stem = super::stem(&shown);
        let candidate = match &shown {
            Cow::Borrowed(text) => {
                let stem = super::stem(text);
                *seen
                    .entry(stem)
                    .or_insert_with(|| is_russian_form(names, stem))
            }
            Cow::Owned(_) => is_russian_form(names, stem),
        };
        if !candidate {
            continue;
        }
        let Some(form) = names.russian_form(stem) else {
            continue;
        };
        let Some(term) = names.term(form.term) else {
            continue;
        };
        let span = Span::new(word.start, word.end - (shown.len() - stem.len()));
        if names.kept_in(form.term, &cx.doc.text, span) {
            continue;
        }
        let how: Vec<&str> = form.via.iter().map(|c| c.describe()).collect();
        let message = format!(
            "`{stem}` is the Russian form of `{}`: the house form is Ukrainian ({}){}",
            term.canonical,
            how.join("; "),
            note(term)
        );
        out.push(
            Diagnostic::new(span, message)
                .with_fix(match_case(stem, &term.canonical), Applicability::Unsafe)
                .with_policy(term.policy.as_deref()),
        );
    }
}

/// Whether `stem` is the Russian form of a listed place (`NameMatcher::russian_form`), as
/// this thread remembers it: news repeats its capitalised words across documents, and the
/// answer depends only on the word and the glossary. Almost every word is not one, so only
/// the yes or no is kept and the few yeses are looked up again.
fn is_russian_form(names: &NameMatcher, stem: &str) -> bool {
    RUSSIAN.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.0 != Some(names.id()) || memo.1.len() >= RUSSIAN_WORDS {
            *memo = (Some(names.id()), foldhash::HashMap::default());
        }
        if let Some(&found) = memo.1.get(stem) {
            return found;
        }
        let found = names.russian_form(stem).is_some();
        memo.1.insert(stem.to_owned(), found);
        found
    })
}

/// How many words a thread remembers [`is_russian_form`] of before it forgets them all.
const RUSSIAN_WORDS: usize = 65_536;

thread_local! {
    /// The matcher the memo is for, and the words seen with it.
    static RUSSIAN: std::cell::RefCell<(Option<u64>, foldhash::HashMap<String, bool>)> =
        std::cell::RefCell::new((None, foldhash::HashMap::default()));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::glossary::Glossary;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn reads_russian_forms_through_a_soft_hyphen() {
        // New-user trial: `Khar&shy;kov` gave no finding; unlisted forms are read the same way.
        let text = "In Cherni\u{ad}gov and Zhito\u{ad}mir's outskirts.";
        let d = diagnostics(&DeprecatedName, text);
        let got: Vec<&str> = d.iter().map(|d| &text[d.span.start..d.span.end]).collect();
        assert_eq!(got, ["Cherni\u{ad}gov", "Zhito\u{ad}mir"], "{d:?}");
    }

    #[test]
    fn reads_unlisted_russian_forms_through_a_zero_width_space() {
        // Newcomer's trial: a zero-width space split `Cherni\u{200b}gov` into two words, so
        // an unlisted Russian form was never read (a listed one was: the matcher reads the
        // text, not the words). A digit after one is another word, as before.
        let g = Glossary::parse(
            "[glossary]\nname = \"t\"\nlanguage = \"en\"\n[[term]]\ncanonical = \"Chernihiv\"\n\
             kind = \"place\"\n",
            "t.toml",
        )
        .expect("valid");
        let names = NameMatcher::new(g.terms.clone());
        let text =
            "In Cherni\u{200b}gov, Cherni\u{ad}gov and Chernigov\u{200b}2022; Cherni\u{200b} gov.";
        let doc = Document::from_text(text);
        let mut d = Vec::new();
        DeprecatedName.check(&Context::new(&doc, Some(&names)), &mut d);
        let got = crate::rules::test_util::texts_and_suggestions(text, &d);
        assert_eq!(
            got,
            [
                ("Cherni\u{200b}gov", Some("Chernihiv")),
                ("Cherni\u{ad}gov", Some("Chernihiv")),
                ("Chernigov", Some("Chernihiv")),
            ],
            "{d:?}"
        );
    }

    #[test]
    fn flags_deprecated_forms_with_the_date() {
        let d = diagnostics(&DeprecatedName, "Talks in Kiev and Kiev's mayor.");
        assert_eq!(d.len(), 2);
        assert!(
            d[0].message.contains("`Kyiv` since 2019-08-14"),
            "{}",
            d[0].message
        );
        assert_eq!(d[0].suggestion.as_deref(), Some("Kyiv"));
    }

    #[test]
    fn a_policy_is_reported_from_its_since_day_not_before() {
        // New-user trial: a `since` in the future was applied at once.
        let g = Glossary::parse(
            "[glossary]\nname = \"t\"\nlanguage = \"en\"\n[[term]]\ncanonical = \"Kyiv\"\n\
             kind = \"place\"\nvariants = [\"Kiev\", \"Kiew\"]\nsince = \"2030-01-01\"\n",
            "t.toml",
        )
        .expect("valid");
        let text = "Talks in Kiev; Kiew in German.";
        let codes = |today: &str| {
            let names = NameMatcher::new(g.terms.clone()).as_of(today.into());
            let doc = Document::from_text(text);
            let cx = Context::new(&doc, Some(&names));
            let (mut nm001, mut nm002) = (Vec::new(), Vec::new());
            super::super::non_canonical_name::NonCanonicalName.check(&cx, &mut nm001);
            DeprecatedName.check(&cx, &mut nm002);
            let words = |d: Vec<Diagnostic>| -> Vec<String> {
                d.iter()
                    .map(|d| text[d.span.start..d.span.end].to_owned())
                    .collect()
            };
            (words(nm001), words(nm002))
        };
        // Before the day, "Kiev" is still the house form: neither rule reports it, while the
        // German romanisation is a translation artefact either way.
        assert_eq!(codes("2029-12-31"), (vec!["Kiew".into()], vec![]));
        assert_eq!(
            codes("2030-01-01"),
            (vec!["Kiew".into()], vec!["Kiev".into()])
        );
        assert_eq!(
            codes("2031-06-30"),
            (vec!["Kiew".into()], vec!["Kiev".into()])
        );
    }

    #[test]
    fn keeps_listed_contexts_and_house_forms() {
        for text in [
            "He ordered chicken Kiev.",
            "The Kievan Rus state.",
            "Talks in Kyiv.",
            "Riabkov spoke.",
            "Talks in Kiew.",
            "Visit https://www.kiev.example.com/Kiev/news or mail press@Kiev.gov.ua today.",
            "The file Kiev_report.pdf and @Kiev.",
        ] {
            assert!(flagged(&DeprecatedName, text).is_empty(), "{text}");
        }
    }

    fn own_glossary() -> NameMatcher {
        let g = Glossary::parse(
            r#"[glossary]
name = "t"
language = "en"
[[term]]
canonical = "Kyiv"
kind = "place"
keep = ["chicken Kiev"]
[[term]]
canonical = "Chernihiv"
kind = "place"
[[term]]
canonical = "Rivne"
kind = "place"
keep = ["Rovno"]
[[term]]
canonical = "Zhytomyr"
kind = "place"
[[term]]
canonical = "Hostomel"
kind = "place"
"#,
            "t.toml",
        )
        .expect("valid");
        NameMatcher::new(g.terms)
    }

    fn run(names: &NameMatcher, text: &str) -> Vec<Diagnostic> {
        let doc = Document::from_text(text);
        let mut out = Vec::new();
        DeprecatedName.check(&Context::new(&doc, Some(names)), &mut out);
        out
    }

    #[test]
    fn the_thread_memo_answers_for_one_matcher_at_a_time() {
        let places = own_glossary();
        let none = NameMatcher::new(Vec::new());
        for _ in 0..2 {
            assert!(is_russian_form(&places, "Chernigov"));
            assert!(!is_russian_form(&none, "Chernigov"));
            assert!(!is_russian_form(&places, "Geneva"));
        }
    }

    #[test]
    fn finds_unlisted_russian_forms_of_ukrainian_places() {
        let names = own_glossary();
        let text = "From Kiev to Chernigov, Zhitomir and Gostomel; Tschernigow's mayor.";
        let d = run(&names, text);
        let got: Vec<(&str, &str)> = d
            .iter()
            .map(|d| {
                (
                    &text[d.span.start..d.span.end],
                    d.suggestion.as_deref().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Kiev", "Kyiv"),
                ("Chernigov", "Chernihiv"),
                ("Zhitomir", "Zhytomyr"),
                ("Gostomel", "Hostomel"),
                ("Tschernigow", "Chernihiv"),
            ]
        );
        assert_eq!(
            d[1].message,
            "`Chernigov` is the Russian form of `Chernihiv`: the house form is Ukrainian \
             (h for g (г); i for o in a closed syllable (і/о))"
        );
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn keeps_house_forms_keep_phrases_and_look_alikes() {
        let names = own_glossary();
        for text in [
            "He ordered chicken Kiev in Kyiv.",
            "The Rovno ghetto; Rivne today.",
            "Kiel, Raven, Zhytomir and kiev.example.com.",
            "Chernihiv, Zhytomyr and Hostomel.",
            "See chernigov.example.ua/Chernigov/news and Chernigov_map.png.",
        ] {
            let d = run(&names, text);
            assert!(d.is_empty(), "{text}: {d:?}");
        }
    }
}
