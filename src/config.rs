//! `calq.toml`: discovery (walking up from the current folder), parsing, and layering with
//! `--config` and command-line flags. Unknown keys are errors naming the file and key.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::document::LineIndex;
use crate::engine::{Selection, is_rule_code};
use crate::error::Error;
use crate::rules::Severity;

pub const FILE_NAME: &str = "calq.toml";

/// When `calq audit` exits with 1: a finding at or above this severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Info,
    Warning,
    Error,
    Never,
}

impl FailOn {
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Info => Some(Severity::Info),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Error => Some(Severity::Error),
            FailOn::Never => None,
        }
    }
}

/// One configuration layer. Every field is optional so layers can be merged.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Rule codes or prefixes to run (default: all).
    pub select: Option<Vec<String>>,
    /// Rule codes or prefixes to skip.
    pub ignore: Option<Vec<String>>,
    pub fail_on: Option<FailOn>,
    /// Severity per rule code, e.g. `GR001 = "error"`.
    pub severity: Option<HashMap<String, Severity>>,
    /// Glossary files to load, relative to the folder of the config file.
    pub glossaries: Option<Vec<PathBuf>>,
    /// Whether the shipped glossaries are loaded (default true).
    pub default_glossaries: Option<bool>,
    /// Largest document (file, standard input or JSONL record) audited, in bytes.
    pub max_bytes: Option<ByteSize>,
}

/// A size in bytes, written as a number or with a suffix: `50M`, `1G`, `512KiB` (K, M and G
/// are powers of 1024, as in ripgrep's `--max-filesize`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "SizeValue")]
pub struct ByteSize(pub u64);

#[derive(Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Number(u64),
    Text(String),
}

impl TryFrom<SizeValue> for ByteSize {
    type Error = String;

    fn try_from(v: SizeValue) -> Result<Self, String> {
        match v {
            SizeValue::Number(n) => ByteSize::positive(n, &n.to_string()),
            SizeValue::Text(s) => s.parse(),
        }
    }
}

impl std::str::FromStr for ByteSize {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a size: write bytes, or a number with K, M or G");
        let t = s.trim();
        let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(digits);
        let number: u64 = number.parse().map_err(|_| bad())?;
        let unit = unit.trim().to_ascii_lowercase();
        let shift = match unit.trim_end_matches("ib").trim_end_matches('b') {
            "" => 0,
            "k" => 10,
            "m" => 20,
            "g" => 30,
            _ => return Err(bad()),
        };
        let bytes = number.checked_mul(1 << shift).ok_or_else(bad)?;
        ByteSize::positive(bytes, s)
    }
}

impl ByteSize {
    /// A size limit of nothing would turn every input away: refused, with what to write.
    fn positive(bytes: u64, written: &str) -> Result<ByteSize, String> {
        if bytes == 0 {
            return Err(format!(
                "`{written}` is no size limit: every document would be refused; give at least 1 byte (e.g. 50M)"
            ));
        }
        Ok(ByteSize(bytes))
    }
}

impl Config {
    pub fn load(path: &Path) -> Result<Config, Error> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut config = Self::parse(&text).map_err(|message| Error::Config {
            path: path.to_owned(),
            message,
        })?;
        let dir = path.parent().unwrap_or(Path::new(""));
        for g in config.glossaries.iter_mut().flatten() {
            *g = dir.join(&*g);
        }
        check_values(&text, path)?;
        Ok(config)
    }

    pub fn parse(text: &str) -> Result<Config, String> {
        toml::from_str(text).map_err(|e| e.to_string().trim_end().to_owned())
    }

    /// `other` wins where it sets a field; severity maps are merged key by key.
    pub fn merge(mut self, other: Config) -> Config {
        self.select = other.select.or(self.select);
        self.ignore = other.ignore.or(self.ignore);
        self.fail_on = other.fail_on.or(self.fail_on);
        self.default_glossaries = other.default_glossaries.or(self.default_glossaries);
        self.max_bytes = other.max_bytes.or(self.max_bytes);
        if let Some(g) = other.glossaries {
            self.glossaries.get_or_insert_with(Vec::new).extend(g);
        }
        if let Some(sev) = other.severity {
            self.severity.get_or_insert_with(HashMap::new).extend(sev);
        }
        self
    }
}

/// Where the values [`check_values`] checks stand in the file.
#[derive(Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Spans {
    select: Option<toml::Spanned<Vec<toml::Spanned<String>>>>,
    ignore: Option<Vec<toml::Spanned<String>>>,
    severity: Option<BTreeMap<toml::Spanned<String>, toml::Value>>,
    glossaries: Option<Vec<toml::Spanned<PathBuf>>>,
}

/// Values that parse but mean nothing, each an error naming the file, the line and the
/// value: an unknown rule code in `select`, `ignore` or `[severity]`, a `select` that
/// selects no rule, a glossary that is not there (relative to the file's folder).
fn check_values(text: &str, path: &Path) -> Result<(), Error> {
    // `Config::parse` has accepted the text, so this reads it too.
    let Ok(spans) = toml::from_str::<Spans>(text) else {
        return Ok(());
    };
    let lines = LineIndex::new(text);
    let at = |offset: usize, message: String| Error::ConfigValue {
        path: path.to_owned(),
        line: lines.line(offset),
        message,
    };
    if let Some(select) = &spans.select
        && select.get_ref().is_empty()
    {
        return Err(at(
            select.span().start,
            "`select = []` selects no rule: leave `select` out to run them all".into(),
        ));
    }
    let listed = |key: &'static str| move |s: &toml::Spanned<String>| (key, s.clone());
    let entries = spans
        .select
        .iter()
        .flat_map(|s| s.get_ref().iter().map(listed("select")))
        .chain(spans.ignore.iter().flatten().map(listed("ignore")));
    for (key, entry) in entries {
        // An empty code is a prefix of every code: it would select or ignore them all.
        if entry.get_ref().trim().is_empty() {
            return Err(at(
                entry.span().start,
                format!("empty rule code in `{key}` (see `calq rules`)"),
            ));
        }
        if !Selection::is_known(entry.get_ref()) {
            return Err(at(
                entry.span().start,
                format!(
                    "unknown rule code or prefix `{}` in `{key}` (see `calq rules`)",
                    entry.get_ref()
                ),
            ));
        }
    }
    for code in spans.severity.iter().flat_map(BTreeMap::keys) {
        if !is_rule_code(code.get_ref()) {
            return Err(at(
                code.span().start,
                format!(
                    "severity override for unknown rule `{}` in `[severity]` (see `calq rules`)",
                    code.get_ref()
                ),
            ));
        }
    }
    let dir = path.parent().unwrap_or(Path::new(""));
    for g in spans.glossaries.iter().flatten() {
        let full = dir.join(g.get_ref());
        if let Err(e) = std::fs::metadata(&full) {
            return Err(at(
                g.span().start,
                format!(
                    "glossary `{}` ({}): {e}",
                    g.get_ref().display(),
                    full.display()
                ),
            ));
        }
    }
    Ok(())
}

/// The nearest `calq.toml` in `start` or one of its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// The discovered file (if any) overlaid by the explicit `--config` file (if any).
pub fn load_layers(cwd: &Path, explicit: Option<&Path>) -> Result<Config, Error> {
    let mut config = Config::default();
    if let Some(found) = discover(cwd) {
        config = config.merge(Config::load(&found)?);
    }
    if let Some(path) = explicit {
        config = config.merge(Config::load(path)?);
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key() {
        let c = Config::parse(
            "select = [\"GR\", \"TY001\"]\nignore = [\"TY\"]\nfail-on = \"error\"\n[severity]\nGR001 = \"info\"\n",
        )
        .expect("valid config");
        assert_eq!(c.select, Some(vec!["GR".into(), "TY001".into()]));
        assert_eq!(c.fail_on, Some(FailOn::Error));
        assert_eq!(
            c.severity.and_then(|s| s.get("GR001").copied()),
            Some(Severity::Info)
        );
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_problem() {
        let err = Config::parse("selct = []").expect_err("unknown key");
        assert!(err.contains("selct") && err.contains("line 1"), "{err}");
        let err = Config::parse("fail-on = \"sometimes\"").expect_err("bad value");
        assert!(err.contains("sometimes"), "{err}");
        let err = Config::parse("[severity]\nGR001 = \"fatal\"").expect_err("bad severity");
        assert!(err.contains("fatal"), "{err}");
    }

    #[test]
    fn max_bytes_takes_a_number_or_a_size_with_a_unit() {
        let c = Config::parse("max-bytes = 1000").expect("number");
        assert_eq!(c.max_bytes, Some(ByteSize(1000)));
        let c = Config::parse("max-bytes = \"50M\"").expect("size");
        assert_eq!(c.max_bytes, Some(ByteSize(50 << 20)));
        for (text, bytes) in [("2k", 2048), ("1 GiB", 1 << 30), ("7MB", 7 << 20), ("1", 1)] {
            assert_eq!(text.parse::<ByteSize>(), Ok(ByteSize(bytes)), "{text}");
        }
        for bad in ["", "M", "12T", "-1", "1.5M", "99999999999999999999G"] {
            assert!(bad.parse::<ByteSize>().is_err(), "{bad}");
        }
        let err = Config::parse("max-bytes = \"big\"").expect_err("bad size");
        assert!(err.contains("big") && err.contains("not a size"), "{err}");
    }

    #[test]
    fn a_size_limit_of_zero_is_refused() {
        for zero in ["0", "0M", "00", " 0 KiB"] {
            let err = zero.parse::<ByteSize>().expect_err(zero);
            assert!(err.contains("at least 1 byte"), "{zero}: {err}");
        }
        let err = Config::parse("max-bytes = 0").expect_err("zero");
        assert!(err.contains("at least 1 byte"), "{err}");
        let err = Config::parse("max-bytes = \"0G\"").expect_err("zero");
        assert!(err.contains("`0G`"), "{err}");
    }

    #[test]
    fn later_layers_win() {
        let base =
            Config::parse("select = [\"GR\"]\nfail-on = \"info\"\n[severity]\nGR001 = \"info\"")
                .expect("valid");
        let top =
            Config::parse("fail-on = \"error\"\n[severity]\nTY001 = \"error\"").expect("valid");
        let merged = base.merge(top);
        assert_eq!(merged.select, Some(vec!["GR".into()]));
        assert_eq!(merged.fail_on, Some(FailOn::Error));
        assert_eq!(merged.severity.map(|s| s.len()), Some(2));
    }

    #[test]
    fn glossary_paths_are_relative_to_the_config_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "glossaries = [\"house.toml\"]\ndefault-glossaries = false\n",
        )
        .expect("write");
        // A glossary that is not there is an error naming calq.toml (see below).
        std::fs::write(dir.path().join("house.toml"), "").expect("write");
        let c = Config::load(&path).expect("valid");
        assert_eq!(c.glossaries, Some(vec![dir.path().join("house.toml")]));
        assert_eq!(c.default_glossaries, Some(false));
    }

    #[test]
    fn unknown_codes_empty_selections_and_missing_glossaries_name_file_and_line() {
        // Newcomer's trial: these said neither the file nor the line, or nothing at all.
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(FILE_NAME);
        let error = |text: &str| {
            std::fs::write(&path, text).expect("write");
            Config::load(&path).expect_err(text).to_string()
        };
        let shown = path.display().to_string();
        for (text, line, needle) in [
            (
                "fail-on = \"error\"\n[severity]\nGR001 = \"error\"\nNM999 = \"error\"\n",
                4,
                "`NM999`",
            ),
            (
                "fail-on = \"error\"\nselect = [\"GR\",\n  \"NM999\"]\n",
                3,
                "`NM999` in `select`",
            ),
            ("ignore = [\"XX\"]\n", 1, "`XX` in `ignore`"),
            ("\nselect = []\n", 2, "`select = []` selects no rule"),
            (
                "select = [\"GR\", \"\"]\n",
                1,
                "empty rule code in `select`",
            ),
            ("ignore = [\" \"]\n", 1, "empty rule code in `ignore`"),
            (
                "glossaries = [\"nothere.toml\"]\n",
                1,
                "glossary `nothere.toml`",
            ),
        ] {
            let e = error(text);
            assert!(
                e.starts_with(&format!("{shown}:{line}: ")) && e.contains(needle),
                "{text:?}: {e}"
            );
        }
        std::fs::write(dir.path().join("house.toml"), "").expect("write");
        std::fs::write(
            &path,
            "select = [\"GR\", \"nm\", \"ALL\"]\nignore = [\"TY001\"]\nglossaries = [\"house.toml\"]\n\
             [severity]\ngr001 = \"error\"\n",
        )
        .expect("write");
        Config::load(&path).expect("known codes and a glossary that is there");
    }

    #[test]
    fn discovery_walks_up() {
        let dir = tempfile::tempdir().expect("tempdir");
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).expect("mkdir");
        assert_eq!(discover(&nested), None);
        std::fs::write(dir.path().join(FILE_NAME), "").expect("write");
        assert_eq!(discover(&nested), Some(dir.path().join(FILE_NAME)));
    }
}
