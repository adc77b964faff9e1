//! TY003 space-before-percent: a space between a number and `%` (`7 %`), as French, German
//! and Russian typography set it.

use crate::document::Span;
use crate::rules::typography::spaces_before;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct SpaceBeforePercent;

static META: RuleMeta = RuleMeta {
    code: "TY003",
    name: "space-before-percent",
    family: Family::Typography,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A space between a number and the percent sign",
    explanation: "\
## What it does
Flags a space — ordinary, no-break or narrow no-break — between a digit and `%` (`7 %`),
and removes it.

## Why it matters
English news style writes `7%` (or `7 percent`). French, German and Russian set a space
before `%`, so the space is a trace of the source left by translation or reposting. A narrow
no-break space (U+202F) there is French typesetting in particular.

## What it lets pass
`%` after anything but a digit (`the % sign`), and `7%` itself.

## Example
`inflation rose to 7,5 %` → `inflation rose to 7,5%` (LC001 then fixes the comma)",
    bad_example: "Inflation rose by 7 % in May.",
    good_example: "Inflation rose by 7% in May; the % sign is not spaced.",
};

impl Check for SpaceBeforePercent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text.as_str();
        for (i, _) in text.match_indices('%') {
            let start = spaces_before(text, i);
            let digit_before = text
                .get(..start)
                .and_then(|s| s.chars().next_back())
                .is_some_and(|c| c.is_ascii_digit());
            if start == i || !digit_before {
                continue;
            }
            let narrow = text.get(start..i).is_some_and(|s| s.contains('\u{202F}'));
            out.push(
                Diagnostic::new(Span::new(start, i + 1), "space before `%`")
                    .with_fix("%", Applicability::Safe)
                    .with_source_language(narrow.then_some("fr")),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_spaced_percent_signs() {
        assert_eq!(
            flagged(&SpaceBeforePercent, "up 7 % and 3\u{00A0}% and 2\u{202F}%"),
            [" %", "\u{00A0}%", "\u{202F}%"]
        );
        let d = diagnostics(&SpaceBeforePercent, "up 2\u{202F}% today");
        assert_eq!(d[0].source_language, Some("fr"));
        assert_eq!(d[0].suggestion.as_deref(), Some("%"));
    }

    #[test]
    fn lets_tight_and_wordy_percent_pass() {
        for text in ["up 7% today", "the % sign", "up 7 percent", "a % of 7%"] {
            assert!(flagged(&SpaceBeforePercent, text).is_empty(), "{text}");
        }
    }
}
