//! TY001 replacement-character: U+FFFD in the text, from invalid input bytes or an earlier
//! mis-decoding.

use crate::document::Span;
use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct ReplacementCharacter;

static META: RuleMeta = RuleMeta {
    code: "TY001",
    name: "replacement-character",
    family: Family::Typography,
    severity: Severity::Warning,
    languages: &["*"],
    summary: "Characters lost to a broken text encoding",
    explanation: "\
## What it does
Flags every run of U+FFFD REPLACEMENT CHARACTER (�). calq puts them in place of bytes that
are not valid UTF-8 when it reads a file (a Latin-1 or Windows-1252 file, a truncated
download), and they also arrive in text that some earlier tool mis-decoded.

## Why it matters
Each one is a letter the reader cannot see — often in a name (\"Z�rich\", \"Selenskyj\" with
a lost accent) — and a sign that the copy passed through a careless pipeline.

## Example
`Z\u{FFFD}rich` (a Latin-1 \"Zürich\" read as UTF-8) → re-export the source as UTF-8.",
    bad_example: "Talks in Z\u{FFFD}rich ended.",
    good_example: "Talks in Zürich ended.",
};

impl Check for ReplacementCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let how = if doc.origin.lossy {
            "bytes that are not valid UTF-8 were replaced"
        } else {
            "the text was mis-decoded before it reached calq"
        };
        let mut run: Option<Span> = None;
        // A search for the character, not a visit of every character.
        for (i, c) in doc.text.match_indices(char::REPLACEMENT_CHARACTER) {
            let end = i + c.len();
            run = match run {
                Some(r) if r.end == i => Some(Span::new(r.start, end)),
                Some(r) => {
                    out.push(Diagnostic::new(r, format!("unreadable characters: {how}")));
                    Some(Span::new(i, end))
                }
                None => Some(Span::new(i, end)),
            };
        }
        if let Some(r) = run {
            out.push(Diagnostic::new(r, format!("unreadable characters: {how}")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::flagged;

    #[test]
    fn flags_each_run_of_replacement_characters() {
        assert_eq!(
            flagged(&ReplacementCharacter, "a\u{FFFD}\u{FFFD}b c\u{FFFD}"),
            ["\u{FFFD}\u{FFFD}", "\u{FFFD}"]
        );
    }

    #[test]
    fn clean_text_passes() {
        assert!(flagged(&ReplacementCharacter, "Kyiv, Zürich, «Genève»").is_empty());
    }
}
