//! The application layer: the only layer that touches env, files, the TTY and the clock.
//!
//! Owns: turning the parsed command line ([`crate::cli::Cli`]) into work, one function per
//! command (`app::<command>::run`), the process-wide terminal decisions (colour, logging)
//! made once in [`init`], and writing results to stdout ([`Output`]). Commands return a
//! [`CommandResult`]; `main` turns it into the exit code.
//!
//! Depends on everything below it (`rules`, `preflight`, `oss`, `transport`, `server`,
//! `config`, `render`); nothing depends on `app` except `main`.

pub mod behaviour;
pub mod client;
pub mod files;
pub mod hints;
pub mod pipelines;
pub mod probe_store;
pub mod request_spec;
pub mod requests;
pub mod serve;
pub mod test;
pub mod tools;
pub mod wizard;

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use crate::cli::{
    self, Cli, ColorWhen, Command, ConfigCommand, CorsCommand, OutputArg, OutputFormat, Shell,
};
use crate::exit::{CommandResult, ExitStatus, Failure};

/// Settings every command sees, resolved once from the global options and the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Context {
    /// Format of results on stdout (`Text` when a CI format is chosen).
    pub output: OutputFormat,
    /// The CI format chosen with `--output sarif|github|junit`, if any.
    pub ci: Option<CiFormat>,
    /// Only results and errors.
    pub quiet: bool,
    /// Whether stdout gets ANSI colours.
    pub color_stdout: bool,
    /// Whether stderr gets ANSI colours.
    pub color_stderr: bool,
    /// Whether stderr is a terminal (progress bars, prompts).
    pub stderr_is_tty: bool,
    /// Whether stdout is a terminal.
    pub stdout_is_tty: bool,
}

impl Context {
    /// A warning on stderr (`warning: …`), unless `--quiet`.
    pub fn warn(&self, message: impl std::fmt::Display) {
        if !self.quiet {
            warning(message);
        }
    }

    /// An error on stderr (`error: …`) that does not stop the command (e.g. one bad line of
    /// many); printed even with `--quiet`.
    pub fn error(&self, message: impl std::fmt::Display) {
        let label = console::style("error:").red().bold().for_stderr();
        eprintln!("{label} {message}");
    }

    /// The structured format results are written in (`None`: text).
    pub fn structured(&self) -> Option<crate::render::Structured> {
        match self.output {
            OutputFormat::Text => None,
            OutputFormat::Json => Some(crate::render::Structured::Json),
            OutputFormat::Yaml => Some(crate::render::Structured::Yaml),
        }
    }

    /// A note on stderr (summaries beside structured output), unless `--quiet`.
    pub fn note(&self, message: impl std::fmt::Display) {
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

/// A warning on stderr (`warning: …`, the label coloured when stderr gets colour), also
/// with `--quiet`: for warnings about safety (secrets on the command line, a config file
/// others can read, a server open to the network). [`Context::warn`] is the quiet-aware one.
pub fn warning(message: impl std::fmt::Display) {
    let label = console::style("warning:").yellow().bold().for_stderr();
    eprintln!("{label} {message}");
}

/// The CI formats of `--output` (see `app::pipelines`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CiFormat {
    /// SARIF 2.1.0 (`cors lint`).
    Sarif,
    /// GitHub Actions workflow commands, beside the text results.
    Github,
    /// JUnit XML (`cors test --requests`).
    Junit,
}

/// Decide colour for one stream: `--color`, then `NO_COLOR` (set to anything, even empty,
/// disables), then `CLICOLOR_FORCE` (non-zero forces), then whether the stream is a
/// terminal (and `TERM` is not `dumb`).
fn colour_for(when: ColorWhen, is_tty: bool) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if std::env::var_os("NO_COLOR").is_some() {
                return false;
            }
            if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| v != "0") {
                return true;
            }
            is_tty && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// Make the process-wide terminal decisions once: colour for stdout and stderr (console,
/// miette), and logging (tracing to stderr, level from `-q`/`-v`/`--debug`, or `RUST_LOG`
/// when set). Call once, before [`run`].
pub fn init(global: &cli::GlobalArgs) -> Context {
    let stderr_is_tty = io::stderr().is_terminal();
    let stdout_is_tty = io::stdout().is_terminal();
    let color_stdout = colour_for(global.color, stdout_is_tty);
    let color_stderr = colour_for(global.color, stderr_is_tty);
    console::set_colors_enabled(color_stdout);
    console::set_colors_enabled_stderr(color_stderr);

    // Reports: miette's graphical handler, coloured only when stderr gets colour. A line is
    // never broken inside a word (a URL, a string-to-sign, a path), and when stderr is not a
    // terminal (a log, a pipe, CI) lines are not wrapped at all: the reader's tool wraps.
    let _ = miette::set_hook(Box::new(move |_| {
        let opts = miette::MietteHandlerOpts::new()
            .terminal_links(false)
            .color(color_stderr)
            .unicode(color_stderr)
            .force_graphical(true)
            .break_words(false)
            .word_separator(textwrap::WordSeparator::AsciiSpace)
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .wrap_lines(stderr_is_tty);
        let opts = if color_stderr {
            opts
        } else {
            opts.graphical_theme(miette::GraphicalTheme::none())
        };
        Box::new(opts.build())
    }));

    let level = if global.quiet {
        "error"
    } else if global.debug {
        "debug"
    } else {
        match global.verbose {
            0 => "warn",
            1 => "info",
            2 => "debug",
            _ => "trace",
        }
    };
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.is_empty() => tracing_subscriber::EnvFilter::new(spec),
        // Our own crate at the chosen level, everyone else (hyper, reqwest, rustls) one
        // notch quieter unless -vvv / --debug asks for everything.
        _ if global.debug || global.verbose >= 3 => tracing_subscriber::EnvFilter::new(level),
        _ => tracing_subscriber::EnvFilter::new(format!("warn,ossctl={level}")),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(color_stderr)
        .with_target(global.debug || global.verbose >= 2)
        .without_time()
        .try_init();

    let (output, ci) = match global.output {
        OutputArg::Text => (OutputFormat::Text, None),
        OutputArg::Json => (OutputFormat::Json, None),
        OutputArg::Yaml => (OutputFormat::Yaml, None),
        OutputArg::Sarif => (OutputFormat::Text, Some(CiFormat::Sarif)),
        OutputArg::Github => (OutputFormat::Text, Some(CiFormat::Github)),
        OutputArg::Junit => (OutputFormat::Text, Some(CiFormat::Junit)),
    };
    Context {
        output,
        ci,
        quiet: global.quiet,
        color_stdout,
        color_stderr,
        stderr_is_tty,
        stdout_is_tty,
    }
}

/// Why `--output-format json|yaml` does not apply to `command` (`None`: it does). Every
/// command either honours it with a documented shape or refuses it (exit 2), never ignores it.
fn output_format_refusal(command: &Command) -> Option<&'static str> {
    match command {
        Command::Cors(CorsCommand::Wizard(_)) => Some(
            "cors wizard is interactive and has no JSON or YAML output; it writes the rules it \
             builds with -o FILE (.json, .yaml or .xml)",
        ),
        Command::Cors(CorsCommand::Convert(_)) => Some(
            "cors convert prints a rule document; choose its format with --to \
             xml|yaml|json|s3-json",
        ),
        Command::Completions(_) => {
            Some("completions prints a shell script; there is no JSON or YAML form")
        }
        Command::GenerateMan(_) => Some("generate-man writes man pages"),
        _ => None,
    }
}

/// Run the command the user asked for. With `--output github`, an invalid rule document
/// is also printed as `::error` annotations (one per problem) on stdout.
pub fn run(cli: Cli, ctx: &Context) -> CommandResult {
    if ctx.output != OutputFormat::Text
        && let Some(why) = output_format_refusal(&cli.command)
    {
        let name = match ctx.output {
            OutputFormat::Json => "json",
            _ => "yaml",
        };
        return Err(Failure::usage(format!(
            "--output-format {name} does not apply here: {why}"
        )));
    }
    pipelines::check_ci_format(&cli.command, ctx)?;
    let result = dispatch(cli, ctx);
    if ctx.ci == Some(CiFormat::Github)
        && let Err(failure) = &result
    {
        pipelines::annotate_failure(failure)?;
    }
    result
}

fn dispatch(cli: Cli, ctx: &Context) -> CommandResult {
    // Connection options given before the subcommand, overridden by those given after it.
    let top = &cli.connection;
    let conn = |sub: &cli::client::ConnectionArgs| top.overlay(sub);
    match cli.command {
        Command::Cors(CorsCommand::Test(args)) => test::run(ctx, &conn(&args.connection), &args),
        Command::Cors(CorsCommand::Put(args)) => client::put(ctx, &conn(&args.connection), &args),
        Command::Cors(CorsCommand::Get(args)) => client::get(ctx, &conn(&args.connection), &args),
        Command::Cors(CorsCommand::Delete(args)) => {
            client::delete(ctx, &conn(&args.connection), &args)
        }
        Command::Config(ConfigCommand::Show(args)) => {
            client::config_show(ctx, &conn(&args.connection), &args)
        }
        Command::Cors(CorsCommand::Wizard(args)) => {
            wizard::run(ctx, &conn(&args.connection), &args)
        }
        Command::Cors(CorsCommand::Lint(args)) => tools::lint(ctx, &conn(&args.connection), &args),
        Command::Cors(CorsCommand::Diff(args)) => tools::diff(ctx, &conn(&args.connection), &args),
        Command::Cors(CorsCommand::Behaviour(args)) => behaviour::run(ctx, &args),
        Command::Cors(CorsCommand::Probe(args)) => {
            client::probe(ctx, &conn(&args.connection), &args)
        }
        Command::Cors(CorsCommand::Convert(args)) => {
            tools::convert(ctx, &conn(&args.connection), &args)
        }
        Command::Serve(args) => serve::run(ctx, &args),
        Command::Completions(args) => completions(args.shell),
        Command::GenerateMan(args) => generate_man(&args.dir),
    }
}

/// The completion script for `shell`, generated from [`cli::command`].
pub fn completion_script(shell: Shell) -> Vec<u8> {
    use clap_complete::Shell as S;
    let generator = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Powershell => S::PowerShell,
        Shell::Elvish => S::Elvish,
    };
    let mut cmd = cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(generator, &mut cmd, "ossctl", &mut buf);
    buf
}

fn completions(shell: Shell) -> CommandResult {
    // Rendered into memory first: clap_complete panics when writing straight into a closed
    // pipe (`ossctl completions bash | head`).
    let script = completion_script(shell);
    let mut out = Output::stdout();
    out.write_all(&script)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

/// Every man page: `ossctl.1` and one page per (nested) subcommand, e.g.
/// `ossctl-cors-test.1`, as (file name, roff bytes), in a stable order. Hidden
/// subcommands get no page.
pub fn man_pages() -> Result<Vec<(String, Vec<u8>)>, io::Error> {
    fn walk(cmd: &clap::Command, pages: &mut Vec<(String, Vec<u8>)>) -> io::Result<()> {
        // A man page is the long form: an option kept out of `-h` (`hide_short_help`) is
        // described there as in `--help` (clap_mangen would print it with no description).
        let page = cmd.clone().mut_args(|a| {
            if a.is_hide_short_help_set() {
                a.hide_short_help(false)
            } else {
                a
            }
        });
        let man = clap_mangen::Man::new(page);
        let mut buf = Vec::new();
        man.render(&mut buf)?;
        pages.push((man.get_filename(), buf));
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, pages)?;
        }
        Ok(())
    }
    // Built once so nested commands carry their display names (`ossctl-cors-test`).
    let mut cmd = cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &mut pages)?;
    Ok(pages)
}

fn generate_man(dir: &Path) -> CommandResult {
    let io_failure = |what: String, e: io::Error| {
        Failure::new(ExitStatus::Usage, miette::miette!("{what}: {e}"))
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| io_failure(format!("cannot create {}", dir.display()), e))?;
    let pages = man_pages().map_err(|e| io_failure("cannot render man pages".into(), e))?;
    for (name, bytes) in pages {
        let path = dir.join(&name);
        std::fs::write(&path, bytes)
            .map_err(|e| io_failure(format!("cannot write {}", path.display()), e))?;
    }
    Ok(ExitStatus::Success)
}

/// Reads a rule document from `path` (`-` is stdin) without ever holding more than
/// [`rules::MAX_DOCUMENT_BYTES`] + 1 bytes: a regular file over the limit is refused from its
/// size before a byte is read, and anything else (stdin, a pipe, `/dev/zero`, a FIFO) is read
/// through a limit and refused as soon as it passes it. The refusal is the rules module's
/// "document is N bytes" diagnostic (exit 2) naming `name`.
pub fn read_rule_document(path: &Path, name: &str) -> Result<Vec<u8>, Failure> {
    use crate::rules;
    use files::FileError;
    use std::io::Read as _;
    let limit = rules::MAX_DOCUMENT_BYTES as u64;
    let too_big =
        |len: Option<u64>| Failure::new(ExitStatus::Usage, rules::document_too_big(name, len));
    let mut buf = Vec::new();
    let read = if path == Path::new("-") {
        io::stdin().lock().take(limit + 1).read_to_end(&mut buf)
    } else {
        let file = std::fs::File::open(path).map_err(FileError::read(name))?;
        let meta = file.metadata().map_err(FileError::read(name))?;
        if meta.is_dir() {
            return Err(FileError::Directory {
                name: name.to_string(),
            }
            .into());
        }
        if meta.is_file() && meta.len() > limit {
            return Err(too_big(Some(meta.len())));
        }
        file.take(limit + 1).read_to_end(&mut buf)
    };
    read.map_err(FileError::read(name))?;
    if buf.len() as u64 > limit {
        return Err(too_big(None));
    }
    Ok(buf)
}

/// The reader closed the pipe we print into (`ossctl ... | head`): not an error, `main`
/// exits quietly with status 0.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("stdout closed")]
pub struct BrokenPipe;

/// stdout for results, buffered, with closed-pipe and I/O errors turned into [`Failure`]s.
pub struct Output {
    inner: io::BufWriter<io::StdoutLock<'static>>,
}

impl Output {
    /// Lock stdout for results.
    pub fn stdout() -> Self {
        Self {
            inner: io::BufWriter::new(io::stdout().lock()),
        }
    }

    /// Write bytes.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.inner.write_all(bytes).map_err(output_failure)
    }

    /// Write a string.
    pub fn write_str(&mut self, s: &str) -> Result<(), Failure> {
        self.write_all(s.as_bytes())
    }

    /// Flush what is buffered.
    pub fn flush(&mut self) -> Result<(), Failure> {
        self.inner.flush().map_err(output_failure)
    }
}

/// An error writing results: a closed pipe becomes [`BrokenPipe`], anything else exit 2
/// naming the cause (e.g. a full disk when stdout is redirected to a file).
pub fn output_failure(e: io::Error) -> Failure {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Failure::new(ExitStatus::Success, BrokenPipe)
    } else {
        Failure::new(
            ExitStatus::Usage,
            miette::miette!("cannot write to stdout: {e}"),
        )
    }
}

/// Whether a failure is only the reader closing our stdout.
pub fn is_broken_pipe(failure: &Failure) -> bool {
    failure.report.downcast_ref::<BrokenPipe>().is_some()
}
