//! Synthetic web reposts for training: the WMT documents are clean segments, but calq's users
//! see reposted pages with site furniture. A repost is laid out in paragraphs and given
//! English site furniture whatever its label (so furniture alone proves nothing), and a
//! machine-translated repost also gets what a machine leaves when it translates a whole page:
//! translated page furniture and bylines, damaged quote marks, source-locale numbers. The
//! phrases are written here, of the kinds the rules detect; none comes from the seed articles.

use super::data::Label;

/// A small deterministic generator (SplitMix64), so the same seed gives the same model.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next_u64() % n as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }
}

/// English site furniture, found on reposts of every kind.
const ENGLISH_HEADER: &[&str] = &[
    "World News Today",
    "Home | World | Europe",
    "International headlines in English",
    "Breaking News",
    "Latest updates",
    "Politics",
    "Published: 14 March 2022",
    "By Staff Writer",
];

const ENGLISH_FOOTER: &[&str] = &[
    "ADVERTISEMENT",
    "Related articles",
    "Share this article",
    "Comments are closed.",
    "Leave a comment",
    "Your email address will not be published.",
    "Latest news",
    "You might also like",
    "Most read",
    "Recommended for you",
    "Sign up for our newsletter",
    "All rights reserved.",
    "Trending now",
    "Follow us on social media",
];

/// Page furniture as a machine renders it from each source language: `{h}` is replaced by a
/// headline, `{n}` by a photographer's name, `{i}` by byline initials.
const TRANSLATED: &[(&str, &[&str])] = &[
    (
        "de",
        &[
            "Enlarge image",
            "Enlarge picture",
            "More on the subject",
            "More on the topic",
            "More about the topic",
            "Read also: {h}",
            "{i} / dpa",
            "{i} / dpa / AFP",
            "{i} / dpa / Reuters",
            "To the homepage",
            "Source: faz.net",
            "Source: t-online",
        ],
    ),
    (
        "fr",
        &[
            "Read also {h}",
            "Also to read: {h}",
            "Article reserved for our subscribers",
            "Reserved for subscribers",
            "The rest is reserved for subscribers.",
            "Offer this article",
            "On the same subject",
            "The World with AFP",
            "The World with AFP and Reuters",
        ],
    ),
    (
        "es",
        &[
            "It may interest you",
            "You may be interested",
            "Read also: {h}",
        ],
    ),
    (
        "it",
        &[
            "Reproduction reserved",
            "Reproduction rights reserved",
            "Read also: {h}",
        ],
    ),
    ("ru", &["Read also: {h}"]),
    ("uk", &["Read also: {h}"]),
];

/// Names as a German or French source spells them and a machine carries them over into
/// English (English form, source-language form). Written here from the romanisation rules of
/// each language (German w/sch/ch/j, French ou/ch/i), for names common in the news the
/// detector is trained on.
const ROMANISED: &[(&str, &[(&str, &str)])] = &[
    (
        "de",
        &[
            ("Gerasimov", "Gerassimow"),
            ("Kharkiv", "Charkiw"),
            ("Kherson", "Cherson"),
            ("Kyiv", "Kiew"),
            ("Lavrov", "Lawrow"),
            ("Lukashenko", "Lukaschenko"),
            ("Medvedev", "Medwedew"),
            ("Navalny", "Nawalny"),
            ("Peskov", "Peskow"),
            ("Ryabkov", "Rjabkow"),
            ("Shoigu", "Schoigu"),
            ("Yermak", "Jermak"),
            ("Zakharova", "Sacharowa"),
            ("Zelensky", "Selenskyj"),
            ("Zelenskyy", "Selenskyj"),
        ],
    ),
    (
        "fr",
        &[
            ("Gerasimov", "Guerassimov"),
            ("Kyiv", "Kiev"),
            ("Lukashenko", "Loukachenko"),
            ("Ryabkov", "Riabkov"),
            ("Shoigu", "Choïgou"),
            ("Yanukovych", "Ianoukovitch"),
            ("Yermak", "Iermak"),
            ("Zelenskyy", "Zelensky"),
        ],
    ),
];

const PHOTOGRAPHERS: &[&str] = &["Jan Weber", "Marie Laurent", "Tomas Berg", "Ana Ruiz"];
const INITIALS: &[&str] = &["abc", "mst", "kfr", "jol", "hpt"];

/// Languages of translated furniture, weighted towards the product's main sources.
const FURNITURE_LANGUAGES: &[&str] = &["de", "de", "fr", "fr", "es", "it", "ru", "uk"];

/// Builds a repost of `text`: paragraphs, English furniture, and for machine translation the
/// artifacts of translating a whole page. `headlines` supplies link lists.
pub fn repost(text: &str, label: Label, rng: &mut Rng, headlines: &[&str]) -> String {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let Some((title, body)) = lines.split_first() else {
        return text.to_owned();
    };
    let mut paragraphs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let take = 1 + rng.below(3);
        let end = (i + take).min(body.len());
        paragraphs.push(body[i..end].join(" "));
        i = end;
    }
    let machine = label == Label::Machine;
    let lang = *rng.pick(FURNITURE_LANGUAGES).unwrap_or(&"de");
    let mut title = (*title).to_owned();
    if machine && rng.chance(0.7) {
        title = romanise(&title, lang);
        for p in &mut paragraphs {
            *p = romanise(p, lang);
        }
    }
    if machine {
        if rng.chance(0.7) {
            for p in &mut paragraphs {
                *p = damage_quotes(p, rng);
            }
        }
        if rng.chance(0.3) {
            for p in &mut paragraphs {
                *p = foreign_numbers(p);
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    if rng.chance(0.6) {
        for _ in 0..1 + rng.below(2) {
            out.extend(rng.pick(ENGLISH_HEADER).map(|s| (*s).to_owned()));
        }
    }
    out.push(title);
    let phrases = TRANSLATED
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[][..], |(_, p)| *p);
    let n_translated = if machine && rng.chance(0.8) {
        1 + rng.below(4)
    } else {
        0
    };
    let mut inserts: Vec<(usize, String)> = (0..n_translated)
        .map(|_| {
            let at = rng.below(paragraphs.len() + 1);
            let phrase = rng.pick(phrases).copied().unwrap_or("Enlarge image");
            (at, fill(phrase, rng, headlines))
        })
        .collect();
    inserts.sort();
    let mut next = inserts.into_iter().peekable();
    for (k, p) in paragraphs.iter().enumerate() {
        while let Some((_, s)) = next.next_if(|(at, _)| *at == k) {
            out.push(s);
        }
        out.push(p.clone());
    }
    out.extend(next.map(|(_, s)| s));
    if rng.chance(0.7) {
        for _ in 0..1 + rng.below(3) {
            out.extend(rng.pick(ENGLISH_FOOTER).map(|s| (*s).to_owned()));
        }
        for _ in 0..rng.below(4) {
            out.extend(rng.pick(headlines).map(|s| (*s).to_owned()));
        }
    }
    out.join("\n\n")
}

/// Replaces whole-word English name forms by their forms in `lang`'s romanisation.
fn romanise(p: &str, lang: &str) -> String {
    let Some((_, names)) = ROMANISED.iter().find(|(l, _)| *l == lang) else {
        return p.to_owned();
    };
    let mut out = p.to_owned();
    for (english, foreign) in *names {
        let mut next = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(i) = rest.find(english) {
            let end = i + english.len();
            let before = rest[..i].chars().next_back();
            let after = rest[end..].chars().next();
            next.push_str(&rest[..i]);
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                next.push_str(english);
            } else {
                next.push_str(foreign);
            }
            rest = &rest[end..];
        }
        next.push_str(rest);
        out = next;
    }
    out
}

fn fill(phrase: &str, rng: &mut Rng, headlines: &[&str]) -> String {
    phrase
        .replace(
            "{h}",
            rng.pick(headlines).copied().unwrap_or("Talks resume"),
        )
        .replace(
            "{n}",
            rng.pick(PHOTOGRAPHERS).copied().unwrap_or("Jan Weber"),
        )
        .replace("{i}", rng.pick(INITIALS).copied().unwrap_or("abc"))
}

/// Quote damage of the kinds machine translation leaves when a source's « » or „ “ are
/// mapped badly: capitalised fragments, reversed and spaced marks.
fn damage_quotes(p: &str, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(p.len() + 8);
    let mut rest = p;
    while let Some(open) = rest.find(['"', '“']) {
        let mark = rest[open..].chars().next().map_or(1, char::len_utf8);
        let after = &rest[open + mark..];
        let Some(close) = after.find(['"', '”']) else {
            break;
        };
        let close_len = after[close..].chars().next().map_or(1, char::len_utf8);
        let inner = &after[..close];
        out.push_str(&rest[..open]);
        let mid_sentence = rest[..open]
            .trim_end()
            .chars()
            .last()
            .is_some_and(|c| c.is_alphanumeric() || c == ',');
        let style = rng.below(4);
        let inner_fixed = if mid_sentence && style < 2 {
            capitalise(inner)
        } else {
            inner.to_owned()
        };
        match style {
            0 | 1 => {
                out.push('“');
                out.push_str(&inner_fixed);
                out.push('”');
            }
            2 => {
                out.push_str("” ");
                out.push_str(&inner_fixed);
                out.push_str(" “");
            }
            _ => {
                out.push_str("« ");
                out.push_str(&inner_fixed);
                out.push_str(" »");
            }
        }
        rest = &after[close + close_len..];
    }
    out.push_str(rest);
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "7.5" → "7,5" and "100,000" → "100.000", as a page translated without localisation shows.
fn foreign_numbers(p: &str) -> String {
    let b = p.as_bytes();
    let mut out = String::with_capacity(p.len());
    for (i, ch) in p.char_indices() {
        let digit_around =
            i > 0 && i + 1 < b.len() && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit();
        out.push(match ch {
            '.' if digit_around => ',',
            ',' if digit_around => '.',
            c => c,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_deterministic() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(Rng::new(8).next_u64(), xs[0]);
    }

    #[test]
    fn reposts_keep_the_text_and_add_furniture() {
        let text =
            "Title here\nFirst sentence \"said here\" now.\nSecond one, 7.5 and 100,000.\nThird.";
        let mut rng = Rng::new(1);
        let human = repost(text, Label::Human, &mut rng, &["Other news"]);
        assert!(human.contains("Title here"));
        assert!(human.contains("\"said here\""), "{human}");
        let mut seen_damage = false;
        for seed in 0..20 {
            let mt = repost(text, Label::Machine, &mut Rng::new(seed), &["Other news"]);
            assert!(mt.contains("Third."));
            seen_damage |= !mt.contains("\"said here\"");
        }
        assert!(seen_damage);
    }

    #[test]
    fn names_take_the_source_romanisation_as_whole_words() {
        assert_eq!(
            romanise("Lavrov met Zelensky's aide in Kyiv; Lavrova stayed.", "de"),
            "Lawrow met Selenskyj's aide in Kiew; Lavrova stayed."
        );
        assert_eq!(romanise("Shoigu spoke.", "fr"), "Choïgou spoke.");
        assert_eq!(romanise("Shoigu spoke.", "ja"), "Shoigu spoke.");
    }

    #[test]
    fn quote_damage_and_numbers() {
        assert_eq!(
            foreign_numbers("7.5 and 100,000, end."),
            "7,5 and 100.000, end."
        );
        let damaged = damage_quotes("He said \"never again\" today.", &mut Rng::new(3));
        assert!(!damaged.contains("\"never again\""), "{damaged}");
    }
}
