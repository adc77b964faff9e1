//! Sentence splitting: Unicode sentence boundaries (UAX #29) inside each block, then rejoined
//! where the break follows an abbreviation ("Mr.", "Jan. 10", "U.S.", "a.m.", "J. Smith").

use super::{Span, segment};

/// Titles and other abbreviations that are never the end of a sentence in news copy.
const ALWAYS_JOIN: &[&str] = &[
    "adm", "capt", "cmdr", "col", "cpl", "dr", "fr", "gen", "gov", "hon", "insp", "lt", "maj",
    "messrs", "mme", "mr", "mrs", "ms", "mt", "pres", "prof", "rep", "rev", "sen", "sgt", "sr",
    "st", "supt", "vs",
];

/// Abbreviations that end a sentence unless a number follows ("Jan. 10", "No. 3", "p. 4").
const JOIN_BEFORE_NUMBER: &[&str] = &[
    "apr", "art", "aug", "dec", "feb", "fig", "jan", "jul", "jun", "mar", "no", "nos", "nov",
    "oct", "p", "pp", "sep", "sept", "vol",
];

/// Dotted abbreviations; a capitalised word after them usually continues the sentence
/// ("U.S. President", "the U.N. Security Council").
const DOTTED: &[&str] = &["e.u", "u.k", "u.n", "u.s", "u.s.a"];

/// The sentences of one block, appended to `out` (the document's sentences so far: a block's
/// first sentence is never joined to the one before it).
pub fn split_into(text: &str, block: Span, out: &mut Vec<Span>) {
    let Some(block_text) = text.get(block.start..block.end) else {
        return;
    };
    let first = out.len();
    for (offset, piece) in segment::sentence_bound_indices(block_text) {
        let trimmed = piece.trim_end();
        let lead = trimmed.len() - trimmed.trim_start().len();
        let trimmed = trimmed.trim_start();
        if trimmed.is_empty() {
            continue;
        }
        let start = block.start + offset + lead;
        let span = Span::new(start, start + trimmed.len());
        let in_block = out.len() > first;
        match out.last_mut() {
            Some(last) if in_block && joins(last_word(text, *last), trimmed) => last.end = span.end,
            _ => out.push(span),
        }
    }
}

/// The sentences of one block.
#[cfg(test)]
fn split(text: &str, block: Span) -> Vec<Span> {
    let mut out = Vec::new();
    split_into(text, block, &mut out);
    out
}

/// The final whitespace-separated token of a sentence, e.g. "Mr." or "U.S.".
fn last_word(text: &str, span: Span) -> &str {
    let s = text.get(span.start..span.end).unwrap_or("");
    s.rsplit(char::is_whitespace).next().unwrap_or("")
}

fn joins(prev_last: &str, next: &str) -> bool {
    let Some(stem) = prev_last.strip_suffix('.') else {
        return false;
    };
    let stem = stem.trim_start_matches(|c: char| !c.is_alphanumeric());
    let next_first = next.chars().next().unwrap_or(' ');
    // The lists are ASCII and lower-case: an ASCII stem is compared ignoring ASCII case
    // without lower-casing it into a new string (a sentence ends with a full stop almost
    // every time). Other stems are lower-cased as before: some non-ASCII letters lower-case
    // to ASCII ones (the Kelvin sign to `k`).
    let listed = |list: &[&str]| {
        if stem.is_ascii() {
            list.iter().any(|w| w.eq_ignore_ascii_case(stem))
        } else {
            list.contains(&stem.to_lowercase().as_str())
        }
    };
    if listed(ALWAYS_JOIN) {
        return true;
    }
    if listed(JOIN_BEFORE_NUMBER) {
        return next_first.is_ascii_digit();
    }
    if listed(DOTTED) {
        return true;
    }
    // A single capital initial: "J. Smith", "George W. Bush".
    let mut chars = stem.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn splits_at_sentence_ends() {
        assert_eq!(
            sentences("Talks began. They ended! Did they? Yes."),
            ["Talks began.", "They ended!", "Did they?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_inside_sentences() {
        assert_eq!(
            sentences(
                "Mr. Ryabkov met Dr. Sherman on Jan. 10 at 9 a.m. in the U.S. Mission. Then J. Smith spoke."
            ),
            [
                "Mr. Ryabkov met Dr. Sherman on Jan. 10 at 9 a.m. in the U.S. Mission.",
                "Then J. Smith spoke."
            ]
        );
    }

    #[test]
    fn month_abbreviation_without_number_ends_a_sentence() {
        assert_eq!(
            sentences("It was Jan. The talks began."),
            ["It was Jan.", "The talks began."]
        );
    }

    /// `joins` as it was before the ASCII comparison: lower-case the stem, then look it up.
    fn joins_by_lower_casing(prev_last: &str, next: &str) -> bool {
        let Some(stem) = prev_last.strip_suffix('.') else {
            return false;
        };
        let stem = stem.trim_start_matches(|c: char| !c.is_alphanumeric());
        let lower = stem.to_lowercase();
        let next_first = next.chars().next().unwrap_or(' ');
        if ALWAYS_JOIN.contains(&lower.as_str()) || DOTTED.contains(&lower.as_str()) {
            return true;
        }
        if JOIN_BEFORE_NUMBER.contains(&lower.as_str()) {
            return next_first.is_ascii_digit();
        }
        let mut chars = stem.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
    }

    #[test]
    fn joins_agrees_with_lower_casing_the_stem() {
        let mut stems: Vec<String> = [ALWAYS_JOIN, JOIN_BEFORE_NUMBER, DOTTED]
            .concat()
            .iter()
            .flat_map(|w| {
                [
                    w.to_string(),
                    w.to_uppercase(),
                    format!("({w}"),
                    format!("{w}s"),
                ]
            })
            .collect();
        stems.extend(
            [
                "",
                "J",
                "é",
                "É",
                "U.\u{212a}",
                "\u{212a}",
                "Mr",
                "MR",
                "mR",
                "Dr",
                "St",
                "İ",
                "Ⅻ",
            ]
            .map(String::from),
        );
        for stem in &stems {
            for last in [format!("{stem}."), stem.clone()] {
                for next in ["10 people", "The talks", "talks", ""] {
                    assert_eq!(
                        joins(&last, next),
                        joins_by_lower_casing(&last, next),
                        "{last:?} {next:?}"
                    );
                }
            }
        }
        assert!(joins("U.\u{212a}.", "Talks"));
    }

    #[test]
    fn spans_are_offsets_into_the_whole_text() {
        let text = "Title\n\nBody one. Body two.";
        let spans = split(text, Span::new(7, text.len()));
        assert_eq!(spans, [Span::new(7, 16), Span::new(17, 26)]);
    }
}
