//! Finding glossary names in a document: every canonical form, listed variant and person's
//! surname is indexed by its first word, folded (case and diacritics); at each word start of
//! a folded view of the text the longest name starting there is taken, with word boundaries
//! checked and spans mapped back to the original bytes. A name starts at a word, so one hash
//! lookup per word does what scanning every byte with an automaton did, and loading a large
//! glossary builds no automaton.

// foldhash, not SipHash: `find` looks up every word start of every document here.
use foldhash::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::russian_form::{RussianForm, RussianForms};
use super::scheme::{Scheme, Schemes};
use super::{Kind, Term, skeleton, translit};
use crate::document::{MappedText, Span};

/// Whether a match is the house form or something to replace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    Canonical,
    Variant,
}

#[derive(Debug, Clone)]
struct Pattern {
    term: usize,
    form: Form,
    /// The house form for exactly this span: the full canonical name, or the canonical
    /// surname where the match is a surname.
    replacement: String,
    /// For a house-form pattern: the house form lower-cased in NFC, which a match with a
    /// letter outside ASCII must equal to count as the house form (see [`NameMatcher::find`]).
    exact: Option<String>,
}

/// One name found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMatch {
    pub span: Span,
    /// Index into [`NameMatcher::terms`].
    pub term: usize,
    pub form: Form,
    pub replacement: String,
    /// The variant stands inside one of the term's `keep` phrases.
    pub kept: bool,
}

/// A single-word spelling of a term, indexed by its transliteration skeleton.
#[derive(Debug, Clone)]
pub struct Anchor {
    pub term: usize,
    /// The spelling, folded for the key (see `skeleton::fold_key`).
    pub spelling: String,
    /// The normalised spelling (see `skeleton::normalize`).
    pub normalized: String,
    /// Its length in characters: a word of another length is at least
    /// `skeleton::MIN_LENGTH_EDIT` away, which `probable_variant` never allows.
    pub len: usize,
    /// The scheme whose romanisation of the term's `cyrillic` this spelling is; `None` for
    /// the house form and listed variants.
    pub scheme: Option<Scheme>,
    /// Every scheme whose first reading of the term's `cyrillic` this spelling is (several
    /// write "Riabkov"); empty for the house form, listed variants and second readings.
    pub schemes: Schemes,
    /// A listed spelling read another way (Belarusian "u" as "v"), not one the glossary or a
    /// scheme writes: it loses ties to those.
    pub reread: bool,
}

pub struct NameMatcher {
    /// Tells this matcher from others built in the same process, for per-thread memos of
    /// what a word matched (`probable_variant`).
    id: u64,
    terms: Vec<Term>,
    /// Single-word canonical forms, surnames and variants by skeleton, for unlisted variants.
    anchors: HashMap<String, Vec<Anchor>>,
    patterns: Vec<Pattern>,
    /// Each pattern's folded key.
    keys: Vec<String>,
    /// Patterns by the first word of their key (up to the first character that is not
    /// alphanumeric; empty for a key that starts with one), longest key first.
    by_first_word: HashMap<String, Vec<usize>>,
    /// The [`FirstWords`] of `by_first_word`'s keys: most words of a text start no key.
    first_words: FirstWords,
    /// Folded `keep` phrases per term.
    keep: Vec<Vec<String>>,
    /// The Russian forms of places whose house form is Ukrainian.
    russian: RussianForms,
    /// Persons' given names by skeleton (see [`GivenName`]).
    given: HashMap<String, Vec<GivenName>>,
    /// The day (YYYY-MM-DD) on which dated policies are judged (see [`NameMatcher::as_of`]);
    /// `None`: every dated policy is in force.
    today: Option<String>,
}

/// The given name a listed person's canonical form puts directly before the surname.
#[derive(Debug, Clone)]
pub struct GivenName {
    pub term: usize,
    /// As the canonical form writes it ("Dmitry").
    pub name: String,
    /// Its normalised spelling (`skeleton::normalize`).
    pub normalized: String,
    /// The person's surname, folded for the key.
    pub surname: String,
}

impl std::fmt::Debug for NameMatcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "NameMatcher({} terms, {} patterns)",
            self.terms.len(),
            self.patterns.len()
        )
    }
}

/// Lower case without diacritics: "Selenskyj" and "Sélenskyj" fold alike.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        fold_ascii_into(s, out);
        return;
    }
    for c in s
        .nfd()
        .filter(|c| !is_combining_mark(*c) && !is_invisible(*c))
    {
        out.extend(c.to_lowercase());
    }
}

/// Characters that change nothing a reader sees inside a word (defined with the document's
/// words, which a zero-width space does not split).
pub use crate::document::segment::is_invisible;

/// The word without its invisible characters ([`is_invisible`]), borrowed when it has none.
/// A word of a Markdown document may hold a reference to one (`Ki&shy;ev`: the document's
/// words are joined across them, `Document::hidden`); it goes too. Nothing else puts a `&`
/// inside a word (it is a word break), so every `&…;` in one is such a reference.
pub fn visible(word: &str) -> std::borrow::Cow<'_, str> {
    let reference = word.contains('&');
    if !reference && (word.is_ascii() || !word.contains(is_invisible)) {
        return std::borrow::Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    while let Some(amp) = rest.find('&') {
        out.extend(rest[..amp].chars().filter(|c| !is_invisible(*c)));
        rest = &rest[amp..];
        rest = match rest.find(';') {
            Some(semi) => &rest[semi + 1..],
            None => "",
        };
    }
    out.extend(rest.chars().filter(|c| !is_invisible(*c)));
    std::borrow::Cow::Owned(out)
}

/// [`fold_into`] of ASCII text: lower case, one byte for each byte.
fn fold_ascii_into(s: &str, out: &mut String) {
    let start = out.len();
    out.push_str(s);
    if let Some(added) = out.get_mut(start..) {
        added.make_ascii_lowercase();
    }
}

/// A set of words that may have false positives, never false negatives: one bit per
/// length (modulo 32), first byte and last byte (their low five bits), 4 KB in all. Asking
/// it costs a few instructions where a hash lookup of the word costs dozens.
#[derive(Debug, Clone)]
struct FirstWords {
    bits: Vec<u64>,
}

impl FirstWords {
    fn new<'a>(words: impl Iterator<Item = &'a String>) -> Self {
        let mut bits = vec![0u64; (1 << 15) / 64];
        for w in words {
            let i = Self::bit(w.as_bytes());
            if let Some(b) = bits.get_mut(i / 64) {
                *b |= 1 << (i % 64);
            }
        }
        FirstWords { bits }
    }

    fn bit(word: &[u8]) -> usize {
        let (first, last) = (word.first().copied(), word.last().copied());
        let low = |b: Option<u8>| usize::from(b.unwrap_or(0) & 31);
        ((word.len() & 31) << 10) | (low(first) << 5) | low(last)
    }

    /// False only if no word of the set is `word`.
    fn may_contain(&self, word: &str) -> bool {
        let i = Self::bit(word.as_bytes());
        self.bits
            .get(i / 64)
            .is_some_and(|b| b & (1 << (i % 64)) != 0)
    }
}

/// The text up to its first character that is not alphanumeric.
fn first_word(s: &str) -> &str {
    // `find` would decode every character; ASCII letters and digits (most of a folded text)
    // are tested byte by byte, and only a word with other letters goes on character by
    // character from its first byte outside ASCII.
    let ascii = s
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(s.len());
    if s.as_bytes().get(ascii).is_none_or(u8::is_ascii) {
        return s.get(..ascii).unwrap_or(s);
    }
    let end = s
        .get(ascii..)
        .unwrap_or("")
        .find(|c: char| !c.is_alphanumeric())
        .map_or(s.len(), |e| ascii + e);
    s.get(..end).unwrap_or(s)
}

/// A listed spelling without a possessive "'s" ("Zelensky's" listed as a variant): the
/// matcher finds possessives on the name itself and leaves the "'s" outside the match, so the
/// fix keeps it ("ZELENSKY's" → "ZELENSKYY's"). `glossary check` warns about such variants.
pub fn without_possessive(v: &str) -> &str {
    v.strip_suffix("'s")
        .or_else(|| v.strip_suffix("’s"))
        .filter(|stem| !stem.is_empty())
        .unwrap_or(v)
}

/// Lower case in NFC, marks kept: what tells "Zhúkov" from the house form "Zhukov".
fn exact(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // A soft hyphen in the house form ("Ky\u{ad}iv") leaves it the house form.
    s.nfc()
        .filter(|c| !is_invisible(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded view of a document's text, mapped back to original offsets.
pub fn folded_view(text: &str) -> MappedText {
    if text.is_ascii() {
        return MappedText::identity(text.to_ascii_lowercase());
    }
    MappedText::map_clusters_ascii_runs(text, fold_ascii_into, fold_into)
}

/// [`folded_view`] of a Markdown document with references to invisible characters in its
/// prose (`Document::hidden`): they are left out as the characters are, so `Ki&shy;ev` is
/// found as "Kiev" and its span covers the reference.
pub fn folded_view_hiding(text: &str, hidden: &[Span]) -> MappedText {
    if hidden.is_empty() {
        return folded_view(text);
    }
    MappedText::map_clusters_ascii_runs_hiding(text, hidden, fold_ascii_into, fold_into)
}

/// The single-word spellings by which NM003 recognises each term, by skeleton. A term's
/// anchors point to one house form: a person's surname or a one-word canonical form (other
/// terms, and house forms under four letters, get none). Its spellings are the house form,
/// its one-word listed variants, and the romanisations of its `cyrillic` (the surname, the
/// last word, for a person; a one-word name otherwise) in every scheme, in both readings
/// where the letters could be Russian or Ukrainian.
fn anchors(terms: &[Term]) -> HashMap<String, Vec<Anchor>> {
    let mut anchors: HashMap<String, Vec<Anchor>> = HashMap::default();
    for (i, t) in terms.iter().enumerate() {
        let target = t.surname().unwrap_or(&t.canonical);
        if t.kind == Kind::Term || target.contains(' ') || target.chars().count() < 4 {
            continue;
        }
        let listed = std::iter::once(target)
            .chain(t.variants.iter().map(|v| without_possessive(v)))
            .filter(|v| !v.contains(' '))
            .map(|v| (v.to_owned(), None, false));
        let cyrillic = t.cyrillic.as_deref().and_then(|c| match t.kind {
            Kind::Person => c.rsplit(' ').next(),
            _ => Some(c).filter(|c| !c.contains(' ')),
        });
        // (spelling, scheme, whether it is the scheme's first reading of the name).
        let generated = cyrillic.into_iter().flat_map(|c| {
            Scheme::ALL.into_iter().flat_map(move |s| {
                translit::romanisations(c, s)
                    .into_iter()
                    .enumerate()
                    .map(move |(k, r)| (r, Some(s), k == 0))
            })
        });
        // A house form or listed variant with Belarusian "u" for ў ("Harbunou") is also read
        // with "v", as Russian-style spellings of the name write it ("Harbunow").
        let listed: Vec<(String, Option<Scheme>, bool)> = listed.collect();
        let belarusian: Vec<(String, Option<Scheme>, bool)> = listed
            .iter()
            .filter_map(|(v, _, _)| {
                skeleton::reread(&skeleton::fold_key(v), skeleton::Reading::BelarusianU)
                    .map(|r| (r, None, false))
            })
            .collect();
        let rereads = belarusian.len();
        let listed_len = listed.len();
        for (k, (spelling, scheme, first_reading)) in listed
            .into_iter()
            .chain(belarusian)
            .chain(generated)
            .enumerate()
        {
            let reread = (listed_len..listed_len + rereads).contains(&k);
            let spelling = skeleton::fold_key(&spelling);
            let normalized = skeleton::normalize(&spelling);
            let entry = anchors.entry(skeleton::skeleton(&normalized)).or_default();
            // A spelling several schemes write is one anchor that knows them all (each as it
            // reads the name first: the Ukrainian reading of a Russian name is no press's).
            let writer = scheme.filter(|_| first_reading);
            if let Some(same) = entry
                .iter_mut()
                .find(|a| a.term == i && a.spelling == spelling)
            {
                if let Some(s) = writer {
                    same.schemes.insert(s);
                }
            } else {
                let mut schemes = Schemes::empty();
                if let Some(s) = writer {
                    schemes.insert(s);
                }
                entry.push(Anchor {
                    term: i,
                    len: normalized.chars().count(),
                    spelling,
                    normalized,
                    scheme,
                    schemes,
                    reread,
                });
            }
        }
    }
    anchors
}

impl NameMatcher {
    pub fn new(terms: Vec<Term>) -> Self {
        let mut patterns: Vec<Pattern> = Vec::new();
        let mut keys: Vec<String> = Vec::new();
        let mut by_first_word: HashMap<String, Vec<usize>> = HashMap::default();
        // The first pattern of a key wins; the bucket of its first word tells whether the
        // key is taken.
        let mut add = |key: &str, p: &dyn Fn() -> Pattern| {
            let key = fold(key);
            if key.is_empty() {
                return;
            }
            let bucket = match by_first_word.get_mut(first_word(&key)) {
                Some(bucket) => bucket,
                None => by_first_word
                    .entry(first_word(&key).to_owned())
                    .or_default(),
            };
            if bucket.iter().any(|&k| keys.get(k) == Some(&key)) {
                return;
            }
            bucket.push(patterns.len());
            keys.push(key);
            patterns.push(p());
        };
        // A spelling claimed by two glossaries is the later one's (the user's over the
        // shipped ones, the last `--glossary` over earlier ones): its terms are indexed
        // first. Within one glossary the term written first keeps it (`glossary check`
        // reports such a clash).
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by_key(|&i| terms.get(i).map(|t| std::cmp::Reverse(t.rank)));
        for (i, t) in order.into_iter().filter_map(|i| Some((i, terms.get(i)?))) {
            let pattern = |form, replacement: &str| Pattern {
                term: i,
                form,
                replacement: replacement.to_owned(),
                exact: (form == Form::Canonical).then(|| exact(replacement)),
            };
            add(&t.canonical, &|| pattern(Form::Canonical, &t.canonical));
            let surname = t.surname();
            if let Some(s) = surname {
                add(s, &|| pattern(Form::Canonical, s));
            }
            for v in t.variants.iter().map(|v| without_possessive(v)) {
                let single_word = !v.contains(' ');
                let replacement = match surname {
                    Some(s) if single_word => s,
                    _ => &t.canonical,
                };
                add(v, &|| pattern(Form::Variant, replacement));
                if let (Some(s), Some(last)) =
                    (surname, v.rsplit(' ').next().filter(|_| !single_word))
                {
                    add(last, &|| pattern(Form::Variant, s));
                }
            }
        }
        for bucket in by_first_word.values_mut() {
            bucket.sort_by_key(|&i| std::cmp::Reverse(keys[i].len()));
        }
        let keep = terms
            .iter()
            .map(|t| t.keep.iter().map(|k| fold(k)).collect())
            .collect();
        let anchors = anchors(&terms);
        let russian = RussianForms::new(&terms);
        let mut given: HashMap<String, Vec<GivenName>> = HashMap::default();
        for (i, t) in terms.iter().enumerate() {
            let Some(surname) = t.surname() else { continue };
            let Some(name) = t.canonical.rsplit(' ').nth(1) else {
                continue;
            };
            let normalized = skeleton::normalize(&skeleton::fold_key(name));
            given
                .entry(skeleton::skeleton(&normalized))
                .or_default()
                .push(GivenName {
                    term: i,
                    name: name.to_owned(),
                    normalized,
                    surname: skeleton::fold_key(surname),
                });
        }
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        NameMatcher {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            terms,
            anchors,
            patterns,
            keys,
            first_words: FirstWords::new(by_first_word.keys()),
            by_first_word,
            keep,
            russian,
            given,
            today: None,
        }
    }

    /// The matcher judging dated policies on `today` (YYYY-MM-DD): a term whose `since` is
    /// later is a policy announced but not yet in force.
    pub fn as_of(mut self, today: String) -> Self {
        self.today = Some(today);
        self
    }

    /// Whether `term` has a dated policy (`since`) in force: its day has come. Dates are
    /// validated YYYY-MM-DD at load, so they compare as strings.
    pub fn policy_in_force(&self, term: &Term) -> bool {
        term.since
            .as_deref()
            .is_some_and(|since| self.today.as_deref().is_none_or(|today| since <= today))
    }

    /// The anchors sharing a skeleton with `normalized`.
    pub fn anchors(&self, normalized: &str) -> &[Anchor] {
        self.anchors
            .get(&skeleton::skeleton(normalized))
            .map_or(&[], Vec::as_slice)
    }

    /// The house form for a word that matches one of the term's anchors: a person's
    /// surname, or the canonical form.
    pub fn anchor_house_form(&self, term: usize) -> Option<&str> {
        let t = self.terms.get(term)?;
        Some(t.surname().unwrap_or(&t.canonical))
    }

    /// An id no other matcher of this process has.
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    pub fn term(&self, i: usize) -> Option<&Term> {
        self.terms.get(i)
    }

    /// Every glossary name in `text`, in order. A match must start with a capital letter in
    /// the original (names are capitalised; "kiev" in a URL slug is not a name), stand
    /// between word boundaries and not be part of an address or file name
    /// (`document::in_address`); possessives ("Riabkov's") match on the name.
    pub fn find(&self, text: &str, folded: &MappedText) -> Vec<NameMatch> {
        if self.patterns.is_empty() {
            return Vec::new();
        }
        let hay = &folded.text;
        let bytes = hay.as_bytes();
        // Whether a key starts with a character that is not alphanumeric (its first word is
        // empty): only then can a name start at such a character.
        let empty_first_word = self.by_first_word.contains_key("");
        let mut out = Vec::new();
        // The end of the last name found: matches do not overlap.
        let mut at = 0;
        // Whether the character before the position is alphanumeric (a name starts only
        // where it is not).
        let mut in_word = false;
        let mut next = 0;
        while next < bytes.len() {
            // The word at `start` (empty at a character that is not alphanumeric) is passed
            // over whole: no position inside it follows a character that is not alphanumeric.
            let start = next;
            let rest = hay.get(start..).unwrap_or("");
            // A space or an ASCII punctuation mark (every other unit of a text) is told by
            // its byte, without looking for a word there.
            let word = match bytes.get(start) {
                Some(b) if b.is_ascii() && !b.is_ascii_alphanumeric() => "",
                _ => first_word(rest),
            };
            let alphanumeric = !word.is_empty();
            next += if alphanumeric {
                word.len()
            } else {
                rest.chars().next().map_or(1, char::len_utf8)
            };
            let word_start = !in_word;
            in_word = alphanumeric;
            if start < at || !word_start || !(alphanumeric || empty_first_word) {
                continue;
            }
            // The longest name starting here; one that ends inside a word ("Valeriy
            // Zaluzhny" in "Valeriy Zaluzhnyi") is no match, and a shorter one inside it is
            // found from its own start. A name that is a prefix of the text here either
            // shares its first word or ends inside that word, so only that word's names
            // need trying: any other would end inside a word and be no match.
            if !word.is_empty() && !self.first_words.may_contain(word) {
                continue;
            }
            let Some(candidates) = self.by_first_word.get(word) else {
                continue;
            };
            let Some(pattern) = candidates.iter().copied().find(|&i| {
                self.keys
                    .get(i)
                    .is_some_and(|k| rest.starts_with(k.as_str()))
            }) else {
                continue;
            };
            let end = start + self.keys.get(pattern).map_or(0, String::len);
            if hay[end..].chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            at = end;
            let span = Span::new(folded.to_original(start), folded.to_original_end(end));
            let capitalised = text
                .get(span.start..span.end)
                .and_then(|s| s.chars().next())
                .is_some_and(char::is_uppercase);
            let Some(p) = self.patterns.get(pattern) else {
                continue;
            };
            // "Kiev" in `kiev.example.com/Kiev/news`, `press@Kiev.gov.ua` or `Kiev_report.pdf`
            // is part of an address or file name, which a fix would break.
            if !capitalised || crate::document::in_address(text, span) {
                continue;
            }
            // Names are looked up in folded text, so "Zhúkov" (or a decomposed "Zhu\u{301}kov")
            // reaches the pattern of the house form "Zhukov": a house form differs from its
            // match only in case, and a mark the house form lacks (or lacks where it has one)
            // makes a variant, whether or not the glossary lists that accented spelling.
            let form = match (&p.exact, text.get(span.start..span.end)) {
                (Some(exact_form), Some(found))
                    if p.form == Form::Canonical
                        && !(found.is_ascii() && exact_form.is_ascii())
                        && exact(&visible(found)) != *exact_form =>
                {
                    Form::Variant
                }
                _ => p.form,
            };
            let kept = form == Form::Variant && self.kept(p.term, hay, start, end);
            out.push(NameMatch {
                span,
                term: p.term,
                form,
                replacement: p.replacement.clone(),
                kept,
            });
        }
        out
    }

    /// The listed persons' given names that share a skeleton with `normalized`.
    pub fn given_names(&self, normalized: &str) -> &[GivenName] {
        self.given
            .get(&skeleton::skeleton(normalized))
            .map_or(&[], Vec::as_slice)
    }

    /// The Ukrainian place `word` is the Russian form of ("Chernigov" for "Chernihiv"), if any.
    pub fn russian_form(&self, word: &str) -> Option<RussianForm<'_>> {
        self.russian.find(word)
    }

    /// Whether the word at `span` of `text` stands inside one of the term's keep phrases,
    /// compared folded: a term keeps a form everywhere by listing the form itself.
    pub fn kept_in(&self, term: usize, text: &str, span: Span) -> bool {
        let Some(word) = text.get(span.start..span.end).map(fold) else {
            return false;
        };
        let floor = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let ceil = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        self.keep.get(term).into_iter().flatten().any(|phrase| {
            let reach = phrase.len() * 4;
            let left = fold(&text[floor(span.start.saturating_sub(reach))..span.start]);
            let right = fold(&text[span.end..ceil((span.end + reach).min(text.len()))]);
            phrase.match_indices(word.as_str()).any(|(offset, _)| {
                left.ends_with(&phrase[..offset])
                    && right.starts_with(&phrase[offset + word.len()..])
            })
        })
    }

    /// Whether the folded match at `start..end` lies inside one of the term's keep phrases.
    fn kept(&self, term: usize, hay: &str, start: usize, end: usize) -> bool {
        let matched = &hay[start..end];
        self.keep.get(term).into_iter().flatten().any(|phrase| {
            phrase.match_indices(matched).any(|(offset, _)| {
                start >= offset
                    && hay.get(start - offset..start - offset + phrase.len())
                        == Some(phrase.as_str())
            })
        })
    }

    /// Whether a term is a person (surname matching applies).
    pub fn is_person(&self, term: usize) -> bool {
        self.terms.get(term).is_some_and(|t| t.kind == Kind::Person)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    #[test]
    fn the_first_word_filter_has_every_first_word_of_the_shipped_glossaries() {
        let names = crate::rules::test_util::shipped();
        assert!(names.by_first_word.len() > 100);
        for word in names.by_first_word.keys() {
            assert!(names.first_words.may_contain(word), "{word:?}");
        }
        // And it does keep most other words out.
        let text = "the minister said on monday that talks with officials would go on";
        let passed = text
            .split(' ')
            .filter(|w| names.first_words.may_contain(w))
            .count();
        assert!(passed < 6, "{passed}");
    }

    fn matcher() -> NameMatcher {
        let g = Glossary::parse(
            r#"[glossary]
name = "t"
language = "en"
[[term]]
canonical = "Sergei Ryabkov"
kind = "person"
variants = ["Sergey Ryabkov", "Riabkov", "Sergueï Riabkov", "Rjabkow"]
[[term]]
canonical = "Kyiv"
kind = "place"
variants = ["Kiev", "Kiew"]
since = "2019-08-14"
keep = ["chicken Kiev", "Kievan Rus"]
[[term]]
canonical = "Ryabkovsky"
kind = "place"
"#,
            "t.toml",
        )
        .expect("valid");
        NameMatcher::new(g.terms)
    }

    fn found(text: &str) -> Vec<(String, Form, String, bool)> {
        let m = matcher();
        m.find(text, &folded_view(text))
            .into_iter()
            .map(|n| {
                (
                    text[n.span.start..n.span.end].to_owned(),
                    n.form,
                    n.replacement,
                    n.kept,
                )
            })
            .collect()
    }

    #[test]
    fn first_word_stops_at_the_first_character_that_is_not_alphanumeric() {
        let by_chars = |s: &str| {
            s.find(|c: char| !c.is_alphanumeric())
                .map_or(s.len(), |e| e)
        };
        for s in [
            "",
            " ",
            "kyiv",
            "kyiv's mayor",
            "zhukov-",
            "2024 ",
            "-x",
            "selenskyj",
            "łukaszenka ",
            "müller's",
            "abcé",
            "ab\u{301}c d",
            "ab—cd",
            "киев ",
            "北京 x",
            "x\u{200b}y",
            "naïve",
        ] {
            assert_eq!(first_word(s), &s[..by_chars(s)], "{s:?}");
        }
    }

    #[test]
    fn finds_canonical_variants_and_surnames() {
        let got =
            found("Sergei Ryabkov met envoys; Riabkov's aide and RJABKOW left Kiev for Kyiv.");
        let short: Vec<(&str, Form, &str)> = got
            .iter()
            .map(|(t, f, r, _)| (t.as_str(), *f, r.as_str()))
            .collect();
        assert_eq!(
            short,
            [
                ("Sergei Ryabkov", Form::Canonical, "Sergei Ryabkov"),
                ("Riabkov", Form::Variant, "Ryabkov"),
                ("RJABKOW", Form::Variant, "Ryabkov"),
                ("Kiev", Form::Variant, "Kyiv"),
                ("Kyiv", Form::Canonical, "Kyiv"),
            ]
        );
    }

    #[test]
    fn full_name_variants_and_diacritics() {
        let got = found("Sergueï Riabkov said. Serguei Riabkov too.");
        assert_eq!(got[0].0, "Sergueï Riabkov");
        assert_eq!(got[0].2, "Sergei Ryabkov");
        assert_eq!(got[1].0, "Serguei Riabkov", "diacritics folded");
    }

    #[test]
    fn word_boundaries_case_and_keep_contexts() {
        assert!(found("Kievan Rus and Kiel and kiev.example.com and Kievs").is_empty());
        let got = found("He ordered chicken Kiev in Kiev.");
        assert_eq!(got.iter().map(|g| g.3).collect::<Vec<_>>(), [true, false]);
        assert_eq!(found("a Kiev-based firm")[0].0, "Kiev");
        // Inside an address, a handle or a file name a name is not prose (newcomer's trial).
        assert!(
            found(
                "Visit https://www.kiev.example.com/Kiev/news or mail press@Kiev.gov.ua; \
                 Kiev_report.pdf, @Kiev and Riabkov.docx."
            )
            .is_empty()
        );
        // Two names joined by a slash, or prose that lost a space, are prose.
        assert_eq!(found("Kiev/Riabkov. Kiev.The end.").len(), 3);
        let got = found("In Kiev. Riabkov's aide, (Kiev) and \"Riabkov\".");
        assert_eq!(got.len(), 4, "{got:?}");
    }

    #[test]
    fn a_longer_name_ending_inside_a_word_does_not_hide_a_shorter_one() {
        // "Sergey Ryabkov" is listed but here runs on into "Ryabkovsky", another term: the
        // search resumes inside the rejected match and finds it.
        let got = found("Sergey Ryabkovsky spoke.");
        let texts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(texts, ["Ryabkovsky"], "{got:?}");
    }

    #[test]
    fn a_possessive_listed_as_a_variant_matches_as_the_name_does() {
        // Newcomer's trial: with "Zelensky's" listed, "ZELENSKY's" matched whole and the fix
        // dropped the "'s" and the capitals.
        let g = Glossary::parse(
            "[glossary]\nname = \"t\"\nlanguage = \"en\"\n[[term]]\n\
             canonical = \"Volodymyr Zelenskyy\"\nkind = \"person\"\n\
             variants = [\"Zelensky\", \"Zelensky's\", \"Zelenskiy’s\", \"Zelenskyy's\"]\n",
            "t.toml",
        )
        .expect("valid");
        let m = NameMatcher::new(g.terms);
        let text = "ZELENSKY's office, Zelensky's aides, Zelenskiy’s staff and Zelenskyy's.";
        let got: Vec<(&str, Form, String)> = m
            .find(text, &folded_view(text))
            .into_iter()
            .map(|n| (&text[n.span.start..n.span.end], n.form, n.replacement))
            .collect();
        assert_eq!(
            got,
            [
                ("ZELENSKY", Form::Variant, "Zelenskyy".to_owned()),
                ("Zelensky", Form::Variant, "Zelenskyy".to_owned()),
                ("Zelenskiy", Form::Variant, "Zelenskyy".to_owned()),
                ("Zelenskyy", Form::Canonical, "Zelenskyy".to_owned()),
            ]
        );
    }

    #[test]
    fn invisible_characters_inside_a_name_do_not_hide_it() {
        // New-user trial: a soft hyphen, zero-width space or joiner inside a name hid it
        // from every name rule. The span covers the whole word, invisible characters and
        // all, so the fix replaces it whole.
        let text = "In Ki\u{ad}ev, Ki\u{200b}ev, Ki\u{200d}ev and Ki\u{200c}ev, Rjab\u{ad}kow said; \
                    Ky\u{ad}iv stays.";
        let got = found(text);
        let short: Vec<(&str, Form, &str)> = got
            .iter()
            .map(|(t, f, r, _)| (t.as_str(), *f, r.as_str()))
            .collect();
        assert_eq!(
            short,
            [
                ("Ki\u{ad}ev", Form::Variant, "Kyiv"),
                ("Ki\u{200b}ev", Form::Variant, "Kyiv"),
                ("Ki\u{200d}ev", Form::Variant, "Kyiv"),
                ("Ki\u{200c}ev", Form::Variant, "Kyiv"),
                ("Rjab\u{ad}kow", Form::Variant, "Ryabkov"),
                ("Ky\u{ad}iv", Form::Canonical, "Kyiv"),
            ]
        );
        // Not across a space or into the next word.
        assert!(found("Ki\u{ad} ev and Ki\u{200b}evan").is_empty());
        assert_eq!(visible("Ki\u{ad}ev"), "Kiev");
        assert!(matches!(visible("Kiev"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn markdown_references_to_invisible_characters_do_not_hide_a_name() {
        // Newcomer's trial: `Ki&shy;ev` in a Markdown article was no name.
        let text = "In Ki&shy;ev, Rjab&#173;kow said; Ky&#xAD;iv stays, Ki&amp;ev is no name.";
        let hidden: Vec<Span> = ["&shy;", "&#173;", "&#xAD;"]
            .iter()
            .filter_map(|r| text.find(r).map(|at| Span::new(at, at + r.len())))
            .collect();
        let m = matcher();
        let got: Vec<(&str, Form, String)> = m
            .find(text, &folded_view_hiding(text, &hidden))
            .into_iter()
            .map(|n| (&text[n.span.start..n.span.end], n.form, n.replacement))
            .collect();
        assert_eq!(
            got,
            [
                ("Ki&shy;ev", Form::Variant, "Kyiv".to_owned()),
                ("Rjab&#173;kow", Form::Variant, "Ryabkov".to_owned()),
                ("Ky&#xAD;iv", Form::Canonical, "Kyiv".to_owned()),
            ]
        );
        // Without the references known (plain text), the letters are read as written.
        assert!(found("In Ki&shy;ev.").is_empty());
        assert_eq!(visible("Ki&shy;ev"), "Kiev");
        assert_eq!(visible("Rjab&#173;\u{200b}kow's"), "Rjabkow's");
    }

    #[test]
    fn fold_removes_case_and_marks() {
        assert_eq!(fold("Sélenskyj"), "selenskyj");
        let text = "Zürich and Kiev";
        let view = folded_view(text);
        assert_eq!(view.text, "zurich and kiev");
        let s = view.text.find("kiev").expect("found");
        assert_eq!(
            &text[view.to_original(s)..view.to_original_end(s + 4)],
            "Kiev"
        );
    }

    #[test]
    fn the_folded_view_by_ascii_runs_is_the_view_cluster_by_cluster() {
        let mut seed = 0x5851_f42d_4c95_7f2d;
        let mut texts: Vec<String> = (0..3000u64)
            .map(|i| {
                let every = [0, 2, 6, 25][(i % 4) as usize];
                crate::document::segment::random_text(&mut seed, (i % 90) as usize, every)
            })
            .collect();
        texts.push("Zürich\r\nand KIEV, Sélenskyj\r\n\u{301}İ".to_owned());
        for text in &texts {
            let fast = folded_view(text);
            // All-ASCII text takes the identity view in both (and a CR LF is not one cluster
            // there); the rest is folded cluster by cluster.
            let general = if text.is_ascii() {
                MappedText::identity(text.to_ascii_lowercase())
            } else {
                MappedText::map_clusters(text, fold_into)
            };
            assert_eq!(fast.text, general.text, "{text:?}");
            for offset in 0..=fast.text.len() {
                assert_eq!(
                    fast.to_original(offset),
                    general.to_original(offset),
                    "{text:?} {offset}"
                );
                assert_eq!(
                    fast.to_original_end(offset),
                    general.to_original_end(offset)
                );
            }
        }
    }

    #[test]
    fn accented_spellings_of_a_house_form_are_variants_with_the_exact_house_form() {
        let g = Glossary::parse(
            "[glossary]\nname = \"t\"\nlanguage = \"en\"\n[[term]]\ncanonical = \"Georgy Zhukov\"\n\
             kind = \"person\"\nvariants = [\"Zhúkov\", \"Schukow\"]\n[[term]]\n\
             canonical = \"Khmelnytskyi\"\nkind = \"place\"\nvariants = [\"Khmelnýtskyi\"]\n\
             [[term]]\ncanonical = \"Zürich\"\nkind = \"place\"\n",
            "t.toml",
        )
        .expect("valid");
        let m = NameMatcher::new(g.terms);
        let found = |text: &str| -> Vec<(String, Form, String)> {
            m.find(text, &folded_view(text))
                .into_iter()
                .map(|n| {
                    (
                        text[n.span.start..n.span.end].to_owned(),
                        n.form,
                        n.replacement,
                    )
                })
                .collect()
        };
        let v = |t: &str, r: &str| (t.to_owned(), Form::Variant, r.to_owned());
        let c = |t: &str, r: &str| (t.to_owned(), Form::Canonical, r.to_owned());
        // Listed with its accent, in NFC and NFD, and an accent the glossary does not list.
        assert_eq!(
            found("Zhúkov, Zhu\u{301}kov, Zhukóv and Khmelnýtskyi."),
            [
                v("Zhúkov", "Zhukov"),
                v("Zhu\u{301}kov", "Zhukov"),
                v("Zhukóv", "Zhukov"),
                v("Khmelnýtskyi", "Khmelnytskyi"),
            ]
        );
        // The house form in any case, and a house form that has a mark of its own, in NFD too.
        assert_eq!(
            found("Zhukov, ZHUKOV, Georgy Zhukov, Khmelnytskyi, Zürich, Zu\u{308}rich."),
            [
                c("Zhukov", "Zhukov"),
                c("ZHUKOV", "Zhukov"),
                c("Georgy Zhukov", "Georgy Zhukov"),
                c("Khmelnytskyi", "Khmelnytskyi"),
                c("Zürich", "Zürich"),
                c("Zu\u{308}rich", "Zürich"),
            ]
        );
        assert_eq!(found("Zurich")[0], v("Zurich", "Zürich"));
    }
}
