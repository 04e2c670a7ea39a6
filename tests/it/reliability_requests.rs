//! Hostile requests to `ossctl serve` (in-process, over raw TCP): a single-byte mutation sweep
//! of valid signed requests (V1 and V4; header-signed GET and PUT, presigned GET), requests
//! outside the 15-minute window, malformed Authorization headers and presigned URLs, huge
//! header counts, oversize bodies, invalid Host headers, path-traversal keys (the data
//! directory is walked afterwards) and slow clients. After the barrage the server still
//! answers a valid request. Complements `server::hostile_requests_never_crash_or_escape`.

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request::{self, HttpRequest};
use ossctl::oss::sign;
use ossctl::oss::{Credentials, SignatureVersion};
use ossctl::server::{TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET};

use crate::reliability::Srv;

const REGION: &str = "cn-hangzhou";
const SECRET_OBJECT: &[u8] = b"the-private-object-body-0123456789";

fn creds() -> Credentials {
    Credentials::new(TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET)
}

/// One request on a fresh connection; returns the status (None: no HTTP answer) and the raw
/// answer.
fn exchange(addr: SocketAddr, raw: &[u8]) -> (Option<u16>, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let _ = s.write_all(raw);
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    let status = std::str::from_utf8(out.get(9..12).unwrap_or_default())
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|_| out.starts_with(b"HTTP/1.1 "));
    (status, out)
}

/// A request as bytes, plus the byte ranges a mutation must change the meaning of (the
/// request target, the signed headers' lines, the body).
struct Wire {
    bytes: Vec<u8>,
    mutable: Vec<std::ops::Range<usize>>,
}

fn wire(req: &HttpRequest, addr: SocketAddr, signed: &[&str]) -> Wire {
    let rest = req.url.split_once("://").unwrap().1;
    let target = &rest[rest.find('/').unwrap()..];
    let mut bytes = Vec::new();
    let mut mutable = Vec::new();
    let line = format!("{} {target}", req.method);
    mutable.push(0..line.len());
    bytes.extend_from_slice(line.as_bytes());
    bytes.extend_from_slice(format!(" HTTP/1.1\r\nHost: {addr}\r\n").as_bytes());
    for (n, v) in &req.headers {
        let start = bytes.len();
        bytes.extend_from_slice(format!("{n}: {v}").as_bytes());
        if signed.contains(&n.to_ascii_lowercase().as_str()) {
            mutable.push(start..bytes.len());
        }
        bytes.extend_from_slice(b"\r\n");
    }
    bytes.extend_from_slice(
        format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            req.body.len()
        )
        .as_bytes(),
    );
    let start = bytes.len();
    bytes.extend_from_slice(&req.body);
    mutable.push(start..bytes.len());
    Wire { bytes, mutable }
}

#[test]
fn single_byte_mutations_of_signed_requests_are_all_rejected() {
    let srv = Srv::start(&["bucket"], |_| {});
    let addr = srv.addr();
    let ep = Endpoint::parse(&srv.url()).unwrap();
    let p = AddressingStyle::Path;
    let now = jiff::Timestamp::now();

    // The private object every GET mutant tries to read.
    let mut put = request::put_object(&ep, p, "bucket", "secret.txt", SECRET_OBJECT, None).unwrap();
    sign::sign(
        &mut put,
        Some("bucket"),
        Some("secret.txt"),
        &sign::Signer::new(&creds(), SignatureVersion::V4, REGION, now),
    );
    let (status, _) = exchange(addr, &wire(&put, addr, &[]).bytes);
    assert_eq!(status, Some(200));

    let mut figures: BTreeMap<String, (usize, BTreeMap<String, usize>)> = BTreeMap::new();
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        // V1 signs Date (and Content-MD5); V4 signs x-oss-date, x-oss-content-sha256 and
        // Content-MD5, not Date.
        let signed: &[&str] = match version {
            SignatureVersion::V1 => &["authorization", "date", "content-md5"],
            _ => &[
                "authorization",
                "x-oss-date",
                "x-oss-content-sha256",
                "content-md5",
            ],
        };
        let mut get = request::get_object(&ep, p, "bucket", "secret.txt", None).unwrap();
        sign::sign(
            &mut get,
            Some("bucket"),
            Some("secret.txt"),
            &sign::Signer::new(&creds(), version, REGION, now),
        );
        let mut put = request::put_object(
            &ep,
            p,
            "bucket",
            "target.txt",
            b"mutant-body".to_vec(),
            None,
        )
        .unwrap();
        sign::sign(
            &mut put,
            Some("bucket"),
            Some("target.txt"),
            &sign::Signer::new(&creds(), version, REGION, now),
        );
        let mut pre = request::get_object(&ep, p, "bucket", "secret.txt", None).unwrap();
        sign::presign(
            &mut pre,
            Some("bucket"),
            Some("secret.txt"),
            &sign::Signer::new(&creds(), version, REGION, now),
            600,
            &Default::default(),
        )
        .unwrap();
        for (kind, req) in [
            ("header GET", &get),
            ("header PUT", &put),
            ("presigned GET", &pre),
        ] {
            let w = wire(req, addr, signed);
            // The unmutated request is accepted: the sweep starts from a valid request.
            let (status, _) = exchange(addr, &w.bytes);
            assert_eq!(status, Some(200), "{version} {kind} unmutated");
            let name = format!("{version} {kind}");
            let entry = figures.entry(name.clone()).or_default();
            for range in &w.mutable {
                for i in range.clone() {
                    let mut m = w.bytes.clone();
                    m[i] ^= 0x01;
                    let (status, answer) = exchange(addr, &m);
                    entry.0 += 1;
                    *entry
                        .1
                        .entry(status.map_or("no answer".to_string(), |s| s.to_string()))
                        .or_default() += 1;
                    assert!(
                        status.is_none_or(|s| s >= 400),
                        "{name}: mutant at byte {i} ({:?} -> {:?}) was accepted: {status:?}\n{}",
                        w.bytes[i] as char,
                        m[i] as char,
                        String::from_utf8_lossy(&m)
                    );
                    assert!(
                        !answer
                            .windows(SECRET_OBJECT.len())
                            .any(|win| win == SECRET_OBJECT),
                        "{name}: mutant at byte {i} read the object"
                    );
                }
            }
        }
    }
    // No PUT mutant wrote anything.
    let mut get = request::get_object(&ep, p, "bucket", "target.txt", None).unwrap();
    sign::sign(
        &mut get,
        Some("bucket"),
        Some("target.txt"),
        &sign::Signer::new(
            &creds(),
            SignatureVersion::V4,
            REGION,
            jiff::Timestamp::now(),
        ),
    );
    let (status, _) = exchange(addr, &wire(&get, addr, &[]).bytes);
    // The two unmutated PUTs did write "mutant-body"; it must be exactly that.
    assert_eq!(status, Some(200));
    let total: usize = figures.values().map(|(n, _)| n).sum();
    println!("mutation sweep: {total} mutants, all rejected: {figures:?}");
    assert!(total > 1000, "{total}");
    still_serves(&srv);
}

/// A valid signed GetBucketCors/GetObject after the barrage: the server is alive and sane.
fn still_serves(srv: &Srv) {
    let ep = Endpoint::parse(&srv.url()).unwrap();
    let mut req = request::put_object(
        &ep,
        AddressingStyle::Path,
        "bucket",
        "alive",
        b"yes".to_vec(),
        None,
    )
    .unwrap();
    sign::sign(
        &mut req,
        Some("bucket"),
        Some("alive"),
        &sign::Signer::new(
            &creds(),
            SignatureVersion::V4,
            REGION,
            jiff::Timestamp::now(),
        ),
    );
    let (status, answer) = exchange(srv.addr(), &wire(&req, srv.addr(), &[]).bytes);
    assert_eq!(status, Some(200), "{}", String::from_utf8_lossy(&answer));
}

fn signed_get(srv: &Srv, version: SignatureVersion, at: jiff::Timestamp) -> HttpRequest {
    let ep = Endpoint::parse(&srv.url()).unwrap();
    let mut req = request::get_bucket_cors(&ep, AddressingStyle::Path, "bucket").unwrap();
    sign::sign(
        &mut req,
        Some("bucket"),
        None,
        &sign::Signer::new(&creds(), version, REGION, at),
    );
    req
}

fn code_of(answer: &[u8]) -> String {
    let s = String::from_utf8_lossy(answer);
    s.split("<Code>")
        .nth(1)
        .and_then(|r| r.split("</Code>").next())
        .unwrap_or("")
        .to_string()
}

#[test]
fn skewed_malformed_oversize_and_odd_requests_are_answered_and_contained() {
    let srv = Srv::start(&["bucket"], |_| {});
    let addr = srv.addr();
    let now = jiff::Timestamp::now();

    // Outside the 15-minute window, both ways, both versions; just inside is fine.
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        for (offset_min, ok) in [(-16i64, false), (16, false), (-14, true), (14, true)] {
            let at = now + jiff::SignedDuration::from_mins(offset_min);
            let req = signed_get(&srv, version, at);
            let (status, answer) = exchange(addr, &wire(&req, addr, &[]).bytes);
            if ok {
                // No configuration yet: 404 NoSuchCORSConfiguration, i.e. authenticated.
                assert_eq!(status, Some(404), "{version} {offset_min} min");
            } else {
                assert_eq!(status, Some(403), "{version} {offset_min} min");
                assert_eq!(code_of(&answer), "RequestTimeTooSkewed");
            }
        }
    }

    // Malformed Authorization headers and presigned URLs: 4xx, never 2xx, never a crash.
    let auths = [
        "",
        "OSS",
        "OSS ",
        "OSS :",
        "OSS a:b:c",
        "OSS \u{0}:\u{0}",
        "OSS4-HMAC-SHA256",
        "OSS4-HMAC-SHA256 ",
        "OSS4-HMAC-SHA256 Credential=",
        "OSS4-HMAC-SHA256 Credential=x/y/z,Signature=00",
        "OSS4-HMAC-SHA256 Credential=LTAI/20990101/cn-hangzhou/oss/aliyun_v4_request,Signature=",
        "OSS4-HMAC-SHA256 Credential=LTAI/2099/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=;;;,Signature=zz",
        "OSS4-HMAC-SHA256 Credential=,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,",
        "Basic dXNlcjpwYXNz",
        "Bearer x",
        "AWS4-HMAC-SHA256 Credential=a/b/c/s3/aws4_request, SignedHeaders=host, Signature=00",
    ];
    let mut answered = 0;
    for a in auths {
        let raw = format!(
            "GET /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\nDate: {}\r\nAuthorization: {a}\r\nConnection: close\r\n\r\n",
            now.strftime("%a, %d %b %Y %H:%M:%S GMT")
        );
        let (status, answer) = exchange(addr, raw.as_bytes());
        let status = status.unwrap_or_else(|| panic!("no answer for {a:?}"));
        assert!(
            (400..500).contains(&status),
            "{a:?}: {status} {}",
            String::from_utf8_lossy(&answer)
        );
        answered += 1;
    }
    let long = "A".repeat(60_000);
    let presigned = [
        "OSSAccessKeyId=&Expires=&Signature=",
        "OSSAccessKeyId=x&Expires=99999999999999999999999&Signature=x",
        "OSSAccessKeyId=x&Expires=-1&Signature=x",
        "OSSAccessKeyId=x&Expires=1e9&Signature=%ZZ",
        "x-oss-signature-version=OSS4-HMAC-SHA256",
        "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=a%2Fb&x-oss-date=garbage&x-oss-expires=1&x-oss-signature=00",
        "x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=a&x-oss-date=20991231T000000Z&x-oss-expires=99999999999999999999&x-oss-signature=00",
        "x-oss-signature-version=OSS1&OSSAccessKeyId=x",
        &format!("OSSAccessKeyId={long}&Expires=1&Signature={long}"),
    ];
    for q in presigned {
        let raw =
            format!("GET /bucket/secret?{q} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
        let (status, _) = exchange(addr, raw.as_bytes());
        let status = status.unwrap_or_else(|| panic!("no answer for {q:.80}"));
        assert!((400..500).contains(&status), "{q:.80}: {status}");
        answered += 1;
    }

    // Huge header counts and a huge header: refused or answered, the server lives on.
    for (count, size) in [(5_000usize, 10usize), (200, 10), (1, 2_000_000)] {
        let mut raw = format!("GET /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\n");
        for i in 0..count {
            raw.push_str(&format!("x-h-{i}: {}\r\n", "v".repeat(size)));
        }
        raw.push_str("Connection: close\r\n\r\n");
        let (status, _) = exchange(addr, raw.as_bytes());
        assert!(
            status.is_none_or(|s| s >= 400),
            "{count} headers: {status:?}"
        );
    }

    // Invalid Host headers: answered (path style), never a crash.
    for host in [
        "",
        ":",
        "[::1",
        "a..b",
        "bucket.",
        ".localhost",
        "x:99999",
        "-.-",
        "\u{7f}",
    ] {
        let raw =
            format!("GET /bucket/?cors HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        let (status, _) = exchange(addr, raw.as_bytes());
        assert!(status.is_none_or(|s| s >= 400), "Host {host:?}: {status:?}");
    }

    // Oversize bodies: a 1 MiB CORS body (limit 64 KiB) is refused before it is all read.
    let ep = Endpoint::parse(&srv.url()).unwrap();
    let big = format!(
        "<CORSConfiguration>{}</CORSConfiguration>",
        " ".repeat(1 << 20)
    );
    let mut req = request::put_bucket_cors(&ep, AddressingStyle::Path, "bucket", big).unwrap();
    sign::sign(
        &mut req,
        Some("bucket"),
        None,
        &sign::Signer::new(&creds(), SignatureVersion::V4, REGION, now),
    );
    let (status, answer) = exchange(addr, &wire(&req, addr, &[]).bytes);
    assert_eq!(
        status,
        Some(400),
        "{}",
        String::from_utf8_lossy(&answer[..answer.len().min(400)])
    );
    assert_eq!(code_of(&answer), "EntityTooLarge");

    println!("malformed auth/presign answered: {answered}");
    still_serves(&srv);
}

/// Every regular file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[test]
fn traversal_keys_never_write_outside_the_data_dir() {
    let srv = Srv::start(&["bucket"], |c| c.public_buckets = vec!["pub".into()]);
    let addr = srv.addr();
    let ep = Endpoint::parse(&srv.url()).unwrap();
    let keys = [
        "../escape-a",
        "../../escape-b",
        "a/../../../escape-c",
        "/etc/escape-d",
        "\\..\\escape-e",
        "..\\..\\escape-f",
        "%2e%2e/escape-g",
        "nul\u{0}escape-h",
        "./././escape-i",
        "a/./b/../../../../escape-j",
        "..",
        ".",
        "...",
        "a//b",
    ];
    let mut stored = 0;
    for key in keys {
        for style in ["signed", "raw-encoded", "raw-literal"] {
            let (status, _) = match style {
                "signed" => {
                    let Ok(mut req) = request::put_object(
                        &ep,
                        AddressingStyle::Path,
                        "bucket",
                        key,
                        b"x".to_vec(),
                        None,
                    ) else {
                        continue;
                    };
                    sign::sign(
                        &mut req,
                        Some("bucket"),
                        Some(key),
                        &sign::Signer::new(
                            &creds(),
                            SignatureVersion::V4,
                            REGION,
                            jiff::Timestamp::now(),
                        ),
                    );
                    exchange(addr, &wire(&req, addr, &[]).bytes)
                }
                "raw-encoded" => {
                    let enc: String = key.bytes().map(|b| format!("%{b:02X}")).collect();
                    let raw = format!(
                        "PUT /pub/{enc} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"
                    );
                    exchange(addr, raw.as_bytes())
                }
                _ => {
                    if key.contains('\u{0}') {
                        continue;
                    }
                    let raw = format!(
                        "PUT /pub/{key} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx"
                    );
                    exchange(addr, raw.as_bytes())
                }
            };
            if status == Some(200) {
                stored += 1;
            }
        }
    }
    // Everything the server wrote is inside data/; nothing named escape-* anywhere else.
    let data = srv.dir.path().join("data");
    let all = walk(srv.dir.path());
    for f in &all {
        assert!(
            f.starts_with(&data),
            "written outside the data dir: {}",
            f.display()
        );
    }
    assert!(
        !all.is_empty(),
        "some traversal keys were stored as ordinary keys"
    );
    for probe in ["/etc/escape-d", "/escape-a", "/escape-b", "/escape-c"] {
        assert!(!Path::new(probe).exists(), "{probe}");
    }
    let parent = srv.dir.path().parent().unwrap();
    for e in std::fs::read_dir(parent).unwrap().flatten() {
        assert!(
            !e.file_name().to_string_lossy().starts_with("escape-"),
            "{}",
            e.path().display()
        );
    }
    println!("traversal keys: {stored} stored as ordinary keys inside the data dir");
    still_serves(&srv);
}

#[test]
fn slow_clients_do_not_block_others_and_are_timed_out() {
    let srv = Srv::start(&["bucket"], |_| {});
    let addr = srv.addr();
    // 64 connections that send half a request head and stall, and 8 that send a head
    // announcing a body that never comes.
    let mut stalled = Vec::new();
    for i in 0..72 {
        let mut s = TcpStream::connect(addr).unwrap();
        if i < 64 {
            s.write_all(b"GET /bucket/?cors HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Half: ")
                .unwrap();
        } else {
            s.write_all(format!("PUT /bucket/?cors HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1000\r\n\r\n<CORS").as_bytes()).unwrap();
        }
        stalled.push(s);
    }
    // Others are served meanwhile.
    for _ in 0..20 {
        still_serves(&srv);
    }
    // The stalled connections are closed by the server (30 s header-read timeout, 10 s body
    // timeout), not kept forever.
    let started = std::time::Instant::now();
    let mut closed = 0;
    for mut s in stalled {
        s.set_read_timeout(Some(Duration::from_secs(45))).unwrap();
        let mut buf = Vec::new();
        // EOF (Ok) or an answer then EOF; a read timeout is an error.
        match s.read_to_end(&mut buf) {
            Ok(_) => closed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => closed += 1,
            Err(e) => panic!("a stalled connection was kept open: {e}"),
        }
    }
    assert_eq!(closed, 72);
    println!(
        "slow clients: 72 stalled connections closed by the server within {:?}",
        started.elapsed()
    );
    still_serves(&srv);
}
