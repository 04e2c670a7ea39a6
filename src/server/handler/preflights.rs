//! CORS on the wire: the answer to an OPTIONS preflight, and the CORS headers of every actual
//! response (errors included). What to answer is decided by `preflight`'s model from the
//! bucket's compiled rules; this file only carries the request in and the headers out.

use hyper::Response;

use super::Ctx;
use super::cors::load_cors;
use crate::preflight::{self, Model};
use crate::server::respond::{ApiError, Body, append_header, set_header, status_only};
use crate::server::route::Route;

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

pub(super) async fn preflight_response(
    ctx: &Ctx<'_>,
    route: &Route,
) -> Result<Response<Body>, ApiError> {
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
pub(super) async fn add_cors_headers(
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
        append_header(resp, name, value);
    }
}
