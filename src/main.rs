//! calq's binary: parse arguments, run the command, map the outcome to an exit code
//! (0 clean, 1 findings at or above `--fail-on`, 2 usage or input errors).

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = calq::cli::Cli::parse();
    let Ok(cwd) = std::env::current_dir() else {
        let _ = writeln!(
            std::io::stderr(),
            "calq: error: the current folder cannot be read"
        );
        return ExitCode::from(2);
    };
    let stdout = std::io::stdout();
    let env = calq::run::Env {
        cwd: &cwd,
        stdout_is_terminal: stdout.is_terminal(),
        stderr_is_terminal: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        stdin_is_terminal: std::io::stdin().is_terminal(),
        width: calq::run::output_width(stdout.is_terminal()),
    };
    let mut out = std::io::BufWriter::new(stdout.lock());
    // Messages quote file names and record ids: no control character reaches the terminal.
    let mut err = calq::terminal::Printable::new(std::io::stderr().lock());
    match calq::run::run(&cli.command, &env, &mut out, &mut err) {
        Ok(outcome) if outcome.input_errors > 0 => ExitCode::from(2),
        Ok(outcome) if outcome.failed => ExitCode::from(1),
        Ok(_) => ExitCode::SUCCESS,
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "calq: error: {e}");
            ExitCode::from(2)
        }
    }
}
