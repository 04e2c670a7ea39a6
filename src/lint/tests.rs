//! One positive and one negative case (at least) for every lint id.

use super::*;

fn rule(origins: &[&str], methods: &[&str]) -> CorsRule {
    CorsRule {
        allowed_origins: origins.iter().map(|s| s.to_string()).collect(),
        allowed_methods: methods.iter().map(|s| s.to_string()).collect(),
        ..CorsRule::default()
    }
}

fn with_headers(mut r: CorsRule, headers: &[&str]) -> CorsRule {
    r.allowed_headers = headers.iter().map(|s| s.to_string()).collect();
    r
}

fn config(rules: Vec<CorsRule>) -> CorsConfiguration {
    CorsConfiguration {
        rules,
        response_vary: Some(true),
    }
}

fn ids(c: &CorsConfiguration) -> Vec<(Option<usize>, LintId)> {
    lint(c).into_iter().map(|f| (f.rule, f.id)).collect()
}

fn only(c: &CorsConfiguration, id: LintId) -> Vec<Finding> {
    lint(c).into_iter().filter(|f| f.id == id).collect()
}

/// A GET-only, single-origin configuration with ResponseVary: nothing to say.
#[test]
fn clean_configuration_has_no_findings() {
    let c = config(vec![rule(&["https://app.example.com"], &["GET", "HEAD"])]);
    assert_eq!(ids(&c), []);
}

#[test]
fn dead_origin() {
    let c = config(vec![rule(
        &["https://App.example.com/", "https://ok.example.com"],
        &["GET"],
    )]);
    let f = only(&c, LintId::DeadOrigin);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, Some(1));
    assert_eq!(f[0].field, Some("AllowedOrigin"));
    assert_eq!(f[0].value.as_deref(), Some("https://App.example.com/"));
    assert!(
        f[0].message.contains("upper-case host, trailing slash"),
        "{}",
        f[0].message
    );
    assert!(
        f[0].fix.contains("\"https://app.example.com\""),
        "{}",
        f[0].fix
    );
    let c = config(vec![rule(&["https://app.example.com:8443"], &["GET"])]);
    assert!(only(&c, LintId::DeadOrigin).is_empty());
}

#[test]
fn shadowed_rule_names_the_earlier_rule() {
    let c = config(vec![
        with_headers(rule(&["https://*.example.com"], &["GET", "PUT"]), &["*"]),
        with_headers(
            rule(&["https://app.example.com"], &["PUT"]),
            &["content-type"],
        ),
    ]);
    let f = only(&c, LintId::ShadowedRule);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, Some(2));
    assert_eq!(f[0].related_rules, [1]);
    assert!(
        f[0].message.contains("matched first by rule 1"),
        "{}",
        f[0].message
    );
    assert!(f[0].fix.contains("delete rule 2"));
}

#[test]
fn shadowing_by_several_rules() {
    let c = config(vec![
        rule(&["https://a.com"], &["GET"]),
        rule(&["https://a.com"], &["PUT"]),
        rule(&["https://a.com"], &["GET", "PUT"]),
    ]);
    let f = only(&c, LintId::ShadowedRule);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].related_rules, [1, 2]);
    assert!(f[0].message.contains("rules 1 and 2"));
}

#[test]
fn not_shadowed_when_any_request_gets_through() {
    // Later rule allows a method the earlier one lacks.
    let c = config(vec![
        rule(&["*"], &["GET"]),
        rule(&["https://a.com"], &["GET", "DELETE"]),
    ]);
    assert!(only(&c, LintId::ShadowedRule).is_empty());
    // Later rule allows a header the earlier one lacks (its preflights reach it).
    let c = config(vec![
        rule(&["*"], &["GET"]),
        with_headers(rule(&["https://a.com"], &["GET"]), &["x-custom"]),
    ]);
    assert!(only(&c, LintId::ShadowedRule).is_empty());
    // Wider origin pattern later.
    let c = config(vec![
        rule(&["https://*.a.com"], &["GET"]),
        rule(&["https://*.com"], &["GET"]),
    ]);
    assert!(only(&c, LintId::ShadowedRule).is_empty());
    // Earlier header pattern narrower than the later one.
    let c = config(vec![
        with_headers(rule(&["*"], &["PUT"]), &["x-oss-meta-*"]),
        with_headers(rule(&["*"], &["PUT"]), &["x-oss-*"]),
    ]);
    assert!(only(&c, LintId::ShadowedRule).is_empty());
}

#[test]
fn header_wildcards_shadow() {
    let c = config(vec![
        with_headers(rule(&["*"], &["PUT"]), &["X-OSS-*", "content-type"]),
        with_headers(
            rule(&["https://a.com"], &["PUT"]),
            &["x-oss-meta-*", "Content-Type"],
        ),
    ]);
    assert_eq!(only(&c, LintId::ShadowedRule).len(), 1);
}

#[test]
fn wildcard_suffix_takeover() {
    let c = config(vec![rule(&["https://*example.com"], &["GET"])]);
    let f = only(&c, LintId::WildcardSuffixTakeover);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.contains("\"https://evil-example.com\""),
        "{}",
        f[0].message
    );
    let c = config(vec![rule(&["https://*.example.com"], &["GET"])]);
    assert!(only(&c, LintId::WildcardSuffixTakeover).is_empty());
}

#[test]
fn wildcard_prefix_takeover() {
    let c = config(vec![rule(&["https://example.com*"], &["GET"])]);
    let f = only(&c, LintId::WildcardPrefixTakeover);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("\"https://example.com.evil.net\""));
    let c = config(vec![rule(&["https://example.com:*"], &["GET"])]);
    assert!(only(&c, LintId::WildcardPrefixTakeover).is_empty());
}

#[test]
fn null_origin() {
    let c = config(vec![rule(&["null", "https://a.com"], &["GET"])]);
    let f = only(&c, LintId::NullOrigin);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].value.as_deref(), Some("null"));
    // `null` is not also reported as dead.
    assert!(only(&c, LintId::DeadOrigin).is_empty());
    let c = config(vec![rule(&["https://null.example"], &["GET"])]);
    assert!(only(&c, LintId::NullOrigin).is_empty());
}

#[test]
fn http_and_https() {
    let c = config(vec![
        rule(&["https://a.com"], &["GET"]),
        rule(&["http://a.com", "http://b.com"], &["GET"]),
    ]);
    let f = only(&c, LintId::HttpAndHttps);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, Some(2));
    assert_eq!(f[0].value.as_deref(), Some("http://a.com"));
    let c = config(vec![rule(
        &["http://localhost:3000", "https://a.com"],
        &["GET"],
    )]);
    assert!(only(&c, LintId::HttpAndHttps).is_empty());
}

#[test]
fn wildcard_write() {
    let c = config(vec![with_headers(
        rule(&["*"], &["GET", "PUT", "DELETE"]),
        &["*"],
    )]);
    let f = only(&c, LintId::WildcardWrite);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("PUT, DELETE"));
    let c = config(vec![rule(&["https://*"], &["POST"])]);
    assert_eq!(only(&c, LintId::WildcardWrite).len(), 1);
    let c = config(vec![rule(&["*"], &["GET", "HEAD"])]);
    assert!(only(&c, LintId::WildcardWrite).is_empty());
    let c = config(vec![rule(&["https://*.a.com"], &["PUT"])]);
    assert!(only(&c, LintId::WildcardWrite).is_empty());
}

#[test]
fn max_age_above_cap() {
    let mut r = rule(&["https://a.com"], &["GET"]);
    r.max_age_seconds = Some(7201);
    let f = only(&config(vec![r.clone()]), LintId::MaxAgeAboveCap);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Chromium caps it at 7200 s (Firefox"));
    r.max_age_seconds = Some(100_000);
    let f = only(&config(vec![r.clone()]), LintId::MaxAgeAboveCap);
    assert!(f[0].message.contains("and Firefox at 86400 s"));
    r.max_age_seconds = Some(7200);
    assert!(only(&config(vec![r]), LintId::MaxAgeAboveCap).is_empty());
}

#[test]
fn preflight_not_cached() {
    // A rule that can answer preflights (a method that is not safelisted, or request headers).
    let mut r = rule(&["https://a.com"], &["PUT"]);
    let f = only(&config(vec![r.clone()]), LintId::PreflightNotCached);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("no MaxAgeSeconds") && f[0].message.contains("5 s"));
    assert_eq!(f[0].severity, Severity::Note);
    r.max_age_seconds = Some(0);
    let f = only(&config(vec![r.clone()]), LintId::PreflightNotCached);
    assert!(
        f[0].message.contains("do not keep its preflight at all"),
        "{}",
        f[0].message
    );
    r.max_age_seconds = Some(600);
    assert!(only(&config(vec![r]), LintId::PreflightNotCached).is_empty());
    // GET with no AllowedHeader never answers a preflight: nothing to cache.
    let get = rule(&["https://a.com"], &["GET", "HEAD"]);
    assert!(only(&config(vec![get.clone()]), LintId::PreflightNotCached).is_empty());
    let mut get_headers = get;
    get_headers.allowed_headers = vec!["x-custom".into()];
    assert_eq!(
        only(&config(vec![get_headers]), LintId::PreflightNotCached).len(),
        1
    );
}

#[test]
fn missing_response_vary() {
    let mut c = config(vec![rule(&["https://a.com", "https://b.com"], &["GET"])]);
    c.response_vary = None;
    let f = only(&c, LintId::MissingResponseVary);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, None);
    assert!(f[0].message.starts_with("2 different origins"));
    c.rules = vec![rule(&["https://*.a.com"], &["GET"])];
    assert_eq!(only(&c, LintId::MissingResponseVary).len(), 1);
    c.rules = vec![rule(&["https://a.com"], &["GET"])];
    assert!(only(&c, LintId::MissingResponseVary).is_empty());
    c.rules = vec![rule(&["https://a.com", "https://b.com"], &["GET"])];
    c.response_vary = Some(true);
    assert!(only(&c, LintId::MissingResponseVary).is_empty());
}

#[test]
fn duplicate_values_and_rules() {
    let mut r = with_headers(
        rule(&["https://a.com", "https://a.com"], &["GET", "get"]),
        &["X-A", "x-a"],
    );
    r.expose_headers = vec!["ETag".into(), "etag".into()];
    let f = only(&config(vec![r]), LintId::Duplicate);
    let fields: Vec<_> = f.iter().map(|f| f.field.unwrap()).collect();
    assert_eq!(
        fields,
        [
            "AllowedOrigin",
            "AllowedMethod",
            "AllowedHeader",
            "ExposeHeader"
        ]
    );
    let r = rule(&["https://a.com", "https://b.com"], &["GET"]);
    let mut r2 = r.clone();
    r2.allowed_origins.reverse();
    let f = only(&config(vec![r.clone(), r2]), LintId::Duplicate);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].message, "rule 2 repeats rule 1");
    // A repeated rule is reported as a duplicate, not also as shadowed.
    let c = config(vec![r.clone(), r.clone()]);
    assert!(only(&c, LintId::ShadowedRule).is_empty());
    assert!(only(&config(vec![r]), LintId::Duplicate).is_empty());
}

#[test]
fn redundant_value() {
    let c = config(vec![with_headers(
        rule(&["*", "https://a.com"], &["GET"]),
        &["x-oss-*", "x-oss-meta-a"],
    )]);
    let f = only(&c, LintId::RedundantValue);
    assert_eq!(f.len(), 2);
    assert!(
        f[0].message
            .contains("\"https://a.com\" is already matched by \"*\"")
    );
    assert_eq!(f[1].value.as_deref(), Some("x-oss-meta-a"));
    let c = config(vec![rule(&["https://a.com", "https://b.com"], &["GET"])]);
    assert!(only(&c, LintId::RedundantValue).is_empty());
}

#[test]
fn missing_upload_headers_and_etag() {
    let c = config(vec![with_headers(
        rule(&["https://a.com"], &["PUT"]),
        &["content-type"],
    )]);
    let f = only(&c, LintId::MissingUploadHeaders);
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .contains("authorization, x-oss-date, x-oss-content-sha256")
    );
    assert_eq!(f[0].severity, Severity::Note);
    assert_eq!(only(&c, LintId::EtagNotExposed).len(), 1);
    let mut r = with_headers(
        rule(&["https://a.com"], &["PUT", "POST"]),
        &["content-type", "authorization", "x-oss-*"],
    );
    r.expose_headers = vec!["etag".into()];
    let c = config(vec![r]);
    assert!(only(&c, LintId::MissingUploadHeaders).is_empty());
    assert!(only(&c, LintId::EtagNotExposed).is_empty());
    // Read-only rules need neither.
    let c = config(vec![rule(&["https://a.com"], &["GET"])]);
    assert!(only(&c, LintId::MissingUploadHeaders).is_empty());
    assert!(only(&c, LintId::EtagNotExposed).is_empty());
}

#[test]
fn ids_round_trip_and_suggest() {
    for id in LintId::ALL {
        assert_eq!(id.as_str().parse::<LintId>(), Ok(id));
        assert_eq!(
            serde_json::to_value(id).unwrap(),
            serde_json::json!(id.as_str())
        );
    }
    let err = "shadowed-rules".parse::<LintId>().unwrap_err();
    assert_eq!(err.suggestion, Some("shadowed-rule"));
    assert_eq!(
        err.to_string(),
        "unknown lint id \"shadowed-rules\" (did you mean shadowed-rule?)"
    );
    assert_eq!("SHADOWED_RULE".parse::<LintId>(), Ok(LintId::ShadowedRule));
}

#[test]
fn findings_are_ordered_and_displayed() {
    let mut c = config(vec![
        rule(&["https://a.com", "https://b.com"], &["GET"]),
        rule(&["https://A.com"], &["GET"]),
    ]);
    c.response_vary = None;
    let f = lint(&c);
    assert_eq!(f.last().unwrap().id, LintId::MissingResponseVary);
    assert_eq!(f[0].rule, Some(2));
    assert!(
        f[0].to_string()
            .starts_with("rule 2: warning[dead-origin]: \"https://A.com\" never matches"),
        "{}",
        f[0]
    );
    assert!(
        f[0].to_string()
            .contains("\n  fix: write it as \"https://a.com\"")
    );
}

#[test]
fn actual_request_answered_by_another_rule() {
    let mut r1 = rule(&["https://*.a.com"], &["GET", "PUT"]);
    r1.expose_headers = vec!["x-oss-request-id".into()];
    let mut r2 = with_headers(rule(&["https://app.a.com"], &["PUT"]), &["content-type"]);
    r2.expose_headers = vec!["ETag".into()];
    let c = config(vec![r1.clone(), r2.clone()]);
    let f = only(&c, LintId::ActualRequestOtherRule);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule, Some(2));
    assert_eq!(f[0].related_rules, [1]);
    assert!(
        f[0].message
            .contains("rule 1's ExposeHeader (x-oss-request-id) instead of rule 2's (ETag)"),
        "{}",
        f[0].message
    );
    // Same exposed headers: nothing lost.
    r2.expose_headers = vec!["X-OSS-Request-Id".into()];
    assert!(
        only(
            &config(vec![r1.clone(), r2.clone()]),
            LintId::ActualRequestOtherRule
        )
        .is_empty()
    );
    // No earlier rule covers the origin for the method: rule 2 answers both legs.
    r2.expose_headers = vec!["ETag".into()];
    r2.allowed_methods = vec!["POST".into()];
    assert!(only(&config(vec![r1, r2]), LintId::ActualRequestOtherRule).is_empty());
}
