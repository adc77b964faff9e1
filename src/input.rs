//! Inputs: expanding paths and folders into sources, and reading each source into
//! documents — whole files, HTML (reduced to the article), and JSONL corpora streamed line by
//! line so memory does not grow with the corpus. WARC crawl files are split into records in
//! [`warc`].

mod warc;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::document::decode::{Decoded, decode};
use crate::document::record::RecordText;
use crate::document::{Document, Origin, html};
use crate::error::Error;
use crate::same_file::{FileId, Outputs};

/// File endings read when walking a folder.
pub const EXTENSIONS: &[&str] = &["htm", "html", "jsonl", "md", "txt"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

/// What reading a source produces, in order.
#[derive(Debug)]
pub enum Item {
    Document(Box<Document>),
    /// A file or record that could not be read (a binary file too); the run goes on and
    /// exits with 2.
    Error(Error),
    /// Records of a WARC file deliberately not audited (not articles), with the reason.
    Skipped {
        path: PathBuf,
        reason: std::borrow::Cow<'static, str>,
    },
}

/// Expands the command line's paths: `-` (or none) is standard input, a folder is walked
/// recursively in name order for the [`EXTENSIONS`] and WARC files, anything else is a file. A path that does
/// not exist is an error item in its place.
pub fn expand(paths: &[PathBuf]) -> Vec<Result<Source, Error>> {
    expand_except(paths, &Outputs::new())
}

/// [`expand`] for a command that writes `outputs`: a folder walk leaves them out (a report
/// written into the folder it audits is not an article of it), and a named input that is one
/// of them is an error item. Standard input is read once, however often `-` is given: a
/// second read would find it empty. Likewise a file that an earlier path already gave
/// (`a.txt a.txt`, `a.txt ./a.txt`, `dir dir/a.txt`: the same canonical path) is read once,
/// where it was first given; within one folder's walk, a link to a file is still read
/// under its own name.
pub fn expand_except(paths: &[PathBuf], outputs: &Outputs) -> Vec<Result<Source, Error>> {
    if paths.is_empty() {
        return vec![Ok(Source::Stdin)];
    }
    let skip: Vec<FileId> = outputs.ids();
    let mut out = Vec::new();
    let mut stdin = false;
    // Canonical paths of the files the earlier paths gave; only looked at when there are
    // several paths, so a single folder's walk costs no extra system call per file.
    let mut given = std::collections::HashSet::new();
    let canonical = |source: &Result<Source, Error>| match source {
        Ok(Source::File(file)) => std::fs::canonicalize(file).ok(),
        _ => None,
    };
    for path in paths {
        let first = out.len();
        expand_one(path, outputs, &skip, &mut stdin, &mut out);
        if paths.len() > 1 {
            let kept: Vec<_> = out
                .split_off(first)
                .into_iter()
                .map(|s| (canonical(&s), s))
                .filter(|(c, _)| c.as_ref().is_none_or(|c| !given.contains(c)))
                .collect();
            given.extend(kept.iter().filter_map(|(c, _)| c.clone()));
            out.extend(kept.into_iter().map(|(_, s)| s));
        }
    }
    out
}

/// The sources of one command-line path, appended to `out`.
fn expand_one(
    path: &Path,
    outputs: &Outputs,
    skip: &[FileId],
    stdin: &mut bool,
    out: &mut Vec<Result<Source, Error>>,
) {
    if path.as_os_str() == "-" {
        if !std::mem::replace(stdin, true) {
            out.push(Ok(Source::Stdin));
        }
    } else if path.is_dir() {
        walk(path, skip, out);
    } else if let Some((output, option)) = outputs.matching(path) {
        out.push(Err(Error::io(
            path,
            io::Error::other(format!(
                "this input is also the output file ({option} {}); not read",
                output.display()
            )),
        )));
    } else if path.exists() {
        out.push(Ok(Source::File(path.to_owned())));
    } else if let Some(target) = broken_link(path) {
        out.push(Err(broken_link_error(path, &target)));
    } else {
        out.push(Err(Error::io(
            path,
            io::Error::new(io::ErrorKind::NotFound, "no such file or folder"),
        )));
    }
}

/// The target of `path` when it is a symbolic link to nothing.
fn broken_link(path: &Path) -> Option<PathBuf> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_symlink() || path.exists() {
        return None;
    }
    std::fs::read_link(path).ok()
}

fn broken_link_error(path: &Path, target: &Path) -> Error {
    Error::io(
        path,
        io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "a symbolic link to {}, which does not exist",
                target.display()
            ),
        ),
    )
}

fn walk(dir: &Path, skip: &[FileId], out: &mut Vec<Result<Source, Error>>) {
    let before = out.len();
    walk_into(dir, skip, out);
    if out.len() == before {
        out.push(Err(Error::io(
            dir,
            io::Error::other(
                "no articles in this folder; calq reads .htm, .html, .jsonl, .jsonl.gz, .md, .txt, .warc and .warc.gz files",
            ),
        )));
    }
}

/// Walks `dir` for articles. Symbolic links to files are followed (the link's name decides
/// whether it is an article, as for a file); links to folders are not, so a walk cannot loop
/// or leave the tree; a link to nothing with an article's ending is an error naming it.
/// Files in `skip` (calq's own output) are left out.
fn walk_into(dir: &Path, skip: &[FileId], out: &mut Vec<Result<Source, Error>>) {
    let entries = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in entries {
        let e = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_owned();
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| io::Error::other("folder loop"));
                out.push(Err(Error::io(path, source)));
                continue;
            }
        };
        let article = (has_extension(e.path(), EXTENSIONS)
            || warc::is_warc(e.path())
            || is_jsonl_gz(e.path()))
            && !is_folder_documentation(e.path());
        if !article {
            continue;
        }
        let file = if e.file_type().is_symlink() {
            match std::fs::metadata(e.path()) {
                Ok(meta) => meta.is_file(),
                Err(error) => {
                    out.push(Err(match broken_link(e.path()) {
                        Some(target) if error.kind() == io::ErrorKind::NotFound => {
                            broken_link_error(e.path(), &target)
                        }
                        _ => Error::io(e.path(), error),
                    }));
                    continue;
                }
            }
        } else {
            e.file_type().is_file()
        };
        if !file || (!skip.is_empty() && FileId::of(e.path()).is_some_and(|id| skip.contains(&id)))
        {
            continue;
        }
        // A report calq wrote earlier (kept inside the corpus, say) is no article.
        let name = e.file_name().to_str().unwrap_or_default();
        if matches!(name, "index.html" | "report.md")
            && crate::report::written_by_calq(e.path(), name)
        {
            continue;
        }
        out.push(Ok(Source::File(e.into_path())));
    }
}

/// A folder's own documentation (README.md, LICENSE.txt, CHANGELOG.md…) describes the
/// corpus and is no article: a walk leaves it out; named on the command line it is read.
fn is_folder_documentation(path: &Path) -> bool {
    const NAMES: &[&str] = &[
        "authors",
        "changelog",
        "contributing",
        "license",
        "licence",
        "readme",
    ];
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|s| NAMES.iter().any(|n| s.eq_ignore_ascii_case(n)))
}

/// A gzip-compressed JSONL corpus (`.jsonl.gz`), read as it decompresses.
fn is_jsonl_gz(path: &Path) -> bool {
    // Compared as bytes: a name's last nine bytes may start inside a character ("Київ.txt").
    path.file_name().is_some_and(|n| {
        let n = n.as_encoded_bytes();
        n.len() > 9 && n[n.len() - 9..].eq_ignore_ascii_case(b".jsonl.gz")
    })
}

fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// A piece of input read but not yet parsed: a whole file's bytes, one JSONL line, or an
/// item already settled while reading (an unreadable file). Reading is cheap and done in
/// order; [`Unit::parse`] (decoding, JSON, HTML extraction, the document model) is the costly
/// part, so a parallel run hands units to its workers.
#[derive(Debug)]
pub enum Unit {
    File {
        path: PathBuf,
        bytes: Vec<u8>,
        html: bool,
    },
    Record {
        path: PathBuf,
        line: usize,
        bytes: Vec<u8>,
        /// Read from a gzip stream: the line has no place in the file's bytes.
        compressed: bool,
    },
    /// A record of a WARC file.
    Warc(warc::Record),
    Item(Item),
}

impl Unit {
    /// Bytes of input this unit stands for (0 for a settled item).
    pub fn len(&self) -> usize {
        match self {
            Unit::File { bytes, .. } | Unit::Record { bytes, .. } => bytes.len(),
            Unit::Warc(record) => record.len(),
            Unit::Item(_) => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The item this unit becomes; `None` for a blank JSONL line.
    pub fn parse(self) -> Option<Item> {
        match self {
            Unit::File { path, bytes, html } => Some(text_item(&path, &bytes, html)),
            Unit::Record {
                path,
                line,
                bytes,
                compressed,
            } => match record(&path, line, bytes, compressed) {
                Ok(Some(doc)) => Some(Item::Document(Box::new(doc))),
                Ok(None) => None,
                Err(message) => Some(Item::Error(Error::Record {
                    path,
                    line,
                    message,
                })),
            },
            Unit::Warc(record) => Some(record.parse()),
            Unit::Item(item) => Some(item),
        }
    }
}

/// Reads one source and hands each resulting item to `sink` as soon as it is ready. Stops
/// early, returning the error, only when `sink` fails (the output went away).
pub fn read<E>(source: &Source, sink: &mut dyn FnMut(Item) -> Result<(), E>) -> Result<(), E> {
    read_units(source, &mut |unit| match unit.parse() {
        Some(item) => sink(item),
        None => Ok(()),
    })
}

/// Reads one source into units, in order, without parsing them: a JSONL corpus one line at a
/// time, so memory holds only the units the caller keeps. Stops early, returning the error,
/// only when `sink` fails. Documents over [`DEFAULT_MAX_BYTES`] are errors.
pub fn read_units<E>(
    source: &Source,
    sink: &mut dyn FnMut(Unit) -> Result<(), E>,
) -> Result<(), E> {
    read_units_limited(source, DEFAULT_MAX_BYTES, sink)
}

/// The largest document read by default: a file, standard input, or one line of a JSONL
/// corpus (a corpus as a whole has no limit). DESIGN.md has calq process a 100 MB file, so
/// the limit is above that; it exists so that a stray disk image or log does not take the
/// machine's memory.
pub const DEFAULT_MAX_BYTES: u64 = 128 << 20;

/// [`read_units`] with a size limit: a file, standard input or JSONL line longer than
/// `max_bytes` becomes an [`Error::TooLarge`] item, read no further than the limit.
pub fn read_units_limited<E>(
    source: &Source,
    max_bytes: u64,
    sink: &mut dyn FnMut(Unit) -> Result<(), E>,
) -> Result<(), E> {
    read_units_named(source, None, max_bytes, sink)
}

/// [`read_units_limited`], with standard input given a name (`--stdin-filename`): the name
/// stands for it in the output, and its ending decides how it is read, as a file's would
/// (a JSONL corpus, compressed or not, HTML, or text).
pub fn read_units_named<E>(
    source: &Source,
    stdin_name: Option<&Path>,
    max_bytes: u64,
    sink: &mut dyn FnMut(Unit) -> Result<(), E>,
) -> Result<(), E> {
    let (path, bytes) = match (source, stdin_name) {
        (Source::File(path), _) if has_extension(path, &["jsonl"]) || is_jsonl_gz(path) => {
            return read_jsonl(path, max_bytes, sink);
        }
        (Source::File(path), _) if warc::is_warc(path) => {
            return warc::read(path, max_bytes, sink);
        }
        (Source::Stdin, Some(name)) if warc::is_warc(name) => {
            return sink(Unit::Item(Item::Error(Error::io(
                name,
                io::Error::other(
                    "a WARC crawl is read from a file (calq seeks in it), not from standard input",
                ),
            ))));
        }
        (Source::Stdin, Some(name)) if has_extension(name, &["jsonl"]) || is_jsonl_gz(name) => {
            let stdin = io::stdin().lock();
            let compressed = is_jsonl_gz(name);
            let reader: Box<dyn BufRead> = if compressed {
                Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(stdin)))
            } else {
                Box::new(stdin)
            };
            return read_jsonl_lines(name, reader, compressed, max_bytes, sink);
        }
        (Source::Stdin, name) => (
            name.unwrap_or(Path::new("-")),
            read_capped(io::stdin().lock(), max_bytes),
        ),
        (Source::File(path), _) => (
            path.as_path(),
            File::open(path).and_then(|f| read_capped(f, max_bytes)),
        ),
    };
    let unit = match bytes {
        Ok(Some(bytes)) => Unit::File {
            path: path.to_owned(),
            bytes,
            html: has_extension(path, &["html", "htm"]),
        },
        Ok(None) => Unit::Item(Item::Error(Error::TooLarge {
            path: path.to_owned(),
            line: None,
            limit: max_bytes,
        })),
        Err(e) if matches!(source, Source::Stdin) => Unit::Item(Item::Error(Error::io(
            stdin_name.unwrap_or(Path::new("<stdin>")),
            e,
        ))),
        Err(e) => Unit::Item(Item::Error(Error::io(path, e))),
    };
    sink(unit)
}

/// All of `reader`, or `None` if it holds more than `max_bytes` (then read no further).
fn read_capped(reader: impl Read, max_bytes: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max_bytes).then_some(bytes))
}

/// The size in bytes of what `sources` will read, if known (not for standard input).
pub fn total_len(sources: &[Result<Source, Error>]) -> Option<u64> {
    sources.iter().try_fold(0u64, |sum, s| match s {
        Ok(Source::Stdin) => None,
        Ok(Source::File(path)) => Some(sum + std::fs::metadata(path).map_or(0, |m| m.len())),
        Err(_) => Some(sum),
    })
}

/// A whole file (or standard input) as one document; a binary one is an input error
/// ([`Error::Binary`]), as DESIGN.md's exit codes have it: named, not audited, exit code 2.
pub fn text_item(path: &Path, bytes: &[u8], is_html: bool) -> Item {
    let Decoded::Text { text, lossy, bom } = decode(bytes) else {
        return Item::Error(Error::Binary {
            path: path.to_owned(),
        });
    };
    let text = if is_html { html::extract(&text) } else { text };
    let origin = Origin {
        lossy,
        bom,
        html: is_html,
        markdown: has_extension(path, &["md", "markdown"]),
        ..Origin::default()
    };
    Item::Document(Box::new(Document::new(
        path.display().to_string(),
        None,
        text,
        origin,
    )))
}

fn read_jsonl<E>(
    path: &Path,
    max_bytes: u64,
    sink: &mut dyn FnMut(Unit) -> Result<(), E>,
) -> Result<(), E> {
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return sink(Unit::Item(Item::Error(Error::io(path, e)))),
    };
    // A `.jsonl.gz`, or a `.jsonl` that is gzip inside (its magic bytes), is read as it
    // decompresses; a damaged or cut stream is an I/O error naming the file, after the
    // records read before it.
    let mut file = BufReader::new(file);
    let gzip = match file.fill_buf() {
        Ok(head) => is_jsonl_gz(path) || head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return sink(Unit::Item(Item::Error(Error::io(path, e)))),
    };
    let reader: Box<dyn BufRead> = if gzip {
        Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(file)))
    } else {
        Box::new(file)
    };
    read_jsonl_lines(path, reader, gzip, max_bytes, sink)
}

/// The lines of a JSONL corpus from `reader`, as records of `path` (`compressed`: `reader`
/// decompresses it).
fn read_jsonl_lines<E>(
    path: &Path,
    mut reader: Box<dyn BufRead + '_>,
    compressed: bool,
    max_bytes: u64,
    sink: &mut dyn FnMut(Unit) -> Result<(), E>,
) -> Result<(), E> {
    let mut line = 0;
    loop {
        let mut bytes = Vec::new();
        // The line without its `\n` may be `max_bytes` long: read one byte more than that.
        let limit = max_bytes.saturating_add(2);
        match (&mut reader).take(limit).read_until(b'\n', &mut bytes) {
            Ok(0) => return Ok(()),
            Ok(_) => line += 1,
            Err(e) => return sink(Unit::Item(Item::Error(Error::io(path, e)))),
        }
        let content = bytes.len() - usize::from(bytes.ends_with(b"\n"));
        if content as u64 > max_bytes {
            // Skip the rest of the line without holding it in memory.
            if !bytes.ends_with(b"\n")
                && let Err(e) = reader.skip_until(b'\n')
            {
                return sink(Unit::Item(Item::Error(Error::io(path, e))));
            }
            sink(Unit::Item(Item::Error(Error::TooLarge {
                path: path.to_owned(),
                line: Some(line),
                limit: max_bytes,
            })))?;
            continue;
        }
        sink(Unit::Record {
            path: path.to_owned(),
            line,
            bytes,
            compressed,
        })?;
    }
}

/// One JSONL line as a document; `None` for a blank line.
fn record(
    path: &Path,
    line_no: usize,
    bytes: Vec<u8>,
    compressed: bool,
) -> Result<Option<Document>, String> {
    // The line's own bytes when they are UTF-8 (no copy), else a repaired copy.
    let (line, lossy) = match String::from_utf8(bytes) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    let line = line.strip_prefix('\u{FEFF}').unwrap_or(&line);
    // Characters before the object, for columns of the physical line (a BOM is not one).
    let lead = line
        .get(..line.len() - line.trim_start().len())
        .map_or(0, |s| s.chars().count());
    let line = line.trim();
    if line.is_empty() {
        return Ok(None);
    }
    let mut map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let id = match map.remove("id") {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        Some(_) => return Err("`id` must be a string or a number".into()),
        None => return Err("record has no `id`".into()),
    };
    let text = match map.remove("text") {
        Some(serde_json::Value::String(s)) => s,
        Some(_) => return Err(format!("record `{id}`: `text` must be a string")),
        None => return Err(format!("record `{id}` has no `text`")),
    };
    let origin = Origin {
        lossy,
        record_line: Some(line_no),
        compressed,
        // Columns of a compressed file's lines mean nothing to an editor or a SARIF viewer.
        record_text: (!compressed)
            .then(|| RecordText::locate(line, lead, &text).map(std::sync::Arc::new))
            .flatten(),
        ..Origin::default()
    };
    let mut doc = Document::new(path.display().to_string(), Some(id), text, origin);
    doc.metadata = (!map.is_empty()).then_some(map);
    Ok(Some(doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(source: &Source) -> Vec<Item> {
        let mut items = Vec::new();
        let _ = read::<()>(source, &mut |i| {
            items.push(i);
            Ok(())
        });
        items
    }

    #[test]
    fn a_gzipped_jsonl_corpus_is_read_record_by_record_and_a_cut_one_is_an_error() {
        use std::io::Write;
        let dir = tempfile::tempdir().expect("tempdir");
        let corpus = "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(corpus.as_bytes()).expect("compress");
        let bytes = gz.finish().expect("compress");
        // Names that are not ASCII are compared byte by byte, not cut inside a character.
        for name in ["Київ.txt", "ї.jsonl.gz.txt", "Київ.jsonl.gz"] {
            assert_eq!(
                is_jsonl_gz(Path::new(name)),
                name.ends_with(".gz"),
                "{name}"
            );
        }
        let path = dir.path().join("Corpus.JSONL.gz");
        std::fs::write(&path, &bytes).expect("write");
        let docs: Vec<(String, Option<usize>)> = collect(&Source::File(path))
            .into_iter()
            .filter_map(|i| match i {
                Item::Document(d) => Some((d.text.clone(), d.origin.record_line)),
                _ => None,
            })
            .collect();
        assert_eq!(docs, [("one".into(), Some(1)), ("two".into(), Some(2))]);
        // Gzip under a plain `.jsonl` name is found by its magic bytes.
        let plain_name = dir.path().join("inside.jsonl");
        std::fs::write(&plain_name, &bytes).expect("write");
        // Either way its records know they were compressed: no columns in the file's lines.
        let docs: Vec<(bool, bool)> = collect(&Source::File(plain_name.clone()))
            .into_iter()
            .filter_map(|i| match i {
                Item::Document(d) => Some((d.origin.compressed, d.origin.record_text.is_some())),
                _ => None,
            })
            .collect();
        assert_eq!(docs, [(true, false), (true, false)]);
        std::fs::remove_file(&plain_name).expect("remove");
        // A folder walk finds it; a truncated stream is an error naming the file.
        let cut = dir.path().join("cut.jsonl.gz");
        std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
        let found = expand(&[dir.path().to_owned()]);
        assert_eq!(found.len(), 2, "{found:?}");
        let items = collect(&Source::File(cut));
        assert!(
            items
                .iter()
                .any(|i| matches!(i, Item::Error(e) if e.to_string().contains("cut.jsonl.gz"))),
            "{items:?}"
        );
    }

    #[test]
    fn jsonl_lines_become_documents_in_order_and_bad_lines_errors() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.jsonl");
        std::fs::write(
            &path,
            "{\"id\":\"a\",\"text\":\"one\",\"outlet\":\"x\"}\n\n{\"id\":2,\"text\":\"two\"}\nnot json\n{\"id\":\"c\"}\n{\"id\":\"d\",\"text\":\"four\"}",
        )
        .expect("write");
        let items = collect(&Source::File(path));
        let summary: Vec<String> = items
            .iter()
            .map(|i| match i {
                Item::Document(d) => format!("doc {} {}", d.id.as_deref().unwrap_or("?"), d.text),
                Item::Error(e) => format!("err {e}"),
                Item::Skipped { .. } => "skip".into(),
            })
            .collect();
        assert_eq!(summary.len(), 5);
        assert_eq!(summary[0], "doc a one");
        assert_eq!(summary[1], "doc 2 two");
        assert!(
            summary[2].starts_with("err ") && summary[2].contains("c.jsonl:4:"),
            "{}",
            summary[2]
        );
        assert!(
            summary[3].contains(":5:") && summary[3].contains("no `text`"),
            "{}",
            summary[3]
        );
        assert_eq!(summary[4], "doc d four");
        let Item::Document(first) = &items[0] else {
            panic!("document expected")
        };
        assert!(
            first
                .metadata
                .as_ref()
                .is_some_and(|m| m.contains_key("outlet"))
        );
    }

    #[test]
    fn folders_are_walked_for_known_endings_in_name_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in [
            "b.txt",
            "a.html",
            "c.png",
            "sub/d.md",
            ".hidden/e.txt",
            "README.md",
            "sub/LICENSE.txt",
        ] {
            let p = dir.path().join(name);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(p, "x").expect("write");
        }
        let got: Vec<String> = expand(&[dir.path().to_owned()])
            .into_iter()
            .map(|s| match s {
                Ok(Source::File(p)) => p
                    .strip_prefix(dir.path())
                    .expect("inside")
                    .display()
                    .to_string(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(got, ["a.html", "b.txt", "sub/d.md"]);
        let readme = dir.path().join("README.md");
        let named = expand(&[readme]);
        assert!(
            matches!(named.as_slice(), [Ok(Source::File(_))]),
            "named, it is read"
        );
    }

    #[test]
    fn missing_paths_are_errors_naming_them() {
        let got = expand(&[PathBuf::from("no/such/article.txt")]);
        let Err(e) = &got[0] else {
            panic!("error expected")
        };
        assert!(e.to_string().starts_with("no/such/article.txt: "), "{e}");
    }

    #[test]
    fn documents_over_the_size_limit_are_errors_naming_the_file_and_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let big = dir.path().join("big.txt");
        std::fs::write(&big, "x".repeat(101)).expect("write");
        let corpus = dir.path().join("c.jsonl");
        let long = format!("{{\"id\":\"b\",\"text\":\"{}\"}}", "y".repeat(200));
        std::fs::write(
            &corpus,
            format!(
                "{{\"id\":\"a\",\"text\":\"ok\"}}\n{long}\n{{\"id\":\"c\",\"text\":\"ok\"}}\n{long}"
            ),
        )
        .expect("write");
        let read = |source: &Source, max: u64| {
            let mut out = Vec::new();
            let _ = read_units_limited::<()>(source, max, &mut |u| {
                out.push(match u.parse() {
                    Some(Item::Document(d)) => format!("doc {}", d.id.unwrap_or(d.path)),
                    Some(Item::Error(e)) => e.to_string(),
                    other => format!("{other:?}"),
                });
                Ok(())
            });
            out
        };
        let got = read(&Source::File(big.clone()), 100);
        assert_eq!(got.len(), 1);
        assert!(
            got[0].starts_with(&format!(
                "{}: larger than the limit of 100 bytes",
                big.display()
            )) && got[0].contains("--max-bytes"),
            "{got:?}"
        );
        assert!(read(&Source::File(big), 101)[0].starts_with("doc "));
        let got = read(&Source::File(corpus.clone()), 100);
        assert_eq!(got.len(), 4, "{got:?}");
        assert_eq!((got[0].as_str(), got[2].as_str()), ("doc a", "doc c"));
        for (i, line) in [(1, 2), (3, 4)] {
            let want = format!("{}:{line}: larger than the limit", corpus.display());
            assert!(got[i].starts_with(&want), "{got:?}");
        }
        assert!(
            read(&Source::File(corpus), 1000)
                .iter()
                .all(|s| s.starts_with("doc "))
        );
    }

    #[test]
    fn binary_files_are_input_errors_naming_them() {
        let Item::Error(e) = text_item(Path::new("x.bin"), b"\0\x01\x02", false) else {
            panic!("an error expected")
        };
        assert!(matches!(e, Error::Binary { .. }));
        assert!(e.to_string().starts_with("x.bin: binary file"), "{e}");
        assert_eq!(e.input().as_deref(), Some("x.bin"));
    }
}
