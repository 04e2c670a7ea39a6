//! Signature V1 (HMAC-SHA1): the sub-resources it signs, its string to sign and its
//! signature. `Authorization: OSS <AccessKeyId>:<Signature>`, or a presigned URL with
//! `OSSAccessKeyId`, `Expires` and `Signature`.

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

use super::{Signable, SigningDetails};
use crate::oss::Secret;

/// Query parameters V1 signs as sub-resources: the union of the oss2 2.19.1 and
/// alibabacloud-oss-v2 1.4.1 lists (plus `cors`, which v2 adds per operation). Sorted, so it
/// can be binary-searched.
pub(super) const V1_SUBRESOURCES: &[&str] = &[
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

/// The V1 string to sign: method, Content-MD5, Content-Type, the date line (the `Date` or
/// `x-oss-date` header; `Expires` for a presigned URL), the `x-oss-*` headers, and the
/// resource `/bucket/key` with the signed sub-resources.
fn string_to_sign(input: &Signable<'_>, date_line: &str) -> String {
    let mut s = format!(
        "{}\n{}\n{}\n{date_line}\n",
        input.method,
        input.header("content-md5"),
        input.header("content-type")
    );
    for (k, v) in input
        .headers
        .iter()
        .filter(|(k, _)| k.starts_with("x-oss-"))
    {
        s.push_str(k);
        s.push(':');
        s.push_str(v);
        s.push('\n');
    }
    s.push_str(&input.resource_path());
    let mut sub: Vec<&(String, String)> = input
        .query
        .iter()
        .filter(|(k, _)| is_v1_subresource(k))
        .collect();
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

/// The V1 signature of `input` with `date_line` (`base64(HMAC-SHA1(secret, string to
/// sign))`), and what was signed.
pub(super) fn sign(
    input: &Signable<'_>,
    date_line: &str,
    secret: &Secret,
) -> (String, SigningDetails) {
    let string_to_sign = string_to_sign(input, date_line);
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(secret.expose().as_bytes())
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any size"));
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    let details = SigningDetails {
        string_to_sign,
        canonical_request: None,
    };
    (signature, details)
}
