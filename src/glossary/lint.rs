//! `calq glossary check`: every problem in a glossary file at once, each with its line —
//! bad rows, duplicates, a variant claimed by two terms or equal to another term's canonical
//! form, text not in NFC, keep contexts that keep nothing, and entries out of order.
//! Loading (`Glossary::parse`) stops at the first bad row; this reads leniently to go on.

use std::collections::HashMap;

use serde::Deserialize;
use unicode_normalization::is_nfc;

use super::matcher::{fold, without_possessive};
use super::{Header, RawTerm, Term, line_of, problems};
use crate::document::LineIndex;
use crate::error::Error;

/// One problem, at the 1-based line of the `[[term]]` (or header) it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

#[derive(Deserialize)]
struct Loose {
    glossary: Option<toml::Spanned<toml::Value>>,
    #[serde(default)]
    term: Vec<toml::Spanned<toml::Value>>,
    #[serde(flatten)]
    other: toml::Table,
}

/// Checks a glossary's text. Only text that is not TOML at all is an error; everything else
/// is a list of problems (empty when the file is clean), in line order.
pub fn check(text: &str, path: &str) -> Result<Vec<Problem>, Error> {
    let loose: Loose = toml::from_str(text).map_err(|e| match super::not_toml(text, path) {
        Some(message) => Error::Glossary {
            path: path.into(),
            line: None,
            message,
        },
        None => Error::Glossary {
            path: path.into(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().to_owned(),
        },
    })?;
    let mut problems = Vec::new();
    let mut push = |line: usize, message: String| problems.push(Problem { line, message });
    match &loose.glossary {
        None => push(1, "no [glossary] table (name, language)".into()),
        Some(h) => {
            if let Err(e) = h.get_ref().clone().try_into::<Header>() {
                push(
                    line_of(text, h.span().start),
                    format!("[glossary]: {}", e.message()),
                );
            }
        }
    }
    for key in loose.other.keys() {
        push(1, format!("unknown top-level key `{key}`"));
    }

    let lines = LineIndex::new(text);
    let mut terms: Vec<(usize, RawTerm)> = Vec::new();
    for spanned in &loose.term {
        let line = lines.line(spanned.span().start);
        match spanned.get_ref().clone().try_into::<RawTerm>() {
            Ok(t) => {
                for m in term_problems(&t).into_iter().chain(common_words(&t)) {
                    push(line, m);
                }
                terms.push((line, t));
            }
            Err(e) => push(line, format!("bad term: {}", e.message())),
        }
    }
    cross_check(&terms, &mut push);
    problems.sort_by_key(|p| p.line);
    Ok(problems)
}

/// Terms whose policy date (`since`, a valid date) is after `today` (YYYY-MM-DD): not an
/// error, as a house style may announce a change ahead of it, but worth a warning, since
/// `audit` reports such a term's variants as deprecated only from that day on (a typed-in
/// year is the likelier cause). One per term, in line order.
pub fn future_policies(text: &str, today: &str) -> Vec<Problem> {
    let Ok(loose) = toml::from_str::<Loose>(text) else {
        return Vec::new();
    };
    let lines = LineIndex::new(text);
    loose
        .term
        .iter()
        .filter_map(|spanned| {
            let t = spanned.get_ref().clone().try_into::<RawTerm>().ok()?;
            let since = t
                .since
                .filter(|s| super::is_date(s) && s.as_str() > today)?;
            Some(Problem {
                line: lines.line(spanned.span().start),
                message: format!(
                    "term `{}`: `since = \"{since}\"` is in the future (today is \
                     {today}); its variants are reported as deprecated only from that day",
                    t.canonical
                ),
            })
        })
        .collect()
}

/// The problems of one term on its own, each once: bad rows, text not in NFC, possessive
/// variants, keep contexts that keep nothing. `glossary add` asks the same of the term it
/// writes.
fn term_problems(t: &RawTerm) -> Vec<String> {
    let mut out: Vec<String> = problems(t)
        .map(|m| format!("term `{}`: {m}", t.canonical))
        .collect();
    for s in strings(t).filter(|s| !is_nfc(s)) {
        out.push(format!("`{s}` is not in Unicode NFC form"));
    }
    for v in t
        .variants
        .iter()
        .filter(|v| without_possessive(v) != v.as_str())
    {
        out.push(format!(
            "variant `{v}` is a possessive: names match with their \"'s\" anyway; list `{}`",
            without_possessive(v)
        ));
    }
    let variants: Vec<String> = t.variants.iter().map(|v| fold(v)).collect();
    for k in &t.keep {
        let k = fold(k);
        if !variants.iter().any(|v| k.contains(v.as_str())) {
            out.push(format!("keep context `{k}` contains none of the variants"));
        }
    }
    out
}

/// The problems of the term `canonical` in `after` (a glossary's text after an edit) that
/// the same term did not have in `before`: what an edit would add, for `glossary add` to
/// refuse. Text that does not read as a glossary has none here (loading reports it).
pub fn new_term_problems(before: &str, after: &str, canonical: &str) -> Vec<String> {
    let term = |text: &str| -> Option<RawTerm> {
        let loose: Loose = toml::from_str(text).ok()?;
        let key = fold(canonical);
        loose
            .term
            .into_iter()
            .filter_map(|t| t.into_inner().try_into::<RawTerm>().ok())
            .find(|t| fold(&t.canonical) == key)
    };
    let old = term(before).map(|t| term_problems(&t)).unwrap_or_default();
    term(after)
        .map(|t| term_problems(&t))
        .unwrap_or_default()
        .into_iter()
        .filter(|p| !old.contains(p))
        .collect()
}

/// Variants that are common English words ("Schools" listed for "Scholz", as `glossary
/// suggest` once proposed): every such word of a text would be read as the name, and its
/// fix rewrites "Schools reopened" to "Scholz reopened" (the audit no longer applies it
/// unasked, but reports it on every sentence that uses the word).
fn common_words(t: &RawTerm) -> Vec<String> {
    t.variants
        .iter()
        .map(|v| without_possessive(v))
        .filter(|v| crate::rules::spelling::dictionary::is_common_word(v))
        .map(|v| {
            format!(
                "variant `{v}` of `{}` is a common English word (`{}`): every `{v}` in a text would be read as this name",
                t.canonical,
                v.to_lowercase()
            )
        })
        .collect()
}

fn strings(t: &RawTerm) -> impl Iterator<Item = &str> {
    std::iter::once(t.canonical.as_str())
        .chain(t.variants.iter().map(String::as_str))
        .chain(t.keep.iter().map(String::as_str))
        .chain(t.cyrillic.as_deref())
        .chain(t.note.as_deref())
}

/// Problems between terms: the matcher folds case and diacritics, so spellings that fold
/// alike collide.
fn cross_check(terms: &[(usize, RawTerm)], push: &mut impl FnMut(usize, String)) {
    let mut canonical: HashMap<String, (usize, &str)> = HashMap::new();
    for (line, t) in terms {
        if let Some((first, name)) = canonical.get(&fold(&t.canonical)) {
            push(
                *line,
                format!("`{}` duplicates `{name}` at line {first}", t.canonical),
            );
        } else {
            canonical.insert(fold(&t.canonical), (*line, &t.canonical));
        }
    }
    let mut variants: HashMap<String, (usize, &str, &str)> = HashMap::new();
    for (line, t) in terms {
        for v in &t.variants {
            let key = fold(v);
            if let Some((other_line, other)) = canonical.get(&key)
                && *other != t.canonical
            {
                push(
                    *line,
                    format!(
                        "variant `{v}` of `{}` is the canonical form of `{other}` (line {other_line})",
                        t.canonical
                    ),
                );
            }
            match variants.get(&key) {
                Some((other_line, other, _)) if *other != t.canonical => push(
                    *line,
                    format!(
                        "variant `{v}` of `{}` also belongs to `{other}` (line {other_line})",
                        t.canonical
                    ),
                ),
                Some((_, _, first)) => push(
                    *line,
                    format!("variant `{v}` repeats `{first}` once case and accents are folded"),
                ),
                None => {
                    variants.insert(key, (*line, &t.canonical, v));
                }
            }
        }
    }
    for pair in terms.windows(2) {
        let [(_, a), (line, b)] = pair else { continue };
        if sort_key(&b.canonical) < sort_key(&a.canonical) {
            push(
                *line,
                format!(
                    "`{}` is out of order: it sorts before `{}`",
                    b.canonical, a.canonical
                ),
            );
        }
    }
}

/// Contradictions between loaded terms, each with the term it is about: a variant of one
/// that is the canonical form of another, or that another also lists. With `across` only
/// pairs from different files count (`glossary check` has reported those within a file). A
/// term entered again under the same canonical form in a later file replaces the earlier
/// one: that is no contradiction. `terms` are in load order, as the matcher gets them; each
/// message says which of the two the matcher follows: the term of the glossary loaded last,
/// or within one glossary the term written first.
pub fn contradictions<'a>(terms: &[&'a Term], across: bool) -> Vec<(&'a Term, &'a Term, String)> {
    let at = |t: &Term| format!("{}:{}", t.source, t.line);
    // Whether the term at `a` takes a spelling from the term at `b` (see
    // `NameMatcher::new`), and why.
    let wins = |(a, ta): (usize, &Term), (b, tb): (usize, &Term)| -> (bool, String) {
        if ta.rank != tb.rank {
            (
                ta.rank > tb.rank,
                "the glossary loaded last wins".to_owned(),
            )
        } else {
            (a < b, "the term written first wins".to_owned())
        }
    };
    // A person's surname alone is a house form too (the matcher finds it as one).
    let mut canonical: HashMap<String, (usize, &Term)> = HashMap::new();
    for (i, t) in terms.iter().enumerate() {
        canonical.entry(fold(&t.canonical)).or_insert((i, t));
    }
    for (i, t) in terms.iter().enumerate() {
        if let Some(s) = t.surname() {
            canonical.entry(fold(s)).or_insert((i, t));
        }
    }
    let mut out = Vec::new();
    let mut variants: HashMap<String, (usize, &Term)> = HashMap::new();
    for (i, t) in terms.iter().enumerate() {
        for v in &t.variants {
            let key = fold(without_possessive(v));
            let apart = |other: &Term| {
                other.canonical != t.canonical && (!across || other.source != t.source)
            };
            if let Some(&(j, other)) = canonical.get(&key).filter(|(_, o)| apart(o)) {
                let (mine, why) = wins((i, t), (j, other));
                let read = if mine {
                    format!("a variant of `{}`", t.canonical)
                } else if key == fold(&other.canonical) {
                    "the house form".to_owned()
                } else {
                    format!("a house form of `{}`", other.canonical)
                };
                out.push((
                    *t,
                    other,
                    format!(
                        "variant `{v}` of `{}` is the canonical form of `{}` ({}); {why}: `{v}` is read as {read}",
                        t.canonical,
                        other.canonical,
                        at(other)
                    ),
                ));
            }
            match variants.get(&key) {
                Some(&(j, other)) if apart(other) => {
                    let (mine, why) = wins((i, t), (j, other));
                    let winner = if mine { &t.canonical } else { &other.canonical };
                    out.push((
                        *t,
                        other,
                        format!(
                            "variant `{v}` of `{}` also belongs to `{}` ({}); {why}: `{v}` is read as a variant of `{winner}`",
                            t.canonical,
                            other.canonical,
                            at(other)
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    variants.insert(key, (i, t));
                }
            }
        }
    }
    out
}

/// The order terms are kept in: by folded canonical form, so "Ödessa" sorts with "O".
pub fn sort_key(canonical: &str) -> String {
    fold(canonical)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::DEFAULTS;

    const HEAD: &str = "[glossary]\nname = \"t\"\nlanguage = \"en\"\n";

    fn problems(terms: &str) -> Vec<(usize, String)> {
        check(&format!("{HEAD}{terms}"), "t.toml")
            .expect("TOML")
            .into_iter()
            .map(|p| (p.line, p.message))
            .collect()
    }

    #[test]
    fn shipped_glossaries_are_clean() {
        for (path, text) in DEFAULTS {
            let found = check(text, path).expect("TOML");
            assert!(found.is_empty(), "{path}: {found:?}");
        }
    }

    #[test]
    fn a_policy_date_after_today_is_a_warning() {
        let text = "[glossary]\nname = \"t\"\nlanguage = \"en\"\n\n\
                    [[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\"]\nsince = \"2030-01-01\"\n\n\
                    [[term]]\ncanonical = \"Lviv\"\nkind = \"place\"\nvariants = [\"Lvov\"]\nsince = \"2019-08-14\"\n\n\
                    [[term]]\ncanonical = \"Odesa\"\nkind = \"place\"\nsince = \"2030-02-30\"\n";
        let found = future_policies(text, "2029-12-31");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 5);
        assert!(
            found[0].message.starts_with(
                "term `Kyiv`: `since = \"2030-01-01\"` is in the future (today is 2029-12-31)"
            ),
            "{}",
            found[0].message
        );
        // On the day itself the policy is in force; an invalid date is `check`'s problem.
        assert!(future_policies(text, "2030-01-01").is_empty());
        assert!(
            check(text, "t.toml")
                .expect("TOML")
                .iter()
                .all(|p| !p.message.contains("future"))
        );
    }

    #[test]
    fn a_clean_glossary_has_no_problems() {
        let p = problems(
            "[[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\"]\nkeep = [\"chicken Kiev\"]\n\n\
             [[term]]\ncanonical = \"Sergei Ryabkov\"\nkind = \"person\"\nvariants = [\"Riabkov\"]\n",
        );
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn reports_every_problem_with_its_line() {
        let p = problems(
            "[[term]]\ncanonical = \"Lviv\"\nkind = \"place\"\n\n\
             [[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\", \"Lviv\"]\nkeep = [\"chicken Kyiv\"]\n\n\
             [[term]]\ncanonical = \"Kharkiv\"\nkind = \"place\"\nvariants = [\"Kiev\", \"Cafe\u{301}\"]\n\n\
             [[term]]\ncanonical = \"KYIV\"\nkind = \"place\"\n\n\
             [[term]]\ncanonical = \"Odesa\"\nkind = \"city\"\n",
        );
        let has = |line: usize, needle: &str| {
            assert!(
                p.iter().any(|(l, m)| *l == line && m.contains(needle)),
                "line {line} `{needle}` in {p:?}"
            );
        };
        has(8, "is the canonical form of `Lviv` (line 4)");
        has(8, "keep context `chicken kyiv` contains none");
        has(8, "out of order");
        has(14, "also belongs to `Kyiv` (line 8)");
        has(14, "not in Unicode NFC");
        has(14, "out of order");
        has(19, "duplicates `Kyiv` at line 8");
        has(23, "unknown variant `city`");
        assert_eq!(p.len(), 8, "{p:?}");
    }

    #[test]
    fn every_bad_variant_of_a_term_is_reported() {
        let p = problems(
            "[[term]]\ncanonical = \"Volodymyr Zelenskyy\"\nkind = \"person\"\n\
             variants = [\" Zelensky\", \"Volodymyr Zelenskyy\", \"Zelenskiy \", \"Zelensky's\", \"Zelenski’s\"]\n\
             since = \"2022-02-30\"\n",
        );
        let messages: Vec<&str> = p.iter().map(|(_, m)| m.as_str()).collect();
        for needle in [
            "variant ` Zelensky` is empty or has spaces",
            "variant `Volodymyr Zelenskyy` repeats the canonical form",
            "variant `Zelenskiy ` is empty or has spaces",
            "variant `Zelensky's` is a possessive",
            "variant `Zelenski’s` is a possessive",
            "`since = \"2022-02-30\"` is not a YYYY-MM-DD date",
        ] {
            assert!(
                messages.iter().any(|m| m.contains(needle)),
                "{needle} in {messages:?}"
            );
        }
        assert_eq!(p.len(), 6, "{p:?}");
    }

    #[test]
    fn the_shipped_glossaries_contradict_nothing() {
        // `audit` would warn about these on every run.
        let set =
            crate::glossary::GlossarySet::load(true, &[] as &[&std::path::Path]).expect("shipped");
        let found = contradictions(&set.terms(), false);
        let messages: Vec<&String> = found.iter().map(|(_, _, m)| m).collect();
        assert!(messages.is_empty(), "{messages:?}");
    }

    #[test]
    fn a_common_english_word_as_a_variant_is_reported() {
        // New-user trial: `glossary suggest` proposed "Schools" as a variant of "Scholz".
        let p = problems(
            "[[term]]\ncanonical = \"Olaf Scholz\"\nkind = \"person\"\nvariants = [\"Schools\", \"Sholts\", \"Olaf Scholtz\"]\n",
        );
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0, 4);
        assert!(
            p[0].1.starts_with(
                "variant `Schools` of `Olaf Scholz` is a common English word (`schools`)"
            ),
            "{p:?}"
        );
        // Names the dictionary writes capitalised are no common words.
        let p =
            problems("[[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\"]\n");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn text_that_is_not_toml_is_an_error_with_a_line() {
        let e = check(&format!("{HEAD}[[term]\n"), "t.toml").expect_err("not TOML");
        assert!(e.to_string().starts_with("t.toml:4:"), "{e}");
    }
}
