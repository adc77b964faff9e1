//! The romanisation schemes the press of each language uses for Russian and Ukrainian names,
//! and which of them a spelling follows, judged by comparing it with the English house form:
//! German writes "sch", "tsch", "w", "j" and an initial "s" for English "sh", "ch", "v", "y"
//! and "z"; French writes "ch", "tch", "j", "ou" and "ia" for "sh", "ch", "zh", "u" and "ya"
//! (Duden and Le Monde conventions); Spanish writes "j" for "kh" (EFE: "Jruschov", "Járkov");
//! Italian writes "sc"/"sci" and "c"/"ci" for "sh" and "ch" ("Krusciov", "Gorbaciov");
//! Polish and Czech are told by their own letters (ó, ł, ż … and č, ř, ž …) and Polish also
//! by "sz" and "cz".
//! The letters each scheme writes for each Cyrillic letter live in `translit`.

use serde::Serialize;

use super::matcher::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// BGN/PCGN-like, as the English-language press writes it: the house forms' scheme.
    English,
    German,
    French,
    Spanish,
    Italian,
    /// Polish press transcription (PWN): "sz", "cz", "ż", "ch", "w", "ie" ("Żukow",
    /// "Chruszczow", "Miedwiediew").
    Polish,
    /// Czech transcription (ČSN 01 6150 as the press uses it): "š", "č", "ž", "ch", "c",
    /// "j" ("Žukov", "Chruščov", "Doněck").
    Czech,
}

impl Scheme {
    /// Every scheme, English (the house scheme) first.
    pub const ALL: [Scheme; 7] = [
        Scheme::English,
        Scheme::German,
        Scheme::French,
        Scheme::Spanish,
        Scheme::Italian,
        Scheme::Polish,
        Scheme::Czech,
    ];

    pub const fn adjective(self) -> &'static str {
        match self {
            Scheme::English => "English",
            Scheme::German => "German",
            Scheme::French => "French",
            Scheme::Spanish => "Spanish",
            Scheme::Italian => "Italian",
            Scheme::Polish => "Polish",
            Scheme::Czech => "Czech",
        }
    }

    /// The language a spelling in this scheme is evidence of translation from: none for the
    /// English scheme, which is the house scheme.
    pub const fn source_language(self) -> Option<&'static str> {
        match self {
            Scheme::English => None,
            s => Some(s.language()),
        }
    }

    /// The ISO 639-1 code of the language whose press uses the scheme.
    pub const fn language(self) -> &'static str {
        match self {
            Scheme::English => "en",
            Scheme::German => "de",
            Scheme::French => "fr",
            Scheme::Spanish => "es",
            Scheme::Italian => "it",
            Scheme::Polish => "pl",
            Scheme::Czech => "cs",
        }
    }
}

/// Every scheme that writes a spelling one way, for the spellings several press traditions
/// share ("Riabkov" is the French, Spanish and Italian spelling of Рябков): such a spelling
/// is evidence of translation from one of them, and names none of them by itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Schemes(u8);

impl Schemes {
    /// Also written this way by languages with no scheme here (Dutch, Slovak and the
    /// scholarly transliteration write Czech's plain "Rjabkov").
    const OTHERS: u8 = 1 << 7;

    pub const fn empty() -> Schemes {
        Schemes(0)
    }

    pub const fn one(scheme: Scheme) -> Schemes {
        Schemes(1 << scheme as u8)
    }

    pub fn insert(&mut self, scheme: Scheme) {
        self.0 |= 1 << scheme as u8;
    }

    pub const fn contains(self, scheme: Scheme) -> bool {
        self.0 & (1 << scheme as u8) != 0
    }

    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Whether languages with no scheme here write the spelling too.
    pub const fn has_others(self) -> bool {
        self.0 & Self::OTHERS != 0
    }

    /// The schemes in [`Scheme::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = Scheme> {
        Scheme::ALL.into_iter().filter(move |&s| self.contains(s))
    }

    /// How many writers the spelling has: its schemes, and the other languages as one.
    pub fn writers(self) -> usize {
        (self.0 & !Self::OTHERS).count_ones() as usize + usize::from(self.has_others())
    }

    /// Whether one source language alone writes the spelling this way: not English (the house
    /// scheme, which is no evidence of translation), and no language without a scheme here.
    pub fn is_one_language(self) -> bool {
        self.writers() == 1 && !self.contains(Scheme::English) && !self.has_others()
    }

    /// The source schemes' adjectives as a list, English (the house scheme) left out:
    /// "French, Spanish or Italian".
    pub fn adjectives(self) -> String {
        let names: Vec<&str> = self
            .iter()
            .filter(|&s| s != Scheme::English)
            .map(Scheme::adjective)
            .collect();
        match names.as_slice() {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        }
    }

    /// The schemes that romanise `cyrillic` (a whole name, or its last word) as `spelling`,
    /// compared folded (case and marks aside), reading the name as its letters suggest. A Czech spelling without a letter only Czech
    /// writes is also Dutch, Slovak and scholarly ("Rjabkov"): it gets [`Schemes::has_others`].
    pub fn writing(spelling: &str, cyrillic: &str) -> Schemes {
        let wanted = fold(spelling);
        let last = cyrillic.rsplit(' ').next().unwrap_or(cyrillic);
        let mut out = Schemes::empty();
        for scheme in Scheme::ALL {
            // The name is read the way its letters suggest only: the Ukrainian reading of a
            // Russian name ("Riabkov" in English, "Peskow" in Polish) is no spelling that
            // language's press uses for it.
            let hit = [cyrillic, last]
                .into_iter()
                .any(|c| fold(&super::translit::romanise(c, scheme)) == wanted);
            if hit {
                out.insert(scheme);
            }
        }
        out.with_others_for(spelling)
    }

    /// Marks a plain Czech spelling as shared with languages that have no scheme here.
    pub fn with_others_for(mut self, spelling: &str) -> Schemes {
        let czech_letter = spelling
            .chars()
            .flat_map(char::to_lowercase)
            .any(|c| CZECH_LETTERS.contains(&c));
        if self.contains(Scheme::Czech) && !czech_letter {
            self.0 |= Self::OTHERS;
        }
        self
    }
}

/// `(in the variant, in the house form)` pairs typical of each scheme.
const GERMAN: &[(&str, &str)] = &[
    ("sch", "sh"),
    ("tsch", "ch"),
    ("w", "v"),
    ("ja", "ya"),
    ("ju", "yu"),
    ("je", "ye"),
    ("jo", "yo"),
    ("ij", "iy"),
    ("ij", "yy"),
    ("sh", "zh"),
    ("ss", "s"),
    ("ch", "kh"),
    ("z", "ts"),
    ("tz", "ts"),
];
const FRENCH: &[(&str, &str)] = &[
    ("tch", "ch"),
    ("ch", "sh"),
    ("ou", "u"),
    ("ia", "ya"),
    ("iou", "yu"),
    ("ie", "ye"),
    ("ï", "i"),
    ("ine", "in"),
    ("j", "zh"),
    ("ii", "iy"),
];

/// Spanish writes "j" for х, where English has "kh" ("Jruschov", "Járkov").
const SPANISH: &[(&str, &str)] = &[("j", "kh")];
/// Italian writes "sc(i)" for ш and щ and "c(i)" for ч; checked with "sch" blanked out, which
/// is German.
const ITALIAN: &[(&str, &str)] = &[("sci", "sh"), ("sc", "sh"), ("ci", "ch"), ("ce", "che")];

/// Letters of Polish that neither Czech nor the other schemes write ("Żukow", "Łukaszenka").
/// Its "ó" is also a Spanish stress accent ("Jersón"): it counts only with Polish "w"
/// ("Kijów", "Charków").
const POLISH_LETTERS: &[char] = &['ą', 'ć', 'ę', 'ł', 'ń', 'ś', 'ź', 'ż'];
/// Letters of Czech that Polish does not write ("Žukov", "Chruščov", "Doněck").
const CZECH_LETTERS: &[char] = &['č', 'ď', 'ě', 'ň', 'ř', 'š', 'ť', 'ů', 'ž'];
/// Polish digraphs for ш and ч ("Chruszczow"); its "w" for в is German's too.
const POLISH: &[(&str, &str)] = &[("sz", "sh"), ("cz", "ch")];

/// The scheme a variant most likely follows, or `None` when nothing points either way or two
/// schemes tie. Never `English`: the house form is the English spelling it is compared with.
/// A letter only Polish (or only Czech) writes, and the house form lacks, decides at once.
pub fn guess(variant: &str, house: &str) -> Option<Scheme> {
    let v = variant.to_lowercase();
    let h = house.to_lowercase();
    let has = |letters: &[char]| v.chars().any(|c| letters.contains(&c) && !h.contains(c));
    let polish = has(POLISH_LETTERS) || (has(&['ó']) && v.contains('w'));
    match (polish, has(CZECH_LETTERS)) {
        (true, false) => return Some(Scheme::Polish),
        (false, true) => return Some(Scheme::Czech),
        (true, true) => return None,
        (false, false) => {}
    }
    let (vf, hf) = (fold(variant), fold(house));
    // `v` keeps the marks ("ï") some cues need; `vf` is the folded spelling.
    let score = |cues: &[(&str, &str)], v: &str, vf: &str| {
        cues.iter()
            .filter(|(x, y)| {
                let in_v = v.contains(x) || vf.contains(x);
                in_v && hf.contains(y) && !hf.contains(x)
            })
            .count()
    };
    let mut german = score(GERMAN, &v, &vf);
    // A doubled "s" alone is no German cue: English spellings taken from Russian keep
    // Russian's own "сс" ("Odessa", "Donbass" for Odesa and Donbas), so only with another
    // German trait ("Wassili") does it count.
    if german == 1 && score(&[("ss", "s")], &v, &vf) == 1 {
        german = 0;
    }
    let mut french = score(FRENCH, &v, &vf);
    let mut spanish = score(SPANISH, &v, &vf);
    let no_sch = |s: &str| s.replace("sch", "#");
    let italian = score(ITALIAN, &no_sch(&v), &no_sch(&vf));
    let polish = score(POLISH, &v, &vf);
    // щ: German writes "schtsch", Spanish "sch" ("Jruschov").
    if hf.contains("shch") && vf.contains("sch") && !vf.contains("schtsch") {
        german = german.saturating_sub(1);
        spanish += 1;
    }
    // German "s" before a vowel is voiced: "Selensky" for "Zelensky".
    if vf.starts_with('s') && hf.starts_with('z') {
        german += 1;
    }
    // "ch" alone is French; inside "sch" or "tsch" it is German.
    if vf.contains("sch") {
        french = french.saturating_sub(1);
        if hf.contains("kh") && !vf.replace("sch", "").contains("ch") {
            german = german.saturating_sub(1);
        }
    }
    let scores = [
        (Scheme::German, german),
        (Scheme::French, french),
        (Scheme::Spanish, spanish),
        (Scheme::Italian, italian),
        (Scheme::Polish, polish),
    ];
    let best = scores.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let mut leaders = scores.iter().filter(|(_, n)| *n == best && best > 0);
    match (leaders.next(), leaders.next()) {
        (Some((scheme, _)), None) => Some(*scheme),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_spellings() {
        for (v, h) in [
            ("Rjabkow", "Ryabkov"),
            ("Selensky", "Zelensky"),
            ("Stefanischina", "Stefanishyna"),
            ("Lawrow", "Lavrov"),
            ("Chruschtschow", "Khrushchev"),
            ("Kiew", "Kyiv"),
            ("Bachmut", "Bakhmut"),
            ("Donezk", "Donetsk"),
            ("Charkiw", "Kharkiv"),
        ] {
            assert_eq!(guess(v, h), Some(Scheme::German), "{v}");
        }
    }

    #[test]
    fn french_spellings() {
        for (v, h) in [
            ("Riabkov", "Ryabkov"),
            ("Choïgou", "Shoigu"),
            ("Prigojine", "Prigozhin"),
            ("Medvedtchouk", "Medvedchuk"),
        ] {
            assert_eq!(guess(v, h), Some(Scheme::French), "{v}");
        }
    }

    #[test]
    fn spanish_and_italian_spellings() {
        for (v, h, scheme) in [
            ("Jruschov", "Khrushchev", Scheme::Spanish),
            ("Járkov", "Kharkov", Scheme::Spanish),
            ("Jersón", "Kherson", Scheme::Spanish),
            ("Krusciov", "Khrushchev", Scheme::Italian),
            ("Gorbaciov", "Gorbachev", Scheme::Italian),
            ("Scioigu", "Shoigu", Scheme::Italian),
        ] {
            assert_eq!(guess(v, h), Some(scheme), "{v}");
        }
    }

    #[test]
    fn polish_and_czech_spellings() {
        // Newcomer's trial: "Kijów" was called German (its "w").
        for (v, h, scheme) in [
            ("Kijów", "Kyiv", Scheme::Polish),
            ("Żukow", "Zhukov", Scheme::Polish),
            ("Łukaszenka", "Lukashenko", Scheme::Polish),
            ("Charków", "Kharkiv", Scheme::Polish),
            ("Chruszczow", "Khrushchev", Scheme::Polish),
            ("Žukov", "Zhukov", Scheme::Czech),
            ("Chruščov", "Khrushchev", Scheme::Czech),
            ("Doněck", "Donetsk", Scheme::Czech),
        ] {
            assert_eq!(guess(v, h), Some(scheme), "{v}");
        }
        // A letter the house form has itself is no cue.
        assert_eq!(guess("Lodz", "Łódź"), None);
    }

    #[test]
    fn a_spelling_is_every_scheme_s_that_writes_it() {
        // Newcomer's trial: "Riabkov" counted for French alone, "Rjabkov" was called Italian.
        let riabkov = Schemes::writing("Riabkov", "Сергей Рябков");
        let shared: Vec<Scheme> = riabkov.iter().collect();
        assert_eq!(
            shared,
            [Scheme::French, Scheme::Spanish, Scheme::Italian],
            "{riabkov:?}"
        );
        assert!(!riabkov.is_one_language());
        assert_eq!(riabkov.writers(), 3);
        assert_eq!(riabkov.adjectives(), "French, Spanish or Italian");
        // Italian writes no "Rj"; the plain Czech spelling is also Dutch and Slovak.
        let rjabkov = Schemes::writing("Rjabkov", "Сергей Рябков");
        assert_eq!(rjabkov.iter().collect::<Vec<_>>(), [Scheme::Czech]);
        assert!(rjabkov.has_others() && !rjabkov.is_one_language());
        assert_eq!(rjabkov.writers(), 2);
        // One language's own spelling.
        for (spelling, cyrillic, scheme) in [
            ("Rjabkow", "Рябков", Scheme::German),
            ("Járkov", "Харьков", Scheme::Spanish),
            ("Žukov", "Жуков", Scheme::Czech),
        ] {
            let w = Schemes::writing(spelling, cyrillic);
            assert_eq!(w, Schemes::one(scheme), "{spelling}");
            assert!(w.is_one_language(), "{spelling}");
        }
        // A spelling no scheme writes, and the house form itself.
        assert!(Schemes::writing("Rybakov", "Сергей Рябков").is_empty());
        assert!(!Schemes::writing("Ryabkov", "Рябков").is_one_language());
    }

    #[test]
    fn no_basis_no_guess() {
        assert_eq!(guess("Kiev", "Kyiv"), None);
        assert_eq!(guess("Zelensky", "Zelenskyy"), None);
        // The English spellings from Russian, with its double "s".
        assert_eq!(guess("Odessa", "Odesa"), None);
        assert_eq!(guess("Donbass", "Donbas"), None);
        // With another German trait the double "s" is German again.
        assert_eq!(guess("Wassili", "Vasily"), Some(Scheme::German));
    }
}
