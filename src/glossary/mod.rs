//! Glossaries: the TOML model of DESIGN.md, loading with errors that name file and line, the
//! shipped glossaries embedded in the binary, and the set of glossaries a run uses. Matching
//! lives in `matcher`.

pub mod cluster;
pub mod edit;
pub mod interchange;
pub mod lint;
pub mod matcher;
pub mod russian_form;
pub mod scheme;
pub mod skeleton;
pub mod suggest;
pub mod translit;

use std::path::Path;

use serde::Deserialize;

use crate::document::LineIndex;
use crate::error::Error;

/// The shipped glossaries, embedded so `calq` works from any folder.
pub const DEFAULTS: &[(&str, &str)] = &[(
    "glossaries/names.toml",
    include_str!("../../glossaries/names.toml"),
)];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Place,
    Org,
    Term,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTerm {
    canonical: String,
    kind: Kind,
    #[serde(default)]
    variants: Vec<String>,
    cyrillic: Option<String>,
    note: Option<String>,
    since: Option<String>,
    #[serde(default)]
    keep: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Header {
    name: String,
    language: String,
    policy: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGlossary {
    glossary: Header,
    #[serde(default)]
    term: Vec<toml::Spanned<RawTerm>>,
}

/// One entry: a canonical (house) form and what it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub canonical: String,
    pub kind: Kind,
    pub variants: Vec<String>,
    pub cyrillic: Option<String>,
    pub note: Option<String>,
    /// The date (YYYY-MM-DD) the house form changed; its variants are then policy deviations.
    pub since: Option<String>,
    /// Phrases in which a variant stays ("chicken Kiev").
    pub keep: Vec<String>,
    /// Where the term is defined: glossary file and 1-based line.
    pub source: String,
    pub line: usize,
    /// The position of its glossary in the order a run loads them (0 for the first): where
    /// two glossaries claim one spelling, the one loaded later wins (see [`GlossarySet`]).
    pub rank: usize,
    /// Its glossary's `policy`, which name findings about the term carry (DESIGN.md: "shown
    /// in reports"); set when a run loads the glossaries ([`GlossarySet::ranked`]).
    pub policy: Option<String>,
}

impl Term {
    /// A person's surname: the last word of the canonical form.
    pub fn surname(&self) -> Option<&str> {
        (self.kind == Kind::Person)
            .then(|| self.canonical.rsplit(' ').next())
            .flatten()
            .filter(|s| *s != self.canonical)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glossary {
    pub path: String,
    pub name: String,
    pub language: String,
    pub policy: Option<String>,
    pub terms: Vec<Term>,
}

/// A second entry for one name (folded) would replace the first, its `keep` and all,
/// without a word: it is a bad row, as `glossary check` says, wherever a glossary is read
/// (TOML, and CSV and TBX imports, whose result must load as TOML).
pub fn no_duplicate_terms(terms: &[Term], path: &str) -> Result<(), Error> {
    let mut seen: std::collections::HashMap<String, (usize, &str)> =
        std::collections::HashMap::with_capacity(terms.len());
    for t in terms {
        let key = matcher::fold(&t.canonical);
        if let Some((first, name)) = seen.get(&key) {
            return Err(Error::Glossary {
                path: path.into(),
                line: Some(t.line),
                message: format!("`{}` duplicates `{name}` at line {first}", t.canonical),
            });
        }
        seen.insert(key, (t.line, &t.canonical));
    }
    Ok(())
}

impl Glossary {
    pub fn load(path: &Path) -> Result<Glossary, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::parse(&text, &path.display().to_string())
    }

    /// Parses and validates a glossary; the first problem is an error naming file and line.
    pub fn parse(text: &str, path: &str) -> Result<Glossary, Error> {
        let err = |line: Option<usize>, message: String| Error::Glossary {
            path: path.into(),
            line,
            message,
        };
        let raw: RawGlossary = toml::from_str(text).map_err(|e| {
            if let Some(message) = not_toml(text, path) {
                return err(None, message);
            }
            let line = e.span().map(|s| line_of(text, s.start));
            err(line, e.message().to_owned())
        })?;
        let lines = LineIndex::new(text);
        let mut terms = Vec::with_capacity(raw.term.len());
        for spanned in raw.term {
            let line = lines.line(spanned.span().start);
            let t = spanned.into_inner();
            let problem = validate(&t);
            if let Some(message) = problem {
                return Err(err(
                    Some(line),
                    format!("term `{}`: {message}", t.canonical),
                ));
            }
            terms.push(Term {
                canonical: t.canonical,
                kind: t.kind,
                variants: t.variants,
                cyrillic: t.cyrillic,
                note: t.note,
                since: t.since,
                keep: t.keep,
                source: path.into(),
                line,
                rank: 0,
                policy: None,
            });
        }
        no_duplicate_terms(&terms, path)?;
        Ok(Glossary {
            path: path.into(),
            name: raw.glossary.name,
            language: raw.glossary.language,
            policy: raw.glossary.policy,
            terms,
        })
    }
}

/// For a glossary file that does not read as TOML but is a CSV or TBX termbase (by its
/// extension or its first line), the message that says to import it: TOML's own
/// ("key with no value, expected `=`" on a CSV header) does not tell a new user what is
/// wrong (new-user trial).
pub fn not_toml(text: &str, path: &str) -> Option<String> {
    let ext = Path::new(path)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let comment = first.starts_with('#') || first.starts_with('[');
    let kind = match ext.as_deref() {
        Some("csv") => "CSV",
        Some("tbx") => "TBX",
        _ if first.starts_with('<') => "TBX (XML)",
        _ if !comment
            && first.contains(',')
            && !first.contains('=')
            && first.to_lowercase().contains("canonical") =>
        {
            "CSV"
        }
        _ => return None,
    };
    Some(format!(
        "this looks like {kind}, not a TOML glossary; import it with `calq glossary import {path} --out FILE.toml`"
    ))
}

/// The first problem of a term, which stops loading.
fn validate(t: &RawTerm) -> Option<String> {
    problems(t).next()
}

/// Every problem of a term on its own, for `glossary check`, which reports them all.
fn problems(t: &RawTerm) -> impl Iterator<Item = String> + '_ {
    let blank = |s: &str| s.trim().is_empty() || s.trim() != s;
    let canonical =
        blank(&t.canonical).then(|| "`canonical` is empty or has spaces at its ends".to_owned());
    let variants = t.variants.iter().filter_map(move |v| {
        if blank(v) {
            Some(format!("variant `{v}` is empty or has spaces at its ends"))
        } else if *v == t.canonical {
            Some(format!("variant `{v}` repeats the canonical form"))
        } else {
            None
        }
    });
    let since = t
        .since
        .as_deref()
        .filter(|s| !is_date(s))
        .map(|since| format!("`since = \"{since}\"` is not a YYYY-MM-DD date of the calendar"));
    canonical.into_iter().chain(variants).chain(since)
}

/// Today's date, YYYY-MM-DD in UTC, from the system clock: the day on which dated policies
/// (`since`) are judged. A clock before 1970 reads as 1970-01-01.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    date_of_day(secs / 86_400)
}

/// The Gregorian date `days` days after 1970-01-01, YYYY-MM-DD (Howard Hinnant's
/// `civil_from_days`, <https://howardhinnant.github.io/date_algorithms.html>).
fn date_of_day(days: u64) -> String {
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z % 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// A real day written YYYY-MM-DD: "2022-02-30" and "2023-02-29" are not, "2024-02-29" is
/// (Gregorian leap years).
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let (Some(year), Some(month), Some(day)) = (num(year, 4), num(month, 2), num(day, 2)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    year >= 1 && (1..=days).contains(&day)
}

/// The 1-based line of a byte offset, for a single error; loops use a [`LineIndex`] built once.
fn line_of(text: &str, offset: usize) -> usize {
    LineIndex::new(text).line(offset)
}

/// The glossaries a run uses: the shipped ones (unless turned off) and the user's, later
/// ones overriding earlier terms with the same canonical form, and, in the matcher, earlier
/// terms' spellings: a spelling that one glossary lists as a variant and a later one as a
/// house form (or as another term's variant) is read the later glossary's way.
#[derive(Debug, Clone, Default)]
pub struct GlossarySet {
    pub glossaries: Vec<Glossary>,
}

impl GlossarySet {
    pub fn load(defaults: bool, user: &[impl AsRef<Path>]) -> Result<GlossarySet, Error> {
        let mut glossaries = Vec::new();
        if defaults {
            for (path, text) in DEFAULTS {
                glossaries.push(Glossary::parse(text, path)?);
            }
        }
        for path in user {
            glossaries.push(Glossary::load(path.as_ref())?);
        }
        Ok(GlossarySet::ranked(glossaries))
    }

    /// The glossaries in load order, each term marked with its glossary's place in it and
    /// its glossary's policy.
    pub fn ranked(mut glossaries: Vec<Glossary>) -> GlossarySet {
        for (rank, g) in glossaries.iter_mut().enumerate() {
            for t in &mut g.terms {
                t.rank = rank;
                t.policy.clone_from(&g.policy);
            }
        }
        GlossarySet { glossaries }
    }

    /// Every term in effect: a later glossary's term replaces an earlier one with the same
    /// canonical form.
    pub fn terms(&self) -> Vec<&Term> {
        let mut out: Vec<&Term> = Vec::new();
        let mut slot: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for t in self.glossaries.iter().flat_map(|g| &g.terms) {
            match slot.get(t.canonical.as_str()) {
                Some(&i) => out[i] = t,
                None => {
                    slot.insert(&t.canonical, out.len());
                    out.push(t);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_1970_are_dates_of_the_calendar() {
        for (days, date) in [
            (0, "1970-01-01"),
            (10_956, "1999-12-31"),
            (11_016, "2000-02-29"),
            (19_782, "2024-02-29"),
            (20_792, "2026-12-05"),
            (47_541, "2100-03-01"),
        ] {
            assert_eq!(date_of_day(days), date);
        }
        assert!(is_date(&today()), "{}", today());
    }

    const SAMPLE: &str = r#"[glossary]
name = "Test"
language = "en"

[[term]]
canonical = "Sergei Ryabkov"
kind = "person"
variants = ["Riabkov", "Rjabkow"]

[[term]]
canonical = "Kyiv"
kind = "place"
variants = ["Kiev"]
since = "2019-08-14"
keep = ["chicken Kiev"]
"#;

    #[test]
    fn parses_terms_with_their_lines() {
        let g = Glossary::parse(SAMPLE, "t.toml").expect("valid");
        assert_eq!(g.terms.len(), 2);
        assert_eq!(
            (g.terms[0].line, g.terms[1].line),
            (5, 10),
            "the line of `[[term]]`"
        );
        assert_eq!(g.terms[0].surname(), Some("Ryabkov"));
        assert_eq!(g.terms[1].surname(), None);
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let bad_kind = SAMPLE.replace("kind = \"place\"", "kind = \"city\"");
        let e = Glossary::parse(&bad_kind, "t.toml")
            .expect_err("bad kind")
            .to_string();
        assert!(e.starts_with("t.toml:12:") && e.contains("city"), "{e}");
        let bad_date = SAMPLE.replace("2019-08-14", "14.08.2019");
        let e = Glossary::parse(&bad_date, "t.toml")
            .expect_err("bad date")
            .to_string();
        assert!(
            e.starts_with("t.toml:10:") && e.contains("14.08.2019"),
            "{e}"
        );
        // Days the calendar does not have (newcomer's trial: "2022-02-30" was accepted).
        for bad in [
            "2022-02-30",
            "2023-02-29",
            "1900-02-29",
            "2022-04-31",
            "2022-13-01",
        ] {
            let e = Glossary::parse(&SAMPLE.replace("2019-08-14", bad), "t.toml")
                .expect_err(bad)
                .to_string();
            assert!(e.starts_with("t.toml:10:") && e.contains(bad), "{e}");
        }
        for good in ["2024-02-29", "2000-02-29", "2022-12-31", "2022-04-30"] {
            Glossary::parse(&SAMPLE.replace("2019-08-14", good), "t.toml").expect(good);
        }
        let unknown = SAMPLE.replace("keep =", "kept =");
        let e = Glossary::parse(&unknown, "t.toml")
            .expect_err("unknown key")
            .to_string();
        assert!(e.contains("kept") && e.starts_with("t.toml:"), "{e}");
        let e = Glossary::parse("[glossary]\nname = 1", "t.toml")
            .expect_err("bad")
            .to_string();
        assert!(e.starts_with("t.toml:2:"), "{e}");
    }

    #[test]
    fn a_csv_or_tbx_file_given_as_a_glossary_says_to_import_it() {
        // New-user trial: `-g h.csv` said "key with no value, expected `=`".
        let csv = "canonical,kind,variants\nKyiv,place,Kiev\n";
        for (text, path, kind) in [
            (csv, "h.csv", "CSV"),
            (csv, "h.txt", "CSV"),
            (
                "<?xml version=\"1.0\"?>\n<martif type=\"TBX\"></martif>\n",
                "h.tbx",
                "TBX",
            ),
            ("<tbx></tbx>", "h.toml", "TBX (XML)"),
        ] {
            let e = Glossary::parse(text, path).expect_err(path).to_string();
            assert!(
                e.starts_with(&format!(
                    "{path}: this looks like {kind}, not a TOML glossary"
                )) && e.contains(&format!("calq glossary import {path} --out")),
                "{e}"
            );
        }
        // A broken TOML file still gets TOML's message and line.
        let e = Glossary::parse("[glossary]\nname = \n", "g.toml")
            .expect_err("bad")
            .to_string();
        assert!(
            e.starts_with("g.toml:2:") && !e.contains("looks like"),
            "{e}"
        );
    }

    #[test]
    fn a_name_entered_twice_is_a_bad_row() {
        // Newcomer's trial: the second entry silently replaced the first and its `keep`.
        let twice = format!("{SAMPLE}\n[[term]]\ncanonical = \"KYIV\"\nkind = \"place\"\n");
        let e = Glossary::parse(&twice, "t.toml")
            .expect_err("duplicate")
            .to_string();
        assert!(
            e.starts_with("t.toml:17:") && e.contains("`KYIV` duplicates `Kyiv` at line 10"),
            "{e}"
        );
    }

    #[test]
    fn shipped_glossaries_load() {
        let set = GlossarySet::load(true, &[] as &[&Path]).expect("shipped glossaries are valid");
        assert!(set.terms().len() >= 150);
    }

    #[test]
    fn later_glossaries_override_terms() {
        let a = Glossary::parse(SAMPLE, "a.toml").expect("valid");
        let b = Glossary::parse(
            &SAMPLE.replace("\"Rjabkow\"", "\"Rjabkow\", \"Riabkow\""),
            "b.toml",
        )
        .expect("valid");
        let set = GlossarySet {
            glossaries: vec![a, b],
        };
        let terms = set.terms();
        assert_eq!(terms.len(), 2);
        assert_eq!(terms[0].source, "b.toml");
    }
}
