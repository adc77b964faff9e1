//! NM002 deprecated-name: a form the house style dropped on a dated policy ("Kiev" for
//! "Kyiv" since 2019).

use super::{listed_variants, match_case, note};
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
\"Kyiv, not Kiev, since 2019-08-14\" — and suggests the current form. Phrases listed in the
term's `keep` (\"chicken Kiev\", \"Kievan Rus\") are left alone.

## Why it matters
Deprecated place names are a policy question, not a translation error: an English original
from an agency that had not yet switched (AFP wrote \"Kiev\" into 2022) still needs the house
form before publication. calq therefore reports them apart from NM001 and does not count
them as machine-translation evidence.

## Example
`talks in Kiev` → `talks in Kyiv`",
    bad_example: "Officials in Kiev said the talks would go on.",
    good_example: "Officials in Kyiv said the talks would go on over chicken Kiev.",
};

impl Check for DeprecatedName {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for v in listed_variants(cx).filter(|v| v.is_policy_deviation()) {
            let since = v.term.since.as_deref().unwrap_or_default();
            let (found, house) = (v.found, &v.name.replacement);
            let message = format!(
                "`{found}`: the house form is `{house}` since {since}{}",
                note(v.term)
            );
            out.push(
                Diagnostic::new(v.name.span, message)
                    .with_fix(match_case(found, house), Applicability::Safe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

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
    fn keeps_listed_contexts_and_house_forms() {
        for text in [
            "He ordered chicken Kiev.",
            "The Kievan Rus state.",
            "Talks in Kyiv.",
            "Riabkov spoke.",
            "Talks in Kiew.",
        ] {
            assert!(flagged(&DeprecatedName, text).is_empty(), "{text}");
        }
    }
}
