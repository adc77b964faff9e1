//! QT005 capitalised-quote-fragment: a quoted fragment in mid-sentence that starts with a
//! capital letter (`said Russia “Threatens no one”`), as machine translation writes quotes
//! it took for whole sentences.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::document::{Document, Span, stopwords};
use crate::rules::quotes::scan::{QuoteRegion, QuoteScan};
use crate::rules::spelling::dictionary;
use crate::rules::{Applicability, Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct CapitalisedQuoteFragment;

static META: RuleMeta = RuleMeta {
    code: "QT005",
    name: "capitalised-quote-fragment",
    family: Family::Quotes,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A quoted fragment in mid-sentence starting with a capital letter",
    explanation: "\
## What it does
Flags a quotation that sits inside a sentence — right after a word, or after a comma when
it is only a word or two — and starts with a capital letter although its first word is an
ordinary English word in lower case, the rest of it in lower case too: `does not “Threatens
no one”`, `costs, “Huge”, for Russia`. The fix lower-cases the first letter.

## Why it matters
Machine translation capitalises every quotation it takes for a sentence, so fragments
woven into the reporter's sentence come out capitalised. Readers trip over them, and a run
of them is a strong sign of an unedited machine translation (French copy in particular,
where such fragments are common).

## What it lets pass
- whole sentences: a quotation after a colon, at the start of a sentence or line, after
  `that`, after a comma when it is three words or more or ends with `.`, `?` or `!`, after
  a verb of saying (`said`, `shouted`, `wrote`, `chanting`), or of three words or more
  ending with `.`, `?` or `!`;
- titles and names: quotations in title case (`“Face the Nation”`, `“Sputnik V”`), after
  `the` or a word that introduces a name (`dubbed`, `known as`, `the group`, `the film`),
  a nickname between a first name and a surname, a one-word quotation followed by a noun
  (`the “Falcon” unit`), words the dictionary only knows capitalised, glossary names, and
  words the article capitalises elsewhere in mid-sentence;
- one-word quotations, which are usually names (of teams, ships, missiles, shows), unless
  the word is a function word, has an adjective ending (`“Possible”`), appears in lower
  case elsewhere in the article, or follows a flagged quotation in a list
  (`“Significant costs”, “Huge”`);
- acronyms, `I`, and quotations starting with a number or punctuation.

## Example
`he said Moscow “Threatens no one”` → `he said Moscow “threatens no one”`",
    bad_example: "The minister said Moscow “Threatens no one” in the region.",
    good_example: "The minister said: “Moscow threatens no one.” He read “War and Peace”.",
};

/// Endings of English adjectives, which names rarely have: `Possible`, `Dangerous`.
const ADJECTIVE_ENDINGS: &[&str] = &["able", "ful", "ible", "ical", "ive", "less", "ous"];

/// Words that may stand between an introducer and its quotation: `chants of`, `signs such as`.
const LINKS: &[&str] = &["as", "like", "of", "such"];

/// Words after which a capitalised quotation is a sentence, a title or a name: verbs of
/// saying, words that introduce a name (`the group`, `the slogan`), and `the` itself —
/// `on the “Direct line”` names a programme, as Russian and German capitalise only the first
/// word of a title. Sorted.
const INTRODUCERS: &[&str] = &[
    "added",
    "agency",
    "album",
    "alliance",
    "announced",
    "answered",
    "app",
    "asked",
    "award",
    "band",
    "banner",
    "banners",
    "bloc",
    "book",
    "brand",
    "branded",
    "called",
    "campaign",
    "captioned",
    "category",
    "channel",
    "chant",
    "chanted",
    "chanting",
    "chants",
    "club",
    "coalition",
    "column",
    "company",
    "competition",
    "contest",
    "cried",
    "cry",
    "declared",
    "documentary",
    "dubbed",
    "entitled",
    "exclaimed",
    "exhibition",
    "faction",
    "festival",
    "film",
    "foundation",
    "fund",
    "group",
    "hashtag",
    "headline",
    "headlined",
    "initiative",
    "known",
    "label",
    "labeled",
    "labelled",
    "magazine",
    "message",
    "missile",
    "motto",
    "movement",
    "movie",
    "name",
    "named",
    "network",
    "newspaper",
    "nicknamed",
    "nomination",
    "novel",
    "operation",
    "party",
    "phrase",
    "placard",
    "placards",
    "platform",
    "play",
    "podcast",
    "portal",
    "poster",
    "posters",
    "prize",
    "program",
    "programme",
    "project",
    "read",
    "reading",
    "reads",
    "replied",
    "responded",
    "said",
    "saying",
    "says",
    "screamed",
    "screaming",
    "section",
    "series",
    "ship",
    "shouted",
    "shouting",
    "show",
    "sign",
    "signs",
    "slogan",
    "slogans",
    "song",
    "stated",
    "tagline",
    "team",
    "term",
    "termed",
    "the",
    "theme",
    "title",
    "titled",
    "tweet",
    "tweeted",
    "tweeting",
    "vessel",
    "website",
    "word",
    "words",
    "wrote",
    "yelled",
    "yelling",
];

impl Check for CapitalisedQuoteFragment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let quotes = cx.quotes();
        // `“Severe”, “Enormous”` and `"Stop" and "Go"`: a quotation coordinated with the one
        // before follows that one's verdict, so a list of slogans after `signs saying` passes.
        let mut previous: Option<(usize, bool)> = None;
        let words = WordIndex::default();
        for r in quotes.regions() {
            let (Some(open), Some(close)) = (r.open, r.close) else {
                continue;
            };
            let fragment = fragment(doc, r);
            let flag = match previous.filter(|&(end, _)| coordinated(doc, end, open.start)) {
                Some((_, previous_flagged)) => previous_flagged && fragment.is_some(),
                None => fragment.is_some_and(|f| {
                    woven_in(doc, r, &f) && (f.words > 1 || ordinary_alone(doc, &words, f.first))
                }),
            };
            let flag =
                flag && fragment.is_some_and(|f| !looks_like_name(cx, quotes, &words, f.first));
            previous = Some((close.end, flag));
            let Some(f) = fragment.filter(|_| flag) else {
                continue;
            };
            let word = doc.slice(f.first);
            out.push(
                Diagnostic::new(
                    f.first,
                    format!("quoted fragment in mid-sentence starts with a capital: `{word}`"),
                )
                .with_fix(lower_first(word), Applicability::Unsafe),
            );
        }
    }
}

/// A quotation shaped like a capitalised fragment: opened and closed in one block, starting
/// with a capitalised word and going on in lower case.
#[derive(Clone, Copy)]
struct Fragment {
    first: Span,
    words: usize,
    ends_sentence: bool,
    /// A single word followed by a content word: `the “Tornado” unit`, a name used as one.
    attributive: bool,
}

fn fragment(doc: &Document, r: &QuoteRegion) -> Option<Fragment> {
    let close = r.close?;
    if !r.closed_in_block(doc) {
        return None;
    }
    let words = doc.words_in(r.inner);
    let &first = words.first()?;
    let inner = doc.slice(r.inner);
    if inner.len() - inner.trim_start().len() != first.start - r.inner.start {
        return None; // starts with punctuation or a number sign, not a word
    }
    if !shape_is_capitalised(doc.slice(first))
        || words[1..].iter().any(|&w| title_word(doc.slice(w)))
    {
        return None;
    }
    let next = doc
        .words
        .get(doc.words.partition_point(|w| w.start < close.end));
    let attributive = words.len() == 1
        && next.is_some_and(|&w| {
            let between = doc.text.get(close.end..w.start).unwrap_or("");
            let word = doc.slice(w);
            between.chars().all(|c| c == ' ')
                && word.chars().next().is_some_and(char::is_lowercase)
                && !stopwords::is_english(word)
        });
    Some(Fragment {
        first,
        words: words.len(),
        ends_sentence: inner.trim_end().ends_with(['.', '?', '!']),
        attributive,
    })
}

/// The quotation sits inside the reporter's sentence as a fragment, not as a quoted
/// sentence, title or name.
fn woven_in(doc: &Document, r: &QuoteRegion, f: &Fragment) -> bool {
    let (Some(open), Some(close)) = (r.open, r.close) else {
        return false;
    };
    if f.attributive || (f.ends_sentence && f.words >= 3) {
        return false;
    }
    let Some(block) = doc.block_at(open.start) else {
        return false;
    };
    let before = doc.text.get(block.span.start..open.start).unwrap_or("");
    let trimmed = before.trim_end();
    if before[trimmed.len()..].contains(['\n', '\r']) {
        return false; // the quotation starts a line: a hard-wrapped paragraph's new sentence
    }
    let Some(prev) = trimmed.chars().next_back() else {
        return false;
    };
    let introduced = preceding_words(doc, block.span.start + trimmed.len())
        .find(|w| !LINKS.contains(w))
        .is_some_and(|w| {
            INTRODUCERS
                .binary_search(&w.to_lowercase().as_str())
                .is_ok()
        });
    // `said that “We will…”`: reported speech turning into a quoted sentence.
    let that = prev.is_alphanumeric()
        && preceding_words(doc, block.span.start + trimmed.len()).next() == Some("that");
    if introduced || that {
        return false;
    }
    match prev {
        ',' => f.words <= 2 && !f.ends_sentence,
        c if c.is_alphanumeric() => {
            // `Noah “Puck” Puckerman`: a nickname between names.
            let capital = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
            let prev_word = preceding_words(doc, block.span.start + trimmed.len()).next();
            let after = doc
                .text
                .get(close.end..block.span.end)
                .unwrap_or("")
                .trim_start();
            !(prev_word.is_some_and(capital) && capital(after))
        }
        _ => false,
    }
}

/// The words ending at or before `offset`, nearest first.
fn preceding_words(doc: &Document, offset: usize) -> impl Iterator<Item = &str> {
    let n = doc.words.partition_point(|w| w.end <= offset);
    doc.words[..n].iter().rev().map(|&w| doc.slice(w))
}

/// Only `,`, `and`, `or` (or `, and`) between the previous quotation's end and this one's start.
fn coordinated(doc: &Document, previous_end: usize, open: usize) -> bool {
    let between = doc.text.get(previous_end..open).unwrap_or("").trim();
    matches!(between, "," | "and" | "or" | ", and" | ", or")
}

/// A one-word quotation is most often a name — of a team, a ship, a missile, a show — so it
/// needs more than the dictionary: a function word, an adjective ending, or the article
/// using the word in lower case elsewhere.
fn ordinary_alone<'d>(doc: &'d Document, words: &WordIndex<'d>, first: Span) -> bool {
    let lower = doc.slice(first).to_lowercase();
    stopwords::is_english(&lower)
        || ADJECTIVE_ENDINGS.iter().any(|e| lower.ends_with(e))
        || words.all(doc).contains(lower.as_str())
}

/// The document's words as sets, built on first use: a check per quotation against every
/// word would make the rule quadratic on a long document full of quotes.
#[derive(Default)]
struct WordIndex<'d> {
    all: OnceCell<HashSet<&'d str>>,
    /// Stems of words written outside quotations after a word or a comma, with their counts.
    mid_sentence: OnceCell<HashMap<&'d str, usize>>,
}

impl<'d> WordIndex<'d> {
    fn all(&self, doc: &'d Document) -> &HashSet<&'d str> {
        // From the document's distinct forms: collecting every word reserved a table for
        // all of them (70 MB on a 10 MB document) to hold a few tens of thousands.
        self.all.get_or_init(|| {
            doc.tokens
                .forms()
                .iter()
                .map(|f| doc.slice(f.first))
                .collect()
        })
    }

    fn mid_sentence(&self, doc: &'d Document, quotes: &QuoteScan) -> &HashMap<&'d str, usize> {
        self.mid_sentence.get_or_init(|| {
            let mut out = HashMap::new();
            for &w in doc.words.iter().filter(|&&w| mid_sentence(doc, quotes, w)) {
                *out.entry(stem(doc.slice(w))).or_default() += 1;
            }
            out
        })
    }
}

/// The first word is a name rather than an ordinary word in the wrong case.
fn looks_like_name<'d>(
    cx: &Context<'d>,
    quotes: &QuoteScan,
    words: &WordIndex<'d>,
    first: Span,
) -> bool {
    // Glossary matches are in text order and disjoint: only the last one starting at or
    // before the word can contain it.
    let matches = cx.name_matches();
    let i = matches.partition_point(|m| m.span.start <= first.start);
    !common_word(cx.doc.slice(first))
        || capitalised_elsewhere(cx.doc, quotes, words, first)
        || i.checked_sub(1)
            .and_then(|i| matches.get(i))
            .is_some_and(|m| first.end <= m.span.end)
}

/// `Threatens`, `Do`: a capital then lower case. Not `I`, `I’m`, acronyms or numbers.
fn shape_is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    c.is_uppercase()
        && !rest.is_empty()
        && !rest.starts_with(['\'', '’'])
        && rest
            .chars()
            .all(|c| c.is_lowercase() || c == '\'' || c == '’' || c == '-')
}

/// A later word that makes the quotation read as a title or a name: capitalised, and not
/// `I` or an acronym.
fn title_word(word: &str) -> bool {
    if word.chars().count() == 1 {
        return word != "I" && word.chars().all(char::is_uppercase); // `Sputnik V`, `Plan B`
    }
    word.chars().next().is_some_and(char::is_uppercase)
        && !word.starts_with("I'")
        && !word.starts_with("I’")
        && !word.chars().all(|c| !c.is_lowercase())
}

/// The lower-case form is an English word: a function word, or one the dictionary knows.
fn common_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    stopwords::is_english(&lower) || dictionary::english().is_some_and(|d| d.knows(&lower))
}

/// The article writes the word capitalised in mid-sentence outside quotations: a name.
fn capitalised_elsewhere<'d>(
    doc: &'d Document,
    quotes: &QuoteScan,
    words: &WordIndex<'d>,
    first: Span,
) -> bool {
    let word = stem(doc.slice(first));
    let count = words.mid_sentence(doc, quotes).get(word).copied();
    count.unwrap_or(0) > usize::from(mid_sentence(doc, quotes, first))
}

/// A word outside quotations after another word or a comma: written mid-sentence.
fn mid_sentence(doc: &Document, quotes: &QuoteScan, w: Span) -> bool {
    !quotes.is_quoted(w)
        && doc
            .text
            .get(..w.start)
            .and_then(|s| s.trim_end().chars().next_back())
            .is_some_and(|c| c.is_alphanumeric() || c == ',')
}

/// A word without its possessive: `China's` → `China`.
fn stem(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_capitalised_fragments_inside_a_sentence() {
        let d = diagnostics(
            &CapitalisedQuoteFragment,
            "Moscow said it “Threatens nobody” and wanted “Firm guarantees”.",
        );
        let fixes: Vec<_> = d.iter().filter_map(|d| d.suggestion.as_deref()).collect();
        assert_eq!(fixes, ["threatens", "firm"]);
        assert_eq!(
            flagged(
                &CapitalisedQuoteFragment,
                "The costs would be “Severe and lasting”, “Huge”, she warned."
            ),
            ["Severe", "Huge"]
        );
        assert_eq!(
            flagged(
                &CapitalisedQuoteFragment,
                "a deal he thought \"Possible\" at best"
            ),
            ["Possible"]
        );
    }

    #[test]
    fn lets_sentences_titles_and_names_pass() {
        for text in [
            "She said: “We are ready to talk.”",
            "“We are ready,” she said.",
            "According to her, “The door remains open to talks”.",
            "He added, “Not now.”",
            "He appeared on \"Face the Nation\" on Sunday.",
            "Protesters were chanting “Stop the war” outside.",
            "The slogan “Never again” was painted on walls.",
            "The film “Cold war” opened in Paris.",
            "Her son Noah “Puck” Puckerman played football.",
            "They fought for “NATO membership” for years.",
            "He said it was “I think unlikely” to happen.",
            "He cited the “Zeitenwende” speech.",
            "Mr Frank spoke. The report found it “Frank and fair”.",
            "He praised the “hard work” of the team.",
            "Armed \"Falcon\" units were sent to the prison.",
            "He played for \"Buffalo\", \"Boston\" and \"Detroit\" before retiring.",
            "The bombing, known as the \"Blitz\", lasted months.",
            "The cruiser \"Eagle\" sailed at dawn.",
            "Viewers called in to the \"Direct line\" broadcast.",
            "The trains showed “China's speed”, as China said.",
            "The vaccine “Sputnik V” was sent.",
            "They agreed on the rule that \"Whoever loses pays\".",
            "Crowds waved banners reading \"Free speech now\" and \"Hands off our votes\".",
            "Marchers chanted slogans of \"No peace without justice,\" all night.",
            "He told them that \"We will not leave this town.\"",
            "Police arrested him on Tuesday evening after a long\n\"What happened next was terrible,\" she said.",
        ] {
            assert!(
                flagged(&CapitalisedQuoteFragment, text).is_empty(),
                "{text}"
            );
        }
    }

    #[test]
    fn introducers_are_sorted_for_binary_search() {
        assert!(INTRODUCERS.windows(2).all(|w| w[0] < w[1]));
    }
}
