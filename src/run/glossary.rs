//! `calq glossary …`: check, add, import, export and suggest. Files are written through
//! `atomic::write`, so an interrupted command never loses the old glossary.

use std::io::Write;
use std::path::Path;

use super::{Outcome, report_error};
use crate::atomic;
use crate::cli::{AddArgs, ExportFormat, GlossaryCommand, SuggestArgs};
use crate::error::Error;
use crate::glossary::edit::{self, Added, NewTerm};
use crate::glossary::{Glossary, GlossarySet, interchange, lint, suggest};
use crate::input::{self, Item};
use crate::same_file::Outputs;
use crate::terminal::one_line;

pub fn run(
    command: &GlossaryCommand,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    match command {
        GlossaryCommand::Check { files } => check(files, &crate::glossary::today(), stdout, stderr),
        GlossaryCommand::Add(args) => add(args, stderr),
        GlossaryCommand::Import { file, out, force } => {
            let out = out.as_deref().map(|path| Out {
                path,
                force: *force,
            });
            import(file, out, stdout, stderr)
        }
        GlossaryCommand::Export {
            file,
            format,
            out,
            force,
        } => {
            let out = out.as_deref().map(|path| Out {
                path,
                force: *force,
            });
            if let Some(out) = &out {
                out.check(file)?;
            }
            let g = Glossary::load(file)?;
            let text = match format {
                ExportFormat::Csv => interchange::write_csv(&g),
                ExportFormat::Tbx => interchange::write_tbx(&g),
            };
            emit(&text, out, stdout)?;
            Ok(Outcome::default())
        }
        GlossaryCommand::Suggest(args) => suggest(args, stdout, stderr),
    }
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path).map_err(|e| Error::io(path, e))
}

/// The `--out` file of `import` or `export`.
struct Out<'a> {
    path: &'a Path,
    /// `--force`: an existing file may be replaced.
    force: bool,
}

impl Out<'_> {
    /// Refuses, before anything is read or written, to write over the command's own input
    /// (even with `--force`), or over any existing file without `--force`: a mistyped name
    /// would otherwise replace a glossary without a word.
    fn check(&self, input: &Path) -> Result<(), Error> {
        Outputs::new()
            .with(self.path, "--out")
            .refuse_input(input)?;
        if self.path.is_dir() {
            return Err(Error::Usage(format!(
                "--out {}: that is a folder; --out names the file to write",
                self.path.display()
            )));
        }
        if !self.force && std::fs::symlink_metadata(self.path).is_ok() {
            return Err(Error::Usage(format!(
                "--out {}: the file exists; calq does not replace it unless you add --force",
                self.path.display()
            )));
        }
        Ok(())
    }
}

/// Writes `text` to `out` atomically, or to standard output.
fn emit(text: &str, out: Option<Out>, stdout: &mut dyn Write) -> Result<(), Error> {
    match out {
        Some(out) => atomic::write(out.path, text.as_bytes()),
        None => stdout.write_all(text.as_bytes()).map_err(Error::Output),
    }
}

/// `glossary check` on `today` (YYYY-MM-DD), the day policy dates are compared with.
fn check(
    files: &[std::path::PathBuf],
    today: &str,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    let mut outcome = Outcome::default();
    let mut problems = 0;
    // Questionable but valid (a policy date in the future): listed, not failing the check.
    let mut warnings = 0;
    // Files that are calq's rule data, not glossaries.
    let mut skipped = 0;
    // The files that load, for the contradictions between them.
    let mut loaded: Vec<Glossary> = Vec::new();
    for path in files {
        let shown = path.display().to_string();
        // GR005's shipped list of calqued phrases lives beside the name glossaries
        // (`glossary check glossaries/*.toml`); it is rule data, not a glossary to check.
        if path.file_name().is_some_and(|n| n == "calques.toml")
            && read(path).is_ok_and(|text| {
                text.parse::<toml::Table>()
                    .is_ok_and(|t| t.contains_key("calque") && !t.contains_key("glossary"))
            })
        {
            writeln!(
                stdout,
                "{}: skipped: GR005's list of calqued phrases, not a name glossary",
                one_line(&shown)
            )
            .map_err(Error::Output)?;
            skipped += 1;
            continue;
        }
        let found = read(path).and_then(|text| {
            let found = lint::check(&text, &shown)?;
            loaded.extend(Glossary::parse(&text, &shown).ok());
            Ok((found, lint::future_policies(&text, today)))
        });
        match found {
            Ok((found, future)) => {
                let mut listed: Vec<(&lint::Problem, &str)> =
                    found.iter().map(|p| (p, "")).collect();
                listed.extend(future.iter().map(|p| (p, "warning: ")));
                listed.sort_by_key(|(p, _)| p.line);
                for (p, kind) in listed {
                    let (path, message) = (one_line(&shown), one_line(&p.message));
                    writeln!(stdout, "{path}:{}: {kind}{message}", p.line)
                        .map_err(Error::Output)?;
                }
                problems += found.len();
                warnings += future.len();
            }
            Err(e) => report_error(stderr, &e, &mut outcome),
        }
    }
    // A file mapping Zelensky to Zelenskyy and another mapping Zelenskyy to Zelensky are
    // each clean on their own.
    // Ranked as a run given these files in this order would load them.
    let loaded = GlossarySet::ranked(loaded);
    let terms: Vec<&crate::glossary::Term> =
        loaded.glossaries.iter().flat_map(|g| &g.terms).collect();
    // In the order of the files and their terms.
    let across = lint::contradictions(&terms, true);
    for (t, _, message) in &across {
        let (path, message) = (one_line(&t.source), one_line(message));
        writeln!(stdout, "{path}:{}: {message}", t.line).map_err(Error::Output)?;
    }
    problems += across.len();
    // A file that could not be read or parsed was reported above; the tally says so rather
    // than "no problems".
    let unread = outcome.input_errors;
    let checked = files.len().saturating_sub(unread + skipped);
    let warned = match warnings {
        0 => String::new(),
        n => format!("; {n} warning(s)"),
    };
    let _ = match (problems, unread) {
        (0, 0) => writeln!(
            stderr,
            "calq: no problems in {checked} glossary file(s){warned}"
        ),
        (n, 0) => writeln!(
            stderr,
            "calq: {n} problem(s) in {checked} glossary file(s){warned}"
        ),
        (n, u) => writeln!(
            stderr,
            "calq: {n} problem(s) in {checked} glossary file(s){warned}; {u} file(s) could not be checked"
        ),
    };
    outcome.failed = problems > 0;
    Ok(outcome)
}

/// `glossary add`: read, edit and write the glossary under its lock, so that concurrent runs
/// each see the other's entry.
fn add(args: &AddArgs, stderr: &mut dyn Write) -> Result<Outcome, Error> {
    atomic::locked(&args.file, || add_locked(args, stderr))
}

fn add_locked(args: &AddArgs, stderr: &mut dyn Write) -> Result<Outcome, Error> {
    let path = &args.file;
    let shown = path.display().to_string();
    let text = if path.exists() {
        read(path)?
    } else {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        edit::empty_glossary(&stem)
    };
    atomic::test_pause();
    let new = NewTerm {
        canonical: args.canonical.clone(),
        kind: args.kind,
        variants: args.variants.clone(),
        cyrillic: args.cyrillic.clone(),
        note: args.note.clone(),
        since: args.since.clone(),
        keep: args.keep.clone(),
    };
    let (out, added) = edit::add(&text, &shown, &new)?;
    let message = match added {
        Added::Term => format!("added `{}` to {shown}", args.canonical),
        Added::Merged {
            variants: 0,
            keep: 0,
        } => {
            format!(
                "`{}` already has all of that; {shown} is unchanged",
                args.canonical
            )
        }
        Added::Merged { variants, keep } => format!(
            "added {variants} variant(s) and {keep} keep context(s) to `{}` in {shown}",
            args.canonical
        ),
    };
    if out != text || !path.exists() {
        atomic::write(path, out.as_bytes())?;
    }
    let _ = writeln!(stderr, "calq: {message}");
    Ok(Outcome::default())
}

fn import(
    file: &Path,
    out: Option<Out>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    if let Some(out) = &out {
        out.check(file)?;
    }
    let text = read(file)?;
    let shown = file.display().to_string();
    let ext = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let glossary = match ext.as_deref() {
        Some("csv") => interchange::read_csv(&text, &shown)?,
        Some("tbx" | "xml") => {
            let imported = interchange::read_tbx(&text, &shown)?;
            if imported.skipped > 0 {
                let _ = writeln!(
                    stderr,
                    "calq: {shown}: skipped {} entries without an English term",
                    imported.skipped
                );
            }
            imported.glossary
        }
        _ => {
            return Err(Error::Usage(format!(
                "{shown}: import reads .csv or .tbx files"
            )));
        }
    };
    // Sorted as `glossary check` wants it (by folded canonical form; stable, so equal keys
    // keep their order): a termbase's own order made `check` warn "out of order" on every
    // imported file (new-user trial).
    let mut glossary = glossary;
    glossary
        .terms
        .sort_by_cached_key(|t| lint::sort_key(&t.canonical));
    let toml = interchange::write_toml(&glossary);
    let target = out
        .as_ref()
        .map_or_else(|| "<stdout>".to_owned(), |o| o.path.display().to_string());
    let problems = lint::check(&toml, &target)?;
    for p in &problems {
        let _ = writeln!(stderr, "calq: warning: {target}:{}: {}", p.line, p.message);
    }
    emit(&toml, out, stdout)?;
    let _ = writeln!(
        stderr,
        "calq: imported {} terms from {shown}",
        glossary.terms.len()
    );
    Ok(Outcome {
        failed: !problems.is_empty(),
        ..Outcome::default()
    })
}

fn suggest(
    args: &SuggestArgs,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<Outcome, Error> {
    let known = GlossarySet::load(!args.no_default_glossaries, &args.glossaries)?;
    let mut outcome = Outcome::default();
    let mut miner = suggest::Miner::default();
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
                Item::Document(doc) => miner.add(&doc),
                Item::Error(e) => report_error(stderr, &e, &mut outcome),
                Item::Skipped { .. } => {}
            }
            Ok(())
        })?;
    }
    let clusters = miner.clusters(&known.terms(), args.min_count);
    let shown = clusters.len().min(args.limit);
    let toml = suggest::to_toml(&clusters[..shown]);
    stdout.write_all(toml.as_bytes()).map_err(Error::Output)?;
    let _ = writeln!(
        stderr,
        "calq: {} cluster(s) of spellings in {} document(s); {shown} shown",
        clusters.len(),
        miner.documents()
    );
    Ok(outcome)
}
