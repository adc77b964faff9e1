//! LC003 dotted-date: a date written day.month.year (`12.01.2022`), as German, Russian,
//! Ukrainian, Polish and Czech write dates.

use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct DottedDate;

static META: RuleMeta = RuleMeta {
    code: "LC003",
    name: "dotted-date",
    family: Family::Locale,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A date written day.month.year",
    explanation: "\
## What it does
Flags `dd.mm.yyyy` dates (`12.01.2022`, `8.2.2023`) with a valid day and month and a year
from 1800 to 2199, and suggests the date in words (`12 January 2022`) for the editor to
put in house style.

## Why it matters
English news writes dates in words; a reader in the US takes `05.06.2022` for May 6. The
dotted form is the source's (German, Russian, Ukrainian, Polish…) left in place.

## What it lets pass
ISO dates (`2022-01-12`), slashed dates (their order is English or American house style,
not a foreign remnant), two-digit years (`12.01.22` may be a version or a score), and
anything that is not a calendar date (`31.13.2022`, `1.2.3`).

## Example
`the decree of 24.02.2022` → `the decree of 24 February 2022`",
    bad_example: "The decree of 24.02.2022 still applies.",
    good_example: "The decree of 24 February 2022 (2022-02-24) and version 1.2.3 apply.",
};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Check for DottedDate {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text.as_str();
        for &span in cx.numbers() {
            let number = &text[span.start..span.end];
            let mut parts = number.split('.');
            let (Some(d), Some(m), Some(y), None) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            let short = |s: &str| (1..=2).contains(&s.len());
            if !short(d) || !short(m) || y.len() != 4 || number.contains(',') {
                continue;
            }
            let (Ok(day), Ok(month), Ok(year)) =
                (d.parse::<u32>(), m.parse::<usize>(), y.parse::<u32>())
            else {
                continue;
            };
            let Some(name) = month.checked_sub(1).and_then(|i| MONTHS.get(i)) else {
                continue;
            };
            if !(1..=31).contains(&day) || !(1800..=2199).contains(&year) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    span,
                    format!("dotted date `{number}`: write the month in words"),
                )
                .with_fix(format!("{day} {name} {year}"), Applicability::Unsafe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_dotted_dates_with_a_worded_fix() {
        let d = diagnostics(&DottedDate, "Published 08.02.2023, updated 9.2.2023.");
        let fixes: Vec<_> = d.iter().filter_map(|d| d.suggestion.as_deref()).collect();
        assert_eq!(fixes, ["8 February 2023", "9 February 2023"]);
    }

    #[test]
    fn lets_other_forms_and_non_dates_pass() {
        for text in [
            "Published 2023-02-08 and 08/02/2023.",
            "Version 12.01.22 and 1.2.3 shipped.",
            "Not a date: 31.13.2022 or 32.01.2022 or 12.01.1650.",
            "It cost 1.200.000 euros.",
        ] {
            assert!(flagged(&DottedDate, text).is_empty(), "{text}");
        }
    }
}
