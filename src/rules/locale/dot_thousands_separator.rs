//! LC002 dot-thousands-separator: a point grouping thousands (`100.000 soldiers`,
//! `1.250,5 euros`), as German, Italian, Spanish and Turkish write numbers.

use crate::rules::locale::decimal_comma::quantity_after;
use crate::rules::locale::next_word;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct DotThousandsSeparator;

static META: RuleMeta = RuleMeta {
    code: "LC002",
    name: "dot-thousands-separator",
    family: Family::Locale,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A point used to group thousands",
    explanation: "\
## What it does
Flags numbers whose points group digits by three — `4.178.021`, `1.250,5`, and a single
group that cannot be an English decimal: `100.000`, `2.500` (no English writer pads a
decimal with trailing zeros) or any `d.ddd` followed by a count of people or things
(`146.460 deaths`). The fix swaps points and commas.

## Why it matters
English reads `100.000 soldiers` as one hundred soldiers, written oddly; the source meant a
hundred thousand. Machine translation copies source numbers digit for digit, so this is one
of its commonest and most damaging remnants.

## What it lets pass
Decimals with three places that are not padded and not a count (`1.125 dollars per euro`,
`0.500`, `9.581 seconds`); dates (`12.01.2022`, LC003's); version and section numbers glued
to letters (`v1.100`); IP-like runs whose groups are not all three digits.

## Example
`more than 100.000 soldiers` → `more than 100,000 soldiers`",
    bad_example: "More than 100.000 soldiers and 4.178.021 voters.",
    good_example: "More than 100,000 soldiers; the euro bought 1.125 dollars; 0.500 of it.",
};

/// Nouns that make the number before them a count. Sorted.
const COUNTS: &[&str] = &[
    "cars",
    "cases",
    "children",
    "civilians",
    "deaths",
    "doses",
    "dwellings",
    "employees",
    "families",
    "fans",
    "homes",
    "households",
    "infections",
    "inhabitants",
    "jobs",
    "members",
    "migrants",
    "people",
    "persons",
    "refugees",
    "residents",
    "signatures",
    "soldiers",
    "spectators",
    "students",
    "tickets",
    "troops",
    "users",
    "victims",
    "visitors",
    "voters",
    "votes",
    "workers",
];

impl Check for DotThousandsSeparator {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text.as_str();
        for &span in cx.numbers() {
            let number = &text[span.start..span.end];
            let (grouped, decimal) = match number.split_once(',') {
                Some((g, d)) if !d.contains(['.', ',']) => (g, Some(d)),
                Some(_) => continue,
                None => (number, None),
            };
            let mut groups = grouped.split('.');
            let lead = groups.next().unwrap_or("");
            let rest: Vec<&str> = groups.collect();
            let well_formed = !rest.is_empty()
                && (1..=3).contains(&lead.len())
                && !lead.starts_with('0')
                && rest.iter().all(|g| g.len() == 3);
            if !well_formed {
                continue;
            }
            let certain = rest.len() >= 2 || decimal.is_some() || rest[0].ends_with("00");
            let counted = next_word(text, span.end)
                .is_some_and(|(w, _)| COUNTS.binary_search(&w.to_lowercase().as_str()).is_ok())
                || quantity_after(text, span.end) && rest[0].ends_with('0');
            if !(certain || counted) {
                continue;
            }
            let fixed: String = number
                .chars()
                .map(|c| match c {
                    '.' => ',',
                    ',' => '.',
                    c => c,
                })
                .collect();
            out.push(
                Diagnostic::new(
                    span,
                    format!("`{number}` groups thousands with points; English writes `{fixed}`"),
                )
                .with_fix(fixed, Applicability::Unsafe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_dot_grouped_thousands() {
        assert_eq!(
            flagged(
                &DotThousandsSeparator,
                "About 100.000 troops, 4.178.021 cases, 2.500 metres, 146.461 deaths and 1.250,5 euros."
            ),
            ["100.000", "4.178.021", "2.500", "146.461", "1.250,5"]
        );
        let d = diagnostics(&DotThousandsSeparator, "1.250,5 euros");
        assert_eq!(d[0].suggestion.as_deref(), Some("1,250.5"));
    }

    #[test]
    fn lets_english_decimals_and_dates_pass() {
        for text in [
            "The euro bought 1.125 dollars.",
            "He ran it in 9.581 seconds.",
            "A share of 0.500 and 12.01.2022.",
            "Use v1.100 or 10.0.0.1 or 1.25.",
            "100,000 soldiers",
        ] {
            assert!(flagged(&DotThousandsSeparator, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn counts_are_sorted_for_binary_search() {
        assert!(COUNTS.windows(2).all(|w| w[0] < w[1]));
    }
}
