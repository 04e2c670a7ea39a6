//! Arguments of `ossctl cors probe`.

use std::path::PathBuf;

use clap::Args;

use super::client::ConnectionArgs;

// `ossctl cors probe oss://BUCKET[/KEY]`.
#[derive(Debug, Clone, Args)]
pub struct CorsProbeArgs {
    /// Connection and credentials.
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The bucket to probe, and optionally an existing object whose signed GET succeeds
    /// (it decides how actual responses carry CORS headers)
    #[arg(value_name = "oss://BUCKET[/KEY]")]
    pub target: String,

    /// Write a probe configuration built to decide every field, run the full probe, then put
    /// back exactly what was there (backup first; restored also on Ctrl-C/SIGTERM). Use a
    /// scratch bucket: browsers are answered by the probe rules meanwhile
    #[arg(long)]
    pub scratch: bool,

    /// With --scratch: do not ask for confirmation (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// With --scratch: where to save the original configuration (default:
    /// ossctl-probe-backup.BUCKET.xml in the current directory; an existing file is never
    /// overwritten)
    #[arg(long, value_name = "FILE")]
    pub backup: Option<PathBuf>,

    /// Write what was observed as a behaviour file (YAML, or JSON for a .json name) that
    /// `cors test --behaviour` and `serve --behaviour` read
    #[arg(short = 'o', long = "output-file", value_name = "FILE", value_parser = crate::cli::output_file_path)]
    pub output_file: Option<PathBuf>,

    /// Remember what was observed for this endpoint (in the user's config directory): later
    /// `cors test oss://...` runs against it use it and say so
    #[arg(long)]
    pub save: bool,
}
