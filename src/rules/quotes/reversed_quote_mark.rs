//! QT001 reversed-quote-mark: an English curly quote mark pointing the wrong way — `”` opening
//! a quotation, `“` closing one.

use crate::rules::quotes::scan::QuoteRegion;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct ReversedQuoteMark;

static META: RuleMeta = RuleMeta {
    code: "QT001",
    name: "reversed-quote-mark",
    family: Family::Quotes,
    severity: Severity::Error,
    languages: &["en"],
    summary: "A curly quote mark pointing the wrong way",
    explanation: "\
## What it does
Finds curly double quotes whose direction contradicts their place in the sentence: a `”`
after a space and before a word (opening a quotation), or a `“` after a word and before a
space or punctuation (closing one). Direction is read from the neighbouring characters, so
`provide ” an answer “ to` is one quotation written backwards. The fix rewrites it as
`“an answer”`, dropping the spaces inside.

## Why it matters
Machine translation of French copy turns `« une réponse »` into `” an answer “` when the
converter guesses the direction from the spaces; copy that passed through German turns
`„Antwort“` into `“Antwort“`. Either way readers see a broken quotation, and it is strong
evidence the copy was translated.

## What it lets pass
German `„…“` pairs (QT004, foreign-quote-style, reports those), straight quotes (which have
no direction), apostrophes, and `“`/`”` used the right way round, spaces inside or not
(QT003 reports the spaces).

## Example
`Russia gave ” no answer “ on Monday` → `Russia gave “no answer” on Monday`",
    bad_example: "Russia gave ” no answer “ on Monday.",
    good_example: "Russia gave “no answer” on Monday, and „none“ was expected.",
};

impl Check for ReversedQuoteMark {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for r in cx.quotes().regions() {
            if r.style.is_foreign() || r.single || !(r.open_reversed || r.close_reversed) {
                continue;
            }
            if r.closed_in_block(doc) {
                let inner = doc.slice(r.inner).trim();
                out.push(
                    Diagnostic::new(r.span(), message(r))
                        .with_fix(format!("“{inner}”"), Applicability::Safe),
                );
                continue;
            }
            // Marks far apart (or a mark with no partner): fix each reversed mark alone.
            if let (true, Some(open)) = (r.open_reversed, r.open) {
                out.push(
                    Diagnostic::new(open, "`”` opens this quotation; an opening mark is `“`")
                        .with_fix("“", Applicability::Safe),
                );
            }
            if let (true, Some(close)) = (r.close_reversed, r.close) {
                out.push(
                    Diagnostic::new(close, "`“` closes this quotation; a closing mark is `”`")
                        .with_fix("”", Applicability::Safe),
                );
            }
        }
    }
}

fn message(r: &QuoteRegion) -> &'static str {
    match (r.open_reversed, r.close_reversed) {
        (true, true) => "quote marks reversed: `” … “` should be `“ … ”`",
        (true, false) => "`”` opens this quotation; an opening mark is `“`",
        _ => "`“` closes this quotation; a closing mark is `”`",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_a_pair_written_backwards_with_one_fix() {
        let d = diagnostics(&ReversedQuoteMark, "They want ” a gesture “, he said.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suggestion.as_deref(), Some("“a gesture”"));
        assert_eq!(d[0].applicability, Some(Applicability::Safe));
    }

    #[test]
    fn flags_an_opening_glyph_used_to_close() {
        assert_eq!(
            flagged(&ReversedQuoteMark, "He felt “betrayed“ by the vote."),
            ["“betrayed“"]
        );
        // No opening mark at all: the closing `“` alone.
        let d = diagnostics(&ReversedQuoteMark, "We will manage,“ said the coach.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suggestion.as_deref(), Some("”"));
    }

    #[test]
    fn lets_correct_and_foreign_quotes_pass() {
        for text in [
            "He called the talks “frank and direct”.",
            "She said: “We are ready.”",
            "The „Zeitenwende“ speech was quoted.",
            "It was a “ long ” night.",
            "“The first part.\n\n“The second part.”",
            "The students’ union met in the ’90s.",
        ] {
            assert!(flagged(&ReversedQuoteMark, text).is_empty(), "{text}");
        }
    }
}
