//! Explanations: why each rule did or did not answer, an AllowedOrigin that looks meant for
//! the request's origin (a near miss), and the fixes to suggest. Worked out from a
//! [`Simulation`]'s data when they are shown; they decide nothing.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

use super::behaviour::Model;
use super::matcher::{Pattern, list_items, origin_matches};
use super::server::{IncomingRequest, OSS_METHODS, RuleOutcome};
use super::simulate::{Simulation, Verdict};
use crate::rules::{CorsConfiguration, CorsRule};

/// Why a rule did not answer a request. `Display` gives the sentence with the values compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleReason<'a> {
    /// It matches too, but an earlier rule (its 1-based number) answers.
    Shadowed { first: usize },
    /// The request has no Origin.
    NoOrigin,
    /// The Origin matches none of the rule's AllowedOrigin values.
    Origin { origin: &'a str, rule: &'a CorsRule },
    /// The preflight has no ACRM.
    NoMethod,
    /// The method (the ACRM on OPTIONS, `preflight`) is not one of the rule's.
    Method {
        method: &'a str,
        preflight: bool,
        rule: &'a CorsRule,
    },
    /// Some requested header names (as requested) match no AllowedHeader.
    Headers {
        missing: Vec<&'a str>,
        rule: &'a CorsRule,
    },
}

/// Why rule `outcome` did not answer `req` (empty for the answering rule). `answering` is the
/// 1-based number of the rule that did; `model` holds the choices the outcome was made with.
pub fn rule_reasons<'a>(
    outcome: &RuleOutcome,
    rule: &'a CorsRule,
    req: &IncomingRequest<'a>,
    answering: Option<usize>,
    model: &Model,
) -> Vec<RuleReason<'a>> {
    let mut reasons = Vec::new();
    if outcome.matches() {
        if let Some(first) = answering.filter(|&n| n != outcome.number()) {
            reasons.push(RuleReason::Shadowed { first });
        }
        return reasons;
    }
    if outcome.origin.is_none() {
        reasons.push(match req.origin {
            None => RuleReason::NoOrigin,
            Some(origin) => RuleReason::Origin { origin, rule },
        });
    }
    if !outcome.method {
        reasons.push(match req.match_method(model) {
            None => RuleReason::NoMethod,
            Some(method) => RuleReason::Method {
                method,
                preflight: req.is_options(),
                rule,
            },
        });
    }
    if !outcome.headers {
        let list = req.match_headers(model).unwrap_or("");
        reasons.push(RuleReason::Headers {
            missing: missing_headers(rule, list, model),
            rule,
        });
    }
    reasons
}

/// The requested header names that match none of the rule's AllowedHeader values.
pub fn missing_headers<'r>(rule: &CorsRule, list: &'r str, model: &Model) -> Vec<&'r str> {
    let patterns: Vec<Pattern> = rule
        .allowed_headers
        .iter()
        .map(|h| Pattern::new(h))
        .collect();
    list_items(list)
        .filter(|name| !name.is_empty() && !patterns.iter().any(|p| p.matches_header(name, model)))
        .collect()
}

impl fmt::Display for RuleReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleReason::Shadowed { first } => write!(
                f,
                "matches too, but rule {first} comes first and answers (first match wins)"
            ),
            RuleReason::NoOrigin => f.write_str("the request has no Origin header"),
            RuleReason::Origin { origin, rule } => {
                write!(
                    f,
                    "origin `{origin}` matches no AllowedOrigin {}",
                    List(&rule.allowed_origins)
                )?;
                match rule
                    .allowed_origins
                    .iter()
                    .find_map(|p| near_miss(p, origin))
                {
                    Some(hint) => write!(f, " ({hint})"),
                    None => Ok(()),
                }
            }
            RuleReason::NoMethod => {
                f.write_str("the preflight has no Access-Control-Request-Method")
            }
            RuleReason::Method {
                method,
                preflight,
                rule,
            } => {
                let what = if *preflight {
                    "requested method (Access-Control-Request-Method)"
                } else {
                    "method"
                };
                write!(
                    f,
                    "{what} `{method}` is not in AllowedMethod {}",
                    List(&rule.allowed_methods)
                )?;
                if OSS_METHODS.contains(method) {
                    Ok(())
                } else if OSS_METHODS.iter().any(|o| o.eq_ignore_ascii_case(method)) {
                    f.write_str(" (methods are case-sensitive)")
                } else {
                    f.write_str(" (OSS only allows GET, PUT, POST, DELETE and HEAD)")
                }
            }
            RuleReason::Headers { missing, rule } => {
                let names: Vec<String> = missing.iter().map(|n| format!("`{n}`")).collect();
                let s = if missing.len() == 1 { "" } else { "s" };
                write!(f, "requested header{s} {}", names.join(", "))?;
                if rule.allowed_headers.is_empty() {
                    f.write_str(" but the rule has no AllowedHeader")
                } else {
                    let es = if missing.len() == 1 { "es" } else { "" };
                    write!(
                        f,
                        " match{es} no AllowedHeader {}",
                        List(&rule.allowed_headers)
                    )
                }
            }
        }
    }
}

impl Serialize for RuleReason<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A rule's list rendered as `[`a`, `b`]`.
struct List<'a>(&'a [String]);

impl fmt::Display for List<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let items: Vec<String> = self.0.iter().map(|i| format!("`{i}`")).collect();
        write!(f, "[{}]", items.join(", "))
    }
}

/// Why an AllowedOrigin that looks meant for an origin does not match it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NearMiss<'a> {
    /// Only letter case differs.
    LetterCase(&'a str),
    /// The pattern ends in `/`.
    TrailingSlash(&'a str),
    /// The pattern names the default port.
    DefaultPort(&'a str),
    /// The schemes differ: (pattern, its scheme, the origin's scheme).
    Scheme(&'a str, &'a str, &'a str),
    /// The pattern has no scheme.
    NoScheme(&'a str),
}

impl fmt::Display for NearMiss<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NearMiss::LetterCase(p) => write!(
                f,
                "`{p}` differs only in letter case; browsers send lower-case hosts and origins compare case-sensitively"
            ),
            NearMiss::TrailingSlash(p) => {
                write!(f, "`{p}` has a trailing `/`; browsers never send one")
            }
            NearMiss::DefaultPort(p) => {
                write!(f, "`{p}` names the default port; browsers omit it")
            }
            NearMiss::Scheme(p, ps, os) => {
                write!(f, "`{p}` has a different scheme (`{ps}` instead of `{os}`)")
            }
            NearMiss::NoScheme(p) => write!(f, "`{p}` lacks the scheme (`https://`)"),
        }
    }
}

/// Why the AllowedOrigin `pattern`, which looks meant for `origin`, does not match it.
pub fn near_miss<'a>(pattern: &'a str, origin: &'a str) -> Option<NearMiss<'a>> {
    if origin_matches(&ascii_lowercase(pattern), &ascii_lowercase(origin)) {
        return Some(NearMiss::LetterCase(pattern));
    }
    let trimmed = pattern.trim_end_matches('/');
    if trimmed.len() != pattern.len() && origin_matches(trimmed, origin) {
        return Some(NearMiss::TrailingSlash(pattern));
    }
    for default_port in [":443", ":80"] {
        if pattern
            .strip_suffix(default_port)
            .is_some_and(|stripped| origin_matches(stripped, origin))
        {
            return Some(NearMiss::DefaultPort(pattern));
        }
    }
    match (pattern.split_once("://"), origin.split_once("://")) {
        (Some((ps, prest)), Some((os, orest))) if ps != os && origin_matches(prest, orest) => {
            Some(NearMiss::Scheme(pattern, ps, os))
        }
        (None, Some((_, host))) if origin_matches(pattern, host) => {
            Some(NearMiss::NoScheme(pattern))
        }
        _ => None,
    }
}

/// `s` in ASCII lower case, copied only when it has an upper-case letter.
fn ascii_lowercase(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(s.to_ascii_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// A suggested fix (rule numbers are 1-based). `Display` gives the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suggestion<'a> {
    /// The bucket has no CORS rules.
    NoConfiguration { origin: &'a str, method: &'a str },
    /// An upload is allowed but the ETag is not readable.
    ExposeEtag { rule: usize },
    /// Credentials against a rule that answers `*`.
    StarWithCredentials { rule: usize, origin: &'a str },
    /// The preflight matched but the actual request, matched without its headers, did not.
    ActualMatchesNoRule {
        preflight_rule: usize,
        method: &'a str,
    },
    /// `fetch()` kept a method in lower case.
    MethodCase(&'a str),
    /// A method OSS never allows.
    MethodNeverAllowed(&'a str),
    /// An AllowedOrigin that looks meant for the origin.
    FixOrigin(usize, NearMiss<'a>),
    /// No rule allows the origin.
    AddOrigin(&'a str),
    /// Add the method to a rule.
    AddMethod { rule: usize, method: &'a str },
    /// Add a header name (as the page wrote it) to a rule.
    AddHeader { rule: usize, name: &'a str },
}

impl fmt::Display for Suggestion<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Suggestion::NoConfiguration { origin, method } => write!(
                f,
                "the bucket has no CORS configuration: add a rule allowing origin `{origin}` and method {method}"
            ),
            Suggestion::ExposeEtag { rule } => write!(
                f,
                "expose ETag in rule {rule} if the page reads it (multipart uploads do)"
            ),
            Suggestion::StarWithCredentials { rule, origin } => write!(
                f,
                "rule {rule} allows origin `*`, so OSS answers `Access-Control-Allow-Origin: *`, which browsers refuse with credentials: add a rule before it listing `{origin}` (or send the request without credentials)"
            ),
            Suggestion::ActualMatchesNoRule {
                preflight_rule,
                method,
            } => write!(
                f,
                "the preflight matched rule {preflight_rule} but the actual {method} request matched no rule: check the origins and methods of the rules"
            ),
            Suggestion::MethodCase(method) => write!(
                f,
                "fetch() does not upper-case `{method}`; write `{}` in the page",
                method.to_ascii_uppercase()
            ),
            Suggestion::MethodNeverAllowed(method) => write!(
                f,
                "OSS never allows method `{method}`: it only supports GET, PUT, POST, DELETE and HEAD"
            ),
            Suggestion::FixOrigin(rule, hint) => {
                write!(f, "in rule {rule}'s AllowedOrigin, {hint}")
            }
            Suggestion::AddOrigin(origin) => write!(
                f,
                "add `{origin}` to a rule's AllowedOrigin (no rule allows this origin)"
            ),
            Suggestion::AddMethod { rule, method } => {
                write!(f, "add {method} to rule {rule}'s AllowedMethod")
            }
            Suggestion::AddHeader { rule, name } => {
                let lower = name.to_ascii_lowercase();
                if lower.starts_with("x-oss-") {
                    write!(
                        f,
                        "add `{lower}` (or `x-oss-*`) to rule {rule}'s AllowedHeader"
                    )
                } else {
                    write!(f, "add `{lower}` to rule {rule}'s AllowedHeader")
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

/// The fixes to suggest when there is an obvious one.
pub fn suggestions<'a>(sim: &Simulation<'a>) -> Vec<Suggestion<'a>> {
    let req = sim.request;
    let (origin, method) = (req.origin.as_str(), req.method.as_str());
    let Some(config) = sim.config().filter(|c| !c.rules.is_empty()) else {
        if sim.verdict == Verdict::Allowed {
            return Vec::new();
        }
        return vec![Suggestion::NoConfiguration { origin, method }];
    };
    if sim.verdict == Verdict::Allowed {
        // An allowed upload whose page may need the ETag (multipart uploads read it).
        let n = sim.response.matched_rule.unwrap_or(0);
        let rule = config.rules.get(n.wrapping_sub(1));
        let etag_hidden = rule.is_some_and(|r| {
            !r.expose_headers
                .iter()
                .any(|h| h.eq_ignore_ascii_case("etag"))
        });
        if matches!(method, "PUT" | "POST") && etag_hidden {
            return vec![Suggestion::ExposeEtag { rule: n }];
        }
        return Vec::new();
    }
    let blocked_preflight = sim.verdict == Verdict::BlockedPreflight;
    let (leg_rule, failure) = if blocked_preflight {
        (sim.preflight.matched_rule, sim.preflight.failure.as_ref())
    } else {
        (sim.response.matched_rule, sim.response.failure.as_ref())
    };
    let Some(failure) = failure else {
        return Vec::new();
    };
    if failure.code.ends_with("WildcardOriginNotAllowed") {
        return leg_rule
            .map(|rule| Suggestion::StarWithCredentials { rule, origin })
            .into_iter()
            .collect();
    }
    if leg_rule.is_some() {
        // OSS answered but the browser still refused (credentials, a real server's headers).
        return Vec::new();
    }
    if !blocked_preflight && sim.preflight.needed {
        let preflight_rule = sim.preflight.matched_rule.unwrap_or(0);
        return vec![Suggestion::ActualMatchesNoRule {
            preflight_rule,
            method,
        }];
    }
    if !OSS_METHODS.contains(&method) {
        return vec![
            if OSS_METHODS.iter().any(|m| m.eq_ignore_ascii_case(method)) {
                Suggestion::MethodCase(method)
            } else {
                Suggestion::MethodNeverAllowed(method)
            },
        ];
    }
    let outcomes = sim.outcomes();
    if outcomes.iter().all(|o| o.origin.is_none()) {
        return vec![origin_fix(config, origin)];
    }
    // The origin-matching rule that fails the fewest other parts (the first of those).
    let failed_parts = |o: &&RuleOutcome| usize::from(!o.method) + usize::from(!o.headers);
    let Some(best) = outcomes
        .iter()
        .filter(|o| o.origin.is_some())
        .min_by_key(failed_parts)
    else {
        return Vec::new();
    };
    let rule = best.number();
    let mut out = Vec::new();
    if !best.method {
        out.push(Suggestion::AddMethod { rule, method });
    }
    if !best.headers {
        let list = sim.preflight.request_headers.as_deref().unwrap_or("");
        let model = Model::new(sim.choices);
        for missing in missing_headers(&config.rules[best.index], list, &model) {
            // The ACRH names are the page's names, lower-cased: name the page's spelling.
            if let Some((name, _)) = req
                .headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(missing))
            {
                out.push(Suggestion::AddHeader { rule, name });
            }
        }
    }
    out
}

/// The fix when no rule allows the origin: the first AllowedOrigin that looks meant for it,
/// or "add it".
fn origin_fix<'a>(config: &'a CorsConfiguration, origin: &'a str) -> Suggestion<'a> {
    config
        .rules
        .iter()
        .enumerate()
        .find_map(|(i, r)| {
            r.allowed_origins
                .iter()
                .find_map(|p| near_miss(p, origin))
                .map(|hint| Suggestion::FixOrigin(i + 1, hint))
        })
        .unwrap_or(Suggestion::AddOrigin(origin))
}
