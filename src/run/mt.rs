//! `calq mt train` and `calq mt eval`: labelled JSONL in, a model file or metric tables out.
//! Progress goes to standard error, results to standard output.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use super::Outcome;
use crate::atomic;
use crate::cli::{MtCommand, MtTrainingArgs};
use crate::engine::{Engine, Settings};
use crate::error::Error;
use crate::glossary::GlossarySet;
use crate::mt::data::{self, Record};
use crate::mt::model::Model;
use crate::mt::train::{self, Options, Sample};
use crate::mt::{eval, source_eval};
use crate::same_file::Outputs;

pub fn run(
    command: &MtCommand,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    match command {
        MtCommand::Train(args) => {
            // Training reads every file before the model is written: a model written over
            // its own data would destroy the data.
            Outputs::new()
                .with(&args.out, "--out")
                .refuse_inputs(&[&args.data[..], &args.training.source_data[..]].concat())?;
            let opts = options(&args.training);
            let samples = featurize(&args.data, &args.training.source_data, &opts, &[], stderr)?;
            let clean: Vec<&Sample> = samples.iter().collect();
            let mut log = |line: &str| {
                let _ = writeln!(stderr, "{line}");
            };
            let mut file = train::train(&clean, &opts, &mut log);
            let name = |p: &PathBuf| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            };
            file.provenance.data = args
                .data
                .iter()
                .chain(&args.training.source_data)
                .map(name)
                .collect();
            let source_data: String = args
                .training
                .source_data
                .iter()
                .map(|p| format!(" --source-data {}", name(p)))
                .collect();
            file.provenance.command = format!(
                "calq mt train {}{source_data} --source-word-scale {} --source-char-scale {} --seed {} --folds {}{}",
                args.data.iter().map(name).collect::<Vec<_>>().join(" "),
                opts.source_word_scale,
                opts.source_char_scale,
                opts.seed,
                opts.folds,
                if opts.augment { "" } else { " --no-augment" }
            );
            let mut json = serde_json::to_string(&file)
                .map_err(|e| Error::Usage(format!("cannot serialise the model: {e}")))?;
            json.push('\n');
            atomic::write(&args.out, json.as_bytes())?;
            let _ = writeln!(
                stderr,
                "calq: wrote {} ({} documents, {} synthetic reposts, {} bytes)",
                args.out.display(),
                file.provenance.documents,
                file.provenance.augmented,
                json.len()
            );
            Ok(Outcome::default())
        }
        MtCommand::Eval(args) => {
            if let Some(path) = &args.predictions {
                let inputs = [&args.data[..], &args.training.source_data[..]].concat();
                let outputs = Outputs::new().with(path, "--predictions");
                outputs.refuse_inputs(&inputs)?;
                outputs.refuse_inputs(args.model.as_slice())?;
            }
            let base = options(&args.training);
            let opts = Options {
                source_only: args.source_only,
                // Reposts teach the source-language classifier nothing (it skips them).
                augment: base.augment && !args.source_only,
                ..base
            };
            let samples = featurize(
                &args.data,
                &args.training.source_data,
                &opts,
                &args.lengths,
                stderr,
            )?;
            let mut log = |line: &str| {
                let _ = writeln!(stderr, "{line}");
            };
            let mut out = String::new();
            let mut scored: Vec<eval::Prediction> = Vec::new();
            let model_error = |message: String| Error::Config {
                path: PathBuf::from("<trained in memory>"),
                message,
            };
            if let Some(k) = args.cv {
                if k < 2 {
                    return Err(Error::Usage("--cv needs at least 2 folds".into()));
                }
                let (preds, sources) =
                    eval::cross_validate_all(&samples, &opts, k, &mut log).map_err(model_error)?;
                out.push_str(&eval::report(
                    &format!("grouped {k}-fold cross-validation"),
                    &preds,
                ));
                out.push_str(&source_eval::report_lengths(&preds));
                out.push_str(&source_eval::report(&sources));
                scored.extend(preds);
            }
            if args.lolo {
                let results =
                    eval::leave_one_language_out(&samples, &opts, &mut log).map_err(model_error)?;
                out.push_str(&eval::report_lolo(&results));
            }
            if args.cv.is_none() && !args.lolo {
                let model = match &args.model {
                    Some(path) => Arc::new(Model::load(path)?),
                    None => Model::embedded()?,
                };
                let all: Vec<&Sample> = samples.iter().collect();
                let preds = eval::score_evaluated(&model, &all);
                let name = args
                    .model
                    .as_ref()
                    .map_or_else(|| "embedded model".to_owned(), |p| p.display().to_string());
                let seen = trained_on(&args.data, &model.file.provenance.data);
                if !seen.is_empty() {
                    let note = format!(
                        "the {name} was trained on {}: these scores are not held out and overstate its accuracy (`--cv K` cross-validates the training instead)",
                        seen.join(", ")
                    );
                    let _ = writeln!(stderr, "calq: warning: {note}");
                    out.push_str(&format!("Warning: {note}.\n\n"));
                }
                out.push_str(&eval::report(&name, &preds));
                scored.extend(preds);
            }
            if let Some(path) = &args.predictions {
                let lines: String = scored.iter().map(|p| p.to_json() + "\n").collect();
                atomic::write(path, lines.as_bytes())?;
            }
            stdout.write_all(out.as_bytes()).map_err(Error::Output)?;
            Ok(Outcome::default())
        }
    }
}

/// The evaluated files a model was trained on, by file name (the model's provenance keeps
/// the names, not the folders).
fn trained_on(data: &[PathBuf], training: &[String]) -> Vec<String> {
    data.iter()
        .filter_map(|p| p.file_name()?.to_str())
        .filter(|name| training.iter().any(|t| t == name))
        .map(str::to_owned)
        .collect()
}

fn options(args: &MtTrainingArgs) -> Options {
    Options {
        seed: args.seed,
        folds: args.folds.max(2),
        augment: !args.no_augment,
        skeleton_scale: args.skeleton_scale,
        word_scale: args.word_scale,
        source_word_scale: args.source_word_scale,
        source_char_scale: args.source_char_scale,
        source_lambdas: if args.source_l2.is_empty() {
            Options::default().source_lambdas
        } else {
            args.source_l2.clone()
        },
        ..Options::default()
    }
}

/// Loads the files and computes every document's features with the full engine (all rules,
/// shipped glossaries), as `calq audit` would.
fn featurize(
    paths: &[PathBuf],
    source_data: &[PathBuf],
    opts: &Options,
    lengths: &[usize],
    stderr: &mut dyn Write,
) -> Result<Vec<Sample>, Error> {
    let mut records: Vec<Record> = Vec::new();
    for (i, path) in paths.iter().chain(source_data).enumerate() {
        records.extend(data::load(path, i)?);
    }
    let glossaries = GlossarySet::load(true, &[] as &[PathBuf])?;
    let engine = Engine::without_model(&Settings::default(), &glossaries)?;
    let started = std::time::Instant::now();
    let mut samples = train::featurize(&|doc| engine.findings(doc), &records, opts);
    let reposts = samples.len() - records.len();
    for s in &mut samples {
        s.source_only = s.file >= paths.len();
    }
    if !lengths.is_empty() {
        samples.extend(train::featurize_truncated(
            &|doc| engine.findings(doc),
            &records,
            lengths,
            opts,
        ));
    }
    let _ = writeln!(
        stderr,
        "calq: {} documents and {} synthetic reposts featurised in {:.1} s",
        records.len(),
        reposts,
        started.elapsed().as_secs_f64()
    );
    Ok(samples)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluated_files_the_model_was_trained_on_are_named() {
        let data = [
            PathBuf::from("../shared/data/mt-detect/wmt_news_docs.dev.jsonl.gz"),
            PathBuf::from("held-out.jsonl"),
        ];
        let training = [
            "wmt_news_docs.dev.jsonl.gz".to_owned(),
            "other.jsonl".to_owned(),
        ];
        assert_eq!(trained_on(&data, &training), ["wmt_news_docs.dev.jsonl.gz"]);
        assert!(trained_on(&data[1..], &training).is_empty());
    }
}
