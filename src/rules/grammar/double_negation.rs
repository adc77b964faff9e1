//! GR002 double-negation: two negatives in one clause ("did not never", "does not threaten
//! no one"), the trace of French `ne … jamais/rien/personne` or Russian negative concord.

use crate::document::Span;
use crate::rules::grammar::{Clause, clause_words};
use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct DoubleNegation;

static META: RuleMeta = RuleMeta {
    code: "GR002",
    name: "double-negation",
    family: Family::Grammar,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "Two negatives in one clause, as in \"did not never\"",
    explanation: "\
## What it does
Flags a negated verb (`not`, `n't`, `cannot`, `never`, `nobody`, `no one`, `no`) followed in
the same clause, within six words, by a second negative word (`never`, `nothing`, `nobody`,
`no one`, `nowhere`, `none`): \"relations had not never been so tense\", \"Moscow does not
threaten no one\". A clause ends at a comma, semicolon, colon, dash, bracket or a
conjunction (`that`, `because`, `and`…); quote marks do not end it.

## Why it matters
French (`ne … jamais`, `ne … rien`) and Russian (`никто не`) stack negatives; English
cancels them. A literal translation says the opposite of the source, or reads as dialect.

## What it lets pass
Litotes and emphatic doubles that are good English: \"not unproductive\", \"can't not
answer\", \"it is not nothing\", \"small, if not nothing\", \"never say never\", \"not for
nothing\", \"next to nothing\"; \"not only …
nothing\"; a second negative that starts a new clause (\"I'm not saying nothing happened\",
\"he did not think that nobody would come\"); \"no doubt\", \"no longer\", \"no matter\";
negatives in different clauses (\"No, nothing changed\"); and, inside a quotation, the
speaker's own dialect (\"“Nobody said nothing,” he recalled\") — only \"not never\" is
flagged there. It does not look for a negative
that follows the verb it negates in Russian order (\"nobody did not come\").

## Example
`relations had not never been so tense` → `relations had never been so tense`",
    bad_example: "Relations between the two capitals had not never been so tense.",
    good_example: "The result is not nothing, and the talks were not unproductive.",
};

/// How far (in words) the second negative may stand from the first.
const WINDOW: usize = 6;

/// Words that end a clause even without punctuation.
const CONJUNCTIONS: &[&str] = &[
    "although", "and", "as", "because", "before", "but", "if", "or", "since", "so", "than", "that",
    "though", "unless", "until", "when", "whether", "which", "while", "who",
];

/// After `no`, these make an adverbial, not a negated noun phrase ("no doubt nothing changed").
const NOT_A_DETERMINER: &[&str] = &[
    "doubt", "less", "longer", "matter", "more", "sooner", "way", "wonder",
];

/// After `not`, these open a "not only … (but)" frame whose second negative is good English.
const FOCUS: &[&str] = &["even", "just", "merely", "only", "simply"];

/// Auxiliaries and verbs that show a negative pronoun is the subject of a new clause.
const FINITE_AFTER_SUBJECT: &[&str] = &[
    "can", "could", "did", "does", "had", "has", "have", "is", "may", "might", "must", "should",
    "was", "were", "will", "would",
];

/// Pronouns that open a that-less clause before `never`.
const SUBJECT_PRONOUNS: &[&str] = &["he", "i", "it", "she", "they", "we", "you"];

#[derive(Clone, Copy, PartialEq)]
enum Neg {
    /// `not`, `n't`, `cannot`.
    Not,
    /// `never`.
    Never,
    /// `nobody`, `no one`, `no` + noun.
    NoOne,
    /// `nothing`, `nowhere`, `none`.
    Pronoun,
}

impl Check for DoubleNegation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        for Clause {
            spans: clause,
            words,
        } in clause_words(cx)
        {
            for i in 0..words.len() {
                let Some(first) = negator(words, i) else {
                    continue;
                };
                if first == Neg::Not && words.get(i + 1).is_some_and(|w| in_list(FOCUS, w)) {
                    continue;
                }
                let end = (i + 1 + WINDOW).min(words.len());
                let mut j = i + 1 + usize::from(words[i] == "no");
                while j < end {
                    if in_list(CONJUNCTIONS, words[j]) {
                        break;
                    }
                    if let Some(second) = second_negative(words, j) {
                        let last = j + usize::from(words[j] == "no");
                        let span = Span::new(clause[i].start, clause[last].end);
                        // Inside a quotation, "nobody said nothing" is the speaker's dialect;
                        // "not never" is nobody's.
                        let dialect = !(first == Neg::Not && second == Neg::Never)
                            && cx.quotes().is_quoted(span);
                        let named_subject = doc
                            .slice(clause[j - 1])
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase);
                        if cancels(first, second, words, (i, j), named_subject) && !dialect {
                            out.push(Diagnostic::new(
                                span,
                                format!(
                                    "double negation: `{}` and `{}` cancel out in English",
                                    doc.slice(clause[i]),
                                    doc.slice(Span::new(clause[j].start, clause[last].end))
                                ),
                            ));
                        }
                        break;
                    }
                    j += 1;
                }
            }
        }
    }
}

/// A word that negates what follows it, starting at `words[i]`.
fn negator(words: &[&str], i: usize) -> Option<Neg> {
    let w = words[i];
    // Every negator starts with `n` or `c` or ends in `n't`: one byte rules out most words.
    if !matches!(w.as_bytes().first(), Some(b'n' | b'c')) && !w.ends_with("n't") {
        return None;
    }
    match w {
        "not" | "cannot" => Some(Neg::Not),
        _ if w.ends_with("n't") => Some(Neg::Not),
        "never" => Some(Neg::Never),
        "nobody" => Some(Neg::NoOne),
        "no" => {
            let next = words.get(i + 1)?;
            (!in_list(NOT_A_DETERMINER, next)).then_some(Neg::NoOne)
        }
        _ => None,
    }
}

/// A negative word that can stand as the second of a pair, at `words[j]`.
fn second_negative(words: &[&str], j: usize) -> Option<Neg> {
    match words[j] {
        "never" => Some(Neg::Never),
        "nobody" => Some(Neg::NoOne),
        "no" if words.get(j + 1).is_some_and(|w| *w == "one") => Some(Neg::NoOne),
        "nothing" | "nowhere" | "none" => Some(Neg::Pronoun),
        _ => None,
    }
}

/// Whether the pair is a real double negation rather than litotes or a new clause.
/// `named_subject`: the word before the second negative is capitalised ("… Putin never lied").
fn cancels(
    first: Neg,
    second: Neg,
    words: &[&str],
    (i, j): (usize, usize),
    named_subject: bool,
) -> bool {
    // "not nothing", "isn't nobody": litotes.
    if first == Neg::Not && j == i + 1 && second != Neg::Never {
        return false;
    }
    // "not for nothing", "didn't work for nothing", "next to nothing": idioms.
    let before = |k: usize| j.checked_sub(k).and_then(|b| words.get(b)).copied();
    if words[j] == "nothing" && (before(1) == Some("for") || before(2) == Some("next")) {
        return false;
    }
    // "never … never" is emphasis ("never say never"), not negation twice.
    if first == Neg::Never && second == Neg::Never {
        return false;
    }
    // A negative pronoun followed by a finite verb is the subject of a new, that-less clause
    // ("not saying nothing happened"), and so is `never` after a subject pronoun ("not saying
    // he never lied").
    let after = j + 1 + usize::from(words[j] == "no");
    let new_clause = if second == Neg::Never {
        let subject = words[j - 1].split('\'').next().unwrap_or("");
        j > i + 1 && (in_list(SUBJECT_PRONOUNS, subject) || named_subject)
    } else {
        words
            .get(after)
            .is_some_and(|w| in_list(FINITE_AFTER_SUBJECT, w) || looks_finite(w))
    };
    !new_clause
}

/// A verb form that follows its subject: "happened", "works", "knows".
fn looks_finite(word: &str) -> bool {
    let long = word.chars().count() > 3;
    long && (word.ends_with("ed") || (word.ends_with('s') && !word.ends_with("ss")))
        && !matches!(word, "else" | "less" | "yes")
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::flagged;

    #[test]
    fn flags_stacked_negatives_in_one_clause() {
        let cases = [
            ("Ties had not never been this cold.", "not never"),
            (
                "The mayor didn't promise nothing to the strikers.",
                "didn't promise nothing",
            ),
            (
                "Paris does not “threaten no one”, he said.",
                "not “threaten no one",
            ),
            (
                "The envoy cannot find nobody to sign.",
                "cannot find nobody",
            ),
            (
                "Nobody ever offered nothing in return.",
                "Nobody ever offered nothing",
            ),
            (
                "No country will get nothing from this deal.",
                "No country will get nothing",
            ),
            (
                "They never went nowhere without guards.",
                "never went nowhere",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(flagged(&DoubleNegation, text), [want], "{text}");
        }
    }

    #[test]
    fn lets_litotes_and_separate_clauses_pass() {
        for text in [
            "The talks were not unproductive.",
            "She can't not answer the question.",
            "A two-point gain is not nothing.",
            "The gain was small, if not nothing.",
            "Never say never, the coach said.",
            "Not only did nothing change, prices rose.",
            "I'm not saying nothing happened in the room.",
            "He did not think that nobody would come.",
            "I am not saying he never lied.",
            "She didn't say she'd never return.",
            "I'm not claiming Smith never lied.",
            "It is not for nothing that the port is guarded.",
            "He didn't cross the sea for nothing.",
            "The tickets didn't cost next to nothing.",
            "No doubt nothing will change before spring.",
            "No, nothing has changed since the vote.",
            "It was no longer clear whether anyone cared.",
            "He did not go; nobody did.",
            "They did not leave because nothing was ready.",
            "Nobody said anything, and no one left.",
            "He hasn't told anyone, and he never will.",
            "Nobody knows who will come.",
            "“Nobody told us nothing,” a neighbour recalled.",
            "He said: \"I don't know nothing about it.\"",
        ] {
            assert!(flagged(&DoubleNegation, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            CONJUNCTIONS,
            NOT_A_DETERMINER,
            FOCUS,
            FINITE_AFTER_SUBJECT,
            SUBJECT_PRONOUNS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
