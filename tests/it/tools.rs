//! `cors lint`, `cors diff` and `cors convert` through the real binary: output, JSON and
//! exit statuses.

use predicates::prelude::*;

use crate::util::{TestEnv, repo_root};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const DEMO: &str = "examples/lint-demo.yaml";

// ---------------------------------------------------------------- lint

#[test]
fn lint_flags_the_shadowed_rule_and_dead_origins_in_the_demo() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "lint", "-f", DEMO])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains(
            "examples/lint-demo.yaml:10:5: rule 2: warning[shadowed-rule]: rule 2 never applies"
        ),
        "{text}"
    );
    assert!(text.contains("matched first by rule 1"), "{text}");
    assert!(
        text.contains("rule 3: warning[dead-origin]: \"https://Upload.Example.org\""),
        "{text}"
    );
    assert!(
        text.contains("fix: write it as \"https://admin.example.org\""),
        "{text}"
    );
    assert!(
        text.contains("rule 2: warning[max-age-above-cap]"),
        "{text}"
    );
    assert!(
        text.contains("configuration: warning[missing-response-vary]"),
        "{text}"
    );
    assert!(text.ends_with("5 warnings, 3 notes in 3 rules\n"), "{text}");
}

#[test]
fn lint_json_is_a_stable_list() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "lint", "-f", DEMO, "--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["source"], DEMO);
    assert_eq!(v["rules"], 3);
    assert_eq!(v["warnings"], 5);
    assert_eq!(v["notes"], 3);
    assert_eq!(v["suppressed"], 0);
    let ids: Vec<(&str, Option<u64>)> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["id"].as_str().unwrap(), f["rule"].as_u64()))
        .collect();
    assert_eq!(
        ids,
        [
            ("shadowed-rule", Some(2)),
            ("max-age-above-cap", Some(2)),
            ("dead-origin", Some(3)),
            ("dead-origin", Some(3)),
            ("preflight-not-cached", Some(3)),
            ("missing-upload-headers", Some(3)),
            ("etag-not-exposed", Some(3)),
            ("missing-response-vary", None),
        ]
    );
    let shadowed = &v["findings"][0];
    assert_eq!(shadowed["related_rules"], serde_json::json!([1]));
    assert_eq!(shadowed["severity"], "warning");
    assert!(shadowed["fix"].as_str().unwrap().contains("delete rule 2"));
}

#[test]
fn lint_strict_and_allow() {
    let env = TestEnv::new();
    env.cmd()
        .args(["cors", "lint", "-f", DEMO, "--strict"])
        .assert()
        .code(1);
    // Suppress every warning id in the demo: notes alone do not fail --strict.
    let out = env
        .cmd()
        .args([
            "cors",
            "lint",
            "-f",
            DEMO,
            "--strict",
            "--allow",
            "shadowed-rule,max-age-above-cap",
            "--allow",
            "dead-origin",
            "--allow",
            "missing-response-vary",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(
        stdout(&out).ends_with("0 warnings, 3 notes in 3 rules (5 suppressed by --allow)\n"),
        "{}",
        stdout(&out)
    );
    // A clean file passes --strict.
    env.cmd()
        .args(["cors", "lint", "-f", "examples/cors.yaml", "--strict"])
        .assert()
        .code(0)
        .stdout("examples/cors.yaml: no findings in 2 rules\n");
}

#[test]
fn lint_unknown_allow_id_is_a_usage_error() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "lint", "-f", DEMO, "--allow", "shadowed-rules"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("invalid value 'shadowed-rules' for '--allow <ID>'")
            && stderr(&out).contains("a similar value exists: 'shadowed-rule'"),
        "{}",
        stderr(&out)
    );
    // Ids are case-insensitive.
    env.cmd()
        .args([
            "cors",
            "lint",
            "-f",
            DEMO,
            "--allow",
            "SHADOWED-RULE",
            "--output",
            "json",
        ])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("shadowed-rule").not());
}

#[test]
fn lint_reads_stdin_and_rejects_invalid_documents() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "lint", "-f", "-"])
        .write_stdin("rules:\n  - allowed_origins: [\"null\"]\n    allowed_methods: [GET]\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout(&out).contains("-:2:23: rule 1: warning[null-origin]"),
        "{}",
        stdout(&out)
    );

    let bad = env.write(
        "bad.yaml",
        "rules:\n  - allowed_origins: [\"https://a.com\"]\n    allowed_methods: [PATCH]\n",
    );
    let out = env
        .cmd()
        .args(["cors", "lint", "-f"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("PATCH"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
}

#[test]
fn lint_finds_takeover_wildcards_in_xml() {
    let env = TestEnv::new();
    let xml = env.write(
        "w.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CORSConfiguration><CORSRule>\
         <AllowedOrigin>https://*example.com</AllowedOrigin>\
         <AllowedOrigin>https://example.com*</AllowedOrigin>\
         <AllowedMethod>GET</AllowedMethod></CORSRule>\
         <CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>DELETE</AllowedMethod>\
         </CORSRule><ResponseVary>true</ResponseVary></CORSConfiguration>",
    );
    let out = env
        .cmd()
        .args(["cors", "lint", "-f"])
        .arg(&xml)
        .args(["--output", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"wildcard-suffix-takeover"), "{ids:?}");
    assert!(ids.contains(&"wildcard-prefix-takeover"), "{ids:?}");
    assert!(ids.contains(&"wildcard-write"), "{ids:?}");
}

#[test]
fn lint_of_a_bucket_without_client_support_is_explained() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "lint", "not-a-bucket"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a bucket"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- diff

#[test]
fn diff_of_the_same_rules_in_two_formats_is_empty() {
    let env = TestEnv::new();
    env.cmd()
        .args(["cors", "diff", "examples/cors.yaml", "examples/cors.xml"])
        .assert()
        .code(0)
        .stdout(
            "--- examples/cors.yaml\n+++ examples/cors.xml\n  rule 1: unchanged\n  \
             rule 2: unchanged\nno differences\n",
        );
}

#[test]
fn diff_shows_rule_and_field_changes_and_exits_1() {
    let env = TestEnv::new();
    let new = env.write(
        "new.yaml",
        "rules:\n  - allowed_origins: [https://app.example.com, https://beta.example.com]\n    \
         allowed_methods: [GET, PUT, POST, HEAD]\n    allowed_headers: [content-type, content-md5, \
         authorization, x-oss-*]\n    expose_headers: [ETag, x-oss-request-id]\n    \
         max_age_seconds: 300\nresponse_vary: false\n",
    );
    let out = env
        .cmd()
        .args(["cors", "diff", "examples/cors.yaml"])
        .arg(&new)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    let expected_tail = "~ rule 1: changed\n\
        +     AllowedOrigin: https://beta.example.com\n\
        -     MaxAgeSeconds: 600\n\
        +     MaxAgeSeconds: 300\n\
        - rule 2: removed\n\
        -     AllowedOrigin: https://*.example.com\n\
        -     AllowedMethod: GET, HEAD\n\
        -     ExposeHeader: ETag, x-oss-request-id\n\
        -     MaxAgeSeconds: 3600\n\
        ~ ResponseVary: true → false\n\
        1 rule changed, 1 rule removed, ResponseVary changed\n";
    assert!(text.ends_with(expected_tail), "{text}");

    let out = env
        .cmd()
        .args(["cors", "diff", "examples/cors.yaml"])
        .arg(&new)
        .args(["--output", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["equal"], false);
    assert_eq!(v["rules"][0]["change"], "changed");
    assert_eq!(v["rules"][0]["fields"][0]["field"], "AllowedOrigin");
    assert_eq!(v["rules"][1]["change"], "removed");
    assert_eq!(v["rules"][1]["a"], 2);
    assert_eq!(v["response_vary"]["before"], true);
}

#[test]
fn diff_reads_one_side_from_stdin() {
    let env = TestEnv::new();
    let xml = std::fs::read(repo_root().join("examples/cors.xml")).unwrap();
    env.cmd()
        .args([
            "cors",
            "diff",
            "-",
            "examples/cors.json",
            "--output",
            "json",
        ])
        .write_stdin(xml)
        .assert()
        .code(0);
    env.cmd()
        .args(["cors", "diff", "-", "-"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("only one side"));
}

// ---------------------------------------------------------------- convert

#[test]
fn convert_to_s3_json_and_back() {
    let env = TestEnv::new();
    let s3 = env.home().join("s3.json");
    let out = env
        .cmd()
        .args(["cors", "convert", "examples/cors.yaml", "-o"])
        .arg(&s3)
        .args(["--to", "s3-json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: ResponseVary true dropped"),
        "{}",
        stderr(&out)
    );
    let text = std::fs::read_to_string(&s3).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        v["CORSRules"][0]["AllowedOrigins"][0],
        "https://app.example.com"
    );
    assert_eq!(v["CORSRules"][1]["MaxAgeSeconds"], 3600);
    assert!(text.starts_with("{\n    \"CORSRules\": [\n"), "{text}");

    // Back to OSS XML: the extension says json, the content says S3.
    let out = env
        .cmd()
        .args(["cors", "convert"])
        .arg(&s3)
        .args(["--to", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let xml = env.write("back.xml", &out.stdout);
    // Same rules as the original, ResponseVary aside.
    let out = env
        .cmd()
        .args(["cors", "diff", "examples/cors.yaml"])
        .arg(&xml)
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out).lines().last(),
        Some("ResponseVary changed"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn convert_from_aws_output_drops_ids_with_a_note() {
    let env = TestEnv::new();
    let aws = r#"{
    "CORSRules": [
        {
            "ID": "web",
            "AllowedHeaders": ["*"],
            "AllowedMethods": ["GET", "PUT"],
            "AllowedOrigins": ["https://app.example.com"],
            "ExposeHeaders": ["ETag"],
            "MaxAgeSeconds": 3000
        }
    ]
}"#;
    let out = env
        .cmd()
        .args(["cors", "convert", "-", "--to", "yaml"])
        .write_stdin(aws)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: rule 1: S3 ID \"web\" dropped"),
        "{}",
        stderr(&out)
    );
    let yaml = stdout(&out);
    assert!(yaml.contains("https://app.example.com"), "{yaml}");
    assert!(!yaml.contains("web"), "{yaml}");
    // -q keeps stderr quiet.
    let out = env
        .cmd()
        .args(["-q", "cors", "convert", "-", "--to", "xml"])
        .write_stdin(aws)
        .output()
        .unwrap();
    assert!(out.stderr.is_empty());
    assert!(stdout(&out).contains("<AllowedOrigin>https://app.example.com</AllowedOrigin>"));
}

#[test]
fn convert_validates_against_oss_limits() {
    let env = TestEnv::new();
    // 11 rules are fine on S3, too many for OSS.
    let rules: Vec<String> = (0..11)
        .map(|i| {
            format!(r#"{{"AllowedMethods":["GET"],"AllowedOrigins":["https://{i}.example.com"]}}"#)
        })
        .collect();
    let doc = format!("{{\"CORSRules\":[{}]}}", rules.join(","));
    let out = env
        .cmd()
        .args(["cors", "convert", "-", "--from", "s3-json", "--to", "xml"])
        .write_stdin(doc.clone())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("11"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    // S3 to S3 is not held to OSS's limits.
    env.cmd()
        .args(["cors", "convert", "-", "--to", "s3-json"])
        .write_stdin(doc)
        .assert()
        .code(0);
    // Typos in S3 JSON get a position and a hint.
    let out = env
        .cmd()
        .args(["cors", "convert", "-", "--from", "s3-json", "--to", "yaml"])
        .write_stdin("{\"CORSRules\": [{\"AllowedOrigin\": [\"*\"]}]}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("-:1:") && stderr(&out).contains("did you mean `AllowedOrigins`?"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn convert_between_oss_formats_is_lossless() {
    let env = TestEnv::new();
    for ext in ["json", "xml", "yaml"] {
        let path = env.home().join(format!("out.{ext}"));
        env.cmd()
            .args(["cors", "convert", "examples/cors.xml", "-o"])
            .arg(&path)
            .assert()
            .code(0);
        env.cmd()
            .args(["cors", "diff", "examples/cors.xml"])
            .arg(&path)
            .assert()
            .code(0);
    }
}

#[test]
fn convert_needs_an_output_format() {
    let env = TestEnv::new();
    env.cmd()
        .args(["cors", "convert", "examples/cors.yaml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--to"));
    env.cmd()
        .args(["cors", "convert", "examples/cors.yaml", "-o", "out.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot tell the output format"));
    env.cmd()
        .args(["cors", "convert", "nope.yaml", "--to", "xml"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot read nope.yaml"));
}

// ---------------------------------------------------------------- live buckets (ossctl serve)

#[test]
fn buckets_are_sources_for_lint_diff_and_convert() {
    use ossctl::server::{self, ServeConfig};

    let rt = tokio::runtime::Runtime::new().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::for_tests(data.path().to_path_buf());
    config.buckets = vec!["web".into(), "bare".into()];
    let handle = rt.block_on(server::start(config)).expect("serve starts");
    let endpoint = format!("http://{}", handle.addr());
    let env = TestEnv::new();
    let run = |args: &[&str]| {
        env.cmd()
            .args(args)
            .args(["--endpoint", &endpoint, "--region", "cn-hangzhou"])
            .env("OSS_ACCESS_KEY_ID", server::TEST_ACCESS_KEY_ID)
            .env("OSS_ACCESS_KEY_SECRET", server::TEST_ACCESS_KEY_SECRET)
            .output()
            .unwrap()
    };

    let out = run(&["cors", "put", "oss://web", "-f", "examples/lint-demo.yaml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    // lint reads the live rules.
    let out = run(&["cors", "lint", "oss://web"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("oss://web: rule 2: warning[shadowed-rule]"),
        "{}",
        stdout(&out)
    );
    // No rules on the bucket: exit 3, as `cors get`.
    let out = run(&["cors", "lint", "oss://bare"]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("bucket bare has no CORS rules"),
        "{}",
        stderr(&out)
    );

    // diff: live vs the file it came from is equal; a bucket without rules is empty.
    let out = run(&["cors", "diff", "oss://web", "examples/lint-demo.yaml"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    let out = run(&["cors", "diff", "oss://bare", "examples/cors.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("--- oss://bare (no CORS rules)\n"),
        "{text}"
    );
    assert!(
        text.contains("+ rule 1: added\n") && text.contains("+ rule 2: added\n"),
        "{text}"
    );

    // convert from a bucket.
    let out = run(&["cors", "convert", "oss://web", "--to", "s3-json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["CORSRules"][2]["AllowedOrigins"][0],
        "https://Upload.Example.org"
    );
    assert!(
        stderr(&out).contains("ResponseVary false dropped"),
        "{}",
        stderr(&out)
    );
    drop(handle);
}
