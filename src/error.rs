//! The crate's error type. Every variant that concerns a file carries its path (and line where
//! there is one) so the message can say which file to fix.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: {source}{}", path.display(), io_hint(source.kind()))]
    Io { path: PathBuf, source: io::Error },

    /// A bad line in a JSONL corpus; the other lines are still audited.
    #[error(
        "{}:{line}: {message} (each line of a JSONL corpus is a JSON object with a `text` string)",
        path.display()
    )]
    Record {
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// A damaged or unreadable record of a WARC file; the records after it are still read.
    #[error("{}: {location}: {message}", path.display())]
    Warc {
        path: PathBuf,
        /// Where the record starts ("record at byte 1234").
        location: String,
        message: String,
    },

    #[error("{}: {message}", path.display())]
    Config { path: PathBuf, message: String },

    /// A value of a configuration file that parses but means nothing: an unknown rule code,
    /// a glossary that is not there.
    #[error("{}:{line}: {message}", path.display())]
    ConfigValue {
        path: PathBuf,
        line: usize,
        message: String,
    },

    /// A glossary that cannot be loaded; nothing from it is used.
    #[error(
        "{path}{}: {message} (the glossary format: `calq glossary --help`)",
        line.map(|l| format!(":{l}")).unwrap_or_default()
    )]
    Glossary {
        path: String,
        line: Option<usize>,
        message: String,
    },

    /// A document (a file, standard input, or one JSONL record) over the size limit: it is
    /// not read into memory, and the other inputs are still audited.
    #[error(
        "{}{}: larger than the limit of {limit} bytes, not audited (raise the limit with --max-bytes or `max-bytes` in calq.toml)",
        path.display(),
        line.map(|l| format!(":{l}")).unwrap_or_default()
    )]
    TooLarge {
        path: PathBuf,
        line: Option<usize>,
        limit: u64,
    },

    /// An input that is not text (NUL bytes and no UTF-16 byte-order mark): it is not
    /// audited, like an unreadable file, and the other inputs still are.
    #[error(
        "{}: binary file (NUL bytes and no UTF-16 byte-order mark), skipped",
        path.display()
    )]
    Binary { path: PathBuf },

    /// Bad command-line usage that clap cannot see (unknown rule codes, for example).
    #[error("{0}")]
    Usage(String),

    /// Writing the output failed (a closed pipe, a full disk).
    #[error("cannot write output: {0}")]
    Output(#[source] io::Error),
}

/// What to do about a failed read or write, by its kind.
fn io_hint(kind: io::ErrorKind) -> &'static str {
    match kind {
        io::ErrorKind::NotFound => "; check the path",
        io::ErrorKind::PermissionDenied => {
            "; check its permissions (calq reads inputs, and writes fixed files and glossaries through a temporary file in the same folder)"
        }
        io::ErrorKind::IsADirectory => "; give a file here",
        io::ErrorKind::StorageFull => "; free some disk space and run again",
        _ => "",
    }
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// The input an error is about, as its message names it (`path`, or `path:line` for a
    /// JSONL record); `None` for errors about no one input.
    pub fn input(&self) -> Option<String> {
        match self {
            Error::Io { path, .. } | Error::Config { path, .. } | Error::Binary { path } => {
                Some(path.display().to_string())
            }
            Error::Record { path, line, .. } | Error::ConfigValue { path, line, .. } => {
                Some(format!("{}:{line}", path.display()))
            }
            Error::TooLarge { path, line, .. } => Some(match line {
                Some(l) => format!("{}:{l}", path.display()),
                None => path.display().to_string(),
            }),
            Error::Glossary { path, line, .. } => Some(match line {
                Some(l) => format!("{path}:{l}"),
                None => path.clone(),
            }),
            Error::Warc { path, location, .. } => Some(format!("{} ({location})", path.display())),
            Error::Usage(_) | Error::Output(_) => None,
        }
    }

    /// True when the reader of our output went away (`calq audit | head`): exit quietly.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
