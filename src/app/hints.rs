//! Hints a person can act on for the errors the CLI reports: what to check, which flag or
//! command to try. They name ossctl's own flags and commands, so they belong to `app` and
//! never to `oss`, whose errors `serve` sends to SDKs.
//!
//! Must not be used by `server`.

use crate::oss::error::ErrorBody;
use crate::oss::sign::SigningDetails;

/// What a person can do about an OSS error, for the codes where ossctl knows (`None`
/// otherwise). `ram_action` (e.g. `oss:PutBucketCors`) names the permission an
/// `AccessDenied` lacks, when the caller knows which operation failed. The hints name
/// ossctl's flags and commands, so they live here and never in `oss`: `serve` sends OSS
/// errors to SDKs.
pub fn for_error(body: &ErrorBody, ram_action: Option<&str>) -> Option<String> {
    let bucket = body.extra("BucketName");
    Some(match body.code.as_str() {
        "SignatureDoesNotMatch" => {
            let mut h = "the server computed a different signature: check the AccessKeySecret, the region \
                         (--region, the bare id such as cn-hangzhou, not oss-cn-hangzhou) and the signature \
                         version (--sign-version v4|v1)"
                .to_string();
            if body.extra("StringToSign").is_some() || body.extra("CanonicalRequest").is_some() {
                h.push_str("; compare the server's StringToSign/CanonicalRequest with ours (--debug)");
            }
            h
        }
        "InvalidAccessKeyId" => "the AccessKeyId is unknown to this endpoint: check --access-key-id, the \
                                 environment, the config file and --profile, and that the endpoint is the right one"
            .to_string(),
        "AccessDenied" if body.message.contains("expired") => {
            "the presigned URL has expired: make a new one".to_string()
        }
        "AccessDenied" => match ram_action {
            Some(action) => format!(
                "the credentials are not allowed to do this: the RAM policy must allow {action} on the bucket \
                 (or the bucket policy must grant it)"
            ),
            None => "the credentials are not allowed to do this: check the RAM policy and the bucket policy"
                .to_string(),
        },
        "NoSuchBucket" => match bucket {
            Some(b) => format!(
                "bucket {b} does not exist at this endpoint: check the bucket name, the endpoint and the region \
                 (a bucket lives in one region)"
            ),
            None => "the bucket does not exist at this endpoint: check the bucket name, the endpoint and the \
                     region (a bucket lives in one region)"
                .to_string(),
        },
        "RequestTimeTooSkewed" => "the local clock differs from the server's by more than 15 minutes: \
                                   synchronise the clock (NTP) and retry"
            .to_string(),
        "NoSuchCORSConfiguration" => "the bucket has no CORS rules; create them with `ossctl cors put`".to_string(),
        "AccessForbidden" => "the preflight matched no CORS rule (or the bucket has none): run `ossctl cors test` \
                              to see why each rule did not match"
            .to_string(),
        "SecondLevelDomainForbidden" => "OSS refuses path-style requests for this bucket: use \
                                         --addressing-style virtual"
            .to_string(),
        "InvalidSecurityToken" | "SecurityTokenExpired" => "the STS token is invalid or expired: get new \
                                                            temporary credentials (--sts-token)"
            .to_string(),
        "MalformedXML" | "InvalidArgument" => {
            let mut h = "the request was refused as invalid".to_string();
            if let (Some(n), Some(v)) = (body.extra("ArgumentName"), body.extra("ArgumentValue")) {
                h.push_str(&format!(": {n} = {v:?}"));
            }
            h.push_str("; validate the rules with `ossctl cors lint`");
            h
        }
        _ => return None,
    })
}

/// For a `SignatureDoesNotMatch` that carries the server's `CanonicalRequest` and/or
/// `StringToSign`: both sides, and the first line where ours differs from the server's.
/// `None` when the error carries neither, or when they are equal (then the secret differs).
pub fn explain_signature_mismatch(body: &ErrorBody, ours: &SigningDetails) -> Option<String> {
    let pairs = [
        (
            "CanonicalRequest",
            body.extra("CanonicalRequest"),
            ours.canonical_request.as_deref(),
        ),
        (
            "StringToSign",
            body.extra("StringToSign"),
            Some(ours.string_to_sign.as_str()),
        ),
    ];
    let mut out = String::new();
    let mut compared = false;
    for (name, server, ours) in pairs {
        let (Some(server), Some(ours)) = (server, ours) else {
            continue;
        };
        compared = true;
        if server == ours {
            continue;
        }
        let (s_lines, o_lines): (Vec<&str>, Vec<&str>) =
            (server.split('\n').collect(), ours.split('\n').collect());
        let line = s_lines
            .iter()
            .zip(&o_lines)
            .position(|(a, b)| a != b)
            .unwrap_or(s_lines.len().min(o_lines.len()));
        out.push_str(&format!("{name} differs at line {}:\n", line + 1));
        out.push_str(&format!(
            "  server: {:?}\n",
            s_lines.get(line).copied().unwrap_or("<end>")
        ));
        out.push_str(&format!(
            "  ours:   {:?}\n",
            o_lines.get(line).copied().unwrap_or("<end>")
        ));
        out.push_str(&format!(
            "server {name}:\n{}\nour {name}:\n{}\n",
            indent(server),
            indent(ours)
        ));
        // The first differing document explains the rest (the string to sign hashes the
        // canonical request).
        break;
    }
    if !compared {
        return None;
    }
    if out.is_empty() {
        return Some(
            "the server signed the same string as we did, so the AccessKeySecret differs"
                .to_string(),
        );
    }
    Some(out)
}

fn indent(text: &str) -> String {
    text.split('\n')
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oss::endpoint::{AddressingStyle, Endpoint};
    use crate::oss::sign::{self, ReceivedRequest};
    use crate::oss::{Credentials, Secret, SignatureVersion, request};

    #[test]
    fn explains_mismatches() {
        let ours = SigningDetails {
            string_to_sign: "GET\n\n\nDATE\n/b/?cors".into(),
            canonical_request: None,
        };
        let body = ErrorBody::new("SignatureDoesNotMatch", "", "", "")
            .with_extra("StringToSign", "GET\n\n\nDATE\n/b/?acl");
        let text = explain_signature_mismatch(&body, &ours).unwrap();
        assert!(text.contains("StringToSign differs at line 5"), "{text}");
        assert!(
            text.contains("\"/b/?acl\"") && text.contains("\"/b/?cors\""),
            "{text}"
        );
        let same = ErrorBody::new("SignatureDoesNotMatch", "", "", "")
            .with_extra("StringToSign", &ours.string_to_sign);
        assert!(
            explain_signature_mismatch(&same, &ours)
                .unwrap()
                .contains("AccessKeySecret")
        );
        assert!(
            explain_signature_mismatch(&ErrorBody::new("SignatureDoesNotMatch", "", "", ""), &ours)
                .is_none()
        );
        let v4 = SigningDetails {
            string_to_sign: "OSS4-HMAC-SHA256\nX\nS\nH1".into(),
            canonical_request: Some("PUT\n/b/\ncors\nh:1\n\n\nUNSIGNED-PAYLOAD".into()),
        };
        let body = ErrorBody::new("SignatureDoesNotMatch", "", "", "")
            .with_extra("StringToSign", "OSS4-HMAC-SHA256\nX\nS\nH2")
            .with_extra(
                "CanonicalRequest",
                "PUT\n/b/\ncors\nh:2\n\n\nUNSIGNED-PAYLOAD",
            );
        let text = explain_signature_mismatch(&body, &v4).unwrap();
        assert!(
            text.starts_with("CanonicalRequest differs at line 4"),
            "{text}"
        );
    }

    #[test]
    fn hints_name_what_to_do() {
        let h = |code: &str| for_error(&ErrorBody::new(code, "", "", ""), None).unwrap_or_default();
        let sig = h("SignatureDoesNotMatch");
        assert!(sig.contains("secret") || sig.contains("Secret"));
        assert!(sig.contains("region") && sig.contains("--sign-version"));
        assert!(h("RequestTimeTooSkewed").contains("clock"));
        assert!(h("NoSuchBucket").contains("endpoint"));
        let denied = for_error(
            &ErrorBody::new(
                "AccessDenied",
                "You have no right to access this object.",
                "",
                "",
            ),
            Some("oss:PutBucketCors"),
        )
        .unwrap();
        assert!(denied.contains("oss:PutBucketCors"), "{denied}");
        assert_eq!(
            for_error(&ErrorBody::new("SomethingElse", "", "", ""), None),
            None
        );
        let named = ErrorBody::new("NoSuchBucket", "", "", "").with_extra("BucketName", "test");
        let named = for_error(&named, None).unwrap();
        assert!(
            named.contains("bucket test") && named.contains("region"),
            "{named}"
        );
    }

    /// What our own server receives for `req` (path-style, local endpoint).
    fn received(req: &request::HttpRequest) -> ReceivedRequest {
        let (base, raw_query) = req.split_url();
        let after = base.split_once("://").map_or(base, |(_, r)| r);
        let mut headers = req.headers.clone();
        headers.push(("Host".into(), req.url_authority().to_string()));
        ReceivedRequest {
            method: req.method.clone(),
            raw_path: after.find('/').map_or("/", |i| &after[i..]).to_string(),
            raw_query: raw_query.to_string(),
            headers,
        }
    }

    #[test]
    fn mismatch_explanations_from_our_own_server_errors() {
        let region = "cn-hangzhou";
        let now = jiff::Timestamp::from_second(1_717_245_296).unwrap();
        let creds = Credentials::new("LTAI5tTestKey", "test/secret+value=");
        let right = |ak: &str| (ak == "LTAI5tTestKey").then(|| Secret::new("test/secret+value="));
        let local = Endpoint::parse("http://127.0.0.1:9000").unwrap();
        for version in [SignatureVersion::V1, SignatureVersion::V4] {
            let mut req = request::put_bucket_cors(
                &local,
                AddressingStyle::Path,
                "bucket1",
                b"<x/>".to_vec(),
            )
            .unwrap();
            let ours = sign::sign(
                &mut req,
                Some("bucket1"),
                None,
                &sign::Signer::new(&creds, version, region, now),
            );
            // A wrong secret: both sides signed the same text.
            let wrong = |_: &str| Some(Secret::new("other"));
            let e = sign::verify(
                &received(&req),
                Some("bucket1"),
                None,
                &sign::Verifier::new(region, now, &wrong),
            )
            .unwrap_err();
            let text = explain_signature_mismatch(&e.to_error_body("r", "h"), &ours).unwrap();
            assert!(text.contains("AccessKeySecret"), "{version}: {text}");
            // A proxy that rewrote Content-Type after signing: the explanation points at it.
            let mut inc = received(&req);
            for (k, v) in &mut inc.headers {
                if k.eq_ignore_ascii_case("content-type") {
                    *v = "text/xml".into();
                }
            }
            let e = sign::verify(
                &inc,
                Some("bucket1"),
                None,
                &sign::Verifier::new(region, now, &right),
            )
            .unwrap_err();
            let text = explain_signature_mismatch(&e.to_error_body("r", "h"), &ours).unwrap();
            assert!(
                text.contains("text/xml") && text.contains("application/xml"),
                "{version}: {text}"
            );
        }
    }
}
