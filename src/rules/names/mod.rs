//! `names` (NM): glossary names spelled other than the house way.

pub mod deprecated_name;
pub mod given_name;
pub mod inconsistent_spelling;
pub mod non_canonical_name;
pub mod probable_variant;

use crate::document::Span;
use crate::glossary::Term;
use crate::glossary::matcher::{Form, NameMatch, visible};
use crate::glossary::scheme::{self, Scheme, Schemes};
use crate::rules::spelling::dictionary;
use crate::rules::{Applicability, Context};

/// A listed variant found in the document, with what NM001 and NM002 need to decide which of
/// them reports it.
pub struct ListedVariant<'a> {
    pub found: &'a str,
    pub name: &'a NameMatch,
    pub term: &'a Term,
    pub scheme: Option<Scheme>,
    /// Whether the term's dated policy is in force (`NameMatcher::policy_in_force`).
    pub policy_in_force: bool,
}

impl ListedVariant<'_> {
    /// A dated policy's own variant ("Kiev" for Kyiv) is a policy deviation (NM002); a French
    /// or German romanisation ("Kiew") is a translation artefact (NM001).
    pub fn is_policy_variant(&self) -> bool {
        self.term.since.is_some() && self.scheme.is_none()
    }

    /// Every scheme that writes the variant this way: those among the romanisations of the
    /// term's `cyrillic` that spell it so, when they include the scheme its letters point
    /// to ("Riabkov": French, Spanish, Italian); else that scheme alone; else none.
    pub fn romanised_by(&self) -> Schemes {
        let Some(scheme) = self.scheme else {
            return Schemes::empty();
        };
        self.term
            .cyrillic
            .as_deref()
            .map(|c| Schemes::writing(self.found, c))
            .filter(|w| w.contains(scheme))
            .unwrap_or_else(|| Schemes::one(scheme).with_others_for(self.found))
    }

    /// A policy variant whose policy is in force: NM002 reports it. Before the policy's
    /// `since` day the variant is still the house form, and no rule reports it.
    pub fn is_policy_deviation(&self) -> bool {
        self.is_policy_variant() && self.policy_in_force
    }
}

/// Every listed variant not inside a `keep` phrase, in text order.
pub fn listed_variants<'a>(cx: &'a Context) -> impl Iterator<Item = ListedVariant<'a>> {
    let names = cx.names();
    cx.name_matches()
        .iter()
        .filter(|m| m.form == Form::Variant && !m.kept)
        .filter_map(move |m| {
            let names = names?;
            let term = names.term(m.term)?;
            let found = cx.doc.slice(m.span);
            // Without a soft hyphen's reference (`Ki&shy;ev` in Markdown), whose letters
            // would read as a scheme's.
            let scheme = scheme::guess(&visible(found), &m.replacement);
            Some(ListedVariant {
                found,
                name: m,
                term,
                scheme,
                policy_in_force: names.policy_in_force(term),
            })
        })
}

/// A moving pointer into a document's glossary matches (sorted by position) for a walk over
/// spans in text order: which matches are still ahead, and whether a span lies inside one,
/// without searching them all for each span.
pub struct ListedCursor<'a> {
    listed: &'a [NameMatch],
    next: usize,
}

impl<'a> ListedCursor<'a> {
    pub fn new(listed: &'a [NameMatch]) -> Self {
        ListedCursor { listed, next: 0 }
    }

    /// The matches from the first one that does not end before `span` starts.
    pub fn ahead(&mut self, span: Span) -> &'a [NameMatch] {
        while self
            .listed
            .get(self.next)
            .is_some_and(|m| m.span.end <= span.start)
        {
            self.next += 1;
        }
        self.listed.get(self.next..).unwrap_or_default()
    }

    /// Whether `span` overlaps a listed match (such words are the listed-name rules').
    pub fn covers(&mut self, span: Span) -> bool {
        self.ahead(span)
            .first()
            .is_some_and(|m| m.span.start < span.end)
    }
}

/// The word without a possessive "'s".
pub fn stem(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

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

/// A listed variant's fix, safe unless the spelling is also a common English word: a
/// glossary that lists "Schools" as a variant of "Scholz" (as `glossary suggest` once
/// proposed) would otherwise have `--fix` rewrite "Schools reopened" to "Scholz reopened".
/// Such a match needs a look (`glossary check` warns about the variant).
pub fn listed_fix(found: &str) -> Applicability {
    if dictionary::is_common_word(found) {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    }
}
