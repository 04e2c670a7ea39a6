//! A fault-injecting TCP proxy between the real `ossctl cors put --verify` and a real
//! in-process `ossctl serve`: requests reach the endpoint, and the proxy then drops, delays,
//! truncates, tampers with or replaces the answer. The client must retry only what is safe,
//! never report success for a write whose acknowledgement it did not get, and `--verify`
//! must catch a read-back that differs. Complements the scripted fault server in `client.rs`
//! (which never forwards to a real endpoint).

use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::reliability::{Srv, ossctl, text};
use crate::util::TestEnv;

#[derive(Debug, Clone)]
enum Fault {
    Pass,
    /// Forward, then close the client connection without an answer.
    DropAnswer,
    /// Forward, then wait this long before answering.
    Delay(Duration),
    /// Forward, then send only half of the answer and close.
    Truncate,
    /// Forward, then replace `from` with `to` in the answer body (same length).
    Tamper(&'static str, &'static str),
    /// Do not forward; answer with this status line.
    Status(&'static str),
}

struct Proxy {
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
}

fn read_request(s: &mut TcpStream) -> Option<Vec<u8>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let len: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap_or(0));
            if buf.len() >= end + 4 + len {
                return Some(buf);
            }
        }
        match s.read(&mut chunk) {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
}

/// Starts the proxy; `script(n, request line)` picks the fault for the n-th request.
fn proxy(
    upstream: SocketAddr,
    script: impl Fn(usize, &str) -> Fault + Send + Sync + 'static,
) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::new(AtomicUsize::new(0));
    let script = Arc::new(script);
    let log2 = log.clone();
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { return };
            let (script, log, seen) = (script.clone(), log2.clone(), seen.clone());
            std::thread::spawn(move || {
                let Some(req) = read_request(&mut client) else {
                    return;
                };
                let line_end = req.windows(2).position(|w| w == b"\r\n").unwrap_or(0);
                let line = String::from_utf8_lossy(&req[..line_end]).into_owned();
                let n = seen.fetch_add(1, Ordering::SeqCst);
                let fault = script(n, &line);
                log.lock().unwrap().push(format!("{line} -> {fault:?}"));
                if let Fault::Status(status) = fault {
                    let _ = write!(
                        client,
                        "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    );
                    return;
                }
                // One request per upstream connection.
                let mut fwd = req[..line_end + 2].to_vec();
                fwd.extend_from_slice(b"Connection: close\r\n");
                fwd.extend_from_slice(&req[line_end + 2..]);
                let mut up = TcpStream::connect(upstream).unwrap();
                up.write_all(&fwd).unwrap();
                let mut answer = Vec::new();
                let _ = up.read_to_end(&mut answer);
                match fault {
                    Fault::DropAnswer => {}
                    Fault::Delay(d) => {
                        std::thread::sleep(d);
                        let _ = client.write_all(&answer);
                    }
                    Fault::Truncate => {
                        let _ = client.write_all(&answer[..answer.len() / 2 + 20]);
                    }
                    Fault::Tamper(from, to) => {
                        assert_eq!(from.len(), to.len());
                        let s = String::from_utf8_lossy(&answer).replacen(from, to, 1);
                        let _ = client.write_all(s.as_bytes());
                    }
                    _ => {
                        let _ = client.write_all(&answer);
                    }
                }
            });
        }
    });
    Proxy { port, log }
}

const RULES: &str = "rules:\n  - allowed_origins: [\"https://app.example.com\"]\n    allowed_methods: [GET, PUT]\n    max_age_seconds: 600\n";

fn put_verify(env: &TestEnv, p: &Proxy, extra: &[&str]) -> std::process::Output {
    let file = env.write("r.yaml", RULES);
    // --force: no GetBucketCors before the write, so the proxy's script sees the PUT first.
    ossctl(env, &format!("http://127.0.0.1:{}", p.port))
        .args(["cors", "put", "oss://bucket", "--force", "--verify", "-f"])
        .arg(&file)
        .args(extra)
        .output()
        .unwrap()
}

fn is_put(line: &str) -> bool {
    line.starts_with("PUT ") && line.contains("cors")
}

fn is_get(line: &str) -> bool {
    line.starts_with("GET ") && line.contains("cors")
}

fn stored_max_age(srv: &Srv, env: &TestEnv) -> Option<String> {
    let out = ossctl(env, &srv.url())
        .args(["cors", "get", "oss://bucket", "--format", "json"])
        .output()
        .unwrap();
    (out.status.code() == Some(0)).then(|| {
        let (stdout, _) = text(&out);
        stdout
            .split("\"max_age_seconds\":")
            .nth(1)
            .map(|r| r.trim().chars().take_while(char::is_ascii_digit).collect())
            .unwrap_or_default()
    })
}

#[test]
fn lost_acknowledgement_is_retried_then_verified() {
    let srv = Srv::start(&["bucket"], |_| {});
    let env = TestEnv::new();
    // The first PUT reaches serve (the write happens) but its answer is lost: PutBucketCors
    // is idempotent, so a retry is safe; then --verify reads back through the proxy.
    let p = proxy(srv.addr(), |n, _| {
        if n == 0 {
            Fault::DropAnswer
        } else {
            Fault::Pass
        }
    });
    let out = put_verify(&env, &p, &[]);
    let (stdout, stderr) = text(&out);
    let log = p.log.lock().unwrap().clone();
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}\n{log:#?}");
    assert!(log.iter().filter(|l| is_put(l)).count() >= 2, "{log:#?}");
    assert!(
        log.iter().any(|l| is_get(l)),
        "--verify read back: {log:#?}"
    );
    assert_eq!(stored_max_age(&srv, &env).as_deref(), Some("600"));
}

#[test]
fn unacknowledged_writes_are_not_reported_done_even_when_they_landed() {
    for (name, fault) in [
        ("dropped", Fault::DropAnswer),
        ("truncated", Fault::Truncate),
        ("late", Fault::Delay(Duration::from_secs(3))),
    ] {
        let srv = Srv::start(&["bucket"], |_| {});
        let env = TestEnv::new();
        let f = fault.clone();
        let p = proxy(srv.addr(), move |_, line| {
            if is_put(line) { f.clone() } else { Fault::Pass }
        });
        let out = put_verify(&env, &p, &["--timeout", "1", "--retries", "1"]);
        let (stdout, stderr) = text(&out);
        let log = p.log.lock().unwrap().clone();
        assert!(
            matches!(out.status.code(), Some(3 | 4)),
            "{name}: exit {:?}\n{stdout}{stderr}\n{log:#?}",
            out.status
        );
        assert!(!stdout.contains("ok "), "{name}: reported done: {stdout}");
        assert!(stderr.contains("oss://bucket"), "{name}: {stderr}");
        // The write did reach the endpoint (it is there), which is exactly why the client
        // must say it does not know, not that it failed to write or that it succeeded.
        assert_eq!(stored_max_age(&srv, &env).as_deref(), Some("600"), "{name}");
        // Retried (idempotent) and never more than --retries allows.
        assert_eq!(
            log.iter().filter(|l| is_put(l)).count(),
            2,
            "{name}: {log:#?}"
        );
    }
}

#[test]
fn verify_catches_a_read_back_that_differs_or_breaks() {
    // The endpoint stores the rules, but the read-back says MaxAgeSeconds 900.
    let srv = Srv::start(&["bucket"], |_| {});
    let env = TestEnv::new();
    let p = proxy(srv.addr(), |_, line| {
        if is_get(line) {
            Fault::Tamper("<MaxAgeSeconds>600<", "<MaxAgeSeconds>900<")
        } else {
            Fault::Pass
        }
    });
    let out = put_verify(&env, &p, &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(3), "{stdout}{stderr}");
    assert!(
        stderr.contains("600") && stderr.contains("900"),
        "names the difference: {stderr}"
    );

    // The read-back is cut short every time: not verified, not reported done.
    let p = proxy(srv.addr(), |_, line| {
        if is_get(line) {
            Fault::Truncate
        } else {
            Fault::Pass
        }
    });
    let out = put_verify(&env, &p, &["--retries", "1"]);
    let (stdout, stderr) = text(&out);
    assert!(
        matches!(out.status.code(), Some(3 | 4)),
        "{:?}\n{stdout}{stderr}",
        out.status
    );
    assert!(!stdout.contains("verified"), "{stdout}");

    // 503 then 429 then through: retried, written once, verified.
    let p = proxy(srv.addr(), |n, _| match n {
        0 => Fault::Status("503 Service Unavailable"),
        1 => Fault::Status("429 Too Many Requests\r\nRetry-After: 0"),
        _ => Fault::Pass,
    });
    let out = put_verify(&env, &p, &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    let log = p.log.lock().unwrap().clone();
    assert_eq!(log.iter().filter(|l| is_put(l)).count(), 3, "{log:#?}");
}
