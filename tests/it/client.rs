//! The client commands end to end: the real `ossctl` binary (assert_cmd) against `ossctl
//! serve` started in-process on an ephemeral loopback port, plus a scripted fault server for
//! retries, timeouts and unacknowledged writes.

use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use assert_cmd::Command;
use ossctl::server::{self, TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET};

use crate::util::{Srv, TestEnv};

/// The buckets every in-process `serve` of this module starts with.
const BUCKETS: &[&str] = &["alpha", "beta"];

/// `ossctl` with endpoint, region and test credentials in the environment.
fn oss(env: &TestEnv, srv: &Srv) -> Command {
    let mut cmd = env.cmd();
    cmd.env("OSS_ENDPOINT", srv.url())
        .env("OSS_REGION", "cn-hangzhou")
        .env("OSS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)
        .timeout(Duration::from_secs(60));
    cmd
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

const RULES_YAML: &str = "rules:
  - allowed_origins: [\"https://app.example.com\"]
    allowed_methods: [GET, PUT]
    allowed_headers: [\"*\"]
    expose_headers: [ETag]
    max_age_seconds: 600
  - allowed_origins: [\"*\"]
    allowed_methods: [GET]
response_vary: true
";

#[test]
fn put_get_delete_round_trip_v1_v4_path_and_virtual_host() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    let rules = env.write("rules.yaml", RULES_YAML);
    for version in ["v4", "v1"] {
        for (style, endpoint) in [
            ("path", srv.url()),
            ("virtual", format!("http://localhost:{}", srv.port())),
        ] {
            let ctx = format!("{version} {style}");
            let out = oss(&env, &srv)
                .args(["cors", "put", "oss://alpha", "-f"])
                .arg(&rules)
                .args(["--sign-version", version, "--addressing-style", style])
                .args(["--endpoint", &endpoint])
                .output()
                .unwrap();
            assert_eq!(code(&out), 0, "{ctx}: {}", stderr(&out));
            assert!(
                stdout(&out).contains("ok     oss://alpha  2 rules written"),
                "{ctx}: {}",
                stdout(&out)
            );

            let out = oss(&env, &srv)
                .args(["cors", "get", "oss://alpha", "--format", "yaml"])
                .args(["--sign-version", version, "--addressing-style", style])
                .args(["--endpoint", &endpoint])
                .output()
                .unwrap();
            assert_eq!(code(&out), 0, "{ctx}: {}", stderr(&out));
            let got =
                ossctl::rules::parse(&stdout(&out), ossctl::rules::Format::Yaml, "got").unwrap();
            let want =
                ossctl::rules::parse(RULES_YAML, ossctl::rules::Format::Yaml, "want").unwrap();
            assert_eq!(got, want, "{ctx}");

            let out = oss(&env, &srv)
                .args(["cors", "delete", "oss://alpha", "--yes"])
                .args(["--sign-version", version, "--addressing-style", style])
                .args(["--endpoint", &endpoint])
                .output()
                .unwrap();
            assert_eq!(code(&out), 0, "{ctx}: {}", stderr(&out));

            let out = oss(&env, &srv)
                .args(["cors", "get", "oss://alpha", "--sign-version", version])
                .args(["--addressing-style", style, "--endpoint", &endpoint])
                .output()
                .unwrap();
            assert_eq!(code(&out), 3, "{ctx}");
            assert!(
                stderr(&out).contains("bucket alpha has no CORS rules"),
                "{ctx}: {}",
                stderr(&out)
            );
        }
    }
}

#[test]
fn get_output_pipes_into_put_and_writes_files() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    let rules = env.write("rules.yaml", RULES_YAML);
    oss(&env, &srv)
        .args(["cors", "put", "oss://alpha", "-f"])
        .arg(&rules)
        .assert()
        .code(0);
    // get (XML on stdout) | put -f - onto another bucket.
    let xml = oss(&env, &srv)
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert!(stdout(&xml).starts_with("<?xml"), "{}", stdout(&xml));
    oss(&env, &srv)
        .args(["cors", "put", "oss://beta", "-f", "-"])
        .write_stdin(xml.stdout.clone())
        .assert()
        .code(0);
    let beta = oss(&env, &srv)
        .args(["cors", "get", "oss://beta"])
        .output()
        .unwrap();
    assert_eq!(beta.stdout, xml.stdout);
    // -o FILE.
    let file = env.home().join("out.json");
    oss(&env, &srv)
        .args(["cors", "get", "oss://beta", "--format", "json", "-o"])
        .arg(&file)
        .assert()
        .code(0)
        .stdout("");
    let json = std::fs::read_to_string(&file).unwrap();
    assert!(json.contains("\"allowed_origins\""), "{json}");
}

#[test]
fn sts_tokens_are_sent_and_checked() {
    let srv = Srv::start(BUCKETS, |c| {
        c.sts_tokens = vec![ossctl::oss::Secret::new("sts-token-good")]
    });
    let env = TestEnv::new();
    let rules = env.write("r.yaml", RULES_YAML);
    for version in ["v4", "v1"] {
        oss(&env, &srv)
            .env("OSS_SESSION_TOKEN", "sts-token-good")
            .args([
                "cors",
                "put",
                "oss://alpha",
                "--sign-version",
                version,
                "-f",
            ])
            .arg(&rules)
            .assert()
            .code(0);
        let out = oss(&env, &srv)
            .env("OSS_SESSION_TOKEN", "sts-token-bad")
            .args(["cors", "get", "oss://alpha", "--sign-version", version])
            .output()
            .unwrap();
        assert_eq!(code(&out), 3, "{version}: {}", stderr(&out));
        assert!(stderr(&out).contains("Token"), "{}", stderr(&out));
        assert!(!stderr(&out).contains("sts-token-bad"), "{}", stderr(&out));
    }
}

#[test]
fn ossutil_1x_config_file_alone_is_enough() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    // As `ossutil config` 1.x writes it: no region, V1 by default.
    let cfg = env.write(
        ".ossutilconfig",
        format!(
            "[Credentials]\nlanguage=EN\nendpoint={}\naccessKeyID={TEST_ACCESS_KEY_ID}\naccessKeySecret={TEST_ACCESS_KEY_SECRET}\n",
            srv.url()
        ),
    );
    set_mode(&cfg, 0o600);
    let rules = env.write("r.yaml", RULES_YAML);
    env.cmd()
        .args(["cors", "put", "oss://alpha", "-f"])
        .arg(&rules)
        .assert()
        .code(0);
    let out = env
        .cmd()
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("<AllowedOrigin>https://app.example.com</AllowedOrigin>"));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    // config show names the file and the line, and why V1.
    let out = env.cmd().args(["config", "show"]).output().unwrap();
    let text = stdout(&out);
    assert!(text.contains("[Credentials] line 4"), "{text}");
    assert!(text.contains("ossutil 1.x"), "{text}");
    assert!(!text.contains(TEST_ACCESS_KEY_SECRET), "{text}");
}

#[cfg(unix)]
fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn ossutil_2x_profiles_and_source_precedence() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    let cfg = env.write(
        "oss.ini",
        format!(
            "[default]\naccessKeyId = {TEST_ACCESS_KEY_ID}\naccessKeySecret = wrong-secret\nregion = cn-hangzhou\nendpoint = {url}\n\n\
             [profile ci]\naccess-key-id = {TEST_ACCESS_KEY_ID}\naccess_key_secret = {TEST_ACCESS_KEY_SECRET}\nregion = cn-hangzhou\nendpoint = {url}\naddressing-style = path\n",
            url = srv.url()
        ),
    );
    set_mode(&cfg, 0o644);
    let run = |extra: &[&str], envs: &[(&str, &str)]| {
        let mut cmd = env.cmd();
        cmd.env("OSSUTIL_CONFIG_FILE", &cfg);
        for (k, v) in envs {
            cmd.env(k, v);
        }
        cmd.args(["cors", "get", "oss://alpha"])
            .args(extra)
            .output()
            .unwrap()
    };
    // [default] has a wrong secret: SignatureDoesNotMatch, exit 3. The file is world-readable:
    // warned.
    let out = run(&[], &[]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("SignatureDoesNotMatch"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("readable by other users"),
        "{}",
        stderr(&out)
    );
    // --profile ci has the right one (no rules yet: exit 3 with the no-rules message).
    let out = run(&["--profile", "ci"], &[]);
    assert!(
        stderr(&out).contains("has no CORS rules"),
        "{}",
        stderr(&out)
    );
    // OSSUTIL_PROFILE works like --profile.
    let out = run(&[], &[("OSSUTIL_PROFILE", "ci")]);
    assert!(
        stderr(&out).contains("has no CORS rules"),
        "{}",
        stderr(&out)
    );
    // The environment beats the file.
    let out = run(&[], &[("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)]);
    assert!(
        stderr(&out).contains("has no CORS rules"),
        "{}",
        stderr(&out)
    );
    // A flag beats the environment (and is warned about).
    let out = run(
        &["--access-key-secret", TEST_ACCESS_KEY_SECRET],
        &[("OSS_ACCESS_KEY_SECRET", "env-wrong")],
    );
    assert!(
        stderr(&out).contains("has no CORS rules"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("visible to other users"),
        "{}",
        stderr(&out)
    );
    // An unknown profile is an input error naming the profiles there.
    let out = run(&["--profile", "prod"], &[]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("default, ci"), "{}", stderr(&out));
    // config show: sources, masked secrets.
    let out = env
        .cmd()
        .env("OSSUTIL_CONFIG_FILE", &cfg)
        .env("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)
        .args([
            "config",
            "show",
            "oss://alpha",
            "--profile",
            "ci",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        v["settings"]["access_key_secret"]["source"],
        "environment OSS_ACCESS_KEY_SECRET"
    );
    assert_eq!(v["settings"]["profile"]["source"], "flag --profile");
    let region_source = v["settings"]["region"]["source"].as_str().unwrap();
    assert!(
        region_source.contains("[profile ci] line 10"),
        "{region_source}"
    );
    assert_eq!(v["effective"]["addressing_style"]["value"], "path");
    assert!(!stdout(&out).contains(TEST_ACCESS_KEY_SECRET));
}

#[test]
fn merge_backup_and_dry_run() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    let rules = env.write("r.yaml", RULES_YAML);
    oss(&env, &srv)
        .args(["cors", "put", "oss://alpha", "-f"])
        .arg(&rules)
        .assert()
        .code(0);
    // --merge appends, --backup saves what was there first.
    let backup = env.home().join("backup.xml");
    let out = oss(&env, &srv)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--merge",
            "--verify",
            "--origin",
            "https://m.example.com",
            "--method",
            "POST",
            "--backup",
        ])
        .arg(&backup)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("3 rules written (merged)"),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("verified"), "{}", stdout(&out));
    let saved = std::fs::read_to_string(&backup).unwrap();
    assert_eq!(saved.matches("<CORSRule>").count(), 2, "{saved}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let now = oss(&env, &srv)
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(stdout(&now).matches("<CORSRule>").count(), 3);
    assert!(stdout(&now).contains("https://m.example.com"));

    // Merging past 10 rules is refused before anything is written.
    let many: String = (0..8)
        .map(|i| {
            format!(
                "  - allowed_origins: [\"https://{i}.example.com\"]\n    allowed_methods: [GET]\n"
            )
        })
        .collect();
    let many = env.write("many.yaml", format!("rules:\n{many}"));
    let before = srv.requests();
    let out = oss(&env, &srv)
        .args(["cors", "put", "oss://alpha", "--merge", "-f"])
        .arg(&many)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("11 rules"), "{}", stderr(&out));
    assert_eq!(
        srv.requests(),
        before + 1,
        "only the GET of the current rules"
    );
    let still = oss(&env, &srv)
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(stdout(&still).matches("<CORSRule>").count(), 3);

    // --dry-run prints the signed request, masked, and sends nothing.
    let before = srv.requests();
    let out = oss(&env, &srv)
        .env("OSS_SESSION_TOKEN", "dry-run-token-value")
        .args(["cors", "put", "oss://beta", "--dry-run", "-f"])
        .arg(&rules)
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(srv.requests(), before);
    let text = stdout(&out);
    assert!(
        text.starts_with(&format!("PUT {}/beta/?cors\n", srv.url())),
        "{text}"
    );
    assert!(text.contains("Signature=******"), "{text}");
    assert!(text.contains("x-oss-security-token: ******"), "{text}");
    assert!(text.contains("Content-MD5: "), "{text}");
    assert!(text.contains("<CORSConfiguration>"), "{text}");
    assert!(!text.contains("dry-run-token-value") && !text.contains(TEST_ACCESS_KEY_SECRET));
    let out = oss(&env, &srv)
        .args(["cors", "delete", "oss://alpha", "--dry-run"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("DELETE "), "{}", stdout(&out));
    oss(&env, &srv)
        .args(["cors", "get", "oss://alpha"])
        .assert()
        .code(0);
}

#[test]
fn several_buckets_with_one_failing() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    let out = oss(&env, &srv)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "oss://missing",
            "oss://beta",
            "--jobs",
            "2",
        ])
        .args(["--origin", "https://a.example.com", "--method", "GET,PUT"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[0].starts_with("ok     oss://alpha"), "{text}");
    assert_eq!(
        lines[1], "failed oss://missing  exit 3 (the error is on stderr)",
        "{text}"
    );
    // Each error once, as a one-bucket error looks (a report, not an `error:` line).
    let err = stderr(&out);
    assert_eq!(err.matches("NoSuchBucket").count(), 1, "{err}");
    assert!(
        err.starts_with("  x PutBucketCors on oss://missing failed: HTTP 404 NoSuchBucket"),
        "{err}"
    );
    assert!(lines[2].starts_with("ok     oss://beta"), "{text}");
    assert!(
        stderr(&out).contains("hint: bucket missing does not exist"),
        "{}",
        stderr(&out)
    );
    for b in ["alpha", "beta"] {
        oss(&env, &srv)
            .args(["cors", "get", &format!("oss://{b}")])
            .assert()
            .code(0);
    }
    // JSON results for scripts.
    let out = oss(&env, &srv)
        .args([
            "cors",
            "delete",
            "oss://alpha",
            "oss://missing",
            "--yes",
            "--output",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["results"][0]["ok"], true);
    assert_eq!(v["results"][1]["ok"], false);
    assert_eq!(v["results"][1]["exit_code"], 3);
}

#[test]
fn every_error_class_has_its_exit_code() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    // Invalid rules: exit 2, nothing sent.
    let bad = env.write(
        "bad.yaml",
        "rules:\n  - allowed_origins: [\"*\"]\n    allowed_methods: [PATCH]\n",
    );
    let before = srv.requests();
    let out = oss(&env, &srv)
        .args(["cors", "put", "oss://alpha", "-f"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    assert!(stderr(&out).contains("PATCH"), "{}", stderr(&out));
    let out = oss(&env, &srv)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--origin",
            "https://x",
            "--method",
            "FETCH",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = oss(&env, &srv)
        .args(["cors", "put", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let out = oss(&env, &srv)
        .args(["cors", "get", "alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("oss://bucket"), "{}", stderr(&out));
    assert_eq!(srv.requests(), before, "nothing reached the endpoint");

    // Delete without a terminal and without --yes: refused, exit 2, nothing deleted.
    oss(&env, &srv)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--force",
            "--origin",
            "*",
            "--method",
            "GET",
        ])
        .assert()
        .code(0);
    let before = srv.requests();
    let out = oss(&env, &srv)
        .args(["cors", "delete", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--yes"), "{}", stderr(&out));
    assert_eq!(srv.requests(), before);

    // No credentials, V4 without a region: exit 2.
    let out = env
        .cmd()
        .env("OSS_ENDPOINT", srv.url())
        .env("OSS_REGION", "cn-hangzhou")
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("no credentials"), "{}", stderr(&out));
    let out = oss(&env, &srv)
        .env_remove("OSS_REGION")
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("needs a region"), "{}", stderr(&out));

    // Service errors: exit 3 with code, request id, EC and hint.
    let out = oss(&env, &srv)
        .args(["cors", "get", "oss://nosuch"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    let e = stderr(&out);
    assert!(
        e.contains("NoSuchBucket") && e.contains("request id: ") && e.contains("EC: 0015-00000101"),
        "{e}"
    );
    assert!(e.contains("endpoint: 127.0.0.1:"), "{e}");
    for version in ["v4", "v1"] {
        let out = oss(&env, &srv)
            .env("OSS_ACCESS_KEY_SECRET", "not-the-secret")
            .args(["cors", "get", "oss://alpha", "--sign-version", version])
            .output()
            .unwrap();
        assert_eq!(code(&out), 3);
        let e = stderr(&out);
        assert!(e.contains("SignatureDoesNotMatch"), "{e}");
        // The server signed the same string: the report says plainly that the secret is
        // wrong, and keeps the dump for --debug.
        assert!(
            e.contains("so the request is right and the secret is wrong"),
            "{e}"
        );
        assert!(
            e.contains("AccessKeySecret from environment OSS_ACCESS_KEY_SECRET"),
            "{e}"
        );
        assert!(!e.contains("server's string-to-sign"), "{e}");
        assert!(!e.contains("not-the-secret"), "{e}");
        let out = oss(&env, &srv)
            .env("OSS_ACCESS_KEY_SECRET", "not-the-secret")
            .args([
                "cors",
                "get",
                "oss://alpha",
                "--debug",
                "--sign-version",
                version,
            ])
            .output()
            .unwrap();
        let e = stderr(&out);
        assert!(
            e.contains("server's string-to-sign") && e.contains("our string-to-sign"),
            "{e}"
        );
        assert!(!e.contains("not-the-secret"), "{e}");
    }
    let out = oss(&env, &srv)
        .env("OSS_ACCESS_KEY_ID", "LTAIunknown")
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3);
    assert!(
        stderr(&out).contains("InvalidAccessKeyId"),
        "{}",
        stderr(&out)
    );

    // Network failure after retries: exit 4 naming host and cause.
    let port = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let out = oss(&env, &srv)
        .args(["cors", "get", "oss://alpha", "--retries", "1"])
        .args(["--endpoint", &format!("http://127.0.0.1:{port}")])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    let e = stderr(&out);
    assert!(
        e.contains(&format!("127.0.0.1:{port}")) && e.contains("2 attempts"),
        "{e}"
    );
    assert!(e.to_lowercase().contains("refused"), "{e}");
}

/// A scripted HTTP/1.1 server on 127.0.0.1: connection `n` gets `script[n]` (the last entry
/// repeats): `Some(status line + headers)` answers with an empty body, `None` closes the
/// connection without answering, `Slow` waits first.
#[derive(Debug)]
enum Play {
    Status(&'static str),
    Reset,
    Slow(Duration),
}

struct Faults {
    port: u16,
    connections: Arc<AtomicUsize>,
}

fn fault_server(script: Vec<Play>) -> Faults {
    let script = Arc::new(script);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let connections = Arc::new(AtomicUsize::new(0));
    let seen = connections.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let script = script.clone();
            std::thread::spawn(move || {
                let play = &script[n.min(script.len() - 1)];
                // Read the request head and body.
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                loop {
                    match stream.read(&mut chunk) {
                        Ok(0) | Err(_) => break,
                        Ok(k) => buf.extend_from_slice(&chunk[..k]),
                    }
                    if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..end]).to_lowercase();
                        let len = head
                            .lines()
                            .find_map(|l| {
                                l.strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        if buf.len() >= end + 4 + len {
                            break;
                        }
                    }
                }
                match play {
                    Play::Status(status) => {
                        let _ = write!(
                            stream,
                            "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        );
                    }
                    Play::Reset => {}
                    Play::Slow(d) => {
                        std::thread::sleep(*d);
                        let _ = write!(stream, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
                    }
                }
            });
        }
    });
    Faults { port, connections }
}

fn faulty(env: &TestEnv, faults: &Faults) -> Command {
    let mut cmd = env.cmd();
    cmd.env("OSS_ENDPOINT", format!("http://127.0.0.1:{}", faults.port))
        .env("OSS_REGION", "cn-hangzhou")
        .env("OSS_ACCESS_KEY_ID", TEST_ACCESS_KEY_ID)
        .env("OSS_ACCESS_KEY_SECRET", TEST_ACCESS_KEY_SECRET)
        .timeout(Duration::from_secs(60));
    cmd
}

#[test]
fn retries_5xx_and_429_then_reports_the_write() {
    let env = TestEnv::new();
    let f = fault_server(vec![
        Play::Status("503 Service Unavailable"),
        Play::Status("429 Too Many Requests\r\nRetry-After: 0"),
        Play::Status("200 OK"),
    ]);
    let out = faulty(&env, &f)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--force",
            "--origin",
            "*",
            "--method",
            "GET",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("ok     oss://alpha  1 rule written (3 attempts)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(f.connections.load(Ordering::SeqCst), 3);
}

#[test]
fn unacknowledged_writes_are_never_reported_done() {
    let env = TestEnv::new();
    // Every connection is dropped after the request arrived: the write may or may not have
    // happened; it must not be reported as done.
    let f = fault_server(vec![Play::Reset]);
    let out = faulty(&env, &f)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--force",
            "--origin",
            "*",
            "--method",
            "GET",
            "--retries",
            "2",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(!stdout(&out).contains("ok"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("PutBucketCors on oss://alpha failed"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("3 attempts"), "{}", stderr(&out));
    assert_eq!(f.connections.load(Ordering::SeqCst), 3);

    // A server error after every retry: exit 3, not done either.
    let f = fault_server(vec![Play::Status("500 Internal Server Error")]);
    let out = faulty(&env, &f)
        .args(["cors", "delete", "oss://alpha", "--yes", "--retries", "1"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(!stdout(&out).contains("ok"));
    assert!(
        stderr(&out).contains("HTTP 500") && stderr(&out).contains("after 2 attempts"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn slow_responses_time_out() {
    let env = TestEnv::new();
    let f = fault_server(vec![Play::Slow(Duration::from_secs(4))]);
    let out = faulty(&env, &f)
        .args([
            "cors",
            "get",
            "oss://alpha",
            "--timeout",
            "0.5",
            "--retries",
            "1",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(stderr(&out).contains("timed out"), "{}", stderr(&out));
    assert_eq!(f.connections.load(Ordering::SeqCst), 2);
}

#[test]
fn debug_output_never_contains_secrets() {
    let srv = Srv::start(BUCKETS, |_| {});
    let env = TestEnv::new();
    let token = "STS-TOKEN-must-not-leak-0123456789";
    let rules = env.write("r.yaml", RULES_YAML);
    let cfg = env.write(
        ".ossutilconfig",
        format!("[default]\naccessKeyId={TEST_ACCESS_KEY_ID}\naccessKeySecret={TEST_ACCESS_KEY_SECRET}\nstsToken={token}\nregion=cn-hangzhou\nendpoint={}\n", srv.url()),
    );
    set_mode(&cfg, 0o600);
    let runs: Vec<Vec<String>> = vec![
        vec!["cors", "put", "oss://alpha", "-f", rules.to_str().unwrap()],
        vec![
            "cors",
            "put",
            "oss://alpha",
            "--merge",
            "--verify",
            "--origin",
            "*",
            "--method",
            "HEAD",
        ],
        vec![
            "cors",
            "put",
            "oss://beta",
            "--dry-run",
            "-f",
            rules.to_str().unwrap(),
        ],
        vec!["cors", "get", "oss://alpha"],
        vec!["cors", "get", "oss://alpha", "--format", "json"],
        vec![
            "cors",
            "delete",
            "oss://alpha",
            "--yes",
            "--backup",
            env.home().join("b.xml").to_str().unwrap(),
        ],
        vec!["cors", "get", "oss://alpha"],
        vec!["cors", "get", "oss://nosuch"],
        vec!["config", "show", "oss://alpha"],
        vec!["config", "show", "--output", "json"],
    ]
    .into_iter()
    .map(|v| v.into_iter().map(String::from).collect())
    .collect();
    let mut saw_exchange = false;
    for args in &runs {
        for flags in [vec!["--debug"], vec!["-vv"]] {
            let out = env.cmd().args(&flags).args(args).output().unwrap();
            let all = format!("{}{}", stdout(&out), stderr(&out));
            assert!(
                !all.contains(TEST_ACCESS_KEY_SECRET),
                "secret in {args:?}:\n{all}"
            );
            assert!(!all.contains(token), "token in {args:?}:\n{all}");
            saw_exchange |=
                all.contains("> GET ") && all.contains("> Authorization: OSS4-HMAC-SHA256");
        }
    }
    assert!(saw_exchange, "--debug shows the HTTP exchanges");
    // And with the secret given as a flag.
    let out = env
        .cmd()
        .args([
            "--debug",
            "cors",
            "get",
            "oss://beta",
            "--access-key-secret",
            TEST_ACCESS_KEY_SECRET,
            "--sts-token",
            token,
        ])
        .output()
        .unwrap();
    let all = format!("{}{}", stdout(&out), stderr(&out));
    assert!(
        !all.contains(TEST_ACCESS_KEY_SECRET) && !all.contains(token),
        "{all}"
    );
}

#[test]
fn https_endpoints_and_ca_bundle() {
    let tls = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/serve-tls");
    let srv = Srv::start(BUCKETS, |c| {
        c.tls = Some(server::TlsFiles {
            cert: tls.join("cert.pem"),
            key: tls.join("key.pem"),
        });
    });
    assert!(srv.url().starts_with("https://"), "{}", srv.url());
    let env = TestEnv::new();
    // The self-signed certificate is not trusted by default: a network failure naming the cause.
    let out = oss(&env, &srv)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--force",
            "--origin",
            "*",
            "--method",
            "GET",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(
        stderr(&out).to_lowercase().contains("certificate"),
        "{}",
        stderr(&out)
    );
    // A refused certificate is not retried: it would be refused again.
    assert!(
        stderr(&out).contains("after 1 attempt:"),
        "{}",
        stderr(&out)
    );
    // With --ca-bundle it is trusted. (Virtual-host would need a certificate naming
    // `alpha.localhost`: webpki does not let `*.localhost` cover it.)
    let out = oss(&env, &srv)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--origin",
            "*",
            "--method",
            "GET",
            "--ca-bundle",
        ])
        .arg(tls.join("cert.pem"))
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    oss(&env, &srv)
        .args(["cors", "get", "oss://alpha", "--ca-bundle"])
        .arg(tls.join("cert.pem"))
        .assert()
        .code(0);
    // A missing bundle is an input error.
    let out = oss(&env, &srv)
        .args([
            "cors",
            "get",
            "oss://alpha",
            "--ca-bundle",
            "/nonexistent/ca.pem",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2, "{}", stderr(&out));
}

#[test]
fn a_skewed_clock_is_corrected_from_the_servers_date() {
    let env = TestEnv::new();
    // The server's clock is 2 hours ahead: it refuses the first request with
    // RequestTimeTooSkewed (bodiless, x-oss-err) and its Date; the re-signed one is accepted.
    let server_time = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(2))
        .unwrap();
    let err = ossctl::oss::error::ErrorBody::new(
        "RequestTimeTooSkewed",
        "The difference between the request time and the current time is too large.",
        "RID",
        "h",
    )
    .to_x_oss_err();
    let first: &'static str = Box::leak(
        format!(
            "403 Forbidden\r\nDate: {}\r\nx-oss-err: {err}",
            ossctl::oss::sign::http_date(server_time)
        )
        .into_boxed_str(),
    );
    let f = fault_server(vec![Play::Status(first), Play::Status("200 OK")]);
    let out = faulty(&env, &f)
        .args([
            "cors",
            "put",
            "oss://alpha",
            "--force",
            "--origin",
            "*",
            "--method",
            "GET",
        ])
        .output()
        .unwrap();
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out).contains(" s behind the server's"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.connections.load(Ordering::SeqCst), 2);

    // A server that keeps refusing: one correction only, then the error (exit 3).
    let f = fault_server(vec![Play::Status(first)]);
    let out = faulty(&env, &f)
        .args(["cors", "get", "oss://alpha"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("RequestTimeTooSkewed") && stderr(&out).contains("clock"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.connections.load(Ordering::SeqCst), 2);
}
