//! UAX #29 word, sentence and grapheme cluster boundaries, with the same results as
//! `unicode-segmentation` (`split_word_bound_indices`, `split_sentence_bound_indices`,
//! `grapheme_indices(true)`) but a fast path for ASCII.
//! The crate looks every character up in its Unicode tables; in ASCII text the categories
//! come from a byte's value. Text that is not ASCII still goes to the crate, so nothing
//! here has to get Unicode right. `examples/segment_check.rs` and the tests below compare
//! both paths with the crate on real and generated text.

use unicode_segmentation::UnicodeSegmentation;

use super::Span;

/// The document's words: the UAX #29 word segments that contain an alphanumeric character,
/// as byte spans, in order. The same as
/// `text.split_word_bound_indices().filter(|(_, w)| w.chars().any(char::is_alphanumeric))`.
///
/// The text is cut at *safe points* into stretches that are segmented on their own: ASCII
/// stretches by [`ascii_words`], stretches around non-ASCII characters by the crate. A safe
/// point is a position between a space and an ASCII character that is not a space. There is
/// always a word boundary there (no rule joins a space to anything but a space, WB3d), and no
/// rule on either side looks across it: the rules that look past their neighbour (WB6, WB7,
/// WB11, WB12, WB7b, WB7c) need a letter, a digit or a mid-word character next to the
/// boundary, and the regional-indicator and emoji rules need non-ASCII characters there. So
/// the crate gives the same segments for each stretch alone as for the whole text.
pub fn words(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let safe = |p: usize| bytes[p - 1] == b' ' && bytes[p] != b' ' && bytes[p].is_ascii();
    let mut out = Vec::with_capacity(text.len() / 6);
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(q) = bytes[pos..].iter().position(|b| !b.is_ascii()) else {
            ascii_words(bytes, pos, bytes.len(), &mut out);
            break;
        };
        let q = pos + q;
        // The last safe point before the non-ASCII byte (or `pos`, itself safe or 0), and
        // the first after it (or the end).
        let from = (pos + 1..q).rev().find(|&p| safe(p)).unwrap_or(pos);
        let to = (q + 1..bytes.len())
            .find(|&p| safe(p))
            .unwrap_or(bytes.len());
        ascii_words(bytes, pos, from, &mut out);
        // `from` and `to` are at ASCII bytes or the ends, so on char boundaries.
        let stretch = text.get(from..to).unwrap_or("");
        out.extend(
            stretch
                .split_word_bound_indices()
                .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
                .map(|(i, w)| Span::new(from + i, from + i + w.len())),
        );
        pos = to;
    }
    out
}

/// Characters that change nothing a reader sees inside a word: the soft hyphen (U+00AD, a
/// hyphenation point that pages and CMSs put into long names, `Ki&shy;ev`), the zero-width
/// space, non-joiner and joiner (U+200B-D), the word joiner (U+2060) and the zero-width
/// no-break space (U+FEFF). The glossary's folded view leaves them out, so "Ki\u{ad}ev" is
/// found as "Kiev", its span covers the whole word with them, and a fix replaces all of it;
/// [`join_hidden_breaks`] keeps a zero-width space from splitting a word.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}'
    )
}

/// Joins the words that a zero-width space (U+200B) alone splits: "Kie\u{200b}v" is one
/// word, as "Ki\u{ad}ev" (soft hyphen) and "Ki\u{2060}ev" (word joiner) already are, whose
/// Format characters UAX #29 keeps inside a word (WB4). The zero-width space is a word break
/// there, for scripts written without spaces (Thai, Khmer), but a page that puts one inside a
/// Latin or Cyrillic word means a line-break point, and the word a reader sees is whole: so
/// two words are joined only when nothing but invisible characters ([`is_invisible`]) lies
/// between them, and the letters on both sides are of an alphabet written with spaces between
/// words (Latin, Greek, Cyrillic). `hidden` (sorted) are Markdown's references to such
/// characters (`&shy;`, `markdown::Markup::hidden`): they count as the character, and the
/// words inside them (`shy`) are no words. A joined span covers what lies between, so a fix
/// replaces the whole word. Text without a zero-width space or a reference is left as it is
/// (one scan for the character in text that is not ASCII).
pub fn join_hidden_breaks(text: &str, hidden: &[Span], words: &mut Vec<Span>) {
    if hidden.is_empty() && (text.is_ascii() || !text.contains('\u{200b}')) {
        return;
    }
    // Letters of Latin (with its extensions), Greek and Cyrillic.
    let spaced =
        |c: char| c.is_alphabetic() && matches!(u32::from(c), 0..=0x052f | 0x1e00..=0x1fff);
    // The first reference that does not end at or before `at`.
    let reference = |at: usize| hidden.get(hidden.partition_point(|h| h.end <= at)).copied();
    let mut joined: Vec<Span> = Vec::with_capacity(words.len());
    for &w in words.iter() {
        if reference(w.start).is_some_and(|h| h.start <= w.start && w.end <= h.end) {
            continue;
        }
        let Some(last) = joined.last_mut() else {
            joined.push(w);
            continue;
        };
        // Whether only invisible characters and references lie between the two words.
        let mut at = last.end;
        while at < w.start {
            match reference(at) {
                Some(h) if h.start == at => at = h.end,
                _ => match text.get(at..).and_then(|t| t.chars().next()) {
                    Some(c) if is_invisible(c) => at += c.len_utf8(),
                    _ => break,
                },
            }
        }
        let letters = text
            .get(..last.end)
            .and_then(|t| t.chars().next_back())
            .is_some_and(spaced)
            && text
                .get(w.start..)
                .and_then(|t| t.chars().next())
                .is_some_and(spaced);
        if last.end < w.start && at == w.start && letters {
            last.end = w.end;
        } else {
            joined.push(w);
        }
    }
    *words = joined;
}

/// The words of the ASCII text `bytes[start..end]`, segmented as if it were the whole text.
///
/// In ASCII the word-break categories are: letters (ALetter), digits (Numeric), `_`
/// (ExtendNumLet), `.` (MidNumLet), `'` (Single_Quote), `:` (MidLetter), `,` and `;`
/// (MidNum), `"` (Double_Quote), the space (WSegSpace), CR, LF, VT and FF (Newline), and
/// Other. Letters, digits and `_` join each other (WB5, WB8-WB10, WB13a, WB13b). `.`, `'` and
/// `:` join between two letters (WB6, WB7); `.`, `'`, `,` and `;` between two digits (WB11,
/// WB12). Everything else is its own segment, or a run of spaces (WB3d), or CR LF (WB3),
/// and none of those holds an alphanumeric character: every word is such a run of letters,
/// digits and `_` with its infixes, and the runs of `_` alone are not words.
fn ascii_words(bytes: &[u8], start: usize, end: usize, out: &mut Vec<Span>) {
    let core = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let infix = |b: u8, prev: u8, next: u8| match b {
        b'.' | b'\'' if prev.is_ascii_digit() && next.is_ascii_digit() => true,
        b',' | b';' => prev.is_ascii_digit() && next.is_ascii_digit(),
        b'.' | b'\'' | b':' => prev.is_ascii_alphabetic() && next.is_ascii_alphabetic(),
        _ => false,
    };
    let mut i = start;
    while i < end {
        if !core(bytes[i]) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut alnum = bytes[i] != b'_';
        while j < end {
            let b = bytes[j];
            if core(b) {
                alnum |= b != b'_';
                j += 1;
            } else if j + 1 < end && infix(b, bytes[j - 1], bytes[j + 1]) {
                j += 1;
            } else {
                break;
            }
        }
        if alnum {
            out.push(Span::new(i, j));
        }
        i = j;
    }
}

/// Calls `f(offset, cluster)` for each extended grapheme cluster of `text`, in order: the
/// clusters of `text.grapheme_indices(true)`.
///
/// Between two ASCII characters other than CR LF there is always a cluster boundary (GB9,
/// GB9a, GB9b, GB9c, GB11, GB12 and GB13 all need a non-ASCII character on one side of it),
/// and no rule looks across it. So in a run of ASCII every byte is a cluster, CR LF is one,
/// and only the stretches from the last such boundary before a non-ASCII character to the
/// first after it go to the crate: an ASCII letter before a combining mark, for one, is a
/// cluster with it.
pub fn for_each_grapheme<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str)) {
    for_each_grapheme_run(text, |offset, piece, run| {
        if !run {
            f(offset, piece);
            return;
        }
        let bytes = piece.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let len = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
            f(offset + i, piece.get(i..i + len).unwrap_or(""));
            i += len;
        }
    });
}

/// [`for_each_grapheme`] with the runs of ASCII handed over whole: calls `f(offset, piece,
/// true)` for a run of ASCII text, whose clusters are its bytes except that CR LF is one,
/// and `f(offset, cluster, false)` for each other cluster, in order.
pub fn for_each_grapheme_run<'a>(text: &'a str, mut f: impl FnMut(usize, &'a str, bool)) {
    let bytes = text.as_bytes();
    let safe = |p: usize| {
        bytes[p - 1].is_ascii() && bytes[p].is_ascii() && (bytes[p - 1], bytes[p]) != (b'\r', b'\n')
    };
    let mut pos = 0;
    while pos < bytes.len() {
        let q = bytes[pos..]
            .iter()
            .position(|b| !b.is_ascii())
            .map_or(bytes.len(), |i| pos + i);
        let until = if q == bytes.len() {
            q
        } else {
            (pos + 1..q).rev().find(|&p| safe(p)).unwrap_or(pos)
        };
        if until > pos {
            f(pos, text.get(pos..until).unwrap_or(""), true);
        }
        if q == bytes.len() {
            break;
        }
        let to = (q + 1..bytes.len())
            .find(|&p| safe(p))
            .unwrap_or(bytes.len());
        for (offset, cluster) in text.get(until..to).unwrap_or("").grapheme_indices(true) {
            f(until + offset, cluster, false);
        }
        pos = to;
    }
}

/// UAX #29 sentence segments of `text` as `(offset, segment)`, like the crate's
/// `split_sentence_bound_indices`: the port of the crate's state machine
/// ([`port_sentence_segments`]) when every character of the text is ASCII or one of the
/// common others it knows ([`other_sentence_cat`]: accented Latin letters, curly quotes,
/// dashes, no-break spaces), the crate otherwise.
pub fn sentence_bound_indices(text: &str) -> Vec<(usize, &str)> {
    if !text.is_ascii()
        && !text
            .chars()
            .all(|c| c.is_ascii() || other_sentence_cat(c).is_some())
    {
        return text.split_sentence_bound_indices().collect();
    }
    port_sentence_segments(text)
}

/// The sentence-break category of a character outside ASCII that news text often has, as
/// the crate's table gives it (unicode-segmentation 1.13.3, `sentence_cat_table`); `None` for
/// the others, which leave the text to the crate. None of these is OLetter, Sep, Extend or
/// Format, the categories the port does not know.
fn other_sentence_cat(c: char) -> Option<Cat> {
    Some(match c {
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' => Cat::Sp,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' => Cat::Upper,
        '\u{df}'..='\u{f6}' | '\u{f8}'..='\u{ff}' => Cat::Lower,
        '\u{ab}' | '\u{bb}' | '\u{2018}'..='\u{201f}' => Cat::Close,
        '\u{2013}' | '\u{2014}' => Cat::SContinue,
        '\u{a1}'..='\u{a9}'
        | '\u{ac}'
        | '\u{ae}'..='\u{b4}'
        | '\u{b6}'..='\u{b9}'
        | '\u{bc}'..='\u{bf}'
        | '\u{d7}'
        | '\u{f7}'
        | '\u{2010}'..='\u{2012}'
        | '\u{2015}'..='\u{2017}'
        | '\u{2020}'..='\u{2023}'
        | '\u{2025}'..='\u{2027}'
        | '\u{2030}'..='\u{2038}'
        | '\u{20a0}'..='\u{20c0}' => Cat::Any,
        _ => return None,
    })
}

/// The category of the character at the start of `text` (ASCII or [`other_sentence_cat`]'s;
/// `Any` for another).
fn sentence_cat_at(text: &str) -> Cat {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() => SENTENCE_CATS[usize::from(b)],
        _ => text
            .chars()
            .next()
            .and_then(other_sentence_cat)
            .unwrap_or(Cat::Any),
    }
}

/// Sentence-break categories of ASCII characters (the crate's `SentenceCat`, whose table has
/// no other values for ASCII: nothing in ASCII is OLetter, Sep, Extend or Format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cat {
    Any,
    Cr,
    Lf,
    Sp,
    Lower,
    Upper,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
}

/// [`sentence_cat`] of every ASCII byte, looked up once per byte of a block.
static SENTENCE_CATS: [Cat; 128] = {
    let mut table = [Cat::Any; 128];
    let mut b = 0;
    while b < 128 {
        table[b as usize] = sentence_cat(b);
        b += 1;
    }
    table
};

const fn sentence_cat(b: u8) -> Cat {
    match b {
        b'\t' | 0x0b | 0x0c | b' ' => Cat::Sp,
        b'\n' => Cat::Lf,
        b'\r' => Cat::Cr,
        b'!' | b'?' => Cat::STerm,
        b'.' => Cat::ATerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
        b',' | b'-' | b':' | b';' => Cat::SContinue,
        b'0'..=b'9' => Cat::Numeric,
        b'A'..=b'Z' => Cat::Upper,
        b'a'..=b'z' => Cat::Lower,
        _ => Cat::Any,
    }
}

/// One part of the crate's state: the last four categories seen, runs of Close and of Sp
/// counting as one. The parts that a break decision needs somewhere in the state (the
/// start, a line break, a terminator) have the high bit set, so that [`hot`] can test all
/// four at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Part {
    Other = 0x01,
    UpperLower = 0x02,
    ClosePlus = 0x03,
    SpPlus = 0x04,
    Sot = 0x80,
    Cr = 0x81,
    Lf = 0x82,
    ATerm = 0x83,
    STerm = 0x84,
}

/// The state packed into a `u32`, `parts[3]` in the low byte, for the loop over bytes.
/// The parts a break decision needs somewhere in the state have the high bit set (see
/// [`HOT`]).
fn pack(parts: [Part; 4]) -> u32 {
    u32::from_be_bytes(parts.map(|p| p as u8))
}

fn unpack(state: u32) -> [Part; 4] {
    state.to_be_bytes().map(|b| match b {
        0x01 => Part::Other,
        0x02 => Part::UpperLower,
        0x03 => Part::ClosePlus,
        0x04 => Part::SpPlus,
        0x81 => Part::Cr,
        0x82 => Part::Lf,
        0x83 => Part::ATerm,
        0x84 => Part::STerm,
        _ => Part::Sot,
    })
}

/// The high bits of a packed state's parts: set for the start, a line break, a terminator.
/// Every rule that can break needs one of them in the state: SB1, SB4 (and SB3) the start or
/// a line break as the last part, and SB8a's left side, on which every other break depends
/// (see [`port_sentence_segments`]), a terminator. A state without one needs no decision.
const HOT: u32 = 0x8080_8080;

/// The part each ASCII byte's category pushes onto the state, as `Part as u8`.
static BYTE_PARTS: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        table[b as usize] = part_of(sentence_cat(b)) as u8;
        b += 1;
    }
    table
};

/// [`advance`] on a packed state, with the part of the category.
fn advance_packed(state: u32, part: u8) -> u32 {
    let last = state as u8;
    if last == part && (part == Part::ClosePlus as u8 || part == Part::SpPlus as u8) {
        state
    } else {
        (state << 8) | u32::from(part)
    }
}

/// The sentence segments of a text of ASCII and [`other_sentence_cat`]'s characters, as
/// [`sentence_bound_indices`] gives them: the text between consecutive break positions, the
/// first (0) and last (its length) included; none for an empty text. A line-by-line port of
/// `SentenceBreaks::next` in unicode-segmentation 1.13 (src/sentence.rs), rules SB1-SB11 in
/// the crate's order, with its state of four parts and its quirks, so that the segments are
/// the crate's. Only the categories are looked up differently. (SB5, Extend and Format, and
/// the Sep category cannot occur in such a text.)
fn port_sentence_segments(text: &str) -> Vec<(usize, &str)> {
    let bytes = text.as_bytes();
    let mut segments = Vec::new();
    // The last break, where the next segment starts.
    let mut from: Option<usize> = None;
    let mut breaks_at = |at: usize| {
        if let Some(start) = from.replace(at) {
            segments.push((start, text.get(start..at).unwrap_or("")));
        }
    };
    let mut state = pack([Part::Sot; 4]);
    for (before, &b) in bytes.iter().enumerate() {
        // A character outside ASCII is taken at its first byte; the others are inside it.
        let (part, cat) = if b.is_ascii() {
            (BYTE_PARTS[usize::from(b)], None)
        } else if b & 0xC0 == 0x80 {
            continue;
        } else {
            let cat = sentence_cat_at(text.get(before..).unwrap_or(""));
            (part_of(cat) as u8, Some(cat))
        };
        let prev = state;
        state = advance_packed(state, part);
        if prev & HOT == 0 {
            continue;
        }
        let prev = unpack(prev);
        let cat = cat.unwrap_or(SENTENCE_CATS[usize::from(b & 0x7f)]);
        let last = prev[3];
        // Unless the start, a line break or "SATerm Close* Sp*" comes before the position,
        // no rule breaks there, and this is most bytes. SB6, SB7 and SB8 need an ATerm
        // where SB8a's left side looks (SB6 and SB7 right before the position); SB9's left
        // side is SB8a's or ends in Sp, which SB9's does not allow; SB10 is SB8a's; and
        // without a line break before the position, SB11's left side is SB8a's.
        if !matches!(last, Part::Sot | Part::Cr | Part::Lf) && !sb8a(&prev) {
            continue;
        }
        // Whether the rules say "no break" before this byte; the first rule that applies
        // decides, and the ones that can only say "no break" are tried in the crate's order.
        let keep = match last {
            Part::Sot => false,                 // SB1
            Part::Cr if cat == Cat::Lf => true, // SB3
            Part::Cr | Part::Lf => false,       // SB4
            _ => {
                (cat == Cat::Numeric && last == Part::ATerm) // SB6
                    || (cat == Cat::Upper && prev[2] == Part::UpperLower && last == Part::ATerm) // SB7
                    || sb8(&prev, text.get(before..).unwrap_or(""))
                    || (matches!(cat, Cat::SContinue | Cat::STerm | Cat::ATerm) && sb8a(&prev))
                    || (matches!(cat, Cat::Close | Cat::Sp | Cat::Cr | Cat::Lf) && sb9(&prev))
                    || (matches!(cat, Cat::Sp | Cat::Cr | Cat::Lf) && sb8a(&prev)) // SB10
                    || !sb11(&prev) // SB11 breaks, SB998 does not
            }
        };
        if !keep {
            breaks_at(before);
        }
    }
    if !bytes.is_empty() {
        breaks_at(bytes.len()); // SB2
    }
    segments
}

/// The crate's state after a character of category `cat`: the port keeps it packed
/// ([`advance_packed`]); this is the readable form, which a test compares with it.
#[cfg(test)]
fn advance(parts: [Part; 4], cat: Cat) -> [Part; 4] {
    match (parts[3], cat) {
        (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => parts,
        _ => [parts[1], parts[2], parts[3], part_of(cat)],
    }
}

const fn part_of(cat: Cat) -> Part {
    match cat {
        Cat::Cr => Part::Cr,
        Cat::Lf => Part::Lf,
        Cat::ATerm => Part::ATerm,
        Cat::Upper | Cat::Lower => Part::UpperLower,
        Cat::Close => Part::ClosePlus,
        Cat::Sp => Part::SpPlus,
        Cat::STerm => Part::STerm,
        Cat::Any | Cat::Numeric | Cat::SContinue => Part::Other,
    }
}

/// SB8: ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower, where
/// `ahead` starts at the character after the boundary in question.
fn sb8(parts: &[Part; 4], ahead: &str) -> bool {
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    if parts[idx] != Part::ATerm {
        return false;
    }
    for (i, _) in ahead.char_indices() {
        match sentence_cat_at(ahead.get(i..).unwrap_or("")) {
            Cat::Lower => return true,
            Cat::Upper | Cat::Cr | Cat::Lf | Cat::STerm | Cat::ATerm => return false,
            _ => {}
        }
    }
    false
}

/// SB8a's left side: SATerm Close* Sp*.
fn sb8a(parts: &[Part; 4]) -> bool {
    let mut idx = if parts[3] == Part::SpPlus { 2 } else { 3 };
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// SB9's left side: SATerm Close*.
fn sb9(parts: &[Part; 4]) -> bool {
    let idx = if parts[3] == Part::ClosePlus { 2 } else { 3 };
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// SB11's left side: SATerm Close* Sp* ParaSep?.
fn sb11(parts: &[Part; 4]) -> bool {
    let mut idx = if matches!(parts[3], Part::Cr | Part::Lf) {
        2
    } else {
        3
    };
    if parts[idx] == Part::SpPlus {
        idx -= 1;
    }
    if parts[idx] == Part::ClosePlus {
        idx -= 1;
    }
    matches!(parts[idx], Part::STerm | Part::ATerm)
}

/// Compares [`words`], [`for_each_grapheme`] and [`sentence_bound_indices`] with
/// unicode-segmentation on `text`:
/// the first difference, if any. For `examples/segment_check.rs` and the tests.
#[doc(hidden)]
pub fn check(text: &str) -> Result<(), String> {
    let fast = words(text);
    let slow: Vec<Span> = text
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(i, w)| Span::new(i, i + w.len()))
        .collect();
    if fast != slow {
        let at = fast.iter().zip(&slow).position(|(a, b)| a != b);
        let at = at.unwrap_or(fast.len().min(slow.len()));
        return Err(format!(
            "words differ at word {at} ({:?} against the crate's {:?}) in {text:?}",
            fast.get(at),
            slow.get(at)
        ));
    }
    let mut fast = Vec::new();
    for_each_grapheme(text, |i, g| fast.push((i, g)));
    let slow: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
    if fast != slow {
        return Err(format!(
            "grapheme clusters differ: {fast:?} against the crate's {slow:?}"
        ));
    }
    let fast = sentence_bound_indices(text);
    let slow: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
    if fast != slow {
        return Err(format!(
            "sentences differ: {fast:?} against the crate's {slow:?}"
        ));
    }
    Ok(())
}

/// Characters that decide word and sentence boundaries, for generated test text: every
/// ASCII category of both algorithms, and non-ASCII ones next to which the fast paths must
/// hand over to the crate (a combining mark, ZWJ, a curly apostrophe, a middle dot, NBSP,
/// a Hebrew letter, Katakana, a regional indicator, an emoji, «, an ideograph, NEL, a
/// soft hyphen, an accented letter).
#[doc(hidden)]
pub const TEST_ASCII: &[char] = &[
    'a', 'z', 'A', 'Q', '0', '7', '_', '.', '\'', ':', ',', ';', '"', ' ', ' ', ' ', '\t', '\r',
    '\n', '\u{b}', '\u{c}', '!', '?', '(', ')', '[', ']', '{', '}', '-', '#', '/', '@', '%',
    '\u{0}', '\u{7f}',
];
#[doc(hidden)]
pub const TEST_OTHER: &[char] = &[
    'é', 'Ü', '\u{301}', '\u{200d}', '’', '‘', '“', '”', '·', '\u{a0}', 'א', 'ア', '🇫', '🇷', '👍',
    '«', '»', '中', '\u{85}', '\u{ad}', '\u{2028}', '…', '—', '\u{feff}', '٣',
];

/// The next state of a xorshift generator: the test texts' randomness.
fn xorshift(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// A pseudo-random text of `len` characters from [`TEST_ASCII`], with one character in
/// `1 / other_every` from [`TEST_OTHER`] (none when it is 0). `seed` is a xorshift state.
#[doc(hidden)]
pub fn random_text(seed: &mut u64, len: usize, other_every: u64) -> String {
    (0..len)
        .map(|_| {
            let r = xorshift(seed);
            let pool = if other_every > 0 && r.is_multiple_of(other_every) {
                TEST_OTHER
            } else {
                TEST_ASCII
            };
            pool[(r >> 32) as usize % pool.len()]
        })
        .collect()
}

/// A pseudo-random text of `len` characters drawn from `alphabet` (a test's own marks and
/// spaces); `seed` is a xorshift state, as for [`random_text`].
#[doc(hidden)]
pub fn random_text_of(seed: &mut u64, len: usize, alphabet: &[char]) -> String {
    (0..len)
        .filter_map(|_| {
            let r = xorshift(seed);
            alphabet
                .get((r >> 33) as usize % alphabet.len().max(1))
                .copied()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_zero_width_space_inside_a_latin_or_cyrillic_word_does_not_split_it() {
        fn joined(text: &str) -> Vec<&str> {
            let mut w = words(text);
            join_hidden_breaks(text, &[], &mut w);
            w.iter().map(|s| &text[s.start..s.end]).collect()
        }
        assert_eq!(
            joined("in Kie\u{200b}v and Ki\u{ad}ev"),
            ["in", "Kie\u{200b}v", "and", "Ki\u{ad}ev"]
        );
        assert_eq!(joined("Ки\u{200b}\u{ad}ев"), ["Ки\u{200b}\u{ad}ев"]);
        // Near misses: a space beside it, a digit or a script written without spaces, and
        // text without one, stay as UAX #29 has them.
        assert_eq!(joined("Kiev \u{200b}talks"), ["Kiev", "talks"]);
        assert_eq!(joined("Kiev\u{200b}2022"), ["Kiev", "2022"]);
        assert_eq!(joined("ภาษา\u{200b}ไทย"), words_of("ภาษา\u{200b}ไทย"));
        assert_eq!(joined("Kiev talks"), ["Kiev", "talks"]);
    }

    #[test]
    fn markdown_references_to_invisible_characters_join_words_too() {
        let text = "Ki&shy;ev, Rjab&#173;kow and Kiev&shy; talks; Ki&amp;ev.";
        let hidden: Vec<Span> = [("&shy;", 0), ("&#173;", 0), ("&shy;", 20)]
            .iter()
            .filter_map(|&(r, from)| {
                text[from..]
                    .find(r)
                    .map(|at| Span::new(from + at, from + at + r.len()))
            })
            .collect();
        let mut w = words(text);
        join_hidden_breaks(text, &hidden, &mut w);
        let got: Vec<&str> = w.iter().map(|s| &text[s.start..s.end]).collect();
        // `shy` inside a reference is no word; `&amp;` is no reference to an invisible one.
        assert_eq!(
            got,
            [
                "Ki&shy;ev",
                "Rjab&#173;kow",
                "and",
                "Kiev",
                "talks",
                "Ki",
                "amp",
                "ev"
            ]
        );
    }

    fn words_of(text: &str) -> Vec<&str> {
        words(text).iter().map(|s| &text[s.start..s.end]).collect()
    }

    #[test]
    fn words_and_sentences_of_news_text() {
        let text = "Mr. Smith, 45, met U.S. officials at 9:30 a.m. on Jan. 10 (\"it's 3,000.5\").\r\n\
                    Dr. O'Neil said: \"No!\" e.g. the_x__ 2nd ___ ...end? Yes.\n\nZürich’s «mayor» ok.";
        assert_eq!(check(text), Ok(()));
        let doc = crate::document::Document::from_text("A U.S. envoy's 3.5% rise. Done");
        let words: Vec<&str> = doc.words.iter().map(|&w| doc.slice(w)).collect();
        assert_eq!(words, ["A", "U.S", "envoy's", "3.5", "rise", "Done"]);
    }

    #[test]
    fn the_packed_state_moves_like_the_parts() {
        const PARTS: [Part; 9] = [
            Part::Sot,
            Part::Other,
            Part::Cr,
            Part::Lf,
            Part::ATerm,
            Part::UpperLower,
            Part::ClosePlus,
            Part::SpPlus,
            Part::STerm,
        ];
        for i in 0..PARTS.len().pow(4) {
            let parts = [0, 1, 2, 3].map(|k| PARTS[i / PARTS.len().pow(k) % PARTS.len()]);
            assert_eq!(unpack(pack(parts)), parts);
            let hot = parts.iter().any(|p| {
                matches!(
                    p,
                    Part::Sot | Part::Cr | Part::Lf | Part::ATerm | Part::STerm
                )
            });
            assert_eq!(pack(parts) & HOT != 0, hot);
            for b in 0..128u8 {
                let moved = advance_packed(pack(parts), BYTE_PARTS[usize::from(b)]);
                assert_eq!(
                    unpack(moved),
                    advance(parts, sentence_cat(b)),
                    "{parts:?} {b}"
                );
            }
        }
    }

    #[test]
    fn every_short_ascii_text_agrees_with_the_crate() {
        // All texts of up to four characters over one or two characters of each category.
        let alphabet: Vec<char> = TEST_ASCII
            .iter()
            .copied()
            .filter(|&c| c != '\u{7f}')
            .collect();
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let mut longer = Vec::with_capacity(texts.len() * alphabet.len());
            for t in &texts {
                for &c in &alphabet {
                    let mut s = t.clone();
                    s.push(c);
                    assert_eq!(check(&s), Ok(()));
                    longer.push(s);
                }
            }
            texts = longer;
        }
    }

    #[test]
    fn sentences_with_each_known_other_character_agree_with_the_crate() {
        // Every character the port takes outside ASCII, among characters of every ASCII
        // category and one it does not take (the crate's path).
        let others = (0xa0..=0xffu32)
            .chain(0x2000..=0x2040)
            .chain(0x20a0..=0x20c0);
        let mut seed = 0x2545_f491_4f6c_dd1d;
        let mut ported = 0;
        for c in others.filter_map(char::from_u32) {
            if other_sentence_cat(c).is_none() {
                continue;
            }
            ported += 1;
            let alphabet = [
                'a', 'B', '.', '?', ' ', ' ', '\n', '\r', '"', ',', '1', '\t', c, c, c, '\u{85}',
            ];
            for n in 0..400 {
                let text = random_text_of(&mut seed, n % 16, &alphabet);
                let fast = sentence_bound_indices(&text);
                let slow: Vec<(usize, &str)> = text.split_sentence_bound_indices().collect();
                assert_eq!(fast, slow, "{c:?} in {text:?}");
            }
        }
        assert!(ported > 150, "{ported}");
    }

    #[test]
    fn generated_texts_agree_with_the_crate() {
        let mut seed = 0x2545_f491_4f6c_dd1d;
        for i in 0..20_000u64 {
            let len = (i % 97) as usize;
            let text = random_text(&mut seed, len, [0, 3, 12, 40][(i % 4) as usize]);
            assert_eq!(check(&text), Ok(()));
        }
    }
}
