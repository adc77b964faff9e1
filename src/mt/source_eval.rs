//! Evaluating the source-language classifier (`calq mt eval --cv K`): per-language recall
//! and precision, balanced accuracy and the confusion matrix of held-out translations, each
//! source article counted once; and the detector's ROC-AUCs on documents cut to a length
//! (`--lengths`), which is how the `too-short` gate was chosen.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;

use super::data::Label;
use super::eval::{Prediction, metrics};
use super::model::Model;
use super::train::Sample;

/// Languages with at least this many source articles count in the balanced accuracy.
pub const MIN_ARTICLES: usize = 20;

/// One held-out translation's source-language prediction.
#[derive(Debug, Clone)]
pub struct SourcePrediction {
    /// The true source language.
    pub language: String,
    pub group: String,
    pub label: Label,
    pub truncated: Option<usize>,
    /// The style classifier's favourite and its calibrated probability.
    pub top: Option<(String, f64)>,
    /// What calq would name: the favourite when its probability reaches the model's
    /// threshold, else `None` ("source language unknown").
    pub named: Option<String>,
}

/// Whether a held-out sample is scored for its source language: a translation of a known
/// language as it was written, not a synthetic repost; machine translations only from the
/// first file (the extension file's many systems' outputs of one article would drown it).
fn scored(s: &Sample) -> bool {
    s.label != Label::Original
        && !s.augmented
        && s.source_lang != "unknown"
        && s.source_lang != "en"
        && (s.file == 0 || s.label == Label::Human)
}

pub fn source_predictions(model: &Model, held_out: &[&Sample]) -> Vec<SourcePrediction> {
    let min = model.file.source.min_probability;
    held_out
        .iter()
        .filter(|s| scored(s))
        .map(|s| {
            let top = model.source_probabilities(&s.features).into_iter().next();
            let named = top
                .as_ref()
                .filter(|(_, p)| *p >= min)
                .map(|(l, _)| l.clone());
            SourcePrediction {
                language: s.source_lang.clone(),
                group: s.group.clone(),
                label: s.label,
                truncated: s.truncated,
                top,
                named,
            }
        })
        .collect()
}

/// A ratio to three decimals, or "–" where nothing was counted (a language never named has
/// no precision).
fn figure(x: f64) -> String {
    if x.is_nan() {
        "–".to_owned()
    } else {
        format!("{x:.3}")
    }
}

/// Each source article counts once: its translations share a weight of 1.
fn group_weights(preds: &[&SourcePrediction]) -> Vec<f64> {
    let mut n: HashMap<&str, usize> = HashMap::new();
    for p in preds {
        *n.entry(p.group.as_str()).or_default() += 1;
    }
    preds
        .iter()
        .map(|p| 1.0 / n.get(p.group.as_str()).copied().unwrap_or(1).max(1) as f64)
        .collect()
}

/// Per-language figures of one set of predictions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LanguageFigures {
    pub articles: usize,
    /// Recall and precision of the favourite (always answering).
    pub recall: f64,
    pub precision: f64,
    /// Recall and precision of what calq names (answering only above the threshold), and
    /// the share of documents it names a language for.
    pub named_recall: f64,
    pub named_precision: f64,
    pub coverage: f64,
}

/// Figures by language, and the balanced accuracies (mean recall over the languages with at
/// least [`MIN_ARTICLES`] articles) of the favourite and of what is named.
pub fn figures(preds: &[&SourcePrediction]) -> (BTreeMap<String, LanguageFigures>, f64, f64) {
    let w = group_weights(preds);
    let langs: BTreeSet<&str> = preds.iter().map(|p| p.language.as_str()).collect();
    let mut out = BTreeMap::new();
    for lang in langs {
        let (mut total, mut right, mut guessed, mut named_right, mut named, mut named_as) =
            (0.0, 0.0, 0.0, 0.0, 0.0, 0.0);
        let mut groups = BTreeSet::new();
        for (p, &wi) in preds.iter().zip(&w) {
            let top = p.top.as_ref().map(|(l, _)| l.as_str());
            let is = p.language == lang;
            if is {
                groups.insert(p.group.as_str());
                total += wi;
                if top == Some(lang) {
                    right += wi;
                }
                if p.named.is_some() {
                    named += wi;
                }
                if p.named.as_deref() == Some(lang) {
                    named_right += wi;
                }
            }
            if top == Some(lang) {
                guessed += wi;
            }
            if p.named.as_deref() == Some(lang) {
                named_as += wi;
            }
        }
        let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { f64::NAN };
        out.insert(
            lang.to_owned(),
            LanguageFigures {
                articles: groups.len(),
                recall: ratio(right, total),
                precision: ratio(right, guessed),
                named_recall: ratio(named_right, total),
                named_precision: ratio(named_right, named_as),
                coverage: ratio(named, total),
            },
        );
    }
    let balanced = |f: &dyn Fn(&LanguageFigures) -> f64| {
        let big: Vec<f64> = out
            .values()
            .filter(|v| v.articles >= MIN_ARTICLES)
            .map(f)
            .collect();
        big.iter().sum::<f64>() / big.len().max(1) as f64
    };
    let (forced, named) = (balanced(&|v| v.recall), balanced(&|v| v.named_recall));
    (out, forced, named)
}

fn length_name(t: Option<usize>) -> String {
    t.map_or_else(
        || "whole documents".to_owned(),
        |n| format!("cut to {n} words"),
    )
}

/// The source-language section of `calq mt eval`: one table per length.
pub fn report(preds: &[SourcePrediction]) -> String {
    let mut out = String::new();
    let lengths: BTreeSet<Option<usize>> = preds.iter().map(|p| p.truncated).collect();
    for t in lengths {
        let set: Vec<&SourcePrediction> = preds.iter().filter(|p| p.truncated == t).collect();
        let (by_lang, forced, named) = figures(&set);
        let _ = writeln!(
            out,
            "## Source language, grouped cross-validation: {}\n",
            length_name(t)
        );
        let _ = writeln!(
            out,
            "Each source article counts once. \"favourite\": the classifier's top language, always answering; \"named\": what calq shows (the favourite at or above the calibrated threshold, else unknown).\n"
        );
        out.push_str("| language | articles | recall | precision | named recall | named precision | named share |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (lang, f) in &by_lang {
            let _ = writeln!(
                out,
                "| {lang} | {} | {} | {} | {} | {} | {} |",
                f.articles,
                figure(f.recall),
                figure(f.precision),
                figure(f.named_recall),
                figure(f.named_precision),
                figure(f.coverage)
            );
        }
        let _ = writeln!(
            out,
            "\nBalanced accuracy over languages with at least {MIN_ARTICLES} articles: favourite {forced:.3}, named {named:.3}\n"
        );
        out.push_str(&confusion(&set));
        out.push('\n');
    }
    out
}

/// The confusion matrix of the favourite, in articles (rows: true language).
fn confusion(preds: &[&SourcePrediction]) -> String {
    let w = group_weights(preds);
    let langs: BTreeSet<&str> = preds
        .iter()
        .map(|p| p.language.as_str())
        .chain(
            preds
                .iter()
                .filter_map(|p| p.top.as_ref().map(|t| t.0.as_str())),
        )
        .collect();
    let mut cells: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    for (p, wi) in preds.iter().zip(&w) {
        let guess = p.top.as_ref().map_or("-", |t| t.0.as_str());
        *cells.entry((p.language.as_str(), guess)).or_default() += wi;
    }
    let mut out = String::from("| true \\ favourite |");
    for l in &langs {
        let _ = write!(out, " {l} |");
    }
    out.push_str("\n|---|");
    out.push_str(&"---:|".repeat(langs.len()));
    out.push('\n');
    let truth: BTreeSet<&str> = preds.iter().map(|p| p.language.as_str()).collect();
    for t in truth {
        let _ = write!(out, "| {t} |");
        for g in &langs {
            let v = cells.get(&(t, *g)).copied().unwrap_or(0.0);
            if v > 0.0 {
                let _ = write!(out, " {v:.0} |");
            } else {
                out.push_str(" · |");
            }
        }
        out.push('\n');
    }
    out
}

/// The detector's ROC-AUCs on the first file's documents, whole and cut to each length.
pub fn report_lengths(preds: &[Prediction]) -> String {
    let lengths: BTreeSet<Option<usize>> = preds
        .iter()
        .filter(|p| !p.augmented)
        .map(|p| p.truncated)
        .collect();
    if lengths.len() < 2 {
        return String::new();
    }
    let mut out = String::from(
        "## P(MT) by document length (grouped cross-validation, clean documents)\n\n| length | documents | MT vs all | MT vs human translation | MT vs original |\n|---|---:|---:|---:|---:|\n",
    );
    for t in lengths {
        let set: Vec<&Prediction> = preds
            .iter()
            .filter(|p| !p.augmented && p.truncated == t)
            .collect();
        let auc = |neg: &dyn Fn(&Prediction) -> bool| {
            let points: Vec<(f64, bool, f64)> = set
                .iter()
                .filter(|p| p.label == Label::Machine || neg(p))
                .map(|p| (p.probability, p.label == Label::Machine, p.weight))
                .collect();
            metrics(&points).roc_auc
        };
        let _ = writeln!(
            out,
            "| {} | {} | {:.3} | {:.3} | {:.3} |",
            length_name(t),
            set.len(),
            auc(&|p| p.label != Label::Machine),
            auc(&|p| p.label == Label::Human),
            auc(&|p| p.label == Label::Original),
        );
    }
    out.push('\n');
    out
}

/// The first `n` words of a text (runs of non-whitespace), keeping its line breaks.
pub fn first_words(text: &str, n: usize) -> &str {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            seen += 1;
            if seen > n {
                return text[..i].trim_end();
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pred(language: &str, group: &str, top: &str, p: f64) -> SourcePrediction {
        SourcePrediction {
            language: language.into(),
            group: group.into(),
            label: Label::Human,
            truncated: None,
            top: Some((top.into(), p)),
            named: (p >= 0.5).then(|| top.to_owned()),
        }
    }

    #[test]
    fn figures_count_articles_once_and_separate_named_from_favourite() {
        let preds = [
            pred("fr", "a", "fr", 0.9),
            // Two translations of one German article: half a weight each.
            pred("de", "b", "de", 0.9),
            pred("de", "b", "fr", 0.4),
            pred("de", "c", "de", 0.3),
        ];
        let refs: Vec<&SourcePrediction> = preds.iter().collect();
        let (by_lang, _, _) = figures(&refs);
        let de = &by_lang["de"];
        assert_eq!(de.articles, 2);
        assert!((de.recall - 0.75).abs() < 1e-12, "{de:?}");
        assert!((de.named_recall - 0.25).abs() < 1e-12, "{de:?}");
        assert!((de.coverage - 0.25).abs() < 1e-12, "{de:?}");
        let fr = &by_lang["fr"];
        // fr was the favourite for 1 + 0.5 articles, right for 1.
        assert!((fr.precision - 1.0 / 1.5).abs() < 1e-12, "{fr:?}");
        assert!((fr.named_precision - 1.0).abs() < 1e-12, "{fr:?}");
    }

    #[test]
    fn a_ratio_of_nothing_is_a_dash_not_nan() {
        assert_eq!(figure(f64::NAN), "–");
        assert_eq!(figure(0.5), "0.500");
    }

    #[test]
    fn first_words_keeps_line_breaks_and_counts_runs() {
        assert_eq!(
            first_words("One two\nthree  four five", 3),
            "One two\nthree"
        );
        assert_eq!(first_words("short", 10), "short");
        assert_eq!(first_words("", 3), "");
        assert_eq!(first_words("  a b", 1), "  a");
    }
}
