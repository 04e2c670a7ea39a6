//! The network half of `ossctl cors test oss://bucket[/key]`: fetching a bucket's live rules
//! ([`fetch_live_rules`]) and, with `--live`, probing the real endpoint ([`live_report`]).
//!
//! The probe sends the preflight exactly as a browser does (unsigned `OPTIONS` with `Origin`,
//! `Access-Control-Request-Method` and `Access-Control-Request-Headers`), then the actual
//! request with `Origin` (signed when credentials are configured, as an SDK in the page would
//! sign it), judges the real response headers with the browser model
//! (`preflight::judge_preflight` / `judge_response`, the same functions the simulation uses),
//! and lists every difference from the simulation.
//!
//! Safety: the actual request is only sent for GET and HEAD. A PUT, POST or DELETE would
//! change or delete the object, so for those only the preflight is checked live and the
//! report says so.

use serde::Serialize;

use crate::cli::client::ConnectionArgs;
use crate::exit::Failure;
use crate::oss::request::{self, HttpRequest, Operation};
use crate::preflight::{
    self, Behaviour, BrowserFailure, BrowserRequest, CompiledRules, Field, Outcome, Simulation,
    Status, Verdict,
};
use crate::probe::{Object, Observation, Probe, Signing};
use crate::rules::CorsConfiguration;

use super::{Session, Target, get, parse_oss_url, runtime};
use crate::app::Context;

/// `cors test oss://bucket[/key]` without `--live`: the bucket's rules, `None` when it has
/// none (exit 3 on service errors, 4 on network failures).
pub fn fetch_live_rules(
    ctx: &Context,
    conn: &ConnectionArgs,
    target: &str,
) -> Result<Option<CorsConfiguration>, Failure> {
    let (bucket, _key) = parse_oss_url(target)?;
    let session = Session::open(ctx, conn)?;
    let t = session.target(&bucket)?;
    let rt = runtime()?;
    match rt.block_on(get::fetch(&session, &t))? {
        Some(live) => Ok(Some(live.config(&t)?.clone())),
        None => Ok(None),
    }
}

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

fn cors_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .filter(|(k, _)| {
            let k = k.to_ascii_lowercase();
            k.starts_with("access-control-") || k == "vary"
        })
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect()
}

/// Values compared as sets of lower-case tokens for list headers, exactly otherwise.
fn same_value(name: &str, a: &str, b: &str) -> bool {
    let list = matches!(
        name,
        "access-control-allow-methods"
            | "access-control-allow-headers"
            | "access-control-expose-headers"
            | "vary"
    );
    if list {
        let set = |v: &str| {
            let mut t: Vec<String> = v
                .split(',')
                .map(|s| s.trim().to_ascii_lowercase())
                .filter(|s| !s.is_empty())
                .collect();
            t.sort();
            t.dedup();
            t
        };
        set(a) == set(b)
    } else {
        a.trim() == b.trim()
    }
}

fn compare_headers(
    leg: &str,
    simulated: &[(&'static str, std::borrow::Cow<'_, str>)],
    real: &[(String, String)],
    out: &mut Vec<String>,
) {
    for (name, value) in simulated {
        let name = name.to_ascii_lowercase();
        match real.iter().find(|(k, _)| *k == name) {
            Some((_, v)) if same_value(&name, value, v) => {}
            Some((_, v)) => out.push(format!(
                "{leg}: {name} simulated {value:?}, endpoint sent {v:?}"
            )),
            None => out.push(format!(
                "{leg}: {name} simulated {value:?}, endpoint sent none"
            )),
        }
    }
    for (name, v) in real {
        if !simulated.iter().any(|(k, _)| k.eq_ignore_ascii_case(name)) {
            out.push(format!(
                "{leg}: endpoint sent {name}: {v:?}, the simulation predicts none"
            ));
        }
    }
}

async fn probe(
    session: &Session,
    target: &Target,
    key: Option<&str>,
    url: &str,
    req: &BrowserRequest,
    sim: &Simulation<'_>,
) -> Result<LiveReport, Failure> {
    let mut differences = Vec::new();
    let mut exchanges = Vec::new();
    let endpoint = format!(
        "{}://{}",
        target.endpoint.scheme(),
        target.endpoint.authority()
    );
    let not_sent = |request: String, why: &str| LiveLeg {
        sent: false,
        skipped: Some(why.to_string()),
        request,
        status: None,
        headers: Vec::new(),
        passed: None,
        failure: None,
        visible_headers: Vec::new(),
    };

    // The preflight, unsigned, exactly as the browser sends it.
    let mut preflight_ok = true;
    let preflight = if sim.preflight.needed {
        let options = request::options_object(
            &target.endpoint,
            target.style,
            &target.bucket,
            key,
            &request::PreflightHeaders::new(
                &req.origin,
                &req.method,
                sim.preflight.request_headers.as_deref(),
            ),
        )
        .map_err(|e| Failure::usage(e.to_string()))?;
        let line = format!("OPTIONS {}", options.url);
        let response = session
            .send_unsigned(target, Operation::OptionObject, options)
            .await?;
        exchanges.push(exchange(
            "the browser's preflight",
            "OPTIONS",
            req,
            sim.preflight.request_headers.clone(),
            &line,
            &response,
        ));
        let headers = cors_headers(&response.headers);
        let judged = preflight::judge_preflight(req, response.status, &response.headers);
        preflight_ok = judged.is_ok();
        if sim.preflight.status != Some(response.status) {
            differences.push(format!(
                "preflight: status simulated {}, endpoint answered {}",
                sim.preflight
                    .status
                    .map_or("none".into(), |s| s.to_string()),
                response.status
            ));
        }
        compare_headers(
            "preflight",
            &sim.preflight.headers,
            &headers,
            &mut differences,
        );
        if sim.preflight.passed != Some(preflight_ok) {
            differences.push(format!(
                "preflight: the simulation says the browser {} it, the endpoint's answer is {}",
                if sim.preflight.passed == Some(true) {
                    "accepts"
                } else {
                    "refuses"
                },
                if preflight_ok { "accepted" } else { "refused" }
            ));
        }
        LiveLeg {
            sent: true,
            skipped: None,
            request: line,
            status: Some(response.status),
            headers,
            passed: Some(preflight_ok),
            failure: judged.err(),
            visible_headers: Vec::new(),
        }
    } else {
        not_sent(
            format!("OPTIONS {url}"),
            "the browser sends no preflight for this request",
        )
    };

    // The actual request, only for methods that change nothing.
    let mut response_passed = None;
    let response = if !preflight_ok {
        not_sent(
            format!("{} {url}", req.method),
            "the browser does not send it: the preflight failed",
        )
    } else if !matches!(req.method.as_str(), "GET" | "HEAD") {
        not_sent(
            format!("{} {url}", req.method),
            "not sent: it would modify the object; only the preflight was checked live",
        )
    } else {
        let mut actual = HttpRequest::new(req.method.clone(), url.to_string());
        actual.headers.push(("Origin".into(), req.origin.clone()));
        for (name, value) in sim.sent_headers() {
            if !name.eq_ignore_ascii_case("origin") {
                actual.headers.push((name.to_string(), value.to_string()));
            }
        }
        let op = if req.method == "HEAD" {
            Operation::HeadObject
        } else {
            Operation::GetObject
        };
        let line = format!("{} {url}", req.method);
        let response = if session.has_credentials() {
            session.send_signed_key(target, key, op, actual).await?
        } else {
            session.send_unsigned(target, op, actual).await?
        };
        let method = if req.method == "HEAD" { "HEAD" } else { "GET" };
        exchanges.push(exchange(
            "the browser's actual request",
            method,
            req,
            None,
            &line,
            &response,
        ));
        let headers = cors_headers(&response.headers);
        let judged = preflight::judge_response(req, &response.headers);
        response_passed = Some(judged.passed);
        compare_headers(
            "response",
            &sim.response.headers,
            &headers,
            &mut differences,
        );
        if sim.response.passed != Some(judged.passed) {
            differences.push(format!(
                "response: the simulation says script {} read it, with the endpoint's headers it {}",
                if sim.response.passed == Some(true) { "can" } else { "cannot" },
                if judged.passed { "can" } else { "cannot" }
            ));
        }
        if judged.passed && sim.response.passed == Some(true) {
            let mut a = judged.visible_headers.clone();
            let mut b = sim.response.visible_headers.clone();
            a.sort();
            b.sort();
            if a != b {
                differences.push(format!(
                    "response: visible headers simulated [{}], endpoint [{}]",
                    b.join(", "),
                    a.join(", ")
                ));
            }
        }
        LiveLeg {
            sent: true,
            skipped: None,
            request: line,
            status: Some(response.status),
            headers,
            passed: Some(judged.passed),
            failure: judged.failure,
            visible_headers: judged
                .visible_headers
                .into_iter()
                .map(std::borrow::Cow::into_owned)
                .collect(),
        }
    };
    let verdict = if !preflight_ok {
        Verdict::BlockedPreflight
    } else {
        match response_passed {
            Some(false) => Verdict::BlockedResponse,
            // Not sent (write method): the preflight passing is all that could be checked;
            // the simulation decides the response leg.
            None if sim.verdict == Verdict::BlockedResponse => Verdict::BlockedResponse,
            _ => Verdict::Allowed,
        }
    };
    if verdict != sim.verdict {
        differences.push(format!(
            "verdict: simulated {}, endpoint {}",
            sim.verdict.as_str(),
            verdict.as_str()
        ));
    }
    Ok(LiveReport {
        target: match key {
            Some(k) => format!("oss://{}/{k}", target.bucket),
            None => format!("oss://{}", target.bucket),
        },
        endpoint,
        preflight,
        response,
        verdict,
        simulated_verdict: sim.verdict,
        differences,
        settled: Vec::new(),
        exchanges,
    })
}

/// One request as `probe::decide` reads it, with the endpoint's answer.
fn exchange(
    purpose: &str,
    method: &'static str,
    req: &BrowserRequest,
    request_headers: Option<String>,
    line: &str,
    response: &crate::transport::Response,
) -> (Probe, Observation) {
    let preflight = method == "OPTIONS";
    let probe = Probe {
        purpose: purpose.to_string(),
        method,
        origin: Some(req.origin.clone()),
        acrm: preflight.then(|| req.method.clone()),
        acrh: request_headers.filter(|_| preflight),
        object: Object::Given,
        signing: if preflight {
            Signing::Unsigned
        } else {
            Signing::Signed
        },
    };
    let body = &response.body[..response.body.len().min(16 * 1024)];
    let observation = Observation {
        request: line.to_string(),
        status: response.status,
        headers: response.headers.clone(),
        body: String::from_utf8_lossy(body).into_owned(),
    };
    (probe, observation)
}

/// The assumed behaviour fields the endpoint's answers decide: `probe::decide` (the same
/// reading `cors probe` does) over the requests sent, kept to the assumed fields the
/// simulation read.
fn settle(
    rules: &CompiledRules,
    req: &BrowserRequest,
    sim: &Simulation<'_>,
    behaviour: &Behaviour,
    report: &LiveReport,
) -> Vec<Settled> {
    let outcome = report
        .response
        .status
        .map_or(sim.outcome, Outcome::from_status);
    let base = preflight::simulate(rules, req, sim.choices, outcome);
    let (probes, observed): (Vec<Probe>, Vec<Observation>) =
        report.exchanges.iter().cloned().unzip();
    let decided = crate::probe::decide(rules.config(), &probes, &observed);
    decided
        .fields
        .iter()
        .filter_map(|row| {
            let field = Field::from_name(row.field).ok()?;
            let shown = row.shown?;
            if !base.consulted.contains(&field) || behaviour.source(field).status != Status::Assumed
            {
                return None;
            }
            let evidence = row
                .evidence
                .iter()
                .flat_map(|e| {
                    let leg = if e.request.starts_with("OPTIONS ") {
                        "preflight"
                    } else {
                        "response"
                    };
                    e.shows.iter().map(move |s| format!("{leg}: {s}"))
                })
                .collect();
            Some(Settled {
                name: field.name(),
                assumed: base.choices.value(field),
                shown,
                evidence,
            })
        })
        .collect()
}

/// Runs the live probe and returns the report (for callers that render it themselves).
pub fn live_report(
    ctx: &Context,
    conn: &ConnectionArgs,
    target: &str,
    req: &BrowserRequest,
    sim: &Simulation<'_>,
    rules: &CompiledRules,
    behaviour: &Behaviour,
) -> Result<LiveReport, Failure> {
    let (bucket, key) = parse_oss_url(target)?;
    let session = Session::open(ctx, conn)?;
    let t = session.target(&bucket)?;
    let url = t
        .endpoint
        .url(t.style, Some(&t.bucket), key.as_deref(), &[])
        .map_err(|e| Failure::usage(e.to_string()))?;
    let rt = runtime()?;
    let mut report = rt.block_on(probe(&session, &t, key.as_deref(), &url, req, sim))?;
    report.settled = settle(rules, req, sim, behaviour, &report);
    Ok(report)
}

fn leg_text(out: &mut String, title: &str, leg: &LiveLeg) {
    use std::fmt::Write as _;
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
    use std::fmt::Write as _;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_headers_compare_as_sets() {
        assert!(same_value(
            "access-control-allow-methods",
            "GET, PUT",
            "put,get"
        ));
        assert!(!same_value(
            "access-control-allow-methods",
            "GET",
            "GET, PUT"
        ));
        assert!(same_value(
            "vary",
            "Origin, Access-Control-Request-Method",
            "access-control-request-method,origin"
        ));
        assert!(!same_value("access-control-allow-origin", "*", "https://a"));
    }

    #[test]
    fn header_differences_both_ways() {
        let sim: Vec<(&str, std::borrow::Cow<str>)> = vec![
            ("Access-Control-Allow-Origin", "*".into()),
            ("Access-Control-Max-Age", "10".into()),
        ];
        let real = vec![
            ("access-control-allow-origin".to_string(), "*".to_string()),
            ("vary".to_string(), "Origin".to_string()),
        ];
        let mut out = Vec::new();
        compare_headers("preflight", &sim, &real, &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].contains("access-control-max-age") && out[0].contains("none"));
        assert!(out[1].contains("vary"));
    }
}
