//! Russian-derived forms of places whose house form is a Ukrainian romanisation: "Kiev" for
//! "Kyiv", "Chernigov" for "Chernihiv", "Rovno" for "Rivne", "Zhitomir" for "Zhytomyr". The
//! house form is rewritten by the regular correspondences between Ukrainian and Russian
//! spelling ([`Correspondence`]); a word is the Russian form when, in any scheme, it is a
//! spelling of one of those rewritten forms (same skeleton, small weighted distance:
//! `skeleton`) and is spelled more like it than like the house form. Reporting lives in NM002
//! (`rules::names::deprecated_name`); listed variants are matched before any of this.
//!
//! Only places get this: a person's Ukrainian and Russian names are both the person's, and
//! which one a newsroom uses is not a matter of spelling.

// foldhash, not SipHash: `find` looks up every capitalised word of every document here.
use foldhash::HashMap;

use super::{Kind, Term, skeleton};

/// One regular difference between a Ukrainian place name and its Russian form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Correspondence {
    /// Ukrainian г is "h", Russian г "g" (Chernihiv, Chernigov).
    HG,
    /// Ukrainian и is "y", Russian и "i" (Zhytomyr, Zhitomir).
    YI,
    /// Ukrainian ї and -ий as "yi", Russian "i" (Kryvyi, Krivoi).
    YiI,
    /// Ukrainian є after a consonant as "ie", Russian е "e" (Sievierodonetsk, Severodonetsk).
    IeE,
    /// Ukrainian і in a closed syllable where Russian has о (Kharkiv, Kharkov).
    IO,
    /// Ukrainian і in a closed syllable where Russian has е (Dnipro, Dnepr).
    IE,
    /// The neuter ending: Ukrainian -е, Russian -о (Rivne, Rovno).
    EO,
    /// Ukrainian -ia, Russian -iya (Balakliia, Balakliya).
    IaIya,
    /// Ukrainian doubled consonant and -ia, Russian one consonant and -ye (Zaporizhzhia,
    /// Zaporozhye).
    DoubledIa,
    /// The adjectival ending: Ukrainian -ske, Russian -skoye (Pokrovske, Pokrovskoye).
    Ske,
}

impl Correspondence {
    /// How the message names it: the Ukrainian spelling, then the Russian one.
    pub const fn describe(self) -> &'static str {
        match self {
            Correspondence::HG => "h for g (г)",
            Correspondence::YI => "y for i (и)",
            Correspondence::YiI => "yi for i",
            Correspondence::IeE => "ie for e (є/е)",
            Correspondence::IO => "i for o in a closed syllable (і/о)",
            Correspondence::IE => "i for e in a closed syllable (і/е)",
            Correspondence::EO => "final -e for -o",
            Correspondence::IaIya => "-ia for -iya",
            Correspondence::DoubledIa => "a doubled consonant and -ia for -ye",
            Correspondence::Ske => "-ske for -skoye",
        }
    }
}

/// A Russian form derived from a house form.
#[derive(Debug, Clone)]
struct Derived {
    term: usize,
    /// Index into [`RussianForms::houses`].
    house: usize,
    /// The folded derived spelling and its normalised form.
    spelling: String,
    normalized: String,
    /// How far a spelling may be from it (see `skeleton::distance`): nothing on a short
    /// name, as for NM003.
    allowed: f32,
    via: Vec<Correspondence>,
}

/// The Russian forms of every eligible place in a glossary, by skeleton.
#[derive(Debug, Clone, Default)]
pub struct RussianForms {
    by_skeleton: HashMap<String, Vec<Derived>>,
    /// The folded house form of each eligible place and its normalised form, once for all
    /// the forms derived from it.
    houses: Vec<(String, String)>,
}

/// A word found to be the Russian form of a place.
#[derive(Debug, Clone, PartialEq)]
pub struct RussianForm<'a> {
    /// Index into the matcher's terms.
    pub term: usize,
    /// The correspondences that turn the house form into the word.
    pub via: &'a [Correspondence],
}

/// At most this many forms per place: the correspondences combine, and a long name with many
/// closed syllables must not cost the glossary's load time.
const MAX_FORMS: usize = 48;

impl RussianForms {
    pub fn new(terms: &[Term]) -> Self {
        let mut by_skeleton: HashMap<String, Vec<Derived>> = HashMap::default();
        let mut houses = Vec::new();
        for (i, t) in terms.iter().enumerate() {
            if !eligible(t) {
                continue;
            }
            let house = skeleton::fold_key(&t.canonical);
            let derived = derive(&house);
            let house_normalized = skeleton::normalize(&house);
            houses.push((house, house_normalized));
            let house = houses.len() - 1;
            for (spelling, via) in derived {
                let normalized = skeleton::normalize(&spelling);
                by_skeleton
                    .entry(skeleton::skeleton(&normalized))
                    .or_default()
                    .push(Derived {
                        term: i,
                        house,
                        spelling,
                        allowed: if normalized.chars().count() > 5 {
                            0.75
                        } else {
                            0.0
                        },
                        normalized,
                        via,
                    });
            }
        }
        RussianForms {
            by_skeleton,
            houses,
        }
    }

    /// The place `word` (capitalised, four letters or more) is the Russian form of, if any.
    pub fn find(&self, word: &str) -> Option<RussianForm<'_>> {
        if !word.chars().next().is_some_and(char::is_uppercase) || word.chars().nth(3).is_none() {
            return None;
        }
        // One reading only: the Russian forms the other readings would reach are exonyms
        // ("Czernowitz"), and this runs on every capitalised word.
        let normalized = skeleton::normalized_word(word);
        let candidates = self.by_skeleton.get(&skeleton::skeleton(&normalized))?;
        let folded = skeleton::fold_key(word);
        let folded = folded.as_str();
        let normalized = &*normalized;
        let mut best: Option<(f32, usize, &Derived)> = None;
        for d in candidates {
            let Some((house, house_normalized)) = self.houses.get(d.house) else {
                continue;
            };
            let distance = skeleton::distance_within_language(normalized, &d.normalized);
            let closeness = strsim::levenshtein(folded, &d.spelling);
            // The word must be spelled more like the Russian form than like the house
            // form, letter for letter or once normalised: "Zhytomir" is a slip,
            // "Zhitomir" and Czech "Kyjev" Russian forms.
            let nearer = closeness < strsim::levenshtein(folded, house)
                || distance < skeleton::distance_within_language(normalized, house_normalized);
            if distance > d.allowed || !nearer {
                continue;
            }
            if best.is_none_or(|(bd, bc, _)| (distance, closeness) < (bd, bc)) {
                best = Some((distance, closeness, d));
            }
        }
        best.map(|(_, _, d)| RussianForm {
            term: d.term,
            via: &d.via,
        })
    }
}

/// A one-word place whose house form may be a Ukrainian romanisation: its `cyrillic`, if
/// given, is not Russian (no ё, ы, э, ъ, and Ukrainian letters or a note naming Ukraine).
fn eligible(t: &Term) -> bool {
    if t.kind != Kind::Place || t.canonical.contains([' ', '-']) || !t.canonical.is_ascii() {
        return false;
    }
    let Some(cyrillic) = &t.cyrillic else {
        return true;
    };
    let lower = cyrillic.to_lowercase();
    let russian = lower.contains(['ё', 'ы', 'э', 'ъ']);
    let ukrainian = lower.contains(['і', 'ї', 'є', 'ґ'])
        || t.note.as_deref().is_some_and(|n| n.contains("Ukrain"));
    ukrainian && !russian
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// A standalone "h" (not in kh, zh, sh, ch).
fn standalone_h(b: &[u8], i: usize) -> bool {
    b[i] == b'h' && !(i > 0 && matches!(b[i - 1], b'k' | b'z' | b's' | b'c'))
}

/// The Russian forms of a folded, ASCII house form, each with the correspondences applied.
fn derive(house: &str) -> Vec<(String, Vec<Correspondence>)> {
    type Rewrite = fn(&str) -> Option<String>;
    let rewrites: &[(Correspondence, Rewrite)] = &[
        (Correspondence::HG, |s| {
            let b = s.as_bytes();
            let out: String = (0..b.len())
                .map(|i| {
                    if standalone_h(b, i) {
                        'g'
                    } else {
                        b[i] as char
                    }
                })
                .collect();
            (out != s).then_some(out)
        }),
        (Correspondence::YiI, |s| {
            s.contains("yi").then(|| s.replace("yi", "i"))
        }),
        (Correspondence::YI, |s| {
            let b = s.as_bytes();
            let out: String = (0..b.len())
                .map(|i| {
                    // "y" after a consonant is и, also before "i" (ї: "Kyiv", Київ);
                    // before another vowel it writes a glide ("ya", "yu").
                    let consonant_before = i > 0 && !is_vowel(b[i - 1]);
                    let glide_after = b.get(i + 1).is_some_and(|&n| is_vowel(n) && n != b'i');
                    if b[i] == b'y' && consonant_before && !glide_after {
                        'i'
                    } else {
                        b[i] as char
                    }
                })
                .collect();
            (out != s).then_some(out)
        }),
        (Correspondence::IeE, |s| {
            let b = s.as_bytes();
            let at = (1..b.len().saturating_sub(1))
                .find(|&i| &b[i..i + 2] == b"ie" && !is_vowel(b[i - 1]))?;
            Some(format!("{}{}", &s[..at], &s[at + 1..]))
        }),
        (Correspondence::DoubledIa, |s| {
            let stem = s.strip_suffix("ia")?;
            let unit = ["zh", "sh", "ch", "ts"]
                .into_iter()
                .find(|d| stem.ends_with(&format!("{d}{d}")))
                .map(str::len)
                .or_else(|| {
                    let b = stem.as_bytes();
                    (b.len() >= 2 && b[b.len() - 1] == b[b.len() - 2] && !is_vowel(b[b.len() - 1]))
                        .then_some(1)
                })?;
            Some(format!("{}ye", &stem[..stem.len() - unit]))
        }),
        (Correspondence::IaIya, |s| {
            let stem = s.strip_suffix("ia")?;
            Some(format!("{stem}iya"))
        }),
        (Correspondence::Ske, |s| {
            s.strip_suffix("ske").map(|stem| format!("{stem}skoye"))
        }),
        (Correspondence::EO, |s| {
            let stem = s.strip_suffix('e')?;
            let b = stem.as_bytes();
            (b.len() >= 2 && !is_vowel(b[b.len() - 1]) && !stem.ends_with("sk"))
                .then(|| format!("{stem}o"))
        }),
    ];
    let mut forms: Vec<(String, Vec<Correspondence>)> = vec![(house.to_owned(), Vec::new())];
    for (corr, rewrite) in rewrites {
        let mut more = Vec::new();
        for (s, via) in &forms {
            if let Some(r) = rewrite(s) {
                let mut via = via.clone();
                via.push(*corr);
                more.push((r, via));
            }
        }
        forms.extend(more);
        forms.truncate(MAX_FORMS);
    }
    // Then one closed-syllable "i" read as Russian "o" or "e": an "i" after a consonant and
    // before a consonant that ends the word or is followed by another consonant.
    let mut closed = Vec::new();
    for (s, via) in &forms {
        let b = s.as_bytes();
        for i in 1..b.len().saturating_sub(1) {
            let shut = b.get(i + 2).is_none_or(|&c| !is_vowel(c));
            let after = !is_vowel(b[i - 1]) || b[i - 1] == b'i';
            if b[i] == b'i' && after && !is_vowel(b[i + 1]) && shut {
                for (letter, corr) in [("o", Correspondence::IO), ("e", Correspondence::IE)] {
                    let mut via = via.clone();
                    via.push(corr);
                    closed.push((format!("{}{letter}{}", &s[..i], &s[i + 1..]), via));
                }
            }
        }
    }
    forms.extend(closed);
    forms.truncate(MAX_FORMS * 2);
    forms.retain(|(_, via)| !via.is_empty());
    forms
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    fn forms() -> RussianForms {
        let g = Glossary::parse(
            r#"[glossary]
name = "t"
language = "en"
[[term]]
canonical = "Kyiv"
kind = "place"
[[term]]
canonical = "Chernihiv"
kind = "place"
[[term]]
canonical = "Rivne"
kind = "place"
[[term]]
canonical = "Zhytomyr"
kind = "place"
[[term]]
canonical = "Kharkiv"
kind = "place"
[[term]]
canonical = "Zaporizhzhia"
kind = "place"
[[term]]
canonical = "Dnipropetrovsk"
kind = "place"
[[term]]
canonical = "Belgorod"
kind = "place"
cyrillic = "Белгород"
[[term]]
canonical = "Lviv"
kind = "place"
cyrillic = "Львів"
[[term]]
canonical = "Lyudmila Denisova"
kind = "person"
"#,
            "t.toml",
        )
        .expect("valid");
        RussianForms::new(&g.terms)
    }

    fn describe(f: &RussianForms, word: &str) -> Option<(usize, Vec<Correspondence>)> {
        f.find(word).map(|r| (r.term, r.via.to_vec()))
    }

    #[test]
    fn finds_russian_forms_in_any_scheme() {
        use Correspondence::*;
        let f = forms();
        for (word, term, via) in [
            ("Kiev", 0, &[YI, IE][..]),
            ("Kiew", 0, &[YI, IE]),
            ("Chernigov", 1, &[HG, IO]),
            ("Tschernigow", 1, &[HG, IO]),
            ("Rovno", 2, &[EO, IO]),
            ("Zhitomir", 3, &[YI]),
            ("Kharkov", 4, &[IO]),
            ("Charkow", 4, &[IO]),
            ("Zaporozhye", 5, &[DoubledIa, IO]),
            ("Dnepropetrovsk", 6, &[IE]),
            ("Dnjepropetrowsk", 6, &[IE]),
            ("Lvov", 8, &[IO]),
            ("Kyjev", 0, &[YI, IE]),
        ] {
            assert_eq!(describe(&f, word), Some((term, via.to_vec())), "{word}");
        }
    }

    #[test]
    fn house_forms_slips_words_and_russian_places_are_not_russian_forms() {
        let f = forms();
        for word in [
            "Kyiv",
            "Kiel",
            "Chernihiv",
            "Rivne",
            "Raven",
            "Zhytomyr",
            "Zhytomir",
            "Charkiw",
            "Belgorod",
            "Bilhorod",
            "Kharkiv",
            "Denisov",
            "Lviv",
            "kiev",
            "Riven",
            "Harkov",
        ] {
            assert_eq!(describe(&f, word), None, "{word}");
        }
    }
}
