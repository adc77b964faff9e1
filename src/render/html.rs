//! `html`: one self-contained page (inline CSS and a little vanilla JavaScript, no remote
//! resources) with a summary of the run, a sortable and filterable table of articles, and per
//! article its text with the findings highlighted by family, its findings and its MT
//! evidence. Used by `calq report` (index.html) and `calq audit --format html`.
//!
//! Safety: every piece of article text, path, message and suggestion goes through
//! [`escape`], in element content and in attributes alike; the script reads article data
//! from the DOM and writes it back only as `textContent`, so no text is ever parsed as HTML.
//! A Content-Security-Policy forbids loading anything from anywhere.

use std::borrow::Cow;
use std::io::{self, Write};

use super::report::{Assembled, Gathered, family_columns, severity_name, source_name};
use super::{Renderer, cell_text, counts_line, suggestion_text};
use crate::engine::{DocumentReport, Summary};
use crate::mt::Verdict;
use crate::report::{ArticleDigest, NotAudited, TEXT_BYTES, Tally, family_index, highlight};
use crate::rules::{Family, Severity};

/// Escapes text for HTML element content and quoted attribute values. Control characters
/// other than tab and line breaks (which HTML forbids) become U+FFFD.
pub fn escape(text: &str) -> Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'')
            || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    };
    if !text.contains(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[derive(Default)]
pub struct Html {
    gathered: Gathered,
}

impl Html {
    pub fn new() -> Html {
        Html::default()
    }
}

impl Renderer for Html {
    fn document(&mut self, _w: &mut dyn Write, report: &DocumentReport) -> io::Result<()> {
        self.gathered.add(report, |seq| section(seq, report, None))
    }

    fn document_with_text(
        &mut self,
        _w: &mut dyn Write,
        report: &DocumentReport,
        text: &str,
    ) -> io::Result<()> {
        self.gathered
            .add(report, |seq| section(seq, report, Some(text)))
    }

    fn not_audited(&mut self, _w: &mut dyn Write, item: &NotAudited) -> io::Result<()> {
        self.gathered.not_audited(item);
        Ok(())
    }

    fn end(&mut self, w: &mut dyn Write, _summary: &Summary) -> io::Result<()> {
        page(w, std::mem::take(&mut self.gathered).assemble())
    }
}

fn verdict_class(v: Verdict) -> &'static str {
    match v {
        Verdict::MachineTranslated => "mt",
        Verdict::Uncertain => "unsure",
        Verdict::Human => "human",
        Verdict::NoText | Verdict::NotEnglish | Verdict::TooShort => "unjudged",
    }
}

fn severity_rank(s: Option<Severity>) -> u8 {
    match s {
        None => 0,
        Some(Severity::Info) => 1,
        Some(Severity::Warning) => 2,
        Some(Severity::Error) => 3,
    }
}

/// A probability bar: a track with a fill as wide as the probability; none for a document
/// the detector did not judge.
fn bar(probability: Option<f64>, verdict: Verdict) -> String {
    let Some(probability) = probability else {
        return String::new();
    };
    let width = if probability.is_finite() {
        (probability.clamp(0.0, 1.0) * 100.0).round()
    } else {
        0.0
    };
    format!(
        "<span class=\"bar {}\" role=\"img\" aria-label=\"MT probability {probability:.2}\"><span style=\"width:{width}%\"></span></span>",
        verdict_class(verdict)
    )
}

/// One article's view: heading, MT line and evidence, highlighted text, findings table.
fn section(seq: usize, report: &DocumentReport, text: Option<&str>) -> io::Result<Vec<u8>> {
    let mut o = Vec::with_capacity(text.map_or(0, str::len) * 2 + 4096);
    let id = format!("a{seq}");
    let mt = &report.mt;
    writeln!(
        o,
        "<section class=\"article\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h3 id=\"{id}-h\">{}</h3>",
        escape(&super::title(report))
    )?;
    let source = match &mt.source_language {
        Some(lang) => format!(" · from <b>{}</b>", escape(lang)),
        None => match &mt.language {
            Some(lang) => format!(" · in <b>{}</b>", escape(lang)),
            None => String::new(),
        },
    };
    writeln!(
        o,
        "<p class=\"mtline\">{} <b>{}</b> {}{source} · {}</p>\n<p class=\"mtsummary\">{}</p>",
        bar(mt.probability, mt.verdict),
        super::probability_cell(mt.probability),
        mt.verdict.name(),
        counts_line(
            report.findings.len(),
            report.count(Severity::Error),
            report.count(Severity::Warning),
            report.count(Severity::Info),
        ),
        escape(&mt.summary)
    )?;
    if !mt.evidence.is_empty() {
        writeln!(
            o,
            "<details class=\"evidence\" open><summary>MT evidence</summary>\n<table><thead><tr><th>Signal</th><th>Detail</th><th class=\"n\">Weight</th></tr></thead><tbody>"
        )?;
        for e in &mt.evidence {
            let sign = if e.weight > 0.0 {
                "pos"
            } else if e.weight < 0.0 {
                "neg"
            } else {
                "zero"
            };
            writeln!(
                o,
                "<tr><td><code>{}</code></td><td>{}</td><td class=\"n {sign}\">{:+.2}</td></tr>",
                escape(&e.signal),
                escape(&e.detail),
                e.weight
            )?;
        }
        writeln!(o, "</tbody></table></details>")?;
    }
    match text {
        Some(text) => text_view(&mut o, &id, report, text)?,
        None => writeln!(
            o,
            "<p class=\"note\">The text was not available to this report.</p>"
        )?,
    }
    if !report.findings.is_empty() {
        writeln!(
            o,
            "<table class=\"findings\"><thead><tr><th>Line:Col</th><th>Rule</th><th>Severity</th><th>Text</th><th>Message</th><th>Suggestion</th></tr></thead><tbody>"
        )?;
        for (i, f) in report.findings.iter().enumerate() {
            writeln!(
                o,
                "<tr id=\"{id}-f{i}\" class=\"fam-{}\" tabindex=\"0\"><td class=\"n\">{}:{}</td><td><code>{}</code> {}</td><td class=\"sev-{}\">{}</td><td class=\"flagged\">{}</td><td>{}</td><td>{}</td></tr>",
                f.family.name(),
                f.line,
                f.column,
                f.code,
                f.rule,
                f.severity.name(),
                f.severity.name(),
                escape(&cell_text(&f.text, 80)),
                escape(&f.message),
                f.suggestion
                    .as_deref()
                    .map(|s| escape(&suggestion_text(s, 80)).into_owned())
                    .unwrap_or_default()
            )?;
        }
        writeln!(o, "</tbody></table>")?;
    }
    writeln!(o, "</section>")?;
    Ok(o)
}

/// The article's text (up to [`TEXT_BYTES`]) with each finding's span in a `<mark>` coloured
/// by the family of its most severe finding. Hover shows the findings (`title`); click shows
/// them in a popover (script).
fn text_view(o: &mut Vec<u8>, id: &str, report: &DocumentReport, text: &str) -> io::Result<()> {
    let h = highlight(text, &report.findings, TEXT_BYTES);
    write!(o, "<pre class=\"text\">")?;
    for s in &h.segments {
        let piece = text.get(s.start..s.end).unwrap_or_default();
        if s.findings.is_empty() {
            write!(o, "{}", escape(piece))?;
            continue;
        }
        let lead = s
            .findings
            .iter()
            .filter_map(|&i| report.findings.get(i))
            .max_by_key(|f| f.severity)
            .map_or(Family::Mt, |f| f.family);
        let ids: Vec<String> = s.findings.iter().map(|i| format!("{id}-f{i}")).collect();
        let tip: Vec<String> = s
            .findings
            .iter()
            .filter_map(|&i| report.findings.get(i))
            .map(|f| {
                let mut t = format!("{} {} ({}): {}", f.code, f.rule, f.severity, f.message);
                if let Some(sug) = &f.suggestion {
                    t.push_str(&format!(" → {}", suggestion_text(sug, 80)));
                }
                t
            })
            .collect();
        // The families' codes, shown after the highlight: a cue besides its colour.
        let mut codes: Vec<&str> = Vec::new();
        for f in s.findings.iter().filter_map(|&i| report.findings.get(i)) {
            if !codes.contains(&f.family.prefix()) {
                codes.push(f.family.prefix());
            }
        }
        write!(
            o,
            "<mark class=\"f fam-{}{}{}\" data-fam=\"{}\" data-f=\"{}\" tabindex=\"0\" title=\"{}\">{}</mark>",
            lead.name(),
            if s.findings.len() > 1 { " multi" } else { "" },
            if s.start == s.end { " point" } else { "" },
            codes.join("+"),
            ids.join(" "),
            escape(&tip.join("\n")),
            escape(piece)
        )?;
    }
    writeln!(o, "</pre>")?;
    if h.shown < text.len() {
        let more = if h.beyond == 0 {
            String::new()
        } else {
            format!(
                "; {} finding{} past the cut {} listed below only",
                h.beyond,
                if h.beyond == 1 { "" } else { "s" },
                if h.beyond == 1 { "is" } else { "are" }
            )
        };
        writeln!(
            o,
            "<p class=\"note cut\">Text cut after its first {} KiB ({} more bytes not shown){more}.</p>",
            TEXT_BYTES / 1024,
            text.len() - h.shown
        )?;
    }
    Ok(())
}

fn page(w: &mut dyn Write, a: Assembled) -> io::Result<()> {
    let Assembled {
        tally,
        rows,
        rows_left_out,
        views,
        viewed,
        views_left_out,
        mut spill,
    } = a;
    write!(w, "{}", HEAD.replacen("SCRIPT_HASH", SCRIPT_SHA256, 1))?;
    summary(w, &tally)?;
    writeln!(w, "<main>")?;
    not_audited(w, &tally)?;
    writeln!(
        w,
        "<section id=\"articles\" aria-labelledby=\"articles-h\">\n<h2 id=\"articles-h\">Articles</h2>"
    )?;
    filters(w, &tally)?;
    writeln!(
        w,
        "<p class=\"note\" id=\"shown\" aria-live=\"polite\">{} of {} article{} listed, likeliest machine translation first; articles the detector did not judge are grouped at the end. Click a column to sort.</p>",
        rows.len(),
        tally.articles,
        if tally.articles == 1 { "" } else { "s" }
    )?;
    let linked = rows.iter().filter(|d| viewed.contains(&d.rank.seq)).count();
    if linked < rows.len() {
        writeln!(
            w,
            "<p class=\"note\" id=\"linked\">Only the {linked} highest-ranked articles link to their text and findings below; the other {} are listed without a link (report.json has their findings).</p>",
            rows.len() - linked
        )?;
    }
    if rows_left_out > 0 {
        writeln!(
            w,
            "<p class=\"note\">The table lists the {} highest-ranked articles; {rows_left_out} more are in report.json.</p>",
            rows.len()
        )?;
    }
    table(w, &rows, &viewed)?;
    writeln!(w, "</section>")?;
    writeln!(
        w,
        "<section id=\"views\" aria-labelledby=\"views-h\">\n<h2 id=\"views-h\">Articles with their findings</h2>"
    )?;
    legend(w)?;
    if views_left_out > 0 {
        writeln!(
            w,
            "<p class=\"note\">Text and findings are shown for the {} highest-ranked articles; {views_left_out} more are in report.json.</p>",
            views.len()
        )?;
    }
    for parked in views {
        spill.copy(parked, w)?;
    }
    writeln!(w, "</section>\n</main>")?;
    writeln!(
        w,
        "<div id=\"popover\" role=\"dialog\" aria-label=\"Findings\" hidden></div>\n<footer><p>Generated by calq. Articles are ranked by MT probability, then by number of findings; articles the detector did not judge come last. Each article's text is shown up to its first {} KiB; the table lists up to {} articles and the page shows text for up to {}.</p></footer>",
        TEXT_BYTES / 1024,
        crate::report::TABLE_ROWS,
        crate::report::ARTICLE_VIEWS
    )?;
    write!(w, "<script>{SCRIPT}</script>\n</body>\n</html>\n")
}

fn summary(w: &mut dyn Write, t: &Tally) -> io::Result<()> {
    writeln!(
        w,
        "<header class=\"summary\">\n<h1>calq report</h1>\n<dl class=\"stats\">"
    )?;
    let stat = |w: &mut dyn Write, class: &str, label: &str, value: String| {
        writeln!(
            w,
            "<div class=\"{class}\"><dt>{label}</dt><dd>{value}</dd></div>"
        )
    };
    stat(w, "", "Articles audited", t.articles.to_string())?;
    if t.not_audited.count > 0 {
        stat(
            w,
            "alert",
            "Inputs not audited",
            format!(
                "<a href=\"#not-audited\">{}</a> <small>listed below</small>",
                t.not_audited.count
            ),
        )?;
    }
    stat(
        w,
        "",
        "Machine-translated",
        format!(
            "{} <small>({:.0}%)</small>",
            t.machine_translated,
            t.machine_translated_percent()
        ),
    )?;
    stat(w, "", "Uncertain", t.uncertain.to_string())?;
    stat(w, "", "Human", t.human.to_string())?;
    stat(
        w,
        "",
        "Not judged",
        format!(
            "{} <small>{} not English · {} too short · {} no text</small>",
            t.not_judged(),
            t.not_english,
            t.too_short,
            t.no_text
        ),
    )?;
    stat(
        w,
        "",
        "Findings",
        format!(
            "{} <small>{} errors · {} warnings · {} infos</small>",
            t.findings, t.errors, t.warnings, t.infos
        ),
    )?;
    writeln!(w, "</dl>\n<div class=\"breakdown\">")?;
    let sources = t.sources();
    if !sources.is_empty() {
        write!(
            w,
            "<section><h2>Machine-translated, by source language</h2><ul class=\"chips\">"
        )?;
        for (lang, n) in sources {
            write!(
                w,
                "<li>{} <b>{n}</b></li>",
                escape(lang.unwrap_or("unknown"))
            )?;
        }
        writeln!(w, "</ul></section>")?;
    }
    write!(
        w,
        "<section><h2>Findings by family</h2><ul class=\"chips\">"
    )?;
    for family in family_columns() {
        let n = t.by_family[family_index(family)];
        write!(
            w,
            "<li class=\"fam-{}{}\">{} <b>{n}</b></li>",
            family.name(),
            if n == 0 { " none" } else { "" },
            family.name()
        )?;
    }
    writeln!(w, "</ul></section>\n</div>\n</header>")
}

/// The inputs that were not audited, with their reasons (nothing when every input was).
fn not_audited(w: &mut dyn Write, t: &Tally) -> io::Result<()> {
    let list = &t.not_audited;
    if list.count == 0 {
        if t.articles == 0 {
            writeln!(w, "<p class=\"alert\">No article was audited.</p>")?;
        }
        return Ok(());
    }
    writeln!(
        w,
        "<section id=\"not-audited\" class=\"alert\" aria-labelledby=\"not-audited-h\">\n<h2 id=\"not-audited-h\">{} input{} not audited</h2>\n<table class=\"failures\"><thead><tr><th>Input</th><th>Reason</th></tr></thead><tbody>",
        list.count,
        if list.count == 1 { "" } else { "s" }
    )?;
    for item in &list.listed {
        writeln!(
            w,
            "<tr><td class=\"name\">{}</td><td>{}</td></tr>",
            escape(&item.input),
            escape(&item.reason)
        )?;
    }
    writeln!(w, "</tbody></table>")?;
    if list.left_out() > 0 {
        writeln!(
            w,
            "<p class=\"note\">{} more input{} not audited; the messages on standard error name each.</p>",
            list.left_out(),
            if list.left_out() == 1 {
                " was"
            } else {
                "s were"
            }
        )?;
    }
    writeln!(w, "</section>")
}

fn filters(w: &mut dyn Write, t: &Tally) -> io::Result<()> {
    write!(
        w,
        "<form class=\"filters\" id=\"filters\" role=\"search\">\n<label>Article <input type=\"search\" id=\"f-name\" placeholder=\"part of the name\"></label>\n<label>Source <select id=\"f-source\"><option value=\"\">any</option>"
    )?;
    for (lang, _) in t.sources() {
        let value = lang.unwrap_or("-");
        // The rows of other verdicts have no source language either.
        let label = lang.unwrap_or("none or unknown");
        write!(
            w,
            "<option value=\"{}\">{}</option>",
            escape(value),
            escape(label)
        )?;
    }
    writeln!(
        w,
        "</select></label>\n<label>Verdict <select id=\"f-verdict\"><option value=\"\">any</option><option value=\"machine-translated\">machine-translated</option><option value=\"uncertain\">uncertain</option><option value=\"human\">human</option><option value=\"no-text\">not judged: no text</option><option value=\"not-english\">not judged: not English</option><option value=\"too-short\">not judged: too short</option></select></label>\n<label>Worst <select id=\"f-worst\"><option value=\"0\">any</option><option value=\"1\">info or worse</option><option value=\"2\">warning or worse</option><option value=\"3\">error</option></select></label>\n</form>"
    )
}

/// The verdict as words in a table cell (unjudged articles sit under a "Not judged" heading).
fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::MachineTranslated => "machine-translated",
        Verdict::Uncertain => "uncertain",
        Verdict::Human => "human",
        Verdict::NoText => "no text",
        Verdict::NotEnglish => "not English",
        Verdict::TooShort => "too short",
    }
}

/// The table of articles, most important columns first (rank, article, MT verdict, language,
/// source, findings, worst; then the per-family counts, which narrow screens hide). Judged
/// articles come in one body, the articles the detector did not judge in a second one under
/// a heading row; each body sorts on its own. Only articles with a section below link to it.
fn table(
    w: &mut dyn Write,
    rows: &[ArticleDigest],
    viewed: &std::collections::HashSet<usize>,
) -> io::Result<()> {
    let families: Vec<Family> = family_columns().collect();
    write!(
        w,
        "<div class=\"scroll\" id=\"articles-box\"><table id=\"articles-table\" class=\"articles\" style=\"--fams: {}\">\n<thead><tr><th data-type=\"num\" class=\"n\"><button type=\"button\">#</button></th><th data-type=\"text\"><button type=\"button\">Article</button></th><th data-type=\"num\" aria-sort=\"descending\"><button type=\"button\">MT probability</button></th><th data-type=\"text\"><button type=\"button\" title=\"The document's language\">Lang</button></th><th data-type=\"text\"><button type=\"button\" title=\"Source language of a machine translation\">Source</button></th><th data-type=\"num\" class=\"n\"><button type=\"button\">Findings</button></th><th data-type=\"num\"><button type=\"button\">Worst</button></th>",
        families.len()
    )?;
    for family in &families {
        write!(
            w,
            "<th data-type=\"num\" class=\"n famcol\" title=\"{}\"><button type=\"button\">{}</button></th>",
            family.name(),
            family.prefix()
        )?;
    }
    writeln!(w, "</tr></thead>")?;
    let columns = 7 + families.len();
    let (judged, unjudged): (Vec<_>, Vec<_>) = rows
        .iter()
        .enumerate()
        .partition(|(_, d)| d.verdict.is_judged());
    writeln!(w, "<tbody>")?;
    for (i, d) in judged {
        row(w, i, d, viewed.contains(&d.rank.seq), &families)?;
    }
    writeln!(w, "</tbody>")?;
    if !unjudged.is_empty() {
        writeln!(
            w,
            "<tbody class=\"unjudged\"><tr class=\"group\"><th colspan=\"{columns}\" scope=\"rowgroup\">Not judged by the MT detector ({} article{}): not in English, too short, or without text — shown with their language, never as human</th></tr>",
            unjudged.len(),
            if unjudged.len() == 1 { "" } else { "s" }
        )?;
        for (i, d) in unjudged {
            row(w, i, d, viewed.contains(&d.rank.seq), &families)?;
        }
        writeln!(w, "</tbody>")?;
    }
    writeln!(w, "</table></div>")
}

fn row(
    w: &mut dyn Write,
    i: usize,
    d: &ArticleDigest,
    linked: bool,
    families: &[Family],
) -> io::Result<()> {
    let view = format!("a{}", d.rank.seq);
    let source = d.source_language.as_deref();
    let worst = severity_rank(d.worst);
    let name = if linked {
        format!("<a href=\"#{view}\">{}</a>", escape(&d.title))
    } else {
        escape(&d.title).into_owned()
    };
    let language = if d.language == "unknown" {
        "—".to_owned()
    } else {
        escape(&d.language).into_owned()
    };
    write!(
        w,
        "<tr data-view=\"{view}\" data-name=\"{}\" data-source=\"{}\" data-verdict=\"{}\" data-worst=\"{worst}\"><td class=\"n\" data-v=\"{}\">{}</td><td class=\"name\">{name}</td><td class=\"mtcell\" data-v=\"{}\">{} <b>{}</b> <small>{}</small></td><td title=\"{}\">{language}</td><td>{}</td><td class=\"n\" data-v=\"{}\">{}</td><td class=\"sev-{}\" data-v=\"{worst}\">{}</td>",
        escape(&d.title),
        escape(source.unwrap_or("-")),
        d.verdict.name(),
        i + 1,
        i + 1,
        d.probability.unwrap_or(-1.0),
        bar(d.probability, d.verdict),
        super::probability_cell(d.probability),
        verdict_words(d.verdict),
        escape(crate::document::language_name(&d.language)),
        escape(source_name(source)),
        d.findings,
        d.findings,
        severity_name(d.worst),
        severity_name(d.worst),
    )?;
    for family in families {
        let n = d.by_family[family_index(*family)];
        if n == 0 {
            write!(w, "<td class=\"n zero famcol\" data-v=\"0\">·</td>")?;
        } else {
            write!(
                w,
                "<td class=\"n famcol fam-{}\" data-v=\"{n}\">{n}</td>",
                family.name()
            )?;
        }
    }
    writeln!(w, "</tr>")
}

fn legend(w: &mut dyn Write) -> io::Result<()> {
    write!(w, "<p class=\"legend\">Highlights by family: ")?;
    for family in family_columns() {
        write!(
            w,
            "<mark class=\"f fam-{}\" data-fam=\"{}\">{}</mark> ",
            family.name(),
            family.prefix(),
            family.name()
        )?;
    }
    writeln!(
        w,
        "— each highlight carries its family's code as well as its colour; hover over it for its findings, click it (or focus it with Tab and press Enter) for details. A finding's row (Tab, Enter) shows its highlight.</p>"
    )
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-SCRIPT_HASH'; base-uri 'none'; form-action 'none'">
<meta name="generator" content="calq">
<title>calq report</title>
<style>
:root {
  --ink: #1c2430; --muted: #5b6675; --line: #d9dee5; --paper: #ffffff; --wash: #f4f6f9;
  --mt: #c2410c; --unsure: #b7791f; --human: #2f855a;
  --error: #b91c1c; --warning: #b45309; --info: #1d4ed8;
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--wash); }
header.summary, main, footer { max-width: 1400px; margin: 0 auto; padding: 0 20px; }
header.summary { padding-top: 18px; }
h1 { font-size: 26px; margin: 0 0 12px; }
h2 { font-size: 18px; margin: 22px 0 10px; }
h3 { font-size: 16px; margin: 0 0 6px; overflow-wrap: anywhere; }
.stats { display: flex; flex-wrap: wrap; gap: 10px; margin: 0; }
.stats div { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 130px; }
.stats div.alert { border-color: var(--error); border-width: 2px; }
.stats dt { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.stats dd { margin: 2px 0 0; font-size: 22px; font-weight: 600; }
.stats small { font-size: 13px; font-weight: 400; color: var(--muted); }
.breakdown { display: flex; flex-wrap: wrap; gap: 0 40px; }
.breakdown h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin: 16px 0 6px; }
.chips { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.chips li { background: var(--paper); border: 1px solid var(--line); border-left: 5px solid var(--c, #8a94a3); border-radius: 6px; padding: 2px 10px; }
.chips li.none { opacity: .45; }
section.alert, p.alert { background: #fff5f5; border: 2px solid var(--error); border-radius: 8px; padding: 4px 16px 10px; margin: 18px 0 0; }
p.alert { padding: 10px 16px; font-weight: 600; }
section.alert h2 { color: var(--error); }
table.failures { width: 100%; font-size: 13px; }
.filters { display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; margin: 0 0 6px; }
.filters label { font-size: 13px; color: var(--muted); }
.filters input, .filters select { font: inherit; color: var(--ink); padding: 3px 6px; border: 1px solid var(--line); border-radius: 5px; background: var(--paper); }
#shown, #linked { margin: 4px 0; }
.scroll { overflow: auto; max-height: 80vh; border: 1px solid var(--line); background: var(--paper); }
table { border-collapse: collapse; background: var(--paper); }
/* Each row of the articles table is a grid with the same column template, so a row lays out
   on its own and rows off screen are skipped (content-visibility): sorting 5,000 rows costs
   the rows in view, not a whole-table layout. */
table.articles { display: block; width: 100%; --cols: 3.2em minmax(10em, 1fr) 11em 3.4em 4.6em 5.6em 5.8em repeat(var(--fams), 2.8em); }
table.articles thead { display: block; position: sticky; top: 0; z-index: 2; box-shadow: 0 1px 0 var(--line); }
table.articles tbody { display: block; }
table.articles tr { display: grid; grid-template-columns: var(--cols); }
table.articles tbody tr { content-visibility: auto; contain-intrinsic-size: auto 46px; }
table.articles tr[hidden] { display: none; }
table.articles tr.group th { grid-column: 1 / -1; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #e9edf2; font-size: 13px; white-space: nowrap; }
table.articles tr.group th { background: #f3ecdf; white-space: normal; font-weight: 600; border-top: 3px solid #b7791f; }
th button { font: inherit; font-weight: 600; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th[aria-sort="descending"] button::after { content: " ▼"; }
th[aria-sort="ascending"] button::after { content: " ▲"; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
/* No minimum of its own: a name wider than its grid track ran over the MT column. */
td.name { overflow-wrap: anywhere; min-width: 0; }
td.zero { color: #b4bcc7; }
td.mtcell { min-width: 9em; }
td.mtcell small { display: block; }
tbody.unjudged td.mtcell small { color: #8a5a00; font-weight: 600; }
table.articles td.fam-names, table.articles td.fam-quotes, table.articles td.fam-typography,
table.articles td.fam-grammar, table.articles td.fam-spelling, table.articles td.fam-chrome,
table.articles td.fam-locale, table.articles td.fam-untranslated, table.articles td.fam-mt { background: var(--bg); font-weight: 600; }
table.articles tbody tr:hover { background: #f0f4fa; }
a { color: #1d4ed8; }
.bar { display: inline-block; width: 70px; height: 10px; background: #e3e7ed; border-radius: 5px; overflow: hidden; vertical-align: middle; }
.bar > span { display: block; height: 100%; background: var(--human); }
.bar.mt > span { background: var(--mt); }
.bar.unsure > span { background: var(--unsure); }
.sev-error { color: var(--error); font-weight: 600; }
.sev-warning { color: var(--warning); font-weight: 600; }
.sev-info { color: var(--info); }
.note { color: var(--muted); font-size: 13px; }
section.article { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin: 0 0 16px; content-visibility: auto; contain-intrinsic-size: auto 900px; }
section.article:target { outline: 3px solid #93c5fd; }
.mtline { margin: 0 0 8px; }
details.evidence { margin: 0 0 10px; font-size: 13px; }
details.evidence summary { cursor: pointer; color: var(--muted); }
details.evidence table { margin-top: 6px; }
td.pos { color: var(--mt); } td.neg { color: var(--human); } td.zero { color: var(--muted); }
pre.text { white-space: pre-wrap; overflow-wrap: anywhere; font: 15px/1.7 Georgia, "Times New Roman", serif; background: #fbfbf8; border: 1px solid var(--line); border-radius: 6px; padding: 12px 14px; margin: 0 0 10px; max-height: 560px; overflow-y: auto; }
table.findings { width: 100%; font-size: 13px; }
table.findings tr { border-left: 4px solid var(--c); }
table.findings tbody tr { cursor: pointer; }
table.findings tbody tr:focus { outline: 2px solid var(--c); outline-offset: -2px; }
table.findings tr.hit { background: #fff7d6; }
td.flagged { font-family: ui-monospace, Menlo, Consolas, monospace; }
mark.f { background: var(--bg); border-bottom: 2px solid var(--c); color: inherit; border-radius: 2px; cursor: pointer; padding: 0 1px; }
mark.f::after { content: attr(data-fam); font: 600 9px/1 system-ui, sans-serif; vertical-align: super; margin-left: 1px; color: var(--c); letter-spacing: .02em; }
mark.f.multi { border-bottom-style: double; border-bottom-width: 3px; }
mark.f.point::before { content: "⁁"; color: var(--c); font-weight: 700; }
mark.f:focus { outline: 2px solid var(--c); }
mark.f.flash { box-shadow: 0 0 0 3px var(--c); }
.legend mark.f { cursor: default; padding: 0 4px; }
.fam-names { --c: #2563eb; --bg: #dbe7fd; }
.fam-quotes { --c: #9333ea; --bg: #efe0fc; }
.fam-typography { --c: #0d9488; --bg: #d2f1ed; }
.fam-grammar { --c: #dc2626; --bg: #fbdcdc; }
.fam-spelling { --c: #ea580c; --bg: #fde4d3; }
.fam-chrome { --c: #4d7c0f; --bg: #e3f1cf; }
.fam-locale { --c: #a16207; --bg: #f8ecc4; }
.fam-untranslated { --c: #db2777; --bg: #fbdbe9; }
.fam-mt { --c: #475569; --bg: #e2e8f0; }
#popover { position: absolute; z-index: 10; max-width: min(460px, calc(100vw - 16px)); max-height: 60vh; overflow: auto; background: var(--paper); border: 1px solid #b9c2cf; border-radius: 8px; box-shadow: 0 6px 24px rgba(20, 30, 50, .18); padding: 8px 12px; font-size: 13px; }
#popover .item { border-left: 4px solid var(--c); padding: 2px 0 2px 8px; margin: 4px 0; }
#popover .item b { margin-right: 6px; }
#popover .sugg { color: var(--human); }
footer { color: var(--muted); font-size: 12px; padding-bottom: 30px; }
@media (max-width: 1100px) {
  .famcol { display: none; }
  table.articles { --cols: 3.2em minmax(8em, 1fr) 11em 3.4em 4.6em 5.6em 5.8em; }
  header.summary, main, footer { padding: 0 10px; }
}
@media (max-width: 640px) {
  .bar { display: none; }
  th, td { padding: 4px 5px; }
  /* The columns' sum is wider than a phone: the table scrolls sideways in its frame. */
  table.articles { min-width: 38em; }
}
@media print {
  @page { margin: 12mm; }
  body { background: #fff; font-size: 10pt; }
  header.summary, main, footer { max-width: none; padding: 0; }
  .filters, #popover, th button::after, .bar { display: none !important; }
  .scroll { max-height: none; overflow: visible; border: 0; }
  .famcol { display: table-cell; }
  table.articles { font-size: 7.5pt; width: 100%; }
  table.articles th, table.articles td { padding: 2px 3px; }
  table.articles th { font-size: 6.5pt; white-space: normal; }
  .stats dd { font-size: 14pt; }
  table.articles { --cols: 2.6em minmax(6em, 1fr) 6.5em 3.2em 4em 5em 5em repeat(var(--fams), 2.6em); }
  table.articles thead { position: static; box-shadow: none; }
  table.articles tbody tr { content-visibility: visible; }
  td.mtcell, td.name { min-width: 0; }
  tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  section.article { border: 0; border-top: 1px solid #000; border-radius: 0; padding: 8px 0; break-inside: auto; content-visibility: visible; }
  details.evidence > * { display: block; }
  pre.text { max-height: none; overflow: visible; border: 0; background: none; padding: 0; font-size: 10pt; }
  mark.f { background: none; color: #000; border-bottom: 1.5pt solid #000; }
  mark.f.multi { border-bottom: 3pt double #000; }
  mark.f::after, mark.f.point::before { color: #000; }
  table.findings tr { border-left: 0; }
  section.alert { background: none; border: 2px solid #000; }
}
</style>
</head>
<body>
"#;

/// The SHA-256 of [`SCRIPT`], base64: the Content-Security-Policy lets only this script run
/// (no inline event handlers, no other inline or injected script). A unit test keeps it in
/// step with the script and prints the new value when the script changes.
const SCRIPT_SHA256: &str = "ZGa5O2OOPx0KbXIRwR0L9inzIBS9ipbXKdWlNyZCeto=";

const SCRIPT: &str = r#"
(function () {
  "use strict";
  var table = document.getElementById("articles-table");
  if (!table) { return; }
  document.documentElement.classList.add("js");
  var byId = function (id) { return document.getElementById(id); };
  // Each body (judged articles, then those not judged) sorts on its own.
  var groups = Array.prototype.map.call(table.tBodies, function (body) {
    return { body: body, rows: Array.prototype.filter.call(body.rows, function (r) { return r.hasAttribute("data-view"); }) };
  });
  var all = [];
  groups.forEach(function (g) { all = all.concat(g.rows); });
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  var views = byId("views");
  var shown = byId("shown");

  function key(row, col, numeric) {
    var cell = row.cells[col];
    var v = cell.getAttribute("data-v");
    if (v === null) { v = cell.textContent; }
    return numeric ? parseFloat(v) : v.toLowerCase();
  }

  // The article sections follow the table's order.
  function follow() {
    var frag = document.createDocumentFragment();
    all.forEach(function (row) {
      var view = byId(row.getAttribute("data-view"));
      if (view) { frag.appendChild(view); }
    });
    views.appendChild(frag);
  }

  function sortBy(th) {
    var col = th.cellIndex;
    var numeric = th.getAttribute("data-type") === "num";
    var now = th.getAttribute("aria-sort");
    var dir = now === "descending" ? "ascending" : now === "ascending" ? "descending" : numeric && col > 0 ? "descending" : "ascending";
    headers.forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", dir);
    var sign = dir === "ascending" ? 1 : -1;
    all = [];
    groups.forEach(function (g) {
      // Keys are read once per row, not once per comparison.
      var keyed = g.rows.map(function (row) {
        return { row: row, k: key(row, col, numeric), n: parseFloat(row.cells[0].getAttribute("data-v")) };
      });
      keyed.sort(function (a, b) {
        if (a.k < b.k) { return -sign; }
        if (a.k > b.k) { return sign; }
        return a.n - b.n;
      });
      var frag = document.createDocumentFragment();
      g.rows = keyed.map(function (e) { frag.appendChild(e.row); return e.row; });
      g.body.appendChild(frag);
      all = all.concat(g.rows);
    });
    follow();
  }

  headers.forEach(function (th) {
    var button = th.querySelector("button");
    if (button) { button.addEventListener("click", function () { sortBy(th); }); }
  });

  byId("filters").addEventListener("submit", function (event) { event.preventDefault(); });
  var name = byId("f-name"), source = byId("f-source"), verdict = byId("f-verdict"), worst = byId("f-worst");
  function filter() {
    var q = name.value.trim().toLowerCase();
    var count = 0;
    all.forEach(function (row) {
      var ok = (q === "" || row.getAttribute("data-name").toLowerCase().indexOf(q) >= 0) &&
        (source.value === "" || row.getAttribute("data-source") === source.value) &&
        (verdict.value === "" || row.getAttribute("data-verdict") === verdict.value) &&
        parseInt(row.getAttribute("data-worst"), 10) >= parseInt(worst.value, 10);
      row.hidden = !ok;
      var view = byId(row.getAttribute("data-view"));
      if (view) { view.hidden = !ok; }
      if (ok) { count += 1; }
    });
    shown.textContent = count + " of " + all.length +
      (all.length === 1 ? " listed article " : " listed articles ") +
      (count === 1 ? "matches" : "match") + " the filters.";
  }
  [name, source, verdict, worst].forEach(function (el) {
    el.addEventListener("input", filter);
    el.addEventListener("change", filter);
  });

  var pop = byId("popover");
  var lit = [];
  function unlight() {
    lit.forEach(function (el) { el.classList.remove("hit"); el.classList.remove("flash"); });
    lit = [];
  }
  function closePop() { pop.hidden = true; unlight(); }
  function openPop(mark) {
    unlight();
    pop.textContent = "";
    (mark.getAttribute("data-f") || "").split(" ").forEach(function (id) {
      var row = byId(id);
      if (!row) { return; }
      row.classList.add("hit");
      lit.push(row);
      var cells = row.cells;
      var item = document.createElement("div");
      item.className = "item " + row.className.split(" ")[0];
      var head = document.createElement("b");
      head.textContent = cells[1].textContent;
      var sev = document.createElement("span");
      sev.className = cells[2].className;
      sev.textContent = cells[2].textContent;
      var msg = document.createElement("div");
      msg.textContent = cells[4].textContent;
      item.appendChild(head);
      item.appendChild(sev);
      item.appendChild(msg);
      if (cells[5].textContent !== "") {
        var sugg = document.createElement("div");
        sugg.className = "sugg";
        sugg.textContent = "Suggestion: " + cells[5].textContent;
        item.appendChild(sugg);
      }
      pop.appendChild(item);
    });
    pop.hidden = false;
    // Below the highlight when it fits in the window, else above it; never off screen.
    var box = mark.getBoundingClientRect();
    var viewW = document.documentElement.clientWidth, viewH = window.innerHeight;
    var left = Math.max(8, Math.min(box.left, viewW - pop.offsetWidth - 8));
    var top = box.bottom + 6;
    if (top + pop.offsetHeight > viewH - 8) { top = box.top - pop.offsetHeight - 6; }
    top = Math.max(8, Math.min(top, viewH - pop.offsetHeight - 8));
    pop.style.left = (left + window.scrollX) + "px";
    pop.style.top = (top + window.scrollY) + "px";
  }
  function showRow(row) {
    unlight();
    pop.hidden = true;
    row.classList.add("hit");
    lit.push(row);
    row.closest("section").querySelectorAll("pre.text mark.f").forEach(function (m) {
      if ((m.getAttribute("data-f") || "").split(" ").indexOf(row.id) >= 0) {
        m.classList.add("flash");
        lit.push(m);
      }
    });
    if (lit.length > 1) { lit[1].scrollIntoView({ block: "nearest" }); }
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("pre.text mark.f");
    if (mark) { openPop(mark); return; }
    var row = event.target.closest("table.findings tbody tr");
    if (row) { showRow(row); return; }
    if (!pop.contains(event.target)) { closePop(); }
  });
  // The popover sits on the page; when the text box under it scrolls, it would point at
  // the wrong words.
  document.addEventListener("scroll", function (event) {
    if (!pop.hidden && event.target.matches && event.target.matches("pre.text")) { closePop(); }
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { closePop(); return; }
    if (event.key !== "Enter" && event.key !== " ") { return; }
    var t = event.target;
    if (!t.matches) { return; }
    if (t.matches("pre.text mark.f")) { event.preventDefault(); openPop(t); }
    else if (t.matches("table.findings tbody tr")) { event.preventDefault(); showRow(t); }
  });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(escape("plain"), "plain");
        assert!(matches!(escape("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{0}b\u{7}\tc\n"), "a\u{FFFD}b\u{FFFD}\tc\n");
    }

    fn report(text: &str) -> DocumentReport {
        use crate::engine::Finding;
        use crate::mt::{Assessment, Evidence};
        let finding = |family, code, start: usize, end: usize, severity| Finding {
            code,
            rule: "some-rule",
            family,
            severity,
            start,
            end,
            line: 1,
            column: start + 1,
            text: text[start..end].to_owned(),
            message: format!("about `{}` <b>", &text[start..end]),
            suggestion: Some("\"fixed\"".into()),
            applicability: None,
            source_language: None,
            policy: None,
            record_columns: None,
        };
        DocumentReport {
            path: "a<b>.txt".into(),
            id: None,
            language: crate::document::Language::UNKNOWN,
            mt: Assessment {
                probability: Some(0.75),
                verdict: Verdict::MachineTranslated,
                source_language: Some("fr".into()),
                source_probability: None,
                language: None,
                summary: "Reads like machine translation from <French>.".into(),
                evidence: vec![Evidence {
                    signal: "quotes".into(),
                    detail: "<i>3</i> quote problems".into(),
                    weight: 1.5,
                }],
            },
            findings: vec![
                finding(Family::Names, "NM001", 0, 7, Severity::Warning),
                finding(Family::Grammar, "GR001", 4, 11, Severity::Error),
            ],
            origin: crate::document::Origin::default(),
        }
    }

    #[test]
    fn overlapping_findings_become_flat_marks_led_by_the_most_severe() {
        let text = "Riabkov <x> said";
        let html = String::from_utf8(section(3, &report(text), Some(text)).expect("render"))
            .expect("UTF-8");
        assert!(html.contains(
            "<pre class=\"text\"><mark class=\"f fam-names\" data-fam=\"NM\" data-f=\"a3-f0\" tabindex=\"0\""
        ));
        assert!(html.contains(
            "<mark class=\"f fam-grammar multi\" data-fam=\"NM+GR\" data-f=\"a3-f0 a3-f1\""
        ));
        assert!(
            html.contains(
                ">kov</mark><mark class=\"f fam-grammar\" data-fam=\"GR\" data-f=\"a3-f1\""
            )
        );
        assert!(html.contains("> &lt;x&gt;</mark> said</pre>"));
        assert!(html.contains(
            "title=\"NM001 some-rule (warning): about `Riabkov` &lt;b&gt; → `&quot;fixed&quot;`"
        ));
        assert!(html.contains("<h3 id=\"a3-h\">a&lt;b&gt;.txt</h3>"));
        assert!(html.contains("<td>&lt;i&gt;3&lt;/i&gt; quote problems</td>"));
        assert!(html.contains("<tr id=\"a3-f1\" class=\"fam-grammar\" tabindex=\"0\">"));
        assert_eq!(
            html.matches("<mark").count(),
            html.matches("</mark>").count()
        );
    }

    #[test]
    fn the_policy_names_the_hash_of_the_script() {
        use base64::Engine as _;
        use sha2::Digest as _;
        let digest = sha2::Sha256::digest(SCRIPT.as_bytes());
        let hash = base64::engine::general_purpose::STANDARD.encode(digest);
        assert_eq!(SCRIPT_SHA256, hash, "set SCRIPT_SHA256 to {hash}");
        assert!(
            HEAD.contains("script-src 'sha256-SCRIPT_HASH'; base-uri 'none'; form-action 'none'")
        );
        assert!(!HEAD.contains("script-src 'unsafe"));
    }

    #[test]
    fn the_script_and_style_hold_no_closing_tags_of_their_own() {
        assert!(!SCRIPT.contains("</script"));
        assert!(!HEAD.contains("http://") && !HEAD.contains("https://"));
        assert!(!SCRIPT.contains("innerHTML"));
    }
}
