//! Checks the fast paths of `document::segment` (UAX #29 words and sentences) against
//! unicode-segmentation: every document of the inputs (its whole text, each block and each
//! line), then generated text. Any difference is printed and the exit code is 1.
//!
//! ```text
//! cargo run --release --example segment_check -- target/corpus-10mb.jsonl tests/fixtures
//! ```
//!
//! Inputs are files or directories (read recursively). In a `.jsonl` file (or `.jsonl.gz`)
//! every top-level string value of each line is a document; any other file is one document.
//! `GENERATED=N` sets how many generated texts are checked (default 400,000).

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::path::Path;

#[path = "common/texts.rs"]
mod texts;

use calq::document::Document;
use calq::document::segment::{check, random_text};

#[derive(Default)]
struct Tally {
    texts: usize,
    bytes: usize,
    mismatches: usize,
}

impl Tally {
    fn add(&mut self, text: &str, name: &str) {
        let doc = Document::from_text(text);
        let parts = std::iter::once(text)
            .chain(doc.blocks.iter().map(|b| doc.slice(b.span)))
            .chain(text.lines());
        for part in parts {
            self.texts += 1;
            self.bytes += part.len();
            if let Err(e) = check(part) {
                self.mismatches += 1;
                if self.mismatches <= 10 {
                    println!("MISMATCH {name}: {e}");
                }
            }
        }
    }
}

fn main() {
    let mut status = 0;
    let mut report = |what: &str, t: &Tally| {
        println!(
            "{what}: {} texts, {} bytes, {} mismatches",
            t.texts, t.bytes, t.mismatches
        );
        if t.mismatches > 0 {
            status = 1;
        }
    };
    for arg in std::env::args().skip(1) {
        let mut t = Tally::default();
        texts::walk(Path::new(&arg), 0, &mut |text, name| t.add(text, name));
        report(&arg, &t);
    }
    // Generated text: ASCII only, and with one non-ASCII character in 3, 12 and 40.
    let n: u64 = std::env::var("GENERATED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400_000);
    let mut seed = 0x9e37_79b9_7f4a_7c15;
    let mut t = Tally::default();
    for i in 0..n {
        let len = (i % 251) as usize;
        let text = random_text(&mut seed, len, [0, 0, 3, 12, 40][(i % 5) as usize]);
        t.texts += 1;
        t.bytes += text.len();
        if let Err(e) = check(&text) {
            t.mismatches += 1;
            if t.mismatches <= 10 {
                println!("MISMATCH generated {i}: {e}");
            }
        }
    }
    report("generated", &t);
    std::process::exit(status);
}
