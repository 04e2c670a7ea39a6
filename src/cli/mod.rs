//! Command-line types (clap derive): the one definition of the `ossctl` command line.
//!
//! Owns: every subcommand, flag and its prose. Help, man pages (`man/`) and shell
//! completions (`completions/`) are all generated from [`command()`], so the doc comments
//! here are the user documentation; keep them precise.
//!
//! Syntax only: nothing here reads the environment, files or the TTY (clap's `env` fallbacks
//! aside). `app` resolves these types into work; the library never sees clap types past
//! `app`. Must not depend on any other module of the crate except the flag groups in
//! [`client`] and [`serve`] (owned by the client and server work).
//!
//! A command's help text is the doc comment on its enum variant. The argument structs carry
//! plain `//` comments instead: clap's derive makes a struct's doc comment the about text of
//! whatever command the struct is added to, and subcommands are deferred (see [`command()`]),
//! so it would replace the variant's text.

pub mod client;
pub mod probe;
pub mod serve;
pub mod tools;

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use self::client::ConnectionArgs;
use self::serve::ServeArgs;

/// Manage and explain Alibaba Cloud OSS bucket CORS rules.
///
/// ossctl reads, writes and tests the CORS configuration of OSS buckets, explains why a
/// browser blocks (or allows) a cross-origin request, and runs a local OSS-compatible
/// endpoint for offline work.
///
/// Exit status: 0 success (cors test: the browser allows the request); 1 a negative answer
/// (cors test: blocked); 2 usage error or invalid input, nothing sent; 3 the service answered
/// with an error; 4 network failure after retries.
#[derive(Debug, Parser)]
#[command(
    name = "ossctl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Options every command understands.
    #[command(flatten)]
    pub global: GlobalArgs,

    /// Connection, credential and retry options.
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command understands (output format, verbosity, colour).
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// Format of the results on stdout: text, json or yaml (also spelled `--output`); for CI:
    /// sarif (cors lint), junit (cors test --requests), github (annotations for lint findings,
    /// blocked --requests lines and invalid rule documents). Messages and errors always go to
    /// stderr. Not a file name: `-o/--output-file FILE` writes to a file
    #[arg(
        long = "output-format",
        visible_alias = "output",
        value_parser = OutputFormatParser,
        default_value = "text",
        global = true,
        value_name = "FORMAT",
        hide_short_help = true
    )]
    pub output: OutputArg,

    /// Print only results and errors, no progress or notes
    #[arg(
        short,
        long,
        global = true,
        conflicts_with = "verbose",
        hide_short_help = true
    )]
    pub quiet: bool,

    /// Log more on stderr (-v: info, -vv: debug, -vvv: trace); secrets are always masked
    #[arg(short, long, action = clap::ArgAction::Count, global = true, hide_short_help = true)]
    pub verbose: u8,

    /// Log every HTTP exchange and internal step on stderr (secrets masked)
    #[arg(long, global = true, hide_short_help = true)]
    pub debug: bool,

    /// When to use colour: auto uses it only on a terminal and never when NO_COLOR is set
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, global = true, value_name = "WHEN", hide_short_help = true)]
    pub color: ColorWhen,
}

/// What `--output` accepts: the result formats, plus the CI formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputArg {
    /// Human-readable text
    Text,
    /// JSON (one document, or one object per line for streams)
    Json,
    /// YAML
    Yaml,
    /// SARIF 2.1.0 (cors lint), for GitHub code scanning and other SARIF viewers
    Sarif,
    /// GitHub Actions workflow commands (::warning file=F,line=L::...), beside the text
    Github,
    /// JUnit XML (cors test --requests), one test case per request
    Junit,
}

/// The format of results on stdout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable text
    Text,
    /// JSON (one document, or one object per line for streams)
    Json,
    /// YAML
    Yaml,
}

/// Parses `--output-format` like a `ValueEnum`, and when the value looks like a file name
/// (`--output rules.yaml`) says that `-o/--output-file` is the flag for files.
#[derive(Debug, Clone, Copy)]
pub struct OutputFormatParser;

impl clap::builder::TypedValueParser for OutputFormatParser {
    type Value = OutputArg;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<OutputArg, clap::Error> {
        use clap::error::{ContextKind, ContextValue};
        clap::builder::EnumValueParser::<OutputArg>::new()
            .parse_ref(cmd, arg, value)
            .map_err(|mut e| {
                let v = value.to_string_lossy();
                if v.contains(['.', '/']) || v == "-" {
                    e.insert(
                        ContextKind::Suggested,
                        ContextValue::StyledStrs(vec![
                            format!(
                                "--output-format (also spelled --output) is the format of the \
                                 results; to write to a file, use -o/--output-file {v}"
                            )
                            .into(),
                        ]),
                    );
                }
                e
            })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        Some(Box::new(
            OutputArg::value_variants()
                .iter()
                .filter_map(ValueEnum::to_possible_value),
        ))
    }
}

/// Why `-o/--output-file` refused its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OutputFileError {
    /// The value is a format name (`-o json`).
    #[error(
        "-o/--output-file takes a file name, and `{0}` is a format: give the format with \
         --output-format {0} (cors get: --format, cors convert: --to), or write -o ./{0} for a \
         file of that name"
    )]
    FormatName(String),
    /// The value is empty.
    #[error("-o/--output-file needs a file name")]
    Empty,
}

/// `-o/--output-file`: a path, but never a bare format name (`-o json` would write a file
/// called `json` where `--output-format json` was meant). `./json` is still a file.
pub fn output_file_path(value: &str) -> Result<PathBuf, OutputFileError> {
    const FORMATS: [&str; 6] = ["text", "json", "yaml", "yml", "xml", "s3-json"];
    if FORMATS.contains(&value.to_ascii_lowercase().as_str()) {
        return Err(OutputFileError::FormatName(value.to_string()));
    }
    if value.is_empty() {
        return Err(OutputFileError::Empty);
    }
    Ok(PathBuf::from(value))
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal unless NO_COLOR is set
    Auto,
    /// Always colour (also when piped)
    Always,
    /// Never colour
    Never,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Read, write and test bucket CORS rules
    #[command(subcommand, after_help = SHORT_HELP_FOOTER_GLOBAL)]
    Cors(CorsCommand),

    /// Show the resolved connection settings and their sources
    #[command(subcommand, after_help = SHORT_HELP_FOOTER_GLOBAL)]
    Config(ConfigCommand),

    /// Run a local OSS-compatible endpoint (buckets, objects, CORS, preflights, signatures)
    ///
    /// For offline work, demos and CI: buckets, simple objects, the bucket CORS APIs, OPTIONS
    /// preflights answered by the same simulator as `ossctl cors test`, V1/V4 signature checks
    /// and durable storage.
    ///
    /// Path style: http://127.0.0.1:9000/<bucket>/<key>. Virtual-host style:
    /// http://<bucket>.localhost:9000/<key> (browsers resolve *.localhost to loopback).
    Serve(ServeArgs),

    /// Print a shell completion script on stdout
    ///
    /// Install, for example: `ossctl completions bash > ~/.local/share/bash-completion/completions/ossctl`,
    /// `ossctl completions zsh > ~/.zfunc/_ossctl` (with ~/.zfunc in fpath), or
    /// `ossctl completions fish > ~/.config/fish/completions/ossctl.fish`.
    Completions(CompletionsArgs),

    /// Write the man pages (ossctl.1 and one per subcommand) into a directory
    #[command(hide = true)]
    GenerateMan(GenerateManArgs),
}

/// `ossctl cors ...`
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CorsCommand {
    /// Simulate a browser's cross-origin request against CORS rules and explain the verdict
    ///
    /// Shows the request the browser sends and whether (and why) it needs a preflight, each
    /// rule in order with why it does or does not match, the headers OSS answers with, the
    /// verdict, and a suggested fix. The rules come from a file (`-f`) or from a bucket
    /// (`oss://BUCKET`, fetched with GetBucketCors); only `--live` sends the browser's own
    /// requests to the endpoint and compares its real answers.
    ///
    /// Exit status: 0 allowed, 1 blocked (with --requests: any request blocked), 2 invalid
    /// input, 3 service error, 4 network failure.
    Test(CorsTestArgs),

    /// Replace a bucket's CORS rules (PutBucketCors) from a file or from flags
    ///
    /// The rules are validated first: invalid rules exit 2 and nothing is sent. PutBucketCors
    /// replaces every rule; `--merge` appends to the current rules instead and `--backup`
    /// saves them first. Several buckets run concurrently (`--jobs`), with a result line per
    /// bucket; the exit status is the worst result.
    ///
    /// Exit status: 0 written, 2 invalid input, 3 service error, 4 network failure.
    Put(client::CorsPutArgs),

    /// Print a bucket's CORS rules (GetBucketCors) as XML, YAML or JSON
    ///
    /// Exit status: 0 printed, 3 service error (also: the bucket has no CORS rules), 4
    /// network failure.
    Get(client::CorsGetArgs),

    /// Delete a bucket's CORS rules (DeleteBucketCors), after confirmation
    ///
    /// Asks on a terminal unless `--yes`; without a terminal and without `--yes` it refuses.
    ///
    /// Exit status: 0 deleted, 1 not confirmed, 2 refused/invalid input, 3 service error, 4
    /// network failure.
    Delete(client::CorsDeleteArgs),

    /// Build rules interactively: origins, methods, headers; test them; write or apply them
    ///
    /// Checks each origin as you type it, shows the resulting document and its lint
    /// findings, runs `cors test` on requests you describe, then writes the file (`-o`) and/or
    /// puts it on a bucket (`--apply`). Needs a terminal; without one it exits 2 (write a rule
    /// file, or use `cors put` with `--origin`/`--method` flags, instead).
    Wizard(tools::WizardArgs),

    /// Find rules that are dead, shadowed, unsafe or ignored by browsers
    ///
    /// Each finding has a stable id (dead-origin, shadowed-rule, wildcard-suffix-takeover,
    /// wildcard-prefix-takeover, null-origin, http-and-https, wildcard-write,
    /// max-age-above-cap, preflight-not-cached, missing-response-vary, duplicate, redundant-value,
    /// missing-upload-headers, etag-not-exposed, actual-request-other-rule), the rule number
    /// and a fix.
    ///
    /// Exit status: 0 (also with findings, unless --strict), 1 with --strict and a warning,
    /// 2 invalid input.
    Lint(tools::LintArgs),

    /// Compare two rule sets rule by rule (files or live buckets)
    ///
    /// Shows added, removed, moved and changed rules with field-level changes, and
    /// ResponseVary. Value order and header-name case do not count as differences; rule order
    /// does.
    ///
    /// Exit status: 0 equal, 1 different, 2 invalid input.
    Diff(tools::DiffArgs),

    /// List what OSS is taken to do where its documentation is silent, with the evidence
    ///
    /// Every behaviour field: its value, its status (documented by OSS, observed on a real
    /// endpoint, or assumed), the evidence (a sentence naming the source) and its
    /// alternatives. `cors test` and `serve` take other values with `--assume NAME=VALUE`
    /// or `--behaviour FILE`; this command shows the result of the same flags. With
    /// `--output yaml` or `json` it prints a behaviour file that `--behaviour` reads.
    ///
    /// Exit status: 0 printed, 2 invalid input.
    Behaviour(BehaviourCmdArgs),

    /// Ask a live bucket what OSS does where its documentation is silent, and record it
    ///
    /// Reads the bucket's rules (GetBucketCors) and sends the requests that decide each
    /// behaviour field those rules can decide: unsigned preflights and GETs with an Origin,
    /// signed reads; it never writes. `--scratch` writes a probe configuration that decides
    /// every field and restores the original afterwards (backup first, also on Ctrl-C). One
    /// row per field: ossctl's default, what the endpoint showed, whether they agree, and the
    /// evidence (request id, response header lines). `-o FILE` writes a behaviour file;
    /// `--save` remembers it for this endpoint.
    ///
    /// Exit status: 0 every decided field agrees with ossctl's defaults, 1 one differs (or an
    /// answer fits none of a field's values), 2 invalid input or refused (no terminal without
    /// --yes), 3 service error or a failed restore, 4 network failure, 130 interrupted (the
    /// original configuration restored first).
    Probe(probe::CorsProbeArgs),

    /// Convert rules between OSS XML, YAML, JSON and AWS S3 JSON
    ///
    /// S3 rule IDs (and, going to S3, ResponseVary) have no counterpart and are dropped with a
    /// note on stderr. Rules going to an OSS format are validated against OSS's limits.
    Convert(tools::ConvertArgs),
}

/// `ossctl config ...`
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ConfigCommand {
    /// Show every resolved setting (endpoint, region, credentials, ...) and where it came from
    ///
    /// Sources, highest first: flags, environment, the ossutil config file, defaults. Secrets
    /// are masked.
    Show(client::ConfigShowArgs),
}

// Arguments of `ossctl cors test`.
#[derive(Debug, Clone, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["file", "target"])))]
pub struct CorsTestArgs {
    /// Connection and credentials (for `oss://` targets and `--live`).
    #[command(flatten)]
    pub connection: ConnectionArgs,

    /// Test against the live rules of this bucket (`oss://bucket` or `oss://bucket/key`)
    #[arg(value_name = "oss://BUCKET[/KEY]")]
    pub target: Option<String>,

    /// Rule file (OSS XML, YAML, JSON, or a Terraform plan/state from `terraform show
    /// -json`); `-` reads stdin
    #[arg(short, long, value_name = "FILE")]
    pub file: Option<PathBuf>,

    /// Format of the rule file (default: from the extension, else from the first character)
    #[arg(long, value_enum, value_name = "FORMAT", conflicts_with = "target")]
    pub format: Option<DocumentFormat>,

    /// The page's origin, e.g. https://app.example.com
    #[arg(long, value_name = "URL", required_unless_present = "requests")]
    pub origin: Option<String>,

    /// The request method as passed to fetch(); get/put/post/delete/head/options are upper-cased
    #[arg(
        long,
        short = 'X',
        value_name = "METHOD",
        required_unless_present = "requests"
    )]
    pub method: Option<String>,

    /// A request header, curl style `Name: value`; a bare `Name` means a non-safelisted value
    #[arg(short = 'H', long = "header", value_name = "HEADER")]
    pub headers: Vec<String>,

    /// The request is sent with credentials (cookies, `credentials: "include"`)
    #[arg(long)]
    pub credentials: bool,

    /// The object path the request goes to, e.g. /dir/obj.txt
    #[arg(long, value_name = "PATH")]
    pub path: Option<String>,

    /// Evaluate many requests: a JSON Lines file, one object per line with the fields
    /// origin, method, headers (a list of "Name: value" strings or an object),
    /// credentials, path; `-` reads stdin
    #[arg(
        long,
        value_name = "FILE.jsonl",
        conflicts_with_all = ["origin", "method", "headers", "credentials", "path", "live"]
    )]
    pub requests: Option<PathBuf>,

    /// With --requests: worker threads simulating lines at the same time (output stays in
    /// input order) [default: the available cores]
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        requires = "requests",
        value_parser = clap::value_parser!(u32).range(1..=1024)
    )]
    pub jobs: Option<u32>,

    /// Also send the real preflight and actual request to the endpoint and compare
    #[arg(long, conflicts_with = "file")]
    pub live: bool,

    /// The status the actual request's operation ends with (default: success). OSS sends no
    /// CORS headers on a 403 (a signature or permission refusal, documented); for other
    /// errors (404 NoSuchKey...) whether it does is an assumption
    #[arg(
        long,
        value_name = "STATUS",
        value_parser = clap::value_parser!(u16).range(100..=599),
        hide_short_help = true
    )]
    pub response_status: Option<u16>,

    /// The browser engine to speak for: how long it reuses the preflight and the console
    /// text it shows; `all` puts the engines side by side and marks where they differ
    #[arg(
        long,
        value_enum,
        value_name = "ENGINE",
        default_value = "chromium",
        conflicts_with = "requests"
    )]
    pub browser: BrowserArg,

    /// With a Terraform plan or state (`terraform show -json`) as FILE: test only this
    /// resource, e.g. alicloud_oss_bucket_cors.site (default: every resource with CORS rules)
    #[arg(long, value_name = "ADDRESS", hide_short_help = true)]
    pub resource: Option<String>,

    /// What OSS is taken to do where its documentation is silent.
    #[command(flatten)]
    pub behaviour: BehaviourArgs,
}

/// `cors test --browser`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BrowserArg {
    /// Chromium (Chrome, Edge, Opera, ...)
    Chromium,
    /// Firefox
    Firefox,
    /// Every engine, side by side
    All,
}

// Where OSS's undocumented behaviour comes from (`cors test`, `cors behaviour`, `serve`).
#[derive(Debug, Clone, Default, Args)]
#[command(next_help_heading = "OSS behaviour")]
pub struct BehaviourArgs {
    /// Take OSS to behave this way: NAME=VALUE, e.g. allow-credentials=false (repeatable;
    /// `ossctl cors behaviour` lists every name and value)
    #[arg(long = "assume", value_name = "NAME=VALUE")]
    pub assume: Vec<String>,

    /// Read OSS's behaviour from a YAML or JSON file (the shape `ossctl cors behaviour
    /// --output yaml` prints); `--assume` applies on top
    #[arg(
        long = "behaviour",
        id = "behaviour_file",
        value_name = "FILE",
        hide_short_help = true
    )]
    pub file: Option<PathBuf>,
}

// Arguments of `ossctl cors behaviour`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SHORT_HELP_FOOTER_GLOBAL)]
pub struct BehaviourCmdArgs {
    /// The behaviour to show (defaults, a file, assumptions).
    #[command(flatten)]
    pub behaviour: BehaviourArgs,
}

/// Rule document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocumentFormat {
    /// OSS XML (`<CORSConfiguration>`)
    Xml,
    /// YAML (`rules: [{allowed_origins: [...], ...}]`)
    Yaml,
    /// JSON (same schema as YAML)
    Json,
}

// Arguments of `ossctl completions`.
#[derive(Debug, Clone, Args)]
#[command(after_help = SHORT_HELP_FOOTER_GLOBAL)]
pub struct CompletionsArgs {
    /// The shell to generate the script for
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Shells with completion support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    /// Bash
    Bash,
    /// Zsh
    Zsh,
    /// Fish
    Fish,
    /// PowerShell
    Powershell,
    /// Elvish
    Elvish,
}

impl Shell {
    /// Every supported shell, in the order the files are generated.
    pub const ALL: [Self; 5] = [
        Self::Bash,
        Self::Zsh,
        Self::Fish,
        Self::Powershell,
        Self::Elvish,
    ];

    /// The name of the completion file for this shell under `completions/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Bash => "ossctl.bash",
            Self::Zsh => "_ossctl",
            Self::Fish => "ossctl.fish",
            Self::Powershell => "_ossctl.ps1",
            Self::Elvish => "ossctl.elv",
        }
    }
}

// Arguments of the hidden `ossctl generate-man`.
#[derive(Debug, Clone, Args)]
pub struct GenerateManArgs {
    /// Directory to write the pages into (created if missing)
    pub dir: PathBuf,
}

/// The full clap command, for help, completions, man pages and tests.
///
/// `-h` is the short form: each command's own options. The connection, credential and global
/// options (about 20 lines repeated on every command) are in `--help` only, under their
/// headings, and `-h` ends with a line saying so: [`SHORT_HELP_FOOTER`] on every command with
/// the connection flags (declared once, on [`ConnectionArgs`]), [`SHORT_HELP_FOOTER_GLOBAL`]
/// on the others. Environment values are never shown in help (`[env: NAME]`, not
/// `[env: NAME=]` or the value of a variable that holds a key): every `env` argument says
/// `hide_env_values`. A test walks the built tree and holds both rules.
///
/// Every subcommand's arguments are added only when clap reaches that subcommand
/// (`#[command(defer = true)]` on the subcommand enums): a one-shot command builds its own
/// branch, not the whole tree, which was a quarter of `ossctl cors get`'s instructions
/// (issue 16). Help, completions and man pages build the whole tree as before.
pub fn command() -> clap::Command {
    Cli::command()
}

/// The `-h` footer of the commands that take the connection flags.
pub(crate) const SHORT_HELP_FOOTER: &str = "Connection, credential and global options \
     (--endpoint, --region, --access-key-id, --output-format, -q, -v, ...) are listed by --help.";

/// The `-h` footer of the other commands.
pub(crate) const SHORT_HELP_FOOTER_GLOBAL: &str =
    "Global options (--output-format, -q, -v, --debug, --color) are listed by --help.";

/// The `--help` footer of the commands that take the connection flags.
pub(crate) const LONG_HELP_FOOTER: &str = "Connection settings and credentials also come from \
     the environment (OSS_ENDPOINT, OSS_REGION, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, ...) \
     and the ossutil config file; `ossctl config show` prints what is in effect and where each \
     value came from.";

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> clap::error::Result<Cli> {
        Cli::try_parse_from(std::iter::once("ossctl").chain(args.iter().copied()))
    }

    #[test]
    fn definition_is_consistent() {
        command().debug_assert();
    }

    /// The help rules `command()` promises, over the whole built tree (deferred subcommands
    /// included): the connection footer exactly where the connection flags are, the global
    /// footer on every other visible command, and no `env` value ever shown.
    #[test]
    fn every_command_has_its_footer_and_hides_env_values() {
        fn walk(cmd: &clap::Command, path: &str, seen: &mut usize) {
            *seen += 1;
            for arg in cmd.get_arguments() {
                if arg.get_env().is_some() {
                    assert!(
                        arg.is_hide_env_values_set(),
                        "{path} --{}: env value shown",
                        arg.get_id()
                    );
                }
            }
            let footer = cmd.get_after_help().map(|s| s.to_string());
            let long = cmd.get_after_long_help().map(|s| s.to_string());
            if cmd.is_hide_set() {
                assert_eq!(footer, None, "{path}: hidden, no footer");
            } else if cmd.get_arguments().any(|a| a.get_id() == "endpoint") {
                assert_eq!(footer.as_deref(), Some(SHORT_HELP_FOOTER), "{path}");
                assert_eq!(long.as_deref(), Some(LONG_HELP_FOOTER), "{path}");
            } else {
                assert_eq!(footer.as_deref(), Some(SHORT_HELP_FOOTER_GLOBAL), "{path}");
                assert_eq!(long, None, "{path}");
            }
            // clap's own `help` subcommands are added by the build and have no options.
            for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
                walk(sub, &format!("{path} {}", sub.get_name()), seen);
            }
        }
        let mut cmd = command();
        cmd.build();
        let mut seen = 0;
        walk(&cmd, "ossctl", &mut seen);
        // ossctl, cors and its 10, config and show, serve, completions, generate-man: the
        // walk reached the deferred ones.
        assert_eq!(seen, 17, "walked {seen} commands");
    }

    /// Deferred subcommands are still parsed whole: a flag of a deferred command, the global
    /// flags after it, and the connection flags at both levels.
    #[test]
    fn deferred_subcommands_parse_their_own_flags() {
        let cli = parse(&[
            "--endpoint",
            "http://127.0.0.1:1",
            "cors",
            "get",
            "oss://b",
            "--region",
            "cn-hangzhou",
            "-q",
        ])
        .unwrap();
        assert!(cli.global.quiet);
        assert_eq!(
            cli.connection.endpoint.as_deref(),
            Some("http://127.0.0.1:1")
        );
        let Command::Cors(CorsCommand::Get(get)) = cli.command else {
            panic!("not cors get")
        };
        assert_eq!(get.connection.region.as_deref(), Some("cn-hangzhou"));
        let err = parse(&["cors", "get", "oss://b", "--no-such-flag"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::UnknownArgument);
    }

    #[test]
    fn cors_test_flags() {
        let cli = parse(&[
            "cors",
            "test",
            "-f",
            "r.yaml",
            "--origin",
            "https://a",
            "--method",
            "put",
            "-H",
            "X-A: 1",
            "-H",
            "X-B",
            "--credentials",
            "--output",
            "json",
        ])
        .unwrap();
        assert_eq!(cli.global.output, OutputArg::Json);
        let Command::Cors(CorsCommand::Test(t)) = cli.command else {
            panic!("wrong command")
        };
        assert_eq!(t.headers, ["X-A: 1", "X-B"]);
        assert!(t.credentials);
        assert_eq!(t.method.as_deref(), Some("put"));
    }

    #[test]
    fn cors_test_needs_a_source_and_a_request() {
        let err = parse(&["cors", "test", "--origin", "https://a", "--method", "GET"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        let err = parse(&["cors", "test", "-f", "r.yaml"]).unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::MissingRequiredArgument);
        parse(&["cors", "test", "-f", "r.yaml", "--requests", "x.jsonl"]).unwrap();
        let err = parse(&[
            "cors",
            "test",
            "-f",
            "r.yaml",
            "--requests",
            "x.jsonl",
            "--origin",
            "https://a",
        ])
        .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn live_needs_a_bucket() {
        let err = parse(&[
            "cors",
            "test",
            "-f",
            "r.yaml",
            "--origin",
            "https://a",
            "--method",
            "GET",
            "--live",
        ])
        .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        parse(&[
            "cors",
            "test",
            "oss://b/k",
            "--origin",
            "https://a",
            "--method",
            "GET",
            "--live",
        ])
        .unwrap();
    }

    #[test]
    fn format_needs_a_file() {
        let err = parse(&[
            "cors",
            "test",
            "oss://b",
            "--format",
            "xml",
            "--origin",
            "https://a",
            "--method",
            "GET",
        ])
        .unwrap_err();
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }

    #[test]
    fn quiet_and_verbose_conflict() {
        assert!(parse(&["-q", "-v", "completions", "bash"]).is_err());
        let cli = parse(&["completions", "bash", "-vv"]).unwrap();
        assert_eq!(cli.global.verbose, 2);
    }
}
