//! The pure router: (method, Host, raw path, raw query) → the OSS operation, bucket and key.
//!
//! No I/O. Bucket and key come from `oss::endpoint::target_from_wire` (virtual-host when the
//! Host is `<bucket>.<domain>`, else path style; percent-decoded, `+` stays `+`); this file
//! adds what a server decides beyond addressing: the operation, and OSS's key rules (UTF-8,
//! 1..=1023 bytes, not starting with `/` or `\`). Bucket names are checked by the caller
//! with `oss::endpoint`'s rules.

use std::fmt;

use crate::oss::endpoint::{self, AddressingStyle, EndpointError, target_from_wire};

/// Longest object key OSS accepts, in bytes.
pub const MAX_KEY_BYTES: usize = 1023;

/// The operation a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// `GET /` without a bucket.
    ListBuckets,
    /// `PUT /<bucket>/`.
    PutBucket,
    /// `DELETE /<bucket>/`.
    DeleteBucket,
    /// `HEAD /<bucket>/`.
    HeadBucket,
    /// `GET /<bucket>/?bucketInfo`.
    GetBucketInfo,
    /// `GET /<bucket>/?location`.
    GetBucketLocation,
    /// `GET /<bucket>/` (V1 listing, or V2 with `list-type=2`).
    ListObjects,
    /// `PUT /<bucket>/?acl`.
    PutBucketAcl,
    /// `GET /<bucket>/?acl`.
    GetBucketAcl,
    /// `PUT /<bucket>/?cors`.
    PutBucketCors,
    /// `GET /<bucket>/?cors`.
    GetBucketCors,
    /// `DELETE /<bucket>/?cors`.
    DeleteBucketCors,
    /// `PUT /<bucket>/<key>`.
    PutObject,
    /// `GET /<bucket>/<key>`.
    GetObject,
    /// `HEAD /<bucket>/<key>`.
    HeadObject,
    /// `HEAD /<bucket>/<key>?objectMeta` (ETag, size, last modification only).
    GetObjectMeta,
    /// `DELETE /<bucket>/<key>`.
    DeleteObject,
    /// `POST /<bucket>/?delete`.
    DeleteMultipleObjects,
    /// `OPTIONS` on a bucket or object: a CORS preflight.
    Preflight,
}

impl Operation {
    /// The OSS API name (used in logs).
    pub fn name(self) -> &'static str {
        match self {
            Operation::ListBuckets => "ListBuckets",
            Operation::PutBucket => "PutBucket",
            Operation::DeleteBucket => "DeleteBucket",
            Operation::HeadBucket => "HeadBucket",
            Operation::GetBucketInfo => "GetBucketInfo",
            Operation::GetBucketLocation => "GetBucketLocation",
            Operation::ListObjects => "ListObjects",
            Operation::PutBucketAcl => "PutBucketAcl",
            Operation::GetBucketAcl => "GetBucketAcl",
            Operation::PutBucketCors => "PutBucketCors",
            Operation::GetBucketCors => "GetBucketCors",
            Operation::DeleteBucketCors => "DeleteBucketCors",
            Operation::PutObject => "PutObject",
            Operation::GetObject => "GetObject",
            Operation::HeadObject => "HeadObject",
            Operation::GetObjectMeta => "GetObjectMeta",
            Operation::DeleteObject => "DeleteObject",
            Operation::DeleteMultipleObjects => "DeleteMultipleObjects",
            Operation::Preflight => "Options",
        }
    }

    /// Whether the operation only reads object data (what `public-read` allows anonymously).
    pub fn is_object_read(self) -> bool {
        matches!(
            self,
            Operation::GetObject
                | Operation::HeadObject
                | Operation::GetObjectMeta
                | Operation::ListObjects
        )
    }

    /// Whether the operation writes object data (what `public-read-write` adds).
    pub fn is_object_write(self) -> bool {
        matches!(
            self,
            Operation::PutObject | Operation::DeleteObject | Operation::DeleteMultipleObjects
        )
    }
}

/// A routed request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The operation.
    pub op: Operation,
    /// The bucket, when there is one (not yet validated).
    pub bucket: Option<String>,
    /// The decoded object key, for object operations.
    pub key: Option<String>,
    /// Addressing style ([`AddressingStyle::Virtual`] or [`AddressingStyle::Path`]).
    pub style: AddressingStyle,
}

/// Why a request could not be routed; each maps to an OSS error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteError {
    /// The path is not valid percent-encoded UTF-8 (`InvalidURI`).
    InvalidUri(String),
    /// The key breaks OSS's rules (`InvalidObjectName`).
    InvalidObjectName(String),
    /// The key is longer than 1023 bytes (`KeyTooLong`).
    KeyTooLong(usize),
    /// Method not allowed on this resource (`MethodNotAllowed`).
    MethodNotAllowed {
        /// The method.
        method: String,
        /// The resource kind.
        resource: &'static str,
    },
    /// A sub-resource or API this endpoint does not implement (`NotImplemented`).
    NotImplemented(String),
}

impl fmt::Display for RouteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RouteError::InvalidUri(why) => write!(f, "Invalid URI: {why}"),
            RouteError::InvalidObjectName(why) => write!(f, "The object name is invalid: {why}"),
            RouteError::KeyTooLong(n) => write!(
                f,
                "The object key is {n} bytes long; OSS allows at most {MAX_KEY_BYTES} bytes."
            ),
            RouteError::MethodNotAllowed { method, resource } => write!(
                f,
                "The specified method {method} is not allowed against this {resource} resource."
            ),
            RouteError::NotImplemented(what) => write!(
                f,
                "{what} is not implemented by ossctl serve (a local OSS-compatible endpoint \
                 for bucket CORS, ACLs and simple objects)."
            ),
        }
    }
}

/// Sub-resources OSS knows that this endpoint does not implement; a request naming one is
/// answered `NotImplemented` instead of being mistaken for a plain object/bucket request.
const UNIMPLEMENTED_SUBRESOURCES: &[&str] = &[
    "append",
    "comp",
    "encryption",
    "inventory",
    "lifecycle",
    "logging",
    "metaQuery",
    "policy",
    "position",
    "qos",
    "referer",
    "replication",
    "requestPayment",
    "restore",
    "stat",
    "symlink",
    "tagging",
    "transferAcceleration",
    "uploadId",
    "uploads",
    "versioning",
    "versions",
    "website",
    "worm",
    "x-oss-process",
];

/// Percent-decodes a path component or query part (`+` stays `+`); a malformed escape or
/// invalid UTF-8 is an InvalidURI error.
pub fn decode_path(raw: &str) -> Result<String, RouteError> {
    endpoint::decode_wire_path(raw).map_err(RouteError::from)
}

impl From<EndpointError> for RouteError {
    fn from(e: EndpointError) -> Self {
        match e {
            EndpointError::InvalidPath { reason, .. } => RouteError::InvalidUri(reason),
            other => RouteError::InvalidUri(other.to_string()),
        }
    }
}

/// Query parameter names (decoded, `+` as space), in order; values are not needed to route.
pub fn query_names(raw_query: &str) -> Vec<String> {
    raw_query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let name = p.split('=').next().unwrap_or("");
            decode_path(&name.replace('+', " ")).unwrap_or_else(|_| name.to_string())
        })
        .collect()
}

/// The value of query parameter `name` (decoded, `+` as space), if present.
pub fn query_value(raw_query: &str, name: &str) -> Option<String> {
    raw_query.split('&').find_map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        let k = decode_path(&k.replace('+', " ")).ok()?;
        if k == name {
            decode_path(&v.replace('+', " ")).ok()
        } else {
            None
        }
    })
}

/// Checks OSS's key rules (1..=1023 bytes, no leading `/` or `\`); the key is decoded.
pub fn check_key(key: &str) -> Result<(), RouteError> {
    if key.is_empty() {
        return Err(RouteError::InvalidObjectName(
            "an object key must not be empty".into(),
        ));
    }
    if key.len() > MAX_KEY_BYTES {
        return Err(RouteError::KeyTooLong(key.len()));
    }
    if key.starts_with('/') || key.starts_with('\\') {
        return Err(RouteError::InvalidObjectName(
            "an object key must not start with '/' or '\\'".into(),
        ));
    }
    Ok(())
}

/// Routes a request. `domain` is the virtual-host base domain (`--domain`).
pub fn route(
    method: &str,
    host: &str,
    raw_path: &str,
    raw_query: &str,
    domain: &str,
) -> Result<Route, RouteError> {
    let target = target_from_wire(host, raw_path, &[domain])?;
    let (style, bucket, key) = (target.style, target.bucket, target.key);
    if let Some(key) = &key {
        check_key(key)?;
    }
    let names = query_names(raw_query);
    let has = |n: &str| names.iter().any(|x| x == n);
    let not_allowed = |resource: &'static str| {
        Err(RouteError::MethodNotAllowed {
            method: method.to_string(),
            resource,
        })
    };
    if method == "OPTIONS" && bucket.is_some() {
        return Ok(Route {
            op: Operation::Preflight,
            bucket,
            key,
            style,
        });
    }
    if let Some(sub) = UNIMPLEMENTED_SUBRESOURCES
        .iter()
        .find(|s| names.iter().any(|n| n == *s))
    {
        return Err(RouteError::NotImplemented(format!(
            "The ?{sub} sub-resource"
        )));
    }
    let op = match (&bucket, &key) {
        (None, _) => match method {
            "GET" => Operation::ListBuckets,
            _ => return not_allowed("service"),
        },
        (Some(_), None) => {
            if has("cors") {
                match method {
                    "PUT" => Operation::PutBucketCors,
                    "GET" => Operation::GetBucketCors,
                    "DELETE" => Operation::DeleteBucketCors,
                    _ => return not_allowed("cors"),
                }
            } else if has("acl") {
                match method {
                    "PUT" => Operation::PutBucketAcl,
                    "GET" => Operation::GetBucketAcl,
                    _ => return not_allowed("acl"),
                }
            } else if has("delete") {
                match method {
                    "POST" => Operation::DeleteMultipleObjects,
                    _ => return not_allowed("delete"),
                }
            } else if has("bucketInfo") {
                match method {
                    "GET" => Operation::GetBucketInfo,
                    _ => return not_allowed("bucketInfo"),
                }
            } else if has("location") {
                match method {
                    "GET" => Operation::GetBucketLocation,
                    _ => return not_allowed("location"),
                }
            } else {
                match method {
                    "PUT" => Operation::PutBucket,
                    "DELETE" => Operation::DeleteBucket,
                    "HEAD" => Operation::HeadBucket,
                    "GET" => Operation::ListObjects,
                    "POST" => {
                        return Err(RouteError::NotImplemented(
                            "PostObject (HTML form upload)".into(),
                        ));
                    }
                    _ => return not_allowed("bucket"),
                }
            }
        }
        (Some(_), Some(_)) => {
            if has("acl") {
                return Err(RouteError::NotImplemented("Object ACLs (?acl)".into()));
            }
            if has("cors") {
                return not_allowed("object");
            }
            if has("objectMeta") {
                return match method {
                    "HEAD" => Ok(Route {
                        op: Operation::GetObjectMeta,
                        bucket,
                        key,
                        style,
                    }),
                    _ => not_allowed("objectMeta"),
                };
            }
            match method {
                "PUT" => Operation::PutObject,
                "GET" => Operation::GetObject,
                "HEAD" => Operation::HeadObject,
                "DELETE" => Operation::DeleteObject,
                "POST" => {
                    return Err(RouteError::NotImplemented("POST on an object".into()));
                }
                _ => return not_allowed("object"),
            }
        }
    };
    Ok(Route {
        op,
        bucket,
        key,
        style,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(method: &str, host: &str, path: &str, query: &str) -> Result<Route, RouteError> {
        route(method, host, path, query, "localhost")
    }

    #[test]
    fn path_style_bucket_and_object_operations() {
        let x = r("PUT", "127.0.0.1:9000", "/bkt/", "cors").unwrap();
        assert_eq!(x.op, Operation::PutBucketCors);
        assert_eq!(x.bucket.as_deref(), Some("bkt"));
        assert_eq!(x.key, None);
        assert_eq!(x.style, AddressingStyle::Path);
        for (method, host, path, query, op) in [
            (
                "GET",
                "127.0.0.1",
                "/bkt",
                "cors=",
                Operation::GetBucketCors,
            ),
            (
                "DELETE",
                "127.0.0.1",
                "/bkt/",
                "cors",
                Operation::DeleteBucketCors,
            ),
            ("PUT", "localhost:1", "/bkt", "", Operation::PutBucket),
            (
                "GET",
                "127.0.0.1",
                "/bkt/",
                "bucketInfo",
                Operation::GetBucketInfo,
            ),
            ("PUT", "127.0.0.1", "/bkt/", "acl", Operation::PutBucketAcl),
        ] {
            assert_eq!(
                r(method, host, path, query).map(|x| x.op),
                Ok(op),
                "{method} {host} {path}?{query}"
            );
        }
        assert_eq!(r("GET", "h", "/", "").unwrap().op, Operation::ListBuckets);
        let o = r(
            "GET",
            "127.0.0.1",
            "/bkt/dir%2Fa%20b+c.txt",
            "response-content-type=x",
        )
        .unwrap();
        assert_eq!(o.op, Operation::GetObject);
        assert_eq!(o.key.as_deref(), Some("dir/a b+c.txt"));
    }

    #[test]
    fn virtual_host_style() {
        let x = route("GET", "bkt.oss.test:8080", "/", "cors", "oss.test").unwrap();
        assert_eq!(x.op, Operation::GetBucketCors);
        assert_eq!(x.bucket.as_deref(), Some("bkt"));
        assert_eq!(x.style, AddressingStyle::Virtual);
        let o = route("PUT", "BKT.localhost", "/a/b.txt", "", "localhost").unwrap();
        assert_eq!(o.op, Operation::PutObject);
        assert_eq!(o.bucket.as_deref(), Some("bkt"));
        assert_eq!(o.key.as_deref(), Some("a/b.txt"));
        // The domain itself is path style.
        let p = route("GET", "oss.test:1", "/bkt/k", "", "oss.test").unwrap();
        assert_eq!(p.style, AddressingStyle::Path);
        assert_eq!(p.bucket.as_deref(), Some("bkt"));
    }

    #[test]
    fn preflight_and_unimplemented() {
        for path in ["/bkt/k", "/bkt/", "/bkt"] {
            let x = r("OPTIONS", "127.0.0.1", path, "lifecycle").unwrap();
            assert_eq!(
                (x.op, x.bucket.as_deref()),
                (Operation::Preflight, Some("bkt"))
            );
        }
        assert!(matches!(
            r("OPTIONS", "127.0.0.1", "/", ""),
            Err(RouteError::MethodNotAllowed { .. })
        ));
        assert!(matches!(
            r("GET", "127.0.0.1", "/bkt/", "lifecycle"),
            Err(RouteError::NotImplemented(_))
        ));
        assert!(matches!(
            r("POST", "127.0.0.1", "/bkt/", "cors"),
            Err(RouteError::MethodNotAllowed { .. })
        ));
    }

    #[test]
    fn hostile_paths_are_refused_or_kept_as_keys() {
        assert!(matches!(
            r("GET", "127.0.0.1", "/bkt/%ZZ", ""),
            Err(RouteError::InvalidUri(_))
        ));
        assert!(matches!(
            r("GET", "127.0.0.1", "/bkt/%FF%FE", ""),
            Err(RouteError::InvalidUri(_))
        ));
        assert!(matches!(
            r("GET", "127.0.0.1", "/bkt//etc/passwd", ""),
            Err(RouteError::InvalidObjectName(_))
        ));
        let long = "a".repeat(1024);
        assert!(matches!(
            r("GET", "127.0.0.1", &format!("/bkt/{long}"), ""),
            Err(RouteError::KeyTooLong(1024))
        ));
        assert!(r("GET", "127.0.0.1", &format!("/bkt/{}", &long[1..]), "").is_ok());
        // `..` is just part of a key; the store never uses keys as paths.
        let x = r("GET", "127.0.0.1", "/bkt/../../x%00y", "").unwrap();
        assert_eq!(x.key.as_deref(), Some("../../x\0y"));
    }

    #[test]
    fn hosts_and_queries() {
        // Host parsing itself is tested in oss::endpoint; here, that the router uses it.
        let x = r("GET", "A.B.LocalHost.:1", "/k", "").unwrap();
        assert_eq!(x.bucket.as_deref(), Some("a.b"));
        assert_eq!(x.style, AddressingStyle::Virtual);
        assert_eq!(
            r("GET", "xlocalhost", "/", "").unwrap().op,
            Operation::ListBuckets
        );
        assert_eq!(query_value("a=1&b=x+y%2F", "b").as_deref(), Some("x y/"));
        assert_eq!(query_names("cors&x=1&%61cl="), ["cors", "x", "acl"]);
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The router never panics, whatever arrives, and a routed key always obeys OSS's
        /// rules (so the store only ever sees valid keys).
        #[test]
        fn route_is_total(
            method in prop::sample::select(vec!["GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH", "get"]),
            host in ".{0,40}",
            path in "(/|%[0-9A-Fa-f]{0,2}|[a-z0-9.+~%-]|\\PC){0,60}",
            query in "([a-zA-Z=&%+-]|\\PC){0,40}",
        ) {
            if let Ok(r) = route(method, &host, &path, &query, "localhost") {
                if let Some(key) = &r.key {
                    prop_assert!(check_key(key).is_ok());
                }
                prop_assert!(r.bucket.is_some() || matches!(r.op, Operation::ListBuckets));
            }
        }
    }
}
