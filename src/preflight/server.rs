//! The server model: which rule answers a request, and what OSS sends.
//!
//! Documented by OSS (PutBucketCors, OptionObject, HeadObject, the CORS troubleshooting
//! pages): rules are tried in order and the first that matches answers; a rule matches when
//! the Origin matches one of its AllowedOrigin values, the method (on OPTIONS: the
//! `Access-Control-Request-Method`) is one of its AllowedMethod values, and, on OPTIONS, every
//! name in `Access-Control-Request-Headers` matches one of its AllowedHeader values
//! (case-insensitively). A refused preflight is a 403 `AccessForbidden`; an actual request
//! no rule matches gets no CORS headers; `Vary: Origin` follows ResponseVary. Everything
//! else is a [`Behaviour`](super::behaviour) field, read through the [`Model`].

use std::borrow::Cow;
use std::sync::Arc;

use serde::Serialize;

use super::behaviour::{
    ActualAcrm, ActualHeaders, AllowCredentials, AllowHeaders, AllowMethods, AuthErrorCors,
    EmptyAcrhItems, ErrorCors, MalformedOptions, MaxAgeZero, Model, StarOrigin, UnknownAcrm,
};
use super::matcher::{Pattern, list_items};
use crate::rules::{CorsConfiguration, CorsRule};

/// The methods OSS accepts in AllowedMethod.
pub const OSS_METHODS: [&str; 5] = ["GET", "PUT", "POST", "DELETE", "HEAD"];

/// Response header names, spelled as OSS sends them.
pub mod names {
    /// `Access-Control-Allow-Origin`
    pub const ALLOW_ORIGIN: &str = "Access-Control-Allow-Origin";
    /// `Access-Control-Allow-Credentials`
    pub const ALLOW_CREDENTIALS: &str = "Access-Control-Allow-Credentials";
    /// `Access-Control-Allow-Methods`
    pub const ALLOW_METHODS: &str = "Access-Control-Allow-Methods";
    /// `Access-Control-Allow-Headers`
    pub const ALLOW_HEADERS: &str = "Access-Control-Allow-Headers";
    /// `Access-Control-Expose-Headers`
    pub const EXPOSE_HEADERS: &str = "Access-Control-Expose-Headers";
    /// `Access-Control-Max-Age`
    pub const MAX_AGE: &str = "Access-Control-Max-Age";
    /// `Vary`
    pub const VARY: &str = "Vary";
}

/// How the operation of an actual request ended; OSS decides its CORS headers after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// It succeeded (2xx, 3xx).
    #[default]
    Success,
    /// It was refused by authentication or authorisation (403: SignatureDoesNotMatch,
    /// InvalidAccessKeyId, RequestTimeTooSkewed, an expired presigned URL, AccessDenied).
    Refused,
    /// Any other error (404 NoSuchKey, 400, 409, 5xx, ...).
    Error,
}

impl Outcome {
    /// The outcome an HTTP status stands for: 401 and 403 are refusals (OSS answers every
    /// authentication and permission failure with 403), other 4xx/5xx errors.
    pub fn from_status(status: u16) -> Outcome {
        match status {
            401 | 403 => Outcome::Refused,
            400..=599 => Outcome::Error,
            _ => Outcome::Success,
        }
    }
}

/// The CORS-relevant parts of a request as OSS receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IncomingRequest<'a> {
    /// The HTTP method (`OPTIONS` for a preflight), case-sensitive as on the wire.
    pub method: &'a str,
    /// The `Origin` header, if any.
    pub origin: Option<&'a str>,
    /// `Access-Control-Request-Method`.
    pub access_control_request_method: Option<&'a str>,
    /// `Access-Control-Request-Headers`.
    pub access_control_request_headers: Option<&'a str>,
    /// For an actual request, how its operation ended (ignored for OPTIONS).
    pub outcome: Outcome,
}

impl<'a> IncomingRequest<'a> {
    /// OSS answers an OPTIONS request itself, from the CORS rules alone (a preflight).
    pub fn is_options(&self) -> bool {
        self.method == "OPTIONS"
    }

    /// The method rules are matched against: the ACRM on OPTIONS, the real method otherwise
    /// (unless the model says an actual request's own ACRM counts).
    pub fn match_method(&self, model: &Model) -> Option<&'a str> {
        if self.is_options() || self.uses_acrm(model) {
            self.access_control_request_method
        } else {
            Some(self.method)
        }
    }

    /// The header list rules are matched against: only a preflight has one (unless the
    /// model says an actual request's own ACRH counts).
    pub fn match_headers(&self, model: &Model) -> Option<&'a str> {
        if self.is_options() || self.uses_acrm(model) {
            self.access_control_request_headers
        } else {
            None
        }
    }

    /// An actual request that carries an ACRM, matched with it (asked only then).
    fn uses_acrm(&self, model: &Model) -> bool {
        self.access_control_request_method.is_some() && model.actual_acrm() == ActualAcrm::Used
    }
}

/// The error OSS answers an OPTIONS request with (the server renders it as OSS error XML).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Refusal {
    /// `AccessForbidden` or `BadRequest`.
    pub code: &'static str,
    /// The `<Message>` text.
    pub message: &'static str,
}

/// What OSS answers, CORS-wise. Header values borrow the compiled rules and the request.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OssAnswer<'a> {
    /// The request is an OPTIONS request, answered by OSS itself (no operation runs).
    pub is_preflight: bool,
    /// `Some(200 | 403 | 400)` for OPTIONS; `None` for actual requests (the operation decides).
    pub status: Option<u16>,
    /// 0-based index of the rule that answered, if any.
    pub matched_rule: Option<usize>,
    /// CORS headers and `Vary`, in the order OSS sends them.
    pub headers: Vec<(&'static str, Cow<'a, str>)>,
    /// The error body of a refused OPTIONS request.
    pub refusal: Option<Refusal>,
}

impl OssAnswer<'_> {
    /// The value of the first header called `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_ref())
    }
}

/// How one rule fared against a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleOutcome {
    /// 0-based position of the rule.
    pub index: usize,
    /// The first of its AllowedOrigin values that matches the Origin.
    pub origin: Option<usize>,
    /// The method (ACRM on OPTIONS) is one of its AllowedMethod values.
    pub method: bool,
    /// Every requested header name matches one of its AllowedHeader values.
    pub headers: bool,
}

impl RuleOutcome {
    /// Origin, method and headers all match.
    pub fn matches(&self) -> bool {
        self.origin.is_some() && self.method && self.headers
    }

    /// 1-based rule number, as people count.
    pub fn number(&self) -> usize {
        self.index + 1
    }
}

/// One rule, prepared once: patterns split at their `*`, response values joined.
#[derive(Debug, PartialEq, Eq)]
struct CompiledRule {
    origins: Vec<Pattern>,
    headers: Vec<Pattern>,
    methods: Vec<String>,
    /// `Access-Control-Allow-Methods` as the rule's list.
    allow_methods: String,
    /// `Access-Control-Expose-Headers`, when the rule exposes any.
    expose_headers: Option<String>,
    /// MaxAgeSeconds, and its text.
    max_age: Option<(u64, String)>,
}

impl CompiledRule {
    fn new(rule: &CorsRule) -> Self {
        CompiledRule {
            origins: rule
                .allowed_origins
                .iter()
                .map(|o| Pattern::new(o))
                .collect(),
            headers: rule
                .allowed_headers
                .iter()
                .map(|h| Pattern::new(h))
                .collect(),
            methods: rule.allowed_methods.clone(),
            allow_methods: rule.allowed_methods.join(", "),
            expose_headers: (!rule.expose_headers.is_empty())
                .then(|| rule.expose_headers.join(", ")),
            max_age: rule.max_age_seconds.map(|age| (age, age.to_string())),
        }
    }
}

/// A rule set prepared for matching, like a compiled regex; it owns its configuration.
/// `cors test` compiles once per run, `serve` once per bucket configuration.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct CompiledRules {
    config: Option<Arc<CorsConfiguration>>,
    rules: Vec<CompiledRule>,
}

impl CompiledRules {
    /// Prepares `config` (`None`: the bucket has no CORS configuration).
    pub fn new(config: Option<Arc<CorsConfiguration>>) -> Self {
        let rules = config
            .as_deref()
            .map_or(&[][..], |c| &c.rules[..])
            .iter()
            .map(CompiledRule::new)
            .collect();
        CompiledRules { config, rules }
    }

    /// [`CompiledRules::new`] from a borrowed configuration (copied).
    pub fn from_config(config: Option<&CorsConfiguration>) -> Self {
        Self::new(config.cloned().map(Arc::new))
    }

    /// The configuration these rules were compiled from.
    pub fn config(&self) -> Option<&CorsConfiguration> {
        self.config.as_deref()
    }

    /// How one rule fares against `req`.
    fn outcome(&self, index: usize, req: &IncomingRequest, model: &Model) -> RuleOutcome {
        let rule = &self.rules[index];
        let origin = req
            .origin
            .and_then(|o| rule.origins.iter().position(|p| p.matches_origin(o, model)));
        // Byte-exact. OSS knows five methods; another one matches no rule (and an OPTIONS
        // asking for one may be refused before any rule is looked at: see `refusal`).
        let method = req.match_method(model).is_some_and(|m| {
            OSS_METHODS.contains(&m) && rule.methods.iter().any(|allowed| allowed == m)
        });
        let headers = req.match_headers(model).is_none_or(|list| {
            list_items(list).all(|name| {
                if name.is_empty() {
                    return model.empty_acrh_items() == EmptyAcrhItems::Ignored;
                }
                rule.headers.iter().any(|p| p.matches_header(name, model))
            })
        });
        RuleOutcome {
            index,
            origin,
            method,
            headers,
        }
    }

    /// Every rule's outcome against `req`, in rule order.
    pub fn evaluate(&self, req: &IncomingRequest, model: &Model) -> Vec<RuleOutcome> {
        (0..self.rules.len())
            .map(|i| self.outcome(i, req, model))
            .collect()
    }

    /// What OSS answers to `req`: the first matching rule answers.
    /// Header values borrow the rules; those taken from the request are copied.
    pub fn answer<'a>(&'a self, req: &IncomingRequest, model: &Model) -> OssAnswer<'a> {
        let first = (0..self.rules.len())
            .map(|i| self.outcome(i, req, model))
            .find(RuleOutcome::matches);
        let mut answer = OssAnswer {
            is_preflight: req.is_options(),
            ..OssAnswer::default()
        };
        let refusal = if req.is_options() {
            self.refusal(req, first.is_some(), model)
        } else {
            None
        };
        match (req.is_options(), refusal) {
            (true, Some((status, refusal))) => {
                answer.status = Some(status);
                answer.refusal = Some(refusal);
            }
            (true, None) => answer.status = Some(200),
            (false, _) => {}
        }
        if let (Some(first), Some(origin), None) = (first, req.origin, refusal) {
            // The rule answers; whether an actual response that failed carries its headers
            // depends on how it failed.
            answer.matched_rule = Some(first.index);
            if self.sends_cors_headers(req, model) {
                self.cors_headers(first, origin, req, model, &mut answer.headers);
            }
        }
        if self.config().is_some_and(CorsConfiguration::response_vary) {
            answer.headers.push((names::VARY, Cow::Borrowed("Origin")));
        }
        answer
    }

    /// Why OSS refuses an OPTIONS request, checked in this order: a missing Origin or ACRM,
    /// an ACRM OSS does not know (per the model), no CORS configuration, no matching rule.
    fn refusal(
        &self,
        req: &IncomingRequest,
        matched: bool,
        model: &Model,
    ) -> Option<(u16, Refusal)> {
        // The text is asked of the model only when it is sent.
        let not_allowed = || Refusal {
            code: "AccessForbidden",
            message: model.not_allowed_text().text(),
        };
        let malformed = |message| match model.malformed_options() {
            MalformedOptions::BadRequest => (
                400,
                Refusal {
                    code: "BadRequest",
                    message,
                },
            ),
            MalformedOptions::Forbidden => (403, not_allowed()),
        };
        if req.origin.is_none() {
            return Some(malformed(
                "Insufficient information. Origin request header needed.",
            ));
        }
        let Some(acrm) = req.access_control_request_method else {
            return Some(malformed("Invalid Access-Control-Request-Method: null"));
        };
        if !OSS_METHODS.contains(&acrm) && model.unknown_acrm() == UnknownAcrm::BadRequest {
            let message = "Invalid Access-Control-Request-Method";
            return Some((
                400,
                Refusal {
                    code: "BadRequest",
                    message,
                },
            ));
        }
        if self.rules.is_empty() {
            let message = "CORSResponse: CORS is not enabled for this bucket.";
            return Some((
                403,
                Refusal {
                    code: "AccessForbidden",
                    message,
                },
            ));
        }
        (!matched).then(|| (403, not_allowed()))
    }

    /// Whether an actual response carries CORS headers at all, given how its operation
    /// ended (always, for a preflight OSS accepted).
    fn sends_cors_headers(&self, req: &IncomingRequest, model: &Model) -> bool {
        match (req.is_options(), req.outcome) {
            (true, _) | (false, Outcome::Success) => true,
            (false, Outcome::Refused) => model.auth_error_cors() == AuthErrorCors::RuleHeaders,
            (false, Outcome::Error) => model.error_cors() == ErrorCors::RuleHeaders,
        }
    }

    /// The CORS headers of the answering rule, in the order OSS sends them.
    fn cors_headers<'a>(
        &'a self,
        outcome: RuleOutcome,
        origin: &str,
        req: &IncomingRequest,
        model: &Model,
        headers: &mut Vec<(&'static str, Cow<'a, str>)>,
    ) {
        let rule = &self.rules[outcome.index];
        let star_pattern = outcome.origin.is_some_and(|o| rule.origins[o].is_any());
        if star_pattern && model.star_origin() == StarOrigin::Star {
            headers.push((names::ALLOW_ORIGIN, Cow::Borrowed("*")));
        } else {
            headers.push((names::ALLOW_ORIGIN, Cow::Owned(origin.to_owned())));
            if model.allow_credentials() == AllowCredentials::True {
                headers.push((names::ALLOW_CREDENTIALS, Cow::Borrowed("true")));
            }
        }
        let preflight = req.is_options();
        let full = preflight || model.actual_headers() == ActualHeaders::RuleHeaders;
        if full {
            let methods = match model.allow_methods() {
                AllowMethods::RuleList => Cow::Borrowed(rule.allow_methods.as_str()),
                AllowMethods::Requested => {
                    Cow::Owned(req.match_method(model).unwrap_or("").to_owned())
                }
            };
            headers.push((names::ALLOW_METHODS, methods));
        }
        if let Some(list) = req.match_headers(model).filter(|_| preflight) {
            let requested: Vec<&str> = list_items(list).filter(|n| !n.is_empty()).collect();
            if !requested.is_empty() {
                // The spelling is a question only when the request used upper case.
                let as_sent = requested
                    .iter()
                    .any(|n| n.bytes().any(|b| b.is_ascii_uppercase()))
                    && model.allow_headers() == AllowHeaders::AsSent;
                let mut value = requested.join(", ");
                if !as_sent {
                    value.make_ascii_lowercase();
                }
                headers.push((names::ALLOW_HEADERS, Cow::Owned(value)));
            }
        }
        if let Some(expose) = &rule.expose_headers {
            headers.push((names::EXPOSE_HEADERS, Cow::Borrowed(expose.as_str())));
        }
        if let Some((age, text)) = &rule.max_age {
            let sent = full && (*age > 0 || model.max_age_zero() == MaxAgeZero::Sent);
            if sent {
                headers.push((names::MAX_AGE, Cow::Borrowed(text.as_str())));
            }
        }
    }
}

/// What OSS answers to `req` under the default behaviour (compiles `config` for this one
/// request; keep a [`CompiledRules`] to answer many).
pub fn oss_answer(config: Option<&CorsConfiguration>, req: &IncomingRequest) -> OssAnswer<'static> {
    let rules = CompiledRules::from_config(config);
    let answer = rules.answer(req, &Model::default());
    OssAnswer {
        headers: answer
            .headers
            .into_iter()
            .map(|(n, v)| (n, Cow::Owned(v.into_owned())))
            .collect(),
        ..answer
    }
}
