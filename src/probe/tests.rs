//! The probe's core against the model itself standing in for an endpoint: whatever the
//! behaviour, the answers it predicts must decide that behaviour back.

use super::*;
use crate::oss::error::ErrorBody;
use crate::preflight::{Choices, CompiledRules, Field, Model, Outcome};
use crate::rules::{self, CorsConfiguration, Format};

/// What an endpoint behaving as `choices` answers to `probe` (the operation of a GET ends as
/// its object and signature say).
fn answer(rules: &CompiledRules, probe: &Probe, choices: Choices, n: usize) -> Observation {
    let outcome = probe.expected_outcome();
    let answer = rules.answer(&probe.incoming(outcome), &Model::new(choices));
    let status = answer.status.unwrap_or(match outcome {
        Outcome::Success => 200,
        Outcome::Refused => 403,
        Outcome::Error => 404,
    });
    let mut headers: Vec<(String, String)> = answer
        .headers
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    headers.push(("x-oss-request-id".into(), format!("REQ{n}")));
    let body = answer
        .refusal
        .map(|r| ErrorBody::new(r.code, r.message, &format!("REQ{n}"), "h").to_xml())
        .unwrap_or_default();
    Observation {
        request: format!("{} /k", probe.method),
        status,
        headers,
        body,
    }
}

/// What the model, as the endpoint with `choices`, answers every probe planned for `config`.
fn answers(config: &CorsConfiguration, probes: &[Probe], choices: Choices) -> Vec<Observation> {
    let rules = CompiledRules::from_config(Some(config));
    probes
        .iter()
        .enumerate()
        .map(|(n, p)| answer(&rules, p, choices, n))
        .collect()
}

fn run(config: &CorsConfiguration, choices: Choices) -> ProbeReport {
    let plan = plan(Some(config));
    let observed = answers(config, &plan.probes, choices);
    decide(Some(config), &plan.probes, &observed)
}

fn assert_recovers(config: &CorsConfiguration, choices: Choices) {
    let report = run(config, choices);
    for row in &report.fields {
        let field = Field::from_name(row.field).unwrap();
        assert_eq!(
            row.shown,
            Some(choices.value(field)),
            "{}: {row:?}\nnotes: {:?}",
            row.field,
            report.notes
        );
        assert!(!row.evidence.is_empty(), "{}", row.field);
    }
    assert!(report.notes.is_empty(), "{:?}", report.notes);
}

#[test]
fn the_scratch_configuration_decides_every_field() {
    let plan = plan(Some(&scratch_configuration()));
    assert!(plan.undecided.is_empty(), "{:?}", plan.undecided);
    // Both malformed preflights are sent: without Origin, and without ACRM.
    let malformed = |origin: bool| {
        plan.probes.iter().any(|p| {
            p.method == "OPTIONS" && p.origin.is_some() == origin && p.acrm.is_none() == origin
        })
    };
    assert!(malformed(true) && malformed(false), "{:?}", plan.probes);
    assert!(plan.probes.len() <= Field::ALL.len());
    rules::validate(&scratch_configuration()).unwrap();
}

#[test]
fn every_value_of_every_field_is_recovered() {
    let config = scratch_configuration();
    assert_recovers(&config, Choices::default());
    for &field in Field::ALL {
        for value in Choices::values(field).into_iter().skip(1) {
            let mut c = Choices::default();
            c.set(field, value).unwrap();
            assert_recovers(&config, c);
        }
    }
}

#[test]
fn random_combinations_are_recovered() {
    let config = scratch_configuration();
    // A fixed xorshift: reproducible, and covers far more than the one-field changes.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..60 {
        let mut c = Choices::default();
        for &field in Field::ALL {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let values = Choices::values(field);
            c.set(field, values[(x % values.len() as u64) as usize])
                .unwrap();
        }
        assert_recovers(&config, c);
    }
}

#[test]
fn the_defaults_agree_and_a_changed_field_differs() {
    let config = scratch_configuration();
    let report = run(&config, Choices::default());
    assert!(!report.any_differs());
    let mut c = Choices::default();
    c.set(Field::AllowCredentials, "false").unwrap();
    let report = run(&config, c);
    assert!(report.any_differs());
    let row = &report.fields[Field::AllowCredentials as usize];
    assert_eq!(row.agrees, Some(false));
    assert_eq!(row.default, "true");
    let ev = &row.evidence[0];
    assert!(
        ev.request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("REQ"))
    );
    assert!(
        ev.response
            .iter()
            .any(|l| l.starts_with("Access-Control-Allow-Origin: ")),
        "{ev:?}"
    );
}

#[test]
fn plain_rules_name_the_rule_that_would_decide_the_rest() {
    let yaml =
        "rules:\n  - allowed_origins: [\"https://app.example.com\"]\n    allowed_methods: [GET]\n";
    let config = rules::parse(yaml, Format::Yaml, "t").unwrap();
    let plan = plan(Some(&config));
    let undecided: Vec<&str> = plan.undecided.iter().map(|u| u.field).collect();
    for f in [
        "star-origin",
        "allow-methods",
        "max-age-zero",
        "allow-headers-case",
        "empty-acrh-items",
    ] {
        assert!(undecided.contains(&f), "{f} in {undecided:?}");
    }
    let star = plan
        .undecided
        .iter()
        .find(|u| u.field == "star-origin")
        .unwrap();
    assert!(star.needs.contains("exactly `*`"));
    for f in [
        "allow-credentials",
        "origin-case",
        "options-missing-header",
        "unknown-acrm",
        "error-response-cors",
    ] {
        assert!(
            !undecided.contains(&f),
            "{f} should be decidable: {undecided:?}"
        );
    }
    // Whatever these rules can decide is recovered; the rest is reported undecided, with its reason.
    let mut c = Choices::default();
    c.set(Field::OriginCase, "insensitive").unwrap();
    c.set(Field::AllowCredentials, "false").unwrap();
    let report = run(&config, c);
    for row in &report.fields {
        if undecided.contains(&row.field) {
            assert_eq!(row.decision, Decision::Undecided, "{row:?}");
            assert!(
                row.reason
                    .as_deref()
                    .unwrap()
                    .contains("undecided with these rules")
            );
        } else {
            assert_eq!(
                row.shown,
                Some(c.value(Field::from_name(row.field).unwrap())),
                "{row:?}"
            );
        }
    }
}

#[test]
fn no_configuration_leaves_only_what_needs_none() {
    let plan = plan(None);
    assert!(
        plan.undecided
            .iter()
            .any(|u| u.field == "allow-credentials")
    );
}

#[test]
fn an_answer_no_value_explains_is_reported_not_guessed() {
    let config = scratch_configuration();
    let plan = plan(Some(&config));
    let mut observed = answers(&config, &plan.probes, Choices::default());
    // The preflight that decides allow-credentials gets a credentials value no value predicts.
    let i = plan
        .probes
        .iter()
        .position(|p| p.purpose.starts_with("a preflight from rule 1"))
        .unwrap();
    for (k, v) in &mut observed[i].headers {
        if k.eq_ignore_ascii_case("access-control-allow-credentials") {
            *v = "maybe".into();
        }
    }
    let report = decide(Some(&config), &plan.probes, &observed);
    let row = &report.fields[Field::AllowCredentials as usize];
    assert_eq!(row.decision, Decision::Unexplained, "{row:?}");
    assert_eq!(row.shown, None);
    assert!(!report.notes.is_empty());
    assert!(
        report.any_differs(),
        "an answer no value explains is not agreement"
    );
}

#[test]
fn behaviour_from_a_report_marks_decided_fields_observed() {
    let config = scratch_configuration();
    let mut c = Choices::default();
    c.set(Field::StarOrigin, "echo").unwrap();
    let report = run(&config, c);
    let mut b = crate::preflight::Behaviour::default();
    report.apply(&mut b, "on http://127.0.0.1:1 on 2026-12-07");
    assert_eq!(b.choices, c);
    for &f in Field::ALL {
        let s = b.source(f);
        assert_eq!(s.status, crate::preflight::Status::Observed, "{}", f.name());
        assert!(s.evidence.contains("request ids REQ"), "{}", s.evidence);
    }
}

#[test]
fn an_error_text_ossctl_does_not_model_is_a_note_and_the_status_still_decides() {
    let config = scratch_configuration();
    let plan = plan(Some(&config));
    let mut observed = answers(&config, &plan.probes, Choices::default());
    for (p, o) in plan.probes.iter().zip(&mut observed) {
        if p.method == "OPTIONS" && (p.origin.is_none() || p.acrm.is_none()) {
            o.body = ErrorBody::new("BadRequest", "Some other wording", "R", "h").to_xml();
        }
    }
    let report = decide(Some(&config), &plan.probes, &observed);
    let row = &report.fields[Field::MalformedOptions as usize];
    assert_eq!(row.shown, Some("400"), "{row:?}");
    assert!(
        report
            .notes
            .iter()
            .any(|n| n.contains("\"Some other wording\" is none of the texts")),
        "{:?}",
        report.notes
    );
    // The refusal text is still decided by the preflight no rule matches.
    assert_eq!(
        report.fields[Field::NotAllowedText as usize].shown,
        Some("oss-doc")
    );
}
