//! Memory of the real `ossctl serve` binary under a hostile barrage: hostile requests must
//! not grow memory without bound. A warm-up barrage brings the process to its plateau
//! (allocator arenas, connection buffers, thread stacks); a barrage ten times larger must then
//! leave its resident set (`VmRSS` in `/proc/PID/status`) within a fixed bound of that
//! plateau. The barrage: malformed Authorization headers and presigned queries, well-formed
//! signatures by a wrong secret (V1 and V4), requests to ever new unknown buckets, oversize
//! bodies, 5 000 headers and a 2 MB header, path-traversal keys, invalid Host headers, and
//! abandoned connections (half a request head, a body that never comes, a bare connect).
//! Every answered request is a 4xx; the server still serves a valid request afterwards. The
//! bound is on growth, not on time.
use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::sync::Mutex;
use std::time::Duration;

use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request::{self, HttpRequest};
use ossctl::oss::sign;
use ossctl::oss::{Credentials, SignatureVersion};

use crate::util::{DEV_ACCESS_KEY_ID, DEV_ACCESS_KEY_SECRET, ServeProcess, TestEnv};

const REGION: &str = "cn-hangzhou";
/// Rounds of the warm-up barrage; the big barrage is ten times as many.
const WARMUP_ROUNDS: usize = 25;
const CLIENTS: usize = 4;
/// Allowed growth of the resident set between the two plateaus.
const BOUND_KIB: u64 = 16 * 1024;

/// One hostile request: bytes to send, and whether to close without reading the answer.
struct Hostile {
    kind: &'static str,
    bytes: Vec<u8>,
    abandon: bool,
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .expect("serve is alive (/proc/PID/status)");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS in /proc/PID/status")
}

fn wire(req: &HttpRequest, host: &str) -> Vec<u8> {
    let rest = req.url.split_once("://").unwrap().1;
    let target = &rest[rest.find('/').unwrap()..];
    let mut out = format!("{} {target} HTTP/1.1\r\nHost: {host}\r\n", req.method);
    for (n, v) in &req.headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        req.body.len()
    ));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(&req.body);
    bytes
}

/// The barrage's fixed parts, built once.
struct Kit {
    addr: SocketAddr,
    ep: Endpoint,
    many_headers: Vec<u8>,
    huge_header: Vec<u8>,
    big_cors: String,
    big_body: Vec<u8>,
}

impl Kit {
    fn new(endpoint: &str) -> Self {
        let ep = Endpoint::parse(endpoint).unwrap();
        let addr: SocketAddr = endpoint.trim_start_matches("http://").parse().unwrap();
        let mut many = format!("GET /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\n");
        for i in 0..5_000 {
            many.push_str(&format!("x-h-{i}: vvvvvvvvvv\r\n"));
        }
        many.push_str("Connection: close\r\n\r\n");
        let huge = format!(
            "GET /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\nx-big: {}\r\nConnection: close\r\n\r\n",
            "v".repeat(2_000_000)
        );
        Kit {
            addr,
            ep,
            many_headers: many.into_bytes(),
            huge_header: huge.into_bytes(),
            big_cors: format!(
                "<CORSConfiguration>{}</CORSConfiguration>",
                " ".repeat(1 << 20)
            ),
            big_body: vec![b'x'; 1 << 20],
        }
    }

    fn signed(
        &self,
        mut req: HttpRequest,
        key: Option<&str>,
        secret: &str,
        v: SignatureVersion,
    ) -> Vec<u8> {
        let creds = Credentials::new(DEV_ACCESS_KEY_ID, secret);
        sign::sign(
            &mut req,
            Some("bucket"),
            key,
            &sign::Signer::new(&creds, v, REGION, jiff::Timestamp::now()),
        );
        wire(&req, &self.addr.to_string())
    }

    /// Round `n` of the barrage (values vary with `n`, so nothing is answered from a cache).
    fn round(&self, n: usize) -> Vec<Hostile> {
        let addr = self.addr;
        let p = AddressingStyle::Path;
        let date = jiff::Timestamp::now().strftime("%a, %d %b %Y %H:%M:%S GMT");
        let v = if n.is_multiple_of(2) {
            SignatureVersion::V1
        } else {
            SignatureVersion::V4
        };
        let auths = [
            format!("OSS {n}:{n}"),
            "OSS \u{0}:\u{0}".to_string(),
            format!("OSS4-HMAC-SHA256 Credential=x/{n}/z,Signature=00"),
            format!(
                "OSS4-HMAC-SHA256 Credential=LTAI/2099/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders={},Signature=zz",
                ";".repeat(n % 200)
            ),
            format!("OSS4-HMAC-SHA256 Credential={}", ",".repeat(100 + n % 100)),
            format!("Basic {n}"),
        ];
        let auth = &auths[n % auths.len()];
        let presigned = [
            format!("OSSAccessKeyId=k{n}&Expires=99999999999999999999999&Signature=x"),
            format!(
                "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=a%2F{n}&x-oss-date=garbage&x-oss-expires=1&x-oss-signature=00"
            ),
            format!(
                "OSSAccessKeyId={}&Expires=1&Signature={n}",
                "A".repeat(20_000)
            ),
        ];
        let query = &presigned[n % presigned.len()];
        let traversal = [
            "../escape",
            "a/../../../escape",
            "%2e%2e/escape",
            "\\..\\escape",
            "/etc/escape",
        ];
        let tkey = format!("{}-{n}", traversal[n % traversal.len()]);
        let hosts = ["", ":", "[::1", "a..b", "x:99999", "-.-", "\u{7f}"];
        let raw = |kind, s: String| Hostile {
            kind,
            bytes: s.into_bytes(),
            abandon: false,
        };
        let key = format!("obj-{n}");
        vec![
            raw(
                "malformed Authorization",
                format!(
                    "GET /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\nDate: {date}\r\nAuthorization: {auth}\r\nConnection: close\r\n\r\n"
                ),
            ),
            raw(
                "malformed presigned query",
                format!(
                    "GET /bucket/{key}?{query} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
                ),
            ),
            Hostile {
                kind: "wrong-secret signature",
                bytes: self.signed(
                    request::get_object(&self.ep, p, "bucket", &key, None).unwrap(),
                    Some(&key),
                    &format!("not-the-secret-{n}"),
                    v,
                ),
                abandon: false,
            },
            Hostile {
                kind: "wrong-secret PUT, 1 MiB body",
                bytes: self.signed(
                    request::put_object(&self.ep, p, "bucket", &key, self.big_body.clone(), None)
                        .unwrap(),
                    Some(&key),
                    "not-the-secret",
                    v,
                ),
                abandon: false,
            },
            Hostile {
                kind: "oversize CORS body (1 MiB)",
                bytes: self.signed(
                    request::put_bucket_cors(&self.ep, p, "bucket", self.big_cors.clone())
                        .unwrap(),
                    None,
                    DEV_ACCESS_KEY_SECRET,
                    v,
                ),
                abandon: false,
            },
            Hostile {
                kind: if n.is_multiple_of(2) {
                    "5 000 headers"
                } else {
                    "2 MB header"
                },
                bytes: if n.is_multiple_of(2) {
                    self.many_headers.clone()
                } else {
                    self.huge_header.clone()
                },
                abandon: false,
            },
            raw(
                "traversal key, unsigned PUT",
                format!(
                    "PUT /bucket/{tkey} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"
                ),
            ),
            match request::get_object(&self.ep, p, "bucket", &tkey, None) {
                Ok(get) => Hostile {
                    kind: "traversal key, signed GET",
                    bytes: self.signed(get, Some(&tkey), DEV_ACCESS_KEY_SECRET, v),
                    abandon: false,
                },
                // A key the client library refuses to address: send it unsigned instead.
                Err(_) => raw(
                    "traversal key, unsigned GET",
                    format!(
                        "GET /bucket/{tkey} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
                    ),
                ),
            },
            raw(
                "unknown bucket",
                format!(
                    "GET /no-such-bucket-{n}/?cors HTTP/1.1\r\nHost: {addr}\r\nDate: {date}\r\nAuthorization: OSS {DEV_ACCESS_KEY_ID}:AAAA{n}=\r\nConnection: close\r\n\r\n"
                ),
            ),
            raw(
                "invalid Host",
                format!(
                    "GET /bucket/?cors HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
                    hosts[n % hosts.len()]
                ),
            ),
            Hostile {
                kind: "abandoned: half a request head",
                bytes: format!("GET /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\nX-Half-{n}: ")
                    .into_bytes(),
                abandon: true,
            },
            Hostile {
                kind: "abandoned: body never comes",
                bytes: format!(
                    "PUT /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 100000\r\n\r\n<CORS"
                )
                .into_bytes(),
                abandon: true,
            },
            Hostile {
                kind: "abandoned: bare connect",
                bytes: Vec::new(),
                abandon: true,
            },
        ]
    }
}

/// Sends one hostile request on a fresh connection; the status, or None (abandoned, or no
/// HTTP answer).
fn send(addr: SocketAddr, h: &Hostile) -> Option<u16> {
    let mut s = TcpStream::connect(addr).expect("connect to serve");
    let _ = s.write_all(&h.bytes);
    if h.abandon {
        return None;
    }
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    std::str::from_utf8(out.get(9..12).unwrap_or_default())
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|_| out.starts_with(b"HTTP/1.1 "))
}

/// Runs `rounds` rounds from `CLIENTS` threads; returns (requests, per-kind answers).
fn barrage(
    kit: &Kit,
    first: usize,
    rounds: usize,
    tally: &Mutex<BTreeMap<String, usize>>,
) -> usize {
    let sent = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for c in 0..CLIENTS {
            let sent = &sent;
            s.spawn(move || {
                for n in (first + c..first + rounds).step_by(CLIENTS) {
                    for h in kit.round(n) {
                        let status = send(kit.addr, &h);
                        sent.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        assert!(
                            status.is_none_or(|s| (400..500).contains(&s)),
                            "{}: answered {status:?}",
                            h.kind
                        );
                        let label = format!(
                            "{} -> {}",
                            h.kind,
                            status.map_or("no answer".into(), |s| s.to_string())
                        );
                        *tally.lock().unwrap().entry(label).or_default() += 1;
                    }
                }
            });
        }
    });
    sent.into_inner()
}

/// A valid signed PUT and GET: the server is alive and sane.
fn still_serves(kit: &Kit) {
    let p = AddressingStyle::Path;
    let put = request::put_object(&kit.ep, p, "bucket", "alive", b"yes".to_vec(), None).unwrap();
    let h = Hostile {
        kind: "valid PUT",
        bytes: kit.signed(
            put,
            Some("alive"),
            DEV_ACCESS_KEY_SECRET,
            SignatureVersion::V4,
        ),
        abandon: false,
    };
    assert_eq!(
        send(kit.addr, &h),
        Some(200),
        "serve still answers a valid PUT"
    );
}

/// The resident set once the connections of a barrage have been torn down.
fn settled_rss(pid: u32) -> u64 {
    std::thread::sleep(Duration::from_millis(500));
    rss_kib(pid)
}

#[test]
fn hostile_barrage_does_not_grow_serve_memory_without_bound() {
    let env = TestEnv::new();
    let serve = ServeProcess::start(&env, &["bucket"]);
    let pid = serve.pid();
    let kit = Kit::new(&serve.endpoint);
    still_serves(&kit);
    let start = settled_rss(pid);

    let tally = Mutex::new(BTreeMap::new());
    let warm = barrage(&kit, 0, WARMUP_ROUNDS, &tally);
    still_serves(&kit);
    let plateau = settled_rss(pid);

    let big = barrage(&kit, WARMUP_ROUNDS, 10 * WARMUP_ROUNDS, &tally);
    still_serves(&kit);
    let after = settled_rss(pid);

    let tally = tally.into_inner().unwrap();
    println!(
        "serve RSS: {start} KiB at start, {plateau} KiB after {warm} warm-up requests, \
         {after} KiB after {big} more (growth {} KiB, bound {BOUND_KIB} KiB)",
        after as i64 - plateau as i64
    );
    println!("answers: {tally:#?}");
    assert_eq!(big, 10 * warm);
    assert!(
        after <= plateau + BOUND_KIB,
        "serve's resident set grew from {plateau} KiB to {after} KiB over {big} hostile requests"
    );
}
