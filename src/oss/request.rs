//! Requests as plain data, and one builder per OSS API call the project uses.
//!
//! A builder returns exactly the headers that will be signed and sent (`Host`,
//! `Content-Length` and `User-Agent` are left to the transport; none of them is signed by
//! default). Sign the result with `oss::sign::sign` just before sending, and again on
//! every retry.

use base64::Engine as _;
use md5::{Digest as _, Md5};

use super::endpoint::{AddressingStyle, Endpoint, EndpointError};

/// An HTTP request as plain data: what the transport sends and what the signer signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `PUT`, `DELETE`, `HEAD`, `OPTIONS`, `POST`.
    pub method: String,
    /// The full URL, percent-encoded (`https://bucket.host/key?cors`).
    pub url: String,
    /// Headers in order; names keep their case, lookups are case-insensitive.
    pub headers: Vec<(String, String)>,
    /// The body (empty for most calls).
    pub body: Vec<u8>,
}

impl HttpRequest {
    /// A request without headers or body.
    pub fn new(method: impl Into<String>, url: impl Into<String>) -> Self {
        HttpRequest {
            method: method.into(),
            url: url.into(),
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Sets header `name`, replacing every existing header of that name (case-insensitive).
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.remove_header(name);
        self.headers.push((name.to_string(), value.into()));
    }

    /// Removes every header called `name` (case-insensitive).
    pub fn remove_header(&mut self, name: &str) {
        self.headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
    }

    /// The URL split at `?`: `(everything before, raw query)`; the fragment is dropped.
    pub fn split_url(&self) -> (&str, &str) {
        let url = self.url.split('#').next().unwrap_or_default();
        url.split_once('?').unwrap_or((url, ""))
    }

    /// `host[:port]` of the URL (what `Host` carries unless a header overrides it).
    pub fn url_authority(&self) -> &str {
        let (base, _) = self.split_url();
        let after_scheme = base.split_once("://").map_or(base, |(_, rest)| rest);
        after_scheme.split('/').next().unwrap_or_default()
    }
}

/// The OSS API operations the builders produce; names are OSS's and RAM's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    PutBucketCors,
    GetBucketCors,
    DeleteBucketCors,
    OptionObject,
    PutBucket,
    DeleteBucket,
    GetBucketInfo,
    GetBucketAcl,
    PutBucketAcl,
    PutObject,
    GetObject,
    HeadObject,
    DeleteObject,
}

impl Operation {
    /// The API name, e.g. `PutBucketCors`.
    pub fn name(self) -> &'static str {
        match self {
            Operation::PutBucketCors => "PutBucketCors",
            Operation::GetBucketCors => "GetBucketCors",
            Operation::DeleteBucketCors => "DeleteBucketCors",
            Operation::OptionObject => "OptionObject",
            Operation::PutBucket => "PutBucket",
            Operation::DeleteBucket => "DeleteBucket",
            Operation::GetBucketInfo => "GetBucketInfo",
            Operation::GetBucketAcl => "GetBucketAcl",
            Operation::PutBucketAcl => "PutBucketAcl",
            Operation::PutObject => "PutObject",
            Operation::GetObject => "GetObject",
            Operation::HeadObject => "HeadObject",
            Operation::DeleteObject => "DeleteObject",
        }
    }

    /// The RAM action a policy must allow, e.g. `oss:PutBucketCors`. `None` for preflights,
    /// which OSS evaluates without authorization.
    pub fn ram_action(self) -> Option<&'static str> {
        match self {
            Operation::OptionObject => None,
            other => Some(ram_name(other)),
        }
    }
}

fn ram_name(op: Operation) -> &'static str {
    match op {
        Operation::PutBucketCors => "oss:PutBucketCors",
        Operation::GetBucketCors => "oss:GetBucketCors",
        Operation::DeleteBucketCors => "oss:DeleteBucketCors",
        Operation::PutBucket => "oss:PutBucket",
        Operation::DeleteBucket => "oss:DeleteBucket",
        Operation::GetBucketAcl => "oss:GetBucketAcl",
        Operation::PutBucketAcl => "oss:PutBucketAcl",
        Operation::PutObject => "oss:PutObject",
        Operation::GetObject | Operation::HeadObject => "oss:GetObject",
        Operation::DeleteObject => "oss:DeleteObject",
        Operation::GetBucketInfo => "oss:GetBucketInfo",
        Operation::OptionObject => "",
    }
}

/// Base64 of the MD5 of `body`, the `Content-MD5` header value.
pub fn content_md5(body: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(Md5::digest(body))
}

fn bucket_request(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    method: &str,
    query: &[(&str, Option<&str>)],
) -> Result<HttpRequest, EndpointError> {
    Ok(HttpRequest::new(
        method,
        ep.url(style, Some(bucket), None, query)?,
    ))
}

/// The builders of calls that carry nothing but a method and, on a bucket, a sub-resource:
/// one line each, `name => METHOD [? sub-resource]`, for a bucket (`bucket`) or an object
/// (`object`).
macro_rules! bare_calls {
    ($($(#[doc = $doc:literal])* bucket $name:ident => $method:literal $(? $sub:literal)?;)*) => {$(
        $(#[doc = $doc])*
        pub fn $name(
            ep: &Endpoint,
            style: AddressingStyle,
            bucket: &str,
        ) -> Result<HttpRequest, EndpointError> {
            bucket_request(ep, style, bucket, $method, &[$(($sub, None))?])
        }
    )*};
    ($($(#[doc = $doc:literal])* object $name:ident => $method:literal;)*) => {$(
        $(#[doc = $doc])*
        pub fn $name(
            ep: &Endpoint,
            style: AddressingStyle,
            bucket: &str,
            key: &str,
        ) -> Result<HttpRequest, EndpointError> {
            Ok(HttpRequest::new($method, ep.url(style, Some(bucket), Some(key), &[])?))
        }
    )*};
}

bare_calls! {
    /// `GET /?cors`.
    bucket get_bucket_cors => "GET" ? "cors";
    /// `DELETE /?cors` (idempotent on OSS: 204 also when there is no configuration).
    bucket delete_bucket_cors => "DELETE" ? "cors";
    /// `DELETE /` (refused by OSS while the bucket holds objects).
    bucket delete_bucket => "DELETE";
    /// `GET /?bucketInfo`.
    bucket get_bucket_info => "GET" ? "bucketInfo";
    /// `GET /?acl`.
    bucket get_bucket_acl => "GET" ? "acl";
}

bare_calls! {
    /// `HEAD /<key>`.
    object head_object => "HEAD";
    /// `DELETE /<key>`.
    object delete_object => "DELETE";
}

/// `PUT /?cors` with the CORSConfiguration XML, `Content-Type: application/xml` and
/// `Content-MD5`. PutBucketCors replaces every rule of the bucket.
pub fn put_bucket_cors(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    body_xml: impl Into<Vec<u8>>,
) -> Result<HttpRequest, EndpointError> {
    let mut req = bucket_request(ep, style, bucket, "PUT", &[("cors", None)])?;
    req.body = body_xml.into();
    req.headers
        .push(("Content-Type".into(), "application/xml".into()));
    req.headers
        .push(("Content-MD5".into(), content_md5(&req.body)));
    Ok(req)
}

/// [`put_bucket_cors`] with the body written by [`crate::rules::to_xml`] (validate the
/// configuration first with [`crate::rules::validate`]).
pub fn put_bucket_cors_config(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    config: &crate::rules::CorsConfiguration,
) -> Result<HttpRequest, EndpointError> {
    put_bucket_cors(ep, style, bucket, crate::rules::to_xml(config).into_bytes())
}

/// What a browser's preflight asks for: the headers [`options_object`] sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PreflightHeaders<'a> {
    /// `Origin`.
    pub origin: &'a str,
    /// `Access-Control-Request-Method`.
    pub method: &'a str,
    /// `Access-Control-Request-Headers`, sent when given and not blank.
    pub request_headers: Option<&'a str>,
}

impl<'a> PreflightHeaders<'a> {
    /// A preflight from `origin` asking for `method` and `request_headers`.
    pub fn new(origin: &'a str, method: &'a str, request_headers: Option<&'a str>) -> Self {
        PreflightHeaders {
            origin,
            method,
            request_headers,
        }
    }
}

/// An unsigned CORS preflight, exactly as a browser sends it: `OPTIONS` on the object (or the
/// bucket root when `key` is `None`) with the [`PreflightHeaders`]. Do not sign it.
pub fn options_object(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    key: Option<&str>,
    ask: &PreflightHeaders<'_>,
) -> Result<HttpRequest, EndpointError> {
    let PreflightHeaders {
        origin,
        method,
        request_headers,
    } = *ask;
    let mut req = HttpRequest::new("OPTIONS", ep.url(style, Some(bucket), key, &[])?);
    req.headers.push(("Origin".into(), origin.to_string()));
    req.headers
        .push(("Access-Control-Request-Method".into(), method.to_string()));
    if let Some(h) = request_headers.filter(|h| !h.trim().is_empty()) {
        req.headers
            .push(("Access-Control-Request-Headers".into(), h.to_string()));
    }
    Ok(req)
}

/// `PUT /` creating a bucket, with `x-oss-acl` when `acl` is given
/// (`private`, `public-read`, `public-read-write`).
pub fn put_bucket(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    acl: Option<&str>,
) -> Result<HttpRequest, EndpointError> {
    let mut req = bucket_request(ep, style, bucket, "PUT", &[])?;
    if let Some(acl) = acl {
        req.headers.push(("x-oss-acl".into(), acl.to_string()));
    }
    Ok(req)
}

/// `PUT /?acl` with `x-oss-acl`.
pub fn put_bucket_acl(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    acl: &str,
) -> Result<HttpRequest, EndpointError> {
    let mut req = bucket_request(ep, style, bucket, "PUT", &[("acl", None)])?;
    req.headers.push(("x-oss-acl".into(), acl.to_string()));
    Ok(req)
}

/// `PUT /<key>` with the body, its `Content-MD5`, and `Content-Type` when given.
pub fn put_object(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    key: &str,
    body: impl Into<Vec<u8>>,
    content_type: Option<&str>,
) -> Result<HttpRequest, EndpointError> {
    let mut req = HttpRequest::new("PUT", ep.url(style, Some(bucket), Some(key), &[])?);
    req.body = body.into();
    if let Some(ct) = content_type {
        req.headers.push(("Content-Type".into(), ct.to_string()));
    }
    req.headers
        .push(("Content-MD5".into(), content_md5(&req.body)));
    Ok(req)
}

/// `GET /<key>`, with a `Range` header when given (e.g. `bytes=0-9`).
pub fn get_object(
    ep: &Endpoint,
    style: AddressingStyle,
    bucket: &str,
    key: &str,
    range: Option<&str>,
) -> Result<HttpRequest, EndpointError> {
    let mut req = HttpRequest::new("GET", ep.url(style, Some(bucket), Some(key), &[])?);
    if let Some(r) = range {
        req.headers.push(("Range".into(), r.to_string()));
    }
    Ok(req)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep() -> Endpoint {
        Endpoint::parse("https://oss-cn-hangzhou.aliyuncs.com").unwrap()
    }

    #[test]
    fn put_cors_has_type_and_md5() {
        let r = put_bucket_cors(
            &ep(),
            AddressingStyle::Virtual,
            "examplebucket",
            b"<CORSConfiguration/>".to_vec(),
        )
        .unwrap();
        assert_eq!(r.method, "PUT");
        assert_eq!(
            r.url,
            "https://examplebucket.oss-cn-hangzhou.aliyuncs.com/?cors"
        );
        assert_eq!(r.header("content-type"), Some("application/xml"));
        assert_eq!(
            r.header("Content-MD5").map(str::to_string),
            Some(content_md5(b"<CORSConfiguration/>"))
        );
        assert_eq!(content_md5(b""), "1B2M2Y8AsgTpgAmY7PhCfg==");
    }

    #[test]
    fn put_cors_from_a_configuration() {
        let config = crate::rules::CorsConfiguration {
            rules: vec![crate::rules::CorsRule {
                allowed_origins: vec!["https://app.example.com".into()],
                allowed_methods: vec!["GET".into()],
                ..Default::default()
            }],
            response_vary: Some(true),
        };
        let r = put_bucket_cors_config(&ep(), AddressingStyle::Virtual, "bkt", &config).unwrap();
        let body = String::from_utf8(r.body.clone()).unwrap();
        assert!(
            body.contains("<AllowedOrigin>https://app.example.com</AllowedOrigin>"),
            "{body}"
        );
        assert_eq!(
            r.header("content-md5").map(str::to_string),
            Some(content_md5(&r.body))
        );
    }

    #[test]
    fn get_delete_options() {
        let local = Endpoint::parse("http://127.0.0.1:9000").unwrap();
        let g = get_bucket_cors(&local, AddressingStyle::Path, "b1b").unwrap();
        assert_eq!(
            (g.method.as_str(), g.url.as_str()),
            ("GET", "http://127.0.0.1:9000/b1b/?cors")
        );
        assert!(g.headers.is_empty());
        let d = delete_bucket_cors(&local, AddressingStyle::Path, "b1b").unwrap();
        assert_eq!(d.method, "DELETE");
        let o = options_object(
            &local,
            AddressingStyle::Path,
            "b1b",
            Some("a b.txt"),
            &PreflightHeaders::new("https://app.example.com", "PUT", Some("content-type")),
        )
        .unwrap();
        assert_eq!(o.url, "http://127.0.0.1:9000/b1b/a%20b.txt");
        assert_eq!(o.header("origin"), Some("https://app.example.com"));
        assert_eq!(o.header("access-control-request-method"), Some("PUT"));
        assert_eq!(
            o.header("access-control-request-headers"),
            Some("content-type")
        );
        assert!(o.header("authorization").is_none());
        let o = options_object(
            &local,
            AddressingStyle::Path,
            "b1b",
            None,
            &PreflightHeaders::new("o", "GET", None),
        )
        .unwrap();
        assert_eq!(o.url, "http://127.0.0.1:9000/b1b/");
        assert!(o.header("access-control-request-headers").is_none());
        assert!(get_bucket_cors(&local, AddressingStyle::Path, "B").is_err());
    }

    #[test]
    fn object_builders_and_actions() {
        let p = put_object(
            &ep(),
            AddressingStyle::Virtual,
            "bkt",
            "a/b.txt",
            b"hi".to_vec(),
            Some("text/plain"),
        )
        .unwrap();
        assert_eq!(p.url, "https://bkt.oss-cn-hangzhou.aliyuncs.com/a/b.txt");
        assert_eq!(p.header("content-type"), Some("text/plain"));
        let g = get_object(
            &ep(),
            AddressingStyle::Virtual,
            "bkt",
            "k",
            Some("bytes=0-9"),
        )
        .unwrap();
        assert_eq!(g.header("range"), Some("bytes=0-9"));
        let b = put_bucket(&ep(), AddressingStyle::Virtual, "bkt", Some("public-read")).unwrap();
        assert_eq!(b.header("x-oss-acl"), Some("public-read"));
        assert_eq!(
            Operation::PutBucketCors.ram_action(),
            Some("oss:PutBucketCors")
        );
        assert_eq!(Operation::HeadObject.ram_action(), Some("oss:GetObject"));
        assert_eq!(Operation::OptionObject.ram_action(), None);
        assert_eq!(p.url_authority(), "bkt.oss-cn-hangzhou.aliyuncs.com");
    }
}
