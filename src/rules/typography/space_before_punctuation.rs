//! TY002 space-before-punctuation: a space before `?`, `!`, `;` or `:` — French typography
//! (which sets a thin or no-break space there) carried into English.

use crate::document::Span;
use crate::rules::typography::{Article, spaces_before};
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct SpaceBeforePunctuation;

static META: RuleMeta = RuleMeta {
    code: "TY002",
    name: "space-before-punctuation",
    family: Family::Typography,
    severity: Severity::Error,
    languages: &["en"],
    summary: "A space before ? ! ; or :",
    explanation: "\
## What it does
Flags a space — ordinary, no-break (U+00A0), narrow no-break (U+202F) or thin (U+2009) —
between a word and a following `?`, `!`, `;` or `:`, and removes it.

## Why it matters
French typography puts a space before these marks (`Pourquoi ?`, `Attention !`); English
never does. Machine translation and careless reposting keep the space, so `Why ?` in English
copy is both a typo to fix and a trace of a French source.

## What it lets pass
Punctuation at the start of a line; a mark followed directly by a letter or digit (` ?id=`,
` !important`); emoticons (` :)`, ` ;-)`); scores and ratios written with spaces
(`2 : 1`); and marks after a bracket, a dash or other punctuation (`( ? )`, `– !`,
`... !`), where the space sets off a run of marks rather than following a word.

## Example
`Who will pay for it ?` → `Who will pay for it?`",
    bad_example: "Who will pay for it ? Nobody knows : the budget is gone !",
    good_example: "Who will pay for it? The score was 2 : 1 :) and the link was page ?id=4.",
};

impl Check for SpaceBeforePunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text.as_str();
        let article = Article::new(cx.doc);
        let bytes = text.as_bytes();
        // The marks' offsets in order, found by vectorised scans rather than a test of every
        // byte.
        let mut marks: Vec<usize> = memchr::memchr3_iter(b'?', b'!', b';', bytes)
            .chain(memchr::memchr_iter(b':', bytes))
            .collect();
        marks.sort_unstable();
        for i in marks {
            let Some(&b) = bytes.get(i) else { continue };
            let start = spaces_before(text, i);
            if start == i {
                continue;
            }
            let before = text.get(..start).and_then(|s| s.chars().next_back());
            let after = text.get(i + 1..).unwrap_or("");
            let next = after.chars().next();
            let lets_pass = before.is_none_or(|c| {
                c.is_whitespace()
                    || matches!(
                        c,
                        '(' | '['
                            | '-'
                            | '–'
                            | '—'
                            | '/'
                            | '|'
                            | '*'
                            | '.'
                            | '…'
                            | '!'
                            | '?'
                            | ','
                            | ';'
                            | ':'
                    )
            }) || next
                .is_some_and(|c| c.is_alphanumeric() || matches!(c, '=' | ':'))
                || (matches!(b, b':' | b';') && emoticon(next))
                || (b == b':'
                    && before.is_some_and(|c| c.is_ascii_digit())
                    && digit_follows(after));
            if lets_pass || !article.contains(i) {
                continue;
            }
            let spaces = &text[start..i];
            let mark = char::from(b);
            let plain = spaces.chars().all(|c| c == ' ');
            let what = if plain {
                "space"
            } else {
                "no-break space (French typography)"
            };
            // A no-break space, or a plain one before `? ! ;`, is French; a plain space before
            // `:` also comes from careless typing of other languages (`Name : quote`).
            let french = !plain || mark != ':';
            out.push(
                Diagnostic::new(Span::new(start, i + 1), format!("{what} before `{mark}`"))
                    .with_fix(mark.to_string(), Applicability::Safe)
                    .with_source_language(french.then_some("fr")),
            );
        }
    }
}

fn emoticon(next: Option<char>) -> bool {
    matches!(
        next,
        Some(')' | '(' | '-' | 'D' | 'P' | 'p' | '/' | '|' | '\'' | '*' | 'O' | 'o')
    )
}

/// `2 : 1`: a digit after optional spaces.
fn digit_follows(after: &str) -> bool {
    after
        .trim_start_matches(' ')
        .starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_spaces_before_high_punctuation() {
        assert_eq!(
            flagged(
                &SpaceBeforePunctuation,
                "Why now ? Because : the vote is close ; very close !"
            ),
            [" ?", " :", " ;", " !"]
        );
        let d = diagnostics(&SpaceBeforePunctuation, "Pourquoi\u{202F}? Why\u{00A0}!");
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].suggestion.as_deref(), Some("?"));
        assert_eq!(d[0].applicability, Some(Applicability::Safe));
        assert_eq!(d[0].source_language, Some("fr"));
        assert!(d[0].message.contains("no-break"));
        let d = diagnostics(&SpaceBeforePunctuation, "Speaker : yes.");
        assert_eq!(d[0].source_language, None);
    }

    #[test]
    fn lets_english_spacing_and_lookalikes_pass() {
        for text in [
            "Why now? Because: the vote is close; very close!",
            "? Question marks at the start of a line pass.",
            "He smiled :) and left ;-) later.",
            "The final score was 3 : 1 after extra time.",
            "See example.com/page ?id=3 for details.",
            "Options ( ? ) were left blank.",
            "CSS uses x !important rarely.",
            "Wait for it... ! Really! ?",
            "A list:\n: item",
            "Share and Enjoy !\n\nThe talks in Geneva ended on Monday without any agreement on \
             troops, missiles or the future of the alliance, officials from both sides said.",
        ] {
            assert!(flagged(&SpaceBeforePunctuation, text).is_empty(), "{text}");
        }
    }
}
