//! The MT model file's contents, as `calq mt train` writes them and `--model` reads them (JSON)
//! and as the build packs the embedded model (postcard, see `build.rs`). Plain data with serde
//! only, so that `build.rs` compiles this same file: a field that postcard reads must always
//! be written, so none is skipped when empty.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

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
    /// Buckets of the skeletons' character n-grams as (bucket, weight)
    /// ([`Features::shape_chars`]); only the source-language classes have them.
    #[serde(default)]
    pub shape_chars: Vec<(u32, f64)>,
}

/// Mean and standard deviation of each style feature over the training data.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Scaling {
    pub style: BTreeMap<String, (f64, f64)>,
}

/// P = 1 / (1 + exp(-(a · text + c · artifacts + b))), fitted on out-of-fold scores, where
/// `artifacts` is the part of the score from the findings' rates and `text` the rest; without
/// `c` (`artifacts`), c = a.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Platt {
    pub a: f64,
    pub b: f64,
    #[serde(default)]
    pub artifacts: Option<f64>,
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
    /// Below this calibrated probability, style alone is no basis for a guess: the answer is
    /// "source language unknown". Chosen on out-of-fold predictions (see `train`).
    pub min_probability: f64,
    /// Softmax temperature fitted on out-of-fold scores (calibration); 1 in older files.
    #[serde(default = "one")]
    pub temperature: f64,
}

fn one() -> f64 {
    1.0
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
    /// L2 strength of the translated-vs-original scorer.
    #[serde(default)]
    pub l2_translated: Option<f64>,
    pub rules: Vec<String>,
    pub command: String,
}

/// The translated-vs-original scorer and its calibration.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    pub linear: Linear,
    pub calibration: Platt,
}

impl Default for Platt {
    fn default() -> Platt {
        Platt {
            a: 1.0,
            b: 0.0,
            artifacts: None,
        }
    }
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
    /// Inverse document frequency of each word n-gram bucket in the training vocabulary.
    #[serde(default)]
    pub word_idf: Vec<(u32, f64)>,
    /// Machine against human translation (against everything when `translated` is absent).
    pub mt: Linear,
    pub calibration: Platt,
    /// Translated text against English originals.
    #[serde(default)]
    pub translated: Option<Gate>,
    /// The last step: Platt scaling of logit(P(translated) · P(machine | translated)),
    /// fitted on out-of-fold scores of the training documents without synthetic artifacts
    /// (see `train::overall_calibration`).
    #[serde(default)]
    pub overall: Option<Platt>,
    pub bands: Bands,
    pub reference: BTreeMap<String, Reference>,
    pub source: SourceModel,
}
