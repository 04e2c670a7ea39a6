//! Runs `ossctl serve`: turns the flags into a [`ServeConfig`], starts the endpoint on a
//! tokio runtime, prints where it is and how to sign for it, and stops gracefully on Ctrl-C
//! or SIGTERM. The only place `serve` touches env, stdout/stderr and signals.

use std::path::PathBuf;

use crate::cli::serve::ServeArgs;
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::secret::Secret;
use crate::server::{self, ServeConfig, TlsFiles};

/// Run the local endpoint until Ctrl-C / SIGTERM.
pub fn run(args: &ServeArgs) -> CommandResult {
    let mut config = config_from_args(args)?;
    // The global -q/--quiet lowers our own log level to errors only (see `app::init`); the
    // per-request lines follow it. (The global maximum level is no guide: `-q` keeps other
    // crates at `warn`, so it stayed WARN and `-q` did not silence the per-request lines.)
    config.access_log = tracing::enabled!(target: "ossctl::serve", tracing::Level::WARN);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                ExitStatus::Usage,
                miette::miette!("cannot start tokio: {e}"),
            )
        })?;
    runtime.block_on(serve(config, args))
}

async fn serve(config: ServeConfig, args: &ServeArgs) -> CommandResult {
    let dev_credentials = args.access_key_id.is_none();
    let sts_tokens = config.sts_tokens.len();
    let region = config.region.clone();
    let domain = config.domain.clone();
    let access_key_id = config.access_key_id.clone();
    let handle = server::start(config)
        .await
        .map_err(|e| Failure::usage(format!("ossctl serve: {e}")))?;
    let url = handle.endpoint_url();
    let port = handle.addr().port();
    let scheme = if url.starts_with("https") {
        "https"
    } else {
        "http"
    };
    println!(
        "ossctl serve: endpoint {url} (path style: {url}/<bucket>/<key>; virtual-host: {scheme}://<bucket>.{domain}:{port}/<key>)"
    );
    if dev_credentials {
        println!(
            "ossctl serve: credentials: AccessKeyId {access_key_id} AccessKeySecret {} (documented development defaults; pass --access-key-id/--access-key-secret to choose), region {region}",
            server::DEV_ACCESS_KEY_SECRET
        );
    } else {
        println!(
            "ossctl serve: credentials: AccessKeyId {access_key_id} with the AccessKeySecret you gave (not shown), region {region}"
        );
    }
    if sts_tokens == 0 {
        println!(
            "ossctl serve: STS: any security token is accepted with this key pair (no --sts-token given)"
        );
    } else {
        println!("ossctl serve: STS: {sts_tokens} security token(s) accepted (--sts-token)");
    }
    println!(
        "ossctl serve: data directory {}",
        handle.data_dir().display()
    );
    println!("ossctl serve: press Ctrl-C to stop");
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    wait_for_signal().await;
    eprintln!("ossctl serve: stopping (finishing in-flight requests)");
    handle.shutdown().await;
    eprintln!("ossctl serve: stopped");
    Ok(ExitStatus::Success)
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// The default data directory: `$XDG_DATA_HOME/ossctl/serve`, else
/// `~/.local/share/ossctl/serve`, else `./ossctl-serve-data`.
fn default_data_dir() -> PathBuf {
    if let Some(x) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
        return PathBuf::from(x).join("ossctl").join("serve");
    }
    match std::env::home_dir() {
        Some(home) => home.join(".local/share/ossctl/serve"),
        None => PathBuf::from("ossctl-serve-data"),
    }
}

/// Flags → configuration (validation that needs no I/O happens here or in `server::start`).
pub fn config_from_args(args: &ServeArgs) -> Result<ServeConfig, Failure> {
    let data_dir = args.data_dir.clone().unwrap_or_else(default_data_dir);
    let mut config = ServeConfig::new(data_dir);
    config.addr = args.addr;
    config.allow_remote = args.allow_remote;
    config.buckets = args.buckets.clone();
    config.public_buckets = args.public_buckets.clone();
    match (&args.access_key_id, &args.access_key_secret) {
        (Some(id), Some(secret)) => {
            if id.trim().is_empty() || secret.is_empty() {
                return Err(Failure::usage(
                    "--access-key-id and --access-key-secret must not be empty",
                ));
            }
            config.access_key_id = id.trim().to_string();
            config.access_key_secret = Secret::new(secret.clone());
        }
        (None, None) => {}
        _ => {
            return Err(Failure::usage(
                "--access-key-id and --access-key-secret must be given together",
            ));
        }
    }
    config.sts_tokens = args
        .sts_tokens
        .iter()
        .map(|t| Secret::new(t.clone()))
        .collect();
    let region = args.region.trim();
    if region.is_empty() {
        return Err(Failure::usage("--region must not be empty"));
    }
    if let Some(bare) = region.strip_prefix("oss-") {
        return Err(Failure::usage(format!(
            "--region {region:?} is an endpoint label; V4 scopes name the bare region: use --region {bare}"
        )));
    }
    config.region = region.to_string();
    config.domain = args.domain.trim().trim_matches('.').to_ascii_lowercase();
    if config.domain.is_empty() {
        return Err(Failure::usage("--domain must not be empty"));
    }
    config.tls = match (&args.tls_cert, &args.tls_key) {
        (Some(cert), Some(key)) => Some(TlsFiles {
            cert: cert.clone(),
            key: key.clone(),
        }),
        (None, None) => None,
        _ => {
            return Err(Failure::usage(
                "--tls-cert and --tls-key must be given together",
            ));
        }
    };
    config.behaviour = super::behaviour::load(&args.behaviour)?.choices;
    Ok(config)
}
