//! QT002 unbalanced-quote: a curly quote mark with no partner — a quotation opened and never
//! closed, or closed and never opened.

use crate::rules::quotes::scan::QuoteStyle;
use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct UnbalancedQuote;

static META: RuleMeta = RuleMeta {
    code: "QT002",
    name: "unbalanced-quote",
    family: Family::Quotes,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A curly quote mark with no partner",
    explanation: "\
## What it does
Follows curly quotation marks (`“ ”`, `‘ ’`) through the whole article and flags an
opening mark that is never closed, or a closing mark that nothing opened. A quotation may
run over several lines or paragraphs: the English convention of reopening each new
paragraph of a long quotation with `“` and closing only the last one is understood.

## Why it matters
A missing mark leaves the reader guessing where the speaker's words end — in news copy, the
difference between a quotation and the reporter's paraphrase. Machine translation drops and
misplaces marks when it reorders a sentence around a quotation.

## What it lets pass
Straight quotes (`\"`): copy that uses them is often split one sentence per line, and inch
marks and typing slips make their balance a poor signal. Apostrophes (`’`, including the
plural possessive `students’`). Reversed marks and foreign styles, which QT001 and QT004
report.

## Example
`“We will not give in, the minister said.` → close the quotation where the minister's words
end: `“We will not give in,” the minister said.`",
    bad_example: "“We will not give in, the minister said.\n\nTalks resume on Friday.",
    good_example: "“We will not give in,” the minister said.\n\n“Nor will we.\n\n“Never.”",
};

impl Check for UnbalancedQuote {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for r in cx.quotes().regions() {
            if r.balanced()
                || r.style == QuoteStyle::Straight
                || r.style.is_foreign()
                || r.open_reversed
                || r.close_reversed
            {
                continue;
            }
            let (span, message) = match (r.open, r.close) {
                (Some(open), None) => (open, "this quotation is never closed"),
                (None, Some(close)) => (close, "this closing quote mark has no opening mark"),
                _ => continue,
            };
            let mark = doc.slice(span);
            out.push(Diagnostic::new(span, format!("`{mark}`: {message}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::flagged;

    #[test]
    fn flags_unclosed_and_unopened_marks() {
        assert_eq!(
            flagged(&UnbalancedQuote, "He said “it was over.\n\nThe end."),
            ["“"]
        );
        assert_eq!(
            flagged(&UnbalancedQuote, "It was over,” he said. Then he left."),
            ["”"]
        );
        assert_eq!(
            flagged(&UnbalancedQuote, "the ‘safe zone was declared."),
            ["‘"]
        );
    }

    #[test]
    fn lets_balanced_and_other_marks_pass() {
        for text in [
            "“It was over,” he said.",
            "“It was over.\nWe all knew it,” he said.",
            "“First paragraph.\n\n“Second paragraph.\n\n“Last one.”",
            "She said: “They told me ‘wait’ and I did.”",
            "He said \"it was over.",
            "The students’ union met in the ‘90s.",
            "They gave ” no answer “ at all.",
            "The « bouclier » law.",
        ] {
            assert!(flagged(&UnbalancedQuote, text).is_empty(), "{text}");
        }
    }
}
