//! What `scripts/bench` relies on and found broken: `ossctl -q serve` must not write a line
//! per request (the benchmark's `serve` rows run with `-q`; the per-request log has its own
//! row). The default, logging every request, is tested in `server.rs`.

use std::io::{BufRead as _, Read as _, Write as _};
use std::net::TcpStream;
use std::process::{Command, Stdio};

/// One HTTP/1.1 request on its own connection; the whole answer.
fn http(addr: &str, request: &str) -> String {
    let mut stream = TcpStream::connect(addr).expect("connect to serve");
    stream.write_all(request.as_bytes()).unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer
}

#[test]
fn quiet_serve_writes_no_per_request_lines() {
    let data = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_ossctl"))
        .args([
            "-q",
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--public-bucket",
            "quiet",
        ])
        .arg("--data-dir")
        .arg(data.path())
        .env_remove("RUST_LOG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ossctl serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    let addr = lines
        .by_ref()
        .map(|l| l.expect("stdout line"))
        .find_map(|l| {
            l.split("endpoint http://")
                .nth(1)
                .and_then(|r| r.split_whitespace().next())
                .map(str::to_string)
        })
        .expect("start-up line with the endpoint");
    let preflight = http(
        &addr,
        "OPTIONS /quiet/a.txt HTTP/1.1\r\nHost: x\r\nOrigin: https://a.test\r\n\
         Access-Control-Request-Method: GET\r\nConnection: close\r\n\r\n",
    );
    assert!(preflight.starts_with("HTTP/1.1 403"), "{preflight}");
    let get = http(
        &addr,
        "GET /quiet/missing.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(get.starts_with("HTTP/1.1 404"), "{get}");
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    assert_eq!(child.wait().unwrap().code(), Some(0));
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(
        !stderr.contains("op="),
        "-q still logged requests:\n{stderr}"
    );
    assert!(!stderr.contains("OPTIONS /quiet"), "{stderr}");
}

// ---------------------------------------------------------------------------------------
// TLS as real OSS is used (issue 16 §4): handshakes are not repeated needlessly.
// ---------------------------------------------------------------------------------------

/// What a counting TCP proxy saw of the TLS handshakes passing through it.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Handshakes {
    /// TCP connections accepted.
    connections: usize,
    /// TLS 1.3 ServerHellos without a pre-shared key: full handshakes.
    full: usize,
    /// TLS 1.3 ServerHellos accepting a pre-shared key: resumed sessions.
    resumed: usize,
}

/// From the server's first bytes on a connection: `Some(true)` when its TLS 1.3 ServerHello
/// accepts a pre-shared key (a resumed session), `Some(false)` for a full handshake, `None`
/// when they are not a TLS 1.3 ServerHello (RFC 8446 §4.1.3: the extensions
/// `supported_versions` 0x002b and `pre_shared_key` 0x0029).
fn server_hello_resumes(bytes: &[u8]) -> Option<bool> {
    // Record header: type 22 (handshake), version, length; handshake type 2 (ServerHello).
    if bytes.len() < 9 || bytes[0] != 22 || bytes[5] != 2 {
        return None;
    }
    let body = bytes.get(9..)?;
    let session_id_len = usize::from(*body.get(34)?);
    let mut at = 35 + session_id_len + 3; // cipher suite (2), compression (1)
    let ext_len = usize::from(u16::from_be_bytes([*body.get(at)?, *body.get(at + 1)?]));
    at += 2;
    let end = at + ext_len;
    let (mut tls13, mut psk) = (false, false);
    while at + 4 <= end {
        let kind = u16::from_be_bytes([*body.get(at)?, *body.get(at + 1)?]);
        let len = usize::from(u16::from_be_bytes([*body.get(at + 2)?, *body.get(at + 3)?]));
        tls13 |= kind == 0x002b;
        psk |= kind == 0x0029;
        at += 4 + len;
    }
    tls13.then_some(psk)
}

/// A TCP proxy on 127.0.0.1 in front of `upstream` that counts connections and reads each
/// connection's ServerHello; `drop_all` closes every open connection (as a server or load
/// balancer closing idle connections does).
struct CountingProxy {
    addr: std::net::SocketAddr,
    seen: std::sync::Arc<std::sync::Mutex<Handshakes>>,
    open: std::sync::Arc<std::sync::Mutex<Vec<TcpStream>>>,
}

impl CountingProxy {
    fn start(upstream: std::net::SocketAddr) -> Self {
        use std::sync::{Arc, Mutex};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Handshakes::default()));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (seen2, open2) = (Arc::clone(&seen), Arc::clone(&open));
        std::thread::spawn(move || {
            for client in listener.incoming() {
                let Ok(client) = client else { break };
                let server = TcpStream::connect(upstream).unwrap();
                seen2.lock().unwrap().connections += 1;
                open2.lock().unwrap().push(client.try_clone().unwrap());
                let (mut c_read, mut s_write) =
                    (client.try_clone().unwrap(), server.try_clone().unwrap());
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut c_read, &mut s_write);
                    let _ = s_write.shutdown(std::net::Shutdown::Write);
                });
                let (mut s_read, mut c_write) = (server, client);
                let seen3 = Arc::clone(&seen2);
                std::thread::spawn(move || {
                    // The ServerHello is the start of the server's first flight.
                    let mut first = Vec::new();
                    let mut buf = [0u8; 16 * 1024];
                    while first.len() < 512 {
                        match s_read.read(&mut buf) {
                            Ok(0) | Err(_) => break,
                            Ok(n) => {
                                first.extend_from_slice(&buf[..n]);
                                if c_write.write_all(&buf[..n]).is_err() {
                                    return;
                                }
                            }
                        }
                    }
                    match server_hello_resumes(&first) {
                        Some(true) => seen3.lock().unwrap().resumed += 1,
                        Some(false) => seen3.lock().unwrap().full += 1,
                        None => {}
                    }
                    let _ = std::io::copy(&mut s_read, &mut c_write);
                    let _ = c_write.shutdown(std::net::Shutdown::Both);
                });
            }
        });
        CountingProxy { addr, seen, open }
    }

    fn seen(&self) -> Handshakes {
        self.seen.lock().unwrap().clone()
    }

    fn drop_all(&self) {
        for stream in self.open.lock().unwrap().drain(..) {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
    }
}

/// Against `ossctl serve --tls-cert`: requests to the same host share one connection (one
/// handshake), a new connection to a host seen before resumes the TLS session instead of a
/// full handshake, and a new process (a new client) starts with a full one. Handshakes are
/// counted by a TCP proxy reading each connection's ServerHello, so this holds what the
/// server really answered, not what the client offered.
#[test]
fn tls_connections_are_reused_and_sessions_resumed() {
    use ossctl::oss::request::HttpRequest;
    use ossctl::transport::{Options, Transport};
    let tls = crate::util::repo_root().join("tests/data/serve-tls");
    let srv = crate::util::Srv::start(&["alpha"], |c| {
        c.tls = Some(ossctl::server::TlsFiles {
            cert: tls.join("cert.pem"),
            key: tls.join("key.pem"),
        });
    });
    let proxy = CountingProxy::start(srv.addr());
    // `localhost` is a name the test certificate holds; the transport sends it to 127.0.0.1.
    let url = format!("https://localhost:{}/alpha?cors", proxy.addr.port());
    let client = || {
        Transport::new(Options {
            ca_pem: Some(std::fs::read(tls.join("cert.pem")).unwrap()),
            ..Options::default()
        })
        .unwrap()
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let get = |transport: &Transport| {
        let response = rt
            .block_on(transport.send(|_| Ok(HttpRequest::new("GET", url.clone()))))
            .expect("an answer over TLS");
        // Unsigned: refused, but a whole HTTP answer came back over the TLS session.
        assert_eq!(response.status, 403);
    };
    let wait_for = |want: Handshakes| {
        for _ in 0..500 {
            if proxy.seen() == want {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(proxy.seen(), want);
    };

    let transport = client();
    for _ in 0..3 {
        get(&transport);
    }
    wait_for(Handshakes {
        connections: 1,
        full: 1,
        resumed: 0,
    });
    // The server side closes the connection: the next request needs a new one, and
    // resumes the session.
    proxy.drop_all();
    std::thread::sleep(std::time::Duration::from_millis(50));
    get(&transport);
    wait_for(Handshakes {
        connections: 2,
        full: 1,
        resumed: 1,
    });
    // Another client (as another process) has no session to resume.
    get(&client());
    wait_for(Handshakes {
        connections: 3,
        full: 2,
        resumed: 1,
    });
}

/// `ossctl --version` and `-V` answer without building the command tree (start-up, issue 16
/// §1), and must still print exactly what clap prints for them.
#[test]
fn version_is_what_clap_prints() {
    let clap_says = ossctl::cli::command().render_version();
    for flag in ["--version", "-V"] {
        let out = Command::new(env!("CARGO_BIN_EXE_ossctl"))
            .arg(flag)
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(String::from_utf8(out.stdout).unwrap(), clap_says, "{flag}");
    }
    // Anything more goes through clap as before.
    let out = Command::new(env!("CARGO_BIN_EXE_ossctl"))
        .args(["cors", "--version"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        format!("ossctl-cors {}\n", env!("CARGO_PKG_VERSION"))
    );
}
