//! Machine-translation verdict of a document. The trained detector is not built yet: every
//! document gets an explicit placeholder, and its evidence says so.

use serde::Serialize;

use crate::document::Document;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    MachineTranslated,
    Human,
    Uncertain,
}

impl Verdict {
    pub const fn name(self) -> &'static str {
        match self {
            Verdict::MachineTranslated => "machine-translated",
            Verdict::Human => "human",
            Verdict::Uncertain => "uncertain",
        }
    }
}

/// One reason behind a verdict, as an editor would read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub signal: String,
    pub detail: String,
    pub weight: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// P(machine-translated).
    pub probability: f64,
    pub verdict: Verdict,
    pub source_language: Option<String>,
    pub evidence: Vec<Evidence>,
    /// True until the trained detector replaces the placeholder.
    pub placeholder: bool,
}

/// The placeholder assessment: probability 0.5, verdict "uncertain", no source language.
pub fn assess(_doc: &Document) -> Assessment {
    Assessment {
        probability: 0.5,
        verdict: Verdict::Uncertain,
        source_language: None,
        evidence: vec![Evidence {
            signal: "placeholder".into(),
            detail: "the machine-translation detector is not built yet; 0.5 is a placeholder, not an estimate".into(),
            weight: 0.0,
        }],
        placeholder: true,
    }
}
