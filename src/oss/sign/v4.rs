//! Signature V4 (`OSS4-HMAC-SHA256`): the scope `date/region/oss/aliyun_v4_request`, the
//! canonical request, the string to sign and the HMAC-SHA256 key chain.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest as _, Sha256};

use std::collections::BTreeMap;

use super::{Signable, SigningDetails, UNSIGNED_PAYLOAD, V4_ALGORITHM};
use crate::oss::Secret;
use crate::oss::encode::uri_encode;

/// The last part of every V4 scope.
pub(super) const TERMINATOR: &str = "aliyun_v4_request";
/// The product part of an OSS scope.
pub(super) const PRODUCT: &str = "oss";

/// The region id for a V4 scope: surrounding whitespace and an `oss-` endpoint prefix are
/// removed (`oss-cn-hangzhou` → `cn-hangzhou`).
pub fn normalize_region(region: &str) -> &str {
    let r = region.trim();
    r.strip_prefix("oss-").unwrap_or(r)
}

/// A V4 credential scope: `YYYYMMDD/region/product/aliyun_v4_request`, and the key that
/// signs within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Scope<'a> {
    /// `YYYYMMDD`.
    pub date8: &'a str,
    /// The region id as signed (the verifier compares it with its own).
    pub region: &'a str,
    /// `oss` for every scope this crate makes; the verifier checks it.
    pub product: &'a str,
}

impl<'a> Scope<'a> {
    /// The scope a client signs in at `xdate` (an ISO 8601 basic time) for `region`.
    pub fn new(xdate: &'a str, region: &'a str) -> Self {
        Scope {
            date8: xdate.get(..8).unwrap_or_default(),
            region: normalize_region(region),
            product: PRODUCT,
        }
    }

    /// `date/region/product/aliyun_v4_request`.
    pub fn to_scope_string(self) -> String {
        format!(
            "{}/{}/{}/{TERMINATOR}",
            self.date8, self.region, self.product
        )
    }
}

/// What a V4 signature covers besides the request: the scope, the request time and the
/// additional signed headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct V4Parts<'a> {
    /// The credential scope.
    pub scope: Scope<'a>,
    /// `x-oss-date`, as sent (may be empty in a received header request).
    pub xdate: &'a str,
    /// The additional signed header names, normalized.
    pub additional: Vec<String>,
}

impl V4Parts<'_> {
    /// The V4 signature of `input` (`hex(HMAC-SHA256(signing key, string to sign))`) and
    /// what was signed. `presigned`: the query carries the signature, which is not signed.
    pub fn sign(
        &self,
        input: &Signable<'_>,
        presigned: bool,
        secret: &Secret,
    ) -> (String, SigningDetails) {
        let cr = canonical_request(input, &self.additional, presigned);
        let string_to_sign = format!(
            "{V4_ALGORITHM}\n{}\n{}\n{}",
            self.xdate,
            self.scope.to_scope_string(),
            hex::encode(Sha256::digest(cr.as_bytes()))
        );
        let scope = self.scope;
        let key = v4_signing_key(secret, scope.date8, scope.region, scope.product);
        let signature = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
        let details = SigningDetails {
            string_to_sign,
            canonical_request: Some(cr),
        };
        (signature, details)
    }
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
    for part in [region, product, TERMINATOR] {
        k = hmac_sha256(&k, part.as_bytes());
    }
    k
}

/// Whether V4 signs header `name` without it being listed in `AdditionalHeaders`.
fn signed_by_default(name: &str) -> bool {
    name.starts_with("x-oss-") || name == "content-type" || name == "content-md5"
}

/// The 4-line string to sign is: algorithm, `x-oss-date`, scope, hex SHA-256 of the
/// canonical request (see [`V4Parts::sign`]).
///
/// The canonical request: method, the URI-encoded `/bucket/key`, the encoded and sorted
/// query (without `x-oss-signature` when `presigned`), the signed headers, the additional
/// header names and the payload hash.
fn canonical_request(input: &Signable<'_>, additional: &[String], presigned: bool) -> String {
    let uri = uri_encode(&input.resource_path(), true);
    let mut cq: Vec<(String, String)> = input
        .query
        .iter()
        .filter(|(k, _)| !(presigned && k == "x-oss-signature"))
        .map(|(k, v)| (uri_encode(k, false), uri_encode(v, false)))
        .collect();
    cq.sort();
    let cq: Vec<String> = cq
        .into_iter()
        .map(|(k, v)| if v.is_empty() { k } else { format!("{k}={v}") })
        .collect();
    let mut headers = String::new();
    for (k, v) in input
        .headers
        .iter()
        .filter(|(k, _)| signed_by_default(k) || additional.contains(k))
    {
        headers.push_str(k);
        headers.push(':');
        headers.push_str(v);
        headers.push('\n');
    }
    let payload = input
        .headers
        .get("x-oss-content-sha256")
        .filter(|v| !v.is_empty())
        .map_or(UNSIGNED_PAYLOAD, String::as_str);
    format!(
        "{}\n{uri}\n{}\n{headers}\n{}\n{payload}",
        input.method,
        cq.join("&"),
        additional.join(";")
    )
}

/// Lower-cases, trims, deduplicates and sorts an AdditionalHeaders list (as a server must:
/// oss2 sends it only partly sorted).
pub(super) fn normalize_additional<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut v: Vec<String> = names
        .map(|n| n.trim().to_ascii_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

/// The client's additional headers: normalized, without names signed by default and without
/// headers that are absent or empty in `headers` (a [`super::header_view`]).
pub(super) fn client_additional(
    requested: &[String],
    headers: &BTreeMap<String, String>,
) -> Vec<String> {
    normalize_additional(requested.iter().map(String::as_str))
        .into_iter()
        .filter(|n| !signed_by_default(n))
        .filter(|n| headers.get(n).is_some_and(|v| !v.is_empty()))
        .collect()
}
