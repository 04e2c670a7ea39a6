//! `ossctl serve` flags (clap). Syntax only; `app::serve` turns them into a
//! `server::ServeConfig`. `--quiet` is the global `-q/--quiet` (no per-request log lines).

use std::net::SocketAddr;
use std::path::PathBuf;

// Flags of `ossctl serve`.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = super::SHORT_HELP_FOOTER_GLOBAL)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free port).
    #[arg(long, default_value = "127.0.0.1:9000", value_name = "ADDR")]
    pub addr: SocketAddr,

    /// Data directory (buckets, CORS configurations, objects). Default:
    /// $XDG_DATA_HOME/ossctl/serve, else ~/.local/share/ossctl/serve.
    #[arg(
        long,
        value_name = "DIR",
        env = "OSSCTL_SERVE_DATA_DIR",
        hide_env_values = true
    )]
    pub data_dir: Option<PathBuf>,

    /// Create this bucket at start if it does not exist (repeatable).
    #[arg(long = "bucket", value_name = "NAME")]
    pub buckets: Vec<String>,

    /// Create this bucket at start if needed and make it public-read (repeatable).
    #[arg(long = "public-bucket", value_name = "NAME")]
    pub public_buckets: Vec<String>,

    /// AccessKeyId clients must sign with (default: the documented development key).
    #[arg(
        long,
        value_name = "ID",
        env = "OSSCTL_SERVE_ACCESS_KEY_ID",
        hide_env_values = true,
        requires = "access_key_secret"
    )]
    pub access_key_id: Option<String>,

    /// AccessKeySecret clients must sign with (default: the documented development secret).
    #[arg(
        long,
        value_name = "SECRET",
        env = "OSSCTL_SERVE_ACCESS_KEY_SECRET",
        hide_env_values = true,
        requires = "access_key_id"
    )]
    pub access_key_secret: Option<String>,

    /// Accept this STS security token (repeatable). Without it, any token is accepted with
    /// the configured key pair.
    #[arg(long = "sts-token", value_name = "TOKEN")]
    pub sts_tokens: Vec<String>,

    /// Region that V4 signature scopes must name (bare form, e.g. cn-hangzhou).
    #[arg(long, default_value = "cn-hangzhou", value_name = "REGION")]
    pub region: String,

    /// Base domain for virtual-host addressing: <bucket>.<DOMAIN>.
    #[arg(long, default_value = "localhost", value_name = "DOMAIN")]
    pub domain: String,

    /// Serve HTTPS with this PEM certificate chain (needs --tls-key).
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,

    /// PEM private key for --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,

    /// Allow listening on a non-loopback address (then pass your own key pair; plain HTTP
    /// is warned about unless --tls-cert is given).
    #[arg(long)]
    pub allow_remote: bool,

    /// What the endpoint does where OSS's documentation is silent (the same model as
    /// `cors test`).
    #[command(flatten)]
    pub behaviour: super::BehaviourArgs,
    /// On a non-loopback address, serve the published development key pair anyway: anyone
    /// who can reach the address can then read and write every bucket. Warns at every start.
    #[arg(long)]
    pub insecure_dev_credentials: bool,
}
