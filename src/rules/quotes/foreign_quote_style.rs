//! QT004 foreign-quote-style: quotation marks of another language — `„…“`, `«…»`, `»…«`,
//! `‚…‘`, `‹…›` — in English copy.

use crate::document::Document;
use crate::rules::quotes::scan::{QuoteRegion, QuoteStyle};
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct ForeignQuoteStyle;

static META: RuleMeta = RuleMeta {
    code: "QT004",
    name: "foreign-quote-style",
    family: Family::Quotes,
    severity: Severity::Error,
    languages: &["en"],
    summary: "Quotation marks of another language",
    explanation: "\
## What it does
Flags quotations set in another language's marks: German `„…“` and `»…«`, French `« … »`
(with the spaces inside), Russian, Italian or Spanish `«…»`, Polish or Romanian `„…”`, and
their single forms `‚…‘` and `‹…›`. A quotation opened and closed in one paragraph is
rewritten in English marks, inner spaces removed; a lone mark is flagged by itself. It
owns `« »` with inner spaces: the `locale` family leaves them alone.

## Why it matters
English uses `“…”` (or straight quotes). Foreign marks mean the text was translated or
pasted without being edited, and their shape points to the source: `„…“` and `»…«` to
German, `« … »` with spaces to French.

## What it lets pass
English curly and straight quotes, apostrophes, and a `‚` that is not followed by a letter
(it is usually a comma in the wrong font).

## Example
`the so-called „Zeitenwende“` → `the so-called “Zeitenwende”`",
    bad_example: "Scholz spoke of a „Zeitenwende“ and of « solidarité ».",
    good_example: "Scholz spoke of a “Zeitenwende” and of ‘solidarity’.",
};

impl Check for ForeignQuoteStyle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for r in cx.quotes().regions() {
            if !r.style.is_foreign() {
                continue;
            }
            let lang = source_language(doc, r);
            let (open, close) = if r.single {
                ('‘', '’')
            } else {
                ('“', '”')
            };
            if r.closed_in_block(doc) {
                let inner = doc.slice(r.inner).trim();
                let written = format!(
                    "{}…{}",
                    r.open_char.unwrap_or(open),
                    r.close_char.unwrap_or(close)
                );
                out.push(
                    Diagnostic::new(r.span(), format!("`{written}` are not English quote marks"))
                        .with_fix(format!("{open}{inner}{close}"), Applicability::Safe)
                        .with_source_language(lang),
                );
                continue;
            }
            for (mark, english) in [(r.open, open), (r.close, close)] {
                let Some(mark) = mark else { continue };
                let written = doc.slice(mark);
                out.push(
                    Diagnostic::new(mark, format!("`{written}` is not an English quote mark"))
                        .with_fix(english.to_string(), Applicability::Unsafe)
                        .with_source_language(lang),
                );
            }
        }
    }
}

/// `„…“` and `»…«` are German; `« … »` with spaces inside is French. Unspaced guillemets
/// (Russian, Italian, Spanish, Swiss) and `„…”` (Polish, Romanian, Hungarian) point nowhere.
fn source_language(doc: &Document, r: &QuoteRegion) -> Option<&'static str> {
    match (r.style, r.close_char) {
        (QuoteStyle::Low, Some('“' | '‘')) | (QuoteStyle::InwardGuillemets, _) => Some("de"),
        (QuoteStyle::Guillemets, _) => {
            let inner = doc.slice(r.inner);
            let spaced = |c: Option<char>| c.is_some_and(char::is_whitespace);
            (spaced(inner.chars().next()) || spaced(inner.chars().next_back())).then_some("fr")
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn rewrites_each_foreign_pair_and_names_the_source() {
        let d = diagnostics(&ForeignQuoteStyle, "He called it „unacceptable“ today.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suggestion.as_deref(), Some("“unacceptable”"));
        assert_eq!(d[0].source_language, Some("de"));
        let d = diagnostics(&ForeignQuoteStyle, "He called it « inacceptable » today.");
        assert_eq!(d[0].suggestion.as_deref(), Some("“inacceptable”"));
        assert_eq!(d[0].source_language, Some("fr"));
        let d = diagnostics(&ForeignQuoteStyle, "He called it «unacceptable» today.");
        assert_eq!(d[0].source_language, None);
        let d = diagnostics(&ForeignQuoteStyle, "He called it »unacceptable« today.");
        assert_eq!(d[0].source_language, Some("de"));
        assert_eq!(
            flagged(&ForeignQuoteStyle, "the ‚safe‘ zone and the ‹ safe › zone"),
            ["‚safe‘", "‹ safe ›"]
        );
    }

    #[test]
    fn flags_lone_marks_alone() {
        let d = diagnostics(&ForeignQuoteStyle, "He said „we will see.\n\nNothing more.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suggestion.as_deref(), Some("“"));
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn lets_english_marks_pass() {
        for text in [
            "He called it “unacceptable” and ‘rash’.",
            "He called it \"unacceptable\".",
            "Prices rose 3‚5 percent.",
            "The students’ union met.",
        ] {
            assert!(flagged(&ForeignQuoteStyle, text).is_empty(), "{text}");
        }
    }
}
