//! The editor report pages' shared plumbing and `report.md`. Both pages show the articles
//! ranked (likeliest machine translation first) under a summary of the whole run, but
//! documents arrive in input order: each page renders an article's section as it arrives,
//! parks it in a temporary file ([`Spill`]), and keeps in memory only the table rows and the
//! section's place ([`Gathered`]), so memory stays bounded whatever the corpus size. At
//! `end` the page is written top to bottom. Ranking and caps live in `crate::report`.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};

use tabled::builder::Builder;
use tabled::settings::Style;

use super::markdown::{escape, findings_table};
use super::{Renderer, counts_line, mt_line};
use crate::engine::{DocumentReport, Summary};
use crate::report::{
    ARTICLE_VIEWS, ArticleDigest, Best, NotAudited, NotAuditedList, Rank, TABLE_ROWS, Tally,
};
use crate::rules::{Family, Severity};

/// Rendered sections parked on disk until the page is assembled; created on first use.
#[derive(Default)]
pub(super) struct Spill {
    file: Option<File>,
    len: u64,
}

/// Where one parked section is.
#[derive(Debug, Clone, Copy)]
pub(super) struct Parked {
    offset: u64,
    len: usize,
}

impl Spill {
    pub(super) fn park(&mut self, bytes: &[u8]) -> io::Result<Parked> {
        let file = match &mut self.file {
            Some(f) => f,
            None => self.file.insert(tempfile::tempfile()?),
        };
        file.seek(SeekFrom::Start(self.len))?;
        file.write_all(bytes)?;
        let parked = Parked {
            offset: self.len,
            len: bytes.len(),
        };
        self.len += bytes.len() as u64;
        Ok(parked)
    }

    pub(super) fn copy(&mut self, parked: Parked, w: &mut dyn Write) -> io::Result<()> {
        let Some(file) = &mut self.file else {
            return Ok(());
        };
        file.seek(SeekFrom::Start(parked.offset))?;
        io::copy(&mut (&mut *file).take(parked.len as u64), w)?;
        Ok(())
    }
}

/// What a report page keeps as documents stream past: totals, the best-ranked rows, and the
/// parked sections of the best-ranked articles.
pub(super) struct Gathered {
    pub(super) tally: Tally,
    rows: Best<ArticleDigest>,
    views: Best<(usize, Parked)>,
    spill: Spill,
    seq: usize,
}

/// A report page's content, best-ranked first, ready to lay out.
pub(super) struct Assembled {
    pub(super) tally: Tally,
    pub(super) rows: Vec<ArticleDigest>,
    /// Articles the table leaves out (beyond [`TABLE_ROWS`]).
    pub(super) rows_left_out: usize,
    pub(super) views: Vec<Parked>,
    /// The input positions (`seq`) of the articles in `views`.
    pub(super) viewed: std::collections::HashSet<usize>,
    pub(super) views_left_out: usize,
    pub(super) spill: Spill,
}

impl Default for Gathered {
    fn default() -> Self {
        Gathered {
            tally: Tally::default(),
            rows: Best::new(TABLE_ROWS),
            views: Best::new(ARTICLE_VIEWS),
            spill: Spill::default(),
            seq: 0,
        }
    }
}

impl Gathered {
    /// Counts the document; `section(seq)` renders its section, called only when the article
    /// could still be among those shown.
    pub(super) fn add(
        &mut self,
        report: &DocumentReport,
        section: impl FnOnce(usize) -> io::Result<Vec<u8>>,
    ) -> io::Result<()> {
        let seq = self.seq;
        self.seq += 1;
        self.tally.add(report);
        let rank = Rank::of(seq, report);
        self.rows.offer(rank, || ArticleDigest::new(seq, report));
        if self.views.admits(&rank) {
            let parked = self.spill.park(&section(seq)?)?;
            self.views.offer(rank, || (seq, parked));
        } else {
            self.views
                .offer(rank, || (seq, Parked { offset: 0, len: 0 }));
        }
        Ok(())
    }

    pub(super) fn not_audited(&mut self, item: &NotAudited) {
        self.tally.not_audited.add(item);
    }

    pub(super) fn assemble(self) -> Assembled {
        let (rows_seen, views_seen) = (self.rows.seen(), self.views.seen());
        let rows: Vec<ArticleDigest> = self
            .rows
            .into_sorted()
            .into_iter()
            .map(|(_, d)| d)
            .collect();
        let (viewed, views): (std::collections::HashSet<usize>, Vec<Parked>) =
            self.views.into_sorted().into_iter().map(|(_, v)| v).unzip();
        Assembled {
            tally: self.tally,
            rows_left_out: rows_seen - rows.len(),
            views_left_out: views_seen - views.len(),
            rows,
            views,
            viewed,
            spill: self.spill,
        }
    }
}

/// The per-family count columns of a table, in [`Family::ALL`] order (families with rules).
pub(super) fn family_columns() -> impl Iterator<Item = Family> {
    crate::report::table_families().into_iter()
}

pub(super) fn severity_name(worst: Option<Severity>) -> &'static str {
    worst.map_or("—", Severity::name)
}

pub(super) fn source_name(source: Option<&str>) -> &str {
    source.unwrap_or("—")
}

/// `report.md`: the summary, the ranked table of articles, and per article its MT verdict,
/// evidence and findings, as Markdown tables (tabled's Markdown style) to paste into tickets.
#[derive(Default)]
pub struct MarkdownReport {
    gathered: Gathered,
}

impl MarkdownReport {
    fn section(report: &DocumentReport) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        writeln!(out, "### {}\n", escape(&super::title(report)))?;
        writeln!(
            out,
            "{} · {}\n",
            escape(&mt_line(report)),
            counts_line(
                report.findings.len(),
                report.count(Severity::Error),
                report.count(Severity::Warning),
                report.count(Severity::Info),
            )
        )?;
        writeln!(out, "{}\n", escape(&report.mt.summary))?;
        if !report.mt.evidence.is_empty() {
            let mut b = Builder::default();
            b.push_record(["MT evidence", "Detail", "Weight"]);
            for e in &report.mt.evidence {
                b.push_record([
                    escape(&e.signal),
                    escape(&e.detail),
                    format!("{:+.2}", e.weight),
                ]);
            }
            writeln!(out, "{}\n", b.build().with(Style::markdown()))?;
        }
        if let Some(table) = findings_table(report) {
            writeln!(out, "{table}\n")?;
        }
        Ok(out)
    }
}

impl Renderer for MarkdownReport {
    fn document(&mut self, _w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        self.gathered.add(report, |_| Self::section(report))
    }

    fn not_audited(&mut self, _w: &mut dyn Write, item: &NotAudited) -> io::Result<()> {
        self.gathered.not_audited(item);
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        let Assembled {
            tally,
            rows,
            rows_left_out,
            views,
            views_left_out,
            mut spill,
            ..
        } = std::mem::take(&mut self.gathered).assemble();
        writeln!(w, "# calq report\n")?;
        if tally.not_audited.count > 0 {
            writeln!(
                w,
                "**{} input{} not audited** (listed under *Inputs not audited* below).\n",
                tally.not_audited.count,
                if tally.not_audited.count == 1 {
                    ""
                } else {
                    "s"
                },
            )?;
        }
        writeln!(
            w,
            "**{} article{}** · {} machine-translated ({:.0}%) · {} uncertain · {} human · {} not judged ({} no text, {} not English, {} too short) · {}\n",
            tally.articles,
            if tally.articles == 1 { "" } else { "s" },
            tally.machine_translated,
            tally.machine_translated_percent(),
            tally.uncertain,
            tally.human,
            tally.not_judged(),
            tally.no_text,
            tally.not_english,
            tally.too_short,
            counts_line(tally.findings, tally.errors, tally.warnings, tally.infos),
        )?;

        let sources = tally.sources();
        if !sources.is_empty() {
            let mut b = Builder::default();
            b.push_record(["Source language", "Machine-translated articles"]);
            for (lang, n) in sources {
                b.push_record([escape(lang.unwrap_or("unknown")), n.to_string()]);
            }
            writeln!(w, "{}\n", b.build().with(Style::markdown()))?;
        }

        let mut b = Builder::default();
        b.push_record(["Family", "Findings"]);
        for family in family_columns() {
            let n = tally.by_family[crate::report::family_index(family)];
            b.push_record([
                format!("{} ({})", family.name(), family.prefix()),
                n.to_string(),
            ]);
        }
        writeln!(w, "{}\n", b.build().with(Style::markdown()))?;

        if tally.articles == 0 {
            writeln!(w, "No article was audited.\n")?;
        }
        not_audited_markdown(w, &tally.not_audited)?;

        writeln!(w, "## Articles\n")?;
        let mut header = vec![
            "#".to_owned(),
            "Article".to_owned(),
            "MT".to_owned(),
            "Verdict".to_owned(),
            "Language".to_owned(),
            "Source".to_owned(),
        ];
        header.extend(family_columns().map(|f| f.prefix().to_owned()));
        header.extend(["Findings".to_owned(), "Worst".to_owned()]);
        // Judged articles, then those the detector did not judge as a group of their own.
        let (judged, unjudged): (Vec<_>, Vec<_>) = rows
            .iter()
            .enumerate()
            .partition(|(_, d)| d.verdict.is_judged());
        for (group, members) in [(None, judged), (Some(()), unjudged)] {
            if members.is_empty() {
                continue;
            }
            if group.is_some() {
                writeln!(
                    w,
                    "### Not judged by the MT detector\n\nNot in English, too short, or without text; the Language column gives each article's language.\n"
                )?;
            }
            let mut b = Builder::default();
            b.push_record(header.clone());
            for (i, d) in members {
                let mut row = vec![
                    (i + 1).to_string(),
                    escape(&table_title(&d.title)),
                    super::probability_cell(d.probability),
                    d.verdict.name().to_owned(),
                    escape(&d.language),
                    escape(source_name(d.source_language.as_deref())),
                ];
                row.extend(
                    family_columns()
                        .map(|f| d.by_family[crate::report::family_index(f)].to_string()),
                );
                row.extend([d.findings.to_string(), severity_name(d.worst).to_owned()]);
                b.push_record(row);
            }
            writeln!(w, "{}\n", b.build().with(Style::markdown()))?;
        }
        if rows_left_out > 0 {
            writeln!(
                w,
                "The table lists the {} highest-ranked of {} articles; report.json has them all.\n",
                rows.len(),
                tally.articles
            )?;
        }

        writeln!(w, "## Findings per article\n")?;
        if views_left_out > 0 {
            writeln!(
                w,
                "Findings are listed for the {} highest-ranked articles; report.json has them all.\n",
                views.len()
            )?;
        }
        for parked in views {
            spill.copy(parked, w)?;
        }
        Ok(())
    }
}

/// Longest article name in a Markdown table, in characters: every row of a Markdown table
/// is padded to its widest cell, so one long name would widen them all. The article's own
/// section gives the name whole.
const TABLE_TITLE_CHARS: usize = 80;

/// `title`, cut to [`TABLE_TITLE_CHARS`] when longer, with the ellipsis in the middle: the
/// start of the path and the end of the name stay (a file's name, or the end of a JSONL id,
/// which is what tells a corpus's articles apart). Each cut moves to a separator (`/`, `:`,
/// `-`, `.`, space…) near it, so what is shown of the id does not depend on the path's
/// length, and no word is cut in two when a separator is near.
fn table_title(title: &str) -> Cow<'_, str> {
    if title.chars().nth(TABLE_TITLE_CHARS).is_none() {
        return Cow::Borrowed(title);
    }
    let chars: Vec<char> = title.chars().collect();
    let separator = |c: char| matches!(c, '/' | '\\' | ':' | ' ' | '[' | '_' | '-' | '.');
    // At most this many characters from the start; the rest of the width is the end's.
    const HEAD: usize = 30;
    let head = (HEAD / 2..=HEAD)
        .rev()
        .find(|&i| separator(chars[i - 1]))
        .unwrap_or(HEAD);
    let tail_len = TABLE_TITLE_CHARS - 1 - head;
    let from = chars.len() - tail_len;
    let tail = (from..from + tail_len / 3)
        .find(|&i| i > from && separator(chars[i - 1]))
        .unwrap_or(from);
    let mut cut: String = chars[..head].iter().collect();
    cut.push('…');
    cut.extend(&chars[tail..]);
    Cow::Owned(cut)
}

/// The inputs not audited as a Markdown section (nothing when there are none): a table of
/// input and reason. Shared by `report.md` and `calq audit --format markdown`.
pub(super) fn not_audited_markdown(w: &mut dyn Write, list: &NotAuditedList) -> io::Result<()> {
    if list.count == 0 {
        return Ok(());
    }
    writeln!(w, "## Inputs not audited\n")?;
    let mut b = Builder::default();
    b.push_record(["Input", "Reason"]);
    for item in &list.listed {
        b.push_record([escape(&item.input), escape(&item.reason)]);
    }
    writeln!(w, "{}\n", b.build().with(Style::markdown()))?;
    if list.left_out() > 0 {
        writeln!(
            w,
            "{} more input{} not audited; standard error named each.\n",
            list.left_out(),
            if list.left_out() == 1 {
                " was"
            } else {
                "s were"
            }
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_in_tables() {
        let exact = "é".repeat(TABLE_TITLE_CHARS);
        assert_eq!(table_title(&exact), exact);
        let long = "é".repeat(3000);
        let cut = table_title(&long);
        assert_eq!(cut.chars().count(), TABLE_TITLE_CHARS);
        assert!(cut.contains('…'));
        assert_eq!(table_title("short"), "short");
    }

    /// Quick regression trial: ids were cut mid-word, at a place that moved with the path's
    /// and the id's length (`…JDExploreAc…`). The end of the id stays whole, and both cuts
    /// are at separators, whatever the path's length.
    #[test]
    fn long_names_keep_their_start_and_end_and_cut_at_a_separator() {
        let id = "generaltest2022:de-en:braunschweiger-zeitung.de.35094:JDExploreAcademy-B";
        let short = format!("shard-00.jsonl [{id}]");
        let long = format!("/srv/corpora/wmt/2022/shards/part-0007/shard-00.jsonl [{id}]");
        let (a, b) = (table_title(&short), table_title(&long));
        for (cut, whole) in [(&a, &short), (&b, &long)] {
            assert!(cut.chars().count() <= TABLE_TITLE_CHARS, "{cut}");
            assert!(cut.ends_with(":JDExploreAcademy-B]"), "{cut}");
            let (head, tail) = cut.split_once('…').expect("an ellipsis");
            assert!(whole.starts_with(head) && whole.ends_with(tail), "{cut}");
            assert!(head.ends_with(['/', ':', '-', '.', ' ', '[', '_']), "{cut}");
            let before = whole[..whole.len() - tail.len()].chars().next_back();
            assert!(before.is_some_and(|c| ":-. ".contains(c)), "{cut}");
        }
        // The width left by a short path goes to the id.
        assert!(
            a.ends_with("de-en:braunschweiger-zeitung.de.35094:JDExploreAcademy-B]"),
            "{a}"
        );
    }

    #[test]
    fn parked_sections_come_back_in_any_order() {
        let mut spill = Spill::default();
        let a = spill.park(b"first ").expect("park");
        let b = spill.park(b"second ").expect("park");
        let mut out = Vec::new();
        spill.copy(b, &mut out).expect("copy");
        spill.copy(a, &mut out).expect("copy");
        assert_eq!(out, b"second first ");
    }
}
