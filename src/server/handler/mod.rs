//! One request, start to finish: route, authenticate, run the operation against the store,
//! add CORS headers (decided by `preflight`), and answer the way OSS does.
//!
//! This file holds the request's path through the server (context, dispatch, errors, bodies);
//! the operations live by group: [`buckets`] (service and bucket APIs, listing), [`objects`]
//! (Put/Get/Head/Copy/Delete objects), [`cors`] (Put/Get/DeleteBucketCors) and
//! [`preflights`] (OPTIONS, and the CORS headers of every actual response).

mod buckets;
mod cors;
mod objects;
mod preflights;

use std::io;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::BodyExt;
use hyper::body::Incoming;
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::{HeaderMap, Method, Request, Response, Uri};

use super::State;
use super::auth::{self, Caller};
use super::respond::{ApiError, Body, date_header, new_request_id, set_header, status_only};
use super::route::{self, Operation, Route, RouteError};
use super::store::{Store, StoreError};
use crate::oss::endpoint;

pub use cors::MAX_CORS_BODY;
pub use objects::MAX_OBJECT_SIZE;

/// The request id header of every response.
const X_OSS_REQUEST_ID: HeaderName = HeaderName::from_static("x-oss-request-id");

/// What the request log line needs besides the response.
struct Outcome {
    op: &'static str,
    bucket: Option<String>,
    key: Option<String>,
}

/// The per-request context.
struct Ctx<'a> {
    state: &'a State,
    /// 24 hex digits, already a header value (`x-oss-request-id`, and `<RequestId>`).
    request_id: HeaderValue,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
}

impl Ctx<'_> {
    /// A request header as text (`None` when absent or not visible ASCII). Pass one of
    /// hyper's `header::*` names where there is one: a `&str` is parsed again on every call.
    fn header(&self, name: impl header::AsHeaderName) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn method(&self) -> &str {
        self.method.as_str()
    }

    /// The path as received (percent-encoded).
    fn raw_path(&self) -> &str {
        self.uri.path()
    }

    /// The query as received (percent-encoded), `""` when there is none.
    fn raw_query(&self) -> &str {
        self.uri.query().unwrap_or("")
    }

    /// The `Host` header, or the request target's authority.
    fn host(&self) -> &str {
        self.header(header::HOST)
            .or_else(|| self.uri.authority().map(|a| a.as_str()))
            .unwrap_or("")
    }

    fn request_id(&self) -> &str {
        self.request_id.to_str().unwrap_or("")
    }

    /// The host name error documents and bucket listings show (`HostId`, endpoints).
    fn host_id(&self) -> String {
        endpoint::host_without_port(self.host())
    }

    /// `error` as this request's response.
    fn error_response(&self, error: ApiError) -> Response<Body> {
        error.into_response(
            self.request_id(),
            &self.host_id(),
            self.method == Method::HEAD,
        )
    }

    /// Runs `job(store, bucket)` on a blocking thread; a store failure becomes the OSS error
    /// that names `bucket`.
    async fn in_store<T: Send + 'static>(
        &self,
        bucket: &str,
        job: impl FnOnce(&Store, &str) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let store = self.state.store.clone();
        let b = bucket.to_string();
        blocking(move || job(&store, &b))
            .await
            .map_err(|e| store_error(e, bucket, None))
    }
}

/// Entry point for every request; never fails (errors become OSS error responses).
pub async fn handle(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Body>, std::convert::Infallible> {
    let started = Instant::now();
    state.requests.fetch_add(1, Ordering::Relaxed);
    let (parts, body) = req.into_parts();
    let ctx = Ctx {
        state: &state,
        request_id: new_request_id(),
        method: parts.method,
        uri: parts.uri,
        headers: parts.headers,
    };

    let routed = route::route(
        ctx.method(),
        ctx.host(),
        ctx.raw_path(),
        ctx.raw_query(),
        &state.config.domain,
    );
    let (mut resp, outcome) = match routed {
        Err(e) => {
            let error = route_error(e);
            let mut r = ctx.error_response(error.clone());
            let bucket =
                endpoint::bucket_from_wire(ctx.host(), ctx.raw_path(), &[&state.config.domain]);
            if ctx.method != Method::OPTIONS {
                preflights::add_cors_headers(&ctx, bucket.as_deref(), &mut r, Some(&error)).await;
            }
            (
                r,
                Outcome {
                    op: "-",
                    bucket,
                    key: None,
                },
            )
        }
        Ok(route) => {
            let mut body = Some(body);
            let result = dispatch(&ctx, &route, &mut body).await;
            // A body the operation did not read (an error before it, a GET with a body) is
            // drained, so a client still sending it reads our answer instead of a reset.
            let drained = match body.take() {
                Some(unread) => drain(unread).await,
                None => true,
            };
            let mut resp = match result {
                Ok(r) => r,
                Err(e) => {
                    let mut r = ctx.error_response(e.clone());
                    if route.op != Operation::Preflight {
                        preflights::add_cors_headers(
                            &ctx,
                            route.bucket.as_deref(),
                            &mut r,
                            Some(&e),
                        )
                        .await;
                    }
                    r
                }
            };
            if !drained {
                set_header(&mut resp, "connection", "close");
            }
            let outcome = Outcome {
                op: route.op.name(),
                bucket: route.bucket,
                key: route.key,
            };
            (resp, outcome)
        }
    };
    let headers = resp.headers_mut();
    headers.insert(X_OSS_REQUEST_ID, ctx.request_id.clone());
    headers.insert(header::SERVER, HeaderValue::from_static("AliyunOSS"));
    headers.insert(
        header::DATE,
        date_header(jiff::Timestamp::now().as_second()),
    );
    if let Some(log) = &state.log {
        // One line per request on stderr, independent of the tracing filter (which the
        // global -q/-v flags set for the whole process).
        log.line(&super::access_log::request_line(
            &super::access_log::Request {
                method: ctx.method(),
                raw_path: ctx.raw_path(),
                raw_query: state.config.access_log_query.then_some(ctx.raw_query()),
                bucket: outcome.bucket.as_deref(),
                key: outcome.key.as_deref(),
                op: outcome.op,
                status: resp.status().as_u16(),
            },
            jiff::Timestamp::now(),
            started.elapsed(),
        ));
    }
    Ok(resp)
}

fn route_error(e: RouteError) -> ApiError {
    let message = e.to_string();
    match e {
        RouteError::InvalidUri(_) => ApiError::new(400, "InvalidURI", message),
        RouteError::InvalidObjectName(_) => ApiError::new(400, "InvalidObjectName", message),
        RouteError::KeyTooLong(_) => ApiError::new(400, "KeyTooLong", message),
        RouteError::MethodNotAllowed { .. } => ApiError::new(405, "MethodNotAllowed", message),
        RouteError::NotImplemented(_) => ApiError::new(501, "NotImplemented", message),
    }
}

fn store_error(e: StoreError, bucket: &str, key: Option<&str>) -> ApiError {
    match e {
        StoreError::NoSuchBucket => ApiError::no_such_bucket(bucket),
        StoreError::NoSuchKey => ApiError::no_such_key(key.unwrap_or("")),
        StoreError::BucketExists => ApiError::new(
            409,
            "BucketAlreadyExists",
            "The requested bucket name is not available. The bucket namespace is shared by \
             all users of the system. Please select a different name and try again.",
        )
        .ec("0015-00000104")
        .with("BucketName", bucket),
        StoreError::BucketNotEmpty => ApiError::new(
            409,
            "BucketNotEmpty",
            "The bucket you tried to delete is not empty. Delete its objects first.",
        )
        .ec("0015-00000301")
        .with("BucketName", bucket),
        other => {
            tracing::error!(target: "ossctl::serve", "storage error: {other}");
            ApiError::internal()
        }
    }
}

/// Runs blocking store work off the async threads.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(r) => r,
        Err(e) => Err(StoreError::Io(io::Error::other(e))),
    }
}

/// Reads and discards an unread request body (up to 16 MiB, 10 s); false when it had to give
/// up (the connection is then closed after the response).
async fn drain(mut body: Incoming) -> bool {
    const LIMIT: usize = 16 * 1024 * 1024;
    // Nothing to read (no body, or `Content-Length: 0`): no timer either. Arming the 10 s
    // timeout below on every bodiless request (every preflight and GET) woke the runtime's
    // timer driver through an eventfd each time.
    if hyper::body::Body::is_end_stream(&body) {
        return true;
    }
    if hyper::body::Body::size_hint(&body).lower() > LIMIT as u64 {
        return false;
    }
    let read_all = async {
        let mut seen = 0usize;
        while let Some(frame) = body.frame().await {
            match frame {
                Ok(f) => {
                    if let Some(d) = f.data_ref() {
                        seen += d.len();
                        if seen > LIMIT {
                            return false;
                        }
                    }
                }
                Err(_) => return false,
            }
        }
        true
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), read_all)
        .await
        .unwrap_or(false)
}

/// The request body, for the one operation that reads it.
fn take_body(body: &mut Option<Incoming>) -> Result<Incoming, ApiError> {
    body.take().ok_or_else(ApiError::internal)
}

/// Validates the bucket name, answers preflights (unsigned), authenticates, checks the ACL,
/// and runs the operation; actual responses get their CORS headers here.
async fn dispatch(
    ctx: &Ctx<'_>,
    route: &Route,
    body: &mut Option<Incoming>,
) -> Result<Response<Body>, ApiError> {
    let state = ctx.state;
    if let Some(bucket) = &route.bucket
        && let Err(e) = crate::oss::endpoint::validate_bucket_name(bucket)
    {
        return Err(ApiError::new(
            400,
            "InvalidBucketName",
            format!("The specified bucket is not valid: {e}"),
        )
        .with("BucketName", bucket.as_str()));
    }
    if route.op == Operation::Preflight {
        // Browsers send preflights unsigned; OSS answers them from the CORS rules alone.
        return preflights::preflight_response(ctx, route.bucket.as_deref().unwrap_or("")).await;
    }
    let caller = auth::authenticate(
        &state.config,
        ctx.method(),
        &ctx.headers,
        ctx.raw_path(),
        ctx.raw_query(),
        route.bucket.as_deref(),
        route.key.as_deref(),
        jiff::Timestamp::now(),
    )?;
    let Some(bucket) = route.bucket.as_deref() else {
        return buckets::list_buckets(ctx, &caller).await;
    };
    if route.op == Operation::PutBucket {
        return buckets::put_bucket(ctx, &caller, bucket, take_body(body)?).await;
    }
    let meta = match state.store.cached_bucket(bucket) {
        Some(meta) => meta,
        None => ctx.in_store(bucket, |s, b| s.bucket(b)).await?,
    };
    if caller == Caller::Anonymous && !auth::anonymous_allowed(route.op, meta.acl) {
        return Err(auth::anonymous_denied(route.op, meta.acl));
    }
    let key = route.key.as_deref().unwrap_or_default();
    let mut resp = match route.op {
        Operation::DeleteBucket => {
            ctx.in_store(bucket, |s, b| s.delete_bucket(b)).await?;
            status_only(204)
        }
        Operation::HeadBucket => buckets::head_bucket(ctx),
        Operation::GetBucketInfo => buckets::get_bucket_info(ctx, &meta),
        Operation::GetBucketLocation => buckets::get_bucket_location(ctx),
        Operation::GetBucketAcl => buckets::get_bucket_acl(&meta),
        Operation::PutBucketAcl => buckets::put_bucket_acl(ctx, bucket, take_body(body)?).await?,
        Operation::ListObjects => buckets::list_objects(ctx, bucket).await?,
        Operation::PutBucketCors => cors::put_bucket_cors(ctx, bucket, take_body(body)?).await?,
        Operation::GetBucketCors => cors::get_bucket_cors(ctx, bucket).await?,
        Operation::DeleteBucketCors => cors::delete_bucket_cors(ctx, bucket).await?,
        Operation::PutObject if ctx.header("x-oss-copy-source").is_some() => {
            objects::copy_object(ctx, bucket, key, &caller).await?
        }
        Operation::PutObject => objects::put_object(ctx, bucket, key, take_body(body)?).await?,
        Operation::DeleteMultipleObjects => {
            objects::delete_multiple_objects(ctx, bucket, take_body(body)?).await?
        }
        Operation::GetObject | Operation::HeadObject | Operation::GetObjectMeta => {
            objects::get_object(ctx, route.op, bucket, key).await?
        }
        Operation::DeleteObject => {
            let key = key.to_string();
            ctx.in_store(bucket, move |s, b| s.delete_object(b, &key))
                .await?;
            status_only(204)
        }
        Operation::ListBuckets | Operation::PutBucket | Operation::Preflight => {
            return Err(ApiError::internal());
        }
    };
    preflights::add_cors_headers(ctx, route.bucket.as_deref(), &mut resp, None).await;
    Ok(resp)
}

// ---------------------------------------------------------------------------- bodies

/// Reads a small body, refusing more than `limit` bytes with `EntityTooLarge`.
async fn read_small_body(
    ctx: &Ctx<'_>,
    body: Incoming,
    limit: usize,
    what: &str,
) -> Result<Bytes, ApiError> {
    let too_large = |n: String| {
        ApiError::new(
            400,
            "EntityTooLarge",
            format!("The {what} is {n} bytes; ossctl serve accepts at most {limit} bytes."),
        )
    };
    if let Some(len) = content_length(ctx)
        && len > limit as u64
    {
        return Err(too_large(len.to_string()));
    }
    let limited = http_body_util::Limited::new(body, limit);
    match limited.collect().await {
        Ok(c) => Ok(c.to_bytes()),
        Err(e) => {
            if e.is::<http_body_util::LengthLimitError>() {
                Err(too_large(format!("more than {limit}")))
            } else {
                Err(ApiError::new(
                    400,
                    "IncompleteBody",
                    format!("The request body could not be read: {e}"),
                ))
            }
        }
    }
}

/// The `Content-Length` the client sent, if it is a number.
fn content_length(ctx: &Ctx<'_>) -> Option<u64> {
    ctx.header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
}

/// Checks `Content-MD5` (base64 of the body's MD5) when the client sent one.
fn check_content_md5(ctx: &Ctx<'_>, digest: &[u8]) -> Result<(), ApiError> {
    let Some(sent) = ctx.header("content-md5") else {
        return Ok(());
    };
    let ours = base64::engine::general_purpose::STANDARD.encode(digest);
    if sent.trim() == ours {
        Ok(())
    } else {
        Err(ApiError::new(
            400,
            "InvalidDigest",
            format!(
                "The Content-MD5 you specified ({}) does not match the body received (MD5 {ours}).",
                sent.trim()
            ),
        ))
    }
}

/// An `InvalidArgument` error naming the argument and its value.
fn bad_argument(name: &str, value: &str, message: String) -> ApiError {
    ApiError::new(400, "InvalidArgument", message)
        .with("ArgumentName", name)
        .with("ArgumentValue", value)
}
