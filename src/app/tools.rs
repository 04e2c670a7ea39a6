//! `ossctl cors lint`, `cors diff` and `cors convert`: gather the documents (files, stdin,
//! live buckets), call the pure `lint` and `rules::s3` code, print the results.
//!
//! All judgement lives in `lint` (findings, diff) and `rules` (formats, validation); this
//! module only reads, writes and chooses exit statuses. Results go to stdout, notes to stderr.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::DocumentFormat;
use crate::cli::OutputFormat;
use crate::cli::client::ConnectionArgs;
use crate::cli::tools::{ConvertArgs, ConvertFormat, DiffArgs, LintArgs};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::lint::{self, Finding, LintId, Severity};
use crate::rules::{self, CorsConfiguration, Format};

use super::{Context, Output};

/// Where a rule document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// `-`: standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// `oss://BUCKET`: the bucket's live rules.
    Bucket(String),
}

impl Source {
    /// Reads a command-line operand: `-`, `oss://BUCKET`, or a path.
    pub fn parse(operand: &str) -> Source {
        if operand == "-" {
            Source::Stdin
        } else if let Some(rest) = operand.strip_prefix("oss://") {
            Source::Bucket(rest.trim_end_matches('/').to_string())
        } else {
            Source::File(PathBuf::from(operand))
        }
    }

    /// The name used in messages (`rules.yaml`, `-`, `oss://b`).
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".into(),
            Source::File(p) => p.display().to_string(),
            Source::Bucket(b) => format!("oss://{b}"),
        }
    }
}

/// The `rules::Format` for a `--format` value.
pub fn document_format(f: DocumentFormat) -> Format {
    match f {
        DocumentFormat::Xml => Format::Xml,
        DocumentFormat::Yaml => Format::Yaml,
        DocumentFormat::Json => Format::Json,
    }
}

/// Reads a rule document from a file, or stdin for `-`, never more than the 1 MiB limit
/// plus one byte ([`super::read_rule_document`]). A missing or unreadable file is a usage
/// failure.
pub fn read_input(source: &Source) -> Result<Vec<u8>, Failure> {
    match source {
        Source::Stdin => super::read_rule_document(Path::new("-"), "-"),
        Source::File(path) => super::read_rule_document(path, &path.display().to_string()),
        Source::Bucket(b) => Err(not_a_file(b)),
    }
}

fn not_a_file(bucket: &str) -> Failure {
    Failure::usage(format!("oss://{bucket} is a bucket, not a file"))
}

/// The live rules of a bucket, `None` when it has none (exit 3 on service errors, 4 on
/// network failures, as every client command).
fn fetch_live(
    ctx: &Context,
    conn: &ConnectionArgs,
    bucket: &str,
) -> Result<Option<CorsConfiguration>, Failure> {
    super::client::fetch_live_rules(ctx, conn, &format!("oss://{bucket}"))
}

fn no_rules(bucket: &str) -> Failure {
    Failure::new(
        ExitStatus::Service,
        miette::miette!("bucket {bucket} has no CORS rules"),
    )
}

/// Guesses a document's format from its first significant character: `<` XML, `{`/`[`
/// JSON, anything else YAML.
pub fn sniff_format(bytes: &[u8]) -> Format {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Format::Xml,
        Some(b'{') | Some(b'[') => Format::Json,
        _ => Format::Yaml,
    }
}

/// Loads and validates a rule document from a file or stdin, or fetches a bucket's live
/// rules (`None` when the bucket has none). A file's format is `format`, else its extension,
/// else sniffed from the content. Invalid documents are usage failures (exit 2) carrying
/// every diagnostic.
pub fn load_source(
    ctx: &Context,
    conn: &ConnectionArgs,
    source: &Source,
    format: Option<DocumentFormat>,
) -> Result<Option<CorsConfiguration>, Failure> {
    if let Source::Bucket(b) = source {
        return fetch_live(ctx, conn, b);
    }
    let bytes = read_input(source)?;
    let format = format.map(document_format).unwrap_or_else(|| match source {
        Source::File(p) => {
            Format::from_path(&p.to_string_lossy()).unwrap_or_else(|| sniff_format(&bytes))
        }
        _ => sniff_format(&bytes),
    });
    let config = rules::parse_bytes(&bytes, format, &source.name())
        .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
    tracing::info!(
        "read {}: {} rules ({format}, {} bytes)",
        source.name(),
        config.rules.len(),
        bytes.len()
    );
    Ok(Some(config))
}

/// Like [`load_source`]; a bucket without CORS rules is a service failure (exit 3).
pub fn load_rules(
    ctx: &Context,
    conn: &ConnectionArgs,
    source: &Source,
    format: Option<DocumentFormat>,
) -> Result<CorsConfiguration, Failure> {
    match load_source(ctx, conn, source, format)? {
        Some(config) => Ok(config),
        None => match source {
            Source::Bucket(b) => Err(no_rules(b)),
            _ => Err(Failure::usage("no rules")),
        },
    }
}

/// Serialises `value` for `--output json|yaml` (with a final newline).
fn structured<T: Serialize>(value: &T, output: OutputFormat) -> String {
    let mut s = match output {
        OutputFormat::Yaml => serde_saphyr::to_string(value).unwrap_or_default(),
        _ => serde_json::to_string_pretty(value).unwrap_or_default(),
    };
    if !s.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// What `cors lint --output json` prints.
#[derive(Debug, Serialize)]
pub struct LintReport<'a> {
    /// The document linted (file name, `-` or `oss://bucket`).
    pub source: String,
    /// Number of rules in it.
    pub rules: usize,
    /// The findings not suppressed by `--allow`, in rule order.
    pub findings: &'a [Finding],
    /// How many warnings are in `findings`.
    pub warnings: usize,
    /// How many notes are in `findings`.
    pub notes: usize,
    /// How many findings `--allow` suppressed.
    pub suppressed: usize,
}

/// Run `ossctl cors lint`.
pub fn lint(ctx: &Context, conn: &ConnectionArgs, args: &LintArgs) -> CommandResult {
    let mut allowed = BTreeSet::new();
    for id in &args.allow {
        let id: LintId = id
            .parse()
            .map_err(|e: lint::UnknownLintId| Failure::usage(format!("--allow: {e}")))?;
        allowed.insert(id);
    }
    let source = match (&args.target, &args.file) {
        (Some(t), _) => Source::parse(t),
        (None, Some(f)) => Source::parse(&f.to_string_lossy()),
        (None, None) => return Err(Failure::usage("give a rule file (-f FILE) or oss://BUCKET")),
    };
    if let (Some(t), Source::File(_)) = (&args.target, &source) {
        return Err(Failure::usage(format!(
            "{t:?} is not a bucket: write oss://BUCKET, or use -f for a file"
        )));
    }
    let config = load_rules(ctx, conn, &source, args.format)?;
    let all = lint::lint(&config);
    let total = all.len();
    let findings: Vec<Finding> = all
        .into_iter()
        .filter(|f| !allowed.contains(&f.id))
        .collect();
    let suppressed = total - findings.len();
    let warnings = findings
        .iter()
        .filter(|f| f.severity == Severity::Warning)
        .count();
    let notes = findings.len() - warnings;
    let name = source.name();

    let mut out = Output::stdout();
    match ctx.output {
        OutputFormat::Text => {
            for f in &findings {
                out.write_str(&finding_text(&name, f))?;
            }
            out.write_str(&lint_summary(
                &name,
                config.rules.len(),
                warnings,
                notes,
                suppressed,
            ))?;
        }
        format => {
            let report = LintReport {
                source: name,
                rules: config.rules.len(),
                findings: &findings,
                warnings,
                notes,
                suppressed,
            };
            out.write_str(&structured(&report, format))?;
        }
    }
    out.flush()?;
    Ok(if args.strict && warnings > 0 {
        ExitStatus::Negative
    } else {
        ExitStatus::Success
    })
}

fn finding_text(source: &str, f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Warning => console::style(f.severity.to_string()).yellow().bold(),
        Severity::Note => console::style(f.severity.to_string()).cyan(),
    };
    let place = match f.rule {
        Some(n) => format!("rule {n}"),
        None => "configuration".into(),
    };
    format!(
        "{source}: {place}: {severity}[{}]: {}\n  fix: {}\n",
        f.id, f.message, f.fix
    )
}

fn lint_summary(
    source: &str,
    rules: usize,
    warnings: usize,
    notes: usize,
    suppressed: usize,
) -> String {
    let plural = |n: usize, what: &str| format!("{n} {what}{}", if n == 1 { "" } else { "s" });
    let mut s = if warnings + notes == 0 {
        format!("{source}: no findings in {}", plural(rules, "rule"))
    } else {
        format!(
            "{source}: {}, {} in {}",
            plural(warnings, "warning"),
            plural(notes, "note"),
            plural(rules, "rule")
        )
    };
    if suppressed > 0 {
        s.push_str(&format!(" ({suppressed} suppressed by --allow)"));
    }
    s.push('\n');
    s
}

/// What `cors diff --output json` prints.
#[derive(Debug, Serialize)]
pub struct DiffReport<'a> {
    /// The old side's name.
    pub a: String,
    /// The new side's name.
    pub b: String,
    /// Whether the two are equivalent.
    pub equal: bool,
    /// The diff.
    #[serde(flatten)]
    pub diff: &'a lint::diff::Diff,
}

/// Run `ossctl cors diff`.
pub fn diff(ctx: &Context, conn: &ConnectionArgs, args: &DiffArgs) -> CommandResult {
    let (sa, sb) = (Source::parse(&args.a), Source::parse(&args.b));
    if sa == Source::Stdin && sb == Source::Stdin {
        return Err(Failure::usage("only one side of a diff can be stdin (-)"));
    }
    // A bucket without CORS rules compares as an empty configuration (so a diff before the
    // first put shows every rule as added).
    let mut names = (sa.name(), sb.name());
    let a = load_source(ctx, conn, &sa, args.format)?.unwrap_or_else(|| {
        names.0.push_str(" (no CORS rules)");
        CorsConfiguration::default()
    });
    let b = load_source(ctx, conn, &sb, args.format)?.unwrap_or_else(|| {
        names.1.push_str(" (no CORS rules)");
        CorsConfiguration::default()
    });
    let d = lint::diff::diff(&a, &b);
    let mut out = Output::stdout();
    match ctx.output {
        OutputFormat::Text => {
            let text = lint::diff::render_text(&d, &names.0, &names.1);
            out.write_str(&colour_diff(&text))?;
        }
        format => {
            let report = DiffReport {
                a: names.0,
                b: names.1,
                equal: d.is_empty(),
                diff: &d,
            };
            out.write_str(&structured(&report, format))?;
        }
    }
    out.flush()?;
    Ok(if d.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Negative
    })
}

/// Colours a rendered diff by line marker (a no-op when colour is off).
pub fn colour_diff(text: &str) -> String {
    text.lines()
        .map(|l| {
            let styled = if l.starts_with("---") || l.starts_with("+++") {
                console::style(l).bold()
            } else if l.starts_with('-') {
                console::style(l).red()
            } else if l.starts_with('+') {
                console::style(l).green()
            } else if l.starts_with('~') || l.starts_with('>') {
                console::style(l).yellow()
            } else {
                console::style(l)
            };
            format!("{styled}\n")
        })
        .collect()
}

fn convert_format_of_path(path: &Path) -> Option<ConvertFormat> {
    Format::from_path(&path.to_string_lossy()).map(|f| match f {
        Format::Xml => ConvertFormat::Xml,
        Format::Yaml => ConvertFormat::Yaml,
        Format::Json => ConvertFormat::Json,
    })
}

/// Run `ossctl cors convert`.
pub fn convert(ctx: &Context, conn: &ConnectionArgs, args: &ConvertArgs) -> CommandResult {
    let source = Source::parse(&args.input);
    let to_stdout = args
        .output_file
        .as_ref()
        .is_none_or(|p| p.as_os_str() == "-");
    // An output file's extension can say XML, YAML or JSON, and .json means ossctl's JSON:
    // AWS S3 JSON is written only when `--to s3-json` asks for it.
    let inferred = args.to.is_none();
    let to = match (args.to, &args.output_file) {
        (Some(t), _) => t,
        (None, Some(p)) if !to_stdout => convert_format_of_path(p).ok_or_else(|| {
            Failure::usage(format!(
                "cannot tell the output format from {:?}; say --to xml|yaml|json|s3-json",
                p.display().to_string()
            ))
        })?,
        _ => {
            return Err(Failure::usage(
                "say which format to write with --to xml|yaml|json|s3-json (or give -o FILE \
                 with a .xml, .yaml or .json extension)",
            ));
        }
    };
    let name = source.name();
    let mut notes: Vec<String> = Vec::new();
    let mut from = None;
    let config = match &source {
        Source::Bucket(b) => {
            if args.from.is_some() {
                return Err(Failure::usage(format!(
                    "--from does not apply to {name}: live rules are read as OSS returns them"
                )));
            }
            fetch_live(ctx, conn, b)?.ok_or_else(|| no_rules(b))?
        }
        _ => {
            let (config, f) = read_document(&source, args.from, to, &mut notes)?;
            from = Some(f);
            config
        }
    };
    let text = match to {
        ConvertFormat::Xml => rules::to_xml(&config),
        ConvertFormat::Yaml => rules::to_yaml(&config),
        ConvertFormat::Json => rules::to_json(&config),
        ConvertFormat::S3Json => {
            let (text, dropped) = rules::s3::to_s3_json(&config);
            notes.extend(dropped.iter().map(ToString::to_string));
            text
        }
    };
    if !ctx.quiet {
        for n in &notes {
            eprintln!("{}: {n}", console::style("note").cyan());
        }
    }
    match &args.output_file {
        Some(path) if !to_stdout => {
            write_file(path, text.as_bytes())?;
            let mut said = format!("wrote {} as {}", path.display(), convert_format_name(to));
            if let Some(f) = from {
                said.push_str(&format!(" (read {name} as {})", convert_format_name(f)));
            }
            if inferred && to == ConvertFormat::Json {
                said.push_str(
                    "; the format came from the .json extension: for AWS S3 JSON give --to s3-json",
                );
            }
            ctx.note(said);
        }
        _ => {
            let mut out = Output::stdout();
            out.write_str(&text)?;
            out.flush()?;
        }
    }
    Ok(ExitStatus::Success)
}

/// How `cors convert` names a format in its notes.
fn convert_format_name(f: ConvertFormat) -> &'static str {
    match f {
        ConvertFormat::Xml => "OSS XML",
        ConvertFormat::Yaml => "ossctl YAML",
        ConvertFormat::Json => "ossctl JSON",
        ConvertFormat::S3Json => "AWS S3 JSON",
    }
}

/// Reads `convert`'s input document (file or stdin) in format `from` (or the one its
/// extension or content says), validating with OSS's limits unless it goes S3 to S3.
/// Returns the configuration and the format it was read as.
fn read_document(
    source: &Source,
    from: Option<ConvertFormat>,
    to: ConvertFormat,
    notes: &mut Vec<String>,
) -> Result<(CorsConfiguration, ConvertFormat), Failure> {
    let bytes = read_input(source)?;
    let from = from.unwrap_or_else(|| {
        let by_ext = match source {
            Source::File(p) => convert_format_of_path(p),
            _ => None,
        };
        let guess = by_ext.unwrap_or(match sniff_format(&bytes) {
            Format::Xml => ConvertFormat::Xml,
            Format::Json => ConvertFormat::Json,
            Format::Yaml => ConvertFormat::Yaml,
        });
        if guess == ConvertFormat::Json
            && rules::s3::looks_like_s3_json(&String::from_utf8_lossy(&bytes))
        {
            ConvertFormat::S3Json
        } else {
            guess
        }
    });
    let name = source.name();
    match from {
        ConvertFormat::S3Json => {
            let text = std::str::from_utf8(&bytes).map_err(|e| {
                Failure::usage(format!("{name}: not UTF-8 (at byte {})", e.valid_up_to()))
            })?;
            let (config, dropped) =
                rules::s3::from_s3_json(text, &name).map_err(|e| Failure::usage(e.to_string()))?;
            notes.extend(dropped.iter().map(ToString::to_string));
            if to != ConvertFormat::S3Json {
                rules::validate_named(&config, &name)
                    .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
            }
            Ok((config, from))
        }
        f => {
            let format = match f {
                ConvertFormat::Xml => Format::Xml,
                ConvertFormat::Yaml => Format::Yaml,
                _ => Format::Json,
            };
            let config = rules::parse_bytes(&bytes, format, &name)
                .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
            Ok((config, f))
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename,
/// so an existing file is either replaced whole or left as it was.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write;
    let fail = |e: io::Error| Failure::usage(format!("cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_knows_every_lint_id() {
        let ids: Vec<&str> = LintId::ALL.iter().map(|id| id.as_str()).collect();
        assert_eq!(ids, crate::cli::tools::LINT_IDS);
    }

    #[test]
    fn sources() {
        assert_eq!(Source::parse("-"), Source::Stdin);
        assert_eq!(Source::parse("oss://b/"), Source::Bucket("b".into()));
        assert_eq!(Source::parse("r.yaml"), Source::File("r.yaml".into()));
        assert_eq!(Source::parse("oss://b").name(), "oss://b");
    }

    #[test]
    fn sniffing() {
        assert_eq!(sniff_format(b"  <?xml"), Format::Xml);
        assert_eq!(sniff_format(b"\xEF\xBB\xBF{\"rules\":[]}"), Format::Json);
        assert_eq!(sniff_format(b"rules:\n"), Format::Yaml);
    }

    #[test]
    fn summary_lines() {
        assert_eq!(lint_summary("r", 2, 0, 0, 0), "r: no findings in 2 rules\n");
        assert_eq!(
            lint_summary("r", 1, 1, 2, 3),
            "r: 1 warning, 2 notes in 1 rule (3 suppressed by --allow)\n"
        );
    }
}
