//! `locale` (LC): number, date and currency formats of the source locale left in English
//! copy (7,5 percent; 100.000 soldiers; 12.01.2022; 100 €; 5 Mio. Euro). Each number belongs
//! to one rule: a comma decimal to LC001, dot-grouped thousands (with or without a comma
//! decimal) to LC002, a dotted date to LC003. French `« »` with their inner spaces are quote
//! marks and belong to QT004 (foreign-quote-style), not here.

pub mod currency_after_number;
pub mod decimal_comma;
pub mod dot_thousands_separator;
pub mod dotted_date;
pub mod foreign_number_abbreviation;

use crate::document::Span;

/// Every number written with digits, `.` and `,` between them (`7,5`, `100.000`,
/// `12.01.2022`, `1,000.5`), standing alone: not inside a word (`v1.2`, `A4`) and not
/// continuing with more digits after a `.` or `,` it leaves out. One pass, no allocation.
pub(crate) fn numbers(text: &str) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            if !bytes[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i;
            while i < bytes.len() {
                match bytes[i] {
                    b'0'..=b'9' => end = i + 1,
                    b'.' | b',' if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {}
                    _ => break,
                }
                i += 1;
            }
            let glued_before = text
                .get(..start)
                .and_then(|s| s.chars().next_back())
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            let glued_after = text
                .get(end..)
                .and_then(|s| s.chars().next())
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            if !glued_before && !glued_after {
                return Some(Span::new(start, end));
            }
        }
        None
    })
}

/// The next word after `end`, past spaces (ordinary or no-break): `("percent", its start)`.
pub(crate) fn next_word(text: &str, end: usize) -> Option<(&str, usize)> {
    let rest = text.get(end..)?;
    let trimmed = rest.trim_start_matches([' ', '\u{00A0}', '\u{202F}']);
    let start = end + rest.len() - trimmed.len();
    let len = trimmed
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(trimmed.len());
    (len > 0).then(|| (&trimmed[..len], start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        numbers(text).map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn numbers_stand_alone_and_keep_inner_separators() {
        assert_eq!(
            found("7,5 and 100.000, 12.01.2022. Then 1,000.50 and 3."),
            ["7,5", "100.000", "12.01.2022", "1,000.50", "3"]
        );
        assert_eq!(found("v1.2 A4 4x4 covid19 x 2"), ["2"]);
        assert_eq!(found("€5 and 5€ and (7)"), ["5", "5", "7"]);
    }

    #[test]
    fn next_word_skips_spaces() {
        assert_eq!(next_word("7,5 percent", 3), Some(("percent", 4)));
        assert_eq!(next_word("7,5\u{00A0}Mio. Euro", 3), Some(("Mio", 5)));
        assert_eq!(next_word("7,5 %", 3), None);
    }
}
