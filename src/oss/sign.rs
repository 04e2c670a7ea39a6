//! Signature V1 (HMAC-SHA1) and V4 (`OSS4-HMAC-SHA256`): signing outgoing requests, presigned
//! URLs, and verifying incoming requests from exactly what arrived.
//!
//! The algorithm and its traps are described in `docs/oss.md` (and, in more depth, in the
//! team's `oss-signing.md`): the bucket is always in the signed resource, even for
//! virtual-host and CNAME requests; V1 signs the raw decoded key and only whitelisted
//! sub-resources; V4 re-encodes the URI and signs every query parameter; the V4 scope holds
//! the bare region id (`cn-hangzhou`, never `oss-cn-hangzhou`). Both directions share the
//! same canonicalisation code, so client and server cannot drift apart.
//!
//! The clock is a parameter: every function takes `now`.

// `VerifyError` carries everything OSS puts in its `<Error>` body (string to sign, canonical
// request, hint): it is big on purpose, and only built on the failure path.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::fmt;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use jiff::Timestamp;
use sha1::Sha1;
use sha2::{Digest as _, Sha256};

use super::encode::{parse_query, uri_encode};
use super::error::ErrorBody;
use super::request::HttpRequest;
use super::{Credentials, Secret, SignatureVersion};

/// Largest accepted difference between the request time and the server's clock.
pub const MAX_SKEW_SECONDS: i64 = 15 * 60;
/// Largest `x-oss-expires` of a V4 presigned URL (7 days).
pub const MAX_V4_PRESIGN_EXPIRES: u64 = 604_800;
/// The V4 algorithm name.
pub const V4_ALGORITHM: &str = "OSS4-HMAC-SHA256";
/// The payload hash the SDKs send (and that is used when the header is absent).
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const V4_TERMINATOR: &str = "aliyun_v4_request";
const V4_PRODUCT: &str = "oss";

/// Query parameters V1 signs as sub-resources: the union of the oss2 2.19.1 and
/// alibabacloud-oss-v2 1.4.1 lists (plus `cors`, which v2 adds per operation). Sorted, so it
/// can be binary-searched.
const V1_SUBRESOURCES: &[&str] = &[
    "accessPoint",
    "accessPointPolicy",
    "acl",
    "append",
    "asyncFetch",
    "bucketArchiveDirectRead",
    "bucketInfo",
    "callback",
    "callback-var",
    "cloudboxes",
    "cname",
    "comp",
    "continuation-token",
    "cors",
    "delete",
    "encryption",
    "endTime",
    "group",
    "httpsConfig",
    "inventory",
    "inventoryId",
    "lifecycle",
    "link",
    "live",
    "location",
    "logging",
    "metaQuery",
    "objectInfo",
    "objectMeta",
    "partNumber",
    "policy",
    "position",
    "publicAccessBlock",
    "qos",
    "qosInfo",
    "qosRequester",
    "redundancyTransition",
    "referer",
    "regionList",
    "replication",
    "replicationLocation",
    "replicationProgress",
    "requestPayment",
    "requesterQosInfo",
    "resourceGroup",
    "resourcePool",
    "resourcePoolBuckets",
    "resourcePoolInfo",
    "response-cache-control",
    "response-content-disposition",
    "response-content-encoding",
    "response-content-language",
    "response-content-type",
    "response-expires",
    "restore",
    "security-token",
    "sequential",
    "startTime",
    "stat",
    "status",
    "style",
    "styleName",
    "symlink",
    "tagging",
    "transferAcceleration",
    "uploadId",
    "uploads",
    "versionId",
    "versioning",
    "versions",
    "vod",
    "website",
    "worm",
    "wormExtend",
    "wormId",
    "x-oss-ac-forward-allow",
    "x-oss-ac-source-ip",
    "x-oss-ac-subnet-mask",
    "x-oss-ac-vpc-id",
    "x-oss-access-point-name",
    "x-oss-async-process",
    "x-oss-process",
    "x-oss-redundancy-transition-taskid",
    "x-oss-request-payer",
    "x-oss-target-redundancy-type",
    "x-oss-traffic-limit",
    "x-oss-write-get-object-response",
];

/// Whether V1 signs the query parameter `name`.
pub fn is_v1_subresource(name: &str) -> bool {
    V1_SUBRESOURCES.binary_search(&name).is_ok()
}

/// What was signed: for diagnostics (`--debug`) and for comparing with the `StringToSign` /
/// `CanonicalRequest` an OSS `SignatureDoesNotMatch` error returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningDetails {
    /// V1: the HMAC-SHA1 input. V4: the 4-line string to sign.
    pub string_to_sign: String,
    /// V4 only: the canonical request.
    pub canonical_request: Option<String>,
}

/// Options beyond the common case.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignOptions {
    /// V4 `AdditionalHeaders`: extra header names to sign (e.g. `host`, `range`). Names that
    /// are signed anyway (`x-oss-*`, `content-type`, `content-md5`) and headers the request
    /// does not carry (or carries empty) are dropped, as the SDKs do.
    pub additional_headers: Vec<String>,
}

/// Why a URL could not be presigned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PresignError {
    /// V4 allows 1 to 604800 seconds; V1 at least 1.
    #[error(
        "presigned URL lifetime of {0} s is out of range: V4 allows 1 to 604800 seconds (7 days)"
    )]
    ExpiresOutOfRange(u64),
}

/// The region id for a V4 scope: surrounding whitespace and an `oss-` endpoint prefix are
/// removed (`oss-cn-hangzhou` → `cn-hangzhou`).
pub fn normalize_region(region: &str) -> &str {
    let r = region.trim();
    r.strip_prefix("oss-").unwrap_or(r)
}

fn hmac_sha1(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any size"));
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

fn hmac_sha256(key: &[u8], msg: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any size"));
    mac.update(msg);
    mac.finalize().into_bytes().to_vec()
}

/// The V4 signing key: HMAC-SHA256 chained over date, region, product and
/// `aliyun_v4_request`, starting from `"aliyun_v4" + secret`.
pub fn v4_signing_key(secret: &Secret, date8: &str, region: &str, product: &str) -> Vec<u8> {
    let mut k = hmac_sha256(
        format!("aliyun_v4{}", secret.expose()).as_bytes(),
        date8.as_bytes(),
    );
    for part in [region, product, V4_TERMINATOR] {
        k = hmac_sha256(&k, part.as_bytes());
    }
    k
}

fn v1_signature(secret: &Secret, string_to_sign: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(hmac_sha1(
        secret.expose().as_bytes(),
        string_to_sign.as_bytes(),
    ))
}

fn v4_signature(
    secret: &Secret,
    date8: &str,
    region: &str,
    product: &str,
    string_to_sign: &str,
) -> String {
    hex::encode(hmac_sha256(
        &v4_signing_key(secret, date8, region, product),
        string_to_sign.as_bytes(),
    ))
}

/// `20240601T123456Z`: the V4 request time format.
pub fn iso8601_basic(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// `Sat, 01 Jun 2024 12:34:56 GMT`: the `Date` header format.
pub fn http_date(ts: Timestamp) -> String {
    ts.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Parses `YYYYMMDDTHHMMSSZ`.
pub fn parse_iso8601_basic(s: &str) -> Option<Timestamp> {
    let b = s.as_bytes();
    if b.len() != 16 || b.get(8) != Some(&b'T') || b.get(15) != Some(&b'Z') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let dt = jiff::civil::DateTime::new(
        i16::try_from(num(0..4)?).ok()?,
        i8::try_from(num(4..6)?).ok()?,
        i8::try_from(num(6..8)?).ok()?,
        i8::try_from(num(9..11)?).ok()?,
        i8::try_from(num(11..13)?).ok()?,
        i8::try_from(num(13..15)?).ok()?,
        0,
    )
    .ok()?;
    jiff::tz::Offset::UTC.to_timestamp(dt).ok()
}

/// Parses an HTTP date (`Sat, 01 Jun 2024 12:34:56 GMT`, any RFC 2822 form).
pub fn parse_http_date(s: &str) -> Option<Timestamp> {
    static PARSER: jiff::fmt::rfc2822::DateTimeParser = jiff::fmt::rfc2822::DateTimeParser::new();
    PARSER.parse_timestamp(s.trim()).ok()
}

/// Headers as signing sees them: lower-case names (sorted), values trimmed, repeated headers
/// joined with `,`.
fn header_view(headers: &[(String, String)]) -> BTreeMap<String, String> {
    let mut map: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in headers {
        let v = v.trim();
        map.entry(k.trim().to_ascii_lowercase())
            .and_modify(|e| {
                e.push(',');
                e.push_str(v);
            })
            .or_insert_with(|| v.to_string());
    }
    map
}

fn resource_path(bucket: Option<&str>, key: Option<&str>) -> String {
    match bucket {
        Some(b) => format!("/{b}/{}", key.unwrap_or_default()),
        None => "/".to_string(),
    }
}

fn v1_string_to_sign(
    method: &str,
    hv: &BTreeMap<String, String>,
    bucket: Option<&str>,
    key: Option<&str>,
    query: &[(String, String)],
    date_line: &str,
) -> String {
    let get = |n: &str| hv.get(n).map(String::as_str).unwrap_or_default();
    let mut s = format!(
        "{method}\n{}\n{}\n{date_line}\n",
        get("content-md5"),
        get("content-type")
    );
    for (k, v) in hv.iter().filter(|(k, _)| k.starts_with("x-oss-")) {
        s.push_str(k);
        s.push(':');
        s.push_str(v);
        s.push('\n');
    }
    s.push_str(&resource_path(bucket, key));
    let mut sub: Vec<&(String, String)> =
        query.iter().filter(|(k, _)| is_v1_subresource(k)).collect();
    sub.sort();
    for (i, (k, v)) in sub.into_iter().enumerate() {
        s.push(if i == 0 { '?' } else { '&' });
        s.push_str(k);
        if !v.is_empty() {
            s.push('=');
            s.push_str(v);
        }
    }
    s
}

fn v4_canonical_request(
    method: &str,
    hv: &BTreeMap<String, String>,
    bucket: Option<&str>,
    key: Option<&str>,
    query: &[(String, String)],
    additional: &[String],
    skip_signature_param: bool,
) -> String {
    let uri = uri_encode(&resource_path(bucket, key), true);
    let mut cq: Vec<(String, String)> = query
        .iter()
        .filter(|(k, _)| !(skip_signature_param && k == "x-oss-signature"))
        .map(|(k, v)| (uri_encode(k, false), uri_encode(v, false)))
        .collect();
    cq.sort();
    let cq: Vec<String> = cq
        .into_iter()
        .map(|(k, v)| if v.is_empty() { k } else { format!("{k}={v}") })
        .collect();
    let mut headers = String::new();
    for (k, v) in hv.iter().filter(|(k, _)| {
        k.starts_with("x-oss-")
            || *k == "content-type"
            || *k == "content-md5"
            || additional.contains(k)
    }) {
        headers.push_str(k);
        headers.push(':');
        headers.push_str(v);
        headers.push('\n');
    }
    let payload = hv
        .get("x-oss-content-sha256")
        .filter(|v| !v.is_empty())
        .map_or(UNSIGNED_PAYLOAD, String::as_str);
    format!(
        "{method}\n{uri}\n{}\n{headers}\n{}\n{payload}",
        cq.join("&"),
        additional.join(";")
    )
}

fn v4_string_to_sign(xdate: &str, scope: &str, canonical_request: &str) -> String {
    format!(
        "{V4_ALGORITHM}\n{xdate}\n{scope}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    )
}

/// Lower-cases, trims, deduplicates and sorts an AdditionalHeaders list (as a server must:
/// oss2 sends it only partly sorted).
fn normalize_additional<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = names
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The client's additional headers: normalized, without names signed by default and without
/// headers that are absent or empty in `hv`.
fn client_additional(opts: &SignOptions, hv: &BTreeMap<String, String>) -> Vec<String> {
    normalize_additional(opts.additional_headers.iter().map(String::as_str))
        .into_iter()
        .filter(|n| !(n.starts_with("x-oss-") || n == "content-type" || n == "content-md5"))
        .filter(|n| hv.get(n).is_some_and(|v| !v.is_empty()))
        .collect()
}

/// The header view used by the client signer: the request's headers plus `host` from the URL
/// when the request does not carry one (the transport will send exactly that).
fn client_header_view(req: &HttpRequest) -> BTreeMap<String, String> {
    let mut hv = header_view(&req.headers);
    if !hv.contains_key("host") {
        let authority = req.url_authority();
        if !authority.is_empty() {
            hv.insert("host".into(), authority.to_ascii_lowercase());
        }
    }
    hv
}

fn prepare(req: &mut HttpRequest) {
    req.remove_header("authorization");
    for (_, v) in &mut req.headers {
        let t = v.trim();
        if t.len() != v.len() {
            *v = t.to_string();
        }
    }
}

fn set_token_header(req: &mut HttpRequest, creds: &Credentials) {
    match creds.security_token.as_ref().filter(|t| !t.is_empty()) {
        Some(t) => req.set_header("x-oss-security-token", t.expose()),
        None => req.remove_header("x-oss-security-token"),
    }
}

/// Signs `req` in place for `bucket` / `key` (decoded key, as in the URL) and returns what was
/// signed.
///
/// Adds `Date`; for V4 also `x-oss-date` and `x-oss-content-sha256: UNSIGNED-PAYLOAD` (kept if
/// the caller set a payload hash); `x-oss-security-token` for STS credentials; and
/// `Authorization`. Header values are trimmed, so that what is sent is what is signed.
/// `region` is the bare region id (an `oss-` prefix is removed; V1 ignores it).
pub fn sign(
    req: &mut HttpRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    creds: &Credentials,
    version: SignatureVersion,
    region: &str,
    now: Timestamp,
) -> SigningDetails {
    sign_with(
        req,
        bucket,
        key,
        creds,
        version,
        region,
        now,
        &SignOptions::default(),
    )
}

/// [`sign`] with [`SignOptions`] (V4 additional headers).
#[allow(clippy::too_many_arguments)]
pub fn sign_with(
    req: &mut HttpRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    creds: &Credentials,
    version: SignatureVersion,
    region: &str,
    now: Timestamp,
    opts: &SignOptions,
) -> SigningDetails {
    prepare(req);
    set_token_header(req, creds);
    req.set_header("Date", http_date(now));
    let query = parse_query(req.split_url().1);
    match version {
        SignatureVersion::V1 => {
            let hv = header_view(&req.headers);
            let date_line = hv
                .get("x-oss-date")
                .or_else(|| hv.get("date"))
                .cloned()
                .unwrap_or_default();
            let sts = v1_string_to_sign(&req.method, &hv, bucket, key, &query, &date_line);
            let sig = v1_signature(&creds.access_key_secret, &sts);
            req.set_header(
                "Authorization",
                format!("OSS {}:{sig}", creds.access_key_id),
            );
            SigningDetails {
                string_to_sign: sts,
                canonical_request: None,
            }
        }
        SignatureVersion::V4 => {
            let region = normalize_region(region);
            let xdate = iso8601_basic(now);
            let date8 = xdate.get(..8).unwrap_or_default().to_string();
            req.set_header("x-oss-date", xdate.clone());
            if req.header("x-oss-content-sha256").is_none_or(str::is_empty) {
                req.set_header("x-oss-content-sha256", UNSIGNED_PAYLOAD);
            }
            let hv = client_header_view(req);
            let additional = client_additional(opts, &hv);
            let cr =
                v4_canonical_request(&req.method, &hv, bucket, key, &query, &additional, false);
            let scope = format!("{date8}/{region}/{V4_PRODUCT}/{V4_TERMINATOR}");
            let sts = v4_string_to_sign(&xdate, &scope, &cr);
            let sig = v4_signature(&creds.access_key_secret, &date8, region, V4_PRODUCT, &sts);
            let extra = if additional.is_empty() {
                String::new()
            } else {
                format!("AdditionalHeaders={},", additional.join(";"))
            };
            req.set_header(
                "Authorization",
                format!(
                    "{V4_ALGORITHM} Credential={}/{scope},{extra}Signature={sig}",
                    creds.access_key_id
                ),
            );
            SigningDetails {
                string_to_sign: sts,
                canonical_request: Some(cr),
            }
        }
    }
}

fn append_query(req: &mut HttpRequest, pairs: &[(&str, &str)]) {
    let (base, raw_query) = req.split_url();
    let mut url = base.to_string();
    let mut first = raw_query.is_empty();
    if !first {
        url.push('?');
        url.push_str(raw_query);
    }
    for (k, v) in pairs {
        url.push(if first { '?' } else { '&' });
        first = false;
        url.push_str(&uri_encode(k, false));
        url.push('=');
        url.push_str(&uri_encode(v, false));
    }
    req.url = url;
}

/// Presigns `req.url` (a URL for `bucket` / `key`) valid for `expires_in` seconds from `now`.
///
/// V1 appends `OSSAccessKeyId`, `Expires` (absolute Unix time), `security-token` (signed) and
/// `Signature`. V4 appends `x-oss-signature-version`, `x-oss-date`, `x-oss-expires` (relative),
/// `x-oss-credential`, `x-oss-security-token`, `x-oss-additional-headers` and
/// `x-oss-signature`. Headers the request carries (`x-oss-*`, `Content-Type`, `Content-MD5`,
/// additional headers) are signed and must be sent with the URL.
#[allow(clippy::too_many_arguments)]
pub fn presign(
    req: &mut HttpRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    creds: &Credentials,
    version: SignatureVersion,
    region: &str,
    now: Timestamp,
    expires_in: u64,
    opts: &SignOptions,
) -> Result<SigningDetails, PresignError> {
    if expires_in == 0 || (version == SignatureVersion::V4 && expires_in > MAX_V4_PRESIGN_EXPIRES) {
        return Err(PresignError::ExpiresOutOfRange(expires_in));
    }
    prepare(req);
    let token = creds
        .security_token
        .as_ref()
        .filter(|t| !t.is_empty())
        .map(|t| t.expose().to_string());
    match version {
        SignatureVersion::V1 => {
            let expires = (now.as_second().saturating_add_unsigned(expires_in)).to_string();
            let mut params: Vec<(&str, &str)> = vec![
                ("OSSAccessKeyId", &creds.access_key_id),
                ("Expires", &expires),
            ];
            if let Some(t) = &token {
                params.push(("security-token", t));
            }
            append_query(req, &params);
            let query = parse_query(req.split_url().1);
            let hv = header_view(&req.headers);
            let sts = v1_string_to_sign(&req.method, &hv, bucket, key, &query, &expires);
            let sig = v1_signature(&creds.access_key_secret, &sts);
            append_query(req, &[("Signature", &sig)]);
            Ok(SigningDetails {
                string_to_sign: sts,
                canonical_request: None,
            })
        }
        SignatureVersion::V4 => {
            let region = normalize_region(region);
            let xdate = iso8601_basic(now);
            let date8 = xdate.get(..8).unwrap_or_default().to_string();
            let scope = format!("{date8}/{region}/{V4_PRODUCT}/{V4_TERMINATOR}");
            let credential = format!("{}/{scope}", creds.access_key_id);
            let expires = expires_in.to_string();
            let hv = client_header_view(req);
            let additional = client_additional(opts, &hv);
            let additional_joined = additional.join(";");
            let mut params: Vec<(&str, &str)> = vec![
                ("x-oss-signature-version", V4_ALGORITHM),
                ("x-oss-date", &xdate),
                ("x-oss-expires", &expires),
                ("x-oss-credential", &credential),
            ];
            if let Some(t) = &token {
                params.push(("x-oss-security-token", t));
            }
            if !additional.is_empty() {
                params.push(("x-oss-additional-headers", &additional_joined));
            }
            append_query(req, &params);
            let query = parse_query(req.split_url().1);
            let cr = v4_canonical_request(&req.method, &hv, bucket, key, &query, &additional, true);
            let sts = v4_string_to_sign(&xdate, &scope, &cr);
            let sig = v4_signature(&creds.access_key_secret, &date8, region, V4_PRODUCT, &sts);
            append_query(req, &[("x-oss-signature", &sig)]);
            Ok(SigningDetails {
                string_to_sign: sts,
                canonical_request: Some(cr),
            })
        }
    }
}

// ------------------------------------------------------------------------------ verification

/// A request as it arrived at a server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncomingRequest {
    /// The method as sent.
    pub method: String,
    /// The path exactly as sent, still percent-encoded (`/bucket/dir%20one/a%2Bb`).
    pub raw_path: String,
    /// The query exactly as sent, without `?` (`cors=`, `x-oss-signature=...&...`).
    pub raw_query: String,
    /// Every header as received, `Host` included (V4 may sign it).
    pub headers: Vec<(String, String)>,
}

/// Who sent a request that passed verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Authentication {
    /// No signature at all (authorization is then the bucket ACL's business).
    Anonymous,
    /// A valid V1 or V4 signature, in the header or in a presigned URL.
    Signed {
        /// The AccessKeyId that signed.
        access_key_id: String,
        /// The signature version used.
        version: SignatureVersion,
        /// The STS token that came with the request, if any (the caller decides whether it is
        /// valid for this key).
        security_token: Option<String>,
    },
}

/// Why verification failed, with what OSS would put in its `<Error>` body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyError {
    /// HTTP status: 403, or 400 for malformed input.
    pub status: u16,
    /// OSS error code: `SignatureDoesNotMatch`, `InvalidAccessKeyId`, `RequestTimeTooSkewed`,
    /// `AccessDenied`, `InvalidArgument`.
    pub code: String,
    /// The message for the `<Message>` element.
    pub message: String,
    /// OSS's EC diagnostic code, where known.
    pub ec: Option<String>,
    /// The string to sign the server computed (for `SignatureDoesNotMatch`).
    pub string_to_sign: Option<String>,
    /// V4: the canonical request the server computed.
    pub canonical_request: Option<String>,
    /// The AccessKeyId the request presented.
    pub access_key_id: Option<String>,
    /// What a person can do about it.
    pub hint: Option<String>,
    /// Other `<Error>` children (e.g. `SignatureProvided`, `RequestTime`, `ServerTime`).
    pub extra: Vec<(String, String)>,
}

impl VerifyError {
    fn new(status: u16, code: &str, message: impl Into<String>) -> Self {
        VerifyError {
            status,
            code: code.to_string(),
            message: message.into(),
            ec: None,
            string_to_sign: None,
            canonical_request: None,
            access_key_id: None,
            hint: None,
            extra: Vec::new(),
        }
    }

    fn ec(mut self, ec: &str) -> Self {
        self.ec = Some(ec.to_string());
        self
    }

    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    fn ak(mut self, ak: &str) -> Self {
        self.access_key_id = Some(ak.to_string());
        self
    }

    fn extra(mut self, name: &str, value: impl Into<String>) -> Self {
        self.extra.push((name.to_string(), value.into()));
        self
    }

    fn malformed(message: impl Into<String>) -> Self {
        VerifyError::new(400, "InvalidArgument", message)
    }

    /// The `<Error>` body OSS would send: Code, Message, RequestId, HostId, then
    /// `OSSAccessKeyId`, `SignatureProvided`, `StringToSign`, `StringToSignBytes`,
    /// `CanonicalRequest` and other extras when present, and EC.
    pub fn to_error_body(&self, request_id: &str, host_id: &str) -> ErrorBody {
        let mut extra = Vec::new();
        if let Some(ak) = &self.access_key_id {
            extra.push(("OSSAccessKeyId".to_string(), ak.clone()));
        }
        extra.extend(self.extra.iter().cloned());
        if let Some(sts) = &self.string_to_sign {
            extra.push(("StringToSign".to_string(), sts.clone()));
            let bytes: Vec<String> = sts.bytes().map(|b| format!("{b:02x}")).collect();
            extra.push(("StringToSignBytes".to_string(), bytes.join(" ")));
        }
        if let Some(cr) = &self.canonical_request {
            extra.push(("CanonicalRequest".to_string(), cr.clone()));
        }
        ErrorBody {
            code: self.code.clone(),
            message: self.message.clone(),
            request_id: request_id.to_string(),
            host_id: host_id.to_string(),
            ec: self.ec.clone(),
            extra,
        }
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl std::error::Error for VerifyError {}

const MSG_MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";
const MSG_SKEWED: &str =
    "The difference between the request time and the current time is too large.";
const MSG_EXPIRED: &str = "Request has expired.";

fn hint_mismatch(region: &str, version: SignatureVersion) -> String {
    match version {
        SignatureVersion::V1 => "check the AccessKeySecret, and compare the StringToSign with the one your client signed \
             (Content-MD5, Content-Type, date line, x-oss-* headers, /bucket/key?sub-resources); \
             or try --sign-version v4"
            .to_string(),
        SignatureVersion::V4 => format!(
            "check the AccessKeySecret and that the client signs for region {region} (bare id, no 'oss-' prefix); \
             compare the CanonicalRequest with the one your client signed; or try --sign-version v1"
        ),
    }
}

fn skew_error(request_time: Timestamp, now: Timestamp) -> VerifyError {
    VerifyError::new(403, "RequestTimeTooSkewed", MSG_SKEWED)
        .extra("RequestTime", request_time.to_string())
        .extra("ServerTime", now.to_string())
        .extra("MaxAllowedSkewMilliseconds", (MAX_SKEW_SECONDS * 1000).to_string())
        .hint("the request time must be within 15 minutes of the server's clock; synchronise the client's clock (NTP)")
}

fn check_skew(request_time: Timestamp, now: Timestamp) -> Result<(), VerifyError> {
    let diff = now.as_second().saturating_sub(request_time.as_second());
    if diff.unsigned_abs() > MAX_SKEW_SECONDS.unsigned_abs() {
        return Err(skew_error(request_time, now));
    }
    Ok(())
}

fn ct_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A parsed V4 credential `AK/date/region/product/aliyun_v4_request`.
struct Credential<'a> {
    ak: &'a str,
    date8: &'a str,
    region: &'a str,
    product: &'a str,
}

fn parse_credential(value: &str, in_query: bool) -> Result<Credential<'_>, VerifyError> {
    let (ec, what) = if in_query {
        ("0002-00000224", "x-oss-credential")
    } else {
        (
            "0002-00000213",
            "the Credential in the Authorization header",
        )
    };
    let bad = |why: &str| {
        VerifyError::malformed(format!("{what} is invalid: {why}"))
            .ec(ec)
            .hint("the credential is <AccessKeyId>/<YYYYMMDD>/<region>/oss/aliyun_v4_request")
    };
    let parts: Vec<&str> = value.split('/').collect();
    let [ak, date8, region, product, term] = parts.as_slice() else {
        return Err(bad("expected 5 '/'-separated parts"));
    };
    if ak.is_empty() {
        return Err(bad("the AccessKeyId is empty"));
    }
    if date8.len() != 8 || !date8.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad("the date must be YYYYMMDD").ec(if in_query {
            ec
        } else {
            "0002-00000212"
        }));
    }
    if *term != V4_TERMINATOR {
        return Err(bad("it must end with /aliyun_v4_request"));
    }
    Ok(Credential {
        ak,
        date8,
        region,
        product,
    })
}

fn check_scope(
    cred: &Credential<'_>,
    xdate: &str,
    server_region: &str,
    in_query: bool,
) -> Result<(), VerifyError> {
    if cred.product != V4_PRODUCT {
        return Err(VerifyError::malformed(format!(
            "the credential scope names product {:?}; this endpoint is \"oss\"",
            cred.product
        ))
        .ak(cred.ak));
    }
    if Some(cred.date8) != xdate.get(..8) {
        return Err(VerifyError::new(
            403,
            "SignatureDoesNotMatch",
            format!(
                "The date in the credential scope ({}) is not the date of x-oss-date ({xdate}).",
                cred.date8
            ),
        )
        .ak(cred.ak)
        .ec("0002-00000212")
        .hint("sign with the same clock reading for the scope date and x-oss-date"));
    }
    if cred.region != server_region {
        let hint = if normalize_region(cred.region) == server_region {
            format!(
                "the V4 scope must hold the bare region id {server_region:?}, not the endpoint label {:?}: \
                 set the client's region to {server_region}",
                cred.region
            )
        } else {
            format!(
                "this endpoint is in region {server_region:?} but the request was signed for {:?}: \
                 set the client's region to {server_region} (or use the endpoint of {})",
                cred.region, cred.region
            )
        };
        return Err(VerifyError::new(
            403,
            "SignatureDoesNotMatch",
            format!(
                "Invalid signing region in the credential scope: the request was signed for region '{}', \
                 this endpoint expects '{server_region}'.",
                cred.region
            ),
        )
        .ak(cred.ak)
        .ec(if in_query { "0002-00000226" } else { "0002-00000228" })
        .hint(hint));
    }
    Ok(())
}

fn lookup(lookup_secret: &dyn Fn(&str) -> Option<Secret>, ak: &str) -> Result<Secret, VerifyError> {
    lookup_secret(ak).ok_or_else(|| {
        VerifyError::new(
            403,
            "InvalidAccessKeyId",
            "The OSS Access Key Id you provided does not exist in our records.",
        )
        .ak(ak)
        .hint("check the AccessKeyId the client uses (and its --profile or config file)")
    })
}

fn first<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Parses an `OSS4-HMAC-SHA256 ...` Authorization value in any SDK's layout:
/// `(credential, signature, additional headers)`.
fn parse_v4_authorization(value: &str) -> Result<(&str, &str, Option<&str>), VerifyError> {
    let rest = value.strip_prefix(V4_ALGORITHM).unwrap_or(value);
    if !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return Err(
            VerifyError::malformed("malformed OSS4-HMAC-SHA256 Authorization header")
                .ec("0002-00000213"),
        );
    }
    let (mut credential, mut signature, mut additional) = (None, None, None);
    for item in rest.split(',') {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let Some((k, v)) = item.split_once('=') else {
            return Err(VerifyError::malformed(format!(
                "malformed OSS4-HMAC-SHA256 Authorization header: {item:?} is not Name=Value"
            )));
        };
        match k.trim() {
            "Credential" => credential = Some(v.trim()),
            "Signature" => signature = Some(v.trim()),
            "AdditionalHeaders" => additional = Some(v.trim()),
            _ => {}
        }
    }
    match (credential, signature) {
        (Some(c), Some(s)) if !s.is_empty() => Ok((c, s, additional)),
        _ => Err(VerifyError::malformed(
            "malformed OSS4-HMAC-SHA256 Authorization header: Credential and Signature are required",
        )
        .ec("0002-00000213")),
    }
}

/// Verifies an incoming request from exactly what arrived.
///
/// `bucket` and `key` are where the request is addressed (the key percent-decoded, `+` kept;
/// see [`crate::oss::endpoint::target_from_wire`]); they are part of what is signed even for
/// virtual-host requests. `region` is the region V4 scopes must name. `lookup_secret` returns
/// the secret of an AccessKeyId, or `None` for an unknown one.
///
/// Accepts V4 and V1 in the `Authorization` header (any SDK's layout) and as presigned URLs;
/// a request without any signature is [`Authentication::Anonymous`]. Header auth must be
/// within 15 minutes of `now`; presigned URLs must not have expired.
pub fn verify(
    req: &IncomingRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    region: &str,
    now: Timestamp,
    lookup_secret: &dyn Fn(&str) -> Option<Secret>,
) -> Result<Authentication, VerifyError> {
    verify_with_details(req, bucket, key, region, now, lookup_secret).map(|(auth, _)| auth)
}

/// What [`verify_with_details`] returns: who signed, and what the server signed over.
pub type Verified = (Authentication, SigningDetails);

/// [`verify`], also returning the string to sign (and V4 canonical request) the server
/// recomputed, for logs and tests. Anonymous requests give empty details.
pub fn verify_with_details(
    req: &IncomingRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    region: &str,
    now: Timestamp,
    lookup_secret: &dyn Fn(&str) -> Option<Secret>,
) -> Result<Verified, VerifyError> {
    let hv = header_view(&req.headers);
    let query = parse_query(&req.raw_query);
    let region = normalize_region(region);
    let auth = hv
        .get("authorization")
        .map(String::as_str)
        .unwrap_or_default();

    if auth.starts_with(V4_ALGORITHM) {
        return verify_v4_header(
            req,
            &hv,
            &query,
            auth,
            bucket,
            key,
            region,
            now,
            lookup_secret,
        );
    }
    if let Some(rest) = auth.strip_prefix("OSS ") {
        return verify_v1_header(req, &hv, &query, rest, bucket, key, now, lookup_secret);
    }
    if !auth.is_empty() {
        return Err(VerifyError::malformed(
            "the Authorization header is neither 'OSS <AccessKeyId>:<Signature>' nor 'OSS4-HMAC-SHA256 ...'",
        )
        .hint("sign with OSS signature V1 or V4 (AWS signatures are not accepted)"));
    }
    if let Some(sv) = first(&query, "x-oss-signature-version") {
        if sv != V4_ALGORITHM {
            return Err(VerifyError::malformed(format!(
                "x-oss-signature-version must be {V4_ALGORITHM}, not {sv:?}"
            )));
        }
        return verify_v4_query(req, &hv, &query, bucket, key, region, now, lookup_secret);
    }
    if first(&query, "OSSAccessKeyId").is_some() || first(&query, "Signature").is_some() {
        return verify_v1_query(req, &hv, &query, bucket, key, now, lookup_secret);
    }
    Ok((
        Authentication::Anonymous,
        SigningDetails {
            string_to_sign: String::new(),
            canonical_request: None,
        },
    ))
}

#[allow(clippy::too_many_arguments)]
fn verify_v4_header(
    req: &IncomingRequest,
    hv: &BTreeMap<String, String>,
    query: &[(String, String)],
    auth: &str,
    bucket: Option<&str>,
    key: Option<&str>,
    region: &str,
    now: Timestamp,
    lookup_secret: &dyn Fn(&str) -> Option<Secret>,
) -> Result<Verified, VerifyError> {
    let (credential, signature, additional) = parse_v4_authorization(auth)?;
    let cred = parse_credential(credential, false)?;
    let secret = lookup(lookup_secret, cred.ak)?;
    let xdate = hv.get("x-oss-date").map(String::as_str).unwrap_or_default();
    if xdate.is_empty() {
        return Err(VerifyError::new(
            403,
            "AccessDenied",
            "V4 requests must carry an x-oss-date header.",
        )
        .ak(cred.ak)
        .hint("send x-oss-date: YYYYMMDDTHHMMSSZ (UTC)"));
    }
    let Some(ts) = parse_iso8601_basic(xdate) else {
        return Err(VerifyError::new(
            403,
            "AccessDenied",
            format!("Invalid x-oss-date {xdate:?}: expected YYYYMMDDTHHMMSSZ."),
        )
        .ak(cred.ak)
        .ec("0002-00000223"));
    };
    check_skew(ts, now).map_err(|e| e.ak(cred.ak))?;
    check_scope(&cred, xdate, region, false)?;
    let additional = normalize_additional(additional.unwrap_or_default().split(';'));
    let cr = v4_canonical_request(&req.method, hv, bucket, key, query, &additional, false);
    let scope = format!(
        "{}/{}/{}/{V4_TERMINATOR}",
        cred.date8, cred.region, cred.product
    );
    let sts = v4_string_to_sign(xdate, &scope, &cr);
    let calc = v4_signature(&secret, cred.date8, cred.region, cred.product, &sts);
    if !ct_eq(&calc, &signature.to_ascii_lowercase()) {
        let mut e = VerifyError::new(403, "SignatureDoesNotMatch", MSG_MISMATCH)
            .ak(cred.ak)
            .ec("0002-00000201")
            .extra("SignatureProvided", signature)
            .hint(hint_mismatch(region, SignatureVersion::V4));
        e.string_to_sign = Some(sts);
        e.canonical_request = Some(cr);
        return Err(e);
    }
    Ok((
        Authentication::Signed {
            access_key_id: cred.ak.to_string(),
            version: SignatureVersion::V4,
            security_token: hv.get("x-oss-security-token").cloned(),
        },
        SigningDetails {
            string_to_sign: sts,
            canonical_request: Some(cr),
        },
    ))
}

#[allow(clippy::too_many_arguments)]
fn verify_v1_header(
    req: &IncomingRequest,
    hv: &BTreeMap<String, String>,
    query: &[(String, String)],
    rest: &str,
    bucket: Option<&str>,
    key: Option<&str>,
    now: Timestamp,
    lookup_secret: &dyn Fn(&str) -> Option<Secret>,
) -> Result<Verified, VerifyError> {
    let Some((ak, signature)) = rest
        .trim()
        .rsplit_once(':')
        .map(|(a, s)| (a.trim(), s.trim()))
    else {
        return Err(VerifyError::malformed(
            "malformed Authorization header: expected 'OSS <AccessKeyId>:<Signature>'",
        ));
    };
    if ak.is_empty() || signature.is_empty() {
        return Err(VerifyError::malformed(
            "malformed Authorization header: expected 'OSS <AccessKeyId>:<Signature>'",
        ));
    }
    let secret = lookup(lookup_secret, ak)?;
    let date_line = hv
        .get("x-oss-date")
        .or_else(|| hv.get("date"))
        .map(String::as_str)
        .unwrap_or_default();
    if date_line.is_empty() {
        return Err(VerifyError::new(
            403,
            "AccessDenied",
            "The request must carry a Date or x-oss-date header.",
        )
        .ak(ak)
        .hint("send Date: <RFC 1123 time in GMT>"));
    }
    let Some(ts) = parse_http_date(date_line).or_else(|| parse_iso8601_basic(date_line)) else {
        return Err(VerifyError::new(
            403,
            "AccessDenied",
            format!("Invalid date {date_line:?}: expected an RFC 1123 GMT time."),
        )
        .ak(ak));
    };
    check_skew(ts, now).map_err(|e| e.ak(ak))?;
    let sts = v1_string_to_sign(&req.method, hv, bucket, key, query, date_line);
    if !ct_eq(&v1_signature(&secret, &sts), signature) {
        let mut e = VerifyError::new(403, "SignatureDoesNotMatch", MSG_MISMATCH)
            .ak(ak)
            .ec("0002-00000040")
            .extra("SignatureProvided", signature)
            .hint(hint_mismatch("", SignatureVersion::V1));
        e.string_to_sign = Some(sts);
        return Err(e);
    }
    // alibabacloud-oss-v2 1.4.1's V1 signer sends the token as `security-token` (unsigned).
    let token = hv
        .get("x-oss-security-token")
        .or_else(|| hv.get("security-token"))
        .cloned();
    Ok((
        Authentication::Signed {
            access_key_id: ak.to_string(),
            version: SignatureVersion::V1,
            security_token: token,
        },
        SigningDetails {
            string_to_sign: sts,
            canonical_request: None,
        },
    ))
}

#[allow(clippy::too_many_arguments)]
fn verify_v4_query(
    req: &IncomingRequest,
    hv: &BTreeMap<String, String>,
    query: &[(String, String)],
    bucket: Option<&str>,
    key: Option<&str>,
    region: &str,
    now: Timestamp,
    lookup_secret: &dyn Fn(&str) -> Option<Secret>,
) -> Result<Verified, VerifyError> {
    let need = |name: &str| {
        first(query, name).filter(|v| !v.is_empty()).ok_or_else(|| {
            VerifyError::malformed(format!("the presigned URL lacks the {name} parameter"))
        })
    };
    let credential = need("x-oss-credential")?;
    let cred = parse_credential(credential, true)?;
    let xdate = need("x-oss-date")?;
    let expires_raw = need("x-oss-expires")?;
    let signature = need("x-oss-signature")?;
    let secret = lookup(lookup_secret, cred.ak)?;
    let expires: u64 = match expires_raw.parse() {
        Ok(n) if (1..=MAX_V4_PRESIGN_EXPIRES).contains(&n) => n,
        _ => {
            return Err(VerifyError::malformed(format!(
                "x-oss-expires must be 1 to {MAX_V4_PRESIGN_EXPIRES} seconds, not {expires_raw:?}"
            ))
            .ak(cred.ak)
            .ec("0002-00000232"));
        }
    };
    let Some(ts) = parse_iso8601_basic(xdate) else {
        return Err(VerifyError::new(
            403,
            "AccessDenied",
            format!("Invalid x-oss-date {xdate:?}: expected YYYYMMDDTHHMMSSZ."),
        )
        .ak(cred.ak)
        .ec("0002-00000223"));
    };
    let deadline = ts.as_second().saturating_add_unsigned(expires);
    if now.as_second() > deadline {
        return Err(VerifyError::new(403, "AccessDenied", MSG_EXPIRED)
            .ak(cred.ak)
            .extra("Expires", Timestamp::from_second(deadline).map(|t| t.to_string()).unwrap_or_default())
            .extra("ServerTime", now.to_string())
            .hint("presigned URLs are valid for x-oss-expires seconds after x-oss-date; make a new one"));
    }
    if ts.as_second() > now.as_second().saturating_add(MAX_SKEW_SECONDS) {
        return Err(skew_error(ts, now).ak(cred.ak));
    }
    check_scope(&cred, xdate, region, true)?;
    let additional = normalize_additional(
        first(query, "x-oss-additional-headers")
            .unwrap_or_default()
            .split(';'),
    );
    let cr = v4_canonical_request(&req.method, hv, bucket, key, query, &additional, true);
    let scope = format!(
        "{}/{}/{}/{V4_TERMINATOR}",
        cred.date8, cred.region, cred.product
    );
    let sts = v4_string_to_sign(xdate, &scope, &cr);
    let calc = v4_signature(&secret, cred.date8, cred.region, cred.product, &sts);
    if !ct_eq(&calc, &signature.to_ascii_lowercase()) {
        let mut e = VerifyError::new(403, "SignatureDoesNotMatch", MSG_MISMATCH)
            .ak(cred.ak)
            .extra("SignatureProvided", signature)
            .hint(hint_mismatch(region, SignatureVersion::V4));
        e.string_to_sign = Some(sts);
        e.canonical_request = Some(cr);
        return Err(e);
    }
    Ok((
        Authentication::Signed {
            access_key_id: cred.ak.to_string(),
            version: SignatureVersion::V4,
            security_token: first(query, "x-oss-security-token").map(str::to_string),
        },
        SigningDetails {
            string_to_sign: sts,
            canonical_request: Some(cr),
        },
    ))
}

fn verify_v1_query(
    req: &IncomingRequest,
    hv: &BTreeMap<String, String>,
    query: &[(String, String)],
    bucket: Option<&str>,
    key: Option<&str>,
    now: Timestamp,
    lookup_secret: &dyn Fn(&str) -> Option<Secret>,
) -> Result<Verified, VerifyError> {
    let ak = first(query, "OSSAccessKeyId").unwrap_or_default();
    let signature = first(query, "Signature").unwrap_or_default();
    if ak.is_empty() || signature.is_empty() {
        return Err(VerifyError::new(
            403,
            "AccessDenied",
            "A presigned URL needs OSSAccessKeyId, Expires and Signature.",
        ));
    }
    let secret = lookup(lookup_secret, ak)?;
    let expires_raw = first(query, "Expires").unwrap_or_default();
    let expires: i64 = match expires_raw.parse() {
        Ok(n) if expires_raw.bytes().all(|b| b.is_ascii_digit()) => n,
        _ => {
            return Err(VerifyError::new(
                403,
                "AccessDenied",
                format!("Invalid Expires {expires_raw:?}: expected Unix seconds."),
            )
            .ak(ak));
        }
    };
    if now.as_second() > expires {
        return Err(VerifyError::new(403, "AccessDenied", MSG_EXPIRED)
            .ak(ak)
            .extra(
                "Expires",
                Timestamp::from_second(expires)
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            )
            .extra("ServerTime", now.to_string())
            .hint("the URL's Expires time has passed; make a new presigned URL"));
    }
    let sts = v1_string_to_sign(&req.method, hv, bucket, key, query, expires_raw);
    if !ct_eq(&v1_signature(&secret, &sts), signature) {
        let mut e = VerifyError::new(403, "SignatureDoesNotMatch", MSG_MISMATCH)
            .ak(ak)
            .extra("SignatureProvided", signature)
            .hint(hint_mismatch("", SignatureVersion::V1));
        e.string_to_sign = Some(sts);
        return Err(e);
    }
    Ok((
        Authentication::Signed {
            access_key_id: ak.to_string(),
            version: SignatureVersion::V1,
            security_token: first(query, "security-token").map(str::to_string),
        },
        SigningDetails {
            string_to_sign: sts,
            canonical_request: None,
        },
    ))
}

/// Checks a received body against its `Content-MD5` header (base64 of the MD5) and, when
/// `x-oss-content-sha256` holds a hex digest rather than `UNSIGNED-PAYLOAD`, against that.
/// A mismatch is 400 `InvalidDigest` (OSS's code for Content-MD5; for the SHA-256 header the
/// code is UNCONFIRMED). Absent headers are not an error.
pub fn check_body_digests(headers: &[(String, String)], body: &[u8]) -> Result<(), VerifyError> {
    let hv = header_view(headers);
    if let Some(md5) = hv.get("content-md5")
        && *md5 != super::request::content_md5(body)
    {
        return Err(VerifyError::new(
            400,
            "InvalidDigest",
            "The Content-MD5 you specified did not match what we received.",
        )
        .extra("ContentMD5", md5.clone())
        .hint("Content-MD5 must be the base64 of the MD5 of the exact body bytes sent"));
    }
    if let Some(sha) = hv
        .get("x-oss-content-sha256")
        .filter(|v| *v != UNSIGNED_PAYLOAD)
        && !sha.eq_ignore_ascii_case(&hex::encode(Sha256::digest(body)))
    {
        return Err(VerifyError::new(
            400,
            "InvalidDigest",
            "The x-oss-content-sha256 you specified did not match what we received.",
        )
        .hint(
            "x-oss-content-sha256 must be UNSIGNED-PAYLOAD or the hex SHA-256 of the exact body",
        ));
    }
    Ok(())
}

#[cfg(test)]
#[path = "sign_tests.rs"]
mod tests;
