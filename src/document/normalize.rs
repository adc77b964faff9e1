//! Normalised views of a text (NFC now; case and diacritic folding can reuse the same mapping)
//! that map every offset of the view back to a byte offset of the original text.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A transformed copy of a text, transformed grapheme cluster by grapheme cluster, with the
/// cluster boundaries in both texts so any view offset maps back to the original.
#[derive(Debug, Clone)]
pub struct MappedText {
    pub text: String,
    /// The `(view_offset, original_offset)` of each transformed cluster, and of the end, in
    /// runs; empty when the view is byte-identical to the original.
    anchors: Vec<Run>,
}

/// `len` anchors `(view + k, original + k)` for `k` in `0..len`: the clusters of one byte
/// that became one byte (most of a text that is partly ASCII) are one run, not one anchor
/// each. The offsets map back exactly as with one anchor per cluster; a test compares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Run {
    view: usize,
    original: usize,
    len: usize,
}

impl Run {
    /// The view offset of the run's last anchor.
    fn last_view(&self) -> usize {
        self.view + self.len - 1
    }
}

/// Appends the anchor `(view, original)` to the runs, extending the last run when it is the
/// next anchor of it.
fn push_anchor(runs: &mut Vec<Run>, view: usize, original: usize) {
    push_run(runs, view, original, 1);
}

/// Appends the anchors `(view + k, original + k)` for `k` in `0..len` to the runs.
fn push_run(runs: &mut Vec<Run>, view: usize, original: usize, len: usize) {
    if let Some(last) = runs.last_mut()
        && last.view + last.len == view
        && last.original + last.len == original
    {
        last.len += len;
        return;
    }
    runs.push(Run {
        view,
        original,
        len,
    });
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
            push_anchor(&mut anchors, text.len(), offset);
            f(cluster, &mut text);
        });
        push_anchor(&mut anchors, text.len(), original.len());
        MappedText { text, anchors }
    }

    /// [`Self::map_clusters`] where `ascii` transforms a run of ASCII text at once, with the
    /// same result as `f` on each of its clusters and one byte for each byte (as ASCII
    /// lower-casing does): most of a text that is not all ASCII is runs of ASCII, and this
    /// spares a call of `f` and an anchor for each of their bytes. A test compares it with
    /// `map_clusters`.
    pub fn map_clusters_ascii_runs(
        original: &str,
        ascii: impl FnMut(&str, &mut String),
        f: impl FnMut(&str, &mut String),
    ) -> Self {
        Self::map_clusters_ascii_runs_hiding(original, &[], ascii, f)
    }

    /// [`Self::map_clusters_ascii_runs`] with the byte ranges `hidden` (sorted, apart, on
    /// char boundaries) left out of the view: each maps to nothing, as a cluster whose
    /// replacement is empty would, so a span of the view that runs across one covers it in
    /// the original, and one that ends or starts next to it does not.
    pub fn map_clusters_ascii_runs_hiding(
        original: &str,
        hidden: &[super::Span],
        mut ascii: impl FnMut(&str, &mut String),
        mut f: impl FnMut(&str, &mut String),
    ) -> Self {
        let mut text = String::with_capacity(original.len());
        let mut anchors = Vec::new();
        let mut from = 0;
        for h in hidden
            .iter()
            .chain([&super::Span::new(original.len(), original.len())])
        {
            let Some(piece) = original.get(from..h.start) else {
                continue;
            };
            Self::extend(&mut text, &mut anchors, piece, from, &mut ascii, &mut f);
            push_anchor(&mut anchors, text.len(), h.start);
            from = h.end;
        }
        MappedText { text, anchors }
    }

    /// Appends the view of `piece`, which starts at byte `base` of the original, and its
    /// anchors ([`Self::map_clusters_ascii_runs`]); not the anchor of its end.
    fn extend(
        text: &mut String,
        anchors: &mut Vec<Run>,
        piece: &str,
        base: usize,
        ascii: &mut impl FnMut(&str, &mut String),
        f: &mut impl FnMut(&str, &mut String),
    ) {
        super::segment::for_each_grapheme_run(piece, |offset, piece, run| {
            let offset = base + offset;
            if !run {
                push_anchor(anchors, text.len(), offset);
                f(piece, text);
                return;
            }
            // One anchor for each cluster: each byte but the LF of a CR LF.
            let view = text.len();
            let mut from = 0;
            for cr in memchr::memmem::find_iter(piece.as_bytes(), b"\r\n") {
                push_run(anchors, view + from, offset + from, cr + 1 - from);
                from = cr + 2;
            }
            if from < piece.len() {
                push_run(anchors, view + from, offset + from, piece.len() - from);
            }
            ascii(piece, text);
        });
    }

    /// The original byte offset for a view offset. An offset inside a transformed cluster maps
    /// to that cluster's start, so a span's start maps inward; use [`Self::to_original_end`]
    /// for ends.
    pub fn to_original(&self, view_offset: usize) -> usize {
        if self.anchors.is_empty() {
            return view_offset;
        }
        // The last anchor at or before the offset: in the last run that starts at or before
        // it, the anchor at the offset or the run's last one.
        let i = self
            .anchors
            .partition_point(|r| r.view <= view_offset)
            .saturating_sub(1);
        self.anchors.get(i).map_or(0, |r| {
            r.original + view_offset.saturating_sub(r.view).min(r.len - 1)
        })
    }

    /// The original byte offset for a span end: the end of the cluster the offset falls in.
    pub fn to_original_end(&self, view_offset: usize) -> usize {
        if self.anchors.is_empty() {
            return view_offset;
        }
        // The first anchor at or after the offset: in the first run that ends at or after it.
        let i = self
            .anchors
            .partition_point(|r| r.last_view() < view_offset);
        self.anchors.get(i).map_or(view_offset, |r| {
            r.original + view_offset.saturating_sub(r.view)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_ranges_map_to_nothing_and_spans_across_them_cover_them() {
        let original = "Ki&shy;ev and Zu\u{308}rich&shy;";
        let hidden = [
            super::super::Span::new(2, 7),
            super::super::Span::new(22, 27),
        ];
        let view = MappedText::map_clusters_ascii_runs_hiding(
            original,
            &hidden,
            |s, out| out.push_str(s),
            |s, out| out.push_str(s),
        );
        assert_eq!(view.text, "Kiev and Zu\u{308}rich");
        // "Kiev": from the start to the end of "ev", the reference inside.
        assert_eq!((view.to_original(0), view.to_original_end(4)), (0, 9));
        // A span ending before a reference stops there, one starting after it starts there.
        assert_eq!(view.to_original_end(2), 2);
        assert_eq!(view.to_original(2), 7);
        assert_eq!(view.to_original_end(view.text.len()), 22);
        // No hidden range: the view of `map_clusters_ascii_runs`.
        let plain = MappedText::map_clusters_ascii_runs_hiding(
            original,
            &[],
            |s, out| out.push_str(s),
            |s, out| out.push_str(s),
        );
        assert_eq!(plain.text, original);
    }

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

    /// The anchors one per cluster, as they were before runs, and the two look-ups on them.
    struct PerCluster(Vec<(usize, usize)>);

    impl PerCluster {
        fn new(original: &str, mut f: impl FnMut(&str, &mut String)) -> Self {
            let mut text = String::new();
            let mut anchors = Vec::new();
            crate::document::segment::for_each_grapheme(original, |offset, cluster| {
                anchors.push((text.len(), offset));
                f(cluster, &mut text);
            });
            anchors.push((text.len(), original.len()));
            PerCluster(anchors)
        }

        fn to_original(&self, view_offset: usize) -> usize {
            let i = self
                .0
                .partition_point(|&(v, _)| v <= view_offset)
                .saturating_sub(1);
            self.0.get(i).map_or(0, |&(_, o)| o)
        }

        fn to_original_end(&self, view_offset: usize) -> usize {
            let i = self.0.partition_point(|&(v, _)| v < view_offset);
            self.0.get(i).map_or(view_offset, |&(_, o)| o)
        }
    }

    #[test]
    fn runs_map_offsets_back_as_one_anchor_per_cluster_did() {
        // Transformations that keep, grow, shrink and drop clusters.
        let transforms: [fn(&str, &mut String); 4] = [
            |c, out| out.push_str(&c.to_lowercase()),
            |c, out| out.extend(c.nfc()),
            |c, out| {
                if c != "e" {
                    out.push_str(c)
                }
            },
            |c, out| {
                out.push_str(c);
                if c == "x" {
                    out.push_str("yy")
                }
            },
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15;
        let mut texts: Vec<String> = (0..400u64)
            .map(|i| {
                crate::document::segment::random_text(
                    &mut seed,
                    (i % 60) as usize,
                    [0, 2, 5][(i % 3) as usize],
                )
            })
            .collect();
        texts.extend(
            [
                "",
                "e",
                "ex",
                "Cafe\u{301} İstanbul\r\nxe",
                "\u{301}abc",
                "ÉTÉ x e\r\n\r\n",
            ]
            .map(String::from),
        );
        for text in &texts {
            for f in transforms {
                let view = MappedText::map_clusters(text, f);
                let reference = PerCluster::new(text, f);
                for offset in 0..=view.text.len() + 2 {
                    assert_eq!(
                        view.to_original(offset),
                        reference.to_original(offset),
                        "{text:?} {offset}"
                    );
                    assert_eq!(
                        view.to_original_end(offset),
                        reference.to_original_end(offset),
                        "{text:?} {offset}"
                    );
                }
            }
        }
    }

    #[test]
    fn ascii_runs_at_once_give_the_same_view_and_anchors() {
        let lower = |c: &str, out: &mut String| out.push_str(&c.to_lowercase());
        let ascii_lower = |run: &str, out: &mut String| out.push_str(&run.to_ascii_lowercase());
        let mut seed = 0x2545_f491_4f6c_dd1d;
        let mut texts: Vec<String> = (0..2000u64)
            .map(|i| {
                crate::document::segment::random_text(
                    &mut seed,
                    (i % 80) as usize,
                    [0, 2, 7, 30][(i % 4) as usize],
                )
            })
            .collect();
        texts.extend(["", "\r\n", "a\r\n\r\nb", "É\r\nx", "\r", "Ab\r\r\nÉ\r"].map(String::from));
        for text in &texts {
            let general = MappedText::map_clusters(text, lower);
            let runs = MappedText::map_clusters_ascii_runs(text, ascii_lower, lower);
            assert_eq!(runs.text, general.text, "{text:?}");
            assert_eq!(runs.anchors, general.anchors, "{text:?}");
        }
    }

    #[test]
    fn already_normalised_text_is_the_identity() {
        let view = MappedText::nfc("Kyiv «Київ»");
        assert_eq!(view.to_original(5), 5);
        assert_eq!(view.text, "Kyiv «Київ»");
    }
}
