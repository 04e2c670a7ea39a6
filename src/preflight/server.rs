//! The server model: what OSS answers to a request, given the bucket's CORS configuration.
//!
//! [`oss_answer`] is the fast path used by `ossctl serve` for every request; [`explain`] gives
//! the same answer plus, per rule, whether it matched and which parts failed (for `cors test`).
//! Both run the same matching code, so they cannot disagree.

use serde::Serialize;

use super::choices::{self, AllowMethods};
use super::matcher::{
    header_matches, origin_matches, split_header_list, wildcard_match_ignore_case,
};
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

/// The CORS-relevant parts of a request as OSS receives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct IncomingRequest<'a> {
    /// The HTTP method (`OPTIONS` for a preflight), case-sensitive as on the wire.
    pub method: &'a str,
    /// The `Origin` header, if any.
    pub origin: Option<&'a str>,
    /// `Access-Control-Request-Method` (used on OPTIONS only).
    pub access_control_request_method: Option<&'a str>,
    /// `Access-Control-Request-Headers` (used on OPTIONS only).
    pub access_control_request_headers: Option<&'a str>,
}

impl IncomingRequest<'_> {
    /// Whether OSS answers this request itself as the OPTIONS API (a preflight).
    pub fn is_options(&self) -> bool {
        self.method == "OPTIONS"
    }

    /// The method rules are matched against: ACRM on OPTIONS, the method otherwise.
    pub fn match_method(&self) -> Option<&str> {
        if self.is_options() {
            self.access_control_request_method
        } else {
            Some(self.method)
        }
    }

    /// The header list rules are matched against (OPTIONS only; see
    /// [`choices::ACTUAL_REQUEST_IGNORES_ACRM`]).
    pub fn match_headers(&self) -> Option<&str> {
        if self.is_options() || !choices::ACTUAL_REQUEST_IGNORES_ACRM {
            self.access_control_request_headers
        } else {
            None
        }
    }
}

/// An error OSS answers an OPTIONS request with (the server renders it as OSS error XML).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Forbidden {
    /// `AccessForbidden` (refused preflight) or `BadRequest` (Origin or ACRM missing).
    pub code: &'static str,
    /// The `<Message>` text (see [`choices`]).
    pub message: String,
}

/// What OSS answers, CORS-wise.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OssAnswer {
    /// The request is an OPTIONS request, answered by OSS itself (no operation runs).
    pub is_preflight: bool,
    /// `Some(200 | 403 | 400)` for OPTIONS; `None` for actual requests, whose operation decides.
    pub status: Option<u16>,
    /// 0-based index of the rule that answered, if any.
    pub matched_rule: Option<usize>,
    /// CORS headers and `Vary`, in the order to send them. Attach them to every response of
    /// an actual request, errors included ([`choices::CORS_HEADERS_ON_ERROR_RESPONSES`]).
    pub headers: Vec<(&'static str, String)>,
    /// The error body of a refused OPTIONS request.
    pub forbidden: Option<Forbidden>,
}

impl OssAnswer {
    /// The value of the first header called `name` (ASCII case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// How one rule fared against a request. Plain data; render it with [`RuleEvaluation::reasons`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleEvaluation {
    /// 0-based position of the rule.
    pub index: usize,
    /// Origin, method and every requested header match.
    pub matches: bool,
    /// This rule is the one that answers (the first full match).
    pub selected: bool,
    /// The Origin matches one of the rule's AllowedOrigin values.
    pub origin_ok: bool,
    /// 0-based index of the first AllowedOrigin that matched.
    pub matched_origin: Option<usize>,
    /// The method (ACRM on OPTIONS) is one of the rule's AllowedMethod values.
    pub method_ok: bool,
    /// Every requested header name matches an AllowedHeader.
    pub headers_ok: bool,
}

impl RuleEvaluation {
    /// 1-based rule number, as people count.
    pub fn number(&self) -> usize {
        self.index + 1
    }

    /// Why the rule did (not) answer, with the values compared. Empty for the answering rule.
    ///
    /// `config` and `req` must be the ones the evaluation was made with.
    pub fn reasons(&self, config: &CorsConfiguration, req: &IncomingRequest) -> Vec<String> {
        let mut out = Vec::new();
        let Some(rule) = config.rules.get(self.index) else {
            return out;
        };
        if self.matches {
            if !self.selected {
                let first = config
                    .rules
                    .iter()
                    .position(|r| rule_match(r, req).is_some())
                    .map_or(0, |i| i + 1);
                out.push(format!(
                    "matches too, but rule {first} comes first and answers (first match wins)"
                ));
            }
            return out;
        }
        if !self.origin_ok {
            out.push(match req.origin {
                None => "the request has no Origin header".to_owned(),
                Some(origin) => {
                    let mut s = format!(
                        "origin `{origin}` matches no AllowedOrigin {}",
                        list(&rule.allowed_origins)
                    );
                    if let Some(hint) = rule
                        .allowed_origins
                        .iter()
                        .find_map(|p| origin_near_miss(p, origin))
                    {
                        s.push_str(" (");
                        s.push_str(&hint);
                        s.push(')');
                    }
                    s
                }
            });
        }
        if !self.method_ok {
            out.push(match req.match_method() {
                None => "the preflight has no Access-Control-Request-Method".to_owned(),
                Some(m) => {
                    let what = if req.is_options() {
                        "requested method (Access-Control-Request-Method)"
                    } else {
                        "method"
                    };
                    let mut s = format!(
                        "{what} `{m}` is not in AllowedMethod {}",
                        list(&rule.allowed_methods)
                    );
                    if !OSS_METHODS.contains(&m) {
                        if OSS_METHODS.iter().any(|o| o.eq_ignore_ascii_case(m)) {
                            s.push_str(" (methods are case-sensitive)");
                        } else {
                            s.push_str(" (OSS only allows GET, PUT, POST, DELETE and HEAD)");
                        }
                    }
                    s
                }
            });
        }
        if !self.headers_ok {
            let missing = missing_headers(rule, req.match_headers().unwrap_or(""));
            let names = missing
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(if rule.allowed_headers.is_empty() {
                format!(
                    "requested header{} {names} but the rule has no AllowedHeader",
                    plural(missing.len())
                )
            } else {
                format!(
                    "requested header{} {names} match{} no AllowedHeader {}",
                    plural(missing.len()),
                    if missing.len() == 1 { "es" } else { "" },
                    list(&rule.allowed_headers)
                )
            });
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `[`a`, `b`]` rendering of a rule's list.
pub(crate) fn list(items: &[String]) -> String {
    let inner = items
        .iter()
        .map(|s| format!("`{s}`"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("[{inner}]")
}

/// The requested header names (as sent) that match none of the rule's AllowedHeader values.
pub fn missing_headers<'r>(rule: &CorsRule, acrh: &'r str) -> Vec<&'r str> {
    split_header_list(acrh)
        .filter(|name| !rule.allowed_headers.iter().any(|p| header_matches(p, name)))
        .collect()
}

/// Explains why an AllowedOrigin that looks meant for `origin` does not match it.
/// Allocates only when it finds something to say.
pub fn origin_near_miss(pattern: &str, origin: &str) -> Option<String> {
    if wildcard_match_ignore_case(pattern, origin) {
        return Some(format!(
            "`{pattern}` differs only in letter case; browsers send lower-case hosts and origins compare case-sensitively"
        ));
    }
    let trimmed = pattern.trim_end_matches('/');
    if trimmed.len() != pattern.len() && origin_matches(trimmed, origin) {
        return Some(format!(
            "`{pattern}` has a trailing `/`; browsers never send one"
        ));
    }
    for default_port in [":443", ":80"] {
        if let Some(stripped) = pattern.strip_suffix(default_port)
            && origin_matches(stripped, origin)
        {
            return Some(format!(
                "`{pattern}` names the default port; browsers omit it"
            ));
        }
    }
    match (pattern.split_once("://"), origin.split_once("://")) {
        (Some((ps, prest)), Some((os, orest))) if ps != os && origin_matches(prest, orest) => Some(
            format!("`{pattern}` has a different scheme (`{ps}` instead of `{os}`)"),
        ),
        (None, Some((_, host))) if origin_matches(pattern, host) => {
            Some(format!("`{pattern}` lacks the scheme (`https://`)"))
        }
        _ => None,
    }
}

/// Index of the first AllowedOrigin of `rule` matching `origin`.
#[inline]
fn origin_index(rule: &CorsRule, origin: &str) -> Option<usize> {
    rule.allowed_origins
        .iter()
        .position(|p| origin_matches(p, origin))
}

#[inline]
fn method_ok(rule: &CorsRule, method: &str) -> bool {
    if choices::UNKNOWN_ACRM_IS_NO_MATCH && !OSS_METHODS.contains(&method) {
        return false;
    }
    rule.allowed_methods.iter().any(|m| m == method)
}

#[inline]
fn headers_ok(rule: &CorsRule, acrh: Option<&str>) -> bool {
    match acrh {
        None => true,
        Some(list) => split_header_list(list)
            .all(|name| rule.allowed_headers.iter().any(|p| header_matches(p, name))),
    }
}

/// The matched AllowedOrigin index when `rule` fully matches `req`.
#[inline]
fn rule_match(rule: &CorsRule, req: &IncomingRequest) -> Option<usize> {
    let origin = req.origin?;
    let method = req.match_method()?;
    if !method_ok(rule, method) || !headers_ok(rule, req.match_headers()) {
        return None;
    }
    origin_index(rule, origin)
}

fn first_match(config: &CorsConfiguration, req: &IncomingRequest) -> Option<(usize, usize)> {
    config
        .rules
        .iter()
        .enumerate()
        .find_map(|(i, rule)| rule_match(rule, req).map(|o| (i, o)))
}

fn evaluate(rule: &CorsRule, index: usize, req: &IncomingRequest) -> RuleEvaluation {
    let matched_origin = req.origin.and_then(|o| origin_index(rule, o));
    let origin_ok = matched_origin.is_some();
    let method_ok = req.match_method().is_some_and(|m| method_ok(rule, m));
    let headers_ok = headers_ok(rule, req.match_headers());
    RuleEvaluation {
        index,
        matches: origin_ok && method_ok && headers_ok,
        selected: false,
        origin_ok,
        matched_origin,
        method_ok,
        headers_ok,
    }
}

/// What OSS answers to `req` (fast path, no explanations).
pub fn oss_answer(config: Option<&CorsConfiguration>, req: &IncomingRequest) -> OssAnswer {
    let matched = config.and_then(|c| {
        if req.is_options() && (req.origin.is_none() || req.access_control_request_method.is_none())
        {
            None
        } else {
            first_match(c, req)
        }
    });
    build_answer(config, req, matched)
}

/// What OSS answers to `req`, plus every rule's evaluation (in rule order).
pub fn explain(
    config: Option<&CorsConfiguration>,
    req: &IncomingRequest,
) -> (OssAnswer, Vec<RuleEvaluation>) {
    let mut evals: Vec<RuleEvaluation> = config
        .map(|c| {
            c.rules
                .iter()
                .enumerate()
                .map(|(i, r)| evaluate(r, i, req))
                .collect()
        })
        .unwrap_or_default();
    let malformed =
        req.is_options() && (req.origin.is_none() || req.access_control_request_method.is_none());
    let matched = if malformed {
        None
    } else {
        evals.iter_mut().find(|e| e.matches).map(|e| {
            e.selected = true;
            (e.index, e.matched_origin.unwrap_or(0))
        })
    };
    (build_answer(config, req, matched), evals)
}

fn build_answer(
    config: Option<&CorsConfiguration>,
    req: &IncomingRequest,
    matched: Option<(usize, usize)>,
) -> OssAnswer {
    let is_preflight = req.is_options();
    let mut headers = Vec::with_capacity(8);
    let mut status = None;
    let mut forbidden = None;
    let rule = matched.and_then(|(i, o)| config.map(|c| (&c.rules[i], o)));
    if is_preflight {
        let refusal = if req.origin.is_none() {
            Some((
                choices::OPTIONS_MALFORMED_STATUS,
                choices::OPTIONS_MALFORMED_CODE,
                choices::OPTIONS_MISSING_ORIGIN_MESSAGE,
            ))
        } else if req.access_control_request_method.is_none() {
            Some((
                choices::OPTIONS_MALFORMED_STATUS,
                choices::OPTIONS_MALFORMED_CODE,
                choices::OPTIONS_MISSING_METHOD_MESSAGE,
            ))
        } else if config.is_none_or(|c| c.rules.is_empty()) {
            Some((
                403,
                choices::PREFLIGHT_DENIED_CODE,
                choices::PREFLIGHT_NOT_ENABLED_MESSAGE,
            ))
        } else if rule.is_none() {
            Some((
                403,
                choices::PREFLIGHT_DENIED_CODE,
                choices::PREFLIGHT_NOT_ALLOWED_MESSAGE,
            ))
        } else {
            None
        };
        match refusal {
            Some((s, code, message)) => {
                status = Some(s);
                forbidden = Some(Forbidden {
                    code,
                    message: message.to_owned(),
                });
            }
            None => status = Some(200),
        }
    }
    if let (Some((rule, origin_idx)), Some(origin)) = (rule, req.origin) {
        cors_headers(rule, origin_idx, origin, req, &mut headers);
    }
    if config.is_some_and(CorsConfiguration::response_vary) {
        headers.push((names::VARY, "Origin".to_owned()));
    }
    OssAnswer {
        is_preflight,
        status,
        matched_rule: matched.map(|(i, _)| i),
        headers,
        forbidden,
    }
}

fn join_into(out: &mut String, items: impl Iterator<Item = impl AsRef<str>>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item.as_ref());
    }
}

/// `n` in decimal, without the formatting machinery.
fn decimal(mut n: u64) -> String {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    String::from_utf8_lossy(&buf[i..]).into_owned()
}

fn cors_headers(
    rule: &CorsRule,
    origin_idx: usize,
    origin: &str,
    req: &IncomingRequest,
    headers: &mut Vec<(&'static str, String)>,
) {
    let star = choices::STAR_RULE_ANSWERS_STAR
        && rule.allowed_origins.get(origin_idx).map(String::as_str) == Some("*");
    if star {
        headers.push((names::ALLOW_ORIGIN, "*".to_owned()));
    } else {
        headers.push((names::ALLOW_ORIGIN, origin.to_owned()));
        if choices::ALLOW_CREDENTIALS_WHEN_ECHOING {
            headers.push((names::ALLOW_CREDENTIALS, "true".to_owned()));
        }
    }
    let preflight = req.is_options();
    if preflight || choices::ACTUAL_RESPONSE_HAS_METHODS_AND_MAX_AGE {
        let methods = match choices::ALLOW_METHODS {
            AllowMethods::RuleList => {
                let mut s = String::with_capacity(rule.allowed_methods.len() * 6);
                join_into(&mut s, rule.allowed_methods.iter());
                s
            }
            AllowMethods::Requested => req.match_method().unwrap_or_default().to_owned(),
        };
        headers.push((names::ALLOW_METHODS, methods));
    }
    if preflight
        && let Some(acrh) = req.access_control_request_headers
        && split_header_list(acrh).next().is_some()
    {
        let mut s = String::with_capacity(acrh.len() + 8);
        for (i, name) in split_header_list(acrh).enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            if choices::ALLOW_HEADERS_LOWER_CASE {
                s.extend(name.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                s.push_str(name);
            }
        }
        headers.push((names::ALLOW_HEADERS, s));
    }
    if !rule.expose_headers.is_empty() {
        let mut s = String::new();
        join_into(&mut s, rule.expose_headers.iter());
        headers.push((names::EXPOSE_HEADERS, s));
    }
    if (preflight || choices::ACTUAL_RESPONSE_HAS_METHODS_AND_MAX_AGE)
        && let Some(age) = rule.max_age_seconds
        && (age > 0 || choices::SEND_MAX_AGE_ZERO)
    {
        headers.push((names::MAX_AGE, decimal(age)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(origins: &[&str], methods: &[&str], headers: &[&str]) -> CorsRule {
        CorsRule {
            allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
            allowed_methods: methods.iter().map(|s| s.to_string()).collect(),
            allowed_headers: headers.iter().map(|s| s.to_string()).collect(),
            expose_headers: vec![],
            max_age_seconds: None,
        }
    }

    fn cfg(rules: Vec<CorsRule>, vary: bool) -> CorsConfiguration {
        CorsConfiguration {
            rules,
            response_vary: Some(vary),
        }
    }

    fn preflight<'a>(origin: &'a str, m: &'a str, h: Option<&'a str>) -> IncomingRequest<'a> {
        IncomingRequest {
            method: "OPTIONS",
            origin: Some(origin),
            access_control_request_method: Some(m),
            access_control_request_headers: h,
        }
    }

    #[test]
    fn star_rule_answers_like_ali_oss_310() {
        let mut r = rule(&["*"], &["GET", "POST", "PUT", "DELETE", "HEAD"], &["*"]);
        r.expose_headers = vec!["ETag".into()];
        r.max_age_seconds = Some(300);
        let c = cfg(vec![r], false);
        let a = oss_answer(
            Some(&c),
            &preflight(
                "http://localhost:8080",
                "PUT",
                Some(
                    "authorization,content-md5,content-type,x-oss-date,x-oss-security-token,x-oss-user-agent",
                ),
            ),
        );
        assert_eq!(a.status, Some(200));
        assert_eq!(a.matched_rule, Some(0));
        assert_eq!(
            a.headers,
            vec![
                (names::ALLOW_ORIGIN, "*".to_owned()),
                (names::ALLOW_METHODS, "GET, POST, PUT, DELETE, HEAD".to_owned()),
                (
                    names::ALLOW_HEADERS,
                    "authorization, content-md5, content-type, x-oss-date, x-oss-security-token, x-oss-user-agent".to_owned()
                ),
                (names::EXPOSE_HEADERS, "ETag".to_owned()),
                (names::MAX_AGE, "300".to_owned()),
            ]
        );
    }

    #[test]
    fn echoed_origin_gets_credentials_and_lowercased_headers() {
        let c = cfg(
            vec![rule(
                &["https://*.example.com"],
                &["PUT"],
                &["x-oss-*", "Content-Type"],
            )],
            true,
        );
        let a = oss_answer(
            Some(&c),
            &preflight(
                "https://app.example.com",
                "PUT",
                Some("Content-Type, X-Oss-Meta-A"),
            ),
        );
        assert_eq!(
            a.header(names::ALLOW_ORIGIN),
            Some("https://app.example.com")
        );
        assert_eq!(a.header(names::ALLOW_CREDENTIALS), Some("true"));
        assert_eq!(
            a.header(names::ALLOW_HEADERS),
            Some("content-type, x-oss-meta-a")
        );
        assert_eq!(
            a.headers.last().unwrap(),
            &(names::VARY, "Origin".to_owned())
        );
    }

    #[test]
    fn first_full_match_wins_and_method_mismatch_falls_through() {
        let c = cfg(
            vec![
                rule(&["https://a.com"], &["GET"], &[]),
                rule(&["https://a.com"], &["PUT"], &[]),
            ],
            false,
        );
        let a = oss_answer(Some(&c), &preflight("https://a.com", "PUT", None));
        assert_eq!(a.matched_rule, Some(1));
        let (b, evals) = explain(Some(&c), &preflight("https://a.com", "PUT", None));
        assert_eq!(a, b);
        assert!(!evals[0].matches && evals[0].origin_ok && !evals[0].method_ok);
        assert!(evals[1].selected);
    }

    #[test]
    fn refusals_and_their_order() {
        let c = cfg(vec![rule(&["https://a.com"], &["GET"], &[])], true);
        let no_origin = IncomingRequest {
            method: "OPTIONS",
            access_control_request_method: Some("GET"),
            ..Default::default()
        };
        let a = oss_answer(None, &no_origin);
        assert_eq!(a.status, Some(400));
        assert_eq!(
            a.forbidden.unwrap().message,
            choices::OPTIONS_MISSING_ORIGIN_MESSAGE
        );
        let no_acrm = IncomingRequest {
            method: "OPTIONS",
            origin: Some("https://a.com"),
            ..Default::default()
        };
        let a = oss_answer(Some(&c), &no_acrm);
        assert_eq!(a.status, Some(400));
        assert_eq!(a.matched_rule, None);
        assert_eq!(a.headers, vec![(names::VARY, "Origin".to_owned())]);
        let a = oss_answer(None, &preflight("https://a.com", "GET", None));
        assert_eq!(a.status, Some(403));
        assert_eq!(
            a.forbidden.unwrap().message,
            choices::PREFLIGHT_NOT_ENABLED_MESSAGE
        );
        let a = oss_answer(Some(&c), &preflight("https://b.com", "GET", None));
        assert_eq!(a.status, Some(403));
        assert_eq!(a.forbidden.as_ref().unwrap().code, "AccessForbidden");
        assert_eq!(
            a.forbidden.unwrap().message,
            choices::PREFLIGHT_NOT_ALLOWED_MESSAGE
        );
        assert_eq!(a.headers, vec![(names::VARY, "Origin".to_owned())]);
    }

    #[test]
    fn actual_requests_ignore_headers_and_need_origin() {
        let mut r = rule(&["https://a.com"], &["GET"], &[]);
        r.expose_headers = vec!["ETag".into(), "x-oss-request-id".into()];
        r.max_age_seconds = Some(0);
        let c = cfg(vec![r], false);
        let get = IncomingRequest {
            method: "GET",
            origin: Some("https://a.com"),
            access_control_request_method: Some("PUT"),
            access_control_request_headers: Some("x-unknown"),
        };
        let a = oss_answer(Some(&c), &get);
        assert_eq!(a.status, None);
        assert!(!a.is_preflight);
        assert_eq!(a.matched_rule, Some(0));
        assert_eq!(a.header(names::ALLOW_HEADERS), None);
        assert_eq!(
            a.header(names::EXPOSE_HEADERS),
            Some("ETag, x-oss-request-id")
        );
        assert_eq!(a.header(names::MAX_AGE), Some("0"));
        let anon = IncomingRequest {
            method: "GET",
            ..Default::default()
        };
        assert!(oss_answer(Some(&c), &anon).headers.is_empty());
        let put = IncomingRequest {
            method: "PUT",
            origin: Some("https://a.com"),
            ..Default::default()
        };
        let a = oss_answer(Some(&c), &put);
        assert_eq!(a.matched_rule, None);
        assert!(a.headers.is_empty());
    }

    #[test]
    fn reasons_name_the_values_compared() {
        let c = cfg(
            vec![
                rule(&["https://App.example.com"], &["GET"], &[]),
                rule(&["https://app.example.com"], &["GET"], &["content-type"]),
                rule(&["*"], &["PUT"], &["*"]),
                rule(&["https://app.example.com"], &["PUT"], &["*"]),
            ],
            false,
        );
        let req = preflight(
            "https://app.example.com",
            "PUT",
            Some("content-type,x-oss-meta-author"),
        );
        let (a, evals) = explain(Some(&c), &req);
        assert_eq!(a.matched_rule, Some(2));
        let r0 = evals[0].reasons(&c, &req);
        assert!(r0[0].contains("origin `https://app.example.com` matches no AllowedOrigin [`https://App.example.com`]"), "{r0:?}");
        assert!(r0[0].contains("letter case"), "{r0:?}");
        assert!(
            r0[1].contains("`PUT` is not in AllowedMethod [`GET`]"),
            "{r0:?}"
        );
        assert!(
            r0[2].contains("but the rule has no AllowedHeader"),
            "{r0:?}"
        );
        let r1 = evals[1].reasons(&c, &req);
        assert!(
            r1[1].contains(
                "requested header `x-oss-meta-author` matches no AllowedHeader [`content-type`]"
            ),
            "{r1:?}"
        );
        assert!(evals[2].reasons(&c, &req).is_empty());
        assert!(evals[3].reasons(&c, &req)[0].contains("rule 3 comes first"));
    }

    #[test]
    fn decimal_renders_every_magnitude() {
        for n in [0, 7, 10, 600, 86_400, u64::MAX] {
            assert_eq!(decimal(n), n.to_string());
        }
    }

    #[test]
    fn near_misses() {
        let o = "https://app.example.com";
        assert!(
            origin_near_miss("https://app.example.com/", o)
                .unwrap()
                .contains("trailing")
        );
        assert!(
            origin_near_miss("https://app.example.com:443", o)
                .unwrap()
                .contains("default port")
        );
        assert!(
            origin_near_miss("http://app.example.com", o)
                .unwrap()
                .contains("scheme")
        );
        assert!(
            origin_near_miss("app.example.com", o)
                .unwrap()
                .contains("lacks the scheme")
        );
        assert!(origin_near_miss("https://other.example.com", o).is_none());
    }
}
