//! One request as `cors test` takes it: from the command line or a `--requests` JSON line, checked
//! for what no browser sends, and turned into what the browser model (`preflight`) reads. Every
//! refusal is a [`RequestError`], whose text names the field and the value.

use serde_json::Value;

use crate::preflight::{self, BrowserRequest, HeaderArgError};

/// Why a request (a `--requests` line, or the flags) cannot be tested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestError {
    /// The line is not JSON.
    NotJson {
        /// The column serde_json stopped at.
        column: usize,
        /// serde_json's message.
        message: String,
    },
    /// The line is JSON but not an object.
    NotObject {
        /// What it is instead ("a list").
        found: &'static str,
    },
    /// A field has the wrong JSON type.
    WrongType {
        /// The field (`headers[0]`, `headers.X-A`, `method`).
        field: String,
        /// What it must be.
        expected: &'static str,
        /// What it is.
        found: &'static str,
    },
    /// A field the format does not have.
    UnknownField {
        /// The name as written.
        name: String,
        /// A close known name.
        hint: Option<&'static str>,
    },
    /// A required field is missing.
    Missing {
        /// `origin` or `method`.
        field: &'static str,
    },
    /// A header is not `Name: value`.
    Header(HeaderArgError),
    /// The origin is empty.
    EmptyOrigin,
    /// The method is empty.
    EmptyMethod,
    /// The origin has white space or a control character.
    OriginChar {
        /// The origin as given.
        origin: String,
        /// The character.
        bad: char,
    },
    /// The origin has no `scheme://`.
    NoScheme {
        /// The origin as given.
        origin: String,
    },
    /// The method is not an HTTP token.
    MethodNotToken {
        /// The method as given.
        method: String,
    },
    /// The path has a control character.
    PathChar {
        /// The path (with its leading `/`).
        path: String,
        /// The character.
        bad: char,
    },
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::NotJson { column, message } => {
                write!(f, "not valid JSON (column {column}): {message}")
            }
            RequestError::NotObject { found } => write!(f, "expected a JSON object, found {found}"),
            RequestError::WrongType {
                field,
                expected,
                found,
            } => write!(f, "`{field}` must be {expected}, found {found}"),
            RequestError::UnknownField { name, hint } => {
                write!(
                    f,
                    "unknown field `{name}` (expected origin, method, headers, credentials, path)"
                )?;
                match hint {
                    Some(k) => write!(f, "; did you mean `{k}`?"),
                    None => Ok(()),
                }
            }
            RequestError::Missing { field } => write!(f, "missing field `{field}`"),
            RequestError::Header(e) => e.fmt(f),
            RequestError::EmptyOrigin => {
                f.write_str("the origin is empty (expected e.g. https://app.example.com)")
            }
            RequestError::EmptyMethod => f.write_str("the method is empty"),
            RequestError::OriginChar { origin, bad } => write!(
                f,
                "origin `{}` contains {bad:?}: browsers send `scheme://host[:port]` without spaces or control characters",
                origin.escape_debug()
            ),
            RequestError::NoScheme { origin } => write!(
                f,
                "origin `{origin}` has no scheme: browsers send `scheme://host[:port]`, e.g. `https://{}`",
                origin.trim_end_matches('/')
            ),
            RequestError::MethodNotToken { method } => write!(
                f,
                "the method `{}` is not an HTTP token (letters, digits and !#$%&'*+-.^_`|~): fetch() refuses it",
                method.escape_debug()
            ),
            RequestError::PathChar { path, bad } => write!(
                f,
                "the path `{}` contains {bad:?}: write it as it goes on the wire, percent-encoded",
                path.escape_debug()
            ),
        }
    }
}

impl std::error::Error for RequestError {}

/// A request to simulate, as the flags or one line of `--requests` describe it. The header
/// strings are curl-style `Name: value` (or a bare `Name`) and are parsed by `preflight`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSpec {
    /// The page's origin.
    pub origin: String,
    /// The method as given to `fetch()` (normalised by `preflight`).
    pub method: String,
    /// Request headers, `Name: value` or bare `Name`.
    pub headers: Vec<String>,
    /// `credentials: "include"`.
    pub credentials: bool,
    /// The object path, if given.
    pub path: Option<String>,
}

impl RequestSpec {
    /// The request as the browser model takes it: the origin as a browser serialises it
    /// (with a note for each change, see [`browser_origin`]), the method normalised as
    /// `fetch()` does, each header parsed (`Name: value`, bare `Name` = a value that is not
    /// safelisted), the path defaulting to `/`.
    pub fn to_browser_request(&self) -> Result<(BrowserRequest, Vec<String>), RequestError> {
        let headers = self
            .headers
            .iter()
            .map(|h| preflight::parse_header_arg(h).map_err(RequestError::Header))
            .collect::<Result<Vec<_>, _>>()?;
        let path = match self.path.as_deref() {
            None | Some("") => "/".to_owned(),
            Some(p) if p.starts_with('/') => p.to_owned(),
            Some(p) => format!("/{p}"),
        };
        if self.origin.is_empty() {
            return Err(RequestError::EmptyOrigin);
        }
        if self.method.is_empty() {
            return Err(RequestError::EmptyMethod);
        }
        // What no browser sends (and what would split a result line in two).
        if let Some(c) = self
            .origin
            .chars()
            .find(|c| c.is_control() || c.is_whitespace())
        {
            return Err(RequestError::OriginChar {
                origin: self.origin.clone(),
                bad: c,
            });
        }
        if !self.method.bytes().all(preflight::browser::is_tchar) {
            return Err(RequestError::MethodNotToken {
                method: self.method.clone(),
            });
        }
        if let Some(c) = path.chars().find(|c| c.is_control()) {
            return Err(RequestError::PathChar { path, bad: c });
        }
        let (origin, notes) = browser_origin(&self.origin)?;
        let request = BrowserRequest {
            origin,
            method: preflight::normalize_method(&self.method),
            headers,
            credentials: self.credentials,
            path,
        };
        Ok((request, notes))
    }

    /// One line of a `--requests` file: a JSON object with the fields `origin`, `method`
    /// (both required strings), `headers` (a list of `"Name: value"` strings, or an object
    /// mapping names to string values, `null` for a bare name), `credentials` (bool) and
    /// `path` (string). Unknown fields are errors, so typos do not go unnoticed.
    pub fn from_json_line(line: &[u8]) -> Result<Self, RequestError> {
        let value: Value = serde_json::from_slice(line).map_err(|e| RequestError::NotJson {
            // serde_json's positions are within the line; the column is what helps.
            column: e.column(),
            message: e.to_string(),
        })?;
        let Value::Object(map) = value else {
            return Err(RequestError::NotObject {
                found: json_kind(&value),
            });
        };
        let mut spec = Self {
            origin: String::new(),
            method: String::new(),
            headers: Vec::new(),
            credentials: false,
            path: None,
        };
        let (mut have_origin, mut have_method) = (false, false);
        for (key, value) in map {
            match key.as_str() {
                "origin" => {
                    spec.origin = string_field(&key, value)?;
                    have_origin = true;
                }
                "method" => {
                    spec.method = string_field(&key, value)?;
                    have_method = true;
                }
                "credentials" => match value {
                    Value::Bool(b) => spec.credentials = b,
                    Value::Null => {}
                    other => return Err(wrong_type("credentials", "true or false", &other)),
                },
                "path" => match value {
                    Value::Null => {}
                    other => spec.path = Some(string_field(&key, other)?),
                },
                "headers" => spec.headers = headers_field(value)?,
                other => {
                    const KNOWN: [&str; 5] = ["origin", "method", "headers", "credentials", "path"];
                    let hint = KNOWN
                        .iter()
                        .map(|k| (strsim::jaro_winkler(k, other), k))
                        .filter(|(score, _)| *score > 0.8)
                        .max_by(|a, b| a.0.total_cmp(&b.0))
                        .map(|(_, k)| *k);
                    return Err(RequestError::UnknownField {
                        name: other.to_owned(),
                        hint,
                    });
                }
            }
        }
        if !have_origin {
            return Err(RequestError::Missing { field: "origin" });
        }
        if !have_method {
            return Err(RequestError::Missing { field: "method" });
        }
        Ok(spec)
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

fn wrong_type(field: impl Into<String>, expected: &'static str, found: &Value) -> RequestError {
    RequestError::WrongType {
        field: field.into(),
        expected,
        found: json_kind(found),
    }
}

fn string_field(key: &str, value: Value) -> Result<String, RequestError> {
    match value {
        Value::String(s) => Ok(s),
        other => Err(wrong_type(key, "a string", &other)),
    }
}

fn headers_field(value: Value) -> Result<Vec<String>, RequestError> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(s) => Ok(s),
                other => Err(wrong_type(
                    format!("headers[{i}]"),
                    "a \"Name: value\" string",
                    &other,
                )),
            })
            .collect(),
        Value::Object(map) => map
            .into_iter()
            .map(|(name, value)| match value {
                Value::String(v) => Ok(format!("{name}: {v}")),
                Value::Null => Ok(name),
                other => Err(wrong_type(
                    format!("headers.{name}"),
                    "a string (or null for a bare name)",
                    &other,
                )),
            })
            .collect(),
        other => Err(wrong_type(
            "headers",
            "a list of \"Name: value\" strings or an object",
            &other,
        )),
    }
}

/// The origin as a browser serialises it (lower-case `scheme://host[:port]`, no path, no
/// default port), with a note for each change; an origin without a scheme is refused with the
/// corrected form (which scheme is meant cannot be known). A browser never sends anything
/// else, so testing (or suggesting a rule for) another spelling would mislead.
pub(crate) fn browser_origin(origin: &str) -> Result<(String, Vec<String>), RequestError> {
    if origin == "null" {
        return Ok((origin.to_owned(), Vec::new()));
    }
    let Some((scheme, rest)) = origin.split_once("://") else {
        return Err(RequestError::NoScheme {
            origin: origin.to_owned(),
        });
    };
    let mut notes = Vec::new();
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    // `scheme://authority`: the origin as given, up to the end of the authority.
    let mut out = origin[..origin.len() - rest.len() + authority.len()].to_owned();
    if authority.len() != rest.len() {
        notes.push(format!(
            "origin `{origin}` has a path: browsers send only scheme://host[:port]"
        ));
    }
    if out.bytes().any(|b| b.is_ascii_uppercase()) {
        out.make_ascii_lowercase();
        notes.push(format!(
            "origin `{origin}` has upper-case letters: browsers send scheme and host in lower case"
        ));
    }
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        ":443"
    } else if scheme.eq_ignore_ascii_case("http") {
        ":80"
    } else {
        ""
    };
    if !default_port.is_empty() && out.ends_with(default_port) {
        out.truncate(out.len() - default_port.len());
        notes.push(format!(
            "origin `{origin}` names the default port: browsers leave it out"
        ));
    }
    if !notes.is_empty() {
        notes.push(format!("testing with `{out}`, the origin a browser sends"));
    }
    Ok((out, notes))
}
