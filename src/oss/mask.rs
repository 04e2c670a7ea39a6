//! Hiding secrets in what `--debug` and `--dry-run` print: signatures, STS tokens and
//! presigned-URL credentials. The AccessKeyId stays visible (it is not a secret and helps
//! debugging); everything that would let someone replay or forge a request is replaced by
//! `******`.

use super::encode::uri_encode;

/// What masked values are replaced with.
pub const MASK: &str = "******";

const SECRET_HEADERS: &[&str] = &[
    "x-oss-security-token",
    "security-token",
    "x-oss-signature",
    "cookie",
    "proxy-authorization",
];
const SECRET_QUERY: &[&str] = &[
    "Signature",
    "x-oss-signature",
    "security-token",
    "x-oss-security-token",
];

/// Masks one header value: the signature part of `Authorization` (V1 and V4), STS tokens, and
/// other credential-bearing headers. Other headers are returned unchanged.
pub fn mask_header(name: &str, value: &str) -> String {
    let lower = name.trim().to_ascii_lowercase();
    if lower == "authorization" {
        return mask_authorization(value);
    }
    if SECRET_HEADERS.contains(&lower.as_str()) {
        return MASK.to_string();
    }
    value.to_string()
}

fn mask_authorization(value: &str) -> String {
    if let Some(rest) = value.strip_prefix("OSS4-HMAC-SHA256") {
        let items: Vec<String> = rest
            .split(',')
            .map(|item| match item.split_once('=') {
                Some((k, _)) if k.trim() == "Signature" => format!("{k}={MASK}"),
                Some((k, v)) => format!("{k}={v}"),
                None => item.to_string(),
            })
            .collect();
        return format!("OSS4-HMAC-SHA256{}", items.join(","));
    }
    if let Some(rest) = value.strip_prefix("OSS ")
        && let Some((ak, _)) = rest.rsplit_once(':')
    {
        return format!("OSS {ak}:{MASK}");
    }
    // Unknown scheme: keep only the scheme name.
    match value.split_once(' ') {
        Some((scheme, _)) => format!("{scheme} {MASK}"),
        None => MASK.to_string(),
    }
}

/// Masks every header (see [`mask_header`]).
pub fn mask_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| (k.clone(), mask_header(k, v)))
        .collect()
}

/// Masks the signature and token parameters of a (presigned) URL; the rest of the URL is kept
/// byte for byte.
pub fn mask_url(url: &str) -> String {
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((u, f)) => (u, Some(f)),
        None => (url, None),
    };
    let Some((base, query)) = before_fragment.split_once('?') else {
        return url.to_string();
    };
    let masked: Vec<String> = query
        .split('&')
        .map(|part| {
            let (k, v) = part.split_once('=').unwrap_or((part, ""));
            let name =
                String::from_utf8_lossy(&super::encode::percent_decode(k, true)).into_owned();
            if SECRET_QUERY.iter().any(|s| s.eq_ignore_ascii_case(&name)) && !v.is_empty() {
                format!("{k}={MASK}")
            } else {
                part.to_string()
            }
        })
        .collect();
    let mut out = format!("{base}?{}", masked.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// Replaces every occurrence of each given secret in `text` (for free-form output such as
/// error messages). Empty secrets are ignored.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().filter(|s| !s.is_empty()) {
        out = out.replace(s, MASK);
        let encoded = uri_encode(s, false);
        if encoded != *s {
            out = out.replace(&encoded, MASK);
        }
    }
    out
}

/// Masks an STS security token inside signature diagnostics: a canonical request or V1
/// string-to-sign as we built it or as a server echoed it (`x-oss-security-token:TOKEN` header
/// lines, `security-token=TOKEN` / `x-oss-security-token=TOKEN` query items). So a
/// SignatureDoesNotMatch report can show both sides without the token. Line structure and
/// everything else are kept, so the two sides still compare line by line.
pub fn mask_signing_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let lower = line.to_ascii_lowercase();
        let header = ["x-oss-security-token:", "security-token:"]
            .iter()
            .find(|p| lower.trim_start().starts_with(*p));
        match header {
            Some(prefix) => {
                let cut = line.len() - line.trim_start().len() + prefix.len();
                out.push_str(&line[..cut]);
                out.push_str(MASK);
            }
            None => out.push_str(&mask_token_query_items(line, &lower)),
        }
    }
    out
}

/// `…security-token=VALUE&…` → `…security-token=******&…` (`lower` is `line` lower-cased,
/// ASCII only, so byte offsets agree).
fn mask_token_query_items(line: &str, lower: &str) -> String {
    const KEY: &str = "security-token=";
    let mut out = String::with_capacity(line.len());
    let mut pos = 0;
    while let Some(found) = lower[pos..].find(KEY) {
        let start = pos + found + KEY.len();
        let end = line[start..].find('&').map_or(line.len(), |e| start + e);
        out.push_str(&line[pos..start]);
        out.push_str(MASK);
        pos = end;
    }
    out.push_str(&line[pos..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_authorization_layouts() {
        assert_eq!(
            mask_header("Authorization", "OSS AKID:abc+/="),
            "OSS AKID:******"
        );
        let v4 = "OSS4-HMAC-SHA256 Credential=AK/20240601/cn-hangzhou/oss/aliyun_v4_request,AdditionalHeaders=host,Signature=deadbeef";
        let m = mask_header("authorization", v4);
        assert!(!m.contains("deadbeef"), "{m}");
        assert!(
            m.contains("Credential=AK/20240601") && m.contains("AdditionalHeaders=host"),
            "{m}"
        );
        let oss2 = "OSS4-HMAC-SHA256 Credential=AK/x, Signature=deadbeef, AdditionalHeaders=host";
        assert!(!mask_header("Authorization", oss2).contains("deadbeef"));
        assert_eq!(mask_header("Authorization", "Bearer tok"), "Bearer ******");
        assert_eq!(mask_header("x-oss-security-token", "CAIS.tok"), MASK);
        assert_eq!(
            mask_header("Content-Type", "application/xml"),
            "application/xml"
        );
    }

    #[test]
    fn masks_presigned_urls() {
        let u = "https://b.oss-cn-hangzhou.aliyuncs.com/k?OSSAccessKeyId=AK&Expires=1&security-token=CAIS%2Fx&Signature=ab%2Fc%3D";
        let m = mask_url(u);
        assert!(!m.contains("CAIS") && !m.contains("ab%2Fc"), "{m}");
        assert!(m.contains("OSSAccessKeyId=AK&Expires=1"), "{m}");
        assert!(m.ends_with("&Signature=******"), "{m}");
        let u4 = "http://127.0.0.1:9000/b/k?x-oss-credential=AK%2F1&x-oss-security-token=T0K&x-oss-signature=f00";
        let m = mask_url(u4);
        assert!(!m.contains("T0K") && !m.contains("f00"), "{m}");
        assert_eq!(mask_url("http://h/b/?cors"), "http://h/b/?cors");
        assert_eq!(
            redact("secret a/b and a%2Fb", &["a/b", ""]),
            "secret ****** and ******"
        );
    }

    #[test]
    fn signing_texts_lose_the_token_and_keep_their_lines() {
        let canonical = "GET\n/b/k\ncors&x-oss-security-token=TOK%2Fen\nx-oss-date:20240601T123456Z\nx-oss-security-token:TOK/en\n\n\nUNSIGNED-PAYLOAD";
        let masked = mask_signing_text(canonical);
        assert!(!masked.contains("TOK"), "{masked}");
        assert_eq!(masked.lines().count(), canonical.lines().count());
        assert!(masked.contains("x-oss-security-token:******"));
        assert!(masked.contains("cors&x-oss-security-token=******\n"));
        let v1 = "GET\n\n\nDate\nX-OSS-Security-Token:Secret123\n/b/k?security-token=Secret123&acl";
        let masked = mask_signing_text(v1);
        assert!(!masked.contains("Secret123"), "{masked}");
        assert!(masked.ends_with("?security-token=******&acl"));
        assert_eq!(
            mask_signing_text("PUT\n\nx-oss-date:1\n/b/"),
            "PUT\n\nx-oss-date:1\n/b/"
        );
    }
}
