//! Unit tests for signing and verification beyond the SDK vectors: tampering, the skew window,
//! expiry, regions, layouts, and hostile input (which must give errors, never panics).

use jiff::Timestamp;
use proptest::prelude::*;

use sha2::{Digest as _, Sha256};

use super::v1::V1_SUBRESOURCES;
use super::*;
use crate::oss::Secret;
use crate::oss::endpoint::{AddressingStyle, Endpoint};
use crate::oss::request::{self, HttpRequest};

const AK: &str = "LTAI5tTestKey";
const SECRET: &str = "test/secret+value=";
const TOKEN: &str = "CAIS.token/+x==";
const REGION: &str = "cn-hangzhou";
const T0: i64 = 1_717_245_296;

fn t(offset: i64) -> Timestamp {
    Timestamp::from_second(T0 + offset).unwrap()
}

fn creds(token: bool) -> Credentials {
    let c = Credentials::new(AK, SECRET);
    if token {
        c.with_security_token(TOKEN)
    } else {
        c
    }
}

fn lookup(ak: &str) -> Option<Secret> {
    (ak == AK).then(|| Secret::new(SECRET))
}

fn local() -> Endpoint {
    Endpoint::parse("http://127.0.0.1:9000").unwrap()
}

/// What a server receives for `req`: raw path and query split from the URL, `Host` added.
fn incoming(req: &HttpRequest) -> ReceivedRequest {
    let (base, raw_query) = req.split_url();
    let after = base.split_once("://").map_or(base, |(_, r)| r);
    let raw_path = after.find('/').map_or("/", |i| &after[i..]);
    let mut headers = req.headers.clone();
    if req.header("host").is_none() {
        headers.push(("Host".into(), req.url_authority().to_string()));
    }
    headers.push(("User-Agent".into(), "test".into()));
    headers.push(("Content-Length".into(), req.body.len().to_string()));
    ReceivedRequest {
        method: req.method.clone(),
        raw_path: raw_path.to_string(),
        raw_query: raw_query.to_string(),
        headers,
    }
}

fn check(
    inc: &ReceivedRequest,
    key: Option<&str>,
    now: Timestamp,
) -> Result<Authentication, VerifyError> {
    verify(
        inc,
        Some("bucket1"),
        key,
        &Verifier::new(REGION, now, &lookup),
    )
}

fn signed_put_cors(version: SignatureVersion, token: bool) -> ReceivedRequest {
    let mut req = request::put_bucket_cors(
        &local(),
        AddressingStyle::Path,
        "bucket1",
        b"<CORSConfiguration/>".to_vec(),
    )
    .unwrap();
    sign(
        &mut req,
        Some("bucket1"),
        None,
        &Signer::new(&creds(token), version, REGION, t(0)),
    );
    incoming(&req)
}

const KEY: &str = "dir one/a+b/文件.txt";

fn signed_get_object(version: SignatureVersion) -> ReceivedRequest {
    let mut req = request::get_object(
        &local(),
        AddressingStyle::Path,
        "bucket1",
        KEY,
        Some("bytes=0-9"),
    )
    .unwrap();
    req.set_header("x-oss-meta-owner", "alice");
    let opts = SignOptions {
        additional_headers: vec!["Range".into(), "host".into()],
    };
    sign_with(
        &mut req,
        Some("bucket1"),
        Some(KEY),
        &Signer::new(&creds(true), version, REGION, t(0)),
        &opts,
    );
    incoming(&req)
}

fn mutate_byte(s: &str, i: usize) -> Option<String> {
    let mut b = s.as_bytes().to_vec();
    let c = *b.get(i)?;
    if !c.is_ascii() {
        return None;
    }
    b[i] = if c == b'0' {
        b'1'
    } else if c.is_ascii_alphanumeric() {
        b'0'
    } else {
        b'x'
    };
    String::from_utf8(b).ok()
}

#[test]
fn signed_requests_verify() {
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        for token in [false, true] {
            let auth = check(&signed_put_cors(version, token), None, t(0)).unwrap();
            assert_eq!(
                auth,
                Authentication::Signed {
                    access_key_id: AK.into(),
                    version,
                    security_token: token.then(|| TOKEN.to_string()),
                }
            );
        }
        let auth = check(&signed_get_object(version), Some(KEY), t(0)).unwrap();
        assert!(matches!(auth, Authentication::Signed { .. }));
    }
}

#[test]
fn changing_any_signed_byte_fails() {
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        for (inc, key) in [
            (signed_put_cors(version, true), None),
            (signed_get_object(version), Some(KEY)),
        ] {
            let mut tried = 0;
            let signed: Vec<String> = inc
                .headers
                .iter()
                .map(|(k, _)| k.to_ascii_lowercase())
                .filter(|k| {
                    k.starts_with("x-oss-")
                        || k == "content-type"
                        || k == "content-md5"
                        || k == "authorization"
                        || (version == SignatureVersion::V1
                            && k == "date"
                            && inc
                                .headers
                                .iter()
                                .all(|(h, _)| !h.eq_ignore_ascii_case("x-oss-date")))
                        || (version == SignatureVersion::V4
                            && key.is_some()
                            && (k == "range" || k == "host"))
                })
                .collect();
            assert!(signed.len() >= 3, "{signed:?}");
            for name in &signed {
                let idx = inc
                    .headers
                    .iter()
                    .position(|(k, _)| k.eq_ignore_ascii_case(name))
                    .unwrap();
                let value = inc.headers[idx].1.clone();
                for i in 0..value.len() {
                    let Some(changed) = mutate_byte(&value, i) else {
                        continue;
                    };
                    if changed == value {
                        continue;
                    }
                    let mut bad = inc.clone();
                    bad.headers[idx].1 = changed.clone();
                    let r = check(&bad, key, t(0));
                    assert!(
                        r.is_err(),
                        "{version} {name}: byte {i} changed to {changed:?} still verified"
                    );
                    tried += 1;
                }
            }
            // Method, path and sub-resource.
            let mut bad = inc.clone();
            bad.method = "POST".into();
            assert!(check(&bad, key, t(0)).is_err(), "{version}: method");
            let other_key = key.map(|k| format!("{k}x"));
            assert_eq!(
                check(&inc, other_key.as_deref().or(Some("k")), t(0))
                    .unwrap_err()
                    .code,
                "SignatureDoesNotMatch"
            );
            assert!(
                verify(
                    &inc,
                    Some("bucket2"),
                    key,
                    &Verifier::new(REGION, t(0), &lookup)
                )
                .is_err(),
                "{version}: bucket"
            );
            if key.is_none() {
                let mut bad = inc.clone();
                bad.raw_query = "acl".into();
                assert!(check(&bad, key, t(0)).is_err(), "{version}: sub-resource");
            }
            // A wrong secret is a mismatch, with the server's string to sign in the error.
            let wrong = |_: &str| Some(Secret::new("wrong"));
            let e = verify(
                &inc,
                Some("bucket1"),
                key,
                &Verifier::new(REGION, t(0), &wrong),
            )
            .unwrap_err();
            assert_eq!((e.status, e.code.as_str()), (403, "SignatureDoesNotMatch"));
            assert!(e.string_to_sign.is_some());
            assert_eq!(
                e.canonical_request.is_some(),
                version == SignatureVersion::V4
            );
            assert!(tried > 50, "{tried}");

            // Headers that are not signed may change (proves the checks above can pass).
            let mut fine = inc.clone();
            for (k, v) in &mut fine.headers {
                if k.eq_ignore_ascii_case("user-agent")
                    || (k.eq_ignore_ascii_case("host") && key.is_none())
                {
                    *v = format!("{v}-changed");
                }
            }
            fine.headers.push(("X-Unsigned".into(), "1".into()));
            check(&fine, key, t(0)).unwrap();
        }
    }
}

#[test]
fn header_values_are_trimmed_on_both_sides() {
    let mut req = request::get_bucket_cors(&local(), AddressingStyle::Path, "bucket1").unwrap();
    req.set_header("x-oss-meta-a", "  padded  ");
    sign(
        &mut req,
        Some("bucket1"),
        None,
        &Signer::new(&creds(false), SignatureVersion::V4, REGION, t(0)),
    );
    assert_eq!(req.header("x-oss-meta-a"), Some("padded"));
    let mut inc = incoming(&req);
    for (k, v) in &mut inc.headers {
        if k == "x-oss-meta-a" {
            *v = " padded ".into();
        }
    }
    check(&inc, None, t(0)).unwrap();
}

#[test]
fn skew_window_is_fifteen_minutes_both_ways() {
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        let inc = signed_put_cors(version, false);
        for ok in [-900, -1, 0, 1, 900] {
            check(&inc, None, t(ok)).unwrap_or_else(|e| panic!("{version} at {ok}: {e}"));
        }
        for bad in [-901, 901, 86_400] {
            let e = check(&inc, None, t(bad)).unwrap_err();
            assert_eq!(
                (e.status, e.code.as_str()),
                (403, "RequestTimeTooSkewed"),
                "{version} at {bad}"
            );
            assert_eq!(e.reason, Rejection::TimeTooSkewed);
            assert!(e.extra.iter().any(|(k, _)| k == "ServerTime"));
        }
    }
}

#[test]
fn missing_or_bad_dates_are_access_denied() {
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        let inc = signed_put_cors(version, false);
        let mut none = inc.clone();
        none.headers.retain(|(k, _)| {
            !k.eq_ignore_ascii_case("date") && !k.eq_ignore_ascii_case("x-oss-date")
        });
        assert_eq!(
            check(&none, None, t(0)).unwrap_err().code,
            "AccessDenied",
            "{version}"
        );
        let mut garbage = inc.clone();
        for (k, v) in &mut garbage.headers {
            if k.eq_ignore_ascii_case("date") || k.eq_ignore_ascii_case("x-oss-date") {
                *v = "yesterday".into();
            }
        }
        assert_eq!(
            check(&garbage, None, t(0)).unwrap_err().code,
            "AccessDenied",
            "{version}"
        );
    }
}

fn presigned(version: SignatureVersion, expires: u64, token: bool) -> ReceivedRequest {
    let mut req =
        request::get_object(&local(), AddressingStyle::Path, "bucket1", KEY, None).unwrap();
    presign(
        &mut req,
        Some("bucket1"),
        Some(KEY),
        &Signer::new(&creds(token), version, REGION, t(0)),
        expires,
        &SignOptions::default(),
    )
    .unwrap();
    assert!(req.header("authorization").is_none());
    incoming(&req)
}

#[test]
fn presigned_urls_verify_until_they_expire() {
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        let inc = presigned(version, 60, true);
        for ok in [0, 30, 60] {
            let auth =
                check(&inc, Some(KEY), t(ok)).unwrap_or_else(|e| panic!("{version} at {ok}: {e}"));
            assert_eq!(
                auth,
                Authentication::Signed {
                    access_key_id: AK.into(),
                    version,
                    security_token: Some(TOKEN.into())
                }
            );
        }
        let e = check(&inc, Some(KEY), t(61)).unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str(), e.message.as_str()),
            (403, "AccessDenied", "Request has expired."),
            "{version}"
        );
        // Tampering with the expiry or the token breaks the signature.
        let mut bad = inc.clone();
        bad.raw_query = bad
            .raw_query
            .replace("=60&", "=600&")
            .replace("Expires=1717245356", "Expires=1717245956");
        assert_ne!(bad.raw_query, inc.raw_query);
        assert_eq!(
            check(&bad, Some(KEY), t(0)).unwrap_err().code,
            "SignatureDoesNotMatch",
            "{version}"
        );
        let mut bad = inc.clone();
        bad.raw_query = bad.raw_query.replace("token", "tokem");
        assert!(check(&bad, Some(KEY), t(0)).is_err(), "{version}");
    }
    // A V4 URL dated in the future is refused.
    let inc = presigned(SignatureVersion::V4, 3600, false);
    assert_eq!(
        check(&inc, Some(KEY), t(-901)).unwrap_err().code,
        "RequestTimeTooSkewed"
    );
}

#[test]
fn presign_limits() {
    let mut req =
        request::get_object(&local(), AddressingStyle::Path, "bucket1", "k", None).unwrap();
    let c = creds(false);
    let p = |req: &mut HttpRequest, v, e| {
        presign(
            req,
            Some("bucket1"),
            Some("k"),
            &Signer::new(&c, v, REGION, t(0)),
            e,
            &SignOptions::default(),
        )
    };
    assert!(p(&mut req.clone(), SignatureVersion::V4, 604_801).is_err());
    assert!(p(&mut req.clone(), SignatureVersion::V4, 0).is_err());
    assert!(p(&mut req.clone(), SignatureVersion::V1, 0).is_err());
    p(&mut req, SignatureVersion::V4, 604_800).unwrap();
    assert!(req.url.contains("x-oss-expires=604800"));
    let mut inc = incoming(&req);
    inc.raw_query = inc
        .raw_query
        .replace("x-oss-expires=604800", "x-oss-expires=0");
    let e = check(&inc, Some("k"), t(0)).unwrap_err();
    assert_eq!(
        (e.status, e.code.as_str(), e.ec.as_deref()),
        (400, "InvalidArgument", Some("0002-00000232"))
    );
}

#[test]
fn region_mismatch_names_the_expected_region() {
    let mut req = request::get_bucket_cors(&local(), AddressingStyle::Path, "bucket1").unwrap();
    sign(
        &mut req,
        Some("bucket1"),
        None,
        &Signer::new(&creds(false), SignatureVersion::V4, "us-west-1", t(0)),
    );
    let e = check(&incoming(&req), None, t(0)).unwrap_err();
    assert_eq!((e.status, e.code.as_str()), (403, "SignatureDoesNotMatch"));
    assert_eq!(e.ec.as_deref(), Some("0002-00000228"));
    assert_eq!(
        e.reason,
        Rejection::WrongRegion {
            signed: "us-west-1".into(),
            expected: "cn-hangzhou".into()
        }
    );
    assert!(
        e.message.contains("cn-hangzhou") && e.message.contains("us-west-1"),
        "{}",
        e.message
    );
    // `oss-` prefixed regions are normalised by our signer...
    let mut req = request::get_bucket_cors(&local(), AddressingStyle::Path, "bucket1").unwrap();
    sign(
        &mut req,
        Some("bucket1"),
        None,
        &Signer::new(&creds(false), SignatureVersion::V4, "oss-cn-hangzhou", t(0)),
    );
    check(&incoming(&req), None, t(0)).unwrap();
    // ... and so is the server's own setting.
    verify(
        &incoming(&req),
        Some("bucket1"),
        None,
        &Verifier::new("oss-cn-hangzhou", t(0), &lookup),
    )
    .unwrap();
}

#[test]
fn unknown_key_and_foreign_schemes() {
    for version in [SignatureVersion::V1, SignatureVersion::V4] {
        let inc = signed_put_cors(version, false);
        let nobody = |_: &str| None;
        let e = verify(
            &inc,
            Some("bucket1"),
            None,
            &Verifier::new(REGION, t(0), &nobody),
        )
        .unwrap_err();
        assert_eq!(
            (e.status, e.code.as_str(), e.access_key_id.as_deref()),
            (403, "InvalidAccessKeyId", Some(AK))
        );
        let inc = presigned(version, 60, false);
        assert_eq!(
            verify(
                &inc,
                Some("bucket1"),
                Some(KEY),
                &Verifier::new(REGION, t(0), &nobody)
            )
            .unwrap_err()
            .code,
            "InvalidAccessKeyId"
        );
    }
    let plain = ReceivedRequest {
        method: "GET".into(),
        raw_path: "/bucket1/k".into(),
        raw_query: "foo=bar".into(),
        headers: vec![("Host".into(), "127.0.0.1".into())],
    };
    assert_eq!(
        check(&plain, Some("k"), t(0)).unwrap(),
        Authentication::Anonymous
    );
    let mut aws = plain.clone();
    aws.headers.push((
        "Authorization".into(),
        "AWS4-HMAC-SHA256 Credential=x".into(),
    ));
    assert_eq!(
        check(&aws, Some("k"), t(0)).unwrap_err().code,
        "InvalidArgument"
    );
}

#[test]
fn every_v4_authorization_layout_is_accepted() {
    let mut req = request::get_object(
        &local(),
        AddressingStyle::Path,
        "bucket1",
        "k",
        Some("bytes=0-1"),
    )
    .unwrap();
    let opts = SignOptions {
        additional_headers: vec!["range".into(), "host".into()],
    };
    sign_with(
        &mut req,
        Some("bucket1"),
        Some("k"),
        &Signer::new(&creds(false), SignatureVersion::V4, REGION, t(0)),
        &opts,
    );
    let ours = req.header("authorization").unwrap().to_string();
    let rest = ours.strip_prefix("OSS4-HMAC-SHA256 ").unwrap();
    let parts: Vec<&str> = rest.split(',').collect();
    let (cred, add, sig) = (parts[0], parts[1], parts[2]);
    assert!(add.starts_with("AdditionalHeaders=host;range"), "{ours}");
    for layout in [
        format!(
            "OSS4-HMAC-SHA256 {cred}, {sig}, {}",
            add.replace("host;range", "range;host")
        ),
        format!("OSS4-HMAC-SHA256 {cred}, {add}, {sig}"),
        format!("OSS4-HMAC-SHA256  {sig} ,{add},{cred} "),
        format!(
            "OSS4-HMAC-SHA256 {cred},{add},{},",
            sig.to_ascii_uppercase().replace("SIGNATURE=", "Signature=")
        ),
    ] {
        let mut inc = incoming(&req);
        for (k, v) in &mut inc.headers {
            if k.eq_ignore_ascii_case("authorization") {
                v.clone_from(&layout);
            }
        }
        check(&inc, Some("k"), t(0)).unwrap_or_else(|e| panic!("{layout}: {e}"));
    }
}

#[test]
fn malformed_authorization_headers_are_errors() {
    let inc = signed_put_cors(SignatureVersion::V4, false);
    for bad in [
        "OSS ",
        "OSS :",
        "OSS a:",
        "OSS :sig",
        "OSS nocolon",
        "OSS4-HMAC-SHA256",
        "OSS4-HMAC-SHA256 ",
        "OSS4-HMAC-SHA256Credential=a/20240601/cn-hangzhou/oss/aliyun_v4_request,Signature=00",
        "OSS4-HMAC-SHA256 Credential=",
        "OSS4-HMAC-SHA256 Signature=00",
        "OSS4-HMAC-SHA256 Credential=a/b/c/d/e,Signature=00",
        "OSS4-HMAC-SHA256 Credential=a/20240601/cn-hangzhou/oss,Signature=00",
        "OSS4-HMAC-SHA256 Credential=a/20240601/cn-hangzhou/oss/aliyun_v4_request/x,Signature=00",
        "OSS4-HMAC-SHA256 Credential=/20240601/cn-hangzhou/oss/aliyun_v4_request,Signature=00",
        "OSS4-HMAC-SHA256 Credential=a/2024060é/cn-hangzhou/oss/aliyun_v4_request,Signature=00",
        "OSS4-HMAC-SHA256 Credential=a/20240601/cn-hangzhou/s3/aliyun_v4_request,Signature=00",
        "OSS4-HMAC-SHA256 Credential=a/20240602/cn-hangzhou/oss/aliyun_v4_request,Signature=00",
        "OSS4-HMAC-SHA256 Credential=LTAI5tTestKey/20240601/cn-hangzhou/oss/aliyun_v4_request,Signature=",
        "OSS4-HMAC-SHA256 garbage",
        "OSS4-HMAC-SHA256 ,,,,=,=,",
        "Basic dXNlcjpwYXNz",
    ] {
        let mut req = inc.clone();
        for (k, v) in &mut req.headers {
            if k.eq_ignore_ascii_case("authorization") {
                *v = bad.to_string();
            }
        }
        let e = check(&req, None, t(0)).expect_err(bad);
        assert!(matches!(e.status, 400 | 403), "{bad}: {e}");
        assert!(!e.message.is_empty());
    }
}

#[test]
fn error_bodies_carry_the_diagnostics() {
    let inc = signed_put_cors(SignatureVersion::V4, true);
    let wrong = |_: &str| Some(Secret::new("wrong"));
    let e = verify(
        &inc,
        Some("bucket1"),
        None,
        &Verifier::new(REGION, t(0), &wrong),
    )
    .unwrap_err();
    let body = e.to_error_body("RID", "bucket1.localhost");
    assert_eq!(body.code, "SignatureDoesNotMatch");
    assert_eq!(body.extra("OSSAccessKeyId"), Some(AK));
    assert!(
        body.extra("StringToSign")
            .unwrap()
            .starts_with("OSS4-HMAC-SHA256\n")
    );
    assert!(
        body.extra("CanonicalRequest")
            .unwrap()
            .starts_with("PUT\n/bucket1/\ncors\n")
    );
    assert!(body.extra("SignatureProvided").is_some());
    let xml = body.to_xml();
    assert!(!xml.contains(SECRET) && !xml.contains("wrong"));
    assert_eq!(crate::oss::error::ErrorBody::parse(&xml).unwrap(), body);
}

#[test]
fn body_digests() {
    let req =
        request::put_bucket_cors(&local(), AddressingStyle::Path, "bucket1", b"<x/>".to_vec())
            .unwrap();
    check_body_digests(&req.headers, b"<x/>").unwrap();
    let e = check_body_digests(&req.headers, b"<y/>").unwrap_err();
    assert_eq!((e.status, e.code.as_str()), (400, "InvalidDigest"));
    check_body_digests(&[], b"anything").unwrap();
    let sha = vec![(
        "x-oss-content-sha256".to_string(),
        hex::encode(Sha256::digest(b"abc")),
    )];
    check_body_digests(&sha, b"abc").unwrap();
    assert!(check_body_digests(&sha, b"abd").is_err());
    let unsigned = vec![(
        "X-Oss-Content-Sha256".to_string(),
        UNSIGNED_PAYLOAD.to_string(),
    )];
    check_body_digests(&unsigned, b"abd").unwrap();
}

#[test]
fn time_formats() {
    assert_eq!(http_date(t(0)), "Sat, 01 Jun 2024 12:34:56 GMT");
    assert_eq!(iso8601_basic(t(0)), "20240601T123456Z");
    assert_eq!(parse_http_date("Sat, 01 Jun 2024 12:34:56 GMT"), Some(t(0)));
    assert_eq!(parse_iso8601_basic("20240601T123456Z"), Some(t(0)));
    for bad in [
        "20241301T123456Z",
        "20240230T123456Z",
        "20240601T235960Z",
        "+2024601T123456Z",
        "20240601T123456",
        "2024-06-01T12:34:56Z",
        "20240601T1234567",
        "２0240601T123456Z",
        "",
    ] {
        assert_eq!(parse_iso8601_basic(bad), None, "{bad}");
    }
    assert_eq!(normalize_region(" oss-cn-hangzhou "), "cn-hangzhou");
    assert!(
        is_v1_subresource("cors")
            && is_v1_subresource("response-content-type")
            && !is_v1_subresource("foo")
    );
    let mut sorted = V1_SUBRESOURCES.to_vec();
    sorted.sort_unstable();
    assert_eq!(
        sorted, V1_SUBRESOURCES,
        "the whitelist must stay sorted for binary search"
    );
}

fn auth_strategy() -> impl Strategy<Value = String> {
    let prefix = prop_oneof![
        Just(String::new()),
        Just("OSS ".to_string()),
        Just("OSS4-HMAC-SHA256 ".to_string()),
        Just(
            "OSS4-HMAC-SHA256 Credential=LTAI5tTestKey/20240601/cn-hangzhou/oss/aliyun_v4_request,"
                .to_string()
        ),
        Just("OSS4-HMAC-SHA256 Credential=".to_string()),
        Just("OSS LTAI5tTestKey:".to_string()),
    ];
    let body = prop_oneof![
        any::<String>(),
        "[A-Za-z=,;/ :_0-9\u{e9}\u{6587}-]{0,120}",
        "(Credential|Signature|AdditionalHeaders)=[a-z0-9/;_=-]{0,40}(,(Credential|Signature|AdditionalHeaders)=[a-z0-9/;_=-]{0,40}){0,4}",
    ];
    (prefix, body).prop_map(|(p, b)| format!("{p}{b}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn hostile_authorization_never_panics(auth in auth_strategy(), date in "[0-9TZ]{0,18}|.{0,30}", query in ".{0,80}") {
        let req = ReceivedRequest {
            method: "GET".into(),
            raw_path: "/bucket1/k".into(),
            raw_query: query,
            headers: vec![
                ("Authorization".into(), auth),
                ("x-oss-date".into(), date.clone()),
                ("Date".into(), date),
                ("Host".into(), "127.0.0.1".into()),
            ],
        };
        let r = verify(&req, Some("bucket1"), Some("k"), &Verifier::new(REGION, t(0), &lookup));
        if let Err(e) = r {
            prop_assert!(matches!(e.status, 400 | 403));
            prop_assert!(!e.code.is_empty());
        }
    }

    #[test]
    fn hostile_presign_queries_never_panic(
        params in proptest::collection::vec(
            (prop_oneof![
                Just("x-oss-signature-version".to_string()), Just("x-oss-credential".to_string()),
                Just("x-oss-date".to_string()), Just("x-oss-expires".to_string()),
                Just("x-oss-signature".to_string()), Just("OSSAccessKeyId".to_string()),
                Just("Expires".to_string()), Just("Signature".to_string()), ".{0,10}",
            ], ".{0,40}"),
            0..8,
        )
    ) {
        let raw_query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let req = ReceivedRequest {
            method: "GET".into(),
            raw_path: "/bucket1/k".into(),
            raw_query: raw_query.join("&"),
            headers: vec![("Host".into(), "127.0.0.1".into())],
        };
        let _ = verify(&req, Some("bucket1"), Some("k"), &Verifier::new(REGION, t(0), &lookup));
    }

    #[test]
    fn parsers_never_panic(s in any::<String>()) {
        let _ = crate::oss::error::ErrorBody::parse(&s);
        let _ = crate::oss::error::ErrorBody::from_x_oss_err(&s);
        let _ = Endpoint::parse(&s);
        let _ = crate::oss::endpoint::target_from_wire(&s, &s, &["localhost"]);
        let _ = parse_http_date(&s);
        let _ = parse_iso8601_basic(&s);
        let _ = crate::oss::mask::mask_url(&s);
        let _ = crate::oss::mask::mask_header("authorization", &s);
    }
}

#[test]
fn an_empty_token_is_no_token() {
    let c = Credentials::new(AK, SECRET).with_security_token("");
    let mut req = request::get_bucket_cors(&local(), AddressingStyle::Path, "bucket1").unwrap();
    sign(
        &mut req,
        Some("bucket1"),
        None,
        &Signer::new(&c, SignatureVersion::V4, REGION, t(0)),
    );
    assert!(req.header("x-oss-security-token").is_none());
    let mut req =
        request::get_object(&local(), AddressingStyle::Path, "bucket1", "k", None).unwrap();
    presign(
        &mut req,
        Some("bucket1"),
        Some("k"),
        &Signer::new(&c, SignatureVersion::V1, REGION, t(0)),
        60,
        &SignOptions::default(),
    )
    .unwrap();
    assert!(!req.url.contains("security-token"), "{}", req.url);
}
