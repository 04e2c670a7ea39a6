//! Signing and verification cost: what every request pays in the client (sign) and in
//! `ossctl serve` (verify). `cargo bench --bench signing`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ossctl::oss::endpoint::{AddressingStyle, Endpoint};
use ossctl::oss::request;
use ossctl::oss::sign::{self, ReceivedRequest, SignOptions};
use ossctl::oss::{Credentials, Secret, SignatureVersion};

fn incoming(req: &request::HttpRequest) -> ReceivedRequest {
    let (base, raw_query) = req.split_url();
    let raw_path = base.trim_start_matches("http://127.0.0.1:9000").to_string();
    let mut headers = req.headers.clone();
    headers.push(("Host".into(), "127.0.0.1:9000".into()));
    ReceivedRequest {
        method: req.method.clone(),
        raw_path,
        raw_query: raw_query.to_string(),
        headers,
    }
}

fn bench(c: &mut Criterion) {
    let ep = Endpoint::parse("http://127.0.0.1:9000").unwrap();
    let creds =
        Credentials::new("LTAI5tBenchKey", "bench/secret+value=").with_security_token("CAIS.token");
    let now = jiff::Timestamp::from_second(1_717_245_296).unwrap();
    let body = vec![b'x'; 2048];
    let put = request::put_bucket_cors(&ep, AddressingStyle::Path, "bucket1", body).unwrap();
    let lookup = |ak: &str| (ak == "LTAI5tBenchKey").then(|| Secret::new("bench/secret+value="));

    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        c.bench_function(&format!("sign PutBucketCors {version}"), |b| {
            b.iter(|| {
                let mut r = put.clone();
                black_box(sign::sign(
                    &mut r,
                    Some("bucket1"),
                    None,
                    &sign::Signer::new(&creds, version, "cn-hangzhou", now),
                ))
            })
        });
        let mut signed = put.clone();
        sign::sign(
            &mut signed,
            Some("bucket1"),
            None,
            &sign::Signer::new(&creds, version, "cn-hangzhou", now),
        );
        let inc = incoming(&signed);
        c.bench_function(&format!("verify PutBucketCors {version}"), |b| {
            b.iter(|| {
                black_box(
                    sign::verify(
                        &inc,
                        Some("bucket1"),
                        None,
                        &sign::Verifier::new("cn-hangzhou", now, &lookup),
                    )
                    .unwrap(),
                )
            })
        });
        let get = request::get_object(
            &ep,
            AddressingStyle::Path,
            "bucket1",
            "dir one/文件.txt",
            None,
        )
        .unwrap();
        c.bench_function(&format!("presign GetObject {version}"), |b| {
            b.iter(|| {
                let mut r = get.clone();
                black_box(
                    sign::presign(
                        &mut r,
                        Some("bucket1"),
                        Some("dir one/文件.txt"),
                        &sign::Signer::new(&creds, version, "cn-hangzhou", now),
                        600,
                        &SignOptions::default(),
                    )
                    .unwrap(),
                )
            })
        });
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
