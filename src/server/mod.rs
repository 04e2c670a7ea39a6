//! `ossctl serve`: a local OSS-compatible endpoint for offline work, demos, CI and our own
//! tests. The only user of hyper (HTTP/1.1) and tokio-rustls on the server side.
//!
//! Owns: the accept loop and graceful shutdown ([`start`], [`ServerHandle`]), routing
//! ([`route`]), durable storage ([`store`]), the OSS APIs and error responses (`handler`,
//! `respond`) and the ACL/STS policy (`auth`).
//!
//! Delegates, never duplicates: CORS semantics (what a preflight or an actual request gets)
//! to `preflight`; rule parsing, validation and the canonical XML to `rules`; signature
//! verification, error bodies and bucket-name rules to `oss`.
//! Must not depend on `transport`, `cli` or `app` (the app layer builds a [`ServeConfig`]).

mod access_log;
mod auth;
mod handler;
mod respond;
pub mod route;
pub mod store;

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use rustls::pki_types::pem::{self, PemObject as _};
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::oss::secret::Secret;
pub use handler::{MAX_CORS_BODY, MAX_OBJECT_SIZE};
pub use store::Acl;

/// The AccessKeyId `ossctl serve` accepts when none is given (documented, printed at start).
pub const DEV_ACCESS_KEY_ID: &str = "LTAI5tOssctlDevKeyId";
/// The AccessKeySecret `ossctl serve` accepts when none is given (documented; for local
/// development only).
pub const DEV_ACCESS_KEY_SECRET: &str = "ossctl-dev-secret-do-not-use-in-production";
/// The AccessKeyId of [`ServeConfig::for_tests`].
pub const TEST_ACCESS_KEY_ID: &str = "LTAI5tOssctlTestKeyId";
/// The AccessKeySecret of [`ServeConfig::for_tests`] (has `/+=` to exercise encoding).
pub const TEST_ACCESS_KEY_SECRET: &str = "ossctl/test+secret=";
/// The default region V4 scopes must name.
pub const DEFAULT_REGION: &str = "cn-hangzhou";
/// The default virtual-host base domain.
pub const DEFAULT_DOMAIN: &str = "localhost";

/// TLS certificate chain and private key (PEM files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// PEM certificate chain.
    pub cert: PathBuf,
    /// PEM private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// Everything the endpoint needs to run.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    /// Address to bind (port 0: any free port).
    pub addr: SocketAddr,
    /// Bind a non-loopback address only if this is set (`--allow-remote`).
    pub allow_remote: bool,
    /// Serve a published key pair ([`DEV_ACCESS_KEY_SECRET`], [`TEST_ACCESS_KEY_SECRET`]) on
    /// a non-loopback address anyway (`--insecure-dev-credentials`). Without it, [`start`]
    /// refuses that combination.
    pub insecure_dev_credentials: bool,
    /// The data directory.
    pub data_dir: PathBuf,
    /// Buckets created at start when missing (private unless already set otherwise).
    pub buckets: Vec<String>,
    /// Buckets created at start when missing and set to `public-read`.
    pub public_buckets: Vec<String>,
    /// The one accepted AccessKeyId.
    pub access_key_id: String,
    /// Its secret.
    pub access_key_secret: Secret,
    /// Accepted STS tokens; empty means any token is accepted with the key pair.
    pub sts_tokens: Vec<Secret>,
    /// The region V4 scopes must name (`cn-hangzhou`).
    pub region: String,
    /// Virtual-host base domain: `<bucket>.<domain>` selects a bucket.
    pub domain: String,
    /// Serve HTTPS with these files.
    pub tls: Option<TlsFiles>,
    /// Write one log line per request on stderr (method, path, bucket, key, operation,
    /// status, milliseconds).
    pub access_log: bool,
    /// What the endpoint does where OSS's documentation is silent (`--behaviour`,
    /// `--assume`): the same model `cors test` predicts with.
    pub behaviour: crate::preflight::Choices,
    /// Add the query string to each log line, with the values of signatures and security
    /// tokens replaced by `<redacted>` (`-v`).
    pub access_log_query: bool,
}

impl ServeConfig {
    /// Defaults for `ossctl serve`: 127.0.0.1:9000, development credentials, cn-hangzhou,
    /// domain `localhost`.
    pub fn new(data_dir: PathBuf) -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 9000)),
            allow_remote: false,
            insecure_dev_credentials: false,
            data_dir,
            buckets: Vec::new(),
            public_buckets: Vec::new(),
            access_key_id: DEV_ACCESS_KEY_ID.to_string(),
            access_key_secret: Secret::new(DEV_ACCESS_KEY_SECRET),
            sts_tokens: Vec::new(),
            region: DEFAULT_REGION.to_string(),
            domain: DEFAULT_DOMAIN.to_string(),
            tls: None,
            access_log: true,
            behaviour: crate::preflight::Choices::default(),
            access_log_query: false,
        }
    }

    /// For in-process tests: an ephemeral port on 127.0.0.1, [`TEST_ACCESS_KEY_ID`] /
    /// [`TEST_ACCESS_KEY_SECRET`], no access log.
    pub fn for_tests(data_dir: PathBuf) -> Self {
        ServeConfig {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            access_key_id: TEST_ACCESS_KEY_ID.to_string(),
            access_key_secret: Secret::new(TEST_ACCESS_KEY_SECRET),
            access_log: false,
            ..ServeConfig::new(data_dir)
        }
    }
}

/// Shared by every connection.
struct State {
    config: ServeConfig,
    store: Arc<store::Store>,
    requests: AtomicU64,
    /// The per-request log, when `config.access_log` is on.
    log: Option<access_log::AccessLog>,
}

/// A running endpoint. Dropping it without [`ServerHandle::shutdown`] also stops the server
/// (without waiting).
pub struct ServerHandle {
    addr: SocketAddr,
    scheme: &'static str,
    data_dir: PathBuf,
    data_dir_mode: Option<u32>,
    state: Arc<State>,
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for ServerHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServerHandle")
            .field("addr", &self.addr)
            .field("scheme", &self.scheme)
            .finish_non_exhaustive()
    }
}

impl ServerHandle {
    /// The bound address (the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT` (or `https://`), for path-style clients.
    pub fn endpoint_url(&self) -> String {
        format!("{}://{}", self.scheme, self.addr)
    }

    /// The data directory (canonical path).
    pub fn data_dir(&self) -> &std::path::Path {
        &self.data_dir
    }

    /// The permission bits of a data directory that existed before and is group- or
    /// world-accessible (`Some(0o755)`), else `None`. A directory `serve` creates is 0700.
    pub fn exposed_data_dir_mode(&self) -> Option<u32> {
        self.data_dir_mode
    }

    /// Requests handled so far (all of them, including failed ones).
    pub fn request_count(&self) -> u64 {
        self.state.requests.load(Ordering::Relaxed)
    }

    /// Stops accepting, lets in-flight requests finish (up to 10 s), and releases the data
    /// directory lock before returning.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.task.await;
        if let Some(log) = &self.state.log {
            log.close();
        }
    }
}

/// Whether `addr` only accepts connections from this machine (`127.0.0.0/8`, `::1`, and
/// `::ffff:127.x.y.z`). `0.0.0.0` and `::` listen on every interface, so they are not.
pub fn is_loopback(addr: SocketAddr) -> bool {
    addr.ip().to_canonical().is_loopback()
}

/// Whether the configured secret is one printed in our documentation or source
/// ([`DEV_ACCESS_KEY_SECRET`], [`TEST_ACCESS_KEY_SECRET`]): anyone can sign with it.
pub fn uses_published_credentials(config: &ServeConfig) -> bool {
    published_pair(config).is_some()
}

/// Which published pair the configured secret belongs to, and where it is published.
fn published_pair(config: &ServeConfig) -> Option<(&'static str, &'static str)> {
    match config.access_key_secret.expose() {
        DEV_ACCESS_KEY_SECRET => Some(("development", "the ossctl documentation")),
        TEST_ACCESS_KEY_SECRET => Some(("test", "the ossctl source code")),
        _ => None,
    }
}

/// The refusals for an endpoint other machines can reach, checked before anything is opened
/// or bound: a non-loopback address needs `allow_remote`, and there it needs a key pair of
/// one's own unless `insecure_dev_credentials` is set. ([`start`] calls this; the app calls
/// it first so it can warn before starting.)
pub fn check_exposure(config: &ServeConfig) -> io::Result<()> {
    if is_loopback(config.addr) {
        return Ok(());
    }
    if !config.allow_remote {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to listen on {}: it is not a loopback address; pass --allow-remote \
                 to expose the endpoint to the network",
                config.addr
            ),
        ));
    }
    if let Some((pair, published_in)) = published_pair(config)
        && !config.insecure_dev_credentials
    {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "refusing to serve the {pair} key pair on {}, which is not a loopback \
                 address: its secret is published in {published_in}, so anyone who \
                 can reach the endpoint could read and write every bucket. Choose your own key \
                 pair with --access-key-id ID --access-key-secret SECRET, or set \
                 OSSCTL_SERVE_ACCESS_KEY_ID and OSSCTL_SERVE_ACCESS_KEY_SECRET in the \
                 environment (keeps the secret out of `ps`). --insecure-dev-credentials serves \
                 the {pair} pair anyway",
                config.addr
            ),
        ));
    }
    Ok(())
}

/// The warnings for an endpoint other machines can reach (empty on loopback): the published
/// key pair served anyway (`insecure_dev_credentials`), and plain HTTP. Printed by the app at
/// every start.
pub fn exposure_warnings(config: &ServeConfig) -> Vec<String> {
    let mut warnings = Vec::new();
    if is_loopback(config.addr) {
        return warnings;
    }
    if let Some((pair, _)) = published_pair(config) {
        warnings.push(format!(
            "serving the published {pair} key pair on {} (--insecure-dev-credentials): \
             anyone who can reach this address can read, write and delete every bucket",
            config.addr
        ));
    }
    if config.tls.is_none() {
        warnings.push(format!(
            "listening on {} without TLS (no --tls-cert): signatures protect integrity only; \
             request and response bodies, presigned URLs and STS security tokens travel in \
             clear text and can be read by anyone on the network path",
            config.addr
        ));
    }
    warnings
}

/// Validates the configuration, opens the data directory (lock, sweep, start-up buckets),
/// binds, and returns while the server runs in the background.
pub async fn start(config: ServeConfig) -> io::Result<ServerHandle> {
    check_exposure(&config)?;
    if config.access_key_id.is_empty() || config.access_key_secret.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "the access key id and secret must not be empty",
        ));
    }
    for name in config.buckets.iter().chain(&config.public_buckets) {
        if let Err(e) = crate::oss::endpoint::validate_bucket_name(name) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, e.to_string()));
        }
    }
    let tls = match &config.tls {
        Some(files) => Some(tls_acceptor(files)?),
        None => None,
    };
    let store = {
        let config = config.clone();
        tokio::task::spawn_blocking(move || open_store(&config))
            .await
            .map_err(io::Error::other)??
    };
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|e| io::Error::new(e.kind(), format!("cannot listen on {}: {e}", config.addr)))?;
    let addr = listener.local_addr()?;
    let data_dir = store.root().to_path_buf();
    let data_dir_mode = store.exposed_mode();
    let log = if config.access_log {
        Some(access_log::AccessLog::start()?)
    } else {
        None
    };
    let state = Arc::new(State {
        config,
        store: Arc::new(store),
        requests: AtomicU64::new(0),
        log,
    });
    let (stop, stop_rx) = watch::channel(false);
    let task = tokio::spawn(accept_loop(listener, state.clone(), tls, stop_rx));
    Ok(ServerHandle {
        addr,
        scheme: if state.config.tls.is_some() {
            "https"
        } else {
            "http"
        },
        data_dir,
        data_dir_mode,
        state,
        stop,
        task,
    })
}

fn open_store(config: &ServeConfig) -> io::Result<store::Store> {
    let store = store::Store::open(&config.data_dir)?;
    let now = jiff::Timestamp::now().as_second();
    for (name, public) in config
        .buckets
        .iter()
        .map(|b| (b, false))
        .chain(config.public_buckets.iter().map(|b| (b, true)))
    {
        let acl = if public {
            Acl::PublicRead
        } else {
            Acl::Private
        };
        match store.create_bucket(name, acl, now) {
            Ok(_) => {}
            Err(store::StoreError::BucketExists) => {
                if public {
                    store.set_acl(name, Acl::PublicRead).map_err(to_io)?;
                }
            }
            Err(e) => return Err(to_io(e)),
        }
    }
    Ok(store)
}

fn to_io(e: store::StoreError) -> io::Error {
    match e {
        store::StoreError::Io(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

fn tls_acceptor(files: &TlsFiles) -> io::Result<tokio_rustls::TlsAcceptor> {
    let read = |p: &PathBuf| {
        std::fs::read(p).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", p.display())))
    };
    let cert_pem = read(&files.cert)?;
    let key_pem = read(&files.key)?;
    let certs: Vec<_> = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<_, _>>()
        .map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {e}", files.cert.display()),
            )
        })?;
    if certs.is_empty() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: no PEM certificate found", files.cert.display()),
        ));
    }
    let key = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
        let why = match e {
            pem::Error::NoItemsFound => "no PEM private key found".to_string(),
            other => other.to_string(),
        };
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: {why}", files.key.display()),
        )
    })?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("TLS: {e}")))?;
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(tokio_rustls::TlsAcceptor::from(Arc::new(cfg)))
}

async fn accept_loop(
    listener: TcpListener,
    state: Arc<State>,
    tls: Option<tokio_rustls::TlsAcceptor>,
    mut stop: watch::Receiver<bool>,
) {
    let mut conns = JoinSet::new();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => {
                let (stream, _peer) = match accepted {
                    Ok(x) => x,
                    Err(e) => {
                        tracing::warn!(target: "ossctl::serve", "accept failed: {e}");
                        tokio::time::sleep(Duration::from_millis(20)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let state = state.clone();
                let stop = stop.clone();
                let tls = tls.clone();
                conns.spawn(async move {
                    match tls {
                        None => serve_connection(stream, state, stop).await,
                        Some(acceptor) => {
                            let handshake = tokio::time::timeout(
                                Duration::from_secs(10),
                                acceptor.accept(stream),
                            );
                            match handshake.await {
                                Ok(Ok(tls_stream)) => serve_connection(tls_stream, state, stop).await,
                                Ok(Err(e)) => tracing::debug!(target: "ossctl::serve", "TLS handshake failed: {e}"),
                                Err(_) => tracing::debug!(target: "ossctl::serve", "TLS handshake timed out"),
                            }
                        }
                    }
                });
                while conns.try_join_next().is_some() {}
            }
        }
    }
    drop(listener);
    // Connections saw the same signal and are finishing their current request.
    let drain = async { while conns.join_next().await.is_some() {} };
    if tokio::time::timeout(Duration::from_secs(10), drain)
        .await
        .is_err()
    {
        conns.abort_all();
        while conns.join_next().await.is_some() {}
    }
}

async fn serve_connection<I>(io: I, state: Arc<State>, mut stop: watch::Receiver<bool>)
where
    I: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |req| handler::handle(state.clone(), req));
    let conn = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(30))
        .serve_connection(TokioIo::new(io), service);
    tokio::pin!(conn);
    tokio::select! {
        res = conn.as_mut() => {
            if let Err(e) = res {
                tracing::debug!(target: "ossctl::serve", "connection ended: {e}");
            }
        }
        _ = stop.changed() => {
            conn.as_mut().graceful_shutdown();
            let _ = conn.await;
        }
    }
}
