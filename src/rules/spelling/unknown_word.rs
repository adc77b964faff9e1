//! SP002 unknown-word: a lower-case word the English dictionary lacks and cannot place: no
//! close suggestion, or used more than once.

use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct UnknownWord;

static META: RuleMeta = RuleMeta {
    code: "SP002",
    name: "unknown-word",
    family: Family::Spelling,
    severity: Severity::Info,
    languages: &["en"],
    summary: "A lower-case word not in the English dictionary and not close to one that is",
    explanation: "\
## What it does
Reports, once per article, each lower-case word the English dictionary lacks that SP001 does
not take as a typo: its best suggestion is more than one edit away, it is shorter than seven
letters, or the article uses it more than once. For a word SP001 considered, the message
lists the dictionary's suggestions.

## Why it matters
Most such words are rare or technical English (\"glyphosate\", \"hormesis\") and need no change,
which is why this is `info`; but a word a machine translation copied from its source, or a
garbled form of one, shows up here too, and an editor reading the list finds it quickly.

## What it lets pass
Everything SP001 lets pass (names, acronyms, markup, compounds, inflections, quotations,
foreign passages), and every later occurrence of a word already reported.

## Example
`traces of glyphosate were found` → reported for a look; no fix.",
    bad_example: "Traces of glyphosate were found in the coffee.",
    good_example: "Traces of the herbicide were found in the coffee.",
};

impl Check for UnknownWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for unknown in cx.unknown_words() {
            if !unknown.first || unknown.typo_fix().is_some() {
                continue;
            }
            let mut message = format!("`{}` is not in the English dictionary", unknown.word);
            if unknown.repeated {
                message.push_str(" (used more than once here)");
            }
            if !unknown.suggestions.is_empty() {
                let list: Vec<String> = unknown
                    .suggestions
                    .iter()
                    .map(|s| format!("`{s}`"))
                    .collect();
                message.push_str(&format!("; nearest: {}", list.join(", ")));
            }
            out.push(Diagnostic::new(unknown.span, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::flagged;

    #[test]
    fn reports_rare_and_repeated_words_once() {
        assert_eq!(
            flagged(
                &UnknownWord,
                "Is glyphosate safe? The EPA says glyphosate is safe."
            ),
            ["glyphosate"]
        );
        assert_eq!(
            flagged(
                &UnknownWord,
                "Hormesis? A little stress, hormesis says, makes cells stronger."
            ),
            ["hormesis"]
        );
        let d = crate::rules::test_util::diagnostics(&UnknownWord, "It is the hormesis.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].message, "`hormesis` is not in the English dictionary");
    }

    #[test]
    fn leaves_typos_to_sp001_and_names_alone() {
        for text in [
            "Officials said the goverment would act.",
            "The european envoy arrived.",
            "Glyphosate maker Bayer met Sergei Ryabkov in Geneva.",
            "The herbicide was found in coffee beans.",
        ] {
            assert!(flagged(&UnknownWord, text).is_empty(), "{text}");
        }
    }
}
