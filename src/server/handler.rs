//! One request, start to finish: route, authenticate, run the operation against the store,
//! add CORS headers (decided by `preflight`), and answer the way OSS does.

use std::io::{self, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{HeaderMap, Request, Response};
use md5::{Digest, Md5};
use tokio::io::AsyncReadExt;

use super::State;
use super::auth::{self, Caller};
use super::respond::{
    ApiError, Body, esc, http_date, http_date_cached, iso_date, new_request_id, set_header,
    status_only, xml_response,
};
use super::route::{self, Operation, Route, RouteError};
use super::store::{Acl, ObjectMeta, StoreError};
use crate::preflight::{self, CompiledRules, Model};
use crate::rules::{self, Format};

/// Largest `?cors` body accepted: 16 KB, as OSS's PutBucketCors documentation gives it
/// ("The XML message body in a request can be up to 16 KB in size"; the current page's
/// limits table says the same).
pub const MAX_CORS_BODY: usize = 16 * 1024;
/// Largest `?acl` / PutBucket body accepted.
const MAX_SMALL_BODY: usize = 64 * 1024;
/// Largest object accepted by PutObject (OSS's limit for a single PUT).
pub const MAX_OBJECT_SIZE: u64 = 5 * 1024 * 1024 * 1024;
/// Objects up to this size are read whole on GetObject instead of streamed.
const SMALL_OBJECT: u64 = 256 * 1024;
/// Owner id and name shown in ACL / bucket documents.
const OWNER_ID: &str = "ossctl-serve";

/// What the request log line needs besides the response.
struct Outcome {
    op: &'static str,
    bucket: Option<String>,
    key: Option<String>,
}

/// The per-request context.
struct Ctx<'a> {
    state: &'a State,
    request_id: String,
    host_id: String,
    method: String,
    headers: HeaderMap,
    raw_path: String,
    raw_query: String,
}

impl Ctx<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
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
    let host = parts
        .headers
        .get(hyper::header::HOST)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| parts.uri.authority().map(|a| a.as_str().to_string()))
        .unwrap_or_default();
    let ctx = Ctx {
        state: &state,
        request_id: new_request_id(),
        host_id: route::host_without_port(&host),
        method: parts.method.as_str().to_string(),
        headers: parts.headers,
        raw_path: parts.uri.path().to_string(),
        raw_query: parts.uri.query().unwrap_or("").to_string(),
    };
    let raw_path = ctx.raw_path.clone();
    let bodiless = ctx.method == "HEAD";

    let routed = route::route(
        &ctx.method,
        &host,
        &raw_path,
        &ctx.raw_query,
        &state.config.domain,
    );
    let (mut resp, outcome) = match routed {
        Err(e) => {
            let error = route_error(e);
            let mut r = error
                .clone()
                .into_response(&ctx.request_id, &ctx.host_id, bodiless);
            let bucket = route::bucket_of(&host, &raw_path, &state.config.domain);
            if ctx.method != "OPTIONS" {
                add_cors_headers(&ctx, bucket.as_deref(), &mut r, Some(&error)).await;
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
            let outcome = Outcome {
                op: route.op.name(),
                bucket: route.bucket.clone(),
                key: route.key.clone(),
            };
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
                    let mut r = e
                        .clone()
                        .into_response(&ctx.request_id, &ctx.host_id, bodiless);
                    if route.op != Operation::Preflight {
                        add_cors_headers(&ctx, route.bucket.as_deref(), &mut r, Some(&e)).await;
                    }
                    r
                }
            };
            if !drained {
                set_header(&mut resp, "connection", "close");
            }
            (resp, outcome)
        }
    };
    set_header(&mut resp, "x-oss-request-id", &ctx.request_id);
    set_header(&mut resp, "server", "AliyunOSS");
    set_header(
        &mut resp,
        "date",
        &http_date_cached(jiff::Timestamp::now().as_second()),
    );
    if let Some(log) = &state.log {
        // One line per request on stderr, independent of the tracing filter (which the
        // global -q/-v flags set for the whole process).
        // With -v, the query too, signatures and security tokens redacted; never headers.
        let query = if state.config.access_log_query {
            super::access_log::query_field(&ctx.raw_query)
        } else {
            String::new()
        };
        let line = format!(
            "{} INFO {} {} bucket={} key={} op={} status={} {}ms{query}\n",
            log_timestamp(jiff::Timestamp::now()),
            ctx.method,
            raw_path,
            outcome.bucket.as_deref().unwrap_or("-"),
            outcome
                .key
                .as_deref()
                .map(log_key)
                .unwrap_or_else(|| "-".into()),
            outcome.op,
            resp.status().as_u16(),
            started.elapsed().as_millis()
        );
        log.line(&line);
    }
    Ok(resp)
}

/// `2024-06-01T12:34:56.789Z` for the log line; the part up to the seconds is formatted once
/// per second per thread.
fn log_timestamp(now: jiff::Timestamp) -> String {
    use std::cell::RefCell;
    thread_local! {
        static SECOND: RefCell<(i64, String)> = const { RefCell::new((i64::MIN, String::new())) };
    }
    let second = now.as_second();
    if second < 0 {
        return now.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
    }
    SECOND.with(|cached| {
        let mut cached = cached.borrow_mut();
        if cached.0 != second {
            *cached = (second, now.strftime("%Y-%m-%dT%H:%M:%S").to_string());
        }
        format!("{}.{:03}Z", cached.1, now.subsec_millisecond())
    })
}

/// A key for the log: quoted with escapes, so control characters cannot forge log lines.
fn log_key(key: &str) -> String {
    let shown: String = key.chars().take(200).collect();
    format!("{shown:?}")
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
        return preflight_response(ctx, route).await;
    }
    let caller = auth::authenticate(
        &state.config,
        &ctx.method,
        &ctx.headers,
        &ctx.raw_path,
        &ctx.raw_query,
        route.bucket.as_deref(),
        route.key.as_deref(),
        jiff::Timestamp::now(),
    )?;
    let Some(bucket) = route.bucket.clone() else {
        return list_buckets(ctx, &caller).await;
    };
    if route.op == Operation::PutBucket {
        return put_bucket(ctx, &caller, &bucket, take_body(body)?).await;
    }
    let meta = match state.store.cached_bucket(&bucket) {
        Some(meta) => meta,
        None => {
            let store = state.store.clone();
            let b = bucket.clone();
            blocking(move || store.bucket(&b))
                .await
                .map_err(|e| store_error(e, &bucket, None))?
        }
    };
    if caller == Caller::Anonymous && !auth::anonymous_allowed(route.op, meta.acl) {
        return Err(auth::anonymous_denied(route.op, meta.acl));
    }
    let mut resp = match route.op {
        Operation::DeleteBucket => {
            let store = state.store.clone();
            let b = bucket.clone();
            blocking(move || store.delete_bucket(&b))
                .await
                .map_err(|e| store_error(e, &bucket, None))?;
            status_only(204)
        }
        Operation::HeadBucket => {
            let mut r = status_only(200);
            set_header(&mut r, "x-oss-bucket-region", &state.config.region);
            r
        }
        Operation::GetBucketInfo => xml_response(bucket_info_xml(ctx, &meta)),
        Operation::GetBucketLocation => xml_response(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint>oss-{}</LocationConstraint>",
            esc(&state.config.region)
        )),
        Operation::GetBucketAcl => xml_response(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<AccessControlPolicy><Owner><ID>{OWNER_ID}</ID>\
             <DisplayName>{OWNER_ID}</DisplayName></Owner><AccessControlList><Grant>{}</Grant>\
             </AccessControlList></AccessControlPolicy>",
            meta.acl.as_str()
        )),
        Operation::PutBucketAcl => put_bucket_acl(ctx, &bucket, take_body(body)?).await?,
        Operation::PutBucketCors => put_bucket_cors(ctx, &bucket, take_body(body)?).await?,
        Operation::GetBucketCors => get_bucket_cors(ctx, &bucket).await?,
        Operation::DeleteBucketCors => {
            let store = state.store.clone();
            let b = bucket.clone();
            blocking(move || store.delete_cors(&b))
                .await
                .map_err(|e| store_error(e, &bucket, None))?;
            status_only(204)
        }
        Operation::ListObjects => list_objects(ctx, &bucket).await?,
        Operation::PutObject if ctx.header("x-oss-copy-source").is_some() => {
            copy_object(ctx, route, &bucket, &caller).await?
        }
        Operation::PutObject => put_object(ctx, route, &bucket, take_body(body)?).await?,
        Operation::DeleteMultipleObjects => {
            delete_multiple_objects(ctx, &bucket, take_body(body)?).await?
        }
        Operation::GetObject | Operation::HeadObject | Operation::GetObjectMeta => {
            get_object(ctx, route, &bucket).await?
        }
        Operation::DeleteObject => {
            let store = state.store.clone();
            let b = bucket.clone();
            let key = route.key.clone().unwrap_or_default();
            blocking(move || store.delete_object(&b, &key))
                .await
                .map_err(|e| store_error(e, &bucket, None))?;
            status_only(204)
        }
        Operation::ListBuckets | Operation::PutBucket | Operation::Preflight => {
            return Err(ApiError::internal());
        }
    };
    add_cors_headers(ctx, route.bucket.as_deref(), &mut resp, None).await;
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
    if let Some(len) = ctx
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
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

// ---------------------------------------------------------------------------- buckets

async fn list_buckets(ctx: &Ctx<'_>, caller: &Caller) -> Result<Response<Body>, ApiError> {
    if *caller == Caller::Anonymous {
        return Err(ApiError::new(
            403,
            "AccessDenied",
            "ListBuckets requires a signed request; anonymous access is not allowed.",
        ));
    }
    let store = ctx.state.store.clone();
    let buckets = blocking(move || store.list_buckets())
        .await
        .map_err(|e| store_error(e, "", None))?;
    let region = &ctx.state.config.region;
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListAllMyBucketsResult><Owner><ID>{OWNER_ID}</ID>\
         <DisplayName>{OWNER_ID}</DisplayName></Owner><Buckets>"
    );
    for b in buckets {
        xml.push_str(&format!(
            "<Bucket><CreationDate>{}</CreationDate><ExtranetEndpoint>{}</ExtranetEndpoint>\
             <IntranetEndpoint>{}</IntranetEndpoint><Location>oss-{}</Location><Name>{}</Name>\
             <Region>{}</Region><StorageClass>Standard</StorageClass></Bucket>",
            iso_date(b.created),
            esc(&ctx.host_id),
            esc(&ctx.host_id),
            esc(region),
            esc(&b.name),
            esc(region)
        ));
    }
    xml.push_str("</Buckets></ListAllMyBucketsResult>");
    Ok(xml_response(xml))
}

fn acl_from_header(ctx: &Ctx<'_>) -> Result<Option<Acl>, ApiError> {
    match ctx.header("x-oss-acl") {
        None => Ok(None),
        Some(v) => Acl::parse(v).map(Some).ok_or_else(|| {
            ApiError::new(
                400,
                "InvalidArgument",
                format!(
                    "no such bucket access control exists: x-oss-acl {v:?} is not one of \
                     private, public-read, public-read-write"
                ),
            )
            .with("ArgumentName", "x-oss-acl")
            .with("ArgumentValue", v)
        }),
    }
}

async fn put_bucket(
    ctx: &Ctx<'_>,
    caller: &Caller,
    bucket: &str,
    body: Incoming,
) -> Result<Response<Body>, ApiError> {
    if *caller == Caller::Anonymous {
        return Err(auth::anonymous_denied(Operation::PutBucket, Acl::Private));
    }
    let acl = acl_from_header(ctx)?.unwrap_or_default();
    // The optional CreateBucketConfiguration (storage class, redundancy) is read and ignored.
    read_small_body(ctx, body, MAX_SMALL_BODY, "CreateBucketConfiguration").await?;
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    let now = jiff::Timestamp::now().as_second();
    blocking(move || store.create_bucket(&b, acl, now))
        .await
        .map_err(|e| store_error(e, bucket, None))?;
    let mut r = status_only(200);
    set_header(&mut r, "location", &format!("/{bucket}"));
    Ok(r)
}

async fn put_bucket_acl(
    ctx: &Ctx<'_>,
    bucket: &str,
    body: Incoming,
) -> Result<Response<Body>, ApiError> {
    let body = read_small_body(ctx, body, MAX_SMALL_BODY, "ACL document").await?;
    let acl = match acl_from_header(ctx)? {
        Some(acl) => acl,
        None => {
            // Some clients send <AccessControlPolicy>...<Grant>public-read</Grant>...
            let text = String::from_utf8_lossy(&body);
            let grant = text
                .split("<Grant>")
                .nth(1)
                .and_then(|rest| rest.split("</Grant>").next())
                .map(str::trim);
            match grant.and_then(Acl::parse) {
                Some(acl) => acl,
                None => {
                    return Err(ApiError::new(
                        400,
                        "InvalidArgument",
                        "PutBucketAcl needs an x-oss-acl header: private, public-read or \
                         public-read-write",
                    )
                    .with("ArgumentName", "x-oss-acl"));
                }
            }
        }
    };
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    blocking(move || store.set_acl(&b, acl))
        .await
        .map_err(|e| store_error(e, bucket, None))?;
    Ok(status_only(200))
}

fn bucket_info_xml(ctx: &Ctx<'_>, meta: &super::store::BucketMeta) -> String {
    let region = &ctx.state.config.region;
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BucketInfo><Bucket>\
         <AccessMonitor>Disabled</AccessMonitor><CreationDate>{}</CreationDate>\
         <CrossRegionReplication>Disabled</CrossRegionReplication>\
         <DataRedundancyType>LRS</DataRedundancyType>\
         <ExtranetEndpoint>{}</ExtranetEndpoint><IntranetEndpoint>{}</IntranetEndpoint>\
         <Location>oss-{}</Location><Name>{}</Name><ResourceGroupId></ResourceGroupId>\
         <StorageClass>Standard</StorageClass><TransferAcceleration>Disabled</TransferAcceleration>\
         <Owner><DisplayName>{OWNER_ID}</DisplayName><ID>{OWNER_ID}</ID></Owner>\
         <AccessControlList><Grant>{}</Grant></AccessControlList>\
         <ServerSideEncryptionRule><SSEAlgorithm>None</SSEAlgorithm></ServerSideEncryptionRule>\
         <BucketPolicy><LogBucket></LogBucket><LogPrefix></LogPrefix></BucketPolicy>\
         </Bucket></BucketInfo>",
        iso_date(meta.created),
        esc(&ctx.host_id),
        esc(&ctx.host_id),
        esc(region),
        esc(&meta.name),
        meta.acl.as_str()
    )
}

// ---------------------------------------------------------------------------- CORS

async fn put_bucket_cors(
    ctx: &Ctx<'_>,
    bucket: &str,
    body: Incoming,
) -> Result<Response<Body>, ApiError> {
    let body = read_small_body(ctx, body, MAX_CORS_BODY, "CORS configuration").await?;
    check_content_md5(ctx, &Md5::digest(&body))?;
    let config = rules::parse_bytes(&body, Format::Xml, "request body").map_err(|e| {
        let first = e.diagnostics.first();
        let mut err = if e.is_syntax() {
            ApiError::new(
                400,
                "MalformedXML",
                format!(
                    "The XML you provided was not well-formed or did not validate against \
                     the CORSConfiguration schema: {e}"
                ),
            )
        } else {
            ApiError::new(400, "InvalidArgument", e.to_string())
        };
        if !e.is_syntax()
            && let Some(d) = first
        {
            if let Some(field) = &d.field {
                err = err.with("ArgumentName", field.as_str());
            }
            if let Some(value) = &d.value {
                err = err.with("ArgumentValue", value.as_str());
            }
        }
        err
    })?;
    let xml = rules::to_xml(&config);
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    blocking(move || store.put_cors(&b, xml.as_bytes()))
        .await
        .map_err(|e| store_error(e, bucket, None))?;
    Ok(status_only(200))
}

/// The bucket's compiled CORS rules: from the store's memory when current (no blocking
/// thread, no I/O: the preflight fast path), else read, parsed and compiled on a blocking
/// thread (once per configuration: a write makes the store read it again).
async fn load_cors(ctx: &Ctx<'_>, bucket: &str) -> Result<Option<Arc<CompiledRules>>, ApiError> {
    if let Some(cors) = ctx.state.store.cached_cors(bucket) {
        return Ok(cors);
    }
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    blocking(move || store.cors_config(&b))
        .await
        .map_err(|e| store_error(e, bucket, None))
}

async fn get_bucket_cors(ctx: &Ctx<'_>, bucket: &str) -> Result<Response<Body>, ApiError> {
    match load_cors(ctx, bucket)
        .await?
        .as_deref()
        .and_then(CompiledRules::config)
    {
        Some(config) => Ok(xml_response(rules::to_xml(config))),
        None => Err(ApiError::new(
            404,
            "NoSuchCORSConfiguration",
            "The CORS configuration does not exist.",
        )
        .ec("0034-00000001")
        .with("BucketName", bucket)),
    }
}

/// The CORS-relevant parts of this request, for the model; `error` is how an actual
/// request's operation failed, if it did.
fn cors_request<'a>(ctx: &'a Ctx<'a>, error: Option<&ApiError>) -> preflight::IncomingRequest<'a> {
    preflight::IncomingRequest {
        method: &ctx.method,
        origin: ctx.header("origin"),
        access_control_request_method: ctx.header("access-control-request-method"),
        access_control_request_headers: ctx.header("access-control-request-headers"),
        // Every signature and permission refusal is a 403 (OSS checks them before CORS).
        outcome: error.map_or(preflight::Outcome::Success, |e| {
            preflight::Outcome::from_status(e.status)
        }),
    }
}

async fn preflight_response(ctx: &Ctx<'_>, route: &Route) -> Result<Response<Body>, ApiError> {
    let bucket = route.bucket.as_deref().unwrap_or("");
    let rules = load_cors(ctx, bucket).await?.unwrap_or_default();
    let model = Model::new(ctx.state.config.behaviour);
    let answer = rules.answer(&cors_request(ctx, None), &model);
    if let Some(refusal) = answer.refusal {
        let mut r = ApiError::new(answer.status.unwrap_or(403), refusal.code, refusal.message)
            .into_response(&ctx.request_id, &ctx.host_id, false);
        for (name, value) in &answer.headers {
            set_header(&mut r, name, value);
        }
        return Ok(r);
    }
    let mut r = status_only(answer.status.unwrap_or(200));
    for (name, value) in &answer.headers {
        set_header(&mut r, name, value);
    }
    Ok(r)
}

/// Adds the CORS headers the model decides for an actual (non-OPTIONS) response: the
/// matching rule's headers for cross-origin requests, `Vary: Origin` when ResponseVary is on.
/// An error response carries them as the behaviour says (none on a 403 refusal, documented).
async fn add_cors_headers(
    ctx: &Ctx<'_>,
    bucket: Option<&str>,
    resp: &mut Response<Body>,
    error: Option<&ApiError>,
) {
    let Some(bucket) = bucket else {
        return;
    };
    let rules = match load_cors(ctx, bucket).await {
        Ok(Some(rules)) => rules,
        _ => return,
    };
    let model = Model::new(ctx.state.config.behaviour);
    let answer = rules.answer(&cors_request(ctx, error), &model);
    for (name, value) in &answer.headers {
        super::respond::append_header(resp, name, value);
    }
}

// ---------------------------------------------------------------------------- objects

/// Headers kept with an object and returned on GET/HEAD.
fn kept_header(name: &str) -> bool {
    matches!(
        name,
        "content-type"
            | "cache-control"
            | "content-disposition"
            | "content-encoding"
            | "content-language"
            | "expires"
    ) || name.starts_with("x-oss-meta-")
}

/// The request headers an object keeps (Content-Type guessed from the key when absent).
fn kept_request_headers(ctx: &Ctx<'_>, key: &str) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = ctx
        .headers
        .iter()
        .filter(|(n, _)| kept_header(n.as_str()))
        .filter_map(|(n, v)| {
            v.to_str()
                .ok()
                .map(|v| (n.as_str().to_string(), v.to_string()))
        })
        .collect();
    if !headers.iter().any(|(n, _)| n == "content-type") {
        headers.push(("content-type".into(), guess_content_type(key).into()));
    }
    headers
}

async fn put_object(
    ctx: &Ctx<'_>,
    route: &Route,
    bucket: &str,
    mut body: Incoming,
) -> Result<Response<Body>, ApiError> {
    let key = route.key.clone().unwrap_or_default();
    if let Some(len) = ctx
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
        && len > MAX_OBJECT_SIZE
    {
        return Err(object_too_large());
    }
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    let mut writer = blocking(move || store.begin_object(&b))
        .await
        .map_err(|e| store_error(e, bucket, None))?;
    let mut md5 = Md5::new();
    let mut crc = super::crc64::Crc64::default();
    let mut pending: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut total: u64 = 0;
    loop {
        let frame = match body.frame().await {
            None => None,
            Some(Ok(f)) => Some(f),
            Some(Err(e)) => {
                return Err(ApiError::new(
                    400,
                    "IncompleteBody",
                    format!("The request body could not be read to the end: {e}"),
                ));
            }
        };
        let done = frame.is_none();
        if let Some(data) = frame.and_then(|f| f.into_data().ok()) {
            total += data.len() as u64;
            if total > MAX_OBJECT_SIZE {
                return Err(object_too_large());
            }
            md5.update(&data);
            crc.update(&data);
            pending.extend_from_slice(&data);
        }
        if pending.len() >= (1 << 20) || (done && !pending.is_empty()) {
            let chunk = std::mem::take(&mut pending);
            writer = blocking(move || {
                writer.write(&chunk)?;
                Ok(writer)
            })
            .await
            .map_err(|e| store_error(e, bucket, None))?;
        }
        if done {
            break;
        }
    }
    let digest = md5.finalize();
    check_content_md5(ctx, &digest)?;
    if let Some(len) = ctx
        .header("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok())
        && len != total
    {
        return Err(ApiError::new(
            400,
            "IncompleteBody",
            format!("Content-Length is {len} but {total} bytes were received."),
        ));
    }
    let headers = kept_request_headers(ctx, &key);
    let md5_hex = hex::encode(digest);
    let meta = ObjectMeta {
        key: key.clone(),
        size: total,
        md5_hex: md5_hex.clone(),
        crc64: crc.value(),
        modified: jiff::Timestamp::now().as_second(),
        headers,
    };
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    blocking(move || store.commit_object(&b, writer, &meta))
        .await
        .map_err(|e| store_error(e, bucket, Some(&key)))?;
    let mut r = status_only(200);
    set_header(&mut r, "etag", &etag(&md5_hex));
    set_header(&mut r, "x-oss-hash-crc64ecma", &crc.value().to_string());
    set_header(
        &mut r,
        "content-md5",
        &base64::engine::general_purpose::STANDARD.encode(digest),
    );
    Ok(r)
}

fn bad_argument(name: &str, value: &str, message: String) -> ApiError {
    ApiError::new(400, "InvalidArgument", message)
        .with("ArgumentName", name)
        .with("ArgumentValue", value)
}

/// CopyObject: `PUT /<bucket>/<key>` with `x-oss-copy-source: /<bucket>/<key>`.
async fn copy_object(
    ctx: &Ctx<'_>,
    route: &Route,
    bucket: &str,
    caller: &Caller,
) -> Result<Response<Body>, ApiError> {
    let key = route.key.clone().unwrap_or_default();
    let header = ctx
        .header("x-oss-copy-source")
        .unwrap_or("")
        .trim()
        .to_string();
    let bad_source = |why: &str| {
        bad_argument(
            "x-oss-copy-source",
            &header,
            format!("x-oss-copy-source must be /<bucket>/<url-encoded key>: {why}"),
        )
    };
    let raw = header.split('?').next().unwrap_or("");
    let raw = raw.strip_prefix('/').unwrap_or(raw);
    let (raw_bucket, raw_key) = raw.split_once('/').ok_or_else(|| bad_source("no key"))?;
    let src_bucket = route::decode_path(raw_bucket).map_err(|e| bad_source(&e.to_string()))?;
    let src_key = route::decode_path(raw_key).map_err(|e| bad_source(&e.to_string()))?;
    if crate::oss::endpoint::validate_bucket_name(&src_bucket).is_err() {
        return Err(bad_source("invalid bucket name"));
    }
    route::check_key(&src_key).map_err(|e| bad_source(&e.to_string()))?;
    let replace = match ctx
        .header("x-oss-metadata-directive")
        .map(|v| v.trim().to_ascii_uppercase())
        .as_deref()
    {
        None | Some("COPY") => false,
        Some("REPLACE") => true,
        Some(other) => {
            return Err(bad_argument(
                "x-oss-metadata-directive",
                other,
                format!("x-oss-metadata-directive must be COPY or REPLACE, not {other:?}"),
            ));
        }
    };
    if *caller == Caller::Anonymous {
        let store = ctx.state.store.clone();
        let b = src_bucket.clone();
        let src = blocking(move || store.bucket(&b))
            .await
            .map_err(|e| store_error(e, &src_bucket, None))?;
        if !auth::anonymous_allowed(Operation::GetObject, src.acl) {
            return Err(auth::anonymous_denied(Operation::GetObject, src.acl));
        }
    }
    let new_headers = if replace {
        Some(kept_request_headers(ctx, &key))
    } else {
        None
    };
    let store = ctx.state.store.clone();
    let (sb, sk, db, dk) = (
        src_bucket.clone(),
        src_key.clone(),
        bucket.to_string(),
        key.clone(),
    );
    let meta = blocking(move || {
        let (src, file) = store.open_object(&sb, &sk)?;
        let mut writer = store.begin_object(&db)?;
        let mut reader = std::io::Read::take(file, src.size);
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = std::io::Read::read(&mut reader, &mut buf)?;
            if n == 0 {
                break;
            }
            writer.write(&buf[..n])?;
        }
        let meta = ObjectMeta {
            key: dk,
            modified: jiff::Timestamp::now().as_second(),
            headers: new_headers.unwrap_or(src.headers),
            ..src
        };
        store.commit_object(&db, writer, &meta)?;
        Ok(meta)
    })
    .await
    .map_err(|e| match e {
        StoreError::NoSuchBucket => ApiError::no_such_bucket(&src_bucket),
        other => store_error(other, bucket, Some(&src_key)),
    })?;
    let tag = etag(&meta.md5_hex);
    let mut r = xml_response(format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CopyObjectResult><ETag>{}</ETag>\
         <LastModified>{}</LastModified></CopyObjectResult>",
        esc(&tag),
        iso_date(meta.modified)
    ));
    set_header(&mut r, "etag", &tag);
    set_header(&mut r, "x-oss-hash-crc64ecma", &meta.crc64.to_string());
    Ok(r)
}

/// The `<Delete>` document of DeleteMultipleObjects.
#[derive(Debug, serde::Deserialize)]
struct DeleteDocument {
    #[serde(rename = "Quiet", default)]
    quiet: Option<String>,
    #[serde(rename = "Object", default)]
    objects: Vec<DeleteEntry>,
}

#[derive(Debug, serde::Deserialize)]
struct DeleteEntry {
    #[serde(rename = "Key")]
    key: String,
}

/// DeleteMultipleObjects: `POST /?delete` with up to 1000 keys.
async fn delete_multiple_objects(
    ctx: &Ctx<'_>,
    bucket: &str,
    body: Incoming,
) -> Result<Response<Body>, ApiError> {
    let body = read_small_body(ctx, body, 2 * 1024 * 1024, "Delete document").await?;
    check_content_md5(ctx, &Md5::digest(&body))?;
    let malformed = |why: String| {
        ApiError::new(
            400,
            "MalformedXML",
            format!(
                "The XML you provided was not well-formed or did not validate against the Delete schema: {why}"
            ),
        )
    };
    let text = std::str::from_utf8(&body).map_err(|_| malformed("not UTF-8".into()))?;
    let doc: DeleteDocument =
        quick_xml::de::from_str(text).map_err(|e| malformed(e.to_string()))?;
    if doc.objects.is_empty() || doc.objects.len() > 1000 {
        return Err(malformed(format!(
            "between 1 and 1000 <Object> entries are required, found {}",
            doc.objects.len()
        )));
    }
    let quiet = match doc.quiet.as_deref().map(str::trim) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => {
            return Err(malformed(format!(
                "<Quiet> must be true or false, not {other:?}"
            )));
        }
    };
    let url_encoded = route::query_value(&ctx.raw_query, "encoding-type").as_deref() == Some("url");
    let mut keys = Vec::with_capacity(doc.objects.len());
    for o in doc.objects {
        let key = if url_encoded {
            route::decode_path(&o.key).map_err(|e| malformed(e.to_string()))?
        } else {
            o.key
        };
        route::check_key(&key).map_err(route_error)?;
        keys.push(key);
    }
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    let deleted = keys.clone();
    blocking(move || {
        for key in &deleted {
            store.delete_object(&b, key)?;
        }
        Ok(())
    })
    .await
    .map_err(|e| store_error(e, bucket, None))?;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DeleteResult>");
    if url_encoded {
        xml.push_str("<EncodingType>url</EncodingType>");
    }
    if !quiet {
        for key in &keys {
            let shown = if url_encoded {
                percent_encoding::utf8_percent_encode(key, percent_encoding::NON_ALPHANUMERIC)
                    .to_string()
            } else {
                esc(key)
            };
            xml.push_str(&format!("<Deleted><Key>{shown}</Key></Deleted>"));
        }
    }
    xml.push_str("</DeleteResult>");
    Ok(xml_response(xml))
}

fn object_too_large() -> ApiError {
    ApiError::new(
        400,
        "EntityTooLarge",
        format!(
            "Your proposed upload exceeds the maximum allowed object size ({MAX_OBJECT_SIZE} bytes)."
        ),
    )
}

fn etag(md5_hex: &str) -> String {
    format!("\"{}\"", md5_hex.to_ascii_uppercase())
}

/// A Content-Type from the key's extension, as OSS does when the client sends none.
fn guess_content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("html" | "htm") => "text/html",
        Some("txt") => "text/plain",
        Some("css") => "text/css",
        Some("js" | "mjs") => "application/javascript",
        Some("json") => "application/json",
        Some("xml") => "application/xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("svg") => "image/svg+xml",
        Some("webp") => "image/webp",
        Some("pdf") => "application/pdf",
        Some("wasm") => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// A satisfiable byte range `[start, end]` of an object of `size` bytes, `Ok(None)` for no or
/// an ignorable Range header (OSS ignores malformed ranges and answers 200), `Err` for 416.
fn parse_range(header: Option<&str>, size: u64) -> Result<Option<(u64, u64)>, ()> {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else {
        return Ok(None);
    };
    if spec.contains(',') {
        return Ok(None);
    }
    let Some((a, b)) = spec.split_once('-') else {
        return Ok(None);
    };
    let (a, b) = (a.trim(), b.trim());
    let range = match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ok(None),
        (true, false) => {
            let Ok(n) = b.parse::<u64>() else {
                return Ok(None);
            };
            if n == 0 || size == 0 {
                return Err(());
            }
            (size.saturating_sub(n), size - 1)
        }
        (false, _) => {
            let Ok(start) = a.parse::<u64>() else {
                return Ok(None);
            };
            let end = if b.is_empty() {
                u64::MAX
            } else {
                match b.parse::<u64>() {
                    Ok(e) => e,
                    Err(_) => return Ok(None),
                }
            };
            if end < start {
                return Ok(None);
            }
            if start >= size {
                return Err(());
            }
            (start, end.min(size - 1))
        }
    };
    Ok(Some(range))
}

async fn get_object(
    ctx: &Ctx<'_>,
    route: &Route,
    bucket: &str,
) -> Result<Response<Body>, ApiError> {
    let key = route.key.clone().unwrap_or_default();
    let store = ctx.state.store.clone();
    let (b, k) = (bucket.to_string(), key.clone());
    let want_body = route.op == Operation::GetObject;
    let (meta, file, small) = blocking(move || {
        let (meta, mut file) = store.open_object(&b, &k)?;
        // A small object is read here, on the blocking thread already in use, rather than
        // streamed through tokio::fs (one more blocking-thread hop per read).
        let small = if want_body && meta.size <= SMALL_OBJECT {
            let mut buf = vec![0u8; meta.size as usize];
            std::io::Read::read_exact(&mut file, &mut buf)?;
            Some(Bytes::from(buf))
        } else {
            None
        };
        Ok((meta, file, small))
    })
    .await
    .map_err(|e| store_error(e, bucket, Some(&key)))?;
    let tag = etag(&meta.md5_hex);
    if route.op == Operation::GetObjectMeta {
        let mut r = status_only(200);
        set_header(&mut r, "content-length", &meta.size.to_string());
        set_header(&mut r, "etag", &tag);
        set_header(&mut r, "last-modified", &http_date(meta.modified));
        set_header(&mut r, "x-oss-hash-crc64ecma", &meta.crc64.to_string());
        return Ok(r);
    }
    // Conditional requests.
    if let Some(inm) = ctx.header("if-none-match")
        && etag_list_matches(inm, &tag)
    {
        let mut r = status_only(304);
        set_header(&mut r, "etag", &tag);
        return Ok(r);
    }
    if let Some(im) = ctx.header("if-match")
        && !etag_list_matches(im, &tag)
    {
        return Err(ApiError::new(
            412,
            "PreconditionFailed",
            "At least one of the pre-conditions you specified did not hold",
        )
        .with("Condition", "If-Match"));
    }
    let range = match parse_range(ctx.header("range"), meta.size) {
        Ok(r) => r,
        Err(()) => {
            return Err(ApiError::new(
                416,
                "InvalidRange",
                format!(
                    "The requested range is not satisfiable for an object of {} bytes.",
                    meta.size
                ),
            )
            .with("ActualObjectSize", meta.size.to_string())
            .with(
                "RangeRequested",
                ctx.header("range").unwrap_or("").to_string(),
            ));
        }
    };
    let (start, len, status) = match range {
        Some((s, e)) => (s, e - s + 1, 206),
        None => (0, meta.size, 200),
    };
    let body = if route.op == Operation::HeadObject {
        super::respond::empty()
    } else if let Some(whole) = small {
        super::respond::full(whole.slice(start as usize..(start + len) as usize))
    } else {
        stream_file(file, start, len)?
    };
    let mut r = Response::new(body);
    *r.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or(hyper::StatusCode::OK);
    for (name, value) in &meta.headers {
        set_header(&mut r, name, value);
    }
    set_header(&mut r, "content-length", &len.to_string());
    set_header(&mut r, "etag", &tag);
    set_header(&mut r, "last-modified", &http_date(meta.modified));
    set_header(&mut r, "accept-ranges", "bytes");
    set_header(&mut r, "x-oss-object-type", "Normal");
    set_header(&mut r, "x-oss-storage-class", "Standard");
    if status == 200 {
        // The whole object's checksum; a partial body would not match it.
        set_header(&mut r, "x-oss-hash-crc64ecma", &meta.crc64.to_string());
    } else {
        set_header(
            &mut r,
            "content-range",
            &format!("bytes {}-{}/{}", start, start + len - 1, meta.size),
        );
    }
    // response-* overrides (GetObject only, as OSS).
    if route.op == Operation::GetObject {
        for (param, header) in [
            ("response-content-type", "content-type"),
            ("response-content-language", "content-language"),
            ("response-expires", "expires"),
            ("response-cache-control", "cache-control"),
            ("response-content-disposition", "content-disposition"),
            ("response-content-encoding", "content-encoding"),
        ] {
            if let Some(v) = route::query_value(&ctx.raw_query, param) {
                set_header(&mut r, header, &v);
            }
        }
    }
    Ok(r)
}

fn etag_list_matches(list: &str, tag: &str) -> bool {
    list.split(',').any(|t| {
        let t = t.trim().trim_start_matches("W/");
        t == "*" || t.eq_ignore_ascii_case(tag)
    })
}

/// Streams `len` bytes of `file` from `start` in 64 KiB chunks.
fn stream_file(mut file: std::fs::File, start: u64, len: u64) -> Result<Body, ApiError> {
    file.seek(SeekFrom::Start(start)).map_err(|e| {
        tracing::error!(target: "ossctl::serve", "seek failed: {e}");
        ApiError::internal()
    })?;
    let file = tokio::fs::File::from_std(file);
    let stream = futures_util::stream::unfold(
        (file.take(len), vec![0u8; 64 * 1024]),
        |(mut reader, mut buf)| async move {
            match reader.read(&mut buf).await {
                Ok(0) => None,
                Ok(n) => {
                    let chunk = Bytes::copy_from_slice(&buf[..n]);
                    Some((Ok(Frame::data(chunk)), (reader, buf)))
                }
                Err(e) => Some((Err(e), (reader, buf))),
            }
        },
    );
    Ok(BodyExt::boxed_unsync(StreamBody::new(stream)))
}

async fn list_objects(ctx: &Ctx<'_>, bucket: &str) -> Result<Response<Body>, ApiError> {
    let q = |name: &str| route::query_value(&ctx.raw_query, name);
    let v2 = q("list-type").as_deref() == Some("2");
    let prefix = q("prefix").unwrap_or_default();
    let delimiter = q("delimiter").unwrap_or_default();
    let url_encode = q("encoding-type").as_deref() == Some("url");
    let max_keys = match q("max-keys") {
        None => 100,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n <= 1000 => n,
            _ => {
                return Err(ApiError::new(
                    400,
                    "InvalidArgument",
                    format!("max-keys must be an integer between 0 and 1000, got {v:?}"),
                )
                .with("ArgumentName", "max-keys")
                .with("ArgumentValue", v));
            }
        },
    };
    let after = if v2 {
        q("continuation-token")
            .filter(|t| !t.is_empty())
            .or_else(|| q("start-after"))
            .unwrap_or_default()
    } else {
        q("marker").unwrap_or_default()
    };
    let store = ctx.state.store.clone();
    let b = bucket.to_string();
    let objects = blocking(move || store.list_objects(&b))
        .await
        .map_err(|e| store_error(e, bucket, None))?;
    let enc = |s: &str| {
        if url_encode {
            percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
        } else {
            esc(s)
        }
    };
    let mut contents = String::new();
    let mut prefixes: Vec<String> = Vec::new();
    let mut count = 0usize;
    let mut truncated = false;
    let mut last = String::new();
    for o in objects
        .iter()
        .filter(|o| o.key.starts_with(&prefix) && o.key > after)
    {
        let rest = &o.key[prefix.len()..];
        let common = if delimiter.is_empty() {
            None
        } else {
            rest.find(&delimiter)
                .map(|i| format!("{prefix}{}", &rest[..i + delimiter.len()]))
        };
        if let Some(cp) = &common
            && prefixes.last() == Some(cp)
        {
            continue;
        }
        if common
            .as_ref()
            .is_some_and(|cp| cp.as_str() <= after.as_str())
        {
            continue;
        }
        if count == max_keys {
            truncated = true;
            break;
        }
        count += 1;
        match common {
            Some(cp) => {
                last = cp.clone();
                prefixes.push(cp);
            }
            None => {
                last = o.key.clone();
                contents.push_str(&format!(
                    "<Contents><Key>{}</Key><LastModified>{}</LastModified><ETag>{}</ETag>\
                     <Type>Normal</Type><Size>{}</Size><StorageClass>Standard</StorageClass>\
                     <Owner><ID>{OWNER_ID}</ID><DisplayName>{OWNER_ID}</DisplayName></Owner></Contents>",
                    enc(&o.key),
                    iso_date(o.modified),
                    esc(&etag(&o.md5_hex)),
                    o.size
                ));
            }
        }
    }
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult><Name>{}</Name><Prefix>{}</Prefix>",
        esc(bucket),
        enc(&prefix)
    );
    if v2 {
        if let Some(sa) = q("start-after") {
            xml.push_str(&format!("<StartAfter>{}</StartAfter>", enc(&sa)));
        }
        if let Some(ct) = q("continuation-token") {
            xml.push_str(&format!(
                "<ContinuationToken>{}</ContinuationToken>",
                esc(&ct)
            ));
        }
    } else {
        xml.push_str(&format!("<Marker>{}</Marker>", enc(&after)));
    }
    xml.push_str(&format!(
        "<MaxKeys>{max_keys}</MaxKeys><Delimiter>{}</Delimiter><IsTruncated>{truncated}</IsTruncated>",
        enc(&delimiter)
    ));
    if url_encode {
        xml.push_str("<EncodingType>url</EncodingType>");
    }
    if truncated {
        if v2 {
            xml.push_str(&format!(
                "<NextContinuationToken>{}</NextContinuationToken>",
                esc(&last)
            ));
        } else {
            xml.push_str(&format!("<NextMarker>{}</NextMarker>", enc(&last)));
        }
    }
    if v2 {
        xml.push_str(&format!("<KeyCount>{count}</KeyCount>"));
    }
    xml.push_str(&contents);
    for p in prefixes {
        xml.push_str(&format!(
            "<CommonPrefixes><Prefix>{}</Prefix></CommonPrefixes>",
            enc(&p)
        ));
    }
    xml.push_str("</ListBucketResult>");
    Ok(xml_response(xml))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_timestamps_match_strftime() {
        for (second, nanos) in [
            (1717245296, 789_000_000),
            (1717245296, 1_000_000),
            (1717245297, 0),
        ] {
            let ts = jiff::Timestamp::new(second, nanos).unwrap();
            assert_eq!(
                log_timestamp(ts),
                ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
            );
        }
        let ts = jiff::Timestamp::new(1717245297, 5_000_000).unwrap();
        assert_eq!(log_timestamp(ts), "2024-06-01T12:34:57.005Z");
    }

    #[test]
    fn ranges() {
        assert_eq!(parse_range(None, 10), Ok(None));
        assert_eq!(parse_range(Some("bytes=0-3"), 10), Ok(Some((0, 3))));
        assert_eq!(parse_range(Some("bytes=5-"), 10), Ok(Some((5, 9))));
        assert_eq!(parse_range(Some("bytes=-4"), 10), Ok(Some((6, 9))));
        assert_eq!(parse_range(Some("bytes=-40"), 10), Ok(Some((0, 9))));
        assert_eq!(parse_range(Some("bytes=8-100"), 10), Ok(Some((8, 9))));
        assert_eq!(parse_range(Some("bytes=10-"), 10), Err(()));
        assert_eq!(parse_range(Some("bytes=4-2"), 10), Ok(None));
        assert_eq!(parse_range(Some("bytes=0-1,3-4"), 10), Ok(None));
        assert_eq!(parse_range(Some("items=0-1"), 10), Ok(None));
        assert_eq!(parse_range(Some("bytes=x-1"), 10), Ok(None));
    }

    #[test]
    fn etags() {
        assert_eq!(
            etag("d41d8cd98f00b204e9800998ecf8427e"),
            "\"D41D8CD98F00B204E9800998ECF8427E\""
        );
        assert!(etag_list_matches("\"AB\", \"CD\"", "\"CD\""));
        assert!(etag_list_matches("*", "\"CD\""));
        assert!(!etag_list_matches("\"AB\"", "\"CD\""));
    }
}
