//! The whole simulation of one cross-origin request: browser → OSS → browser, twice.
//!
//! Is a preflight needed? → OSS's answer to the OPTIONS → the browser judges it → OSS's
//! answer to the actual request → the browser judges that. [`Simulation`] serialises to the
//! JSON schema `cors test --output json` prints (documented in `docs/preflight.md`).

use std::borrow::Cow;

use serde::Serialize;
use serde::ser::{SerializeStruct, Serializer};

use super::behaviour::{Choices, Field, Model};
use super::browser::{
    BrowserFailure, BrowserRequest, PreflightReason, is_forbidden_request_header, judge_preflight,
    judge_response, preflight_needed,
};
use super::explain::{RuleReason, Suggestion, rule_reasons, suggestions};
use super::server::{CompiledRules, IncomingRequest, Outcome, Refusal, RuleOutcome};
use crate::rules::CorsConfiguration;

/// The outcome in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
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
    /// Why (unsafe method, headers).
    pub reasons: Vec<PreflightReason<'a>>,
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
    pub error: Option<Refusal>,
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

/// One simulated cross-origin request.
#[derive(Debug, Clone)]
pub struct Simulation<'a> {
    rules: &'a CompiledRules,
    /// What the page asked for.
    pub request: &'a BrowserRequest,
    /// The behaviour OSS was taken to have.
    pub choices: Choices,
    /// How the actual request's operation ended.
    pub outcome: Outcome,
    /// 1-based number of the rule answering the preflight when one is sent, otherwise of
    /// the rule answering the actual request.
    pub matched_rule: Option<usize>,
    /// The preflight leg.
    pub preflight: PreflightLeg<'a>,
    /// The actual request leg.
    pub response: ResponseLeg<'a>,
    /// The verdict.
    pub verdict: Verdict,
    /// The behaviour fields the answers depended on (see [`Model`]).
    pub consulted: Vec<Field>,
}

/// One rule's line in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleReport<'a> {
    /// 1-based rule number.
    pub number: usize,
    /// Origin, method and every requested header matched.
    pub matches: bool,
    /// Why it did not match (or, for a later matching rule, that an earlier one answered).
    pub reasons: Vec<RuleReason<'a>>,
}

/// The OPTIONS request the browser sends for `req`, with the ACRH `acrh`.
fn options_request<'r>(req: &'r BrowserRequest, acrh: Option<&'r str>) -> IncomingRequest<'r> {
    IncomingRequest {
        method: "OPTIONS",
        origin: Some(&req.origin),
        access_control_request_method: Some(&req.method),
        access_control_request_headers: acrh,
        outcome: Outcome::Success,
    }
}

/// The actual request the browser sends for `req`, whose operation ends as `outcome`.
fn actual_request(req: &BrowserRequest, outcome: Outcome) -> IncomingRequest<'_> {
    IncomingRequest {
        method: &req.method,
        origin: Some(&req.origin),
        outcome,
        ..IncomingRequest::default()
    }
}

impl<'a> Simulation<'a> {
    /// The configuration simulated against.
    pub fn config(&self) -> Option<&'a CorsConfiguration> {
        self.rules.config()
    }

    /// The request whose evaluation `outcomes` holds, as OSS sees it.
    pub fn evaluated_request(&self) -> IncomingRequest<'_> {
        if self.preflight.needed {
            options_request(self.request, self.preflight.request_headers.as_deref())
        } else {
            actual_request(self.request, self.outcome)
        }
    }

    /// Every rule's outcome against the request that decides `matched_rule` (the OPTIONS
    /// when a preflight is sent, otherwise the actual request): for the explanations, worked
    /// out when they are read (the answers only needed the rules up to the one that answered).
    pub fn outcomes(&self) -> Vec<RuleOutcome> {
        self.rules
            .evaluate(&self.evaluated_request(), &Model::new(self.choices))
    }

    /// Per rule: its number, whether it matched, and why not.
    pub fn rule_reports(&self) -> Vec<RuleReport<'_>> {
        let Some(config) = self.config() else {
            return Vec::new();
        };
        let req = self.evaluated_request();
        let model = Model::new(self.choices);
        let outcomes = self.outcomes();
        let answering = outcomes
            .iter()
            .find(|o| o.matches())
            .map(RuleOutcome::number);
        outcomes
            .iter()
            .map(|o| RuleReport {
                number: o.number(),
                matches: o.matches(),
                reasons: rule_reasons(o, &config.rules[o.index], &req, answering, &model),
            })
            .collect()
    }

    /// Suggested fixes, when there is an obvious one.
    pub fn suggestions(&self) -> Vec<Suggestion<'a>> {
        suggestions(self)
    }

    /// The headers the browser actually sends with the actual request (forbidden ones dropped).
    pub fn sent_headers(&self) -> impl Iterator<Item = (&'a str, &'a str)> + Clone + use<'a> {
        self.request
            .headers
            .iter()
            .filter(|(n, v)| !is_forbidden_request_header(n, v))
            .map(|(n, v)| (n.as_str(), v.as_str()))
    }
}

impl Serialize for Simulation<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Request<'s> {
            origin: &'s str,
            method: &'s str,
            path: &'s str,
            credentials: bool,
            headers: Vec<(&'s str, &'s str)>,
        }
        let mut s = serializer.serialize_struct("Simulation", 7)?;
        s.serialize_field(
            "request",
            &Request {
                origin: &self.request.origin,
                method: &self.request.method,
                path: &self.request.path,
                credentials: self.request.credentials,
                headers: self.sent_headers().collect(),
            },
        )?;
        s.serialize_field("matched_rule", &self.matched_rule)?;
        s.serialize_field("rules", &self.rule_reports())?;
        s.serialize_field("preflight", &self.preflight)?;
        s.serialize_field("response", &self.response)?;
        s.serialize_field("verdict", &self.verdict)?;
        s.serialize_field("suggestions", &self.suggestions())?;
        s.end()
    }
}

/// Simulates `req` against `rules`, OSS behaving as `choices` says and the actual request's
/// operation ending as `outcome`.
///
/// `req.method` is used as given; normalise it first with [`super::normalize_method`] if it
/// came from a person.
pub fn simulate<'a>(
    rules: &'a CompiledRules,
    req: &'a BrowserRequest,
    choices: Choices,
    outcome: Outcome,
) -> Simulation<'a> {
    // The model records which behaviour fields the answers depend on.
    let model = Model::new(choices);
    let need = preflight_needed(req);
    let mut preflight = PreflightLeg {
        needed: need.needed,
        reasons: need.reasons,
        request_method: None,
        request_headers: None,
        ignored_headers: need.ignored_headers,
        matched_rule: None,
        status: None,
        headers: Vec::new(),
        error: None,
        passed: None,
        failure: None,
    };
    let actual = actual_request(req, outcome);

    // The preflight, when one is needed: OSS answers it from the rules alone.
    if need.needed {
        let options = options_request(req, need.request_headers.as_deref());
        let answer = rules.answer(&options, &model);
        let status = answer.status.unwrap_or(200);
        let judged = judge_preflight(req, status, &answer.headers);
        preflight.request_method = Some(&req.method);
        preflight.matched_rule = answer.matched_rule.map(|i| i + 1);
        preflight.status = Some(status);
        preflight.headers = answer.headers;
        preflight.error = answer.refusal;
        preflight.passed = Some(judged.is_ok());
        preflight.failure = judged.err();
    }
    preflight.request_headers = need.request_headers;

    // The actual request, once the preflight (if any) passed: matched again, without a
    // header list.
    let sent = preflight.passed != Some(false);
    let mut response = ResponseLeg {
        sent,
        matched_rule: None,
        headers: Vec::new(),
        passed: None,
        failure: None,
        visible_headers: Vec::new(),
    };
    if sent {
        let answer = rules.answer(&actual, &model);
        let judged = judge_response(req, &answer.headers);
        response.matched_rule = answer.matched_rule.map(|i| i + 1);
        response.headers = answer.headers;
        response.passed = Some(judged.passed);
        response.failure = judged.failure;
        response.visible_headers = judged.visible_headers;
    }

    let verdict = match (sent, response.passed) {
        (false, _) => Verdict::BlockedPreflight,
        (true, Some(true)) => Verdict::Allowed,
        (true, _) => Verdict::BlockedResponse,
    };
    Simulation {
        rules,
        request: req,
        choices,
        outcome,
        matched_rule: if need.needed {
            preflight.matched_rule
        } else {
            response.matched_rule
        },
        preflight,
        response,
        verdict,
        consulted: model.consulted(),
    }
}
