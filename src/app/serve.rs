//! Runs `ossctl serve`. Owned by the server work (issue 3). PLACEHOLDER until it lands.

use crate::cli::serve::ServeArgs;
use crate::exit::{CommandResult, Failure};

/// Run the local endpoint until Ctrl-C / SIGTERM.
pub fn run(_args: &ServeArgs) -> CommandResult {
    Err(Failure::usage("serve is not built yet"))
}
