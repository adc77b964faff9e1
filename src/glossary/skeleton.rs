//! The transliteration key: a spelling reduced so that the romanisation schemes of English,
//! French and German agree. `normalize` maps the letters each scheme writes differently for
//! the same Cyrillic letter to one symbol (ш/ч/х/ж: sh, sch, ch, tch, tsch, kh, zh, j → X;
//! з/ц/с: z, s, ts, tz → Z; я: ya, ia, ja → A; в: v, w, ff → v; й/ы: y, j, ij, iy, yy → i);
//! `skeleton` keeps its consonants only, to find candidates; a candidate is confirmed by edit
//! distance on the normalised forms. A lone "h" stays: dropping it would tie "Hammel" to
//! "Homel" and "Human" to "Uman".

/// Multi-letter spellings, longest first within each starting letter.
const DIGRAPHS: &[(&str, &str)] = &[
    ("schtsch", "X"),
    ("shtsch", "X"),
    ("chtch", "X"),
    ("shch", "X"),
    ("tsch", "X"),
    ("tch", "X"),
    ("sch", "X"),
    ("ch", "X"),
    ("sh", "X"),
    ("zh", "X"),
    ("kh", "X"),
    ("cz", "X"),
    ("sz", "X"),
    ("ts", "Z"),
    ("tz", "Z"),
    ("ya", "A"),
    ("ia", "A"),
    ("ja", "A"),
    ("yu", "U"),
    ("iu", "U"),
    ("ju", "U"),
    ("ye", "E"),
    ("je", "E"),
    ("yo", "O"),
    ("io", "O"),
    ("jo", "O"),
    ("ou", "u"),
    ("ph", "f"),
    ("ck", "k"),
    ("ff", "v"),
    ("x", "ks"),
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'A' | 'E' | 'U' | 'O')
}

/// The normalised spelling of a folded (lower-case, diacritic-free) word.
pub fn normalize(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    let mut i = 0;
    'outer: while i < chars.len() {
        let c = chars[i];
        // French "j" between vowels is ж ("Prigojine"); elsewhere "j" is a glide (German "Rjabkow").
        if c == 'j'
            && i > 0
            && is_vowel(chars[i - 1])
            && chars.get(i + 1).is_some_and(|n| is_vowel(*n))
        {
            out.push('X');
            i += 1;
            continue;
        }
        for (pat, rep) in DIGRAPHS {
            let n = pat.chars().count();
            if chars.len() - i >= n && pat.chars().zip(&chars[i..]).all(|(a, b)| a == *b) {
                out.push_str(rep);
                i += n;
                continue 'outer;
            }
        }
        out.push(match c {
            'z' | 's' => 'Z',
            'w' => 'v',
            'y' | 'j' => 'i',
            'c' | 'q' => 'k',
            c => c,
        });
        i += 1;
    }
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if !collapsed.ends_with(c) {
            collapsed.push(c);
        }
    }
    // French adds a mute "e" after a final "-in" ("Prigojine", "Poutine").
    if collapsed.len() > 5 && collapsed.ends_with("ine") {
        collapsed.pop();
    }
    collapsed
}

/// The consonants of a normalised spelling: the lookup key.
pub fn skeleton(normalized: &str) -> String {
    normalized.chars().filter(|c| !is_vowel(*c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(s: &str) -> String {
        normalize(&crate::glossary::matcher::fold(s))
    }

    #[test]
    fn schemes_agree() {
        for group in [
            &["Ryabkov", "Riabkov", "Rjabkow"][..],
            &[
                "Zelenskyy",
                "Zelensky",
                "Selensky",
                "Selenskyj",
                "Zelenskiy",
            ],
            &["Stefanishyna", "Stefanischina", "Stefanishina"],
            &["Prigozhin", "Prigojine", "Prigoschin"],
            &["Kharkiv", "Charkiw"],
            &["Medvedchuk", "Medvedtchouk", "Medwedtschuk"],
        ] {
            let k: Vec<String> = group.iter().map(|s| key(s)).collect();
            assert!(k.iter().all(|x| x == &k[0]), "{group:?} → {k:?}");
        }
    }

    #[test]
    fn different_names_differ() {
        assert_ne!(key("Rybakov"), key("Ryabkov"));
        assert_ne!(skeleton(&key("Medvedchuk")), skeleton(&key("Medvedev")));
        assert_ne!(skeleton(&key("Kiel")), skeleton(&key("Kyiv")));
        assert_ne!(skeleton(&key("Human")), skeleton(&key("Uman")));
    }
}
