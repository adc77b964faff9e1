//! `typography` (TY): typographic remnants — source-language spacing, broken encodings.

pub mod doubled_space;
pub mod replacement_character;
pub mod space_before_percent;
pub mod space_before_punctuation;

use crate::document::{BlockKind, Document};

/// Spaces within a line: the ASCII space and the no-break, narrow no-break and thin spaces
/// French typography sets before `: ; ? ! %`. Not tabs or line breaks.
pub(crate) const fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}')
}

/// The start of the run of inline spaces that ends at `end` (`end` itself if there is none).
pub(crate) fn spaces_before(text: &str, end: usize) -> usize {
    text.get(..end)
        .map_or(end, |s| s.trim_end_matches(is_inline_space).len())
}

/// Which offsets a spacing rule reports: page furniture around an article body is skipped —
/// share widgets and link lists bring their own spacing ("Share and Enjoy !") — while a text
/// with no body block at all (a headline, a snippet) is checked whole.
pub(crate) struct Article<'a> {
    doc: &'a Document,
    has_body: bool,
}

impl<'a> Article<'a> {
    pub(crate) fn new(doc: &'a Document) -> Self {
        let has_body = doc.blocks.iter().any(|b| b.kind == BlockKind::Body);
        Article { doc, has_body }
    }

    pub(crate) fn contains(&self, offset: usize) -> bool {
        !self.has_body
            || self
                .doc
                .block_at(offset)
                .is_none_or(|b| b.kind == BlockKind::Body)
    }
}
