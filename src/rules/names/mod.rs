//! `names` (NM): glossary names spelled other than the house way.

pub mod deprecated_name;
pub mod non_canonical_name;
pub mod probable_variant;

use crate::glossary::Term;

/// The replacement in the case of the original: "RIABKOV" → "RYABKOV", "Riabkov" → "Ryabkov".
pub fn match_case(original: &str, replacement: &str) -> String {
    let letters: Vec<char> = original.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() > 1 && letters.iter().all(|c| c.is_uppercase()) {
        replacement.to_uppercase()
    } else {
        replacement.to_owned()
    }
}

/// "Russian deputy foreign minister" → " (Russian deputy foreign minister)".
pub fn note(term: &Term) -> String {
    term.note
        .as_deref()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default()
}
