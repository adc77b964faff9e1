//! CH002 agency-byline: a German-style byline of author initials and agencies ("slü / dpa",
//! "(lhe/AFP)") left in the text; German news sites close articles this way.

use crate::document::Span;
use crate::rules::chrome::is_agency;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct AgencyByline;

static META: RuleMeta = RuleMeta {
    code: "CH002",
    name: "agency-byline",
    family: Family::Chrome,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A German-style byline of author initials and agencies, as in \"slü / dpa\"",
    explanation: "\
## What it does
Flags a line that is nothing but author initials and news agencies joined by slashes
(\"slü / dpa / AFP / Reuters\", \"mrc/Reuters\"), or such a byline in brackets closing a
paragraph (\"… he said. (lhe/AFP)\"). The initials come first and are lower case; the
agencies come from `glossaries/chrome/agencies.toml`. A hit is evidence of a German source.

## Why it matters
German news sites sign agency-based articles with the editor's initials and the agencies;
English sites do not. Left in an English text, the line is furniture, and a sign that the
article was translated from German.

## What it lets pass
Agency names in sentences (\"AP reported\", \"told Reuters\"), photo credits and datelines
(\"Photo: AFP\", \"Brussels (AFP) -\", \"… in Brussels. AP\"), agencies without initials
(\"AFP/Reuters\"), and slashed words that are not initials and agencies (\"and/or\", \"km/h\").

## Example
`slü / dpa` (alone on the last line) → delete the line",
    bad_example: "The talks will resume on Thursday.\n\nslü / dpa / AFP",
    good_example: "The talks will resume on Thursday, AP and Reuters reported.\n\nPhoto: AFP/Reuters",
};

/// Lower-case words that are not initials even when slashed: "and/or".
const NOT_INITIALS: &[&str] = &["and", "or", "per", "the", "via"];

impl Check for AgencyByline {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for &line in cx.chrome_lines() {
            let text = line.text;
            // The whole line, with or without brackets; or a bracketed byline closing a block.
            let (start, byline) = if is_byline(unbracket(text)) {
                (0, text)
            } else if let Some(open) = text.rfind('(').filter(|_| line.ends_block) {
                let tail = &text[open..];
                if !(tail.ends_with(')') && is_byline(unbracket(tail))) {
                    continue;
                }
                (open, tail)
            } else {
                continue;
            };
            let span = Span::new(
                line.span.start + start,
                line.span.start + start + byline.len(),
            );
            out.push(
                Diagnostic::new(
                    span,
                    format!("`{byline}` is a German-style byline (author initials / agency)"),
                )
                .with_fix("", Applicability::Unsafe)
                .with_source_language(Some("de")),
            );
        }
    }
}

fn unbracket(text: &str) -> &str {
    text.strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(text)
}

/// Initials, then agencies, slash-separated: "slü / dpa / AFP", "mrc/jok/Reuters".
fn is_byline(text: &str) -> bool {
    let tokens: Vec<&str> = text.split('/').map(str::trim).collect();
    if tokens.len() < 2 || !tokens.first().is_some_and(|t| initials(t)) {
        return false;
    }
    let agencies = tokens.iter().filter(|t| is_agency(t)).count();
    agencies > 0 && tokens.iter().all(|t| is_agency(t) || initials(t))
}

/// Two to four lower-case letters that are not a word: "slü", "lhe", "mrc".
fn initials(token: &str) -> bool {
    let n = token.chars().count();
    (2..=4).contains(&n)
        && token.chars().all(char::is_lowercase)
        && !NOT_INITIALS.contains(&token)
        && !is_agency(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_initials_and_agency_lines() {
        let text = "Talks went on.\n\nslü / dpa / AFP / Reuters\n\nMore talks.\n\nmrc/Reuters\n\nThe envoy left Geneva on Monday. (lhe/AFP)";
        assert_eq!(
            flagged(&AgencyByline, text),
            ["slü / dpa / AFP / Reuters", "mrc/Reuters", "(lhe/AFP)"]
        );
        let d = diagnostics(&AgencyByline, "Talks went on.\n\n(jok/dpa)");
        assert_eq!(d[0].source_language, Some("de"));
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn lets_agencies_in_sentences_credits_and_datelines_pass() {
        for text in [
            "AP reported the talks would resume, he told Reuters.",
            "AFP/Reuters",
            "Photo: AFP/Reuters",
            "Brussels (AFP) - The talks resumed.",
            "The minister speaks in Brussels. AP",
            "Speeds of 30 km/h and/or more.",
            "dpa / AFP",
            "The envoy left (slü/dpa) and then returned to the talks.",
            "ab/cd",
        ] {
            assert!(flagged(&AgencyByline, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn not_initials_is_sorted() {
        assert!(NOT_INITIALS.windows(2).all(|w| w[0] < w[1]));
    }
}
