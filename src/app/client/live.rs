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

use crate::exit::Failure;
use crate::oss::request::{self, HttpRequest, Operation};
use crate::preflight::{
    self, Behaviour, BrowserRequest, CompiledRules, Field, Outcome, Simulation, Status, Verdict,
};
use crate::probe::{Object, Observation, Probe, Signing};
pub use crate::render::live::{LiveLeg, LiveReport, Settled, live_report_text};
use crate::rules::CorsConfiguration;

use super::{Session, Target, get, parse_oss_url, runtime};

/// `cors test oss://bucket[/key]` without `--live`: the bucket's rules, `None` when it has
/// none (exit 3 on service errors, 4 on network failures).
pub fn fetch_live_rules(
    session: &Session,
    target: &str,
) -> Result<Option<CorsConfiguration>, Failure> {
    let (bucket, _key) = parse_oss_url(target)?;
    let t = session.target(&bucket)?;
    let rt = runtime()?;
    match rt.block_on(get::fetch(session, &t))? {
        Some(live) => Ok(Some(live.config(&t)?.clone())),
        None => Ok(None),
    }
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
    let not_sent = LiveLeg::skipped;

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
        )?;
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
        LiveLeg::answered(line, response.status, headers, preflight_ok, judged.err())
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
            visible_headers: judged
                .visible_headers
                .into_iter()
                .map(std::borrow::Cow::into_owned)
                .collect(),
            ..LiveLeg::answered(
                line,
                response.status,
                headers,
                judged.passed,
                judged.failure,
            )
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
    session: &Session,
    target: &str,
    req: &BrowserRequest,
    sim: &Simulation<'_>,
    rules: &CompiledRules,
    behaviour: &Behaviour,
) -> Result<LiveReport, Failure> {
    let (bucket, key) = parse_oss_url(target)?;
    let t = session.target(&bucket)?;
    let url = t
        .endpoint
        .url(t.style, Some(&t.bucket), key.as_deref(), &[])?;
    let rt = runtime()?;
    let mut report = rt.block_on(probe(session, &t, key.as_deref(), &url, req, sim))?;
    report.settled = settle(rules, req, sim, behaviour, &report);
    Ok(report)
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
