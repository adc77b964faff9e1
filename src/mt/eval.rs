//! Evaluating the detector (`calq mt eval`): scoring labelled documents with a model, grouped
//! cross-validation of the whole training procedure, leave-one-source-language-out, and the
//! metrics — ROC-AUC, PR-AUC, F1, precision at recall 0.9, recall at precision 0.95, Brier
//! score, expected calibration error — overall and by source language and MT system tier.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::augment::Rng;
use super::data::Label;
use super::model::Model;
use super::source_eval::{SourcePrediction, source_predictions};
use super::train::{self, Options, Sample, fold_of};

/// One scored document.
#[derive(Debug, Clone)]
pub struct Prediction {
    pub probability: f64,
    /// The two calibrated components behind `probability`: P(translated) and
    /// P(machine | translated).
    pub translated: f64,
    pub machine_given_translated: f64,
    pub label: Label,
    pub source_lang: String,
    pub tier: Option<String>,
    pub augmented: bool,
    pub weight: f64,
    /// The source document's group (`group_id`): resampled as a unit for the intervals.
    pub group: String,
    /// Style-only source-language guess (the classifier's favourite), for translations.
    pub source_guess: Option<String>,
    /// A copy cut to this many words (see `calq mt eval --lengths`).
    pub truncated: Option<usize>,
}

impl Prediction {
    /// One JSON line for `calq mt eval --predictions`.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "probability": self.probability,
            "translated": self.translated,
            "machine_given_translated": self.machine_given_translated,
            "label": self.label.name(),
            "source_lang": self.source_lang,
            "tier": self.tier,
            "augmented": self.augmented,
            "weight": self.weight,
            "group": self.group,
            "source_guess": self.source_guess,
            "truncated": self.truncated,
        })
        .to_string()
    }
}

fn predict(model: &Model, s: &Sample) -> Prediction {
    let scored = model.score(&s.features);
    Prediction {
        probability: scored.probability,
        translated: scored.translated,
        machine_given_translated: scored.machine_given_translated,
        label: s.label,
        source_lang: s.source_lang.clone(),
        tier: s.tier.clone(),
        augmented: s.augmented,
        weight: s.weight,
        group: s.group.clone(),
        source_guess: model
            .source_probabilities(&s.features)
            .first()
            .map(|(l, _)| l.clone()),
        truncated: s.truncated,
    }
}

/// Whether a sample is scored by evaluation: documents of the first file (later files only
/// add training data, such as the outputs of more MT systems for the same sources).
fn evaluated(s: &Sample) -> bool {
    s.file == 0
}

/// Scores the evaluated samples among `held_out` (those of the first data file), each
/// weighted as [`train::set_weights`] weighs it among the evaluated samples alone (so extra
/// training files do not change the weights of the documents evaluated).
pub fn score_evaluated(model: &Model, held_out: &[&Sample]) -> Vec<Prediction> {
    let mut scored: Vec<Sample> = held_out
        .iter()
        .filter(|s| evaluated(s))
        .map(|s| (*s).clone())
        .collect();
    train::set_weights(&mut scored);
    scored.iter().map(|s| predict(model, s)).collect()
}

/// Grouped k-fold cross-validation of the training procedure (each training fold runs its
/// own inner cross-validation for regularisation and calibration). Folds are drawn by group
/// over every file, so no source document straddles training and evaluation; only the first
/// file's documents are scored.
pub fn cross_validate(
    samples: &[Sample],
    opts: &Options,
    k: usize,
    log: &mut dyn FnMut(&str),
) -> Result<Vec<Prediction>, String> {
    Ok(cross_validate_all(samples, opts, k, log)?.0)
}

/// [`cross_validate`], with the source-language predictions of the held-out translations
/// (see [`super::source_eval`]) beside the P(MT) ones. Truncated copies are scored, never
/// trained on.
pub fn cross_validate_all(
    samples: &[Sample],
    opts: &Options,
    k: usize,
    log: &mut dyn FnMut(&str),
) -> Result<(Vec<Prediction>, Vec<SourcePrediction>), String> {
    let mut out = Vec::with_capacity(samples.len());
    let mut sources = Vec::new();
    for f in 0..k {
        let fold = |s: &Sample| fold_of(&s.group, opts.seed, k);
        let train: Vec<&Sample> = samples
            .iter()
            .filter(|s| fold(s) != f && s.truncated.is_none())
            .collect();
        log(&format!(
            "fold {}/{k}: training on {} documents",
            f + 1,
            train.len()
        ));
        let model = Model::from_file(train::train(&train, opts, log))?;
        let held_out: Vec<&Sample> = samples.iter().filter(|s| fold(s) == f).collect();
        if !opts.source_only {
            out.extend(score_evaluated(&model, &held_out));
        }
        sources.extend(source_predictions(&model, &held_out));
    }
    Ok((out, sources))
}

/// For each source language, train without its documents and score them.
pub fn leave_one_language_out(
    samples: &[Sample],
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Result<Vec<(String, Vec<Prediction>)>, String> {
    let langs: BTreeSet<&str> = samples
        .iter()
        .filter(|s| s.label != Label::Original)
        .map(|s| s.source_lang.as_str())
        .collect();
    let mut out = Vec::new();
    for lang in langs {
        let train: Vec<&Sample> = samples.iter().filter(|s| s.source_lang != lang).collect();
        log(&format!(
            "without {lang}: training on {} documents",
            train.len()
        ));
        let model = Model::from_file(train::train(&train, opts, log))?;
        let held_out: Vec<&Sample> = samples.iter().filter(|s| s.source_lang == lang).collect();
        let preds = score_evaluated(&model, &held_out);
        out.push((lang.to_owned(), preds));
    }
    Ok(out)
}

/// Metrics of P(MT) for positives (machine translations) against negatives.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Metrics {
    pub positives: usize,
    pub negatives: usize,
    pub roc_auc: f64,
    pub pr_auc: f64,
    /// At the 0.5 threshold.
    pub f1: f64,
    pub precision_at_recall_90: f64,
    pub recall_at_precision_95: f64,
    pub brier: f64,
    pub ece: f64,
}

/// (probability, is positive, weight).
type Point = (f64, bool, f64);

pub fn metrics(points: &[Point]) -> Metrics {
    let positives = points.iter().filter(|p| p.1).count();
    let negatives = points.len() - positives;
    let mut sorted: Vec<Point> = points.to_vec();
    sorted.sort_by(|a, b| b.0.total_cmp(&a.0));
    let pos_w: f64 = points.iter().filter(|p| p.1).map(|p| p.2).sum();
    let neg_w: f64 = points.iter().filter(|p| !p.1).map(|p| p.2).sum();
    // Walk thresholds from high to low, one block of tied scores at a time.
    let (mut tp, mut fp) = (0.0, 0.0);
    let (mut auc, mut ap) = (0.0, 0.0);
    let (mut p_at_r, mut r_at_p) = (0.0f64, 0.0f64);
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        let (mut dtp, mut dfp) = (0.0, 0.0);
        while j < sorted.len() && sorted[j].0 == sorted[i].0 {
            if sorted[j].1 {
                dtp += sorted[j].2;
            } else {
                dfp += sorted[j].2;
            }
            j += 1;
        }
        auc += dfp * (tp + dtp / 2.0);
        tp += dtp;
        fp += dfp;
        let precision = if tp + fp > 0.0 { tp / (tp + fp) } else { 1.0 };
        let recall = if pos_w > 0.0 { tp / pos_w } else { 0.0 };
        ap += precision * dtp / pos_w.max(1e-12);
        if recall >= 0.9 - 1e-12 {
            p_at_r = p_at_r.max(precision);
        }
        if precision >= 0.95 - 1e-12 {
            r_at_p = r_at_p.max(recall);
        }
        i = j;
    }
    let roc_auc = if pos_w > 0.0 && neg_w > 0.0 {
        auc / (pos_w * neg_w)
    } else {
        f64::NAN
    };
    let (mut tp5, mut fp5, mut fn5) = (0.0, 0.0, 0.0);
    let (mut brier, mut total) = (0.0, 0.0);
    let mut bins = [(0.0, 0.0, 0.0); 10];
    for &(p, pos, w) in points {
        let y = f64::from(u8::from(pos));
        match (p >= 0.5, pos) {
            (true, true) => tp5 += w,
            (true, false) => fp5 += w,
            (false, true) => fn5 += w,
            _ => {}
        }
        brier += w * (p - y).powi(2);
        total += w;
        let b = ((p * 10.0) as usize).min(9);
        bins[b].0 += w;
        bins[b].1 += w * p;
        bins[b].2 += w * y;
    }
    let f1 = if tp5 > 0.0 {
        2.0 * tp5 / (2.0 * tp5 + fp5 + fn5)
    } else {
        0.0
    };
    let ece = bins
        .iter()
        .filter(|b| b.0 > 0.0)
        .map(|b| (b.1 - b.2).abs())
        .sum::<f64>()
        / total.max(1e-12);
    Metrics {
        positives,
        negatives,
        roc_auc,
        pr_auc: if pos_w > 0.0 { ap } else { f64::NAN },
        f1,
        precision_at_recall_90: p_at_r,
        recall_at_precision_95: r_at_p,
        brier: brier / total.max(1e-12),
        ece,
    }
}

fn points<'a>(
    preds: impl IntoIterator<Item = &'a Prediction>,
    negative: &dyn Fn(&Prediction) -> bool,
    positive: &dyn Fn(&Prediction) -> bool,
) -> Vec<Point> {
    preds
        .into_iter()
        .filter_map(|p| {
            if positive(p) {
                Some((p.probability, true, p.weight))
            } else if negative(p) {
                Some((p.probability, false, p.weight))
            } else {
                None
            }
        })
        .collect()
}

const HEADER: &str = "| slice | MT | neg | ROC-AUC | PR-AUC | F1 | P@R0.9 | R@P0.95 | Brier | ECE |\n\
                      |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n";

fn row(out: &mut String, name: &str, m: &Metrics) {
    if m.positives == 0 || m.negatives == 0 {
        return;
    }
    let _ = writeln!(
        out,
        "| {name} | {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
        m.positives,
        m.negatives,
        m.roc_auc,
        m.pr_auc,
        m.f1,
        m.precision_at_recall_90,
        m.recall_at_precision_95,
        m.brier,
        m.ece
    );
}

fn is_mt(p: &Prediction) -> bool {
    p.label == Label::Machine
}
fn is_ht(p: &Prediction) -> bool {
    p.label == Label::Human
}
fn is_orig(p: &Prediction) -> bool {
    p.label == Label::Original
}
fn not_mt(p: &Prediction) -> bool {
    p.label != Label::Machine
}

/// The metric tables for one set of predictions (clean documents and synthetic reposts apart).
pub fn report(title: &str, preds: &[Prediction]) -> String {
    let mut out = String::new();
    for (kind, aug) in [("clean documents", false), ("synthetic web reposts", true)] {
        let set: Vec<&Prediction> = preds
            .iter()
            .filter(|p| p.augmented == aug && p.truncated.is_none())
            .collect();
        if set.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}: {kind}\n");
        out.push_str(HEADER);
        let all = |neg: &dyn Fn(&Prediction) -> bool, pos: &dyn Fn(&Prediction) -> bool| {
            metrics(&points(set.iter().copied(), neg, pos))
        };
        row(&mut out, "MT vs human + original", &all(&not_mt, &is_mt));
        let reliability_table = reliability(&points(set.iter().copied(), &not_mt, &is_mt));
        row(&mut out, "MT vs human translation", &all(&is_ht, &is_mt));
        row(&mut out, "MT vs original", &all(&is_orig, &is_mt));
        let langs: BTreeSet<&str> = set
            .iter()
            .filter(|p| p.label != Label::Original)
            .map(|p| p.source_lang.as_str())
            .collect();
        for lang in &langs {
            let m = all(&|p| is_ht(p) && p.source_lang == *lang, &|p| {
                is_mt(p) && p.source_lang == *lang
            });
            row(
                &mut out,
                &format!("from {lang}: MT vs human translation"),
                &m,
            );
        }
        for lang in &langs {
            let m = all(&is_orig, &|p| is_mt(p) && p.source_lang == *lang);
            row(&mut out, &format!("from {lang}: MT vs original"), &m);
        }
        let tiers: BTreeSet<&str> = set.iter().filter_map(|p| p.tier.as_deref()).collect();
        for tier in &tiers {
            let m = all(&is_ht, &|p| is_mt(p) && p.tier.as_deref() == Some(*tier));
            row(
                &mut out,
                &format!("{tier} MT systems vs human translation"),
                &m,
            );
        }
        for tier in &tiers {
            let m = all(&is_orig, &|p| is_mt(p) && p.tier.as_deref() == Some(*tier));
            row(&mut out, &format!("{tier} MT systems vs original"), &m);
        }
        let guessed: Vec<&&Prediction> = set
            .iter()
            .filter(|p| p.label != Label::Original && p.source_guess.is_some())
            .collect();
        if !guessed.is_empty() {
            let right: f64 = guessed
                .iter()
                .filter(|p| p.source_guess.as_deref() == Some(p.source_lang.as_str()))
                .map(|p| p.weight)
                .sum();
            let total: f64 = guessed.iter().map(|p| p.weight).sum();
            let _ = writeln!(
                out,
                "\nSource language from style alone (translations): {:.1}% right ({} documents)",
                100.0 * right / total.max(1e-12),
                guessed.len()
            );
        }
        out.push_str(&reliability_table);
        out.push_str(&uncertainty(&set));
        out.push('\n');
    }
    out
}

/// The mean and 95th percentile of the ECE of `points` when each label is drawn from its own
/// probability: what sampling alone costs a perfectly calibrated detector on these documents.
fn ece_floor(points: &[Point], rng: &mut Rng) -> (f64, f64) {
    let mut floor: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let drawn: Vec<Point> = points
                .iter()
                .map(|&(p, _, w)| (p, rng.chance(p), w))
                .collect();
            metrics(&drawn).ece
        })
        .collect();
    let mean = floor.iter().sum::<f64>() / floor.len() as f64;
    floor.sort_by(f64::total_cmp);
    (mean, quantile(&floor, 0.95))
}

/// Resamples behind [`uncertainty`].
const RESAMPLES: usize = 1000;

/// The `q` quantile of sorted, non-empty `v` (the nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    v[((v.len() - 1) as f64 * q).round() as usize]
}

/// The 2.5th and 97.5th percentiles of non-empty `v` (sorted here).
fn interval(v: &mut [f64]) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    (quantile(v, 0.025), quantile(v, 0.975))
}

/// How far the headline figures could move by chance: 95% intervals from resampling the
/// source documents (a group's versions are drawn together, as the folds keep them
/// together), and the ECE that sampling alone gives a detector whose probabilities are
/// exactly right, on these same documents. With a few hundred documents that floor is not
/// far below the ECE target, so an ECE must be read against it.
fn uncertainty(set: &[&Prediction]) -> String {
    let mut groups: BTreeMap<&str, Vec<&Prediction>> = BTreeMap::new();
    for p in set {
        groups.entry(p.group.as_str()).or_default().push(p);
    }
    let groups: Vec<Vec<&Prediction>> = groups.into_values().collect();
    if groups.len() < 2 {
        return String::new();
    }
    // No interval for the ECE: resampling with replacement inflates it (duplicated documents
    // fill the bins less evenly), so its interval would not be centred on anything useful.
    // The sampling floor below is the yardstick for it.
    type Slice = (&'static str, fn(&Prediction) -> bool);
    let slices: [Slice; 3] = [
        ("MT vs human translation", is_ht),
        ("MT vs original", is_orig),
        ("MT vs human + original", not_mt),
    ];
    let figure = |preds: &[&Prediction], (_, neg): &Slice| {
        metrics(&points(preds.iter().copied(), neg, &is_mt)).roc_auc
    };
    let mut rng = Rng::new(1);
    let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(RESAMPLES); slices.len()];
    let mut sample: Vec<&Prediction> = Vec::with_capacity(set.len() * 2);
    for _ in 0..RESAMPLES {
        sample.clear();
        for _ in 0..groups.len() {
            sample.extend(&groups[rng.below(groups.len())]);
        }
        for (d, slice) in draws.iter_mut().zip(&slices) {
            let v = figure(&sample, slice);
            if v.is_finite() {
                d.push(v);
            }
        }
    }
    let mut out = format!(
        "\nUncertainty ({RESAMPLES} resamples of the {} source documents, each with all its \
         versions):\n\n| ROC-AUC | value | 95% interval |\n|---|---:|---:|\n",
        groups.len()
    );
    for (d, slice) in draws.iter_mut().zip(&slices) {
        let v = figure(set, slice);
        if d.is_empty() || !v.is_finite() {
            continue;
        }
        let (lo, hi) = interval(d);
        let _ = writeln!(out, "| {} | {v:.3} | {lo:.3}–{hi:.3} |", slice.0);
    }
    let all = points(set.iter().copied(), &not_mt, &is_mt);
    let (mean, p95) = ece_floor(&all, &mut rng);
    let _ = writeln!(
        out,
        "\nECE of a detector whose probabilities are exactly right, from sampling alone on these \
         {} documents: mean {mean:.3}, 95th percentile {p95:.3}.",
        all.len()
    );
    out
}

/// Reliability of P(MT) against everything else: per tenth of the probability scale, the
/// mean predicted probability beside the observed share of machine translations (weighted).
fn reliability(points: &[Point]) -> String {
    let mut bins = [(0.0f64, 0.0f64, 0.0f64, 0usize); 10];
    for &(p, pos, w) in points {
        let b = &mut bins[((p * 10.0) as usize).min(9)];
        b.0 += w;
        b.1 += w * p;
        b.2 += w * f64::from(u8::from(pos));
        b.3 += 1;
    }
    let mut out = String::from(
        "\nReliability (MT vs human + original):\n\n\
         | P(MT) | documents | mean P(MT) | share MT |\n|---|---:|---:|---:|\n",
    );
    for (i, b) in bins.iter().enumerate().filter(|(_, b)| b.3 > 0) {
        let _ = writeln!(
            out,
            "| {:.1}–{:.1} | {} | {:.3} | {:.3} |",
            i as f64 / 10.0,
            (i + 1) as f64 / 10.0,
            b.3,
            b.1 / b.0.max(1e-12),
            b.2 / b.0.max(1e-12)
        );
    }
    out
}

/// The leave-one-language-out table.
pub fn report_lolo(results: &[(String, Vec<Prediction>)]) -> String {
    let mut out = String::from("## Leave one source language out (clean documents)\n\n");
    out.push_str(HEADER);
    for (lang, preds) in results {
        let clean: Vec<&Prediction> = preds.iter().filter(|p| !p.augmented).collect();
        let m = metrics(&points(clean.iter().copied(), &is_ht, &is_mt));
        row(
            &mut out,
            &format!("{lang} held out: MT vs human translation"),
            &m,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_inverted_rankings() {
        let perfect = [
            (0.9, true, 1.0),
            (0.8, true, 1.0),
            (0.2, false, 1.0),
            (0.1, false, 1.0),
        ];
        let m = metrics(&perfect);
        assert_eq!(m.roc_auc, 1.0);
        assert_eq!(m.pr_auc, 1.0);
        assert_eq!(m.f1, 1.0);
        assert_eq!(m.precision_at_recall_90, 1.0);
        assert_eq!(m.recall_at_precision_95, 1.0);
        let inverted: Vec<Point> = perfect.iter().map(|&(p, y, w)| (1.0 - p, y, w)).collect();
        assert_eq!(metrics(&inverted).roc_auc, 0.0);
    }

    #[test]
    fn ties_count_half_and_weights_count() {
        let tied = [(0.5, true, 1.0), (0.5, false, 1.0)];
        assert_eq!(metrics(&tied).roc_auc, 0.5);
        // One positive below one negative: AUC 0.5 with equal weights, 0.75 when the
        // well-ranked pair weighs twice as much... by weighting the second positive.
        let pts = [(0.9, true, 1.0), (0.6, false, 1.0), (0.3, true, 1.0)];
        assert!((metrics(&pts).roc_auc - 0.5).abs() < 1e-12);
        let weighted = [(0.9, true, 3.0), (0.6, false, 1.0), (0.3, true, 1.0)];
        assert!((metrics(&weighted).roc_auc - 0.75).abs() < 1e-12);
    }

    #[test]
    fn calibration_measures() {
        // Predicting 0.7 for a set that is 70% positive is perfectly calibrated.
        let pts: Vec<Point> = (0..10).map(|i| (0.7, i < 7, 1.0)).collect();
        let m = metrics(&pts);
        assert!(m.ece < 1e-12, "{m:?}");
        assert!((m.brier - 0.21).abs() < 1e-12);
        let over: Vec<Point> = (0..10).map(|i| (0.95, i < 5, 1.0)).collect();
        assert!((metrics(&over).ece - 0.45).abs() < 1e-12);
    }

    #[test]
    fn precision_and_recall_targets() {
        // Ranking: + + - + - ; recall 0.9 needs all 3 positives: precision 3/4.
        let pts = [
            (0.9, true, 1.0),
            (0.8, true, 1.0),
            (0.7, false, 1.0),
            (0.6, true, 1.0),
            (0.5, false, 1.0),
        ];
        let m = metrics(&pts);
        assert!((m.precision_at_recall_90 - 0.75).abs() < 1e-12);
        assert!((m.recall_at_precision_95 - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn only_the_first_files_documents_are_scored_and_weighed_among_themselves() {
        let mut samples = crate::mt::train::tests::toy_samples();
        // A second file with two more machine translations of group g0.
        let extra: Vec<Sample> = samples
            .iter()
            .filter(|s| s.group == "g0" && s.label == Label::Machine)
            .flat_map(|s| [s.clone(), s.clone()])
            .map(|s| Sample { file: 1, ..s })
            .collect();
        samples.extend(extra);
        train::set_weights(&mut samples);
        let all: Vec<&Sample> = samples.iter().collect();
        // The smallest training that gives a model: what is asserted is which documents are
        // scored and how they are weighed, not how well (the default 5 folds x 3 strengths
        // took minutes in a debug build).
        let opts = Options {
            folds: 2,
            lambdas: vec![0.1],
            ..Options::default()
        };
        let model = Model::from_file(train::train(&all, &opts, &mut |_| {})).expect("model");
        let preds = score_evaluated(&model, &all);
        assert_eq!(preds.len(), 36, "12 groups x 3 documents of the first file");
        // The g0 machine translation is alone among the scored documents: weight 1, not 1/3.
        assert!(preds.iter().all(|p| p.weight == 1.0), "{preds:?}");
    }

    #[test]
    fn sampling_alone_gives_a_calibrated_detector_an_ece_that_shrinks_with_more_documents() {
        let mut rng = Rng::new(7);
        let at = |n: usize, rng: &mut Rng| {
            let points: Vec<Point> = (0..n).map(|i| (0.3, i % 10 < 3, 1.0)).collect();
            ece_floor(&points, rng)
        };
        let (small, small95) = at(100, &mut rng);
        let (large, _) = at(10_000, &mut rng);
        // One bin of n documents at p = 0.3: E|share - 0.3| is about 0.8 * sqrt(0.21 / n).
        assert!((0.025..0.05).contains(&small), "{small}");
        assert!(small95 > small, "{small95} {small}");
        assert!(large < 0.006, "{large}");
        // Certain probabilities leave nothing to chance.
        let certain: Vec<Point> = (0..50)
            .map(|i| (f64::from(i % 2), i % 2 == 1, 1.0))
            .collect();
        assert_eq!(ece_floor(&certain, &mut rng), (0.0, 0.0));
    }

    #[test]
    fn intervals_resample_whole_groups() {
        let p = |prob: f64, label: Label, group: &str| Prediction {
            probability: prob,
            translated: prob,
            machine_given_translated: prob,
            label,
            source_lang: "de".into(),
            tier: None,
            augmented: false,
            weight: 1.0,
            group: group.into(),
            source_guess: None,
            truncated: None,
        };
        // Perfectly separated: every resample keeps an AUC of 1.
        let mut preds = Vec::new();
        for g in 0..20 {
            let g = format!("g{g}");
            preds.push(p(0.9, Label::Machine, &g));
            preds.push(p(0.1, Label::Human, &g));
        }
        let refs: Vec<&Prediction> = preds.iter().collect();
        let text = uncertainty(&refs);
        assert!(text.contains("of the 20 source documents"), "{text}");
        assert!(
            text.contains("| MT vs human translation | 1.000 | 1.000–1.000 |"),
            "{text}"
        );
        // No originals: no row for them.
        assert!(!text.contains("MT vs original"), "{text}");
        // Half the groups ranked the wrong way round: the interval spans the value.
        for (i, pair) in preds.chunks_mut(2).enumerate() {
            if i % 2 == 0 {
                pair[0].probability = 0.1;
                pair[1].probability = 0.9;
            }
        }
        let refs: Vec<&Prediction> = preds.iter().collect();
        let text = uncertainty(&refs);
        let row = text
            .lines()
            .find(|l| l.starts_with("| MT vs human translation |"))
            .expect("row");
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let (lo, hi) = cells[3].split_once('–').expect("interval");
        let (lo, hi): (f64, f64) = (lo.parse().expect("lo"), hi.parse().expect("hi"));
        assert!(lo < 0.5 && 0.5 < hi && hi - lo > 0.2, "{row}");
    }

    #[test]
    fn predictions_are_json_lines() {
        let p = Prediction {
            probability: 0.25,
            translated: 0.5,
            machine_given_translated: 0.5,
            label: Label::Human,
            source_lang: "de".into(),
            tier: None,
            augmented: false,
            weight: 1.0,
            group: "g".into(),
            source_guess: None,
            truncated: None,
        };
        let v: serde_json::Value = serde_json::from_str(&p.to_json()).expect("json");
        assert_eq!(v["label"], "human_translation");
        assert_eq!(v["probability"], 0.25);
    }

    #[test]
    fn report_has_slices() {
        let p = |prob: f64, label: Label, lang: &str, tier: Option<&str>| Prediction {
            probability: prob,
            translated: prob,
            machine_given_translated: prob,
            label,
            source_lang: lang.into(),
            tier: tier.map(String::from),
            augmented: false,
            weight: 1.0,
            group: format!("{lang}{prob}"),
            source_guess: Some("de".into()),
            truncated: None,
        };
        let preds = [
            p(0.9, Label::Machine, "de", Some("strong")),
            p(0.2, Label::Human, "de", None),
            p(0.1, Label::Original, "en", None),
        ];
        let text = report("test", &preds);
        assert!(
            text.contains("| MT vs human translation | 1 | 1 | 1.000"),
            "{text}"
        );
        assert!(text.contains("from de: MT vs original"));
        assert!(text.contains("strong MT systems vs human translation"));
        assert!(text.contains("100.0% right"));
        assert!(text.contains("| 0.9–1.0 | 1 | 0.900 | 1.000 |"), "{text}");
        assert!(text.contains("| 0.1–0.2 | 1 | 0.100 | 0.000 |"), "{text}");
    }
}
