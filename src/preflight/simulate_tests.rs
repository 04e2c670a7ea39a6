//! Whole simulations (browser → OSS → browser, twice): the JSON schema, verdicts,
//! suggestions, how each behaviour field can change a verdict, and the assumptions a verdict
//! rests on.

use super::assume::assumptions;
use super::behaviour::{
    AllowCredentials, AuthErrorCors, Behaviour, Choices, ErrorCors, Field, OriginCase, StarOrigin,
    UnknownAcrm, WildcardEmpty,
};
use super::browser::BrowserRequest;
use super::server::{CompiledRules, Outcome, names};
use super::simulate::{Simulation, Verdict, simulate};
use crate::rules::{CorsConfiguration, CorsRule};

fn rule(origins: &[&str], methods: &[&str], headers: &[&str]) -> CorsRule {
    CorsRule {
        allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
        allowed_methods: methods.iter().map(|s| s.to_string()).collect(),
        allowed_headers: headers.iter().map(|s| s.to_string()).collect(),
        expose_headers: vec![],
        max_age_seconds: None,
    }
}

fn config(rules: Vec<CorsRule>) -> CorsConfiguration {
    CorsConfiguration {
        rules,
        response_vary: None,
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

fn with(f: impl FnOnce(&mut Choices)) -> Choices {
    let mut c = Choices::default();
    f(&mut c);
    c
}

fn sim<'a>(rules: &'a CompiledRules, r: &'a BrowserRequest) -> Simulation<'a> {
    simulate(rules, r, Choices::default(), Outcome::Success)
}

fn header<'s>(
    headers: &'s [(&'static str, std::borrow::Cow<'_, str>)],
    name: &str,
) -> Option<&'s str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_ref())
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
    let rules = CompiledRules::from_config(Some(&c));
    let sim = sim(&rules, &r);
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
    assert_eq!(v["preflight"]["request_method"], "PUT");
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
    assert_eq!(v["preflight"]["error"]["code"], "AccessForbidden");
    assert!(
        v["preflight"]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("evalution of Origin")
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
    assert_eq!(v["request"]["path"], "/a.txt");
}

#[test]
fn simple_request_blocked_at_response_suggests_method() {
    let c = config(vec![rule(&["https://app.example.com"], &["GET"], &[])]);
    let r = req("HEAD", &[], false);
    let rules = CompiledRules::from_config(Some(&c));
    let sim = sim(&rules, &r);
    assert!(!sim.preflight.needed);
    assert_eq!(sim.preflight.status, None);
    assert_eq!(sim.preflight.passed, None);
    assert!(sim.response.sent);
    assert_eq!(sim.verdict, Verdict::BlockedResponse);
    assert_eq!(
        sim.response.failure.as_ref().unwrap().code,
        "MissingAllowOriginHeader"
    );
    let suggestions: Vec<String> = sim.suggestions().iter().map(ToString::to_string).collect();
    assert_eq!(suggestions, ["add HEAD to rule 1's AllowedMethod"]);
}

#[test]
fn credentials_against_star_rule() {
    let c = config(vec![rule(&["*"], &["GET", "PUT"], &["*"])]);
    let r = req("GET", &[], true);
    let rules = CompiledRules::from_config(Some(&c));
    let sim = sim(&rules, &r);
    assert_eq!(sim.verdict, Verdict::BlockedResponse);
    assert_eq!(
        sim.response.failure.as_ref().unwrap().code,
        "WildcardOriginNotAllowed"
    );
    assert!(
        sim.suggestions()[0]
            .to_string()
            .contains("rule 1 allows origin `*`")
    );
    // With a preflight, the preflight fails the same way.
    let r = req("PUT", &[], true);
    let sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
    assert_eq!(sim.verdict, Verdict::BlockedPreflight);
    assert_eq!(
        sim.preflight.failure.as_ref().unwrap().code,
        "PreflightWildcardOriginNotAllowed"
    );
}

#[test]
fn no_config() {
    let r = req("PUT", &[], false);
    let rules = CompiledRules::new(None);
    let sim = sim(&rules, &r);
    assert_eq!(sim.verdict, Verdict::BlockedPreflight);
    assert_eq!(sim.preflight.status, Some(403));
    let error = sim.preflight.error.as_ref().unwrap();
    assert_eq!(error.code, "AccessForbidden");
    assert_eq!(
        error.message,
        "CORSResponse: CORS is not enabled for this bucket."
    );
    assert!(sim.preflight.headers.is_empty());
    assert!(
        sim.suggestions()[0]
            .to_string()
            .contains("no CORS configuration")
    );
    assert!(sim.rule_reports().is_empty());
    assert_eq!(sim.config(), None);
    // A simple request reaches OSS and runs; the response is what is blocked.
    let r = req("GET", &[], false);
    let sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
    assert_eq!(sim.verdict, Verdict::BlockedResponse);
    assert!(sim.response.headers.is_empty());
}

/// An ali-oss upload from the page of ali-oss #310, against the rule that answered it.
#[test]
fn ali_oss_upload_against_a_star_rule() {
    let mut r = rule(&["*"], &["GET", "POST", "PUT", "DELETE", "HEAD"], &["*"]);
    r.expose_headers = vec!["ETag".into()];
    r.max_age_seconds = Some(300);
    let c = config(vec![r]);
    let page = BrowserRequest {
        origin: "http://localhost:8080".into(),
        method: "PUT".into(),
        headers: [
            ("authorization", "OSS a:b"),
            ("Content-MD5", "x"),
            ("content-type", "image/png"),
            ("x-oss-date", "d"),
            ("x-oss-security-token", "t"),
            ("x-oss-user-agent", "aliyun-sdk-js"),
        ]
        .iter()
        .map(|(n, v)| ((*n).into(), (*v).into()))
        .collect(),
        credentials: false,
        path: "/a.png".into(),
    };
    let rules = CompiledRules::from_config(Some(&c));
    let sim = sim(&rules, &page);
    assert_eq!(sim.verdict, Verdict::Allowed);
    assert_eq!(sim.matched_rule, Some(1));
    assert_eq!(
        sim.preflight.request_headers.as_deref(),
        Some(
            "authorization,content-md5,content-type,x-oss-date,x-oss-security-token,x-oss-user-agent"
        )
    );
    assert_eq!(
        sim.preflight.headers[..],
        [
            (names::ALLOW_ORIGIN, "*".into()),
            (names::ALLOW_METHODS, "GET, POST, PUT, DELETE, HEAD".into()),
            (
                names::ALLOW_HEADERS,
                "authorization, content-md5, content-type, x-oss-date, x-oss-security-token, x-oss-user-agent".into()
            ),
            (names::EXPOSE_HEADERS, "ETag".into()),
            (names::MAX_AGE, "300".into()),
        ]
    );
    assert!(sim.response.visible_headers.iter().any(|h| h == "etag"));
    assert!(sim.suggestions().is_empty());
    // The verdict rests on no assumption: `*` and the rule's method list were observed.
    assert!(assumptions(&rules, &sim, &Behaviour::default()).is_empty());
}

#[test]
fn an_upload_that_hides_the_etag_gets_a_suggestion() {
    let c = config(vec![rule(&["https://app.example.com"], &["PUT"], &["*"])]);
    let rules = CompiledRules::from_config(Some(&c));
    let r = req("PUT", &[("Content-Type", "image/png")], false);
    let sim = sim(&rules, &r);
    assert_eq!(sim.verdict, Verdict::Allowed);
    let s: Vec<String> = sim.suggestions().iter().map(ToString::to_string).collect();
    assert_eq!(
        s,
        ["expose ETag in rule 1 if the page reads it (multipart uploads do)"]
    );
}

/// The actual request is matched again, with its real method and without the header list,
/// so another rule (or none) can answer it.
#[test]
fn the_actual_request_is_matched_again_without_headers() {
    let c = config(vec![
        rule(&["https://app.example.com"], &["GET"], &[]),
        rule(&["https://app.example.com"], &["GET"], &["x-a"]),
    ]);
    let rules = CompiledRules::from_config(Some(&c));
    let r = req("GET", &[("X-A", "1")], false);
    let sim = sim(&rules, &r);
    assert_eq!(sim.verdict, Verdict::Allowed);
    assert_eq!(sim.preflight.matched_rule, Some(2));
    assert_eq!(sim.response.matched_rule, Some(1));
    assert_eq!(sim.matched_rule, Some(2));
    let reports = sim.rule_reports();
    assert_eq!(reports.len(), 2);
    assert!(!reports[0].matches && reports[1].matches);
    assert!(
        reports[0].reasons[0]
            .to_string()
            .contains("requested header `x-a` but the rule has no AllowedHeader")
    );

    // What script can read comes from the rule answering the actual request.
    let mut plain = rule(&["https://app.example.com"], &["PUT"], &[]);
    plain.expose_headers = vec!["x-oss-request-id".into()];
    let mut with_headers = rule(&["https://app.example.com"], &["PUT"], &["x-a"]);
    with_headers.expose_headers = vec!["ETag".into()];
    let c = config(vec![plain, with_headers]);
    let rules = CompiledRules::from_config(Some(&c));
    let r = req("PUT", &[("X-A", "1")], false);
    let sim = simulate(&rules, &r, Choices::default(), Outcome::Success);
    assert_eq!(sim.verdict, Verdict::Allowed);
    assert_eq!(
        (sim.preflight.matched_rule, sim.response.matched_rule),
        (Some(2), Some(1))
    );
    assert_eq!(
        header(&sim.preflight.headers, names::EXPOSE_HEADERS),
        Some("ETag")
    );
    assert!(!sim.response.visible_headers.iter().any(|h| h == "etag"));
    assert!(
        sim.response
            .visible_headers
            .iter()
            .any(|h| h == "x-oss-request-id")
    );
}

#[test]
fn refused_and_failed_operations() {
    let mut r = rule(&["https://app.example.com"], &["GET", "PUT"], &["*"]);
    r.expose_headers = vec!["x-oss-request-id".into()];
    let c = config(vec![r]);
    let rules = CompiledRules::from_config(Some(&c));
    let page = req("PUT", &[("Content-Type", "image/png")], false);
    // A signature or permission failure (403): no CORS headers, so the page cannot read it.
    let refused = simulate(&rules, &page, Choices::default(), Outcome::Refused);
    assert_eq!(refused.preflight.passed, Some(true));
    assert_eq!(refused.verdict, Verdict::BlockedResponse);
    assert!(refused.response.headers.is_empty());
    assert_eq!(refused.response.matched_rule, Some(1));
    assert_eq!(
        refused.response.failure.as_ref().unwrap().code,
        "MissingAllowOriginHeader"
    );
    // Other errors (404): the rule's headers, so the page reads the error.
    let error = simulate(&rules, &page, Choices::default(), Outcome::Error);
    assert_eq!(error.verdict, Verdict::Allowed);
    assert!(
        error
            .response
            .visible_headers
            .iter()
            .any(|h| h == "x-oss-request-id")
    );
}

#[test]
fn forbidden_headers_are_neither_sent_nor_preflighted() {
    let c = config(vec![rule(&["https://app.example.com"], &["GET"], &[])]);
    let rules = CompiledRules::from_config(Some(&c));
    let r = req("GET", &[("Cookie", "a=b"), ("Accept", "*/*")], false);
    let sim = sim(&rules, &r);
    assert!(!sim.preflight.needed);
    assert_eq!(sim.preflight.ignored_headers, ["cookie"]);
    assert_eq!(sim.sent_headers().collect::<Vec<_>>(), [("Accept", "*/*")]);
    assert_eq!(sim.verdict, Verdict::Allowed);
}

// ---------------------------------------------------------------------------------------
// Behaviour fields that can change a verdict.

#[test]
fn allow_credentials_decides_credentialed_requests() {
    let c = config(vec![rule(
        &["https://app.example.com"],
        &["GET", "PUT"],
        &[],
    )]);
    let rules = CompiledRules::from_config(Some(&c));
    let never = with(|c| c.allow_credentials = AllowCredentials::Never);
    let put = req("PUT", &[], true);
    let base = simulate(&rules, &put, Choices::default(), Outcome::Success);
    assert_eq!(base.verdict, Verdict::Allowed);
    assert!(base.consulted.contains(&Field::AllowCredentials));
    let alt = simulate(&rules, &put, never, Outcome::Success);
    assert_eq!(alt.verdict, Verdict::BlockedPreflight);
    assert_eq!(
        alt.preflight.failure.as_ref().unwrap().code,
        "PreflightInvalidAllowCredentials"
    );
    let get = req("GET", &[], true);
    let alt = simulate(&rules, &get, never, Outcome::Success);
    assert_eq!(alt.verdict, Verdict::BlockedResponse);
    assert_eq!(
        alt.response.failure.as_ref().unwrap().code,
        "InvalidAllowCredentials"
    );
    // Without credentials the header is not read by the browser.
    let plain = req("PUT", &[], false);
    assert_eq!(
        simulate(&rules, &plain, never, Outcome::Success).verdict,
        Verdict::Allowed
    );
}

#[test]
fn star_origin_decides_credentialed_requests_to_a_star_rule() {
    let c = config(vec![rule(&["*"], &["GET"], &[])]);
    let rules = CompiledRules::from_config(Some(&c));
    let r = req("GET", &[], true);
    let base = simulate(&rules, &r, Choices::default(), Outcome::Success);
    assert_eq!(base.verdict, Verdict::BlockedResponse);
    assert!(base.consulted.contains(&Field::StarOrigin));
    let echo = simulate(
        &rules,
        &r,
        with(|c| c.star_origin = StarOrigin::Echo),
        Outcome::Success,
    );
    assert_eq!(echo.verdict, Verdict::Allowed);
    assert_eq!(
        header(&echo.response.headers, names::ALLOW_ORIGIN),
        Some("https://app.example.com")
    );
}

#[test]
fn origin_case_and_wildcard_empty_decide_matching() {
    let r = req("GET", &[], false);
    let c = config(vec![rule(&["https://App.example.com"], &["GET"], &[])]);
    let rules = CompiledRules::from_config(Some(&c));
    let base = sim(&rules, &r);
    assert_eq!(base.verdict, Verdict::BlockedResponse);
    assert!(base.consulted.contains(&Field::OriginCase));
    let loose = with(|c| c.origin_case = OriginCase::Insensitive);
    assert_eq!(
        simulate(&rules, &r, loose, Outcome::Success).verdict,
        Verdict::Allowed
    );
    let c = config(vec![rule(&["https://*app.example.com"], &["GET"], &[])]);
    let rules = CompiledRules::from_config(Some(&c));
    let base = sim(&rules, &r);
    assert_eq!(base.verdict, Verdict::Allowed);
    assert!(base.consulted.contains(&Field::WildcardEmpty));
    let strict = with(|c| c.wildcard_empty = WildcardEmpty::NoMatch);
    assert_eq!(
        simulate(&rules, &r, strict, Outcome::Success).verdict,
        Verdict::BlockedResponse
    );
}

#[test]
fn failure_cors_fields_decide_whether_the_page_reads_errors() {
    let c = config(vec![rule(&["https://app.example.com"], &["GET"], &[])]);
    let rules = CompiledRules::from_config(Some(&c));
    let r = req("GET", &[], false);
    let refused = simulate(&rules, &r, Choices::default(), Outcome::Refused);
    assert_eq!(refused.verdict, Verdict::BlockedResponse);
    assert!(refused.consulted.contains(&Field::AuthErrorCors));
    let alt = with(|c| c.auth_error_cors = AuthErrorCors::RuleHeaders);
    assert_eq!(
        simulate(&rules, &r, alt, Outcome::Refused).verdict,
        Verdict::Allowed
    );
    let error = simulate(&rules, &r, Choices::default(), Outcome::Error);
    assert_eq!(error.verdict, Verdict::Allowed);
    assert!(error.consulted.contains(&Field::ErrorCors));
    let alt = with(|c| c.error_cors = ErrorCors::None);
    assert_eq!(
        simulate(&rules, &r, alt, Outcome::Error).verdict,
        Verdict::BlockedResponse
    );
    let ok = sim(&rules, &r);
    assert!(!ok.consulted.contains(&Field::AuthErrorCors));
    assert!(!ok.consulted.contains(&Field::ErrorCors));
}

/// A browser always sends Origin and ACRM, lower-cases ACRH and sends no ACRM on actual
/// requests: the fields about other requests are never read in a simulation.
#[test]
fn fields_a_browser_never_triggers_are_never_consulted() {
    let c = config(vec![
        rule(&["https://app.example.com"], &["GET", "PUT"], &["*"]),
        rule(&["*"], &["DELETE"], &["x-*"]),
    ]);
    let rules = CompiledRules::from_config(Some(&c));
    let pages = [
        req("GET", &[], false),
        req(
            "PUT",
            &[("X-Oss-Meta-A", "1"), ("Content-Type", "a/b")],
            true,
        ),
        req("DELETE", &[("X-B", "1")], false),
        req("patch", &[], false),
        req("POST", &[("Authorization", "x")], false),
    ];
    for page in &pages {
        for outcome in [Outcome::Success, Outcome::Refused, Outcome::Error] {
            let s = simulate(&rules, page, Choices::default(), outcome);
            for f in [
                Field::AllowHeaders,
                Field::ActualAcrm,
                Field::MalformedOptions,
                Field::EmptyAcrhItems,
            ] {
                assert!(
                    !s.consulted.contains(&f),
                    "{} consulted for {} {outcome:?}",
                    f.name(),
                    page.method
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Assumptions.

#[test]
fn credentialed_echo_rests_on_allow_credentials() {
    let c = config(vec![rule(&["https://app.example.com"], &["PUT"], &["*"])]);
    let rules = CompiledRules::from_config(Some(&c));
    let behaviour = Behaviour::default();
    let r = req("PUT", &[("Content-Type", "image/png")], true);
    let s = simulate(&rules, &r, behaviour.choices, Outcome::Success);
    assert_eq!(s.verdict, Verdict::Allowed);
    let found = assumptions(&rules, &s, &behaviour);
    assert!(!found.is_empty());
    let first = &found[0];
    assert_eq!(first.name, Field::AllowCredentials);
    assert_eq!(first.assumed, "true");
    assert_eq!(first.alternative, "false");
    assert_eq!(first.verdict_if_alternative, Verdict::BlockedPreflight);
    assert!(
        first
            .reason
            .starts_with("the browser blocks the preflight: "),
        "{}",
        first.reason
    );
    assert!(first.reason.contains("Access-Control-Allow-Credentials"));
    assert_eq!(found.len(), 1, "{found:?}");
    let json = serde_json::to_value(first).unwrap();
    assert_eq!(json["name"], "allow-credentials");
    assert_eq!(json["verdict_if_alternative"], "blocked_preflight");

    // Without credentials the browser ignores Allow-Credentials: nothing rests on it.
    let r = req("PUT", &[("Content-Type", "image/png")], false);
    let s = simulate(&rules, &r, behaviour.choices, Outcome::Success);
    assert_eq!(s.verdict, Verdict::Allowed);
    let found = assumptions(&rules, &s, &behaviour);
    assert!(
        !found.iter().any(|a| a.name == Field::AllowCredentials),
        "{found:?}"
    );

    // Once the value is documented or observed, it is no longer an assumption.
    let mut observed = Behaviour::default();
    observed
        .set(
            Field::AllowCredentials,
            "true",
            super::behaviour::Status::Observed,
            "a probe",
        )
        .unwrap();
    let r = req("PUT", &[("Content-Type", "image/png")], true);
    let s = simulate(&rules, &r, observed.choices, Outcome::Success);
    assert!(assumptions(&rules, &s, &observed).is_empty());
}

#[test]
fn an_assumption_that_changes_only_the_status_says_so() {
    let c = config(vec![rule(&["https://app.example.com"], &["GET"], &[])]);
    let rules = CompiledRules::from_config(Some(&c));
    let behaviour = Behaviour::default();
    let r = req("patch", &[], false);
    let s = simulate(&rules, &r, behaviour.choices, Outcome::Success);
    assert_eq!(s.verdict, Verdict::BlockedPreflight);
    assert_eq!(s.preflight.status, Some(403));
    let found = assumptions(&rules, &s, &behaviour);
    let a = found
        .iter()
        .find(|a| a.name == Field::UnknownAcrm)
        .expect("unknown-acrm decides the status");
    assert_eq!(a.alternative, UnknownAcrm::BadRequest.name());
    assert_eq!(a.verdict_if_alternative, Verdict::BlockedPreflight);
    assert_eq!(
        a.reason,
        "OSS answers the preflight with 400 instead of 403 (the verdict stays the same)"
    );
}
