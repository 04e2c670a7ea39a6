//! The whole simulation of one cross-origin request: browser → OSS → browser, twice.
//!
//! preflight needed? → OSS's answer to the OPTIONS → the browser judges it → OSS's answer to
//! the actual request → the browser judges that. [`Simulation`] serialises to the stable JSON
//! schema `cors test --output json` prints (documented in `docs/preflight.md`).

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::browser::{
    BrowserFailure, BrowserRequest, PreflightNeed, judge_preflight_for, judge_response,
    preflight_needed,
};
use super::server::{
    Forbidden, IncomingRequest, OSS_METHODS, RuleEvaluation, explain, missing_headers,
    origin_near_miss, oss_answer,
};
use crate::rules::CorsConfiguration;

/// The outcome in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Script gets the response.
    Allowed,
    /// The preflight failed; the actual request was never sent.
    BlockedPreflight,
    /// The actual request was sent (and executed by OSS) but script cannot read the response.
    BlockedResponse,
}

impl Verdict {
    /// `allowed`, `blocked_preflight` or `blocked_response`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allowed => "allowed",
            Verdict::BlockedPreflight => "blocked_preflight",
            Verdict::BlockedResponse => "blocked_response",
        }
    }
}

/// The preflight leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreflightLeg {
    /// A preflight is sent.
    pub needed: bool,
    /// Why (unsafe method / headers).
    pub reasons: Vec<String>,
    /// The `Access-Control-Request-Method` sent (the request's method), when needed.
    pub request_method: Option<String>,
    /// The `Access-Control-Request-Headers` sent, if any.
    pub request_headers: Option<String>,
    /// Headers the browser dropped because script may not set them.
    pub ignored_headers: Vec<String>,
    /// 1-based number of the rule answering the preflight.
    pub matched_rule: Option<usize>,
    /// OSS's status for the OPTIONS (null when not sent).
    pub status: Option<u16>,
    /// OSS's response headers, as `[name, value]` pairs in order.
    pub headers: Vec<(&'static str, String)>,
    /// OSS's error body for a refused preflight.
    pub error: Option<Forbidden>,
    /// The browser accepted the preflight (null when not sent).
    pub passed: Option<bool>,
    /// Why not.
    pub failure: Option<BrowserFailure>,
}

/// The actual-request leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseLeg {
    /// The actual request was sent (false when the preflight failed).
    pub sent: bool,
    /// 1-based number of the rule answering the actual request (matched without the header
    /// list, so it can differ from the preflight's).
    pub matched_rule: Option<usize>,
    /// The CORS headers (and Vary) OSS adds to the operation's response.
    pub headers: Vec<(&'static str, String)>,
    /// The browser let script read the response (null when not sent).
    pub passed: Option<bool>,
    /// Why not.
    pub failure: Option<BrowserFailure>,
    /// Lower-case header names script can read (see [`super::ResponseJudgement`]).
    pub visible_headers: Vec<String>,
}

/// One simulated cross-origin request. Serialises to the `cors test --output json` schema.
#[derive(Debug, Clone)]
pub struct Simulation<'a> {
    config: Option<&'a CorsConfiguration>,
    /// What the page asked for.
    pub request: &'a BrowserRequest,
    /// 1-based number of the rule answering the preflight when one is sent, otherwise of the
    /// rule answering the actual request.
    pub matched_rule: Option<usize>,
    /// Every rule's evaluation against the request that decides `matched_rule` (the OPTIONS
    /// when a preflight is sent, otherwise the actual request).
    pub rules: Vec<RuleEvaluation>,
    /// The preflight leg.
    pub preflight: PreflightLeg,
    /// The actual request leg.
    pub response: ResponseLeg,
    /// The verdict.
    pub verdict: Verdict,
    /// Suggested fixes when there is an obvious one.
    pub suggestions: Vec<String>,
}

/// One rule's line in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleReport {
    /// 1-based rule number.
    pub number: usize,
    /// Origin, method and every requested header matched.
    pub matches: bool,
    /// Why it did not match (or, for a later matching rule, that an earlier one answered).
    pub reasons: Vec<String>,
}

impl<'a> Simulation<'a> {
    /// The configuration simulated against.
    pub fn config(&self) -> Option<&'a CorsConfiguration> {
        self.config
    }

    /// The request whose evaluation `rules` holds, as OSS sees it.
    pub fn evaluated_request(&self) -> IncomingRequest<'_> {
        if self.preflight.needed {
            IncomingRequest {
                method: "OPTIONS",
                origin: Some(&self.request.origin),
                access_control_request_method: Some(&self.request.method),
                access_control_request_headers: self.preflight.request_headers.as_deref(),
            }
        } else {
            actual_request(self.request)
        }
    }

    /// Per rule: number, whether it matched, and why not (rendered with the values compared).
    pub fn rule_reports(&self) -> Vec<RuleReport> {
        let Some(config) = self.config else {
            return Vec::new();
        };
        let req = self.evaluated_request();
        self.rules
            .iter()
            .map(|e| RuleReport {
                number: e.number(),
                matches: e.matches,
                reasons: e.reasons(config, &req),
            })
            .collect()
    }

    /// The headers the browser actually sends with the actual request (forbidden ones dropped).
    pub fn sent_headers(&self) -> Vec<(&str, &str)> {
        self.request
            .headers
            .iter()
            .filter(|(n, v)| !super::browser::is_forbidden_request_header(n, v))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }
}

#[derive(Serialize)]
struct RequestView<'a> {
    origin: &'a str,
    method: &'a str,
    path: &'a str,
    credentials: bool,
    headers: Vec<(&'a str, &'a str)>,
}

impl Serialize for Simulation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Simulation", 7)?;
        s.serialize_field(
            "request",
            &RequestView {
                origin: &self.request.origin,
                method: &self.request.method,
                path: &self.request.path,
                credentials: self.request.credentials,
                headers: self.sent_headers(),
            },
        )?;
        s.serialize_field("matched_rule", &self.matched_rule)?;
        s.serialize_field("rules", &self.rule_reports())?;
        s.serialize_field("preflight", &self.preflight)?;
        s.serialize_field("response", &self.response)?;
        s.serialize_field("verdict", &self.verdict)?;
        s.serialize_field("suggestions", &self.suggestions)?;
        s.end()
    }
}

fn actual_request(req: &BrowserRequest) -> IncomingRequest<'_> {
    IncomingRequest {
        method: &req.method,
        origin: Some(&req.origin),
        access_control_request_method: None,
        access_control_request_headers: None,
    }
}

/// Simulates `req` against `config` (None: the bucket has no CORS configuration).
///
/// `req.method` is used as given; normalise it first with [`super::normalize_method`] if it
/// came from a person.
pub fn simulate<'a>(
    config: Option<&'a CorsConfiguration>,
    req: &'a BrowserRequest,
) -> Simulation<'a> {
    let PreflightNeed {
        needed,
        reasons,
        request_headers,
        ignored_headers,
    } = preflight_needed(req);
    let mut preflight = PreflightLeg {
        needed,
        reasons,
        request_method: None,
        request_headers: None,
        ignored_headers,
        matched_rule: None,
        status: None,
        headers: Vec::new(),
        error: None,
        passed: None,
        failure: None,
    };
    let mut rules = Vec::new();
    let mut preflight_ok = true;
    if needed {
        let options = IncomingRequest {
            method: "OPTIONS",
            origin: Some(&req.origin),
            access_control_request_method: Some(&req.method),
            access_control_request_headers: request_headers.as_deref(),
        };
        let (answer, evals) = explain(config, &options);
        rules = evals;
        let status = answer.status.unwrap_or(200);
        let judged = judge_preflight_for(req, request_headers.as_deref(), status, &answer.headers);
        preflight_ok = judged.is_ok();
        preflight.request_method = Some(req.method.clone());
        preflight.matched_rule = answer.matched_rule.map(|i| i + 1);
        preflight.status = Some(status);
        preflight.headers = answer.headers;
        preflight.error = answer.forbidden;
        preflight.passed = Some(preflight_ok);
        preflight.failure = judged.err();
        preflight.request_headers = request_headers;
    }
    let mut response = ResponseLeg {
        sent: preflight_ok,
        matched_rule: None,
        headers: Vec::new(),
        passed: None,
        failure: None,
        visible_headers: Vec::new(),
    };
    if preflight_ok {
        let actual = actual_request(req);
        let answer = if needed {
            oss_answer(config, &actual)
        } else {
            let (answer, evals) = explain(config, &actual);
            rules = evals;
            answer
        };
        let judged = judge_response(req, &answer.headers);
        response.matched_rule = answer.matched_rule.map(|i| i + 1);
        response.headers = answer.headers;
        response.passed = Some(judged.passed);
        response.failure = judged.failure;
        response.visible_headers = judged.visible_headers;
    }
    let verdict = if !preflight_ok {
        Verdict::BlockedPreflight
    } else if response.passed == Some(true) {
        Verdict::Allowed
    } else {
        Verdict::BlockedResponse
    };
    let matched_rule = if needed {
        preflight.matched_rule
    } else {
        response.matched_rule
    };
    let mut sim = Simulation {
        config,
        request: req,
        matched_rule,
        rules,
        preflight,
        response,
        verdict,
        suggestions: Vec::new(),
    };
    sim.suggestions = suggestions(&sim);
    sim
}

fn wildcard_header_hint(lower: &str) -> Option<&'static str> {
    if lower.starts_with("x-oss-") {
        Some("x-oss-*")
    } else {
        None
    }
}

/// Human fix hints for the obvious cases.
fn suggestions(sim: &Simulation) -> Vec<String> {
    let mut out = Vec::new();
    let req = sim.request;
    let failure = sim
        .preflight
        .failure
        .as_ref()
        .or(sim.response.failure.as_ref());
    let Some(config) = sim.config.filter(|c| !c.rules.is_empty()) else {
        if sim.verdict != Verdict::Allowed {
            out.push(format!(
                "the bucket has no CORS configuration: add a rule allowing origin `{}` and method {}",
                req.origin, req.method
            ));
        }
        return out;
    };
    if sim.verdict == Verdict::Allowed {
        let n = sim.response.matched_rule.unwrap_or(0);
        if matches!(req.method.as_str(), "PUT" | "POST")
            && let Some(rule) = config.rules.get(n.wrapping_sub(1))
            && !rule
                .expose_headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case("etag"))
        {
            out.push(format!(
                "expose ETag in rule {n} if the page reads it (multipart uploads do)"
            ));
        }
        return out;
    }
    let Some(failure) = failure else {
        return out;
    };
    // Credentials against a `*` rule: the answer is `*`, which credentialed requests refuse.
    if matches!(
        failure.code,
        "WildcardOriginNotAllowed" | "PreflightWildcardOriginNotAllowed"
    ) {
        let n = if sim.verdict == Verdict::BlockedPreflight {
            sim.preflight.matched_rule
        } else {
            sim.response.matched_rule
        };
        if let Some(n) = n {
            out.push(format!(
                "rule {n} allows origin `*`, so OSS answers `Access-Control-Allow-Origin: *`, which browsers refuse with credentials: add a rule before it listing `{}` (or send the request without credentials)",
                req.origin
            ));
        }
        return out;
    }
    let evaluated = sim.evaluated_request();
    let is_leg_blocked = match sim.verdict {
        Verdict::BlockedPreflight => sim.preflight.matched_rule.is_none(),
        _ => sim.response.matched_rule.is_none(),
    };
    if !is_leg_blocked {
        // OSS answered but the browser still refused (e.g. credentials, a real server's headers).
        return out;
    }
    if sim.verdict == Verdict::BlockedResponse && sim.preflight.needed {
        // The preflight matched but the actual request (re-matched without headers) did not.
        let pre = sim.preflight.matched_rule.unwrap_or(0);
        out.push(format!(
            "the preflight matched rule {pre} but the actual {} request matched no rule: check the origins and methods of the rules",
            req.method
        ));
        return out;
    }
    if !OSS_METHODS.contains(&req.method.as_str()) {
        out.push(if OSS_METHODS.iter().any(|m| m.eq_ignore_ascii_case(&req.method)) {
            format!(
                "fetch() does not upper-case `{}`; write `{}` in the page",
                req.method,
                req.method.to_ascii_uppercase()
            )
        } else {
            format!(
                "OSS never allows method `{}`: it only supports GET, PUT, POST, DELETE and HEAD",
                req.method
            )
        });
        return out;
    }
    if !sim.rules.iter().any(|e| e.origin_ok) {
        let hint = config.rules.iter().enumerate().find_map(|(i, r)| {
            r.allowed_origins
                .iter()
                .find_map(|p| origin_near_miss(p, &req.origin))
                .map(|h| (i + 1, h))
        });
        match hint {
            Some((n, h)) => out.push(format!("fix rule {n}'s AllowedOrigin: {h}")),
            None => out.push(format!(
                "add `{}` to a rule's AllowedOrigin (no rule allows this origin)",
                req.origin
            )),
        }
        return out;
    }
    // Prefer the origin-matching rule that fails the fewest parts.
    let best = sim
        .rules
        .iter()
        .filter(|e| e.origin_ok)
        .min_by_key(|e| usize::from(!e.method_ok) + usize::from(!e.headers_ok));
    if let Some(e) = best {
        let n = e.number();
        let rule = &config.rules[e.index];
        if !e.method_ok {
            out.push(format!("add {} to rule {n}'s AllowedMethod", req.method));
        }
        if !e.headers_ok {
            let acrh = evaluated.access_control_request_headers.unwrap_or("");
            for name in missing_headers(rule, acrh) {
                let lower = name.to_ascii_lowercase();
                out.push(match wildcard_header_hint(&lower) {
                    Some(w) => format!("add `{lower}` (or `{w}`) to rule {n}'s AllowedHeader"),
                    None => format!("add `{lower}` to rule {n}'s AllowedHeader"),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::CorsRule;

    fn rule(origins: &[&str], methods: &[&str], headers: &[&str]) -> CorsRule {
        CorsRule {
            allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
            allowed_methods: methods.iter().map(|s| s.to_string()).collect(),
            allowed_headers: headers.iter().map(|s| s.to_string()).collect(),
            expose_headers: vec![],
            max_age_seconds: None,
        }
    }

    fn req(method: &str, headers: &[(&str, &str)], credentials: bool) -> BrowserRequest {
        BrowserRequest {
            origin: "https://app.example.com".into(),
            method: method.into(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).into(), (*v).into()))
                .collect(),
            credentials,
            path: "/a.txt".into(),
        }
    }

    #[test]
    fn json_schema_is_stable() {
        let c = CorsConfiguration {
            rules: vec![
                rule(&["https://app.example.com"], &["GET"], &[]),
                rule(&["https://*.example.com"], &["PUT"], &["content-type"]),
            ],
            response_vary: Some(true),
        };
        let r = req(
            "PUT",
            &[
                ("Content-Type", "application/json"),
                ("X-Oss-Meta-Author", "me"),
            ],
            false,
        );
        let sim = simulate(Some(&c), &r);
        let v = serde_json::to_value(&sim).unwrap();
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        for k in [
            "request",
            "matched_rule",
            "rules",
            "preflight",
            "response",
            "verdict",
            "suggestions",
        ] {
            assert!(keys.contains(&k), "{k} missing: {keys:?}");
        }
        assert_eq!(v["verdict"], "blocked_preflight");
        assert_eq!(v["matched_rule"], serde_json::Value::Null);
        assert_eq!(v["preflight"]["status"], 403);
        assert_eq!(v["preflight"]["needed"], true);
        assert_eq!(v["preflight"]["passed"], false);
        assert_eq!(
            v["preflight"]["request_headers"],
            "content-type,x-oss-meta-author"
        );
        assert_eq!(
            v["preflight"]["failure"]["code"],
            "PreflightMissingAllowOriginHeader"
        );
        assert_eq!(
            v["preflight"]["headers"],
            serde_json::json!([["Vary", "Origin"]])
        );
        assert_eq!(v["response"]["sent"], false);
        assert_eq!(v["response"]["passed"], serde_json::Value::Null);
        assert_eq!(v["rules"][0]["number"], 1);
        assert_eq!(v["rules"][0]["matches"], false);
        assert!(
            v["rules"][0]["reasons"][0]
                .as_str()
                .unwrap()
                .contains("`PUT` is not in AllowedMethod [`GET`]")
        );
        assert!(
            v["rules"][1]["reasons"][0]
                .as_str()
                .unwrap()
                .contains("x-oss-meta-author")
        );
        assert_eq!(
            v["suggestions"],
            serde_json::json!(["add `x-oss-meta-author` (or `x-oss-*`) to rule 2's AllowedHeader"])
        );
        assert_eq!(
            v["request"]["headers"][0],
            serde_json::json!(["Content-Type", "application/json"])
        );
    }

    #[test]
    fn simple_request_blocked_at_response_suggests_method() {
        let c = CorsConfiguration {
            rules: vec![rule(&["https://app.example.com"], &["GET"], &[])],
            response_vary: None,
        };
        let r = req("HEAD", &[], false);
        let sim = simulate(Some(&c), &r);
        assert!(!sim.preflight.needed);
        assert_eq!(sim.verdict, Verdict::BlockedResponse);
        assert_eq!(
            sim.response.failure.as_ref().unwrap().code,
            "MissingAllowOriginHeader"
        );
        assert_eq!(sim.suggestions, vec!["add HEAD to rule 1's AllowedMethod"]);
    }

    #[test]
    fn credentials_against_star_rule() {
        let c = CorsConfiguration {
            rules: vec![rule(&["*"], &["GET", "PUT"], &["*"])],
            response_vary: None,
        };
        let r = req("GET", &[], true);
        let sim = simulate(Some(&c), &r);
        assert_eq!(sim.verdict, Verdict::BlockedResponse);
        assert_eq!(
            sim.response.failure.as_ref().unwrap().code,
            "WildcardOriginNotAllowed"
        );
        assert!(sim.suggestions[0].contains("rule 1 allows origin `*`"));
    }

    #[test]
    fn no_config() {
        let r = req("PUT", &[], false);
        let sim = simulate(None, &r);
        assert_eq!(sim.verdict, Verdict::BlockedPreflight);
        assert_eq!(
            sim.preflight.error.as_ref().unwrap().message,
            super::super::choices::PREFLIGHT_NOT_ENABLED_MESSAGE
        );
        assert!(sim.suggestions[0].contains("no CORS configuration"));
        assert!(sim.rule_reports().is_empty());
    }
}
