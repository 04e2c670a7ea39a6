//! Building responses: the body type, OSS errors (`<Error>` XML, `x-oss-ec`, `x-oss-err` on
//! bodiless responses), small XML documents, and OSS's date formats.

use std::convert::Infallible;
use std::io;

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty, Full, combinators::UnsyncBoxBody};
use hyper::header::{HeaderName, HeaderValue};
use hyper::{Response, StatusCode};

use crate::oss::error::ErrorBody;

/// Every response body: a buffered document or a streamed object.
pub type Body = UnsyncBoxBody<Bytes, io::Error>;

/// An empty body.
pub fn empty() -> Body {
    Empty::<Bytes>::new()
        .map_err(|never: Infallible| match never {})
        .boxed_unsync()
}

/// A buffered body.
pub fn full(bytes: impl Into<Bytes>) -> Body {
    Full::new(bytes.into())
        .map_err(|never: Infallible| match never {})
        .boxed_unsync()
}

/// An OSS error, before it becomes a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// OSS error code (`NoSuchBucket`...).
    pub code: String,
    /// Human-readable message.
    pub message: String,
    /// OSS `EC` value, when known for this error.
    pub ec: Option<String>,
    /// Extra children of `<Error>` (`BucketName`, `StringToSign`, `ArgumentName`...).
    pub extra: Vec<(String, String)>,
}

impl ApiError {
    /// An error with no EC and no extra fields.
    pub fn new(status: u16, code: impl Into<String>, message: impl Into<String>) -> Self {
        ApiError {
            status,
            code: code.into(),
            message: message.into(),
            ec: None,
            extra: Vec::new(),
        }
    }

    /// Sets the EC.
    pub fn ec(mut self, ec: &str) -> Self {
        self.ec = Some(ec.to_string());
        self
    }

    /// Adds an extra `<Name>value</Name>` child.
    pub fn with(mut self, name: &str, value: impl Into<String>) -> Self {
        self.extra.push((name.to_string(), value.into()));
        self
    }

    /// 404 NoSuchBucket.
    pub fn no_such_bucket(bucket: &str) -> Self {
        ApiError::new(404, "NoSuchBucket", "The specified bucket does not exist.")
            .ec("0015-00000101")
            .with("BucketName", bucket)
    }

    /// 404 NoSuchKey.
    pub fn no_such_key(key: &str) -> Self {
        ApiError::new(404, "NoSuchKey", "The specified key does not exist.")
            .ec("0026-00000001")
            .with("Key", key)
    }

    /// 500 InternalError (the details go to the log, not to the client).
    pub fn internal() -> Self {
        ApiError::new(
            500,
            "InternalError",
            "We encountered an internal error. Please try again.",
        )
    }

    /// The `<Error>` document.
    pub fn to_xml(&self, request_id: &str, host_id: &str) -> String {
        ErrorBody {
            code: self.code.clone(),
            message: self.message.clone(),
            request_id: request_id.to_string(),
            host_id: host_id.to_string(),
            ec: self.ec.clone(),
            extra: self.extra.clone(),
        }
        .to_xml()
    }

    /// The response: XML body, or for HEAD (no body allowed) the document base64-encoded in
    /// `x-oss-err`. `x-oss-ec` carries the EC either way.
    pub fn into_response(self, request_id: &str, host_id: &str, bodiless: bool) -> Response<Body> {
        let xml = self.to_xml(request_id, host_id);
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut resp = if bodiless {
            let mut r = Response::new(empty());
            set_header(
                &mut r,
                "x-oss-err",
                &base64::engine::general_purpose::STANDARD.encode(xml.as_bytes()),
            );
            r
        } else {
            let len = xml.len();
            let mut r = Response::new(full(xml));
            set_header(&mut r, "content-type", "application/xml");
            set_header(&mut r, "content-length", &len.to_string());
            r
        };
        *resp.status_mut() = status;
        if let Some(ec) = &self.ec {
            set_header(&mut resp, "x-oss-ec", ec);
        }
        resp
    }
}

/// Sets a header, dropping values that are not valid header text (never panics).
pub fn set_header(resp: &mut Response<Body>, name: &str, value: &str) {
    if let (Ok(n), Ok(v)) = (
        HeaderName::from_bytes(name.as_bytes()),
        HeaderValue::from_str(value),
    ) {
        resp.headers_mut().insert(n, v);
    }
}

/// Appends a header (keeps earlier values with the same name).
pub fn append_header(resp: &mut Response<Body>, name: &str, value: &str) {
    if let (Ok(n), Ok(v)) = (
        HeaderName::from_bytes(name.as_bytes()),
        HeaderValue::from_str(value),
    ) {
        resp.headers_mut().append(n, v);
    }
}

/// A 200 XML document response.
pub fn xml_response(xml: String) -> Response<Body> {
    let len = xml.len();
    let mut r = Response::new(full(xml));
    set_header(&mut r, "content-type", "application/xml");
    set_header(&mut r, "content-length", &len.to_string());
    r
}

/// A bodiless response with a status.
pub fn status_only(status: u16) -> Response<Body> {
    let mut r = Response::new(empty());
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    set_header(&mut r, "content-length", "0");
    r
}

/// XML text escaping.
pub fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

/// `Sat, 01 Jun 2024 12:34:56 GMT` ([`crate::oss::sign::http_date`], the one HTTP-date printer).
pub fn http_date(unix: i64) -> String {
    jiff::Timestamp::from_second(unix).map_or_else(|_| String::new(), crate::oss::sign::http_date)
}

/// [`http_date`] of `unix`, formatted once per second per thread (the `Date` header every
/// response carries).
pub fn http_date_cached(unix: i64) -> String {
    use std::cell::RefCell;
    thread_local! {
        static LAST: RefCell<(i64, String)> = const { RefCell::new((i64::MIN, String::new())) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        if last.0 != unix {
            *last = (unix, http_date(unix));
        }
        last.1.clone()
    })
}

/// `2024-06-01T12:34:56.000Z`.
pub fn iso_date(unix: i64) -> String {
    match jiff::Timestamp::from_second(unix) {
        Ok(ts) => ts.strftime("%Y-%m-%dT%H:%M:%S.000Z").to_string(),
        Err(_) => String::new(),
    }
}

/// A new request id: 24 upper-case hex digits, like OSS's.
pub fn new_request_id() -> String {
    format!("{:08X}{:016X}", fastrand::u32(..), fastrand::u64(..))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_ids() {
        assert_eq!(http_date(1717245296), "Sat, 01 Jun 2024 12:34:56 GMT");
        assert_eq!(
            http_date_cached(1717245296),
            "Sat, 01 Jun 2024 12:34:56 GMT"
        );
        assert_eq!(
            http_date_cached(1717245296),
            "Sat, 01 Jun 2024 12:34:56 GMT"
        );
        assert_eq!(
            http_date_cached(1717245297),
            "Sat, 01 Jun 2024 12:34:57 GMT"
        );
        assert_eq!(iso_date(1717245296), "2024-06-01T12:34:56.000Z");
        let id = new_request_id();
        assert_eq!(id.len(), 24);
        assert!(id.bytes().all(|b| b.is_ascii_hexdigit()));
    }

    #[test]
    fn bodiless_errors_carry_x_oss_err() {
        let r = ApiError::no_such_bucket("b").into_response("RID", "host", true);
        assert_eq!(r.status(), 404);
        assert_eq!(r.headers()["x-oss-ec"], "0015-00000101");
        let err = r.headers()["x-oss-err"].to_str().unwrap();
        let xml = base64::engine::general_purpose::STANDARD
            .decode(err)
            .unwrap();
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains("<Code>NoSuchBucket</Code>"), "{xml}");
        assert!(xml.contains("<RequestId>RID</RequestId>"), "{xml}");
    }
}
