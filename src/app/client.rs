//! The client commands: `cors put|get|delete`, `config show`, and the live parts of
//! `cors test` ([`fetch_live_rules`], [`live_report`]).
//!
//! Owns: turning [`ConnectionArgs`] plus the environment plus the ossutil config file into a
//! [`Session`] (credentials, signature version, per-bucket endpoint/region/addressing, one
//! [`Transport`]), sending signed OSS calls through it (re-signed on every retry), and turning
//! OSS error answers and network failures into [`Failure`]s a person can act on, with the
//! exit statuses of [`crate::exit`]: 2 invalid input (nothing sent), 3 service error, 4
//! network failure after retries.
//!
//! Signing, URLs and error bodies come from `oss`; rule documents from `rules`; CORS semantics
//! from `preflight`. This module only gathers input, calls them, and prints.

mod delete;
mod get;
mod live;
mod probe;
mod put;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, IsTerminal as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::cli::OutputFormat;
use crate::cli::client::{ConfigShowArgs, ConnectionArgs};
use crate::config::{self, ConfigFile, Flags, Resolved, Setting, Source};
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::endpoint::{AddressingStyle, Endpoint};
use crate::oss::error::ErrorBody;
use crate::oss::request::{HttpRequest, Operation};
use crate::oss::sign::{self, SigningDetails};
use crate::oss::{Credentials, Secret, SignatureVersion};
use crate::transport::{self, RetryPolicy, Transport, TransportError};

use super::{Context, Output};

pub use delete::run as delete;
pub use get::run as get;
pub use live::{LiveReport, fetch_live_rules, live_report, live_report_text};
pub use probe::{run as probe, saved_observation};
pub use put::run as put;

/// Write a note on stderr unless `-q`.
fn note(ctx: &Context, message: impl std::fmt::Display) {
    if !ctx.quiet {
        eprintln!("{message}");
    }
}

/// Whether `message` is said for the first time in this process (`cors test oss://b --live`
/// opens two sessions; each warning is printed once).
fn first_time(message: &str) -> bool {
    static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if said.iter().any(|m| m == message) {
        return false;
    }
    said.push(message.to_string());
    true
}

/// Write a warning on stderr (also with `-q`: warnings are about safety), once per process.
fn warn(message: impl std::fmt::Display) {
    let message = message.to_string();
    if first_time(&message) {
        eprintln!("warning: {message}");
    }
}

/// `oss://bucket[/key]` split into bucket and optional key.
pub fn parse_oss_url(input: &str) -> Result<(String, Option<String>), Failure> {
    let rest = input.strip_prefix("oss://").ok_or_else(|| {
        Failure::usage(format!(
            "{input:?} is not an OSS URL: write buckets as oss://bucket and objects as oss://bucket/key"
        ))
    })?;
    let (bucket, key) = match rest.split_once('/') {
        Some((b, k)) if !k.is_empty() => (b, Some(k.to_string())),
        Some((b, _)) => (b, None),
        None => (rest, None),
    };
    if bucket.is_empty() {
        return Err(Failure::usage(format!(
            "{input:?} names no bucket: write oss://bucket"
        )));
    }
    crate::oss::endpoint::validate_bucket_name(bucket)
        .map_err(|e| Failure::usage(format!("{input}: {e}")))?;
    Ok((bucket.to_string(), key))
}

/// Where one bucket's requests go, and how they are signed.
#[derive(Debug, Clone)]
pub struct Target {
    /// The bucket.
    pub bucket: String,
    /// The endpoint.
    pub endpoint: Endpoint,
    /// Where the endpoint came from.
    pub endpoint_source: Source,
    /// Addressing style.
    pub style: AddressingStyle,
    /// V4 region (bare id), if known.
    pub region: Option<Setting<String>>,
}

impl Target {
    /// `oss://bucket`.
    pub fn url(&self) -> String {
        format!("oss://{}", self.bucket)
    }
}

/// Resolved settings plus the HTTP client: everything a command needs to talk to OSS.
pub struct Session {
    /// All settings with their sources.
    pub resolved: Resolved,
    credentials: Option<Credentials>,
    /// Signature version.
    pub version: SignatureVersion,
    transport: Transport,
    /// Milliseconds to add to the local clock when signing, learnt from the server's `Date`
    /// after a RequestTimeTooSkewed answer.
    clock_offset_ms: std::sync::atomic::AtomicI64,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("resolved", &self.resolved)
            .field("version", &self.version)
            .finish()
    }
}

fn flags_from(conn: &ConnectionArgs) -> Flags {
    Flags {
        endpoint: conn.endpoint.clone(),
        region: conn.region.clone(),
        access_key_id: conn.access_key_id.clone(),
        access_key_secret: conn.access_key_secret.clone().map(Secret::new),
        sts_token: conn.sts_token.clone().map(Secret::new),
        config_file: conn.config_file.clone(),
        profile: conn.profile.clone(),
        sign_version: conn.sign_version.map(|v| v.as_str().to_string()),
        addressing_style: conn.addressing_style.map(|s| s.as_str().to_string()),
        retries: conn.retries,
        connect_timeout: conn.connect_timeout,
        timeout: conn.timeout,
        ca_bundle: conn.ca_bundle.clone(),
    }
}

fn process_env() -> config::Env {
    std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect()
}

/// The largest ossutil config file read (a real one is a few hundred bytes).
const MAX_CONFIG_FILE_BYTES: u64 = 1024 * 1024;

/// Reads at most `limit` bytes of `path`; `Ok(None)` when there is more (so `/dev/zero` or a
/// huge file is refused without being held in memory).
fn read_limited(path: &Path, limit: u64) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read as _;
    let mut buf = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut buf)?;
    Ok((buf.len() as u64 <= limit).then_some(buf))
}

/// Reads the config file the settings point at. A missing default file is not an error; a
/// missing file that was asked for (flag or environment) is.
fn read_config_file(path: &Setting<PathBuf>) -> Result<Option<ConfigFile>, Failure> {
    match read_limited(&path.value, MAX_CONFIG_FILE_BYTES) {
        Ok(None) => Err(Failure::usage(format!(
            "config file {} ({}) is larger than {MAX_CONFIG_FILE_BYTES} bytes; an ossutil config \
             file is a few lines: is this the right file?",
            path.value.display(),
            path.source
        ))),
        Ok(Some(bytes)) => {
            let text = String::from_utf8(bytes).map_err(|e| {
                Failure::usage(format!(
                    "config file {} is not UTF-8 (byte {})",
                    path.value.display(),
                    e.utf8_error().valid_up_to()
                ))
            })?;
            Ok(Some(ConfigFile {
                path: path.value.clone(),
                text,
            }))
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound && path.source == Source::Default => Ok(None),
        Err(e) => Err(Failure::usage(format!(
            "cannot read config file {} ({}): {e}",
            path.value.display(),
            path.source
        ))),
    }
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt as _;
    if let Ok(meta) = std::fs::metadata(path) {
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o044 != 0 {
            warn(format!(
                "config file {} supplies the secret credentials and is readable by other users \
                 (mode {mode:o}); run: chmod 600 {}",
                path.display(),
                path.display()
            ));
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

/// Resolves the settings (flags > environment > config file > defaults), without building
/// a client. Used by `config show` and by [`Session::open`].
pub fn resolve(conn: &ConnectionArgs) -> Result<Resolved, Failure> {
    let flags = flags_from(conn);
    let env = process_env();
    let file = match config::config_file_path(&flags, &env) {
        Some(path) => read_config_file(&path)?,
        None => None,
    };
    let mut resolved =
        config::resolve(&flags, &env, file.as_ref()).map_err(|e| Failure::usage(e.to_string()))?;
    // The mode warning matters only when the file is where a secret actually comes from (a
    // file that only names endpoints, or whose keys are overridden, exposes nothing).
    if let Some(file) = &file {
        let from_file =
            |s: Option<&Source>| matches!(s, Some(Source::File { path, .. }) if path == &file.path);
        if from_file(resolved.access_key_secret.as_ref().map(|s| &s.source))
            || from_file(resolved.sts_token.as_ref().map(|s| &s.source))
        {
            warn_if_readable_by_others(&file.path);
        }
    }
    // ossutil 1.x signs V1 unless told otherwise, and its `[Credentials]` layout has no
    // region. A user who only has such a file (and a non-OSS endpoint, from which no region
    // can be derived) gets what ossutil 1.x would do instead of a V4 region error.
    let legacy = resolved
        .profile
        .as_ref()
        .is_some_and(|p| p.value.eq_ignore_ascii_case("credentials"));
    let region_known = resolved.region.is_some()
        || resolved
            .endpoint
            .as_ref()
            .and_then(|e| Endpoint::parse(&e.value).ok())
            .and_then(|e| e.region_from_host())
            .is_some();
    if legacy && resolved.sign_version.source == Source::Default && !region_known {
        resolved.sign_version = Setting::new(
            "v1".to_string(),
            Source::Derived(
                "the ossutil 1.x [Credentials] layout without a region (ossutil 1.x signs V1)"
                    .to_string(),
            ),
        );
    }
    Ok(resolved)
}

impl Session {
    /// Resolves settings, warns about secrets on the command line, builds the transport.
    pub fn open(ctx: &Context, conn: &ConnectionArgs) -> Result<Session, Failure> {
        let resolved = resolve(conn)?;
        if conn.access_key_secret.is_some() {
            warn(
                "--access-key-secret on the command line is visible to other users (ps, shell \
                 history); prefer OSS_ACCESS_KEY_SECRET or the ossutil config file",
            );
        }
        if conn.sts_token.is_some() {
            warn(
                "--sts-token on the command line is visible to other users; prefer \
                 OSS_SESSION_TOKEN",
            );
        }
        for n in &resolved.notes {
            if first_time(n) {
                note(ctx, format!("note: {n}"));
            }
        }
        let version: SignatureVersion = resolved
            .sign_version
            .value
            .parse()
            .map_err(|e| Failure::usage(format!("{e}")))?;
        let credentials = match (&resolved.access_key_id, &resolved.access_key_secret) {
            (Some(id), Some(secret)) => {
                let mut c = Credentials::new(id.value.clone(), secret.value.clone());
                if let Some(t) = &resolved.sts_token {
                    c = c.with_security_token(t.value.clone());
                }
                Some(c)
            }
            (Some(id), None) => {
                return Err(Failure::usage(format!(
                    "an AccessKeyId is set ({}) but no AccessKeySecret: set OSS_ACCESS_KEY_SECRET, \
                     --access-key-secret or accessKeySecret in the config file",
                    id.source
                )));
            }
            (None, Some(secret)) => {
                return Err(Failure::usage(format!(
                    "an AccessKeySecret is set ({}) but no AccessKeyId: set OSS_ACCESS_KEY_ID, \
                     --access-key-id or accessKeyId in the config file",
                    secret.source
                )));
            }
            (None, None) => None,
        };
        match (&resolved.access_key_id, &resolved.access_key_secret) {
            (Some(id), Some(secret)) => tracing::info!(
                "credentials: AccessKeyId {} ({}), AccessKeySecret ({}){}",
                id.value,
                id.source,
                secret.source,
                resolved
                    .sts_token
                    .as_ref()
                    .map(|t| format!(", STS token ({})", t.source))
                    .unwrap_or_default()
            ),
            _ => tracing::info!("no credentials configured"),
        }
        let ca_pem = match &resolved.ca_bundle {
            Some(path) => Some(
                read_limited(&path.value, 16 * 1024 * 1024)
                    .map_err(|e| {
                        Failure::usage(format!(
                            "cannot read CA bundle {}: {e}",
                            path.value.display()
                        ))
                    })?
                    .ok_or_else(|| {
                        Failure::usage(format!(
                            "CA bundle {} is larger than 16 MiB; is this the right file?",
                            path.value.display()
                        ))
                    })?,
            ),
            None => None,
        };
        let debug: Option<transport::DebugSink> = if tracing::enabled!(target: "ossctl::http", tracing::Level::DEBUG)
        {
            Some(Arc::new(|line: &str| {
                tracing::debug!(target: "ossctl::http", "{line}");
            }))
        } else {
            None
        };
        let transport = Transport::new(transport::Options {
            connect_timeout: resolved.connect_timeout.value,
            timeout: resolved.timeout.value,
            retry: RetryPolicy {
                retries: resolved.retries.value,
                ..RetryPolicy::default()
            },
            ca_pem,
            debug,
            ..transport::Options::default()
        })
        .map_err(|e| Failure::usage(e.to_string()))?;
        Ok(Session {
            resolved,
            credentials,
            version,
            transport,
            clock_offset_ms: std::sync::atomic::AtomicI64::new(0),
        })
    }

    /// The credentials, or exit 2 saying how to provide them.
    fn credentials(&self) -> Result<&Credentials, Failure> {
        self.credentials.as_ref().ok_or_else(|| {
            Failure::usage(
                "no credentials: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and \
                 OSS_SESSION_TOKEN for STS), write them to ~/.ossutilconfig ([Credentials] \
                 accessKeyID / accessKeySecret, or [default] for ossutil 2.x), or pass \
                 --access-key-id/--access-key-secret",
            )
        })
    }

    /// Where `bucket`'s requests go.
    pub fn target(&self, bucket: &str) -> Result<Target, Failure> {
        let r = &self.resolved;
        let region_given = r.region_for(bucket).cloned();
        let (raw, endpoint_source) = match r.endpoint_for(bucket) {
            Some(e) => (e.value.clone(), e.source.clone()),
            None => match &region_given {
                Some(region) => (
                    format!("oss-{}.aliyuncs.com", sign::normalize_region(&region.value)),
                    Source::Derived(format!("the region ({})", region.source)),
                ),
                None => {
                    return Err(Failure::usage(
                        "no endpoint: give --endpoint (e.g. oss-cn-hangzhou.aliyuncs.com or \
                         http://127.0.0.1:9000), set OSS_ENDPOINT, or set endpoint/region in the \
                         ossutil config file",
                    ));
                }
            },
        };
        let endpoint = Endpoint::parse(&raw)
            .map_err(|e| Failure::usage(format!("{e} (from {endpoint_source})")))?;
        let style = match r.addressing_style_for(bucket) {
            Some(s) => s
                .value
                .parse::<AddressingStyle>()
                .map_err(|e| Failure::usage(format!("{e} (from {})", s.source)))?,
            None => endpoint.default_addressing_style(),
        };
        let region = region_given
            .map(|s| Setting::new(sign::normalize_region(&s.value).to_string(), s.source))
            .or_else(|| {
                endpoint.region_from_host().map(|region| {
                    Setting::new(
                        region,
                        Source::Derived(format!("the endpoint host {}", endpoint.host())),
                    )
                })
            });
        if self.version == SignatureVersion::V4 && region.is_none() {
            return Err(Failure::usage(format!(
                "signature V4 needs a region and none can be derived from the endpoint {}: give \
                 --region (e.g. cn-hangzhou), set OSS_REGION or region in the config file, or \
                 use --sign-version v1",
                endpoint.authority()
            )));
        }
        tracing::info!(
            "oss://{bucket}: endpoint {}://{} ({endpoint_source}), {style} addressing, region {}, \
             signature {}",
            endpoint.scheme(),
            endpoint.authority(),
            region
                .as_ref()
                .map(|r| format!("{} ({})", r.value, r.source))
                .unwrap_or_else(|| "none".to_string()),
            self.resolved.sign_version.value,
        );
        Ok(Target {
            bucket: bucket.to_string(),
            endpoint,
            endpoint_source,
            style,
            region,
        })
    }

    /// The local clock, corrected by what a RequestTimeTooSkewed answer taught us.
    fn now(&self) -> jiff::Timestamp {
        let offset = self
            .clock_offset_ms
            .load(std::sync::atomic::Ordering::Relaxed);
        let now = jiff::Timestamp::now();
        now.checked_add(jiff::SignedDuration::from_millis(offset))
            .unwrap_or(now)
    }

    /// After a RequestTimeTooSkewed answer: learn the offset from its `Date` header. Returns
    /// whether there is a (new) correction worth one more attempt.
    fn learn_clock(&self, response: &transport::Response) -> bool {
        if response.status != 403
            || error_body(response).is_none_or(|b| b.code != "RequestTimeTooSkewed")
        {
            return false;
        }
        let Some(server) = response.header("date").and_then(sign::parse_http_date) else {
            return false;
        };
        let local = jiff::Timestamp::now();
        let offset = server.as_millisecond() - local.as_millisecond();
        if offset.abs() < 60_000 {
            return false;
        }
        self.clock_offset_ms
            .store(offset, std::sync::atomic::Ordering::Relaxed);
        warn(format!(
            "the local clock is {} s {} the server's; requests are signed with the server's time \
             for this run: synchronise the clock (NTP)",
            (offset.abs() + 500) / 1000,
            if offset > 0 { "behind" } else { "ahead of" }
        ));
        true
    }

    /// Signs `request` for `target` now; returns what was signed.
    fn sign(
        &self,
        request: &mut HttpRequest,
        target: &Target,
        key: Option<&str>,
    ) -> Result<SigningDetails, Failure> {
        let creds = self.credentials()?;
        let region = target
            .region
            .as_ref()
            .map(|r| r.value.as_str())
            .unwrap_or("");
        Ok(sign::sign(
            request,
            Some(&target.bucket),
            key,
            &sign::Signer::new(creds, self.version, region, self.now()),
        ))
    }

    /// The exact request, signed, as `--dry-run` shows it (signature and token masked).
    pub fn dry_run(
        &self,
        mut request: HttpRequest,
        target: &Target,
    ) -> Result<DryRunRequest, Failure> {
        self.sign(&mut request, target, None)?;
        let mut headers = Vec::new();
        if request.header("host").is_none() {
            headers.push(("Host".to_string(), request.url_authority().to_string()));
        }
        for (name, value) in &request.headers {
            headers.push((
                name.clone(),
                crate::oss::mask::mask_header(name, value).to_string(),
            ));
        }
        if request.header("content-length").is_none() && !request.body.is_empty() {
            headers.push(("Content-Length".to_string(), request.body.len().to_string()));
        }
        Ok(DryRunRequest {
            bucket: target.url(),
            method: request.method.to_string(),
            url: crate::oss::mask::mask_url(&request.url).to_string(),
            headers,
            body: String::from_utf8_lossy(&request.body).into_owned(),
        })
    }

    /// Sends a signed call (re-signed on every attempt) and returns the response, whatever
    /// its status; network failures become exit 4.
    pub async fn send(
        &self,
        target: &Target,
        op: Operation,
        request: HttpRequest,
    ) -> Result<Signed, Failure> {
        self.send_with_key(target, None, op, request).await
    }

    /// `AccessKeyId X (source), AccessKeySecret from (source)`, for error messages.
    fn signer(&self) -> Option<String> {
        let id = self.resolved.access_key_id.as_ref()?;
        let secret = self.resolved.access_key_secret.as_ref()?;
        Some(format!(
            "AccessKeyId {} ({}), AccessKeySecret from {}",
            id.value, id.source, secret.source
        ))
    }

    /// Whether credentials are configured.
    pub fn has_credentials(&self) -> bool {
        self.credentials.is_some()
    }

    /// [`Session::send`] for an object request.
    pub async fn send_signed_key(
        &self,
        target: &Target,
        key: Option<&str>,
        op: Operation,
        request: HttpRequest,
    ) -> Result<transport::Response, Failure> {
        Ok(self.send_with_key(target, key, op, request).await?.response)
    }

    async fn send_with_key(
        &self,
        target: &Target,
        key: Option<&str>,
        op: Operation,
        request: HttpRequest,
    ) -> Result<Signed, Failure> {
        self.credentials()?;
        let mut corrected = false;
        let started = std::time::Instant::now();
        loop {
            let mut last_details: Option<SigningDetails> = None;
            let result = self
                .transport
                .send(|_attempt| {
                    let mut r = request.clone();
                    let details = self
                        .sign(&mut r, target, key)
                        .map_err(|f| format!("{:?}", f.report))?;
                    last_details = Some(details);
                    Ok(r)
                })
                .await;
            match result {
                Ok(response) => {
                    // A skewed clock: OSS says so and sends its own time. Sign once more with it.
                    if !corrected && self.learn_clock(&response) {
                        corrected = true;
                        continue;
                    }
                    tracing::info!(
                        "{} {} -> HTTP {} in {} ms ({} attempt{})",
                        op.name(),
                        target.url(),
                        response.status,
                        started.elapsed().as_millis(),
                        response.attempts,
                        if response.attempts == 1 { "" } else { "s" }
                    );
                    return Ok(Signed {
                        response,
                        details: last_details,
                        signer: self.signer(),
                    });
                }
                Err(e) => return Err(network_failure(op, target, e)),
            }
        }
    }

    /// Sends an unsigned request (a browser's preflight or actual request).
    pub async fn send_unsigned(
        &self,
        target: &Target,
        op: Operation,
        request: HttpRequest,
    ) -> Result<transport::Response, Failure> {
        self.transport
            .send(|_| Ok(request.clone()))
            .await
            .map_err(|e| network_failure(op, target, e))
    }
}

/// One request `--dry-run` would have sent, signed, with the signature and token masked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DryRunRequest {
    /// `oss://bucket`.
    pub bucket: String,
    /// `PUT`, `DELETE`.
    pub method: String,
    /// The request URL (presigned parts masked).
    pub url: String,
    /// Every header in the order sent, as `[name, value]` pairs (secrets masked).
    pub headers: Vec<(String, String)>,
    /// The body (the XML document), empty when there is none.
    pub body: String,
}

impl DryRunRequest {
    /// The request as HTTP text: request line, headers, blank line, body.
    pub fn text(&self) -> String {
        let mut out = format!("{} {}\n", self.method, self.url);
        for (name, value) in &self.headers {
            let _ = writeln!(out, "{name}: {value}");
        }
        if !self.body.is_empty() {
            out.push('\n');
            out.push_str(&self.body);
            if !out.ends_with('\n') {
                out.push('\n');
            }
        }
        out
    }
}

/// Prints `--dry-run` requests on stdout: as HTTP text (with a `# oss://bucket` line before
/// each when there are several), or for `--output-format json|yaml` as
/// `{"dry_run": true, "sent": false, "requests": [{bucket, method, url, headers, body}]}`.
fn print_dry_run(ctx: &Context, requests: &[DryRunRequest]) -> Result<(), Failure> {
    let text = match ctx.output {
        OutputFormat::Text => {
            let several = requests.len() > 1;
            let mut text = String::new();
            for r in requests {
                if several {
                    let _ = writeln!(text, "# {}", r.bucket);
                }
                text.push_str(&r.text());
                if several {
                    text.push('\n');
                }
            }
            text
        }
        format => {
            let value = serde_json::json!({
                "dry_run": true,
                "sent": false,
                "requests": requests,
            });
            if format == OutputFormat::Json {
                let mut s = serde_json::to_string_pretty(&value)
                    .map_err(|e| Failure::usage(e.to_string()))?;
                s.push('\n');
                s
            } else {
                serde_saphyr::to_string(&value).map_err(|e| Failure::usage(e.to_string()))?
            }
        }
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    note(ctx, "dry run: nothing was sent");
    Ok(())
}

/// A response with what we signed for it.
#[derive(Debug)]
pub struct Signed {
    /// The response.
    pub response: transport::Response,
    /// What the last attempt signed.
    pub details: Option<SigningDetails>,
    /// Which key signed, for a person: `AccessKeyId X (source), AccessKeySecret from
    /// (source)`; never the secret.
    pub signer: Option<String>,
}

fn network_failure(op: Operation, target: &Target, e: TransportError) -> Failure {
    let status = match e {
        TransportError::Network { .. } => ExitStatus::Network,
        _ => ExitStatus::Usage,
    };
    let mut text = format!("{} on {} failed: {e}", op.name(), target.url());
    if let TransportError::Network { cause, .. } = &e
        && let Some(hint) = network_hint(target, cause)
    {
        let _ = write!(text, "\n  hint: {hint}");
    }
    Failure::new(status, miette::miette!("{text}"))
}

/// What to do about a network failure, naming where the endpoint came from.
fn network_hint(target: &Target, cause: &str) -> Option<String> {
    let lower = cause.to_ascii_lowercase();
    let endpoint = format!(
        "{}://{}",
        target.endpoint.scheme(),
        target.endpoint.authority()
    );
    let from = &target.endpoint_source;
    if transport::cause_is_plain_http_answer(cause) && target.endpoint.scheme() == "https" {
        return Some(format!(
            "{} answered the TLS handshake in plain HTTP: it looks like a plain-HTTP server. An \
             endpoint without a scheme means https://; write http://{} (the endpoint came from \
             {from})",
            target.endpoint.authority(),
            target.endpoint.authority()
        ));
    }
    if lower.contains("connection refused") {
        return Some(format!(
            "nothing accepts connections at {endpoint}: is the endpoint running (for a local \
             one, `ossctl serve`)? The endpoint came from {from}"
        ));
    }
    if lower.contains("dns error") || lower.contains("failed to lookup") {
        return Some(format!(
            "the host {} cannot be resolved: check the endpoint, which came from {from}",
            target.endpoint.host()
        ));
    }
    None
}

/// The error body of a non-2xx response: the XML body, or `x-oss-err` for bodiless ones.
pub fn error_body(response: &transport::Response) -> Option<ErrorBody> {
    let mut body = std::str::from_utf8(&response.body)
        .ok()
        .and_then(ErrorBody::parse)
        .or_else(|| {
            response
                .header("x-oss-err")
                .and_then(ErrorBody::from_x_oss_err)
        })?;
    if body.request_id.is_empty()
        && let Some(id) = response.header("x-oss-request-id")
    {
        body.request_id = id.to_string();
    }
    if body.ec.is_none()
        && let Some(ec) = response.header("x-oss-ec")
    {
        body.ec = Some(ec.to_string());
    }
    Some(body)
}

/// A person-actionable report of a service error (exit 3): code, message, request id, EC,
/// hint; for SignatureDoesNotMatch our string-to-sign beside the server's.
pub fn service_failure(op: Operation, target: &Target, signed: &Signed) -> Failure {
    let response = &signed.response;
    let mut text = format!(
        "{} on {} failed: HTTP {}",
        op.name(),
        target.url(),
        response.status
    );
    match error_body(response) {
        Some(body) => {
            let _ = write!(text, " {}: {}", body.code, body.message);
            if !body.request_id.is_empty() {
                let _ = write!(text, "\n  request id: {}", body.request_id);
            }
            if let Some(ec) = &body.ec {
                let _ = write!(text, "\n  EC: {ec}");
            }
            if !body.host_id.is_empty() {
                let _ = write!(text, "\n  host: {}", body.host_id);
            }
            for (name, value) in &body.extra {
                if matches!(
                    name.as_str(),
                    "StringToSign" | "CanonicalRequest" | "StringToSignBytes" | "SignatureProvided"
                ) {
                    continue;
                }
                let _ = write!(text, "\n  {name}: {value}");
            }
            let mut secret_wrong = false;
            if body.code == "SignatureDoesNotMatch" {
                let dump = signature_dump(&body, signed.details.as_ref());
                if signature_inputs_match(&body, signed.details.as_ref()) {
                    secret_wrong = true;
                    // The server signed exactly what we signed and still got another
                    // signature: the only input left is the key.
                    let _ = write!(
                        text,
                        "\n  the server computed the same string-to-sign as ossctl, so the \
                         request is right and the secret is wrong: the AccessKeySecret does \
                         not belong to this AccessKeyId"
                    );
                    if let Some(signer) = &signed.signer {
                        let _ = write!(text, "\n  signed with: {signer}");
                    }
                    let _ = write!(
                        text,
                        "\n  (both strings-to-sign and canonical requests: run with --debug)"
                    );
                    if !dump.is_empty() {
                        tracing::debug!(target: "ossctl::http", "SignatureDoesNotMatch:{dump}");
                    }
                } else {
                    text.push_str(&dump);
                }
            }
            // A wrong secret needs no "check the region and version" hint: they are right.
            let mut hint = (!secret_wrong)
                .then(|| super::hints::for_error(&body, op.ram_action()))
                .flatten();
            if body.code == "NoSuchBucket" {
                let _ = write!(
                    text,
                    "\n  endpoint: {} ({})",
                    target.endpoint.authority(),
                    target.endpoint_source
                );
                if let Some(r) = &target.region {
                    let _ = write!(text, "\n  region: {} ({})", r.value, r.source);
                }
            }
            if let Some(h) = hint.take() {
                let _ = write!(text, "\n  hint: {h}");
            }
        }
        None => {
            let snippet: String = String::from_utf8_lossy(&response.body)
                .chars()
                .take(200)
                .collect();
            if snippet.trim().is_empty() {
                text.push_str(" (no OSS error body)");
            } else {
                let _ = write!(text, " (not an OSS error body): {}", snippet.trim());
            }
            if let Some(id) = response.header("x-oss-request-id") {
                let _ = write!(text, "\n  request id: {id}");
            }
        }
    }
    if response.attempts > 1 {
        let _ = write!(text, "\n  after {} attempts", response.attempts);
    }
    Failure::new(ExitStatus::Service, miette::miette!("{text}"))
}

/// Whether the server's StringToSign (and CanonicalRequest, when both sides have one) equal
/// what ossctl signed: then a SignatureDoesNotMatch can only be a wrong secret.
fn signature_inputs_match(body: &ErrorBody, ours: Option<&SigningDetails>) -> bool {
    let (Some(theirs), Some(ours)) = (body.extra("StringToSign"), ours) else {
        return false;
    };
    if theirs != ours.string_to_sign {
        return false;
    }
    match (body.extra("CanonicalRequest"), &ours.canonical_request) {
        (Some(t), Some(o)) => t == o,
        _ => true,
    }
}

/// The server's and our string-to-sign and canonical request, masked, one per line (empty
/// when the server sent none).
fn signature_dump(body: &ErrorBody, ours: Option<&SigningDetails>) -> String {
    let mut text = String::new();
    if let Some(theirs) = body.extra("StringToSign") {
        let theirs = crate::oss::mask::mask_signing_text(theirs);
        let _ = write!(text, "\n  server's string-to-sign: {theirs:?}");
        if let Some(ours) = ours {
            let _ = write!(
                text,
                "\n  our string-to-sign:      {:?}",
                crate::oss::mask::mask_signing_text(&ours.string_to_sign)
            );
        }
    }
    if let Some(theirs) = body.extra("CanonicalRequest") {
        let theirs = crate::oss::mask::mask_signing_text(theirs);
        let _ = write!(text, "\n  server's canonical request: {theirs:?}");
        if let Some(ours) = ours.and_then(|d| d.canonical_request.as_ref()) {
            let ours = crate::oss::mask::mask_signing_text(ours);
            let _ = write!(text, "\n  our canonical request:      {ours:?}");
        }
    }
    text
}

/// A current-thread tokio runtime for one command.
fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::usage(format!("cannot start the async runtime: {e}")))
}

/// Writes `bytes` to `path` atomically (temp file in the same directory, fsync, rename),
/// mode 0600 on Unix (backups hold bucket configuration).
fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), Failure> {
    use std::io::Write as _;
    let fail = |e: io::Error| Failure::usage(format!("cannot write {}: {e}", path.display()));
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600));
    }
    tmp.write_all(bytes).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// `path` with `tag` inserted before its extension: `bk.xml` + `20261207T101500Z` ->
/// `bk.20261207T101500Z.xml`.
fn tagged_path(path: &Path, tag: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match path.extension() {
        Some(ext) => format!("{stem}.{tag}.{}", ext.to_string_lossy()),
        None => format!("{stem}.{tag}"),
    };
    path.with_file_name(name)
}

/// Writes a backup (mode 0600, fsynced) without ever replacing an existing file: when `path`
/// exists, the backup goes to `path` with the UTC time inserted (`bk.20261207T101500Z.xml`,
/// then `.1`, `.2`, ... within the same second). The file appears whole or not at all (a
/// temporary file is linked into place only if the name is free). Returns the path written.
fn write_backup(path: &Path, bytes: &[u8]) -> Result<PathBuf, Failure> {
    use std::io::Write as _;
    let fail = |p: &Path, e: io::Error| {
        Failure::usage(format!("cannot write the backup {}: {e}", p.display()))
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(&dir).map_err(|e| fail(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let _ = std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o600));
    }
    tmp.write_all(bytes).map_err(|e| fail(path, e))?;
    tmp.as_file().sync_all().map_err(|e| fail(path, e))?;
    let stamp = jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%SZ")
        .to_string();
    let mut candidates = std::iter::once(path.to_path_buf())
        .chain(std::iter::once(tagged_path(path, &stamp)))
        .chain((1..1000).map(|n| tagged_path(path, &format!("{stamp}.{n}"))));
    loop {
        let Some(candidate) = candidates.next() else {
            return Err(fail(
                path,
                io::Error::other("every timestamped name is taken"),
            ));
        };
        match tmp.persist_noclobber(&candidate) {
            Ok(_) => {
                if let Ok(d) = std::fs::File::open(&dir) {
                    let _ = d.sync_all();
                }
                return Ok(candidate);
            }
            Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(fail(&candidate, e.error)),
        }
    }
}

/// The note for a backup written by [`write_backup`] (`asked` is the `--backup` path).
fn backup_note(asked: &Path, written: &Path) -> String {
    if asked == written {
        format!("backup in {}", written.display())
    } else {
        format!(
            "backup in {} ({} exists and was kept)",
            written.display(),
            asked.display()
        )
    }
}

/// Whether stdin and stderr are terminals (prompts are possible).
fn interactive() -> bool {
    io::stdin().is_terminal() && io::stderr().is_terminal()
}

/// The JSON/YAML/text writer for per-bucket results.
#[derive(Debug, Clone, serde::Serialize)]
struct BucketResult {
    bucket: String,
    ok: bool,
    exit_code: u8,
    message: String,
}

fn print_results(ctx: &Context, results: &[BucketResult]) -> Result<(), Failure> {
    let text = match ctx.output {
        OutputFormat::Text => {
            let mut s = String::new();
            for r in results {
                if r.ok {
                    let _ = writeln!(s, "ok     {}  {}", r.bucket, r.message);
                } else {
                    let _ = writeln!(
                        s,
                        "failed {}  exit {} (the error is on stderr)",
                        r.bucket, r.exit_code
                    );
                }
            }
            s
        }
        OutputFormat::Json => {
            let mut s = serde_json::to_string_pretty(&serde_json::json!({ "results": results }))
                .map_err(|e| Failure::usage(e.to_string()))?;
            s.push('\n');
            s
        }
        OutputFormat::Yaml => {
            let mut s = String::from("results:\n");
            for r in results {
                let _ = writeln!(
                    s,
                    "- bucket: {}\n  ok: {}\n  exit_code: {}\n  message: {}",
                    yaml_str(&r.bucket),
                    r.ok,
                    r.exit_code,
                    yaml_str(&r.message)
                );
            }
            s
        }
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()
}

fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Runs `work` for every bucket, at most `jobs` at a time, with a progress bar on a TTY,
/// prints a result line per bucket (errors in full on stderr), and returns the worst status.
fn for_each_bucket<'a, F, Fut>(
    ctx: &Context,
    buckets: &'a [String],
    jobs: usize,
    verb: &str,
    work: F,
) -> CommandResult
where
    F: Fn(&'a str) -> Fut,
    Fut: std::future::Future<Output = Result<String, Failure>> + 'a,
{
    use futures_util::StreamExt as _;
    let rt = runtime()?;
    let bar = (ctx.stderr_is_tty && !ctx.quiet && buckets.len() > 1).then(|| {
        let bar = indicatif::ProgressBar::new(buckets.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {verb} [{bar:30}] {pos}/{len} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .with_key("verb", {
                let verb = verb.to_string();
                move |_: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                    let _ = w.write_str(&verb);
                }
            })
            .progress_chars("=> "),
        );
        bar
    });
    let outcomes: Vec<(usize, Result<String, Failure>)> = rt.block_on(async {
        futures_util::stream::iter(buckets.iter().enumerate())
            .map(|(i, b)| {
                let fut = work(b.as_str());
                let bar = bar.clone();
                async move {
                    let r = fut.await;
                    if let Some(bar) = &bar {
                        bar.inc(1);
                        bar.set_message(format!("oss://{b}"));
                    }
                    (i, r)
                }
            })
            .buffer_unordered(jobs.max(1))
            .collect()
            .await
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let mut outcomes = outcomes;
    outcomes.sort_by_key(|(i, _)| *i);
    let mut worst = ExitStatus::Success;
    let mut results = Vec::new();
    let single = buckets.len() == 1;
    let mut single_failure = None;
    for (i, outcome) in outcomes {
        let bucket = format!("oss://{}", buckets[i]);
        match outcome {
            Ok(message) => results.push(BucketResult {
                bucket,
                ok: true,
                exit_code: 0,
                message,
            }),
            Err(failure) => {
                let status = failure.status;
                worst = worst.max(status);
                let message = format!("{}", failure.report);
                if single {
                    single_failure = Some(failure);
                } else {
                    // The full report once, on stderr, exactly as a one-bucket error looks;
                    // the result line on stdout only says that this bucket failed.
                    eprintln!("{:?}", failure.report);
                }
                results.push(BucketResult {
                    bucket,
                    ok: false,
                    exit_code: status.code(),
                    message,
                });
            }
        }
    }
    if let Some(failure) = single_failure {
        // One bucket: the full report through main, no separate result line.
        if ctx.output != OutputFormat::Text {
            print_results(ctx, &results)?;
        }
        return Err(failure);
    }
    print_results(ctx, &results)?;
    Ok(worst)
}

/// One `config show` row: the value as text, the same value typed for JSON/YAML (`null` when
/// not set, numbers as numbers, durations in seconds), and where it came from.
struct ShowRow {
    name: String,
    text: String,
    value: serde_json::Value,
    source: Option<String>,
    /// Extra typed fields for JSON/YAML (`unit`, `length`, `found`).
    extra: Vec<(&'static str, serde_json::Value)>,
}

impl ShowRow {
    fn new(name: &str, text: String, value: serde_json::Value, source: Option<String>) -> Self {
        ShowRow {
            name: name.to_string(),
            text,
            value,
            source,
            extra: Vec::new(),
        }
    }

    fn with(mut self, key: &'static str, value: serde_json::Value) -> Self {
        self.extra.push((key, value));
        self
    }

    fn json(&self) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        m.insert("value".into(), self.value.clone());
        for (k, v) in &self.extra {
            m.insert((*k).into(), v.clone());
        }
        m.insert(
            "source".into(),
            self.source
                .clone()
                .map_or(serde_json::Value::Null, serde_json::Value::String),
        );
        serde_json::Value::Object(m)
    }
}

/// `ossctl config show`: every resolved setting and where it came from, secrets masked.
pub fn config_show(ctx: &Context, conn: &ConnectionArgs, args: &ConfigShowArgs) -> CommandResult {
    use serde_json::{Value, json};
    let r = resolve(conn)?;
    let mut rows: Vec<ShowRow> = Vec::new();
    let string = |name: &str, s: &Option<Setting<String>>| match s {
        Some(s) => ShowRow::new(
            name,
            s.value.clone(),
            Value::String(s.value.clone()),
            Some(s.source.to_string()),
        ),
        None => ShowRow::new(name, "(not set)".into(), Value::Null, None),
    };
    let secret = |name: &str, s: &Option<Setting<Secret>>| match s {
        Some(s) => {
            let len = s.value.expose().len();
            ShowRow::new(
                name,
                format!("{} ({len} characters)", crate::oss::mask::MASK),
                Value::String(crate::oss::mask::MASK.to_string()),
                Some(s.source.to_string()),
            )
            .with("length", json!(len))
        }
        None => ShowRow::new(name, "(not set)".into(), Value::Null, None),
    };
    let seconds = |name: &str, s: &Setting<std::time::Duration>| {
        let secs = s.value.as_secs_f64();
        let value = if secs.fract() == 0.0 && secs <= u64::MAX as f64 {
            json!(secs as u64)
        } else {
            json!(secs)
        };
        ShowRow::new(name, format!("{secs}s"), value, Some(s.source.to_string()))
            .with("unit", json!("seconds"))
    };
    rows.push(match &r.config_file {
        Some(f) => ShowRow::new(
            "config_file",
            f.value.display().to_string(),
            json!(f.value.display().to_string()),
            Some(f.source.to_string()),
        )
        .with("found", json!(true)),
        None => match config::config_file_path(&flags_from(conn), &process_env()) {
            Some(p) => ShowRow::new(
                "config_file",
                format!("{} (not found)", p.value.display()),
                json!(p.value.display().to_string()),
                Some(p.source.to_string()),
            )
            .with("found", json!(false)),
            None => ShowRow::new("config_file", "(not set)".into(), Value::Null, None),
        },
    });
    rows.push(string("profile", &r.profile));
    rows.push(string("endpoint", &r.endpoint));
    rows.push(string("region", &r.region));
    rows.push(string("access_key_id", &r.access_key_id));
    rows.push(secret("access_key_secret", &r.access_key_secret));
    rows.push(secret("sts_token", &r.sts_token));
    rows.push(ShowRow::new(
        "sign_version",
        r.sign_version.value.clone(),
        json!(r.sign_version.value),
        Some(r.sign_version.source.to_string()),
    ));
    let mut style = string("addressing_style", &r.addressing_style);
    if r.addressing_style.is_none() {
        style.text =
            "(by endpoint: virtual for host names, path for IP addresses and localhost)".into();
    }
    rows.push(style);
    rows.push(ShowRow::new(
        "retries",
        r.retries.value.to_string(),
        json!(r.retries.value),
        Some(r.retries.source.to_string()),
    ));
    rows.push(seconds("connect_timeout", &r.connect_timeout));
    rows.push(seconds("timeout", &r.timeout));
    rows.push(match &r.ca_bundle {
        Some(c) => ShowRow::new(
            "ca_bundle",
            c.value.display().to_string(),
            json!(c.value.display().to_string()),
            Some(c.source.to_string()),
        ),
        None => ShowRow::new(
            "ca_bundle",
            "(system roots)".into(),
            Value::Null,
            Some("default".into()),
        ),
    });
    let mut bucket_rows: BTreeMap<String, Vec<ShowRow>> = BTreeMap::new();
    for (bucket, b) in &r.buckets {
        let rows = bucket_rows.entry(bucket.clone()).or_default();
        for (name, s) in [
            ("endpoint", &b.endpoint),
            ("cname", &b.cname),
            ("region", &b.region),
            ("addressing_style", &b.addressing_style),
        ] {
            if s.is_some() {
                rows.push(string(name, s));
            }
        }
    }
    // The effective target for one bucket, when asked.
    let mut effective: Vec<ShowRow> = Vec::new();
    if let Some(url) = &args.bucket {
        let (bucket, _) = parse_oss_url(url)?;
        let session_like = Session {
            resolved: r.clone(),
            credentials: None,
            version: r
                .sign_version
                .value
                .parse()
                .map_err(|e| Failure::usage(format!("{e}")))?,
            transport: Transport::new(transport::Options::default())
                .map_err(|e| Failure::usage(e.to_string()))?,
            clock_offset_ms: std::sync::atomic::AtomicI64::new(0),
        };
        let plain = |name: &str, v: String, source: Option<String>| {
            ShowRow::new(name, v.clone(), Value::String(v), source)
        };
        match session_like.target(&bucket) {
            Ok(t) => {
                effective.push(plain(
                    "endpoint",
                    format!("{}://{}", t.endpoint.scheme(), t.endpoint.authority()),
                    Some(t.endpoint_source.to_string()),
                ));
                effective.push(plain("addressing_style", t.style.to_string(), None));
                if let Some(region) = &t.region {
                    effective.push(plain(
                        "region",
                        region.value.clone(),
                        Some(region.source.to_string()),
                    ));
                }
                let url = t
                    .endpoint
                    .url(t.style, Some(&t.bucket), None, &[("cors", None)])
                    .unwrap_or_default();
                effective.push(plain("request_url", url, None));
            }
            Err(f) => effective.push(plain("error", format!("{}", f.report), None)),
        }
    }
    let text = match ctx.output {
        OutputFormat::Text => {
            let width = rows.iter().map(|row| row.name.len()).max().unwrap_or(0);
            let mut s = String::new();
            let line = |s: &mut String, indent: &str, width: usize, row: &ShowRow| {
                let n = &row.name;
                let v = &row.text;
                match &row.source {
                    Some(src) if !src.is_empty() => {
                        let _ = writeln!(s, "{indent}{n:<width$}  {v}  [{src}]");
                    }
                    _ => {
                        let _ = writeln!(s, "{indent}{n:<width$}  {v}");
                    }
                }
            };
            for row in &rows {
                line(&mut s, "", width, row);
            }
            for (bucket, rows) in &bucket_rows {
                let _ = writeln!(s, "bucket {bucket}:");
                for row in rows {
                    line(&mut s, "  ", 0, row);
                }
            }
            if let Some(url) = &args.bucket {
                let _ = writeln!(s, "for {url}:");
                for row in &effective {
                    line(&mut s, "  ", 0, row);
                }
            }
            for n in &r.notes {
                let _ = writeln!(s, "note: {n}");
            }
            s
        }
        OutputFormat::Json | OutputFormat::Yaml => {
            let obj = |rows: &[ShowRow]| {
                Value::Object(
                    rows.iter()
                        .map(|row| (row.name.clone(), row.json()))
                        .collect(),
                )
            };
            let buckets: serde_json::Map<String, Value> = bucket_rows
                .iter()
                .map(|(b, rows)| (b.clone(), obj(rows)))
                .collect();
            let value = json!({
                "settings": obj(&rows),
                "buckets": buckets,
                "effective": if args.bucket.is_some() { obj(&effective) } else { Value::Null },
                "notes": r.notes,
            });
            if ctx.output == OutputFormat::Json {
                let mut s = serde_json::to_string_pretty(&value)
                    .map_err(|e| Failure::usage(e.to_string()))?;
                s.push('\n');
                s
            } else {
                serde_saphyr::to_string(&value).map_err(|e| Failure::usage(e.to_string()))?
            }
        }
    };
    let mut out = Output::stdout();
    out.write_str(&text)?;
    out.flush()?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::oss::error::ErrorBody;

    fn target() -> Target {
        Target {
            bucket: "b".into(),
            endpoint: Endpoint::parse("oss-cn-hangzhou.aliyuncs.com").unwrap(),
            endpoint_source: Source::Flag("--endpoint"),
            style: AddressingStyle::Virtual,
            region: Some(Setting::new(
                "cn-hangzhou".into(),
                Source::Derived("the endpoint host".into()),
            )),
        }
    }

    fn signed(status: u16, headers: Vec<(String, String)>, body: &str) -> Signed {
        Signed {
            response: transport::Response {
                status,
                headers,
                body: body.as_bytes().to_vec(),
                attempts: 1,
            },
            details: Some(SigningDetails {
                string_to_sign: "OURS".into(),
                canonical_request: None,
            }),
            signer: Some("AccessKeyId K (flag --access-key-id), AccessKeySecret from flag --access-key-secret".into()),
        }
    }

    fn report(f: &Failure) -> String {
        format!("{}", f.report)
    }

    #[test]
    fn access_denied_names_the_ram_action() {
        let body = ErrorBody::new(
            "AccessDenied",
            "You have no right to access this object.",
            "RID1",
            "b.oss",
        )
        .with_ec("0003-00000801")
        .to_xml();
        let f = service_failure(
            Operation::PutBucketCors,
            &target(),
            &signed(403, vec![], &body),
        );
        assert_eq!(f.status, ExitStatus::Service);
        let r = report(&f);
        assert!(r.contains("HTTP 403 AccessDenied"), "{r}");
        assert!(
            r.contains("request id: RID1") && r.contains("EC: 0003-00000801"),
            "{r}"
        );
        assert!(r.contains("oss:PutBucketCors"), "{r}");
    }

    #[test]
    fn bodiless_errors_come_from_x_oss_err() {
        let body = ErrorBody::new(
            "RequestTimeTooSkewed",
            "The difference between the request time and the current time is too large.",
            "",
            "h",
        )
        .to_x_oss_err();
        let f = service_failure(
            Operation::DeleteBucketCors,
            &target(),
            &signed(
                403,
                vec![
                    ("x-oss-err".into(), body),
                    ("x-oss-request-id".into(), "HDRID".into()),
                    ("x-oss-ec".into(), "0002-00000504".into()),
                ],
                "",
            ),
        );
        let r = report(&f);
        assert!(r.contains("RequestTimeTooSkewed"), "{r}");
        assert!(
            r.contains("request id: HDRID") && r.contains("EC: 0002-00000504"),
            "{r}"
        );
        assert!(r.contains("clock"), "{r}");
    }

    #[test]
    fn signature_mismatch_shows_both_strings_to_sign() {
        let body = ErrorBody::new(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match.",
            "R",
            "h",
        )
        .with_extra("StringToSign", "THEIRS")
        .with_extra("SignatureProvided", "sig")
        .to_xml();
        let r = report(&service_failure(
            Operation::GetBucketCors,
            &target(),
            &signed(403, vec![], &body),
        ));
        assert!(r.contains("server's string-to-sign: \"THEIRS\""), "{r}");
        assert!(r.contains("our string-to-sign:      \"OURS\""), "{r}");
        assert!(!r.contains("SignatureProvided"), "{r}");
        assert!(!r.contains("secret is wrong"), "{r}");
    }

    #[test]
    fn signature_mismatch_with_the_same_string_to_sign_blames_the_secret() {
        let body = ErrorBody::new(
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match.",
            "R",
            "h",
        )
        .with_extra("StringToSign", "OURS")
        .to_xml();
        let r = report(&service_failure(
            Operation::GetBucketCors,
            &target(),
            &signed(403, vec![], &body),
        ));
        assert!(
            r.contains("the request is right and the secret is wrong"),
            "{r}"
        );
        assert!(
            r.contains("signed with: AccessKeyId K (flag --access-key-id)"),
            "{r}"
        );
        assert!(!r.contains("string-to-sign: \""), "{r}");
    }

    #[test]
    fn non_oss_error_bodies_are_shown_briefly() {
        let r = report(&service_failure(
            Operation::GetBucketCors,
            &target(),
            &signed(502, vec![], "<html>Bad Gateway</html>"),
        ));
        assert!(
            r.contains("HTTP 502") && r.contains("not an OSS error body"),
            "{r}"
        );
    }

    #[test]
    fn oss_urls() {
        assert_eq!(parse_oss_url("oss://bkt").unwrap(), ("bkt".into(), None));
        assert_eq!(parse_oss_url("oss://bkt/").unwrap(), ("bkt".into(), None));
        assert_eq!(
            parse_oss_url("oss://bkt/dir/k.txt").unwrap(),
            ("bkt".into(), Some("dir/k.txt".into()))
        );
        assert!(parse_oss_url("bkt").is_err());
        assert!(parse_oss_url("oss:///k").is_err());
        assert!(parse_oss_url("oss://Bad_Name").is_err());
        assert!(parse_oss_url("oss://b").is_err());
    }
}
