//! The commands: wiring command-line arguments to configuration, inputs, the engine and a
//! renderer. Writes only to the writers it is given; `main` maps the outcome to an exit code.

mod glossary;
mod mt;
mod pipeline;
mod report;

use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{AuditArgs, ColorChoice, Command, RulesFormat};
use crate::config::{self, FailOn};
use crate::document::Document;
use crate::engine::{DocumentReport, Engine, Selection, Settings, Summary};
use crate::error::Error;
use crate::glossary::GlossarySet;
use crate::input::{self, Item};
use crate::render::{self, Format};
use crate::report::NotAudited;
use crate::rules::{self, RULES, RuleMeta};
use crate::same_file::Outputs;
use crate::{atomic, fix};

/// How a command ended, short of an error that stopped it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// A finding reached the `--fail-on` severity.
    pub failed: bool,
    /// Inputs that could not be read (each already reported on stderr).
    pub input_errors: usize,
    /// The first input that could not be read, as its message names it.
    pub first_error: Option<String>,
    /// Documents reported, not counting an empty standard input (read because no path was
    /// given): `calq report` refuses to replace a report with one of nothing.
    pub documents: usize,
    /// Standard input was read and empty.
    pub empty_stdin: bool,
}

/// The process environment a command may consult, passed in so tests can set it.
pub struct Env<'a> {
    pub cwd: &'a Path,
    pub stdout_is_terminal: bool,
    /// Standard error is a terminal: long runs show a progress bar there.
    pub stderr_is_terminal: bool,
    pub no_color: bool,
    /// Standard input is a terminal: reading it waits for typing, so say so.
    pub stdin_is_terminal: bool,
    /// Columns the table output wraps to ([`output_width`]).
    pub width: usize,
}

/// Columns for terminal output: the terminal's width when standard output is one, else
/// `COLUMNS` when set, else 100 (so piped output and logs stay readable too).
pub fn output_width(stdout_is_terminal: bool) -> usize {
    let terminal = stdout_is_terminal
        .then(terminal_size::terminal_size)
        .flatten()
        .map(|(w, _)| usize::from(w.0));
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
    };
    terminal.or_else(columns).unwrap_or(100).clamp(40, 400)
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
                RulesFormat::Table => render::rules::rules_table(stdout, &metas, env.width),
                RulesFormat::Json => render::rules::rules_json(stdout, &metas),
                RulesFormat::Markdown => render::rules::rules_markdown(stdout, &metas),
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
    fix_options(args)?;
    let (engine, threshold) = checker(args, env)?;
    warn(&engine, stderr);

    let color = args.format == Format::Table
        && match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => args.output.is_none() && env.stdout_is_terminal && !env.no_color,
        };
    // Before the output file is created (and emptied): it must not be one of the inputs.
    outputs(args).refuse_inputs(&args.input.paths)?;
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
        render::renderer(args.format, color, env.width)
    };
    waiting_for_input(args, env, stderr);
    audit_loop(
        args,
        env,
        &engine,
        threshold,
        renderer.as_mut(),
        out,
        stderr,
    )
}

/// The engine's warnings (contradicting glossary terms) on standard error.
fn warn(engine: &Engine, stderr: &mut dyn Write) {
    for w in engine.warnings() {
        let _ = writeln!(stderr, "calq: warning: {w}");
    }
}

/// The files an audit writes: `--output`, and a report's files.
fn outputs(args: &AuditArgs) -> Outputs {
    let outputs = match &args.output {
        Some(path) => Outputs::new().with(path, "--output"),
        None => Outputs::new(),
    };
    args.writes.iter().fold(outputs, |outputs, (path, option)| {
        outputs.with(path, option)
    })
}

/// With no path and standard input a terminal, calq would wait silently for typed input: say
/// what it waits for, and how to give files instead.
fn waiting_for_input(args: &AuditArgs, env: &Env, stderr: &mut dyn Write) {
    if reads_stdin(args) && env.stdin_is_terminal {
        let _ = writeln!(
            stderr,
            "calq: reading an article from standard input: type or paste it, then press Ctrl-D (Ctrl-Z, Enter on Windows).\ncalq: to check files instead: calq audit FILE|FOLDER… (calq audit --help for more)"
        );
    }
}

/// The engine for `args` (configuration layered under the flags, glossaries, MT model) and
/// the severity from which findings fail the run. Public for the Python package, which builds
/// its engine once from the same arguments.
pub fn checker(args: &AuditArgs, env: &Env) -> Result<(Engine, Option<rules::Severity>), Error> {
    let layered = config::load_layers(env.cwd, args.input.config.as_deref())?;
    let settings = Settings {
        selection: Selection {
            select: args.input.select.clone().or(layered.select),
            ignore: args
                .input
                .ignore
                .clone()
                .or(layered.ignore)
                .unwrap_or_default(),
        },
        severity: layered.severity.unwrap_or_default(),
        today: None,
    };
    let defaults = !args.input.no_default_glossaries && layered.default_glossaries.unwrap_or(true);
    let mut glossary_paths = layered.glossaries.unwrap_or_default();
    glossary_paths.extend(args.input.glossaries.iter().cloned());
    let glossaries = GlossarySet::load(defaults, &glossary_paths)?;
    let mut engine = Engine::new(&settings, &glossaries)?.timed(args.timings);
    if let Some(path) = &args.input.model {
        engine = engine.with_model(std::sync::Arc::new(crate::mt::Model::load(path)?));
    }
    let threshold = args
        .fail_on
        .or(layered.fail_on)
        .unwrap_or(FailOn::Warning)
        .threshold();
    Ok((engine, threshold))
}

/// The document size limit: `--max-bytes`, else `max-bytes` in calq.toml, else the default.
fn max_bytes(args: &AuditArgs, env: &Env) -> Result<u64, Error> {
    let configured = match args.input.max_bytes {
        Some(size) => Some(size),
        None => config::load_layers(env.cwd, args.input.config.as_deref())?.max_bytes,
    };
    Ok(configured.map_or(input::DEFAULT_MAX_BYTES, |size| size.0))
}

/// The usage errors of the fix options, found before anything is read or written (by
/// `audit`, before the `--output` file is created; by `audit_loop` for the Python package).
fn fix_options(args: &AuditArgs) -> Result<(), Error> {
    if args.unsafe_fixes && !(args.fix || args.diff) {
        return Err(Error::Usage("--unsafe-fixes needs --fix or --diff".into()));
    }
    // --fix writes back to the files it read. Standard input, named or not, is no such file
    // (a --stdin-filename is only a label, never the file to rewrite): one refusal, whichever
    // way standard input was given.
    if args.fix && (reads_stdin(args) || args.input.stdin_filename.is_some()) {
        return Err(Error::Usage(
            "--fix writes the fixed text back to the files it read, and cannot write standard \
             input; use --diff to print the fixes as a patch, or save the text to a file and \
             --fix that"
                .into(),
        ));
    }
    Ok(())
}

/// Whether standard input is one of the inputs: no path, or `-` among them.
fn reads_stdin(args: &AuditArgs) -> bool {
    args.input.paths.is_empty() || args.input.paths.iter().any(|p| p.as_os_str() == "-")
}

/// Audits every input of `args` and streams the reports through `renderer` to `out`, in
/// input order. Documents are parsed and audited on `--jobs` threads; reading, rendering and
/// messages stay on this thread. Public for the Python package, which reuses one engine.
pub fn audit_loop(
    args: &AuditArgs,
    env: &Env,
    engine: &Engine,
    threshold: Option<rules::Severity>,
    renderer: &mut dyn render::Renderer,
    out: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    fix_options(args)?;
    let started = std::time::Instant::now();
    let sources = input::expand_except(&args.input.paths, &outputs(args));
    let max_bytes = max_bytes(args, env)?;
    let progress = progress_bar(env, input::total_len(&sources));
    let mut sink = Sink {
        renderer,
        out,
        stderr,
        threshold,
        fail_on_mt: args.fail_on_mt,
        progress: &progress,
        summary: Summary::default(),
        outcome: Outcome::default(),
        bytes: 0,
    };
    sink.renderer.begin(sink.out).map_err(Error::Output)?;
    let feed = |next: &mut dyn FnMut(input::Unit) -> Result<(), Error>| {
        for source in sources {
            match source {
                Ok(source) => input::read_units_named(
                    &source,
                    args.input.stdin_filename.as_deref(),
                    max_bytes,
                    next,
                )?,
                Err(e) => next(input::Unit::Item(Item::Error(e)))?,
            }
        }
        Ok(())
    };
    let busy = AtomicU64::new(0);
    let document_time = AtomicU64::new(0);
    let stats = if args.fix || args.diff {
        // Fixes rewrite files and print diffs as they go: one document at a time.
        let mut noted = None;
        let mut each = |unit: input::Unit| {
            let bytes = unit.len();
            match unit.parse() {
                Some(Item::Document(doc)) => {
                    let Some((report, text)) = fix_document(
                        args,
                        engine,
                        &doc,
                        sink.out,
                        sink.stderr,
                        &mut sink.outcome,
                        &mut noted,
                    )?
                    else {
                        return Ok(());
                    };
                    sink.emit(Audited::Report {
                        report: Box::new(report),
                        text: text.into_owned(),
                        bytes,
                    })
                }
                Some(item) => sink.emit(Audited::Item(item)),
                None => Ok(()),
            }
        };
        feed(&mut each)?;
        pipeline::Stats::default()
    } else {
        let jobs = args.input.jobs.map_or_else(default_jobs, usize::from);
        pipeline::ordered(
            pipeline::Limits::for_jobs(jobs),
            feed,
            input::Unit::len,
            |unit| {
                let start = std::time::Instant::now();
                let bytes = unit.len();
                let item = unit.parse();
                add_nanos(&document_time, start.elapsed());
                let audited = match item {
                    Some(Item::Document(doc)) => {
                        let report = engine.audit(&doc);
                        Audited::Report {
                            report: Box::new(report),
                            text: doc.text,
                            bytes,
                        }
                    }
                    Some(item) => Audited::Item(item),
                    None => Audited::Nothing,
                };
                add_nanos(&busy, start.elapsed());
                audited
            },
            || {
                Audited::Item(Item::Error(Error::Usage(
                    "internal error: auditing a document panicked; please report it".into(),
                )))
            },
            &mut |audited| sink.emit(audited),
        )?
    };
    sink.renderer
        .end(sink.out, &sink.summary)
        .map_err(Error::Output)?;
    sink.out.flush().map_err(Error::Output)?;
    progress.finish_and_clear();
    if args.timings {
        let wall = started.elapsed();
        let nanos = |a: &AtomicU64| std::time::Duration::from_nanos(a.load(Ordering::Relaxed));
        // Thread-seconds: this thread's own time plus the workers' (with one job the
        // workers' time is this thread's, counted once).
        let cpu = wall.saturating_sub(stats.idle) + nanos(&busy);
        let timings = Timings {
            wall,
            cpu,
            document: nanos(&document_time),
            documents: sink.summary.documents,
            bytes: sink.bytes,
            jobs: args.input.jobs.map_or_else(default_jobs, usize::from),
        };
        print_timings(sink.stderr, engine, &timings);
    }
    Ok(sink.outcome)
}

/// `calq report --merge`: the reports of the documents in calq's own audit output (the JSON
/// Lines of `audit -f jsonl` or the JSON of `audit -f json`), rendered without auditing
/// again. A line or document that calq did not write is an input error named by file and
/// line; the others are still read. A file whose first lines are none of calq's is one error.
/// The inputs a `-f json` shard lists as not audited are carried into the report. A document
/// that an earlier shard held too (same path and id) is counted once, with a warning.
pub fn merge_loop(
    paths: &[std::path::PathBuf],
    threshold: Option<rules::Severity>,
    renderer: &mut dyn render::Renderer,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    let progress = ProgressBar::hidden();
    let mut out = std::io::sink();
    let mut sink = Sink {
        renderer,
        out: &mut out,
        stderr,
        threshold,
        fail_on_mt: false,
        progress: &progress,
        summary: Summary::default(),
        outcome: Outcome::default(),
        bytes: 0,
    };
    sink.renderer.begin(sink.out).map_err(Error::Output)?;
    if paths.is_empty() {
        return Err(Error::Usage(
            "--merge reads the files `calq audit -f jsonl` (or -f json) wrote; name them".into(),
        ));
    }
    let mut read: Vec<std::path::PathBuf> = Vec::new();
    let mut repeats = crate::merge::Repeats::default();
    for path in paths {
        // A shard named twice is read once, as its documents would otherwise count twice.
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        if read.contains(&key) {
            continue;
        }
        read.push(key);
        repeats.next_shard(read.len() - 1);
        let text = match read_shard(path) {
            Ok(text) => text,
            Err(e) => {
                sink.emit(Audited::Item(Item::Error(e)))?;
                continue;
            }
        };
        let shard_error = |message: String| {
            Audited::Item(Item::Error(Error::Config {
                path: path.clone(),
                message,
            }))
        };
        let mut offer =
            |sink: &mut Sink, report: DocumentReport, bytes: usize| match repeats.check(&report) {
                crate::merge::Seen::New => sink.report(&report, None, bytes),
                crate::merge::Seen::Repeat => Ok(()),
            };
        // `-f json` opens with a line holding only `{` (or is one line, as `jq -c` writes
        // it: an object with `documents`); JSON Lines put a document on each.
        let first = text.lines().next().unwrap_or_default().trim();
        let one_run = first == "{"
            || (first.starts_with('{')
                && serde_json::from_str::<serde_json::Value>(first)
                    .is_ok_and(|v| v.get("documents").is_some_and(serde_json::Value::is_array)));
        if one_run {
            match crate::merge::run(&text) {
                Ok(run) => {
                    for (i, document) in run.documents.into_iter().enumerate() {
                        match document {
                            Ok(report) => offer(&mut sink, report, 0)?,
                            Err(e) => sink.emit(shard_error(format!("document {}: {e}", i + 1)))?,
                        }
                    }
                    for item in &run.not_audited {
                        if repeats.check_not_audited(item) == crate::merge::Seen::New {
                            sink.carried(path, item)?;
                        }
                    }
                    if run.unlisted > 0 {
                        let item = NotAudited {
                            input: path.display().to_string(),
                            reason: format!(
                                "{} more input{} not audited in the run that wrote it (not listed there; its standard error named each)",
                                run.unlisted,
                                if run.unlisted == 1 { " was" } else { "s were" }
                            ),
                        };
                        sink.carried(path, &item)?;
                    }
                }
                Err(e) => sink.emit(shard_error(format!("line 1: {e}")))?,
            }
            continue;
        }
        // Bad lines are held back until a document shows the file is calq's output: a file
        // that is not (an article, a corpus) is one error, not one per line.
        let mut held: Vec<(usize, String)> = Vec::new();
        let mut calqs = false;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match crate::merge::document(line) {
                Ok(report) => {
                    if !calqs {
                        calqs = true;
                        for (n, e) in held.drain(..) {
                            sink.emit(shard_error(bad_line(n, &e)))?;
                        }
                    }
                    offer(&mut sink, report, line.len())?;
                }
                Err(e) if calqs => sink.emit(shard_error(bad_line(i + 1, &e)))?,
                Err(e) => {
                    held.push((i + 1, e));
                    if held.len() == crate::merge::PROBE_LINES {
                        break;
                    }
                }
            }
        }
        if let Some((n, e)) = held.first() {
            sink.emit(shard_error(format!(
                "not `calq audit -f json` or `-f jsonl` output (line {n}: {e}); nothing was read from it"
            )))?;
        }
    }
    repeats.next_shard(read.len());
    warn_repeats(&repeats, &read, sink.stderr);
    sink.renderer
        .end(sink.out, &sink.summary)
        .map_err(Error::Output)?;
    Ok(sink.outcome)
}

fn bad_line(line: usize, e: &str) -> String {
    format!("line {line}: not a document of `calq audit -f jsonl` output: {e}")
}

/// A shard's text: standard input for `-`, else the file (gzip decompressed, a byte-order
/// mark dropped). A folder is refused: shards are named one by one.
fn read_shard(path: &Path) -> Result<String, Error> {
    let bytes = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
            .map(|_| bytes)
            .map_err(|e| Error::io("<stdin>", e))?
    } else if path.is_dir() {
        return Err(Error::io(
            path,
            std::io::Error::other(
                "a folder; --merge reads the files `calq audit -f jsonl` wrote (name them, e.g. shards/*.jsonl)",
            ),
        ));
    } else {
        std::fs::read(path).map_err(|e| Error::io(path, e))?
    };
    crate::merge::shard_text(bytes).map_err(|message| Error::Config {
        path: path.to_owned(),
        message,
    })
}

/// One warning per merge about documents read from more than one shard, and one about ids
/// that shards share under different paths.
fn warn_repeats(
    repeats: &crate::merge::Repeats,
    shards: &[std::path::PathBuf],
    stderr: &mut dyn Write,
) {
    let shard = |i: usize| {
        shards
            .get(i)
            .map_or_else(String::new, |p| p.display().to_string())
    };
    if let Some((title, first, again)) = &repeats.repeated_example {
        let n = repeats.repeated;
        let _ = writeln!(
            stderr,
            "calq: warning: {n} document{} read from more than one shard (same path and id; e.g. {title}, in {} and again in {}); each is counted once, from the shard named first",
            if n == 1 { " was" } else { "s were" },
            shard(*first),
            shard(*again),
        );
    }
    if let Some((title, first, again)) = &repeats.shared_id_example {
        let n = repeats.shared_ids;
        let _ = writeln!(
            stderr,
            "calq: warning: {n} document{} an id that an earlier shard has under another path (e.g. {title} in {}, and that id in {}); kept, as ids need not be unique across files; if the shards overlap, merge shards of disjoint inputs",
            if n == 1 { " has" } else { "s have" },
            shard(*again),
            shard(*first),
        );
    }
}

/// The default `--jobs`: one per core.
fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

fn add_nanos(counter: &AtomicU64, d: std::time::Duration) {
    counter.fetch_add(
        u64::try_from(d.as_nanos()).unwrap_or(u64::MAX),
        Ordering::Relaxed,
    );
}

/// Inputs smaller than this finish before a progress bar would tell anyone anything.
const PROGRESS_MIN_BYTES: u64 = 8 << 20;

/// A progress bar on standard error for a long run seen in a terminal; hidden otherwise
/// (pipes, CI, small inputs, standard input of unknown size).
fn progress_bar(env: &Env, total: Option<u64>) -> ProgressBar {
    match total {
        Some(total) if env.stderr_is_terminal && total >= PROGRESS_MIN_BYTES => {
            let style = ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} {bar:30} {bytes_per_sec}, {msg} documents done, eta {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar());
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
                .with_style(style)
                .with_message("0")
        }
        _ => ProgressBar::hidden(),
    }
}

/// What a worker made of one input.
enum Audited {
    Report {
        report: Box<DocumentReport>,
        text: String,
        bytes: usize,
    },
    Item(Item),
    /// A blank JSONL line.
    Nothing,
}

/// The calling thread's end of an audit: renders reports in order, keeps the summary and the
/// outcome, and writes messages around the progress bar.
struct Sink<'a> {
    renderer: &'a mut dyn render::Renderer,
    out: &'a mut dyn Write,
    stderr: &'a mut dyn Write,
    threshold: Option<rules::Severity>,
    /// `--fail-on-mt`: a machine-translated verdict fails the run too.
    fail_on_mt: bool,
    progress: &'a ProgressBar,
    summary: Summary,
    outcome: Outcome,
    bytes: u64,
}

impl Sink<'_> {
    fn emit(&mut self, audited: Audited) -> Result<(), Error> {
        match audited {
            Audited::Report {
                report,
                text,
                bytes,
            } => self.report(&report, Some(&text), bytes),
            Audited::Item(Item::Error(e)) => {
                let (stderr, outcome) = (&mut *self.stderr, &mut self.outcome);
                self.progress.suspend(|| report_error(stderr, &e, outcome));
                self.not_audited(&NotAudited::from_error(&e))
            }
            Audited::Item(Item::Skipped { path, reason }) => {
                let stderr = &mut *self.stderr;
                self.progress.suspend(|| {
                    let _ = writeln!(stderr, "calq: skipping {}: {reason}", path.display());
                });
                self.not_audited(&NotAudited::skipped(&path, &reason))
            }
            Audited::Item(Item::Document(_)) | Audited::Nothing => Ok(()),
        }
    }
}

impl Sink<'_> {
    /// A document's report, with the text its offsets point into when there is one (a
    /// merged report has only the findings).
    fn report(
        &mut self,
        report: &DocumentReport,
        text: Option<&str>,
        bytes: usize,
    ) -> Result<(), Error> {
        self.outcome.failed |= self
            .threshold
            .is_some_and(|t| report.worst().is_some_and(|w| w >= t));
        self.outcome.failed |=
            self.fail_on_mt && report.mt.verdict == crate::mt::Verdict::MachineTranslated;
        self.summary.add(report);
        if report.path == "-" && text.is_some_and(|t| t.trim().is_empty()) {
            self.outcome.empty_stdin = true;
        } else {
            self.outcome.documents += 1;
        }
        self.bytes += bytes as u64;
        self.progress.inc(bytes as u64);
        if !self.progress.is_hidden() {
            self.progress
                .set_message(self.summary.documents.to_string());
        }
        match text {
            Some(text) => self.renderer.document_with_text(self.out, report, text),
            None => self.renderer.document(self.out, report),
        }
        .map_err(Error::Output)?;
        self.out.flush().map_err(Error::Output)
    }

    /// An input that the run which wrote a merged shard did not audit: reported as it was
    /// then, and, as it would have in one run over the whole corpus, failing this one.
    fn carried(&mut self, shard: &Path, item: &NotAudited) -> Result<(), Error> {
        let _ = writeln!(
            self.stderr,
            "calq: error: {}: {} (not audited, as {} says)",
            item.input,
            item.reason,
            shard.display()
        );
        self.outcome.input_errors += 1;
        self.outcome
            .first_error
            .get_or_insert_with(|| item.input.clone());
        self.not_audited(item)
    }

    fn not_audited(&mut self, item: &NotAudited) -> Result<(), Error> {
        self.summary.not_audited += 1;
        self.renderer
            .not_audited(self.out, item)
            .map_err(Error::Output)
    }
}

/// `--fix` / `--diff` for one document. With `--diff`, prints the diff and returns `None`;
/// with `--fix`, writes the fixed file and returns the findings left in it, with the text
/// they point into (standard input never gets here with `--fix`: `audit_loop` refuses it).
/// Documents that cannot be rewritten (HTML, corpus records, files not in UTF-8) are
/// reported as they are, with a note saying why they were not fixed: once per file, not per
/// record of a corpus (`noted` is the path last noted).
fn fix_document<'d>(
    args: &AuditArgs,
    engine: &Engine,
    doc: &'d Document,
    out: &mut dyn Write,
    stderr: &mut dyn Write,
    outcome: &mut Outcome,
    noted: &mut Option<String>,
) -> Result<Option<(DocumentReport, Cow<'d, str>)>, Error> {
    let as_is = || (engine.audit(doc), Cow::Borrowed(doc.text.as_str()));
    let not_fixable = if doc.origin.html {
        Some("fixes apply to plain text, and HTML is read through its extracted text")
    } else if doc.id.is_some() {
        Some("records of a JSONL corpus are not rewritten")
    } else {
        None
    };
    if let Some(reason) = not_fixable {
        if noted.as_deref() != Some(doc.path.as_str()) {
            let _ = writeln!(stderr, "calq: not fixing {}: {reason}", doc.path);
            *noted = Some(doc.path.clone());
        }
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

/// What `--timings` reports besides the engine's own counters.
struct Timings {
    wall: std::time::Duration,
    /// Thread-seconds spent by this thread and the workers.
    cpu: std::time::Duration,
    /// Parsing inputs into documents (decoding, JSON, HTML, the document model).
    document: std::time::Duration,
    documents: usize,
    bytes: u64,
    jobs: usize,
}

/// `--timings`: throughput, then each rule's time and share of the thread-seconds; the
/// document model and the rest (reading, output, sorting findings) are their own lines.
fn print_timings(stderr: &mut dyn Write, engine: &Engine, t: &Timings) {
    let share = |d: std::time::Duration| 100.0 * d.as_secs_f64() / t.cpu.as_secs_f64().max(1e-9);
    let mb = t.bytes as f64 / 1e6;
    let _ = writeln!(
        stderr,
        "calq: {} document{}, {mb:.1} MB in {:.3} s with {} job{} ({:.2} MB/s; {:.3} thread-seconds)\n  rule      seconds   share",
        t.documents,
        if t.documents == 1 { "" } else { "s" },
        t.wall.as_secs_f64(),
        t.jobs,
        if t.jobs == 1 { "" } else { "s" },
        mb / t.wall.as_secs_f64().max(1e-9),
        t.cpu.as_secs_f64(),
    );
    let mut timings = engine.timings();
    timings.push(("document", t.document));
    timings.sort_by_key(|b| std::cmp::Reverse(b.1));
    for (code, d) in &timings {
        let _ = writeln!(
            stderr,
            "  {code:<8}{:>9.3}{:>7.1}%",
            d.as_secs_f64(),
            share(*d)
        );
    }
    let counted: std::time::Duration = timings.iter().map(|(_, d)| *d).sum();
    let rest = t.cpu.saturating_sub(counted);
    let _ = writeln!(
        stderr,
        "  {:<8}{:>9.3}{:>7.1}%  (reading, output, sorting findings, waiting)",
        "other",
        rest.as_secs_f64(),
        share(rest)
    );
}

fn report_error(stderr: &mut dyn Write, e: &Error, outcome: &mut Outcome) {
    let _ = writeln!(stderr, "calq: error: {e}");
    outcome.input_errors += 1;
    outcome
        .first_error
        .get_or_insert_with(|| e.input().unwrap_or_else(|| e.to_string()));
}
