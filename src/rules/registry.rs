//! The registry: every rule, one line each, sorted by code.

use super::{Check, chrome, grammar, locale, names, quotes, spelling, typography, untranslated};

pub static RULES: &[&dyn Check] = &[
    &chrome::translated_furniture::TranslatedFurniture,
    &chrome::agency_byline::AgencyByline,
    &grammar::repeated_word::RepeatedWord,
    &grammar::double_negation::DoubleNegation,
    &grammar::since_with_duration::SinceWithDuration,
    &grammar::present_perfect_with_past_time::PresentPerfectWithPastTime,
    &grammar::calqued_phrase::CalquedPhrase,
    &grammar::article_before_title::ArticleBeforeTitle,
    &locale::decimal_comma::DecimalComma,
    &locale::dot_thousands_separator::DotThousandsSeparator,
    &locale::dotted_date::DottedDate,
    &locale::currency_after_number::CurrencyAfterNumber,
    &locale::foreign_number_abbreviation::ForeignNumberAbbreviation,
    &names::non_canonical_name::NonCanonicalName,
    &names::deprecated_name::DeprecatedName,
    &names::probable_variant::ProbableVariant,
    &names::inconsistent_spelling::InconsistentSpelling,
    &quotes::reversed_quote_mark::ReversedQuoteMark,
    &quotes::unbalanced_quote::UnbalancedQuote,
    &quotes::space_inside_quotes::SpaceInsideQuotes,
    &quotes::foreign_quote_style::ForeignQuoteStyle,
    &quotes::capitalised_quote_fragment::CapitalisedQuoteFragment,
    &spelling::misspelled_word::MisspelledWord,
    &spelling::unknown_word::UnknownWord,
    &typography::replacement_character::ReplacementCharacter,
    &typography::space_before_punctuation::SpaceBeforePunctuation,
    &typography::space_before_percent::SpaceBeforePercent,
    &typography::doubled_space::DoubledSpace,
    &untranslated::untranslated_passage::UntranslatedPassage,
    &untranslated::foreign_document::ForeignDocument,
];

/// Looks a rule up by code (`GR001`) or name (`repeated-word`), ignoring case.
pub fn find(key: &str) -> Option<&'static dyn Check> {
    RULES.iter().copied().find(|r| {
        r.meta().code.eq_ignore_ascii_case(key) || r.meta().name.eq_ignore_ascii_case(key)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Family;

    #[test]
    fn codes_are_unique_sorted_and_carry_their_family_prefix() {
        let codes: Vec<&str> = RULES.iter().map(|r| r.meta().code).collect();
        assert!(
            codes.windows(2).all(|w| w[0] < w[1]),
            "sorted and unique: {codes:?}"
        );
        for r in RULES {
            let m = r.meta();
            assert!(
                m.code.starts_with(m.family.prefix()),
                "{} not in {}",
                m.code,
                m.family
            );
            assert_eq!(m.code.len(), 5, "{}", m.code);
            assert!(
                m.code[2..].chars().all(|c| c.is_ascii_digit()),
                "{}",
                m.code
            );
        }
        assert!(Family::ALL.iter().all(|f| f.prefix().len() == 2));
    }

    #[test]
    fn names_are_unique_kebab_case() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.meta().name).collect();
        assert!(
            names
                .iter()
                .all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-'))
        );
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
    }

    #[test]
    fn every_rule_is_documented() {
        for r in RULES {
            let m = r.meta();
            for section in ["What it does", "Why it matters", "Example"] {
                assert!(
                    m.explanation.contains(section),
                    "{} lacks `{section}`",
                    m.code
                );
            }
            assert!(
                !m.summary.is_empty() && !m.summary.ends_with('.'),
                "{} summary",
                m.code
            );
            assert!(!m.languages.is_empty(), "{} languages", m.code);
        }
    }

    #[test]
    fn every_rule_flags_its_bad_example_and_not_its_good_example() {
        for r in RULES {
            let m = r.meta();
            let run = |text: &str| crate::rules::test_util::diagnostics(*r, text);
            assert!(
                !run(m.bad_example).is_empty(),
                "{} misses its bad example",
                m.code
            );
            assert!(
                run(m.good_example).is_empty(),
                "{} flags its good example",
                m.code
            );
        }
    }

    #[test]
    fn lookup_by_code_or_name() {
        assert_eq!(find("gr001").map(|r| r.meta().name), Some("repeated-word"));
        assert_eq!(find("repeated-word").map(|r| r.meta().code), Some("GR001"));
        assert!(find("XX999").is_none());
    }
}
