//! QT003 space-inside-quotes: a space on the inner side of an English quote mark
//! (`“ word”`, `“word ”`), a remnant of French spacing inside guillemets.

use crate::rules::quotes::scan::QuoteStyle;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct SpaceInsideQuotes;

static META: RuleMeta = RuleMeta {
    code: "QT003",
    name: "space-inside-quotes",
    family: Family::Quotes,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A space on the inner side of a quote mark",
    explanation: "\
## What it does
Flags an English curly quotation (`“ ”` or `‘ ’`), opened and closed in one paragraph,
with a space just inside the opening mark or just inside the closing one, and rewrites it
without them.

## Why it matters
French sets its guillemets with spaces inside (`« oui »`); when they are converted to
English marks without removing the spaces, the result (`“ yes ”`) is a telltale of a
translated or reposted article, and the marks may wrap onto the wrong line.

## What it lets pass
Straight quotes, whose direction is guesswork once spaces surround them; reversed marks and
foreign styles (QT001 and QT004 fix the spaces with the marks); quotations left open.

## Example
`called for “ restraint ” on both sides` → `called for “restraint” on both sides`",
    bad_example: "The envoy called for “ restraint ” on both sides.",
    good_example: "The envoy called for “restraint” on both sides, “ ” aside.",
};

impl Check for SpaceInsideQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for r in cx.quotes().regions() {
            if r.style != QuoteStyle::English || r.close_reversed || !r.closed_in_block(doc) {
                continue;
            }
            let inner = doc.slice(r.inner);
            let trimmed = inner.trim();
            if trimmed.is_empty() || trimmed.len() == inner.len() {
                continue;
            }
            let (open, close) = (r.open_char.unwrap_or('“'), r.close_char.unwrap_or('”'));
            out.push(
                Diagnostic::new(r.span(), "space inside the quote marks")
                    .with_fix(format!("{open}{trimmed}{close}"), Applicability::Safe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_spaces_on_either_inner_side() {
        let d = diagnostics(&SpaceInsideQuotes, "He demanded: “ We need calm”.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suggestion.as_deref(), Some("“We need calm”"));
        assert_eq!(
            flagged(&SpaceInsideQuotes, "as long as “ necessary ” , she said"),
            ["“ necessary ”"]
        );
        assert_eq!(
            flagged(&SpaceInsideQuotes, "the ‘ interim’ deal"),
            ["‘ interim’"]
        );
    }

    #[test]
    fn lets_tight_straight_and_foreign_quotes_pass() {
        for text in [
            "He demanded: “We need calm.”",
            "He demanded: \" We need calm \".",
            "It was « très » late.",
            "They gave ” no answer “ at all.",
            "He said “ it was late.",
        ] {
            assert!(flagged(&SpaceInsideQuotes, text).is_empty(), "{text}");
        }
    }
}
