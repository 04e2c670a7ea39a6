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
