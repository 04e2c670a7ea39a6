//! Issue 14: OSS's undocumented behaviour as data. `cors behaviour` lists it with its
//! evidence, `--assume` and `--behaviour` switch it for `cors test` and `serve` alike, every
//! verdict names the assumptions it rests on, and `--live` reports what the endpoint showed.
//! The real binary, against `ossctl serve` on 127.0.0.1.

use std::time::Duration;

use assert_cmd::Command;

use crate::util::{ServeProcess, TestEnv};

const RULES: &str = "tests/data/cli/rules.yaml";

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run(cmd: &mut Command) -> std::process::Output {
    cmd.timeout(Duration::from_secs(60)).output().unwrap()
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", stdout(out), stderr(out)))
}

#[test]
fn cors_behaviour_lists_every_field_with_status_and_evidence() {
    let env = TestEnv::new();
    let out = run(env.cmd().args(["cors", "behaviour", "--output", "json"]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let table = json(&out);
    let fields = table.as_object().unwrap();
    for field in ossctl::preflight::Field::ALL {
        let entry = &fields[field.name()];
        assert!(entry["value"].is_string(), "{}: {entry}", field.name());
        assert!(
            ["documented", "observed", "assumed"].contains(&entry["status"].as_str().unwrap()),
            "{entry}"
        );
        assert!(entry["evidence"].as_str().unwrap().len() > 20, "{entry}");
        assert!(!entry["alternatives"].as_array().unwrap().is_empty());
    }
    assert_eq!(fields.len(), ossctl::preflight::Field::ALL.len());
    // The evidence the issue names.
    assert_eq!(fields["allow-credentials"]["status"], "assumed");
    assert_eq!(fields["auth-failure-cors"]["status"], "documented");
    assert_eq!(fields["auth-failure-cors"]["value"], "none");
    assert_eq!(fields["star-origin"]["status"], "observed");
    assert!(
        fields["allow-credentials"]["evidence"]
            .as_str()
            .unwrap()
            .contains("withCredentials to false")
    );

    // Text: one block per field, with the alternative spelled out.
    let out = run(env
        .cmd()
        .args(["cors", "behaviour", "--assume", "origin-case=insensitive"]));
    let text = stdout(&out);
    assert!(
        text.contains("origin-case = insensitive  [assumed]"),
        "{text}"
    );
    assert!(
        text.contains("evidence: set with --assume origin-case=insensitive"),
        "{text}"
    );
    assert!(
        text.contains("alternative false: OSS never sends `Access-Control-Allow-Credentials`"),
        "{text}"
    );
}

#[test]
fn a_behaviour_file_round_trips_and_bad_input_is_precise() {
    let env = TestEnv::new();
    // What `cors behaviour --output yaml` prints is a behaviour file.
    let out = run(env.cmd().args([
        "cors",
        "behaviour",
        "--assume",
        "allow-credentials=false",
        "--output",
        "yaml",
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let file = env.write("observed.yaml", &out.stdout);
    let out = run(env
        .cmd()
        .args(["cors", "behaviour", "--output", "json", "--behaviour"])
        .arg(&file));
    assert_eq!(json(&out)["allow-credentials"]["value"], "false");

    // Every problem, with its position, exit 2.
    let bad = env.write(
        "bad.yaml",
        "allow-credential: false\norigin-case: maybe\nstar-origin:\n  value: echo\n  status: observed\n",
    );
    let out = run(env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://app.example.com",
        ])
        .args(["--method", "GET", "--behaviour"])
        .arg(&bad));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    let name = bad.display().to_string();
    assert!(err.contains(&format!("{name}:1:1")), "{err}");
    assert!(err.contains("did you mean `allow-credentials`"), "{err}");
    assert!(err.contains(&format!("{name}:2:14")), "{err}");
    assert!(
        err.contains("valid values: `sensitive`, `insensitive`"),
        "{err}"
    );
    assert!(err.contains("gives no `evidence`"), "{err}");
    assert!(
        stdout(&out).is_empty(),
        "nothing simulated: {}",
        stdout(&out)
    );

    // A bad --assume: exit 2, naming the valid names or values.
    for (arg, want) in [
        ("allow-credential=false", "did you mean `allow-credentials`"),
        ("allow-credentials=maybe", "valid values: `true`, `false`"),
        ("allow-credentials", "expected NAME=VALUE"),
    ] {
        for cmd in [
            vec!["cors", "behaviour", "--assume", arg],
            vec!["serve", "--addr", "127.0.0.1:0", "--assume", arg],
        ] {
            let out = run(env.cmd().args(&cmd));
            assert_eq!(out.status.code(), Some(2), "{cmd:?}: {}", stderr(&out));
            assert!(stderr(&out).contains(want), "{cmd:?}: {}", stderr(&out));
        }
    }
}

#[test]
fn cors_test_names_the_assumptions_its_verdict_rests_on() {
    let env = TestEnv::new();
    let test = |extra: &[&str]| {
        let mut cmd = env.cmd();
        cmd.args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://app.example.com",
        ])
        .args(["--method", "GET"])
        .args(extra);
        run(&mut cmd)
    };
    // With credentials, the echoed origin's Allow-Credentials is an assumption.
    let out = test(&["--credentials"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("Assumes\n"), "{text}");
    assert!(
        text.contains(
            "this verdict assumes OSS sends `Access-Control-Allow-Credentials: true` with every echoed origin (allow-credentials=true; assumed:"
        ),
        "{text}"
    );
    assert!(
        text.contains("If OSS instead never sends `Access-Control-Allow-Credentials` (allow-credentials=false): the browser blocks the response"),
        "{text}"
    );
    let out = test(&["--credentials", "--output", "json"]);
    let doc = json(&out);
    let first = &doc["assumptions"][0];
    assert_eq!(first["name"], "allow-credentials");
    assert_eq!(first["assumed"], "true");
    assert_eq!(first["alternative"], "false");
    assert_eq!(first["verdict_if_alternative"], "blocked_response");
    assert!(
        first["reason"]
            .as_str()
            .unwrap()
            .contains("Access-Control-Allow-Credentials")
    );

    // Under the alternative the verdict flips, and the assumption points the other way.
    let out = test(&[
        "--credentials",
        "--assume",
        "allow-credentials=false",
        "--output",
        "json",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    assert_eq!(doc["verdict"], "blocked_response");
    assert_eq!(doc["assumptions"][0]["alternative"], "true");
    assert_eq!(doc["assumptions"][0]["verdict_if_alternative"], "allowed");

    // Without credentials nothing depends on it: no section, an empty list.
    let out = test(&[]);
    assert!(!stdout(&out).contains("Assumes"), "{}", stdout(&out));
    assert_eq!(
        json(&test(&["--output", "json"]))["assumptions"],
        serde_json::json!([])
    );
}

#[test]
fn refusals_carry_no_cors_headers_and_other_errors_are_an_assumption() {
    let env = TestEnv::new();
    let test = |status: &str| {
        let mut cmd = env.cmd();
        cmd.args([
            "cors",
            "test",
            "-f",
            RULES,
            "--origin",
            "https://app.example.com",
        ])
        .args([
            "--method",
            "GET",
            "--response-status",
            status,
            "--output",
            "json",
        ]);
        json(&run(&mut cmd))
    };
    // 403 (signature or permission refusal): documented, no CORS headers, nothing assumed.
    let doc = test("403");
    assert_eq!(doc["verdict"], "blocked_response");
    // Only Vary (the rules set ResponseVary), no Access-Control-* header.
    assert_eq!(
        doc["response"]["headers"],
        serde_json::json!([["Vary", "Origin"]])
    );
    assert_eq!(
        doc["response"]["failure"]["code"],
        "MissingAllowOriginHeader"
    );
    assert_eq!(doc["assumptions"], serde_json::json!([]));
    // 404: the rule's headers by assumption; without them the page could not read it.
    let doc = test("404");
    assert_eq!(doc["verdict"], "allowed");
    let a = &doc["assumptions"][0];
    assert_eq!(a["name"], "error-response-cors");
    assert_eq!(a["alternative"], "none");
    assert_eq!(a["verdict_if_alternative"], "blocked_response");
}

#[test]
fn serve_follows_assume_and_live_reports_what_the_endpoint_showed() {
    let env = TestEnv::new();
    let serve = ServeProcess::start_with_args(
        &env,
        &["demo"],
        &[
            "--assume",
            "allow-credentials=false",
            "--public-bucket",
            "demo",
        ],
    );
    let client = |args: &[&str]| {
        let mut cmd = env.cmd();
        cmd.envs(serve.client_env()).args(args);
        run(&mut cmd)
    };
    let out = client(&["cors", "put", "oss://demo", "-f", RULES, "--yes"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // Simulated with the default (Allow-Credentials sent), the endpoint shows otherwise.
    let live = |extra: &[&str]| {
        let mut args = vec![
            "cors",
            "test",
            "oss://demo/a.txt",
            "--origin",
            "https://app.example.com",
            "--method",
            "PUT",
            "--credentials",
            "--live",
        ];
        args.extend_from_slice(extra);
        client(&args)
    };
    let out = live(&[]);
    let text = stdout(&out);
    assert!(
        text.contains("the endpoint shows allow-credentials=false (differs from ossctl's assumption allow-credentials=true): preflight: no access-control-allow-credentials"),
        "{text}{}",
        stderr(&out)
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the real answer blocks the request"
    );
    // With the same assumption as the endpoint, the two agree and the field is confirmed.
    let out = live(&["--assume", "allow-credentials=false", "--output", "json"]);
    let doc = json(&out);
    assert_eq!(doc["live"]["differences"], serde_json::json!([]), "{doc}");
    assert_eq!(doc["live"]["settled"][0]["name"], "allow-credentials");
    assert_eq!(doc["live"]["settled"][0]["shown"], "false");
}
