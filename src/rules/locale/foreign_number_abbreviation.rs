//! LC005 foreign-number-abbreviation: a source-language abbreviation for thousand, million
//! or billion after a number (`5 Mio. Euro`, `3 Md€`, `849 mln`).

use crate::document::Span;
use crate::rules::locale::next_word;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct ForeignNumberAbbreviation;

static META: RuleMeta = RuleMeta {
    code: "LC005",
    name: "foreign-number-abbreviation",
    family: Family::Locale,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A foreign abbreviation for thousand, million or billion",
    explanation: "\
## What it does
Flags a number followed by a German (`Tsd.`, `Mio.`, `Mrd.`), French (`Md`, `Mds`, `M€`,
`Md€`) or Russian/Italian-style (`mln`, `bln`, `mlrd`, `mld`) abbreviation for thousand,
million or billion, with the currency after it if there is one (`5 Mio. Euro`), and
suggests the English form (`€5 million`).

## Why it matters
These abbreviations mean nothing to most English readers, and `Mrd.` (billion) is easily
misread. They are the source's, copied through by translation: German for `Mio.`/`Mrd.`,
French for `Md`/`Mds`.

## What it lets pass
English abbreviations (`5m`, `5bn`, `$5 million`), and the words when no number precedes
them.

## Example
`a package of 5 Mio. Euro` → `a package of €5 million`",
    bad_example: "A package of 5 Mio. Euro and 3,2 Mrd. € was approved.",
    good_example: "A package of €5 million and €3.2bn was approved by Mio Tanaka.",
};

/// Abbreviation, English word, the language it points to.
const ABBREVIATIONS: &[(&str, &str, Option<&str>)] = &[
    ("M", "million", Some("fr")), // only glued to `€`: `5 M€`
    ("Md", "billion", Some("fr")),
    ("Mds", "billion", Some("fr")),
    ("Mio", "million", Some("de")),
    ("Mrd", "billion", Some("de")),
    ("Tsd", "thousand", Some("de")),
    ("bln", "billion", None),
    ("mld", "billion", None),
    ("mlrd", "billion", None),
    ("mln", "million", None),
];

impl Check for ForeignNumberAbbreviation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let text = cx.doc.text.as_str();
        for &span in cx.numbers() {
            let Some((word, at)) = next_word(text, span.end) else {
                continue;
            };
            if text
                .get(span.end..at)
                .is_some_and(|g| g.chars().count() > 1)
            {
                continue;
            }
            let Some(&(abbr, english, lang)) = ABBREVIATIONS.iter().find(|a| a.0 == word) else {
                continue;
            };
            let mut end = at + abbr.len();
            let after = text.get(end..).unwrap_or("");
            if abbr == "M" && !after.starts_with('€') {
                continue;
            }
            let dotted = after.starts_with('.');
            if dotted {
                end += 1;
            }
            let (currency, currency_end) = currency_after(text, end);
            // `5 Mio Tanakas`: a bare `Mio`, `Mrd`, `Md` or `Tsd` counts only with its dot or
            // a currency; the lower-case forms and `Mds` are never words.
            let bare_ok = matches!(abbr, "Mds" | "bln" | "mld" | "mlrd" | "mln");
            if !(dotted || currency.is_some() || bare_ok) {
                continue;
            }
            let number = text[span.start..span.end].replace(',', ".");
            let fix = match currency {
                Some(sign @ ("€" | "$" | "£")) => format!("{sign}{number} {english}"),
                Some(word) => format!("{number} {english} {word}"),
                None => format!("{number} {english}"),
            };
            let end = currency_end.unwrap_or(end);
            let written = &text[span.start..end];
            out.push(
                Diagnostic::new(
                    Span::new(span.start, end),
                    format!("`{written}`: foreign abbreviation for {english}"),
                )
                .with_fix(fix, Applicability::Unsafe)
                .with_source_language(lang),
            );
        }
    }
}

/// A currency right after the abbreviation, as the English fix writes it, and where it ends.
fn currency_after(text: &str, end: usize) -> (Option<&'static str>, Option<usize>) {
    let rest = text.get(end..).unwrap_or("");
    let trimmed = rest.trim_start_matches([' ', '\u{00A0}', '\u{202F}']);
    let skip = end + rest.len() - trimmed.len();
    for (sign, english) in [("€", "€"), ("$", "$"), ("£", "£")] {
        if trimmed.starts_with(sign) {
            return (Some(english), Some(skip + sign.len()));
        }
    }
    if let Some((word, at)) = next_word(text, end) {
        let english = match word {
            "Euro" | "Euros" | "euro" | "euros" => Some("€"),
            "Dollar" | "Dollars" | "dollar" | "dollars" => Some("$"),
            "Pfund" => Some("£"),
            "Rubel" | "roubles" | "rubles" => Some("roubles"),
            "Franken" | "francs" => Some("francs"),
            _ => None,
        };
        if english.is_some() {
            return (english, Some(at + word.len()));
        }
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_abbreviations_with_their_currency() {
        let d = diagnostics(
            &ForeignNumberAbbreviation,
            "Aid of 5 Mio. Euro, 3,2 Mrd. €, 12 Md€, 849 mln roubles and 40 Tsd. people.",
        );
        let fixes: Vec<_> = d.iter().filter_map(|d| d.suggestion.as_deref()).collect();
        assert_eq!(
            fixes,
            [
                "€5 million",
                "€3.2 billion",
                "€12 billion",
                "849 million roubles",
                "40 thousand"
            ]
        );
        assert_eq!(d[0].source_language, Some("de"));
        assert_eq!(d[2].source_language, Some("fr"));
        assert_eq!(d[3].source_language, None);
        assert_eq!(
            flagged(&ForeignNumberAbbreviation, "worth 5 M€ today"),
            ["5 M€"]
        );
    }

    #[test]
    fn lets_english_forms_pass() {
        for text in [
            "Aid of €5 million and $3bn and 5m people.",
            "Mio Tanaka and 5 Mio Tanakas, 5 Miotas and 3 Md files.",
            "Room 5 M is closed.",
        ] {
            assert!(
                flagged(&ForeignNumberAbbreviation, text).is_empty(),
                "{text}"
            );
        }
    }
}
