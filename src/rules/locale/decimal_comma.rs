//! LC001 decimal-comma: a comma as the decimal separator (`7,5 percent`), as French, German,
//! Russian and most of continental Europe write it.

use crate::rules::locale::next_word;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct DecimalComma;

static META: RuleMeta = RuleMeta {
    code: "LC001",
    name: "decimal-comma",
    family: Family::Locale,
    severity: Severity::Error,
    languages: &["en"],
    summary: "A comma used as the decimal point",
    explanation: "\
## What it does
Flags a number with a comma followed by one or two digits — never a thousands separator in
English, which groups by three — when a quantity follows it (`percent`, `%`, `million`,
`km`, `degrees`, a currency…), when a currency sign precedes it, or when it starts with `0,`.
The fix puts a point in place of the comma.

## Why it matters
`7,5 percent` reads to an English reader as a typo or as seventy-five; it is the source
locale's decimal comma left by translation. Getting numbers wrong is the costliest kind of
error in news copy.

## What it lets pass
English thousands (`7,500`, `1,000,000`); bare pairs without a quantity (`1,2 or 3`,
`in 2019,20 people`), which may be lists or typos; numbers glued to letters (`v1,2`).
Numbers with dot-grouped thousands and a decimal comma (`1.250,5`) are LC002's.

## Example
`inflation reached 7,5 percent` → `inflation reached 7.5 percent`",
    bad_example: "Inflation reached 7,5 percent and growth 0,3.",
    good_example: "Inflation reached 7.5 percent; 7,500 people and 1,2 or 3 rooms.",
};

/// Words that make the number before them a quantity. Sorted.
pub(crate) const UNITS: &[&str] = &[
    "billion",
    "billions",
    "bn",
    "centimeters",
    "centimetres",
    "cm",
    "dollars",
    "euro",
    "euros",
    "g",
    "grams",
    "ha",
    "hectares",
    "hours",
    "kg",
    "kilograms",
    "kilometers",
    "kilometres",
    "km",
    "kph",
    "kwh",
    "l",
    "liters",
    "litres",
    "m",
    "meters",
    "metres",
    "miles",
    "million",
    "millions",
    "minutes",
    "mm",
    "mph",
    "mw",
    "per",
    "percent",
    "percentage",
    "points",
    "pounds",
    "roubles",
    "rubles",
    "seconds",
    "times",
    "tonnes",
    "tons",
    "trillion",
    "years",
];

impl Check for DecimalComma {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text.as_str();
        for &span in cx.numbers() {
            let number = &text[span.start..span.end];
            let Some((int, frac)) = number.split_once(',') else {
                continue;
            };
            let plain = int.len() <= 3
                && (1..=2).contains(&frac.len())
                && !number.contains('.')
                && frac.bytes().all(|b| b.is_ascii_digit());
            if !plain
                || !(int == "0"
                    || quantity_after(text, span.end)
                    || currency_before(text, span.start))
            {
                continue;
            }
            let fixed = number.replace(',', ".");
            out.push(
                Diagnostic::new(
                    span,
                    format!("decimal comma: `{number}` is `{fixed}` in English"),
                )
                .with_fix(fixed, Applicability::Unsafe),
            );
        }
    }
}

/// A unit, a scale word or a sign after the number: `7,5 percent`, `2,5%`, `1,5 €`.
pub(crate) fn quantity_after(text: &str, end: usize) -> bool {
    let sign = text
        .get(end..)
        .map(|s| s.trim_start_matches([' ', '\u{00A0}', '\u{202F}']))
        .is_some_and(|s| s.starts_with(['%', '°', '€', '$', '£', '₽']));
    sign || next_word(text, end)
        .is_some_and(|(w, _)| UNITS.binary_search(&w.to_lowercase().as_str()).is_ok())
}

/// `€1,5`, `$ 2,75`.
pub(crate) fn currency_before(text: &str, start: usize) -> bool {
    text.get(..start)
        .map(|s| s.trim_end_matches([' ', '\u{00A0}']))
        .is_some_and(|s| s.ends_with(['€', '$', '£', '₽']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_decimal_commas_before_quantities() {
        assert_eq!(
            flagged(
                &DecimalComma,
                "It rose 7,5 percent to 2,75% or €1,5 bn; 0,3 was the floor; 1,25 million left."
            ),
            ["7,5", "2,75", "1,5", "0,3", "1,25"]
        );
        let d = diagnostics(&DecimalComma, "a 3,5 km run");
        assert_eq!(d[0].suggestion.as_deref(), Some("3.5"));
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn lets_thousands_lists_and_dot_groups_pass() {
        for text in [
            "7,500 people and 1,000,000 euros",
            "rooms 1,2 or 3",
            "in 2019,20 percent of them",
            "1.250,5 euros",
            "version v1,2 percent",
            "7.5 percent",
        ] {
            assert!(flagged(&DecimalComma, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn units_are_sorted_for_binary_search() {
        assert!(UNITS.windows(2).all(|w| w[0] < w[1]));
    }
}
