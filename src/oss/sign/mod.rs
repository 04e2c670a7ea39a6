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
//! One file per job:
//! - this file: what is signed (`Signable`) and header signing ([`sign`], [`sign_with`]);
//! - `v1` and `v4`: each version's string to sign and signature (V4: canonical request,
//!   scope and key chain), shared by signing, presigning and verification;
//! - `presign`: presigned URLs;
//! - `presented`: what an incoming request presents (an `Authorization` header or a presigned
//!   query, V1 or V4) parsed into one form;
//! - `verify`: that form verified once (secret, time, scope, signature) against a
//!   [`Verifier`], the typed [`Rejection`] and OSS's error body for it;
//! - `date`: the HTTP and ISO 8601 basic time formats.
//!
//! The clock is a parameter (`Signer::now`, `Verifier::now`). Person-facing advice about a
//! failure (which flag to try) is not made here: `serve` sends these errors to SDKs, and
//! `app::hints` writes the CLI's hints.

// `VerifyError` carries everything OSS puts in its `<Error>` body (string to sign, canonical
// request): it is big on purpose, and only built on the failure path.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::encode::parse_query;
use super::request::HttpRequest;
use super::{Credentials, SignatureVersion};

mod date;
mod presented;
pub mod presign;
pub mod v1;
pub mod v4;
pub mod verify;

pub use date::{http_date, iso8601_basic, parse_http_date, parse_iso8601_basic};
pub use presign::{PresignError, presign};
pub use v1::is_v1_subresource;
pub use v4::{normalize_region, v4_signing_key};
pub use verify::{
    Authentication, ReceivedRequest, Rejection, Verified, Verifier, VerifyError,
    check_body_digests, verify, verify_with_details,
};

/// Largest accepted difference between the request time and the server's clock.
pub const MAX_SKEW_SECONDS: i64 = 15 * 60;
/// Largest `x-oss-expires` of a V4 presigned URL (7 days).
pub const MAX_V4_PRESIGN_EXPIRES: u64 = 604_800;
/// The V4 algorithm name.
pub const V4_ALGORITHM: &str = "OSS4-HMAC-SHA256";
/// The payload hash the SDKs send (and that is used when the header is absent).
pub const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";

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

/// What both versions sign, as the signer and the verifier see it: the method, the headers
/// (see [`header_view`]), the decoded query and where the request is addressed.
#[derive(Debug, Clone)]
pub(super) struct Signable<'a> {
    method: &'a str,
    headers: BTreeMap<String, String>,
    query: Vec<(String, String)>,
    bucket: Option<&'a str>,
    key: Option<&'a str>,
}

impl<'a> Signable<'a> {
    /// What the client signs for `req`: V4 also signs the `host` the transport will send.
    fn outgoing(
        req: &'a HttpRequest,
        bucket: Option<&'a str>,
        key: Option<&'a str>,
        version: SignatureVersion,
    ) -> Self {
        let headers = match version {
            SignatureVersion::V1 => header_view(&req.headers),
            SignatureVersion::V4 => client_header_view(req),
        };
        Signable {
            method: &req.method,
            headers,
            query: parse_query(req.split_url().1),
            bucket,
            key,
        }
    }

    /// A header value as signed (`""` when absent).
    fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// The date line of a V1 header signature: `x-oss-date` if sent, else `Date`.
    fn v1_date_line(&self) -> &str {
        self.headers
            .get("x-oss-date")
            .or_else(|| self.headers.get("date"))
            .map(String::as_str)
            .unwrap_or_default()
    }

    /// `/bucket/key` (`/bucket/` for the bucket itself, `/` for the service).
    fn resource_path(&self) -> String {
        match self.bucket {
            Some(b) => format!("/{b}/{}", self.key.unwrap_or_default()),
            None => "/".to_string(),
        }
    }
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

/// Drops a previous `Authorization` and trims header values, so that what is sent is what is
/// signed.
fn prepare(req: &mut HttpRequest) {
    req.remove_header("authorization");
    for (_, v) in &mut req.headers {
        let t = v.trim();
        if t.len() != v.len() {
            *v = t.to_string();
        }
    }
}

/// The STS token of `creds`, if it has a non-empty one.
fn security_token(creds: &Credentials) -> Option<&str> {
    creds
        .security_token
        .as_ref()
        .map(|t| t.expose())
        .filter(|t| !t.is_empty())
}

/// Who signs and when: everything a signature depends on besides the request itself.
#[derive(Debug, Clone, Copy)]
pub struct Signer<'a> {
    /// The key pair (and STS token) that signs.
    pub credentials: &'a Credentials,
    /// V1 or V4.
    pub version: SignatureVersion,
    /// The bare region id of the V4 scope (an `oss-` prefix is removed; V1 ignores it).
    pub region: &'a str,
    /// The signing time.
    pub now: Timestamp,
}

impl<'a> Signer<'a> {
    /// A signer for `credentials`, `version`, `region`, at `now`.
    pub fn new(
        credentials: &'a Credentials,
        version: SignatureVersion,
        region: &'a str,
        now: Timestamp,
    ) -> Self {
        Signer {
            credentials,
            version,
            region,
            now,
        }
    }
}

/// Signs `req` in place for `bucket` / `key` (decoded key, as in the URL) and returns what was
/// signed.
///
/// Adds `Date`; for V4 also `x-oss-date` and `x-oss-content-sha256: UNSIGNED-PAYLOAD` (kept if
/// the caller set a payload hash); `x-oss-security-token` for STS credentials; and
/// `Authorization`. Header values are trimmed, so that what is sent is what is signed.
pub fn sign(
    req: &mut HttpRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    signer: &Signer<'_>,
) -> SigningDetails {
    sign_with(req, bucket, key, signer, &SignOptions::default())
}

/// [`sign`] with [`SignOptions`] (V4 additional headers).
pub fn sign_with(
    req: &mut HttpRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    signer: &Signer<'_>,
    opts: &SignOptions,
) -> SigningDetails {
    let (creds, version, now) = (signer.credentials, signer.version, signer.now);
    prepare(req);
    match security_token(creds) {
        Some(t) => req.set_header("x-oss-security-token", t),
        None => req.remove_header("x-oss-security-token"),
    }
    req.set_header("Date", http_date(now));
    let secret = &creds.access_key_secret;
    let authorization;
    let details;
    match version {
        SignatureVersion::V1 => {
            let input = Signable::outgoing(req, bucket, key, version);
            let (sig, signed) = v1::sign(&input, input.v1_date_line(), secret);
            authorization = format!("OSS {}:{sig}", creds.access_key_id);
            details = signed;
        }
        SignatureVersion::V4 => {
            let xdate = iso8601_basic(now);
            req.set_header("x-oss-date", xdate.clone());
            if req.header("x-oss-content-sha256").is_none_or(str::is_empty) {
                req.set_header("x-oss-content-sha256", UNSIGNED_PAYLOAD);
            }
            let input = Signable::outgoing(req, bucket, key, version);
            let v4 = v4::V4Parts {
                scope: v4::Scope::new(&xdate, signer.region),
                xdate: &xdate,
                additional: v4::client_additional(&opts.additional_headers, &input.headers),
            };
            let (sig, signed) = v4.sign(&input, false, secret);
            let extra = if v4.additional.is_empty() {
                String::new()
            } else {
                format!("AdditionalHeaders={},", v4.additional.join(";"))
            };
            authorization = format!(
                "{V4_ALGORITHM} Credential={}/{},{extra}Signature={sig}",
                creds.access_key_id,
                v4.scope.to_scope_string()
            );
            details = signed;
        }
    }
    req.set_header("Authorization", authorization);
    details
}

#[cfg(test)]
mod tests;
