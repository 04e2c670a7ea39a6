//! Every OSS CORS behaviour that Alibaba's documentation leaves open, as one named choice.
//!
//! The simulator (`cors test`) and the local endpoint (`ossctl serve`) both read these, so a
//! choice changed here changes the prediction and the endpoint together. Each item says what
//! the references know (see `docs/preflight.md` and `../shared/reference/cors-semantics.md`
//! §1.1, §1.7 and §4.6, `oss-cors-api.md` §1.5 and §2.2-2.3) and why we picked what we did.
//! Only this file may hold an UNCONFIRMED behaviour; everything else in `preflight` is either
//! documented by OSS or standard browser behaviour.

/// ACAO for a rule whose matching `AllowedOrigin` is exactly `*`: send the literal `*`
/// (and then never `Access-Control-Allow-Credentials`).
///
/// Evidence: a real OSS preflight recorded in ali-oss#310 (and the browser error in
/// ali-oss#140) shows `Access-Control-Allow-Origin: *`; S3 and LocalStack do the same. The
/// OSS docs only say "the Origin in the request". Partly UNCONFIRMED (2016-2017 reports).
/// When `false`, the request Origin would be echoed instead (Ceph's behaviour).
pub const STAR_RULE_ANSWERS_STAR: bool = true;

/// Send `Access-Control-Allow-Credentials: true` whenever the Origin is echoed.
///
/// UNCONFIRMED for OSS (the docs never mention the header). S3 and LocalStack send it with
/// every echoed origin; Ceph never does. With `false`, credentialed requests would always
/// fail the browser's CORS check (InvalidAllowCredentials).
pub const ALLOW_CREDENTIALS_WHEN_ECHOING: bool = true;

/// What `Access-Control-Allow-Methods` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AllowMethods {
    /// All of the matched rule's AllowedMethod values, in rule order, joined by `", "`.
    RuleList,
    /// Only the method asked for (ACRM on a preflight, the method otherwise).
    Requested,
}

/// `Access-Control-Allow-Methods`: the rule's whole method list.
///
/// Evidence: ali-oss#310 recorded `GET, POST, PUT, DELETE, HEAD` for a PUT preflight (S3
/// sends the rule list too); the OSS docs' example shows just `PUT`. Partly UNCONFIRMED.
pub const ALLOW_METHODS: AllowMethods = AllowMethods::RuleList;

/// `Access-Control-Allow-Headers` echoes the requested names lower-cased (in request order,
/// joined by `", "`), as ali-oss#310 shows and S3 does. When `false` they are echoed as sent.
pub const ALLOW_HEADERS_LOWER_CASE: bool = true;

/// Send `Access-Control-Max-Age: 0` when MaxAgeSeconds is explicitly 0.
///
/// UNCONFIRMED (OSS sends Max-Age "when set"; whether 0 counts is not documented). Sending it
/// is the honest rendering of the rule; browsers then do not cache the preflight at all.
pub const SEND_MAX_AGE_ZERO: bool = true;

/// Whether the `*` in an AllowedOrigin or AllowedHeader may match the empty string
/// (`https://*example.com` matching `https://example.com`).
///
/// UNCONFIRMED. S3-style prefix+suffix matching and Ceph allow it; LocalStack does not.
/// Browsers never send origins where this matters for sensible rules.
pub const WILDCARD_MATCHES_EMPTY: bool = true;

/// Origin comparison is case-sensitive (UNCONFIRMED for OSS; S3, Ceph, LocalStack and moto
/// all compare the raw strings). Browsers always serialise hosts in lower case, so a rule
/// with upper case in its origin is a dead rule. Not switchable: documented here only.
pub const ORIGIN_CASE_SENSITIVE: bool = true;

/// Actual (non-OPTIONS) responses carry the matched rule's full CORS header set except
/// `Access-Control-Allow-Headers`: ACAO, ACAC, Allow-Methods, Expose-Headers and Max-Age.
///
/// UNCONFIRMED for OSS (S3 does this; MinIO AIStor drops Allow-Methods and Max-Age). Browsers
/// only read ACAO, ACAC and Expose-Headers on actual responses, so this never changes a verdict.
pub const ACTUAL_RESPONSE_HAS_METHODS_AND_MAX_AGE: bool = true;

/// Actual requests are matched with their real method and no header list, even if the
/// request happens to carry `Access-Control-Request-Method`/`-Headers` (S3 would use those).
/// The OSS docs say "the real method for simple requests"; browsers never send ACRM on an
/// actual request, so this only matters to hand-written curl requests.
pub const ACTUAL_REQUEST_IGNORES_ACRM: bool = true;

/// Error responses (403, 404, ...) to actual cross-origin requests carry the matched rule's
/// CORS headers, exactly like successes, as S3 does.
///
/// UNCONFIRMED for OSS. Consequence: a page can read a 404 or 403 answer (status, body and
/// exposed headers) when a rule matches; `cors test` predicts the CORS outcome independently
/// of the operation's status, and `ossctl serve` attaches the headers to every response.
pub const CORS_HEADERS_ON_ERROR_RESPONSES: bool = true;

/// Code of the error OSS sends for a refused preflight (documented: ossutil `cors-options`).
pub const PREFLIGHT_DENIED_CODE: &str = "AccessForbidden";

/// Message of a refused preflight when the bucket has no CORS configuration.
/// UNCONFIRMED: S3's text (LocalStack snapshot `test_cors_http_options_no_config`).
pub const PREFLIGHT_NOT_ENABLED_MESSAGE: &str =
    "CORSResponse: CORS is not enabled for this bucket.";

/// Message of a refused preflight when no rule matches. UNCONFIRMED: S3's text, typo included.
pub const PREFLIGHT_NOT_ALLOWED_MESSAGE: &str = "CORSResponse: This CORS request is not allowed. \
This is usually because the evalution of Origin, request method / Access-Control-Request-Method \
or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.";

/// Status and code for an OPTIONS request without `Origin` or without
/// `Access-Control-Request-Method` (both documented as required by OSS; whether OSS answers
/// 400 or 403 is UNCONFIRMED). We answer like S3, Ceph and LocalStack: 400 `BadRequest`,
/// checked before the configuration is looked at.
pub const OPTIONS_MALFORMED_STATUS: u16 = 400;
/// See [`OPTIONS_MALFORMED_STATUS`].
pub const OPTIONS_MALFORMED_CODE: &str = "BadRequest";
/// S3's message for an OPTIONS request without Origin (LocalStack snapshot, `options-no-origin`).
pub const OPTIONS_MISSING_ORIGIN_MESSAGE: &str =
    "Insufficient information. Origin request header needed.";
/// S3's message for an OPTIONS request without Access-Control-Request-Method.
pub const OPTIONS_MISSING_METHOD_MESSAGE: &str = "Invalid Access-Control-Request-Method: null";

/// An `Access-Control-Request-Method` that is not one of OSS's five methods (`PATCH`,
/// lower-case `put`) is simply matched by no rule (403), instead of S3's 400 `BadRequest`
/// "Invalid Access-Control-Request-Method". UNCONFIRMED; the browser fails either way.
pub const UNKNOWN_ACRM_IS_NO_MATCH: bool = true;

/// Empty items in `Access-Control-Request-Headers` (`a,,b`, a trailing comma) are ignored.
/// UNCONFIRMED how OSS treats them; browsers never send empty items.
pub const ACRH_DROP_EMPTY_ITEMS: bool = true;

/// One line per choice, for `docs`, `--help` texts and the README: (name, what we do).
pub const SUMMARY: &[(&str, &str)] = &[
    (
        "STAR_RULE_ANSWERS_STAR",
        "a rule whose matching AllowedOrigin is exactly `*` answers `Access-Control-Allow-Origin: *` without Allow-Credentials (ali-oss#310)",
    ),
    (
        "ALLOW_CREDENTIALS_WHEN_ECHOING",
        "any other matching rule echoes the Origin and sends `Access-Control-Allow-Credentials: true` (S3)",
    ),
    (
        "ALLOW_METHODS",
        "`Access-Control-Allow-Methods` lists all the rule's methods, joined by \", \" (ali-oss#310, S3)",
    ),
    (
        "ALLOW_HEADERS_LOWER_CASE",
        "`Access-Control-Allow-Headers` echoes the requested names lower-cased, in request order",
    ),
    (
        "SEND_MAX_AGE_ZERO",
        "`MaxAgeSeconds` 0 is sent as `Access-Control-Max-Age: 0`",
    ),
    (
        "WILDCARD_MATCHES_EMPTY",
        "`*` in AllowedOrigin/AllowedHeader may match the empty string",
    ),
    (
        "ORIGIN_CASE_SENSITIVE",
        "origins are compared case-sensitively, with no normalisation",
    ),
    (
        "ACTUAL_RESPONSE_HAS_METHODS_AND_MAX_AGE",
        "actual responses carry every CORS header of the rule except Allow-Headers (S3)",
    ),
    (
        "ACTUAL_REQUEST_IGNORES_ACRM",
        "actual requests are matched with their real method, never with ACRM/ACRH",
    ),
    (
        "CORS_HEADERS_ON_ERROR_RESPONSES",
        "error responses (403, 404, ...) to actual requests carry the matching rule's CORS headers (S3)",
    ),
    (
        "PREFLIGHT_NOT_ENABLED_MESSAGE",
        "a preflight to a bucket without CORS configuration: 403 AccessForbidden \"CORSResponse: CORS is not enabled for this bucket.\" (S3 text)",
    ),
    (
        "PREFLIGHT_NOT_ALLOWED_MESSAGE",
        "a preflight no rule matches: 403 AccessForbidden \"CORSResponse: This CORS request is not allowed. ...\" (S3 text)",
    ),
    (
        "OPTIONS_MALFORMED_STATUS",
        "OPTIONS without Origin or Access-Control-Request-Method: 400 BadRequest (S3, Ceph), before the configuration is consulted",
    ),
    (
        "UNKNOWN_ACRM_IS_NO_MATCH",
        "an Access-Control-Request-Method other than GET PUT POST DELETE HEAD matches no rule (403)",
    ),
    (
        "ACRH_DROP_EMPTY_ITEMS",
        "empty items in Access-Control-Request-Headers are ignored",
    ),
];
