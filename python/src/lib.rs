//! calq for Python: an `Auditor` holds one engine (glossaries, configuration, MT model), built
//! from the same arguments as `calq audit`, and audits text, HTML, files and iterables of
//! documents. Every result is the document object `calq audit --format json` writes, made by
//! the command line's own JSON renderer and handed to Python as a dict. Auditing runs with the
//! GIL released, so Python threads (and `audit_many(jobs=N)`) use several cores.
//!
//! No rule, reader or serialiser lives here: only the conversion between Python values and
//! the library's documents.

use std::collections::VecDeque;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

use calq_core::cli::{AuditArgs, Cli, Command};
use calq_core::document::{Document, Origin};
use calq_core::engine::Engine;
use calq_core::input::{self, Item};
use calq_core::render::{self, Format};
use clap::Parser;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rayon::prelude::*;

/// The audit arguments for `paths`: `calq audit --format jsonl` with the auditor's options.
fn parse_args(options: &[String], paths: &[PathBuf], jobs: Option<usize>) -> PyResult<AuditArgs> {
    let mut argv: Vec<String> = vec!["calq".into(), "audit".into()];
    argv.extend(options.iter().cloned());
    argv.extend(["--format".into(), "jsonl".into()]);
    if let Some(jobs) = jobs {
        argv.extend(["--jobs".into(), jobs.to_string()]);
    }
    argv.push("--".into());
    argv.extend(paths.iter().map(|p| p.display().to_string()));
    match Cli::try_parse_from(argv) {
        Ok(Cli {
            command: Command::Audit(args),
        }) => Ok(args),
        Ok(_) => Err(PyValueError::new_err(
            "internal error: not an audit command",
        )),
        Err(e) => Err(PyValueError::new_err(e.to_string())),
    }
}

fn calq_error(e: calq_core::Error) -> PyErr {
    PyValueError::new_err(e.to_string())
}

/// A document's text as Python gives it.
#[derive(FromPyObject)]
enum Text {
    Str(String),
    Bytes(Vec<u8>),
}

/// One document to audit, taken from Python while holding the GIL.
struct Job {
    text: Text,
    id: Option<String>,
    html: bool,
    path: String,
}

fn is_html(kind: &str) -> PyResult<bool> {
    match kind {
        "text" => Ok(false),
        "html" => Ok(true),
        other => Err(PyValueError::new_err(format!(
            "kind must be \"text\" or \"html\", not {other:?}"
        ))),
    }
}

/// Audits one document and renders it as the command line's `--format jsonl` line.
///
/// A `str` of kind text becomes a document the way a JSONL record's `text` does; bytes (and
/// HTML) are decoded as a file is (byte-order marks, UTF-16, lossy UTF-8, binary detection),
/// so bytes read from a file give what `calq audit FILE` gives.
fn audit_job(engine: &Engine, job: Job) -> Result<String, String> {
    let Job {
        text,
        id,
        html,
        path,
    } = job;
    let doc = match text {
        Text::Str(text) if !html => Document::new(path, id, text, Origin::default()),
        text => {
            let bytes = match &text {
                Text::Str(s) => s.as_bytes(),
                Text::Bytes(b) => b.as_slice(),
            };
            match input::text_item(Path::new(&path), bytes, html) {
                Item::Document(mut doc) => {
                    doc.id = id;
                    *doc
                }
                Item::Skipped { reason, .. } => return Err(format!("{path}: skipped: {reason}")),
                Item::Error(e) => return Err(e.to_string()),
            }
        }
    };
    let report = engine.audit(&doc);
    let mut line = Vec::new();
    render::renderer(Format::Jsonl, false, 100)
        .document_with_text(&mut line, &report, &doc.text)
        .map_err(|e| e.to_string())?;
    String::from_utf8(line).map_err(|e| e.to_string())
}

/// Audits English news articles with one engine: glossaries, configuration and the MT model
/// are loaded once, when the auditor is made.
///
/// Options are those of `calq audit`: `glossaries` (files), `no_default_glossaries`,
/// `config` (a calq.toml; without it calq.toml is discovered from `cwd` as the command line
/// does), `select` and `ignore` (rule codes), `model` (an MT model file), `max_bytes`.
#[pyclass(frozen, module = "calq")]
struct Auditor {
    engine: Arc<Engine>,
    /// The command-line options the engine was built from, for `audit_files`.
    options: Vec<String>,
    cwd: PathBuf,
    loads: Py<PyAny>,
}

#[pymethods]
impl Auditor {
    #[new]
    #[pyo3(signature = (*, glossaries=Vec::new(), no_default_glossaries=false, config=None, select=None, ignore=None, model=None, max_bytes=None, cwd=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        glossaries: Vec<PathBuf>,
        no_default_glossaries: bool,
        config: Option<PathBuf>,
        select: Option<Vec<String>>,
        ignore: Option<Vec<String>>,
        model: Option<PathBuf>,
        max_bytes: Option<String>,
        cwd: Option<PathBuf>,
    ) -> PyResult<Self> {
        let mut options = Vec::new();
        for g in glossaries {
            options.extend(["--glossary".into(), g.display().to_string()]);
        }
        if no_default_glossaries {
            options.push("--no-default-glossaries".into());
        }
        if let Some(c) = config {
            options.extend(["--config".into(), c.display().to_string()]);
        }
        if let Some(codes) = select {
            options.extend(["--select".into(), codes.join(",")]);
        }
        if let Some(codes) = ignore {
            options.extend(["--ignore".into(), codes.join(",")]);
        }
        if let Some(m) = model {
            options.extend(["--model".into(), m.display().to_string()]);
        }
        if let Some(size) = max_bytes {
            options.extend(["--max-bytes".into(), size]);
        }
        let cwd = match cwd {
            Some(cwd) => cwd,
            None => std::env::current_dir()
                .map_err(|e| PyValueError::new_err(format!("the current folder: {e}")))?,
        };
        let args = parse_args(&options, &[], None)?;
        let env = env(&cwd);
        let (engine, _) = py
            .detach(|| calq_core::run::checker(&args, &env))
            .map_err(calq_error)?;
        let loads = py.import("json")?.getattr("loads")?.unbind();
        Ok(Auditor {
            engine: Arc::new(engine),
            options,
            cwd,
            loads,
        })
    }

    /// Audits one document and returns its document object (a dict), as `calq audit --format
    /// json` writes it. `text` is a str or bytes; `kind` is "text" or "html" (reduced to the
    /// article's main text first); `id` and `path` fill the object's fields (`path` defaults
    /// to "-", as for standard input).
    #[pyo3(signature = (text, id=None, kind="text", path=None))]
    fn audit(
        &self,
        py: Python<'_>,
        text: Text,
        id: Option<String>,
        kind: &str,
        path: Option<String>,
    ) -> PyResult<Py<PyAny>> {
        let job = Job {
            text,
            id,
            html: is_html(kind)?,
            path: path.unwrap_or_else(|| "-".into()),
        };
        let engine = &*self.engine;
        let line = py
            .detach(|| audit_job(engine, job))
            .map_err(PyValueError::new_err)?;
        self.loads.call1(py, (line,))
    }

    /// Audits every document of `documents` and yields their document objects in order.
    /// Each item is a str or bytes (text), an `(id, text)` pair, or a dict with `text` and
    /// optionally `id`, `kind` and `path`. `jobs` threads audit a batch at a time (default:
    /// one per core). An item that cannot be audited yields `{"error": ..., "id": ...}`.
    #[pyo3(signature = (documents, jobs=None))]
    fn audit_many(
        &self,
        py: Python<'_>,
        documents: &Bound<'_, PyAny>,
        jobs: Option<usize>,
    ) -> PyResult<Audits> {
        let jobs = jobs.unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
        });
        let pool = if jobs > 1 {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .thread_name(|i| format!("calq-python-{i}"))
                .build()
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            Some(Arc::new(pool))
        } else {
            None
        };
        Ok(Audits {
            source: documents.try_iter()?.into_any().unbind(),
            engine: Arc::clone(&self.engine),
            pool,
            batch: jobs.max(1) * 16,
            ready: VecDeque::new(),
            loads: self.loads.clone_ref(py),
        })
    }

    /// Reads and audits files and folders exactly as `calq audit --format jsonl PATH...`
    /// does (text, HTML, JSONL corpora, WARC crawls), streaming: yields each document object,
    /// and `{"error": message}` for each input error, in order.
    #[pyo3(signature = (paths, jobs=None))]
    fn audit_files(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        jobs: Option<usize>,
    ) -> PyResult<FileAudits> {
        let args = parse_args(&self.options, &paths, jobs)?;
        let (tx, rx) = mpsc::sync_channel(256);
        let engine = Arc::clone(&self.engine);
        let cwd = self.cwd.clone();
        std::thread::Builder::new()
            .name("calq-python-reader".into())
            .spawn(move || {
                let mut out = Lines {
                    pending: Vec::new(),
                    tx: tx.clone(),
                    errors: false,
                };
                let mut err = Lines {
                    pending: Vec::new(),
                    tx: tx.clone(),
                    errors: true,
                };
                let mut renderer = render::renderer(Format::Jsonl, false, 100);
                let env = env(&cwd);
                let result = calq_core::run::audit_loop(
                    &args,
                    &env,
                    &engine,
                    None,
                    renderer.as_mut(),
                    &mut out,
                    &mut err,
                );
                if let Err(e) = result
                    && !e.is_broken_pipe()
                {
                    let _ = tx.send(Line::Error(e.to_string()));
                }
            })
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(FileAudits {
            rx: Mutex::new(rx),
            loads: self.loads.clone_ref(py),
        })
    }
}

fn env(cwd: &Path) -> calq_core::run::Env<'_> {
    calq_core::run::Env {
        cwd,
        stdout_is_terminal: false,
        stderr_is_terminal: false,
        no_color: true,
        stdin_is_terminal: false,
        // JSON Lines do not wrap; the width only matters to the table.
        width: 100,
    }
}

/// The iterator `audit_many` returns.
#[pyclass(module = "calq")]
struct Audits {
    source: Py<PyAny>,
    engine: Arc<Engine>,
    pool: Option<Arc<rayon::ThreadPool>>,
    batch: usize,
    ready: VecDeque<(Option<String>, Result<String, String>)>,
    loads: Py<PyAny>,
}

impl Audits {
    fn job(item: &Bound<'_, PyAny>) -> PyResult<Job> {
        if let Ok(dict) = item.cast::<PyDict>() {
            let text: Text = dict
                .get_item("text")?
                .ok_or_else(|| PyValueError::new_err("a document dict needs a `text`"))?
                .extract()?;
            let id = match dict.get_item("id")? {
                Some(v) if !v.is_none() => Some(v.str()?.to_string()),
                _ => None,
            };
            let kind: String = match dict.get_item("kind")? {
                Some(v) if !v.is_none() => v.extract()?,
                _ => "text".into(),
            };
            let path: Option<String> = match dict.get_item("path")? {
                Some(v) if !v.is_none() => Some(v.extract()?),
                _ => None,
            };
            return Ok(Job {
                text,
                id,
                html: is_html(&kind)?,
                path: path.unwrap_or_else(|| "-".into()),
            });
        }
        if let Ok(text) = item.extract::<Text>() {
            return Ok(Job {
                text,
                id: None,
                html: false,
                path: "-".into(),
            });
        }
        if let Ok((id, text)) = item.extract::<(Bound<'_, PyAny>, Text)>() {
            return Ok(Job {
                text,
                id: (!id.is_none())
                    .then(|| id.str().map(|s| s.to_string()))
                    .transpose()?,
                html: false,
                path: "-".into(),
            });
        }
        Err(PyTypeError::new_err(
            "each document is a str, bytes, an (id, text) pair or a dict with `text`",
        ))
    }
}

#[pymethods]
impl Audits {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.ready.is_empty() {
            let source = self.source.bind(py);
            let mut jobs = Vec::with_capacity(self.batch);
            while jobs.len() < self.batch {
                let next = source.call_method0("__next__");
                match next {
                    Ok(item) => jobs.push(Self::job(&item)?),
                    Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => break,
                    Err(e) => return Err(e),
                }
            }
            let engine = &*self.engine;
            let pool = self.pool.as_deref();
            let done: Vec<(Option<String>, Result<String, String>)> = py.detach(|| {
                let one = |job: Job| (job.id.clone(), audit_job(engine, job));
                match pool {
                    Some(pool) => pool.install(|| jobs.into_par_iter().map(one).collect()),
                    None => jobs.into_iter().map(one).collect(),
                }
            });
            self.ready.extend(done);
        }
        let Some((id, result)) = self.ready.pop_front() else {
            return Ok(None);
        };
        match result {
            Ok(line) => Ok(Some(self.loads.call1(py, (line,))?)),
            Err(message) => {
                let dict = PyDict::new(py);
                dict.set_item("error", message)?;
                dict.set_item("id", id)?;
                Ok(Some(dict.into_any().unbind()))
            }
        }
    }
}

enum Line {
    Document(String),
    Error(String),
}

/// A writer that sends each complete line to the Python side: the renderer's output
/// (documents) or the command's messages (errors; other messages are dropped).
struct Lines {
    pending: Vec<u8>,
    tx: mpsc::SyncSender<Line>,
    errors: bool,
}

impl Write for Lines {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(end) = self.pending.iter().position(|&b| b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line[..end]).into_owned();
            let message = if self.errors {
                match line.strip_prefix("calq: error: ") {
                    Some(message) => Line::Error(message.to_owned()),
                    None => continue,
                }
            } else {
                Line::Document(line)
            };
            self.tx
                .send(message)
                .map_err(|_| io::Error::from(io::ErrorKind::BrokenPipe))?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The iterator `audit_files` returns.
#[pyclass(module = "calq")]
struct FileAudits {
    rx: Mutex<mpsc::Receiver<Line>>,
    loads: Py<PyAny>,
}

#[pymethods]
impl FileAudits {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let rx = &self.rx;
        let line = py.detach(|| rx.lock().ok().and_then(|rx| rx.recv().ok()));
        match line {
            None => Ok(None),
            Some(Line::Document(line)) => Ok(Some(self.loads.call1(py, (line,))?)),
            Some(Line::Error(message)) => {
                let dict = PyDict::new(py);
                dict.set_item("error", message)?;
                Ok(Some(dict.into_any().unbind()))
            }
        }
    }
}

/// calq: a translation-quality checker for English news articles.
#[pymodule]
#[pyo3(name = "calq")]
fn calq_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Auditor>()?;
    m.add_class::<Audits>()?;
    m.add_class::<FileAudits>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
