//! CORS on the wire: the answer to an OPTIONS preflight, and the CORS headers of every actual
//! response (errors included). What to answer is decided by `preflight`'s model from the
//! bucket's compiled rules; this file only carries the request in and the headers out.

use std::borrow::Cow;

use hyper::Response;
use hyper::header::{self, HeaderName, HeaderValue};

use super::Ctx;
use super::cors::load_cors;
use crate::preflight::{self, Model, names};
use crate::server::respond::{ApiError, Body, status_only};

/// The CORS-relevant parts of this request, for the model; `error` is how an actual
/// request's operation failed, if it did.
fn cors_request<'a>(ctx: &'a Ctx<'a>, error: Option<&ApiError>) -> preflight::IncomingRequest<'a> {
    preflight::IncomingRequest {
        method: ctx.method(),
        origin: ctx.header(header::ORIGIN),
        access_control_request_method: ctx.header(header::ACCESS_CONTROL_REQUEST_METHOD),
        access_control_request_headers: ctx.header(header::ACCESS_CONTROL_REQUEST_HEADERS),
        // Every signature and permission refusal is a 403 (OSS checks them before CORS).
        outcome: error.map_or(preflight::Outcome::Success, |e| {
            preflight::Outcome::from_status(e.status)
        }),
    }
}

/// The answer to an OPTIONS request on `bucket`.
pub(super) async fn preflight_response(
    ctx: &Ctx<'_>,
    bucket: &str,
) -> Result<Response<Body>, ApiError> {
    let rules = load_cors(ctx, bucket).await?.unwrap_or_default();
    let model = Model::new(ctx.state.config.behaviour);
    let answer = rules.answer(&cors_request(ctx, None), &model);
    let mut r = match answer.refusal {
        Some(refusal) => ctx.error_response(ApiError::new(
            answer.status.unwrap_or(403),
            refusal.code,
            refusal.message,
        )),
        None => status_only(answer.status.unwrap_or(200)),
    };
    add(&mut r, &answer.headers, Add::Replace);
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
    add(resp, &answer.headers, Add::Append);
}

/// How [`add`] treats a header the response has already.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Add {
    /// The model's value replaces it (a preflight answer is the model's alone).
    Replace,
    /// Both are kept (an actual response keeps what the operation set).
    Append,
}

/// Adds the model's headers, dropping a value that is not valid header text (never panics).
fn add(resp: &mut Response<Body>, headers: &[(&'static str, Cow<'_, str>)], how: Add) {
    for (name, value) in headers {
        if let (Some(name), Ok(value)) = (header_name(name), HeaderValue::from_str(value)) {
            match how {
                Add::Replace => resp.headers_mut().insert(name, value),
                Add::Append => {
                    resp.headers_mut().append(name, value);
                    None
                }
            };
        }
    }
}

/// The model's header names as hyper's constants: a `match` on the model's own names instead
/// of parsing and lower-casing each name again for every response (the profile of the
/// preflight path showed header-name parsing as its largest single cost).
fn header_name(name: &str) -> Option<HeaderName> {
    Some(match name {
        names::ALLOW_ORIGIN => header::ACCESS_CONTROL_ALLOW_ORIGIN,
        names::ALLOW_CREDENTIALS => header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
        names::ALLOW_METHODS => header::ACCESS_CONTROL_ALLOW_METHODS,
        names::ALLOW_HEADERS => header::ACCESS_CONTROL_ALLOW_HEADERS,
        names::EXPOSE_HEADERS => header::ACCESS_CONTROL_EXPOSE_HEADERS,
        names::MAX_AGE => header::ACCESS_CONTROL_MAX_AGE,
        names::VARY => header::VARY,
        other => HeaderName::from_bytes(other.as_bytes()).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_header_name_maps_to_its_own_name() {
        for name in [
            names::ALLOW_ORIGIN,
            names::ALLOW_CREDENTIALS,
            names::ALLOW_METHODS,
            names::ALLOW_HEADERS,
            names::EXPOSE_HEADERS,
            names::MAX_AGE,
            names::VARY,
            "X-Other",
        ] {
            assert_eq!(
                header_name(name).map(|n| n.to_string()),
                Some(name.to_ascii_lowercase())
            );
        }
        assert_eq!(header_name("bad name"), None);
    }
}
