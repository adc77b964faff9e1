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
    /// List every rule: code, name, family, severity, summary
    Rules(RulesArgs),
    /// Explain a rule: what it does, why it matters, an example
    Explain {
        /// A rule code (GR001) or name (repeated-word)
        code: String,
    },
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Files or folders (walked for .txt .md .html .htm .jsonl); `-` or nothing reads standard input
    pub paths: Vec<PathBuf>,

    /// A glossary (TOML) to use besides the shipped ones; repeatable
    #[arg(long = "glossary", short = 'g', value_name = "FILE")]
    pub glossaries: Vec<PathBuf>,

    /// Do not load the shipped glossaries
    #[arg(long)]
    pub no_default_glossaries: bool,

    /// Output format
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// Write the output to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only these rule codes or prefixes (comma-separated: GR,TY001; ALL for every rule)
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub select: Option<Vec<String>>,

    /// Skip these rule codes or prefixes (comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "CODES")]
    pub ignore: Option<Vec<String>>,

    /// Exit with 1 when a finding is at or above this severity [default: warning]
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// A calq.toml to apply over the one found in the current folder or its parents
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Apply safe fixes to the files in place, then report what is left
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// With --fix or --diff, also apply fixes that may change meaning (probable name variants)
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print a unified diff of the fixes instead of writing them or a report; exit 1 if any
    #[arg(long)]
    pub diff: bool,

    /// When to colour the table output (NO_COLOR in the environment turns `auto` off)
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
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
        assert_eq!(args.select, Some(vec!["GR".into(), "TY001".into()]));
        assert_eq!(args.paths, [PathBuf::from("a.txt")]);
    }
}
