//! CH001 translated-page-furniture: lines of a foreign news page ("Lire aussi", "Bild
//! vergrößern") carried into the English text by translation. The phrases are data, one file
//! per source language in `glossaries/chrome/`; this file is the engine and the lists'
//! hygiene tests.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};
use serde::Deserialize;

use crate::document::Span;
use crate::rules::chrome::{Line, is_agency};
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct TranslatedFurniture;

static META: RuleMeta = RuleMeta {
    code: "CH001",
    name: "translated-page-furniture",
    family: Family::Chrome,
    severity: Severity::Error,
    languages: &["en"],
    summary: "A foreign news site's page furniture, translated, left in the text",
    explanation: "\
## What it does
Flags lines that are a foreign news site's page furniture in machine-translated form:
\"Read also\" (French `Lire aussi`), \"Article reserved for our subscribers\" (`Article réservé
à nos abonnés`), \"Le Monde with AFP\", \"Enlarge image\" (German `Bild vergrößern`), \"more
on the subject\" (`Mehr zum Thema`), \"Source: spiegel\" (`Quelle:`), \"Reproduction
reserved\" (Italian `Riproduzione riservata`), \"You may be interested\" (Spanish `Te puede
interesar`). The phrases live in `glossaries/chrome/`, one file per source language. A hit
names the source language, which the machine-translation detector weighs. A rendering that
several languages share (\"Read also\" renders French, German, Italian, Spanish, Russian and
Ukrainian alike) is marked `shared` in each list and names none: it shows that the page
was translated, not from what. Bylines and credits (\"Le Monde with AFP and Reuters\",
\"Source: spiegel\") are flagged with their whole line; prefixes (\"Read also\") alone.

## Why it matters
Furniture is not part of the article, and translated furniture is the plainest sign that a
page was translated (nearly always by machine) and reposted without editing.

## What it lets pass
A phrase inside a sentence (\"we read also the minutes\", \"more on the subject of tax
later\"): furniture must stand on its own line, or open one before a capitalised headline.
It also lets pass furniture that English sites use themselves (\"Read more\", \"See also\",
\"Photo: AFP\", \"Source: Reuters\"), which is no sign of translation.

## Example
`Read also: Talks resume in Vienna` (alone on a line) → delete the line",
    bad_example: "The talks ended without a deal.\n\nEnlarge image\n\nBoth sides will meet again.",
    good_example: "The talks ended without a deal. We read also the minutes, and more on the subject later.",
};

/// The shipped lists, with their source language.
const FILES: &[(&str, &str)] = &[
    ("de", include_str!("../../../glossaries/chrome/de.toml")),
    ("es", include_str!("../../../glossaries/chrome/es.toml")),
    ("fr", include_str!("../../../glossaries/chrome/fr.toml")),
    ("it", include_str!("../../../glossaries/chrome/it.toml")),
    ("pt", include_str!("../../../glossaries/chrome/pt.toml")),
    ("ru", include_str!("../../../glossaries/chrome/ru.toml")),
    ("uk", include_str!("../../../glossaries/chrome/uk.toml")),
];

/// How many words may follow a byline or credit phrase ("Le Monde with AFP and Reuters").
const MAX_TAIL_WORDS: usize = 8;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    language: String,
    outlets: Vec<String>,
    phrase: Vec<RawPhrase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhrase {
    english: Vec<String>,
    source: String,
    #[serde(rename = "match")]
    mode: Mode,
    #[serde(default)]
    shared: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Mode {
    Line,
    Prefix,
    Byline,
    Credit,
}

/// One English rendering with every source phrase it renders.
struct Phrase {
    mode: Mode,
    /// Several languages render their furniture this way: no evidence of one of them.
    shared: bool,
    sources: Vec<(&'static str, String)>,
    /// Outlets of the source languages, lower case, for `credit` phrases.
    outlets: Vec<String>,
}

struct Furniture {
    phrases: Vec<Phrase>,
    automaton: Option<AhoCorasick>,
}

fn parse(data: &str) -> Option<RawFile> {
    toml::from_str(data).ok()
}

fn furniture() -> &'static Furniture {
    static LISTS: OnceLock<Furniture> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut index: HashMap<String, usize> = HashMap::new();
        let (mut patterns, mut phrases) = (Vec::new(), Vec::<Phrase>::new());
        // A malformed shipped file is caught by the hygiene tests; at run time it is skipped.
        for &(language, data) in FILES {
            let Some(file) = parse(data).filter(|f| f.language == language) else {
                continue;
            };
            let outlets: Vec<String> = file.outlets.iter().map(|o| o.to_lowercase()).collect();
            for raw in file.phrase {
                for english in raw.english {
                    let key = english.to_lowercase();
                    let i = *index.entry(key.clone()).or_insert_with(|| {
                        patterns.push(key);
                        phrases.push(Phrase {
                            mode: raw.mode,
                            shared: raw.shared,
                            sources: Vec::new(),
                            outlets: Vec::new(),
                        });
                        phrases.len() - 1
                    });
                    phrases[i].sources.push((language, raw.source.clone()));
                    phrases[i].outlets.extend(outlets.iter().cloned());
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .ok();
        Furniture { phrases, automaton }
    })
}

impl Check for TranslatedFurniture {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let lists = furniture();
        let Some(automaton) = &lists.automaton else {
            return;
        };
        for &line in cx.chrome_lines() {
            let lead = line.text.len() - strip_marks(line.text).len();
            let mut pos = lead;
            // A prefix phrase may be followed by another ("Read also Article reserved for our
            // subscribers Headline"), so matching goes on where a headline would start.
            while let Some(m) = line
                .text
                .get(pos..)
                .and_then(|rest| automaton.find(Input::new(rest).anchored(Anchored::Yes)))
            {
                let end = pos + m.end();
                let (Some(phrase), Some(tail)) = (
                    lists.phrases.get(m.pattern().as_usize()),
                    line.text.get(end..),
                ) else {
                    break;
                };
                let Some(next) = fits(phrase, tail, &line, pos == lead) else {
                    break;
                };
                // A byline or credit is one with its tail: "Le Monde with AFP", "Source: spiegel".
                let whole_line = next.is_none() && phrase.mode != Mode::Prefix;
                let span_end = if whole_line {
                    line.text.trim_end_matches(is_trailing_mark).len().max(end)
                } else {
                    end
                };
                let span = Span::new(line.span.start + pos, line.span.start + span_end);
                out.push(diagnostic(cx, span, phrase, whole_line));
                match next {
                    Some(n) if n > 0 => pos = end + n,
                    _ => break,
                }
            }
        }
    }
}

/// Whether the phrase, followed by `tail` on its line, is furniture. `Some(None)`: yes, and
/// nothing else is on the line to check; `Some(Some(n))`: yes, and a headline starts `n`
/// bytes into the tail.
fn fits(phrase: &Phrase, tail: &str, line: &Line, opens_line: bool) -> Option<Option<usize>> {
    if tail.chars().next().is_some_and(char::is_alphanumeric) {
        return None; // "Read alsowhere": not a whole word
    }
    if opens_line && !line.stands_alone {
        return None;
    }
    let rest = tail.trim_end_matches(is_trailing_mark);
    match phrase.mode {
        Mode::Line => (rest.trim().is_empty() && !line.runs_on).then_some(None),
        Mode::Prefix => {
            let headline = tail.trim_start_matches(is_separator);
            if headline.trim().is_empty() {
                return (!line.runs_on).then_some(None);
            }
            let first = headline.chars().next()?;
            let starts_headline = first.is_uppercase()
                || first.is_ascii_digit()
                || matches!(first, '"' | '“' | '«' | '\'' | '‘');
            starts_headline.then_some(Some(tail.len() - headline.len()))
        }
        Mode::Byline => {
            let words = tail_words(tail)?;
            let connector = |w: &&str| matches!(w.to_lowercase().as_str(), "and" | "&" | "et");
            let agencies = words.iter().filter(|w| is_agency(w)).count();
            (agencies > 0 && words.iter().all(|w| is_agency(w) || connector(w))).then_some(None)
        }
        Mode::Credit => {
            tail_words(tail)?;
            let named = tail
                .split(['/', ',', ';', '|'])
                .map(|s| s.trim().to_lowercase())
                .any(|s| phrase.outlets.contains(&s));
            named.then_some(None)
        }
    }
}

/// The words of a short byline or credit tail, or `None` if it reads like a sentence.
fn tail_words(tail: &str) -> Option<Vec<&str>> {
    let tail = tail.trim();
    let words: Vec<&str> = tail
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | ';'))
        .filter(|w| !w.is_empty())
        .collect();
    let sentence = tail.ends_with('.') || words.len() > MAX_TAIL_WORDS || words.is_empty();
    (!sentence).then_some(words)
}

fn diagnostic(cx: &Context, span: Span, phrase: &Phrase, whole_line: bool) -> Diagnostic {
    let mut origins: Vec<String> = phrase
        .sources
        .iter()
        .map(|(lang, source)| format!("{} `{source}`", crate::document::language_name(lang)))
        .collect();
    origins.sort();
    let origins = match origins.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => origins.concat(),
    };
    let language = match phrase.sources.as_slice() {
        [(lang, _)] if !phrase.shared => Some(*lang),
        _ => None,
    };
    let d = Diagnostic::new(
        span,
        format!(
            "`{}` is page furniture translated from {}",
            cx.doc.slice(span),
            origins
        ),
    )
    .with_source_language(language);
    if whole_line {
        d.with_fix("", Applicability::Unsafe)
    } else {
        d
    }
}

/// Bullets and marks that may stand before furniture: "• Read also", "© Reproduction reserved".
fn strip_marks(text: &str) -> &str {
    text.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '•' | '·'
                    | '-'
                    | '–'
                    | '—'
                    | '*'
                    | '»'
                    | '>'
                    | '▶'
                    | '►'
                    | '■'
                    | '●'
                    | '|'
                    | '©'
                    | '→'
            )
    })
}

fn is_trailing_mark(c: char) -> bool {
    c.is_whitespace() || matches!(c, ':' | '.' | '›' | '»' | '>' | '…' | '|')
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, ':' | '|' | '-' | '–' | '—' | '»' | '›' | '>')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn flags_furniture_lines_with_their_source_language() {
        let text = "The summit ended late.\n\nEnlarge image\n\nThe ministers left.\n\nMORE ON THE TOPIC:\n\n• Read also: Talks resume in Vienna\n\nSource: spiegel.de\n\n© Reproduction reserved\n\nYou might be interested\n\nContinues after advertising\n\nThe talks go on.";
        let d = diagnostics(&TranslatedFurniture, text);
        let got: Vec<(&str, Option<&str>)> = d
            .iter()
            .map(|d| (&text[d.span.start..d.span.end], d.source_language))
            .collect();
        assert_eq!(
            got,
            [
                ("Enlarge image", Some("de")),
                ("MORE ON THE TOPIC", Some("de")),
                ("Read also", None),
                ("Source: spiegel.de", Some("de")),
                ("Reproduction reserved", Some("it")),
                ("You might be interested", Some("es")),
                ("Continues after advertising", Some("pt")),
            ]
        );
        assert_eq!(d[0].suggestion.as_deref(), Some(""));
        assert_eq!(d[2].suggestion, None);
    }

    #[test]
    fn chains_prefixes_and_reads_agency_lines() {
        let text = "Prices rose.\n\nRead also Article reserved for our subscribers Why bread costs more\n\nLe Monde with AFP and Reuters";
        assert_eq!(
            flagged(&TranslatedFurniture, text),
            [
                "Read also",
                "Article reserved for our subscribers",
                "Le Monde with AFP and Reuters"
            ]
        );
        let d = diagnostics(&TranslatedFurniture, text);
        assert_eq!(d[1].source_language, Some("fr"));
        assert!(
            d[0].message
                .contains("French `Lire aussi`, German `Lesen Sie auch`, Italian"),
            "{}",
            d[0].message
        );
    }

    #[test]
    fn lets_furniture_words_in_sentences_and_english_furniture_pass() {
        for text in [
            "The minister said he would read also the draft.",
            "Read also the annex before you vote.",
            "More on the subject of pensions came later in the day.",
            "The delegates wanted to learn\nmore on the subject\nof pensions before voting.",
            "Enlarge image quality by a factor of two, the firm said.",
            "Read more\n\nSee also\n\nPhoto: AFP\n\nSource: Reuters",
            "Source: a senior official who asked not to be named said the plan failed.",
            "The World with its problems",
            "Le Monde with its readers",
            "Read alsop",
        ] {
            assert!(flagged(&TranslatedFurniture, text).is_empty(), "{text}");
        }
    }

    /// Renderings that English sites print themselves: listing them would flag originals.
    const NATIVE_ENGLISH: &[&str] = &[
        "advertisement",
        "also read",
        "photo:",
        "read more",
        "related",
        "see also",
        "share",
        "subscribe",
    ];

    #[test]
    fn lists_are_well_formed_sorted_unique_nfc_and_marked_when_shared() {
        let mut seen: HashMap<String, Vec<(&str, bool, Mode)>> = HashMap::new();
        for &(language, data) in FILES {
            let file = parse(data).unwrap_or_else(|| panic!("{language}.toml parses"));
            assert_eq!(file.language, language);
            let mut outlets = file.outlets.clone();
            outlets.sort_by_key(|o| o.to_lowercase());
            outlets.dedup();
            assert_eq!(outlets, file.outlets, "{language}: outlets sorted, unique");
            let firsts: Vec<String> = file
                .phrase
                .iter()
                .map(|p| p.english[0].to_lowercase())
                .collect();
            assert!(
                firsts.windows(2).all(|w| w[0] < w[1]),
                "{language}: sorted {firsts:?}"
            );
            for p in &file.phrase {
                let lower: Vec<String> = p.english.iter().map(|e| e.to_lowercase()).collect();
                assert!(
                    lower.windows(2).all(|w| w[0] < w[1]),
                    "{language}: {lower:?}"
                );
                assert!(!p.source.is_empty());
                for text in p.english.iter().chain([&p.source]).chain(&file.outlets) {
                    assert_eq!(text.nfc().collect::<String>(), *text, "NFC: {text}");
                    assert_eq!(text.trim(), text, "spaces: {text:?}");
                }
                for (e, l) in p.english.iter().zip(&lower) {
                    assert!(
                        !NATIVE_ENGLISH.contains(&l.as_str()),
                        "{e} is English furniture"
                    );
                    seen.entry(l.clone())
                        .or_default()
                        .push((language, p.shared, p.mode));
                }
            }
            if file.phrase.iter().any(|p| p.mode == Mode::Credit) {
                assert!(
                    !file.outlets.is_empty(),
                    "{language}: credit phrases need outlets"
                );
            }
        }
        for (english, uses) in &seen {
            let langs: Vec<&str> = uses.iter().map(|u| u.0).collect();
            let mut unique = langs.clone();
            unique.dedup();
            assert_eq!(unique.len(), langs.len(), "`{english}` twice in one list");
            let shared = uses.len() > 1;
            assert!(
                uses.iter().all(|u| u.1 == shared),
                "`{english}` in {langs:?}: `shared = true` exactly where it is in several lists"
            );
            assert!(
                uses.iter().all(|u| u.2 == uses[0].2),
                "`{english}`: one match mode"
            );
        }
        assert_eq!(
            furniture().phrases.len(),
            seen.len(),
            "every rendering is loaded"
        );
    }
}
