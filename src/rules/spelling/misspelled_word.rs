//! SP001 misspelled-word: a lower-case word the English dictionary lacks and that is one
//! edit from a word it has.

use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct MisspelledWord;

static META: RuleMeta = RuleMeta {
    code: "SP001",
    name: "misspelled-word",
    family: Family::Spelling,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A lower-case word not in the English dictionary, close to one that is",
    explanation: "\
## What it does
Checks every lower-case word against an English Hunspell dictionary (SCOWL en_US with the
en_GB spellings added, so \"organise\" and \"organize\" both pass) and flags a word of seven
letters or more that it lacks when its best suggestion is one edit away: a letter added,
dropped, changed or swapped with its neighbour, or the case of a proper adjective
(\"goverment\" → \"government\", \"recieved\" → \"received\", \"european\" → \"European\").
The suggestion is an unsafe fix.

## Why it matters
Misspellings slip through post-editing, and a machine translation that meets a word it does
not know sometimes copies a mangled form of it into the English.

## What it lets pass
Capitalised words and acronyms (news copy is full of names no dictionary lists), glossary
names, words with digits, URLs, e-mail addresses, @handles and #hashtags; possessives,
contractions and plurals of known words; compounds of known words or of a prefix and a word,
closed or hyphenated (\"backcountry\", \"reinjected\", \"pre-summit\", \"full-throated\");
particles before a name (\"al-Assad\", \"von der Leyen\"); short or foreign quotations;
sentences and blocks that are mostly not English (UT001 reports those); and words used more
than once in the article, which are terms rather than typos. Words of up to six letters
(\"skyr\", \"dpa\") and words with no suggestion one edit away (\"glyphosate\") are SP002's,
at `info`.

## Example
`the goverment said` → `the government said` (unsafe fix)",
    bad_example: "The goverment said the talks would resume.",
    good_example: "Olaf Scholz spoke of a “Zeitenwende”; the pre-summit talks at www.nato.int \
were tense, and backcountry roads were closed.",
};

impl Check for MisspelledWord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        for unknown in cx.unknown_words() {
            let Some(fix) = unknown.typo_fix() else {
                continue;
            };
            let others: Vec<String> = unknown
                .suggestions
                .iter()
                .skip(1)
                .filter(|s| !s.contains(' '))
                .map(|s| format!("`{s}`"))
                .collect();
            let also = match others.as_slice() {
                [] => String::new(),
                _ => format!(" (or {})", others.join(", ")),
            };
            out.push(
                Diagnostic::new(
                    unknown.span,
                    format!(
                        "`{}` is not in the English dictionary; did you mean `{fix}`{also}?",
                        unknown.word
                    ),
                )
                .with_fix(fix, Applicability::Unsafe),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_typos_with_an_unsafe_fix() {
        let d = diagnostics(&MisspelledWord, "Officials said the goverment would act.");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].suggestion.as_deref(), Some("government"));
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
        assert_eq!(
            flagged(
                &MisspelledWord,
                "The negociations were adjourned until the next day."
            ),
            ["negociations"]
        );
        assert_eq!(
            flagged(
                &MisspelledWord,
                "It was a well-organsed plan that nobody recieved."
            ),
            ["organsed", "recieved"]
        );
        assert_eq!(
            flagged(
                &MisspelledWord,
                "The european envoy and the CBN govemor met."
            ),
            ["european"]
        );
    }

    #[test]
    fn lets_rare_repeated_and_compound_words_pass() {
        for text in [
            "Traces of glyphosate were found in the samples.",
            "The lakh figure rose; another lakh followed.",
            "The backcountry pushback came from counterprotesters.",
            "Sergei Ryabkov and Wendy Sherman met at the mission in Geneva.",
            "She wrote to press@mission.example about the #genevatalks hashtag.",
        ] {
            assert!(flagged(&MisspelledWord, text).is_empty(), "{text}");
        }
    }
}
