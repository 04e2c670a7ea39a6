//! Server-side verification: a request's signature, parsed into one form
//! (`presented.rs`), verified once (one secret lookup, one time check, one scope check,
//! one signature comparison), and the error OSS would send when it fails.

use std::fmt;

use jiff::Timestamp;
use sha2::{Digest as _, Sha256};
use subtle::ConstantTimeEq as _;

use super::presented::{Form, Presented, Window, first};
use super::{
    MAX_SKEW_SECONDS, Signable, SigningDetails, UNSIGNED_PAYLOAD, header_view, normalize_region,
    v1, v4,
};
use crate::oss::encode::parse_query;
use crate::oss::error::ErrorBody;
use crate::oss::{Secret, SignatureVersion};

/// A request as it arrived at a server.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReceivedRequest {
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

/// Why a request was refused, as data: the OSS code and message say it to an SDK; a CLI can
/// turn the reason into advice (`app::hints`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rejection {
    /// The `Authorization` header names no OSS scheme (an AWS signature, `Basic`, ...).
    ForeignScheme,
    /// The `Authorization` header or presigned query is malformed or lacks a part.
    Malformed,
    /// The V4 credential is not `<AccessKeyId>/<YYYYMMDD>/<region>/oss/aliyun_v4_request`.
    BadCredential,
    /// The AccessKeyId is unknown.
    UnknownAccessKey,
    /// A header signature without a `Date` / `x-oss-date`.
    MissingDate,
    /// A request time that cannot be read.
    BadDate,
    /// A presigned URL's `Expires` / `x-oss-expires` that cannot be read or is out of range.
    BadExpires,
    /// The request time is more than [`MAX_SKEW_SECONDS`] from the server's clock.
    TimeTooSkewed,
    /// The presigned URL has expired.
    Expired,
    /// The V4 scope names a product other than `oss`.
    WrongProduct,
    /// The V4 scope's date is not the date of `x-oss-date`.
    ScopeDateMismatch,
    /// The V4 scope names another region. `signed` may be this endpoint's region with an
    /// `oss-` prefix (an endpoint label, not a region id).
    WrongRegion {
        /// The region the request was signed for.
        signed: String,
        /// The region this endpoint expects.
        expected: String,
    },
    /// The signature differs from the one the server computed.
    SignatureMismatch(SignatureVersion),
    /// The body does not match its `Content-MD5` or `x-oss-content-sha256`.
    DigestMismatch,
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
    /// Why, as data.
    pub reason: Rejection,
    /// OSS's EC diagnostic code, where known.
    pub ec: Option<String>,
    /// The string to sign the server computed (for `SignatureDoesNotMatch`).
    pub string_to_sign: Option<String>,
    /// V4: the canonical request the server computed.
    pub canonical_request: Option<String>,
    /// The AccessKeyId the request presented.
    pub access_key_id: Option<String>,
    /// Other `<Error>` children (e.g. `SignatureProvided`, `RequestTime`, `ServerTime`).
    pub extra: Vec<(String, String)>,
}

impl VerifyError {
    fn new(status: u16, code: &str, reason: Rejection, message: impl Into<String>) -> Self {
        VerifyError {
            status,
            code: code.to_string(),
            message: message.into(),
            reason,
            ec: None,
            string_to_sign: None,
            canonical_request: None,
            access_key_id: None,
            extra: Vec::new(),
        }
    }

    /// 400 `InvalidArgument`.
    pub(super) fn malformed(reason: Rejection, message: impl Into<String>) -> Self {
        VerifyError::new(400, "InvalidArgument", reason, message)
    }

    /// 403 `AccessDenied`.
    pub(super) fn denied(reason: Rejection, message: impl Into<String>) -> Self {
        VerifyError::new(403, "AccessDenied", reason, message)
    }

    pub(super) fn ec(mut self, ec: &str) -> Self {
        self.ec = Some(ec.to_string());
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

    /// The `<Error>` body OSS would send: Code, Message, RequestId, HostId, then
    /// `OSSAccessKeyId`, `SignatureProvided`, `StringToSign`, `StringToSignBytes`,
    /// `CanonicalRequest` and other extras when present, and EC.
    pub fn to_error_body(&self, request_id: &str, host_id: &str) -> ErrorBody {
        let mut body = ErrorBody::new(&self.code, &self.message, request_id, host_id);
        body.ec = self.ec.clone();
        if let Some(ak) = &self.access_key_id {
            body.extra.push(("OSSAccessKeyId".to_string(), ak.clone()));
        }
        body.extra.extend(self.extra.iter().cloned());
        if let Some(sts) = &self.string_to_sign {
            body.extra.push(("StringToSign".to_string(), sts.clone()));
            let bytes: Vec<String> = sts.bytes().map(|b| format!("{b:02x}")).collect();
            body.extra
                .push(("StringToSignBytes".to_string(), bytes.join(" ")));
        }
        if let Some(cr) = &self.canonical_request {
            body.extra
                .push(("CanonicalRequest".to_string(), cr.clone()));
        }
        body
    }
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}: {}", self.status, self.code, self.message)
    }
}

impl std::error::Error for VerifyError {}

const MSG_MISMATCH: &str = "The request signature we calculated does not match the signature you provided. Check your key and signing method.";
const MSG_SKEWED: &str =
    "The difference between the request time and the current time is too large.";
const MSG_EXPIRED: &str = "Request has expired.";

/// Checks the request time (header signatures) or expiry (presigned URLs) against `now`.
fn check_window(window: Window, now: Timestamp) -> Result<(), VerifyError> {
    let skewed = |request_time: Timestamp| {
        VerifyError::new(
            403,
            "RequestTimeTooSkewed",
            Rejection::TimeTooSkewed,
            MSG_SKEWED,
        )
        .extra("RequestTime", request_time.to_string())
        .extra("ServerTime", now.to_string())
        .extra(
            "MaxAllowedSkewMilliseconds",
            (MAX_SKEW_SECONDS * 1000).to_string(),
        )
    };
    match window {
        Window::Around(ts) => {
            let diff = now.as_second().saturating_sub(ts.as_second());
            if diff.unsigned_abs() > MAX_SKEW_SECONDS.unsigned_abs() {
                return Err(skewed(ts));
            }
        }
        Window::Until { issued, deadline } => {
            if now.as_second() > deadline {
                let expires = Timestamp::from_second(deadline)
                    .map(|t| t.to_string())
                    .unwrap_or_default();
                return Err(VerifyError::denied(Rejection::Expired, MSG_EXPIRED)
                    .extra("Expires", expires)
                    .extra("ServerTime", now.to_string()));
            }
            if let Some(ts) = issued
                && ts.as_second() > now.as_second().saturating_add(MAX_SKEW_SECONDS)
            {
                return Err(skewed(ts));
            }
        }
    }
    Ok(())
}

/// Checks a V4 scope against `x-oss-date` and this endpoint's region.
fn check_scope(
    v4: &v4::V4Parts<'_>,
    server_region: &str,
    in_query: bool,
) -> Result<(), VerifyError> {
    let scope = v4.scope;
    if scope.product != v4::PRODUCT {
        return Err(VerifyError::malformed(
            Rejection::WrongProduct,
            format!(
                "the credential scope names product {:?}; this endpoint is \"oss\"",
                scope.product
            ),
        ));
    }
    if Some(scope.date8) != v4.xdate.get(..8) {
        return Err(VerifyError::new(
            403,
            "SignatureDoesNotMatch",
            Rejection::ScopeDateMismatch,
            format!(
                "The date in the credential scope ({}) is not the date of x-oss-date ({}).",
                scope.date8, v4.xdate
            ),
        )
        .ec("0002-00000212"));
    }
    if scope.region != server_region {
        return Err(VerifyError::new(
            403,
            "SignatureDoesNotMatch",
            Rejection::WrongRegion {
                signed: scope.region.to_string(),
                expected: server_region.to_string(),
            },
            format!(
                "Invalid signing region in the credential scope: the request was signed for region '{}', \
                 this endpoint expects '{server_region}'.",
                scope.region
            ),
        )
        .ec(if in_query { "0002-00000226" } else { "0002-00000228" }));
    }
    Ok(())
}

/// What a server verifies requests against: its region, its clock and its keys.
#[derive(Clone, Copy)]
pub struct Verifier<'a> {
    /// The region V4 scopes must name (an `oss-` prefix is removed).
    pub region: &'a str,
    /// The server's clock.
    pub now: Timestamp,
    /// The secret of an AccessKeyId, or `None` for an unknown one.
    pub lookup_secret: &'a dyn Fn(&str) -> Option<Secret>,
}

impl fmt::Debug for Verifier<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("region", &self.region)
            .field("now", &self.now)
            .finish_non_exhaustive()
    }
}

impl<'a> Verifier<'a> {
    /// A verifier for `region` at `now`, with the keys `lookup_secret` knows.
    pub fn new(
        region: &'a str,
        now: Timestamp,
        lookup_secret: &'a dyn Fn(&str) -> Option<Secret>,
    ) -> Self {
        Verifier {
            region,
            now,
            lookup_secret,
        }
    }
}

/// Verifies an incoming request from exactly what arrived.
///
/// `bucket` and `key` are where the request is addressed (the key percent-decoded, `+` kept;
/// see [`crate::oss::endpoint::target_from_wire`]); they are part of what is signed even for
/// virtual-host requests.
///
/// Accepts V4 and V1 in the `Authorization` header (any SDK's layout) and as presigned URLs;
/// a request without any signature is [`Authentication::Anonymous`]. Header auth must be
/// within 15 minutes of `verifier.now`; presigned URLs must not have expired.
pub fn verify(
    req: &ReceivedRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    verifier: &Verifier<'_>,
) -> Result<Authentication, VerifyError> {
    verify_with_details(req, bucket, key, verifier).map(|(auth, _)| auth)
}

/// What [`verify_with_details`] returns: who signed, and what the server signed over.
pub type Verified = (Authentication, SigningDetails);

/// [`verify`], also returning the string to sign (and V4 canonical request) the server
/// recomputed, for logs and tests. Anonymous requests give empty details.
pub fn verify_with_details(
    req: &ReceivedRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    verifier: &Verifier<'_>,
) -> Result<Verified, VerifyError> {
    let Verifier {
        region,
        now,
        lookup_secret,
    } = *verifier;
    let input = Signable {
        method: &req.method,
        headers: header_view(&req.headers),
        query: parse_query(&req.raw_query),
        bucket,
        key,
    };
    let Some(presented) = Presented::parse(&input)? else {
        let nothing = SigningDetails {
            string_to_sign: String::new(),
            canonical_request: None,
        };
        return Ok((Authentication::Anonymous, nothing));
    };
    let ak = presented.ak;
    let secret = lookup_secret(ak).ok_or_else(|| {
        VerifyError::new(
            403,
            "InvalidAccessKeyId",
            Rejection::UnknownAccessKey,
            "The OSS Access Key Id you provided does not exist in our records.",
        )
        .ak(ak)
    })?;
    let checked = presented
        .window()
        .and_then(|window| check_window(window, now))
        .and_then(|()| match presented.v4() {
            Some(v4) => check_scope(v4, normalize_region(region), presented.in_query()),
            None => Ok(()),
        });
    checked.map_err(|e| e.ak(ak))?;

    let ((computed, details), provided) = match presented.v4() {
        Some(v4) => (
            v4.sign(&input, presented.in_query(), &secret),
            presented.signature.to_ascii_lowercase(),
        ),
        None => (
            v1::sign(&input, presented.v1_date_line(), &secret),
            presented.signature.to_string(),
        ),
    };
    let version = presented.version();
    if !bool::from(computed.as_bytes().ct_eq(provided.as_bytes())) {
        let mut e = VerifyError::new(
            403,
            "SignatureDoesNotMatch",
            Rejection::SignatureMismatch(version),
            MSG_MISMATCH,
        )
        .ak(ak)
        .extra("SignatureProvided", presented.signature);
        e.ec = match presented.form {
            Form::V4Header(_) => Some("0002-00000201".to_string()),
            Form::V1Header { .. } => Some("0002-00000040".to_string()),
            Form::V1Query { .. } | Form::V4Query { .. } => None,
        };
        e.string_to_sign = Some(details.string_to_sign);
        e.canonical_request = details.canonical_request;
        return Err(e);
    }
    // alibabacloud-oss-v2 1.4.1's V1 signer sends the token as `security-token` (unsigned).
    let security_token = match presented.form {
        Form::V4Header(_) => input.headers.get("x-oss-security-token").cloned(),
        Form::V1Header { .. } => input
            .headers
            .get("x-oss-security-token")
            .or_else(|| input.headers.get("security-token"))
            .cloned(),
        Form::V4Query { .. } => first(&input.query, "x-oss-security-token").map(str::to_string),
        Form::V1Query { .. } => first(&input.query, "security-token").map(str::to_string),
    };
    let auth = Authentication::Signed {
        access_key_id: ak.to_string(),
        version,
        security_token,
    };
    Ok((auth, details))
}

/// Checks a received body against its `Content-MD5` header (base64 of the MD5) and, when
/// `x-oss-content-sha256` holds a hex digest rather than `UNSIGNED-PAYLOAD`, against that.
/// A mismatch is 400 `InvalidDigest` (OSS's code for Content-MD5; for the SHA-256 header the
/// code is UNCONFIRMED). Absent headers are not an error.
pub fn check_body_digests(headers: &[(String, String)], body: &[u8]) -> Result<(), VerifyError> {
    let hv = header_view(headers);
    let invalid =
        |message: &str| VerifyError::new(400, "InvalidDigest", Rejection::DigestMismatch, message);
    if let Some(md5) = hv.get("content-md5")
        && *md5 != crate::oss::request::content_md5(body)
    {
        return Err(
            invalid("The Content-MD5 you specified did not match what we received.")
                .extra("ContentMD5", md5.clone()),
        );
    }
    if let Some(sha) = hv
        .get("x-oss-content-sha256")
        .filter(|v| *v != UNSIGNED_PAYLOAD)
        && !sha.eq_ignore_ascii_case(&hex::encode(Sha256::digest(body)))
    {
        return Err(invalid(
            "The x-oss-content-sha256 you specified did not match what we received.",
        ));
    }
    Ok(())
}
