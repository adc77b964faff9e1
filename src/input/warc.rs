//! WARC input (ISO 28500, WARC/1.0 and WARC/1.1): splitting a crawl file into records, plain
//! or gzip-compressed (one gzip member per record, as crawlers write them, or the whole file),
//! streamed one record at a time with each record capped at `--max-bytes`.
//!
//! The header grammar is the `warc` crate's parser; the framing around it is ours, because the
//! crate's readers give no record offsets and stop at the first damaged record, while a crawl
//! is read past a damaged record: in a gzip file from the next gzip member, in a plain file
//! from the next line that starts a WARC header. What a record becomes (the HTML path for
//! `response` records with status 200 and an HTML payload, text for `resource` and
//! `conversion` records) is decided here; extracting and auditing happen in
//! [`Record::parse`], on the worker threads. Nothing here knows about rules.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::{Item, Unit, text_item};
use crate::error::Error;

/// Headers larger than this are not a WARC header (a damaged file): the record is an error.
const MAX_HEADER_BYTES: usize = 256 << 10;

/// True for the file names read as WARC: `.warc` and `.warc.gz`.
pub fn is_warc(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// One record to audit, read but not yet parsed.
#[derive(Debug)]
pub struct Record {
    path: PathBuf,
    /// `WARC-Target-URI`, else `WARC-Record-ID`.
    id: String,
    at: Location,
    /// The record's block: for a response the HTTP message, otherwise the content.
    block: Vec<u8>,
    payload: Payload,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Payload {
    /// An HTTP response: the HTML starts at `body`, and may be chunked or compressed.
    Http {
        body: usize,
        chunked: bool,
        encoding: Encoding,
    },
    /// A resource or conversion record: the block is the document, HTML or text.
    Block { html: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Identity,
    Gzip,
    Deflate,
}

/// Where a record starts: its byte offset in the file, or for a gzip member holding several
/// records, the member's offset and the record's offset in the member's uncompressed bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub offset: u64,
    pub in_member: Option<u64>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.in_member {
            None => write!(f, "record at byte {}", self.offset),
            Some(inner) => write!(
                f,
                "record at byte {inner} of the gzip member at byte {}",
                self.offset
            ),
        }
    }
}

impl Record {
    pub fn len(&self) -> usize {
        self.block.len()
    }

    pub fn is_empty(&self) -> bool {
        self.block.is_empty()
    }

    /// The document: the payload through the path `.html` and `.txt` files take, with the
    /// target URI as its id and the record's offset as metadata.
    pub fn parse(self) -> Item {
        let Record {
            path,
            id,
            at,
            block,
            payload,
        } = self;
        let item = match payload {
            Payload::Block { html } => text_item(&path, &block, html),
            Payload::Http {
                body,
                chunked,
                encoding,
            } => {
                let mut bytes = block.get(body..).unwrap_or_default().to_vec();
                if chunked && let Some(joined) = dechunk(&bytes) {
                    bytes = joined;
                }
                match decompress(bytes, encoding, block.len().max(1) * 64) {
                    Ok(bytes) => text_item(&path, &bytes, true),
                    Err(message) => return Item::Error(warc_error(&path, at, message)),
                }
            }
        };
        match item {
            Item::Document(mut doc) => {
                doc.id = Some(id);
                let mut metadata = serde_json::Map::new();
                metadata.insert("warc_offset".into(), at.offset.into());
                if let Some(inner) = at.in_member {
                    metadata.insert("warc_member_offset".into(), inner.into());
                }
                doc.metadata = Some(metadata);
                Item::Document(doc)
            }
            Item::Error(Error::Binary { .. }) => {
                Item::Error(warc_error(&path, at, "payload is binary, not text".into()))
            }
            other => other,
        }
    }
}

fn warc_error(path: &Path, at: Location, message: String) -> Error {
    Error::Warc {
        path: path.to_owned(),
        location: at.to_string(),
        message,
    }
}

/// Reads a WARC file into units: one per record to audit, an error item per damaged record
/// (the reading goes on after it), and a closing skipped item counting the records that are
/// not articles, by type.
pub fn read<E>(
    path: &Path,
    max_bytes: u64,
    sink: &mut dyn FnMut(Unit) -> Result<(), E>,
) -> Result<(), E> {
    let mut tally = Tally::default();
    let result = File::open(path).and_then(|file| {
        let mut reader = Counted::new(BufReader::with_capacity(1 << 16, file));
        let gzip = reader.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let mut ctx = Ctx {
            path,
            max_bytes,
            sink,
            tally: &mut tally,
        };
        if gzip {
            read_gzip(&mut reader, &mut ctx)
        } else {
            read_plain(&mut reader, &mut ctx)
        }
    });
    match result {
        Ok(Ok(())) => {}
        Ok(Err(e)) => return Err(e),
        Err(e) => sink(Unit::Item(Item::Error(Error::io(path, e))))?,
    }
    if tally.skipped.is_empty() {
        return Ok(());
    }
    sink(Unit::Item(Item::Skipped {
        path: path.to_owned(),
        reason: tally.to_string().into(),
    }))
}

/// What a file held besides the audited records.
#[derive(Debug, Default)]
struct Tally {
    audited: usize,
    skipped: BTreeMap<String, usize>,
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let skipped: usize = self.skipped.values().sum();
        let parts: Vec<String> = self
            .skipped
            .iter()
            .map(|(kind, n)| format!("{n} {kind}"))
            .collect();
        write!(
            f,
            "{skipped} of {} WARC records are not articles ({}); {} audited",
            skipped + self.audited,
            parts.join(", "),
            self.audited
        )
    }
}

struct Ctx<'a, 's, E> {
    path: &'a Path,
    max_bytes: u64,
    sink: &'s mut dyn FnMut(Unit) -> Result<(), E>,
    tally: &'a mut Tally,
}

impl<E> Ctx<'_, '_, E> {
    fn error(&mut self, at: Location, message: String) -> Result<(), E> {
        (self.sink)(Unit::Item(Item::Error(warc_error(self.path, at, message))))
    }
}

/// A reader that counts the bytes consumed through it.
struct Counted<R> {
    inner: R,
    pos: u64,
}

impl<R> Counted<R> {
    fn new(inner: R) -> Self {
        Counted { inner, pos: 0 }
    }
}

impl<R: BufRead> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counted<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.pos += amount as u64;
        self.inner.consume(amount);
    }
}

impl<R: BufRead + Seek> Counted<R> {
    fn seek_to(&mut self, pos: u64) -> io::Result<()> {
        self.inner.seek(SeekFrom::Start(pos))?;
        self.pos = pos;
        Ok(())
    }
}

/// Moves the reader to the next occurrence of `needle` at or after its position, and returns
/// where it starts; `None` at the end of the file.
fn scan_to<R: BufRead + Seek>(reader: &mut Counted<R>, needle: &[u8]) -> io::Result<Option<u64>> {
    let mut buf = vec![0; 1 << 16];
    let mut carry = 0;
    let mut base = reader.pos;
    loop {
        let n = reader.read(&mut buf[carry..])?;
        if n == 0 {
            return Ok(None);
        }
        let filled = carry + n;
        if let Some(i) = find(&buf[..filled], needle) {
            let found = base + i as u64;
            reader.seek_to(found)?;
            return Ok(Some(found));
        }
        let keep = (needle.len() - 1).min(filled);
        buf.copy_within(filled - keep..filled, 0);
        base += (filled - keep) as u64;
        carry = keep;
    }
}

/// Moves the reader to the next `WARC/1.0` or `WARC/1.1` version line; false at the end.
fn scan_to_header<R: BufRead + Seek>(reader: &mut Counted<R>) -> io::Result<bool> {
    while let Some(found) = scan_to(reader, b"WARC/1.")? {
        let mut line = [0u8; 10];
        let n = reader.read(&mut line)?;
        if matches!(&line[..n], b"WARC/1.0\r\n" | b"WARC/1.1\r\n") {
            reader.seek_to(found)?;
            return Ok(true);
        }
        reader.seek_to(found + 1)?;
    }
    Ok(false)
}

fn read_plain<R: BufRead + Seek, E>(
    reader: &mut Counted<R>,
    ctx: &mut Ctx<'_, '_, E>,
) -> io::Result<Result<(), E>> {
    loop {
        match next_record(reader, ctx, None)? {
            Step::Record(r) => {
                if let Err(e) = handle(r, ctx) {
                    return Ok(Err(e));
                }
            }
            Step::End => return Ok(Ok(())),
            Step::Damaged {
                at,
                message,
                resume,
            } => {
                if let Err(e) = ctx.error(at, message) {
                    return Ok(Err(e));
                }
                // The next record starts with a version line somewhere after this one's
                // header: a cut-off record is followed by the next without a line break.
                reader.seek_to(resume.max(at.offset + 1))?;
                if !scan_to_header(reader)? {
                    return Ok(Ok(()));
                }
            }
        }
    }
}

fn read_gzip<R: BufRead + Seek, E>(
    reader: &mut Counted<R>,
    ctx: &mut Ctx<'_, '_, E>,
) -> io::Result<Result<(), E>> {
    // A member that fails to decompress is reported once; candidates found by scanning after
    // it that do not decompress to a WARC record are no members, and pass silently.
    let mut scanning = false;
    loop {
        let member = reader.pos;
        if reader.fill_buf()?.is_empty() {
            return Ok(Ok(()));
        }
        let outcome = {
            let mut decoder = Counted::new(BufReader::new(flate2::bufread::GzDecoder::new(
                &mut *reader,
            )));
            read_member(&mut decoder, ctx, member, scanning)
        };
        match outcome {
            Ok(Ok(())) => scanning = false,
            Ok(Err(e)) => return Ok(Err(e)),
            Err(e) => {
                let at = Location {
                    offset: member,
                    in_member: None,
                };
                if !scanning && let Err(e) = ctx.error(at, format!("damaged gzip member: {e}")) {
                    return Ok(Err(e));
                }
                scanning = true;
                reader.seek_to(member + 1)?;
                if scan_to(reader, &[0x1f, 0x8b, 0x08])?.is_none() {
                    return Ok(Ok(()));
                }
            }
        }
    }
}

/// The records of one gzip member; an `Err` when the member does not decompress. While
/// `scanning` (after a damaged member), a member that does not start with a WARC record is
/// an error too: it is no member but bytes that looked like one.
fn read_member<R: BufRead, E>(
    reader: &mut Counted<R>,
    ctx: &mut Ctx<'_, '_, E>,
    member: u64,
    scanning: bool,
) -> io::Result<Result<(), E>> {
    loop {
        match next_record(reader, ctx, Some(member))? {
            Step::Record(r) => {
                if let Err(e) = handle(r, ctx) {
                    return Ok(Err(e));
                }
            }
            Step::End => return Ok(Ok(())),
            Step::Damaged { at, .. } if scanning && at.in_member.is_none() => {
                return Err(io::Error::other("not a WARC record"));
            }
            Step::Damaged { at, message, .. } => {
                if let Err(e) = ctx.error(at, message) {
                    return Ok(Err(e));
                }
                // The rest of the member belongs to the damaged record; the next member
                // starts afresh.
                io::copy(reader, &mut io::sink())?;
                return Ok(Ok(()));
            }
        }
    }
}

/// A record read from the stream, its block in memory only when it is to be audited.
struct Raw {
    at: Location,
    kind: String,
    id: String,
    content_type: String,
    block: Option<Vec<u8>>,
}

enum Step {
    Record(Raw),
    End,
    /// A record that cannot be read. In a plain file reading resumes by scanning from
    /// `resume`; in a gzip file, from the next member.
    Damaged {
        at: Location,
        message: String,
        resume: u64,
    },
}

/// Reads the record starting at the reader's position (`member`: the offset of the gzip
/// member the reader decompresses). Io errors are the decompressor's (a damaged gzip member)
/// or the file's; damage to the record itself is a [`Step::Damaged`].
fn next_record<R: BufRead, E>(
    reader: &mut Counted<R>,
    ctx: &Ctx<'_, '_, E>,
    member: Option<u64>,
) -> io::Result<Step> {
    // Records are separated by CRLF CRLF; tolerate extra blank lines before a header.
    let mut header = Vec::new();
    let start = loop {
        let start = reader.pos;
        header.clear();
        let n = reader
            .by_ref()
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', &mut header)?;
        if n == 0 {
            return Ok(Step::End);
        }
        if !header.iter().all(u8::is_ascii_whitespace) {
            break start;
        }
    };
    let at = match member {
        Some(offset) => Location {
            offset,
            in_member: (start > 0).then_some(start),
        },
        None => Location {
            offset: start,
            in_member: None,
        },
    };
    let damaged = |message: String, resume: u64| {
        Ok(Step::Damaged {
            at,
            message,
            resume,
        })
    };
    if !header.starts_with(b"WARC/") {
        return damaged(
            "no WARC header here (a record starts with a `WARC/1.0` or `WARC/1.1` line)".into(),
            start + 1,
        );
    }
    loop {
        let mut line = Vec::new();
        let n = reader
            .by_ref()
            .take(MAX_HEADER_BYTES as u64)
            .read_until(b'\n', &mut line)?;
        header.extend_from_slice(&line);
        if n == 0 {
            return damaged(
                "truncated: the file ends inside the record's header".into(),
                reader.pos,
            );
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
        if header.len() > MAX_HEADER_BYTES {
            return damaged(
                format!("header longer than {MAX_HEADER_BYTES} bytes"),
                start + 1,
            );
        }
    }
    let body_start = reader.pos;
    let Ok((_, (version, fields, length))) = warc::parser::headers(&header) else {
        return damaged("malformed WARC header".into(), start + 1);
    };
    if version != "1.0" && version != "1.1" {
        return damaged(
            format!("WARC version {version} (calq reads WARC/1.0 and WARC/1.1)"),
            start + 1,
        );
    }
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| String::from_utf8_lossy(v).trim().to_owned())
    };
    if field("Content-Length").is_none() {
        return damaged("header has no Content-Length".into(), start + 1);
    }
    let kind = field("WARC-Type").unwrap_or_default().to_ascii_lowercase();
    let id = field("WARC-Target-URI")
        .filter(|s| !s.is_empty())
        .or_else(|| field("WARC-Record-ID"))
        .unwrap_or_default();
    let content_type = field("Content-Type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let length = length as u64;
    let wanted = matches!(kind.as_str(), "response" | "resource" | "conversion");
    let (block, got) = if wanted && length <= ctx.max_bytes {
        let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0).min(1 << 24));
        reader.by_ref().take(length).read_to_end(&mut block)?;
        let got = block.len() as u64;
        (Some(block), got)
    } else {
        // Records not audited, and records over the limit, are not held in memory.
        let got = io::copy(&mut reader.by_ref().take(length), &mut io::sink())?;
        (None, got)
    };
    if got < length {
        return damaged(truncated(length, got), body_start);
    }
    let mut end = [0u8; 4];
    let mut ended = 0;
    while ended < 4 {
        let n = reader.read(&mut end[ended..])?;
        if n == 0 {
            break;
        }
        ended += n;
    }
    if &end[..ended] != b"\r\n\r\n" {
        let message = if ended < 4 && end[..ended].iter().all(|b| *b == b'\r' || *b == b'\n') {
            "truncated: the file ends before the record's closing CRLF CRLF".to_owned()
        } else {
            format!(
                "the record does not end with CRLF CRLF after its {length} bytes of content (a wrong Content-Length?)"
            )
        };
        return damaged(message, body_start);
    }
    if wanted && block.is_none() {
        return Ok(Step::Record(Raw {
            at,
            kind: TOO_LARGE.into(),
            id,
            content_type,
            block: None,
        }));
    }
    Ok(Step::Record(Raw {
        at,
        kind,
        id,
        content_type,
        block,
    }))
}

/// The kind given to a record to audit that is over the size limit.
const TOO_LARGE: &str = "\0too-large";

fn truncated(length: u64, got: u64) -> String {
    format!("truncated: Content-Length is {length} but only {got} bytes follow")
}

/// Turns a record into a unit to audit, an error, or a tally entry.
fn handle<E>(raw: Raw, ctx: &mut Ctx<'_, '_, E>) -> Result<(), E> {
    let Raw {
        at,
        kind,
        id,
        content_type,
        block,
    } = raw;
    if kind == TOO_LARGE {
        let message = format!(
            "larger than the limit of {} bytes, not audited (raise the limit with --max-bytes or `max-bytes` in calq.toml)",
            ctx.max_bytes
        );
        return ctx.error(at, message);
    }
    let Some(block) = block else {
        let kind = if kind.is_empty() { "untyped" } else { &kind };
        *ctx.tally.skipped.entry(kind.to_owned()).or_default() += 1;
        return Ok(());
    };
    let payload = if kind == "response" {
        match http_response(&block) {
            Ok(payload) => payload,
            Err(reason) => {
                *ctx.tally.skipped.entry(reason).or_default() += 1;
                return Ok(());
            }
        }
    } else if let Some(html) = text_type(&content_type, &block) {
        Payload::Block { html }
    } else {
        *ctx.tally
            .skipped
            .entry(format!("{kind} (not text)"))
            .or_default() += 1;
        return Ok(());
    };
    ctx.tally.audited += 1;
    (ctx.sink)(Unit::Warc(Record {
        path: ctx.path.to_owned(),
        id,
        at,
        block,
        payload,
    }))
}

/// A resource or conversion record's content: `Some(html)` when it is text.
fn text_type(content_type: &str, block: &[u8]) -> Option<bool> {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    match mime {
        "text/html" | "application/xhtml+xml" => Some(true),
        "" => Some(looks_like_html(block)),
        m if m.starts_with("text/") => Some(false),
        _ => None,
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let start: Vec<u8> = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(15)
        .map(u8::to_ascii_lowercase)
        .collect();
    start.starts_with(b"<!doctype html") || start.starts_with(b"<html")
}

/// An HTTP response block: the payload if the status is 200 and the content HTML, else the
/// reason it is skipped.
fn http_response(block: &[u8]) -> Result<Payload, String> {
    let head_end = find(block, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| find(block, b"\n\n").map(|i| i + 2))
        .ok_or_else(|| "response (no HTTP header)".to_owned())?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.split_whitespace();
    let protocol = parts.next().unwrap_or("");
    if !protocol.starts_with("HTTP/") {
        return Err("response (no HTTP status line)".into());
    }
    let status = parts.next().unwrap_or("?");
    if status != "200" {
        return Err(format!("response (status {status})"));
    }
    let mut mime = None;
    let mut chunked = false;
    let mut encoding = Encoding::Identity;
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => {
                mime = Some(value.split(';').next().unwrap_or("").trim().to_owned());
            }
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => {
                encoding = match value.as_str() {
                    "" | "identity" => Encoding::Identity,
                    "gzip" | "x-gzip" => Encoding::Gzip,
                    "deflate" => Encoding::Deflate,
                    other => return Err(format!("response (content encoding {other})")),
                }
            }
            _ => {}
        }
    }
    let html = match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => true,
        None | Some("") => looks_like_html(&block[head_end..]),
        Some(_) => false,
    };
    if !html {
        return Err("response (not HTML)".into());
    }
    Ok(Payload::Http {
        body: head_end,
        chunked,
        encoding,
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A chunked HTTP body joined; `None` if it is not valid chunked encoding (crawlers often
/// store the body already de-chunked and keep the header).
fn dechunk(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut rest = bytes;
    loop {
        let line_end = find(rest, b"\r\n")?;
        let size_text = std::str::from_utf8(&rest[..line_end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

fn decompress(bytes: Vec<u8>, encoding: Encoding, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let result = match encoding {
        Encoding::Identity => return Ok(bytes),
        Encoding::Gzip => flate2::read::MultiGzDecoder::new(&bytes[..])
            .take(limit as u64)
            .read_to_end(&mut out),
        Encoding::Deflate => flate2::read::ZlibDecoder::new(&bytes[..])
            .take(limit as u64)
            .read_to_end(&mut out),
    };
    result
        .map(|_| out)
        .map_err(|e| format!("cannot decompress the HTTP payload: {e}"))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    /// One WARC record with the given type, headers and block, as a crawler writes it.
    fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            uri.len(),
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn http(status: &str, content_type: &str, body: &str) -> Vec<u8> {
        format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nServer: x\r\n\r\n{body}")
            .into_bytes()
    }

    fn page(title: &str) -> String {
        format!(
            "<html><head><title>{title}</title></head><body><nav><a href=/>Home</a></nav><article><h1>{title}</h1><p>The minister met his counterpart in Kyiv on Monday to discuss the grain deal and the prisoner exchange.</p></article></body></html>"
        )
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).expect("gzip");
        e.finish().expect("gzip")
    }

    /// What reading a file gives, one line per unit: `doc ID OFFSET TEXT-START`, `err ...`,
    /// `note ...`.
    fn read_all(path: &Path, max_bytes: u64) -> Vec<String> {
        let mut out = Vec::new();
        let _ = read::<()>(path, max_bytes, &mut |unit| {
            out.push(match unit.parse() {
                Some(Item::Document(d)) => format!(
                    "doc {} {} {}",
                    d.id.as_deref().unwrap_or("?"),
                    d.metadata
                        .as_ref()
                        .and_then(|m| m.get("warc_offset"))
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    d.text.lines().next().unwrap_or("")
                ),
                Some(Item::Error(e)) => format!("err {e}"),
                Some(Item::Skipped { reason, .. }) => format!("skip {reason}"),
                other => format!("{other:?}"),
            });
            Ok(())
        });
        out
    }

    /// A crawl of mixed records: warcinfo, request, an HTML response, a 404, an image, a
    /// metadata record, a text resource, and a conversion.
    fn mixed() -> Vec<Vec<u8>> {
        vec![
            record(
                "warcinfo",
                "",
                "application/warc-fields",
                b"software: test\r\n",
            ),
            record(
                "request",
                "https://news.example/a",
                "application/http; msgtype=request",
                b"GET /a HTTP/1.1\r\nHost: news.example\r\n\r\n",
            ),
            record(
                "response",
                "https://news.example/a",
                "application/http; msgtype=response",
                &http("200 OK", "text/html; charset=utf-8", &page("Grain talks")),
            ),
            record(
                "response",
                "https://news.example/missing",
                "application/http; msgtype=response",
                &http("404 Not Found", "text/html", &page("Not found")),
            ),
            record(
                "response",
                "https://news.example/logo.png",
                "application/http; msgtype=response",
                &http("200 OK", "image/png", "\u{1}PNG"),
            ),
            record(
                "metadata",
                "https://news.example/a",
                "application/warc-fields",
                b"fetchTimeMs: 12\r\n",
            ),
            record(
                "resource",
                "file:///notes.txt",
                "text/plain",
                b"Talks in Kyiv went on late into the night.",
            ),
            record(
                "conversion",
                "https://news.example/b.pdf",
                "text/plain",
                b"The converted text of a PDF report.",
            ),
        ]
    }

    #[test]
    fn gzip_per_record_with_mixed_types_and_a_truncated_record() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("crawl.warc.gz");
        let mut records = mixed();
        // A response whose content stops short of its Content-Length, in a member of its own.
        let mut cut = record(
            "response",
            "https://news.example/cut",
            "application/http; msgtype=response",
            &http("200 OK", "text/html", &page("Cut short")),
        );
        cut.truncate(cut.len() - 60);
        records.insert(3, cut);
        let mut file = Vec::new();
        let mut offsets = Vec::new();
        for r in &records {
            offsets.push(file.len());
            file.extend_from_slice(&gzip(r));
        }
        std::fs::write(&path, &file).expect("write");
        let got = read_all(&path, 1 << 20);
        assert_eq!(got.len(), 5, "{got:#?}");
        assert_eq!(
            got[0],
            format!("doc https://news.example/a {} Grain talks", offsets[2])
        );
        let want = format!(
            "err {}: record at byte {}: truncated: Content-Length is",
            path.display(),
            offsets[3]
        );
        assert!(got[1].starts_with(&want), "{}", got[1]);
        assert_eq!(
            got[2],
            format!(
                "doc file:///notes.txt {} Talks in Kyiv went on late into the night.",
                offsets[7]
            )
        );
        assert!(
            got[3].starts_with("doc https://news.example/b.pdf "),
            "{}",
            got[3]
        );
        assert_eq!(
            got[4],
            "skip 5 of 8 WARC records are not articles (1 metadata, 1 request, 1 response (not HTML), 1 response (status 404), 1 warcinfo); 3 audited"
        );
    }

    #[test]
    fn plain_and_whole_file_gzip_read_the_same_documents() {
        let dir = tempfile::tempdir().expect("tempdir");
        let plain: Vec<u8> = mixed().concat();
        let a = dir.path().join("a.warc");
        let b = dir.path().join("b.warc.gz");
        std::fs::write(&a, &plain).expect("write");
        std::fs::write(&b, gzip(&plain)).expect("write");
        let docs = |got: Vec<String>| -> Vec<String> {
            got.into_iter()
                .filter(|l| l.starts_with("doc "))
                .map(|l| l.split(' ').nth(1).unwrap_or("").to_owned())
                .collect()
        };
        let want = [
            "https://news.example/a",
            "file:///notes.txt",
            "https://news.example/b.pdf",
        ];
        assert_eq!(docs(read_all(&a, 1 << 20)), want);
        assert_eq!(docs(read_all(&b, 1 << 20)), want);
        // In a plain file the offset is the record's own.
        let offset = mixed()[..2].iter().map(Vec::len).sum::<usize>();
        assert!(read_all(&a, 1 << 20)[0].contains(&format!(" {offset} ")));
    }

    #[test]
    fn a_plain_file_is_read_past_a_record_with_a_wrong_length() {
        let dir = tempfile::tempdir().expect("tempdir");
        let records = mixed();
        // A record cut off mid-line, the next one right after it: that one is still read.
        let mut cut = records[2].clone();
        cut.truncate(cut.len() - 60);
        let mut file = records[..2].concat();
        let cut_at = file.len();
        file.extend_from_slice(&cut);
        file.extend_from_slice(&records[6]);
        let path = dir.path().join("cut.warc");
        std::fs::write(&path, &file).expect("write");
        let got = read_all(&path, 1 << 20);
        assert!(
            got[0].starts_with(&format!("err {}: record at byte {cut_at}:", path.display())),
            "{got:#?}"
        );
        assert!(got[1].starts_with("doc file:///notes.txt "), "{got:#?}");

        let mut bad = records[2].clone();
        // Claim 40 more bytes than the record has: its end swallows the next header.
        let text = String::from_utf8_lossy(&bad).into_owned();
        let len = http("200 OK", "text/html; charset=utf-8", &page("Grain talks")).len();
        bad = text
            .replacen(
                &format!("Content-Length: {len}"),
                &format!("Content-Length: {}", len + 40),
                1,
            )
            .into_bytes();
        let mut file = records[..2].concat();
        let bad_at = file.len();
        file.extend_from_slice(&bad);
        for r in &records[3..] {
            file.extend_from_slice(r);
        }
        let path = dir.path().join("c.warc");
        std::fs::write(&path, &file).expect("write");
        let got = read_all(&path, 1 << 20);
        assert!(
            got[0].starts_with(&format!("err {}: record at byte {bad_at}:", path.display())),
            "{got:#?}"
        );
        assert!(got[1].starts_with("doc file:///notes.txt "), "{got:#?}");
        assert!(
            got[2].starts_with("doc https://news.example/b.pdf "),
            "{got:#?}"
        );
    }

    #[test]
    fn a_damaged_gzip_member_is_an_error_and_the_next_members_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let records = mixed();
        let mut file = gzip(&records[0]);
        let bad_at = file.len();
        let mut bad = gzip(&records[2]);
        let mid = bad.len() / 2;
        for b in &mut bad[12..mid] {
            *b ^= 0x5a;
        }
        file.extend_from_slice(&bad);
        for r in &records[6..] {
            file.extend_from_slice(&gzip(r));
        }
        let path = dir.path().join("d.warc.gz");
        std::fs::write(&path, &file).expect("write");
        let got = read_all(&path, 1 << 20);
        assert!(
            got[0].starts_with(&format!("err {}: record at byte {bad_at}:", path.display())),
            "{got:#?}"
        );
        assert_eq!(got.len(), 4, "{got:#?}");
        assert!(got[1].starts_with("doc file:///notes.txt "), "{got:#?}");
    }

    #[test]
    fn records_over_the_limit_are_errors_and_not_held() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("e.warc");
        std::fs::write(&path, mixed().concat()).expect("write");
        let got = read_all(&path, 60);
        let errors = got
            .iter()
            .filter(|l| l.contains("larger than the limit of 60"))
            .count();
        assert_eq!(errors, 2, "{got:#?}");
        assert!(
            got.iter().any(|l| l.starts_with("doc file:///notes.txt")),
            "{got:#?}"
        );
    }

    #[test]
    fn chunked_and_gzip_http_payloads_are_decoded() {
        let body = page("Chunked");
        let (a, b) = body.split_at(40);
        let chunked = format!("{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n", a.len(), b.len());
        assert_eq!(
            dechunk(chunked.as_bytes()).as_deref(),
            Some(body.as_bytes())
        );
        assert_eq!(dechunk(body.as_bytes()), None, "not chunked: kept as it is");
        let zipped = gzip(body.as_bytes());
        assert_eq!(
            decompress(zipped, Encoding::Gzip, 1 << 20).as_deref(),
            Ok(body.as_bytes())
        );
        assert!(decompress(b"junk".to_vec(), Encoding::Gzip, 1 << 20).is_err());
    }

    #[test]
    fn only_warc_names_are_warc() {
        for (name, want) in [
            ("a.warc", true),
            ("A.WARC.GZ", true),
            ("a.gz", false),
            ("a.warc.txt", false),
        ] {
            assert_eq!(is_warc(Path::new(name)), want, "{name}");
        }
    }
}
