//! The table of simulator cases in `tests/data/simulator_cases.json`, written from the
//! references (cors-semantics.md §0-2, oss-cors-api.md §2), run through [`simulate`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Deserialize;

use super::browser::SAFELISTED_RESPONSE_HEADERS;
use super::{
    BrowserRequest, Choices, CompiledRules, Outcome, Simulation, normalize_method,
    parse_header_arg, simulate,
};
use crate::rules::{CorsConfiguration, CorsRule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    #[allow(dead_code)]
    about: String,
    configs: BTreeMap<String, TConfig>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TConfig {
    #[serde(default)]
    vary: Option<bool>,
    rules: Vec<TRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TRule {
    origins: Vec<String>,
    methods: Vec<String>,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    expose: Vec<String>,
    #[serde(default)]
    max_age: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    config: Option<String>,
    #[serde(default)]
    origin: Option<String>,
    method: String,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    credentials: bool,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    rule: Option<usize>,
    preflight: bool,
    verdict: String,
    #[serde(default)]
    visible: Option<Vec<String>>,
    #[serde(default)]
    response_rule: Option<usize>,
    #[serde(default)]
    failure: Option<String>,
    /// Present (possibly null) when the ACRH value is checked.
    #[serde(default, deserialize_with = "some")]
    acrh: Option<Option<String>>,
    #[serde(default)]
    preflight_status: Option<u16>,
    #[serde(default)]
    preflight_headers: BTreeMap<String, String>,
    #[serde(default)]
    response_headers: BTreeMap<String, String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    also_matching: Option<Vec<usize>>,
}

fn some<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

fn table() -> Table {
    serde_json::from_str(include_str!("../../tests/data/simulator_cases.json"))
        .expect("tests/data/simulator_cases.json parses")
}

fn config(c: &TConfig) -> CorsConfiguration {
    CorsConfiguration {
        rules: c
            .rules
            .iter()
            .map(|r| CorsRule {
                allowed_origins: r.origins.clone(),
                allowed_methods: r.methods.clone(),
                allowed_headers: r.headers.clone(),
                expose_headers: r.expose.clone(),
                max_age_seconds: r.max_age,
            })
            .collect(),
        response_vary: c.vary,
    }
}

fn header<'s>(headers: &'s [(&'static str, Cow<'_, str>)], name: &str) -> Option<&'s str> {
    headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_ref())
}

fn check(case: &Case, sim: &Simulation) -> Vec<String> {
    let e = &case.expect;
    let mut errs = Vec::new();
    let mut eq = |what: &str, got: String, want: String| {
        if got != want {
            errs.push(format!("{what}: got {got}, want {want}"));
        }
    };
    eq(
        "matched_rule",
        format!("{:?}", sim.matched_rule),
        format!("{:?}", e.rule),
    );
    eq(
        "preflight needed",
        sim.preflight.needed.to_string(),
        e.preflight.to_string(),
    );
    eq(
        "verdict",
        sim.verdict.as_str().to_owned(),
        e.verdict.clone(),
    );
    if let Some(r) = e.response_rule {
        eq(
            "response matched_rule",
            format!("{:?}", sim.response.matched_rule),
            format!("{:?}", Some(r)),
        );
    }
    if let Some(code) = &e.failure {
        let got = sim
            .preflight
            .failure
            .as_ref()
            .or(sim.response.failure.as_ref())
            .map(|f| f.code);
        eq(
            "failure",
            format!("{got:?}"),
            format!("{:?}", Some(code.as_str())),
        );
    }
    if e.verdict == "allowed" {
        let failure = sim
            .preflight
            .failure
            .as_ref()
            .or(sim.response.failure.as_ref());
        eq("failure", format!("{failure:?}"), "None".to_owned());
    }
    if let Some(acrh) = &e.acrh {
        eq(
            "ACRH",
            format!("{:?}", sim.preflight.request_headers),
            format!("{acrh:?}"),
        );
    }
    if let Some(s) = e.preflight_status {
        eq(
            "preflight status",
            format!("{:?}", sim.preflight.status),
            format!("{:?}", Some(s)),
        );
    }
    let mut want_visible: Vec<String> = match &e.visible {
        Some(v) => v.clone(),
        None if e.verdict == "allowed" => {
            errs.push("an allowed case must list `visible`".to_owned());
            Vec::new()
        }
        None => Vec::new(),
    };
    if e.verdict == "allowed" {
        want_visible.extend(SAFELISTED_RESPONSE_HEADERS.iter().map(|s| (*s).to_owned()));
    }
    want_visible.sort();
    let mut errs2 = Vec::new();
    if sim.response.visible_headers != want_visible[..] {
        errs2.push(format!(
            "visible headers: got {:?}, want {:?}",
            sim.response.visible_headers, want_visible
        ));
    }
    for (leg, want, got) in [
        ("preflight", &e.preflight_headers, &sim.preflight.headers),
        ("response", &e.response_headers, &sim.response.headers),
    ] {
        for (name, value) in want {
            if header(got, name) != Some(value.as_str()) {
                errs2.push(format!(
                    "{leg} header {name}: got {:?}, want {value:?}",
                    header(got, name)
                ));
            }
        }
    }
    for name in &e.absent {
        for (leg, got) in [
            ("preflight", &sim.preflight.headers),
            ("response", &sim.response.headers),
        ] {
            if let Some(v) = header(got, name) {
                errs2.push(format!("{leg} header {name} should be absent, got {v:?}"));
            }
        }
    }
    if let Some(s) = &e.suggestion
        && !sim
            .suggestions()
            .iter()
            .any(|x| x.to_string().contains(s.as_str()))
    {
        errs2.push(format!(
            "no suggestion containing {s:?} in {:?}",
            sim.suggestions()
        ));
    }
    if let Some(also) = &e.also_matching {
        let got: Vec<usize> = sim
            .outcomes()
            .iter()
            .filter(|r| r.matches())
            .skip(1)
            .map(|r| r.number())
            .collect();
        if &got != also {
            errs2.push(format!("other matching rules: got {got:?}, want {also:?}"));
        }
        let reports = sim.rule_reports();
        for n in also {
            if !reports[n - 1]
                .reasons
                .iter()
                .any(|r| r.to_string().contains("comes first"))
            {
                errs2.push(format!(
                    "rule {n} should be reported as shadowed: {:?}",
                    reports[n - 1]
                ));
            }
        }
    }
    errs.extend(errs2);
    errs
}

#[test]
fn simulator_case_table() {
    let t = table();
    assert!(t.cases.len() >= 60, "the table must hold at least 60 cases");
    let mut failures = Vec::new();
    for case in &t.cases {
        let cfg = case.config.as_ref().map(|name| {
            config(
                t.configs
                    .get(name)
                    .unwrap_or_else(|| panic!("{}: unknown config {name}", case.name)),
            )
        });
        let req = BrowserRequest {
            origin: case
                .origin
                .clone()
                .unwrap_or_else(|| "https://app.example.com".to_owned()),
            method: normalize_method(&case.method),
            headers: case
                .headers
                .iter()
                .map(|h| parse_header_arg(h).unwrap_or_else(|e| panic!("{}: {e}", case.name)))
                .collect(),
            credentials: case.credentials,
            path: "/dir/object.txt".to_owned(),
        };
        let rules = CompiledRules::from_config(cfg.as_ref());
        let sim = simulate(&rules, &req, Choices::default(), Outcome::Success);
        // Every case must also serialise to the documented schema.
        let json = serde_json::to_value(&sim).expect("serialises");
        let mut errs = check(case, &sim);
        if json["verdict"] != case.expect.verdict.as_str() {
            errs.push(format!("JSON verdict {}", json["verdict"]));
        }
        if !errs.is_empty() {
            failures.push(format!("{}:\n    {}", case.name, errs.join("\n    ")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        t.cases.len(),
        failures.join("\n")
    );
}

#[test]
fn table_covers_every_config_and_verdict() {
    let t = table();
    for name in t.configs.keys() {
        assert!(
            t.cases
                .iter()
                .any(|c| c.config.as_deref() == Some(name.as_str())),
            "config {name} unused"
        );
    }
    for v in ["allowed", "blocked_preflight", "blocked_response"] {
        assert!(
            t.cases.iter().filter(|c| c.expect.verdict == v).count() >= 10,
            "too few {v} cases"
        );
    }
    assert!(t.cases.iter().any(|c| c.config.is_none()));
    assert!(t.cases.iter().filter(|c| c.credentials).count() >= 8);
}
