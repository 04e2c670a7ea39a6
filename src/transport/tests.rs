//! Transport tests against a scripted fault server on 127.0.0.1 (tokio TcpListener): each
//! accepted connection plays the next scripted behaviour.

use super::*;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

#[derive(Clone, Debug)]
enum Play {
    /// Reply with this raw HTTP/1.1 response and close.
    Reply(String),
    /// Read the request, then close the connection without answering.
    Reset,
    /// Read the request, then wait this long before replying 200.
    Slow(Duration),
    /// Send a 200 status line with Content-Length 100 but only 5 bytes, then close.
    Truncated,
}

fn reply(status: &str, extra: &str, body: &str) -> Play {
    Play::Reply(format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    ))
}

struct FaultServer {
    addr: SocketAddr,
    connections: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<String>>>,
}

async fn read_request(sock: &mut tokio::net::TcpStream) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        let n = sock.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_string();
            let len = head
                .lines()
                .find_map(|l| {
                    let (k, v) = l.split_once(':')?;
                    k.eq_ignore_ascii_case("content-length")
                        .then(|| v.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            while buf.len() < end + 4 + len {
                let n = sock.read(&mut chunk).await.unwrap_or(0);
                if n == 0 {
                    break;
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            break;
        }
    }
    String::from_utf8_lossy(&buf).to_string()
}

async fn fault_server(script: Vec<Play>) -> FaultServer {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let connections = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(Mutex::new(Vec::new()));
    let (c, r) = (connections.clone(), requests.clone());
    tokio::spawn(async move {
        loop {
            let Ok((mut sock, _)) = listener.accept().await else {
                return;
            };
            let n = c.fetch_add(1, Ordering::SeqCst);
            let play = script
                .get(n)
                .cloned()
                .unwrap_or_else(|| reply("200 OK", "", "ok"));
            let r = r.clone();
            tokio::spawn(async move {
                let req = read_request(&mut sock).await;
                r.lock().unwrap().push(req);
                match play {
                    Play::Reply(raw) => {
                        let _ = sock.write_all(raw.as_bytes()).await;
                    }
                    Play::Reset => {}
                    Play::Slow(d) => {
                        tokio::time::sleep(d).await;
                        let _ = sock
                            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nslow")
                            .await;
                    }
                    Play::Truncated => {
                        let _ = sock
                            .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nhello")
                            .await;
                    }
                }
                let _ = sock.shutdown().await;
            });
        }
    });
    FaultServer {
        addr,
        connections,
        requests,
    }
}

fn fast_options(retries: u32) -> Options {
    Options {
        connect_timeout: Duration::from_secs(2),
        timeout: Duration::from_millis(700),
        retry: RetryPolicy {
            retries,
            base: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            max_retry_after: Duration::from_secs(3),
        },
        ..Options::default()
    }
}

fn put(server: &FaultServer, attempt: u32) -> Result<HttpRequest, String> {
    let mut r = HttpRequest::new("PUT", format!("http://{}/bucket/?cors", server.addr));
    r.headers.push(("x-attempt".into(), attempt.to_string()));
    r.body = b"<CORSConfiguration/>".to_vec();
    Ok(r)
}

#[tokio::test]
async fn retries_5xx_then_succeeds_and_resigns_each_attempt() {
    let s = fault_server(vec![
        reply("503 Service Unavailable", "", "busy"),
        reply("500 Internal Server Error", "", "oops"),
        reply("200 OK", "x-oss-request-id: R3\r\n", ""),
    ])
    .await;
    let t = Transport::new(fast_options(3)).unwrap();
    let mut calls = Vec::new();
    let resp = t
        .send(|n| {
            calls.push(n);
            put(&s, n)
        })
        .await
        .unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.attempts, 3);
    assert_eq!(resp.header("X-OSS-Request-Id"), Some("R3"));
    assert_eq!(calls, vec![1, 2, 3]);
    let reqs = s.requests.lock().unwrap();
    for (i, r) in reqs.iter().enumerate() {
        assert!(r.contains(&format!("x-attempt: {}", i + 1)), "{r}");
        assert!(r.ends_with("<CORSConfiguration/>"), "{r}");
    }
}

#[tokio::test]
async fn gives_up_after_retries_with_last_5xx_response() {
    let s = fault_server(vec![reply("502 Bad Gateway", "", "x"); 10]).await;
    let t = Transport::new(fast_options(2)).unwrap();
    let resp = t.send(|n| put(&s, n)).await.unwrap();
    assert_eq!(resp.status, 502);
    assert_eq!(resp.attempts, 3);
    assert_eq!(s.connections.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn client_errors_are_not_retried() {
    let s = fault_server(vec![
        reply("403 Forbidden", "", "<Error/>"),
        reply("200 OK", "", ""),
    ])
    .await;
    let t = Transport::new(fast_options(3)).unwrap();
    let resp = t.send(|n| put(&s, n)).await.unwrap();
    assert_eq!(resp.status, 403);
    assert_eq!(resp.attempts, 1);
    assert_eq!(s.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn honours_retry_after_on_429() {
    let s = fault_server(vec![
        reply("429 Too Many Requests", "Retry-After: 1\r\n", ""),
        reply("200 OK", "", ""),
    ])
    .await;
    let mut opts = fast_options(3);
    // Jittered backoff alone would retry within 20 ms.
    opts.retry.max_backoff = Duration::from_millis(20);
    let t = Transport::new(opts).unwrap();
    let started = Instant::now();
    let resp = t.send(|n| put(&s, n)).await.unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.attempts, 2);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn retry_after_beyond_the_cap_stops_retrying() {
    let s = fault_server(vec![
        reply("503 Service Unavailable", "Retry-After: 3600\r\n", ""),
        reply("200 OK", "", ""),
    ])
    .await;
    let t = Transport::new(fast_options(3)).unwrap();
    let resp = t.send(|n| put(&s, n)).await.unwrap();
    assert_eq!(resp.status, 503);
    assert_eq!(s.connections.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn connection_resets_are_retried_then_reported_as_network_errors() {
    let s = fault_server(vec![Play::Reset, Play::Reset, reply("200 OK", "", "")]).await;
    let t = Transport::new(fast_options(3)).unwrap();
    let resp = t.send(|n| put(&s, n)).await.unwrap();
    assert_eq!((resp.status, resp.attempts), (200, 3));

    // Never acknowledged: the write is an error, not a success.
    let s = fault_server(vec![Play::Reset; 10]).await;
    let t = Transport::new(fast_options(2)).unwrap();
    let err = t.send(|n| put(&s, n)).await.unwrap_err();
    match &err {
        TransportError::Network {
            host,
            attempts,
            timed_out,
            ..
        } => {
            assert_eq!(host, &s.addr.to_string());
            assert_eq!(*attempts, 3);
            assert!(!timed_out);
        }
        other => panic!("{other:?}"),
    }
    let msg = err.to_string();
    assert!(
        msg.contains(&s.addr.to_string()) && msg.contains("3 attempts"),
        "{msg}"
    );
}

#[tokio::test]
async fn truncated_bodies_are_failures_not_successes() {
    let s = fault_server(vec![Play::Truncated; 10]).await;
    let t = Transport::new(fast_options(1)).unwrap();
    let err = t.send(|n| put(&s, n)).await.unwrap_err();
    assert!(
        matches!(err, TransportError::Network { attempts: 2, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn slow_responses_time_out_and_are_retried() {
    let s = fault_server(vec![
        Play::Slow(Duration::from_secs(3)),
        reply("200 OK", "", ""),
    ])
    .await;
    let t = Transport::new(fast_options(2)).unwrap();
    let resp = t.send(|n| put(&s, n)).await.unwrap();
    assert_eq!((resp.status, resp.attempts), (200, 2));

    let s = fault_server(vec![Play::Slow(Duration::from_secs(3)); 5]).await;
    let t = Transport::new(fast_options(1)).unwrap();
    let err = t.send(|n| put(&s, n)).await.unwrap_err();
    match &err {
        TransportError::Network {
            timed_out,
            attempts,
            ..
        } => {
            assert!(*timed_out, "{err}");
            assert_eq!(*attempts, 2);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("timed out"), "{err}");
}

#[tokio::test]
async fn refused_connections_name_host_and_cause() {
    // Bind then drop to get a port nobody listens on.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let t = Transport::new(fast_options(1)).unwrap();
    let err = t
        .send(|_| {
            Ok(HttpRequest::new(
                "GET",
                format!("http://127.0.0.1:{port}/b/?cors"),
            ))
        })
        .await
        .unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains(&format!("127.0.0.1:{port}")), "{msg}");
    assert!(msg.to_lowercase().contains("refused"), "{msg}");
}

#[tokio::test]
async fn localhost_subdomains_reach_loopback() {
    let s = fault_server(vec![reply("200 OK", "", "hi")]).await;
    let t = Transport::new(fast_options(0)).unwrap();
    let port = s.addr.port();
    let resp = t
        .send(|_| {
            Ok(HttpRequest::new(
                "GET",
                format!("http://bucket.localhost:{port}/?cors"),
            ))
        })
        .await
        .unwrap();
    assert_eq!(resp.body, b"hi");
    let reqs = s.requests.lock().unwrap();
    assert!(
        reqs[0]
            .to_lowercase()
            .contains(&format!("host: bucket.localhost:{port}")),
        "{}",
        reqs[0]
    );
}

#[tokio::test]
async fn prepare_errors_stop_before_sending() {
    let s = fault_server(vec![]).await;
    let t = Transport::new(fast_options(3)).unwrap();
    let err = t.send(|_| Err("no region".to_string())).await.unwrap_err();
    assert!(matches!(err, TransportError::Prepare(ref m) if m == "no region"));
    assert_eq!(s.connections.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn debug_lines_mask_secrets() {
    let s = fault_server(vec![reply("200 OK", "", "")]).await;
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let l2 = lines.clone();
    let mut opts = fast_options(0);
    opts.debug = Some(Arc::new(move |line: &str| {
        l2.lock().unwrap().push(line.to_string())
    }));
    let t = Transport::new(opts).unwrap();
    t.send(|n| {
        let mut r = put(&s, n)?;
        r.headers.push((
            "Authorization".into(),
            "OSS4-HMAC-SHA256 Credential=AKID/20250101/cn-hangzhou/oss/aliyun_v4_request,Signature=deadbeefcafe0123".into(),
        ));
        r.headers
            .push(("x-oss-security-token".into(), "TOKEN-SECRET-VALUE".into()));
        Ok(r)
    })
    .await
    .unwrap();
    let all = lines.lock().unwrap().join("\n");
    assert!(all.contains("> PUT http://"), "{all}");
    assert!(all.contains("< 200"), "{all}");
    assert!(!all.contains("deadbeefcafe0123"), "{all}");
    assert!(!all.contains("TOKEN-SECRET-VALUE"), "{all}");
}

#[test]
fn bad_ca_bundles_are_setup_errors() {
    let opts = Options {
        ca_pem: Some(b"not a certificate".to_vec()),
        ..Options::default()
    };
    assert!(matches!(
        Transport::new(opts),
        Err(TransportError::Setup(_))
    ));
}

#[test]
fn echoed_signatures_are_masked_in_debug_bodies() {
    let r = Response {
        status: 403,
        headers: vec![],
        body: b"<Error><SignatureProvided>abc123</SignatureProvided><X>1</X></Error>".to_vec(),
        attempts: 1,
    };
    let text = format_response(&r, Duration::from_millis(1));
    assert!(!text.contains("abc123"), "{text}");
    assert!(
        text.contains("<SignatureProvided>******</SignatureProvided><X>1</X>"),
        "{text}"
    );
}

/// Plain-HTTP requests use the client without a certificate verifier; the TLS client (which
/// loads the system's root certificates, most of a one-shot command's start-up) is built
/// only when an https:// URL needs it.
#[tokio::test]
async fn http_requests_do_not_build_the_tls_client() {
    let s = fault_server(vec![reply("200 OK", "", "ok")]).await;
    let t = Transport::new(fast_options(0)).unwrap();
    assert_eq!(t.plain.is_some(), !https_proxy_for_http());
    let resp = t.send(|n| put(&s, n)).await.unwrap();
    assert_eq!(resp.status, 200);
    assert_eq!(resp.body, b"ok");
    if t.plain.is_some() {
        assert!(t.tls.get().is_none(), "http:// built the TLS client");
    }
    t.client_for("https://oss-cn-hangzhou.aliyuncs.com/")
        .unwrap();
    assert!(t.tls.get().is_some_and(|c| c.is_ok()));
    // A clone shares the built TLS client rather than building its own.
    assert!(t.clone().tls.get().is_some());
}
