//! Issue 15: `ossctl cors probe`. The real binary against `ossctl serve` on 127.0.0.1 started
//! with each behaviour: the probe must recover it, and `--scratch` must leave the bucket's
//! configuration byte-identical, also when connections drop (a scripted fault proxy between
//! the two) or the probe is stopped with SIGTERM.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use assert_cmd::Command;
use ossctl::preflight::{Choices, Field};

use crate::util::{ServeProcess, TestEnv};

const RULES: &str = "tests/data/cli/rules.yaml";
const BUCKET: &str = "probe-bkt";

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn run(cmd: &mut Command) -> std::process::Output {
    cmd.timeout(Duration::from_secs(120)).output().unwrap()
}

/// A client command pointed at `endpoint` with the development keys, no retries (faults are
/// then deterministic).
fn client(env: &TestEnv, serve: &ServeProcess, endpoint: &str) -> Command {
    let mut cmd = env.cmd();
    for (k, v) in serve.client_env() {
        cmd.env(k, v);
    }
    cmd.env("OSS_ENDPOINT", endpoint);
    cmd.args(["--retries", "0"]);
    cmd
}

/// The bucket's configuration exactly as GetBucketCors returns it (`None`: it has none).
fn config_bytes(env: &TestEnv, serve: &ServeProcess) -> Option<Vec<u8>> {
    let out =
        run(client(env, serve, &serve.endpoint).args(["cors", "get", &format!("oss://{BUCKET}")]));
    match out.status.code() {
        Some(0) => Some(out.stdout),
        _ => {
            assert!(
                text(&out.stderr).contains("no CORS"),
                "{}",
                text(&out.stderr)
            );
            None
        }
    }
}

fn put_rules(env: &TestEnv, serve: &ServeProcess) {
    let out = run(client(env, serve, &serve.endpoint).args([
        "cors",
        "put",
        &format!("oss://{BUCKET}"),
        "-f",
        &crate::util::repo_root().join(RULES).to_string_lossy(),
    ]));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

fn serve_with(env: &TestEnv, choices: &Choices) -> ServeProcess {
    let mut yaml = String::new();
    for f in Field::ALL {
        yaml.push_str(&format!("{}: \"{}\"\n", f.name(), choices.value(*f)));
    }
    let file = env.write("serve-behaviour.yaml", yaml);
    ServeProcess::start_with_args(env, &[BUCKET], &["--behaviour", &file.to_string_lossy()])
}

fn json(out: &std::process::Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}{}", text(&out.stdout), text(&out.stderr)))
}

/// The value each decided field showed.
fn shown(report: &serde_json::Value) -> Vec<(String, Option<String>)> {
    report["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_string(),
                f["shown"].as_str().map(str::to_string),
            )
        })
        .collect()
}

/// Starts serve behaving as `choices`, probes it read-only and with `--scratch`, and checks
/// both against `choices` and the bucket's configuration against the original.
fn round_trip(choices: Choices) {
    let env = TestEnv::new();
    let serve = serve_with(&env, &choices);
    put_rules(&env, &serve);
    let before = config_bytes(&env, &serve).expect("rules were put");

    // Read-only: every field it decides has the served value; nothing is written.
    let out = run(client(&env, &serve, &serve.endpoint).args([
        "cors",
        "probe",
        &format!("oss://{BUCKET}"),
        "--output",
        "json",
    ]));
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        text(&out.stderr)
    );
    let report = json(&out);
    let mut decided = 0;
    for (field, value) in shown(&report) {
        if let Some(v) = value {
            decided += 1;
            let f = Field::from_name(&field).unwrap();
            assert_eq!(v, choices.value(f), "read-only {field}: {report}");
        }
    }
    assert!(decided >= 10, "read-only decided only {decided}: {report}");
    assert_eq!(config_bytes(&env, &serve).as_deref(), Some(&before[..]));

    // --scratch: every field, and the original back byte for byte.
    let observed = env.home().join("observed.yaml");
    let out = run(client(&env, &serve, &serve.endpoint)
        .args([
            "cors",
            "probe",
            &format!("oss://{BUCKET}"),
            "--scratch",
            "--yes",
            "--output",
            "json",
            "-o",
        ])
        .arg(&observed)
        .current_dir(env.home()));
    let differs = Field::ALL
        .iter()
        .any(|f| choices.value(*f) != Choices::default().value(*f));
    assert_eq!(
        out.status.code(),
        Some(if differs { 1 } else { 0 }),
        "{}",
        text(&out.stderr)
    );
    let report = json(&out);
    for (field, value) in shown(&report) {
        let f = Field::from_name(&field).unwrap();
        assert_eq!(
            value.as_deref(),
            Some(choices.value(f)),
            "scratch {field}: {report}"
        );
    }
    assert!(
        text(&out.stderr).contains("byte for byte"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(
        config_bytes(&env, &serve).as_deref(),
        Some(&before[..]),
        "original not restored"
    );

    // The behaviour file reads back as exactly the served behaviour, every field observed.
    let out = run(env
        .cmd()
        .args(["cors", "behaviour", "--output", "json", "--behaviour"])
        .arg(&observed));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let table = json(&out);
    for f in Field::ALL {
        assert_eq!(table[f.name()]["value"], choices.value(*f), "{}", f.name());
        assert_eq!(table[f.name()]["status"], "observed", "{}", f.name());
    }
}

#[test]
fn probe_recovers_the_default_behaviour() {
    round_trip(Choices::default());
}

#[test]
fn probe_recovers_every_alternative_of_every_field() {
    for f in Field::ALL {
        for value in Choices::values(*f).into_iter().skip(1) {
            let mut c = Choices::default();
            c.set(*f, value).unwrap();
            round_trip(c);
        }
    }
}

#[test]
fn probe_recovers_random_combinations() {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..3 {
        let mut c = Choices::default();
        for f in Field::ALL {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let values = Choices::values(*f);
            c.set(*f, values[(x % values.len() as u64) as usize])
                .unwrap();
        }
        round_trip(c);
    }
}

// ------------------------------------------------------------------------ the fault proxy

/// What the proxy does with one request.
#[derive(Debug, Clone)]
enum Action {
    /// Pass it on and return the answer.
    Forward,
    /// Close the connection without passing it on.
    DropBefore,
    /// Pass it on, then close the connection without answering.
    DropAfter,
    /// Answer with this raw HTTP response, passing nothing on.
    Respond(String),
    /// Wait, then pass it on.
    Delay(Duration),
}

type Script = dyn Fn(&str) -> Action + Send + Sync;

/// A scripted TCP proxy on 127.0.0.1 in front of `upstream`: every request's first line
/// (`PUT /bucket/?cors HTTP/1.1`) goes to the script, which says what to do with it.
struct Proxy {
    endpoint: String,
    /// The first line of every request seen, in order.
    seen: Arc<Mutex<Vec<String>>>,
}

fn read_request(stream: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    while !buf.ends_with(b"\r\n\r\n") {
        if stream.read(&mut byte).ok()? == 0 {
            return None;
        }
        buf.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&buf).to_ascii_lowercase();
    let len = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse::<usize>().unwrap_or(0));
    let mut body = vec![0u8; len];
    stream.read_exact(&mut body).ok()?;
    buf.extend(body);
    Some(buf)
}

/// Sends `request` upstream with `Connection: close` and returns the whole answer.
fn forward(upstream: &str, request: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(request);
    let (head, _) = text.split_once("\r\n\r\n").unwrap();
    let head_len = head.len() + 4;
    let mut rewritten: Vec<u8> = head
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .flat_map(|l| format!("{l}\r\n").into_bytes())
        .collect();
    rewritten.extend(b"Connection: close\r\n\r\n");
    rewritten.extend(&request[head_len..]);
    let mut up = TcpStream::connect(upstream).unwrap();
    up.write_all(&rewritten).unwrap();
    let mut answer = Vec::new();
    let _ = up.read_to_end(&mut answer);
    answer
}

impl Proxy {
    fn start(upstream_endpoint: &str, script: Box<Script>) -> Proxy {
        let upstream = upstream_endpoint.trim_start_matches("http://").to_string();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let endpoint = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let script: Arc<Script> = Arc::from(script);
        let log = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let (script, log, upstream) =
                    (Arc::clone(&script), Arc::clone(&log), upstream.clone());
                std::thread::spawn(move || {
                    // One request per connection: the upstream closes after answering, so do we.
                    if let Some(request) = read_request(&mut stream) {
                        let line = text(&request).lines().next().unwrap_or("").to_string();
                        log.lock().unwrap().push(line.clone());
                        match script(&line) {
                            Action::Forward => {
                                let answer = forward(&upstream, &request);
                                let _ = stream.write_all(&answer);
                            }
                            Action::Delay(d) => {
                                std::thread::sleep(d);
                                let answer = forward(&upstream, &request);
                                let _ = stream.write_all(&answer);
                            }
                            Action::DropBefore => {}
                            Action::DropAfter => {
                                forward(&upstream, &request);
                            }
                            Action::Respond(raw) => {
                                let _ = stream.write_all(raw.as_bytes());
                            }
                        }
                    }
                });
            }
        });
        Proxy { endpoint, seen }
    }

    fn seen(&self) -> Vec<String> {
        self.seen.lock().unwrap().clone()
    }
}

fn is_put_cors(line: &str) -> bool {
    line.starts_with("PUT ") && line.contains("?cors")
}

fn is_delete_cors(line: &str) -> bool {
    line.starts_with("DELETE ") && line.contains("?cors")
}

/// A script that applies `fault` to the `nth` (0-based, and later ones when `and_after`)
/// request `matches` picks, and forwards everything else.
fn nth(matches: fn(&str) -> bool, nth: usize, and_after: bool, fault: Action) -> Box<Script> {
    let count = AtomicUsize::new(0);
    Box::new(move |line: &str| {
        if !matches(line) {
            return Action::Forward;
        }
        let n = count.fetch_add(1, Ordering::SeqCst);
        if n == nth || (and_after && n > nth) {
            fault.clone()
        } else {
            Action::Forward
        }
    })
}

/// Runs `--scratch` through a proxy with `script`; returns the output and the proxy.
fn scratch_through(
    env: &TestEnv,
    serve: &ServeProcess,
    script: Box<Script>,
) -> (std::process::Output, Proxy) {
    let proxy = Proxy::start(&serve.endpoint, script);
    let out = run(client(env, serve, &proxy.endpoint)
        .args([
            "cors",
            "probe",
            &format!("oss://{BUCKET}"),
            "--scratch",
            "--yes",
        ])
        .current_dir(env.home()));
    (out, proxy)
}

/// The backup path and the restore command the failure names; runs the command and checks
/// the original is back.
fn follow_the_restore_command(env: &TestEnv, serve: &ServeProcess, stderr: &str, before: &[u8]) {
    let line = stderr
        .lines()
        .find(|l| l.contains("put it back with: ossctl cors put"))
        .unwrap_or_else(|| panic!("no restore command in {stderr}"));
    let cmd = line.split("put it back with: ossctl ").nth(1).unwrap();
    let args: Vec<&str> = cmd.split_whitespace().collect();
    assert_eq!(args[..3], ["cors", "put", &format!("oss://{BUCKET}")]);
    let backup = Path::new(args[4]);
    let backup = if backup.is_absolute() {
        backup.to_path_buf()
    } else {
        env.home().join(backup)
    };
    assert!(backup.exists(), "{}", backup.display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(
            std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let out = run(client(env, serve, &serve.endpoint)
        .args(&args[..4])
        .arg(&backup));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(config_bytes(env, serve).as_deref(), Some(before));
}

#[test]
fn scratch_restores_the_original_when_the_write_is_dropped() {
    let env = TestEnv::new();
    let serve = serve_with(&env, &Choices::default());
    put_rules(&env, &serve);
    let before = config_bytes(&env, &serve).unwrap();

    // Before the write reaches the endpoint.
    let (out, proxy) =
        scratch_through(&env, &serve, nth(is_put_cors, 0, false, Action::DropBefore));
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("original configuration of oss://probe-bkt was restored"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(config_bytes(&env, &serve).as_deref(), Some(&before[..]));
    assert_eq!(
        proxy.seen().iter().filter(|l| is_put_cors(l)).count(),
        2,
        "{:?}",
        proxy.seen()
    );

    // After the write reached it: the probe rules are on the bucket and must go.
    let (out, _) = scratch_through(&env, &serve, nth(is_put_cors, 0, false, Action::DropAfter));
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("byte for byte"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(config_bytes(&env, &serve).as_deref(), Some(&before[..]));
}

#[test]
fn scratch_retries_a_dropped_restore_and_names_the_backup_when_it_cannot() {
    let env = TestEnv::new();
    let serve = serve_with(&env, &Choices::default());
    put_rules(&env, &serve);
    let before = config_bytes(&env, &serve).unwrap();

    // One restore attempt dropped: the next one puts it back.
    let (out, _) = scratch_through(&env, &serve, nth(is_put_cors, 1, false, Action::DropAfter));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(config_bytes(&env, &serve).as_deref(), Some(&before[..]));

    // Every restore dropped: loud, exit 3, the backup and the exact command.
    let (out, _) = scratch_through(&env, &serve, nth(is_put_cors, 1, true, Action::DropBefore));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("WAS NOT RESTORED"), "{stderr}");
    assert_ne!(
        config_bytes(&env, &serve).as_deref(),
        Some(&before[..]),
        "the fault did not bite"
    );
    follow_the_restore_command(&env, &serve, &stderr, &before);
}

#[test]
fn scratch_on_a_bucket_without_rules_deletes_them_again() {
    let env = TestEnv::new();
    let serve = serve_with(&env, &Choices::default());
    assert_eq!(config_bytes(&env, &serve), None);
    let (out, _) = scratch_through(&env, &serve, Box::new(|_| Action::Forward));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("no CORS configuration again"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(config_bytes(&env, &serve), None);

    // A failed delete names the command that does it.
    let (out, _) = scratch_through(
        &env,
        &serve,
        nth(is_delete_cors, 0, true, Action::DropBefore),
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains(&format!("ossctl cors delete oss://{BUCKET} --yes")),
        "{stderr}"
    );
}

#[test]
fn sigterm_mid_run_restores_the_original() {
    let env = TestEnv::new();
    let serve = serve_with(&env, &Choices::default());
    put_rules(&env, &serve);
    let before = config_bytes(&env, &serve).unwrap();
    // Each probe request waits, so the run is still going when the signal comes.
    let proxy = Proxy::start(
        &serve.endpoint,
        Box::new(|line: &str| {
            if line.starts_with("OPTIONS ") {
                Action::Delay(Duration::from_millis(300))
            } else {
                Action::Forward
            }
        }),
    );
    let mut cmd = env.std_cmd(crate::util::bin());
    for (k, v) in serve.client_env() {
        cmd.env(k, v);
    }
    cmd.env("OSS_ENDPOINT", &proxy.endpoint)
        .args([
            "cors",
            "probe",
            &format!("oss://{BUCKET}"),
            "--scratch",
            "--yes",
        ])
        .current_dir(env.home())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let child = cmd.spawn().unwrap();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !proxy.seen().iter().any(|l| l.starts_with("OPTIONS ")) {
        assert!(
            std::time::Instant::now() < deadline,
            "no probe request: {:?}",
            proxy.seen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted") && stderr.contains("byte for byte"),
        "{stderr}"
    );
    assert_eq!(config_bytes(&env, &serve).as_deref(), Some(&before[..]));
}

fn access_denied(body_op: &str) -> String {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code><Message>You \
         have no right to access this {body_op}.</Message><RequestId>DENIED0001</RequestId><HostId>h</HostId></Error>"
    );
    format!(
        "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\nx-oss-request-id: DENIED0001\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[test]
fn access_denied_names_the_ram_action_and_changes_nothing() {
    let env = TestEnv::new();
    let serve = serve_with(&env, &Choices::default());
    put_rules(&env, &serve);
    let before = config_bytes(&env, &serve).unwrap();
    // The write refused (serve has no RAM policies: a scripted answer stands in for OSS's).
    let (out, proxy) = scratch_through(
        &env,
        &serve,
        nth(
            is_put_cors,
            0,
            true,
            Action::Respond(access_denied("bucket")),
        ),
    );
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("oss:PutBucketCors"), "{stderr}");
    assert_eq!(
        proxy.seen().iter().filter(|l| is_put_cors(l)).count(),
        1,
        "no restore needed"
    );
    assert!(!proxy.seen().iter().any(|l| l.starts_with("OPTIONS ")));
    assert_eq!(config_bytes(&env, &serve).as_deref(), Some(&before[..]));

    // The read refused: nothing else is sent.
    let proxy = Proxy::start(
        &serve.endpoint,
        Box::new(|line: &str| {
            if line.starts_with("GET ") && line.contains("?cors") {
                Action::Respond(access_denied("bucket"))
            } else {
                Action::Forward
            }
        }),
    );
    let out = run(client(&env, &serve, &proxy.endpoint).args([
        "cors",
        "probe",
        &format!("oss://{BUCKET}"),
    ]));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("oss:GetBucketCors"), "{stderr}");
    assert_eq!(proxy.seen().len(), 1, "{:?}", proxy.seen());
}

#[test]
fn scratch_without_a_terminal_or_yes_refuses_and_no_such_bucket_fails() {
    let env = TestEnv::new();
    let serve = serve_with(&env, &Choices::default());
    put_rules(&env, &serve);
    let before = config_bytes(&env, &serve).unwrap();
    let out = run(client(&env, &serve, &serve.endpoint)
        .args(["cors", "probe", &format!("oss://{BUCKET}"), "--scratch"])
        .current_dir(env.home())
        .write_stdin(""));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("pass --yes"), "{stderr}");
    assert_eq!(config_bytes(&env, &serve).as_deref(), Some(&before[..]));
    assert!(
        !env.home()
            .join(format!("ossctl-probe-backup.{BUCKET}.xml"))
            .exists()
    );

    let out = run(client(&env, &serve, &serve.endpoint).args([
        "cors",
        "probe",
        "oss://no-such-bkt",
        "--scratch",
        "--yes",
    ]));
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("NoSuchBucket"), "{stderr}");
}

#[test]
fn read_only_names_the_rule_that_would_decide_the_rest() {
    let env = TestEnv::new();
    let serve = serve_with(&env, &Choices::default());
    put_rules(&env, &serve);
    let proxy = Proxy::start(&serve.endpoint, Box::new(|_| Action::Forward));
    let out = run(client(&env, &serve, &proxy.endpoint).args([
        "cors",
        "probe",
        &format!("oss://{BUCKET}"),
    ]));
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "undecided with these rules: needs a rule whose AllowedOrigin is exactly `*`"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("--scratch"), "{stdout}");
    // Read-only means reads: GetBucketCors, OPTIONS and GET only.
    for line in proxy.seen() {
        assert!(
            line.starts_with("GET ") || line.starts_with("OPTIONS "),
            "{line}"
        );
    }
}

#[test]
fn a_saved_observation_is_used_by_cors_test_and_listed_by_cors_behaviour() {
    let env = TestEnv::new();
    let mut choices = Choices::default();
    choices.set(Field::AllowCredentials, "false").unwrap();
    let serve = serve_with(&env, &choices);
    put_rules(&env, &serve);
    let test = |env: &TestEnv, extra: &[&str]| {
        run(client(env, &serve, &serve.endpoint)
            .args([
                "cors",
                "test",
                &format!("oss://{BUCKET}"),
                "--origin",
                "https://app.example.com",
                "-X",
                "GET",
                "--credentials",
            ])
            .args(extra))
    };
    // Nothing saved: ossctl's default (credentials allowed) decides.
    let out = test(&env, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(!text(&out.stderr).contains("observed on"));

    let out = run(client(&env, &serve, &serve.endpoint).args([
        "cors",
        "probe",
        &format!("oss://{BUCKET}"),
        "--save",
    ]));
    assert_eq!(
        out.status.code(),
        Some(1),
        "allow-credentials differs: {}",
        text(&out.stdout)
    );
    let saved = env.home().join(".config/ossctl/observed").join(format!(
        "{}.yaml",
        serve.endpoint.replace("://", "_").replace(':', "_")
    ));
    assert!(saved.exists(), "{}: {}", saved.display(), text(&out.stderr));

    // Saved: cors test against that endpoint uses it, and says so.
    let out = test(&env, &[]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{}{stderr}", text(&out.stdout));
    assert!(
        stderr.contains(&format!("observed on {} on 20", serve.endpoint)),
        "{stderr}"
    );
    // --assume still wins.
    let out = test(&env, &["--assume", "allow-credentials=true"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));

    let out = run(env.cmd().args(["cors", "behaviour"]));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("Observations saved by `ossctl cors probe --save`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("differs from the defaults: allow-credentials=false"),
        "{stdout}"
    );

    // XDG_CONFIG_HOME is respected.
    let xdg = env.home().join("xdg");
    let out = run(client(&env, &serve, &serve.endpoint)
        .env("XDG_CONFIG_HOME", &xdg)
        .args(["cors", "probe", &format!("oss://{BUCKET}"), "--save"]));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(xdg.join("ossctl/observed").read_dir().unwrap().count() == 1);
}
