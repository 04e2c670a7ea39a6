//! `ossctl cors test`: load the rules (a file, stdin, or a bucket's live rules), build the
//! browser's request from the flags (or one per line of `--requests`), run the simulator
//! (`preflight`) and render the explanation (`render`). The exit status is the verdict.
//!
//! All CORS semantics live in `preflight`; this module only gathers input and prints.

use crate::cli::CorsTestArgs;
use crate::cli::client::ConnectionArgs;
use crate::exit::{CommandResult, Failure};

use super::Context;

/// Run `ossctl cors test`.
pub fn run(_ctx: &Context, _conn: &ConnectionArgs, _args: &CorsTestArgs) -> CommandResult {
    // Wired to `rules` + `preflight` as soon as they land on main.
    Err(Failure::usage("cors test is not built yet"))
}
