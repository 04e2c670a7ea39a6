//! ossctl in pipelines (issue 19), checked by the tools the formats are for:
//! - SARIF from `cors lint --output sarif`: Microsoft's validator (npm
//!   `@microsoft/sarif-multitool`, `validate`) and the SARIF 2.1.0 JSON schema (Python
//!   `jsonschema`, schema in tests/data/pipelines);
//! - JUnit from `cors test --requests --output junit`: PyPI `junitparser`;
//! - the pre-commit hook: `pre-commit try-repo` in a temporary git repository;
//! - Terraform: plan and state JSON fixtures through lint, test, diff and convert;
//!   `convert --to terraform` read back with PyPI `python-hcl2`;
//! - GitHub annotations: the workflow-command lines, read back with the toolkit's rules.
//!
//! The peers are installed by `scripts/setup` (.venv, tests/node/node_modules). When they
//! are missing the tests fail under `CI=true` and are skipped loudly otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{TestEnv, repo_root};

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const DATA: &str = "tests/data/pipelines";
const DEMO: &str = "examples/lint-demo.yaml";

/// Whether a missing peer is a failure (CI) or a skip (a developer machine).
fn missing_peer(what: &str) -> bool {
    let msg = format!("{what} is not installed; run scripts/setup");
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{msg}");
    }
    eprintln!("\n!!!!!!!! SKIPPED: {msg} !!!!!!!!\n");
    true
}

/// The venv's python, when it has `module`.
fn python_with(module: &str) -> Option<PathBuf> {
    let py = repo_root().join(".venv/bin/python");
    let ok = py.exists()
        && Command::new(&py)
            .args(["-c", &format!("import {module}")])
            .status()
            .is_ok_and(|s| s.success());
    ok.then_some(py)
}

fn run_python(py: &Path, script: &str, args: &[&str]) -> std::process::Output {
    Command::new(py)
        .arg("-c")
        .arg(script)
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("python runs")
}

// ---------------------------------------------------------------- SARIF

fn multitool() -> Option<PathBuf> {
    let dir = repo_root().join("tests/node/node_modules/@microsoft");
    let tool = dir.join("sarif-multitool-linux/Sarif.Multitool");
    tool.exists().then_some(tool)
}

/// Lints a few documents (a YAML file, an XML file with a hostile name, a Terraform plan)
/// into one SARIF log.
fn sarif_log(env: &TestEnv) -> (String, PathBuf) {
    let weird = env.write(
        "we\"ird %, ::name.xml",
        "<CORSConfiguration><CORSRule><AllowedOrigin>https://*example.com</AllowedOrigin>\
         <AllowedMethod>PUT</AllowedMethod></CORSRule></CORSConfiguration>",
    );
    // A file name that is not UTF-8, as an operand.
    let not_utf8 = {
        use std::os::unix::ffi::OsStrExt;
        let p = env
            .home()
            .join(std::ffi::OsStr::from_bytes(b"cors-\xFF\xFE.yaml"));
        std::fs::write(
            &p,
            "rules:\n  - allowed_origins: [\"null\"]\n    allowed_methods: [GET]\n",
        )
        .unwrap();
        p
    };
    let out = env
        .cmd()
        .args([
            "cors",
            "lint",
            DEMO,
            &format!("{DATA}/plan.json"),
            "--output",
            "sarif",
        ])
        .arg(&not_utf8)
        .arg("-f")
        .arg(&weird)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let path = env.write("lint.sarif", &out.stdout);
    (stdout(&out), path)
}

#[test]
fn sarif_validates_with_the_multitool_and_the_schema() {
    let env = TestEnv::new();
    let (log, path) = sarif_log(&env);
    let v: serde_json::Value = serde_json::from_str(&log).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    assert!(results.len() >= 8, "{log}");

    // The JSON schema (Python jsonschema, draft 2020-12 as the shipped schema says).
    match python_with("jsonschema") {
        None => {
            missing_peer(".venv with jsonschema");
        }
        Some(py) => {
            let out = run_python(
                &py,
                "import json, sys, jsonschema\n\
                 schema = json.load(open(sys.argv[1]))\n\
                 log = json.load(open(sys.argv[2]))\n\
                 cls = jsonschema.validators.validator_for(schema)\n\
                 errors = list(cls(schema).iter_errors(log))\n\
                 for e in errors: print(list(e.absolute_path), e.message)\n\
                 print('schema errors:', len(errors))\n\
                 sys.exit(1 if errors else 0)\n",
                &[
                    &format!("{DATA}/sarif-schema-2.1.0.json"),
                    path.to_str().unwrap(),
                ],
            );
            assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
            assert!(stdout(&out).contains("schema errors: 0"));
        }
    }

    validate_with_multitool(&env, &path);
}

/// Microsoft's validator: its own log must hold no error and no warning, except the one
/// about a missing `informationUri` (ossctl has no public home page to point at).
fn validate_with_multitool(env: &TestEnv, path: &Path) {
    let Some(tool) = multitool() else {
        missing_peer("@microsoft/sarif-multitool (tests/node/node_modules)");
        return;
    };
    let report = env.home().join("validation.sarif");
    let _ = std::fs::remove_file(&report);
    let out = Command::new(&tool)
        .arg("validate")
        .arg(path)
        .arg("-o")
        .arg(&report)
        .output()
        .expect("the multitool runs");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    let validation: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let problems: Vec<String> = validation["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| matches!(r["level"].as_str(), Some("error" | "warning") | None))
        .filter(|r| {
            !(r["ruleId"] == "SARIF2005"
                && r["message"]["id"] == "Warning_ProvideToolnformationUri")
        })
        .map(|r| format!("{} {}", r["ruleId"], r["message"]))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}\n{}", stdout(&out));
}

#[test]
fn sarif_reports_invalid_documents_as_errors_and_still_validates() {
    let env = TestEnv::new();
    let bad = env.write(
        "bad-cors.yaml",
        "rules:\n  - allowed_origin: [https://a.example.com]\n    allowed_methods: [GET, PATCH]\n",
    );
    let out = env
        .cmd()
        .args(["cors", "lint", DEMO, "--output", "sarif"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let log = stdout(&out);
    let v: serde_json::Value = serde_json::from_str(&log).unwrap();
    let errors: Vec<&serde_json::Value> = v["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "invalid-document")
        .collect();
    assert_eq!(errors.len(), 2, "{log}");
    assert!(errors.iter().all(|r| r["level"] == "error"));
    let loc = &errors[0]["locations"][0]["physicalLocation"];
    assert!(
        loc["artifactLocation"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("/bad-cors.yaml")
    );
    assert_eq!(loc["region"]["startLine"], 2);
    // The demo's findings are still there.
    assert!(log.contains("shadowed-rule"));
    // One invalid document alone: still a SARIF log, exit 2.
    let out = env
        .cmd()
        .args(["cors", "lint", "--output", "sarif"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let path = env.write("bad.sarif", &out.stdout);
    validate_with_multitool(&env, &path);
}

#[test]
fn sarif_points_at_the_value_and_names_terraform_resources() {
    let env = TestEnv::new();
    let (log, _) = sarif_log(&env);
    let v: serde_json::Value = serde_json::from_str(&log).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    // examples/lint-demo.yaml: the dead origin "https://Upload.Example.org" of rule 3.
    let demo = std::fs::read_to_string(repo_root().join(DEMO)).unwrap();
    let (line, col) = demo
        .lines()
        .enumerate()
        .find_map(|(i, l)| l.find("https://Upload.Example.org").map(|c| (i + 1, c)))
        .unwrap();
    let dead = results
        .iter()
        .find(|r| {
            r["ruleId"] == "dead-origin"
                && r["message"]["text"]
                    .as_str()
                    .unwrap()
                    .contains("Upload.Example.org")
        })
        .expect("the dead origin is reported");
    let loc = &dead["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], DEMO);
    assert_eq!(loc["region"]["startLine"], line);
    // The value may be quoted in the file; the column is the value's (or its quote's).
    let start = loc["region"]["startColumn"].as_u64().unwrap() as usize;
    assert!(
        start == col || start == col + 1 || start + 1 == col + 1,
        "{start} vs {col}"
    );
    let text = dead["message"]["text"].as_str().unwrap();
    assert!(text.contains("Fix: write it as"), "{text}");

    // Terraform: the plan file plus the resource address as a logical location.
    let tf = results
        .iter()
        .find(|r| {
            r["ruleId"] == "wildcard-suffix-takeover"
                && r["locations"][0]["logicalLocations"].is_array()
        })
        .expect("the plan's takeover wildcard");
    assert_eq!(
        tf["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
        "module.media.alicloud_oss_bucket.media rule 1"
    );
    assert_eq!(
        tf["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        format!("{DATA}/plan.json")
    );
    // The hostile file name is percent-encoded into a file:// URI.
    assert!(
        results.iter().any(
            |r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.starts_with("file://")
                    && u.ends_with("we%22ird%20%25%2C%20%3A%3Aname.xml"))
        ),
        "{log}"
    );
    // So is one that is not UTF-8, byte by byte.
    assert!(
        results.iter().any(|r| r["ruleId"] == "null-origin"
            && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("/cors-%FF%FE.yaml"))),
        "{log}"
    );
}

#[test]
fn sarif_and_junit_are_refused_where_they_do_not_apply() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "diff", DEMO, DEMO, "--output", "sarif"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--output sarif is for `cors lint`"),
        "{}",
        stderr(&out)
    );
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            DEMO,
            "--origin",
            "https://a.example.com",
            "--method",
            "GET",
            "--output",
            "junit",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--requests"), "{}", stderr(&out));
}

// ---------------------------------------------------------------- GitHub annotations

fn annotations(text: &str) -> Vec<ossctl::render::github::Parsed> {
    text.lines()
        .filter(|l| l.starts_with("::"))
        .map(|l| ossctl::render::github::parse_annotation(l).unwrap_or_else(|| panic!("{l}")))
        .collect()
}

fn prop<'a>(props: &'a [(String, String)], key: &str) -> Option<&'a str> {
    props
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[test]
fn github_annotations_for_lint_findings() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "lint", DEMO, "--output", "github"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let found = annotations(&text);
    assert_eq!(found.len(), 8, "{text}");
    let shadowed = found
        .iter()
        .find(|(_, p, _)| prop(p, "title") == Some("ossctl shadowed-rule"))
        .unwrap();
    assert_eq!(shadowed.0, "warning");
    assert_eq!(prop(&shadowed.1, "file"), Some(DEMO));
    assert!(prop(&shadowed.1, "line").is_some());
    assert!(
        shadowed.2.contains("\nfix: delete rule 2"),
        "{}",
        shadowed.2
    );
    // Notes are notices.
    assert!(found.iter().any(|(l, _, _)| l == "notice"));
    // The text output is still there, with file:line:col.
    assert!(text.contains("examples/lint-demo.yaml:"), "{text}");
}

#[test]
fn github_annotations_for_invalid_documents_on_any_command() {
    let env = TestEnv::new();
    let bad = env.write(
        "bad, cors.yaml",
        "rules:\n  - allowed_origin: [https://a.example.com]\n    allowed_methods: [GET, PATCH]\n",
    );
    for args in [
        vec!["cors", "lint", "-f"],
        vec![
            "cors",
            "test",
            "--origin",
            "https://a.example.com",
            "--method",
            "GET",
            "-f",
        ],
        vec!["cors", "convert", "--to", "xml"],
        // Nothing is sent: the document is checked first (the endpoint is never reached).
        vec![
            "cors",
            "put",
            "oss://bucket1",
            "--endpoint",
            "http://127.0.0.1:9",
            "-f",
        ],
    ] {
        let out = env
            .cmd()
            .args(&args)
            .arg(&bad)
            .args(["--output", "github"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let found = annotations(&stdout(&out));
        assert_eq!(found.len(), 2, "{args:?}: {}", stdout(&out));
        for (level, props, message) in &found {
            assert_eq!(level, "error");
            assert_eq!(prop(props, "file"), Some(bad.to_str().unwrap()));
            assert!(prop(props, "line").is_some());
            assert!(message.starts_with("rule 1: "), "{message}");
        }
        // The usual report is still on stderr.
        assert!(stderr(&out).contains("PATCH"), "{}", stderr(&out));
    }
}

#[test]
fn github_annotations_for_blocked_requests() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "test", "-f", "examples/cors.yaml", "--requests"])
        .arg(format!("{DATA}/requests.jsonl"))
        .args(["--output", "github"])
        .output()
        .unwrap();
    // One line is not a request: exit 2, as without --output github.
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stdout(&out);
    let found = annotations(&text);
    let lines: Vec<&str> = found
        .iter()
        .map(|(_, p, _)| prop(p, "line").unwrap())
        .collect();
    assert_eq!(lines, ["4", "5", "6"], "{text}");
    assert!(
        found.iter().all(|(l, p, _)| l == "error"
            && prop(p, "file") == Some("tests/data/pipelines/requests.jsonl"))
    );
    assert!(
        found[1]
            .2
            .contains("\nfix: add PUT to rule 2's AllowedMethod"),
        "{}",
        found[1].2
    );
    assert!(
        text.ends_with("3 allowed, 2 blocked, 1 invalid line\n"),
        "{text}"
    );
}

// ---------------------------------------------------------------- JUnit

#[test]
fn junit_parses_with_junitparser_and_matches_the_summary() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args(["cors", "test", "-f", "examples/cors.yaml", "--requests"])
        .arg(format!("{DATA}/requests.jsonl"))
        .args(["--output", "junit"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("3 allowed, 2 blocked, 1 invalid line"),
        "{}",
        stderr(&out)
    );
    let report = env.write("report.xml", &out.stdout);
    let Some(py) = python_with("junitparser") else {
        missing_peer(".venv with junitparser");
        return;
    };
    let check = run_python(
        &py,
        "import sys\n\
         from junitparser import JUnitXml, Failure, Error\n\
         xml = JUnitXml.fromfile(sys.argv[1])\n\
         cases = [c for s in xml for c in s]\n\
         fail = [c for c in cases if any(isinstance(r, Failure) for r in c.result)]\n\
         err = [c for c in cases if any(isinstance(r, Error) for r in c.result)]\n\
         print('tests', len(cases), 'failures', len(fail), 'errors', len(err))\n\
         for s in xml: print('suite', s.name, s.tests, s.failures, s.errors)\n\
         for c in fail:\n\
         \x20   r = c.result[0]\n\
         \x20   print('FAIL', c.name, '|', r.type, '|', r.message, '|', r.text.replace(chr(10), ' / '))\n",
        &[report.to_str().unwrap()],
    );
    assert!(check.status.success(), "{}", stderr(&check));
    let text = stdout(&check);
    // 3 allowed + 2 blocked + 1 invalid = 6 cases, as the summary says.
    assert!(text.contains("tests 6 failures 2 errors 1"), "{text}");
    assert!(
        text.contains("suite tests/data/pipelines/requests.jsonl 6 2 1"),
        "{text}"
    );
    assert!(
        text.contains(
            "FAIL line 5: PUT https://www.example.com / | blocked_preflight | blocked at preflight:"
        ),
        "{text}"
    );
    assert!(
        text.contains("add `x-oss-meta-author` (or `x-oss-*`) to rule 2's AllowedHeader"),
        "{text}"
    );
}

// ---------------------------------------------------------------- pre-commit

fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn pre_commit_try_repo_fails_a_bad_rule_file_and_passes_a_clean_one() {
    let Some(py) = python_with("pre_commit") else {
        missing_peer(".venv with pre-commit");
        return;
    };
    let pre_commit = py.with_file_name("pre-commit");
    // pre-commit validates the manifest itself.
    let out = Command::new(&pre_commit)
        .args(["validate-manifest", ".pre-commit-hooks.yaml"])
        .current_dir(repo_root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));

    let env = TestEnv::new();
    let work = env.home().join("work");
    std::fs::create_dir_all(work.join("infra")).unwrap();
    git(&work, &["init", "-q"]);
    // The hook that uses the ossctl on PATH: the binary under test.
    let bin_dir = Path::new(crate::util::bin())
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let try_repo = |files: &[&str]| {
        Command::new(&pre_commit)
            .args(["try-repo"])
            .arg(repo_root())
            .args(["ossctl-cors-lint-system", "--files"])
            .args(files)
            .current_dir(&work)
            .env("PATH", &path)
            .env("PRE_COMMIT_HOME", env.home().join("pre-commit-cache"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    std::fs::write(
        work.join("infra/cors.yaml"),
        "rules:\n  - allowed_origins: [https://app.example.com]\n    allowed_methods: [GET]\n",
    )
    .unwrap();
    std::fs::write(
        work.join("infra/bucket-cors.xml"),
        "<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>https://App.example.com</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n  </CORSRule>\n</CORSConfiguration>\n",
    )
    .unwrap();
    std::fs::write(
        work.join("infra/cors-typo.json"),
        r#"{"rules":[{"allowed_origin":["https://a.example.com"],"allowed_methods":["GET"]}]}"#,
    )
    .unwrap();
    git(&work, &["add", "-A"]);

    let clean = try_repo(&["infra/cors.yaml"]);
    assert!(
        clean.status.success(),
        "{}{}",
        stdout(&clean),
        stderr(&clean)
    );
    assert!(stdout(&clean).contains("Passed"), "{}", stdout(&clean));

    // A warning (a dead origin) fails with --strict, naming file:line:col.
    let warn = try_repo(&["infra/bucket-cors.xml"]);
    assert_eq!(warn.status.code(), Some(1), "{}", stdout(&warn));
    assert!(stdout(&warn).contains("Failed"), "{}", stdout(&warn));
    assert!(
        stdout(&warn).contains("infra/bucket-cors.xml:3:20: rule 1: warning[dead-origin]"),
        "{}",
        stdout(&warn)
    );
    // An invalid document fails, naming file:line:col.
    let invalid = try_repo(&["infra/cors-typo.json", "infra/cors.yaml"]);
    assert_eq!(invalid.status.code(), Some(1), "{}", stdout(&invalid));
    assert!(
        stdout(&invalid).contains("- exit code: 2"),
        "{}",
        stdout(&invalid)
    );
    assert!(
        stdout(&invalid)
            .contains("infra/cors-typo.json:1:12: rule 1: unknown key `allowed_origin`"),
        "{}",
        stdout(&invalid)
    );
}

// ---------------------------------------------------------------- Terraform

#[test]
fn terraform_plan_and_state_feed_lint_test_and_convert() {
    let env = TestEnv::new();
    let plan = format!("{DATA}/plan.json");
    // lint: every resource with rules, named by address; the bucket without rules is skipped.
    let out = env
        .cmd()
        .args(["cors", "lint", "-f", &plan])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("plan.json: alicloud_oss_bucket_cors.site: no findings in 1 rule"),
        "{text}"
    );
    assert!(text.contains("plan.json: module.media.alicloud_oss_bucket.media: rule 1: warning[wildcard-suffix-takeover]"), "{text}");
    assert!(!text.contains("alicloud_oss_bucket.logs"), "{text}");

    // test: once per resource; blocked on one resource is exit 1.
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            &plan,
            "--origin",
            "https://app.example.com",
            "--method",
            "PUT",
            "-H",
            "Content-Type: application/json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("== alicloud_oss_bucket_cors.site (bucket site-assets) =="),
        "{text}"
    );
    assert!(
        text.contains("== module.media.alicloud_oss_bucket.media (bucket media-files) =="),
        "{text}"
    );
    // --resource picks one: the site allows it.
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            &plan,
            "--resource",
            "alicloud_oss_bucket_cors.site",
            "--origin",
            "https://app.example.com",
            "--method",
            "PUT",
            "-H",
            "Content-Type: application/json",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stdout(&out).contains("=="), "{}", stdout(&out));

    // The state works the same way, with --requests too.
    let out = env
        .cmd()
        .args([
            "cors",
            "test",
            "-f",
            &format!("{DATA}/state.json"),
            "--requests",
            &format!("{DATA}/requests.jsonl"),
            "--output",
            "junit",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).contains(r#"tests="6""#), "{}", stdout(&out));

    // convert: one resource to YAML.
    let out = env
        .cmd()
        .args([
            "cors",
            "convert",
            &plan,
            "--resource",
            "module.media.alicloud_oss_bucket.media",
            "--to",
            "yaml",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("https://*example.com"),
        "{}",
        stdout(&out)
    );
    // Several resources and one output: pick one.
    let out = env
        .cmd()
        .args(["cors", "convert", &plan, "--to", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("pick one with --resource"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn terraform_bad_cases_exit_2_with_a_precise_message() {
    let env = TestEnv::new();
    let cases = [
        (
            vec![
                "cors",
                "lint",
                "-f",
                "tests/data/pipelines/plan-unknown.json",
            ],
            "alicloud_oss_bucket_cors.site: cors_rule[0].allowed_origins is not known until apply",
        ),
        (
            vec![
                "cors",
                "lint",
                "-f",
                "tests/data/pipelines/plan-no-rules.json",
            ],
            "no alicloud_oss_bucket or alicloud_oss_bucket_cors resource with cors_rule blocks",
        ),
        (
            vec![
                "cors",
                "lint",
                "-f",
                "tests/data/pipelines/plan.json",
                "--resource",
                "alicloud_oss_bucket.logs",
            ],
            "alicloud_oss_bucket.logs (alicloud_oss_bucket) has no cors_rule blocks",
        ),
        (
            vec![
                "cors",
                "lint",
                "-f",
                "tests/data/pipelines/not-terraform.json",
                "--resource",
                "a.b",
            ],
            "not a Terraform JSON document: it has no `format_version`",
        ),
        (
            vec![
                "cors",
                "convert",
                "tests/data/pipelines/not-terraform.json",
                "--from",
                "terraform",
                "--to",
                "yaml",
            ],
            "not a Terraform JSON document",
        ),
        (
            vec![
                "cors",
                "test",
                "-f",
                "tests/data/pipelines/plan.json",
                "--resource",
                "nope",
                "--origin",
                "https://a.example.com",
                "--method",
                "GET",
            ],
            "no alicloud_oss_bucket or alicloud_oss_bucket_cors resource \"nope\"",
        ),
    ];
    for (args, expected) in cases {
        let out = env
            .cmd()
            .args(&args)
            .env("COLUMNS", "400")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let err = stderr(&out)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let err = err.replace(" | ", " ");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
}

/// `convert --to terraform`, read back by python-hcl2 (tests/pipelines/hcl_to_rules.py),
/// gives the same rules: `cors diff` against the original finds nothing.
fn hcl_round_trip(env: &TestEnv, py: &Path, input: &Path, bucket: &str) {
    let out = env
        .cmd()
        .args(["cors", "convert"])
        .arg(input)
        .args(["--to", "terraform", "--bucket", bucket])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hcl = stdout(&out);
    let tf = env.write("cors.tf", &hcl);
    let back = Command::new(py)
        .arg(repo_root().join("tests/pipelines/hcl_to_rules.py"))
        .arg(&tf)
        .output()
        .unwrap();
    assert!(back.status.success(), "{}\n{hcl}", stderr(&back));
    assert_eq!(stderr(&back).trim(), bucket);
    let json = env.write("back.json", &back.stdout);
    let out = env
        .cmd()
        .args(["cors", "diff"])
        .arg(input)
        .arg(&json)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}\n{hcl}",
        stdout(&out),
        stderr(&out)
    );
}

#[test]
fn convert_to_terraform_reads_back_with_python_hcl2() {
    let env = TestEnv::new();
    let out = env
        .cmd()
        .args([
            "cors",
            "convert",
            "examples/cors.yaml",
            "--to",
            "terraform",
            "--bucket",
            "site-assets",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let hcl = stdout(&out);
    assert!(
        hcl.contains("resource \"alicloud_oss_bucket_cors\" \"site-assets\" {"),
        "{hcl}"
    );
    assert!(
        hcl.contains("    expose_header = [\"ETag\", \"x-oss-request-id\"]"),
        "{hcl}"
    );
    // Without --bucket and without a bucket in the input: exit 2.
    let out = env
        .cmd()
        .args(["cors", "convert", "examples/cors.yaml", "--to", "terraform"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--bucket"), "{}", stderr(&out));

    let Some(py) = python_with("hcl2") else {
        missing_peer(".venv with python-hcl2");
        return;
    };
    hcl_round_trip(
        &env,
        &py,
        &repo_root().join("examples/cors.yaml"),
        "site-assets",
    );
    hcl_round_trip(&env, &py, &repo_root().join(DEMO), "demo");
    // Quotes, backslashes and template sequences stay literal text.
    let evil = env.write(
        "evil.json",
        r#"{"rules":[{"allowed_origins":["https://a.example.com/${var}-%{if}-$${x}-\"q\"-\\"],"allowed_methods":["GET"]}],"response_vary":false}"#,
    );
    hcl_round_trip(&env, &py, &evil, "b");
}

#[test]
fn terraform_plan_diffs_against_each_resources_own_bucket() {
    use ossctl::server::{self, ServeConfig};

    let rt = tokio::runtime::Runtime::new().unwrap();
    let data = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::for_tests(data.path().to_path_buf());
    config.buckets = vec!["site-assets".into(), "media-files".into()];
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
    let plan = format!("{DATA}/plan.json");
    // Put the site's planned rules on its bucket; the media bucket has none yet.
    let yaml = run(&[
        "cors",
        "convert",
        &plan,
        "--resource",
        "alicloud_oss_bucket_cors.site",
        "--to",
        "yaml",
    ]);
    assert_eq!(yaml.status.code(), Some(0), "{}", stderr(&yaml));
    let file = env.write("site.yaml", &yaml.stdout);
    let out = run(&[
        "cors",
        "put",
        "oss://site-assets",
        "-f",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(&["cors", "diff", "oss://", &plan]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("--- oss://site-assets"), "{text}");
    assert!(
        text.contains("--- oss://media-files (no CORS rules)"),
        "{text}"
    );
    assert!(
        text.contains("+++ tests/data/pipelines/plan.json: module.media.alicloud_oss_bucket.media"),
        "{text}"
    );
    // Only the site: equal to what was put.
    let out = run(&[
        "cors",
        "diff",
        "oss://",
        &plan,
        "--resource",
        "alicloud_oss_bucket_cors.site",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout(&out),
        stderr(&out)
    );
    drop(handle);
}
