//! UT001 untranslated-passage: a sentence, quotation or block in another language inside an
//! English article.

use std::sync::OnceLock;

use whatlang::{Detector, Lang};

use crate::document::{Document, Span};
use crate::rules::spelling::dictionary::{Share, counted_words};
use crate::rules::spelling::{enclosing, quoted_spans};
use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct UntranslatedPassage;

static META: RuleMeta = RuleMeta {
    code: "UT001",
    name: "untranslated-passage",
    family: Family::Untranslated,
    severity: Severity::Warning,
    languages: &["en"],
    summary: "A sentence, quotation or block left in another language",
    explanation: "\
## What it does
Measures each block, sentence and quotation of an English article against the English
dictionary: where at least three of its lower-case words, and at least half of them, are
not English (words of scripts without case, such as Chinese, count as not English), and
whatlang (restricted to the languages news copy meets) names a language
other than English, the passage is flagged with that language. Adjacent flagged sentences
are reported as one passage. The language is recorded as evidence for the
machine-translation detector.

## Why it matters
Machine translation leaves whole sentences untouched when it fails on them (a quotation it
took for a name, a line of page furniture), and a post-editor skimming for names misses
them. A passage in German in an English article is also strong evidence of where the
article came from.

## What it lets pass
Single loanwords (\"a Zeitenwende\", \"the siloviki\"), quoted slogans and titles of up to six
words (\"Slava Ukraini\", «Liberté, égalité, fraternité»), names, however many (capitalised
words are not counted), and English sentences with a few rare words.

## Example
`The minister said: Wir werden die Ukraine nicht im Stich lassen, das ist klar.` →
flagged as German.",
    bad_example: "The talks ended late. Die Gespräche werden in der nächsten Woche in Brüssel \
fortgesetzt, sagte ein Sprecher des Ministeriums. Nobody commented.",
    good_example: "Chancellor Olaf Scholz called it a Zeitenwende, and the crowd chanted \
“Slava Ukraini” as Sergei Ryabkov and Wendy Sherman left.",
};

/// A passage needs at least this many lower-case words the dictionary lacks: one or two are
/// loanwords or rare words, not a foreign sentence.
const MIN_UNKNOWN: usize = 3;
/// Quotations of up to this many words are slogans or titles, kept in the original on purpose.
const SLOGAN_WORDS: usize = 6;

impl Check for UntranslatedPassage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let known = cx.known_words();
        let counted = cx.counted_words();
        for block in &doc.blocks {
            let share = Share::of(doc, counted, block.span);
            if share.unknown() < MIN_UNKNOWN {
                continue;
            }
            let quotes = quoted_spans(doc, block.span);
            // Quotations first, so that a German quotation in an English sentence is reported
            // as the quotation, not as the sentence or block around it.
            let mut found: Vec<Passage> = quotes
                .iter()
                .filter(|q| doc.words_in(**q).len() > SLOGAN_WORDS)
                .filter_map(|&q| Passage::new(doc, known, q, Share::of(doc, counted, q)))
                .collect();
            let rest = outside(share, &found, block.span);
            let whole = Some(block.span)
                .filter(|&b| !slogan(doc, &quotes, b))
                .and_then(|b| Passage::new(doc, known, b, rest));
            if let Some(whole) = whole {
                out.push(Passage { share, ..whole }.report());
                continue;
            }
            let from = doc.sentences.partition_point(|s| s.end <= block.span.start);
            for &sentence in doc.sentences[from..]
                .iter()
                .take_while(|s| s.start < block.span.end)
            {
                let share = Share::of(doc, counted, sentence);
                let rest = outside(share, &found, sentence);
                if slogan(doc, &quotes, sentence) {
                    continue;
                }
                let Some(passage) = Passage::new(doc, known, sentence, rest) else {
                    continue;
                };
                let mut passage = Passage { share, ..passage };
                // A quotation inside this sentence, or running across it into the next, is
                // reported with it, once: not as a second, overlapping passage.
                found.retain(|q| {
                    let overlaps = q.span.start < sentence.end && sentence.start < q.span.end;
                    if overlaps {
                        passage.span.start = passage.span.start.min(q.span.start);
                        passage.span.end = passage.span.end.max(q.span.end);
                    }
                    !overlaps
                });
                match found.last_mut() {
                    Some(last) if last.continues_with(doc, &passage) => {
                        last.span.end = sentence.end;
                        last.share.known += passage.share.known;
                        last.share.counted += passage.share.counted;
                    }
                    _ => found.push(passage),
                }
            }
            found.sort_by_key(|p| p.span.start);
            out.extend(found.iter().map(Passage::report));
        }
    }
}

/// A stretch of text in another language.
struct Passage {
    span: Span,
    lang: Lang,
    share: Share,
}

impl Passage {
    /// The span as a foreign passage, if the dictionary share (of its own words, outside any
    /// quotation already reported) says foreign and whatlang names a language other than
    /// English.
    fn new(doc: &Document, known: &[bool], span: Span, share: Share) -> Option<Passage> {
        if !foreign(share) {
            return None;
        }
        let lang = language(doc, known, span)?;
        Some(Passage { span, lang, share })
    }

    /// The next sentence is in the same language with nothing but space between.
    fn continues_with(&self, doc: &Document, next: &Passage) -> bool {
        self.lang == next.lang
            && self.span.end <= next.span.start
            && doc
                .slice(Span::new(self.span.end, next.span.start))
                .trim()
                .is_empty()
    }

    fn report(&self) -> Diagnostic {
        Diagnostic::new(
            self.span,
            format!(
                "passage in {} left untranslated ({} of {} lower-case words are not English)",
                self.lang.eng_name(),
                self.share.unknown(),
                self.share.counted
            ),
        )
        .with_source_language(Some(iso639_1(self.lang)))
    }
}

fn within(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// The share of `span` without the passages already found inside it.
fn outside(share: Share, found: &[Passage], span: Span) -> Share {
    found
        .iter()
        .filter(|p| within(p.span, span))
        .fold(share, |rest, p| Share {
            known: rest.known.saturating_sub(p.share.known),
            counted: rest.counted.saturating_sub(p.share.counted),
        })
}

fn foreign(share: Share) -> bool {
    share.looks_foreign() && share.unknown() >= MIN_UNKNOWN
}

/// A sentence that is all one short quotation: «Slava Ukraini!»
fn slogan(doc: &Document, quotes: &[Span], sentence: Span) -> bool {
    let words = doc.words_in(sentence);
    match (words.first(), words.last()) {
        (Some(first), Some(last)) => enclosing(quotes, Span::new(first.start, last.end))
            .is_some_and(|q| doc.words_in(q).len() <= SLOGAN_WORDS),
        _ => false,
    }
}

/// The languages whatlang may answer with. On a sentence, whatlang's guess among all its 69
/// languages is often a neighbour (Danish for Norwegian, Afrikaans for Dutch); the languages
/// European news copy is translated from or quotes are enough, and choosing among fewer is
/// more accurate on short text.
const CANDIDATES: &[Lang] = &[
    Lang::Eng,
    Lang::Deu,
    Lang::Fra,
    Lang::Rus,
    Lang::Ukr,
    Lang::Spa,
    Lang::Ita,
    Lang::Por,
    Lang::Nld,
    Lang::Pol,
    Lang::Ces,
    Lang::Swe,
    Lang::Tur,
    Lang::Ara,
    Lang::Cmn,
    Lang::Jpn,
];

/// The passage's language when whatlang says it is not English. whatlang first picks the
/// script with the most letters, so a line of Japanese with a Latin-script credit
/// ("す す す SPORT.es Yahoo") would come out as Spanish; when the words the dictionary
/// lacks are in another script than the passage's majority, they name the language.
fn language(doc: &Document, known: &[bool], span: Span) -> Option<Lang> {
    static DETECTOR: OnceLock<Detector> = OnceLock::new();
    let detector = DETECTOR.get_or_init(|| Detector::with_allowlist(CANDIDATES.to_vec()));
    let whole = detector.detect(doc.slice(span))?;
    if whole.lang() == Lang::Eng {
        return None;
    }
    let unknown: Vec<&str> = counted_words(doc, known, span)
        .filter(|(_, is_known)| !is_known)
        .map(|(w, _)| w)
        .collect();
    let unknown = unknown.join(" ");
    match detector.detect(&unknown) {
        Some(own) if own.script() != whole.script() && own.lang() != Lang::Eng => Some(own.lang()),
        _ => Some(whole.lang()),
    }
}

/// ISO 639-1 code for the candidates (the code `Diagnostic::source_language` carries).
fn iso639_1(lang: Lang) -> &'static str {
    match lang {
        Lang::Deu => "de",
        Lang::Fra => "fr",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Spa => "es",
        Lang::Ita => "it",
        Lang::Por => "pt",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Ces => "cs",
        Lang::Swe => "sv",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        _ => "en",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::{diagnostics, flagged};

    #[test]
    fn flags_foreign_sentences_with_their_language() {
        let text = "The delegation arrived on Monday. Nous ne sommes pas prêts à accepter \
                    cette proposition sans garanties écrites. The talks went on.";
        let d = diagnostics(&UntranslatedPassage, text);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].source_language, Some("fr"));
        assert!(text[d[0].span.start..d[0].span.end].starts_with("Nous ne sommes"));
        let ru = "Officials were cautious. Переговоры продолжатся на следующей неделе в Женеве.";
        assert_eq!(
            diagnostics(&UntranslatedPassage, ru)[0].source_language,
            Some("ru")
        );
    }

    #[test]
    fn merges_adjacent_sentences_and_flags_long_quotes() {
        let text = "Er sagte, dass die Lage sehr ernst sei. Man müsse jetzt schnell handeln.";
        assert_eq!(flagged(&UntranslatedPassage, text), [text]);
        let quoted = "The spokesman told reporters “wir werden uns davon nicht \
                      einschüchtern lassen, auf keinen Fall” before leaving the room.";
        let found = flagged(&UntranslatedPassage, quoted);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("wir werden"), "{found:?}");
    }

    #[test]
    fn a_quotation_across_two_sentences_is_one_passage() {
        let text = "The ministry issued a statement on Thursday.\n\n\
                    \"Мы считаем эти меры незаконными и контрпродуктивными. Россия оставляет \
                    за собой право на ответные шаги, которые будут соразмерны,\" the statement \
                    read.\n\nOfficials said the measures would stay.";
        let d = diagnostics(&UntranslatedPassage, text);
        assert_eq!(d.len(), 1, "{d:?}");
        let passage = &text[d[0].span.start..d[0].span.end];
        assert!(
            passage.contains("Мы считаем") && passage.contains("соразмерны"),
            "{passage}"
        );
    }

    #[test]
    fn odd_text_does_not_panic() {
        for text in [
            "„unclosed «nested “quotes» everywhere",
            "\u{a0}\u{a0}die\u{2009}und\u{3000}der das ist nicht gut",
            "日本語の文章です。これは翻訳されていません。",
            "",
        ] {
            let _ = diagnostics(&UntranslatedPassage, text);
        }
    }

    #[test]
    fn lets_loanwords_slogans_and_names_pass() {
        for text in [
            "The chancellor spoke of a Zeitenwende and the siloviki around the president.",
            "Crowds chanted «on ne lâche rien» outside the embassy on Saturday evening.",
            "“Slava Ukraini!” the soldiers shouted as the convoy left for the front line.",
            "Sergei Ryabkov, Wendy Sherman, Jens Stoltenberg and Dmytro Kuleba met.",
            "The obscure hendiadys and the zeugma in the communiqué puzzled the linguists.",
        ] {
            assert!(flagged(&UntranslatedPassage, text).is_empty(), "{text}");
        }
    }
}
