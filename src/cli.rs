//! Command-line definitions (clap derive). Parsing only: `run` does the work.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::config::FailOn;
use crate::render::Format;

#[derive(Debug, Parser)]
#[command(
    name = "calq",
    version,
    about = "Translation-quality checker for English news articles",
    long_about = "calq audits English news copy that may have been machine-translated: was it \
                  machine-translated and from what, are the names spelled the house way, and \
                  where is the phrasing garbled."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check articles and print their findings
    Audit(AuditArgs),
    /// Write an editor report of articles: index.html, report.md and report.json in a folder
    Report(ReportArgs),
    /// List every rule: code, name, family, severity, summary
    Rules(RulesArgs),
    /// Explain a rule: what it does, why it matters, an example
    Explain {
        /// A rule code (GR001) or name (repeated-word)
        code: String,
    },
    /// Maintain glossaries: check, add, import, export, suggest
    #[command(subcommand, after_long_help = GLOSSARY_FORMAT)]
    Glossary(GlossaryCommand),
    /// Train and evaluate the machine-translation detector
    #[command(subcommand)]
    Mt(MtCommand),
}

/// The glossary file format, shown by `calq glossary --help` (glossary errors point here, as
/// an installed binary comes without the README).
pub const GLOSSARY_FORMAT: &str = "\
Glossary format (TOML):

  [glossary]
  name = \"Ukraine and Russia\"
  language = \"en\"                       # language of the articles it applies to
  policy = \"AP Stylebook, 2022 forms\"   # shown in reports

  [[term]]
  canonical = \"Sergei Ryabkov\"          # the house form (required)
  kind = \"person\"                       # person | place | org | term (required)
  variants = [\"Sergey Ryabkov\"]         # optional: spellings to replace by the house form
  cyrillic = \"Сергей Рябков\"            # optional: calq derives romanisations from it
  note = \"Russian deputy foreign minister\"  # optional: shown in messages
  since = \"2019-08-14\"                  # optional: when the house form changed (YYYY-MM-DD)
  keep = [\"chicken Kiev\"]               # optional: phrases in which a variant stays

A person's surname alone also matches. `calq glossary check FILE` lints a glossary.";

#[derive(Debug, Subcommand)]
pub enum MtCommand {
    /// Train a model on labelled JSONL (fields text, label, group_id, source_lang; .gz is read)
    Train(MtTrainArgs),
    /// Evaluate a model, or the training procedure by grouped cross-validation
    Eval(MtEvalArgs),
}

#[derive(Debug, Args)]
pub struct MtTrainArgs {
    /// Labelled JSONL files (plain or .gz); the first gets a synthetic web repost per document
    #[arg(required = true)]
    pub data: Vec<PathBuf>,
    /// Where to write the model (JSON)
    #[arg(long, short = 'o', value_name = "MODEL")]
    pub out: PathBuf,
    #[command(flatten)]
    pub training: MtTrainingArgs,
}

#[derive(Debug, Args)]
pub struct MtTrainingArgs {
    /// Seed of the folds and of the synthetic reposts
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folds of the grouped cross-validation that picks the regularisation and calibration
    #[arg(long, default_value_t = 5)]
    pub folds: usize,
    /// Do not add synthetic web reposts (page furniture, quote damage) to the data
    #[arg(long)]
    pub no_augment: bool,
    /// Scale of the skeleton n-gram block in P(MT) (its share of the regularisation; 0 leaves
    /// skeletons out of P(MT): they added nothing in grouped CV). The source-language
    /// classifier keeps its own scale
    #[arg(long, default_value_t = crate::mt::train::Options::default().skeleton_scale, value_name = "X")]
    pub skeleton_scale: f64,
    /// Scale of the word n-gram block (0 leaves word n-grams out)
    #[arg(long, default_value_t = crate::mt::train::Options::default().word_scale, value_name = "X")]
    pub word_scale: f64,
    /// Scale of the word n-gram block in the source-language classifier (0 leaves word
    /// n-grams out: skeletons only)
    #[arg(long, default_value_t = crate::mt::train::Options::default().source_word_scale, value_name = "X")]
    pub source_word_scale: f64,
    /// Scale of the skeleton character n-gram block in the source-language classifier (0
    /// leaves it out)
    #[arg(long, default_value_t = crate::mt::train::Options::default().source_char_scale, value_name = "X")]
    pub source_char_scale: f64,
    /// Labelled JSONL files that teach the source-language classifier only, not P(MT)
    /// (e.g. human translations from more languages); repeatable
    #[arg(long, value_name = "FILE")]
    pub source_data: Vec<PathBuf>,
    /// L2 strength of the source-language classifier (comma-separated candidates; default:
    /// chosen among 0.0001, 0.0003 and 0.001 by grouped CV)
    #[arg(long, value_name = "X,X", value_delimiter = ',')]
    pub source_l2: Vec<f64>,
}

#[derive(Debug, Args)]
pub struct MtEvalArgs {
    /// Labelled JSONL files (plain or .gz)
    #[arg(required = true)]
    pub data: Vec<PathBuf>,
    /// Score with this model instead of the embedded one
    #[arg(long, value_name = "MODEL", conflicts_with_all = ["cv", "lolo"])]
    pub model: Option<PathBuf>,
    /// Instead of scoring with a model, cross-validate training in K folds grouped by group_id
    #[arg(long, value_name = "K")]
    pub cv: Option<usize>,
    /// Also train without each source language in turn and score that language
    #[arg(long)]
    pub lolo: bool,
    /// With --cv, evaluate only the source-language classifier (minutes, not an hour)
    #[arg(long, requires = "cv")]
    pub source_only: bool,
    /// With --cv, also score copies of the evaluated documents cut to these word counts
    /// (comma-separated, e.g. 50,100,150,300): P(MT) and source language by length
    #[arg(long, value_name = "N,N", value_delimiter = ',', requires = "cv")]
    pub lengths: Vec<usize>,
    /// Write every scored document's probability, label, source language and tier here as
    /// JSON Lines (the held-out scores with --cv)
    #[arg(long, value_name = "FILE.jsonl")]
    pub predictions: Option<PathBuf>,
    #[command(flatten)]
    pub training: MtTrainingArgs,
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Lint glossary files: bad rows, duplicates, clashes, text not in NFC, order
    Check {
        /// Glossary files (TOML)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Add a term, or new variants of an existing one, keeping the file's comments and order
    Add(AddArgs),
    /// Convert a CSV or TBX termbase into a calq glossary (TOML)
    Import {
        /// A .csv (header row; variants separated by `|`) or .tbx file (TBX v2 or v3)
        file: PathBuf,
        /// Write the glossary here instead of standard output (a new file, or with --force
        /// an existing one, replaced atomically)
        #[arg(long, short = 'o', value_name = "FILE.toml")]
        out: Option<PathBuf>,
        /// Let --out replace a file that exists (never the file being imported)
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Convert a calq glossary (TOML) to CSV or TBX
    Export {
        /// A glossary file (TOML)
        file: PathBuf,
        /// Output format
        #[arg(long, short = 'f', value_enum)]
        format: ExportFormat,
        /// Write here instead of standard output (a new file, or with --force an existing
        /// one, replaced atomically)
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
        /// Let --out replace a file that exists (never the glossary being exported)
        #[arg(long, requires = "out")]
        force: bool,
    },
    /// Mine articles for proper nouns spelled several ways, printed as TOML ready to paste
    Suggest(SuggestArgs),
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The glossary file (TOML); created if it does not exist
    pub file: PathBuf,
    /// The house form
    #[arg(long, value_name = "NAME")]
    pub canonical: String,
    /// A spelling to replace by the house form; repeatable
    #[arg(long = "variant", value_name = "V")]
    pub variants: Vec<String>,
    /// What the term names (required for a new term)
    #[arg(long, value_enum)]
    pub kind: Option<crate::glossary::Kind>,
    /// The name in Cyrillic, from which calq derives romanisations
    #[arg(long)]
    pub cyrillic: Option<String>,
    /// Who or what it is, shown in messages
    #[arg(long)]
    pub note: Option<String>,
    /// The date (YYYY-MM-DD) the house form changed
    #[arg(long)]
    pub since: Option<String>,
    /// A phrase in which a variant stays ("chicken Kiev"); repeatable
    #[arg(long = "keep", value_name = "PHRASE")]
    pub keep: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Files or folders of articles (as for `audit`)
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Leave out names this glossary already lists; repeatable
    #[arg(long = "glossary", short = 'g', value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,
    /// Do not leave out names the shipped glossaries list
    #[arg(long)]
    pub no_default_glossaries: bool,
    /// Only clusters seen at least this many times in all
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_count: usize,
    /// At most this many clusters, most frequent first
    #[arg(long, default_value_t = 50, value_name = "N")]
    pub limit: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Tbx,
}

/// What `audit` and `report` share: the inputs and how they are checked.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Files or folders (walked for .txt .md .html .htm .jsonl .jsonl.gz .warc .warc.gz); `-` or
    /// nothing reads standard input
    pub paths: Vec<PathBuf>,

    /// A glossary (TOML) to use besides the shipped ones; repeatable
    #[arg(long = "glossary", short = 'g', value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,

    /// Do not load the shipped glossaries
    #[arg(long)]
    pub no_default_glossaries: bool,

    /// Only these rule codes or prefixes (comma-separated: GR,TY001; ALL for every rule)
    #[arg(long, value_delimiter = ',', value_name = "CODES", value_parser = rule_code)]
    pub select: Option<Vec<String>>,

    /// Skip these rule codes or prefixes (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODES", value_parser = rule_code)]
    pub ignore: Option<Vec<String>>,

    /// A calq.toml to apply over the one found in the current folder or its parents
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// A machine-translation model (from `calq mt train`) instead of the embedded one
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,

    /// Documents audited at once (default: the number of cores); output keeps input order
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Skip, with an error, files and JSONL records larger than this (bytes, or 50M, 1G)
    /// [default: 128M]
    #[arg(long, value_name = "SIZE")]
    pub max_bytes: Option<crate::config::ByteSize>,

    /// Standard input's name in the output; its ending says how to read it, as for a file
    /// (.jsonl or .jsonl.gz: a corpus; .html, .htm: a web page; .md: Markdown; else text)
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
}

/// One entry of `--select` or `--ignore`, after clap splits the list at commas. An empty one
/// (`--select ""`, `--select NM001,`) would match every code as a prefix, so `--select ""`
/// ran every rule and `--ignore ""` none, silently: a usage error instead, as `select = []`
/// is in `calq.toml`. Whether the code names a rule is checked later, with the config's.
fn rule_code(entry: &str) -> Result<String, String> {
    if entry.trim().is_empty() {
        return Err(
            "the list is empty or has an empty code: give comma-separated codes or prefixes \
             (GR,TY001; ALL for every rule; see `calq rules`)"
                .into(),
        );
    }
    Ok(entry.to_owned())
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the output to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Exit with 1 when a finding is at or above this severity [default: warning]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Also exit with 1 when a document is judged machine-translated (with `--fail-on never`,
    /// only then)
    #[arg(long)]
    pub fail_on_mt: bool,

    /// Apply safe fixes to the files in place, then report what is left
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// With --fix or --diff, also apply fixes that may change meaning (probable name variants)
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of the fixes instead of writing them or a report; exit 1 if any
    #[arg(long)]
    pub diff: bool,

    /// Print the time spent in each rule, and in all, on standard error
    #[arg(long)]
    pub timings: bool,

    /// When to colour the table output (NO_COLOR in the environment turns `auto` off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Files the run writes besides `--output` (`calq report`'s files), with the option that
    /// names them; not a flag. Folder walks leave them out, and a named input that is one of
    /// them is refused.
    #[arg(skip)]
    pub writes: Vec<(PathBuf, &'static str)>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// The folder to write index.html, report.md and report.json into (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Exit with 1 when a finding is at or above this severity [default: never]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Read the inputs as calq's own audit output (`calq audit -f jsonl`, or -f json) and
    /// report on those results without auditing again: the shards of a corpus audited on
    /// several machines make one report
    // The options that choose rules, glossaries, model, size limit and jobs change nothing in
    // a merge (the shards were audited already): given with it, they are a usage error
    // rather than silently ignored.
    #[arg(
        long,
        conflicts_with_all = [
            "glossaries", "no_default_glossaries", "select", "ignore", "config", "model",
            "jobs", "max_bytes",
        ]
    )]
    pub merge: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = RulesFormat::Table)]
    pub format: RulesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
    /// Every rule's explanation, as in docs/rules.md (SARIF's rule help points there)
    Markdown,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn select_takes_comma_separated_codes() {
        let cli = Cli::parse_from(["calq", "audit", "--select", "GR,TY001", "a.txt"]);
        let Command::Audit(args) = cli.command else {
            panic!("audit expected")
        };
        assert_eq!(args.input.select, Some(vec!["GR".into(), "TY001".into()]));
        assert_eq!(args.input.paths, [PathBuf::from("a.txt")]);
    }

    #[test]
    fn empty_rule_lists_and_empty_codes_are_usage_errors() {
        for flag in ["--select", "--ignore"] {
            for list in ["", " ", "NM001,", ",NM001", "GR,,TY"] {
                let err =
                    Cli::try_parse_from(["calq", "audit", flag, list, "a.txt"]).expect_err(list);
                assert_eq!(
                    err.kind(),
                    clap::error::ErrorKind::ValueValidation,
                    "{list:?}"
                );
                assert!(err.to_string().contains("empty code"), "{err}");
            }
        }
        Cli::try_parse_from([
            "calq", "audit", "--select", "NM001,GR", "--ignore", "ALL", "a",
        ])
        .expect("a list without empty codes parses");
    }
}
