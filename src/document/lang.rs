//! Language identification with `whatlang`, reported as ISO 639-1 codes. whatlang is
//! unreliable on short text (the brief measured it under ~80 characters), so shorter text is
//! "unknown" rather than a guess.

use serde::Serialize;
use whatlang::Lang;

use super::{Block, Span};

/// whatlang's confidence from which a document counts as written in another language.
pub const FOREIGN_CONFIDENCE: f64 = 0.5;

/// Below this many characters a block's language is not guessed.
pub const MIN_CHARS: usize = 80;
/// How much text whatlang sees at most: its trigram profile settles long before this, and a
/// cap keeps a 10 MB document from spending its time here.
const SAMPLE_BYTES: usize = 512;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Language {
    /// ISO 639-1 code where one exists (ISO 639-3 otherwise), or "unknown".
    pub code: &'static str,
    /// whatlang's confidence in 0..=1; 0 for "unknown".
    pub confidence: f64,
}

impl Language {
    pub const UNKNOWN: Language = Language {
        code: "unknown",
        confidence: 0.0,
    };

    /// What whatlang answers for an English sample that passes [`clearly_english`].
    const CLEAR_ENGLISH: Language = Language {
        code: "en",
        confidence: 1.0,
    };

    pub fn is_known(&self) -> bool {
        self.code != "unknown"
    }

    /// Identified as another language than English with at least [`FOREIGN_CONFIDENCE`]:
    /// a document so identified is not judged by the MT detector and gets UT002. whatlang's
    /// weak guesses (an English paragraph called German at 0.13) do not count.
    pub fn is_foreign(&self) -> bool {
        self.is_known() && self.code != "en" && self.confidence >= FOREIGN_CONFIDENCE
    }
}

/// The indefinite article before `word` as it is said: "an" before a vowel sound ("an
/// Italian", "an English"), "a" otherwise, and before the "yoo" of "Ukrainian", "a Ukrainian".
pub fn a_or_an(word: &str) -> &'static str {
    let mut chars = word.chars().flat_map(char::to_lowercase);
    match (chars.next(), chars.next()) {
        (Some('u'), Some('k' | 's' | 't')) => "a",
        (Some('a' | 'e' | 'i' | 'o' | 'u'), _) => "an",
        _ => "a",
    }
}

/// English name of a language code, for sentences.
pub fn language_name(code: &str) -> &str {
    match code {
        "ar" => "Arabic",
        "cs" => "Czech",
        "de" => "German",
        "en" => "English",
        "fi" => "Finnish",
        "hi" => "Hindi",
        "hu" => "Hungarian",
        "ko" => "Korean",
        "tr" => "Turkish",
        "es" => "Spanish",
        "fr" => "French",
        "is" => "Icelandic",
        "it" => "Italian",
        "ja" => "Japanese",
        "nl" => "Dutch",
        "pl" => "Polish",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "zh" => "Chinese",
        other => other,
    }
}

pub fn detect(text: &str) -> Language {
    if text
        .chars()
        .filter(|c| c.is_alphabetic())
        .take(MIN_CHARS)
        .count()
        < MIN_CHARS
    {
        return Language::UNKNOWN;
    }
    let sample = prefix(text, SAMPLE_BYTES);
    if clearly_english(sample) {
        return Language::CLEAR_ENGLISH;
    }
    let guess = whatlang_detect(sample);
    if guess.code != "en" && guess.is_known() && english_by_function_words(sample) {
        // whatlang reads a short English sentence full of foreign names by the names
        // ("Meloni met Macron at the Palazzo Chigi…" came out Italian at 0.68): the
        // language's own small words decide. Its confidence is whatlang's, for English.
        return Language {
            code: "en",
            confidence: guess.confidence,
        };
    }
    guess
}

/// Lower-case words a sample needs before [`english_by_function_words`] judges it.
const FUNCTION_MIN_WORDS: usize = 8;

/// Whether at least half of a sample's lower-case words (at least [`FUNCTION_MIN_WORDS`])
/// are English function words. English prose has about half; another language's text has
/// few (the words it shares with English, such as "in", "was" or "also", are a tenth of a
/// German or Dutch paragraph). Fragments of words with letters outside ASCII count as
/// words that are not English.
fn english_by_function_words(sample: &str) -> bool {
    let (mut lower, mut english) = (0usize, 0usize);
    for w in lower_case_words(sample) {
        lower += 1;
        english += usize::from(super::stopwords::is_english_bytes(w));
    }
    lower >= FUNCTION_MIN_WORDS && english * 2 >= lower
}

/// The runs of ASCII letters of a sample that start lower-case, split on bytes: no byte of
/// a character outside ASCII is an ASCII letter, so the runs are the same as by characters.
fn lower_case_words(sample: &str) -> impl Iterator<Item = &[u8]> {
    sample
        .as_bytes()
        .split(|b| !b.is_ascii_alphabetic())
        .filter(|w| w.first().is_some_and(u8::is_ascii_lowercase))
}

/// whatlang's verdict on a sample, without the pre-test ([`clearly_english`]): for
/// `examples/lang_pretest.rs`, which checks that the two agree.
#[doc(hidden)]
pub fn whatlang_detect(sample: &str) -> Language {
    match whatlang::detect(sample) {
        Some(info) => Language {
            code: iso639_1(info.lang()),
            confidence: (info.confidence() * 100.0).round() / 100.0,
        },
        None => Language::UNKNOWN,
    }
}

/// The document's language from the bulk of its text: every block, body or furniture.
///
/// whatlang sees one bounded sample, the first [`SAMPLE_BYTES`] of the blocks in order. A
/// block that looks foreign by a cheap test ([`looks_foreign`]) is left out of the sample when
/// the blocks that do not look foreign hold most of the text, and the other way round: a
/// repost's one Italian "Leggi anche" line must not make a four-paragraph English article
/// Italian (issue 16), and an English quotation or heading must not make a French article
/// English. Where no block looks foreign, or every block does, the sample is the blocks'
/// text in order.
///
/// The blocks' body and furniture classes are not consulted: they are judged by English
/// stopwords, so in a foreign article every paragraph of its own language is furniture and
/// only an English quotation is body (a French article of 300 words with one English quote
/// of 20 was English by its "body"; blocks17).
pub fn detect_document(text: &str, blocks: &[Block], words: &[Span]) -> Language {
    detect(&document_sample(text, blocks, words))
}

/// The sample [`detect_document`] identifies (see there).
#[doc(hidden)]
pub fn document_sample(text: &str, blocks: &[Block], words: &[Span]) -> String {
    let foreign: Vec<bool> = blocks
        .iter()
        .map(|b| looks_foreign(text, words_in(words, b.span)))
        .collect();
    let (mut foreign_bytes, mut other_bytes) = (0, 0);
    for (b, &f) in blocks.iter().zip(&foreign) {
        if f {
            foreign_bytes += b.span.len();
        } else {
            other_bytes += b.span.len();
        }
    }
    let keep_foreign = foreign_bytes > other_bytes;
    let mut sample = String::new();
    for (block, &f) in blocks.iter().zip(&foreign) {
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
        if f != keep_foreign && foreign_bytes > 0 && other_bytes > 0 {
            continue;
        }
        sample.push_str(prefix(
            text.get(block.span.start..block.span.end).unwrap_or(""),
            SAMPLE_BYTES,
        ));
        sample.push('\n');
    }
    sample
}

/// Bytes a sample needs before [`clearly_english`] may judge it.
const CLEAR_MIN_BYTES: usize = 400;
/// Lower-case words a sample needs before [`clearly_english`] may judge it.
const CLEAR_MIN_WORDS: usize = 40;

/// The pre-test that spares whatlang (0.13 ms a call, a fifth of an audit) the samples it
/// would call English with confidence 1.0: a sample of at least [`CLEAR_MIN_BYTES`] whose
/// letters are all ASCII and whose lower-case words (at least [`CLEAR_MIN_WORDS`]) are
/// [`CLEAR_SHARE_PERCENT`] or more English function words. English prose has about half.
/// `examples/lang_pretest.rs` checks on a corpus that whatlang answers English with
/// confidence 1.0 for every sample that passes, and on its halves.
pub fn clearly_english(sample: &str) -> bool {
    let (lower, english, distinct) = clear_english_counts(sample);
    distinct >= CLEAR_MIN_DISTINCT
        && lower >= CLEAR_MIN_WORDS
        && english * 100 >= lower * CLEAR_SHARE_PERCENT
}

/// Distinct lower-case words a sample needs before [`clearly_english`] may judge it: a
/// sample that repeats itself ("it's hot and hot, and it's hot and hot") has few distinct
/// trigrams, and whatlang's confidence needs a wider margin there.
const CLEAR_MIN_DISTINCT: usize = 30;

/// The share of English function words among lower-case words, in percent, from which
/// [`clearly_english`] decides without whatlang.
pub const CLEAR_SHARE_PERCENT: usize = 40;

/// For [`clearly_english`] and its check: the sample's lower-case words (runs of ASCII
/// letters starting lower-case), how many of them are English function words, and how many
/// distinct lower-case words there are; all 0 when the sample is too short or has a letter
/// outside ASCII.
#[doc(hidden)]
pub fn clear_english_counts(sample: &str) -> (usize, usize, usize) {
    if sample.len() < CLEAR_MIN_BYTES
        || (!sample.is_ascii() && sample.chars().any(|c| !c.is_ascii() && c.is_alphabetic()))
    {
        return (0, 0, 0);
    }
    // The words are split on bytes: no byte of a character outside ASCII is an ASCII
    // letter, so the runs of ASCII letters are the same as by characters. The distinct ones
    // are counted in a set sized for a sample's few hundred words, not by sorting them.
    let mut seen: foldhash::HashSet<&[u8]> =
        foldhash::HashSet::with_capacity_and_hasher(256, Default::default());
    let (mut lower, mut english) = (0, 0);
    for w in lower_case_words(sample) {
        lower += 1;
        english += usize::from(super::stopwords::is_english_bytes(w));
        seen.insert(w);
    }
    (lower, english, seen.len())
}

/// Lower-case words a block needs before [`looks_foreign`] judges it: title-case headlines
/// and short lines are left alone (English headlines drop function words).
const FOREIGN_MIN_WORDS: usize = 8;

/// The cheap test: a block whose lower-case words are almost free of English function words
/// ("the", "of", "and"; about half of the lower-case words of English prose) is not English.
/// Words of scripts without ASCII letters count as lower-case words that are not English.
pub fn looks_foreign(text: &str, words: &[Span]) -> bool {
    let (lower, english) = function_words(text, words);
    // Under one in four: about half the lower-case words of English prose are function
    // words, and even a headline has one in three; an Italian or German line of ten words
    // has one or two that happen to be English too ("a", "in").
    lower >= FOREIGN_MIN_WORDS && english * 4 < lower
}

/// The same test the other way: at least five lower-case words, two in five of them English
/// function words (English prose has about half). A block can be neither (a headline, a
/// list of names). Not a third: "Leipziger Buchpreis geht an Debütroman über eine Familie
/// in der Lausitz" has two of six ("an", "in").
pub fn looks_english(text: &str, words: &[Span]) -> bool {
    let (lower, english) = function_words(text, words);
    lower >= 5 && english * 5 >= lower * 2
}

/// Lower-case words, and how many of them are English function words.
fn function_words(text: &str, words: &[Span]) -> (usize, usize) {
    let (mut lower, mut english) = (0usize, 0usize);
    for w in words {
        let word = text.get(w.start..w.end).unwrap_or("");
        let Some(first) = word.chars().next() else {
            continue;
        };
        if !first.is_alphabetic() || first.is_uppercase() {
            continue;
        }
        lower += 1;
        english += usize::from(super::stopwords::is_english(word));
    }
    (lower, english)
}

/// The words (sorted spans) inside a span.
fn words_in(words: &[Span], span: Span) -> &[Span] {
    let from = words.partition_point(|w| w.start < span.start);
    let to = words.partition_point(|w| w.end <= span.end);
    words.get(from..to.max(from)).unwrap_or(&[])
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The code `code` as [`Language::code`] holds it ("fr", "unknown"), for reading calq's own
/// output back; `None` for a code calq never writes.
pub fn known_code(code: &str) -> Option<&'static str> {
    if code == Language::UNKNOWN.code {
        return Some(Language::UNKNOWN.code);
    }
    Lang::all()
        .iter()
        .map(|&l| iso639_1(l))
        .find(|c| *c == code)
}

fn iso639_1(lang: Lang) -> &'static str {
    use Lang::*;
    match lang {
        Afr => "af",
        Aka => "ak",
        Amh => "am",
        Ara => "ar",
        Aze => "az",
        Bel => "be",
        Ben => "bn",
        Bul => "bg",
        Cat => "ca",
        Ces => "cs",
        Cmn => "zh",
        Dan => "da",
        Deu => "de",
        Ell => "el",
        Eng => "en",
        Epo => "eo",
        Est => "et",
        Fin => "fi",
        Fra => "fr",
        Guj => "gu",
        Heb => "he",
        Hin => "hi",
        Hrv => "hr",
        Hun => "hu",
        Hye => "hy",
        Ind => "id",
        Ita => "it",
        Jav => "jv",
        Jpn => "ja",
        Kan => "kn",
        Kat => "ka",
        Khm => "km",
        Kor => "ko",
        Lat => "la",
        Lav => "lv",
        Lit => "lt",
        Mal => "ml",
        Mar => "mr",
        Mkd => "mk",
        Mya => "my",
        Nep => "ne",
        Nld => "nl",
        Nob => "nb",
        Ori => "or",
        Pan => "pa",
        Pes => "fa",
        Pol => "pl",
        Por => "pt",
        Ron => "ro",
        Rus => "ru",
        Sin => "si",
        Slk => "sk",
        Slv => "sl",
        Sna => "sn",
        Spa => "es",
        Srp => "sr",
        Swe => "sv",
        Tam => "ta",
        Tel => "te",
        Tgl => "tl",
        Tha => "th",
        Tuk => "tk",
        Tur => "tr",
        Ukr => "uk",
        Urd => "ur",
        Uzb => "uz",
        Vie => "vi",
        Yid => "yi",
        Zul => "zu",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_follows_the_sound() {
        // Newcomer's trial: "a Italian romanisation", "evidence of a Italian source".
        for (word, article) in [
            ("Italian", "an"),
            ("English", "an"),
            ("Icelandic", "an"),
            ("Arabic", "an"),
            ("Ukrainian", "a"),
            ("French", "a"),
            ("German", "a"),
            ("foreign", "a"),
            ("", "a"),
        ] {
            assert_eq!(a_or_an(word), article, "{word}");
        }
    }

    #[test]
    fn short_text_is_unknown() {
        assert_eq!(detect("Read also"), Language::UNKNOWN);
    }

    #[test]
    fn long_text_gets_a_code() {
        let en = "The meeting began a little before nine in the morning at the mission in Geneva, and it lasted for most of the day.";
        assert_eq!(detect(en).code, "en");
        let de = "Das Treffen der amerikanischen und russischen Unterhändler endete am Montag in Genf nach fast acht Stunden ohne einen Durchbruch.";
        assert_eq!(detect(de).code, "de");
    }

    fn document_language(text: &str) -> Language {
        crate::document::Document::from_text(text).language
    }

    #[test]
    fn one_foreign_line_does_not_decide_a_mostly_english_document() {
        let english = "Talks in Kiev ended on Monday.\n\nThe government pledged 3,5 million for the repairs.\n\nOne minister called it a new era.\n\nBoth sides will meet again at the end of the month.";
        let italian = "Leggi anche: Zelensky incontra i leader europei a Bruxelles per discutere nuovi aiuti militari e finanziari";
        let (first, rest) = english.split_once("\n\n").expect("two blocks");
        let mixed = format!("{first}\n\n{italian}\n\n{rest}");
        assert_eq!(document_language(&mixed).code, "en");
        // The Italian line alone is Italian; it is the bulk that decides.
        assert_eq!(document_language(italian).code, "it");
        let mostly_italian = format!("{italian}\n\n{italian}\n\nRead more on our website.");
        assert_eq!(document_language(&mostly_italian).code, "it");
    }

    /// Three paragraphs of French news, written for calq (about 150 words).
    const FRENCH: [&str; 3] = [
        "Les habitants de la ville portuaire se prononceront dimanche sur l'avenir de la vieille digue, endommagée par deux hivers de tempêtes successives. Le conseil municipal propose de consacrer à ces travaux l'argent qui avait été réservé pour un nouveau stade.",
        "Selon le maire, les travaux pourraient commencer au printemps et dureraient environ trois ans. Les commerçants du bas de la ville, dont les boutiques ont été inondées à plusieurs reprises, soutiennent largement le projet.",
        "Les opposants estiment que la ville aurait dû demander l'aide de l'État depuis longtemps, et rappellent que d'autres communes de la côte ont obtenu des subventions importantes pour des ouvrages semblables.",
    ];

    /// An English quotation of 22 words and an English headline.
    const QUOTE: &str = "\"The wall has held for a century, but it will not survive another winter like the last two without serious repairs,\" he said.";
    const HEADLINE: &str = "Harbour city to vote on rebuilding its old sea wall";

    #[test]
    fn an_english_quotation_or_headline_does_not_make_a_french_article_english() {
        // Newcomer's trial: the French paragraphs are furniture by English stopwords, so the
        // quotation was the only body block and the article came out English at 1.0.
        let [first, second, third] = FRENCH;
        let quoted = format!("{first}\n\n{QUOTE}\n\n{second}\n\n{third}");
        assert_eq!(document_language(&quoted).code, "fr");
        let headed = format!("{HEADLINE}\n\n{first}\n\n{QUOTE}\n\n{second}\n\n{third}");
        let language = document_language(&headed);
        assert_eq!(language.code, "fr");
        assert!(language.is_foreign());
    }

    #[test]
    fn a_french_quotation_does_not_make_an_english_article_french() {
        let english = [
            "Residents of the harbour city will vote on Sunday on the future of the old sea wall, which was damaged by two winters of storms, and the council wants to spend on it the money that had been set aside for a new stadium.",
            "The mayor said the work could start in the spring and would take about three years. Shopkeepers in the lower town, whose shops have been flooded several times, mostly support the plan.",
            "Opponents say the city should have asked the state for help long ago, as other towns on the coast did, and that it would be unfair for the city's taxpayers to pay the bill on their own.",
        ];
        let [first, second, third] = english;
        let text = format!(
            "{HEADLINE}\n\n{first}\n\n{}\n\n{second}\n\n{third}",
            FRENCH[1]
        );
        assert_eq!(document_language(&text).code, "en");
    }

    #[test]
    fn the_cheap_test_needs_lower_case_words_without_english_function_words() {
        let foreign = |t: &str| {
            let doc = crate::document::Document::from_text(t);
            looks_foreign(&doc.text, &doc.words)
        };
        assert!(foreign(
            "Die Gespräche werden in der nächsten Woche in Brüssel fortgesetzt, sagte ein Sprecher des Ministeriums"
        ));
        assert!(foreign(
            "Переговоры продолжатся на следующей неделе в Брюсселе, сказал представитель министерства"
        ));
        assert!(!foreign(
            "The talks will go on next week in Brussels, a spokesman for the ministry said"
        ));
        assert!(!foreign(
            "Ukraine war: thousands flee shelling as troops advance on the capital"
        ));
        assert!(!foreign("Zelensky Urges NATO Allies To Send Tanks Now"));
        let english = |t: &str| {
            let doc = crate::document::Document::from_text(t);
            looks_english(&doc.text, &doc.words)
        };
        assert!(english(
            "It was the first time that they had been in the city for more than a year"
        ));
        assert!(!english(
            "Leipziger Buchpreis geht an Debütroman über eine Familie in der Lausitz"
        ));
        assert!(!foreign("Leggi anche"));
    }

    #[test]
    fn the_pre_test_passes_long_english_prose_only() {
        let english = "The talks between the two delegations went on for most of the day, and by the evening both sides said that they had made some progress on the questions of trade and of the border. A spokesman for the ministry told reporters that the next round would be held in Geneva at the end of the month, and that he expected the ministers themselves to attend it. Neither side would say what had been agreed, but one of the diplomats said it was the first time in years that there had been a real discussion.";
        assert!(english.len() >= CLEAR_MIN_BYTES);
        assert!(clearly_english(english));
        assert_eq!(detect(english), Language::CLEAR_ENGLISH);
        assert_eq!(whatlang_detect(english), Language::CLEAR_ENGLISH);
        // Too short, a letter outside ASCII, another language, a sample repeating itself.
        assert!(!clearly_english(&english[..300]));
        assert!(!clearly_english(&english.replace("Geneva", "Genève")));
        let german = "Die Gespräche zwischen den beiden Delegationen dauerten fast den ganzen Tag, und am Abend sagten beide Seiten, sie hätten in den Fragen des Handels und der Grenze einige Fortschritte gemacht. Ein Sprecher des Ministeriums sagte, die nächste Runde werde Ende des Monats in Genf stattfinden, und er erwarte, dass die Minister selbst daran teilnehmen würden.";
        assert!(!clearly_english(german));
        assert!(!clearly_english(
            &"it is hot and it is hot, and ".repeat(20)
        ));
    }

    #[test]
    fn english_function_words_outweigh_a_guess_made_from_foreign_names() {
        let english = "Prime Minister Giorgia Meloni met Emmanuel Macron, Olaf Scholz and Pedro \
                       Sánchez at the Palazzo Chigi in Rome on Tuesday, before a dinner at the \
                       Villa Madama with Sergio Mattarella.";
        assert_eq!(detect(english).code, "en");
        for foreign in [
            "Il presidente del Consiglio ha incontrato i leader europei a Roma martedì, prima \
             di una cena con il capo dello Stato.",
            "De minister zei dat het overleg in Kiev goed was verlopen en dat hij op een \
             akkoord hoopt voor het einde van de maand.",
            "Die Regierung hat am Dienstag in Berlin neue Hilfen angekündigt, was die \
             Opposition als zu spät kritisierte, also wieder einmal.",
        ] {
            assert!(!english_by_function_words(foreign), "{foreign}");
            assert_ne!(detect(foreign).code, "en", "{foreign}");
        }
    }

    #[test]
    fn clear_english_counts_split_on_bytes_as_on_characters() {
        let by_chars = |sample: &str| {
            if sample.len() < CLEAR_MIN_BYTES
                || sample.chars().any(|c| !c.is_ascii() && c.is_alphabetic())
            {
                return (0, 0, 0);
            }
            let mut words: Vec<&str> = sample
                .split(|c: char| !c.is_ascii_alphabetic())
                .filter(|w| w.as_bytes().first().is_some_and(u8::is_ascii_lowercase))
                .collect();
            let lower = words.len();
            let english = words
                .iter()
                .filter(|w| crate::document::stopwords::is_english(w))
                .count();
            words.sort_unstable();
            words.dedup();
            (lower, english, words.len())
        };
        let alphabets: [&[char]; 2] = [
            &[
                't', 'h', 'e', 'o', 'f', 'a', 'n', 'd', ' ', ' ', 'T', '’', '—', '“', '.', '1',
            ],
            &[
                't', 'h', 'e', 'o', 'f', ' ', ' ', 'I', '’', 'é', '.', '\n', '€', '中',
            ],
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for n in 0..2000usize {
            let alphabet = alphabets[n % 2];
            let sample =
                crate::document::segment::random_text_of(&mut seed, 380 + n % 200, alphabet);
            assert_eq!(
                clear_english_counts(&sample),
                by_chars(&sample),
                "{sample:?}"
            );
        }
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("ééé", 3), "é");
    }
}
