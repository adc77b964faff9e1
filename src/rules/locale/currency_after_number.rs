//! LC004 currency-after-number: a currency sign after the amount (`100 €`, `25$`), as
//! continental Europe and Canadian French write prices.

use crate::document::Span;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct CurrencyAfterNumber;

static META: RuleMeta = RuleMeta {
    code: "LC004",
    name: "currency-after-number",
    family: Family::Locale,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A currency sign after the amount",
    explanation: "\
## What it does
Flags an amount followed by a currency sign — `€`, `£`, `$`, `₽`, `₴` — with or without a
space (`100 €`, `25$`), and moves the sign in front (`€100`).

## Why it matters
English puts the sign before the amount. `100 €` is how French, German, Italian, Spanish
and Russian write it, so the form is a remnant of the source, and it looks wrong to
English readers.

## What it lets pass
Signs before the amount (`€100`), a sign that belongs to the next amount (`5 $10 bills`),
and currency words (`100 euros` is good English). Abbreviated amounts such as `5 Mio. €`
are LC005's.

## Example
`a fine of 100 €` → `a fine of €100`",
    bad_example: "They paid a fine of 100 € each.",
    good_example: "They paid a fine of €100 (100 euros), in 5 $10 bills.",
};

const SIGNS: [char; 5] = ['€', '£', '$', '₽', '₴'];

impl Check for CurrencyAfterNumber {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text.as_str();
        for &span in cx.numbers() {
            let rest = text.get(span.end..).unwrap_or("");
            let trimmed = rest.trim_start_matches([' ', '\u{00A0}', '\u{202F}']);
            let gap = rest.len() - trimmed.len();
            if rest.get(..gap).is_some_and(|g| g.chars().count() > 1) {
                continue;
            }
            let mut chars = trimmed.chars();
            let Some(sign) = chars.next().filter(|c| SIGNS.contains(c)) else {
                continue;
            };
            let sign_before = text
                .get(..span.start)
                .and_then(|s| s.trim_end().chars().next_back())
                .is_some_and(|c| SIGNS.contains(&c));
            if sign_before || chars.next().is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            let number = &text[span.start..span.end];
            let end = span.end + gap + sign.len_utf8();
            // Only an English-formatted amount moves safely: `7.500 €` needs its points fixed.
            let applicability = if english_amount(number) {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            };
            out.push(
                Diagnostic::new(
                    Span::new(span.start, end),
                    format!("currency sign after the amount: English writes `{sign}{number}`"),
                )
                .with_fix(format!("{sign}{number}"), applicability),
            );
        }
    }
}

/// `100`, `1,500`, `12.50`: digits grouped by commas in threes, at most one decimal point
/// not followed by exactly three digits (`7.500` may be seven thousand five hundred).
fn english_amount(number: &str) -> bool {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    let mut groups = int.split(',');
    let lead = groups.next().unwrap_or("");
    !frac.contains(['.', ','])
        && frac.len() != 3
        && !lead.is_empty()
        && groups.all(|g| g.len() == 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_signs_after_amounts() {
        assert_eq!(
            flagged(
                &CurrencyAfterNumber,
                "It cost 100 € or 25$ or 1,500\u{00A0}₽."
            ),
            ["100 €", "25$", "1,500\u{00A0}₽"]
        );
        let d = diagnostics(&CurrencyAfterNumber, "a fine of 100 € each");
        assert_eq!(d[0].suggestion.as_deref(), Some("€100"));
        assert_eq!(d[0].applicability, Some(Applicability::Safe));
        let d = diagnostics(&CurrencyAfterNumber, "a fine of 7.500 € each");
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn lets_english_forms_pass() {
        for text in [
            "It cost €100 or $25.",
            "It cost 100 euros.",
            "He paid in 5 $10 bills.",
            "It cost €5 € more.",
            "A table of 100     € apart.",
        ] {
            assert!(flagged(&CurrencyAfterNumber, text).is_empty(), "{text}");
        }
    }
}
