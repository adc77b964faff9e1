//! Checks the language pre-test (`document::lang::clearly_english`) against whatlang: for
//! every document of the inputs, the sample `detect_document` identifies is put to both.
//! A sample that passes the pre-test must be one whatlang calls English with confidence 1.0
//! (a "mismatch" otherwise: the exit code is 1). For a margin, each passing sample's first
//! and second halves are put to whatlang too; they are shorter and so harder, and they
//! should come out English at 1.0 as well.
//!
//! ```text
//! cargo run --release --example lang_pretest -- target/corpus-10mb.jsonl tests/fixtures
//! ```
//!
//! Inputs are files or directories (read recursively). In a `.jsonl` file (or `.jsonl.gz`)
//! every top-level string value of 80 bytes or more of each line is a document; any other
//! file is one document.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;

#[path = "common/texts.rs"]
mod texts;

use calq::document::Document;
use calq::document::lang::{
    CLEAR_SHARE_PERCENT, Language, clear_english_counts, clearly_english, document_sample,
    whatlang_detect,
};

#[derive(Default)]
struct Tally {
    docs: usize,
    passed: usize,
    mismatches: usize,
    half_not_clear: usize,
    /// whatlang said English at 1.0 but the pre-test did not pass (whatlang still runs).
    missed: usize,
    /// The highest function-word share (percent) of an ASCII sample with enough words that
    /// whatlang did not call English at 1.0.
    closest_other: Option<(usize, String)>,
    /// The lowest share of a passing sample.
    lowest_passed: Option<usize>,
}

fn clear(l: Language) -> bool {
    l.code == "en" && l.confidence == 1.0
}

fn half(s: &str, first: bool) -> &str {
    let mut mid = s.len() / 2;
    while !s.is_char_boundary(mid) {
        mid -= 1;
    }
    if first { &s[..mid] } else { &s[mid..] }
}

impl Tally {
    fn add(&mut self, text: &str, name: &str) {
        let doc = Document::from_text(text);
        let sample = document_sample(&doc.text, &doc.blocks, &doc.words);
        if sample.chars().filter(|c| c.is_alphabetic()).count() < 80 {
            return;
        }
        self.docs += 1;
        let truth = whatlang_detect(&sample);
        let (lower, english, distinct) = clear_english_counts(&sample);
        let share = (english * 100).checked_div(lower).unwrap_or(0);
        if clearly_english(&sample) {
            self.passed += 1;
            self.lowest_passed = Some(self.lowest_passed.map_or(share, |s| s.min(share)));
            if !clear(truth) {
                self.mismatches += 1;
                println!("MISMATCH {name}: whatlang {truth:?}, share {share}%: {sample:?}");
            }
            for first in [true, false] {
                let h = whatlang_detect(half(&sample, first));
                if !clear(h) {
                    self.half_not_clear += 1;
                    println!(
                        "half ({}) not English at 1.0 in {name}: {h:?}, share {share}%",
                        if first { "first" } else { "second" }
                    );
                }
            }
        } else if clear(truth) {
            self.missed += 1;
        } else if distinct > 0
            && lower >= 40
            && self.closest_other.as_ref().is_none_or(|(s, _)| share > *s)
        {
            self.closest_other = Some((share, format!("{name}: {truth:?}")));
        }
    }
}

fn main() {
    let mut total = Tally::default();
    let mut status = 0;
    for arg in std::env::args().skip(1) {
        let mut t = Tally::default();
        texts::walk(Path::new(&arg), 80, &mut |text, name| t.add(text, name));
        println!(
            "{arg}: {} samples, {} pass the pre-test ({} mismatches, {} halves not English at 1.0; lowest share {:?}%), {} English at 1.0 left to whatlang; closest other: {:?}",
            t.docs,
            t.passed,
            t.mismatches,
            t.half_not_clear,
            t.lowest_passed,
            t.missed,
            t.closest_other
        );
        total.docs += t.docs;
        total.passed += t.passed;
        total.mismatches += t.mismatches;
        total.half_not_clear += t.half_not_clear;
        total.missed += t.missed;
        if t.mismatches > 0 {
            status = 1;
        }
    }
    println!(
        "all: {} samples, {} pass the pre-test (threshold {CLEAR_SHARE_PERCENT}%), {} mismatches, {} halves not English at 1.0, {} English at 1.0 left to whatlang",
        total.docs, total.passed, total.mismatches, total.half_not_clear, total.missed
    );
    std::process::exit(status);
}
