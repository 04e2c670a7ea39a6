//! `ossctl serve` request latency over real loopback HTTP/1.1 (run: `cargo bench --bench serve`).
//!
//! One in-process server (tokio multi-thread runtime), one keep-alive reqwest client, one
//! request at a time:
//! * `preflight`: an unsigned OPTIONS answered from a 3-rule configuration (route, read and
//!   parse the stored rules, `preflight::oss_answer`);
//! * `get_bucket_cors_v4`: a V4-signed GetBucketCors (client signing + server verification);
//! * `put_bucket_cors_v4`: a V4-signed PutBucketCors, acknowledged only after the
//!   configuration is durable (temp file, fsync, rename, directory fsync): this is bound by
//!   the disk's fsync latency;
//! * `put_get_object_1mib`: a 1 MiB PutObject (streamed to disk, MD5 + CRC64, fsync) followed
//!   by a GetObject of it.

use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request::{self, HttpRequest};
use ossctl::oss::{Credentials, SignatureVersion, sign};
use ossctl::server::{self, ServeConfig};

const CORS_XML: &str = "<CORSConfiguration>\
<CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod>\
<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>\
<MaxAgeSeconds>300</MaxAgeSeconds></CORSRule>\
<CORSRule><AllowedOrigin>https://*.example.com</AllowedOrigin><AllowedMethod>PUT</AllowedMethod>\
<AllowedHeader>x-oss-*</AllowedHeader></CORSRule>\
<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>HEAD</AllowedMethod></CORSRule>\
</CORSConfiguration>";

async fn send(
    client: &reqwest::Client,
    mut req: HttpRequest,
    bucket: &str,
    key: Option<&str>,
    signed: bool,
) -> usize {
    if signed {
        let creds = Credentials::new(server::TEST_ACCESS_KEY_ID, server::TEST_ACCESS_KEY_SECRET);
        sign::sign(
            &mut req,
            Some(bucket),
            key,
            &sign::Signer::new(
                &creds,
                SignatureVersion::V4,
                "cn-hangzhou",
                jiff::Timestamp::now(),
            ),
        );
    }
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).expect("method");
    let mut rb = client.request(method, &req.url);
    for (n, v) in &req.headers {
        rb = rb.header(n, v);
    }
    if !req.body.is_empty() {
        rb = rb.body(req.body);
    }
    let r = rb.send().await.expect("request");
    assert!(r.status().is_success(), "{}", r.status());
    r.bytes().await.expect("body").len()
}

fn bench(c: &mut Criterion) {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("tempdir");
    let mut config = ServeConfig::for_tests(dir.path().to_path_buf());
    config.buckets = vec!["bench".into()];
    let handle = rt.block_on(server::start(config)).expect("server");
    let ep = Endpoint::parse(&handle.endpoint_url()).expect("endpoint");
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("client");
    let p = AddressingStyle::Path;
    rt.block_on(send(
        &client,
        request::put_bucket_cors(&ep, p, "bench", CORS_XML).unwrap(),
        "bench",
        None,
        true,
    ));

    let mut g = c.benchmark_group("serve");
    g.throughput(Throughput::Elements(1));
    g.measurement_time(Duration::from_secs(5));
    g.bench_function("preflight", |b| {
        b.iter(|| {
            let req = request::options_object(
                &ep,
                p,
                "bench",
                Some("a/b.txt"),
                &request::PreflightHeaders::new(
                    "https://x.example.com",
                    "PUT",
                    Some("x-oss-meta-a"),
                ),
            )
            .unwrap();
            rt.block_on(send(&client, req, "bench", None, false))
        })
    });
    g.bench_function("get_bucket_cors_v4", |b| {
        b.iter(|| {
            rt.block_on(send(
                &client,
                request::get_bucket_cors(&ep, p, "bench").unwrap(),
                "bench",
                None,
                true,
            ))
        })
    });
    g.bench_function("put_bucket_cors_v4", |b| {
        b.iter(|| {
            rt.block_on(send(
                &client,
                request::put_bucket_cors(&ep, p, "bench", CORS_XML).unwrap(),
                "bench",
                None,
                true,
            ))
        })
    });
    let body = vec![7u8; 1024 * 1024];
    g.throughput(Throughput::Bytes(2 * body.len() as u64));
    g.bench_function("put_get_object_1mib", |b| {
        b.iter(|| {
            rt.block_on(async {
                let put = request::put_object(&ep, p, "bench", "obj", body.clone(), None).unwrap();
                send(&client, put, "bench", Some("obj"), true).await;
                let get = request::get_object(&ep, p, "bench", "obj", None).unwrap();
                send(&client, get, "bench", Some("obj"), true).await
            })
        })
    });
    g.finish();
    rt.block_on(handle.shutdown());
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
