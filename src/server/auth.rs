//! Who is calling: signature verification (delegated to `oss::sign`, the one signer), the
//! STS token policy, and the bucket ACL decision for anonymous requests.

use hyper::HeaderMap;

use super::ServeConfig;
use super::respond::ApiError;
use super::route::Operation;
use super::store::Acl;
use crate::oss::sign::{self, Authentication, VerifyError};

/// The caller of a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// No signature at all.
    Anonymous,
    /// A valid signature made with the configured credentials.
    Owner,
}

/// Verifies the request's signature, if it carries one. `Ok(Anonymous)` for unsigned requests.
#[allow(clippy::too_many_arguments)]
pub fn authenticate(
    config: &ServeConfig,
    method: &str,
    headers: &HeaderMap,
    raw_path: &str,
    raw_query: &str,
    bucket: Option<&str>,
    key: Option<&str>,
    now: jiff::Timestamp,
) -> Result<Caller, ApiError> {
    let incoming = sign::ReceivedRequest {
        method: method.to_string(),
        raw_path: raw_path.to_string(),
        raw_query: raw_query.to_string(),
        headers: headers
            .iter()
            .filter_map(|(n, v)| {
                v.to_str()
                    .ok()
                    .map(|v| (n.as_str().to_string(), v.trim().to_string()))
            })
            .collect(),
    };
    let lookup =
        |akid: &str| (akid == config.access_key_id).then(|| config.access_key_secret.clone());
    let verifier = sign::Verifier::new(&config.region, now, &lookup);
    match sign::verify(&incoming, bucket, key, &verifier) {
        Ok(Authentication::Anonymous) => Ok(Caller::Anonymous),
        Ok(Authentication::Signed { security_token, .. }) => {
            check_token(config, security_token.as_deref())?;
            Ok(Caller::Owner)
        }
        Err(e) => Err(verify_error(&e)),
    }
}

/// STS policy: with `--sts-token` given, a token must be one of them; without, any token is
/// accepted (it was signed over, so it came with the configured key pair).
fn check_token(config: &ServeConfig, token: Option<&str>) -> Result<(), ApiError> {
    let Some(token) = token else { return Ok(()) };
    if config.sts_tokens.is_empty() || config.sts_tokens.iter().any(|t| t.expose() == token) {
        Ok(())
    } else {
        Err(ApiError::new(
            403,
            "InvalidSecurityToken",
            "The security token you provided is invalid (not one of the tokens given to \
             ossctl serve with --sts-token).",
        ))
    }
}

/// Maps the verifier's error to the response error (its `<Error>` children included: the
/// StringToSign / CanonicalRequest the server computed, for the client to compare). The
/// message is OSS's own: SDK users read it, so ossctl's client-side hints stay out of it.
fn verify_error(e: &VerifyError) -> ApiError {
    let body = e.to_error_body("", "");
    ApiError {
        status: e.status,
        code: body.code,
        message: body.message,
        ec: body.ec,
        extra: body.extra,
    }
}

/// Whether an anonymous caller may run `op` on a bucket with `acl`.
pub fn anonymous_allowed(op: Operation, acl: Acl) -> bool {
    match acl {
        Acl::Private => false,
        Acl::PublicRead => op.is_object_read(),
        Acl::PublicReadWrite => op.is_object_read() || op.is_object_write(),
    }
}

/// 403 AccessDenied for an anonymous request the ACL does not allow.
pub fn anonymous_denied(op: Operation, acl: Acl) -> ApiError {
    let what = if op.is_object_read() || op.is_object_write() {
        format!(
            "You have no right to access this object because of bucket acl \
             (the bucket is {}; sign the request or change the ACL).",
            acl.as_str()
        )
    } else {
        format!(
            "{} requires a signed request from the bucket owner; anonymous access is never \
             allowed for it.",
            op.name()
        )
    };
    ApiError::new(403, "AccessDenied", what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acl_matrix() {
        use Operation::*;
        for op in [GetObject, HeadObject, ListObjects] {
            assert!(!anonymous_allowed(op, Acl::Private));
            assert!(anonymous_allowed(op, Acl::PublicRead));
            assert!(anonymous_allowed(op, Acl::PublicReadWrite));
        }
        for op in [PutObject, DeleteObject] {
            assert!(!anonymous_allowed(op, Acl::PublicRead));
            assert!(anonymous_allowed(op, Acl::PublicReadWrite));
        }
        for op in [
            PutBucketCors,
            GetBucketCors,
            DeleteBucket,
            PutBucketAcl,
            GetBucketInfo,
        ] {
            assert!(!anonymous_allowed(op, Acl::PublicReadWrite));
        }
    }
}
