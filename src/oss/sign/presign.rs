//! Presigned URLs: the signature travels in the query, so a browser or `curl` can use the URL
//! without credentials until it expires.

use super::{
    MAX_V4_PRESIGN_EXPIRES, SignOptions, Signable, Signer, SigningDetails, V4_ALGORITHM,
    client_header_view, iso8601_basic, prepare, security_token, v1, v4,
};
use crate::oss::SignatureVersion;
use crate::oss::encode::uri_encode;
use crate::oss::request::HttpRequest;

/// Why a URL could not be presigned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PresignError {
    /// V4 allows 1 to 604800 seconds; V1 at least 1.
    #[error(
        "presigned URL lifetime of {0} s is out of range: V4 allows 1 to 604800 seconds (7 days)"
    )]
    ExpiresOutOfRange(u64),
}

/// Appends `pairs` to the URL's query, each name and value strictly encoded.
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
pub fn presign(
    req: &mut HttpRequest,
    bucket: Option<&str>,
    key: Option<&str>,
    signer: &Signer<'_>,
    expires_in: u64,
    opts: &SignOptions,
) -> Result<SigningDetails, PresignError> {
    let (creds, version, now) = (signer.credentials, signer.version, signer.now);
    if expires_in == 0 || (version == SignatureVersion::V4 && expires_in > MAX_V4_PRESIGN_EXPIRES) {
        return Err(PresignError::ExpiresOutOfRange(expires_in));
    }
    prepare(req);
    let token = security_token(creds);
    let secret = &creds.access_key_secret;
    let (signature_param, signature, details) = match version {
        SignatureVersion::V1 => {
            let expires = (now.as_second().saturating_add_unsigned(expires_in)).to_string();
            let mut params: Vec<(&str, &str)> = vec![
                ("OSSAccessKeyId", &creds.access_key_id),
                ("Expires", &expires),
            ];
            params.extend(token.map(|t| ("security-token", t)));
            append_query(req, &params);
            let input = Signable::outgoing(req, bucket, key, version);
            let (sig, details) = v1::sign(&input, &expires, secret);
            ("Signature", sig, details)
        }
        SignatureVersion::V4 => {
            let xdate = iso8601_basic(now);
            let v4 = v4::V4Parts {
                scope: v4::Scope::new(&xdate, signer.region),
                xdate: &xdate,
                additional: v4::client_additional(
                    &opts.additional_headers,
                    &client_header_view(req),
                ),
            };
            let credential = format!("{}/{}", creds.access_key_id, v4.scope.to_scope_string());
            let expires = expires_in.to_string();
            let additional_joined = v4.additional.join(";");
            let mut params: Vec<(&str, &str)> = vec![
                ("x-oss-signature-version", V4_ALGORITHM),
                ("x-oss-date", &xdate),
                ("x-oss-expires", &expires),
                ("x-oss-credential", &credential),
            ];
            params.extend(token.map(|t| ("x-oss-security-token", t)));
            if !v4.additional.is_empty() {
                params.push(("x-oss-additional-headers", &additional_joined));
            }
            append_query(req, &params);
            let input = Signable::outgoing(req, bucket, key, version);
            let (sig, details) = v4.sign(&input, true, secret);
            ("x-oss-signature", sig, details)
        }
    };
    append_query(req, &[(signature_param, &signature)]);
    Ok(details)
}
