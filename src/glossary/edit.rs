//! `calq glossary add`: adds a term (or new variants of an existing one) to a glossary file,
//! editing the TOML with `toml_edit` so comments, order and formatting stay as they were.
//! A variant that another term already claims is a clash and nothing is changed.

use toml_edit::{Array, DocumentMut, Item, Table, value};

use super::matcher::fold;
use super::{Glossary, Kind, Term};
use crate::error::Error;

/// What to add: the canonical form and whatever else the command line gave.
#[derive(Debug, Clone, Default)]
pub struct NewTerm {
    pub canonical: String,
    pub kind: Option<Kind>,
    pub variants: Vec<String>,
    pub cyrillic: Option<String>,
    pub note: Option<String>,
    pub since: Option<String>,
    pub keep: Vec<String>,
}

/// What `add` did, for the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// A new `[[term]]`.
    Term,
    /// Variants or keep contexts added to the existing term of that canonical form.
    Merged { variants: usize, keep: usize },
}

/// A new glossary file's text, for `add` on a file that does not exist yet.
pub fn empty_glossary(name: &str) -> String {
    let mut doc = DocumentMut::new();
    let mut header = Table::new();
    header.insert("name", value(name));
    header.insert("language", value("en"));
    doc.insert("glossary", Item::Table(header));
    doc.to_string()
}

/// Adds `new` to the glossary `text` (from `path`) and returns the new text. The result is
/// loaded again before it is returned, so a change never produces a glossary calq rejects.
pub fn add(text: &str, path: &str, new: &NewTerm) -> Result<(String, Added), Error> {
    let err = |line: Option<usize>, message: String| Error::Glossary {
        path: path.into(),
        line,
        message,
    };
    let glossary = Glossary::parse(text, path)?;
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| err(None, e.message().to_owned()))?;
    let key = fold(&new.canonical);
    let existing = glossary
        .terms
        .iter()
        .position(|t| fold(&t.canonical) == key);
    for v in &new.variants {
        if let Some(other) = claimed_by(&glossary.terms, v).filter(|o| fold(&o.canonical) != key) {
            return Err(err(
                Some(other.line),
                format!(
                    "`{v}` already belongs to `{}`; nothing was changed",
                    other.canonical
                ),
            ));
        }
    }
    let terms = doc
        .entry("term")
        .or_insert(Item::ArrayOfTables(Default::default()))
        .as_array_of_tables_mut()
        .ok_or_else(|| err(None, "`term` is not an array of tables".into()))?;
    let added = match existing {
        Some(i) => {
            let term = &glossary.terms[i];
            let table = terms
                .get_mut(i)
                .ok_or_else(|| err(Some(term.line), "term not found for editing".into()))?;
            merge(table, term, new).map_err(|m| err(Some(term.line), m))?
        }
        None => {
            let kind = new.kind.ok_or_else(|| {
                err(
                    None,
                    format!("`{}` is a new term: give its --kind", new.canonical),
                )
            })?;
            let at = sorted_position(&glossary.terms, &new.canonical);
            terms.insert(at, table_for(new, kind));
            Added::Term
        }
    };
    let out = doc.to_string();
    // A bad row in the edited text (`--variant` equal to the canonical form) is at a line
    // the file does not have yet: name the term's line in the file as it is, or none for a
    // new term (new-user trial: `house.toml:5` in a file of three lines).
    let written = Glossary::parse(&out, path).map_err(|e| match e {
        Error::Glossary { message, .. } => err(
            existing.and_then(|i| glossary.terms.get(i)).map(|t| t.line),
            format!("{message}; nothing was changed"),
        ),
        other => other,
    })?;
    // What `glossary check` would then say of the term, and did not say before: a keep
    // context that keeps nothing, a possessive variant, text not in NFC.
    let problems = super::lint::new_term_problems(text, &out, &new.canonical);
    if !problems.is_empty() {
        let line = written
            .terms
            .iter()
            .find(|t| fold(&t.canonical) == key)
            .map(|t| t.line);
        return Err(err(
            line,
            format!("{}; nothing was changed", problems.join("; ")),
        ));
    }
    Ok((out, added))
}

/// The term that lists `v` as its canonical form or a variant, if any.
fn claimed_by<'a>(terms: &'a [Term], v: &str) -> Option<&'a Term> {
    let key = fold(v);
    terms
        .iter()
        .find(|t| fold(&t.canonical) == key || t.variants.iter().any(|x| fold(x) == key))
}

/// Where a new term goes: before the first term that sorts after it, so a sorted file stays
/// sorted; at the end of a file that is not sorted.
fn sorted_position(terms: &[Term], canonical: &str) -> usize {
    let key = super::lint::sort_key(canonical);
    let sorted = terms
        .windows(2)
        .all(|w| super::lint::sort_key(&w[0].canonical) <= super::lint::sort_key(&w[1].canonical));
    if !sorted {
        return terms.len();
    }
    terms
        .iter()
        .position(|t| super::lint::sort_key(&t.canonical) > key)
        .unwrap_or(terms.len())
}

fn table_for(new: &NewTerm, kind: Kind) -> Table {
    let mut t = Table::new();
    t.insert("canonical", value(&new.canonical));
    t.insert("kind", value(kind_name(kind)));
    if !new.variants.is_empty() {
        t.insert("variants", value(array(&new.variants)));
    }
    for (k, v) in [
        ("cyrillic", &new.cyrillic),
        ("note", &new.note),
        ("since", &new.since),
    ] {
        if let Some(v) = v {
            t.insert(k, value(v));
        }
    }
    if !new.keep.is_empty() {
        t.insert("keep", value(array(&new.keep)));
    }
    t
}

/// Adds new variants and keep contexts to an existing term. A different kind, Cyrillic form,
/// note or date is a clash: the command does not silently overwrite what a person wrote.
fn merge(table: &mut Table, term: &Term, new: &NewTerm) -> Result<Added, String> {
    if let Some(kind) = new.kind
        && kind != term.kind
    {
        return Err(format!(
            "`{}` is already a {}, not a {}; nothing was changed",
            term.canonical,
            kind_name(term.kind),
            kind_name(kind)
        ));
    }
    for (key, given, have) in [
        ("cyrillic", &new.cyrillic, &term.cyrillic),
        ("note", &new.note, &term.note),
        ("since", &new.since, &term.since),
    ] {
        match (given, have) {
            (Some(g), Some(h)) if g != h => {
                return Err(format!(
                    "`{}` already has {key} = \"{h}\"; edit the file to change it",
                    term.canonical
                ));
            }
            (Some(g), None) => {
                table.insert(key, value(g));
            }
            _ => {}
        }
    }
    let variants = append(table, "variants", &term.variants, &new.variants);
    let keep = append(table, "keep", &term.keep, &new.keep);
    Ok(Added::Merged { variants, keep })
}

/// Appends the values of `new` not already in `have` (folded) to the array `key`.
fn append(table: &mut Table, key: &str, have: &[String], new: &[String]) -> usize {
    let mut seen: Vec<String> = have.iter().map(|h| fold(h)).collect();
    let mut fresh = Vec::new();
    for n in new {
        if !seen.contains(&fold(n)) {
            seen.push(fold(n));
            fresh.push(n.clone());
        }
    }
    if fresh.is_empty() {
        return 0;
    }
    match table.get_mut(key).and_then(Item::as_array_mut) {
        Some(arr) => fresh.iter().for_each(|v| arr.push(v.as_str())),
        None => {
            table.insert(key, value(array(&fresh)));
        }
    }
    fresh.len()
}

fn array(items: &[String]) -> Array {
    items.iter().map(String::as_str).collect()
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Place => "place",
        Kind::Org => "org",
        Kind::Term => "term",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "# House spellings\n[glossary]\nname = \"t\"\nlanguage = \"en\"\n\n\
# Ukraine\n[[term]]\ncanonical = \"Kyiv\"\nkind = \"place\"\nvariants = [\"Kiev\"] # since 2019\n\n\
[[term]]\ncanonical = \"Sergei Ryabkov\"\nkind = \"person\"\n";

    fn new(canonical: &str, kind: Option<Kind>, variants: &[&str]) -> NewTerm {
        NewTerm {
            canonical: canonical.into(),
            kind,
            variants: variants.iter().map(|v| v.to_string()).collect(),
            ..NewTerm::default()
        }
    }

    #[test]
    fn adds_a_term_in_sorted_place_keeping_comments() {
        let (out, added) = add(
            TEXT,
            "t.toml",
            &new("Lviv", Some(Kind::Place), &["Lvov", "Lwow"]),
        )
        .expect("adds");
        assert_eq!(added, Added::Term);
        assert!(out.starts_with("# House spellings\n"), "{out}");
        assert!(
            out.contains("variants = [\"Kiev\"] # since 2019\n"),
            "{out}"
        );
        let (kyiv, lviv, ryabkov) = (
            out.find("\"Kyiv\"").expect("Kyiv"),
            out.find("\"Lviv\"").expect("Lviv"),
            out.find("\"Sergei Ryabkov\"").expect("Ryabkov"),
        );
        assert!(kyiv < lviv && lviv < ryabkov, "{out}");
        let g = Glossary::parse(&out, "t.toml").expect("valid");
        assert_eq!(g.terms[1].variants, ["Lvov", "Lwow"]);
    }

    #[test]
    fn merges_new_variants_into_an_existing_term() {
        let (out, added) = add(
            TEXT,
            "t.toml",
            &new("Sergei Ryabkov", None, &["Riabkov", "Rjabkow"]),
        )
        .expect("merges");
        assert_eq!(
            added,
            Added::Merged {
                variants: 2,
                keep: 0
            }
        );
        let (again, added) =
            add(&out, "t.toml", &new("Sergei Ryabkov", None, &["riabkov"])).expect("idempotent");
        assert_eq!(
            added,
            Added::Merged {
                variants: 0,
                keep: 0
            }
        );
        assert_eq!(again, out);
    }

    #[test]
    fn a_variant_of_another_term_is_a_clash() {
        let e = add(
            TEXT,
            "t.toml",
            &new("Kyiv City", Some(Kind::Place), &["Kiev"]),
        )
        .expect_err("clash");
        assert!(e.to_string().starts_with("t.toml:7:"), "{e}");
        assert!(e.to_string().contains("already belongs to `Kyiv`"), "{e}");
        let e = add(TEXT, "t.toml", &new("Kyiv", Some(Kind::Person), &[])).expect_err("kind");
        assert!(e.to_string().contains("already a place"), "{e}");
    }

    #[test]
    fn add_refuses_what_check_would_reject() {
        // Newcomer's trial: a keep context without a variant was written, then `check`
        // rejected the glossary.
        let keep = NewTerm {
            keep: vec!["Kharkov tractor".into()],
            ..new("Kharkiv", Some(Kind::Place), &["Kharkov"])
        };
        add(TEXT, "t.toml", &keep).expect("the keep context has the variant");
        let keep = NewTerm {
            keep: vec!["Kharkov tractor".into()],
            ..new("Kharkiv", Some(Kind::Place), &[])
        };
        let e = add(TEXT, "t.toml", &keep).expect_err("keeps nothing");
        assert!(
            e.to_string()
                .contains("keep context `kharkov tractor` contains none of the variants"),
            "{e}"
        );
        let merged = NewTerm {
            keep: vec!["Kyiv tractor".into()],
            ..new("Kyiv", None, &[])
        };
        let e = add(TEXT, "t.toml", &merged).expect_err("keeps nothing");
        assert!(e.to_string().starts_with("t.toml:7:"), "{e}");
        // A day the calendar lacks.
        let dated = NewTerm {
            since: Some("2019-02-30".into()),
            ..new("Lviv", Some(Kind::Place), &["Lvov"])
        };
        let e = add(TEXT, "t.toml", &dated).expect_err("no such day");
        assert!(e.to_string().contains("2019-02-30"), "{e}");
        // A possessive variant.
        let e = add(TEXT, "t.toml", &new("Lviv", Some(Kind::Place), &["Lvov's"]))
            .expect_err("possessive");
        assert!(e.to_string().contains("possessive"), "{e}");
    }

    #[test]
    fn a_new_term_needs_a_kind_and_a_malformed_file_is_an_error() {
        assert!(add(TEXT, "t.toml", &new("Lviv", None, &[])).is_err());
        let e = add(
            "[glossary\n",
            "t.toml",
            &new("Lviv", Some(Kind::Place), &[]),
        )
        .expect_err("malformed");
        assert!(e.to_string().starts_with("t.toml:1:"), "{e}");
    }

    #[test]
    fn starts_an_empty_glossary() {
        let text = empty_glossary("desk");
        let (out, _) = add(
            &text,
            "n.toml",
            &new("Odesa", Some(Kind::Place), &["Odessa"]),
        )
        .expect("adds");
        let g = Glossary::parse(&out, "n.toml").expect("valid");
        assert_eq!((g.name.as_str(), g.terms.len()), ("desk", 1));
    }
}
