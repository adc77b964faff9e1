//! The audit engine: which rules run at which severity, running them over a document, and
//! turning their diagnostics into sorted findings with line/column. It never prints.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use serde::Serialize;

use crate::document::{Document, Language};
use crate::error::Error;
pub use crate::finding::Finding;
use crate::glossary::GlossarySet;
use crate::glossary::matcher::NameMatcher;
use crate::glossary::scheme::Schemes;
use crate::mt;
use crate::rules::spelling::dictionary;
use crate::rules::{Check, Context, Diagnostic, Family, GlossaryWords, RULES, Severity};

/// Which rules are on: `select` (default all) minus `ignore`. Entries are codes, code prefixes
/// (`GR`, `GR0`) or `ALL`, as in ruff.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Option<Vec<String>>,
    pub ignore: Vec<String>,
}

impl Selection {
    /// How specifically the entries of `list` name `code`: the length of the longest entry
    /// that is a prefix of it (`ALL` counts as 0), or `None` when none matches.
    fn specificity(list: &[String], code: &str) -> Option<usize> {
        list.iter()
            .filter_map(|s| {
                if s.eq_ignore_ascii_case("ALL") {
                    Some(0)
                } else {
                    starts_with_ignore_case(code, s).then_some(s.len())
                }
            })
            .max()
    }

    /// Whether the rule `code` runs. As in ruff, the most specific entry naming the code
    /// decides: `--select GR,TY001 --ignore TY` keeps TY001 (`TY001` is more specific than
    /// `TY`) and drops TY002; on a tie `--ignore` wins. Without `--select` every rule is
    /// selected, as by `ALL`.
    pub fn enabled(&self, code: &str) -> bool {
        let selected = match &self.select {
            Some(list) => Self::specificity(list, code),
            None => Some(0),
        };
        match (selected, Self::specificity(&self.ignore, code)) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(s), Some(i)) => s > i,
        }
    }

    /// Every entry must name a rule, a code prefix, or a family prefix (a family may have no
    /// rules yet). A typo that selects nothing is an error, not a silent no-op.
    pub fn validate(&self) -> Result<(), Error> {
        for s in self.select.iter().flatten().chain(&self.ignore) {
            if !Self::is_known(s) {
                return Err(Error::Usage(format!(
                    "unknown rule code or prefix `{s}` (see `calq rules`)"
                )));
            }
        }
        Ok(())
    }

    /// Whether a `select` or `ignore` entry names a rule, a code prefix, a family prefix or
    /// `ALL`.
    pub fn is_known(entry: &str) -> bool {
        entry.eq_ignore_ascii_case("ALL")
            || RULES
                .iter()
                .any(|r| starts_with_ignore_case(r.meta().code, entry))
            || Family::ALL
                .iter()
                .any(|f| f.prefix().eq_ignore_ascii_case(entry))
    }
}

/// Whether `code` is the code of a rule (any case), as a severity override must be.
pub fn is_rule_code(code: &str) -> bool {
    RULES
        .iter()
        .any(|r| r.meta().code.eq_ignore_ascii_case(code))
}

fn starts_with_ignore_case(code: &str, prefix: &str) -> bool {
    code.get(..prefix.len())
        .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

/// The settings the engine needs, after config files and flags are layered.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub selection: Selection,
    /// Per-code severity overrides.
    pub severity: HashMap<String, Severity>,
    /// The day (YYYY-MM-DD) on which glossaries' dated policies are judged: a variant is
    /// deprecated (NM002) from its term's `since` on. `None`: today, by the system clock.
    pub today: Option<String>,
}

/// Everything calq says about one document.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentReport {
    pub path: String,
    pub id: Option<String>,
    pub language: Language,
    pub mt: mt::Assessment,
    pub findings: Vec<Finding>,
    /// Where the text came from (HTML, a JSONL record's line, decoding): for renderers that
    /// point into files (SARIF).
    #[serde(skip)]
    pub origin: crate::document::Origin,
}

impl DocumentReport {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    pub fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

/// Totals over a run, kept by the driver as reports stream past.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub documents: usize,
    pub findings: usize,
    pub machine_translated: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Inputs that were not audited: unreadable, too large, bad JSONL lines, binary files,
    /// folders without articles.
    pub not_audited: usize,
}

impl Summary {
    pub fn add(&mut self, report: &DocumentReport) {
        self.documents += 1;
        self.findings += report.findings.len();
        self.machine_translated += usize::from(report.mt.verdict == mt::Verdict::MachineTranslated);
        self.errors += report.count(Severity::Error);
        self.warnings += report.count(Severity::Warning);
        self.infos += report.count(Severity::Info);
    }
}

/// The rules to run, each with its effective severity.
pub struct Engine {
    checks: Vec<(&'static dyn Check, Severity)>,
    /// Codes of the rules in `checks` that run only for the MT verdict: `--select` and
    /// `--ignore` choose what is reported, not what the verdict reads.
    hidden: Vec<&'static str>,
    names: Option<NameMatcher>,
    glossary_words: Option<GlossaryWords>,
    /// Nanoseconds spent in each check, in `checks` order (atomics: `audit` takes `&self`).
    spent: Vec<AtomicU64>,
    /// The machine-translation model; `None` only for engines that compute findings for
    /// training (`without_model`).
    model: Option<Arc<mt::Model>>,
    mt_spent: AtomicU64,
    /// Whether `audit` clocks each rule and the MT verdict for [`Engine::timings`]: two
    /// clock reads per rule per document, about 1% of an audit, so only when asked.
    timed: bool,
    /// See [`Engine::warnings`].
    warnings: Vec<String>,
}

impl Engine {
    /// The engine with the MT model embedded in the binary.
    pub fn new(settings: &Settings, glossaries: &GlossarySet) -> Result<Engine, Error> {
        let mut engine = Engine::build(settings, glossaries, true)?;
        engine.model = Some(mt::Model::embedded()?);
        Ok(engine)
    }

    /// Replaces the MT model (`--model FILE`).
    pub fn with_model(mut self, model: Arc<mt::Model>) -> Engine {
        self.run_every_rule();
        self.model = Some(model);
        self
    }

    /// Adds the rules that are not selected, as hidden: the MT verdict reads every rule's
    /// findings (the model was trained on them all), so without them `--ignore NM` turned a
    /// machine-translated verdict into a human one.
    fn run_every_rule(&mut self) {
        if self.checks.len() == RULES.len() {
            return;
        }
        let selected = std::mem::take(&mut self.checks);
        (self.checks, self.hidden) = every_rule(selected);
        self.spent = self.checks.iter().map(|_| AtomicU64::new(0)).collect();
    }

    /// An engine that runs the rules but scores nothing: for training the MT model, whose
    /// features need the findings.
    pub fn without_model(settings: &Settings, glossaries: &GlossarySet) -> Result<Engine, Error> {
        Engine::build(settings, glossaries, false)
    }

    /// The engine of the selected rules, plus (`with_hidden`) the others as hidden.
    fn build(
        settings: &Settings,
        glossaries: &GlossarySet,
        with_hidden: bool,
    ) -> Result<Engine, Error> {
        settings.selection.validate()?;
        for code in settings.severity.keys() {
            if !is_rule_code(code) {
                return Err(Error::Usage(format!(
                    "severity override for unknown rule `{code}`"
                )));
            }
        }
        let checks: Vec<(&'static dyn Check, Severity)> = RULES
            .iter()
            .filter(|r| settings.selection.enabled(r.meta().code))
            .map(|&r| {
                let m = r.meta();
                let severity = settings
                    .severity
                    .iter()
                    .find(|(c, _)| c.eq_ignore_ascii_case(m.code))
                    .map_or(m.severity, |(_, s)| *s);
                (r, severity)
            })
            .collect();
        let (checks, hidden) = if with_hidden {
            every_rule(checks)
        } else {
            (checks, Vec::new())
        };
        // Every engine runs the spelling and untranslated rules (an engine with a model runs
        // every rule; training runs them all): the dictionary's parse starts here, before the
        // name matcher and the model, which take the rest of the start-up.
        dictionary::parse_ahead();
        let in_effect = glossaries.terms();
        // A variant of one term that is another's house form: the matcher can honour only
        // one of them (`glossary check` reports the same within and across files). A user's
        // glossary that takes a spelling from a shipped one is the documented way to set
        // another house style: no warning on every run for that (`glossary check` lists it).
        let shipped = |t: &crate::glossary::Term| {
            crate::glossary::DEFAULTS
                .iter()
                .any(|(path, _)| *path == t.source)
        };
        let warnings = crate::glossary::lint::contradictions(&in_effect, false)
            .into_iter()
            .filter(|(t, other, _)| shipped(t) == shipped(other))
            .map(|(t, _, message)| format!("{}:{}: {message}", t.source, t.line))
            .collect();
        let terms: Vec<_> = in_effect.into_iter().cloned().collect();
        let today = settings
            .today
            .clone()
            .unwrap_or_else(crate::glossary::today);
        let names = (!terms.is_empty()).then(|| NameMatcher::new(terms).as_of(today));
        let glossary_words = names.as_ref().map(GlossaryWords::new);
        let spent = checks.iter().map(|_| AtomicU64::new(0)).collect::<Vec<_>>();
        Ok(Engine {
            checks,
            hidden,
            names,
            glossary_words,
            spent,
            model: None,
            mt_spent: AtomicU64::new(0),
            timed: false,
            warnings,
        })
    }

    /// What the engine's set-up found questionable without refusing it (contradicting
    /// glossary terms), each as `file:line: message`, for the command to print.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Has `audit` clock each rule and the MT verdict (`--timings`); without it
    /// [`Engine::timings`] reports zeros.
    pub fn timed(mut self, timed: bool) -> Engine {
        self.timed = timed;
        self
    }

    /// The clock's reading, when the engine is timed.
    fn now(&self) -> Option<Instant> {
        self.timed.then(Instant::now)
    }

    /// Time spent in each rule so far, slowest first. A shared analysis (glossary matches,
    /// the quote scan) counts against the first rule that asks for it.
    pub fn timings(&self) -> Vec<(&'static str, Duration)> {
        let mut out: Vec<(&'static str, Duration)> = self
            .checks
            .iter()
            .zip(&self.spent)
            .map(|((c, _), t)| {
                (
                    c.meta().code,
                    Duration::from_nanos(t.load(Ordering::Relaxed)),
                )
            })
            .collect();
        if self.model.is_some() {
            out.push((
                "MT",
                Duration::from_nanos(self.mt_spent.load(Ordering::Relaxed)),
            ));
        }
        out.sort_by_key(|b| std::cmp::Reverse(b.1));
        out
    }

    pub fn audit(&self, doc: &Document) -> DocumentReport {
        let (mut findings, romanised_by) = self.every_finding(doc);
        let start = self.now();
        let mt = match &self.model {
            Some(model) => mt::assess(doc, &findings, &romanised_by, model),
            None => mt::Assessment::unscored(),
        };
        add_elapsed(&self.mt_spent, start);
        self.drop_hidden(&mut findings);
        DocumentReport {
            path: doc.path.clone(),
            id: doc.id.clone(),
            language: doc.language,
            mt,
            findings,
            origin: doc.origin.clone(),
        }
    }

    /// The findings of every selected rule on a document, sorted, with line and column.
    pub fn findings(&self, doc: &Document) -> Vec<Finding> {
        let (mut findings, _) = self.every_finding(doc);
        self.drop_hidden(&mut findings);
        findings
    }

    fn drop_hidden(&self, findings: &mut Vec<Finding>) {
        if !self.hidden.is_empty() {
            findings.retain(|f| !self.hidden.contains(&f.code));
        }
    }

    /// The findings of every rule that runs, the hidden ones too, and for each the schemes
    /// that write its name (`Diagnostic::romanised_by`, empty for most), which the MT
    /// detector's choice of a source language reads and no output carries.
    fn every_finding(&self, doc: &Document) -> (Vec<Finding>, Vec<Schemes>) {
        let mut findings: Vec<(Finding, Schemes)> = Vec::new();
        let mut diagnostics = Vec::new();
        let mut cx = Context::new(doc, self.names.as_ref());
        if let Some(words) = &self.glossary_words {
            cx = cx.with_glossary_words(words);
        }
        // In a document whose bulk is in another language, rules for English still run on
        // the blocks that look English, and keep only what they find there (issue 16).
        let mut english_blocks: Option<Vec<crate::document::Span>> = None;
        for (&(check, severity), spent) in self.checks.iter().zip(&self.spent) {
            let m = check.meta();
            let only_in = if applies(m.languages, doc.language) {
                None
            } else {
                let blocks = english_blocks.get_or_insert_with(|| doc.english_blocks());
                if blocks.is_empty() || !m.languages.contains(&"en") {
                    continue;
                }
                Some(&*blocks)
            };
            diagnostics.clear();
            let start = self.now();
            check.check(&cx, &mut diagnostics);
            if let Some(blocks) = only_in {
                diagnostics.retain(|d| {
                    blocks
                        .iter()
                        .any(|b| b.start <= d.span.start && d.span.end <= b.end)
                });
            }
            if !doc.markup.is_empty() {
                diagnostics.retain(|d| !crate::document::markdown::touches(&doc.markup, d.span));
            }
            add_elapsed(spent, start);
            findings.extend(diagnostics.drain(..).filter_map(|d| {
                let schemes = d.romanised_by;
                Some((finding(doc, check, severity, d)?, schemes))
            }));
        }
        findings.sort_by(|(a, _), (b, _)| (a.start, a.code, a.end).cmp(&(b.start, b.code, b.end)));
        let (mut findings, romanised_by): (Vec<Finding>, Vec<Schemes>) =
            findings.into_iter().unzip();
        let mut cursor = doc.line_index().cursor(&doc.text);
        for f in &mut findings {
            let p = cursor.position(f.start);
            (f.line, f.column) = (p.line, p.column);
        }
        if let Some(record) = &doc.origin.record_text {
            let mut columns = record.columns(&doc.text);
            for f in &mut findings {
                f.record_columns = columns.span(f.start, f.end);
            }
        }
        (findings, romanised_by)
    }
}

/// Every rule, in registry order: the selected ones as they are, the others at their default
/// severity, and the codes of those others.
fn every_rule(
    selected: Vec<(&'static dyn Check, Severity)>,
) -> (Vec<(&'static dyn Check, Severity)>, Vec<&'static str>) {
    let mut hidden = Vec::new();
    let checks = RULES
        .iter()
        .map(|&rule| {
            let code = rule.meta().code;
            selected
                .iter()
                .find(|(c, _)| c.meta().code == code)
                .copied()
                .unwrap_or_else(|| {
                    hidden.push(code);
                    (rule, rule.meta().severity)
                })
        })
        .collect();
    (checks, hidden)
}

/// Adds the time since `start` (if the engine is timed) to a counter of nanoseconds.
fn add_elapsed(counter: &AtomicU64, start: Option<Instant>) {
    if let Some(start) = start {
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        counter.fetch_add(nanos, Ordering::Relaxed);
    }
}

/// Whether a rule for `languages` runs on the whole of a document in `language`. Only a
/// document called foreign ([`Language::is_foreign`], the confidence that also gives it the
/// `not-english` verdict) narrows English rules to its English blocks: whatlang's weak guess
/// on a short English text full of names (`sk` at 0.02) had switched off the name rules on
/// a document the detector then judged as English (new-user trial).
fn applies(languages: &[&str], language: Language) -> bool {
    !language.is_foreign() || languages.iter().any(|&l| l == "*" || l == language.code)
}

/// A rule's diagnostic as a finding; a span off the text or off char boundaries is a bug in
/// the rule, and is dropped rather than allowed to panic (debug builds assert).
fn finding(
    doc: &Document,
    check: &dyn Check,
    severity: Severity,
    d: Diagnostic,
) -> Option<Finding> {
    let m = check.meta();
    let text = doc.text.get(d.span.start..d.span.end);
    debug_assert!(
        text.is_some() && d.span.start <= d.span.end,
        "{} emitted bad span {:?}",
        m.code,
        d.span
    );
    Some(Finding {
        code: m.code,
        rule: m.name,
        family: m.family,
        severity,
        start: d.span.start,
        end: d.span.end,
        line: 0,
        column: 0,
        text: text?.to_owned(),
        message: d.message,
        suggestion: d.suggestion,
        applicability: d.applicability,
        source_language: d.source_language,
        policy: d.policy,
        record_columns: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selection(select: Option<&[&str]>, ignore: &[&str]) -> Selection {
        Selection {
            select: select.map(|s| s.iter().map(|x| x.to_string()).collect()),
            ignore: ignore.iter().map(|x| x.to_string()).collect(),
        }
    }

    #[test]
    fn only_a_confident_foreign_guess_narrows_english_rules() {
        let lang = |code, confidence| Language { code, confidence };
        for (language, english_rules_apply) in [
            (Language::UNKNOWN, true),
            (lang("en", 0.2), true),
            (lang("sk", 0.02), true),
            (lang("fr", 0.49), true),
            (lang("fr", 0.5), false),
            (lang("ru", 1.0), false),
        ] {
            assert_eq!(
                applies(&["en"], language),
                english_rules_apply,
                "{language:?}"
            );
            assert!(applies(&["*"], language), "{language:?}");
        }
    }

    #[test]
    fn select_and_ignore_take_codes_and_prefixes() {
        assert!(selection(None, &[]).enabled("GR001"));
        assert!(selection(Some(&["gr"]), &[]).enabled("GR001"));
        assert!(!selection(Some(&["NM"]), &[]).enabled("GR001"));
        assert!(!selection(None, &["GR001"]).enabled("GR001"));
        assert!(!selection(Some(&["ALL"]), &["GR"]).enabled("GR001"));
    }

    #[test]
    fn the_most_specific_selector_wins_as_in_ruff() {
        let s = selection(Some(&["GR", "TY001"]), &["TY"]);
        assert!(s.enabled("TY001"));
        assert!(!s.enabled("TY002"));
        assert!(s.enabled("GR001"));
        assert!(!s.enabled("NM001"));
        // A more specific ignore beats a broader select, and a tie goes to ignore.
        assert!(!selection(Some(&["GR"]), &["GR001"]).enabled("GR001"));
        assert!(selection(Some(&["GR"]), &["GR001"]).enabled("GR002"));
        assert!(!selection(Some(&["GR001"]), &["gr001"]).enabled("GR001"));
        assert!(!selection(None, &["ALL"]).enabled("GR001"));
        assert!(selection(Some(&["GR001"]), &["ALL"]).enabled("GR001"));
    }

    #[test]
    fn unknown_selectors_are_errors_family_prefixes_are_not() {
        assert!(selection(Some(&["NM"]), &[]).validate().is_ok());
        assert!(selection(Some(&["GR00"]), &[]).validate().is_ok());
        assert!(selection(Some(&["XY"]), &[]).validate().is_err());
        assert!(selection(None, &["GR999"]).validate().is_err());
    }

    #[test]
    fn findings_are_sorted_with_spans_text_and_positions() {
        let engine = Engine::new(&Settings::default(), &GlossarySet::default())
            .expect("default settings are valid");
        let doc = Document::from_text("Über «Kyiv»\nthe the talks in in Z\u{FFFD}rich");
        let report = engine.audit(&doc);
        let got: Vec<(&str, &str, usize, usize)> = report
            .findings
            .iter()
            .map(|f| (f.code, f.text.as_str(), f.line, f.column))
            .collect();
        assert_eq!(
            got,
            [
                ("QT004", "«Kyiv»", 1, 6),
                ("GR001", "the the", 2, 1),
                ("GR001", "in in", 2, 15),
                ("TY001", "\u{FFFD}", 2, 22)
            ]
        );
        for f in &report.findings {
            assert_eq!(&doc.text[f.start..f.end], f.text);
        }
    }

    #[test]
    fn severity_overrides_apply() {
        let mut settings = Settings::default();
        settings.severity.insert("gr001".into(), Severity::Error);
        let engine = Engine::new(&settings, &GlossarySet::default()).expect("valid");
        let report = engine.audit(&Document::from_text("in in"));
        assert_eq!(report.findings[0].severity, Severity::Error);
        settings.severity.insert("GR999".into(), Severity::Error);
        assert!(Engine::new(&settings, &GlossarySet::default()).is_err());
    }
}
