//! The text form of a `cors test --live` report: what the endpoint answered to the
//! preflight and the actual request, the verdict from the real headers, every difference
//! from the simulation, and the assumptions the answers settle. The report itself is data
//! ([`LiveReport`]); JSON and YAML come from [`super::structured`].

use std::fmt::Write as _;

use serde::Serialize;

use crate::preflight::{BrowserFailure, Verdict};
use crate::probe::{Observation, Probe};

/// One leg as the endpoint answered it.
#[derive(Debug, Clone, Serialize)]
pub struct LiveLeg {
    /// Whether the request was sent.
    pub sent: bool,
    /// Why not, when it was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Method and URL.
    pub request: String,
    /// The status.
    pub status: Option<u16>,
    /// The CORS-relevant response headers (`access-control-*`, `vary`), lower-case names.
    pub headers: Vec<(String, String)>,
    /// The browser accepted it.
    pub passed: Option<bool>,
    /// Why not.
    pub failure: Option<BrowserFailure>,
    /// Response headers script can read (actual request only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub visible_headers: Vec<String>,
}

impl LiveLeg {
    /// A leg that was not sent, and why.
    pub fn skipped(request: String, why: &str) -> Self {
        LiveLeg {
            sent: false,
            skipped: Some(why.to_string()),
            request,
            status: None,
            headers: Vec::new(),
            passed: None,
            failure: None,
            visible_headers: Vec::new(),
        }
    }

    /// A leg the endpoint answered with `status` and the CORS `headers`, judged by the
    /// browser model (`passed`, else `failure`).
    pub fn answered(
        request: String,
        status: u16,
        headers: Vec<(String, String)>,
        passed: bool,
        failure: Option<BrowserFailure>,
    ) -> Self {
        LiveLeg {
            sent: true,
            skipped: None,
            request,
            status: Some(status),
            headers,
            passed: Some(passed),
            failure,
            visible_headers: Vec::new(),
        }
    }
}

/// What the endpoint answered and how it differs from the simulation.
#[derive(Debug, Clone, Serialize)]
pub struct LiveReport {
    /// `oss://bucket[/key]`.
    pub target: String,
    /// The endpoint contacted.
    pub endpoint: String,
    /// The preflight leg (sent only when the browser would send one).
    pub preflight: LiveLeg,
    /// The actual request leg.
    pub response: LiveLeg,
    /// The verdict from the real headers.
    pub verdict: Verdict,
    /// The simulation's verdict.
    pub simulated_verdict: Verdict,
    /// Every difference between the simulation and the endpoint's answers.
    pub differences: Vec<String>,
    /// Assumptions about OSS that the endpoint's answers settle.
    pub settled: Vec<Settled>,
    /// The requests sent and the answers, as `probe::decide` reads them.
    #[serde(skip)]
    pub exchanges: Vec<(Probe, Observation)>,
}

/// An assumed behaviour field that the endpoint's answer decides.
#[derive(Debug, Clone, Serialize)]
pub struct Settled {
    /// The behaviour field.
    pub name: &'static str,
    /// Its value in the simulation.
    pub assumed: &'static str,
    /// The value the endpoint's answer shows.
    pub shown: &'static str,
    /// The answer lines that decide it.
    pub evidence: Vec<String>,
}

fn leg_text(out: &mut String, title: &str, leg: &LiveLeg) {
    match (&leg.skipped, leg.status) {
        (Some(why), _) => {
            let _ = writeln!(out, "  {title}: {} ({why})", leg.request);
        }
        (None, Some(status)) => {
            let _ = writeln!(out, "  {title}: {} -> {status}", leg.request);
            for (k, v) in &leg.headers {
                let _ = writeln!(out, "    {k}: {v}");
            }
            match (&leg.passed, &leg.failure) {
                (Some(true), _) => {
                    let _ = writeln!(out, "    browser: passes");
                }
                (_, Some(f)) => {
                    let _ = writeln!(out, "    browser: blocked: {}", f.message);
                }
                _ => {}
            }
            if !leg.visible_headers.is_empty() {
                let _ = writeln!(
                    out,
                    "    script can read: {}",
                    leg.visible_headers.join(", ")
                );
            }
        }
        (None, None) => {}
    }
}

/// Renders a live report as text.
pub fn live_report_text(report: &LiveReport) -> String {
    let mut out = format!("live check of {} at {}\n", report.target, report.endpoint);
    leg_text(&mut out, "preflight", &report.preflight);
    leg_text(&mut out, "actual request", &report.response);
    let _ = writeln!(out, "  live verdict: {}", report.verdict.as_str());
    if report.differences.is_empty() {
        let _ = writeln!(out, "  the endpoint agrees with the simulation");
    } else {
        let n = report.differences.len();
        let _ = writeln!(
            out,
            "  {n} difference{} from the simulation:",
            if n == 1 { "" } else { "s" }
        );
        for d in &report.differences {
            let _ = writeln!(out, "    - {d}");
        }
    }
    for s in &report.settled {
        let verdict = if s.shown == s.assumed {
            "confirms ossctl's assumption"
        } else {
            "differs from ossctl's assumption"
        };
        let _ = writeln!(
            out,
            "  the endpoint shows {}={} ({verdict} {}={}): {}",
            s.name,
            s.shown,
            s.name,
            s.assumed,
            s.evidence.join("; ")
        );
    }
    out
}
