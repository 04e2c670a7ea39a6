//! The bucket CORS APIs: PutBucketCors (validated by `rules`, stored as canonical XML),
//! GetBucketCors and DeleteBucketCors, and the compiled rules every CORS decision reads
//! ([`load_cors`]).

use std::sync::Arc;

use hyper::Response;
use hyper::body::Incoming;
use md5::{Digest, Md5};

use super::{Ctx, check_content_md5, read_small_body};
use crate::preflight::CompiledRules;
use crate::rules::{self, Format};
use crate::server::respond::{ApiError, Body, status_only, xml_response};

/// Largest `?cors` body accepted: 16 KB, as OSS's PutBucketCors documentation gives it
/// ("The XML message body in a request can be up to 16 KB in size"; the current page's
/// limits table says the same).
pub const MAX_CORS_BODY: usize = 16 * 1024;

pub(super) async fn put_bucket_cors(
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
    ctx.in_store(bucket, move |s, b| s.put_cors(b, xml.as_bytes()))
        .await?;
    Ok(status_only(200))
}

/// The bucket's compiled CORS rules: from the store's memory when current (no blocking
/// thread, no I/O: the preflight fast path), else read, parsed and compiled on a blocking
/// thread (once per configuration: a write makes the store read it again).
pub(super) async fn load_cors(
    ctx: &Ctx<'_>,
    bucket: &str,
) -> Result<Option<Arc<CompiledRules>>, ApiError> {
    if let Some(cors) = ctx.state.store.cached_cors(bucket) {
        return Ok(cors);
    }
    ctx.in_store(bucket, |s, b| s.cors_config(b)).await
}

pub(super) async fn get_bucket_cors(
    ctx: &Ctx<'_>,
    bucket: &str,
) -> Result<Response<Body>, ApiError> {
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

/// Removes the bucket's CORS configuration (idempotent, as OSS: 204 when there was none).
pub(super) async fn delete_bucket_cors(
    ctx: &Ctx<'_>,
    bucket: &str,
) -> Result<Response<Body>, ApiError> {
    ctx.in_store(bucket, |s, b| s.delete_cors(b)).await?;
    Ok(status_only(204))
}
