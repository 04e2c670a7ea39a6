//! HTTP transport: the only user of reqwest.
//!
//! Owns: building the one `reqwest::Client` (rustls with the ring provider, the platform
//! verifier plus `--ca-bundle`, timeouts, proxies from `HTTP(S)_PROXY`/`NO_PROXY`, and a
//! resolver that sends `*.localhost` to loopback as browsers do, so virtual-host addressing
//! works against a local endpoint), the send loop with its retry policy ([`retry`]), and
//! `--debug` logging of every exchange with signatures and tokens masked by
//! [`crate::oss::mask`].
//!
//! The send loop calls back for a freshly signed [`HttpRequest`] before every attempt, so each
//! retry carries a new date and signature. A request is reported successful only when a
//! response status line and the whole body arrived; anything less is an error, never an
//! assumed success.
//!
//! Depends on `oss` (request data, masking). Must not depend on `server`, `cli` or `app`.

pub mod retry;

use std::fmt::Write as _;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::oss::request::HttpRequest;

pub use retry::RetryPolicy;

/// Receives `--debug` lines (already masked). `app` writes them to stderr.
pub type DebugSink = Arc<dyn Fn(&str) + Send + Sync>;

/// How to build the client.
#[derive(Clone)]
pub struct Options {
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// Timeout of one attempt, from connecting until the body is read.
    pub timeout: Duration,
    /// Retry policy.
    pub retry: RetryPolicy,
    /// Extra CA certificates (PEM bundle contents) to trust besides the system's.
    pub ca_pem: Option<Vec<u8>>,
    /// `User-Agent`.
    pub user_agent: String,
    /// Where `--debug` lines go, if anywhere.
    pub debug: Option<DebugSink>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Options")
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("ca_pem", &self.ca_pem.as_ref().map(|p| p.len()))
            .field("user_agent", &self.user_agent)
            .field("debug", &self.debug.is_some())
            .finish()
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            ca_pem: None,
            user_agent: format!("ossctl/{}", env!("CARGO_PKG_VERSION")),
            debug: None,
        }
    }
}

/// A complete response.
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status.
    pub status: u16,
    /// Headers in arrival order, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The whole body.
    pub body: Vec<u8>,
    /// How many attempts it took (1 = no retry).
    pub attempts: u32,
}

impl Response {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Why no response could be obtained.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TransportError {
    /// The client could not be built (bad CA bundle, TLS setup).
    #[error("cannot set up the HTTP client: {0}")]
    Setup(String),
    /// The request could not be prepared (signing failed, invalid URL or header).
    #[error("cannot prepare the request: {0}")]
    Prepare(String),
    /// No complete response after every attempt.
    #[error("{}", describe_network(.host, .cause, .attempts, .timed_out))]
    Network {
        /// `host[:port]` that was contacted.
        host: String,
        /// The innermost cause (e.g. "Connection refused (os error 111)").
        cause: String,
        /// Attempts made.
        attempts: u32,
        /// Whether the last failure was a timeout.
        timed_out: bool,
    },
}

fn describe_network(host: &str, cause: &str, attempts: &u32, timed_out: &bool) -> String {
    let what = if *timed_out { "timed out" } else { "failed" };
    let tries = if *attempts == 1 {
        "1 attempt".to_string()
    } else {
        format!("{attempts} attempts")
    };
    format!("request to {host} {what} after {tries}: {cause}")
}

/// Resolves `localhost` and `*.localhost` to 127.0.0.1 (RFC 6761, as browsers do) and
/// everything else through the system resolver.
#[derive(Debug, Clone, Copy)]
struct LoopbackAwareResolver;

impl reqwest::dns::Resolve for LoopbackAwareResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let host = name.as_str().trim_end_matches('.').to_ascii_lowercase();
        Box::pin(async move {
            if host == "localhost" || host.ends_with(".localhost") {
                let addrs: reqwest::dns::Addrs = Box::new(std::iter::once(SocketAddr::new(
                    IpAddr::V4(Ipv4Addr::LOCALHOST),
                    0,
                )));
                return Ok(addrs);
            }
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await
                .map_err(|e| -> Box<dyn std::error::Error + Send + Sync> { Box::new(e) })?
                .collect();
            let addrs: reqwest::dns::Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

/// Installs the ring crypto provider for rustls once per process.
fn install_crypto_provider() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Err means another provider is already installed, which is fine.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

/// The settings both clients share: timeouts, User-Agent, no redirects, the `*.localhost`
/// resolver (and reqwest's proxies from the environment).
fn base_builder(options: &Options) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .connect_timeout(options.connect_timeout)
        .timeout(options.timeout)
        .user_agent(options.user_agent.clone())
        .redirect(reqwest::redirect::Policy::none())
        .dns_resolver(Arc::new(LoopbackAwareResolver))
}

/// Whether a proxy for plain-HTTP requests (`HTTP_PROXY`/`ALL_PROXY`, as reqwest reads them)
/// is itself reached over TLS; then `http://` requests need the verifier too.
fn https_proxy_for_http() -> bool {
    ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .filter_map(std::env::var_os)
        .any(|v| {
            v.to_str().is_none_or(|v| {
                v.trim()
                    .get(..8)
                    .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
            })
        })
}

/// The HTTP client with its retry policy.
///
/// Two reqwest clients with the same settings: `plain` for `http://` URLs, which never does
/// TLS and so needs no certificate verifier, and `tls` for everything else, built on first
/// use. Building the TLS client loads the system's root certificates (every file in
/// `/etc/ssl/certs`), which was most of the start-up time of a one-shot command against a
/// local `http://` endpoint (see BENCHMARKS.md).
#[derive(Clone)]
pub struct Transport {
    /// For `http://` URLs; `None` when an `https://` proxy may carry plain requests (then
    /// they need the verifier too and use `tls`).
    plain: Option<reqwest::Client>,
    /// For `https://` URLs (and `http://` ones when `plain` is `None`); built on first use.
    tls: Arc<std::sync::OnceLock<Result<reqwest::Client, String>>>,
    /// The `--ca-bundle` certificates, parsed up front so a bad bundle fails at once.
    extra_certs: Vec<reqwest::Certificate>,
    options: Options,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("options", &self.options)
            .finish()
    }
}

impl Transport {
    /// Builds the client (the TLS one is built when the first `https://` request needs it).
    pub fn new(options: Options) -> Result<Self, TransportError> {
        install_crypto_provider();
        let extra_certs = match &options.ca_pem {
            Some(pem) => {
                let certs = reqwest::Certificate::from_pem_bundle(pem)
                    .map_err(|e| TransportError::Setup(format!("CA bundle: {e}")))?;
                if certs.is_empty() {
                    return Err(TransportError::Setup(
                        "CA bundle holds no PEM certificate".into(),
                    ));
                }
                certs
            }
            None => Vec::new(),
        };
        let plain = if https_proxy_for_http() {
            None
        } else {
            // No root certificates and no platform verifier: this client only ever speaks
            // plain HTTP (redirects are off, so an http:// request cannot become https://).
            let builder = base_builder(&options).tls_certs_only(Vec::new());
            Some(
                builder
                    .build()
                    .map_err(|e| TransportError::Setup(error_chain(&e)))?,
            )
        };
        Ok(Transport {
            plain,
            tls: Arc::new(std::sync::OnceLock::new()),
            extra_certs,
            options,
        })
    }

    /// The client for `url`: the plain one for `http://`, else the TLS one (built now if
    /// this is its first use).
    fn client_for(&self, url: &str) -> Result<&reqwest::Client, TransportError> {
        let is_http = url
            .get(..7)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("http://"));
        if is_http && let Some(plain) = &self.plain {
            return Ok(plain);
        }
        self.tls
            .get_or_init(|| {
                let mut builder = base_builder(&self.options);
                if !self.extra_certs.is_empty() {
                    builder = builder.tls_certs_merge(self.extra_certs.clone());
                }
                builder.build().map_err(|e| error_chain(&e))
            })
            .as_ref()
            .map_err(|e| TransportError::Setup(e.clone()))
    }

    /// The options it was built with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    fn debug(&self, text: &str) {
        if let Some(sink) = &self.options.debug {
            sink(text);
        }
    }

    /// Sends a request, retrying per the policy. `prepare` is called before every attempt
    /// and must return a freshly signed request (attempt numbers start at 1).
    ///
    /// Returns the response for any HTTP status (after retries for 5xx/429 are exhausted,
    /// the last one), or [`TransportError::Network`] when no complete response arrived.
    pub async fn send<F>(&self, mut prepare: F) -> Result<Response, TransportError>
    where
        F: FnMut(u32) -> Result<HttpRequest, String>,
    {
        let policy = self.options.retry;
        let total = policy.retries.saturating_add(1);
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let request = prepare(attempt).map_err(TransportError::Prepare)?;
            let client = self.client_for(&request.url)?;
            let host = request.url_authority().to_string();
            if self.options.debug.is_some() {
                self.debug(&format_request(&request, attempt, total));
            }
            let started = Instant::now();
            let outcome = Self::attempt(client, &request).await;
            let elapsed = started.elapsed();
            let wait = match outcome {
                Ok(mut response) => {
                    response.attempts = attempt;
                    if self.options.debug.is_some() {
                        self.debug(&format_response(&response, elapsed));
                    }
                    if !retry::retryable_status(response.status) || attempt >= total {
                        return Ok(response);
                    }
                    match response
                        .header("retry-after")
                        .and_then(|v| retry::parse_retry_after(v, jiff::Timestamp::now()))
                    {
                        Some(after) if after > policy.max_retry_after => {
                            self.debug(&format!(
                                "* Retry-After {}s is longer than {}s: not retrying",
                                after.as_secs(),
                                policy.max_retry_after.as_secs()
                            ));
                            return Ok(response);
                        }
                        Some(after) => after,
                        None => policy.backoff(attempt - 1),
                    }
                }
                Err(failure) => {
                    self.debug(&format!(
                        "* {} {host}: {} after {} ms",
                        if failure.timed_out {
                            "timeout"
                        } else {
                            "error"
                        },
                        failure.cause,
                        elapsed.as_millis()
                    ));
                    if !failure.retryable || attempt >= total {
                        return Err(TransportError::Network {
                            host,
                            cause: failure.cause,
                            attempts: attempt,
                            timed_out: failure.timed_out,
                        });
                    }
                    policy.backoff(attempt - 1)
                }
            };
            self.debug(&format!(
                "* retrying in {} ms (attempt {} of {total})",
                wait.as_millis(),
                attempt + 1
            ));
            tokio::time::sleep(wait).await;
        }
    }

    async fn attempt(
        client: &reqwest::Client,
        request: &HttpRequest,
    ) -> Result<Response, AttemptFailure> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|e| AttemptFailure::fatal(format!("method {:?}: {e}", request.method)))?;
        let mut builder = client.request(method, &request.url);
        for (name, value) in &request.headers {
            let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
                .map_err(|e| AttemptFailure::fatal(format!("header name {name:?}: {e}")))?;
            let value = reqwest::header::HeaderValue::from_str(value)
                .map_err(|e| AttemptFailure::fatal(format!("header {name} value: {e}")))?;
            builder = builder.header(name, value);
        }
        if !request.body.is_empty() || matches!(request.method.as_str(), "PUT" | "POST") {
            builder = builder.body(request.body.clone());
        }
        let response = builder.send().await.map_err(AttemptFailure::from_reqwest)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        // The body must arrive whole: a cut-off body is a failed attempt, not a success.
        let body = response
            .bytes()
            .await
            .map_err(AttemptFailure::from_reqwest)?
            .to_vec();
        Ok(Response {
            status,
            headers,
            body,
            attempts: 0,
        })
    }
}

struct AttemptFailure {
    cause: String,
    timed_out: bool,
    retryable: bool,
}

impl AttemptFailure {
    fn fatal(cause: String) -> Self {
        AttemptFailure {
            cause,
            timed_out: false,
            retryable: false,
        }
    }

    fn from_reqwest(e: reqwest::Error) -> Self {
        let timed_out = e.is_timeout() || chain_mentions_timeout(&e);
        // A certificate the verifier refuses will be refused again, and a server that answers
        // a TLS handshake in plain HTTP (rustls: "received corrupt message of type
        // InvalidContentType") will do so again: neither is worth a retry.
        let tls_refused = chain_mentions(&e, "certificate") || is_plain_http_answer(&e);
        let retryable = !tls_refused
            && (timed_out || e.is_connect() || e.is_request() || e.is_body() || e.is_decode());
        AttemptFailure {
            cause: if timed_out && !chain_mentions_timeout(&e) {
                format!("timed out ({})", error_chain(&e))
            } else {
                error_chain(&e)
            },
            timed_out,
            retryable: retryable && !e.is_builder(),
        }
    }
}

/// Whether a TLS handshake failed because the server answered in plain HTTP (the endpoint
/// was given without `http://`, so https was tried).
pub fn is_plain_http_answer(e: &(dyn std::error::Error + 'static)) -> bool {
    chain_mentions(e, "invalidcontenttype")
}

/// The same test on the text of a [`TransportError::Network`] cause.
pub fn cause_is_plain_http_answer(cause: &str) -> bool {
    cause.to_ascii_lowercase().contains("invalidcontenttype")
}

fn chain_mentions_timeout(e: &(dyn std::error::Error + 'static)) -> bool {
    chain_mentions(e, "timed out")
}

fn chain_mentions(e: &(dyn std::error::Error + 'static), needle: &str) -> bool {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if err.to_string().to_ascii_lowercase().contains(needle) {
            return true;
        }
        cur = err.source();
    }
    false
}

/// The error's messages from the outside in, deduplicated, without the URL (which would
/// repeat the host and could carry a presigned signature).
fn error_chain(e: &reqwest::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    let top = e.without_url_ref();
    if !top.is_empty() {
        parts.push(top);
    }
    while let Some(err) = cur {
        let msg = err.to_string();
        if !msg.is_empty() && !parts.iter().any(|p| p.contains(&msg)) {
            parts.push(msg);
        }
        cur = err.source();
    }
    parts.join(": ")
}

trait WithoutUrl {
    fn without_url_ref(&self) -> String;
}

impl WithoutUrl for reqwest::Error {
    fn without_url_ref(&self) -> String {
        let mut e = self.to_string();
        if let Some(url) = self.url() {
            e = e.replace(&format!(" ({url})"), "");
            e = e.replace(url.as_str(), "");
            e = e.replace(" for url", "");
        }
        e.trim().to_string()
    }
}

const DEBUG_BODY_LIMIT: usize = 8 * 1024;

fn body_text(body: &[u8]) -> String {
    let shown = &body[..body.len().min(DEBUG_BODY_LIMIT)];
    let mut text = String::from_utf8_lossy(shown).into_owned();
    if body.len() > DEBUG_BODY_LIMIT {
        let _ = write!(text, "\n… ({} more bytes)", body.len() - DEBUG_BODY_LIMIT);
    }
    text
}

/// The request as `--debug` shows it: request line, headers (masked), body.
pub fn format_request(request: &HttpRequest, attempt: u32, total: u32) -> String {
    let mut out = format!(
        "> {} {} (attempt {attempt} of {total})",
        request.method,
        crate::oss::mask::mask_url(&request.url)
    );
    for (name, value) in &request.headers {
        let _ = write!(
            out,
            "\n> {name}: {}",
            crate::oss::mask::mask_header(name, value)
        );
    }
    if !request.body.is_empty() {
        let _ = write!(out, "\n>\n{}", body_text(&request.body));
    }
    out
}

/// The response as `--debug` shows it.
pub fn format_response(response: &Response, elapsed: Duration) -> String {
    let mut out = format!("< {} ({} ms)", response.status, elapsed.as_millis());
    for (name, value) in &response.headers {
        let _ = write!(
            out,
            "\n< {name}: {}",
            crate::oss::mask::mask_header(name, value)
        );
    }
    if !response.body.is_empty() {
        let _ = write!(
            out,
            "\n<\n{}",
            crate::oss::mask::mask_signing_text(&mask_element(
                &mask_element(&body_text(&response.body), "SignatureProvided"),
                "StringToSignBytes"
            ))
        );
    }
    out
}

/// Replaces the text of every `<name>…</name>` element with the mask (OSS echoes the
/// signature it received in SignatureDoesNotMatch bodies).
fn mask_element(text: &str, name: &str) -> String {
    let open = format!("<{name}>");
    let close = format!("</{name}>");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(&open) {
        let after = start + open.len();
        match rest[after..].find(&close) {
            Some(end) => {
                out.push_str(&rest[..after]);
                out.push_str(crate::oss::mask::MASK);
                rest = &rest[after + end..];
            }
            None => break,
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
