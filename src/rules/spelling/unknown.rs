//! The words the spelling rules report: lower-case words the dictionary lacks once every
//! benign reason has been ruled out (names, markup, compounds, inflections, foreign text),
//! each with its suggestions. SP001 takes the ones with a close suggestion, SP002 the rest.

use std::collections::{HashMap, HashSet};

use strsim::osa_distance;

use super::dictionary::{self, Counted, Lexicon, Share, is_lowercase_word};
use super::{enclosing, quoted_spans};
use crate::document::{Document, Span};
use crate::glossary::matcher::fold;
use crate::rules::Context;

/// A lower-case word the dictionary lacks and nothing explains.
#[derive(Debug, Clone)]
pub struct UnknownWord<'a> {
    pub span: Span,
    pub word: &'a str,
    /// The word occurs more than once in the document (in any case). Writers repeat terms
    /// ("glyphosate", "hormesis"), rarely the same typo.
    pub repeated: bool,
    /// This is the word's first occurrence in the document.
    pub first: bool,
    /// Dictionary suggestions, best first (see [`Lexicon::suggest`]); computed only for
    /// words that may be typos (used once, at least [`TYPO_MIN_CHARS`] long).
    pub suggestions: Vec<String>,
}

impl UnknownWord<'_> {
    /// The best suggestion if it is one word at most one edit (OSA distance, ignoring case,
    /// so a swap of neighbours is one edit) from the word: "goverment" → "government",
    /// "recieved" → "received", "european" → "European". Most typos are one edit from their
    /// word; at two edits rare words start to match ("melatonin" → "melanin").
    pub fn close_suggestion(&self) -> Option<&str> {
        self.suggestions
            .first()
            .filter(|s| !s.contains([' ', '-']) && osa_distance(&s.to_lowercase(), self.word) <= 1)
            .map(String::as_str)
    }

    /// The fix if this is a typo (SP001's words): used once in the document, at least
    /// [`TYPO_MIN_CHARS`] long, with a close suggestion. The rest are SP002's.
    pub fn typo_fix(&self) -> Option<&str> {
        if self.repeated || self.word.chars().count() < TYPO_MIN_CHARS {
            return None;
        }
        self.close_suggestion()
    }
}

/// Shorter words are not taken for typos: one edit from a short word is usually another short
/// word, so short loanwords and abbreviations match by chance ("skyr" → "sky", "dpa" → "pa");
/// the typos found by hand in English news and its human translations were all longer
/// ("occured", "goverment's", "interseciton").
pub const TYPO_MIN_CHARS: usize = 7;

/// Longer words are not taken for typos either: English words this long are rare, a run of
/// letters this long is noise or markup, and Hunspell's suggestion search grows with the
/// word (0.6 s for one 300-letter word, found by fuzzing).
pub const TYPO_MAX_CHARS: usize = 30;

/// Prefixes that make words with or without a hyphen ("reinjected", "co-operation"), and
/// the combining forms of learned compounds ("nanoparticle", "neuroscience").
const PREFIXES: &[&str] = &[
    "aero", "agro", "anti", "astro", "audio", "auto", "bi", "bio", "co", "counter", "cross",
    "cyber", "de", "e", "eco", "electro", "ex", "geo", "hydro", "hyper", "inter", "intra", "macro",
    "mega", "micro", "mid", "mini", "mono", "multi", "nano", "neo", "neuro", "non", "over", "pan",
    "petro", "photo", "poly", "post", "pre", "pro", "pseudo", "psycho", "quasi", "radio", "re",
    "self", "semi", "sub", "super", "tele", "thermo", "trans", "tri", "ultra", "un", "under",
    "vice", "video", "x",
];

/// Endings of possessives and contractions ("minister’s", "couldn’t"), checked on the stem.
const CLITICS: &[&str] = &[
    "'s", "’s", "n't", "n’t", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d",
];

const HYPHENS: [char; 3] = ['-', '‐', '‑'];

/// Lower-case particles of names ("Ursula von der Leyen", "Mohammed bin Salman").
const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el",
    "ibn", "la", "le", "ten", "ter", "van", "von", "zu",
];

/// The longest run of text without a space that [`in_markup`] looks at.
const MAX_CHUNK: usize = 200;

/// URL schemes, which word segmentation splits from the rest of the address.
const SCHEMES: &[&str] = &["ftp", "http", "https", "mailto", "www"];

/// Suggestions cost ~0.3 ms a word (far more for very long ones), so only the words that may
/// be typos get them: used once in the document, and of a typo's length.
fn may_be_typo(word: &str, repeated: bool) -> bool {
    !repeated && (TYPO_MIN_CHARS..=TYPO_MAX_CHARS).contains(&word.chars().count())
}

/// Every unexplained unknown word, in text order.
pub fn unknown_words<'a>(cx: &Context<'a>) -> Vec<UnknownWord<'a>> {
    let Some(en) = dictionary::english() else {
        return Vec::new();
    };
    let doc = cx.doc;
    let known = cx.known_words();
    let mut scope = Scope::default();
    let mut found: Vec<(Span, &str)> = Vec::new();
    for (i, &span) in doc.words.iter().enumerate() {
        let word = doc.slice(span);
        if known.get(i).copied().unwrap_or(true)
            || word.chars().count() < 3
            || !is_lowercase_word(word)
            || formed_from_known(en, word)
            || in_markup(doc, span)
            || in_compound_or_name(en, doc, span)
            || scope.foreign_at(doc, cx.counted_words(), span)
            || in_glossary(cx, word)
        {
            continue;
        }
        found.push((span, word));
    }
    if found.is_empty() {
        return Vec::new();
    }
    let counts = occurrences(doc, found.iter().map(|&(_, w)| w));
    let mut seen: HashSet<&str> = HashSet::new();
    found
        .into_iter()
        .map(|(span, word)| {
            let first = seen.insert(word);
            let repeated = counts.get(word).copied().unwrap_or(0) > 1;
            let suggestions = if may_be_typo(word, repeated) {
                en.suggest(word)
            } else {
                Vec::new()
            };
            UnknownWord {
                span,
                word,
                repeated,
                first,
                suggestions,
            }
        })
        .collect()
}

/// A known word with accents ("détente": the dictionary is accent-free), a possessive,
/// contraction or plural of a known word ("ministry’s", "heathers"), or a closed compound of
/// two known words or a prefix and a word ("backcountry", "reinjected"). A misspelling
/// rarely splits into two real words; a missing space between two words ("thetalks") does,
/// and is let pass with the compounds.
fn formed_from_known(en: &Lexicon, word: &str) -> bool {
    // A pure function of the word against the one shipped lexicon, and ~2 dictionary
    // lookups per letter: remembered per thread, like `dictionary::known_words`.
    FORMED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(&formed) = cache.get(word) {
            return formed;
        }
        let formed = formed_from_known_uncached(en, word);
        if cache.len() >= FORMED_LIMIT {
            cache.clear();
        }
        cache.insert(word.to_owned(), formed);
        formed
    })
}

/// Words per thread whose [`formed_from_known`] verdict is remembered; the bound keeps
/// memory flat on a corpus.
const FORMED_LIMIT: usize = 50_000;

thread_local! {
    static FORMED: std::cell::RefCell<foldhash::HashMap<String, bool>> =
        std::cell::RefCell::new(foldhash::HashMap::default());
}

fn formed_from_known_uncached(en: &Lexicon, word: &str) -> bool {
    if !word.is_ascii() && en.knows(&fold(word)) {
        return true;
    }
    let stems = CLITICS
        .iter()
        .filter_map(|c| word.strip_suffix(c))
        .chain(word.strip_suffix('s'))
        .chain(word.strip_suffix("es"));
    for stem in stems {
        if stem.chars().count() >= 3 && en.knows(stem) {
            return true;
        }
    }
    word.char_indices().skip(1).any(|(i, _)| {
        let (head, tail) = word.split_at(i);
        let head_ok =
            PREFIXES.binary_search(&head).is_ok() || (head.chars().count() >= 3 && en.knows(head));
        head_ok && tail.chars().count() >= 3 && en.knows(tail)
    })
}

/// Part of a URL, e-mail address, @handle, #hashtag, path or file name: the run of non-space
/// text around the word says so.
fn in_markup(doc: &Document, span: Span) -> bool {
    let text = &doc.text;
    // A run of more than MAX_CHUNK bytes without a space is markup of some kind anyway; the
    // bound keeps a 100 MB document without spaces linear.
    let before = text[..span.start]
        .char_indices()
        .rev()
        .take_while(|&(i, _)| span.start - i <= MAX_CHUNK)
        .find(|(_, c)| c.is_whitespace());
    let after = text[span.end..]
        .char_indices()
        .take_while(|&(i, _)| i <= MAX_CHUNK)
        .find(|(_, c)| c.is_whitespace());
    let (Some(start), Some(end)) = (
        before
            .map(|(i, c)| i + c.len_utf8())
            .or((span.start <= MAX_CHUNK).then_some(0)),
        after
            .map(|(i, _)| span.end + i)
            .or((text.len() - span.end <= MAX_CHUNK).then_some(text.len())),
    ) else {
        return true;
    };
    let chunk = &text[start..end];
    SCHEMES.contains(&doc.slice(span))
        || chunk.contains("://")
        || chunk.contains("www.")
        || chunk.contains(['@', '#', '/', '\\', '_', '=', '&', '<', '>', '|', '~'])
        || chunk
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .contains(|c: char| c == '.' || c.is_ascii_digit())
}

/// A part of a hyphenated compound that the dictionary knows whole, whose other parts are
/// names, or which is a prefix or an "-ed" adjective from a known singular noun
/// ("full-throated", not "well-organsed"); or a word right before a name, which is a name
/// particle ("von der Leyen", "bin Salman") more often than a typo.
fn in_compound_or_name(en: &Lexicon, doc: &Document, span: Span) -> bool {
    let text = &doc.text;
    let word = doc.slice(span);
    let hyphen_before = text[..span.start].ends_with(HYPHENS);
    let hyphen_after = text[span.end..].starts_with(HYPHENS);
    if hyphen_before || hyphen_after {
        let compound = compound_around(text, span);
        let prefix = hyphen_after && PREFIXES.binary_search(&word).is_ok();
        let named = compound
            .split(HYPHENS)
            .any(|p| p.chars().next().is_some_and(char::is_uppercase));
        let adjective = word
            .strip_suffix("ed")
            .into_iter()
            .chain(word.strip_suffix('d'))
            .any(|stem| stem.chars().count() >= 3 && !stem.ends_with('s') && en.knows(stem));
        // "post-mortem": the dictionary knows the compound closed up ("postmortem").
        let closed = || en.knows(&compound.split(HYPHENS).collect::<String>());
        if prefix || named || adjective || en.knows(compound) || closed() {
            return true;
        }
    }
    let rest = &text[span.end..];
    let gap = rest.len()
        - rest
            .trim_start_matches(' ')
            .trim_start_matches(HYPHENS)
            .len();
    let next = &rest[gap..];
    (1..=2).contains(&gap)
        && (next.chars().next().is_some_and(char::is_uppercase)
            || (PARTICLES.binary_search(&word).is_ok()
                && PARTICLES
                    .iter()
                    .any(|p| next.starts_with(p) && next[p.len()..].starts_with([' ', '-']))))
}

/// The hyphen-joined run of letters around a word: "ex-minister", "state-of-the-art".
fn compound_around(text: &str, span: Span) -> &str {
    let part = |c: char| c.is_alphanumeric() || HYPHENS.contains(&c) || c == '\'' || c == '’';
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take(MAX_CHUNK)
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = text[span.end..]
        .char_indices()
        .take(MAX_CHUNK)
        .take_while(|&(_, c)| part(c))
        .last()
        .map_or(span.end, |(i, c)| span.end + i + c.len_utf8());
    text[start..end].trim_matches(|c: char| !c.is_alphanumeric())
}

/// A word of a glossary entry: user glossaries may list lower-case terms ("siloviki").
fn in_glossary(cx: &Context, word: &str) -> bool {
    let Some(names) = cx.names() else {
        return false;
    };
    let folded = fold(word);
    if let Some(words) = cx.glossary_words() {
        return words.contains(&folded);
    }
    names.terms().iter().any(|t| {
        std::iter::once(&t.canonical)
            .chain(&t.variants)
            .flat_map(|s| s.split([' ', '-']))
            .any(|p| p.eq_ignore_ascii_case(&folded) || (!p.is_ascii() && fold(p) == folded))
    })
}

/// The block and sentence of the last word looked at, with what was worked out about them:
/// words come in text order, so each block and sentence is measured once, however many
/// unknown words it holds (a 100 MB document may be one block).
#[derive(Default)]
struct Scope {
    block: Option<(Span, bool, Vec<Span>)>,
    sentence: Option<(Span, bool)>,
}

impl Scope {
    /// Inside a block or sentence that is mostly not English (UT001 reports those), or
    /// inside a quotation that is short (a quoted term) or largely unknown to the dictionary.
    fn foreign_at(&mut self, doc: &Document, counted: &[Counted], span: Span) -> bool {
        let inside = |s: Span| s.start <= span.start && span.end <= s.end;
        if !self.block.as_ref().is_some_and(|(b, ..)| inside(*b)) {
            self.block = doc.block_at(span.start).map(|b| {
                let foreign = Share::of(doc, counted, b.span).looks_foreign();
                (b.span, foreign, quoted_spans(doc, b.span))
            });
        }
        let Some((_, block_foreign, quotes)) = &self.block else {
            return false;
        };
        if !self.sentence.is_some_and(|(s, _)| inside(s)) {
            let i = doc.sentences.partition_point(|s| s.end <= span.start);
            self.sentence = doc
                .sentences
                .get(i)
                .filter(|s| inside(**s))
                .map(|&s| (s, Share::of(doc, counted, s).looks_foreign()));
        }
        *block_foreign
            || self.sentence.is_some_and(|(_, foreign)| foreign)
            || enclosing(quotes, span).is_some_and(|q| {
                let share = Share::of(doc, counted, q);
                doc.words_in(q).len() <= 3 || share.unknown() * 3 >= share.counted
            })
    }
}

/// How often each of `words` (lower case) occurs in the document, in any case: one pass over
/// the document's words, whatever the number of unknown words.
fn occurrences<'w>(
    doc: &Document,
    words: impl Iterator<Item = &'w str>,
) -> HashMap<&'w str, usize> {
    let mut counts: HashMap<&str, usize> = words.map(|w| (w, 0)).collect();
    let longest = counts.keys().map(|w| w.len()).max().unwrap_or(0);
    // Each distinct form of the document is lower-cased once, with its number of words.
    let forms = doc.tokens.forms();
    let mut per_form = vec![0usize; forms.len()];
    for &id in doc.tokens.ids() {
        if let Some(n) = per_form.get_mut(id as usize) {
            *n += 1;
        }
    }
    let mut lower = String::new();
    for (form, k) in forms.iter().zip(per_form) {
        let other = doc.slice(form.first);
        if other.len() > longest {
            continue;
        }
        lower.clear();
        if other.is_ascii() {
            // The same as below, without Unicode case tables.
            lower.push_str(other);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(other.chars().flat_map(char::to_lowercase));
        }
        if let Some(n) = counts.get_mut(lower.as_str()) {
            *n += k;
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::shipped;

    fn unknown(text: &str) -> Vec<(String, bool, Option<String>)> {
        let doc = Document::from_text(text);
        let cx = Context::new(&doc, Some(shipped()));
        unknown_words(&cx)
            .iter()
            .map(|u| {
                let close = u.close_suggestion().map(str::to_owned);
                (u.word.to_owned(), u.repeated, close)
            })
            .collect()
    }

    #[test]
    fn typos_have_close_suggestions_and_rare_words_do_not() {
        assert_eq!(
            unknown("The goverment said so."),
            [("goverment".into(), false, Some("government".into()))]
        );
        let rare = unknown("Traces of glyphosate were found.");
        assert_eq!(rare.len(), 1);
        assert_eq!(rare[0].2, None);
    }

    #[test]
    fn only_words_of_a_typos_length_used_once_get_suggestions() {
        assert!(may_be_typo("goverment", false));
        assert!(
            !may_be_typo("goverment", true),
            "repeated words are terms, not typos"
        );
        assert!(
            !may_be_typo("teh", false),
            "short words are left to the dictionary"
        );
        // A 300-letter run took Hunspell 0.6 s to search (found by fuzzing).
        assert!(!may_be_typo(&"ab".repeat(150), false));
        assert!(!may_be_typo(&"x".repeat(TYPO_MAX_CHARS + 1), false));
        assert!(may_be_typo(&"x".repeat(TYPO_MAX_CHARS), false));
    }

    #[test]
    fn repeated_words_are_marked() {
        let found = unknown("Glyphosate is a herbicide; glyphosate residues remain.");
        assert_eq!(found.len(), 1);
        assert!(found[0].1);
    }

    #[test]
    fn compounds_inflections_names_and_markup_are_explained() {
        for text in [
            "They went backcountry skiing with grandkids after the reinjected dose.",
            "The heathers and the fintechs were unfussily full-throated.",
            "Ryabkov and Sherman met in Geneva; NATO and the OSCE were briefed.",
            "Details are at https://example.org/briefing-notes and www.kremlin.ru today.",
            "Write to press@ministry.example or follow @diplomatnews and #genevatalks now.",
            "The ex-minister spoke about the pre-summit and anti-missile plans.",
            "The post-mortem and the e-mail were about the co-operation.",
            "A neurorehabilitation ward tested nanofiltration and agrowaste biofuels.",
            "Hewn stone stadia, glutamate, ribosomes and telemedicine for pathologies.",
            "Ursula von der Leyen met Mohammed bin Salman and Bashar al-Assad.",
            "The détente, her fiancé said, was de facto over; see https: //example.org.",
            "The ministry’s view was that they couldn’t wait for the colour of the organisation.",
            "The 5G rollout and 3rd-quarter figures were late.",
            "The chancellor spoke of a “zeitenwende” in policy.",
            "Protesters chanted «on ne lâche rien, jamais» outside the embassy.",
            "The banner read: die Regierung muss sofort zurücktreten und neu wählen lassen.",
        ] {
            assert!(unknown(text).is_empty(), "{text}: {:?}", unknown(text));
        }
    }

    #[test]
    fn a_combining_form_does_not_excuse_a_misspelt_word() {
        let found = unknown("The nanotechnolgy and biologcal labs were closed.");
        let words: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
        assert_eq!(words, ["nanotechnolgy", "biologcal"]);
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "a\u{a0}goverment\u{2009}recieved\u{3000}x",
            "‐‐goverment‐‐ —recieved— “unclosed ‘quote",
            "e\u{301}goverment\u{301} 👍🏽goverment 𝔤𝔬𝔳𝔢𝔯𝔪𝔢𝔫𝔱",
            "שלום goverment مرحبا",
            "",
        ] {
            let _ = unknown(text);
        }
    }

    #[test]
    fn the_engines_glossary_word_set_agrees_with_the_scan() {
        let words = crate::rules::GlossaryWords::new(shipped());
        let doc = Document::from_text("x");
        let scan = Context::new(&doc, Some(shipped()));
        let set = Context::new(&doc, Some(shipped())).with_glossary_words(&words);
        let mut probes: Vec<String> = ["kyiv", "kiev", "ryabkov", "the", "zelensky", "lukashenko"]
            .map(str::to_owned)
            .to_vec();
        for t in shipped().terms().iter().take(200) {
            for p in t.canonical.split([' ', '-']) {
                probes.push(p.to_lowercase());
            }
        }
        for w in &probes {
            assert_eq!(in_glossary(&scan, w), in_glossary(&set, w), "{w}");
        }
        assert!(in_glossary(&set, "kyiv"));
        assert!(!in_glossary(&set, "the"));
    }

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(PREFIXES.windows(2).all(|w| w[0] < w[1]));
        assert!(PARTICLES.windows(2).all(|w| w[0] < w[1]));
    }
}
