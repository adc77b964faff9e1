//! `calq rules` and `calq explain`: the rule list and one rule's explanation.

use std::io::{self, Write};

use serde::Serialize;
use tabled::builder::Builder;
use tabled::settings::Style;

use crate::rules::{Family, RuleMeta, Severity};

#[derive(Serialize)]
struct RuleRow {
    code: &'static str,
    name: &'static str,
    family: Family,
    severity: Severity,
    summary: &'static str,
}

pub fn rules_table(w: &mut dyn Write, rules: &[&RuleMeta]) -> io::Result<()> {
    let mut b = Builder::default();
    b.push_record(["code", "name", "family", "severity", "summary"]);
    for m in rules {
        b.push_record([
            m.code,
            m.name,
            m.family.name(),
            m.severity.name(),
            m.summary,
        ]);
    }
    writeln!(w, "{}", b.build().with(Style::rounded()))
}

pub fn rules_json(w: &mut dyn Write, rules: &[&RuleMeta]) -> io::Result<()> {
    let rows: Vec<RuleRow> = rules
        .iter()
        .map(|m| RuleRow {
            code: m.code,
            name: m.name,
            family: m.family,
            severity: m.severity,
            summary: m.summary,
        })
        .collect();
    serde_json::to_writer_pretty(&mut *w, &rows).map_err(io::Error::other)?;
    writeln!(w)
}

pub fn explanation(w: &mut dyn Write, m: &RuleMeta) -> io::Result<()> {
    writeln!(w, "# {} {}\n", m.code, m.name)?;
    writeln!(
        w,
        "{}. Family: {}; default severity: {}; languages: {}.\n",
        m.summary,
        m.family,
        m.severity,
        m.languages.join(", ")
    )?;
    writeln!(w, "{}", m.explanation)
}
