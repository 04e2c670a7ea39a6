//! The `ossctl` binary: parse, decide colour and logging, run, map to an exit code. No
//! other logic (everything lives in the library's `app` layer).
//!
//! A closed stdout (`ossctl ... | head`) is not an error: the process exits 0 quietly.

use std::ffi::OsString;
use std::process::ExitCode;

use clap::{ColorChoice, FromArgMatches};

/// clap prints help and usage errors before our own colour decision exists, so it gets the
/// `--color` flag by a pre-scan (its `auto` already honours `NO_COLOR` and the terminal).
fn clap_color(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut iter = args.iter().skip(1).map(|a| a.to_str().unwrap_or(""));
    while let Some(arg) = iter.next() {
        let value = match arg {
            "--" => break,
            "--color" => iter.next().unwrap_or(""),
            _ => match arg.strip_prefix("--color=") {
                Some(v) => v,
                None => continue,
            },
        };
        choice = match value {
            "always" => ColorChoice::Always,
            "never" => ColorChoice::Never,
            _ => ColorChoice::Auto,
        };
    }
    choice
}

/// `ossctl --version` (or `-V`) and nothing else: clap's answer, printed without building the
/// whole command tree first, which was most of this command's start-up (BENCHMARKS.md,
/// issue 16). `tests/it/perf.rs` holds it byte-identical to what clap prints.
fn version_only(args: &[OsString]) -> bool {
    matches!(args, [_, flag] if flag == "--version" || flag == "-V")
}

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    if version_only(&args) {
        use std::io::Write;
        let line = format!("ossctl {}\n", env!("CARGO_PKG_VERSION"));
        // A closed stdout is not worth a message (as everywhere else: exit 0 quietly).
        let _ = std::io::stdout().lock().write_all(line.as_bytes());
        return ExitCode::SUCCESS;
    }
    // clap prints usage errors itself and exits 2, which matches our convention.
    let mut command = ossctl::cli::command().color(clap_color(&args));
    let matches = command
        .try_get_matches_from_mut(args)
        .unwrap_or_else(|e| e.exit());
    let cli = ossctl::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    // The command tree and the matches are needed no more and would be freed only to exit:
    // freeing them, piece by piece, was a seventh of a one-shot command's start-up (issue 16).
    std::mem::forget(command);
    std::mem::forget(matches);
    let ctx = ossctl::app::init(&cli.global);
    match ossctl::app::run(cli, &ctx) {
        Ok(status) => ExitCode::from(status.code()),
        Err(failure) if ossctl::app::is_broken_pipe(&failure) => ExitCode::SUCCESS,
        Err(failure) => {
            use std::io::Write;
            // Ignore errors writing to stderr: there is nowhere left to report them.
            let _ = writeln!(std::io::stderr().lock(), "{:?}", failure.report);
            ExitCode::from(failure.status.code())
        }
    }
}
