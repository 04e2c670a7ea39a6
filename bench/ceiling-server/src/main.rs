//! The fixed-header ceiling for scripts/bench: answers OPTIONS with 200 and a fixed set of
//! preflight headers, and any other request with 200, fixed CORS headers and a fixed body of
//! `BODY_BYTES` bytes (the size of the object the benchmark fetches from the other servers).
//! Same stack as `ossctl serve` (tokio multi-thread runtime, hyper HTTP/1.1, TCP_NODELAY),
//! none of its work (routing, rules, storage, request ids, dates, logs).
//!
//! Usage: `ceiling-server 127.0.0.1:PORT [BODY_BYTES]` (loopback only).

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::Full;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let addr: SocketAddr = args
        .next()
        .expect("usage: ceiling-server 127.0.0.1:PORT [BODY_BYTES]")
        .parse()
        .expect("address");
    assert!(addr.ip().is_loopback(), "loopback addresses only");
    let size: usize = args.next().map_or(1024, |s| s.parse().expect("BODY_BYTES"));
    let body = Bytes::from(vec![b'x'; size]);
    let listener = TcpListener::bind(addr).await.expect("bind");
    println!(
        "ceiling-server: listening on http://{}",
        listener.local_addr().expect("addr")
    );
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let body = body.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req: Request<hyper::body::Incoming>| {
                let body = body.clone();
                async move { Ok::<_, Infallible>(answer(req.method(), body)) }
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

fn answer(method: &Method, body: Bytes) -> Response<Full<Bytes>> {
    let builder = Response::builder()
        .status(200)
        .header("access-control-allow-origin", "https://app.example.com")
        .header("vary", "Origin");
    if method == Method::OPTIONS {
        builder
            .header("access-control-allow-methods", "GET, PUT")
            .header("access-control-allow-headers", "content-type")
            .header("access-control-expose-headers", "ETag")
            .header("access-control-max-age", "600")
            .header("content-length", "0")
            .body(Full::new(Bytes::new()))
            .expect("response")
    } else {
        builder
            .header("access-control-expose-headers", "ETag")
            .header("content-type", "application/octet-stream")
            .body(Full::new(body))
            .expect("response")
    }
}
