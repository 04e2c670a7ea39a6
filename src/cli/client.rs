//! Flags of the commands that talk to an endpoint (`cors put|get|delete`, `config show`) and
//! the connection/credential options they share. Syntax only: `app::client` resolves them
//! (with the environment and the ossutil config file, see `config`).
//!
//! Environment variables are deliberately *not* read by clap here: `config` reads them so
//! that `config show` can say where every value came from.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

// Connection, credential and retry options shared by every command that talks to OSS.
//
// Flattened into each command that talks to OSS (and, for `ossctl --endpoint ... cors get`,
// into the top level; [`ConnectionArgs::overlay`] merges the two). Not `global`: `serve` has
// its own `--access-key-id`, `--region`, ... meaning the credentials it *accepts*.
#[derive(Debug, Clone, Default, Args)]
#[command(
    after_help = super::SHORT_HELP_FOOTER,
    after_long_help = super::LONG_HELP_FOOTER
)]
pub struct ConnectionArgs {
    /// OSS endpoint: `oss-cn-hangzhou.aliyuncs.com`, `https://…` or `http://127.0.0.1:9000`
    /// [env: OSS_ENDPOINT]
    #[arg(
        long,
        value_name = "URL",
        help_heading = "Connection",
        hide_short_help = true
    )]
    pub endpoint: Option<String>,

    /// Region for signature V4, e.g. `cn-hangzhou` (derived from `oss-<region>.aliyuncs.com`
    /// endpoints when absent) [env: OSS_REGION]
    #[arg(
        long,
        value_name = "REGION",
        help_heading = "Connection",
        hide_short_help = true
    )]
    pub region: Option<String>,

    /// AccessKeyId [env: OSS_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_ID]
    #[arg(
        long,
        value_name = "ID",
        help_heading = "Credentials",
        hide_short_help = true
    )]
    pub access_key_id: Option<String>,

    /// AccessKeySecret. Prefer the environment or the config file: a command line is
    /// visible to other users [env: OSS_ACCESS_KEY_SECRET, ALIBABA_CLOUD_ACCESS_KEY_SECRET]
    #[arg(
        long,
        value_name = "SECRET",
        help_heading = "Credentials",
        hide_short_help = true
    )]
    pub access_key_secret: Option<String>,

    /// STS security token for temporary credentials [env: OSS_SESSION_TOKEN,
    /// ALIBABA_CLOUD_SECURITY_TOKEN]
    #[arg(
        long,
        value_name = "TOKEN",
        help_heading = "Credentials",
        hide_short_help = true
    )]
    pub sts_token: Option<String>,

    /// ossutil config file (1.x `[Credentials]` or 2.x `[default]`/`[profile NAME]` layout)
    /// [env: OSSUTIL_CONFIG_FILE] [default: ~/.ossutilconfig]
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Credentials",
        hide_short_help = true
    )]
    pub config_file: Option<PathBuf>,

    /// Profile (section) of the config file to use [env: OSSUTIL_PROFILE]
    #[arg(
        long,
        value_name = "NAME",
        help_heading = "Credentials",
        hide_short_help = true
    )]
    pub profile: Option<String>,

    /// Request signature version [default: v4] [env: OSS_SIGN_VERSION]
    #[arg(long, value_enum, help_heading = "Connection", hide_short_help = true)]
    pub sign_version: Option<SignVersionArg>,

    /// How the bucket is addressed [default: virtual for hostnames, path for IP addresses and
    /// localhost] [env: OSS_ADDRESSING_STYLE]
    #[arg(long, value_enum, help_heading = "Connection", hide_short_help = true)]
    pub addressing_style: Option<AddressingStyleArg>,

    /// Retries after the first attempt, for connection errors, timeouts, 5xx and 429
    /// [default: 3]
    #[arg(
        long,
        value_name = "N",
        help_heading = "Connection",
        hide_short_help = true
    )]
    pub retries: Option<u32>,

    /// Connect timeout in seconds [default: 10]
    #[arg(
        long,
        value_name = "SECS",
        help_heading = "Connection",
        hide_short_help = true
    )]
    pub connect_timeout: Option<f64>,

    /// Timeout of each attempt in seconds [default: 60]
    #[arg(
        long,
        value_name = "SECS",
        help_heading = "Connection",
        hide_short_help = true
    )]
    pub timeout: Option<f64>,

    /// Extra CA certificates (PEM) to trust besides the system's
    #[arg(
        long,
        value_name = "FILE",
        help_heading = "Connection",
        hide_short_help = true
    )]
    pub ca_bundle: Option<PathBuf>,
}

impl ConnectionArgs {
    /// `self` (given before the subcommand) overridden by every option set in `sub` (given
    /// after it).
    pub fn overlay(&self, sub: &ConnectionArgs) -> ConnectionArgs {
        fn pick<T: Clone>(top: &Option<T>, sub: &Option<T>) -> Option<T> {
            sub.clone().or_else(|| top.clone())
        }
        ConnectionArgs {
            endpoint: pick(&self.endpoint, &sub.endpoint),
            region: pick(&self.region, &sub.region),
            access_key_id: pick(&self.access_key_id, &sub.access_key_id),
            access_key_secret: pick(&self.access_key_secret, &sub.access_key_secret),
            sts_token: pick(&self.sts_token, &sub.sts_token),
            config_file: pick(&self.config_file, &sub.config_file),
            profile: pick(&self.profile, &sub.profile),
            sign_version: pick(&self.sign_version, &sub.sign_version),
            addressing_style: pick(&self.addressing_style, &sub.addressing_style),
            retries: pick(&self.retries, &sub.retries),
            connect_timeout: pick(&self.connect_timeout, &sub.connect_timeout),
            timeout: pick(&self.timeout, &sub.timeout),
            ca_bundle: pick(&self.ca_bundle, &sub.ca_bundle),
        }
    }
}

/// `--sign-version`: clap's list of the values of `oss::SignatureVersion` (`app` converts
/// with `From`; `cli` depends on nothing else in the crate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SignVersionArg {
    /// OSS4-HMAC-SHA256.
    V4,
    /// HMAC-SHA1.
    V1,
}

/// `--addressing-style`: clap's list of the values of `oss::endpoint::AddressingStyle`
/// (`app` converts with `From`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AddressingStyleArg {
    /// `https://bucket.endpoint/key`.
    Virtual,
    /// `https://endpoint/bucket/key`.
    Path,
    /// `https://your-domain/key` (the endpoint is the bucket's CNAME).
    Cname,
}

/// Document formats for `cors get` output and `cors put -f` input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocFormatArg {
    /// OSS XML.
    Xml,
    /// YAML.
    Yaml,
    /// JSON.
    Json,
}

// `ossctl cors put`.
#[derive(Debug, Clone, Args)]
pub struct CorsPutArgs {
    /// Connection and credentials.
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Buckets to configure, `oss://bucket` (several run concurrently)
    #[arg(required = true, value_name = "oss://BUCKET")]
    pub buckets: Vec<String>,

    /// Rule file (XML, YAML or JSON by extension; `-` reads stdin)
    #[arg(short = 'f', long = "file", value_name = "FILE", conflicts_with_all = ["origins", "methods"])]
    pub file: Option<String>,

    /// Format of the rule file (default: from the extension; XML for stdin unless it looks
    /// like YAML or JSON)
    #[arg(long, value_enum)]
    pub format: Option<DocFormatArg>,

    /// One rule from flags: allowed origin (repeatable)
    #[arg(
        long = "origin",
        value_name = "ORIGIN",
        help_heading = "Rule from flags"
    )]
    pub origins: Vec<String>,

    /// Allowed method: GET PUT POST DELETE HEAD (repeatable; commas allowed)
    #[arg(
        long = "method",
        value_name = "METHOD",
        value_delimiter = ',',
        help_heading = "Rule from flags"
    )]
    pub methods: Vec<String>,

    /// Allowed request header (repeatable)
    #[arg(
        long = "allowed-header",
        value_name = "HEADER",
        help_heading = "Rule from flags"
    )]
    pub allowed_headers: Vec<String>,

    /// Header the browser may expose to scripts (repeatable)
    #[arg(
        long = "expose-header",
        value_name = "HEADER",
        help_heading = "Rule from flags"
    )]
    pub expose_headers: Vec<String>,

    /// Preflight cache time in seconds
    #[arg(long, value_name = "SECS", help_heading = "Rule from flags")]
    pub max_age: Option<u64>,

    /// Send `Vary: Origin` on every response (ResponseVary)
    #[arg(long, help_heading = "Rule from flags")]
    pub response_vary: Option<bool>,

    /// Append the rules to the bucket's current rules instead of replacing them (at most
    /// 10); a rule the bucket already has is skipped, with a note
    #[arg(long)]
    pub merge: bool,

    /// Save the bucket's current configuration to FILE before writing (one bucket), or to
    /// FILE with the bucket name inserted when there are several. An existing file is never
    /// overwritten: the backup then goes to FILE with a timestamp inserted, and the result
    /// line names it
    #[arg(long, value_name = "FILE")]
    pub backup: Option<PathBuf>,

    /// Write even when the bucket already has exactly these rules (by default the current
    /// rules are read first and an unchanged bucket is skipped with `no change`)
    #[arg(long)]
    pub force: bool,

    /// Print the exact HTTP request (signature and secrets masked) and send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Read the configuration back after writing and compare
    #[arg(long)]
    pub verify: bool,

    /// Do not show the diff against the live rules or ask before writing (on a terminal,
    /// `cors put` otherwise shows the diff and asks)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Buckets processed at the same time
    #[arg(long, short = 'j', value_name = "N", default_value_t = 4)]
    pub jobs: usize,
}

// `ossctl cors get`.
#[derive(Debug, Clone, Args)]
pub struct CorsGetArgs {
    /// Connection and credentials.
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The bucket, `oss://bucket`
    #[arg(value_name = "oss://BUCKET")]
    pub bucket: String,

    /// Document format of the output [default: json or yaml with `--output-format json|yaml`,
    /// else from the extension of `-o FILE`, else xml]
    #[arg(long, value_enum)]
    pub format: Option<DocFormatArg>,

    /// Write to FILE instead of stdout
    #[arg(short = 'o', long = "output-file", value_name = "FILE", value_parser = crate::cli::output_file_path)]
    pub output_file: Option<PathBuf>,
}

// `ossctl cors delete`.
#[derive(Debug, Clone, Args)]
pub struct CorsDeleteArgs {
    /// Connection and credentials.
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Buckets whose CORS configuration to delete, `oss://bucket`
    #[arg(required = true, value_name = "oss://BUCKET")]
    pub buckets: Vec<String>,

    /// Do not ask for confirmation (required when stdin is not a terminal)
    #[arg(long, short = 'y')]
    pub yes: bool,

    /// Save the current configuration to FILE before deleting (an existing file is never
    /// overwritten: the backup then goes to FILE with a timestamp inserted)
    #[arg(long, value_name = "FILE")]
    pub backup: Option<PathBuf>,

    /// Print the exact HTTP request (signature and secrets masked) and send nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Buckets processed at the same time
    #[arg(long, short = 'j', value_name = "N", default_value_t = 4)]
    pub jobs: usize,
}

// `ossctl config show`.
#[derive(Debug, Clone, Args)]
pub struct ConfigShowArgs {
    /// Connection and credentials.
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Also show the settings that apply to this bucket (`oss://bucket`)
    #[arg(value_name = "oss://BUCKET")]
    pub bucket: Option<String>,
}
