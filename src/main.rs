//! The `ossctl` binary: parse, decide colour and logging, run, map to an exit code. No
//! other logic (everything lives in the library's `app` layer).
//!
//! A closed stdout (`ossctl ... | head`) is not an error: the process exits 0 quietly.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2, which matches our convention.
    let cli = ossctl::cli::Cli::parse();
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
