//! Turning a score's contributions into sentences an editor can check ("3 passages of
//! translated French page furniture", "capitalised quoted fragments: 8 (English originals:
//! 0.0)"). Renderers print these as they are; nothing here scores.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::features::{FUNCTION_WORDS, Features};
use super::model::{Contribution, Kind, Model, Reference};
use super::{Evidence, Verdict};
use crate::finding::Finding;
use crate::glossary::scheme::Schemes;
use crate::rules::{self, Family};

/// At most this many reasons per document.
const MAX_REASONS: usize = 6;
/// Contributions smaller than this (in logit units) are not worth an editor's time.
const MIN_WEIGHT: f64 = 0.15;

use crate::document::a_or_an;
pub use crate::document::language_name;

fn family_of(artifact: &str) -> Option<Family> {
    let rest = artifact
        .strip_prefix("fam:")
        .or_else(|| artifact.strip_prefix("famlang:"))
        .map(|r| r.split(':').next().unwrap_or(r));
    if let Some(name) = rest {
        return Family::ALL.iter().copied().find(|f| f.name() == name);
    }
    let code = artifact.strip_prefix("code:")?;
    Family::ALL
        .iter()
        .copied()
        .find(|f| code.starts_with(f.prefix()))
}

/// "1 passage" / "3 passages". Evidence text is written into one buffer per sentence: a
/// judged document gets several sentences, and an allocation per phrase showed in profiles.
fn count_noun(out: &mut String, n: usize, singular: &str, plural: &str) {
    let _ = write!(out, "{n} {}", if n == 1 { singular } else { plural });
}

/// "3 passages of translated French page furniture", written to `out`.
fn family_sentence(out: &mut String, family: Family, n: usize, lang: Option<&str>) {
    let adj = |out: &mut String| {
        if let Some(l) = lang {
            out.push_str(language_name(l));
            out.push(' ');
        }
    };
    match family {
        Family::Chrome => {
            count_noun(out, n, "passage", "passages");
            out.push_str(" of translated ");
            adj(out);
            out.push_str("page furniture");
        }
        Family::Quotes => count_noun(out, n, "quote-mark problem", "quote-mark problems"),
        Family::Grammar => count_noun(out, n, "garbled construction", "garbled constructions"),
        Family::Names if lang.is_some() => {
            count_noun(out, n, "name spelled", "names spelled");
            out.push_str(" in ");
            out.push_str(lang.map_or("a", |l| a_or_an(language_name(l))));
            out.push(' ');
            adj(out);
            out.push_str("romanisation");
        }
        Family::Names => count_noun(
            out,
            n,
            "non-house name spelling",
            "non-house name spellings",
        ),
        Family::Locale => {
            count_noun(out, n, "figure", "figures");
            out.push_str(" in ");
            adj(out);
            out.push_str("number or date format");
        }
        Family::Untranslated => {
            count_noun(out, n, "passage", "passages");
            out.push_str(" left in ");
            out.push_str(lang.map_or("another language", language_name));
        }
        Family::Typography => {
            adj(out);
            count_noun(out, n, "typographic remnant", "typographic remnants");
        }
        Family::Spelling => count_noun(out, n, "misspelled word", "misspelled words"),
        Family::Mt => count_noun(
            out,
            n,
            "machine-translation finding",
            "machine-translation findings",
        ),
    }
}

/// The training classes' means of a feature, written to `out`.
fn reference_text(out: &mut String, r: Option<&Reference>, digits: usize) {
    match r {
        Some(r) => {
            let _ = write!(
                out,
                "English originals: {:.d$}, human translations: {:.d$}, machine translations: {:.d$}",
                r.original,
                r.human,
                r.machine,
                d = digits
            );
        }
        None => out.push_str("no reference in the training data"),
    }
}

/// Why a family's findings moved the score: counts by code and language, per 1,000 words,
/// against the training classes.
fn artifact_reason(
    model: &Model,
    family: Family,
    features: &Features,
    weight: f64,
) -> Option<Evidence> {
    let fam_key = format!("fam:{}", family.name());
    let n = *features.artifact_counts.get(&fam_key)?;
    // The family's findings by language, in language order (the counts' key order).
    let langs: Vec<(&str, usize)> = features
        .artifact_counts
        .iter()
        .filter_map(|(k, &c)| {
            let rest = k.strip_prefix("famlang:")?;
            let (fam, lang) = rest.split_once(':')?;
            (fam == family.name()).then_some((lang, c))
        })
        .collect();
    let lang = langs
        .iter()
        .max_by_key(|&&(l, c)| (c, std::cmp::Reverse(l)))
        .map(|&(l, _)| l);
    // (count, code, the code's artifact key).
    let mut codes: Vec<(usize, &str, &str)> = features
        .artifact_counts
        .iter()
        .filter_map(|(k, &c)| {
            let code = k.strip_prefix("code:")?;
            code.starts_with(family.prefix())
                .then_some((c, code, k.as_str()))
        })
        .collect();
    codes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    let per_k = 1000.0 * n as f64 / features.words.max(100) as f64;
    // A sentence that names a language counts only that language's findings.
    let named = lang
        .and_then(|l| langs.iter().find(|e| e.0 == l))
        .map_or(n, |e| e.1);
    let mut detail = String::with_capacity(256);
    family_sentence(&mut detail, family, named, lang);
    if named < n {
        let _ = write!(detail, " (of {n} in this family)");
    }
    if codes.is_empty() {
        let _ = write!(detail, ", {per_k:.1} per 1,000 words (");
        reference_text(&mut detail, model.reference(&fam_key), 1);
        detail.push(')');
    } else {
        detail.push_str(": ");
        for (i, &(c, code, key)) in codes.iter().take(3).enumerate() {
            if i > 0 {
                detail.push_str("; ");
            }
            let what = rules::find(code).map_or(code, |r| r.meta().name);
            let per_k_code = 1000.0 * c as f64 / features.words.max(100) as f64;
            let _ = write!(
                detail,
                "{what} ({code}): {c}, {per_k_code:.1} per 1,000 words ("
            );
            reference_text(&mut detail, model.reference(key), 1);
            detail.push(')');
        }
    }
    Some(Evidence {
        signal: match lang {
            Some(l) => format!("{}:{l}", family.name()),
            None => family.name().to_owned(),
        },
        detail,
        weight: round2(weight),
    })
}

/// "typical of machine translation from French" / "typical of human writing", after `head`.
fn direction(head: &str, weight: f64, source: Option<&str>) -> String {
    let mut out = String::with_capacity(head.len() + 48);
    out.push_str(head);
    out.push(' ');
    if weight > 0.0 {
        out.push_str("typical of machine translation");
        if let Some(l) = source {
            out.push_str(" from ");
            out.push_str(language_name(l));
        }
    } else {
        out.push_str("typical of human writing");
    }
    out
}

/// Readable label and unit of a base style feature.
fn style_label(name: &str) -> Option<(&'static str, &'static str, usize)> {
    Some(match name {
        "length_log_words" => return None,
        "sentence_length_mean" => ("mean sentence length", " words", 1),
        "sentence_length_sd" => ("sentence length spread", " words", 1),
        "sentence_length_cv" => ("sentence length variation", "", 2),
        "sentence_length_max_log" => return None,
        "short_sentence_rate" => ("share of short sentences", "", 2),
        "word_length_mean" => ("mean word length", " letters", 2),
        "long_word_rate" => ("share of long words", "", 3),
        "type_token_mattr" => ("lexical variety (moving type-token ratio)", "", 3),
        "hapax_ratio" => ("share of words used once", "", 3),
        "function_word_rate" => ("function-word rate", "", 3),
        "cohesive_marker_rate" => ("cohesive-marker rate (however, moreover…)", "", 4),
        "pronoun_rate" => ("pronoun rate", "", 3),
        "first_person_rate" => ("first-person pronoun rate", "", 4),
        "contraction_rate" => ("contraction rate (don't, it's…)", "", 4),
        "capitalised_rate" => ("capitalised words mid-sentence", "", 3),
        "upper_case_rate" => ("all-capital words", "", 4),
        "number_rate" => ("numbers", "", 3),
        "lower_case_sentence_start_rate" => ("sentences starting in lower case", "", 3),
        "unterminated_sentence_rate" => ("sentences without final punctuation", "", 3),
        "non_latin_letter_rate" => ("letters in a non-Latin script", "", 4),
        "repeated_trigram_rate" => ("repeated three-word sequences", "", 3),
        "punctuation_rate" => ("punctuation rate", "", 3),
        _ => return None,
    })
}

/// A style feature's reason, to be written if it is kept: the feature, and its label, unit
/// and digits ([`style_label`]).
#[derive(Debug, Clone, Copy)]
struct StyleLabel<'a> {
    name: &'a str,
    label: &'static str,
    unit: &'static str,
    digits: usize,
}

/// Builds the reasons behind a score, strongest first.
pub fn reasons<'a>(
    model: &Model,
    features: &Features,
    contributions: impl Iterator<Item = Contribution<'a>>,
    style_source: Option<&str>,
) -> Vec<Evidence> {
    let mut families: BTreeMap<Family, f64> = BTreeMap::new();
    let (mut fw, mut punct, mut skeleton, mut words) = (0.0, 0.0, 0.0, 0.0);
    // Sized for every function word: growing it push by push showed in profiles.
    let mut fw_parts: Vec<(&str, f64, f64)> = Vec::with_capacity(FUNCTION_WORDS.len());
    // Sized up front (23 base features; a reason or two each): growing showed in profiles.
    let mut base: Vec<(&str, f64)> = Vec::with_capacity(32);
    for c in contributions {
        match c.kind {
            Kind::FunctionWord => {
                fw += c.weight;
                let word = c.feature.strip_prefix("fw:").unwrap_or(c.feature);
                fw_parts.push((word, c.weight, c.value));
            }
            Kind::Punctuation => punct += c.weight,
            Kind::Skeleton => skeleton += c.weight,
            Kind::Words => words += c.weight,
            Kind::Artifact => {
                if let Some(f) = family_of(c.feature) {
                    *families.entry(f).or_default() += c.weight;
                }
            }
            // Only some base style features have a label.
            Kind::Base => base.push((c.feature, c.weight)),
        }
    }
    let mut out: Vec<Evidence> = Vec::with_capacity(16);
    // Reasons below MIN_WEIGHT are dropped at the end; they are not even written.
    let shown = |w: f64| round2(w).abs() >= MIN_WEIGHT;
    for (family, w) in families.into_iter().filter(|&(_, w)| shown(w)) {
        out.extend(artifact_reason(model, family, features, w));
    }
    if shown(fw) {
        let mut detail = direction("function-word profile", fw, style_source);
        let words = top_by(&fw_parts, 3, |p| p.1 * fw.signum())
            .into_iter()
            .filter(|p| p.1 * fw > 0.0);
        let mut any = false;
        for (word, _, z) in words {
            detail.push_str(if any { ", " } else { " (" });
            any = true;
            let _ = write!(
                detail,
                "{} `{word}`",
                if *z > 0.0 { "more" } else { "fewer" }
            );
        }
        if any {
            detail.push(')');
        }
        out.push(Evidence {
            signal: "function-words".into(),
            detail,
            weight: round2(fw),
        });
    }
    if shown(skeleton) {
        out.push(Evidence {
            signal: "sentence-skeletons".into(),
            detail: direction(
                "sentence patterns of function words and word shapes",
                skeleton,
                style_source,
            ),
            weight: round2(skeleton),
        });
    }
    if shown(words) {
        out.push(Evidence {
            signal: "word-choice".into(),
            detail: direction("word sequences", words, None),
            weight: round2(words),
        });
    }
    if shown(punct) {
        out.push(Evidence {
            signal: "punctuation".into(),
            detail: direction("punctuation profile", punct, None),
            weight: round2(punct),
        });
    }
    // A style feature's reason is written only if it is among those kept: most are not,
    // and writing each (three reference figures apiece) showed in profiles.
    let mut labels: Vec<Option<StyleLabel>> = vec![None; out.len()];
    for (name, w) in base {
        let Some((label, unit, digits)) = style_label(name) else {
            continue;
        };
        if !shown(w) {
            continue;
        }
        out.push(Evidence {
            signal: name.replace('_', "-"),
            detail: String::new(),
            weight: round2(w),
        });
        labels.push(Some(StyleLabel {
            name,
            label,
            unit,
            digits,
        }));
    }
    let mut kept: Vec<(Evidence, Option<StyleLabel>)> = out
        .into_iter()
        .zip(labels)
        .filter(|(e, _)| e.weight.abs() >= MIN_WEIGHT)
        .collect();
    kept.sort_by(|(a, _), (b, _)| {
        b.weight
            .abs()
            .total_cmp(&a.weight.abs())
            .then_with(|| a.signal.cmp(&b.signal))
    });
    kept.truncate(MAX_REASONS);
    kept.into_iter()
        .map(|(mut e, label)| {
            if let Some(StyleLabel {
                name,
                label,
                unit,
                digits,
            }) = label
            {
                let value = features.style_value(name).unwrap_or(0.0);
                let mut detail = String::with_capacity(160);
                let _ = write!(detail, "{label}: {value:.digits$}{unit} (");
                reference_text(&mut detail, model.reference(name), digits);
                detail.push(')');
                e.detail = detail;
            }
            e
        })
        .collect()
}

/// How one rule's findings read in a summary: the phrase for one (with the quoted text) and
/// for several (with a count and one example). `{L}` is the language adjective (`{aL}` the
/// same after "a" or "an"), `{t}` the quoted text, `{n}` the count.
fn finding_phrase(code: &str) -> Option<(&'static str, &'static str)> {
    Some(match code {
        "CH001" => (
            "{t} is {L}page furniture",
            "{n} lines of {L}page furniture such as {t}",
        ),
        "CH002" => (
            "{t} is a German-style agency byline",
            "{n} German-style agency bylines",
        ),
        "QT001" => (
            "a quotation mark is reversed",
            "{n} quotation marks are reversed",
        ),
        "QT002" => (
            "a quotation mark has no partner",
            "{n} quotation marks have no partner",
        ),
        "QT003" => (
            "a quotation has spaces inside its marks",
            "{n} quotations have spaces inside their marks",
        ),
        "QT004" => (
            "{t} keeps {L}quotation marks",
            "{n} quotations keep {L}quotation marks, such as {t}",
        ),
        "QT005" => (
            "the quoted fragment {t} starts with a capital",
            "{n} quoted fragments start with a capital, such as {t}",
        ),
        "LC001" => (
            "{t} has a decimal comma",
            "{n} numbers have a decimal comma, such as {t}",
        ),
        "LC002" => (
            "{t} groups thousands with a point",
            "{n} numbers group thousands with a point, such as {t}",
        ),
        "LC003" => (
            "the date {t} is written day.month.year",
            "{n} dates are written day.month.year, such as {t}",
        ),
        "LC004" => (
            "{t} puts the currency after the amount",
            "{n} amounts put the currency after the number, such as {t}",
        ),
        "LC005" => (
            "{t} uses {aL}abbreviation for a number",
            "{n} numbers use {L}abbreviations, such as {t}",
        ),
        "NM001" | "NM003" => (
            "{t} is the {L}spelling",
            "{n} names are spelled the {L}way, such as {t}",
        ),
        "TY002" => (
            "a space stands before punctuation, as in {L}typography",
            "{n} spaces stand before punctuation, as in {L}typography",
        ),
        "TY003" => (
            "a space stands before a percent sign",
            "{n} spaces stand before percent signs",
        ),
        "UT001" => (
            "{t} is left in {l}",
            "{n} passages are left in {l}, such as {t}",
        ),
        "GR002" => (
            "{t} is a double negative",
            "{n} double negatives, such as {t}",
        ),
        "GR003" => (
            "{t} uses \"since\" with a length of time",
            "{n} uses of \"since\" with a length of time, such as {t}",
        ),
        "GR005" => (
            "{t} is translated word for word",
            "{n} phrases are translated word for word, such as {t}",
        ),
        "GR001" => ("{t} repeats a word", "{n} words are repeated, such as {t}"),
        "GR004" => (
            "{t} uses the present perfect with a finished time",
            "{n} uses of the present perfect with a finished time, such as {t}",
        ),
        "GR006" => (
            "{t} puts \"the\" before a title",
            "{n} titles have \"the\" before them, such as {t}",
        ),
        "SP001" => ("{t} is misspelled", "{n} words are misspelled, such as {t}"),
        "SP002" => (
            "{t} is not in the dictionary",
            "{n} words are not in the dictionary, such as {t}",
        ),
        "TY001" => (
            "characters are lost to a broken text encoding",
            "{n} characters are lost to a broken text encoding",
        ),
        "TY004" => (
            "two spaces stand between words",
            "{n} doubled spaces stand between words",
        ),
        _ => return None,
    })
}

/// Flagged text quoted for a sentence: on one line, at most 40 characters.
fn quoted(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut short: String = one_line.chars().take(40).collect();
    if short.len() < one_line.len() {
        short.push('…');
    }
    format!("\"{short}\"")
}

/// A rule's code, the source language its findings point to, and for a name several
/// languages spell alike (none of them the verdict's), the schemes that write it.
type GroupKey<'a> = (&'a str, Option<&'a str>, Schemes);

/// At most this many findings phrases in a summary.
const MAX_PHRASES: usize = 3;

/// The verdict as one sentence an editor reads without numbers: "Reads like machine
/// translation from French: "Read also" is French page furniture, 4 quotation marks are
/// reversed, "Riabkov" is the French spelling." Findings that name the verdict's source
/// language come first; a finding that points to another language says which.
///
/// `romanised_by[i]` is the schemes that write finding `i`'s name (shorter or empty counts as
/// none).
pub fn summary(
    verdict: Verdict,
    source: Option<&str>,
    findings: &[Finding],
    romanised_by: &[Schemes],
    evidence: &[Evidence],
) -> String {
    // An uncertain verdict whose reasons weigh more toward writing by people than toward
    // machine translation says so, and gives the reasons on that side (newcomer's trial: "Could
    // be machine translation: its punctuation is typical of machine translation" on +0.16
    // against -2.79). It speaks of the reasons, not of the whole verdict: the calibrated
    // probability, anywhere in the uncertain band, also carries what no reason shows (on the
    // 10 MB corpus a third of such documents were at 0.5 or more).
    let (toward_mt, toward_people) = evidence.iter().fold((0.0, 0.0), |(m, p), e| {
        (m + e.weight.max(0.0), p + (-e.weight).max(0.0))
    });
    let leans_human = verdict == Verdict::Uncertain && toward_people > toward_mt;
    // Whether the summary gives the reasons for writing by people.
    let people = verdict == Verdict::Human || leans_human;
    let head = match (verdict, source) {
        (Verdict::Uncertain, _) if leans_human => {
            "Uncertain, though the signs that stand out point to writing by people".to_owned()
        }
        (Verdict::MachineTranslated, Some(l)) => {
            format!("Reads like machine translation from {}", language_name(l))
        }
        (Verdict::MachineTranslated, None) => {
            "Reads like machine translation (source language unknown)".to_owned()
        }
        (Verdict::Uncertain, _) => "Could be machine translation".to_owned(),
        (Verdict::Human, _) => "Reads like writing or translation by people".to_owned(),
        (Verdict::NoText, _) => return "Not judged: the document has no text.".to_owned(),
        (Verdict::NotEnglish, _) => {
            return "Not judged: the document is not in English.".to_owned();
        }
        (Verdict::TooShort, _) => return "Not judged: the document is too short.".to_owned(),
    };
    // A family's weight in the evidence, toward machine translation (0 when it is not
    // among the reasons shown).
    let family_weight = |family: Family| {
        evidence
            .iter()
            .filter(|e| {
                e.signal
                    .strip_prefix(family.name())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(':'))
            })
            .map(|e| e.weight)
            .sum::<f64>()
    };
    // (code, language, shared schemes) -> (count, first text, the family's weight), in order
    // of first appearance.
    let mut groups: Vec<(GroupKey, usize, &str, f64)> = Vec::new();
    for (i, f) in findings.iter().enumerate() {
        if finding_phrase(f.code).is_none()
            || (f.code.starts_with("NM") && f.source_language.is_none())
        {
            continue;
        }
        // A name the verdict's language spells this way too ("Riabkov" under an Italian
        // verdict) is its spelling, not another language's.
        let schemes = romanised_by.get(i).copied().unwrap_or_default();
        let writes_source = schemes
            .iter()
            .any(|s| s.source_language().is_some() && s.source_language() == source);
        let key = if writes_source {
            (f.code, source, Schemes::empty())
        } else if schemes.writers() > 1 && !schemes.adjectives().is_empty() {
            // "spelled the French, Spanish or Italian way", not "the French way".
            (f.code, f.source_language, schemes)
        } else {
            (f.code, f.source_language, Schemes::empty())
        };
        match groups.iter_mut().find(|g| g.0 == key) {
            Some(g) => g.1 += 1,
            None => groups.push((key, 1, &f.text, family_weight(f.family))),
        }
    }
    // A rule's findings that name no language (page furniture several languages share, "Read
    // also") join its findings in the verdict's language: one phrase, "4 lines of French page
    // furniture", not that and "'Read also' is foreign page furniture" (newcomer's trial).
    if let Some(s) = source {
        let mut k = 0;
        while k < groups.len() {
            let ((code, lang, _), n, _, _) = groups[k];
            let joins =
                lang.is_none() && finding_phrase(code).is_some_and(|(one, _)| one.contains("L}"));
            match groups
                .iter()
                .position(|g| g.0 == (code, Some(s), Schemes::empty()))
            {
                Some(into) if joins => {
                    groups[into].1 += n;
                    groups.remove(k);
                }
                _ => k += 1,
            }
        }
    }
    // Findings whose family the model weighed as a sign of writing by people are not given
    // as signs of machine translation, under any verdict.
    groups.retain(|g| g.3 >= 0.0);
    // The verdict's language first, then language-neutral findings, then other languages;
    // within each, the family that weighed most, then the most frequent.
    let rank = |lang: Option<&str>| match lang {
        Some(l) if Some(l) == source => 0,
        None => 1,
        Some(_) => 2,
    };
    groups.sort_by(|a, b| {
        rank(a.0.1)
            .cmp(&rank(b.0.1))
            .then(b.3.total_cmp(&a.3))
            .then(b.1.cmp(&a.1))
    });
    let phrases: Vec<String> = groups
        .iter()
        .take(MAX_PHRASES)
        .filter_map(|&((code, lang, shared), n, text, _)| {
            let (one, many) = finding_phrase(code)?;
            let template = if n == 1 { one } else { many };
            let adj = match lang {
                _ if !shared.is_empty() => format!("{} ", shared.adjectives()),
                Some(l) => format!("{} ", language_name(l)),
                None => "foreign ".to_owned(),
            };
            let mut phrase = template
                .replace("{t}", &quoted(text))
                .replace("{n}", &n.to_string())
                .replace("{aL}", &format!("{} {adj}", a_or_an(&adj)))
                .replace("{L}", &adj)
                .replace("{l}", lang.map_or("another language", language_name));
            if let (Some(l), Some(s)) = (lang, source)
                && l != s
                && !template.contains("{L}")
                && !template.contains("{aL}")
                && !template.contains("{l}")
            {
                phrase.push_str(&format!(" (pointing to {})", language_name(l)));
            }
            Some(phrase)
        })
        .collect();
    let style: Vec<&str> = evidence
        .iter()
        .filter(|e| {
            matches!(
                e.signal.as_str(),
                "function-words" | "sentence-skeletons" | "word-choice" | "punctuation"
            ) && (e.weight > 0.0) != people
        })
        .map(|e| match e.signal.as_str() {
            "function-words" => "function words",
            "sentence-skeletons" => "sentence patterns",
            "word-choice" => "word choice",
            _ => "punctuation",
        })
        .collect();
    let style = (!style.is_empty()).then(|| {
        let what = and_list(&style);
        // "its word choice is", "its function words are".
        let verb = match style.as_slice() {
            ["word choice" | "punctuation"] => "is",
            _ => "are",
        };
        if people {
            format!("its {what} {verb} typical of writing by people")
        } else {
            format!("its {what} {verb} typical of machine translation")
        }
    });
    let findings = (!phrases.is_empty()).then(|| {
        if people {
            and_list(&phrases)
        } else {
            phrases.join(", ")
        }
    });
    match (verdict, style, findings) {
        (Verdict::Human, None, None) => format!("{head}: no sign of translation was found."),
        (_, None, None) => format!("{head}."),
        // Under a human verdict (or an uncertain one that leans to it) the findings are not
        // its reasons but what did not outweigh them.
        (_, Some(s), Some(f)) if people => format!("{head}: {s}, although {f}."),
        (_, None, Some(f)) if people => format!("{head}, although {f}."),
        (_, Some(s), Some(f)) => format!("{head}: {f}, {s}."),
        (_, Some(s), None) | (_, None, Some(s)) => format!("{head}: {s}."),
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[impl AsRef<str>]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} and {}", rest.join(", "), last.as_ref())
        }
    }
}

/// The `n` items with the largest keys, largest first; equal keys keep their order (what
/// a stable sort and `take(n)` give, without sorting them all).
fn top_by<T>(items: &[T], n: usize, key: impl Fn(&T) -> f64) -> Vec<&T> {
    let mut top: Vec<&T> = Vec::with_capacity(n + 1);
    for item in items {
        let k = key(item);
        // Most items are not among the top: one comparison with the last.
        if top.len() == n && top.last().is_none_or(|t| !k.total_cmp(&key(t)).is_gt()) {
            continue;
        }
        let at = top
            .iter()
            .position(|t| k.total_cmp(&key(t)).is_gt())
            .unwrap_or(top.len());
        if at < n {
            top.insert(at, item);
            top.truncate(n);
        }
    }
    top
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn family_sentences_read_naturally() {
        let sentence = |family, n, lang| {
            let mut out = String::new();
            family_sentence(&mut out, family, n, lang);
            out
        };
        assert_eq!(
            sentence(Family::Chrome, 3, Some("fr")),
            "3 passages of translated French page furniture"
        );
        assert_eq!(
            sentence(Family::Names, 1, Some("de")),
            "1 name spelled in a German romanisation"
        );
        assert_eq!(
            sentence(Family::Names, 2, Some("it")),
            "2 names spelled in an Italian romanisation"
        );
        assert_eq!(sentence(Family::Quotes, 1, None), "1 quote-mark problem");
        assert_eq!(
            sentence(Family::Untranslated, 2, None),
            "2 passages left in another language"
        );
    }

    #[test]
    fn top_items_are_those_a_stable_sort_puts_first() {
        let items = [3.0, 1.0, 3.0, -2.0, 5.0, 1.0, 3.0];
        for n in 0..=items.len() + 1 {
            let mut sorted: Vec<(usize, f64)> = items.iter().copied().enumerate().collect();
            sorted.sort_by(|a, b| b.1.total_cmp(&a.1));
            sorted.truncate(n);
            let indexed: Vec<(usize, f64)> = items.iter().copied().enumerate().collect();
            let top: Vec<(usize, f64)> =
                top_by(&indexed, n, |p| p.1).into_iter().copied().collect();
            assert_eq!(top, sorted, "n = {n}");
        }
    }

    fn evidence(signal: &str, weight: f64) -> Evidence {
        Evidence {
            signal: signal.to_owned(),
            detail: String::new(),
            weight,
        }
    }

    fn unpaired_quote() -> Finding {
        Finding {
            rule: "unpaired-quote-mark",
            ..Finding::example("QT002", Family::Quotes, "\"")
        }
    }

    #[test]
    fn style_sentences_agree_in_number() {
        let one = |signal| summary(Verdict::Uncertain, None, &[], &[], &[evidence(signal, 1.0)]);
        assert_eq!(
            one("word-choice"),
            "Could be machine translation: its word choice is typical of machine translation."
        );
        assert_eq!(
            one("punctuation"),
            "Could be machine translation: its punctuation is typical of machine translation."
        );
        assert_eq!(
            one("function-words"),
            "Could be machine translation: its function words are typical of machine translation."
        );
        let two = summary(
            Verdict::Uncertain,
            None,
            &[],
            &[],
            &[evidence("word-choice", 1.0), evidence("punctuation", 0.5)],
        );
        assert!(
            two.ends_with("its word choice and punctuation are typical of machine translation."),
            "{two}"
        );
    }

    #[test]
    fn a_human_verdict_does_not_give_findings_as_its_reasons() {
        let findings = [unpaired_quote()];
        assert_eq!(
            summary(
                Verdict::Human,
                None,
                &findings,
                &[],
                &[evidence("word-choice", -1.0)]
            ),
            "Reads like writing or translation by people: its word choice is typical of writing \
             by people, although a quotation mark has no partner."
        );
        assert_eq!(
            summary(Verdict::Human, None, &findings, &[], &[]),
            "Reads like writing or translation by people, although a quotation mark has no partner."
        );
        // Under another verdict they are reasons.
        assert_eq!(
            summary(Verdict::Uncertain, None, &findings, &[], &[]),
            "Could be machine translation: a quotation mark has no partner."
        );
    }

    fn finding(code: &'static str, family: Family, text: &str) -> Finding {
        Finding {
            rule: "unpaired-quote-mark",
            end: 1,
            ..Finding::example(code, family, text)
        }
    }

    #[test]
    fn the_family_that_weighed_most_is_named_first() {
        // Two unknown words carried the verdict; the unpaired quote barely moved it.
        let findings = [
            unpaired_quote(),
            finding("SP002", Family::Spelling, "dont"),
            finding("SP002", Family::Spelling, "glutamate"),
        ];
        let reasons = [
            evidence("spelling", 2.49),
            evidence("quotes", 0.2),
            evidence("punctuation", 0.26),
        ];
        assert_eq!(
            summary(Verdict::MachineTranslated, None, &findings, &[], &reasons),
            "Reads like machine translation (source language unknown): 2 words are not in the \
             dictionary, such as \"dont\", a quotation mark has no partner, its punctuation is \
             typical of machine translation."
        );
    }

    #[test]
    fn findings_weighed_as_signs_of_writing_by_people_are_not_reasons() {
        let findings = [
            unpaired_quote(),
            finding("GR001", Family::Grammar, "the the"),
        ];
        let reasons = [evidence("quotes", -0.4), evidence("grammar", 0.3)];
        assert_eq!(
            summary(Verdict::MachineTranslated, None, &findings, &[], &reasons),
            "Reads like machine translation (source language unknown): \"the the\" repeats a word."
        );
        assert_eq!(
            summary(Verdict::Human, None, &findings, &[], &reasons),
            "Reads like writing or translation by people, although \"the the\" repeats a word."
        );
    }

    #[test]
    fn artifact_names_map_to_families() {
        assert_eq!(family_of("fam:chrome"), Some(Family::Chrome));
        assert_eq!(family_of("famlang:names:de"), Some(Family::Names));
        assert_eq!(family_of("code:QT005"), Some(Family::Quotes));
        assert_eq!(family_of("furniture_block_rate"), None);
    }

    fn furniture(text: &str, lang: Option<&'static str>) -> Finding {
        Finding {
            source_language: lang,
            ..finding("CH001", Family::Chrome, text)
        }
    }

    #[test]
    fn an_uncertain_verdict_that_leans_to_people_says_so() {
        // Newcomer's trial: every reason pointed to human writing (or all but +0.16 of
        // punctuation), and the summary read "Could be machine translation".
        let reasons = [
            evidence("word-choice", -1.49),
            evidence("function-words", -0.88),
            evidence("type-token-mattr", -0.26),
            evidence("punctuation", 0.16),
        ];
        let text = summary(Verdict::Uncertain, None, &[], &[], &reasons);
        assert_eq!(
            text,
            "Uncertain, though the signs that stand out point to writing by people: its word \
             choice and function words are typical of writing by people."
        );
        assert!(!text.contains("machine translation"), "{text}");
        // Findings are then what did not outweigh it.
        let findings = [unpaired_quote()];
        assert_eq!(
            summary(Verdict::Uncertain, None, &findings, &[], &reasons[..2]),
            "Uncertain, though the signs that stand out point to writing by people: its word \
             choice and function words are typical of writing by people, although a quotation \
             mark has no partner."
        );
        // Reasons that weigh more toward machine translation keep the old sentence.
        let toward_mt = [evidence("word-choice", 0.9), evidence("punctuation", -0.4)];
        assert_eq!(
            summary(Verdict::Uncertain, None, &[], &[], &toward_mt),
            "Could be machine translation: its word choice is typical of machine translation."
        );
    }

    #[test]
    fn furniture_that_names_no_language_joins_the_verdict_s() {
        // Newcomer's trial: "3 lines of French page furniture such as 'To read also'" and then
        // "'Read also' is foreign page furniture".
        let findings = [
            furniture("To read also", Some("fr")),
            furniture("Read also", None),
            furniture("Article reserved for our subscribers", Some("fr")),
            furniture("Le Monde with AFP", Some("fr")),
        ];
        let reasons = [evidence("chrome:fr", 6.5)];
        let text = summary(
            Verdict::MachineTranslated,
            Some("fr"),
            &findings,
            &[],
            &reasons,
        );
        assert_eq!(
            text,
            "Reads like machine translation from French: 4 lines of French page furniture such \
             as \"To read also\"."
        );
        // With no furniture of the verdict's language it stays foreign furniture.
        let text = summary(
            Verdict::MachineTranslated,
            Some("de"),
            &findings[..2],
            &[],
            &reasons,
        );
        assert!(
            text.contains("\"To read also\" is French page furniture"),
            "{text}"
        );
        assert!(
            text.contains("\"Read also\" is foreign page furniture"),
            "{text}"
        );
    }

    #[test]
    fn a_name_the_verdict_s_language_spells_so_is_its_spelling() {
        let riabkov = Finding {
            source_language: Some("fr"),
            ..finding("NM001", Family::Names, "Riabkov")
        };
        let findings = [furniture("Reproduction reserved", Some("it")), riabkov];
        let schemes = [Schemes::empty(), Schemes::writing("Riabkov", "Рябков")];
        let reasons = [evidence("chrome:it", 5.0), evidence("names:fr", 1.6)];
        let text = summary(
            Verdict::MachineTranslated,
            Some("it"),
            &findings,
            &schemes,
            &reasons,
        );
        assert_eq!(
            text,
            "Reads like machine translation from Italian: \"Reproduction reserved\" is Italian \
             page furniture, \"Riabkov\" is the Italian spelling."
        );
        // With no source language named, the spelling is every writer's, not the first's.
        let text = summary(
            Verdict::MachineTranslated,
            None,
            &findings[1..],
            &schemes[1..],
            &reasons,
        );
        assert_eq!(
            text,
            "Reads like machine translation (source language unknown): \"Riabkov\" is the \
             French, Spanish or Italian spelling."
        );
    }
}
