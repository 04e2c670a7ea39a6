//! ossctl in pipelines (issue 19): the CI formats of `--output` (SARIF, GitHub
//! annotations, JUnit) and Terraform plan/state input, where they meet the commands.
//!
//! The writers are pure and live in `render::{sarif, github, junit}`; the Terraform reader
//! and HCL writer in `rules::terraform`. This module only decides which command may use
//! which format, loads Terraform documents from files, runs `--requests` for the JUnit and
//! GitHub formats, and turns invalid rule documents into annotations. `cors test` calls in
//! through two small hooks (`test_terraform_hook`, `requests_hook`).

use std::io::Write as _;
use std::path::Path;

use crate::cli::client::ConnectionArgs;
use crate::cli::{Command, CorsCommand, CorsTestArgs, DocumentFormat};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::preflight::{self, Verdict};
use crate::render::{self, github, junit};
use crate::rules::terraform::{self, Resource};
use crate::rules::{self, CorsConfiguration, DocumentError, Format};

use super::files::FileError;
use super::{CiFormat, Context, Output};

/// Refuses a CI format on a command that has no such output (exit 2, before any work).
pub fn check_ci_format(command: &Command, ctx: &Context) -> Result<(), Failure> {
    match (ctx.ci, command) {
        (None | Some(CiFormat::Github), _) => Ok(()),
        (Some(CiFormat::Sarif), Command::Cors(CorsCommand::Lint(_))) => Ok(()),
        (Some(CiFormat::Junit), Command::Cors(CorsCommand::Test(args)))
            if args.requests.is_some() =>
        {
            Ok(())
        }
        (Some(CiFormat::Sarif), _) => Err(Failure::usage(
            "--output sarif is for `cors lint` (SARIF carries lint findings)",
        )),
        (Some(CiFormat::Junit), _) => Err(Failure::usage(
            "--output junit is for `cors test --requests FILE` (one test case per request)",
        )),
    }
}

/// Whether a rule-document name is a file GitHub can attach an annotation to.
fn is_file_name(name: &str) -> bool {
    !name.is_empty() && name != "-" && name != "<stdin>" && !name.starts_with("oss://")
}

/// `::error` annotations for every problem of an invalid rule document.
pub fn document_annotations(e: &DocumentError) -> String {
    let file = is_file_name(&e.source_name).then_some(e.source_name.as_str());
    let mut out = String::new();
    for d in &e.diagnostics {
        let mut message = String::new();
        if let Some(rule) = d.rule {
            message.push_str(&format!("rule {rule}: "));
        }
        message.push_str(&d.message);
        if let Some(help) = &d.help {
            message.push_str("; ");
            message.push_str(help);
        }
        if file.is_none() && !e.source_name.is_empty() {
            message = format!("{}: {message}", e.source_name);
        }
        out.push_str(&github::annotation(&github::Annotation {
            level: github::Level::Error,
            file,
            line: d.line,
            col: d.column,
            title: Some("ossctl: invalid rule document"),
            message: &message,
        }));
    }
    out
}

/// With `--output github`: a failure that is an invalid rule document is also printed as
/// annotations on stdout.
pub fn annotate_failure(failure: &Failure) -> Result<(), Failure> {
    if let Some(e) = failure.report.downcast_ref::<DocumentError>() {
        let mut out = Output::stdout();
        out.write_str(&document_annotations(e))?;
        out.flush()?;
    }
    Ok(())
}

/// Whether the document read from `path` should be read as Terraform JSON: `--resource`
/// was given, or (without `--format`) the content is `terraform show -json` output.
pub fn is_terraform(
    path: Option<&Path>,
    bytes: &[u8],
    format: Option<DocumentFormat>,
    resource: Option<&str>,
) -> bool {
    if resource.is_some() {
        return true;
    }
    if format.is_some() {
        return false;
    }
    let by_ext = path.and_then(|p| Format::from_path(&p.to_string_lossy()));
    matches!(by_ext, None | Some(Format::Json))
        && std::str::from_utf8(bytes).is_ok_and(terraform::looks_like_terraform)
}

/// The resources of a Terraform document (one with `resource`), each validated against
/// OSS's limits. Problems are exit 2 with the document's name, the resource address and
/// the attribute.
pub fn load_terraform(
    bytes: &[u8],
    name: &str,
    resource: Option<&str>,
) -> Result<Vec<Resource>, Failure> {
    if bytes.len() > terraform::MAX_TERRAFORM_BYTES {
        return Err(Failure::usage(format!(
            "{name}: {} bytes is more than the {} MiB a Terraform document may have here",
            bytes.len(),
            terraform::MAX_TERRAFORM_BYTES / (1024 * 1024)
        )));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        name: name.to_string(),
        at: e.valid_up_to(),
    })?;
    let resources =
        terraform::read(text, name, resource).map_err(|e| Failure::new(ExitStatus::Usage, e))?;
    for r in &resources {
        if let Err(mut e) = rules::validate_named(&r.config, name) {
            for d in &mut e.diagnostics {
                d.message = format!("{}: {}", r.address, d.message);
            }
            return Err(Failure::new(ExitStatus::Usage, e));
        }
    }
    Ok(resources)
}

/// A heading naming the resource whose results follow (text output; a note on stderr
/// beside structured output).
fn resource_heading(ctx: &Context, out: &mut Output, r: &Resource) -> Result<(), Failure> {
    let bucket = match &r.bucket {
        Ok(b) => format!(" (bucket {b})"),
        Err(_) => String::new(),
    };
    let line = format!("== {}{bucket} ==", r.address);
    if ctx.output == crate::cli::OutputFormat::Text && ctx.ci != Some(CiFormat::Junit) {
        out.write_str(&format!("{}\n", console::style(line).bold()))?;
        out.flush()
    } else {
        ctx.note(line);
        Ok(())
    }
}

/// `cors test -f PLAN.json`: runs the test once per resource of a Terraform document (or
/// the one `--resource` names). `None` when `-f` is not a Terraform document.
pub fn test_terraform_hook(
    ctx: &Context,
    conn: &ConnectionArgs,
    args: &CorsTestArgs,
    run: impl Fn(&Context, &ConnectionArgs, &CorsTestArgs, &CorsConfiguration) -> CommandResult,
) -> Result<Option<ExitStatus>, Failure> {
    let Some(path) = args.file.as_deref() else {
        if args.resource.is_some() {
            return Err(Failure::usage(
                "--resource picks a resource of a Terraform plan or state given with -f",
            ));
        }
        return Ok(None);
    };
    if path == Path::new("-") {
        if args.resource.is_some() {
            return Err(Failure::usage(
                "--resource needs the Terraform document in a file, not on stdin",
            ));
        }
        return Ok(None);
    }
    // Read through the 1 MiB limit (the normal path reports an unreadable file).
    let Ok(bytes) = super::read_rule_document(path, &path.display().to_string()) else {
        return Ok(None);
    };
    if !is_terraform(Some(path), &bytes, args.format, args.resource.as_deref()) {
        return Ok(None);
    }
    let name = path.display().to_string();
    let resources = load_terraform(&bytes, &name, args.resource.as_deref())?;
    if resources.len() > 1 {
        if ctx.ci == Some(CiFormat::Junit) {
            return Err(several(
                &name,
                &resources,
                "--output junit writes one report",
            ));
        }
        if args.requests.as_deref() == Some(Path::new("-")) {
            return Err(several(
                &name,
                &resources,
                "--requests - can be read only once",
            ));
        }
    }
    let mut worst = ExitStatus::Success;
    let mut out = Output::stdout();
    for r in &resources {
        if resources.len() > 1 {
            resource_heading(ctx, &mut out, r)?;
        }
        let status = run(ctx, conn, args, &r.config)?;
        worst = worst.max(status);
    }
    Ok(Some(worst))
}

fn several(name: &str, resources: &[Resource], why: &str) -> Failure {
    let list: Vec<&str> = resources.iter().map(|r| r.address.as_str()).collect();
    Failure::usage(format!(
        "{name} holds {} resources with CORS rules ({}); {why}: pick one with --resource ADDRESS",
        resources.len(),
        list.join(", ")
    ))
}

/// `cors test --requests FILE --output junit|github`: every request line simulated, as a
/// JUnit document or as text lines plus an `::error` annotation per blocked or invalid
/// line. `None` for the other formats (the normal `--requests` path runs).
///
/// Memory stays flat: lines are worked on in bounded chunks by `jobs` threads
/// (`app::requests`) and written in input order; JUnit test cases are spooled to a
/// temporary file because the counts come first in the document.
pub fn requests_hook(
    ctx: &Context,
    rules: &preflight::CompiledRules,
    behaviour: &preflight::Behaviour,
    outcome: preflight::Outcome,
    path: &Path,
    jobs: usize,
) -> Result<Option<ExitStatus>, Failure> {
    let Some(ci) = ctx.ci.filter(|c| *c != CiFormat::Sarif) else {
        return Ok(None);
    };
    let mut lines = super::requests::RequestLines::open(path)?;
    let name = lines.name.clone();
    let mut spool = match ci {
        CiFormat::Junit => Some(
            tempfile::tempfile()
                .map(std::io::BufWriter::new)
                .map_err(|e| Failure::usage(format!("cannot create a temporary file: {e}")))?,
        ),
        _ => None,
    };
    let spool_failure = |e: std::io::Error| Failure::usage(format!("cannot write the report: {e}"));
    let mut out = Output::stdout();
    let mut counts = junit::Counts::default();
    let (mut allowed, mut blocked, mut invalid) = (0u64, 0u64, 0u64);
    let mut text = String::new();
    // What a line comes to, worked out on a worker thread.
    struct Case {
        notes: Vec<String>,
        name: String,
        kind: &'static str,
        message: String,
        fixes: String,
    }
    let work = |line_number: usize, line: &[u8]| {
        let request = super::test::RequestSpec::from_json_line(line)
            .and_then(|spec| spec.to_browser_request());
        match request {
            Err(e) => Case {
                notes: Vec::new(),
                name: format!("line {line_number}"),
                kind: "invalid",
                message: e.to_string(),
                fixes: String::new(),
            },
            Ok((req, notes)) => {
                let sim = preflight::simulate(rules, &req, behaviour.choices, outcome);
                let fixes: Vec<String> = sim.suggestions().iter().map(|s| s.to_string()).collect();
                let kind = match sim.verdict {
                    Verdict::Allowed => "allowed",
                    Verdict::BlockedPreflight => "blocked_preflight",
                    Verdict::BlockedResponse => "blocked_response",
                };
                Case {
                    notes,
                    name: format!(
                        "line {line_number}: {} {} {}",
                        req.method, req.origin, req.path
                    ),
                    kind,
                    message: render::verdict_line(&sim),
                    fixes: if kind == "allowed" {
                        String::new()
                    } else {
                        fixes.join("\n")
                    },
                }
            }
        }
    };
    let write = |event: super::requests::Event<Case>| {
        let (line_number, case) = match event {
            super::requests::Event::Line(number, case) => (number, case),
            // A stream waits for its next lines: show the annotations so far (JUnit's report
            // is written whole at the end).
            super::requests::Event::CaughtUp => {
                return match spool {
                    Some(_) => Ok(()),
                    None => out.flush(),
                };
            }
        };
        for note in &case.notes {
            ctx.warn(format!("{name}:{line_number}: {note}"));
        }
        let Case {
            name: case_name,
            kind: outcome_kind,
            message,
            fixes,
            ..
        } = case;
        let outcome_kind = *outcome_kind;
        match outcome_kind {
            "allowed" => allowed += 1,
            "invalid" => {
                invalid += 1;
                // As without a CI format: the bad line on stderr.
                ctx.error(format!("{name}:{line_number}: {message}"));
            }
            _ => blocked += 1,
        }
        match &mut spool {
            Some(spool) => {
                let outcome = match outcome_kind {
                    "allowed" => junit::Outcome::Passed,
                    "invalid" => junit::Outcome::Error { message },
                    kind => junit::Outcome::Failed {
                        kind,
                        message,
                        details: if fixes.is_empty() { message } else { fixes },
                    },
                };
                counts.add(&outcome);
                junit::write_case(
                    spool,
                    &junit::Case {
                        class: &name,
                        name: case_name,
                        outcome,
                    },
                )
                .map_err(spool_failure)?;
            }
            None => {
                text.clear();
                text.push_str(&format!("{case_name}: {message}\n"));
                if outcome_kind != "allowed" {
                    let mut m = message.clone();
                    if !fixes.is_empty() {
                        m.push_str("\nfix: ");
                        m.push_str(&fixes.replace('\n', "\nfix: "));
                    }
                    text.push_str(&github::annotation(&github::Annotation {
                        level: github::Level::Error,
                        file: is_file_name(&name).then_some(name.as_str()),
                        line: Some(line_number),
                        col: None,
                        title: Some(if outcome_kind == "invalid" {
                            "ossctl: invalid request line"
                        } else {
                            "ossctl: blocked by CORS"
                        }),
                        message: &m,
                    }));
                }
                out.write_str(&text)?;
            }
        }
        Ok(())
    };
    let never = std::sync::atomic::AtomicBool::new(false);
    super::requests::for_each_in_order(
        &mut lines,
        jobs,
        &never,
        &indicatif::ProgressBar::hidden(),
        work,
        write,
    )?;
    let summary = format!(
        "{allowed} allowed, {blocked} blocked{}",
        if invalid > 0 {
            format!(
                ", {invalid} invalid line{}",
                if invalid == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        }
    );
    if let Some(spool) = spool {
        let mut file = spool
            .into_inner()
            .map_err(|e| spool_failure(e.into_error()))?;
        use std::io::Seek;
        file.rewind().map_err(spool_failure)?;
        let mut head = Vec::new();
        junit::write_head(&mut head, &name, counts).map_err(spool_failure)?;
        out.write_all(&head)?;
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            use std::io::Read;
            let n = file.read(&mut chunk).map_err(spool_failure)?;
            if n == 0 {
                break;
            }
            out.write_all(&chunk[..n])?;
        }
        let mut tail = Vec::new();
        junit::write_tail(&mut tail).map_err(spool_failure)?;
        out.write_all(&tail)?;
        out.flush()?;
        ctx.note(summary);
    } else {
        out.write_str(&summary)?;
        out.write_str("\n")?;
        out.flush()?;
    }
    let _ = std::io::stderr().flush();
    Ok(Some(if invalid > 0 {
        ExitStatus::Usage
    } else if blocked > 0 {
        ExitStatus::Negative
    } else {
        ExitStatus::Success
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_for_an_invalid_document() {
        let e = rules::parse(
            "rules:\n  - allowed_origins: [a]\n    allowed_methods: [PATCH]\n",
            Format::Yaml,
            "r,1.yaml",
        )
        .unwrap_err();
        let text = document_annotations(&e);
        assert!(
            text.starts_with("::error file=r%2C1.yaml,line=3,col="),
            "{text}"
        );
        assert!(
            text.contains("title=ossctl%3A invalid rule document::rule 1: "),
            "{text}"
        );
    }

    #[test]
    fn terraform_is_recognised_by_content() {
        let plan = br#"{"format_version":"1.0","values":{"root_module":{}}}"#;
        assert!(is_terraform(Some(Path::new("plan.json")), plan, None, None));
        assert!(is_terraform(Some(Path::new("plan")), plan, None, None));
        assert!(!is_terraform(
            Some(Path::new("plan.yaml")),
            plan,
            None,
            None
        ));
        assert!(!is_terraform(
            Some(Path::new("plan.json")),
            plan,
            Some(DocumentFormat::Json),
            None
        ));
        assert!(!is_terraform(
            Some(Path::new("r.json")),
            br#"{"rules":[]}"#,
            None,
            None
        ));
        assert!(is_terraform(None, b"x", None, Some("a.b")));
    }
}
