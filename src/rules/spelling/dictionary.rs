//! The English dictionary that `spelling` (SP) and `untranslated` (UT) share: Hunspell en_US,
//! the en_GB-only entries and calq's own additions (all under `dictionaries/en/`), embedded in
//! the binary, parsed once per process with `spellbook` (in two copies, with and without the
//! ordinal compound rules: see `Lexicon::for_word`), plus a process-wide cache of
//! suggestions. Which words are worth checking is each rule's business, not this module's.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use spellbook::Dictionary;

use crate::document::{Document, Span};

/// SCOWL size-60 en_US from the npm package `dictionary-en` 4.0.0 (see dictionaries/en/README.md).
const AFF: &str = include_str!("../../../dictionaries/en/index.aff");
const EN_US: &str = include_str!("../../../dictionaries/en/index.dic");
/// Entries of en_GB-ise (`dictionary-en-gb` 3.0.0) missing from en_US: the two share one
/// affix file, so British spellings ("organise", "defence") load as extra `.dic` lines.
const EN_GB_EXTRA: &str = include_str!("../../../dictionaries/en/en_GB-extra.dic");
/// News vocabulary SCOWL 60 lacks ("lockdown", "cyberattack"), in `.dic` syntax.
const CALQ_EXTRA: &str = include_str!("../../../dictionaries/en/calq-extra.dic");

/// At most this many words keep their suggestions: a bound on memory over a 1 GB corpus.
const CACHE_LIMIT: usize = 50_000;

pub struct Lexicon {
    /// The whole dictionary: for words with an ASCII digit ("21st", "1990s").
    dict: Dictionary,
    /// The same dictionary without its `COMPOUNDRULE` lines: for every other word, where it
    /// answers exactly as `dict` does, faster (see [`Lexicon::for_word`]).
    no_rules: Dictionary,
    suggestions: Mutex<HashMap<String, Vec<String>>>,
}

/// The English dictionary, parsed on first use (about 25 ms of CPU for both copies, which
/// parse side by side). `None` only if the embedded data fails to parse, which the tests
/// rule out; rules then check nothing.
pub fn english() -> Option<&'static Lexicon> {
    static LEXICON: OnceLock<Option<Lexicon>> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load).as_ref()
}

/// Whether a word, lower-cased, is an English word: "Schools", "Union" and "Worst" are;
/// "Scholz", "Korea" (a name the dictionary writes capitalised) and "Kiev" are not. A name
/// spelled like one is as often the word ("Schools reopened"). Words of more than one part
/// ("Sergey Ryabkov") are not.
pub fn is_common_word(word: &str) -> bool {
    !word.contains(char::is_whitespace)
        && english().is_some_and(|en| en.knows(&word.to_lowercase()))
}

/// Has the dictionary parsed on its own thread, so that it is ready (or nearly) when the
/// first document's rules ask for it: without this the first worker to reach a rule that
/// reads it parses it while the others wait. Returns at once.
pub fn parse_ahead() {
    let _ = std::thread::Builder::new()
        .name("calq-dictionary".into())
        .spawn(|| english().is_some());
}

/// Whether the dictionary knows each of `doc.words` as written, parallel to it. Read it
/// through `Context::known_words`, which computes it once per document.
pub fn known_words(doc: &Document) -> Vec<bool> {
    let Some(lexicon) = english() else {
        return vec![false; doc.words.len()];
    };
    // Each distinct form of the document is looked up once (`Document::tokens`).
    let by_form: Vec<bool> = KNOWN.with(|cache| {
        let mut cache = cache.borrow_mut();
        doc.tokens
            .forms()
            .iter()
            .map(|f| {
                let word = doc.slice(f.first);
                if let Some(&known) = cache.get(word) {
                    return known;
                }
                let known = lexicon.knows(word);
                if cache.len() >= KNOWN_LIMIT {
                    cache.clear();
                }
                cache.insert(word.to_owned(), known);
                known
            })
            .collect()
    });
    doc.tokens
        .ids()
        .iter()
        .map(|&id| by_form.get(id as usize).copied().unwrap_or(false))
        .collect()
}

/// Words per thread whose dictionary verdict is remembered: news repeats its vocabulary, and
/// a lookup here is cheaper than Hunspell's affix stripping. The bound keeps memory flat.
const KNOWN_LIMIT: usize = 100_000;

thread_local! {
    static KNOWN: std::cell::RefCell<foldhash::HashMap<String, bool>> =
        std::cell::RefCell::new(foldhash::HashMap::default());
}

/// How English a stretch of text reads to the dictionary: of its lower-case words, how many
/// it knows. Capitalised words are not counted: in English they are mostly names, which no
/// dictionary lists, and in German every noun is one. Words of scripts without case
/// (Chinese, Arabic) count, as unknown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    pub known: usize,
    pub counted: usize,
}

impl Share {
    /// The share over the words inside `span`; `counted` is [`counted`] of the document
    /// (`Context::counted_words`), parallel to `doc.words`.
    pub fn of(doc: &Document, counted: &[Counted], span: Span) -> Share {
        let mut share = Share::default();
        for c in counted.get(doc.word_range(span)).unwrap_or(&[]) {
            share.counted += usize::from(*c != Counted::No);
            share.known += usize::from(*c == Counted::Known);
        }
        share
    }

    pub fn unknown(&self) -> usize {
        self.counted - self.known
    }

    /// At least three counted words and the dictionary lacks at least half of them. English
    /// news prose rarely gets near this: its unknown lower-case words are a few per hundred.
    pub fn looks_foreign(&self) -> bool {
        self.counted >= 3 && self.unknown() * 2 >= self.counted
    }
}

/// How [`Share`] counts a word of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Counted {
    /// Not counted: a capitalised word, a number.
    No,
    /// A lower-case word the dictionary knows.
    Known,
    /// A lower-case word the dictionary lacks, or a word of a script without case.
    Unknown,
}

/// [`Counted`] for each of `doc.words` (parallel to it), from `known` (parallel too). Read it
/// through `Context::counted_words`: each distinct form is classified once per document, and
/// a [`Share`] is then a sum over a range, however many blocks and sentences are measured.
pub fn counted(doc: &Document, known: &[bool]) -> Vec<Counted> {
    let by_form: Vec<Option<bool>> = doc
        .tokens
        .forms()
        .iter()
        .map(|f| counts_as(doc.slice(f.first)))
        .collect();
    doc.tokens
        .ids()
        .iter()
        .enumerate()
        .map(
            |(i, &id)| match by_form.get(id as usize).copied().flatten() {
                Some(true) if known.get(i).copied().unwrap_or(false) => Counted::Known,
                Some(_) => Counted::Unknown,
                None => Counted::No,
            },
        )
        .collect()
}

/// Whether [`Share`] counts a word: `Some(true)` for a lower-case word (the dictionary
/// judges it), `Some(false)` for a word of a script without case (never known), `None` for
/// the rest.
fn counts_as(word: &str) -> Option<bool> {
    if is_lowercase_word(word) {
        return Some(true);
    }
    word.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() && !c.is_lowercase() && !c.is_uppercase())
        .then_some(false)
}

/// The words [`Share`] counts inside `span`, each with whether the dictionary knows it:
/// lower-case words, and words of scripts without case (never known).
pub fn counted_words<'d>(
    doc: &'d Document,
    known: &'d [bool],
    span: Span,
) -> impl Iterator<Item = (&'d str, bool)> + 'd {
    doc.word_range(span).filter_map(move |i| {
        let word = doc.slice(*doc.words.get(i)?);
        let lower = counts_as(word)?;
        Some((word, lower && known.get(i).copied().unwrap_or(false)))
    })
}

/// Letters (any script) and inner apostrophes only, starting with a lower-case letter: the
/// words a dictionary can judge without guessing whether they are names.
pub fn is_lowercase_word(word: &str) -> bool {
    if word.is_ascii() {
        // The same test byte by byte: every ASCII letter is cased, and `'` is the only other
        // ASCII character allowed.
        let bytes = word.as_bytes();
        return bytes.first().is_some_and(u8::is_ascii_lowercase)
            && bytes.iter().all(|&b| b.is_ascii_lowercase() || b == b'\'');
    }
    word.chars().next().is_some_and(char::is_lowercase)
        && word
            .chars()
            .all(|c| (c.is_alphabetic() && !c.is_uppercase()) || c == '\'' || c == '’')
}

/// The affix file without its `COMPOUNDRULE` table (see [`Lexicon::for_word`]).
fn aff_without_compound_rules() -> String {
    AFF.lines()
        .filter(|l| !l.starts_with("COMPOUNDRULE"))
        .flat_map(|l| [l, "\n"])
        .collect()
}

impl Lexicon {
    fn load() -> Option<Lexicon> {
        let mut dic = String::with_capacity(EN_US.len() + EN_GB_EXTRA.len() + CALQ_EXTRA.len());
        dic.push_str(EN_US);
        for extra in [EN_GB_EXTRA, CALQ_EXTRA] {
            // calq-extra.dic documents itself in `#` lines, which Hunspell has no syntax for.
            for line in extra
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
            {
                dic.push_str(line);
                dic.push('\n');
            }
        }
        // The two copies parse in parallel: the workers wait for the dictionary at their first
        // document, so its parse is most of the start-up's wall time (issue 17).
        let (dict, no_rules) = std::thread::scope(|scope| {
            let dict = scope.spawn(|| Dictionary::new(AFF, &dic).ok());
            let no_rules = Dictionary::new(&aff_without_compound_rules(), &dic).ok();
            (dict.join().ok().flatten(), no_rules)
        });
        let (dict, no_rules) = (dict?, no_rules?);
        Some(Lexicon {
            dict,
            no_rules,
            suggestions: Mutex::new(HashMap::new()),
        })
    }

    /// The dictionary to ask about `word`. The affix file's `COMPOUNDRULE`s build ordinals
    /// ("21st", "10th") from entries that all start with a digit. spellbook tries them on
    /// every word it does not find, one word-list lookup per letter, and on every candidate
    /// of a suggestion search: that was the largest single cost of the spelling rules. A
    /// rule can only match a text that starts with one of those entries, so for a word
    /// without ASCII digits the rules never match and the dictionary without them gives the
    /// same answers. The same holds for its suggestions: they are the word's letters edited
    /// with letters of the affix file's TRY, REP and MAP tables, which have no digits either.
    /// The tests check both conditions on the shipped files.
    fn for_word(&self, word: &str) -> &Dictionary {
        if word.bytes().any(|b| b.is_ascii_digit()) {
            &self.dict
        } else {
            &self.no_rules
        }
    }

    /// Whether the word is English as written. Hunspell's casing rules apply: "the", "The"
    /// and "THE" pass, "nato" and "european" do not; typographic apostrophes count as `'`.
    pub fn knows(&self, word: &str) -> bool {
        self.for_word(word).check(word)
    }

    /// Up to three replacements for a word the dictionary lacks, best first, from edits of
    /// the word only (~0.3 ms a word). Hunspell's n-gram pass, which runs when edits find
    /// nothing, scans the whole word list (~16 ms a word, more on long garbage tokens): it
    /// took 80% of a whole-corpus run, and finds only far-fetched words, which SP001 does
    /// not use. Splits into two words come last and only when each part has three letters
    /// or more ("live stream", not "occur ed"). Cached for the process, so a word repeated
    /// across a corpus costs once.
    pub fn suggest(&self, word: &str) -> Vec<String> {
        if let Some(hit) = self.cache().and_then(|c| c.get(word).cloned()) {
            return hit;
        }
        let mut raw = Vec::new();
        self.for_word(word)
            .suggester()
            .with_ngram_suggestions(false)
            .suggest(word, &mut raw);
        // Hunspell capitalises some suggestions for a lower-case word (from proper-noun
        // entries); keep the word's case where the dictionary allows it.
        if word.chars().next().is_some_and(char::is_lowercase) {
            for s in &mut raw {
                let lower = s.to_lowercase();
                if lower != *s && self.knows(&lower) {
                    *s = lower;
                }
            }
        }
        let split_ok = |s: &String| s.split([' ', '-']).all(|p| p.chars().count() >= 3);
        let (whole, split): (Vec<String>, Vec<String>) =
            raw.into_iter().partition(|s| !s.contains([' ', '-']));
        let mut best: Vec<String> = Vec::new();
        for s in whole.into_iter().chain(split.into_iter().filter(split_ok)) {
            if s != word && !best.contains(&s) && best.len() < 3 {
                best.push(s);
            }
        }
        if let Some(mut cache) = self.cache() {
            if cache.len() >= CACHE_LIMIT {
                cache.clear();
            }
            cache.insert(word.to_owned(), best.clone());
        }
        best
    }

    /// The suggestion cache; a poisoned lock (a panic elsewhere) just disables caching.
    fn cache(&self) -> Option<std::sync::MutexGuard<'_, HashMap<String, Vec<String>>>> {
        self.suggestions.lock().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> &'static Lexicon {
        english().expect("the embedded dictionary parses")
    }

    #[test]
    fn knows_american_british_and_added_words() {
        let en = lexicon();
        for word in [
            "the",
            "The",
            "THE",
            "color",
            "colour",
            "organize",
            "organise",
            "defence",
            "don't",
            "don’t",
            "government's",
            "lockdown",
            "cyberattacks",
        ] {
            assert!(en.knows(word), "{word}");
        }
        for word in ["goverment", "nato", "european", "zeitenwende", "und"] {
            assert!(!en.knows(word), "{word}");
        }
    }

    #[test]
    fn suggests_close_words_and_caches_them() {
        let en = lexicon();
        assert_eq!(
            en.suggest("goverment").first().map(String::as_str),
            Some("government")
        );
        assert_eq!(en.suggest("accomodation"), ["accommodation"]);
        assert_eq!(en.suggest("accomodation"), ["accommodation"]);
        assert!(en.suggest("occured").iter().all(|s| !s.contains(' ')));
    }

    #[test]
    fn shares_from_counted_forms_are_those_of_the_words_one_by_one() {
        let mut texts = vec![
            "Die Gespräche werden fortgesetzt, sagte ein Sprecher. The talks ended.\n\n\
             北京 said «no»; the goverment's aide, ӧ and ǅ, met 3 times in Zürich."
                .to_owned(),
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let alphabet = [
            'a', 'e', 't', 'T', 'h', ' ', ' ', '.', '\n', 'é', 'Ü', '中', '\'', '’', '3', 'ǅ',
        ];
        for n in 0..300 {
            texts.push(crate::document::segment::random_text_of(
                &mut seed,
                n % 90,
                &alphabet,
            ));
        }
        for text in &texts {
            let doc = Document::from_text(text);
            let known = known_words(&doc);
            let counted = counted(&doc, &known);
            assert_eq!(counted.len(), doc.words.len());
            let spans = doc
                .blocks
                .iter()
                .map(|b| b.span)
                .chain(doc.sentences.clone());
            for span in spans.chain([Span::new(0, text.len())]) {
                let mut one_by_one = Share::default();
                for (_, is_known) in counted_words(&doc, &known, span) {
                    one_by_one.counted += 1;
                    one_by_one.known += usize::from(is_known);
                }
                assert_eq!(
                    Share::of(&doc, &counted, span),
                    one_by_one,
                    "{text:?} {span:?}"
                );
            }
        }
    }

    #[test]
    fn known_words_is_parallel_to_the_document_words() {
        let doc = Document::from_text("The goverment met in Geneva.");
        assert_eq!(known_words(&doc), [true, false, true, true, true]);
    }

    #[test]
    fn compound_rules_only_build_words_that_start_with_a_digit() {
        // `Lexicon::for_word` relies on this: every entry a COMPOUNDRULE can use starts with
        // an ASCII digit, and no table that suggestions draw letters from holds one.
        let rule_flags: Vec<char> = AFF
            .lines()
            .filter_map(|l| l.strip_prefix("COMPOUNDRULE "))
            .filter(|rule| !rule.trim().bytes().all(|b| b.is_ascii_digit()))
            .flat_map(|rule| rule.chars().filter(|c| !"*?() ".contains(*c)))
            .collect();
        assert!(!rule_flags.is_empty(), "the affix file has compound rules");
        let mut ruled = 0;
        for line in [EN_US, EN_GB_EXTRA, CALQ_EXTRA]
            .iter()
            .flat_map(|d| d.lines())
            .filter(|l| !l.starts_with('#'))
        {
            let entry = line.split_whitespace().next().unwrap_or("");
            let Some((stem, flags)) = entry.split_once('/') else {
                continue;
            };
            if flags.contains(rule_flags.as_slice()) {
                assert!(stem.starts_with(|c: char| c.is_ascii_digit()), "{line}");
                ruled += 1;
            }
        }
        assert!(ruled > 0);
        for line in AFF.lines() {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let table = ["TRY", "REP", "MAP", "KEY", "PHONE", "ICONV", "OCONV"];
            let header = fields.len() == 2 && fields[1].bytes().all(|b| b.is_ascii_digit());
            if fields.first().is_some_and(|f| table.contains(f)) && !header {
                assert!(!line.bytes().any(|b| b.is_ascii_digit()), "{line}");
            }
        }
    }

    #[test]
    fn the_dictionary_without_compound_rules_answers_the_same() {
        let en = lexicon();
        for word in [
            "the",
            "The",
            "THE",
            "goverment",
            "Goverment",
            "recieved",
            "accomodation",
            "organsed",
            "negociations",
            "european",
            "don't",
            "don’t",
            "doesnt",
            "ministry’s",
            "backcountry",
            "thetalks",
            "livestream",
            "glyphosate",
            "zeitenwende",
            "détente",
            "naïve",
            "occured",
            "interseciton",
            "cyberattacks",
            "unfussily",
            "abcdefghij",
        ] {
            assert_eq!(en.dict.check(word), en.no_rules.check(word), "{word}");
            let (mut full, mut fast) = (Vec::new(), Vec::new());
            let suggest = |d: &Dictionary, out: &mut Vec<String>| {
                d.suggester()
                    .with_ngram_suggestions(false)
                    .suggest(word, out)
            };
            suggest(&en.dict, &mut full);
            suggest(&en.no_rules, &mut fast);
            assert_eq!(full, fast, "{word}");
        }
        // Ordinals need the rules, and words with digits still get them.
        assert!(en.knows("21st") && en.knows("10th") && en.knows("123rd"));
        assert!(!en.knows("21th") && !en.no_rules.check("21st"));
    }

    #[test]
    fn lowercase_words_are_letters_and_apostrophes_starting_lower_case() {
        // The character-by-character definition, which the ASCII shortcut must agree with.
        let by_chars = |w: &str| {
            w.chars().next().is_some_and(char::is_lowercase)
                && w.chars()
                    .all(|c| (c.is_alphabetic() && !c.is_uppercase()) || c == '\'' || c == '’')
        };
        for word in ["the", "don't", "don’t", "détente", "über", "o'clock", "x"] {
            assert!(is_lowercase_word(word) && by_chars(word), "{word}");
        }
        for word in [
            "", "The", "nATO", "covid19", "e-mail", "'tis", "don_t", "日本", "x.y", "a b", "ok\n",
        ] {
            assert!(!is_lowercase_word(word) && !by_chars(word), "{word}");
        }
        for c in (0..=127u8).map(char::from) {
            for word in [format!("ab{c}"), format!("{c}ab")] {
                assert_eq!(is_lowercase_word(&word), by_chars(&word), "{word:?}");
            }
        }
    }

    #[test]
    fn calq_additions_are_sorted_and_unique() {
        // Each group (entries after a run of `#` lines) is sorted ignoring case; no word is
        // listed twice in the file, whatever its flags.
        let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
        for line in CALQ_EXTRA.lines().filter(|l| !l.is_empty()) {
            match groups.last_mut() {
                Some(group) if !line.starts_with('#') => group.push(line),
                Some(group) if group.is_empty() => {}
                _ => groups.push(Vec::new()),
            }
        }
        for group in &groups {
            assert!(
                group
                    .windows(2)
                    .all(|w| w[0].to_lowercase() < w[1].to_lowercase()),
                "sorted (ignoring case) within the group starting {:?}",
                group.first()
            );
        }
        let words: Vec<&str> = groups.iter().flatten().copied().collect();
        assert!(words.iter().all(|w| w.trim() == *w && !w.contains(' ')));
        let mut stems: Vec<String> = words
            .iter()
            .map(|w| w.split('/').next().unwrap_or(w).to_lowercase())
            .collect();
        stems.sort();
        assert!(
            stems.windows(2).all(|w| w[0] != w[1]),
            "each word once: {:?}",
            stems.windows(2).find(|w| w[0] == w[1])
        );
        assert!(!words.is_empty());
    }
}
