//! `ossctl serve` over real HTTP on an ephemeral loopback port: every API, every error,
//! both addressing styles, presigned URLs, ACLs, STS, CORS on preflights and actual
//! responses, durability across restarts, hostile requests, and a SIGKILL during concurrent
//! PutBucketCors calls against the real binary.
//!
//! Requests are built with `oss::request`, signed with `oss::sign` (the one signer) and sent
//! with reqwest; hostile ones are written by hand on a TCP socket.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use md5::{Digest as _, Md5};
use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request::{self, HttpRequest};
use ossctl::oss::sign;
use ossctl::oss::{Credentials, SignatureVersion};
use ossctl::server::{self, ServeConfig, ServerHandle};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const V1: SignatureVersion = SignatureVersion::V1;
const V4: SignatureVersion = SignatureVersion::V4;
const REGION: &str = "cn-hangzhou";
/// Virtual-host base domain used by these tests (resolved by reqwest's `resolve`).
const VHOST_DOMAIN: &str = "oss.loopback.test";

const CORS_XML: &str = "<CORSConfiguration>\
<CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>\
<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>\
<MaxAgeSeconds>300</MaxAgeSeconds></CORSRule>\
<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</AllowedMethod></CORSRule>\
<ResponseVary>true</ResponseVary></CORSConfiguration>";

fn creds() -> Credentials {
    Credentials::new(server::TEST_ACCESS_KEY_ID, server::TEST_ACCESS_KEY_SECRET)
}

/// A running in-process server with its data directory.
struct Srv {
    handle: ServerHandle,
    dir: tempfile::TempDir,
    client: reqwest::Client,
}

fn client_for(addr: SocketAddr, vhost_buckets: &[&str]) -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut b = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(30));
    for bucket in vhost_buckets {
        b = b.resolve(&format!("{bucket}.{VHOST_DOMAIN}"), addr);
    }
    b.resolve(VHOST_DOMAIN, addr).build().expect("client")
}

async fn start_with(dir: tempfile::TempDir, f: impl FnOnce(&mut ServeConfig)) -> Srv {
    let mut config = ServeConfig::for_tests(dir.path().to_path_buf());
    config.domain = VHOST_DOMAIN.to_string();
    f(&mut config);
    let handle = server::start(config).await.expect("server starts");
    let client = client_for(
        handle.addr(),
        &["vbkt", "bkt", "cors-a", "obj-b", "pub-r", "pub-rw"],
    );
    Srv {
        handle,
        dir,
        client,
    }
}

async fn start() -> Srv {
    start_with(tempfile::tempdir().unwrap(), |_| {}).await
}

impl Srv {
    fn ep(&self) -> Endpoint {
        Endpoint::parse(&self.handle.endpoint_url()).unwrap()
    }

    fn vhost_ep(&self) -> Endpoint {
        Endpoint::parse(&format!(
            "http://{VHOST_DOMAIN}:{}",
            self.handle.addr().port()
        ))
        .unwrap()
    }

    async fn send_raw(&self, req: &HttpRequest) -> Resp {
        let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
        let mut rb = self.client.request(method, &req.url);
        for (n, v) in &req.headers {
            rb = rb.header(n, v);
        }
        if !req.body.is_empty() || req.method == "PUT" {
            rb = rb.body(req.body.clone());
        }
        let r = rb.send().await.expect("request sent");
        Resp::read(r).await
    }

    /// Signs (header auth, now) and sends.
    async fn send(
        &self,
        mut req: HttpRequest,
        bucket: Option<&str>,
        key: Option<&str>,
        version: SignatureVersion,
    ) -> Resp {
        sign::sign(
            &mut req,
            bucket,
            key,
            &sign::Signer::new(&creds(), version, REGION, jiff::Timestamp::now()),
        );
        self.send_raw(&req).await
    }

    async fn create_bucket(&self, bucket: &str, acl: Option<&str>) {
        let r = self
            .send(
                request::put_bucket(&self.ep(), AddressingStyle::Path, bucket, acl).unwrap(),
                Some(bucket),
                None,
                V4,
            )
            .await;
        assert_eq!(r.status, 200, "create {bucket}: {}", r.text());
    }

    async fn put_object(&self, bucket: &str, key: &str, body: &[u8], ctype: Option<&str>) -> Resp {
        let req = request::put_object(
            &self.ep(),
            AddressingStyle::Path,
            bucket,
            key,
            body.to_vec(),
            ctype,
        )
        .unwrap();
        self.send(req, Some(bucket), Some(key), V4).await
    }

    async fn put_cors(&self, bucket: &str, xml: &str, version: SignatureVersion) -> Resp {
        let req = request::put_bucket_cors(&self.ep(), AddressingStyle::Path, bucket, xml).unwrap();
        self.send(req, Some(bucket), None, version).await
    }

    async fn get_cors(&self, bucket: &str) -> Resp {
        let req = request::get_bucket_cors(&self.ep(), AddressingStyle::Path, bucket).unwrap();
        self.send(req, Some(bucket), None, V4).await
    }
}

/// A response, fully read.
#[derive(Debug)]
struct Resp {
    status: u16,
    headers: reqwest::header::HeaderMap,
    body: Vec<u8>,
}

impl Resp {
    async fn read(r: reqwest::Response) -> Resp {
        let status = r.status().as_u16();
        let headers = r.headers().clone();
        let body = r.bytes().await.expect("body").to_vec();
        Resp {
            status,
            headers,
            body,
        }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `<Error>` document, from the body or from `x-oss-err`.
    fn error_xml(&self) -> String {
        if self.body.is_empty() {
            let b64 = self
                .header("x-oss-err")
                .expect("x-oss-err on a bodiless error");
            String::from_utf8(
                base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap(),
            )
            .unwrap()
        } else {
            self.text()
        }
    }

    fn element(&self, name: &str) -> Option<String> {
        let xml = self.error_xml();
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let start = xml.find(&open)? + open.len();
        let end = xml[start..].find(&close)? + start;
        Some(xml[start..end].to_string())
    }

    /// Asserts an OSS error: status, `<Code>`, a RequestId equal to the header.
    #[track_caller]
    fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "{}", self.error_xml());
        assert_eq!(
            self.element("Code").as_deref(),
            Some(code),
            "{}",
            self.error_xml()
        );
        let rid = self.header("x-oss-request-id").expect("x-oss-request-id");
        assert_eq!(self.element("RequestId").as_deref(), Some(rid));
        assert!(self.element("Message").is_some_and(|m| !m.is_empty()));
        assert!(self.element("HostId").is_some());
    }
}

fn md5_hex(b: &[u8]) -> String {
    hex::encode(Md5::digest(b))
}

// ------------------------------------------------------------------------------- buckets

#[tokio::test]
async fn bucket_lifecycle_info_acl_and_not_empty() {
    let s = start().await;
    let ep = s.ep();
    let p = AddressingStyle::Path;
    s.create_bucket("bkt", None).await;
    let again = s
        .send(
            request::put_bucket(&ep, p, "bkt", None).unwrap(),
            Some("bkt"),
            None,
            V1,
        )
        .await;
    again.assert_error(409, "BucketAlreadyExists");

    let info = s
        .send(
            request::get_bucket_info(&ep, p, "bkt").unwrap(),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    assert_eq!(info.status, 200, "{}", info.text());
    let xml = info.text();
    assert!(xml.contains("<Name>bkt</Name>"), "{xml}");
    assert!(xml.contains("<Grant>private</Grant>"), "{xml}");
    assert!(
        xml.contains("<Location>oss-cn-hangzhou</Location>"),
        "{xml}"
    );

    let head = s
        .send(
            HttpRequest::new("HEAD", format!("{}/bkt/", s.handle.endpoint_url())),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    assert_eq!(head.status, 200);
    let head_missing = s
        .send(
            HttpRequest::new("HEAD", format!("{}/nope-bucket/", s.handle.endpoint_url())),
            Some("nope-bucket"),
            None,
            V4,
        )
        .await;
    head_missing.assert_error(404, "NoSuchBucket");
    assert!(head_missing.body.is_empty());
    assert_eq!(head_missing.header("x-oss-ec"), Some("0015-00000101"));

    // ACL: private by default, then public-read, then an invalid value.
    let acl = s
        .send(
            request::get_bucket_acl(&ep, p, "bkt").unwrap(),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    assert!(
        acl.text().contains("<Grant>private</Grant>"),
        "{}",
        acl.text()
    );
    let set = s
        .send(
            request::put_bucket_acl(&ep, p, "bkt", "public-read").unwrap(),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.text());
    let acl = s
        .send(
            request::get_bucket_acl(&ep, p, "bkt").unwrap(),
            Some("bkt"),
            None,
            V1,
        )
        .await;
    assert!(
        acl.text().contains("<Grant>public-read</Grant>"),
        "{}",
        acl.text()
    );
    let bad = s
        .send(
            request::put_bucket_acl(&ep, p, "bkt", "world-writable").unwrap(),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    bad.assert_error(400, "InvalidArgument");

    // Not empty → refused; empty → 204; then gone.
    assert_eq!(s.put_object("bkt", "a.txt", b"x", None).await.status, 200);
    let del = s
        .send(
            request::delete_bucket(&ep, p, "bkt").unwrap(),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    del.assert_error(409, "BucketNotEmpty");
    let del_obj = s
        .send(
            request::delete_object(&ep, p, "bkt", "a.txt").unwrap(),
            Some("bkt"),
            Some("a.txt"),
            V4,
        )
        .await;
    assert_eq!(del_obj.status, 204);
    let del = s
        .send(
            request::delete_bucket(&ep, p, "bkt").unwrap(),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    assert_eq!(del.status, 204, "{}", del.text());
    let gone = s.get_cors("bkt").await;
    gone.assert_error(404, "NoSuchBucket");
    assert_eq!(gone.element("BucketName").as_deref(), Some("bkt"));

    // Invalid bucket names.
    // (built by hand: the client-side builders refuse such names)
    for name in ["Bad_Name", "ab", "-dash"] {
        let bad = s
            .send(
                HttpRequest::new("PUT", format!("{}/{name}/", s.handle.endpoint_url())),
                Some(name),
                None,
                V4,
            )
            .await;
        bad.assert_error(400, "InvalidBucketName");
    }
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- CORS API

#[tokio::test]
async fn cors_put_get_delete_and_validation_errors() {
    let s = start().await;
    s.create_bucket("cors-a", None).await;
    let none = s.get_cors("cors-a").await;
    none.assert_error(404, "NoSuchCORSConfiguration");
    assert_eq!(none.element("EC").as_deref(), Some("0034-00000001"));

    for version in [V1, V4] {
        let put = s.put_cors("cors-a", CORS_XML, version).await;
        assert_eq!(put.status, 200, "{}", put.text());
        assert!(put.body.is_empty());
        let got = s.get_cors("cors-a").await;
        assert_eq!(got.status, 200);
        assert_eq!(got.header("content-type"), Some("application/xml"));
        let parsed =
            ossctl::rules::parse(&got.text(), ossctl::rules::Format::Xml, "response").unwrap();
        let sent = ossctl::rules::parse(CORS_XML, ossctl::rules::Format::Xml, "sent").unwrap();
        assert_eq!(parsed, sent);
        assert_eq!(
            got.text(),
            ossctl::rules::to_xml(&sent),
            "canonical form returned"
        );
    }

    // Malformed XML and semantic errors naming rule, field and value.
    let bad = s
        .put_cors("cors-a", "<CORSConfiguration><CORSRule>", V4)
        .await;
    bad.assert_error(400, "MalformedXML");
    let bad = s
        .put_cors(
            "cors-a",
            "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin>\
             <AllowedMethod>PATCH</AllowedMethod></CORSRule></CORSConfiguration>",
            V4,
        )
        .await;
    bad.assert_error(400, "InvalidArgument");
    let msg = bad.element("Message").unwrap();
    assert!(msg.contains("rule 1"), "{msg}");
    assert!(msg.contains("PATCH"), "{msg}");
    assert_eq!(
        bad.element("ArgumentName").as_deref(),
        Some("AllowedMethod")
    );
    assert_eq!(bad.element("ArgumentValue").as_deref(), Some("PATCH"));
    // The stored configuration is untouched by failed puts.
    let got = s.get_cors("cors-a").await;
    assert!(got.text().contains("https://app.example.com"));

    // Body cap.
    let huge = format!(
        "<CORSConfiguration><CORSRule><AllowedOrigin>{}</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>",
        "a".repeat(server::MAX_CORS_BODY)
    );
    let r = s.put_cors("cors-a", &huge, V4).await;
    r.assert_error(400, "EntityTooLarge");
    assert!(r.element("Message").unwrap().contains("16384"));

    // Content-MD5 that does not match the body.
    let mut req =
        request::put_bucket_cors(&s.ep(), AddressingStyle::Path, "cors-a", CORS_XML).unwrap();
    req.set_header("Content-MD5", request::content_md5(b"something else"));
    s.send(req, Some("cors-a"), None, V4)
        .await
        .assert_error(400, "InvalidDigest");

    // Delete twice: 204 both times; then 404.
    for _ in 0..2 {
        let d = s
            .send(
                request::delete_bucket_cors(&s.ep(), AddressingStyle::Path, "cors-a").unwrap(),
                Some("cors-a"),
                None,
                V1,
            )
            .await;
        assert_eq!(d.status, 204, "{}", d.text());
    }
    s.get_cors("cors-a")
        .await
        .assert_error(404, "NoSuchCORSConfiguration");
    // Missing bucket.
    s.put_cors("no-such-bkt", CORS_XML, V4)
        .await
        .assert_error(404, "NoSuchBucket");
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- objects

#[tokio::test]
async fn objects_put_get_range_head_delete() {
    let s = start().await;
    s.create_bucket("obj-b", None).await;
    let ep = s.ep();
    let p = AddressingStyle::Path;
    let body = b"hello, ossctl serve".to_vec();
    let key = "dir one/sub+dir/文件 名~(1)&x=y%.txt";
    let put = s.put_object("obj-b", key, &body, Some("text/x-test")).await;
    assert_eq!(put.status, 200, "{}", put.text());
    let etag = format!("\"{}\"", md5_hex(&body).to_uppercase());
    assert_eq!(put.header("etag"), Some(etag.as_str()));

    let get = s
        .send(
            request::get_object(&ep, p, "obj-b", key, None).unwrap(),
            Some("obj-b"),
            Some(key),
            V4,
        )
        .await;
    assert_eq!(get.status, 200);
    assert_eq!(get.body, body);
    assert_eq!(get.header("etag"), Some(etag.as_str()));
    assert_eq!(get.header("content-type"), Some("text/x-test"));
    assert_eq!(
        get.header("content-length"),
        Some(body.len().to_string().as_str())
    );
    assert!(get.header("last-modified").is_some());

    for (range, want, content_range) in [
        ("bytes=0-4", &body[0..5], "bytes 0-4/19"),
        ("bytes=7-", &body[7..], "bytes 7-18/19"),
        ("bytes=-5", &body[14..], "bytes 14-18/19"),
        ("bytes=10-1000", &body[10..], "bytes 10-18/19"),
    ] {
        let r = s
            .send(
                request::get_object(&ep, p, "obj-b", key, Some(range)).unwrap(),
                Some("obj-b"),
                Some(key),
                V4,
            )
            .await;
        assert_eq!(r.status, 206, "{range}");
        assert_eq!(r.body, want, "{range}");
        assert_eq!(r.header("content-range"), Some(content_range), "{range}");
    }
    let r = s
        .send(
            request::get_object(&ep, p, "obj-b", key, Some("bytes=19-")).unwrap(),
            Some("obj-b"),
            Some(key),
            V4,
        )
        .await;
    r.assert_error(416, "InvalidRange");

    let head = s
        .send(
            request::head_object(&ep, p, "obj-b", key).unwrap(),
            Some("obj-b"),
            Some(key),
            V1,
        )
        .await;
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), Some("19"));
    assert_eq!(head.header("etag"), Some(etag.as_str()));

    // CRC-64/XZ as OSS returns it (check value of "123456789").
    let put = s.put_object("obj-b", "crc", b"123456789", None).await;
    assert_eq!(
        put.header("x-oss-hash-crc64ecma"),
        Some("11051210869376104954")
    );
    let head = s
        .send(
            request::head_object(&ep, p, "obj-b", "crc").unwrap(),
            Some("obj-b"),
            Some("crc"),
            V4,
        )
        .await;
    assert_eq!(
        head.header("x-oss-hash-crc64ecma"),
        Some("11051210869376104954")
    );

    // Overwrite keeps the newest; Content-Type default from the extension.
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    let put = s.put_object("obj-b", "big.bin", &big, None).await;
    assert_eq!(put.status, 200);
    let get = s
        .send(
            request::get_object(&ep, p, "obj-b", "big.bin", None).unwrap(),
            Some("obj-b"),
            Some("big.bin"),
            V4,
        )
        .await;
    assert_eq!(get.body.len(), big.len());
    assert_eq!(md5_hex(&get.body), md5_hex(&big));
    assert_eq!(get.header("content-type"), Some("application/octet-stream"));

    // Missing keys: body error for GET, x-oss-err for HEAD.
    s.send(
        request::get_object(&ep, p, "obj-b", "missing", None).unwrap(),
        Some("obj-b"),
        Some("missing"),
        V4,
    )
    .await
    .assert_error(404, "NoSuchKey");
    let h = s
        .send(
            request::head_object(&ep, p, "obj-b", "missing").unwrap(),
            Some("obj-b"),
            Some("missing"),
            V4,
        )
        .await;
    h.assert_error(404, "NoSuchKey");
    assert!(h.body.is_empty());

    // Key length limit.
    let ok_key = "k".repeat(1023);
    assert_eq!(s.put_object("obj-b", &ok_key, b"1", None).await.status, 200);
    let long_key = "k".repeat(1024);
    let mut req = HttpRequest::new(
        "PUT",
        format!("{}/obj-b/{long_key}", s.handle.endpoint_url()),
    );
    req.body = b"1".to_vec();
    s.send(req, Some("obj-b"), Some(&long_key), V4)
        .await
        .assert_error(400, "KeyTooLong");

    // Wrong Content-MD5 on an object is refused and nothing is stored.
    let mut req = request::put_object(&ep, p, "obj-b", "md5.txt", b"abc".to_vec(), None).unwrap();
    req.set_header("Content-MD5", request::content_md5(b"abd"));
    s.send(req, Some("obj-b"), Some("md5.txt"), V4)
        .await
        .assert_error(400, "InvalidDigest");
    s.send(
        request::head_object(&ep, p, "obj-b", "md5.txt").unwrap(),
        Some("obj-b"),
        Some("md5.txt"),
        V4,
    )
    .await
    .assert_error(404, "NoSuchKey");

    // Delete is idempotent.
    for _ in 0..2 {
        let d = s
            .send(
                request::delete_object(&ep, p, "obj-b", key).unwrap(),
                Some("obj-b"),
                Some(key),
                V4,
            )
            .await;
        assert_eq!(d.status, 204);
    }
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- auth

/// serve's error bodies reach SDKs: they carry OSS's code and message, never ossctl's advice
/// (which lives in `app::hints`).
fn assert_no_cli_advice(xml: &str) {
    for advice in ["hint", "--sign-version", "--region", "--debug", "ossctl"] {
        assert!(
            !xml.contains(advice),
            "{advice:?} in a serve error body:\n{xml}"
        );
    }
}

#[tokio::test]
async fn signature_errors_are_oss_errors() {
    let s = start().await;
    s.create_bucket("bkt", None).await;
    let ep = s.ep();
    let p = AddressingStyle::Path;
    let now = jiff::Timestamp::now();

    for version in [V1, V4] {
        let mut req = request::get_bucket_cors(&ep, p, "bkt").unwrap();
        let wrong = Credentials::new(server::TEST_ACCESS_KEY_ID, "not-the-secret");
        sign::sign(
            &mut req,
            Some("bkt"),
            None,
            &sign::Signer::new(&wrong, version, REGION, now),
        );
        let r = s.send_raw(&req).await;
        r.assert_error(403, "SignatureDoesNotMatch");
        assert_no_cli_advice(&r.error_xml());
        let sts = r
            .element("StringToSign")
            .expect("StringToSign in the error");
        if version == V4 {
            assert!(sts.starts_with("OSS4-HMAC-SHA256\n"), "{sts}");
            let cr = r.element("CanonicalRequest").expect("CanonicalRequest");
            assert!(cr.starts_with("GET\n/bkt/\ncors\n"), "{cr}");
        } else {
            assert!(sts.ends_with("/bkt/?cors"), "{sts}");
        }

        let mut req = request::get_bucket_cors(&ep, p, "bkt").unwrap();
        let unknown = Credentials::new("LTAINoSuchKeyId000000", "whatever");
        sign::sign(
            &mut req,
            Some("bkt"),
            None,
            &sign::Signer::new(&unknown, version, REGION, now),
        );
        let r = s.send_raw(&req).await;
        r.assert_error(403, "InvalidAccessKeyId");
        assert_no_cli_advice(&r.error_xml());

        let mut req = request::get_bucket_cors(&ep, p, "bkt").unwrap();
        let skewed = now - jiff::SignedDuration::from_mins(20);
        sign::sign(
            &mut req,
            Some("bkt"),
            None,
            &sign::Signer::new(&creds(), version, REGION, skewed),
        );
        let r = s.send_raw(&req).await;
        r.assert_error(403, "RequestTimeTooSkewed");
        assert_no_cli_advice(&r.error_xml());
    }

    // A V4 scope naming another region: refused, with a message naming ours.
    let mut req = request::get_bucket_cors(&ep, p, "bkt").unwrap();
    sign::sign(
        &mut req,
        Some("bkt"),
        None,
        &sign::Signer::new(&creds(), V4, "cn-shanghai", now),
    );
    let r = s.send_raw(&req).await;
    assert_eq!(r.status, 403, "{}", r.error_xml());
    assert!(r.error_xml().contains("cn-hangzhou"), "{}", r.error_xml());
    assert_no_cli_advice(&r.error_xml());

    // Anonymous: bucket-level APIs are never anonymous; private objects neither.
    let anon = s
        .send_raw(&request::get_bucket_cors(&ep, p, "bkt").unwrap())
        .await;
    anon.assert_error(403, "AccessDenied");
    let anon = s
        .send_raw(&request::get_object(&ep, p, "bkt", "k", None).unwrap())
        .await;
    anon.assert_error(403, "AccessDenied");
    // Anonymous on a missing bucket: NoSuchBucket, as OSS.
    s.send_raw(&request::get_object(&ep, p, "nobkt", "k", None).unwrap())
        .await
        .assert_error(404, "NoSuchBucket");
    s.handle.shutdown().await;
}

#[tokio::test]
async fn presigned_urls_v1_and_v4() {
    let s = start().await;
    s.create_bucket("bkt", None).await;
    let ep = s.ep();
    let p = AddressingStyle::Path;
    let key = "docs/a b+c.txt";
    assert_eq!(
        s.put_object("bkt", key, b"presigned!", None).await.status,
        200
    );
    let now = jiff::Timestamp::now();
    for version in [V1, V4] {
        let mut req = request::get_object(&ep, p, "bkt", key, None).unwrap();
        sign::presign(
            &mut req,
            Some("bkt"),
            Some(key),
            &sign::Signer::new(&creds(), version, REGION, now),
            600,
            &Default::default(),
        )
        .unwrap();
        let r = s.send_raw(&req).await;
        assert_eq!(r.status, 200, "{version}: {}", r.error_xml());
        assert_eq!(r.body, b"presigned!");

        // Expired.
        let mut req = request::get_object(&ep, p, "bkt", key, None).unwrap();
        let past = now - jiff::SignedDuration::from_hours(2);
        sign::presign(
            &mut req,
            Some("bkt"),
            Some(key),
            &sign::Signer::new(&creds(), version, REGION, past),
            60,
            &Default::default(),
        )
        .unwrap();
        s.send_raw(&req).await.assert_error(403, "AccessDenied");

        // Tampered: another key with the same signature.
        let mut req = request::get_object(&ep, p, "bkt", key, None).unwrap();
        sign::presign(
            &mut req,
            Some("bkt"),
            Some(key),
            &sign::Signer::new(&creds(), version, REGION, now),
            600,
            &Default::default(),
        )
        .unwrap();
        req.url = req.url.replacen("a%20b", "a%20X", 1);
        s.send_raw(&req)
            .await
            .assert_error(403, "SignatureDoesNotMatch");
    }
    s.handle.shutdown().await;
}

#[tokio::test]
async fn sts_tokens_policy() {
    // With --sts-token: only listed tokens pass.
    let s = start_with(tempfile::tempdir().unwrap(), |c| {
        c.sts_tokens = vec![ossctl::oss::Secret::new("CAIS.good-token/+=")];
    })
    .await;
    s.create_bucket("bkt", None).await;
    let ep = s.ep();
    let now = jiff::Timestamp::now();
    for (token, ok) in [("CAIS.good-token/+=", true), ("CAIS.other", false)] {
        for version in [V1, V4] {
            let mut req = request::get_bucket_acl(&ep, AddressingStyle::Path, "bkt").unwrap();
            sign::sign(
                &mut req,
                Some("bkt"),
                None,
                &sign::Signer::new(&creds().with_security_token(token), version, REGION, now),
            );
            let r = s.send_raw(&req).await;
            if ok {
                assert_eq!(r.status, 200, "{token} {version}: {}", r.error_xml());
            } else {
                r.assert_error(403, "InvalidSecurityToken");
            }
        }
    }
    s.handle.shutdown().await;

    // Without --sts-token: any token with the right key pair.
    let s = start().await;
    s.create_bucket("bkt", None).await;
    let mut req = request::get_bucket_acl(&s.ep(), AddressingStyle::Path, "bkt").unwrap();
    sign::sign(
        &mut req,
        Some("bkt"),
        None,
        &sign::Signer::new(&creds().with_security_token("anything"), V4, REGION, now),
    );
    assert_eq!(s.send_raw(&req).await.status, 200);
    s.handle.shutdown().await;
}

#[tokio::test]
async fn acls_public_read_and_public_read_write() {
    let s = start_with(tempfile::tempdir().unwrap(), |c| {
        c.public_buckets = vec!["pub-r".into()];
    })
    .await;
    s.create_bucket("pub-rw", Some("public-read-write")).await;
    let ep = s.ep();
    let p = AddressingStyle::Path;
    assert_eq!(s.put_object("pub-r", "k.txt", b"r", None).await.status, 200);

    // public-read: anonymous GET/HEAD ok, PUT/DELETE denied, bucket APIs denied.
    let g = s
        .send_raw(&request::get_object(&ep, p, "pub-r", "k.txt", None).unwrap())
        .await;
    assert_eq!((g.status, g.body.as_slice()), (200, &b"r"[..]));
    let h = s
        .send_raw(&request::head_object(&ep, p, "pub-r", "k.txt").unwrap())
        .await;
    assert_eq!(h.status, 200);
    s.send_raw(&request::put_object(&ep, p, "pub-r", "x", b"x".to_vec(), None).unwrap())
        .await
        .assert_error(403, "AccessDenied");
    s.send_raw(&request::delete_object(&ep, p, "pub-r", "k.txt").unwrap())
        .await
        .assert_error(403, "AccessDenied");
    s.send_raw(&request::put_bucket_cors(&ep, p, "pub-r", CORS_XML).unwrap())
        .await
        .assert_error(403, "AccessDenied");

    // public-read-write: anonymous PUT and DELETE too, but still no bucket APIs.
    let put = s
        .send_raw(&request::put_object(&ep, p, "pub-rw", "anon.txt", b"a".to_vec(), None).unwrap())
        .await;
    assert_eq!(put.status, 200, "{}", put.error_xml());
    let del = s
        .send_raw(&request::delete_object(&ep, p, "pub-rw", "anon.txt").unwrap())
        .await;
    assert_eq!(del.status, 204);
    s.send_raw(&request::put_bucket_acl(&ep, p, "pub-rw", "private").unwrap())
        .await
        .assert_error(403, "AccessDenied");
    s.send_raw(&request::delete_bucket(&ep, p, "pub-rw").unwrap())
        .await
        .assert_error(403, "AccessDenied");
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- CORS on the wire

#[tokio::test]
async fn preflights_and_cors_headers_on_actual_responses() {
    let s = start().await;
    s.create_bucket("bkt", Some("public-read")).await;
    let ep = s.ep();
    let p = AddressingStyle::Path;
    let preflight = |origin: &str, method: &str, headers: Option<&str>| {
        request::options_object(
            &ep,
            p,
            "bkt",
            Some("a.txt"),
            &request::PreflightHeaders::new(origin, method, headers),
        )
        .unwrap()
    };

    // No configuration: refused.
    let r = s
        .send_raw(&preflight("https://app.example.com", "GET", None))
        .await;
    r.assert_error(403, "AccessForbidden");

    assert_eq!(s.put_cors("bkt", CORS_XML, V4).await.status, 200);
    let r = s
        .send_raw(&preflight(
            "https://app.example.com",
            "PUT",
            Some("content-type,x-oss-meta-a"),
        ))
        .await;
    assert_eq!(r.status, 200, "{}", r.error_xml());
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(r.header("access-control-allow-methods"), Some("GET, PUT"));
    assert_eq!(r.header("access-control-max-age"), Some("300"));
    assert!(r.header("access-control-allow-headers").is_some());
    assert!(r.header("x-oss-request-id").is_some());
    // The answer is exactly what the simulator says.
    let config = ossctl::rules::parse(CORS_XML, ossctl::rules::Format::Xml, "t").unwrap();
    let predicted = ossctl::preflight::oss_answer(
        Some(&config),
        &ossctl::preflight::IncomingRequest {
            method: "OPTIONS",
            origin: Some("https://app.example.com"),
            access_control_request_method: Some("PUT"),
            access_control_request_headers: Some("content-type,x-oss-meta-a"),
            ..Default::default()
        },
    );
    for (name, value) in &predicted.headers {
        let got: Vec<_> = r
            .headers
            .get_all(*name)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect();
        assert!(got.iter().any(|g| g == value), "{name}: {got:?} vs {value}");
    }

    // No rule matches: 403, with Vary (ResponseVary=true) still sent if simulator says so.
    let r = s
        .send_raw(&preflight("https://evil.test", "DELETE", None))
        .await;
    r.assert_error(403, "AccessForbidden");

    // Preflight on a missing bucket.
    let r = s
        .send_raw(
            &request::options_object(
                &ep,
                p,
                "nobkt",
                None,
                &request::PreflightHeaders::new("https://a.test", "GET", None),
            )
            .unwrap(),
        )
        .await;
    r.assert_error(404, "NoSuchBucket");

    // Actual cross-origin GET (anonymous, public-read): CORS headers and Vary: Origin.
    assert_eq!(s.put_object("bkt", "a.txt", b"A", None).await.status, 200);
    let mut get = request::get_object(&ep, p, "bkt", "a.txt", None).unwrap();
    get.set_header("Origin", "https://app.example.com");
    let r = s.send_raw(&get).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    assert_eq!(r.header("access-control-expose-headers"), Some("ETag"));
    assert_eq!(r.header("vary"), Some("Origin"));
    // Same-origin request (no Origin): Vary still sent (ResponseVary), no ACAO.
    let r = s
        .send_raw(&request::get_object(&ep, p, "bkt", "a.txt", None).unwrap())
        .await;
    assert_eq!(r.header("vary"), Some("Origin"));
    assert_eq!(r.header("access-control-allow-origin"), None);
    // An error other than a refusal (404) to a cross-origin request carries the rule's
    // headers under the default behaviour (`error-response-cors=rule-headers`, assumed).
    let mut get = request::get_object(&ep, p, "bkt", "missing.txt", None).unwrap();
    get.set_header("Origin", "https://app.example.com");
    let r = s.send_raw(&get).await;
    r.assert_error(404, "NoSuchKey");
    assert_eq!(
        r.header("access-control-allow-origin"),
        Some("https://app.example.com")
    );
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- addressing

#[tokio::test]
async fn virtual_host_addressing() {
    let s = start().await;
    let ep = s.vhost_ep();
    let v = AddressingStyle::Virtual;
    let put = s
        .send(
            request::put_bucket(&ep, v, "vbkt", None).unwrap(),
            Some("vbkt"),
            None,
            V4,
        )
        .await;
    assert_eq!(put.status, 200, "{}", put.error_xml());
    for version in [V1, V4] {
        let r = s
            .send(
                request::put_bucket_cors(&ep, v, "vbkt", CORS_XML).unwrap(),
                Some("vbkt"),
                None,
                version,
            )
            .await;
        assert_eq!(r.status, 200, "{}", r.error_xml());
        let g = s
            .send(
                request::get_bucket_cors(&ep, v, "vbkt").unwrap(),
                Some("vbkt"),
                None,
                version,
            )
            .await;
        assert!(g.text().contains("https://app.example.com"));
    }
    let key = "a/b c.txt";
    let r = s
        .send(
            request::put_object(&ep, v, "vbkt", key, b"vh".to_vec(), None).unwrap(),
            Some("vbkt"),
            Some(key),
            V4,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.error_xml());
    // The same object through path style.
    let g = s
        .send(
            request::get_object(&s.ep(), AddressingStyle::Path, "vbkt", key, None).unwrap(),
            Some("vbkt"),
            Some(key),
            V1,
        )
        .await;
    assert_eq!(g.body, b"vh");
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- durability

#[tokio::test]
async fn data_survives_restart_and_the_directory_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().to_path_buf();
    let s = start_with(dir, |_| {}).await;
    s.create_bucket("bkt", Some("public-read")).await;
    assert_eq!(s.put_cors("bkt", CORS_XML, V4).await.status, 200);
    assert_eq!(
        s.put_object("bkt", "k", b"persist", Some("text/plain"))
            .await
            .status,
        200
    );

    // A second server on the same directory is refused while the first runs.
    let err = server::start(ServeConfig::for_tests(path.clone()))
        .await
        .expect_err("second server must not share the data directory");
    assert!(err.to_string().contains("in use"), "{err}");

    let Srv { handle, dir, .. } = s;
    let before = handle.request_count();
    assert!(before >= 3);
    handle.shutdown().await;

    let s = start_with(dir, |_| {}).await;
    let got = s.get_cors("bkt").await;
    assert_eq!(got.status, 200);
    let config = ossctl::rules::parse(CORS_XML, ossctl::rules::Format::Xml, "t").unwrap();
    assert_eq!(got.text(), ossctl::rules::to_xml(&config));
    let g = s
        .send_raw(&request::get_object(&s.ep(), AddressingStyle::Path, "bkt", "k", None).unwrap())
        .await;
    assert_eq!(g.body, b"persist");
    assert_eq!(g.header("content-type"), Some("text/plain"));
    assert_eq!(s.handle.request_count(), 2);
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- hostile input

async fn raw_http(addr: SocketAddr, request: &[u8]) -> String {
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(request).await.unwrap();
    let mut out = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut out)).await;
    String::from_utf8_lossy(&out).into_owned()
}

#[tokio::test]
async fn hostile_requests_never_crash_or_escape() {
    let s = start().await;
    s.create_bucket("pub-rw", Some("public-read-write")).await;
    let addr = s.handle.addr();
    let cases: Vec<Vec<u8>> = vec![
        b"GET /pub-rw/%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /pub-rw/%FF%FE HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"PUT /pub-rw/..%2F..%2F..%2Fescape.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc".to_vec(),
        b"PUT /pub-rw/../../escape2.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc".to_vec(),
        b"PUT /pub-rw/%2Fabs HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nConnection: close\r\n\r\na".to_vec(),
        b"PUT /pub-rw/nul%00byte HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nConnection: close\r\n\r\na".to_vec(),
        b"GET / HTTP/1.1\r\nHost: \xff\xfe.oss.loopback.test\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /pub-rw/k HTTP/1.1\r\nHost: x\r\nAuthorization: OSS4-HMAC-SHA256 garbage\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /pub-rw/k HTTP/1.1\r\nHost: x\r\nAuthorization: OSS :\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /pub-rw/k?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=%FF HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".to_vec(),
        b"GET /pub-rw/k HTTP/1.1\r\nHost: x\r\nRange: bytes=99999999999999999999999-\r\nConnection: close\r\n\r\n".to_vec(),
        b"OPTIONS /pub-rw/k HTTP/1.1\r\nHost: x\r\nOrigin: \r\nConnection: close\r\n\r\n".to_vec(),
        b"PUT /pub-rw/?cors HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\nConnection: close\r\n\r\n".to_vec(),
        b"GARBAGE\r\n\r\n".to_vec(),
        b"GET /pub-rw/k HTTP/1.1\r\nHost: pub-rw.oss.loopback.test:1\r\nConnection: close\r\n\r\n".to_vec(),
    ];
    for case in &cases {
        let answer = raw_http(addr, case).await;
        if case.starts_with(b"GARBAGE") {
            continue;
        }
        assert!(
            answer.starts_with("HTTP/1.1 "),
            "{answer:?} for {:?}",
            String::from_utf8_lossy(case)
        );
        assert!(
            answer.to_ascii_lowercase().contains("x-oss-request-id:"),
            "{answer}"
        );
    }
    // Nothing outside the data directory; the traversal keys are ordinary keys.
    let parent = s.dir.path().parent().unwrap();
    assert!(!parent.join("escape.txt").exists());
    assert!(!parent.join("escape2.txt").exists());
    assert!(!s.dir.path().join("escape.txt").exists());
    let answer = raw_http(
        addr,
        b"GET /pub-rw/..%2F..%2F..%2Fescape.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.ends_with("abc"), "{answer}");
    // Still alive and well.
    assert_eq!(
        s.put_object("pub-rw", "after", b"ok", None).await.status,
        200
    );
    s.handle.shutdown().await;
}

#[tokio::test]
async fn every_response_has_a_request_id_and_unknown_apis_are_not_implemented() {
    let s = start().await;
    s.create_bucket("bkt", None).await;
    let r = s
        .send(
            HttpRequest::new("GET", format!("{}/bkt/?lifecycle", s.handle.endpoint_url())),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    r.assert_error(501, "NotImplemented");
    let r = s
        .send(
            HttpRequest::new("POST", format!("{}/bkt/?cors", s.handle.endpoint_url())),
            Some("bkt"),
            None,
            V4,
        )
        .await;
    r.assert_error(405, "MethodNotAllowed");
    let ids: std::collections::HashSet<String> =
        futures_util::future::join_all((0..20).map(|_| s.get_cors("bkt")))
            .await
            .into_iter()
            .map(|r| r.header("x-oss-request-id").unwrap().to_string())
            .collect();
    assert_eq!(ids.len(), 20, "request ids are unique");
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- crash safety

/// Starts `ossctl serve` as a child process on a free port; returns it and its endpoint.
fn spawn_serve(data_dir: &Path) -> (std::process::Child, String) {
    use std::io::BufRead as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ossctl"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir)
        .args([
            "--access-key-id",
            server::TEST_ACCESS_KEY_ID,
            "--access-key-secret",
            server::TEST_ACCESS_KEY_SECRET,
            "--quiet",
        ])
        .env_remove("RUST_LOG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn ossctl serve");
    let stdout = child.stdout.take().unwrap();
    let mut lines = std::io::BufReader::new(stdout).lines();
    let mut endpoint = None;
    for line in lines.by_ref() {
        let line = line.expect("stdout line");
        if let Some(rest) = line.split("endpoint ").nth(1) {
            endpoint = rest.split_whitespace().next().map(str::to_string);
            break;
        }
    }
    // Keep draining stdout so the child never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    (child, endpoint.expect("the endpoint line"))
}

fn cors_with_max_age(writer: usize, seq: usize) -> String {
    format!(
        "<CORSConfiguration><CORSRule><AllowedOrigin>https://w{writer}.example.com</AllowedOrigin>\
         <AllowedMethod>GET</AllowedMethod><AllowedHeader>x-seq-{seq}</AllowedHeader>\
         <ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>{seq}</MaxAgeSeconds></CORSRule>\
         <ResponseVary>{}</ResponseVary></CORSConfiguration>",
        seq.is_multiple_of(2)
    )
}

#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sigkill_during_concurrent_put_bucket_cors_loses_no_acknowledged_write() {
    let dir = tempfile::tempdir().unwrap();
    let (mut child, endpoint) = spawn_serve(dir.path());
    let ep = Endpoint::parse(&endpoint).unwrap();
    let client = client_for("127.0.0.1:1".parse().unwrap(), &[]);
    let send = |client: reqwest::Client, mut req: HttpRequest, bucket: String| async move {
        sign::sign(
            &mut req,
            Some(&bucket),
            None,
            &sign::Signer::new(&creds(), V4, REGION, jiff::Timestamp::now()),
        );
        let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
        let mut rb = client.request(method, &req.url).body(req.body.clone());
        for (n, v) in &req.headers {
            rb = rb.header(n, v);
        }
        rb.send().await
    };
    const WRITERS: usize = 6;
    for w in 0..WRITERS {
        let bucket = format!("crash-{w}");
        let r = send(
            client.clone(),
            request::put_bucket(&ep, AddressingStyle::Path, &bucket, None).unwrap(),
            bucket.clone(),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 200);
    }
    // Each writer puts configurations 1, 2, 3... and records the last one acknowledged.
    let acked: Vec<std::sync::Arc<std::sync::atomic::AtomicUsize>> = (0..WRITERS)
        .map(|_| std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0)))
        .collect();
    let mut tasks = Vec::new();
    for (w, acked) in acked.iter().enumerate() {
        let (client, ep, acked) = (client.clone(), ep.clone(), acked.clone());
        tasks.push(tokio::spawn(async move {
            let bucket = format!("crash-{w}");
            for seq in 1.. {
                let req = request::put_bucket_cors(
                    &ep,
                    AddressingStyle::Path,
                    &bucket,
                    cors_with_max_age(w, seq),
                )
                .unwrap();
                match send(client.clone(), req, bucket.clone()).await {
                    Ok(r) if r.status() == 200 => {
                        acked.store(seq, std::sync::atomic::Ordering::SeqCst)
                    }
                    Ok(r) => panic!("unexpected status {}", r.status()),
                    Err(_) => return seq, // the server died: this one was never acknowledged
                }
            }
            unreachable!()
        }));
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let mut in_flight = Vec::new();
    for t in tasks {
        in_flight.push(t.await.unwrap());
    }
    let acked: Vec<usize> = acked
        .iter()
        .map(|a| a.load(std::sync::atomic::Ordering::SeqCst))
        .collect();
    assert!(
        acked.iter().all(|&n| n > 0),
        "every writer got acknowledgements before the kill: {acked:?}"
    );

    // Restart on the same directory: the lock of the dead process is gone, temporaries swept.
    let (mut child, endpoint) = spawn_serve(dir.path());
    let ep = Endpoint::parse(&endpoint).unwrap();
    for w in 0..WRITERS {
        let bucket = format!("crash-{w}");
        let r = send(
            client.clone(),
            request::get_bucket_cors(&ep, AddressingStyle::Path, &bucket).unwrap(),
            bucket.clone(),
        )
        .await
        .unwrap();
        assert_eq!(r.status(), 200, "writer {w}");
        let text = r.text().await.unwrap();
        let got = ossctl::rules::parse(&text, ossctl::rules::Format::Xml, "stored")
            .unwrap_or_else(|e| panic!("writer {w}: stored configuration is damaged: {e}\n{text}"));
        let seq = got.rules[0].max_age_seconds.unwrap() as usize;
        // The acknowledged write or the one in flight at the kill; never older, never torn.
        assert!(
            seq == acked[w] || seq == in_flight[w],
            "writer {w}: stored seq {seq}, acknowledged {}, in flight {}",
            acked[w],
            in_flight[w]
        );
        let want =
            ossctl::rules::parse(&cors_with_max_age(w, seq), ossctl::rules::Format::Xml, "w")
                .unwrap();
        assert_eq!(got, want, "writer {w}: configuration intact");
    }
    // No temporary files survive the restart's sweep.
    let mut leftovers = Vec::new();
    let mut stack = vec![dir.path().to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else if e.file_name().to_string_lossy().starts_with(".tmp-") {
                leftovers.push(e.path());
            }
        }
    }
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = child.kill();
    let _ = child.wait();
}

// ------------------------------------------------------------------------------- TLS

#[tokio::test]
async fn https_with_tls_cert_and_key() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/serve-tls");
    let dir = tempfile::tempdir().unwrap();
    let mut config = ServeConfig::for_tests(dir.path().to_path_buf());
    config.tls = Some(server::TlsFiles {
        cert: data.join("cert.pem"),
        key: data.join("key.pem"),
    });
    config.buckets = vec!["tls-bkt".into()];
    let handle = server::start(config).await.expect("TLS server starts");
    let url = handle.endpoint_url();
    assert!(url.starts_with("https://127.0.0.1:"), "{url}");
    let _ = rustls::crypto::ring::default_provider().install_default();
    let cert =
        reqwest::Certificate::from_pem(&std::fs::read(data.join("cert.pem")).unwrap()).unwrap();
    let client = reqwest::Client::builder()
        .no_proxy()
        .tls_certs_only([cert])
        .build()
        .unwrap();
    let ep = Endpoint::parse(&url).unwrap();
    let mut req =
        request::put_bucket_cors(&ep, AddressingStyle::Path, "tls-bkt", CORS_XML).unwrap();
    sign::sign(
        &mut req,
        Some("tls-bkt"),
        None,
        &sign::Signer::new(&creds(), V4, REGION, jiff::Timestamp::now()),
    );
    let mut rb = client.put(&req.url).body(req.body.clone());
    for (n, v) in &req.headers {
        rb = rb.header(n, v);
    }
    let r = rb.send().await.expect("HTTPS request");
    assert_eq!(r.status(), 200);
    assert!(r.headers().contains_key("x-oss-request-id"));
    // Plain HTTP to the TLS port is not answered as HTTP.
    let plain = raw_http(
        handle.addr(),
        b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(!plain.starts_with("HTTP/1.1 200"), "{plain}");
    handle.shutdown().await;

    // Bad files are start-up errors naming the file.
    let mut config = ServeConfig::for_tests(tempfile::tempdir().unwrap().path().to_path_buf());
    config.tls = Some(server::TlsFiles {
        cert: data.join("key.pem"),
        key: data.join("key.pem"),
    });
    let err = server::start(config).await.unwrap_err();
    assert!(err.to_string().contains("key.pem"), "{err}");
}

// ------------------------------------------------------------------------------- concurrency

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_of_one_key_leave_one_whole_version() {
    let s = start().await;
    s.create_bucket("bkt", None).await;
    let bodies: Vec<Vec<u8>> = (0..8u8)
        .map(|i| vec![b'a' + i; 200_000 + usize::from(i) * 1000])
        .collect();
    let puts = bodies
        .iter()
        .map(|b| s.put_object("bkt", "same-key", b, None));
    for r in futures_util::future::join_all(puts).await {
        assert_eq!(r.status, 200, "{}", r.error_xml());
    }
    let g = s
        .send(
            request::get_object(&s.ep(), AddressingStyle::Path, "bkt", "same-key", None).unwrap(),
            Some("bkt"),
            Some("same-key"),
            V4,
        )
        .await;
    assert!(
        bodies.contains(&g.body),
        "GET returns exactly one of the written versions"
    );
    assert_eq!(
        g.header("etag").unwrap(),
        format!("\"{}\"", md5_hex(&g.body).to_uppercase())
    );
    // Concurrent PutBucketCors on one bucket: the stored document is one of them, intact.
    let docs: Vec<String> = (1..=8).map(|i| cors_with_max_age(0, i)).collect();
    let puts = docs.iter().map(|d| s.put_cors("bkt", d, V4));
    for r in futures_util::future::join_all(puts).await {
        assert_eq!(r.status, 200);
    }
    let got = s.get_cors("bkt").await;
    let got = ossctl::rules::parse(&got.text(), ossctl::rules::Format::Xml, "got").unwrap();
    assert!(
        docs.iter()
            .any(|d| { ossctl::rules::parse(d, ossctl::rules::Format::Xml, "d").unwrap() == got })
    );
    s.handle.shutdown().await;
}

// ------------------------------------------------------------------------------- the command

#[test]
fn serve_command_refuses_bad_flags_with_exit_2() {
    let env = crate::util::TestEnv::new();
    let data = env.home().join("data");
    let cases: &[(&[&str], &str)] = &[
        (&["--addr", "0.0.0.0:0"], "--allow-remote"),
        (&["--region", "oss-cn-hangzhou"], "--region cn-hangzhou"),
        (&["--bucket", "Not_Valid"], "Not_Valid"),
        (&["--access-key-id", "only-the-id"], "access-key-secret"),
    ];
    for (args, needle) in cases {
        let out = env
            .cmd()
            .arg("serve")
            .arg("--data-dir")
            .arg(&data)
            .args(*args)
            .timeout(Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn serve_command_prints_where_it_is_and_stops_on_sigterm() {
    use std::io::{BufRead as _, Read as _};
    let env = crate::util::TestEnv::new();
    let data = env.home().join("data");
    let mut child = env
        .std_cmd(env!("CARGO_BIN_EXE_ossctl"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--bucket",
            "demo",
            "--data-dir",
        ])
        .arg(&data)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut lines = Vec::new();
    for _ in 0..5 {
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        lines.push(line);
    }
    let text = lines.concat();
    assert!(text.contains("endpoint http://127.0.0.1:"), "{text}");
    assert!(text.contains(server::DEV_ACCESS_KEY_ID), "{text}");
    assert!(text.contains("development defaults"), "{text}");
    assert!(text.contains("any security token"), "{text}");
    assert!(text.contains("data directory"), "{text}");
    // Let it serve one request, so the access log has a line.
    let url = text
        .split("endpoint ")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_string();
    let addr: SocketAddr = url.trim_start_matches("http://").parse().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer = rt.block_on(raw_http(
        addr,
        b"GET /demo/?cors HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    ));
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert_eq!(exit.code(), Some(0), "graceful stop exits 0");
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.contains("op=GetBucketCors status=403"), "{stderr}");
    assert!(stderr.contains("stopped"), "{stderr}");
    // The secret of the development defaults is printed (documented); a given one never is.
    let out = env
        .cmd()
        .args([
            "serve",
            "--addr",
            "0.0.0.0:0",
            "--access-key-id",
            "AK",
            "--access-key-secret",
        ])
        .arg("my-very-secret-value")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!all.contains("my-very-secret-value"), "{all}");
}

#[tokio::test]
async fn copy_object_and_delete_multiple_objects() {
    let s = start().await;
    s.create_bucket("bkt", None).await;
    s.create_bucket("obj-b", None).await;
    let url = s.handle.endpoint_url();
    let src_key = "src dir/a+b.txt";
    let put = s
        .put_object("bkt", src_key, b"copy me", Some("text/x-src"))
        .await;
    assert_eq!(put.status, 200);

    // COPY keeps the metadata; REPLACE takes the request's.
    for (dest, directive, want_type) in [
        ("copied.txt", None, "text/x-src"),
        ("replaced.txt", Some("REPLACE"), "text/x-new"),
    ] {
        let mut req = HttpRequest::new("PUT", format!("{url}/obj-b/{dest}"));
        req.set_header("x-oss-copy-source", "/bkt/src%20dir/a%2Bb.txt");
        if let Some(d) = directive {
            req.set_header("x-oss-metadata-directive", d);
            req.set_header("Content-Type", "text/x-new");
        }
        let r = s.send(req, Some("obj-b"), Some(dest), V4).await;
        assert_eq!(r.status, 200, "{}", r.error_xml());
        assert!(
            r.text().contains("<CopyObjectResult><ETag>"),
            "{}",
            r.text()
        );
        assert_eq!(r.header("etag"), put.header("etag"));
        let g = s
            .send(
                request::get_object(&s.ep(), AddressingStyle::Path, "obj-b", dest, None).unwrap(),
                Some("obj-b"),
                Some(dest),
                V4,
            )
            .await;
        assert_eq!(g.body, b"copy me");
        assert_eq!(g.header("content-type"), Some(want_type));
    }
    // Missing source key / bucket, bad header.
    for (source, status, code) in [
        ("/bkt/nope", 404, "NoSuchKey"),
        ("/no-bucket/x", 404, "NoSuchBucket"),
        ("nobucket-no-key", 400, "InvalidArgument"),
    ] {
        let mut req = HttpRequest::new("PUT", format!("{url}/obj-b/x"));
        req.set_header("x-oss-copy-source", source);
        s.send(req, Some("obj-b"), Some("x"), V1)
            .await
            .assert_error(status, code);
    }

    // DeleteMultipleObjects, verbose then quiet.
    for k in ["d1", "d 2", "d+3"] {
        assert_eq!(s.put_object("obj-b", k, b"x", None).await.status, 200);
    }
    let body = "<Delete><Quiet>false</Quiet><Object><Key>d1</Key></Object>\
                <Object><Key>d 2</Key></Object><Object><Key>never-existed</Key></Object></Delete>";
    let mut req = HttpRequest::new("POST", format!("{url}/obj-b/?delete"));
    req.body = body.as_bytes().to_vec();
    req.set_header("Content-MD5", request::content_md5(body.as_bytes()));
    req.set_header("Content-Type", "application/xml");
    let r = s.send(req, Some("obj-b"), None, V4).await;
    assert_eq!(r.status, 200, "{}", r.error_xml());
    let xml = r.text();
    for k in ["d1", "d 2", "never-existed"] {
        assert!(
            xml.contains(&format!("<Deleted><Key>{k}</Key></Deleted>")),
            "{xml}"
        );
    }
    let body = "<Delete><Quiet>true</Quiet><Object><Key>d+3</Key></Object></Delete>";
    let mut req = HttpRequest::new("POST", format!("{url}/obj-b/?delete"));
    req.body = body.as_bytes().to_vec();
    req.set_header("Content-MD5", request::content_md5(body.as_bytes()));
    let r = s.send(req, Some("obj-b"), None, V1).await;
    assert_eq!(r.status, 200, "{}", r.error_xml());
    assert!(!r.text().contains("<Deleted>"), "{}", r.text());
    for k in ["d1", "d 2", "d+3"] {
        s.send(
            request::head_object(&s.ep(), AddressingStyle::Path, "obj-b", k).unwrap(),
            Some("obj-b"),
            Some(k),
            V4,
        )
        .await
        .assert_error(404, "NoSuchKey");
    }
    let body = "<Delete><Object><Nope/></Object>";
    let mut req = HttpRequest::new("POST", format!("{url}/obj-b/?delete"));
    req.body = body.as_bytes().to_vec();
    s.send(req, Some("obj-b"), None, V4)
        .await
        .assert_error(400, "MalformedXML");
    s.handle.shutdown().await;
}

/// `cors test` predicts what `serve` does: over a grid of origins, methods and header lists,
/// every preflight and every actual response carries exactly the status and CORS headers
/// `preflight::oss_answer` computes (the serve side may only add non-CORS headers).
#[tokio::test]
async fn serve_answers_exactly_what_the_simulator_predicts() {
    let s = start().await;
    s.create_bucket("pub-r", Some("public-read")).await;
    assert_eq!(s.put_object("pub-r", "k", b"k", None).await.status, 200);
    let ep = s.ep();
    let configs = [
        CORS_XML.to_string(),
        "<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>\
         <AllowedMethod>PUT</AllowedMethod><AllowedHeader>x-oss-*</AllowedHeader><MaxAgeSeconds>0</MaxAgeSeconds>\
         </CORSRule><CORSRule><AllowedOrigin>http://localhost:*</AllowedOrigin><AllowedMethod>DELETE</AllowedMethod>\
         <AllowedHeader>*</AllowedHeader><ExposeHeader>x-oss-request-id</ExposeHeader></CORSRule></CORSConfiguration>"
            .to_string(),
    ];
    let origins = [
        Some("https://app.example.com"),
        Some("https://evil.test"),
        Some("http://localhost:3000"),
        None,
    ];
    let methods = [
        Some("GET"),
        Some("PUT"),
        Some("DELETE"),
        Some("PATCH"),
        None,
    ];
    let header_lists = [None, Some("content-type"), Some("x-oss-meta-a,X-Custom")];
    let cors_headers = |h: &reqwest::header::HeaderMap| -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = h
            .iter()
            .filter(|(n, _)| n.as_str().starts_with("access-control-") || n.as_str() == "vary")
            .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap().to_string()))
            .collect();
        v.sort();
        v
    };
    let mut checked = 0;
    for xml in &configs {
        assert_eq!(s.put_cors("pub-r", xml, V4).await.status, 200);
        let config = ossctl::rules::parse(xml, ossctl::rules::Format::Xml, "c").unwrap();
        for origin in origins {
            for acrm in methods {
                for acrh in header_lists {
                    let mut req =
                        HttpRequest::new("OPTIONS", format!("{}/pub-r/k", s.handle.endpoint_url()));
                    if let Some(o) = origin {
                        req.set_header("Origin", o);
                    }
                    if let Some(m) = acrm {
                        req.set_header("Access-Control-Request-Method", m);
                    }
                    if let Some(h) = acrh {
                        req.set_header("Access-Control-Request-Headers", h);
                    }
                    let got = s.send_raw(&req).await;
                    let want = ossctl::preflight::oss_answer(
                        Some(&config),
                        &ossctl::preflight::IncomingRequest {
                            method: "OPTIONS",
                            origin,
                            access_control_request_method: acrm,
                            access_control_request_headers: acrh,
                            ..Default::default()
                        },
                    );
                    let mut want_headers: Vec<(String, String)> = want
                        .headers
                        .iter()
                        .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
                        .collect();
                    want_headers.sort();
                    let ctx = format!("OPTIONS origin={origin:?} acrm={acrm:?} acrh={acrh:?}");
                    assert_eq!(Some(got.status), want.status, "{ctx}: {}", got.error_xml());
                    assert_eq!(cors_headers(&got.headers), want_headers, "{ctx}");
                    if let Some(f) = &want.refusal {
                        got.assert_error(got.status, f.code);
                    }
                    checked += 1;
                }
            }
            // The actual (anonymous, public-read) GET from this origin.
            let mut get =
                request::get_object(&ep, AddressingStyle::Path, "pub-r", "k", None).unwrap();
            if let Some(o) = origin {
                get.set_header("Origin", o);
            }
            let got = s.send_raw(&get).await;
            assert_eq!(got.status, 200);
            let want = ossctl::preflight::oss_answer(
                Some(&config),
                &ossctl::preflight::IncomingRequest {
                    method: "GET",
                    origin,
                    access_control_request_method: None,
                    access_control_request_headers: None,
                    ..Default::default()
                },
            );
            let mut want_headers: Vec<(String, String)> = want
                .headers
                .iter()
                .map(|(n, v)| (n.to_ascii_lowercase(), v.to_string()))
                .collect();
            want_headers.sort();
            assert_eq!(
                cors_headers(&got.headers),
                want_headers,
                "GET origin={origin:?}"
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 2 * 4 * (5 * 3 + 1));
    s.handle.shutdown().await;
}

/// A refused upload is answered with its OSS error even while the client is still sending
/// the body (the server drains it instead of resetting the connection), and the
/// connection stays usable.
#[tokio::test]
async fn refused_uploads_are_answered_not_reset() {
    let s = start().await;
    s.create_bucket("bkt", None).await;
    let body = vec![b'z'; 4 * 1024 * 1024];
    let mut stream = tokio::net::TcpStream::connect(s.handle.addr())
        .await
        .unwrap();
    for _ in 0..2 {
        let head = format!(
            "PUT /bkt/anon.bin HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(&body).await.unwrap();
        // Read one response (headers + the small XML body).
        let mut got = Vec::new();
        let mut buf = [0u8; 4096];
        while !String::from_utf8_lossy(&got).contains("</Error>") {
            let n = tokio::time::timeout(Duration::from_secs(10), stream.read(&mut buf))
                .await
                .expect("an answer, not a hang")
                .expect("an answer, not a reset");
            assert!(
                n > 0,
                "connection closed early: {}",
                String::from_utf8_lossy(&got)
            );
            got.extend_from_slice(&buf[..n]);
        }
        let text = String::from_utf8_lossy(&got);
        assert!(text.starts_with("HTTP/1.1 403"), "{text}");
        assert!(text.contains("<Code>AccessDenied</Code>"), "{text}");
    }
    s.handle.shutdown().await;
}
