//! Reliability and security evidence (issue 8), against the real `ossctl` binary and a real
//! `ossctl serve` (in-process or as a child process):
//!
//! * the hostile rule-file corpus `tests/hostile/rules/` (+ 10 MB files made at test time):
//!   every file is refused by `cors put` and `cors test` with exit 2 and a precise error
//!   (file:line:col and the rule/field/value, listed in `EXPECTED.tsv`), and the endpoint's
//!   request counter proves that nothing was sent;
//! * a single-byte mutation sweep of valid signed requests (V1/V4, header and presigned):
//!   every mutant is refused, the server never falls over;
//! * repeated SIGKILLs of `ossctl serve` during concurrent CORS and object writes;
//! * a fault-injecting TCP proxy between `cors put --verify` and serve;
//! * secrets in output and config-file permissions.
//!
//! The fuzz-corpus replay lives in `reliability_fuzz.rs`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Output;
use std::time::Duration;

use ossctl::server::{TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET};

use crate::util::{TestEnv, repo_root};

/// The in-process `serve` of the reliability modules (start it with bucket `bucket`).
pub(crate) use crate::util::Srv;

/// `ossctl` aimed at `endpoint` with the test key pair (from the environment, as a user would).
pub(crate) fn ossctl(env: &TestEnv, endpoint: &str) -> assert_cmd::Command {
    let mut cmd = env.cmd();
    cmd.env("OSS_ENDPOINT", endpoint)
        .env("OSS_REGION", "cn-hangzhou")
        .env("OSS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)
        .timeout(Duration::from_secs(60));
    cmd
}

pub(crate) fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Undo miette's line wrapping (`\n   | ` continuation prefixes) and drop all whitespace, so an
/// expected message matches wherever the terminal-width wrapping fell.
fn squash(s: &str) -> String {
    let mut out = String::new();
    let mut lines = s.lines();
    if let Some(first) = lines.next() {
        out.push_str(first);
    }
    for line in lines {
        let t = line.trim_start();
        out.push_str(t.strip_prefix('|').unwrap_or(t));
    }
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The corpus manifest: file name → the key text of its error.
fn corpus_manifest() -> BTreeMap<String, String> {
    let dir = repo_root().join("tests/hostile/rules");
    let manifest = std::fs::read_to_string(dir.join("EXPECTED.tsv")).expect("EXPECTED.tsv");
    let mut expected = BTreeMap::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let (file, want) = line.split_once('\t').expect("file<TAB>expected");
        assert!(
            expected
                .insert(file.to_string(), want.to_string())
                .is_none(),
            "{file} listed twice"
        );
    }
    // Every corpus file has an expectation and every expectation a file.
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "EXPECTED.tsv")
        .collect();
    files.sort();
    let listed: Vec<String> = expected.keys().cloned().collect();
    assert_eq!(
        files, listed,
        "tests/hostile/rules and EXPECTED.tsv disagree"
    );
    expected
}

/// Asserts one refused document: exit 2, the expected key text, no panic, no abort.
fn assert_refused(what: &str, out: &Output, want: &str) {
    let (stdout, stderr) = text(out);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: exit {:?}\nstdout: {stdout}\nstderr: {stderr}",
        out.status
    );
    assert!(
        squash(&stderr).contains(&squash(want)),
        "{what}: expected {want:?} in\n{stderr}"
    );
    for bad in [
        "panicked",
        "overflowed",
        "RUST_BACKTRACE",
        "fatal runtime error",
    ] {
        assert!(!stderr.contains(bad), "{what}: {bad} in\n{stderr}");
    }
    assert!(
        !stdout.contains("ok "),
        "{what}: reported success: {stdout}"
    );
}

#[test]
fn hostile_rule_files_are_refused_precisely_and_nothing_is_sent() {
    let srv = Srv::start(&["bucket"], |_| {});
    let env = TestEnv::new();
    let dir = repo_root().join("tests/hostile/rules");
    let mut cases: Vec<(PathBuf, String)> = corpus_manifest()
        .into_iter()
        .map(|(file, want)| (dir.join(file), want))
        .collect();
    assert!(cases.len() >= 40, "the corpus has {} files", cases.len());

    // 10 MB documents are made here, not committed: refused by size before parsing.
    let rule = "<CORSRule><AllowedOrigin>https://a.example.com</AllowedOrigin>\
                <AllowedMethod>GET</AllowedMethod></CORSRule>";
    let mut big_xml = String::from("<CORSConfiguration>");
    while big_xml.len() < 10 * 1024 * 1024 {
        big_xml.push_str(rule);
    }
    big_xml.push_str("</CORSConfiguration>");
    let mut big_yaml = String::from("rules:\n");
    while big_yaml.len() < 10 * 1024 * 1024 {
        big_yaml.push_str(
            "  - allowed_origins: [\"https://a.example.com\"]\n    allowed_methods: [GET]\n",
        );
    }
    for (name, body) in [("ten-mb.xml", big_xml), ("ten-mb.yaml", big_yaml)] {
        let path = env.write(name, body);
        cases.push((
            path,
            format!("{name}: document is"), // "... N bytes; rule documents are limited to ..."
        ));
    }

    let mut checked = 0;
    for (path, want) in &cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let before = srv.requests();
        let out = ossctl(&env, &srv.url())
            .current_dir(path.parent().unwrap())
            .args(["cors", "put", "oss://bucket", "-f", &name])
            .output()
            .unwrap();
        assert_refused(&format!("cors put {name}"), &out, want);
        if name.starts_with("ten-mb") {
            assert!(
                squash(&text(&out).1).contains(&squash("rule documents are limited to")),
                "{name}: {}",
                text(&out).1
            );
        }
        let out = ossctl(&env, &srv.url())
            .current_dir(path.parent().unwrap())
            .args([
                "cors",
                "test",
                "-f",
                &name,
                "--origin",
                "https://a.example.com",
                "--method",
                "GET",
            ])
            .output()
            .unwrap();
        assert_refused(&format!("cors test {name}"), &out, want);
        assert_eq!(
            srv.requests(),
            before,
            "{name}: a request reached the endpoint"
        );
        checked += 1;
    }
    assert_eq!(srv.requests(), 0, "no request at all reached the endpoint");
    assert!(checked >= 42);

    // The same endpoint accepts a valid document afterwards (the count can move).
    let ok = env.write(
        "ok.yaml",
        "rules:\n  - allowed_origins: [\"https://a.example.com\"]\n    allowed_methods: [GET]\n",
    );
    let out = ossctl(&env, &srv.url())
        .args(["cors", "put", "oss://bucket", "-f"])
        .arg(&ok)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{:?}", text(&out));
    assert!(srv.requests() > 0);
}

/// The corpus files are also refused by the library readers (no panic, a located error).
#[test]
fn hostile_rule_files_fail_in_the_library_with_a_position() {
    let dir = repo_root().join("tests/hostile/rules");
    for file in corpus_manifest().keys() {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let format = ossctl::rules::Format::from_path(file).expect("known extension");
        let err = ossctl::rules::parse_bytes(&bytes, format, file)
            .expect_err(&format!("{file} must be refused"));
        let shown = err.to_string();
        assert!(!shown.is_empty(), "{file}");
    }
}

/// Secrets on the error paths the client tests do not cover: a wrong secret
/// (SignatureDoesNotMatch, whose body carries the server's StringToSign), an unreachable
/// endpoint, an invalid rule file, `--dry-run`, each under `--debug` and `-vv`; and `serve`
/// never prints a secret it was given.
#[test]
fn secrets_never_appear_on_error_paths() {
    let srv = Srv::start(&["bucket"], |_| {});
    let env = TestEnv::new();
    let wrong = "WRONG-secret-must-not-leak-4242";
    let good = env.write(
        "good.yaml",
        "rules:\n  - allowed_origins: [\"https://a.example.com\"]\n    allowed_methods: [GET]\n",
    );
    let bad = env.write("bad.yaml", "rules: 42\n");
    let url = srv.url();
    let runs: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["cors", "put", "oss://bucket", "-f", good.to_str().unwrap()],
            url.as_str(),
        ),
        (vec!["cors", "get", "oss://bucket"], url.as_str()),
        (
            vec![
                "cors",
                "put",
                "oss://bucket",
                "--dry-run",
                "-f",
                good.to_str().unwrap(),
            ],
            url.as_str(),
        ),
        (
            vec!["cors", "put", "oss://bucket", "-f", bad.to_str().unwrap()],
            url.as_str(),
        ),
        (
            vec!["cors", "get", "oss://bucket", "--retries", "0"],
            "http://127.0.0.1:1",
        ),
        (
            vec![
                "cors",
                "test",
                "oss://bucket",
                "--origin",
                "https://a.example.com",
                "--method",
                "GET",
            ],
            url.as_str(),
        ),
    ];
    let mut outputs = 0;
    let mut saw_mismatch = false;
    for (args, endpoint) in &runs {
        for flags in [&["--debug"][..], &["-vv"][..], &[][..]] {
            let out = ossctl(&env, endpoint)
                .env("OSS_ACCESS_KEY_SECRET", wrong)
                .args(flags)
                .args(args)
                .output()
                .unwrap();
            let (stdout, stderr) = text(&out);
            let all = format!("{stdout}{stderr}");
            assert!(!all.contains(wrong), "secret in {flags:?} {args:?}:\n{all}");
            assert!(!all.contains(TEST_ACCESS_KEY_SECRET), "{args:?}:\n{all}");
            assert!(!all.contains("panicked"), "{all}");
            saw_mismatch |= all.contains("SignatureDoesNotMatch");
            outputs += 1;
        }
    }
    assert!(saw_mismatch, "the wrong secret was refused by the endpoint");
    assert_eq!(outputs, 18);

    // serve with a secret of our own: never printed, not even in the start-up lines.
    let data = tempfile::tempdir().unwrap();
    let serve_secret = "serve-secret-never-printed-9191";
    let mut child = env
        .std_cmd(crate::util::bin())
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data.path())
        .args([
            "--access-key-id",
            "LTAIserveId",
            "--access-key-secret",
            serve_secret,
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = text(&out);
    assert!(
        stdout.contains("127.0.0.1:"),
        "serve started: {stdout}{stderr}"
    );
    assert!(
        !stdout.contains(serve_secret) && !stderr.contains(serve_secret),
        "{stdout}{stderr}"
    );
}

/// With an STS token, a SignatureDoesNotMatch failure shows the server's and our canonical
/// request / string-to-sign; both contain an `x-oss-security-token:<TOKEN>` line, which must
/// be masked (`oss::mask::mask_signing_text`), with and without `--debug`.
#[test]
fn sts_token_never_appears_in_signature_mismatch_output() {
    let srv = Srv::start(&["bucket"], |_| {});
    let env = TestEnv::new();
    let token = "STS-token-must-not-leak-777";
    for flags in [&["--debug"][..], &[][..]] {
        let out = ossctl(&env, &srv.url())
            .env("OSS_ACCESS_KEY_SECRET", "WRONG-secret")
            .env("OSS_SESSION_TOKEN", token)
            .args(flags)
            .args(["cors", "get", "oss://bucket", "--retries", "0"])
            .output()
            .unwrap();
        let (stdout, stderr) = text(&out);
        assert!(stderr.contains("SignatureDoesNotMatch"), "{stderr}");
        assert!(
            !format!("{stdout}{stderr}").contains(token),
            "token in {flags:?}:\n{stderr}"
        );
    }
}
