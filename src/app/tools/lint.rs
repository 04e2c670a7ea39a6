//! `ossctl cors lint`: every operand (files, `-`, `oss://BUCKET`, each resource of a
//! Terraform document) linted by the pure `lint` module; text, JSON/YAML, SARIF or GitHub
//! annotations.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::client::ConnectionArgs;
use crate::cli::tools::LintArgs;
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::lint::{self, Finding, LintId, Severity};
use crate::render;
use crate::rules::{self, CorsConfiguration, Format};

use super::source::{Source, document_format, fetch_live, no_rules, read_input, sniff_format};
use crate::app::{Context, Output};

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
    if crate::app::pipelines::is_terraform(path, &bytes, args.format, args.resource.as_deref()) {
        let resources =
            match crate::app::pipelines::load_terraform(&bytes, &name, args.resource.as_deref()) {
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
    let github = ctx.ci == Some(crate::app::CiFormat::Github);
    let mut docs: Vec<LintDoc> = Vec::new();
    let mut invalid = false;
    let mut out = Output::stdout();
    let sarif = ctx.ci == Some(crate::app::CiFormat::Sarif);
    // Invalid documents, for SARIF: (file URI, message, position) of each problem.
    let mut problems: Vec<(Option<String>, String, Option<rules::Position>)> = Vec::new();
    for source in &sources {
        match load_lint_docs(ctx, conn, source, args)? {
            Ok(d) => docs.extend(d),
            Err(failure) if (sources.len() > 1 || sarif) && failure.status == ExitStatus::Usage => {
                // Report it and go on with the other documents; the exit status is 2.
                invalid = true;
                if github {
                    crate::app::pipelines::annotate_failure(&failure)?;
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
        (Some(crate::app::CiFormat::Sarif), _) => {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_knows_every_lint_id() {
        let ids: Vec<&str> = LintId::ALL.iter().map(|id| id.as_str()).collect();
        assert_eq!(ids, crate::cli::tools::LINT_IDS);
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
