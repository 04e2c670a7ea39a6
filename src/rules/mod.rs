//! The CORS rule model and its documents.
//!
//! Owns: [`CorsConfiguration`] and [`CorsRule`] (the one in-memory shape of a bucket's CORS
//! configuration), reading and writing OSS XML, YAML and JSON documents, and validation
//! against OSS's limits with precise diagnostics (file:line:col for syntax, rule number,
//! field and value for semantics).
//!
//! Pure: no I/O, no tokio, no reqwest, no env, no clock. Callers hand in text and get
//! text or diagnostics back. Must not depend on `preflight`, `oss`, `transport`, `server`,
//! `app`, `cli` or `render`.

use serde::{Deserialize, Serialize};

/// A bucket's CORS configuration: 1 to 10 rules plus the ResponseVary switch.
///
/// `response_vary` is `None` when the document did not say (OSS treats that as `false`);
/// keeping the distinction makes conversions lossless.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CorsConfiguration {
    /// The rules, in the order OSS evaluates them (first full match wins).
    pub rules: Vec<CorsRule>,
    /// `ResponseVary`: when true OSS sends `Vary: Origin` on every response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_vary: Option<bool>,
}

impl CorsConfiguration {
    /// Whether `Vary: Origin` is sent (absent means false, as OSS does).
    pub fn response_vary(&self) -> bool {
        self.response_vary.unwrap_or(false)
    }
}

/// One `CORSRule`.
///
/// Methods are kept as the strings the document had; validation guarantees that a
/// validated configuration only holds `GET PUT POST DELETE HEAD`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CorsRule {
    /// `AllowedOrigin`, 1..n; at most one `*` each.
    pub allowed_origins: Vec<String>,
    /// `AllowedMethod`, 1..n; one of GET PUT POST DELETE HEAD.
    pub allowed_methods: Vec<String>,
    /// `AllowedHeader`, 0..n; matched case-insensitively; at most one `*` each.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub allowed_headers: Vec<String>,
    /// `ExposeHeader`, 0..n; no `*`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expose_headers: Vec<String>,
    /// `MaxAgeSeconds`, 0..1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age_seconds: Option<u64>,
}
pub mod s3;
