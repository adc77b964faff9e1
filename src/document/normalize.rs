//! Normalised views of a text (NFC now; case and diacritic folding can reuse the same mapping)
//! that map every offset of the view back to a byte offset of the original text.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A transformed copy of a text, transformed grapheme cluster by grapheme cluster, with the
/// cluster boundaries in both texts so any view offset maps back to the original.
#[derive(Debug, Clone)]
pub struct MappedText {
    pub text: String,
    /// `(view_offset, original_offset)` of each transformed cluster; empty when the view is
    /// byte-identical to the original.
    anchors: Vec<(usize, usize)>,
}

impl MappedText {
    /// NFC. Composition never crosses a grapheme cluster boundary, so normalising cluster by
    /// cluster gives the same text as normalising the whole.
    pub fn nfc(original: &str) -> Self {
        if is_nfc_quick(original.chars()) == IsNormalized::Yes {
            return MappedText {
                text: original.to_owned(),
                anchors: Vec::new(),
            };
        }
        Self::map_clusters(original, |cluster, out| out.extend(cluster.nfc()))
    }

    /// A view whose every offset is the same byte offset in the original (the transformation
    /// kept every character's length, as ASCII lower-casing does).
    pub fn identity(text: String) -> Self {
        MappedText {
            text,
            anchors: Vec::new(),
        }
    }

    /// Applies `f` to every grapheme cluster; `f` appends the cluster's replacement to `out`.
    pub fn map_clusters(original: &str, mut f: impl FnMut(&str, &mut String)) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut anchors = Vec::new();
        super::segment::for_each_grapheme(original, |offset, cluster| {
            anchors.push((text.len(), offset));
            f(cluster, &mut text);
        });
        anchors.push((text.len(), original.len()));
        MappedText { text, anchors }
    }

    /// The original byte offset for a view offset. An offset inside a transformed cluster maps
    /// to that cluster's start, so a span's start maps inward; use [`Self::to_original_end`]
    /// for ends.
    pub fn to_original(&self, view_offset: usize) -> usize {
        if self.anchors.is_empty() {
            return view_offset;
        }
        let i = self
            .anchors
            .partition_point(|&(v, _)| v <= view_offset)
            .saturating_sub(1);
        self.anchors.get(i).map_or(0, |&(_, o)| o)
    }

    /// The original byte offset for a span end: the end of the cluster the offset falls in.
    pub fn to_original_end(&self, view_offset: usize) -> usize {
        if self.anchors.is_empty() {
            return view_offset;
        }
        let i = self.anchors.partition_point(|&(v, _)| v < view_offset);
        self.anchors.get(i).map_or(view_offset, |&(_, o)| o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_view_maps_back_to_original_bytes() {
        // "Selenskyj" typed with a decomposed "e\u{301}" before it.
        let original = "Cafe\u{301} Selenskyj";
        let view = MappedText::nfc(original);
        assert_eq!(view.text, "Café Selenskyj");
        let s = view.text.find("Selenskyj").unwrap_or(0);
        let start = view.to_original(s);
        let end = view.to_original_end(s + "Selenskyj".len());
        assert_eq!(&original[start..end], "Selenskyj");
        let e = view.text.find('é').unwrap_or(0);
        assert_eq!(
            &original[view.to_original(e)..view.to_original_end(e + 2)],
            "e\u{301}"
        );
    }

    #[test]
    fn already_normalised_text_is_the_identity() {
        let view = MappedText::nfc("Kyiv «Київ»");
        assert_eq!(view.to_original(5), 5);
        assert_eq!(view.text, "Kyiv «Київ»");
    }
}
