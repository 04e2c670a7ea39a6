//! `ossctl cors test oss://bucket[/key] [--live]`: the live rules, and the live probe agreeing
//! with the simulation when the endpoint is `ossctl serve` (which answers with the same
//! `preflight` module the simulation uses).

use std::time::Duration;

use ossctl::oss::{Credentials, SignatureVersion, endpoint::Endpoint, request, sign};
use ossctl::server::{TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET};

use crate::util::{Srv, TestEnv};

/// An in-process `serve` with bucket `site`.
fn start() -> Srv {
    Srv::start(&["site"], |_| {})
}

impl Srv {
    /// PutObject through the library (ossctl has no object upload command).
    fn put_object(&self, key: &str, body: &[u8]) {
        let ep = Endpoint::parse(&self.url()).unwrap();
        let t = ossctl::transport::Transport::new(ossctl::transport::Options::default()).unwrap();
        let creds = Credentials::new(TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET);
        let resp = self
            .rt
            .block_on(t.send(|_| {
                let mut r = request::put_object(
                    &ep,
                    ep.default_addressing_style(),
                    "site",
                    key,
                    body.to_vec(),
                    Some("text/plain"),
                )
                .map_err(|e| e.to_string())?;
                sign::sign(
                    &mut r,
                    Some("site"),
                    Some(key),
                    &sign::Signer::new(
                        &creds,
                        SignatureVersion::V4,
                        "cn-hangzhou",
                        jiff::Timestamp::now(),
                    ),
                );
                Ok(r)
            }))
            .unwrap();
        assert_eq!(resp.status, 200, "{}", String::from_utf8_lossy(&resp.body));
    }
}

fn ossctl(env: &TestEnv, srv: &Srv) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("OSS_ENDPOINT", srv.url())
        .env("OSS_REGION", "cn-hangzhou")
        .env("OSS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)
        .timeout(Duration::from_secs(60));
    cmd
}

const RULES: &str = "rules:
  - allowed_origins: [\"https://app.example.com\"]
    allowed_methods: [GET, PUT]
    allowed_headers: [x-custom, content-type]
    expose_headers: [ETag, x-oss-request-id]
    max_age_seconds: 300
  - allowed_origins: [\"https://*.cdn.example.com\"]
    allowed_methods: [GET]
response_vary: true
";

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn live_probe_agrees_with_the_simulation() {
    let srv = start();
    let env = TestEnv::new();
    let rules = env.write("rules.yaml", RULES);
    ossctl(&env, &srv)
        .args(["cors", "put", "oss://site", "-f"])
        .arg(&rules)
        .assert()
        .code(0);
    srv.put_object("index.html", b"<h1>hi</h1>");

    // (origin, method, headers, expected exit, expected verdict)
    let cases: &[(&str, &str, &[&str], i32, &str)] = &[
        ("https://app.example.com", "GET", &[], 0, "allowed"),
        (
            "https://app.example.com",
            "GET",
            &["X-Custom: 1"],
            0,
            "allowed",
        ),
        ("https://img.cdn.example.com", "GET", &[], 0, "allowed"),
        (
            "https://app.example.com",
            "GET",
            &["X-Other: 1"],
            1,
            "blocked_preflight",
        ),
        (
            "https://evil.example.org",
            "GET",
            &["X-Custom: 1"],
            1,
            "blocked_preflight",
        ),
        (
            "https://evil.example.org",
            "GET",
            &[],
            1,
            "blocked_response",
        ),
        (
            "https://app.example.com",
            "PUT",
            &["Content-Type: text/plain"],
            0,
            "allowed",
        ),
        (
            "https://img.cdn.example.com",
            "PUT",
            &[],
            1,
            "blocked_preflight",
        ),
    ];
    for (origin, method, headers, code, verdict) in cases {
        let mut cmd = ossctl(&env, &srv);
        cmd.args([
            "cors",
            "test",
            "oss://site/index.html",
            "--live",
            "--output",
            "json",
        ])
        .args(["--origin", origin, "--method", method]);
        for h in *headers {
            cmd.args(["-H", h]);
        }
        let out = cmd.output().unwrap();
        let ctx = format!("{origin} {method} {headers:?}");
        assert_eq!(
            out.status.code(),
            Some(*code),
            "{ctx}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v = json(&out);
        assert_eq!(v["verdict"], *verdict, "{ctx}");
        assert_eq!(v["live"]["verdict"], *verdict, "{ctx}");
        assert_eq!(
            v["live"]["differences"],
            serde_json::json!([]),
            "{ctx}: {}",
            v["live"]
        );
        if *method == "PUT" {
            assert_eq!(
                v["live"]["response"]["sent"], false,
                "{ctx}: a live PUT would overwrite the object"
            );
        }
    }

    // Text output says it agrees.
    let out = ossctl(&env, &srv)
        .args(["cors", "test", "oss://site/index.html", "--live"])
        .args(["--origin", "https://app.example.com", "--method", "GET"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("the endpoint agrees with the simulation"),
        "{text}"
    );
}

#[test]
fn live_rules_without_live_probe() {
    let srv = start();
    let env = TestEnv::new();
    // No rules yet: the simulation runs against "no configuration" and blocks.
    let out = ossctl(&env, &srv)
        .args([
            "cors",
            "test",
            "oss://site",
            "--origin",
            "https://app.example.com",
            "--method",
            "GET",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rules = env.write("rules.yaml", RULES);
    ossctl(&env, &srv)
        .args(["cors", "put", "oss://site", "-f"])
        .arg(&rules)
        .assert()
        .code(0);
    let out = ossctl(&env, &srv)
        .args([
            "cors",
            "test",
            "oss://site",
            "--origin",
            "https://app.example.com",
            "--method",
            "GET",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["matched_rule"], 1);
    // Service errors keep their exit codes.
    let out = ossctl(&env, &srv)
        .args([
            "cors",
            "test",
            "oss://nosuch",
            "--origin",
            "https://a.example.com",
            "--method",
            "GET",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
}
