//! UT002 foreign-language-document: the whole document is in another language than English.

use crate::document::{Span, language_name};
use crate::rules::{Check, Context, Diagnostic, Family, RuleMeta, Severity};

pub struct ForeignDocument;

static META: RuleMeta = RuleMeta {
    code: "UT002",
    name: "foreign-language-document",
    family: Family::Untranslated,
    severity: Severity::Warning,
    languages: &["*"],
    summary: "The whole document is in another language than English",
    explanation: "\
## What it does
Reports, once, a document whose language (identified from the bulk of its text) is not
English. The finding spans the document's first line and names the language.

## Why it matters
calq's checks and its machine-translation detector are written for English copy. A document
in Russian or French gets no phrasing findings and no MT verdict (`not-english`), so
without this finding it would look like the cleanest article of a corpus.

## What it lets pass
English articles with foreign passages (UT001 reports those) and documents too short for
their language to be identified.

## Example
A Russian news article in an English corpus → flagged: the document is in Russian.",
    bad_example: "Le président de la République a reçu mardi soir à l'Élysée les représentants \
des syndicats pour discuter de la réforme des retraites, a-t-on appris de source proche du \
dossier.",
    good_example: "The president received the union representatives at the Élysée on Tuesday \
evening to discuss the pension reform, a source close to the matter said.",
};

impl Check for ForeignDocument {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &Context, out: &mut Vec<Diagnostic>) {
        let doc = cx.doc;
        let lang = doc.language;
        if !lang.is_foreign() {
            return;
        }
        // The first non-blank line, trimmed: a span the editor can find, not the whole text.
        let mut offset = 0;
        let mut span = Span::new(0, 0);
        for line in doc.text.split_inclusive('\n') {
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let start = offset + (line.len() - line.trim_start().len());
                span = Span::new(start, start + trimmed.len());
                break;
            }
            offset += line.len();
        }
        out.push(Diagnostic::new(
            span,
            format!(
                "the document is in {}, not English: calq's checks and its machine-translation verdict do not apply",
                language_name(lang.code)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_util::diagnostics;

    #[test]
    fn flags_a_russian_document_once_on_its_first_line() {
        let text = "\n  Министр иностранных дел заявил, что переговоры в Женеве прошли конструктивно.\nОн добавил, что следующая встреча состоится в феврале в Брюсселе.";
        let d = diagnostics(&ForeignDocument, text);
        assert_eq!(d.len(), 1);
        assert!(d[0].message.contains("Russian"), "{}", d[0].message);
        assert!(text[d[0].span.start..d[0].span.end].starts_with("Министр"));
        assert!(text[d[0].span.start..d[0].span.end].ends_with("конструктивно."));
    }

    #[test]
    fn lets_english_and_short_text_pass() {
        let english = "The foreign minister said the talks in Geneva had been constructive, and that the next meeting would take place in Brussels in February.";
        assert!(diagnostics(&ForeignDocument, english).is_empty());
        assert!(diagnostics(&ForeignDocument, "Bonjour à tous.").is_empty());
        assert!(diagnostics(&ForeignDocument, "").is_empty());
    }
}
