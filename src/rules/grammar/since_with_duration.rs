//! GR003 since-with-duration: "since" before a length of time ("since three weeks"), the
//! calque of French `depuis`, German `seit`, Italian `da`, Spanish `desde hace`.

use crate::document::Span;
use crate::rules::grammar::{Clause, clause_words};
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct SinceWithDuration;

static META: RuleMeta = RuleMeta {
    code: "GR003",
    name: "since-with-duration",
    family: Family::Grammar,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "\"since\" before a length of time, as in \"since three weeks\"",
    explanation: "\
## What it does
Flags `since` followed by a length of time: a number or quantity and a unit (\"since three
weeks\", \"since 10 days\", \"since several months\", \"since a year\"), a bare plural
(\"since years\", \"since decades\") or \"since a long time\" / \"since some time\". It
suggests `for`, which may also need the verb changed to the present perfect.

## Why it matters
English `since` takes a point in time (since Monday, since 2014); a length of time takes
`for`. French `depuis`, German `seit`, Italian `da` and Spanish `desde hace` take both, and
machine translation copies them word for word.

## What it lets pass
`since` with a point in time (\"since 2014\", \"since Monday\", \"since three weeks ago\",
\"since two years earlier\", \"since a year before the vote\"); `since` as a conjunction
whose clause starts with a length of time (\"since three weeks have passed\", \"since two
years of talks ended\"); compounds (\"since a three-day summit\").

## Example
`talks have stalled since three weeks` → `talks have stalled for three weeks`",
    bad_example: "The border crossing has been closed since three weeks.",
    good_example: "The border crossing has been closed since three weeks ago, since Monday.",
};

/// Words that give the length of time: numbers and quantifiers.
const QUANTITIES: &[&str] = &[
    "a",
    "an",
    "eight",
    "eighteen",
    "eleven",
    "fifteen",
    "fifty",
    "five",
    "forty",
    "four",
    "fourteen",
    "many",
    "nine",
    "nineteen",
    "ninety",
    "one",
    "seven",
    "seventeen",
    "seventy",
    "several",
    "six",
    "sixteen",
    "sixty",
    "ten",
    "thirteen",
    "thirty",
    "three",
    "twelve",
    "twenty",
    "two",
];

/// Words allowed between the quantity and the unit: "a few", "two full years", "a good ten".
const BETWEEN: &[&str] = &[
    "consecutive",
    "couple",
    "few",
    "full",
    "good",
    "long",
    "more",
    "straight",
    "whole",
];

/// Units of time, singular and plural.
const UNITS: &[&str] = &[
    "centuries",
    "century",
    "day",
    "days",
    "decade",
    "decades",
    "hour",
    "hours",
    "minute",
    "minutes",
    "month",
    "months",
    "week",
    "weeks",
    "year",
    "years",
];

/// Units that may stand alone as a bare plural: "since years", "since decades".
const BARE_PLURALS: &[&str] = &["decades", "months", "weeks", "years"];

/// After the unit, these turn the length into a point in time ("three weeks ago") or show
/// `since` is a conjunction whose clause starts with the length ("since two years passed").
const POINT_OR_CLAUSE: &[&str] = &[
    "after",
    "ago",
    "are",
    "back",
    "before",
    "could",
    "earlier",
    "elapsed",
    "had",
    "has",
    "have",
    "into",
    "is",
    "later",
    "of",
    "passed",
    "previously",
    "prior",
    "since",
    "was",
    "went",
    "were",
    "will",
    "would",
];

impl Check for SinceWithDuration {
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
            for (i, word) in words.iter().enumerate() {
                if *word != "since" {
                    continue;
                }
                let Some(unit) = duration_end(&words[i + 1..]).map(|n| i + n) else {
                    continue;
                };
                // The phrase must be plain words: "since a three-day summit" is a compound.
                let gaps_plain = (i..unit).all(|k| {
                    doc.slice(Span::new(clause[k].end, clause[k + 1].start))
                        .chars()
                        .all(char::is_whitespace)
                });
                let next = words.get(unit + 1).copied();
                let after_gap = clause
                    .get(unit + 1)
                    .map(|w| doc.slice(Span::new(clause[unit].end, w.start)));
                let compound = after_gap.is_some_and(|g| g.contains(['-', '\'', '’']));
                // "since some time in 2019" is a point in time.
                let vague_point = words[unit] == "time" && next == Some("in");
                let point_or_clause = next.is_some_and(|n| in_list(POINT_OR_CLAUSE, n));
                if !gaps_plain || compound || vague_point || point_or_clause {
                    continue;
                }
                let span = Span::new(clause[i].start, clause[unit].end);
                let phrase = doc.slice(span);
                let since = doc.slice(clause[i]);
                let for_ = if since.starts_with('S') { "For" } else { "for" };
                let rest = phrase.get(since.len()..).unwrap_or("");
                out.push(
                    Diagnostic::new(
                        span,
                        format!("`since` takes a point in time; a length of time takes `for`: `{phrase}`"),
                    )
                    .with_fix(format!("{for_}{rest}"), Applicability::Unsafe),
                );
            }
        }
    }
}

/// The index (1-based from `since`) of the unit ending a length of time at the start of
/// `rest`, if there is one.
fn duration_end(rest: &[&str]) -> Option<usize> {
    let first = *rest.first()?;
    if in_list(BARE_PLURALS, first) {
        return Some(1);
    }
    // "a long time", "some time", "quite some time".
    let skip = usize::from(first == "quite");
    match rest.get(skip..skip + 2) {
        Some(&[a, b]) if (a == "a" || a == "some") && b == "time" => return Some(skip + 2),
        Some(&[a, b, ..])
            if a == "a" && b == "long" && rest.get(2).is_some_and(|w| *w == "time") =>
        {
            return Some(3);
        }
        _ => {}
    }
    let numeric = first.len() <= 3 && first.chars().all(|c| c.is_ascii_digit() || c == '.');
    if !(numeric || in_list(QUANTITIES, first)) {
        return None;
    }
    let mut k = 1;
    while rest.get(k).is_some_and(|w| in_list(BETWEEN, w)) && k < 3 {
        k += 1;
    }
    // "a couple of years".
    if rest.get(k).is_some_and(|w| *w == "of") && rest.get(k - 1).is_some_and(|w| *w == "couple") {
        k += 1;
    }
    rest.get(k)
        .is_some_and(|w| in_list(UNITS, w))
        .then_some(k + 1)
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_since_before_a_length_of_time() {
        let cases = [
            ("The port is shut since three weeks.", "since three weeks"),
            ("Since 10 days, no ferry has left.", "Since 10 days"),
            (
                "Prices climb since several months now.",
                "since several months",
            ),
            ("The plant is idle since a year.", "since a year"),
            (
                "He has waited since two full years.",
                "since two full years",
            ),
            ("The feud runs since decades.", "since decades"),
            ("They are allies since a long time.", "since a long time"),
            (
                "Nothing moved since a couple of weeks.",
                "since a couple of weeks",
            ),
            ("Talks stall since two weeks in Vienna.", "since two weeks"),
        ];
        for (text, want) in cases {
            assert_eq!(flagged(&SinceWithDuration, text), [want], "{text}");
        }
    }

    #[test]
    fn suggests_for_keeping_case() {
        let d = diagnostics(&SinceWithDuration, "Since 10 days, the road is closed.");
        assert_eq!(d[0].suggestion.as_deref(), Some("For 10 days"));
        assert_eq!(d[0].applicability, Some(Applicability::Unsafe));
    }

    #[test]
    fn lets_points_in_time_and_conjunctions_pass() {
        for text in [
            "The port has been shut since 2014.",
            "The port has been shut since Monday.",
            "The port has been shut since three weeks ago.",
            "The port had been shut since two years earlier.",
            "It had been tense since a year before the vote.",
            "Since three weeks have passed, the deadline is gone.",
            "Calm returned since two years of talks ended.",
            "The first deal since a three-day summit was signed.",
            "Since some time in the 1990s, the town has shrunk.",
            "Prices have risen every year since 2020.",
            "It is the first rise since one year's slump.",
            "He has lived there for three weeks.",
        ] {
            assert!(flagged(&SinceWithDuration, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn word_lists_are_sorted_for_binary_search() {
        for list in [QUANTITIES, BETWEEN, UNITS, BARE_PLURALS, POINT_OR_CLAUSE] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }
}
