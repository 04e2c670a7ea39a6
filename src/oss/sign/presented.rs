//! What an incoming request presents as its signature, parsed into one form: V1 or V4, in the
//! `Authorization` header (any SDK's layout) or in a presigned URL's query. Only the syntax
//! is checked here; [`super::verify`] checks the rest once for all four forms.

use super::Signable;
use super::v4::{self, Scope, V4Parts};
use super::verify::{Rejection, VerifyError};
use super::{V4_ALGORITHM, parse_http_date, parse_iso8601_basic};
use crate::oss::SignatureVersion;

/// A signature as presented: who claims to sign, the signature, and the form it came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Presented<'a> {
    /// The AccessKeyId.
    pub ak: &'a str,
    /// The signature, as sent.
    pub signature: &'a str,
    /// Version and place, with what each needs.
    pub form: Form<'a>,
}

/// The four places a signature can come in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Form<'a> {
    /// `Authorization: OSS <AccessKeyId>:<Signature>`; `date` is the `x-oss-date` or `Date`
    /// header (the date line of the string to sign; may be empty).
    V1Header { date: &'a str },
    /// `?OSSAccessKeyId=…&Expires=…&Signature=…`; `expires` is absolute Unix seconds, as sent.
    V1Query { expires: &'a str },
    /// `Authorization: OSS4-HMAC-SHA256 Credential=…,AdditionalHeaders=…,Signature=…`.
    V4Header(V4Parts<'a>),
    /// `?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=…&x-oss-expires=…`;
    /// `expires` is relative seconds, as sent.
    V4Query { v4: V4Parts<'a>, expires: &'a str },
}

/// When a signature is valid, read from the request: checked in one place against the clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Window {
    /// Header signatures: the request time must be within the skew window of `now`.
    Around(jiff::Timestamp),
    /// Presigned URLs: valid until `deadline` (Unix seconds); V4 also names when it was
    /// made (`issued`), which must not lie in the future beyond the skew window.
    Until {
        issued: Option<jiff::Timestamp>,
        deadline: i64,
    },
}

pub(super) fn first<'a>(query: &'a [(String, String)], name: &str) -> Option<&'a str> {
    query
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

impl<'a> Presented<'a> {
    /// The signature a request carries, or `None` when it carries none (anonymous).
    pub fn parse(input: &'a Signable<'_>) -> Result<Option<Self>, VerifyError> {
        let query = &input.query;
        let auth = input.header("authorization");
        if auth.starts_with(V4_ALGORITHM) {
            return v4_header(auth, input.header("x-oss-date")).map(Some);
        }
        if let Some(rest) = auth.strip_prefix("OSS ") {
            return v1_header(rest, input.v1_date_line()).map(Some);
        }
        if !auth.is_empty() {
            return Err(VerifyError::malformed(
                Rejection::ForeignScheme,
                "the Authorization header is neither 'OSS <AccessKeyId>:<Signature>' nor 'OSS4-HMAC-SHA256 ...'",
            ));
        }
        if let Some(sv) = first(query, "x-oss-signature-version") {
            if sv != V4_ALGORITHM {
                return Err(VerifyError::malformed(
                    Rejection::Malformed,
                    format!("x-oss-signature-version must be {V4_ALGORITHM}, not {sv:?}"),
                ));
            }
            return v4_query(query).map(Some);
        }
        if first(query, "OSSAccessKeyId").is_some() || first(query, "Signature").is_some() {
            return v1_query(query).map(Some);
        }
        Ok(None)
    }

    /// The signature version.
    pub fn version(&self) -> SignatureVersion {
        match self.form {
            Form::V1Header { .. } | Form::V1Query { .. } => SignatureVersion::V1,
            Form::V4Header(_) | Form::V4Query { .. } => SignatureVersion::V4,
        }
    }

    /// Whether the signature came in the query (a presigned URL).
    pub fn in_query(&self) -> bool {
        matches!(self.form, Form::V1Query { .. } | Form::V4Query { .. })
    }

    /// The V4 parts, for V4 forms.
    pub fn v4(&self) -> Option<&V4Parts<'a>> {
        match &self.form {
            Form::V4Header(v4) | Form::V4Query { v4, .. } => Some(v4),
            Form::V1Header { .. } | Form::V1Query { .. } => None,
        }
    }

    /// The V1 date line: the date header, or `Expires` for a presigned URL.
    pub fn v1_date_line(&self) -> &'a str {
        match self.form {
            Form::V1Header { date } => date,
            Form::V1Query { expires } => expires,
            Form::V4Header(_) | Form::V4Query { .. } => "",
        }
    }

    /// When the signature is valid. Errors for a missing or unreadable time (the caller
    /// adds the AccessKeyId).
    pub fn window(&self) -> Result<Window, VerifyError> {
        match &self.form {
            Form::V1Header { date } => {
                if date.is_empty() {
                    return Err(VerifyError::denied(
                        Rejection::MissingDate,
                        "The request must carry a Date or x-oss-date header.",
                    ));
                }
                let ts = parse_http_date(date)
                    .or_else(|| parse_iso8601_basic(date))
                    .ok_or_else(|| {
                        VerifyError::denied(
                            Rejection::BadDate,
                            format!("Invalid date {date:?}: expected an RFC 1123 GMT time."),
                        )
                    })?;
                Ok(Window::Around(ts))
            }
            Form::V4Header(v4) => {
                if v4.xdate.is_empty() {
                    return Err(VerifyError::denied(
                        Rejection::MissingDate,
                        "V4 requests must carry an x-oss-date header.",
                    ));
                }
                Ok(Window::Around(v4.request_time()?))
            }
            Form::V1Query { expires } => {
                let deadline = expires
                    .parse()
                    .ok()
                    .filter(|_| expires.bytes().all(|b| b.is_ascii_digit()))
                    .ok_or_else(|| {
                        VerifyError::denied(
                            Rejection::BadExpires,
                            format!("Invalid Expires {expires:?}: expected Unix seconds."),
                        )
                    })?;
                Ok(Window::Until {
                    issued: None,
                    deadline,
                })
            }
            Form::V4Query { v4, expires } => {
                let seconds: u64 = match expires.parse() {
                    Ok(n) if (1..=super::MAX_V4_PRESIGN_EXPIRES).contains(&n) => n,
                    _ => {
                        return Err(VerifyError::malformed(
                            Rejection::BadExpires,
                            format!(
                                "x-oss-expires must be 1 to {} seconds, not {expires:?}",
                                super::MAX_V4_PRESIGN_EXPIRES
                            ),
                        )
                        .ec("0002-00000232"));
                    }
                };
                let issued = v4.request_time()?;
                Ok(Window::Until {
                    issued: Some(issued),
                    deadline: issued.as_second().saturating_add_unsigned(seconds),
                })
            }
        }
    }
}

impl V4Parts<'_> {
    fn request_time(&self) -> Result<jiff::Timestamp, VerifyError> {
        parse_iso8601_basic(self.xdate).ok_or_else(|| {
            VerifyError::denied(
                Rejection::BadDate,
                format!(
                    "Invalid x-oss-date {:?}: expected YYYYMMDDTHHMMSSZ.",
                    self.xdate
                ),
            )
            .ec("0002-00000223")
        })
    }
}

/// `OSS <AccessKeyId>:<Signature>` (after `OSS `).
fn v1_header<'a>(rest: &'a str, date: &'a str) -> Result<Presented<'a>, VerifyError> {
    let malformed = || {
        VerifyError::malformed(
            Rejection::Malformed,
            "malformed Authorization header: expected 'OSS <AccessKeyId>:<Signature>'",
        )
    };
    let (ak, signature) = rest
        .trim()
        .rsplit_once(':')
        .map(|(a, s)| (a.trim(), s.trim()))
        .ok_or_else(malformed)?;
    if ak.is_empty() || signature.is_empty() {
        return Err(malformed());
    }
    Ok(Presented {
        ak,
        signature,
        form: Form::V1Header { date },
    })
}

/// `?OSSAccessKeyId=…&Expires=…&Signature=…`.
fn v1_query(query: &[(String, String)]) -> Result<Presented<'_>, VerifyError> {
    let ak = first(query, "OSSAccessKeyId").unwrap_or_default();
    let signature = first(query, "Signature").unwrap_or_default();
    if ak.is_empty() || signature.is_empty() {
        return Err(VerifyError::denied(
            Rejection::Malformed,
            "A presigned URL needs OSSAccessKeyId, Expires and Signature.",
        ));
    }
    let expires = first(query, "Expires").unwrap_or_default();
    Ok(Presented {
        ak,
        signature,
        form: Form::V1Query { expires },
    })
}

/// An `OSS4-HMAC-SHA256 ...` Authorization value in any SDK's layout.
fn v4_header<'a>(value: &'a str, xdate: &'a str) -> Result<Presented<'a>, VerifyError> {
    let rest = value.strip_prefix(V4_ALGORITHM).unwrap_or(value);
    if !rest.starts_with(|c: char| c.is_ascii_whitespace()) {
        return Err(VerifyError::malformed(
            Rejection::Malformed,
            "malformed OSS4-HMAC-SHA256 Authorization header",
        )
        .ec("0002-00000213"));
    }
    let (mut credential, mut signature, mut additional) = (None, None, None);
    for item in rest.split(',') {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        let Some((k, v)) = item.split_once('=') else {
            return Err(VerifyError::malformed(
                Rejection::Malformed,
                format!(
                    "malformed OSS4-HMAC-SHA256 Authorization header: {item:?} is not Name=Value"
                ),
            ));
        };
        match k.trim() {
            "Credential" => credential = Some(v.trim()),
            "Signature" => signature = Some(v.trim()),
            "AdditionalHeaders" => additional = Some(v.trim()),
            _ => {}
        }
    }
    let (Some(credential), Some(signature)) = (credential, signature.filter(|s| !s.is_empty()))
    else {
        return Err(VerifyError::malformed(
            Rejection::Malformed,
            "malformed OSS4-HMAC-SHA256 Authorization header: Credential and Signature are required",
        )
        .ec("0002-00000213"));
    };
    let (ak, scope) = parse_credential(credential, false)?;
    Ok(Presented {
        ak,
        signature,
        form: Form::V4Header(V4Parts {
            scope,
            xdate,
            additional: v4::normalize_additional(additional.unwrap_or_default().split(';')),
        }),
    })
}

/// `?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=…&…`.
fn v4_query(query: &[(String, String)]) -> Result<Presented<'_>, VerifyError> {
    let need = |name: &str| {
        first(query, name).filter(|v| !v.is_empty()).ok_or_else(|| {
            VerifyError::malformed(
                Rejection::Malformed,
                format!("the presigned URL lacks the {name} parameter"),
            )
        })
    };
    let (ak, scope) = parse_credential(need("x-oss-credential")?, true)?;
    let xdate = need("x-oss-date")?;
    let expires = need("x-oss-expires")?;
    let signature = need("x-oss-signature")?;
    let additional = first(query, "x-oss-additional-headers").unwrap_or_default();
    Ok(Presented {
        ak,
        signature,
        form: Form::V4Query {
            v4: V4Parts {
                scope,
                xdate,
                additional: v4::normalize_additional(additional.split(';')),
            },
            expires,
        },
    })
}

/// A V4 credential `AK/date/region/product/aliyun_v4_request`: the AccessKeyId and the scope.
fn parse_credential(value: &str, in_query: bool) -> Result<(&str, Scope<'_>), VerifyError> {
    let (ec, what) = if in_query {
        ("0002-00000224", "x-oss-credential")
    } else {
        (
            "0002-00000213",
            "the Credential in the Authorization header",
        )
    };
    let bad = |why: &str| {
        VerifyError::malformed(
            Rejection::BadCredential,
            format!("{what} is invalid: {why}"),
        )
        .ec(ec)
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
    if *term != v4::TERMINATOR {
        return Err(bad("it must end with /aliyun_v4_request"));
    }
    Ok((
        ak,
        Scope {
            date8,
            region,
            product,
        },
    ))
}
