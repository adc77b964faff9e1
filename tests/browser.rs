//! The report page of a 600-article corpus in headless Chromium (Debian's `chromium`; skipped,
//! saying so, when it is absent): at 1,400 and 800 px no column is clipped and the page does
//! not scroll sideways, the table header stays in view while the table scrolls, the "N of M"
//! line sits above the table, every article link resolves, sorting 5,000 rows takes under a
//! second, print media shows the whole table and every article text in full with highlights
//! that need no colour, and the console stays free of errors (script errors, CSP violations).
//!
//! The corpus is synthesised here (so the test runs without ../shared): English articles of
//! varying length with typical findings, Russian ones, short ones and empty ones, with long
//! ids. The page's behaviour is measured by a probe script added to a copy of the page (its
//! hash added to the Content-Security-Policy, which stays in force); the probe writes its
//! measurements as JSON into the DOM, which Chromium dumps.
#![allow(clippy::print_stderr)] // a skipped test says why on stderr

mod common;

use std::path::Path;

use common::{chromium, report_into, run_chromium, with_scripts};
use serde_json::Value;

const ENGLISH: [&str; 6] = [
    "The talks in in Kiev went on until late on Tuesday , officials said.",
    "Deputy foreign minister Sergei Riabkov said the the proposal was « unacceptable ».",
    "Prices rose by 3,5 percent since three weeks, according to the statistics office.",
    "The government said it would present a new budget plan to parliament next month.",
    "Local residents told reporters that the bridge had been closed for repairs since spring.",
    "Read also: Ten things to know about the election campaign before the vote on Sunday.",
];

const RUSSIAN: &str = "Переговоры в Киеве продолжались до позднего вечера во вторник, сообщили официальные лица. \
Заместитель министра иностранных дел заявил, что предложение неприемлемо для Москвы. ";

/// A JSONL corpus of `n` articles.
fn corpus(path: &Path, n: usize) {
    let mut out = String::new();
    for i in 0..n {
        let text = match i % 50 {
            7 => RUSSIAN.repeat(6),
            13 => "Short note.".to_owned(),
            29 => String::new(),
            _ => {
                let sentences = 8 + (i * 7) % 30;
                (0..sentences)
                    .map(|k| ENGLISH[(i + k * (1 + i % 5)) % ENGLISH.len()])
                    .collect::<Vec<_>>()
                    .join(if i % 3 == 0 { "\n" } else { " " })
            }
        };
        let id = format!(
            "generaltest2022:de-en:some-regional-newspaper.de.{}:ref-{}",
            35000 + i,
            i % 3
        );
        out.push_str(&serde_json::json!({"id": id, "text": text}).to_string());
        out.push('\n');
    }
    std::fs::write(path, out).expect("write corpus");
}

/// Loads `page` (a file) at `width` px, returns the probe's JSON and the console messages.
fn probe(chromium: &Path, page: &Path, width: u32) -> (Value, Vec<String>) {
    let run = run_chromium(
        chromium,
        width,
        1000,
        &["--dump-dom"],
        &format!("file://{}", page.display()),
    );
    let dom = String::from_utf8_lossy(&run.stdout);
    let json = dom
        .split("<pre id=\"probe-out\">")
        .nth(1)
        .and_then(|rest| rest.split("</pre>").next())
        .unwrap_or_else(|| panic!("the probe ran at {width} px"))
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let console = String::from_utf8_lossy(&run.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_owned)
        .collect();
    (serde_json::from_str(&json).expect("probe JSON"), console)
}

/// Prepended to each probe: writes its measurements as JSON into the DOM.
const EMIT: &str = r#"
function emit(r) {
  var out = document.createElement("pre");
  out.id = "probe-out";
  out.textContent = JSON.stringify(r);
  document.body.appendChild(out);
}
"#;

/// The probe `script` with [`EMIT`] before it.
fn probe_script(script: &str) -> String {
    format!("{EMIT}{script}")
}

/// Measures layout: clipped columns, sticky header, the count line, links.
const LAYOUT: &str = r#"
(function () {
  var r = {};
  var box = document.getElementById("articles-box");
  var table = document.getElementById("articles-table");
  var boxRect = box.getBoundingClientRect();
  var view = document.documentElement.clientWidth;
  r.pageScrollsSideways = document.documentElement.scrollWidth > view + 1;
  r.tableWiderThanBox = box.scrollWidth > box.clientWidth + 1;
  r.clipped = [];
  r.visible = [];
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
    if (th.offsetWidth === 0) { return; }
    r.visible.push(th.textContent);
    var b = th.getBoundingClientRect();
    var overflows = th.scrollWidth > th.clientWidth + 1;
    if (b.right > boxRect.right + 1 || b.right > view + 1 || overflows) { r.clipped.push(th.textContent); }
  });
  r.countAboveTable = document.getElementById("shown").getBoundingClientRect().bottom <= boxRect.top;
  box.scrollTop = 4000;
  var headTop = table.tHead.rows[0].cells[1].getBoundingClientRect().top;
  r.stickyOffset = Math.abs(headTop - box.getBoundingClientRect().top);
  r.scrolled = box.scrollTop;
  var links = table.querySelectorAll("a[href^='#']");
  r.links = links.length;
  r.broken = Array.prototype.filter.call(links, function (a) {
    return !document.getElementById(a.getAttribute("href").slice(1));
  }).length;
  r.rows = table.querySelectorAll("tr[data-view]").length;
  r.unjudgedRows = table.querySelectorAll("tbody.unjudged tr[data-view]").length;
  // A highlight at the bottom of the window: its popover opens above it, on screen.
  var marks = document.querySelectorAll("pre.text mark.f");
  var mark = marks[marks.length - 1];
  mark.scrollIntoView({ block: "end" });
  mark.click();
  var pop = document.getElementById("popover").getBoundingClientRect();
  r.popoverOnScreen = pop.height > 0 && pop.top >= 0 && pop.bottom <= window.innerHeight && pop.left >= 0 && pop.right <= document.documentElement.clientWidth;
  // Finding rows are reached by Tab, and Enter on one lights its highlight.
  var rowsF = document.querySelectorAll("table.findings tbody tr");
  r.focusableFindingRows = Array.prototype.every.call(rowsF, function (row) { return row.tabIndex === 0; }) && rowsF.length > 0;
  var row = rowsF[0];
  row.focus();
  row.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
  r.enterLightsHighlight = document.querySelectorAll("mark.f.flash").length > 0 && row.classList.contains("hit");
  emit(r);
})();
"#;

/// Before the page's script: grows the table to 5,000 rows (copies of the real ones).
const GROW: &str = r#"
(function () {
  var body = document.getElementById("articles-table").tBodies[0];
  var rows = body.querySelectorAll("tr[data-view]");
  for (var i = rows.length; i < 5000; i++) {
    var copy = rows[i % rows.length].cloneNode(true);
    copy.cells[0].setAttribute("data-v", String(i + 1));
    copy.cells[0].textContent = String(i + 1);
    body.appendChild(copy);
  }
})();
"#;

/// Sorts by several columns, each timed up to the layout it causes.
const SORT: &str = r#"
(function () {
  var r = { ms: [] };
  var table = document.getElementById("articles-table");
  var heads = table.tHead.rows[0].cells;
  [1, 2, 5, 1, 0].forEach(function (col) {
    var t0 = performance.now();
    heads[col].querySelector("button").click();
    void document.getElementById("articles-box").scrollHeight;
    void table.tBodies[0].rows[0].getBoundingClientRect().top;
    r.ms.push(performance.now() - t0);
  });
  r.rows = table.querySelectorAll("tr[data-view]").length;
  var names = Array.prototype.map.call(table.tBodies[0].rows, function (row) { return parseInt(row.cells[0].getAttribute("data-v"), 10); });
  r.sortedByRank = names.every(function (v, i) { return i === 0 || names[i - 1] <= v; });
  emit(r);
})();
"#;

/// With the print stylesheet applied to the screen: the whole table and every text in full.
const PRINT: &str = r#"
(function () {
  var r = {};
  var table = document.getElementById("articles-table");
  var view = document.documentElement.clientWidth;
  r.tableRight = table.getBoundingClientRect().right;
  r.view = view;
  r.columns = table.tHead.rows[0].cells.length;
  r.visible = Array.prototype.filter.call(table.tHead.rows[0].cells, function (th) { return th.offsetWidth > 0; }).length;
  r.clipped = Array.prototype.filter.call(table.tHead.rows[0].cells, function (th) { return th.scrollWidth > th.clientWidth + 1; }).map(function (th) { return th.textContent; });
  var box = document.getElementById("articles-box");
  r.boxCuts = box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
  r.cutTexts = Array.prototype.filter.call(document.querySelectorAll("pre.text"), function (p) {
    return p.scrollHeight > p.clientHeight + 1;
  }).length;
  r.texts = document.querySelectorAll("pre.text").length;
  var mark = document.querySelector("pre.text mark.f");
  var s = getComputedStyle(mark);
  r.markBackground = s.backgroundColor;
  r.markUnderline = s.borderBottomColor + " " + s.borderBottomStyle + " " + s.borderBottomWidth;
  r.markCode = getComputedStyle(mark, "::after").content;
  emit(r);
})();
"#;

/// The report of the 600-article corpus, in a folder kept while the test runs.
struct Report {
    chromium: std::path::PathBuf,
    html: String,
    out: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

impl Report {
    /// `None` (the test is skipped, saying so) without Chromium.
    fn new() -> Option<Report> {
        let Some(chromium) = chromium() else {
            eprintln!("skipped: /usr/bin/chromium is not installed (apt-get install -y chromium)");
            return None;
        };
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("corpus.jsonl");
        corpus(&input, 600);
        let out = dir.path().join("out");
        report_into([&input], &out);
        let html = std::fs::read_to_string(out.join("index.html")).expect("index.html");
        Some(Report {
            chromium,
            html,
            out,
            _dir: dir,
        })
    }

    /// Writes `text` as page `name` beside the report and returns its path.
    fn page(&self, name: &str, text: String) -> std::path::PathBuf {
        let path = self.out.join(name);
        std::fs::write(&path, text).expect("write page");
        path
    }
}

// One test per Chromium run, each well under 10 s on a loaded 2-core machine (issue 17; the
// four runs in one test took 15 s there).

#[test]
fn corpus_page_fits_at_1400_px() {
    page_fits(1400);
}

#[test]
fn corpus_page_fits_at_800_px() {
    page_fits(800);
}

fn page_fits(width: u32) {
    let Some(report) = Report::new() else {
        return;
    };
    // The page as it is: no console message at all (script errors, CSP violations).
    let plain = report.page(
        "plain.html",
        with_scripts(&report.html, &[(false, &probe_script(LAYOUT))]),
    );
    let (r, console) = probe(&report.chromium, &plain, width);
    eprintln!("{width} px: {r}");
    assert!(console.is_empty(), "console at {width} px: {console:?}");
    assert_eq!(r["rows"], 600);
    assert!(r["unjudgedRows"].as_u64().is_some_and(|n| n >= 36), "{r}");
    assert_eq!(r["pageScrollsSideways"], false, "{width} px: {r}");
    assert_eq!(r["tableWiderThanBox"], false, "{width} px: {r}");
    assert_eq!(r["clipped"], serde_json::json!([]), "{width} px: {r}");
    assert_eq!(r["countAboveTable"], true, "{r}");
    assert_eq!(r["popoverOnScreen"], true, "{r}");
    assert_eq!(r["focusableFindingRows"], true, "{r}");
    assert_eq!(r["enterLightsHighlight"], true, "{r}");
    assert!(
        r["scrolled"].as_f64().is_some_and(|s| s > 1000.0),
        "the table scrolls: {r}"
    );
    assert!(
        r["stickyOffset"].as_f64().is_some_and(|d| d < 2.0),
        "sticky header: {r}"
    );
    assert_eq!(r["links"], 200, "only articles with a section link: {r}");
    assert_eq!(r["broken"], 0, "{r}");
    let visible = r["visible"].as_array().map_or(0, Vec::len);
    let expected = if width == 1400 { 15 } else { 7 };
    assert_eq!(visible, expected, "columns shown at {width} px: {r}");
}

#[test]
fn corpus_page_sorts_5000_rows() {
    let Some(report) = Report::new() else {
        return;
    };
    // Sorting 5,000 rows, five times inside the page. How long it takes is printed, not
    // asserted: speed is for a benchmark, and a loaded machine would fail a timed test.
    let grown = report.page(
        "grown.html",
        with_scripts(&report.html, &[(true, GROW), (false, &probe_script(SORT))]),
    );
    let (r, console) = probe(&report.chromium, &grown, 1400);
    assert!(console.is_empty(), "{console:?}");
    assert!(r["rows"].as_u64().is_some_and(|n| n >= 5000), "{r}");
    assert_eq!(r["sortedByRank"], true, "{r}");
    let mut ms: Vec<f64> = r["ms"]
        .as_array()
        .expect("timings")
        .iter()
        .filter_map(Value::as_f64)
        .collect();
    ms.sort_by(f64::total_cmp);
    assert_eq!(ms.len(), 5, "five sorts ran: {r}");
    eprintln!("sorting 5,000 rows: median {} ms of five ({r})", ms[2]);
}

#[test]
fn corpus_page_prints_whole() {
    let Some(report) = Report::new() else {
        return;
    };
    // Print media, applied to the screen at the width of an A4 page.
    let print = report.html.replace("@media print", "@media all");
    assert_ne!(print, report.html, "the page has a print stylesheet");
    let printed = report.page(
        "print.html",
        with_scripts(&print, &[(false, &probe_script(PRINT))]),
    );
    let (r, console) = probe(&report.chromium, &printed, 760);
    eprintln!("print: {r}");
    assert!(console.is_empty(), "{console:?}");
    assert_eq!(r["visible"], r["columns"], "every column prints: {r}");
    assert_eq!(r["clipped"], serde_json::json!([]), "no header cut: {r}");
    assert!(
        r["tableRight"].as_f64() <= r["view"].as_f64(),
        "table within the page: {r}"
    );
    assert_eq!(r["boxCuts"], false, "{r}");
    assert_eq!(r["texts"], 200);
    assert_eq!(r["cutTexts"], 0, "every article text in full: {r}");
    assert_eq!(r["markBackground"], "rgba(0, 0, 0, 0)", "{r}");
    assert!(
        r["markUnderline"]
            .as_str()
            .is_some_and(|u| u.starts_with("rgb(0, 0, 0) solid")),
        "{r}"
    );
    assert!(
        r["markCode"]
            .as_str()
            .is_some_and(|c| c.contains("attr(data-fam)") || c.len() > 2),
        "{r}"
    );
}
