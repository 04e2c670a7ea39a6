//! Rendering results as text (for people) or JSON/YAML (for scripts).
//!
//! Owns: the text explanation of a `cors test` simulation, the one-line form used by
//! `--requests`, the typed results of the client commands ([`client`]: dry-run requests,
//! per-bucket results, `config show`) and of `cors test --live` ([`live`]) with their text
//! forms, and [`structured`], the one writer of every `--output-format json|yaml` result
//! (its errors are [`Error`]s, never swallowed). Pure: returns
//! strings; colour comes from `console::style`, whose on/off switch `app::init` sets once
//! (TTY, `--color`, `NO_COLOR`). Must not depend on `transport`, `server`, `app` or `cli`;
//! all CORS semantics (reasons, verdicts, suggestions) come from `preflight` as data, this
//! module only lays them out.
//!
//! The CI formats live in their own files: [`sarif`] (SARIF 2.1.0 for `cors lint`),
//! [`github`] (GitHub Actions workflow commands) and [`junit`] (JUnit XML for
//! `cors test --requests`). Each stays well-formed whatever text it is given.

pub mod client;
pub mod github;
pub mod junit;
pub mod live;
pub mod probe;
pub mod sarif;

use std::fmt::Write as _;

use console::style;
use serde::Serialize;

use crate::preflight::{
    Assumption, Behaviour, Choices, Engine, Field, Outcome, Simulation, Verdict,
};

mod engines;
pub use engines::{
    Browsers, EngineView, browsers_text, cache_sentence, console_line, engine_views,
};

/// The structured formats of `--output-format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Structured {
    /// Pretty JSON.
    Json,
    /// YAML.
    Yaml,
}

/// A result that could not be written as JSON or YAML.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    /// serde_json refused the value.
    #[error("cannot write the result as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// serde-saphyr refused the value.
    #[error("cannot write the result as YAML: {0}")]
    Yaml(#[from] serde_saphyr::ser::Error),
}

/// `value` as pretty JSON or YAML, ending in a newline: the one writer of every
/// `--output-format json|yaml` result.
pub fn structured<T: Serialize>(value: &T, format: Structured) -> Result<String, Error> {
    Ok(match format {
        Structured::Json => json(value)?,
        Structured::Yaml => yaml(value)?,
    })
}

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string_pretty(value)?;
    s.push('\n');
    Ok(s)
}

/// Compact JSON on one line (for JSON Lines streams), with a final newline.
pub fn json_line<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    let mut s = serde_json::to_string(value)?;
    s.push('\n');
    Ok(s)
}

/// YAML (one document, no leading `---`), ending in a newline.
pub fn yaml<T: Serialize>(value: &T) -> Result<String, serde_saphyr::ser::Error> {
    let mut s = serde_saphyr::to_string(value)?;
    if !s.ends_with('\n') {
        s.push('\n');
    }
    Ok(s)
}

/// The reason phrase of the statuses a preflight can get.
fn status_text(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "",
    }
}

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(out, "{}", style(text).bold());
}

fn header_line(out: &mut String, name: &str, value: &str) {
    let _ = writeln!(out, "  {}: {value}", style(name).cyan());
}

/// The verdict in one line: `allowed`, `blocked at preflight: …` or `blocked at the
/// response: …` (the text after the colon is Chromium's console message).
pub fn verdict_line(sim: &Simulation) -> String {
    match sim.verdict {
        Verdict::Allowed => "allowed".to_owned(),
        Verdict::BlockedPreflight => match &sim.preflight.failure {
            Some(f) => format!("blocked at preflight: {}", f.message),
            None => "blocked at preflight".to_owned(),
        },
        Verdict::BlockedResponse => match &sim.response.failure {
            Some(f) => format!("blocked at the response: {}", f.message),
            None => "blocked at the response".to_owned(),
        },
    }
}

/// The full explanation of one simulated request, for a person: the request, the preflight,
/// the rules, OSS's answers, the verdict, what it assumes of OSS (`assumptions`, with the
/// evidence from `behaviour`) and the suggested fixes.
/// `views`: the engines `--browser` names (the verdict line speaks for the first).
pub fn simulation_text(
    sim: &Simulation,
    assumptions: &[Assumption],
    behaviour: &Behaviour,
    views: &[EngineView],
) -> String {
    let mut out = String::new();
    let req = sim.request;
    let pre = &sim.preflight;
    let resp = &sim.response;

    // 1. What the page sends.
    heading(&mut out, "Request");
    let _ = writeln!(
        out,
        "  {} {}  from {}{}",
        style(&req.method).bold(),
        req.path,
        style(&req.origin).bold(),
        if req.credentials {
            "  (with credentials)"
        } else {
            ""
        }
    );
    for (name, value) in sim.sent_headers() {
        header_line(&mut out, name, value);
    }
    for name in &pre.ignored_headers {
        let _ = writeln!(
            out,
            "  {} {name}: dropped, a page may not set this header",
            style("!").yellow()
        );
    }
    out.push('\n');

    // 2. Preflight or not, and why.
    if pre.needed {
        let _ = writeln!(out, "{} needed", style("Preflight:").bold());
        for reason in pre.reasons.iter() {
            let _ = writeln!(out, "  - {reason}");
        }
        let _ = writeln!(out, "  The browser first sends:");
        let _ = writeln!(out, "    OPTIONS {}", req.path);
        let _ = writeln!(out, "    Origin: {}", req.origin);
        if let Some(m) = &pre.request_method {
            let _ = writeln!(out, "    Access-Control-Request-Method: {m}");
        }
        if let Some(h) = &pre.request_headers {
            let _ = writeln!(out, "    Access-Control-Request-Headers: {h}");
        }
    } else {
        let _ = writeln!(
            out,
            "{} not needed (a simple request: safelisted method and headers)",
            style("Preflight:").bold()
        );
    }
    out.push('\n');

    // 3. The rules, in order.
    let evaluated = if pre.needed {
        "the preflight".to_owned()
    } else {
        format!("the {} request", req.method)
    };
    let reports = sim.rule_reports();
    if sim.config().is_none_or(|c| c.rules.is_empty()) {
        heading(&mut out, "Rules");
        let _ = writeln!(
            out,
            "  {} the bucket has no CORS configuration: OSS answers no request with CORS headers",
            style("✗").red()
        );
    } else {
        heading(&mut out, &format!("Rules (matched against {evaluated})"));
        let answering = sim.matched_rule;
        for report in &reports {
            let mark = if report.matches {
                style("✓").green().to_string()
            } else {
                style("✗").red().to_string()
            };
            let summary = if Some(report.number) == answering {
                "matches; this rule answers".to_owned()
            } else if report.matches {
                "matches".to_owned()
            } else {
                "does not match".to_owned()
            };
            let _ = writeln!(out, "  {mark} rule {}: {summary}", report.number);
            for reason in &report.reasons {
                let _ = writeln!(out, "      {reason}");
            }
        }
    }
    out.push('\n');

    // 4. What OSS answers, and what the browser makes of it.
    if pre.needed {
        let status = pre.status.unwrap_or(200);
        let rule = pre
            .matched_rule
            .map(|n| format!(" (rule {n})"))
            .unwrap_or_default();
        heading(
            &mut out,
            &format!(
                "OSS answers the preflight: {status} {}{rule}",
                status_text(status)
            ),
        );
        for (name, value) in &pre.headers {
            header_line(&mut out, name, value);
        }
        if let Some(err) = &pre.error {
            let _ = writeln!(out, "  error {}: {}", err.code, err.message);
        }
        if pre.headers.is_empty() && pre.error.is_none() {
            let _ = writeln!(out, "  (no CORS headers)");
        }
        match (pre.passed, &pre.failure) {
            (Some(true), _) => {
                let _ = writeln!(
                    out,
                    "  {} the browser accepts the preflight",
                    style("✓").green()
                );
            }
            (_, Some(f)) => {
                let _ = writeln!(out, "  {} {} ({})", style("✗").red(), f.message, f.code);
            }
            _ => {}
        }
        out.push('\n');
    }
    if resp.sent {
        let rule = resp
            .matched_rule
            .map(|n| format!(" (rule {n})"))
            .unwrap_or_else(|| " (no rule matches)".to_owned());
        let how = match sim.outcome {
            Outcome::Success => String::new(),
            Outcome::Refused => " with a 403 refusal".to_owned(),
            Outcome::Error => " with an error".to_owned(),
        };
        heading(
            &mut out,
            &format!("OSS answers the {} request{how}{rule}", req.method),
        );
        match sim.outcome {
            Outcome::Refused => {
                let _ = writeln!(
                    out,
                    "  OSS checks signatures and permissions before CORS, so a refusal carries no CORS headers (documented)"
                );
            }
            Outcome::Error
                if !resp
                    .headers
                    .iter()
                    .any(|(n, _)| n.starts_with("Access-Control")) =>
            {
                let _ = writeln!(out, "  (error-response-cors: no CORS headers on errors)");
            }
            _ => {}
        }
        for (name, value) in &resp.headers {
            header_line(&mut out, name, value);
        }
        if resp.headers.is_empty() {
            let _ = writeln!(out, "  (no CORS headers)");
        }
        match (resp.passed, &resp.failure) {
            (Some(true), _) => {
                let _ = writeln!(
                    out,
                    "  {} the page can read the response; visible headers: {}",
                    style("✓").green(),
                    resp.visible_headers.join(", ")
                );
            }
            (_, Some(f)) => {
                let _ = writeln!(out, "  {} {} ({})", style("✗").red(), f.message, f.code);
                if sim.outcome == Outcome::Success {
                    let _ = writeln!(
                        out,
                        "    OSS still executed the {} request; only the page cannot read the answer",
                        req.method
                    );
                }
            }
            _ => {}
        }
    } else {
        heading(
            &mut out,
            &format!(
                "The {} request is never sent (the preflight failed)",
                req.method
            ),
        );
    }
    out.push('\n');

    // 5. The verdict and the fixes.
    let verdict = match views {
        [v] if v.engine != Engine::Chromium => match &v.failure {
            Some(f) => format!(
                "{}: {}",
                verdict_line(sim).split(':').next().unwrap_or(""),
                f.message
            ),
            None => verdict_line(sim),
        },
        _ => verdict_line(sim),
    };
    let verdict = if sim.verdict == Verdict::Allowed {
        style(verdict).green().bold()
    } else {
        style(verdict).red().bold()
    };
    let _ = writeln!(out, "{} {verdict}", style("Verdict:").bold());
    if !views.is_empty() {
        out.push('\n');
        out.push_str(&browsers_text(sim, views));
    }
    if !assumptions.is_empty() {
        out.push('\n');
        out.push_str(&assumptions_text(sim, assumptions, behaviour));
    }
    let suggestions = sim.suggestions();
    if !suggestions.is_empty() {
        out.push('\n');
        heading(&mut out, "Suggested fix");
        for s in &suggestions {
            let _ = writeln!(out, "  - {s}");
        }
    }
    out
}

/// One line for a request of a `--requests` file: line number, verdict, the request, and
/// the answering rule or the browser's complaint.
pub fn simulation_line(line: usize, sim: &Simulation, assumptions: &[Assumption]) -> String {
    let mut s = String::new();
    let _ = write_simulation_line(&mut s, line, sim, assumptions);
    s
}

/// [`simulation_line`], appended to `out` (no intermediate strings).
pub fn write_simulation_line(
    out: &mut impl std::fmt::Write,
    line: usize,
    sim: &Simulation,
    assumptions: &[Assumption],
) -> std::fmt::Result {
    let req = sim.request;
    let word = match sim.verdict {
        Verdict::Allowed => style("allowed").green(),
        Verdict::BlockedPreflight => style("blocked at preflight").red(),
        Verdict::BlockedResponse => style("blocked at the response").red(),
    };
    // The request's own strings are written as they are, without `{}` and its padding logic
    // (this runs once per line of a `--requests` file).
    write!(out, "{line}: {word}  ")?;
    out.write_str(&req.method)?;
    out.write_char(' ')?;
    out.write_str(&req.origin)?;
    out.write_str(&req.path)?;
    for (i, (name, _)) in sim.sent_headers().enumerate() {
        out.write_str(if i == 0 { " [" } else { ", " })?;
        out.write_str(name)?;
    }
    if sim.sent_headers().next().is_some() {
        out.write_str("]")?;
    }
    if req.credentials {
        out.write_str(" (credentials)")?;
    }
    match sim.verdict {
        Verdict::Allowed => {
            if let Some(n) = sim.matched_rule {
                write!(out, ": rule {n}")?;
            }
        }
        Verdict::BlockedPreflight | Verdict::BlockedResponse => {
            // The DevTools CorsError name keeps the line short; the full console message is
            // in the single-request explanation and the JSON output.
            let failure = sim
                .preflight
                .failure
                .as_ref()
                .or(sim.response.failure.as_ref());
            if let Some(f) = failure {
                write!(out, ": {}", f.code)?;
            }
            if let Some(fix) = sim.suggestions().first() {
                write!(out, "; fix: {fix}")?;
            }
        }
    }
    if !assumptions.is_empty() {
        let mut names: Vec<&str> = assumptions.iter().map(|a| a.name.name()).collect();
        names.dedup();
        write!(out, " (assumes {})", names.join(", "))?;
    }
    out.write_char('\n')
}

/// The "Assumes" section: each assumption the verdict rests on, its evidence, what would
/// change under the alternative, and how to settle it.
pub fn assumptions_text(
    sim: &Simulation,
    assumptions: &[Assumption],
    behaviour: &Behaviour,
) -> String {
    let mut out = String::new();
    heading(&mut out, "Assumes");
    let mut last: Option<Field> = None;
    for a in assumptions {
        let source = behaviour.source(a.name);
        if last != Some(a.name) {
            let _ = writeln!(
                out,
                "  - this verdict assumes OSS {} ({}={}; {}: {})",
                sim.choices.meaning(a.name),
                a.name.name(),
                a.assumed,
                source.status.name(),
                source.evidence
            );
        }
        last = Some(a.name);
        let mut other = sim.choices;
        let _ = other.set(a.name, a.alternative);
        let _ = writeln!(
            out,
            "    If OSS instead {} ({}={}): {}.",
            other.meaning(a.name),
            a.name.name(),
            a.alternative,
            a.reason.trim_end_matches('.')
        );
    }
    let _ = writeln!(
        out,
        "  To settle it: `--live` against a real bucket shows what the endpoint sends; `--assume NAME=VALUE` shows the verdict under another value."
    );
    out
}

/// `ossctl cors behaviour` as text: one block per field.
pub fn behaviour_text(behaviour: &Behaviour) -> String {
    let mut out = String::new();
    if !behaviour.origin.is_empty() {
        let facts: Vec<String> = behaviour
            .origin
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect();
        let _ = writeln!(out, "{} {}\n", style("Source:").bold(), facts.join(", "));
    }
    for &field in Field::ALL {
        let source = behaviour.source(field);
        let status = match source.status.name() {
            "assumed" => style("assumed").yellow(),
            other => style(other).green(),
        };
        let _ = writeln!(
            out,
            "{} = {}  [{status}]",
            style(field.name()).bold(),
            behaviour.choices.value(field)
        );
        let _ = writeln!(out, "  OSS {}", behaviour.choices.meaning(field));
        let _ = writeln!(out, "  evidence: {}", source.evidence);
        let value = behaviour.choices.value(field);
        for alternative in Choices::values(field).into_iter().filter(|v| *v != value) {
            let mut other = behaviour.choices;
            let _ = other.set(field, alternative);
            let _ = writeln!(
                out,
                "  alternative {alternative}: OSS {}",
                other.meaning(field)
            );
        }
        out.push('\n');
    }
    out
}

/// The README's table of behaviour fields (Markdown), generated from the defaults.
pub fn behaviour_markdown(behaviour: &Behaviour) -> String {
    let cell = |s: &str| s.replace('|', "\\|");
    let mut out = String::from(
        "| field | default | status | what OSS is taken to do | alternatives | evidence |\n|---|---|---|---|---|---|\n",
    );
    for &field in Field::ALL {
        let value = behaviour.choices.value(field);
        let alternatives: Vec<String> = Choices::values(field)
            .into_iter()
            .filter(|v| *v != value)
            .map(|v| format!("`{v}`"))
            .collect();
        let source = behaviour.source(field);
        let _ = writeln!(
            out,
            "| `{}` | `{value}` | {} | {} | {} | {} |",
            field.name(),
            source.status.name(),
            cell(behaviour.choices.meaning(field)),
            alternatives.join(", "),
            cell(&source.evidence)
        );
    }
    out
}
