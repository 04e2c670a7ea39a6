//! Flags of the rule tools: `cors wizard`, `cors lint`, `cors diff` and `cors convert`.
//! Owned by the tools work (issue 6). Syntax only; `app::tools` and `app::wizard` do the work.

use std::path::PathBuf;

use clap::{ArgGroup, Args, ValueEnum};

use super::DocumentFormat;
use super::client::ConnectionArgs;

// Arguments of `ossctl cors wizard`.
#[derive(Debug, Clone, Args)]
pub struct WizardArgs {
    /// Connection and credentials (for --apply).
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Write the rules to this file when done (format from the extension: .xml, .yaml, .json)
    #[arg(short = 'o', long = "output-file", value_name = "FILE", value_parser = crate::cli::output_file_path)]
    pub output_file: Option<PathBuf>,

    /// Put the rules on this bucket when done (asks for confirmation; replaces its rules)
    #[arg(long, value_name = "oss://BUCKET")]
    pub apply: Option<String>,
}

// Arguments of `ossctl cors lint`.
#[derive(Debug, Clone, Args)]
#[command(group(ArgGroup::new("source").required(true).multiple(true).args(["file", "targets"])))]
pub struct LintArgs {
    /// Connection and credentials (for `oss://` sources).
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Rule files to lint, or `oss://BUCKET` for a bucket's live rules (several are linted
    /// in turn, e.g. the files pre-commit passes)
    #[arg(value_name = "FILE|oss://BUCKET")]
    pub targets: Vec<PathBuf>,

    /// Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show
    /// -json`); `-` reads stdin; repeatable
    #[arg(short, long, value_name = "FILE")]
    pub file: Vec<PathBuf>,

    /// With a Terraform plan or state: lint only this resource (default: every resource
    /// with CORS rules)
    #[arg(long, value_name = "ADDRESS")]
    pub resource: Option<String>,

    /// Format of the rule file (default: from the extension)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DocumentFormat>,

    /// Do not report findings with this id (repeatable or comma-separated), e.g.
    /// `--allow missing-response-vary`
    #[arg(
        long,
        value_name = "ID",
        value_delimiter = ',',
        ignore_case = true,
        value_parser = clap::builder::PossibleValuesParser::new(LINT_IDS),
        hide_possible_values = true
    )]
    pub allow: Vec<String>,

    /// Exit 1 when any warning remains (notes never fail)
    #[arg(long)]
    pub strict: bool,
}

/// The ids `--allow` accepts (for completions and clap's "did you mean"); the same list as
/// `lint::LintId::ALL`, which a test in `app::tools` checks.
pub const LINT_IDS: [&str; 15] = [
    "dead-origin",
    "shadowed-rule",
    "wildcard-suffix-takeover",
    "wildcard-prefix-takeover",
    "null-origin",
    "http-and-https",
    "wildcard-write",
    "max-age-above-cap",
    "preflight-not-cached",
    "missing-response-vary",
    "duplicate",
    "redundant-value",
    "missing-upload-headers",
    "etag-not-exposed",
    "actual-request-other-rule",
];

// Arguments of `ossctl cors diff`.
#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// Connection and credentials (for `oss://` sources).
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The old side: a rule file, `-` for stdin, or `oss://BUCKET` for its live rules
    #[arg(value_name = "A")]
    pub a: String,

    /// The new side: a rule file, `-` for stdin, or `oss://BUCKET` for its live rules
    #[arg(value_name = "B")]
    pub b: String,

    /// Format of rule files whose extension does not say (default: from the extension)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<DocumentFormat>,

    /// With a Terraform plan or state: compare only this resource. Without it every
    /// resource with CORS rules is compared; against `oss://` (no bucket name) each
    /// resource is compared with the live rules of its own bucket
    #[arg(long, value_name = "ADDRESS")]
    pub resource: Option<String>,
}

// Arguments of `ossctl cors convert`.
#[derive(Debug, Clone, Args)]
pub struct ConvertArgs {
    /// Connection and credentials (for `oss://` sources).
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// The document to convert: a file, `-` for stdin, or `oss://BUCKET` for its live rules
    #[arg(value_name = "IN")]
    pub input: String,

    /// Where to write the result (default: stdout; `-` is stdout too)
    #[arg(short = 'o', long = "output-file", value_name = "OUT", value_parser = crate::cli::output_file_path)]
    pub output_file: Option<PathBuf>,

    /// Format to write (default: from OUT's extension, where .json is ossctl's JSON: AWS S3
    /// JSON is written only with `--to s3-json`; required when writing to stdout)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub to: Option<ConvertFormat>,

    /// Format of IN (default: from its extension; a .json file holding `CORSRules`, bare or
    /// wrapped in `CORSConfiguration`, is S3 JSON; one holding `format_version` is
    /// Terraform's `show -json` output)
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<ConvertFormat>,

    /// With a Terraform plan or state as IN: the resource to convert (needed when it holds
    /// several)
    #[arg(long, value_name = "ADDRESS")]
    pub resource: Option<String>,

    /// With --to terraform: the bucket the resource block names (default: the bucket of
    /// an oss:// or Terraform input)
    #[arg(long, value_name = "BUCKET")]
    pub bucket: Option<String>,
}

/// Formats `cors convert` reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertFormat {
    /// OSS XML (`<CORSConfiguration>`)
    Xml,
    /// YAML (ossctl's schema)
    Yaml,
    /// JSON (ossctl's schema)
    Json,
    /// AWS S3 JSON, as `aws s3api get-bucket-cors` prints it (`{"CORSRules": [...]}`); read
    /// also wrapped, as `put-bucket-cors --cors-configuration` takes it
    /// (`{"CORSConfiguration": {"CORSRules": [...]}}`)
    S3Json,
    /// Terraform: writes an alicloud_oss_bucket_cors resource block (HCL); reads the output
    /// of `terraform show -json` (a plan or a state)
    Terraform,
}
