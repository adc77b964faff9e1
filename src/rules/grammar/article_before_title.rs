//! GR006 article-before-title: "the Mr. Smith", the trace of Italian `il signor`, Spanish
//! `el señor` or Portuguese `o senhor`, where the article belongs with the title.

use crate::document::Span;
use crate::document::lower;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct ArticleBeforeTitle;

static META: RuleMeta = RuleMeta {
    code: "GR006",
    name: "article-before-title",
    family: Family::Grammar,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "\"the\" before a courtesy title and a name, as in \"the Mr. Rossi\"",
    explanation: "\
## What it does
Flags `the` directly before `Mr`, `Mrs`, `Ms` or `Mister` and a capitalised name when the
name ends the phrase: \"the Mr. Rossi said\", \"according to the Mrs Ortega.\" The fix
drops `the`.

## Why it matters
Italian, Spanish and Portuguese put an article before a title (`il signor Rossi`, `el
señor Ortega`); English never does, and a reader stumbles on it.

## What it lets pass
A titled name used as a modifier or a title (\"the Mr Bates case\", \"the Mr. Universe
contest\", \"the Mr Men books\"), a longer name (\"the Mr Smith Goes to Washington
poster\"), possessives, and `Mr` without `the`.

## Example
`the Mr. Rossi insisted` → `Mr. Rossi insisted`",
    bad_example: "After the vote the Mr. Rossi insisted on a recount.",
    good_example: "After the vote Mr. Rossi insisted on a recount, as in the Mr Bates case.",
};

const TITLES: &[&str] = &["mister", "mr", "mrs", "ms"];

/// Words that follow a title in names of things, not people: "the Mr. Universe contest".
const NOT_NAMES: &[&str] = &[
    "Bean", "Big", "Blobby", "Clean", "Freeze", "Men", "Nice", "Olympia", "Potato", "Right",
    "Universe", "World",
];

/// Verbs that show the name is the subject: "the Mr. Rossi said".
const VERBS: &[&str] = &[
    "added", "can", "could", "did", "does", "had", "has", "insisted", "is", "said", "says", "told",
    "was", "who", "will", "would",
];

impl Check for ArticleBeforeTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let lower = cx.lower_words();
        let gap = |a: Span, b: Span| doc.slice(Span::new(a.end, b.start));
        for (i, w) in doc.words.windows(3).enumerate() {
            let (article, title, name) = (w[0], w[1], w[2]);
            if lower.get(i) != Some(&"the")
                || !lower.get(i + 1).is_some_and(|t| TITLES.contains(t))
                || gap(article, title) != " "
                || !matches!(gap(title, name), " " | ". ")
            {
                continue;
            }
            let name_text = doc.slice(name);
            let capitalised = name_text.chars().next().is_some_and(char::is_uppercase);
            let possessive = name_text.ends_with("'s") || name_text.ends_with("’s");
            if !capitalised || possessive || NOT_NAMES.contains(&name_text) {
                continue;
            }
            let ends_phrase = match doc.words.get(i + 3) {
                None => true,
                Some(&next) => {
                    let between = gap(name, next);
                    !between.chars().all(char::is_whitespace) || subject_verb(doc.slice(next))
                }
            };
            if !ends_phrase {
                continue;
            }
            let titled = doc.slice(Span::new(title.start, name.end));
            out.push(
                Diagnostic::new(
                    Span::new(article.start, name.end),
                    format!("English puts no article before a courtesy title: `{titled}`"),
                )
                .with_fix(titled, Applicability::Safe),
            );
        }
    }
}

fn subject_verb(word: &str) -> bool {
    let lower = lower(word);
    VERBS.binary_search(&lower.as_str()).is_ok()
        || (word.chars().next().is_some_and(char::is_lowercase)
            && lower.len() > 4
            && lower.ends_with("ed"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_the_before_a_titled_name() {
        assert_eq!(
            flagged(&ArticleBeforeTitle, "Then the Mr. Rossi said no."),
            ["the Mr. Rossi"]
        );
        assert_eq!(
            flagged(
                &ArticleBeforeTitle,
                "The poll was won by the Mrs Ortega, aides said."
            ),
            ["the Mrs Ortega"]
        );
        assert_eq!(
            flagged(&ArticleBeforeTitle, "Ask the Mr Lindqvist"),
            ["the Mr Lindqvist"]
        );
        let d = diagnostics(&ArticleBeforeTitle, "And the Mr Rossi replied.");
        assert_eq!(d[0].suggestion.as_deref(), Some("Mr Rossi"));
    }

    #[test]
    fn lets_modifiers_and_titles_of_things_pass() {
        for text in [
            "He read about the Mr Bates case.",
            "She won the Mr. Universe contest.",
            "The Mr Men books sold well.",
            "They hung the Mr Smith Goes to Washington poster.",
            "Mr. Rossi said no.",
            "It was the Mr Rossi’s idea.",
            "Then the mr rossi said no.",
            "Ask them, Mr. Rossi.",
        ] {
            assert!(flagged(&ArticleBeforeTitle, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [TITLES, NOT_NAMES, VERBS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
