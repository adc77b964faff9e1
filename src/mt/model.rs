//! The detector's model file: its JSON form (versioned, tied to a feature-spec hash), loading
//! (embedded default or `--model FILE`) and scoring. Training lives in `train`.
//!
//! P(machine-translated) factors into two L2-regularised logistic regressions over
//! standardised style features, artifact rates, skeleton and word n-gram buckets:
//! P(translated) (translated text against English originals, `translated`) times
//! P(machine | translated) (machine against human translation, `mt`), each mapped to a
//! probability by Platt scaling fitted on out-of-fold scores. Originals and translations
//! differ in ways (topic, names, idiom) that have nothing to do with how a translation was
//! made; a single scorer against both at once spends its weights on the easy contrast. A model
//! without `translated` scores with `mt` alone. A multinomial regression over style and
//! skeleton features guesses the source language of translated text.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

pub use super::features::Kind;
use super::features::{self, Features, SHAPE_CHAR_BUCKETS, SKELETON_BUCKETS, WORD_BUCKETS};
pub use super::model_file::{
    Bands, Gate, Linear, ModelFile, Platt, Provenance, Reference, Scaling, SourceModel,
};
use crate::error::Error;

/// The model shipped in the binary: `models/mt-v1.json`, packed by `build.rs` into postcard,
/// which loads in a tenth of the time JSON takes (issue 17: every run pays it at start-up).
const EMBEDDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/mt-v1.postcard"));

pub const FORMAT: &str = "calq-mt-model";
pub const FORMAT_VERSION: u32 = 2;

/// A standardised style feature is clipped to this many standard deviations, so one odd
/// document (a page of link lists) cannot swing the score on a single rate.
const CLIP: f64 = 5.0;

impl Platt {
    /// The calibrated probability of a raw score whose artifact part is `art`.
    pub fn probability(&self, score: f64, art: f64) -> f64 {
        let c = self.artifacts.unwrap_or(self.a);
        sigmoid(self.a * (score - art) + c * art + self.b)
    }
}

/// A scorer compiled to the feature layout of this build.
#[derive(Debug, Clone)]
pub struct Compiled {
    intercept: f64,
    style: Vec<f64>,
    artifacts: HashMap<String, f64>,
    skeleton: Vec<f64>,
    /// Word n-gram weights by bucket, sorted (the source-language classes'; the P(MT)
    /// scorers' live in `Model::word_rows`).
    words: Vec<(u32, f64)>,
    /// Weights of the skeletons' character n-grams by bucket; empty when the scorer has none.
    shape_chars: Vec<f64>,
}

/// A loaded model, ready to score.
#[derive(Debug, Clone)]
pub struct Model {
    pub file: ModelFile,
    mean: Vec<f64>,
    sd: Vec<f64>,
    /// By word bucket: IDF (0: not in the vocabulary), the machine scorer's weight and the
    /// translated scorer's, side by side so that a document's word n-gram costs one cache
    /// miss, not three (f32: a quarter-million buckets).
    word_rows: Vec<[f32; 3]>,
    mt: Compiled,
    translated: Option<Compiled>,
    /// The source-language classes (their skeleton and character weights moved to the two
    /// tables below).
    source: Vec<(String, Compiled)>,
    /// The source classes' skeleton weights by bucket, then class (a bucket's weights for
    /// every class side by side: a document's n-gram costs one cache miss, not one per class).
    source_skeleton: Vec<f64>,
    /// The same for the skeleton character n-grams; empty when the classes have none.
    source_chars: Vec<f64>,
    /// Whether any source class weighs a style rate (the shipped ones do not).
    source_style: bool,
    /// Style feature indices in the order of their names.
    style_order: Vec<usize>,
}

/// One feature's (or feature group's) share of the score, in calibrated logit units of both
/// scorers added up.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution<'a> {
    /// The style feature's name, the artifact's, or `skeleton` or `words` for those totals.
    pub feature: &'a str,
    pub kind: Kind,
    pub value: f64,
    pub weight: f64,
}

/// A scored document: calibrated probability, its two factors, and what each feature
/// contributed ([`Scored::contributions`]).
#[derive(Debug, Clone)]
pub struct Scored {
    pub probability: f64,
    /// Calibrated P(machine | translated).
    pub machine_given_translated: f64,
    /// Calibrated P(translated); 1 for a model without the translated-vs-original scorer.
    pub translated: f64,
    /// Standardised style values.
    z: Vec<f64>,
    /// Each feature's share before the last calibration step, and that step's slope.
    shares: Shares,
    slope: f64,
}

impl Scored {
    /// One contribution per feature that a scorer weighs: the style features in name order,
    /// then the artifacts (in name order), then `skeleton` and `words`. Evidence sums each
    /// group in this order, so its figures do not depend on how the groups interleave.
    /// Computed as they are read: the evidence needs only sums and a few of them.
    pub fn contributions<'a>(
        &'a self,
        model: &'a Model,
        f: &'a Features,
    ) -> impl Iterator<Item = Contribution<'a>> + 'a {
        let names = features::style_names();
        let slope = self.slope;
        let style = model.style_order.iter().filter_map(move |&i| {
            let weight = (*self.shares.style.get(i)?)?;
            Some(Contribution {
                feature: names.get(i)?.as_str(),
                kind: features::style_kind(i),
                value: *self.z.get(i)?,
                weight: weight * slope,
            })
        });
        let artifacts = f.artifacts.iter().zip(&self.shares.artifacts).filter_map(
            move |((name, &value), w)| {
                w.map(|weight| Contribution {
                    feature: name.as_str(),
                    kind: Kind::Artifact,
                    value,
                    weight: weight * slope,
                })
            },
        );
        let totals = [
            ("skeleton", Kind::Skeleton, self.shares.skeleton),
            ("words", Kind::Words, self.shares.words),
        ]
        .into_iter()
        .map(move |(feature, kind, weight)| Contribution {
            feature,
            kind,
            value: 1.0,
            weight: weight * slope,
        });
        style.chain(artifacts).chain(totals)
    }
}

impl Model {
    /// The model embedded in the binary, parsed once per process.
    pub fn embedded() -> Result<Arc<Model>, Error> {
        static MODEL: OnceLock<Result<Arc<Model>, String>> = OnceLock::new();
        MODEL
            .get_or_init(|| {
                postcard::from_bytes::<ModelFile>(EMBEDDED)
                    .map_err(|e| e.to_string())
                    .and_then(Model::from_file)
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
        validate(&file)?;
        let names = features::style_names();
        let mut mean = vec![0.0; names.len()];
        let mut sd = vec![1.0; names.len()];
        for (i, n) in names.iter().enumerate() {
            if let Some(&(m, s)) = file.scaling.style.get(n) {
                mean[i] = m;
                sd[i] = if s > 1e-12 { s } else { 1.0 };
            }
        }
        let mut style_order: Vec<usize> = (0..names.len()).collect();
        style_order.sort_by_key(|&i| names[i].as_str());
        let mut word_rows = vec![[0f32; 3]; WORD_BUCKETS as usize];
        let columns = [
            ("word_idf", Some(&file.word_idf)),
            ("mt.words", Some(&file.mt.words)),
            (
                "translated.words",
                file.translated.as_ref().map(|g| &g.linear.words),
            ),
        ];
        for (col, (what, entries)) in columns.iter().enumerate() {
            for &(k, v) in entries.iter().copied().flatten() {
                let row = word_rows
                    .get_mut(k as usize)
                    .ok_or_else(|| format!("{what}: word bucket {k} out of range"))?;
                if row[col] != 0.0 {
                    return Err(format!("{what}: word bucket {k} listed twice"));
                }
                row[col] = v as f32;
            }
        }
        // A bucket outside the vocabulary (no positive IDF) is never scored: its row is all
        // zeros, so `score` can add every row without a branch. The trainer fits only buckets
        // of the vocabulary, so a weight there means the vocabulary was cut short.
        for (k, row) in word_rows.iter_mut().enumerate() {
            if row[0].is_nan() || row[0] <= 0.0 {
                if row[1] != 0.0 || row[2] != 0.0 {
                    let what = if row[1] != 0.0 {
                        "mt.words"
                    } else {
                        "translated.words"
                    };
                    return Err(no_idf(k, what, file.word_idf.len()));
                }
                row[0] = 0.0;
            }
        }
        for (lang, lin) in &file.source.classes {
            if let Some(&(k, _)) = lin.words.iter().find(|&&(k, _)| {
                word_rows
                    .get(k as usize)
                    .is_none_or(|r| r[0].is_nan() || r[0] <= 0.0)
            }) {
                let what = format!("source.{lang}.words");
                return Err(no_idf(k as usize, &what, file.word_idf.len()));
            }
        }
        let mt = compile(&file.mt)?;
        let translated = file
            .translated
            .as_ref()
            .map(|g| compile(&g.linear))
            .transpose()?;
        let mut source: Vec<(String, Compiled)> = file
            .source
            .classes
            .iter()
            .map(|(lang, lin)| compile(lin).map(|c| (lang.clone(), c)))
            .collect::<Result<_, _>>()?;
        let source_skeleton = by_bucket(&mut source, |c| &mut c.skeleton);
        let source_chars = by_bucket(&mut source, |c| &mut c.shape_chars);
        let source_style = source
            .iter()
            .any(|(_, c)| c.style.iter().any(|&w| w != 0.0));
        Ok(Model {
            file,
            mean,
            sd,
            word_rows,
            mt,
            translated,
            source,
            source_skeleton,
            source_chars,
            source_style,
            style_order,
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
        // Both scorers' word n-gram scores and the TF-IDF norm in one pass over the table
        // (the same figures as scoring `tf_idf`'s normalised vector, up to rounding). A bucket
        // outside the vocabulary (IDF 0) adds zeros: no branch on the row just read, so the
        // rows' cache misses overlap (the table is larger than the caches).
        let (mut words_m, mut words_t, mut norm) = (0.0, 0.0, 0.0);
        for &(k, v) in &f.words_ngrams {
            let r = self.word_rows.get(k as usize).copied().unwrap_or_default();
            let x = v * f64::from(r[0]);
            norm += x * x;
            words_m += f64::from(r[1]) * x;
            words_t += f64::from(r[2]) * x;
        }
        if norm > 0.0 {
            let norm = norm.sqrt();
            words_m /= norm;
            words_t /= norm;
        }
        let x = Inputs { f, z: &z };
        let mut shares = Shares {
            style: vec![None; z.len()],
            artifacts: vec![None; f.artifacts.len()],
            skeleton: 0.0,
            words: 0.0,
        };
        let c = self.file.calibration;
        let (s_m, art_m) = linear_score(&self.mt, &x, words_m, c, &mut shares);
        let p_m = c.probability(s_m, art_m);
        let p_t = match (&self.translated, &self.file.translated) {
            (Some(t), Some(g)) => {
                let ct = g.calibration;
                let (s_t, art_t) = linear_score(t, &x, words_t, ct, &mut shares);
                ct.probability(s_t, art_t)
            }
            _ => 1.0,
        };
        let (probability, slope) = match self.file.overall {
            Some(o) => (o.probability(logit(p_t * p_m), 0.0), o.a),
            None => (p_t * p_m, 1.0),
        };
        Scored {
            probability,
            machine_given_translated: p_m,
            translated: p_t,
            z,
            shares,
            slope,
        }
    }

    /// Source-language probabilities from style alone, most likely first.
    pub fn source_probabilities(&self, f: &Features) -> Vec<(String, f64)> {
        if self.source.is_empty() {
            return Vec::new();
        }
        let z = if self.source_style {
            self.standardise(f)
        } else {
            Vec::new()
        };
        let t = self.file.source.temperature.max(1e-6);
        let words = if self.source.iter().any(|(_, c)| !c.words.is_empty()) {
            tf_idf(&f.words_ngrams, |k| {
                self.word_rows
                    .get(k as usize)
                    .map_or(0.0, |r| f64::from(r[0]))
            })
        } else {
            Vec::new()
        };
        let k = self.source.len();
        let skeleton = dot_by_bucket(&self.source_skeleton, k, f.skeleton());
        let chars = if self.source_chars.is_empty() {
            vec![0.0; k]
        } else {
            dot_by_bucket(&self.source_chars, k, &f.shape_chars())
        };
        let scores: Vec<f64> = self
            .source
            .iter()
            .zip(skeleton.iter().zip(&chars))
            .map(|((_, c), (skeleton, chars))| {
                let w: f64 = words
                    .iter()
                    .filter_map(|&(k, v)| {
                        c.words
                            .binary_search_by_key(&k, |e| e.0)
                            .ok()
                            .map(|i| c.words[i].1 * v)
                    })
                    .sum();
                (c.intercept
                    + z.iter().zip(&c.style).map(|(x, w)| x * w).sum::<f64>()
                    + skeleton
                    + chars
                    + w)
                    / t
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

/// Checks the parts of a model file the scorers read by name against the feature
/// specification, so that a truncated or hand-edited file is refused when it is loaded,
/// never scored wrong in silence. The weight lists are sparse (a weight left out is a zero
/// weight, and the trainer leaves out the small ones), so a shorter list is not by itself an
/// error; what the scorers need is checked instead: here, a mean and standard deviation for
/// every style feature a scorer weighs, word weights of the source classes in increasing
/// order (they are binary-searched), and verdict bands in order; where the bucket lists are
/// read into tables (`from_file`, [`compile`]), buckets in range, each listed once, and an
/// IDF for every word bucket a scorer weighs.
fn validate(file: &ModelFile) -> Result<(), String> {
    let names = features::style_names();
    let known: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
    for (name, &(m, s)) in &file.scaling.style {
        if !known.contains(name.as_str()) {
            return Err(format!("scaling: unknown style feature `{name}`"));
        }
        if !m.is_finite() || !s.is_finite() || s < 0.0 {
            return Err(format!(
                "scaling: style feature `{name}` has mean {m} and standard deviation {s}"
            ));
        }
    }
    let mut scorers: Vec<(String, &Linear)> = vec![("mt".into(), &file.mt)];
    if let Some(g) = &file.translated {
        scorers.push(("translated".into(), &g.linear));
    }
    for (lang, lin) in &file.source.classes {
        scorers.push((format!("source.{lang}"), lin));
    }
    for (scorer, lin) in &scorers {
        if let Some(name) = lin
            .style
            .keys()
            .find(|n| known.contains(n.as_str()) && !file.scaling.style.contains_key(*n))
        {
            return Err(format!(
                "scaling has {} of the {} style features, and `{name}`, which `{scorer}` weighs, is missing: the file looks truncated; retrain it with `calq mt train`",
                file.scaling.style.len(),
                names.len()
            ));
        }
    }
    for (lang, lin) in &file.source.classes {
        let what = format!("source.{lang}.words");
        let mut last: Option<u32> = None;
        for &(k, _) in &lin.words {
            if last.is_some_and(|l| k <= l) {
                return Err(format!(
                    "{what}: word bucket {k} out of order; buckets are listed once each, in increasing order"
                ));
            }
            last = Some(k);
        }
    }
    let b = file.bands;
    if !(0.0 <= b.human_below && b.human_below <= b.machine_from && b.machine_from <= 1.0) {
        return Err(format!(
            "bands: human_below {} and machine_from {} must satisfy 0 <= human_below <= machine_from <= 1",
            b.human_below, b.machine_from
        ));
    }
    Ok(())
}

/// The error for a word weight whose bucket has no IDF in the vocabulary.
fn no_idf(bucket: usize, what: &str, vocabulary: usize) -> String {
    format!(
        "{what}: word bucket {bucket} has a weight but no IDF in word_idf ({vocabulary} buckets): the file looks truncated; retrain it with `calq mt train`"
    )
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
    // Empty when the scorer weighs no skeleton n-gram: scoring then never asks for them.
    let mut skeleton = Vec::new();
    if !lin.skeleton.is_empty() {
        skeleton = vec![0.0; SKELETON_BUCKETS as usize];
        dense(&mut skeleton, &lin.skeleton, "skeleton")?;
    }
    let mut shape_chars = Vec::new();
    if !lin.shape_chars.is_empty() {
        shape_chars = vec![0.0; SHAPE_CHAR_BUCKETS as usize];
        dense(&mut shape_chars, &lin.shape_chars, "shape character")?;
    }
    if !lin.intercept.is_finite() {
        return Err("intercept is not a finite number".into());
    }
    Ok(Compiled {
        intercept: lin.intercept,
        style,
        artifacts: lin.artifacts.iter().map(|(k, v)| (k.clone(), *v)).collect(),
        skeleton,
        words: lin.words.clone(),
        shape_chars,
    })
}

/// Reads a sparse list of (bucket, weight) into a table by bucket: every bucket in range and
/// listed once (a second weight would overwrite the first).
fn dense(table: &mut [f64], list: &[(u32, f64)], what: &str) -> Result<(), String> {
    for &(k, w) in list {
        let slot = table
            .get_mut(k as usize)
            .ok_or_else(|| format!("{what} bucket {k} out of range"))?;
        if *slot != 0.0 {
            return Err(format!("{what} bucket {k} listed twice"));
        }
        *slot = w;
    }
    Ok(())
}

/// TF-IDF of a document's word n-grams: sublinear term frequencies times the IDF of each
/// bucket, buckets outside the vocabulary (IDF 0) dropped, L2-normalised. Shared by training
/// and scoring so both see the same vector.
pub fn tf_idf(tf: &[(u32, f64)], idf: impl Fn(u32) -> f64) -> Vec<(u32, f64)> {
    let mut out: Vec<(u32, f64)> = tf
        .iter()
        .filter_map(|&(k, v)| {
            let w = idf(k);
            (w > 0.0).then_some((k, v * w))
        })
        .collect();
    let norm = out.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, v) in &mut out {
            *v /= norm;
        }
    }
    out
}

/// What the scorers read of one document.
struct Inputs<'a> {
    f: &'a Features,
    /// Standardised style values.
    z: &'a [f64],
}

/// Per-feature shares of the scorers in calibrated logit units, in layout order: `None`
/// where no scorer weighs the feature.
#[derive(Debug, Clone)]
struct Shares {
    style: Vec<Option<f64>>,
    /// Parallel to the document's artifacts.
    artifacts: Vec<Option<f64>>,
    skeleton: f64,
    words: f64,
}

fn add_share(slot: &mut Option<f64>, weight: f64) {
    *slot = Some(slot.map_or(weight, |w| w + weight));
}

/// A scorer's raw score and its artifact part. Its shares, times its calibration slope (so
/// the shares of different scorers share a unit), are added to `shares`. `wd` is its score of the document's TF-IDF word n-grams.
fn linear_score(
    m: &Compiled,
    x: &Inputs,
    wd: f64,
    platt: Platt,
    shares: &mut Shares,
) -> (f64, f64) {
    let (f, z) = (x.f, x.z);
    let scale = platt.a;
    let art_scale = platt.artifacts.unwrap_or(platt.a);
    let mut art = 0.0;
    let mut score = m.intercept;
    for ((slot, x), w) in shares.style.iter_mut().zip(z).zip(&m.style) {
        if *w != 0.0 {
            score += w * x;
            add_share(slot, scale * w * x);
        }
    }
    for (slot, (name, x)) in shares.artifacts.iter_mut().zip(&f.artifacts) {
        if let Some(w) = m.artifacts.get(name) {
            score += w * x;
            art += w * x;
            add_share(slot, art_scale * w * x);
        }
    }
    let sk = if m.skeleton.is_empty() {
        0.0
    } else {
        dot_skeleton(&m.skeleton, f.skeleton())
    };
    score += sk;
    shares.skeleton += scale * sk;
    score += wd;
    shares.words += scale * wd;
    (score, art)
}

/// Moves each class's dense weights (`field`) into one table by bucket, then class; an
/// empty table when no class has any.
fn by_bucket(
    classes: &mut [(String, Compiled)],
    field: impl Fn(&mut Compiled) -> &mut Vec<f64>,
) -> Vec<f64> {
    let k = classes.len();
    let buckets = classes
        .iter_mut()
        .map(|(_, c)| field(c).len())
        .max()
        .unwrap_or(0);
    let mut table = vec![0.0; buckets * k];
    for (class, (_, c)) in classes.iter_mut().enumerate() {
        for (b, w) in std::mem::take(field(c)).into_iter().enumerate() {
            if let Some(slot) = table.get_mut(b * k + class) {
                *slot = w;
            }
        }
    }
    table
}

/// Each class's dot product with a sparse vector, from a table by bucket, then class.
fn dot_by_bucket(table: &[f64], k: usize, x: &[(u32, f64)]) -> Vec<f64> {
    let mut sums = vec![0.0; k];
    for &(b, v) in x {
        let start = b as usize * k;
        if let Some(row) = table.get(start..start + k) {
            for (s, w) in sums.iter_mut().zip(row) {
                *s += w * v;
            }
        }
    }
    sums
}

fn dot_skeleton(weights: &[f64], x: &[(u32, f64)]) -> f64 {
    x.iter()
        .map(|&(k, v)| weights.get(k as usize).copied().unwrap_or(0.0) * v)
        .sum()
}

/// The log-odds of a probability, kept finite.
pub fn logit(p: f64) -> f64 {
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    (p / (1.0 - p)).ln()
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
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn embedded_model_loads_and_matches_the_feature_spec() {
        let m = Model::embedded().expect("embedded model is valid");
        assert_eq!(m.file.feature_spec, features::spec_hash());
    }

    #[test]
    fn the_packed_embedded_model_is_the_json_file() {
        let json: ModelFile = serde_json::from_str(include_str!("../../models/mt-v1.json"))
            .expect("models/mt-v1.json parses");
        let packed = Model::embedded().expect("embedded model is valid");
        assert!(packed.file == json, "build.rs packed another model");
        // Every field survives a round trip, the optional ones too: postcard has no field
        // names, so a field skipped when empty would shift every field after it.
        let mut full = json.clone();
        full.overall = None;
        full.calibration.artifacts = Some(0.5);
        full.provenance.l2_translated = None;
        let bytes = postcard::to_allocvec(&full).expect("packs");
        let back: ModelFile = postcard::from_bytes(&bytes).expect("unpacks");
        assert!(back == full);
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

    /// The embedded model's file with `edit` applied, loaded: the error, if any.
    fn load_edited(edit: impl FnOnce(&mut ModelFile)) -> Result<(), String> {
        let mut file = Model::embedded()
            .expect("embedded model is valid")
            .file
            .clone();
        edit(&mut file);
        Model::from_file(file).map(|_| ())
    }

    #[test]
    fn a_model_with_truncated_or_disordered_weight_lists_is_refused() {
        // The style scaling cut short: the features the scorers weigh lose their mean and
        // standard deviation, and would be read unstandardised.
        let err = load_edited(|f| {
            let kept: BTreeMap<String, (f64, f64)> = f
                .scaling
                .style
                .iter()
                .take(10)
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            f.scaling.style = kept;
        })
        .expect_err("truncated scaling");
        assert!(
            err.contains("scaling") && err.contains("10 of") && err.contains("truncated"),
            "{err}"
        );
        let err = load_edited(|f| {
            f.scaling.style.insert("fw:nonsense".into(), (0.0, 1.0));
        })
        .expect_err("unknown scaling name");
        assert!(err.contains("fw:nonsense"), "{err}");
        // The vocabulary cut short: word weights without an IDF would never be scored.
        let err = load_edited(|f| f.word_idf.truncate(100)).expect_err("truncated word_idf");
        assert!(
            err.contains("word_idf") && err.contains(".words") && err.contains("truncated"),
            "{err}"
        );
        // A bucket listed twice (two pieces pasted together) would overwrite a weight.
        let err = load_edited(|f| f.mt.skeleton = vec![(5, 0.25), (5, 0.5)])
            .expect_err("duplicate skeleton bucket");
        assert!(err.contains("skeleton") && err.contains("twice"), "{err}");
        let err = load_edited(|f| {
            let first = f.word_idf[0];
            f.word_idf.push(first);
        })
        .expect_err("duplicate word_idf bucket");
        assert!(err.contains("word_idf") && err.contains("twice"), "{err}");
        // Source classes' word weights are binary-searched: in order, and in the vocabulary.
        let err = load_edited(|f| {
            let idf = f.word_idf.clone();
            if let Some(class) = f.source.classes.values_mut().next() {
                class.words = vec![(idf[1].0, 0.5), (idf[0].0, 0.5)];
            }
        })
        .expect_err("source words out of order");
        assert!(err.contains("source.") && err.contains("order"), "{err}");
        let err = load_edited(|f| {
            let idf = f.word_idf.clone();
            let outside = (0..WORD_BUCKETS)
                .find(|k| idf.binary_search_by_key(k, |e| e.0).is_err())
                .expect("a bucket outside the vocabulary");
            if let Some(class) = f.source.classes.values_mut().next() {
                class.words = vec![(outside, 0.5)];
            }
        })
        .expect_err("source word outside the vocabulary");
        assert!(err.contains("source.") && err.contains("no IDF"), "{err}");
        let err = load_edited(|f| {
            f.bands = Bands {
                human_below: 0.8,
                machine_from: 0.7,
            };
        })
        .expect_err("bands out of order");
        assert!(err.contains("bands"), "{err}");
        // Sparse lists may be short: a weight left out is a zero weight.
        load_edited(|f| f.mt.skeleton.truncate(10)).expect("a sparser model is valid");
        load_edited(|f| {
            f.mt.style.clear();
            f.scaling.style.clear();
            if let Some(t) = &mut f.translated {
                t.linear.style.clear();
            }
        })
        .expect("no style weights need no scaling");
    }

    #[test]
    fn skeletons_are_computed_only_for_a_scorer_that_weighs_them() {
        let doc = crate::document::Document::from_text(
            "The minister said that the talks would go on. It is not known when they will end.",
        );
        let m = Model::embedded().expect("embedded model is valid");
        let mut file = m.file.clone();
        file.mt.skeleton.clear();
        if let Some(t) = &mut file.translated {
            t.linear.skeleton.clear();
        }
        let without = Model::from_file(file.clone()).expect("valid model");
        let f = features::extract(&doc, &[]);
        let scored = without.score(&f);
        assert!(
            !f.skeleton_computed(),
            "P(MT) without skeleton weights read them"
        );
        assert_eq!(scored.shares.skeleton, 0.0);
        // The source-language classes weigh them: asking for the language computes them.
        without.source_probabilities(&f);
        assert!(f.skeleton_computed());
        // A scorer with skeleton weights reads them, and they are what extraction gave.
        file.mt.skeleton = vec![(0, 1.0)];
        let with = Model::from_file(file).expect("valid model");
        let g = features::extract(&doc, &[]);
        with.score(&g);
        assert!(g.skeleton_computed());
        assert_eq!(f.skeleton(), g.skeleton());
    }

    #[test]
    fn source_classes_score_skeleton_and_character_weights_by_bucket() {
        // Two classes over the embedded model's other parts: `fr` weighs the document's
        // skeleton and character n-grams positively, `de` negatively.
        let m = Model::embedded().expect("embedded model is valid");
        let doc = crate::document::Document::from_text(
            "The minister said that the talks would go on. It is not known when they will end.",
        );
        let f = features::extract(&doc, &[]);
        let chars = f.shape_chars();
        assert!(!f.skeleton().is_empty() && !chars.is_empty());
        let class = |sign: f64| Linear {
            skeleton: f.skeleton().iter().map(|&(k, _)| (k, sign * 0.5)).collect(),
            shape_chars: chars.iter().map(|&(k, _)| (k, sign * 0.25)).collect(),
            ..Linear::default()
        };
        let mut file = m.file.clone();
        file.source = SourceModel {
            classes: [
                ("de".to_owned(), class(-1.0)),
                ("fr".to_owned(), class(1.0)),
            ]
            .into_iter()
            .collect(),
            min_probability: 0.5,
            temperature: 1.0,
        };
        let model = Model::from_file(file).expect("valid model");
        let p = model.source_probabilities(&f);
        // Each class's score is its weight times the sum of the document's values.
        let sum = |v: &[(u32, f64)]| v.iter().map(|(_, x)| x).sum::<f64>();
        let fr = 0.5 * sum(f.skeleton()) + 0.25 * sum(&chars);
        let expected = 1.0 / (1.0 + (-2.0 * fr).exp());
        assert_eq!(p[0].0, "fr");
        assert!((p[0].1 - expected).abs() < 1e-9, "{p:?} {expected}");
        assert!((p[0].1 + p[1].1 - 1.0).abs() < 1e-12);
    }

    #[test]
    fn tf_idf_drops_unknown_buckets_and_normalises() {
        let tf = [(1, 1.0), (2, 2.0), (3, 5.0)];
        let v = tf_idf(&tf, |k| if k == 3 { 0.0 } else { 1.5 });
        assert_eq!(v.len(), 2);
        let norm: f64 = v.iter().map(|(_, x)| x * x).sum();
        assert!((norm - 1.0).abs() < 1e-12);
        assert!(v[1].1 > v[0].1);
        assert!(tf_idf(&tf, |_| 0.0).is_empty());
    }

    #[test]
    fn platt_weighs_the_artifact_part_apart() {
        let p = Platt {
            a: 1.0,
            b: 0.0,
            artifacts: Some(3.0),
        };
        assert_eq!(p.probability(1.0, 0.0), sigmoid(1.0));
        assert_eq!(p.probability(1.0, 1.0), sigmoid(3.0));
        let plain = Platt::default();
        assert_eq!(plain.probability(2.0, 1.0), sigmoid(2.0));
    }

    #[test]
    fn sigmoid_is_stable() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert!(sigmoid(-800.0) >= 0.0 && sigmoid(800.0) <= 1.0);
    }
}
