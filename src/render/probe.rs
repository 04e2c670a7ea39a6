//! `ossctl cors probe`'s report: one row per behaviour field (ossctl's default, what the
//! endpoint showed, whether they agree, the evidence), as text; JSON/YAML serialise
//! [`ProbeOutput`] as it is.

use std::fmt::Write as _;

use serde::Serialize;

use crate::preflight::Behaviour;
use crate::probe::{Decision, ProbeReport, Undecidable};

/// Everything `cors probe` reports.
#[derive(Debug, Clone, Serialize)]
pub struct ProbeOutput {
    /// `oss://bucket[/key]`.
    pub target: String,
    /// The endpoint asked, `scheme://host[:port]`.
    pub endpoint: String,
    /// The region, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// The UTC date of the run.
    pub date: String,
    /// `read-only` or `scratch`.
    pub mode: &'static str,
    /// How many probe requests were sent.
    pub requests: usize,
    /// One row per field, and notes.
    #[serde(flatten)]
    pub report: ProbeReport,
    /// Fields the rules could not decide, and the rule that would.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub undecided_with_these_rules: Vec<Undecidable>,
    /// With --scratch: what happened to the original configuration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub restore: Option<String>,
}

/// The text report.
pub fn probe_text(out: &ProbeOutput) -> String {
    let mut s = format!(
        "probe of {} at {}{} on {} ({}, {} request{})\n\n",
        out.target,
        out.endpoint,
        out.region
            .as_deref()
            .map(|r| format!(" (region {r})"))
            .unwrap_or_default(),
        out.date,
        out.mode,
        out.requests,
        if out.requests == 1 { "" } else { "s" }
    );
    let width = out
        .report
        .fields
        .iter()
        .map(|f| f.field.len())
        .max()
        .unwrap_or(0);
    let _ = writeln!(
        s,
        "{:width$}  {:18}  {:18}  agree",
        "field", "ossctl default", "endpoint showed"
    );
    for f in &out.report.fields {
        let (shown, agree) = match f.decision {
            Decision::Decided => (
                f.shown.unwrap_or(""),
                if f.agrees == Some(true) { "yes" } else { "NO" },
            ),
            Decision::Undecided => ("undecided", "-"),
            Decision::Unexplained => ("fits no value", "-"),
        };
        let _ = writeln!(
            s,
            "{:width$}  {:18}  {:18}  {agree}",
            f.field, f.default, shown
        );
        if let Some(reason) = &f.reason {
            let _ = writeln!(s, "{:width$}    {reason}", "");
        }
        if let Some(e) = f.evidence.first() {
            let id = e.request_id.as_deref().unwrap_or("no request id");
            let request = e.request.lines().next().unwrap_or("");
            let _ = writeln!(
                s,
                "{:width$}    evidence: {request} ({id}): {}",
                "", e.purpose
            );
            if !e.shows.is_empty() {
                let _ = writeln!(s, "{:width$}      shows: {}", "", e.shows.join("; "));
            }
            for line in &e.response {
                let _ = writeln!(s, "{:width$}      {line}", "");
            }
            if f.evidence.len() > 1 {
                let _ = writeln!(
                    s,
                    "{:width$}    and {} more request{} (see --output json)",
                    "",
                    f.evidence.len() - 1,
                    if f.evidence.len() == 2 { "" } else { "s" }
                );
            }
        }
    }
    if !out.report.notes.is_empty() {
        let _ = writeln!(
            s,
            "\nnotes (answers that differ from ossctl's model where no field explains it):"
        );
        for n in &out.report.notes {
            let _ = writeln!(s, "  - {n}");
        }
    }
    let decided = out
        .report
        .fields
        .iter()
        .filter(|f| f.decision == Decision::Decided)
        .count();
    let differ = out
        .report
        .fields
        .iter()
        .filter(|f| f.agrees == Some(false))
        .count();
    let _ = writeln!(
        s,
        "\n{decided} of {} fields decided; {differ} differ{} from ossctl's defaults",
        out.report.fields.len(),
        if differ == 1 { "s" } else { "" }
    );
    if !out.undecided_with_these_rules.is_empty() && out.mode == "read-only" {
        let _ = writeln!(
            s,
            "to decide every field, run it on a scratch bucket: ossctl cors probe {} --scratch",
            out.target
        );
    }
    if let Some(r) = &out.restore {
        let _ = writeln!(s, "{r}");
    }
    s
}
/// The text `cors behaviour` adds: each observation saved by `cors probe --save` (its file,
/// and what it holds or why it does not read), the fields it observed and those that differ
/// from ossctl's defaults. Empty when there is none.
pub fn saved_observations_text(
    saved: &[(std::path::PathBuf, Result<Behaviour, String>)],
) -> String {
    use crate::preflight::{Choices, Field, Status};
    if saved.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "Observations saved by `ossctl cors probe --save` (`cors test oss://...` against that \
         endpoint uses them):\n",
    );
    for (path, read) in saved {
        match read {
            Ok(b) => {
                let endpoint = b
                    .origin
                    .iter()
                    .find(|(k, _)| k == "endpoint")
                    .map_or("an unnamed endpoint", |(_, v)| v.as_str());
                let observed: Vec<&str> = Field::ALL
                    .iter()
                    .filter(|f| b.source(**f).status == Status::Observed)
                    .map(|f| f.name())
                    .collect();
                let defaults = Choices::default();
                let differ: Vec<String> = Field::ALL
                    .iter()
                    .filter(|f| b.choices.value(**f) != defaults.value(**f))
                    .map(|f| format!("{}={}", f.name(), b.choices.value(*f)))
                    .collect();
                let _ = writeln!(
                    out,
                    "  {}: {} field{} from the observation ({}){}\n    {}",
                    describe(b, endpoint),
                    observed.len(),
                    if observed.len() == 1 { "" } else { "s" },
                    observed.join(", "),
                    if differ.is_empty() {
                        String::new()
                    } else {
                        format!("; differs from the defaults: {}", differ.join(", "))
                    },
                    path.display()
                );
            }
            Err(e) => {
                let _ = writeln!(out, "  {}: does not read: {e}", path.display());
            }
        }
    }
    out
}

/// "observed on <endpoint> on <date>" for a saved observation.
pub fn describe(behaviour: &Behaviour, endpoint: &str) -> String {
    let date = behaviour
        .origin
        .iter()
        .find(|(k, _)| k == "date")
        .map_or("an unknown date", |(_, v)| v.as_str());
    format!("observed on {endpoint} on {date}")
}
