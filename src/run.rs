//! The commands: wiring command-line arguments to configuration, inputs, the engine and a
//! renderer. Writes only to the writers it is given; `main` maps the outcome to an exit code.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use crate::cli::{AuditArgs, ColorChoice, Command, RulesFormat};
use crate::config::{self, FailOn};
use crate::engine::{Engine, Selection, Settings, Summary};
use crate::error::Error;
use crate::glossary::GlossarySet;
use crate::input::{self, Item};
use crate::render::{self, Format};
use crate::rules::{self, RULES, RuleMeta};

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
        Command::Rules(args) => {
            let metas: Vec<&RuleMeta> = RULES.iter().map(|r| r.meta()).collect();
            match args.format {
                RulesFormat::Table => render::rules::rules_table(stdout, &metas),
                RulesFormat::Json => render::rules::rules_json(stdout, &metas),
            }
            .map_err(Error::Output)?;
            Ok(Outcome::default())
        }
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
    let engine = Engine::new(&settings, &glossaries)?;
    let threshold = args
        .fail_on
        .or(layered.fail_on)
        .unwrap_or(FailOn::Warning)
        .threshold();

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
    let mut renderer = render::renderer(args.format, color);
    let mut summary = Summary::default();
    let mut outcome = Outcome::default();

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
                Item::Document(doc) => {
                    let report = engine.audit(&doc);
                    outcome.failed |=
                        threshold.is_some_and(|t| report.worst().is_some_and(|w| w >= t));
                    summary.add(&report);
                    renderer.document(out, &report).map_err(Error::Output)?;
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
    Ok(outcome)
}

fn report_error(stderr: &mut dyn Write, e: &Error, outcome: &mut Outcome) {
    let _ = writeln!(stderr, "calq: error: {e}");
    outcome.input_errors += 1;
}
