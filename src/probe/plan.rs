//! Which requests decide which behaviour field, given a rule set.
//!
//! Candidate requests are drawn from the rules (an origin each rule allows, its upper-cased
//! variant, the empty match of a `*`, a mixed-case allowed header, `a,,b`, ACRM `PATCH`,
//! OPTIONS without Origin or ACRM, a GET of the object, of a missing key, with a wrong
//! signature, ...). A candidate decides a field when the server model, run under the field's
//! alternatives, predicts answers that differ; the plan keeps the first candidate that
//! decides each field.

use serde::Serialize;

use crate::preflight::{CompiledRules, Field, IncomingRequest, OSS_METHODS, Outcome};
use crate::rules::{CorsConfiguration, CorsRule};

use super::table::Table;

/// Which object a request addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Object {
    /// The object given (`oss://BUCKET/KEY`), or the bucket itself.
    Given,
    /// A key that does not exist (`ossctl-probe-missing-...`): its GET fails with 404.
    Missing,
}

/// How a request is signed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signing {
    /// Unsigned, as a browser sends a preflight.
    Unsigned,
    /// Signed with the configured credentials (unsigned when there are none).
    Signed,
    /// Signed, then the signature altered: OSS refuses it (403).
    WrongSignature,
}

/// One request the probe sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    /// Why it is sent, for people.
    pub purpose: String,
    /// `OPTIONS` or `GET`.
    pub method: &'static str,
    /// `Origin`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
    /// `Access-Control-Request-Method`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acrm: Option<String>,
    /// `Access-Control-Request-Headers`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acrh: Option<String>,
    /// The object addressed.
    pub object: Object,
    /// How it is signed.
    pub signing: Signing,
}

impl Probe {
    fn options(
        purpose: String,
        origin: Option<&str>,
        acrm: Option<&str>,
        acrh: Option<&str>,
    ) -> Probe {
        Probe {
            purpose,
            method: "OPTIONS",
            origin: origin.map(str::to_string),
            acrm: acrm.map(str::to_string),
            acrh: acrh.map(str::to_string),
            object: Object::Given,
            signing: Signing::Unsigned,
        }
    }

    fn get(purpose: String, origin: &str, object: Object, signing: Signing) -> Probe {
        Probe {
            purpose,
            method: "GET",
            origin: Some(origin.to_string()),
            acrm: None,
            acrh: None,
            object,
            signing,
        }
    }

    /// How an actual request is expected to end (the real status decides in the end).
    pub fn expected_outcome(&self) -> Outcome {
        match (self.signing, self.object) {
            (Signing::WrongSignature, _) => Outcome::Refused,
            (_, Object::Missing) => Outcome::Error,
            _ => Outcome::Success,
        }
    }

    /// The request as the server model sees it.
    pub fn incoming(&self, outcome: Outcome) -> IncomingRequest<'_> {
        IncomingRequest {
            method: self.method,
            origin: self.origin.as_deref(),
            access_control_request_method: self.acrm.as_deref(),
            access_control_request_headers: self.acrh.as_deref(),
            outcome,
        }
    }

    /// The CORS request headers it carries, as sent.
    pub fn headers(&self) -> Vec<(&'static str, &str)> {
        let mut h = Vec::new();
        if let Some(o) = &self.origin {
            h.push(("Origin", o.as_str()));
        }
        if let Some(m) = &self.acrm {
            h.push(("Access-Control-Request-Method", m.as_str()));
        }
        if let Some(l) = &self.acrh {
            h.push(("Access-Control-Request-Headers", l.as_str()));
        }
        h
    }
}

/// A field the rules cannot decide, and the rule that would.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Undecidable {
    /// The field's name.
    pub field: &'static str,
    /// What rule would decide it.
    pub needs: &'static str,
}

/// The requests that decide what these rules can decide.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    /// The requests, in the order to send them.
    pub probes: Vec<Probe>,
    /// The fields no request can decide with these rules.
    pub undecided: Vec<Undecidable>,
}

/// The rule (or request) that decides `field`, for "undecided with these rules".
pub fn needs(field: Field) -> &'static str {
    match field {
        Field::AllowCredentials => "a rule with a specific AllowedOrigin (not `*`)",
        Field::StarOrigin => "a rule whose AllowedOrigin is exactly `*`",
        Field::AllowMethods => "a rule with two or more AllowedMethod values",
        Field::AllowHeaders => {
            "a rule with an AllowedHeader that letters can match (a mixed-case request header is sent)"
        }
        Field::MaxAgeZero => "a rule with MaxAgeSeconds 0",
        Field::WildcardEmpty => {
            "an AllowedOrigin or AllowedHeader with a `*` beside other characters (`https://*.example.com`), whose empty match no other rule answers the same way"
        }
        Field::OriginCase => {
            "a rule whose specific AllowedOrigin has letters, and no later rule answering the upper-cased origin the same way"
        }
        Field::ActualHeaders => {
            "a rule allowing GET, and a GET of an existing object that succeeds (give oss://BUCKET/KEY)"
        }
        Field::ActualAcrm => {
            "a rule allowing GET but not every method, and a GET of an existing object that succeeds (give oss://BUCKET/KEY)"
        }
        Field::ErrorCors => "a rule allowing GET (a GET of a missing key is sent)",
        Field::AuthErrorCors => "a rule allowing GET (a GET with a wrong signature is sent)",
        Field::MalformedOptions => "a CORS configuration on the bucket",
        Field::UnknownAcrm => "a CORS configuration on the bucket",
        Field::EmptyAcrhItems => "a rule with an AllowedHeader",
        Field::NotAllowedText => "a CORS configuration with a request no rule matches",
    }
}

/// A concrete value `pattern` matches, its `*`s filled with `fill`.
fn instance(pattern: &str, fill: &str) -> String {
    pattern.replace('*', fill)
}

/// An origin the pattern allows: `*` alone becomes a made-up origin.
fn origin_for(pattern: &str) -> String {
    if pattern == "*" {
        "https://any-origin.ossctl-probe.example".to_string()
    } else {
        instance(pattern, "ossctl-probe")
    }
}

/// `origin` with the letters of its host in upper case (scheme kept: browsers send it
/// lower case).
fn upper_host(origin: &str) -> String {
    match origin.split_once("://") {
        Some((scheme, rest)) => format!("{scheme}://{}", rest.to_ascii_uppercase()),
        None => origin.to_ascii_uppercase(),
    }
}

/// `name` with the first letter of each `-`-separated part upper case.
fn mixed_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut c = part.chars();
            match c.next() {
                Some(first) => first.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join("-")
}

/// Every request worth trying for these rules, best first.
fn candidates(config: Option<&CorsConfiguration>) -> Vec<Probe> {
    let mut out = Vec::new();
    let rules: &[CorsRule] = config.map_or(&[], |c| &c.rules);
    for (i, rule) in rules.iter().enumerate() {
        let n = i + 1;
        let method = rule.allowed_methods.first().map_or("GET", String::as_str);
        // A specific origin first: it is echoed, so it tells most.
        let mut origins: Vec<&String> = rule.allowed_origins.iter().collect();
        origins.sort_by_key(|o| (o.as_str() == "*", o.contains('*')));
        let header = rule
            .allowed_headers
            .iter()
            .map(|h| instance(h, "ossctl-probe"))
            .find(|h| h.bytes().any(|b| b.is_ascii_alphabetic()));
        for pattern in &origins {
            let origin = origin_for(pattern);
            let what = format!("rule {n}'s AllowedOrigin `{pattern}`");
            out.push(Probe::options(
                format!("a preflight from {what}"),
                Some(&origin),
                Some(method),
                None,
            ));
            out.push(Probe::options(
                format!("an upper-cased variant of {what}"),
                Some(&upper_host(&origin)),
                Some(method),
                None,
            ));
            if pattern.contains('*') && pattern.as_str() != "*" {
                out.push(Probe::options(
                    format!("the `*` of {what} matching nothing"),
                    Some(&instance(pattern, "")),
                    Some(method),
                    None,
                ));
            }
            if let Some(h) = &header {
                out.push(Probe::options(
                    format!("a mixed-case header rule {n} allows, from {what}"),
                    Some(&origin),
                    Some(method),
                    Some(&mixed_case(h)),
                ));
                out.push(Probe::options(
                    format!(
                        "an empty item in Access-Control-Request-Headers (`a,,b`), from {what}"
                    ),
                    Some(&origin),
                    Some(method),
                    Some(&format!("{h},,{h}")),
                ));
            }
            for h in rule
                .allowed_headers
                .iter()
                .filter(|h| h.contains('*') && h.as_str() != "*")
            {
                out.push(Probe::options(
                    format!("the `*` of rule {n}'s AllowedHeader `{h}` matching nothing"),
                    Some(&origin),
                    Some(method),
                    Some(&instance(h, "")),
                ));
            }
            out.push(Probe::options(
                format!("ACRM PATCH (not one of OSS's five methods), from {what}"),
                Some(&origin),
                Some("PATCH"),
                None,
            ));
            out.push(Probe::options(
                format!("a preflight without Access-Control-Request-Method, from {what}"),
                Some(&origin),
                None,
                None,
            ));
            out.push(Probe::get(
                format!("a signed GET from {what}"),
                &origin,
                Object::Given,
                Signing::Signed,
            ));
            let other = OSS_METHODS
                .iter()
                .copied()
                .find(|m| !rule.allowed_methods.iter().any(|a| a == m));
            let acrm = match (rule.allowed_methods.iter().any(|m| m == "GET"), other) {
                (true, Some(m)) => Some(m),
                (false, _) => Some(method),
                (true, None) => None,
            };
            if let Some(m) = acrm {
                let mut p = Probe::get(
                    format!("a signed GET carrying Access-Control-Request-Method {m}, from {what}"),
                    &origin,
                    Object::Given,
                    Signing::Signed,
                );
                p.acrm = Some(m.to_string());
                out.push(p);
            }
            out.push(Probe::get(
                format!("a signed GET of a missing key, from {what}"),
                &origin,
                Object::Missing,
                Signing::Signed,
            ));
            out.push(Probe::get(
                format!("a GET with a wrong signature, from {what}"),
                &origin,
                Object::Given,
                Signing::WrongSignature,
            ));
        }
    }
    out.push(Probe::options(
        "a preflight without Origin".into(),
        None,
        Some("GET"),
        None,
    ));
    for m in OSS_METHODS {
        out.push(Probe::options(
            format!("a preflight from an origin no rule names, ACRM {m}"),
            Some("https://no-rule.ossctl-probe.invalid"),
            Some(m),
            None,
        ));
    }
    out
}

/// The requests that decide each field these rules can decide, and the fields they cannot.
pub fn plan(config: Option<&CorsConfiguration>) -> Plan {
    let rules = CompiledRules::from_config(config);
    let tables: Vec<(Probe, Table)> = candidates(config)
        .into_iter()
        .map(|p| {
            let t = Table::new(&rules, &p, p.expected_outcome());
            (p, t)
        })
        .collect();
    let mut probes: Vec<Probe> = Vec::new();
    let mut undecided = Vec::new();
    for &field in Field::ALL {
        // One request that shows the field whatever the others are; failing that, every
        // request that shows it under some of their values.
        let chosen: Vec<&Probe> = match tables.iter().find(|(_, t)| t.always_tells(field)) {
            Some((p, _)) => vec![p],
            None => tables
                .iter()
                .filter(|(_, t)| t.tells(field))
                .map(|(p, _)| p)
                .collect(),
        };
        let mut chosen = chosen;
        if field == Field::MalformedOptions {
            // The field covers two requests, one without Origin and one without ACRM: send
            // both, so an endpoint that answers them differently shows it.
            for (p, t) in &tables {
                let shape = |p: &Probe| (p.origin.is_some(), p.acrm.is_some());
                if p.method == "OPTIONS"
                    && t.always_tells(field)
                    && !chosen.iter().any(|c| shape(c) == shape(p))
                {
                    chosen.push(p);
                }
            }
        }
        if chosen.is_empty() {
            undecided.push(Undecidable {
                field: field.name(),
                needs: needs(field),
            });
        }
        for p in chosen {
            if !probes.contains(p) {
                probes.push(p.clone());
            }
        }
    }
    Plan { probes, undecided }
}

/// The configuration `--scratch` writes: built so that [`plan`] decides every field.
///
/// Rule 1 names a specific origin and a wildcard one, three methods, two specific headers and
/// a wildcard one, an exposed header and MaxAgeSeconds 0; rule 2 allows any origin (`*`) for
/// GET and HEAD only, so the star-origin answer can be seen and a DELETE preflight from an
/// unknown origin is still refused.
pub fn scratch_configuration() -> CorsConfiguration {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    CorsConfiguration {
        rules: vec![
            CorsRule {
                allowed_origins: s(&[
                    "https://probe.ossctl.example",
                    "https://*wild.ossctl.example",
                ]),
                allowed_methods: s(&["PUT", "GET", "POST"]),
                allowed_headers: s(&["x-ossctl-probe", "x-ossctl-wild-*"]),
                expose_headers: s(&["x-oss-request-id"]),
                max_age_seconds: Some(0),
            },
            CorsRule {
                allowed_origins: s(&["*"]),
                allowed_methods: s(&["GET", "HEAD"]),
                allowed_headers: Vec::new(),
                expose_headers: Vec::new(),
                max_age_seconds: Some(60),
            },
        ],
        response_vary: None,
    }
}
