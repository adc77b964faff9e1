//! GR001 repeated-word: the same word twice in a row ("the the").

use crate::document::Span;
use crate::rules::untranslated::untranslated_passage::UntranslatedPassage;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct RepeatedWord;

static META: RuleMeta = RuleMeta {
    code: "GR001",
    name: "repeated-word",
    family: Family::Grammar,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "The same word twice in a row",
    explanation: "\
## What it does
Flags a word immediately repeated with only spaces (or a line break inside a paragraph)
between the two: \"the the\", \"in in\". The fix keeps one of them.

## Why it matters
Doubled words slip through editing and machine-translation post-editing alike, and readers
notice them at once.

## What it lets pass
Doubles that are good English (\"had had\", \"that that\"), reduplications (\"bye bye\",
\"so so\", \"knock knock\"), numbers (\"10 10\" in tables), capitalised pairs that are names
(\"Sirhan Sirhan\", \"Duran Duran\"), hyphenated forms (\"Baden-Baden\"), a word repeated
as the start of a hyphenated compound (\"two two-seat jets\", \"one one-off payment\"),
foreign interjections (\"oh là là\") and doubles inside a passage UT001 reports as another
language, words separated by punctuation or a paragraph break, and a line that starts with a
capital repeating the last word of the line before (a headline run into its body).

## Example
`talks will resume in in Brussels` → `talks will resume in Brussels`",
    bad_example: "Talks will resume in in Brussels.",
    good_example: "She had had enough, and he said that that was final.",
};

/// Words whose doubling is grammatical or idiomatic, in English or as an interjection
/// English copy borrows ("oh là là", "la la land").
const LEGITIMATE_DOUBLES: &[&str] = &[
    "bla", "blah", "bye", "chop", "dum", "ha", "had", "hush", "knock", "la", "là", "night", "no",
    "now", "pooh", "so", "ta", "that", "there", "tsk", "tut", "well", "yada", "yes",
];

const HYPHENS: [char; 3] = ['-', '‐', '‑'];

impl Check for RepeatedWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let lower = cx.lower_words();
        // The passages UT001 reports as another language, found only once a double is.
        let mut foreign: Option<Vec<Span>> = None;
        for (i, pair) in doc.words.windows(2).enumerate() {
            let [first, second] = [pair[0], pair[1]];
            // The tokens' lower-cased forms (which also unify apostrophes) differ for almost
            // every pair, and then the words' plain lower-cased forms differ too: only equal
            // ones need the exact test below, which allocates.
            if lower.get(i) != lower.get(i + 1) {
                continue;
            }
            let (a, b) = (doc.slice(first), doc.slice(second));
            if !a.eq_ignore_ascii_case(b) && a.to_lowercase() != b.to_lowercase() {
                continue;
            }
            let gap = doc.slice(Span::new(first.end, second.start));
            // A capital after a line break starts a new line ("… about a storm⏎Storm warnings
            // …": a headline, then the body), not a doubled word.
            let new_line =
                gap.contains(['\n', '\r']) && b.chars().next().is_some_and(char::is_uppercase);
            if !only_spacing(gap) || new_line || legitimate(a, b) || compound(doc, second) {
                continue;
            }
            let foreign = foreign.get_or_insert_with(|| {
                let mut passages = Vec::new();
                UntranslatedPassage.check(cx, &mut passages);
                passages.into_iter().map(|d| d.span).collect()
            });
            if foreign
                .iter()
                .any(|p| p.start <= first.start && second.end <= p.end)
            {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Span::new(first.start, second.end),
                    format!("`{}` is repeated", a.to_lowercase()),
                )
                .with_fix(a, Applicability::Safe),
            );
        }
    }
}

/// The word starts a hyphenated compound: "two two-seat jets" is "two" and "two-seat".
fn compound(doc: &crate::document::Document, word: Span) -> bool {
    let mut after = doc.text.get(word.end..).unwrap_or("").chars();
    after.next().is_some_and(|c| HYPHENS.contains(&c))
        && after.next().is_some_and(char::is_alphanumeric)
}

/// Spaces, or one line break inside a paragraph; not a blank line.
fn only_spacing(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().all(char::is_whitespace)
        && gap.matches('\n').count() + gap.matches('\r').count()
            <= 1 + usize::from(gap.contains("\r\n"))
}

fn legitimate(a: &str, b: &str) -> bool {
    let lower = a.to_lowercase();
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    LEGITIMATE_DOUBLES.binary_search(&lower.as_str()).is_ok()
        || a.chars().any(|c| c.is_ascii_digit())
        || (capitalised(a) && capitalised(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_doubled_words_with_a_safe_fix() {
        let d = diagnostics(&RepeatedWord, "The the talks began.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].span, Span::new(0, 7));
        assert_eq!(d[0].suggestion.as_deref(), Some("The"));
        assert_eq!(d[0].applicability, Some(Applicability::Safe));
        assert_eq!(flagged(&RepeatedWord, "talks in\nin Brussels"), ["in\nin"]);
        assert_eq!(
            flagged(&RepeatedWord, "a crisis crisis, crisis"),
            ["crisis crisis"]
        );
        assert_eq!(
            flagged(
                &RepeatedWord,
                "The crowd at the stadium sang über über alles before the match began."
            ),
            ["über über"]
        );
    }

    #[test]
    fn lets_legitimate_doubles_pass() {
        for text in [
            "She had had enough.",
            "He said that that was final.",
            "Bye bye, said the minister.",
            "The score was 10 10 at half-time.",
            "Sirhan Sirhan was convicted.",
            "They met in Baden-Baden.",
            "It ended in Geneva. Geneva was quiet.",
            "Talks ended in Geneva\n\nGeneva hosts the next round",
            "Officials warned residents about a storm\nStorm warnings remain in force",
            "the theory",
            "The air force swapped four jets for two two-seat machines.",
            "It was a one one-off payment.",
            "Oh là là, said the chef, and hummed la la la.",
        ] {
            assert!(flagged(&RepeatedWord, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn doubles_inside_a_foreign_passage_are_left_to_ut001() {
        let passage = "Der Sprecher sagte, dass dass die Gespräche in der nächsten Woche \
                       fortgesetzt werden, aber niemand wusste, wann genau.";
        let text = format!("The talks ended late. {passage} Nobody commented on it.");
        assert!(flagged(&RepeatedWord, &text).is_empty());
        // The same double in English copy is flagged.
        assert_eq!(
            flagged(&RepeatedWord, "The talks ended late in in the evening."),
            ["in in"]
        );
    }

    #[test]
    fn words_compare_in_any_case_but_apostrophes_as_written() {
        assert_eq!(flagged(&RepeatedWord, "THE the talks"), ["THE the"]);
        assert_eq!(flagged(&RepeatedWord, "ÜBER über alles"), ["ÜBER über"]);
        assert!(flagged(&RepeatedWord, "they don’t don't know").is_empty());
    }

    #[test]
    fn allow_list_is_sorted_for_binary_search() {
        assert!(LEGITIMATE_DOUBLES.windows(2).all(|w| w[0] < w[1]));
    }
}
