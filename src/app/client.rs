//! The client commands: `cors put|get|delete`, `config show`, and the live parts of
//! `cors test` ([`fetch_live_rules`], [`live_report`]).
//!
//! Owns, one room each: the settings (`settings`: connection flags + environment + the
//! ossutil config file), the [`Session`] and its per-bucket [`Target`] (`session`: signed
//! calls re-signed on every retry), `oss://` operands (`url`), OSS error answers and network
//! failures as [`crate::exit::Failure`]s a person can act on (`failure`: exit 2 invalid
//! input, 3 service error, 4 network failure after retries), the multi-bucket runner and its
//! progress bar (`runner`), `--dry-run` (`dry_run`), `config show` (`config_show`), and
//! one file per command. Every item keeps its old path here through a re-export. Durable files
//! are [`crate::app::files`]; results are written by `render`.
//!
//! Signing, URLs and error bodies come from `oss`; rule documents from `rules`; CORS semantics
//! from `preflight`. This module only gathers input, calls them, and prints.

mod config_show;
mod delete;
mod dry_run;
mod failure;
mod get;
mod live;
mod probe;
mod put;
mod runner;
mod session;
mod settings;
mod url;

use std::io::{self, IsTerminal as _};

pub(crate) use crate::app::files::{backup_note, write_backup, write_file_atomic};
pub use config_show::config_show;
pub use delete::run as delete;
pub use dry_run::DryRunRequest;
pub(crate) use dry_run::print_dry_run;
pub use failure::{Signed, error_body, service_failure};
pub use get::run as get;
pub use live::{LiveReport, fetch_live_rules, live_report, live_report_text};
pub use probe::{run as probe, saved_observation};
pub use put::run as put;
pub(crate) use runner::{for_each_bucket, runtime};
pub use session::{Session, SessionError, Target};
pub use settings::{ConfigFileError, resolve};
pub use url::{OssUrlError, parse_oss_url};

/// Whether `message` is said for the first time in this process (`cors test oss://b --live`
/// opens two sessions; each warning is printed once).
fn first_time(message: &str) -> bool {
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if said.iter().any(|m| m == message) {
        return false;
    }
    said.push(message.to_string());
    true
}

/// Write a warning on stderr (also with `-q`: warnings are about safety), once per process.
fn warn(message: impl std::fmt::Display) {
    let message = message.to_string();
    if first_time(&message) {
        super::warning(message);
    }
}

/// Whether stdin and stderr are terminals (prompts are possible).
fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}
