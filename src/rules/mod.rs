//! Rules: the [`Check`] trait, rule metadata, the diagnostics rules emit, and the registry.
//! One file per rule, grouped by family folder; the engine (`crate::engine`) turns
//! diagnostics into findings and nothing here prints.

pub mod chrome;
pub mod grammar;
pub mod locale;
pub mod names;
pub mod quotes;
mod registry;
pub mod spelling;
pub mod typography;
pub mod untranslated;

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::Serialize;

use crate::document::{Document, MappedText, Span};
use crate::glossary::matcher::{self, NameMatch, NameMatcher};
use crate::glossary::scheme::Schemes;

pub use registry::{RULES, find};

/// Rule families (DESIGN.md): every rule belongs to one, and its code starts with the prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Family {
    Names,
    Quotes,
    Typography,
    Grammar,
    Spelling,
    Chrome,
    Locale,
    Untranslated,
    Mt,
}

impl Family {
    pub const ALL: [Family; 9] = [
        Family::Names,
        Family::Quotes,
        Family::Typography,
        Family::Grammar,
        Family::Spelling,
        Family::Chrome,
        Family::Locale,
        Family::Untranslated,
        Family::Mt,
    ];

    pub const fn prefix(self) -> &'static str {
        match self {
            Family::Names => "NM",
            Family::Quotes => "QT",
            Family::Typography => "TY",
            Family::Grammar => "GR",
            Family::Spelling => "SP",
            Family::Chrome => "CH",
            Family::Locale => "LC",
            Family::Untranslated => "UT",
            Family::Mt => "MT",
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Family::Names => "names",
            Family::Quotes => "quotes",
            Family::Typography => "typography",
            Family::Grammar => "grammar",
            Family::Spelling => "spelling",
            Family::Chrome => "chrome",
            Family::Locale => "locale",
            Family::Untranslated => "untranslated",
            Family::Mt => "mt",
        }
    }
}

impl fmt::Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity `{s}` (expected info, warning or error)"
            )),
        }
    }
}

/// Whether `--fix` may apply a suggestion on its own (`safe`) or only with `--unsafe-fixes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    Safe,
    Unsafe,
}

/// Everything about a rule except its logic. `bad_example` must be flagged and `good_example`
/// must not: the registry tests run every rule on both, so every rule is tested and documented.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub family: Family,
    pub severity: Severity,
    /// ISO 639-1 codes of the article languages the rule applies to. Documents whose language
    /// is unknown are checked by every rule.
    pub languages: &'static [&'static str],
    pub summary: &'static str,
    /// Markdown with the sections "What it does", "Why it matters" and "Example".
    pub explanation: &'static str,
    pub bad_example: &'static str,
    pub good_example: &'static str,
}

/// What a rule reports: a span and a message. The engine adds code, severity, line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
    pub suggestion: Option<String>,
    pub applicability: Option<Applicability>,
    /// The source language this finding is evidence of (ISO 639-1: a German romanisation or
    /// translated German page furniture say "de"), for the machine-translation detector.
    pub source_language: Option<&'static str>,
    /// For a name in a romanisation: every scheme that writes it this way ("Riabkov": French,
    /// Spanish, Italian), so that the detector counts a spelling several languages share for
    /// each of them and names none by it alone. Empty when only `source_language` is known.
    pub romanised_by: Schemes,
    /// The editorial policy of the glossary behind a name finding (its `policy`).
    pub policy: Option<String>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span,
            message: message.into(),
            suggestion: None,
            applicability: None,
            source_language: None,
            romanised_by: Schemes::empty(),
            policy: None,
        }
    }

    /// Every scheme that writes the flagged name this way (see `romanised_by`).
    pub fn with_romanisations(mut self, schemes: Schemes) -> Self {
        self.romanised_by = schemes;
        self
    }

    /// The glossary policy the finding applies (see `glossary::Term::policy`).
    pub fn with_policy(mut self, policy: Option<&str>) -> Self {
        self.policy = policy.map(str::to_owned);
        self
    }

    /// Marks the finding as evidence that the text was translated from `language`.
    pub fn with_source_language(mut self, language: Option<&'static str>) -> Self {
        self.source_language = language;
        self
    }

    pub fn with_fix(mut self, suggestion: impl Into<String>, applicability: Applicability) -> Self {
        self.suggestion = Some(suggestion.into());
        self.applicability = Some(applicability);
        self
    }
}

/// What a check sees: the document, and analyses several rules share, computed on first use
/// and at most once per document (glossary name matches, the folded text).
pub struct Context<'a> {
    pub doc: &'a Document,
    names: Option<&'a NameMatcher>,
    folded: OnceLock<MappedText>,
    name_matches: OnceLock<Vec<NameMatch>>,
    known_words: OnceLock<Vec<bool>>,
    counted_words: OnceLock<Vec<spelling::dictionary::Counted>>,
    quotes: OnceLock<quotes::scan::QuoteScan>,
    chrome_lines: OnceLock<Vec<chrome::Line<'a>>>,
    clauses: OnceLock<Vec<(u32, u32)>>,
    lower_words: OnceLock<Vec<&'a str>>,
    numbers: OnceLock<Vec<Span>>,
    unknown_words: OnceLock<Vec<spelling::unknown::UnknownWord<'a>>>,
    glossary_words: Option<&'a GlossaryWords>,
}

/// Every word of every glossary term's canonical form and variants, as the spelling rules
/// compare them (see `spelling::unknown`), built once per engine rather than scanned per word.
#[derive(Debug, Default)]
pub struct GlossaryWords(std::collections::HashSet<String>);

impl GlossaryWords {
    pub fn new(names: &NameMatcher) -> Self {
        let mut set = std::collections::HashSet::new();
        for t in names.terms() {
            let parts = std::iter::once(&t.canonical)
                .chain(&t.variants)
                .flat_map(|s| s.split([' ', '-']));
            for p in parts {
                set.insert(p.to_ascii_lowercase());
                if !p.is_ascii() {
                    set.insert(matcher::fold(p));
                }
            }
        }
        GlossaryWords(set)
    }

    /// Whether a folded word (`matcher::fold`) is a word of a glossary term.
    pub fn contains(&self, folded: &str) -> bool {
        self.0.contains(folded)
    }
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, names: Option<&'a NameMatcher>) -> Self {
        Context {
            doc,
            names,
            folded: OnceLock::new(),
            name_matches: OnceLock::new(),
            known_words: OnceLock::new(),
            counted_words: OnceLock::new(),
            quotes: OnceLock::new(),
            chrome_lines: OnceLock::new(),
            clauses: OnceLock::new(),
            lower_words: OnceLock::new(),
            numbers: OnceLock::new(),
            unknown_words: OnceLock::new(),
            glossary_words: None,
        }
    }

    /// Lets rules look glossary words up in a set built once (the engine's) instead of
    /// scanning the terms.
    pub fn with_glossary_words(mut self, words: &'a GlossaryWords) -> Self {
        self.glossary_words = Some(words);
        self
    }

    /// The engine's set of glossary words, if it gave one.
    pub fn glossary_words(&self) -> Option<&'a GlossaryWords> {
        self.glossary_words
    }

    /// The glossary matcher, if any glossary is loaded.
    pub fn names(&self) -> Option<&'a NameMatcher> {
        self.names
    }

    /// Lower-cased, diacritic-free text mapped back to the document's offsets.
    pub fn folded(&self) -> &MappedText {
        self.folded
            .get_or_init(|| matcher::folded_view_hiding(&self.doc.text, &self.doc.hidden))
    }

    /// Every glossary name in the document, in text order.
    pub fn name_matches(&self) -> &[NameMatch] {
        self.name_matches.get_or_init(|| match self.names {
            Some(m) => m.find(&self.doc.text, self.folded()),
            None => Vec::new(),
        })
    }

    /// Whether the English dictionary knows each of `doc.words` as written (parallel to it);
    /// spelling and untranslated share it.
    pub fn known_words(&self) -> &[bool] {
        self.known_words
            .get_or_init(|| spelling::dictionary::known_words(self.doc))
    }

    /// How a dictionary [`spelling::dictionary::Share`] counts each of `doc.words` (parallel
    /// to it): spelling and untranslated measure blocks, sentences and quotations with it.
    pub fn counted_words(&self) -> &[spelling::dictionary::Counted] {
        self.counted_words
            .get_or_init(|| spelling::dictionary::counted(self.doc, self.known_words()))
    }

    /// The non-empty lines of every block (`chrome::lines`), which two chrome rules read.
    pub(crate) fn chrome_lines(&self) -> &[chrome::Line<'a>] {
        self.chrome_lines.get_or_init(|| chrome::lines(self.doc))
    }

    /// The clauses of the document as ranges `(from, to)` of indexes into `doc.words` (see
    /// `grammar::clauses`), shared by the grammar rules.
    pub fn clauses(&self) -> &[(u32, u32)] {
        self.clauses.get_or_init(|| grammar::clauses(self.doc))
    }

    /// Every word of the document lower-cased (`Document::word_lower`), parallel to
    /// `doc.words`: the grammar rules read their clauses from it (`grammar::clause_words`).
    pub fn lower_words(&self) -> &[&'a str] {
        self.lower_words.get_or_init(|| {
            let doc = self.doc;
            (0..doc.words.len()).map(|i| doc.word_lower(i)).collect()
        })
    }

    /// Every stand-alone number of the text (`locale::numbers`), which five LC rules read:
    /// one scan of the text instead of five.
    pub fn numbers(&self) -> &[Span] {
        self.numbers
            .get_or_init(|| locale::numbers(&self.doc.text).collect())
    }

    /// The unknown words SP001 and SP002 divide between them (`spelling::unknown`).
    pub fn unknown_words(&self) -> &[spelling::unknown::UnknownWord<'a>] {
        self.unknown_words
            .get_or_init(|| spelling::unknown::unknown_words(self))
    }

    /// Every quotation in the document (the `quotes` state machine): ask it whether a word
    /// is quoted, or read the regions with their marks, style and balance.
    pub fn quotes(&self) -> &quotes::scan::QuoteScan {
        self.quotes
            .get_or_init(|| quotes::scan::QuoteScan::new(self.doc))
    }
}

/// A check over a whole document. Implementations are unit structs registered in
/// [`RULES`]; they must not panic on any input and must emit spans on char boundaries.
pub trait Check: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>);
}

#[cfg(test)]
pub(crate) mod test_util {
    use super::*;
    use crate::glossary::GlossarySet;

    /// The shipped glossaries' matcher, built once for all tests.
    pub fn shipped() -> &'static NameMatcher {
        static M: OnceLock<NameMatcher> = OnceLock::new();
        M.get_or_init(|| {
            let set = GlossarySet::load(true, &[] as &[&std::path::Path])
                .expect("shipped glossaries load");
            NameMatcher::new(set.terms().into_iter().cloned().collect())
        })
    }

    /// Runs one rule (with the shipped glossaries) and returns its diagnostics.
    pub fn diagnostics(rule: &dyn Check, text: &str) -> Vec<Diagnostic> {
        let doc = Document::from_text(text);
        let mut out = Vec::new();
        rule.check(&Context::new(&doc, Some(shipped())), &mut out);
        out
    }

    /// Each diagnostic's text in `text` with its suggestion.
    pub fn texts_and_suggestions<'a>(
        text: &'a str,
        diagnostics: &'a [Diagnostic],
    ) -> Vec<(&'a str, Option<&'a str>)> {
        diagnostics
            .iter()
            .map(|d| (&text[d.span.start..d.span.end], d.suggestion.as_deref()))
            .collect()
    }

    /// Runs one rule on a text and returns the flagged texts.
    pub fn flagged(rule: &dyn Check, text: &str) -> Vec<String> {
        let doc = Document::from_text(text);
        diagnostics(rule, text)
            .iter()
            .map(|d| doc.slice(d.span).to_owned())
            .collect()
    }
}
