//! `calq report PATH… --out DIR`: audits the inputs once and writes the editor report into
//! DIR — `index.html` (render::html), `report.md` (render::report) and `report.json` (the
//! JSON of `calq audit`). Each file is written to a temporary file in DIR as documents
//! stream past and renamed into place at the end, so an interrupted or failed run leaves the
//! previous report whole.

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::{Env, Outcome, audit_loop, checker};
use crate::cli::{AuditArgs, ColorChoice, ReportArgs};
use crate::config::FailOn;
use crate::engine::{DocumentReport, Summary};
use crate::error::Error;
use crate::render::html::Html;
use crate::render::report::MarkdownReport;
use crate::render::{self, Format, Renderer};
use crate::report::NotAudited;

/// The files of a report, in the order they are written.
pub const FILES: [&str; 3] = ["index.html", "report.md", "report.json"];

pub fn run(args: &ReportArgs, env: &Env, stderr: &mut dyn Write) -> Result<Outcome, Error> {
    let audit = AuditArgs {
        input: args.input.clone(),
        format: Format::Json,
        output: None,
        // A report is written for people to read; it fails the run only when asked to.
        fail_on: Some(args.fail_on.unwrap_or(FailOn::Never)),
        fail_on_mt: false,
        fix: false,
        unsafe_fixes: false,
        diff: false,
        timings: false,
        color: ColorChoice::Never,
        writes: FILES
            .iter()
            .map(|name| (args.out.join(name), "--out"))
            .collect(),
    };
    if args.out.exists() && !args.out.is_dir() {
        return Err(Error::Usage(format!(
            "--out {}: that is a file; --out names the folder the report is written to",
            args.out.display()
        )));
    }
    super::outputs(&audit).refuse_inputs(&audit.input.paths)?;
    let renderers = || -> [Box<dyn Renderer>; 3] {
        [
            Box::new(Html::new()),
            Box::new(MarkdownReport::default()),
            render::renderer(Format::Json, false, env.width),
        ]
    };
    let created = !args.out.exists();
    if args.merge {
        let threshold = audit.fail_on.and_then(FailOn::threshold);
        std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
        let mut fanout = Fanout::new(&args.out, renderers())?;
        let outcome = super::merge_loop(&args.input.paths, threshold, &mut fanout, stderr)?;
        return finish(fanout, outcome, &args.out, created);
    }
    let (engine, threshold) = checker(&audit, env)?;
    super::warn(&engine, stderr);
    super::waiting_for_input(&audit, env, stderr);
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
    let mut fanout = Fanout::new(&args.out, renderers())?;
    let outcome = audit_loop(
        &audit,
        env,
        &engine,
        threshold,
        &mut fanout,
        &mut io::sink(),
        stderr,
    )?;
    finish(fanout, outcome, &args.out, created)
}

/// Puts the report in place, unless it reports nothing: when no input could be read, or the
/// only one was an empty standard input (an empty file list in a script), the report in
/// `out` is kept as it was, rather than replaced by an empty one, and the run is an error.
/// The temporary files are removed, and `out` too when this run created it.
fn finish(fanout: Fanout, outcome: Outcome, out: &Path, created: bool) -> Result<Outcome, Error> {
    if outcome.documents > 0 {
        fanout.persist()?;
        return Ok(outcome);
    }
    drop(fanout);
    if created {
        // Only an empty folder is removed.
        let _ = std::fs::remove_dir(out);
    }
    let why = match &outcome.first_error {
        Some(first) if outcome.input_errors == 1 => format!("{first} could not be read"),
        Some(first) => format!(
            "none of the inputs could be read ({} errors, the first: {first})",
            outcome.input_errors
        ),
        None if outcome.empty_stdin => {
            "standard input was empty (with no path given, calq report reads standard input)"
                .to_owned()
        }
        None => "the inputs hold no document".to_owned(),
    };
    let kept = if created {
        String::new()
    } else {
        format!("; the report in {} is left as it was", out.display())
    };
    Err(Error::Usage(format!("nothing to report: {why}{kept}")))
}

/// One report file being written.
struct Output {
    path: PathBuf,
    /// `path` with symbolic links followed: the file replaced at the end.
    target: PathBuf,
    file: BufWriter<NamedTempFile>,
    renderer: Box<dyn Renderer>,
}

/// Feeds every document to each report file's renderer; ignores the writer it is handed.
struct Fanout {
    outputs: Vec<Output>,
}

impl Fanout {
    fn new(dir: &Path, renderers: [Box<dyn Renderer>; 3]) -> Result<Fanout, Error> {
        let mut outputs = Vec::new();
        for (name, renderer) in FILES.into_iter().zip(renderers) {
            let path = dir.join(name);
            // A report file that is a symbolic link (into a web root, say) stays one: the
            // file it points to is replaced, through a temporary file beside that file.
            let target = crate::atomic::resolve(&path)?;
            if !replaceable(&target, name) {
                return Err(Error::io(
                    &path,
                    io::Error::other(
                        "exists and is not a report calq wrote; calq would replace it, so it stops (move the file or choose another --out)",
                    ),
                ));
            }
            let tmp = tempfile::Builder::new()
                .prefix(".calq-")
                .suffix(".tmp")
                .tempfile_in(
                    target
                        .parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .unwrap_or(dir),
                )
                .map_err(|e| Error::io(&path, e))?;
            outputs.push(Output {
                path,
                target,
                file: BufWriter::new(tmp),
                renderer,
            });
        }
        Ok(Fanout { outputs })
    }

    fn each(&mut self, mut step: impl FnMut(&mut Output) -> io::Result<()>) -> io::Result<()> {
        for o in &mut self.outputs {
            step(o).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", o.path.display())))?;
        }
        Ok(())
    }

    /// Renames every finished file into place, keeping an old file's permissions.
    fn persist(self) -> Result<(), Error> {
        for o in self.outputs {
            let (path, target) = (o.path, o.target);
            let io_err = |e| Error::io(&path, e);
            let tmp = o.file.into_inner().map_err(|e| io_err(e.into_error()))?;
            tmp.as_file().sync_all().map_err(io_err)?;
            match std::fs::metadata(&target) {
                Ok(meta) => std::fs::set_permissions(tmp.path(), meta.permissions()),
                Err(_) => readable_by_all(tmp.path()),
            }
            .map_err(io_err)?;
            tmp.persist(&target).map_err(|e| io_err(e.error))?;
        }
        Ok(())
    }
}

/// Whether the report file `name` may be replaced at `path`: there is none, or it is one calq
/// wrote. A user's own `report.md` or `index.html` in the folder must not be lost to a report
/// written there.
fn replaceable(path: &Path, name: &str) -> bool {
    !path.exists() || crate::report::written_by_calq(path, name)
}

/// Temporary files are private (0600); a report is meant to be shared and served.
#[cfg(unix)]
fn readable_by_all(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_path: &Path) -> io::Result<()> {
    Ok(())
}

impl Renderer for Fanout {
    fn begin(&mut self, _w: &mut dyn Write) -> io::Result<()> {
        self.each(|o| o.renderer.begin(&mut o.file))
    }

    fn document(&mut self, _w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        self.each(|o| o.renderer.document(&mut o.file, report))
    }

    fn document_with_text(
        &mut self,
        _w: &mut dyn Write,
        report: &DocumentReport,
        text: &str,
    ) -> io::Result<()> {
        self.each(|o| o.renderer.document_with_text(&mut o.file, report, text))
    }

    fn not_audited(&mut self, _w: &mut dyn Write, item: &NotAudited) -> io::Result<()> {
        self.each(|o| o.renderer.not_audited(&mut o.file, item))
    }

    fn end(&mut self, _w: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        self.each(|o| {
            o.renderer.end(&mut o.file, summary)?;
            o.file.flush()
        })
    }
}
