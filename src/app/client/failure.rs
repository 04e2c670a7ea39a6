//! OSS error answers and network failures turned into [`Failure`]s a person can act on:
//! exit 3 for a service error (code, message, request id, EC, hint; for
//! SignatureDoesNotMatch our string-to-sign beside the server's), exit 4 for a network failure
//! after retries (with a hint naming where the endpoint came from).

use std::fmt::Write as _;

use crate::exit::{ExitStatus, Failure};
use crate::oss::error::ErrorBody;
use crate::oss::request::Operation;
use crate::oss::sign::SigningDetails;
use crate::transport::{self, TransportError};

use super::Target;

/// A response with what we signed for it.
#[derive(Debug)]
pub struct Signed {
    /// The response.
    pub response: transport::Response,
    /// What the last attempt signed.
    pub details: Option<SigningDetails>,
    /// Which key signed, for a person: `AccessKeyId X (source), AccessKeySecret from
    /// (source)`; never the secret.
    pub signer: Option<String>,
}

pub(crate) fn network_failure(op: Operation, target: &Target, e: TransportError) -> Failure {
    let status = match e {
        TransportError::Network { .. } => ExitStatus::Network,
        _ => ExitStatus::Usage,
    };
    let mut text = format!("{} on {} failed: {e}", op.name(), target.url());
    if let TransportError::Network { cause, .. } = &e
        && let Some(hint) = network_hint(target, cause)
    {
        let _ = write!(text, "\n  hint: {hint}");
    }
    Failure::new(status, miette::miette!("{text}"))
}

/// What to do about a network failure, naming where the endpoint came from.
fn network_hint(target: &Target, cause: &str) -> Option<String> {
    let lower = cause.to_ascii_lowercase();
    let endpoint = format!(
        "{}://{}",
        target.endpoint.scheme(),
        target.endpoint.authority()
    );
    let from = &target.endpoint_source;
    if transport::cause_is_plain_http_answer(cause) && target.endpoint.scheme() == "https" {
        return Some(format!(
            "{} answered the TLS handshake in plain HTTP: it looks like a plain-HTTP server. An \
             endpoint without a scheme means https://; write http://{} (the endpoint came from \
             {from})",
            target.endpoint.authority(),
            target.endpoint.authority()
        ));
    }
    if lower.contains("connection refused") {
        return Some(format!(
            "nothing accepts connections at {endpoint}: is the endpoint running (for a local \
             one, `ossctl serve`)? The endpoint came from {from}"
        ));
    }
    if lower.contains("dns error") || lower.contains("failed to lookup") {
        return Some(format!(
            "the host {} cannot be resolved: check the endpoint, which came from {from}",
            target.endpoint.host()
        ));
    }
    None
}

/// The error body of a non-2xx response: the XML body, or `x-oss-err` for bodiless ones.
pub fn error_body(response: &transport::Response) -> Option<ErrorBody> {
    let mut body = std::str::from_utf8(&response.body)
        .ok()
        .and_then(ErrorBody::parse)
        .or_else(|| {
            response
                .header("x-oss-err")
                .and_then(ErrorBody::from_x_oss_err)
        })?;
    if body.request_id.is_empty()
        && let Some(id) = response.header("x-oss-request-id")
    {
        body.request_id = id.to_string();
    }
    if body.ec.is_none()
        && let Some(ec) = response.header("x-oss-ec")
    {
        body.ec = Some(ec.to_string());
    }
    Some(body)
}

/// A person-actionable report of a service error (exit 3): code, message, request id, EC,
/// hint; for SignatureDoesNotMatch our string-to-sign beside the server's.
pub fn service_failure(op: Operation, target: &Target, signed: &Signed) -> Failure {
    let response = &signed.response;
    let mut text = format!(
        "{} on {} failed: HTTP {}",
        op.name(),
        target.url(),
        response.status
    );
    match error_body(response) {
        Some(body) => {
            let _ = write!(text, " {}: {}", body.code, body.message);
            if !body.request_id.is_empty() {
                let _ = write!(text, "\n  request id: {}", body.request_id);
            }
            if let Some(ec) = &body.ec {
                let _ = write!(text, "\n  EC: {ec}");
            }
            if !body.host_id.is_empty() {
                let _ = write!(text, "\n  host: {}", body.host_id);
            }
            for (name, value) in &body.extra {
                if matches!(
                    name.as_str(),
                    "StringToSign" | "CanonicalRequest" | "StringToSignBytes" | "SignatureProvided"
                ) {
                    continue;
                }
                let _ = write!(text, "\n  {name}: {value}");
            }
            let mut secret_wrong = false;
            if body.code == "SignatureDoesNotMatch" {
                let dump = signature_dump(&body, signed.details.as_ref());
                if signature_inputs_match(&body, signed.details.as_ref()) {
                    secret_wrong = true;
                    // The server signed exactly what we signed and still got another
                    // signature: the only input left is the key.
                    let _ = write!(
                        text,
                        "\n  the server computed the same string-to-sign as ossctl, so the \
                         request is right and the secret is wrong: the AccessKeySecret does \
                         not belong to this AccessKeyId"
                    );
                    if let Some(signer) = &signed.signer {
                        let _ = write!(text, "\n  signed with: {signer}");
                    }
                    let _ = write!(
                        text,
                        "\n  (both strings-to-sign and canonical requests: run with --debug)"
                    );
                    if !dump.is_empty() {
                        tracing::debug!(target: "ossctl::http", "SignatureDoesNotMatch:{dump}");
                    }
                } else {
                    text.push_str(&dump);
                }
            }
            // A wrong secret needs no "check the region and version" hint: they are right.
            let mut hint = (!secret_wrong)
                .then(|| crate::app::hints::for_error(&body, op.ram_action()))
                .flatten();
            if body.code == "NoSuchBucket" {
                let _ = write!(
                    text,
                    "\n  endpoint: {} ({})",
                    target.endpoint.authority(),
                    target.endpoint_source
                );
                if let Some(r) = &target.region {
                    let _ = write!(text, "\n  region: {} ({})", r.value, r.source);
                }
            }
            if let Some(h) = hint.take() {
                let _ = write!(text, "\n  hint: {h}");
            }
        }
        None => {
            let snippet: String = String::from_utf8_lossy(&response.body)
                .chars()
                .take(200)
                .collect();
            if snippet.trim().is_empty() {
                text.push_str(" (no OSS error body)");
            } else {
                let _ = write!(text, " (not an OSS error body): {}", snippet.trim());
            }
            if let Some(id) = response.header("x-oss-request-id") {
                let _ = write!(text, "\n  request id: {id}");
            }
        }
    }
    if response.attempts > 1 {
        let _ = write!(text, "\n  after {} attempts", response.attempts);
    }
    Failure::new(ExitStatus::Service, miette::miette!("{text}"))
}

/// Whether the server's StringToSign (and CanonicalRequest, when both sides have one) equal
/// what ossctl signed: then a SignatureDoesNotMatch can only be a wrong secret.
fn signature_inputs_match(body: &ErrorBody, ours: Option<&SigningDetails>) -> bool {
    let (Some(theirs), Some(ours)) = (body.extra("StringToSign"), ours) else {
        return false;
    };
    if theirs != ours.string_to_sign {
        return false;
    }
    match (body.extra("CanonicalRequest"), &ours.canonical_request) {
        (Some(t), Some(o)) => t == o,
        _ => true,
    }
}

/// The server's and our string-to-sign and canonical request, masked, one per line (empty
/// when the server sent none).
fn signature_dump(body: &ErrorBody, ours: Option<&SigningDetails>) -> String {
    let mut text = String::new();
    if let Some(theirs) = body.extra("StringToSign") {
        let theirs = crate::oss::mask::mask_signing_text(theirs);
        let _ = write!(text, "\n  server's string-to-sign: {theirs:?}");
        if let Some(ours) = ours {
            let _ = write!(
                text,
                "\n  our string-to-sign:      {:?}",
                crate::oss::mask::mask_signing_text(&ours.string_to_sign)
            );
        }
    }
    if let Some(theirs) = body.extra("CanonicalRequest") {
        let theirs = crate::oss::mask::mask_signing_text(theirs);
        let _ = write!(text, "\n  server's canonical request: {theirs:?}");
        if let Some(ours) = ours.and_then(|d| d.canonical_request.as_ref()) {
            let ours = crate::oss::mask::mask_signing_text(ours);
            let _ = write!(text, "\n  our canonical request:      {ours:?}");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Setting, Source};
    use crate::oss::endpoint::{AddressingStyle, Endpoint};
    use crate::oss::error::ErrorBody;

    fn target() -> Target {
        Target {
            bucket: "b".into(),
            endpoint: Endpoint::parse("oss-cn-hangzhou.aliyuncs.com").unwrap(),
            endpoint_source: Source::Flag("--endpoint"),
            style: AddressingStyle::Virtual,
            region: Some(Setting::new(
                "cn-hangzhou".into(),
                Source::Derived("the endpoint host".into()),
            )),
        }
    }

    fn signed(status: u16, headers: Vec<(String, String)>, body: &str) -> Signed {
        Signed {
            response: transport::Response {
                status,
                headers,
                body: body.as_bytes().to_vec(),
                attempts: 1,
            },
            details: Some(SigningDetails {
                string_to_sign: "OURS".into(),
                canonical_request: None,
            }),
            signer: Some("AccessKeyId K (flag --access-key-id), AccessKeySecret from flag --access-key-secret".into()),
        }
    }

    fn report(f: &Failure) -> String {
        format!("{}", f.report)
    }

    #[test]
    fn access_denied_names_the_ram_action() {
        let body = ErrorBody::new(
            "AccessDenied",
            "You have no right to access this object.",
            "RID1",
            "b.oss",
        )
        .with_ec("0003-00000801")
        .to_xml();
        let f = service_failure(
            Operation::PutBucketCors,
            &target(),
            &signed(403, vec![], &body),
        );
        assert_eq!(f.status, ExitStatus::Service);
        let r = report(&f);
        assert!(r.contains("HTTP 403 AccessDenied"), "{r}");
        assert!(
            r.contains("request id: RID1") && r.contains("EC: 0003-00000801"),
            "{r}"
        );
        assert!(r.contains("oss:PutBucketCors"), "{r}");
    }

    #[test]
    fn bodiless_errors_come_from_x_oss_err() {
        let body = ErrorBody::new(
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
            "",
            "h",
        )
        .to_x_oss_err();
        let f = service_failure(
            Operation::DeleteBucketCors,
            &target(),
            &signed(
                403,
                vec![
                    ("x-oss-err".into(), body),
                    ("x-oss-request-id".into(), "HDRID".into()),
                    ("x-oss-ec".into(), "0002-00000504".into()),
                ],
                "",
            ),
        );
        let r = report(&f);
        assert!(r.contains("RequestTimeTooSkewed"), "{r}");
        assert!(
            r.contains("request id: HDRID") && r.contains("EC: 0002-00000504"),
            "{r}"
        );
        assert!(r.contains("clock"), "{r}");
    }

    #[test]
    fn signature_mismatch_shows_both_strings_to_sign() {
        let body = ErrorBody::new(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match.",
            "R",
            "h",
        )
        .with_extra("StringToSign", "THEIRS")
        .with_extra("SignatureProvided", "sig")
        .to_xml();
        let r = report(&service_failure(
            Operation::GetBucketCors,
            &target(),
            &signed(403, vec![], &body),
        ));
        assert!(r.contains("server's string-to-sign: \"THEIRS\""), "{r}");
        assert!(r.contains("our string-to-sign:      \"OURS\""), "{r}");
        assert!(!r.contains("SignatureProvided"), "{r}");
        assert!(!r.contains("secret is wrong"), "{r}");
    }

    #[test]
    fn signature_mismatch_with_the_same_string_to_sign_blames_the_secret() {
        let body = ErrorBody::new(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match.",
            "R",
            "h",
        )
        .with_extra("StringToSign", "OURS")
        .to_xml();
        let r = report(&service_failure(
            Operation::GetBucketCors,
            &target(),
            &signed(403, vec![], &body),
        ));
        assert!(
            r.contains("the request is right and the secret is wrong"),
            "{r}"
        );
        assert!(
            r.contains("signed with: AccessKeyId K (flag --access-key-id)"),
            "{r}"
        );
        assert!(!r.contains("string-to-sign: \""), "{r}");
    }

    #[test]
    fn non_oss_error_bodies_are_shown_briefly() {
        let r = report(&service_failure(
            Operation::GetBucketCors,
            &target(),
            &signed(502, vec![], "<html>Bad Gateway</html>"),
        ));
        assert!(
            r.contains("HTTP 502") && r.contains("not an OSS error body"),
            "{r}"
        );
    }
}
