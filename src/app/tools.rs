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
use crate::render;
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

/// One document to lint: a file (or one resource of a Terraform document), stdin, or a
/// bucket's live rules.
struct LintDoc {
    /// The name in text output (`rules.yaml`, `plan.json: alicloud_oss_bucket_cors.site`).
    name: String,
    /// The file as a SARIF URI reference, for files.
    uri: Option<String>,
    /// The file's name for GitHub annotations, for files.
    file: Option<String>,
    /// The logical location (bucket, Terraform resource address), when there is one.
    logical: Option<String>,
    config: CorsConfiguration,
    /// Where the rules and values are in the file (rule documents read from a file or stdin).
    positions: Option<rules::Positions>,
}

/// Reads one lint operand into documents. An invalid rule document is `Err(DocumentError)`
/// so the other operands are still linted; other failures stop the command.
fn load_lint_docs(
    ctx: &Context,
    conn: &ConnectionArgs,
    source: &Source,
    args: &LintArgs,
) -> Result<Result<Vec<LintDoc>, Failure>, Failure> {
    let name = source.name();
    if let Source::Bucket(b) = source {
        if args.resource.is_some() {
            return Err(Failure::usage(
                "--resource picks a resource of a Terraform plan or state, not of a bucket",
            ));
        }
        let config = fetch_live(ctx, conn, b)?.ok_or_else(|| no_rules(b))?;
        return Ok(Ok(vec![LintDoc {
            name: name.clone(),
            uri: None,
            file: None,
            logical: Some(name),
            config,
            positions: None,
        }]));
    }
    let bytes = read_input(source)?;
    let path = match source {
        Source::File(p) => Some(p.as_path()),
        _ => None,
    };
    let uri = path.map(|p| render::sarif::uri_reference(p.as_os_str().as_encoded_bytes()));
    let file = path.map(|p| p.display().to_string());
    if super::pipelines::is_terraform(path, &bytes, args.format, args.resource.as_deref()) {
        let resources =
            match super::pipelines::load_terraform(&bytes, &name, args.resource.as_deref()) {
                Ok(r) => r,
                Err(f) => return Ok(Err(f)),
            };
        return Ok(Ok(resources
            .into_iter()
            .map(|r| LintDoc {
                name: format!("{name}: {}", r.address),
                uri: uri.clone(),
                file: file.clone(),
                logical: Some(r.address),
                config: r.config,
                positions: None,
            })
            .collect()));
    }
    let format = args
        .format
        .map(document_format)
        .unwrap_or_else(|| match path {
            Some(p) => {
                Format::from_path(&p.to_string_lossy()).unwrap_or_else(|| sniff_format(&bytes))
            }
            None => sniff_format(&bytes),
        });
    let parsed = match std::str::from_utf8(&bytes) {
        Ok(text) if bytes.len() <= rules::MAX_DOCUMENT_BYTES => {
            rules::parse_located(text, format, &name).map(|(c, p)| (c, Some(p)))
        }
        _ => rules::parse_bytes(&bytes, format, &name).map(|c| (c, None)),
    };
    Ok(match parsed {
        Ok((config, positions)) => Ok(vec![LintDoc {
            name,
            uri,
            file,
            logical: None,
            config,
            positions,
        }]),
        Err(e) => Err(Failure::new(ExitStatus::Usage, e)),
    })
}

/// Where a finding points in its document: the value it is about, else its rule, else
/// the document's root element.
fn finding_position(
    f: &Finding,
    config: &CorsConfiguration,
    positions: &rules::Positions,
) -> Option<rules::Position> {
    let Some(n) = f.rule else {
        return positions.root;
    };
    let (rule, at) = (config.rules.get(n - 1)?, positions.rules.get(n - 1)?);
    let find = |values: &[String], places: &[rules::Position]| {
        let v = f.value.as_deref()?;
        let i = values.iter().position(|x| x == v)?;
        places.get(i).copied()
    };
    let value = match f.field {
        Some("AllowedOrigin") => find(&rule.allowed_origins, &at.allowed_origins),
        Some("AllowedMethod") => find(&rule.allowed_methods, &at.allowed_methods),
        Some("AllowedHeader") => find(&rule.allowed_headers, &at.allowed_headers),
        Some("ExposeHeader") => find(&rule.expose_headers, &at.expose_headers),
        Some("MaxAgeSeconds") => at.max_age_seconds,
        _ => None,
    };
    value.or(at.rule)
}

/// Run `ossctl cors lint`: every operand (files, `-`, `oss://BUCKET`, each resource of a
/// Terraform document) in turn. Text, JSON/YAML, SARIF or GitHub annotations.
pub fn lint(ctx: &Context, conn: &ConnectionArgs, args: &LintArgs) -> CommandResult {
    let mut allowed = BTreeSet::new();
    for id in &args.allow {
        let id: LintId = id
            .parse()
            .map_err(|e: lint::UnknownLintId| Failure::usage(format!("--allow: {e}")))?;
        allowed.insert(id);
    }
    // Paths stay paths (a file name need not be UTF-8); `-` and `oss://` are read as such.
    let operand = |p: &PathBuf| match p.to_str() {
        Some(s) => Source::parse(s),
        None => Source::File(p.clone()),
    };
    let mut sources: Vec<Source> = Vec::new();
    for t in &args.targets {
        let s = operand(t);
        if let Source::File(p) = &s
            && !p.exists()
        {
            return Err(Failure::usage(format!(
                "{:?} is not a bucket or a file that exists: write oss://BUCKET for a bucket",
                t.display().to_string()
            )));
        }
        sources.push(s);
    }
    sources.extend(args.file.iter().map(operand));
    if sources.is_empty() {
        return Err(Failure::usage("give a rule file (-f FILE) or oss://BUCKET"));
    }
    if sources.iter().filter(|s| **s == Source::Stdin).count() > 1 {
        return Err(Failure::usage("stdin (-) can be linted only once"));
    }
    let github = ctx.ci == Some(super::CiFormat::Github);
    let mut docs: Vec<LintDoc> = Vec::new();
    let mut invalid = false;
    let mut out = Output::stdout();
    let sarif = ctx.ci == Some(super::CiFormat::Sarif);
    // Invalid documents, for SARIF: (file URI, message, position) of each problem.
    let mut problems: Vec<(Option<String>, String, Option<rules::Position>)> = Vec::new();
    for source in &sources {
        match load_lint_docs(ctx, conn, source, args)? {
            Ok(d) => docs.extend(d),
            Err(failure) if (sources.len() > 1 || sarif) && failure.status == ExitStatus::Usage => {
                // Report it and go on with the other documents; the exit status is 2.
                invalid = true;
                if github {
                    super::pipelines::annotate_failure(&failure)?;
                }
                if let Some(e) = failure.report.downcast_ref::<rules::DocumentError>() {
                    let uri = match source {
                        Source::File(p) => Some(render::sarif::uri_reference(
                            p.as_os_str().as_encoded_bytes(),
                        )),
                        _ => None,
                    };
                    for d in &e.diagnostics {
                        let at = d.line.map(|line| rules::Position {
                            line,
                            column: d.column.unwrap_or(1),
                        });
                        let mut message = match d.rule {
                            Some(n) => format!("rule {n}: {}", d.message),
                            None => d.message.clone(),
                        };
                        if let Some(h) = &d.help {
                            message.push_str("; ");
                            message.push_str(h);
                        }
                        problems.push((uri.clone(), message, at));
                    }
                }
                eprintln!("{:?}", failure.report);
            }
            Err(failure) => return Err(failure),
        }
    }

    struct Linted {
        findings: Vec<Finding>,
        suppressed: usize,
        warnings: usize,
        notes: usize,
    }
    let linted: Vec<Linted> = docs
        .iter()
        .map(|d| {
            let all = lint::lint(&d.config);
            let total = all.len();
            let findings: Vec<Finding> = all
                .into_iter()
                .filter(|f| !allowed.contains(&f.id))
                .collect();
            let warnings = findings
                .iter()
                .filter(|f| f.severity == Severity::Warning)
                .count();
            Linted {
                suppressed: total - findings.len(),
                notes: findings.len() - warnings,
                warnings,
                findings,
            }
        })
        .collect();
    let position = |d: &LintDoc, f: &Finding| {
        d.positions
            .as_ref()
            .and_then(|p| finding_position(f, &d.config, p))
    };

    match (ctx.ci, ctx.structured()) {
        (Some(super::CiFormat::Sarif), _) => {
            let sources: Vec<render::sarif::Source> = docs
                .iter()
                .zip(&linted)
                .map(|(d, l)| render::sarif::Source {
                    uri: d.uri.clone(),
                    logical: d.logical.clone(),
                    findings: l.findings.iter().map(|f| (f, position(d, f))).collect(),
                    invalid: Vec::new(),
                })
                .chain(
                    problems
                        .iter()
                        .map(|(uri, message, at)| render::sarif::Source {
                            uri: uri.clone(),
                            logical: uri.is_none().then(|| "-".to_string()),
                            findings: Vec::new(),
                            invalid: vec![(message.clone(), *at)],
                        }),
                )
                .collect();
            out.write_str(&render::sarif::log(&sources, env!("CARGO_PKG_VERSION")))?;
        }
        (_, None) => {
            for (d, l) in docs.iter().zip(&linted) {
                for f in &l.findings {
                    let at = position(d, f);
                    out.write_str(&finding_text(&d.name, at, f))?;
                    if github {
                        out.write_str(&finding_annotation(d, at, f))?;
                    }
                }
                out.write_str(&lint_summary(
                    &d.name,
                    d.config.rules.len(),
                    l.warnings,
                    l.notes,
                    l.suppressed,
                ))?;
            }
        }
        (_, Some(format)) => {
            let reports: Vec<LintReport> = docs
                .iter()
                .zip(&linted)
                .map(|(d, l)| LintReport {
                    source: d.name.clone(),
                    rules: d.config.rules.len(),
                    findings: &l.findings,
                    warnings: l.warnings,
                    notes: l.notes,
                    suppressed: l.suppressed,
                })
                .collect();
            // One document: the report itself (the stable schema); several: a list of them.
            if sources.len() == 1 && reports.len() == 1 {
                out.write_str(&render::structured(&reports[0], format)?)?;
            } else {
                out.write_str(&render::structured(&reports, format)?)?;
            }
        }
    }
    out.flush()?;
    let warnings: usize = linted.iter().map(|l| l.warnings).sum();
    Ok(if invalid {
        ExitStatus::Usage
    } else if args.strict && warnings > 0 {
        ExitStatus::Negative
    } else {
        ExitStatus::Success
    })
}

/// A finding as a GitHub annotation (warning, or notice for notes).
fn finding_annotation(d: &LintDoc, at: Option<rules::Position>, f: &Finding) -> String {
    use render::github::{Annotation, Level, annotation};
    let file = d.file.as_deref();
    let place = match (f.rule, &d.logical) {
        (Some(n), Some(l)) => format!("{l}: rule {n}: "),
        (Some(n), None) => format!("rule {n}: "),
        (None, Some(l)) => format!("{l}: "),
        (None, None) => String::new(),
    };
    let message = format!("{place}{}\nfix: {}", f.message, f.fix);
    let title = format!("ossctl {}", f.id);
    annotation(&Annotation {
        level: match f.severity {
            Severity::Warning => Level::Warning,
            Severity::Note => Level::Notice,
        },
        file,
        line: at.map(|p| p.line),
        col: at.map(|p| p.column),
        title: Some(&title),
        message: &message,
    })
}

fn finding_text(source: &str, at: Option<rules::Position>, f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Warning => console::style(f.severity.to_string()).yellow().bold(),
        Severity::Note => console::style(f.severity.to_string()).cyan(),
    };
    let place = match f.rule {
        Some(n) => format!("rule {n}"),
        None => "configuration".into(),
    };
    let at = at.map(|p| format!(":{p}")).unwrap_or_default();
    format!(
        "{source}{at}: {place}: {severity}[{}]: {}\n  fix: {}\n",
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

/// One side of a diff: a document or bucket, or the resources of a Terraform document.
enum DiffSide {
    One(String, CorsConfiguration),
    /// (name, rules, bucket) per resource.
    Terraform(Vec<(String, CorsConfiguration, Result<String, String>)>),
    /// `oss://` without a bucket name: each Terraform resource's own bucket.
    OwnBucket,
}

fn diff_side(
    ctx: &Context,
    conn: &ConnectionArgs,
    source: &Source,
    args: &DiffArgs,
) -> Result<DiffSide, Failure> {
    let mut name = source.name();
    if let Source::Bucket(b) = source
        && b.is_empty()
    {
        return Ok(DiffSide::OwnBucket);
    }
    if let Source::File(p) = source {
        let bytes = read_input(source)?;
        if super::pipelines::is_terraform(Some(p), &bytes, args.format, args.resource.as_deref()) {
            let resources =
                super::pipelines::load_terraform(&bytes, &name, args.resource.as_deref())?;
            return Ok(DiffSide::Terraform(
                resources
                    .into_iter()
                    .map(|r| (format!("{name}: {}", r.address), r.config, r.bucket))
                    .collect(),
            ));
        }
    }
    // A bucket without CORS rules compares as an empty configuration (so a diff before the
    // first put shows every rule as added).
    let config = load_source(ctx, conn, source, args.format)?.unwrap_or_else(|| {
        name.push_str(" (no CORS rules)");
        CorsConfiguration::default()
    });
    Ok(DiffSide::One(name, config))
}

/// Run `ossctl cors diff`. A Terraform plan or state on one side is compared resource by
/// resource with the other side, or (with `oss://` as the other side) with each
/// resource's own bucket.
pub fn diff(ctx: &Context, conn: &ConnectionArgs, args: &DiffArgs) -> CommandResult {
    let (sa, sb) = (Source::parse(&args.a), Source::parse(&args.b));
    if sa == Source::Stdin && sb == Source::Stdin {
        return Err(Failure::usage("only one side of a diff can be stdin (-)"));
    }
    let a = diff_side(ctx, conn, &sa, args)?;
    let b = diff_side(ctx, conn, &sb, args)?;
    let live = |bucket: &Result<String, String>| -> Result<(String, CorsConfiguration), Failure> {
        let bucket = bucket.clone().map_err(Failure::usage)?;
        let mut name = format!("oss://{bucket}");
        let config = fetch_live(ctx, conn, &bucket)?.unwrap_or_else(|| {
            name.push_str(" (no CORS rules)");
            CorsConfiguration::default()
        });
        Ok((name, config))
    };
    // (old name, old rules, new name, new rules) for each comparison.
    let mut pairs: Vec<(String, CorsConfiguration, String, CorsConfiguration)> = Vec::new();
    match (a, b) {
        (DiffSide::One(na, ca), DiffSide::One(nb, cb)) => pairs.push((na, ca, nb, cb)),
        (DiffSide::Terraform(rs), DiffSide::One(n, c)) => {
            for (rn, rc, _) in rs {
                pairs.push((rn, rc, n.clone(), c.clone()));
            }
        }
        (DiffSide::One(n, c), DiffSide::Terraform(rs)) => {
            for (rn, rc, _) in rs {
                pairs.push((n.clone(), c.clone(), rn, rc));
            }
        }
        (DiffSide::OwnBucket, DiffSide::Terraform(rs)) => {
            for (rn, rc, bucket) in rs {
                let (ln, lc) = live(&bucket)?;
                pairs.push((ln, lc, rn, rc));
            }
        }
        (DiffSide::Terraform(rs), DiffSide::OwnBucket) => {
            for (rn, rc, bucket) in rs {
                let (ln, lc) = live(&bucket)?;
                pairs.push((rn, rc, ln, lc));
            }
        }
        (DiffSide::Terraform(mut x), DiffSide::Terraform(mut y))
            if x.len() == 1 && y.len() == 1 =>
        {
            let (xn, xc, _) = x.remove(0);
            let (yn, yc, _) = y.remove(0);
            pairs.push((xn, xc, yn, yc));
        }
        (DiffSide::Terraform(_), DiffSide::Terraform(_)) => {
            return Err(Failure::usage(
                "both sides hold several Terraform resources: pick one with --resource",
            ));
        }
        (DiffSide::OwnBucket, _) | (_, DiffSide::OwnBucket) => {
            return Err(Failure::usage(
                "oss:// without a bucket name means each resource's own bucket; the other side \
                 must be a Terraform plan or state (or write oss://BUCKET)",
            ));
        }
    }
    let mut out = Output::stdout();
    let mut reports = Vec::new();
    let mut any_difference = false;
    let diffs: Vec<lint::diff::Diff> = pairs
        .iter()
        .map(|(_, a, _, b)| lint::diff::diff(a, b))
        .collect();
    for ((na, _, nb, _), d) in pairs.iter().zip(&diffs) {
        any_difference |= !d.is_empty();
        match ctx.output {
            OutputFormat::Text => {
                let text = lint::diff::render_text(d, na, nb);
                out.write_str(&colour_diff(&text))?;
            }
            _ => reports.push(DiffReport {
                a: na.clone(),
                b: nb.clone(),
                equal: d.is_empty(),
                diff: d,
            }),
        }
    }
    if let Some(format) = ctx.structured() {
        // One comparison: the report itself (the stable schema); several: a list.
        if reports.len() == 1 {
            out.write_str(&render::structured(&reports[0], format)?)?;
        } else {
            out.write_str(&render::structured(&reports, format)?)?;
        }
    }
    out.flush()?;
    Ok(if any_difference {
        ExitStatus::Negative
    } else {
        ExitStatus::Success
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
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("tf"))
    {
        return Some(ConvertFormat::Terraform);
    }
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
                "cannot tell the output format from {:?}; say --to xml|yaml|json|s3-json|terraform",
                p.display().to_string()
            ))
        })?,
        _ => {
            return Err(Failure::usage(
                "say which format to write with --to xml|yaml|json|s3-json|terraform (or give \
                 -o FILE with a .xml, .yaml, .json or .tf extension)",
            ));
        }
    };
    let name = source.name();
    let mut notes: Vec<String> = Vec::new();
    let mut from = None;
    // The bucket the rules belong to, when the input says (for --to terraform).
    let mut bucket: Option<String> = None;
    let config = match &source {
        Source::Bucket(b) => {
            if args.from.is_some() || args.resource.is_some() {
                return Err(Failure::usage(format!(
                    "--from and --resource do not apply to {name}: live rules are read as OSS \
                     returns them"
                )));
            }
            bucket = Some(b.clone());
            fetch_live(ctx, conn, b)?.ok_or_else(|| no_rules(b))?
        }
        _ => {
            let (config, f) = read_document(&source, args, to, &mut notes, &mut bucket)?;
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
        ConvertFormat::Terraform => {
            let bucket = args.bucket.clone().or(bucket).ok_or_else(|| {
                Failure::usage(
                    "--to terraform needs the bucket's name: give --bucket NAME (an oss:// or \
                     Terraform input names it itself)",
                )
            })?;
            rules::terraform::to_hcl(&config, &rules::terraform::resource_name(&bucket), &bucket)
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
        ConvertFormat::Terraform => "Terraform",
    }
}

/// Reads `convert`'s input document (file or stdin) in format `from` (or the one its
/// extension or content says), validating with OSS's limits unless it goes S3 to S3.
/// Returns the configuration and the format it was read as.
fn read_document(
    source: &Source,
    args: &ConvertArgs,
    to: ConvertFormat,
    notes: &mut Vec<String>,
    bucket: &mut Option<String>,
) -> Result<(CorsConfiguration, ConvertFormat), Failure> {
    let bytes = read_input(source)?;
    let path = match source {
        Source::File(p) => Some(p.as_path()),
        _ => None,
    };
    let terraform = match args.from {
        Some(ConvertFormat::Terraform) => true,
        Some(_) => false,
        None => super::pipelines::is_terraform(path, &bytes, None, args.resource.as_deref()),
    };
    if args.resource.is_some() && !terraform {
        return Err(Failure::usage(
            "--resource picks a resource of a Terraform plan or state (--from terraform)",
        ));
    }
    if terraform {
        let name = source.name();
        let mut resources =
            super::pipelines::load_terraform(&bytes, &name, args.resource.as_deref())?;
        if resources.len() > 1 {
            let list: Vec<&str> = resources.iter().map(|r| r.address.as_str()).collect();
            return Err(Failure::usage(format!(
                "{name} holds {} resources with CORS rules ({}); convert writes one document: \
                 pick one with --resource ADDRESS",
                resources.len(),
                list.join(", ")
            )));
        }
        let r = resources.remove(0);
        *bucket = r.bucket.ok();
        return Ok((r.config, ConvertFormat::Terraform));
    }
    let from = args.from.unwrap_or_else(|| {
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
            // (Terraform input was handled above.)
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
