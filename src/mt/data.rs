//! Labelled data for `calq mt train|eval`: JSON Lines records (`text`, `label`, `group_id`,
//! `source_lang`, optional `system_tier`), plain or gzip-compressed (`.gz`).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde::Deserialize;

use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Label {
    Original,
    Human,
    Machine,
}

impl Label {
    pub fn parse(s: &str) -> Option<Label> {
        match s {
            "original" => Some(Label::Original),
            "human_translation" | "human" => Some(Label::Human),
            "machine_translation" | "machine" | "mt" => Some(Label::Machine),
            _ => None,
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Label::Original => "original",
            Label::Human => "human_translation",
            Label::Machine => "machine_translation",
        }
    }
}

/// One labelled document.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub text: String,
    pub label: Label,
    pub group: String,
    /// `en` for originals.
    pub source_lang: String,
    pub tier: Option<String>,
    /// Index of the file it came from, in the order given.
    pub file: usize,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    id: Option<serde_json::Value>,
    text: String,
    label: String,
    #[serde(default)]
    group_id: Option<String>,
    /// `origlang` is the field's name in the source-language data (WMT's attribute).
    #[serde(default, alias = "origlang")]
    source_lang: Option<String>,
    #[serde(default)]
    system_tier: Option<String>,
}

/// Reads every record of a file; a bad line is an error naming the file and line.
pub fn load(path: &Path, file_index: usize) -> Result<Vec<Record>, Error> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let reader: Box<dyn Read> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(flate2::read::MultiGzDecoder::new(file))
    } else {
        Box::new(file)
    };
    let mut out = Vec::new();
    for (i, line) in BufReader::new(reader).lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::Record {
            path: path.to_path_buf(),
            line: i + 1,
            message,
        };
        let raw: Raw = serde_json::from_str(&line).map_err(|e| bad(e.to_string()))?;
        let label = Label::parse(&raw.label)
            .ok_or_else(|| bad(format!("unknown label `{}`", raw.label)))?;
        let id = match raw.id {
            Some(serde_json::Value::String(s)) => s,
            Some(v) => v.to_string(),
            None => format!("{}:{}", path.display(), i + 1),
        };
        out.push(Record {
            group: raw.group_id.unwrap_or_else(|| id.clone()),
            source_lang: raw.source_lang.unwrap_or_else(|| {
                if label == Label::Original {
                    "en".into()
                } else {
                    "unknown".into()
                }
            }),
            tier: raw.system_tier,
            id,
            text: raw.text,
            label,
            file: file_index,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn reads_plain_and_gzip_jsonl() {
        let dir = tempfile::tempdir().expect("tempdir");
        let line = r#"{"id":"a","text":"Hello.","label":"machine_translation","group_id":"g1","source_lang":"de","system_tier":"weak"}"#;
        let plain = dir.path().join("d.jsonl");
        std::fs::write(&plain, format!("{line}\n\n")).expect("write");
        let gz = dir.path().join("d.jsonl.gz");
        let mut enc =
            flate2::write::GzEncoder::new(File::create(&gz).expect("create"), Default::default());
        enc.write_all(line.as_bytes()).expect("write gz");
        enc.finish().expect("finish");
        for p in [&plain, &gz] {
            let r = load(p, 0).expect("loads");
            assert_eq!(r.len(), 1);
            assert_eq!(r[0].label, Label::Machine);
            assert_eq!(r[0].group, "g1");
            assert_eq!(r[0].tier.as_deref(), Some("weak"));
        }
        std::fs::write(&plain, "{\"text\":\"x\",\"label\":\"robot\"}\n").expect("write");
        let err = load(&plain, 0).expect_err("bad label");
        assert!(err.to_string().contains("d.jsonl:1"), "{err}");
    }
}
