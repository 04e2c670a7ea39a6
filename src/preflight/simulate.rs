//! The whole simulation of one cross-origin request: browser → OSS → browser, twice.
//!
//! preflight needed? → OSS's answer to the OPTIONS → the browser judges it → OSS's answer to
//! the actual request → the browser judges that. [`Simulation`] serialises to the stable JSON
//! schema `cors test --output json` prints (documented in `docs/preflight.md`).
//!
//! The decision is computed in full: both legs' OSS answers, the browser's verdicts, the
//! headers script can read, and every rule's outcome. Header values borrow the compiled rules
//! and the request. The explanations (why a preflight is needed, each rule's reasons, the
//! suggested fixes) are worked out from that data when they are read, shown or serialised.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::browser::{
    BrowserFailure, BrowserRequest, PreflightNeed, PreflightReasons, judge_preflight_for,
    judge_response, preflight_needed,
};
use super::server::{
    CompiledRules, Forbidden, IncomingRequest, NearMiss, OSS_METHODS, RuleEvaluation, RuleOutcomes,
    missing_header_names, near_miss,
};
use crate::rules::{CorsConfiguration, CorsRule};

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
pub struct PreflightLeg<'a> {
    /// A preflight is sent.
    pub needed: bool,
    /// Why (unsafe method / headers); `Display` gives each line.
    pub reasons: PreflightReasons<'a>,
    /// The `Access-Control-Request-Method` sent (the request's method), when needed.
    pub request_method: Option<&'a str>,
    /// The `Access-Control-Request-Headers` sent, if any.
    pub request_headers: Option<String>,
    /// Headers the browser dropped because script may not set them.
    pub ignored_headers: Vec<String>,
    /// 1-based number of the rule answering the preflight.
    pub matched_rule: Option<usize>,
    /// OSS's status for the OPTIONS (null when not sent).
    pub status: Option<u16>,
    /// OSS's response headers, as `[name, value]` pairs in order.
    pub headers: Vec<(&'static str, Cow<'a, str>)>,
    /// OSS's error body for a refused preflight.
    pub error: Option<Forbidden>,
    /// The browser accepted the preflight (null when not sent).
    pub passed: Option<bool>,
    /// Why not.
    pub failure: Option<BrowserFailure>,
}

/// The actual-request leg.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ResponseLeg<'a> {
    /// The actual request was sent (false when the preflight failed).
    pub sent: bool,
    /// 1-based number of the rule answering the actual request (matched without the header
    /// list, so it can differ from the preflight's).
    pub matched_rule: Option<usize>,
    /// The CORS headers (and Vary) OSS adds to the operation's response.
    pub headers: Vec<(&'static str, Cow<'a, str>)>,
    /// The browser let script read the response (null when not sent).
    pub passed: Option<bool>,
    /// Why not.
    pub failure: Option<BrowserFailure>,
    /// Lower-case header names script can read (see [`super::ResponseJudgement`]).
    pub visible_headers: Vec<Cow<'static, str>>,
}

/// A suggested fix (plain data; `Display` and serialisation give the sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Suggestion<'a>(Fix<'a>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fix<'a> {
    NoConfiguration {
        origin: &'a str,
        method: &'a str,
    },
    ExposeEtag {
        rule: usize,
    },
    StarWithCredentials {
        rule: usize,
        origin: &'a str,
    },
    ActualMatchesNoRule {
        preflight_rule: usize,
        method: &'a str,
    },
    MethodCase {
        method: &'a str,
    },
    MethodNeverAllowed {
        method: &'a str,
    },
    /// No rule allows the origin: name the first AllowedOrigin that looks meant for it
    /// (a near miss, found when shown), or say to add it.
    NoRuleAllowsOrigin {
        origin: &'a str,
        config: &'a CorsConfiguration,
    },
    AddMethod {
        rule: usize,
        method: &'a str,
    },
    /// `name` as the page wrote it; shown lower-cased, as the preflight sends it.
    AddHeader {
        rule: usize,
        name: &'a str,
    },
}

impl fmt::Display for Suggestion<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Fix::NoConfiguration { origin, method } => write!(
                f,
                "the bucket has no CORS configuration: add a rule allowing origin `{origin}` and method {method}"
            ),
            Fix::ExposeEtag { rule } => write!(
                f,
                "expose ETag in rule {rule} if the page reads it (multipart uploads do)"
            ),
            Fix::StarWithCredentials { rule, origin } => write!(
                f,
                "rule {rule} allows origin `*`, so OSS answers `Access-Control-Allow-Origin: *`, which browsers refuse with credentials: add a rule before it listing `{origin}` (or send the request without credentials)"
            ),
            Fix::ActualMatchesNoRule {
                preflight_rule,
                method,
            } => write!(
                f,
                "the preflight matched rule {preflight_rule} but the actual {method} request matched no rule: check the origins and methods of the rules"
            ),
            Fix::MethodCase { method } => write!(
                f,
                "fetch() does not upper-case `{method}`; write `{}` in the page",
                method.to_ascii_uppercase()
            ),
            Fix::MethodNeverAllowed { method } => write!(
                f,
                "OSS never allows method `{method}`: it only supports GET, PUT, POST, DELETE and HEAD"
            ),
            Fix::NoRuleAllowsOrigin { origin, config } => match first_near_miss(config, origin) {
                Some((rule, hint)) => write!(f, "fix rule {rule}'s AllowedOrigin: {hint}"),
                None => write!(
                    f,
                    "add `{origin}` to a rule's AllowedOrigin (no rule allows this origin)"
                ),
            },
            Fix::AddMethod { rule, method } => {
                write!(f, "add {method} to rule {rule}'s AllowedMethod")
            }
            Fix::AddHeader { rule, name } => {
                let lower = name.to_ascii_lowercase();
                match wildcard_header_hint(&lower) {
                    Some(w) => write!(f, "add `{lower}` (or `{w}`) to rule {rule}'s AllowedHeader"),
                    None => write!(f, "add `{lower}` to rule {rule}'s AllowedHeader"),
                }
            }
        }
    }
}

impl Serialize for Suggestion<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
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
    /// Every rule's outcome against the request that decides `matched_rule` (the OPTIONS
    /// when a preflight is sent, otherwise the actual request).
    pub rules: RuleOutcomes,
    /// The preflight leg.
    pub preflight: PreflightLeg<'a>,
    /// The actual request leg.
    pub response: ResponseLeg<'a>,
    /// The verdict.
    pub verdict: Verdict,
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

    /// Suggested fixes when there is an obvious one (`Display` gives each sentence); worked
    /// out from the simulation when asked, like the reasons.
    pub fn suggestions(&self) -> impl Iterator<Item = Suggestion<'a>> + '_ {
        suggestions(self)
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
                reasons: e
                    .reason_items(config, &req, || self.answering_rule())
                    .map(|r| r.to_string())
                    .collect(),
            })
            .collect()
    }

    /// 1-based number of the rule that answered the evaluated request (0 if none).
    fn answering_rule(&self) -> usize {
        self.rules.selected().map_or(0, |i| i + 1)
    }

    /// The headers the browser actually sends with the actual request (forbidden ones dropped).
    pub fn sent_headers(&self) -> impl Iterator<Item = (&'a str, &'a str)> + Clone + use<'a> {
        self.request
            .headers
            .iter()
            .filter(|(n, v)| !super::browser::is_forbidden_request_header(n, v))
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

/// The sent headers as a JSON list of pairs, without collecting them.
struct SentHeaders<'s, 'a>(&'s Simulation<'a>);

impl Serialize for SentHeaders<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.sent_headers())
    }
}

/// The per-rule reports as a JSON list; each reason is written straight into the output.
struct RuleReports<'s, 'a>(&'s Simulation<'a>);

/// One rule's report, serialised like [`RuleReport`] without building its strings.
struct RuleReportView<'s, 'a> {
    sim: &'s Simulation<'a>,
    config: &'a CorsConfiguration,
    req: &'s IncomingRequest<'s>,
    eval: RuleEvaluation,
}

impl Serialize for RuleReportView<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("RuleReport", 3)?;
        s.serialize_field("number", &self.eval.number())?;
        s.serialize_field("matches", &self.eval.matches)?;
        s.serialize_field("reasons", &Reasons(self))?;
        s.end()
    }
}

struct Reasons<'v, 's, 'a>(&'v RuleReportView<'s, 'a>);

impl Serialize for Reasons<'_, '_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        serializer.collect_seq(
            v.eval
                .reason_items(v.config, v.req, || v.sim.answering_rule()),
        )
    }
}

impl Serialize for RuleReports<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let sim = self.0;
        let Some(config) = sim.config else {
            return serializer.collect_seq(std::iter::empty::<RuleReport>());
        };
        let req = sim.evaluated_request();
        serializer.collect_seq(sim.rules.iter().map(|eval| RuleReportView {
            sim,
            config,
            req: &req,
            eval,
        }))
    }
}

/// The suggestions as a JSON list, without collecting them.
struct SuggestionList<'s, 'a>(&'s Simulation<'a>);

impl Serialize for SuggestionList<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.suggestions())
    }
}

#[derive(Serialize)]
struct RequestView<'s, 'a> {
    origin: &'a str,
    method: &'a str,
    path: &'a str,
    credentials: bool,
    headers: SentHeaders<'s, 'a>,
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
                headers: SentHeaders(self),
            },
        )?;
        s.serialize_field("matched_rule", &self.matched_rule)?;
        s.serialize_field("rules", &RuleReports(self))?;
        s.serialize_field("preflight", &self.preflight)?;
        s.serialize_field("response", &self.response)?;
        s.serialize_field("verdict", &self.verdict)?;
        s.serialize_field("suggestions", &SuggestionList(self))?;
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

/// Simulates `req` against `rules` (compile them once with [`CompiledRules::new`]; `None`
/// there means the bucket has no CORS configuration).
///
/// `req.method` is used as given; normalise it first with [`super::normalize_method`] if it
/// came from a person.
pub fn simulate<'a>(rules: &'a CompiledRules<'_>, req: &'a BrowserRequest) -> Simulation<'a> {
    let config = rules.config();
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
    let actual = actual_request(req);
    let (rules_eval, preflight_ok, actual_answer);
    if needed {
        let options = IncomingRequest {
            method: "OPTIONS",
            origin: Some(&req.origin),
            access_control_request_method: Some(&req.method),
            access_control_request_headers: request_headers.as_deref(),
        };
        let (answer, outcomes) = rules.explain_echoing(&options, Some(&req.origin));
        let status = answer.status.unwrap_or(200);
        let judged = judge_preflight_for(req, request_headers.as_deref(), status, &answer.headers);
        preflight_ok = judged.is_ok();
        preflight.request_method = Some(&req.method);
        preflight.matched_rule = answer.matched_rule.map(|i| i + 1);
        preflight.status = Some(status);
        preflight.headers = answer.headers;
        preflight.error = answer.forbidden;
        preflight.passed = Some(preflight_ok);
        preflight.failure = judged.err();
        preflight.request_headers = request_headers;
        // The OPTIONS outcomes already hold each rule's origin and method result for this
        // Origin and method: the actual request is matched from them.
        actual_answer = preflight_ok.then(|| rules.answer_actual_from(&actual, &outcomes));
        rules_eval = outcomes;
    } else {
        let (answer, outcomes) = rules.explain(&actual);
        preflight_ok = true;
        actual_answer = Some(answer);
        rules_eval = outcomes;
    }
    let mut response = ResponseLeg {
        sent: preflight_ok,
        matched_rule: None,
        headers: Vec::new(),
        passed: None,
        failure: None,
        visible_headers: Vec::new(),
    };
    if let Some(answer) = actual_answer {
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
    Simulation {
        config,
        request: req,
        matched_rule,
        rules: rules_eval,
        preflight,
        response,
        verdict,
    }
}

/// The first AllowedOrigin (1-based rule number, why) that looks meant for `origin`.
fn first_near_miss<'a>(
    config: &'a CorsConfiguration,
    origin: &'a str,
) -> Option<(usize, NearMiss<'a>)> {
    config.rules.iter().enumerate().find_map(|(i, r)| {
        r.allowed_origins
            .iter()
            .find_map(|p| near_miss(p, origin))
            .map(|h| (i + 1, h))
    })
}

fn wildcard_header_hint(lower: &str) -> Option<&'static str> {
    if lower.starts_with("x-oss-") {
        Some("x-oss-*")
    } else {
        None
    }
}

/// What to suggest: at most one fix, or (for the origin-matching rule closest to matching)
/// the method to add and the rule whose missing header names to add.
#[derive(Default)]
struct Plan<'a> {
    fix: Option<Fix<'a>>,
    add_headers: Option<(usize, &'a CorsRule)>,
}

impl<'a> Plan<'a> {
    fn one(fix: Fix<'a>) -> Self {
        Plan {
            fix: Some(fix),
            add_headers: None,
        }
    }
}

/// Human fix hints for the obvious cases.
fn suggestions<'s, 'a>(sim: &'s Simulation<'a>) -> impl Iterator<Item = Suggestion<'a>> + 's {
    let req: &'a BrowserRequest = sim.request;
    let plan = suggestion_plan(sim);
    // Only a preflight has a header list, so only a preflight's rule lacks header names.
    let acrh = sim.preflight.request_headers.as_deref().unwrap_or("");
    let missing = plan.add_headers.into_iter().flat_map(move |(n, rule)| {
        missing_header_names(rule, acrh).filter_map(move |missing| {
            // The ACRH names are the page's header names, lower-cased: name the page's.
            req.headers
                .iter()
                .map(|(name, _)| name.as_str())
                .find(|name| name.eq_ignore_ascii_case(missing))
                .map(|name| Fix::AddHeader { rule: n, name })
        })
    });
    plan.fix.into_iter().chain(missing).map(Suggestion)
}

fn suggestion_plan<'a>(sim: &Simulation<'a>) -> Plan<'a> {
    let req: &'a BrowserRequest = sim.request;
    let failure = sim
        .preflight
        .failure
        .as_ref()
        .or(sim.response.failure.as_ref());
    let Some(config) = sim.config.filter(|c| !c.rules.is_empty()) else {
        if sim.verdict != Verdict::Allowed {
            return Plan::one(Fix::NoConfiguration {
                origin: &req.origin,
                method: &req.method,
            });
        }
        return Plan::default();
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
            return Plan::one(Fix::ExposeEtag { rule: n });
        }
        return Plan::default();
    }
    let Some(failure) = failure else {
        return Plan::default();
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
        return Plan {
            fix: n.map(|n| Fix::StarWithCredentials {
                rule: n,
                origin: &req.origin,
            }),
            add_headers: None,
        };
    }
    let is_leg_blocked = match sim.verdict {
        Verdict::BlockedPreflight => sim.preflight.matched_rule.is_none(),
        _ => sim.response.matched_rule.is_none(),
    };
    if !is_leg_blocked {
        // OSS answered but the browser still refused (e.g. credentials, a real server's headers).
        return Plan::default();
    }
    if sim.verdict == Verdict::BlockedResponse && sim.preflight.needed {
        // The preflight matched but the actual request (re-matched without headers) did not.
        return Plan::one(Fix::ActualMatchesNoRule {
            preflight_rule: sim.preflight.matched_rule.unwrap_or(0),
            method: &req.method,
        });
    }
    if !OSS_METHODS.contains(&req.method.as_str()) {
        return Plan::one(
            if OSS_METHODS
                .iter()
                .any(|m| m.eq_ignore_ascii_case(&req.method))
            {
                Fix::MethodCase {
                    method: &req.method,
                }
            } else {
                Fix::MethodNeverAllowed {
                    method: &req.method,
                }
            },
        );
    }
    if !sim.rules.any_origin_matches() {
        return Plan::one(Fix::NoRuleAllowsOrigin {
            origin: &req.origin,
            config,
        });
    }
    // Prefer the origin-matching rule that fails the fewest parts.
    let Some(best) = sim.rules.closest_origin_match() else {
        return Plan::default();
    };
    let n = best.number();
    Plan {
        fix: (!best.method_ok).then_some(Fix::AddMethod {
            rule: n,
            method: &req.method,
        }),
        add_headers: (!best.headers_ok).then(|| (n, &config.rules[best.index])),
    }
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
        let rules = CompiledRules::new(Some(&c));
        let sim = simulate(&rules, &r);
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
        let rules = CompiledRules::new(Some(&c));
        let sim = simulate(&rules, &r);
        assert!(!sim.preflight.needed);
        assert_eq!(sim.verdict, Verdict::BlockedResponse);
        assert_eq!(
            sim.response.failure.as_ref().unwrap().code,
            "MissingAllowOriginHeader"
        );
        assert_eq!(
            sim.suggestions().next().unwrap().to_string(),
            "add HEAD to rule 1's AllowedMethod"
        );
        assert_eq!(sim.suggestions().count(), 1);
    }

    #[test]
    fn credentials_against_star_rule() {
        let c = CorsConfiguration {
            rules: vec![rule(&["*"], &["GET", "PUT"], &["*"])],
            response_vary: None,
        };
        let r = req("GET", &[], true);
        let rules = CompiledRules::new(Some(&c));
        let sim = simulate(&rules, &r);
        assert_eq!(sim.verdict, Verdict::BlockedResponse);
        assert_eq!(
            sim.response.failure.as_ref().unwrap().code,
            "WildcardOriginNotAllowed"
        );
        assert!(
            sim.suggestions()
                .next()
                .unwrap()
                .to_string()
                .contains("rule 1 allows origin `*`")
        );
    }

    #[test]
    fn no_config() {
        let r = req("PUT", &[], false);
        let rules = CompiledRules::new(None);
        let sim = simulate(&rules, &r);
        assert_eq!(sim.verdict, Verdict::BlockedPreflight);
        assert_eq!(
            sim.preflight.error.as_ref().unwrap().message,
            super::super::choices::PREFLIGHT_NOT_ENABLED_MESSAGE
        );
        assert!(
            sim.suggestions()
                .next()
                .unwrap()
                .to_string()
                .contains("no CORS configuration")
        );
        assert!(sim.rule_reports().is_empty());
    }
}
