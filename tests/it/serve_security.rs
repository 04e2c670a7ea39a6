//! `ossctl serve` when other people can reach it (issue 21, part 1) and its ready output for
//! scripts (issue 20, item 7), through the real binary and the in-process server.
//!
//! Network: every server here listens on 127.0.0.1 and every request goes there. A
//! non-loopback `--addr` (`0.0.0.0:0`, `[::]:0`) appears only where `serve` must exit before
//! binding: a refusal, or a start that fails on its data directory after printing its
//! warnings (the data directory is opened before the socket is bound).

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request::{self, HttpRequest};
use ossctl::oss::sign;
use ossctl::oss::{Credentials, SignatureVersion};
use ossctl::server;

use crate::util::{DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, TestEnv, bin, repo_root};

const REGION: &str = "cn-hangzhou";

/// `text` without whitespace and miette's `|` / `x` gutters, so a needle can be found
/// however the report was wrapped.
fn squash(text: &str) -> String {
    text.lines()
        .map(|l| {
            l.trim_start()
                .trim_start_matches(['|', 'x', ','])
                .trim_start()
        })
        .collect::<String>()
        .split_whitespace()
        .collect()
}

#[track_caller]
fn assert_mentions(text: &str, needle: &str) {
    let squashed: String = needle.split_whitespace().collect();
    assert!(
        squash(text).contains(&squashed),
        "{needle:?} is missing from:\n{text}"
    );
}

/// A `serve` child on 127.0.0.1:0 whose stdout and stderr are collected.
struct Running {
    child: Child,
    /// What stdout said until the server was ready (the banner, or the JSON line).
    ready: Vec<String>,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

struct Stopped {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn collect(
    mut from: impl std::io::Read + Send + 'static,
) -> (Arc<Mutex<String>>, std::thread::JoinHandle<()>) {
    let into = Arc::new(Mutex::new(String::new()));
    let sink = into.clone();
    let thread = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        loop {
            match from.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => sink
                    .lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n])),
            }
        }
    });
    (into, thread)
}

impl Running {
    /// Starts `cmd` (an `ossctl ... serve ...` command) and reads stdout until the server is
    /// ready: the JSON line with `--output json`, else the `press Ctrl-C` line.
    fn start(mut cmd: std::process::Command, json: bool) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ossctl serve");
        let (stderr, stderr_thread) = collect(child.stderr.take().unwrap());
        let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
        let mut ready = Vec::new();
        loop {
            let mut line = String::new();
            let n = out.read_line(&mut line).expect("read serve stdout");
            if n == 0 {
                let _ = child.wait();
                panic!(
                    "serve ended before it was ready; stdout {ready:?}, stderr:\n{}",
                    stderr.lock().unwrap()
                );
            }
            let line = line.trim_end_matches('\n').to_string();
            let done = json || line.contains("press Ctrl-C");
            ready.push(line);
            if done {
                break;
            }
        }
        let (stdout, stdout_thread) = collect(out);
        Running {
            child,
            ready,
            stdout,
            stderr,
            threads: vec![stderr_thread, stdout_thread],
        }
    }

    /// `http://127.0.0.1:PORT` from the banner's first line.
    fn endpoint(&self) -> String {
        let first = &self.ready[0];
        first
            .split("endpoint ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_else(|| panic!("no endpoint in {first:?}"))
            .to_string()
    }

    /// SIGTERM, wait, and everything it wrote.
    fn stop(mut self) -> Stopped {
        let status = std::process::Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let exit = self.child.wait().unwrap();
        for t in self.threads.drain(..) {
            t.join().unwrap();
        }
        let mut stdout = self.ready.join("\n");
        stdout.push('\n');
        stdout.push_str(&self.stdout.lock().unwrap());
        Stopped {
            code: exit.code(),
            stdout,
            stderr: self.stderr.lock().unwrap().clone(),
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_cmd(env: &TestEnv, global: &[&str], args: &[&str], data: &Path) -> std::process::Command {
    let mut cmd = env.std_cmd(bin());
    cmd.args(global)
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data)
        .args(args);
    cmd
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn client() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap()
}

/// Sends `req` as it is; the status.
async fn send(client: &reqwest::Client, req: &HttpRequest) -> u16 {
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut rb = client.request(method, &req.url);
    for (n, v) in &req.headers {
        rb = rb.header(n, v);
    }
    if !req.body.is_empty() || req.method == "PUT" {
        rb = rb.body(req.body.clone());
    }
    let r = rb.send().await.expect("request sent");
    let status = r.status().as_u16();
    let _ = r.bytes().await;
    status
}

/// One request written by hand on a loopback socket; the answer.
async fn raw_http(addr: &str, request: &[u8]) -> String {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Every directory and file under `dir` (inclusive).
fn walk(dir: &Path, into: &mut Vec<PathBuf>) {
    into.push(dir.to_path_buf());
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, into);
        } else {
            into.push(path);
        }
    }
}

// ------------------------------------------------------------------------------ credentials

#[test]
fn the_development_key_pair_is_refused_off_the_loopback_before_anything_is_opened() {
    let env = TestEnv::new();
    let data = env.home().join("never-created");
    let dev = [
        "--access-key-id",
        DEV_ACCESS_KEY_ID,
        "--access-key-secret",
        DEV_ACCESS_KEY_SECRET,
    ];
    let test_pair = [
        "--access-key-id",
        server::TEST_ACCESS_KEY_ID,
        "--access-key-secret",
        server::TEST_ACCESS_KEY_SECRET,
    ];
    /// Flags and environment variables of one refused start.
    type Case<'a> = (Vec<&'a str>, Vec<(&'a str, &'a str)>);
    let cases: Vec<Case> = vec![
        // The defaults.
        (vec!["--addr", "0.0.0.0:0", "--allow-remote"], vec![]),
        (vec!["--addr", "[::]:0", "--allow-remote"], vec![]),
        // The same published pair given explicitly, by flag or environment.
        (
            [&["--addr", "0.0.0.0:0", "--allow-remote"][..], &dev[..]].concat(),
            vec![],
        ),
        (
            vec!["--addr", "0.0.0.0:0", "--allow-remote"],
            vec![
                ("OSSCTL_SERVE_ACCESS_KEY_ID", DEV_ACCESS_KEY_ID),
                ("OSSCTL_SERVE_ACCESS_KEY_SECRET", DEV_ACCESS_KEY_SECRET),
            ],
        ),
        // The test pair is in the published source, so it is no secret either.
        (
            [
                &["--addr", "0.0.0.0:0", "--allow-remote"][..],
                &test_pair[..],
            ]
            .concat(),
            vec![],
        ),
    ];
    for (args, vars) in &cases {
        for global in [&[][..], &["-q"][..], &["--output", "json"][..]] {
            let out = env
                .cmd()
                .args(global)
                .arg("serve")
                .arg("--data-dir")
                .arg(&data)
                .args(args)
                .envs(vars.iter().copied())
                .timeout(Duration::from_secs(20))
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?} {vars:?}: {stderr}");
            assert!(
                out.stdout.is_empty(),
                "{args:?}: nothing is printed on stdout"
            );
            let pair = if args.contains(&server::TEST_ACCESS_KEY_SECRET) {
                "test"
            } else {
                "development"
            };
            for needle in [
                &format!("refusing to serve the {pair} key pair")[..],
                "--access-key-id ID --access-key-secret SECRET",
                "OSSCTL_SERVE_ACCESS_KEY_ID and OSSCTL_SERVE_ACCESS_KEY_SECRET",
                "--insecure-dev-credentials",
            ] {
                assert_mentions(&stderr, needle);
            }
            assert!(
                !data.exists(),
                "{args:?}: the refusal comes before the data directory is opened (and long \
                 before the socket is bound)"
            );
        }
    }
    // Without --allow-remote a non-loopback address is refused first, whatever the keys.
    let out = env
        .cmd()
        .args(["serve", "--addr", "0.0.0.0:0", "--data-dir"])
        .arg(&data)
        .args([
            "--access-key-id",
            "AK",
            "--access-key-secret",
            "mine-and-long-enough",
        ])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_mentions(&String::from_utf8_lossy(&out.stderr), "--allow-remote");
    assert!(!data.exists());
}

#[test]
fn loopback_addresses_are_told_apart_without_binding() {
    let cases = [
        ("127.0.0.1:9000", true),
        ("127.3.4.5:0", true),
        ("[::1]:0", true),
        ("[::ffff:127.0.0.1]:0", true),
        ("0.0.0.0:0", false),
        ("[::]:0", false),
        ("192.0.2.10:9000", false),
        ("[::ffff:192.0.2.10]:0", false),
    ];
    for (addr, loopback) in cases {
        let addr: std::net::SocketAddr = addr.parse().unwrap();
        assert_eq!(server::is_loopback(addr), loopback, "{addr}");
    }
    // The library refuses the same way the command does (check_exposure runs first in
    // `start`, before any file or socket is touched).
    let dir = tempfile::tempdir().unwrap();
    let mut config = server::ServeConfig::new(dir.path().join("data"));
    config.addr = "0.0.0.0:0".parse().unwrap();
    config.allow_remote = true;
    let err = runtime()
        .block_on(server::start(config.clone()))
        .unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput, "{err}");
    assert!(!dir.path().join("data").exists());
    config.insecure_dev_credentials = true;
    assert!(server::check_exposure(&config).is_ok());
    let warnings = server::exposure_warnings(&config);
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    config.access_key_id = "AK".into();
    config.access_key_secret = ossctl::oss::Secret::new("a secret of one's own");
    config.insecure_dev_credentials = false;
    assert!(server::check_exposure(&config).is_ok());
    assert_eq!(
        server::exposure_warnings(&config).len(),
        1,
        "plain HTTP only"
    );
    config.addr = "127.0.0.1:0".parse().unwrap();
    assert!(server::exposure_warnings(&config).is_empty());
}

/// Starts that print their warnings and then fail on the data directory (a regular file),
/// so nothing is ever bound on the non-loopback address.
#[test]
fn insecure_dev_credentials_and_plain_http_warn_at_every_start() {
    let env = TestEnv::new();
    let not_a_dir = env.write("not-a-dir", "a file where the data directory should be");
    let cert = repo_root().join("tests/data/serve-tls/cert.pem");
    let key = repo_root().join("tests/data/serve-tls/key.pem");
    let run = |global: &[&str], args: &[&str]| -> String {
        let out = env
            .cmd()
            .args(global)
            .arg("serve")
            .arg("--data-dir")
            .arg(&not_a_dir)
            .args(args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}: never started");
        stderr
    };
    let insecure = "serving the published development key pair on 0.0.0.0:0";
    let plain = "without TLS (no --tls-cert)";
    let remote = [
        "--addr",
        "0.0.0.0:0",
        "--allow-remote",
        "--insecure-dev-credentials",
    ];
    for global in [&[][..], &["-q"][..], &["--output", "json"][..]] {
        // Every start, not once: run it twice.
        for _ in 0..2 {
            let stderr = run(global, &remote);
            assert_mentions(&stderr, insecure);
            assert_mentions(
                &stderr,
                "anyone who can reach this address can read, write and delete every bucket",
            );
            assert_mentions(&stderr, plain);
            assert_mentions(
                &stderr,
                "presigned URLs and STS security tokens travel in clear text",
            );
            assert_eq!(stderr.matches("without TLS").count(), 1, "once: {stderr}");
        }
        // With TLS: only the credentials warning.
        let mut tls = remote.to_vec();
        tls.extend([
            "--tls-cert",
            cert.to_str().unwrap(),
            "--tls-key",
            key.to_str().unwrap(),
        ]);
        let stderr = run(global, &tls);
        assert_mentions(&stderr, insecure);
        assert!(!stderr.contains("without TLS"), "{stderr}");
        // With a key pair of one's own: only the TLS warning.
        let own = [
            "--addr",
            "0.0.0.0:0",
            "--allow-remote",
            "--access-key-id",
            "AK",
            "--access-key-secret",
            "mine-and-long-enough",
        ];
        let stderr = run(global, &own);
        assert!(!stderr.contains("development key pair"), "{stderr}");
        assert_mentions(&stderr, plain);
        assert!(!stderr.contains("mine-and-long-enough"), "{stderr}");
        // On the loopback nobody else can connect: no warning, --insecure-dev-credentials
        // has nothing to allow.
        let stderr = run(
            global,
            &["--addr", "127.0.0.1:0", "--insecure-dev-credentials"],
        );
        assert!(!stderr.contains("warning"), "{stderr}");
    }
}

// ----------------------------------------------------------------------------- files on disk

#[cfg(unix)]
#[test]
fn the_data_directory_is_0700_and_every_file_0600_whatever_the_umask() {
    let env = TestEnv::new();
    let rt = runtime();
    let client = client();
    for umask in ["000", "022", "277"] {
        // The parent exists (made with the test's umask); serve creates `data` itself.
        let parent = env.home().join(format!("umask-{umask}"));
        std::fs::create_dir_all(&parent).unwrap();
        let data = parent.join("data");
        // The umask is set in a shell that then becomes ossctl.
        let mut cmd = env.std_cmd("sh");
        cmd.arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(bin())
            .args([
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--bucket",
                "demo",
                "--data-dir",
            ])
            .arg(&data);
        let running = Running::start(cmd, false);
        let ep = Endpoint::parse(&running.endpoint()).unwrap();
        let creds = Credentials::new(DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET);
        let now = jiff::Timestamp::now();
        let p = AddressingStyle::Path;
        let mut reqs = vec![
            (
                request::put_bucket(&ep, p, "second", None).unwrap(),
                "second",
                None,
            ),
            (
                request::put_bucket_cors(
                    &ep,
                    p,
                    "demo",
                    "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>\
                     <AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>",
                )
                .unwrap(),
                "demo",
                None,
            ),
            (
                request::put_object(
                    &ep,
                    p,
                    "demo",
                    "private/report.txt",
                    b"secret".to_vec(),
                    None,
                )
                .unwrap(),
                "demo",
                Some("private/report.txt"),
            ),
        ];
        for (req, bucket, key) in &mut reqs {
            sign::sign(
                req,
                Some(bucket),
                *key,
                &sign::Signer::new(&creds, SignatureVersion::V4, REGION, now),
            );
            assert_eq!(
                rt.block_on(send(&client, req)),
                200,
                "umask {umask}: {}",
                req.url
            );
        }
        let stopped = running.stop();
        assert_eq!(stopped.code, Some(0), "{}", stopped.stderr);
        let mut paths = Vec::new();
        walk(&data, &mut paths);
        let files = paths.iter().filter(|p| p.is_file()).count();
        assert!(
            files >= 5,
            "LOCK, 2 bucket.json, cors.xml, one object: {paths:?}"
        );
        for path in &paths {
            let want = if path.is_dir() { 0o700 } else { 0o600 };
            assert_eq!(
                mode(path),
                want,
                "umask {umask}: {} is {:o}",
                path.display(),
                mode(path)
            );
        }
        assert!(!stopped.stderr.contains("warning"), "{}", stopped.stderr);
    }
}

#[cfg(unix)]
#[test]
fn an_existing_data_directory_open_to_others_is_warned_about_with_the_fix() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = TestEnv::new();
    // In-process: what the server reports.
    let rt = runtime();
    for (mode_bits, exposed) in [(0o755, true), (0o750, true), (0o701, true), (0o700, false)] {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        std::fs::set_permissions(&data, std::fs::Permissions::from_mode(mode_bits)).unwrap();
        let handle = rt
            .block_on(server::start(server::ServeConfig::for_tests(data.clone())))
            .unwrap();
        assert_eq!(
            handle.exposed_data_dir_mode(),
            exposed.then_some(mode_bits),
            "{mode_bits:o}"
        );
        rt.block_on(handle.shutdown());
        assert_eq!(
            mode(&data),
            mode_bits,
            "an existing directory is left as it is"
        );
    }
    // A directory it creates is private and not reported.
    let dir = tempfile::tempdir().unwrap();
    let handle = rt
        .block_on(server::start(server::ServeConfig::for_tests(
            dir.path().join("new"),
        )))
        .unwrap();
    assert_eq!(handle.exposed_data_dir_mode(), None);
    rt.block_on(handle.shutdown());
    assert_eq!(mode(&dir.path().join("new")), 0o700);

    // The command: the warning names the mode and the command that fixes it, also with -q
    // and --output json; the command works.
    let data = env.home().join("shared data");
    std::fs::create_dir(&data).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
    for global in [&[][..], &["-q"][..], &["--output", "json"][..]] {
        let json = global.contains(&"json");
        let stopped = Running::start(serve_cmd(&env, global, &[], &data), json).stop();
        let canonical = data.canonicalize().unwrap();
        assert_mentions(
            &stopped.stderr,
            &format!(
                "data directory {} is accessible to group or others (mode 0755)",
                canonical.display()
            ),
        );
        assert!(
            stopped.stderr.contains("Fix it with: chmod -R go= '"),
            "{}",
            stopped.stderr
        );
        assert!(!stopped.stdout.contains("chmod"), "warnings go to stderr");
    }
    let stopped = Running::start(serve_cmd(&env, &[], &[], &data), false).stop();
    let fix = stopped
        .stderr
        .lines()
        .find_map(|l| l.split("Fix it with: ").nth(1))
        .expect("the fix")
        .to_string();
    let status = env.std_cmd("sh").arg("-c").arg(&fix).status().unwrap();
    assert!(status.success(), "{fix}");
    assert_eq!(mode(&data), 0o700, "{fix}");
    let mut paths = Vec::new();
    walk(&data, &mut paths);
    for path in &paths {
        assert_eq!(mode(path) & 0o077, 0, "{}", path.display());
    }
    let stopped = Running::start(serve_cmd(&env, &[], &[], &data), false).stop();
    assert!(!stopped.stderr.contains("warning"), "{}", stopped.stderr);
}

// ------------------------------------------------------------------------------ the log

/// What one verbosity's run sent that must appear nowhere.
struct Sent {
    leaks: Vec<String>,
    requests: usize,
}

/// The value of query parameter `name` in `url` (raw, as sent).
fn query_value(url: &str, name: &str) -> String {
    url.split_once('?')
        .map(|(_, q)| q)
        .unwrap_or("")
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .unwrap_or_else(|| panic!("no {name} in {url}"))
        .to_string()
}

fn header_value(req: &HttpRequest, name: &str) -> String {
    req.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.clone())
        .unwrap_or_else(|| panic!("no {name} on {}", req.url))
}

/// Sends every kind of signature and token, on paths that succeed and paths that fail.
async fn send_secrets(endpoint: &str, key_id: &str, secret: &str, listed: &[&str]) -> Sent {
    let client = client();
    let ep = Endpoint::parse(endpoint).unwrap();
    let p = AddressingStyle::Path;
    let now = jiff::Timestamp::now();
    let addr = endpoint.trim_start_matches("http://");
    let mut leaks: Vec<String> = vec![secret.to_string()];
    let mut requests = 0;
    let good = |token: &str| Credentials::new(key_id, secret).with_security_token(token);
    let wrong = |token: &str| Credentials::new(key_id, "not-the-secret").with_security_token(token);

    // An object to read back with presigned URLs.
    let mut put = request::put_object(&ep, p, "logs", "k.txt", b"hello".to_vec(), None).unwrap();
    sign::sign(
        &mut put,
        Some("logs"),
        Some("k.txt"),
        &sign::Signer::new(&good(listed[0]), SignatureVersion::V4, REGION, now),
    );
    assert_eq!(send(&client, &put).await, 200);
    requests += 1;

    // Header auth, V1 and V4: with a listed token (accepted), a wrong secret
    // (SignatureDoesNotMatch), an unlisted token (InvalidSecurityToken).
    let header_cases = [
        (SignatureVersion::V1, good(listed[1]), 404),
        (SignatureVersion::V4, good(listed[2]), 404),
        (
            SignatureVersion::V1,
            wrong("CAIS.leak-v1-wrong-secret-token"),
            403,
        ),
        (
            SignatureVersion::V4,
            wrong("CAIS.leak-v4-wrong-secret-token"),
            403,
        ),
        (
            SignatureVersion::V1,
            good("CAIS.leak-v1-unlisted-token"),
            403,
        ),
        (
            SignatureVersion::V4,
            good("CAIS.leak-v4-unlisted-token"),
            403,
        ),
    ];
    for (version, creds, status) in header_cases {
        let mut req = request::get_bucket_cors(&ep, p, "logs").unwrap();
        sign::sign(
            &mut req,
            Some("logs"),
            None,
            &sign::Signer::new(&creds, version, REGION, now),
        );
        let auth = header_value(&req, "authorization");
        let signature = match version {
            SignatureVersion::V1 => auth.rsplit(':').next().unwrap().to_string(),
            SignatureVersion::V4 => auth.rsplit("Signature=").next().unwrap().to_string(),
        };
        leaks.extend([auth, signature, header_value(&req, "x-oss-security-token")]);
        assert_eq!(send(&client, &req).await, status, "{version:?} {}", req.url);
        requests += 1;
    }

    // Presigned URLs, V1 and V4, GET and HEAD (errors on HEAD travel in x-oss-err): accepted,
    // unlisted token, tampered.
    for (version, sig_param, token_param) in [
        (SignatureVersion::V1, "Signature", "security-token"),
        (
            SignatureVersion::V4,
            "x-oss-signature",
            "x-oss-security-token",
        ),
    ] {
        for (token, tamper, status) in [
            (listed[3], false, 200),
            ("CAIS.leak-presigned-unlisted", false, 403),
            (listed[3], true, 403),
        ] {
            for head in [false, true] {
                let mut req = request::get_object(&ep, p, "logs", "k.txt", None).unwrap();
                if head {
                    req.method = "HEAD".into();
                }
                sign::presign(
                    &mut req,
                    Some("logs"),
                    Some("k.txt"),
                    &sign::Signer::new(&good(token), version, REGION, now),
                    600,
                    &Default::default(),
                )
                .unwrap();
                let sig = query_value(&req.url, sig_param);
                let tok = query_value(&req.url, token_param);
                let decoded = |v: &str| {
                    percent_encoding::percent_decode_str(v)
                        .decode_utf8_lossy()
                        .into_owned()
                };
                leaks.extend([decoded(&sig), decoded(&tok), sig, tok]);
                if tamper {
                    req.url = req.url.replacen("k.txt", "k.TXT", 1);
                }
                assert_eq!(send(&client, &req).await, status, "{version:?} {}", req.url);
                requests += 1;
            }
        }
    }

    // Error paths before authentication: an API that is not implemented, a bad bucket name,
    // a preflight, a malformed Authorization header; with signatures and tokens in the query
    // (also under percent-encoded names) and in headers.
    let query = "Signature=LEAK-Q-V1-SIG&security-token=LEAK-Q-V1-TOKEN\
                 &x-oss-signature=LEAK-Q-V4-SIG&x-oss-security-token=LEAK-Q-V4-TOKEN\
                 &%53ignature=LEAK-Q-ENC-SIG&x%2Doss%2Dsecurity%2Dtoken=LEAK-Q-ENC-TOKEN";
    leaks.extend(
        [
            "LEAK-Q-V1-SIG",
            "LEAK-Q-V1-TOKEN",
            "LEAK-Q-V4-SIG",
            "LEAK-Q-V4-TOKEN",
            "LEAK-Q-ENC-SIG",
            "LEAK-Q-ENC-TOKEN",
            "LEAK-H-AUTH",
            "LEAK-H-TOKEN",
        ]
        .map(String::from),
    );
    for (method, path) in [
        ("GET", "/logs/?lifecycle&"),
        ("GET", "/Bad_Bucket/k?"),
        ("PUT", "/logs/k.txt?"),
        ("OPTIONS", "/logs/k.txt?"),
        ("DELETE", "/logs/?cors&"),
    ] {
        for auth in [
            "OSS AK:LEAK-H-AUTH",
            "Bearer LEAK-H-AUTH",
            "OSS4-HMAC-SHA256 Credential=AK/20240101/cn-hangzhou/oss/aliyun_v4_request,Signature=LEAK-H-AUTH",
        ] {
            let mut req = HttpRequest::new(method, format!("{endpoint}{path}{query}"));
            req.headers.push(("Authorization".into(), auth.into()));
            req.headers
                .push(("x-oss-security-token".into(), "LEAK-H-TOKEN".into()));
            req.headers
                .push(("Origin".into(), "https://app.example.com".into()));
            req.headers
                .push(("Access-Control-Request-Method".into(), "PUT".into()));
            let status = send(&client, &req).await;
            assert!(status >= 400, "{method} {path}: {status}");
            requests += 1;
        }
    }

    // Requests hyper itself refuses (before our handler): a header line without a colon,
    // and a header section over the size limit; both carry an Authorization header.
    let bad = raw_http(
        addr,
        b"GET /logs/k.txt?Signature=LEAK-RAW-SIG HTTP/1.1\r\nHost: x\r\n\
          Authorization: OSS AK:LEAK-RAW-AUTH\r\nx-oss-security-token: LEAK-RAW-TOKEN\r\n\
          this line has no colon\r\n\r\n",
    )
    .await;
    assert!(bad.starts_with("HTTP/1.1 400"), "{bad}");
    let mut huge =
        b"GET /logs/k.txt HTTP/1.1\r\nHost: x\r\nAuthorization: OSS AK:LEAK-RAW-AUTH\r\n".to_vec();
    for i in 0..2000 {
        write!(huge, "x-pad-{i}: {}\r\n", "p".repeat(64)).unwrap();
    }
    huge.extend_from_slice(b"x-oss-security-token: LEAK-RAW-TOKEN\r\n\r\n");
    let answer = raw_http(addr, &huge).await;
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 4"),
        "{answer}"
    );
    leaks.extend(["LEAK-RAW-SIG", "LEAK-RAW-AUTH", "LEAK-RAW-TOKEN"].map(String::from));

    // Nothing short enough to match by chance.
    leaks.retain(|l| l.len() >= 8);
    leaks.sort();
    leaks.dedup();
    Sent { leaks, requests }
}

#[cfg(unix)]
#[test]
fn the_log_never_holds_a_signature_a_token_or_an_authorization_value_at_any_verbosity() {
    let env = TestEnv::new();
    let rt = runtime();
    let key_id = "LTAI5tLogLeakCheck";
    let secret = "log-leak-check-secret-5b7e1f";
    let listed = [
        "CAIS.leak-listed-token-0",
        "CAIS.leak-listed-token-1",
        "CAIS.leak-listed-token-2",
        "CAIS.leak-listed-token-3",
    ];
    let runs: &[(&[&str], Option<&str>)] = &[
        (&["-q"], None),
        (&[], None),
        (&["-v"], None),
        (&["-vv"], None),
        (&["-vvv"], None),
        (&["--debug"], None),
        (&[], Some("trace")),
        (&["--output", "json", "-v"], None),
    ];
    for (global, rust_log) in runs {
        let data = tempfile::tempdir().unwrap();
        let mut args = vec!["--bucket", "logs"];
        for t in listed {
            args.extend(["--sts-token", t]);
        }
        let mut cmd = serve_cmd(&env, global, &args, &data.path().join("d"));
        cmd.env("OSSCTL_SERVE_ACCESS_KEY_ID", key_id)
            .env("OSSCTL_SERVE_ACCESS_KEY_SECRET", secret);
        if let Some(spec) = rust_log {
            cmd.env("RUST_LOG", spec);
        }
        let json = global.contains(&"json");
        let running = Running::start(cmd, json);
        let endpoint = if json {
            let v: serde_json::Value = serde_json::from_str(&running.ready[0]).unwrap();
            v["endpoint"].as_str().unwrap().to_string()
        } else {
            running.endpoint()
        };
        let sent = rt.block_on(send_secrets(&endpoint, key_id, secret, &listed));
        let stopped = running.stop();
        let what = format!("{global:?} RUST_LOG={rust_log:?}");
        assert_eq!(stopped.code, Some(0), "{what}: {}", stopped.stderr);
        for leak in &sent.leaks {
            assert!(
                !stopped.stderr.contains(leak.as_str()),
                "{what}: {leak:?} in stderr:\n{}",
                stopped.stderr
            );
            assert!(
                !stopped.stdout.contains(leak.as_str()),
                "{what}: {leak:?} in stdout:\n{}",
                stopped.stdout
            );
        }
        // The log is really there (so the absence above means something).
        let lines = stopped
            .stderr
            .lines()
            .filter(|l| l.contains(" op="))
            .count();
        if global.contains(&"-q") {
            assert_eq!(lines, 0, "{what}: {}", stopped.stderr);
        } else {
            assert!(
                lines >= sent.requests,
                "{what}: {lines} lines for {} requests:\n{}",
                sent.requests,
                stopped.stderr
            );
        }
        // Requests hyper refused are logged, from -vv on, by their error kind only.
        let debug = global
            .iter()
            .any(|g| *g == "-vv" || *g == "-vvv" || *g == "--debug")
            || rust_log.is_some();
        assert_eq!(
            stopped.stderr.contains("connection ended: "),
            debug,
            "{what}: {}",
            stopped.stderr
        );
        // From -v on, the query is logged with the secret values redacted.
        let verbose = global
            .iter()
            .any(|g| g.starts_with("-v") || *g == "--debug")
            || rust_log.is_some();
        for shown in [
            "Signature=<redacted>",
            "security-token=<redacted>",
            "x-oss-signature=<redacted>",
            "x-oss-security-token=<redacted>",
            "%53ignature=<redacted>",
            "OSSAccessKeyId=LTAI5tLogLeakCheck",
        ] {
            assert_eq!(
                stopped.stderr.contains(shown),
                verbose,
                "{what}: {shown}:\n{}",
                stopped.stderr
            );
        }
    }
}

// ------------------------------------------------------------------------ ready output

#[cfg(unix)]
#[test]
fn serve_prints_an_export_line_that_works_when_pasted() {
    let env = TestEnv::new();
    let data = env.home().join("data");
    let running = Running::start(serve_cmd(&env, &[], &["--bucket", "demo"], &data), false);
    let endpoint = running.endpoint();
    let export = running
        .ready
        .iter()
        .find(|l| l.starts_with("export "))
        .expect("an export line")
        .clone();
    assert_eq!(
        export,
        format!(
            "export OSS_ENDPOINT={endpoint} OSS_REGION=cn-hangzhou OSS_ACCESS_KEY_ID={DEV_ACCESS_KEY_ID} OSS_ACCESS_KEY_SECRET={DEV_ACCESS_KEY_SECRET}"
        )
    );
    // Pasted into a shell, it points ossctl at the server.
    let out = env
        .std_cmd("sh")
        .arg("-c")
        .arg(format!(
            "{export} && \"$0\" cors put oss://demo -f examples/cors.yaml --yes && exec \"$0\" cors get oss://demo"
        ))
        .arg(bin())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("https://app.example.com"),
        "{out:?}"
    );
    let stopped = running.stop();
    assert_eq!(stopped.code, Some(0));
    assert!(
        stopped.stderr.contains("op=PutBucketCors status=200"),
        "{}",
        stopped.stderr
    );

    // A secret from the environment is referred to by name; pasted where that variable is
    // set (as in the CI job that started serve), it works.
    let secret = "env-given-secret-4f1c";
    let mut cmd = serve_cmd(&env, &[], &["--bucket", "demo"], &data);
    cmd.env("OSSCTL_SERVE_ACCESS_KEY_ID", "AKENV")
        .env("OSSCTL_SERVE_ACCESS_KEY_SECRET", secret);
    let running = Running::start(cmd, false);
    let export = running
        .ready
        .iter()
        .find(|l| l.starts_with("export "))
        .unwrap()
        .clone();
    assert!(
        export.ends_with(
            " OSS_ACCESS_KEY_ID=AKENV OSS_ACCESS_KEY_SECRET=\"$OSSCTL_SERVE_ACCESS_KEY_SECRET\""
        ),
        "{export}"
    );
    let out = env
        .std_cmd("sh")
        .arg("-c")
        .arg(format!("{export} && exec \"$0\" cors get oss://demo"))
        .arg(bin())
        .env("OSSCTL_SERVE_ACCESS_KEY_SECRET", secret)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stopped = running.stop();
    assert!(
        !stopped.stdout.contains(secret) && !stopped.stderr.contains(secret),
        "{}{}",
        stopped.stdout,
        stopped.stderr
    );

    // A secret from --access-key-secret is never printed: the export line leaves it out and
    // says so.
    let secret = "flag-given-secret-9a2d";
    let running = Running::start(
        serve_cmd(
            &env,
            &[],
            &["--access-key-id", "AKFLAG", "--access-key-secret", secret],
            &data,
        ),
        false,
    );
    let export = running
        .ready
        .iter()
        .find(|l| l.starts_with("export "))
        .unwrap()
        .clone();
    assert!(export.ends_with(" OSS_ACCESS_KEY_ID=AKFLAG"), "{export}");
    assert!(
        running
            .ready
            .iter()
            .any(|l| l.contains("OSS_ACCESS_KEY_SECRET is left out")),
        "{:?}",
        running.ready
    );
    let stopped = running.stop();
    assert!(
        !stopped.stdout.contains(secret) && !stopped.stderr.contains(secret),
        "{}{}",
        stopped.stdout,
        stopped.stderr
    );
}

#[cfg(unix)]
#[test]
fn serve_output_json_prints_one_ready_line_and_no_banner() {
    let env = TestEnv::new();
    let data = env.home().join("data");
    let running = Running::start(
        serve_cmd(&env, &["--output", "json"], &["--bucket", "demo"], &data),
        true,
    );
    let v: serde_json::Value = serde_json::from_str(&running.ready[0]).expect("one JSON line");
    let port = v["port"].as_u64().expect("port is a number");
    assert!(port > 0);
    assert_eq!(v["event"], "ready");
    assert_eq!(v["endpoint"], format!("http://127.0.0.1:{port}"));
    assert_eq!(v["address"], format!("127.0.0.1:{port}"));
    assert_eq!(
        v["virtual_host_endpoint"],
        format!("http://<bucket>.localhost:{port}")
    );
    assert_eq!(v["region"], "cn-hangzhou");
    assert_eq!(v["access_key_id"], DEV_ACCESS_KEY_ID);
    assert_eq!(v["access_key_secret"], DEV_ACCESS_KEY_SECRET);
    assert_eq!(v["development_credentials"], true);
    assert_eq!(
        v["data_dir"],
        data.canonicalize().unwrap().to_str().unwrap()
    );
    // CI uses the fields as they are.
    for args in [
        &[
            "cors",
            "put",
            "oss://demo",
            "-f",
            "examples/cors.yaml",
            "--yes",
        ][..],
        &["cors", "get", "oss://demo"][..],
    ] {
        let out = env
            .cmd()
            .args(args)
            .env("OSS_ENDPOINT", v["endpoint"].as_str().unwrap())
            .env("OSS_REGION", v["region"].as_str().unwrap())
            .env("OSS_ACCESS_KEY_ID", v["access_key_id"].as_str().unwrap())
            .env(
                "OSS_ACCESS_KEY_SECRET",
                v["access_key_secret"].as_str().unwrap(),
            )
            .timeout(Duration::from_secs(30))
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let stopped = running.stop();
    assert_eq!(stopped.code, Some(0));
    let lines: Vec<&str> = stopped.stdout.lines().filter(|l| !l.is_empty()).collect();
    assert_eq!(lines.len(), 1, "only the ready line on stdout: {lines:?}");
    assert!(!stopped.stdout.contains("ossctl serve:") && !stopped.stdout.contains("export "));
    assert!(
        stopped.stderr.contains("op=GetBucketCors status=200"),
        "{}",
        stopped.stderr
    );

    // A secret the user gave: null, never the value.
    let secret = "json-given-secret-77d0";
    let running = Running::start(
        serve_cmd(
            &env,
            &["--output", "json"],
            &["--access-key-id", "AKJSON", "--access-key-secret", secret],
            &data,
        ),
        true,
    );
    let v: serde_json::Value = serde_json::from_str(&running.ready[0]).unwrap();
    assert_eq!(v["access_key_id"], "AKJSON");
    assert!(v["access_key_secret"].is_null(), "{v}");
    assert_eq!(v["development_credentials"], false);
    let stopped = running.stop();
    assert!(!stopped.stdout.contains(secret) && !stopped.stderr.contains(secret));

    // YAML has no ready-line form: refused before anything starts.
    let out = env
        .cmd()
        .args([
            "--output",
            "yaml",
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--data-dir",
        ])
        .arg(env.home().join("yaml-data"))
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert_mentions(&String::from_utf8_lossy(&out.stderr), "use --output json");
    assert!(!env.home().join("yaml-data").exists());
}
