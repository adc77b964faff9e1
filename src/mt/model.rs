//! The detector's model file: its JSON form (versioned, tied to a feature-spec hash), loading
//! (embedded default or `--model FILE`) and scoring. Training lives in `train`.
//!
//! The score is an L2-regularised logistic regression over standardised style features, raw
//! artifact rates and L2-normalised skeleton n-gram buckets, mapped to a probability by Platt
//! scaling fitted on out-of-fold scores. A second, multinomial regression over style and
//! skeleton features guesses the source language of translated text.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::features::{self, Features, SKELETON_BUCKETS, WORD_BUCKETS};
use crate::error::Error;

/// The model shipped in the binary.
const EMBEDDED: &str = include_str!("../../models/mt-v1.json");

pub const FORMAT: &str = "calq-mt-model";
pub const FORMAT_VERSION: u32 = 1;

/// A standardised style feature is clipped to this many standard deviations, so one odd
/// document (a page of link lists) cannot swing the score on a single rate.
const CLIP: f64 = 5.0;

/// Weights of one linear scorer, by feature name; skeleton buckets as (bucket, weight).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Linear {
    pub intercept: f64,
    pub style: BTreeMap<String, f64>,
    #[serde(default)]
    pub artifacts: BTreeMap<String, f64>,
    pub skeleton: Vec<(u32, f64)>,
    /// Word n-gram buckets as (bucket, weight); empty for the source-language classes.
    #[serde(default)]
    pub words: Vec<(u32, f64)>,
}

/// Mean and standard deviation of each style feature over the training data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scaling {
    pub style: BTreeMap<String, (f64, f64)>,
}

/// P = 1 / (1 + exp(-(a · score + b))), fitted on out-of-fold scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    pub a: f64,
    pub b: f64,
}

/// Probability bands of the verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Bands {
    /// Below this, "human".
    pub human_below: f64,
    /// At or above this, "machine-translated"; in between, "uncertain".
    pub machine_from: f64,
}

/// Per-class means of a feature over the clean training documents, for evidence sentences
/// ("English originals: 0.0 per 1,000 words").
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub original: f64,
    pub human: f64,
    pub machine: f64,
}

/// The source-language classifier: one linear scorer per language (softmax).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceModel {
    pub classes: BTreeMap<String, Linear>,
    /// Below this probability, style alone is no basis for a guess.
    pub min_probability: f64,
}

/// How and on what the model was trained, for people reading the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub data: Vec<String>,
    pub documents: usize,
    pub augmented: usize,
    pub seed: u64,
    pub folds: usize,
    pub l2: f64,
    pub rules: Vec<String>,
    pub command: String,
}

/// The model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelFile {
    pub format: String,
    pub version: u32,
    /// [`features::spec_hash`] of the build that trained it.
    pub feature_spec: String,
    pub provenance: Provenance,
    pub scaling: Scaling,
    pub mt: Linear,
    pub calibration: Platt,
    pub bands: Bands,
    pub reference: BTreeMap<String, Reference>,
    pub source: SourceModel,
}

/// A scorer compiled to the feature layout of this build.
#[derive(Debug, Clone)]
pub struct Compiled {
    intercept: f64,
    style: Vec<f64>,
    artifacts: HashMap<String, f64>,
    skeleton: Vec<f64>,
    words: HashMap<u32, f64>,
}

/// A loaded model, ready to score.
#[derive(Debug, Clone)]
pub struct Model {
    pub file: ModelFile,
    mean: Vec<f64>,
    sd: Vec<f64>,
    mt: Compiled,
    source: Vec<(String, Compiled)>,
}

/// One feature group's share of the score, in logit units (before calibration).
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub feature: String,
    pub value: f64,
    pub weight: f64,
}

/// A scored document: calibrated probability, raw score, and each feature's contribution.
#[derive(Debug, Clone)]
pub struct Scored {
    pub probability: f64,
    pub score: f64,
    /// Style contributions (by style name), artifact contributions (by artifact name), and
    /// the skeleton's total under the name `skeleton`.
    pub contributions: Vec<Contribution>,
}

impl Model {
    /// The model embedded in the binary, parsed once per process.
    pub fn embedded() -> Result<Arc<Model>, Error> {
        static MODEL: OnceLock<Result<Arc<Model>, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                Model::parse(EMBEDDED)
                    .map(Arc::new)
                    .map_err(|e| format!("embedded model: {e}"))
            })
            .clone()
            .map_err(|message| Error::Config {
                path: "<embedded models/mt-v1.json>".into(),
                message,
            })
    }

    /// Loads a model file; a bad file is an error naming it.
    pub fn load(path: &Path) -> Result<Model, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Model::parse(&text).map_err(|message| Error::Config {
            path: path.to_path_buf(),
            message,
        })
    }

    pub fn parse(text: &str) -> Result<Model, String> {
        let file: ModelFile =
            serde_json::from_str(text).map_err(|e| format!("not a calq MT model: {e}"))?;
        Model::from_file(file)
    }

    pub fn from_file(file: ModelFile) -> Result<Model, String> {
        if file.format != FORMAT {
            return Err(format!("format is `{}`, expected `{FORMAT}`", file.format));
        }
        if file.version != FORMAT_VERSION {
            return Err(format!(
                "model format version {} (this calq reads version {FORMAT_VERSION})",
                file.version
            ));
        }
        let spec = features::spec_hash();
        if file.feature_spec != spec {
            return Err(format!(
                "trained for feature spec {}, but this calq computes spec {spec}; retrain it with `calq mt train`",
                file.feature_spec
            ));
        }
        let names = features::style_names();
        let mut mean = vec![0.0; names.len()];
        let mut sd = vec![1.0; names.len()];
        for (i, n) in names.iter().enumerate() {
            if let Some(&(m, s)) = file.scaling.style.get(n) {
                mean[i] = m;
                sd[i] = if s > 1e-12 { s } else { 1.0 };
            }
        }
        let mt = compile(&file.mt)?;
        let source = file
            .source
            .classes
            .iter()
            .map(|(lang, lin)| compile(lin).map(|c| (lang.clone(), c)))
            .collect::<Result<_, _>>()?;
        Ok(Model {
            file,
            mean,
            sd,
            mt,
            source,
        })
    }

    /// Standardised, clipped style values, in layout order.
    pub fn standardise(&self, f: &Features) -> Vec<f64> {
        f.style
            .iter()
            .zip(self.mean.iter().zip(&self.sd))
            .map(|(x, (m, s))| ((x - m) / s).clamp(-CLIP, CLIP))
            .collect()
    }

    /// P(machine-translated) with the contribution of every feature.
    pub fn score(&self, f: &Features) -> Scored {
        let z = self.standardise(f);
        let names = features::style_names();
        let mut contributions = Vec::with_capacity(names.len() + f.artifacts.len() + 1);
        let mut score = self.mt.intercept;
        for ((name, x), w) in names.iter().zip(&z).zip(&self.mt.style) {
            if *w != 0.0 {
                score += w * x;
                contributions.push(Contribution {
                    feature: name.clone(),
                    value: *x,
                    weight: w * x,
                });
            }
        }
        for (name, x) in &f.artifacts {
            if let Some(w) = self.mt.artifacts.get(name) {
                score += w * x;
                contributions.push(Contribution {
                    feature: name.clone(),
                    value: *x,
                    weight: w * x,
                });
            }
        }
        let sk = dot_skeleton(&self.mt.skeleton, &f.skeleton);
        score += sk;
        contributions.push(Contribution {
            feature: "skeleton".into(),
            value: 1.0,
            weight: sk,
        });
        let wd: f64 = f
            .words_ngrams
            .iter()
            .map(|(k, v)| self.mt.words.get(k).map_or(0.0, |w| w * v))
            .sum();
        score += wd;
        contributions.push(Contribution {
            feature: "words".into(),
            value: 1.0,
            weight: wd,
        });
        let c = self.file.calibration;
        Scored {
            probability: sigmoid(c.a * score + c.b),
            score,
            contributions,
        }
    }

    /// Source-language probabilities from style alone, most likely first.
    pub fn source_probabilities(&self, f: &Features) -> Vec<(String, f64)> {
        if self.source.is_empty() {
            return Vec::new();
        }
        let z = self.standardise(f);
        let scores: Vec<f64> = self
            .source
            .iter()
            .map(|(_, c)| {
                c.intercept
                    + z.iter().zip(&c.style).map(|(x, w)| x * w).sum::<f64>()
                    + dot_skeleton(&c.skeleton, &f.skeleton)
            })
            .collect();
        let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exps: Vec<f64> = scores.iter().map(|s| (s - max).exp()).collect();
        let total: f64 = exps.iter().sum();
        let mut out: Vec<(String, f64)> = self
            .source
            .iter()
            .zip(exps)
            .map(|((lang, _), e)| (lang.clone(), e / total))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out
    }

    pub fn reference(&self, feature: &str) -> Option<&Reference> {
        self.file.reference.get(feature)
    }
}

fn compile(lin: &Linear) -> Result<Compiled, String> {
    let names = features::style_names();
    let mut style = vec![0.0; names.len()];
    for (name, w) in &lin.style {
        let i = names
            .iter()
            .position(|n| n == name)
            .ok_or_else(|| format!("unknown style feature `{name}`"))?;
        style[i] = *w;
    }
    let mut skeleton = vec![0.0; SKELETON_BUCKETS as usize];
    for &(k, w) in &lin.skeleton {
        *skeleton
            .get_mut(k as usize)
            .ok_or_else(|| format!("skeleton bucket {k} out of range"))? = w;
    }
    let mut words = HashMap::with_capacity(lin.words.len());
    for &(k, w) in &lin.words {
        if k >= WORD_BUCKETS {
            return Err(format!("word bucket {k} out of range"));
        }
        words.insert(k, w);
    }
    if !lin.intercept.is_finite() {
        return Err("intercept is not a finite number".into());
    }
    Ok(Compiled {
        intercept: lin.intercept,
        style,
        artifacts: lin.artifacts.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        skeleton,
        words,
    })
}

fn dot_skeleton(weights: &[f64], x: &[(u32, f64)]) -> f64 {
    x.iter()
        .map(|&(k, v)| weights.get(k as usize).copied().unwrap_or(0.0) * v)
        .sum()
}

pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_loads_and_matches_the_feature_spec() {
        let m = Model::embedded().expect("embedded model is valid");
        assert_eq!(m.file.feature_spec, features::spec_hash());
    }

    #[test]
    fn a_model_for_another_spec_is_refused() {
        let m = Model::embedded().expect("embedded model is valid");
        let mut file = m.file.clone();
        file.feature_spec = "0000000000000000".into();
        let err = Model::from_file(file).expect_err("spec mismatch");
        assert!(err.contains("retrain"), "{err}");
        assert!(Model::parse("{}").is_err());
    }

    #[test]
    fn sigmoid_is_stable() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(-800.0) >= 0.0 && sigmoid(800.0) <= 1.0);
    }
}
