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
pub mod train;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::document::Document;
use crate::engine::Finding;
pub use model::Model;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    MachineTranslated,
    Human,
    Uncertain,
}

impl Verdict {
    pub const fn name(self) -> &'static str {
        match self {
            Verdict::MachineTranslated => "machine-translated",
            Verdict::Human => "human",
            Verdict::Uncertain => "uncertain",
        }
    }
}

/// One reason behind a verdict, as an editor would read it. `weight` is its share of the
/// score in logit units: positive points to machine translation, negative to human writing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub signal: String,
    pub detail: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Calibrated P(machine-translated).
    pub probability: f64,
    pub verdict: Verdict,
    /// Best guess of the source language (ISO 639-1), or `None` when there is no basis.
    pub source_language: Option<String>,
    /// The reasons, strongest first.
    pub evidence: Vec<Evidence>,
}

impl Assessment {
    /// What an engine without a model (one built to compute training features) reports.
    pub fn unscored() -> Assessment {
        Assessment {
            probability: 0.5,
            verdict: Verdict::Uncertain,
            source_language: None,
            evidence: vec![Evidence {
                signal: "unscored".into(),
                detail: "no machine-translation model was loaded".into(),
                weight: 0.0,
            }],
        }
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
    let features = features::extract(doc, findings);
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
    let style = model.source_probabilities(&features);
    let (source_language, source_reason) = source_language(findings, &style, verdict, model);
    let style_source = style
        .first()
        .filter(|(_, q)| *q >= model.file.source.min_probability)
        .map(|(l, _)| l.as_str());
    let mut evidence = evidence::reasons(model, &features, &scored.contributions, style_source);
    evidence.extend(source_reason);
    Assessment {
        probability: (p * 1000.0).round() / 1000.0,
        verdict,
        source_language,
        evidence,
    }
}

/// The source language: the language most findings point to (ties go to the style
/// classifier's favourite); else, for text that is not judged human, the style classifier's
/// guess when it is confident enough; else `None`.
fn source_language(
    findings: &[Finding],
    style: &[(String, f64)],
    verdict: Verdict,
    model: &Model,
) -> (Option<String>, Option<Evidence>) {
    if verdict == Verdict::Human {
        return (None, None);
    }
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
        return (
            Some(lang.to_owned()),
            Some(Evidence {
                signal: "source-language".into(),
                detail,
                weight: 0.0,
            }),
        );
    }
    match style.first() {
        Some((lang, p)) if *p >= model.file.source.min_probability => (
            Some(lang.clone()),
            Some(Evidence {
                signal: "source-language".into(),
                detail: format!(
                    "{}: style typical of translation from {} (p = {p:.2}); no finding names a source language",
                    evidence::language_name(lang),
                    evidence::language_name(lang)
                ),
                weight: 0.0,
            }),
        ),
        _ => (None, None),
    }
}
