//! Endpoints, regions and addressing: where a request for a bucket and key goes.
//!
//! - [`Endpoint::parse`] accepts `https://oss-cn-hangzhou.aliyuncs.com`,
//!   `oss-cn-hangzhou.aliyuncs.com` (https by default) and `http://127.0.0.1:9000`.
//! - [`Endpoint::region_from_host`] derives `cn-hangzhou` from `oss-cn-hangzhou[-internal].aliyuncs.com`
//!   (the V4 scope needs the bare region id, never `oss-cn-hangzhou`).
//! - [`AddressingStyle`]: virtual-host (default for host names), path (default for IP
//!   addresses and `localhost`), or CNAME.
//! - [`validate_bucket_name`] and [`validate_object_key`] apply OSS's naming rules.
//! - [`Endpoint::url`] builds the URL for a bucket, an optional key and sub-resources.
//! - [`target_from_wire`] does the reverse for a server: bucket and key from Host and raw path
//!   (the one implementation; `ossctl serve`'s router uses it).

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

use super::encode::{build_query, percent_decode, uri_encode};

/// Why an endpoint, bucket name, key or URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EndpointError {
    /// The endpoint string is not `[http[s]://]host[:port][/]`.
    #[error("invalid endpoint {input:?}: {reason}")]
    InvalidEndpoint { input: String, reason: String },
    /// The bucket name breaks OSS's rules.
    #[error("invalid bucket name {name:?}: {reason}")]
    InvalidBucketName { name: String, reason: String },
    /// The object key breaks OSS's rules.
    #[error("invalid object key {key:?}: {reason}")]
    InvalidObjectKey { key: String, reason: String },
    /// The addressing style cannot be used with this endpoint.
    #[error("{0}")]
    Addressing(String),
    /// A raw request path (or a part of it) that is not valid percent-encoded UTF-8.
    #[error("request path {path:?} is not valid percent-encoded UTF-8: {reason}")]
    InvalidPath {
        /// The raw path or path component (at most 200 characters of it).
        path: String,
        /// What is wrong.
        reason: String,
    },
}

/// How the bucket is named in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AddressingStyle {
    /// `https://<bucket>.<endpoint-host>/<key>`.
    Virtual,
    /// `http://<endpoint-host>/<bucket>/<key>`.
    Path,
    /// `https://<custom-domain>/<key>`: the domain is bound to the bucket on the server.
    Cname,
}

impl AddressingStyle {
    /// `"virtual"`, `"path"` or `"cname"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AddressingStyle::Virtual => "virtual",
            AddressingStyle::Path => "path",
            AddressingStyle::Cname => "cname",
        }
    }
}

impl fmt::Display for AddressingStyle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Error for an unknown addressing style name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown addressing style {0:?}: expected virtual, path or cname")]
pub struct UnknownAddressingStyle(pub String);

impl FromStr for AddressingStyle {
    type Err = UnknownAddressingStyle;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "virtual" | "virtual-host" | "vhost" => Ok(AddressingStyle::Virtual),
            "path" | "path-style" => Ok(AddressingStyle::Path),
            "cname" => Ok(AddressingStyle::Cname),
            _ => Err(UnknownAddressingStyle(s.to_string())),
        }
    }
}

/// A parsed OSS (or OSS-compatible) endpoint: scheme, host and optional non-default port.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Endpoint {
    https: bool,
    /// Lower-case host; IPv6 addresses keep their brackets.
    host: String,
    port: Option<u16>,
}

impl Endpoint {
    /// Parses `[http://|https://]host[:port][/]`. Without a scheme, https is used. Default
    /// ports (80 for http, 443 for https) are dropped, as HTTP clients drop them from `Host`.
    pub fn parse(input: &str) -> Result<Endpoint, EndpointError> {
        let err = |reason: &str| EndpointError::InvalidEndpoint {
            input: input.to_string(),
            reason: reason.to_string(),
        };
        let s = input.trim();
        if s.is_empty() {
            return Err(err("it is empty"));
        }
        let (https, rest) = match s.split_once("://") {
            Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
                "https" => (true, rest),
                "http" => (false, rest),
                _ => return Err(err("the scheme must be http or https")),
            },
            None => (true, s),
        };
        let (authority, path) = match rest.find(['/', '?', '#']) {
            Some(i) => rest.split_at(i),
            None => (rest, ""),
        };
        if !(path.is_empty() || path == "/") {
            return Err(err(
                "an endpoint is scheme://host[:port] without a path or query",
            ));
        }
        if authority.contains('@') {
            return Err(err("user information (user@host) is not allowed"));
        }
        let (host, port_str) = if let Some(v6) = authority.strip_prefix('[') {
            let (addr, after) = v6
                .split_once(']')
                .ok_or_else(|| err("unclosed '[' in IPv6 address"))?;
            if addr.parse::<Ipv6Addr>().is_err() {
                return Err(err("invalid IPv6 address"));
            }
            let port = match after {
                "" => None,
                p => Some(
                    p.strip_prefix(':')
                        .ok_or_else(|| err("unexpected text after ']'"))?,
                ),
            };
            (format!("[{}]", addr.to_ascii_lowercase()), port)
        } else {
            match authority.split_once(':') {
                Some((h, p)) => (h.to_ascii_lowercase(), Some(p)),
                None => (authority.to_ascii_lowercase(), None),
            }
        };
        if host.is_empty() {
            return Err(err("the host is empty"));
        }
        if !host.starts_with('[') {
            let valid = host.split('.').all(|l| {
                !l.is_empty()
                    && l.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            });
            if !valid {
                return Err(err("the host must be a DNS name or an IP address"));
            }
        }
        let port = match port_str {
            None => None,
            Some(p) => {
                let n: u16 = p
                    .parse()
                    .map_err(|_| err("the port must be a number from 1 to 65535"))?;
                if n == 0 {
                    return Err(err("the port must be a number from 1 to 65535"));
                }
                Some(n)
            }
        };
        let port = match (https, port) {
            (true, Some(443)) | (false, Some(80)) => None,
            (_, p) => p,
        };
        Ok(Endpoint { https, host, port })
    }

    /// `"https"` or `"http"`.
    pub fn scheme(&self) -> &'static str {
        if self.https { "https" } else { "http" }
    }

    /// The lower-case host (IPv6 in brackets), without port.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The explicit, non-default port.
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// `host[:port]`, as it appears in `Host` for path-style and CNAME requests.
    pub fn authority(&self) -> String {
        match self.port {
            Some(p) => format!("{}:{p}", self.host),
            None => self.host.clone(),
        }
    }

    /// Whether the host is an IPv4 or IPv6 address.
    pub fn is_ip(&self) -> bool {
        self.host.parse::<Ipv4Addr>().is_ok() || self.host.starts_with('[')
    }

    /// Whether the host is `localhost`.
    pub fn is_localhost(&self) -> bool {
        self.host == "localhost"
    }

    /// The region from an `oss-<region>[-internal].aliyuncs.com` host (also with a bucket
    /// label in front), e.g. `cn-hangzhou`. `None` for other hosts (local endpoints,
    /// `oss-accelerate.aliyuncs.com`, custom domains).
    pub fn region_from_host(&self) -> Option<String> {
        region_from_host(&self.host)
    }

    /// The addressing style OSS clients use by default: path style for IP addresses and
    /// `localhost`, virtual-host otherwise.
    pub fn default_addressing_style(&self) -> AddressingStyle {
        if self.is_ip() || self.is_localhost() {
            AddressingStyle::Path
        } else {
            AddressingStyle::Virtual
        }
    }

    /// `host[:port]` for a request to `bucket` in `style` (what `Host` will carry).
    pub fn request_authority(
        &self,
        style: AddressingStyle,
        bucket: Option<&str>,
    ) -> Result<String, EndpointError> {
        match (style, bucket) {
            (AddressingStyle::Virtual, Some(b)) => {
                validate_bucket_name(b)?;
                if self.is_ip() {
                    return Err(EndpointError::Addressing(format!(
                        "virtual-host addressing needs a host name, but the endpoint {} is an IP address; use path addressing",
                        self.host
                    )));
                }
                Ok(match self.port {
                    Some(p) => format!("{b}.{}:{p}", self.host),
                    None => format!("{b}.{}", self.host),
                })
            }
            (_, Some(b)) => {
                validate_bucket_name(b)?;
                Ok(self.authority())
            }
            (_, None) => Ok(self.authority()),
        }
    }

    /// The URL for `bucket` (or the service when `None`), an optional object `key` and query
    /// parameters (`(name, None)` is written as a bare sub-resource such as `cors`).
    ///
    /// The key is percent-encoded with `/` kept; the bucket is validated.
    pub fn url(
        &self,
        style: AddressingStyle,
        bucket: Option<&str>,
        key: Option<&str>,
        query: &[(&str, Option<&str>)],
    ) -> Result<String, EndpointError> {
        if let Some(k) = key {
            validate_object_key(k)?;
        }
        if bucket.is_none() && key.is_some() {
            return Err(EndpointError::Addressing(
                "an object key needs a bucket".into(),
            ));
        }
        let authority = self.request_authority(style, bucket)?;
        let key_path = key.map(|k| uri_encode(k, true)).unwrap_or_default();
        let path = match (style, bucket) {
            (AddressingStyle::Path, Some(b)) => format!("/{b}/{key_path}"),
            _ => format!("/{key_path}"),
        };
        let mut url = format!("{}://{authority}{path}", self.scheme());
        let q = build_query(query.iter().copied());
        if !q.is_empty() {
            url.push('?');
            url.push_str(&q);
        }
        Ok(url)
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}", self.scheme(), self.authority())
    }
}

impl FromStr for Endpoint {
    type Err = EndpointError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Endpoint::parse(s)
    }
}

/// The region from an `oss-<region>[-internal].aliyuncs.com` host name (port allowed), e.g.
/// `oss-cn-hangzhou.aliyuncs.com` → `cn-hangzhou`. Accelerate endpoints have no region.
pub fn region_from_host(host: &str) -> Option<String> {
    let host = host.trim().to_ascii_lowercase();
    let host = host.rsplit_once(':').map_or(host.as_str(), |(h, p)| {
        if p.bytes().all(|b| b.is_ascii_digit()) {
            h
        } else {
            host.as_str()
        }
    });
    let rest = host.strip_suffix(".aliyuncs.com")?;
    let label = rest.rsplit('.').next()?;
    let region = label.strip_prefix("oss-")?;
    let region = region.strip_suffix("-internal").unwrap_or(region);
    if region.is_empty()
        || region.starts_with("accelerate")
        || !region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return None;
    }
    Some(region.to_string())
}

/// Checks OSS's bucket naming rules: 3 to 63 characters; lower-case letters, digits and
/// hyphens; neither starting nor ending with a hyphen.
pub fn validate_bucket_name(name: &str) -> Result<(), EndpointError> {
    let err = |reason: String| EndpointError::InvalidBucketName {
        name: name.to_string(),
        reason,
    };
    let len = name.chars().count();
    if !(3..=63).contains(&len) {
        return Err(err(format!(
            "it must be 3 to 63 characters long, not {len}"
        )));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        let what = if c.is_ascii_uppercase() {
            " (upper case is not allowed)"
        } else {
            ""
        };
        return Err(err(format!(
            "only lower-case letters, digits and hyphens are allowed, found {c:?}{what}"
        )));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Err(err("it must not start or end with a hyphen".into()));
    }
    Ok(())
}

/// Checks OSS's object key rules: 1 to 1023 bytes of UTF-8, not starting with `/` or `\`;
/// and, because URLs resolve them, no `.` or `..` path segments.
pub fn validate_object_key(key: &str) -> Result<(), EndpointError> {
    let err = |reason: String| EndpointError::InvalidObjectKey {
        key: key.chars().take(80).collect(),
        reason,
    };
    if key.is_empty() {
        return Err(err("it is empty".into()));
    }
    if key.len() > 1023 {
        return Err(err(format!(
            "it is {} bytes long; the limit is 1023",
            key.len()
        )));
    }
    if key.starts_with('/') || key.starts_with('\\') {
        return Err(err("it must not start with '/' or '\\'".into()));
    }
    if key.split('/').any(|seg| seg == "." || seg == "..") {
        return Err(err(
            "'.' and '..' path segments are not allowed: HTTP clients resolve them, so the request \
             would address another object than the one signed"
                .into(),
        ));
    }
    Ok(())
}

/// Percent-decodes a raw request path as OSS does: `%2F` becomes `/`, `+` stays `+`.
pub fn decode_path(raw_path: &str) -> Result<String, EndpointError> {
    String::from_utf8(percent_decode(raw_path, false))
        .map_err(|_| invalid_path(raw_path, "not UTF-8 after percent-decoding".into()))
}

/// Percent-decodes a path component received on the wire (`+` stays `+`) into UTF-8, refusing
/// malformed escapes (a server answers those InvalidURI).
pub fn decode_wire_path(raw: &str) -> Result<String, EndpointError> {
    let bytes = super::encode::percent_decode_strict(raw)
        .map_err(|i| invalid_path(raw, format!("bad percent-escape at byte {i}")))?;
    String::from_utf8(bytes)
        .map_err(|_| invalid_path(raw, "not UTF-8 after percent-decoding".into()))
}

fn invalid_path(raw: &str, reason: String) -> EndpointError {
    EndpointError::InvalidPath {
        path: raw.chars().take(200).collect(),
        reason,
    }
}

/// Where an incoming request is addressed: its bucket (if any) and key (if any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireTarget {
    /// The bucket, from the Host (virtual-host) or the first path segment; not yet checked
    /// against [`validate_bucket_name`].
    pub bucket: Option<String>,
    /// The decoded object key; `None` for bucket- or service-level requests.
    pub key: Option<String>,
    /// How the bucket was found.
    pub style: AddressingStyle,
}

/// Finds bucket and key from what arrived, as the SDKs address them (oss-signing.md §0):
/// - virtual-host: a `Host` of `<bucket>.<domain>[:port]` for one of `base_domains`; the
///   whole path is the key;
/// - path style: any other Host (an IP, a base domain itself, `localhost`); the first path
///   segment is the bucket and the rest the key.
///
/// The path is split before it is decoded, so a `%2F` in the bucket segment stays in the
/// bucket name (which then fails validation) instead of moving the split. Bucket segment and
/// key are percent-decoded strictly (`+` stays `+`): a malformed escape or invalid UTF-8 is
/// [`EndpointError::InvalidPath`]. An empty key is `None`.
pub fn target_from_wire(
    host: &str,
    raw_path: &str,
    base_domains: &[&str],
) -> Result<WireTarget, EndpointError> {
    let (style, bucket, raw_key) = split_wire(host, raw_path, base_domains);
    let bucket = bucket.map(WireBucket::decode).transpose()?;
    let key = if raw_key.is_empty() {
        None
    } else {
        Some(decode_wire_path(raw_key)?)
    };
    Ok(WireTarget { bucket, key, style })
}

/// The bucket a request names, found even when its key cannot be decoded (so a server can
/// still tell which bucket's CORS rules apply to its error answer). `None` when there is no
/// bucket or its path segment cannot be decoded.
pub fn bucket_from_wire(host: &str, raw_path: &str, base_domains: &[&str]) -> Option<String> {
    split_wire(host, raw_path, base_domains)
        .1
        .and_then(|b| b.decode().ok())
}

/// A bucket as it arrived: a virtual-host label, or a still-encoded path segment.
enum WireBucket<'a> {
    Host(String),
    Segment(&'a str),
}

impl WireBucket<'_> {
    fn decode(self) -> Result<String, EndpointError> {
        match self {
            WireBucket::Host(bucket) => Ok(bucket),
            WireBucket::Segment(raw) => decode_wire_path(raw),
        }
    }
}

/// The addressing step of [`target_from_wire`] and [`bucket_from_wire`]: the style, the
/// bucket as it arrived, and the still-encoded key part of the path.
fn split_wire<'a>(
    host: &str,
    raw_path: &'a str,
    base_domains: &[&str],
) -> (AddressingStyle, Option<WireBucket<'a>>, &'a str) {
    let path = raw_path.strip_prefix('/').unwrap_or(raw_path);
    if let Some(bucket) = vhost_bucket(host, base_domains) {
        return (
            AddressingStyle::Virtual,
            Some(WireBucket::Host(bucket)),
            path,
        );
    }
    let (bucket, rest) = path.split_once('/').unwrap_or((path, ""));
    let bucket = (!bucket.is_empty()).then_some(WireBucket::Segment(bucket));
    (AddressingStyle::Path, bucket, rest)
}

/// The host a `Host` header names: without the port, lower-cased, without a trailing dot;
/// `[::1]:9000` gives `::1`.
pub fn host_without_port(host: &str) -> String {
    bare_host(host).to_ascii_lowercase()
}

/// [`host_without_port`] before lower-casing (borrowed: no allocation).
fn bare_host(host: &str) -> &str {
    let host = host.trim();
    let bare = if let Some(rest) = host.strip_prefix('[') {
        match rest.find(']') {
            Some(end) => &rest[..end],
            None => rest,
        }
    } else {
        match host.rfind(':') {
            Some(i) if host[i + 1..].bytes().all(|b| b.is_ascii_digit()) => &host[..i],
            _ => host,
        }
    };
    bare.trim_end_matches('.')
}

/// The bucket a virtual-host `Host` names: everything left of `.<domain>` for the first of
/// `base_domains` it ends with (compared ignoring case and a trailing dot), lower-cased. A
/// prefix with dots (`a.b.localhost`) is returned whole, so bucket-name validation refuses it
/// rather than the request silently becoming path style.
pub fn vhost_bucket(host: &str, base_domains: &[&str]) -> Option<String> {
    let host = bare_host(host);
    base_domains.iter().find_map(|domain| {
        let domain = domain.trim().trim_matches('.');
        let cut = host.len().checked_sub(domain.len() + 1)?;
        let (prefix, suffix) = (host.get(..cut)?, host.get(cut..)?);
        (!domain.is_empty()
            && !prefix.is_empty()
            && suffix.starts_with('.')
            && suffix[1..].eq_ignore_ascii_case(domain))
        .then(|| prefix.to_ascii_lowercase())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_endpoint_forms() {
        let e = Endpoint::parse("https://oss-cn-hangzhou.aliyuncs.com").unwrap();
        assert_eq!(
            (e.scheme(), e.host(), e.port()),
            ("https", "oss-cn-hangzhou.aliyuncs.com", None)
        );
        let e = Endpoint::parse("OSS-cn-hangzhou.aliyuncs.com/").unwrap();
        assert_eq!(e.to_string(), "https://oss-cn-hangzhou.aliyuncs.com");
        let e = Endpoint::parse("http://127.0.0.1:9000").unwrap();
        assert_eq!(e.to_string(), "http://127.0.0.1:9000");
        assert!(e.is_ip());
        assert_eq!(e.default_addressing_style(), AddressingStyle::Path);
        let e = Endpoint::parse("http://[::1]:9000").unwrap();
        assert_eq!(e.authority(), "[::1]:9000");
        assert!(e.is_ip());
        assert_eq!(
            Endpoint::parse("https://x.example.com:443").unwrap().port(),
            None
        );
        assert_eq!(
            Endpoint::parse("http://localhost:80").unwrap().authority(),
            "localhost"
        );
        assert_eq!(
            Endpoint::parse("localhost:9000")
                .unwrap()
                .default_addressing_style(),
            AddressingStyle::Path
        );
        for bad in [
            "",
            "ftp://x.com",
            "http://",
            "http://a.com/path",
            "http://u@a.com",
            "a.com:0",
            "a.com:99999",
            "a..com",
            "http://[::1",
            "a b.com",
        ] {
            assert!(Endpoint::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn derives_region() {
        let r = |s: &str| Endpoint::parse(s).unwrap().region_from_host();
        assert_eq!(
            r("https://oss-cn-hangzhou.aliyuncs.com").as_deref(),
            Some("cn-hangzhou")
        );
        assert_eq!(
            r("oss-cn-hangzhou-internal.aliyuncs.com").as_deref(),
            Some("cn-hangzhou")
        );
        assert_eq!(
            r("oss-ap-southeast-1.aliyuncs.com").as_deref(),
            Some("ap-southeast-1")
        );
        assert_eq!(
            r("examplebucket.oss-us-west-1.aliyuncs.com").as_deref(),
            Some("us-west-1")
        );
        assert_eq!(r("oss-accelerate.aliyuncs.com"), None);
        assert_eq!(r("http://127.0.0.1:9000"), None);
        assert_eq!(r("static.example.com"), None);
        assert_eq!(
            region_from_host("oss-cn-beijing.aliyuncs.com:443").as_deref(),
            Some("cn-beijing")
        );
    }

    #[test]
    fn bucket_names() {
        for ok in ["abc", "example-bucket-1", &"a".repeat(63)] {
            validate_bucket_name(ok).unwrap();
        }
        for bad in [
            "ab",
            &"a".repeat(64),
            "Example",
            "a_b",
            "-abc",
            "abc-",
            "a.b",
            "ab c",
            "桶桶桶",
        ] {
            assert!(validate_bucket_name(bad).is_err(), "{bad:?}");
        }
        let msg = validate_bucket_name("MyBucket").unwrap_err().to_string();
        assert!(msg.contains("upper case"), "{msg}");
    }

    #[test]
    fn object_keys() {
        validate_object_key("a/b c.txt").unwrap();
        validate_object_key(&"k".repeat(1023)).unwrap();
        assert!(validate_object_key(&"k".repeat(1024)).is_err());
        assert!(validate_object_key("").is_err());
        assert!(validate_object_key("/abs").is_err());
        for bad in ["..", "a/../b", "./a", "a/.", "a/./b"] {
            assert!(validate_object_key(bad).is_err(), "{bad}");
        }
        for ok in ["a..b", ".hidden", "a/.b/..c", "a//b"] {
            validate_object_key(ok).unwrap();
        }
    }

    #[test]
    fn builds_urls() {
        let oss = Endpoint::parse("oss-cn-hangzhou.aliyuncs.com").unwrap();
        assert_eq!(
            oss.url(
                AddressingStyle::Virtual,
                Some("examplebucket"),
                None,
                &[("cors", None)]
            )
            .unwrap(),
            "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/?cors"
        );
        assert_eq!(
            oss.url(
                AddressingStyle::Path,
                Some("examplebucket"),
                None,
                &[("cors", None)]
            )
            .unwrap(),
            "https://oss-cn-hangzhou.aliyuncs.com/examplebucket/?cors"
        );
        let local = Endpoint::parse("http://127.0.0.1:9000").unwrap();
        assert_eq!(
            local
                .url(
                    AddressingStyle::Path,
                    Some("examplebucket"),
                    Some("dir one/sub+dir/文件 名~(1)&x=y%.txt"),
                    &[]
                )
                .unwrap(),
            "http://127.0.0.1:9000/examplebucket/dir%20one/sub%2Bdir/%E6%96%87%E4%BB%B6%20%E5%90%8D~%281%29%26x%3Dy%25.txt"
        );
        assert!(
            local
                .url(AddressingStyle::Virtual, Some("examplebucket"), None, &[])
                .is_err()
        );
        assert!(
            local
                .url(AddressingStyle::Path, Some("Bad_Bucket"), None, &[])
                .is_err()
        );
        let cname = Endpoint::parse("https://static.example.com").unwrap();
        assert_eq!(
            cname
                .url(
                    AddressingStyle::Cname,
                    Some("examplebucket"),
                    Some("a.txt"),
                    &[("x", Some("a b"))]
                )
                .unwrap(),
            "https://static.example.com/a.txt?x=a%20b"
        );
        let lh = Endpoint::parse("http://localhost:9000").unwrap();
        assert_eq!(
            lh.url(AddressingStyle::Virtual, Some("b12"), Some("k"), &[])
                .unwrap(),
            "http://b12.localhost:9000/k"
        );
    }

    #[test]
    fn resolves_wire_targets() {
        let t = target_from_wire(
            "examplebucket.oss-cn-hangzhou.aliyuncs.com",
            "/",
            &["oss-cn-hangzhou.aliyuncs.com"],
        )
        .unwrap();
        assert_eq!(
            (t.bucket.as_deref(), t.key.as_deref(), t.style),
            (Some("examplebucket"), None, AddressingStyle::Virtual)
        );
        let t = target_from_wire(
            "127.0.0.1:9000",
            "/examplebucket/dir%20one%2Fsub%2Bdir/x+y",
            &["localhost"],
        )
        .unwrap();
        assert_eq!(
            (t.bucket.as_deref(), t.key.as_deref()),
            (Some("examplebucket"), Some("dir one/sub+dir/x+y"))
        );
        let t = target_from_wire("b1.localhost:9000", "/k", &["localhost"]).unwrap();
        assert_eq!(
            (t.bucket.as_deref(), t.key.as_deref()),
            (Some("b1"), Some("k"))
        );
        let t = target_from_wire("127.0.0.1:9000", "/", &[]).unwrap();
        assert_eq!((t.bucket, t.key), (None, None));
        let t = target_from_wire("127.0.0.1:9000", "/b/", &[]).unwrap();
        assert_eq!((t.bucket.as_deref(), t.key), (Some("b"), None));
        assert!(target_from_wire("h", "/b/%FF", &[]).is_err());
        // Split before decoding: an encoded slash stays in the bucket segment.
        let t = target_from_wire("127.0.0.1", "/b%2Fc/k", &["localhost"]).unwrap();
        assert_eq!(
            (t.bucket.as_deref(), t.key.as_deref()),
            (Some("b/c"), Some("k"))
        );
        // A base domain itself, or a look-alike, is path style.
        let t = target_from_wire("oss.test:1", "/bkt/k", &["oss.test"]).unwrap();
        assert_eq!(
            (t.bucket.as_deref(), t.style),
            (Some("bkt"), AddressingStyle::Path)
        );
        let t = target_from_wire("xlocalhost", "/bkt/k", &["localhost"]).unwrap();
        assert_eq!(t.style, AddressingStyle::Path);
        assert!(matches!(
            target_from_wire("h", "/bkt/%ZZ", &[]),
            Err(EndpointError::InvalidPath { .. })
        ));
        // The bucket is still found when the key cannot be decoded.
        assert_eq!(
            bucket_from_wire("h", "/bkt/%ZZ", &[]).as_deref(),
            Some("bkt")
        );
        assert_eq!(
            bucket_from_wire("bkt.localhost", "/%ZZ", &["localhost"]).as_deref(),
            Some("bkt")
        );
        assert_eq!(bucket_from_wire("h", "/", &[]), None);
    }

    #[test]
    fn host_parsing() {
        assert_eq!(host_without_port("[::1]:9000"), "::1");
        assert_eq!(host_without_port("Example.COM.:80"), "example.com");
        assert_eq!(
            vhost_bucket("a.b.localhost:1", &["localhost"]).as_deref(),
            Some("a.b")
        );
        assert_eq!(
            vhost_bucket("BKT.Oss.Test.:8080", &["localhost", "oss.test."]).as_deref(),
            Some("bkt")
        );
        assert_eq!(vhost_bucket("localhost:1", &["localhost"]), None);
        assert_eq!(vhost_bucket("xlocalhost", &["localhost"]), None);
        assert_eq!(vhost_bucket(".localhost", &["localhost"]), None);
        assert_eq!(vhost_bucket("b.localhost", &[""]), None);
    }
}
