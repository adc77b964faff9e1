//! `chrome` (CH): translated page furniture and bylines left in the text ("Read also",
//! "Enlarge image", "slü / dpa"). The phrase and agency lists are data under
//! `glossaries/chrome/`; this module holds what the chrome rules share: the agency list and
//! the text's lines, since furniture stands on lines of its own.

pub mod agency_byline;
pub mod translated_furniture;

use std::sync::OnceLock;

use serde::Deserialize;

use crate::document::{Document, Span};

/// The shipped agency list.
const AGENCIES: &str = include_str!("../../../glossaries/chrome/agencies.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyFile {
    agencies: Vec<String>,
}

/// News agency names, lower case. A malformed shipped file is caught by the tests below; at
/// run time the list is then empty and the rules that need it stay silent.
fn agencies() -> &'static [String] {
    static LIST: OnceLock<Vec<String>> = OnceLock::new();
    LIST.get_or_init(|| {
        toml::from_str::<AgencyFile>(AGENCIES)
            .map(|f| f.agencies.iter().map(|a| a.to_lowercase()).collect())
            .unwrap_or_default()
    })
}

/// Whether a token is a news agency's name ("dpa", "AFP", "Reuters"), ignoring case.
pub(crate) fn is_agency(token: &str) -> bool {
    let lower = token.to_lowercase();
    agencies().contains(&lower)
}

/// One line of a block, with what the chrome rules need to know about its neighbours.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// The line without surrounding whitespace.
    pub span: Span,
    pub text: &'a str,
    /// The line opens its block, or the line before it ends a sentence: it is not the middle
    /// of a hard-wrapped sentence.
    pub stands_alone: bool,
    /// The next line of the same block starts in lower case, so this line runs on into it.
    pub runs_on: bool,
    /// The line is the last of its block.
    pub ends_block: bool,
}

/// The non-empty lines of every block, in text order.
pub(crate) fn lines(doc: &Document) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut raw: Vec<(usize, &str)> = Vec::new();
    for block in &doc.blocks {
        let text = doc.slice(block.span);
        raw.clear();
        let mut offset = 0;
        for piece in text.split('\n') {
            let lead = piece.len() - piece.trim_start().len();
            let trimmed = piece.trim();
            if !trimmed.is_empty() {
                raw.push((block.span.start + offset + lead, trimmed));
            }
            offset += piece.len() + 1;
        }
        for (i, &(start, line)) in raw.iter().enumerate() {
            let prev_ends = i > 0
                && raw[i - 1]
                    .1
                    .ends_with(['.', '!', '?', ':', '"', '”', '’', ')', '»']);
            let next = raw.get(i + 1).map(|&(_, l)| l);
            out.push(Line {
                span: Span::new(start, start + line.len()),
                text: line,
                stands_alone: i == 0 || prev_ends,
                runs_on: next.is_some_and(|l| l.chars().next().is_some_and(char::is_lowercase)),
                ends_block: next.is_none(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn agency_list_is_sorted_unique_and_nfc() {
        let file: AgencyFile = toml::from_str(AGENCIES).expect("agencies.toml parses");
        let lower: Vec<String> = file.agencies.iter().map(|a| a.to_lowercase()).collect();
        assert!(
            lower.windows(2).all(|w| w[0] < w[1]),
            "sorted, unique: {lower:?}"
        );
        for a in &file.agencies {
            assert_eq!(a.nfc().collect::<String>(), *a);
            assert!(!a.contains(['/', ' ']), "{a}");
        }
        assert!(is_agency("DPA") && is_agency("Reuters") && !is_agency("Rome"));
    }

    #[test]
    fn lines_know_whether_they_stand_alone() {
        let doc = Document::from_text(
            "A headline here\n\nThe talks ended on Monday in Geneva without any result and\nwithout a date.\nRead also\n",
        );
        let got: Vec<(&str, bool, bool)> = lines(&doc)
            .iter()
            .map(|l| (l.text, l.stands_alone, l.runs_on))
            .collect();
        assert_eq!(got[0], ("A headline here", true, false));
        assert_eq!(
            got[1],
            (
                "The talks ended on Monday in Geneva without any result and",
                true,
                true
            )
        );
        assert_eq!(got[2], ("without a date.", false, false));
        assert_eq!(got[3], ("Read also", true, false));
    }
}
