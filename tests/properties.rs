//! Property tests of the invariants every audit keeps, on generated text that mixes the
//! phenomena the rules look for with hostile characters (RTL marks, joiners, emoji, CR).

use std::sync::OnceLock;

use calq::document::Document;
use calq::engine::{Engine, Finding, Settings};
use calq::fix;
use calq::glossary::interchange::{read_csv, read_tbx, write_csv, write_tbx};
use calq::glossary::{Glossary, GlossarySet, Kind, Term};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let glossaries = GlossarySet::load(true, &[] as &[&str]).expect("shipped glossaries");
        Engine::new(&Settings::default(), &glossaries).expect("default settings")
    })
}

/// Pieces of article text: ordinary words, the phenomena the rules flag, and characters
/// that break naive code.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "the", "the", "talks", "in", "Kiev", "Kyiv", "Riabkov", "Selensky", "Sergei", "Sergey",
    "did", "not", "never", "since", "three", "weeks", "7,5", "100.000", "percent", " %",
    " :", " ?", "!", ",", ".", "«", "»", "„", "“", "”", "‘", "’", "\"", "'", "Read also",
    "Enlarge image", "Le Monde with AFP", "slü / dpa", "Threatens", "Dangerous", "recieve",
    "Die Regierung hat das Gesetz am Montag beschlossen.", "Über", "Zürich", "\u{200F}",
    "\u{200D}", "\u{FEFF}", "👩‍👩‍👧", "\u{FFFD}", "e\u{301}", "  ", "\n", "\n\n", "\r\n",
    "\t", "日本語", "Привет", "12.03.2022", "5 €", "Mr.", "the Mr. Rossi", "has met",
    "last week",
];

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec((0..PIECES.len(), any::<bool>()), 0..80).prop_map(|picks| {
        let mut text = String::new();
        for (i, space) in picks {
            text.push_str(PIECES[i]);
            if space {
                text.push(' ');
            }
        }
        text
    })
}

fn check_spans(text: &str, findings: &[Finding]) -> Result<(), TestCaseError> {
    for f in findings {
        prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        prop_assert!(f.start <= f.end && f.end <= text.len());
        prop_assert_eq!(&text[f.start..f.end], f.text.as_str());
        let before = &text[..f.start];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..f.start].chars().count() + 1;
        prop_assert_eq!((f.line, f.column), (line, column), "{:?}", f);
    }
    prop_assert!(
        findings
            .windows(2)
            .all(|w| (w[0].start, w[0].code, w[0].end) <= (w[1].start, w[1].code, w[1].end)),
        "findings not sorted: {:?}",
        findings
            .iter()
            .map(|f| (f.start, f.code, f.end))
            .collect::<Vec<_>>()
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spans_lines_and_order_hold_and_audits_repeat(text in article()) {
        let doc = Document::from_text(&text);
        let report = engine().audit(&doc);
        check_spans(&doc.text, &report.findings)?;
        let again = engine().audit(&doc);
        prop_assert_eq!(&report.findings, &again.findings);
        prop_assert!(report.mt.probability.is_none_or(|p| (0.0..=1.0).contains(&p)));
        prop_assert_eq!(report.mt.probability.is_some(), report.mt.verdict.is_judged());
    }

    #[test]
    fn fixing_leaves_no_safe_fix_and_a_second_fix_changes_nothing(text in article()) {
        let doc = Document::from_text(&text);
        let first = fix::fix(engine(), &doc, false);
        let left = fix::apply(&first.text, &first.report.findings, false);
        prop_assert_eq!(left.1, 0, "safe fixes left after --fix: {:?}", first.text);
        let second = fix::fix(engine(), &Document::from_text(&first.text), false);
        prop_assert_eq!(second.applied, 0);
        prop_assert_eq!(&second.text, &first.text);
    }

    #[test]
    fn glossaries_round_trip_through_csv_and_tbx(terms in glossary_terms()) {
        let g = Glossary {
            path: "p.toml".into(),
            name: "generated".into(),
            language: "en".into(),
            policy: None,
            terms,
        };
        let from_csv = read_csv(&write_csv(&g), "g.csv").expect("own CSV reads back");
        prop_assert_eq!(bare(&from_csv.terms), bare(&g.terms));
        let from_tbx = read_tbx(&write_tbx(&g), "g.tbx").expect("own TBX reads back");
        prop_assert_eq!(from_tbx.skipped, 0);
        prop_assert_eq!(bare(&from_tbx.glossary.terms), bare(&g.terms));
    }
}

type Bare = (
    String,
    Kind,
    Vec<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Vec<String>,
);

/// A term without where it was read from.
fn bare(terms: &[Term]) -> Vec<Bare> {
    terms
        .iter()
        .map(|t| {
            (
                t.canonical.clone(),
                t.kind,
                t.variants.clone(),
                t.cyrillic.clone(),
                t.note.clone(),
                t.since.clone(),
                t.keep.clone(),
            )
        })
        .collect()
}

fn name() -> impl Strategy<Value = String> {
    "[A-Z][a-zéüö]{2,9}( [A-Z][a-z']{2,9})?"
}

fn glossary_terms() -> impl Strategy<Value = Vec<Term>> {
    let kind = prop_oneof![
        Just(Kind::Person),
        Just(Kind::Place),
        Just(Kind::Org),
        Just(Kind::Term)
    ];
    let term = (
        name(),
        kind,
        prop::collection::btree_set(name(), 0..4),
        prop::option::of("[а-я]{3,8}"),
        prop::option::of("[a-z ,&<>\"]{1,30}"),
        prop::option::of("20[0-2][0-9]-0[1-9]-1[0-9]"),
        prop::collection::btree_set("[a-z]{3,8} [A-Z][a-z]{3,8}", 0..2),
    )
        .prop_map(
            |(canonical, kind, variants, cyrillic, note, since, keep)| Term {
                variants: variants.into_iter().filter(|v| *v != canonical).collect(),
                canonical,
                kind,
                cyrillic,
                note: note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()),
                since,
                keep: keep.into_iter().collect(),
                source: String::new(),
                line: 0,
                rank: 0,
                policy: None,
            },
        );
    prop::collection::vec(term, 0..6).prop_map(|mut terms| {
        let mut seen = std::collections::HashSet::new();
        terms.retain(|t| seen.insert(t.canonical.clone()));
        terms
    })
}
