//! Blocks (paragraphs or lines) and their classification as body text or page furniture,
//! after jusText (Pomikálek 2011): length, stopword density and link-likeness classify each
//! block, then short and borderline blocks take the class of their neighbours. A block with
//! few stopwords that reads as a sentence (`prose`) is left to its neighbours too: news copy
//! full of names and figures is not furniture for lack of function words.

use serde::Serialize;

use super::{Span, prose, stopwords};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BlockKind {
    Body,
    Furniture,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub span: Span,
    pub kind: BlockKind,
}

/// Splits text into blocks. A blank line always ends a block. A single line break ends one too,
/// unless the text looks hard-wrapped there: the line does not end a sentence and is long, or
/// the next line starts in lower case.
pub fn split(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Span> = None;
    let mut prev_line = "";
    for (start, line) in lines(text) {
        let content = line.trim();
        if content.is_empty() {
            blocks.extend(current.take());
            prev_line = "";
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let span = Span::new(start + lead, start + lead + content.len());
        current = match current {
            Some(open) if continues(prev_line, content) => Some(Span::new(open.start, span.end)),
            Some(open) => {
                blocks.push(open);
                Some(span)
            }
            None => Some(span),
        };
        prev_line = content;
    }
    blocks.extend(current);
    blocks
        .into_iter()
        .map(|span| Block {
            span,
            kind: BlockKind::Body,
        })
        .collect()
}

/// Lines with their start offsets, split at `\n`, `\r\n` or a lone `\r`.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = 0;
    std::iter::from_fn(move || {
        if rest > text.len() || (rest == text.len() && rest > 0) {
            return None;
        }
        let tail = text.get(rest..)?;
        let (len, skip) = match memchr::memchr2(b'\n', b'\r', tail.as_bytes()) {
            Some(i) if tail[i..].starts_with("\r\n") => (i, 2),
            Some(i) => (i, 1),
            None => (tail.len(), 1),
        };
        let item = (rest, &tail[..len]);
        rest += len + skip;
        Some(item)
    })
}

fn continues(prev: &str, next: &str) -> bool {
    let ends_sentence = prev.ends_with(['.', '!', '?', ':', '"', '”', '’', ')', '»']);
    let next_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    !ends_sentence && (next_lower || prev.chars().count() >= 60)
}

/// jusText's context-free classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Good,
    NearGood,
    Short,
    /// Not one of jusText's: a block with too few stopwords for near-good that reads as a
    /// sentence (`prose`). Its neighbours decide its class, as a short block's do, and it
    /// counts as near-good when they are looked for.
    Prose,
    Bad,
}

// jusText's default thresholds (characters, stopword share).
const LENGTH_LOW: usize = 70;
const LENGTH_HIGH: usize = 200;
const STOPWORDS_LOW: f64 = 0.30;
const STOPWORDS_HIGH: f64 = 0.32;

/// English page-furniture cues, matched at the start of a block (lower case) and ending
/// there at a word's end ("Advertisement", not "Advertisements for fast food …"). They are
/// part of the classifier, not a rule: the `chrome` rules keep their own phrase lists as data.
const FURNITURE_PREFIXES: &[&str] = &[
    "advertisement",
    "all rights reserved",
    "click here",
    "copyright",
    "enlarge image",
    "follow us",
    "image:",
    "log in",
    "more on the subject",
    "more on this",
    "newsletter",
    "photo:",
    "read also",
    "read more",
    "see also",
    "sign up",
    "subscribe",
    "source:",
];

/// Cues that are furniture only as labels: prose opens with the same words ("Share prices
/// fell …", "Related organisations will …", "Comments in his final years …"), so a block
/// starting with one is furniture unless it reads as a sentence (`prose`) of a paragraph's
/// length ([`LENGTH_LOW`]): "Comments are reserved to subscribers." is a sentence too.
const FURNITURE_LABELS: &[&str] = &["comments", "related", "share"];

/// More characters than the longest of [`FURNITURE_PREFIXES`] and [`FURNITURE_LABELS`] has
/// bytes, and one for the character after it.
const PREFIX_CHARS: usize = 24;

/// Whether `start` (lower case) starts with `cue` ending at a word's end: the cue ends with
/// punctuation, or no letter or digit follows it.
fn starts_with_cue(start: &str, cue: &str) -> bool {
    start.strip_prefix(cue).is_some_and(|rest| {
        !cue.ends_with(|c: char| c.is_alphanumeric())
            || !rest.starts_with(|c: char| c.is_alphanumeric())
    })
}

/// Whether a block is page furniture by its first words (or a copyright sign).
fn furniture_cue(text: &str) -> bool {
    // Only the start is compared with the (ASCII) cues: lower-casing a char never depends on
    // what follows except for a final sigma, which is not ASCII either way. An ASCII block's
    // start is lower-cased on the stack: most blocks are ASCII, and this runs for each.
    let mut buf = [0u8; PREFIX_CHARS];
    let owned: String;
    let head = if text.is_ascii() {
        let end = text.len().min(PREFIX_CHARS);
        buf[..end].copy_from_slice(&text.as_bytes()[..end]);
        buf[..end].make_ascii_lowercase();
        std::str::from_utf8(&buf[..end]).unwrap_or("")
    } else {
        if text.contains('©') {
            return true;
        }
        owned = text
            .chars()
            .take(PREFIX_CHARS)
            .flat_map(char::to_lowercase)
            .collect();
        &owned
    };
    FURNITURE_PREFIXES.iter().any(|p| starts_with_cue(head, p))
        || (FURNITURE_LABELS.iter().any(|p| starts_with_cue(head, p))
            && !(text.chars().nth(LENGTH_LOW - 1).is_some() && prose::reads_as_sentence(text)))
}

fn classify_one(text: &str) -> Class {
    // Most blocks are ASCII. There the characters are the bytes and a word is a run of bytes
    // that are ASCII alphanumeric or `'`: the same answers as the general path below,
    // without decoding.
    let ascii = text.is_ascii();
    let furniture = furniture_cue(text);
    if furniture || looks_like_link(text) {
        return Class::Bad;
    }
    let chars = if ascii {
        text.len()
    } else {
        text.chars().count()
    };
    if chars < LENGTH_LOW {
        return Class::Short;
    }
    let (mut words, mut stop) = (0usize, 0usize);
    let mut count = |w: &[u8]| {
        if !w.is_empty() {
            words += 1;
            stop += usize::from(stopwords::is_english_bytes(w));
        }
    };
    if ascii {
        text.as_bytes()
            .split(|&b| !b.is_ascii_alphanumeric() && b != b'\'')
            .for_each(count);
    } else {
        text.split(|c: char| !c.is_alphanumeric() && c != '\'')
            .for_each(|w| count(w.as_bytes()));
    }
    let density = if words == 0 {
        0.0
    } else {
        stop as f64 / words as f64
    };
    if density >= STOPWORDS_HIGH {
        if chars >= LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if density >= STOPWORDS_LOW {
        Class::NearGood
    } else if prose::reads_as_sentence(text) {
        // jusText calls every block under the stopword threshold bad, which drops the
        // paragraphs of a news item that are lists of names, titles and figures
        // ("Shares of Acme rose 4.2% to $31.50 on Tuesday."). Such a block is a sentence,
        // which menus, captions, tags and credits are not: it says too little either way,
        // like a short block, and takes the class of its neighbours.
        Class::Prose
    } else {
        Class::Bad
    }
}

/// A URL, an e-mail address or a social handle standing alone on its line.
fn looks_like_link(text: &str) -> bool {
    !text.contains(' ')
        && (text.starts_with("http")
            || text.starts_with("www.")
            || text.starts_with('@')
            || text.contains(".com"))
}

/// Assigns [`BlockKind`]s: context-free classes first, then short and near-good blocks are
/// resolved by their nearest good or bad neighbours as jusText does.
pub fn classify(text: &str, blocks: &mut [Block]) {
    let classes: Vec<Class> = blocks
        .iter()
        .map(|b| classify_one(text.get(b.span.start..b.span.end).unwrap_or("")))
        .collect();
    let neighbour = |i: usize, step: isize, near_good_counts: bool| -> Class {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < classes.len() {
            match classes[j as usize] {
                Class::Good => return Class::Good,
                Class::Bad => return Class::Bad,
                Class::NearGood | Class::Prose if near_good_counts => return Class::Good,
                _ => {}
            }
            j += step;
        }
        Class::Bad
    };
    // Short blocks: good between good, bad between bad, otherwise near-good (decided below).
    // A block of prose is resolved the same way; it counts as near-good for the others, so
    // a news item whose every paragraph is a sentence of names and figures is all body.
    let mut resolved = classes.clone();
    for (i, class) in classes.iter().enumerate() {
        if matches!(class, Class::Short | Class::Prose) {
            resolved[i] = match (neighbour(i, -1, false), neighbour(i, 1, false)) {
                (Class::Good, Class::Good) => Class::Good,
                (Class::Bad, Class::Bad) => match (neighbour(i, -1, true), neighbour(i, 1, true)) {
                    (Class::Good, _) | (_, Class::Good) => Class::NearGood,
                    _ => Class::Bad,
                },
                _ => Class::NearGood,
            };
        }
    }
    // jusText counts the document's edges as bad; with no good block at all (a short article
    // of short paragraphs) that would make every block furniture, so near-good stands alone.
    let any_good = resolved.contains(&Class::Good);
    for (i, block) in blocks.iter_mut().enumerate() {
        let good = match resolved[i] {
            Class::NearGood if !any_good => true,
            Class::Good => true,
            Class::Bad | Class::Short | Class::Prose => false,
            Class::NearGood => {
                let before = resolved[..i]
                    .iter()
                    .rev()
                    .find(|c| matches!(c, Class::Good | Class::Bad));
                let after = resolved[i + 1..]
                    .iter()
                    .find(|c| matches!(c, Class::Good | Class::Bad));
                !(before == Some(&Class::Bad) && after == Some(&Class::Bad))
                    && (before.is_some() || after.is_some() || classes[i] != Class::Short)
            }
        };
        block.kind = if good {
            BlockKind::Body
        } else {
            BlockKind::Furniture
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_chars_covers_every_furniture_prefix() {
        assert!(
            FURNITURE_PREFIXES
                .iter()
                .chain(FURNITURE_LABELS)
                .all(|p| p.is_ascii() && p.len() < PREFIX_CHARS)
        );
    }

    fn kinds(text: &str) -> Vec<(String, BlockKind)> {
        let mut blocks = split(text);
        classify(text, &mut blocks);
        blocks
            .iter()
            .map(|b| (text[b.span.start..b.span.end].to_owned(), b.kind))
            .collect()
    }

    #[test]
    fn blank_lines_and_sentence_ends_split_blocks() {
        let text = "Headline here\n\nFirst paragraph ends here.\nSecond paragraph.\r\n\r\nThird";
        let spans: Vec<String> = kinds(text).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            spans,
            [
                "Headline here",
                "First paragraph ends here.",
                "Second paragraph.",
                "Third"
            ]
        );
    }

    #[test]
    fn hard_wrapped_lines_stay_one_block() {
        let text = "The talks in Geneva lasted nearly eight hours and ended without\na breakthrough, officials said.";
        assert_eq!(kinds(text).len(), 1);
    }

    #[test]
    fn furniture_is_told_from_body() {
        let body = "The meeting of the two delegations ended on Monday in Geneva after almost eight hours, and as expected there was no breakthrough in the negotiations on the future of European security, which both sides said they would take up again.";
        let text = format!(
            "Share this article\n\n{body}\n\nA short line between.\n\n{body}\n\nRead also: Moscow and the talks\n\nCopyright © 2022 Example News\n\nhttps://example.com/story"
        );
        let got = kinds(&text);
        let furniture: Vec<&str> = got
            .iter()
            .filter(|(_, k)| *k == BlockKind::Furniture)
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(
            furniture,
            [
                "Share this article",
                "Read also: Moscow and the talks",
                "Copyright © 2022 Example News",
                "https://example.com/story"
            ]
        );
    }

    /// The blocks of `text` classified as furniture.
    fn furniture_of(text: &str) -> Vec<String> {
        kinds(text)
            .into_iter()
            .filter(|(_, k)| *k == BlockKind::Furniture)
            .map(|(t, _)| t)
            .collect()
    }

    #[test]
    fn news_paragraphs_of_names_and_figures_are_body() {
        // Newcomer's trial: a wire item whose short paragraphs are lists of names, titles and
        // figures came out too short, those paragraphs dropped as furniture for want of
        // stopwords. Test text written for calq.
        let lead = "The three parties that won last month's election in Vallora agreed on Sunday to form a government, and it is expected that the new cabinet will be sworn in by the end of the week, officials said.";
        let names = [
            "Prime Minister-designate Elena Marsh named Tobias Grant as finance minister, Amara Okafor as foreign minister and Luis Ferreira as defence minister.",
            "Grant, 52, a former central bank deputy governor, replaces Ingrid Holm, who held the post since 2019.",
            "The Social Union won 41 of 150 seats, the Green Alliance 23 and the Liberal Centre 14, giving the coalition 78 seats.",
            "Bond yields fell 12 basis points to 3.41% on Monday, Reuters data showed.",
            "Shares of Vallora Bank rose 4.2% to 31.50 crowns on Tuesday, exchange data showed.",
        ];
        let close = "It was not clear when the new government would present its first budget to parliament, but officials said that they hoped it could be done before the summer.";
        let text = format!(
            "Share on Facebook\n\nPhoto: AFP\n\n{lead}\n\n{}\n\n{close}\n\nRead also: Vallora's last coalition fell in 2019\n\nCopyright © 2024 Example News",
            names.join("\n\n")
        );
        assert_eq!(
            furniture_of(&text),
            [
                "Share on Facebook",
                "Photo: AFP",
                "Read also: Vallora's last coalition fell in 2019",
                "Copyright © 2024 Example News"
            ]
        );
    }

    #[test]
    fn an_item_all_of_names_and_figures_is_body() {
        // No paragraph has the stopwords of near-good: the sentences vouch for each other.
        let text = "Brightline Foods cuts forecast\n\nNEW YORK, March 12 - Brightline Foods Inc lowered its full-year profit forecast on Tuesday, blaming packaging and freight costs.\n\nShares of Brightline fell 6.3% to $42.17 in early trading on the New York Stock Exchange.\n\nChief Executive Dana Whitcombe said North American freight rates rose 18% in the quarter.\n\nRival Kessler Snacks Corp reported net income of $312 million, or $1.44 per share, last week.";
        assert_eq!(furniture_of(text), Vec::<String>::new());
    }

    #[test]
    fn a_sentence_of_names_among_furniture_stays_furniture() {
        // The sentence shape only leaves a block to its neighbours: in a page footer it is
        // still furniture.
        let text = "Tags: Vallora, elections, Social Union, Green Alliance, Liberal Centre\n\nEditor Dana Whitcombe, Deputy Editor Marcus Oyelaran and Publisher Priya Ramaswamy signed it.\n\nCopyright 2024 Example News. All rights reserved.";
        assert_eq!(furniture_of(text).len(), 3);
    }

    #[test]
    fn furniture_cues_end_at_a_word_end_and_labels_are_not_sentences() {
        let body = "The meeting of the two delegations ended on Monday in Geneva after almost eight hours, and as expected there was no breakthrough in the negotiations on the future of European security, which both sides said they would take up again.";
        let furniture = [
            "Share",
            "Share this article",
            "Related: Vallora names its new cabinet",
            "Comments (12)",
            "Comments are reserved to the subscribers of this newspaper.",
            "Advertisement",
        ];
        let prose = [
            "Shares of Vallora Bank rose 4.2% to 31.50 crowns on Tuesday, exchange data showed.",
            "Share prices in Vallora fell 3% on Tuesday after the bank raised its rates again.",
            "Related organisations will be asked to help the council pay for the new sea wall.",
            "Comments by the minister on Tuesday angered the opposition, which called a vote.",
            "Advertisements for fast food will be banned before 9 pm from next year, officials said.",
        ];
        for block in furniture.iter().chain(&prose) {
            let text = format!("{body}\n\n{block}\n\n{body}");
            let expected: &[&str] = if furniture.contains(block) {
                &[block]
            } else {
                &[]
            };
            assert_eq!(furniture_of(&text), expected, "{block}");
        }
    }

    #[test]
    fn an_article_of_short_paragraphs_is_still_body() {
        let text = "The talks in Geneva ended on Monday after almost eight hours of discussion.\n\nBoth of the delegations said that they would meet again within the next few days.";
        assert!(kinds(text).iter().all(|(_, k)| *k == BlockKind::Body));
    }

    #[test]
    fn empty_text_has_no_blocks() {
        assert!(split("").is_empty());
        assert!(split("\n\n  \n").is_empty());
    }
}
