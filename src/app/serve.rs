//! Runs `ossctl serve`: turns the flags into a [`ServeConfig`], refuses and warns about an
//! endpoint others can reach, starts it on a tokio runtime, prints where it is and how to
//! sign for it (prose and a ready-to-paste `export` line, or one JSON line with
//! `--output json`), and stops gracefully on Ctrl-C or SIGTERM. The only place `serve`
//! touches env, stdout/stderr and signals.
//!
//! Secrets: the secret of the documented development key pair is printed (it is published
//! in the README and refused off the loopback unless `--insecure-dev-credentials`). A secret
//! the user gave is never printed: the `export` line names `$OSSCTL_SERVE_ACCESS_KEY_SECRET`
//! when the secret came from that variable and leaves `OSS_ACCESS_KEY_SECRET` out when it
//! came from `--access-key-secret`; the JSON line has `"access_key_secret": null`.

use std::path::PathBuf;

use crate::app::Context;
use crate::cli::OutputFormat;
use crate::cli::serve::ServeArgs;
use crate::exit::{CommandResult, ExitStatus, Failure};
use crate::oss::secret::Secret;
use crate::server::{self, ServeConfig, ServerHandle, TlsFiles};

/// The variable `--access-key-secret` can also come from.
const SECRET_ENV: &str = "OSSCTL_SERVE_ACCESS_KEY_SECRET";

/// Run the local endpoint until Ctrl-C / SIGTERM.
pub fn run(ctx: &Context, args: &ServeArgs) -> CommandResult {
    if ctx.output == OutputFormat::Yaml {
        return Err(Failure::usage(
            "serve has no YAML output: use --output json for one machine-readable ready line \
             on stdout, or the default text",
        ));
    }
    let mut config = config_from_args(args)?;
    // The global -q/--quiet lowers our own log level to errors only (see `app::init`); the
    // per-request lines follow it. (The global maximum level is no guide: `-q` keeps other
    // crates at `warn`, so it stayed WARN and `-q` did not silence the per-request lines.)
    config.access_log = tracing::enabled!(target: "ossctl::serve", tracing::Level::WARN);
    // -v adds the query string (signatures and tokens redacted) to each line.
    config.access_log_query = tracing::enabled!(target: "ossctl::serve", tracing::Level::INFO);
    // Refused before anything is opened or bound (exit 2); then the warnings, at every start
    // and also with -q: they are about who can read and write this endpoint.
    server::check_exposure(&config).map_err(|e| Failure::usage(format!("ossctl serve: {e}")))?;
    for warning in server::exposure_warnings(&config) {
        super::warning(warning);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::new(
                ExitStatus::Usage,
                miette::miette!("cannot start tokio: {e}"),
            )
        })?;
    runtime.block_on(serve(ctx, config, args))
}

/// Where the client gets the secret from, as far as `serve` may say.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SecretShown {
    /// The documented development secret, printed as is.
    Development(&'static str),
    /// A secret given through `$OSSCTL_SERVE_ACCESS_KEY_SECRET`: referred to by name.
    FromEnv,
    /// A secret given with `--access-key-secret`: not shown at all.
    Hidden,
}

fn secret_shown(args: &ServeArgs) -> SecretShown {
    match &args.access_key_secret {
        None => SecretShown::Development(server::DEV_ACCESS_KEY_SECRET),
        Some(given) => {
            if std::env::var(SECRET_ENV).is_ok_and(|v| &v == given) {
                SecretShown::FromEnv
            } else {
                SecretShown::Hidden
            }
        }
    }
}

/// The JSON ready line (`--output json`): one object, one line, keys in this order.
#[derive(Debug, serde::Serialize)]
struct Ready<'a> {
    event: &'static str,
    endpoint: &'a str,
    address: String,
    port: u16,
    virtual_host_endpoint: String,
    region: &'a str,
    access_key_id: &'a str,
    /// Only the published development secret; `null` for a secret the user gave.
    access_key_secret: Option<&'static str>,
    development_credentials: bool,
    data_dir: String,
}

async fn serve(ctx: &Context, config: ServeConfig, args: &ServeArgs) -> CommandResult {
    let shown = secret_shown(args);
    let sts_tokens = config.sts_tokens.len();
    let region = config.region.clone();
    let domain = config.domain.clone();
    let access_key_id = config.access_key_id.clone();
    let handle = server::start(config)
        .await
        .map_err(|e| Failure::usage(format!("ossctl serve: {e}")))?;
    if let Some(mode) = handle.exposed_data_dir_mode() {
        let dir = handle.data_dir().display().to_string();
        super::warning(format!(
            "data directory {dir} is accessible to group or others (mode {mode:04o}): other \
                 users of this machine may read the objects of every bucket from disk. Fix it \
                 with: chmod -R go= {}",
            shell_quote(&dir)
        ));
    }
    let url = handle.endpoint_url();
    let port = handle.addr().port();
    let scheme = if url.starts_with("https") {
        "https"
    } else {
        "http"
    };
    let vhost = format!("{scheme}://<bucket>.{domain}:{port}");
    if ctx.output == OutputFormat::Json {
        let ready = Ready {
            event: "ready",
            endpoint: &url,
            address: handle.addr().to_string(),
            port,
            virtual_host_endpoint: vhost,
            region: &region,
            access_key_id: &access_key_id,
            access_key_secret: match shown {
                SecretShown::Development(s) => Some(s),
                _ => None,
            },
            development_credentials: matches!(shown, SecretShown::Development(_)),
            data_dir: handle.data_dir().display().to_string(),
        };
        print!(
            "{}",
            crate::render::json_line(&ready).map_err(crate::render::Error::from)?
        );
    } else {
        print_banner(&handle, &shown, &region, &access_key_id, &vhost, sts_tokens);
    }
    use std::io::Write as _;
    let _ = std::io::stdout().flush();
    wait_for_signal().await;
    eprintln!("ossctl serve: stopping (finishing in-flight requests)");
    handle.shutdown().await;
    eprintln!("ossctl serve: stopped");
    Ok(ExitStatus::Success)
}

/// The text banner on stdout: where, which credentials, STS, data directory, then the
/// `export` line for ossctl (and anything else reading the same variables).
fn print_banner(
    handle: &ServerHandle,
    shown: &SecretShown,
    region: &str,
    access_key_id: &str,
    vhost: &str,
    sts_tokens: usize,
) {
    let url = handle.endpoint_url();
    println!(
        "ossctl serve: endpoint {url} (path style: {url}/<bucket>/<key>; virtual-host: {vhost}/<key>)"
    );
    match shown {
        SecretShown::Development(secret) => println!(
            "ossctl serve: credentials: AccessKeyId {access_key_id} AccessKeySecret {secret} (documented development defaults; pass --access-key-id/--access-key-secret to choose), region {region}"
        ),
        _ => println!(
            "ossctl serve: credentials: AccessKeyId {access_key_id} with the AccessKeySecret you gave (not shown), region {region}"
        ),
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
    println!("ossctl serve: to point ossctl at it from a shell, paste:");
    println!();
    println!("{}", export_line(&url, region, access_key_id, shown));
    println!();
    if *shown == SecretShown::Hidden {
        println!(
            "ossctl serve: OSS_ACCESS_KEY_SECRET is left out: export the secret you gave with --access-key-secret yourself (ossctl never prints it)"
        );
    }
    println!("ossctl serve: press Ctrl-C to stop");
}

/// `export OSS_ENDPOINT=… OSS_REGION=… OSS_ACCESS_KEY_ID=… [OSS_ACCESS_KEY_SECRET=…]`, each
/// value quoted for POSIX shells where it needs it.
fn export_line(url: &str, region: &str, access_key_id: &str, shown: &SecretShown) -> String {
    let mut line = format!(
        "export OSS_ENDPOINT={} OSS_REGION={} OSS_ACCESS_KEY_ID={}",
        shell_quote(url),
        shell_quote(region),
        shell_quote(access_key_id)
    );
    match shown {
        SecretShown::Development(secret) => {
            line.push_str(" OSS_ACCESS_KEY_SECRET=");
            line.push_str(&shell_quote(secret));
        }
        SecretShown::FromEnv => {
            line.push_str(&format!(" OSS_ACCESS_KEY_SECRET=\"${SECRET_ENV}\""));
        }
        SecretShown::Hidden => {}
    }
    line
}

/// `value` as one word for a POSIX shell: as is when it is made of characters no shell
/// treats specially, else in single quotes (`'` written as `'\''`).
fn shell_quote(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.,/:@%+=".contains(&b));
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
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
    config.insecure_dev_credentials = args.insecure_dev_credentials;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_quote_leaves_plain_words_and_quotes_the_rest() {
        assert_eq!(
            shell_quote("http://127.0.0.1:9000"),
            "http://127.0.0.1:9000"
        );
        assert_eq!(shell_quote("LTAI5tOssctlDevKeyId"), "LTAI5tOssctlDevKeyId");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), "'it'\\''s'");
        assert_eq!(shell_quote("$HOME"), "'$HOME'");
        assert_eq!(shell_quote(""), "''");
    }

    #[test]
    fn the_export_line_never_holds_a_given_secret() {
        let url = "http://127.0.0.1:9000";
        let dev = export_line(
            url,
            "cn-hangzhou",
            server::DEV_ACCESS_KEY_ID,
            &SecretShown::Development(server::DEV_ACCESS_KEY_SECRET),
        );
        assert_eq!(
            dev,
            format!(
                "export OSS_ENDPOINT={url} OSS_REGION=cn-hangzhou OSS_ACCESS_KEY_ID={} OSS_ACCESS_KEY_SECRET={}",
                server::DEV_ACCESS_KEY_ID,
                server::DEV_ACCESS_KEY_SECRET
            )
        );
        let env = export_line(url, "cn-hangzhou", "AK", &SecretShown::FromEnv);
        assert!(
            env.ends_with(" OSS_ACCESS_KEY_SECRET=\"$OSSCTL_SERVE_ACCESS_KEY_SECRET\""),
            "{env}"
        );
        let hidden = export_line(url, "cn-hangzhou", "AK", &SecretShown::Hidden);
        assert!(!hidden.contains("SECRET"), "{hidden}");
    }
}
