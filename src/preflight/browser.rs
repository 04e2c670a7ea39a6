//! The browser model: WHATWG Fetch's CORS protocol as Chromium implements it
//! (cors-semantics.md §2; fetch.spec.whatwg.org, "CORS protocol" and "CORS-safelisted").
//!
//! Decides whether a cross-origin `fetch()` needs a preflight (CORS-safelisted methods and
//! request headers), whether the preflight response lets the request through (CORS check,
//! status, methods, headers), whether the actual response passes the CORS check, and which
//! response headers script may read. It takes response headers as input, so it judges an
//! answer of the server model and a real server's answer alike.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use super::matcher::{list_items, trim_http_ws};

/// A cross-origin request as the page makes it (`fetch(url, {method, headers, credentials})`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrowserRequest {
    /// The page's origin, serialised as browsers do (`https://app.example.com`).
    pub origin: String,
    /// The method as it goes on the wire (see [`normalize_method`]).
    pub method: String,
    /// Author request headers, in order (name as written, value).
    pub headers: Vec<(String, String)>,
    /// `credentials: 'include'` (cookies, HTTP auth): the stricter CORS checks apply.
    pub credentials: bool,
    /// The object path (informational: OSS rules are bucket-wide).
    pub path: String,
}

impl Default for BrowserRequest {
    fn default() -> Self {
        Self {
            origin: "https://app.example.com".to_owned(),
            method: "GET".to_owned(),
            headers: Vec::new(),
            credentials: false,
            path: "/".to_owned(),
        }
    }
}

/// Why the browser refuses a response: the DevTools `CorsError` code and Chromium's console text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BrowserFailure {
    /// Chromium DevTools protocol `Network.CorsError` name, e.g. `PreflightMissingAllowOriginHeader`.
    pub code: &'static str,
    /// The part of Chromium's console message after "has been blocked by CORS policy: ".
    pub message: String,
}

impl BrowserFailure {
    pub(super) fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The whole console line Chromium prints for a `fetch()` of `url` from `origin`.
    pub fn console_line(&self, url: &str, origin: &str) -> String {
        format!(
            "Access to fetch at '{url}' from origin '{origin}' has been blocked by CORS policy: {}",
            self.message
        )
    }
}

/// The value a bare `-H Name` stands for: one that no safelist rule accepts (it contains
/// `(` and `)`, CORS-unsafe request-header bytes, and is no `bytes=` range).
pub const NON_SAFELISTED_VALUE: &str = "(not safelisted)";

/// `fetch()`'s method normalisation: `delete get head options post put` (any case) are
/// upper-cased; every other method is kept exactly as typed (so `patch` stays `patch`).
pub fn normalize_method(method: &str) -> String {
    const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];
    NORMALIZED
        .iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .map_or(method, |m| m)
        .to_owned()
}

/// Whether `b` may appear in an HTTP token (RFC 9110 tchar).
pub fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric()
        || matches!(b, b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+')
        || matches!(b, b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~')
}

pub(super) fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(is_tchar)
}

/// Why a `-H 'Name: value'` argument is not a header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HeaderArgError {
    /// Nothing before the colon.
    EmptyName {
        /// The argument as written.
        arg: String,
    },
    /// The name has a character RFC 9110 does not allow in a token.
    BadNameChar {
        /// The argument as written.
        arg: String,
        /// The character.
        bad: char,
    },
    /// The value has NUL, CR or LF.
    BadValueChar {
        /// The argument as written.
        arg: String,
        /// The character.
        bad: char,
    },
}

impl std::fmt::Display for HeaderArgError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HeaderArgError::EmptyName { arg } => {
                write!(
                    f,
                    "header `{arg}`: the name is empty (expected `Name: value`)"
                )
            }
            HeaderArgError::BadNameChar { arg, bad } => {
                let name = arg.split_once(':').map_or(arg.as_str(), |(n, _)| n);
                write!(
                    f,
                    "header `{arg}`: the name `{}` contains {bad:?}, which is not allowed in a header name",
                    trim_http_ws(name)
                )
            }
            HeaderArgError::BadValueChar { arg, bad } => write!(
                f,
                "header `{arg}`: the value contains {bad:?}, which is not allowed in a header value"
            ),
        }
    }
}

impl std::error::Error for HeaderArgError {}

/// Parses curl's `-H 'Name: value'`. A bare `Name` (no colon) stands for a value that is not
/// safelisted ([`NON_SAFELISTED_VALUE`]); `Name:` is an empty value.
pub fn parse_header_arg(arg: &str) -> Result<(String, String), HeaderArgError> {
    let (name, value) = match arg.split_once(':') {
        Some((n, v)) => (trim_http_ws(n), trim_http_ws(v)),
        None => (trim_http_ws(arg), NON_SAFELISTED_VALUE),
    };
    let arg = || arg.to_owned();
    if name.is_empty() {
        return Err(HeaderArgError::EmptyName { arg: arg() });
    }
    if let Some(bad) = name.chars().find(|c| !c.is_ascii() || !is_tchar(*c as u8)) {
        return Err(HeaderArgError::BadNameChar { arg: arg(), bad });
    }
    if let Some(bad) = value.chars().find(|&c| c == '\0' || c == '\r' || c == '\n') {
        return Err(HeaderArgError::BadValueChar { arg: arg(), bad });
    }
    Ok((name.to_owned(), value.to_owned()))
}

/// Fetch's forbidden request-header names: the browser drops them silently.
const FORBIDDEN_NAMES: [&str; 21] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// Names that are forbidden when one of their values is CONNECT, TRACE or TRACK.
const METHOD_OVERRIDE_NAMES: [&str; 3] = [
    "x-http-method",
    "x-http-method-override",
    "x-method-override",
];

/// Whether the page may not set this header (Fetch "forbidden request-header").
pub fn is_forbidden_request_header(name: &str, value: &str) -> bool {
    let starts = |prefix: &str| {
        name.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    if starts("proxy-") || starts("sec-") {
        return true;
    }
    let listed = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(name));
    if listed(&FORBIDDEN_NAMES) {
        return true;
    }
    listed(&METHOD_OVERRIDE_NAMES)
        && list_items(value).any(|m| {
            ["CONNECT", "TRACE", "TRACK"]
                .iter()
                .any(|f| f.eq_ignore_ascii_case(m))
        })
}

/// Whether `method` is a CORS-safelisted method (byte-exact `GET`, `HEAD`, `POST`).
pub fn is_safelisted_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// Fetch's CORS-unsafe request-header byte.
pub fn is_cors_unsafe_byte(b: u8) -> bool {
    (b < 0x20 && b != b'\t')
        || b == 0x7f
        || matches!(b, b'"' | b'(' | b')' | b':' | b'<' | b'>' | b'?')
        || matches!(b, b'@' | b'[' | b'\\' | b']' | b'{' | b'}')
}

/// Why a header is not CORS-safelisted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotSafelisted {
    /// Not one of Accept, Accept-Language, Content-Language, Content-Type, Range.
    Name,
    /// The value is longer than 128 bytes.
    TooLong,
    /// The value holds a CORS-unsafe byte.
    UnsafeByte(u8),
    /// An Accept-Language or Content-Language value holds another byte.
    LanguageByte(u8),
    /// A Content-Type value that is no valid MIME type.
    ContentTypeInvalid,
    /// A Content-Type other than the three form types.
    ContentTypeEssence,
    /// A Range value that is not one simple `bytes=` range.
    Range,
}

/// Fetch's "CORS-safelisted request-header" check for one header.
pub fn safelisted(name: &str, value: &str) -> Result<(), NotSafelisted> {
    let known = [
        "accept",
        "accept-language",
        "content-language",
        "content-type",
        "range",
    ];
    let Some(name) = known.into_iter().find(|k| k.eq_ignore_ascii_case(name)) else {
        return Err(NotSafelisted::Name);
    };
    if value.len() > 128 {
        return Err(NotSafelisted::TooLong);
    }
    let unsafe_byte = value.bytes().find(|&b| is_cors_unsafe_byte(b));
    match name {
        "accept" => unsafe_byte.map_or(Ok(()), |b| Err(NotSafelisted::UnsafeByte(b))),
        "accept-language" | "content-language" => {
            let symbol = |b| matches!(b, b' ' | b'*' | b',' | b'-' | b'.' | b';' | b'=');
            let allowed = |b: u8| b.is_ascii_alphanumeric() || symbol(b);
            value
                .bytes()
                .find(|&b| !allowed(b))
                .map_or(Ok(()), |b| Err(NotSafelisted::LanguageByte(b)))
        }
        "content-type" => {
            if let Some(b) = unsafe_byte {
                return Err(NotSafelisted::UnsafeByte(b));
            }
            let Some((t, s)) = mime_essence(value) else {
                return Err(NotSafelisted::ContentTypeInvalid);
            };
            let safelisted = [
                ("application", "x-www-form-urlencoded"),
                ("multipart", "form-data"),
                ("text", "plain"),
            ];
            let is = |(a, b): (&str, &str)| a.eq_ignore_ascii_case(t) && b.eq_ignore_ascii_case(s);
            if safelisted.into_iter().any(is) {
                Ok(())
            } else {
                Err(NotSafelisted::ContentTypeEssence)
            }
        }
        _ if simple_range(value) => Ok(()),
        _ => Err(NotSafelisted::Range),
    }
}

/// WHATWG MIME parsing, as far as the essence: `(type, subtype)` or `None` on failure.
pub fn mime_essence(value: &str) -> Option<(&str, &str)> {
    let v = trim_http_ws(value);
    let (ty, rest) = v.split_once('/')?;
    // The subtype runs to the first `;`, without trailing (not leading) whitespace.
    let subtype = rest.split(';').next().unwrap_or("");
    let subtype = subtype.trim_end_matches([' ', '\t', '\r', '\n']);
    (is_token(ty) && is_token(subtype)).then_some((ty, subtype))
}

/// Fetch's "parse a single range header value" (no whitespace) with a start: true for
/// `bytes=N-` and `bytes=N-M` with N ≤ M.
pub fn simple_range(value: &str) -> bool {
    let Some((unit, range)) = value.split_once('=') else {
        return false;
    };
    let Some((start, end)) = range.split_once('-') else {
        return false;
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !unit.eq_ignore_ascii_case("bytes") || start.is_empty() || !digits(start) || !digits(end) {
        return false;
    }
    // Compare as decimal numbers of any length: by length without leading zeros, then text.
    let number = |s: &str| {
        let s = s.trim_start_matches('0');
        (s.len(), s.to_owned())
    };
    end.is_empty() || number(start) <= number(end)
}

/// Why a preflight is needed: the method, one unsafe header, or the size of the safelisted
/// values. `Display` gives the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreflightReason<'a> {
    /// The method is not byte-exactly GET, HEAD or POST.
    Method(&'a str),
    /// A header that is not CORS-safelisted.
    Header {
        /// As the page wrote it.
        name: &'a str,
        /// Its value.
        value: &'a str,
        /// Why not.
        why: NotSafelisted,
    },
    /// The safelisted values total more than 1024 bytes.
    TotalTooLong(usize),
}

impl fmt::Display for PreflightReason<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            PreflightReason::Method(method)
                if is_safelisted_method(&method.to_ascii_uppercase()) =>
            {
                write!(
                    f,
                    "method `{method}` is not CORS-safelisted (the safelist is byte-exact GET, HEAD, POST)"
                )
            }
            PreflightReason::Method(method) => write!(
                f,
                "method `{method}` is not CORS-safelisted (only GET, HEAD and POST are)"
            ),
            PreflightReason::Header { name, value, why } => write_unsafe(f, name, value, why),
            PreflightReason::TotalTooLong(total) => write!(
                f,
                "the safelisted header values total {total} bytes (more than 1024), so they all count as unsafe"
            ),
        }
    }
}

impl Serialize for PreflightReason<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

fn write_unsafe(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    value: &str,
    why: NotSafelisted,
) -> fmt::Result {
    let lower = name.to_ascii_lowercase();
    match why {
        NotSafelisted::Name => write!(f, "`{lower}` is not a CORS-safelisted request header"),
        NotSafelisted::TooLong => write!(
            f,
            "the `{lower}` value is {} bytes long; safelisted values are at most 128 bytes",
            value.len()
        ),
        NotSafelisted::UnsafeByte(b) => write!(
            f,
            "`{lower}: {value}` contains {:?}, a CORS-unsafe byte",
            b as char
        ),
        NotSafelisted::LanguageByte(b) => write!(
            f,
            "`{lower}: {value}` contains {:?}; only letters, digits, space and `*,-.;=` are safelisted",
            b as char
        ),
        NotSafelisted::ContentTypeInvalid => {
            write!(f, "`content-type: {value}` is not a valid MIME type")
        }
        NotSafelisted::ContentTypeEssence => {
            let (t, s) = mime_essence(value).unwrap_or_default();
            write!(
                f,
                "`content-type: {value}`: only application/x-www-form-urlencoded, multipart/form-data and text/plain are safelisted, not {}/{}",
                t.to_ascii_lowercase(),
                s.to_ascii_lowercase()
            )
        }
        NotSafelisted::Range => write!(
            f,
            "`range: {value}` is not a single `bytes=N-` or `bytes=N-M` range (N ≤ M)"
        ),
    }
}

/// Whether a preflight is sent, why, and the `Access-Control-Request-Headers` it carries.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct PreflightNeed<'a> {
    /// A preflight is sent.
    pub needed: bool,
    /// Why (the method, each unsafe header, the total size); empty when not needed.
    pub reasons: Vec<PreflightReason<'a>>,
    /// The ACRH value Chromium sends: unsafe names lower-cased, sorted, deduped, joined by `,`.
    pub request_headers: Option<String>,
    /// Headers the browser drops because script may not set them (forbidden request headers).
    pub ignored_headers: Vec<String>,
}

/// What Fetch makes of one author request header. Both of Fetch's algorithms that read the
/// headers (the preflight decision and "CORS-unsafe request-header names") read this one
/// classification, so each header is classified once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderClass {
    /// A forbidden request-header: the browser drops it, so it is neither sent nor counted.
    Forbidden,
    /// CORS-safelisted: sent, and its value counts towards the 1024-byte total.
    Safelisted,
    /// Sent, but not CORS-safelisted (and why).
    NotSafelisted(NotSafelisted),
}

/// Classifies one author header: forbidden ([`is_forbidden_request_header`]), else
/// CORS-safelisted or not ([`safelisted`]).
pub fn classify_header(name: &str, value: &str) -> HeaderClass {
    if is_forbidden_request_header(name, value) {
        return HeaderClass::Forbidden;
    }
    match safelisted(name, value) {
        Ok(()) => HeaderClass::Safelisted,
        Err(why) => HeaderClass::NotSafelisted(why),
    }
}

/// The request's author headers, in order, each with its class.
fn classify(req: &BrowserRequest) -> Vec<(&str, &str, HeaderClass)> {
    let headers = req.headers.iter();
    headers
        .map(|(n, v)| (n.as_str(), v.as_str(), classify_header(n, v)))
        .collect()
}

/// The total length of the safelisted values (Fetch's "safelistValueSize").
fn safelisted_total(headers: &[(&str, &str, HeaderClass)]) -> usize {
    let safelisted = |(_, _, class): &&(&str, &str, HeaderClass)| *class == HeaderClass::Safelisted;
    headers
        .iter()
        .filter(safelisted)
        .map(|(_, v, _)| v.len())
        .sum()
}

/// Fetch's "CORS-unsafe request-header names": the headers sent that are not CORS-safelisted,
/// and the safelisted ones too when their values total more than 1024 bytes; as a
/// sorted-lowercase set (lower-cased, sorted, without repeats).
fn unsafe_names(headers: &[(&str, &str, HeaderClass)]) -> Vec<String> {
    let all_unsafe = safelisted_total(headers) > 1024;
    let mut names: Vec<String> = headers
        .iter()
        .filter(|(_, _, class)| match class {
            HeaderClass::Forbidden => false,
            HeaderClass::Safelisted => all_unsafe,
            HeaderClass::NotSafelisted(_) => true,
        })
        .map(|(n, _, _)| n.to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// Fetch's "CORS-unsafe request-header names" and the method check: is a preflight needed?
pub fn preflight_needed(req: &BrowserRequest) -> PreflightNeed<'_> {
    let mut need = PreflightNeed::default();
    if !is_safelisted_method(&req.method) {
        need.reasons.push(PreflightReason::Method(&req.method));
    }
    let classified = classify(req);
    for &(name, value, class) in &classified {
        match class {
            HeaderClass::Forbidden => need.ignored_headers.push(name.to_ascii_lowercase()),
            HeaderClass::Safelisted => {}
            HeaderClass::NotSafelisted(why) => {
                need.reasons
                    .push(PreflightReason::Header { name, value, why })
            }
        }
    }
    let total = safelisted_total(&classified);
    if total > 1024 {
        need.reasons.push(PreflightReason::TotalTooLong(total));
    }
    let unsafe_names = unsafe_names(&classified);
    need.needed = !need.reasons.is_empty();
    need.request_headers = (!unsafe_names.is_empty()).then(|| unsafe_names.join(","));
    need
}

/// The values of every `name` header (ASCII case-insensitive), in order.
fn header_values<'h, N: AsRef<str>, V: AsRef<str>>(
    headers: &'h [(N, V)],
    name: &'h str,
) -> impl Iterator<Item = &'h str> + 'h {
    headers
        .iter()
        .filter(move |(n, _)| n.as_ref().eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_ref())
}

/// The CORS check (Fetch "CORS check", Chromium `CheckAccess`), with Chromium's error codes:
/// `preflight` selects the `Preflight*` codes and the message prefix.
fn cors_check<N: AsRef<str>, V: AsRef<str>>(
    req: &BrowserRequest,
    headers: &[(N, V)],
    preflight: bool,
) -> Result<(), BrowserFailure> {
    let prefix = if preflight {
        "Response to preflight request doesn't pass access control check: "
    } else {
        ""
    };
    let fail = |code: &'static str, text: String| {
        let code = if preflight {
            preflight_code(code)
        } else {
            code
        };
        Err(BrowserFailure::new(code, format!("{prefix}{text}")))
    };
    let mut values = header_values(headers, "access-control-allow-origin");
    let acao: Cow<str> = match (values.next(), values.next()) {
        (None, _) => {
            return fail(
                "MissingAllowOriginHeader",
                "No 'Access-Control-Allow-Origin' header is present on the requested resource."
                    .to_owned(),
            );
        }
        (Some(one), None) => Cow::Borrowed(trim_http_ws(one)),
        // Several headers: Fetch combines them with ", ", which then matches no origin.
        (Some(_), Some(_)) => Cow::Owned(
            header_values(headers, "access-control-allow-origin")
                .collect::<Vec<_>>()
                .join(", "),
        ),
    };
    if acao == "*" {
        if req.credentials {
            return fail(
                "WildcardOriginNotAllowed",
                "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when the request's credentials mode is 'include'.".to_owned(),
            );
        }
        return Ok(());
    }
    if acao != req.origin {
        if acao.contains([',', ' ']) {
            return fail(
                "MultipleAllowOriginValues",
                format!(
                    "The 'Access-Control-Allow-Origin' header contains multiple values '{acao}', but only one is allowed."
                ),
            );
        }
        if acao != "null" && !acao.contains("://") {
            return fail(
                "InvalidAllowOriginValue",
                format!(
                    "The 'Access-Control-Allow-Origin' header contains the invalid value '{acao}'."
                ),
            );
        }
        return fail(
            "AllowOriginMismatch",
            format!(
                "The 'Access-Control-Allow-Origin' header has a value '{acao}' that is not equal to the supplied origin."
            ),
        );
    }
    if req.credentials {
        let acac: Vec<&str> = header_values(headers, "access-control-allow-credentials").collect();
        if !matches!(acac[..], [one] if trim_http_ws(one) == "true") {
            return fail(
                "InvalidAllowCredentials",
                format!(
                    "The value of the 'Access-Control-Allow-Credentials' header in the response is '{}' which must be 'true' when the request's credentials mode is 'include'.",
                    acac.join(", ")
                ),
            );
        }
    }
    Ok(())
}

/// The `Preflight*` variant of a CORS check error code.
fn preflight_code(code: &'static str) -> &'static str {
    match code {
        "MissingAllowOriginHeader" => "PreflightMissingAllowOriginHeader",
        "WildcardOriginNotAllowed" => "PreflightWildcardOriginNotAllowed",
        "MultipleAllowOriginValues" => "PreflightMultipleAllowOriginValues",
        "InvalidAllowOriginValue" => "PreflightInvalidAllowOriginValue",
        "AllowOriginMismatch" => "PreflightAllowOriginMismatch",
        "InvalidAllowCredentials" => "PreflightInvalidAllowCredentials",
        other => other,
    }
}

/// Judges a preflight response, in Chromium's order: the CORS check (with credentials), an
/// ok status, the methods (safelisted methods always pass), the headers.
///
/// Chromium, like Firefox and Safari today, lets `Access-Control-Allow-Headers: *` cover
/// `Authorization` for requests without credentials, although the Fetch standard excludes it
/// (cors-semantics.md §2.2 step 5; whatwg/fetch#1919). We model Chromium.
pub fn judge_preflight<N: AsRef<str>, V: AsRef<str>>(
    req: &BrowserRequest,
    status: u16,
    headers: &[(N, V)],
) -> Result<(), BrowserFailure> {
    cors_check(req, headers, true)?;
    if !(200..=299).contains(&status) {
        return Err(BrowserFailure::new(
            "PreflightInvalidStatus",
            "Response to preflight request doesn't pass access control check: It does not have HTTP ok status.",
        ));
    }
    // Chromium skips empty list items.
    let list = |name| -> Vec<&str> {
        header_values(headers, name)
            .flat_map(list_items)
            .filter(|item| !item.is_empty())
            .collect()
    };
    let methods = list("access-control-allow-methods");
    let allowed_headers = list("access-control-allow-headers");
    if !methods.iter().all(|m| is_token(m)) {
        return Err(BrowserFailure::new(
            "InvalidAllowMethodsPreflightResponse",
            "Cannot parse Access-Control-Allow-Methods response header field in preflight response.",
        ));
    }
    if !allowed_headers.iter().all(|h| is_token(h)) {
        return Err(BrowserFailure::new(
            "InvalidAllowHeadersPreflightResponse",
            "Cannot parse Access-Control-Allow-Headers response header field in preflight response.",
        ));
    }
    let method_ok = is_safelisted_method(&req.method)
        || methods.contains(&req.method.as_str())
        || (!req.credentials && methods.contains(&"*"));
    if !method_ok {
        return Err(BrowserFailure::new(
            "MethodDisallowedByPreflightResponse",
            format!(
                "Method {} is not allowed by Access-Control-Allow-Methods in preflight response.",
                req.method
            ),
        ));
    }
    if !req.credentials && allowed_headers.contains(&"*") {
        return Ok(());
    }
    for name in unsafe_names(&classify(req)) {
        if !allowed_headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(&name))
        {
            return Err(BrowserFailure::new(
                "HeaderDisallowedByPreflightResponse",
                format!(
                    "Request header field {name} is not allowed by Access-Control-Allow-Headers in preflight response."
                ),
            ));
        }
    }
    Ok(())
}

/// The verdict on an actual response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct ResponseJudgement {
    /// The CORS check passed: script gets the response.
    pub passed: bool,
    /// Why not.
    pub failure: Option<BrowserFailure>,
    /// Lower-case names of the headers script can read (when the response carries them),
    /// sorted: the CORS-safelisted response headers plus the exposed ones; `*` (credentials
    /// off only) adds every header present and the entry `*`. Never `set-cookie`. Empty on
    /// failure.
    pub visible_headers: Vec<Cow<'static, str>>,
}

/// Response headers script can always read (Fetch "CORS-safelisted response-header name").
pub const SAFELISTED_RESPONSE_HEADERS: [&str; 7] = [
    "cache-control",
    "content-language",
    "content-length",
    "content-type",
    "expires",
    "last-modified",
    "pragma",
];

fn is_forbidden_response_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("set-cookie") || name.eq_ignore_ascii_case("set-cookie2")
}

/// Judges the actual response: the CORS check again, then what script may read.
pub fn judge_response<N: AsRef<str>, V: AsRef<str>>(
    req: &BrowserRequest,
    headers: &[(N, V)],
) -> ResponseJudgement {
    if let Err(f) = cors_check(req, headers, false) {
        return ResponseJudgement {
            passed: false,
            failure: Some(f),
            visible_headers: Vec::new(),
        };
    }
    let mut visible: Vec<Cow<'static, str>> = SAFELISTED_RESPONSE_HEADERS
        .iter()
        .map(|s| Cow::Borrowed(*s))
        .collect();
    let mut wildcard = false;
    for item in header_values(headers, "access-control-expose-headers").flat_map(list_items) {
        if item == "*" {
            // With credentials `*` is a literal header name no server sends.
            wildcard |= !req.credentials;
        } else if !item.is_empty() && !is_forbidden_response_header(item) {
            visible.push(Cow::Owned(item.to_ascii_lowercase()));
        }
    }
    if wildcard {
        visible.push(Cow::Borrowed("*"));
        for (name, _) in headers {
            if !is_forbidden_response_header(name.as_ref()) {
                visible.push(Cow::Owned(name.as_ref().to_ascii_lowercase()));
            }
        }
    }
    visible.sort();
    visible.dedup();
    ResponseJudgement {
        passed: true,
        failure: None,
        visible_headers: visible,
    }
}
