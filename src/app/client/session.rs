//! The [`Session`]: resolved settings, credentials and one [`Transport`], and the per-bucket
//! [`Target`]. Sends signed OSS calls (re-signed on every retry, once more with the server's
//! clock after a RequestTimeTooSkewed answer) and unsigned browser requests.

use std::path::PathBuf;
use std::sync::Arc;

use crate::cli::client::ConnectionArgs;
use crate::config::{Resolved, Setting, Source};
use crate::exit::Failure;
use crate::oss::endpoint::{AddressingStyle, Endpoint, EndpointError};
use crate::oss::request::{HttpRequest, Operation};
use crate::oss::sign::{self, SigningDetails};
use crate::oss::{Credentials, SignatureVersion};
use crate::transport::{self, RetryPolicy, Transport};

use super::failure::{Signed, error_body, network_failure};
use super::settings::{read_limited, resolve};
use super::{first_time, warn};
use crate::app::Context;

/// Why a session or a bucket's target cannot be set up (exit 2, nothing sent).
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
pub enum SessionError {
    /// An AccessKeyId (from the source) without a secret.
    #[error(
        "an AccessKeyId is set ({0}) but no AccessKeySecret: set OSS_ACCESS_KEY_SECRET, \
         --access-key-secret or accessKeySecret in the config file"
    )]
    IdWithoutSecret(Source),
    /// An AccessKeySecret (from the source) without an id.
    #[error(
        "an AccessKeySecret is set ({0}) but no AccessKeyId: set OSS_ACCESS_KEY_ID, \
         --access-key-id or accessKeyId in the config file"
    )]
    SecretWithoutId(Source),
    /// A call that must be signed, and no credentials anywhere.
    #[error(
        "no credentials: set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET (and \
         OSS_SESSION_TOKEN for STS), write them to ~/.ossutilconfig ([Credentials] \
         accessKeyID / accessKeySecret, or [default] for ossutil 2.x), or pass \
         --access-key-id/--access-key-secret"
    )]
    NoCredentials,
    /// The CA bundle cannot be read.
    #[error("cannot read CA bundle {path}: {error}")]
    CaBundleUnreadable {
        /// The bundle.
        path: PathBuf,
        /// The I/O error.
        error: String,
    },
    /// The CA bundle is over 16 MiB.
    #[error("CA bundle {0} is larger than 16 MiB; is this the right file?")]
    CaBundleTooBig(PathBuf),
    /// No endpoint and no region to derive one from.
    #[error(
        "no endpoint: give --endpoint (e.g. oss-cn-hangzhou.aliyuncs.com or \
         http://127.0.0.1:9000), set OSS_ENDPOINT, or set endpoint/region in the ossutil config \
         file"
    )]
    NoEndpoint,
    /// The endpoint (from `origin`) cannot be parsed.
    #[error("{error} (from {origin})")]
    BadEndpoint {
        /// What is wrong with it.
        error: EndpointError,
        /// Where it came from.
        origin: Source,
    },
    /// Signature V4 without a region (the endpoint's authority).
    #[error(
        "signature V4 needs a region and none can be derived from the endpoint {0}: give \
         --region (e.g. cn-hangzhou), set OSS_REGION or region in the config file, or use \
         --sign-version v1"
    )]
    NoRegion(String),
}

impl From<SessionError> for Failure {
    fn from(e: SessionError) -> Self {
        Failure::new(crate::exit::ExitStatus::Usage, e)
    }
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
                ctx.note(format!("note: {n}"));
            }
        }
        let version = resolved.sign_version.value;
        let credentials = match (&resolved.access_key_id, &resolved.access_key_secret) {
            (Some(id), Some(secret)) => {
                let mut c = Credentials::new(id.value.clone(), secret.value.clone());
                if let Some(t) = &resolved.sts_token {
                    c = c.with_security_token(t.value.clone());
                }
                Some(c)
            }
            (Some(id), None) => {
                return Err(SessionError::IdWithoutSecret(id.source.clone()).into());
            }
            (None, Some(secret)) => {
                return Err(SessionError::SecretWithoutId(secret.source.clone()).into());
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
                    .map_err(|e| SessionError::CaBundleUnreadable {
                        path: path.value.clone(),
                        error: e.to_string(),
                    })?
                    .ok_or_else(|| SessionError::CaBundleTooBig(path.value.clone()))?,
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
        })?;
        Ok(Session {
            resolved,
            credentials,
            version,
            transport,
            clock_offset_ms: std::sync::atomic::AtomicI64::new(0),
        })
    }

    /// A session that resolves targets but sends nothing (no credentials, a default
    /// transport): what `config show oss://bucket` uses to show where a bucket's requests go.
    pub fn offline(resolved: Resolved) -> Result<Session, Failure> {
        let version = resolved.sign_version.value;
        let transport = Transport::new(transport::Options::default())?;
        Ok(Session {
            resolved,
            credentials: None,
            version,
            transport,
            clock_offset_ms: std::sync::atomic::AtomicI64::new(0),
        })
    }

    /// The credentials, or exit 2 saying how to provide them.
    fn credentials(&self) -> Result<&Credentials, Failure> {
        self.credentials
            .as_ref()
            .ok_or_else(|| SessionError::NoCredentials.into())
    }

    /// The targets of several buckets, in order (the first that cannot be set up fails).
    pub fn targets(&self, buckets: &[String]) -> Result<Vec<Target>, Failure> {
        buckets.iter().map(|b| self.target(b)).collect()
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
                None => return Err(SessionError::NoEndpoint.into()),
            },
        };
        let endpoint = Endpoint::parse(&raw).map_err(|error| SessionError::BadEndpoint {
            error,
            origin: endpoint_source.clone(),
        })?;
        let style = match r.addressing_style_for(bucket)? {
            Some(s) => s.value,
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
            return Err(SessionError::NoRegion(endpoint.authority().to_string()).into());
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
    pub(super) fn sign(
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
