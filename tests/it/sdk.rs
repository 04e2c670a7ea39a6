//! Conformance of `ossctl serve` with clients nobody here wrote: the official Python SDKs
//! (`oss2` V1/V4, `alibabacloud-oss-v2` V4/V1) through `tests/sdk/verify_server.py` (bucket
//! CORS and auth; copied from the shared reference) and `tests/sdk/objects_roundtrip.py`
//! (objects, ACLs, listing, presigned URLs, CRC64), and the npm `ali-oss` client through
//! `tests/node/ali_oss_roundtrip.js`.
//!
//! The peers are installed by `scripts/setup` (a `.venv` with pinned SDKs, `tests/node/node_modules`).
//! When they are missing the tests fail under `CI=true` and are skipped loudly otherwise.

use std::path::{Path, PathBuf};
use std::process::Command;

use ossctl::server::{self, ServeConfig};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Whether a missing peer is a failure (CI) or a skip (a developer machine).
fn missing_peer(what: &str) -> bool {
    let msg = format!(
        "{what} is not installed; run scripts/setup (it creates .venv with oss2==2.19.1 and \
         alibabacloud-oss-v2==1.4.1, and tests/node/node_modules with ali-oss)"
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{msg}");
    }
    eprintln!("\n!!!!!!!! SKIPPED: {msg} !!!!!!!!\n");
    true
}

fn python() -> Option<PathBuf> {
    let py = repo().join(".venv/bin/python");
    let ok = py.exists()
        && Command::new(&py)
            .args(["-c", "import oss2, alibabacloud_oss_v2"])
            .status()
            .is_ok_and(|s| s.success());
    ok.then_some(py)
}

/// `N passed, M failed` from the last such line of a checker's output.
fn counts(output: &str) -> Option<(u32, u32)> {
    output.lines().rev().find_map(|line| {
        let (p, rest) = line.trim().split_once(" passed, ")?;
        let f = rest.strip_suffix(" failed")?;
        Some((p.parse().ok()?, f.parse().ok()?))
    })
}

/// Runs a checker off the async runtime (the server runs on it) and returns its stdout.
async fn run_checker(mut cmd: Command) -> (bool, String) {
    let out = tokio::task::spawn_blocking(move || cmd.output())
        .await
        .unwrap()
        .expect("checker runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    (
        out.status.success(),
        format!("{stdout}\n--- stderr ---\n{stderr}"),
    )
}

fn scrubbed(cmd: &mut Command) -> &mut Command {
    for v in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        cmd.env_remove(v);
    }
    cmd.env("NO_PROXY", "*").env("no_proxy", "*")
}

async fn verify_server(
    py: &Path,
    extra_config: impl FnOnce(&mut ServeConfig),
    args: &[&str],
) -> (u32, u32, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::for_tests(dir.path().to_path_buf());
    extra_config(&mut config);
    let handle = server::start(config).await.unwrap();
    let mut cmd = Command::new(py);
    scrubbed(&mut cmd)
        .arg(repo().join("tests/sdk/verify_server.py"))
        .args(["--endpoint", &handle.endpoint_url()])
        .args(["--access-key-id", server::TEST_ACCESS_KEY_ID])
        .args(["--access-key-secret", server::TEST_ACCESS_KEY_SECRET])
        .args(["--clients", "all", "--preflight", "--create-bucket"])
        .args(args);
    let (success, output) = run_checker(cmd).await;
    let requests = handle.request_count();
    handle.shutdown().await;
    let (passed, failed) =
        counts(&output).unwrap_or_else(|| panic!("no 'N passed, M failed' line:\n{output}"));
    assert_eq!(
        success,
        failed == 0,
        "exit status agrees with the counts:\n{output}"
    );
    assert!(requests > 0, "the SDKs reached the server");
    (passed, failed, output)
}

/// 4 clients × 13 checks (create bucket, 2×(put+get), 3 preflights, delete, get-404,
/// delete again, wrong secret, unknown key id).
const EXPECTED_CHECKS: u32 = 52;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdks_path_style() {
    let Some(py) = python() else {
        missing_peer("the Python venv with the official OSS SDKs");
        return;
    };
    let (passed, failed, output) =
        verify_server(&py, |_| {}, &["--bucket", "sdk-path-style"]).await;
    assert_eq!(failed, 0, "{output}");
    assert_eq!(passed, EXPECTED_CHECKS, "{output}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdks_virtual_host_with_sts_token() {
    let Some(py) = python() else {
        missing_peer("the Python venv with the official OSS SDKs");
        return;
    };
    const DOMAIN: &str = "oss.loopback.test";
    const TOKEN: &str = "CAIS.ossctl-test-token/+=";
    let (passed, failed, output) = verify_server(
        &py,
        |c| {
            c.domain = DOMAIN.to_string();
            c.sts_tokens = vec![ossctl::oss::Secret::new(TOKEN)];
        },
        &[
            "--bucket",
            "sdk-vhost",
            "--vhost-domain",
            DOMAIN,
            "--security-token",
            TOKEN,
        ],
    )
    .await;
    assert!(
        output.contains("addressing=vhost") && output.contains("sts=yes"),
        "{output}"
    );
    assert_eq!(failed, 0, "{output}");
    assert_eq!(passed, EXPECTED_CHECKS, "{output}");

    // The same run with a token the server does not know must fail: the token is checked.
    let (_, failed, output) = verify_server(
        &py,
        |c| {
            c.domain = DOMAIN.to_string();
            c.sts_tokens = vec![ossctl::oss::Secret::new(TOKEN)];
        },
        &[
            "--bucket",
            "sdk-vhost",
            "--vhost-domain",
            DOMAIN,
            "--security-token",
            "CAIS.unknown-token",
            "--clients",
            "oss2-v4",
        ],
    )
    .await;
    assert!(
        failed > 0,
        "an unknown STS token must be refused:\n{output}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn official_python_sdks_object_round_trip() {
    let Some(py) = python() else {
        missing_peer("the Python venv with the official OSS SDKs");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let handle = server::start(ServeConfig::for_tests(dir.path().to_path_buf()))
        .await
        .unwrap();
    let mut cmd = Command::new(py);
    scrubbed(&mut cmd)
        .arg(repo().join("tests/sdk/objects_roundtrip.py"))
        .args(["--endpoint", &handle.endpoint_url()])
        .args(["--access-key-id", server::TEST_ACCESS_KEY_ID])
        .args(["--access-key-secret", server::TEST_ACCESS_KEY_SECRET]);
    let (success, output) = run_checker(cmd).await;
    handle.shutdown().await;
    let (passed, failed) =
        counts(&output).unwrap_or_else(|| panic!("no 'N passed, M failed' line:\n{output}"));
    assert!(success, "{output}");
    assert_eq!(failed, 0, "{output}");
    assert_eq!(
        passed, 36,
        "oss2 V1 + V4 (15 checks each) and v2 V4 (6):\n{output}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ali_oss_node_client_round_trip() {
    let node_modules = repo().join("tests/node/node_modules/ali-oss");
    let node_ok = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !node_ok || !node_modules.exists() {
        missing_peer("node with the npm ali-oss client");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::for_tests(dir.path().to_path_buf());
    config.buckets = vec!["ali-oss-bkt".into()];
    let handle = server::start(config).await.unwrap();
    let mut cmd = Command::new("node");
    scrubbed(&mut cmd)
        .current_dir(repo().join("tests/node"))
        .arg("ali_oss_roundtrip.js")
        .args(["--endpoint", &handle.endpoint_url()])
        .args(["--access-key-id", server::TEST_ACCESS_KEY_ID])
        .args(["--access-key-secret", server::TEST_ACCESS_KEY_SECRET])
        .args(["--bucket", "ali-oss-bkt"]);
    let (success, output) = run_checker(cmd).await;
    handle.shutdown().await;
    let (passed, failed) =
        counts(&output).unwrap_or_else(|| panic!("no 'N passed, M failed' line:\n{output}"));
    assert!(success, "{output}");
    assert_eq!(failed, 0, "{output}");
    assert_eq!(passed, 14, "2 signature versions × 7 checks:\n{output}");
}

#[test]
fn counts_parse() {
    assert_eq!(counts("PASS x\n52 passed, 0 failed\n"), Some((52, 0)));
    assert_eq!(counts("1 passed, 2 failed"), Some((1, 2)));
    assert_eq!(counts("nothing"), None);
}
