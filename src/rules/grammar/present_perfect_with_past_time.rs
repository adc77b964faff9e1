//! GR004 present-perfect-with-past-time: the present perfect with a finished-time adverbial
//! ("has met … last week"), the trace of the French passé composé or the German Perfekt.

use crate::document::Span;
use crate::rules::grammar::{Clause, clause_words};
use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct PresentPerfectWithPastTime;

static META: RuleMeta = RuleMeta {
    code: "GR004",
    name: "present-perfect-with-past-time",
    family: Family::Grammar,
    severity: Severity::Info,
    languages: &["en"],
    summary: "Present perfect with a finished time, as in \"has met them last week\"",
    explanation: "\
## What it does
Flags `has`/`have` + past participle followed, in the same clause and within eight words, by
an expression of finished time: `yesterday`, `last week` (month, year, night, weekend, a
weekday, a month or a season), `three days ago`, `in 2019`. It is information, not a
warning: the simple past (`met`, `signed`) is usually what is meant.

## Why it matters
French `a rencontré` and German `hat getroffen` are the ordinary past tense and take any
time expression; English keeps the present perfect for time that is not over. Machine
translation carries the source tense across.

## What it lets pass
Time that is not over or that links to now: `since last week`, `over the last year`,
`this week`, `compared with last year`, `than in 2019`, `last year's figures`; modal and
infinitive perfects (`should have signed last week`, `is said to have died yesterday`);
time expressions after a conjunction or a comma (`has said that last year…`). A year stays
flagged even when the article was written in that year (`has grown in 2021`), which is
fine English then: treat year hits with care.

## Example
`the ministers have signed the accord last week` → `the ministers signed the accord last week`",
    bad_example: "The two ministers have signed the accord last week.",
    good_example: "The two ministers signed the accord last week and have met twice since last week.",
};

/// How far (in words) the time expression may stand from the participle.
const WINDOW: usize = 8;

/// Irregular past participles (regular ones end in `-ed`).
const IRREGULAR: &[&str] = &[
    "arisen",
    "beaten",
    "become",
    "been",
    "begun",
    "bought",
    "broken",
    "brought",
    "built",
    "caught",
    "chosen",
    "come",
    "cut",
    "done",
    "drawn",
    "driven",
    "fallen",
    "felt",
    "fought",
    "found",
    "given",
    "gone",
    "got",
    "gotten",
    "grown",
    "heard",
    "held",
    "hit",
    "kept",
    "known",
    "laid",
    "led",
    "left",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "put",
    "risen",
    "run",
    "said",
    "seen",
    "sent",
    "set",
    "shot",
    "shown",
    "sold",
    "spent",
    "spoken",
    "stood",
    "struck",
    "taken",
    "taught",
    "thought",
    "told",
    "undergone",
    "understood",
    "withdrawn",
    "won",
    "written",
];

/// Words between the auxiliary and the participle: "has already met", "have not yet signed".
const ADVERBS: &[&str] = &[
    "already", "also", "even", "ever", "just", "never", "not", "now", "only", "yet",
];

/// Words that end a clause even without punctuation.
const CONJUNCTIONS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "if", "or", "since", "so",
    "than", "that", "though", "unless", "until", "when", "where", "whether", "which", "while",
    "who",
];

/// Anywhere between the participle and the time expression, these make it a comparison or
/// a starting point: "has risen from 40% in 2019", "higher than in 2019".
const COMPARISON: &[&str] = &[
    "as", "between", "compared", "from", "since", "than", "till", "until",
];

/// Right before the time expression, these make it part of a noun phrase or a measure.
const NOT_ADVERBIAL: &[&str] = &[
    "by", "during", "for", "of", "on", "over", "the", "this", "through", "to", "with",
];

/// Before `have`, these make a modal or infinitive perfect, which may refer to the past.
const MODALS: &[&str] = &[
    "can't",
    "could",
    "couldn't",
    "may",
    "might",
    "must",
    "mustn't",
    "shall",
    "should",
    "shouldn't",
    "to",
    "will",
    "won't",
    "would",
    "wouldn't",
];

/// What `last` may qualify to make a finished time.
const LAST: &[&str] = &[
    "april",
    "august",
    "autumn",
    "december",
    "fall",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "month",
    "night",
    "november",
    "october",
    "saturday",
    "september",
    "spring",
    "summer",
    "sunday",
    "thursday",
    "tuesday",
    "wednesday",
    "week",
    "weekend",
    "winter",
    "year",
];

/// Units before `ago`.
const UNITS: &[&str] = &[
    "day", "days", "decade", "decades", "hour", "hours", "minute", "minutes", "month", "months",
    "week", "weeks", "year", "years",
];

impl Check for PresentPerfectWithPastTime {
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
                if !perfect_auxiliary(words, i) {
                    continue;
                }
                let mut p = i + 1;
                while words
                    .get(p)
                    .is_some_and(|w| in_list(ADVERBS, w) || w.ends_with("ly"))
                {
                    p += 1;
                }
                if !words.get(p).is_some_and(|w| participle(w)) {
                    continue;
                }
                let end = (p + 1 + WINDOW).min(words.len());
                for t in p + 1..end {
                    if in_list(CONJUNCTIONS, words[t]) || in_list(COMPARISON, words[t]) {
                        break;
                    }
                    let Some(last) = finished_time(words, t) else {
                        continue;
                    };
                    if t > 0 && in_list(NOT_ADVERBIAL, words[t - 1]) {
                        break;
                    }
                    let time = doc.slice(Span::new(clause[t].start, clause[last].end));
                    out.push(Diagnostic::new(
                        Span::new(clause[i].start, clause[last].end),
                        format!(
                            "`{}` is the present perfect, but `{time}` is finished time: \
                             the simple past (`{}`) is usually meant",
                            doc.slice(Span::new(clause[i].start, clause[p].end)),
                            simple_past_hint(words[p]),
                        ),
                    ));
                    break;
                }
            }
        }
    }
}

/// `has`/`have`/`'ve` as a perfect auxiliary, not after a modal or `to`.
fn perfect_auxiliary(words: &[&str], i: usize) -> bool {
    let w = words[i];
    // Every auxiliary starts with `h` or ends in `'ve`: one byte rules out most words.
    if w.as_bytes().first() != Some(&b'h') && !w.ends_with("'ve") {
        return false;
    }
    let contracted = w.strip_suffix("'ve");
    let aux = matches!(w, "has" | "have" | "hasn't" | "haven't") || contracted.is_some();
    if !aux {
        return false;
    }
    if contracted.is_some_and(|stem| in_list(MODALS, stem)) {
        return false;
    }
    !(i > 0 && in_list(MODALS, words[i - 1]))
}

fn participle(word: &str) -> bool {
    in_list(IRREGULAR, word)
        || (word.len() > 4 && word.ends_with("ed") && !matches!(word, "hundred" | "indeed"))
}

/// The index of the last word of a finished-time expression starting at `words[t]`.
fn finished_time(words: &[&str], t: usize) -> Option<usize> {
    let w = words[t];
    let next = words.get(t + 1).copied();
    match w {
        "yesterday" => Some(t),
        "last" => next.filter(|n| in_list(LAST, n)).map(|_| t + 1),
        "in" => next
            .filter(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")))
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
            .map(|_| t + 1),
        _ => {
            let quantity = w.chars().all(|c| c.is_ascii_digit())
                || matches!(
                    w,
                    "a" | "an" | "one" | "two" | "three" | "four" | "five" | "few" | "several"
                );
            let unit = next.is_some_and(|n| in_list(UNITS, n));
            let ago = words.get(t + 2).is_some_and(|a| *a == "ago");
            (quantity && unit && ago).then_some(t + 2)
        }
    }
}

fn simple_past_hint(participle: &str) -> &str {
    match participle {
        "been" => "was/were",
        other => other,
    }
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::flagged;

    #[test]
    fn flags_present_perfect_with_finished_time() {
        let cases = [
            (
                "The envoys have met in Oslo last week.",
                "have met in Oslo last week",
            ),
            (
                "She has already signed the deal yesterday.",
                "has already signed the deal yesterday",
            ),
            ("The firm has been fined in 2019.", "has been fined in 2019"),
            (
                "They've left the city two days ago.",
                "They've left the city two days ago",
            ),
            (
                "Police have arrested him last Friday.",
                "have arrested him last Friday",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(flagged(&PresentPerfectWithPastTime, text), [want], "{text}");
        }
    }

    #[test]
    fn lets_unfinished_time_and_modal_perfects_pass() {
        for text in [
            "Prices have risen since last week.",
            "Sales have doubled over the last year.",
            "Output has fallen compared with last year.",
            "Output has been lower than in 2019.",
            "The firm has beaten last year's record.",
            "They should have signed the deal last week.",
            "He is said to have died yesterday.",
            "The minister has said that last year was hard.",
            "The envoys met in Oslo last week.",
            "The team has met twice this week.",
            "She has a meeting yesterday, he claimed.",
            "Turnout has risen from 40% in 2019.",
            "Rain has fallen, and last week the river rose.",
        ] {
            assert!(
                flagged(&PresentPerfectWithPastTime, text).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [
            IRREGULAR,
            ADVERBS,
            CONJUNCTIONS,
            COMPARISON,
            NOT_ADVERBIAL,
            MODALS,
            LAST,
            UNITS,
        ] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
