//! What the editor reports show, derived from the engine's reports: one digest per article
//! (counts per family, worst severity), the corpus tallies (by verdict, by source language,
//! by family), the ranking (MT probability first) with the caps on what a page embeds, the
//! highlight segments of an article's text, and the end positions SARIF wants. Renderers
//! (`render::html`, `render::report`, `render::sarif`) lay these out and compute nothing;
//! nothing here writes.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::engine::{DocumentReport, Finding};
use crate::mt::Verdict;
use crate::rules::{Family, Severity};

/// Articles listed in a report's table, highest ranked first. A page with more rows than this
/// is no longer usable in a browser; `report.json` always has every article.
pub const TABLE_ROWS: usize = 5000;
/// Articles shown with their text and findings, highest ranked first.
pub const ARTICLE_VIEWS: usize = 200;
/// Bytes of each article's text embedded in the HTML page (cut at a character boundary).
/// News articles are almost all shorter; findings past the cut stay in the article's table.
pub const TEXT_BYTES: usize = 64 * 1024;

/// Inputs not audited that a report lists one by one; beyond this only their number is
/// given (standard error has every one), so memory stays bounded on a corpus of bad lines.
pub const NOT_AUDITED_LISTED: usize = 1000;

/// An input that was not audited, and why: a file that could not be read or was skipped, a
/// bad or oversized JSONL line, a folder without articles.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NotAudited {
    /// The path, with `:line` for a JSONL record.
    pub input: String,
    pub reason: String,
}

impl NotAudited {
    pub fn from_error(e: &crate::error::Error) -> NotAudited {
        let message = e.to_string();
        match e.input() {
            Some(input) => {
                let reason = message
                    .strip_prefix(&input)
                    .and_then(|r| r.strip_prefix(": "))
                    .unwrap_or(&message)
                    .to_owned();
                NotAudited { input, reason }
            }
            None => NotAudited {
                input: "(input)".into(),
                reason: message,
            },
        }
    }

    pub fn skipped(path: &std::path::Path, reason: &str) -> NotAudited {
        NotAudited {
            input: path.display().to_string(),
            reason: format!("skipped: {reason}"),
        }
    }
}

/// The inputs not audited, the first [`NOT_AUDITED_LISTED`] of them listed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotAuditedList {
    pub listed: Vec<NotAudited>,
    pub count: usize,
}

impl NotAuditedList {
    pub fn add(&mut self, item: &NotAudited) {
        self.count += 1;
        if self.listed.len() < NOT_AUDITED_LISTED {
            self.listed.push(item.clone());
        }
    }

    /// How many are counted but not listed.
    pub fn left_out(&self) -> usize {
        self.count - self.listed.len()
    }
}

/// Where a family's count sits in per-family arrays: the order of [`Family::ALL`].
pub const fn family_index(family: Family) -> usize {
    family as usize
}

/// The families a report's table has a column for: those with at least one rule (the `mt`
/// family's verdict has columns of its own, and no rule reports in it).
pub fn table_families() -> Vec<Family> {
    Family::ALL
        .into_iter()
        .filter(|f| crate::rules::RULES.iter().any(|r| r.meta().family == *f))
        .collect()
}

/// How reports order articles: the likeliest machine translations first, then those with
/// more findings, then input order (so ties, such as the detector's placeholder 0.5, keep the
/// order the articles were given in). Articles the detector did not judge (no text, not
/// English, too short) come after every judged one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rank {
    /// `None` for an article that was not judged.
    pub probability: Option<f64>,
    pub findings: usize,
    /// 0-based position in the input.
    pub seq: usize,
}

impl Rank {
    pub fn of(seq: usize, report: &DocumentReport) -> Rank {
        Rank {
            probability: report.mt.probability,
            findings: report.findings.len(),
            seq,
        }
    }

    /// `Less` when `self` comes first.
    pub fn order(&self, other: &Rank) -> Ordering {
        let key = |p: Option<f64>| p.unwrap_or(f64::NEG_INFINITY);
        key(other.probability)
            .total_cmp(&key(self.probability))
            .then(other.findings.cmp(&self.findings))
            .then(self.seq.cmp(&other.seq))
    }
}

/// One article's row in a report's table.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleDigest {
    pub rank: Rank,
    /// Path, with the JSONL id where there is one.
    pub title: String,
    pub probability: Option<f64>,
    pub verdict: Verdict,
    pub source_language: Option<String>,
    /// The document's language as identified (ISO 639-1, or "unknown").
    pub language: String,
    /// Findings per family, indexed by [`family_index`].
    pub by_family: [usize; Family::ALL.len()],
    pub findings: usize,
    pub worst: Option<Severity>,
}

impl ArticleDigest {
    pub fn new(seq: usize, report: &DocumentReport) -> ArticleDigest {
        let mut by_family = [0; Family::ALL.len()];
        for f in &report.findings {
            by_family[family_index(f.family)] += 1;
        }
        ArticleDigest {
            rank: Rank::of(seq, report),
            title: match &report.id {
                Some(id) => format!("{} [{id}]", report.path),
                None => report.path.clone(),
            },
            probability: report.mt.probability,
            verdict: report.mt.verdict,
            source_language: report.mt.source_language.clone(),
            language: report
                .mt
                .language
                .clone()
                .unwrap_or_else(|| report.language.code.to_owned()),
            by_family,
            findings: report.findings.len(),
            worst: report.worst(),
        }
    }
}

/// Totals over every article of a run, for a report's summary header.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Tally {
    pub articles: usize,
    pub machine_translated: usize,
    pub uncertain: usize,
    pub human: usize,
    /// Articles the detector did not judge: no text, not English, too short.
    pub no_text: usize,
    pub not_english: usize,
    pub too_short: usize,
    /// Machine-translated articles per source language; `None` is "source language unknown".
    /// Other verdicts have no source language and are not counted here.
    pub by_source: BTreeMap<Option<String>, usize>,
    pub by_family: [usize; Family::ALL.len()],
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Inputs that were not audited, with their reasons.
    pub not_audited: NotAuditedList,
}

impl Tally {
    pub fn add(&mut self, report: &DocumentReport) {
        self.articles += 1;
        match report.mt.verdict {
            Verdict::MachineTranslated => self.machine_translated += 1,
            Verdict::Uncertain => self.uncertain += 1,
            Verdict::Human => self.human += 1,
            Verdict::NoText => self.no_text += 1,
            Verdict::NotEnglish => self.not_english += 1,
            Verdict::TooShort => self.too_short += 1,
        }
        if report.mt.verdict == Verdict::MachineTranslated {
            *self
                .by_source
                .entry(report.mt.source_language.clone())
                .or_default() += 1;
        }
        for f in &report.findings {
            self.by_family[family_index(f.family)] += 1;
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
        self.findings += report.findings.len();
    }

    /// Machine-translated articles per source language, the most frequent first (ties by
    /// code), with those whose source language is unknown last.
    pub fn sources(&self) -> Vec<(Option<&str>, usize)> {
        let mut out: Vec<(Option<&str>, usize)> = self
            .by_source
            .iter()
            .map(|(lang, n)| (lang.as_deref(), *n))
            .collect();
        out.sort_by(|a, b| {
            a.0.is_none()
                .cmp(&b.0.is_none())
                .then(b.1.cmp(&a.1))
                .then(a.0.cmp(&b.0))
        });
        out
    }

    /// Articles the detector did not judge.
    pub fn not_judged(&self) -> usize {
        self.no_text + self.not_english + self.too_short
    }

    /// Share of the articles judged machine-translated, in percent (0 for no articles).
    pub fn machine_translated_percent(&self) -> f64 {
        if self.articles == 0 {
            0.0
        } else {
            100.0 * self.machine_translated as f64 / self.articles as f64
        }
    }
}

/// The `cap` best-ranked items of a stream, in bounded memory: items are kept unsorted and
/// pruned to `cap` whenever twice as many have gathered, so a corpus of any size costs
/// O(cap) memory and O(n log cap) time.
#[derive(Debug)]
pub struct Best<T> {
    cap: usize,
    items: Vec<(Rank, T)>,
    seen: usize,
    /// After a prune that left `cap` items: the worst of them. Anything ranked after it can
    /// never make the cut, so callers can skip preparing it ([`Best::admits`]).
    bar: Option<Rank>,
}

impl<T> Best<T> {
    pub fn new(cap: usize) -> Best<T> {
        Best {
            cap,
            items: Vec::new(),
            seen: 0,
            bar: None,
        }
    }

    /// Whether an item of this rank could still be among the best.
    pub fn admits(&self, rank: &Rank) -> bool {
        self.cap > 0
            && self
                .bar
                .is_none_or(|bar| rank.order(&bar) == Ordering::Less)
    }

    /// Counts the item as seen, and keeps it when it could be among the best. Returns whether
    /// it was kept.
    pub fn offer(&mut self, rank: Rank, item: impl FnOnce() -> T) -> bool {
        self.seen += 1;
        if !self.admits(&rank) {
            return false;
        }
        self.items.push((rank, item()));
        if self.items.len() >= self.cap.saturating_mul(2).max(1) {
            self.prune();
        }
        true
    }

    fn prune(&mut self) {
        self.items.sort_by(|a, b| a.0.order(&b.0));
        self.items.truncate(self.cap);
        if self.items.len() == self.cap {
            self.bar = self.items.last().map(|(r, _)| *r);
        }
    }

    /// How many items were offered.
    pub fn seen(&self) -> usize {
        self.seen
    }

    /// The best items, best first.
    pub fn into_sorted(mut self) -> Vec<(Rank, T)> {
        self.prune();
        self.items
    }
}

/// A run of an article's text and the findings (indices into the report's findings) covering
/// all of it. A zero-width segment marks an insertion point.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub findings: Vec<usize>,
}

/// An article's text cut into segments for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Cover `0..shown` in order, with no gaps.
    pub segments: Vec<Segment>,
    /// Bytes of text shown (a character boundary, at most the limit).
    pub shown: usize,
    /// Findings that start past the cut and so are not highlighted.
    pub beyond: usize,
}

/// Cuts `text` (at most its first `limit` bytes, backed off to a character boundary) into
/// segments at every finding boundary. A finding that runs past the cut is highlighted up to
/// it; a span that is off the text or off character boundaries is left out.
pub fn highlight(text: &str, findings: &[Finding], limit: usize) -> Highlight {
    let mut shown = limit.min(text.len());
    while !text.is_char_boundary(shown) {
        shown -= 1;
    }
    let fits = |f: &Finding| f.start <= f.end && text.get(f.start..f.end).is_some();
    // A finding is shown when it starts before the cut, or at the very end of a text shown
    // whole (an insertion point after the last character).
    let inside = |f: &Finding| f.start < shown || (f.start == shown && shown == text.len());
    let mut order: Vec<usize> = (0..findings.len())
        .filter(|&i| fits(&findings[i]) && inside(&findings[i]))
        .collect();
    let beyond = findings.iter().filter(|f| fits(f) && !inside(f)).count();
    order.sort_by_key(|&i| findings[i].start);
    let end_of = |i: usize| findings[i].end.min(shown);

    let mut bounds: Vec<usize> = vec![0, shown];
    for &i in &order {
        bounds.push(findings[i].start);
        bounds.push(end_of(i));
    }
    bounds.sort_unstable();
    bounds.dedup();

    let mut segments = Vec::new();
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for (k, &at) in bounds.iter().enumerate() {
        active.retain(|&i| end_of(i) > at);
        let mut empty = Vec::new();
        while let Some(&i) = order.get(next) {
            if findings[i].start > at {
                break;
            }
            if end_of(i) > at {
                active.push(i);
            } else {
                empty.push(i);
            }
            next += 1;
        }
        if !empty.is_empty() {
            segments.push(Segment {
                start: at,
                end: at,
                findings: empty,
            });
        }
        if let Some(&to) = bounds.get(k + 1) {
            let mut covering = active.clone();
            covering.sort_unstable();
            segments.push(Segment {
                start: at,
                end: to,
                findings: covering,
            });
        }
    }
    Highlight {
        segments,
        shown,
        beyond,
    }
}

/// What a finding's position means in the file it names, for formats that point into files
/// (SARIF).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Lines and columns are the file's; byte offsets (and so fixes) too when `bytes`.
    Text { bytes: bool },
    /// A JSONL record: the file position is the record's line; offsets are into its `text`.
    Record { line: usize },
    /// HTML: positions are in the extracted article text, not in the page's markup; a
    /// record of a compressed corpus (`.jsonl.gz`) likewise has no place in the file's bytes.
    Page,
}

impl Place {
    pub fn of(report: &DocumentReport) -> Place {
        let origin = &report.origin;
        if origin.compressed {
            Place::Page
        } else if let Some(line) = origin.record_line {
            Place::Record { line }
        } else if origin.html {
            Place::Page
        } else {
            // A byte-order mark shifts the file's bytes; lossy decoding changes them.
            Place::Text {
                bytes: !origin.bom && !origin.lossy,
            }
        }
    }
}

/// A fingerprint per finding that survives reruns and lines moving: a 64-bit FNV-1a hash
/// (stable across platforms and versions, unlike `std`'s hasher) of the rule code, the JSONL
/// record id, the flagged text with its whitespace collapsed, and how many findings of that
/// rule on that same text come before it in the document. Positions are not part of it.
pub fn fingerprints(report: &DocumentReport) -> Vec<String> {
    let mut seen: std::collections::HashMap<(&str, String), u64> = std::collections::HashMap::new();
    report
        .findings
        .iter()
        .map(|f| {
            let text = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
            let n = seen.entry((f.code, text.clone())).or_default();
            let occurrence = *n;
            *n += 1;
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            let mut eat = |bytes: &[u8]| {
                for b in bytes.iter().chain([0xff].iter()) {
                    h ^= u64::from(*b);
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            };
            eat(f.code.as_bytes());
            eat(report.id.as_deref().unwrap_or_default().as_bytes());
            eat(text.as_bytes());
            eat(&occurrence.to_le_bytes());
            format!("{h:016x}")
        })
        .collect()
}

/// The 1-based line and character column just past a finding's text (SARIF's exclusive
/// `endLine`/`endColumn`), counting line breaks as the document's line index does: `\n`,
/// `\r\n` and a lone `\r`.
pub fn end_position(f: &Finding) -> (usize, usize) {
    let (mut line, mut column) = (f.line, f.column);
    let mut chars = f.text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
    }
    (line, column)
}

/// Whether the file at `path`, named `name` (`index.html`, `report.md` or `report.json`), is
/// a report file calq wrote: its first bytes say so. Such a file may be replaced by the next
/// report, and a folder walk leaves it out rather than audit it as an article.
pub fn written_by_calq(path: &std::path::Path, name: &str) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut head = Vec::with_capacity(4096);
    if file.take(4096).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    match name {
        "index.html" => head.contains("<meta name=\"generator\" content=\"calq\">"),
        "report.md" => head.starts_with("# calq report"),
        "report.json" => {
            head.starts_with("{\n  \"version\": ") && head.contains("\"documents\": [")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(family: Family, start: usize, end: usize, text: &str) -> Finding {
        Finding {
            rule: "repeated-word",
            start,
            end,
            column: start + 1,
            ..Finding::example("GR001", family, text.get(start..end).unwrap_or_default())
        }
    }

    fn spans(h: &Highlight) -> Vec<(usize, usize, Vec<usize>)> {
        h.segments
            .iter()
            .map(|s| (s.start, s.end, s.findings.clone()))
            .collect()
    }

    #[test]
    fn family_index_follows_family_all() {
        for (i, f) in Family::ALL.iter().enumerate() {
            assert_eq!(family_index(*f), i);
        }
    }

    #[test]
    fn segments_cover_the_text_and_split_at_overlaps() {
        let text = "abcdefghij";
        let findings = [
            finding(Family::Names, 2, 6, text),
            finding(Family::Grammar, 4, 8, text),
            finding(Family::Quotes, 9, 9, text),
        ];
        let h = highlight(text, &findings, 100);
        assert_eq!(
            spans(&h),
            [
                (0, 2, vec![]),
                (2, 4, vec![0]),
                (4, 6, vec![0, 1]),
                (6, 8, vec![1]),
                (8, 9, vec![]),
                (9, 9, vec![2]),
                (9, 10, vec![]),
            ]
        );
        assert_eq!((h.shown, h.beyond), (10, 0));
    }

    #[test]
    fn the_cut_backs_off_to_a_char_boundary_and_counts_what_is_beyond() {
        let text = "ééé abc";
        let findings = [
            finding(Family::Names, 0, 4, text),
            finding(Family::Names, 7, 10, text),
        ];
        // 3 is inside the second "é".
        let h = highlight(text, &findings, 3);
        assert_eq!(h.shown, 2);
        assert_eq!(spans(&h), [(0, 2, vec![0])]);
        assert_eq!(h.beyond, 1);
    }

    #[test]
    fn bad_spans_and_empty_text_do_not_panic() {
        let findings = [finding(Family::Names, 1, 2, "é")];
        let h = highlight("é", &findings, 100);
        assert_eq!(spans(&h), [(0, 2, vec![])]);
        let h = highlight("", &[], 100);
        assert_eq!(h.shown, 0);
        assert!(h.segments.iter().all(|s| s.findings.is_empty()));
    }

    fn rank(probability: f64, findings: usize, seq: usize) -> Rank {
        Rank {
            probability: Some(probability),
            findings,
            seq,
        }
    }

    #[test]
    fn ranking_puts_likely_translations_first_then_findings_then_input_order() {
        let mut ranks = [
            rank(0.5, 0, 0),
            rank(0.9, 1, 1),
            rank(0.5, 3, 2),
            rank(0.5, 0, 3),
        ];
        ranks.sort_by(Rank::order);
        let seqs: Vec<usize> = ranks.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, [1, 2, 0, 3]);
    }

    #[test]
    fn articles_not_judged_come_after_every_judged_one() {
        let unjudged = |findings, seq| Rank {
            probability: None,
            findings,
            seq,
        };
        let mut ranks = [
            unjudged(9, 0),
            rank(0.01, 0, 1),
            unjudged(0, 2),
            rank(0.6, 0, 3),
        ];
        ranks.sort_by(Rank::order);
        let seqs: Vec<usize> = ranks.iter().map(|r| r.seq).collect();
        assert_eq!(seqs, [3, 1, 0, 2]);
    }

    #[test]
    fn best_keeps_the_top_in_bounded_memory() {
        let mut best = Best::new(3);
        for seq in 0..100 {
            let p = f64::from(u32::try_from(seq % 17).expect("small")) / 17.0;
            best.offer(rank(p, 0, seq), || seq);
            assert!(best.items.len() < 6);
        }
        assert_eq!(best.seen(), 100);
        assert!(!best.admits(&rank(0.0, 0, 1000)));
        let kept: Vec<usize> = best.into_sorted().into_iter().map(|(_, s)| s).collect();
        assert_eq!(kept, [16, 33, 50]);
        let mut none: Best<()> = Best::new(0);
        assert!(!none.offer(rank(1.0, 0, 0), || ()));
        assert!(none.into_sorted().is_empty());
    }

    #[test]
    fn only_machine_translations_are_counted_by_source_language() {
        let report = |verdict, source: Option<&str>| DocumentReport {
            path: "a.txt".into(),
            id: None,
            language: crate::document::Language::UNKNOWN,
            mt: crate::mt::Assessment {
                verdict,
                source_language: source.map(str::to_owned),
                ..crate::mt::Assessment::unscored()
            },
            findings: Vec::new(),
            origin: Default::default(),
        };
        let mut t = Tally::default();
        t.add(&report(Verdict::MachineTranslated, Some("fr")));
        t.add(&report(Verdict::MachineTranslated, None));
        t.add(&report(Verdict::Human, None));
        t.add(&report(Verdict::TooShort, None));
        assert_eq!(t.sources(), [(Some("fr"), 1), (None, 1)]);
    }

    #[test]
    fn sources_list_the_commonest_language_first_and_no_guess_last() {
        let mut t = Tally::default();
        t.by_source.insert(None, 5);
        t.by_source.insert(Some("de".into()), 1);
        t.by_source.insert(Some("fr".into()), 2);
        t.by_source.insert(Some("ru".into()), 1);
        assert_eq!(
            t.sources(),
            [(Some("fr"), 2), (Some("de"), 1), (Some("ru"), 1), (None, 5)]
        );
    }

    #[test]
    fn end_positions_count_characters_and_line_breaks() {
        let mut f = finding(Family::Names, 0, 0, "");
        (f.line, f.column) = (3, 5);
        f.text = "Ryabków".into();
        assert_eq!(end_position(&f), (3, 12));
        f.text = "a\r\nbc".into();
        assert_eq!(end_position(&f), (4, 3));
        f.text = "a\rb\nc".into();
        assert_eq!(end_position(&f), (5, 2));
        f.text = String::new();
        assert_eq!(end_position(&f), (3, 5));
    }
}
