//! Machine-translation verdict of a document: is it machine-translated, from which language,
//! and why we think so. Features (`features`) are computed from the document model and the
//! engine's findings, scored by a calibrated logistic regression (`model`), and explained as
//! sentences (`evidence`). Training (`train`) and evaluation (`eval`) back `calq mt`. The
//! engine calls [`assess`] after the rules; renderers print the result and compute nothing.

pub mod augment;
pub mod data;
pub mod eval;
pub mod evidence;
pub mod features;
pub mod model;
mod model_file;
pub mod source_eval;
pub mod train;

use std::collections::BTreeMap;
use std::fmt::Write;

use serde::Serialize;

use crate::document::Document;
use crate::finding::Finding;
use crate::glossary::scheme::{Scheme, Schemes};
use crate::rules::Family;
pub use model::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    MachineTranslated,
    Human,
    Uncertain,
    /// Nothing to judge: no letters at all (empty, whitespace, markup or numbers only).
    NoText,
    /// The document is not in English; `Assessment::language` names its language.
    NotEnglish,
    /// Too few words for the detector to mean anything (see [`MIN_WORDS`]).
    TooShort,
}

impl Verdict {
    pub const fn name(self) -> &'static str {
        match self {
            Verdict::MachineTranslated => "machine-translated",
            Verdict::Human => "human",
            Verdict::Uncertain => "uncertain",
            Verdict::NoText => "no-text",
            Verdict::NotEnglish => "not-english",
            Verdict::TooShort => "too-short",
        }
    }

    /// Whether the detector judged the document (it has a probability).
    pub const fn is_judged(self) -> bool {
        matches!(
            self,
            Verdict::MachineTranslated | Verdict::Human | Verdict::Uncertain
        )
    }
}

/// Documents with fewer body words than this are `too-short`: the shortest length at which
/// the detector's ROC-AUC (MT against everything else) stays at or above 0.70 under grouped
/// CV on the dev documents cut to that length (`calq mt eval --cv 5 --lengths 50,75,100,150`:
/// 0.696 at 50 words, 0.720 at 75, 0.747 at 100, 0.795 whole).
pub const MIN_WORDS: usize = 75;

/// One reason behind a verdict, as an editor would read it. `weight` is its share of the
/// score in logit units: positive points to machine translation, negative to human writing.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub signal: String,
    pub detail: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub verdict: Verdict,
    /// Calibrated P(machine-translated); `None` when the document was not judged.
    pub probability: Option<f64>,
    /// The source language (ISO 639-1) of a machine-translated document; `None` for every
    /// other verdict, and when the evidence is not enough to name one.
    pub source_language: Option<String>,
    /// Calibrated probability of `source_language` from the style model; `None` when the
    /// language was named by findings alone or not named.
    pub source_probability: Option<f64>,
    /// The language a `not-english` document is written in (ISO 639-1); `None` otherwise.
    pub language: Option<String>,
    /// The verdict and its main reasons in one sentence an editor reads without numbers.
    pub summary: String,
    /// The reasons, strongest first, with their weights (the details behind `summary`).
    pub evidence: Vec<Evidence>,
}

impl Assessment {
    /// What an engine without a model (one built to compute training features) reports.
    pub fn unscored() -> Assessment {
        Assessment {
            probability: Some(0.5),
            verdict: Verdict::Uncertain,
            source_language: None,
            source_probability: None,
            language: None,
            summary: "Not scored: no machine-translation model was loaded.".into(),
            evidence: vec![Evidence {
                signal: "unscored".into(),
                detail: "no machine-translation model was loaded".into(),
                weight: 0.0,
            }],
        }
    }

    /// A document the detector does not judge: no probability, no source language.
    fn unjudged(verdict: Verdict, language: Option<String>, summary: String) -> Assessment {
        Assessment {
            verdict,
            probability: None,
            source_language: None,
            source_probability: None,
            language,
            summary,
            evidence: Vec::new(),
        }
    }

    /// Whether a document can be judged at all, before any feature is computed: `None` if it
    /// can, else the verdict it gets.
    pub fn applicability(doc: &Document) -> Option<Assessment> {
        if !doc.text.chars().any(char::is_alphabetic) {
            return Some(Assessment::unjudged(
                Verdict::NoText,
                None,
                "Not judged: the document has no text.".into(),
            ));
        }
        let lang = doc.language;
        if lang.is_foreign() {
            return Some(Assessment::unjudged(
                Verdict::NotEnglish,
                Some(lang.code.to_owned()),
                format!(
                    "Not judged: the document is in {}, not English.",
                    evidence::language_name(lang.code)
                ),
            ));
        }
        None
    }
}

/// What the findings say about one source language: findings that point to it alone (its
/// page furniture, bylines, quote style, number formats, a spelling only its press writes),
/// and spellings it shares with other languages, each counting 1/k for each of its k writers.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Tally {
    firm: usize,
    shared: usize,
    share: f64,
}

impl Tally {
    /// The order of strength: findings of this language alone first; shared spellings only
    /// break their ties (compared to a millionth, so that 1/3 + 1/3 + 1/3 equals 1).
    fn key(&self) -> (usize, i64) {
        (self.firm, (self.share * 1e6).round() as i64)
    }
}

/// The findings' tally per source language, and the share of spellings written also by
/// languages that are not source languages here (the English press, Dutch, Slovak).
/// `romanised_by[i]` is finding `i`'s schemes (`Diagnostic::romanised_by`); a finding
/// without them counts for its `source_language` alone.
fn finding_languages(
    findings: &[Finding],
    romanised_by: &[Schemes],
) -> (BTreeMap<&'static str, Tally>, f64) {
    let mut out: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let mut others = 0.0;
    for (i, f) in findings.iter().enumerate() {
        let schemes = romanised_by.get(i).copied().unwrap_or_default();
        if f.family == Family::Names && !schemes.is_empty() && !schemes.is_one_language() {
            let k = schemes.writers() as f64;
            let mut known = 0;
            for lang in schemes.iter().filter_map(Scheme::source_language) {
                let t = out.entry(lang).or_default();
                t.shared += 1;
                t.share += 1.0 / k;
                known += 1;
            }
            others += (k - f64::from(known)) / k;
        } else if let Some(lang) = f.source_language {
            out.entry(lang).or_default().firm += 1;
        }
    }
    (out, others)
}

/// Assesses a document from its text and the engine's findings on it.
///
/// `romanised_by[i]` is the schemes that write finding `i`'s name (the engine's
/// `Diagnostic::romanised_by`; shorter or empty counts as none).
pub fn assess(
    doc: &Document,
    findings: &[Finding],
    romanised_by: &[Schemes],
    model: &Model,
) -> Assessment {
    if let Some(unjudged) = Assessment::applicability(doc) {
        return unjudged;
    }
    let features = features::extract(doc, findings);
    if features.words < MIN_WORDS {
        return Assessment::unjudged(
            Verdict::TooShort,
            None,
            format!(
                "Not judged: at {} of article text (page furniture aside) the document is too short to tell machine translation from human writing (at least {MIN_WORDS} words are needed).",
                match features.words {
                    1 => "1 word".to_owned(),
                    n => format!("{n} words"),
                }
            ),
        );
    }
    let scored = model.score(&features);
    let p = scored.probability;
    let bands = model.file.bands;
    let verdict = if p >= bands.machine_from {
        Verdict::MachineTranslated
    } else if p < bands.human_below {
        Verdict::Human
    } else {
        Verdict::Uncertain
    };
    // The source language is only ever shown with a machine-translated verdict: the style
    // model is not even run for the others.
    let (style, source) = if verdict == Verdict::MachineTranslated {
        let style = model.source_probabilities(&features);
        let source = source_language(findings, romanised_by, &style, model);
        (style, source)
    } else {
        (Vec::new(), Source::default())
    };
    // The style model's language is named in a reason only when it is the verdict's.
    let style_source = style
        .first()
        .map(|(l, _)| l.as_str())
        .filter(|l| source.language.as_deref() == Some(*l));
    let contributions = scored.contributions(model, &features);
    let mut evidence = evidence::reasons(model, &features, contributions, style_source);
    evidence.extend(source.reason);
    let summary = evidence::summary(
        verdict,
        source.language.as_deref(),
        findings,
        romanised_by,
        &evidence,
    );
    Assessment {
        probability: Some((p * 1000.0).round() / 1000.0),
        verdict,
        source_language: source.language,
        source_probability: source.probability.map(|q| (q * 1000.0).round() / 1000.0),
        language: None,
        summary,
        evidence,
    }
}

/// The source-language decision and the reason behind it.
#[derive(Debug, Default)]
struct Source {
    language: Option<String>,
    probability: Option<f64>,
    reason: Option<Evidence>,
}

/// "1 finding", "3 findings".
fn findings_count(n: usize) -> String {
    match n {
        1 => "1 finding".to_owned(),
        n => format!("{n} findings"),
    }
}

/// How a language's tally reads: "2 findings", "1 finding and 2 shared spellings" (names
/// spelled alike in other languages).
fn tally_text(t: &Tally) -> String {
    let shared = match t.shared {
        0 => String::new(),
        1 => "1 shared spelling".to_owned(),
        n => format!("{n} shared spellings"),
    };
    match (t.firm, t.shared) {
        (0, _) => shared,
        (n, 0) => findings_count(n),
        (n, _) => format!("{} and {shared}", findings_count(n)),
    }
}

/// The source language of a machine-translated document, from the findings that point to one
/// and how specific each is: the language with the most findings that point to it alone (page
/// furniture, bylines, quote styles, number formats, a romanisation only its press writes);
/// among equals, the one with the larger share of the spellings several languages write
/// ("Riabkov" counts a third for each of French, Spanish and Italian), and then the style
/// classifier's favourite. A spelling several languages share names none of them by itself:
/// when only such spellings point to the leaders, or a language with no scheme here (Dutch
/// "Rjabkov") may have written them, the style classifier must reach its threshold to choose
/// among the leaders. Without findings, the classifier's guess when its calibrated
/// probability reaches the threshold; otherwise unknown.
fn source_language(
    findings: &[Finding],
    romanised_by: &[Schemes],
    style: &[(String, f64)],
    model: &Model,
) -> Source {
    let style_p = |lang: &str| {
        style
            .iter()
            .find(|(l, _)| l == lang)
            .map_or(0.0, |(_, p)| *p)
    };
    let min_style = model.file.source.min_probability;
    let (tallies, others) = finding_languages(findings, romanised_by);
    let top = tallies.values().map(Tally::key).max();
    if let Some(top) = top {
        let leaders: Vec<&'static str> = tallies
            .iter()
            .filter(|(_, t)| t.key() == top)
            .map(|(&l, _)| l)
            .collect();
        let by_style = leaders
            .iter()
            .copied()
            .max_by(|a, b| style_p(a).total_cmp(&style_p(b)).then(b.cmp(a)));
        let others_lead = top.0 == 0 && (others * 1e6).round() as i64 >= top.1;
        let firm = top.0 > 0;
        let chosen = match (leaders.as_slice(), by_style) {
            ([one], _) if firm || !others_lead => Some(*one),
            (_, Some(l)) if firm || style_p(l) >= min_style => Some(l),
            _ => None,
        };
        let others_text = |skip: Option<&str>| {
            let list: Vec<String> = tallies
                .iter()
                .filter(|(l, _)| Some(**l) != skip)
                .map(|(l, t)| format!("{} {}", evidence::language_name(l), tally_text(t)))
                .collect();
            list.join(", ")
        };
        let Some(lang) = chosen else {
            return Source {
                language: None,
                probability: None,
                reason: Some(Evidence {
                    signal: "source-language".into(),
                    detail: format!(
                        "unknown: the only findings that point to a language are names several languages spell alike ({}{}), and the style model is not sure of any of them (p < {min_style:.2})",
                        others_text(None),
                        if others > 0.0 {
                            "; also languages with no scheme here"
                        } else {
                            ""
                        }
                    ),
                    weight: 0.0,
                }),
            };
        };
        let name = evidence::language_name(lang);
        let t = tallies.get(lang).copied().unwrap_or_default();
        let n = t.firm + t.shared;
        let mut detail = format!(
            "{name}: {} evidence of {} {name} source",
            match n {
                1 => "1 finding is".to_owned(),
                n => format!("{n} findings are"),
            },
            crate::document::a_or_an(name),
        );
        if t.shared > 0 {
            let _ = write!(
                detail,
                ", {} of them {} other languages spell alike",
                t.shared,
                if t.shared == 1 { "a name" } else { "names" }
            );
        }
        if leaders.len() > 1 || others_lead {
            let _ = write!(
                detail,
                "; chosen among equals by style (p = {:.2})",
                style_p(lang)
            );
        }
        let rest = others_text(Some(lang));
        if !rest.is_empty() {
            let _ = write!(detail, " (other languages: {rest})");
        }
        return Source {
            language: Some(lang.to_owned()),
            probability: None,
            reason: Some(Evidence {
                signal: "source-language".into(),
                detail,
                weight: 0.0,
            }),
        };
    }
    match style.first() {
        Some((lang, p)) if *p >= min_style => Source {
            language: Some(lang.clone()),
            probability: Some(*p),
            reason: Some(Evidence {
                signal: "source-language".into(),
                detail: format!(
                    "{}: style typical of translation from {} (p = {p:.2}); no finding names a source language",
                    evidence::language_name(lang),
                    evidence::language_name(lang)
                ),
                weight: 0.0,
            }),
        },
        _ => Source::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judge(text: &str) -> Assessment {
        let model = Model::embedded().expect("embedded model loads");
        assess(&Document::from_text(text), &[], &[], &model)
    }

    #[test]
    fn empty_whitespace_and_markup_only_text_is_not_judged() {
        for text in ["", "  \n\t\r\n ", "— 2022 —\n***\n12:45"] {
            let a = judge(text);
            assert_eq!(a.verdict, Verdict::NoText, "{text:?}");
            assert_eq!(a.probability, None);
            assert_eq!(a.source_language, None);
        }
    }

    #[test]
    fn a_foreign_language_document_is_not_judged_and_names_its_language() {
        let a = judge(
            "Министр иностранных дел заявил во вторник, что переговоры в Женеве прошли \
             конструктивно и что следующая встреча состоится в феврале.",
        );
        assert_eq!(a.verdict, Verdict::NotEnglish);
        assert_eq!(a.language.as_deref(), Some("ru"));
        assert_eq!(a.probability, None);
        assert!(a.summary.contains("Russian"), "{}", a.summary);
    }

    #[test]
    fn a_short_english_text_is_too_short_and_a_long_one_is_judged() {
        let sentence = "The minister said the talks in the capital were very constructive. ";
        let a = judge(sentence);
        assert_eq!(a.verdict, Verdict::TooShort);
        assert_eq!(a.probability, None);
        assert!(a.summary.contains("11 words"), "{}", a.summary);
        let long = sentence.repeat(MIN_WORDS / 10 + 1);
        let b = judge(&long);
        assert!(b.verdict.is_judged(), "{:?}", b.verdict);
        assert!(b.probability.is_some());
    }

    #[test]
    fn the_source_language_is_unknown_below_the_calibrated_confidence() {
        let model = Model::embedded().expect("embedded model loads");
        let min = model.file.source.min_probability;
        let unsure = [("de".to_owned(), min * 0.9), ("fr".to_owned(), 0.05)];
        let sure = [
            ("de".to_owned(), (min + 1.0) / 2.0),
            ("fr".to_owned(), 0.01),
        ];
        let guess = source_language(&[], &[], &unsure, &model);
        assert_eq!(guess.language, None);
        assert!(guess.reason.is_none());
        let guess = source_language(&[], &[], &sure, &model);
        assert_eq!(guess.language.as_deref(), Some("de"));
        assert!(guess.probability.is_some());
    }

    #[test]
    fn findings_name_the_source_language_before_style() {
        let model = Model::embedded().expect("embedded model loads");
        let finding = Finding {
            rule: "translated-page-furniture",
            severity: crate::rules::Severity::Error,
            source_language: Some("fr"),
            ..Finding::example("CH001", crate::rules::Family::Chrome, "Read also")
        };
        let style = [("de".to_owned(), 0.99)];
        let guess = source_language(std::slice::from_ref(&finding), &[], &style, &model);
        assert_eq!(guess.language.as_deref(), Some("fr"));
        assert_eq!(guess.probability, None, "named by a finding, not by style");
        let text = evidence::summary(
            Verdict::MachineTranslated,
            Some("fr"),
            std::slice::from_ref(&finding),
            &[],
            &[],
        );
        assert_eq!(
            text,
            "Reads like machine translation from French: \"Read also\" is French page furniture."
        );
    }

    fn found(code: &'static str, text: &str, lang: Option<&'static str>) -> Finding {
        let family =
            crate::rules::find(code).map_or(crate::rules::Family::Chrome, |r| r.meta().family);
        Finding {
            source_language: lang,
            ..Finding::example(code, family, text)
        }
    }

    /// "Riabkov": French, Spanish and Italian write it.
    fn shared_spelling() -> Schemes {
        Schemes::writing("Riabkov", "Рябков")
    }

    #[test]
    fn furniture_of_one_language_beats_a_spelling_several_share() {
        // Newcomer's trial: Italian furniture and "Riabkov" twice was named French.
        let model = Model::embedded().expect("embedded model loads");
        let style = [("fr".to_owned(), 0.9), ("it".to_owned(), 0.05)];
        for (furniture, lang) in [
            ("Reproduction reserved", "it"),
            ("You may be interested", "es"),
        ] {
            let findings = [
                found("NM001", "Riabkov", Some("fr")),
                found("CH001", furniture, Some(lang)),
                found("NM001", "Riabkov", Some("fr")),
            ];
            let schemes = [shared_spelling(), Schemes::empty(), shared_spelling()];
            let got = source_language(&findings, &schemes, &style, &model);
            assert_eq!(got.language.as_deref(), Some(lang), "{:?}", got.reason);
            let reason = got.reason.expect("a reason").detail;
            assert!(reason.contains("French 2 shared spellings"), "{reason}");
            // Five times the shared spelling does not outweigh it either.
            let mut many = vec![found("CH001", furniture, Some(lang))];
            let mut schemes = vec![Schemes::empty()];
            for _ in 0..5 {
                many.push(found("NM001", "Riabkov", Some("fr")));
                schemes.push(shared_spelling());
            }
            let got = source_language(&many, &schemes, &style, &model);
            assert_eq!(got.language.as_deref(), Some(lang));
        }
    }

    #[test]
    fn a_spelling_several_languages_share_names_none_by_itself() {
        let model = Model::embedded().expect("embedded model loads");
        let min = model.file.source.min_probability;
        let findings = [
            found("NM001", "Riabkov", Some("fr")),
            found("NM001", "Riabkov", Some("fr")),
        ];
        let schemes = [shared_spelling(), shared_spelling()];
        // The style model, unsure, does not choose among French, Spanish and Italian.
        let unsure = [("fr".to_owned(), min * 0.9), ("es".to_owned(), 0.05)];
        let got = source_language(&findings, &schemes, &unsure, &model);
        assert_eq!(got.language, None);
        let reason = got.reason.expect("the reason it is unknown").detail;
        assert!(reason.starts_with("unknown:"), "{reason}");
        // Sure of one of them, it does.
        let sure = [
            ("es".to_owned(), (min + 1.0) / 2.0),
            ("fr".to_owned(), 0.01),
        ];
        let got = source_language(&findings, &schemes, &sure, &model);
        assert_eq!(got.language.as_deref(), Some("es"));
        // Sure of a language that does not write the spelling, it does not.
        let elsewhere = [("de".to_owned(), (min + 1.0) / 2.0)];
        let got = source_language(&findings, &schemes, &elsewhere, &model);
        assert_eq!(got.language, None);
        // Without the schemes (a caller that has none), the finding's language counts.
        let got = source_language(&findings, &[], &unsure, &model);
        assert_eq!(got.language.as_deref(), Some("fr"));
    }

    #[test]
    fn a_spelling_one_language_writes_still_names_it() {
        let model = Model::embedded().expect("embedded model loads");
        let style = [("fr".to_owned(), 0.9)];
        let findings = [
            found("NM001", "Járkov", Some("es")),
            found("NM001", "Riabkov", Some("fr")),
        ];
        let schemes = [Schemes::writing("Járkov", "Харьков"), shared_spelling()];
        let got = source_language(&findings, &schemes, &style, &model);
        assert_eq!(got.language.as_deref(), Some("es"));
        // Two shared spellings that overlap in one language name it.
        // ("Riabkov", and a spelling made up for French and Polish alone.)
        let findings = [
            found("NM001", "Riabkov", Some("fr")),
            found("NM003", "Riabkow", Some("fr")),
        ];
        let mut french_and_polish = Schemes::one(Scheme::French);
        french_and_polish.insert(Scheme::Polish);
        let schemes = [shared_spelling(), french_and_polish];
        let got = source_language(&findings, &schemes, &[], &model);
        assert_eq!(got.language.as_deref(), Some("fr"));
    }

    #[test]
    fn a_plain_czech_spelling_does_not_name_czech() {
        // Newcomer's trial: Dutch "Rjabkov" (Czech, Slovak and scholarly too) named Italian.
        let model = Model::embedded().expect("embedded model loads");
        let findings = [found("NM003", "Rjabkov", Some("cs"))];
        let schemes = [Schemes::writing("Rjabkov", "Рябков")];
        let got = source_language(&findings, &schemes, &[("de".to_owned(), 0.3)], &model);
        assert_eq!(got.language, None);
        // "Žukov" is Czech's alone.
        let findings = [found("NM003", "Žukov", Some("cs"))];
        let schemes = [Schemes::writing("Žukov", "Жуков")];
        let got = source_language(&findings, &schemes, &[], &model);
        assert_eq!(got.language.as_deref(), Some("cs"));
    }

    #[test]
    fn equal_findings_of_two_languages_go_to_the_style_favourite() {
        let model = Model::embedded().expect("embedded model loads");
        let findings = [
            found("CH001", "Enlarge image", Some("de")),
            found("CH001", "To read also", Some("fr")),
        ];
        let style = [("de".to_owned(), 0.2), ("fr".to_owned(), 0.1)];
        let got = source_language(&findings, &[], &style, &model);
        assert_eq!(got.language.as_deref(), Some("de"));
        let reason = got.reason.expect("a reason").detail;
        assert!(reason.contains("chosen among equals by style"), "{reason}");
        assert!(
            reason.starts_with("German: 1 finding is evidence of a German source"),
            "{reason}"
        );
    }

    #[test]
    fn the_article_before_a_language_is_said_right() {
        let model = Model::embedded().expect("embedded model loads");
        let findings = [found("CH001", "Reproduction reserved", Some("it"))];
        let got = source_language(&findings, &[], &[], &model);
        let reason = got.reason.expect("a reason").detail;
        assert_eq!(
            reason,
            "Italian: 1 finding is evidence of an Italian source"
        );
    }
}
