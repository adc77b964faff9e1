//! The commands: wiring command-line arguments to configuration, inputs, the engine and a
//! renderer. Writes only to the writers it is given; `main` maps the outcome to an exit code.

mod glossary;
mod mt;
mod report;

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::cli::{AuditArgs, ColorChoice, Command, RulesFormat};
use crate::config::{self, FailOn};
use crate::document::Document;
use crate::engine::{DocumentReport, Engine, Selection, Settings, Summary};
use crate::error::Error;
use crate::glossary::GlossarySet;
use crate::input::{self, Item};
use crate::render::{self, Format};
use crate::rules::{self, RULES, RuleMeta};
use crate::{atomic, fix};

/// How a command ended, short of an error that stopped it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// A finding reached the `--fail-on` severity.
    pub failed: bool,
    /// Inputs that could not be read (each already reported on stderr).
    pub input_errors: usize,
}

/// The process environment a command may consult, passed in so tests can set it.
pub struct Env<'a> {
    pub cwd: &'a Path,
    pub stdout_is_terminal: bool,
    pub no_color: bool,
}

pub fn run(
    command: &Command,
    env: &Env,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    match command {
        Command::Audit(args) => audit(args, env, stdout, stderr),
        Command::Report(args) => report::run(args, env, stderr),
        Command::Rules(args) => {
            let metas: Vec<&RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
            match args.format {
                RulesFormat::Table => render::rules::rules_table(stdout, &metas),
                RulesFormat::Json => render::rules::rules_json(stdout, &metas),
            }
            .map_err(Error::Output)?;
            Ok(Outcome::default())
        }
        Command::Glossary(command) => glossary::run(command, stdout, stderr),
        Command::Mt(command) => mt::run(command, stdout, stderr),
        Command::Explain { code } => {
            let rule = rules::find(code)
                .ok_or_else(|| Error::Usage(format!("unknown rule `{code}` (see `calq rules`)")))?;
            render::rules::explanation(stdout, rule.meta()).map_err(Error::Output)?;
            Ok(Outcome::default())
        }
    }
}

pub fn audit(
    args: &AuditArgs,
    env: &Env,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    let (engine, threshold) = checker(args, env)?;

    let color = args.format == Format::Table
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => args.output.is_none() && env.stdout_is_terminal && !env.no_color,
        };
    let mut file;
    let out: &mut dyn Write = match &args.output {
        Some(path) => {
            file = BufWriter::new(File::create(path).map_err(|e| Error::io(path, e))?);
            &mut file
        }
        None => stdout,
    };
    let mut renderer = if args.diff {
        Box::new(render::Silent)
    } else {
        render::renderer(args.format, color)
    };
    audit_loop(args, &engine, threshold, renderer.as_mut(), out, stderr)
}

/// The engine for `args` (configuration layered under the flags, glossaries, MT model) and
/// the severity from which findings fail the run.
fn checker(args: &AuditArgs, env: &Env) -> Result<(Engine, Option<rules::Severity>), Error> {
    let layered = config::load_layers(env.cwd, args.config.as_deref())?;
    let settings = Settings {
        selection: Selection {
            select: args.select.clone().or(layered.select),
            ignore: args.ignore.clone().or(layered.ignore).unwrap_or_default(),
        },
        severity: layered.severity.unwrap_or_default(),
    };
    let defaults = !args.no_default_glossaries && layered.default_glossaries.unwrap_or(true);
    let mut glossary_paths = layered.glossaries.unwrap_or_default();
    glossary_paths.extend(args.glossaries.iter().cloned());
    let glossaries = GlossarySet::load(defaults, &glossary_paths)?;
    let mut engine = Engine::new(&settings, &glossaries)?;
    if let Some(path) = &args.model {
        engine = engine.with_model(std::sync::Arc::new(crate::mt::Model::load(path)?));
    }
    let threshold = args
        .fail_on
        .or(layered.fail_on)
        .unwrap_or(FailOn::Warning)
        .threshold();
    Ok((engine, threshold))
}

/// Audits every input of `args` and streams the reports through `renderer` to `out`.
fn audit_loop(
    args: &AuditArgs,
    engine: &Engine,
    threshold: Option<rules::Severity>,
    renderer: &mut dyn render::Renderer,
    out: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    let mut summary = Summary::default();
    let mut outcome = Outcome::default();

    if args.unsafe_fixes && !(args.fix || args.diff) {
        return Err(Error::Usage("--unsafe-fixes needs --fix or --diff".into()));
    }
    let started = std::time::Instant::now();
    renderer.begin(out).map_err(Error::Output)?;
    for source in input::expand(&args.paths) {
        let source = match source {
            Ok(s) => s,
            Err(e) => {
                report_error(stderr, &e, &mut outcome);
                continue;
            }
        };
        input::read(&source, &mut |item| -> Result<(), Error> {
            match item {
                Item::Document(doc) if args.fix || args.diff => {
                    let Some((report, text)) =
                        fix_document(args, engine, &doc, out, stderr, &mut outcome)?
                    else {
                        return Ok(());
                    };
                    outcome.failed |=
                        threshold.is_some_and(|t| report.worst().is_some_and(|w| w >= t));
                    summary.add(&report);
                    renderer
                        .document_with_text(out, &report, &text)
                        .map_err(Error::Output)
                }
                Item::Document(doc) => {
                    let report = engine.audit(&doc);
                    outcome.failed |=
                        threshold.is_some_and(|t| report.worst().is_some_and(|w| w >= t));
                    summary.add(&report);
                    renderer
                        .document_with_text(out, &report, &doc.text)
                        .map_err(Error::Output)?;
                    out.flush().map_err(Error::Output)
                }
                Item::Error(e) => {
                    report_error(stderr, &e, &mut outcome);
                    Ok(())
                }
                Item::Skipped { path, reason } => {
                    let _ = writeln!(stderr, "calq: skipping {}: {reason}", path.display());
                    Ok(())
                }
            }
        })?;
    }
    renderer.end(out, &summary).map_err(Error::Output)?;
    out.flush().map_err(Error::Output)?;
    if args.timings {
        print_timings(stderr, engine, started.elapsed(), summary.documents);
    }
    Ok(outcome)
}

/// `--fix` / `--diff` for one document. With `--diff`, prints the diff and returns `None`;
/// with `--fix`, writes the fixed file and returns the findings left in it, with the text
/// they point into. Documents that
/// cannot be rewritten (HTML, corpus records, standard input, files not in UTF-8) are
/// reported as they are, with a note saying why they were not fixed.
fn fix_document<'d>(
    args: &AuditArgs,
    engine: &Engine,
    doc: &'d Document,
    out: &mut dyn Write,
    stderr: &mut dyn Write,
    outcome: &mut Outcome,
) -> Result<Option<(DocumentReport, Cow<'d, str>)>, Error> {
    let as_is = || (engine.audit(doc), Cow::Borrowed(doc.text.as_str()));
    let not_fixable = if doc.origin.html {
        Some("fixes apply to plain text, and HTML is read through its extracted text")
    } else if doc.id.is_some() {
        Some("records of a JSONL corpus are not rewritten")
    } else if doc.path == "-" && args.fix {
        Some("standard input cannot be fixed in place; use --diff")
    } else {
        None
    };
    if let Some(reason) = not_fixable {
        let _ = writeln!(stderr, "calq: not fixing {}: {reason}", doc.path);
        return Ok((!args.diff).then(as_is));
    }
    let fixed = fix::fix(engine, doc, args.unsafe_fixes);
    if args.diff {
        let diff = fix::unified_diff(&doc.path, &doc.text, &fixed.text);
        out.write_all(diff.as_bytes()).map_err(Error::Output)?;
        outcome.failed |= !diff.is_empty();
        return Ok(None);
    }
    if fixed.applied == 0 {
        return Ok(Some((fixed.report, Cow::Owned(fixed.text))));
    }
    let path = Path::new(&doc.path);
    let written = std::fs::read(path)
        .map_err(|e| Error::io(path, e))
        .map(|original| fix::rewrite(&original, &doc.text, &fixed.text))
        .and_then(|bytes| match bytes {
            Ok(bytes) => atomic::write(path, &bytes).map(|()| None),
            Err(reason) => Ok(Some(reason)),
        });
    match written {
        Ok(None) => {
            let s = if fixed.applied == 1 { "" } else { "s" };
            let _ = writeln!(
                stderr,
                "calq: fixed {} finding{s} in {}",
                fixed.applied, doc.path
            );
            Ok(Some((fixed.report, Cow::Owned(fixed.text))))
        }
        Ok(Some(reason)) => {
            let _ = writeln!(stderr, "calq: not fixing {}: {reason}", doc.path);
            Ok(Some(as_is()))
        }
        Err(e) => {
            report_error(stderr, &e, outcome);
            Ok(Some(as_is()))
        }
    }
}

/// `--timings`: each rule's time and share of the run; the rest is reading, the document
/// model, the MT verdict and output.
fn print_timings(
    stderr: &mut dyn Write,
    engine: &Engine,
    total: std::time::Duration,
    documents: usize,
) {
    let share = |d: std::time::Duration| 100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9);
    let _ = writeln!(
        stderr,
        "calq: {documents} documents in {:.3} s\n  rule      seconds   share",
        total.as_secs_f64()
    );
    let timings = engine.timings();
    for (code, d) in &timings {
        let _ = writeln!(
            stderr,
            "  {code:<8}{:>9.3}{:>7.1}%",
            d.as_secs_f64(),
            share(*d)
        );
    }
    let rules: std::time::Duration = timings.iter().map(|(_, d)| *d).sum();
    let rest = total.saturating_sub(rules);
    let _ = writeln!(
        stderr,
        "  {:<8}{:>9.3}{:>7.1}%  (reading, document model, MT verdict, output)",
        "other",
        rest.as_secs_f64(),
        share(rest)
    );
}

fn report_error(stderr: &mut dyn Write, e: &Error, outcome: &mut Outcome) {
    let _ = writeln!(stderr, "calq: error: {e}");
    outcome.input_errors += 1;
}
