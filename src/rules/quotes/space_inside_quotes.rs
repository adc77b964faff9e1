//! QT003 space-inside-quotes: a space on the inner side of an English quote mark
//! (`“ word”`, `“word ”`), or on both inner sides of a straight pair (`" word "`), a remnant
//! of French spacing inside guillemets.

use crate::document::{Document, Span};
use crate::rules::quotes::scan::{QuoteRegion, QuoteStyle};
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
without them (a safe fix).

Straight double quotes are flagged only when they are spaced on both inner sides and are
plainly one pair: `called for \" restraint \" on both sides`. The paragraph holds an even
number of `\"`; the opening mark follows a space, an opening bracket or the paragraph's start;
the closing one comes before a space, punctuation or the paragraph's end; the quotation holds
at most 15 words on one line, has a letter in it and no `\"`, and neither mark follows a
number. The fix removes the spaces and keeps the straight marks; it is unsafe (applied only
with `--unsafe-fixes`), because straight marks do not say which way they point, so the pair
is inferred.

## Why it matters
French sets its guillemets with spaces inside (`« oui »`); when they are converted to
English marks without removing the spaces, the result (`“ yes ”`, or `\" yes \"` when a
converter falls back to straight quotes) is a telltale of a translated or reposted article,
and the marks may wrap onto the wrong line. Machine translation from other languages leaves
the same spaces, so the finding names no source language.

## What it lets pass
Straight quotes spaced on one side only, or that may not be a pair: inches and seconds
(`12\" screen`, `15 \" laptop`), ditto marks and empty pairs (`\" \"`), a lone mark or an odd
number of marks in the paragraph, a span longer than 15 words or broken across lines, and
paragraphs that look like code or markup (`=`, braces, angle brackets, backslashes, `|`,
backticks, `_`, or a call such as `print(\" x \")`) or like tokenised text, with spaces inside
brackets (`( see \" ER \" above )`), where every mark is spaced. Reversed marks and foreign styles
(QT001 and QT004 fix the spaces with the marks); quotations left open.

## Example
`called for “ restraint ” on both sides` → `called for “restraint” on both sides`
`called for \" restraint \" on both sides` → `called for \"restraint\" on both sides` (unsafe)",
    bad_example: "The envoy called for “ restraint ” abroad and \" calm \" at home.",
    good_example: "The envoy called for “restraint” abroad and \"calm\" at home, “ ” aside.",
};

impl Check for SpaceInsideQuotes {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for r in cx.quotes().regions() {
            if r.close_reversed || !r.closed_in_block(doc) {
                continue;
            }
            // The quotation rewritten without the spaces, and how safe that is.
            let (fixed, applicability) = match r.style {
                QuoteStyle::English => {
                    let inner = doc.slice(r.inner);
                    let trimmed = inner.trim();
                    if trimmed.is_empty() || trimmed.len() == inner.len() {
                        continue;
                    }
                    let (open, close) = (r.open_char.unwrap_or('“'), r.close_char.unwrap_or('”'));
                    (format!("{open}{trimmed}{close}"), Applicability::Safe)
                }
                QuoteStyle::Straight => match spaced_straight_pair(doc, r) {
                    Some(trimmed) => (format!("\"{trimmed}\""), Applicability::Unsafe),
                    None => continue,
                },
                _ => continue,
            };
            out.push(
                Diagnostic::new(r.span(), "space inside the quote marks")
                    .with_fix(fixed, applicability),
            );
        }
    }
}

/// The most words a spaced straight quotation may hold: the longer the span, the likelier
/// two unrelated marks (a stray quote, inch or ditto marks) were paired.
const MAX_STRAIGHT_WORDS: usize = 15;

/// Characters that make a paragraph look like code, markup or a table rather than prose.
/// (Spaces inside brackets, `( see " X " )`, make it tokenised text, whose quote marks are
/// spaced like every other mark: that is checked separately.)
const CODE_LIKE: &[char] = &['=', '{', '}', '<', '>', '\\', '|', '`', '_'];

/// The quoted text, trimmed, of a straight quotation `" like this "` that is spaced the French
/// way on both inner sides and is very likely one pair: both marks `"`, an even number of `"`
/// in its paragraph, the opening mark after a space (or the start, or an opening bracket), the
/// closing one before a space, punctuation or the end, neither mark after a number (`12 "`,
/// inches), a short span of words on one line, and a paragraph that does not look like code.
fn spaced_straight_pair<'a>(doc: &'a Document, r: &QuoteRegion) -> Option<&'a str> {
    let (open, close) = (r.open?, r.close?);
    if r.open_char != Some('"') || r.close_char != Some('"') {
        return None;
    }
    let span = doc.block_at(open.start)?.span;
    let block = doc.slice(span);
    if !block.matches('"').count().is_multiple_of(2)
        || block.contains(CODE_LIKE)
        || block.contains("( ")
        || block.contains(" )")
    {
        return None;
    }
    let inner = doc.slice(r.inner);
    let trimmed = inner.trim_matches(inline_space);
    let spaced_inside = inner.starts_with(inline_space) && inner.ends_with(inline_space);
    if !spaced_inside
        || inner.contains(['\n', '\r', '"'])
        || !trimmed.contains(char::is_alphabetic)
        || trimmed.split_whitespace().count() > MAX_STRAIGHT_WORDS
        || trimmed.ends_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let before = doc.slice(Span::new(span.start, open.start));
    let opens = match before.chars().next_back() {
        None => true,
        // `(" x ")` in prose, but not `print(" x ")`, a function call.
        Some('(' | '[') => !before[..before.len() - 1].ends_with(char::is_alphanumeric),
        Some(c) if c.is_whitespace() => !before
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit() || c == '"'),
        Some(_) => false,
    };
    let after = doc.slice(Span::new(close.end, span.end));
    let closes = after.chars().next().is_none_or(|c| {
        c.is_whitespace()
            || matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '…' | '—' | '–'
            )
    });
    (opens && closes).then_some(trimmed)
}

/// A space within a line: ordinary, no-break or narrow no-break (French typesetting), or a tab.
fn inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\t')
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
    fn lets_tight_and_foreign_quotes_pass() {
        for text in [
            "He demanded: “We need calm.”",
            "It was « très » late.",
            "They gave ” no answer “ at all.",
            "He said “ it was late.",
        ] {
            assert!(flagged(&SpaceInsideQuotes, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn flags_spaced_straight_pairs_with_an_unsafe_fix() {
        let text = "The mayor asked residents for \" patience \" this winter.";
        let d = diagnostics(&SpaceInsideQuotes, text);
        assert_eq!(d.len(), 1);
        assert_eq!(&text[d[0].span.start..d[0].span.end], "\" patience \"");
        assert_eq!(d[0].suggestion.as_deref(), Some("\"patience\""));
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
        // Like the curly case, the spaces name no source language.
        assert_eq!(d[0].source_language, None);
        for (text, expected) in [
            // Closed before a comma, a full stop, the end of the paragraph.
            (
                "Unions called it a \" cosmetic reform \", and left the talks.",
                vec!["\" cosmetic reform \""],
            ),
            (
                "\" We will rebuild the bridge before the first snow, \" the engineer said.",
                vec!["\" We will rebuild the bridge before the first snow, \""],
            ),
            (
                "The coach spoke of \" a night to forget \".",
                vec!["\" a night to forget \""],
            ),
            ("She only said \" never again \"", vec!["\" never again \""]),
            // Two pairs in one paragraph; no-break spaces; brackets.
            (
                "He wanted \" dialogue \" rather than \" threats \" from the council.",
                vec!["\" dialogue \"", "\" threats \""],
            ),
            (
                "the so-called \"\u{a0}green levy\u{a0}\" was dropped",
                vec!["\"\u{a0}green levy\u{a0}\""],
            ),
            (
                "a plan (\" temporary \") for the port",
                vec!["\" temporary \""],
            ),
            // A tight pair beside a spaced one.
            (
                "They said \"no\" to the \" final offer \" on Friday.",
                vec!["\" final offer \""],
            ),
        ] {
            assert_eq!(flagged(&SpaceInsideQuotes, text), expected, "{text}");
        }
    }

    #[test]
    fn lets_ambiguous_straight_quotes_pass() {
        let long = format!(
            "The ruling read \" {} \" in its last lines.",
            "the court finds that the contract was valid and binding on all parties".repeat(2)
        );
        for text in [
            // Inches, seconds and ditto marks.
            "He bought a 12\" screen and a 15\" laptop.",
            "He bought a 12 \" screen and a 15 \" laptop for the office.",
            "The wreck lies at 40° 26' 46\" N, 79° 58' 56\" W.",
            "Nails, two boxes\nScrews, \" \" \"",
            // A lone mark, an odd number of marks, an empty pair.
            "He said \" we will see and left.",
            "She said \"yes\" and then \" maybe \" and \" no.",
            "Fill in the name: \" \" and sign below.",
            // No inner space, or a space on one side only.
            "He called the offer \"unacceptable\" today.",
            "He demanded: \" We need calm\".",
            "He demanded: \"We need calm \" at once.",
            // A long passage; a line break inside.
            &long,
            "He said \" we will\nnot go \" today.",
            // Tokenised text, where every mark is spaced.
            "The margin ( see \" net result \" below ) fell by half.",
            // Code and markup.
            "Set title = \" Daily news \" in the config.",
            "Then call print(\" hello world \") again.",
            "The field user_name holds \" guest \" by default.",
            // Quote marks glued to words: the marks are not spaced the French way.
            "The \"old \"guard\" of the party\" stayed.",
        ] {
            assert!(flagged(&SpaceInsideQuotes, text).is_empty(), "{text}");
        }
    }
}
