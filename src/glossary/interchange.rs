//! Glossary interchange: CSV (spreadsheets, Trados/MultiTerm exports) and TBX (ISO 30042: v2
//! `<martif>` and v3 `<tbx>`) in and out, and TOML out in the format of DESIGN.md. Readers
//! validate every term as TOML loading does (`super::validate`) and name file and line on
//! error; nothing here touches the file system — the `import`/`export` commands do.
//!
//! Multi-valued fields (`variants`, `keep`) are one cell or element separated by `|`, the
//! Trados convention, so a value containing `|` does not survive CSV or TBX.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::escape::{escape, resolve_predefined_entity};
use quick_xml::events::{BytesRef, BytesStart, Event};
use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, Table, value};

use super::{Glossary, Kind, RawTerm, Term, line_of, validate};
use crate::document::LineIndex;
use crate::error::Error;

/// The CSV columns, in the order `write_csv` writes them.
const COLUMNS: [&str; 7] = [
    "canonical",
    "kind",
    "variants",
    "cyrillic",
    "note",
    "since",
    "keep",
];

/// The separator inside multi-valued cells and TBX `calq-keep` elements.
const LIST_SEP: char = '|';

/// What `read_tbx` returns: the glossary, and how many entries it skipped because they have
/// no English term (a calq glossary is keyed by the English house form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub glossary: Glossary,
    pub skipped: usize,
}

// ---------------------------------------------------------------------------------------
// CSV

/// Reads a CSV glossary: a header row naming the columns (any order, any case), one term a
/// record. `canonical` and `kind` are required; empty cells mean none.
pub fn read_csv(text: &str, path: &str) -> Result<Glossary, Error> {
    let text = strip_bom(text);
    let lines = LineIndex::new(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| csv_error(text, &lines, path, &e))?
        .clone();
    let names = csv_columns(&header)
        .map_err(|m| error(path, record_line(text, &lines, header.position()), m))?;
    let mut terms = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(text, &lines, path, &e))?;
        let line = record_line(text, &lines, record.position());
        let raw = csv_term(&names, &record).map_err(|m| error(path, line, m))?;
        terms.push(finish(raw, path, line)?);
    }
    super::no_duplicate_terms(&terms, path)?;
    Ok(imported_glossary(path, None, terms))
}

/// Writes the glossary as CSV with the header `canonical,kind,variants,cyrillic,note,since,keep`.
pub fn write_csv(g: &Glossary) -> String {
    // Writing seven cells a row into memory cannot fail; an error would be a bug in `csv`.
    csv_bytes(g)
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default()
}

fn csv_bytes(g: &Glossary) -> Result<Vec<u8>, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(COLUMNS)?;
    for t in &g.terms {
        writer.write_record([
            t.canonical.as_str(),
            kind_name(t.kind),
            &join_list(&t.variants),
            t.cyrillic.as_deref().unwrap_or_default(),
            t.note.as_deref().unwrap_or_default(),
            t.since.as_deref().unwrap_or_default(),
            &join_list(&t.keep),
        ])?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// The column each header cell names; unknown, repeated and missing columns are errors.
fn csv_columns(header: &csv::StringRecord) -> Result<Vec<&'static str>, String> {
    let mut names = Vec::with_capacity(header.len());
    for cell in header {
        let wanted = cell.trim().to_lowercase();
        let Some(name) = COLUMNS.iter().find(|c| **c == wanted) else {
            return Err(format!(
                "unknown column `{cell}`; the columns are {}",
                COLUMNS.join(", ")
            ));
        };
        if names.contains(name) {
            return Err(format!("column `{name}` appears twice"));
        }
        names.push(*name);
    }
    match ["canonical", "kind"].iter().find(|c| !names.contains(c)) {
        Some(missing) => Err(format!("missing column `{missing}`")),
        None => Ok(names),
    }
}

fn csv_term(names: &[&str], record: &csv::StringRecord) -> Result<RawTerm, String> {
    let mut t = empty_term();
    let mut kind = "";
    for (name, cell) in names.iter().zip(record) {
        match *name {
            "canonical" => t.canonical = cell.to_owned(),
            "kind" => kind = cell,
            "variants" => t.variants = split_list(cell),
            "cyrillic" => t.cyrillic = non_empty(cell),
            "note" => t.note = non_empty(cell),
            "since" => t.since = non_empty(cell),
            "keep" => t.keep = split_list(cell),
            _ => {}
        }
    }
    t.kind = parse_kind(kind).ok_or_else(|| {
        format!(
            "term `{}`: unknown kind `{kind}`; expected person, place, org or term",
            t.canonical
        )
    })?;
    Ok(t)
}

fn csv_error(text: &str, lines: &LineIndex, path: &str, e: &csv::Error) -> Error {
    let line = e.position().map(|p| record_line(text, lines, Some(p)));
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the record has {len} cells but the header has {expected_len}"),
        _ => e.to_string(),
    };
    Error::Glossary {
        path: path.into(),
        line,
        message,
    }
}

/// The 1-based line a CSV record starts on. `Position::line` (csv 1.4) counts a record that
/// follows blank lines as starting on the first of them, so skip those from its byte offset.
fn record_line(text: &str, lines: &LineIndex, position: Option<&csv::Position>) -> usize {
    let start = position.map_or(0, |p| p.byte() as usize);
    let rest = text.get(start..).unwrap_or_default();
    let blank = rest.len() - rest.trim_start_matches(['\r', '\n']).len();
    lines.line(start + blank)
}

// ---------------------------------------------------------------------------------------
// TBX in

/// Reads a TBX v2 (`<martif>`) or v3 (`<tbx>`) termbase. Per entry: the preferred English
/// term (or the first) is `canonical` and the other English terms `variants`; a Russian,
/// Ukrainian or Belarusian term is `cyrillic`; `kind` comes from `<descrip type="calq-kind">`,
/// else a `subjectField`/`termType` that is one of person|place|org|term, else `term`;
/// `since`/`keep` from `calq-since`/`calq-keep`; `note` from the first English or
/// entry-level definition or note. Entries without an English term are skipped and counted.
/// DTD entities are never expanded: a reference to one in a term or note is an error.
pub fn read_tbx(text: &str, path: &str) -> Result<Imported, Error> {
    let text = strip_bom(text);
    let mut reader = Reader::from_str(text);
    let mut state = TbxReader::new(path);
    let lines = LineIndex::new(text);
    loop {
        let at = reader.buffer_position() as usize;
        let event = reader.read_event().map_err(|e| {
            let line = line_of(text, reader.error_position() as usize);
            error(path, line, format!("malformed XML: {e}"))
        })?;
        let line = lines.line(at);
        let located = |message: String| error(path, line, message);
        match event {
            Event::Start(e) => state.open(&e, line).map_err(located)?,
            Event::Empty(e) => {
                state.open(&e, line).map_err(located)?;
                state.close(e.local_name().as_ref())?;
            }
            Event::End(e) => state.close(e.local_name().as_ref())?,
            Event::Text(t) => state.text(&t.xml10_content().map_err(|e| located(e.to_string()))?),
            Event::CData(t) => state.text(&t.decode().map_err(|e| located(e.to_string()))?),
            Event::GeneralRef(r) if state.capturing() => {
                state.text(&resolve_reference(&r).map_err(located)?);
            }
            Event::Eof => break,
            // Declaration, comments, PIs, DOCTYPE (its entities are never expanded).
            _ => {}
        }
    }
    if state.depth > 0 {
        let line = line_of(text, text.len());
        return Err(error(path, line, "unexpected end of file".into()));
    }
    super::no_duplicate_terms(&state.terms, path)?;
    Ok(Imported {
        glossary: Glossary {
            policy: state.policy,
            ..imported_glossary(path, state.title, state.terms)
        },
        skipped: state.skipped,
    })
}

/// An element whose text `TbxReader` collects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    /// The glossary's editorial policy: a header `<note type="policy">`.
    Policy,
    Term,
    Status,
    Kind,
    CalqKind,
    Note,
    Since,
    Keep,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lang {
    English,
    Cyrillic,
    Other,
}

/// One `<tig>`, `<ntig>` or `<termSec>`: a term and whether it is the preferred one.
#[derive(Debug, Default)]
struct TermGroup {
    term: String,
    preferred: bool,
}

/// One `<termEntry>` or `<conceptEntry>` as read so far.
#[derive(Debug, Default)]
struct Entry {
    line: usize,
    english: Vec<TermGroup>,
    cyrillic: Vec<TermGroup>,
    kind: Option<Kind>,
    calq_kind: Option<String>,
    note: Option<String>,
    since: Option<String>,
    keep: Vec<String>,
}

/// The state of the streaming TBX reader: where it is and what it has collected.
struct TbxReader<'a> {
    path: &'a str,
    depth: usize,
    title: Option<String>,
    policy: Option<String>,
    entry: Option<Entry>,
    lang: Option<Lang>,
    group: Option<TermGroup>,
    /// The field being collected, the depth of its element, and its text so far.
    capture: Option<(Field, usize, String)>,
    terms: Vec<Term>,
    skipped: usize,
}

impl<'a> TbxReader<'a> {
    fn new(path: &'a str) -> Self {
        TbxReader {
            path,
            depth: 0,
            title: None,
            policy: None,
            entry: None,
            lang: None,
            group: None,
            capture: None,
            terms: Vec::new(),
            skipped: 0,
        }
    }

    fn capturing(&self) -> bool {
        self.capture.is_some()
    }

    fn text(&mut self, text: &str) {
        if let Some((_, _, collected)) = &mut self.capture {
            collected.push_str(text);
        }
    }

    fn open(&mut self, e: &BytesStart, line: usize) -> Result<(), String> {
        self.depth += 1;
        if self.capturing() {
            // Inline markup inside a term or note (`<hi>`): only its text counts.
            return Ok(());
        }
        let field = match e.local_name().as_ref() {
            b"termEntry" | b"conceptEntry" => {
                self.entry = Some(Entry {
                    line,
                    ..Entry::default()
                });
                None
            }
            b"langSet" | b"langSec" => {
                let lang = attribute(e, "xml:lang")?.or(attribute(e, "lang")?);
                self.lang = Some(language(lang.as_deref().unwrap_or_default()));
                None
            }
            b"tig" | b"ntig" | b"termSec" => {
                self.group = Some(TermGroup::default());
                None
            }
            b"title" if self.entry.is_none() => Some(Field::Title),
            b"note" if self.entry.is_none() => {
                (attribute(e, "type")?.as_deref() == Some("policy")).then_some(Field::Policy)
            }
            b"term" => Some(Field::Term),
            b"note" => Some(Field::Note),
            b"termNote" | b"descrip" => note_field(attribute(e, "type")?.as_deref()),
            _ => None,
        };
        self.capture = field.map(|f| (f, self.depth, String::new()));
        Ok(())
    }

    fn close(&mut self, name: &[u8]) -> Result<(), Error> {
        let depth = self.depth;
        self.depth = self.depth.saturating_sub(1);
        match self.capture.take() {
            Some((field, at, text)) if at == depth => {
                self.store(field, text.trim().to_owned());
                return Ok(());
            }
            Some(inner) => {
                self.capture = Some(inner);
                return Ok(());
            }
            None => {}
        }
        match name {
            b"termEntry" | b"conceptEntry" => {
                if let Some(entry) = self.entry.take() {
                    self.finish_entry(entry)?;
                }
            }
            b"langSet" | b"langSec" => self.lang = None,
            b"tig" | b"ntig" | b"termSec" => {
                let group = self.group.take().filter(|g| !g.term.is_empty());
                if let (Some(group), Some(entry)) = (group, &mut self.entry) {
                    match self.lang {
                        Some(Lang::English) => entry.english.push(group),
                        Some(Lang::Cyrillic) => entry.cyrillic.push(group),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn store(&mut self, field: Field, text: String) {
        if field == Field::Title {
            self.title = Some(text);
            return;
        }
        if field == Field::Policy {
            self.policy = non_empty(&text);
            return;
        }
        if let (Some(group), Field::Term | Field::Status) = (&mut self.group, field) {
            match field {
                Field::Term => group.term = text,
                _ => group.preferred = is_preferred(&text),
            }
            return;
        }
        let english_or_entry = matches!(self.lang, None | Some(Lang::English));
        let Some(entry) = &mut self.entry else {
            return;
        };
        match field {
            Field::Kind => entry.kind = entry.kind.or(parse_kind(&text)),
            Field::CalqKind => entry.calq_kind = Some(text),
            Field::Note if english_or_entry && entry.note.is_none() => {
                entry.note = non_empty(&text);
            }
            Field::Since => entry.since = Some(text),
            Field::Keep => entry.keep.extend(split_list(&text)),
            _ => {}
        }
    }

    fn finish_entry(&mut self, entry: Entry) -> Result<(), Error> {
        let Some(first) = preferred(&entry.english) else {
            self.skipped += 1;
            return Ok(());
        };
        let canonical = entry.english[first].term.clone();
        let mut variants: Vec<String> = Vec::new();
        for g in &entry.english {
            if g.term != canonical && !variants.contains(&g.term) {
                variants.push(g.term.clone());
            }
        }
        let kind = match &entry.calq_kind {
            Some(k) => parse_kind(k).ok_or_else(|| {
                error(
                    self.path,
                    entry.line,
                    format!("term `{canonical}`: unknown calq-kind `{k}`; expected person, place, org or term"),
                )
            })?,
            None => entry.kind.unwrap_or(Kind::Term),
        };
        let raw = RawTerm {
            canonical,
            kind,
            variants,
            cyrillic: preferred(&entry.cyrillic).map(|i| entry.cyrillic[i].term.clone()),
            note: entry.note,
            since: entry.since,
            keep: entry.keep,
        };
        self.terms.push(finish(raw, self.path, entry.line)?);
        Ok(())
    }
}

/// The field a `<termNote>` or `<descrip>` of this `type` fills, if any (`partOfSpeech` and
/// the rest of TBX's data categories are ignored).
fn note_field(kind: Option<&str>) -> Option<Field> {
    match kind? {
        "normativeAuthorization" | "administrativeStatus" => Some(Field::Status),
        "subjectField" | "termType" => Some(Field::Kind),
        "calq-kind" => Some(Field::CalqKind),
        "definition" | "note" => Some(Field::Note),
        "calq-since" => Some(Field::Since),
        "calq-keep" => Some(Field::Keep),
        _ => None,
    }
}

/// TBX v2 `preferredTerm` or v3 `preferredTerm-admn-sts`.
fn is_preferred(status: &str) -> bool {
    status.trim_end_matches("-admn-sts") == "preferredTerm"
}

/// The index of the first preferred term, else of the first term.
fn preferred(groups: &[TermGroup]) -> Option<usize> {
    groups
        .iter()
        .position(|g| g.preferred)
        .or((!groups.is_empty()).then_some(0))
}

/// English (`en`, `en-GB`), Cyrillic-script East Slavic (`ru`, `uk`, `be`), or other.
fn language(tag: &str) -> Lang {
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    match primary.to_ascii_lowercase().as_str() {
        "en" => Lang::English,
        "ru" | "uk" | "be" => Lang::Cyrillic,
        _ => Lang::Other,
    }
}

fn attribute(e: &BytesStart, name: &str) -> Result<Option<String>, String> {
    let attr = e.try_get_attribute(name).map_err(|e| e.to_string())?;
    attr.map(|a| {
        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map(|v| v.into_owned())
            .map_err(|e| e.to_string())
    })
    .transpose()
}

/// A character reference or one of XML's five predefined entities; anything else would be
/// declared in a DTD, which is never expanded.
fn resolve_reference(r: &BytesRef) -> Result<String, String> {
    if let Some(c) = r.resolve_char_ref().map_err(|e| e.to_string())? {
        return Ok(c.to_string());
    }
    let name = r.decode().map_err(|e| e.to_string())?;
    resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| {
            format!("entity `&{name};` is not supported (DTD entities are not expanded)")
        })
}

// ---------------------------------------------------------------------------------------
// TBX out

/// Writes the glossary as TBX v3 in the TBX-Basic style: per term a `<conceptEntry>` with
/// `calq-kind`/`calq-since`/`calq-keep` descrips and a `<note>`, an English `<langSec>` with
/// the canonical form (preferred) and the variants (deprecated), and a Cyrillic one.
pub fn write_tbx(g: &Glossary) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n",
    );
    xml_line(&mut out, 1, "<tbxHeader>");
    xml_line(&mut out, 2, "<fileDesc>");
    xml_line(&mut out, 3, "<titleStmt>");
    xml_line(&mut out, 4, &format!("<title>{}</title>", escape(&g.name)));
    if let Some(policy) = &g.policy {
        xml_line(
            &mut out,
            4,
            &format!("<note type=\"policy\">{}</note>", escape(policy)),
        );
    }
    xml_line(&mut out, 3, "</titleStmt>");
    xml_line(
        &mut out,
        3,
        "<sourceDesc><p>Exported by calq</p></sourceDesc>",
    );
    xml_line(&mut out, 2, "</fileDesc>");
    xml_line(&mut out, 1, "</tbxHeader>");
    xml_line(&mut out, 1, "<text>");
    xml_line(&mut out, 2, "<body>");
    let fallback = glossary_cyrillic_lang(g);
    for (i, t) in g.terms.iter().enumerate() {
        write_concept(&mut out, i + 1, t, fallback);
    }
    xml_line(&mut out, 2, "</body>");
    xml_line(&mut out, 1, "</text>");
    out.push_str("</tbx>\n");
    out
}

/// The language tag for `cyrillic` forms whose letters do not tell: the glossary's own
/// language when it is one written in Cyrillic, else Russian.
fn glossary_cyrillic_lang(g: &Glossary) -> &'static str {
    ["uk", "ru", "be"]
        .into_iter()
        .find(|l| g.language.eq_ignore_ascii_case(l))
        .unwrap_or("ru")
}

fn write_concept(out: &mut String, id: usize, t: &Term, fallback: &'static str) {
    let descrip =
        |kind: &str, text: &str| format!("<descrip type=\"{kind}\">{}</descrip>", escape(text));
    xml_line(out, 3, &format!("<conceptEntry id=\"c{id}\">"));
    xml_line(out, 4, &descrip("calq-kind", kind_name(t.kind)));
    if let Some(since) = &t.since {
        xml_line(out, 4, &descrip("calq-since", since));
    }
    if !t.keep.is_empty() {
        xml_line(out, 4, &descrip("calq-keep", &join_list(&t.keep)));
    }
    if let Some(note) = &t.note {
        xml_line(out, 4, &format!("<note>{}</note>", escape(note)));
    }
    xml_line(out, 4, "<langSec xml:lang=\"en\">");
    write_term(out, &t.canonical, Some("preferredTerm-admn-sts"));
    for v in &t.variants {
        write_term(out, v, Some("deprecatedTerm-admn-sts"));
    }
    xml_line(out, 4, "</langSec>");
    if let Some(cyrillic) = &t.cyrillic {
        xml_line(
            out,
            4,
            &format!(
                "<langSec xml:lang=\"{}\">",
                cyrillic_lang(cyrillic).unwrap_or(fallback)
            ),
        );
        write_term(out, cyrillic, None);
        xml_line(out, 4, "</langSec>");
    }
    xml_line(out, 3, "</conceptEntry>");
}

fn write_term(out: &mut String, term: &str, status: Option<&str>) {
    xml_line(out, 5, "<termSec>");
    xml_line(out, 6, &format!("<term>{}</term>", escape(term)));
    if let Some(status) = status {
        let note = format!("<termNote type=\"administrativeStatus\">{status}</termNote>");
        xml_line(out, 6, &note);
    }
    xml_line(out, 5, "</termSec>");
}

fn xml_line(out: &mut String, indent: usize, xml: &str) {
    out.push_str(&"  ".repeat(indent));
    out.push_str(xml);
    out.push('\n');
}

/// The language tag for a Cyrillic form, when its letters tell: Belarusian ў, or і with ы or
/// э; Ukrainian
/// і ї є ґ, a soft sign in the adjective endings -ськ-/-цьк-/-зьк- ("Зеленський", Russian
/// "Зеленский") or an apostrophe between letters ("Мар'їнка"); Russian ы э ъ ё, or a word
/// ending in -ей (Russian "Сергей", "Алексей" for Ukrainian "Сергій", "Олексій"). `None` for
/// a form all three could write.
fn cyrillic_lang(s: &str) -> Option<&'static str> {
    let lower = s.to_lowercase();
    let apostrophe = lower
        .char_indices()
        .filter(|(_, c)| matches!(c, '\'' | '’' | 'ʼ'))
        .any(|(i, c)| {
            let before = lower[..i].chars().next_back();
            let after = lower[i + c.len_utf8()..].chars().next();
            before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_alphabetic)
        });
    if lower.contains('ў') || (lower.contains('і') && lower.contains(['ы', 'э'])) {
        Some("be")
    } else if lower.contains(['і', 'ї', 'є', 'ґ'])
        || ["ськ", "цьк", "зьк"].iter().any(|e| lower.contains(e))
        || apostrophe
    {
        Some("uk")
    } else if lower.contains(['ы', 'э', 'ъ', 'ё'])
        || lower
            .split(|c: char| !c.is_alphabetic())
            .any(|w| w.ends_with("ей"))
    {
        Some("ru")
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// TOML out

/// Writes the glossary in the TOML format of DESIGN.md: `[glossary]`, then one `[[term]]` per
/// term with keys in the order canonical, kind, variants, cyrillic, note, since, keep; empty
/// lists and absent values are left out.
pub fn write_toml(g: &Glossary) -> String {
    let mut header = Table::new();
    header.insert("name", value(&g.name));
    header.insert("language", value(&g.language));
    if let Some(policy) = &g.policy {
        header.insert("policy", value(policy));
    }
    let mut doc = DocumentMut::new();
    doc.insert("glossary", Item::Table(header));
    if !g.terms.is_empty() {
        let terms: ArrayOfTables = g.terms.iter().map(term_table).collect();
        doc.insert("term", Item::ArrayOfTables(terms));
    }
    doc.to_string()
}

fn term_table(t: &Term) -> Table {
    let list = |items: &[String]| value(items.iter().map(String::as_str).collect::<Array>());
    let mut table = Table::new();
    table.decor_mut().set_prefix("\n");
    table.insert("canonical", value(&t.canonical));
    table.insert("kind", value(kind_name(t.kind)));
    if !t.variants.is_empty() {
        table.insert("variants", list(&t.variants));
    }
    for (key, field) in [
        ("cyrillic", &t.cyrillic),
        ("note", &t.note),
        ("since", &t.since),
    ] {
        if let Some(text) = field {
            table.insert(key, value(text));
        }
    }
    if !t.keep.is_empty() {
        table.insert("keep", list(&t.keep));
    }
    table
}

// ---------------------------------------------------------------------------------------
// Shared

fn empty_term() -> RawTerm {
    RawTerm {
        canonical: String::new(),
        kind: Kind::Term,
        variants: Vec::new(),
        cyrillic: None,
        note: None,
        since: None,
        keep: Vec::new(),
    }
}

/// Validates a term as TOML loading does and places it at `path:line`.
fn finish(t: RawTerm, path: &str, line: usize) -> Result<Term, Error> {
    if let Some(message) = validate(&t) {
        let message = format!("term `{}`: {message}", t.canonical);
        return Err(error(path, line, message));
    }
    Ok(Term {
        canonical: t.canonical,
        kind: t.kind,
        variants: t.variants,
        cyrillic: t.cyrillic,
        note: t.note,
        since: t.since,
        keep: t.keep,
        source: path.into(),
        line,
        rank: 0,
        policy: None,
    })
}

/// An imported glossary's header: its title if it has one, else the file stem; English.
fn imported_glossary(path: &str, title: Option<String>, terms: Vec<Term>) -> Glossary {
    let stem = Path::new(path).file_stem().and_then(|s| s.to_str());
    Glossary {
        path: path.into(),
        name: title.unwrap_or_else(|| stem.unwrap_or(path).to_owned()),
        language: "en".into(),
        policy: None,
        terms,
    }
}

fn error(path: &str, line: usize, message: String) -> Error {
    Error::Glossary {
        path: path.into(),
        line: Some(line),
        message,
    }
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Place => "place",
        Kind::Org => "org",
        Kind::Term => "term",
    }
}

/// `person`, `place`, `org` or `term`, in any case.
fn parse_kind(s: &str) -> Option<Kind> {
    [Kind::Person, Kind::Place, Kind::Org, Kind::Term]
        .into_iter()
        .find(|k| kind_name(*k).eq_ignore_ascii_case(s.trim()))
}

/// A `|`-separated cell: items trimmed, empty items dropped.
fn split_list(cell: &str) -> Vec<String> {
    cell.split(LIST_SEP)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn join_list(items: &[String]) -> String {
    items.join(&LIST_SEP.to_string())
}

fn non_empty(cell: &str) -> Option<String> {
    (!cell.trim().is_empty()).then(|| cell.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[glossary]
name = "Ukraine and Russia"
language = "en"
policy = "AP Stylebook, 2022 forms"

[[term]]
canonical = "Sergei Ryabkov"
kind = "person"
variants = ["Sergey Ryabkov", "Riabkov", "Rjabkow"]
cyrillic = "Сергей Рябков"
note = "Russian deputy foreign minister, \"Ryabkov\" <since 2008> & more"

[[term]]
canonical = "Kyiv"
kind = "place"
variants = ["Kiev"]
cyrillic = "Київ"
since = "2019-08-14"
keep = ["chicken Kiev", "Kievan Rus"]

[[term]]
canonical = "Verkhovna Rada"
kind = "org"
note = 'back\slash'
"#;

    fn sample() -> Glossary {
        Glossary::parse(SAMPLE, "sample.toml").expect("valid sample")
    }

    /// Terms without where they came from, to compare across formats.
    fn bare(terms: &[Term]) -> Vec<Term> {
        terms
            .iter()
            .map(|t| Term {
                source: String::new(),
                line: 0,
                ..t.clone()
            })
            .collect()
    }

    #[test]
    fn csv_columns_in_any_order_and_case_after_a_bom() {
        let text = "\u{feff}Kind,CANONICAL,Variants\nperson,Sergei Ryabkov,Riabkov | Rjabkow\n\nplace,Kyiv,\n";
        let g = read_csv(text, "dir/names.csv").expect("valid");
        assert_eq!((g.name.as_str(), g.language.as_str()), ("names", "en"));
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.terms[0].variants, ["Riabkov", "Rjabkow"]);
        assert_eq!((g.terms[1].kind, g.terms[1].line), (Kind::Place, 4));
        assert!(g.terms[1].variants.is_empty() && g.terms[1].cyrillic.is_none());
        assert_eq!(g.terms[1].source, "dir/names.csv");
    }

    #[test]
    fn csv_quoted_cells_keep_commas_and_split_lists() {
        let text = "canonical,kind,variants,note,keep\n\
                    Kyiv,place,\"Kiev|Kijev\",\"capital of Ukraine, on the Dnipro\",\"chicken Kiev|Kievan Rus\"\n";
        let g = read_csv(text, "file.csv").expect("valid");
        let t = &g.terms[0];
        assert_eq!(t.variants, ["Kiev", "Kijev"]);
        assert_eq!(t.note.as_deref(), Some("capital of Ukraine, on the Dnipro"));
        assert_eq!(t.keep, ["chicken Kiev", "Kievan Rus"]);
        assert_eq!(t.line, 2);
    }

    #[test]
    fn a_name_imported_twice_is_a_bad_row() {
        // Found by fuzzing: the import wrote a TOML glossary that audit then refused.
        let text = "canonical,kind\nMykolaiv,place\nKyiv,place\nMYKOLAIV,place\n";
        let e = read_csv(text, "file.csv")
            .expect_err("duplicate")
            .to_string();
        assert!(
            e.starts_with("file.csv:4:")
                && e.contains("`MYKOLAIV` duplicates `Mykolaiv` at line 2"),
            "{e}"
        );
    }

    #[test]
    fn csv_bad_rows_name_file_and_line() {
        let text = "canonical,kind\nSergei Ryabkov,person\nKyiv,city\n";
        let e = read_csv(text, "file.csv")
            .expect_err("bad kind")
            .to_string();
        assert!(e.starts_with("file.csv:3:") && e.contains("city"), "{e}");

        let text = "canonical,kind,since\nKyiv,place,14.08.2019\n";
        let e = read_csv(text, "file.csv")
            .expect_err("bad date")
            .to_string();
        assert!(
            e.starts_with("file.csv:2:") && e.contains("14.08.2019"),
            "{e}"
        );

        let text = "canonical,kind,variants\nKyiv,place,Kyiv\n";
        let e = read_csv(text, "file.csv").expect_err("repeat").to_string();
        assert!(e.starts_with("file.csv:2:") && e.contains("repeats"), "{e}");

        let text = "canonical,kind\nKyiv,place\n\nKiev\n";
        let e = read_csv(text, "file.csv")
            .expect_err("short row")
            .to_string();
        assert!(e.starts_with("file.csv:4:"), "{e}");
    }

    #[test]
    fn csv_header_problems_are_errors_on_line_1() {
        let e = read_csv("canonical,kind,gender\n", "f.csv")
            .expect_err("unknown column")
            .to_string();
        assert!(e.starts_with("f.csv:1:") && e.contains("`gender`"), "{e}");
        let e = read_csv("canonical,variants\n", "f.csv")
            .expect_err("no kind")
            .to_string();
        assert!(e.starts_with("f.csv:1:") && e.contains("`kind`"), "{e}");
        let e = read_csv("kind,canonical,Kind\n", "f.csv")
            .expect_err("twice")
            .to_string();
        assert!(e.contains("twice"), "{e}");
        assert!(read_csv("", "f.csv").is_err());
    }

    #[test]
    fn csv_round_trips() {
        let g = sample();
        let csv = write_csv(&g);
        assert!(csv.starts_with("canonical,kind,variants,cyrillic,note,since,keep\n"));
        let back = read_csv(&csv, "sample.csv").expect("own output reads back");
        assert_eq!(bare(&back.terms), bare(&g.terms));
    }

    #[test]
    fn tbx_tags_cyrillic_by_its_letters() {
        // Newcomer's trial: "Володимир Зеленський" (no і ї є ґ) was tagged Russian.
        for (cyrillic, lang) in [
            ("Володимир Зеленський", Some("uk")),
            ("Мар'їнка", Some("uk")),
            ("Мар’янівка", Some("uk")),
            ("Київ", Some("uk")),
            ("Эльвира Набиуллина", Some("ru")),
            ("Віктар Бабарыка", Some("be")),
            ("Ігар Гарбуноў", Some("be")),
            ("Сергей Рябков", Some("ru")),
            ("Дмитрий Медведев", None),
        ] {
            assert_eq!(cyrillic_lang(cyrillic), lang, "{cyrillic}");
        }
        let mut g = sample();
        g.terms[0].cyrillic = Some("Володимир Зеленський".into());
        g.terms[1].cyrillic = Some("Дмитрий Медведев".into());
        let tbx = write_tbx(&g);
        assert!(tbx.contains("<langSec xml:lang=\"uk\">"), "{tbx}");
        assert!(tbx.contains("<langSec xml:lang=\"ru\">"), "{tbx}");
        g.language = "uk".into();
        assert!(!write_tbx(&g).contains("xml:lang=\"ru\""));
    }

    #[test]
    fn tbx_round_trips_with_escaping() {
        let g = sample();
        let tbx = write_tbx(&g);
        assert!(tbx.contains("&lt;since 2008&gt; &amp; more"), "{tbx}");
        assert!(tbx.contains("<langSec xml:lang=\"uk\">"));
        let back = read_tbx(&tbx, "sample.tbx").expect("own output reads back");
        assert_eq!(back.skipped, 0);
        assert_eq!(back.glossary.name, g.name);
        assert!(g.policy.is_some());
        assert_eq!(back.glossary.policy, g.policy);
        assert_eq!(bare(&back.glossary.terms), bare(&g.terms));
        assert_eq!(
            back.glossary.terms[1].line,
            line_of(&tbx, tbx.find("<conceptEntry id=\"c2\"").unwrap_or(0))
        );
    }

    const TBX_V2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>MultiTerm export</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="e1">
      <descrip type="subjectField">person</descrip>
      <langSet xml:lang="de">
        <tig><term>Sergej Rjabkow</term></tig>
        <descripGrp><descrip type="definition">stellvertretender Außenminister</descrip></descripGrp>
      </langSet>
      <langSet xml:lang="en-US">
        <descripGrp><descrip type="definition">Russian deputy foreign minister &amp; diplomat</descrip></descripGrp>
        <tig>
          <term>Sergey Ryabkov</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="normativeAuthorization">deprecatedTerm</termNote>
        </tig>
        <ntig>
          <termGrp>
            <term>Sergei <hi>Ryabkov</hi></term>
            <termNote type="normativeAuthorization">preferredTerm</termNote>
          </termGrp>
        </ntig>
      </langSet>
      <langSet xml:lang="ru"><tig><term>Сергей Рябков</term></tig></langSet>
    </termEntry>
    <termEntry id="e2">
      <langSet xml:lang="de"><tig><term>Werchowna Rada</term></tig></langSet>
    </termEntry>
    <termEntry id="e3">
      <langSet lang="EN"><tig><term>Kyiv</term></tig><tig><term><![CDATA[Kiev]]></term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"#;

    #[test]
    fn tbx_v2_reads_preferred_variants_cyrillic_and_skips_non_english() {
        let imported = read_tbx(TBX_V2, "terms/multiterm.tbx").expect("valid");
        assert_eq!(imported.skipped, 1, "the German-only entry");
        let g = imported.glossary;
        assert_eq!(g.name, "multiterm");
        assert_eq!(g.terms.len(), 2);
        let t = &g.terms[0];
        assert_eq!(t.canonical, "Sergei Ryabkov");
        assert_eq!(t.variants, ["Sergey Ryabkov"]);
        assert_eq!(t.kind, Kind::Person);
        assert_eq!(t.cyrillic.as_deref(), Some("Сергей Рябков"));
        assert_eq!(
            t.note.as_deref(),
            Some("Russian deputy foreign minister & diplomat")
        );
        assert_eq!(t.line, 6);
        let t = &g.terms[1];
        assert_eq!((t.canonical.as_str(), t.kind), ("Kyiv", Kind::Term));
        assert_eq!(t.variants, ["Kiev"]);
    }

    #[test]
    fn tbx_v3_without_a_preferred_term_takes_the_first() {
        let text = r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body>
<conceptEntry id="c1">
  <langSec xml:lang="en-GB"><termSec><term>Kyiv</term>
    <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec>
  <langSec xml:lang="en-US"><termSec><term>Kiev</term>
    <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
    <termSec><term>Kyiv</term></termSec></langSec>
  <langSec xml:lang="uk"><termSec><term>Київ</term></termSec>
    <note>столиця України</note></langSec>
  <descrip type="calq-kind">place</descrip>
</conceptEntry>
</body></text></tbx>"#;
        let g = read_tbx(text, "v3.tbx").expect("valid").glossary;
        let t = &g.terms[0];
        assert_eq!((t.canonical.as_str(), t.kind), ("Kyiv", Kind::Place));
        assert_eq!(
            t.variants,
            ["Kiev"],
            "the repeated canonical form is dropped"
        );
        assert_eq!(t.cyrillic.as_deref(), Some("Київ"));
        assert_eq!(
            t.note, None,
            "notes in other languages are not the term's note"
        );
    }

    #[test]
    fn tbx_errors_name_file_and_line() {
        let broken = TBX_V2.replace("<term>Kyiv</term>", "<term>Kyiv</tig>");
        let e = read_tbx(&broken, "t.tbx")
            .expect_err("malformed")
            .to_string();
        assert!(e.starts_with("t.tbx:32:"), "{e}");

        let cut = &TBX_V2[..TBX_V2.find("<termEntry id=\"e3\"").unwrap_or(0)];
        let e = read_tbx(cut, "t.tbx").expect_err("truncated").to_string();
        assert!(e.starts_with("t.tbx:"), "{e}");

        let bad = TBX_V2.replace("\"subjectField\">person", "\"calq-kind\">human");
        let e = read_tbx(&bad, "t.tbx").expect_err("bad kind").to_string();
        assert!(e.starts_with("t.tbx:6:") && e.contains("human"), "{e}");

        let bad = TBX_V2.replace(
            "<descrip type=\"subjectField\">person</descrip>",
            "<descrip type=\"calq-since\">2019</descrip>",
        );
        let e = read_tbx(&bad, "t.tbx").expect_err("bad date").to_string();
        assert!(e.starts_with("t.tbx:6:") && e.contains("2019"), "{e}");
    }

    #[test]
    fn tbx_never_expands_dtd_entities() {
        let text = r#"<?xml version="1.0"?>
<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd"><!ENTITY kyiv "Kyiv">]>
<martif><text><body><termEntry><langSet xml:lang="en">
<tig><term>&kyiv;</term></tig></langSet></termEntry></body></text></martif>"#;
        let e = read_tbx(text, "x.tbx").expect_err("entity").to_string();
        assert!(e.starts_with("x.tbx:4:") && e.contains("&kyiv;"), "{e}");
    }

    #[test]
    fn toml_round_trips_through_glossary_parse() {
        let g = sample();
        let toml = write_toml(&g);
        assert!(
            toml.starts_with("[glossary]\nname = \"Ukraine and Russia\"\n"),
            "{toml}"
        );
        let order = ["canonical", "kind", "variants", "cyrillic", "note"];
        let at: Vec<usize> = order
            .iter()
            .filter_map(|k| toml.find(&format!("\n{k} = ")))
            .collect();
        assert!(at.len() == order.len() && at.is_sorted(), "{toml}");
        let back = Glossary::parse(&toml, "sample.toml").expect("own output parses");
        assert_eq!(
            (&back.name, &back.language, &back.policy),
            (&g.name, &g.language, &g.policy)
        );
        assert_eq!(bare(&back.terms), bare(&g.terms));
        assert!(!toml.contains("keep = []") && !toml.contains("policy = \"\""));
    }

    #[test]
    fn imported_glossaries_convert_to_toml() {
        let g = read_csv("canonical,kind\nKyiv,place\n", "house.csv").expect("valid");
        let back = Glossary::parse(&write_toml(&g), "house.toml").expect("valid");
        assert_eq!(back.name, "house");
        assert_eq!(bare(&back.terms), bare(&g.terms));
    }
}
