//! NM001 non-canonical-name: a listed variant of a glossary name ("Riabkov" for "Ryabkov").

use super::{listed_fix, listed_variants, match_case, note};
use crate::document::a_or_an;
use crate::glossary::scheme::Scheme;
use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct NonCanonicalName;

static META: RuleMeta = RuleMeta {
    code: "NM001",
    name: "non-canonical-name",
    family: Family::Names,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A name spelled as a listed variant instead of the house form",
    explanation: "\
## What it does
Flags a spelling that a glossary lists as a variant of a name (\"Riabkov\", \"Rjabkow\",
\"Sergey Ryabkov\") and suggests the canonical form (\"Ryabkov\", \"Sergei Ryabkov\"). Matching
ignores case and diacritics, works on surnames alone and on possessives (\"Riabkov's\"), and
says which romanisation the variant follows where its letters show it (German \"w\", \"sch\";
French \"ou\", \"tch\", \"ia\"; Polish \"ó\", \"ł\", \"ż\", \"sz\"; Czech \"č\", \"ř\", \"ž\").

## Why it matters
One person spelled three ways reads as three people and defeats search. A French or German
romanisation in English copy is also a strong sign the text was machine-translated.

## What it lets pass
Canonical forms, lower-case words (\"kiev\" in a web address), and the English variants of
terms with a dated policy (\"Kiev\"), which NM002 reports instead; their French or German
romanisations (\"Kiew\") are reported here.

## Example
`Sergei Riabkov said` → `Sergei Ryabkov said`",
    bad_example: "Deputy minister Riabkov said the talks were useful.",
    good_example: "Deputy minister Ryabkov said the talks were useful.",
};

impl Check for NonCanonicalName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        // A dated policy's own variants are NM002's once the policy is in force, and no
        // rule's before.
        for v in listed_variants(cx).filter(|v| !v.is_policy_variant()) {
            let schemes = v.romanised_by();
            let how = match v.scheme {
                Some(_) => {
                    let which = schemes.adjectives();
                    format!("{} {which} romanisation of", a_or_an(&which))
                }
                None => "a variant of".to_owned(),
            };
            let (found, house) = (v.found, &v.name.replacement);
            let message = format!("`{found}` is {how} `{house}`{}", note(v.term));
            out.push(
                Diagnostic::new(v.name.span, message)
                    .with_fix(match_case(found, house), listed_fix(found))
                    .with_source_language(v.scheme.and_then(Scheme::source_language))
                    .with_romanisations(schemes)
                    .with_policy(v.term.policy.as_deref()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_listed_variants_with_the_house_form() {
        let d = diagnostics(
            &NonCanonicalName,
            "Sergei Riabkov said so, and Riabkov's aide agreed.",
        );
        let got: Vec<(&str, &str)> = d
            .iter()
            .map(|d| (d.message.as_str(), d.suggestion.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(got.len(), 2);
        assert!(
            got[0]
                .0
                .starts_with("`Riabkov` is a French, Spanish or Italian romanisation of `Ryabkov`"),
            "{got:?}"
        );
        assert_eq!(got[0].1, "Ryabkov");
        // It counts for each of them; the features keep its first language.
        assert_eq!(d[0].source_language, Some("fr"));
        assert_eq!(
            d[0].romanised_by.iter().collect::<Vec<_>>(),
            [Scheme::French, Scheme::Spanish, Scheme::Italian]
        );
        let d = diagnostics(&NonCanonicalName, "Rjabkow spoke.");
        assert!(
            d[0].message
                .starts_with("`Rjabkow` is a German romanisation"),
            "{}",
            d[0].message
        );
        assert!(d[0].romanised_by.is_one_language());
        assert_eq!(flagged(&NonCanonicalName, "Rjabkow spoke."), ["Rjabkow"]);
        // A possessive keeps its "'s" and the capitals keep their case.
        let d = diagnostics(&NonCanonicalName, "RIABKOV's aide spoke.");
        assert_eq!((d[0].span.start, d[0].span.end), (0, 7));
        assert_eq!(d[0].suggestion.as_deref(), Some("RYABKOV"));
        assert_eq!(
            diagnostics(&NonCanonicalName, "RIABKOV SPOKE")[0]
                .suggestion
                .as_deref(),
            Some("RYABKOV")
        );
    }

    #[test]
    fn lets_house_forms_and_policy_terms_pass() {
        assert_eq!(
            flagged(&NonCanonicalName, "Officials in Kiew said so."),
            ["Kiew"]
        );
        for text in [
            "Sergei Ryabkov spoke in Kyiv.",
            "Officials in Kiev said so.",
            "riabkov.example.com",
            "Mail Riabkov@mid.example or see https://example.com/Riabkov and Riabkov_cv.pdf.",
        ] {
            assert!(flagged(&NonCanonicalName, text).is_empty(), "{text}");
        }
    }
}
