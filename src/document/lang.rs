//! Language identification with `whatlang`, reported as ISO 639-1 codes. whatlang is
//! unreliable on short text (the brief measured it under ~80 characters), so shorter text is
//! "unknown" rather than a guess.

use serde::Serialize;
use whatlang::Lang;

use super::{Block, BlockKind};

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
    match whatlang::detect(sample) {
        Some(info) => Language {
            code: iso639_1(info.lang()),
            confidence: (info.confidence() * 100.0).round() / 100.0,
        },
        None => Language::UNKNOWN,
    }
}

/// The document's language from its body blocks (all blocks if none is body).
pub fn detect_document(text: &str, blocks: &[Block]) -> Language {
    let mut sample = String::new();
    let body = blocks.iter().any(|b| b.kind == BlockKind::Body);
    for block in blocks.iter().filter(|b| !body || b.kind == BlockKind::Body) {
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
        sample.push_str(prefix(
            text.get(block.span.start..block.span.end).unwrap_or(""),
            SAMPLE_BYTES,
        ));
        sample.push('\n');
    }
    detect(&sample)
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

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("ééé", 3), "é");
    }
}
