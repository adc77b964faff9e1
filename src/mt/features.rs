//! Features of the machine-translation detector, computed in one pass over the document model
//! and the engine's findings: style rates, skeleton n-grams, artifact rates and length. What
//! the features mean to an editor lives in `evidence`; the weights live in `model`.
//!
//! Three kinds of features:
//! - **style** ([`STYLE`], a fixed layout): sentence length, lexical variety, function-word,
//!   pronoun, contraction and punctuation rates, and one rate per function word. Quote and
//!   dash characters are normalised first, so typography cannot stand in for the label (the
//!   WMT originals carry no curly quotes at all).
//! - **skeleton n-grams**: each body sentence as a sequence of function words and shape
//!   classes (`Cap`, `low`, `UP`, `NUM`, punctuation), 1–3-grams hashed into
//!   [`SKELETON_BUCKETS`] buckets — a tagger-free stand-in for part-of-speech n-grams that
//!   carries over from one topic to another.
//! - **word n-grams**: 1–2-grams of the words and punctuation marks themselves (case kept,
//!   quotes normalised, not across sentences), hashed into [`WORD_BUCKETS`] buckets, as
//!   sublinear document term frequencies (1 + ln count). The model weighs them by inverse
//!   document frequency and L2-normalises them (TF-IDF with a vocabulary learned in training,
//!   see `model`): the lexical choices machine translation converges on. Measured on the dev
//!   split, document-level TF-IDF 1–2-grams separate machine from human translation clearly
//!   better than per-sentence binary 1–3-gram sets.
//! - **artifacts**: the engine's findings per 1,000 words, by family, by code, and by
//!   (family, source language). Their names are built from the findings, so a rule added
//!   later becomes a feature at the next training without a change here.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::document::{BlockKind, Document, Span};
use crate::finding::Finding;

/// Bumped by hand when a definition below changes in a way the spec string cannot see
/// (tokenisation, normalisation, a formula).
pub const FEATURE_VERSION: u32 = 3;

/// Number of hash buckets for skeleton n-grams (a power of two).
pub const SKELETON_BUCKETS: u32 = 1 << 13;

/// Number of hash buckets for word n-grams (a power of two).
pub const WORD_BUCKETS: u32 = 1 << 18;

/// Number of hash buckets for character n-grams of the written-out skeletons (a power of
/// two; see [`Features::shape_chars`]).
pub const SHAPE_CHAR_BUCKETS: u32 = 1 << 14;

/// Function words kept as themselves in skeletons and counted one by one in the style
/// features: determiners, pronouns, auxiliaries, prepositions, conjunctions, common adverbs
/// and cohesive markers, plus the clitics `'s` and `n't`. Sorted.
pub const FUNCTION_WORDS: &[&str] = &[
    "'d",
    "'ll",
    "'m",
    "'re",
    "'s",
    "'ve",
    "a",
    "about",
    "above",
    "according",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "all",
    "almost",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "besides",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "due",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "furthermore",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "including",
    "indeed",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "let",
    "like",
    "many",
    "may",
    "me",
    "meanwhile",
    "might",
    "more",
    "moreover",
    "most",
    "much",
    "must",
    "my",
    "n't",
    "namely",
    "near",
    "neither",
    "never",
    "nevertheless",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "otherwise",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "perhaps",
    "quite",
    "rather",
    "same",
    "several",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "till",
    "to",
    "too",
    "towards",
    "under",
    "unless",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "we",
    "were",
    "what",
    "whatever",
    "when",
    "whereas",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
];

/// Cohesive markers: connectives that translators add or drop (Baker's explicitation).
const COHESIVE: &[&str] = &[
    "also",
    "although",
    "besides",
    "furthermore",
    "however",
    "indeed",
    "meanwhile",
    "moreover",
    "namely",
    "nevertheless",
    "otherwise",
    "therefore",
    "though",
    "thus",
    "whereas",
    "yet",
];

const PRONOUNS: &[&str] = &[
    "he",
    "her",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "i",
    "it",
    "its",
    "itself",
    "me",
    "my",
    "our",
    "ours",
    "ourselves",
    "she",
    "their",
    "theirs",
    "them",
    "themselves",
    "they",
    "us",
    "we",
    "you",
    "your",
    "yours",
];

const FIRST_PERSON: &[&str] = &["i", "me", "my", "our", "ours", "ourselves", "us", "we"];

const CONTRACTIONS: &[&str] = &["'d", "'ll", "'m", "'re", "'ve", "n't"];

/// Punctuation classes after normalisation: every quote mark is `"` or `'`, every dash `-`.
const PUNCT: &[(&str, &str)] = &[
    ("comma", ","),
    ("period", "."),
    ("colon", ":"),
    ("semicolon", ";"),
    ("question", "?"),
    ("exclamation", "!"),
    ("paren", "("),
    ("quote", "\""),
    ("single_quote", "'"),
    ("dash", "-"),
    ("ellipsis", "…"),
    ("slash", "/"),
    ("symbol", "SYM"),
];

/// The style features other than per-function-word rates, in layout order.
const STYLE_BASE: &[&str] = &[
    "length_log_words",
    "sentence_length_mean",
    "sentence_length_sd",
    "sentence_length_cv",
    "sentence_length_max_log",
    "short_sentence_rate",
    "word_length_mean",
    "long_word_rate",
    "type_token_mattr",
    "hapax_ratio",
    "function_word_rate",
    "cohesive_marker_rate",
    "pronoun_rate",
    "first_person_rate",
    "contraction_rate",
    "capitalised_rate",
    "upper_case_rate",
    "number_rate",
    "lower_case_sentence_start_rate",
    "unterminated_sentence_rate",
    "non_latin_letter_rate",
    "repeated_trigram_rate",
    "punctuation_rate",
];

/// Every style feature name in layout order: [`STYLE_BASE`], then `punct:<class>` rates, then
/// `fw:<word>` rates.
pub fn style_names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = STYLE_BASE.iter().map(|s| (*s).to_owned()).collect();
        names.extend(PUNCT.iter().map(|(n, _)| format!("punct:{n}")));
        names.extend(FUNCTION_WORDS.iter().map(|w| format!("fw:{w}")));
        names
    })
}

const FW_OFFSET: usize = STYLE_BASE.len() + PUNCT.len();

/// The group a feature belongs to, which the evidence sentences are written by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A base style feature (`sentence_length_mean`, `hapax_ratio`…).
    Base,
    /// A punctuation mark's rate (`punct:…`).
    Punctuation,
    /// A function word's rate (`fw:…`).
    FunctionWord,
    /// A count of findings (`fam:…`, `famlang:…`, `code:…`, `furniture_block_rate`).
    Artifact,
    /// The skeleton n-grams as a whole.
    Skeleton,
    /// The word n-grams as a whole.
    Words,
}

/// What kind of style feature index `i` of [`style_names`] is.
pub fn style_kind(i: usize) -> Kind {
    if i < STYLE_BASE.len() {
        Kind::Base
    } else if i < FW_OFFSET {
        Kind::Punctuation
    } else {
        Kind::FunctionWord
    }
}

/// A text that pins down the feature definition; its hash goes into every model file, and a
/// model whose hash differs from this build's is refused.
pub fn spec_text() -> String {
    format!(
        "calq-mt-features v{FEATURE_VERSION}\nbuckets {SKELETON_BUCKETS}\nngrams 1-3 sublinear l2\n\
         words {WORD_BUCKETS} 1-2 doc sublinear-tf (idf l2 in model)\n\
         shape-chars {SHAPE_CHAR_BUCKETS} 2-5 sublinear l2\n\
         style {}\ncohesive {}\npronouns {}\nfirst {}\ncontractions {}\npunct {}\n\
         artifacts fam,code,famlang per-1000-words log1p; furniture_block_rate\n",
        style_names().join(","),
        COHESIVE.join(","),
        PRONOUNS.join(","),
        FIRST_PERSON.join(","),
        CONTRACTIONS.join(","),
        PUNCT
            .iter()
            .map(|(n, s)| format!("{n}={s}"))
            .collect::<Vec<_>>()
            .join(",")
    )
}

/// FNV-1a (64-bit) of the spec text, as 16 hex digits.
pub fn spec_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| format!("{:016x}", fnv1a(spec_text().as_bytes())))
        .clone()
}

pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// One document's features.
#[derive(Debug, Clone, PartialEq)]
pub struct Features {
    /// Parallel to [`style_names`].
    pub style: Vec<f64>,
    /// Hashed skeleton n-grams of [`Features::skeleton_tokens`], worked out on first use
    /// ([`Features::skeleton`]).
    skeleton: OnceLock<Vec<(u32, f64)>>,
    /// Hashed word 1–2-grams (bucket, 1 + ln count), each bucket once, in order of first
    /// occurrence; the model applies
    /// inverse document frequencies and the L2 norm.
    pub words_ngrams: Vec<(u32, f64)>,
    /// Artifact features by name (`fam:quotes`, `code:QT005`, `famlang:chrome:fr`,
    /// `furniture_block_rate`): log1p of a rate per 1,000 words.
    pub artifacts: BTreeMap<String, f64>,
    /// Raw counts behind the artifact features, for evidence sentences.
    pub artifact_counts: BTreeMap<String, usize>,
    /// Words in body text (after normalisation).
    pub words: usize,
    /// The body sentences' skeletons, one after another, each from [`TOK_START`] to
    /// [`TOK_END`]: what [`Features::shape_chars`] writes out.
    pub skeleton_tokens: Vec<Tok>,
}

impl Features {
    /// Hashed skeleton 1–3-grams (bucket, value), each bucket once, in order of first
    /// occurrence; L2-normalised. Computed on first use: P(MT) does not weigh them (they
    /// added nothing to it in grouped CV), so only the source-language model and training
    /// read them, and the source-language model only for a document already called
    /// machine-translated.
    pub fn skeleton(&self) -> &[(u32, f64)] {
        self.skeleton.get_or_init(|| {
            with_buckets(&SKELETON_COUNTS, |grams| {
                for sentence in self.skeleton_tokens.split_inclusive(|&t| t == TOK_END) {
                    add_ngrams(sentence, grams);
                }
                l2_normalised(grams.drain_sublinear(false))
            })
        })
    }

    /// Whether [`Features::skeleton`] has been asked for.
    #[cfg(test)]
    pub fn skeleton_computed(&self) -> bool {
        self.skeleton.get().is_some()
    }

    pub fn style_value(&self, name: &str) -> Option<f64> {
        let i = style_names().iter().position(|n| n == name)?;
        self.style.get(i).copied()
    }

    /// Character 2–5-grams of the skeletons written out (function words as themselves, each
    /// shape and punctuation class as one character, tokens separated by spaces, a sentence
    /// from `<` to `>`), hashed into [`SHAPE_CHAR_BUCKETS`] buckets, sublinear counts,
    /// L2-normalised. They see parts of function words and of their sequences that whole
    /// n-grams miss. Only the source-language model reads them, and only for a document
    /// already called machine-translated, so they are computed on demand.
    pub fn shape_chars(&self) -> Vec<(u32, f64)> {
        let mut line: Vec<u8> = Vec::with_capacity(256);
        with_buckets(&SHAPE_CHAR_COUNTS, |counts| {
            for sentence in self.skeleton_tokens.split_inclusive(|&t| t == TOK_END) {
                line.clear();
                for &t in sentence {
                    if !line.is_empty() {
                        line.push(b' ');
                    }
                    line.extend_from_slice(tok_char_key(t).as_bytes());
                }
                for i in 0..line.len() {
                    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                    for (n, &b) in line[i..].iter().take(5).enumerate() {
                        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
                        if n >= 1 {
                            counts.add(bucket(h ^ ((n as u64) << 56), SHAPE_CHAR_BUCKETS));
                        }
                    }
                }
            }
            l2_normalised(counts.drain_sublinear(true))
        })
    }
}

/// A token of a sentence skeleton: a function word (its index in [`FUNCTION_WORDS`]), a
/// shape class, a punctuation class or a sentence boundary.
pub type Tok = u16;

const N_FUNCTION: Tok = FUNCTION_WORDS.len() as Tok;
const TOK_CAP: Tok = N_FUNCTION;
const TOK_UPPER: Tok = N_FUNCTION + 1;
const TOK_LOW: Tok = N_FUNCTION + 2;
const TOK_NUM: Tok = N_FUNCTION + 3;
/// The first punctuation class; class `k` of [`PUNCT`] is `TOK_PUNCT + k`.
const TOK_PUNCT: Tok = N_FUNCTION + 4;
pub const TOK_START: Tok = TOK_PUNCT + PUNCT.len() as Tok;
pub const TOK_END: Tok = TOK_START + 1;

/// The token as text, for its hash.
fn tok_key(t: Tok) -> &'static str {
    match t {
        TOK_CAP => "<Cap>",
        TOK_UPPER => "<UP>",
        TOK_LOW => "<low>",
        TOK_NUM => "<NUM>",
        TOK_START => "<s>",
        TOK_END => "</s>",
        t if t >= TOK_PUNCT => PUNCT.get(usize::from(t - TOK_PUNCT)).map_or("", |p| p.1),
        t => FUNCTION_WORDS.get(usize::from(t)).copied().unwrap_or(""),
    }
}

/// The token written out for [`Features::shape_chars`]: a class is one character.
fn tok_char_key(t: Tok) -> &'static str {
    match t {
        TOK_CAP => "^",
        TOK_UPPER => "#",
        TOK_LOW => "~",
        TOK_NUM => "0",
        TOK_START => "<",
        TOK_END => ">",
        t if t == TOK_PUNCT + PUNCT.len() as Tok - 1 => "$",
        t => tok_key(t),
    }
}

/// Each token's hash, computed once per process: an n-gram's hash combines its tokens'.
fn tok_hashes() -> &'static [u64] {
    static HASHES: OnceLock<Vec<u64>> = OnceLock::new();
    HASHES.get_or_init(|| {
        (0..=TOK_END)
            .map(|t| fnv1a(tok_key(t).as_bytes()))
            .collect()
    })
}

/// A hash folded into one of `buckets` buckets (a power of two).
fn bucket(h: u64, buckets: u32) -> u32 {
    // The high bits of a multiplicative hash mix every input bit.
    ((h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as u32) & (buckets - 1)
}

/// Counts of hashed n-gram buckets for one document: a small open-addressing table sized to
/// the document (a thousand slots for an article, in the first-level cache), kept per
/// thread and reused from one document to the next, and the slots used in order of first
/// count. A dense table over every bucket (a megabyte for the word n-grams) cost a cache
/// miss per count.
struct Buckets {
    /// (bucket + 1, count); 0 marks an empty slot. The length is a power of two, at least
    /// twice the buckets counted.
    slots: Vec<(u32, u32)>,
    /// The slots used, in order of first count (the drain reads them without probing again).
    touched: Vec<u32>,
}

/// Slots of a fresh table: room for a short article's n-grams without growing (8 KB); a
/// table is kept at up to [`KEPT_SLOTS`] for the documents after a longer one.
const BUCKET_SLOTS: usize = 1 << 10;
const KEPT_SLOTS: usize = 1 << 13;

impl Buckets {
    fn new() -> Buckets {
        Buckets {
            slots: vec![(0, 0); BUCKET_SLOTS],
            touched: Vec::with_capacity(BUCKET_SLOTS / 2),
        }
    }

    /// Counts bucket `b`.
    #[inline]
    fn add(&mut self, b: u32) {
        let i = slot_of(&self.slots, b);
        let Some(slot) = self.slots.get_mut(i) else {
            return;
        };
        if slot.0 != 0 {
            slot.1 += 1;
            return;
        }
        *slot = (b.wrapping_add(1), 1);
        self.touched.push(u32::try_from(i).unwrap_or(u32::MAX));
        if self.touched.len() * 2 > self.slots.len() {
            self.grow();
        }
    }

    /// Doubles the table, placing the counted buckets again in their order.
    fn grow(&mut self) {
        let doubled = vec![(0, 0); self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        for t in &mut self.touched {
            let Some(&(key, count)) = old.get(*t as usize) else {
                continue;
            };
            let i = slot_of(&self.slots, key.wrapping_sub(1));
            if let Some(slot) = self.slots.get_mut(i) {
                *slot = (key, count);
            }
            *t = u32::try_from(i).unwrap_or(u32::MAX);
        }
    }

    /// (bucket, 1 + ln count) for every bucket counted, by bucket when `sorted`, else in
    /// order of first count (as deterministic, and sorting cost more than the rest of the
    /// drain); the table is left empty.
    fn drain_sublinear(&mut self, sorted: bool) -> Vec<(u32, f64)> {
        let slots = &mut self.slots;
        if sorted {
            self.touched
                .sort_unstable_by_key(|&t| slots.get(t as usize).map_or(0, |s| s.0));
        }
        let mut out = Vec::with_capacity(self.touched.len());
        for &t in &self.touched {
            if let Some(slot) = slots.get_mut(t as usize) {
                out.push((slot.0.wrapping_sub(1), sublinear(slot.1)));
                *slot = (0, 0);
            }
        }
        if slots.len() > KEPT_SLOTS {
            // A long document's table is not kept for the articles after it.
            *slots = vec![(0, 0); BUCKET_SLOTS];
        }
        self.touched.clear();
        out
    }
}

/// The slot of bucket `b` in an open-addressing table of [`Buckets`]: where it is counted, or
/// the empty slot it would take. The bucket is a hash already, so its low bits place it.
#[inline]
fn slot_of(slots: &[(u32, u32)], b: u32) -> usize {
    let mask = slots.len() - 1;
    let mut i = b as usize & mask;
    while let Some(&(key, _)) = slots.get(i) {
        if key == b.wrapping_add(1) || key == 0 {
            break;
        }
        i = (i + 1) & mask;
    }
    i
}

thread_local! {
    static SKELETON_COUNTS: RefCell<Option<Buckets>> = const { RefCell::new(None) };
    static WORD_COUNTS: RefCell<Option<Buckets>> = const { RefCell::new(None) };
    static SHAPE_CHAR_COUNTS: RefCell<Option<Buckets>> = const { RefCell::new(None) };
}

/// Runs `f` with this thread's table (made on first use).
fn with_buckets<R>(
    table: &'static std::thread::LocalKey<RefCell<Option<Buckets>>>,
    f: impl FnOnce(&mut Buckets) -> R,
) -> R {
    table.with_borrow_mut(|slot| {
        let counts = slot.get_or_insert_with(Buckets::new);
        // Emptied by `drain_sublinear`; a panic in between would leave counts behind.
        if !counts.touched.is_empty() {
            counts.drain_sublinear(false);
        }
        f(counts)
    })
}

/// 1 + ln n, from a table for the small counts nearly every bucket has.
fn sublinear(n: u32) -> f64 {
    static TABLE: OnceLock<Vec<f64>> = OnceLock::new();
    let table = TABLE.get_or_init(|| (0..64).map(|n| 1.0 + f64::from(n).ln()).collect());
    table
        .get(n as usize)
        .copied()
        .unwrap_or_else(|| 1.0 + f64::from(n).ln())
}

fn l2_normalised(mut v: Vec<(u32, f64)>) -> Vec<(u32, f64)> {
    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        for (_, x) in &mut v {
            *x /= norm;
        }
    }
    v
}

/// Slots of the function-word table: a power of two well above the number of words, so
/// most lookups of other words end at an empty slot.
const FW_SLOTS: usize = 1024;

/// The index of a function word in [`FUNCTION_WORDS`]: an open-addressing table keyed by
/// FNV-1a (every word of a document is looked up; a binary search of the sorted list cost
/// several string comparisons each).
fn function_index(word: &str) -> Option<usize> {
    function_lookup(word, fnv1a(word.as_bytes()))
}

/// [`function_index`] of a word whose FNV-1a hash is known.
fn function_lookup(word: &str, hash: u64) -> Option<usize> {
    static TABLE: OnceLock<Vec<u16>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = vec![u16::MAX; FW_SLOTS];
        for (k, w) in FUNCTION_WORDS.iter().enumerate() {
            let mut i = fnv1a(w.as_bytes()) as usize % FW_SLOTS;
            while t[i] != u16::MAX {
                i = (i + 1) % FW_SLOTS;
            }
            t[i] = u16::try_from(k).unwrap_or(u16::MAX);
        }
        t
    });
    let mut i = hash as usize % FW_SLOTS;
    loop {
        let k = *table.get(i)?;
        if k == u16::MAX {
            return None;
        }
        if FUNCTION_WORDS.get(usize::from(k)) == Some(&word) {
            return Some(usize::from(k));
        }
        i = (i + 1) % FW_SLOTS;
    }
}

/// Normalises a punctuation character to its class (an index of [`PUNCT`]), or `None` for
/// spaces.
fn punct_class(c: char) -> Option<u8> {
    Some(match c {
        ',' | '،' | '、' => 0,
        '.' | '。' => 1,
        ':' => 2,
        ';' => 3,
        '?' => 4,
        '!' => 5,
        '(' | ')' | '[' | ']' | '{' | '}' => 6,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '″' | '〃' | '「' | '」' => 7,
        '\'' | '‘' | '’' | '‚' | '‛' | '‹' | '›' | '′' | '`' | '´' => 8,
        '-' | '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => 9,
        '…' => 10,
        '/' | '\\' => 11,
        c if c.is_whitespace() => return None,
        _ => 12,
    })
}

/// Punctuation classes that end a sentence: `.`, `?`, `!`, `…` and the quotes.
const TERMINAL_PUNCT: [u8; 6] = [1, 4, 5, 10, 7, 8];

/// A lower-cased word's base (without its clitic), the base's hash and the clitic.
fn split_base(lower: &str) -> (&str, u64, Option<&'static str>) {
    let (base, clitic) = split_clitic(lower);
    (base, fnv1a(base.as_bytes()), clitic)
}

/// Splits a word at an apostrophe into base and clitic ("don't" → "do" + "n't",
/// "it's" → "it" + "'s"); quote characters are normalised first.
fn split_clitic(lower: &str) -> (&str, Option<&'static str>) {
    let Some(i) = lower.rfind(['\'', '’', '‘']) else {
        return (lower, None);
    };
    let apos_len = lower[i..].chars().next().map_or(1, char::len_utf8);
    let (base, suffix) = (&lower[..i], &lower[i + apos_len..]);
    let clitic = match suffix {
        "t" if base.ends_with('n') => return (&base[..base.len() - 1], Some("n't")),
        "s" => "'s",
        "re" => "'re",
        "ll" => "'ll",
        "ve" => "'ve",
        "m" => "'m",
        "d" => "'d",
        _ => return (lower, None),
    };
    (base, Some(clitic))
}

/// The shape class of a word that is not a function word.
fn shape(word: &str) -> Tok {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if word.bytes().any(|b| b.is_ascii_digit()) {
        TOK_NUM
    } else if first.is_uppercase() {
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 1 && word.chars().all(|c| !c.is_lowercase()) {
            TOK_UPPER
        } else {
            TOK_CAP
        }
    } else {
        TOK_LOW
    }
}

struct Counter {
    tokens: usize,
    words: usize,
    fw: Vec<u32>,
    function_words: usize,
    cohesive: usize,
    pronouns: usize,
    first_person: usize,
    contractions: usize,
    capitalised: usize,
    upper: usize,
    numbers: usize,
    punct: Vec<u32>,
    punct_total: usize,
    word_chars: usize,
    long_words: usize,
    letters: usize,
    non_latin: usize,
    sentence_lengths: Vec<usize>,
    lower_starts: usize,
    unterminated: usize,
    /// Dense ids of the lower-cased word forms (without clitics) in order, for lexical
    /// variety and repeats: 0, 1, 2… in order of first appearance.
    ids: Vec<u32>,
    /// The table behind `ids`, keyed by the forms' hashes.
    id_table: DenseIds,
    /// The first word not before the current sentence.
    next_word: usize,
    /// Hashes of the current sentence's word tokens.
    lex: Vec<u64>,
    /// Each form's count in the moving window of [`mattr`].
    window: Vec<u32>,
    /// The set behind [`repeated_keys`].
    trigrams: Vec<u64>,
    /// Each distinct form of the document (`Document::tokens`) once analysed.
    forms: Vec<Option<FormCount>>,
}

/// A buffer kept for the next document is dropped instead when a long document grew it past
/// this many elements (an article needs a few thousand).
const KEPT_CAPACITY: usize = 1 << 16;

/// A buffer taken for the next document, empty, with its allocation unless it is outsized.
fn emptied<T>(v: &mut Vec<T>) -> Vec<T> {
    let mut v = std::mem::take(v);
    v.clear();
    if v.capacity() > KEPT_CAPACITY {
        v = Vec::new();
    }
    v
}

impl Counter {
    /// A counter with every count zero and no buffers: [`Counter::new`] and
    /// [`Counter::reset`] start from it, so each count is listed once.
    const ZERO: Counter = Counter {
        tokens: 0,
        words: 0,
        fw: Vec::new(),
        function_words: 0,
        cohesive: 0,
        pronouns: 0,
        first_person: 0,
        contractions: 0,
        capitalised: 0,
        upper: 0,
        numbers: 0,
        punct: Vec::new(),
        punct_total: 0,
        word_chars: 0,
        long_words: 0,
        letters: 0,
        non_latin: 0,
        sentence_lengths: Vec::new(),
        lower_starts: 0,
        unterminated: 0,
        ids: Vec::new(),
        id_table: DenseIds::EMPTY_TABLE,
        next_word: 0,
        lex: Vec::new(),
        window: Vec::new(),
        trigrams: Vec::new(),
        forms: Vec::new(),
    };

    fn new() -> Self {
        Counter {
            fw: vec![0; FUNCTION_WORDS.len()],
            punct: vec![0; PUNCT.len()],
            id_table: DenseIds::new(),
            ..Self::ZERO
        }
    }

    /// Zeroes the counts for the next document and keeps the buffers, emptied: allocating
    /// and freeing them for every document was an eighth of MT's time in `perf`, much of it
    /// the allocator tidying its free lists before each block of a kilobyte or more.
    fn reset(&mut self) {
        let mut fw = std::mem::take(&mut self.fw);
        fw.fill(0);
        let mut punct = std::mem::take(&mut self.punct);
        punct.fill(0);
        let mut id_table = std::mem::replace(&mut self.id_table, DenseIds::EMPTY_TABLE);
        id_table.reset();
        *self = Counter {
            fw,
            punct,
            id_table,
            sentence_lengths: emptied(&mut self.sentence_lengths),
            ids: emptied(&mut self.ids),
            lex: emptied(&mut self.lex),
            window: emptied(&mut self.window),
            trigrams: emptied(&mut self.trigrams),
            forms: emptied(&mut self.forms),
            ..Self::ZERO
        };
    }
}

thread_local! {
    /// This thread's [`Counter`], reused from one document to the next.
    static COUNTER: RefCell<Option<Counter>> = const { RefCell::new(None) };
}

/// Computes the features of a document, given the engine's findings on it.
pub fn extract(doc: &Document, findings: &[Finding]) -> Features {
    COUNTER.with_borrow_mut(|slot| {
        let c = slot.get_or_insert_with(Counter::new);
        c.reset();
        extract_with(doc, findings, c)
    })
}

fn extract_with(doc: &Document, findings: &[Finding], c: &mut Counter) -> Features {
    let mut toks: Vec<Tok> = Vec::with_capacity(doc.words.len() * 5 / 4 + 16);
    let mut forms = std::mem::take(&mut c.forms);
    forms.resize(doc.tokens.forms().len(), None);
    let words_ngrams = with_buckets(&WORD_COUNTS, |word_grams| {
        for sentence in body_sentences(doc) {
            c.lex.clear();
            toks.push(TOK_START);
            sentence_tokens(doc, sentence, c, &mut toks, &mut forms);
            toks.push(TOK_END);
            add_word_ngrams(&c.lex, word_grams);
        }
        word_grams.drain_sublinear(false)
    });
    for form in forms.iter().flatten() {
        tally(c, form);
    }
    c.forms = forms;
    let words = c.words;
    let style = style_vector(c);
    let (artifacts, artifact_counts) = artifacts(doc, findings, words);
    Features {
        style,
        skeleton: OnceLock::new(),
        words_ngrams,
        artifacts,
        artifact_counts,
        words,
        skeleton_tokens: toks,
    }
}

/// Sentences in body blocks; a document without body blocks uses all its sentences.
fn body_sentences(doc: &Document) -> impl Iterator<Item = Span> + '_ {
    let in_body = |s: &Span| {
        doc.block_at(s.start)
            .is_some_and(|b| b.kind == BlockKind::Body)
    };
    let any_body = doc.sentences.iter().any(in_body);
    doc.sentences
        .iter()
        .copied()
        .filter(move |s| !any_body || in_body(s))
}

/// Classes of an ASCII byte in [`ASCII_CLASSES`].
const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const LOWER: u8 = 4;
/// `UPPER << 2` is 0x20, the bit that lower-cases an ASCII letter.
const UPPER: u8 = 8;
const APOSTROPHE: u8 = 16;
const BACKTICK: u8 = 32;

/// Each byte's classes (none for bytes above 0x7f).
static ASCII_CLASSES: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        let mut c = 0;
        if b.is_ascii_alphabetic() {
            c |= ALPHA;
        }
        if b.is_ascii_digit() {
            c |= DIGIT;
        }
        if b.is_ascii_lowercase() {
            c |= LOWER;
        }
        if b.is_ascii_uppercase() {
            c |= UPPER;
        }
        if b == b'\'' {
            c |= APOSTROPHE;
        }
        if b == b'`' {
            c |= BACKTICK;
        }
        t[i] = c;
        i += 1;
    }
    t
};

/// What the features take from one distinct word form: computed once per form of a
/// document (`Document::tokens`) instead of once per occurrence. Kept small (counts as
/// `u32`, indexes as `u16`): a 10 MB document has a few hundred thousand forms.
#[derive(Debug, Clone, Copy, PartialEq)]
struct WordForm {
    base_hash: u64,
    lex: u64,
    letters: u32,
    non_latin: u32,
    base_chars: u32,
    function: Option<u16>,
    clitic_function: Option<u16>,
    /// The word's skeleton token: the function word, or the word's shape class.
    skeleton: Tok,
    starts_lower: bool,
    contraction: bool,
}

impl WordForm {
    fn new(word: &str) -> Self {
        if word.len() <= 32 && word.is_ascii() {
            Self::short_ascii(word)
        } else {
            Self::general(word)
        }
    }

    fn general(word: &str) -> Self {
        let ascii = word.is_ascii();
        let (mut letters, mut non_latin) = (0usize, 0usize);
        // Most words are short ASCII: lower-cased on the stack, without an allocation.
        let lower: String = if ascii {
            letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
            word.to_ascii_lowercase()
        } else {
            for ch in word.chars().filter(|ch| ch.is_alphabetic()) {
                letters += 1;
                if !is_latin(ch) {
                    non_latin += 1;
                }
            }
            word.chars().flat_map(char::to_lowercase).collect()
        };
        let base_chars = |base: &str| {
            if ascii {
                base.len()
            } else {
                base.chars().count()
            }
        };
        Self::from_base(
            word,
            split_base(&lower),
            word_hash(word),
            letters,
            non_latin,
            base_chars,
            || shape(word),
        )
    }

    /// [`WordForm::new`] for an ASCII word of at most 32 bytes (most words): one pass over
    /// its bytes for the letters, the lower case (on the stack), the lexical hash and the
    /// shape, which are what the general path computes for ASCII text.
    fn short_ascii(word: &str) -> Self {
        let mut buf = [0u8; 32];
        let (mut letters, mut classes) = (0usize, 0u8);
        let mut lex: u64 = 0xcbf2_9ce4_8422_2325;
        // The lower-cased word's hash: the base's when there is no apostrophe, so no clitic.
        let mut lower_hash: u64 = 0xcbf2_9ce4_8422_2325;
        for (slot, &b) in buf.iter_mut().zip(word.as_bytes()) {
            // One table look-up for the byte's classes: the five `is_ascii_*` tests it
            // replaces were most of the instructions of a form's analysis.
            let class = ASCII_CLASSES[usize::from(b)];
            classes |= class;
            letters += usize::from(class & ALPHA);
            // Upper case to lower: set the 0x20 bit (UPPER << 2) of an upper-case letter.
            let l = b | ((class & UPPER) << 2);
            *slot = l;
            lower_hash = (lower_hash ^ u64::from(l)).wrapping_mul(0x0100_0000_01b3);
            let b = if class & BACKTICK != 0 { b'\'' } else { b };
            lex = (lex ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        let (digit, any_lower) = (classes & DIGIT != 0, classes & LOWER != 0);
        let (any_upper, apostrophe) = (classes & UPPER != 0, classes & APOSTROPHE != 0);
        // Most words are lower case already: no second copy to check.
        let lower = if any_upper {
            std::str::from_utf8(buf.get(..word.len()).unwrap_or_default()).unwrap_or_default()
        } else {
            word
        };
        let first_upper = word.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
        let shape = || {
            if digit {
                TOK_NUM
            } else if first_upper {
                if letters > 1 && !any_lower {
                    TOK_UPPER
                } else {
                    TOK_CAP
                }
            } else {
                TOK_LOW
            }
        };
        let base = if apostrophe {
            split_base(lower)
        } else {
            (lower, lower_hash, None)
        };
        Self::from_base(word, base, lex, letters, 0, str::len, shape)
    }

    /// The fields that follow from the base (the lower-cased word without its clitic), its
    /// hash and the clitic ([`split_base`]): function words, hashes, shape.
    fn from_base(
        word: &str,
        (base, base_hash, clitic): (&str, u64, Option<&'static str>),
        lex: u64,
        letters: usize,
        non_latin: usize,
        chars: impl Fn(&str) -> usize,
        shape: impl Fn() -> Tok,
    ) -> Self {
        let function = function_lookup(base, base_hash);
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let index = |k: usize| u16::try_from(k).ok();
        WordForm {
            base_hash,
            lex,
            letters: small(letters),
            non_latin: small(non_latin),
            base_chars: small(chars(base)),
            function: function.and_then(index),
            clitic_function: clitic.and_then(function_index).and_then(index),
            skeleton: match function {
                Some(k) => Tok::try_from(k).unwrap_or(TOK_LOW),
                None => shape(),
            },
            starts_lower: word.chars().next().is_some_and(char::is_lowercase),
            contraction: clitic.is_some_and(|cl| CONTRACTIONS.contains(&cl)),
        }
    }
}

fn sentence_tokens(
    doc: &Document,
    sentence: Span,
    c: &mut Counter,
    toks: &mut Vec<Tok>,
    forms: &mut [Option<FormCount>],
) {
    let range = doc.word_range_after(c.next_word, sentence);
    c.next_word = range.end;
    let words = doc.words.get(range.clone()).unwrap_or(&[]);
    let mut cursor = sentence.start;
    let mut n_words = 0;
    let mut last_punct = None;
    for (i, (&w, index)) in words.iter().zip(range).enumerate() {
        gap_punct(doc, Span::new(cursor, w.start), c, toks, &mut last_punct);
        cursor = w.end;
        // A form's features and its lower-cased form's id are worked out at its first
        // occurrence in the document, not per word, and what it adds to the counts once per
        // form at the end ([`tally`]): here a word only counts as one more occurrence.
        let mut first = || {
            let f = WordForm::new(doc.slice(w));
            let id = c.id_table.id(f.base_hash);
            FormCount {
                f,
                id,
                n: 0,
                initial: 0,
            }
        };
        let mut spare = None;
        let form = match doc.tokens.id(index).and_then(|id| forms.get_mut(id)) {
            Some(slot) => slot.get_or_insert_with(first),
            None => spare.insert(first()),
        };
        form.n += 1;
        form.initial += u32::from(i == 0);
        n_words += 1;
        c.ids.push(form.id);
        c.lex.push(form.f.lex);
        toks.push(form.f.skeleton);
        if let Some(k) = form.f.clitic_function {
            toks.push(k);
        }
        if let Some(form) = spare {
            tally(c, &form);
        }
        last_punct = None;
    }
    gap_punct(
        doc,
        Span::new(cursor, sentence.end),
        c,
        toks,
        &mut last_punct,
    );
    if n_words > 0 {
        c.sentence_lengths.push(n_words);
        if !last_punct.is_some_and(|p| TERMINAL_PUNCT.contains(&p)) {
            c.unterminated += 1;
        }
    }
}

/// A form's analysis, and how often it occurs in the body sentences, and how often first in
/// one.
#[derive(Debug, Clone, Copy)]
struct FormCount {
    f: WordForm,
    /// The dense id of its lower-cased base.
    id: u32,
    n: u32,
    initial: u32,
}

/// Adds a form's occurrences to the counts.
fn tally(c: &mut Counter, form: &FormCount) {
    let (f, n, initial) = (&form.f, form.n as usize, form.initial as usize);
    c.letters += n * f.letters as usize;
    c.non_latin += n * f.non_latin as usize;
    if f.starts_lower {
        c.lower_starts += initial;
    }
    c.words += n;
    c.tokens += n;
    c.word_chars += n * f.base_chars as usize;
    if f.base_chars >= 7 {
        c.long_words += n;
    }
    match f.function.map(usize::from) {
        Some(k) => count_function(c, k, n),
        None => match f.skeleton {
            // Capitalised only where it does not start the sentence.
            TOK_CAP => c.capitalised += n - initial,
            TOK_UPPER => c.upper += n,
            TOK_NUM => c.numbers += n,
            _ => {}
        },
    }
    if let Some(k) = f.clitic_function {
        count_function(c, usize::from(k), n);
        c.tokens += n;
    }
    if f.contraction {
        c.contractions += n;
    }
}

fn count_function(c: &mut Counter, k: usize, n: usize) {
    /// Per function word: is it a cohesive marker, a pronoun, a first-person pronoun.
    static CLASSES: OnceLock<Vec<[bool; 3]>> = OnceLock::new();
    let classes = CLASSES.get_or_init(|| {
        FUNCTION_WORDS
            .iter()
            .map(|w| {
                [
                    COHESIVE.contains(w),
                    PRONOUNS.contains(w),
                    FIRST_PERSON.contains(w),
                ]
            })
            .collect()
    });
    let Some(&[cohesive, pronoun, first_person]) = classes.get(k) else {
        return;
    };
    if let Some(count) = c.fw.get_mut(k) {
        *count = count.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
    }
    c.function_words += n;
    c.cohesive += n * usize::from(cohesive);
    c.pronouns += n * usize::from(pronoun);
    c.first_person += n * usize::from(first_person);
}

/// Counts the punctuation in the gap between two words (or after a sentence's last word).
#[inline]
fn gap_punct(
    doc: &Document,
    gap: Span,
    c: &mut Counter,
    toks: &mut Vec<Tok>,
    last: &mut Option<u8>,
) {
    // Most gaps are one space or none, which count nothing: told here, inlined into the word
    // loop, without the call or the slicing of the rest.
    let one_space = gap.end == gap.start + 1 && doc.text.as_bytes().get(gap.start) == Some(&b' ');
    if gap.end > gap.start && !one_space {
        count_gap_punct(doc, gap, c, toks, last);
    }
}

#[inline(never)]
fn count_gap_punct(
    doc: &Document,
    gap: Span,
    c: &mut Counter,
    toks: &mut Vec<Tok>,
    last: &mut Option<u8>,
) {
    let text = doc.slice(gap);
    // A gap of several spaces counts nothing either.
    if text.bytes().all(|b| b == b' ') {
        return;
    }
    let mut run: Option<u8> = None;
    for ch in text.chars() {
        let class = punct_class(ch);
        // A run of one mark ("...", "--") counts once, like the one character it stands for.
        if class.is_some() && class == run {
            continue;
        }
        run = class;
        let Some(p) = class else { continue };
        c.punct_total += 1;
        c.tokens += 1;
        if let Some(n) = c.punct.get_mut(usize::from(p)) {
            *n += 1;
        }
        let t = TOK_PUNCT + Tok::from(p);
        if toks.last() != Some(&t) {
            toks.push(t);
            c.lex
                .push(tok_hashes().get(usize::from(t)).copied().unwrap_or(0));
        }
        *last = Some(p);
    }
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c)
}

/// Counts the sentence's skeleton 1–3-grams (the sentence's tokens from [`TOK_START`] to
/// [`TOK_END`]), combining the tokens' hashes.
fn add_ngrams(toks: &[Tok], counts: &mut Buckets) {
    let hashes = tok_hashes();
    let hash = |t: Tok| hashes.get(usize::from(t)).copied().unwrap_or(0);
    let mix = |h: u64, t: Tok| mix(h, hash(t));
    for (i, &t) in toks.iter().enumerate() {
        let one = mix(1, t);
        if t != TOK_START && t != TOK_END {
            counts.add(bucket(one, SKELETON_BUCKETS));
        }
        let Some(&t2) = toks.get(i + 1) else { continue };
        let two = mix(one ^ (2 << 60), t2);
        counts.add(bucket(two, SKELETON_BUCKETS));
        if let Some(&t3) = toks.get(i + 2) {
            counts.add(bucket(mix(two ^ (3 << 60), t3), SKELETON_BUCKETS));
        }
    }
}

/// Hash of a word as a lexical token: case kept, apostrophes normalised.
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for ch in word.chars() {
        let ch = if matches!(ch, '’' | '‘' | '`' | '´') {
            '\''
        } else {
            ch
        };
        for &b in ch.encode_utf8(&mut buf).as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Extends an n-gram's hash `h` by one token's hash `t`.
fn mix(h: u64, t: u64) -> u64 {
    let h = (h ^ t).wrapping_mul(0x0100_0000_01b3);
    h ^ (h >> 29)
}

/// Counts a sentence's word 1–2-grams (`lex`: its tokens' hashes).
fn add_word_ngrams(lex: &[u64], counts: &mut Buckets) {
    for (i, &t) in lex.iter().enumerate() {
        let one = mix(1, t);
        counts.add(bucket(one, WORD_BUCKETS));
        if let Some(&t2) = lex.get(i + 1) {
            counts.add(bucket(mix(one ^ (2 << 60), t2), WORD_BUCKETS));
        }
    }
}

fn rate(n: usize, d: usize) -> f64 {
    if d == 0 { 0.0 } else { n as f64 / d as f64 }
}

fn style_vector(c: &mut Counter) -> Vec<f64> {
    let mut v = vec![0.0; style_names().len()];
    let lens = || c.sentence_lengths.iter().map(|&n| n as f64);
    let n_sent = c.sentence_lengths.len().max(1) as f64;
    let mean = lens().sum::<f64>() / n_sent;
    let var = lens().map(|l| (l - mean).powi(2)).sum::<f64>() / n_sent;
    let sd = var.sqrt();
    let max = lens().fold(0.0, f64::max);
    let t = c.tokens.max(1);
    let w = c.words.max(1);
    let (ids, distinct_forms) = (&c.ids, c.id_table.len());
    let base = [
        (c.words as f64).ln_1p(),
        mean,
        sd,
        if mean > 0.0 { sd / mean } else { 0.0 },
        max.ln_1p(),
        rate(
            c.sentence_lengths.iter().filter(|&&n| n < 8).count(),
            c.sentence_lengths.len(),
        ),
        rate(c.word_chars, w),
        rate(c.long_words, w),
        mattr(ids, distinct_forms, 50, &mut c.window),
        hapax_ratio(ids),
        rate(c.function_words, w),
        rate(c.cohesive, w),
        rate(c.pronouns, w),
        rate(c.first_person, w),
        rate(c.contractions, w),
        rate(c.capitalised, w),
        rate(c.upper, w),
        rate(c.numbers, w),
        rate(c.lower_starts, c.sentence_lengths.len()),
        rate(c.unterminated, c.sentence_lengths.len()),
        rate(c.non_latin, c.letters),
        repeated_trigram_rate(ids, &mut c.trigrams),
        rate(c.punct_total, t),
    ];
    v[..base.len()].copy_from_slice(&base);
    for (k, &n) in c.punct.iter().enumerate() {
        v[STYLE_BASE.len() + k] = rate(n as usize, t);
    }
    for (k, &n) in c.fw.iter().enumerate() {
        v[FW_OFFSET + k] = rate(n as usize, t);
    }
    v
}

/// Dense ids for hashed word forms (0, 1, 2… in order of first appearance), given one form
/// at a time: an open-addressing table kept at most half full, sized by the distinct forms
/// (it doubles as they come), so a document of millions of words of a small vocabulary
/// needs a small table.
struct DenseIds {
    slots: Vec<(u64, u32)>,
    mask: usize,
    next: u32,
}

impl DenseIds {
    const EMPTY: u32 = u32::MAX;
    /// A placeholder without slots, never given forms: [`DenseIds::new`] makes a usable one.
    const EMPTY_TABLE: DenseIds = DenseIds {
        slots: Vec::new(),
        mask: 0,
        next: 0,
    };

    fn new() -> Self {
        DenseIds {
            slots: vec![(0, Self::EMPTY); 256],
            mask: 255,
            next: 0,
        }
    }

    /// The first slot to probe for a form: the top bits of a multiplicative hash.
    fn home(form: u64, mask: usize) -> usize {
        ((form ^ (form >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
    }

    fn insert(slots: &mut [(u64, u32)], mask: usize, form: u64, id: u32) -> u32 {
        let mut i = Self::home(form, mask);
        loop {
            match slots.get(i).copied() {
                Some((_, Self::EMPTY)) | None => {
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = (form, id);
                    }
                    return id;
                }
                Some((key, existing)) if key == form => return existing,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The form's id, a new one if the form is new.
    fn id(&mut self, form: u64) -> u32 {
        let id = Self::insert(&mut self.slots, self.mask, form, self.next);
        if id == self.next {
            self.next += 1;
            if self.next as usize * 2 > self.mask {
                self.mask = self.mask * 2 + 1;
                let old = std::mem::replace(&mut self.slots, vec![(0, Self::EMPTY); self.mask + 1]);
                for (key, id) in old.into_iter().filter(|&(_, id)| id != Self::EMPTY) {
                    Self::insert(&mut self.slots, self.mask, key, id);
                }
            }
        }
        id
    }

    /// Forgets every form, for the next document; a table grown past
    /// [`KEPT_CAPACITY`] slots is replaced by a new one.
    fn reset(&mut self) {
        if self.slots.len() > KEPT_CAPACITY {
            *self = DenseIds::new();
        } else {
            self.slots.fill((0, Self::EMPTY));
            self.next = 0;
        }
    }

    /// How many distinct forms have an id.
    fn len(&self) -> usize {
        self.next as usize
    }
}

/// Dense ids of a sequence of hashed forms, and how many there are.
#[cfg(test)]
fn dense_ids(forms: &[u64]) -> (Vec<u32>, usize) {
    let mut table = DenseIds::new();
    let ids = forms.iter().map(|&f| table.id(f)).collect();
    (ids, table.len())
}

/// Moving-average type-token ratio over windows of `window` words (Covington & McFall 2010):
/// unlike the plain ratio, it does not fall with length. `ids` are dense form ids.
/// `count` is a buffer for each form's count in the window.
fn mattr(ids: &[u32], distinct_forms: usize, window: usize, count: &mut Vec<u32>) -> f64 {
    if ids.is_empty() {
        return 0.0;
    }
    let window = window.min(ids.len());
    // How often each form occurs in the window, and how many forms occur at all; both
    // kept up to date as one word leaves and one enters.
    count.clear();
    count.resize(distinct_forms, 0);
    let mut distinct = 0usize;
    for &id in &ids[..window] {
        distinct += usize::from(count[id as usize] == 0);
        count[id as usize] += 1;
    }
    let mut total = distinct as f64;
    let mut windows = 1.0;
    for i in window..ids.len() {
        let out = ids[i - window] as usize;
        count[out] -= 1;
        distinct -= usize::from(count[out] == 0);
        let x = ids[i] as usize;
        distinct += usize::from(count[x] == 0);
        count[x] += 1;
        total += distinct as f64;
        windows += 1.0;
    }
    total / windows / window as f64
}

/// Words seen once, over distinct words, in the first 200 words (fixed length, so documents
/// of different lengths compare). `ids` are dense form ids in order of first appearance, so
/// the first 200 words' ids are below 200.
fn hapax_ratio(ids: &[u32]) -> f64 {
    let head = &ids[..ids.len().min(200)];
    let mut count = [0u8; 200];
    let mut types = 0;
    for &id in head {
        if let Some(n) = count.get_mut(id as usize) {
            types += usize::from(*n == 0);
            *n = n.saturating_add(1);
        }
    }
    rate(count.iter().filter(|&&n| n == 1).count(), types)
}

/// Share of word trigrams that occur more than once: machine translation repeats itself.
/// `slots` is a buffer for [`repeated_keys`].
fn repeated_trigram_rate(ids: &[u32], slots: &mut Vec<u64>) -> f64 {
    if ids.len() < 3 {
        return 0.0;
    }
    // Three ids in one integer below 2^63 when they fit (under 2^21 - 1 distinct forms: any
    // document shorter than two million words), counted in a hash table: sorting them cost
    // about a tenth of the features.
    let n = ids.len() - 2;
    let repeated = if ids.iter().all(|&id| id < (1 << 21) - 1) {
        repeated_keys(
            ids.windows(3)
                .map(|w| (u64::from(w[0]) << 42) | (u64::from(w[1]) << 21) | u64::from(w[2])),
            n,
            slots,
        )
    } else {
        repeated(ids.windows(3).map(|w| [w[0], w[1], w[2]]).collect())
    };
    rate(repeated, n)
}

/// [`repeated`] for `n` keys below 2^63 - 1: an open-addressing set at most half full (in
/// `slots`), where a key seen again is marked with the top bit. Its second occurrence adds 2
/// (both), each later one 1.
fn repeated_keys(keys: impl Iterator<Item = u64>, n: usize, slots: &mut Vec<u64>) -> usize {
    const EMPTY: u64 = u64::MAX;
    const SEEN_AGAIN: u64 = 1 << 63;
    let size = (n * 2).next_power_of_two().max(16);
    let mask = size - 1;
    slots.clear();
    slots.resize(size, EMPTY);
    let mut repeated = 0;
    for key in keys {
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask;
        while let Some(slot) = slots.get_mut(i) {
            if *slot == EMPTY {
                *slot = key;
                break;
            }
            if *slot & !SEEN_AGAIN == key {
                repeated += if *slot == key { 2 } else { 1 };
                *slot = key | SEEN_AGAIN;
                break;
            }
            i = (i + 1) & mask;
        }
    }
    repeated
}

/// How many of the items occur more than once, counting every occurrence.
fn repeated<T: Ord>(mut items: Vec<T>) -> usize {
    items.sort_unstable();
    items
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() > 1)
        .map(<[_]>::len)
        .sum()
}

/// Artifact features: findings by family, code and (family, source language) per 1,000
/// words (log1p), and the share of blocks that are page furniture.
fn artifacts(
    doc: &Document,
    findings: &[Finding],
    words: usize,
) -> (BTreeMap<String, f64>, BTreeMap<String, usize>) {
    // Counted by kind first (a document has many findings of few kinds), then written out
    // once per kind: a key written per finding showed in profiles.
    fn bump<K: PartialEq>(counts: &mut Vec<(K, usize)>, key: K) {
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    let (mut families, mut codes, mut languages) = (Vec::new(), Vec::new(), Vec::new());
    for f in findings {
        bump(&mut families, f.family.name());
        bump(&mut codes, f.code);
        if let Some(lang) = f.source_language {
            bump(&mut languages, (f.family.name(), lang));
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for (family, n) in families {
        counts.insert(format!("fam:{family}"), n);
    }
    for (code, n) in codes {
        counts.insert(format!("code:{code}"), n);
    }
    for ((family, lang), n) in languages {
        counts.insert(format!("famlang:{family}:{lang}"), n);
    }
    let per_k = 1000.0 / words.max(100) as f64;
    let mut out: BTreeMap<String, f64> = counts
        .iter()
        .map(|(k, &n)| (k.clone(), (n as f64 * per_k).ln_1p()))
        .collect();
    let furniture = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Furniture)
        .count();
    out.insert(
        "furniture_block_rate".into(),
        rate(furniture, doc.blocks.len()),
    );
    (out, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mt::augment::Rng;
    use crate::rules::Family;

    fn finding(code: &'static str, family: Family, lang: Option<&'static str>) -> Finding {
        Finding {
            source_language: lang,
            ..Finding::example(code, family, "x")
        }
    }

    #[test]
    fn function_words_are_sorted_and_unique() {
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
        for list in [COHESIVE, PRONOUNS, FIRST_PERSON, CONTRACTIONS] {
            assert!(list.iter().all(|w| FUNCTION_WORDS.contains(w)), "{list:?}");
        }
    }

    #[test]
    fn clitics_split_off() {
        assert_eq!(split_clitic("don't"), ("do", Some("n't")));
        assert_eq!(split_clitic("it’s"), ("it", Some("'s")));
        assert_eq!(split_clitic("we're"), ("we", Some("'re")));
        assert_eq!(split_clitic("o'brien"), ("o'brien", None));
        assert_eq!(split_clitic("plain"), ("plain", None));
    }

    #[test]
    fn style_rates_count_what_they_say() {
        let doc = Document::from_text("We don't know. However, they said it was fine; it is.");
        let f = extract(&doc, &[]);
        let v = |n: &str| f.style_value(n).expect("known feature");
        assert_eq!(f.words, 11);
        assert_eq!(v("sentence_length_mean"), 5.5);
        assert!((v("contraction_rate") - 1.0 / 11.0).abs() < 1e-12);
        assert!((v("cohesive_marker_rate") - 1.0 / 11.0).abs() < 1e-12);
        assert!(v("punct:semicolon") > 0.0);
        assert!(v("fw:n't") > 0.0 && v("fw:however") > 0.0);
        assert_eq!(v("lower_case_sentence_start_rate"), 0.0);
        assert_eq!(v("unterminated_sentence_rate"), 0.0);
    }

    #[test]
    fn quote_characters_do_not_change_style_or_skeleton() {
        let straight = Document::from_text("He said \"no\" and 'yes' -- it's over.");
        let curly = Document::from_text("He said “no” and ‘yes’ – it’s over.");
        let (a, b) = (extract(&straight, &[]), extract(&curly, &[]));
        assert_eq!(a.style, b.style);
        assert_eq!(a.skeleton(), b.skeleton());
    }

    #[test]
    fn skeletons_generalise_over_content_words() {
        let a = extract(
            &Document::from_text("The minister met the envoy in Geneva."),
            &[],
        );
        let b = extract(
            &Document::from_text("The farmer fed the horse in Texas."),
            &[],
        );
        assert_eq!(a.skeleton(), b.skeleton());
        let c = extract(
            &Document::from_text("The farmer has fed a horse in Texas."),
            &[],
        );
        assert_ne!(a.skeleton(), c.skeleton());
        let norm: f64 = a.skeleton().iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-9);
        assert!(a.skeleton().iter().all(|(k, _)| *k < SKELETON_BUCKETS));
        // The skeletons' character n-grams, likewise.
        let chars = a.shape_chars();
        assert_eq!(chars, b.shape_chars());
        assert_ne!(chars, c.shape_chars());
        let norm: f64 = chars.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-9);
        assert!(chars.iter().all(|(k, _)| *k < SHAPE_CHAR_BUCKETS));
        assert!(chars.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn artifacts_are_generic_over_families_codes_and_languages() {
        let text = "word ".repeat(200);
        let doc = Document::from_text(&text);
        let findings = [
            finding("CH001", Family::Chrome, Some("fr")),
            finding("CH001", Family::Chrome, Some("fr")),
            finding("ZZ999", Family::Quotes, None),
        ];
        let f = extract(&doc, &findings);
        assert_eq!(f.artifact_counts["famlang:chrome:fr"], 2);
        assert_eq!(f.artifact_counts["code:ZZ999"], 1);
        // 2 per 200 words = 10 per 1,000 words.
        assert!((f.artifacts["fam:chrome"] - 10f64.ln_1p()).abs() < 1e-12);
        assert!(f.artifacts.contains_key("fam:quotes"));
    }

    /// The moving type-token ratio of hashed forms.
    fn mattr_of(forms: &[u64], window: usize) -> f64 {
        let (ids, n) = dense_ids(forms);
        mattr(&ids, n, window, &mut Vec::new())
    }

    #[test]
    fn features_do_not_depend_on_the_document_before() {
        // The counter's buffers are kept from one document to the next on a thread: a
        // document's features must be what a fresh thread computes for it.
        let long = "The ministers met again on Tuesday, and they said nothing new. ".repeat(6_000);
        let doc = Document::from_text(
            "Ce n'est pas fini. The talks in Geneva were long; \"very long\", one said. 42 left.",
        );
        let fresh = std::thread::spawn({
            let text = doc.text.clone();
            move || extract(&Document::from_text(&text), &[])
        })
        .join()
        .ok();
        for before in [long.as_str(), "", "One two three."] {
            extract(&Document::from_text(before), &[]);
            assert_eq!(Some(extract(&doc, &[])), fresh, "after {:.20}", before);
        }
    }

    #[test]
    fn lexical_measures() {
        let h = |t: &str| -> Vec<u64> { t.split(' ').map(|w| fnv1a(w.as_bytes())).collect() };
        let forms = h("a b a c");
        assert_eq!(hapax_ratio(&dense_ids(&forms).0), 2.0 / 3.0);
        assert_eq!(mattr_of(&forms, 50), 0.75);
        // Sliding windows of 2: {a}, {a, b}, {b} → 4 distinct over 3 windows of 2.
        assert!((mattr_of(&h("a a b b"), 2) - 4.0 / 6.0).abs() < 1e-12);
        assert_eq!(
            repeated_trigram_rate(&dense_ids(&h("x y z x y z")).0, &mut Vec::new()),
            0.5
        );
        assert_eq!(mattr_of(&[], 50), 0.0);
        assert_eq!(extract(&Document::from_text(""), &[]).words, 0);
    }

    #[test]
    fn repeated_keys_counts_as_sorting_does() {
        let mut rng = Rng::new(7);
        for len in [0, 1, 2, 5, 40, 300, 2000] {
            for alphabet in [1, 3, 20, 1000] {
                let keys: Vec<u64> = (0..len).map(|_| rng.below(alphabet) as u64 * 977).collect();
                assert_eq!(
                    repeated_keys(keys.iter().copied(), keys.len(), &mut Vec::new()),
                    repeated(keys.clone()),
                    "{len} keys of {alphabet}"
                );
            }
        }
    }

    #[test]
    fn bucket_counts_are_exact_in_first_count_order_and_the_table_empties() {
        let mut rng = Rng::new(11);
        let mut counts = Buckets::new();
        // Past the table's first size (it grows), then a short document after a long one.
        for (len, alphabet) in [
            (20_000, WORD_BUCKETS as usize),
            (50, 7),
            (9_000, 3_000),
            (3, 2),
        ] {
            let keys: Vec<u32> = (0..len).map(|_| rng.below(alphabet) as u32).collect();
            let mut expected: Vec<(u32, u32)> = Vec::new();
            let mut at = std::collections::HashMap::new();
            for &k in &keys {
                let i = *at.entry(k).or_insert_with(|| {
                    expected.push((k, 0));
                    expected.len() - 1
                });
                expected[i].1 += 1;
                counts.add(k);
            }
            let expected: Vec<(u32, f64)> = expected
                .into_iter()
                .map(|(b, n)| (b, sublinear(n)))
                .collect();
            assert_eq!(
                counts.drain_sublinear(false),
                expected,
                "{len} of {alphabet}"
            );
            assert!(counts.touched.is_empty() && counts.slots.iter().all(|&s| s == (0, 0)));
        }
        counts.add(5);
        counts.add(2);
        counts.add(5);
        assert_eq!(
            counts.drain_sublinear(true),
            vec![(2, sublinear(1)), (5, sublinear(2))]
        );
    }

    #[test]
    fn function_word_table_finds_every_function_word_and_nothing_else() {
        for (k, w) in FUNCTION_WORDS.iter().enumerate() {
            assert_eq!(function_index(w), Some(k), "{w}");
        }
        for w in ["", "minister", "The", "thee", "an'", "ministers", "ü"] {
            assert_eq!(function_index(w), None, "{w}");
        }
    }

    #[test]
    fn sliding_type_token_ratio_matches_counting_every_window() {
        let naive = |forms: &[u64], window: usize| -> f64 {
            let windows: Vec<usize> = forms
                .windows(window)
                .map(|w| {
                    let mut v = w.to_vec();
                    v.sort_unstable();
                    v.dedup();
                    v.len()
                })
                .collect();
            windows.iter().sum::<usize>() as f64 / windows.len() as f64 / window as f64
        };
        // A pseudo-random text over a small vocabulary, so windows repeat forms often.
        let mut rng = Rng::new(7);
        let forms: Vec<u64> = (0..400).map(|_| rng.below(23) as u64).collect();
        for window in [2, 5, 50] {
            assert!((mattr_of(&forms, window) - naive(&forms, window)).abs() < 1e-12);
        }
    }

    #[test]
    fn dense_ids_are_equal_exactly_when_forms_are() {
        // Forms that differ only in high bits, and zero, land on the same first slots.
        let forms: Vec<u64> = [0, 1 << 40, 0, 1 << 41, 1 << 40, 7, 0, 1 << 63]
            .into_iter()
            .cycle()
            .take(40)
            .collect();
        let (ids, n) = dense_ids(&forms);
        assert_eq!(n, 5);
        assert_eq!(&ids[..8], &[0, 1, 0, 2, 1, 3, 0, 4]);
        for (i, a) in forms.iter().enumerate() {
            for (j, b) in forms.iter().enumerate() {
                assert_eq!(a == b, ids[i] == ids[j]);
            }
        }
        assert_eq!(dense_ids(&[]), (vec![], 0));
        // Thousands of distinct forms (the table grows several times): numbered in order
        // of first appearance, as a map would number them.
        let mut rng = Rng::new(11);
        let forms: Vec<u64> = (0..20_000)
            .map(|_| rng.below(3_000) as u64 * 0x1_0000_0001)
            .collect();
        let mut seen = std::collections::HashMap::new();
        let expected: Vec<u32> = forms
            .iter()
            .map(|f| {
                let n = u32::try_from(seen.len()).expect("small");
                *seen.entry(*f).or_insert(n)
            })
            .collect();
        assert_eq!(dense_ids(&forms), (expected, seen.len()));
    }

    #[test]
    fn the_short_ascii_path_computes_what_the_general_one_does() {
        let mut words: Vec<String> = [
            "",
            "a",
            "A",
            "I",
            "The",
            "the",
            "THE",
            "U.S.",
            "don't",
            "Don't",
            "it's",
            "O'Brien",
            "`quoted",
            "we're",
            "3rd",
            "COVID-19",
            "e-mail",
            "NATO",
            "X",
            "can't",
            "isn't",
            "Ukraine's",
            "they'll",
            "McDonald",
            "iPhone",
            "'s",
            "n't",
            "ABC's",
        ]
        .iter()
        .map(|w| (*w).to_owned())
        .collect();
        let mut rng = Rng::new(5);
        let alphabet = b"aAbZz09'`.-_eEtT";
        for _ in 0..2_000 {
            let len = rng.below(12) + 1;
            let w: String = (0..len)
                .map(|_| char::from(alphabet[rng.below(alphabet.len())]))
                .collect();
            words.push(w);
        }
        // Every ASCII byte, alone and inside a word.
        for b in 0u8..128 {
            let c = char::from(b);
            words.push(c.to_string());
            words.push(format!("Ab{c}z"));
        }
        for w in &words {
            assert_eq!(WordForm::short_ascii(w), WordForm::general(w), "{w:?}");
        }
    }

    #[test]
    fn spec_hash_is_stable_hex() {
        let h = spec_hash();
        assert_eq!(h.len(), 16);
        assert_eq!(h, spec_hash());
        assert!(spec_text().contains("fw:the"));
    }
}
