//! `ossctl cors test`: load the rules (a file, stdin, or a bucket's live rules), build the
//! browser's request from the flags (or one per line of `--requests`), run the simulator
//! (`preflight`) and render the explanation (`render`). The exit status is the verdict.
//!
//! All CORS semantics live in `preflight` (header parsing, method normalisation, the server
//! and browser models); this module only gathers input, streams `--requests` files and
//! prints.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

use crate::cli::client::ConnectionArgs;
use crate::cli::{BrowserArg, CorsTestArgs, DocumentFormat, OutputFormat};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::preflight::{
    self, Assumption, Behaviour, CompiledRules, Engine, Field, Outcome, Simulation, Verdict,
};
use crate::render;
use crate::rules::{self, CorsConfiguration, Format};

pub use super::request_spec::{RequestError, RequestSpec};
use super::requests::{self, RequestLines, source_name};
use super::{Context, Output, client};

/// Run `ossctl cors test`.
pub fn run(ctx: &Context, conn: &ConnectionArgs, args: &CorsTestArgs) -> CommandResult {
    // Issue 15: a bucket's endpoint with an observation saved by `cors probe --save` (and no
    // --behaviour FILE) starts from it instead of the defaults; --assume applies on top.
    // One session for the whole command (the observation's endpoint, the rules, --live),
    // opened where the first of them needs it.
    let mut session = match (&args.target, &args.behaviour.file) {
        (Some(_), None) => Some(client::Session::open(ctx, conn)?),
        _ => None,
    };
    let saved = match (&args.target, &session) {
        (Some(target), Some(session)) => client::saved_observation(session, target)?,
        _ => None,
    };
    let behaviour = match saved {
        Some((saved, note)) => {
            ctx.note(note);
            super::behaviour::with_assumptions(saved, &args.behaviour)?
        }
        None => super::behaviour::load(&args.behaviour)?,
    };
    // Pipelines hook (issue 19): a Terraform plan/state as -f runs once per resource.
    let per_resource =
        // A rule file, not a bucket: no session.
        |ctx: &Context, _: &ConnectionArgs, args: &CorsTestArgs, config: &CorsConfiguration| {
            run_with(ctx, None, args, &behaviour, Some(config))
        };
    if let Some(status) = super::pipelines::test_terraform_hook(ctx, conn, args, per_resource)? {
        return Ok(status);
    }
    // The rules: a file / stdin, or a bucket's live rules (`None`: it has no CORS
    // configuration) fetched by the client layer.
    let config = match &args.target {
        Some(target) => {
            if session.is_none() {
                session = Some(client::Session::open(ctx, conn)?);
            }
            client::fetch_live_rules(session.as_ref().expect("opened above"), target)?
        }
        None => Some(load_rules(args)?),
    };
    run_with(ctx, session.as_ref(), args, &behaviour, config.as_ref())
}

/// `run` for rules already loaded (also the pipelines hook's entry, once per resource): the
/// rules are compiled once for the whole run.
fn run_with(
    ctx: &Context,
    session: Option<&client::Session>,
    args: &CorsTestArgs,
    behaviour: &Behaviour,
    config: Option<&CorsConfiguration>,
) -> CommandResult {
    let rules = CompiledRules::from_config(config);
    let outcome = args
        .response_status
        .map_or(Outcome::Success, Outcome::from_status);
    if let Some(path) = &args.requests {
        let jobs = requests::jobs(args.jobs);
        // Pipelines hook (issue 19): --output junit|github.
        if let Some(status) =
            super::pipelines::requests_hook(ctx, &rules, behaviour, outcome, path, jobs)?
        {
            return Ok(status);
        }
        return run_requests(ctx, &rules, behaviour, outcome, path, jobs);
    }
    let mut spec = spec_from_args(args)?;
    if spec.path.is_none()
        && let Some(target) = &args.target
    {
        // `oss://bucket/key`: the request goes to that object.
        let (_, key) = client::parse_oss_url(target)?;
        spec.path = key;
    }
    run_one(ctx, session, args, &rules, behaviour, outcome, &spec)
}

/// A simulation, what it assumes, and what the endpoint really answered with `--live`: the
/// JSON/YAML form of a single `cors test` (the simulation's fields, `assumptions`, and
/// `live` only with `--live`).
#[derive(Serialize)]
struct Report<'s, 'a> {
    #[serde(flatten)]
    sim: &'s Simulation<'a>,
    assumptions: &'s [Assumption],
    browsers: render::Browsers<'s>,
    #[serde(skip_serializing_if = "Option::is_none")]
    live: Option<&'s client::LiveReport>,
}

/// Simulate one request (from the flags) and print the explanation; with `--live`, also
/// probe the endpoint and report how its answers differ. The exit status is the verdict:
/// the real one with `--live`, the simulated one otherwise.
fn run_one(
    ctx: &Context,
    session: Option<&client::Session>,
    args: &CorsTestArgs,
    rules: &CompiledRules,
    behaviour: &Behaviour,
    outcome: Outcome,
    spec: &RequestSpec,
) -> CommandResult {
    let (request, notes) = spec.to_browser_request().map_err(Failure::usage)?;
    for note in notes {
        ctx.warn(note);
    }
    let sim = preflight::simulate(rules, &request, behaviour.choices, outcome);
    let assumptions = preflight::assumptions(rules, &sim, behaviour);
    let live = match (&args.target, session, args.live) {
        (Some(target), Some(session), true) => Some(client::live_report(
            session, target, &request, &sim, rules, behaviour,
        )?),
        _ => None,
    };
    let engines: &[Engine] = match args.browser {
        BrowserArg::Chromium => &[Engine::Chromium],
        BrowserArg::Firefox => &[Engine::Firefox],
        BrowserArg::All => &Engine::ALL,
    };
    // The actual response's status: the one given, else OSS's success status (DeleteObject
    // answers 204, every other operation 200).
    let status = args
        .response_status
        .unwrap_or(if request.method == "DELETE" { 204 } else { 200 });
    let views = render::engine_views(&sim, engines, status);
    let doc = Report {
        sim: &sim,
        assumptions: &assumptions,
        browsers: render::Browsers(&views),
        live: live.as_ref(),
    };
    let text = match ctx.output {
        OutputFormat::Text => {
            let mut text = render::simulation_text(&sim, &assumptions, behaviour, &views);
            if let Some(report) = &live {
                text.push('\n');
                text.push_str(&client::live_report_text(report));
            }
            text
        }
        OutputFormat::Json => render::structured(&doc, render::Structured::Json)?,
        OutputFormat::Yaml => render::structured(&doc, render::Structured::Yaml)?,
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    Ok(verdict_status(
        live.map_or(sim.verdict, |report| report.verdict),
    ))
}

fn verdict_status(verdict: Verdict) -> ExitStatus {
    match verdict {
        Verdict::Allowed => ExitStatus::Success,
        Verdict::BlockedPreflight | Verdict::BlockedResponse => ExitStatus::Negative,
    }
}

fn encode_failure(e: impl std::fmt::Display) -> Failure {
    Failure::usage(format!("cannot encode the result: {e}"))
}

/// Counts of verdicts that depend on an assumption, for a `--requests` summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AssumptionTally {
    /// Verdicts that depend on at least one assumption.
    pub dependent: u64,
    /// Per field, how many verdicts depend on it (in `Field::ALL` order).
    pub per_field: Vec<(Field, u64)>,
}

impl AssumptionTally {
    /// Counts one simulation's assumptions.
    pub fn add(&mut self, assumptions: &[Assumption]) {
        if assumptions.is_empty() {
            return;
        }
        self.dependent += 1;
        let mut fields: Vec<Field> = assumptions.iter().map(|a| a.name).collect();
        fields.dedup();
        for field in fields {
            match self.per_field.iter_mut().find(|(f, _)| *f == field) {
                Some((_, n)) => *n += 1,
                None => {
                    self.per_field.push((field, 1));
                    self.per_field.sort();
                }
            }
        }
    }

    /// "N verdicts depend on an assumption (M on allow-credentials, ...)", or `None`.
    pub fn summary(&self) -> Option<String> {
        if self.dependent == 0 {
            return None;
        }
        let per: Vec<String> = self
            .per_field
            .iter()
            .map(|(f, n)| format!("{n} on {}", f.name()))
            .collect();
        let s = if self.dependent == 1 {
            " depends"
        } else {
            "s depend"
        };
        Some(format!(
            "{} verdict{s} on an assumption ({})",
            self.dependent,
            per.join(", ")
        ))
    }
}

/// Counts for the `--requests` summary.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Tally {
    allowed: u64,
    blocked: u64,
    invalid: u64,
}

/// What one `--requests` line came to, worked out on a worker thread: the notes on its
/// request, and its output (or why the line is invalid).
struct LineResult {
    notes: Vec<String>,
    outcome: Result<Simulated, String>,
}

/// A simulated `--requests` line: its rendered output, its verdict, its assumptions.
struct Simulated {
    text: Result<String, String>,
    allowed: bool,
    assumptions: Vec<Assumption>,
}

/// Parses, simulates and renders one `--requests` line (on a worker thread).
fn simulate_line(
    line_number: usize,
    line: &[u8],
    rules: &CompiledRules,
    behaviour: &Behaviour,
    outcome: Outcome,
    output: OutputFormat,
) -> LineResult {
    let (request, notes) =
        match RequestSpec::from_json_line(line).and_then(|spec| spec.to_browser_request()) {
            Ok(parsed) => parsed,
            Err(e) => {
                return LineResult {
                    notes: Vec::new(),
                    outcome: Err(e.to_string()),
                };
            }
        };
    let sim = preflight::simulate(rules, &request, behaviour.choices, outcome);
    let assumptions = preflight::assumptions(rules, &sim, behaviour);
    let numbered = Numbered {
        line: line_number,
        sim: &sim,
        assumptions: &assumptions,
    };
    let text = match output {
        OutputFormat::Text => Ok(render::simulation_line(line_number, &sim, &assumptions)),
        OutputFormat::Json => render::json_line(&numbered).map_err(|e| e.to_string()),
        OutputFormat::Yaml => render::yaml(&numbered)
            .map(|doc| format!("---\n{doc}"))
            .map_err(|e| e.to_string()),
    };
    let allowed = sim.verdict == Verdict::Allowed;
    LineResult {
        notes,
        outcome: Ok(Simulated {
            text,
            allowed,
            assumptions,
        }),
    }
}

/// Simulate every request of a JSON Lines file, streaming: one output line (text) or one
/// JSON object (`--output json`, with a `line` field) per request, then a summary that also
/// counts the verdicts resting on an assumption. The lines are worked on by `jobs` threads
/// (`app::requests`) and printed in input order, the same bytes whatever `jobs` is; memory
/// stays flat.
fn run_requests(
    ctx: &Context,
    rules: &CompiledRules,
    behaviour: &Behaviour,
    outcome: Outcome,
    path: &Path,
    jobs: usize,
) -> CommandResult {
    let mut lines = RequestLines::open(path)?;
    let name = lines.name.clone();
    let progress = progress_bar(ctx, lines.len);
    let mut out = Output::stdout();
    let mut tally = Tally::default();
    let mut assumed = AssumptionTally::default();
    // Ctrl-C or SIGTERM stops after the line being written, with the summary of what was done.
    let interrupted = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        let _ = signal_hook::flag::register(signal, Arc::clone(&interrupted));
    }
    let mut last_line = 0;
    let output = ctx.output;
    requests::for_each_in_order(
        &mut lines,
        jobs,
        &interrupted,
        &progress,
        |line_number, line| simulate_line(line_number, line, rules, behaviour, outcome, output),
        |event| {
            let (line_number, result) = match event {
                requests::Event::Line(number, result) => (number, result),
                // A stream waits for its next lines: show what is answered so far.
                requests::Event::CaughtUp => return out.flush(),
            };
            last_line = line_number;
            for note in &result.notes {
                progress.suspend(|| ctx.warn(format!("{name}:{line_number}: {note}")));
            }
            match &result.outcome {
                Ok(simulated) => {
                    assumed.add(&simulated.assumptions);
                    if simulated.allowed {
                        tally.allowed += 1;
                    } else {
                        tally.blocked += 1;
                    }
                    match &simulated.text {
                        Ok(text) => out.write_str(text),
                        Err(e) => Err(encode_failure(e)),
                    }
                }
                Err(e) => {
                    tally.invalid += 1;
                    progress.suspend(|| ctx.error(format!("{name}:{line_number}: {e}")));
                    Ok(())
                }
            }
        },
    )?;
    progress.finish_and_clear();
    let mut summary = format!("{} allowed, {} blocked", tally.allowed, tally.blocked);
    if tally.invalid > 0 {
        let _ = write!(
            summary,
            ", {} invalid line{}",
            tally.invalid,
            if tally.invalid == 1 { "" } else { "s" }
        );
    }
    if let Some(line) = assumed.summary() {
        let _ = write!(summary, "; {line}");
    }
    let interrupted = interrupted.load(Ordering::Relaxed);
    if interrupted {
        summary = format!("interrupted after line {last_line}: {summary}");
    }
    if ctx.output == OutputFormat::Text {
        out.write_str(&summary)?;
        out.write_str("\n")?;
        out.flush()?;
    } else {
        // Structured output stays a clean stream of simulations; the summary is a message.
        out.flush()?;
        ctx.note(summary);
    }
    Ok(if interrupted {
        ExitStatus::Interrupted
    } else if tally.invalid > 0 {
        ExitStatus::Usage
    } else if tally.blocked > 0 {
        ExitStatus::Negative
    } else {
        ExitStatus::Success
    })
}

/// One `--requests` result: the line number, the simulation's fields, its assumptions.
#[derive(Serialize)]
struct Numbered<'s, 'a> {
    line: usize,
    #[serde(flatten)]
    sim: &'s Simulation<'a>,
    assumptions: &'s [Assumption],
}

/// A progress bar over the bytes of the `--requests` file (a spinner for stdin), only when
/// stderr is a terminal, stdout is not (the result lines would tear the bar apart; when
/// they scroll by on the terminal they are the progress) and `-q` is not given.
fn progress_bar(ctx: &Context, len: Option<u64>) -> ProgressBar {
    if !ctx.stderr_is_tty || ctx.stdout_is_tty || ctx.quiet {
        return ProgressBar::hidden();
    }
    let bar = match len {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template("{bar:30} {bytes}/{total_bytes} {per_sec} {eta}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        ),
        None => ProgressBar::new_spinner(),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
}

/// The request described by the command-line flags (clap guarantees origin and method
/// when `--requests` is absent).
fn spec_from_args(args: &CorsTestArgs) -> Result<RequestSpec, Failure> {
    Ok(RequestSpec {
        origin: args
            .origin
            .clone()
            .ok_or_else(|| Failure::usage("--origin is required"))?,
        method: args
            .method
            .clone()
            .ok_or_else(|| Failure::usage("--method is required"))?,
        headers: args.headers.clone(),
        credentials: args.credentials,
        path: args.path.clone(),
    })
}

/// Read and validate the rule document named by `-f` (`-` = stdin). Invalid documents
/// become exit 2 with the rules module's report (file:line:col, or rule/field/value).
fn load_rules(args: &CorsTestArgs) -> Result<CorsConfiguration, Failure> {
    let Some(path) = args.file.as_deref() else {
        return Err(Failure::usage("no rule file given (-f FILE)"));
    };
    let name = source_name(path);
    let is_stdin = path == Path::new("-");
    if is_stdin && args.requests.as_deref() == Some(Path::new("-")) {
        return Err(Failure::usage(
            "`-f -` and `--requests -` cannot both read stdin; put one of them in a file",
        ));
    }
    // Read through the 1 MiB limit, whatever the file is (a pipe, /dev/zero).
    let bytes = super::read_rule_document(path, &name)?;
    let format = document_format(args.format, path, &bytes)?;
    let config = rules::parse_bytes(&bytes, format, &name)
        .map_err(|e| Failure::new(ExitStatus::Usage, e))?;
    tracing::debug!(
        source = %name,
        %format,
        bytes = bytes.len(),
        rules = config.rules.len(),
        "rules loaded"
    );
    Ok(config)
}

/// The format of a rule document: `--format`, else the file's extension, else (stdin, or a
/// file without a known extension) the first non-blank character: `<` XML, `{` JSON,
/// anything else YAML.
fn document_format(
    flag: Option<DocumentFormat>,
    path: &Path,
    bytes: &[u8],
) -> Result<Format, Failure> {
    if let Some(flag) = flag {
        return Ok(match flag {
            DocumentFormat::Xml => Format::Xml,
            DocumentFormat::Yaml => Format::Yaml,
            DocumentFormat::Json => Format::Json,
        });
    }
    if path != Path::new("-")
        && let Some(format) = Format::from_path(&path.to_string_lossy())
    {
        return Ok(format);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    Ok(match text.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Format::Xml,
        Some(b'{') => Format::Json,
        _ => Format::Yaml,
    })
}

#[cfg(test)]
mod tests {
    use super::super::request_spec::browser_origin;
    use super::*;
    use crate::preflight::BrowserRequest;

    #[test]
    fn assumption_tally_counts_verdicts_per_field() {
        let c = rules::parse(
            "rules:\n- allowed_origins: [https://app.example.com]\n  allowed_methods: [PUT]\n  allowed_headers: ['*']\n",
            Format::Yaml,
            "t",
        )
        .unwrap();
        let rules = CompiledRules::from_config(Some(&c));
        let behaviour = Behaviour::default();
        let mut tally = AssumptionTally::default();
        assert_eq!(tally.summary(), None);
        for credentials in [true, true, false] {
            let r = BrowserRequest {
                method: "PUT".into(),
                credentials,
                ..BrowserRequest::default()
            };
            let s = preflight::simulate(&rules, &r, behaviour.choices, Outcome::Success);
            tally.add(&preflight::assumptions(&rules, &s, &behaviour));
        }
        assert_eq!(tally.dependent, 2);
        assert_eq!(tally.per_field, [(Field::AllowCredentials, 2)]);
        assert_eq!(
            tally.summary().as_deref(),
            Some("2 verdicts depend on an assumption (2 on allow-credentials)")
        );
    }

    /// `--requests` lines through the real per-line path (parse, simulate, assumptions,
    /// render), pinned byte for byte: header classification edge cases (the 1024-byte
    /// total, repeated names, forbidden headers, Content-Type parameters, Range forms), near
    /// misses, and an origin a browser would rewrite. The expected lines are what the build
    /// before the header-classification restructure printed.
    #[test]
    fn requests_lines_render_as_pinned() {
        let c = rules::parse(
            "rules:\n\
             - allowed_origins: [https://app.example.com]\n  allowed_methods: [GET, PUT]\n  allowed_headers: [content-type]\n  expose_headers: [ETag]\n  max_age_seconds: 600\n\
             - allowed_origins: ['https://*.example.org']\n  allowed_methods: [GET]\n  allowed_headers: ['*']\n\
             - allowed_origins: [https://Shop.Example.net, 'http://admin.example.com']\n  allowed_methods: [GET, POST]\n  allowed_headers: [range, x-oss-*]\n",
            Format::Yaml,
            "t",
        )
        .unwrap();
        let rules = CompiledRules::from_config(Some(&c));
        let behaviour = Behaviour::default();
        // The verdict words are coloured on a terminal; the pinned lines are the plain ones.
        console::set_colors_enabled(false);
        let accept8 = vec![format!("\"Accept: {}\"", "a".repeat(128)); 8].join(",");
        let app = r#""origin":"https://app.example.com""#;
        let cases: Vec<(String, &str)> = vec![
            (
                format!(r#"{{{app},"method":"GET","headers":[{accept8}]}}"#),
                "allowed  GET https://app.example.com/ [Accept, Accept, Accept, Accept, Accept, Accept, Accept, Accept]: rule 1",
            ),
            (
                format!(r#"{{{app},"method":"GET","headers":[{accept8},"Accept-Language: x"]}}"#),
                "blocked at preflight  GET https://app.example.com/ [Accept, Accept, Accept, Accept, Accept, Accept, Accept, Accept, Accept-Language]: PreflightMissingAllowOriginHeader; fix: add `accept` to rule 1's AllowedHeader",
            ),
            (
                format!(
                    r#"{{"origin":"https://a.example.org","method":"GET","headers":[{accept8},"Cookie: a=b","X-Trace: 1","range: bytes=0-"]}}"#
                ),
                "allowed  GET https://a.example.org/ [Accept, Accept, Accept, Accept, Accept, Accept, Accept, Accept, X-Trace, range]: rule 2",
            ),
            (
                format!(
                    r#"{{{app},"method":"PUT","headers":["X-A: 1","x-a: 2","Content-Type: text/plain; charset=utf-8","X-B: 3"]}}"#
                ),
                "blocked at preflight  PUT https://app.example.com/ [X-A, x-a, Content-Type, X-B]: PreflightMissingAllowOriginHeader; fix: add `x-a` to rule 1's AllowedHeader",
            ),
            (
                format!(
                    r#"{{{app},"method":"PUT","headers":["Content-Type: application/json; charset=utf-8"]}}"#
                ),
                "allowed  PUT https://app.example.com/ [Content-Type]: rule 1",
            ),
            (
                format!(r#"{{{app},"method":"GET","headers":["Range: bytes=-5"]}}"#),
                "blocked at preflight  GET https://app.example.com/ [Range]: PreflightMissingAllowOriginHeader; fix: add `range` to rule 1's AllowedHeader",
            ),
            (
                format!(
                    r#"{{{app},"method":"GET","headers":["Range: bytes=5-"],"credentials":true}}"#
                ),
                "allowed  GET https://app.example.com/ [Range] (credentials): rule 1 (assumes allow-credentials)",
            ),
            (
                format!(
                    r#"{{{app},"method":"GET","headers":["Sec-Fetch-Mode: cors","X-HTTP-Method-Override: TRACE","Cookie: x"]}}"#
                ),
                "allowed  GET https://app.example.com/: rule 1",
            ),
            (
                r#"{"origin":"https://shop.example.net","method":"GET"}"#.to_owned(),
                "blocked at the response  GET https://shop.example.net/: MissingAllowOriginHeader; fix: in rule 3's AllowedOrigin, `https://Shop.Example.net` differs only in letter case; browsers send lower-case hosts and origins compare case-sensitively (assumes origin-case)",
            ),
            (
                r#"{"origin":"https://admin.example.com","method":"GET"}"#.to_owned(),
                "blocked at the response  GET https://admin.example.com/: MissingAllowOriginHeader; fix: in rule 3's AllowedOrigin, `http://admin.example.com` has a different scheme (`http` instead of `https`)",
            ),
            (
                r#"{"origin":"https://x.shop.example.net","method":"POST","headers":["X-Oss-Meta-A: 1"]}"#.to_owned(),
                "blocked at preflight  POST https://x.shop.example.net/ [X-Oss-Meta-A]: PreflightMissingAllowOriginHeader; fix: add `https://x.shop.example.net` to a rule's AllowedOrigin (no rule allows this origin)",
            ),
            (
                r#"{"origin":"http://admin.example.com","method":"POST","headers":["X-Oss-Meta-A: 1","Authorization: x"]}"#.to_owned(),
                "blocked at preflight  POST http://admin.example.com/ [X-Oss-Meta-A, Authorization]: PreflightMissingAllowOriginHeader; fix: add `authorization` to rule 3's AllowedHeader",
            ),
            (
                r#"{"origin":"https://b.example.org","method":"patch","headers":{"X-Bare":null}}"#.to_owned(),
                "blocked at preflight  patch https://b.example.org/ [X-Bare]: PreflightMissingAllowOriginHeader; fix: OSS never allows method `patch`: it only supports GET, PUT, POST, DELETE and HEAD (assumes unknown-acrm)",
            ),
            (
                r#"{"origin":"HTTPS://App.Example.com:443/x","method":"put","headers":["Accept: a(b"]}"#.to_owned(),
                "blocked at preflight  PUT https://app.example.com/ [Accept]: PreflightMissingAllowOriginHeader; fix: add `accept` to rule 1's AllowedHeader",
            ),
        ];
        for (i, (line, want)) in cases.iter().enumerate() {
            let n = i + 1;
            let result = simulate_line(
                n,
                line.as_bytes(),
                &rules,
                &behaviour,
                Outcome::Success,
                OutputFormat::Text,
            );
            let Ok(simulated) = result.outcome else {
                panic!("line {n} is invalid");
            };
            assert_eq!(simulated.text.unwrap(), format!("{n}: {want}\n"));
            assert_eq!(result.notes.len(), if n == 14 { 4 } else { 0 }, "line {n}");
        }
    }

    #[test]
    fn json_line_with_header_list() {
        let spec = RequestSpec::from_json_line(
            br#"{"origin":"https://a.example","method":"put","headers":["Content-Type: application/json","X-Id"],"credentials":true,"path":"/d/o"}"#,
        )
        .unwrap();
        assert_eq!(
            spec,
            RequestSpec {
                origin: "https://a.example".into(),
                method: "put".into(),
                headers: vec!["Content-Type: application/json".into(), "X-Id".into()],
                credentials: true,
                path: Some("/d/o".into()),
            }
        );
    }

    #[test]
    fn json_line_with_header_object() {
        let spec = RequestSpec::from_json_line(
            br#"{"origin":"https://a","method":"GET","headers":{"Range":"bytes=0-1","X-Bare":null}}"#,
        )
        .unwrap();
        assert_eq!(spec.headers, ["Range: bytes=0-1", "X-Bare"]);
        assert!(!spec.credentials);
        assert_eq!(spec.path, None);
    }

    #[test]
    fn json_line_errors_are_precise() {
        let err = |line: &str| {
            RequestSpec::from_json_line(line.as_bytes())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(err(r#"{"method":"GET"}"#), "missing field `origin`");
        assert_eq!(err(r#"{"origin":"https://a"}"#), "missing field `method`");
        assert_eq!(
            err(r#"{"origin":"https://a","method":"GET","orign":1}"#),
            "unknown field `orign` (expected origin, method, headers, credentials, path); did you mean `origin`?"
        );
        assert_eq!(
            err(r#"{"origin":"https://a","method":7}"#),
            "`method` must be a string, found a number"
        );
        assert_eq!(
            err(r#"{"origin":"https://a","method":"GET","credentials":"yes"}"#),
            "`credentials` must be true or false, found a string"
        );
        assert_eq!(
            err(r#"{"origin":"https://a","method":"GET","headers":[1]}"#),
            "`headers[0]` must be a \"Name: value\" string, found a number"
        );
        assert_eq!(err("[1]"), "expected a JSON object, found a list");
        assert!(err(r#"{"origin": "#).starts_with("not valid JSON (column "));
    }

    #[test]
    fn origins_become_what_browsers_send() {
        let ok = |o: &str| browser_origin(o).unwrap();
        assert_eq!(
            ok("https://app.example.com"),
            ("https://app.example.com".into(), vec![])
        );
        assert_eq!(ok("http://localhost:8080").1.len(), 0);
        assert_eq!(ok("null").0, "null");
        let (origin, notes) = ok("https://App.Example.com:443/index.html");
        assert_eq!(origin, "https://app.example.com");
        assert_eq!(notes.len(), 4, "{notes:?}");
        assert!(notes[3].contains("testing with `https://app.example.com`"));
        assert_eq!(ok("https://a.example/").0, "https://a.example");
        assert_eq!(ok("http://a.example:80").0, "http://a.example");
        assert_eq!(ok("https://a.example:8443").0, "https://a.example:8443");
        let e = browser_origin("app.example.com/").unwrap_err().to_string();
        assert!(e.contains("e.g. `https://app.example.com`"), "{e}");
    }

    /// Found by the `requests` fuzz target: a line break in the origin (or the method, or
    /// the path) was simulated and split the request's result line in two.
    #[test]
    fn control_characters_and_non_token_methods_are_refused() {
        let spec = |origin: &str, method: &str, path: &str| RequestSpec {
            origin: origin.into(),
            method: method.into(),
            headers: Vec::new(),
            credentials: false,
            path: Some(path.into()),
        };
        let e = spec("http://local\nhost:3000", "PUT", "/")
            .to_browser_request()
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(r"`http://local\nhost:3000` contains '\n'"),
            "{e}"
        );
        assert!(!e.contains('\n'), "{e}");
        let e = spec(" https://a.example", "GET", "/")
            .to_browser_request()
            .unwrap_err()
            .to_string();
        assert!(e.contains("contains ' '"), "{e}");
        let e = spec("https://a.example", "PU\rT", "/")
            .to_browser_request()
            .unwrap_err()
            .to_string();
        assert!(e.contains(r"`PU\rT` is not an HTTP token"), "{e}");
        let e = spec("https://a.example", "GET", "a\nb")
            .to_browser_request()
            .unwrap_err()
            .to_string();
        assert!(e.contains(r"`/a\nb` contains '\n'"), "{e}");
        assert!(
            spec("https://a.example", "patch", "/a b")
                .to_browser_request()
                .is_ok()
        );
    }

    #[test]
    fn browser_request_from_flags() {
        let spec = RequestSpec {
            origin: "https://a".into(),
            method: "delete".into(),
            headers: vec!["X-A:  1 ".into(), "X-B".into()],
            credentials: false,
            path: Some("dir/o".into()),
        };
        let (req, _) = spec.to_browser_request().unwrap();
        assert_eq!(req.method, "DELETE");
        assert_eq!(req.path, "/dir/o");
        assert_eq!(req.headers[0], ("X-A".to_owned(), "1".to_owned()));
        assert_eq!(req.headers[1].0, "X-B");
        let patch = RequestSpec {
            method: "patch".into(),
            path: None,
            ..spec
        };
        let (req, _) = patch.to_browser_request().unwrap();
        assert_eq!(
            req.method, "patch",
            "fetch() keeps unknown methods as typed"
        );
        assert_eq!(req.path, "/");
        let bad = RequestSpec {
            headers: vec![": x".into()],
            ..patch
        };
        assert!(bad.to_browser_request().is_err());
    }

    #[test]
    fn format_from_flag_extension_or_content() {
        let p = Path::new;
        assert_eq!(
            document_format(Some(DocumentFormat::Json), p("r.xml"), b"").unwrap(),
            Format::Json
        );
        assert_eq!(
            document_format(None, p("r.YML"), b"<").unwrap(),
            Format::Yaml
        );
        assert_eq!(
            document_format(None, p("-"), b"\n  <CORSConfiguration/>").unwrap(),
            Format::Xml
        );
        assert_eq!(
            document_format(None, p("-"), b" {\"rules\":[]}").unwrap(),
            Format::Json
        );
        assert_eq!(
            document_format(None, p("-"), b"rules: []").unwrap(),
            Format::Yaml
        );
        assert_eq!(
            document_format(None, p("rules"), b"<x/>").unwrap(),
            Format::Xml
        );
    }
}
