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

use serde::Serialize;

use crate::document::Document;
use crate::finding::Finding;
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

/// Source-language evidence from findings: findings per language (a German romanisation,
/// French page furniture).
fn finding_languages(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut out = BTreeMap::new();
    for lang in findings.iter().filter_map(|f| f.source_language) {
        *out.entry(lang).or_default() += 1;
    }
    out
}

/// Assesses a document from its text and the engine's findings on it.
pub fn assess(doc: &Document, findings: &[Finding], model: &Model) -> Assessment {
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
        let source = source_language(findings, &style, model);
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
    let summary = evidence::summary(verdict, source.language.as_deref(), findings, &evidence);
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

/// The source language of a machine-translated document: the language most findings point
/// to (ties go to the style classifier's favourite); else the style classifier's guess when
/// its calibrated probability reaches the model's threshold; else unknown.
fn source_language(findings: &[Finding], style: &[(String, f64)], model: &Model) -> Source {
    let style_p = |lang: &str| {
        style
            .iter()
            .find(|(l, _)| l == lang)
            .map_or(0.0, |(_, p)| *p)
    };
    let from_findings = finding_languages(findings);
    let best = from_findings
        .iter()
        .max_by(|a, b| a.1.cmp(b.1).then(style_p(a.0).total_cmp(&style_p(b.0))));
    if let Some((&lang, &n)) = best {
        let mut detail = format!(
            "{}: {} of a {} source",
            evidence::language_name(lang),
            if n == 1 {
                "1 finding is evidence".to_owned()
            } else {
                format!("{n} findings are evidence")
            },
            evidence::language_name(lang)
        );
        let others: Vec<String> = from_findings
            .iter()
            .filter(|(l, _)| **l != lang)
            .map(|(l, c)| format!("{} {c}", evidence::language_name(l)))
            .collect();
        if !others.is_empty() {
            detail.push_str(&format!(" (other languages: {})", others.join(", ")));
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
        Some((lang, p)) if *p >= model.file.source.min_probability => Source {
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
        assess(&Document::from_text(text), &[], &model)
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
        let guess = source_language(&[], &unsure, &model);
        assert_eq!(guess.language, None);
        assert!(guess.reason.is_none());
        let guess = source_language(&[], &sure, &model);
        assert_eq!(guess.language.as_deref(), Some("de"));
        assert!(guess.probability.is_some());
    }

    #[test]
    fn findings_name_the_source_language_before_style() {
        let model = Model::embedded().expect("embedded model loads");
        let finding = Finding {
            code: "CH001",
            rule: "translated-page-furniture",
            family: crate::rules::Family::Chrome,
            severity: crate::rules::Severity::Error,
            start: 0,
            end: 9,
            line: 1,
            column: 1,
            text: "Read also".into(),
            message: String::new(),
            suggestion: None,
            applicability: None,
            source_language: Some("fr"),
            policy: None,
            record_columns: None,
        };
        let style = [("de".to_owned(), 0.99)];
        let guess = source_language(std::slice::from_ref(&finding), &style, &model);
        assert_eq!(guess.language.as_deref(), Some("fr"));
        assert_eq!(guess.probability, None, "named by a finding, not by style");
        let text = evidence::summary(
            Verdict::MachineTranslated,
            Some("fr"),
            std::slice::from_ref(&finding),
            &[],
        );
        assert_eq!(
            text,
            "Reads like machine translation from French: \"Read also\" is French page furniture."
        );
    }
}
