//! Applying findings' suggestions to a document's text (`--fix`, `--unsafe-fixes`, `--diff`).

use crate::document::Document;
use crate::engine::{DocumentReport, Engine, Finding};
use crate::rules::Applicability;

/// Fixes can uncover or overlap one another; the text is re-checked after each pass, up to
/// this many passes (ruff does the same).
const MAX_PASSES: usize = 10;

/// A document after fixing: its final text, how many fixes went in, and the findings left.
pub struct Fixed {
    pub text: String,
    pub report: DocumentReport,
    pub applied: usize,
}

/// Whether a finding's suggestion may be applied: safe ones always, unsafe ones on request.
fn applicable(f: &Finding, unsafe_fixes: bool) -> bool {
    f.suggestion.is_some()
        && match f.applicability {
            Some(Applicability::Safe) => true,
            Some(Applicability::Unsafe) => unsafe_fixes,
            None => false,
        }
}

/// Replaces each applicable finding's span by its suggestion, in order, skipping a fix that
/// overlaps one already taken. Returns the new text and the number of fixes applied.
pub fn apply(text: &str, findings: &[Finding], unsafe_fixes: bool) -> (String, usize) {
    let mut edits: Vec<&Finding> = findings
        .iter()
        .filter(|f| applicable(f, unsafe_fixes))
        .collect();
    edits.sort_by_key(|f| (f.start, f.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for f in edits {
        let (Some(kept), Some(suggestion)) = (text.get(at..f.start), &f.suggestion) else {
            continue; // overlaps the previous edit, or not on a character boundary
        };
        if text.get(f.start..f.end).is_none() || text[f.start..f.end] == **suggestion {
            continue;
        }
        out.push_str(kept);
        out.push_str(suggestion);
        at = f.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// Audits and fixes a document until no applicable fix is left (or [`MAX_PASSES`]).
pub fn fix(engine: &Engine, doc: &Document, unsafe_fixes: bool) -> Fixed {
    let mut applied = 0;
    let mut report = engine.audit(doc);
    let mut text = doc.text.clone();
    for _ in 0..MAX_PASSES {
        let (new, n) = apply(&text, &report.findings, unsafe_fixes);
        if n == 0 {
            break;
        }
        applied += n;
        text = new;
        let next = Document::new(
            doc.path.clone(),
            doc.id.clone(),
            text.clone(),
            doc.origin.clone(),
        );
        report = engine.audit(&next);
    }
    Fixed {
        text,
        report,
        applied,
    }
}

/// A unified diff of `old` to `new` with `label` in the headers; empty when they are equal.
pub fn unified_diff(label: &str, old: &str, new: &str) -> String {
    if old == new {
        return String::new();
    }
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(label, label)
        .to_string()
}

/// The bytes to write back for a fixed file whose current bytes are `original`, or why the
/// file cannot be rewritten safely. Only UTF-8 files are rewritten (a BOM is kept); anything
/// that was decoded with loss or from UTF-16 would not survive the round trip.
pub fn rewrite(original: &[u8], old_text: &str, new_text: &str) -> Result<Vec<u8>, &'static str> {
    const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
    // The byte-order marks `document::decode` reads UTF-16 by.
    if original.starts_with(&[0xFF, 0xFE]) || original.starts_with(&[0xFE, 0xFF]) {
        return Err(
            "it is UTF-16, which calq reads but does not rewrite (fixes are written to UTF-8 files only); use --diff to see the fixes",
        );
    }
    let (bom, body) = match original.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => (&[][..], original),
    };
    match std::str::from_utf8(body) {
        Ok(s) if s == old_text => Ok([bom, new_text.as_bytes()].concat()),
        Ok(_) => Err("the file changed while it was checked"),
        Err(_) => Err(
            "it is not valid UTF-8 (it was read with replacement characters), so rewriting it would lose bytes",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Origin;
    use crate::engine::Settings;
    use crate::glossary::GlossarySet;
    use std::path::Path;

    fn engine() -> Engine {
        let glossaries = GlossarySet::load(true, &[] as &[&Path]).expect("shipped");
        Engine::new(&Settings::default(), &glossaries).expect("engine")
    }

    fn doc(text: &str) -> Document {
        Document::new("t.txt", None, text.into(), Origin::default())
    }

    #[test]
    fn safe_fixes_apply_and_a_second_pass_changes_nothing() {
        let e = engine();
        let text = "Riabkov's team met in Kiev. RIABKOV spoke. Chicken Kiev was served.";
        let fixed = fix(&e, &doc(text), false);
        assert_eq!(
            fixed.text,
            "Ryabkov's team met in Kyiv. RYABKOV spoke. Chicken Kiev was served."
        );
        assert_eq!(fixed.applied, 3);
        let again = fix(&e, &doc(&fixed.text), false);
        assert_eq!(again.applied, 0);
        assert_eq!(again.text, fixed.text);
    }

    #[test]
    fn unsafe_fixes_only_on_request() {
        let e = engine();
        let text = "Olga Stefanischina spoke.";
        assert_eq!(fix(&e, &doc(text), false).text, text);
        assert_eq!(
            fix(&e, &doc(text), true).text,
            "Olha Stefanishyna spoke.",
            "the second pass fixes the full name the first pass completed"
        );
    }

    #[test]
    fn overlapping_fixes_take_the_first() {
        let mut a = finding(0, 5, "AAAAA");
        let b = finding(3, 8, "BBBBB");
        let (text, n) = apply("0123456789", &[b, a.clone()], false);
        assert_eq!((text.as_str(), n), ("AAAAA56789", 1));
        a.applicability = Some(Applicability::Unsafe);
        assert_eq!(apply("0123456789", &[a], false).1, 0);
    }

    fn finding(start: usize, end: usize, suggestion: &str) -> Finding {
        Finding {
            code: "XX001",
            rule: "x",
            family: crate::rules::Family::Names,
            severity: crate::rules::Severity::Warning,
            start,
            end,
            line: 1,
            column: start + 1,
            text: String::new(),
            message: String::new(),
            suggestion: Some(suggestion.into()),
            applicability: Some(Applicability::Safe),
            source_language: None,
            policy: None,
            record_columns: None,
        }
    }

    #[test]
    fn rewrite_keeps_a_bom_and_refuses_lossy_files() {
        let got = rewrite(b"\xEF\xBB\xBFKiev", "Kiev", "Kyiv").expect("utf-8");
        assert_eq!(got, b"\xEF\xBB\xBFKyiv");
        assert!(rewrite(b"Ki\xFFev", "Ki\u{FFFD}ev", "Kyiv").is_err());
        assert!(rewrite(b"Kiev!", "Kiev", "Kyiv").is_err());
    }

    #[test]
    fn rewrite_says_a_utf16_file_is_utf16() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kiev".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Kiev".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for bytes in [le, be] {
            let reason = rewrite(&bytes, "Kiev", "Kyiv").expect_err("not rewritten");
            assert!(reason.contains("UTF-16"), "{reason}");
            assert!(!reason.contains("not valid UTF-8"), "{reason}");
        }
    }

    #[test]
    fn diff_is_unified_and_empty_when_unchanged() {
        assert_eq!(unified_diff("a.txt", "x\n", "x\n"), "");
        let d = unified_diff("a.txt", "Kiev\n", "Kyiv\n");
        assert!(d.starts_with("--- a.txt\n+++ a.txt\n@@"), "{d}");
        assert!(d.contains("-Kiev\n+Kyiv\n"), "{d}");
    }
}
